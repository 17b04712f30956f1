/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-sales-page.c: Sales & billing. The banner says how many customers use services
 * without a contract (live, dismissible until that number grows); the link at the
 * top right opens the same wizard at any time; the Contracts tab lists contracts. */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-a11y.h"
#include "pacta-list-progress.h"
#include "pacta-search-filter.h"
#include "pacta-banner.h"
#include "pacta-billing-run.h"
#include "pacta-billing-run-dialog.h"
#include "pacta-contract-dialog.h"
#include "pacta-contract-wizard.h"
#include "pacta-invoices-view.h"
#include "pacta-money.h"
#include "pacta-sales-item-dialog.h"
#include "pacta-sales-page-private.h"
#include "pacta-window.h"
#include "pacta-wrap-box.h"

struct _PactaSalesPage
{
  GtkWidget            parent_instance;

  /* Template widgets */
  PactaBanner         *banner;
  GtkWidget           *create_missing_button;
  GtkWidget           *create_missing_pill;
  GtkSearchEntry      *search_entry;
  GtkLabel            *count_label;
  GtkStack            *list_stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *customer_column;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *interval_column;
  GtkColumnViewColumn *start_column;
  GtkColumnViewColumn *end_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *value_column;
  GtkSearchEntry      *items_search_entry;
  GtkDropDown         *status_dropdown;
  GtkLabel            *items_count_label;
  GtkStack            *items_stack;
  GtkColumnView       *items_view;
  GtkColumnViewColumn *item_customer_column;
  GtkColumnViewColumn *item_date_column;
  GtkColumnViewColumn *item_reference_column;
  GtkColumnViewColumn *item_total_column;
  GtkColumnViewColumn *item_origin_column;
  GtkColumnViewColumn *item_status_column;

  /* Owned */
  PactaContext        *context;
  GtkWidget           *invoices_view;
  AdwViewStack        *tabs;
  GSettings           *settings;
  GtkFilterListModel  *filter_model;
  GtkSortListModel    *sort_model;
  GtkStringFilter     *customer_filter;
  GtkStringFilter     *name_filter;
  GtkFilterListModel  *items_filter_model;
  GtkSortListModel    *items_sort_model;
  GtkStringFilter     *item_customer_filter;
  GtkStringFilter     *item_reference_filter;
  GtkCustomFilter     *status_filter;
  gint64               n_missing;
  gboolean             narrow;   /* the lists keep their main columns */
};

G_DEFINE_FINAL_TYPE (PactaSalesPage, pacta_sales_page, GTK_TYPE_WIDGET)

enum {
  CONTRACTS_CREATED,
  CONTRACT_SAVED,
  SALES_ITEM_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum {
  CELL_CUSTOMER,
  CELL_NAME,
  CELL_INTERVAL,
  CELL_START,
  CELL_END,
  CELL_STATUS,
  CELL_VALUE,
  CELL_ITEM_CUSTOMER,
  CELL_ITEM_DATE,
  CELL_ITEM_REFERENCE,
  CELL_ITEM_TOTAL,
  CELL_ITEM_ORIGIN,
  CELL_ITEM_STATUS,
} CellKind;

static void
update_banner (PactaSalesPage *self)
{
  g_autofree char *title = NULL;
  int dismissed_at = g_settings_get_int (self->settings, "contracts-banner-dismissed-at");

  self->n_missing = self->context != NULL
    ? pacta_context_count_missing_contracts (self->context, NULL)
    : 0;

  title = g_strdup_printf (ngettext ("%u customer has no contracts assigned",
                                     "%u customers have no contracts assigned", (gulong)MAX (self->n_missing, 0)),
                           (guint)MAX (self->n_missing, 0));
  pacta_banner_set_title (self->banner, title);

  /* Dismissed until the number grows; never shown without such customers */
  pacta_banner_set_revealed (self->banner, self->n_missing > 0 && self->n_missing > dismissed_at);
}

static void
update_count (PactaSalesPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  guint total = self->context != NULL
    ? g_list_model_get_n_items (G_LIST_MODEL (pacta_context_get_contracts (self->context))) : 0;
  g_autofree char *text = pacta_list_progress_dup_label (self->filter_model, self->sort_model);

  if (text != NULL)
    {
      gtk_label_set_label (self->count_label, text);
      gtk_stack_set_visible_child_name (self->list_stack, shown > 0 ? "list" : "loading");
      return;
    }
  if (shown == total)
    text = g_strdup_printf (ngettext ("%u contract", "%u contracts", total), total);
  else
    text = g_strdup_printf (ngettext ("%u of %u contract", "%u of %u contracts", total), shown, total);
  gtk_label_set_label (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, shown > 0 ? "list" : total > 0 ? "no-results" : "empty");
}

static void
on_store_changed_cb (PactaSalesPage *self)
{
  update_banner (self);
  update_count (self);
}

static void
on_banner_dismissed_cb (PactaSalesPage *self)
{
  g_settings_set_int (self->settings, "contracts-banner-dismissed-at", (int)self->n_missing);
}

static void
on_wizard_created_cb (PactaSalesPage      *self,
                      guint                n_created,
                      PactaContractWizard *wizard)
{
  g_signal_emit (self, signals[CONTRACTS_CREATED], 0, n_created);
}

static void
open_wizard (PactaSalesPage *self,
             gboolean        only_missing)
{
  PactaContractWizard *wizard;

  if (self->context == NULL)
    return;

  wizard = pacta_contract_wizard_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->context,
                                      only_missing);
  g_signal_connect_object (wizard, "created", G_CALLBACK (on_wizard_created_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (wizard));
}

static void
on_banner_button_clicked_cb (PactaSalesPage *self)
{
  open_wizard (self, TRUE);
}

static void
create_missing_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  open_wizard (PACTA_SALES_PAGE (widget), TRUE);
}

