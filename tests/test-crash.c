/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-crash.c: a child process billing, importing or migrating is killed
 * with SIGKILL at random instants; after every kill the database must be
 * intact, its invoice numbers gap-free and unique, no source billed twice,
 * every invoice whole, the record chain intact — and the work, run again,
 * must complete.
 *
 * The instants come from a seeded generator (PACTA_CRASH_SEED, printed), so
 * a failing sequence of delays can be replayed; where in its work the child
 * is at a given delay still depends on the machine.
 */
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pacta-backup.h"
#include "pacta-billing-run.h"
#include "pacta-context.h"
#include "pacta-contract-store.h"
#include "pacta-import.h"
#include "pacta-numbering.h"
#include "pacta-test-util.h"
#include "pacta-verifactu.h"

#define KILLS 50

typedef struct
{
  char  *dir;
  char  *path;
  GRand *rand;
  guint  kills_in_work;   /* kills that found the child mid-work */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *seed_text = g_getenv ("PACTA_CRASH_SEED");
  guint32 seed = seed_text != NULL ? (guint32) g_ascii_strtoull (seed_text, NULL, 10) : 20261127;

  g_test_message ("PACTA_CRASH_SEED=%u", seed);
  f->dir = pacta_test_make_dir ();
  f->path = g_build_filename (f->dir, "crash.sqlite", NULL);
  f->rand = g_rand_new_with_seed (seed);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_rand_free (f->rand);
  pacta_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Runs @work in a child process and kills it after @delay_us, unless it
 * finished first. Returns whether it was killed. */
static gboolean
run_and_kill (void        (*work) (const char *path, gconstpointer data),
              const char   *path,
              gconstpointer data,
              gulong        delay_us)
{
  int status = 0;
  pid_t pid;
  gboolean killed;

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      work (path, data);
      _exit (0);
    }
  g_usleep (delay_us);   /* the random instant itself, not a wait for anything */
  killed = kill (pid, SIGKILL) == 0;
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  /* A child that exits by itself must have succeeded */
  if (WIFEXITED (status))
    g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  return killed && WIFSIGNALED (status);
}

static char *
text_of (PactaDatabase *db,
         const char    *sql)
{
  sqlite3_stmt *stmt = pacta_database_prepare (db, sql, NULL);
  char *text = NULL;

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

static void
assert_integrity (PactaDatabase *db)
{
  g_autofree char *check = text_of (db, "PRAGMA integrity_check");

  g_assert_cmpstr (check, ==, "ok");
}

/* ---- billing runs ------------------------------------------------------- */

static void
bill_months (const char    *path,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaDatabase) db = pacta_database_open (path, &error);

  if (db == NULL)
    _exit (2);
  /* As the window and the command line do: a copy, then the run */
  for (int month = 0; month < 48; month++)
    {
      g_autofree char *name = g_strdup_printf ("%04d-%02d", 2026 + (9 + month) / 12, (9 + month) % 12 + 1);
      g_autofree char *backup = pacta_backup_create (db, "billing-run", &error);
      g_auto(GStrv) numbers = backup != NULL ? pacta_billing_commit (db, name, PACTA_BILLING_PROVISIONAL_USAGE, &error)
                                             : NULL;

      if (numbers == NULL)
        {
          g_printerr ("child: %s\n", error->message);
          _exit (3);
        }
    }
}

