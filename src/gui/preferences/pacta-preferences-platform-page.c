/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-platform-page.c: the Cloud Platform page of the preferences — Connect… while
 * Pacta is not connected; once it is, the account with Disconnect (asked first), when customers
 * and usage were last synced with Sync Now and Refresh Usage, and the closed months with Close
 * Month…. It follows the context's "platform-changed"; times are shown in the app clock's zone. */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-a11y.h"
#include "pacta-connect-dialog.h"
#include "pacta-platform-text.h"
#include "pacta-preferences-platform-page-private.h"
#include "pacta-sync-dialog.h"

struct _PactaPreferencesPlatformPage
{
  AdwPreferencesPage   parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *connect_group;
  AdwPreferencesGroup *account_group;
  AdwActionRow        *account_row;
  GtkWidget           *disconnect_button;
  AdwPreferencesGroup *sync_group;
  AdwActionRow        *customers_row;
  AdwActionRow        *usage_row;
  AdwPreferencesGroup *months_group;

  /* Owned */
  PactaContext        *context;
  GPtrArray           *month_rows;      /* the rows, borrowed from the group */
  GCancellable        *disconnecting;   /* (nullable): a disconnection under way */
  AdwMessageDialog    *question;        /* (nullable) (weak): Disconnect's question */
  guint                n_months;        /* closed months listed */
};

G_DEFINE_FINAL_TYPE (PactaPreferencesPlatformPage, pacta_preferences_platform_page, ADW_TYPE_PREFERENCES_PAGE)

/* The preferences window shows it */
static void
toast (PactaPreferencesPlatformPage *self,
       const char                   *text)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "preferences.toast", "s", text);
}

static GtkWindow *
parent_window (PactaPreferencesPlatformPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
reload_months (PactaPreferencesPlatformPage *self)
{
  g_auto(GStrv) months = NULL;
  g_autoptr(GError) error = NULL;
  PactaClock *clock;

  for (guint i = 0; i < self->month_rows->len; i++)
    adw_preferences_group_remove (self->months_group, g_ptr_array_index (self->month_rows, i));
  g_ptr_array_set_size (self->month_rows, 0);
  self->n_months = 0;
  if (self->context == NULL || !pacta_context_get_platform_connected (self->context))
    return;

  clock = pacta_context_get_clock (self->context);
  if (!(months = pacta_context_list_usage_months (self->context, &error)))
    g_warning ("Could not list the closed months: %s", error->message);
  for (guint i = 0; months != NULL && months[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = pacta_platform_format_month (months[i]);
      g_autofree char *closed_at = pacta_platform_month_closed_at (self->context, months[i]);
      g_autofree char *when = pacta_platform_format_time (clock, closed_at);
      /* Translators: under a closed month; %s is when it was closed, such as “3 December 2026, 10:15” */
      g_autofree char *subtitle = when != NULL ? g_strdup_printf (_("Closed on %s"), when) : NULL;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      /* Named for its month, which the title is */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_group_add (self->months_group, row);
      g_ptr_array_add (self->month_rows, row);
      self->n_months++;
    }
  if (months == NULL || months[0] == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No month closed yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Until a month is closed, billing runs use the latest provisional usage only "
                                     "when you confirm it."));
      adw_preferences_group_add (self->months_group, row);
      g_ptr_array_add (self->month_rows, row);
    }
}

