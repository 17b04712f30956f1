/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-customer-store.c: the customer GListModel emits exactly the changes made */
#include "pacta-customer-store.h"
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

  return g_test_run ();
}
