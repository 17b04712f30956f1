/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-date.c: calendar dates as Pacta keeps them, and today's from the clock.
 *
 * Dates are ISO text (YYYY-MM-DD), which compare and sort as strings. They
 * are read by hand rather than with g_date_set_parse (), which follows the
 * locale. The functions taking a date expect a valid one
 * (pacta_date_is_valid ()); they are called for every contract part of a
 * billing run, so the common ones do not allocate.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "pacta-clock.h"
#include "pacta-date.h"

/* A YYYY-MM-DD date that exists in the calendar */
gboolean
pacta_date_is_valid (const char *date)
{
  guint64 y, m, d;
  g_auto(GStrv) parts = NULL;

  if (date == NULL || strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return FALSE;

  parts = g_strsplit (date, "-", 3);
  if (!g_ascii_string_to_unsigned (parts[0], 10, 1, 9999, &y, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &m, NULL) ||
      !g_ascii_string_to_unsigned (parts[2], 10, 1, 31, &d, NULL))
    return FALSE;

  return g_date_valid_dmy ((GDateDay)d, (GDateMonth)m, (GDateYear)y);
}

/* A YYYY-MM month */
gboolean
pacta_month_is_valid (const char *month)
{
  g_autofree char *day = NULL;

  if (month == NULL || strlen (month) != 7)
    return FALSE;
  day = g_strdup_printf ("%s-01", month);
  return pacta_date_is_valid (day);
}

/**
 * pacta_date_today:
 *
 * Returns: (transfer full): today's date by the app's clock, in its zone
 */
char *
pacta_date_today (void)
{
  return pacta_clock_get_today (pacta_clock_get_default ());
}

static void
set_date (GDate      *date,
          const char *text)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay)atoi (text + 8), (GDateMonth)atoi (text + 5), (GDateYear)atoi (text));
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

int
pacta_date_month_index (const char *date)
{
  return atoi (date) * 12 + atoi (date + 5) - 1;
}

/* The first day of the month with that index */
char *
pacta_date_month_first (int month_index)
{
  return g_strdup_printf ("%04d-%02d-01", month_index / 12, month_index % 12 + 1);
}

/* The last day of the month with that index */
char *
pacta_date_month_last (int month_index)
{
  GDateMonth month = (GDateMonth)(month_index % 12 + 1);
  GDateYear year = (GDateYear)(month_index / 12);

  return g_strdup_printf ("%04d-%02d-%02d", month_index / 12, month_index % 12 + 1,
                          g_date_get_days_in_month (month, year));
}

/* Days from @from to @to, both counted */
int
pacta_date_days_between (const char *from,
                         const char *to)
{
  GDate a, b;

  set_date (&a, from);
  set_date (&b, to);
  return (int)g_date_get_julian (&b) - (int)g_date_get_julian (&a) + 1;
}

/* @date moved on by @days (0 or more) */
char *
pacta_date_add_days (const char *date,
                     int         days)
{
  GDate d;

  set_date (&d, date);
  g_date_add_days (&d, (guint)MAX (days, 0));
  return format_date (&d);
}

/* The later of two dates, where %NULL is no bound */
const char *
pacta_date_later (const char *a,
                  const char *b)
{
  if (a == NULL)
    return b;
  if (b == NULL)
    return a;
  return strcmp (a, b) > 0 ? a : b;
}

/* The earlier of two dates, where %NULL is no bound */
const char *
pacta_date_earlier (const char *a,
                    const char *b)
{
  if (a == NULL)
    return b;
  if (b == NULL)
    return a;
  return strcmp (a, b) < 0 ? a : b;
}

/* The month before @date's, YYYY-MM: what a billing run bills by default */
char *
pacta_month_previous (const char *date)
{
  int index = pacta_date_month_index (date) - 1;

  return g_strdup_printf ("%04d-%02d", index / 12, index % 12 + 1);
}

/* The first day of the month after @date's: a new contract's default start */
char *
pacta_date_first_of_next_month (const char *date)
{
  return pacta_date_month_first (pacta_date_month_index (date) + 1);
}

/**
 * pacta_month_name:
 * @month: YYYY-MM
 *
 * Returns: (transfer full): the month by its name in the user's language,
 *   such as “November 2026”; @month itself when it is not one
 */
char *
pacta_month_name (const char *month)
{
  g_autoptr(GDateTime) start = NULL;

  if (month == NULL || !pacta_month_is_valid (month))
    return g_strdup (month != NULL ? month : "");
  start = g_date_time_new_utc ((int) g_ascii_strtoll (month, NULL, 10), (int) g_ascii_strtoll (month + 5, NULL, 10),
                               1, 0, 0, 0);
  if (start == NULL)
    return g_strdup (month);
  /* Translators: a month and its year, as g_date_time_format () writes
   * them, such as “November 2026”; in Spanish “%B de %Y” */
  return g_date_time_format (start, _("%B %Y"));
}
