/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-billing.c: billing information — field rules, storage, the gate, the store update */
#include "pacta-billing-info-table.h"
#include "pacta-context.h"
#include "pacta-error.h"
#include "pacta-import.h"
#include "pacta-test-util.h"
#include "pacta-text.h"

typedef struct
{
  char         *dir;
  PactaContext *context;
  guint         n_changes;
  guint         last_position;
} Fixture;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  f->n_changes++;
  f->last_position = position;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = pacta_test_make_dir ();
  /* 40 customers from the platform, none with billing information */
  f->context = pacta_test_open_platform_demo (f->dir);
  g_signal_connect (pacta_context_get_customers (f->context), "items-changed", G_CALLBACK (on_items_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->context);
  pacta_test_remove_tree (f->dir);
  g_free (f->dir);
}

static PactaBillingInfo *
valid_info (gint64 customer_id)
{
  return g_object_new (PACTA_TYPE_BILLING_INFO,
                       "customer-id", customer_id,
                       "business-name", "Talleres Núñez S.L.",
                       "country", "ES",
                       "vat-number", "ESB12345678",
                       "invoice-email", "facturas@talleresnunez.es",
                       NULL);
}

/* Returns the problem reported for @field, or NULL */
static const char *
problem_for (PactaBillingInfo *info,
             const char       *field)
{
  static char buffer[512];
  g_autoptr(GPtrArray) problems = NULL;

  pacta_billing_info_normalize (info);
  problems = pacta_billing_info_check (info);
  for (guint i = 0; i < problems->len; i++)
    {
      PactaFieldProblem *problem = g_ptr_array_index (problems, i);

      if (g_str_equal (problem->field, field))
        {
          g_strlcpy (buffer, problem->message, sizeof buffer);
          return buffer;
        }
    }
  return NULL;
}

typedef struct
{
  const char *field;
  const char *value;
  gboolean    valid;
} TextCase;

static const TextCase text_cases[] = {
  { "business-name", "", FALSE },
  { "business-name", "   ", FALSE },
  { "business-name", "Bar\x07Tab", FALSE },
  { "business-name", "Clínica Dental Sonrisa, S.L.P.", TRUE },
  { "country", "", FALSE },
  { "country", "ZZ", FALSE },
  { "country", "ESP", FALSE },
  { "country", "es", TRUE },
  { "country", "PT", TRUE },
  { "invoice-email", "facturas", FALSE },
  { "invoice-email", "a@b", FALSE },
  { "invoice-email", "a b@c.es", FALSE },
  { "invoice-email", "a@b@c.es", FALSE },
  { "invoice-email", "facturas@cliente.es", TRUE },
  { "invoice-email", "", TRUE },
  { "vat-number", "ESB12345678", TRUE },
  { "vat-number", "es b-1234567.8", TRUE },
  { "vat-number", "ES12345678Z", TRUE },
  { "vat-number", "ESB123", FALSE },
  { "vat-number", "DE123456789", TRUE },
  { "vat-number", "DE12345678", FALSE },
  { "vat-number", "FR12345678901", TRUE },
  { "vat-number", "FRI1234567890", FALSE },
  { "vat-number", "NL123456789B01", TRUE },
  { "vat-number", "NL123456789", FALSE },
  { "vat-number", "ATU12345678", TRUE },
  { "vat-number", "AT12345678", FALSE },
  { "vat-number", "GB123456789", TRUE },
  { "vat-number", "B12345678", TRUE },
  { "vat-number", "ES/123", FALSE },
  { "address-country", "XX", FALSE },
  { "address-country", "FR", TRUE },
  { "postal-code", "28001", TRUE },
};

static void
test_text_fields (Fixture       *f,
                  gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_cases); i++)
    {
      g_autoptr(PactaBillingInfo) info = valid_info (1);
      const char *problem;

      g_object_set (info, text_cases[i].field, text_cases[i].value, NULL);
      problem = problem_for (info, text_cases[i].field);
      if (text_cases[i].valid && problem != NULL)
        g_error ("%s “%s” should be valid, got: %s", text_cases[i].field, text_cases[i].value, problem);
      if (!text_cases[i].valid && problem == NULL)
        g_error ("%s “%s” should be refused", text_cases[i].field, text_cases[i].value);
    }
}

