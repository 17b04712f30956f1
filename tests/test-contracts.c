/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-contracts.c: contracts — status by dates, default parts, rules, the gate, missing count, bulk creation, catalog */
#include "pacta-billing-info-table.h"
#include "pacta-catalog.h"
#include "pacta-clock.h"
#include "pacta-context.h"
#include "pacta-date.h"
#include "pacta-error.h"
#include "pacta-money.h"
#include "pacta-test-util.h"

typedef PactaTestContext Fixture;

static gint64
customer_id (Fixture    *f,
             const char *tenant_suffix)
{
  g_autofree char *tenant = g_strdup_printf ("c0570000-2026-4a00-8b00-0000000000%s", tenant_suffix);
  sqlite3_stmt *stmt = pacta_database_prepare (f->db, "SELECT id FROM customers WHERE tenant_id = ?1", NULL);
  gint64 id = 0;

  sqlite3_bind_text (stmt, 1, tenant, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
give_billing_info (Fixture *f,
                   gint64   id)
{
  g_autoptr(PactaBillingInfo) info = pacta_billing_info_new_for_customer (f->db, id, NULL);
  g_autoptr(GError) error = NULL;

  pacta_billing_info_set_country (info, "ES");
  g_assert_true (pacta_context_save_billing_info (f->context, info, &error));
  g_assert_no_error (error);
}

static void
set_price (Fixture    *f,
           const char *usage_key,
           const char *price)
{
  /* Keep the default catalog's names */
  const char *name = g_str_equal (usage_key, "workstations") ? "Workstations"
                   : g_str_equal (usage_key, "servers") ? "Servers"
                   : g_str_equal (usage_key, "storage") ? "Cloud storage" : usage_key;
  g_autofree char *csv = g_strdup_printf ("usage_key,name,price\n%s,%s,%s\n", usage_key, name, price);
  g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));
  PactaCatalogImportReport report;
  g_autoptr(GError) error = NULL;

  g_assert_true (pacta_import_catalog_bytes (f->db, bytes, "prices.csv", &report, &error));
  g_assert_no_error (error);
}

static void
test_status_by_dates (Fixture       *f,
                      gconstpointer  data)
{
  g_assert_cmpint (pacta_contract_status_on ("2026-12-01", NULL, "2026-11-27"), ==, PACTA_CONTRACT_DRAFT);
  g_assert_cmpint (pacta_contract_status_on ("2026-11-27", NULL, "2026-11-27"), ==, PACTA_CONTRACT_ACTIVE);
  g_assert_cmpint (pacta_contract_status_on ("2025-01-01", NULL, "2026-11-27"), ==, PACTA_CONTRACT_ACTIVE);
  g_assert_cmpint (pacta_contract_status_on ("2025-01-01", "2026-11-27", "2026-11-27"), ==, PACTA_CONTRACT_ACTIVE);
  g_assert_cmpint (pacta_contract_status_on ("2025-01-01", "2026-11-26", "2026-11-27"), ==, PACTA_CONTRACT_ENDED);

  g_assert_true (pacta_date_is_valid ("2028-02-29"));
  g_assert_false (pacta_date_is_valid ("2027-02-29"));
  g_assert_false (pacta_date_is_valid ("2026-13-01"));
  g_assert_false (pacta_date_is_valid ("2026-1-01"));
  g_assert_false (pacta_date_is_valid ("01/12/2026"));
  g_assert_false (pacta_date_is_valid (NULL));
}

