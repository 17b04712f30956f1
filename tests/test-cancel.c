/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cancel.c: an import, a billing run and an export cancelled from the window — nothing
 * of them is written.
 *
 * To cancel at a moment that is certain, the test holds the database's write
 * lock (as another Pacta writing would) while the work starts and is
 * cancelled: the work cannot commit before the lock is let go, and once it
 * is, a cancelled connection neither runs a statement nor commits. */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "pacta-backup.h"
#include "pacta-billing-run-dialog-private.h"
#include "pacta-context.h"
#include "pacta-import-dialog-private.h"
#include "pacta-invoices-view-private.h"
#include "pacta-test-gui.h"
#include "pacta-test-util.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  pacta_test_set_clock ("Europe/Madrid", "2026-12-01T10:00:00");
  f->dir = pacta_test_make_dir ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pacta_test_drain_events ();
  pacta_test_remove_tree (f->dir);
  g_free (f->dir);
  pacta_test_clock_reset ();
}

/* Another writer: holds the write lock until let go */
static sqlite3 *
hold_write_lock (PactaContext *context)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (pacta_context_get_path (context), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

static void
let_go (sqlite3 *db)
{
  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static gint64
count (PactaContext *context,
       const char   *sql)
{
  return pacta_database_count (pacta_context_get_database (context), sql, NULL);
}

static GFile *
many_tenants (Fixture *f)
{
  g_autoptr(GString) json = g_string_new ("{\"items\": [");
  g_autofree char *path = NULL;

  for (guint i = 1; i <= 2000; i++)
    g_string_append_printf (json, "%s{\"id\": \"c0570000-2026-4a00-8b00-%012u\", \"name\": \"Customer %u\","
                            " \"kind\": \"customer\", \"enabled\": true}",
                            i > 1 ? ", " : "", i, i);
  g_string_append (json, "]}");
  path = pacta_test_write_file (f->dir, "many.json", json->str, -1);
  return g_file_new_for_path (path);
}

static gboolean
is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Import Customers: Cancel while it runs stops it, the window goes once it
 * has stopped, and not one customer is saved */
static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "import.sqlite", NULL);
  g_autoptr(PactaDatabase) database = pacta_database_open (path, NULL);
  g_autoptr(PactaContext) context = pacta_context_new (database, FALSE, NULL);
  g_autoptr(GFile) tenants = many_tenants (f);
  PactaImportDialog *dialog = pacta_import_dialog_new (NULL, context);
  gpointer watch = dialog;
  sqlite3 *other;

  g_object_add_weak_pointer (G_OBJECT (dialog), &watch);
  gtk_window_present (GTK_WINDOW (dialog));
  pacta_import_dialog_set_files (dialog, tenants, NULL);

  other = hold_write_lock (context);
  pacta_import_dialog_start (dialog);
  /* Closing the window while it imports is Cancel: it stays until stopped */
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_nonnull (watch);
  let_go (other);
  pacta_test_wait_until (is_gone, &watch);

  g_assert_cmpint (count (context, "SELECT count(*) FROM customers"), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pacta_context_get_customers (context))), ==, 0);
}

static gboolean
run_stopped (gpointer data)
{
  return !pacta_billing_run_dialog_is_busy (data);
}

/* Run Billing: Cancel while the invoices are created leaves none, uses no
 * number, leaves no backup of its own, and says so; the run can then go
 * ahead */
