/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-platform.c: connecting to the cloud platform, syncing customers and
 * current usage through the import's importer, and closing a month's usage.
 *
 * Each operation asks the network for everything first and writes after,
 * in one transaction, so a failure half-way (the network pulled, a 500, a
 * Cancel) leaves the database as it was.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pacta-clock.h"
#include "pacta-error.h"
#include "pacta-platform.h"

static guint test_retry_delay_ms;
static guint test_poll_interval_ms;

void
pacta_platform_set_test_delays (guint retry_delay_ms,
                                guint poll_interval_ms)
{
  test_retry_delay_ms = retry_delay_ms;
  test_poll_interval_ms = poll_interval_ms;
}

void
pacta_platform_account_free (PactaPlatformAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->url);
  g_free (account->client_id);
  g_free (account->tenant_id);
  g_free (account->tenant_name);
  g_free (account->synced_at);
  g_free (account->usage_at);
  g_free (account);
}

PactaPlatformAccount *
pacta_platform_account_load (PactaDatabase  *database,
                             GError        **error)
{
  g_autoptr(PactaPlatformAccount) account = g_new0 (PactaPlatformAccount, 1);

  g_return_val_if_fail (PACTA_IS_DATABASE (database), NULL);

  account->url = pacta_database_get_setting (database, PACTA_PLATFORM_SETTING_URL);
  account->client_id = pacta_database_get_setting (database, PACTA_PLATFORM_SETTING_CLIENT_ID);
  account->tenant_id = pacta_database_get_setting (database, PACTA_PLATFORM_SETTING_TENANT_ID);
  if (account->url == NULL || account->client_id == NULL || account->tenant_id == NULL)
    return NULL;
  account->tenant_name = pacta_database_get_setting (database, PACTA_PLATFORM_SETTING_TENANT_NAME);
  account->synced_at = pacta_database_get_setting (database, PACTA_PLATFORM_SETTING_SYNCED_AT);
  account->usage_at = pacta_database_get_setting (database, PACTA_PLATFORM_SETTING_USAGE_AT);
  return g_steal_pointer (&account);
}

char *
pacta_platform_secret_account (const char *url,
                               const char *client_id)
{
  return g_strconcat (client_id, "@", url, NULL);
}

static PactaPlatformClient *
client_new (const char  *url,
            const char  *client_id,
            const char  *secret,
            GError     **error)
{
  PactaPlatformClient *client = pacta_platform_client_new (url, client_id, secret, error);

  if (client != NULL && test_retry_delay_ms > 0)
    pacta_platform_client_set_retry_delay (client, test_retry_delay_ms);
  if (client != NULL && test_poll_interval_ms > 0)
    pacta_platform_client_set_poll_interval (client, test_poll_interval_ms);
  return client;
}

/* The connected account and a client for it, its secret from @secrets */
static PactaPlatformClient *
connected_client (PactaDatabase          *database,
                  PactaSecrets           *secrets,
                  PactaPlatformAccount  **account_out,
                  GCancellable           *cancellable,
                  GError                **error)
{
  g_autoptr(PactaPlatformAccount) account = pacta_platform_account_load (database, error);
  g_autofree char *key = NULL;
  char *secret;
  PactaPlatformClient *client;

  if (account == NULL)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND,
                   _("Pacta is not connected to the cloud platform: connect first, with the API client’s "
                     "data center URL, client ID and secret."));
      return NULL;
    }

  key = pacta_platform_secret_account (account->url, account->client_id);
  if (!(secret = pacta_secrets_lookup (secrets, PACTA_PLATFORM_SECRET_SERVICE, key, cancellable, error)))
    {
      if (error == NULL || *error == NULL)
        g_set_error (error, PACTA_ERROR, PACTA_ERROR_PASSWORD_REQUIRED,
                     _("The keyring holds no secret for the API client %s: connect again to give it."),
                     account->client_id);
      return NULL;
    }

  client = client_new (account->url, account->client_id, secret, error);
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
  if (client != NULL && account_out != NULL)
    *account_out = g_steal_pointer (&account);
  return client;
}

