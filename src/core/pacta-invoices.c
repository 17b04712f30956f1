/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-invoices.c: an issued invoice never changes, but it moves on: it is
 * paid (with the payment date), or it is corrected by a credit note that
 * cancels it in full — its own number from the credit-note sequence, the same
 * lines with the quantities negated, linked to the original, which becomes
 * "credited". Both happen in one transaction.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pacta-clock.h"
#include "pacta-contract.h"
#include "pacta-date.h"
#include "pacta-error.h"
#include "pacta-invoices.h"
#include "pacta-money.h"
#include "pacta-numbering.h"
#include "pacta-verifactu.h"

static gboolean
load_state (PactaDatabase  *database,
            gint64          invoice_id,
            char          **kind,
            char          **status,
            char          **issue_date,
            GError        **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (database,
                                               "SELECT kind, status, issue_date FROM invoices WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, invoice_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *kind = g_strdup (pacta_sql_column_text (stmt, 0));
      *status = g_strdup (pacta_sql_column_text (stmt, 1));
      *issue_date = g_strdup (pacta_sql_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND, _("The invoice no longer exists"));
  else
    pacta_database_set_error (database, error, _("reading invoices"));
  return FALSE;
}

/**
 * pacta_invoice_find_by_number:
 *
 * Returns: the id of the invoice or credit note with that number; 0 with
 *   %PACTA_ERROR_NOT_FOUND when there is none, -1 on a database error
 */
gint64
pacta_invoice_find_by_number (PactaDatabase  *database,
                              const char     *number,
                              GError        **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (database, "SELECT id FROM invoices WHERE number = ?", error);
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  pacta_sql_bind_text (stmt, 1, number);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    /* Translators: %s is what was given as an invoice number */
    g_set_error (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND, _("No invoice has the number “%s”"), number);
  else if (rc != SQLITE_ROW)
    {
      pacta_database_set_error (database, error, _("reading invoices"));
      return -1;
    }
  return id;
}

/**
 * pacta_invoice_mark_paid:
 * @paid_on: the payment date, YYYY-MM-DD, not before the invoice's date
 *
 * Only an issued invoice can be paid: not a credit note, not one credited.
 */
gboolean
pacta_invoice_mark_paid (PactaDatabase  *database,
                         gint64          invoice_id,
                         const char     *paid_on,
                         GError        **error)
{
  g_autofree char *kind = NULL;
  g_autofree char *status = NULL;
  g_autofree char *issued = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);

  if (!pacta_date_is_valid (paid_on))
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                   _("Expected a payment date such as 2026-12-15 (YYYY-MM-DD)"));
      return FALSE;
    }
  if (!load_state (database, invoice_id, &kind, &status, &issued, error))
    return FALSE;
  if (g_strcmp0 (kind, "invoice") != 0 || g_strcmp0 (status, "issued") != 0)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_READ_ONLY,
                   g_strcmp0 (status, "paid") == 0 ? _("The invoice is paid already")
                   : g_strcmp0 (status, "credited") == 0 ? _("The invoice has been credited and can’t be paid")
                   : _("A credit note can’t be marked as paid"));
      return FALSE;
    }
  if (g_strcmp0 (paid_on, issued) < 0)
    {
      /* Translators: %s is the invoice's date */
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                   _("The payment date can’t be before the invoice’s date, %s"), issued);
      return FALSE;
    }

  stmt = pacta_database_prepare (database,
                                 "UPDATE invoices SET status = 'paid', paid_on = ?2 WHERE id = ?1 AND status = 'issued'",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, invoice_id);
  pacta_sql_bind_text (stmt, 2, paid_on);
  return pacta_database_step_done (database, stmt, error);
}

/* The lines of @invoice_id not credited yet, at @positions (all when NULL):
 * their net per tax rate, each rate's tax rounded once, as in the billing run */
static gboolean
credited_totals (PactaDatabase  *database,
                 gint64          invoice_id,
                 GArray         *positions,
                 guint          *n_lines,
                 gint64         *net,
                 gint64         *tax,
                 GError        **error)
{
  g_autoptr(GHashTable) per_rate = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer rate, sum;
  int rc;

  stmt = pacta_database_prepare (database,
                                 "SELECT l.position, l.tax_rate, l.net FROM invoice_lines l WHERE l.invoice_id = ?"
                                 " AND NOT EXISTS (SELECT 1 FROM invoice_lines c WHERE c.credited_line_id = l.id)"
                                 " ORDER BY l.position", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, invoice_id);
  *n_lines = 0;
  *net = *tax = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int position = sqlite3_column_int (stmt, 0);
      gboolean chosen = positions == NULL;
      gint64 *total;

      for (guint i = 0; positions != NULL && i < positions->len && !chosen; i++)
        chosen = g_array_index (positions, int, i) == position;
      if (!chosen)
        continue;
      if (!(total = g_hash_table_lookup (per_rate, GINT_TO_POINTER (sqlite3_column_int (stmt, 1)))))
        {
          total = g_new0 (gint64, 1);
          g_hash_table_insert (per_rate, GINT_TO_POINTER (sqlite3_column_int (stmt, 1)), total);
        }
      *total += sqlite3_column_int64 (stmt, 2);
      *net += sqlite3_column_int64 (stmt, 2);
      (*n_lines)++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pacta_database_set_error (database, error, _("reading invoice lines"));
      return FALSE;
    }
  g_hash_table_iter_init (&iter, per_rate);
  while (g_hash_table_iter_next (&iter, &rate, &sum))
    *tax += pacta_money_mul_div (*(gint64 *)sum, GPOINTER_TO_INT (rate), PACTA_PERCENT_SCALE);
  return TRUE;
}

