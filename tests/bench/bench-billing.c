/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-billing.c: committing a month's billing run against its lower bound — a bare
 * sqlite program writing exactly the same rows in one transaction with prepared statements.
 *
 * Both start from a fresh copy of the same generated database (same schema,
 * indexes and triggers, same connection settings: WAL, synchronous = FULL,
 * foreign keys on). Pacta plans and writes; the bare program only writes what
 * Pacta wrote in its first run (invoices, lines, billed periods, invoice
 * records, sales items marked billed, the numbering's counter), values
 * precomputed. Runs alternate; the figures are medians.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <sys/resource.h>

#include "bench-util.h"
#include "pacta-billing-run.h"
#include "pacta-database.h"

#define TARGET 1.5

typedef struct
{
  char      *sql;          /* the statement that writes one row */
  GPtrArray *rows;         /* GPtrArray of sqlite3_value* (one row each) */
} Writes;

static void
writes_free (gpointer data)
{
  Writes *w = data;

  g_free (w->sql);
  g_ptr_array_unref (w->rows);
  g_free (w);
}

static void
row_free (gpointer data)
{
  GPtrArray *row = data;

  g_ptr_array_unref (row);
}

/* Rows of @select, kept as values to be bound to @write */
static Writes *
capture (sqlite3    *db,
         const char *select,
         const char *write)
{
  Writes *w = g_new0 (Writes, 1);
  sqlite3_stmt *stmt;

  w->sql = g_strdup (write);
  w->rows = g_ptr_array_new_with_free_func (row_free);
  if (sqlite3_prepare_v2 (db, select, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", select, sqlite3_errmsg (db));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GPtrArray *row = g_ptr_array_new_with_free_func ((GDestroyNotify)sqlite3_value_free);

      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_ptr_array_add (row, sqlite3_value_dup (sqlite3_column_value (stmt, i)));
      g_ptr_array_add (w->rows, row);
    }
  sqlite3_finalize (stmt);
  return w;
}

static char *
insert_all (sqlite3    *db,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM pragma_table_info ('%s')", table);
  sqlite3_stmt *stmt;
  GString *s = g_string_new (NULL);
  int n = 0;

  sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  g_string_printf (s, "INSERT INTO %s VALUES (", table);
  for (int i = 1; i <= n; i++)
    g_string_append_printf (s, "%s?%d", i > 1 ? ", " : "", i);
  g_string_append_c (s, ')');
  return g_string_free (s, FALSE);
}

/* Everything the commit wrote, read back from the database it wrote */
static GPtrArray *
capture_commit (const char *path)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (writes_free);
  static const char *tables[] = { "invoices", "invoice_lines", "billed_periods", "invoice_records" };
  sqlite3 *db;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  /* In the order the commit writes them: numbering, invoices, their lines
   * and billed periods, records */
  g_ptr_array_add (all, capture (db, "SELECT next, period FROM number_sequences WHERE kind = 'invoice'",
                                 "UPDATE number_sequences SET next = ?1, period = ?2 WHERE kind = 'invoice'"));
  g_ptr_array_add (all, capture (db, "SELECT key, value FROM settings WHERE key = 'verifactu-installation'",
                                 "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)"));
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *select = g_strdup_printf ("SELECT * FROM %s ORDER BY rowid", tables[i]);
      g_autofree char *insert = insert_all (db, tables[i]);

      g_ptr_array_add (all, capture (db, select, insert));
    }
  g_ptr_array_add (all, capture (db, "SELECT id, invoice_id FROM sales_items WHERE status = 'billed' ORDER BY id",
                                 "UPDATE sales_items SET status = 'billed', invoice_id = ?2"
                                 " WHERE id = ?1 AND status = 'pending'"));
  sqlite3_close (db);
  return all;
}

