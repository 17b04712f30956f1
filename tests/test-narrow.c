/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-narrow.c: the window and every dialog fit a phone-sized or tiled window, 360 px wide.
 *
 * To look at them: PACTA_NARROW_SHOTS=DIR saves a PNG of every state checked,
 * e.g. (with LANGUAGE=es and PACTA_LOCALEDIR=build/po for Spanish)
 *   PACTA_NARROW_SHOTS=/tmp/shots xvfb-run -a meson test -C build narrow narrow-es
 * or, for the running application at 360 × 640:
 *   GSETTINGS_SCHEMA_DIR=build/data ../shared/tools/shoot out.png --size 360x640 \
 *     --keys "search --sync --name Pacta windowsize %1 360 640" -- build/src/pacta --demo */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "pacta-billing-dialog.h"
#include "pacta-billing-form.h"
#include "pacta-billing-form-private.h"
#include "pacta-billing-run.h"
#include "pacta-billing-run-dialog.h"
#include "pacta-billing-run-dialog-private.h"
#include "pacta-contract-store.h"
#include "pacta-contract-dialog.h"
#include "pacta-contract-wizard.h"
#include "pacta-contract-wizard-private.h"
#include "pacta-customer-panel.h"
#include "pacta-customers-page.h"
#include "pacta-customers-page-private.h"
#include "pacta-helpdesk-page.h"
#include "pacta-helpdesk-page-private.h"
#include "pacta-import-dialog.h"
#include "pacta-import-dialog-private.h"
#include "pacta-invoice-dialog.h"
#include "pacta-numbering.h"
#include "pacta-preferences-window.h"
#include "pacta-sales-item-dialog.h"
#include "pacta-sales-item-dialog-private.h"
#include "pacta-sales-page.h"
#include "pacta-sales-page-private.h"
#include "pacta-test-gui.h"
#include "pacta-test-util.h"
#include "pacta-ticket-dialog.h"
#include "pacta-ticket-dialog-private.h"
#include "pacta-window.h"
#include "pacta-window-private.h"

/* The narrowest window the spec asks for (a phone, or a window tiled on a small screen) */
#define NARROW_WIDTH  360
#define NARROW_HEIGHT 640
#define WIDE_WIDTH    1280
#define WIDE_HEIGHT   800

typedef PactaTestDir Fixture;

/* Fails the test but goes on, so that one run lists every problem */
G_GNUC_PRINTF (1, 2)
static void
fail (const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_test_message ("%s", message);
  g_test_fail_printf ("%s", message);
}

/* What keeps a widget wide: the chain of descendants whose minimum width
 * is over @limit, printed when an assertion is about to fail */
static void
explain_width (GtkWidget *widget,
               int        limit,
               int        depth)
{
  gboolean any = FALSE;

  for (int pass = 0; pass < 2 && !any; pass++)
    for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
      {
        int min;

        if (!gtk_widget_get_visible (child))
          continue;
        min = pacta_test_min_width (child);
        /* Over the limit; or, when none is, every part that adds up to it */
        if (min > limit || (pass == 1 && min > 0))
          {
            const char *text = GTK_IS_LABEL (child) ? gtk_label_get_label (GTK_LABEL (child))
                               : GTK_IS_BUTTON (child) ? gtk_button_get_label (GTK_BUTTON (child))
                               : ADW_IS_PREFERENCES_ROW (child) ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child))
                               : NULL;

            g_test_message ("%*s%s (%s) %d px%s%s", depth * 2, "", G_OBJECT_TYPE_NAME (child),
                            gtk_widget_get_css_name (child), min, text ? ": " : "", text ? text : "");
            if (pass == 0)
              explain_width (child, limit, depth + 1);
            any = pass == 0;
          }
      }
}

/* At most 360 px wide at least; if not, what makes it wider goes to the log */
static void
assert_fits (GtkWidget  *widget,
             const char *what)
{
  int min = pacta_test_min_width (widget);

  if (min > NARROW_WIDTH)
    {
      g_test_message ("%s is %d px wide at least:", what, min);
      explain_width (widget, NARROW_WIDTH - 40, 1);
      fail ("%s: minimum width %d px, more than %d px", what, min, NARROW_WIDTH);
    }
}

/* Until what slides in (the customer panel, the switcher bar) is in place */
static void
wait_animations (GtkWindow *window)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

  while (g_get_monotonic_time () < until)
    pacta_test_wait_frame (GTK_WIDGET (window));
}

/* As a user resizing the window, or tiling it: @width × @height on
 * screen, the window's frame (its resize borders or shadow) included */
static void
resize (GtkWindow *window,
        int        width,
        int        height)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  gtk_window_set_default_size (window, width, height);
  while (gdk_surface_get_width (surface) != width || gdk_surface_get_height (surface) != height)
    {
      g_main_context_iteration (NULL, FALSE);
      if (g_get_monotonic_time () > deadline)
        g_error ("The window did not take %d × %d (it is %d × %d)", width, height,
                 gdk_surface_get_width (surface), gdk_surface_get_height (surface));
    }
  /* A squeezer picks its child for the new width a frame later, and the
   * switcher bar slides in */
  wait_animations (window);
}

