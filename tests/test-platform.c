/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-platform.c: the cloud platform's API client — connecting, syncing, closing a month, and every fault — against a mock platform */
#include "config.h"

#include <string.h>

#include "pacta-context.h"
#include "pacta-error.h"
#include "pacta-mock-platform.h"
#include "pacta-platform.h"
#include "pacta-test-util.h"

/* Enough customers that the tenant listing takes two pages of 5 000 */
#define MANY         5200
/* Enough that current usage is asked for in three chunks of 100, and,
 * with pages of at most PAGE tenants, the listing takes three pages */
#define FEW          250
#define PAGE         100
#define NOW          "2026-12-06T10:00:00Z"
#define LAST_MONTH   PACTA_MOCK_PLATFORM_REPORT_MONTH
#define QUANTITY(x)  ((gint64) (x) * 10000)

typedef struct
{
  char              *dir;
  char              *path;
  PactaMockPlatform *mock;
  PactaDatabase     *db;
  PactaSecrets      *secrets;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n_customers = GPOINTER_TO_UINT (data);

  pacta_test_set_clock ("Europe/Madrid", NOW);
  pacta_platform_set_test_delays (10, 10);
  f->dir = pacta_test_make_dir ();
  f->path = g_build_filename (f->dir, "pacta.sqlite", NULL);
  f->mock = pacta_mock_platform_new ();
  if (n_customers > 0)
    pacta_mock_platform_load_fixture (f->mock, n_customers);
  f->db = pacta_database_open (f->path, &error);
  g_assert_no_error (error);
  f->secrets = pacta_secrets_memory_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->db);
  g_clear_object (&f->secrets);
  pacta_mock_platform_free (f->mock);
  pacta_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  pacta_test_clock_reset ();
}

/* ---- helpers ---------------------------------------------------------------- */

static PactaPlatformAccount *
connect_with (Fixture     *f,
              const char  *url,
              const char  *secret,
              GError     **error)
{
  return pacta_platform_connect (f->db, f->secrets, url, pacta_mock_platform_get_client_id (f->mock), secret,
                                 NULL, error);
}

/* Connected to the mock, its counters back at nought */
static void
connect (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaPlatformAccount) account = connect_with (f, pacta_mock_platform_get_url (f->mock),
                                                          pacta_mock_platform_get_secret (f->mock), &error);

  g_assert_no_error (error);
  g_assert_nonnull (account);
  pacta_mock_platform_reset_counters (f->mock);
}

static void
on_progress_cb (double   fraction,
                gpointer data)
{
  g_array_append_val ((GArray *) data, fraction);
}

static gboolean
sync_all (Fixture            *f,
          PactaImportReport  *report,
          GError            **error)
{
  return pacta_platform_sync (f->db, f->secrets, TRUE, TRUE, NULL, NULL, report, NULL, error);
}

static void
sync_ok (Fixture *f)
{
  g_autoptr(PactaImportReport) report = pacta_import_report_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (sync_all (f, report, &error));
  g_assert_no_error (error);
}

/* Every row of every table, and the file's bytes once the log is folded
 * in: equal states mean the database is byte-identical */
static char *
database_state (Fixture *f)
{
  sqlite3 *handle = pacta_database_get_handle (f->db);
  g_autofree char *digest = NULL;
  g_autofree char *bytes = NULL;

  g_assert_cmpint (sqlite3_exec (handle, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);
  digest = pacta_test_sqlite_digest (handle);
  bytes = pacta_test_file_checksum (f->path);
  return g_strconcat (digest, " ", bytes, NULL);
}

static gint64
count (PactaDatabase *db,
       const char    *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 n = pacta_database_count (db, sql, &error);

  g_assert_no_error (error);
  return n;
}

/* The first column of the first row of @sql, with ?1 = @text if it has one */
static char *
query_text (PactaDatabase *db,
            const char    *sql,
            const char    *text)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (pacta_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static gint64
service_quantity (PactaDatabase *db,
                  guint          customer,
                  const char    *usage_key)
{
  g_autofree char *tenant = pacta_mock_platform_customer_id (customer);
  g_autofree char *sql = g_strdup_printf ("SELECT s.quantity FROM customer_services s"
                                          " JOIN customers c ON c.id = s.customer_id"
                                          " JOIN catalog_items i ON i.id = s.catalog_item_id"
                                          " WHERE c.tenant_id = ?1 AND i.usage_key = '%s'", usage_key);
  g_autofree char *text = query_text (db, sql, tenant);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : -1;
}

static gint64
month_quantity (PactaDatabase *db,
                const char    *month,
                guint          customer,
                const char    *usage_key)
{
  g_autofree char *tenant = pacta_mock_platform_customer_id (customer);
  g_autofree char *sql = g_strdup_printf ("SELECT q.quantity FROM usage_month_quantities q"
                                          " JOIN customers c ON c.id = q.customer_id"
                                          " JOIN catalog_items i ON i.id = q.catalog_item_id"
                                          " WHERE q.month = '%s' AND c.tenant_id = ?1 AND i.usage_key = '%s'",
                                          month, usage_key);
  g_autofree char *text = query_text (db, sql, tenant);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : -1;
}

/* The rows of @sql as text, one a line, NULL shown as ∅ */
static char *
dump (PactaDatabase *db,
      const char    *sql)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (pacta_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          if (i > 0)
            g_string_append_c (out, '|');
          if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
            g_string_append (out, "∅");
          else
            g_string_append (out, (const char *) sqlite3_column_text (stmt, i));
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

/* Both databases give the same rows for @sql; the first line that differs
 * is shown, not two walls of text */
static void
assert_same_rows (PactaDatabase *a,
                  PactaDatabase *b,
                  const char    *sql)
{
  g_autofree char *dump_a = dump (a, sql);
  g_autofree char *dump_b = dump (b, sql);
  g_auto(GStrv) lines_a = g_strsplit (dump_a, "\n", -1);
  g_auto(GStrv) lines_b = g_strsplit (dump_b, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines_a), >, 1);
  for (guint i = 0; lines_a[i] != NULL && lines_b[i] != NULL; i++)
    if (!g_str_equal (lines_a[i], lines_b[i]))
      g_error ("%s\nrow %u differs:\n  API:  %s\n  file: %s", sql, i, lines_a[i], lines_b[i]);
  g_assert_cmpuint (g_strv_length (lines_a), ==, g_strv_length (lines_b));
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  gsize needle_length = strlen (needle);

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  /* The file holds NULs: not a string search */
  for (gsize i = 0; i + needle_length <= length; i++)
    if (memcmp (contents + i, needle, needle_length) == 0)
      return TRUE;
  return FALSE;
}

/* Neither the secret nor the credentials made of it anywhere in the database's files */
static void
assert_secret_not_on_disk (Fixture *f)
{
  const char *secret = pacta_mock_platform_get_secret (f->mock);
  g_autofree char *credentials = g_strconcat (pacta_mock_platform_get_client_id (f->mock), ":", secret, NULL);
  g_autofree char *basic = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (f->path, suffixes[i], NULL);

      g_assert_false (file_contains (path, secret));
      g_assert_false (file_contains (path, basic));
    }
}

static char *
stored_secret (Fixture    *f,
               const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *account = pacta_platform_secret_account (url, pacta_mock_platform_get_client_id (f->mock));
  char *secret = pacta_secrets_lookup (f->secrets, PACTA_PLATFORM_SECRET_SERVICE, account, NULL, &error);

  g_assert_no_error (error);
  return secret;
}

/* Nothing of a connection kept: no account, no secret */
static void
assert_not_connected (Fixture    *f,
                      const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaPlatformAccount) account = pacta_platform_account_load (f->db, &error);
  g_autofree char *secret = stored_secret (f, url);
  g_autofree char *kept_url = pacta_database_get_setting (f->db, PACTA_PLATFORM_SETTING_URL);
  g_autofree char *kept_id = pacta_database_get_setting (f->db, PACTA_PLATFORM_SETTING_CLIENT_ID);

  g_assert_no_error (error);
  g_assert_null (account);
  g_assert_null (secret);
  g_assert_null (kept_url);
  g_assert_null (kept_id);
}

