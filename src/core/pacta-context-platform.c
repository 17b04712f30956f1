/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-context-platform.c: the context's door to the cloud platform —
 * connecting, disconnecting, syncing customers and usage, closing a month —
 * each as _async/_finish for the window and in place for the command line,
 * on the pattern of pacta-context-jobs.c. The network and the keyring are
 * only ever waited for on a worker thread. */
#include "config.h"

#include <string.h>

#include "pacta-context-private.h"
#include "pacta-platform.h"

/* ---- reading ------------------------------------------------------------- */

/**
 * pacta_context_get_platform_account:
 *
 * Returns: (transfer full) (nullable): the connected account, %NULL when
 *   Pacta is not connected to the cloud platform
 */
PactaPlatformAccount *
pacta_context_get_platform_account (PactaContext *self)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_platform_account_load (pacta_context_get_database (self), NULL);
}

gboolean
pacta_context_get_platform_connected (PactaContext *self)
{
  g_autoptr(PactaPlatformAccount) account = pacta_context_get_platform_account (self);

  return account != NULL;
}

GStrv
pacta_context_list_usage_months (PactaContext  *self,
                                 GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_usage_months_list (pacta_context_get_database (self), error);
}

char *
pacta_context_get_usage_month_closed_at (PactaContext  *self,
                                         const char    *month,
                                         GError       **error)
{
  char *closed_at = NULL;

  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  if (!pacta_usage_month_is_closed (pacta_context_get_database (self), month, &closed_at, error))
    return NULL;
  return closed_at;
}

/* ---- running the work ------------------------------------------------------------- */

/* What every platform operation works with; the strings are wiped */
typedef struct
{
  PactaSecrets          *secrets;
  char                  *url;
  char                  *client_id;
  char                  *secret;
  char                  *month;
  gboolean               customers;
  gboolean               usage;
  PactaPlatformAccount  *account;
  PactaImportReport     *report;
  PactaUsageCloseReport *close_report;
} Operation;

static void
operation_free (gpointer data)
{
  Operation *op = data;

  g_clear_object (&op->secrets);
  g_free (op->url);
  g_free (op->client_id);
  if (op->secret != NULL)
    explicit_bzero (op->secret, strlen (op->secret));
  g_free (op->secret);
  g_free (op->month);
  g_clear_pointer (&op->account, pacta_platform_account_free);
  g_clear_pointer (&op->report, pacta_import_report_free);
  g_clear_pointer (&op->close_report, pacta_usage_close_report_free);
  g_free (op);
}

static Operation *
operation_new (PactaContext *self)
{
  Operation *op = g_new0 (Operation, 1);

  op->secrets = g_object_ref (pacta_context_get_secrets (self));
  return op;
}

static void
run_async (PactaContext        *self,
           gpointer             source_tag,
           PactaJobFunc         func,
           Operation           *op,
           PactaProgressFunc    progress,
           gpointer             progress_data,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  pacta_context_run_job_async (self, source_tag, func, op, operation_free, progress, progress_data,
                               cancellable, callback, user_data);
}

/* The operation's data once done; the lists and the platform's watchers
 * told, as every operation here writes */
static Operation *
finish (PactaContext  *self,
        GAsyncResult  *result,
        gpointer       source_tag,
        GError       **error)
{
  Operation *op = pacta_context_finish_job (self, result, source_tag, TRUE, error);

  if (op != NULL)
    pacta_context_emit_platform_changed (self);
  return op;
}

/* In place (the command line); @op stays the caller's */
static gboolean
run_sync (PactaContext       *self,
          PactaJobFunc        func,
          Operation          *op,
          PactaProgressFunc   progress,
          gpointer            progress_data,
          GCancellable       *cancellable,
          GError            **error)
{
  if (!pacta_context_run_job (self, func, op, TRUE, progress, progress_data, cancellable, error))
    return FALSE;
  pacta_context_emit_platform_changed (self);
  return TRUE;
}

/* ---- connecting ------------------------------------------------------------------- */

static gboolean
connect_work (PactaJob       *job,
              PactaDatabase  *database,
              GError        **error)
{
  Operation *op = pacta_job_get_data (job);

  op->account = pacta_platform_connect (database, op->secrets, op->url, op->client_id, op->secret,
                                        pacta_job_get_cancellable (job), error);
  return op->account != NULL;
}

static Operation *
connect_new (PactaContext *self,
             const char   *url,
             const char   *client_id,
             const char   *secret)
{
  Operation *op = operation_new (self);

  op->url = g_strdup (url);
  op->client_id = g_strdup (client_id);
  op->secret = g_strdup (secret);
  return op;
}

/**
 * pacta_context_connect_platform_async:
 *
 * Checks the URL, then the client ID and secret with the platform, and only
 * then keeps the secret in the keyring and the account in the database.
 */
void
pacta_context_connect_platform_async (PactaContext        *self,
                                      const char          *url,
                                      const char          *client_id,
                                      const char          *secret,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (PACTA_IS_CONTEXT (self));

  run_async (self, pacta_context_connect_platform_async, connect_work,
             connect_new (self, url, client_id, secret), NULL, NULL, cancellable, callback, user_data);
}

/**
 * pacta_context_connect_platform_finish:
 *
 * Returns: (transfer full): the account connected to, or %NULL with @error
 *   (nothing kept)
 */
PactaPlatformAccount *
pacta_context_connect_platform_finish (PactaContext  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  Operation *op = finish (self, result, pacta_context_connect_platform_async, error);

  return op != NULL ? g_steal_pointer (&op->account) : NULL;
}

