/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli.c: the pacta binary's command line — exit codes, output, nothing written on error */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "pacta-test-util.h"

typedef PactaTestFile Fixture;

static JsonObject *
parse_summary (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_summary_keys (Fixture       *f,
                   gconstpointer  data)
{
  static const char *keys[] = {
    "customers", "customers_without_billing_info", "customers_with_services_without_contract",
    "contracts", "tickets_open", "time_entries_pending", "sales_items_draft", "sales_items_pending",
    "sales_items_billed", "invoices", "credit_notes", "usage_closed_months", "last_invoice_number",
    "records_pending", "records_accepted", "records_rejected",
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) summary = NULL;

  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->path, "--summary", NULL), ==, 0);
  summary = parse_summary (out);
  g_assert_cmpuint (json_object_get_size (summary), ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (json_object_has_member (summary, keys[i]));
  g_assert_cmpint (json_object_get_int_member (summary, "customers"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (summary, "usage_closed_months"), ==, 0);
}

static void
test_import_then_summary (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *tenants = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "tenants.json", NULL);
  g_autofree char *usages = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "usages.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(JsonObject) summary = NULL;

  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->path, "--import-tenants", tenants,
                                   "--import-usages", usages, "--summary", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "40 customers created"));
  summary = parse_summary (strchr (out, '{'));
  g_assert_cmpint (json_object_get_int_member (summary, "customers"), ==, 40);
  g_assert_cmpint (json_object_get_int_member (summary, "customers_without_billing_info"), ==, 40);
  /* 34 use services; the disabled one among them is not asked for a contract */
  g_assert_cmpint (json_object_get_int_member (summary, "customers_with_services_without_contract"), ==, 33);

  /* The customer list's order is saved for the window's next start */
  g_assert_cmpint (pacta_test_count_rows (f->path, "SELECT count(*) FROM list_orders WHERE list = 'customers'"
                                  " AND length(positions) = 4 * (SELECT count(*) FROM customers)"), ==, 1);

  /* Twice gives the same customers once, and changes nothing */
  before = pacta_test_file_checksum (f->path);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->path, "--import-tenants", tenants, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "40 customers unchanged"));
  after = pacta_test_file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_bad_file (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *good = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "tenants.json", NULL);
  g_autofree char *bad = pacta_test_write_file (f->dir, "broken.json",
                                                "{\"items\": [{\"id\": \"x\", \"name\": \"Fine\", \"kind\": \"customer\"},\n"
                                                "  {\"id\": \"y\", \"kind\": \"customer\"}]}", -1);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(JsonObject) summary = NULL;

  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->path, "--import-tenants", good, NULL), ==, 0);
  before = pacta_test_file_checksum (f->path);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->path, "--import-tenants", bad, NULL), !=, 0);
  g_assert_nonnull (strstr (err, "broken.json"));
  g_assert_nonnull (strstr (err, "items[1].name: this field is required"));
  after = pacta_test_file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->path, "--summary", NULL), ==, 0);
  summary = parse_summary (out);
  g_assert_cmpint (json_object_get_int_member (summary, "customers"), ==, 40);
}

static void
test_missing_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->path, "--import-usages", "/nonexistent/usages.json", NULL), !=, 0);
  g_assert_nonnull (strstr (err, "/nonexistent/usages.json"));
}

