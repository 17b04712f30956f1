/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-billing-form.c: one form for billing information, used by the customer
 * panel's Configure tab, the billing-information prompt and later the
 * new-contract wizard. Core decides what is valid; the form only shows it.
 *
 * The street may take up to three lines (a floor and door, a building), as
 * debtor lists from accounting software have it: one entry row per line,
 * since libadwaita 1.2 has no multi-line entry row, joined with line breaks
 * into the one field. */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-billing-form-private.h"
#include "pacta-error.h"
#include "pacta-money.h"
#include "pacta-verifactu.h"

struct _PactaBillingForm
{
  GtkWidget         parent_instance;

  /* Template widgets */
  AdwEntryRow      *business_name_row;
  AdwEntryRow      *debtor_code_row;
  AdwEntryRow      *invoice_email_row;
  AdwEntryRow      *website_row;
  AdwEntryRow      *vat_number_row;
  AdwEntryRow      *country_row;
  AdwEntryRow      *language_row;
  GtkSwitch        *tax_exempt_switch;
  AdwEntryRow      *tax_rate_row;
  GtkSpinButton    *rounding_spin;
  GtkSpinButton    *payment_terms_spin;
  GtkSwitch        *direct_debit_switch;
  AdwComboRow      *send_by_row;
  AdwEntryRow      *street_row;
  AdwEntryRow      *street_line2_row;
  AdwEntryRow      *street_line3_row;
  AdwEntryRow      *number_row;
  AdwEntryRow      *building_row;
  AdwEntryRow      *postal_code_row;
  AdwEntryRow      *city_row;
  AdwEntryRow      *state_row;
  AdwEntryRow      *address_country_row;
  AdwEntryRow      *phone_row;
  AdwEntryRow      *fax_row;

  /* Owned */
  PactaBillingInfo *info;           /* what the form was filled from */
  GHashTable       *field_rows;     /* property name -> AdwPreferencesRow (borrowed) */
  GHashTable       *error_icons;    /* property name -> GtkImage (borrowed) */
  char             *street;         /* the street's rows joined, for tests */
  guint             n_problems;
  gboolean          verifactu;      /* Spain's invoicing rules are on */
};

G_DEFINE_FINAL_TYPE (PactaBillingForm, pacta_billing_form, GTK_TYPE_WIDGET)

/* Text fields: property name and the offset of their row in the struct */
static const struct {
  const char *field;
  gsize       offset;
} text_fields[] = {
  { "business-name", G_STRUCT_OFFSET (PactaBillingForm, business_name_row) },
  { "debtor-code", G_STRUCT_OFFSET (PactaBillingForm, debtor_code_row) },
  { "invoice-email", G_STRUCT_OFFSET (PactaBillingForm, invoice_email_row) },
  { "website", G_STRUCT_OFFSET (PactaBillingForm, website_row) },
  { "vat-number", G_STRUCT_OFFSET (PactaBillingForm, vat_number_row) },
  { "country", G_STRUCT_OFFSET (PactaBillingForm, country_row) },
  { "language", G_STRUCT_OFFSET (PactaBillingForm, language_row) },
  { "street", G_STRUCT_OFFSET (PactaBillingForm, street_row) },
  { "number", G_STRUCT_OFFSET (PactaBillingForm, number_row) },
  { "building", G_STRUCT_OFFSET (PactaBillingForm, building_row) },
  { "postal-code", G_STRUCT_OFFSET (PactaBillingForm, postal_code_row) },
  { "city", G_STRUCT_OFFSET (PactaBillingForm, city_row) },
  { "state", G_STRUCT_OFFSET (PactaBillingForm, state_row) },
  { "address-country", G_STRUCT_OFFSET (PactaBillingForm, address_country_row) },
  { "phone", G_STRUCT_OFFSET (PactaBillingForm, phone_row) },
  { "fax", G_STRUCT_OFFSET (PactaBillingForm, fax_row) },
};

#define TEXT_ROW(self, i) G_STRUCT_MEMBER (AdwEntryRow *, self, text_fields[i].offset)

static void
set_street (PactaBillingForm *self,
            const char       *street)
{
  /* More lines than rows stay in the last row, for core to refuse */
  g_auto(GStrv) lines = g_strsplit (street != NULL ? street : "", "\n", 3);
  AdwEntryRow *rows[] = { self->street_row, self->street_line2_row, self->street_line3_row };
  guint n = g_strv_length (lines);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_editable_set_text (GTK_EDITABLE (rows[i]), i < n ? lines[i] : "");
}

