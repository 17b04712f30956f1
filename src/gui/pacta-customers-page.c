/* pacta-customers-page.c: every customer in a GtkColumnView over the customer store,
 * filtered by name and sorted by any column.
 *
 * The list is a PactaCustomerView, which sorts and searches an index of its
 * own and reads only the rows shown, so that 100 000 customers open at once
 * and a keystroke costs less than a frame; the column view's headers keep
 * deciding the order (see read_sort_order()). */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pacta-customer.h"
#include "pacta-customer-panel.h"
#include "pacta-customer-view.h"
#include "pacta-customers-page.h"

/* In the order of PactaCustomerColumn */
typedef enum {
  CELL_NAME,
  CELL_KIND,
  CELL_ENABLED,
  CELL_SERVICES,
  CELL_BILLING,
  N_CELLS
} CellKind;

struct _PactaCustomersPage
{
  GtkWidget           parent_instance;

  /* Template widgets */
  AdwFlap            *flap;
  PactaCustomerPanel *panel;
  GtkToggleButton    *missing_button;
  GtkLabel           *missing_label;
  GtkSearchEntry     *search_entry;
  GtkLabel           *count_label;
  GtkStack           *list_stack;
  GtkColumnView      *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *kind_column;
  GtkColumnViewColumn *enabled_column;
  GtkColumnViewColumn *services_column;
  GtkColumnViewColumn *billing_column;
  GtkColumnViewColumn *actions_column;

  /* Owned */
  PactaContext       *context;
  PactaCustomerView  *view;
  gint64              n_billing;      /* customers with billing information; -1 until counted */

  /* While reading the column view's order: what each column's sorter says */
  gboolean            probing;
  int                 probe[N_CELLS];
};

G_DEFINE_FINAL_TYPE (PactaCustomersPage, pacta_customers_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  BILLING_INFO_SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_count (PactaCustomersPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->view));
  guint total = 0;
  gint64 missing = 0;
  g_autofree char *text = NULL;
  g_autofree char *button = NULL;

  if (self->context != NULL)
    {
      total = g_list_model_get_n_items (G_LIST_MODEL (pacta_context_get_customers (self->context)));
      /* Every row of billing_info is a customer's (a foreign key); the count
       * is read again only when the customers changed, not per keystroke */
      if (self->n_billing < 0)
        self->n_billing = pacta_database_count (pacta_context_get_database (self->context),
                                                "SELECT count(*) FROM billing_info", NULL);
      missing = (gint64)total - self->n_billing;
    }

  if (shown == total)
    text = g_strdup_printf (ngettext ("%u customer", "%u customers", total), total);
  else
    /* Translators: shown while searching or filtering, e.g. “3 of 40 customers” */
    text = g_strdup_printf (ngettext ("%u of %u customer", "%u of %u customers", total), shown, total);

  gtk_label_set_label (self->count_label, text);

  /* Translators: the filter button, with the number of customers it would show */
  button = g_strdup_printf (_("Missing billing info (%u)"), (guint)MAX (missing, 0));
  gtk_label_set_label (self->missing_label, button);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->missing_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, button, -1);

  gtk_stack_set_visible_child_name (self->list_stack, shown > 0 ? "list" : "empty");
}

static void
on_customers_changed_cb (PactaCustomersPage *self)
{
  self->n_billing = -1;
}

static void
on_missing_toggled_cb (PactaCustomersPage *self,
                       GtkToggleButton    *button)
{
  pacta_customer_view_set_missing_only (self->view, gtk_toggle_button_get_active (button));
  update_count (self);
}

static void
open_panel (PactaCustomersPage *self,
            gint64              customer_id,
            const char         *tab)
{
  pacta_customer_panel_set_customer (self->panel, customer_id);
  adw_flap_set_reveal_flap (self->flap, TRUE);
  pacta_customer_panel_show_tab (self->panel, tab);
}

static void
on_row_activated_cb (PactaCustomersPage *self,
                     guint               position,
                     GtkColumnView      *view)
{
  g_autoptr(PactaCustomer) customer = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)), position);

  if (customer != NULL)
    open_panel (self, pacta_customer_get_id (customer), "overview");
}