static void
test_bad_database (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *notes = pacta_test_write_file (f->dir, "notes.txt",
                                                  "Not a database at all, just some words that fill more than a header.", -1);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (pacta_test_run (&out, &err, "--database", notes, "--summary", NULL), !=, 0);
  g_assert_nonnull (strstr (err, "notes.txt"));
}

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) summary = NULL;
  g_autofree char *demo = g_build_filename (f->dir, "demo.sqlite", NULL);

  /* --demo with --database names where the demo file lives */
  g_assert_cmpint (pacta_test_run (&out, &err, "--demo", "--database", demo, "--summary", NULL), ==, 0);
  summary = parse_summary (out);
  g_assert_cmpint (json_object_get_int_member (summary, "customers"), ==, 40);
  /* The demo's tickets: four, one closed, three with time waiting */
  g_assert_cmpint (json_object_get_int_member (summary, "tickets_open"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (summary, "time_entries_pending"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (summary, "customers_without_billing_info"), ==, 13);
}

static void
test_import_billing_info (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *demo = g_build_filename (f->dir, "demo.sqlite", NULL);
  g_autofree char *good = pacta_test_write_file (f->dir, "debtors.csv",
                                                 "customer,business_name,country,vat_number\n"
                                                 "c0570000-2026-4a00-8b00-000000000003,\"Gestoría López & Asociados, S.L.\",ES,ESB12345678\n"
                                                 "6,Seis S.L.,ES,\n", -1);
  g_autofree char *bad = pacta_test_write_file (f->dir, "bad.csv",
                                                "customer,business_name,country\n9,Nueve S.L.,ES\n12,Doce S.L.,Spain\n", -1);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) summary = NULL;

  g_assert_cmpint (pacta_test_run (&out, &err, "--demo", "--database", demo, "--import-billing-info", good,
                                   "--summary", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "2 customers got billing information"));
  summary = parse_summary (strchr (out, '{'));
  /* The demo leaves 13 of its 40 customers without billing information */
  g_assert_cmpint (json_object_get_int_member (summary, "customers_without_billing_info"), ==, 11);
  g_clear_pointer (&summary, json_object_unref);

  /* A bad row refuses the whole file: customer 9 gets nothing either */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--demo", "--database", demo, "--import-billing-info", bad, NULL), !=, 0);
  g_assert_nonnull (strstr (err, "bad.csv: line 3, column 3 (country)"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--demo", "--database", demo, "--summary", NULL), ==, 0);
  summary = parse_summary (out);
  g_assert_cmpint (json_object_get_int_member (summary, "customers_without_billing_info"), ==, 11);
}

static void
test_catalog_and_missing_contracts (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *tenants = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "tenants.json", NULL);
  g_autofree char *usages = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "usages.json", NULL);
  g_autofree char *billing = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "billing.csv", NULL);
  g_autofree char *catalog = pacta_test_write_file (f->dir, "prices.csv",
                                                    "usage_key,name,price\n"
                                                    "workstations,Workstations,12.5\nservers,Servers,39.9\n"
                                                    "vms,Virtual machines,29.9\nm365_seats,Microsoft 365 seats,2.4\n"
                                                    "storage,Cloud storage,0.045\n", -1);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) summary = NULL;
  gint64 missing_after;

  /* Everything in the order of the README's Command line table, in one call */
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->path, "--import-tenants", tenants, "--import-usages", usages,
                                   "--import-catalog", catalog, "--import-billing-info", billing,
                                   "--create-missing-contracts", "2026-12-01", "--summary", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "5 catalog items updated"));
  g_assert_nonnull (strstr (out, "contracts created"));
  /* The skipped are listed with their reason */
  g_assert_nonnull (strstr (out, "has no billing information yet"));
  g_assert_nonnull (strstr (out, "No price yet for"));
  summary = parse_summary (strchr (out, '{'));
  g_assert_cmpint (json_object_get_int_member (summary, "contracts"), >, 0);
  missing_after = json_object_get_int_member (summary, "customers_with_services_without_contract");
  g_assert_cmpint (json_object_get_int_member (summary, "contracts") + missing_after, ==, 33);

  /* Running it again creates nothing new for those who have one */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&summary, json_object_unref);
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->path, "--create-missing-contracts", "2026-12-01",
                                   "--summary", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "0 contracts created"));
  summary = parse_summary (strchr (out, '{'));
  g_assert_cmpint (json_object_get_int_member (summary, "customers_with_services_without_contract"), ==, missing_after);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->path, "--create-missing-contracts", "2026-13-01", NULL), !=, 0);
  g_assert_nonnull (strstr (err, "YYYY-MM-DD"));
}

