/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-billing-form.c: the billing form's street over up to three lines, as debtor lists have it,
 * and what Spain's invoicing rules need of a customer (the form and the Run Billing dialog) */
#include <adwaita.h>
#include <string.h>

#include "pacta-billing-dialog.h"
#include "pacta-billing-dialog-private.h"
#include "pacta-billing-form.h"
#include "pacta-billing-form-private.h"
#include "pacta-billing-run-dialog.h"
#include "pacta-billing-run-dialog-private.h"
#include "pacta-billing-info-table.h"
#include "pacta-catalog.h"
#include "pacta-context.h"
#include "pacta-contract.h"
#include "pacta-contract-part.h"
#include "pacta-error.h"
#include "pacta-msp.h"
#include "pacta-numbering.h"
#include "pacta-test-gui.h"
#include "pacta-test-util.h"

typedef struct
{
  char         *dir;
  PactaContext *context;
  GtkWidget    *window;
  PactaBillingForm *form;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = pacta_test_make_dir ();
  f->context = pacta_test_open_platform_demo (f->dir);
  f->window = gtk_window_new ();
  f->form = PACTA_BILLING_FORM (pacta_billing_form_new ());
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->form));
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (f->context);
  pacta_test_remove_tree (f->dir);
  g_free (f->dir);
}