static void
on_panel_close_requested_cb (PactaCustomersPage *self)
{
  adw_flap_set_reveal_flap (self->flap, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_panel_saved_cb (PactaCustomersPage *self,
                   gint64              customer_id,
                   PactaBillingInfo   *previous)
{
  g_signal_emit (self, signals[BILLING_INFO_SAVED], 0, customer_id, previous);
}

static void
edit_billing_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  open_panel (PACTA_CUSTOMERS_PAGE (widget), g_variant_get_int64 (parameter), "configure");
}

static void
on_items_changed_cb (PactaCustomersPage *self,
                     guint               position,
                     guint               removed,
                     guint               added,
                     GListModel         *model)
{
  update_count (self);
}

static void
on_search_changed_cb (PactaCustomersPage *self,
                      GtkSearchEntry     *entry)
{
  pacta_customer_view_set_search (self->view, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_stop_search_cb (PactaCustomersPage *self,
                   GtkSearchEntry     *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* Tooltips of rows are answered when asked: in GTK 4.8 setting one asks the
 * X server where the pointer is, a round trip for every row bound */
static gboolean
on_query_tooltip_cb (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip)
{
  const char *text = g_object_get_data (G_OBJECT (widget), "pacta-tooltip");

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_tooltip (GtkWidget *widget)
{
  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
}

static void
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  g_object_set_data_full (G_OBJECT (widget), "pacta-tooltip", g_strdup (text), g_free);
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  CellKind kind = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), kind == CELL_SERVICES ? 1.0 : 0.0);
  if (kind == CELL_NAME)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      setup_tooltip (label);
    }
  if (kind == CELL_SERVICES)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  CellKind kind = GPOINTER_TO_INT (user_data);
  PactaCustomer *customer = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  g_autofree char *text = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");

  switch (kind)
    {
    case CELL_NAME:
      gtk_label_set_label (label, pacta_customer_get_name (customer));
      set_tooltip (GTK_WIDGET (label), pacta_customer_get_name (customer));
      break;

    case CELL_KIND:
      gtk_label_set_label (label, pacta_customer_get_kind_label (customer));
      break;

    case CELL_ENABLED:
      gtk_label_set_label (label, pacta_customer_get_enabled (customer) ? _("Enabled") : _("Disabled"));
      if (!pacta_customer_get_enabled (customer))
        gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
      break;

    case CELL_SERVICES:
      text = g_strdup_printf ("%u", pacta_customer_get_n_services (customer));
      gtk_label_set_label (label, text);
      break;

    case CELL_BILLING:
      if (pacta_customer_get_has_billing_info (customer))
        gtk_label_set_label (label, _("Present"));
      else
        {
          gtk_label_set_label (label, _("Missing"));
          gtk_widget_add_css_class (GTK_WIDGET (label), "warning");
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* The row's menu is made when it opens, not for every row bound: a menu
 * model and its popover for each of the rows on screen cost more than the
 * rows themselves */
static void
create_row_menu_cb (GtkMenuButton *button,
                    gpointer       user_data)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "pacta-customer-id"));
  gboolean has_billing_info = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "pacta-has-billing-info"));
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;

  /* The row's own menu: later capabilities add their entries here */
  item = g_menu_item_new (has_billing_info ? _("_Edit billing information") : _("_Add billing information"), NULL);
  g_menu_item_set_action_and_target_value (item, "customers.edit-billing", g_variant_new_int64 (id));
  g_menu_append_item (menu, item);
  g_clear_object (&item);

  item = g_menu_item_new (_("Copy tenant ID"), NULL);
  g_menu_item_set_action_and_target_value (item, "customers.copy-tenant-id", g_variant_new_int64 (id));
  g_menu_append_item (menu, item);
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static void
setup_actions_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_row_menu_cb, NULL, NULL);
  setup_tooltip (button);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_list_item_set_child (list_item, button);
}