static void
on_billing_committed_cb (PactaSalesPage *self,
                         GStrv           numbers)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  guint n = g_strv_length (numbers);
  g_autofree char *title = NULL;

  if (n == 0 || !PACTA_IS_WINDOW (root))
    return;
  title = pacta_billing_describe_numbers (numbers);
  pacta_window_add_toast (PACTA_WINDOW (root), adw_toast_new (title));
}

static void
run_billing_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PactaSalesPage *self = PACTA_SALES_PAGE (widget);
  PactaBillingRunDialog *dialog;

  if (self->context == NULL)
    return;
  dialog = pacta_billing_run_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->context);
  g_signal_connect_object (dialog, "committed", G_CALLBACK (on_billing_committed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_contract_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  open_wizard (PACTA_SALES_PAGE (widget), FALSE);
}

static void
on_dialog_saved_cb (PactaSalesPage *self)
{
  g_signal_emit (self, signals[CONTRACT_SAVED], 0);
}

static void
on_row_activated_cb (PactaSalesPage *self,
                     guint           position,
                     GtkColumnView  *view)
{
  g_autoptr(PactaContract) contract = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)), position);
  PactaContractDialog *dialog;

  if (contract == NULL || self->context == NULL)
    return;

  dialog = pacta_contract_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->context,
                                      pacta_contract_get_id (contract));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_dialog_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_search_changed_cb (PactaSalesPage *self)
{
  pacta_sales_page_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  CellKind kind = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), kind == CELL_VALUE || kind == CELL_ITEM_TOTAL ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (kind == CELL_VALUE || kind == CELL_START || kind == CELL_END)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

/* What a screen reader says of a contract's row, whichever columns a narrow
 * window shows */
static char *
contract_summary (PactaContract *contract,
                  const char    *currency)
{
  const char *end = pacta_contract_get_end_date (contract);
  g_autofree char *value = pacta_money_format (pacta_contract_get_monthly_value (contract), currency);
  /* Translators: in a contract row's accessible name; %s is an amount of money */
  g_autofree char *monthly = g_strdup_printf (_("%s a month"), value);
  g_autofree char *period = end != NULL
                            /* Translators: in a contract row's accessible name: start and end dates */
                            ? g_strdup_printf (_("from %s until %s"), pacta_contract_get_start_date (contract), end)
                            /* Translators: in a contract row's accessible name: its start date */
                            : g_strdup_printf (_("from %s, with no end"), pacta_contract_get_start_date (contract));
  const char *parts[] = {
    pacta_contract_get_customer_name (contract), pacta_contract_get_name (contract),
    pacta_contract_interval_label (pacta_contract_get_interval (contract)), period,
    pacta_contract_status_label (pacta_contract_get_status (contract)), monthly,
  };

  return pacta_a11y_summary (parts, G_N_ELEMENTS (parts));
}