static void
test_confirm_numbering (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->path, "--confirm-numbering",
                                   "--numbering-pattern", "F-{yyyy}-{00000}", "--numbering-next", "318", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "-00318"));

  /* The preview is for today by the app's clock, which PACTA_NOW fixes: in
   * Madrid's zone 23:30 UTC on 31 December is already 2027 */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_setenv ("PACTA_NOW", "2031-12-31T23:30:00Z", TRUE);
  g_setenv ("TZ", "Europe/Madrid", TRUE);
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->path, "--confirm-numbering", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "F-2032-00318"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_setenv ("TZ", "America/New_York", TRUE);
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->path, "--confirm-numbering", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "F-2031-00318"));
  /* Not a time: said, and the real clock is used */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_setenv ("PACTA_NOW", "yesterday", TRUE);
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->path, "--confirm-numbering", NULL), ==, 0);
  g_assert_nonnull (strstr (err, "PACTA_NOW=yesterday is not a time"));
  g_assert_nonnull (strstr (out, "-00318"));
  g_unsetenv ("PACTA_NOW");
  g_setenv ("TZ", "Europe/Madrid", TRUE);

  /* A bad pattern is refused and changes nothing */
  before = pacta_test_file_checksum (f->path);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->path, "--confirm-numbering",
                                   "--numbering-pattern", "F-{yyyy}", NULL), !=, 0);
  g_assert_nonnull (strstr (err, "needs a counter"));
  after = pacta_test_file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);

  /* The options that change it go with the confirmation only */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->path, "--numbering-next", "5", NULL), !=, 0);
  g_assert_nonnull (strstr (err, "--confirm-numbering"));
}

static void
test_billing_run (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *demo = g_build_filename (f->dir, "demo.sqlite", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) summary = NULL;

  g_assert_cmpint (pacta_test_run (&out, &err, "--demo", "--database", demo, "--create-missing-contracts", "2026-10-01",
                                   "--billing-run", "2026-11", "--dry-run", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Billing run for 2026-11, dated 2026-12-01"));
  g_assert_nonnull (strstr (out, "Talleres Núñez S.L."));

  /* Refused while the numbering is unconfirmed */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--demo", "--database", demo, "--billing-run", "2026-11", NULL), !=, 0);
  g_assert_nonnull (strstr (err, "numbering is not confirmed"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--demo", "--database", demo, "--confirm-numbering", "--numbering-next", "318",
                                   "--billing-run", "2026-11", "--provisional-usage", "--summary", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "INV-2026-0318 –"));
  summary = parse_summary (strchr (out, '{'));
  g_assert_cmpint (json_object_get_int_member (summary, "invoices"), >, 0);
  g_assert_cmpstr (json_object_get_string_member (summary, "last_invoice_number"), !=, NULL);

  /* Again: nothing left to bill */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--demo", "--database", demo, "--billing-run", "2026-11", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Nothing to bill: this month was billed already, in "));
  g_assert_nonnull (strstr (out, "(INV-2026-0318 – INV-2026-"));
  g_assert_nonnull (strstr (out, "dated 2026-12-01"));
  /* The dry run says so too */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--demo", "--database", demo, "--billing-run", "2026-11", "--dry-run", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Nothing to bill: this month was billed already"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--demo", "--database", demo, "--billing-run", "November", NULL), !=, 0);
  g_assert_nonnull (strstr (err, "YYYY-MM"));
}