/* What a widget is, for a message: its text, or its type and its parents' */
static char *
describe (GtkWidget *widget)
{
  GString *path = g_string_new (NULL);

  if (GTK_IS_LABEL (widget))
    return g_strdup_printf ("“%s”", gtk_label_get_label (GTK_LABEL (widget)));
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    return g_strdup_printf ("button “%s”", gtk_button_get_label (GTK_BUTTON (widget)));
  for (guint i = 0; widget != NULL && i < 4; i++, widget = gtk_widget_get_parent (widget))
    g_string_append_printf (path, "%s%s", i > 0 ? " in " : "", G_OBJECT_TYPE_NAME (widget));
  return g_string_free (path, FALSE);
}

/* The width a widget was given, margins, borders and padding included, as
 * gtk_widget_measure() counts them */
static int
allocated_width (GtkWidget *widget)
{
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  GtkBorder margin, border, padding;

  gtk_style_context_get_margin (style, &margin);
  gtk_style_context_get_border (style, &border);
  gtk_style_context_get_padding (style, &padding);
  return gtk_widget_get_width (widget) + gtk_widget_get_margin_start (widget) + gtk_widget_get_margin_end (widget) +
         margin.left + margin.right + border.left + border.right + padding.left + padding.right;
}

static int
allocated_height (GtkWidget *widget)
{
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  GtkBorder margin, border, padding;

  gtk_style_context_get_margin (style, &margin);
  gtk_style_context_get_border (style, &border);
  gtk_style_context_get_padding (style, &padding);
  return gtk_widget_get_height (widget) + gtk_widget_get_margin_top (widget) + gtk_widget_get_margin_bottom (widget) +
         margin.top + margin.bottom + border.top + border.bottom + padding.top + padding.bottom;
}

/* Whether @child of @parent is drawn: a squeezer keeps the child it has
 * just left mapped, a flap has a shadow and a dimming layer beyond its edges */
static gboolean
is_drawn (GtkWidget *parent,
          GtkWidget *child)
{
  if (!gtk_widget_get_mapped (child))
    return FALSE;
  if (ADW_IS_SQUEEZER (parent))
    return child == adw_squeezer_get_visible_child (ADW_SQUEEZER (parent));
  if (ADW_IS_FLAP (parent))
    return child == adw_flap_get_content (ADW_FLAP (parent)) || child == adw_flap_get_flap (ADW_FLAP (parent)) ||
           child == adw_flap_get_separator (ADW_FLAP (parent));
  return TRUE;
}

/* The titles libadwaita 1.2 itself shortens with “…” when they do not fit,
 * as GNOME's are: a header bar's (the window's name for screen readers), a
 * group's beside its header buttons, an entry row's. Those shortened at
 * 360 px are listed in the test's log. */
static gboolean
may_shorten (GtkWidget *label)
{
  GtkWidget *parent = gtk_widget_get_parent (label);

  return gtk_widget_get_ancestor (label, ADW_TYPE_HEADER_BAR) != NULL ||
         gtk_widget_get_ancestor (label, ADW_TYPE_ENTRY_ROW) != NULL ||
         (parent != NULL && gtk_widget_has_css_class (parent, "labels") &&
          gtk_widget_get_ancestor (label, ADW_TYPE_PREFERENCES_GROUP) != NULL);
}

/* Nothing cut off: every widget shown lies within the window's width, at
 * least as wide as it asks, and no text outside a list is shortened with
 * “…”. Lists scroll (and their cells may shorten what they say), so they
 * are looked at as a whole only. */
