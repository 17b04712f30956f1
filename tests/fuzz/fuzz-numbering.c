/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-numbering.c: the invoice-number pattern check, saving the settings, the numbers previewed and the numbers taken.
 *
 * The input is text, one setting a line, the later ones optional:
 *   pattern            e.g. INV-{yyyy}-{0000}
 *   next number        any integer; pacta_numbering_save() decides
 *   reset              never, yearly or monthly (anything else is refused by the save)
 *   invoice date       YYYY-MM-DD
 * Settings that save must preview two distinct numbers, and the billing run
 * must then take exactly those two: that is what keeps invoice numbers unique
 * and what the confirmation shows true.
 */
#include <string.h>

#include "fuzz-common.h"
#include "pacta-numbering.h"

static gboolean
is_date (const char *text)
{
  guint64 y, m, d;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  y = g_ascii_strtoull (text, NULL, 10);
  m = g_ascii_strtoull (text + 5, NULL, 10);
  d = g_ascii_strtoull (text + 8, NULL, 10);
  return g_date_valid_dmy ((GDateDay)d, (GDateMonth)m, (GDateYear)y);
}

static void
check_saved (PactaDatabase *database,
             const char    *date)
{
  g_autoptr(PactaNumbering) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) preview = NULL;

  saved = pacta_numbering_load (database, "invoice", &error);
  g_assert_no_error (error);

  preview = pacta_numbering_preview (saved, date, 2);
  g_assert_cmpuint (g_strv_length (preview), ==, 2);
  g_assert_true (g_utf8_validate (preview[0], -1, NULL));
  g_assert_cmpstr (preview[0], !=, preview[1]);

  g_assert_true (pacta_database_begin (database, &error));
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *number = pacta_numbering_take_unlocked (database, "invoice", date, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (number, ==, preview[i]);
    }
  pacta_database_rollback (database);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  PactaDatabase *database = pacta_fuzz_database (FALSE);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  PactaNumbering numbering = { (char *)"invoice", NULL, 1, (char *)"yearly", NULL, TRUE };
  const char *date = "2026-11-01";
  guint n_lines;

  /* Patterns come from a GtkEntry or a command-line option: always UTF-8 */
  if (memchr (data, '\0', size) != NULL || !g_utf8_validate_len ((const char *)data, size, NULL))
    return -1;

  text = g_strndup ((const char *)data, size);
  lines = g_strsplit (text, "\n", 4);
  n_lines = g_strv_length (lines);

  if (!pacta_numbering_pattern_check (n_lines > 0 ? lines[0] : "", &error))
    {
      g_assert_nonnull (error);
      return 0;
    }
  numbering.pattern = lines[0];

  /* The command line takes any 64-bit number (G_OPTION_ARG_INT64) */
  if (n_lines > 1 && lines[1][0] != '\0' &&
      !g_ascii_string_to_signed (lines[1], 10, G_MININT64, G_MAXINT64, &numbering.next, NULL))
    return -1;
  if (n_lines > 2 && lines[2][0] != '\0')
    numbering.reset = lines[2];
  if (n_lines > 3 && lines[3][0] != '\0')
    {
      /* The billing run's date is always a real date */
      if (!is_date (lines[3]))
        return -1;
      date = lines[3];
    }

  if (pacta_numbering_save (database, &numbering, &error))
    check_saved (database, date);
  else
    g_assert_nonnull (error);

  pacta_fuzz_database_reset ();
  return 0;
}
