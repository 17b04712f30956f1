/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-clock.c: the one clock — fixed, stepping, zoned, set from PACTA_NOW,
 * read from threads — and the date helpers that go with it */
#include <string.h>

#include "pacta-clock.h"
#include "pacta-date.h"
#include "pacta-test-util.h"

static char *
format_now (PactaClock *clock)
{
  g_autoptr(GDateTime) now = pacta_clock_get_now (clock);

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
}

static void
set_zone (PactaClock *clock,
          const char *identifier)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (identifier);

  g_assert_nonnull (zone);
  pacta_clock_set_timezone (clock, zone);
}

static void
test_fixed_in_zones (void)
{
  g_autoptr(PactaClock) clock = g_object_new (PACTA_TYPE_CLOCK, NULL);
  g_autofree char *madrid = NULL;
  g_autofree char *madrid_today = NULL;
  g_autofree char *kiritimati = NULL;
  g_autofree char *pago_pago = NULL;
  g_autofree char *pago_pago_today = NULL;

  /* One instant, three days: the zone decides what "today" is */
  g_assert_true (pacta_clock_set_fixed_iso (clock, "2026-12-31T23:30:00Z"));
  g_assert_true (pacta_clock_is_fixed (clock));
  set_zone (clock, "Europe/Madrid");
  madrid = format_now (clock);
  madrid_today = pacta_clock_get_today (clock);
  set_zone (clock, "Pacific/Kiritimati");
  kiritimati = format_now (clock);
  set_zone (clock, "Pacific/Pago_Pago");
  pago_pago = format_now (clock);
  pago_pago_today = pacta_clock_get_today (clock);

  g_assert_cmpstr (madrid, ==, "2027-01-01T00:30:00+01:00");
  g_assert_cmpstr (madrid_today, ==, "2027-01-01");
  g_assert_cmpstr (kiritimati, ==, "2027-01-01T13:30:00+14:00");
  g_assert_cmpstr (pago_pago, ==, "2026-12-31T12:30:00-11:00");
  g_assert_cmpstr (pago_pago_today, ==, "2026-12-31");

  /* Without an offset, a time in the clock's zone: Madrid keeps summer
   * time on 30 June */
  set_zone (clock, "Europe/Madrid");
  g_assert_true (pacta_clock_set_fixed_iso (clock, "2027-06-30T23:59:59"));
  {
    g_autofree char *summer = format_now (clock);

    g_assert_cmpstr (summer, ==, "2027-06-30T23:59:59+02:00");
  }

  /* Not a time: refused, and the clock stays where it was */
  g_assert_false (pacta_clock_set_fixed_iso (clock, "tomorrow"));
  g_assert_false (pacta_clock_set_fixed_iso (clock, "2027-02-29T10:00:00Z"));
  {
    g_autofree char *kept = format_now (clock);

    g_assert_cmpstr (kept, ==, "2027-06-30T23:59:59+02:00");
  }
}

static void
test_step (void)
{
  g_autoptr(PactaClock) clock = g_object_new (PACTA_TYPE_CLOCK, NULL);
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) second = NULL;
  g_autoptr(GDateTime) third = NULL;
  g_autoptr(GDateTime) still = NULL;
  g_autoptr(GDateTime) again = NULL;

  set_zone (clock, "Europe/Madrid");
  g_assert_true (pacta_clock_set_fixed_iso (clock, "2026-12-31T23:59:59+01:00"));
  pacta_clock_set_step (clock, G_TIME_SPAN_SECOND / 2);
  first = pacta_clock_get_now (clock);
  second = pacta_clock_get_now (clock);
  third = pacta_clock_get_now (clock);

  /* Every read moves it on by the step: the third is in the new year */
  g_assert_cmpint (g_date_time_difference (second, first), ==, G_TIME_SPAN_SECOND / 2);
  g_assert_cmpint (g_date_time_difference (third, first), ==, G_TIME_SPAN_SECOND);
  g_assert_cmpint (g_date_time_get_year (second), ==, 2026);
  g_assert_cmpint (g_date_time_get_year (third), ==, 2027);

  /* Without a step it stands still */
  pacta_clock_set_step (clock, 0);
  still = pacta_clock_get_now (clock);
  again = pacta_clock_get_now (clock);
  g_assert_true (g_date_time_equal (still, again));

  /* Back to the wall clock, the step is dropped */
  pacta_clock_set_step (clock, G_TIME_SPAN_SECOND);
  pacta_clock_set_fixed (clock, NULL);
  g_assert_false (pacta_clock_is_fixed (clock));
}

typedef struct
{
  PactaClock *clock;
  GArray     *seen;   /* gint64 µs since the epoch, of every read */
  GMutex      lock;
} Readers;

#define READS_PER_THREAD 500
#define N_THREADS 4

