/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-company-group.c: your company's name, VAT number, address, email, phone
 * and IBAN — checked as a customer's billing information is, then saved for new invoices. */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-a11y.h"
#include "pacta-billing-info.h"
#include "pacta-msp.h"
#include "pacta-preferences-company-group-private.h"

struct _PactaPreferencesCompanyGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Template widgets */
  GtkWidget           *save_button;
  GtkWidget           *iban;

  /* Owned */
  PactaContext        *context;
  GHashTable          *rows;      /* field name (pacta_msp_fields()) → its AdwEntryRow */
};

G_DEFINE_FINAL_TYPE (PactaPreferencesCompanyGroup, pacta_preferences_company_group, ADW_TYPE_PREFERENCES_GROUP)

/* The preferences window shows it */
static void
toast (PactaPreferencesCompanyGroup *self,
       const char                   *text)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "preferences.toast", "s", text);
}

/* A field's row: the details' fields, and "iban" */
static GtkWidget *
field_row (PactaPreferencesCompanyGroup *self,
           const char                   *field)
{
  return g_strcmp0 (field, "iban") == 0 ? self->iban : g_hash_table_lookup (self->rows, field);
}

static void
load (PactaPreferencesCompanyGroup *self)
{
  g_autoptr(PactaBillingInfo) details = NULL;
  g_autofree char *iban = NULL;
  const char *const *fields = pacta_msp_fields ();

  if (self->context == NULL ||
      !(details = pacta_context_load_company (self->context, &iban, NULL)))
    return;
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *value = NULL;

      g_object_get (details, fields[i], &value, NULL);
      gtk_editable_set_text (GTK_EDITABLE (g_hash_table_lookup (self->rows, fields[i])),
                             value != NULL ? value : "");
    }
  gtk_editable_set_text (GTK_EDITABLE (self->iban), iban != NULL ? iban : "");
}

static gboolean
save (PactaPreferencesCompanyGroup *self)
{
  g_autoptr(PactaBillingInfo) details = pacta_billing_info_new (0);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  const char *const *fields = pacta_msp_fields ();

  for (guint i = 0; fields[i] != NULL; i++)
    {
      GtkWidget *row = g_hash_table_lookup (self->rows, fields[i]);

      gtk_widget_remove_css_class (row, "error");
      g_object_set (details, fields[i], gtk_editable_get_text (GTK_EDITABLE (row)), NULL);
    }

  pacta_billing_info_normalize (details);
  problems = pacta_billing_info_check (details);
  for (guint i = 0; i < problems->len; i++)
    {
      PactaFieldProblem *problem = g_ptr_array_index (problems, i);
      GtkWidget *row = g_hash_table_lookup (self->rows, problem->field);

      if (row != NULL)
        gtk_widget_add_css_class (row, "error");
    }

  gtk_widget_remove_css_class (self->iban, "error");
  if (*gtk_editable_get_text (GTK_EDITABLE (self->iban)) != '\0' &&
      !pacta_iban_is_valid (gtk_editable_get_text (GTK_EDITABLE (self->iban))))
    gtk_widget_add_css_class (self->iban, "error");

  if (!pacta_context_save_company (self->context, details,
                       gtk_editable_get_text (GTK_EDITABLE (self->iban)), &error))
    {
      toast (self, error->message);
      return FALSE;
    }
  load (self);
  toast (self, _("Company details saved; new invoices will show them"));
  return TRUE;
}

/* The button, and Enter in any field */
static void
on_save_activated_cb (PactaPreferencesCompanyGroup *self)
{
  save (self);
}

static void
pacta_preferences_company_group_dispose (GObject *object)
{
  PactaPreferencesCompanyGroup *self = (PactaPreferencesCompanyGroup *)object;

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_PREFERENCES_COMPANY_GROUP);

  G_OBJECT_CLASS (pacta_preferences_company_group_parent_class)->dispose (object);
}

static void
pacta_preferences_company_group_class_init (PactaPreferencesCompanyGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_preferences_company_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pacta/Pacta/ui/preferences/pacta-preferences-company-group.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesCompanyGroup, save_button);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesCompanyGroup, iban);
  /* The details' rows, each with its field as its id: found by name in init */
  for (const char *const *field = pacta_msp_fields (); *field != NULL; field++)
    gtk_widget_class_bind_template_child_full (widget_class, *field, FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_save_activated_cb);
}

static void
pacta_preferences_company_group_init (PactaPreferencesCompanyGroup *self)
{
  const char *const *fields = pacta_msp_fields ();

  gtk_widget_init_template (GTK_WIDGET (self));
  pacta_a11y_fix_mnemonic (self->save_button);
  pacta_a11y_set_label (self->save_button, _("Save company details"));

  /* The template names each row by its field */
  self->rows = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      GObject *row = gtk_widget_get_template_child (GTK_WIDGET (self), PACTA_TYPE_PREFERENCES_COMPANY_GROUP, fields[i]);

      g_assert (ADW_IS_ENTRY_ROW (row));
      g_hash_table_insert (self->rows, (gpointer) fields[i], row);
    }
}

void
pacta_preferences_company_group_set_context (PactaPreferencesCompanyGroup *self,
                                             PactaContext                 *context)
{
  g_return_if_fail (PACTA_IS_PREFERENCES_COMPANY_GROUP (self));
  g_return_if_fail (context == NULL || PACTA_IS_CONTEXT (context));

  if (g_set_object (&self->context, context))
    load (self);
}

/* For tests: types into one of the company's fields ("iban" too), as a user would */
void
pacta_preferences_company_group_set_field (PactaPreferencesCompanyGroup *self,
                                           const char                   *field,
                                           const char                   *text)
{
  GtkWidget *row;

  g_return_if_fail (PACTA_IS_PREFERENCES_COMPANY_GROUP (self));
  row = field_row (self, field);
  g_return_if_fail (row != NULL);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* For tests: presses Save; FALSE when a field was refused */
gboolean
pacta_preferences_company_group_save (PactaPreferencesCompanyGroup *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_COMPANY_GROUP (self), FALSE);

  return save (self);
}

/* For tests: whether a field is marked as wrong */
gboolean
pacta_preferences_company_group_field_has_error (PactaPreferencesCompanyGroup *self,
                                                 const char                   *field)
{
  GtkWidget *row;

  g_return_val_if_fail (PACTA_IS_PREFERENCES_COMPANY_GROUP (self), FALSE);
  row = field_row (self, field);
  g_return_val_if_fail (row != NULL, FALSE);

  return gtk_widget_has_css_class (row, "error");
}
