/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-mail-service.c: the mailbox while the app runs.
 *
 * With a mail account set, the service reads new mail every
 * PACTA_MAIL_CHECK_INTERVAL seconds and when asked (Check Mail), and sends
 * the outbox as soon as something is put in it (the context says so with
 * "mail-changed"). Each pass is a context job on a worker thread
 * (pacta-context-mail.c), so the window never waits for the network. One
 * pass at a time: asked again meanwhile, it runs once more afterwards.
 * Without a network it waits quietly and goes when the network is back. A
 * pass that left messages queued (the server said "later", or could not be
 * reached) does not start another by itself: the next tick, or the user,
 * tries again. The demo database never mails anything.
 *
 * "report" tells the window what a pass brought (new tickets, messages the
 * server refused) and what went wrong — the same failure only once.
 */
#include "config.h"


#include "pacta-error.h"
#include "pacta-mail-service.h"

struct _PactaMailService
{
  GObject           parent_instance;

  PactaContext     *context;       /* owned */
  GNetworkMonitor  *monitor;       /* owned */
  GCancellable     *cancellable;   /* owned */
  guint             timeout_id;
  guint             idle_id;
  gboolean          busy;
  gboolean          want_fetch;    /* asked for while busy, or due */
  gboolean          want_send;
  gboolean          held;          /* the last pass left mail queued: wait for the tick */
  char             *last_error;    /* (nullable) */
};

G_DEFINE_FINAL_TYPE (PactaMailService, pacta_mail_service, G_TYPE_OBJECT)

enum {
  REPORT,
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void run_next (PactaMailService *self);

static gboolean
has_account (PactaMailService *self)
{
  g_autoptr(PactaMailAccount) account = NULL;

  if (pacta_context_get_is_demo (self->context))
    return FALSE;
  account = pacta_context_get_mail_account (self->context);
  return account != NULL;
}

static void
report (PactaMailService *self,
        const char       *message,
        gboolean          problem)
{
  if (message != NULL && *message != '\0')
    g_signal_emit (self, signals[REPORT], 0, message, problem);
}

/* A failure is told once; the same again, not */
static void
set_error (PactaMailService *self,
           const GError     *error)
{
  if (error == NULL)
    {
      g_clear_pointer (&self->last_error, g_free);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_strcmp0 (self->last_error, error->message) != 0)
    {
      g_free (self->last_error);
      self->last_error = g_strdup (error->message);
      report (self, error->message, TRUE);
    }
}

static void
pass_done (PactaMailService *self)
{
  self->busy = FALSE;
  g_signal_emit (self, signals[CHANGED], 0);
  run_next (self);
}

static void
on_sent_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PactaMailService) self = user_data;
  g_autoptr(GError) error = NULL;
  PactaMailSendReport sent = { 0, };

  if (!pacta_context_send_mail_finish (PACTA_CONTEXT (object), result, &sent, &error))
    {
      self->held = TRUE;
      set_error (self, error);
    }
  else
    {
      set_error (self, NULL);
      self->held = sent.n_deferred > 0;
      if (sent.n_failed > 0 || sent.n_unknown > 0)
        {
          g_autofree char *text = pacta_mail_send_report_describe (&sent);
          report (self, text, TRUE);
        }
    }
  pass_done (self);
}

static void
start_send (PactaMailService *self)
{
  guint queued = 0, troubled = 0;

  pacta_context_count_outbox (self->context, &queued, &troubled);
  if (queued == 0)
    {
      pass_done (self);
      return;
    }
  pacta_context_send_mail_async (self->context, NULL, NULL, self->cancellable, on_sent_cb, g_object_ref (self));
}

static void
on_fetched_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PactaMailService) self = user_data;
  g_autoptr(GError) error = NULL;
  PactaMailFetchReport fetched = { 0, };

  if (!pacta_context_fetch_mail_finish (PACTA_CONTEXT (object), result, &fetched, &error))
    {
      set_error (self, error);
      pass_done (self);
      return;
    }
  set_error (self, NULL);
  if (fetched.n_tickets + fetched.n_updates + fetched.n_unassigned > 0)
    {
      g_autofree char *text = pacta_mail_fetch_report_describe (&fetched);
      report (self, text, FALSE);
    }
  /* Then what waits to go */
  start_send (self);
}

