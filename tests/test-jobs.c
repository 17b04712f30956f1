/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-jobs.c: long work through the context — off the main thread, cancellable with nothing
 * written, progress on the main thread, the lists up to date by themselves */
#include "config.h"

#include <string.h>

#include "pacta-backup.h"
#include "pacta-context.h"
#include "pacta-test-util.h"

typedef struct
{
  char         *dir;
  PactaContext *context;
  GMainLoop    *loop;
  GAsyncResult *result;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  pacta_test_set_clock ("Europe/Madrid", "2026-12-01T10:00:00");
  f->dir = pacta_test_make_dir ();
  f->loop = g_main_loop_new (NULL, FALSE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->result);
  g_clear_object (&f->context);
  g_main_loop_unref (f->loop);
  pacta_test_remove_tree (f->dir);
  g_free (f->dir);
  pacta_test_clock_reset ();
}

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fixture *f = user_data;

  f->result = g_object_ref (result);
  g_main_loop_quit (f->loop);
}

static void
wait_for_result (Fixture *f)
{
  g_main_loop_run (f->loop);
  g_assert_nonnull (f->result);
}

static GFile *
demo_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", name, NULL);

  return g_file_new_for_path (path);
}

/* A listing long enough that the import tells its progress several times
 * while it writes */
static GFile *
many_tenants (Fixture *f,
              guint    n)
{
  g_autoptr(GString) json = g_string_new ("{\"items\": [");
  g_autofree char *path = NULL;

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (json, "%s{\"id\": \"c0570000-2026-4a00-8b00-%012u\", \"name\": \"Customer %u\","
                            " \"kind\": \"customer\", \"enabled\": true}",
                            i > 1 ? ", " : "", i, i);
  g_string_append (json, "]}");
  path = pacta_test_write_file (f->dir, "many.json", json->str, -1);
  return g_file_new_for_path (path);
}

static PactaContext *
open_empty (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->dir, "empty.sqlite", NULL);
  g_autoptr(PactaDatabase) database = pacta_database_open (path, NULL);
  g_autoptr(GError) error = NULL;
  PactaContext *context;

  g_assert_nonnull (database);
  context = pacta_context_new (database, FALSE, &error);
  g_assert_no_error (error);
  return context;
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  return pacta_database_count (pacta_context_get_database (f->context), sql, NULL);
}

typedef struct
{
  guint   calls;
  double  last;
  gboolean on_main_thread;
} Progress;

static void
on_progress_cb (double   fraction,
                gpointer user_data)
{
  Progress *progress = user_data;

  progress->calls++;
  g_assert_cmpfloat (fraction, >=, progress->last);
  progress->last = fraction;
  progress->on_main_thread = progress->on_main_thread && g_main_context_is_owner (g_main_context_default ());
}

/* The import runs in a thread; its progress arrives on the main thread, in
 * order; the customer list shows the customers without anyone syncing it */
static void
test_import_async (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GFile) tenants = demo_file ("tenants.json");
  g_autoptr(GFile) usages = demo_file ("usages.json");
  g_autoptr(PactaImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0, 0.0, TRUE };
  GListModel *customers;

  f->context = open_empty (f);
  customers = G_LIST_MODEL (pacta_context_get_customers (f->context));
  g_assert_cmpuint (g_list_model_get_n_items (customers), ==, 0);

  pacta_context_import_platform_async (f->context, tenants, usages, on_progress_cb, &progress, NULL,
                                       on_done_cb, f);
  /* Nothing has happened on this thread yet */
  g_assert_cmpuint (g_list_model_get_n_items (customers), ==, 0);
  wait_for_result (f);

  report = pacta_context_import_platform_finish (f->context, f->result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->customers_created, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (customers), ==, report->customers_created);
  g_assert_cmpint (count (f, "SELECT count(*) FROM customers"), ==, report->customers_created);
  g_assert_true (progress.on_main_thread);
}

static void
cancel_halfway_cb (double   fraction,
                   gpointer user_data)
{
  if (fraction >= 0.3)
    g_cancellable_cancel (user_data);
}

/* Cancelled half-way through (here in place, so that the moment is exact):
 * the error says so and not one customer is saved */
