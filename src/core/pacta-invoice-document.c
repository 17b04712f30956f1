/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-invoice-document.c: an issued invoice read back whole — header, the
 * snapshots of the customer's and the MSP's details taken at issue, lines and
 * the tax per rate — so a PDF shows exactly what was issued, whatever changed
 * since.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pacta-error.h"
#include "pacta-invoice-document.h"
#include "pacta-money.h"
#include "pacta-verifactu.h"

static void
document_line_free (gpointer data)
{
  PactaDocumentLine *line = data;

  g_free (line->description);
  g_free (line->period_start);
  g_free (line->period_end);
  g_free (line);
}

void
pacta_invoice_document_free (PactaInvoiceDocument *document)
{
  if (document == NULL)
    return;
  g_free (document->kind);
  g_free (document->number);
  g_free (document->issue_date);
  g_free (document->due_date);
  g_free (document->currency);
  g_free (document->status);
  g_free (document->paid_on);
  g_free (document->credited_number);
  g_free (document->credited_date);
  g_free (document->qr_url);
  g_clear_pointer (&document->customer, json_object_unref);
  g_clear_pointer (&document->msp, json_object_unref);
  g_clear_pointer (&document->lines, g_ptr_array_unref);
  g_clear_pointer (&document->tax_bands, g_array_unref);
  g_free (document);
}

/**
 * pacta_invoice_document_member:
 * @object: (nullable): a snapshot
 *
 * Returns: (nullable): the member's text, or %NULL when it is missing,
 *   empty or not text
 */
const char *
pacta_invoice_document_member (JsonObject *object,
                               const char *name)
{
  JsonNode *node;
  const char *text;

  if (object == NULL || !(node = json_object_get_member (object, name)) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  text = json_node_get_string (node);
  return text != NULL && *text != '\0' ? text : NULL;
}

static JsonObject *
parse_snapshot (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL) ||
      !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_OBJECT (root))
    return json_object_new ();
  return json_object_ref (json_node_get_object (root));
}

static int
compare_bands (gconstpointer a,
               gconstpointer b)
{
  const PactaTaxBand *x = a, *y = b;

  return (x->tax_rate > y->tax_rate) - (x->tax_rate < y->tax_rate);
}

/**
 * pacta_invoice_document_new:
 *
 * An empty document with no lines, for one being issued: the billing run
 * fills it from what it has just written instead of reading it back.
 *
 * Returns: (transfer full): the document
 */
PactaInvoiceDocument *
pacta_invoice_document_new (void)
{
  PactaInvoiceDocument *document = g_new0 (PactaInvoiceDocument, 1);

  document->lines = g_ptr_array_new_with_free_func (document_line_free);
  return document;
}

/**
 * pacta_invoice_document_compute_tax_bands:
 *
 * Net per rate, then each rate's tax rounded once: the rule the billing run
 * used for the invoice's tax total, so the bands add up to it. Replaces any
 * bands the document had.
 */
void
pacta_invoice_document_compute_tax_bands (PactaInvoiceDocument *document)
{
  g_return_if_fail (document != NULL && document->lines != NULL);

  g_clear_pointer (&document->tax_bands, g_array_unref);
  document->tax_bands = g_array_new (FALSE, TRUE, sizeof (PactaTaxBand));
  for (guint i = 0; i < document->lines->len; i++)
    {
      PactaDocumentLine *line = g_ptr_array_index (document->lines, i);
      PactaTaxBand *band = NULL;

      for (guint j = 0; j < document->tax_bands->len && band == NULL; j++)
        if (g_array_index (document->tax_bands, PactaTaxBand, j).tax_rate == line->tax_rate)
          band = &g_array_index (document->tax_bands, PactaTaxBand, j);
      if (band == NULL)
        {
          PactaTaxBand fresh = { line->tax_rate, 0, 0 };

          g_array_append_val (document->tax_bands, fresh);
          band = &g_array_index (document->tax_bands, PactaTaxBand, document->tax_bands->len - 1);
        }
      band->base += line->net;
    }
  g_array_sort (document->tax_bands, compare_bands);
  for (guint j = 0; j < document->tax_bands->len; j++)
    {
      PactaTaxBand *band = &g_array_index (document->tax_bands, PactaTaxBand, j);

      band->tax = pacta_money_mul_div (band->base, band->tax_rate, PACTA_PERCENT_SCALE);
    }
}

