/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-crash.c: a child process billing, importing, migrating, or the
 * pacta command syncing with the cloud platform or closing a month's usage
 * from it, is killed with SIGKILL at random instants; after every kill the
 * database must be intact, its invoice numbers gap-free and unique, no
 * source billed twice, every invoice whole, the record chain intact, a sync
 * or a month's close there whole or not at all — and the work, run again,
 * must complete.
 *
 * The instants come from a seeded generator (PACTA_CRASH_SEED, printed), so
 * a failing sequence of delays can be replayed; where in its work the child
 * is at a given delay still depends on the machine.
 *
 * Runs under keyring-session.sh: the pacta commands keep the mock
 * platform's secret in a keyring of the test's own.
 */
#include <fcntl.h>
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
#include "pacta-mock-platform.h"
#include "pacta-numbering.h"
#include "pacta-test-util.h"
#include "pacta-verifactu.h"

#define KILLS 50

/* Enough customers for the platform's scenarios that their write takes a while */
#define PLATFORM_CUSTOMERS 2000
/* The app clock of those scenarios, here (the mock's tokens) and in every
 * pacta they start: the same instant, whatever the machine's clock says */
#define PLATFORM_NOW       "2026-12-06T10:00:00+01:00"

typedef struct
{
  char  *dir;
  char  *path;
  GRand *rand;
  guint  kills_in_work;   /* kills that found the child mid-work */

  /* The platform's scenarios only */
  PactaMockPlatform *mock;
  char              *secret_file;
  char             **envp;          /* the pacta commands' */
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
  if (f->mock != NULL)
    {
      pacta_mock_platform_free (f->mock);
      pacta_test_clock_reset ();
      g_free (f->secret_file);
      g_strfreev (f->envp);
    }
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

/* ---- the cloud platform: syncs and month closes ------------------------ */

/* What a sync writes */
static const char *const sync_rows[] = {
  "SELECT * FROM customers ORDER BY id",
  "SELECT * FROM contacts ORDER BY id",
  "SELECT * FROM skipped_tenants ORDER BY tenant_id",
  "SELECT * FROM catalog_items ORDER BY id",
  "SELECT * FROM customer_services ORDER BY id",
  NULL
};

/* What closing the report's month writes, but its time and the report's
 * id (new at every close) */
static const char *const close_rows[] = {
  "SELECT * FROM usage_month_quantities WHERE month = '" PACTA_MOCK_PLATFORM_REPORT_MONTH "'"
  " ORDER BY customer_id, catalog_item_id",
  NULL
};

/* A pacta command line and its environment, both made before any fork */
typedef struct
{
  char **argv;
  char **envp;    /* borrowed: the fixture's */
} Command;

static void
command_free (Command *command)
{
  g_strfreev (command->argv);
  g_free (command);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Command, command_free)

/* pacta --database @path, then the arguments given, NULL-terminated */
static Command *pacta_command (Fixture    *f,
                              const char *path,
                              ...) G_GNUC_NULL_TERMINATED;

static Command *
pacta_command (Fixture    *f,
               const char *path,
               ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *binary = g_getenv ("PACTA_BIN");
  Command *command = g_new0 (Command, 1);
  va_list args;

  g_assert_nonnull (binary);
  g_strv_builder_add_many (builder, binary, "--database", path, NULL);
  va_start (args, path);
  for (const char *a = va_arg (args, const char *); a != NULL; a = va_arg (args, const char *))
    g_strv_builder_add (builder, a);
  va_end (args);
  command->argv = g_strv_builder_end (builder);
  command->envp = f->envp;
  return command;
}

/* Runs @command to its end, which must be a success; how long it took, in
 * µs (where the instants to kill at are first drawn from) */
static gint64
run_to_end (Command *command)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 start = g_get_monotonic_time ();
  int status = -1;

  g_spawn_sync (NULL, command->argv, command->envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("pacta %s failed (wait status %d): %s", command->argv[3], status, err);
  return g_get_monotonic_time () - start;
}

/* The child of run_and_kill() becomes the pacta command in @data. The test
 * runs the mock's thread: nothing but calls safe between fork and exec
 * here. Its report is kept out of the TAP output. */
static void
exec_command (const char    *path,
              gconstpointer  data)
{
  const Command *command = data;
  int null = open ("/dev/null", O_WRONLY);

  if (null >= 0 && dup2 (null, STDOUT_FILENO) >= 0 && null != STDOUT_FILENO)
    close (null);
  execve (command->argv[0], command->argv, command->envp);
  _exit (127);
}

/* @to becomes a copy of the database @from, closed; nothing an earlier
 * kill left beside @to (a journal, a WAL) stays */
static void
copy_database (const char *from,
               const char *to)
{
  static const char *const suffixes[] = { "", "-wal", "-journal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *source = g_strconcat (from, suffixes[i], NULL);
      g_autofree char *target = g_strconcat (to, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      gsize length = 0;

      g_unlink (target);
      /* The shared-memory index is made again from the WAL */
      if (g_str_equal (suffixes[i], "-shm") || !g_file_test (source, G_FILE_TEST_EXISTS))
        continue;
      g_file_get_contents (source, &contents, &length, &error);
      g_assert_no_error (error);
      g_file_set_contents (target, contents, (gssize) length, &error);
      g_assert_no_error (error);
    }
}

/* A digest of the rows @queries (NULL-terminated) give, every column as stored */
static char *
rows_digest (PactaDatabase     *db,
             const char *const *queries)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint q = 0; queries[q] != NULL; q++)
    {
      sqlite3_stmt *rows = NULL;

      g_checksum_update (sum, (const guchar *) queries[q], -1);
      g_assert_cmpint (sqlite3_prepare_v2 (pacta_database_get_handle (db), queries[q], -1, &rows, NULL), ==, SQLITE_OK);
      while (sqlite3_step (rows) == SQLITE_ROW)
        for (int i = 0; i < sqlite3_column_count (rows); i++)
          {
            guchar type = (guchar) sqlite3_column_type (rows, i);
            const void *bytes = sqlite3_column_blob (rows, i);
            gint64 length = sqlite3_column_bytes (rows, i);

            g_checksum_update (sum, &type, 1);
            g_checksum_update (sum, (const guchar *) &length, sizeof length);
            if (length > 0)
              g_checksum_update (sum, bytes, (gssize) length);
          }
      g_assert_cmpint (sqlite3_finalize (rows), ==, SQLITE_OK);
    }
  return g_strdup (g_checksum_get_string (sum));
}