/* A port on 127.0.0.1 that nothing listens on */
static guint
closed_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  guint port;

  g_assert_no_error (error);
  g_socket_bind (sock, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (sock, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (sock, NULL);
  return port;
}

static PactaPlatformClient *
new_client (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  PactaPlatformClient *client = pacta_platform_client_new (pacta_mock_platform_get_url (f->mock),
                                                           pacta_mock_platform_get_client_id (f->mock),
                                                           pacta_mock_platform_get_secret (f->mock), &error);

  g_assert_no_error (error);
  pacta_platform_client_set_retry_delay (client, 10);
  pacta_platform_client_set_poll_interval (client, 10);
  return client;
}

/* ---- connecting ------------------------------------------------------------- */

static void
test_connect (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *url = pacta_mock_platform_get_url (f->mock);
  g_autoptr(PactaPlatformAccount) account = connect_with (f, url, pacta_mock_platform_get_secret (f->mock), &error);
  g_autoptr(PactaPlatformAccount) loaded = NULL;
  g_autofree char *kept_url = NULL;
  g_autofree char *kept_id = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *openid_authorization = NULL;
  g_autofree char *api_authorization = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_assert_cmpstr (account->tenant_name, ==, "Acme MSP");
  g_assert_cmpstr (account->tenant_id, ==, pacta_mock_platform_get_root_id (f->mock));
  g_assert_cmpstr (account->url, ==, url);
  g_assert_cmpstr (account->client_id, ==, pacta_mock_platform_get_client_id (f->mock));
  g_assert_null (account->synced_at);

  /* URL and client ID in the database, the secret in the store only */
  kept_url = pacta_database_get_setting (f->db, PACTA_PLATFORM_SETTING_URL);
  kept_id = pacta_database_get_setting (f->db, PACTA_PLATFORM_SETTING_CLIENT_ID);
  g_assert_cmpstr (kept_url, ==, url);
  g_assert_cmpstr (kept_id, ==, pacta_mock_platform_get_client_id (f->mock));
  secret = stored_secret (f, url);
  g_assert_cmpstr (secret, ==, pacta_mock_platform_get_secret (f->mock));
  assert_secret_not_on_disk (f);

  loaded = pacta_platform_account_load (f->db, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (loaded->tenant_name, ==, "Acme MSP");
  g_assert_cmpstr (loaded->tenant_id, ==, account->tenant_id);

  /* The URL checked without credentials, the secret sent only for a token */
  g_assert_cmpuint (pacta_mock_platform_count_requests (f->mock, "/.well-known/openid-configuration"), ==, 1);
  g_assert_cmpuint (pacta_mock_platform_get_tokens_issued (f->mock), ==, 1);
  openid_authorization = pacta_mock_platform_get_last_authorization (f->mock, "/.well-known/");
  g_assert_null (openid_authorization);
  api_authorization = pacta_mock_platform_get_last_authorization (f->mock, "/api/2/clients/");
  g_assert_nonnull (api_authorization);
  g_assert_true (g_str_has_prefix (api_authorization, "Bearer "));
  g_assert_cmpuint (pacta_mock_platform_count_secret_leaks (f->mock), ==, 0);
}

static void
test_connect_wrong_secret (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *url = pacta_mock_platform_get_url (f->mock);
  g_autofree char *before = database_state (f);
  g_autofree char *after = NULL;
  g_autoptr(PactaPlatformAccount) account = connect_with (f, url, "not-the-secret", &error);

  g_assert_null (account);
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_UNAUTHORIZED);
  g_test_message ("wrong secret: %s", error->message);
  g_assert_nonnull (strstr (error->message, "Invalid client credentials"));
  g_assert_cmpuint (pacta_mock_platform_count_replies (f->mock, 401), ==, 1);
  g_assert_cmpuint (pacta_mock_platform_count_requests (f->mock, "/api/2/clients/"), ==, 0);

  assert_not_connected (f, url);
  after = database_state (f);
  g_assert_cmpstr (after, ==, before);
}

/* A URL that is not the platform's: the secret never leaves */
static void
test_connect_not_platform (Fixture       *f,
                           gconstpointer  data)
{
  const char *url = pacta_mock_platform_get_url (f->mock);
  g_autofree char *closed = g_strdup_printf ("http://127.0.0.1:%u", closed_port ());
  const PactaMockFault faults[] = { PACTA_MOCK_FAULT_STATUS, PACTA_MOCK_FAULT_MALFORMED };

  /* Something that answers, but not as the platform: a 404, then a page that is not JSON */
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PactaPlatformAccount) account = NULL;

      pacta_mock_platform_add_fault (f->mock, "/.well-known/openid-configuration", 1, faults[i], 404, 0);
      account = connect_with (f, url, pacta_mock_platform_get_secret (f->mock), &error);
      g_assert_null (account);
      g_assert_nonnull (error);
      g_assert_true (error->domain == PACTA_ERROR);
      g_test_message ("not the platform: %s", error->message);
      assert_not_connected (f, url);
    }
  g_assert_cmpuint (pacta_mock_platform_count_requests (f->mock, "/.well-known/openid-configuration"), ==, 2);

  /* Nothing there at all */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PactaPlatformAccount) account = connect_with (f, closed, pacta_mock_platform_get_secret (f->mock),
                                                            &error);

    g_assert_null (account);
    g_assert_error (error, PACTA_ERROR, PACTA_ERROR_NETWORK);
    g_test_message ("closed port: %s", error->message);
    assert_not_connected (f, closed);
  }

  g_assert_cmpuint (pacta_mock_platform_count_requests (f->mock, "/api/2/"), ==, 0);
  g_assert_cmpuint (pacta_mock_platform_get_tokens_issued (f->mock), ==, 0);
  g_assert_cmpuint (pacta_mock_platform_count_secret_leaks (f->mock), ==, 0);
  assert_secret_not_on_disk (f);
}