static void
bind_actions_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  PactaCustomer *customer = gtk_list_item_get_item (list_item);
  GtkMenuButton *button = GTK_MENU_BUTTON (gtk_list_item_get_child (list_item));
  g_autofree char *label = NULL;

  g_object_set_data (G_OBJECT (button), "pacta-customer-id", GSIZE_TO_POINTER ((gsize)pacta_customer_get_id (customer)));
  g_object_set_data (G_OBJECT (button), "pacta-has-billing-info",
                     GINT_TO_POINTER (pacta_customer_get_has_billing_info (customer)));

  /* Translators: accessible name of a row's menu button; %s is the customer */
  label = g_strdup_printf (_("Actions for %s"), pacta_customer_get_name (customer));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  set_tooltip (GTK_WIDGET (button), label);
}

static void
copy_tenant_id_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PactaCustomersPage *self = PACTA_CUSTOMERS_PAGE (widget);
  g_autoptr(PactaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  const char *tenant_id;

  if (self->context == NULL)
    return;

  customer = pacta_customer_store_load (pacta_context_get_database (self->context),
                                        g_variant_get_int64 (parameter), &error);
  if (customer == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }

  tenant_id = pacta_customer_get_tenant_id (customer);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), tenant_id != NULL ? tenant_id : "");
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  pacta_customers_page_focus_search (PACTA_CUSTOMERS_PAGE (widget));
}

static GtkListItemFactory *
label_factory (CellKind kind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (kind));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), GINT_TO_POINTER (kind));
  return factory;
}

typedef struct
{
  PactaCustomersPage *page;     /* borrowed: the page owns the sorter */
  CellKind            column;
} ColumnSorter;

static int
compare_names (const char *a,
               const char *b)
{
  /* As GtkStringSorter ignoring case */
  g_autofree char *x = g_utf8_casefold (a != NULL ? a : "", -1);
  g_autofree char *y = g_utf8_casefold (b != NULL ? b : "", -1);
  g_autofree char *kx = g_utf8_collate_key (x, -1);
  g_autofree char *ky = g_utf8_collate_key (y, -1);

  return strcmp (kx, ky);
}

/* Each column's sorter compares customers on that column; while the page
 * reads the column view's order it answers what the page asks instead */
static int
compare_column_cb (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  ColumnSorter *sorter = user_data;
  PactaCustomer *x, *y;

  if (sorter->page->probing)
    return sorter->page->probe[sorter->column];

  x = PACTA_CUSTOMER ((gpointer)a);
  y = PACTA_CUSTOMER ((gpointer)b);
  switch (sorter->column)
    {
    case CELL_NAME:
      return compare_names (pacta_customer_get_name (x), pacta_customer_get_name (y));
    case CELL_KIND:
      return compare_names (pacta_customer_get_kind_label (x), pacta_customer_get_kind_label (y));
    case CELL_ENABLED:
      return (int)pacta_customer_get_enabled (x) - (int)pacta_customer_get_enabled (y);
    case CELL_SERVICES:
      return (pacta_customer_get_n_services (x) > pacta_customer_get_n_services (y)) -
             (pacta_customer_get_n_services (x) < pacta_customer_get_n_services (y));
    case CELL_BILLING:
      return (int)pacta_customer_get_has_billing_info (x) - (int)pacta_customer_get_has_billing_info (y);
    case N_CELLS:
    default:
      return 0;
    }
}

/* What the column view's sorter answers while the column sorters answer
 * @probe: GTK 4.8 does not say which columns sort and how, so the page asks */
static int
ask_sorter (PactaCustomersPage *self,
            const int          *probe)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  int answer;

  memcpy (self->probe, probe, sizeof self->probe);
  self->probing = TRUE;
  /* Two different objects: a sorter may take one object as equal to itself */
  answer = gtk_sorter_compare (sorter, self, self->column_view);
  self->probing = FALSE;
  return answer;
}

/* The column view's order — the columns it sorts by, first one first, and
 * which way — for the view to sort the same way */
