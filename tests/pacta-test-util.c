/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-test-util.c: temporary folders, files and checksums for the tests */
#include <glib/gstdio.h>

#include <stdarg.h>
#include <string.h>
#include <sys/wait.h>

#include "pacta-catalog.h"
#include "pacta-clock.h"
#include "pacta-import.h"
#include "pacta-msp.h"
#include "pacta-numbering.h"
#include "pacta-test-util.h"

char *
pacta_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("pacta-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

char *
pacta_test_write_file (const char *dir,
                       const char *name,
                       const char *contents,
                       gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

char *
pacta_test_file_checksum (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}

/* The bundled demo listings, read from the source tree */
GBytes *
pacta_test_demo_bytes (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", name, NULL);
  char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

void
pacta_test_remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        pacta_test_remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

/* ---- fixtures ------------------------------------------------------------ */

void
pacta_test_dir_set_up (PactaTestDir  *f,
                       gconstpointer  data)
{
  f->dir = pacta_test_make_dir ();
}

/* The folder goes, and the clock is as it was if the test set it */
void
pacta_test_dir_tear_down (PactaTestDir  *f,
                          gconstpointer  data)
{
  pacta_test_remove_tree (f->dir);
  g_free (f->dir);
  pacta_test_clock_reset ();
}

void
pacta_test_file_set_up (PactaTestFile *f,
                        gconstpointer  data)
{
  f->dir = pacta_test_make_dir ();
  f->path = g_build_filename (f->dir, "pacta.sqlite", NULL);
}

void
pacta_test_file_tear_down (PactaTestFile *f,
                           gconstpointer  data)
{
  pacta_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* 40 customers from the platform, none with billing information */
void
pacta_test_platform_set_up (PactaTestContext *f,
                            gconstpointer     data)
{
  f->dir = pacta_test_make_dir ();
  f->context = pacta_test_open_platform_demo (f->dir);
  f->db = pacta_context_get_database (f->context);
}

/* The platform demo with one customer ready to bill (pacta_test_open_billable) */
void
pacta_test_billable_set_up (PactaTestContext *f,
                            gconstpointer     data)
{
  f->dir = pacta_test_make_dir ();
  f->context = pacta_test_open_billable (f->dir);
  f->db = pacta_context_get_database (f->context);
}

/* The context must go with the test (unless the test let it go first):
 * nothing may keep it alive */
void
pacta_test_context_tear_down (PactaTestContext *f,
                              gconstpointer     data)
{
  if (f->context != NULL)
    g_assert_finalize_object (f->context);
  pacta_test_remove_tree (f->dir);
  g_free (f->dir);
  pacta_test_clock_reset ();
}

/* ---- data ---------------------------------------------------------------- */

/* The demo's customers and services, but none of its billing information:
 * the state of an MSP that has just imported from the platform. */
PactaContext *
pacta_test_open_platform_demo (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "platform.sqlite", NULL);
  g_autoptr(PactaDatabase) database = pacta_database_open (path, &error);
  g_autoptr(PactaImportReport) report = pacta_import_report_new ();
  g_autoptr(GBytes) tenants = pacta_test_demo_bytes ("tenants.json");
  g_autoptr(GBytes) usages = pacta_test_demo_bytes ("usages.json");
  PactaContext *context;

  g_assert_no_error (error);
  pacta_import_platform_bytes (database, tenants, "tenants.json", usages, "usages.json", NULL, NULL, report, &error);
  g_assert_no_error (error);
  context = pacta_context_new (database, FALSE, &error);
  g_assert_no_error (error);
  return context;
}

/**
 * pacta_test_open_billable:
 *
 * The platform demo with one customer ready to bill: billing information
 * (with a valid NIF, which Spain's invoicing rules need once the company is
 * Spanish), a monthly contract from 2026-10-01 for 10 workstations at
 * 12.50, and the numbering confirmed.
 */
PactaContext *
pacta_test_open_billable (const char *dir)
{
  PactaContext *context = pacta_test_open_platform_demo (dir);
  PactaDatabase *db = pacta_context_get_database (context);
  gint64 item = pacta_test_add_workstations (db);
  gint64 customer;

  customer = pacta_database_count (db, "SELECT id FROM customers WHERE tenant_id = 'c0570000-2026-4a00-8b00-000000000001'", NULL);
  {
    g_autoptr(PactaBillingInfo) info = g_object_new (PACTA_TYPE_BILLING_INFO, "customer-id", customer,
                                                     "business-name", "Cliente S.L.", "country", "ES",
                                                     "vat-number", "B12345674", NULL);
    g_autoptr(PactaContract) contract = g_object_new (PACTA_TYPE_CONTRACT, "customer-id", customer,
                                                      "name", "Managed services", "start-date", "2026-10-01", NULL);
    g_autoptr(GListStore) parts = g_list_store_new (PACTA_TYPE_CONTRACT_PART);
    g_autoptr(PactaContractPart) part = g_object_new (PACTA_TYPE_CONTRACT_PART, "catalog-item-id", item,
                                                      "item-name", "Workstations", "description", "Workstations",
                                                      "quantity", (gint64) 100000, "unit-price", (gint64) 125000,
                                                      "has-price", TRUE, NULL);

    g_assert_true (pacta_context_save_billing_info (context, info, NULL));
    g_list_store_append (parts, part);
    g_assert_cmpint (pacta_context_create_contract (context, contract, G_LIST_MODEL (parts), NULL), >, 0);
  }
  g_assert_true (pacta_numbering_confirm (db, NULL, 0, NULL, NULL));
  return context;
}

/* What a search compares, the slow and obvious way: casefolded, decomposed
 * (NFKD), without the marks of accents. The reference for
 * pacta_text_search_key() and the searches built on it. */
char *
pacta_test_search_reference (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
  GString *out = g_string_new (NULL);

  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    if (g_unichar_type (g_utf8_get_char (p)) != G_UNICODE_NON_SPACING_MARK)
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

/* Fixes the app's clock at @iso8601 for what follows, reckoning days in
 * @zone (an identifier such as "Europe/Madrid"), whatever the machine's */
void
pacta_test_set_clock (const char *zone,
                      const char *iso8601)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  PactaClock *clock = pacta_clock_get_default ();

  g_assert_nonnull (tz);
  pacta_clock_set_timezone (clock, tz);
  g_assert_true (pacta_clock_set_fixed_iso (clock, iso8601));
}

/* Back to the real clock (which CI also runs at hard dates), standing still
 * no more, in the machine's zone */
void
pacta_test_clock_reset (void)
{
  PactaClock *clock = pacta_clock_get_default ();

  pacta_clock_set_fixed (clock, NULL);
  pacta_clock_set_step (clock, 0);
  pacta_clock_set_timezone (clock, NULL);
}

/**
 * pacta_test_run_pacta:
 * @args: (array zero-terminated=1): the arguments after the program's name
 * @out: (out) (optional): what it wrote to stdout
 * @err: (out) (optional): what it wrote to stderr
 *
 * Runs the pacta binary ($PACTA_BIN) as a user would; a crash fails the test.
 *
 * Returns: its exit status
 */
int
pacta_test_run_pacta (const char *const  *args,
                      char              **out,
                      char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("PACTA_BIN");
  int status = -1;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (char *) binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  if (WIFSIGNALED (status))
    {
      g_autofree char *line = g_strjoinv (" ", (char **) argv->pdata);

      g_error ("%s was killed by signal %d", line, WTERMSIG (status));
    }
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* openssl with these arguments, run in @dir (certificates made at test
 * time); the test fails with its words when it fails */
void
pacta_test_run_openssl (const char *dir,
                        const char *first,
                        ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (char *) "openssl");
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (dir, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("openssl %s failed: %s", first, err);
}

/* The customer the platform demo made of that tenant */
gint64
pacta_test_customer_by_tenant (PactaDatabase *database,
                               const char    *tenant)
{
  sqlite3_stmt *stmt = pacta_database_prepare (database, "SELECT id FROM customers WHERE tenant_id = ?", NULL);
  gint64 id = 0;

  g_assert_nonnull (stmt);
  pacta_sql_bind_text (stmt, 1, tenant);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* The same, for the tests that hold a context */
gint64
pacta_test_customer_of (PactaContext *context,
                        const char   *tenant)
{
  return pacta_test_customer_by_tenant (pacta_context_get_database (context), tenant);
}

/* Every row of every table, as stored: equal digests mean nothing changed */
char *
pacta_test_sqlite_digest (sqlite3 *db)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3_stmt *tables = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                                       -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (tables, 0);
      /* The names come from the schema, not from the values tried */
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", name);
      sqlite3_stmt *rows = NULL;

      g_checksum_update (sum, (const guchar *) name, (gssize) strlen (name) + 1);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL), ==, SQLITE_OK);
      while (sqlite3_step (rows) == SQLITE_ROW)
        for (int i = 0; i < sqlite3_column_count (rows); i++)
          {
            guchar type = (guchar) sqlite3_column_type (rows, i);
            const void *bytes = sqlite3_column_blob (rows, i);
            gint64 length = sqlite3_column_bytes (rows, i);

            g_checksum_update (sum, &type, 1);
            g_checksum_update (sum, (const guchar *) &length, sizeof length);
            if (length > 0)
              g_checksum_update (sum, bytes, (gssize) length);
          }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);
  return g_strdup (g_checksum_get_string (sum));
}

/* The first column of the first row @sql gives, as text (%NULL for none or
 * NULL); ?1, if @sql has it, is @id. Not through the statement cache: tests
 * make their SQL as they go. */
char *
pacta_test_query_text (PactaDatabase *database,
                       const char    *sql,
                       gint64         id)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (pacta_database_get_handle (database), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

/* @expression (a column, or SQL over the columns) of the invoice record @id */
char *
pacta_test_record_text (PactaDatabase *database,
                        const char    *expression,
                        gint64         id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM invoice_records WHERE id = ?", expression);

  return pacta_test_query_text (database, sql, id);
}

/* The catalog item of the platform's workstations, priced at 12.50 a month: its id */
gint64
pacta_test_add_workstations (PactaDatabase *database)
{
  const char *csv = "usage_key,name,price\nworkstations,Workstations,12.5\n";
  g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));
  PactaCatalogImportReport report;

  g_assert_true (pacta_import_catalog_bytes (database, bytes, "p.csv", &report, NULL));
  return pacta_database_count (database, "SELECT id FROM catalog_items WHERE usage_key = 'workstations'", NULL);
}

