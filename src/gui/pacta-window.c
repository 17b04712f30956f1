/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-window.c: header bar with view switcher, the first-run page, the demo banner and the pages */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pacta-a11y.h"
#include "pacta-banner.h"
#include "pacta-billing-import.h"
#include "pacta-connect-dialog.h"
#include "pacta-customer-panel.h"
#include "pacta-customers-page.h"
#include "pacta-helpdesk-page.h"
#include "pacta-import-dialog.h"
#include "pacta-preferences-window.h"
#include "pacta-verifactu-service.h"
#include "pacta-verifactu.h"
#include "pacta-sales-page.h"
#include "pacta-mail-service.h"
#include "pacta-sync-dialog.h"
#include "pacta-window-private.h"
#include "pacta-wrap-box.h"

struct _PactaWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  PactaBanner          *demo_banner;
  PactaBanner          *records_banner;
  GtkStack             *main_stack;
  GtkWidget            *welcome_connect_button;
  GtkWidget            *welcome_sync_button;
  GtkWidget            *welcome_import_button;
  GtkWidget            *welcome_demo_button;
  AdwViewStack         *view_stack;
  PactaCustomersPage   *customers_page;
  AdwBin               *sales_bin;
  AdwBin               *helpdesk_bin;
  /* Made when first shown, or asked for: starting needs only the Customers page */
  PactaSalesPage       *sales_page;
  PactaHelpdeskPage    *helpdesk_page;

  /* Owned */
  PactaContext         *context;
  PactaVerifactuService *sending;           /* sends the context's invoice records by itself */
  PactaMailService     *mail;               /* reads mail and sends the outbox by itself */
  GSettings            *settings;
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;        /* cancelled in dispose: the imports running have no window to tell */
  PactaBillingInfo     *undo_info;          /* billing information before the last save */
  gint64                undo_customer_id;   /* 0 when there is nothing to undo */
  gboolean              narrow;             /* the lists show fewer columns */
};

G_DEFINE_FINAL_TYPE (PactaWindow, pacta_window, ADW_TYPE_APPLICATION_WINDOW)

/* Below this width (a phone, a window tiled on a small screen) the lists
 * keep only their main columns */
#define NARROW_WIDTH 600

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The switcher moves to the bottom when the header has no room for it; the
 * welcome page has nothing to switch to */
static void
update_switcher_bar (PactaWindow *self)
{
  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    adw_view_switcher_title_get_title_visible (self->switcher_title) &&
                                    g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "main") == 0);
}

static void
update_main_stack (PactaWindow *self)
{
  guint n = 0;

  if (self->context != NULL)
    n = g_list_model_get_n_items (G_LIST_MODEL (pacta_context_get_customers (self->context)));

  /* An empty database greets with the two ways in instead of an empty list */
  gtk_stack_set_visible_child_name (self->main_stack, n > 0 ? "main" : "welcome");
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, n > 0);
  update_switcher_bar (self);
}

static void
on_customers_changed_cb (PactaWindow *self)
{
  update_main_stack (self);
}

static void
on_imported_cb (PactaWindow       *self,
                guint              created,
                guint              updated,
                PactaImportDialog *dialog)
{
  g_autofree char *title = NULL;

  /* Translators: a toast after an import; the numbers are customers */
  title = g_strdup_printf (_("Import complete: %u created, %u updated"), created, updated);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
  update_main_stack (self);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PactaWindow *self = PACTA_WINDOW (widget);
  PactaImportDialog *dialog;

  if (self->context == NULL)
    return;

  dialog = pacta_import_dialog_new (GTK_WINDOW (self), self->context);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The cloud platform's actions follow the connection: Connect while there
 * is none, Sync and Close Usage Month once there is (the menu hides the
 * others, and so does the welcome page) */
static void
update_platform_actions (PactaWindow *self)
{
  gboolean connected = self->context != NULL && pacta_context_get_platform_connected (self->context);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.connect-platform", self->context != NULL && !connected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-platform", connected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-usage-month", connected);
  gtk_widget_set_visible (self->welcome_connect_button, !connected);
  gtk_widget_set_visible (self->welcome_sync_button, connected);
}

static void
on_platform_changed_cb (PactaWindow *self)
{
  update_platform_actions (self);
}

/* Check Mail only once there is an account */
static void
update_mail_actions (PactaWindow *self)
{
  g_autoptr(PactaMailAccount) account = self->context != NULL ? pacta_context_get_mail_account (self->context) : NULL;
  gboolean ready = account != NULL && self->mail != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check-mail", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.send-mail", ready);
}