/* Plain http only to a loopback address, and no path: refused before any request */
static void
test_connect_refused_url (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *with_path = g_strconcat (pacta_mock_platform_get_url (f->mock), "/api/2", NULL);
  const char *urls[] = { "http://192.0.2.10", "http://192.0.2.10:8080", "http://platform.example.com", with_path };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PactaPlatformAccount) account = connect_with (f, urls[i], pacta_mock_platform_get_secret (f->mock),
                                                              &error);
      g_autoptr(PactaPlatformClient) client = NULL;

      g_assert_null (account);
      g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
      g_clear_error (&error);
      client = pacta_platform_client_new (urls[i], "id", "secret", &error);
      g_assert_null (client);
      g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
      assert_not_connected (f, urls[i]);
    }
  g_assert_cmpuint (pacta_mock_platform_count_requests (f->mock, "/"), ==, 0);
}

static void
test_disconnect (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *url = pacta_mock_platform_get_url (f->mock);

  connect (f);
  sync_ok (f);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM customers"), ==, FEW);

  g_assert_true (pacta_platform_disconnect (f->db, f->secrets, NULL, &error));
  g_assert_no_error (error);
  assert_not_connected (f, url);
  /* Customers and usage stay */
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM customers"), ==, FEW);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM customer_services"), >, 0);

  /* Not connected: a sync says so, and asks nothing */
  {
    g_autoptr(PactaImportReport) report = pacta_import_report_new ();

    pacta_mock_platform_reset_counters (f->mock);
    g_assert_false (sync_all (f, report, &error));
    g_assert_error (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND);
    g_assert_cmpuint (pacta_mock_platform_count_requests (f->mock, "/"), ==, 0);
  }
}

/* ---- syncing ---------------------------------------------------------------- */

