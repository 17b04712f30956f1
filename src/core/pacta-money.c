/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-money.c: the one rounding rule and decimal text conversion for fixed-point values */
#include <string.h>

#include "pacta-money.h"

/**
 * pacta_round_div:
 *
 * The project's one rounding rule: divide and round half away from zero
 * (commercial rounding), as accounting software and tax authorities expect.
 */
gint64
pacta_round_div (gint64 numerator,
                 gint64 denominator)
{
  gint64 q, r;

  g_return_val_if_fail (denominator != 0, 0);

  if (denominator < 0)
    numerator = -numerator, denominator = -denominator;

  q = numerator / denominator;
  r = numerator % denominator;
  if (r < 0)
    r = -r;
  if (2 * r >= denominator)
    q += numerator < 0 ? -1 : 1;
  return q;
}

/**
 * pacta_money_mul_div:
 *
 * a × b ÷ denominator, rounded with the one rule, without overflowing in
 * between (quantity × price can exceed 64 bits before the division).
 */
gint64
pacta_money_mul_div (gint64 a,
                     gint64 b,
                     gint64 denominator)
{
  __int128 product = (__int128)a * b;
  __int128 q, r;

  g_return_val_if_fail (denominator > 0, 0);

  q = product / denominator;
  r = product % denominator;
  if (r < 0)
    r = -r;
  if (2 * r >= denominator)
    q += product < 0 ? -1 : 1;

  return (gint64)CLAMP (q, (__int128)G_MININT64, (__int128)G_MAXINT64);
}

/**
 * pacta_money_line_value:
 * @quantity: in 1/10000 of the unit
 * @unit_price: in 1/10000 of the currency
 * @discount: in hundredths of a percent
 *
 * What a line is worth: quantity × unit price less the discount, in 1/10000
 * of the currency, each step rounded with the one rule. Contract parts,
 * sales-item lines and the billing run's lines all use it.
 */
gint64
pacta_money_line_value (gint64 quantity,
                        gint64 unit_price,
                        int    discount)
{
  return pacta_money_mul_div (pacta_money_mul_div (quantity, unit_price, PACTA_DECIMAL_SCALE),
                              PACTA_PERCENT_SCALE - discount, PACTA_PERCENT_SCALE);
}

/* Formats a 1/10000 value with up to @max_decimals decimals, trimming
 * trailing zeros (12.5000 → "12.5", 3.0000 → "3"). Rounds with pacta_round_div. */
char *
pacta_decimal_format (gint64 value,
                      guint  max_decimals)
{
  static const gint64 powers[] = { 10000, 1000, 100, 10, 1 };
  gint64 scaled, whole, frac;
  gboolean negative;
  GString *s;

  max_decimals = MIN (max_decimals, 4);
  scaled = pacta_round_div (value, powers[max_decimals]);
  negative = scaled < 0;
  if (negative)
    scaled = -scaled;

  whole = scaled;
  frac = 0;
  for (guint i = 0; i < max_decimals; i++)
    whole /= 10;
  frac = scaled - whole * (powers[0] / powers[max_decimals]);

  s = g_string_new (negative ? "-" : "");
  g_string_append_printf (s, "%" G_GINT64_FORMAT, whole);
  if (max_decimals > 0 && frac != 0)
    {
      char buf[8];
      int len;

      g_snprintf (buf, sizeof buf, "%0*" G_GINT64_FORMAT, (int)max_decimals, frac);
      len = (int)strlen (buf);
      while (len > 0 && buf[len - 1] == '0')
        buf[--len] = '\0';
      g_string_append_c (s, '.');
      g_string_append (s, buf);
    }

  return g_string_free (s, FALSE);
}

/* Parses "12", "12.5", "-0.0001" (point as separator, at most 4 decimals)
 * into 1/10000 units. Anything else is refused. */
