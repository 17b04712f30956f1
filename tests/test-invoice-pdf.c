/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-invoice-pdf.c: the invoice PDF — drawn without a display, paged when
 * long, with its tax QR code, in the customer's language whatever language
 * the program runs in */
#define _GNU_SOURCE
#include "config.h"

#include <glib/gstdio.h>
#include <libintl.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "pacta-billing-import.h"
#include "pacta-billing-run.h"
#include "pacta-error.h"
#include "pacta-invoice-language.h"
#include "pacta-invoice-pdf.h"
#include "pacta-invoice-pdf-private.h"
#include "pacta-tax-qr.h"
#include "pacta-tax-qr-private.h"
#include "pacta-test-util.h"

/* The example in the tax agency's QR specification (§4): the '&' in the
 * number is escaped, so the decoded text must match byte for byte */
#define EXAMPLE_URL "https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=89890001K&numserie=12345678%26G33&fecha=01-01-2024&importe=241.4"

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
      g_free (line->period_start);
      g_free (line->period_end);
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

/* The code drawn by pacta_tax_qr_draw () at @size user units with @quiet
 * units of white round it, @scale pixels per unit */
static cairo_surface_t *
render_code (const char *url,
             double      size,
             double      quiet,
             double      scale)
{
  int side = (int) ceil ((size + 2 * quiet) * scale);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, side, side);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GError) error = NULL;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  g_assert_true (pacta_tax_qr_draw (cr, url, quiet, quiet, size, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static gboolean
is_black (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel = *(const guint32 *) (data + (gsize) y * stride + (gsize) x * 4);

  /* Drawn without antialiasing: every pixel is pure black or pure white */
  g_assert_true ((pixel & 0xffffff) == 0 || (pixel & 0xffffff) == 0xffffff);
  return (pixel & 0xffffff) == 0;
}

/* Inclusive pixel bounds of everything black on @surface */
static void
black_bounds (cairo_surface_t *surface,
              int             *x0,
              int             *y0,
              int             *x1,
              int             *y1)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);

  *x0 = width;
  *y0 = height;
  *x1 = *y1 = -1;
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (is_black (surface, x, y))
        {
          *x0 = MIN (*x0, x);
          *y0 = MIN (*y0, y);
          *x1 = MAX (*x1, x);
          *y1 = MAX (*y1, y);
        }
  g_assert_cmpint (*x1, >=, 0);
}

/* What zbarimg reads from @surface, or NULL (with the test skipped) when
 * zbar-tools is not installed */