static void
test_sync (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(PactaImportReport) report = pacta_import_report_new ();
  g_autoptr(GArray) progress = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaPlatformAccount) account = NULL;
  g_autofree char *customer3 = pacta_mock_platform_customer_id (3);
  g_autofree char *customer1 = pacta_mock_platform_customer_id (1);
  g_autofree char *customer2 = pacta_mock_platform_customer_id (2);
  g_autofree char *customer7 = pacta_mock_platform_customer_id (7);
  g_autofree char *external3 = NULL;
  g_autofree char *external1 = NULL;
  g_autofree char *external2 = NULL;
  g_autofree char *disabled = NULL;
  guint folders = pacta_mock_platform_count_tenants (f->mock, "folder");
  guint partners = pacta_mock_platform_count_tenants (f->mock, "partner");
  guint units = pacta_mock_platform_count_tenants (f->mock, "unit");

  connect (f);
  g_assert_true (pacta_platform_sync (f->db, f->secrets, TRUE, TRUE, on_progress_cb, progress, report, NULL, &error));
  g_assert_no_error (error);

  /* Every page of the subtree, later pages by cursor alone (the mock refuses more) */
  g_assert_cmpuint (pacta_mock_platform_count_requests (f->mock, "/api/2/tenants?"), ==, 2);
  g_assert_cmpuint (pacta_mock_platform_count_requests (f->mock, "/api/2/tenants?after="), ==, 1);
  g_assert_cmpuint (pacta_mock_platform_count_requests (f->mock, "/api/2/tenants/usages?"), >=, MANY / 100);
  g_assert_cmpuint (pacta_mock_platform_count_replies (f->mock, 400), ==, 0);

  /* Exactly the customer tenants, wherever they sit */
  g_assert_cmpuint (report->customers_created, ==, MANY);
  g_assert_cmpuint (report->customers_updated, ==, 0);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM customers"), ==, MANY);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM customers WHERE tenant_id LIKE 'c0570000-%'"), ==, MANY);
  g_assert_cmpuint (folders, ==, 3);
  g_assert_cmpuint (partners, ==, 1);
  g_assert_cmpuint (units, ==, MANY / 40);
  g_assert_cmpuint (report->tenants_skipped, ==, folders + partners + units);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (report->skipped_by_kind, "folder")), ==, folders);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (report->skipped_by_kind, "partner")), ==, partners);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (report->skipped_by_kind, "unit")), ==, units);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM skipped_tenants"), ==, folders + partners + units);

  /* The disabled one, and the external ids as the platform has them */
  disabled = query_text (f->db, "SELECT group_concat(tenant_id) FROM customers WHERE enabled = 0", NULL);
  g_assert_cmpstr (disabled, ==, customer7);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM customers WHERE external_id IS NOT NULL"), ==, MANY / 3);
  external3 = query_text (f->db, "SELECT external_id FROM customers WHERE tenant_id = ?1", customer3);
  external1 = query_text (f->db, "SELECT external_id FROM customers WHERE tenant_id = ?1", customer1);
  external2 = query_text (f->db, "SELECT external_id FROM customers WHERE tenant_id = ?1", customer2);
  g_assert_cmpstr (external3, ==, "ACC-00003");
  g_assert_null (external1);
  g_assert_null (external2);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM contacts WHERE from_platform = 1"), ==, MANY - MANY / 10);

  /* Services: both storages of customer 2 count */
  g_assert_cmpint (service_quantity (f->db, 2, "storage"), ==, QUANTITY (350));
  g_assert_cmpint (service_quantity (f->db, 1, "workstations"), ==, QUANTITY (2));
  g_assert_cmpint (service_quantity (f->db, 2, "m365_seats"), ==, QUANTITY (3));
  g_assert_cmpint (service_quantity (f->db, 1, "m365_seats"), ==, -1);

  account = pacta_platform_account_load (f->db, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account->synced_at);
  g_assert_nonnull (account->usage_at);

  /* Progress only goes forward, up to the end */
  g_assert_cmpuint (progress->len, >, 0);
  for (guint i = 0; i < progress->len; i++)
    {
      double fraction = g_array_index (progress, double, i);

      g_assert_cmpfloat (fraction, >=, 0.0);
      g_assert_cmpfloat (fraction, <=, 1.0);
      if (i > 0)
        g_assert_cmpfloat (fraction, >=, g_array_index (progress, double, i - 1));
    }
  g_assert_cmpfloat (g_array_index (progress, double, progress->len - 1), ==, 1.0);

  g_assert_cmpuint (pacta_mock_platform_count_secret_leaks (f->mock), ==, 0);
  assert_secret_not_on_disk (f);
}