static void
on_mail_report_cb (PactaWindow *self,
                   const char  *message,
                   gboolean     problem)
{
  AdwToast *toast = adw_toast_new (message);

  /* A problem stays until read; news goes by itself */
  if (problem)
    adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
check_mail_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PactaWindow *self = PACTA_WINDOW (widget);

  if (self->mail != NULL)
    pacta_mail_service_check_now (self->mail);
}

static void
send_mail_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PactaWindow *self = PACTA_WINDOW (widget);

  if (self->mail != NULL)
    pacta_mail_service_send_now (self->mail);
}

static void
on_connected_cb (PactaWindow *self,
                 const char  *name)
{
  /* Translators: a toast; %s is the account's name on the cloud platform */
  g_autofree char *title = g_strdup_printf (_("Connected to %s"), name);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

/* The dialog syncs customers and usage as soon as it has connected */
static void
connect_platform_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PactaWindow *self = PACTA_WINDOW (widget);
  PactaConnectDialog *dialog;

  if (self->context == NULL)
    return;

  dialog = pacta_connect_dialog_new (GTK_WINDOW (self), self->context);
  g_signal_connect_object (dialog, "connected", G_CALLBACK (on_connected_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sync_platform_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PactaWindow *self = PACTA_WINDOW (widget);
  PactaSyncDialog *dialog;

  if (self->context == NULL || !pacta_context_get_platform_connected (self->context))
    return;

  dialog = pacta_sync_dialog_new_sync (GTK_WINDOW (self), self->context, TRUE, TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
  pacta_sync_dialog_start (dialog);
}

static void
close_usage_month_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PactaWindow *self = PACTA_WINDOW (widget);

  if (self->context == NULL || !pacta_context_get_platform_connected (self->context))
    return;

  gtk_window_present (GTK_WINDOW (pacta_sync_dialog_new_close_month (GTK_WINDOW (self), self->context)));
}

static void
on_billing_import_done_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  PactaWindow *self;
  PactaBillingImportReport report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  /* The window was destroyed meanwhile (and is gone, or going): the import
   * was cancelled with it, or finished whole just before */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  self = PACTA_WINDOW (user_data);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-billing", TRUE);

  /* The lists are up to date already: the context saw to it */
  if (!pacta_context_import_billing_info_finish (PACTA_CONTEXT (object), result, &report, &error))
    {
      pacta_window_show_error (self, _("Nothing Was Imported"), error->message);
      return;
    }

  /* Translators: a toast; the numbers are customers */
  title = g_strdup_printf (_("Billing information imported: %u added, %u updated"),
                           report.created, report.updated);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

void
pacta_window_import_billing_file (PactaWindow *self,
                                  GFile       *file)
{
  g_return_if_fail (PACTA_IS_WINDOW (self));

  if (self->context == NULL)
    return;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-billing", FALSE);
  /* Off the main thread; the window is not held meanwhile (a window held
   * past gtk_window_destroy() would go on with its pages and their models
   * after its owner has let it go): its dispose cancels the import, and the
   * callback then leaves it alone */
  pacta_context_import_billing_info_async (self->context, file, self->cancellable,
                                           on_billing_import_done_cb, self);
}

static void
on_billing_chooser_response_cb (PactaWindow          *self,
                                int                   response,
                                GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      pacta_window_import_billing_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
import_billing_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PactaWindow *self = PACTA_WINDOW (widget);
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();

  if (self->context == NULL || self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Import Billing Information"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_billing_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_undo_billing_cb (PactaWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->context == NULL || self->undo_customer_id == 0)
    return;

  if (!pacta_context_restore_billing_info (self->context, self->undo_customer_id, self->undo_info, &error))
    pacta_window_show_error (self, _("The Change Could Not Be Undone"), error->message);

  self->undo_customer_id = 0;
  g_clear_object (&self->undo_info);
  pacta_customer_panel_reload (PACTA_CUSTOMER_PANEL (pacta_customers_page_get_panel (self->customers_page)));
}

static void
on_billing_info_saved_cb (PactaWindow      *self,
                          gint64            customer_id,
                          PactaBillingInfo *previous)
{
  AdwToast *toast = adw_toast_new (previous == NULL ? _("Billing information added")
                                                    : _("Billing information saved"));

  /* Undo puts back what was there, or removes what was added */
  self->undo_customer_id = customer_id;
  g_set_object (&self->undo_info, previous);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_billing_cb), self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_contracts_created_cb (PactaWindow *self,
                         guint        n_created)
{
  g_autofree char *title = g_strdup_printf (ngettext ("%u contract created", "%u contracts created", n_created),
                                            n_created);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
on_contract_saved_cb (PactaWindow *self)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Contract saved")));
}

static void
on_time_approved_cb (PactaWindow *self)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Time approved; billable time is now a sales item")));
}

static void
on_sales_item_saved_cb (PactaWindow *self)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Sales item saved")));
}

/* The Sales & billing and Helpdesk pages read their contracts, tickets and
 * sales items when they are first shown, not when Pacta starts */
static PactaSalesPage *
ensure_sales_page (PactaWindow *self)
{
  if (self->sales_page == NULL)
    {
      self->sales_page = g_object_new (PACTA_TYPE_SALES_PAGE, NULL);
      pacta_sales_page_set_narrow (self->sales_page, self->narrow);
      g_signal_connect_object (self->sales_page, "contracts-created", G_CALLBACK (on_contracts_created_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->sales_page, "contract-saved", G_CALLBACK (on_contract_saved_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->sales_page, "sales-item-saved", G_CALLBACK (on_sales_item_saved_cb), self,
                               G_CONNECT_SWAPPED);
      adw_bin_set_child (self->sales_bin, GTK_WIDGET (self->sales_page));
      pacta_sales_page_set_context (self->sales_page, self->context);
    }
  return self->sales_page;
}

static PactaHelpdeskPage *
ensure_helpdesk_page (PactaWindow *self)
{
  if (self->helpdesk_page == NULL)
    {
      self->helpdesk_page = g_object_new (PACTA_TYPE_HELPDESK_PAGE, NULL);
      pacta_helpdesk_page_set_narrow (self->helpdesk_page, self->narrow);
      g_signal_connect_object (self->helpdesk_page, "time-approved", G_CALLBACK (on_time_approved_cb), self,
                               G_CONNECT_SWAPPED);
      adw_bin_set_child (self->helpdesk_bin, GTK_WIDGET (self->helpdesk_page));
      pacta_helpdesk_page_set_context (self->helpdesk_page, self->context);
    }
  return self->helpdesk_page;
}

static void
on_visible_page_changed_cb (PactaWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  if (g_strcmp0 (name, "sales") == 0)
    ensure_sales_page (self);
  else if (g_strcmp0 (name, "helpdesk") == 0)
    ensure_helpdesk_page (self);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PactaWindow *self = PACTA_WINDOW (widget);

  if (self->context == NULL)
    return;
  gtk_window_present (GTK_WINDOW (pacta_preferences_window_new (GTK_WINDOW (self), self->context)));
}

static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PactaWindow *self = PACTA_WINDOW (widget);
  g_autoptr(PactaContext) demo = NULL;
  g_autoptr(GError) error = NULL;

  if (!(demo = pacta_context_open_demo (NULL, &error)))
    {
      pacta_window_show_error (self, _("The Demo Could Not Be Opened"), error->message);
      return;
    }

  pacta_window_set_context (self, demo);
}

static void
leave_demo_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PactaWindow *self = PACTA_WINDOW (widget);
  g_autoptr(PactaContext) context = NULL;
  g_autoptr(GError) error = NULL;

  if (!(context = pacta_context_open (NULL, &error)))
    {
      pacta_window_show_error (self, _("Your Data Could Not Be Opened"), error->message);
      return;
    }

  pacta_window_set_context (self, context);
}

/* The file changed under the context (a backup was restored): read it anew */
static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PactaWindow *self = PACTA_WINDOW (widget);
  g_autoptr(PactaContext) context = NULL;
  g_autoptr(GError) error = NULL;

  if (self->context == NULL)
    return;
  if (!(context = pacta_context_reopen (self->context, &error)))
    {
      pacta_window_show_error (self, _("Your Data Could Not Be Opened"), error->message);
      return;
    }
  pacta_window_set_context (self, context);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PactaWindow *self = PACTA_WINDOW (widget);

  if (g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "main"))
    pacta_customers_page_focus_search (self->customers_page);
}