/* The rows up to the last one filled, one line each */
static char *
get_street (PactaBillingForm *self)
{
  AdwEntryRow *rows[] = { self->street_row, self->street_line2_row, self->street_line3_row };
  GString *street = g_string_new (NULL);
  guint used = 0;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (*gtk_editable_get_text (GTK_EDITABLE (rows[i])) != '\0')
      used = i + 1;
  for (guint i = 0; i < used; i++)
    {
      if (i > 0)
        g_string_append_c (street, '\n');
      g_string_append (street, gtk_editable_get_text (GTK_EDITABLE (rows[i])));
    }
  return g_string_free (street, FALSE);
}

static void
clear_problem (PactaBillingForm *self,
               const char       *field)
{
  GtkWidget *row = g_hash_table_lookup (self->field_rows, field);
  GtkWidget *icon = g_hash_table_lookup (self->error_icons, field);

  if (row == NULL)
    return;

  gtk_widget_remove_css_class (row, "error");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  if (icon != NULL)
    gtk_widget_set_visible (icon, FALSE);
}

static void
on_tax_exempt_changed_cb (PactaBillingForm *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->tax_rate_row), !gtk_switch_get_active (self->tax_exempt_switch));
}

/* Typing into a marked field takes the mark away: the user is fixing it */
static void
on_row_changed_cb (GtkEditable      *editable,
                   PactaBillingForm *self)
{
  const char *field = g_object_get_data (G_OBJECT (editable), "pacta-field");

  clear_problem (self, field);
}

static void
pacta_billing_form_dispose (GObject *object)
{
  PactaBillingForm *self = (PactaBillingForm *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_BILLING_FORM);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->info);
  g_clear_pointer (&self->field_rows, g_hash_table_unref);
  g_clear_pointer (&self->error_icons, g_hash_table_unref);
  g_clear_pointer (&self->street, g_free);

  G_OBJECT_CLASS (pacta_billing_form_parent_class)->dispose (object);
}

static void
pacta_billing_form_class_init (PactaBillingFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_billing_form_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pacta/Pacta/ui/customers/pacta-billing-form.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaBillingForm, business_name_row);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingForm, debtor_code_row);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingForm, invoice_email_row);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingForm, website_row);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingForm, vat_number_row);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingForm, country_row);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingForm, language_row);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingForm, tax_exempt_switch);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingForm, tax_rate_row);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingForm, rounding_spin);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingForm, payment_terms_spin);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingForm, direct_debit_switch);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingForm, send_by_row);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingForm, street_row);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingForm, street_line2_row);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingForm, street_line3_row);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingForm, number_row);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingForm, building_row);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingForm, postal_code_row);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingForm, city_row);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingForm, state_row);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingForm, address_country_row);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingForm, phone_row);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingForm, fax_row);
  gtk_widget_class_bind_template_callback (widget_class, on_tax_exempt_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pacta_billing_form_init (PactaBillingForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->field_rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->error_icons = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      AdwEntryRow *row = TEXT_ROW (self, i);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "error");
      gtk_widget_set_visible (icon, FALSE);
      adw_entry_row_add_suffix (row, icon);

      g_object_set_data (G_OBJECT (row), "pacta-field", (gpointer)text_fields[i].field);
      g_signal_connect (row, "changed", G_CALLBACK (on_row_changed_cb), self);
      g_hash_table_insert (self->field_rows, (gpointer)text_fields[i].field, row);
      g_hash_table_insert (self->error_icons, (gpointer)text_fields[i].field, icon);
    }

  /* The street's further lines are the street: typing in them takes its
   * mark away, which stays on the first */
  {
    AdwEntryRow *more[] = { self->street_line2_row, self->street_line3_row };

    for (guint i = 0; i < G_N_ELEMENTS (more); i++)
      {
        g_object_set_data (G_OBJECT (more[i]), "pacta-field", (gpointer)"street");
        g_signal_connect (more[i], "changed", G_CALLBACK (on_row_changed_cb), self);
      }
  }

  /* The tax rate is typed as text (so it stays exact) and can be wrong too */
  {
    GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

    gtk_widget_add_css_class (icon, "error");
    gtk_widget_set_visible (icon, FALSE);
    adw_entry_row_add_suffix (self->tax_rate_row, icon);
    g_object_set_data (G_OBJECT (self->tax_rate_row), "pacta-field", (gpointer)"tax-rate");
    g_signal_connect (self->tax_rate_row, "changed", G_CALLBACK (on_row_changed_cb), self);
    g_hash_table_insert (self->field_rows, (gpointer)"tax-rate", self->tax_rate_row);
    g_hash_table_insert (self->error_icons, (gpointer)"tax-rate", icon);
  }

  pacta_billing_form_set_info (self, NULL);
}