static void
test_default_parts (Fixture       *f,
                    gconstpointer  data)
{
  gint64 id = customer_id (f, "01");   /* Talleres Núñez: 14 workstations, 2 servers, storage */
  g_autoptr(GListModel) parts = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saw_storage = FALSE;

  set_price (f, "workstations", "12.5");
  parts = pacta_contract_default_parts (f->db, id, "2026-12-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (parts), ==, 3);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PactaContractPart) part = g_list_model_get_item (parts, i);
      const char *name = pacta_contract_part_get_item_name (part);

      g_assert_true (pacta_contract_part_get_follow_usage (part));
      g_assert_cmpstr (pacta_contract_part_get_start_date (part), ==, "2026-12-01");
      if (g_str_equal (name, "Workstations"))
        {
          g_assert_true (pacta_contract_part_get_has_price (part));
          g_assert_cmpint (pacta_contract_part_get_unit_price (part), ==, 125000);
          g_assert_cmpint (pacta_contract_part_get_quantity (part), ==, 140000);
          /* 14 × 12.50 a month */
          g_assert_cmpint (pacta_contract_part_get_monthly_value (part), ==, 1750000);
        }
      else
        g_assert_false (pacta_contract_part_get_has_price (part));
      saw_storage |= g_str_equal (name, "Cloud storage");
    }
  g_assert_true (saw_storage);
}

static PactaContract *
make_contract (gint64      customer,
               const char *start)
{
  return g_object_new (PACTA_TYPE_CONTRACT, "customer-id", customer, "name", "Managed services",
                       "start-date", start, NULL);
}

static GListModel *
one_part (gint64  item_id,
          gint64  price)
{
  GListStore *parts = g_list_store_new (PACTA_TYPE_CONTRACT_PART);
  g_autoptr(PactaContractPart) part = g_object_new (PACTA_TYPE_CONTRACT_PART, "catalog-item-id", item_id,
                                                    "item-name", "Servers", "quantity", (gint64)20000,
                                                    "unit-price", price, "has-price", TRUE, NULL);

  g_list_store_append (parts, part);
  return G_LIST_MODEL (parts);
}

static void
expect_invalid (PactaContract *contract,
                GListModel    *parts,
                const char    *fragment)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (pacta_contract_validate (contract, parts, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, fragment);
}

