/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui.c: in-process GTK tests (run under Xvfb): templates, the window on demo data, import */
#include <adwaita.h>
#include <glib/gstdio.h>

#include "pacta-banner.h"
#include "pacta-billing-dialog.h"
#include "pacta-billing-dialog-private.h"
#include "pacta-billing-form.h"
#include "pacta-billing-form-private.h"
#include "pacta-contract-dialog.h"
#include "pacta-contract-dialog-private.h"
#include "pacta-contract-wizard.h"
#include "pacta-contract-wizard-private.h"
#include "pacta-customer-panel.h"
#include "pacta-customer-panel-private.h"
#include "pacta-parts-editor.h"
#include "pacta-parts-editor-private.h"
#include "pacta-billing-run-dialog.h"
#include "pacta-billing-run-dialog-private.h"
#include "pacta-invoice-dialog.h"
#include "pacta-invoice-dialog-private.h"
#include "pacta-invoices-view.h"
#include "pacta-message-window.h"
#include "pacta-new-ticket-dialog.h"
#include "pacta-invoices-view-private.h"
#include "pacta-backup.h"
#include "pacta-billing-run.h"
#include "pacta-msp.h"
#include "pacta-preferences-window.h"
#include "pacta-preferences-window-private.h"
#include "pacta-sales-item-dialog.h"
#include "pacta-sales-item-dialog-private.h"
#include "pacta-helpdesk-page.h"
#include "pacta-helpdesk-page-private.h"
#include "pacta-ticket-dialog.h"
#include "pacta-ticket-dialog-private.h"
#include "pacta-sales-page.h"
#include "pacta-sales-page-private.h"
#include "pacta-clock.h"
#include "pacta-context.h"
#include "pacta-customers-page.h"
#include "pacta-customers-page-private.h"
#include "pacta-import-dialog.h"
#include "pacta-import-dialog-private.h"
#include "pacta-test-gui.h"
#include "pacta-test-util.h"
#include "pacta-window.h"
#include "pacta-window-private.h"
#include "pacta-numbering-editor-private.h"

typedef PactaTestDir Fixture;

static void
test_templates (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, FALSE);
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWidget *widget;
  PactaWindow *window;
  PactaImportDialog *dialog;

  widget = g_object_ref_sink (pacta_banner_new ("Title"));
  pacta_banner_set_button_label (PACTA_BANNER (widget), "Button");
  g_assert_cmpstr (pacta_banner_get_title (PACTA_BANNER (widget)), ==, "Title");
  g_assert_cmpstr (pacta_banner_get_button_label (PACTA_BANNER (widget)), ==, "Button");
  g_assert_false (pacta_banner_get_revealed (PACTA_BANNER (widget)));
  g_assert_finalize_object (widget);

  widget = g_object_ref_sink (g_object_new (PACTA_TYPE_CUSTOMERS_PAGE, NULL));
  g_assert_finalize_object (widget);
  widget = g_object_ref_sink (pacta_billing_form_new ());
  g_assert_finalize_object (widget);
  widget = g_object_ref_sink (g_object_new (PACTA_TYPE_CUSTOMER_PANEL, NULL));
  g_assert_finalize_object (widget);
  widget = g_object_ref_sink (g_object_new (PACTA_TYPE_SALES_PAGE, NULL));
  g_assert_finalize_object (widget);
  widget = g_object_ref_sink (pacta_parts_editor_new ());
  g_assert_finalize_object (widget);
  widget = g_object_ref_sink (g_object_new (PACTA_TYPE_HELPDESK_PAGE, NULL));
  g_assert_finalize_object (widget);
  widget = g_object_ref_sink (pacta_invoices_view_new ());
  g_assert_finalize_object (widget);
  widget = g_object_ref_sink (pacta_numbering_editor_new ());
  g_assert_finalize_object (widget);

  window = pacta_window_new (NULL, context);
  dialog = pacta_import_dialog_new (GTK_WINDOW (window), context);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (pacta_billing_dialog_new (GTK_WINDOW (window), context, 1, NULL)));
  gtk_window_destroy (GTK_WINDOW (pacta_contract_wizard_new (GTK_WINDOW (window), context, TRUE)));
  gtk_window_destroy (GTK_WINDOW (pacta_contract_dialog_new (GTK_WINDOW (window), context, 1)));
  gtk_window_destroy (GTK_WINDOW (pacta_sales_item_dialog_new (GTK_WINDOW (window), context, 0)));
  gtk_window_destroy (GTK_WINDOW (pacta_billing_run_dialog_new (GTK_WINDOW (window), context)));
  gtk_window_destroy (GTK_WINDOW (pacta_new_ticket_dialog_new (GTK_WINDOW (window), context)));
  gtk_window_destroy (GTK_WINDOW (pacta_message_window_new (GTK_WINDOW (window), "Title", "Body", GTK_WRAP_WORD_CHAR)));
  /* An invoice that is not there: the window says so, with nothing to press */
  gtk_window_destroy (GTK_WINDOW (pacta_invoice_dialog_new (GTK_WINDOW (window), context, 999)));
  gtk_window_destroy (GTK_WINDOW (window));

  builder = gtk_builder_new_from_resource ("/io/github/pacta/Pacta/gtk/help-overlay.ui");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
}

static gboolean
model_has_name (GListModel *model,
                const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PactaCustomer) customer = g_list_model_get_item (model, i);

      if (g_strcmp0 (pacta_customer_get_name (customer), name) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A visible label whose text starts with @prefix */
static GtkWidget *
find_label_prefix (GtkWidget  *root,
                   const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (child)), prefix))
        return child;
      if ((found = find_label_prefix (child, prefix)))
        return found;
    }
  return NULL;
}

static void
test_window_demo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaWindow *window = pacta_window_new (NULL, context);
  PactaCustomersPage *page = PACTA_CUSTOMERS_PAGE (pacta_window_get_customers_page (window));
  GListModel *visible = pacta_customers_page_get_visible (page);
  GtkWidget *grid_view;
  GListModel *shown;
  g_autoptr(PactaCustomer) first = NULL;
  AdwViewStack *stack;
  GtkWidget *sales, *helpdesk;

  gtk_window_present (GTK_WINDOW (window));
  pacta_test_drain_events ();

  g_assert_cmpstr (pacta_window_get_visible_page (window), ==, "main");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Pacta (Demo)");

  /* The list shows the store through filter and sort */
  grid_view = pacta_test_find_widget (GTK_WIDGET (page), GTK_TYPE_GRID_VIEW, NULL);
  g_assert_nonnull (grid_view);
  shown = G_LIST_MODEL (gtk_grid_view_get_model (GTK_GRID_VIEW (grid_view)));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 40);
  g_assert_true (model_has_name (shown, "Talleres Núñez S.L."));

  /* Sorted by name: the first row is the alphabetically first customer */
  first = g_list_model_get_item (shown, 0);
  g_assert_cmpstr (pacta_customer_get_name (first), ==, "Academia de Idiomas Babel");

  /* The rendered rows carry the names too */
  g_assert_nonnull (pacta_test_find_widget (grid_view, GTK_TYPE_LABEL, "Academia de Idiomas Babel"));

  pacta_customers_page_set_search (page, "TALLERES");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 1);
  g_assert_true (model_has_name (visible, "Talleres Núñez S.L."));
  /* Accents and case don't matter: what a Spanish user types finds it */
  pacta_customers_page_set_search (page, "clinica dental");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 2);
  g_assert_true (model_has_name (visible, "Clínica Dental Sonrisa"));
  pacta_customers_page_set_search (page, "NUÑEZ");
  g_assert_true (model_has_name (visible, "Talleres Núñez S.L."));
  pacta_customers_page_set_search (page, "no such customer");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 0);
  pacta_customers_page_set_search (page, "");
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 40);

  /* Starting needs only the Customers page: the other two are made, and
   * read their data, when they are first shown */
  stack = ADW_VIEW_STACK (pacta_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "customers");
  g_assert_null (pacta_test_find_widget (GTK_WIDGET (window), PACTA_TYPE_SALES_PAGE, NULL));
  g_assert_null (pacta_test_find_widget (GTK_WIDGET (window), PACTA_TYPE_HELPDESK_PAGE, NULL));
  adw_view_stack_set_visible_child_name (stack, "helpdesk");
  helpdesk = pacta_test_find_widget (GTK_WIDGET (window), PACTA_TYPE_HELPDESK_PAGE, NULL);
  g_assert_nonnull (helpdesk);
  g_assert_true (helpdesk == pacta_window_get_helpdesk_page (window));
  g_assert_cmpuint (g_list_model_get_n_items (pacta_helpdesk_page_get_visible (PACTA_HELPDESK_PAGE (helpdesk))), >, 0);
  /* Its search ignores accents too: the printer ticket of Talleres Núñez */
  pacta_helpdesk_page_set_search (PACTA_HELPDESK_PAGE (helpdesk), "NUNEZ");
  g_assert_cmpuint (g_list_model_get_n_items (pacta_helpdesk_page_get_visible (PACTA_HELPDESK_PAGE (helpdesk))), ==, 1);
  pacta_helpdesk_page_set_search (PACTA_HELPDESK_PAGE (helpdesk), "");
  g_assert_null (pacta_test_find_widget (GTK_WIDGET (window), PACTA_TYPE_SALES_PAGE, NULL));
  adw_view_stack_set_visible_child_name (stack, "sales");
  sales = pacta_test_find_widget (GTK_WIDGET (window), PACTA_TYPE_SALES_PAGE, NULL);
  g_assert_nonnull (sales);
  g_assert_true (sales == pacta_window_get_sales_page (window));
  /* With its banner for the customers still without a contract */
  g_assert_true (pacta_sales_page_get_banner_revealed (PACTA_SALES_PAGE (sales)));
  pacta_test_drain_events ();

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_row_menu_names (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaWindow *window = pacta_window_new (NULL, context);
  GtkWidget *page = pacta_window_get_customers_page (window);
  GtkWidget *button;

  gtk_window_present (GTK_WINDOW (window));
  pacta_test_drain_events ();

  /* A control repeated on every row is named for its row */
  button = pacta_test_find_widget (page, GTK_TYPE_MENU_BUTTON, NULL);
  g_assert_nonnull (button);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Actions for Academia de Idiomas Babel");

  gtk_window_destroy (GTK_WINDOW (window));
}

static const char *
name_at (GListModel *model,
         guint       position)
{
  g_autoptr(PactaCustomer) customer = g_list_model_get_item (model, position);

  return pacta_customer_get_name (customer);
}

/* The header's buttons sort as a column view's did: a click on the column
 * sorting reverses it, a click on another sorts by that one; a row opens
 * the panel from the keyboard */
