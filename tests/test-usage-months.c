/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-usage-months.c: closing a month's usage from the platform's usage report, and billing from it */
#include <json-glib/json-glib.h>

#include "pacta-backup.h"
#include "pacta-billing-run.h"
#include "pacta-error.h"
#include "pacta-test-util.h"
#include "pacta-usage-months.h"

typedef PactaTestContext Fixture;

#define FIRST   "c0570000-2026-4a00-8b00-000000000001"
#define SECOND  "c0570000-2026-4a00-8b00-000000000002"
#define PARTNER "ba5e0000-2026-4a00-8b00-000000000001"
#define UNKNOWN "dead0000-2026-4a00-8b00-000000000001"

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  return node;
}

/* The first customer's workstations in two rows (another edition and
 * infrastructure), its storage in bytes and servers at 0; the second
 * customer's servers and a service the catalog does not know; a partner
 * and a tenant Pacta has never seen */
static const char first_report[] =
  "{\"items\": ["
  " {\"tenant\": \"" FIRST "\", \"usages\": ["
  "   {\"name\": \"workstations\", \"usage_name\": \"workstations\", \"edition\": \"standard\", \"value\": 14,"
  "    \"measurement_unit\": \"quantity\", \"infra_id\": \"a\"},"
  "   {\"name\": \"workstations\", \"usage_name\": \"workstations\", \"edition\": \"advanced\", \"value\": 3,"
  "    \"measurement_unit\": \"quantity\", \"infra_id\": \"b\"},"
  "   {\"name\": \"storage\", \"usage_name\": \"storage\", \"value\": 536870912000, \"measurement_unit\": \"bytes\"},"
  "   {\"name\": \"servers\", \"usage_name\": \"servers\", \"value\": 0, \"measurement_unit\": \"quantity\"}]},"
  " {\"tenant\": \"" SECOND "\", \"usages\": ["
  "   {\"name\": \"servers\", \"usage_name\": \"servers\", \"value\": 2, \"measurement_unit\": \"quantity\"},"
  "   {\"name\": \"gizmos\", \"usage_name\": \"gizmos\", \"value\": 4, \"measurement_unit\": \"quantity\"}]},"
  " {\"tenant\": \"" PARTNER "\", \"usages\": ["
  "   {\"name\": \"workstations\", \"usage_name\": \"workstations\","
  "  \"value\": 5, \"measurement_unit\": \"quantity\"}]},"
  " {\"tenant\": \"" UNKNOWN "\", \"usages\": ["
  "   {\"name\": \"workstations\", \"usage_name\": \"workstations\","
  "  \"value\": 1, \"measurement_unit\": \"quantity\"}]}"
  "]}";

