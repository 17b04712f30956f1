/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-verifactu-status.c: where each invoice stands with the tax agency
 * (VERI*FACTU).
 *
 * An invoice's standing is its last record's: the registration made when
 * it was issued, or the last correction of it. Each record has at most one
 * answer that counts (pacta-verifactu-sender.c never sends a record again
 * once it has one), and the receipt (CSV) of the submission that carried
 * it.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pacta-verifactu-status.h"

/* "Accepted with errors" because the record was sent late: nothing to fix */
#define CODE_LATE 2004

void
pacta_agency_status_free (PactaAgencyStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->csv);
  g_free (status->message);
  g_free (status);
}

/**
 * pacta_verifactu_invoice_status:
 *
 * Returns: (transfer full): where the invoice stands with the tax agency;
 *   %NULL on a database error
 */
PactaAgencyStatus *
pacta_verifactu_invoice_status (PactaDatabase  *database,
                                gint64          invoice_id,
                                GError        **error)
{
  g_autoptr(PactaAgencyStatus) status = g_new0 (PactaAgencyStatus, 1);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), NULL);

  stmt = pacta_database_prepare (database,
                                 "SELECT r.kind, json_extract (r.detail, '$.Subsanacion') IS NOT NULL"
                                 "  OR json_extract (r.detail, '$.RechazoPrevio') IS NOT NULL,"
                                 " v.record_id IS NOT NULL, v.accepted, v.state, coalesce (v.code, 0), v.message, s.csv"
                                 " FROM invoice_records r"
                                 " LEFT JOIN verifactu_results v ON v.record_id = r.id"
                                 " LEFT JOIN verifactu_submissions s ON s.id = v.submission_id"
                                 " WHERE r.invoice_id = ?1"
                                 " ORDER BY r.id DESC, v.submission_id DESC LIMIT 1",
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, invoice_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      gboolean cancellation = g_strcmp0 (pacta_sql_column_text (stmt, 0), "anulacion") == 0;
      gboolean answered = sqlite3_column_int (stmt, 2) != 0;
      gboolean accepted = sqlite3_column_int (stmt, 3) != 0;

      status->correction = sqlite3_column_int (stmt, 1) != 0;
      status->code = sqlite3_column_int (stmt, 5);
      status->message = g_strdup (pacta_sql_column_text (stmt, 6));
      if (accepted)
        status->csv = g_strdup (pacta_sql_column_text (stmt, 7));

      if (!answered)
        status->state = PACTA_AGENCY_PENDING;
      else if (!accepted)
        status->state = PACTA_AGENCY_REJECTED;
      else if (g_strcmp0 (pacta_sql_column_text (stmt, 4), "AceptadoConErrores") == 0 && status->code != CODE_LATE)
        status->state = PACTA_AGENCY_ACCEPTED_WITH_ERRORS;
      else
        status->state = PACTA_AGENCY_ACCEPTED;
      status->correctable = status->state == PACTA_AGENCY_REJECTED ||
                            (status->state == PACTA_AGENCY_ACCEPTED_WITH_ERRORS && !cancellation);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pacta_database_set_error (database, error, _("reading the invoice records"));
      return NULL;
    }
  return g_steal_pointer (&status);
}

/**
 * pacta_agency_state_label:
 *
 * Returns: the state in a word or two, for a list's column; "" for
 *   %PACTA_AGENCY_NONE
 */
const char *
pacta_agency_state_label (PactaAgencyState state)
{
  switch (state)
    {
    case PACTA_AGENCY_PENDING:
      /* Translators: an invoice's record, not sent to the tax agency yet */
      return C_("agency", "Pending");
    case PACTA_AGENCY_ACCEPTED:
      return C_("agency", "Accepted");
    case PACTA_AGENCY_ACCEPTED_WITH_ERRORS:
      return C_("agency", "Accepted with errors");
    case PACTA_AGENCY_REJECTED:
      return C_("agency", "Rejected");
    case PACTA_AGENCY_NONE:
    default:
      return "";
    }
}

/**
 * pacta_agency_status_describe:
 *
 * Returns: (transfer full): the standing in a sentence, with the agency's
 *   receipt or its code and words; "" for an invoice without a record
 */
char *
pacta_agency_status_describe (PactaAgencyStatus *status)
{
  g_return_val_if_fail (status != NULL, NULL);

  switch (status->state)
    {
    case PACTA_AGENCY_PENDING:
      return g_strdup (status->correction ? _("Its correction is waiting to be sent to the tax agency")
                                          : _("Waiting to be sent to the tax agency"));
    case PACTA_AGENCY_ACCEPTED:
      if (status->csv != NULL)
        /* Translators: %s is the agency's receipt code (CSV) */
        return g_strdup_printf (_("Accepted by the tax agency, receipt %s"), status->csv);
      return g_strdup (_("Accepted by the tax agency"));
    case PACTA_AGENCY_ACCEPTED_WITH_ERRORS:
      /* Translators: the agency's receipt, then its error code and words */
      return g_strdup_printf (_("Accepted by the tax agency with errors, receipt %s: %d, %s"),
                              status->csv != NULL ? status->csv : "", status->code,
                              status->message != NULL ? status->message : "");
    case PACTA_AGENCY_REJECTED:
      /* Translators: the agency's error code and words */
      return g_strdup_printf (_("Rejected by the tax agency: %d, %s"), status->code,
                              status->message != NULL ? status->message : "");
    case PACTA_AGENCY_NONE:
    default:
      return g_strdup ("");
    }
}