static void
test_customers_sort_and_keys (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaWindow *window = pacta_window_new (NULL, context);
  PactaCustomersPage *page = PACTA_CUSTOMERS_PAGE (pacta_window_get_customers_page (window));
  PactaCustomerPanel *panel = PACTA_CUSTOMER_PANEL (pacta_customers_page_get_panel (page));
  GListModel *visible = pacta_customers_page_get_visible (page);
  GtkWidget *name_header, *services_header, *grid_view, *label, *item;
  guint n = g_list_model_get_n_items (visible);
  g_autofree char *last = NULL;
  guint previous = 0;

  gtk_window_present (GTK_WINDOW (window));
  pacta_test_drain_events ();

  name_header = pacta_test_find_button (GTK_WIDGET (page), "Name");
  services_header = pacta_test_find_button (GTK_WIDGET (page), "Services");
  g_assert_nonnull (name_header);
  g_assert_nonnull (services_header);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (name_header), GTK_ACCESSIBLE_PROPERTY_LABEL, "Sort by Name");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (name_header), GTK_ACCESSIBLE_PROPERTY_SORT,
                                       GTK_ACCESSIBLE_SORT_ASCENDING);
  g_assert_cmpstr (name_at (visible, 0), ==, "Academia de Idiomas Babel");
  last = g_strdup (name_at (visible, n - 1));

  /* Name again: descending */
  g_signal_emit_by_name (name_header, "clicked");
  pacta_test_drain_events ();
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, n);
  g_assert_cmpstr (name_at (visible, 0), ==, last);
  g_assert_cmpstr (name_at (visible, n - 1), ==, "Academia de Idiomas Babel");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (name_header), GTK_ACCESSIBLE_PROPERTY_SORT,
                                       GTK_ACCESSIBLE_SORT_DESCENDING);

  /* Services: ascending by the number of services */
  g_signal_emit_by_name (services_header, "clicked");
  pacta_test_drain_events ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PactaCustomer) customer = g_list_model_get_item (visible, i);

      g_assert_cmpuint (pacta_customer_get_n_services (customer), >=, previous);
      previous = pacta_customer_get_n_services (customer);
    }
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (services_header), GTK_ACCESSIBLE_PROPERTY_SORT,
                                       GTK_ACCESSIBLE_SORT_ASCENDING);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (name_header), GTK_ACCESSIBLE_PROPERTY_SORT,
                                       GTK_ACCESSIBLE_SORT_NONE);

  /* Enter on a row (the list's key binding) opens the panel on its customer */
  g_signal_emit_by_name (name_header, "clicked");
  pacta_test_drain_events ();
  g_assert_cmpstr (name_at (visible, 0), ==, "Academia de Idiomas Babel");
  grid_view = pacta_test_find_widget (GTK_WIDGET (page), GTK_TYPE_GRID_VIEW, NULL);
  label = pacta_test_find_widget (grid_view, GTK_TYPE_LABEL, "Academia de Idiomas Babel");
  g_assert_nonnull (label);
  item = gtk_widget_get_parent (gtk_widget_get_parent (label));
  g_assert_true (gtk_widget_get_parent (item) == grid_view);
  gtk_widget_grab_focus (item);
  g_assert_false (pacta_customers_page_get_panel_revealed (page));
  gtk_widget_activate (item);
  pacta_test_drain_events ();
  g_assert_true (pacta_customers_page_get_panel_revealed (page));
  g_assert_cmpstr (pacta_customer_panel_get_tab (panel), ==, "overview");
  {
    g_autoptr(PactaCustomer) first = g_list_model_get_item (visible, 0);

    g_assert_cmpint (pacta_customer_panel_get_customer (panel), ==, pacta_customer_get_id (first));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_welcome_on_empty (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, FALSE);
  PactaWindow *window = pacta_window_new (NULL, context);

  gtk_window_present (GTK_WINDOW (window));
  pacta_test_drain_events ();
  g_assert_cmpstr (pacta_window_get_visible_page (window), ==, "welcome");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Pacta");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_imported (PactaImportDialog *dialog,
             guint              created,
             guint              updated,
             gpointer           user_data)
{
  guint *result = user_data;

  result[0] = created;
  result[1] = TRUE;
}

static void
test_import_dialog (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, FALSE);
  g_autofree char *tenants_path = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "tenants.json", NULL);
  g_autofree char *usages_path = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "usages.json", NULL);
  g_autoptr(GFile) tenants = g_file_new_for_path (tenants_path);
  g_autoptr(GFile) usages = g_file_new_for_path (usages_path);
  PactaWindow *window = pacta_window_new (NULL, context);
  PactaImportDialog *dialog;
  guint result[2] = { 0, FALSE };

  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (pacta_window_get_visible_page (window), ==, "welcome");

  dialog = pacta_import_dialog_new (GTK_WINDOW (window), context);
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported), result);
  pacta_import_dialog_set_files (dialog, tenants, usages);
  gtk_window_present (GTK_WINDOW (dialog));
  pacta_import_dialog_start (dialog);
  pacta_test_wait_until (pacta_test_is_set, (gboolean *)&result[1]);

  g_assert_cmpuint (result[0], ==, 40);
  /* The store was synced on the main thread, so the window switched over */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pacta_context_get_customers (context))), ==, 40);
  g_assert_cmpstr (pacta_window_get_visible_page (window), ==, "main");

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_failed_notify (GtkStack   *stack,
                  GParamSpec *pspec,
                  gboolean   *done)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "error") == 0)
    *done = TRUE;
}

static void
test_import_dialog_bad_file (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, FALSE);
  g_autofree char *bad = pacta_test_write_file (f->dir, "bad.json", "{\"items\": [{\"id\": 1}]}", -1);
  g_autoptr(GFile) file = g_file_new_for_path (bad);
  PactaWindow *window = pacta_window_new (NULL, context);
  PactaImportDialog *dialog = pacta_import_dialog_new (GTK_WINDOW (window), context);
  GtkWidget *stack;
  GtkWidget *status;
  gboolean done = FALSE;
  gulong handler;

  stack = pacta_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_STACK, NULL);
  /* &done is this frame's: disconnected before the test returns */
  handler = g_signal_connect (stack, "notify::visible-child", G_CALLBACK (on_failed_notify), &done);

  pacta_import_dialog_set_files (dialog, file, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  pacta_import_dialog_start (dialog);
  pacta_test_wait_until (pacta_test_is_set, &done);
  g_signal_handler_disconnect (stack, handler);

  status = gtk_stack_get_visible_child (GTK_STACK (stack));
  g_assert_true (ADW_IS_STATUS_PAGE (status));
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)), "items[0].id: expected text"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pacta_context_get_customers (context))), ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}


static PactaCustomer *
visible_customer (PactaCustomersPage *page,
                  const char         *name)
{
  GListModel *visible = pacta_customers_page_get_visible (page);

  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      PactaCustomer *customer = g_list_model_get_item (visible, i);

      if (g_strcmp0 (pacta_customer_get_name (customer), name) == 0)
        return customer;
      g_object_unref (customer);
    }
  return NULL;
}

/* The whole step-1 flow: a row opens the panel, Configure has the form; a
 * wrong value is marked and nothing is saved; a right one saves and the
 * list's “Missing” mark goes away. */
static void
test_configure_tab (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaWindow *window = pacta_window_new (NULL, context);
  PactaCustomersPage *page = PACTA_CUSTOMERS_PAGE (pacta_window_get_customers_page (window));
  PactaCustomerPanel *panel = PACTA_CUSTOMER_PANEL (pacta_customers_page_get_panel (page));
  GtkWidget *form = pacta_customer_panel_get_form (panel);
  g_autoptr(PactaCustomer) first = NULL;
  g_autoptr(PactaCustomer) after = NULL;
  GtkWidget *country_row;
  GListModel *visible = pacta_customers_page_get_visible (page);
  guint missing_before;

  gtk_window_present (GTK_WINDOW (window));
  pacta_test_drain_events ();

  /* The demo leaves one customer in three without billing information */
  pacta_customers_page_set_missing_only (page, TRUE);
  missing_before = g_list_model_get_n_items (visible);
  g_assert_cmpuint (missing_before, ==, 13);

  first = g_list_model_get_item (visible, 0);
  g_assert_false (pacta_customer_get_has_billing_info (first));

  /* Clicking the row opens the side panel on the customer */
  pacta_customers_page_activate_row (page, 0);
  pacta_test_drain_events ();
  g_assert_true (pacta_customers_page_get_panel_revealed (page));
  g_assert_cmpint (pacta_customer_panel_get_customer (panel), ==, pacta_customer_get_id (first));
  g_assert_cmpstr (pacta_customer_panel_get_tab (panel), ==, "overview");

  /* The row menu's “Add billing information” goes to Configure */
  gtk_widget_activate_action (GTK_WIDGET (page), "customers.edit-billing", "x", pacta_customer_get_id (first));
  pacta_test_drain_events ();
  g_assert_cmpstr (pacta_customer_panel_get_tab (panel), ==, "configure");

  /* Invalid: marked inline, nothing saved */
  pacta_billing_form_set_text (PACTA_BILLING_FORM (form), "country", "ZZ");
  pacta_billing_form_set_text (PACTA_BILLING_FORM (form), "business-name", "");
  g_assert_false (pacta_customer_panel_save (panel));
  /* and the VAT number: the demo's company is in Spain, where the invoice's
   * record must name the customer by its tax number */
  g_assert_cmpuint (pacta_billing_form_get_n_problems (PACTA_BILLING_FORM (form)), ==, 3);
  g_assert_true (pacta_billing_form_field_has_error (PACTA_BILLING_FORM (form), "vat-number"));
  country_row = pacta_test_find_row (form, "Country code, such as ES (required)");
  g_assert_nonnull (country_row);
  g_assert_true (gtk_widget_has_css_class (country_row, "error"));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (country_row), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_TRUE);
  g_assert_cmpint (pacta_database_count (pacta_context_get_database (context),
                                         "SELECT count(*) FROM billing_info", NULL), ==, 27);

  /* Fixing the field takes its mark away as the user types */
  pacta_billing_form_set_text (PACTA_BILLING_FORM (form), "country", "ES");
  g_assert_false (gtk_widget_has_css_class (country_row, "error"));

  /* Valid: saved, the mark in the list disappears */
  pacta_billing_form_set_text (PACTA_BILLING_FORM (form), "business-name", "Academia Babel S.L.");
  pacta_billing_form_set_text (PACTA_BILLING_FORM (form), "vat-number", "ESB12345674");
  /* A Spanish decimal comma is fine; a word is not */
  pacta_billing_form_set_text (PACTA_BILLING_FORM (form), "tax-rate", "diez");
  g_assert_false (pacta_customer_panel_save (panel));
  g_assert_cmpuint (pacta_billing_form_get_n_problems (PACTA_BILLING_FORM (form)), ==, 1);
  pacta_billing_form_set_text (PACTA_BILLING_FORM (form), "tax-rate", "10,5");
  g_assert_true (pacta_customer_panel_save (panel));
  g_assert_cmpint (pacta_database_count (pacta_context_get_database (context),
                                         "SELECT count(*) FROM billing_info WHERE tax_rate = 1050", NULL), ==, 1);
  pacta_test_drain_events ();

  after = visible_customer (page, pacta_customer_get_name (first));
  g_assert_null (after);   /* filtered to missing only: it left the list */
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, missing_before - 1);
  pacta_customers_page_set_missing_only (page, FALSE);
  after = visible_customer (page, pacta_customer_get_name (first));
  g_assert_nonnull (after);
  g_assert_true (pacta_customer_get_has_billing_info (after));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_prompt_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  int *outcome = user_data;
  g_autoptr(GError) error = NULL;

  outcome[0] = pacta_billing_dialog_prompt_finish (result, &error);
  g_assert_no_error (error);
  outcome[1] = TRUE;
}

