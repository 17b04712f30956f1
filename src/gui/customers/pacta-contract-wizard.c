/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-contract-wizard.c: from a customer with services to a priced contract.
 * Steps: select customers (several for bulk creation), contract information,
 * billing information (only for one customer that lacks it), contract parts
 * (pre-filled from the services; a preview per customer in bulk), done. */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-a11y.h"
#include "pacta-date.h"
#include "pacta-search-filter.h"
#include "pacta-wrap-box.h"
#include "pacta-billing-form.h"
#include "pacta-billing-info-table.h"
#include "pacta-contract-form.h"
#include "pacta-contract-wizard-private.h"
#include "pacta-error.h"
#include "pacta-money.h"
#include "pacta-parts-editor.h"

struct _PactaContractWizard
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkButton           *back_button;
  GtkButton           *next_button;
  GtkButton           *cancel_button;
  GtkStack            *stack;
  GtkLabel            *message_label;
  GtkSearchEntry      *search_entry;
  GtkListView         *customer_list;
  PactaContractForm   *contract_form;
  GtkLabel            *billing_label;
  PactaBillingForm    *billing_form;
  PactaPartsEditor    *parts_editor;
  AdwPreferencesGroup *preview_group;
  AdwStatusPage       *done_page;

  /* Owned */
  PactaContext        *context;
  GListStore          *customers;        /* PactaCustomer offered on the first step */
  GtkFilterListModel  *filtered;
  GtkStringFilter     *name_filter;
  GHashTable          *selected;         /* customer id (gint64 *) set */
  PactaContract       *prototype;        /* the information step's result */
  GPtrArray           *history;          /* page names visited, for Back */
  GPtrArray           *preview_rows;
  guint                n_created;
};

G_DEFINE_FINAL_TYPE (PactaContractWizard, pacta_contract_wizard, ADW_TYPE_WINDOW)

enum {
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- helpers ----------------------------------------------------------- */

static void
show_message (PactaContractWizard *self,
              const char          *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static gint64
single_customer (PactaContractWizard *self)
{
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_size (self->selected) != 1)
    return 0;
  g_hash_table_iter_init (&iter, self->selected);
  g_hash_table_iter_next (&iter, &key, NULL);
  return *(gint64 *)key;
}

static gboolean
needs_billing_step (PactaContractWizard *self)
{
  gint64 id = single_customer (self);
  g_autoptr(GError) error = NULL;

  return id > 0 &&
         !pacta_context_require_billing_info (self->context, id, &error) &&
         g_error_matches (error, PACTA_ERROR, PACTA_ERROR_BILLING_INFO_REQUIRED);
}

static gboolean
visited (PactaContractWizard *self,
         const char          *page)
{
  for (guint i = 0; i < self->history->len; i++)
    if (g_str_equal (g_ptr_array_index (self->history, i), page))
      return TRUE;
  return FALSE;
}

static const char *
step_title (const char *page)
{
  if (g_str_equal (page, "customer"))
    return _("Select Customers");
  if (g_str_equal (page, "info"))
    return _("Contract Information");
  if (g_str_equal (page, "billing"))
    return _("Billing Information");
  if (g_str_equal (page, "parts"))
    return _("Contract Parts");
  return _("Done");
}

static void
update_header (PactaContractWizard *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  /* Once shown, the billing step stays counted: saving it must not turn
   * "Step 3 of 4" into "Step 3 of 3" */
  gboolean billing = g_str_equal (page, "billing") || visited (self, "billing") || needs_billing_step (self);
  guint total = billing ? 4 : 3;
  guint step = g_str_equal (page, "customer") ? 1
             : g_str_equal (page, "info") ? 2
             : g_str_equal (page, "billing") ? 3
             : g_str_equal (page, "parts") ? (billing ? 4 : 3) : 0;
  g_autofree char *subtitle = NULL;

  if (step > 0)
    /* Translators: “Step 2 of 4: Contract Information” */
    subtitle = g_strdup_printf (_("Step %u of %u: %s"), step, total, step_title (page));
  else
    subtitle = g_strdup (step_title (page));
  adw_window_title_set_subtitle (self->window_title, subtitle);

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), self->history->len > 0 && !g_str_equal (page, "done"));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !g_str_equal (page, "done"));

  if (g_str_equal (page, "done"))
    gtk_button_set_label (self->next_button, _("_Close"));
  else if (g_str_equal (page, "parts"))
    /* One word: the window says “New Contract”, and in a narrow window there
     * is no room for more beside Cancel and Back */
    gtk_button_set_label (self->next_button, _("C_reate"));
  else
    gtk_button_set_label (self->next_button, _("_Next"));
}