/* … and of a sales item's */
static char *
sales_item_summary (PactaSalesItem *item,
                    const char     *currency)
{
  g_autofree char *total = pacta_money_format (pacta_sales_item_get_total (item), currency);
  const char *parts[] = {
    pacta_sales_item_get_customer_name (item), pacta_sales_item_get_invoice_date (item),
    pacta_sales_item_get_description (item), total,
    pacta_sales_item_origin_label (pacta_sales_item_get_origin (item)),
    pacta_sales_item_status_label (pacta_sales_item_get_status (item)),
  };

  return pacta_a11y_summary (parts, G_N_ELEMENTS (parts));
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  CellKind kind = GPOINTER_TO_INT (user_data);
  /* A PactaContract or, for the item cells, a PactaSalesItem */
  gpointer contract = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  PactaSalesPage *self = g_object_get_data (G_OBJECT (factory), "pacta-sales-page");
  const char *currency = self->context != NULL ? pacta_context_get_currency (self->context) : NULL;
  g_autofree char *text = NULL;

  switch (kind)
    {
    case CELL_CUSTOMER:
      gtk_label_set_label (label, pacta_contract_get_customer_name (contract));
      /* The customer's column is always shown: it names the row */
      text = contract_summary (contract, currency);
      pacta_a11y_set_row_label (GTK_WIDGET (label), text);
      break;
    case CELL_NAME:
      gtk_label_set_label (label, pacta_contract_get_name (contract));
      break;
    case CELL_INTERVAL:
      gtk_label_set_label (label, pacta_contract_interval_label (pacta_contract_get_interval (contract)));
      break;
    case CELL_START:
      gtk_label_set_label (label, pacta_contract_get_start_date (contract));
      break;
    case CELL_END:
      gtk_label_set_label (label, pacta_contract_get_end_date (contract) != NULL
                                  ? pacta_contract_get_end_date (contract) : _("Forever"));
      break;
    case CELL_STATUS:
      gtk_label_set_label (label, pacta_contract_status_label (pacta_contract_get_status (contract)));
      break;
    case CELL_VALUE:
      text = pacta_money_format (pacta_contract_get_monthly_value (contract), currency);
      gtk_label_set_label (label, text);
      break;
    case CELL_ITEM_CUSTOMER:
      gtk_label_set_label (label, pacta_sales_item_get_customer_name (PACTA_SALES_ITEM (contract)));
      text = sales_item_summary (PACTA_SALES_ITEM (contract), currency);
      pacta_a11y_set_row_label (GTK_WIDGET (label), text);
      break;
    case CELL_ITEM_DATE:
      gtk_label_set_label (label, pacta_sales_item_get_invoice_date (PACTA_SALES_ITEM (contract)));
      break;
    case CELL_ITEM_REFERENCE:
      gtk_label_set_label (label, pacta_sales_item_get_description (PACTA_SALES_ITEM (contract)));
      break;
    case CELL_ITEM_TOTAL:
      text = pacta_money_format (pacta_sales_item_get_total (PACTA_SALES_ITEM (contract)), currency);
      gtk_label_set_label (label, text);
      break;
    case CELL_ITEM_ORIGIN:
      gtk_label_set_label (label, pacta_sales_item_origin_label (pacta_sales_item_get_origin (PACTA_SALES_ITEM (contract))));
      break;
    case CELL_ITEM_STATUS:
      gtk_label_set_label (label, pacta_sales_item_status_label (pacta_sales_item_get_status (PACTA_SALES_ITEM (contract))));
      break;
    default:
      g_assert_not_reached ();
    }
  pacta_a11y_set_cell_label (GTK_WIDGET (label), gtk_label_get_label (label));
}