/* One code path: the API sync and the file import of the same data agree */
static void
test_sync_matches_file_import (Fixture       *f,
                               gconstpointer  data)
{
  static const char *queries[] = {
    "SELECT tenant_id, name, kind, enabled, email, language, address1, address2, city, state, zipcode, country,"
    " phone, self_managed, external_id FROM customers ORDER BY tenant_id",
    "SELECT c.tenant_id, k.name, k.email, k.phone, k.job_title, k.company_contact, k.from_platform"
    " FROM contacts k JOIN customers c ON c.id = k.customer_id ORDER BY c.tenant_id, k.name",
    "SELECT c.tenant_id, i.usage_key, s.quantity FROM customer_services s"
    " JOIN customers c ON c.id = s.customer_id JOIN catalog_items i ON i.id = s.catalog_item_id"
    " ORDER BY c.tenant_id, i.usage_key",
    "SELECT tenant_id, kind, name FROM skipped_tenants ORDER BY tenant_id",
    "SELECT usage_key, name, unit, price, is_contract_item, is_sales_item FROM catalog_items ORDER BY usage_key",
  };
  g_autoptr(PactaImportReport) api_report = pacta_import_report_new ();
  g_autoptr(PactaImportReport) file_report = pacta_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *files_path = g_build_filename (f->dir, "files.sqlite", NULL);
  g_autoptr(PactaDatabase) files_db = NULL;
  g_autofree char *tenants_path = NULL;
  g_autofree char *usages_path = NULL;
  g_autoptr(GFile) tenants = NULL;
  g_autoptr(GFile) usages = NULL;
  const char *kinds[] = { "folder", "partner", "unit" };

  pacta_mock_platform_set_page_cap (f->mock, PAGE);
  connect (f);
  g_assert_true (sync_all (f, api_report, &error));
  g_assert_no_error (error);

  pacta_mock_platform_write_listings (f->mock, f->dir, &tenants_path, &usages_path);
  tenants = g_file_new_for_path (tenants_path);
  usages = g_file_new_for_path (usages_path);
  files_db = pacta_database_open (files_path, &error);
  g_assert_no_error (error);
  g_assert_true (pacta_import_platform (files_db, tenants, usages, NULL, NULL, file_report, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (pacta_mock_platform_count_requests (f->mock, "/api/2/tenants?after="), ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    assert_same_rows (f->db, files_db, queries[i]);

  g_assert_cmpuint (api_report->customers_created, ==, file_report->customers_created);
  g_assert_cmpuint (api_report->customers_updated, ==, file_report->customers_updated);
  g_assert_cmpuint (api_report->customers_unchanged, ==, file_report->customers_unchanged);
  g_assert_cmpuint (api_report->tenants_skipped, ==, file_report->tenants_skipped);
  g_assert_cmpuint (api_report->services_created, ==, file_report->services_created);
  g_assert_cmpuint (api_report->services_updated, ==, file_report->services_updated);
  g_assert_cmpuint (api_report->services_removed, ==, file_report->services_removed);
  g_assert_cmpuint (api_report->usages_skipped, ==, file_report->usages_skipped);
  g_assert_cmpuint (api_report->catalog_items_created, ==, file_report->catalog_items_created);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (api_report->skipped_by_kind, kinds[i])), ==,
                      GPOINTER_TO_UINT (g_hash_table_lookup (file_report->skipped_by_kind, kinds[i])));
}

static void
test_resync_changes_nothing (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(PactaImportReport) report = pacta_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  pacta_mock_platform_set_page_cap (f->mock, PAGE);
  connect (f);
  sync_ok (f);
  before = pacta_test_sqlite_digest (pacta_database_get_handle (f->db));

  g_assert_true (sync_all (f, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->customers_created, ==, 0);
  g_assert_cmpuint (report->customers_updated, ==, 0);
  g_assert_cmpuint (report->customers_unchanged, ==, FEW);
  g_assert_cmpuint (report->services_created, ==, 0);
  g_assert_cmpuint (report->services_updated, ==, 0);
  g_assert_cmpuint (report->services_removed, ==, 0);
  g_assert_cmpuint (report->catalog_items_created, ==, 0);

  after = pacta_test_sqlite_digest (pacta_database_get_handle (f->db));
  g_assert_cmpstr (after, ==, before);
}

/* ---- faults ----------------------------------------------------------------- */

/* A sync that fails with @domain/@code, writing nothing */
static GError *
sync_fails (Fixture *f,
            GQuark   domain,
            int      code)
{
  g_autoptr(PactaImportReport) report = pacta_import_report_new ();
  g_autofree char *before = database_state (f);
  g_autofree char *after = NULL;
  GError *error = NULL;

  g_assert_false (sync_all (f, report, &error));
  g_assert_nonnull (error);
  g_test_message ("the sync failed: %s", error->message);
  if (code >= 0)
    g_assert_error (error, domain, code);
  else
    g_assert_true (error->domain == domain);
  after = database_state (f);
  g_assert_cmpstr (after, ==, before);
  return error;
}

static void
test_token_expires_mid_sync (Fixture       *f,
                             gconstpointer  data)
{
  connect (f);
  /* The token runs out just before the second chunk of usage is asked for */
  pacta_mock_platform_add_fault (f->mock, "/api/2/tenants/usages?", 2, PACTA_MOCK_FAULT_EXPIRE_TOKENS, 0, 0);
  sync_ok (f);

  g_assert_cmpuint (pacta_mock_platform_count_replies (f->mock, 401), ==, 1);
  g_assert_cmpuint (pacta_mock_platform_get_tokens_issued (f->mock), ==, 2);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM customers"), ==, FEW);
  g_assert_cmpint (service_quantity (f->db, FEW, "workstations"), ==, QUANTITY (FEW % 25 + 1));
}

static void
test_two_401_fail (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  connect (f);
  pacta_mock_platform_add_fault (f->mock, "/api/2/tenants?", 1, PACTA_MOCK_FAULT_STATUS, 401, 0);
  pacta_mock_platform_add_fault (f->mock, "/api/2/tenants?", 1, PACTA_MOCK_FAULT_STATUS, 401, 0);
  error = sync_fails (f, PACTA_ERROR, -1);
  g_assert_true (error->code == PACTA_ERROR_UNAUTHORIZED || error->code == PACTA_ERROR_REMOTE);

  /* Renewed once, and no more */
  g_assert_cmpuint (pacta_mock_platform_count_requests (f->mock, "/api/2/tenants?"), ==, 2);
  g_assert_cmpuint (pacta_mock_platform_get_tokens_issued (f->mock), ==, 2);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM customers"), ==, 0);
}

/* The token is renewed before it runs out, by the app's clock: no 401 seen */
static void
test_token_renewed_before_expiry (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(PactaPlatformClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_name = NULL;
  g_autofree char *second_name = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(JsonNode) usages = NULL;
  g_autofree char *customer1 = pacta_mock_platform_customer_id (1);
  const char *ids[] = { customer1, NULL };

  pacta_mock_platform_set_token_lifetime (f->mock, 600);
  client = new_client (f);
  g_assert_true (pacta_platform_client_authenticate (client, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pacta_mock_platform_get_tokens_issued (f->mock), ==, 1);

  /* Still valid, but within the margin: renewed first */
  pacta_test_set_clock ("Europe/Madrid", "2026-12-06T10:09:30Z");
  first = pacta_platform_client_get_own_tenant (client, &first_name, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, pacta_mock_platform_get_root_id (f->mock));
  g_assert_cmpstr (first_name, ==, "Acme MSP");
  g_assert_cmpuint (pacta_mock_platform_get_tokens_issued (f->mock), ==, 2);

  /* Well past its time: renewed first, not after a refusal */
  pacta_test_set_clock ("Europe/Madrid", "2026-12-06T11:00:00Z");
  usages = pacta_platform_client_list_usages (client, ids, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (usages);
  g_assert_cmpuint (pacta_mock_platform_get_tokens_issued (f->mock), ==, 3);

  /* And while it is good, it is kept */
  second = pacta_platform_client_get_own_tenant (client, &second_name, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pacta_mock_platform_get_tokens_issued (f->mock), ==, 3);
  g_assert_cmpuint (pacta_mock_platform_count_replies (f->mock, 401), ==, 0);
}

static void
test_one_500_retried (Fixture       *f,
                      gconstpointer  data)
{
  connect (f);
  pacta_mock_platform_add_fault (f->mock, "/api/2/tenants?", 1, PACTA_MOCK_FAULT_STATUS, 500, 0);
  sync_ok (f);

  g_assert_cmpuint (pacta_mock_platform_count_replies (f->mock, 500), ==, 1);
  g_assert_cmpuint (pacta_mock_platform_count_requests (f->mock, "/api/2/tenants?"), ==, 2);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM customers"), ==, FEW);
}

static void
test_three_500_fail (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  connect (f);
  for (guint i = 0; i < 3; i++)
    pacta_mock_platform_add_fault (f->mock, "/api/2/tenants?", 1, PACTA_MOCK_FAULT_STATUS, 500, 0);
  error = sync_fails (f, PACTA_ERROR, PACTA_ERROR_REMOTE);

  /* The status and the platform's words */
  g_assert_nonnull (strstr (error->message, "500"));
  g_assert_nonnull (strstr (error->message, "The mock platform failed on purpose"));
  g_assert_cmpuint (pacta_mock_platform_count_requests (f->mock, "/api/2/tenants?"), ==, 3);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM customers"), ==, 0);
}

/* 429 and 503 wait for Retry-After (a wait the platform asked for, timed;
 * nothing waits on the test's side) */
static void
test_retry_after (Fixture       *f,
                  gconstpointer  data)
{
  gint64 start;

  connect (f);
  pacta_mock_platform_add_fault (f->mock, "/api/2/tenants/usages?", 1, PACTA_MOCK_FAULT_STATUS, 429, 1);
  pacta_mock_platform_add_fault (f->mock, "/api/2/tenants?", 1, PACTA_MOCK_FAULT_STATUS, 503, 1);
  start = g_get_monotonic_time ();
  sync_ok (f);

  g_assert_cmpint (g_get_monotonic_time () - start, >=, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (pacta_mock_platform_count_replies (f->mock, 429), ==, 1);
  g_assert_cmpuint (pacta_mock_platform_count_replies (f->mock, 503), ==, 1);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM customers"), ==, FEW);
}

static void
test_repeated_cursor (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  pacta_mock_platform_set_page_cap (f->mock, PAGE);
  connect (f);
  pacta_mock_platform_add_fault (f->mock, "/api/2/tenants?", 1, PACTA_MOCK_FAULT_REPEAT_CURSOR, 0, 0);
  error = sync_fails (f, PACTA_ERROR, -1);

  /* Stopped at the repeat, not looping */
  g_assert_true (error->code == PACTA_ERROR_INVALID_FILE || error->code == PACTA_ERROR_REMOTE);
  g_assert_cmpuint (pacta_mock_platform_count_requests (f->mock, "/api/2/tenants?after="), ==, 1);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM customers"), ==, 0);
}

static void
test_malformed_json (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  connect (f);
  pacta_mock_platform_add_fault (f->mock, "/api/2/tenants?", 1, PACTA_MOCK_FAULT_MALFORMED, 0, 0);
  error = sync_fails (f, PACTA_ERROR, -1);

  g_assert_true (error->code == PACTA_ERROR_INVALID_FILE || error->code == PACTA_ERROR_REMOTE);
  /* The message names the call that gave it ("listing the customers") */
  g_assert_nonnull (strstr (error->message, "customers"));
}

/* The connection broken halfway through the second page (every try, should
 * the client try again) */
static void
test_dropped_mid_page (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  pacta_mock_platform_set_page_cap (f->mock, PAGE);
  connect (f);
  for (guint i = 0; i < 3; i++)
    pacta_mock_platform_add_fault (f->mock, "/api/2/tenants?after=", 1, PACTA_MOCK_FAULT_CUT, 0, 0);
  error = sync_fails (f, PACTA_ERROR, PACTA_ERROR_NETWORK);
  g_assert_cmpuint (pacta_mock_platform_count_requests (f->mock, "/api/2/tenants?after="), >=, 1);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM customers"), ==, 0);
}

typedef struct
{
  Fixture      *f;
  GCancellable *cancellable;
  GError       *error;
  gboolean      done;
} SyncJob;

static gpointer
sync_thread (gpointer data)
{
  SyncJob *job = data;
  g_autoptr(PactaImportReport) report = pacta_import_report_new ();

  job->done = pacta_platform_sync (job->f->db, job->f->secrets, TRUE, TRUE, NULL, NULL, report, job->cancellable,
                                   &job->error);
  return NULL;
}

/* Cancelled while the platform has not answered: at once, nothing written */
static void
test_cancel_while_waiting (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  SyncJob job = { f, cancellable, NULL, FALSE };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GThread *thread;
  gint64 start;

  connect (f);
  before = database_state (f);
  pacta_mock_platform_hold (f->mock, "/api/2/tenants/usages?");
  thread = g_thread_new ("sync", sync_thread, &job);
  pacta_mock_platform_wait_held (f->mock);

  start = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  g_thread_join (thread);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  pacta_mock_platform_release (f->mock);

  g_assert_false (job.done);
  g_assert_error (job.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&job.error);
  after = database_state (f);
  g_assert_cmpstr (after, ==, before);
}

/* A reply that does not come: the client gives up after its timeout with a
 * network error, not a hang */
static void
test_slow_reply (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PactaPlatformClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tenant = NULL;
  gint64 start;

  client = pacta_platform_client_new (pacta_mock_platform_get_url (f->mock), pacta_mock_platform_get_client_id (f->mock),
                                      pacta_mock_platform_get_secret (f->mock), &error);
  g_assert_no_error (error);
  pacta_platform_client_set_timeout (client, 1);
  g_assert_true (pacta_platform_client_authenticate (client, NULL, &error));
  g_assert_no_error (error);

  pacta_mock_platform_hold (f->mock, "/api/2/clients/");
  start = g_get_monotonic_time ();
  tenant = pacta_platform_client_get_own_tenant (client, NULL, NULL, &error);
  g_assert_null (tenant);
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "reading the API client"));
  /* Gave up at its timeout, well before the default one */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);
  pacta_mock_platform_release (f->mock);
}

/* ---- through the context ---------------------------------------------------- */

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} Waiter;

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Waiter *waiter = data;

  waiter->result = g_object_ref (result);
  g_main_loop_quit (waiter->loop);
}

static void
test_context (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaContext) context = pacta_context_new (f->db, FALSE, &error);
  g_autoptr(PactaPlatformAccount) account = NULL;
  g_autoptr(PactaPlatformAccount) current = NULL;
  g_autoptr(PactaImportReport) report = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Waiter waiter = { g_main_loop_new (NULL, FALSE), NULL };

  g_assert_no_error (error);
  pacta_context_set_secrets (context, f->secrets);
  g_assert_true (pacta_context_get_secrets (context) == f->secrets);
  g_assert_false (pacta_context_get_platform_connected (context));

  account = pacta_context_connect_platform (context, pacta_mock_platform_get_url (f->mock),
                                            pacta_mock_platform_get_client_id (f->mock),
                                            pacta_mock_platform_get_secret (f->mock), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (account->tenant_name, ==, "Acme MSP");
  g_assert_true (pacta_context_get_platform_connected (context));
  current = pacta_context_get_platform_account (context);
  g_assert_cmpstr (current->tenant_id, ==, account->tenant_id);

  report = pacta_context_sync_platform (context, TRUE, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->customers_created, ==, FEW);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pacta_context_get_customers (context))), ==, FEW);

  /* Cancelled from the main thread while the worker waits for the platform */
  pacta_mock_platform_hold (f->mock, "/api/2/tenants?");
  pacta_context_sync_platform_async (context, TRUE, TRUE, NULL, NULL, cancellable, on_done_cb, &waiter);
  pacta_mock_platform_wait_held (f->mock);
  g_cancellable_cancel (cancellable);
  g_main_loop_run (waiter.loop);
  pacta_mock_platform_release (f->mock);
  g_clear_pointer (&report, pacta_import_report_free);
  report = pacta_context_sync_platform_finish (context, waiter.result, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_true (pacta_context_disconnect_platform (context, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (pacta_context_get_platform_connected (context));
  g_clear_object (&waiter.result);
  g_main_loop_unref (waiter.loop);
}

/* ---- the client on its own -------------------------------------------------- */

static void
test_client_pages_and_chunks (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(PactaPlatformClient) client = new_client (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) tenants = NULL;
  g_autoptr(JsonNode) usages = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  guint n_tenants = FEW + pacta_mock_platform_count_tenants (f->mock, "folder") +
                    pacta_mock_platform_count_tenants (f->mock, "partner") +
                    pacta_mock_platform_count_tenants (f->mock, "unit");

  pacta_mock_platform_set_page_cap (f->mock, PAGE);
  tenants = pacta_platform_client_list_tenants (client, pacta_mock_platform_get_root_id (f->mock), NULL, NULL, NULL,
                                                &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (tenants), "items")), ==,
                    n_tenants);
  g_assert_cmpuint (pacta_mock_platform_count_requests (f->mock, "/api/2/tenants?"), ==, 3);
  g_assert_cmpuint (pacta_mock_platform_count_requests (f->mock, "/api/2/tenants?after="), ==, 2);

  for (guint n = 1; n <= FEW; n++)
    g_ptr_array_add (ids, pacta_mock_platform_customer_id (n));
  g_ptr_array_add (ids, g_strdup ("not-a-tenant"));
  g_ptr_array_add (ids, NULL);
  usages = pacta_platform_client_list_usages (client, (const char * const *) ids->pdata, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (usages), "items")), ==,
                    FEW);
  g_assert_cmpuint (pacta_mock_platform_count_requests (f->mock, "/api/2/tenants/usages?"), ==, 3);
  g_assert_cmpuint (pacta_mock_platform_count_replies (f->mock, 400), ==, 0);
}