static void
test_billing_run (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_billable (f->dir);
  g_autoptr(GPtrArray) before = pacta_backup_list (pacta_context_get_database (context));
  g_autoptr(GPtrArray) after = NULL;
  PactaBillingRunDialog *dialog = g_object_ref (pacta_billing_run_dialog_new (NULL, context));
  gint64 next = count (context, "SELECT next FROM number_sequences WHERE kind = 'invoice'");
  sqlite3 *other;

  gtk_window_present (GTK_WINDOW (dialog));
  pacta_billing_run_dialog_set_month (dialog, "2026-11");
  g_assert_cmpuint (pacta_billing_run_dialog_get_n_planned (dialog), ==, 1);

  other = hold_write_lock (context);
  pacta_billing_run_dialog_create (dialog);
  g_assert_true (pacta_billing_run_dialog_is_busy (dialog));
  pacta_billing_run_dialog_cancel (dialog);
  let_go (other);
  pacta_test_wait_until (run_stopped, dialog);

  g_assert_cmpint (count (context, "SELECT count(*) FROM invoices"), ==, 0);
  g_assert_cmpint (count (context, "SELECT count(*) FROM billed_periods"), ==, 0);
  g_assert_cmpint (count (context, "SELECT next FROM number_sequences WHERE kind = 'invoice'"), ==, next);
  after = pacta_backup_list (pacta_context_get_database (context));
  g_assert_cmpuint (after->len, ==, before->len);
  g_assert_nonnull (pacta_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL,
                                            "Cancelled: no invoice was created."));
  /* Still open, and the run can be made after all */
  g_assert_true (pacta_billing_run_dialog_can_create (dialog));
  pacta_billing_run_dialog_create (dialog);
  pacta_test_wait_until (run_stopped, dialog);
  g_assert_cmpint (count (context, "SELECT count(*) FROM invoices"), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pacta_context_get_invoices (context))), ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static gboolean
export_stopped (gpointer data)
{
  return !pacta_invoices_view_is_exporting (data);
}

static guint
count_files (GFile *directory)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (directory, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                   G_FILE_QUERY_INFO_NONE, NULL, NULL);
  guint n = 0;

  while (children != NULL)
    {
      g_autoptr(GFileInfo) info = g_file_enumerator_next_file (children, NULL, NULL);

      if (info == NULL)
        break;
      n++;
    }
  return n;
}

/* Export for Accounting: Cancel Export while it writes removes the files
 * written and marks no invoice exported; the button is itself again */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_billable (f->dir);
  g_autofree char *path = g_build_filename (f->dir, "export", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (path);
  g_auto(GStrv) numbers = pacta_context_run_billing (context, "2026-11", PACTA_BILLING_FLAGS_NONE, NULL, NULL, NULL,
                                                     NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = pacta_invoices_view_new ();
  sqlite3 *other;

  g_assert_cmpuint (g_strv_length (numbers), ==, 1);
  gtk_window_set_child (GTK_WINDOW (window), view);
  pacta_invoices_view_set_context (PACTA_INVOICES_VIEW (view), context);
  gtk_window_present (GTK_WINDOW (window));

  other = hold_write_lock (context);
  pacta_invoices_view_start_export (PACTA_INVOICES_VIEW (view), folder);
  g_assert_true (pacta_invoices_view_is_exporting (PACTA_INVOICES_VIEW (view)));
  /* The export button has turned into Cancel Export */
  g_assert_nonnull (pacta_test_find_widget (view, GTK_TYPE_LABEL, "_Cancel export"));
  pacta_invoices_view_press_export (PACTA_INVOICES_VIEW (view));
  let_go (other);
  pacta_test_wait_until (export_stopped, view);

  g_assert_cmpint (count (context, "SELECT count(*) FROM invoices WHERE exported_on IS NOT NULL"), ==, 0);
  g_assert_true (!g_file_query_exists (folder, NULL) || count_files (folder) == 0);

  /* Then exported whole */
  pacta_invoices_view_export_to (PACTA_INVOICES_VIEW (view), folder);
  g_assert_cmpint (count (context, "SELECT count(*) FROM invoices WHERE exported_on IS NOT NULL"), ==, 1);
  g_assert_cmpuint (count_files (folder), >, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;

  /* Not G_TEST_OPTION_ISOLATE_DIRS: GTK needs the system's XDG_DATA_DIRS */
  g_test_init (&argc, &argv, NULL);
  data_home = pacta_test_make_dir ();
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_init ();
  adw_init ();

  g_test_add ("/pacta/cancel/import", Fixture, NULL, fixture_set_up, test_import, fixture_tear_down);
  g_test_add ("/pacta/cancel/billing-run", Fixture, NULL, fixture_set_up, test_billing_run, fixture_tear_down);
  g_test_add ("/pacta/cancel/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);

  return g_test_run ();
}