/**
 * pacta_invoice_credit_lines:
 * @date: the credit note's date, YYYY-MM-DD
 * @positions: (nullable) (element-type int): the positions of the lines to
 *   credit; %NULL for every line not credited yet
 *
 * Cancels lines of an invoice with a credit note: its own number from the
 * credit-note sequence, the chosen lines with their quantities negated, each
 * naming the line it cancels (a line is credited once, ever). When no line is
 * left, the invoice becomes "credited". One transaction.
 *
 * Returns: (transfer full): the credit note's number
 */
char *
pacta_invoice_credit_lines (PactaDatabase  *database,
                            gint64          invoice_id,
                            const char     *date,
                            GArray         *positions,
                            GError        **error)
{
  g_autofree char *kind = NULL;
  g_autofree char *status = NULL;
  g_autofree char *issued = NULL;
  g_autofree char *number = NULL;
  g_autofree char *now_text = pacta_now_iso8601_utc ();
  sqlite3_stmt *stmt;
  guint n_lines = 0;
  gint64 net = 0, tax = 0;
  gint64 id;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), NULL);

  if (!pacta_date_is_valid (date))
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE, _("Expected a date such as 2026-12-15 (YYYY-MM-DD)"));
      return NULL;
    }

  if (!pacta_database_begin (database, error))
    return NULL;
  if (!load_state (database, invoice_id, &kind, &status, &issued, error))
    goto failed;
  if (g_strcmp0 (kind, "invoice") != 0 || g_strcmp0 (status, "credited") == 0)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_READ_ONLY,
                   g_strcmp0 (status, "credited") == 0 ? _("The invoice has been credited already")
                   : _("A credit note can’t be credited"));
      goto failed;
    }
  if (g_strcmp0 (date, issued) < 0)
    {
      /* Translators: %s is the invoice's date */
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                   _("The credit note can’t be dated before the invoice, %s"), issued);
      goto failed;
    }
  if (!credited_totals (database, invoice_id, positions, &n_lines, &net, &tax, error))
    goto failed;
  if (n_lines == 0)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                   _("Choose at least one line that has not been credited yet"));
      goto failed;
    }
  if (!(number = pacta_numbering_take_unlocked (database, "credit_note", date, error)))
    goto failed;

  stmt = pacta_database_prepare (database,
                                 "INSERT INTO invoices (kind, number, customer_id, billing_month, issue_date, due_date,"
                                 " currency, customer_snapshot, msp_snapshot, net, tax, gross, credited_invoice_id,"
                                 " created_at)"
                                 " SELECT 'credit_note', ?2, customer_id, NULL, ?3, ?3, currency, customer_snapshot,"
                                 " msp_snapshot, ?4, ?5, ?6, id, ?7 FROM invoices WHERE id = ?1",
                                 error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, invoice_id);
  pacta_sql_bind_text (stmt, 2, number);
  pacta_sql_bind_text (stmt, 3, date);
  sqlite3_bind_int64 (stmt, 4, -net);
  sqlite3_bind_int64 (stmt, 5, -tax);
  sqlite3_bind_int64 (stmt, 6, -(net + tax));
  pacta_sql_bind_text (stmt, 7, now_text);
  if (!pacta_database_step_done (database, stmt, error))
    goto failed;
  id = sqlite3_last_insert_rowid (pacta_database_get_handle (database));

  /* The chosen lines (every one still open when none are chosen), negated */
  stmt = pacta_database_prepare (database,
                                 "INSERT INTO invoice_lines (invoice_id, position, origin, description, quantity,"
                                 " unit_price, discount, tax_rate, net, period_start, period_end, credited_line_id)"
                                 " SELECT ?2, position, origin, description, -quantity, unit_price, discount, tax_rate,"
                                 " -net, period_start, period_end, id FROM invoice_lines l WHERE invoice_id = ?1"
                                 " AND (?3 IS NULL OR position = ?3)"
                                 " AND NOT EXISTS (SELECT 1 FROM invoice_lines c WHERE c.credited_line_id = l.id)"
                                 " ORDER BY position",
                                 error);
  if (stmt == NULL)
    goto failed;
  for (guint i = 0; i < (positions != NULL ? positions->len : 1); i++)
    {
      sqlite3_bind_int64 (stmt, 1, invoice_id);
      sqlite3_bind_int64 (stmt, 2, id);
      if (positions != NULL)
        sqlite3_bind_int (stmt, 3, g_array_index (positions, int, i));
      else
        sqlite3_bind_null (stmt, 3);
      if (!pacta_database_step_done (database, stmt, error))
        goto failed;
    }

  /* Spain's rules: the credit note's chained record, in the same transaction */
  if (!pacta_verifactu_record_invoice (database, id, error))
    goto failed;

  /* No line left to credit: the invoice is credited */
  if (!credited_totals (database, invoice_id, NULL, &n_lines, &net, &tax, error))
    goto failed;
  if (n_lines == 0)
    {
      stmt = pacta_database_prepare (database, "UPDATE invoices SET status = 'credited' WHERE id = ?", error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, invoice_id);
      if (!pacta_database_step_done (database, stmt, error))
        goto failed;
    }
  if (!pacta_database_commit (database, error))
    goto failed;
  return g_steal_pointer (&number);

failed:
  pacta_database_rollback (database);
  return NULL;
}

/**
 * pacta_invoice_credit:
 * @date: the credit note's date, YYYY-MM-DD
 *
 * Cancels every line of an invoice not credited yet with one credit note.
 *
 * Returns: (transfer full): the credit note's number
 */
char *
pacta_invoice_credit (PactaDatabase  *database,
                      gint64          invoice_id,
                      const char     *date,
                      GError        **error)
{
  return pacta_invoice_credit_lines (database, invoice_id, date, NULL, error);
}