static void
assert_billing_invariants (PactaDatabase *db)
{
  g_autoptr(PactaVerifactuCheck) check = NULL;
  sqlite3_stmt *stmt;
  g_autofree char *year = NULL;
  gint64 expected = 0;

  assert_integrity (db);

  /* Numbers: INV-YYYY-NNNN, counting 1, 2, 3… within each year, unique */
  stmt = pacta_database_prepare (db, "SELECT number FROM invoices WHERE kind = 'invoice' ORDER BY id", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *number = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *this_year = g_strndup (number + 4, 4);

      if (g_strcmp0 (this_year, year) != 0)
        {
          g_free (year);
          year = g_strdup (this_year);
          expected = 1;
        }
      else
        expected++;
      g_assert_cmpint (g_ascii_strtoll (number + 9, NULL, 10), ==, expected);
    }
  sqlite3_reset (stmt);
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) - count(DISTINCT number) FROM invoices", NULL), ==, 0);
  /* The sequence's next number follows the last one issued */
  if (year != NULL)
    g_assert_cmpint (pacta_database_count (db, "SELECT next FROM number_sequences WHERE kind = 'invoice'", NULL),
                     ==, expected + 1);

  /* No contract part's period on two invoices */
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM (SELECT 1 FROM invoice_lines"
                                             " WHERE contract_part_id IS NOT NULL"
                                             " GROUP BY contract_part_id, period_start HAVING count(*) > 1)", NULL), ==, 0);
  /* Every invoice whole: lines adding up to its net, its periods marked billed by it */
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM invoices i WHERE net !="
                                             " (SELECT coalesce (sum (net), -1) FROM invoice_lines l WHERE l.invoice_id = i.id)",
                                             NULL), ==, 0);
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM invoice_lines l WHERE contract_part_id IS NOT NULL"
                                             " AND NOT EXISTS (SELECT 1 FROM billed_periods b WHERE"
                                             " b.contract_part_id = l.contract_part_id AND b.period_start = l.period_start"
                                             " AND b.invoice_id = l.invoice_id)", NULL), ==, 0);
  /* Provisional usage recorded by the run that billed it, with it: once a
   * month, counting that run's invoices */
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM usage_confirmations u WHERE u.invoices !="
                                             " (SELECT count(*) FROM invoices i WHERE i.kind = 'invoice'"
                                             " AND i.billing_month = u.month)", NULL), ==, 0);
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM (SELECT 1 FROM usage_confirmations"
                                             " GROUP BY month HAVING count(*) > 1)", NULL), ==, 0);
  /* Spain's records: one per invoice, the chain intact */
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM invoices i WHERE NOT EXISTS"
                                             " (SELECT 1 FROM invoice_records r WHERE r.invoice_id = i.id)", NULL), ==, 0);
  check = pacta_verifactu_verify (db, NULL);
  g_assert_nonnull (check);
  g_assert_true (check->intact);
}

static void
test_billing_run_killed (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* The demo: 40 customers, a Spanish MSP, contracts for those with services */
  {
    g_autoptr(PactaContext) context = pacta_context_open_demo (f->path, &error);
    PactaDatabase *db;
    g_autoptr(GArray) missing = NULL;
    g_autoptr(PactaContract) prototype = g_object_new (PACTA_TYPE_CONTRACT, "name", "Managed services",
                                                       "start-date", "2026-10-01", NULL);
    g_autoptr(GPtrArray) skipped = NULL;
    guint created = 0;

    g_assert_no_error (error);
    db = pacta_context_get_database (context);
    missing = pacta_contract_missing_customers (db, NULL);
    skipped = pacta_contract_create_defaults (db, missing, prototype, &created, NULL);
    g_assert_cmpuint (created, >, 0);
    g_assert_true (pacta_numbering_confirm (db, NULL, 0, NULL, NULL));
  }

  for (guint i = 0; i < KILLS; i++)
    {
      g_autoptr(PactaDatabase) db = NULL;
      g_autoptr(GPtrArray) backups = NULL;

      f->kills_in_work += run_and_kill (bill_months, f->path, NULL, (gulong) g_rand_int_range (f->rand, 500, 40000));

      db = pacta_database_open (f->path, &error);
      g_assert_no_error (error);
      assert_billing_invariants (db);
      /* Every backup listed is a readable copy */
      backups = pacta_backup_list (db);
      for (guint k = 0; k < backups->len; k++)
        g_assert_cmpint (((PactaBackup *) g_ptr_array_index (backups, k))->n_invoices, >=, 0);
    }

  /* Run again, the work completes and adds up */
  bill_months (f->path, NULL);
  {
    g_autoptr(PactaDatabase) db = pacta_database_open (f->path, &error);

    g_assert_no_error (error);
    assert_billing_invariants (db);
    g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM invoices", NULL), >, 0);
  }
  g_test_message ("%u of %u kills found the child mid-work", f->kills_in_work, KILLS);
  g_assert_cmpuint (f->kills_in_work, >=, KILLS / 2);
}

/* ---- imports ------------------------------------------------------------ */

typedef struct
{
  GBytes *tenants[2];
  GBytes *usages;
} Listings;

/* Two versions of the tenant listing: every name different */
static GBytes *
renamed_tenants (GBytes     *tenants,
                 const char *suffix)
{
  g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (tenants, NULL), (gssize) g_bytes_get_size (tenants));
  g_autofree char *replacement = g_strdup_printf ("\"name\": \"%s ", suffix);

  g_string_replace (text, "\"name\": \"", replacement, 0);
  return g_string_free_to_bytes (g_steal_pointer (&text));
}

static void
import_alternately (const char    *path,
                    gconstpointer  data)
{
  const Listings *listings = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaDatabase) db = pacta_database_open (path, &error);

  if (db == NULL)
    _exit (2);
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(PactaImportReport) report = pacta_import_report_new ();

      if (!pacta_import_platform_bytes (db, listings->tenants[i % 2], "tenants.json", listings->usages, "usages.json",
                                        NULL, NULL, report, &error))
        {
          g_printerr ("child: %s\n", error->message);
          _exit (3);
        }
    }
}

