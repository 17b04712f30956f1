/* pacta-invoice-pdf.c: an A4 invoice drawn with cairo and laid out with pango.
 *
 * When the invoice has a tax agency record, its QR code ("QR tributario") comes
 * first, centred at the top of the first page, as Spanish law requires. Then
 * the MSP's details at the left, the title, number and dates at the right,
 * the customer's billing details below, then the lines (continued on further
 * pages when they do not fit, with the column heads repeated), the tax per
 * rate, the totals and the payment terms. Everything comes from the
 * invoice as issued (its snapshots), never from today's data.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "pacta-error.h"
#include "pacta-invoice-pdf.h"
#include "pacta-money.h"
#include "pacta-tax-qr.h"

#define PAGE_WIDTH   595.28   /* A4 in points */
#define PAGE_HEIGHT  841.89
#define MARGIN       50.0
#define CONTENT      (PAGE_WIDTH - 2 * MARGIN)
#define FOOTER_SPACE 70.0

typedef struct
{
  cairo_t              *cr;
  PactaInvoiceDocument *document;
  double                y;
  guint                 pages;
} Painter;

/* Column left edges and widths for the lines table */
static const struct { double x, width; PangoAlignment align; } columns[] = {
  { 0,   155, PANGO_ALIGN_LEFT },    /* description */
  { 165, 60,  PANGO_ALIGN_RIGHT },   /* quantity */
  { 230, 70,  PANGO_ALIGN_RIGHT },   /* unit price */
  { 305, 65,  PANGO_ALIGN_RIGHT },   /* discount */
  { 375, 45,  PANGO_ALIGN_RIGHT },   /* tax */
  { 420, 75,  PANGO_ALIGN_RIGHT },   /* net */
};

/* Unhinted metrics: a PDF is scaled, and hinting for one size spaces letters
 * unevenly at another */
static PangoLayout *
new_layout (Painter *p)
{
  PangoLayout *layout = pango_cairo_create_layout (p->cr);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);
  return layout;
}

static double
draw_text (Painter        *p,
           double          x,
           double          y,
           double          width,
           PangoAlignment  align,
           const char     *font,
           const char     *text)
{
  PangoLayout *layout = new_layout (p);
  PangoFontDescription *description = pango_font_description_from_string (font);
  int height;

  pango_layout_set_font_description (layout, description);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  cairo_move_to (p->cr, MARGIN + x, y);
  pango_cairo_show_layout (p->cr, layout);
  pango_layout_get_size (layout, NULL, &height);
  pango_font_description_free (description);
  g_object_unref (layout);
  return (double) height / PANGO_SCALE;
}

static char *
money (Painter *p,
       gint64   cents)
{
  return pacta_money_format (cents * 100, p->document->currency);
}

static char *
percent (int hundredths)
{
  g_autofree char *number = pacta_decimal_format ((gint64) hundredths * 100, 2);

  return g_strdup_printf ("%s %%", number);
}

static char *
format_date (const char *iso)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *text = NULL;

  if (iso == NULL)
    return g_strdup ("");
  text = g_strconcat (iso, "T00:00:00Z", NULL);
  if (!(date = g_date_time_new_from_iso8601 (text, NULL)))
    return g_strdup (iso);
  /* Translators: the date format on invoices, see g_date_time_format () */
  return g_date_time_format (date, _("%d/%m/%Y"));
}