/* The prompt pre-fills what the platform knows; the demo's company is in
 * Spain, whose invoicing rules need the customer's NIF too */
static void
type_nif (PactaBillingDialog *prompt)
{
  pacta_billing_form_set_text (PACTA_BILLING_FORM (pacta_billing_dialog_get_form (prompt)), "vat-number",
                               "B12345674");
}

/* The prompt tells its caller whether the user saved or cancelled */
static void
test_prompt (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaDatabase *db = pacta_context_get_database (context);
  PactaWindow *window = pacta_window_new (NULL, context);
  PactaBillingDialog *dialog;
  int outcome[2] = { -1, FALSE };

  gtk_window_present (GTK_WINDOW (window));

  pacta_billing_dialog_prompt (GTK_WINDOW (window), context, 3, "Approving time needs billing information.",
                               on_prompt_done, outcome);
  dialog = PACTA_BILLING_DIALOG (pacta_test_find_toplevel (PACTA_TYPE_BILLING_DIALOG, FALSE));
  g_assert_nonnull (dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  pacta_test_wait_until (pacta_test_is_set, &outcome[1]);
  g_assert_cmpint (outcome[0], ==, FALSE);
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM billing_info WHERE customer_id = 3", NULL), ==, 0);

  outcome[0] = -1;
  outcome[1] = FALSE;
  pacta_billing_dialog_prompt (GTK_WINDOW (window), context, 3, NULL, on_prompt_done, outcome);
  dialog = PACTA_BILLING_DIALOG (pacta_test_find_toplevel (PACTA_TYPE_BILLING_DIALOG, FALSE));
  g_assert_nonnull (dialog);
  /* Pre-filled from the platform; the demo's company is in Spain, so
   * without the customer's NIF it is not saved, and with it it is */
  g_assert_false (pacta_billing_dialog_save (dialog));
  g_assert_true (pacta_billing_form_field_has_error (PACTA_BILLING_FORM (pacta_billing_dialog_get_form (dialog)),
                                                     "vat-number"));
  type_nif (dialog);
  g_assert_true (pacta_billing_dialog_save (dialog));
  pacta_test_wait_until (pacta_test_is_set, &outcome[1]);
  g_assert_cmpint (outcome[0], ==, TRUE);
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM billing_info WHERE customer_id = 3", NULL), ==, 1);
  g_assert_null (PACTA_BILLING_DIALOG (pacta_test_find_toplevel (PACTA_TYPE_BILLING_DIALOG, FALSE)));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Phone numbers show only with the self-managed customer profile */
static void
test_self_managed_contacts (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaWindow *window = pacta_window_new (NULL, context);
  PactaCustomersPage *page = PACTA_CUSTOMERS_PAGE (pacta_window_get_customers_page (window));
  PactaCustomerPanel *panel = PACTA_CUSTOMER_PANEL (pacta_customers_page_get_panel (page));
  GtkWidget *contacts = pacta_customer_panel_get_contacts (panel);
  sqlite3_stmt *stmt;
  g_autofree char *phone = NULL;
  g_autofree char *name = NULL;
  GtkWidget *row;

  stmt = pacta_database_prepare (pacta_context_get_database (context),
                                 "SELECT name, phone FROM contacts WHERE customer_id = 1", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  name = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  phone = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  sqlite3_reset (stmt);
  g_assert_nonnull (phone);

  gtk_window_present (GTK_WINDOW (window));
  pacta_customer_panel_set_customer (panel, 1);
  pacta_test_drain_events ();

  row = pacta_test_find_row (contacts, name);
  g_assert_nonnull (row);
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), phone));

  pacta_customer_panel_set_self_managed (panel, TRUE);
  pacta_test_drain_events ();
  row = pacta_test_find_row (contacts, name);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), phone));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The platform's external id shows in the panel, to be copied, when the
 * customer has one */
static void
test_customer_external_id (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaWindow *window;
  PactaCustomerPanel *panel;
  GtkWidget *row, *group, *label;

  g_assert_true (pacta_database_exec (pacta_context_get_database (context),
                                      "UPDATE customers SET external_id = 'ACC-0042' WHERE id = 1", NULL));
  window = pacta_window_new (NULL, context);
  panel = PACTA_CUSTOMER_PANEL (pacta_customers_page_get_panel (PACTA_CUSTOMERS_PAGE (pacta_window_get_customers_page (window))));
  gtk_window_present (GTK_WINDOW (window));
  pacta_customer_panel_set_customer (panel, 1);
  pacta_test_drain_events ();

  row = pacta_test_find_row (GTK_WIDGET (panel), "External ID");
  g_assert_nonnull (row);
  group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);
  g_assert_true (gtk_widget_get_visible (group));
  label = pacta_test_find_widget (row, GTK_TYPE_LABEL, "ACC-0042");
  g_assert_nonnull (label);
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (label)));

  /* None: not shown at all */
  pacta_customer_panel_set_customer (panel, 2);
  pacta_test_drain_events ();
  g_assert_false (gtk_widget_get_visible (group));
  g_assert_null (pacta_test_find_widget (row, GTK_TYPE_LABEL, "ACC-0042"));

  pacta_customer_panel_set_customer (panel, 1);
  pacta_test_drain_events ();
  g_assert_true (gtk_widget_get_visible (group));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_visible_changed (gboolean *done)
{
  *done = TRUE;
}

/* Import billing information… runs off the main thread and updates the list */
static void
test_import_billing_file (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  g_autofree char *csv = pacta_test_write_file (f->dir, "debtors.csv",
                                                "customer,business_name,country\n3,Tres S.L.,ES\n6,Seis S.L.,ES\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  PactaWindow *window = pacta_window_new (NULL, context);
  PactaCustomersPage *page = PACTA_CUSTOMERS_PAGE (pacta_window_get_customers_page (window));
  GListModel *visible = pacta_customers_page_get_visible (page);
  gboolean done = FALSE;
  gulong handler;

  gtk_window_present (GTK_WINDOW (window));
  pacta_customers_page_set_missing_only (page, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 13);

  pacta_window_import_billing_file (window, file);
  /* Nothing changes until the worker is done and the store synced */
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 13);
  handler = g_signal_connect_swapped (visible, "items-changed", G_CALLBACK (on_visible_changed), &done);
  pacta_test_wait_until (pacta_test_is_set, &done);
  /* &done is this frame's: the list may change again once the test is over */
  g_signal_handler_disconnect (visible, handler);
  g_assert_cmpuint (g_list_model_get_n_items (visible), ==, 11);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gint64
missing_count (PactaContext *context)
{
  return pacta_contract_count_missing (pacta_context_get_database (context), NULL);
}

/* Banner → wizard → priced contract, for a customer that has billing
 * information (the billing step is skipped) */
static void
test_banner_and_wizard (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaWindow *window = pacta_window_new (NULL, context);
  PactaSalesPage *page = PACTA_SALES_PAGE (pacta_window_get_sales_page (window));
  PactaContractWizard *wizard;
  gint64 before = missing_count (context);
  g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT " customers have no contracts assigned", before);
  /* Talleres Núñez: has billing information in the demo */
  gint64 customer = pacta_test_customer_of (context, "c0570000-2026-4a00-8b00-000000000001");

  gtk_window_present (GTK_WINDOW (window));
  pacta_test_drain_events ();

  g_assert_cmpint (before, >, 0);
  g_assert_true (pacta_sales_page_get_banner_revealed (page));
  g_assert_cmpstr (pacta_sales_page_get_banner_title (page), ==, expected);

  /* Create opens the wizard, limited to the customers without contracts */
  gtk_widget_activate_action (GTK_WIDGET (page), "sales.create-missing", NULL);
  wizard = PACTA_CONTRACT_WIZARD (pacta_test_find_toplevel (PACTA_TYPE_CONTRACT_WIZARD, FALSE));
  g_assert_nonnull (wizard);
  g_assert_cmpuint (pacta_contract_wizard_get_n_customers (wizard), ==, before);
  g_assert_cmpstr (pacta_contract_wizard_get_step (wizard), ==, "customer");

  /* Searchable */
  pacta_contract_wizard_set_search (wizard, "talleres");
  g_assert_cmpuint (pacta_contract_wizard_get_n_shown (wizard), ==, 1);
  pacta_contract_wizard_set_search (wizard, "talleres nunez");
  g_assert_cmpuint (pacta_contract_wizard_get_n_shown (wizard), ==, 1);

  /* Next without a customer is refused with a message */
  pacta_contract_wizard_next (wizard);
  g_assert_cmpstr (pacta_contract_wizard_get_step (wizard), ==, "customer");
  g_assert_nonnull (pacta_contract_wizard_get_message (wizard));

  pacta_contract_wizard_select (wizard, customer, TRUE);
  pacta_contract_wizard_next (wizard);
  g_assert_cmpstr (pacta_contract_wizard_get_step (wizard), ==, "info");
  pacta_contract_wizard_next (wizard);
  /* It has billing information: straight to the parts */
  g_assert_cmpstr (pacta_contract_wizard_get_step (wizard), ==, "parts");
  g_assert_cmpuint (g_list_model_get_n_items (pacta_parts_editor_get_parts (
                      PACTA_PARTS_EDITOR (pacta_contract_wizard_get_parts_editor (wizard)))), ==, 3);

  /* Back and forth keeps the way */
  pacta_contract_wizard_back (wizard);
  g_assert_cmpstr (pacta_contract_wizard_get_step (wizard), ==, "info");
  pacta_contract_wizard_next (wizard);

  pacta_contract_wizard_next (wizard);
  g_assert_cmpstr (pacta_contract_wizard_get_step (wizard), ==, "done");
  pacta_test_drain_events ();

  /* The contract is in the tab; the banner count dropped */
  g_assert_cmpuint (g_list_model_get_n_items (pacta_sales_page_get_visible_contracts (page)), ==, 1);
  g_assert_cmpint (missing_count (context), ==, before - 1);
  g_free (expected);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " customers have no contracts assigned", before - 1);
  g_assert_cmpstr (pacta_sales_page_get_banner_title (page), ==, expected);

  pacta_contract_wizard_next (wizard);
  g_assert_null (PACTA_CONTRACT_WIZARD (pacta_test_find_toplevel (PACTA_TYPE_CONTRACT_WIZARD, FALSE)));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A customer without billing information gets the billing step, with the
 * same form as the Configure tab */
