/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-invoice-pdf.c: an A4 invoice drawn with cairo and laid out with pango.
 *
 * When the invoice has a tax agency record, its QR code ("QR tributario") comes
 * first, centred at the top of the first page, as Spanish law requires. Then
 * the MSP's details at the left, the title, number and dates at the right,
 * the customer's billing details below, then the lines (continued on further
 * pages when they do not fit, with the column heads repeated), the tax per
 * rate, the totals and the payment terms. Everything comes from the
 * invoice as issued (its snapshots), never from today's data.
 *
 * The invoice is in the customer's language (pacta-invoice-language.c), with
 * its dates and amounts, whatever language the program runs in. Numbers are
 * never broken over two lines: the number columns are as wide as their
 * widest number and the description takes the rest; should the numbers
 * leave it too little, the whole table is set smaller.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "pacta-error.h"
#include "pacta-invoice-language.h"
#include "pacta-invoice-pdf-private.h"
#include "pacta-tax-qr.h"

#define PAGE_WIDTH   595.28   /* A4 in points */
#define PAGE_HEIGHT  841.89
#define MARGIN       50.0
#define CONTENT      (PAGE_WIDTH - 2 * MARGIN)
#define FOOTER_SPACE 70.0
#define HEADER_SPLIT 260.0    /* the MSP's block at most; the title and facts take the rest */

/* The lines table */
enum
{
  COL_DESCRIPTION,
  COL_QUANTITY,
  COL_PRICE,
  COL_DISCOUNT,
  COL_TAX,
  COL_AMOUNT,
  N_COLUMNS
};

#define COLUMN_GAP          7.0
#define MIN_DESCRIPTION     130.0
#define TABLE_SIZE          9.0     /* points, the lines; their heads are 1 pt smaller */
#define MIN_TABLE_SIZE      5.0

/* The narrowest each number column is, at TABLE_SIZE: room for usual
 * numbers, so that most invoices look alike */
static const double min_widths[N_COLUMNS] = { 0, 55, 62, 45, 38, 68 };

typedef struct
{
  cairo_t                    *cr;
  PactaInvoiceDocument       *document;
  const PactaInvoiceLanguage *language;
  double                      y;
  guint                       pages;
  /* The lines table, laid out for this invoice's numbers */
  double                      x[N_COLUMNS];
  double                      width[N_COLUMNS];
  char                       *cell_font;
  char                       *head_font;
} Painter;

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

/* A font description's text, whatever the locale writes decimals with */
static char *
font_name (const char *family,
           double      size)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strconcat (family, " ", g_ascii_formatd (number, sizeof number, "%.2f", size), NULL);
}

/* The size of @text on one line */
static void
measure (Painter    *p,
         const char *font,
         const char *text,
         double     *width,
         double     *height)
{
  PangoLayout *layout = new_layout (p);
  PangoFontDescription *description = pango_font_description_from_string (font);
  int w, h;

  pango_layout_set_font_description (layout, description);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_layout_get_size (layout, &w, &h);
  pango_font_description_free (description);
  g_object_unref (layout);
  if (width != NULL)
    *width = (double) w / PANGO_SCALE;
  if (height != NULL)
    *height = (double) h / PANGO_SCALE;
}

/* Text that never wraps (a number, an amount): aligned in @width, it goes
 * past the edge rather than breaking. Returns its height. */
static double
draw_unwrapped (Painter        *p,
                double          x,
                double          y,
                double          width,
                PangoAlignment  align,
                const char     *font,
                const char     *text)
{
  PangoLayout *layout = new_layout (p);
  PangoFontDescription *description = pango_font_description_from_string (font);
  int w, h;

  pango_layout_set_font_description (layout, description);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_layout_get_size (layout, &w, &h);
  if (align == PANGO_ALIGN_RIGHT)
    x += width - (double) w / PANGO_SCALE;
  else if (align == PANGO_ALIGN_CENTER)
    x += (width - (double) w / PANGO_SCALE) / 2;
  cairo_move_to (p->cr, MARGIN + x, y);
  pango_cairo_show_layout (p->cr, layout);
  pango_font_description_free (description);
  g_object_unref (layout);
  return (double) h / PANGO_SCALE;
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
  return pacta_invoice_language_format_money (p->language, cents, p->document->currency);
}

