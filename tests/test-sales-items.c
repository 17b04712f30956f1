/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-sales-items.c: sales items — the billing-information gate, drafts, moves, read-only when billed, totals */
#include "pacta-billing-info-table.h"
#include "pacta-context.h"
#include "pacta-error.h"
#include "pacta-money.h"
#include "pacta-test-util.h"

typedef PactaTestContext Fixture;

static void
give_billing_info (Fixture *f,
                   gint64   id)
{
  g_autoptr(PactaBillingInfo) info = g_object_new (PACTA_TYPE_BILLING_INFO, "customer-id", id,
                                                   "business-name", "Cliente S.L.", "country", "ES", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (pacta_context_save_billing_info (f->context, info, &error));
  g_assert_no_error (error);
}

static PactaSalesItem *
make_item (gint64 customer)
{
  return g_object_new (PACTA_TYPE_SALES_ITEM, "customer-id", customer, "invoice-date", "2026-11-30",
                       "description", "Router replacement", NULL);
}

static GListModel *
make_lines (void)
{
  GListStore *lines = g_list_store_new (PACTA_TYPE_SALES_ITEM_LINE);
  g_autoptr(PactaSalesItemLine) router = g_object_new (PACTA_TYPE_SALES_ITEM_LINE,
                                                       "description", "Router", "quantity", (gint64)20000,
                                                       "unit-price", (gint64)899900, "discount", 1000, NULL);
  g_autoptr(PactaSalesItemLine) note = g_object_new (PACTA_TYPE_SALES_ITEM_LINE,
                                                     "description", "Installed on site", "is-note", TRUE, NULL);
  g_autoptr(PactaSalesItemLine) hours = g_object_new (PACTA_TYPE_SALES_ITEM_LINE,
                                                      "description", "Installation", "quantity", (gint64)15000,
                                                      "unit-price", (gint64)450000, NULL);

  g_list_store_append (lines, router);
  g_list_store_append (lines, note);
  g_list_store_append (lines, hours);
  return G_LIST_MODEL (lines);
}

static const char *
status_of (Fixture *f,
           gint64   id)
{
  static char status[16];
  g_autoptr(PactaSalesItem) item = pacta_sales_item_load (f->db, id, NULL);

  g_strlcpy (status, pacta_sales_item_get_status (item), sizeof status);
  return status;
}

static void
test_totals (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GListModel) lines = make_lines ();
  g_autoptr(PactaSalesItemLine) router = g_list_model_get_item (lines, 0);
  g_autoptr(PactaSalesItemLine) note = g_list_model_get_item (lines, 1);
  g_autoptr(PactaSalesItemLine) hours = g_list_model_get_item (lines, 2);

  /* 2 × 89.99 less 10 % = 161.982; a note is worth nothing; 1.5 h × 45 = 67.50 */
  g_assert_cmpint (pacta_sales_item_line_get_value (router), ==, 1619820);
  g_assert_cmpint (pacta_sales_item_line_get_value (note), ==, 0);
  g_assert_cmpint (pacta_sales_item_line_get_value (hours), ==, 675000);
  {
    g_autofree char *money = pacta_money_format (1619820 + 675000, NULL);
    /* 229.482 rounds half away from zero to 229.48 */
    g_assert_cmpstr (money, ==, "229.48 €");
  }
}

static void
test_manual_needs_billing_info (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(PactaSalesItem) item = make_item (1);
  g_autoptr(GListModel) lines = make_lines ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaSalesItem) loaded = NULL;
  gint64 id;

  g_assert_cmpint (pacta_context_create_sales_item (f->context, item, lines, &error), ==, 0);
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_BILLING_INFO_REQUIRED);
  g_clear_error (&error);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM sales_items", NULL), ==, 0);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM sales_item_lines", NULL), ==, 0);

  give_billing_info (f, 1);
  id = pacta_context_create_sales_item (f->context, item, lines, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpstr (status_of (f, id), ==, "pending");

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pacta_context_get_sales_items (f->context))), ==, 1);
  loaded = g_list_model_get_item (G_LIST_MODEL (pacta_context_get_sales_items (f->context)), 0);
  g_assert_cmpint (pacta_sales_item_get_total (loaded), ==, 1619820 + 675000);
  g_assert_cmpint (pacta_sales_item_get_n_lines (loaded), ==, 3);
  g_assert_cmpstr (pacta_sales_item_get_origin (loaded), ==, "manual");
}