static char *
decode (cairo_surface_t *surface,
        const char      *dir,
        const char      *name)
{
  g_autofree char *zbarimg = g_find_program_in_path ("zbarimg");
  g_autofree char *png = g_build_filename (dir, name, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (zbarimg == NULL)
    {
      g_test_skip ("zbarimg not found: install zbar-tools (build-aux/dev.sh test does)");
      return NULL;
    }
  g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
  {
    const char *argv[] = { zbarimg, "--raw", "-q", png, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("zbarimg could not read %s: %s\n%s", png, error->message, err);
  return g_strdup (g_strstrip (out));
}

static void
test_tax_qr_decodes (void)
{
  g_autofree char *dir = pacta_test_make_dir ();
  g_autoptr(GError) error = NULL;
  guint modules = pacta_tax_qr_get_modules (EXAMPLE_URL, &error);
  cairo_surface_t *surface;
  g_autofree char *pixels = NULL;
  g_autofree char *print = NULL;

  g_assert_no_error (error);
  /* A real QR code symbol: versions 1 to 40 are 21 to 177 modules a side */
  g_assert_cmpuint (modules, >=, 21);
  g_assert_cmpuint (modules, <=, 177);
  g_assert_cmpuint ((modules - 17) % 4, ==, 0);
  /* Error correction level M: 114 bytes need version 7 (45 modules) at M,
   * where level L would fit version 6 (41) and Q needs version 9 (53) */
  g_assert_cmpuint (modules, ==, 45);

  /* 4 pixels a module, with the standard's 4-module quiet zone */
  surface = render_code (EXAMPLE_URL, 4 * modules, 16, 1);
  pixels = decode (surface, dir, "pixels.png");
  cairo_surface_destroy (surface);
  if (pixels == NULL)
    goto out;
  g_assert_cmpstr (pixels, ==, EXAMPLE_URL);

  /* As printed on the invoice, in points, at 300 dpi: modules are no longer
   * a whole number of pixels */
  surface = render_code (EXAMPLE_URL,
                         PACTA_TAX_QR_SIZE_MM * PACTA_TAX_QR_POINTS_PER_MM,
                         PACTA_TAX_QR_QUIET_ZONE_MM * PACTA_TAX_QR_POINTS_PER_MM,
                         300.0 / 72);
  print = decode (surface, dir, "print.png");
  cairo_surface_destroy (surface);
  g_assert_cmpstr (print, ==, EXAMPLE_URL);

out:
  pacta_test_remove_tree (dir);
}

static void
test_tax_qr_size (void)
{
  g_autoptr(GError) error = NULL;
  guint modules = pacta_tax_qr_get_modules (EXAMPLE_URL, &error);
  double size_pt = PACTA_TAX_QR_SIZE_MM * PACTA_TAX_QR_POINTS_PER_MM;
  double quiet_pt = PACTA_TAX_QR_QUIET_ZONE_MM * PACTA_TAX_QR_POINTS_PER_MM;
  double dots_per_mm = 300.0 / 25.4;
  cairo_surface_t *surface;
  int x0, y0, x1, y1, run;

  g_assert_no_error (error);
  /* Orden HAC/1177/2024 art. 21: 30 to 40 mm a side, at least 2 mm blank round it */
  g_assert_cmpfloat (PACTA_TAX_QR_SIZE_MM, >=, 30.0);
  g_assert_cmpfloat (PACTA_TAX_QR_SIZE_MM, <=, 40.0);
  g_assert_cmpfloat (PACTA_TAX_QR_QUIET_ZONE_MM, >=, 2.0);

  /* At whole pixels per module the code covers exactly size × size from
   * (x, y): the finder patterns sit in three corners, so black reaches every
   * edge, and none goes past it */
  surface = render_code (EXAMPLE_URL, 4 * modules, 16, 1);
  black_bounds (surface, &x0, &y0, &x1, &y1);
  g_assert_cmpint (x0, ==, 16);
  g_assert_cmpint (y0, ==, 16);
  g_assert_cmpint (x1, ==, 16 + 4 * (int) modules - 1);
  g_assert_cmpint (y1, ==, 16 + 4 * (int) modules - 1);
  /* The top left finder pattern is 7 modules wide: modules are size / modules */
  for (run = 0; is_black (surface, 16 + run, 16); run++)
    ;
  g_assert_cmpint (run, ==, 7 * 4);
  cairo_surface_destroy (surface);

  /* At the printed size, 300 dpi: the side in mm, give or take a pixel */
  surface = render_code (EXAMPLE_URL, size_pt, quiet_pt, 300.0 / 72);
  black_bounds (surface, &x0, &y0, &x1, &y1);
  g_assert_cmpfloat_with_epsilon ((x1 - x0 + 1) / dots_per_mm, PACTA_TAX_QR_SIZE_MM, 1.5 / dots_per_mm);
  g_assert_cmpfloat_with_epsilon ((y1 - y0 + 1) / dots_per_mm, PACTA_TAX_QR_SIZE_MM, 1.5 / dots_per_mm);
  g_assert_cmpfloat ((x1 - x0 + 1) / dots_per_mm, >=, 30.0);
  g_assert_cmpfloat ((x1 - x0 + 1) / dots_per_mm, <=, 40.0);
  /* Nothing drawn in the quiet zone */
  g_assert_cmpfloat (x0 / dots_per_mm, >=, PACTA_TAX_QR_QUIET_ZONE_MM - 1.0 / dots_per_mm);
  g_assert_cmpfloat (y0 / dots_per_mm, >=, PACTA_TAX_QR_QUIET_ZONE_MM - 1.0 / dots_per_mm);
  g_assert_cmpfloat ((cairo_image_surface_get_width (surface) - 1 - x1) / dots_per_mm, >=,
                     PACTA_TAX_QR_QUIET_ZONE_MM - 1.0 / dots_per_mm);
  cairo_surface_destroy (surface);
}

static guint
write_pages (guint       n_lines,
             const char *qr_url,
             const char *path)
{
  PactaInvoiceDocument *document = make_document (n_lines);
  g_autoptr(GError) error = NULL;
  guint pages = 0;

  document->qr_url = g_strdup (qr_url);
  g_assert_true (pacta_invoice_pdf_write (document, path, &pages, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_page_count (path), ==, pages);
  free_document (document);
  return pages;
}

static void
test_tax_qr_on_invoice (void)
{
  g_autofree char *dir = pacta_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "INV-2026-0318.pdf", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  guint n;

  g_assert_cmpuint (write_pages (3, EXAMPLE_URL, path), ==, 1);
  if (pdftotext != NULL)
    {
      const char *argv[] = { pdftotext, "-f", "1", "-l", "1", path, "-", NULL };
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      const char *label, *msp;
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                   &text, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      /* The label, untranslated, and above the MSP's header */
      label = strstr (text, "QR tributario:");
      msp = strstr (text, "Sistemas Levante S.L.");
      g_assert_nonnull (label);
      g_assert_nonnull (msp);
      g_assert_true (label < msp);
    }
  else
    g_test_message ("pdftotext not found (poppler-utils): the label's text is not checked");

  /* Without a record the invoice is as before */
  g_assert_cmpuint (write_pages (3, NULL, path), ==, 1);

  /* The code takes the top of the first page and everything else moves down:
   * some invoice that fits on one page without it needs two with it, and
   * the code never saves a page */
  for (n = 1;; n++)
    {
      guint without = write_pages (n, NULL, path);
      guint with = write_pages (n, EXAMPLE_URL, path);

      g_assert_cmpuint (with, >=, without);
      g_assert_cmpuint (without, ==, 1);
      if (with == 2)
        break;
    }

  pacta_test_remove_tree (dir);
}

/* In VERI*FACTU mode the legend goes just below the code; otherwise none */
static void
test_tax_qr_legend (void)
{
  g_autofree char *dir = pacta_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "INV-2026-0318.pdf", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext not found: install poppler-utils (build-aux/dev.sh test does)");
      return;
    }
  for (int verifactu = 0; verifactu < 2; verifactu++)
    {
      PactaInvoiceDocument *document = make_document (3);
      const char *argv[] = { pdftotext, "-f", "1", "-l", "1", path, "-", NULL };
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;
      const char *label, *legend, *msp;
      int status;

      document->qr_url = g_strdup (EXAMPLE_URL);
      document->verifactu = verifactu;
      g_assert_true (pacta_invoice_pdf_write (document, path, NULL, &error));
      g_assert_no_error (error);
      free_document (document);
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                   &text, NULL, &status, &error));
      g_assert_no_error (error);
      label = strstr (text, "QR tributario:");
      legend = strstr (text, "VERI*FACTU");
      msp = strstr (text, "Sistemas Levante S.L.");
      g_assert_nonnull (label);
      g_assert_nonnull (msp);
      if (verifactu)
        {
          g_assert_nonnull (legend);
          g_assert_true (label < legend && legend < msp);
        }
      else
        g_assert_null (legend);
    }
  pacta_test_remove_tree (dir);
}

static void
test_tax_qr_too_long (void)
{
  g_autofree char *dir = pacta_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "INV-2026-0318.pdf", NULL);
  PactaInvoiceDocument *document = make_document (1);
  g_autofree char *tail = g_strnfill (3000, 'a');
  g_autoptr(GError) error = NULL;

  /* More than a version 40 code holds at level M (2331 bytes) */
  document->qr_url = g_strconcat ("https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=", tail, NULL);
  g_assert_cmpuint (pacta_tax_qr_get_modules (document->qr_url, &error), ==, 0);
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_FAILED);
  g_clear_error (&error);

  /* The invoice is not written without its code */
  g_assert_false (pacta_invoice_pdf_write (document, path, NULL, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_FAILED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

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


/* ---- the invoice's language ---------------------------------------------- */

/* The program's messages in @language (LANGUAGE, with the catalogue built
 * next to the tests bound), to show the invoice does not follow them. The
 * locale is C.UTF-8, where gettext does honour LANGUAGE. */
static void
run_program_in (const char *language)
{
  g_autofree char *po = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, po);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  /* An empty LANGUAGE is as good as none, and g_unsetenv () is not thread-safe */
  g_setenv ("LANGUAGE", language != NULL ? language : "", TRUE);
}

/* Page 1 as pdftotext lays it out, no-break spaces as plain ones; NULL
 * (with the test skipped) without poppler-utils */
static char *
pdf_text (const char *path)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) plain = NULL;
  int status;

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext not found: install poppler-utils (build-aux/dev.sh test does)");
      return NULL;
    }
  {
    const char *argv[] = { pdftotext, "-layout", "-enc", "UTF-8", path, "-", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                 &text, NULL, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  plain = g_string_new (text);
  g_string_replace (plain, "\u00a0", " ", 0);
  g_string_replace (plain, "\u202f", " ", 0);
  g_string_replace (plain, "\u2060", "", 0);
  return g_string_free (g_steal_pointer (&plain), FALSE);
}

static void
assert_has (const char *text,
            const char *expected)
{
  if (strstr (text, expected) == NULL)
    g_error ("“%s” is not on the invoice:\n%s", expected, text);
}

static void
assert_lacks (const char *text,
              const char *unexpected)
{
  if (strstr (text, unexpected) != NULL)
    g_error ("“%s” should not be on the invoice:\n%s", unexpected, text);
}

/* A whole word or phrase: not preceded or followed by a letter */
static void
assert_lacks_word (const char *text,
                   const char *word)
{
  gsize len = strlen (word);

  for (const char *p = strstr (text, word); p != NULL; p = strstr (p + 1, word))
    if ((p == text || !g_ascii_isalpha (p[-1])) && !g_ascii_isalpha (p[len]))
      g_error ("“%s” should not be on the invoice:\n%s", word, text);
}

/* One invoice for @language (NULL: none given) and @country, with a line
 * for a billed period, a quantity with many digits, thousands in the
 * totals, and a two-line street */
static PactaInvoiceDocument *
make_localized (const char *language,
                const char *country,
                gboolean    credit_note)
{
  PactaInvoiceDocument *document = make_document (2);
  PactaDocumentLine *period = g_ptr_array_index (document->lines, 0);
  PactaDocumentLine *storage = g_ptr_array_index (document->lines, 1);
  gint64 sign = credit_note ? -1 : 1;
  PactaTaxBand *band;

  if (language != NULL)
    json_object_set_string_member (document->customer, "language", language);
  json_object_set_string_member (document->customer, "country", country);
  json_object_set_string_member (document->customer, "street", "Calle de Alcalá, 1\n2º izq");
  json_object_set_string_member (document->customer, "postal-code", "28014");
  json_object_set_string_member (document->customer, "city", "Madrid");
  json_object_set_string_member (document->msp, "iban", "ES9121000418450200051332");

  g_free (period->description);
  period->description = g_strdup ("Workstations · 2026-11-01 – 2026-11-30");
  period->period_start = g_strdup ("2026-11-01");
  period->period_end = g_strdup ("2026-11-30");
  period->quantity = sign * 100000;
  period->unit_price = 125000;
  period->net = sign * 12500;
  /* 2⁵⁰ bytes of storage in GB (10⁹ bytes), at 0.001 a GB */
  g_free (storage->description);
  storage->description = g_strdup ("Cloud storage");
  storage->quantity = sign * G_GINT64_CONSTANT (11258999068);
  storage->unit_price = 10;
  storage->net = sign * 112590;

  document->net = sign * 125090;
  band = &g_array_index (document->tax_bands, PactaTaxBand, 0);
  band->base = document->net;
  band->tax = sign * 26269;
  document->tax = band->tax;
  document->gross = document->net + document->tax;
  if (credit_note)
    {
      g_free (document->kind);
      document->kind = g_strdup ("credit_note");
      g_free (document->number);
      document->number = g_strdup ("RECT-2026-0007");
      document->credited_number = g_strdup ("INV-2026-0318");
      document->credited_date = g_strdup ("2026-12-01");
    }
  return document;
}

/* Writes the invoice with the program running in @program_language and
 * returns its text */
static char *
render (PactaInvoiceDocument *document,
        const char           *program_language)
{
  g_autofree char *dir = pacta_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "invoice.pdf", NULL);
  g_autoptr(GError) error = NULL;
  char *text;

  run_program_in (program_language);
  g_assert_true (pacta_invoice_pdf_write (document, path, NULL, &error));
  g_assert_no_error (error);
  run_program_in (NULL);
  text = pdf_text (path);
  pacta_test_remove_tree (dir);
  return text;
}