static void
test_export_invoices (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *demo = g_build_filename (f->dir, "demo.sqlite", NULL);
  /* Not there yet, nor its parent: made, private */
  g_autofree char *folder = g_build_filename (f->dir, "accounting", "2026-11", NULL);
  g_autofree char *a_file = pacta_test_write_file (f->dir, "notes.txt", "x", 1);
  g_autofree char *under_file = g_build_filename (a_file, "exports", NULL);
  GStatBuf st;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  const char *exported;
  guint pdfs = 0;
  guint files = 0;

  g_assert_cmpint (pacta_test_run (&out, &err, "--demo", "--database", demo, "--create-missing-contracts", "2026-10-01",
                                   "--confirm-numbering", "--billing-run", "2026-11", "--provisional-usage",
                                   "--export-invoices", folder, NULL), ==, 0);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_nonnull ((exported = strstr (out, "invoices exported to")));
  g_assert_nonnull (strstr (out, "-invoice-lines.csv"));
  g_assert_nonnull (strstr (out, "INV-2026-0001.pdf"));
  /* A PDF per invoice, and the CSV and JSON files */
  while (exported > out && exported[-1] != '\n')
    exported--;
  dir = g_dir_open (folder, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      files++;
      pdfs += g_str_has_suffix (name, ".pdf");
    }
  g_assert_cmpuint (pdfs, >, 0);
  g_assert_cmpuint (pdfs, ==, g_ascii_strtoull (exported, NULL, 10));
  g_assert_cmpuint (files, ==, pdfs + 3);

  /* Nothing new: nothing written */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--demo", "--database", demo, "--export-invoices", folder, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "No invoices to export"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--demo", "--database", demo, "--export-invoices", a_file, NULL), !=, 0);
  g_assert_nonnull (strstr (err, "is not a folder"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--demo", "--database", demo, "--export-invoices", under_file, NULL), !=, 0);
  g_assert_nonnull (strstr (err, "Cannot create the folder"));
}

/* Spain's invoice records: written with the run, verified, tampering found */
static void
test_records (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *demo = g_build_filename (f->dir, "demo.sqlite", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) summary = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (pacta_test_run (&out, &err, "--demo", "--database", demo, "--create-missing-contracts", "2026-10-01",
                                   "--confirm-numbering", "--billing-run", "2026-11", "--provisional-usage",
                                   "--verify-records", "--summary", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "invoice records is intact"));
  summary = parse_summary (strchr (out, '{'));

  /* The records as the tax agency's XML */
  {
    g_autofree char *folder = g_build_filename (f->dir, "records", NULL);
    g_autofree char *xml_path = g_build_filename (folder, "registros-0001.xml", NULL);
    g_autofree char *xml = NULL;
    g_autofree char *cli_out = NULL;
    g_autofree char *cli_err = NULL;

    g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
    g_assert_cmpint (pacta_test_run (&cli_out, &cli_err, "--demo", "--database", demo, "--export-records", folder, NULL), ==, 0);
    g_assert_nonnull (strstr (cli_out, "registros-0001.xml"));
    g_assert_true (g_file_get_contents (xml_path, &xml, NULL, NULL));
    g_assert_nonnull (strstr (xml, "RegFactuSistemaFacturacion"));
    g_assert_nonnull (strstr (xml, "<sum1:PrimerRegistro>S</sum1:PrimerRegistro>"));
    /* Never over an earlier file */
    g_clear_pointer (&cli_out, g_free);
    g_clear_pointer (&cli_err, g_free);
    g_assert_cmpint (pacta_test_run (&cli_out, &cli_err, "--demo", "--database", demo, "--export-records", folder, NULL), !=, 0);
    g_assert_nonnull (strstr (cli_err, "exists already"));
  }
  g_assert_cmpint (json_object_get_int_member (summary, "invoices"), >, 0);
  /* Nothing is sent yet: every invoice's record is pending */
  g_assert_cmpint (json_object_get_int_member (summary, "records_pending"), ==,
                   json_object_get_int_member (summary, "invoices"));

  /* Someone edits an amount with a sqlite shell, past the triggers */
  g_assert_cmpint (sqlite3_open (demo, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER invoice_records_no_edit;"
                                     "UPDATE invoice_records SET gross_total = '1.00' WHERE id = 3;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--demo", "--database", demo, "--verify-records", NULL), !=, 0);
  g_assert_nonnull (strstr (err, "broken at record 3"));
  g_assert_nonnull (strstr (err, "Expected:"));
}

/* One setting's text, read by sqlite directly; NULL when unset */
static char *
setting (const char *path,
         const char *key)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT value FROM settings WHERE key = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
assert_setting (const char *path,
                const char *key,
                const char *expected)
{
  g_autofree char *value = setting (path, key);

  g_assert_cmpstr (value, ==, expected);
}

/* --company: the company's details from JSON, all of them or none */
static void
test_company (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *full = pacta_test_write_file (f->dir, "company.json",
                                                 "{\"business_name\": \"Sistemas Levante S.L.\",\n"
                                                 " \"vat_number\": \"ES B-46000006\", \"street\": \"Calle de Colón\",\n"
                                                 " \"number\": \"12\", \"postal_code\": \"46004\", \"city\": \"Valencia\",\n"
                                                 " \"state\": \"Valencia\", \"country\": \"es\",\n"
                                                 " \"invoice_email\": \"facturacion@levante.example\",\n"
                                                 " \"phone\": \"+34 960 000 000\", \"iban\": \"ES91 2100 0418 4502 0005 1332\"}", -1);
  g_autofree char *partial = pacta_test_write_file (f->dir, "phone.json",
                                                    "{\"phone\": \"+34 960 000 001\", \"state\": null}", -1);
  static const struct {
    const char *name;
    const char *json;
    const char *says;
  } bad[] = {
    { "broken.json", "{\"city\": \"Valencia\",\n \"phone\" \"x\"}", "broken.json:2:" },
    { "unknown.json", "{\"city\": \"Madrid\", \"vat\": \"ESB46000006\"}", "“vat” is not one of your company’s details" },
    { "vat.json", "{\"city\": \"Madrid\", \"vat_number\": \"ESB123\"}", "vat_number: Not the shape of a ES VAT number" },
    { "type.json", "{\"city\": \"Madrid\", \"postal_code\": 28001}", "postal_code: expected text" },
    { "list.json", "[{\"city\": \"Madrid\"}]", "expected one JSON object" },
    { "iban.json", "{\"city\": \"Madrid\", \"iban\": \"ES91 2100 0418 4502 0005 1333\"}", "iban: not a valid account number" },
    { "country.json", "{\"city\": \"Madrid\", \"country\": \"Spain\"}", "country: Not a two-letter ISO country code" },
    { "email.json", "{\"city\": \"Madrid\", \"invoice_email\": \"facturas\"}", "invoice_email: Not an email address" },
    { "name.json", "{\"city\": \"Madrid\", \"business_name\": \"\"}", "business_name: Required" },
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *summary_before = NULL;
  g_autofree char *before = NULL;

  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->path, "--company", full, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Company details saved"));
  /* Stored as Preferences stores them */
  assert_setting (f->path, "business-name", "Sistemas Levante S.L.");
  assert_setting (f->path, "vat-number", "ESB46000006");
  assert_setting (f->path, "country", "ES");
  assert_setting (f->path, "postal-code", "46004");
  assert_setting (f->path, "invoice-email", "facturacion@levante.example");
  assert_setting (f->path, "iban", "ES91 2100 0418 4502 0005 1332");

  /* Keys left out keep their value; null empties one */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->path, "--summary", NULL), ==, 0);
  summary_before = g_steal_pointer (&out);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->path, "--company", partial, "--summary", NULL), ==, 0);
  assert_setting (f->path, "phone", "+34 960 000 001");
  assert_setting (f->path, "state", NULL);
  assert_setting (f->path, "business-name", "Sistemas Levante S.L.");
  assert_setting (f->path, "vat-number", "ESB46000006");
  assert_setting (f->path, "city", "Valencia");
  assert_setting (f->path, "iban", "ES91 2100 0418 4502 0005 1332");
  /* The summary is as it was */
  g_assert_nonnull (strchr (out, '{'));
  g_assert_cmpstr (strchr (out, '{'), ==, summary_before);

  /* Each bad file: the reason, naming the key; nothing changed, not even
   * the city the file also gives */
  before = pacta_test_file_checksum (f->path);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = pacta_test_write_file (f->dir, bad[i].name, bad[i].json, -1);
      g_autofree char *after = NULL;

      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->path, "--company", path, NULL), ==, 1);
      if (strstr (err, bad[i].says) == NULL)
        g_error ("%s: “%s” does not say “%s”", bad[i].name, err, bad[i].says);
      g_assert_nonnull (strstr (err, bad[i].name));
      after = pacta_test_file_checksum (f->path);
      g_assert_cmpstr (before, ==, after);
    }
  assert_setting (f->path, "city", "Valencia");

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->path, "--company", "/nonexistent/company.json", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "/nonexistent/company.json"));
}