static void
test_wizard_billing_step (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaContractWizard *wizard = pacta_contract_wizard_new (NULL, context, TRUE);
  /* Gestoría López (03): one in three of the demo lacks billing information */
  gint64 customer = pacta_test_customer_of (context, "c0570000-2026-4a00-8b00-000000000003");
  PactaBillingForm *form;
  AdwWindowTitle *title;

  gtk_window_present (GTK_WINDOW (wizard));
  pacta_contract_wizard_select (wizard, customer, TRUE);
  pacta_contract_wizard_next (wizard);
  pacta_contract_wizard_next (wizard);
  g_assert_cmpstr (pacta_contract_wizard_get_step (wizard), ==, "billing");
  title = ADW_WINDOW_TITLE (pacta_test_find_widget (GTK_WIDGET (wizard), ADW_TYPE_WINDOW_TITLE, NULL));
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "Step 3 of 4: Billing Information");

  /* A wrong value keeps the wizard on the step */
  form = PACTA_BILLING_FORM (pacta_contract_wizard_get_billing_form (wizard));
  pacta_billing_form_set_text (form, "country", "Spain");
  pacta_contract_wizard_next (wizard);
  g_assert_cmpstr (pacta_contract_wizard_get_step (wizard), ==, "billing");
  g_assert_cmpint (pacta_database_count (pacta_context_get_database (context),
                                         "SELECT count(*) FROM billing_info WHERE customer_id = 3", NULL), ==, 0);

  /* Spanish, under the demo company's rules: its NIF too */
  pacta_billing_form_set_text (form, "country", "ES");
  pacta_billing_form_set_text (form, "vat-number", "B12345674");
  pacta_contract_wizard_next (wizard);
  g_assert_cmpstr (pacta_contract_wizard_get_step (wizard), ==, "parts");
  g_assert_cmpint (pacta_database_count (pacta_context_get_database (context),
                                         "SELECT count(*) FROM billing_info WHERE customer_id = 3", NULL), ==, 1);
  /* Saved, the billing step still counts */
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "Step 4 of 4: Contract Parts");

  pacta_contract_wizard_next (wizard);
  g_assert_cmpstr (pacta_contract_wizard_get_step (wizard), ==, "done");
  g_assert_cmpint (pacta_database_count (pacta_context_get_database (context),
                                         "SELECT count(*) FROM contracts WHERE customer_id = 3", NULL), ==, 1);
  gtk_window_destroy (GTK_WINDOW (wizard));
}

/* Several customers at once: the ready get contracts, the others are listed */
static void
test_wizard_bulk (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaContractWizard *wizard = pacta_contract_wizard_new (NULL, context, TRUE);
  gint64 before = missing_count (context);
  GListModel *customers = G_LIST_MODEL (pacta_context_get_customers (context));
  guint ticked = 0;

  gtk_window_present (GTK_WINDOW (wizard));
  /* Twenty customers of those without contracts */
  for (guint i = 0; i < g_list_model_get_n_items (customers) && ticked < 20; i++)
    {
      g_autoptr(PactaCustomer) customer = g_list_model_get_item (customers, i);
      g_autoptr(GArray) missing = pacta_contract_missing_customers (pacta_context_get_database (context), NULL);

      for (guint k = 0; k < missing->len; k++)
        if (g_array_index (missing, gint64, k) == pacta_customer_get_id (customer))
          {
            pacta_contract_wizard_select (wizard, pacta_customer_get_id (customer), TRUE);
            ticked++;
          }
    }
  g_assert_cmpuint (ticked, ==, 20);

  pacta_contract_wizard_next (wizard);
  pacta_contract_wizard_next (wizard);
  /* No billing step for several customers: they are checked one by one */
  g_assert_cmpstr (pacta_contract_wizard_get_step (wizard), ==, "parts");
  pacta_contract_wizard_next (wizard);
  g_assert_cmpstr (pacta_contract_wizard_get_step (wizard), ==, "done");

  {
    gint64 created = pacta_database_count (pacta_context_get_database (context), "SELECT count(*) FROM contracts", NULL);
    gint64 skipped_billing = pacta_database_count (pacta_context_get_database (context),
                                                   "SELECT count(*) FROM customers c WHERE NOT EXISTS"
                                                   " (SELECT 1 FROM billing_info b WHERE b.customer_id = c.id)"
                                                   " AND NOT EXISTS (SELECT 1 FROM contracts k WHERE k.customer_id = c.id)",
                                                   NULL);

    g_assert_cmpint (created, >, 0);
    g_assert_cmpint (created, <=, 20);
    g_assert_cmpint (skipped_billing, >, 0);
    g_assert_cmpint (missing_count (context), ==, before - created);
  }
  gtk_window_destroy (GTK_WINDOW (wizard));
}

static void
test_banner_hidden_without_missing (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, FALSE);
  PactaWindow *window = pacta_window_new (NULL, context);
  PactaSalesPage *page = PACTA_SALES_PAGE (pacta_window_get_sales_page (window));

  gtk_window_present (GTK_WINDOW (window));
  pacta_test_drain_events ();
  g_assert_cmpint (missing_count (context), ==, 0);
  g_assert_false (pacta_sales_page_get_banner_revealed (page));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A contract opens from the list; its parts are editable and saved */
static void
test_contract_dialog (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaDatabase *db = pacta_context_get_database (context);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(PactaContract) prototype = g_object_new (PACTA_TYPE_CONTRACT, "name", "Managed services",
                                                     "start-date", "2026-12-01", NULL);
  g_autoptr(GPtrArray) skipped = NULL;
  PactaContractDialog *dialog;
  gint64 customer = pacta_test_customer_by_tenant (db, "c0570000-2026-4a00-8b00-000000000001");
  gint64 contract_id;

  g_array_append_val (ids, customer);
  skipped = pacta_context_create_default_contracts (context, ids, prototype, NULL, NULL);
  g_assert_cmpuint (skipped->len, ==, 0);
  contract_id = pacta_database_count (db, "SELECT id FROM contracts", NULL);

  dialog = pacta_contract_dialog_new (NULL, context, contract_id);
  gtk_window_present (GTK_WINDOW (dialog));

  /* An unreadable price is refused; a Spanish decimal comma is fine */
  pacta_parts_editor_set_price_text (PACTA_PARTS_EDITOR (pacta_contract_dialog_get_parts_editor (dialog)), 0, "caro");
  g_assert_false (pacta_contract_dialog_save (dialog));
  pacta_parts_editor_set_price_text (PACTA_PARTS_EDITOR (pacta_contract_dialog_get_parts_editor (dialog)), 0, "9,95");
  g_assert_true (pacta_contract_dialog_save (dialog));

  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM contract_parts WHERE unit_price = 99500", NULL), ==, 1);
}

/* Preferences → Catalog: a price typed and saved; a price list imported */
static void
test_preferences_catalog (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, FALSE);
  PactaDatabase *db = pacta_context_get_database (context);
  PactaPreferencesWindow *prefs = pacta_preferences_window_new (NULL, context);
  g_autofree char *csv = pacta_test_write_file (f->dir, "prices.csv",
                                                "usage_key,name,price\nservers,Servidores,41.5\n", -1);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  gint64 items = pacta_database_count (db, "SELECT count(*) FROM catalog_items", NULL);

  gtk_window_present (GTK_WINDOW (prefs));
  g_assert_cmpint (pacta_preferences_window_get_n_items (prefs), ==, items);

  g_assert_false (pacta_preferences_window_set_price (prefs, 0, "mucho"));
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM catalog_items WHERE price IS NOT NULL", NULL), ==, 0);
  g_assert_true (pacta_preferences_window_set_price (prefs, 0, "12,5"));
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM catalog_items WHERE price = 125000", NULL), ==, 1);

  /* Staff, for assigning tickets */
  g_assert_cmpuint (pacta_preferences_window_get_n_staff (prefs), ==, 0);
  g_assert_true (pacta_preferences_window_add_staff (prefs, "Ana Ruiz"));
  g_assert_false (pacta_preferences_window_add_staff (prefs, "  "));
  g_assert_cmpuint (pacta_preferences_window_get_n_staff (prefs), ==, 1);

  /* Your company: a bad VAT number is marked and nothing is saved; fixed, it is */
  pacta_preferences_window_set_msp_field (prefs, "business-name", "Sistemas Levante S.L.");
  pacta_preferences_window_set_msp_field (prefs, "country", "es");
  pacta_preferences_window_set_msp_field (prefs, "vat-number", "ES12");
  g_assert_false (pacta_preferences_window_save_msp (prefs));
  g_assert_true (pacta_preferences_window_msp_field_has_error (prefs, "vat-number"));
  g_assert_false (pacta_preferences_window_msp_field_has_error (prefs, "business-name"));
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM settings WHERE key = 'business-name'", NULL), ==, 0);
  pacta_preferences_window_set_msp_field (prefs, "vat-number", "ESB12345678");
  pacta_preferences_window_set_msp_field (prefs, "iban", "ES00 1234");
  g_assert_false (pacta_preferences_window_save_msp (prefs));
  g_assert_true (pacta_preferences_window_msp_field_has_error (prefs, "iban"));
  pacta_preferences_window_set_msp_field (prefs, "iban", "ES91 2100 0418 4502 0005 1332");
  g_assert_true (pacta_preferences_window_save_msp (prefs));
  g_assert_false (pacta_preferences_window_msp_field_has_error (prefs, "iban"));
  g_assert_false (pacta_preferences_window_msp_field_has_error (prefs, "vat-number"));
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM settings WHERE key = 'business-name'"
                                             " AND value = 'Sistemas Levante S.L.'", NULL), ==, 1);
  /* Normalised on save: the country code upper-cased */
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM settings WHERE key = 'country' AND value = 'ES'", NULL), ==, 1);

  /* Defaults: a wrong rate is marked and nothing saved; then USD at 10,5 % */
  g_assert_cmpstr (pacta_context_get_currency (context), ==, "EUR");
  g_assert_false (pacta_preferences_window_save_defaults (prefs, "USD", "ten"));
  g_assert_true (pacta_preferences_window_msp_field_has_error (prefs, "tax-rate"));
  g_assert_cmpstr (pacta_context_get_currency (context), ==, "EUR");
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM settings WHERE key = 'tax-rate'", NULL), ==, 0);
  g_assert_true (pacta_preferences_window_save_defaults (prefs, "USD", "10,5"));
  g_assert_false (pacta_preferences_window_msp_field_has_error (prefs, "tax-rate"));
  g_assert_cmpstr (pacta_context_get_currency (context), ==, "USD");
  g_assert_cmpint (pacta_msp_get_default_tax_rate (db), ==, 1050);

  /* Invoice numbering: a live preview; a bad pattern is explained and not saved */
  {
    PactaNumberingEditor *editor = pacta_preferences_window_get_numbering_editor (prefs, "invoice");
    g_autoptr(PactaNumbering) saved = NULL;

    g_autoptr(GTimeZone) kiritimati = g_time_zone_new_identifier ("Pacific/Kiritimati");

    /* For today by the app's clock, in its zone: 10:30 UTC on 31 December
     * is 11:30 in Madrid, and already 1 January on Kiritimati (UTC+14) */
    g_assert_nonnull (kiritimati);
    pacta_test_set_clock ("Europe/Madrid", "2026-12-31T10:30:00Z");
    g_assert_nonnull (strstr (pacta_numbering_editor_get_preview (editor), "INV-"));
    pacta_numbering_editor_set_pattern (editor, "F{yyyy}/{00000}");
    pacta_numbering_editor_set_next (editor, 318);
    g_assert_cmpstr (pacta_numbering_editor_get_preview (editor), ==, "F2026/00318, then F2026/00319");
    pacta_clock_set_timezone (pacta_clock_get_default (), kiritimati);
    pacta_numbering_editor_set_date (editor, NULL);
    g_assert_cmpstr (pacta_numbering_editor_get_preview (editor), ==, "F2027/00318, then F2027/00319");
    pacta_test_set_clock ("Europe/Madrid", "2026-12-31T10:30:00Z");
    /* For another date, the numbers that date will carry */
    pacta_numbering_editor_set_date (editor, "2031-05-01");
    g_assert_cmpstr (pacta_numbering_editor_get_preview (editor), ==, "F2031/00318, then F2031/00319");
    pacta_numbering_editor_set_date (editor, NULL);
    pacta_numbering_editor_set_pattern (editor, "F{yyyy}");
    g_assert_nonnull (strstr (pacta_numbering_editor_get_preview (editor), "{0000}"));
    g_assert_false (pacta_preferences_window_save_numbering (prefs, "invoice"));
    pacta_numbering_editor_set_pattern (editor, "F{yyyy}/{00000}");
    g_assert_true (pacta_preferences_window_save_numbering (prefs, "invoice"));
    saved = pacta_numbering_load (db, "invoice", NULL);
    g_assert_cmpstr (saved->pattern, ==, "F{yyyy}/{00000}");
    g_assert_cmpint (saved->next, ==, 318);
    /* Saving settings is not the review before the first run */
    g_assert_false (saved->confirmed);
  }

  pacta_preferences_window_import_catalog (prefs, file);
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM catalog_items WHERE usage_key = 'servers'"
                                             " AND name = 'Servidores' AND price = 415000", NULL), ==, 1);
  g_assert_cmpint (pacta_preferences_window_get_n_items (prefs), ==, items);
  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* Picking a customer without billing information asks for it first:
 * Cancel keeps the item without that customer, Save continues with it */
