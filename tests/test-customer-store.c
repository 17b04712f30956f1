/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-customer-store.c: the customer GListModel emits exactly the changes made, and a
 * customer view over it lets go of its work in the background without waiting for it */
#include "pacta-customer-store.h"
#include "pacta-customer-view.h"
#include "pacta-database.h"
#include "pacta-import.h"
#include "pacta-test-util.h"

typedef struct
{
  char               *dir;
  PactaDatabase      *db;
  PactaCustomerStore *store;
  GArray             *shadow;     /* ids, kept in step by applying every signal */
  guint               n_signals;
  guint               last_position, last_removed, last_added;
} Fixture;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  f->n_signals++;
  f->last_position = position;
  f->last_removed = removed;
  f->last_added = added;

  g_assert_cmpuint (position + removed, <=, f->shadow->len);
  g_array_remove_range (f->shadow, position, removed);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(PactaCustomer) customer = g_list_model_get_item (model, position + i);
      gint64 id = pacta_customer_get_id (customer);

      g_array_insert_val (f->shadow, position + i, id);
    }
  g_assert_cmpuint (f->shadow->len, ==, g_list_model_get_n_items (model));
}

static void
exec (Fixture    *f,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pacta_database_exec (f->db, sql, &error));
  g_assert_no_error (error);
}

static void
insert_customer (Fixture    *f,
                 const char *name)
{
  sqlite3_stmt *stmt = pacta_database_prepare (f->db, "INSERT INTO customers (name, created_at) VALUES (?1, '2026-11-27')", NULL);

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  g_assert_true (pacta_database_step_done (f->db, stmt, NULL));
}

static void
sync_store (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->n_signals = 0;
  g_assert_true (pacta_customer_store_sync (f->store, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = pacta_test_make_dir ();
  path = g_build_filename (f->dir, "pacta.sqlite", NULL);
  f->db = pacta_database_open (path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %u", i + 1);
      insert_customer (f, name);
    }

  f->store = pacta_customer_store_new (f->db, &error);
  g_assert_no_error (error);

  f->shadow = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f->store)); i++)
    {
      g_autoptr(PactaCustomer) c = g_list_model_get_item (G_LIST_MODEL (f->store), i);
      gint64 id = pacta_customer_get_id (c);
      g_array_append_val (f->shadow, id);
    }
  g_signal_connect (f->store, "items-changed", G_CALLBACK (on_items_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  g_clear_object (&f->db);
  g_array_unref (f->shadow);
  pacta_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
test_initial (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PactaCustomer) third = NULL;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (f->store)) == PACTA_TYPE_CUSTOMER);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 5);
  third = g_list_model_get_item (G_LIST_MODEL (f->store), 2);
  g_assert_cmpstr (pacta_customer_get_name (third), ==, "Customer 3");
  g_assert_false (pacta_customer_get_has_billing_info (third));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (f->store), 5));
}

static void
test_no_change_no_signal (Fixture       *f,
                          gconstpointer  data)
{
  sync_store (f);
  g_assert_cmpuint (f->n_signals, ==, 0);

  /* A write that changes nothing keeps the revision when done the import's way */
  exec (f, "UPDATE customers SET name = name WHERE id = 2 AND name IS NOT 'Customer 2'");
  sync_store (f);
  g_assert_cmpuint (f->n_signals, ==, 0);
}

static void
test_append (Fixture       *f,
             gconstpointer  data)
{
  insert_customer (f, "Customer 6");
  insert_customer (f, "Customer 7");
  sync_store (f);

  g_assert_cmpuint (f->n_signals, ==, 1);
  g_assert_cmpuint (f->last_position, ==, 5);
  g_assert_cmpuint (f->last_removed, ==, 0);
  g_assert_cmpuint (f->last_added, ==, 2);
}

