/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-import.c: the platform's tenant and usage listings, good and bad */
#include <glib/gstdio.h>

#include "pacta-customer-store.h"
#include "pacta-database.h"
#include "pacta-error.h"
#include "pacta-import.h"
#include "pacta-test-util.h"

typedef struct
{
  char          *dir;
  char          *path;
  PactaDatabase *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = pacta_test_make_dir ();
  f->path = g_build_filename (f->dir, "pacta.sqlite", NULL);
  f->db = pacta_database_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  pacta_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 n = pacta_database_count (f->db, sql, &error);

  g_assert_no_error (error);
  return n;
}

static gint64
quantity_of (Fixture    *f,
             const char *tenant,
             const char *key)
{
  sqlite3_stmt *stmt = pacta_database_prepare (f->db,
                                               "SELECT s.quantity FROM customer_services s"
                                               " JOIN customers c ON c.id = s.customer_id"
                                               " JOIN catalog_items i ON i.id = s.catalog_item_id"
                                               " WHERE c.tenant_id = ?1 AND i.usage_key = ?2", NULL);
  gint64 q = -1;

  sqlite3_bind_text (stmt, 1, tenant, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    q = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return q;
}

static gboolean
import_text (Fixture            *f,
             const char         *tenants,
             const char         *usages,
             PactaImportReport  *report,
             GError            **error)
{
  g_autoptr(GBytes) t = tenants ? g_bytes_new (tenants, strlen (tenants)) : NULL;
  g_autoptr(GBytes) u = usages ? g_bytes_new (usages, strlen (usages)) : NULL;

  return pacta_import_platform_bytes (f->db, t, "tenants.json", u, "usages.json",
                                      NULL, NULL, report, error);
}

static void
import_demo (Fixture           *f,
             PactaImportReport *report)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) tenants = pacta_test_demo_bytes ("tenants.json");
  g_autoptr(GBytes) usages = pacta_test_demo_bytes ("usages.json");

  g_assert_true (pacta_import_platform_bytes (f->db, tenants, "tenants.json", usages, "usages.json",
                                              NULL, NULL, report, &error));
  g_assert_no_error (error);
}

