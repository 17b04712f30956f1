/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-startup.c: starting Pacta on a database of 100 000 customers against a bare
 * libadwaita window, as separate processes.
 *
 * --mode cold-start: from spawning the process to its first drawn frame (the
 *   process prints the monotonic time of the frame clock's first after-paint).
 * --mode memory: the peak resident memory (ru_maxrss) of the process, left
 *   running for a while after its first frame so that deferred work counts.
 *
 * Both programs get the same environment (the benchmark's: X11 under Xvfb, the
 * cairo renderer, settings in memory, a private XDG_DATA_HOME) and run in
 * turn, after one warm-up run each; the OS file cache is warm ("cold" is the
 * process, not the disk).
 *
 * Pacta's warm-up run is left running until its work after the first frame
 * is done, as an MSP's Pacta was when they last closed it: it has saved the
 * order of its customer list in the database, which a start then reads
 * instead of ordering 100 000 names (pacta-customer-view.c). That it did is
 * checked. The cold start judged is a start on that database. The first start
 * on a database never opened before, which orders the names itself, is
 * measured too, on a fresh copy each run, and shown beside it, not judged.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "bench-util.h"

typedef struct
{
  double  first_frame_ms;    /* after spawning */
  double  max_rss_mb;
} Sample;

static Sample
run_once (const char * const *argv,
          const char         *linger_ms)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GIOChannel) channel = NULL;
  g_autofree char *line = NULL;
  struct rusage usage;
  Sample sample = { -1, -1 };
  GPid pid;
  int out_fd, status;
  double spawned;

  env = g_environ_setenv (env, "PACTA_BENCH_FIRST_FRAME", "1", TRUE);
  env = g_environ_setenv (env, "PACTA_BENCH_EXIT_AFTER_MS", linger_ms, TRUE);

  spawned = bench_now_ms ();
  if (!g_spawn_async_with_pipes (NULL, (char **)argv, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                                 NULL, &out_fd, NULL, &error))
    g_error ("%s: %s", argv[0], error->message);

  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  while (g_io_channel_read_line (channel, &line, NULL, NULL, NULL) == G_IO_STATUS_NORMAL)
    {
      if (g_str_has_prefix (line, "first-frame "))
        sample.first_frame_ms = (double)g_ascii_strtoll (line + strlen ("first-frame "), NULL, 10) / 1000.0 - spawned;
      g_clear_pointer (&line, g_free);
    }

  /* The child's own peak, not that of every child so far */
  if (wait4 (pid, &status, 0, &usage) != pid || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s did not exit cleanly", argv[0]);
  g_spawn_close_pid (pid);
  sample.max_rss_mb = usage.ru_maxrss / 1024.0;
  if (sample.first_frame_ms < 0)
    g_error ("%s drew no frame", argv[0]);
  return sample;
}

