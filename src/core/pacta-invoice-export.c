/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-invoice-export.c: every invoice not yet exported, as CSV (invoices,
 * lines) and JSON (invoices with their lines), with the customer's debtor code.
 *
 * The files are written first, under names that never overwrite an earlier
 * export; only then are the invoices marked exported, in one transaction. If
 * marking fails the files are removed again, so an invoice is either exported
 * and marked, or neither.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pacta-csv.h"
#include "pacta-error.h"
#include "pacta-invoice-document.h"
#include "pacta-invoice-export.h"
#include "pacta-money.h"

typedef struct
{
  gint64  id;
  char   *kind;
  char   *number;
  gint64  customer_id;
  char   *customer_name;
  char   *business_name;
  char   *debtor_code;
  char   *vat_number;
  char   *country;
  char   *issue_date;
  char   *due_date;
  char   *currency;
  gint64  net;
  gint64  tax;
  gint64  gross;
  char   *status;
  char   *paid_on;
  char   *credited_number;
} ExportInvoice;

static void
export_invoice_free (gpointer data)
{
  ExportInvoice *invoice = data;

  g_free (invoice->kind);
  g_free (invoice->number);
  g_free (invoice->customer_name);
  g_free (invoice->business_name);
  g_free (invoice->debtor_code);
  g_free (invoice->vat_number);
  g_free (invoice->country);
  g_free (invoice->issue_date);
  g_free (invoice->due_date);
  g_free (invoice->currency);
  g_free (invoice->status);
  g_free (invoice->paid_on);
  g_free (invoice->credited_number);
  g_free (invoice);
}

/* Cents as a plain decimal with two places and a point: 1234 → "12.34" */
static char *
format_cents (gint64 cents)
{
  guint64 magnitude = cents < 0 ? (guint64) -cents : (guint64) cents;

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u", cents < 0 ? "-" : "",
                          magnitude / 100, (guint) (magnitude % 100));
}

/* 1/10000 as a decimal with up to four places: 15000 → "1.5" */
static char *
format_decimal (gint64 value)
{
  guint64 magnitude = value < 0 ? (guint64) -value : (guint64) value;
  char frac[8];
  int len;

  g_snprintf (frac, sizeof frac, "%04u", (guint) (magnitude % PACTA_DECIMAL_SCALE));
  for (len = 4; len > 0 && frac[len - 1] == '0'; len--)
    frac[len - 1] = '\0';
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT "%s%s", value < 0 ? "-" : "",
                          magnitude / PACTA_DECIMAL_SCALE, len > 0 ? "." : "", frac);
}

