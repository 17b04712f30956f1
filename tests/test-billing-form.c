/* test-billing-form.c: the billing form's street over up to three lines, as debtor lists have it */
#include <adwaita.h>
#include <string.h>

#include "pacta-billing-form.h"
#include "pacta-billing-store.h"
#include "pacta-context.h"
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

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;

  /* Not G_TEST_OPTION_ISOLATE_DIRS: GTK needs the system's XDG_DATA_DIRS */
  g_test_init (&argc, &argv, NULL);
  data_home = pacta_test_make_dir ();
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_init ();
  adw_init ();

  g_test_add ("/pacta/billing-form/street-rows", Fixture, NULL, fixture_set_up, test_street_rows, fixture_tear_down);
  g_test_add ("/pacta/billing-form/four-lines-refused", Fixture, NULL, fixture_set_up, test_four_lines_refused,
              fixture_tear_down);

  return g_test_run ();
}