/* --company before the billing run, in one call: the invoices carry it */
static void
test_company_then_billing (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *demo = g_build_filename (f->dir, "demo.sqlite", NULL);
  g_autofree char *company = pacta_test_write_file (f->dir, "company.json",
                                                    "{\"business_name\": \"Levante IT S.L.\"}", -1);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (pacta_test_run (&out, &err, "--demo", "--database", demo, "--company", company,
                                   "--create-missing-contracts", "2026-10-01", "--confirm-numbering",
                                   "--billing-run", "2026-11", "--provisional-usage", NULL), ==, 0);
  g_assert_cmpint (pacta_test_count_rows (demo, "SELECT count(*) FROM invoices"), >, 0);
  g_assert_cmpint (pacta_test_count_rows (demo,
                                          "SELECT count(*) FROM invoices WHERE json_extract (msp_snapshot, '$.business-name')"
                                          " IS NOT 'Levante IT S.L.'"), ==, 0);
}

/* Spain's invoicing rules are on in the demo (its company is in Spain): a
 * mistyped NIF keeps the whole run from being issued */
static void
test_billing_run_refused (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *demo = g_build_filename (f->dir, "demo.sqlite", NULL);
  g_autofree char *mistyped = pacta_test_write_file (f->dir, "mistyped.csv",
                                                     "customer,business_name,country,vat_number\n"
                                                     "c0570000-2026-4a00-8b00-000000000001,Talleres Núñez S.L.,ES,ESB10000001\n",
                                                     -1);
  g_autofree char *fixed = pacta_test_write_file (f->dir, "fixed.csv",
                                                  "customer,business_name,country,vat_number\n"
                                                  "c0570000-2026-4a00-8b00-000000000001,Talleres Núñez S.L.,ES,ESB10000008\n",
                                                  -1);
  Fixture in_demo = { f->dir, demo };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (pacta_test_run (&out, &err, "--demo", "--database", demo, "--import-billing-info", mistyped,
                                   "--create-missing-contracts", "2026-10-01", "--confirm-numbering", NULL), ==, 0);

  /* The dry run lists it */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--demo", "--database", demo, "--billing-run", "2026-11", "--dry-run",
                                   NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Cannot issue: Talleres Núñez S.L. — VAT number: Not a valid NIF"));

  /* The run refuses, naming the customer and the field; nothing issued */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--demo", "--database", demo, "--billing-run", "2026-11", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Nothing was issued"));
  g_assert_nonnull (strstr (err, "Talleres Núñez S.L. (VAT number: Not a valid NIF: its control letter or digit is wrong"));
  g_assert_cmpint (pacta_test_count_rows (in_demo.path, "SELECT count(*) FROM invoices"), ==, 0);
  g_assert_cmpint (pacta_test_count_rows (in_demo.path, "SELECT count(*) FROM invoice_records"), ==, 0);
  g_assert_cmpint (pacta_test_count_rows (in_demo.path, "SELECT next FROM number_sequences WHERE kind = 'invoice'"), ==, 1);

  /* Fixed: billed */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--demo", "--database", demo, "--import-billing-info", fixed,
                                   "--billing-run", "2026-11", "--provisional-usage", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "invoices created: INV-2026-0001 –"));
  g_assert_cmpint (pacta_test_count_rows (in_demo.path, "SELECT count(*) FROM invoice_records"), ==,
                   pacta_test_count_rows (in_demo.path, "SELECT count(*) FROM invoices"));
}