static GPtrArray *
load_unexported (PactaDatabase  *database,
                 GError        **error)
{
  g_autoptr(GPtrArray) invoices = g_ptr_array_new_with_free_func (export_invoice_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = pacta_database_prepare (database,
                                 "SELECT i.id, i.kind, i.number, i.customer_id, c.name, i.customer_snapshot,"
                                 " i.issue_date, i.due_date, i.currency, i.net, i.tax, i.gross, i.status,"
                                 " i.paid_on, o.number"
                                 " FROM invoices i JOIN customers c ON c.id = i.customer_id"
                                 " LEFT JOIN invoices o ON o.id = i.credited_invoice_id"
                                 " WHERE i.exported_on IS NULL ORDER BY i.id", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ExportInvoice *invoice = g_new0 (ExportInvoice, 1);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *snapshot = NULL;

      invoice->id = sqlite3_column_int64 (stmt, 0);
      invoice->kind = g_strdup (pacta_sql_column_text (stmt, 1));
      invoice->number = g_strdup (pacta_sql_column_text (stmt, 2));
      invoice->customer_id = sqlite3_column_int64 (stmt, 3);
      invoice->customer_name = g_strdup (pacta_sql_column_text (stmt, 4));
      if (json_parser_load_from_data (parser, pacta_sql_column_text (stmt, 5), -1, NULL) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        snapshot = json_node_get_object (json_parser_get_root (parser));
      invoice->business_name = g_strdup (pacta_invoice_document_member (snapshot, "business-name"));
      invoice->debtor_code = g_strdup (pacta_invoice_document_member (snapshot, "debtor-code"));
      invoice->vat_number = g_strdup (pacta_invoice_document_member (snapshot, "vat-number"));
      invoice->country = g_strdup (pacta_invoice_document_member (snapshot, "country"));
      invoice->issue_date = g_strdup (pacta_sql_column_text (stmt, 6));
      invoice->due_date = g_strdup (pacta_sql_column_text (stmt, 7));
      invoice->currency = g_strdup (pacta_sql_column_text (stmt, 8));
      invoice->net = sqlite3_column_int64 (stmt, 9);
      invoice->tax = sqlite3_column_int64 (stmt, 10);
      invoice->gross = sqlite3_column_int64 (stmt, 11);
      invoice->status = g_strdup (pacta_sql_column_text (stmt, 12));
      invoice->paid_on = g_strdup (pacta_sql_column_text (stmt, 13));
      invoice->credited_number = g_strdup (pacta_sql_column_text (stmt, 14));
      g_ptr_array_add (invoices, invoice);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pacta_database_set_error (database, error, _("reading invoices"));
      return NULL;
    }
  return g_steal_pointer (&invoices);
}

static void
csv_record (GString           *out,
            const char *const *fields,
            guint              n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      pacta_csv_append_field (out, fields[i]);
    }
  g_string_append (out, "\r\n");
}

static void
add_invoice_csv (GString       *out,
                 ExportInvoice *invoice)
{
  g_autofree char *net = format_cents (invoice->net);
  g_autofree char *tax = format_cents (invoice->tax);
  g_autofree char *gross = format_cents (invoice->gross);
  g_autofree char *customer_id = g_strdup_printf ("%" G_GINT64_FORMAT, invoice->customer_id);
  const char *fields[] = {
    invoice->number, invoice->kind, invoice->issue_date, invoice->due_date, customer_id,
    invoice->debtor_code, invoice->business_name, invoice->vat_number, invoice->country,
    invoice->currency, net, tax, gross, invoice->status, invoice->paid_on, invoice->credited_number,
  };

  csv_record (out, fields, G_N_ELEMENTS (fields));
}

static void
add_invoice_json (JsonBuilder   *builder,
                  ExportInvoice *invoice)
{
  json_builder_set_member_name (builder, "number");
  json_builder_add_string_value (builder, invoice->number);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, invoice->kind);
  json_builder_set_member_name (builder, "issue_date");
  json_builder_add_string_value (builder, invoice->issue_date);
  json_builder_set_member_name (builder, "due_date");
  json_builder_add_string_value (builder, invoice->due_date);
  json_builder_set_member_name (builder, "customer_id");
  json_builder_add_int_value (builder, invoice->customer_id);
  json_builder_set_member_name (builder, "customer_name");
  json_builder_add_string_value (builder, invoice->customer_name);
  json_builder_set_member_name (builder, "debtor_code");
  json_builder_add_string_value (builder, invoice->debtor_code);
  json_builder_set_member_name (builder, "business_name");
  json_builder_add_string_value (builder, invoice->business_name);
  json_builder_set_member_name (builder, "vat_number");
  json_builder_add_string_value (builder, invoice->vat_number);
  json_builder_set_member_name (builder, "country");
  json_builder_add_string_value (builder, invoice->country);
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, invoice->currency);
  /* Amounts in cents, as stored: no rounding happens on the way out */
  json_builder_set_member_name (builder, "net_cents");
  json_builder_add_int_value (builder, invoice->net);
  json_builder_set_member_name (builder, "tax_cents");
  json_builder_add_int_value (builder, invoice->tax);
  json_builder_set_member_name (builder, "gross_cents");
  json_builder_add_int_value (builder, invoice->gross);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, invoice->status);
  json_builder_set_member_name (builder, "paid_on");
  json_builder_add_string_value (builder, invoice->paid_on);
  json_builder_set_member_name (builder, "credited_invoice");
  json_builder_add_string_value (builder, invoice->credited_number);
}

