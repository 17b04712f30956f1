/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-backup.c: automatic copies of the database — private, pruned to the
 * last few — and restoring one, which can itself be undone */
#include <glib/gstdio.h>
#include <string.h>

#include "pacta-backup.h"
#include "pacta-billing-run.h"
#include "pacta-catalog.h"
#include "pacta-context.h"
#include "pacta-error.h"
#include "pacta-numbering.h"
#include "pacta-test-util.h"

typedef PactaTestContext Fixture;

static void
bill (Fixture    *f,
      const char *month)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = pacta_billing_commit (f->db, month, PACTA_BILLING_FLAGS_NONE, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (numbers), ==, 1);
}

static void
test_create_and_list (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = pacta_backup_directory (f->db);
  g_autoptr(GPtrArray) backups = NULL;
  PactaBackup *newest;
  GStatBuf st;

  bill (f, "2026-11");
  path = pacta_backup_create (f->db, "billing-run", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (path, dir));
  g_assert_true (g_str_has_suffix (path, "-billing-run.sqlite"));
  /* As private as the database */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  backups = pacta_backup_list (f->db);
  g_assert_cmpuint (backups->len, ==, 1);
  newest = g_ptr_array_index (backups, 0);
  g_assert_cmpstr (newest->path, ==, path);
  g_assert_cmpstr (newest->reason, ==, "billing-run");
  g_assert_nonnull (newest->taken);
  g_assert_cmpint (newest->n_invoices, ==, 1);
  g_assert_cmpstr (newest->last_invoice_number, !=, NULL);
}