static void
go_to (PactaContractWizard *self,
       const char          *page,
       gboolean             remember)
{
  if (remember)
    g_ptr_array_add (self->history, g_strdup (gtk_stack_get_visible_child_name (self->stack)));
  gtk_stack_set_visible_child_name (self->stack, page);
  show_message (self, NULL);
  update_header (self);
}

/* ---- step 1: customers ------------------------------------------------- */

static void
on_check_toggled_cb (GtkCheckButton      *check,
                     PactaContractWizard *self)
{
  PactaCustomer *customer = g_object_get_data (G_OBJECT (check), "pacta-customer");
  gint64 id;

  if (customer == NULL)
    return;
  id = pacta_customer_get_id (customer);
  pacta_contract_wizard_select (self, id, gtk_check_button_get_active (check));
}

static void
setup_customer_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   PactaContractWizard      *self)
{
  GtkWidget *check = gtk_check_button_new ();

  gtk_widget_set_margin_top (check, 6);
  gtk_widget_set_margin_bottom (check, 6);
  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), self);
  gtk_list_item_set_child (list_item, check);
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
bind_customer_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  PactaContractWizard      *self)
{
  PactaCustomer *customer = gtk_list_item_get_item (list_item);
  GtkWidget *check = gtk_list_item_get_child (list_item);
  gint64 id = pacta_customer_get_id (customer);
  g_autofree char *label = NULL;

  if (pacta_customer_get_has_billing_info (customer))
    label = g_strdup (pacta_customer_get_name (customer));
  else
    /* Translators: a customer in the wizard's list that still lacks billing information */
    label = g_strdup_printf (_("%s (no billing information yet)"), pacta_customer_get_name (customer));

  /* Unset first: setting the state must not count as the user ticking it */
  g_object_set_data (G_OBJECT (check), "pacta-customer", NULL);
  gtk_check_button_set_label (GTK_CHECK_BUTTON (check), label);
  /* A long name wraps in a narrow window */
  pacta_wrap_button_label (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_hash_table_contains (self->selected, &id));
  g_object_set_data (G_OBJECT (check), "pacta-customer", customer);
  /* The list's row around it, which a screen reader moves through, says the same */
  pacta_a11y_set_row_label (check, label);
}

static void
unbind_customer_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    PactaContractWizard      *self)
{
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (list_item)), "pacta-customer", NULL);
}

static void
on_search_changed_cb (PactaContractWizard *self)
{
  pacta_search_filter_set_search (self->name_filter, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* ---- step 4: parts ----------------------------------------------------- */

static void
clear_preview (PactaContractWizard *self)
{
  for (guint i = 0; i < self->preview_rows->len; i++)
    adw_preferences_group_remove (self->preview_group, g_ptr_array_index (self->preview_rows, i));
  g_ptr_array_set_size (self->preview_rows, 0);
}

static char *
preview_for (PactaContractWizard *self,
             gint64               customer_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) parts = NULL;
  g_autoptr(PactaContract) contract = NULL;
  gint64 total = 0;
  g_autofree char *money = NULL;
  guint n;

  if (!pacta_context_require_billing_info (self->context, customer_id, &error))
    /* Translators: why a customer will not get a contract */
    return g_strdup_printf (_("Will be skipped: %s"), error->message);

  parts = pacta_context_default_contract_parts (self->context, customer_id,
                                                pacta_contract_get_start_date (self->prototype), &error);
  if (parts == NULL)
    return g_strdup (error->message);

  contract = pacta_contract_new (customer_id);
  g_object_set (contract, "name", pacta_contract_get_name (self->prototype),
                "start-date", pacta_contract_get_start_date (self->prototype), NULL);
  if (!pacta_contract_validate (contract, parts, &error))
    return g_strdup_printf (_("Will be skipped: %s"), error->message);

  n = g_list_model_get_n_items (parts);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PactaContractPart) part = g_list_model_get_item (parts, i);
      total += pacta_contract_part_get_monthly_value (part);
    }
  money = pacta_money_format (total, pacta_context_get_currency (self->context));
  /* Translators: e.g. “3 parts, 123.45 € a month” */
  return g_strdup_printf (ngettext ("%u part, %s a month", "%u parts, %s a month", n), n, money);
}

