/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-verifactu-sender.h: the invoice records' outbox to the tax agency */
#pragma once

#include <gio/gio.h>

#include "pacta-database.h"

G_BEGIN_DECLS

#define PACTA_VERIFACTU_ENDPOINT_PRODUCTION "https://www1.agenciatributaria.gob.es/wlpl/TIKE-CONT/ws/SistemaFacturacion/VerifactuSOAP"
#define PACTA_VERIFACTU_ENDPOINT_TESTING    "https://prewww1.aeat.es/wlpl/TIKE-CONT/ws/SistemaFacturacion/VerifactuSOAP"

/* Records sent more than this long after they were made carry Incidencia=S */
#define PACTA_VERIFACTU_LATE_SECONDS 240
/* The wait before the first reply says otherwise */
#define PACTA_VERIFACTU_DEFAULT_WAIT 60

typedef struct
{
  char            *endpoint;       /* https URL of the web service */
  GTlsCertificate *certificate;    /* the company's or its representative's, with its key */
  GTlsDatabase    *trust;          /* (nullable): the CAs to trust; NULL for the system's */
  guint            timeout;        /* seconds to wait for a reply; 0 for the default */
} PactaVerifactuConnection;

typedef struct
{
  guint      n_submissions;   /* requests that got a reply */
  guint      n_accepted;      /* records the agency now holds */
  guint      n_rejected;      /* records it refused: to be corrected by new records */
  gint64     n_pending;       /* records still to send */
  GDateTime *next_send;       /* (nullable): not before this, as the agency asked */
} PactaVerifactuSendReport;

PactaVerifactuConnection *pacta_verifactu_connection_new  (PactaDatabase             *database,
                                                       const char                *certificate_path,
                                                       const char                *password,
                                                       GError                   **error);
PactaVerifactuConnection *pacta_verifactu_connection_new_with_certificate (PactaDatabase     *database,
                                                                       GTlsCertificate   *certificate,
                                                                       GError           **error);
void     pacta_verifactu_connection_free   (PactaVerifactuConnection  *connection);
gint64   pacta_verifactu_last_result   (PactaDatabase             *database);
char    *pacta_verifactu_describe_results  (PactaDatabase             *database,
                                            gint64                     after_result,
                                            guint                     *n_rejected,
                                            GError                   **error);
gint64   pacta_verifactu_count_accepted    (PactaDatabase             *database,
                                            GError                   **error);
gint64   pacta_verifactu_count_rejected    (PactaDatabase             *database,
                                            GError                   **error);
gboolean pacta_verifactu_send_pending (PactaDatabase             *database,
                                       PactaVerifactuConnection  *connection,
                                       PactaVerifactuSendReport  *report,
                                       GCancellable              *cancellable,
                                       GError                   **error);
void     pacta_verifactu_send_report_clear (PactaVerifactuSendReport *report);
int      pacta_verifactu_get_wait          (PactaDatabase            *database);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PactaVerifactuConnection, pacta_verifactu_connection_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PactaVerifactuSendReport, pacta_verifactu_send_report_clear)

G_END_DECLS