static char *
percent (Painter *p,
         int      hundredths)
{
  return pacta_invoice_language_format_percent (p->language, hundredths);
}

static char *
format_date (Painter    *p,
             const char *iso)
{
  return pacta_invoice_language_format_date (p->language, iso);
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
address_block (Painter    *p,
               JsonObject *object,
               gboolean    with_contact)
{
  GString *s = g_string_new (NULL);
  const char *street = pacta_invoice_document_member (object, "street");
  const char *number = pacta_invoice_document_member (object, "number");
  const char *postal = pacta_invoice_document_member (object, "postal-code");
  const char *city = pacta_invoice_document_member (object, "city");
  const char *vat = pacta_invoice_document_member (object, "vat-number");
  g_autofree char *city_line = NULL;
  g_autofree char *vat_line = NULL;

  append_line (s, pacta_invoice_document_member (object, "business-name"));
  if (street != NULL)
    {
      /* The street's own lines (a floor and door, a building) each on a
       * line of their own; the house number goes with the first */
      g_auto(GStrv) lines = g_strsplit (street, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_autofree char *line = i == 0 && number != NULL ? g_strdup_printf ("%s %s", lines[i], number)
                                                           : g_strdup (lines[i]);

          append_line (s, line);
        }
    }
  append_line (s, pacta_invoice_document_member (object, "building"));
  if (postal != NULL || city != NULL)
    city_line = g_strjoin (" ", postal != NULL ? postal : "", city != NULL ? city : "", NULL);
  append_line (s, city_line != NULL ? g_strstrip (city_line) : NULL);
  append_line (s, pacta_invoice_document_member (object, "state"));
  append_line (s, pacta_invoice_document_member (object, "country"));
  if (vat != NULL)
    vat_line = pacta_invoice_language_fill (p->language->vat_number, "vat", vat, NULL);
  append_line (s, vat_line);
  if (with_contact)
    {
      append_line (s, pacta_invoice_document_member (object, "invoice-email"));
      append_line (s, pacta_invoice_document_member (object, "phone"));
    }
  return g_string_free (s, FALSE);
}

static void
table_heads (Painter     *p,
             const char  *heads[N_COLUMNS])
{
  const PactaInvoiceLanguage *l = p->language;

  heads[COL_DESCRIPTION] = l->column_description;
  heads[COL_QUANTITY] = l->column_quantity;
  heads[COL_PRICE] = l->column_price;
  heads[COL_DISCOUNT] = l->column_discount;
  heads[COL_TAX] = l->column_tax;
  heads[COL_AMOUNT] = l->column_amount;
}

/* A line's cells, as printed */
static void
line_cells (Painter           *p,
            PactaDocumentLine *line,
            char              *cells[N_COLUMNS])
{
  cells[COL_DESCRIPTION] = pacta_invoice_language_line_text (p->language, line);
  cells[COL_QUANTITY] = pacta_invoice_language_format_decimal (p->language, line->quantity, 4);
  cells[COL_PRICE] = pacta_invoice_language_format_price (p->language, line->unit_price, p->document->currency);
  cells[COL_DISCOUNT] = line->discount != 0 ? percent (p, line->discount) : g_strdup ("");
  cells[COL_TAX] = percent (p, line->tax_rate);
  cells[COL_AMOUNT] = money (p, line->net);
}

static void
free_cells (char *cells[N_COLUMNS])
{
  for (guint c = 0; c < N_COLUMNS; c++)
    g_free (cells[c]);
}

/* Each number column as wide as its widest text (at least its usual
 * width), the description the rest; when that leaves the description too
 * narrow, everything smaller until it fits */
static void
layout_table (Painter *p)
{
  g_autofree char *cell_font = font_name ("Sans", TABLE_SIZE);
  g_autofree char *head_font = font_name ("Sans Bold", TABLE_SIZE - 1);
  const char *heads[N_COLUMNS];
  double needed[N_COLUMNS];
  double numbers = 0, scale = 1, x = 0, description = MIN_DESCRIPTION;
  gboolean periods = FALSE;

  table_heads (p, heads);
  for (guint c = COL_QUANTITY; c < N_COLUMNS; c++)
    {
      measure (p, head_font, heads[c], &needed[c], NULL);
      needed[c] = MAX (needed[c], min_widths[c]);
    }
  for (guint i = 0; i < p->document->lines->len; i++)
    {
      char *cells[N_COLUMNS];

      periods |= ((PactaDocumentLine *) g_ptr_array_index (p->document->lines, i))->period_start != NULL;
      line_cells (p, g_ptr_array_index (p->document->lines, i), cells);
      for (guint c = COL_QUANTITY; c < N_COLUMNS; c++)
        {
          double width;

          measure (p, cell_font, cells[c], &width, NULL);
          needed[c] = MAX (needed[c], width);
        }
      free_cells (cells);
    }
  for (guint c = COL_QUANTITY; c < N_COLUMNS; c++)
    numbers += needed[c];
  /* A billed period is kept on one line: the description has room for one */
  if (periods)
    {
      PactaDocumentLine sample = { .description = (char *) "· 2026-12-31 – 2026-12-31",
                                   .period_start = (char *) "2026-12-01" };
      g_autofree char *period = pacta_invoice_language_line_text (p->language, &sample);
      double width;

      measure (p, cell_font, period, &width, NULL);
      description = MAX (description, width);
    }

  /* Unhinted text scales with its size */
  if (numbers + description + (N_COLUMNS - 1) * COLUMN_GAP > CONTENT)
    scale = MAX (MIN_TABLE_SIZE / TABLE_SIZE, (CONTENT - (N_COLUMNS - 1) * COLUMN_GAP) / (numbers + description));

  p->width[COL_DESCRIPTION] = CONTENT - numbers * scale - (N_COLUMNS - 1) * COLUMN_GAP;
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      if (c != COL_DESCRIPTION)
        p->width[c] = needed[c] * scale;
      p->x[c] = x;
      x += p->width[c] + COLUMN_GAP;
    }
  p->cell_font = font_name ("Sans", TABLE_SIZE * scale);
  p->head_font = font_name ("Sans Bold", (TABLE_SIZE - 1) * scale);
}

