/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-numbering.c: numbers that continue the MSP's accounting software. A pattern
 * holds {yyyy}, {yy}, {mm} and one counter {0000} (its width is the number of
 * zeros); the counter restarts at 1 when the year or month of the invoice date
 * changes, as the reset policy says. Numbers are only taken inside the commit's
 * transaction, so they are gap-free and never reused. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pacta-error.h"
#include "pacta-numbering.h"

#define MAX_PATTERN_CHARS 40
/* The most a 10-digit counter shows; also keeps next + 1 from overflowing */
#define MAX_NEXT          G_GINT64_CONSTANT (9999999999)

void
pacta_numbering_free (PactaNumbering *numbering)
{
  if (numbering == NULL)
    return;
  g_free (numbering->kind);
  g_free (numbering->pattern);
  g_free (numbering->reset);
  g_free (numbering->period);
  g_free (numbering);
}

/**
 * pacta_numbering_pattern_check:
 *
 * A pattern needs exactly one counter ({0}, {00}, … up to 10 zeros); the
 * other tokens are {yyyy}, {yy} and {mm}; any other {…} is refused.
 */
gboolean
pacta_numbering_pattern_check (const char  *pattern,
                               GError     **error)
{
  guint counters = 0;

  if (pattern == NULL || pattern[0] == '\0')
    return pacta_error_invalid (error, _("The pattern is empty"));
  if (g_utf8_strlen (pattern, -1) > MAX_PATTERN_CHARS)
    return pacta_error_invalid (error, _("The pattern is longer than 40 characters"));

  for (const char *p = pattern; *p; p++)
    {
      const char *end;
      g_autofree char *token = NULL;

      if ((guchar)*p < 0x20 || (guchar)*p == 0x7f)
        return pacta_error_invalid (error, _("The pattern contains control characters"));
      /* C1 controls, and the marks that turn text around: a printed number
       * must read as it is stored */
      if ((guchar)*p >= 0xc0)   /* the first byte of a character beyond ASCII */
        {
          gunichar c = g_utf8_get_char_validated (p, -1);

          if (c == (gunichar) -1 || c == (gunichar) -2 || (c >= 0x80 && c <= 0x9f) ||
              c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
            return pacta_error_invalid (error, _("The pattern contains control characters"));
        }
      if (*p == '}')
        return pacta_error_invalid (error, _("A “}” without its “{”"));
      if (*p != '{')
        continue;

      end = strchr (p, '}');
      if (end == NULL)
        return pacta_error_invalid (error, _("A “{” without its “}”"));
      token = g_strndup (p + 1, (gsize) (end - p - 1));

      if (strspn (token, "0") == strlen (token) && token[0] != '\0')
        {
          if (strlen (token) > 10)
            return pacta_error_invalid (error, _("The counter has more than 10 digits"));
          counters++;
        }
      else if (!g_str_equal (token, "yyyy") && !g_str_equal (token, "yy") && !g_str_equal (token, "mm"))
        {
          g_autofree char *message = g_strdup_printf (_("Unknown token “{%s}”; use {yyyy}, {yy}, {mm} and a counter such as {0000}"),
                                                      token);
          return pacta_error_invalid (error, message);
        }
      p = end;
    }

  if (counters == 0)
    return pacta_error_invalid (error, _("The pattern needs a counter, such as {0000}"));
  if (counters > 1)
    return pacta_error_invalid (error, _("The pattern has more than one counter"));
  return TRUE;
}

/* @date: YYYY-MM-DD, the invoice date */
char *
pacta_numbering_format (const char *pattern,
                        gint64      counter,
                        const char *date)
{
  GString *s = g_string_new (NULL);

  for (const char *p = pattern; *p; p++)
    {
      const char *end;

      if (*p != '{' || (end = strchr (p, '}')) == NULL)
        {
          g_string_append_c (s, *p);
          continue;
        }

      if (strncmp (p, "{yyyy}", 6) == 0)
        g_string_append_len (s, date, 4);
      else if (strncmp (p, "{yy}", 4) == 0)
        g_string_append_len (s, date + 2, 2);
      else if (strncmp (p, "{mm}", 4) == 0)
        g_string_append_len (s, date + 5, 2);
      else
        g_string_append_printf (s, "%0*" G_GINT64_FORMAT, (int)(end - p - 1), counter);
      p = end;
    }

  return g_string_free (s, FALSE);
}

/* The reset period an invoice date falls in */
static char *
period_for (const char *reset,
            const char *date)
{
  if (g_strcmp0 (reset, "yearly") == 0)
    return g_strndup (date, 4);
  if (g_strcmp0 (reset, "monthly") == 0)
    return g_strndup (date, 7);
  return g_strdup ("");
}

/* The counter the next number on @date takes */
static gint64
counter_for (PactaNumbering *numbering,
             const char     *date)
{
  g_autofree char *period = period_for (numbering->reset, date);

  /* Nothing issued yet: continue where the accounting software stopped */
  if (numbering->period == NULL || g_str_equal (period, numbering->period))
    return numbering->next;
  return 1;
}

char **
pacta_numbering_preview (PactaNumbering *numbering,
                         const char     *date,
                         guint           n)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gint64 counter = counter_for (numbering, date);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *number = pacta_numbering_format (numbering->pattern, counter + i, date);
      g_strv_builder_add (builder, number);
    }
  return g_strv_builder_end (builder);
}

