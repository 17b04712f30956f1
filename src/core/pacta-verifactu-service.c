/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-verifactu-service.c: sends the invoice records by itself while the
 * app runs (VERI*FACTU).
 *
 * Whenever records wait, the service decides when to send them, from the
 * app's clock: at once; or when the agency's wait (TiempoEsperaEnvio, kept
 * by the sender across restarts) is over, unless a whole submission of
 * 1,000 records waits; or, after a failure, a minute later, then twice as
 * long each time, but never more than an hour (the rules ask for a try at
 * least once an hour). Without a network (GNetworkMonitor) it waits
 * quietly and resumes when the network is back. Each try runs on a worker
 * thread with its own connection to the database and its own connection
 * to the agency (pacta-verifactu-sender.c, which never loses nor repeats a
 * record); the main thread is told when it is done, and the stores are
 * synced so that the invoice list shows each invoice's new standing.
 *
 * The demo database never sends anything.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pacta-clock.h"
#include "pacta-error.h"
#include "pacta-verifactu-certificate.h"
#include "pacta-verifactu-sender.h"
#include "pacta-verifactu-service.h"
#include "pacta-verifactu.h"

struct _PactaVerifactuService
{
  GObject            parent_instance;

  PactaContext      *context;        /* owned */
  GNetworkMonitor   *monitor;        /* owned */
  GCancellable      *cancellable;    /* owned: the try under way, if any */
  guint              timeout_id;
  guint              idle_id;

  PactaSendingState  state;
  gint64             n_pending;
  gint64             n_rejected;
  GDateTime         *next_attempt;   /* (nullable) */
  GDateTime         *retry_at;       /* (nullable): after a failure */
  guint              n_failures;
  char              *last_error;     /* (nullable) */
  gboolean           sending;
  gboolean           again;          /* asked to send while a try was under way */
};