static void
prepare_parts (PactaContractWizard *self)
{
  gint64 id = single_customer (self);
  g_autoptr(GError) error = NULL;

  clear_preview (self);
  pacta_parts_editor_set_default_start (self->parts_editor, pacta_contract_get_start_date (self->prototype));
  pacta_parts_editor_set_currency (self->parts_editor, pacta_context_get_currency (self->context));

  if (id > 0)
    {
      g_autoptr(GListModel) parts =
        pacta_context_default_contract_parts (self->context, id, pacta_contract_get_start_date (self->prototype),
                                              &error);
      g_autoptr(GListModel) catalog = pacta_context_list_catalog (self->context, NULL);

      pacta_parts_editor_set_catalog (self->parts_editor, catalog);
      pacta_parts_editor_set_parts (self->parts_editor, parts);
      gtk_widget_set_visible (GTK_WIDGET (self->parts_editor), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->preview_group), FALSE);
      if (error != NULL)
        show_message (self, error->message);
      return;
    }

  /* Several customers: each gets the defaults; show what that will be */
  gtk_widget_set_visible (GTK_WIDGET (self->parts_editor), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), TRUE);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->customers)); i++)
    {
      g_autoptr(PactaCustomer) customer = g_list_model_get_item (G_LIST_MODEL (self->customers), i);
      gint64 customer_id = pacta_customer_get_id (customer);
      g_autofree char *preview = NULL;
      GtkWidget *row;

      if (!g_hash_table_contains (self->selected, &customer_id))
        continue;

      preview = preview_for (self, customer_id);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pacta_customer_get_name (customer));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), preview);
      adw_preferences_group_add (self->preview_group, row);
      g_ptr_array_add (self->preview_rows, row);
    }
}

/* ---- finishing --------------------------------------------------------- */

static void
finish_single (PactaContractWizard *self)
{
  g_autoptr(PactaContract) contract = pacta_contract_new (single_customer (self));
  g_autoptr(GError) error = NULL;

  if (pacta_parts_editor_get_n_invalid (self->parts_editor) > 0)
    {
      show_message (self, _("Some amounts could not be read; they are marked."));
      return;
    }

  pacta_contract_form_apply (self->contract_form, contract);
  pacta_contract_set_customer_id (contract, single_customer (self));

  if (!pacta_context_create_contract (self->context, contract,
                                      pacta_parts_editor_get_parts (self->parts_editor), &error))
    {
      /* Billing information went missing since: ask for it again */
      if (g_error_matches (error, PACTA_ERROR, PACTA_ERROR_BILLING_INFO_REQUIRED))
        {
          g_autoptr(PactaBillingInfo) info =
            pacta_context_new_billing_info (self->context, single_customer (self), NULL);

          pacta_billing_form_set_info (self->billing_form, info);
          go_to (self, "billing", TRUE);
        }
      show_message (self, error->message);
      return;
    }

  self->n_created = 1;
  adw_status_page_set_title (self->done_page, _("Contract Created"));
  adw_status_page_set_description (self->done_page, _("It is in the Contracts tab."));
  go_to (self, "done", FALSE);
  g_signal_emit (self, signals[CREATED], 0, 1u);
}

static void
finish_bulk (PactaContractWizard *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *title = NULL;
  guint created = 0;

  /* In the order the list shows them */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->customers)); i++)
    {
      g_autoptr(PactaCustomer) customer = g_list_model_get_item (G_LIST_MODEL (self->customers), i);
      gint64 id = pacta_customer_get_id (customer);

      if (g_hash_table_contains (self->selected, &id))
        g_array_append_val (ids, id);
    }

  skipped = pacta_context_create_default_contracts (self->context, ids, self->prototype, &created, &error);
  if (skipped == NULL)
    {
      show_message (self, error->message);
      return;
    }

  self->n_created = created;
  title = g_strdup_printf (ngettext ("%u Contract Created", "%u Contracts Created", created), created);
  adw_status_page_set_title (self->done_page, title);
  if (skipped->len > 0)
    {
      g_string_append (description, ngettext ("This customer was skipped:", "These customers were skipped:",
                                              skipped->len));
      for (guint i = 0; i < skipped->len; i++)
        {
          PactaSkippedCustomer *skip = g_ptr_array_index (skipped, i);

          g_string_append_printf (description, "\n%s — %s", skip->customer_name, skip->reason);
        }
    }
  else
    g_string_append (description, _("They are in the Contracts tab."));
  {
    /* The description is markup; customer names are not */
    g_autofree char *escaped = g_markup_escape_text (description->str, -1);

    adw_status_page_set_description (self->done_page, escaped);
  }
  go_to (self, "done", FALSE);
  g_signal_emit (self, signals[CREATED], 0, created);
}