static gboolean
write_settings (PactaDatabase  *database,
                const char    **keys,
                const char    **values,
                guint           n,
                GError        **error)
{
  if (!pacta_database_begin (database, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!pacta_database_set_setting (database, keys[i], values[i], error))
      {
        pacta_database_rollback (database);
        return FALSE;
      }
  if (!pacta_database_commit (database, error))
    {
      pacta_database_rollback (database);
      return FALSE;
    }
  return TRUE;
}

PactaPlatformAccount *
pacta_platform_connect (PactaDatabase  *database,
                        PactaSecrets   *secrets,
                        const char     *url,
                        const char     *client_id,
                        const char     *secret,
                        GCancellable   *cancellable,
                        GError        **error)
{
  g_autoptr(PactaPlatformClient) client = NULL;
  g_autoptr(PactaPlatformAccount) before = NULL;
  g_autoptr(PactaPlatformAccount) account = NULL;
  g_autofree char *key = NULL;
  g_autofree char *label = NULL;
  g_autofree char *tenant_name = NULL;
  g_autofree char *tenant_id = NULL;
  const char *keys[] = { PACTA_PLATFORM_SETTING_URL, PACTA_PLATFORM_SETTING_CLIENT_ID,
                         PACTA_PLATFORM_SETTING_TENANT_ID, PACTA_PLATFORM_SETTING_TENANT_NAME };
  const char *values[G_N_ELEMENTS (keys)];

  g_return_val_if_fail (PACTA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (PACTA_IS_SECRETS (secrets), NULL);

  if (!(client = client_new (url, client_id, secret, error)))
    return NULL;

  /* The URL first, so that the secret goes nowhere but the platform */
  if (!pacta_platform_client_check_url (client, cancellable, error) ||
      !pacta_platform_client_authenticate (client, cancellable, error) ||
      !(tenant_id = pacta_platform_client_get_own_tenant (client, &tenant_name, cancellable, error)))
    return NULL;

  account = g_new0 (PactaPlatformAccount, 1);
  account->url = g_strdup (pacta_platform_client_get_url (client));
  account->client_id = g_strstrip (g_strdup (client_id));
  account->tenant_id = g_steal_pointer (&tenant_id);
  account->tenant_name = g_steal_pointer (&tenant_name);

  key = pacta_platform_secret_account (account->url, account->client_id);
  /* Translators: the keyring's name for the secret; %s is the MSP's tenant on the platform */
  label = g_strdup_printf (_("Cloud platform API client of %s (Pacta)"), account->tenant_name);
  if (!pacta_secrets_store (secrets, PACTA_PLATFORM_SECRET_SERVICE, key, label, secret, cancellable, error))
    return NULL;

  before = pacta_platform_account_load (database, NULL);
  values[0] = account->url;
  values[1] = account->client_id;
  values[2] = account->tenant_id;
  values[3] = account->tenant_name;
  if (!write_settings (database, keys, values, G_N_ELEMENTS (keys), error))
    {
      /* Connected to nothing: the secret goes too, unless it was already kept */
      if (before == NULL || !g_str_equal (before->url, account->url) ||
          !g_str_equal (before->client_id, account->client_id))
        pacta_secrets_clear (secrets, PACTA_PLATFORM_SECRET_SERVICE, key, NULL, NULL);
      return NULL;
    }

  /* Another API client before: its secret is not needed any more */
  if (before != NULL &&
      (!g_str_equal (before->url, account->url) || !g_str_equal (before->client_id, account->client_id)))
    {
      g_autofree char *old_key = pacta_platform_secret_account (before->url, before->client_id);
      g_autoptr(GError) local_error = NULL;

      if (!pacta_secrets_clear (secrets, PACTA_PLATFORM_SECRET_SERVICE, old_key, NULL, &local_error))
        g_debug ("The keyring did not forget the earlier API client's secret: %s", local_error->message);
    }

  return g_steal_pointer (&account);
}

gboolean
pacta_platform_disconnect (PactaDatabase  *database,
                           PactaSecrets   *secrets,
                           GCancellable   *cancellable,
                           GError        **error)
{
  g_autoptr(PactaPlatformAccount) account = pacta_platform_account_load (database, NULL);
  const char *keys[] = { PACTA_PLATFORM_SETTING_URL, PACTA_PLATFORM_SETTING_CLIENT_ID,
                         PACTA_PLATFORM_SETTING_TENANT_ID, PACTA_PLATFORM_SETTING_TENANT_NAME };
  const char *values[G_N_ELEMENTS (keys)] = { NULL, };

  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (PACTA_IS_SECRETS (secrets), FALSE);

  if (account != NULL)
    {
      g_autofree char *key = pacta_platform_secret_account (account->url, account->client_id);

      /* The secret first: a keyring that can't forget it keeps the account */
      if (!pacta_secrets_clear (secrets, PACTA_PLATFORM_SECRET_SERVICE, key, cancellable, error))
        return FALSE;
    }
  return write_settings (database, keys, values, G_N_ELEMENTS (keys), error);
}

/* ---- progress over the steps ----------------------------------------------------- */

typedef struct
{
  PactaImportProgress  progress;
  gpointer             data;
  double               from;
  double               to;
} Step;

static void
step_progress (double   fraction,
               gpointer user_data)
{
  Step *step = user_data;

  if (step->progress != NULL)
    step->progress (step->from + (step->to - step->from) * fraction, step->data);
}

static void
step_set (Step   *step,
          double  from,
          double  to)
{
  step->from = from;
  step->to = to;
  step_progress (0.0, step);
}

/* The tenant ids of the customers in a tenant listing, or, without one,
 * of the database's customers that came from the platform */
static GStrv
customer_tenants (PactaDatabase  *database,
                  JsonNode       *tenants,
                  GError        **error)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  if (tenants != NULL)
    {
      JsonNode *node = json_object_get_member (json_node_get_object (tenants), "items");
      JsonArray *items = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
      guint n = items != NULL ? json_array_get_length (items) : 0;

      for (guint i = 0; i < n; i++)
        {
          JsonNode *element = json_array_get_element (items, i);
          JsonObject *tenant;
          const char *id, *kind;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          tenant = json_node_get_object (element);
          id = json_object_get_string_member_with_default (tenant, "id", NULL);
          kind = json_object_get_string_member_with_default (tenant, "kind", NULL);
          if (id != NULL && g_strcmp0 (kind, "customer") == 0)
            g_strv_builder_add (ids, id);
        }
    }
  else
    {
      sqlite3_stmt *stmt = pacta_database_prepare (database,
                                                   "SELECT tenant_id FROM customers WHERE tenant_id IS NOT NULL"
                                                   " ORDER BY tenant_id",
                                                   error);
      int rc;

      if (stmt == NULL)
        return NULL;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_strv_builder_add (ids, pacta_sql_column_text (stmt, 0));
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          pacta_database_set_error (database, error, _("reading the customers"));
          return NULL;
        }
    }

  return g_strv_builder_end (ids);
}