static void
test_number_fields (Fixture       *f,
                    gconstpointer  data)
{
  static const struct { const char *field; int value; gboolean valid; } cases[] = {
    { "payment-terms-days", -1, FALSE },
    { "payment-terms-days", 0, TRUE },
    { "payment-terms-days", 365, TRUE },
    { "payment-terms-days", 366, FALSE },
    { "rounding-minutes", 0, FALSE },
    { "rounding-minutes", 1, TRUE },
    { "rounding-minutes", 60, TRUE },
    { "rounding-minutes", 61, FALSE },
    { "tax-rate", 0, TRUE },
    { "tax-rate", 2100, TRUE },
    { "tax-rate", 10001, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PactaBillingInfo) info = valid_info (1);

      g_object_set (info, cases[i].field, cases[i].value, NULL);
      if (cases[i].valid != (problem_for (info, cases[i].field) == NULL))
        g_error ("%s %d: expected %s", cases[i].field, cases[i].value, cases[i].valid ? "valid" : "refused");
    }
}

static void
test_long_name (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PactaBillingInfo) info = valid_info (1);
  g_autoptr(GString) name = g_string_new (NULL);

  for (guint i = 0; i < 255; i++)
    g_string_append (name, "é");
  g_object_set (info, "business-name", name->str, NULL);
  g_assert_null (problem_for (info, "business-name"));
  g_string_append_c (name, 'x');
  g_object_set (info, "business-name", name->str, NULL);
  g_assert_nonnull (problem_for (info, "business-name"));
}

static void
test_validate_names_field (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PactaBillingInfo) info = valid_info (1);
  g_autoptr(GError) error = NULL;

  g_object_set (info, "business-name", NULL, NULL);
  g_assert_false (pacta_billing_info_validate (info, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==, "Business name: Required");
}

static void
test_normalize (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PactaBillingInfo) info = valid_info (1);

  g_object_set (info, "country", " es ", "vat-number", "es b-1234567.8", "city", "  ", "send-by", "POST", NULL);
  pacta_billing_info_normalize (info);
  g_assert_cmpstr (pacta_billing_info_get_country (info), ==, "ES");
  g_assert_cmpstr (pacta_billing_info_get_vat_number (info), ==, "ESB12345678");
  g_assert_null (pacta_billing_info_get_city (info));
  g_assert_cmpstr (pacta_billing_info_get_send_by (info), ==, "post");
}

/* A street from the accounting software may take up to three lines (a
 * floor, a door, a building); CR LF and spaces round each line are tidied;
 * a fourth line, a tab, or a line break in any other field are refused */