static void
setup_column_for (PactaSalesPage      *self,
                  GtkColumnViewColumn *column,
                  GType                type,
                  CellKind             kind,
                  const char          *property,
                  gboolean             numeric)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkExpression *expression = gtk_property_expression_new (type, NULL, property);
  g_autoptr(GtkSorter) sorter = numeric ? GTK_SORTER (gtk_numeric_sorter_new (expression))
                                        : GTK_SORTER (gtk_string_sorter_new (expression));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (kind));
  /* The page outlives its columns' factories */
  g_object_set_data (G_OBJECT (factory), "pacta-sales-page", self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), GINT_TO_POINTER (kind));
  gtk_column_view_column_set_factory (column, factory);
  gtk_column_view_column_set_sorter (column, sorter);
}

static void
setup_column (PactaSalesPage      *self,
              GtkColumnViewColumn *column,
              CellKind             kind,
              const char          *property,
              gboolean             numeric)
{
  setup_column_for (self, column, PACTA_TYPE_CONTRACT, kind, property, numeric);
}

/* ---- sales items ------------------------------------------------------- */

static void
update_items_count (PactaSalesPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->items_sort_model));
  guint total = self->context != NULL
    ? g_list_model_get_n_items (G_LIST_MODEL (pacta_context_get_sales_items (self->context))) : 0;
  g_autofree char *text = pacta_list_progress_dup_label (self->items_filter_model, self->items_sort_model);

  if (text != NULL)
    {
      gtk_label_set_label (self->items_count_label, text);
      gtk_stack_set_visible_child_name (self->items_stack, shown > 0 ? "list" : "loading");
      return;
    }
  if (shown == total)
    text = g_strdup_printf (ngettext ("%u sales item", "%u sales items", total), total);
  else
    text = g_strdup_printf (ngettext ("%u of %u sales item", "%u of %u sales items", total), shown, total);
  gtk_label_set_label (self->items_count_label, text);
  gtk_stack_set_visible_child_name (self->items_stack, shown > 0 ? "list" : "empty");
}

static gboolean
status_matches (gpointer item,
                gpointer user_data)
{
  PactaSalesPage *self = user_data;
  const char *status = pacta_sales_item_get_status (PACTA_SALES_ITEM (item));

  switch (gtk_drop_down_get_selected (self->status_dropdown))
    {
    case 1: return g_strcmp0 (status, "draft") == 0;
    case 2: return g_strcmp0 (status, "pending") == 0;
    case 3: return g_strcmp0 (status, "billed") == 0;
    case 4: return g_strcmp0 (status, "billed") != 0;
    default: return TRUE;
    }
}

static void
on_status_filter_changed_cb (PactaSalesPage *self)
{
  if (self->status_filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->status_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_items_search_changed_cb (PactaSalesPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->items_search_entry));

  pacta_search_filter_set_search (self->item_customer_filter, text);
  pacta_search_filter_set_search (self->item_reference_filter, text);
}

static void
on_items_changed_cb (PactaSalesPage *self)
{
  update_items_count (self);
}

static void
on_item_saved_cb (PactaSalesPage *self)
{
  g_signal_emit (self, signals[SALES_ITEM_SAVED], 0);
}

static void
open_sales_item (PactaSalesPage *self,
                 gint64          id)
{
  PactaSalesItemDialog *dialog;

  if (self->context == NULL)
    return;

  dialog = pacta_sales_item_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->context, id);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_item_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_item_activated_cb (PactaSalesPage *self,
                      guint           position,
                      GtkColumnView  *view)
{
  g_autoptr(PactaSalesItem) item = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)), position);

  if (item != NULL)
    open_sales_item (self, pacta_sales_item_get_id (item));
}

static void
new_sales_item_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  open_sales_item (PACTA_SALES_PAGE (widget), 0);
}