static void
assert_nothing_cut (GtkWidget  *widget,
                    GtkWidget  *window,
                    const char *where)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;
      int min;

      /* Scroll bars float over the edge */
      if (!is_drawn (widget, child) || GTK_IS_SCROLLBAR (child))
        continue;
      g_assert_true (gtk_widget_compute_bounds (child, window, &bounds));
      min = pacta_test_min_width (child);
      /* A header bar reaches a pixel under the window's edges */
      if (bounds.origin.x < -1.5 || bounds.origin.x + bounds.size.width > gtk_widget_get_width (window) + 1.5)
        {
          g_autofree char *what = describe (child);

          fail ("%s: %s lies outside the window, from %.0f to %.0f of %d px", where, what,
                bounds.origin.x, bounds.origin.x + bounds.size.width, gtk_widget_get_width (window));
        }
      if (allocated_width (child) < min)
        {
          g_autofree char *what = describe (child);

          fail ("%s: %s is %d px wide, less than its %d px", where, what, allocated_width (child), min);
        }
      /* …and as high as it needs at that width: wrapped lines are not
       * squeezed (what a scrolled window holds is higher than it, rightly) */
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, allocated_width (child), &min, NULL, NULL, NULL);
      if (allocated_height (child) < min && !GTK_IS_SCROLLED_WINDOW (widget))
        {
          g_autofree char *what = describe (child);

          fail ("%s: %s is %d px high, less than its %d px", where, what, allocated_height (child), min);
        }
      if (GTK_IS_LABEL (child) && pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (child))))
        {
          if (!may_shorten (child))
            fail ("%s: “%s” is cut short", where, gtk_label_get_label (GTK_LABEL (child)));
          else
            g_test_message ("%s: the title “%s” is shortened", where, gtk_label_get_label (GTK_LABEL (child)));
        }
      /* A view switcher is one control: its buttons' attention dots are
       * libadwaita's to place. What scrolls only up and down (forms,
       * preferences) must fit as well; what scrolls sideways (lists) may
       * shorten its cells. */
      if (GTK_IS_SCROLLED_WINDOW (child))
        {
          GtkPolicyType sideways;

          gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (child), &sideways, NULL);
          if (sideways == GTK_POLICY_NEVER)
            assert_nothing_cut (child, window, where);
        }
      else if (!ADW_IS_VIEW_SWITCHER (child))
        assert_nothing_cut (child, window, where);
    }
}

/* The titles of a column view's columns that are shown, joined by commas */
static char *
shown_columns (GtkWidget *view)
{
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (view));
  GString *titles = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (!gtk_column_view_column_get_visible (column))
        continue;
      if (titles->len > 0)
        g_string_append_c (titles, ',');
      g_string_append (titles, gtk_column_view_column_get_title (column));
    }
  return g_string_free (titles, FALSE);
}

/* Every widget that takes the focus when Tab is pressed over and over */
static GPtrArray *
focus_chain (GtkWindow *window)
{
  GPtrArray *chain = g_ptr_array_new ();

  gtk_window_set_focus (window, NULL);
  /* Round and round: the lists' rows come in the chain too */
  for (guint i = 0; i < 400; i++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
        gtk_window_set_focus (window, NULL);
      focus = gtk_window_get_focus (window);
      if (focus != NULL && !g_ptr_array_find (chain, focus, NULL))
        g_ptr_array_add (chain, focus);
    }
  return chain;
}

static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget) ||
         GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_SWITCH (widget);
}

/* Every control shown outside the lists takes the focus from the keyboard */
static void
assert_reachable (GtkWidget  *widget,
                  GPtrArray  *chain,
                  const char *where)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      gboolean reached = FALSE;

      /* The window's own buttons are the window manager's, and a mouse's */
      if (!is_drawn (widget, child) || GTK_IS_SCROLLED_WINDOW (child) || GTK_IS_WINDOW_CONTROLS (child))
        continue;
      if (!is_control (child) || !gtk_widget_is_sensitive (child) || !gtk_widget_get_focusable (child))
        {
          assert_reachable (child, chain, where);
          continue;
        }
      for (guint i = 0; i < chain->len && !reached; i++)
        reached = chain->pdata[i] == child || gtk_widget_is_ancestor (chain->pdata[i], child);
      if (!reached)
        {
          g_autofree char *what = describe (child);

          fail ("%s: %s cannot be reached with Tab", where, what);
        }
    }
}

static void
check_keyboard (GtkWidget  *window,
                const char *where)
{
  g_autoptr(GPtrArray) chain = focus_chain (GTK_WINDOW (window));

  assert_reachable (window, chain, where);
}

/* The columns shown are exactly these titles, in this order */
G_GNUC_NULL_TERMINATED
static void
assert_columns (const char *shown,
                ...)
{
  GString *expected = g_string_new (NULL);
  const char *title;
  va_list args;

  va_start (args, shown);
  while ((title = va_arg (args, const char *)) != NULL)
    g_string_append_printf (expected, "%s%s", expected->len > 0 ? "," : "", title);
  va_end (args);
  g_assert_cmpstr (shown, ==, expected->str);
  g_string_free (expected, TRUE);
}

/* The column view under @root that has a column titled @title */
static GtkWidget *
find_list (GtkWidget  *root,
           const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_COLUMN_VIEW (child))
        {
          GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (child));

          for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
            {
              g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

              if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
                return child;
            }
        }
      if ((found = find_list (child, title)))
        return found;
    }
  return NULL;
}

/* How many cells of each of the customers' rows made are shown: the same
 * number for every row, or 0 */
static guint
shown_cells (GtkWidget *page)
{
  GtkWidget *grid_view = pacta_test_find_widget (page, GTK_TYPE_GRID_VIEW, NULL);
  guint shown = 0;

  for (GtkWidget *item = gtk_widget_get_first_child (grid_view); item; item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *row = gtk_widget_get_first_child (item);
      guint n = 0;

      if (row == NULL || !gtk_widget_has_css_class (row, "customer-row"))
        continue;
      for (GtkWidget *cell = gtk_widget_get_first_child (row); cell; cell = gtk_widget_get_next_sibling (cell))
        n += gtk_widget_get_visible (cell);
      if (shown != 0 && n != shown)
        return 0;
      shown = n;
    }
  return shown;
}

