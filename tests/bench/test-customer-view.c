/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-customer-view.c: the customer list's own sorting, searching and change tracking
 * give what a GtkSortListModel and GtkFilterListModel would, and tell every change */
#include <string.h>

#include "pacta-billing-info-table.h"
#include "pacta-context.h"
#include "pacta-customer-view.h"
#include "pacta-test-util.h"

typedef struct
{
  char               *dir;
  PactaContext       *context;
  PactaDatabase      *db;
  PactaCustomerStore *store;
  PactaCustomerView  *view;
  GListStore         *mirror;    /* the view as a listener sees it, change by change */
} Fixture;

/* Applies each change as told, reading the rows at that moment */
static void
on_items_changed (GListModel *view,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->mirror)) - removed + added, ==,
                    g_list_model_get_n_items (view));
  for (guint i = 0; i < added; i++)
    g_ptr_array_add (items, g_list_model_get_item (view, position + i));
  g_list_store_splice (f->mirror, position, removed, items->pdata, added);
}

/* A view with a mirror of every change it tells */
static void
new_view (Fixture *f)
{
  f->view = pacta_customer_view_new ();
  f->mirror = g_list_store_new (PACTA_TYPE_CUSTOMER);
  g_signal_connect (f->view, "items-changed", G_CALLBACK (on_items_changed), f);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = pacta_test_make_dir ();
  f->context = pacta_test_open_platform_demo (f->dir);
  f->db = pacta_context_get_database (f->context);
  f->store = pacta_context_get_customers (f->context);
  new_view (f);
}

/* The view let go of its store, and nothing else holding it or its mirror */
static void
drop_view (Fixture *f)
{
  pacta_customer_view_set_store (f->view, NULL);
  g_assert_finalize_object (f->view);
  g_assert_finalize_object (f->mirror);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  drop_view (f);
  g_assert_finalize_object (f->context);
  pacta_test_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
sort_key (PactaCustomer *customer)
{
  g_autofree char *folded = g_utf8_casefold (pacta_customer_get_name (customer), -1);

  return g_utf8_collate_key (folded, -1);
}

static gboolean
name_matches (PactaCustomer *customer,
              const char    *search)
{
  g_autofree char *x = pacta_test_search_reference (pacta_customer_get_name (customer));
  g_autofree char *y = pacta_test_search_reference (search);

  return strstr (x, y) != NULL;
}

typedef struct
{
  PactaCustomer *customer;
  char          *key;
  guint          position;     /* in the store */
} Ref;

static int
compare_refs (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const Ref *x = a, *y = b;
  gboolean by_services = GPOINTER_TO_INT (user_data);
  int result;

  if (by_services)
    {
      /* services descending, then name */
      guint s = pacta_customer_get_n_services (x->customer), t = pacta_customer_get_n_services (y->customer);

      if (s != t)
        return s > t ? -1 : 1;
    }
  result = strcmp (x->key, y->key);
  if (result != 0)
    return result;
  return (x->position > y->position) - (x->position < y->position);
}

/* What the view must show: the store's customers, filtered, sorted stably */
static void
assert_shows (Fixture    *f,
              const char *search,
              gboolean    missing_only,
              gboolean    by_services)
{
  g_autoptr(GArray) refs = g_array_new (FALSE, FALSE, sizeof (Ref));
  GListModel *store = G_LIST_MODEL (f->store);
  GListModel *view = G_LIST_MODEL (f->view);

  for (guint i = 0; i < g_list_model_get_n_items (store); i++)
    {
      PactaCustomer *customer = g_list_model_get_item (store, i);
      Ref ref = { customer, sort_key (customer), i };

      if ((search != NULL && *search != '\0' && !name_matches (customer, search)) ||
          (missing_only && pacta_customer_get_has_billing_info (customer)))
        {
          g_object_unref (customer);
          g_free (ref.key);
          continue;
        }
      g_array_append_val (refs, ref);
    }
  g_array_sort_with_data (refs, compare_refs, GINT_TO_POINTER (by_services));

  g_assert_cmpuint (g_list_model_get_n_items (view), ==, refs->len);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->mirror)), ==, refs->len);
  for (guint i = 0; i < refs->len; i++)
    {
      Ref *ref = &g_array_index (refs, Ref, i);
      g_autoptr(PactaCustomer) shown = g_list_model_get_item (view, i);
      g_autoptr(PactaCustomer) told = g_list_model_get_item (G_LIST_MODEL (f->mirror), i);

      g_assert_cmpint (pacta_customer_get_id (shown), ==, pacta_customer_get_id (ref->customer));
      g_assert_cmpint (pacta_customer_get_id (told), ==, pacta_customer_get_id (ref->customer));
      g_object_unref (ref->customer);
      g_free (ref->key);
    }
}