static void
test_keeps_the_last (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  first = pacta_backup_create (f->db, "billing-run", NULL);
  for (guint i = 0; i < PACTA_BACKUPS_KEPT + 2; i++)
    {
      g_free (last);
      last = pacta_backup_create (f->db, "billing-run", NULL);
      g_assert_nonnull (last);
    }
  backups = pacta_backup_list (f->db);
  g_assert_cmpuint (backups->len, ==, PACTA_BACKUPS_KEPT);
  /* The oldest went, the newest stayed, newest listed first */
  g_assert_false (g_file_test (first, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (((PactaBackup *) g_ptr_array_index (backups, 0))->path, ==, last);
}

/* Summer time ends in Madrid at 03:00 CEST on 31 October 2027, when clocks
 * go back to 02:00 CET: a copy at 02:30 CEST and one an hour later at 02:10
 * CET would sort the wrong way by local time. Named in UTC and ordered by
 * the time taken, the later is the newer; a name from an older version, in
 * local time without a Z, takes its place by its time too. With a clock
 * that stands still, copies taken in one microsecond still get names of
 * their own, in order. */
static void
test_order_across_summer_time_end (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *dir = pacta_backup_directory (f->db);
  g_autofree char *legacy = g_build_filename (dir, "platform-20271031-015500-000000-migration.sqlite", NULL);
  g_autofree char *summer = NULL;
  g_autofree char *winter = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GPtrArray) pruned = NULL;
  g_autoptr(GError) error = NULL;
  const char *order[3];

  pacta_test_set_clock ("Europe/Madrid", "2027-10-31T02:30:00+02:00");
  summer = pacta_backup_create (f->db, "billing-run", &error);
  g_assert_no_error (error);
  pacta_test_set_clock ("Europe/Madrid", "2027-10-31T02:10:00+01:00");
  winter = pacta_backup_create (f->db, "billing-run", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (summer, "-20271031-003000-000000Z-billing-run.sqlite"));
  g_assert_true (g_str_has_suffix (winter, "-20271031-011000-000000Z-billing-run.sqlite"));
  /* An older version's copy at 01:55 CEST, before both */
  g_assert_true (g_file_set_contents (legacy, "", 0, NULL));

  backups = pacta_backup_list (f->db);
  g_assert_cmpuint (backups->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    order[i] = ((PactaBackup *) g_ptr_array_index (backups, i))->path;
  g_assert_cmpstr (order[0], ==, winter);
  g_assert_cmpstr (order[1], ==, summer);
  g_assert_cmpstr (order[2], ==, legacy);
  /* Shown in local time, with the offset of the moment */
  {
    PactaBackup *newest = g_ptr_array_index (backups, 0);
    PactaBackup *older = g_ptr_array_index (backups, 1);
    g_autofree char *newest_text = g_date_time_format (newest->taken, "%H:%M %:z");
    g_autofree char *older_text = g_date_time_format (older->taken, "%H:%M %:z");

    g_assert_cmpstr (newest_text, ==, "02:10 +01:00");
    g_assert_cmpstr (older_text, ==, "02:30 +02:00");
    g_assert_cmpstr (newest->reason, ==, "billing-run");
    g_assert_cmpstr (((PactaBackup *) g_ptr_array_index (backups, 2))->reason, ==, "migration");
  }

  /* Pruning goes by that order: the legacy copy goes first, then the summer one */
  for (guint i = 0; i < PACTA_BACKUPS_KEPT - 2; i++)
    {
      g_autofree char *path = pacta_backup_create (f->db, "restore", &error);

      g_assert_no_error (error);
      g_assert_true (g_str_has_suffix (path, "Z-restore.sqlite"));
    }
  g_assert_false (g_file_test (legacy, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (summer, G_FILE_TEST_EXISTS));
  {
    g_autofree char *one_more = pacta_backup_create (f->db, "restore", &error);

    g_assert_no_error (error);
  }
  g_assert_false (g_file_test (summer, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (winter, G_FILE_TEST_EXISTS));
  pruned = pacta_backup_list (f->db);
  g_assert_cmpuint (pruned->len, ==, PACTA_BACKUPS_KEPT);
  /* The copies taken while the clock stood still come after the winter
   * one, a microsecond apart */
  g_assert_cmpstr (((PactaBackup *) g_ptr_array_index (pruned, PACTA_BACKUPS_KEPT - 1))->path, ==, winter);
  g_assert_true (g_str_has_suffix (((PactaBackup *) g_ptr_array_index (pruned, 0))->path,
                                   "-20271031-011000-000009Z-restore.sqlite"));
}

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *november = NULL;
  g_autofree char *path = g_strdup (pacta_database_get_path (f->db));
  g_autoptr(PactaDatabase) reopened = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  PactaBackup *undo;

  bill (f, "2026-11");
  november = pacta_backup_create (f->db, "billing-run", &error);
  g_assert_no_error (error);
  bill (f, "2026-12");
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoices", NULL), ==, 2);

  g_assert_true (pacta_backup_restore (f->db, november, &error));
  g_assert_no_error (error);
  g_clear_object (&f->context);
  f->db = NULL;

  reopened = pacta_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pacta_database_count (reopened, "SELECT count(*) FROM invoices", NULL), ==, 1);
  {
    sqlite3_stmt *stmt = pacta_database_prepare (reopened, "PRAGMA integrity_check", NULL);

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
    sqlite3_reset (stmt);
  }

  /* The state before the restore was kept: it can be undone */
  backups = pacta_backup_list (reopened);
  undo = g_ptr_array_index (backups, 0);
  g_assert_cmpstr (undo->reason, ==, "restore");
  g_assert_cmpint (undo->n_invoices, ==, 2);
  g_assert_true (pacta_backup_restore (reopened, undo->path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pacta_database_count (reopened, "SELECT count(*) FROM invoices", NULL), ==, 2);
}

static void
test_restore_refuses_bad_copy (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *junk = pacta_test_write_file (f->dir, "junk.sqlite", "this is not a database at all", -1);
  g_autoptr(GPtrArray) backups = NULL;

  bill (f, "2026-11");
  g_assert_false (pacta_backup_restore (f->db, junk, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE);
  g_clear_error (&error);
  g_assert_false (pacta_backup_restore (f->db, "/nonexistent/backup.sqlite", &error));
  g_assert_nonnull (error);
  /* Nothing changed, and no copy was needed */
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoices", NULL), ==, 1);
  backups = pacta_backup_list (f->db);
  g_assert_cmpuint (backups->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/pacta/backup/create-and-list", Fixture, NULL, pacta_test_billable_set_up, test_create_and_list, pacta_test_context_tear_down);
  g_test_add ("/pacta/backup/keeps-the-last", Fixture, NULL, pacta_test_billable_set_up, test_keeps_the_last, pacta_test_context_tear_down);
  g_test_add ("/pacta/backup/order-across-summer-time-end", Fixture, NULL, pacta_test_billable_set_up, test_order_across_summer_time_end, pacta_test_context_tear_down);
  g_test_add ("/pacta/backup/restore", Fixture, NULL, pacta_test_billable_set_up, test_restore, pacta_test_context_tear_down);
  g_test_add ("/pacta/backup/restore-refuses-bad-copy", Fixture, NULL, pacta_test_billable_set_up, test_restore_refuses_bad_copy, pacta_test_context_tear_down);

  return g_test_run ();
}