static void
test_client_report (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PactaPlatformClient) client = new_client (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) report = NULL;
  g_autoptr(JsonNode) empty = NULL;
  g_autofree char *report_id = NULL;
  g_autofree char *customer2 = pacta_mock_platform_customer_id (2);
  JsonArray *items;
  JsonObject *second;

  report = pacta_platform_client_usage_report (client, pacta_mock_platform_get_root_id (f->mock), LAST_MONTH,
                                               &report_id, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report_id);
  /* Ordered once, looked at until saved (twice "processing"), downloaded once */
  g_assert_cmpuint (pacta_mock_platform_count_requests (f->mock, "/api/2/reports$"), ==, 1);
  g_assert_cmpuint (pacta_mock_platform_count_requests (f->mock, "/api/2/reports/"), ==, 4);

  /* Uncompressed, as the mock made it */
  items = json_object_get_array_member (json_node_get_object (report), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, FEW);
  second = json_array_get_object_element (items, 1);
  g_assert_cmpstr (json_object_get_string_member (second, "tenant"), ==, customer2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (second, "usages")), ==, 4);

  /* A month the platform has nothing for: an empty report */
  pacta_mock_platform_set_processing_polls (f->mock, 0);
  empty = pacta_platform_client_usage_report (client, pacta_mock_platform_get_root_id (f->mock), "2026-10",
                                              NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (empty), "items")), ==, 0);
}