static const char *
row_text (Fixture    *f,
          const char *title)
{
  GtkWidget *row = pacta_test_find_row (GTK_WIDGET (f->form), title);

  if (row == NULL)
    g_error ("the form has no row “%s”", title);
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
type (Fixture    *f,
      const char *title,
      const char *text)
{
  GtkWidget *row = pacta_test_find_row (GTK_WIDGET (f->form), title);

  if (row == NULL)
    g_error ("the form has no row “%s”", title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* A street over two lines shows on two rows, a third typed on the third,
 * and all of it is saved as lines of the one field */
static void
test_street_rows (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PactaBillingInfo) info = g_object_new (PACTA_TYPE_BILLING_INFO, "customer-id", (gint64) 1,
                                                   "business-name", "Talleres Núñez S.L.", "country", "ES",
                                                   "street", "Calle de Alcalá, 1\n2º izq", NULL);
  g_autoptr(PactaBillingInfo) read = NULL;
  g_autoptr(PactaBillingInfo) saved = NULL;
  g_autoptr(GError) error = NULL;

  pacta_billing_form_set_info (f->form, info);
  g_assert_cmpstr (row_text (f, "Street"), ==, "Calle de Alcalá, 1");
  g_assert_cmpstr (row_text (f, "Street, line 2"), ==, "2º izq");
  g_assert_cmpstr (row_text (f, "Street, line 3"), ==, "");
  g_assert_cmpstr (pacta_billing_form_get_text (f->form, "street"), ==, "Calle de Alcalá, 1\n2º izq");

  type (f, "Street, line 3", "  Edificio B ");
  read = pacta_billing_form_validate (f->form);
  g_assert_nonnull (read);
  g_assert_cmpstr (pacta_billing_info_get_street (read), ==, "Calle de Alcalá, 1\n2º izq\nEdificio B");

  g_assert_true (pacta_billing_form_save (f->form, f->context, &error));
  g_assert_no_error (error);
  saved = pacta_billing_info_load (pacta_context_get_database (f->context), 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pacta_billing_info_get_street (saved), ==, "Calle de Alcalá, 1\n2º izq\nEdificio B");

  /* One line: the other rows stay empty */
  g_object_set (info, "street", "Calle Mayor", NULL);
  pacta_billing_form_set_info (f->form, info);
  g_assert_cmpstr (row_text (f, "Street, line 2"), ==, "");
  g_assert_cmpstr (pacta_billing_form_get_text (f->form, "street"), ==, "Calle Mayor");
}

/* More than three lines (pasted into the last row) is refused, marked on
 * the street, and typing in any of its rows takes the mark away */
static void
test_four_lines_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(PactaBillingInfo) info = g_object_new (PACTA_TYPE_BILLING_INFO, "customer-id", (gint64) 1,
                                                   "business-name", "Talleres Núñez S.L.", "country", "ES", NULL);
  g_autoptr(PactaBillingInfo) fixed = NULL;
  g_autoptr(GError) error = NULL;

  pacta_billing_form_set_info (f->form, info);
  pacta_billing_form_set_text (f->form, "street", "Uno\nDos\nTres\nCuatro");
  g_assert_cmpstr (row_text (f, "Street, line 3"), ==, "Tres\nCuatro");
  g_assert_null (pacta_billing_form_validate (f->form));
  g_assert_true (pacta_billing_form_field_has_error (f->form, "street"));
  g_assert_false (pacta_billing_form_save (f->form, f->context, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (pacta_database_count (pacta_context_get_database (f->context),
                                         "SELECT count(*) FROM billing_info WHERE customer_id = 1", NULL), ==, 0);

  type (f, "Street, line 3", "Tres");
  g_assert_false (pacta_billing_form_field_has_error (f->form, "street"));
  fixed = pacta_billing_form_validate (f->form);
  g_assert_nonnull (fixed);
  g_assert_cmpstr (pacta_billing_info_get_street (fixed), ==, "Uno\nDos\nTres");
}

/* The company in Spain: the rules are on */
static void
company_in_spain (Fixture *f)
{
  g_autoptr(PactaBillingInfo) msp = g_object_new (PACTA_TYPE_BILLING_INFO, "business-name", "Sistemas Levante S.L.",
                                                  "country", "ES", "vat-number", "ESB46000006", NULL);

  g_assert_true (pacta_msp_save (pacta_context_get_database (f->context), msp, NULL, NULL));
}

static gint64
count_billing_info (Fixture *f)
{
  return pacta_database_count (pacta_context_get_database (f->context),
                               "SELECT count(*) FROM billing_info WHERE customer_id = 1", NULL);
}

/* With the rules on, a Spanish customer needs a valid NIF and a foreign one
 * a VAT number: marked on the VAT number, not saved until right */
static void
test_verifactu_vat_number (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PactaBillingInfo) info = g_object_new (PACTA_TYPE_BILLING_INFO, "customer-id", (gint64) 1,
                                                   "business-name", "Talleres Núñez S.L.", "country", "ES", NULL);
  g_autoptr(GError) error = NULL;

  company_in_spain (f);
  pacta_billing_form_set_info (f->form, info);

  /* None */
  g_assert_false (pacta_billing_form_save (f->form, f->context, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_true (pacta_billing_form_field_has_error (f->form, "vat-number"));
  g_assert_cmpuint (pacta_billing_form_get_n_problems (f->form), ==, 1);
  g_assert_cmpint (count_billing_info (f), ==, 0);

  /* Typing takes the mark away; a wrong control letter brings it back */
  pacta_billing_form_set_text (f->form, "vat-number", "ESB12345675");
  g_assert_false (pacta_billing_form_field_has_error (f->form, "vat-number"));
  g_assert_false (pacta_billing_form_save (f->form, f->context, &error));
  g_clear_error (&error);
  g_assert_true (pacta_billing_form_field_has_error (f->form, "vat-number"));
  g_assert_cmpint (count_billing_info (f), ==, 0);

  /* A foreign customer without a VAT number is refused too */
  pacta_billing_form_set_text (f->form, "vat-number", "");
  pacta_billing_form_set_text (f->form, "country", "DE");
  g_assert_false (pacta_billing_form_save (f->form, f->context, &error));
  g_clear_error (&error);
  g_assert_true (pacta_billing_form_field_has_error (f->form, "vat-number"));

  /* A valid NIF, with its prefix: saved */
  pacta_billing_form_set_text (f->form, "country", "ES");
  pacta_billing_form_set_text (f->form, "vat-number", "ESB12345674");
  g_assert_true (pacta_billing_form_save (f->form, f->context, &error));
  g_assert_no_error (error);
  g_assert_false (pacta_billing_form_field_has_error (f->form, "vat-number"));
  g_assert_cmpint (count_billing_info (f), ==, 1);
}

/* Rules off: no NIF needed */
static void
test_no_verifactu_no_nif (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PactaBillingInfo) info = g_object_new (PACTA_TYPE_BILLING_INFO, "customer-id", (gint64) 1,
                                                   "business-name", "Talleres Núñez S.L.", "country", "ES", NULL);
  g_autoptr(GError) error = NULL;

  company_in_spain (f);
  g_assert_true (pacta_database_set_setting (pacta_context_get_database (f->context), "verifactu", "off", NULL));
  pacta_billing_form_set_info (f->form, info);
  g_assert_true (pacta_billing_form_save (f->form, f->context, &error));
  g_assert_no_error (error);
  g_assert_false (pacta_billing_form_field_has_error (f->form, "vat-number"));
  g_assert_cmpint (count_billing_info (f), ==, 1);
}

/* Run Billing lists the invoice that can't be issued, with its customer and
 * what to fix, offers no Create, and Fix opens the customer's billing
 * information with the field marked; once saved, the run can go */
static void
test_run_dialog_refuses (Fixture       *f,
                         gconstpointer  data)
{
  const char *csv = "usage_key,name,price\nworkstations,Workstations,12.5\n";
  g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));
  PactaDatabase *db = pacta_context_get_database (f->context);
  g_autoptr(PactaBillingInfo) info = g_object_new (PACTA_TYPE_BILLING_INFO, "customer-id", (gint64) 0,
                                                   "business-name", "Talleres Núñez S.L.", "country", "ES",
                                                   "vat-number", "B12345675", NULL);
  g_autoptr(PactaContract) contract = NULL;
  g_autoptr(GListStore) parts = g_list_store_new (PACTA_TYPE_CONTRACT_PART);
  g_autoptr(PactaContractPart) part = NULL;
  PactaCatalogImportReport report;
  PactaBillingRunDialog *dialog;
  PactaBillingDialog *billing;
  PactaBillingForm *form;
  GtkWidget *row;
  GtkWidget *fix;
  gint64 customer;
  gint64 item;

  pacta_test_set_clock ("Europe/Madrid", "2026-12-02T10:00:00+01:00");
  company_in_spain (f);
  g_assert_true (pacta_import_catalog_bytes (db, bytes, "p.csv", &report, NULL));
  item = pacta_database_count (db, "SELECT id FROM catalog_items WHERE usage_key = 'workstations'", NULL);
  customer = pacta_database_count (db, "SELECT id FROM customers WHERE tenant_id = 'c0570000-2026-4a00-8b00-000000000001'", NULL);
  pacta_billing_info_set_customer_id (info, customer);
  g_assert_true (pacta_context_save_billing_info (f->context, info, NULL));
  contract = g_object_new (PACTA_TYPE_CONTRACT, "customer-id", customer, "name", "Managed services",
                           "start-date", "2026-10-01", NULL);
  part = g_object_new (PACTA_TYPE_CONTRACT_PART, "catalog-item-id", item, "item-name", "Workstations",
                       "description", "Workstations", "quantity", (gint64) 100000, "unit-price", (gint64) 125000,
                       "has-price", TRUE, NULL);
  g_list_store_append (parts, part);
  g_assert_cmpint (pacta_context_create_contract (f->context, contract, G_LIST_MODEL (parts), NULL), >, 0);
  g_assert_true (pacta_numbering_confirm (db, NULL, 0, NULL, NULL));

  dialog = g_object_ref (pacta_billing_run_dialog_new (GTK_WINDOW (f->window), f->context));
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpstr (pacta_billing_run_dialog_get_month (dialog), ==, "2026-11");
  g_assert_cmpuint (pacta_billing_run_dialog_get_n_planned (dialog), ==, 1);
  g_assert_cmpuint (pacta_billing_run_dialog_get_n_refused (dialog), ==, 1);
  g_assert_false (pacta_billing_run_dialog_can_create (dialog));
  /* Pressed anyway (a shortcut, a test): nothing */
  pacta_billing_run_dialog_create (dialog);
  g_assert_false (pacta_billing_run_dialog_is_busy (dialog));
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM invoices", NULL), ==, 0);

  /* The first row so titled is the problem's, above the invoices */
  row = pacta_test_find_row (GTK_WIDGET (dialog), "Talleres Núñez S.L.");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "VAT number: Not a valid NIF"));
  fix = gtk_widget_get_ancestor (pacta_test_find_widget (row, GTK_TYPE_LABEL, "Fix"), GTK_TYPE_BUTTON);
  g_assert_nonnull (fix);
  /* Named for its customer, for a screen reader */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fix), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Fix the billing information of Talleres Núñez S.L.");

  g_signal_emit_by_name (fix, "clicked");
  pacta_test_drain_events ();
  billing = PACTA_BILLING_DIALOG (pacta_test_find_toplevel (PACTA_TYPE_BILLING_DIALOG, TRUE));
  g_assert_nonnull (billing);
  form = PACTA_BILLING_FORM (pacta_billing_dialog_get_form (billing));
  g_assert_true (pacta_billing_form_field_has_error (form, "vat-number"));
  pacta_billing_form_set_text (form, "vat-number", "B12345674");
  g_assert_true (pacta_billing_dialog_save (billing));
  pacta_test_drain_events ();

  g_assert_cmpuint (pacta_billing_run_dialog_get_n_refused (dialog), ==, 0);
  g_assert_cmpuint (pacta_billing_run_dialog_get_n_planned (dialog), ==, 1);
  g_assert_true (pacta_billing_run_dialog_can_create (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  pacta_test_drain_events ();
  pacta_test_clock_reset ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = pacta_test_gui_init (&argc, &argv);

  g_test_add ("/pacta/billing-form/street-rows", Fixture, NULL, fixture_set_up, test_street_rows, fixture_tear_down);
  g_test_add ("/pacta/billing-form/four-lines-refused", Fixture, NULL, fixture_set_up, test_four_lines_refused,
              fixture_tear_down);

  g_test_add ("/pacta/billing-form/verifactu-vat-number", Fixture, NULL, fixture_set_up, test_verifactu_vat_number,
              fixture_tear_down);
  g_test_add ("/pacta/billing-form/no-verifactu-no-nif", Fixture, NULL, fixture_set_up, test_no_verifactu_no_nif,
              fixture_tear_down);
  g_test_add ("/pacta/billing-form/run-dialog-refuses", Fixture, NULL, fixture_set_up, test_run_dialog_refuses,
              fixture_tear_down);

  return g_test_run ();
}