static gboolean
add_lines (PactaDatabase  *database,
           ExportInvoice  *invoice,
           GString        *csv,
           JsonBuilder    *builder,
           GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = pacta_database_prepare (database,
                                 "SELECT position, origin, description, quantity, unit_price, discount,"
                                 " tax_rate, net, period_start, period_end"
                                 " FROM invoice_lines WHERE invoice_id = ? ORDER BY position", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, invoice->id);

  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *position = g_strdup_printf ("%d", sqlite3_column_int (stmt, 0));
      g_autofree char *quantity = format_decimal (sqlite3_column_int64 (stmt, 3));
      g_autofree char *unit_price = format_decimal (sqlite3_column_int64 (stmt, 4));
      g_autofree char *discount = format_cents (sqlite3_column_int64 (stmt, 5));
      g_autofree char *tax_rate = format_cents (sqlite3_column_int64 (stmt, 6));
      g_autofree char *net = format_cents (sqlite3_column_int64 (stmt, 7));
      const char *fields[] = {
        invoice->number, position, invoice->debtor_code, pacta_sql_column_text (stmt, 1),
        pacta_sql_column_text (stmt, 2), quantity, unit_price, discount, tax_rate, net,
        pacta_sql_column_text (stmt, 8), pacta_sql_column_text (stmt, 9),
      };

      csv_record (csv, fields, G_N_ELEMENTS (fields));

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "position");
      json_builder_add_int_value (builder, sqlite3_column_int (stmt, 0));
      json_builder_set_member_name (builder, "origin");
      json_builder_add_string_value (builder, pacta_sql_column_text (stmt, 1));
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, pacta_sql_column_text (stmt, 2));
      json_builder_set_member_name (builder, "quantity");
      json_builder_add_string_value (builder, quantity);
      json_builder_set_member_name (builder, "unit_price");
      json_builder_add_string_value (builder, unit_price);
      json_builder_set_member_name (builder, "discount_percent");
      json_builder_add_string_value (builder, discount);
      json_builder_set_member_name (builder, "tax_rate_percent");
      json_builder_add_string_value (builder, tax_rate);
      json_builder_set_member_name (builder, "net_cents");
      json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 7));
      json_builder_set_member_name (builder, "period_start");
      json_builder_add_string_value (builder, pacta_sql_column_text (stmt, 8));
      json_builder_set_member_name (builder, "period_end");
      json_builder_add_string_value (builder, pacta_sql_column_text (stmt, 9));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pacta_database_set_error (database, error, _("reading invoice lines"));
      return FALSE;
    }
  return TRUE;
}

/* pacta-2026-12-01, then pacta-2026-12-01-2, …: an export never overwrites another */
static char *
free_base_name (GFile       *directory,
                const char  *today)
{
  static const char *suffixes[] = { "-invoices.csv", "-invoice-lines.csv", "-invoices.json" };

  for (guint n = 1; ; n++)
    {
      g_autofree char *base = n == 1 ? g_strdup_printf ("pacta-%s", today)
                                     : g_strdup_printf ("pacta-%s-%u", today, n);
      gboolean taken = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (suffixes) && !taken; i++)
        {
          g_autofree char *name = g_strconcat (base, suffixes[i], NULL);
          g_autoptr(GFile) file = g_file_get_child (directory, name);

          taken = g_file_query_exists (file, NULL);
        }
      if (!taken)
        return g_steal_pointer (&base);
    }
}

/**
 * pacta_invoice_file_name:
 *
 * A file name for an invoice: its number with anything a file system might
 * refuse ("/", ":", …) replaced by "-".
 */
char *
pacta_invoice_file_name (const char *number,
                         const char *extension)
{
  g_autofree char *safe = g_strdup (number);

  g_strdelimit (safe, "/\\:*?\"<>|", '-');
  if (safe[0] == '.')
    safe[0] = '-';
  return g_strconcat (safe, ".", extension, NULL);
}

