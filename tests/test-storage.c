/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-storage.c: a full disk and a read-only database give a clear error,
 * and what was committed before stays exactly as it was */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pacta-billing-run.h"
#include "pacta-catalog.h"
#include "pacta-context.h"
#include "pacta-error.h"
#include "pacta-import.h"
#include "pacta-numbering.h"
#include "pacta-test-util.h"

typedef PactaTestContext Fixture;

static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = NULL;
  g_autofree char *limit = NULL;
  gint64 customers = pacta_database_count (f->db, "SELECT count(*) FROM customers", NULL);

  numbers = pacta_billing_commit (f->db, "2026-10", PACTA_BILLING_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&numbers, g_strfreev);

  /* No page more may be written: the file is as full as its disk, with no
   * free page left inside it either */
  g_assert_true (pacta_database_exec (f->db, "VACUUM", NULL));
  limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                           pacta_database_count (f->db, "PRAGMA page_count", NULL));
  g_assert_true (pacta_database_exec (f->db, limit, NULL));
  {
    /* Enough invoices that they can't fit in the pages left */
    g_autoptr(GBytes) tenants = pacta_test_demo_bytes ("tenants.json");
    g_autoptr(PactaImportReport) report = pacta_import_report_new ();
    g_autoptr(GString) big = g_string_new_len (g_bytes_get_data (tenants, NULL), (gssize) g_bytes_get_size (tenants));
    g_autoptr(GBytes) renamed = NULL;

    g_autofree char *longer = g_strdup_printf ("\"name\": \"A much longer name, so that nothing fits any more %0140d ", 0);

    g_string_replace (big, "\"name\": \"", longer, 0);
    renamed = g_string_free_to_bytes (g_steal_pointer (&big));
    g_assert_false (pacta_import_platform_bytes (f->db, renamed, "tenants.json", NULL, NULL, NULL, NULL, report, &error));
    g_assert_error (error, PACTA_ERROR, PACTA_ERROR_DATABASE);
    g_assert_nonnull (strstr (error->message, "disk is full"));
    g_clear_error (&error);
  }

  /* What was committed before stays, and nothing of the failed work */
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM customers", NULL), ==, customers);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM customers WHERE name LIKE 'A much%'", NULL), ==, 0);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoices", NULL), ==, 1);

  /* With room again, the work goes through */
  g_assert_true (pacta_database_exec (f->db, "PRAGMA max_page_count = 1073741823", NULL));
  numbers = pacta_billing_commit (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoices", NULL), ==, 2);
}

/* In a child that can't write the file: as "nobody" when the tests run as
 * root (root writes anything), else with the file made read-only */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_strdup (pacta_database_get_path (f->db));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = pacta_billing_commit (f->db, "2026-10", PACTA_BILLING_FLAGS_NONE, &error);
  int status = 0;
  pid_t pid;

  g_assert_no_error (error);
  g_clear_object (&f->context);
  f->db = NULL;

  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(PactaDatabase) db = NULL;
      g_autoptr(GError) child_error = NULL;

      if (geteuid () == 0 && (setgid (65534) != 0 || setuid (65534) != 0))
        _exit (10);
      db = pacta_database_open (path, &child_error);
      if (db != NULL)
        _exit (11);
      if (!g_error_matches (child_error, PACTA_ERROR, PACTA_ERROR_DATABASE) ||
          strstr (child_error->message, "read-only") == NULL)
        {
          g_printerr ("unexpected: %s\n", child_error->message);
          _exit (12);
        }
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  /* Writable again: everything committed is there */
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_assert_cmpint (g_chmod (f->dir, 0700), ==, 0);
  {
    g_autoptr(PactaDatabase) db = pacta_database_open (path, &error);

    g_assert_no_error (error);
    g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM invoices", NULL), ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/pacta/storage/disk-full", Fixture, NULL, pacta_test_billable_set_up, test_disk_full, pacta_test_context_tear_down);
  g_test_add ("/pacta/storage/read-only", Fixture, NULL, pacta_test_billable_set_up, test_read_only, pacta_test_context_tear_down);

  return g_test_run ();
}
