/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-database.c: opening, migrating, permissions, backups and the money helpers */
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "pacta-database.h"
#include "pacta-error.h"
#include "pacta-money.h"
#include "pacta-test-util.h"

typedef PactaTestFile Fixture;

static gboolean
table_exists (PactaDatabase *db,
              const char    *name)
{
  sqlite3_stmt *stmt = pacta_database_prepare (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1", NULL);
  gboolean exists;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  exists = sqlite3_column_int (stmt, 0) > 0;
  sqlite3_reset (stmt);
  return exists;
}

static void
test_migrate_empty (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PactaDatabase *db = pacta_database_open (f->path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (pacta_database_get_schema_version (db), ==, pacta_database_get_latest_version ());
  g_assert_cmpint (pacta_database_get_latest_version (), >=, 1);
  g_assert_true (table_exists (db, "customers"));
  g_assert_true (table_exists (db, "customer_services"));
  g_assert_true (table_exists (db, "catalog_items"));
  g_assert_true (table_exists (db, "contacts"));
  g_assert_true (table_exists (db, "billing_info"));
  /* A brand-new file has nothing worth a backup */
  g_assert_null (pacta_database_get_backup_path (db));
  g_assert_cmpint (pacta_database_count (db, "PRAGMA foreign_keys", &error), ==, 1);
  g_assert_finalize_object (db);
}

static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PactaDatabase *db = pacta_database_open (f->path, &error);
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  stmt = pacta_database_prepare (db, "INSERT INTO customers (name, created_at) VALUES ('Kept', '2026-01-01')", &error);
  g_assert_no_error (error);
  g_assert_true (pacta_database_step_done (db, stmt, &error));
  g_assert_finalize_object (db);

  db = pacta_database_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pacta_database_get_schema_version (db), ==, pacta_database_get_latest_version ());
  g_assert_null (pacta_database_get_backup_path (db));
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM customers WHERE name = 'Kept'", &error), ==, 1);
  g_assert_finalize_object (db);
}

