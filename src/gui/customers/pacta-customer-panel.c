/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-customer-panel.c: what the MSP sees and sets for one customer. Configure holds
 * Billing, Address (one form, confirmed with Add, then Save) and General settings. */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-a11y.h"
#include "pacta-billing-form.h"
#include "pacta-billing-info-table.h"
#include "pacta-contact.h"
#include "pacta-customer-panel-private.h"
#include "pacta-money.h"
#include "pacta-sales-item-store.h"
#include "pacta-platform-text.h"
#include "pacta-service.h"

struct _PactaCustomerPanel
{
  GtkWidget             parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  AdwViewStack         *view_stack;
  AdwPreferencesGroup  *details_group;
  GtkLabel             *external_id_label;
  AdwPreferencesGroup  *services_group;
  AdwPreferencesGroup  *contacts_group;
  AdwPreferencesGroup  *sales_group;
  AdwBin               *form_bin;
  PactaBillingForm     *form;         /* in form_bin; NULL until a customer is opened */
  GtkButton            *save_button;
  GtkLabel             *message_label;
  GtkSwitch            *self_managed_switch;

  /* Owned */
  PactaContext         *context;
  GPtrArray            *overview_rows;    /* rows we added, to remove them again */
  PactaBillingInfo     *previous;         /* as loaded, for Undo; NULL when there was none */
  gint64                customer_id;
  gboolean              has_billing_info;
  gboolean              updating;
};

G_DEFINE_FINAL_TYPE (PactaCustomerPanel, pacta_customer_panel, GTK_TYPE_WIDGET)

enum {
  CLOSE_REQUESTED,
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
add_row (PactaCustomerPanel  *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL && subtitle[0] != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->overview_rows, row);
}

static void
clear_overview (PactaCustomerPanel *self)
{
  for (guint i = 0; i < self->overview_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->overview_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->overview_rows, 0);
}

/* “14 workloads”, “10 seats”, “1099.51 GB” */
static char *
format_usage (gint64      quantity,
              const char *unit)
{
  g_autofree char *number = pacta_decimal_format (quantity, 2);
  gulong n = (gulong)MAX (0, pacta_round_div (quantity, PACTA_DECIMAL_SCALE));

  if (g_strcmp0 (unit, "workload") == 0)
    return g_strdup_printf (ngettext ("%s workload", "%s workloads", n), number);
  if (g_strcmp0 (unit, "seat") == 0)
    return g_strdup_printf (ngettext ("%s seat", "%s seats", n), number);
  if (g_strcmp0 (unit, "hour") == 0)
    return g_strdup_printf (ngettext ("%s hour", "%s hours", n), number);
  if (g_strcmp0 (unit, "piece") == 0)
    return g_strdup_printf (ngettext ("%s piece", "%s pieces", n), number);
  if (g_strcmp0 (unit, "GB") == 0)
    /* Translators: a storage amount, e.g. “536.87 GB” */
    return g_strdup_printf (_("%s GB"), number);
  return g_strdup_printf ("%s %s", number, unit != NULL ? unit : "");
}

/* The quantities are the platform's current usage: provisional, as of the
 * last sync, which the group says */
static void
describe_usage (PactaCustomerPanel *self,
                gboolean            has_services)
{
  g_autoptr(PactaPlatformAccount) account = pacta_context_get_platform_account (self->context);
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;

  if (has_services && account != NULL && account->usage_at != NULL &&
      (when = pacta_platform_format_time (pacta_context_get_clock (self->context), account->usage_at)))
    /* Translators: %s is a date and time, such as “6 Dec 2026, 10:30” */
    text = g_strdup_printf (_("Current usage from the cloud platform, provisional as of %s"), when);
  adw_preferences_group_set_description (self->services_group, text);
}