static void
test_spanish_invoice (void)
{
  PactaInvoiceDocument *document = make_localized ("es", "ES", FALSE);
  g_autofree char *text = render (document, "en");

  free_document (document);
  if (text == NULL)
    return;
  /* The terms a Spanish invoice uses */
  assert_has (text, "Factura");
  assert_has (text, "Número: INV-2026-0318");
  assert_has (text, "Fecha de expedición: 01/12/2026");
  assert_has (text, "Vencimiento: 31/12/2026");
  assert_has (text, "NIF: ESB12345678");
  assert_has (text, "Base imponible");
  assert_has (text, "Cuota IVA 21 %");
  assert_has (text, "Descripción");
  assert_has (text, "Cantidad");
  assert_has (text, "Importe");
  /* Amounts with a decimal comma and points between thousands */
  assert_has (text, "1.250,90 €");
  assert_has (text, "262,69 €");
  assert_has (text, "1.513,59 €");
  assert_has (text, "1.125,90 €");
  assert_has (text, "12,50 €");
  assert_has (text, "0,001 €");
  /* One date format all through, the billed period too, on one line */
  assert_has (text, "01/11/2026 – 30/11/2026");
  assert_has (text, "domiciliación bancaria el 31/12/2026");
  /* A quantity is never broken over two lines */
  assert_has (text, "1.125.899,9068");
  assert_lacks (text, "2026-11-01");
  assert_lacks (text, "1250.90");
  assert_lacks_word (text, "Invoice");
  assert_lacks_word (text, "Bill to");
  assert_lacks_word (text, "Due");
  assert_lacks_word (text, "Net");
}