G_DEFINE_FINAL_TYPE (PactaVerifactuService, pacta_verifactu_service, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule (PactaVerifactuService *self);

static void
pacta_verifactu_service_dispose (GObject *object)
{
  PactaVerifactuService *self = (PactaVerifactuService *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (pacta_context_get_invoices (self->context), self);
  g_clear_object (&self->monitor);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pacta_verifactu_service_parent_class)->dispose (object);
}

static void
pacta_verifactu_service_finalize (GObject *object)
{
  PactaVerifactuService *self = (PactaVerifactuService *)object;

  g_clear_pointer (&self->next_attempt, g_date_time_unref);
  g_clear_pointer (&self->retry_at, g_date_time_unref);
  g_free (self->last_error);

  G_OBJECT_CLASS (pacta_verifactu_service_parent_class)->finalize (object);
}

static void
pacta_verifactu_service_class_init (PactaVerifactuServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pacta_verifactu_service_dispose;
  object_class->finalize = pacta_verifactu_service_finalize;

  /**
   * PactaVerifactuService::changed:
   *
   * The state, the counts, the next try or the last error changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pacta_verifactu_service_init (PactaVerifactuService *self)
{
}

/* ---- deciding --------------------------------------------------------------- */

static gboolean
on_timeout_cb (gpointer data)
{
  PactaVerifactuService *self = data;

  self->timeout_id = 0;
  schedule (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_idle_cb (gpointer data)
{
  PactaVerifactuService *self = data;

  self->idle_id = 0;
  schedule (self);
  return G_SOURCE_REMOVE;
}

static void
set_next_attempt (PactaVerifactuService *self,
                  GDateTime             *when,
                  GDateTime             *now)
{
  GTimeSpan wait;

  g_clear_pointer (&self->next_attempt, g_date_time_unref);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (when == NULL)
    return;
  /* In the clock's zone, as the window shows it */
  self->next_attempt = g_date_time_to_timezone (when, g_date_time_get_timezone (now));
  wait = g_date_time_difference (when, now);
  /* Whole seconds, rounded up, and never more than the hour */
  self->timeout_id = g_timeout_add_seconds ((guint) CLAMP ((wait + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND,
                                                           1, PACTA_VERIFACTU_RETRY_MAX),
                                            on_timeout_cb, self);
}

static GDateTime *
agency_next_send (PactaDatabase *database)
{
  g_autofree char *text = pacta_database_get_setting (database, "verifactu-next-send");

  return text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

static gboolean
is_set_up (PactaDatabase *database)
{
  g_autoptr(PactaVerifactuCertificate) certificate = pacta_verifactu_certificate_load (database, NULL);

  return certificate != NULL;
}

static void
recount (PactaVerifactuService *self)
{
  PactaDatabase *database = pacta_context_get_database (self->context);

  self->n_pending = MAX (pacta_verifactu_count_pending (database, NULL), 0);
  self->n_rejected = MAX (pacta_verifactu_count_rejected (database, NULL), 0);
}

static void start_sending (PactaVerifactuService *self);

/* What happens next, from the records waiting and the clock */
static void
schedule (PactaVerifactuService *self)
{
  PactaDatabase *database;
  g_autoptr(PactaVerifactuSettings) settings = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) next = NULL;

  if (self->context == NULL || self->sending)
    return;
  database = pacta_context_get_database (self->context);
  now = pacta_now ();
  recount (self);
  settings = pacta_verifactu_settings_load (database, NULL);

  if (pacta_context_get_is_demo (self->context) || settings == NULL || !settings->enabled)
    {
      self->state = PACTA_SENDING_OFF;
      set_next_attempt (self, NULL, now);
    }
  else if (self->n_pending == 0)
    {
      self->state = PACTA_SENDING_IDLE;
      set_next_attempt (self, NULL, now);
    }
  else if (!is_set_up (database))
    {
      self->state = PACTA_SENDING_NOT_SET_UP;
      set_next_attempt (self, NULL, now);
    }
  else if (!g_network_monitor_get_network_available (self->monitor))
    {
      g_autoptr(GDateTime) hour = g_date_time_add_seconds (now, PACTA_VERIFACTU_RETRY_MAX);

      /* network-changed wakes it; the hourly try is in case it never says */
      self->state = PACTA_SENDING_OFFLINE;
      set_next_attempt (self, hour, now);
    }
  else
    {
      /* The agency's wait holds unless a whole submission is waiting; a
       * failure's wait holds anyway */
      if (self->n_pending < PACTA_VERIFACTU_BATCH)
        next = agency_next_send (database);
      if (self->retry_at != NULL && (next == NULL || g_date_time_compare (self->retry_at, next) > 0))
        {
          g_clear_pointer (&next, g_date_time_unref);
          next = g_date_time_ref (self->retry_at);
        }

      if (next != NULL && g_date_time_compare (next, now) > 0)
        {
          self->state = self->retry_at != NULL ? PACTA_SENDING_FAILED : PACTA_SENDING_WAITING;
          set_next_attempt (self, next, now);
        }
      else
        {
          set_next_attempt (self, NULL, now);
          start_sending (self);
        }
    }
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
schedule_soon (PactaVerifactuService *self)
{
  if (self->idle_id == 0)
    self->idle_id = g_idle_add (on_idle_cb, self);
}

/* ---- sending ---------------------------------------------------------------- */

static void
on_sent_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PactaVerifactuService) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = pacta_now ();

  self->sending = FALSE;
  /* The lists show each invoice's new standing: the context saw to it */
  if (!pacta_context_send_records_finish (PACTA_CONTEXT (object), result, NULL, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* disposed */
  g_clear_object (&self->cancellable);

  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->retry_at, g_date_time_unref);
  if (error != NULL)
    {
      guint wait = PACTA_VERIFACTU_RETRY_FIRST;

      /* A minute, then twice as long each time, at most an hour */
      for (guint i = 1; i < self->n_failures + 1 && wait < PACTA_VERIFACTU_RETRY_MAX; i++)
        wait *= 2;
      self->n_failures++;
      self->retry_at = g_date_time_add_seconds (now, MIN (wait, PACTA_VERIFACTU_RETRY_MAX));
      self->last_error = g_strdup (error->message);
      g_message ("Invoice records not sent: %s", error->message);
    }
  else
    self->n_failures = 0;

  if (self->again)
    {
      self->again = FALSE;
      g_clear_pointer (&self->retry_at, g_date_time_unref);
    }
  schedule (self);
}

/* Off the main thread, on a connection of the context's own (pacta-job.c):
 * the window goes on using the main one */
static void
start_sending (PactaVerifactuService *self)
{
  self->sending = TRUE;
  self->state = PACTA_SENDING_SENDING;
  self->cancellable = g_cancellable_new ();
  pacta_context_send_records_async (self->context, NULL, self->cancellable, on_sent_cb, g_object_ref (self));
}

/* ---- public ---------------------------------------------------------------- */

static void
on_network_changed_cb (PactaVerifactuService *self,
                       gboolean               available)
{
  if (available && self->state == PACTA_SENDING_OFFLINE)
    schedule_soon (self);
  else if (!available && self->state != PACTA_SENDING_OFFLINE)
    schedule_soon (self);
}

static void
on_invoices_changed_cb (PactaVerifactuService *self)
{
  /* New invoices bring new records; an answer or a correction changes
   * an invoice too */
  schedule_soon (self);
}

/**
 * pacta_verifactu_service_new:
 * @monitor: (nullable): what tells whether there is a network; %NULL for
 *   the system's
 *
 * Returns: (transfer full): a service that sends @context's records by
 *   itself from now on
 */
PactaVerifactuService *
pacta_verifactu_service_new (PactaContext    *context,
                             GNetworkMonitor *monitor)
{
  PactaVerifactuService *self;

  g_return_val_if_fail (PACTA_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor), NULL);

  self = g_object_new (PACTA_TYPE_VERIFACTU_SERVICE, NULL);
  self->context = g_object_ref (context);
  self->monitor = g_object_ref (monitor != NULL ? monitor : g_network_monitor_get_default ());
  g_signal_connect_object (self->monitor, "network-changed", G_CALLBACK (on_network_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (pacta_context_get_invoices (context), "items-changed",
                           G_CALLBACK (on_invoices_changed_cb), self, G_CONNECT_SWAPPED);
  schedule (self);
  return self;
}

/**
 * pacta_verifactu_service_refresh:
 *
 * Looks again at what waits: after the records, the settings or the
 * certificate changed.
 */
void
pacta_verifactu_service_refresh (PactaVerifactuService *self)
{
  g_return_if_fail (PACTA_IS_VERIFACTU_SERVICE (self));

  schedule (self);
}

/**
 * pacta_verifactu_service_send_now:
 *
 * Tries now instead of after a failure's wait. The agency's own wait still
 * holds: the rules don't let a sender go before it.
 */
void
pacta_verifactu_service_send_now (PactaVerifactuService *self)
{
  g_return_if_fail (PACTA_IS_VERIFACTU_SERVICE (self));

  if (self->sending)
    {
      self->again = TRUE;
      return;
    }
  g_clear_pointer (&self->retry_at, g_date_time_unref);
  schedule (self);
}

PactaSendingState
pacta_verifactu_service_get_state (PactaVerifactuService *self)
{
  g_return_val_if_fail (PACTA_IS_VERIFACTU_SERVICE (self), PACTA_SENDING_OFF);
  return self->state;
}

gint64
pacta_verifactu_service_get_n_pending (PactaVerifactuService *self)
{
  g_return_val_if_fail (PACTA_IS_VERIFACTU_SERVICE (self), 0);
  return self->n_pending;
}

gint64
pacta_verifactu_service_get_n_rejected (PactaVerifactuService *self)
{
  g_return_val_if_fail (PACTA_IS_VERIFACTU_SERVICE (self), 0);
  return self->n_rejected;
}

/**
 * pacta_verifactu_service_get_next_attempt:
 *
 * Returns: (transfer none) (nullable): when the next try is due, by the
 *   app's clock; %NULL when none is planned
 */
GDateTime *
pacta_verifactu_service_get_next_attempt (PactaVerifactuService *self)
{
  g_return_val_if_fail (PACTA_IS_VERIFACTU_SERVICE (self), NULL);
  return self->next_attempt;
}

const char *
pacta_verifactu_service_get_last_error (PactaVerifactuService *self)
{
  g_return_val_if_fail (PACTA_IS_VERIFACTU_SERVICE (self), NULL);
  return self->last_error;
}

/**
 * pacta_verifactu_service_describe:
 *
 * Returns: (transfer full) (nullable): the records not yet accepted and
 *   why, in a sentence, for the window's banner; %NULL when none wait
 */
char *
pacta_verifactu_service_describe (PactaVerifactuService *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint pending, rejected;

  g_return_val_if_fail (PACTA_IS_VERIFACTU_SERVICE (self), NULL);

  pending = (guint) MIN (self->n_pending, G_MAXUINT);
  rejected = (guint) MIN (self->n_rejected, G_MAXUINT);
  if (pending == 0 && rejected == 0)
    return NULL;

  if (pending > 0)
    switch (self->state)
      {
      case PACTA_SENDING_NOT_SET_UP:
        g_string_printf (text, ngettext ("%u invoice record has not been sent to the tax agency: sending is not set up yet",
                                         "%u invoice records have not been sent to the tax agency: sending is not set up yet",
                                         pending), pending);
        break;
      case PACTA_SENDING_OFFLINE:
        g_string_printf (text, ngettext ("%u invoice record waits for the network to go to the tax agency",
                                         "%u invoice records wait for the network to go to the tax agency",
                                         pending), pending);
        break;
      case PACTA_SENDING_WAITING:
        {
          g_autoptr(GDateTime) now = pacta_now ();
          gint64 seconds = self->next_attempt != NULL
                           ? MAX ((g_date_time_difference (self->next_attempt, now) + G_TIME_SPAN_SECOND - 1)
                                  / G_TIME_SPAN_SECOND, 1) : 1;

          /* Translators: records waiting, then seconds */
          g_string_printf (text, ngettext ("%u invoice record goes to the tax agency in %u s, as it asked",
                                           "%u invoice records go to the tax agency in %u s, as it asked",
                                           pending), pending, (guint) MIN (seconds, G_MAXUINT));
        }
        break;
      case PACTA_SENDING_SENDING:
        g_string_printf (text, ngettext ("Sending %u invoice record to the tax agency…",
                                         "Sending %u invoice records to the tax agency…", pending), pending);
        break;
      case PACTA_SENDING_FAILED:
        {
          g_autoptr(GDateTime) now = pacta_now ();
          g_autoptr(GDateTime) local = self->next_attempt != NULL
                                       ? g_date_time_to_timezone (self->next_attempt, g_date_time_get_timezone (now)) : NULL;
          g_autofree char *when = local != NULL ? g_date_time_format (local, "%H:%M") : g_strdup ("");

          /* Translators: records waiting, what went wrong, the time of the next try */
          g_string_printf (text, ngettext ("%u invoice record not sent to the tax agency yet (%s); next try at %s",
                                           "%u invoice records not sent to the tax agency yet (%s); next try at %s",
                                           pending), pending, self->last_error != NULL ? self->last_error : "", when);
        }
        break;
      case PACTA_SENDING_OFF:
        g_string_printf (text, ngettext ("%u invoice record is not sent to the tax agency: this is the demo",
                                         "%u invoice records are not sent to the tax agency: this is the demo",
                                         pending), pending);
        break;
      case PACTA_SENDING_IDLE:
      default:
        g_string_printf (text, ngettext ("%u invoice record has not been sent to the tax agency yet",
                                         "%u invoice records have not been sent to the tax agency yet",
                                         pending), pending);
        break;
      }

  if (rejected > 0)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append_printf (text, ngettext ("rejected by the tax agency: %u to fix",
                                              "rejected by the tax agency: %u to fix", rejected), rejected);
      /* A sentence starts with a capital */
      if (pending == 0)
        {
          g_autofree char *first = g_utf8_strup (text->str, g_utf8_next_char (text->str) - text->str);

          g_string_erase (text, 0, g_utf8_next_char (text->str) - text->str);
          g_string_prepend (text, first);
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * pacta_verifactu_last_reply_describe:
 *
 * Returns: (transfer full) (nullable): the agency's last answer in a
 *   sentence (when, the records it accepted and refused, its receipt), or
 *   what went wrong; %NULL before the first submission
 */
char *
pacta_verifactu_last_reply_describe (PactaDatabase *database)
{
  sqlite3_stmt *stmt;
  char *text = NULL;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), NULL);

  stmt = pacta_database_prepare (database,
                                 "SELECT s.replied_at, s.outcome, s.csv, s.message,"
                                 " (SELECT count(*) FROM verifactu_results v WHERE v.submission_id = s.id AND v.accepted = 1),"
                                 " (SELECT count(*) FROM verifactu_results v WHERE v.submission_id = s.id AND v.accepted = 0)"
                                 " FROM verifactu_submissions s WHERE s.replied_at IS NOT NULL"
                                 " ORDER BY s.id DESC LIMIT 1",
                                 NULL);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (pacta_sql_column_text (stmt, 0), NULL);
      g_autoptr(GDateTime) now = pacta_now ();
      g_autoptr(GDateTime) local = when != NULL ? g_date_time_to_timezone (when, g_date_time_get_timezone (now)) : NULL;
      g_autofree char *at = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("");
      const char *outcome = pacta_sql_column_text (stmt, 1);
      const char *csv = pacta_sql_column_text (stmt, 2);
      const char *message = pacta_sql_column_text (stmt, 3);
      guint accepted = (guint) sqlite3_column_int (stmt, 4);
      guint rejected = (guint) sqlite3_column_int (stmt, 5);

      if (g_strcmp0 (outcome, "answered") == 0)
        /* Translators: when; records accepted; records rejected; the agency's receipt */
        text = g_strdup_printf (_("%s: %u accepted, %u rejected, receipt %s"), at, accepted, rejected,
                                csv != NULL ? csv : "—");
      else
        /* Translators: when, then what the agency said */
        text = g_strdup_printf (_("%s: %s"), at, message != NULL ? message : "");
    }
  sqlite3_reset (stmt);
  return text;
}