/* INV-2026-0318.pdf, or INV-2026-0318-2.pdf if that is taken */
static char *
free_file_name (GFile      *directory,
                const char *number)
{
  g_autofree char *name = pacta_invoice_file_name (number, "pdf");

  for (guint n = 2; ; n++)
    {
      g_autoptr(GFile) file = g_file_get_child (directory, name);
      g_autofree char *stem = NULL;

      if (!g_file_query_exists (file, NULL))
        return g_steal_pointer (&name);
      stem = g_strndup (name, strlen (name) - strlen (".pdf"));
      if (n > 2)
        *strrchr (stem, '-') = '\0';
      g_free (name);
      name = g_strdup_printf ("%s-%u.pdf", stem, n);
    }
}

static gboolean
mark_exported (PactaDatabase  *database,
               GPtrArray      *invoices,
               const char     *today,
               GError        **error)
{
  if (!pacta_database_begin (database, error))
    return FALSE;
  for (guint i = 0; i < invoices->len; i++)
    {
      ExportInvoice *invoice = g_ptr_array_index (invoices, i);
      sqlite3_stmt *stmt = pacta_database_prepare (database,
                                                   "UPDATE invoices SET exported_on = ? WHERE id = ?", error);

      if (stmt == NULL)
        goto failed;
      pacta_sql_bind_text (stmt, 1, today);
      sqlite3_bind_int64 (stmt, 2, invoice->id);
      if (!pacta_database_step_done (database, stmt, error))
        goto failed;
    }
  if (pacta_database_commit (database, error))
    return TRUE;

failed:
  pacta_database_rollback (database);
  return FALSE;
}

