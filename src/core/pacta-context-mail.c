/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-context-mail.c: the context's door to the MSP's mailbox — the
 * account, sending the outbox, reading new mail — each network operation
 * as _async/_finish for the window and in place for the command line, on
 * the pattern of pacta-context-platform.c; and the quick writes (queueing
 * invoices, a ticket's reply, the Unassigned list) in place. */
#include "config.h"

#include <string.h>

#include "pacta-context-private.h"
#include "pacta-mail.h"

typedef struct
{
  PactaSecrets            *secrets;
  PactaMailAccount        *account;
  char                    *password;
  PactaInvoiceRenderFunc   render;
  gpointer                 render_data;
  PactaMailSendReport      send_report;
  PactaMailFetchReport     fetch_report;
} Operation;

static void
operation_free (gpointer data)
{
  Operation *op = data;

  g_clear_object (&op->secrets);
  g_clear_pointer (&op->account, pacta_mail_account_free);
  if (op->password != NULL)
    explicit_bzero (op->password, strlen (op->password));
  g_free (op->password);
  g_free (op);
}

static Operation *
operation_new (PactaContext *self)
{
  Operation *op = g_new0 (Operation, 1);

  op->secrets = g_object_ref (pacta_context_get_secrets (self));
  op->render = pacta_context_get_invoice_renderer (self, &op->render_data);
  return op;
}

static Operation *
finish (PactaContext  *self,
        GAsyncResult  *result,
        gpointer       source_tag,
        GError       **error)
{
  Operation *op = pacta_context_finish_job (self, result, source_tag, TRUE, error);

  pacta_context_emit_mail_changed (self);
  return op;
}

static gboolean
run_sync (PactaContext       *self,
          PactaJobFunc        func,
          Operation          *op,
          PactaProgressFunc   progress,
          gpointer            progress_data,
          GCancellable       *cancellable,
          GError            **error)
{
  gboolean done = pacta_context_run_job (self, func, op, TRUE, progress, progress_data, cancellable, error);

  pacta_context_emit_mail_changed (self);
  return done;
}

/* A PactaMailProgress that tells a job's progress */
static void
job_progress (guint    done,
              guint    total,
              gpointer job)
{
  pacta_context_job_progress (total > 0 ? (double) done / total : 0.0, job);
}

PactaMailAccount *
pacta_context_get_mail_account (PactaContext *self)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_mail_account_load (pacta_context_get_database (self), NULL);
}

/* ---- the account ---------------------------------------------------------------- */

static gboolean
save_work (PactaJob       *job,
           PactaDatabase  *database,
           GError        **error)
{
  Operation *op = pacta_job_get_data (job);

  return pacta_mail_account_save (database, op->secrets, op->account, op->password,
                                  pacta_job_get_cancellable (job), error);
}

static Operation *
save_new (PactaContext           *self,
          const PactaMailAccount *account,
          const char             *password)
{
  Operation *op = operation_new (self);

  op->account = pacta_mail_account_copy (account);
  op->password = g_strdup (password);
  return op;
}

/**
 * pacta_context_save_mail_account_async:
 *
 * Logs in to both servers with @password and only then keeps the password
 * in the keyring and the account in the database.
 */
void
pacta_context_save_mail_account_async (PactaContext           *self,
                                       const PactaMailAccount *account,
                                       const char             *password,
                                       GCancellable           *cancellable,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data)
{
  g_return_if_fail (PACTA_IS_CONTEXT (self));

  pacta_context_run_job_async (self, pacta_context_save_mail_account_async, save_work,
                               save_new (self, account, password), operation_free, NULL, NULL,
                               cancellable, callback, user_data);
}

gboolean
pacta_context_save_mail_account_finish (PactaContext  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return finish (self, result, pacta_context_save_mail_account_async, error) != NULL;
}

gboolean
pacta_context_save_mail_account (PactaContext           *self,
                                 const PactaMailAccount *account,
                                 const char             *password,
                                 GCancellable           *cancellable,
                                 GError                **error)
{
  Operation *op;
  gboolean done;

  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  op = save_new (self, account, password);
  done = run_sync (self, save_work, op, NULL, NULL, cancellable, error);
  operation_free (op);
  return done;
}