static void
init_sales_items (PactaSalesPage *self)
{
  GtkAnyFilter *search = gtk_any_filter_new ();
  GtkEveryFilter *every = gtk_every_filter_new ();
  GtkSelectionModel *selection;

  setup_column_for (self, self->item_customer_column, PACTA_TYPE_SALES_ITEM, CELL_ITEM_CUSTOMER, "customer-name", FALSE);
  setup_column_for (self, self->item_date_column, PACTA_TYPE_SALES_ITEM, CELL_ITEM_DATE, "invoice-date", FALSE);
  setup_column_for (self, self->item_reference_column, PACTA_TYPE_SALES_ITEM, CELL_ITEM_REFERENCE, "description", FALSE);
  setup_column_for (self, self->item_total_column, PACTA_TYPE_SALES_ITEM, CELL_ITEM_TOTAL, "total", TRUE);
  setup_column_for (self, self->item_origin_column, PACTA_TYPE_SALES_ITEM, CELL_ITEM_ORIGIN, "origin", FALSE);
  setup_column_for (self, self->item_status_column, PACTA_TYPE_SALES_ITEM, CELL_ITEM_STATUS, "status", FALSE);

  self->item_customer_filter = pacta_search_filter_new (PACTA_TYPE_SALES_ITEM, "customer-name");
  self->item_reference_filter = pacta_search_filter_new (PACTA_TYPE_SALES_ITEM, "description");
  gtk_multi_filter_append (GTK_MULTI_FILTER (search), g_object_ref (GTK_FILTER (self->item_customer_filter)));
  gtk_multi_filter_append (GTK_MULTI_FILTER (search), g_object_ref (GTK_FILTER (self->item_reference_filter)));
  self->status_filter = gtk_custom_filter_new (status_matches, self, NULL);
  gtk_multi_filter_append (GTK_MULTI_FILTER (every), g_object_ref (GTK_FILTER (self->status_filter)));
  gtk_multi_filter_append (GTK_MULTI_FILTER (every), GTK_FILTER (search));

  self->items_filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (every));
  self->items_sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->items_filter_model)),
                                                    g_object_ref (gtk_column_view_get_sorter (self->items_view)));
  g_signal_connect_object (self->items_sort_model, "items-changed", G_CALLBACK (on_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->items_filter_model, "notify::pending", G_CALLBACK (on_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->items_sort_model, "notify::pending", G_CALLBACK (on_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->items_stack, pacta_list_progress_page_new (_("Loading Sales Items…")), "loading");
  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->items_sort_model))));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (selection), FALSE);
  gtk_column_view_set_model (self->items_view, selection);
  g_object_unref (selection);
  gtk_column_view_sort_by_column (self->items_view, self->item_date_column, GTK_SORT_DESCENDING);
  update_items_count (self);
}

static void
pacta_sales_page_dispose (GObject *object)
{
  PactaSalesPage *self = (PactaSalesPage *)object;
  GtkWidget *child;

  if (self->sort_model != NULL)
    g_signal_handlers_disconnect_by_func (self->sort_model, update_count, self);
  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_func (self->filter_model, update_count, self);
  if (self->items_sort_model != NULL)
    g_signal_handlers_disconnect_by_func (self->items_sort_model, on_items_changed_cb, self);
  if (self->items_filter_model != NULL)
    g_signal_handlers_disconnect_by_func (self->items_filter_model, on_items_changed_cb, self);
  pacta_sales_page_set_context (self, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_SALES_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->items_sort_model);
  g_clear_object (&self->items_filter_model);
  g_clear_object (&self->item_customer_filter);
  g_clear_object (&self->item_reference_filter);
  g_clear_object (&self->status_filter);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->customer_filter);
  g_clear_object (&self->name_filter);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pacta_sales_page_parent_class)->dispose (object);
}