static void
table_head (Painter *p)
{
  const char *heads[N_COLUMNS];
  double height = 0;

  table_heads (p, heads);
  height = draw_text (p, p->x[COL_DESCRIPTION], p->y, p->width[COL_DESCRIPTION], PANGO_ALIGN_LEFT,
                      p->head_font, heads[COL_DESCRIPTION]);
  for (guint c = COL_QUANTITY; c < N_COLUMNS; c++)
    height = MAX (height, draw_unwrapped (p, p->x[c], p->y, p->width[c], PANGO_ALIGN_RIGHT, p->head_font, heads[c]));
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
  continued = pacta_invoice_language_fill (p->language->continued, "number", p->document->number, NULL);
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
  /* In VERI*FACTU mode only, just below the code, as large as the text */
  if (p->document->verifactu)
    p->y += draw_text (p, 0, p->y, CONTENT, PANGO_ALIGN_CENTER, "Sans 11", "VERI*FACTU") + quiet;
  return TRUE;
}

static void
header (Painter *p)
{
  PactaInvoiceDocument *d = p->document;
  const PactaInvoiceLanguage *l = p->language;
  gboolean credit = g_strcmp0 (d->kind, "credit_note") == 0;
  const char *title = credit ? l->credit_note : l->invoice;
  g_autofree char *msp = address_block (p, d->msp, TRUE);
  g_autofree char *customer = address_block (p, d->customer, FALSE);
  g_autofree char *issued = format_date (p, d->issue_date);
  g_autofree char *due = format_date (p, d->due_date);
  g_autofree char *facts = NULL;
  g_autofree char *title_font = NULL;
  const char *debtor = pacta_invoice_document_member (d->customer, "debtor-code");
  double left, right, title_width, msp_width, split;

  left = draw_text (p, 0, p->y, HEADER_SPLIT, PANGO_ALIGN_LEFT, "Sans 9", msp);
  /* The title and the facts take what the MSP's block leaves at the right */
  measure (p, "Sans 9", msp, &msp_width, NULL);
  split = *msp != '\0' ? MIN (HEADER_SPLIT, msp_width) + 20 : 0;
  /* A long title ("Factura rectificativa") is set smaller rather than
   * broken, with a little room for rounding */
  measure (p, "Sans Bold 20", title, &title_width, NULL);
  title_font = font_name ("Sans Bold", title_width > CONTENT - split
                                       ? MAX (12.0, 19.5 * (CONTENT - split) / title_width) : 20);
  right = draw_text (p, split, p->y, CONTENT - split, PANGO_ALIGN_RIGHT, title_font, title);
  facts = g_strdup_printf ("%s: %s\n%s: %s\n%s: %s", l->number, d->number, l->issue_date, issued,
                           l->due_date, due);
  right += 6 + draw_text (p, split, p->y + right + 6, CONTENT - split, PANGO_ALIGN_RIGHT, "Sans 9", facts);
  if (credit && d->credited_number != NULL)
    {
      g_autofree char *date = format_date (p, d->credited_date);
      g_autofree char *corrects = d->credited_date != NULL
        ? pacta_invoice_language_fill (l->corrects, "number", d->credited_number, "date", date, NULL)
        : pacta_invoice_language_fill (l->corrects_undated, "number", d->credited_number, NULL);

      right += draw_text (p, split, p->y + right, CONTENT - split, PANGO_ALIGN_RIGHT, "Sans 9", corrects);
    }
  p->y += MAX (left, right) + 24;

  p->y += draw_text (p, 0, p->y, HEADER_SPLIT, PANGO_ALIGN_LEFT, "Sans Bold 8", l->bill_to) + 2;
  p->y += draw_text (p, 0, p->y, HEADER_SPLIT, PANGO_ALIGN_LEFT, "Sans 10", customer);
  if (debtor != NULL)
    {
      g_autofree char *account = pacta_invoice_language_fill (l->customer_account, "code", debtor, NULL);

      p->y += draw_text (p, 0, p->y, HEADER_SPLIT, PANGO_ALIGN_LEFT, "Sans 8", account);
    }
  p->y += 24;
}