static gboolean
forget_work (PactaJob       *job,
             PactaDatabase  *database,
             GError        **error)
{
  Operation *op = pacta_job_get_data (job);

  return pacta_mail_account_forget (database, op->secrets, pacta_job_get_cancellable (job), error);
}

void
pacta_context_forget_mail_account_async (PactaContext        *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (PACTA_IS_CONTEXT (self));

  pacta_context_run_job_async (self, pacta_context_forget_mail_account_async, forget_work, operation_new (self),
                               operation_free, NULL, NULL, cancellable, callback, user_data);
}

gboolean
pacta_context_forget_mail_account_finish (PactaContext  *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return finish (self, result, pacta_context_forget_mail_account_async, error) != NULL;
}

gboolean
pacta_context_forget_mail_account (PactaContext  *self,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  Operation *op;
  gboolean done;

  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  op = operation_new (self);
  done = run_sync (self, forget_work, op, NULL, NULL, cancellable, error);
  operation_free (op);
  return done;
}

/* ---- sending ---------------------------------------------------------------------- */

/* The report is filled whatever happened: a pass cut short says what it did */
static gboolean
send_work (PactaJob       *job,
           PactaDatabase  *database,
           GError        **error)
{
  Operation *op = pacta_job_get_data (job);

  return pacta_mail_send_outbox (database, op->secrets, op->render, op->render_data, job_progress, job,
                                 &op->send_report, pacta_job_get_cancellable (job), error);
}

void
pacta_context_send_mail_async (PactaContext        *self,
                               PactaProgressFunc    progress,
                               gpointer             progress_data,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (PACTA_IS_CONTEXT (self));

  pacta_context_run_job_async (self, pacta_context_send_mail_async, send_work, operation_new (self),
                               operation_free, progress, progress_data, cancellable, callback, user_data);
}

gboolean
pacta_context_send_mail_finish (PactaContext         *self,
                                GAsyncResult         *result,
                                PactaMailSendReport  *report,
                                GError              **error)
{
  Operation *op = finish (self, result, pacta_context_send_mail_async, error);

  if (op != NULL && report != NULL)
    *report = op->send_report;
  return op != NULL;
}

gboolean
pacta_context_send_mail (PactaContext         *self,
                         PactaProgressFunc     progress,
                         gpointer              progress_data,
                         PactaMailSendReport  *report,
                         GCancellable         *cancellable,
                         GError              **error)
{
  Operation *op;
  gboolean done;

  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  op = operation_new (self);
  done = run_sync (self, send_work, op, progress, progress_data, cancellable, error);
  if (report != NULL)
    *report = op->send_report;
  operation_free (op);
  return done;
}

/* ---- reading ---------------------------------------------------------------------- */

static gboolean
fetch_work (PactaJob       *job,
            PactaDatabase  *database,
            GError        **error)
{
  Operation *op = pacta_job_get_data (job);

  return pacta_mail_fetch (database, op->secrets, job_progress, job, &op->fetch_report,
                           pacta_job_get_cancellable (job), error);
}

void
pacta_context_fetch_mail_async (PactaContext        *self,
                                PactaProgressFunc    progress,
                                gpointer             progress_data,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (PACTA_IS_CONTEXT (self));

  pacta_context_run_job_async (self, pacta_context_fetch_mail_async, fetch_work, operation_new (self),
                               operation_free, progress, progress_data, cancellable, callback, user_data);
}

gboolean
pacta_context_fetch_mail_finish (PactaContext          *self,
                                 GAsyncResult          *result,
                                 PactaMailFetchReport  *report,
                                 GError               **error)
{
  Operation *op = finish (self, result, pacta_context_fetch_mail_async, error);

  if (op != NULL && report != NULL)
    *report = op->fetch_report;
  return op != NULL;
}

gboolean
pacta_context_fetch_mail (PactaContext          *self,
                          PactaProgressFunc      progress,
                          gpointer               progress_data,
                          PactaMailFetchReport  *report,
                          GCancellable          *cancellable,
                          GError               **error)
{
  Operation *op;
  gboolean done;

  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  op = operation_new (self);
  done = run_sync (self, fetch_work, op, progress, progress_data, cancellable, error);
  if (report != NULL)
    *report = op->fetch_report;
  operation_free (op);
  return done;
}