/* Usage-following parts of a month whose usage is not closed: the dry run
 * says so, the run refuses with nothing written, --provisional-usage bills
 * and records it; a closed month is said closed and counted */
static void
test_billing_run_usage (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *demo = g_build_filename (f->dir, "demo.sqlite", NULL);
  Fixture in_demo = { f->dir, demo };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) summary = NULL;
  sqlite3 *db = NULL;
  gint64 next;

  g_assert_cmpint (pacta_test_run (&out, &err, "--demo", "--database", demo, "--create-missing-contracts", "2026-10-01",
                                   "--confirm-numbering", "--billing-run", "2026-11", "--dry-run", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Billing run for 2026-11, dated 2026-12-01"));
  g_assert_nonnull (strstr (out, "Usage for 2026-11 is not closed: usage-following parts would bill the provisional "
                                 "usage, and no usage has been refreshed from the cloud platform.\n"));

  /* Without --provisional-usage: refused, nothing written, no number used */
  next = pacta_test_count_rows (in_demo.path, "SELECT next FROM number_sequences WHERE kind = 'invoice'");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--demo", "--database", demo, "--billing-run", "2026-11", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "The usage of 2026-11 is not closed"));
  g_assert_cmpint (pacta_test_count_rows (in_demo.path, "SELECT count(*) FROM invoices"), ==, 0);
  g_assert_cmpint (pacta_test_count_rows (in_demo.path, "SELECT count(*) FROM usage_confirmations"), ==, 0);
  g_assert_cmpint (pacta_test_count_rows (in_demo.path, "SELECT next FROM number_sequences WHERE kind = 'invoice'"), ==, next);

  /* It goes only with --billing-run */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--demo", "--database", demo, "--provisional-usage", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--provisional-usage goes with --billing-run"));

  /* With it: billed, and the run records that it billed provisional usage */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--demo", "--database", demo, "--billing-run", "2026-11",
                                   "--provisional-usage", "--summary", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "invoices created: INV-"));
  summary = parse_summary (strchr (out, '{'));
  g_assert_cmpint (json_object_get_int_member (summary, "usage_closed_months"), ==, 0);
  g_assert_cmpint (pacta_test_count_rows (in_demo.path, "SELECT count(*) FROM usage_confirmations"), ==, 1);
  g_assert_cmpint (pacta_test_count_rows (in_demo.path, "SELECT count(*) FROM usage_confirmations WHERE month = '2026-11'"
                                         " AND usage_as_of IS NULL AND invoices = (SELECT count(*) FROM invoices)"),
                   ==, 1);

  /* A closed month: the dry run says when, and --summary counts it */
  g_assert_cmpint (sqlite3_open (demo, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO usage_months (month, closed_at, report_id)"
                                     " VALUES ('2026-12', '2027-01-02T09:30:00Z', 'report')", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&summary, json_object_unref);
  g_assert_cmpint (pacta_test_run (&out, &err, "--demo", "--database", demo, "--billing-run", "2026-12", "--dry-run",
                                   "--summary", NULL), ==, 0);
  /* In the machine's zone, which the hard dates move */
  {
    g_autoptr(GDateTime) closed = g_date_time_new_from_iso8601 ("2027-01-02T09:30:00Z", NULL);
    g_autoptr(GDateTime) local = g_date_time_to_local (closed);
    g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");
    g_autofree char *line = g_strdup_printf ("Usage for 2026-12 closed on %s: usage-following parts bill the closed "
                                             "usage.\n", when);

    g_assert_nonnull (strstr (out, line));
  }
  summary = parse_summary (strchr (out, '{'));
  g_assert_cmpint (json_object_get_int_member (summary, "usage_closed_months"), ==, 1);
}