GtkWidget *
pacta_billing_form_new (void)
{
  return g_object_new (PACTA_TYPE_BILLING_FORM, NULL);
}

void
pacta_billing_form_set_info (PactaBillingForm *self,
                             PactaBillingInfo *info)
{
  g_autoptr(PactaBillingInfo) blank = NULL;
  g_autofree char *rate = NULL;

  g_return_if_fail (PACTA_IS_BILLING_FORM (self));

  if (info == NULL)
    info = blank = pacta_billing_info_new (0);

  g_set_object (&self->info, info);

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      g_autofree char *text = NULL;

      g_object_get (info, text_fields[i].field, &text, NULL);
      gtk_editable_set_text (GTK_EDITABLE (TEXT_ROW (self, i)), text != NULL ? text : "");
    }
  set_street (self, pacta_billing_info_get_street (info));

  rate = pacta_percent_format (pacta_billing_info_get_tax_rate (info));
  gtk_editable_set_text (GTK_EDITABLE (self->tax_rate_row), rate);
  gtk_switch_set_active (self->tax_exempt_switch, pacta_billing_info_get_tax_exempt (info));
  gtk_spin_button_set_value (self->rounding_spin, pacta_billing_info_get_rounding_minutes (info));
  gtk_spin_button_set_value (self->payment_terms_spin, pacta_billing_info_get_payment_terms_days (info));
  gtk_switch_set_active (self->direct_debit_switch, pacta_billing_info_get_direct_debit (info));
  adw_combo_row_set_selected (self->send_by_row,
                              g_strcmp0 (pacta_billing_info_get_send_by (info), "post") == 0 ? 1 : 0);
  on_tax_exempt_changed_cb (self);

  pacta_billing_form_show_problems (self, NULL);
}

void
pacta_billing_form_show_problems (PactaBillingForm *self,
                                  GPtrArray        *problems)
{
  GHashTableIter iter;
  gpointer field;

  g_return_if_fail (PACTA_IS_BILLING_FORM (self));

  g_hash_table_iter_init (&iter, self->field_rows);
  while (g_hash_table_iter_next (&iter, &field, NULL))
    clear_problem (self, field);

  self->n_problems = 0;
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      PactaFieldProblem *problem = g_ptr_array_index (problems, i);
      GtkWidget *row = g_hash_table_lookup (self->field_rows, problem->field);
      GtkWidget *icon = g_hash_table_lookup (self->error_icons, problem->field);

      self->n_problems++;
      if (row == NULL)
        continue;

      gtk_widget_add_css_class (row, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, problem->message, -1);
      gtk_widget_set_tooltip_text (icon, problem->message);
      gtk_widget_set_visible (icon, TRUE);
    }
}

guint
pacta_billing_form_get_n_problems (PactaBillingForm *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_FORM (self), 0);

  return self->n_problems;
}

/**
 * pacta_billing_form_validate:
 *
 * Reads the form into new billing information, checks it with the core rules
 * and marks every wrong field. Returns the information when all is valid,
 * %NULL otherwise (the marks say why).
 */
PactaBillingInfo *
pacta_billing_form_validate (PactaBillingForm *self)
{
  g_autoptr(PactaBillingInfo) info = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  int rate = 0;

  g_return_val_if_fail (PACTA_IS_BILLING_FORM (self), NULL);

  info = pacta_billing_info_copy (self->info);
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    g_object_set (info, text_fields[i].field, gtk_editable_get_text (GTK_EDITABLE (TEXT_ROW (self, i))), NULL);
  {
    g_autofree char *street = get_street (self);

    pacta_billing_info_set_street (info, street);
  }

  g_object_set (info,
                "tax-exempt", gtk_switch_get_active (self->tax_exempt_switch),
                "rounding-minutes", gtk_spin_button_get_value_as_int (self->rounding_spin),
                "payment-terms-days", gtk_spin_button_get_value_as_int (self->payment_terms_spin),
                "direct-debit", gtk_switch_get_active (self->direct_debit_switch),
                "send-by", adw_combo_row_get_selected (self->send_by_row) == 1 ? "post" : "email",
                NULL);
  pacta_billing_info_normalize (info);
  problems = pacta_billing_info_check (info);

  /* A percentage with up to two decimals, kept in hundredths; 10,5 is fine */
  if (!pacta_percent_parse (gtk_editable_get_text (GTK_EDITABLE (self->tax_rate_row)), &rate))
    {
      PactaFieldProblem *problem = g_new0 (PactaFieldProblem, 1);

      problem->field = "tax-rate";
      problem->message = g_strdup (_("A percentage from 0 to 100, such as 21 or 10.5"));
      g_ptr_array_add (problems, problem);
    }
  else
    pacta_billing_info_set_tax_rate (info, rate);

  /* Under Spain's invoicing rules an invoice must name its recipient: what
   * the record needs is a problem of the field too, unless it has one */
  if (self->verifactu)
    {
      g_autoptr(GPtrArray) needed = pacta_billing_info_check_records (info);

      for (guint i = 0; i < needed->len; i++)
        {
          PactaFieldProblem *problem = g_ptr_array_index (needed, i);
          gboolean marked = FALSE;

          for (guint k = 0; k < problems->len && !marked; k++)
            marked = g_str_equal (((PactaFieldProblem *) g_ptr_array_index (problems, k))->field, problem->field);
          if (!marked)
            g_ptr_array_add (problems, g_ptr_array_steal_index (needed, i--));
        }
    }

  pacta_billing_form_show_problems (self, problems);

  if (problems->len > 0)
    {
      PactaFieldProblem *first = g_ptr_array_index (problems, 0);
      GtkWidget *row = g_hash_table_lookup (self->field_rows, first->field);

      if (row != NULL)
        gtk_widget_grab_focus (row);
      return NULL;
    }

  return g_steal_pointer (&info);
}