/* With PACTA_NARROW_SHOTS=DIR, each state checked is saved as
 * DIR/LANGUAGE-WHERE-WIDTH.png, to look at */
static void
save_shot (GtkWidget  *window,
           const char *where)
{
  const char *dir = g_getenv ("PACTA_NARROW_SHOTS");
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  name = g_strdup_printf ("%s-%s-%d.png", g_getenv ("LANGUAGE") != NULL ? g_getenv ("LANGUAGE") : "en",
                          where, gtk_widget_get_width (window));
  g_strdelimit (name, " ,'&/", '_');
  path = g_build_filename (dir, name, NULL);
  pacta_test_save_png (window, path);
}

typedef void (*PageCheck) (GtkWidget  *window,
                           const char *where);

static void
check_fits (GtkWidget  *window,
            const char *where)
{
  assert_fits (window, where);
}

static void
check_nothing_cut (GtkWidget  *window,
                   const char *where)
{
  assert_nothing_cut (window, window, where);
  save_shot (window, where);
}

static void
show_tab (GtkWidget  *page,
          const char *tab)
{
  AdwViewStack *tabs = ADW_VIEW_STACK (pacta_test_find_widget (page, ADW_TYPE_VIEW_STACK, NULL));

  g_assert_nonnull (tabs);
  adw_view_stack_set_visible_child_name (tabs, tab);
}

/* Shows every page and tab in turn, with the customer panel open on each
 * of its tabs, and checks the window at each */
static void
walk_pages (PactaWindow *window,
            PageCheck    check)
{
  PactaCustomersPage *customers = PACTA_CUSTOMERS_PAGE (pacta_window_get_customers_page (window));
  PactaCustomerPanel *panel = PACTA_CUSTOMER_PANEL (pacta_customers_page_get_panel (customers));
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (customers), ADW_TYPE_VIEW_STACK));
  GtkWidget *sales, *helpdesk;

  adw_view_stack_set_visible_child_name (stack, "customers");
  pacta_test_wait_frame (GTK_WIDGET (window));
  check (GTK_WIDGET (window), "Customers");

  pacta_customers_page_activate_row (customers, 0);
  wait_animations (GTK_WINDOW (window));
  g_assert_true (pacta_customers_page_get_panel_revealed (customers));
  check (GTK_WIDGET (window), "Customers, a customer's overview");
  pacta_customer_panel_show_tab (panel, "configure");
  pacta_test_wait_frame (GTK_WIDGET (window));
  check (GTK_WIDGET (window), "Customers, a customer's billing information");
  pacta_customer_panel_show_tab (panel, "overview");
  g_signal_emit_by_name (panel, "close-requested");
  wait_animations (GTK_WINDOW (window));

  adw_view_stack_set_visible_child_name (stack, "sales");
  sales = pacta_window_get_sales_page (window);
  while (pacta_sales_page_is_loading (PACTA_SALES_PAGE (sales)))
    g_main_context_iteration (NULL, TRUE);
  show_tab (sales, "sales-items");
  pacta_test_wait_frame (GTK_WIDGET (window));
  check (GTK_WIDGET (window), "Sales & billing, Sales items");
  show_tab (sales, "contracts");
  pacta_test_wait_frame (GTK_WIDGET (window));
  check (GTK_WIDGET (window), "Sales & billing, Contracts");
  show_tab (sales, "invoices");
  pacta_test_wait_frame (GTK_WIDGET (window));
  check (GTK_WIDGET (window), "Sales & billing, Invoices");

  adw_view_stack_set_visible_child_name (stack, "helpdesk");
  helpdesk = pacta_window_get_helpdesk_page (window);
  while (pacta_helpdesk_page_is_loading (PACTA_HELPDESK_PAGE (helpdesk)))
    g_main_context_iteration (NULL, TRUE);
  show_tab (helpdesk, "tickets");
  pacta_test_wait_frame (GTK_WIDGET (window));
  check (GTK_WIDGET (window), "Helpdesk, Tickets");
  show_tab (helpdesk, "approve");
  g_assert_cmpuint (pacta_helpdesk_page_get_n_pending (PACTA_HELPDESK_PAGE (helpdesk)), >, 0);
  pacta_test_wait_frame (GTK_WIDGET (window));
  check (GTK_WIDGET (window), "Helpdesk, Time to Approve");
  show_tab (helpdesk, "tickets");

  adw_view_stack_set_visible_child_name (stack, "customers");
  pacta_test_wait_frame (GTK_WIDGET (window));
}