static void
test_update_one (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PactaCustomer) before = g_list_model_get_item (G_LIST_MODEL (f->store), 3);
  g_autoptr(PactaCustomer) after = NULL;

  exec (f, "UPDATE customers SET name = 'Renamed' WHERE id = 4");
  sync_store (f);

  g_assert_cmpuint (f->n_signals, ==, 1);
  g_assert_cmpuint (f->last_position, ==, 3);
  g_assert_cmpuint (f->last_removed, ==, 1);
  g_assert_cmpuint (f->last_added, ==, 1);

  after = g_list_model_get_item (G_LIST_MODEL (f->store), 3);
  g_assert_cmpstr (pacta_customer_get_name (before), ==, "Customer 4");
  g_assert_cmpstr (pacta_customer_get_name (after), ==, "Renamed");
}

static void
test_service_bumps_row (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PactaCustomer) row = NULL;

  exec (f, "INSERT INTO customer_services (customer_id, catalog_item_id, quantity)"
           " SELECT 2, id, 30000 FROM catalog_items WHERE usage_key = 'vms'");
  sync_store (f);

  g_assert_cmpuint (f->n_signals, ==, 1);
  g_assert_cmpuint (f->last_position, ==, 1);
  row = g_list_model_get_item (G_LIST_MODEL (f->store), 1);
  g_assert_cmpuint (pacta_customer_get_n_services (row), ==, 1);
}

static void
test_remove (Fixture       *f,
             gconstpointer  data)
{
  exec (f, "DELETE FROM customers WHERE id IN (2, 3)");
  sync_store (f);

  g_assert_cmpuint (f->n_signals, ==, 1);
  g_assert_cmpuint (f->last_position, ==, 1);
  g_assert_cmpuint (f->last_removed, ==, 2);
  g_assert_cmpuint (f->last_added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 3);
}

/* Random mixes of inserts, updates and deletes: applying the signals to a
 * copy must always give the same list as reading the table afresh. */
static void
test_random_changes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261127);

  for (guint round = 0; round < 60; round++)
    {
      g_autoptr(PactaCustomerStore) fresh = NULL;
      guint n_ops = g_rand_int_range (rand, 1, 8);

      for (guint op = 0; op < n_ops; op++)
        {
          guint n = g_list_model_get_n_items (G_LIST_MODEL (f->store));
          int what = g_rand_int_range (rand, 0, 3);

          if (what == 0 || n == 0)
            {
              g_autofree char *name = g_strdup_printf ("R%u-%u", round, op);
              insert_customer (f, name);
            }
          else
            {
              sqlite3_stmt *stmt;
              gint64 id = g_array_index (f->shadow, gint64, g_rand_int_range (rand, 0, n));

              stmt = pacta_database_prepare (f->db, what == 1
                                             ? "UPDATE customers SET enabled = 1 - enabled WHERE id = ?1"
                                             : "DELETE FROM customers WHERE id = ?1", NULL);
              sqlite3_bind_int64 (stmt, 1, id);
              g_assert_true (pacta_database_step_done (f->db, stmt, NULL));
            }
        }

      sync_store (f);

      fresh = pacta_customer_store_new (f->db, NULL);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fresh)), ==, f->shadow->len);
      for (guint i = 0; i < f->shadow->len; i++)
        {
          g_autoptr(PactaCustomer) a = g_list_model_get_item (G_LIST_MODEL (fresh), i);
          g_autoptr(PactaCustomer) b = g_list_model_get_item (G_LIST_MODEL (f->store), i);

          g_assert_cmpint (pacta_customer_get_id (a), ==, g_array_index (f->shadow, gint64, i));
          g_assert_cmpint (pacta_customer_get_id (b), ==, pacta_customer_get_id (a));
          g_assert_cmpint (pacta_customer_get_enabled (b), ==, pacta_customer_get_enabled (a));
        }
    }
}

static void
test_find (Fixture       *f,
           gconstpointer  data)
{
  guint position = 99;

  g_assert_true (pacta_customer_store_find (f->store, 4, &position));
  g_assert_cmpuint (position, ==, 3);
  g_assert_false (pacta_customer_store_find (f->store, 42, NULL));
}

/* ---- a customer view letting go of its key job ------------------------- */

/* Holds every sqlite connection opened while it is installed — only the
 * view's key thread opens one then — inside its first query, until the
 * test opens it: that thread is then certainly mid-way through its names */
static struct
{
  GMutex   mutex;
  GCond    cond;
  guint    arrived;
  gboolean open;
} gate;

