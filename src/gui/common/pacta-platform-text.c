/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-platform-text.c: the cloud platform's months (YYYY-MM) and times (ISO 8601 UTC) as the
 * window words them — a month by its name, a time in the app clock's zone — and which months
 * can be closed. Shared by the sync dialog and the Cloud Platform preferences page. */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pacta-date.h"
#include "pacta-platform-text.h"

/**
 * pacta_platform_format_month:
 * @month: YYYY-MM
 *
 * Returns: (transfer full): the month by its name, such as “November 2026”;
 *   @month itself when it is not one
 */
char *
pacta_platform_format_month (const char *month)
{
  return pacta_month_name (month);
}

/**
 * pacta_platform_format_time:
 * @iso_utc: (nullable): a time as the database keeps it, ISO 8601 UTC
 *
 * Returns: (transfer full) (nullable): the time in the app clock's zone,
 *   such as “3 December 2026, 10:15”; %NULL without one
 */
char *
pacta_platform_format_time (PactaClock *clock,
                            const char *iso_utc)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GTimeZone) zone = NULL;

  g_return_val_if_fail (PACTA_IS_CLOCK (clock), NULL);

  if (iso_utc == NULL || *iso_utc == '\0')
    return NULL;
  if ((when = g_date_time_new_from_iso8601 (iso_utc, NULL)) == NULL)
    return g_strdup (iso_utc);
  zone = pacta_clock_get_timezone (clock);
  local = g_date_time_to_timezone (when, zone);
  /* Translators: a day and time, as g_date_time_format () writes them,
   * such as “3 December 2026, 10:15”; in Spanish “%-d de %B de %Y, %H:%M” */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M"));
}

/**
 * pacta_platform_ended_months:
 * @n_months: how many
 *
 * The months that can be closed: those that have ended by the app's clock,
 * in UTC as the platform counts (pacta_usage_month_check_past()), the
 * month just ended first.
 *
 * Returns: (transfer full): @n_months months, YYYY-MM
 */
GStrv
pacta_platform_ended_months (PactaClock *clock,
                             guint       n_months)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) utc = NULL;
  GStrv months;
  int year, month;

  g_return_val_if_fail (PACTA_IS_CLOCK (clock), NULL);

  now = pacta_clock_get_now (clock);
  utc = g_date_time_to_utc (now);
  year = g_date_time_get_year (utc);
  month = g_date_time_get_month (utc);
  months = g_new0 (char *, n_months + 1);
  for (guint i = 0; i < n_months; i++)
    {
      if (--month == 0)
        {
          month = 12;
          year--;
        }
      months[i] = g_strdup_printf ("%04d-%02d", year, month);
    }
  return months;
}

/**
 * pacta_platform_month_closed_at:
 * @month: YYYY-MM
 *
 * Returns: (transfer full) (nullable): when @month was closed (ISO 8601
 *   UTC), %NULL when it is not
 */
char *
pacta_platform_month_closed_at (PactaContext *context,
                                const char   *month)
{
  g_autoptr(GError) error = NULL;
  char *closed_at = NULL;

  g_return_val_if_fail (PACTA_IS_CONTEXT (context), NULL);

  if (!(closed_at = pacta_context_get_usage_month_closed_at (context, month, &error)) && error != NULL)
    g_warning ("Could not read whether %s is closed: %s", month, error->message);
  return closed_at;
}
