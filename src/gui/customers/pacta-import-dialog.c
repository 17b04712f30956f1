/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-import-dialog.c: the Import Customers window. The import runs off the
 * main thread through the context (pacta-context-jobs.c), with progress, and can
 * be cancelled with nothing saved; the customer list follows by itself. */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-a11y.h"
#include "pacta-import-dialog-private.h"

struct _PactaImportDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  GtkStack       *stack;
  GtkButton      *import_button;
  GtkButton      *cancel_button;
  AdwActionRow   *tenants_row;
  AdwActionRow   *usages_row;
  GtkProgressBar *progress_bar;
  AdwStatusPage  *result_page;
  AdwStatusPage  *error_page;

  /* Owned */
  PactaContext   *context;
  GFile          *tenants;
  GFile          *usages;
  GtkFileChooserNative *chooser;
  GCancellable   *cancellable;   /* while importing */
  gboolean        running;
};

G_DEFINE_FINAL_TYPE (PactaImportDialog, pacta_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_rows (PactaImportDialog *self)
{
  g_autofree char *tenants_name = self->tenants ? g_file_get_basename (self->tenants) : NULL;
  g_autofree char *usages_name = self->usages ? g_file_get_basename (self->usages) : NULL;

  adw_action_row_set_subtitle (self->tenants_row, tenants_name ? tenants_name : _("No file chosen"));
  adw_action_row_set_subtitle (self->usages_row, usages_name ? usages_name : _("No file chosen (optional)"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button),
                            !self->running && (self->tenants != NULL || self->usages != NULL) &&
                            g_str_equal (gtk_stack_get_visible_child_name (self->stack), "choose"));
}

static void
on_progress_cb (double   fraction,
                gpointer user_data)
{
  PactaImportDialog *self = user_data;

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
show_error (PactaImportDialog *self,
            const char        *message)
{
  /* The description is markup; file names and values are not */
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_status_page_set_description (self->error_page, escaped);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_button_set_label (self->cancel_button, _("_Close"));
  update_rows (self);
}

static void
on_import_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PactaImportDialog) self = user_data;
  g_autoptr(PactaImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;

  report = pacta_context_import_platform_finish (PACTA_CONTEXT (object), result, &error);
  /* Destroyed meanwhile (with its owner): the import was cancelled */
  if (self->context == NULL)
    return;
  self->running = FALSE;
  g_clear_object (&self->cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);

  /* Cancelled: nothing was saved, and the window goes as asked */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (report == NULL)
    {
      show_error (self, error->message);
      return;
    }

  /* The customer list is up to date already: the context saw to it */
  text = pacta_import_report_describe (report);
  escaped = g_markup_escape_text (text, -1);
  adw_status_page_set_description (self->result_page, escaped);
  gtk_stack_set_visible_child_name (self->stack, "result");
  gtk_button_set_label (self->cancel_button, _("_Close"));
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));

  g_signal_emit (self, signals[IMPORTED], 0, report->customers_created, report->customers_updated);
}

void
pacta_import_dialog_start (PactaImportDialog *self)
{
  g_return_if_fail (PACTA_IS_IMPORT_DIALOG (self));

  if (self->running || (self->tenants == NULL && self->usages == NULL))
    return;

  self->running = TRUE;
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_show_text (self->progress_bar, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  update_rows (self);

  /* Off the main thread, on a connection of the context's own; Cancel (or
   * closing the window) stops it with nothing saved */
  pacta_context_import_platform_async (self->context, self->tenants, self->usages, on_progress_cb, self,
                                       self->cancellable, on_import_done_cb, g_object_ref (self));
}

/* While importing, Cancel and closing the window stop the import; the
 * window goes once it has stopped (at the next row it writes) */
static void
cancel_import (PactaImportDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_progress_bar_set_text (self->progress_bar, _("Cancelling…"));
  gtk_progress_bar_set_show_text (self->progress_bar, TRUE);
  g_cancellable_cancel (self->cancellable);
}

static void
on_chooser_response_cb (PactaImportDialog    *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  gboolean for_tenants = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "for-tenants"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (for_tenants)
        g_set_object (&self->tenants, file);
      else
        g_set_object (&self->usages, file);
      update_rows (self);
    }

  g_clear_object (&self->chooser);
}