static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec * 1000.0 + usage.ru_utime.tv_usec / 1000.0 +
         usage.ru_stime.tv_sec * 1000.0 + usage.ru_stime.tv_usec / 1000.0;
}

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* The lower bound: the same writes, prepared once, in one transaction */
static double
bare_run (const char *path,
          GPtrArray  *all)
{
  sqlite3 *db;
  double started, elapsed, cpu;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  exec_or_die (db, "PRAGMA foreign_keys = ON");
  exec_or_die (db, "PRAGMA synchronous = FULL");
  exec_or_die (db, "PRAGMA journal_mode = WAL");

  started = bench_now_ms ();
  cpu = cpu_ms ();
  exec_or_die (db, "BEGIN IMMEDIATE");
  for (guint t = 0; t < all->len; t++)
    {
      Writes *w = g_ptr_array_index (all, t);
      sqlite3_stmt *stmt;

      if (sqlite3_prepare_v3 (db, w->sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
        g_error ("%s: %s", w->sql, sqlite3_errmsg (db));
      for (guint r = 0; r < w->rows->len; r++)
        {
          GPtrArray *row = g_ptr_array_index (w->rows, r);

          for (guint c = 0; c < row->len; c++)
            sqlite3_bind_value (stmt, (int)c + 1, g_ptr_array_index (row, c));
          if (sqlite3_step (stmt) != SQLITE_DONE)
            g_error ("%s: %s", w->sql, sqlite3_errmsg (db));
          sqlite3_reset (stmt);
        }
      sqlite3_finalize (stmt);
    }
  exec_or_die (db, "COMMIT");
  elapsed = bench_now_ms () - started;
  g_print ("#   bare: cpu %.0f ms of %.0f ms\n", cpu_ms () - cpu, elapsed);
  sqlite3_close (db);
  return elapsed;
}

/* An MSP outside Spain: no invoice records */
static void
records_off (const char *path)
{
  sqlite3 *db;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  exec_or_die (db, "INSERT OR REPLACE INTO settings (key, value) VALUES ('verifactu', 'off')");
  sqlite3_close (db);
}

static double
pacta_run (const char  *path,
           const char  *month,
           guint       *n_invoices)
{
  g_autoptr(PactaDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = NULL;
  double started, elapsed, cpu;

  if (!(db = pacta_database_open (path, &error)))
    g_error ("%s", error->message);
  started = bench_now_ms ();
  cpu = cpu_ms ();
  numbers = pacta_billing_commit (db, month, PACTA_BILLING_PROVISIONAL_USAGE, &error);
  elapsed = bench_now_ms () - started;
  g_print ("#   pacta: cpu %.0f ms of %.0f ms\n", cpu_ms () - cpu, elapsed);
  if (numbers == NULL)
    g_error ("The billing run failed: %s", error->message);
  *n_invoices = g_strv_length (numbers);
  return elapsed;
}

static void
remove_database (const char *path)
{
  static const char *extensions[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      g_autofree char *file = g_strconcat (path, extensions[i], NULL);
      g_unlink (file);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *gen_data = NULL;
  g_autofree char *month = g_strdup ("2026-11");
  g_autofree char *customers = g_strdup ("10000");
  int runs = 5;
  gboolean no_records = FALSE;
  GOptionEntry entries[] = {
    { "no-records", 0, 0, G_OPTION_ARG_NONE, &no_records, "Spain's invoice records off", NULL },
    { "gen-data", 0, 0, G_OPTION_ARG_FILENAME, &gen_data, "The data generator", "PATH" },
    { "customers", 0, 0, G_OPTION_ARG_STRING, &customers, "Customers (10000)", "N" },
    { "month", 0, 0, G_OPTION_ARG_STRING, &month, "The month billed (2026-11)", "YYYY-MM" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each (5)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pacta = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) writes = NULL;
  g_autofree char *data = NULL;
  g_autofree char *pristine = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *name = NULL;
  const char *args[] = { "--customers", NULL, "--month", NULL, "--quiet", NULL };
  guint n_invoices = 0, n_rows = 0;
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
  args[3] = month;
  name = g_strdup_printf ("c%s-%s", customers, month);
  data = bench_data_dir (gen_data, name, args);
  pristine = g_build_filename (data, "pacta.sqlite", NULL);
  tmp = bench_temp_dir ();

  for (int r = 0; r < runs; r++)
    {
      g_autofree char *path = g_build_filename (tmp, "run.sqlite", NULL);

      bench_copy_file (pristine, path);
      if (no_records)
        records_off (path);
      g_array_append_val (pacta, (double){ pacta_run (path, month, &n_invoices) });
      if (writes == NULL)
        {
          writes = capture_commit (path);
          for (guint t = 0; t < writes->len; t++)
            n_rows += ((Writes *)g_ptr_array_index (writes, t))->rows->len;
        }
      remove_database (path);

      bench_copy_file (pristine, path);
      if (no_records)
        records_off (path);
      g_array_append_val (bare, (double){ bare_run (path, writes) });
      remove_database (path);
      g_print ("# run %d: pacta %.0f ms, bare sqlite %.0f ms\n", r + 1,
               g_array_index (pacta, double, r), g_array_index (bare, double, r));
    }
  bench_remove_tree (tmp);

  p = bench_median (pacta);
  b = bench_median (bare);
  ratio = bench_paired_ratio (pacta, bare);
  g_print ("# %u invoices, %u rows written, %s customers, month %s, Spain's invoice records %s, median of %d runs;"
           " the ratio is the median of each run's own\n",
           n_invoices, n_rows, customers, month, no_records ? "off" : "on", runs);
  g_print ("billing-commit: pacta %.0f ms, bare sqlite %.0f ms, ratio %.2f (target <= %.1f) %s\n",
           p, b, ratio, TARGET, ratio <= TARGET ? "PASS" : "FAIL");
  return ratio <= TARGET ? 0 : 1;
}
