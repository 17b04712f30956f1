/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-util.c: generated data kept between runs, timing and medians for the benchmarks */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench-util.h"

/* What makes generated data stale: the generator itself changed */
static char *
generator_stamp (const char          *gen_data,
                 const char * const  *args)
{
  GStatBuf st;
  g_autofree char *joined = g_strjoinv (" ", (char **)args);

  if (g_stat (gen_data, &st) != 0)
    g_error ("No data generator at %s", gen_data);
  return g_strdup_printf ("%s\n%" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", joined,
                          (gint64)st.st_size, (gint64)st.st_mtime);
}

/**
 * bench_data_dir:
 * @name: a folder name for this data set
 * @args: the generator's arguments (without --out)
 *
 * Returns the folder that holds pacta.sqlite, tenants.json and usages.json as
 * the generator makes them from @args; generated once and kept (under
 * $PACTA_BENCH_DATA) until the generator or the arguments change.
 */
char *
bench_data_dir (const char          *gen_data,
                const char          *name,
                const char * const  *args)
{
  const char *root = g_getenv ("PACTA_BENCH_DATA");
  g_autofree char *dir = g_build_filename (root != NULL ? root : g_get_tmp_dir (), name, NULL);
  g_autofree char *stamp_path = g_build_filename (dir, "stamp", NULL);
  g_autofree char *stamp = generator_stamp (gen_data, args);
  g_autofree char *old_stamp = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;
  double started;

  if (g_file_get_contents (stamp_path, &old_stamp, NULL, NULL) && g_str_equal (old_stamp, stamp))
    return g_steal_pointer (&dir);

  g_ptr_array_add (argv, (char *)gen_data);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, (char *)"--out");
  g_ptr_array_add (argv, dir);
  g_ptr_array_add (argv, NULL);

  g_unlink (stamp_path);
  started = bench_now_ms ();
  if (!g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                     NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("Generating the data failed: %s", error->message);
  g_print ("# generated %s in %.1f s\n", dir, (bench_now_ms () - started) / 1000);

  if (!g_file_set_contents (stamp_path, stamp, -1, &error))
    g_error ("%s", error->message);
  return g_steal_pointer (&dir);
}

char *
bench_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("pacta-bench-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
bench_remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        bench_remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

gboolean
bench_copy_file (const char *from,
                 const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) target = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  if (!g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    g_error ("Copying %s: %s", from, error->message);
  return TRUE;
}

double
bench_now_ms (void)
{
  return (double)g_get_monotonic_time () / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

double
bench_median (GArray *samples)
{
  g_autoptr(GArray) sorted = g_array_copy (samples);
  guint n = sorted->len;

  g_return_val_if_fail (n > 0, 0);
  g_array_sort (sorted, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (sorted, double, n / 2);
  return (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2;
}

/* The median of each run's own ratio: a run and its bound are taken one
 * after the other, so a slower moment of a shared machine slows both */
double
bench_paired_ratio (GArray *samples,
                    GArray *bounds)
{
  g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));

  g_return_val_if_fail (samples->len == bounds->len && samples->len > 0, 0);
  for (guint i = 0; i < samples->len; i++)
    g_array_append_val (ratios, (double){ g_array_index (samples, double, i) / g_array_index (bounds, double, i) });
  return bench_median (ratios);
}

double
bench_max (GArray *samples)
{
  double max = 0;

  for (guint i = 0; i < samples->len; i++)
    max = MAX (max, g_array_index (samples, double, i));
  return max;
}

/* One line saying where the figures were taken */
void
bench_machine_note (void)
{
  g_autofree char *cpuinfo = NULL;
  const char *model = "unknown CPU";
  double load[1] = { 0 };
  g_auto(GStrv) lines = NULL;

  if (g_file_get_contents ("/proc/cpuinfo", &cpuinfo, NULL, NULL))
    {
      lines = g_strsplit (cpuinfo, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        if (g_str_has_prefix (lines[i], "model name"))
          {
            const char *colon = strchr (lines[i], ':');
            if (colon != NULL)
              model = colon + 2;
            break;
          }
    }
  if (getloadavg (load, 1) < 1)
    load[0] = -1;
  g_print ("# machine: %s, %ld cores online, load %.2f\n", model, sysconf (_SC_NPROCESSORS_ONLN), load[0]);
}

/**
 * bench_ensure_display:
 *
 * GUI benchmarks need an X display: without one, runs itself again under
 * xvfb-run (and does not return). Returns %FALSE when there is no way.
 */
gboolean
bench_ensure_display (int    argc,
                      char **argv)
{
  g_autofree char *xvfb = NULL;
  g_autoptr(GPtrArray) args = NULL;

  if (g_getenv ("DISPLAY") != NULL && *g_getenv ("DISPLAY") != '\0')
    return TRUE;
  if (g_getenv ("PACTA_BENCH_REEXEC") != NULL || !(xvfb = g_find_program_in_path ("xvfb-run")))
    return FALSE;

  args = g_ptr_array_new ();
  g_ptr_array_add (args, xvfb);
  g_ptr_array_add (args, (char *)"-a");
  for (int i = 0; i < argc; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, NULL);
  g_setenv ("PACTA_BENCH_REEXEC", "1", TRUE);
  fflush (stdout);
  execv (xvfb, (char **)args->pdata);
  return FALSE;
}

static gboolean
flag_timeout_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds */
void
bench_run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, flag_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Sets *@flag once @ms milliseconds have passed in the main loop: a guard
 * against waiting for ever. Returns: the source, to remove if not needed */
guint
bench_flag_after (guint     ms,
                  gboolean *flag)
{
  *flag = FALSE;
  return g_timeout_add (ms, flag_timeout_cb, flag);
}

/* A copy of the generated database in @data, in @tmp, so that the generated
 * file stays as it was made. Returns: (transfer full): the copy's path */
char *
bench_copy_database (const char *data,
                     const char *tmp)
{
  g_autofree char *pristine = g_build_filename (data, "pacta.sqlite", NULL);
  char *path = g_build_filename (tmp, "pacta.sqlite", NULL);

  bench_copy_file (pristine, path);
  return path;
}

/**
 * bench_start_windowed:
 * @gen_data: (out): the data generator given with --gen-data
 *
 * The start of a benchmark that opens windows in-process: a display (under
 * xvfb-run if there is none), @entries parsed, the machine noted.
 *
 * Returns: 0, or the status to exit with
 */
int
bench_start_windowed (int                 *argc,
                      char              ***argv,
                      GOptionContext      *context,
                      const GOptionEntry  *entries,
                      char               **gen_data)
{
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  if (!bench_ensure_display (*argc, *argv))
    {
      g_printerr ("No display: run under xvfb-run (xvfb-run -a meson test -C build --benchmark)\n");
      return 1;
    }
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error) || *gen_data == NULL)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--gen-data is required");
      return 2;
    }
  bench_machine_note ();
  return 0;
}

/**
 * bench_open_copy:
 * @tmp: (out) (transfer full): the temporary folder made, to remove at the end
 *
 * The generated data set @name (made by @gen_data with @args when missing),
 * copied to a temporary folder that is also the process's XDG_DATA_HOME.
 *
 * Returns: (transfer full): the copy's path
 */
char *
bench_open_copy (const char         *gen_data,
                 const char         *name,
                 const char * const *args,
                 char              **tmp)
{
  g_autofree char *data = bench_data_dir (gen_data, name, args);

  *tmp = bench_temp_dir ();
  g_setenv ("XDG_DATA_HOME", *tmp, TRUE);
  return bench_copy_database (data, *tmp);
}
