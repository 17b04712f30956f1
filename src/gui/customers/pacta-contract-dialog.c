/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-contract-dialog.c: opens a contract from the Contracts tab; Save writes the
 * edited information and parts through core, which keeps the parts' ids. */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-a11y.h"
#include "pacta-contract-dialog-private.h"
#include "pacta-contract-form.h"
#include "pacta-parts-editor.h"

struct _PactaContractDialog
{
  AdwWindow          parent_instance;

  /* Template widgets */
  AdwWindowTitle    *window_title;
  GtkButton         *save_button;
  GtkLabel          *message_label;
  GtkLabel          *status_label;
  PactaContractForm *contract_form;
  PactaPartsEditor  *parts_editor;

  /* Owned */
  PactaContext      *context;
  PactaContract     *contract;
};

G_DEFINE_FINAL_TYPE (PactaContractDialog, pacta_contract_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_message (PactaContractDialog *self,
              const char          *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

gboolean
pacta_contract_dialog_save (PactaContractDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PACTA_IS_CONTRACT_DIALOG (self), FALSE);

  if (self->contract == NULL)
    return FALSE;

  /* The last problem goes; a new one says itself */
  show_message (self, NULL);
  if (pacta_parts_editor_get_n_invalid (self->parts_editor) > 0)
    {
      show_message (self, _("Some amounts could not be read; they are marked."));
      return FALSE;
    }

  pacta_contract_form_apply (self->contract_form, self->contract);
  if (!pacta_context_update_contract (self->context, self->contract,
                                      pacta_parts_editor_get_parts (self->parts_editor), &error))
    {
      show_message (self, error->message);
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
on_save_clicked_cb (PactaContractDialog *self)
{
  pacta_contract_dialog_save (self);
}

static void
on_cancel_clicked_cb (PactaContractDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
pacta_contract_dialog_dispose (GObject *object)
{
  PactaContractDialog *self = (PactaContractDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_CONTRACT_DIALOG);
  g_clear_object (&self->context);
  g_clear_object (&self->contract);

  G_OBJECT_CLASS (pacta_contract_dialog_parent_class)->dispose (object);
}

static void
pacta_contract_dialog_class_init (PactaContractDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_contract_dialog_dispose;

  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (PACTA_TYPE_CONTRACT_FORM);
  g_type_ensure (PACTA_TYPE_PARTS_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pacta/Pacta/ui/customers/pacta-contract-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaContractDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PactaContractDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, PactaContractDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, PactaContractDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, PactaContractDialog, contract_form);
  gtk_widget_class_bind_template_child (widget_class, PactaContractDialog, parts_editor);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pacta_contract_dialog_init (PactaContractDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pacta_a11y_fix_mnemonics (GTK_WIDGET (self));
}

PactaContractDialog *
pacta_contract_dialog_new (GtkWindow    *parent,
                           PactaContext *context,
                           gint64        contract_id)
{
  PactaContractDialog *self;
  g_autoptr(GListModel) parts = NULL;
  g_autoptr(GListModel) catalog = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;

  g_return_val_if_fail (PACTA_IS_CONTEXT (context), NULL);

  self = g_object_new (PACTA_TYPE_CONTRACT_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  self->context = g_object_ref (context);

  if (!(self->contract = pacta_context_load_contract (context, contract_id, &parts, &error)))
    {
      show_message (self, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
      return self;
    }

  adw_window_title_set_subtitle (self->window_title, pacta_contract_get_customer_name (self->contract));
  /* Translators: e.g. “Status: Active” */
  status = g_strdup_printf (_("Status: %s"), pacta_contract_status_label (pacta_contract_get_status (self->contract)));
  gtk_label_set_label (self->status_label, status);

  pacta_contract_form_set_contract (self->contract_form, self->contract);
  catalog = pacta_context_list_catalog (context, NULL);
  pacta_parts_editor_set_catalog (self->parts_editor, catalog);
  pacta_parts_editor_set_default_start (self->parts_editor, pacta_contract_get_start_date (self->contract));
  pacta_parts_editor_set_currency (self->parts_editor, pacta_context_get_currency (context));
  pacta_parts_editor_set_parts (self->parts_editor, parts);

  return self;
}

GtkWidget *
pacta_contract_dialog_get_parts_editor (PactaContractDialog *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT_DIALOG (self), NULL);

  return GTK_WIDGET (self->parts_editor);
}

/* For tests: the contract's form, and the message shown when Save is refused */
GtkWidget *
pacta_contract_dialog_get_contract_form (PactaContractDialog *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT_DIALOG (self), NULL);

  return GTK_WIDGET (self->contract_form);
}

const char *
pacta_contract_dialog_get_message (PactaContractDialog *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->message_label)) ? gtk_label_get_label (self->message_label) : NULL;
}