static void
on_is_active_changed_cb (PactaWindow *self)
{
  g_autoptr(GError) error = NULL;

  /* The command line may have changed the file while we were away */
  if (self->context != NULL && gtk_window_is_active (GTK_WINDOW (self)) &&
      !pacta_context_sync (self->context, &error))
    g_warning ("Could not refresh the customer list: %s", error->message);
}

/* Shown for as long as any invoice record is not accepted by the tax
 * agency, with their number and why, as Spain's rules require (Orden
 * HAC/1177/2024, art. 16.4) */
static void
update_records_banner (PactaWindow *self)
{
  g_autofree char *title = self->sending != NULL ? pacta_verifactu_service_describe (self->sending) : NULL;

  if (title != NULL)
    pacta_banner_set_title (self->records_banner, title);
  pacta_banner_set_revealed (self->records_banner, title != NULL);
}

static void
preferences_page_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PactaWindow *self = PACTA_WINDOW (widget);
  PactaPreferencesWindow *preferences;

  if (self->context == NULL)
    return;
  preferences = pacta_preferences_window_new (GTK_WINDOW (self), self->context);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences),
                                                g_variant_get_string (parameter, NULL));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
on_records_banner_clicked_cb (PactaWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.preferences-page", "s", "invoicing");
}

static void
on_banner_button_clicked_cb (PactaWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.leave-demo", NULL);
}