static gpointer
read_many (gpointer data)
{
  Readers *readers = data;
  gint64 times[READS_PER_THREAD];

  for (int i = 0; i < READS_PER_THREAD; i++)
    {
      g_autoptr(GDateTime) now = pacta_clock_get_now (readers->clock);

      times[i] = g_date_time_to_unix (now) * G_USEC_PER_SEC + g_date_time_get_microsecond (now);
    }
  g_mutex_lock (&readers->lock);
  g_array_append_vals (readers->seen, times, READS_PER_THREAD);
  g_mutex_unlock (&readers->lock);
  return NULL;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* A billing run reads the clock from its worker thread while the window
 * reads it too: every read takes its own step, none is lost or doubled */
static void
test_threads (void)
{
  Readers readers = { g_object_new (PACTA_TYPE_CLOCK, NULL), g_array_new (FALSE, FALSE, sizeof (gint64)) };
  GThread *threads[N_THREADS];
  g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 ("2027-01-01T00:00:00Z", NULL);
  gint64 start_us = g_date_time_to_unix (start) * G_USEC_PER_SEC;

  g_mutex_init (&readers.lock);
  pacta_clock_set_fixed (readers.clock, start);
  pacta_clock_set_step (readers.clock, 1);
  for (int i = 0; i < N_THREADS; i++)
    threads[i] = g_thread_new ("reader", read_many, &readers);
  for (int i = 0; i < N_THREADS; i++)
    g_thread_join (threads[i]);

  g_array_sort (readers.seen, compare_gint64);
  g_assert_cmpuint (readers.seen->len, ==, N_THREADS * READS_PER_THREAD);
  for (guint i = 0; i < readers.seen->len; i++)
    g_assert_cmpint (g_array_index (readers.seen, gint64, i), ==, start_us + i);

  g_mutex_clear (&readers.lock);
  g_array_unref (readers.seen);
  g_object_unref (readers.clock);
}

/* Unfixed, the clock follows the machine's: CI moves that with faketime and
 * tells the test where to (PACTA_TEST_FAKETIME=2026-12-31T23:59:50,
 * local time in TZ), so a run
 * at a hard date fails here if the date did not reach the app */
static void
test_follows_the_machine (void)
{
  g_autoptr(PactaClock) clock = g_object_new (PACTA_TYPE_CLOCK, NULL);
  g_autoptr(GDateTime) now = pacta_clock_get_now (clock);
  gint64 machine = g_get_real_time ();
  gint64 app = g_date_time_to_unix (now) * G_USEC_PER_SEC + g_date_time_get_microsecond (now);
  const char *faked = g_getenv ("PACTA_TEST_FAKETIME");

  g_assert_false (pacta_clock_is_fixed (clock));
  g_assert_cmpint (ABS (machine - app), <, 60 * G_USEC_PER_SEC);
  if (faked != NULL)
    {
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();
      g_autoptr(GDateTime) expected = g_date_time_new_from_iso8601 (faked, local);
      g_autoptr(GTimeZone) zone = pacta_clock_get_timezone (clock);

      g_assert_nonnull (expected);
      /* The suites before this one ran for a while: minutes, not days */
      g_assert_cmpint (g_date_time_difference (now, expected), >=, 0);
      g_assert_cmpint (g_date_time_difference (now, expected), <, 15 * G_TIME_SPAN_MINUTE);
      g_assert_cmpstr (g_time_zone_get_identifier (zone), ==, g_getenv ("TZ"));
    }
}

/* PACTA_NOW fixes the clock of the whole process; a bad value is said and
 * ignored. The test runs itself with it (g_test_trap_subprocess can't set
 * the environment in GLib 2.74). */
static char *
run_with_now (const char  *value,
              char       **errors)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *self = g_test_build_filename (G_TEST_BUILT, "test-clock", NULL);
  char *out = NULL;

  g_subprocess_launcher_setenv (launcher, "PACTA_NOW", value, TRUE);
  g_subprocess_launcher_setenv (launcher, "TZ", "Europe/Madrid", TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, self, "--print-clock", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (child, NULL, NULL, &out, errors, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (child));
  return out;
}

static void
test_environment (void)
{
  g_autofree char *errors = NULL;
  g_autofree char *out = run_with_now ("2026-12-31T23:59:30+01:00", &errors);
  g_autofree char *bad_errors = NULL;
  g_autofree char *bad = run_with_now ("next Tuesday", &bad_errors);

  g_assert_cmpstr (out, ==, "2026-12-31 2026-12-31T23:59:30+01:00 fixed\n");
  g_assert_cmpstr (errors, ==, "");
  /* Stated in UTC, shown in the machine's zone */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&errors, g_free);
  out = run_with_now ("2027-03-28T01:30:00Z", &errors);
  g_assert_cmpstr (out, ==, "2027-03-28 2027-03-28T03:30:00+02:00 fixed\n");

  g_assert_true (g_str_has_suffix (bad, " real\n"));
  g_assert_nonnull (strstr (bad_errors, "PACTA_NOW=next Tuesday is not a time"));
}

