/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-platform.c: the command line against the mock platform —
 * --connect (the secret from a file, into the keyring only), --sync,
 * --close-usage, --disconnect, each in a pacta process of its own. Runs
 * under keyring-session.sh: a keyring of the test's own. */
#define _GNU_SOURCE
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "pacta-mock-platform.h"
#include "pacta-test-util.h"

/* The app clock, here and in every pacta the test starts */
#define NOW "2026-12-06T10:00:00+01:00"

typedef struct
{
  PactaTestFile      file;
  PactaMockPlatform *mock;
  char              *secret_file;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  pacta_test_file_set_up (&f->file, data);
  g_setenv ("PACTA_NOW", NOW, TRUE);
  pacta_test_set_clock ("Europe/Madrid", NOW);
  f->mock = pacta_mock_platform_new ();
  pacta_mock_platform_load_fixture (f->mock, 40);
  f->secret_file = pacta_test_write_file (f->file.dir, "secret.txt", pacta_mock_platform_get_secret (f->mock), -1);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pacta_mock_platform_free (f->mock);
  g_free (f->secret_file);
  g_unsetenv ("PACTA_NOW");
  pacta_test_file_tear_down (&f->file, data);
}

/* Whether @needle is anywhere in the file at @path (a missing file holds nothing) */
static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

static void
assert_secret_not_on_disk (Fixture *f)
{
  const char *secret = pacta_mock_platform_get_secret (f->mock);
  g_autofree char *wal = g_strconcat (f->file.path, "-wal", NULL);
  g_autofree char *journal = g_strconcat (f->file.path, "-journal", NULL);

  g_assert_false (file_contains (f->file.path, secret));
  g_assert_false (file_contains (wal, secret));
  g_assert_false (file_contains (journal, secret));
}

static void
connect (Fixture *f)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->file.path,
                                   "--connect", pacta_mock_platform_get_url (f->mock),
                                   "--client-id", pacta_mock_platform_get_client_id (f->mock),
                                   "--password-file", f->secret_file, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Connected to Acme MSP"));
}

/* Connect, then sync and close a month in later runs: the secret comes
 * from the keyring, never from the database */
static void
test_connect_sync_close (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *summary;

  connect (f);
  assert_secret_not_on_disk (f);

  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->file.path, "--sync", "--summary", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Synced with Acme MSP"));
  g_assert_cmpint (pacta_test_count_rows (f->file.path, "SELECT count(*) FROM customers"), ==,
                   pacta_mock_platform_count_tenants (f->mock, "customer"));
  g_assert_cmpint (pacta_test_count_rows (f->file.path, "SELECT count(*) FROM customers WHERE external_id = 'ACC-00003'"), ==, 1);
  g_assert_cmpint (pacta_test_count_rows (f->file.path, "SELECT count(*) FROM customer_services"), >, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->file.path,
                                   "--close-usage", PACTA_MOCK_PLATFORM_REPORT_MONTH, "--summary", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "closed"));
  g_assert_cmpint (pacta_test_count_rows (f->file.path, "SELECT count(*) FROM usage_months WHERE month = '2026-11'"), ==, 1);
  g_assert_cmpint (pacta_test_count_rows (f->file.path, "SELECT count(*) FROM usage_month_quantities"), >, 0);
  /* The summary is the last line group: find its JSON object */
  g_assert_true (json_parser_load_from_data (parser, strchr (out, '{'), -1, NULL));
  summary = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (summary, "usage_closed_months"), ==, 1);
  assert_secret_not_on_disk (f);
}

/* The whole journey without a JSON file: connect, sync, billing
 * information (matched by tenant id and by the platform's external id),
 * contracts, a closed month, and a billing run that bills the closed usage
 * without being asked about provisional usage */