/* For the start-up benchmarks (tests/bench): with PACTA_BENCH_FIRST_FRAME set,
 * print the monotonic time once the first frame is drawn, then quit after
 * PACTA_BENCH_EXIT_AFTER_MS (default at once) */
static gboolean
bench_quit_cb (gpointer user_data)
{
  GApplication *application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (user_data)));

  if (application != NULL)
    g_application_quit (application);
  return G_SOURCE_REMOVE;
}

static void
on_bench_after_paint_cb (GdkFrameClock *clock,
                         PactaWindow   *self)
{
  const char *linger = g_getenv ("PACTA_BENCH_EXIT_AFTER_MS");

  g_signal_handlers_disconnect_by_func (clock, on_bench_after_paint_cb, self);
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  g_timeout_add (linger != NULL ? (guint)atoi (linger) : 0, bench_quit_cb, self);
}

static void
on_bench_realize_cb (PactaWindow *self)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (on_bench_after_paint_cb), self, 0);
}

static void
pacta_window_dispose (GObject *object)
{
  PactaWindow *self = (PactaWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_WINDOW);
  g_clear_object (&self->sending);
  g_clear_object (&self->mail);
  g_clear_object (&self->context);
  g_clear_object (&self->undo_info);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pacta_window_parent_class)->dispose (object);
}

static gboolean
pacta_window_close_request (GtkWindow *window)
{
  PactaWindow *self = PACTA_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_set_string (self->settings, "last-page",
                         adw_view_stack_get_visible_child_name (self->view_stack));

  return GTK_WINDOW_CLASS (pacta_window_parent_class)->close_request (window);
}

/* The lists change their columns before anything inside is allocated, so
 * that this allocation already has them */
static void
pacta_window_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  PactaWindow *self = PACTA_WINDOW (widget);
  gboolean narrow = width < NARROW_WIDTH;

  if (narrow != self->narrow)
    {
      self->narrow = narrow;
      pacta_customers_page_set_narrow (self->customers_page, narrow);
      if (self->sales_page != NULL)
        pacta_sales_page_set_narrow (self->sales_page, narrow);
      if (self->helpdesk_page != NULL)
        pacta_helpdesk_page_set_narrow (self->helpdesk_page, narrow);
    }

  GTK_WIDGET_CLASS (pacta_window_parent_class)->size_allocate (widget, width, height, baseline);
}