static void
test_unknown_option (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->path, "--no-such-option", NULL), !=, 0);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/pacta/cli/summary-keys", Fixture, NULL, pacta_test_file_set_up, test_summary_keys, pacta_test_file_tear_down);
  g_test_add ("/pacta/cli/import-then-summary", Fixture, NULL, pacta_test_file_set_up, test_import_then_summary, pacta_test_file_tear_down);
  g_test_add ("/pacta/cli/bad-file", Fixture, NULL, pacta_test_file_set_up, test_bad_file, pacta_test_file_tear_down);
  g_test_add ("/pacta/cli/missing-file", Fixture, NULL, pacta_test_file_set_up, test_missing_file, pacta_test_file_tear_down);
  g_test_add ("/pacta/cli/bad-database", Fixture, NULL, pacta_test_file_set_up, test_bad_database, pacta_test_file_tear_down);
  g_test_add ("/pacta/cli/demo", Fixture, NULL, pacta_test_file_set_up, test_demo, pacta_test_file_tear_down);
  g_test_add ("/pacta/cli/import-billing-info", Fixture, NULL, pacta_test_file_set_up, test_import_billing_info, pacta_test_file_tear_down);
  g_test_add ("/pacta/cli/catalog-and-missing-contracts", Fixture, NULL, pacta_test_file_set_up, test_catalog_and_missing_contracts, pacta_test_file_tear_down);
  g_test_add ("/pacta/cli/confirm-numbering", Fixture, NULL, pacta_test_file_set_up, test_confirm_numbering, pacta_test_file_tear_down);
  g_test_add ("/pacta/cli/billing-run", Fixture, NULL, pacta_test_file_set_up, test_billing_run, pacta_test_file_tear_down);
  g_test_add ("/pacta/cli/export-invoices", Fixture, NULL, pacta_test_file_set_up, test_export_invoices, pacta_test_file_tear_down);
  g_test_add ("/pacta/cli/records", Fixture, NULL, pacta_test_file_set_up, test_records, pacta_test_file_tear_down);
  g_test_add ("/pacta/cli/company", Fixture, NULL, pacta_test_file_set_up, test_company, pacta_test_file_tear_down);
  g_test_add ("/pacta/cli/company-then-billing", Fixture, NULL, pacta_test_file_set_up, test_company_then_billing, pacta_test_file_tear_down);
  g_test_add ("/pacta/cli/billing-run-refused", Fixture, NULL, pacta_test_file_set_up, test_billing_run_refused, pacta_test_file_tear_down);
  g_test_add ("/pacta/cli/billing-run-usage", Fixture, NULL, pacta_test_file_set_up, test_billing_run_usage, pacta_test_file_tear_down);
  g_test_add ("/pacta/cli/unknown-option", Fixture, NULL, pacta_test_file_set_up, test_unknown_option, pacta_test_file_tear_down);

  return g_test_run ();
}
