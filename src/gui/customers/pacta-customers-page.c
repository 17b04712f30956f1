/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-customers-page.c: every customer as a row of a table over the customer store,
 * filtered by name and sorted by any column.
 *
 * The list is a PactaCustomerView, which sorts and searches an index of its
 * own and reads only the rows shown, so that 100 000 customers open at once
 * and a keystroke costs less than a frame.
 *
 * The table is a one-column GtkGridView of row widgets under a header row of
 * our own, not a GtkColumnView: GTK 4.8's list view keeps 200 rows alive
 * whatever its height and makes their widgets again on every change of the
 * model (some 2 600 widgets for a keystroke that changes the rows shown),
 * while its grid view keeps only the rows around the screen. One size group
 * per column keeps the header's buttons and the rows' cells aligned. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pacta-customer.h"
#include "pacta-customer-panel.h"
#include "pacta-customer-view.h"
#include "pacta-customers-page-private.h"
#include "pacta-wrap-box.h"

/* In the order of PactaCustomerColumn */
typedef enum {
  CELL_NAME,
  CELL_KIND,
  CELL_ENABLED,
  CELL_SERVICES,
  CELL_BILLING,
  N_CELLS
} CellKind;

/* The row's menu button sits in a column of this width, as the header's gap does */
#define ACTIONS_WIDTH 56

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
  GtkScrolledWindow  *header_scroller;
  GtkScrolledWindow  *list_scroller;
  GtkGridView        *grid_view;
  GtkWidget          *actions_header;
  GtkLabel           *billing_label;
  GtkButton          *headers[N_CELLS];
  GtkImage           *indicators[N_CELLS];

  /* Owned */
  PactaContext       *context;
  PactaCustomerView  *view;
  GtkSizeGroup       *columns[N_CELLS];
  gint64              n_billing;      /* customers with billing information; -1 until counted */
  gboolean            holding_view;   /* until the first frame is drawn (pacta_customer_view_hold()) */
  gboolean            narrow;         /* only the name and billing columns */

  /* The order: the header clicked last first, as GtkColumnView does */
  PactaCustomerSortKey sort[N_CELLS];
  guint               n_sort;
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

/* In a narrow window a row keeps the name, whether billing information is
 * missing (what the MSP acts on) and its menu; the row's accessible summary
 * still says every column */
static gboolean
cell_shown (PactaCustomersPage *self,
            CellKind            kind)
{
  return !self->narrow || kind == CELL_NAME || kind == CELL_BILLING;
}

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
      /* The count is read again only when the customers changed, not per
       * keystroke */
      if (self->n_billing < 0)
        self->n_billing = pacta_context_count_billing_info (self->context, NULL);
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
                     GtkGridView        *view)
{
  g_autoptr(PactaCustomer) customer = g_list_model_get_item (G_LIST_MODEL (gtk_grid_view_get_model (view)), position);

  if (customer != NULL)
    open_panel (self, pacta_customer_get_id (customer), "overview");
}

static void
on_panel_close_requested_cb (PactaCustomersPage *self)
{
  adw_flap_set_reveal_flap (self->flap, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->grid_view));
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

static GtkWidget *
new_cell (CellKind kind)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), kind == CELL_SERVICES ? 1.0 : 0.0);
  if (kind == CELL_NAME)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      setup_tooltip (label);
    }
  if (kind == CELL_SERVICES)
    gtk_widget_add_css_class (label, "numeric");
  return label;
}

/* Fills the cell @kind of a row and returns what it says, for the row's
 * accessible label */
static const char *
bind_cell (GtkLabel      *label,
           CellKind       kind,
           PactaCustomer *customer)
{
  char services[16];

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
      g_snprintf (services, sizeof services, "%u", pacta_customer_get_n_services (customer));
      gtk_label_set_label (label, services);
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

    case N_CELLS:
    default:
      g_assert_not_reached ();
    }

  return gtk_label_get_label (label);
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