/* ---- navigation -------------------------------------------------------- */

void
pacta_contract_wizard_next (PactaContractWizard *self)
{
  const char *page;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PACTA_IS_CONTRACT_WIZARD (self));

  page = gtk_stack_get_visible_child_name (self->stack);
  /* The last problem goes; a new one says itself */
  show_message (self, NULL);

  if (g_str_equal (page, "customer"))
    {
      if (g_hash_table_size (self->selected) == 0)
        {
          show_message (self, _("Choose at least one customer."));
          return;
        }
      go_to (self, "info", TRUE);
    }
  else if (g_str_equal (page, "info"))
    {
      pacta_contract_form_apply (self->contract_form, self->prototype);
      if (!pacta_contract_validate_info (self->prototype, &error))
        {
          show_message (self, error->message);
          return;
        }

      if (needs_billing_step (self))
        {
          g_autoptr(PactaBillingInfo) info =
            pacta_context_new_billing_info (self->context, single_customer (self), NULL);
          g_autoptr(PactaCustomer) customer =
            pacta_context_load_customer (self->context, single_customer (self), NULL);
          g_autofree char *text =
            g_strdup_printf (_("“%s” has no billing information yet. Add it to continue; it is saved with the customer."),
                             customer != NULL ? pacta_customer_get_name (customer) : "");

          gtk_label_set_label (self->billing_label, text);
          pacta_billing_form_set_info (self->billing_form, info);
          go_to (self, "billing", TRUE);
        }
      else
        {
          prepare_parts (self);
          go_to (self, "parts", TRUE);
        }
    }
  else if (g_str_equal (page, "billing"))
    {
      if (!pacta_billing_form_save (self->billing_form, self->context, &error))
        {
          show_message (self, error->message);
          return;
        }
      prepare_parts (self);
      go_to (self, "parts", TRUE);
    }
  else if (g_str_equal (page, "parts"))
    {
      if (single_customer (self) > 0)
        finish_single (self);
      else
        finish_bulk (self);
    }
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

void
pacta_contract_wizard_back (PactaContractWizard *self)
{
  g_autofree char *previous = NULL;

  g_return_if_fail (PACTA_IS_CONTRACT_WIZARD (self));

  if (self->history->len == 0)
    return;

  previous = g_strdup (g_ptr_array_index (self->history, self->history->len - 1));
  g_ptr_array_remove_index (self->history, self->history->len - 1);
  go_to (self, previous, FALSE);
}

static void
on_next_clicked_cb (PactaContractWizard *self)
{
  pacta_contract_wizard_next (self);
}

static void
on_back_clicked_cb (PactaContractWizard *self)
{
  pacta_contract_wizard_back (self);
}

/* Alt+Left, where the Back button would be: only when it is shown */
static gboolean
back_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  PactaContractWizard *self = PACTA_CONTRACT_WIZARD (widget);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->back_button)))
    return FALSE;
  pacta_contract_wizard_back (self);
  return TRUE;
}

static void
on_cancel_clicked_cb (PactaContractWizard *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- object ------------------------------------------------------------ */

static void
pacta_contract_wizard_dispose (GObject *object)
{
  PactaContractWizard *self = (PactaContractWizard *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_CONTRACT_WIZARD);

  g_clear_object (&self->context);
  g_clear_object (&self->customers);
  g_clear_object (&self->filtered);
  g_clear_object (&self->name_filter);
  g_clear_object (&self->prototype);
  g_clear_pointer (&self->selected, g_hash_table_unref);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->preview_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (pacta_contract_wizard_parent_class)->dispose (object);
}

static void
pacta_contract_wizard_class_init (PactaContractWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_contract_wizard_dispose;

  /**
   * PactaContractWizard::created:
   * @n_created: how many contracts were created
   */
  signals[CREATED] =
    g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  g_type_ensure (PACTA_TYPE_BILLING_FORM);
  g_type_ensure (PACTA_TYPE_CONTRACT_FORM);
  g_type_ensure (PACTA_TYPE_PARTS_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pacta/Pacta/ui/customers/pacta-contract-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaContractWizard, window_title);
  gtk_widget_class_bind_template_child (widget_class, PactaContractWizard, back_button);
  gtk_widget_class_bind_template_child (widget_class, PactaContractWizard, next_button);
  gtk_widget_class_bind_template_child (widget_class, PactaContractWizard, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PactaContractWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, PactaContractWizard, message_label);
  gtk_widget_class_bind_template_child (widget_class, PactaContractWizard, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PactaContractWizard, customer_list);
  gtk_widget_class_bind_template_child (widget_class, PactaContractWizard, contract_form);
  gtk_widget_class_bind_template_child (widget_class, PactaContractWizard, billing_label);
  gtk_widget_class_bind_template_child (widget_class, PactaContractWizard, billing_form);
  gtk_widget_class_bind_template_child (widget_class, PactaContractWizard, parts_editor);
  gtk_widget_class_bind_template_child (widget_class, PactaContractWizard, preview_group);
  gtk_widget_class_bind_template_child (widget_class, PactaContractWizard, done_page);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, GDK_ALT_MASK, back_shortcut_cb, NULL);
}