/* The database at @path, intact: the digest of the rows @queries give,
 * and (optional) of every row of every table */
static char *
database_digest (const char        *path,
                 const char *const *queries,
                 char             **whole)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaDatabase) db = pacta_database_open (path, &error);

  g_assert_no_error (error);
  assert_integrity (db);
  if (whole != NULL)
    *whole = pacta_test_sqlite_digest (pacta_database_get_handle (db));
  return rows_digest (db, queries);
}

/* The pacta commands keep the secret in the keyring: only ever in one of
 * the test's own (keyring-session.sh, as meson runs it), never the user's */
static gboolean
in_keyring_session (void)
{
  if (g_getenv ("PACTA_KEYRING_SESSION") != NULL)
    return TRUE;
  g_test_skip ("Needs a keyring of its own: run under tests/keyring-session.sh, as meson test does");
  return FALSE;
}

/* A database connected to the mock (its secret in the test's keyring),
 * nothing synced: connected.sqlite; its path */
static char *
connect_database (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->dir, "connected.sqlite", NULL);
  g_autoptr(Command) connect = pacta_command (f, path, "--connect", pacta_mock_platform_get_url (f->mock),
                                              "--client-id", pacta_mock_platform_get_client_id (f->mock),
                                              "--password-file", f->secret_file, NULL);

  run_to_end (connect);
  return g_steal_pointer (&path);
}

/*
 * Where to kill. Every other kill is at any instant of the work up to its
 * commit; the rest aim at the instant its one transaction commits, the
 * worst moment, a write begun and not yet done: a staircase over those
 * kills moves the aim later when one left nothing written and earlier when
 * one left it all, in steps that halve at each turn, so that they straddle
 * the commit on any machine, however fast. It starts a little before the
 * end of the uninterrupted run (process start, the network, the write, the
 * exit).
 */
typedef struct
{
  gint64 duration;   /* µs, the uninterrupted run */
  gint64 commit;     /* µs, where the commit is thought to be */
  gint64 step;       /* µs, signed: the last move of the aim */
} Aim;

static void
aim_start (Aim    *aim,
           gint64  duration)
{
  aim->duration = duration;
  aim->commit = duration * 4 / 5;
  aim->step = duration / 8;
}

static gulong
aim_delay (Fixture *f,
           Aim     *aim,
           guint    i)
{
  gint64 spread = aim->duration / 10;

  if (i % 2 == 0)
    return (gulong) g_rand_int_range (f->rand, (gint32) (aim->duration / 20), (gint32) (aim->commit + 1));
  return (gulong) g_rand_int_range (f->rand, (gint32) MAX (aim->commit - spread, 0), (gint32) (aim->commit + spread + 1));
}

