/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-invoicing-page.c: the Invoicing page — holds the company, defaults, Spain's
 * rules and sending groups and tells one of the other's saves; edits the invoice and credit
 * note numbering itself, since the numbering editor is a group of its own. */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-a11y.h"
#include "pacta-numbering.h"
#include "pacta-preferences-invoicing-page-private.h"

struct _PactaPreferencesInvoicingPage
{
  AdwPreferencesPage              parent_instance;

  /* Template widgets */
  PactaPreferencesCompanyGroup   *company_group;
  PactaPreferencesDefaultsGroup  *defaults_group;
  PactaNumberingEditor           *invoice_numbering;
  GtkWidget                      *invoice_numbering_save;
  PactaNumberingEditor           *credit_numbering;
  GtkWidget                      *credit_numbering_save;
  PactaPreferencesVerifactuGroup *verifactu_group;
  PactaPreferencesSendingGroup   *sending_group;

  /* Owned */
  PactaContext                   *context;
};

G_DEFINE_FINAL_TYPE (PactaPreferencesInvoicingPage, pacta_preferences_invoicing_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  DEFAULTS_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The preferences window shows it */
static void
toast (PactaPreferencesInvoicingPage *self,
       const char                    *text)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "preferences.toast", "s", text);
}

static const char *
editor_kind (PactaPreferencesInvoicingPage *self,
             PactaNumberingEditor          *editor)
{
  return editor == self->invoice_numbering ? "invoice" : "credit_note";
}

static void
load_numbering (PactaPreferencesInvoicingPage *self)
{
  PactaNumberingEditor *editors[] = { self->invoice_numbering, self->credit_numbering };

  if (self->context == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (editors); i++)
    {
      g_autoptr(PactaNumbering) numbering = pacta_context_load_numbering (self->context,
                                                                          editor_kind (self, editors[i]), NULL);

      if (numbering != NULL)
        pacta_numbering_editor_set_numbering (editors[i], numbering);
    }
}

static gboolean
save_numbering (PactaPreferencesInvoicingPage *self,
                PactaNumberingEditor          *editor)
{
  g_autoptr(PactaNumbering) numbering = pacta_context_load_numbering (self->context, editor_kind (self, editor), NULL);
  g_autoptr(GError) error = NULL;

  if (numbering == NULL)
    return FALSE;
  /* Saving keeps whether the numbering was confirmed for billing */
  if (!pacta_numbering_editor_apply (editor, numbering, &error) ||
      !pacta_context_save_numbering (self->context, numbering, &error))
    {
      toast (self, error->message);
      return FALSE;
    }
  toast (self, editor == self->invoice_numbering ? _("Invoice numbering saved") : _("Credit note numbering saved"));
  return TRUE;
}

static void
on_invoice_numbering_save_clicked_cb (PactaPreferencesInvoicingPage *self)
{
  save_numbering (self, self->invoice_numbering);
}

static void
on_credit_numbering_save_clicked_cb (PactaPreferencesInvoicingPage *self)
{
  save_numbering (self, self->credit_numbering);
}

/* The catalog, on another page, shows its prices in the new currency */
static void
on_defaults_saved_cb (PactaPreferencesInvoicingPage *self)
{
  g_signal_emit (self, signals[DEFAULTS_SAVED], 0);
}

/* Switching the rules on or off starts or stops sending */
static void
on_verifactu_saved_cb (PactaPreferencesInvoicingPage *self)
{
  pacta_preferences_sending_group_rules_changed (self->sending_group);
}

static void
pacta_preferences_invoicing_page_dispose (GObject *object)
{
  PactaPreferencesInvoicingPage *self = (PactaPreferencesInvoicingPage *)object;

  /* libadwaita 1.2 keeps preferences groups alive after their page: they
   * let go of the context (and the sender, the certificate) now */
  pacta_preferences_invoicing_page_set_context (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_PREFERENCES_INVOICING_PAGE);

  G_OBJECT_CLASS (pacta_preferences_invoicing_page_parent_class)->dispose (object);
}

