/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-sync-dialog.c: long work with the cloud platform, in one window — a sync of customers
 * and/or current usage, or closing a usage month (chosen among the last twelve that have
 * ended, with whether and when each was closed). The work runs off the main thread through the
 * context with progress; Cancel, or closing the window, stops it with nothing changed; at the
 * end the report, or the platform's words and that nothing was changed. */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-a11y.h"
#include "pacta-connect-dialog.h"
#include "pacta-error.h"
#include "pacta-platform-text.h"
#include "pacta-sync-dialog-private.h"

/* How many ended months Close Month offers */
#define N_MONTHS 12

typedef enum
{
  MODE_SYNC,
  MODE_CLOSE_MONTH,
} Mode;

struct _PactaSyncDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  GtkButton      *cancel_button;
  GtkButton      *close_month_button;
  GtkStack       *stack;
  AdwComboRow    *month_row;
  AdwStatusPage  *progress_page;
  GtkProgressBar *progress_bar;
  AdwStatusPage  *result_page;
  AdwStatusPage  *stopped_page;
  GtkWidget      *reconnect_button;
  GtkWidget      *try_again_button;

  /* Owned */
  PactaContext   *context;
  GCancellable   *cancellable;         /* while the work runs */
  GStrv           months;              /* MODE_CLOSE_MONTH: YYYY-MM, as in month_row */
  char           *message;             /* what the last page says, as plain text */
  Mode            mode;
  gboolean        customers;
  gboolean        usage;
  gboolean        close_when_stopped;  /* closed while working: goes once it has stopped */
};

G_DEFINE_FINAL_TYPE (PactaSyncDialog, pacta_sync_dialog, ADW_TYPE_WINDOW)

static const char *
selected_month (PactaSyncDialog *self)
{
  guint position = adw_combo_row_get_selected (self->month_row);

  if (self->months == NULL || position >= g_strv_length (self->months))
    return NULL;
  return self->months[position];
}

/* Whether the month chosen is closed already, and when */
static void
update_month_status (PactaSyncDialog *self)
{
  const char *month = selected_month (self);
  g_autofree char *closed_at = NULL;
  g_autofree char *when = NULL;
  g_autofree char *status = NULL;

  if (month == NULL || self->context == NULL)
    return;

  closed_at = pacta_platform_month_closed_at (self->context, month);
  when = pacta_platform_format_time (pacta_context_get_clock (self->context), closed_at);
  if (when != NULL)
    /* Translators: under the month to close; %s is when it was closed, such as “3 December 2026, 10:15” */
    status = g_strdup_printf (_("Closed on %s; closing it again replaces its usage"), when);
  else
    status = g_strdup (_("Not closed yet"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->month_row), status);
}

static void
show_page (PactaSyncDialog *self,
           const char      *name)
{
  gboolean choosing = g_str_equal (name, "choose");
  gboolean working = g_str_equal (name, "progress");

  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_widget_set_visible (GTK_WIDGET (self->close_month_button), choosing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  /* Cancel while there is something to cancel or choose, then Close */
  gtk_button_set_label (self->cancel_button, choosing || working ? _("_Cancel") : _("_Close"));
  if (!choosing && !working)
    gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
}

/* The end of the work: its report, or why nothing was changed */
static void
show_end (PactaSyncDialog *self,
          AdwStatusPage   *page,
          const char      *title,
          const char      *icon_name,
          const char      *text)
{
  /* The description is markup; the platform's words and names are not */
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_free (self->message);
  self->message = g_strdup (text);
  adw_status_page_set_title (page, title);
  if (icon_name != NULL)
    adw_status_page_set_icon_name (page, icon_name);
  adw_status_page_set_description (page, escaped);
  show_page (self, page == self->result_page ? "result" : "stopped");
}

/* Cancelled or failed: nothing was changed */
static void
show_stopped (PactaSyncDialog *self,
              const GError    *error)
{
  /* The secret is not in this keyring (a new computer, a restored backup)
   * or no longer works: it is given again, as trying again would not help */
  gboolean reconnect = g_error_matches (error, PACTA_ERROR, PACTA_ERROR_PASSWORD_REQUIRED) ||
                       g_error_matches (error, PACTA_ERROR, PACTA_ERROR_UNAUTHORIZED);

  gtk_widget_set_visible (self->reconnect_button, reconnect);
  gtk_widget_set_visible (self->try_again_button, !reconnect);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_end (self, self->stopped_page, _("Cancelled"), "process-stop-symbolic", _("Nothing was changed."));
  else
    show_end (self, self->stopped_page, _("Nothing Was Changed"), "dialog-error-symbolic", error->message);
}

/* The work is over; FALSE when the window was closed meanwhile and goes now */
static gboolean
end_work (PactaSyncDialog *self)
{
  g_clear_object (&self->cancellable);
  if (self->close_when_stopped)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return FALSE;
    }
  return TRUE;
}