static void
test_import_cancelled_halfway (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GFile) tenants = many_tenants (f, 2000);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PactaImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  f->context = open_empty (f);
  report = pacta_context_import_platform (f->context, tenants, NULL, cancel_halfway_cb, cancellable,
                                          cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_cancellable_is_cancelled (cancellable));
  g_assert_cmpint (count (f, "SELECT count(*) FROM customers"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contacts"), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pacta_context_get_customers (f->context))), ==, 0);

  /* The connection is usable again afterwards, and the same import works */
  g_clear_error (&error);
  report = pacta_context_import_platform (f->context, tenants, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->customers_created, ==, 2000);
  g_assert_cmpint (count (f, "SELECT count(*) FROM customers"), ==, 2000);
}

/* Cancelled before its thread began: nothing is written either. (Cancelled
 * before it is started, so that the moment is certain: cancelled just
 * after, a thread on a fast machine may have finished the small import.) */
static void
test_import_async_cancelled (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GFile) tenants = demo_file ("tenants.json");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(PactaImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  f->context = open_empty (f);
  g_cancellable_cancel (cancellable);
  pacta_context_import_platform_async (f->context, tenants, NULL, NULL, NULL, cancellable, on_done_cb, f);
  wait_for_result (f);

  report = pacta_context_import_platform_finish (f->context, f->result, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (count (f, "SELECT count(*) FROM customers"), ==, 0);
}

/* The billing run issues its invoices in a thread and the invoice list
 * shows them when it is done */
static void
test_billing_async (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PactaBillingPlan) plan = NULL;
  g_auto(GStrv) numbers = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *invoices;

  f->context = pacta_test_open_billable (f->dir);
  invoices = G_LIST_MODEL (pacta_context_get_invoices (f->context));

  pacta_context_plan_billing_async (f->context, "2026-11", NULL, on_done_cb, f);
  wait_for_result (f);
  plan = pacta_context_plan_billing_finish (f->context, f->result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->invoices->len, ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM invoices"), ==, 0);

  g_clear_object (&f->result);
  pacta_context_run_billing_async (f->context, "2026-11", PACTA_BILLING_FLAGS_NONE, NULL, NULL, NULL, on_done_cb,
                                   f);
  wait_for_result (f);
  numbers = pacta_context_run_billing_finish (f->context, f->result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (numbers), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (invoices), ==, 1);
}

static void
cancel_after_backup_cb (double   fraction,
                        gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

/* Cancelled after its backup, before its commit: no invoice, no number
 * used, no period billed, and no backup of its own left */
static void
test_billing_cancelled (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_auto(GStrv) numbers = NULL;
  g_autoptr(GError) error = NULL;
  gint64 next;

  f->context = pacta_test_open_billable (f->dir);
  before = pacta_backup_list (pacta_context_get_database (f->context));
  next = count (f, "SELECT next FROM number_sequences WHERE kind = 'invoice'");

  numbers = pacta_context_run_billing (f->context, "2026-11", PACTA_BILLING_FLAGS_NONE, cancel_after_backup_cb,
                                       cancellable, cancellable, &error);
  g_assert_null (numbers);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (count (f, "SELECT count(*) FROM invoices"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM invoice_records"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM billed_periods"), ==, 0);
  g_assert_cmpint (count (f, "SELECT next FROM number_sequences WHERE kind = 'invoice'"), ==, next);
  after = pacta_backup_list (pacta_context_get_database (f->context));
  g_assert_cmpuint (after->len, ==, before->len);

  /* Run again without cancelling: it bills, as if the first had not been */
  g_clear_error (&error);
  numbers = pacta_context_run_billing (f->context, "2026-11", PACTA_BILLING_FLAGS_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (numbers), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pacta_context_get_invoices (f->context))), ==, 1);
}

static gboolean
render_then_cancel (PactaDatabase  *database,
                    gint64          invoice_id,
                    GFile          *file,
                    gpointer        user_data,
                    GError        **error)
{
  g_cancellable_cancel (user_data);
  return g_file_replace_contents (file, "%PDF-1.4\n", 9, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error);
}

static guint
count_files (GFile *directory)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (directory, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                   G_FILE_QUERY_INFO_NONE, NULL, NULL);
  guint n = 0;

  while (children != NULL && g_file_enumerator_next_file (children, NULL, NULL) != NULL)
    n++;
  return n;
}

/* The export cancelled while it draws the PDFs: the files it wrote are
 * removed and no invoice is marked exported, so the next export has them
 * all; then the export in a thread writes them and marks them */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "export", NULL);
  g_autoptr(GFile) directory = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(GStrv) numbers = NULL;
  g_auto(GStrv) written = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  f->context = pacta_test_open_billable (f->dir);
  numbers = pacta_context_run_billing (f->context, "2026-11", PACTA_BILLING_FLAGS_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_false (pacta_context_export_accounting (f->context, directory, "2026-12-01", render_then_cancel,
                                                   cancellable, cancellable, &n, &written, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (count_files (directory), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM invoices WHERE exported_on IS NOT NULL"), ==, 0);

  g_clear_error (&error);
  pacta_context_export_accounting_async (f->context, directory, "2026-12-01", NULL, NULL, NULL, on_done_cb, f);
  wait_for_result (f);
  g_assert_true (pacta_context_export_accounting_finish (f->context, f->result, &n, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (count_files (directory), ==, g_strv_length (written));
  g_assert_cmpint (count (f, "SELECT count(*) FROM invoices WHERE exported_on IS NOT NULL"), ==, 1);
}

/* A database in memory has no second connection to see it: the work runs
 * on its own, and still finishes through the main loop */
static void
test_in_memory (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PactaDatabase) database = pacta_database_open (":memory:", NULL);
  g_autoptr(GFile) tenants = demo_file ("tenants.json");
  g_autoptr(PactaImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  f->context = pacta_context_new (database, FALSE, &error);
  g_assert_no_error (error);
  pacta_context_import_platform_async (f->context, tenants, NULL, NULL, NULL, NULL, on_done_cb, f);
  g_assert_null (f->result);
  wait_for_result (f);
  report = pacta_context_import_platform_finish (f->context, f->result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM customers"), ==, report->customers_created);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pacta_context_get_customers (f->context))), ==,
                    report->customers_created);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/jobs/import/async", Fixture, NULL, fixture_set_up, test_import_async, fixture_tear_down);
  g_test_add ("/jobs/import/cancelled-halfway", Fixture, NULL, fixture_set_up, test_import_cancelled_halfway,
              fixture_tear_down);
  g_test_add ("/jobs/import/async-cancelled", Fixture, NULL, fixture_set_up, test_import_async_cancelled,
              fixture_tear_down);
  g_test_add ("/jobs/billing/async", Fixture, NULL, fixture_set_up, test_billing_async, fixture_tear_down);
  g_test_add ("/jobs/billing/cancelled", Fixture, NULL, fixture_set_up, test_billing_cancelled,
              fixture_tear_down);

  g_test_add ("/jobs/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/jobs/in-memory", Fixture, NULL, fixture_set_up, test_in_memory, fixture_tear_down);

  return g_test_run ();
}