static const PactaCustomerSortKey by_name[] = { { PACTA_CUSTOMER_COLUMN_NAME, FALSE } };
static const PactaCustomerSortKey by_services[] = { { PACTA_CUSTOMER_COLUMN_SERVICES, TRUE },
                                                    { PACTA_CUSTOMER_COLUMN_NAME, FALSE } };

static void
test_order_and_search (Fixture       *f,
                       gconstpointer  data)
{
  pacta_customer_view_set_sort (f->view, by_name, G_N_ELEMENTS (by_name));
  pacta_customer_view_set_store (f->view, f->store);
  assert_shows (f, NULL, FALSE, FALSE);

  /* Typing on only narrows; a new word starts again */
  pacta_customer_view_set_search (f->view, "TA");
  assert_shows (f, "TA", FALSE, FALSE);
  pacta_customer_view_set_search (f->view, "tall");
  assert_shows (f, "tall", FALSE, FALSE);
  pacta_customer_view_set_search (f->view, "núñez");
  assert_shows (f, "núñez", FALSE, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->view)), >, 0);
  /* Accents are ignored both ways */
  pacta_customer_view_set_search (f->view, "NUNEZ");
  assert_shows (f, "NUNEZ", FALSE, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->view)), >, 0);
  pacta_customer_view_set_search (f->view, "clinica");
  assert_shows (f, "clinica", FALSE, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->view)), >, 0);
  pacta_customer_view_set_search (f->view, "");
  assert_shows (f, NULL, FALSE, FALSE);

  pacta_customer_view_set_missing_only (f->view, TRUE);
  assert_shows (f, NULL, TRUE, FALSE);
  pacta_customer_view_set_search (f->view, "s");
  assert_shows (f, "s", TRUE, FALSE);
  pacta_customer_view_set_missing_only (f->view, FALSE);
  assert_shows (f, "s", FALSE, FALSE);
  pacta_customer_view_set_search (f->view, NULL);

  pacta_customer_view_set_sort (f->view, by_services, G_N_ELEMENTS (by_services));
  assert_shows (f, NULL, FALSE, TRUE);
  pacta_customer_view_set_sort (f->view, by_name, G_N_ELEMENTS (by_name));
  assert_shows (f, NULL, FALSE, FALSE);
}

static void
give_billing_info (Fixture *f,
                   gint64   customer_id)
{
  g_autoptr(PactaBillingInfo) info = g_object_new (PACTA_TYPE_BILLING_INFO, "customer-id", customer_id,
                                                   "business-name", "Cliente S.L.", "country", "ES", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (pacta_context_save_billing_info (f->context, info, &error));
  g_assert_no_error (error);
}

static void
sync_stores (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pacta_context_sync (f->context, &error));
  g_assert_no_error (error);
}