/* Whether Pacta saved the customer list's order in @database */
static gboolean
has_saved_order (const char *database)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean saved = FALSE;

  if (sqlite3_open_v2 (database, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT length(positions) FROM list_orders WHERE list = 'customers'", -1, &stmt,
                          NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    saved = sqlite3_column_int64 (stmt, 0) > 0;
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);
  return saved;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *gen_data = NULL;
  g_autofree char *pacta_bin = NULL;
  g_autofree char *bare_bin = NULL;
  g_autofree char *mode = g_strdup ("cold-start");
  g_autofree char *customers = g_strdup ("100000");
  g_autofree char *tickets = g_strdup ("0");
  g_autofree char *time_entries = g_strdup ("0");
  g_autofree char *sales_items = g_strdup ("0");
  g_autofree char *contracts = g_strdup ("0");
  int runs = 5;
  GOptionEntry entries[] = {
    { "gen-data", 0, 0, G_OPTION_ARG_FILENAME, &gen_data, "The data generator", "PATH" },
    { "pacta", 0, 0, G_OPTION_ARG_FILENAME, &pacta_bin, "Pacta", "PATH" },
    { "bare", 0, 0, G_OPTION_ARG_FILENAME, &bare_bin, "The bare window", "PATH" },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &mode, "cold-start or memory", "MODE" },
    { "customers", 0, 0, G_OPTION_ARG_STRING, &customers, "Customers (100000)", "N" },
    { "tickets", 0, 0, G_OPTION_ARG_STRING, &tickets, "Tickets (0)", "N" },
    { "time-entries", 0, 0, G_OPTION_ARG_STRING, &time_entries, "Time entries (0)", "N" },
    { "sales-items", 0, 0, G_OPTION_ARG_STRING, &sales_items, "Sales items (0)", "N" },
    { "contracts", 0, 0, G_OPTION_ARG_STRING, &contracts, "Percent with a contract (0)", "P" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each (5)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pacta_frame = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_frame = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pacta_rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) first_open_frame = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) first_open_bare = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *pristine = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *data = NULL;
  g_autofree char *database = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *home = NULL;
  g_autofree char *name = NULL;
  const char *args[] = { "--customers", NULL, "--tickets", NULL, "--time-entries", NULL,
                         "--sales-items", NULL, "--contracts", NULL, "--month", "2026-11", "--quiet", NULL };
  const char *pacta_argv[] = { NULL, "--database", NULL, NULL };
  const char *bare_argv[] = { NULL, NULL };
  gboolean memory;
  const char *linger;
  int status = 0;

  setlocale (LC_ALL, "");
  if (!bench_ensure_display (argc, argv))
    {
      g_printerr ("No display: run under xvfb-run (xvfb-run -a meson test -C build --benchmark)\n");
      return 1;
    }
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || gen_data == NULL || pacta_bin == NULL ||
      bare_bin == NULL)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--gen-data, --pacta and --bare are required");
      return 2;
    }
  memory = g_str_equal (mode, "memory");
  /* Long enough for work put off until after the first frame to run */
  linger = memory ? "2000" : "0";

  bench_machine_note ();
  args[1] = customers;
  args[3] = tickets;
  args[5] = time_entries;
  args[7] = sales_items;
  args[9] = contracts;
  name = g_strdup_printf ("c%s-t%s-e%s-s%s-k%s", customers, tickets, time_entries, sales_items, contracts);
  data = bench_data_dir (gen_data, name, args);

  /* A copy, so that the generated file stays as it was made */
  tmp = bench_temp_dir ();
  home = g_build_filename (tmp, "home", NULL);
  database = g_build_filename (tmp, "pacta.sqlite", NULL);
  fresh = g_build_filename (tmp, "fresh.sqlite", NULL);
  pristine = g_build_filename (data, "pacta.sqlite", NULL);
  bench_copy_file (pristine, database);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  /* No accessibility bus here, for either program */
  g_setenv ("GTK_A11Y", "none", TRUE);

  pacta_argv[0] = pacta_bin;
  pacta_argv[2] = database;
  bare_argv[0] = bare_bin;

  /* One warm-up run each: libraries, fonts and the database in the OS cache;
   * Pacta's until its work after the first frame is done */
  run_once (bare_argv, linger);
  run_once (pacta_argv, "3000");
  if (!has_saved_order (database))
    {
      g_printerr ("Pacta did not save the customers' order in its warm-up run\n");
      return 1;
    }

  for (int r = 0; r < runs; r++)
    {
      Sample b = run_once (bare_argv, linger);
      Sample p = run_once (pacta_argv, linger);

      g_array_append_val (bare_frame, b.first_frame_ms);
      g_array_append_val (pacta_frame, p.first_frame_ms);
      g_array_append_val (bare_rss, b.max_rss_mb);
      g_array_append_val (pacta_rss, p.max_rss_mb);
      g_print ("# run %d: pacta %.0f ms, %.1f MB; bare window %.0f ms, %.1f MB\n", r + 1,
               p.first_frame_ms, p.max_rss_mb, b.first_frame_ms, b.max_rss_mb);

      if (!memory)
        {
          Sample f;

          bench_copy_file (pristine, fresh);
          pacta_argv[2] = fresh;
          b = run_once (bare_argv, linger);
          f = run_once (pacta_argv, linger);
          pacta_argv[2] = database;
          g_array_append_val (first_open_frame, f.first_frame_ms);
          g_array_append_val (first_open_bare, b.first_frame_ms);
          g_print ("# run %d, first start on a database never opened: pacta %.0f ms; bare window %.0f ms\n",
                   r + 1, f.first_frame_ms, b.first_frame_ms);
        }
    }
  bench_remove_tree (tmp);

  g_print ("# %s customers (%s %% of those with billing information under contract), %s tickets, %s time entries,"
           " %s sales items; median of %d runs (the ratio: of each run's own)\n",
           customers, contracts, tickets, time_entries, sales_items, runs);
  if (!memory)
    {
      double p = bench_median (pacta_frame), b = bench_median (bare_frame);
      double ratio = bench_paired_ratio (pacta_frame, bare_frame);

      g_print ("# first start on a database never opened before (the order not saved yet): pacta %.0f ms,"
               " bare window %.0f ms, ratio %.2f (not judged)\n",
               bench_median (first_open_frame), bench_median (first_open_bare),
               bench_paired_ratio (first_open_frame, first_open_bare));
      g_print ("cold-start: pacta %.0f ms, bare libadwaita window %.0f ms, ratio %.2f (target <= 1.5) %s\n",
               p, b, ratio, ratio <= 1.5 ? "PASS" : "FAIL");
      status = ratio <= 1.5 ? 0 : 1;
    }
  else
    {
      double p = bench_median (pacta_rss), b = bench_median (bare_rss), extra = p - b;

      g_print ("peak-memory: pacta %.1f MB, bare libadwaita window %.1f MB, +%.1f MB (target <= +60 MB) %s\n",
               p, b, extra, extra <= 60 ? "PASS" : "FAIL");
      status = extra <= 60 ? 0 : 1;
    }
  return status;
}