/* The window on the demo data can be made 360 px wide, on every page */
static void
test_window_min_width (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaWindow *window = pacta_window_new (NULL, context);

  gtk_window_present (GTK_WINDOW (window));
  pacta_test_wait_frame (GTK_WIDGET (window));
  g_assert_cmpstr (pacta_window_get_visible_page (window), ==, "main");
  walk_pages (window, check_fits);

  gtk_window_destroy (GTK_WINDOW (window));
  pacta_test_drain_events ();
}

/* Wide: the view switcher in the header, every column. Narrow: the
 * switcher at the bottom and the lists' main columns. */
static void
assert_layout (PactaWindow *window,
               gboolean     narrow)
{
  AdwViewSwitcherTitle *title = ADW_VIEW_SWITCHER_TITLE (pacta_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE, NULL));
  AdwViewSwitcherBar *bar = ADW_VIEW_SWITCHER_BAR (pacta_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR, NULL));
  GtkWidget *customers = pacta_window_get_customers_page (window);
  GtkWidget *sales = pacta_window_get_sales_page (window);
  GtkWidget *helpdesk = pacta_window_get_helpdesk_page (window);
  g_autofree char *items = shown_columns (find_list (sales, _("Invoice Date")));
  g_autofree char *contracts = shown_columns (find_list (sales, _("Monthly Value")));
  g_autofree char *invoices = shown_columns (find_list (sales, _("Exported")));
  g_autofree char *tickets = shown_columns (find_list (helpdesk, _("Priority")));

  g_assert_nonnull (title);
  g_assert_nonnull (bar);
  g_assert_cmpint (adw_view_switcher_bar_get_reveal (bar), ==, narrow);
  /* The header shows the window's title instead of the wide switcher */
  g_assert_cmpint (adw_view_switcher_title_get_title_visible (title), ==, narrow);

  g_assert_true (gtk_widget_get_visible (pacta_test_find_button (customers, _("Name"))));
  g_assert_true (gtk_widget_get_visible (pacta_test_find_button (customers, narrow ? _("Billing") : _("Billing Information"))));
  g_assert_cmpint (gtk_widget_get_visible (pacta_test_find_button (customers, _("Kind"))), ==, !narrow);
  g_assert_cmpint (gtk_widget_get_visible (pacta_test_find_button (customers, _("Status"))), ==, !narrow);
  g_assert_cmpint (gtk_widget_get_visible (pacta_test_find_button (customers, _("Services"))), ==, !narrow);
  /* Name, billing information and the menu; or all five and the menu */
  g_assert_cmpuint (shown_cells (customers), ==, narrow ? 3 : 6);

  if (narrow)
    {
      assert_columns (items, _("Customer"), _("Total"), _("Status"), NULL);
      assert_columns (contracts, _("Customer"), _("Monthly Value"), NULL);
      assert_columns (invoices, _("Number"), _("Customer"), _("Total"), NULL);
      assert_columns (tickets, _("Title"), _("Customer"), NULL);
    }
  else
    {
      assert_columns (items, _("Customer"), _("Invoice Date"), _("Reference"), _("Total"), _("Origin"), _("Status"),
                      NULL);
      assert_columns (contracts, _("Customer"), _("Name"), _("Interval"), _("Start"), _("End"), _("Status"),
                      _("Monthly Value"), NULL);
      assert_columns (invoices, _("Number"), _("Customer"), _("Date"), _("Due"), _("Total"), _("Status"),
                      _("Exported"), _("Tax Agency"), _("Email"), NULL);
      assert_columns (tickets, _("Number"), _("Title"), _("Customer"), _("Status"), _("Priority"), _("Assignee"),
                      _("Updated"), NULL);
    }
}

/* Resized from wide to 360 × 640 and back, as a user or a tiling window
 * manager does: the layout follows, and at 360 px nothing is cut off */
static void
test_window_narrow (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaWindow *window = pacta_window_new (NULL, context);

  gtk_window_present (GTK_WINDOW (window));
  /* Every page made, so that each can be looked at */
  pacta_window_get_sales_page (window);
  pacta_window_get_helpdesk_page (window);

  resize (GTK_WINDOW (window), WIDE_WIDTH, WIDE_HEIGHT);
  assert_layout (window, FALSE);
  walk_pages (window, check_nothing_cut);

  resize (GTK_WINDOW (window), NARROW_WIDTH, NARROW_HEIGHT);
  assert_layout (window, TRUE);
  walk_pages (window, check_nothing_cut);
  walk_pages (window, check_keyboard);

  resize (GTK_WINDOW (window), WIDE_WIDTH, WIDE_HEIGHT);
  assert_layout (window, FALSE);

  gtk_window_destroy (GTK_WINDOW (window));
  pacta_test_drain_events ();
}

/* An empty database greets with the welcome page, at any width, and no
 * switcher bar: there is nothing to switch to */