/* ---- quick writes --------------------------------------------------------------------- */

/* After a write in place: the lists, and the mail's watchers */
static gboolean
wrote (PactaContext  *self,
       gboolean       ok,
       GError       **error)
{
  if (!ok)
    return FALSE;
  pacta_context_emit_mail_changed (self);
  return pacta_context_sync (self, error);
}

gboolean
pacta_context_queue_invoice_mail (PactaContext          *self,
                                  GArray                *invoice_ids,
                                  PactaMailQueueReport  *report,
                                  GError               **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  return wrote (self, pacta_mail_queue_invoices (pacta_context_get_database (self), invoice_ids, report, error), error);
}

gboolean
pacta_context_resend_invoice_mail (PactaContext  *self,
                                   gint64         invoice_id,
                                   GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  return wrote (self, pacta_mail_resend_invoice (pacta_context_get_database (self), invoice_id, error), error);
}

PactaInvoiceMailing *
pacta_context_invoice_mailing (PactaContext  *self,
                               gint64         invoice_id,
                               GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_mail_invoice_mailing (pacta_context_get_database (self), invoice_id, error);
}

PactaInvoiceMailing *
pacta_context_reply_mailing (PactaContext  *self,
                             gint64         ticket_update_id,
                             GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_mail_reply_mailing (pacta_context_get_database (self), ticket_update_id, error);
}

char *
pacta_context_ticket_recipient (PactaContext *self,
                                gint64        ticket_id)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_mail_ticket_recipient (pacta_context_get_database (self), ticket_id);
}

gint64
pacta_context_reply_to_ticket (PactaContext  *self,
                               gint64         ticket_id,
                               const char    *author,
                               const char    *body,
                               GError       **error)
{
  gint64 id;

  g_return_val_if_fail (PACTA_IS_CONTEXT (self), 0);

  id = pacta_mail_reply_to_ticket (pacta_context_get_database (self), ticket_id, author, body, error);
  return wrote (self, id > 0, error) ? id : 0;
}

GPtrArray *
pacta_context_list_unassigned_mail (PactaContext  *self,
                                    GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_mail_list_unassigned (pacta_context_get_database (self), error);
}

/* How many messages wait for a customer (the Helpdesk page's banner) */
guint
pacta_context_count_unassigned_mail (PactaContext *self)
{
  gint64 n;

  g_return_val_if_fail (PACTA_IS_CONTEXT (self), 0);

  n = pacta_database_count (pacta_context_get_database (self),
                            "SELECT count(*) FROM mail_inbox WHERE state = 'unassigned'", NULL);
  return n > 0 ? (guint) n : 0;
}

gint64
pacta_context_assign_mail (PactaContext  *self,
                           gint64         inbox_id,
                           gint64         customer_id,
                           gboolean       remember_domain,
                           GError       **error)
{
  gint64 id;

  g_return_val_if_fail (PACTA_IS_CONTEXT (self), 0);

  id = pacta_mail_assign (pacta_context_get_database (self), inbox_id, customer_id, remember_domain, error);
  return wrote (self, id > 0, error) ? id : 0;
}

gboolean
pacta_context_dismiss_mail (PactaContext  *self,
                            gint64         inbox_id,
                            GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  return wrote (self, pacta_mail_dismiss (pacta_context_get_database (self), inbox_id, error), error);
}

GPtrArray *
pacta_context_list_mail_attachments (PactaContext  *self,
                                     gint64         ticket_update_id,
                                     GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_mail_list_attachments (pacta_context_get_database (self), ticket_update_id, error);
}

void
pacta_context_count_outbox (PactaContext *self,
                            guint        *queued,
                            guint        *troubled)
{
  PactaDatabase *database = pacta_context_get_database (self);
  gint64 n;

  n = pacta_database_count (database, "SELECT count(*) FROM mail_outbox WHERE state IN ('queued', 'sending')", NULL);
  *queued = n > 0 ? (guint) n : 0;
  n = pacta_database_count (database, "SELECT count(*) FROM mail_outbox WHERE state IN ('failed', 'unknown', 'bounced')",
                            NULL);
  *troubled = n > 0 ? (guint) n : 0;
}
