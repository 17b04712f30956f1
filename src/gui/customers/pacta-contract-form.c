/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-contract-form.c: name, dates, interval, billing and payment of a contract.
 * The form only reads and writes a PactaContract; core validates it. */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-contract-form-private.h"
#include "pacta-date-row.h"

struct _PactaContractForm
{
  GtkWidget    parent_instance;

  /* Template widgets */
  AdwEntryRow *name_row;
  AdwEntryRow *reference_row;
  AdwEntryRow *contact_email_row;
  AdwEntryRow *start_row;
  GtkSwitch   *forever_switch;
  AdwEntryRow *end_row;
  AdwComboRow *interval_row;
  AdwComboRow *billing_row;
  AdwComboRow *payment_row;
  AdwComboRow *send_by_row;
  GtkSwitch   *prorate_switch;
  AdwEntryRow *notes_row;
};

G_DEFINE_FINAL_TYPE (PactaContractForm, pacta_contract_form, GTK_TYPE_WIDGET)

static const char *intervals[] = { "monthly", "quarterly", "semiannual", "annual" };
static const char *billings[] = { "advance", "arrears" };
static const char *payments[] = { "transfer", "direct_debit" };
static const char *send_bys[] = { "email", "post" };

static guint
index_of (const char  *value,
          const char **options,
          guint        n_options)
{
  for (guint i = 0; i < n_options; i++)
    if (g_strcmp0 (value, options[i]) == 0)
      return i;
  return 0;
}

static void
on_forever_changed_cb (PactaContractForm *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->end_row), !gtk_switch_get_active (self->forever_switch));
}

static void
pacta_contract_form_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), PACTA_TYPE_CONTRACT_FORM);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (pacta_contract_form_parent_class)->dispose (object);
}