static void
pacta_contract_wizard_init (PactaContractWizard *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autofree char *today = pacta_date_today ();
  g_autofree char *start = NULL;
  GtkSelectionModel *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  pacta_a11y_fix_mnemonics (GTK_WIDGET (self));

  self->selected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->history = g_ptr_array_new_with_free_func (g_free);
  self->preview_rows = g_ptr_array_new ();
  self->customers = g_list_store_new (PACTA_TYPE_CUSTOMER);

  self->name_filter = pacta_search_filter_new (PACTA_TYPE_CUSTOMER, "name");
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->customers)),
                                              g_object_ref (GTK_FILTER (self->name_filter)));
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered))));
  gtk_list_view_set_model (self->customer_list, selection);
  g_object_unref (selection);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_customer_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_customer_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_customer_cb), self);
  gtk_list_view_set_factory (self->customer_list, factory);

  /* Contracts usually start with the next month */
  start = pacta_date_first_of_next_month (today);
  self->prototype = g_object_new (PACTA_TYPE_CONTRACT, "name", _("Managed services"), "start-date", start, NULL);
  pacta_contract_form_set_contract (self->contract_form, self->prototype);

  update_header (self);
}

PactaContractWizard *
pacta_contract_wizard_new (GtkWindow    *parent,
                           PactaContext *context,
                           gboolean      only_missing)
{
  PactaContractWizard *self;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PACTA_IS_CONTEXT (context), NULL);

  self = g_object_new (PACTA_TYPE_CONTRACT_WIZARD, "transient-for", parent, "modal", TRUE, NULL);
  self->context = g_object_ref (context);

  /* From the banner: only those still without a contract */
  ids = only_missing ? pacta_context_list_customers_without_contracts (context, &error)
                     : pacta_context_list_customer_ids (context, &error);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      g_autoptr(PactaCustomer) customer = pacta_context_load_customer (context, g_array_index (ids, gint64, i), NULL);

      if (customer != NULL)
        g_list_store_append (self->customers, customer);
    }
  if (error != NULL)
    show_message (self, error->message);

  return self;
}

const char *
pacta_contract_wizard_get_step (PactaContractWizard *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT_WIZARD (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

guint
pacta_contract_wizard_get_n_customers (PactaContractWizard *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT_WIZARD (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->customers));
}

guint
pacta_contract_wizard_get_n_shown (PactaContractWizard *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT_WIZARD (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

void
pacta_contract_wizard_select (PactaContractWizard *self,
                              gint64               customer_id,
                              gboolean             selected)
{
  g_return_if_fail (PACTA_IS_CONTRACT_WIZARD (self));

  if (selected)
    g_hash_table_add (self->selected, g_memdup2 (&customer_id, sizeof customer_id));
  else
    g_hash_table_remove (self->selected, &customer_id);
  show_message (self, NULL);
  update_header (self);
}

void
pacta_contract_wizard_set_search (PactaContractWizard *self,
                                  const char          *text)
{
  g_return_if_fail (PACTA_IS_CONTRACT_WIZARD (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  pacta_search_filter_set_search (self->name_filter, text);
}

GtkWidget *
pacta_contract_wizard_get_parts_editor (PactaContractWizard *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT_WIZARD (self), NULL);

  return GTK_WIDGET (self->parts_editor);
}

/* For tests: the contract information step's form */
GtkWidget *
pacta_contract_wizard_get_contract_form (PactaContractWizard *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT_WIZARD (self), NULL);

  return GTK_WIDGET (self->contract_form);
}

GtkWidget *
pacta_contract_wizard_get_billing_form (PactaContractWizard *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT_WIZARD (self), NULL);

  return GTK_WIDGET (self->billing_form);
}

const char *
pacta_contract_wizard_get_message (PactaContractWizard *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT_WIZARD (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->message_label)) ? gtk_label_get_label (self->message_label) : NULL;
}