static const char *bad_emails[] = {
  "ana", "ana@", "@example.com", "ana@example", "ana@example.", "ana@@example.com", "ana @example.com",
  "ana@example.com, luis@example.com", "ana@example.com;luis@example.com", "ana@example.com\n",
};

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PactaContract) contract = make_contract (1, "2026-12-01");
  g_autoptr(GListModel) parts = one_part (2, 399000);
  g_autoptr(GListStore) none = g_list_store_new (PACTA_TYPE_CONTRACT_PART);
  g_autoptr(PactaContractPart) part = g_list_model_get_item (parts, 0);
  g_autoptr(GError) error = NULL;

  g_assert_true (pacta_contract_validate (contract, parts, &error));
  g_assert_no_error (error);

  pacta_contract_set_name (contract, "  ");
  expect_invalid (contract, parts, "needs a name");
  pacta_contract_set_name (contract, "Managed services");

  pacta_contract_set_start_date (contract, NULL);
  expect_invalid (contract, parts, "needs a start date");
  pacta_contract_set_start_date (contract, "2026-02-30");
  expect_invalid (contract, parts, "start date is not a date");
  pacta_contract_set_start_date (contract, "2026-12-01");

  pacta_contract_set_end_date (contract, "2026-12-01");
  expect_invalid (contract, parts, "end date must be after the start date");
  pacta_contract_set_end_date (contract, "2026-11-30");
  expect_invalid (contract, parts, "end date must be after the start date");
  pacta_contract_set_end_date (contract, "2027-11-30");
  g_assert_true (pacta_contract_validate (contract, parts, NULL));

  pacta_contract_set_customer_id (contract, 0);
  expect_invalid (contract, parts, "needs a customer");
  pacta_contract_set_customer_id (contract, 1);

  pacta_contract_set_interval (contract, "weekly");
  expect_invalid (contract, parts, "interval");
  pacta_contract_set_interval (contract, "quarterly");

  expect_invalid (contract, G_LIST_MODEL (none), "at least one part");

  pacta_contract_part_set_quantity (part, -1);
  expect_invalid (contract, parts, "quantities must not be negative");
  pacta_contract_part_set_quantity (part, 0);
  g_assert_true (pacta_contract_validate (contract, parts, NULL));

  pacta_contract_part_set_has_price (part, FALSE);
  expect_invalid (contract, parts, "“Servers” has no price yet");
  pacta_contract_part_set_has_price (part, TRUE);

  pacta_contract_part_set_discount (part, 10001);
  expect_invalid (contract, parts, "discount");
  pacta_contract_part_set_discount (part, 1000);

  pacta_contract_part_set_end_date (part, "2026-11-01");
  expect_invalid (contract, parts, "end date is before the start date");
  pacta_contract_part_set_end_date (part, NULL);
  g_assert_true (pacta_contract_validate (contract, parts, NULL));

  /* Free text: one line where it is one line; notes keep their breaks and
   * tabs; other control characters nowhere */
  pacta_contract_set_name (contract, "Managed\tservices");
  expect_invalid (contract, parts, "are not allowed in the contract name");
  pacta_contract_set_name (contract, "Managed services");
  pacta_contract_set_notes (contract, "Line one\n\tindented\r\nשלום \u202e 😀");
  g_assert_true (pacta_contract_validate (contract, parts, NULL));
  pacta_contract_set_notes (contract, "Bell \a");
  expect_invalid (contract, parts, "not allowed in the notes");
  pacta_contract_set_notes (contract, "C1 \xc2\x85 next line");
  expect_invalid (contract, parts, "not allowed in the notes");
  pacta_contract_set_notes (contract, NULL);
  pacta_contract_part_set_description (part, "Servers\x7f");
  expect_invalid (contract, parts, "not allowed in a part’s description");
  pacta_contract_part_set_description (part, NULL);

  /* The contact email, when there is one, is one address */
  for (guint i = 0; i < G_N_ELEMENTS (bad_emails); i++)
    {
      pacta_contract_set_contact_email (contract, bad_emails[i]);
      expect_invalid (contract, parts, "not an email address");
    }
  pacta_contract_set_contact_email (contract, "  ");
  g_assert_true (pacta_contract_validate (contract, parts, NULL));
  pacta_contract_set_contact_email (contract, "facturas@clinica-ejemplo.es");
  g_assert_true (pacta_contract_validate (contract, parts, NULL));
}