static void
fill_overview (PactaCustomerPanel *self,
               gboolean            self_managed)
{
  g_autoptr(GListModel) services = NULL;
  g_autoptr(GListModel) contacts = NULL;
  g_autoptr(GListModel) sales = NULL;
  g_autoptr(GError) error = NULL;

  clear_overview (self);

  services = pacta_context_list_services (self->context, self->customer_id, &error);
  for (guint i = 0; services != NULL && i < g_list_model_get_n_items (services); i++)
    {
      g_autoptr(PactaService) service = g_list_model_get_item (services, i);
      g_autofree char *usage = format_usage (pacta_service_get_quantity (service),
                                             pacta_service_get_unit (service));

      add_row (self, self->services_group, pacta_service_get_name (service), usage);
    }
  if (services != NULL && g_list_model_get_n_items (services) == 0)
    add_row (self, self->services_group, _("No services assigned"), NULL);
  describe_usage (self, services != NULL && g_list_model_get_n_items (services) > 0);

  if (error != NULL)
    g_warning ("Could not read the customer’s services: %s", error->message);
  g_clear_error (&error);

  contacts = pacta_context_list_contacts (self->context, self->customer_id, &error);
  for (guint i = 0; contacts != NULL && i < g_list_model_get_n_items (contacts); i++)
    {
      g_autoptr(PactaContact) contact = g_list_model_get_item (contacts, i);
      g_autoptr(GString) details = g_string_new (pacta_contact_get_email (contact));

      /* Phone, job title and the company-contact flag belong to the
       * self-managed customer profile only */
      if (self_managed)
        {
          const char *parts[] = {
            pacta_contact_get_phone (contact),
            pacta_contact_get_job_title (contact),
            pacta_contact_get_company_contact (contact) ? _("Company contact") : NULL,
          };

          for (guint k = 0; k < G_N_ELEMENTS (parts); k++)
            if (parts[k] != NULL && parts[k][0] != '\0')
              {
                if (details->len > 0)
                  g_string_append (details, " · ");
                g_string_append (details, parts[k]);
              }
        }
      add_row (self, self->contacts_group, pacta_contact_get_name (contact), details->str);
    }
  if (contacts != NULL && g_list_model_get_n_items (contacts) == 0)
    add_row (self, self->contacts_group, _("No contacts"), NULL);

  if (error != NULL)
    g_warning ("Could not read the customer’s contacts: %s", error->message);
  g_clear_error (&error);

  sales = pacta_context_list_sales_items_for_customer (self->context, self->customer_id, &error);
  for (guint i = 0; sales != NULL && i < g_list_model_get_n_items (sales); i++)
    {
      g_autoptr(PactaSalesItem) item = g_list_model_get_item (sales, i);
      g_autofree char *total = pacta_money_format (pacta_sales_item_get_total (item),
                                                         pacta_context_get_currency (self->context));
      const char *reference = pacta_sales_item_get_description (item);
      g_autofree char *title = reference != NULL
        ? g_strdup_printf ("%s · %s", pacta_sales_item_get_invoice_date (item), reference)
        : g_strdup (pacta_sales_item_get_invoice_date (item));
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", total,
                                                   pacta_sales_item_status_label (pacta_sales_item_get_status (item)));

      add_row (self, self->sales_group, title, subtitle);
    }
  if (sales != NULL && g_list_model_get_n_items (sales) == 0)
    add_row (self, self->sales_group, _("No sales items"), NULL);

  if (error != NULL)
    g_warning ("Could not read the customer’s sales items: %s", error->message);
}

/* The billing form is the panel's largest part and hidden until a customer
 * is opened: made then, not with the window (README, Performance) */
static PactaBillingForm *
ensure_form (PactaCustomerPanel *self)
{
  if (self->form == NULL)
    {
      self->form = PACTA_BILLING_FORM (pacta_billing_form_new ());
      adw_bin_set_child (self->form_bin, GTK_WIDGET (self->form));
    }
  return self->form;
}

static void
reload (PactaCustomerPanel *self,
        gboolean            reset_form)
{
  g_autoptr(PactaCustomer) customer = NULL;
  g_autoptr(PactaBillingInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  const char *external_id;

  if (self->context == NULL || self->customer_id == 0)
    return;

  customer = pacta_context_load_customer (self->context, self->customer_id, &error);
  if (customer == NULL)
    {
      g_signal_emit (self, signals[CLOSE_REQUESTED], 0);
      return;
    }

  adw_window_title_set_title (self->window_title, pacta_customer_get_name (customer));
  adw_window_title_set_subtitle (self->window_title,
                                 pacta_customer_get_has_billing_info (customer)
                                 ? _("Billing information complete")
                                 : _("Billing information missing"));

  external_id = pacta_customer_get_external_id (customer);
  gtk_label_set_label (self->external_id_label, external_id != NULL ? external_id : "");
  gtk_widget_set_visible (GTK_WIDGET (self->details_group), external_id != NULL && external_id[0] != '\0');

  self->updating = TRUE;
  gtk_switch_set_active (self->self_managed_switch, pacta_customer_get_self_managed (customer));
  self->updating = FALSE;

  fill_overview (self, pacta_customer_get_self_managed (customer));

  if (!reset_form)
    return;

  info = pacta_context_load_billing_info (self->context, self->customer_id, &error);
  self->has_billing_info = info != NULL;
  g_clear_object (&self->previous);
  if (info != NULL)
    self->previous = pacta_billing_info_copy (info);
  if (info == NULL && error == NULL)
    info = pacta_context_new_billing_info (self->context, self->customer_id, &error);

  pacta_billing_form_set_info (ensure_form (self), info);
  gtk_button_set_label (self->save_button, self->has_billing_info ? _("_Save") : _("_Add"));
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), error != NULL);
  if (error != NULL)
    gtk_label_set_label (self->message_label, error->message);
}