static void
pacta_sales_page_class_init (PactaSalesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_sales_page_dispose;

  signals[CONTRACTS_CREATED] =
    g_signal_new ("contracts-created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[CONTRACT_SAVED] =
    g_signal_new ("contract-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SALES_ITEM_SAVED] =
    g_signal_new ("sales-item-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (PACTA_TYPE_BANNER);
  g_type_ensure (PACTA_TYPE_WRAP_BOX);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pacta/Pacta/ui/sales/pacta-sales-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaSalesPage, banner);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesPage, create_missing_button);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesPage, create_missing_pill);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesPage, tabs);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesPage, customer_column);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesPage, interval_column);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesPage, start_column);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesPage, end_column);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesPage, value_column);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_dismissed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesPage, items_search_entry);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesPage, items_count_label);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesPage, items_stack);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesPage, items_view);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesPage, item_customer_column);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesPage, item_date_column);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesPage, item_reference_column);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesPage, item_total_column);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesPage, item_origin_column);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesPage, item_status_column);
  gtk_widget_class_bind_template_callback (widget_class, on_items_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_status_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_item_activated_cb);

  gtk_widget_class_install_action (widget_class, "sales.create-missing", NULL, create_missing_action);
  gtk_widget_class_install_action (widget_class, "sales.new-contract", NULL, new_contract_action);
  gtk_widget_class_install_action (widget_class, "sales.run-billing", NULL, run_billing_action);
  gtk_widget_class_install_action (widget_class, "sales.new-sales-item", NULL, new_sales_item_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pacta_sales_page_init (PactaSalesPage *self)
{
  GtkAnyFilter *any;
  GtkEveryFilter *every;
  GtkSelectionModel *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  pacta_a11y_fix_mnemonics (GTK_WIDGET (self));
  pacta_a11y_name_drop_down (self->status_dropdown, _("Show sales items by status"), NULL);
  pacta_a11y_name_column_view_header (self->column_view);
  pacta_a11y_name_column_view_header (self->items_view);

  self->settings = g_settings_new (APPLICATION_ID);
  pacta_wrap_button_label (self->create_missing_button);
  pacta_wrap_button_label (self->create_missing_pill);

  /* Invoices: the third tab */
  {
    AdwViewStackPage *page;

    self->invoices_view = pacta_invoices_view_new ();
    page = adw_view_stack_add_titled (self->tabs, self->invoices_view, "invoices", _("Invoices"));
    adw_view_stack_page_set_icon_name (page, "emblem-documents-symbolic");
  }

  setup_column (self, self->customer_column, CELL_CUSTOMER, "customer-name", FALSE);
  setup_column (self, self->name_column, CELL_NAME, "name", FALSE);
  setup_column (self, self->interval_column, CELL_INTERVAL, "interval", FALSE);
  setup_column (self, self->start_column, CELL_START, "start-date", FALSE);
  setup_column (self, self->end_column, CELL_END, "end-date", FALSE);
  setup_column (self, self->status_column, CELL_STATUS, "start-date", FALSE);
  setup_column (self, self->value_column, CELL_VALUE, "monthly-value", TRUE);

  /* Search matches the customer or the contract's name */
  self->customer_filter = pacta_search_filter_new (PACTA_TYPE_CONTRACT, "customer-name");
  self->name_filter = pacta_search_filter_new (PACTA_TYPE_CONTRACT, "name");
  any = gtk_any_filter_new ();
  gtk_multi_filter_append (GTK_MULTI_FILTER (any), g_object_ref (GTK_FILTER (self->customer_filter)));
  gtk_multi_filter_append (GTK_MULTI_FILTER (any), g_object_ref (GTK_FILTER (self->name_filter)));

  /* With an empty search every contract matches; the filter of every row
   * still has a long list read a step at a time */
  every = gtk_every_filter_new ();
  gtk_multi_filter_append (GTK_MULTI_FILTER (every), GTK_FILTER (any));
  gtk_multi_filter_append (GTK_MULTI_FILTER (every), pacta_list_progress_filter_new ());
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (every));
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  /* Only the count follows what is shown; the banner follows the contracts
   * and customers themselves (pacta_sales_page_set_context()) */
  g_signal_connect_object (self->sort_model, "items-changed", G_CALLBACK (update_count), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "notify::pending", G_CALLBACK (update_count), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sort_model, "notify::pending", G_CALLBACK (update_count), self,
                           G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->list_stack, pacta_list_progress_page_new (_("Loading Contracts…")), "loading");
  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model))));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (selection), FALSE);
  gtk_column_view_set_model (self->column_view, selection);
  g_object_unref (selection);
  gtk_column_view_sort_by_column (self->column_view, self->customer_column, GTK_SORT_ASCENDING);

  init_sales_items (self);
  update_count (self);
}

