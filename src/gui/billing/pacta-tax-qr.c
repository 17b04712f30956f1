/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-tax-qr.c: the Spanish tax agency's QR code ("QR tributario") drawn with cairo.
 *
 * The code is encoded with libqrencode as RD 1007/2023 and Orden HAC/1177/2024
 * require (ISO/IEC 18004, error correction level M, 8-bit data, case kept) and
 * drawn as vector rectangles, so it prints sharp at any resolution. The caller
 * places it and keeps the quiet zone round it blank.
 */
/* No template: not a widget, and no child widgets — it draws on the invoice PDF's cairo context */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <qrencode.h>
#include <string.h>

#include "pacta-error.h"
#include "pacta-tax-qr-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QRcode, QRcode_free)

static QRcode *
encode (const char  *url,
        GError     **error)
{
  QRcode *code;
  int saved_errno;

  /* Version 0 lets libqrencode pick the smallest symbol that holds the URL;
   * case-sensitive, or lower-case letters in the query would be upper-cased */
  code = QRcode_encodeString (url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  saved_errno = errno;
  if (code != NULL)
    return code;

  if (saved_errno == ERANGE)
    g_set_error (error, PACTA_ERROR, PACTA_ERROR_FAILED,
                 /* Translators: %u is the length of the tax agency's check address */
                 _("The tax QR code cannot hold an address of %u bytes"), (guint) strlen (url));
  else
    g_set_error (error, PACTA_ERROR, PACTA_ERROR_FAILED,
                 /* Translators: %s is the reason, e.g. "Out of memory" */
                 _("Could not make the tax QR code: %s"), g_strerror (saved_errno));
  return NULL;
}

/**
 * pacta_tax_qr_get_modules:
 *
 * Returns: how many modules a side the code for @url has (21 to 177), so a
 * caller can draw it with whole pixels per module; 0 with @error set when
 * @url cannot be encoded.
 */
guint
pacta_tax_qr_get_modules (const char  *url,
                          GError     **error)
{
  g_autoptr(QRcode) code = NULL;

  g_return_val_if_fail (url != NULL, 0);

  if (!(code = encode (url, error)))
    return 0;
  return (guint) code->width;
}

/**
 * pacta_tax_qr_draw:
 * @x: left edge of the code, in user units
 * @y: top edge of the code
 * @size: side of the code, quiet zone not included
 *
 * Draws the code for @url, dark modules on a white square covering exactly
 * @x, @y to @x + @size, @y + @size. Draws nothing when @url cannot be encoded.
 */
gboolean
pacta_tax_qr_draw (cairo_t     *cr,
                   const char  *url,
                   double       x,
                   double       y,
                   double       size,
                   GError     **error)
{
  g_autoptr(QRcode) code = NULL;
  int width;

  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (size > 0, FALSE);

  if (!(code = encode (url, error)))
    return FALSE;
  width = code->width;

  cairo_save (cr);
  /* Smoothed edges would leave faint seams between neighbouring modules on
   * raster output, and a scanner needs a clean contrast */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_new_path (cr);

  /* Light modules must be light whatever lies below */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);

  /* Each run of dark modules in a row is one rectangle, and all of them are
   * one path filled once, so there is no seam for a viewer to show. Edges
   * are computed from the module index rather than accumulated, so the last
   * one falls on x + size exactly */
  for (int row = 0; row < width; row++)
    {
      const unsigned char *data = code->data + (gsize) row * width;
      double top = y + size * row / width;
      double bottom = y + size * (row + 1) / width;
      int column = 0;

      while (column < width)
        {
          int start;

          /* Bit 0 is the module's colour; the other bits only say what the
           * module is part of */
          if (!(data[column] & 1))
            {
              column++;
              continue;
            }
          start = column;
          while (column < width && (data[column] & 1))
            column++;
          cairo_rectangle (cr,
                           x + size * start / width, top,
                           size * (column - start) / width, bottom - top);
        }
    }
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  cairo_fill (cr);
  cairo_restore (cr);
  return TRUE;
}