/* A month's quantity, or -1 when it has none */
static gint64
quantity (Fixture    *f,
          const char *month,
          const char *tenant,
          const char *usage_key)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (pacta_database_get_handle (f->db),
                                       "SELECT q.quantity FROM usage_month_quantities q"
                                       " JOIN customers c ON c.id = q.customer_id"
                                       " JOIN catalog_items i ON i.id = q.catalog_item_id"
                                       " WHERE q.month = ?1 AND c.tenant_id = ?2 AND i.usage_key = ?3",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, month, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, tenant, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, usage_key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
close_month (Fixture               *f,
             const char            *month,
             const char            *json,
             const char            *report_id,
             PactaUsageCloseReport *out)
{
  g_autoptr(JsonNode) report = parse (json);
  g_autoptr(GError) error = NULL;

  g_assert_true (pacta_usage_month_close (f->db, month, report, "report.json", report_id, out, &error));
  g_assert_no_error (error);
}

static void
test_close (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(PactaUsageCloseReport) out = pacta_usage_close_report_new ();
  g_autofree char *closed_at = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) months = NULL;
  gint64 items = pacta_database_count (f->db, "SELECT count(*) FROM catalog_items", NULL);

  pacta_test_set_clock ("Europe/Madrid", "2026-12-02T10:00:00+01:00");
  g_assert_false (pacta_usage_month_is_closed (f->db, "2026-11", NULL, NULL));
  close_month (f, "2026-11", first_report, "r-1", out);

  g_assert_cmpstr (out->month, ==, "2026-11");
  g_assert_false (out->replaced);
  g_assert_cmpuint (out->customers, ==, 2);
  g_assert_cmpuint (out->quantities, ==, 4);
  g_assert_cmpuint (out->quantities_added, ==, 4);
  g_assert_cmpuint (out->quantities_changed, ==, 0);
  g_assert_cmpuint (out->quantities_removed, ==, 0);
  g_assert_cmpuint (out->tenants_skipped, ==, 1);
  g_assert_cmpuint (out->tenants_unknown, ==, 1);
  g_assert_cmpuint (out->catalog_items_created, ==, 1);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM catalog_items", NULL), ==, items + 1);

  /* Two rows of one usage add up; bytes are kept in GB; a usage at 0 is no row */
  g_assert_cmpint (quantity (f, "2026-11", FIRST, "workstations"), ==, 170000);
  g_assert_cmpint (quantity (f, "2026-11", FIRST, "storage"), ==, 5368709);
  g_assert_cmpint (quantity (f, "2026-11", FIRST, "servers"), ==, -1);
  g_assert_cmpint (quantity (f, "2026-11", SECOND, "servers"), ==, 20000);
  g_assert_cmpint (quantity (f, "2026-11", SECOND, "gizmos"), ==, 40000);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM usage_month_quantities", NULL), ==, 4);

  /* Closed now, by the app's clock, in UTC */
  g_assert_true (pacta_usage_month_is_closed (f->db, "2026-11", &closed_at, NULL));
  g_assert_cmpstr (closed_at, ==, "2026-12-02T09:00:00Z");
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM usage_months WHERE report_id = 'r-1'", NULL),
                   ==, 1);
  months = pacta_usage_months_list (f->db, NULL);
  g_assert_cmpuint (g_strv_length (months), ==, 1);
  g_assert_cmpstr (months[0], ==, "2026-11");

  text = pacta_usage_close_report_describe (out);
  g_assert_cmpstr (text, ==,
                   "November 2026 closed: usage of 2 customers kept.\n"
                   "1 tenant of another kind skipped.\n"
                   "1 tenant is not a customer in Pacta yet: sync customers, then close the month again.\n"
                   "1 new catalog item, without a price yet");
}