static void
read_sort_order (PactaCustomersPage *self)
{
  int direction[N_CELLS] = { 0 };     /* 1 ascending, -1 descending, 0 not sorting */
  CellKind active[N_CELLS];
  PactaCustomerSortKey keys[N_CELLS];
  guint n_active = 0;

  /* One column at a time: does it sort, and which way? */
  for (int c = 0; c < N_CELLS; c++)
    {
      int probe[N_CELLS] = { 0 };
      int answer;

      probe[c] = -1;
      answer = ask_sorter (self, probe);
      direction[c] = answer == 0 ? 0 : answer < 0 ? 1 : -1;
      if (direction[c] != 0)
        active[n_active++] = (CellKind)c;
    }

  /* Which of two comes first: they disagree, and the first one wins */
  for (guint i = 1; i < n_active; i++)
    for (guint k = i; k > 0; k--)
      {
        CellKind first = active[k - 1], second = active[k];
        int probe[N_CELLS] = { 0 };
        int first_says;

        probe[first] = -1;
        first_says = direction[first] > 0 ? -1 : 1;
        probe[second] = direction[second] > 0 ? -first_says : first_says;
        if (ask_sorter (self, probe) == first_says)
          break;
        active[k - 1] = second;
        active[k] = first;
      }

  for (guint i = 0; i < n_active; i++)
    {
      keys[i].column = (PactaCustomerColumn)active[i];
      keys[i].descending = direction[active[i]] < 0;
    }
  pacta_customer_view_set_sort (self->view, keys, n_active);
}

static void
on_sorter_changed_cb (PactaCustomersPage *self)
{
  read_sort_order (self);
}

static void
setup_column (PactaCustomersPage  *self,
              GtkColumnViewColumn *column,
              CellKind             kind)
{
  g_autoptr(GtkListItemFactory) factory = label_factory (kind);
  ColumnSorter *data = g_new0 (ColumnSorter, 1);
  g_autoptr(GtkSorter) sorter = NULL;

  data->page = self;
  data->column = kind;
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_column_cb, data, g_free));
  gtk_column_view_column_set_factory (column, factory);
  gtk_column_view_column_set_sorter (column, sorter);
}

static void
pacta_customers_page_dispose (GObject *object)
{
  PactaCustomersPage *self = (PactaCustomersPage *)object;
  GtkWidget *child;

  /* Tearing the view down empties the models; the labels are gone by then */
  if (self->view != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->view, on_items_changed_cb, self);
      pacta_customer_view_set_store (self->view, NULL);
    }
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_func (gtk_column_view_get_sorter (self->column_view), on_sorter_changed_cb, self);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_func (pacta_context_get_customers (self->context), on_customers_changed_cb, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_CUSTOMERS_PAGE);

  /* The template's unnamed root is ours to unparent */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->view);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pacta_customers_page_parent_class)->dispose (object);
}

static void
pacta_customers_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PactaCustomersPage *self = PACTA_CUSTOMERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_customers_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PactaCustomersPage *self = PACTA_CUSTOMERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      pacta_customers_page_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_customers_page_class_init (PactaCustomersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_customers_page_dispose;
  object_class->get_property = pacta_customers_page_get_property;
  object_class->set_property = pacta_customers_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, PACTA_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PactaCustomersPage::billing-info-saved:
   * @customer_id: whose billing information was saved
   * @previous: (nullable): what it was before, %NULL when it was added
   */
  signals[BILLING_INFO_SAVED] =
    g_signal_new ("billing-info-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, PACTA_TYPE_BILLING_INFO);

  g_type_ensure (PACTA_TYPE_CUSTOMER_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pacta/Pacta/ui/pacta-customers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaCustomersPage, flap);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomersPage, panel);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomersPage, missing_button);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomersPage, missing_label);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomersPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomersPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomersPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomersPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomersPage, kind_column);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomersPage, enabled_column);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomersPage, services_column);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomersPage, billing_column);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomersPage, actions_column);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_missing_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_panel_close_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_panel_saved_cb);

  gtk_widget_class_install_action (widget_class, "customers.copy-tenant-id", "x", copy_tenant_id_action);
  gtk_widget_class_install_action (widget_class, "customers.edit-billing", "x", edit_billing_action);
  gtk_widget_class_install_action (widget_class, "customers.search", NULL, focus_search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "customers.search", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pacta_customers_page_init (PactaCustomersPage *self)
{
  g_autoptr(GtkListItemFactory) actions_factory = NULL;
  GtkSelectionModel *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  setup_column (self, self->name_column, CELL_NAME);
  setup_column (self, self->kind_column, CELL_KIND);
  setup_column (self, self->enabled_column, CELL_ENABLED);
  setup_column (self, self->services_column, CELL_SERVICES);
  setup_column (self, self->billing_column, CELL_BILLING);

  actions_factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (actions_factory, "setup", G_CALLBACK (setup_actions_cb), NULL);
  g_signal_connect (actions_factory, "bind", G_CALLBACK (bind_actions_cb), NULL);
  gtk_column_view_column_set_factory (self->actions_column, actions_factory);

  self->n_billing = -1;
  self->view = pacta_customer_view_new ();
  g_signal_connect_object (self->view, "items-changed",
                           G_CALLBACK (on_items_changed_cb), self, G_CONNECT_SWAPPED);

  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->view))));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (selection), FALSE);
  gtk_column_view_set_model (self->column_view, selection);
  g_object_unref (selection);

  /* Sorted by name until a header is clicked */
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);
  read_sort_order (self);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  update_count (self);
}