void
pacta_sales_page_set_context (PactaSalesPage *self,
                              PactaContext   *context)
{
  g_return_if_fail (PACTA_IS_SALES_PAGE (self));

  if (self->context != NULL)
    {
      g_signal_handlers_disconnect_by_func (pacta_context_get_customers (self->context), on_store_changed_cb, self);
      g_signal_handlers_disconnect_by_func (pacta_context_get_contracts (self->context), on_store_changed_cb, self);
    }

  if (!g_set_object (&self->context, context))
    return;

  /* Contracts and customers (usage, billing information) both move the banner */
  if (context != NULL)
    {
      g_signal_connect_object (pacta_context_get_customers (context), "items-changed",
                               G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (pacta_context_get_contracts (context), "items-changed",
                               G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
    }
  if (self->filter_model != NULL)
    pacta_list_progress_set_source (self->filter_model, self->sort_model,
                                    context != NULL ? G_LIST_MODEL (pacta_context_get_contracts (context)) : NULL);
  if (self->items_filter_model != NULL)
    pacta_list_progress_set_source (self->items_filter_model, self->items_sort_model,
                                    context != NULL ? G_LIST_MODEL (pacta_context_get_sales_items (context)) : NULL);
  if (self->invoices_view != NULL)
    pacta_invoices_view_set_context (PACTA_INVOICES_VIEW (self->invoices_view), context);
  if (self->banner != NULL)
    on_store_changed_cb (self);
}

/* For tests and the window: the Invoices tab */
GtkWidget *
pacta_sales_page_get_invoices_view (PactaSalesPage *self)
{
  g_return_val_if_fail (PACTA_IS_SALES_PAGE (self), NULL);

  return self->invoices_view;
}

gboolean
pacta_sales_page_get_banner_revealed (PactaSalesPage *self)
{
  g_return_val_if_fail (PACTA_IS_SALES_PAGE (self), FALSE);

  return pacta_banner_get_revealed (self->banner);
}

const char *
pacta_sales_page_get_banner_title (PactaSalesPage *self)
{
  g_return_val_if_fail (PACTA_IS_SALES_PAGE (self), NULL);

  return pacta_banner_get_title (self->banner);
}

GListModel *
pacta_sales_page_get_visible_contracts (PactaSalesPage *self)
{
  g_return_val_if_fail (PACTA_IS_SALES_PAGE (self), NULL);

  return G_LIST_MODEL (self->sort_model);
}

void
pacta_sales_page_set_search (PactaSalesPage *self,
                             const char     *text)
{
  g_return_if_fail (PACTA_IS_SALES_PAGE (self));

  pacta_search_filter_set_search (self->customer_filter, text);
  pacta_search_filter_set_search (self->name_filter, text);
}

GListModel *
pacta_sales_page_get_visible_sales_items (PactaSalesPage *self)
{
  g_return_val_if_fail (PACTA_IS_SALES_PAGE (self), NULL);

  return G_LIST_MODEL (self->items_sort_model);
}

void
pacta_sales_page_set_status_filter (PactaSalesPage *self,
                                    guint           position)
{
  g_return_if_fail (PACTA_IS_SALES_PAGE (self));

  gtk_drop_down_set_selected (self->status_dropdown, position);
}

/**
 * pacta_sales_page_is_loading:
 *
 * Returns: whether the contracts or the sales items are still being read,
 *   a step at a time
 */
gboolean
pacta_sales_page_is_loading (PactaSalesPage *self)
{
  g_return_val_if_fail (PACTA_IS_SALES_PAGE (self), FALSE);

  return pacta_list_progress_is_busy (self->filter_model, self->sort_model) ||
         pacta_list_progress_is_busy (self->items_filter_model, self->items_sort_model);
}

gboolean
pacta_sales_page_get_narrow (PactaSalesPage *self)
{
  g_return_val_if_fail (PACTA_IS_SALES_PAGE (self), FALSE);

  return self->narrow;
}

/* A narrow window keeps who and how much of each sales item and contract,
 * and a sales item's status (draft, pending, billed); the rest is in the
 * dialog a row opens */
void
pacta_sales_page_set_narrow (PactaSalesPage *self,
                             gboolean        narrow)
{
  GtkColumnViewColumn *secondary[] = {
    self->item_date_column, self->item_reference_column, self->item_origin_column,
    self->name_column, self->interval_column, self->start_column, self->end_column, self->status_column,
  };

  g_return_if_fail (PACTA_IS_SALES_PAGE (self));

  narrow = !!narrow;
  if (self->narrow == narrow)
    return;
  self->narrow = narrow;

  for (guint i = 0; i < G_N_ELEMENTS (secondary); i++)
    gtk_column_view_column_set_visible (secondary[i], !narrow);
  pacta_invoices_view_set_narrow (PACTA_INVOICES_VIEW (self->invoices_view), narrow);
}