PactaPlatformAccount *
pacta_context_connect_platform (PactaContext  *self,
                                const char    *url,
                                const char    *client_id,
                                const char    *secret,
                                GCancellable  *cancellable,
                                GError       **error)
{
  Operation *op;
  PactaPlatformAccount *account = NULL;

  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  op = connect_new (self, url, client_id, secret);
  if (run_sync (self, connect_work, op, NULL, NULL, cancellable, error))
    account = g_steal_pointer (&op->account);
  operation_free (op);
  return account;
}

/* ---- disconnecting ---------------------------------------------------------------- */

static gboolean
disconnect_work (PactaJob       *job,
                 PactaDatabase  *database,
                 GError        **error)
{
  Operation *op = pacta_job_get_data (job);

  return pacta_platform_disconnect (database, op->secrets, pacta_job_get_cancellable (job), error);
}

void
pacta_context_disconnect_platform_async (PactaContext        *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (PACTA_IS_CONTEXT (self));

  run_async (self, pacta_context_disconnect_platform_async, disconnect_work, operation_new (self),
             NULL, NULL, cancellable, callback, user_data);
}

gboolean
pacta_context_disconnect_platform_finish (PactaContext  *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return finish (self, result, pacta_context_disconnect_platform_async, error) != NULL;
}

gboolean
pacta_context_disconnect_platform (PactaContext  *self,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  Operation *op;
  gboolean done;

  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  op = operation_new (self);
  done = run_sync (self, disconnect_work, op, NULL, NULL, cancellable, error);
  operation_free (op);
  return done;
}

/* ---- syncing ---------------------------------------------------------------------- */

static gboolean
sync_work (PactaJob       *job,
           PactaDatabase  *database,
           GError        **error)
{
  Operation *op = pacta_job_get_data (job);

  return pacta_platform_sync (database, op->secrets, op->customers, op->usage, pacta_context_job_progress, job,
                              op->report, pacta_job_get_cancellable (job), error);
}

static Operation *
sync_new (PactaContext *self,
          gboolean      customers,
          gboolean      usage)
{
  Operation *op = operation_new (self);

  op->customers = customers;
  op->usage = usage;
  op->report = pacta_import_report_new ();
  return op;
}

/**
 * pacta_context_sync_platform_async:
 * @customers: every customer of the platform's subtree
 * @usage: their current (provisional) usage
 *
 * Brings customers and/or usage in through the file import's importer, all
 * or nothing: a failure or a Cancel at any point writes nothing.
 */
void
pacta_context_sync_platform_async (PactaContext        *self,
                                   gboolean             customers,
                                   gboolean             usage,
                                   PactaProgressFunc    progress,
                                   gpointer             progress_data,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (PACTA_IS_CONTEXT (self));
  g_return_if_fail (customers || usage);

  run_async (self, pacta_context_sync_platform_async, sync_work, sync_new (self, customers, usage),
             progress, progress_data, cancellable, callback, user_data);
}

PactaImportReport *
pacta_context_sync_platform_finish (PactaContext  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  Operation *op = finish (self, result, pacta_context_sync_platform_async, error);

  return op != NULL ? g_steal_pointer (&op->report) : NULL;
}

PactaImportReport *
pacta_context_sync_platform (PactaContext       *self,
                             gboolean            customers,
                             gboolean            usage,
                             PactaProgressFunc   progress,
                             gpointer            progress_data,
                             GCancellable       *cancellable,
                             GError            **error)
{
  Operation *op;
  PactaImportReport *report = NULL;

  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (customers || usage, NULL);

  op = sync_new (self, customers, usage);
  if (run_sync (self, sync_work, op, progress, progress_data, cancellable, error))
    report = g_steal_pointer (&op->report);
  operation_free (op);
  return report;
}

/* ---- closing a month -------------------------------------------------------------- */

static gboolean
close_work (PactaJob       *job,
            PactaDatabase  *database,
            GError        **error)
{
  Operation *op = pacta_job_get_data (job);

  return pacta_platform_close_month (database, op->secrets, op->month, pacta_context_job_progress, job,
                                     op->close_report, pacta_job_get_cancellable (job), error);
}

static Operation *
close_new (PactaContext *self,
           const char   *month)
{
  Operation *op = operation_new (self);

  op->month = g_strdup (month);
  op->close_report = pacta_usage_close_report_new ();
  return op;
}

/**
 * pacta_context_close_usage_month_async:
 * @month: YYYY-MM, a month that has ended
 *
 * Fetches the platform's usage report of @month and keeps it as the
 * month's usage, which the billing run bills usage-following parts from.
 */
void
pacta_context_close_usage_month_async (PactaContext        *self,
                                       const char          *month,
                                       PactaProgressFunc    progress,
                                       gpointer             progress_data,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (PACTA_IS_CONTEXT (self));
  g_return_if_fail (month != NULL);

  run_async (self, pacta_context_close_usage_month_async, close_work, close_new (self, month),
             progress, progress_data, cancellable, callback, user_data);
}

PactaUsageCloseReport *
pacta_context_close_usage_month_finish (PactaContext  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  Operation *op = finish (self, result, pacta_context_close_usage_month_async, error);

  return op != NULL ? g_steal_pointer (&op->close_report) : NULL;
}

PactaUsageCloseReport *
pacta_context_close_usage_month (PactaContext       *self,
                                 const char         *month,
                                 PactaProgressFunc   progress,
                                 gpointer            progress_data,
                                 GCancellable       *cancellable,
                                 GError            **error)
{
  Operation *op;
  PactaUsageCloseReport *report = NULL;

  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (month != NULL, NULL);

  op = close_new (self, month);
  if (run_sync (self, close_work, op, progress, progress_data, cancellable, error))
    report = g_steal_pointer (&op->close_report);
  operation_free (op);
  return report;
}