static void
rule (Painter *p,
      double   y)
{
  cairo_set_source_rgb (p->cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (p->cr, 0.5);
  cairo_move_to (p->cr, MARGIN, y);
  cairo_line_to (p->cr, PAGE_WIDTH - MARGIN, y);
  cairo_stroke (p->cr);
  cairo_set_source_rgb (p->cr, 0, 0, 0);
}

static void
append_line (GString    *s,
             const char *text)
{
  if (text == NULL)
    return;
  if (s->len > 0)
    g_string_append_c (s, '\n');
  g_string_append (s, text);
}

static char *
address_block (JsonObject *object,
               gboolean    with_contact)
{
  GString *s = g_string_new (NULL);
  const char *street = pacta_invoice_document_member (object, "street");
  const char *number = pacta_invoice_document_member (object, "number");
  const char *postal = pacta_invoice_document_member (object, "postal-code");
  const char *city = pacta_invoice_document_member (object, "city");
  const char *vat = pacta_invoice_document_member (object, "vat-number");
  g_autofree char *street_line = NULL;
  g_autofree char *city_line = NULL;
  g_autofree char *vat_line = NULL;

  append_line (s, pacta_invoice_document_member (object, "business-name"));
  if (street != NULL)
    street_line = number != NULL ? g_strdup_printf ("%s %s", street, number) : g_strdup (street);
  append_line (s, street_line);
  if (postal != NULL || city != NULL)
    city_line = g_strjoin (" ", postal != NULL ? postal : "", city != NULL ? city : "", NULL);
  append_line (s, city_line != NULL ? g_strstrip (city_line) : NULL);
  append_line (s, pacta_invoice_document_member (object, "state"));
  append_line (s, pacta_invoice_document_member (object, "country"));
  if (vat != NULL)
    /* Translators: the VAT number on an invoice, %s is e.g. ESB12345678 */
    vat_line = g_strdup_printf (_("VAT number: %s"), vat);
  append_line (s, vat_line);
  if (with_contact)
    {
      append_line (s, pacta_invoice_document_member (object, "invoice-email"));
      append_line (s, pacta_invoice_document_member (object, "phone"));
    }
  return g_string_free (s, FALSE);
}

static void
table_head (Painter *p)
{
  const char *heads[] = {
    /* Translators: column heads of an invoice's lines; keep them short */
    _("Description"), _("Quantity"), C_("invoice column", "Price"), C_("invoice column", "Discount"),
    C_("invoice column", "Tax"), C_("invoice column", "Amount"),
  };
  double height = 0;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    height = MAX (height, draw_text (p, columns[i].x, p->y, columns[i].width, columns[i].align,
                                     "Sans Bold 8", heads[i]));
  p->y += height + 4;
  rule (p, p->y);
  p->y += 4;
}

static void
new_page (Painter *p)
{
  g_autofree char *continued = NULL;

  cairo_show_page (p->cr);
  p->pages++;
  p->y = MARGIN;
  /* Translators: top of a continuation page, %s is the invoice number */
  continued = g_strdup_printf (_("%s (continued)"), p->document->number);
  p->y += draw_text (p, 0, p->y, CONTENT, PANGO_ALIGN_RIGHT, "Sans 9", continued) + 12;
  table_head (p);
}

/* Orden HAC/1177/2024 art. 21: at the top of the first page, before anything
 * else, centred on a portrait page, with "QR tributario:" above it in type no
 * smaller than the rest of the invoice's text (the totals' 11 pt), and a
 * blank quiet zone all round, so the rest of the page starts below it */
static gboolean
tax_qr (Painter  *p,
        GError  **error)
{
  double size = PACTA_TAX_QR_SIZE_MM * PACTA_TAX_QR_POINTS_PER_MM;
  double quiet = PACTA_TAX_QR_QUIET_ZONE_MM * PACTA_TAX_QR_POINTS_PER_MM;

  if (p->document->qr_url == NULL)
    return TRUE;

  /* Not translated: the regulation prescribes these exact Spanish words on
   * every invoice, whatever language the rest of the invoice is in */
  p->y += draw_text (p, 0, p->y, CONTENT, PANGO_ALIGN_CENTER, "Sans 11", "QR tributario:");
  p->y += quiet;
  if (!pacta_tax_qr_draw (p->cr, p->document->qr_url, (PAGE_WIDTH - size) / 2, p->y, size, error))
    return FALSE;
  p->y += size + quiet;
  return TRUE;
}

static void
header (Painter *p)
{
  PactaInvoiceDocument *d = p->document;
  gboolean credit = g_strcmp0 (d->kind, "credit_note") == 0;
  g_autofree char *msp = address_block (d->msp, TRUE);
  g_autofree char *customer = address_block (d->customer, FALSE);
  g_autofree char *issued = format_date (d->issue_date);
  g_autofree char *due = format_date (d->due_date);
  g_autofree char *facts = NULL;
  const char *debtor = pacta_invoice_document_member (d->customer, "debtor-code");
  double left, right;

  left = draw_text (p, 0, p->y, 260, PANGO_ALIGN_LEFT, "Sans 9", *msp != '\0' ? msp : "");
  right = draw_text (p, 260, p->y, CONTENT - 260, PANGO_ALIGN_RIGHT, "Sans Bold 20",
                     credit ? _("Credit note") : _("Invoice"));
  /* Translators: the facts block of an invoice; number, issue date and due date */
  facts = g_strdup_printf (_("Number: %s\nDate: %s\nDue: %s"), d->number, issued, due);
  right += 6 + draw_text (p, 260, p->y + right + 6, CONTENT - 260, PANGO_ALIGN_RIGHT, "Sans 9", facts);
  if (credit && d->credited_number != NULL)
    {
      /* Translators: on a credit note, %s is the corrected invoice's number */
      g_autofree char *corrects = g_strdup_printf (_("Corrects invoice %s"), d->credited_number);

      right += draw_text (p, 260, p->y + right, CONTENT - 260, PANGO_ALIGN_RIGHT, "Sans 9", corrects);
    }
  p->y += MAX (left, right) + 24;

  p->y += draw_text (p, 0, p->y, 260, PANGO_ALIGN_LEFT, "Sans Bold 8", _("Bill to")) + 2;
  p->y += draw_text (p, 0, p->y, 260, PANGO_ALIGN_LEFT, "Sans 10", customer);
  if (debtor != NULL)
    {
      /* Translators: the customer's account number in the MSP's accounting */
      g_autofree char *account = g_strdup_printf (_("Customer account: %s"), debtor);

      p->y += draw_text (p, 0, p->y, 260, PANGO_ALIGN_LEFT, "Sans 8", account);
    }
  p->y += 24;
}

static void
lines (Painter *p)
{
  PactaInvoiceDocument *d = p->document;

  table_head (p);
  for (guint i = 0; i < d->lines->len; i++)
    {
      PactaDocumentLine *line = g_ptr_array_index (d->lines, i);
      g_autofree char *quantity = pacta_decimal_format (line->quantity, 4);
      g_autofree char *unit = pacta_price_format (line->unit_price, d->currency);
      g_autofree char *discount = line->discount != 0 ? percent (line->discount) : g_strdup ("");
      g_autofree char *tax = percent (line->tax_rate);
      g_autofree char *net = money (p, line->net);
      const char *cells[] = { line->description, quantity, unit, discount, tax, net };
      PangoLayout *measure = new_layout (p);
      PangoFontDescription *font = pango_font_description_from_string ("Sans 9");
      double height = 0;
      int h;

      /* Measure first, so that a line never splits over two pages */
      pango_layout_set_font_description (measure, font);
      pango_layout_set_width (measure, (int) (columns[0].width * PANGO_SCALE));
      pango_layout_set_wrap (measure, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_text (measure, line->description, -1);
      pango_layout_get_size (measure, NULL, &h);
      pango_font_description_free (font);
      g_object_unref (measure);
      if (p->y + (double) h / PANGO_SCALE > PAGE_HEIGHT - MARGIN - FOOTER_SPACE)
        new_page (p);

      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        height = MAX (height, draw_text (p, columns[c].x, p->y, columns[c].width, columns[c].align,
                                         "Sans 9", cells[c]));
      p->y += height + 4;
    }
  rule (p, p->y);
  p->y += 8;
}

static void
totals (Painter *p)
{
  PactaInvoiceDocument *d = p->document;
  g_autofree char *net = money (p, d->net);
  g_autofree char *gross = money (p, d->gross);
  double needed = 16.0 * (d->tax_bands->len + 3) + 60;

  if (p->y + needed > PAGE_HEIGHT - MARGIN)
    new_page (p);

  draw_text (p, 180, p->y, 205, PANGO_ALIGN_RIGHT, "Sans 9", _("Net"));
  p->y += draw_text (p, 395, p->y, 100, PANGO_ALIGN_RIGHT, "Sans 9", net) + 2;
  for (guint i = 0; i < d->tax_bands->len; i++)
    {
      PactaTaxBand *band = &g_array_index (d->tax_bands, PactaTaxBand, i);
      g_autofree char *rate = percent (band->tax_rate);
      g_autofree char *base = money (p, band->base);
      g_autofree char *tax = money (p, band->tax);
      /* Translators: a tax band on an invoice: the rate and the amount it applies to */
      g_autofree char *label = g_strdup_printf (_("Tax %s on %s"), rate, base);

      draw_text (p, 130, p->y, 255, PANGO_ALIGN_RIGHT, "Sans 9", label);
      p->y += draw_text (p, 395, p->y, 100, PANGO_ALIGN_RIGHT, "Sans 9", tax) + 2;
    }
  rule (p, p->y + 1);
  p->y += 5;
  draw_text (p, 180, p->y, 205, PANGO_ALIGN_RIGHT, "Sans Bold 11", _("Total"));
  p->y += draw_text (p, 395, p->y, 100, PANGO_ALIGN_RIGHT, "Sans Bold 11", gross) + 20;
}

static void
payment (Painter *p)
{
  PactaInvoiceDocument *d = p->document;
  g_autofree char *due = format_date (d->due_date);
  g_autofree char *terms = NULL;
  JsonNode *direct_debit = json_object_get_member (d->customer, "direct-debit");
  JsonNode *exempt = json_object_get_member (d->customer, "tax-exempt");

  if (g_strcmp0 (d->kind, "credit_note") == 0)
    return;
  if (direct_debit != NULL && json_node_get_value_type (direct_debit) == G_TYPE_BOOLEAN &&
      json_node_get_boolean (direct_debit))
    /* Translators: payment terms on an invoice; %s is the due date */
    terms = g_strdup_printf (_("Paid by direct debit on %s."), due);
  else if (pacta_invoice_document_member (d->msp, "iban") != NULL)
    /* Translators: payment terms on an invoice; the due date and the MSP's IBAN */
    terms = g_strdup_printf (_("Please pay by %s by bank transfer to IBAN %s."), due,
                             pacta_invoice_document_member (d->msp, "iban"));
  else
    /* Translators: payment terms on an invoice; %s is the due date */
    terms = g_strdup_printf (_("Please pay by %s."), due);
  p->y += draw_text (p, 0, p->y, CONTENT, PANGO_ALIGN_LEFT, "Sans 9", terms) + 4;
  if (exempt != NULL && json_node_get_value_type (exempt) == G_TYPE_BOOLEAN && json_node_get_boolean (exempt))
    p->y += draw_text (p, 0, p->y, CONTENT, PANGO_ALIGN_LEFT, "Sans 9", _("Exempt from VAT."));
}

/**
 * pacta_invoice_pdf_write:
 * @n_pages: (out) (optional): how many pages the PDF has
 *
 * Writes @document to @path as an A4 PDF.
 */
gboolean
pacta_invoice_pdf_write (PactaInvoiceDocument  *document,
                         const char            *path,
                         guint                 *n_pages,
                         GError               **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  Painter p = { NULL, document, MARGIN, 1 };

  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, document->number);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Pacta");
  p.cr = cairo_create (surface);

  if (!tax_qr (&p, error))
    {
      /* An invoice that needs its QR code must never exist without it: no
       * half-written file is left behind */
      cairo_destroy (p.cr);
      cairo_surface_finish (surface);
      cairo_surface_destroy (surface);
      g_unlink (path);
      return FALSE;
    }
  header (&p);
  lines (&p);
  totals (&p);
  payment (&p);

  cairo_show_page (p.cr);
  cairo_destroy (p.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      /* Translators: %s is the file, the second %s the reason */
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_FAILED, _("Could not write %s: %s"),
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  if (n_pages != NULL)
    *n_pages = p.pages;
  return TRUE;
}

/* A PactaInvoiceRenderFunc for pacta_invoice_export_accounting () */
gboolean
pacta_invoice_pdf_export (PactaDatabase  *database,
                          gint64          invoice_id,
                          GFile          *file,
                          gpointer        user_data,
                          GError        **error)
{
  g_autoptr(PactaInvoiceDocument) document = pacta_invoice_document_load (database, invoice_id, error);
  g_autofree char *path = g_file_get_path (file);

  return document != NULL && pacta_invoice_pdf_write (document, path, NULL, error);
}
