/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-invoice-store.c: the invoices table as a GListModel (see PactaRowStore), each
 * row read with where the invoice stands with the tax agency and how it went
 * out by email */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pacta-invoice.h"
#include "pacta-invoice-store.h"

struct _PactaInvoiceStore
{
  PactaRowStore parent_instance;
};

G_DEFINE_FINAL_TYPE (PactaInvoiceStore, pacta_invoice_store, PACTA_TYPE_ROW_STORE)

static gpointer
load_invoice (PactaDatabase  *database,
              gint64          id,
              GError        **error)
{
  g_autoptr(PactaAgencyStatus) agency = NULL;
  g_autofree char *agency_note = NULL;
  sqlite3_stmt *stmt;
  PactaInvoice *invoice;

  /* Read first: the invoice's properties are set once, when it is made */
  if (!(agency = pacta_verifactu_invoice_status (database, id, error)))
    return NULL;
  agency_note = pacta_agency_status_describe (agency);

  /* In the same read, by the outbox's unique index on invoice_id and the
   * billing information's key: whether the customer gets it by email is as
   * pacta_mail_queue_invoices() decides (the addresses were checked when
   * saved). The outbox's triggers bump the invoice's revision, so a row is
   * read again when its mail moves on. */
  stmt = pacta_row_store_read_one (database,
                                   "SELECT i.kind, i.number, c.name, i.issue_date, i.due_date, i.currency, i.gross,"
                                   " i.status, i.paid_on, i.exported_on, o.number, i.customer_id,"
                                   " m.state, m.sent_at, m.recipient, m.error,"
                                   " m.id IS NULL AND (b.send_by IS NOT 'email' OR coalesce (trim (b.invoice_email), '') = '')"
                                   " FROM invoices i JOIN customers c ON c.id = i.customer_id"
                                   " LEFT JOIN invoices o ON o.id = i.credited_invoice_id"
                                   " LEFT JOIN mail_outbox m ON m.invoice_id = i.id"
                                   " LEFT JOIN billing_info b ON b.customer_id = i.customer_id WHERE i.id = ?1",
                                   id, N_("The invoice no longer exists"), N_("reading invoices"), error);
  if (stmt == NULL)
    return NULL;
  invoice = g_object_new (PACTA_TYPE_INVOICE,
                          "id", id,
                          "kind", pacta_sql_column_text (stmt, 0),
                          "number", pacta_sql_column_text (stmt, 1),
                          "customer-name", pacta_sql_column_text (stmt, 2),
                          "issue-date", pacta_sql_column_text (stmt, 3),
                          "due-date", pacta_sql_column_text (stmt, 4),
                          "currency", pacta_sql_column_text (stmt, 5),
                          "gross", sqlite3_column_int64 (stmt, 6),
                          "status", pacta_sql_column_text (stmt, 7),
                          "paid-on", pacta_sql_column_text (stmt, 8),
                          "exported-on", pacta_sql_column_text (stmt, 9),
                          "credited-number", pacta_sql_column_text (stmt, 10),
                          "agency-state", (int) agency->state,
                          "agency-note", agency_note,
                          "customer-id", sqlite3_column_int64 (stmt, 11),
                          "mail-state", pacta_sql_column_text (stmt, 12),
                          "mail-sent-at", pacta_sql_column_text (stmt, 13),
                          "mail-recipient", pacta_sql_column_text (stmt, 14),
                          "mail-error", pacta_sql_column_text (stmt, 15),
                          "to-print", sqlite3_column_int (stmt, 16) != 0,
                          NULL);
  sqlite3_reset (stmt);
  return invoice;
}

static void
pacta_invoice_store_class_init (PactaInvoiceStoreClass *klass)
{
  PactaRowStoreClass *row_class = PACTA_ROW_STORE_CLASS (klass);

  row_class->item_type = PACTA_TYPE_INVOICE;
  row_class->revisions_sql = "SELECT id, revision FROM invoices ORDER BY id";
  row_class->load_row = load_invoice;
}

static void
pacta_invoice_store_init (PactaInvoiceStore *self)
{
}

PactaInvoiceStore *
pacta_invoice_store_new (PactaDatabase  *database,
                         GError        **error)
{
  return pacta_row_store_new (PACTA_TYPE_INVOICE_STORE, database, error);
}