static void
pacta_preferences_invoicing_page_class_init (PactaPreferencesInvoicingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_preferences_invoicing_page_dispose;

  /**
   * PactaPreferencesInvoicingPage::defaults-saved:
   *
   * The currency or the default tax rate were saved.
   */
  signals[DEFAULTS_SAVED] =
    g_signal_new ("defaults-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (PACTA_TYPE_PREFERENCES_COMPANY_GROUP);
  g_type_ensure (PACTA_TYPE_PREFERENCES_DEFAULTS_GROUP);
  g_type_ensure (PACTA_TYPE_NUMBERING_EDITOR);
  g_type_ensure (PACTA_TYPE_PREFERENCES_VERIFACTU_GROUP);
  g_type_ensure (PACTA_TYPE_PREFERENCES_SENDING_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pacta/Pacta/ui/preferences/pacta-preferences-invoicing-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesInvoicingPage, company_group);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesInvoicingPage, defaults_group);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesInvoicingPage, invoice_numbering);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesInvoicingPage, invoice_numbering_save);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesInvoicingPage, credit_numbering);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesInvoicingPage, credit_numbering_save);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesInvoicingPage, verifactu_group);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesInvoicingPage, sending_group);
  gtk_widget_class_bind_template_callback (widget_class, on_invoice_numbering_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_credit_numbering_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_defaults_saved_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_verifactu_saved_cb);
}

static void
pacta_preferences_invoicing_page_init (PactaPreferencesInvoicingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pacta_a11y_fix_mnemonic (self->invoice_numbering_save);
  pacta_a11y_set_label (self->invoice_numbering_save, _("Save invoice numbering"));
  pacta_a11y_fix_mnemonic (self->credit_numbering_save);
  pacta_a11y_set_label (self->credit_numbering_save, _("Save credit note numbering"));
}

void
pacta_preferences_invoicing_page_set_context (PactaPreferencesInvoicingPage *self,
                                              PactaContext                  *context)
{
  g_return_if_fail (PACTA_IS_PREFERENCES_INVOICING_PAGE (self));
  g_return_if_fail (context == NULL || PACTA_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  pacta_preferences_company_group_set_context (self->company_group, context);
  pacta_preferences_defaults_group_set_context (self->defaults_group, context);
  load_numbering (self);
  pacta_preferences_verifactu_group_set_context (self->verifactu_group, context);
  pacta_preferences_sending_group_set_context (self->sending_group, context);
}

/**
 * pacta_preferences_invoicing_page_set_sending:
 * @sending: (nullable): the main window's sender of the records
 */
void
pacta_preferences_invoicing_page_set_sending (PactaPreferencesInvoicingPage *self,
                                              PactaVerifactuService         *sending)
{
  g_return_if_fail (PACTA_IS_PREFERENCES_INVOICING_PAGE (self));

  pacta_preferences_sending_group_set_sending (self->sending_group, sending);
}

/* For tests: the groups, and the numbering editors and their Save */
PactaPreferencesCompanyGroup *
pacta_preferences_invoicing_page_get_company_group (PactaPreferencesInvoicingPage *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_INVOICING_PAGE (self), NULL);

  return self->company_group;
}

PactaPreferencesDefaultsGroup *
pacta_preferences_invoicing_page_get_defaults_group (PactaPreferencesInvoicingPage *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_INVOICING_PAGE (self), NULL);

  return self->defaults_group;
}

PactaPreferencesVerifactuGroup *
pacta_preferences_invoicing_page_get_verifactu_group (PactaPreferencesInvoicingPage *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_INVOICING_PAGE (self), NULL);

  return self->verifactu_group;
}

PactaPreferencesSendingGroup *
pacta_preferences_invoicing_page_get_sending_group (PactaPreferencesInvoicingPage *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_INVOICING_PAGE (self), NULL);

  return self->sending_group;
}

PactaNumberingEditor *
pacta_preferences_invoicing_page_get_numbering_editor (PactaPreferencesInvoicingPage *self,
                                                       const char                    *kind)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_INVOICING_PAGE (self), NULL);

  return g_strcmp0 (kind, "invoice") == 0 ? self->invoice_numbering : self->credit_numbering;
}

gboolean
pacta_preferences_invoicing_page_save_numbering (PactaPreferencesInvoicingPage *self,
                                                 const char                    *kind)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_INVOICING_PAGE (self), FALSE);

  return save_numbering (self, pacta_preferences_invoicing_page_get_numbering_editor (self, kind));
}