static void
test_english_invoice (void)
{
  PactaInvoiceDocument *document = make_localized ("en", "ES", FALSE);
  g_autofree char *text = render (document, "es");

  free_document (document);
  if (text == NULL)
    return;
  assert_has (text, "Invoice");
  assert_has (text, "Number: INV-2026-0318");
  assert_has (text, "Date: 01/12/2026");
  assert_has (text, "Due: 31/12/2026");
  assert_has (text, "Bill to");
  assert_has (text, "VAT number: ESB12345678");
  assert_has (text, "Net");
  assert_has (text, "Tax 21 % on 1250.90 €");
  assert_has (text, "Quantity");
  assert_has (text, "1250.90 €");
  assert_has (text, "262.69 €");
  assert_has (text, "1513.59 €");
  assert_has (text, "1125.90 €");
  assert_has (text, "0.001 €");
  assert_has (text, "01/11/2026 – 30/11/2026");
  assert_has (text, "Paid by direct debit on 31/12/2026");
  assert_has (text, "1125899.9068");
  assert_lacks (text, "2026-11-01");
  assert_lacks (text, "1.250,90");
  assert_lacks_word (text, "Factura");
  assert_lacks_word (text, "Vencimiento");
  assert_lacks_word (text, "Base imponible");
}

static void
test_spanish_credit_note (void)
{
  PactaInvoiceDocument *document = make_localized ("es", "ES", TRUE);
  g_autofree char *text = render (document, "en");

  free_document (document);
  if (text == NULL)
    return;
  assert_has (text, "Factura rectificativa");
  assert_has (text, "Número: RECT-2026-0007");
  assert_has (text, "Rectifica la factura INV-2026-0318\n");
  assert_has (text, "expedida el 01/12/2026\n");
  assert_has (text, "-1.250,90 €");
  assert_has (text, "-1.513,59 €");
  assert_has (text, "-1.125.899,9068");
  assert_lacks_word (text, "Credit note");
  assert_lacks_word (text, "Corrects");
}