static void
on_progress_cb (double   fraction,
                gpointer user_data)
{
  PactaSyncDialog *self = user_data;

  if (self->cancellable != NULL && !g_cancellable_is_cancelled (self->cancellable))
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
on_synced_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PactaSyncDialog) self = user_data;
  g_autoptr(PactaImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  report = pacta_context_sync_platform_finish (PACTA_CONTEXT (object), result, &error);
  /* Destroyed meanwhile (with its owner): the work was cancelled with it */
  if (self->context == NULL || !end_work (self))
    return;

  if (report == NULL)
    {
      show_stopped (self, error);
      return;
    }
  /* The lists are up to date already: the context saw to it */
  text = pacta_import_report_describe (report);
  show_end (self, self->result_page, self->customers ? _("Sync Complete") : _("Usage Refreshed"), NULL, text);
}

static void
on_month_closed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PactaSyncDialog) self = user_data;
  g_autoptr(PactaUsageCloseReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  report = pacta_context_close_usage_month_finish (PACTA_CONTEXT (object), result, &error);
  if (self->context == NULL || !end_work (self))
    return;

  update_month_status (self);
  if (report == NULL)
    {
      show_stopped (self, error);
      return;
    }
  text = pacta_usage_close_report_describe (report);
  show_end (self, self->result_page, _("Month Closed"), NULL, text);
}

/**
 * pacta_sync_dialog_start:
 *
 * Syncs, or closes the month chosen: off the main thread, with progress,
 * until done or cancelled.
 */
void
pacta_sync_dialog_start (PactaSyncDialog *self)
{
  g_return_if_fail (PACTA_IS_SYNC_DIALOG (self));

  if (self->cancellable != NULL || self->context == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);

  if (self->mode == MODE_CLOSE_MONTH)
    {
      const char *month = selected_month (self);
      g_autofree char *name = pacta_platform_format_month (month);
      /* Translators: while a month's usage is closed; %s is the month, such as “November 2026” */
      g_autofree char *title = g_strdup_printf (_("Closing %s…"), name);

      g_return_if_fail (month != NULL);
      adw_status_page_set_title (self->progress_page, title);
      show_page (self, "progress");
      pacta_context_close_usage_month_async (self->context, month, on_progress_cb, self, self->cancellable,
                                             on_month_closed_cb, g_object_ref (self));
      return;
    }

  adw_status_page_set_title (self->progress_page,
                             self->customers ? _("Syncing…") : _("Refreshing Usage…"));
  show_page (self, "progress");
  /* Everything is fetched first and written in one transaction: Cancel,
   * or the network going, leaves the database as it was */
  pacta_context_sync_platform_async (self->context, self->customers, self->usage, on_progress_cb, self,
                                     self->cancellable, on_synced_cb, g_object_ref (self));
}

void
pacta_sync_dialog_cancel (PactaSyncDialog *self)
{
  g_return_if_fail (PACTA_IS_SYNC_DIALOG (self));

  if (self->cancellable == NULL)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_progress_bar_set_text (self->progress_bar, _("Cancelling…"));
  g_cancellable_cancel (self->cancellable);
}