static void
reload (PactaPreferencesPlatformPage *self)
{
  g_autoptr(PactaPlatformAccount) account = NULL;
  g_autofree char *account_text = NULL;
  g_autofree char *synced = NULL;
  g_autofree char *usage = NULL;
  g_autofree char *customers_text = NULL;
  g_autofree char *usage_text = NULL;
  gboolean connected;
  PactaClock *clock;

  if (self->context != NULL)
    account = pacta_context_get_platform_account (self->context);
  connected = account != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->connect_group), !connected);
  gtk_widget_set_visible (GTK_WIDGET (self->account_group), connected);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_group), connected);
  gtk_widget_set_visible (GTK_WIDGET (self->months_group), connected);
  gtk_widget_set_sensitive (GTK_WIDGET (self), self->disconnecting == NULL);
  if (!connected)
    {
      reload_months (self);
      return;
    }

  clock = pacta_context_get_clock (self->context);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->account_row),
                                 account->tenant_name != NULL && *account->tenant_name != '\0'
                                   ? account->tenant_name : account->url);
  /* Translators: under the account's name: the data center URL and the API client's ID */
  account_text = g_strdup_printf (_("%s · client ID %s"), account->url, account->client_id);
  adw_action_row_set_subtitle (self->account_row, account_text);

  synced = pacta_platform_format_time (clock, account->synced_at);
  /* Translators: %s is when, such as “3 December 2026, 10:15” */
  customers_text = synced != NULL ? g_strdup_printf (_("Last synced %s"), synced) : g_strdup (_("Never synced"));
  adw_action_row_set_subtitle (self->customers_row, customers_text);

  usage = pacta_platform_format_time (clock, account->usage_at);
  /* Translators: %s is when the usage was fetched, such as “3 December 2026, 10:15” */
  usage_text = usage != NULL ? g_strdup_printf (_("Provisional usage as of %s"), usage)
                             : g_strdup (_("Not refreshed yet"));
  adw_action_row_set_subtitle (self->usage_row, usage_text);

  reload_months (self);
}

static void
on_platform_changed_cb (PactaPreferencesPlatformPage *self)
{
  reload (self);
}

static void
on_connected_cb (PactaPreferencesPlatformPage *self,
                 const char                   *name)
{
  /* Translators: a toast; %s is the account's name on the cloud platform */
  g_autofree char *text = g_strdup_printf (_("Connected to %s"), name);

  toast (self, text);
}