static void
pacta_contract_form_class_init (PactaContractFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_contract_form_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pacta/Pacta/ui/customers/pacta-contract-form.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaContractForm, name_row);
  gtk_widget_class_bind_template_child (widget_class, PactaContractForm, reference_row);
  gtk_widget_class_bind_template_child (widget_class, PactaContractForm, contact_email_row);
  gtk_widget_class_bind_template_child (widget_class, PactaContractForm, start_row);
  gtk_widget_class_bind_template_child (widget_class, PactaContractForm, forever_switch);
  gtk_widget_class_bind_template_child (widget_class, PactaContractForm, end_row);
  gtk_widget_class_bind_template_child (widget_class, PactaContractForm, interval_row);
  gtk_widget_class_bind_template_child (widget_class, PactaContractForm, billing_row);
  gtk_widget_class_bind_template_child (widget_class, PactaContractForm, payment_row);
  gtk_widget_class_bind_template_child (widget_class, PactaContractForm, send_by_row);
  gtk_widget_class_bind_template_child (widget_class, PactaContractForm, prorate_switch);
  gtk_widget_class_bind_template_child (widget_class, PactaContractForm, notes_row);
  gtk_widget_class_bind_template_callback (widget_class, on_forever_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pacta_contract_form_init (PactaContractForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  pacta_date_row_add_calendar (self->start_row);
  pacta_date_row_add_calendar (self->end_row);
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

void
pacta_contract_form_set_contract (PactaContractForm *self,
                                  PactaContract     *contract)
{
  g_return_if_fail (PACTA_IS_CONTRACT_FORM (self));
  g_return_if_fail (PACTA_IS_CONTRACT (contract));

  set_text (self->name_row, pacta_contract_get_name (contract));
  set_text (self->reference_row, pacta_contract_get_reference (contract));
  set_text (self->contact_email_row, pacta_contract_get_contact_email (contract));
  set_text (self->start_row, pacta_contract_get_start_date (contract));
  set_text (self->end_row, pacta_contract_get_end_date (contract));
  gtk_switch_set_active (self->forever_switch, pacta_contract_get_end_date (contract) == NULL);
  adw_combo_row_set_selected (self->interval_row,
                              index_of (pacta_contract_get_interval (contract), intervals, G_N_ELEMENTS (intervals)));
  adw_combo_row_set_selected (self->billing_row,
                              index_of (pacta_contract_get_billing (contract), billings, G_N_ELEMENTS (billings)));
  adw_combo_row_set_selected (self->payment_row,
                              index_of (pacta_contract_get_payment_method (contract), payments, G_N_ELEMENTS (payments)));
  adw_combo_row_set_selected (self->send_by_row,
                              index_of (pacta_contract_get_send_by (contract), send_bys, G_N_ELEMENTS (send_bys)));
  gtk_switch_set_active (self->prorate_switch, pacta_contract_get_prorate (contract));
  set_text (self->notes_row, pacta_contract_get_notes (contract));
  on_forever_changed_cb (self);
}

static char *
text_or_null (AdwEntryRow *row)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* Writes the fields into @contract, as typed; core decides whether they are right */
void
pacta_contract_form_apply (PactaContractForm *self,
                           PactaContract     *contract)
{
  g_autofree char *name = text_or_null (self->name_row);
  g_autofree char *reference = text_or_null (self->reference_row);
  g_autofree char *email = text_or_null (self->contact_email_row);
  g_autofree char *start = text_or_null (self->start_row);
  g_autofree char *end = text_or_null (self->end_row);
  g_autofree char *notes = text_or_null (self->notes_row);

  g_return_if_fail (PACTA_IS_CONTRACT_FORM (self));

  g_object_set (contract,
                "name", name,
                "reference", reference,
                "contact-email", email,
                "start-date", start,
                "end-date", gtk_switch_get_active (self->forever_switch) ? NULL : end,
                "interval", intervals[MIN (adw_combo_row_get_selected (self->interval_row), G_N_ELEMENTS (intervals) - 1)],
                "billing", billings[MIN (adw_combo_row_get_selected (self->billing_row), G_N_ELEMENTS (billings) - 1)],
                "payment-method", payments[MIN (adw_combo_row_get_selected (self->payment_row), G_N_ELEMENTS (payments) - 1)],
                "send-by", send_bys[MIN (adw_combo_row_get_selected (self->send_by_row), G_N_ELEMENTS (send_bys) - 1)],
                "prorate", gtk_switch_get_active (self->prorate_switch),
                "notes", notes,
                NULL);
}

static AdwEntryRow *
row_for_field (PactaContractForm *self,
               const char        *field)
{
  if (g_str_equal (field, "name"))
    return self->name_row;
  if (g_str_equal (field, "reference"))
    return self->reference_row;
  if (g_str_equal (field, "contact-email"))
    return self->contact_email_row;
  if (g_str_equal (field, "start-date"))
    return self->start_row;
  if (g_str_equal (field, "end-date"))
    return self->end_row;
  if (g_str_equal (field, "notes"))
    return self->notes_row;
  return NULL;
}

/* For tests and callers that pre-fill one field */
void
pacta_contract_form_set_text (PactaContractForm *self,
                              const char        *field,
                              const char        *text)
{
  AdwEntryRow *row;

  g_return_if_fail (PACTA_IS_CONTRACT_FORM (self));

  row = row_for_field (self, field);
  g_return_if_fail (row != NULL);
  set_text (row, text);
  if (row == self->end_row)
    gtk_switch_set_active (self->forever_switch, text == NULL);
}

/* For tests: the text a field shows */
const char *
pacta_contract_form_get_text (PactaContractForm *self,
                              const char        *field)
{
  AdwEntryRow *row;

  g_return_val_if_fail (PACTA_IS_CONTRACT_FORM (self), NULL);

  row = row_for_field (self, field);
  g_return_val_if_fail (row != NULL, NULL);
  return gtk_editable_get_text (GTK_EDITABLE (row));
}