static void
test_permissions (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *default_path = pacta_database_default_path ();
  g_autofree char *folder = g_path_get_dirname (default_path);
  PactaDatabase *db;
  GStatBuf st;

  /* G_TEST_OPTION_ISOLATE_DIRS points XDG_DATA_HOME at a fresh folder */
  g_assert_false (g_file_test (default_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_str_has_suffix (folder, "io.github.pacta.Pacta"));

  db = pacta_database_open (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pacta_database_get_path (db), ==, default_path);

  g_assert_cmpint (g_stat (default_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_finalize_object (db);
}

static void
test_backup_before_migration (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *raw = NULL;
  PactaDatabase *db;
  sqlite3 *backup = NULL;
  sqlite3_stmt *stmt = NULL;
  GStatBuf st;

  /* An existing file with content that predates the current schema */
  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('old data');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  db = pacta_database_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pacta_database_get_backup_path (db));
  g_assert_true (g_file_test (pacta_database_get_backup_path (db), G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (pacta_database_get_backup_path (db), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* The copy is the file as it was: old data, no new tables */
  g_assert_cmpint (sqlite3_open (pacta_database_get_backup_path (db), &backup), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (backup, "SELECT (SELECT t FROM notes),"
                                       " (SELECT count(*) FROM sqlite_schema WHERE name = 'customers')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "old data");
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (backup);

  g_assert_finalize_object (db);
}

static void
test_too_new (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *raw = NULL;
  PactaDatabase *db;

  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA journal_mode = WAL; CREATE TABLE t (x); PRAGMA user_version = 999;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  before = pacta_test_file_checksum (f->path);

  db = pacta_database_open (f->path, &error);
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_SCHEMA_TOO_NEW);
  g_assert_null (db);

  after = pacta_test_file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_not_a_database (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pacta_test_write_file (f->dir, "notes.txt",
                                                 "This is a shopping list, not a database.\n"
                                                 "Milk, bread, and 400 more bytes to fill a page ...", -1);
  PactaDatabase *db = pacta_database_open (path, &error);

  g_assert_null (db);
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "notes.txt"));
}

static void
test_rounding (void)
{
  g_assert_cmpint (pacta_round_div (5, 10), ==, 1);
  g_assert_cmpint (pacta_round_div (4, 10), ==, 0);
  g_assert_cmpint (pacta_round_div (-5, 10), ==, -1);
  g_assert_cmpint (pacta_round_div (-4, 10), ==, 0);
  g_assert_cmpint (pacta_round_div (15, -10), ==, -2);
  g_assert_cmpint (pacta_round_div (536870912000, 100000), ==, 5368709);
  g_assert_cmpint (pacta_round_div (123456789012, 100000), ==, 1234568);
}

static void
test_decimal_text (void)
{
  static const struct { const char *text; gint64 value; const char *formatted; } good[] = {
    { "12", 120000, "12" },
    { "12.5", 125000, "12.5" },
    { "0.0001", 1, "0.0001" },
    { "-3.25", -32500, "-3.25" },
    { "1999.9900", 19999900, "1999.99" },
  };
  static const char *bad[] = { "", "-", "1.", ".5", "1.23456", "1,5", "12a", "1e3", " 1", "--1" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      gint64 value = 0;
      g_autofree char *text = NULL;

      g_assert_true (pacta_decimal_parse (good[i].text, &value));
      g_assert_cmpint (value, ==, good[i].value);
      text = pacta_decimal_format (value, 4);
      g_assert_cmpstr (text, ==, good[i].formatted);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gint64 value = 42;

      g_assert_false (pacta_decimal_parse (bad[i], &value));
      g_assert_cmpint (value, ==, 42);
    }

  {
    g_autofree char *two = pacta_decimal_format (12345, 2);   /* 1.2345 → 1.23 */
    g_autofree char *half = pacta_decimal_format (12350, 2);  /* 1.235 → 1.24 */
    g_assert_cmpstr (two, ==, "1.23");
    g_assert_cmpstr (half, ==, "1.24");
  }

  /* Unit prices keep sub-cent digits, with at least two decimals */
  {
    g_autofree char *storage = pacta_price_format (450, "EUR");
    g_autofree char *seat = pacta_price_format (125000, "EUR");
    g_autofree char *tenth = pacta_price_format (123450, "USD");

    g_assert_cmpstr (storage, ==, "0.045 €");
    g_assert_cmpstr (seat, ==, "12.50 €");
    g_assert_cmpstr (tenth, ==, "12.345 USD");
  }

  /* Tax rates as typed, kept in hundredths of a percent */
  {
    static const struct { const char *text; int hundredths; } rates[] = {
      { "21", 2100 }, { "10,5", 1050 }, { " 10.5 % ", 1050 }, { "0", 0 }, { "100", 10000 }, { "4.25", 425 },
    };
    static const char *bad_rates[] = { "", "abc", "101", "-1", "10.125", "%", "21 21" };

    for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
      {
        int rate = -1;
        g_autofree char *text = NULL;

        g_assert_true (pacta_percent_parse (rates[i].text, &rate));
        g_assert_cmpint (rate, ==, rates[i].hundredths);
        text = pacta_percent_format (rate);
        g_assert_true (pacta_percent_parse (text, &rate));
        g_assert_cmpint (rate, ==, rates[i].hundredths);
      }
    for (guint i = 0; i < G_N_ELEMENTS (bad_rates); i++)
      {
        int rate = 42;

        g_assert_false (pacta_percent_parse (bad_rates[i], &rate));
        g_assert_cmpint (rate, ==, 42);
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/pacta/database/migrate-empty", Fixture, NULL, pacta_test_file_set_up, test_migrate_empty, pacta_test_file_tear_down);
  g_test_add ("/pacta/database/reopen", Fixture, NULL, pacta_test_file_set_up, test_reopen, pacta_test_file_tear_down);
  g_test_add ("/pacta/database/permissions", Fixture, NULL, pacta_test_file_set_up, test_permissions, pacta_test_file_tear_down);
  g_test_add ("/pacta/database/backup-before-migration", Fixture, NULL, pacta_test_file_set_up, test_backup_before_migration, pacta_test_file_tear_down);
  g_test_add ("/pacta/database/too-new", Fixture, NULL, pacta_test_file_set_up, test_too_new, pacta_test_file_tear_down);
  g_test_add ("/pacta/database/not-a-database", Fixture, NULL, pacta_test_file_set_up, test_not_a_database, pacta_test_file_tear_down);
  g_test_add_func ("/pacta/money/rounding", test_rounding);
  g_test_add_func ("/pacta/money/decimal-text", test_decimal_text);

  return g_test_run ();
}