PactaNumbering *
pacta_numbering_load (PactaDatabase  *database,
                      const char     *kind,
                      GError        **error)
{
  sqlite3_stmt *stmt;
  PactaNumbering *numbering = NULL;

  stmt = pacta_database_prepare (database,
                                 "SELECT pattern, next, reset, period, confirmed FROM number_sequences WHERE kind = ?1",
                                 error);
  if (stmt == NULL)
    return NULL;
  pacta_sql_bind_text (stmt, 1, kind);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      numbering = g_new0 (PactaNumbering, 1);
      numbering->kind = g_strdup (kind);
      numbering->pattern = g_strdup (pacta_sql_column_text (stmt, 0));
      numbering->next = sqlite3_column_int64 (stmt, 1);
      numbering->reset = g_strdup (pacta_sql_column_text (stmt, 2));
      numbering->period = g_strdup (pacta_sql_column_text (stmt, 3));
      numbering->confirmed = sqlite3_column_int (stmt, 4) != 0;
    }
  sqlite3_reset (stmt);

  if (numbering == NULL)
    g_set_error (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND, _("There is no number sequence “%s”"), kind);
  return numbering;
}

gboolean
pacta_numbering_save (PactaDatabase   *database,
                      PactaNumbering  *numbering,
                      GError         **error)
{
  sqlite3_stmt *stmt;

  if (!pacta_numbering_pattern_check (numbering->pattern, error))
    return FALSE;
  if (numbering->next < 1)
    return pacta_error_invalid (error, _("The next number must be 1 or more"));
  if (numbering->next > MAX_NEXT)
    return pacta_error_invalid (error, _("The next number has more than 10 digits"));
  if (g_strcmp0 (numbering->reset, "never") != 0 && g_strcmp0 (numbering->reset, "yearly") != 0 &&
      g_strcmp0 (numbering->reset, "monthly") != 0)
    return pacta_error_invalid (error, _("Reset the counter never, yearly or monthly"));

  /* Saved settings are the truth: the next number is exactly the one set,
   * whatever period the last number fell in */
  stmt = pacta_database_prepare (database,
                                 "UPDATE number_sequences SET pattern = ?2, next = ?3, reset = ?4, confirmed = ?5,"
                                 " period = NULL WHERE kind = ?1",
                                 error);
  if (stmt == NULL)
    return FALSE;
  pacta_sql_bind_text (stmt, 1, numbering->kind);
  pacta_sql_bind_text (stmt, 2, numbering->pattern);
  sqlite3_bind_int64 (stmt, 3, numbering->next);
  pacta_sql_bind_text (stmt, 4, numbering->reset);
  sqlite3_bind_int (stmt, 5, numbering->confirmed);
  return pacta_database_step_done (database, stmt, error);
}

/**
 * pacta_numbering_confirm:
 * @pattern: (nullable): a new pattern, or %NULL to keep it
 * @next: a new next number, or 0 to keep it
 * @reset: (nullable): a new reset policy, or %NULL to keep it
 *
 * The review before the first billing run: confirms the invoice numbering,
 * optionally changed, so that numbers continue the accounting software.
 */
gboolean
pacta_numbering_confirm (PactaDatabase  *database,
                         const char     *pattern,
                         gint64          next,
                         const char     *reset,
                         GError        **error)
{
  g_autoptr(PactaNumbering) numbering = pacta_numbering_load (database, "invoice", error);

  if (numbering == NULL)
    return FALSE;

  if (pattern != NULL)
    {
      g_free (numbering->pattern);
      numbering->pattern = g_strdup (pattern);
    }
  if (next != 0)
    numbering->next = next;
  if (reset != NULL)
    {
      g_free (numbering->reset);
      numbering->reset = g_strdup (reset);
    }
  numbering->confirmed = TRUE;
  return pacta_numbering_save (database, numbering, error);
}

/**
 * pacta_numbering_take_many_unlocked:
 *
 * Takes the next @n numbers for @date inside the caller's transaction and
 * moves the sequence on past them, in one write: what @n calls of
 * pacta_numbering_take_unlocked() with the same date give. Only a committed
 * transaction consumes them.
 *
 * Returns: (transfer full): the numbers, in order
 */
char **
pacta_numbering_take_many_unlocked (PactaDatabase  *database,
                                    const char     *kind,
                                    const char     *date,
                                    guint           n,
                                    GError        **error)
{
  g_autoptr(PactaNumbering) numbering = pacta_numbering_load (database, kind, error);
  g_autofree char *period = NULL;
  sqlite3_stmt *stmt;
  gint64 counter;

  if (numbering == NULL)
    return NULL;

  counter = counter_for (numbering, date);
  period = period_for (numbering->reset, date);

  stmt = pacta_database_prepare (database,
                                 "UPDATE number_sequences SET next = ?2, period = ?3 WHERE kind = ?1",
                                 error);
  if (stmt == NULL)
    return NULL;
  pacta_sql_bind_text (stmt, 1, kind);
  sqlite3_bind_int64 (stmt, 2, counter + n);
  sqlite3_bind_text (stmt, 3, period, -1, SQLITE_TRANSIENT);
  if (!pacta_database_step_done (database, stmt, error))
    return NULL;

  return pacta_numbering_preview (numbering, date, n);
}

/**
 * pacta_numbering_take_unlocked:
 *
 * Takes the next number for @date inside the caller's transaction and moves
 * the sequence on. Only a committed transaction consumes it.
 */
char *
pacta_numbering_take_unlocked (PactaDatabase  *database,
                               const char     *kind,
                               const char     *date,
                               GError        **error)
{
  g_auto(GStrv) numbers = pacta_numbering_take_many_unlocked (database, kind, date, 1, error);

  return numbers != NULL ? g_strdup (numbers[0]) : NULL;
}