static void
pacta_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PactaWindow *self = PACTA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PactaWindow *self = PACTA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      pacta_window_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_window_class_init (PactaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pacta_window_dispose;
  object_class->get_property = pacta_window_get_property;
  object_class->set_property = pacta_window_set_property;
  window_class->close_request = pacta_window_close_request;
  widget_class->size_allocate = pacta_window_size_allocate;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, PACTA_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PACTA_TYPE_BANNER);
  g_type_ensure (PACTA_TYPE_CUSTOMERS_PAGE);
  g_type_ensure (PACTA_TYPE_SALES_PAGE);
  g_type_ensure (PACTA_TYPE_HELPDESK_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pacta/Pacta/ui/pacta-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PactaWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, PactaWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, PactaWindow, demo_banner);
  gtk_widget_class_bind_template_child (widget_class, PactaWindow, records_banner);
  gtk_widget_class_bind_template_callback (widget_class, on_records_banner_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, PactaWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PactaWindow, welcome_connect_button);
  gtk_widget_class_bind_template_child (widget_class, PactaWindow, welcome_sync_button);
  gtk_widget_class_bind_template_child (widget_class, PactaWindow, welcome_import_button);
  gtk_widget_class_bind_template_child (widget_class, PactaWindow, welcome_demo_button);
  gtk_widget_class_bind_template_child (widget_class, PactaWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PactaWindow, customers_page);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_billing_info_saved_cb);
  gtk_widget_class_bind_template_child (widget_class, PactaWindow, helpdesk_bin);
  gtk_widget_class_bind_template_child (widget_class, PactaWindow, sales_bin);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-billing", NULL, import_billing_action);
  gtk_widget_class_install_action (widget_class, "win.connect-platform", NULL, connect_platform_action);
  gtk_widget_class_install_action (widget_class, "win.sync-platform", NULL, sync_platform_action);
  gtk_widget_class_install_action (widget_class, "win.check-mail", NULL, check_mail_action);
  gtk_widget_class_install_action (widget_class, "win.send-mail", NULL, send_mail_action);
  gtk_widget_class_install_action (widget_class, "win.close-usage-month", NULL, close_usage_month_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.leave-demo", NULL, leave_demo_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.reopen", NULL, reopen_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.preferences-page", "s", preferences_page_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.sync-platform", NULL);
  /* As in Evolution: Send / Receive */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.check-mail", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
}