/* The formats one by one, at their edges: no-break spaces before units, a
 * point every three digits in Spanish only, the sign on small amounts */
static void
test_language_formats (void)
{
  const PactaInvoiceLanguage *es = pacta_invoice_language_lookup ("es");
  const PactaInvoiceLanguage *en = pacta_invoice_language_lookup ("en");
  const struct { gint64 cents; const char *es, *en; } money[] = {
    { 0, "0,00\u00a0€", "0.00\u00a0€" },
    { -5, "-0,05\u00a0€", "-0.05\u00a0€" },
    { 99999, "999,99\u00a0€", "999.99\u00a0€" },
    { 100000, "1.000,00\u00a0€", "1000.00\u00a0€" },
    { -123456789, "-1.234.567,89\u00a0€", "-1234567.89\u00a0€" },
  };
  PactaDocumentLine period = { .description = (char *) "Servidores · 2026-10-01 – 2026-12-31",
                               .period_start = (char *) "2026-10-01" };
  PactaDocumentLine typed = { .description = (char *) "Visita 2026-10-01 – 2026-12-31" };
  g_autofree char *text = NULL;

  g_assert_nonnull (es);
  g_assert_nonnull (en);
  g_assert_true (pacta_invoice_language_lookup ("es_ES.UTF-8") == es);
  g_assert_true (pacta_invoice_language_lookup (" ES ") == es);
  g_assert_true (pacta_invoice_language_lookup ("en-GB") == en);
  g_assert_null (pacta_invoice_language_lookup ("fr"));
  g_assert_null (pacta_invoice_language_lookup (""));
  g_assert_null (pacta_invoice_language_lookup (NULL));

  for (guint i = 0; i < G_N_ELEMENTS (money); i++)
    {
      g_autofree char *spanish = pacta_invoice_language_format_money (es, money[i].cents, "EUR");
      g_autofree char *english = pacta_invoice_language_format_money (en, money[i].cents, NULL);

      g_assert_cmpstr (spanish, ==, money[i].es);
      g_assert_cmpstr (english, ==, money[i].en);
    }
  text = pacta_invoice_language_format_money (es, 123456, "USD");
  g_assert_cmpstr (text, ==, "1.234,56\u00a0USD");
  g_clear_pointer (&text, g_free);
  text = pacta_invoice_language_format_price (es, 450, "EUR");
  g_assert_cmpstr (text, ==, "0,045\u00a0€");
  g_clear_pointer (&text, g_free);
  text = pacta_invoice_language_format_price (es, 125000, "EUR");
  g_assert_cmpstr (text, ==, "12,50\u00a0€");
  g_clear_pointer (&text, g_free);
  text = pacta_invoice_language_format_decimal (es, G_GINT64_CONSTANT (10995116), 4);
  g_assert_cmpstr (text, ==, "1.099,5116");
  g_clear_pointer (&text, g_free);
  text = pacta_invoice_language_format_decimal (en, G_GINT64_CONSTANT (10995116), 4);
  g_assert_cmpstr (text, ==, "1099.5116");
  g_clear_pointer (&text, g_free);
  text = pacta_invoice_language_format_percent (es, 1050);
  g_assert_cmpstr (text, ==, "10,5\u00a0%");
  g_clear_pointer (&text, g_free);
  text = pacta_invoice_language_format_date (es, "2026-02-01");
  g_assert_cmpstr (text, ==, "01/02/2026");
  g_clear_pointer (&text, g_free);
  text = pacta_invoice_language_format_date (es, "not a date");
  g_assert_cmpstr (text, ==, "not a date");
  g_clear_pointer (&text, g_free);

  /* A billed period's dates as the invoice writes dates, held together */
  text = pacta_invoice_language_line_text (es, &period);
  g_assert_cmpstr (text, ==, "Servidores · 01/10/2026\u00a0–\u2060\u00a031/12/2026");
  g_clear_pointer (&text, g_free);
  /* What someone typed is printed as typed */
  text = pacta_invoice_language_line_text (es, &typed);
  g_assert_cmpstr (text, ==, "Visita 2026-10-01 – 2026-12-31");
  g_clear_pointer (&text, g_free);
}