static int
on_gate_progress (void *data)
{
  g_mutex_lock (&gate.mutex);
  if (!gate.open)
    {
      gate.arrived++;
      g_cond_broadcast (&gate.cond);
      while (!gate.open)
        g_cond_wait (&gate.cond, &gate.mutex);
    }
  g_mutex_unlock (&gate.mutex);
  return 0;
}

static int
gate_entry (sqlite3                           *db,
            char                             **message,
            const struct sqlite3_api_routines *api)
{
  sqlite3_progress_handler (db, 100, on_gate_progress, NULL);
  return SQLITE_OK;
}

static void
close_gate (void)
{
  g_mutex_lock (&gate.mutex);
  gate.open = FALSE;
  gate.arrived = 0;
  g_mutex_unlock (&gate.mutex);
}

/* Until a thread is held at the gate */
static void
wait_at_gate (void)
{
  g_mutex_lock (&gate.mutex);
  while (gate.arrived == 0)
    g_cond_wait (&gate.cond, &gate.mutex);
  g_mutex_unlock (&gate.mutex);
}

static void
open_gate (void)
{
  g_mutex_lock (&gate.mutex);
  gate.open = TRUE;
  g_cond_broadcast (&gate.cond);
  g_mutex_unlock (&gate.mutex);
}

static gint64
view_id (PactaCustomerView *view,
         guint              position)
{
  g_autoptr(PactaCustomer) customer = g_list_model_get_item (G_LIST_MODEL (view), position);

  return pacta_customer_get_id (customer);
}

static guint
n_found (PactaCustomerView *view,
         const char        *search)
{
  pacta_customer_view_set_search (view, search);
  return g_list_model_get_n_items (G_LIST_MODEL (view));
}

/* A view's key job let go of mid-way — for another store, or with the
 * view — is cancelled and never waited for, and its keys never reach the
 * view; keys wanted at once are made without waiting for it either. Its
 * thread is held at the gate until each of those calls has returned: were
 * one to wait for it, the test would never end. The task's completion is
 * sent to a main context of its own, so that the test knows when the view
 * has been told of it, without sleeping. */