/* ---- closing a month -------------------------------------------------------- */

static PactaUsageCloseReport *
close_month (Fixture     *f,
             const char  *month,
             GError     **error)
{
  PactaUsageCloseReport *report = pacta_usage_close_report_new ();

  if (!pacta_platform_close_month (f->db, f->secrets, month, NULL, NULL, report, NULL, error))
    g_clear_pointer (&report, pacta_usage_close_report_free);
  return report;
}

static void
test_close_month (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaUsageCloseReport) report = NULL;
  g_autofree char *closed_at = NULL;
  g_auto(GStrv) months = NULL;
  g_autoptr(GArray) progress = g_array_new (FALSE, FALSE, sizeof (double));

  connect (f);
  sync_ok (f);
  pacta_mock_platform_reset_counters (f->mock);
  g_assert_false (pacta_usage_month_is_closed (f->db, LAST_MONTH, NULL, &error));
  g_assert_no_error (error);

  report = pacta_usage_close_report_new ();
  g_assert_true (pacta_platform_close_month (f->db, f->secrets, LAST_MONTH, on_progress_cb, progress, report, NULL,
                                             &error));
  g_assert_no_error (error);
  g_assert_cmpstr (report->month, ==, LAST_MONTH);
  g_assert_false (report->replaced);
  g_assert_cmpuint (report->customers, ==, FEW);
  g_assert_cmpuint (report->tenants_unknown, ==, 0);
  g_assert_cmpuint (report->quantities_added, ==, report->quantities);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM usage_month_quantities WHERE month = '" LAST_MONTH "'"), ==,
                   report->quantities);
  g_assert_cmpfloat (g_array_index (progress, double, progress->len - 1), ==, 1.0);

  /* The report ordered once, "processing" twice then "saved", downloaded */
  g_assert_cmpuint (pacta_mock_platform_count_requests (f->mock, "/api/2/reports$"), ==, 1);
  g_assert_cmpuint (pacta_mock_platform_count_requests (f->mock, "/api/2/reports/"), ==, 4);

  g_assert_true (pacta_usage_month_is_closed (f->db, LAST_MONTH, &closed_at, &error));
  g_assert_no_error (error);
  g_assert_nonnull (closed_at);
  months = pacta_usage_months_list (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (months), ==, 1);
  g_assert_cmpstr (months[0], ==, LAST_MONTH);

  /* The month's usage from the report, not the current usage */
  g_assert_cmpint (month_quantity (f->db, LAST_MONTH, 1, "workstations"), ==, QUANTITY (3));
  g_assert_cmpint (service_quantity (f->db, 1, "workstations"), ==, QUANTITY (2));
  g_assert_cmpint (month_quantity (f->db, LAST_MONTH, 2, "storage"), ==, QUANTITY (352));
  g_assert_cmpint (service_quantity (f->db, 2, "storage"), ==, QUANTITY (350));
  g_assert_cmpuint (pacta_mock_platform_count_secret_leaks (f->mock), ==, 0);
}