static void
test_date_helpers (void)
{
  struct { const char *date; const char *previous; const char *next; } months[] = {
    { "2027-01-15", "2026-12", "2027-02-01" },
    { "2026-12-31", "2026-11", "2027-01-01" },
    { "2028-02-29", "2028-01", "2028-03-01" },
    { "2027-03-01", "2027-02", "2027-04-01" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      g_autofree char *previous = pacta_month_previous (months[i].date);
      g_autofree char *next = pacta_date_first_of_next_month (months[i].date);

      g_assert_cmpstr (previous, ==, months[i].previous);
      g_assert_cmpstr (next, ==, months[i].next);
    }

  g_assert_true (pacta_date_is_valid ("2028-02-29"));
  g_assert_false (pacta_date_is_valid ("2027-02-29"));
  g_assert_false (pacta_date_is_valid ("2027-13-01"));
  g_assert_false (pacta_date_is_valid ("2027-1-01"));
  g_assert_false (pacta_date_is_valid (NULL));
  g_assert_true (pacta_month_is_valid ("2027-12"));
  g_assert_false (pacta_month_is_valid ("2027-00"));
  g_assert_false (pacta_month_is_valid ("2027-12-01"));

  {
    g_autofree char *feb_leap = pacta_date_month_last (pacta_date_month_index ("2028-02-10"));
    g_autofree char *feb = pacta_date_month_last (pacta_date_month_index ("2027-02-10"));
    g_autofree char *dec = pacta_date_month_first (pacta_date_month_index ("2026-12-31"));
    g_autofree char *year_end = pacta_date_add_days ("2026-12-31", 1);
    g_autofree char *leap_day = pacta_date_add_days ("2028-02-28", 1);
    g_autofree char *terms = pacta_date_add_days ("2027-01-01", 30);

    g_assert_cmpstr (feb_leap, ==, "2028-02-29");
    g_assert_cmpstr (feb, ==, "2027-02-28");
    g_assert_cmpstr (dec, ==, "2026-12-01");
    g_assert_cmpstr (year_end, ==, "2027-01-01");
    g_assert_cmpstr (leap_day, ==, "2028-02-29");
    g_assert_cmpstr (terms, ==, "2027-01-31");
  }
  g_assert_cmpint (pacta_date_days_between ("2028-02-01", "2028-02-29"), ==, 29);
  g_assert_cmpint (pacta_date_days_between ("2026-12-31", "2027-01-01"), ==, 2);
  g_assert_cmpint (pacta_date_days_between ("2027-01-01", "2027-12-31"), ==, 365);
  g_assert_cmpstr (pacta_date_later ("2027-01-01", "2026-12-31"), ==, "2027-01-01");
  g_assert_cmpstr (pacta_date_earlier ("2027-01-01", NULL), ==, "2027-01-01");
  g_assert_null (pacta_date_later (NULL, NULL));
}

/* Today by the default clock, which every rule reads */
static void
test_today_is_the_clocks (void)
{
  g_autofree char *today = NULL;

  pacta_test_set_clock ("Pacific/Pago_Pago", "2027-01-01T05:00:00Z");
  today = pacta_date_today ();
  g_assert_cmpstr (today, ==, "2026-12-31");
  g_clear_pointer (&today, g_free);
  pacta_test_set_clock ("Pacific/Kiritimati", "2026-12-31T10:00:00Z");
  today = pacta_date_today ();
  g_assert_cmpstr (today, ==, "2027-01-01");
  pacta_test_clock_reset ();
  g_assert_false (pacta_clock_is_fixed (pacta_clock_get_default ()));
}

int
main (int   argc,
      char *argv[])
{
  /* The child of test_environment: prints what the default clock says */
  if (argc == 2 && g_str_equal (argv[1], "--print-clock"))
    {
      PactaClock *clock = pacta_clock_get_default ();
      g_autofree char *today = pacta_clock_get_today (clock);
      g_autofree char *now = format_now (clock);

      g_print ("%s %s %s\n", today, now, pacta_clock_is_fixed (clock) ? "fixed" : "real");
      return 0;
    }

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pacta/clock/fixed-in-zones", test_fixed_in_zones);
  g_test_add_func ("/pacta/clock/step", test_step);
  g_test_add_func ("/pacta/clock/threads", test_threads);
  g_test_add_func ("/pacta/clock/follows-the-machine", test_follows_the_machine);
  g_test_add_func ("/pacta/clock/environment", test_environment);
  g_test_add_func ("/pacta/clock/today-is-the-clocks", test_today_is_the_clocks);
  g_test_add_func ("/pacta/date/helpers", test_date_helpers);

  return g_test_run ();
}