static void
test_gate_and_create (Fixture       *f,
                      gconstpointer  data)
{
  gint64 id = customer_id (f, "01");
  g_autoptr(PactaContract) contract = make_contract (id, "2026-12-01");
  g_autoptr(GListModel) parts = NULL;
  g_autoptr(GListModel) loaded_parts = NULL;
  g_autoptr(PactaContract) loaded = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *contracts = G_LIST_MODEL (pacta_context_get_contracts (f->context));
  gint64 missing_before = pacta_contract_count_missing (f->db, NULL);
  gint64 contract_id;

  /* The day before it starts, late at night in Madrid, where it is
   * already the first on Kiritimati: the app's zone decides */
  pacta_test_set_clock ("Europe/Madrid", "2026-11-30T23:30:00+01:00");
  set_price (f, "workstations", "12.5");
  set_price (f, "servers", "39.9");
  set_price (f, "storage", "0.045");
  parts = pacta_contract_default_parts (f->db, id, "2026-12-01", NULL);

  /* No billing information: refused with the code the GUI answers with a prompt */
  g_assert_cmpint (pacta_context_create_contract (f->context, contract, parts, &error), ==, 0);
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_BILLING_INFO_REQUIRED);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (contracts), ==, 0);

  give_billing_info (f, id);
  contract_id = pacta_context_create_contract (f->context, contract, parts, &error);
  g_assert_no_error (error);
  g_assert_cmpint (contract_id, >, 0);

  /* The store shows it, with its monthly value; the missing count drops */
  g_assert_cmpuint (g_list_model_get_n_items (contracts), ==, 1);
  loaded = g_list_model_get_item (contracts, 0);
  g_assert_cmpstr (pacta_contract_get_customer_name (loaded), ==, "Talleres Núñez S.L.");
  g_assert_cmpint (pacta_contract_get_n_parts (loaded), ==, 3);
  /* 14 × 12.50 + 2 × 39.90 + 536.8709 GB × 0.045 = 175 + 79.80 + 24.1592 */
  g_assert_cmpint (pacta_contract_get_monthly_value (loaded), ==, 1750000 + 798000 + 241592);
  g_assert_cmpint (pacta_contract_get_status (loaded), ==, PACTA_CONTRACT_DRAFT);
  g_assert_cmpint (pacta_contract_count_missing (f->db, NULL), ==, missing_before - 1);
  {
    g_autoptr(GTimeZone) kiritimati = g_time_zone_new_identifier ("Pacific/Kiritimati");

    pacta_clock_set_timezone (pacta_clock_get_default (), kiritimati);
    g_assert_cmpint (pacta_contract_get_status (loaded), ==, PACTA_CONTRACT_ACTIVE);
  }
  /* Half a minute later it is running in Madrid too */
  pacta_test_set_clock ("Europe/Madrid", "2026-12-01T00:00:00+01:00");
  g_assert_cmpint (pacta_contract_get_status (loaded), ==, PACTA_CONTRACT_ACTIVE);

  /* Editing changes parts in place and keeps their ids */
  loaded_parts = pacta_contract_load_parts (f->db, contract_id, &error);
  {
    g_autoptr(PactaContractPart) first = g_list_model_get_item (loaded_parts, 0);
    gint64 first_id = pacta_contract_part_get_id (first);
    g_autoptr(GListModel) again = NULL;
    g_autoptr(PactaContractPart) first_again = NULL;

    pacta_contract_part_set_unit_price (first, 10000);
    g_list_store_remove (G_LIST_STORE (loaded_parts), 2);
    pacta_contract_set_interval (loaded, "annual");
    g_assert_true (pacta_context_update_contract (f->context, loaded, loaded_parts, &error));
    g_assert_no_error (error);

    again = pacta_contract_load_parts (f->db, contract_id, &error);
    g_assert_cmpuint (g_list_model_get_n_items (again), ==, 2);
    first_again = g_list_model_get_item (again, 0);
    g_assert_cmpint (pacta_contract_part_get_id (first_again), ==, first_id);
    g_assert_cmpint (pacta_contract_part_get_unit_price (first_again), ==, 10000);
  }
}

static void
test_missing_count (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = pacta_contract_missing_customers (f->db, &error);

  g_assert_no_error (error);
  /* 34 customers use services; one of them is disabled */
  g_assert_cmpuint (ids->len, ==, 33);
  g_assert_cmpint (pacta_contract_count_missing (f->db, NULL), ==, 33);

  /* An ended contract does not count as having one */
  give_billing_info (f, customer_id (f, "01"));
  g_assert_true (pacta_database_exec (f->db,
                                      "INSERT INTO contracts (name, customer_id, start_date, end_date, created_at)"
                                      " SELECT 'Old', id, '2020-01-01', '2021-01-01', '2020-01-01' FROM customers"
                                      " WHERE tenant_id = 'c0570000-2026-4a00-8b00-000000000001'", NULL));
  g_assert_cmpint (pacta_contract_count_missing (f->db, NULL), ==, 33);
  g_assert_true (pacta_database_exec (f->db,
                                      "INSERT INTO contracts (name, customer_id, start_date, created_at)"
                                      " SELECT 'New', id, '2026-01-01', '2026-01-01' FROM customers"
                                      " WHERE tenant_id = 'c0570000-2026-4a00-8b00-000000000001'", NULL));
  g_assert_cmpint (pacta_contract_count_missing (f->db, NULL), ==, 32);
}

