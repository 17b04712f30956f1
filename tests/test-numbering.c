/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-numbering.c: invoice number patterns, preview, resets across year and month ends, taking numbers */
#include "pacta-database.h"
#include "pacta-error.h"
#include "pacta-numbering.h"
#include "pacta-test-util.h"

typedef struct
{
  char          *dir;
  PactaDatabase *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = pacta_test_make_dir ();
  path = g_build_filename (f->dir, "n.sqlite", NULL);
  f->db = pacta_database_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->db);
  pacta_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
test_patterns (Fixture       *f,
               gconstpointer  data)
{
  static const char *good[] = { "INV-{yyyy}-{0000}", "{yy}{mm}{000}", "F{0}", "2026/{000000}", "A-{0000000000}" };
  static const struct { const char *pattern; const char *fragment; } bad[] = {
    { "", "empty" },
    { "INV-{yyyy}", "needs a counter" },
    { "{0000}-{00}", "more than one counter" },
    { "INV-{dd}-{0000}", "Unknown token “{dd}”" },
    { "INV-{yyyy-{0000}", "Unknown token" },
    { "INV-{0000", "without its “}”" },
    { "INV}{0000}", "without its “{”" },
    { "{00000000000}", "more than 10 digits" },
    { "A-very-long-invoice-number-pattern-{0000}", "longer than 40" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      if (!pacta_numbering_pattern_check (good[i], &error))
        g_error ("“%s” should be accepted: %s", good[i], error->message);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (pacta_numbering_pattern_check (bad[i].pattern, &error));
      g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
      if (strstr (error->message, bad[i].fragment) == NULL)
        g_error ("“%s”: “%s” does not contain “%s”", bad[i].pattern, error->message, bad[i].fragment);
    }
}

static void
test_format (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *a = pacta_numbering_format ("INV-{yyyy}-{0000}", 42, "2026-12-01");
  g_autofree char *b = pacta_numbering_format ("{yy}{mm}/{000}", 7, "2027-01-01");
  g_autofree char *c = pacta_numbering_format ("F{00}", 12345, "2026-12-01");

  g_assert_cmpstr (a, ==, "INV-2026-0042");
  g_assert_cmpstr (b, ==, "2701/007");
  /* A counter outgrows its width rather than being cut */
  g_assert_cmpstr (c, ==, "F12345");
}

static char *
take (Fixture    *f,
      const char *date)
{
  g_autoptr(GError) error = NULL;
  char *number;

  g_assert_true (pacta_database_begin (f->db, NULL));
  number = pacta_numbering_take_unlocked (f->db, "invoice", date, &error);
  g_assert_no_error (error);
  g_assert_true (pacta_database_commit (f->db, NULL));
  return number;
}

static void
test_continue_and_reset_yearly (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(PactaNumbering) numbering = NULL;
  g_auto(GStrv) preview = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *second = NULL, *third = NULL;

  /* Continue the accounting software: next is 318 */
  g_assert_true (pacta_numbering_confirm (f->db, "F-{yyyy}-{0000}", 318, "yearly", &error));
  g_assert_no_error (error);
  numbering = pacta_numbering_load (f->db, "invoice", NULL);
  g_assert_true (numbering->confirmed);
  preview = pacta_numbering_preview (numbering, "2026-12-01", 3);
  g_assert_cmpstr (preview[0], ==, "F-2026-0318");
  g_assert_cmpstr (preview[2], ==, "F-2026-0320");

  first = take (f, "2026-12-01");
  second = take (f, "2026-12-01");
  g_assert_cmpstr (first, ==, "F-2026-0318");
  g_assert_cmpstr (second, ==, "F-2026-0319");

  /* A new year starts again at 1 */
  third = take (f, "2027-01-01");
  g_assert_cmpstr (third, ==, "F-2027-0001");

  /* Many at once (a billing run) are the next ones in order, and the
   * sequence moves on past them, as taking them one by one does */
  {
    g_auto(GStrv) many = NULL;
    g_autofree char *after = NULL;

    g_assert_true (pacta_database_begin (f->db, NULL));
    many = pacta_numbering_take_many_unlocked (f->db, "invoice", "2027-01-31", 3, &error);
    g_assert_no_error (error);
    g_assert_true (pacta_database_commit (f->db, NULL));
    g_assert_cmpuint (g_strv_length (many), ==, 3);
    g_assert_cmpstr (many[0], ==, "F-2027-0002");
    g_assert_cmpstr (many[2], ==, "F-2027-0004");
    after = take (f, "2027-02-01");
    g_assert_cmpstr (after, ==, "F-2027-0005");
  }
}

static void
test_reset_monthly_and_never (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  g_assert_true (pacta_numbering_confirm (f->db, "{yy}{mm}-{000}", 5, "monthly", NULL));
  a = take (f, "2026-11-01");
  b = take (f, "2026-12-01");
  g_assert_cmpstr (a, ==, "2611-005");
  g_assert_cmpstr (b, ==, "2612-001");

  g_assert_true (pacta_numbering_confirm (f->db, "N{00000}", 0, "never", NULL));
  c = take (f, "2027-01-01");
  /* Never reset: the counter simply goes on */
  g_assert_cmpstr (c, ==, "N00002");
}

static void
test_rollback_consumes_nothing (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *kept = NULL;
  g_autofree char *again = NULL;

  g_assert_true (pacta_numbering_confirm (f->db, NULL, 0, NULL, NULL));
  g_assert_true (pacta_database_begin (f->db, NULL));
  kept = pacta_numbering_take_unlocked (f->db, "invoice", "2026-12-01", NULL);
  pacta_database_rollback (f->db);
  again = take (f, "2026-12-01");
  g_assert_cmpstr (kept, ==, again);
  g_assert_cmpstr (again, ==, "INV-2026-0001");
}

static void
test_bad_settings_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaNumbering) numbering = NULL;

  g_assert_false (pacta_numbering_confirm (f->db, "INV-{dd}", 0, NULL, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (pacta_numbering_confirm (f->db, NULL, -4, NULL, &error));
  g_clear_error (&error);
  g_assert_false (pacta_numbering_confirm (f->db, NULL, 0, "weekly", &error));
  g_clear_error (&error);

  numbering = pacta_numbering_load (f->db, "invoice", NULL);
  g_assert_false (numbering->confirmed);
  g_assert_cmpstr (numbering->pattern, ==, "INV-{yyyy}-{0000}");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/pacta/numbering/patterns", Fixture, NULL, fixture_set_up, test_patterns, fixture_tear_down);
  g_test_add ("/pacta/numbering/format", Fixture, NULL, fixture_set_up, test_format, fixture_tear_down);
  g_test_add ("/pacta/numbering/continue-and-reset-yearly", Fixture, NULL, fixture_set_up, test_continue_and_reset_yearly, fixture_tear_down);
  g_test_add ("/pacta/numbering/reset-monthly-and-never", Fixture, NULL, fixture_set_up, test_reset_monthly_and_never, fixture_tear_down);
  g_test_add ("/pacta/numbering/rollback-consumes-nothing", Fixture, NULL, fixture_set_up, test_rollback_consumes_nothing, fixture_tear_down);
  g_test_add ("/pacta/numbering/bad-settings-refused", Fixture, NULL, fixture_set_up, test_bad_settings_refused, fixture_tear_down);

  return g_test_run ();
}