static void
test_welcome (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, FALSE);
  PactaWindow *window = pacta_window_new (NULL, context);
  AdwViewSwitcherBar *bar;

  gtk_window_present (GTK_WINDOW (window));
  resize (GTK_WINDOW (window), WIDE_WIDTH, WIDE_HEIGHT);
  g_assert_cmpstr (pacta_window_get_visible_page (window), ==, "welcome");
  bar = ADW_VIEW_SWITCHER_BAR (pacta_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR, NULL));
  g_assert_nonnull (bar);
  g_assert_false (adw_view_switcher_bar_get_reveal (bar));
  assert_fits (GTK_WIDGET (window), "The welcome page");

  resize (GTK_WINDOW (window), NARROW_WIDTH, NARROW_HEIGHT);
  g_assert_false (adw_view_switcher_bar_get_reveal (bar));
  assert_nothing_cut (GTK_WIDGET (window), GTK_WIDGET (window), "The welcome page");
  save_shot (GTK_WIDGET (window), "The welcome page");
  check_keyboard (GTK_WIDGET (window), "The welcome page");

  gtk_window_destroy (GTK_WINDOW (window));
  pacta_test_drain_events ();
}

/* At 360 × 640 on the page it shows now */
static void
check_dialog_now (GtkWindow  *dialog,
                  const char *what)
{
  /* The wizard's pages slide in */
  wait_animations (dialog);
  assert_fits (GTK_WIDGET (dialog), what);
  assert_nothing_cut (GTK_WIDGET (dialog), GTK_WIDGET (dialog), what);
  save_shot (GTK_WIDGET (dialog), what);
}

static void
present_narrow (GtkWindow *dialog)
{
  gtk_window_set_default_size (dialog, NARROW_WIDTH, NARROW_HEIGHT);
  gtk_window_present (dialog);
  resize (dialog, NARROW_WIDTH, NARROW_HEIGHT);
}

/* Every step of the wizard, for a customer without billing information */
static void
test_wizard_steps (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaContractWizard *wizard = pacta_contract_wizard_new (NULL, context, TRUE);
  /* Gestoría López: without billing information in the demo */
  gint64 customer = pacta_test_customer_of (context, "c0570000-2026-4a00-8b00-000000000003");

  present_narrow (GTK_WINDOW (wizard));
  check_dialog_now (GTK_WINDOW (wizard), "wizard, customers");
  pacta_contract_wizard_select (wizard, customer, TRUE);
  pacta_contract_wizard_next (wizard);
  g_assert_cmpstr (pacta_contract_wizard_get_step (wizard), ==, "info");
  check_dialog_now (GTK_WINDOW (wizard), "wizard, the contract");
  pacta_contract_wizard_next (wizard);
  g_assert_cmpstr (pacta_contract_wizard_get_step (wizard), ==, "billing");
  check_dialog_now (GTK_WINDOW (wizard), "wizard, billing information");
  pacta_billing_form_set_text (PACTA_BILLING_FORM (pacta_contract_wizard_get_billing_form (wizard)), "country", "ES");
  /* The demo's company is in Spain: the customer's NIF is needed */
  pacta_billing_form_set_text (PACTA_BILLING_FORM (pacta_contract_wizard_get_billing_form (wizard)), "vat-number",
                               "B12345674");
  pacta_contract_wizard_next (wizard);
  g_assert_cmpstr (pacta_contract_wizard_get_step (wizard), ==, "parts");
  check_dialog_now (GTK_WINDOW (wizard), "wizard, parts");
  pacta_contract_wizard_next (wizard);
  g_assert_cmpstr (pacta_contract_wizard_get_step (wizard), ==, "done");
  check_dialog_now (GTK_WINDOW (wizard), "wizard, done");

  gtk_window_destroy (GTK_WINDOW (wizard));
  pacta_test_drain_events ();
}

static void
on_imported (PactaImportDialog *dialog,
             guint              created,
             guint              updated,
             gboolean          *done)
{
  *done = TRUE;
}

/* The import with its two files chosen (long paths), and its result */
static void
check_import_steps (PactaContext *context)
{
  g_autofree char *tenants_path = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "tenants.json", NULL);
  g_autofree char *usages_path = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "usages.json", NULL);
  g_autoptr(GFile) tenants = g_file_new_for_path (tenants_path);
  g_autoptr(GFile) usages = g_file_new_for_path (usages_path);
  PactaImportDialog *dialog = pacta_import_dialog_new (NULL, context);
  gboolean done = FALSE;
  /* &done is this frame's: disconnected before the test returns */
  gulong handler = g_signal_connect (dialog, "imported", G_CALLBACK (on_imported), &done);
  pacta_import_dialog_set_files (dialog, tenants, usages);
  present_narrow (GTK_WINDOW (dialog));
  check_dialog_now (GTK_WINDOW (dialog), "import, files chosen");
  pacta_import_dialog_start (dialog);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (dialog, handler);
  check_dialog_now (GTK_WINDOW (dialog), "import, complete");

  gtk_window_destroy (GTK_WINDOW (dialog));
  pacta_test_drain_events ();
}

/* Demo data with contracts for every customer that uses services, the
 * numbering confirmed and November billed: something in every dialog */