static void
test_import_killed (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GBytes) tenants = pacta_test_demo_bytes ("tenants.json");
  Listings listings = { { NULL, NULL }, pacta_test_demo_bytes ("usages.json") };
  g_autoptr(GError) error = NULL;
  gint64 customers;

  g_assert_nonnull (strstr (g_bytes_get_data (tenants, NULL), "\"name\": \""));
  listings.tenants[0] = renamed_tenants (tenants, "A");
  listings.tenants[1] = renamed_tenants (tenants, "B");
  import_alternately (f->path, &listings);
  {
    g_autoptr(PactaDatabase) db = pacta_database_open (f->path, &error);

    customers = pacta_database_count (db, "SELECT count(*) FROM customers", NULL);
    g_assert_cmpint (customers, >, 0);
  }

  for (guint i = 0; i < KILLS; i++)
    {
      g_autoptr(PactaDatabase) db = NULL;

      f->kills_in_work += run_and_kill (import_alternately, f->path, &listings,
                                        (gulong) g_rand_int_range (f->rand, 500, 30000));
      db = pacta_database_open (f->path, &error);
      g_assert_no_error (error);
      assert_integrity (db);
      /* One listing or the other, whole: never half renamed */
      g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM customers", NULL), ==, customers);
      g_assert_true (pacta_database_count (db, "SELECT count(*) FROM customers WHERE name LIKE 'A %'", NULL) == customers ||
                     pacta_database_count (db, "SELECT count(*) FROM customers WHERE name LIKE 'B %'", NULL) == customers);
    }
  g_test_message ("%u of %u kills found the child mid-work", f->kills_in_work, KILLS);
  g_assert_cmpuint (f->kills_in_work, >=, KILLS / 2);
  g_bytes_unref (listings.tenants[0]);
  g_bytes_unref (listings.tenants[1]);
  g_bytes_unref (listings.usages);
}

/* ---- migrations ------------------------------------------------------- */

static void
open_to_migrate (const char    *path,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaDatabase) db = pacta_database_open (path, &error);

  if (db == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      _exit (3);
    }
}

/* A file from before Pacta's schema, with enough in it that the copy and
 * the migration take a while */
static void
write_old_file (const char *path)
{
  sqlite3 *raw = NULL;

  g_unlink (path);
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "CREATE TABLE notes (t TEXT);"
                                      "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)"
                                      " INSERT INTO notes SELECT printf ('note %05d, kept through every migration', i) FROM n;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
}

static void
test_migration_killed (Fixture       *f,
                       gconstpointer  data)
{
  for (guint i = 0; i < KILLS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PactaDatabase) db = NULL;
      sqlite3 *raw = NULL;
      sqlite3_stmt *stmt = NULL;
      int version = -1;
      int customers_table = -1;
      int notes = -1;

      write_old_file (f->path);
      f->kills_in_work += run_and_kill (open_to_migrate, f->path, NULL, (gulong) g_rand_int_range (f->rand, 200, 20000));

      /* Before Pacta opens it: the old schema or the newest, nothing between */
      g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v2 (raw, "SELECT (SELECT user_version FROM pragma_user_version),"
                                                " (SELECT count(*) FROM sqlite_schema WHERE name = 'customers'),"
                                                " (SELECT count(*) FROM notes)", -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      version = sqlite3_column_int (stmt, 0);
      customers_table = sqlite3_column_int (stmt, 1);
      notes = sqlite3_column_int (stmt, 2);
      sqlite3_finalize (stmt);
      sqlite3_close (raw);
      g_assert_true ((version == 0 && customers_table == 0) ||
                     (version == pacta_database_get_latest_version () && customers_table == 1));
      g_assert_cmpint (notes, ==, 20000);

      /* And it opens, migrated */
      db = pacta_database_open (f->path, &error);
      g_assert_no_error (error);
      assert_integrity (db);
      g_assert_cmpint (pacta_database_get_schema_version (db), ==, pacta_database_get_latest_version ());
    }
  g_test_message ("%u of %u kills found the child mid-work", f->kills_in_work, KILLS);
  g_assert_cmpuint (f->kills_in_work, >=, KILLS / 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/pacta/crash/billing-run-killed", Fixture, NULL, fixture_set_up, test_billing_run_killed, fixture_tear_down);
  g_test_add ("/pacta/crash/import-killed", Fixture, NULL, fixture_set_up, test_import_killed, fixture_tear_down);
  g_test_add ("/pacta/crash/migration-killed", Fixture, NULL, fixture_set_up, test_migration_killed, fixture_tear_down);

  return g_test_run ();
}