static void
test_close_again (Fixture       *f,
                  gconstpointer  data)
{
  /* The first customer's workstations change and its storage goes; the
   * second's servers stay and its VMs are new */
  static const char second_report[] =
    "{\"items\": ["
    " {\"tenant\": \"" FIRST "\", \"usages\": ["
    "   {\"name\": \"workstations\", \"usage_name\": \"workstations\","
    "  \"value\": 20, \"measurement_unit\": \"quantity\"}]},"
    " {\"tenant\": \"" SECOND "\", \"usages\": ["
    "   {\"name\": \"servers\", \"usage_name\": \"servers\", \"value\": 2, \"measurement_unit\": \"quantity\"},"
    "   {\"name\": \"gizmos\", \"usage_name\": \"gizmos\", \"value\": 4, \"measurement_unit\": \"quantity\"},"
    "   {\"name\": \"vms\", \"usage_name\": \"vms\", \"value\": 1, \"measurement_unit\": \"quantity\"}]}"
    "]}";
  g_autoptr(PactaUsageCloseReport) out = pacta_usage_close_report_new ();
  g_autofree char *closed_at = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) months = NULL;

  pacta_test_set_clock ("Europe/Madrid", "2026-12-02T10:00:00+01:00");
  close_month (f, "2026-11", first_report, "r-1", NULL);
  /* Another month stays as it is */
  close_month (f, "2026-10", first_report, "r-0", NULL);

  pacta_test_set_clock ("Europe/Madrid", "2026-12-03T18:30:00+01:00");
  close_month (f, "2026-11", second_report, "r-2", out);
  g_assert_true (out->replaced);
  g_assert_cmpuint (out->customers, ==, 2);
  g_assert_cmpuint (out->quantities, ==, 4);
  g_assert_cmpuint (out->quantities_changed, ==, 1);
  g_assert_cmpuint (out->quantities_added, ==, 1);
  g_assert_cmpuint (out->quantities_removed, ==, 1);
  g_assert_cmpuint (out->tenants_skipped, ==, 0);
  g_assert_cmpuint (out->tenants_unknown, ==, 0);

  g_assert_cmpint (quantity (f, "2026-11", FIRST, "workstations"), ==, 200000);
  g_assert_cmpint (quantity (f, "2026-11", FIRST, "storage"), ==, -1);
  g_assert_cmpint (quantity (f, "2026-11", SECOND, "servers"), ==, 20000);
  g_assert_cmpint (quantity (f, "2026-11", SECOND, "vms"), ==, 10000);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM usage_month_quantities WHERE month = '2026-11'",
                                         NULL), ==, 4);
  g_assert_cmpint (quantity (f, "2026-10", FIRST, "storage"), ==, 5368709);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM usage_months", NULL), ==, 2);
  g_assert_true (pacta_usage_month_is_closed (f->db, "2026-11", &closed_at, NULL));
  g_assert_cmpstr (closed_at, ==, "2026-12-03T17:30:00Z");
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM usage_months WHERE report_id = 'r-2'", NULL),
                   ==, 1);
  months = pacta_usage_months_list (f->db, NULL);
  g_assert_cmpuint (g_strv_length (months), ==, 2);
  g_assert_cmpstr (months[0], ==, "2026-11");
  g_assert_cmpstr (months[1], ==, "2026-10");

  text = pacta_usage_close_report_describe (out);
  g_assert_cmpstr (text, ==, "November 2026 closed: usage of 2 customers kept.\n"
                             "Closed again: 1 quantity changed, 1 added, 1 removed.");
}

/* A report that can't be read, or fails half-way through the sums, changes
 * nothing: not the month closed before, nor the catalog */