/* Ready and unready customers together: the ready get contracts, the others
 * are reported with the reason and get nothing */
static void
test_bulk (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(PactaContract) prototype = g_object_new (PACTA_TYPE_CONTRACT, "name", "Managed services",
                                                     "start-date", "2026-12-01", "interval", "quarterly", NULL);
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ready = customer_id (f, "01");        /* workstations, servers, storage */
  gint64 no_billing = customer_id (f, "02");
  gint64 no_price = customer_id (f, "03");     /* has vms and m365 seats, left unpriced */
  gint64 no_services = customer_id (f, "13");
  guint created = 0;

  set_price (f, "workstations", "12.5");
  set_price (f, "servers", "39.9");
  set_price (f, "storage", "0.045");
  give_billing_info (f, ready);
  give_billing_info (f, no_price);
  give_billing_info (f, no_services);

  g_array_append_val (ids, ready);
  g_array_append_val (ids, no_billing);
  g_array_append_val (ids, no_price);
  g_array_append_val (ids, no_services);

  skipped = pacta_context_create_default_contracts (f->context, ids, prototype, &created, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (created, ==, 1);
  g_assert_cmpuint (skipped->len, ==, 3);

  for (guint i = 0; i < skipped->len; i++)
    {
      PactaSkippedCustomer *skip = g_ptr_array_index (skipped, i);

      if (skip->customer_id == no_billing)
        g_assert_nonnull (strstr (skip->reason, "no billing information"));
      else if (skip->customer_id == no_price)
        g_assert_nonnull (strstr (skip->reason, "No price yet for"));
      else if (skip->customer_id == no_services)
        g_assert_cmpstr (skip->reason, ==, "No services assigned");
      else
        g_assert_not_reached ();
      g_assert_nonnull (skip->customer_name);
    }

  /* All or nothing per customer: the skipped have no contract and no parts */
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM contracts", NULL), ==, 1);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM contract_parts", NULL), ==, 3);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM contracts WHERE interval = 'quarterly'"
                                                 " AND start_date = '2026-12-01'", NULL), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pacta_context_get_contracts (f->context))), ==, 1);
}

static void
test_catalog_import (Fixture       *f,
                     gconstpointer  data)
{
  static const char *bad[][2] = {
    { "usage_key,name,price\nworkstations,Workstations,12,5\n", "line 2: expected 3 fields" },
    { "usage_key,name,price\nworkstations,Workstations,twelve\n", "line 2, column 3 (price)" },
    { "usage_key,name,price\nworkstations,Workstations,1.23456\n", "line 2, column 3 (price)" },
    { "usage_key,name,price\nworkstations,,12\n", "line 2, column 2 (name): Required" },
    { "name,price\nX,1\n", "usage_key or sku" },
    { "usage_key,name,price,colour\nx,X,1,red\n", "unknown column “colour”" },
    { "usage_key,name,price,taxable\nx,X,1,perhaps\n", "column 4 (taxable)" },
  };
  g_autoptr(GError) error = NULL;
  PactaCatalogImportReport report;
  const char *good = "usage_key,name,unit,price,cost,taxable,sku\n"
                     "workstations,Puestos de trabajo,workload,12.5,4,yes,WS-1\n"
                     ",Hourly support,hour,45,20,no,SUP-H\n";
  g_autoptr(GBytes) bytes = g_bytes_new (good, strlen (good));
  gint64 before;

  g_assert_true (pacta_import_catalog_bytes (f->db, bytes, "catalog.csv", &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.updated, ==, 1);
  g_assert_cmpuint (report.created, ==, 1);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT price FROM catalog_items WHERE usage_key = 'workstations'", NULL), ==, 125000);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM catalog_items WHERE sku = 'SUP-H' AND taxable = 0"
                                                 " AND unit = 'hour' AND price = 450000", NULL), ==, 1);

  /* Again: matched by usage key, else SKU; nothing duplicated */
  g_assert_true (pacta_import_catalog_bytes (f->db, bytes, "catalog.csv", &report, &error));
  g_assert_cmpuint (report.updated, ==, 2);
  g_assert_cmpuint (report.created, ==, 0);

  before = pacta_database_count (f->db, "SELECT sum(coalesce(price, 0)) + count(*) FROM catalog_items", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) b = g_bytes_new (bad[i][0], strlen (bad[i][0]));

      g_assert_false (pacta_import_catalog_bytes (f->db, b, "catalog.csv", &report, &error));
      g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE);
      if (strstr (error->message, bad[i][1]) == NULL)
        g_error ("“%s” does not contain “%s”", error->message, bad[i][1]);
      g_clear_error (&error);
    }
  g_assert_cmpint (pacta_database_count (f->db, "SELECT sum(coalesce(price, 0)) + count(*) FROM catalog_items", NULL), ==, before);
}