static void
test_follows_store (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaCustomer) first = NULL;

  pacta_customer_view_set_sort (f->view, by_name, G_N_ELEMENTS (by_name));
  pacta_customer_view_set_store (f->view, f->store);
  pacta_customer_view_set_missing_only (f->view, TRUE);
  assert_shows (f, NULL, TRUE, FALSE);

  /* Billing information added: the customer leaves the missing ones */
  first = g_list_model_get_item (G_LIST_MODEL (f->view), 0);
  give_billing_info (f, pacta_customer_get_id (first));
  assert_shows (f, NULL, TRUE, FALSE);

  /* Renamed, added and removed behind the store's back, then synced */
  pacta_customer_view_set_missing_only (f->view, FALSE);
  pacta_customer_view_set_search (f->view, "a");
  g_assert_true (pacta_database_exec (f->db, "UPDATE customers SET name = 'Zacarías ' || name WHERE id % 7 = 0", &error));
  g_assert_true (pacta_database_exec (f->db, "INSERT INTO customers (name, created_at) VALUES"
                                             " ('Aaa Primera S.L.', '2026-01-01'), ('Ñandú S.A.', '2026-01-01')", &error));
  g_assert_true (pacta_database_exec (f->db, "DELETE FROM customers WHERE id IN (SELECT id FROM customers"
                                             " WHERE id NOT IN (SELECT customer_id FROM billing_info) LIMIT 2)", &error));
  g_assert_no_error (error);
  sync_stores (f);
  assert_shows (f, "a", FALSE, FALSE);

  /* Many rows changed at once are read again all together */
  g_assert_true (pacta_database_exec (f->db, "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)"
                                             " INSERT INTO customers (name, created_at)"
                                             " SELECT 'Cliente ' || i, '2026-01-01' FROM n", &error));
  g_assert_no_error (error);
  sync_stores (f);
  assert_shows (f, "a", FALSE, FALSE);
  pacta_customer_view_set_search (f->view, NULL);
  assert_shows (f, NULL, FALSE, FALSE);
  pacta_customer_view_set_sort (f->view, by_services, G_N_ELEMENTS (by_services));
  assert_shows (f, NULL, FALSE, TRUE);
}

/* A new view and mirror in place of the fixture's, sorted by name, on the store */
static void
replace_view (Fixture  *f,
              gboolean  held)
{
  drop_view (f);
  new_view (f);
  if (held)
    pacta_customer_view_hold (f->view);
  pacta_customer_view_set_sort (f->view, by_name, G_N_ELEMENTS (by_name));
  pacta_customer_view_set_store (f->view, f->store);
}

static GBytes *
saved_positions (Fixture *f)
{
  sqlite3_stmt *stmt = pacta_database_prepare (f->db, "SELECT positions FROM list_orders WHERE list = 'customers'", NULL);
  GBytes *bytes = NULL;

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_reset (stmt);
  return bytes;
}

static void
set_saved_positions (Fixture *f,
                     GBytes  *bytes)
{
  sqlite3_stmt *stmt = pacta_database_prepare (f->db, "UPDATE list_orders SET positions = ?1 WHERE list = 'customers'", NULL);
  g_autoptr(GError) error = NULL;
  gsize size;
  gconstpointer data = g_bytes_get_data (bytes, &size);

  g_assert_nonnull (stmt);
  sqlite3_bind_blob (stmt, 1, data, (int)size, SQLITE_TRANSIENT);
  g_assert_true (pacta_database_step_done (f->db, stmt, &error));
  g_assert_no_error (error);
}

/* The saved order with its first two rows swapped: wrong, but a permutation */
static GBytes *
swap_first_two (GBytes *bytes)
{
  gsize size;
  guint8 *data = g_bytes_unref_to_data (g_bytes_ref (bytes), &size);
  guint8 first[4];

  g_assert_cmpuint (size, >=, 8);
  memcpy (first, data, 4);
  memcpy (data, data + 4, 4);
  memcpy (data + 4, first, 4);
  return g_bytes_new_take (data, size);
}

static gint64
shown_id (Fixture *f,
          guint    position)
{
  g_autoptr(PactaCustomer) customer = g_list_model_get_item (G_LIST_MODEL (f->view), position);

  return pacta_customer_get_id (customer);
}