/* A folder that is not there yet is made, private like the database */
static gboolean
ensure_folder (GFile   *directory,
               GError **error)
{
  if (g_file_query_file_type (directory, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_UNKNOWN &&
      g_file_peek_path (directory) != NULL &&
      g_mkdir_with_parents (g_file_peek_path (directory), 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_file_get_parse_name (directory);

      /* Translators: %s is a folder, then why it could not be made */
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE, _("Cannot create the folder %s: %s"),
                   name, g_strerror (saved_errno));
      return FALSE;
    }
  if (g_file_query_file_type (directory, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *name = g_file_get_parse_name (directory);

      /* Translators: %s is a folder */
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE, _("%s is not a folder"), name);
      return FALSE;
    }
  return TRUE;
}

/* Fills @invoices_csv and @lines_csv and returns the JSON document, or
 * %NULL with @error set */
static char *
build_documents (PactaDatabase  *database,
                 GPtrArray      *invoices,
                 GString        *invoices_csv,
                 GString        *lines_csv,
                 GError        **error)
{
  static const char *invoice_header[] = {
    "number", "kind", "issue_date", "due_date", "customer_id", "debtor_code", "business_name",
    "vat_number", "country", "currency", "net", "tax", "gross", "status", "paid_on", "credited_invoice",
  };
  static const char *line_header[] = {
    "invoice_number", "position", "debtor_code", "origin", "description", "quantity", "unit_price",
    "discount_percent", "tax_rate_percent", "net", "period_start", "period_end",
  };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  csv_record (invoices_csv, invoice_header, G_N_ELEMENTS (invoice_header));
  csv_record (lines_csv, line_header, G_N_ELEMENTS (line_header));
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "invoices");
  json_builder_begin_array (builder);
  for (guint i = 0; i < invoices->len; i++)
    {
      ExportInvoice *invoice = g_ptr_array_index (invoices, i);

      add_invoice_csv (invoices_csv, invoice);
      json_builder_begin_object (builder);
      add_invoice_json (builder, invoice);
      if (!add_lines (database, invoice, lines_csv, builder, error))
        return NULL;
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

/* Writes the three documents under one free base name; each file written
 * is added to @files (to remove on failure) and its name to @names */
static gboolean
write_documents (GFile         *directory,
                 const char    *today,
                 const char    *invoices_csv,
                 const char    *lines_csv,
                 const char    *json,
                 GPtrArray     *files,
                 GStrvBuilder  *names,
                 GError       **error)
{
  const char *suffixes[] = { "-invoices.csv", "-invoice-lines.csv", "-invoices.json" };
  const char *contents[3];
  g_autofree char *base = NULL;

  contents[0] = invoices_csv;
  contents[1] = lines_csv;
  contents[2] = json;
  base = free_base_name (directory, today);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (base, suffixes[i], NULL);
      g_autoptr(GFile) file = g_file_get_child (directory, name);

      if (!g_file_replace_contents (file, contents[i], strlen (contents[i]), NULL, FALSE,
                                    G_FILE_CREATE_PRIVATE, NULL, NULL, error))
        return FALSE;
      g_ptr_array_add (files, g_object_ref (file));
      g_strv_builder_add (names, name);
    }
  return TRUE;
}

/* Draws each invoice's PDF, added to @files and @names as write_documents() does */
static gboolean
write_pdfs (PactaDatabase           *database,
            GFile                   *directory,
            GPtrArray               *invoices,
            PactaInvoiceRenderFunc   render_pdf,
            gpointer                 user_data,
            GPtrArray               *files,
            GStrvBuilder            *names,
            GError                 **error)
{
  for (guint i = 0; i < invoices->len; i++)
    {
      ExportInvoice *invoice = g_ptr_array_index (invoices, i);
      g_autofree char *name = free_file_name (directory, invoice->number);
      g_autoptr(GFile) file = g_file_get_child (directory, name);

      /* Added before drawing: a half-written PDF is removed too */
      g_ptr_array_add (files, g_object_ref (file));
      if (!render_pdf (database, invoice->id, file, user_data, error))
        return FALSE;
      g_strv_builder_add (names, name);
    }
  return TRUE;
}

/**
 * pacta_invoice_export_accounting:
 * @directory: the folder, made (0700) when it is not there yet
 * @today: the export date, YYYY-MM-DD, written as each invoice's export date
 * @render_pdf: (nullable): draws one invoice's PDF, written as NUMBER.pdf
 * @n_exported: (out): how many invoices and credit notes were exported
 * @written: (out) (optional): the files written; empty when there was nothing
 *   to export
 *
 * Writes every invoice and credit note not exported yet to
 * pacta-DATE-invoices.csv, pacta-DATE-invoice-lines.csv and
 * pacta-DATE-invoices.json in @directory, with a PDF of each when
 * @render_pdf is given, and marks them exported.
 */
gboolean
pacta_invoice_export_accounting (PactaDatabase           *database,
                                 GFile                   *directory,
                                 const char              *today,
                                 PactaInvoiceRenderFunc   render_pdf,
                                 gpointer                 user_data,
                                 guint                   *n_exported,
                                 GStrv                   *written,
                                 GError                 **error)
{
  g_autoptr(GPtrArray) invoices = NULL;
  g_autoptr(GString) invoices_csv = g_string_new (NULL);
  g_autoptr(GString) lines_csv = g_string_new (NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autofree char *json = NULL;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (G_IS_FILE (directory), FALSE);
  g_return_val_if_fail (n_exported != NULL, FALSE);

  *n_exported = 0;
  if (written != NULL)
    *written = NULL;

  if (!ensure_folder (directory, error))
    return FALSE;

  if (!(invoices = load_unexported (database, error)))
    return FALSE;
  if (invoices->len == 0)
    {
      if (written != NULL)
        *written = g_strv_builder_end (names);
      return TRUE;
    }

  if (!(json = build_documents (database, invoices, invoices_csv, lines_csv, error)))
    return FALSE;

  if (!write_documents (directory, today, invoices_csv->str, lines_csv->str, json, files, names, error))
    goto failed;
  if (render_pdf != NULL && !write_pdfs (database, directory, invoices, render_pdf, user_data, files, names, error))
    goto failed;

  if (!mark_exported (database, invoices, today, error))
    goto failed;

  *n_exported = invoices->len;
  if (written != NULL)
    *written = g_strv_builder_end (names);
  return TRUE;

failed:
  /* Nothing is marked, so nothing written may stay behind to be imported twice */
  for (guint i = 0; i < files->len; i++)
    g_file_delete (g_ptr_array_index (files, i), NULL, NULL);
  return FALSE;
}
