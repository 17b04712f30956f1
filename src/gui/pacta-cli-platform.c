/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-cli-platform.c: the command line's cloud platform actions, through
 * the context's in-place operations (the same as the window's jobs) */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "pacta-cli-platform.h"

static int
fail (GError *error)
{
  g_printerr ("pacta: %s\n", error->message);
  g_error_free (error);
  return EXIT_FAILURE;
}

int
pacta_cli_connect (PactaContext *context,
                   const char   *url,
                   const char   *client_id,
                   const char   *secret)
{
  g_autoptr(PactaPlatformAccount) account = NULL;
  GError *error = NULL;

  if (!(account = pacta_context_connect_platform (context, url, client_id, secret, NULL, &error)))
    return fail (error);
  /* Translators: the first %s is the MSP's tenant on the platform, the second its URL */
  g_print (_("Connected to %s (%s); the API client’s secret is kept in the keyring\n"),
           account->tenant_name, account->url);
  return EXIT_SUCCESS;
}

int
pacta_cli_disconnect (PactaContext *context)
{
  GError *error = NULL;

  if (!pacta_context_disconnect_platform (context, NULL, &error))
    return fail (error);
  g_print ("%s\n", _("Disconnected from the cloud platform; the secret was removed from the keyring"));
  return EXIT_SUCCESS;
}

int
pacta_cli_sync (PactaContext *context)
{
  g_autoptr(PactaImportReport) report = NULL;
  g_autoptr(PactaPlatformAccount) account = NULL;
  g_autofree char *text = NULL;
  GError *error = NULL;

  if (!(report = pacta_context_sync_platform (context, TRUE, TRUE, NULL, NULL, NULL, &error)))
    return fail (error);
  account = pacta_context_get_platform_account (context);
  text = pacta_import_report_describe (report);
  /* Translators: %s is the MSP's tenant on the platform */
  g_print (_("Synced with %s:\n"), account != NULL ? account->tenant_name : "?");
  g_print ("%s\n", text);
  return EXIT_SUCCESS;
}

int
pacta_cli_close_usage (PactaContext *context,
                       const char   *month)
{
  g_autoptr(PactaUsageCloseReport) report = NULL;
  g_autofree char *text = NULL;
  GError *error = NULL;

  if (!(report = pacta_context_close_usage_month (context, month, NULL, NULL, NULL, &error)))
    return fail (error);
  text = pacta_usage_close_report_describe (report);
  g_print ("%s\n", text);
  return EXIT_SUCCESS;
}