gboolean
pacta_platform_sync (PactaDatabase        *database,
                     PactaSecrets         *secrets,
                     gboolean              customers,
                     gboolean              usage,
                     PactaImportProgress   progress,
                     gpointer              progress_data,
                     PactaImportReport    *report,
                     GCancellable         *cancellable,
                     GError              **error)
{
  g_autoptr(PactaPlatformAccount) account = NULL;
  g_autoptr(PactaPlatformClient) client = NULL;
  g_autoptr(JsonNode) tenants = NULL;
  g_autoptr(JsonNode) usages = NULL;
  g_autoptr(GHashTable) settings = NULL;
  g_autofree char *now = NULL;
  Step step = { progress, progress_data, 0.0, 0.0 };

  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (PACTA_IS_SECRETS (secrets), FALSE);
  g_return_val_if_fail (customers || usage, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  if (!(client = connected_client (database, secrets, &account, cancellable, error)))
    return FALSE;

  if (customers)
    {
      step_set (&step, 0.0, usage ? 0.4 : 0.8);
      if (!(tenants = pacta_platform_client_list_tenants (client, account->tenant_id, step_progress, &step,
                                                          cancellable, error)))
        return FALSE;
    }

  if (usage)
    {
      g_auto(GStrv) ids = customer_tenants (database, tenants, error);

      if (ids == NULL)
        return FALSE;
      step_set (&step, customers ? 0.4 : 0.0, 0.8);
      if (!(usages = pacta_platform_client_list_usages (client, (const char * const *) ids, step_progress, &step,
                                                        cancellable, error)))
        return FALSE;
    }

  /* Everything is in: now one transaction, with the files' rules, and the
   * time of the sync with it */
  now = pacta_now_iso8601_utc ();
  settings = g_hash_table_new (g_str_hash, g_str_equal);
  if (customers)
    g_hash_table_insert (settings, (char *) PACTA_PLATFORM_SETTING_SYNCED_AT, now);
  if (usage)
    g_hash_table_insert (settings, (char *) PACTA_PLATFORM_SETTING_USAGE_AT, now);
  step_set (&step, 0.8, 1.0);
  if (!pacta_import_platform_json (database, tenants, _("the cloud platform’s customers"),
                                   usages, _("the cloud platform’s usage"), settings,
                                   step_progress, &step, report, error))
    return FALSE;
  return TRUE;
}

gboolean
pacta_platform_close_month (PactaDatabase          *database,
                            PactaSecrets           *secrets,
                            const char             *month,
                            PactaImportProgress     progress,
                            gpointer                progress_data,
                            PactaUsageCloseReport  *report,
                            GCancellable           *cancellable,
                            GError                **error)
{
  g_autoptr(PactaPlatformAccount) account = NULL;
  g_autoptr(PactaPlatformClient) client = NULL;
  g_autoptr(JsonNode) content = NULL;
  g_autoptr(GDateTime) now = pacta_now ();
  g_autofree char *report_id = NULL;
  g_autofree char *name = NULL;
  Step step = { progress, progress_data, 0.0, 0.0 };

  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (PACTA_IS_SECRETS (secrets), FALSE);
  g_return_val_if_fail (month != NULL && report != NULL, FALSE);

  /* A month that has not ended is refused before anything is asked */
  if (!pacta_usage_month_check_past (month, now, error))
    return FALSE;
  if (!(client = connected_client (database, secrets, &account, cancellable, error)))
    return FALSE;

  step_set (&step, 0.0, 0.9);
  if (!(content = pacta_platform_client_usage_report (client, account->tenant_id, month, &report_id,
                                                      step_progress, &step, cancellable, error)))
    return FALSE;

  step_set (&step, 0.9, 1.0);
  /* Translators: how the report is named in messages; %s is a month, YYYY-MM */
  name = g_strdup_printf (_("the usage report of %s"), month);
  if (!pacta_usage_month_close (database, month, content, name, report_id, report, error))
    return FALSE;
  step_progress (1.0, &step);
  return TRUE;
}