static void
test_automatic_drafts_become_pending (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(PactaSalesItem) item = make_item (2);
  g_autoptr(PactaSalesItem) other = make_item (3);
  g_autoptr(GListModel) lines = make_lines ();
  g_autoptr(GError) error = NULL;
  gint64 id, other_id;

  pacta_sales_item_set_origin (item, "usage");
  pacta_sales_item_set_origin (other, "ticket");
  id = pacta_sales_item_create_automatic (f->db, item, lines, &error);
  other_id = pacta_sales_item_create_automatic (f->db, other, lines, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (status_of (f, id), ==, "draft");
  g_assert_cmpstr (status_of (f, other_id), ==, "draft");

  /* Saving billing information turns that customer's drafts pending, only those */
  give_billing_info (f, 2);
  g_assert_cmpstr (status_of (f, id), ==, "pending");
  g_assert_cmpstr (status_of (f, other_id), ==, "draft");

  /* Atomic: a failed save leaves the drafts alone */
  {
    g_autoptr(PactaBillingInfo) bad = g_object_new (PACTA_TYPE_BILLING_INFO, "customer-id", (gint64)3,
                                                    "business-name", "Tres", "country", "XX", NULL);
    g_assert_false (pacta_context_save_billing_info (f->context, bad, &error));
    g_clear_error (&error);
    g_assert_cmpstr (status_of (f, other_id), ==, "draft");
  }
}

static void
test_move_needs_billing_info (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(PactaSalesItem) item = make_item (1);
  g_autoptr(GListModel) lines = make_lines ();
  g_autoptr(PactaSalesItem) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  give_billing_info (f, 1);
  id = pacta_context_create_sales_item (f->context, item, lines, &error);
  g_assert_no_error (error);

  /* To a customer without billing information: refused, nothing changed */
  pacta_sales_item_set_customer_id (item, 4);
  pacta_sales_item_set_description (item, "Changed");
  g_assert_false (pacta_context_update_sales_item (f->context, item, lines, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_BILLING_INFO_REQUIRED);
  g_clear_error (&error);
  stored = pacta_sales_item_load (f->db, id, NULL);
  g_assert_cmpint (pacta_sales_item_get_customer_id (stored), ==, 1);
  g_assert_cmpstr (pacta_sales_item_get_description (stored), ==, "Router replacement");

  /* Once it has billing information, the move goes through */
  give_billing_info (f, 4);
  g_assert_true (pacta_context_update_sales_item (f->context, item, lines, &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = pacta_sales_item_load (f->db, id, NULL);
  g_assert_cmpint (pacta_sales_item_get_customer_id (stored), ==, 4);
}

static void
test_billed_is_read_only (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PactaSalesItem) item = make_item (1);
  g_autoptr(GListModel) lines = make_lines ();
  g_autoptr(GError) error = NULL;
  gint64 id;
  g_autofree char *sql = NULL;

  give_billing_info (f, 1);
  id = pacta_context_create_sales_item (f->context, item, lines, &error);
  /* What a billing run will do */
  g_assert_true (pacta_database_exec (f->db, "UPDATE sales_items SET status = 'billed'", NULL));

  pacta_sales_item_set_description (item, "Changed after billing");
  g_assert_false (pacta_context_update_sales_item (f->context, item, lines, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* The schema refuses it too, whoever tries */
  g_assert_false (pacta_database_exec (f->db, "UPDATE sales_items SET description = 'x'", NULL));
  g_assert_false (pacta_database_exec (f->db, "DELETE FROM sales_items", NULL));
  g_assert_false (pacta_database_exec (f->db, "UPDATE sales_item_lines SET quantity = 0", NULL));
  g_assert_false (pacta_database_exec (f->db, "DELETE FROM sales_item_lines", NULL));
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM sales_item_lines", NULL), ==, 3);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM sales_items WHERE description = 'Router replacement'", NULL), ==, 1);
  g_assert_cmpstr (status_of (f, id), ==, "billed");
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PactaSalesItem) item = make_item (1);
  g_autoptr(GListModel) lines = make_lines ();
  g_autoptr(GListStore) none = g_list_store_new (PACTA_TYPE_SALES_ITEM_LINE);
  g_autoptr(PactaSalesItemLine) note = g_list_model_get_item (lines, 1);
  g_autoptr(PactaSalesItemLine) first = g_list_model_get_item (lines, 0);
  g_autoptr(GError) error = NULL;

  g_assert_true (pacta_sales_item_validate (item, lines, NULL));

  pacta_sales_item_set_invoice_date (item, "2026-11-31");
  g_assert_false (pacta_sales_item_validate (item, lines, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  pacta_sales_item_set_invoice_date (item, "2026-11-30");

  g_assert_false (pacta_sales_item_validate (item, G_LIST_MODEL (none), &error));
  g_clear_error (&error);

  pacta_sales_item_line_set_description (note, "  ");
  g_assert_false (pacta_sales_item_validate (item, lines, &error));
  g_assert_nonnull (strstr (error->message, "Line 2"));
  g_clear_error (&error);
  pacta_sales_item_line_set_description (note, "Installed on site");

  pacta_sales_item_line_set_discount (first, 12000);
  g_assert_false (pacta_sales_item_validate (item, lines, &error));
  g_assert_nonnull (strstr (error->message, "Line 1"));
  g_clear_error (&error);
  pacta_sales_item_line_set_discount (first, 0);

  /* Line breaks and tabs in a note; no other control characters anywhere */
  pacta_sales_item_line_set_description (note, "Installed on site:\n\t– two switches\r\n\t– one router");
  g_assert_true (pacta_sales_item_validate (item, lines, NULL));
  pacta_sales_item_line_set_description (note, "Installed\x01");
  g_assert_false (pacta_sales_item_validate (item, lines, &error));
  g_assert_cmpstr (error->message, ==, "Control characters other than line breaks and tabs are not allowed in line 2");
  g_clear_error (&error);
  pacta_sales_item_line_set_description (note, "Installed on site");
  pacta_sales_item_set_description (item, "Hardware\x1b[0m");
  g_assert_false (pacta_sales_item_validate (item, lines, &error));
  g_assert_nonnull (strstr (error->message, "not allowed in the description"));
  g_clear_error (&error);
  pacta_sales_item_set_description (item, "Hardware\nfor the new office");
  g_assert_true (pacta_sales_item_validate (item, lines, NULL));
}

static void
test_for_customer (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PactaSalesItem) item = make_item (1);
  g_autoptr(GListModel) lines = make_lines ();
  g_autoptr(GListModel) list = NULL;

  give_billing_info (f, 1);
  g_assert_cmpint (pacta_context_create_sales_item (f->context, item, lines, NULL), >, 0);
  list = pacta_sales_item_list_for_customer (f->db, 1, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_clear_object (&list);
  list = pacta_sales_item_list_for_customer (f->db, 2, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/pacta/sales-items/totals", Fixture, NULL, pacta_test_platform_set_up, test_totals, pacta_test_context_tear_down);
  g_test_add ("/pacta/sales-items/manual-needs-billing-info", Fixture, NULL, pacta_test_platform_set_up, test_manual_needs_billing_info, pacta_test_context_tear_down);
  g_test_add ("/pacta/sales-items/automatic-drafts-become-pending", Fixture, NULL, pacta_test_platform_set_up, test_automatic_drafts_become_pending, pacta_test_context_tear_down);
  g_test_add ("/pacta/sales-items/move-needs-billing-info", Fixture, NULL, pacta_test_platform_set_up, test_move_needs_billing_info, pacta_test_context_tear_down);
  g_test_add ("/pacta/sales-items/billed-is-read-only", Fixture, NULL, pacta_test_platform_set_up, test_billed_is_read_only, pacta_test_context_tear_down);
  g_test_add ("/pacta/sales-items/validation", Fixture, NULL, pacta_test_platform_set_up, test_validation, pacta_test_context_tear_down);
  g_test_add ("/pacta/sales-items/for-customer", Fixture, NULL, pacta_test_platform_set_up, test_for_customer, pacta_test_context_tear_down);

  return g_test_run ();
}