static void
lines (Painter *p)
{
  PactaInvoiceDocument *d = p->document;

  layout_table (p);
  table_head (p);
  for (guint i = 0; i < d->lines->len; i++)
    {
      char *cells[N_COLUMNS];
      PangoLayout *layout = new_layout (p);
      PangoFontDescription *font = pango_font_description_from_string (p->cell_font);
      double height = 0;
      int h;

      line_cells (p, g_ptr_array_index (d->lines, i), cells);
      /* Measure first, so that a line never splits over two pages */
      pango_layout_set_font_description (layout, font);
      pango_layout_set_width (layout, (int) (p->width[COL_DESCRIPTION] * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_text (layout, cells[COL_DESCRIPTION], -1);
      pango_layout_get_size (layout, NULL, &h);
      pango_font_description_free (font);
      g_object_unref (layout);
      if (p->y + (double) h / PANGO_SCALE > PAGE_HEIGHT - MARGIN - FOOTER_SPACE)
        new_page (p);

      height = draw_text (p, p->x[COL_DESCRIPTION], p->y, p->width[COL_DESCRIPTION], PANGO_ALIGN_LEFT,
                          p->cell_font, cells[COL_DESCRIPTION]);
      for (guint c = COL_QUANTITY; c < N_COLUMNS; c++)
        height = MAX (height, draw_unwrapped (p, p->x[c], p->y, p->width[c], PANGO_ALIGN_RIGHT, p->cell_font,
                                              cells[c]));
      p->y += height + 4;
      free_cells (cells);
    }
  rule (p, p->y);
  p->y += 8;
}

/* Labels at the right, ending where the amounts' column starts; the
 * amounts, right-aligned, as wide as the widest */
static void
totals (Painter *p)
{
  PactaInvoiceDocument *d = p->document;
  const PactaInvoiceLanguage *l = p->language;
  g_autofree char *net = money (p, d->net);
  g_autofree char *gross = money (p, d->gross);
  double needed = 16.0 * (d->tax_bands->len + 3) + 60;
  double amounts = 100, label_end, width;

  if (p->y + needed > PAGE_HEIGHT - MARGIN)
    new_page (p);

  measure (p, "Sans Bold 11", gross, &width, NULL);
  amounts = MAX (amounts, width);
  measure (p, "Sans 9", net, &width, NULL);
  amounts = MAX (amounts, width);
  label_end = CONTENT - amounts - 10;

  draw_text (p, 130, p->y, label_end - 130, PANGO_ALIGN_RIGHT, "Sans 9", l->net);
  p->y += draw_unwrapped (p, label_end + 10, p->y, amounts, PANGO_ALIGN_RIGHT, "Sans 9", net) + 2;
  for (guint i = 0; i < d->tax_bands->len; i++)
    {
      PactaTaxBand *band = &g_array_index (d->tax_bands, PactaTaxBand, i);
      g_autofree char *rate = percent (p, band->tax_rate);
      g_autofree char *base = money (p, band->base);
      g_autofree char *tax = money (p, band->tax);
      g_autofree char *label = pacta_invoice_language_fill (l->tax_band, "rate", rate, "base", base, NULL);
      double height;

      height = draw_text (p, 50, p->y, label_end - 50, PANGO_ALIGN_RIGHT, "Sans 9", label);
      height = MAX (height, draw_unwrapped (p, label_end + 10, p->y, amounts, PANGO_ALIGN_RIGHT, "Sans 9", tax));
      p->y += height + 2;
    }
  rule (p, p->y + 1);
  p->y += 5;
  draw_text (p, 130, p->y, label_end - 130, PANGO_ALIGN_RIGHT, "Sans Bold 11", l->total);
  p->y += draw_unwrapped (p, label_end + 10, p->y, amounts, PANGO_ALIGN_RIGHT, "Sans Bold 11", gross) + 20;
}

static void
payment (Painter *p)
{
  PactaInvoiceDocument *d = p->document;
  const PactaInvoiceLanguage *l = p->language;
  g_autofree char *due = format_date (p, d->due_date);
  g_autofree char *terms = NULL;
  JsonNode *direct_debit = json_object_get_member (d->customer, "direct-debit");
  JsonNode *exempt = json_object_get_member (d->customer, "tax-exempt");
  const char *iban = pacta_invoice_document_member (d->msp, "iban");

  if (g_strcmp0 (d->kind, "credit_note") == 0)
    return;
  if (direct_debit != NULL && json_node_get_value_type (direct_debit) == G_TYPE_BOOLEAN &&
      json_node_get_boolean (direct_debit))
    terms = pacta_invoice_language_fill (l->direct_debit, "date", due, NULL);
  else if (iban != NULL)
    terms = pacta_invoice_language_fill (l->bank_transfer, "date", due, "iban", iban, NULL);
  else
    terms = pacta_invoice_language_fill (l->pay_by, "date", due, NULL);
  p->y += draw_text (p, 0, p->y, CONTENT, PANGO_ALIGN_LEFT, "Sans 9", terms) + 4;
  if (exempt != NULL && json_node_get_value_type (exempt) == G_TYPE_BOOLEAN && json_node_get_boolean (exempt))
    p->y += draw_text (p, 0, p->y, CONTENT, PANGO_ALIGN_LEFT, "Sans 9", l->tax_exempt);
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
  Painter p = { .document = document, .y = MARGIN, .pages = 1 };

  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* The customer's language as the invoice was issued to them */
  p.language = pacta_invoice_language_for_customer (document->customer);

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
  g_free (p.cell_font);
  g_free (p.head_font);
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