PactaContext *
pacta_customers_page_get_context (PactaCustomersPage *self)
{
  g_return_val_if_fail (PACTA_IS_CUSTOMERS_PAGE (self), NULL);

  return self->context;
}

void
pacta_customers_page_set_context (PactaCustomersPage *self,
                                  PactaContext       *context)
{
  g_return_if_fail (PACTA_IS_CUSTOMERS_PAGE (self));
  g_return_if_fail (!context || PACTA_IS_CONTEXT (context));

  if (self->context == context)
    return;
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_func (pacta_context_get_customers (self->context), on_customers_changed_cb, self);
  g_set_object (&self->context, context);
  if (context != NULL)
    g_signal_connect_object (pacta_context_get_customers (context), "items-changed",
                             G_CALLBACK (on_customers_changed_cb), self, G_CONNECT_SWAPPED);
  self->n_billing = -1;

  pacta_customer_view_set_store (self->view, context != NULL ? pacta_context_get_customers (context) : NULL);
  pacta_customer_panel_set_context (self->panel, context);
  adw_flap_set_reveal_flap (self->flap, FALSE);
  update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/* The customers as shown: filtered and sorted */
GListModel *
pacta_customers_page_get_visible (PactaCustomersPage *self)
{
  g_return_val_if_fail (PACTA_IS_CUSTOMERS_PAGE (self), NULL);

  return G_LIST_MODEL (self->view);
}

void
pacta_customers_page_set_search (PactaCustomersPage *self,
                                 const char         *text)
{
  g_return_if_fail (PACTA_IS_CUSTOMERS_PAGE (self));

  /* Replacing the text empties the entry for a moment, and an empty search
   * entry says so at once: that is not a search to run */
  g_signal_handlers_block_by_func (self->search_entry, on_search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  g_signal_handlers_unblock_by_func (self->search_entry, on_search_changed_cb, self);
  /* search-changed is delayed for typing; apply at once for callers */
  pacta_customer_view_set_search (self->view, text);
}

void
pacta_customers_page_focus_search (PactaCustomersPage *self)
{
  g_return_if_fail (PACTA_IS_CUSTOMERS_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

GtkWidget *
pacta_customers_page_get_panel (PactaCustomersPage *self)
{
  g_return_val_if_fail (PACTA_IS_CUSTOMERS_PAGE (self), NULL);

  return GTK_WIDGET (self->panel);
}

gboolean
pacta_customers_page_get_panel_revealed (PactaCustomersPage *self)
{
  g_return_val_if_fail (PACTA_IS_CUSTOMERS_PAGE (self), FALSE);

  return adw_flap_get_reveal_flap (self->flap);
}

void
pacta_customers_page_set_missing_only (PactaCustomersPage *self,
                                       gboolean            missing_only)
{
  g_return_if_fail (PACTA_IS_CUSTOMERS_PAGE (self));

  gtk_toggle_button_set_active (self->missing_button, missing_only);
}

void
pacta_customers_page_activate_row (PactaCustomersPage *self,
                                   guint               position)
{
  g_return_if_fail (PACTA_IS_CUSTOMERS_PAGE (self));

  g_signal_emit_by_name (self->column_view, "activate", position);
}
