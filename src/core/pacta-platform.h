/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-platform.h: Pacta connected to the cloud platform: the account
 * (URL and client ID in the database, the secret in the keyring), syncing
 * customers and current usage through the import's one importer, and
 * closing a month's usage from the platform's usage report.
 *
 * Every call here talks to the network first and writes after, in one
 * transaction: a failure at any point writes nothing. They block: call
 * them from a job's worker thread or the command line. */
#pragma once

#include "pacta-database.h"
#include "pacta-import.h"
#include "pacta-platform-client.h"
#include "pacta-secrets.h"
#include "pacta-usage-months.h"

G_BEGIN_DECLS

/* The settings that hold the account (never the secret) */
#define PACTA_PLATFORM_SETTING_URL          "platform-url"
#define PACTA_PLATFORM_SETTING_CLIENT_ID    "platform-client-id"
#define PACTA_PLATFORM_SETTING_TENANT_ID    "platform-tenant-id"
#define PACTA_PLATFORM_SETTING_TENANT_NAME  "platform-tenant-name"
#define PACTA_PLATFORM_SETTING_SYNCED_AT    "platform-synced-at"       /* customers, ISO 8601 UTC */
#define PACTA_PLATFORM_SETTING_USAGE_AT     "platform-usage-at"        /* current usage, ISO 8601 UTC */
/* The keyring's service name for the API secret; its account is
 * pacta_platform_secret_account() */
#define PACTA_PLATFORM_SECRET_SERVICE       "platform"

typedef struct
{
  char *url;
  char *client_id;
  char *tenant_id;        /* the API client's own tenant: the root of what is synced */
  char *tenant_name;
  char *synced_at;        /* (nullable): the last customer sync */
  char *usage_at;         /* (nullable): the last current-usage refresh */
} PactaPlatformAccount;

void                  pacta_platform_account_free (PactaPlatformAccount *account);
/* (nullable): %NULL with no error when Pacta is not connected */
PactaPlatformAccount *pacta_platform_account_load (PactaDatabase        *database,
                                                   GError              **error);
char                 *pacta_platform_secret_account (const char         *url,
                                                     const char         *client_id);

/* Tests make the client's waits short (see pacta_platform_client_set_retry_delay()) */
void      pacta_platform_set_test_delays (guint retry_delay_ms,
                                          guint poll_interval_ms);

/* Checks the URL (before the secret leaves), then a token, then the
 * client's tenant; only then keeps the secret in @secrets and the account
 * in the database. Nothing is kept on any failure. A connection to another
 * account replaces the earlier one (whose secret is forgotten). */
PactaPlatformAccount *pacta_platform_connect (PactaDatabase  *database,
                                              PactaSecrets   *secrets,
                                              const char     *url,
                                              const char     *client_id,
                                              const char     *secret,
                                              GCancellable   *cancellable,
                                              GError        **error);
/* Forgets the secret and the account (customers and usage stay) */
gboolean  pacta_platform_disconnect (PactaDatabase  *database,
                                     PactaSecrets   *secrets,
                                     GCancellable   *cancellable,
                                     GError        **error);

/* Customers (every tenant of the subtree, every page) and/or their current
 * usage, into the same importer as the files, all or nothing; @report as
 * the file import's. Not connected: PACTA_ERROR_NOT_FOUND. */
gboolean  pacta_platform_sync (PactaDatabase        *database,
                               PactaSecrets         *secrets,
                               gboolean              customers,
                               gboolean              usage,
                               PactaImportProgress   progress,
                               gpointer              progress_data,
                               PactaImportReport    *report,
                               GCancellable         *cancellable,
                               GError              **error);
/* Fetches the platform's usage report of @month (which must have ended)
 * and keeps it as the month's usage (pacta_usage_month_close()) */
gboolean  pacta_platform_close_month (PactaDatabase          *database,
                                      PactaSecrets           *secrets,
                                      const char             *month,
                                      PactaImportProgress     progress,
                                      gpointer                progress_data,
                                      PactaUsageCloseReport  *report,
                                      GCancellable           *cancellable,
                                      GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PactaPlatformAccount, pacta_platform_account_free)

G_END_DECLS