/* A row: one label per column, then the menu button in a column of its own */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              PactaCustomersPage       *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *button = gtk_menu_button_new ();

  gtk_widget_add_css_class (row, "customer-row");
  for (CellKind kind = 0; kind < N_CELLS; kind++)
    {
      GtkWidget *cell = new_cell (kind);

      gtk_widget_set_visible (cell, cell_shown (self, kind));
      gtk_box_append (GTK_BOX (row), cell);
      gtk_size_group_add_widget (self->columns[kind], cell);
    }

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_row_menu_cb, NULL, NULL);
  setup_tooltip (button);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_set_margin_end (button, 6);
  gtk_widget_set_size_request (actions, ACTIONS_WIDTH, -1);
  /* The button takes the end of its column; the column does not grow with it */
  gtk_widget_set_hexpand (actions, FALSE);
  gtk_box_append (GTK_BOX (actions), button);
  gtk_box_append (GTK_BOX (row), actions);

  gtk_list_item_set_child (list_item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             PactaCustomersPage       *self)
{
  PactaCustomer *customer = gtk_list_item_get_item (list_item);
  GtkWidget *row = gtk_list_item_get_child (list_item);
  GtkWidget *cell = gtk_widget_get_first_child (row);
  const char *says[N_CELLS];
  GtkMenuButton *button;
  guint n_services = pacta_customer_get_n_services (customer);
  g_autofree char *services = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *label = NULL;

  for (CellKind kind = 0; kind < N_CELLS; kind++, cell = gtk_widget_get_next_sibling (cell))
    says[kind] = bind_cell (GTK_LABEL (cell), kind, customer);

  /* What a screen reader says of the row: every cell, with the words that
   * the header gives the numbers and the billing column */
  services = g_strdup_printf (ngettext ("%u service", "%u services", n_services), n_services);
  summary = g_strjoin (", ", says[CELL_NAME], says[CELL_KIND], says[CELL_ENABLED], services,
                       pacta_customer_get_has_billing_info (customer) ? _("Billing information present")
                                                                      : _("Billing information missing"),
                       NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, summary, -1);
  /* What takes the focus is the list's own item around the row; GTK 4.8 has
   * no gtk_list_item_set_accessible_label() (4.12) to name it */
  if (gtk_widget_get_parent (row) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (row)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, summary, -1);

  button = GTK_MENU_BUTTON (gtk_widget_get_first_child (cell));
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

  customer = pacta_context_load_customer (self->context, g_variant_get_int64 (parameter), &error);
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

/* Shows the order in the header: the first key's arrow, and each button's
 * sort state for screen readers */
static void
apply_sort (PactaCustomersPage *self)
{
  pacta_customer_view_set_sort (self->view, self->sort, self->n_sort);

  for (CellKind kind = 0; kind < N_CELLS; kind++)
    {
      gboolean first = self->n_sort > 0 && self->sort[0].column == (PactaCustomerColumn)kind;
      gboolean descending = first && self->sort[0].descending;
      GtkAccessibleSort state = !first ? GTK_ACCESSIBLE_SORT_NONE :
                                descending ? GTK_ACCESSIBLE_SORT_DESCENDING : GTK_ACCESSIBLE_SORT_ASCENDING;

      /* Hidden, not removed: the column keeps its width whichever sorts */
      gtk_image_set_from_icon_name (self->indicators[kind], descending ? "pan-down-symbolic" : "pan-up-symbolic");
      gtk_widget_set_opacity (GTK_WIDGET (self->indicators[kind]), first ? 1.0 : 0.0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->headers[kind]),
                                      GTK_ACCESSIBLE_PROPERTY_SORT, state, -1);
    }
}

/* As a GtkColumnView's headers: the column sorting first changes direction;
 * another one comes first, ascending, and the others follow as they were */
static void
sort_by (PactaCustomersPage *self,
         CellKind            kind)
{
  PactaCustomerColumn column = (PactaCustomerColumn)kind;
  guint i;

  if (self->n_sort > 0 && self->sort[0].column == column)
    self->sort[0].descending = !self->sort[0].descending;
  else
    {
      for (i = 0; i < self->n_sort && self->sort[i].column != column; i++)
        ;
      if (i == self->n_sort)
        self->n_sort++;
      memmove (&self->sort[1], &self->sort[0], i * sizeof self->sort[0]);
      self->sort[0].column = column;
      self->sort[0].descending = FALSE;
    }
  apply_sort (self);
}

static void
on_header_clicked_cb (PactaCustomersPage *self,
                      GtkButton          *button)
{
  for (CellKind kind = 0; kind < N_CELLS; kind++)
    if (self->headers[kind] == button)
      sort_by (self, kind);
}

/* The header scrolls sideways with the rows, when the window is too narrow for them */
static void
on_list_hscrolled_cb (PactaCustomersPage *self,
                      GtkAdjustment      *adjustment)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (self->header_scroller),
                            gtk_adjustment_get_value (adjustment));
}

/* The view's work in the background waits until the list is on screen */
static void
release_view (PactaCustomersPage *self)
{
  if (!self->holding_view)
    return;
  self->holding_view = FALSE;
  pacta_customer_view_release (self->view);
}

static void
on_first_frame_cb (GdkFrameClock      *clock,
                   PactaCustomersPage *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame_cb, self);
  release_view (self);
}

static void
pacta_customers_page_realize (GtkWidget *widget)
{
  PactaCustomersPage *self = PACTA_CUSTOMERS_PAGE (widget);

  GTK_WIDGET_CLASS (pacta_customers_page_parent_class)->realize (widget);

  if (self->holding_view)
    g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                             G_CALLBACK (on_first_frame_cb), self, 0);
}

