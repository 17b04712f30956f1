/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-money.h: fixed-point amounts and quantities (never floating point) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Prices and quantities are stored in 1/10000 of their unit */
#define PACTA_DECIMAL_SCALE G_GINT64_CONSTANT (10000)

/* Rates and discounts are stored in hundredths of a percent (2100 is 21 %):
 * this is 100 % */
#define PACTA_PERCENT_SCALE 10000

gint64   pacta_round_div         (gint64       numerator,
                                  gint64       denominator);
gint64   pacta_money_mul_div     (gint64       a,
                                  gint64       b,
                                  gint64       denominator);
gint64   pacta_money_line_value  (gint64       quantity,
                                  gint64       unit_price,
                                  int          discount);
char    *pacta_decimal_format    (gint64       value,
                                  guint        max_decimals);
gboolean pacta_decimal_parse     (const char  *text,
                                  gint64      *value);
char    *pacta_money_format      (gint64       value,
                                  const char  *currency);
char    *pacta_price_format      (gint64       value,
                                  const char  *currency);
const char *pacta_money_currency_symbol (const char *currency);
char    *pacta_percent_format    (int          hundredths);
gboolean pacta_percent_parse     (const char  *text,
                                  int         *hundredths);

G_END_DECLS