static void
aim_learn (Aim      *aim,
           guint     i,
           gboolean  written)
{
  gint64 size = ABS (aim->step);

  if (i % 2 == 0)
    return;
  /* Written: the commit was earlier than the kill */
  if ((aim->step < 0) != written)
    size = MAX (size / 2, aim->duration / 40);
  aim->step = written ? -size : size;
  aim->commit = MAX (aim->commit + aim->step, aim->duration / 20);
}

static void
platform_set_up (Fixture       *f,
                 gconstpointer  data)
{
  fixture_set_up (f, data);
  /* The children's clock in their environment, not this process's: the
   * other scenarios' children keep the real one */
  f->envp = g_environ_setenv (g_get_environ (), "PACTA_NOW", PLATFORM_NOW, TRUE);
  pacta_test_set_clock ("Europe/Madrid", PLATFORM_NOW);
  f->mock = pacta_mock_platform_new ();
  pacta_mock_platform_load_fixture (f->mock, PLATFORM_CUSTOMERS);
  /* The report saved at the first look: no waits in the children, whose
   * polling interval a test cannot shorten */
  pacta_mock_platform_set_processing_polls (f->mock, 0);
  f->secret_file = pacta_test_write_file (f->dir, "secret.txt", pacta_mock_platform_get_secret (f->mock), -1);
}

static void
test_sync_killed (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *pristine = NULL;
  g_autofree char *reference = g_build_filename (f->dir, "reference.sqlite", NULL);
  g_autoptr(Command) sync_command = pacta_command (f, f->path, "--sync", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *whole = NULL;
  gint64 customers = pacta_mock_platform_count_tenants (f->mock, "customer");
  Aim aim = { 0, 0 };
  guint written = 0;
  gboolean synced = FALSE;

  if (!in_keyring_session ())
    return;
  pristine = connect_database (f);
  before = database_digest (pristine, sync_rows, NULL);

  /* The sync uninterrupted, in a copy of its own: what a kill must leave
   * whole or not begun */
  copy_database (pristine, reference);
  {
    g_autoptr(Command) command = pacta_command (f, reference, "--sync", NULL);

    aim_start (&aim, run_to_end (command));
  }
  after = database_digest (reference, sync_rows, &whole);
  g_assert_cmpstr (after, !=, before);

  copy_database (pristine, f->path);
  for (guint i = 0; i < KILLS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PactaDatabase) db = NULL;
      g_autofree char *digest = NULL;
      gint64 count;

      /* After a kill that left nothing synced the sync runs again on what
       * it left; after one that left it all, from nothing again */
      if (synced)
        copy_database (pristine, f->path);
      f->kills_in_work += run_and_kill (exec_command, f->path, sync_command, aim_delay (f, &aim, i));

      db = pacta_database_open (f->path, &error);
      g_assert_no_error (error);
      assert_integrity (db);
      /* The customers as before, or as many as the platform has: never a part */
      count = pacta_database_count (db, "SELECT count(*) FROM customers", NULL);
      g_assert_true (count == 0 || count == customers);
      synced = count == customers;
      written += synced;
      aim_learn (&aim, i, synced);
      /* And everything else the sync writes with them, to the byte */
      digest = rows_digest (db, sync_rows);
      g_assert_cmpstr (digest, ==, synced ? after : before);
    }

  /* Run again after the last kill, it completes and leaves the database
   * as the uninterrupted sync did; a sync again changes nothing */
  for (guint run = 0; run < 2; run++)
    {
      g_autofree char *again = NULL;
      g_autofree char *digest = NULL;

      run_to_end (sync_command);
      digest = database_digest (f->path, sync_rows, &again);
      g_assert_cmpstr (digest, ==, after);
      g_assert_cmpstr (again, ==, whole);
    }

  g_test_message ("A sync of %" G_GINT64_FORMAT " customers took %" G_GINT64_FORMAT " ms; %u of %u kills found"
                  " the child mid-work, %u left it all synced, %u nothing", customers, aim.duration / 1000,
                  f->kills_in_work, KILLS, written, KILLS - written);
  g_assert_cmpuint (f->kills_in_work, >=, KILLS / 2);
}