static void
pacta_window_init (PactaWindow *self)
{
  g_autofree char *last_page = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  /* In Spanish the welcome page's buttons are wider than a phone */
  pacta_wrap_button_label (self->welcome_connect_button);
  pacta_wrap_button_label (self->welcome_sync_button);
  pacta_wrap_button_label (self->welcome_import_button);
  pacta_wrap_button_label (self->welcome_demo_button);
  /* The welcome page's buttons: named by their text, without the mnemonic */
  pacta_a11y_fix_mnemonics (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_object (self->view_stack, "notify::visible-child", G_CALLBACK (on_visible_page_changed_cb), self,
                           G_CONNECT_SWAPPED);
  last_page = g_settings_get_string (self->settings, "last-page");
  if (adw_view_stack_get_child_by_name (self->view_stack, last_page) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, last_page);

  g_signal_connect_object (self->switcher_title, "notify::title-visible", G_CALLBACK (update_switcher_bar), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_is_active_changed_cb), NULL);
  if (g_getenv ("PACTA_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (self, "realize", G_CALLBACK (on_bench_realize_cb), NULL);
  update_platform_actions (self);
  update_mail_actions (self);
  update_main_stack (self);
}

PactaWindow *
pacta_window_new (AdwApplication *application,
                  PactaContext   *context)
{
  return g_object_new (PACTA_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

PactaContext *
pacta_window_get_context (PactaWindow *self)
{
  g_return_val_if_fail (PACTA_IS_WINDOW (self), NULL);

  return self->context;
}

void
pacta_window_set_context (PactaWindow  *self,
                          PactaContext *context)
{
  gboolean demo;

  g_return_if_fail (PACTA_IS_WINDOW (self));
  g_return_if_fail (!context || PACTA_IS_CONTEXT (context));

  if (self->context != NULL)
    {
      g_signal_handlers_disconnect_by_func (pacta_context_get_customers (self->context),
                                            on_customers_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->context, on_platform_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->context, update_mail_actions, self);
    }
  if (self->mail != NULL)
    g_signal_handlers_disconnect_by_func (self->mail, on_mail_report_cb, self);
  g_clear_object (&self->mail);
  if (self->sending != NULL)
    g_signal_handlers_disconnect_by_func (self->sending, update_records_banner, self);
  g_clear_object (&self->sending);

  if (!g_set_object (&self->context, context))
    return;

  demo = context != NULL && pacta_context_get_is_demo (context);

  if (context != NULL)
    {
      g_signal_connect_object (pacta_context_get_customers (context), "items-changed",
                               G_CALLBACK (on_customers_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "platform-changed", G_CALLBACK (on_platform_changed_cb), self,
                               G_CONNECT_SWAPPED);
      /* Every invoice issued adds a record, which goes out by itself */
      self->sending = pacta_verifactu_service_new (context, NULL);
      g_signal_connect_object (self->sending, "changed", G_CALLBACK (update_records_banner), self, G_CONNECT_SWAPPED);
      /* Mail is read every few minutes and the outbox sent as soon as it holds something */
      g_signal_connect_object (context, "mail-changed", G_CALLBACK (update_mail_actions), self, G_CONNECT_SWAPPED);
      if (!demo)
        {
          self->mail = pacta_mail_service_new (context, NULL);
          g_signal_connect_object (self->mail, "report", G_CALLBACK (on_mail_report_cb), self, G_CONNECT_SWAPPED);
        }
    }

  pacta_customers_page_set_context (self->customers_page, context);
  if (self->sales_page != NULL)
    pacta_sales_page_set_context (self->sales_page, context);
  if (self->helpdesk_page != NULL)
    pacta_helpdesk_page_set_context (self->helpdesk_page, context);

  /* The demo must never be mistaken for the MSP's own data */
  gtk_window_set_title (GTK_WINDOW (self), demo ? _("Pacta (Demo)") : _("Pacta"));
  adw_view_switcher_title_set_subtitle (self->switcher_title, demo ? _("Demo data") : NULL);
  pacta_banner_set_revealed (self->demo_banner, demo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-demo", demo);

  update_records_banner (self);
  update_platform_actions (self);
  update_main_stack (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * pacta_window_get_sending:
 *
 * Returns: (transfer none) (nullable): what sends the open file's invoice
 *   records to the tax agency
 */
PactaVerifactuService *
pacta_window_get_sending (PactaWindow *self)
{
  g_return_val_if_fail (PACTA_IS_WINDOW (self), NULL);

  return self->sending;
}

GtkWidget *
pacta_window_get_customers_page (PactaWindow *self)
{
  g_return_val_if_fail (PACTA_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->customers_page);
}

const char *
pacta_window_get_visible_page (PactaWindow *self)
{
  g_return_val_if_fail (PACTA_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

void
pacta_window_show_error (PactaWindow *self,
                         const char  *heading,
                         const char  *message)
{
  GtkWidget *dialog;

  g_return_if_fail (PACTA_IS_WINDOW (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  pacta_a11y_fix_mnemonics (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * pacta_window_add_toast:
 * @toast: (transfer full): the toast
 */
void
pacta_window_add_toast (PactaWindow *self,
                        AdwToast    *toast)
{
  g_return_if_fail (PACTA_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The page, made now if it has not been shown yet */
GtkWidget *
pacta_window_get_sales_page (PactaWindow *self)
{
  g_return_val_if_fail (PACTA_IS_WINDOW (self), NULL);

  return GTK_WIDGET (ensure_sales_page (self));
}

GtkWidget *
pacta_window_get_helpdesk_page (PactaWindow *self)
{
  g_return_val_if_fail (PACTA_IS_WINDOW (self), NULL);

  return GTK_WIDGET (ensure_helpdesk_page (self));
}

PactaBanner *
pacta_window_get_records_banner (PactaWindow *self)
{
  g_return_val_if_fail (PACTA_IS_WINDOW (self), NULL);

  return self->records_banner;
}