static void
test_bad_report (Fixture       *f,
                 gconstpointer  data)
{
  static const char malformed[] =
    "{\"items\": ["
    " {\"tenant\": \"" FIRST "\", \"usages\": ["
    "   {\"name\": \"workstations\", \"usage_name\": \"workstations\","
    "  \"value\": 20, \"measurement_unit\": \"quantity\"}]},"
    " {\"tenant\": \"" SECOND "\", \"usages\": ["
    "   {\"name\": \"servers\", \"usage_name\": \"servers\", \"value\": \"two\", \"measurement_unit\": \"quantity\"}]}"
    "]}";
  /* A service new to the catalog first, then two rows too large to add up */
  static const char too_large[] =
    "{\"items\": ["
    " {\"tenant\": \"" FIRST "\", \"usages\": ["
    "   {\"name\": \"doohickeys\", \"usage_name\": \"doohickeys\", \"value\": 1, \"measurement_unit\": \"quantity\"},"
    "   {\"name\": \"workstations\", \"usage_name\": \"workstations\", \"value\": 922337203685,"
    "    \"measurement_unit\": \"quantity\", \"infra_id\": \"a\"},"
    "   {\"name\": \"workstations\", \"usage_name\": \"workstations\", \"value\": 922337203685,"
    "    \"measurement_unit\": \"quantity\", \"infra_id\": \"b\"}]}"
    "]}";
  g_autoptr(PactaUsageCloseReport) out = pacta_usage_close_report_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(JsonNode) bad = parse (malformed);
  g_autoptr(JsonNode) large = parse (too_large);
  g_autoptr(JsonNode) good = parse (first_report);
  g_autoptr(GError) error = NULL;

  pacta_test_set_clock ("Europe/Madrid", "2026-12-02T10:00:00+01:00");
  close_month (f, "2026-11", first_report, "r-1", NULL);
  before = pacta_test_sqlite_digest (pacta_database_get_handle (f->db));

  g_assert_false (pacta_usage_month_close (f->db, "2026-11", bad, "report.json", "r-2", out, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE);
  g_assert_nonnull (strstr (error->message, "items[1].usages[0].value"));
  g_clear_error (&error);
  after = pacta_test_sqlite_digest (pacta_database_get_handle (f->db));
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);

  /* The new catalog item was made before the sums failed: gone with them */
  g_assert_false (pacta_usage_month_close (f->db, "2026-11", large, "report.json", "r-2", out, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE);
  g_clear_error (&error);
  g_assert_false (pacta_usage_month_close (f->db, "2026-12", large, "report.json", "r-3", out, &error));
  g_clear_error (&error);
  after = pacta_test_sqlite_digest (pacta_database_get_handle (f->db));
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);

  /* Not a month */
  g_assert_false (pacta_usage_month_close (f->db, "2026-13", good, "report.json", NULL, out, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  after = pacta_test_sqlite_digest (pacta_database_get_handle (f->db));
  g_assert_cmpstr (before, ==, after);
  /* The report says nothing of a close that failed */
  g_assert_null (out->month);
}

static gboolean
check_past_at (const char *month,
               const char *zone,
               const char *instant,
               GError    **error)
{
  g_autoptr(GDateTime) now = NULL;

  pacta_test_set_clock (zone, instant);
  now = pacta_now ();
  return pacta_usage_month_check_past (month, now, error);
}

/* A month can be closed from the first instant of the next one in UTC, as
 * the platform counts, whatever the zone the app's clock is in */
static void
test_check_past (PactaTestDir  *f,
                 gconstpointer  data)
{
  static const char *zones[] = { "Europe/Madrid", "Pacific/Auckland", "Pacific/Pago_Pago", "UTC" };

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      g_autoptr(GError) error = NULL;

      /* The last second of November, UTC: not yet */
      g_assert_false (check_past_at ("2026-11", zones[i], "2026-11-30T23:59:59Z", &error));
      g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
      g_assert_cmpstr (error->message, ==, "2026-11 has not ended yet: its usage can be closed from 2026-12-01 "
                                           "00:00 UTC, when the platform has reported the whole month.");
      g_clear_error (&error);
      /* Already December in Madrid and Auckland, still November in UTC */
      g_assert_false (check_past_at ("2026-11", zones[i], "2026-12-01T00:30:00+01:00", &error));
      g_clear_error (&error);
      g_assert_false (check_past_at ("2026-11", zones[i], "2026-12-01T12:59:59+13:00", &error));
      g_clear_error (&error);
      /* The first instant of December, UTC, however written */
      g_assert_true (check_past_at ("2026-11", zones[i], "2026-12-01T00:00:00Z", &error));
      g_assert_no_error (error);
      g_assert_true (check_past_at ("2026-11", zones[i], "2026-11-30T13:00:00-11:00", &error));
      g_assert_no_error (error);
      g_assert_true (check_past_at ("2026-11", zones[i], "2027-06-30T12:00:00Z", &error));
      g_assert_no_error (error);

      /* December ends with the year */
      g_assert_false (check_past_at ("2026-12", zones[i], "2026-12-31T23:59:59Z", &error));
      g_assert_nonnull (strstr (error->message, "from 2027-01-01 00:00 UTC"));
      g_clear_error (&error);
      g_assert_true (check_past_at ("2026-12", zones[i], "2027-01-01T00:00:00Z", &error));
      g_assert_no_error (error);
      /* A month to come */
      g_assert_false (check_past_at ("2027-03", zones[i], "2027-01-01T00:00:00Z", &error));
      g_clear_error (&error);

      g_assert_false (check_past_at ("November", zones[i], "2027-01-01T00:00:00Z", &error));
      g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
      g_assert_nonnull (strstr (error->message, "YYYY-MM"));
    }
}

/* The second customer, billable, with a contract whose workstations follow
 * usage, at least 5 */
static void
add_usage_contract (Fixture *f)
{
  gint64 customer = pacta_test_customer_by_tenant (f->db, SECOND);
  gint64 item = pacta_database_count (f->db, "SELECT id FROM catalog_items WHERE usage_key = 'workstations'", NULL);
  g_autoptr(PactaBillingInfo) info = g_object_new (PACTA_TYPE_BILLING_INFO, "customer-id", customer,
                                                   "business-name", "Usuario S.L.", "country", "ES",
                                                   "vat-number", "ESA58818501", NULL);
  g_autoptr(PactaContract) contract = g_object_new (PACTA_TYPE_CONTRACT, "customer-id", customer,
                                                    "name", "Managed services", "start-date", "2026-10-01", NULL);
  g_autoptr(GListStore) parts = g_list_store_new (PACTA_TYPE_CONTRACT_PART);
  g_autoptr(PactaContractPart) part = g_object_new (PACTA_TYPE_CONTRACT_PART, "catalog-item-id", item,
                                                    "item-name", "Workstations", "description", "Workstations",
                                                    "quantity", (gint64) 10000, "unit-price", (gint64) 125000,
                                                    "has-price", TRUE, "follow-usage", TRUE,
                                                    "minimum-quantity", (gint64) 50000, NULL);

  g_assert_true (pacta_context_save_billing_info (f->context, info, NULL));
  g_list_store_append (parts, part);
  g_assert_cmpint (pacta_context_create_contract (f->context, contract, G_LIST_MODEL (parts), NULL), >, 0);
}

/* The quantity of the usage-following line the plan bills the second customer */
static gint64
planned_usage (PactaBillingPlan *plan)
{
  for (guint i = 0; i < plan->invoices->len; i++)
    {
      PactaPlannedInvoice *invoice = g_ptr_array_index (plan->invoices, i);

      for (guint k = 0; k < invoice->lines->len; k++)
        {
          PactaPlanLine *line = g_ptr_array_index (invoice->lines, k);

          if (line->follow_usage)
            return line->quantity;
        }
    }
  return -1;
}

static gint64
plan_usage_of (Fixture    *f,
               const char *report)
{
  g_autoptr(PactaBillingPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  close_month (f, "2026-11", report, NULL, NULL);
  plan = pacta_billing_plan (f->db, "2026-11", &error);
  g_assert_no_error (error);
  g_assert_true (plan->usage_closed);
  g_assert_cmpuint (plan->usage_lines, ==, 1);
  return planned_usage (plan);
}

/* A closed month: usage-following parts bill its quantities (at least
 * their minimum), and nothing is asked */
static void
test_bill_closed (Fixture       *f,
                  gconstpointer  data)
{
  static const char seventeen[] =
    "{\"items\": [{\"tenant\": \"" SECOND "\", \"usages\": ["
    " {\"name\": \"workstations\", \"usage_name\": \"workstations\","
    "  \"value\": 17, \"measurement_unit\": \"quantity\"}]}]}";
  static const char three[] =
    "{\"items\": [{\"tenant\": \"" SECOND "\", \"usages\": ["
    " {\"name\": \"workstations\", \"usage_name\": \"workstations\","
    "  \"value\": 3, \"measurement_unit\": \"quantity\"}]}]}";
  static const char none[] =
    "{\"items\": [{\"tenant\": \"" SECOND "\", \"usages\": ["
    " {\"name\": \"servers\", \"usage_name\": \"servers\", \"value\": 3, \"measurement_unit\": \"quantity\"}]}]}";
  g_autoptr(PactaBillingPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = NULL;
  g_autofree char *usage = NULL;

  pacta_test_set_clock ("Europe/Madrid", "2026-12-02T10:00:00+01:00");
  add_usage_contract (f);
  /* Not closed yet: the services' 9 workstations, provisional */
  plan = pacta_billing_plan (f->db, "2026-11", &error);
  g_assert_no_error (error);
  g_assert_false (plan->usage_closed);
  g_assert_cmpint (planned_usage (plan), ==, 90000);
  g_clear_pointer (&plan, pacta_billing_plan_free);

  /* Below the minimum, or not used at all: the minimum */
  g_assert_cmpint (plan_usage_of (f, three), ==, 50000);
  g_assert_cmpint (plan_usage_of (f, none), ==, 50000);
  g_assert_cmpint (plan_usage_of (f, seventeen), ==, 170000);

  plan = pacta_billing_plan (f->db, "2026-11", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (plan->usage_closed_at, ==, "2026-12-02T09:00:00Z");
  g_assert_null (plan->usage_as_of);
  usage = pacta_billing_plan_describe_usage (plan);
  g_assert_cmpstr (usage, ==, "Usage for 2026-11 closed on 2026-12-02 10:00: usage-following parts bill the closed "
                              "usage.");

  g_assert_true (pacta_billing_check (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error));
  g_assert_no_error (error);
  numbers = pacta_billing_commit (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (numbers), ==, 2);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT l.quantity FROM invoice_lines l"
                                                " JOIN contract_parts p ON p.id = l.contract_part_id"
                                                " WHERE p.follow_usage = 1", NULL), ==, 170000);
  /* Nothing provisional to record */
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM usage_confirmations", NULL), ==, 0);
}

/* Not closed: refused with nothing written, unless provisional usage was
 * confirmed, which the run records */
static void
test_bill_provisional (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PactaBillingPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *usage = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GPtrArray) backups_after = NULL;
  gint64 next;

  pacta_test_set_clock ("Europe/Madrid", "2026-12-06T12:00:00+01:00");
  add_usage_contract (f);

  plan = pacta_billing_plan (f->db, "2026-11", &error);
  g_assert_no_error (error);
  g_assert_false (plan->usage_closed);
  g_assert_null (plan->usage_closed_at);
  g_assert_null (plan->usage_as_of);
  g_assert_cmpuint (plan->usage_lines, ==, 1);
  usage = pacta_billing_plan_describe_usage (plan);
  g_assert_cmpstr (usage, ==, "Usage for 2026-11 is not closed: usage-following parts would bill the provisional "
                              "usage, and no usage has been refreshed from the cloud platform.");
  g_clear_pointer (&usage, g_free);
  g_clear_pointer (&plan, pacta_billing_plan_free);

  /* The usage as last refreshed */
  g_assert_true (pacta_database_set_setting (f->db, "platform-usage-at", "2026-12-06T09:30:00Z", NULL));
  plan = pacta_billing_plan (f->db, "2026-11", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (plan->usage_as_of, ==, "2026-12-06T09:30:00Z");
  usage = pacta_billing_plan_describe_usage (plan);
  g_assert_cmpstr (usage, ==, "Usage for 2026-11 is not closed: usage-following parts would bill the provisional "
                              "usage of 2026-12-06 10:30.");

  next = pacta_database_count (f->db, "SELECT next FROM number_sequences WHERE kind = 'invoice'", NULL);
  before = pacta_test_sqlite_digest (pacta_database_get_handle (f->db));
  g_assert_false (pacta_billing_check (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_USAGE_NOT_CLOSED);
  g_clear_error (&error);
  numbers = pacta_billing_commit (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error);
  g_assert_null (numbers);
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_USAGE_NOT_CLOSED);
  g_assert_cmpstr (error->message, ==, "The usage of 2026-11 is not closed: close the month from the cloud platform’s "
                                       "usage report, or confirm billing from the provisional usage of 2026-12-06 "
                                       "10:30.");
  g_clear_error (&error);
  after = pacta_test_sqlite_digest (pacta_database_get_handle (f->db));
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoices", NULL), ==, 0);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT next FROM number_sequences WHERE kind = 'invoice'", NULL),
                   ==, next);
  /* Refused by the context's run before its backup is taken */
  backups = pacta_backup_list (f->db);
  numbers = pacta_context_run_billing (f->context, "2026-11", PACTA_BILLING_FLAGS_NONE, NULL, NULL, NULL, &error);
  g_assert_null (numbers);
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_USAGE_NOT_CLOSED);
  g_clear_error (&error);
  backups_after = pacta_backup_list (f->db);
  g_assert_cmpuint (backups_after->len, ==, backups->len);
  g_clear_pointer (&after, g_free);
  after = pacta_test_sqlite_digest (pacta_database_get_handle (f->db));
  g_assert_cmpstr (before, ==, after);

  /* Confirmed: billed from the services' quantities, and recorded once */
  g_assert_true (pacta_billing_check (f->db, "2026-11", PACTA_BILLING_PROVISIONAL_USAGE, &error));
  g_assert_no_error (error);
  numbers = pacta_billing_commit (f->db, "2026-11", PACTA_BILLING_PROVISIONAL_USAGE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (numbers), ==, 2);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT l.quantity FROM invoice_lines l"
                                                " JOIN contract_parts p ON p.id = l.contract_part_id"
                                                " WHERE p.follow_usage = 1", NULL), ==, 90000);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM usage_confirmations", NULL), ==, 1);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM usage_confirmations WHERE month = '2026-11'"
                                                " AND confirmed_at = '2026-12-06T11:00:00Z'"
                                                " AND usage_as_of = '2026-12-06T09:30:00Z' AND invoices = 2", NULL),
                   ==, 1);
}

