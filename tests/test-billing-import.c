/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-billing-import.c: the billing-information CSV — good files, awkward quoting, and every bad file changing nothing */
#include "pacta-billing-import.h"
#include "pacta-billing-info-table.h"
#include "pacta-context.h"
#include "pacta-error.h"
#include "pacta-test-util.h"

#define HEADER "customer,business_name,debtor_code,invoice_email,vat_number,country,street,number," \
               "postal_code,city,state,phone,payment_terms_days,tax_exempt,direct_debit,send_by\r\n"

typedef PactaTestContext Fixture;

static gboolean
import_text (Fixture                   *f,
             const char                *text,
             PactaBillingImportReport  *report,
             GError                   **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return pacta_import_billing_info_bytes (pacta_context_get_database (f->context), bytes, "debtors.csv",
                                          report, error);
}

/* Everything billing-related as text, to prove a failed import left it alone */
static char *
snapshot (Fixture *f)
{
  sqlite3_stmt *stmt = pacta_database_prepare (pacta_context_get_database (f->context),
                                               "SELECT customer_id, business_name, country, vat_number, city,"
                                               " payment_terms_days, send_by FROM billing_info ORDER BY customer_id",
                                               NULL);
  GString *s = g_string_new (NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < sqlite3_column_count (stmt); i++)
      g_string_append_printf (s, "%s|", (const char *)sqlite3_column_text (stmt, i));
  sqlite3_reset (stmt);
  return g_string_free (s, FALSE);
}