static PactaContext *
open_billed (Fixture *f)
{
  PactaContext *context = pacta_test_open_context (f->dir, TRUE);
  g_auto(GStrv) numbers = NULL;

  pacta_test_set_clock ("Europe/Madrid", "2026-12-06T12:00:00+01:00");
  g_assert_cmpuint (pacta_test_add_missing_contracts (context), >, 0);
  numbers = pacta_test_bill (context, "2026-11");
  return context;
}

/* As narrow as 360 px, and nothing cut off at that width */
static void
assert_dialog_fits (GtkWindow  *dialog,
                    const char *what)
{
  gtk_window_present (dialog);
  pacta_test_wait_frame (GTK_WIDGET (dialog));
  assert_fits (GTK_WIDGET (dialog), what);
  if (pacta_test_min_width (GTK_WIDGET (dialog)) <= NARROW_WIDTH)
    {
      resize (dialog, NARROW_WIDTH, NARROW_HEIGHT);
      assert_nothing_cut (GTK_WIDGET (dialog), GTK_WIDGET (dialog), what);
      save_shot (GTK_WIDGET (dialog), what);
    }
  gtk_window_destroy (dialog);
  pacta_test_drain_events ();
}

static void
test_dialogs (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PactaContext) context = open_billed (f);
  PactaDatabase *db = pacta_context_get_database (context);
  PactaWindow *window = pacta_window_new (NULL, context);
  GtkWindow *parent = GTK_WINDOW (window);
  gint64 customer = pacta_database_count (db, "SELECT min(id) FROM customers", NULL);
  gint64 contract = pacta_database_count (db, "SELECT min(id) FROM contracts", NULL);
  gint64 invoice = pacta_database_count (db, "SELECT min(id) FROM invoices", NULL);
  gint64 ticket = pacta_database_count (db, "SELECT min(id) FROM tickets", NULL);
  gint64 with_info = pacta_database_count (db, "SELECT min(customer_id) FROM billing_info", NULL);
  PactaSalesItemDialog *item;

  g_assert_cmpint (invoice, >, 0);
  g_assert_cmpint (ticket, >, 0);
  gtk_window_present (parent);
  pacta_test_drain_events ();

  assert_dialog_fits (GTK_WINDOW (pacta_billing_dialog_new (parent, context, customer, NULL)), "billing prompt");
  assert_dialog_fits (GTK_WINDOW (pacta_contract_wizard_new (parent, context, TRUE)), "contract wizard");
  assert_dialog_fits (GTK_WINDOW (pacta_contract_wizard_new (parent, context, FALSE)), "contract wizard, new");
  assert_dialog_fits (GTK_WINDOW (pacta_contract_dialog_new (parent, context, contract)), "contract dialog");
  assert_dialog_fits (GTK_WINDOW (pacta_sales_item_dialog_new (parent, context, 0)), "new sales item");
  /* With a customer chosen and a line, as when it is filled in */
  item = pacta_sales_item_dialog_new (parent, context, 0);
  pacta_sales_item_dialog_choose_customer (item, with_info);
  pacta_sales_item_dialog_add_line (item, "Router", "2", "89.99");
  assert_dialog_fits (GTK_WINDOW (item), "sales item dialog");
  assert_dialog_fits (GTK_WINDOW (pacta_ticket_dialog_new (parent, context, ticket)), "ticket dialog");
  assert_dialog_fits (GTK_WINDOW (pacta_invoice_dialog_new (parent, context, invoice)), "invoice dialog");
  assert_dialog_fits (GTK_WINDOW (pacta_billing_run_dialog_new (parent, context)), "billing run dialog");
  assert_dialog_fits (GTK_WINDOW (pacta_import_dialog_new (parent, context)), "import dialog");
  check_import_steps (context);
  assert_dialog_fits (GTK_WINDOW (pacta_preferences_window_new (parent, context)), "preferences");

  gtk_window_destroy (parent);
  pacta_test_drain_events ();
}

/* Every page of the preferences */
static void
test_preferences_pages (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaPreferencesWindow *preferences = pacta_preferences_window_new (NULL, context);
  AdwViewStack *pages;
  g_autoptr(GtkSelectionModel) list = NULL;

  present_narrow (GTK_WINDOW (preferences));
  pages = ADW_VIEW_STACK (pacta_test_find_widget (GTK_WIDGET (preferences), ADW_TYPE_VIEW_STACK, NULL));
  g_assert_nonnull (pages);
  list = adw_view_stack_get_pages (pages);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >=, 4);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *what = g_strdup_printf ("preferences, %s", adw_view_stack_page_get_title (page));

      adw_view_stack_set_visible_child (pages, adw_view_stack_page_get_child (page));
      check_dialog_now (GTK_WINDOW (preferences), what);
    }

  gtk_window_destroy (GTK_WINDOW (preferences));
  pacta_test_drain_events ();
}