static void
test_connect_to_invoice (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *tenant_2 = pacta_mock_platform_customer_id (2);
  g_autofree char *csv = g_strdup_printf ("customer,business_name,debtor_code,invoice_email,vat_number,country,street,"
                                          "number,postal_code,city,state,phone,payment_terms_days,tax_exempt,"
                                          "direct_debit,send_by\n"
                                          "%s,Talleres Núñez S.L.,4300001,admin@talleres.example,ESB10000008,ES,"
                                          "Calle Mayor 1,,50013,Zaragoza,Zaragoza,,30,no,no,email\n"
                                          "ACC-00003,Clínica Sonrisa S.L.,4300002,admin@clinica.example,ESB10000131,ES,"
                                          "Avenida del Puerto 45,,46023,Valencia,Valencia,,30,no,no,email\n",
                                          tenant_2);
  g_autofree char *billing = pacta_test_write_file (f->file.dir, "billing.csv", csv, -1);
  g_autofree char *catalog_src = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "catalog.csv", NULL);
  g_autofree char *customer_2 = NULL;

  connect (f);
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->file.path, "--sync", "--import-catalog", catalog_src,
                                   "--import-billing-info", billing, "--create-missing-contracts", "2026-10-01",
                                   "--confirm-numbering", "--close-usage", PACTA_MOCK_PLATFORM_REPORT_MONTH,
                                   "--billing-run", PACTA_MOCK_PLATFORM_REPORT_MONTH, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "invoices created"));
  g_assert_cmpint (pacta_test_count_rows (f->file.path, "SELECT count(*) FROM invoices"), ==, 2);
  g_assert_cmpint (pacta_test_count_rows (f->file.path, "SELECT count(*) FROM usage_confirmations"), ==, 0);

  /* Customer 2's two storages in the report: 101 + 251 GB, as closed */
  customer_2 = g_strdup_printf ("SELECT count(*) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id"
                                " JOIN customers c ON c.id = i.customer_id"
                                " WHERE c.tenant_id = '%s' AND l.quantity = 3520000", tenant_2);
  g_assert_cmpint (pacta_test_count_rows (f->file.path, customer_2), ==, 1);
  assert_secret_not_on_disk (f);
}

/* A wrong secret: the platform's words on stderr, exit 1, nothing kept */
static void
test_connect_wrong_secret (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_free (pacta_test_write_file (f->file.dir, "secret.txt", "not-the-secret\n", -1));
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->file.path,
                                   "--connect", pacta_mock_platform_get_url (f->mock),
                                   "--client-id", pacta_mock_platform_get_client_id (f->mock),
                                   "--password-file", f->secret_file, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "HTTP 401"));
  g_assert_cmpint (pacta_test_count_rows (f->file.path, "SELECT count(*) FROM settings WHERE key LIKE 'platform-%' AND value IS NOT NULL"), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Not connected: a sync says so */
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->file.path, "--sync", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "not connected"));
}

/* The network gone mid-sync: a clear message, nothing written */
static void
test_sync_fails_writes_nothing (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  connect (f);
  pacta_mock_platform_add_fault (f->mock, "/api/2/tenants/usages", 1, PACTA_MOCK_FAULT_CUT, 0, 0);
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->file.path, "--sync", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "could not be reached"));
  g_assert_cmpint (pacta_test_count_rows (f->file.path, "SELECT count(*) FROM customers"), ==, 0);
}

/* Disconnect forgets the secret: the next sync has none */
static void
test_disconnect (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  connect (f);
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->file.path, "--disconnect", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->file.path, "--sync", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "not connected"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Connecting again with the URL and ID alone finds no secret to use */
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->file.path,
                                   "--connect", pacta_mock_platform_get_url (f->mock), NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--client-id"));
}

/* A URL Pacta won't send a secret to */
static void
test_connect_plain_http (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->file.path,
                                   "--connect", "http://cloud.example.com",
                                   "--client-id", "id", "--password-file", f->secret_file, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "https://"));
  g_assert_cmpuint (pacta_mock_platform_count_requests (f->mock, "/"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* Not G_TEST_OPTION_ISOLATE_DIRS: the pacta processes need the system's
   * GSettings schemas (GIO's proxy settings); keyring-session.sh gives the
   * test a home of its own already */
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/pacta/cli-platform/connect-sync-close", Fixture, NULL, fixture_set_up, test_connect_sync_close, fixture_tear_down);
  g_test_add ("/pacta/cli-platform/connect-to-invoice", Fixture, NULL, fixture_set_up, test_connect_to_invoice, fixture_tear_down);
  g_test_add ("/pacta/cli-platform/connect-wrong-secret", Fixture, NULL, fixture_set_up, test_connect_wrong_secret, fixture_tear_down);
  g_test_add ("/pacta/cli-platform/sync-fails-writes-nothing", Fixture, NULL, fixture_set_up, test_sync_fails_writes_nothing, fixture_tear_down);
  g_test_add ("/pacta/cli-platform/disconnect", Fixture, NULL, fixture_set_up, test_disconnect, fixture_tear_down);
  g_test_add ("/pacta/cli-platform/connect-plain-http", Fixture, NULL, fixture_set_up, test_connect_plain_http, fixture_tear_down);

  return g_test_run ();
}
