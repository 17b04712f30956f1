/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-tax-qr.h: the Spanish tax agency's QR code ("QR tributario") drawn with cairo */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Orden HAC/1177/2024 art. 21 asks for a code between 30 and 40 mm a side,
 * with at least 2 mm of blank margin round it; 6 mm is the recommended margin */
#define PACTA_TAX_QR_SIZE_MM       35.0
#define PACTA_TAX_QR_QUIET_ZONE_MM 6.0
#define PACTA_TAX_QR_POINTS_PER_MM (72.0 / 25.4)

gboolean pacta_tax_qr_draw        (cairo_t     *cr,
                                   const char  *url,
                                   double       x,
                                   double       y,
                                   double       size,
                                   GError     **error);

G_END_DECLS