/* A start shows the order saved by the last one, before any name is read,
 * and puts it right should it not hold; one that no longer matches the
 * rows or the collation is not used */
static void
test_saved_order (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GBytes) wrong = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first, second;
  guint n;

  /* Nothing saved yet: ordered from the names, then saved */
  pacta_customer_view_set_sort (f->view, by_name, G_N_ELEMENTS (by_name));
  pacta_customer_view_set_store (f->view, f->store);
  assert_shows (f, NULL, FALSE, FALSE);
  g_assert_null (saved_positions (f));
  pacta_customer_view_wait (f->view);
  saved = saved_positions (f);
  n = g_list_model_get_n_items (G_LIST_MODEL (f->store));
  g_assert_nonnull (saved);
  g_assert_cmpuint (g_bytes_get_size (saved), ==, 4 * n);
  first = shown_id (f, 0);
  second = shown_id (f, 1);

  /* The next start shows what was saved, even a wrong order: it has read
   * no name, and the background work waits while the view is held */
  wrong = swap_first_two (saved);
  set_saved_positions (f, wrong);
  replace_view (f, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->view)), ==, n);
  g_assert_cmpint (shown_id (f, 0), ==, second);
  g_assert_cmpint (shown_id (f, 1), ==, first);

  /* Once the keys are there the order is checked, put right, told, saved */
  pacta_customer_view_release (f->view);
  pacta_customer_view_wait (f->view);
  assert_shows (f, NULL, FALSE, FALSE);
  again = saved_positions (f);
  g_assert_true (g_bytes_equal (again, saved));

  /* A right order saved is used as it is, and searching works on it */
  replace_view (f, TRUE);
  assert_shows (f, NULL, FALSE, FALSE);
  pacta_customer_view_set_search (f->view, "clinica");
  assert_shows (f, "clinica", FALSE, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->view)), >, 0);
  pacta_customer_view_release (f->view);

  /* Saved under another collation: not used, though it looks fine */
  set_saved_positions (f, wrong);
  g_assert_true (pacta_database_exec (f->db, "UPDATE list_orders SET collation = 'xx_XX.UTF-8/1'", &error));
  g_assert_no_error (error);
  replace_view (f, FALSE);
  assert_shows (f, NULL, FALSE, FALSE);
  pacta_customer_view_wait (f->view);
  g_clear_pointer (&again, g_bytes_unref);
  again = saved_positions (f);
  g_assert_true (g_bytes_equal (again, saved));

  /* A customer renamed since it was saved: the rows moved on, the order
   * saved is not used */
  pacta_customer_view_set_store (f->view, NULL);
  set_saved_positions (f, wrong);
  g_assert_true (pacta_database_exec (f->db, "UPDATE customers SET name = 'Zz Última S.L.' WHERE id = "
                                             "(SELECT min(id) FROM customers)", &error));
  g_assert_no_error (error);
  sync_stores (f);
  replace_view (f, FALSE);
  assert_shows (f, NULL, FALSE, FALSE);
  /* and the order saved anew holds for the rows as they are */
  pacta_customer_view_wait (f->view);
  replace_view (f, TRUE);
  assert_shows (f, NULL, FALSE, FALSE);
  pacta_customer_view_wait (f->view);
  assert_shows (f, NULL, FALSE, FALSE);
  pacta_customer_view_release (f->view);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/pacta/customer-view/order-and-search", Fixture, NULL, fixture_set_up, test_order_and_search,
              fixture_tear_down);
  g_test_add ("/pacta/customer-view/follows-store", Fixture, NULL, fixture_set_up, test_follows_store,
              fixture_tear_down);
  g_test_add ("/pacta/customer-view/saved-order", Fixture, NULL, fixture_set_up, test_saved_order,
              fixture_tear_down);

  return g_test_run ();
}