static void
test_view_drops_job (Fixture       *f,
                     gconstpointer  data)
{
  static const PactaCustomerSortKey by_name = { PACTA_CUSTOMER_COLUMN_NAME, FALSE };
  const guint n = 3005;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autofree char *other_path = g_build_filename (f->dir, "other.sqlite", NULL);
  g_autoptr(PactaDatabase) other_db = NULL;
  g_autoptr(PactaCustomerStore) other = NULL;
  PactaCustomerView *view;

  /* Two files, the same ids: “Alpha” names in reverse order of id here,
   * “Beta” names in order of id there */
  exec (f, "WITH RECURSIVE n (i) AS (SELECT 6 UNION ALL SELECT i + 1 FROM n WHERE i < 3005)"
           " INSERT INTO customers (name, created_at) SELECT 'x', '2026-11-27' FROM n");
  exec (f, "UPDATE customers SET name = 'Alpha ' || (100000 - id)");
  sync_store (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, n);
  other_db = pacta_database_open (other_path, &error);
  g_assert_no_error (error);
  g_assert_true (pacta_database_exec (other_db,
                                      "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3005)"
                                      " INSERT INTO customers (name, created_at)"
                                      " SELECT printf ('Beta %05d', i), '2026-11-27' FROM n", &error));
  g_assert_no_error (error);
  other = pacta_customer_store_new (other_db, &error);
  g_assert_no_error (error);

  /* The order by name saved here, so that a view on this file starts from
   * it and reads the names in its thread */
  view = pacta_customer_view_new ();
  pacta_customer_view_set_sort (view, &by_name, 1);
  pacta_customer_view_set_store (view, f->store);
  pacta_customer_view_wait (view);
  pacta_customer_view_set_store (view, NULL);
  g_assert_finalize_object (view);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM list_orders", NULL), ==, 1);

  close_gate ();
  g_assert_cmpint (sqlite3_auto_extension ((void (*) (void))gate_entry), ==, SQLITE_OK);

  /* Another store while the thread is reading the names */
  view = pacta_customer_view_new ();
  pacta_customer_view_set_sort (view, &by_name, 1);
  g_main_context_push_thread_default (context);
  pacta_customer_view_set_store (view, f->store);
  g_main_context_pop_thread_default (context);
  g_assert_cmpint (view_id (view, 0), ==, 3005);
  wait_at_gate ();
  /* Held: the new store's keys wait, where the old job's would go */
  pacta_customer_view_hold (view);
  pacta_customer_view_set_store (view, other);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view)), ==, n);
  g_assert_cmpint (view_id (view, 0), ==, 1);
  g_assert_cmpint (view_id (view, n - 1), ==, 3005);

  /* Let go, the thread ends; its task done, the view is told and ignores it */
  open_gate ();
  while (!g_main_context_iteration (context, TRUE))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view)), ==, n);
  g_assert_cmpint (view_id (view, 0), ==, 1);
  g_assert_cmpuint (n_found (view, "alpha"), ==, 0);
  g_assert_cmpuint (n_found (view, "beta"), ==, n);
  g_assert_cmpuint (n_found (view, "beta 0001"), ==, 10);
  g_assert_cmpint (view_id (view, 0), ==, 10);
  pacta_customer_view_set_search (view, NULL);
  pacta_customer_view_release (view);
  pacta_customer_view_set_store (view, NULL);
  g_assert_finalize_object (view);

  /* Keys wanted at once while the thread reads: made here instead */
  close_gate ();
  view = pacta_customer_view_new ();
  pacta_customer_view_set_sort (view, &by_name, 1);
  g_main_context_push_thread_default (context);
  pacta_customer_view_set_store (view, f->store);
  g_main_context_pop_thread_default (context);
  wait_at_gate ();
  g_assert_cmpuint (n_found (view, "alpha 9699"), ==, 5);
  g_assert_cmpint (view_id (view, 0), ==, 3005);
  open_gate ();
  while (!g_main_context_iteration (context, TRUE))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view)), ==, 5);
  g_assert_cmpuint (n_found (view, "beta"), ==, 0);
  g_assert_cmpuint (n_found (view, NULL), ==, n);
  g_assert_cmpint (view_id (view, 0), ==, 3005);
  pacta_customer_view_set_store (view, NULL);
  g_assert_finalize_object (view);

  /* The view itself let go of while its thread reads: gone at once */
  close_gate ();
  view = pacta_customer_view_new ();
  pacta_customer_view_set_sort (view, &by_name, 1);
  g_main_context_push_thread_default (context);
  pacta_customer_view_set_store (view, f->store);
  g_main_context_pop_thread_default (context);
  wait_at_gate ();
  g_assert_finalize_object (view);
  open_gate ();
  while (!g_main_context_iteration (context, TRUE))
    ;

  g_assert_cmpint (sqlite3_cancel_auto_extension ((void (*) (void))gate_entry), ==, 1);
  g_assert_finalize_object (g_steal_pointer (&other));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/pacta/customer-store/initial", Fixture, NULL, fixture_set_up, test_initial, fixture_tear_down);
  g_test_add ("/pacta/customer-store/no-change-no-signal", Fixture, NULL, fixture_set_up, test_no_change_no_signal, fixture_tear_down);
  g_test_add ("/pacta/customer-store/append", Fixture, NULL, fixture_set_up, test_append, fixture_tear_down);
  g_test_add ("/pacta/customer-store/update-one", Fixture, NULL, fixture_set_up, test_update_one, fixture_tear_down);
  g_test_add ("/pacta/customer-store/service-bumps-row", Fixture, NULL, fixture_set_up, test_service_bumps_row, fixture_tear_down);
  g_test_add ("/pacta/customer-store/remove", Fixture, NULL, fixture_set_up, test_remove, fixture_tear_down);
  g_test_add ("/pacta/customer-store/random-changes", Fixture, NULL, fixture_set_up, test_random_changes, fixture_tear_down);
  g_test_add ("/pacta/customer-store/find", Fixture, NULL, fixture_set_up, test_find, fixture_tear_down);
  g_test_add ("/pacta/customer-store/view-drops-job", Fixture, NULL, fixture_set_up, test_view_drops_job,
              fixture_tear_down);

  return g_test_run ();
}