void
pacta_billing_form_set_text (PactaBillingForm *self,
                             const char       *field,
                             const char       *text)
{
  GtkWidget *row;

  g_return_if_fail (PACTA_IS_BILLING_FORM (self));

  row = g_hash_table_lookup (self->field_rows, field);
  g_return_if_fail (row != NULL);
  if (g_str_equal (field, "street"))
    set_street (self, text);
  else
    gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* For tests: the text a field shows; the street's rows joined by line breaks */
const char *
pacta_billing_form_get_text (PactaBillingForm *self,
                             const char       *field)
{
  GtkWidget *row;

  g_return_val_if_fail (PACTA_IS_BILLING_FORM (self), NULL);

  row = g_hash_table_lookup (self->field_rows, field);
  g_return_val_if_fail (row != NULL, NULL);
  if (g_str_equal (field, "street"))
    {
      g_free (self->street);
      self->street = get_street (self);
      return self->street;
    }
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* For tests: whether a field is marked as wrong */
gboolean
pacta_billing_form_field_has_error (PactaBillingForm *self,
                                    const char       *field)
{
  GtkWidget *row;

  g_return_val_if_fail (PACTA_IS_BILLING_FORM (self), FALSE);

  row = g_hash_table_lookup (self->field_rows, field);
  g_return_val_if_fail (row != NULL, FALSE);
  return gtk_widget_has_css_class (row, "error");
}

void
pacta_billing_form_focus_first (PactaBillingForm *self)
{
  g_return_if_fail (PACTA_IS_BILLING_FORM (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->business_name_row));
}

/**
 * pacta_billing_form_set_verifactu:
 * @enabled: whether Spain's invoicing rules (VERI*FACTU) are on
 *
 * With the rules on, the form also checks what an invoice's record needs
 * (pacta_billing_info_check_records()): a Spanish customer's valid NIF, a
 * foreign one's VAT number or other tax identification. Saving sets it
 * from the context's settings.
 */
void
pacta_billing_form_set_verifactu (PactaBillingForm *self,
                                  gboolean          enabled)
{
  g_return_if_fail (PACTA_IS_BILLING_FORM (self));

  self->verifactu = !!enabled;
}

/**
 * pacta_billing_form_save:
 *
 * Validates the form (marking wrong fields) and saves it through @context.
 * On failure the error says what to do, for the caller to show.
 */
gboolean
pacta_billing_form_save (PactaBillingForm  *self,
                         PactaContext      *context,
                         GError           **error)
{
  g_autoptr(PactaBillingInfo) info = NULL;
  g_autoptr(PactaVerifactuSettings) rules = NULL;

  g_return_val_if_fail (PACTA_IS_BILLING_FORM (self), FALSE);
  g_return_val_if_fail (PACTA_IS_CONTEXT (context), FALSE);

  /* Whatever the caller said: the rules as they are now */
  rules = pacta_context_load_verifactu_settings (context, NULL);
  pacta_billing_form_set_verifactu (self, rules != NULL && rules->enabled);

  if (!(info = pacta_billing_form_validate (self)))
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                   _("Some fields need attention; they are marked."));
      return FALSE;
    }

  return pacta_context_save_billing_info (context, info, error);
}
