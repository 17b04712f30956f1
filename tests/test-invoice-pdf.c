/* test-invoice-pdf.c: the invoice PDF — drawn without a display, paged when long */
#define _GNU_SOURCE
#include <glib/gstdio.h>
#include <string.h>

#include "pacta-invoice-pdf.h"
#include "pacta-test-util.h"

static PactaInvoiceDocument *
make_document (guint n_lines)
{
  PactaInvoiceDocument *document = g_new0 (PactaInvoiceDocument, 1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  PactaTaxBand band = { 2100, 0, 0 };

  document->kind = g_strdup ("invoice");
  document->number = g_strdup ("INV-2026-0318");
  document->issue_date = g_strdup ("2026-12-01");
  document->due_date = g_strdup ("2026-12-31");
  document->currency = g_strdup ("EUR");
  document->status = g_strdup ("issued");
  g_assert_true (json_parser_load_from_data (parser, "{\"business-name\": \"Talleres Núñez S.L.\","
                                             " \"vat-number\": \"ESB12345678\", \"country\": \"ES\","
                                             " \"debtor-code\": \"430001\", \"direct-debit\": true}", -1, NULL));
  document->customer = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  document->msp = json_object_new ();
  json_object_set_string_member (document->msp, "business-name", "Sistemas Levante S.L.");
  document->lines = g_ptr_array_new ();
  for (guint i = 0; i < n_lines; i++)
    {
      PactaDocumentLine *line = g_new0 (PactaDocumentLine, 1);

      line->description = g_strdup_printf ("Protection for workstations, seat %u", i + 1);
      line->quantity = 10000;
      line->unit_price = 125000;
      line->tax_rate = 2100;
      line->net = 1250;
      document->net += line->net;
      g_ptr_array_add (document->lines, line);
    }
  g_ptr_array_set_free_func (document->lines, NULL);
  band.base = document->net;
  band.tax = document->net * 21 / 100;
  document->tax = band.tax;
  document->gross = document->net + document->tax;
  document->tax_bands = g_array_new (FALSE, TRUE, sizeof (PactaTaxBand));
  g_array_append_val (document->tax_bands, band);
  return document;
}

static void
free_document (PactaInvoiceDocument *document)
{
  for (guint i = 0; i < document->lines->len; i++)
    {
      PactaDocumentLine *line = g_ptr_array_index (document->lines, i);

      g_free (line->description);
      g_free (line);
    }
  g_ptr_array_set_size (document->lines, 0);
  pacta_invoice_document_free (document);
}

/* The page count cairo wrote into the PDF's page tree */
static guint
pdf_page_count (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;
  const char *count;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* The file holds binary streams: search all of it, not up to a NUL */
  count = memmem (contents, length, "/Count ", strlen ("/Count "));
  g_assert_nonnull (count);
  return (guint) g_ascii_strtoull (count + strlen ("/Count "), NULL, 10);
}

static void
test_one_page (void)
{
  g_autofree char *dir = pacta_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "INV-2026-0318.pdf", NULL);
  PactaInvoiceDocument *document = make_document (3);
  g_autoptr(GError) error = NULL;
  guint pages = 0;

  g_assert_true (pacta_invoice_pdf_write (document, path, &pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pages, ==, 1);
  g_assert_cmpuint (pdf_page_count (path), ==, 1);

  free_document (document);
  pacta_test_remove_tree (dir);
}

static void
test_long_invoice_pages (void)
{
  g_autofree char *dir = pacta_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "long.pdf", NULL);
  PactaInvoiceDocument *document = make_document (150);
  g_autoptr(GError) error = NULL;
  guint pages = 0;

  g_assert_true (pacta_invoice_pdf_write (document, path, &pages, &error));
  g_assert_no_error (error);
  /* 150 lines do not fit on one A4 page; every page is in the file */
  g_assert_cmpuint (pages, >, 1);
  g_assert_cmpuint (pdf_page_count (path), ==, pages);

  free_document (document);
  pacta_test_remove_tree (dir);
}

static void
test_unwritable (void)
{
  PactaInvoiceDocument *document = make_document (1);
  g_autoptr(GError) error = NULL;

  g_assert_false (pacta_invoice_pdf_write (document, "/nonexistent-folder/INV.pdf", NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "/nonexistent-folder/INV.pdf"));
  free_document (document);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pacta/invoice-pdf/one-page", test_one_page);
  g_test_add_func ("/pacta/invoice-pdf/long-invoice-pages", test_long_invoice_pages);
  g_test_add_func ("/pacta/invoice-pdf/unwritable", test_unwritable);

  return g_test_run ();
}