static void
test_sales_item_gate (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaDatabase *db = pacta_context_get_database (context);
  PactaWindow *window = pacta_window_new (NULL, context);
  PactaSalesPage *page = PACTA_SALES_PAGE (pacta_window_get_sales_page (window));
  PactaSalesItemDialog *dialog;
  PactaBillingDialog *prompt;
  gint64 with_info = pacta_test_customer_by_tenant (db, "c0570000-2026-4a00-8b00-000000000001");
  gint64 without_info = pacta_test_customer_by_tenant (db, "c0570000-2026-4a00-8b00-000000000003");

  gtk_window_present (GTK_WINDOW (window));
  dialog = pacta_sales_item_dialog_new (GTK_WINDOW (window), context, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  pacta_sales_item_dialog_choose_customer (dialog, with_info);
  g_assert_cmpint (pacta_sales_item_dialog_get_customer (dialog), ==, with_info);
  g_assert_null (PACTA_BILLING_DIALOG (pacta_test_find_toplevel (PACTA_TYPE_BILLING_DIALOG, FALSE)));

  /* Cancel: not taken; the previous customer stays */
  pacta_sales_item_dialog_choose_customer (dialog, without_info);
  prompt = PACTA_BILLING_DIALOG (pacta_test_find_toplevel (PACTA_TYPE_BILLING_DIALOG, FALSE));
  g_assert_nonnull (prompt);
  gtk_window_close (GTK_WINDOW (prompt));
  pacta_test_drain_events ();
  g_assert_cmpint (pacta_sales_item_dialog_get_customer (dialog), ==, with_info);
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM billing_info WHERE customer_id = 3", NULL), ==, 0);

  /* Save: the billing information is stored and the item continues with the customer */
  pacta_sales_item_dialog_choose_customer (dialog, without_info);
  prompt = PACTA_BILLING_DIALOG (pacta_test_find_toplevel (PACTA_TYPE_BILLING_DIALOG, FALSE));
  g_assert_nonnull (prompt);
  type_nif (prompt);
  g_assert_true (pacta_billing_dialog_save (prompt));
  pacta_test_drain_events ();
  g_assert_cmpint (pacta_sales_item_dialog_get_customer (dialog), ==, without_info);

  /* Lines and totals, live; then saved into the tab */
  pacta_sales_item_dialog_add_line (dialog, "Router", "2", "89.99");
  g_assert_cmpstr (pacta_sales_item_dialog_get_total_text (dialog), ==, "Total before tax: 179.98 €");
  g_assert_true (pacta_sales_item_dialog_save (dialog));
  pacta_test_drain_events ();
  g_assert_cmpuint (g_list_model_get_n_items (pacta_sales_page_get_visible_sales_items (page)), ==, 1);
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM sales_items WHERE customer_id = 3"
                                             " AND status = 'pending'", NULL), ==, 1);

  /* Filtered by status */
  pacta_sales_page_set_status_filter (page, 3);   /* Billed */
  g_assert_cmpuint (g_list_model_get_n_items (pacta_sales_page_get_visible_sales_items (page)), ==, 0);
  pacta_sales_page_set_status_filter (page, 4);   /* Not billed */
  g_assert_cmpuint (g_list_model_get_n_items (pacta_sales_page_get_visible_sales_items (page)), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A billed item opens read-only */
static void
test_sales_item_billed (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaDatabase *db = pacta_context_get_database (context);
  g_autoptr(PactaSalesItem) item = g_object_new (PACTA_TYPE_SALES_ITEM, "customer-id",
                                                 pacta_test_customer_by_tenant (db, "c0570000-2026-4a00-8b00-000000000001"),
                                                 "invoice-date", "2026-11-01", NULL);
  g_autoptr(GListStore) lines = g_list_store_new (PACTA_TYPE_SALES_ITEM_LINE);
  g_autoptr(PactaSalesItemLine) line = g_object_new (PACTA_TYPE_SALES_ITEM_LINE, "description", "Switch",
                                                     "quantity", (gint64)10000, "unit-price", (gint64)1000000, NULL);
  PactaSalesItemDialog *dialog;
  gint64 id;

  g_list_store_append (lines, line);
  id = pacta_context_create_sales_item (context, item, G_LIST_MODEL (lines), NULL);
  g_assert_cmpint (id, >, 0);
  g_assert_true (pacta_database_exec (db, "UPDATE sales_items SET status = 'billed'", NULL));

  dialog = pacta_sales_item_dialog_new (NULL, context, id);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_nonnull (pacta_sales_item_dialog_get_message (dialog));
  g_assert_false (pacta_sales_item_dialog_save (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A ticket runs from creation to closed without billing information; its
 * time is approved through the billing prompt into a pending sales item */
static void
test_helpdesk_flow (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaDatabase *db = pacta_context_get_database (context);
  PactaWindow *window = pacta_window_new (NULL, context);
  PactaHelpdeskPage *page = PACTA_HELPDESK_PAGE (pacta_window_get_helpdesk_page (window));
  /* Gestoría López (03): no billing information in the demo */
  gint64 customer = pacta_test_customer_by_tenant (db, "c0570000-2026-4a00-8b00-000000000003");
  PactaTicketDialog *dialog;
  PactaBillingDialog *prompt;
  g_autoptr(GError) error = NULL;
  gint64 ticket;
  gint64 entry;

  guint open_before;

  gtk_window_present (GTK_WINDOW (window));
  /* The demo comes with a few tickets, one of them closed */
  open_before = g_list_model_get_n_items (pacta_helpdesk_page_get_visible (page));
  g_assert_cmpuint (open_before, ==, 3);
  ticket = pacta_helpdesk_page_create_ticket (page, customer, "Printer offline", "The office printer is offline.", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pacta_helpdesk_page_get_visible (page)), ==, open_before + 1);

  dialog = pacta_ticket_dialog_new (GTK_WINDOW (window), context, ticket);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (pacta_ticket_dialog_reply (dialog, "We are on it.", FALSE));
  g_assert_true (pacta_ticket_dialog_reply (dialog, "Toner is empty.", TRUE));
  g_assert_cmpuint (pacta_ticket_dialog_get_n_updates (dialog), ==, 3);
  g_assert_true (pacta_ticket_dialog_move (dialog, "in_progress"));
  g_assert_true (pacta_ticket_dialog_add_time (dialog, 21, "Replaced the toner"));
  g_assert_true (pacta_ticket_dialog_move (dialog, "resolved"));
  g_assert_true (pacta_ticket_dialog_move (dialog, "closed"));
  /* A move the lifecycle does not allow says why */
  g_assert_false (pacta_ticket_dialog_move (dialog, "waiting"));
  g_assert_nonnull (pacta_ticket_dialog_get_message (dialog));

  /* Closed tickets leave the “Open” view */
  pacta_test_drain_events ();
  g_assert_cmpuint (g_list_model_get_n_items (pacta_helpdesk_page_get_visible (page)), ==, open_before);
  pacta_helpdesk_page_set_status_filter (page, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pacta_helpdesk_page_get_visible (page)), ==, open_before + 2);

  /* Approve → the prompt; Cancel changes nothing */
  entry = pacta_database_count (db, "SELECT max(id) FROM time_entries", NULL);
  pacta_ticket_dialog_approve (dialog, entry);
  prompt = PACTA_BILLING_DIALOG (pacta_test_find_toplevel (PACTA_TYPE_BILLING_DIALOG, FALSE));
  g_assert_nonnull (prompt);
  gtk_window_close (GTK_WINDOW (prompt));
  pacta_test_drain_events ();
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM time_entries WHERE state = 'pending'", NULL), ==, 4);
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM sales_items", NULL), ==, 0);

  /* Save: the approval completes into one pending sales item at the demo's 55.00 an hour */
  pacta_ticket_dialog_approve (dialog, entry);
  prompt = PACTA_BILLING_DIALOG (pacta_test_find_toplevel (PACTA_TYPE_BILLING_DIALOG, FALSE));
  g_assert_nonnull (prompt);
  type_nif (prompt);
  g_assert_true (pacta_billing_dialog_save (prompt));
  pacta_test_drain_events ();
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM time_entries WHERE state = 'approved'"
                                             " AND approved_minutes = 30", NULL), ==, 1);
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM sales_items WHERE status = 'pending'"
                                             " AND origin = 'ticket' AND customer_id = 3", NULL), ==, 1);
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM sales_item_lines WHERE unit_price = 550000", NULL), ==, 1);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every row of @model in its sorter's order */
static void
assert_sorted (GListModel *model)
{
  GtkSorter *sorter = gtk_sort_list_model_get_sorter (GTK_SORT_LIST_MODEL (model));

  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) a = g_list_model_get_item (model, i - 1);
      g_autoptr(GObject) b = g_list_model_get_item (model, i);

      g_assert_cmpint (gtk_sorter_compare (sorter, a, b), !=, GTK_ORDERING_LARGER);
    }
}