/* Without a language the customer's country decides: Spanish for Spain,
 * English elsewhere; a language the invoice can't be printed in is English
 * too. Locale-style codes name the language. */
static void
test_language_fallback (void)
{
  const struct { const char *language, *country; gboolean spanish; } cases[] = {
    { NULL, "ES", TRUE },
    { NULL, "DE", FALSE },
    { "es_ES.UTF-8", "DE", TRUE },
    { "ES", "GB", TRUE },
    { "en-GB", "ES", FALSE },
    { "fr", "FR", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PactaInvoiceDocument *document = make_localized (cases[i].language, cases[i].country, FALSE);
      g_autofree char *text = render (document, cases[i].spanish ? "en" : "es");

      free_document (document);
      if (text == NULL)
        return;
      g_test_message ("language %s, country %s", cases[i].language, cases[i].country);
      assert_has (text, cases[i].spanish ? "Vencimiento: 31/12/2026" : "Due: 31/12/2026");
    }
}

/* The street's lines are lines of the address block, the number after the
 * first */
static void
test_address_lines (void)
{
  PactaInvoiceDocument *document = make_localized ("es", "ES", FALSE);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean found = FALSE;

  json_object_set_string_member (document->customer, "number", "12");
  text = render (document, NULL);
  free_document (document);
  if (text == NULL)
    return;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    if (strstr (lines[i], "Calle de Alcalá, 1 12") != NULL)
      {
        found = TRUE;
        g_assert_null (strstr (lines[i], "2º izq"));
        g_assert_nonnull (strstr (lines[i + 1], "2º izq"));
      }
  if (!found)
    g_error ("the street's first line is not on the invoice:\n%s", text);
}

/* From the debtor list to the invoice: a street over two lines, imported
 * from CSV, is printed on two lines */
static void
test_imported_street (void)
{
  const char *csv = "customer,business_name,country,street,number,postal_code,city\r\n"
                    "c0570000-2026-4a00-8b00-000000000001,Cliente S.L.,ES,\"Calle de Alcalá\r\n2º izq\","
                    "1,28014,Madrid\r\n";
  g_autofree char *dir = pacta_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "invoice.pdf", NULL);
  g_autoptr(PactaContext) context = pacta_test_open_billable (dir);
  PactaDatabase *db = pacta_context_get_database (context);
  g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));
  g_autoptr(PactaInvoiceDocument) document = NULL;
  PactaBillingImportReport report;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  gboolean found = FALSE;

  g_assert_true (pacta_import_billing_info_bytes (db, bytes, "debtors.csv", &report, &error));
  g_assert_no_error (error);
  numbers = pacta_billing_commit (db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (numbers), ==, 1);
  document = pacta_invoice_document_load (db, pacta_database_count (db, "SELECT max(id) FROM invoices", NULL),
                                          &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pacta_invoice_document_member (document->customer, "street"), ==, "Calle de Alcalá\n2º izq");
  g_assert_true (pacta_invoice_pdf_write (document, path, NULL, &error));
  g_assert_no_error (error);

  text = pdf_text (path);
  if (text != NULL)
    {
      lines = g_strsplit (text, "\n", -1);
      for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
        if (strstr (lines[i], "Calle de Alcalá 1") != NULL)
          {
            found = TRUE;
            g_assert_null (strstr (lines[i], "2º izq"));
            g_assert_nonnull (strstr (lines[i + 1], "2º izq"));
          }
      if (!found)
        g_error ("the street's first line is not on the invoice:\n%s", text);
    }
  g_clear_object (&context);
  pacta_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pacta/invoice-pdf/one-page", test_one_page);
  g_test_add_func ("/pacta/invoice-pdf/long-invoice-pages", test_long_invoice_pages);
  g_test_add_func ("/pacta/invoice-pdf/unwritable", test_unwritable);
  g_test_add_func ("/pacta/invoice-pdf/tax-qr-decodes", test_tax_qr_decodes);
  g_test_add_func ("/pacta/invoice-pdf/tax-qr-size", test_tax_qr_size);
  g_test_add_func ("/pacta/invoice-pdf/tax-qr-on-invoice", test_tax_qr_on_invoice);
  g_test_add_func ("/pacta/invoice-pdf/tax-qr-too-long", test_tax_qr_too_long);
  g_test_add_func ("/pacta/invoice-pdf/tax-qr-legend", test_tax_qr_legend);
  g_test_add_func ("/pacta/invoice-pdf/language/spanish", test_spanish_invoice);
  g_test_add_func ("/pacta/invoice-pdf/language/english", test_english_invoice);
  g_test_add_func ("/pacta/invoice-pdf/language/spanish-credit-note", test_spanish_credit_note);
  g_test_add_func ("/pacta/invoice-pdf/language/fallback", test_language_fallback);
  g_test_add_func ("/pacta/invoice-pdf/language/formats", test_language_formats);
  g_test_add_func ("/pacta/invoice-pdf/address-lines", test_address_lines);
  g_test_add_func ("/pacta/invoice-pdf/imported-street", test_imported_street);

  return g_test_run ();
}