static void
on_progress (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  *last = fraction;
}

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(PactaImportReport) report = pacta_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *tenants_path = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "tenants.json", NULL);
  g_autofree char *usages_path = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "usages.json", NULL);
  g_autoptr(GFile) tenants = g_file_new_for_path (tenants_path);
  g_autoptr(GFile) usages = g_file_new_for_path (usages_path);
  double last = -1;

  g_assert_true (pacta_import_platform (f->db, tenants, usages, on_progress, &last, report, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);

  g_assert_cmpuint (report->customers_created, ==, 40);
  g_assert_cmpuint (report->customers_updated, ==, 0);
  g_assert_cmpuint (report->tenants_skipped, ==, 4);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (report->skipped_by_kind, "folder")), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (report->skipped_by_kind, "partner")), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (report->skipped_by_kind, "unit")), ==, 1);
  /* 106 usages, one of them zero (customer 11's mobiles) */
  g_assert_cmpuint (report->services_created, ==, 105);

  g_assert_cmpint (count (f, "SELECT count(*) FROM customers"), ==, 40);
  g_assert_cmpint (count (f, "SELECT count(*) FROM customers WHERE enabled = 0"), ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM customers c WHERE EXISTS"
                             " (SELECT 1 FROM customer_services s WHERE s.customer_id = c.id)"), ==, 34);
  g_assert_cmpint (count (f, "SELECT count(*) FROM customers WHERE name = 'Talleres Núñez S.L.'"
                             " AND tenant_id = 'c0570000-2026-4a00-8b00-000000000001'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM catalog_items WHERE price IS NULL"), ==,
                   count (f, "SELECT count(*) FROM catalog_items"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM catalog_items WHERE usage_key = 'storage' AND unit = 'GB'"), ==, 1);

  /* Storage arrives in bytes and is kept in GB (10^9 bytes), to 1/10000 */
  g_assert_cmpint (quantity_of (f, "c0570000-2026-4a00-8b00-000000000001", "storage"), ==, 5368709);
  g_assert_cmpint (quantity_of (f, "c0570000-2026-4a00-8b00-000000000001", "workstations"), ==, 140000);
  g_assert_cmpint (quantity_of (f, "c0570000-2026-4a00-8b00-000000000011", "mobiles"), ==, -1);
}

static void
test_reimport_is_idempotent (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(PactaImportReport) report = pacta_import_report_new ();
  gint64 revisions;

  import_demo (f, report);
  revisions = count (f, "SELECT sum(revision) FROM customers");

  import_demo (f, report);
  g_assert_cmpuint (report->customers_created, ==, 0);
  g_assert_cmpuint (report->customers_updated, ==, 0);
  g_assert_cmpuint (report->customers_unchanged, ==, 40);
  g_assert_cmpuint (report->services_created, ==, 0);
  g_assert_cmpuint (report->services_updated, ==, 0);
  g_assert_cmpuint (report->services_removed, ==, 0);
  g_assert_cmpuint (report->catalog_items_created, ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM customers"), ==, 40);
  g_assert_cmpint (count (f, "SELECT count(*) FROM customer_services"), ==, 105);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contacts"), ==, 40);
  /* Nothing changed, so no row was touched */
  g_assert_cmpint (count (f, "SELECT sum(revision) FROM customers"), ==, revisions);
}

static void
test_reimport_updates (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PactaImportReport) report = pacta_import_report_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (import_text (f,
                              "{\"items\": ["
                              " {\"id\": \"t1\", \"name\": \"Old Name\", \"kind\": \"customer\", \"enabled\": true},"
                              " {\"id\": \"t2\", \"name\": \"Stays\", \"kind\": \"customer\"},"
                              " {\"id\": \"p1\", \"name\": \"Reseller\", \"kind\": \"partner\"}]}",
                              "{\"items\": ["
                              " {\"tenant\": \"t1\", \"usages\": ["
                              "   {\"usage_name\": \"workstations\", \"value\": 5, \"measurement_unit\": \"quantity\"},"
                              "   {\"usage_name\": \"servers\", \"value\": 1}]},"
                              " {\"tenant\": \"p1\", \"usages\": [{\"usage_name\": \"servers\", \"value\": 9}]}]}",
                              report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->customers_created, ==, 2);
  g_assert_cmpuint (report->services_created, ==, 2);
  g_assert_cmpuint (report->usages_skipped, ==, 1);

  /* Renamed, disabled, one service more, one gone, one changed */
  g_assert_true (import_text (f,
                              "{\"items\": ["
                              " {\"id\": \"t1\", \"name\": \"New Name\", \"kind\": \"customer\", \"enabled\": false},"
                              " {\"id\": \"t2\", \"name\": \"Stays\", \"kind\": \"customer\"}]}",
                              "{\"items\": ["
                              " {\"tenant\": \"t1\", \"usages\": ["
                              "   {\"usage_name\": \"workstations\", \"edition\": \"standard\", \"value\": 6},"
                              "   {\"usage_name\": \"workstations\", \"edition\": \"advanced\", \"value\": 2},"
                              "   {\"usage_name\": \"vms\", \"value\": 3}]}]}",
                              report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->customers_created, ==, 0);
  g_assert_cmpuint (report->customers_updated, ==, 1);
  g_assert_cmpuint (report->customers_unchanged, ==, 1);
  g_assert_cmpuint (report->services_created, ==, 1);
  g_assert_cmpuint (report->services_updated, ==, 1);
  g_assert_cmpuint (report->services_removed, ==, 1);

  g_assert_cmpint (count (f, "SELECT count(*) FROM customers"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM customers WHERE tenant_id = 't1' AND name = 'New Name' AND enabled = 0"), ==, 1);
  /* Editions of the same service add up */
  g_assert_cmpint (quantity_of (f, "t1", "workstations"), ==, 80000);
  g_assert_cmpint (quantity_of (f, "t1", "vms"), ==, 30000);
  g_assert_cmpint (quantity_of (f, "t1", "servers"), ==, -1);
}

/* The customer's external id, or NULL */
static char *
external_id_of (Fixture    *f,
                const char *tenant)
{
  sqlite3_stmt *stmt = pacta_database_prepare (f->db, "SELECT external_id FROM customers WHERE tenant_id = ?1", NULL);
  char *text = NULL;

  sqlite3_bind_text (stmt, 1, tenant, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

static void
assert_external_id (Fixture    *f,
                    const char *tenant,
                    const char *expected)
{
  g_autofree char *external_id = external_id_of (f, tenant);

  g_assert_cmpstr (external_id, ==, expected);
}

/* The tenant's "customer_id" (the MSP's own reference) is the customer's
 * external id: empty, blank or absent is none; a change to it updates the
 * customer, the same value leaves it alone */
static void
test_external_id (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PactaImportReport) report = pacta_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaCustomer) customer = NULL;
  gint64 revision;

  g_assert_true (import_text (f,
                              "{\"items\": ["
                              " {\"id\": \"t1\", \"name\": \"Uno\", \"kind\": \"customer\", \"customer_id\": \" ACC-0001 \"},"
                              " {\"id\": \"t2\", \"name\": \"Dos\", \"kind\": \"customer\", \"customer_id\": \"\"},"
                              " {\"id\": \"t3\", \"name\": \"Tres\", \"kind\": \"customer\"},"
                              " {\"id\": \"t4\", \"name\": \"Cuatro\", \"kind\": \"customer\", \"customer_id\": null},"
                              " {\"id\": \"t5\", \"name\": \"Cinco\", \"kind\": \"customer\", \"customer_id\": \"  \"}]}",
                              NULL, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->customers_created, ==, 5);
  assert_external_id (f, "t1", "ACC-0001");
  assert_external_id (f, "t2", NULL);
  assert_external_id (f, "t3", NULL);
  assert_external_id (f, "t4", NULL);
  assert_external_id (f, "t5", NULL);

  /* The store hands it out with the customer */
  customer = pacta_customer_store_load (f->db, pacta_test_customer_by_tenant (f->db, "t1"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pacta_customer_get_external_id (customer), ==, "ACC-0001");
  g_clear_object (&customer);
  customer = pacta_customer_store_load (f->db, pacta_test_customer_by_tenant (f->db, "t2"), &error);
  g_assert_no_error (error);
  g_assert_null (pacta_customer_get_external_id (customer));

  revision = count (f, "SELECT revision FROM customers WHERE tenant_id = 't2'");

  /* Changed on t1, set on t3, the same (none) on the others */
  g_assert_true (import_text (f,
                              "{\"items\": ["
                              " {\"id\": \"t1\", \"name\": \"Uno\", \"kind\": \"customer\", \"customer_id\": \"ACC-0002\"},"
                              " {\"id\": \"t2\", \"name\": \"Dos\", \"kind\": \"customer\", \"customer_id\": \"\"},"
                              " {\"id\": \"t3\", \"name\": \"Tres\", \"kind\": \"customer\", \"customer_id\": \"ACC-0003\"},"
                              " {\"id\": \"t4\", \"name\": \"Cuatro\", \"kind\": \"customer\"},"
                              " {\"id\": \"t5\", \"name\": \"Cinco\", \"kind\": \"customer\", \"customer_id\": \"\"}]}",
                              NULL, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->customers_created, ==, 0);
  g_assert_cmpuint (report->customers_updated, ==, 2);
  g_assert_cmpuint (report->customers_unchanged, ==, 3);
  assert_external_id (f, "t1", "ACC-0002");
  assert_external_id (f, "t2", NULL);
  assert_external_id (f, "t3", "ACC-0003");
  assert_external_id (f, "t4", NULL);
  assert_external_id (f, "t5", NULL);
  g_assert_cmpint (count (f, "SELECT revision FROM customers WHERE tenant_id = 't2'"), ==, revision);

  /* Taken away on the platform: taken away here */
  g_assert_true (import_text (f,
                              "{\"items\": ["
                              " {\"id\": \"t1\", \"name\": \"Uno\", \"kind\": \"customer\"},"
                              " {\"id\": \"t3\", \"name\": \"Tres\", \"kind\": \"customer\", \"customer_id\": \"ACC-0003\"}]}",
                              NULL, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->customers_updated, ==, 1);
  g_assert_cmpuint (report->customers_unchanged, ==, 1);
  assert_external_id (f, "t1", NULL);
  assert_external_id (f, "t3", "ACC-0003");
}

typedef struct
{
  const char *name;
  const char *tenants;
  const char *usages;
  const char *expected;   /* a fragment the message must contain */
} BadCase;

static const BadCase bad_cases[] = {
  { "not-json", "{\"items\": [", NULL, "tenants.json: not valid JSON" },
  { "garbage", "hello", NULL, "tenants.json: not valid JSON" },
  { "empty", "", NULL, "the file is empty" },
  { "root-array", "[]", NULL, "expected an object with an “items” list" },
  { "no-items", "{\"data\": []}", NULL, "tenants.json: items: this field is required" },
  { "items-not-list", "{\"items\": {}}", NULL, "items: expected a list" },
  { "item-not-object", "{\"items\": [1]}", NULL, "items[0]: expected an object" },
  { "missing-id", "{\"items\": [{\"name\": \"A\", \"kind\": \"customer\"}]}", NULL, "items[0].id: this field is required" },
  { "empty-id", "{\"items\": [{\"id\": \" \", \"name\": \"A\", \"kind\": \"customer\"}]}", NULL, "items[0].id: this field must not be empty" },
  { "duplicate-id", "{\"items\": [{\"id\": \"a\", \"name\": \"A\", \"kind\": \"customer\"},"
                    " {\"id\": \"a\", \"name\": \"B\", \"kind\": \"customer\"}]}", NULL, "items[1].id: the id “a” appears more than once" },
  { "name-number", "{\"items\": [{\"id\": \"a\", \"name\": 7, \"kind\": \"customer\"}]}", NULL, "items[0].name: expected text" },
  { "enabled-string", "{\"items\": [{\"id\": \"a\", \"name\": \"A\", \"kind\": \"customer\", \"enabled\": \"yes\"}]}", NULL, "items[0].enabled: expected true or false" },
  { "contact-not-object", "{\"items\": [{\"id\": \"a\", \"name\": \"A\", \"kind\": \"customer\", \"contact\": []}]}", NULL, "items[0].contact: expected an object" },
  { "bad-email", "{\"items\": [{\"id\": \"a\", \"name\": \"A\", \"kind\": \"customer\", \"contact\": {\"email\": \"nobody\"}}]}", NULL, "items[0].contact.email: not an email address" },
  { "control-chars", "{\"items\": [{\"id\": \"a\", \"name\": \"A\\u0007B\", \"kind\": \"customer\"}]}", NULL, "items[0].name: contains control characters" },
  { "invalid-utf8", "{\"items\": [{\"id\": \"a\", \"name\": \"\xc3\x28\", \"kind\": \"customer\"}]}", NULL, "line 1, column 33: the text is not valid UTF-8" },
  /* json-glib would keep only "A": refused, not cut */
  { "escaped-nul", "{\"items\": [{\"id\": \"a\", \"name\": \"A\\u0000B\", \"kind\": \"customer\"}]}", NULL, "line 1, column 34: a text holds a NUL character" },
  { "usage-unknown-tenant", NULL, "{\"items\": [{\"tenant\": \"ghost\", \"usages\": [{\"usage_name\": \"vms\", \"value\": 1}]}]}", "usages.json: items[0].tenant: unknown tenant “ghost”" },
  { "usage-negative", "{\"items\": [{\"id\": \"a\", \"name\": \"A\", \"kind\": \"customer\"}]}",
                      "{\"items\": [{\"tenant\": \"a\", \"usages\": [{\"usage_name\": \"vms\", \"value\": -1}]}]}", "items[0].usages[0].value: must not be negative" },
  { "usage-string-value", NULL, "{\"items\": [{\"tenant\": \"a\", \"usages\": [{\"usage_name\": \"vms\", \"value\": \"3\"}]}]}", "items[0].usages[0].value: expected a number" },
  { "usage-no-name", NULL, "{\"items\": [{\"tenant\": \"a\", \"usages\": [{\"value\": 3}]}]}", "items[0].usages[0].usage_name: this field is required" },
  { "usage-duplicate-tenant", NULL, "{\"items\": [{\"tenant\": \"a\", \"usages\": []}, {\"tenant\": \"a\", \"usages\": []}]}", "items[1].tenant: the tenant “a” appears more than once" },
  { "usages-not-list", NULL, "{\"items\": [{\"tenant\": \"a\", \"usages\": 5}]}", "items[0].usages: expected a list" },
};

/* Each bad file is refused with where and why, and the database file is
 * byte-for-byte what it was. */
static void
test_bad_file (Fixture       *f,
               gconstpointer  data)
{
  const BadCase *c = data;
  g_autoptr(PactaImportReport) report = pacta_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  import_demo (f, report);
  g_clear_object (&f->db);
  before = pacta_test_file_checksum (f->path);

  f->db = pacta_database_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (import_text (f, c->tenants, c->usages, report, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE);
  if (strstr (error->message, c->expected) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, c->expected);
  g_assert_cmpuint (report->customers_created, ==, 0);
  g_clear_object (&f->db);

  after = pacta_test_file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_name_too_long (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PactaImportReport) report = pacta_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new ("{\"items\": [{\"id\": \"a\", \"kind\": \"customer\", \"name\": \"");
  g_autoptr(GString) ok_json = NULL;

  /* 255 characters (not bytes) is the limit: ñ is two bytes */
  for (guint i = 0; i < 255; i++)
    g_string_append (json, "ñ");
  ok_json = g_string_new (json->str);
  g_string_append (ok_json, "\"}]}");
  g_assert_true (import_text (f, ok_json->str, NULL, report, &error));
  g_assert_no_error (error);

  g_string_append (json, "x\"}]}");
  g_assert_false (import_text (f, json->str, NULL, report, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE);
  g_assert_nonnull (strstr (error->message, "items[0].name: longer than the limit of 255 characters"));
}

static void
test_too_deep (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PactaImportReport) report = pacta_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new ("{\"items\": ");

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (json, '[');
  g_assert_false (import_text (f, json->str, NULL, report, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE);
  g_assert_nonnull (strstr (error->message, "nested too deeply"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM customers"), ==, 0);
}

static void
test_missing_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PactaImportReport) report = pacta_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/tenants.json");

  g_assert_false (pacta_import_platform (f->db, file, NULL, NULL, NULL, report, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE);
  g_assert_nonnull (strstr (error->message, "/nonexistent/tenants.json"));
}

static void
test_report_text (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PactaImportReport) report = pacta_import_report_new ();
  g_autofree char *text = NULL;

  import_demo (f, report);
  text = pacta_import_report_describe (report);
  g_assert_nonnull (strstr (text, "40 customers created"));
  g_assert_nonnull (strstr (text, "1 tenant skipped (kind “partner”)"));
  g_assert_nonnull (strstr (text, "2 tenants skipped (kind “folder”)"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/pacta/import/demo", Fixture, NULL, fixture_set_up, test_demo, fixture_tear_down);
  g_test_add ("/pacta/import/reimport-is-idempotent", Fixture, NULL, fixture_set_up, test_reimport_is_idempotent, fixture_tear_down);
  g_test_add ("/pacta/import/reimport-updates", Fixture, NULL, fixture_set_up, test_reimport_updates, fixture_tear_down);
  g_test_add ("/pacta/import/external-id", Fixture, NULL, fixture_set_up, test_external_id, fixture_tear_down);
  g_test_add ("/pacta/import/name-too-long", Fixture, NULL, fixture_set_up, test_name_too_long, fixture_tear_down);
  g_test_add ("/pacta/import/too-deep", Fixture, NULL, fixture_set_up, test_too_deep, fixture_tear_down);
  g_test_add ("/pacta/import/missing-file", Fixture, NULL, fixture_set_up, test_missing_file, fixture_tear_down);
  g_test_add ("/pacta/import/report-text", Fixture, NULL, fixture_set_up, test_report_text, fixture_tear_down);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pacta/import/bad-file/%s", bad_cases[i].name);

      g_test_add (path, Fixture, &bad_cases[i], fixture_set_up, test_bad_file, fixture_tear_down);
    }

  return g_test_run ();
}
