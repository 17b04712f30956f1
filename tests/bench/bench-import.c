/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-import.c: importing the platform's tenant and usage listings against its lower
 * bound — json-glib parsing the same two files and nothing else.
 *
 * Pacta reads, checks and writes both files into a new, empty database (its
 * creation is not timed); the bound reads the files and parses them with
 * json-glib (the faster of its two parsers). Runs alternate; medians.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <sys/resource.h>

#include "bench-util.h"
#include "pacta-database.h"
#include "pacta-import.h"

#define TARGET 2.0

/* Of every thread of the process */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec * 1000.0 + usage.ru_utime.tv_usec / 1000.0 +
         usage.ru_stime.tv_sec * 1000.0 + usage.ru_stime.tv_usec / 1000.0;
}

static double
parse_run (const char *tenants,
           const char *usages,
           gboolean    immutable)
{
  const char *files[] = { tenants, usages };
  double started = bench_now_ms ();

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(JsonParser) parser = immutable ? json_parser_new_immutable () : json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (files[i], &contents, &length, &error) ||
          !json_parser_load_from_data (parser, contents, (gssize)length, &error))
        g_error ("%s: %s", files[i], error->message);
    }
  return bench_now_ms () - started;
}

static double
import_run (const char *dir,
            const char *tenants,
            const char *usages,
            guint      *n_customers,
            guint      *n_services,
            double     *cpu)
{
  g_autofree char *path = g_build_filename (dir, "import.sqlite", NULL);
  g_autoptr(PactaDatabase) db = NULL;
  g_autoptr(PactaImportReport) report = pacta_import_report_new ();
  g_autoptr(GFile) tenants_file = g_file_new_for_path (tenants);
  g_autoptr(GFile) usages_file = g_file_new_for_path (usages);
  g_autoptr(GError) error = NULL;
  double started, elapsed;

  if (!(db = pacta_database_open (path, &error)))
    g_error ("%s", error->message);
  started = bench_now_ms ();
  *cpu = cpu_ms ();
  if (!pacta_import_platform (db, tenants_file, usages_file, NULL, NULL, report, &error))
    g_error ("The import failed: %s", error->message);
  elapsed = bench_now_ms () - started;
  *cpu = cpu_ms () - *cpu;
  *n_customers = report->customers_created;
  *n_services = report->services_created;

  g_clear_object (&db);
  for (guint i = 0; i < 3; i++)
    {
      static const char *extensions[] = { "", "-wal", "-shm" };
      g_autofree char *file = g_strconcat (path, extensions[i], NULL);
      g_unlink (file);
    }
  return elapsed;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *gen_data = NULL;
  g_autofree char *customers = g_strdup ("10000");
  int runs = 5;
  GOptionEntry entries[] = {
    { "gen-data", 0, 0, G_OPTION_ARG_FILENAME, &gen_data, "The data generator", "PATH" },
    { "customers", 0, 0, G_OPTION_ARG_STRING, &customers, "Tenants (10000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each (5)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pacta = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) parse = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pacta_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *data = NULL;
  g_autofree char *tenants = NULL;
  g_autofree char *usages = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *name = NULL;
  /* The billing benchmark's data set: generated once for both */
  const char *args[] = { "--customers", NULL, "--month", "2026-11", "--quiet", NULL };
  guint n_customers = 0, n_services = 0;
  double p, b, ratio;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || gen_data == NULL)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--gen-data is required");
      return 2;
    }

  bench_machine_note ();
  args[1] = customers;
  name = g_strdup_printf ("c%s-2026-11", customers);
  data = bench_data_dir (gen_data, name, args);
  tenants = g_build_filename (data, "tenants.json", NULL);
  usages = g_build_filename (data, "usages.json", NULL);
  tmp = bench_temp_dir ();

  for (int r = 0; r < runs; r++)
    {
      double immutable, mutable, imported = 0, cpu = 0;

      /* Either goes first in turn: neither always finds the memory the
       * other just gave back */
      if (r % 2 == 0)
        imported = import_run (tmp, tenants, usages, &n_customers, &n_services, &cpu);
      /* The bound is the faster parser */
      immutable = parse_run (tenants, usages, TRUE);
      mutable = parse_run (tenants, usages, FALSE);
      if (r % 2 == 1)
        imported = import_run (tmp, tenants, usages, &n_customers, &n_services, &cpu);
      g_array_append_val (pacta, imported);
      g_array_append_val (parse, (double){ MIN (immutable, mutable) });
      g_array_append_val (pacta_cpu, cpu);
      g_print ("# run %d: pacta %.0f ms (cpu %.0f ms on all threads), json-glib %.0f ms (immutable parser %.0f ms,"
               " mutable %.0f ms)\n", r + 1, g_array_index (pacta, double, r), cpu, g_array_index (parse, double, r),
               immutable, mutable);
    }
  bench_remove_tree (tmp);

  p = bench_median (pacta);
  b = bench_median (parse);
  ratio = bench_paired_ratio (pacta, parse);
  g_print ("# %u customers and %u services from %s tenants, median of %d runs (the ratio: of each run's own); Pacta"
           " reads the two files on two threads (cpu %.0f ms), the bound parses them one after the other\n",
           n_customers, n_services, customers, runs, bench_median (pacta_cpu));
  g_print ("import: pacta %.0f ms, json-glib parse %.0f ms, ratio %.2f (target <= %.1f) %s\n",
           p, b, ratio, TARGET, ratio <= TARGET ? "PASS" : "FAIL");
  return ratio <= TARGET ? 0 : 1;
}