static PactaBillingInfo *
info_for_tenant (Fixture    *f,
                 const char *tenant)
{
  PactaDatabase *db = pacta_context_get_database (f->context);
  sqlite3_stmt *stmt = pacta_database_prepare (db, "SELECT id FROM customers WHERE tenant_id = ?1", NULL);
  gint64 id;

  sqlite3_bind_text (stmt, 1, tenant, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return pacta_billing_info_load (db, id, NULL);
}

static void
test_good_file (Fixture       *f,
                gconstpointer  data)
{
  PactaBillingImportReport report;
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaBillingInfo) first = NULL;
  g_autoptr(PactaBillingInfo) second = NULL;

  /* BOM, CRLF, quoted commas and doubled quotes;
   * customers named by tenant id, by id and by exact name */
  g_assert_true (import_text (f,
                              "\xef\xbb\xbf" HEADER
                              "c0570000-2026-4a00-8b00-000000000001,\"Talleres Núñez, S.L.\",430001,facturas@tn.es,"
                              "ESB12345678,ES,\"Calle \"\"Mayor\"\"\",12,28013,Madrid,Madrid,910000000,45,no,yes,email\r\n"
                              "Clínica Dental Sonrisa,\"Clínica Dental Sonrisa S.L.P.\",430002,,es 12345678-z,es,,,41001,"
                              "Sevilla,,,,,,post\r\n"
                              "3,Gestoría López S.L.,430003,,,ES,,,,,,,0,sí,1,\r\n",
                              &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.created, ==, 3);
  g_assert_cmpuint (report.updated, ==, 0);

  first = info_for_tenant (f, "c0570000-2026-4a00-8b00-000000000001");
  g_assert_cmpstr (pacta_billing_info_get_business_name (first), ==, "Talleres Núñez, S.L.");
  g_assert_cmpstr (pacta_billing_info_get_street (first), ==, "Calle \"Mayor\"");
  g_assert_cmpint (pacta_billing_info_get_payment_terms_days (first), ==, 45);
  g_assert_true (pacta_billing_info_get_direct_debit (first));
  g_assert_false (pacta_billing_info_get_tax_exempt (first));
  g_assert_cmpstr (pacta_billing_info_get_debtor_code (first), ==, "430001");

  g_assert_cmpint (pacta_database_count (pacta_context_get_database (f->context),
                                         "SELECT count(*) FROM billing_info b JOIN customers c ON c.id = b.customer_id"
                                         " WHERE c.name = 'Clínica Dental Sonrisa' AND b.vat_number = 'ES12345678Z'"
                                         " AND b.send_by = 'post' AND b.business_name = 'Clínica Dental Sonrisa S.L.P.'",
                                         NULL), ==, 1);
  g_assert_cmpint (pacta_database_count (pacta_context_get_database (f->context),
                                         "SELECT count(*) FROM billing_info WHERE customer_id = 3 AND tax_exempt = 1"
                                         " AND payment_terms_days = 0", NULL), ==, 1);

  /* Again, with a change: updated, not duplicated */
  g_assert_true (import_text (f, HEADER
                              "c0570000-2026-4a00-8b00-000000000001,Talleres Núñez S.L.,430001,facturas@tn.es,"
                              "ESB12345678,ES,Calle Mayor,14,28013,Madrid,,,30,no,no,email\n",
                              &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.created, ==, 0);
  g_assert_cmpuint (report.updated, ==, 1);
  second = info_for_tenant (f, "c0570000-2026-4a00-8b00-000000000001");
  g_assert_cmpstr (pacta_billing_info_get_number (second), ==, "14");
  g_assert_cmpint (pacta_database_count (pacta_context_get_database (f->context),
                                         "SELECT count(*) FROM billing_info", NULL), ==, 3);
}

static void
test_partial_columns_keep_the_rest (Fixture       *f,
                                    gconstpointer  data)
{
  PactaBillingImportReport report;
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaBillingInfo) info = NULL;

  g_assert_true (import_text (f, HEADER "1,Uno S.L.,D1,a@b.es,,ES,Calle,1,28001,Madrid,,,20,,,\n", &report, &error));
  /* Columns in another order, and fewer of them */
  g_assert_true (import_text (f, "country,customer,business_name\nPT,1,Uno Lda.\n", &report, &error));
  g_assert_no_error (error);
  info = pacta_billing_info_load (pacta_context_get_database (f->context), 1, NULL);
  g_assert_cmpstr (pacta_billing_info_get_business_name (info), ==, "Uno Lda.");
  g_assert_cmpstr (pacta_billing_info_get_country (info), ==, "PT");
  g_assert_cmpstr (pacta_billing_info_get_debtor_code (info), ==, "D1");
  g_assert_cmpint (pacta_billing_info_get_payment_terms_days (info), ==, 20);
}

static void
test_many_rows (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("customer,business_name,country,payment_terms_days\n");
  PactaDatabase *db = pacta_context_get_database (f->context);
  PactaBillingImportReport report;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  /* 500 customers, as a debtor list from the accounting software */
  pacta_database_exec (db, "BEGIN", NULL);
  stmt = pacta_database_prepare (db, "INSERT INTO customers (tenant_id, name, created_at) VALUES (?1, ?2, '2026-11-27')", NULL);
  for (guint i = 0; i < 460; i++)
    {
      g_autofree char *tenant = g_strdup_printf ("bulk-%03u", i);
      g_autofree char *name = g_strdup_printf ("Cliente %03u", i);

      sqlite3_bind_text (stmt, 1, tenant, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
      g_assert_true (pacta_database_step_done (db, stmt, NULL));
      sqlite3_reset (stmt);
    }
  pacta_database_exec (db, "COMMIT", NULL);

  for (guint i = 1; i <= 40; i++)
    g_string_append_printf (csv, "%u,Demo %u S.L.,ES,30\n", i, i);
  for (guint i = 0; i < 460; i++)
    g_string_append_printf (csv, "bulk-%03u,\"Cliente %03u, S.A.\",ES,60\n", i, i);

  g_assert_true (import_text (f, csv->str, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.created, ==, 500);
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM billing_info", NULL), ==, 500);
}

/* The platform's external id (the MSP's own reference, which the
 * accounting software often keys its debtors by) names a customer too;
 * matching the same customer by its name or number as well is no conflict */
static void
test_external_id (Fixture       *f,
                  gconstpointer  data)
{
  PactaDatabase *db = pacta_context_get_database (f->context);
  PactaBillingImportReport report;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = pacta_test_query_text (db, "SELECT name FROM customers WHERE id = ?", 2);
  g_autofree char *csv = NULL;

  g_assert_true (pacta_database_exec (db,
                                      "UPDATE customers SET external_id = 'DEB-0001' WHERE id = 1;"
                                      "UPDATE customers SET external_id = name WHERE id = 2;"
                                      "UPDATE customers SET external_id = '3' WHERE id = 3;",
                                      NULL));
  csv = g_strdup_printf ("customer,business_name,country\n"
                         "DEB-0001,Uno S.L.,ES\n"
                         "\"%s\",Dos S.L.,ES\n"
                         "3,Tres S.L.,ES\n", name);
  g_assert_true (import_text (f, csv, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.created, ==, 3);
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM billing_info WHERE"
                                             " (customer_id = 1 AND business_name = 'Uno S.L.') OR"
                                             " (customer_id = 2 AND business_name = 'Dos S.L.') OR"
                                             " (customer_id = 3 AND business_name = 'Tres S.L.')", NULL), ==, 3);

  /* Again by the external id: the same customer, updated */
  g_assert_true (import_text (f, "customer,business_name,country\nDEB-0001,Uno Dos S.L.,ES\n", &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.created, ==, 0);
  g_assert_cmpuint (report.updated, ==, 1);
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM billing_info WHERE customer_id = 1"
                                             " AND business_name = 'Uno Dos S.L.'", NULL), ==, 1);
}

/* A debtor list often has a street over two lines: kept as lines (CR LF
 * made LF), however the file's own lines end */
static void
test_multiline_street (Fixture       *f,
                       gconstpointer  data)
{
  PactaBillingImportReport report;
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaBillingInfo) first = NULL;
  g_autoptr(PactaBillingInfo) second = NULL;

  g_assert_true (import_text (f, HEADER
                              "c0570000-2026-4a00-8b00-000000000001,Talleres Núñez S.L.,430001,,,ES,"
                              "\"Calle de Alcalá, 1\r\n2º izq\",,28014,Madrid,,,30,no,no,email\r\n"
                              "c0570000-2026-4a00-8b00-000000000002,Clínica Dental Sonrisa S.L.P.,430002,,,ES,"
                              "\"Polígono Sur\nNave 4\nPuerta B\",,41001,Sevilla,,,30,no,no,post\r\n",
                              &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.created, ==, 2);

  first = info_for_tenant (f, "c0570000-2026-4a00-8b00-000000000001");
  g_assert_cmpstr (pacta_billing_info_get_street (first), ==, "Calle de Alcalá, 1\n2º izq");
  second = info_for_tenant (f, "c0570000-2026-4a00-8b00-000000000002");
  g_assert_cmpstr (pacta_billing_info_get_street (second), ==, "Polígono Sur\nNave 4\nPuerta B");
}

typedef struct
{
  const char *name;
  const char *csv;
  const char *expected;
} BadCase;

static const BadCase bad_cases[] = {
  { "empty", "", "needs a header row" },
  { "unknown-column", "customer,business_name,country,colour\n1,A,ES,red\n", "line 1, column 4 (colour): unknown column “colour”" },
  { "missing-column", "customer,business_name\n1,A\n", "line 1: the header has no “country” column" },
  { "duplicate-column", "customer,country,business_name,country\n1,ES,A,ES\n", "the column “country” appears twice" },
  { "unknown-customer", "customer,business_name,country\n1,A,ES\nNobody,B,ES\n", "line 3, column 1 (customer): there is no customer “Nobody”" },
  { "ambiguous-customer", "customer,business_name,country\nTwin,A,ES\n", "line 2, column 1 (customer): more than one customer is called “Twin”" },
  /* Free text the MSP sets: shared by two customers, another customer's name,
   * number or tenant id */
  { "ambiguous-external-id", "customer,business_name,country\n1,A,ES\nSHARED,B,ES\n",
    "line 3, column 1 (customer): “SHARED” matches more than one customer: “Ext Uno” (customer 43), “Ext Dos” (customer 44); use the tenant id instead" },
  { "external-id-is-a-name", "customer,business_name,country\n1,A,ES\nExt Cuatro,B,ES\n",
    "line 3, column 1 (customer): “Ext Cuatro” matches more than one customer: “Ext Tres” (customer 45), “Ext Cuatro” (customer 46)" },
  { "external-id-is-a-number", "customer,business_name,country\n12,A,ES\n",
    "(customer 12), “Ext Cinco” (customer 47); use the tenant id instead" },
  { "external-id-is-a-tenant", "customer,business_name,country\nc0570000-2026-4a00-8b00-000000000001,A,ES\n",
    "(customer 1), “Ext Seis” (customer 48); use the tenant id instead" },
  { "external-id-many", "customer,business_name,country\nMANY,A,ES\n", "“M1” (customer 49), “M2” (customer 50), “M3” (customer 51), “M4” (customer 52), “M5” (customer 53) and 2 more; use the tenant id instead" },
  { "customer-twice", "customer,business_name,country\n1,A,ES\n1,B,ES\n", "line 3, column 1 (customer): this customer already appears" },
  { "bad-country", "customer,business_name,country\n1,A,ES\n2,B,Spain\n", "line 3, column 3 (country): Not a two-letter ISO country code" },
  { "no-business-name", "customer,country,business_name\n2,ES,\n", "line 2, column 3 (business_name): Required" },
  { "bad-email", "customer,business_name,country,invoice_email\n2,B,ES,nobody\n", "line 2, column 4 (invoice_email): Not an email address" },
  { "bad-vat", "customer,business_name,country,vat_number\n2,B,ES,ESB12\n", "line 2, column 4 (vat_number): Not the shape of a ES VAT number" },
  { "bad-days", "customer,business_name,country,payment_terms_days\n2,B,ES,400\n", "line 2, column 4 (payment_terms_days): Must be between 0 and 365 days" },
  { "bad-days-text", "customer,business_name,country,payment_terms_days\n2,B,ES,thirty\n", "column 4 (payment_terms_days)" },
  { "bad-boolean", "customer,business_name,country,tax_exempt\n2,B,ES,maybe\n", "line 2, column 4 (tax_exempt): expected yes or no" },
  { "bad-send-by", "customer,business_name,country,send_by\n2,B,ES,pigeon\n", "line 2, column 4 (send_by): Must be email or post" },
  { "wrong-field-count", "customer,business_name,country\n2,B,ES,extra\n", "line 2: expected 3 fields like the header, found 4" },
  { "unterminated-quote", "customer,business_name,country\n2,\"B,ES\n", "debtors.csv: line 2" },
  { "newline-in-name", "customer,business_name,country\n2,\"Two\nLines\",ES\n", "line 2, column 2 (business_name): Contains control characters" },
  { "four-line-street", "customer,business_name,country,street\n1,A,ES,Uno\n2,B,ES,\"Uno\r\nDos\r\nTres\r\nCuatro\"\n",
    "line 3, column 4 (street): At most 3 lines are allowed" },
  { "tab-in-street", "customer,business_name,country,street\n2,B,ES,\"Calle\tMayor\"\n", "line 2, column 4 (street): Contains control characters" },
  { "newline-in-city", "customer,business_name,country,city\n2,B,ES,\"Madrid\nCentro\"\n", "line 2, column 4 (city): Contains control characters" },
  { "invalid-utf8", "customer,business_name,country\n2,\xc3\x28,ES\n", "debtors.csv: line 2" },
};

static void
test_bad_file (Fixture       *f,
               gconstpointer  data)
{
  const BadCase *c = data;
  PactaBillingImportReport report;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* Two customers share a name, to make one ambiguous */
  g_assert_true (pacta_database_exec (pacta_context_get_database (f->context),
                                      "INSERT INTO customers (name, created_at) VALUES ('Twin', '2026-01-01'), ('Twin', '2026-01-01')",
                                      NULL));
  /* … and external ids that name more than one */
  g_assert_true (pacta_database_exec (pacta_context_get_database (f->context),
                                      "INSERT INTO customers (name, created_at, external_id) VALUES"
                                      " ('Ext Uno', '2026-01-01', 'SHARED'), ('Ext Dos', '2026-01-01', 'SHARED'),"
                                      " ('Ext Tres', '2026-01-01', 'Ext Cuatro'), ('Ext Cuatro', '2026-01-01', NULL),"
                                      " ('Ext Cinco', '2026-01-01', '12'),"
                                      " ('Ext Seis', '2026-01-01', 'c0570000-2026-4a00-8b00-000000000001'),"
                                      " ('M1', '2026-01-01', 'MANY'), ('M2', '2026-01-01', 'MANY'), ('M3', '2026-01-01', 'MANY'),"
                                      " ('M4', '2026-01-01', 'MANY'), ('M5', '2026-01-01', 'MANY'), ('M6', '2026-01-01', 'MANY'),"
                                      " ('M7', '2026-01-01', 'MANY')",
                                      NULL));
  g_assert_true (import_text (f, "customer,business_name,country\n5,Cinco S.L.,ES\n", &report, &error));
  before = snapshot (f);

  g_assert_false (import_text (f, c->csv, &report, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE);
  if (strstr (error->message, c->expected) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, c->expected);
  g_assert_cmpuint (report.created + report.updated, ==, 0);

  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/pacta/billing-import/good-file", Fixture, NULL, pacta_test_platform_set_up, test_good_file, pacta_test_context_tear_down);
  g_test_add ("/pacta/billing-import/partial-columns", Fixture, NULL, pacta_test_platform_set_up, test_partial_columns_keep_the_rest, pacta_test_context_tear_down);
  g_test_add ("/pacta/billing-import/500-rows", Fixture, NULL, pacta_test_platform_set_up, test_many_rows, pacta_test_context_tear_down);
  g_test_add ("/pacta/billing-import/external-id", Fixture, NULL, pacta_test_platform_set_up, test_external_id, pacta_test_context_tear_down);
  g_test_add ("/pacta/billing-import/multiline-street", Fixture, NULL, pacta_test_platform_set_up, test_multiline_street, pacta_test_context_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pacta/billing-import/bad-file/%s", bad_cases[i].name);

      g_test_add (path, Fixture, &bad_cases[i], pacta_test_platform_set_up, test_bad_file, pacta_test_context_tear_down);
    }

  return g_test_run ();
}
