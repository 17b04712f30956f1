/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-verifactu.h: Spain's invoicing-software rules (RD 1007/2023) — the
 * chained, append-only record of every invoice and credit note issued */
#pragma once

#include "pacta-database.h"
#include "pacta-invoice-document.h"

G_BEGIN_DECLS

/* Where the printed QR code sends whoever checks the invoice. The mode the
 * record was made in decides, not whether it was sent yet: records made in
 * VERI*FACTU mode (every record since sending exists) use ValidarQR, of the
 * environment they are sent to; older ones the "no VERI*FACTU" check */
#define PACTA_VERIFACTU_QR_BASE          "https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQRNoVerifactu?"
#define PACTA_VERIFACTU_QR_BASE_SENT     "https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQR?"
#define PACTA_VERIFACTU_QR_BASE_TESTING  "https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?"

/* The environments of the agency's web service (setting verifactu-environment) */
#define PACTA_VERIFACTU_PRODUCTION "production"
#define PACTA_VERIFACTU_TEST       "test"

/* The most records one XML file (one submission) may hold */
#define PACTA_VERIFACTU_BATCH 1000

typedef struct
{
  gboolean  enabled;
  char     *issuer_nif;       /* IDEmisorFactura */
  char     *system_name;      /* NombreSistemaInformatico */
  char     *system_id;        /* IdSistemaInformatico, 2 characters */
  char     *system_version;   /* Version */
  char     *installation;     /* NumeroInstalacion */
  char     *producer_name;    /* the producer's NombreRazon */
  char     *producer_nif;     /* and NIF; empty when it has none in Spain */
  char     *environment;      /* PACTA_VERIFACTU_PRODUCTION or _TEST; NULL when saved: unchanged */
} PactaVerifactuSettings;

PactaVerifactuSettings *pacta_verifactu_settings_load (PactaDatabase           *database,
                                                       GError                 **error);
gboolean                pacta_verifactu_settings_save (PactaDatabase           *database,
                                                       PactaVerifactuSettings  *settings,
                                                       GError                 **error);
void                    pacta_verifactu_settings_free (PactaVerifactuSettings  *settings);

gboolean  pacta_nif_is_valid               (const char *nif);
char     *pacta_verifactu_hash             (const char *text);
char     *pacta_verifactu_amount           (gint64      cents);
char     *pacta_verifactu_date             (const char *iso_date);
char     *pacta_verifactu_registration_text (const char *issuer_nif,
                                             const char *number,
                                             const char *date,
                                             const char *invoice_type,
                                             const char *tax_total,
                                             const char *gross_total,
                                             const char *previous_hash,
                                             const char *generated_at);
char     *pacta_verifactu_cancellation_text (const char *issuer_nif,
                                             const char *number,
                                             const char *date,
                                             const char *previous_hash,
                                             const char *generated_at);
char     *pacta_verifactu_qr_url           (const char *base,
                                            const char *issuer_nif,
                                            const char *number,
                                            const char *date,
                                            const char *gross_total);

gboolean  pacta_verifactu_record_invoice   (PactaDatabase  *database,
                                            gint64          invoice_id,
                                            GError        **error);
char     *pacta_verifactu_registration_detail (PactaDatabase           *database,
                                               PactaVerifactuSettings  *settings,
                                               PactaInvoiceDocument    *document,
                                               GError                 **error);

/* The registration records of one transaction that issues many invoices (a
 * billing run): settings read and statements prepared once, the chain's
 * last fingerprint kept in memory */
typedef struct _PactaVerifactuRecorder PactaVerifactuRecorder;

PactaVerifactuRecorder *pacta_verifactu_recorder_new  (PactaDatabase           *database,
                                                       GDateTime               *now);
gboolean                pacta_verifactu_recorder_add  (PactaVerifactuRecorder  *recorder,
                                                       PactaInvoiceDocument    *document,
                                                       GError                 **error);
void                    pacta_verifactu_recorder_free (PactaVerifactuRecorder  *recorder);

gboolean  pacta_verifactu_record_cancellation (PactaDatabase  *database,
                                               gint64          invoice_id,
                                               GError        **error);
char     *pacta_verifactu_invoice_qr_url   (PactaDatabase  *database,
                                            gint64          invoice_id);
char     *pacta_verifactu_invoice_qr       (PactaDatabase  *database,
                                            gint64          invoice_id,
                                            gboolean       *verifactu_mode);
gboolean  pacta_verifactu_record_correction (PactaDatabase  *database,
                                              gint64          invoice_id,
                                              GError        **error);
gint64    pacta_verifactu_count_pending    (PactaDatabase  *database,
                                            GError        **error);

typedef struct
{
  guint   n_records;
  gboolean intact;
  gint64  record_id;      /* the first broken record, when not intact */
  char   *number;         /* its invoice number */
  char   *problem;        /* what is wrong, in words */
  char   *expected;
  char   *found;
} PactaVerifactuCheck;

PactaVerifactuCheck *pacta_verifactu_verify      (PactaDatabase        *database,
                                                  GError              **error);
char                *pacta_verifactu_check_describe (PactaVerifactuCheck *check);
void                 pacta_verifactu_check_free  (PactaVerifactuCheck  *check);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PactaVerifactuSettings, pacta_verifactu_settings_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PactaVerifactuCheck, pacta_verifactu_check_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PactaVerifactuRecorder, pacta_verifactu_recorder_free)

G_END_DECLS