gboolean
pacta_customer_panel_save (PactaCustomerPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaBillingInfo) previous = NULL;

  g_return_val_if_fail (PACTA_IS_CUSTOMER_PANEL (self), FALSE);

  if (self->context == NULL || self->customer_id == 0)
    return FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  if (!pacta_billing_form_save (ensure_form (self), self->context, &error))
    {
      gtk_label_set_label (self->message_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
      return FALSE;
    }

  previous = self->previous != NULL ? g_object_ref (self->previous) : NULL;
  reload (self, TRUE);
  g_signal_emit (self, signals[SAVED], 0, self->customer_id, previous);
  return TRUE;
}

static void
on_save_clicked_cb (PactaCustomerPanel *self)
{
  pacta_customer_panel_save (self);
}

static void
on_close_clicked_cb (PactaCustomerPanel *self)
{
  g_signal_emit (self, signals[CLOSE_REQUESTED], 0);
}

static void
on_self_managed_changed_cb (PactaCustomerPanel *self)
{
  g_autoptr(GError) error = NULL;

  if (self->updating || self->context == NULL || self->customer_id == 0)
    return;

  if (!pacta_context_set_self_managed (self->context, self->customer_id,
                                       gtk_switch_get_active (self->self_managed_switch), &error))
    {
      gtk_label_set_label (self->message_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
    }
  reload (self, FALSE);
}

static void
pacta_customer_panel_dispose (GObject *object)
{
  PactaCustomerPanel *self = (PactaCustomerPanel *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_CUSTOMER_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_pointer (&self->overview_rows, g_ptr_array_unref);
  g_clear_object (&self->previous);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pacta_customer_panel_parent_class)->dispose (object);
}

static void
pacta_customer_panel_class_init (PactaCustomerPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_customer_panel_dispose;

  signals[CLOSE_REQUESTED] =
    g_signal_new ("close-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * PactaCustomerPanel::saved:
   * @customer_id: whose billing information was saved
   * @previous: (nullable): what it was before, %NULL when it was added
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, PACTA_TYPE_BILLING_INFO);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pacta/Pacta/ui/customers/pacta-customer-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaCustomerPanel, window_title);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomerPanel, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomerPanel, details_group);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomerPanel, external_id_label);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomerPanel, services_group);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomerPanel, contacts_group);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomerPanel, sales_group);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomerPanel, form_bin);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomerPanel, save_button);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomerPanel, message_label);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomerPanel, self_managed_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_close_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_self_managed_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pacta_customer_panel_init (PactaCustomerPanel *self)
{
  self->overview_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  pacta_a11y_fix_mnemonics (GTK_WIDGET (self));
}

void
pacta_customer_panel_set_context (PactaCustomerPanel *self,
                                  PactaContext       *context)
{
  g_return_if_fail (PACTA_IS_CUSTOMER_PANEL (self));

  if (g_set_object (&self->context, context))
    self->customer_id = 0;
}

void
pacta_customer_panel_set_customer (PactaCustomerPanel *self,
                                   gint64              customer_id)
{
  g_return_if_fail (PACTA_IS_CUSTOMER_PANEL (self));

  self->customer_id = customer_id;
  reload (self, TRUE);
}

gint64
pacta_customer_panel_get_customer (PactaCustomerPanel *self)
{
  g_return_val_if_fail (PACTA_IS_CUSTOMER_PANEL (self), 0);

  return self->customer_id;
}

void
pacta_customer_panel_show_tab (PactaCustomerPanel *self,
                               const char         *name)
{
  g_return_if_fail (PACTA_IS_CUSTOMER_PANEL (self));

  adw_view_stack_set_visible_child_name (self->view_stack, name);
  if (g_str_equal (name, "configure"))
    pacta_billing_form_focus_first (ensure_form (self));
}

const char *
pacta_customer_panel_get_tab (PactaCustomerPanel *self)
{
  g_return_val_if_fail (PACTA_IS_CUSTOMER_PANEL (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

GtkWidget *
pacta_customer_panel_get_form (PactaCustomerPanel *self)
{
  g_return_val_if_fail (PACTA_IS_CUSTOMER_PANEL (self), NULL);

  return GTK_WIDGET (ensure_form (self));
}

GtkWidget *
pacta_customer_panel_get_contacts (PactaCustomerPanel *self)
{
  g_return_val_if_fail (PACTA_IS_CUSTOMER_PANEL (self), NULL);

  return GTK_WIDGET (self->contacts_group);
}

void
pacta_customer_panel_set_self_managed (PactaCustomerPanel *self,
                                       gboolean            self_managed)
{
  g_return_if_fail (PACTA_IS_CUSTOMER_PANEL (self));

  gtk_switch_set_active (self->self_managed_switch, self_managed);
}

/* Reads the customer again, after a change made elsewhere (Undo) */
void
pacta_customer_panel_reload (PactaCustomerPanel *self)
{
  g_return_if_fail (PACTA_IS_CUSTOMER_PANEL (self));

  reload (self, TRUE);
}