/* Your company as a Spanish one, Sistemas Levante S.L. with @vat_number:
 * Spain's invoicing rules (VERI*FACTU) apply without being asked */
void
pacta_test_save_spanish_msp (PactaDatabase *database,
                             const char    *vat_number)
{
  g_autoptr(PactaBillingInfo) msp = g_object_new (PACTA_TYPE_BILLING_INFO, "business-name", "Sistemas Levante S.L.",
                                                  "country", "ES", "vat-number", vat_number, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (pacta_msp_save (database, msp, NULL, &error));
  g_assert_no_error (error);
}

/* The platform demo's first two customers, the second one abroad, each
 * with a contract for @item (pacta_test_give_contract()): their ids in
 * @customers */
void
pacta_test_two_contracts (PactaContext *context,
                          gint64        item,
                          const char   *first_name,
                          const char   *second_name,
                          gint64        customers[2])
{
  PactaDatabase *db = pacta_context_get_database (context);

  customers[0] = pacta_test_customer_by_tenant (db, "c0570000-2026-4a00-8b00-000000000001");
  customers[1] = pacta_test_customer_by_tenant (db, "c0570000-2026-4a00-8b00-000000000002");
  pacta_test_give_contract (context, customers[0], item, FALSE, first_name);
  pacta_test_give_contract (context, customers[1], item, TRUE, second_name);
}

/* A contract, "Managed services" from 2026-10-01 with the default parts,
 * for every customer without one: how many were made */
guint
pacta_test_add_missing_contracts (PactaContext *context)
{
  PactaDatabase *db = pacta_context_get_database (context);
  g_autoptr(GArray) missing = pacta_contract_missing_customers (db, NULL);
  g_autoptr(PactaContract) prototype = g_object_new (PACTA_TYPE_CONTRACT, "name", "Managed services",
                                                     "start-date", "2026-10-01", NULL);
  g_autoptr(GPtrArray) skipped = NULL;
  guint created = 0;

  skipped = pacta_contract_create_defaults (db, missing, prototype, &created, NULL);
  return created;
}

/* The numbering confirmed and @month billed, the context's stores caught
 * up: the numbers of the invoices issued */
char **
pacta_test_bill (PactaContext *context,
                 const char   *month)
{
  PactaDatabase *db = pacta_context_get_database (context);
  g_autoptr(GError) error = NULL;
  char **numbers;

  g_assert_true (pacta_numbering_confirm (db, NULL, 0, NULL, NULL));
  numbers = pacta_billing_commit (db, month, PACTA_BILLING_PROVISIONAL_USAGE, &error);
  g_assert_no_error (error);
  g_assert_true (pacta_context_sync (context, NULL));
  return numbers;
}

/**
 * pacta_test_give_contract:
 * @foreign: a German customer with an EU VAT number; else a Spanish one
 *   with a valid NIF
 * @name: (nullable): its business name; %NULL for a plain one
 *
 * Billing information and a monthly contract from 2026-10-01 for 10 of
 * @item at 12.50, billed in advance: a customer the records can name.
 */
void
pacta_test_give_contract (PactaContext *context,
                          gint64        customer,
                          gint64        item,
                          gboolean      foreign,
                          const char   *name)
{
  g_autoptr(PactaBillingInfo) info = g_object_new (PACTA_TYPE_BILLING_INFO, "customer-id", customer,
                                                   "business-name", name != NULL ? name
                                                                    : foreign ? "Kunde GmbH" : "Cliente S.L.",
                                                   "country", foreign ? "DE" : "ES",
                                                   "vat-number", foreign ? "DE123456789" : "ESA58818501",
                                                   "payment-terms-days", 30, NULL);
  g_autoptr(PactaContract) contract = g_object_new (PACTA_TYPE_CONTRACT, "customer-id", customer,
                                                    "name", "Managed services", "interval", "monthly",
                                                    "billing", "advance", "start-date", "2026-10-01", NULL);
  g_autoptr(GListStore) parts = g_list_store_new (PACTA_TYPE_CONTRACT_PART);
  g_autoptr(PactaContractPart) part = g_object_new (PACTA_TYPE_CONTRACT_PART, "catalog-item-id", item,
                                                    "item-name", "Workstations", "description", "Workstations",
                                                    "quantity", (gint64) 100000, "unit-price", (gint64) 125000,
                                                    "has-price", TRUE, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (pacta_context_save_billing_info (context, info, &error));
  g_assert_no_error (error);
  g_list_store_append (parts, part);
  g_assert_cmpint (pacta_context_create_contract (context, contract, G_LIST_MODEL (parts), &error), >, 0);
  g_assert_no_error (error);
}

/* A self-signed certificate with an EC key for @subject, valid @days from
 * now, as NAME.key, NAME.pem and NAME.p12 (with @password) in @dir */
void
pacta_test_make_certificate (const char *dir,
                             const char *name,
                             const char *subject,
                             const char *days,
                             const char *password)
{
  g_autofree char *key = g_strconcat (name, ".key", NULL);
  g_autofree char *pem = g_strconcat (name, ".pem", NULL);
  g_autofree char *p12 = g_strconcat (name, ".p12", NULL);

  pacta_test_run_openssl (dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                          "-nodes", "-utf8", "-keyout", key, "-out", pem, "-days", days, "-subj", subject, NULL);
  pacta_test_export_p12 (dir, key, pem, p12, password);
}

/**
 * pacta_test_export_p12:
 *
 * The key and certificate (files in @dir) as a PKCS#12 file with @password,
 * as a browser or the FNMT exports them. GnuTLS, which GLib reads them with,
 * can't parse about one in 300 of openssl's exports (random salts and IVs;
 * "ASN1 parser: Error in TAG"), so the file is exported again until it
 * reads: what the tests check is Pacta, not that GnuTLS bug.
 */
void
pacta_test_export_p12 (const char *dir,
                       const char *key,
                       const char *certificate,
                       const char *p12,
                       const char *password)
{
  g_autofree char *pass = g_strconcat ("pass:", password, NULL);
  g_autofree char *path = g_build_filename (dir, p12, NULL);

  for (guint attempt = 0; attempt < 20; attempt++)
    {
      g_autoptr(GTlsCertificate) readable = NULL;

      pacta_test_run_openssl (dir, "pkcs12", "-export", "-inkey", key, "-in", certificate, "-out", p12,
                              "-passout", pass, NULL);
      if ((readable = g_tls_certificate_new_from_file_with_password (path, password, NULL)))
        return;
    }
  g_error ("GnuTLS could not read any PKCS#12 export of %s", certificate);
}

/* pacta_test_run_pacta() with the arguments given one by one, %NULL last */
int
pacta_test_run (char       **out,
                char       **err,
                const char  *first,
                ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return pacta_test_run_pacta ((const char *const *) argv->pdata, out, err);
}

/* One number from the database at @path, read by sqlite directly (as
 * another program would, while no Pacta has it open) */
gint64
pacta_test_count_rows (const char *path,
                       const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return count;
}