/* The dialogs that open from dialogs: the question when a month's usage is
 * not closed and the numbering's confirmation before the first billing
 * run, the credit note's choice of lines, one message of a ticket whole */
static void
test_inner_dialogs (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaDatabase *db = pacta_context_get_database (context);
  g_auto(GStrv) numbers = NULL;
  PactaBillingRunDialog *run;
  PactaInvoiceDialog *invoice;
  PactaTicketDialog *ticket;
  GtkWindow *inner;
  GtkWidget *label;

  pacta_test_set_clock ("Europe/Madrid", "2026-12-06T12:00:00+01:00");
  pacta_test_add_missing_contracts (context);
  g_assert_true (pacta_context_sync (context, NULL));

  /* Numbering never confirmed: the run asks first, with the numbering's editor */
  run = pacta_billing_run_dialog_new (NULL, context);
  present_narrow (GTK_WINDOW (run));
  pacta_billing_run_dialog_set_month (run, "2026-11");
  while (!pacta_test_run_finished (run))
    g_main_context_iteration (NULL, TRUE);
  check_dialog_now (GTK_WINDOW (run), "billing run, planned");
  /* The month's usage is not closed: asked before anything else */
  pacta_billing_run_dialog_create (run);
  inner = GTK_WINDOW (pacta_billing_run_dialog_get_usage_question (run));
  g_assert_nonnull (inner);
  present_narrow (inner);
  check_dialog_now (inner, "billing run, usage not closed");
  pacta_billing_run_dialog_answer_usage (run, "provisional");
  while (!pacta_test_run_finished (run))
    g_main_context_iteration (NULL, TRUE);
  inner = GTK_WINDOW (pacta_billing_run_dialog_get_confirmation (run));
  g_assert_nonnull (inner);
  present_narrow (inner);
  check_dialog_now (inner, "billing run, numbering confirmation");
  gtk_window_destroy (inner);
  gtk_window_destroy (GTK_WINDOW (run));
  pacta_test_drain_events ();

  numbers = pacta_test_bill (context, "2026-11");
  invoice = pacta_invoice_dialog_new (NULL, context, pacta_database_count (db, "SELECT min(id) FROM invoices", NULL));
  present_narrow (GTK_WINDOW (invoice));
  label = pacta_test_find_widget (GTK_WIDGET (invoice), GTK_TYPE_LABEL, _("Create credit _note…"));
  g_assert_nonnull (label);
  g_signal_emit_by_name (gtk_widget_get_ancestor (label, GTK_TYPE_BUTTON), "clicked");
  inner = pacta_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, FALSE);
  g_assert_nonnull (inner);
  present_narrow (inner);
  check_dialog_now (inner, "invoice, credit note");
  gtk_window_destroy (inner);
  gtk_window_destroy (GTK_WINDOW (invoice));
  pacta_test_drain_events ();

  ticket = pacta_ticket_dialog_new (NULL, context, pacta_database_count (db, "SELECT min(id) FROM tickets", NULL));
  present_narrow (GTK_WINDOW (ticket));
  inner = pacta_ticket_dialog_show_update (ticket, 0);
  g_assert_nonnull (inner);
  present_narrow (inner);
  check_dialog_now (inner, "ticket, one message");
  gtk_window_destroy (inner);
  gtk_window_destroy (GTK_WINDOW (ticket));
  pacta_test_drain_events ();
}

int
main (int   argc,
      char *argv[])
{
  /* Spanish makes the longest labels: tests/meson.build runs this again
   * with LANGUAGE=es and the catalogs built in the build tree */
  g_autofree char *data_home = pacta_test_gui_init (&argc, &argv);
  int status;

  g_test_add ("/pacta/narrow/window-min-width", Fixture, NULL, pacta_test_dir_set_up, test_window_min_width, pacta_test_dir_tear_down);
  g_test_add ("/pacta/narrow/window-narrow", Fixture, NULL, pacta_test_dir_set_up, test_window_narrow, pacta_test_dir_tear_down);
  g_test_add ("/pacta/narrow/welcome", Fixture, NULL, pacta_test_dir_set_up, test_welcome, pacta_test_dir_tear_down);
  g_test_add ("/pacta/narrow/dialogs", Fixture, NULL, pacta_test_dir_set_up, test_dialogs, pacta_test_dir_tear_down);
  g_test_add ("/pacta/narrow/wizard-steps", Fixture, NULL, pacta_test_dir_set_up, test_wizard_steps, pacta_test_dir_tear_down);
  g_test_add ("/pacta/narrow/preferences-pages", Fixture, NULL, pacta_test_dir_set_up, test_preferences_pages, pacta_test_dir_tear_down);
  g_test_add ("/pacta/narrow/inner-dialogs", Fixture, NULL, pacta_test_dir_set_up, test_inner_dialogs, pacta_test_dir_tear_down);

  status = g_test_run ();
  pacta_test_remove_tree (data_home);
  return status;
}