static void
choose_file (PactaImportDialog *self,
             gboolean           for_tenants)
{
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL || self->running)
    return;

  self->chooser = gtk_file_chooser_native_new (for_tenants ? _("Choose the Tenant Listing")
                                                           : _("Choose the Usage Listing"),
                                               GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (json, _("JSON files"));
  gtk_file_filter_add_mime_type (json, "application/json");
  gtk_file_filter_add_suffix (json, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), json);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);

  g_object_set_data (G_OBJECT (self->chooser), "for-tenants", GINT_TO_POINTER (for_tenants));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_choose_tenants_cb (PactaImportDialog *self)
{
  choose_file (self, TRUE);
}

static void
on_choose_usages_cb (PactaImportDialog *self)
{
  choose_file (self, FALSE);
}

static void
on_import_clicked_cb (PactaImportDialog *self)
{
  pacta_import_dialog_start (self);
}

static void
on_cancel_clicked_cb (PactaImportDialog *self)
{
  if (self->running)
    cancel_import (self);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_try_again_clicked_cb (PactaImportDialog *self)
{
  gtk_stack_set_visible_child_name (self->stack, "choose");
  gtk_button_set_label (self->cancel_button, _("_Cancel"));
  update_rows (self);
}

static gboolean
pacta_import_dialog_close_request (GtkWindow *window)
{
  PactaImportDialog *self = PACTA_IMPORT_DIALOG (window);

  /* The import is one transaction: closing mid-way cancels it, and the
   * window closes once nothing of it is left */
  if (self->running)
    cancel_import (self);
  return self->running;
}

static void
pacta_import_dialog_dispose (GObject *object)
{
  PactaImportDialog *self = (PactaImportDialog *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->tenants);
  g_clear_object (&self->usages);
  g_clear_object (&self->context);

  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (pacta_import_dialog_parent_class)->dispose (object);
}

static void
pacta_import_dialog_class_init (PactaImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pacta_import_dialog_dispose;
  window_class->close_request = pacta_import_dialog_close_request;

  /**
   * PactaImportDialog::imported:
   * @created: customers created
   * @updated: customers updated
   *
   * Emitted after a successful import, once the customer store is in sync.
   */
  signals[IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pacta/Pacta/ui/customers/pacta-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PactaImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, PactaImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PactaImportDialog, tenants_row);
  gtk_widget_class_bind_template_child (widget_class, PactaImportDialog, usages_row);
  gtk_widget_class_bind_template_child (widget_class, PactaImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PactaImportDialog, result_page);
  gtk_widget_class_bind_template_child (widget_class, PactaImportDialog, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_tenants_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_usages_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_try_again_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pacta_import_dialog_init (PactaImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pacta_a11y_fix_mnemonics (GTK_WIDGET (self));
  /* Named for what each chooses, not "Choose…" twice */
  pacta_a11y_set_label (adw_action_row_get_activatable_widget (self->tenants_row), _("Choose the tenant listing"));
  pacta_a11y_set_label (adw_action_row_get_activatable_widget (self->usages_row), _("Choose the usage listing"));
  update_rows (self);
}

PactaImportDialog *
pacta_import_dialog_new (GtkWindow    *parent,
                         PactaContext *context)
{
  PactaImportDialog *self;

  g_return_val_if_fail (PACTA_IS_CONTEXT (context), NULL);

  self = g_object_new (PACTA_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->context = g_object_ref (context);
  return self;
}

void
pacta_import_dialog_set_files (PactaImportDialog *self,
                               GFile             *tenants,
                               GFile             *usages)
{
  g_return_if_fail (PACTA_IS_IMPORT_DIALOG (self));

  g_set_object (&self->tenants, tenants);
  g_set_object (&self->usages, usages);
  update_rows (self);
}
