/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-billing-dialog.c: a modal window with the billing form for one customer.
 * It ends exactly once, with ::finished (saved or not), so that the flow that
 * opened it can carry on where it stopped. */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-a11y.h"
#include "pacta-billing-dialog-private.h"
#include "pacta-billing-form.h"
#include "pacta-billing-info-table.h"

struct _PactaBillingDialog
{
  AdwWindow         parent_instance;

  /* Template widgets */
  AdwWindowTitle   *window_title;
  GtkButton        *save_button;
  GtkLabel         *reason_label;
  GtkLabel         *message_label;
  PactaBillingForm *form;

  /* Owned */
  PactaContext     *context;
  gint64            customer_id;
  gboolean          finished;
  gboolean          focused;
};

G_DEFINE_FINAL_TYPE (PactaBillingDialog, pacta_billing_dialog, ADW_TYPE_WINDOW)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
finish (PactaBillingDialog *self,
        gboolean            saved)
{
  if (self->finished)
    return;
  self->finished = TRUE;
  g_signal_emit (self, signals[FINISHED], 0, saved);
}

gboolean
pacta_billing_dialog_save (PactaBillingDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PACTA_IS_BILLING_DIALOG (self), FALSE);

  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);

  if (!pacta_billing_form_save (self->form, self->context, &error))
    {
      gtk_label_set_label (self->message_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
      return FALSE;
    }

  finish (self, TRUE);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
on_save_clicked_cb (PactaBillingDialog *self)
{
  pacta_billing_dialog_save (self);
}

static void
on_cancel_clicked_cb (PactaBillingDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
pacta_billing_dialog_close_request (GtkWindow *window)
{
  finish (PACTA_BILLING_DIALOG (window), FALSE);

  return GTK_WINDOW_CLASS (pacta_billing_dialog_parent_class)->close_request (window);
}

/* The first field takes the focus when the prompt shows, not before: a
 * focus given to a window not yet shown makes GTK 4.8 settle its accessible
 * role while it is still a plain widget's, and a screen reader is told of a
 * "filler" instead of a dialog */
static void
pacta_billing_dialog_map (GtkWidget *widget)
{
  PactaBillingDialog *self = PACTA_BILLING_DIALOG (widget);

  GTK_WIDGET_CLASS (pacta_billing_dialog_parent_class)->map (widget);

  if (!self->focused)
    {
      self->focused = TRUE;
      pacta_billing_form_focus_first (self->form);
    }
}

static void
pacta_billing_dialog_dispose (GObject *object)
{
  PactaBillingDialog *self = (PactaBillingDialog *)object;

  /* Destroyed by other means (the parent closing) counts as cancelled */
  finish (self, FALSE);

  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_BILLING_DIALOG);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pacta_billing_dialog_parent_class)->dispose (object);
}

static void
pacta_billing_dialog_class_init (PactaBillingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pacta_billing_dialog_dispose;
  widget_class->map = pacta_billing_dialog_map;
  window_class->close_request = pacta_billing_dialog_close_request;

  /**
   * PactaBillingDialog::finished:
   * @saved: whether billing information was saved
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  g_type_ensure (PACTA_TYPE_BILLING_FORM);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pacta/Pacta/ui/customers/pacta-billing-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaBillingDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingDialog, reason_label);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingDialog, form);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  /* A modal prompt over the window: Orca reads a dialog's text when it opens */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
}

static void
pacta_billing_dialog_init (PactaBillingDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pacta_a11y_fix_mnemonics (GTK_WIDGET (self));
}

PactaBillingDialog *
pacta_billing_dialog_new (GtkWindow    *parent,
                          PactaContext *context,
                          gint64        customer_id,
                          const char   *reason)
{
  PactaBillingDialog *self;
  g_autoptr(PactaBillingInfo) info = NULL;
  g_autoptr(PactaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PACTA_IS_CONTEXT (context), NULL);

  self = g_object_new (PACTA_TYPE_BILLING_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->context = g_object_ref (context);
  self->customer_id = customer_id;

  customer = pacta_context_load_customer (context, customer_id, NULL);
  if (customer != NULL)
    adw_window_title_set_subtitle (self->window_title, pacta_customer_get_name (customer));

  info = pacta_context_load_billing_info (context, customer_id, &error);
  if (info == NULL && error == NULL)
    info = pacta_context_new_billing_info (context, customer_id, &error);
  else
    gtk_button_set_label (self->save_button, _("_Save"));

  if (error != NULL)
    {
      gtk_label_set_label (self->message_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
    }

  pacta_billing_form_set_info (self->form, info);

  gtk_label_set_label (self->reason_label, reason != NULL ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), reason != NULL);

  return self;
}

GtkWidget *
pacta_billing_dialog_get_form (PactaBillingDialog *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_DIALOG (self), NULL);

  return GTK_WIDGET (self->form);
}

static void
on_prompt_finished_cb (PactaBillingDialog *dialog,
                       gboolean            saved,
                       GTask              *task)
{
  g_task_return_boolean (task, saved);
  g_object_unref (task);
}

/**
 * pacta_billing_dialog_prompt:
 *
 * Opens the prompt and completes when it closes; the result tells whether the
 * user saved the billing information (TRUE) or cancelled (FALSE).
 */
void
pacta_billing_dialog_prompt (GtkWindow           *parent,
                             PactaContext        *context,
                             gint64               customer_id,
                             const char          *reason,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  PactaBillingDialog *dialog = pacta_billing_dialog_new (parent, context, customer_id, reason);
  GTask *task = g_task_new (NULL, NULL, callback, user_data);

  g_task_set_source_tag (task, pacta_billing_dialog_prompt);
  g_signal_connect (dialog, "finished", G_CALLBACK (on_prompt_finished_cb), task);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
pacta_billing_dialog_prompt_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
