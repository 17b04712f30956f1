/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-verifactu-status.h: where each invoice stands with the tax agency
 * (VERI*FACTU), and the counts the window's banner shows */
#pragma once

#include "pacta-database.h"

G_BEGIN_DECLS

typedef enum
{
  PACTA_AGENCY_NONE,                  /* no record: issued with the rules off */
  PACTA_AGENCY_PENDING,               /* its last record is not answered yet */
  PACTA_AGENCY_ACCEPTED,
  PACTA_AGENCY_ACCEPTED_WITH_ERRORS,  /* held, with a problem to put right */
  PACTA_AGENCY_REJECTED,              /* not held: a correction is needed */
} PactaAgencyState;

typedef struct
{
  PactaAgencyState  state;
  gboolean          correction;     /* the last record corrects an earlier one */
  gboolean          correctable;    /* pacta_verifactu_record_correction() applies */
  char             *csv;            /* the agency's receipt, once it holds the record */
  int               code;           /* the agency's error code; 0 for none */
  char             *message;        /* and its words */
} PactaAgencyStatus;

PactaAgencyStatus *pacta_verifactu_invoice_status  (PactaDatabase      *database,
                                                    gint64              invoice_id,
                                                    GError            **error);
void               pacta_agency_status_free        (PactaAgencyStatus  *status);
const char        *pacta_agency_state_label        (PactaAgencyState    state);
char              *pacta_agency_status_describe    (PactaAgencyStatus  *status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PactaAgencyStatus, pacta_agency_status_free)

G_END_DECLS