static void
on_connect_clicked_cb (PactaPreferencesPlatformPage *self)
{
  PactaConnectDialog *dialog;

  if (self->context == NULL)
    return;
  dialog = pacta_connect_dialog_new (parent_window (self), self->context);
  g_signal_connect_object (dialog, "connected", G_CALLBACK (on_connected_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
start_sync (PactaPreferencesPlatformPage *self,
            gboolean                      customers,
            gboolean                      usage)
{
  PactaSyncDialog *dialog;

  if (self->context == NULL)
    return;
  dialog = pacta_sync_dialog_new_sync (parent_window (self), self->context, customers, usage);
  gtk_window_present (GTK_WINDOW (dialog));
  pacta_sync_dialog_start (dialog);
}

/* Sync Now: customers and their usage, as the main menu's Sync does */
static void
on_sync_clicked_cb (PactaPreferencesPlatformPage *self)
{
  start_sync (self, TRUE, TRUE);
}

static void
on_refresh_clicked_cb (PactaPreferencesPlatformPage *self)
{
  start_sync (self, FALSE, TRUE);
}

static void
on_close_month_clicked_cb (PactaPreferencesPlatformPage *self)
{
  if (self->context == NULL)
    return;
  gtk_window_present (GTK_WINDOW (pacta_sync_dialog_new_close_month (parent_window (self), self->context)));
}

static void
on_disconnected_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PactaPreferencesPlatformPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean done = pacta_context_disconnect_platform_finish (PACTA_CONTEXT (object), result, &error);

  if (self->disconnecting == NULL)
    return;   /* the page is gone */
  g_clear_object (&self->disconnecting);
  reload (self);
  toast (self, done ? _("Disconnected from the cloud platform") : error->message);
}

static void
disconnect (PactaPreferencesPlatformPage *self)
{
  if (self->disconnecting != NULL || self->context == NULL)
    return;
  self->disconnecting = g_cancellable_new ();
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  /* The keyring is D-Bus: off the main thread */
  pacta_context_disconnect_platform_async (self->context, self->disconnecting, on_disconnected_cb,
                                           g_object_ref (self));
}

static void
on_disconnect_response_cb (PactaPreferencesPlatformPage *self,
                           const char                   *response)
{
  if (g_strcmp0 (response, "disconnect") == 0)
    disconnect (self);
}

static void
on_disconnect_clicked_cb (PactaPreferencesPlatformPage *self)
{
  GtkWidget *dialog;

  if (self->question != NULL)
    return;
  dialog = adw_message_dialog_new (parent_window (self), _("Disconnect from the cloud platform?"),
                                   _("The API client’s secret is removed from the keyring. Customers, services and "
                                     "closed months stay."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "disconnect", _("_Disconnect"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "disconnect", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_disconnect_response_cb), self, G_CONNECT_SWAPPED);
  pacta_a11y_fix_mnemonics (dialog);
  self->question = ADW_MESSAGE_DIALOG (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->question);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
pacta_preferences_platform_page_dispose (GObject *object)
{
  PactaPreferencesPlatformPage *self = (PactaPreferencesPlatformPage *)object;

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_func (self->context, on_platform_changed_cb, self);
  g_clear_object (&self->context);
  /* A disconnection under way is not cancelled: it finishes, whole */
  g_clear_object (&self->disconnecting);
  if (self->question != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->question), (gpointer *) &self->question);
      gtk_window_destroy (GTK_WINDOW (self->question));
      self->question = NULL;
    }
  g_clear_pointer (&self->month_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_PREFERENCES_PLATFORM_PAGE);

  G_OBJECT_CLASS (pacta_preferences_platform_page_parent_class)->dispose (object);
}

static void
pacta_preferences_platform_page_class_init (PactaPreferencesPlatformPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_preferences_platform_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pacta/Pacta/ui/preferences/pacta-preferences-platform-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesPlatformPage, connect_group);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesPlatformPage, account_group);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesPlatformPage, account_row);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesPlatformPage, disconnect_button);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesPlatformPage, sync_group);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesPlatformPage, customers_row);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesPlatformPage, usage_row);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesPlatformPage, months_group);
  gtk_widget_class_bind_template_callback (widget_class, on_connect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_disconnect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sync_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_refresh_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_close_month_clicked_cb);
}

static void
pacta_preferences_platform_page_init (PactaPreferencesPlatformPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->month_rows = g_ptr_array_new ();
  pacta_a11y_fix_mnemonics (GTK_WIDGET (self));
  reload (self);
}

void
pacta_preferences_platform_page_set_context (PactaPreferencesPlatformPage *self,
                                             PactaContext                 *context)
{
  g_return_if_fail (PACTA_IS_PREFERENCES_PLATFORM_PAGE (self));
  g_return_if_fail (context == NULL || PACTA_IS_CONTEXT (context));

  if (self->context == context)
    return;
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_func (self->context, on_platform_changed_cb, self);
  g_set_object (&self->context, context);
  if (context != NULL)
    g_signal_connect_object (context, "platform-changed", G_CALLBACK (on_platform_changed_cb), self,
                             G_CONNECT_SWAPPED);
  if (self->month_rows != NULL)
    reload (self);
}

/* ---- for tests -------------------------------------------------------------------- */

gboolean
pacta_preferences_platform_page_is_busy (PactaPreferencesPlatformPage *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_PLATFORM_PAGE (self), FALSE);

  return self->disconnecting != NULL;
}

/**
 * pacta_preferences_platform_page_get_question:
 *
 * Returns: (transfer none) (nullable): Disconnect's question while it is asked
 */
AdwMessageDialog *
pacta_preferences_platform_page_get_question (PactaPreferencesPlatformPage *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_PLATFORM_PAGE (self), NULL);

  return self->question;
}

guint
pacta_preferences_platform_page_get_n_months (PactaPreferencesPlatformPage *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_PLATFORM_PAGE (self), 0);

  return self->n_months;
}