gboolean
pacta_decimal_parse (const char *text,
                     gint64     *value)
{
  gboolean negative = FALSE;
  gint64 whole = 0, frac = 0;
  guint n_whole = 0, n_frac = 0;
  const char *p = text;

  g_return_val_if_fail (value != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  if (*p == '-')
    negative = TRUE, p++;

  for (; g_ascii_isdigit (*p); p++, n_whole++)
    {
      if (whole > (G_MAXINT64 / PACTA_DECIMAL_SCALE - 9) / 10)
        return FALSE;
      whole = whole * 10 + (*p - '0');
    }

  if (*p == '.')
    {
      p++;
      for (; g_ascii_isdigit (*p); p++, n_frac++)
        {
          if (n_frac >= 4)
            return FALSE;
          frac = frac * 10 + (*p - '0');
        }
      if (n_frac == 0)
        return FALSE;
    }

  if (*p != '\0' || n_whole == 0)
    return FALSE;

  for (guint i = n_frac; i < 4; i++)
    frac *= 10;

  *value = whole * PACTA_DECIMAL_SCALE + frac;
  if (negative)
    *value = -*value;
  return TRUE;
}

/**
 * pacta_money_format:
 * @value: an amount in 1/10000 of the currency
 *
 * The amount rounded to cents with two decimals and the currency,
 * e.g. “1754.16 EUR” (“€” for euros).
 */
static const char *
currency_symbol (const char *currency)
{
  return g_strcmp0 (currency, "EUR") == 0 || currency == NULL ? "€" : currency;
}

char *
pacta_money_format (gint64      value,
                    const char *currency)
{
  gint64 cents = pacta_round_div (value, 100);
  gint64 whole = cents / 100;
  gint64 fraction = cents % 100;

  currency = currency_symbol (currency);

  return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%02d %s", cents < 0 && whole == 0 ? "-" : "",
                          whole, (int)(fraction < 0 ? -fraction : fraction), currency);
}

/**
 * pacta_price_format:
 * @value: a unit price in 1/10000 of the currency
 *
 * Like pacta_money_format() but keeping a unit price's sub-cent digits:
 * “12.50 €”, “0.045 €”, “0.0375 €”.
 */
char *
pacta_price_format (gint64      value,
                    const char *currency)
{
  g_autofree char *number = NULL;
  const char *point;

  if (value % 100 == 0)
    return pacta_money_format (value, currency);
  number = pacta_decimal_format (value, 4);
  point = strchr (number, '.');
  /* At least two decimals, as money is shown: 0.045 €, 12.50 € */
  return g_strdup_printf ("%s%s %s", number, point != NULL && strlen (point) == 2 ? "0" : "",
                          currency_symbol (currency));
}

/**
 * pacta_percent_format:
 * @hundredths: a rate in hundredths of a percent (2100 is 21 %)
 *
 * Returns: (transfer full): the percentage with up to two decimals, “21”,
 *   “10.5”, without the sign
 */
char *
pacta_percent_format (int hundredths)
{
  return pacta_decimal_format ((gint64) hundredths * 100, 2);
}

/**
 * pacta_percent_parse:
 *
 * Reads a percentage from 0 to 100 with up to two decimals, as typed: “21”,
 * “10.5”, or “10,5” as written in Spain; spaces and a trailing “%” are fine.
 *
 * Returns: %FALSE, with @hundredths untouched, when @text is not one
 */
gboolean
pacta_percent_parse (const char *text,
                     int        *hundredths)
{
  g_autofree char *copy = g_strdelimit (g_strdup (text != NULL ? text : ""), ",", '.');
  gsize len;
  gint64 value;

  g_strstrip (copy);
  len = strlen (copy);
  if (len > 0 && copy[len - 1] == '%')
    {
      copy[len - 1] = '\0';
      g_strchomp (copy);
    }
  if (!pacta_decimal_parse (copy, &value) ||
      value % 100 != 0 || value < 0 || value > 100 * PACTA_DECIMAL_SCALE)
    return FALSE;
  *hundredths = (int) (value / 100);
  return TRUE;
}

/**
 * pacta_money_currency_symbol:
 * @currency: (nullable): an ISO 4217 code; %NULL is euros
 *
 * Returns: what amounts are written with: “€” for euros, else the code
 */
const char *
pacta_money_currency_symbol (const char *currency)
{
  return currency_symbol (currency);
}