static void
test_catalog_item_rules (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(PactaCatalogItem) item = pacta_catalog_item_new ();
  g_autoptr(PactaCatalogItem) twin = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (pacta_catalog_item_save (f->db, item, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  g_object_set (item, "name", "Firewall", "unit", "piece", "sku", "FW-1", "has-price", TRUE, "price", (gint64)-1, NULL);
  g_assert_false (pacta_catalog_item_save (f->db, item, &error));
  g_clear_error (&error);

  pacta_catalog_item_set_price (item, 990000);
  g_assert_true (pacta_catalog_item_save (f->db, item, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pacta_catalog_item_get_id (item), >, 0);

  twin = pacta_catalog_item_copy (item);
  pacta_catalog_item_set_id (twin, 0);
  g_assert_false (pacta_catalog_item_save (f->db, twin, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "SKU"));
}

static void
test_money (Fixture       *f,
            gconstpointer  data)
{
  /* No overflow for big quantity × price before dividing */
  g_assert_cmpint (pacta_money_mul_div (G_GINT64_CONSTANT (100000000000), G_GINT64_CONSTANT (100000000000), 10000),
                   ==, G_GINT64_CONSTANT (1000000000000000000));
  g_assert_cmpint (pacta_money_mul_div (5, 1, 10), ==, 1);
  g_assert_cmpint (pacta_money_mul_div (-5, 1, 10), ==, -1);
  g_assert_cmpint (pacta_money_mul_div (4, 1, 10), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/pacta/contracts/status-by-dates", Fixture, NULL, pacta_test_platform_set_up, test_status_by_dates, pacta_test_context_tear_down);
  g_test_add ("/pacta/contracts/default-parts", Fixture, NULL, pacta_test_platform_set_up, test_default_parts, pacta_test_context_tear_down);
  g_test_add ("/pacta/contracts/validation", Fixture, NULL, pacta_test_platform_set_up, test_validation, pacta_test_context_tear_down);
  g_test_add ("/pacta/contracts/gate-and-create", Fixture, NULL, pacta_test_platform_set_up, test_gate_and_create, pacta_test_context_tear_down);
  g_test_add ("/pacta/contracts/missing-count", Fixture, NULL, pacta_test_platform_set_up, test_missing_count, pacta_test_context_tear_down);
  g_test_add ("/pacta/contracts/bulk", Fixture, NULL, pacta_test_platform_set_up, test_bulk, pacta_test_context_tear_down);
  g_test_add ("/pacta/contracts/catalog-import", Fixture, NULL, pacta_test_platform_set_up, test_catalog_import, pacta_test_context_tear_down);
  g_test_add ("/pacta/contracts/catalog-item-rules", Fixture, NULL, pacta_test_platform_set_up, test_catalog_item_rules, pacta_test_context_tear_down);
  g_test_add ("/pacta/contracts/money", Fixture, NULL, pacta_test_platform_set_up, test_money, pacta_test_context_tear_down);

  return g_test_run ();
}