/* Lists longer than PACTA_LIST_STEP_ROWS show at once and fill a step at a
 * time while the window stays responsive, saying how far they have got;
 * once done they show what reading every row at once would */
static void
test_long_lists_in_steps (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaDatabase *db = pacta_context_get_database (context);
  g_autoptr(GError) error = NULL;
  PactaWindow *window;
  PactaHelpdeskPage *helpdesk;
  PactaSalesPage *sales;
  GListModel *tickets, *contracts, *items;
  gint64 open_tickets;

  g_assert_true (pacta_database_exec (db,
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500)"
    " INSERT INTO tickets (number, title, customer_id, status, created_at, updated_at)"
    " SELECT printf ('L-%05d', i), 'Incidencia ' || i, 1, CASE WHEN i % 3 = 0 THEN 'closed' ELSE 'new' END,"
    " '2026-01-01T09:00:00Z', printf ('2026-%02d-%02dT09:00:00Z', 1 + i % 12, 1 + i % 28) FROM n", &error));
  g_assert_true (pacta_database_exec (db,
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500)"
    " INSERT INTO contracts (name, customer_id, start_date, created_at)"
    " SELECT 'Contrato ' || i, 1 + i % 5, '2026-01-01', '2026-01-01' FROM n", &error));
  g_assert_true (pacta_database_exec (db,
    "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500)"
    " INSERT INTO sales_items (customer_id, invoice_date, description, created_at)"
    " SELECT 1 + i % 5, printf ('2026-%02d-01', 1 + i % 12), 'Venta ' || i, '2026-01-01' FROM n", &error));
  g_assert_no_error (error);
  g_assert_true (pacta_context_sync (context, &error));
  g_assert_no_error (error);
  open_tickets = pacta_database_count (db, "SELECT count(*) FROM tickets WHERE status <> 'closed'", NULL);

  /* Closed while its lists are still being read: nothing is left behind
   * (GTK 4.8 crashed when switching the steps off midway) */
  window = pacta_window_new (NULL, context);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (pacta_helpdesk_page_is_loading (PACTA_HELPDESK_PAGE (pacta_window_get_helpdesk_page (window))));
  g_assert_true (pacta_sales_page_is_loading (PACTA_SALES_PAGE (pacta_window_get_sales_page (window))));
  g_main_context_iteration (NULL, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  pacta_test_drain_events ();

  window = pacta_window_new (NULL, context);
  gtk_window_present (GTK_WINDOW (window));

  /* Shown at once, not yet complete, and saying so */
  helpdesk = PACTA_HELPDESK_PAGE (pacta_window_get_helpdesk_page (window));
  tickets = pacta_helpdesk_page_get_visible (helpdesk);
  g_assert_true (pacta_helpdesk_page_is_loading (helpdesk));
  g_assert_cmpuint (g_list_model_get_n_items (tickets), <, open_tickets);
  g_assert_nonnull (find_label_prefix (GTK_WIDGET (helpdesk), "Loading… "));
  pacta_test_wait_until (pacta_test_helpdesk_loaded, helpdesk);
  g_assert_cmpuint (g_list_model_get_n_items (tickets), ==, open_tickets);
  assert_sorted (tickets);
  g_assert_null (find_label_prefix (GTK_WIDGET (helpdesk), "Loading… "));

  /* Searching a long list: the same, a step at a time */
  pacta_helpdesk_page_set_search (helpdesk, "incidencia 14");
  pacta_test_wait_until (pacta_test_helpdesk_loaded, helpdesk);
  g_assert_cmpuint (g_list_model_get_n_items (tickets), ==,
                    pacta_database_count (db, "SELECT count(*) FROM tickets WHERE status <> 'closed'"
                                              " AND title LIKE 'Incidencia 14%'", NULL));
  pacta_helpdesk_page_set_search (helpdesk, "");
  pacta_test_wait_until (pacta_test_helpdesk_loaded, helpdesk);
  g_assert_cmpuint (g_list_model_get_n_items (tickets), ==, open_tickets);

  /* Contracts match every row with an empty search; still a step at a time */
  sales = PACTA_SALES_PAGE (pacta_window_get_sales_page (window));
  contracts = pacta_sales_page_get_visible_contracts (sales);
  items = pacta_sales_page_get_visible_sales_items (sales);
  g_assert_true (pacta_sales_page_is_loading (sales));
  g_assert_cmpuint (g_list_model_get_n_items (contracts), <,
                    pacta_database_count (db, "SELECT count(*) FROM contracts", NULL));
  pacta_test_wait_until (pacta_test_sales_loaded, sales);
  g_assert_cmpuint (g_list_model_get_n_items (contracts), ==, pacta_database_count (db, "SELECT count(*) FROM contracts", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, pacta_database_count (db, "SELECT count(*) FROM sales_items", NULL));
  assert_sorted (contracts);
  assert_sorted (items);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Several entries across tickets, approved at once from Time to approve */
static void
test_helpdesk_bulk_approve (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaDatabase *db = pacta_context_get_database (context);
  PactaWindow *window = pacta_window_new (NULL, context);
  PactaHelpdeskPage *page = PACTA_HELPDESK_PAGE (pacta_window_get_helpdesk_page (window));
  /* Talleres Núñez and Clínica Dental Sonrisa have billing information */
  gint64 a = pacta_helpdesk_page_create_ticket (page, pacta_test_customer_by_tenant (db, "c0570000-2026-4a00-8b00-000000000001"),
                                                "Wi-Fi", NULL, NULL);
  gint64 b = pacta_helpdesk_page_create_ticket (page, pacta_test_customer_by_tenant (db, "c0570000-2026-4a00-8b00-000000000002"),
                                                "Backups", NULL, NULL);
  PactaTicketDialog *dialog;

  /* Only this test's time: the demo's own waits elsewhere */
  g_assert_true (pacta_database_exec (db, "DELETE FROM time_entries", NULL));
  gtk_window_present (GTK_WINDOW (window));
  dialog = pacta_ticket_dialog_new (NULL, context, a);
  pacta_ticket_dialog_add_time (dialog, 10, NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  dialog = pacta_ticket_dialog_new (NULL, context, b);
  pacta_ticket_dialog_add_time (dialog, 45, NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  pacta_test_drain_events ();

  g_assert_cmpuint (pacta_helpdesk_page_get_n_pending (page), ==, 2);
  pacta_helpdesk_page_select_all_pending (page);
  pacta_helpdesk_page_approve_selected (page);
  pacta_test_drain_events ();
  g_assert_cmpuint (pacta_helpdesk_page_get_n_pending (page), ==, 0);
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM sales_items WHERE origin = 'ticket'", NULL), ==, 2);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
strv_is_set (gpointer strv)
{
  return *(GStrv *)strv != NULL;
}

static void
on_committed_cb (PactaBillingRunDialog *dialog,
                 GStrv                  numbers,
                 GStrv                 *out)
{
  *out = g_strdupv (numbers);
}

/* Run Billing: the first run asks to confirm the numbering (editable, with a
 * preview); after Confirm the run goes ahead; the next run does not ask */
static void
test_billing_run_dialog (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaDatabase *db = pacta_context_get_database (context);
  PactaBillingRunDialog *dialog;
  AdwMessageDialog *confirmation;
  PactaNumberingEditor *editor;
  g_auto(GStrv) numbers = NULL;
  guint created = 0;
  guint planned;

  /* Ten seconds before the new year: by default the month just ended is
   * billed, and credit notes are dated (and numbered) in the old year */
  pacta_test_set_clock ("Europe/Madrid", "2026-12-31T23:59:50+01:00");
  created = pacta_test_add_missing_contracts (context);
  g_assert_cmpuint (created, >, 0);

  dialog = pacta_billing_run_dialog_new (NULL, context);
  g_signal_connect (dialog, "committed", G_CALLBACK (on_committed_cb), &numbers);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpstr (pacta_billing_run_dialog_get_month (dialog), ==, "2026-11");
  pacta_billing_run_dialog_set_month (dialog, "November");
  g_assert_cmpuint (pacta_billing_run_dialog_get_n_planned (dialog), ==, 0);
  pacta_billing_run_dialog_set_month (dialog, "2026-11");
  planned = pacta_billing_run_dialog_get_n_planned (dialog);
  g_assert_cmpuint (planned, ==, created);
  /* Customers without billing information are listed, not billed */
  g_assert_cmpuint (pacta_billing_run_dialog_get_n_skipped (dialog), ==,
                    pacta_database_count (db, "SELECT count(DISTINCT customer_id) FROM contracts c WHERE NOT EXISTS"
                                              " (SELECT 1 FROM billing_info b WHERE b.customer_id = c.customer_id)", NULL));

  /* The month's usage is not closed: asked first, billed from the
   * provisional usage (test_billing_run_usage() has the rest) */
  pacta_billing_run_dialog_create (dialog);
  g_assert_null (pacta_billing_run_dialog_get_confirmation (dialog));
  pacta_billing_run_dialog_answer_usage (dialog, "provisional");

  /* Numbering never confirmed: the confirmation opens, nothing is written */
  pacta_test_wait_until (pacta_test_run_finished, dialog);
  confirmation = pacta_billing_run_dialog_get_confirmation (dialog);
  g_assert_nonnull (confirmation);
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM invoices", NULL), ==, 0);
  editor = PACTA_NUMBERING_EDITOR (adw_message_dialog_get_extra_child (confirmation));
  pacta_numbering_editor_set_next (editor, 318);
  /* Previewed for the run's date, 2026-12-01 */
  g_assert_cmpstr (pacta_numbering_editor_get_preview (editor), ==, "INV-2026-0318, then INV-2026-0319");
  adw_message_dialog_response (confirmation, "confirm");
  /* The run goes ahead in a worker thread; wait for its result */
  pacta_test_wait_until (strv_is_set, &numbers);

  g_assert_nonnull (numbers);
  g_assert_cmpuint (g_strv_length (numbers), ==, planned);
  g_assert_true (g_str_has_suffix (numbers[0], "-0318"));
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM invoices", NULL), ==, planned);
  g_clear_pointer (&numbers, g_strfreev);

  /* The next run: no confirmation; nothing left to bill in November */
  dialog = g_object_ref (pacta_billing_run_dialog_new (NULL, context));
  g_signal_connect (dialog, "committed", G_CALLBACK (on_committed_cb), &numbers);
  gtk_window_present (GTK_WINDOW (dialog));
  pacta_billing_run_dialog_set_month (dialog, "2026-11");
  g_assert_cmpuint (pacta_billing_run_dialog_get_n_planned (dialog), ==, 0);
  /* Saying why, with the invoices */
  g_assert_nonnull (find_label_prefix (GTK_WIDGET (dialog), "Nothing to bill: this month was billed already, in "));
  pacta_billing_run_dialog_set_month (dialog, "2026-12");
  g_assert_cmpuint (pacta_billing_run_dialog_get_n_planned (dialog), >, 0);
  pacta_billing_run_dialog_create (dialog);
  pacta_billing_run_dialog_answer_usage (dialog, "provisional");
  pacta_test_wait_until (pacta_test_run_finished, dialog);
  g_assert_null (pacta_billing_run_dialog_get_confirmation (dialog));
  g_object_unref (dialog);
  pacta_test_drain_events ();
  g_assert_nonnull (numbers);
  /* December's invoices are dated 2027-01-01: the yearly counter starts again */
  g_assert_cmpstr (numbers[0], ==, "INV-2027-0001");
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM invoices", NULL), ==, planned + g_strv_length (numbers));

  /* The Invoices tab lists them all, searches and filters */
  {
    GtkWidget *window = gtk_window_new ();
    GtkWidget *view = pacta_invoices_view_new ();
    guint all = planned + g_strv_length (numbers);
    g_autofree char *out = g_build_filename (f->dir, "accounting", NULL);
    g_autofree char *pdf_path = g_build_filename (f->dir, "one.pdf", NULL);
    g_autoptr(GFile) folder = g_file_new_for_path (out);
    g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
    gint64 first = pacta_database_count (db, "SELECT id FROM invoices WHERE number = 'INV-2026-0318'", NULL);
    PactaInvoiceDialog *invoice;
    g_autofree char *credit = NULL;

    gtk_window_set_child (GTK_WINDOW (window), view);
    pacta_invoices_view_set_context (PACTA_INVOICES_VIEW (view), context);
    gtk_window_present (GTK_WINDOW (window));
    g_assert_cmpuint (pacta_invoices_view_get_n_visible (PACTA_INVOICES_VIEW (view)), ==, all);
    pacta_invoices_view_set_search (PACTA_INVOICES_VIEW (view), "inv-2026-0318");
    g_assert_cmpuint (pacta_invoices_view_get_n_visible (PACTA_INVOICES_VIEW (view)), ==, 1);
    pacta_invoices_view_set_search (PACTA_INVOICES_VIEW (view), "");

    /* The invoice: paid with a date (a bad one is refused), then credited */
    invoice = pacta_invoice_dialog_new (GTK_WINDOW (window), context, first);
    gtk_window_present (GTK_WINDOW (invoice));
    g_assert_cmpuint (pacta_invoice_dialog_get_n_lines (invoice), >, 0);
    g_assert_false (pacta_invoice_dialog_mark_paid (invoice, "2026-13-01"));
    g_assert_true (pacta_invoice_dialog_mark_paid (invoice, "2026-12-10"));
    pacta_invoices_view_set_filter (PACTA_INVOICES_VIEW (view), 2 /* paid */);
    g_assert_cmpuint (pacta_invoices_view_get_n_visible (PACTA_INVOICES_VIEW (view)), ==, 1);
    /* First the first line only, then the rest */
    {
      g_autoptr(GArray) first_line = g_array_new (FALSE, FALSE, sizeof (int));
      g_autofree char *partial = NULL;
      int position = 0;

      g_array_append_val (first_line, position);
      partial = pacta_invoice_dialog_credit_lines (invoice, first_line);
      g_assert_cmpstr (partial, ==, "CN-2026-0001");
      g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM invoices WHERE number = 'INV-2026-0318'"
                                                 " AND status = 'paid'", NULL), ==, 1);
    }
    credit = pacta_invoice_dialog_credit (invoice);
    g_assert_cmpstr (credit, ==, "CN-2026-0002");
    g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM invoices WHERE number = 'INV-2026-0318'"
                                               " AND status = 'credited'", NULL), ==, 1);
    pacta_invoices_view_set_filter (PACTA_INVOICES_VIEW (view), 4 /* credit notes */);
    g_assert_cmpuint (pacta_invoices_view_get_n_visible (PACTA_INVOICES_VIEW (view)), ==, 2);
    g_assert_true (pacta_invoice_dialog_save_pdf (invoice, pdf));
    g_assert_true (g_file_query_exists (pdf, NULL));
    gtk_window_destroy (GTK_WINDOW (invoice));

    /* Export for Accounting: everything, then nothing is left unexported */
    g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
    pacta_invoices_view_set_filter (PACTA_INVOICES_VIEW (view), 5 /* not exported */);
    g_assert_cmpuint (pacta_invoices_view_get_n_visible (PACTA_INVOICES_VIEW (view)), ==, all + 2);
    pacta_invoices_view_export_to (PACTA_INVOICES_VIEW (view), folder);
    g_assert_cmpuint (pacta_invoices_view_get_n_visible (PACTA_INVOICES_VIEW (view)), ==, 0);
    g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM invoices WHERE exported_on IS NULL", NULL), ==, 0);
    gtk_window_destroy (GTK_WINDOW (window));
    pacta_test_drain_events ();
  }
}

/* Spain's invoice records: the window warns while any is unsent; Preferences
 * checks the NIF and verifies the chain */
static void
test_invoice_records (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaDatabase *db = pacta_context_get_database (context);
  g_auto(GStrv) numbers = NULL;
  g_autofree char *expected = NULL;
  PactaWindow *window = pacta_window_new (NULL, context);
  PactaBanner *banner = pacta_window_get_records_banner (window);
  PactaPreferencesWindow *prefs;

  gtk_window_present (GTK_WINDOW (window));
  pacta_test_drain_events ();
  g_assert_false (pacta_banner_get_revealed (banner));

  /* The demo company is Spanish: each invoice issued gets a record */
  pacta_test_add_missing_contracts (context);
  numbers = pacta_test_bill (context, "2026-11");
  pacta_test_drain_events ();
  g_assert_true (pacta_banner_get_revealed (banner));
  /* The demo never sends: the banner says so (test-verifactu-sender.c
   * follows the banner's words for a company's own file) */
  expected = g_strdup_printf ("%u invoice records are not sent to the tax agency: this is the demo",
                              g_strv_length (numbers));
  g_assert_cmpstr (pacta_banner_get_title (banner), ==, expected);

  prefs = pacta_preferences_window_new (GTK_WINDOW (window), context);
  gtk_window_present (GTK_WINDOW (prefs));
  g_assert_true (pacta_preferences_window_verify_records (prefs));
  /* A NIF without its right check digit is refused and nothing changes */
  g_assert_false (pacta_preferences_window_save_verifactu (prefs, TRUE, "B46000000"));
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM settings WHERE key = 'verifactu-nif'", NULL), ==, 0);
  g_assert_true (pacta_preferences_window_save_verifactu (prefs, TRUE, "b46000006"));
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM settings WHERE key = 'verifactu-nif'"
                                             " AND value = 'B46000006'", NULL), ==, 1);

  /* Changed behind Pacta's back: Verify Records says so */
  g_assert_true (pacta_database_exec (db, "DROP TRIGGER invoice_records_no_edit", NULL));
  g_assert_true (pacta_database_exec (db, "UPDATE invoice_records SET gross_total = '0.00' WHERE id = 1", NULL));
  g_assert_false (pacta_preferences_window_verify_records (prefs));

  gtk_window_destroy (GTK_WINDOW (prefs));
  gtk_window_destroy (GTK_WINDOW (window));
  pacta_test_drain_events ();
}