static void
test_close_usage_killed (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *pristine = NULL;
  g_autofree char *reference = g_build_filename (f->dir, "reference.sqlite", NULL);
  g_autoptr(Command) close_command = pacta_command (f, f->path, "--close-usage", PACTA_MOCK_PLATFORM_REPORT_MONTH, NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 quantities;
  Aim aim = { 0, 0 };
  guint written = 0;
  gboolean closed = FALSE;

  if (!in_keyring_session ())
    return;
  /* Under faketime (build-aux/dev.sh's hard dates) this scenario hung once
   * in CI, at 2027-03-28 01:59:50, not understood yet; it runs in the
   * suite's own run at the real time. TODO: find the hang. */
  if (g_getenv ("PACTA_TEST_FAKETIME") != NULL)
    {
      g_test_skip ("Not under faketime until the hang seen there once is understood");
      return;
    }
  /* Synced: the customers the report's rows are kept for */
  pristine = connect_database (f);
  {
    g_autoptr(Command) command = pacta_command (f, pristine, "--sync", NULL);

    run_to_end (command);
  }
  before = database_digest (pristine, close_rows, NULL);

  /* The month closed uninterrupted, in a copy of its own */
  copy_database (pristine, reference);
  {
    g_autoptr(Command) command = pacta_command (f, reference, "--close-usage", PACTA_MOCK_PLATFORM_REPORT_MONTH, NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(PactaDatabase) db = NULL;

    aim_start (&aim, run_to_end (command));
    db = pacta_database_open (reference, &error);
    g_assert_no_error (error);
    quantities = pacta_database_count (db, "SELECT count(*) FROM usage_month_quantities"
                                           " WHERE month = '" PACTA_MOCK_PLATFORM_REPORT_MONTH "'", NULL);
    /* Every customer's workstations and storage at least */
    g_assert_cmpint (quantities, >=, 2 * PLATFORM_CUSTOMERS);
    after = rows_digest (db, close_rows);
  }

  copy_database (pristine, f->path);
  for (guint i = 0; i < KILLS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PactaDatabase) db = NULL;
      g_autofree char *digest = NULL;
      gint64 months, rows;

      if (closed)
        copy_database (pristine, f->path);
      f->kills_in_work += run_and_kill (exec_command, f->path, close_command, aim_delay (f, &aim, i));

      db = pacta_database_open (f->path, &error);
      g_assert_no_error (error);
      assert_integrity (db);
      /* The month not closed and none of its rows, or closed with all of them */
      months = pacta_database_count (db, "SELECT count(*) FROM usage_months"
                                         " WHERE month = '" PACTA_MOCK_PLATFORM_REPORT_MONTH "'", NULL);
      rows = pacta_database_count (db, "SELECT count(*) FROM usage_month_quantities"
                                       " WHERE month = '" PACTA_MOCK_PLATFORM_REPORT_MONTH "'", NULL);
      g_assert_true ((months == 0 && rows == 0) || (months == 1 && rows == quantities));
      closed = months == 1;
      written += closed;
      aim_learn (&aim, i, closed);
      digest = rows_digest (db, close_rows);
      g_assert_cmpstr (digest, ==, closed ? after : before);
    }

  /* Run again after the last kill, it completes with the uninterrupted
   * close's quantities; closing again changes none */
  for (guint run = 0; run < 2; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PactaDatabase) db = NULL;
      g_autofree char *digest = NULL;

      run_to_end (close_command);
      db = pacta_database_open (f->path, &error);
      g_assert_no_error (error);
      assert_integrity (db);
      g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM usage_months", NULL), ==, 1);
      digest = rows_digest (db, close_rows);
      g_assert_cmpstr (digest, ==, after);
    }

  g_test_message ("A close of %" G_GINT64_FORMAT " quantities took %" G_GINT64_FORMAT " ms; %u of %u kills found"
                  " the child mid-work, %u left the month closed, %u open", quantities, aim.duration / 1000,
                  f->kills_in_work, KILLS, written, KILLS - written);
  g_assert_cmpuint (f->kills_in_work, >=, KILLS / 2);
}

int
main (int   argc,
      char *argv[])
{
  /* Not G_TEST_OPTION_ISOLATE_DIRS: the pacta processes need the system's
   * GSettings schemas (GIO's proxy settings); keyring-session.sh gives the
   * test a home of its own already, and every scenario works in a
   * temporary folder of its own */
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/pacta/crash/billing-run-killed", Fixture, NULL, fixture_set_up, test_billing_run_killed, fixture_tear_down);
  g_test_add ("/pacta/crash/import-killed", Fixture, NULL, fixture_set_up, test_import_killed, fixture_tear_down);
  g_test_add ("/pacta/crash/migration-killed", Fixture, NULL, fixture_set_up, test_migration_killed, fixture_tear_down);
  g_test_add ("/pacta/crash/sync-killed", Fixture, NULL, platform_set_up, test_sync_killed, fixture_tear_down);
  g_test_add ("/pacta/crash/close-usage-killed", Fixture, NULL, platform_set_up, test_close_usage_killed, fixture_tear_down);

  return g_test_run ();
}