PactaInvoiceDocument *
pacta_invoice_document_load (PactaDatabase  *database,
                             gint64          invoice_id,
                             GError        **error)
{
  g_autoptr(PactaInvoiceDocument) document = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), NULL);

  stmt = pacta_database_prepare (database,
                                 "SELECT i.kind, i.number, i.issue_date, i.due_date, i.currency, i.status,"
                                 " o.number, i.net, i.tax, i.gross, i.customer_snapshot, i.msp_snapshot, i.paid_on, o.issue_date"
                                 " FROM invoices i LEFT JOIN invoices o ON o.id = i.credited_invoice_id"
                                 " WHERE i.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, invoice_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_set_error (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND, _("The invoice no longer exists"));
      else
        pacta_database_set_error (database, error, _("reading invoices"));
      return NULL;
    }

  document = g_new0 (PactaInvoiceDocument, 1);
  document->id = invoice_id;
  document->kind = g_strdup (pacta_sql_column_text (stmt, 0));
  document->number = g_strdup (pacta_sql_column_text (stmt, 1));
  document->issue_date = g_strdup (pacta_sql_column_text (stmt, 2));
  document->due_date = g_strdup (pacta_sql_column_text (stmt, 3));
  document->currency = g_strdup (pacta_sql_column_text (stmt, 4));
  document->status = g_strdup (pacta_sql_column_text (stmt, 5));
  document->credited_number = g_strdup (pacta_sql_column_text (stmt, 6));
  document->net = sqlite3_column_int64 (stmt, 7);
  document->tax = sqlite3_column_int64 (stmt, 8);
  document->gross = sqlite3_column_int64 (stmt, 9);
  document->customer = parse_snapshot (pacta_sql_column_text (stmt, 10));
  document->msp = parse_snapshot (pacta_sql_column_text (stmt, 11));
  document->paid_on = g_strdup (pacta_sql_column_text (stmt, 12));
  document->credited_date = g_strdup (pacta_sql_column_text (stmt, 13));
  sqlite3_reset (stmt);
  document->qr_url = pacta_verifactu_invoice_qr (database, invoice_id, &document->verifactu);

  stmt = pacta_database_prepare (database,
                                 "SELECT description, quantity, unit_price, discount, tax_rate, net,"
                                 " period_start, period_end, position,"
                                 " EXISTS (SELECT 1 FROM invoice_lines c WHERE c.credited_line_id = l.id)"
                                 " FROM invoice_lines l WHERE invoice_id = ? ORDER BY position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, invoice_id);
  document->lines = g_ptr_array_new_with_free_func (document_line_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PactaDocumentLine *line = g_new0 (PactaDocumentLine, 1);

      line->description = g_strdup (pacta_sql_column_text (stmt, 0));
      line->quantity = sqlite3_column_int64 (stmt, 1);
      line->unit_price = sqlite3_column_int64 (stmt, 2);
      line->discount = sqlite3_column_int (stmt, 3);
      line->tax_rate = sqlite3_column_int (stmt, 4);
      line->net = sqlite3_column_int64 (stmt, 5);
      line->period_start = g_strdup (pacta_sql_column_text (stmt, 6));
      line->period_end = g_strdup (pacta_sql_column_text (stmt, 7));
      line->position = sqlite3_column_int (stmt, 8);
      line->credited = sqlite3_column_int (stmt, 9) != 0;
      g_ptr_array_add (document->lines, line);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pacta_database_set_error (database, error, _("reading invoice lines"));
      return NULL;
    }

  pacta_invoice_document_compute_tax_bands (document);
  return g_steal_pointer (&document);
}