/* Run Billing with usage-following parts: while the month's usage is not
 * closed the preview says so, and Create Invoices asks first (Close Month
 * only when connected); billed from the provisional usage, the run records
 * it. A closed month bills its closed quantities and asks nothing. */
static void
test_billing_run_usage (Fixture       *f,
                        gconstpointer  data)
{
  static const char report_json[] =
    "{\"items\": [{\"tenant\": \"c0570000-2026-4a00-8b00-000000000001\", \"usages\": ["
    " {\"name\": \"workstations\", \"usage_name\": \"workstations\", \"value\": 17,"
    "  \"measurement_unit\": \"quantity\"}]}]}";
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaDatabase *db = pacta_context_get_database (context);
  g_autoptr(JsonNode) report = NULL;
  PactaBillingRunDialog *dialog;
  AdwMessageDialog *question;
  g_auto(GStrv) numbers = NULL;
  const char *notice;
  guint planned;

  pacta_test_set_clock ("Europe/Madrid", "2026-12-06T12:00:00+01:00");
  pacta_test_add_missing_contracts (context);
  g_assert_true (pacta_numbering_confirm (db, NULL, 0, NULL, NULL));
  g_assert_true (pacta_database_set_setting (db, "platform-usage-at", "2026-12-06T09:30:00Z", NULL));

  dialog = g_object_ref (pacta_billing_run_dialog_new (NULL, context));
  g_signal_connect (dialog, "committed", G_CALLBACK (on_committed_cb), &numbers);
  gtk_window_present (GTK_WINDOW (dialog));
  pacta_billing_run_dialog_set_month (dialog, "2026-11");
  planned = pacta_billing_run_dialog_get_n_planned (dialog);
  g_assert_cmpuint (planned, >, 0);
  notice = pacta_billing_run_dialog_get_usage_notice (dialog);
  g_assert_cmpstr (notice, ==, "Usage for 2026-11 is not closed: usage-following parts would bill the provisional "
                               "usage of 2026-12-06 10:30.");
  /* A row of its own, named as it reads */
  g_assert_nonnull (pacta_test_find_row (GTK_WIDGET (dialog), notice));

  /* Asked first, nothing written; not connected, so no Close Month */
  pacta_billing_run_dialog_create (dialog);
  question = pacta_billing_run_dialog_get_usage_question (dialog);
  g_assert_nonnull (question);
  g_assert_false (pacta_billing_run_dialog_is_busy (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Usage Not Closed");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), notice));
  g_assert_true (adw_message_dialog_has_response (question, "cancel"));
  g_assert_false (adw_message_dialog_has_response (question, "close"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (question, "provisional"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  pacta_billing_run_dialog_answer_usage (dialog, "cancel");
  pacta_test_drain_events ();
  g_assert_null (pacta_billing_run_dialog_get_usage_question (dialog));
  g_assert_false (pacta_billing_run_dialog_is_busy (dialog));
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM invoices", NULL), ==, 0);

  /* Connected: the month can be closed from here too */
  g_assert_true (pacta_database_set_setting (db, "platform-url", "https://dc.example.com", NULL));
  g_assert_true (pacta_database_set_setting (db, "platform-client-id", "client", NULL));
  g_assert_true (pacta_database_set_setting (db, "platform-tenant-id", "root", NULL));
  pacta_billing_run_dialog_create (dialog);
  question = pacta_billing_run_dialog_get_usage_question (dialog);
  g_assert_nonnull (question);
  g_assert_true (adw_message_dialog_has_response (question, "close"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (question), ==, "close");

  /* Billed from the provisional usage: recorded with the run */
  pacta_billing_run_dialog_answer_usage (dialog, "provisional");
  pacta_test_wait_until (strv_is_set, &numbers);
  g_assert_cmpuint (g_strv_length (numbers), ==, planned);
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM usage_confirmations", NULL), ==, 1);
  g_assert_cmpint (pacta_database_count (db, "SELECT invoices FROM usage_confirmations WHERE month = '2026-11'"
                                             " AND usage_as_of = '2026-12-06T09:30:00Z'"
                                             " AND confirmed_at = '2026-12-06T11:00:00Z'", NULL), ==, planned);
  g_clear_pointer (&numbers, g_strfreev);
  g_object_unref (dialog);
  pacta_test_drain_events ();

  /* Close Month for a month that has not ended: refused before the
   * platform is asked, in words, and the preview stays */
  {
    g_autoptr(PactaSecrets) secrets = pacta_secrets_memory_new ();

    pacta_context_set_secrets (context, secrets);
  }
  dialog = g_object_ref (pacta_billing_run_dialog_new (NULL, context));
  gtk_window_present (GTK_WINDOW (dialog));
  pacta_billing_run_dialog_set_month (dialog, "2026-12");
  pacta_billing_run_dialog_create (dialog);
  pacta_billing_run_dialog_answer_usage (dialog, "close");
  pacta_test_wait_until (pacta_test_run_finished, dialog);
  g_assert_nonnull (pacta_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL,
                                            "2026-12 has not ended yet: its usage can be closed from 2027-01-01 00:00 "
                                            "UTC, when the platform has reported the whole month."));
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM usage_months", NULL), ==, 0);
  g_assert_true (pacta_billing_run_dialog_can_create (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  pacta_test_drain_events ();

  /* December, closed: its quantities, and nothing is asked */
  pacta_test_set_clock ("Europe/Madrid", "2027-01-02T10:00:00+01:00");
  report = json_from_string (report_json, NULL);
  g_assert_nonnull (report);
  g_assert_true (pacta_usage_month_close (db, "2026-12", report, "report.json", "r-12", NULL, NULL));
  dialog = g_object_ref (pacta_billing_run_dialog_new (NULL, context));
  g_signal_connect (dialog, "committed", G_CALLBACK (on_committed_cb), &numbers);
  gtk_window_present (GTK_WINDOW (dialog));
  pacta_billing_run_dialog_set_month (dialog, "2026-12");
  g_assert_cmpstr (pacta_billing_run_dialog_get_usage_notice (dialog), ==,
                   "Usage for 2026-12 closed on 2027-01-02 10:00: usage-following parts bill the closed usage.");
  pacta_billing_run_dialog_create (dialog);
  g_assert_null (pacta_billing_run_dialog_get_usage_question (dialog));
  pacta_test_wait_until (strv_is_set, &numbers);
  g_assert_cmpuint (g_strv_length (numbers), >, 0);
  /* The one closed quantity; every other usage-following part bills none */
  g_assert_cmpint (pacta_database_count (db, "SELECT l.quantity FROM invoice_lines l"
                                             " JOIN invoices i ON i.id = l.invoice_id"
                                             " JOIN customers c ON c.id = i.customer_id"
                                             " JOIN contract_parts p ON p.id = l.contract_part_id"
                                             " JOIN catalog_items k ON k.id = p.catalog_item_id"
                                             " WHERE i.billing_month = '2026-12' AND k.usage_key = 'workstations'"
                                             " AND c.tenant_id = 'c0570000-2026-4a00-8b00-000000000001'", NULL),
                   ==, 170000);
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id"
                                             " WHERE i.billing_month = '2026-12' AND l.quantity > 0"
                                             " AND l.contract_part_id IS NOT NULL", NULL), ==, 1);
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM usage_confirmations", NULL), ==, 1);
  g_object_unref (dialog);
  pacta_test_drain_events ();
}

/* Preferences → Backups: the copy taken before a billing run brings the data
 * back to before it; the window reads the file anew */
static void
test_restore_backup (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaDatabase *db = pacta_context_get_database (context);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = NULL;
  g_autofree char *backup = NULL;
  PactaWindow *window = pacta_window_new (NULL, context);
  PactaPreferencesWindow *prefs;
  PactaContext *reopened;
  guint created = 0;

  gtk_window_present (GTK_WINDOW (window));
  created = pacta_test_add_missing_contracts (context);
  g_assert_true (pacta_numbering_confirm (db, NULL, 0, NULL, NULL));
  backup = pacta_backup_create (db, "billing-run", &error);
  g_assert_no_error (error);
  numbers = pacta_billing_commit (db, "2026-11", PACTA_BILLING_PROVISIONAL_USAGE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM invoices", NULL), >, 0);

  prefs = pacta_preferences_window_new (GTK_WINDOW (window), context);
  gtk_window_present (GTK_WINDOW (prefs));
  g_assert_cmpuint (pacta_preferences_window_get_n_backups (prefs), ==, 1);
  g_assert_true (pacta_preferences_window_restore_backup (prefs, 0));
  pacta_test_drain_events ();

  /* A new context on the same file, without the run's invoices */
  reopened = pacta_window_get_context (window);
  g_assert_true (reopened != context);
  g_assert_cmpint (pacta_database_count (pacta_context_get_database (reopened), "SELECT count(*) FROM invoices", NULL), ==, 0);
  g_assert_cmpint (pacta_database_count (pacta_context_get_database (reopened), "SELECT count(*) FROM contracts", NULL), ==, created);
  g_assert_true (pacta_context_get_is_demo (reopened));

  gtk_window_destroy (GTK_WINDOW (window));
  pacta_test_drain_events ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  /* Not G_TEST_OPTION_ISOLATE_DIRS: GTK needs the system's XDG_DATA_DIRS
   * (MIME database, icons). Only our own data goes somewhere private. */
  g_test_init (&argc, &argv, NULL);
  data_home = pacta_test_make_dir ();
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_init ();
  adw_init ();

  g_test_add ("/pacta/ui/templates", Fixture, NULL, pacta_test_dir_set_up, test_templates, pacta_test_dir_tear_down);
  g_test_add ("/pacta/ui/window-demo", Fixture, NULL, pacta_test_dir_set_up, test_window_demo, pacta_test_dir_tear_down);
  g_test_add ("/pacta/ui/long-lists-in-steps", Fixture, NULL, pacta_test_dir_set_up, test_long_lists_in_steps, pacta_test_dir_tear_down);
  g_test_add ("/pacta/ui/row-menu-names", Fixture, NULL, pacta_test_dir_set_up, test_row_menu_names, pacta_test_dir_tear_down);
  g_test_add ("/pacta/ui/customers-sort-and-keys", Fixture, NULL, pacta_test_dir_set_up, test_customers_sort_and_keys, pacta_test_dir_tear_down);
  g_test_add ("/pacta/ui/welcome-on-empty", Fixture, NULL, pacta_test_dir_set_up, test_welcome_on_empty, pacta_test_dir_tear_down);
  g_test_add ("/pacta/ui/import-dialog", Fixture, NULL, pacta_test_dir_set_up, test_import_dialog, pacta_test_dir_tear_down);
  g_test_add ("/pacta/ui/configure-tab", Fixture, NULL, pacta_test_dir_set_up, test_configure_tab, pacta_test_dir_tear_down);
  g_test_add ("/pacta/ui/prompt", Fixture, NULL, pacta_test_dir_set_up, test_prompt, pacta_test_dir_tear_down);
  g_test_add ("/pacta/ui/self-managed-contacts", Fixture, NULL, pacta_test_dir_set_up, test_self_managed_contacts, pacta_test_dir_tear_down);
  g_test_add ("/pacta/ui/customer-external-id", Fixture, NULL, pacta_test_dir_set_up, test_customer_external_id, pacta_test_dir_tear_down);
  g_test_add ("/pacta/ui/import-billing-file", Fixture, NULL, pacta_test_dir_set_up, test_import_billing_file, pacta_test_dir_tear_down);
  g_test_add ("/pacta/ui/banner-and-wizard", Fixture, NULL, pacta_test_dir_set_up, test_banner_and_wizard, pacta_test_dir_tear_down);
  g_test_add ("/pacta/ui/wizard-billing-step", Fixture, NULL, pacta_test_dir_set_up, test_wizard_billing_step, pacta_test_dir_tear_down);
  g_test_add ("/pacta/ui/wizard-bulk", Fixture, NULL, pacta_test_dir_set_up, test_wizard_bulk, pacta_test_dir_tear_down);
  g_test_add ("/pacta/ui/banner-hidden-without-missing", Fixture, NULL, pacta_test_dir_set_up, test_banner_hidden_without_missing, pacta_test_dir_tear_down);
  g_test_add ("/pacta/ui/contract-dialog", Fixture, NULL, pacta_test_dir_set_up, test_contract_dialog, pacta_test_dir_tear_down);
  g_test_add ("/pacta/ui/preferences-catalog", Fixture, NULL, pacta_test_dir_set_up, test_preferences_catalog, pacta_test_dir_tear_down);
  g_test_add ("/pacta/ui/sales-item-gate", Fixture, NULL, pacta_test_dir_set_up, test_sales_item_gate, pacta_test_dir_tear_down);
  g_test_add ("/pacta/ui/sales-item-billed", Fixture, NULL, pacta_test_dir_set_up, test_sales_item_billed, pacta_test_dir_tear_down);
  g_test_add ("/pacta/ui/helpdesk-flow", Fixture, NULL, pacta_test_dir_set_up, test_helpdesk_flow, pacta_test_dir_tear_down);
  g_test_add ("/pacta/ui/helpdesk-bulk-approve", Fixture, NULL, pacta_test_dir_set_up, test_helpdesk_bulk_approve, pacta_test_dir_tear_down);
  g_test_add ("/pacta/ui/import-dialog-bad-file", Fixture, NULL, pacta_test_dir_set_up, test_import_dialog_bad_file, pacta_test_dir_tear_down);
  g_test_add ("/pacta/ui/invoice-records", Fixture, NULL, pacta_test_dir_set_up, test_invoice_records, pacta_test_dir_tear_down);
  g_test_add ("/pacta/ui/restore-backup", Fixture, NULL, pacta_test_dir_set_up, test_restore_backup, pacta_test_dir_tear_down);
  g_test_add ("/pacta/ui/billing-run-dialog", Fixture, NULL, pacta_test_dir_set_up, test_billing_run_dialog, pacta_test_dir_tear_down);
  g_test_add ("/pacta/ui/billing-run-usage", Fixture, NULL, pacta_test_dir_set_up, test_billing_run_usage, pacta_test_dir_tear_down);

  status = g_test_run ();
  pacta_test_remove_tree (data_home);
  return status;
}