static void
on_cancel_clicked_cb (PactaSyncDialog *self)
{
  if (self->cancellable != NULL)
    pacta_sync_dialog_cancel (self);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_close_month_clicked_cb (PactaSyncDialog *self)
{
  pacta_sync_dialog_start (self);
}

static void
on_try_again_clicked_cb (PactaSyncDialog *self)
{
  if (self->mode == MODE_CLOSE_MONTH)
    show_page (self, "choose");
  else
    pacta_sync_dialog_start (self);
}

/* Connect Again…: the account's URL and client ID filled in, the secret to give */
static void
on_reconnect_clicked_cb (PactaSyncDialog *self)
{
  g_autoptr(PactaPlatformAccount) account = NULL;
  PactaConnectDialog *dialog;

  if (self->context == NULL || self->cancellable != NULL)
    return;
  account = pacta_context_get_platform_account (self->context);
  dialog = pacta_connect_dialog_new (gtk_window_get_transient_for (GTK_WINDOW (self)), self->context);
  if (account != NULL)
    pacta_connect_dialog_fill (dialog, account->url, account->client_id);
  gtk_window_destroy (GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_month_selected_cb (PactaSyncDialog *self)
{
  update_month_status (self);
}

static gboolean
pacta_sync_dialog_close_request (GtkWindow *window)
{
  PactaSyncDialog *self = PACTA_SYNC_DIALOG (window);

  /* The work is one transaction: closing mid-way cancels it, and the
   * window goes once nothing of it is left */
  if (self->cancellable != NULL)
    {
      self->close_when_stopped = TRUE;
      pacta_sync_dialog_cancel (self);
      return TRUE;
    }
  return FALSE;
}

static void
pacta_sync_dialog_dispose (GObject *object)
{
  PactaSyncDialog *self = (PactaSyncDialog *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_pointer (&self->months, g_strfreev);
  g_clear_pointer (&self->message, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_SYNC_DIALOG);

  G_OBJECT_CLASS (pacta_sync_dialog_parent_class)->dispose (object);
}

static void
pacta_sync_dialog_class_init (PactaSyncDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pacta_sync_dialog_dispose;
  window_class->close_request = pacta_sync_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pacta/Pacta/ui/customers/pacta-sync-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaSyncDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PactaSyncDialog, close_month_button);
  gtk_widget_class_bind_template_child (widget_class, PactaSyncDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PactaSyncDialog, month_row);
  gtk_widget_class_bind_template_child (widget_class, PactaSyncDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, PactaSyncDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PactaSyncDialog, result_page);
  gtk_widget_class_bind_template_child (widget_class, PactaSyncDialog, stopped_page);
  gtk_widget_class_bind_template_child (widget_class, PactaSyncDialog, reconnect_button);
  gtk_widget_class_bind_template_child (widget_class, PactaSyncDialog, try_again_button);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_close_month_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_try_again_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reconnect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_month_selected_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pacta_sync_dialog_init (PactaSyncDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pacta_a11y_fix_mnemonics (GTK_WIDGET (self));
}

static PactaSyncDialog *
sync_dialog_new (GtkWindow    *parent,
                 PactaContext *context,
                 Mode          mode,
                 const char   *title)
{
  /* Titled from the start: a screen reader meets the window with its name */
  PactaSyncDialog *self = g_object_new (PACTA_TYPE_SYNC_DIALOG, "transient-for", parent, "title", title, NULL);

  self->context = g_object_ref (context);
  self->mode = mode;
  return self;
}

/**
 * pacta_sync_dialog_new_sync:
 * @customers: every customer of the platform's account
 * @usage: their current (provisional) usage
 *
 * Returns: (transfer none): the dialog, to present and start
 */
PactaSyncDialog *
pacta_sync_dialog_new_sync (GtkWindow    *parent,
                            PactaContext *context,
                            gboolean      customers,
                            gboolean      usage)
{
  PactaSyncDialog *self;

  g_return_val_if_fail (PACTA_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (customers || usage, NULL);

  self = sync_dialog_new (parent, context, MODE_SYNC,
                          customers ? _("Sync With Cloud Platform") : _("Refresh Usage"));
  self->customers = customers;
  self->usage = usage;
  adw_status_page_set_title (self->progress_page,
                             customers ? _("Syncing…") : _("Refreshing Usage…"));
  gtk_stack_set_visible_child_name (self->stack, "progress");
  return self;
}

/**
 * pacta_sync_dialog_new_close_month:
 *
 * Close Month: the month just ended chosen, or one of the eleven before.
 *
 * Returns: (transfer none): the dialog, to present
 */
PactaSyncDialog *
pacta_sync_dialog_new_close_month (GtkWindow    *parent,
                                   PactaContext *context)
{
  PactaSyncDialog *self;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_return_val_if_fail (PACTA_IS_CONTEXT (context), NULL);

  self = sync_dialog_new (parent, context, MODE_CLOSE_MONTH, _("Close Usage Month"));
  self->months = pacta_platform_ended_months (pacta_context_get_clock (context), N_MONTHS);
  for (guint i = 0; self->months[i] != NULL; i++)
    {
      g_autofree char *name = pacta_platform_format_month (self->months[i]);

      gtk_string_list_append (names, name);
    }
  adw_combo_row_set_model (self->month_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->month_row, 0);
  update_month_status (self);
  show_page (self, "choose");
  gtk_widget_grab_focus (GTK_WIDGET (self->month_row));
  return self;
}

/* ---- for tests -------------------------------------------------------------------- */

gboolean
pacta_sync_dialog_is_busy (PactaSyncDialog *self)
{
  g_return_val_if_fail (PACTA_IS_SYNC_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

gboolean
pacta_sync_dialog_set_month (PactaSyncDialog *self,
                             const char      *month)
{
  g_return_val_if_fail (PACTA_IS_SYNC_DIALOG (self), FALSE);

  for (guint i = 0; self->months != NULL && self->months[i] != NULL; i++)
    if (g_str_equal (self->months[i], month))
      {
        adw_combo_row_set_selected (self->month_row, i);
        return TRUE;
      }
  return FALSE;
}

const char *
pacta_sync_dialog_get_month (PactaSyncDialog *self)
{
  g_return_val_if_fail (PACTA_IS_SYNC_DIALOG (self), NULL);

  return selected_month (self);
}

const char *
pacta_sync_dialog_get_month_status (PactaSyncDialog *self)
{
  g_return_val_if_fail (PACTA_IS_SYNC_DIALOG (self), NULL);

  return adw_action_row_get_subtitle (ADW_ACTION_ROW (self->month_row));
}

const char *
pacta_sync_dialog_get_page (PactaSyncDialog *self)
{
  g_return_val_if_fail (PACTA_IS_SYNC_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
pacta_sync_dialog_get_message (PactaSyncDialog *self)
{
  g_return_val_if_fail (PACTA_IS_SYNC_DIALOG (self), NULL);

  return self->message;
}