static void
pacta_customers_page_unrealize (GtkWidget *widget)
{
  PactaCustomersPage *self = PACTA_CUSTOMERS_PAGE (widget);

  g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (widget), on_first_frame_cb, self);
  release_view (self);

  GTK_WIDGET_CLASS (pacta_customers_page_parent_class)->unrealize (widget);
}

static void
pacta_customers_page_dispose (GObject *object)
{
  PactaCustomersPage *self = (PactaCustomersPage *)object;
  GtkWidget *child;

  /* Tearing the view down empties the models; the labels are gone by then.
   * Its work put off is dropped, never started. */
  if (self->view != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->view, on_items_changed_cb, self);
      pacta_customer_view_set_store (self->view, NULL);
      release_view (self);
    }
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_func (pacta_context_get_customers (self->context), on_customers_changed_cb, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_CUSTOMERS_PAGE);

  /* The template's unnamed root is ours to unparent */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->view);
  g_clear_object (&self->context);
  for (guint i = 0; i < N_CELLS; i++)
    g_clear_object (&self->columns[i]);

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
  widget_class->realize = pacta_customers_page_realize;
  widget_class->unrealize = pacta_customers_page_unrealize;

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
  g_type_ensure (PACTA_TYPE_WRAP_BOX);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pacta/Pacta/ui/customers/pacta-customers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaCustomersPage, flap);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomersPage, panel);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomersPage, missing_button);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomersPage, missing_label);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomersPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomersPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomersPage, header_scroller);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomersPage, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomersPage, grid_view);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomersPage, actions_header);
  gtk_widget_class_bind_template_child (widget_class, PactaCustomersPage, billing_label);
  for (CellKind kind = 0; kind < N_CELLS; kind++)
    {
      static const char * const names[N_CELLS] = { "name", "kind", "enabled", "services", "billing" };
      g_autofree char *header = g_strconcat (names[kind], "_header", NULL);
      g_autofree char *indicator = g_strconcat (names[kind], "_indicator", NULL);

      gtk_widget_class_bind_template_child_full (widget_class, header, FALSE,
                                                 G_STRUCT_OFFSET (PactaCustomersPage, headers) + kind * sizeof (GtkButton *));
      gtk_widget_class_bind_template_child_full (widget_class, indicator, FALSE,
                                                 G_STRUCT_OFFSET (PactaCustomersPage, indicators) + kind * sizeof (GtkImage *));
    }
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_missing_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_header_clicked_cb);
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
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkSelectionModel *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (CellKind kind = 0; kind < N_CELLS; kind++)
    {
      self->columns[kind] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
      gtk_size_group_add_widget (self->columns[kind], GTK_WIDGET (self->headers[kind]));
    }
  gtk_widget_set_size_request (self->actions_header, ACTIONS_WIDTH, -1);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  gtk_grid_view_set_factory (self->grid_view, factory);

  self->n_billing = -1;
  self->view = pacta_customer_view_new ();
  /* Sorting and search keys are made once the first frame is drawn */
  pacta_customer_view_hold (self->view);
  self->holding_view = TRUE;
  g_signal_connect_object (self->view, "items-changed",
                           G_CALLBACK (on_items_changed_cb), self, G_CONNECT_SWAPPED);

  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->view))));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (selection), FALSE);
  gtk_grid_view_set_model (self->grid_view, selection);
  g_object_unref (selection);

  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->list_scroller), "value-changed",
                           G_CALLBACK (on_list_hscrolled_cb), self, G_CONNECT_SWAPPED);

  /* Sorted by name until a header is clicked */
  self->sort[0].column = PACTA_CUSTOMER_COLUMN_NAME;
  self->sort[0].descending = FALSE;
  self->n_sort = 1;
  apply_sort (self);

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

  g_signal_emit_by_name (self->grid_view, "activate", position);
}

gboolean
pacta_customers_page_get_narrow (PactaCustomersPage *self)
{
  g_return_val_if_fail (PACTA_IS_CUSTOMERS_PAGE (self), FALSE);

  return self->narrow;
}

void
pacta_customers_page_set_narrow (PactaCustomersPage *self,
                                 gboolean            narrow)
{
  g_return_if_fail (PACTA_IS_CUSTOMERS_PAGE (self));

  narrow = !!narrow;
  if (self->narrow == narrow)
    return;
  self->narrow = narrow;

  /* A column's size group holds its header button and its cell in every row made */
  for (CellKind kind = 0; kind < N_CELLS; kind++)
    for (GSList *l = gtk_size_group_get_widgets (self->columns[kind]); l != NULL; l = l->next)
      gtk_widget_set_visible (l->data, cell_shown (self, kind));
  /* The short title leaves the names more room; the button's accessible
   * name still says “Sort by Billing Information” */
  gtk_label_set_label (self->billing_label, narrow ? _("Billing") : _("Billing Information"));
}