/* A run without usage-following parts never asks, and records nothing */
static void
test_bill_without_usage (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(PactaBillingPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = NULL;

  pacta_test_set_clock ("Europe/Madrid", "2026-12-06T12:00:00+01:00");
  plan = pacta_billing_plan (f->db, "2026-11", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->invoices->len, ==, 1);
  g_assert_cmpuint (plan->usage_lines, ==, 0);
  g_assert_false (plan->usage_closed);
  g_assert_null (pacta_billing_plan_describe_usage (plan));

  g_assert_true (pacta_billing_check (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error));
  g_assert_no_error (error);
  numbers = pacta_billing_commit (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (numbers), ==, 1);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM usage_confirmations", NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/pacta/usage-months/close", Fixture, NULL, pacta_test_platform_set_up, test_close,
              pacta_test_context_tear_down);
  g_test_add ("/pacta/usage-months/close-again", Fixture, NULL, pacta_test_platform_set_up, test_close_again,
              pacta_test_context_tear_down);
  g_test_add ("/pacta/usage-months/bad-report", Fixture, NULL, pacta_test_platform_set_up, test_bad_report,
              pacta_test_context_tear_down);
  g_test_add ("/pacta/usage-months/check-past", PactaTestDir, NULL, pacta_test_dir_set_up, test_check_past,
              pacta_test_dir_tear_down);
  g_test_add ("/pacta/usage-months/bill-closed", Fixture, NULL, pacta_test_billable_set_up, test_bill_closed,
              pacta_test_context_tear_down);
  g_test_add ("/pacta/usage-months/bill-provisional", Fixture, NULL, pacta_test_billable_set_up,
              test_bill_provisional, pacta_test_context_tear_down);
  g_test_add ("/pacta/usage-months/bill-without-usage", Fixture, NULL, pacta_test_billable_set_up,
              test_bill_without_usage, pacta_test_context_tear_down);

  return g_test_run ();
}