static void
test_close_future_month (Fixture       *f,
                         gconstpointer  data)
{
  const char *months[] = { "2026-12", "2027-01" };

  connect (f);
  sync_ok (f);
  pacta_mock_platform_reset_counters (f->mock);

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PactaUsageCloseReport) report = close_month (f, months[i], &error);
      gboolean closed;

      g_assert_null (report);
      g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
      g_clear_error (&error);
      closed = pacta_usage_month_is_closed (f->db, months[i], NULL, &error);
      g_assert_no_error (error);
      g_assert_false (closed);
    }
  g_assert_cmpuint (pacta_mock_platform_count_requests (f->mock, "/api/2/reports"), ==, 0);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM usage_months"), ==, 0);
}

/* A second close replaces the first in one go, and says what changed */
static void
test_close_month_again (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaUsageCloseReport) first = NULL;
  g_autoptr(PactaUsageCloseReport) second = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *customer1 = pacta_mock_platform_customer_id (1);
  g_autofree char *content = g_strdup_printf ("{\"items\": [{\"tenant\": \"%s\", \"usages\": [{\"name\": \"workstations\","
                                              " \"usage_name\": \"workstations\", \"edition\": \"standard\", \"value\": 50,"
                                              " \"absolute_value\": 50, \"measurement_unit\": \"quantity\","
                                              " \"type\": \"feature\", \"range_start\": \"2026-11-01T00:00:00Z\"}]}]}",
                                              customer1);

  connect (f);
  sync_ok (f);
  first = close_month (f, LAST_MONTH, &error);
  g_assert_no_error (error);
  g_assert_false (first->replaced);

  /* The platform now says something else of the month */
  g_assert_true (json_parser_load_from_data (parser, content, -1, &error));
  pacta_mock_platform_set_report (f->mock, LAST_MONTH, json_parser_get_root (parser));
  second = close_month (f, LAST_MONTH, &error);
  g_assert_no_error (error);
  g_assert_true (second->replaced);
  g_assert_cmpuint (second->customers, ==, 1);
  g_assert_cmpuint (second->quantities, ==, 1);
  g_assert_cmpuint (second->quantities_changed, ==, 1);
  g_assert_cmpuint (second->quantities_added, ==, 0);
  g_assert_cmpuint (second->quantities_removed, ==, first->quantities - 1);

  g_assert_cmpint (count (f->db, "SELECT count(*) FROM usage_months"), ==, 1);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM usage_month_quantities"), ==, 1);
  g_assert_cmpint (month_quantity (f->db, LAST_MONTH, 1, "workstations"), ==, QUANTITY (50));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, n, func) \
  g_test_add ("/pacta/platform/" path, Fixture, GUINT_TO_POINTER (n), fixture_set_up, func, fixture_tear_down)

  ADD ("connect", 0, test_connect);
  ADD ("connect-wrong-secret", 0, test_connect_wrong_secret);
  ADD ("connect-not-platform", 0, test_connect_not_platform);
  ADD ("connect-refused-url", 0, test_connect_refused_url);
  ADD ("disconnect", FEW, test_disconnect);
  ADD ("sync", MANY, test_sync);
  ADD ("sync-matches-file-import", FEW, test_sync_matches_file_import);
  ADD ("resync-changes-nothing", FEW, test_resync_changes_nothing);
  ADD ("token-expires-mid-sync", FEW, test_token_expires_mid_sync);
  ADD ("two-401-fail", FEW, test_two_401_fail);
  ADD ("token-renewed-before-expiry", FEW, test_token_renewed_before_expiry);
  ADD ("one-500-retried", FEW, test_one_500_retried);
  ADD ("three-500-fail", FEW, test_three_500_fail);
  ADD ("retry-after", FEW, test_retry_after);
  ADD ("repeated-cursor", FEW, test_repeated_cursor);
  ADD ("malformed-json", FEW, test_malformed_json);
  ADD ("dropped-mid-page", FEW, test_dropped_mid_page);
  ADD ("cancel-while-waiting", FEW, test_cancel_while_waiting);
  ADD ("slow-reply", FEW, test_slow_reply);
  ADD ("context", FEW, test_context);
  ADD ("client-pages-and-chunks", FEW, test_client_pages_and_chunks);
  ADD ("client-report", FEW, test_client_report);
  ADD ("close-month", FEW, test_close_month);
  ADD ("close-future-month", FEW, test_close_future_month);
  ADD ("close-month-again", FEW, test_close_month_again);

#undef ADD

  return g_test_run ();
}