static void
test_street_lines (Fixture       *f,
                   gconstpointer  data)
{
  static const struct { const char *field, *value, *stored; } kept[] = {
    { "street", "Calle de Alcalá, 1\n2º izq", "Calle de Alcalá, 1\n2º izq" },
    { "street", " Calle de Alcalá, 1 \r\n 2º izq \r\n", "Calle de Alcalá, 1\n2º izq" },
    { "street", "Polígono Sur\r\n\r\nNave 4\nPuerta B", "Polígono Sur\nNave 4\nPuerta B" },
  };
  static const struct { const char *field, *value, *message; } refused[] = {
    { "street", "Uno\nDos\nTres\nCuatro", "At most 3 lines are allowed" },
    { "street", "Uno\r\nDos\r\nTres\r\nCuatro", "At most 3 lines are allowed" },
    { "street", "Calle\tMayor", "Contains control characters" },
    { "street", "Calle\rMayor", "Contains control characters" },
    { "city", "Madrid\nCentro", "Contains control characters" },
    { "business-name", "Talleres\nNúñez", "Contains control characters" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autoptr(PactaBillingInfo) info = valid_info (1);
      g_autoptr(GError) error = NULL;
      g_autofree char *stored = NULL;
      const char *problem;

      g_object_set (info, kept[i].field, kept[i].value, NULL);
      problem = problem_for (info, kept[i].field);
      if (problem != NULL)
        g_error ("%s “%s” should be valid, got: %s", kept[i].field, kept[i].value, problem);
      g_object_get (info, kept[i].field, &stored, NULL);
      g_assert_cmpstr (stored, ==, kept[i].stored);

      /* Kept as it is through the database */
      g_assert_true (pacta_context_save_billing_info (f->context, info, &error));
      g_assert_no_error (error);
      g_clear_object (&info);
      g_clear_pointer (&stored, g_free);
      info = pacta_billing_info_load (pacta_context_get_database (f->context), 1, &error);
      g_assert_no_error (error);
      g_object_get (info, kept[i].field, &stored, NULL);
      g_assert_cmpstr (stored, ==, kept[i].stored);
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(PactaBillingInfo) info = valid_info (1);
      const char *problem;

      g_object_set (info, refused[i].field, refused[i].value, NULL);
      problem = problem_for (info, refused[i].field);
      if (g_strcmp0 (problem, refused[i].message) != 0)
        g_error ("%s “%s”: expected “%s”, got “%s”", refused[i].field, refused[i].value, refused[i].message,
                 problem);
    }

  /* The message names the field */
  {
    g_autoptr(PactaBillingInfo) info = valid_info (1);
    g_autoptr(GError) error = NULL;

    g_object_set (info, "street", "Uno\nDos\nTres\nCuatro", NULL);
    pacta_billing_info_normalize (info);
    g_assert_false (pacta_billing_info_validate (info, &error));
    g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
    g_assert_cmpstr (error->message, ==, "Street: At most 3 lines are allowed");
  }
}

/* The text rules under the street: tidy lines, the count, one line for a
 * format that needs one, and the check's messages */
static void
test_text_lines (Fixture       *f,
                 gconstpointer  data)
{
  static const struct { const char *text, *tidy, *joined; guint lines; } cases[] = {
    { NULL, "", "", 0 },
    { "", "", "", 0 },
    { "Calle Mayor", "Calle Mayor", "Calle Mayor", 1 },
    { "Calle de Alcalá, 1\n2º izq", "Calle de Alcalá, 1\n2º izq", "Calle de Alcalá, 1, 2º izq", 2 },
    { " Calle \r\n\r\n 2º izq \r\n", "Calle\n2º izq", "Calle, 2º izq", 2 },
    { "Uno\rDos", "Uno\rDos", "Uno, Dos", 1 },
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *tidy = pacta_text_tidy_lines (cases[i].text);
      g_autofree char *joined = pacta_text_join_lines (cases[i].text, ", ");

      g_assert_cmpstr (tidy, ==, cases[i].tidy);
      g_assert_cmpstr (joined, ==, cases[i].joined);
      g_assert_cmpuint (pacta_text_count_lines (tidy), ==, cases[i].lines);
    }

  g_assert_true (pacta_text_check ("Uno\nDos\nTres", PACTA_TEXT_ADDRESS, 255, "the street", &error));
  g_assert_no_error (error);
  g_assert_false (pacta_text_check ("Uno\nDos\nTres\nCuatro", PACTA_TEXT_ADDRESS, 255, "the street", &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==, "At most 3 lines are allowed in the street");
  g_clear_error (&error);
  g_assert_false (pacta_text_check ("Calle\tMayor", PACTA_TEXT_ADDRESS, 255, "the street", &error));
  g_assert_cmpstr (error->message, ==, "Control characters other than line breaks are not allowed in the street");
  g_clear_error (&error);
  g_assert_false (pacta_text_check ("Calle\nMayor", PACTA_TEXT_LINE, 255, "the city", &error));
  g_clear_error (&error);
}

static void
test_save_and_load (Fixture       *f,
                    gconstpointer  data)
{
  PactaDatabase *db = pacta_context_get_database (f->context);
  g_autoptr(PactaBillingInfo) info = valid_info (1);
  g_autoptr(PactaBillingInfo) loaded = NULL;
  g_autoptr(PactaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  g_object_set (info, "payment-terms-days", 45, "direct-debit", TRUE, "street", "Calle Mayor",
                "number", "12", "postal-code", "28013", "city", "Madrid", "tax-exempt", TRUE, NULL);

  g_assert_null (pacta_billing_info_load (db, 1, &error));
  g_assert_no_error (error);

  g_assert_true (pacta_context_save_billing_info (f->context, info, &error));
  g_assert_no_error (error);

  /* Saving bumps the customer in the store: exactly its row changes */
  g_assert_cmpuint (f->n_changes, ==, 1);
  g_assert_cmpuint (f->last_position, ==, 0);
  customer = g_list_model_get_item (G_LIST_MODEL (pacta_context_get_customers (f->context)), 0);
  g_assert_true (pacta_customer_get_has_billing_info (customer));

  loaded = pacta_billing_info_load (db, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (pacta_billing_info_get_business_name (loaded), ==, "Talleres Núñez S.L.");
  g_assert_cmpstr (pacta_billing_info_get_vat_number (loaded), ==, "ESB12345678");
  g_assert_cmpint (pacta_billing_info_get_payment_terms_days (loaded), ==, 45);
  g_assert_true (pacta_billing_info_get_direct_debit (loaded));
  g_assert_true (pacta_billing_info_get_tax_exempt (loaded));
  g_assert_cmpstr (pacta_billing_info_get_city (loaded), ==, "Madrid");
  g_assert_cmpint (pacta_billing_info_get_rounding_minutes (loaded), ==, 10);

  /* Editing updates the one row; there is never a second */
  pacta_billing_info_set_city (loaded, "Sevilla");
  g_assert_true (pacta_context_save_billing_info (f->context, loaded, &error));
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM billing_info", NULL), ==, 1);
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM billing_info WHERE city = 'Sevilla'", NULL), ==, 1);
}

static void
test_save_invalid_writes_nothing (Fixture       *f,
                                  gconstpointer  data)
{
  PactaDatabase *db = pacta_context_get_database (f->context);
  g_autoptr(PactaBillingInfo) info = valid_info (1);
  g_autoptr(GError) error = NULL;

  g_object_set (info, "country", "ZZ", NULL);
  g_assert_false (pacta_context_save_billing_info (f->context, info, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "Country"));
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM billing_info", NULL), ==, 0);
  g_assert_cmpuint (f->n_changes, ==, 0);
}

static void
test_save_unknown_customer (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(PactaBillingInfo) info = valid_info (9999);
  g_autoptr(GError) error = NULL;

  g_assert_false (pacta_billing_info_save (pacta_context_get_database (f->context), info, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (pacta_database_count (pacta_context_get_database (f->context),
                                         "SELECT count(*) FROM billing_info", NULL), ==, 0);
}

static void
test_gate (Fixture       *f,
           gconstpointer  data)
{
  PactaDatabase *db = pacta_context_get_database (f->context);
  g_autoptr(PactaBillingInfo) info = valid_info (1);
  g_autoptr(PactaCustomer) customer = pacta_customer_store_load (db, 1, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (pacta_customer_require_billing_info (db, 1, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_BILLING_INFO_REQUIRED);
  /* The message names the customer */
  g_assert_nonnull (strstr (error->message, pacta_customer_get_name (customer)));
  g_clear_error (&error);

  g_assert_true (pacta_billing_info_save (db, info, &error));
  g_assert_true (pacta_customer_require_billing_info (db, 1, &error));
  g_assert_no_error (error);

  g_assert_false (pacta_customer_require_billing_info (db, 9999, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND);
}

static void
test_prefill (Fixture       *f,
              gconstpointer  data)
{
  PactaDatabase *db = pacta_context_get_database (f->context);
  g_autoptr(PactaBillingInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = pacta_database_count (db, "SELECT id FROM customers WHERE tenant_id = 'c0570000-2026-4a00-8b00-000000000001'", NULL);

  info = pacta_billing_info_new_for_customer (db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pacta_billing_info_get_business_name (info), ==, "Talleres Núñez S.L.");
  g_assert_cmpstr (pacta_billing_info_get_country (info), ==, "ES");
  g_assert_nonnull (pacta_billing_info_get_invoice_email (info));
  g_assert_nonnull (pacta_billing_info_get_city (info));
  /* What the platform gave is enough to pass the rules */
  g_assert_true (pacta_billing_info_validate (info, &error));
}

static void
test_self_managed (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PactaCustomer) before = NULL;
  g_autoptr(PactaCustomer) after = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *store = G_LIST_MODEL (pacta_context_get_customers (f->context));

  before = g_list_model_get_item (store, 2);
  g_assert_false (pacta_customer_get_self_managed (before));
  g_assert_true (pacta_context_set_self_managed (f->context, pacta_customer_get_id (before), TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_changes, ==, 1);
  after = g_list_model_get_item (store, 2);
  g_assert_true (pacta_customer_get_self_managed (after));

  /* Setting it again changes nothing */
  g_assert_true (pacta_context_set_self_managed (f->context, pacta_customer_get_id (before), TRUE, &error));
  g_assert_cmpuint (f->n_changes, ==, 1);
}

/* Undo after a save: what was there comes back, what was added goes */
static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  PactaDatabase *db = pacta_context_get_database (f->context);
  g_autoptr(PactaBillingInfo) info = valid_info (1);
  g_autoptr(PactaBillingInfo) before = NULL;
  g_autoptr(PactaBillingInfo) after = NULL;
  g_autoptr(PactaCustomer) row = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (pacta_context_save_billing_info (f->context, info, &error));
  g_assert_true (pacta_context_restore_billing_info (f->context, 1, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (pacta_billing_info_load (db, 1, NULL));
  row = g_list_model_get_item (G_LIST_MODEL (pacta_context_get_customers (f->context)), 0);
  g_assert_false (pacta_customer_get_has_billing_info (row));

  g_assert_true (pacta_context_save_billing_info (f->context, info, &error));
  before = pacta_billing_info_copy (info);
  pacta_billing_info_set_city (info, "Bilbao");
  g_assert_true (pacta_context_save_billing_info (f->context, info, &error));
  g_assert_true (pacta_context_restore_billing_info (f->context, 1, before, &error));
  after = pacta_billing_info_load (db, 1, NULL);
  g_assert_null (pacta_billing_info_get_city (after));
  g_assert_cmpstr (pacta_billing_info_get_business_name (after), ==, "Talleres Núñez S.L.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/pacta/billing/text-fields", Fixture, NULL, fixture_set_up, test_text_fields, fixture_tear_down);
  g_test_add ("/pacta/billing/number-fields", Fixture, NULL, fixture_set_up, test_number_fields, fixture_tear_down);
  g_test_add ("/pacta/billing/long-name", Fixture, NULL, fixture_set_up, test_long_name, fixture_tear_down);
  g_test_add ("/pacta/billing/validate-names-field", Fixture, NULL, fixture_set_up, test_validate_names_field, fixture_tear_down);
  g_test_add ("/pacta/billing/normalize", Fixture, NULL, fixture_set_up, test_normalize, fixture_tear_down);
  g_test_add ("/pacta/billing/street-lines", Fixture, NULL, fixture_set_up, test_street_lines, fixture_tear_down);
  g_test_add ("/pacta/billing/text-lines", Fixture, NULL, fixture_set_up, test_text_lines, fixture_tear_down);
  g_test_add ("/pacta/billing/save-and-load", Fixture, NULL, fixture_set_up, test_save_and_load, fixture_tear_down);
  g_test_add ("/pacta/billing/save-invalid-writes-nothing", Fixture, NULL, fixture_set_up, test_save_invalid_writes_nothing, fixture_tear_down);
  g_test_add ("/pacta/billing/save-unknown-customer", Fixture, NULL, fixture_set_up, test_save_unknown_customer, fixture_tear_down);
  g_test_add ("/pacta/billing/gate", Fixture, NULL, fixture_set_up, test_gate, fixture_tear_down);
  g_test_add ("/pacta/billing/prefill", Fixture, NULL, fixture_set_up, test_prefill, fixture_tear_down);
  g_test_add ("/pacta/billing/restore", Fixture, NULL, fixture_set_up, test_restore, fixture_tear_down);
  g_test_add ("/pacta/billing/self-managed", Fixture, NULL, fixture_set_up, test_self_managed, fixture_tear_down);

  return g_test_run ();
}