static void
run_next (PactaMailService *self)
{
  gboolean fetch = self->want_fetch;
  gboolean send = self->want_send;

  if (self->busy || (!fetch && !send) || !has_account (self))
    return;
  if (self->monitor != NULL && !g_network_monitor_get_network_available (self->monitor))
    return;   /* network-changed brings it back */

  self->want_fetch = FALSE;
  self->want_send = FALSE;
  self->busy = TRUE;
  g_signal_emit (self, signals[CHANGED], 0);
  if (fetch)
    pacta_context_fetch_mail_async (self->context, NULL, NULL, self->cancellable, on_fetched_cb, g_object_ref (self));
  else
    start_send (self);
}

static gboolean
on_idle_cb (gpointer user_data)
{
  PactaMailService *self = user_data;

  self->idle_id = 0;
  run_next (self);
  return G_SOURCE_REMOVE;
}

static void
soon (PactaMailService *self)
{
  if (self->idle_id == 0)
    self->idle_id = g_idle_add (on_idle_cb, self);
}

static gboolean
on_tick_cb (gpointer user_data)
{
  PactaMailService *self = user_data;

  self->held = FALSE;
  self->want_fetch = TRUE;
  self->want_send = TRUE;
  run_next (self);
  return G_SOURCE_CONTINUE;
}

/* Something was put in the outbox, or the account changed */
static void
on_mail_changed_cb (PactaMailService *self)
{
  guint queued = 0, troubled = 0;

  if (self->busy || self->held)
    return;
  pacta_context_count_outbox (self->context, &queued, &troubled);
  if (queued > 0)
    {
      self->want_send = TRUE;
      soon (self);
    }
}

static void
on_network_changed_cb (PactaMailService *self,
                       gboolean          available)
{
  if (available)
    {
      self->held = FALSE;
      self->want_send = TRUE;
      soon (self);
    }
}

static void
pacta_mail_service_dispose (GObject *object)
{
  PactaMailService *self = (PactaMailService *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->context);
  g_clear_object (&self->monitor);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->last_error, g_free);

  G_OBJECT_CLASS (pacta_mail_service_parent_class)->dispose (object);
}

static void
pacta_mail_service_class_init (PactaMailServiceClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pacta_mail_service_dispose;

  /**
   * PactaMailService::report:
   * @message: what a pass brought, or what went wrong, in a sentence
   * @problem: whether something went wrong
   */
  signals[REPORT] = g_signal_new ("report", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
  /**
   * PactaMailService::changed:
   *
   * A pass started or ended.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
pacta_mail_service_init (PactaMailService *self)
{
  self->cancellable = g_cancellable_new ();
}

PactaMailService *
pacta_mail_service_new (PactaContext    *context,
                        GNetworkMonitor *monitor)
{
  PactaMailService *self;

  g_return_val_if_fail (PACTA_IS_CONTEXT (context), NULL);

  self = g_object_new (PACTA_TYPE_MAIL_SERVICE, NULL);
  self->context = g_object_ref (context);
  self->monitor = g_object_ref (monitor != NULL ? monitor : g_network_monitor_get_default ());
  g_signal_connect_swapped (context, "mail-changed", G_CALLBACK (on_mail_changed_cb), self);
  g_signal_connect_swapped (self->monitor, "network-changed", G_CALLBACK (on_network_changed_cb), self);
  self->timeout_id = g_timeout_add_seconds (PACTA_MAIL_CHECK_INTERVAL, on_tick_cb, self);
  /* At start: what came in while Pacta was closed, and what waits to go */
  self->want_fetch = TRUE;
  self->want_send = TRUE;
  soon (self);
  return self;
}

void
pacta_mail_service_send_now (PactaMailService *self)
{
  g_return_if_fail (PACTA_IS_MAIL_SERVICE (self));

  self->held = FALSE;
  self->want_send = TRUE;
  soon (self);
}

void
pacta_mail_service_check_now (PactaMailService *self)
{
  g_return_if_fail (PACTA_IS_MAIL_SERVICE (self));

  self->held = FALSE;
  self->want_fetch = TRUE;
  self->want_send = TRUE;
  /* Asked for: a failure is told again */
  g_clear_pointer (&self->last_error, g_free);
  soon (self);
}

gboolean
pacta_mail_service_get_busy (PactaMailService *self)
{
  g_return_val_if_fail (PACTA_IS_MAIL_SERVICE (self), FALSE);

  return self->busy;
}

const char *
pacta_mail_service_get_last_error (PactaMailService *self)
{
  g_return_val_if_fail (PACTA_IS_MAIL_SERVICE (self), NULL);

  return self->last_error;
}
