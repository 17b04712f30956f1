/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-billing-run.c: the billing plan's arithmetic, hand-computed, and the commit's guarantees */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "pacta-billing-run.h"
#include "pacta-billing-info-table.h"
#include "pacta-catalog.h"
#include "pacta-context.h"
#include "pacta-error.h"
#include "pacta-invoice-document.h"
#include "pacta-invoice-export.h"
#include "pacta-invoices.h"
#include "pacta-msp.h"
#include "pacta-numbering.h"
#include "pacta-test-util.h"

typedef struct
{
  char          *dir;
  PactaContext  *context;
  PactaDatabase *db;
  gint64         customer;
  gint64         item;      /* workstations, 12.50 a month */
} Fixture;

static void
give_billing_info (Fixture  *f,
                   gint64    customer,
                   gboolean  exempt)
{
  g_autoptr(PactaBillingInfo) info = g_object_new (PACTA_TYPE_BILLING_INFO, "customer-id", customer,
                                                   "business-name", "Cliente S.L.", "country", "ES",
                                                   "vat-number", "ESB12345674",
                                                   "tax-exempt", exempt, "payment-terms-days", 30, NULL);

  g_assert_true (pacta_context_save_billing_info (f->context, info, NULL));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = pacta_test_make_dir ();
  f->context = pacta_test_open_platform_demo (f->dir);
  f->db = pacta_context_get_database (f->context);
  f->item = pacta_test_add_workstations (f->db);
  /* Talleres Núñez: 14 workstations in use */
  f->customer = pacta_database_count (f->db, "SELECT id FROM customers WHERE tenant_id = 'c0570000-2026-4a00-8b00-000000000001'", NULL);
  give_billing_info (f, f->customer, FALSE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->context);
  pacta_test_remove_tree (f->dir);
  g_free (f->dir);
}

typedef struct
{
  const char *interval;
  const char *billing;
  const char *start;
  const char *end;
  gboolean    prorate;
  gint64      quantity;
  int         discount;
  gboolean    trial;
  gboolean    follow;
  gint64      minimum;
  const char *part_end;
} Setup;

static void
make_contract (Fixture     *f,
               const Setup *s)
{
  g_autoptr(PactaContract) contract = g_object_new (PACTA_TYPE_CONTRACT, "customer-id", f->customer,
                                                    "name", "Managed services", "interval", s->interval,
                                                    "billing", s->billing, "start-date", s->start,
                                                    "end-date", s->end, "prorate", s->prorate, NULL);
  g_autoptr(GListStore) parts = g_list_store_new (PACTA_TYPE_CONTRACT_PART);
  g_autoptr(PactaContractPart) part = g_object_new (PACTA_TYPE_CONTRACT_PART, "catalog-item-id", f->item,
                                                    "item-name", "Workstations", "description", "Workstations",
                                                    "quantity", s->quantity, "unit-price", (gint64)125000,
                                                    "has-price", TRUE, "discount", s->discount, "trial", s->trial,
                                                    "follow-usage", s->follow, "minimum-quantity", s->minimum,
                                                    "end-date", s->part_end, NULL);
  g_autoptr(GError) error = NULL;

  g_list_store_append (parts, part);
  g_assert_cmpint (pacta_context_create_contract (f->context, contract, G_LIST_MODEL (parts), &error), >, 0);
  g_assert_no_error (error);
}

/* net of the plan's only invoice, in cents; -1 when nothing is billed */
static gint64
planned_net (Fixture    *f,
             const char *month)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaBillingPlan) plan = pacta_billing_plan (f->db, month, &error);

  g_assert_no_error (error);
  if (plan->invoices->len == 0)
    return -1;
  g_assert_cmpuint (plan->invoices->len, ==, 1);
  return ((PactaPlannedInvoice *)g_ptr_array_index (plan->invoices, 0))->net;
}

#define TEN G_GINT64_CONSTANT (100000)

static void
test_monthly_advance_and_arrears (Fixture       *f,
                                  gconstpointer  data)
{
  Setup advance = { "monthly", "advance", "2026-10-01", NULL, TRUE, TEN, 0, FALSE, FALSE, 0, NULL };
  g_autoptr(PactaBillingPlan) plan = NULL;
  PactaPlannedInvoice *invoice;
  PactaPlanLine *line;

  make_contract (f, &advance);
  plan = pacta_billing_plan (f->db, "2026-11", NULL);
  g_assert_cmpstr (plan->run_date, ==, "2026-12-01");
  g_assert_cmpuint (plan->invoices->len, ==, 1);
  invoice = g_ptr_array_index (plan->invoices, 0);
  line = g_ptr_array_index (invoice->lines, 0);
  /* In advance: December, 10 × 12.50 = 125.00; 21 % tax = 26.25; due after 30 days */
  g_assert_cmpstr (line->period_start, ==, "2026-12-01");
  g_assert_cmpstr (line->period_end, ==, "2026-12-31");
  g_assert_cmpint (invoice->net, ==, 12500);
  g_assert_cmpint (invoice->tax, ==, 2625);
  g_assert_cmpint (invoice->gross, ==, 15125);
  g_assert_cmpstr (invoice->due_date, ==, "2026-12-31");
}

static void
test_arrears (Fixture       *f,
              gconstpointer  data)
{
  Setup arrears = { "monthly", "arrears", "2026-10-01", NULL, TRUE, TEN, 0, FALSE, FALSE, 0, NULL };
  g_autoptr(PactaBillingPlan) plan = NULL;
  PactaPlanLine *line;

  make_contract (f, &arrears);
  plan = pacta_billing_plan (f->db, "2026-11", NULL);
  line = g_ptr_array_index (((PactaPlannedInvoice *)g_ptr_array_index (plan->invoices, 0))->lines, 0);
  /* In arrears: November itself */
  g_assert_cmpstr (line->period_start, ==, "2026-11-01");
  g_assert_cmpstr (line->period_end, ==, "2026-11-30");
  g_assert_cmpint (planned_net (f, "2026-11"), ==, 12500);
  /* Before the contract started: nothing */
  g_assert_cmpint (planned_net (f, "2026-09"), ==, -1);
}

static void
test_quarterly (Fixture       *f,
                gconstpointer  data)
{
  Setup quarterly = { "quarterly", "advance", "2026-09-01", NULL, TRUE, TEN, 0, FALSE, FALSE, 0, NULL };

  make_contract (f, &quarterly);
  /* Quarters start in September, December, March: the run dated Dec 1 bills Dec–Feb */
  g_assert_cmpint (planned_net (f, "2026-11"), ==, 37500);
  /* The run dated Nov 1 starts no quarter */
  g_assert_cmpint (planned_net (f, "2026-10"), ==, -1);
}

static void
test_proration (Fixture       *f,
                gconstpointer  data)
{
  Setup mid_month = { "monthly", "advance", "2026-12-16", NULL, TRUE, TEN, 0, FALSE, FALSE, 0, NULL };

  make_contract (f, &mid_month);
  /* 16 of 31 days: 10 × 16/31 = 5.1613 × 12.50 = 64.516… → 64.52 */
  g_assert_cmpint (planned_net (f, "2026-11"), ==, 6452);
}

static void
test_no_proration_bills_whole (Fixture       *f,
                               gconstpointer  data)
{
  Setup whole = { "monthly", "advance", "2026-12-16", NULL, FALSE, TEN, 0, FALSE, FALSE, 0, NULL };

  make_contract (f, &whole);
  g_assert_cmpint (planned_net (f, "2026-11"), ==, 12500);
}

static void
test_end_proration (Fixture       *f,
                    gconstpointer  data)
{
  Setup ending = { "monthly", "arrears", "2026-01-01", "2026-11-10", TRUE, TEN, 0, FALSE, FALSE, 0, NULL };

  make_contract (f, &ending);
  /* Ends on the 10th: 10 of 30 days = 3.3333 × 12.50 = 41.67 */
  g_assert_cmpint (planned_net (f, "2026-11"), ==, 4167);
  /* Ended: nothing after */
  g_assert_cmpint (planned_net (f, "2026-12"), ==, -1);
}

static void
test_trial_discount_minimum (Fixture       *f,
                             gconstpointer  data)
{
  Setup trial = { "monthly", "advance", "2026-10-01", NULL, TRUE, TEN, 0, TRUE, FALSE, 0, NULL };
  Setup discount = { "monthly", "advance", "2026-10-01", NULL, TRUE, TEN, 1000, FALSE, FALSE, 0, NULL };

  make_contract (f, &trial);
  g_assert_cmpint (planned_net (f, "2026-11"), ==, -1);
  make_contract (f, &discount);
  /* 10 % off 125.00 */
  g_assert_cmpint (planned_net (f, "2026-11"), ==, 11250);
}

static void
test_follow_usage_minimum (Fixture       *f,
                           gconstpointer  data)
{
  Setup low = { "monthly", "advance", "2026-10-01", NULL, TRUE, 0, 0, FALSE, TRUE, 5 * G_GINT64_CONSTANT (10000), NULL };

  make_contract (f, &low);
  /* Usage 14 is above the minimum 5: 14 × 12.50 */
  g_assert_cmpint (planned_net (f, "2026-11"), ==, 17500);
  g_assert_true (pacta_database_exec (f->db, "UPDATE contract_parts SET minimum_quantity = 200000", NULL));
  /* Minimum 20 is above the usage: 20 × 12.50 */
  g_assert_cmpint (planned_net (f, "2026-11"), ==, 25000);
}

static void
test_ended_part_and_exempt (Fixture       *f,
                            gconstpointer  data)
{
  Setup ended = { "monthly", "advance", "2026-10-01", NULL, TRUE, TEN, 0, FALSE, FALSE, 0, "2026-11-30" };
  Setup live = { "monthly", "advance", "2026-10-01", NULL, TRUE, TEN, 0, FALSE, FALSE, 0, NULL };
  g_autoptr(PactaBillingPlan) plan = NULL;

  make_contract (f, &ended);
  g_assert_cmpint (planned_net (f, "2026-11"), ==, -1);

  make_contract (f, &live);
  give_billing_info (f, f->customer, TRUE);
  plan = pacta_billing_plan (f->db, "2026-11", NULL);
  /* Tax exempt: no tax */
  g_assert_cmpint (((PactaPlannedInvoice *)g_ptr_array_index (plan->invoices, 0))->tax, ==, 0);
}

static void
add_sales_item (Fixture    *f,
                const char *date,
                gint64      price)
{
  g_autoptr(PactaSalesItem) item = g_object_new (PACTA_TYPE_SALES_ITEM, "customer-id", f->customer,
                                                 "invoice-date", date, NULL);
  g_autoptr(GListStore) lines = g_list_store_new (PACTA_TYPE_SALES_ITEM_LINE);
  g_autoptr(PactaSalesItemLine) line = g_object_new (PACTA_TYPE_SALES_ITEM_LINE, "description", "Router",
                                                     "quantity", G_GINT64_CONSTANT (10000), "unit-price", price, NULL);

  g_list_store_append (lines, line);
  g_assert_cmpint (pacta_context_create_sales_item (f->context, item, G_LIST_MODEL (lines), NULL), >, 0);
}

static void
test_sales_items_up_to_month_end (Fixture       *f,
                                  gconstpointer  data)
{
  add_sales_item (f, "2026-11-30", 899900);
  add_sales_item (f, "2026-12-05", 100000);
  /* Only the item dated in November: 89.99 */
  g_assert_cmpint (planned_net (f, "2026-11"), ==, 8999);
}

static void
test_skipped_without_billing_info (Fixture       *f,
                                   gconstpointer  data)
{
  Setup live = { "monthly", "advance", "2026-10-01", NULL, TRUE, TEN, 0, FALSE, FALSE, 0, NULL };
  g_autoptr(PactaBillingPlan) plan = NULL;

  make_contract (f, &live);
  g_assert_true (pacta_billing_info_delete (f->db, f->customer, NULL));
  plan = pacta_billing_plan (f->db, "2026-11", NULL);
  g_assert_cmpuint (plan->invoices->len, ==, 0);
  g_assert_cmpuint (plan->skipped->len, ==, 1);
}

static void
test_commit (Fixture       *f,
             gconstpointer  data)
{
  Setup live = { "monthly", "advance", "2026-10-01", NULL, TRUE, TEN, 0, FALSE, FALSE, 0, NULL };
  gint64 second = pacta_database_count (f->db, "SELECT id FROM customers WHERE tenant_id = 'c0570000-2026-4a00-8b00-000000000002'", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = NULL;
  g_auto(GStrv) again = NULL;
  g_auto(GStrv) refused = NULL;

  make_contract (f, &live);
  add_sales_item (f, "2026-11-15", 899900);
  give_billing_info (f, second, FALSE);
  f->customer = second;
  make_contract (f, &live);

  /* Numbering unconfirmed: refused, nothing written, no number consumed */
  refused = pacta_billing_commit (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error);
  g_assert_null (refused);
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_NUMBERING_NOT_CONFIRMED);
  g_clear_error (&error);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoices", NULL), ==, 0);

  g_assert_true (pacta_numbering_confirm (f->db, "F-{yyyy}-{0000}", 318, NULL, NULL));
  numbers = pacta_billing_commit (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (numbers), ==, 2);
  g_assert_cmpstr (numbers[0], ==, "F-2026-0318");
  g_assert_cmpstr (numbers[1], ==, "F-2026-0319");
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM sales_items WHERE status = 'billed'"
                                                 " AND invoice_id IS NOT NULL", NULL), ==, 1);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM billed_periods", NULL), ==, 2);

  /* The same month again bills nothing */
  again = pacta_billing_commit (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (again), ==, 0);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoices", NULL), ==, 2);

  /* Issued invoices are never edited or deleted */
  g_assert_false (pacta_database_exec (f->db, "UPDATE invoices SET gross = 0", NULL));
  g_assert_false (pacta_database_exec (f->db, "DELETE FROM invoices", NULL));
  g_assert_false (pacta_database_exec (f->db, "DELETE FROM invoice_lines", NULL));
  /* A period billed once can't be billed twice, whatever tries */
  g_assert_false (pacta_database_exec (f->db, "INSERT INTO billed_periods SELECT contract_part_id, period_start,"
                                              " invoice_id FROM billed_periods LIMIT 1", NULL));
}

static char *
empty_reason (Fixture    *f,
              const char *month)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaBillingPlan) plan = pacta_billing_plan (f->db, month, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (plan->invoices->len, ==, 0);
  g_assert_nonnull (plan->empty_reason);
  return g_steal_pointer (&plan->empty_reason);
}

/* An empty preview says why: nothing there yet, contracts that start later
 * (with the date), billed already (with the invoice); and what a run
 * created is said without "X – X" for one invoice */
static void
test_why_nothing_to_bill (Fixture       *f,
                          gconstpointer  data)
{
  Setup later = { "monthly", "advance", "2027-02-01", NULL, TRUE, TEN, 0, FALSE, FALSE, 0, NULL };
  g_autofree char *nothing = empty_reason (f, "2026-11");
  g_autofree char *not_yet = NULL;
  g_autofree char *billed = NULL;
  g_autofree char *created = NULL;
  g_autofree char *described = NULL;
  g_auto(GStrv) numbers = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaBillingPlan) plan = NULL;
  g_auto(GStrv) three = g_strsplit ("F-1 F-2 F-3", " ", -1);

  g_assert_cmpstr (nothing, ==, "Nothing to bill: there are no contracts or pending sales items for this month.");

  make_contract (f, &later);
  not_yet = empty_reason (f, "2026-11");
  g_assert_cmpstr (not_yet, ==, "Nothing to bill: no contract has started by then; the first starts on 2027-02-01.");
  plan = pacta_billing_plan (f->db, "2026-11", NULL);
  described = pacta_billing_plan_describe (plan);
  g_assert_nonnull (strstr (described, not_yet));

  /* January bills February in advance, dated 1 February */
  g_assert_true (pacta_numbering_confirm (f->db, "F-{yyyy}-{0000}", 318, NULL, NULL));
  numbers = pacta_billing_commit (f->db, "2027-01", PACTA_BILLING_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (numbers), ==, 1);
  created = pacta_billing_describe_numbers (numbers);
  g_assert_cmpstr (created, ==, "Invoice F-2027-0318 created");
  billed = empty_reason (f, "2027-01");
  g_assert_cmpstr (billed, ==, "Nothing to bill: this month was billed already, in invoice F-2027-0318 dated 2027-02-01.");
  g_clear_pointer (&created, g_free);
  created = pacta_billing_describe_numbers (three);
  g_assert_cmpstr (created, ==, "3 invoices created: F-1 – F-3");
}

static void
test_failure_leaves_nothing (Fixture       *f,
                             gconstpointer  data)
{
  Setup live = { "monthly", "advance", "2026-10-01", NULL, TRUE, TEN, 0, FALSE, FALSE, 0, NULL };
  gint64 second = pacta_database_count (f->db, "SELECT id FROM customers WHERE tenant_id = 'c0570000-2026-4a00-8b00-000000000002'", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = NULL;

  make_contract (f, &live);
  add_sales_item (f, "2026-11-15", 899900);
  give_billing_info (f, second, FALSE);
  f->customer = second;
  make_contract (f, &live);
  g_assert_true (pacta_numbering_confirm (f->db, NULL, 0, NULL, NULL));

  /* A failure in the middle of the commit, on the second invoice */
  g_assert_true (pacta_database_exec (f->db, "CREATE TEMP TRIGGER fail_second BEFORE INSERT ON invoices"
                                             " WHEN (SELECT count(*) FROM invoices) >= 1"
                                             " BEGIN SELECT RAISE (ABORT, 'injected failure'); END", NULL));
  numbers = pacta_billing_commit (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error);
  g_assert_null (numbers);
  g_assert_nonnull (error);

  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoices", NULL), ==, 0);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM billed_periods", NULL), ==, 0);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM sales_items WHERE status = 'pending'", NULL), ==, 1);
  /* No number was consumed */
  g_assert_cmpint (pacta_database_count (f->db, "SELECT next FROM number_sequences WHERE kind = 'invoice'", NULL), ==, 1);
}

static char *
read_text (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
bill_two_customers (Fixture *f)
{
  Setup live = { "monthly", "advance", "2026-10-01", NULL, TRUE, TEN, 0, FALSE, FALSE, 0, NULL };
  gint64 second = pacta_database_count (f->db, "SELECT id FROM customers WHERE tenant_id = 'c0570000-2026-4a00-8b00-000000000002'", NULL);
  g_autoptr(PactaBillingInfo) hostile = g_object_new (PACTA_TYPE_BILLING_INFO, "customer-id", second,
                                                      "business-name", "=HYPERLINK(\"http://x\")", "country", "ES",
                                                      "debtor-code", "430000777", "payment-terms-days", 15, NULL);
  g_auto(GStrv) numbers = NULL;

  make_contract (f, &live);
  add_sales_item (f, "2026-11-15", 899900);
  g_assert_true (pacta_context_save_billing_info (f->context, hostile, NULL));
  f->customer = second;
  make_contract (f, &live);
  g_assert_true (pacta_numbering_confirm (f->db, "F-{yyyy}-{0000}", 318, NULL, NULL));
  numbers = pacta_billing_commit (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, NULL);
  g_assert_cmpuint (g_strv_length (numbers), ==, 2);
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "export", NULL);
  g_autoptr(GFile) directory = g_file_new_for_path (out);
  /* Under a file: a folder that can't be made */
  g_autofree char *blocker_path = g_build_filename (f->dir, "blocker", NULL);
  g_autoptr(GFile) blocker = g_file_new_for_path (blocker_path);
  g_autoptr(GFile) missing = g_file_get_child (blocker, "nowhere");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) written = NULL;
  g_auto(GStrv) none = NULL;
  g_autofree char *invoices = NULL;
  g_autofree char *lines = NULL;
  g_autofree char *json = NULL;
  g_auto(GStrv) records = NULL;
  JsonArray *array;
  JsonObject *second;
  guint n = 99;

  bill_two_customers (f);
  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  g_assert_true (g_file_replace_contents (blocker, "x", 1, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, NULL));

  /* A folder that can't be made: a clear error and nothing marked */
  g_assert_false (pacta_invoice_export_accounting (f->db, missing, "2026-12-01", NULL, NULL, &n, NULL, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoices WHERE exported_on IS NULL", NULL), ==, 2);

  g_assert_true (pacta_invoice_export_accounting (f->db, directory, "2026-12-01", NULL, NULL, &n, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (g_strv_length (written), ==, 3);
  g_assert_cmpstr (written[0], ==, "pacta-2026-12-01-invoices.csv");
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoices WHERE exported_on = '2026-12-01'", NULL), ==, 2);

  invoices = read_text (out, "pacta-2026-12-01-invoices.csv");
  records = g_strsplit (invoices, "\r\n", -1);
  /* header, two invoices, and the empty rest after the last CRLF */
  g_assert_cmpuint (g_strv_length (records), ==, 4);
  g_assert_true (g_str_has_prefix (records[0], "number,kind,issue_date,due_date,customer_id,debtor_code,"));
  /* Numbered in customer order; the hostile name is text, not a formula;
   * the debtor code is there; due after the customer's 15 days */
  g_assert_true (g_str_has_prefix (records[1], "F-2026-0318,invoice,2026-12-01,2026-12-16,"));
  g_assert_nonnull (strstr (records[1], ",430000777,\"'=HYPERLINK(\"\"http://x\"\")\","));
  /* 10 workstations at 12.50 + an 89.99 router, 21 % tax rounded once */
  g_assert_true (g_str_has_prefix (records[2], "F-2026-0319,invoice,2026-12-01,2026-12-31,"));
  g_assert_nonnull (strstr (records[2], ",EUR,214.99,45.15,260.14,issued,"));

  lines = read_text (out, "pacta-2026-12-01-invoice-lines.csv");
  g_assert_true (g_str_has_prefix (lines, "invoice_number,position,debtor_code,origin,description,quantity,unit_price,"));
  g_assert_nonnull (strstr (lines, "\r\nF-2026-0318,0,430000777,contract,"));
  g_assert_nonnull (strstr (lines, ",10,12.5,0.00,21.00,125.00,2026-12-01,2026-12-31\r\n"));
  g_assert_nonnull (strstr (lines, "\r\nF-2026-0319,1,\"\",sales_item,Router,1,89.99,0.00,21.00,89.99,\"\",\"\"\r\n"));

  json = read_text (out, "pacta-2026-12-01-invoices.json");
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  array = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "invoices");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "debtor_code"), ==, "430000777");
  second = json_array_get_object_element (array, 1);
  g_assert_cmpstr (json_object_get_string_member (second, "number"), ==, "F-2026-0319");
  g_assert_cmpint (json_object_get_int_member (second, "gross_cents"), ==, 26014);
  g_assert_cmpint (json_object_get_int_member (second, "gross_cents"), ==,
                   pacta_database_count (f->db, "SELECT gross FROM invoices WHERE number = 'F-2026-0319'", NULL));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (second, "lines")), ==, 2);

  /* Read back as issued, for the PDF: the tax bands add up to the invoice's tax */
  {
    gint64 id = pacta_database_count (f->db, "SELECT id FROM invoices WHERE number = 'F-2026-0319'", NULL);
    g_autoptr(PactaInvoiceDocument) document = pacta_invoice_document_load (f->db, id, &error);
    g_autoptr(PactaInvoiceDocument) gone = pacta_invoice_document_load (f->db, 9999, NULL);
    gint64 tax = 0;

    g_assert_no_error (error);
    g_assert_null (gone);
    g_assert_cmpuint (document->lines->len, ==, 2);
    g_assert_cmpstr (pacta_invoice_document_member (document->customer, "business-name"), ==, "Cliente S.L.");
    g_assert_cmpstr (pacta_invoice_document_member (document->msp, "currency"), ==, "EUR");
    for (guint i = 0; i < document->tax_bands->len; i++)
      tax += g_array_index (document->tax_bands, PactaTaxBand, i).tax;
    g_assert_cmpint (tax, ==, document->tax);
    g_assert_cmpint (document->tax, ==, 4515);
  }

  /* Everything is exported: the next export writes nothing */
  g_assert_true (pacta_invoice_export_accounting (f->db, directory, "2026-12-01", NULL, NULL, &n, &none, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_cmpuint (count_files (out), ==, 3);
}

static void
test_export_failure_leaves_nothing (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "export", NULL);
  g_autoptr(GFile) directory = g_file_new_for_path (out);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) written = NULL;
  guint n = 0;

  bill_two_customers (f);
  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  /* An earlier export of the same day is never overwritten */
  {
    g_autofree char *earlier = g_build_filename (out, "pacta-2026-12-01-invoices.csv", NULL);

    g_assert_true (g_file_set_contents (earlier, "earlier", -1, NULL));
  }

  /* Marking fails on the second invoice: no file stays, nothing is marked */
  g_assert_true (pacta_database_exec (f->db, "CREATE TEMP TRIGGER fail_mark BEFORE UPDATE OF exported_on ON invoices"
                                             " WHEN NEW.number = 'F-2026-0319'"
                                             " BEGIN SELECT RAISE (ABORT, 'injected failure'); END", NULL));
  g_assert_false (pacta_invoice_export_accounting (f->db, directory, "2026-12-01", NULL, NULL, &n, &written, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (count_files (out), ==, 1);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoices WHERE exported_on IS NOT NULL", NULL), ==, 0);

  g_assert_true (pacta_database_exec (f->db, "DROP TRIGGER fail_mark", NULL));
  g_assert_true (pacta_invoice_export_accounting (f->db, directory, "2026-12-01", NULL, NULL, &n, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (written[0], ==, "pacta-2026-12-01-2-invoices.csv");
  g_assert_cmpuint (count_files (out), ==, 4);
}

/* Writes a stand-in PDF, and fails half-way through the second invoice */
static gboolean
render_failing_second (PactaDatabase  *database,
                       gint64          invoice_id,
                       GFile          *file,
                       gpointer        user_data,
                       GError        **error)
{
  guint *calls = user_data;

  if (!g_file_replace_contents (file, "%PDF-", 5, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error))
    return FALSE;
  if (++*calls == 2)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "disk full");
      return FALSE;
    }
  return TRUE;
}

static gboolean
render_stub (PactaDatabase  *database,
             gint64          invoice_id,
             GFile          *file,
             gpointer        user_data,
             GError        **error)
{
  return g_file_replace_contents (file, "%PDF-", 5, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error);
}

static void
test_export_pdfs (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "export", NULL);
  g_autofree char *taken = g_build_filename (out, "F-2026-0318.pdf", NULL);
  g_autoptr(GFile) directory = g_file_new_for_path (out);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) written = NULL;
  g_autofree char *odd = pacta_invoice_file_name ("A/2026:7", "pdf");
  guint calls = 0;
  guint n = 0;

  g_assert_cmpstr (odd, ==, "A-2026-7.pdf");
  bill_two_customers (f);
  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);

  /* The renderer fails on the second invoice: no file stays, nothing is marked */
  g_assert_false (pacta_invoice_export_accounting (f->db, directory, "2026-12-01", render_failing_second, &calls,
                                                   &n, &written, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_clear_error (&error);
  g_assert_cmpuint (calls, ==, 2);
  g_assert_cmpuint (count_files (out), ==, 0);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoices WHERE exported_on IS NOT NULL", NULL), ==, 0);

  /* A PDF of that name already there is kept; the new one goes beside it */
  g_assert_true (g_file_set_contents (taken, "someone else's", -1, NULL));
  g_assert_true (pacta_invoice_export_accounting (f->db, directory, "2026-12-01", render_stub, NULL,
                                                  &n, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (written), ==, 5);
  g_assert_cmpstr (written[3], ==, "F-2026-0318-2.pdf");
  g_assert_cmpstr (written[4], ==, "F-2026-0319.pdf");
  g_assert_cmpuint (count_files (out), ==, 6);
}

/* The MSP's details are checked like a customer's and frozen into each invoice */
static void
test_msp_details_snapshot (Fixture       *f,
                           gconstpointer  data)
{
  Setup live = { "monthly", "advance", "2026-10-01", NULL, TRUE, TEN, 0, FALSE, FALSE, 0, NULL };
  g_autoptr(PactaBillingInfo) details = pacta_billing_info_new (0);
  g_autoptr(PactaBillingInfo) loaded = NULL;
  g_autoptr(PactaInvoiceDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = NULL;

  /* A business name and country are required */
  g_assert_false (pacta_msp_save (f->db, details, NULL, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  g_object_set (details, "business-name", " Sistemas Levante S.L. ", "country", "es", "vat-number", "ESB98765431",
                "city", "Valencia", "invoice-email", "facturas@levante.example", NULL);
  /* A mistyped IBAN is refused, and nothing of the details is saved */
  g_assert_false (pacta_msp_save (f->db, details, "ES91 2100 0418 4502 0005 1333", &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM settings WHERE key = 'business-name'", NULL), ==, 0);
  g_assert_true (pacta_msp_save (f->db, details, "es91 2100 0418 4502 0005 1332", &error));
  g_assert_no_error (error);
  {
    g_autofree char *iban = pacta_msp_get_iban (f->db, NULL);

    g_assert_cmpstr (iban, ==, "ES91 2100 0418 4502 0005 1332");
  }
  loaded = pacta_msp_load (f->db, &error);
  g_assert_cmpstr (pacta_billing_info_get_business_name (loaded), ==, "Sistemas Levante S.L.");
  g_assert_cmpstr (pacta_billing_info_get_country (loaded), ==, "ES");
  g_assert_cmpstr (pacta_billing_info_get_city (loaded), ==, "Valencia");

  make_contract (f, &live);
  g_assert_true (pacta_numbering_confirm (f->db, NULL, 0, NULL, NULL));
  numbers = pacta_billing_commit (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (numbers), ==, 1);

  /* Changed later: the issued invoice keeps what it was issued with; a
   * field emptied is gone */
  g_object_set (details, "business-name", "Levante IT S.L.", "city", "", NULL);
  g_assert_true (pacta_msp_save (f->db, details, NULL, NULL));
  g_clear_object (&loaded);
  loaded = pacta_msp_load (f->db, NULL);
  g_assert_null (pacta_billing_info_get_city (loaded));
  document = pacta_invoice_document_load (f->db, pacta_database_count (f->db, "SELECT max(id) FROM invoices", NULL), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pacta_invoice_document_member (document->msp, "business-name"), ==, "Sistemas Levante S.L.");
  g_assert_cmpstr (pacta_invoice_document_member (document->msp, "city"), ==, "Valencia");
  g_assert_cmpstr (pacta_invoice_document_member (document->msp, "iban"), ==, "ES91 2100 0418 4502 0005 1332");
  g_assert_true (pacta_iban_is_valid ("DE89370400440532013000"));
  g_assert_false (pacta_iban_is_valid ("DE89 3704 0044 0532 0130 01"));
  g_assert_false (pacta_iban_is_valid ("12345"));
}

/* The currency and the default tax rate: what new invoices and new billing
 * information take; a wrong value changes nothing */
static void
test_invoicing_defaults (Fixture       *f,
                         gconstpointer  data)
{
  Setup live = { "monthly", "advance", "2026-10-01", NULL, TRUE, TEN, 0, FALSE, FALSE, 0, NULL };
  gint64 other = pacta_database_count (f->db, "SELECT id FROM customers WHERE tenant_id = 'c0570000-2026-4a00-8b00-000000000003'", NULL);
  g_autoptr(PactaBillingInfo) fresh = NULL;
  g_autoptr(PactaBillingPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *currency = pacta_msp_get_currency (f->db);
  g_autofree char *description = NULL;
  g_auto(GStrv) numbers = NULL;

  g_assert_cmpstr (currency, ==, "EUR");
  g_assert_cmpstr (pacta_context_get_currency (f->context), ==, "EUR");
  g_assert_cmpint (pacta_msp_get_default_tax_rate (f->db), ==, 2100);

  g_assert_false (pacta_context_save_defaults (f->context, "XYZ", 1000, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (pacta_context_save_defaults (f->context, "USD", 10001, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_clear_pointer (&currency, g_free);
  currency = pacta_msp_get_currency (f->db);
  g_assert_cmpstr (currency, ==, "EUR");
  g_assert_cmpint (pacta_msp_get_default_tax_rate (f->db), ==, 2100);

  g_assert_true (pacta_context_save_defaults (f->context, "USD", 1050, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pacta_context_get_currency (f->context), ==, "USD");
  g_assert_cmpint (pacta_msp_get_default_tax_rate (f->db), ==, 1050);

  /* New billing information starts at the default rate; saved ones keep theirs */
  fresh = pacta_billing_info_new_for_customer (f->db, other, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pacta_billing_info_get_tax_rate (fresh), ==, 1050);

  make_contract (f, &live);
  plan = pacta_billing_plan (f->db, "2026-11", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (plan->currency, ==, "USD");
  description = pacta_billing_plan_describe (plan);
  /* 10 × 12.50 = 125.00 net, and 21 % on top */
  g_assert_nonnull (strstr (description, "125.00 USD"));
  g_assert_nonnull (strstr (description, "151.25 USD"));
  g_assert_null (strstr (description, "€"));
  g_assert_true (pacta_numbering_confirm (f->db, NULL, 0, NULL, NULL));
  numbers = pacta_billing_commit (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoices WHERE currency = 'USD'", NULL), ==, 1);
  /* The customer saved before keeps 21 % */
  g_assert_cmpint (pacta_database_count (f->db, "SELECT tax_rate FROM invoice_lines", NULL), ==, 2100);
}

static void
test_paid_and_credit_note (Fixture       *f,
                           gconstpointer  data)
{
  gint64 first, second, credit;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *again = NULL;
  g_autofree char *of_credit = NULL;

  bill_two_customers (f);
  first = pacta_database_count (f->db, "SELECT id FROM invoices WHERE number = 'F-2026-0318'", NULL);
  second = pacta_database_count (f->db, "SELECT id FROM invoices WHERE number = 'F-2026-0319'", NULL);

  /* Paid: a real date, not before the invoice's */
  g_assert_false (pacta_invoice_mark_paid (f->db, first, "yesterday", &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (pacta_invoice_mark_paid (f->db, first, "2026-11-30", &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_true (pacta_invoice_mark_paid (f->db, first, "2026-12-10", &error));
  g_assert_no_error (error);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoices WHERE status = 'paid'"
                                                " AND paid_on = '2026-12-10'", NULL), ==, 1);
  g_assert_false (pacta_invoice_mark_paid (f->db, first, "2026-12-11", &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* Credited in full, with the credit notes' own sequence */
  number = pacta_invoice_credit (f->db, second, "2026-12-05", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (number, ==, "CN-2026-0001");
  credit = pacta_database_count (f->db, "SELECT id FROM invoices WHERE number = 'CN-2026-0001'", NULL);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoices c JOIN invoices o"
                                                " ON o.id = c.credited_invoice_id WHERE c.kind = 'credit_note'"
                                                " AND c.gross = -o.gross AND c.tax = -o.tax AND o.status = 'credited'"
                                                " AND o.number = 'F-2026-0319'", NULL), ==, 1);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT sum(net) FROM invoice_lines WHERE invoice_id IN"
                                                " (SELECT id FROM invoices WHERE number IN ('F-2026-0319', 'CN-2026-0001'))",
                                         NULL), ==, 0);

  /* Once only; a credit note is not credited or paid; a credited invoice is not paid */
  again = pacta_invoice_credit (f->db, second, "2026-12-06", &error);
  g_assert_null (again);
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_READ_ONLY);
  g_clear_error (&error);
  of_credit = pacta_invoice_credit (f->db, credit, "2026-12-06", &error);
  g_assert_null (of_credit);
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (pacta_invoice_mark_paid (f->db, second, "2026-12-10", &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (pacta_invoice_mark_paid (f->db, credit, "2026-12-10", &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_READ_ONLY);
  g_clear_error (&error);
  /* No credit-note number was consumed by the refusals */
  g_assert_cmpint (pacta_database_count (f->db, "SELECT next FROM number_sequences WHERE kind = 'credit_note'", NULL), ==, 2);
}

/* Two runs at once on the same file (the window and the command line): the
 * second cannot commit while the first writes, and afterwards finds nothing
 * left to bill — never a duplicate number or a double charge */
static void
test_concurrent_commits (Fixture       *f,
                         gconstpointer  data)
{
  Setup live = { "monthly", "advance", "2026-10-01", NULL, TRUE, TEN, 0, FALSE, FALSE, 0, NULL };
  g_autoptr(PactaDatabase) other = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) blocked = NULL;
  g_auto(GStrv) first = NULL;
  g_auto(GStrv) second = NULL;

  make_contract (f, &live);
  add_sales_item (f, "2026-11-15", 899900);
  g_assert_true (pacta_numbering_confirm (f->db, NULL, 0, NULL, NULL));
  other = pacta_database_open (pacta_database_get_path (f->db), &error);
  g_assert_no_error (error);
  sqlite3_busy_timeout (pacta_database_get_handle (other), 50);

  /* The first run is writing: the second is refused, plainly, having written nothing */
  g_assert_true (pacta_database_begin (f->db, NULL));
  blocked = pacta_billing_commit (other, "2026-11", PACTA_BILLING_FLAGS_NONE, &error);
  g_assert_null (blocked);
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "Nothing was changed"));
  g_clear_error (&error);
  pacta_database_rollback (f->db);

  first = pacta_billing_commit (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (first), ==, 1);
  second = pacta_billing_commit (other, "2026-11", PACTA_BILLING_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (second), ==, 0);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoices", NULL), ==, 1);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT next FROM number_sequences WHERE kind = 'invoice'", NULL), ==, 2);
}

/* A credit note for chosen lines; a line is credited once; the rest later */
static void
test_partial_credit_note (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GArray) router = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autofree char *rest = NULL;
  gint64 invoice;
  int position = 1;

  bill_two_customers (f);
  invoice = pacta_database_count (f->db, "SELECT id FROM invoices WHERE number = 'F-2026-0319'", NULL);
  g_array_append_val (router, position);

  /* The router only: 89.99 + 21 % = 108.89; the invoice stays open */
  first = pacta_invoice_credit_lines (f->db, invoice, "2026-12-05", router, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "CN-2026-0001");
  g_assert_cmpint (pacta_database_count (f->db, "SELECT gross FROM invoices WHERE number = 'CN-2026-0001'", NULL), ==, -10889);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoices WHERE number = 'F-2026-0319'"
                                                " AND status = 'issued'", NULL), ==, 1);

  /* The same line again: refused, no number used */
  again = pacta_invoice_credit_lines (f->db, invoice, "2026-12-05", router, &error);
  g_assert_null (again);
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT next FROM number_sequences WHERE kind = 'credit_note'", NULL), ==, 2);
  /* Not even by hand */
  g_assert_false (pacta_database_exec (f->db, "INSERT INTO invoice_lines (invoice_id, position, origin, description,"
                                              " quantity, unit_price, net, credited_line_id) SELECT invoice_id, 9, origin,"
                                              " description, 0, 0, 0, credited_line_id FROM invoice_lines"
                                              " WHERE credited_line_id IS NOT NULL", NULL));

  /* The rest: the invoice is then credited, and everything adds up to zero */
  rest = pacta_invoice_credit (f->db, invoice, "2026-12-06", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rest, ==, "CN-2026-0002");
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoices WHERE number = 'F-2026-0319'"
                                                " AND status = 'credited'", NULL), ==, 1);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT sum(gross) FROM invoices WHERE number IN"
                                                " ('F-2026-0319', 'CN-2026-0001', 'CN-2026-0002')", NULL), ==, 0);
}

/* ---- Spain's invoicing rules: what an invoice's record needs ---------------- */

/* The field of the only problem @info has for the records, NULL without;
 * its message in @message */
static const char *
records_problem (PactaBillingInfo  *info,
                 char             **message)
{
  g_autoptr(GPtrArray) problems = pacta_billing_info_check_records (info);
  PactaFieldProblem *problem;

  g_assert_cmpuint (problems->len, <=, 1);
  if (problems->len == 0)
    return NULL;
  problem = g_ptr_array_index (problems, 0);
  if (message != NULL)
    *message = g_strdup (problem->message);
  return problem->field;
}

static void
test_records_identification (void)
{
  static const struct {
    const char *country;
    const char *vat;
    const char *field;       /* the problem's, NULL when none */
    const char *says;        /* in its message */
  } cases[] = {
    /* Valid NIFs, with and without "ES", as people write them */
    { "ES", "B12345674", NULL, NULL },
    { "ES", "ESB12345674", NULL, NULL },
    { "ES", "es b-1234567.4", NULL, NULL },
    { "ES", "12345678Z", NULL, NULL },
    { "ES", "X1234567L", NULL, NULL },
    { "ES", "A58818501", NULL, NULL },
    /* The right shape, the wrong control character */
    { "ES", "B12345675", "vat-number", "control" },
    { "ES", "ESB12345675", "vat-number", "control" },
    { "ES", "12345678A", "vat-number", "control" },
    /* Not a NIF's shape */
    { "ES", "1234", "vat-number", "Not a Spanish NIF" },
    { "ES", "ESB1234567", "vat-number", "Not a Spanish NIF" },
    /* None */
    { "ES", NULL, "vat-number", "NIF" },
    { "ES", "", "vat-number", "NIF" },
    /* A foreign customer: its VAT number or other tax identification */
    { "DE", "DE123456789", NULL, NULL },
    { "US", "12-3456789", NULL, NULL },
    { "DE", NULL, "vat-number", "VAT number or other tax identification" },
    /* A Spanish number abroad is still named as a NIF, so checked as one */
    { "FR", "ESB12345675", "vat-number", "control" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PactaBillingInfo) info = g_object_new (PACTA_TYPE_BILLING_INFO, "business-name", "Cliente S.L.",
                                                       "country", cases[i].country, "vat-number", cases[i].vat, NULL);
      g_autofree char *message = NULL;
      const char *field = records_problem (info, &message);

      if (g_strcmp0 (field, cases[i].field) != 0)
        g_error ("%s %s: expected a problem with %s, got %s (%s)", cases[i].country, cases[i].vat,
                 cases[i].field, field, message);
      if (cases[i].says != NULL && strstr (message, cases[i].says) == NULL)
        g_error ("%s %s: “%s” does not say “%s”", cases[i].country, cases[i].vat, message, cases[i].says);
    }

  /* The record holds 120 characters of the name */
  {
    g_autofree char *long_name = g_strnfill (121, 'x');
    g_autoptr(PactaBillingInfo) info = g_object_new (PACTA_TYPE_BILLING_INFO, "business-name", long_name,
                                                     "country", "ES", "vat-number", "B12345674", NULL);

    g_assert_cmpstr (records_problem (info, NULL), ==, "business-name");
    long_name[120] = '\0';
    pacta_billing_info_set_business_name (info, long_name);
    g_assert_null (records_problem (info, NULL));
  }
}

/* The company in Spain: the rules are on */
static void
company_in_spain (Fixture *f)
{
  g_autoptr(PactaBillingInfo) msp = g_object_new (PACTA_TYPE_BILLING_INFO, "business-name", "Sistemas Levante S.L.",
                                                  "country", "ES", "vat-number", "ESB46000006", NULL);

  g_assert_true (pacta_msp_save (f->db, msp, NULL, NULL));
}

/* Talleres Núñez with a mistyped NIF, Clínica Dental Sonrisa abroad without
 * a VAT number: each would have an invoice */
static gint64
bill_two_unidentified (Fixture *f)
{
  Setup live = { "monthly", "advance", "2026-10-01", NULL, TRUE, TEN, 0, FALSE, FALSE, 0, NULL };
  gint64 second = pacta_database_count (f->db, "SELECT id FROM customers WHERE tenant_id = 'c0570000-2026-4a00-8b00-000000000002'", NULL);
  g_autoptr(PactaBillingInfo) mistyped = pacta_billing_info_load (f->db, f->customer, NULL);
  g_autoptr(PactaBillingInfo) foreign = g_object_new (PACTA_TYPE_BILLING_INFO, "customer-id", second,
                                                      "business-name", "Sonrisa SARL", "country", "FR", NULL);

  g_object_set (mistyped, "vat-number", "ESB12345675", NULL);
  g_assert_true (pacta_context_save_billing_info (f->context, mistyped, NULL));
  g_assert_true (pacta_context_save_billing_info (f->context, foreign, NULL));
  make_contract (f, &live);
  f->customer = second;
  make_contract (f, &live);
  g_assert_true (pacta_numbering_confirm (f->db, "F-{yyyy}-{0000}", 318, NULL, NULL));
  return second;
}

static void
test_refused_under_verifactu (Fixture       *f,
                              gconstpointer  data)
{
  gint64 first = f->customer;
  gint64 second;
  g_autoptr(PactaBillingPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = NULL;
  g_autofree char *text = NULL;
  PactaRefusedInvoice *refused;

  company_in_spain (f);
  second = bill_two_unidentified (f);

  /* The plan lists both, sorted by customer, with the field to fix */
  plan = pacta_billing_plan (f->db, "2026-11", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->invoices->len, ==, 2);
  g_assert_cmpuint (plan->refused->len, ==, 2);
  refused = g_ptr_array_index (plan->refused, 0);
  g_assert_cmpint (refused->customer_id, ==, second);
  g_assert_cmpstr (refused->customer_name, ==, "Clínica Dental Sonrisa");
  g_assert_cmpstr (refused->field, ==, "vat-number");
  refused = g_ptr_array_index (plan->refused, 1);
  g_assert_cmpint (refused->customer_id, ==, first);
  g_assert_cmpstr (refused->customer_name, ==, "Talleres Núñez S.L.");
  g_assert_nonnull (strstr (refused->message, "control"));

  /* The dry run says so */
  text = pacta_billing_plan_describe (plan);
  g_assert_nonnull (strstr (text, "Cannot issue: Talleres Núñez S.L. — VAT number: Not a valid NIF"));
  g_assert_nonnull (strstr (text, "Cannot issue: Clínica Dental Sonrisa — VAT number: Required"));

  /* The check before a backup refuses, and so does the commit: nothing
   * written, no number taken, no record made */
  g_assert_false (pacta_billing_check (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  numbers = pacta_billing_commit (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error);
  g_assert_null (numbers);
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "Nothing was issued"));
  g_assert_nonnull (strstr (error->message, "Talleres Núñez S.L. (VAT number: Not a valid NIF"));
  g_assert_nonnull (strstr (error->message, "Clínica Dental Sonrisa (VAT number: Required"));
  g_clear_error (&error);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoices", NULL), ==, 0);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoice_lines", NULL), ==, 0);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoice_records", NULL), ==, 0);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM billed_periods", NULL), ==, 0);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT next FROM number_sequences WHERE kind = 'invoice'", NULL), ==, 318);

  /* Fixed: the run goes ahead, numbered from where it was */
  {
    g_autoptr(PactaBillingInfo) fixed = pacta_billing_info_load (f->db, first, NULL);
    g_autoptr(PactaBillingInfo) abroad = pacta_billing_info_load (f->db, second, NULL);

    g_object_set (fixed, "vat-number", "ESB12345674", NULL);
    g_object_set (abroad, "vat-number", "FR12345678901", NULL);
    g_assert_true (pacta_context_save_billing_info (f->context, fixed, NULL));
    g_assert_true (pacta_context_save_billing_info (f->context, abroad, NULL));
  }
  g_assert_true (pacta_billing_check (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error));
  g_assert_no_error (error);
  numbers = pacta_billing_commit (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (numbers), ==, 2);
  g_assert_cmpstr (numbers[0], ==, "F-2026-0318");
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoice_records", NULL), ==, 2);
}

/* Rules off: the same customers bill as before */
static void
test_not_refused_without_verifactu (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(PactaBillingPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = NULL;
  g_autofree char *text = NULL;

  company_in_spain (f);
  g_assert_true (pacta_database_set_setting (f->db, "verifactu", "off", NULL));
  bill_two_unidentified (f);

  plan = pacta_billing_plan (f->db, "2026-11", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->refused->len, ==, 0);
  text = pacta_billing_plan_describe (plan);
  g_assert_null (strstr (text, "Cannot issue"));
  g_assert_null (pacta_billing_plan_describe_refused (plan));

  g_assert_true (pacta_billing_check (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error));
  numbers = pacta_billing_commit (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (numbers), ==, 2);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoice_records", NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/pacta/billing-run/monthly-advance", Fixture, NULL, fixture_set_up, test_monthly_advance_and_arrears, fixture_tear_down);
  g_test_add ("/pacta/billing-run/arrears", Fixture, NULL, fixture_set_up, test_arrears, fixture_tear_down);
  g_test_add ("/pacta/billing-run/quarterly", Fixture, NULL, fixture_set_up, test_quarterly, fixture_tear_down);
  g_test_add ("/pacta/billing-run/proration", Fixture, NULL, fixture_set_up, test_proration, fixture_tear_down);
  g_test_add ("/pacta/billing-run/no-proration-bills-whole", Fixture, NULL, fixture_set_up, test_no_proration_bills_whole, fixture_tear_down);
  g_test_add ("/pacta/billing-run/end-proration", Fixture, NULL, fixture_set_up, test_end_proration, fixture_tear_down);
  g_test_add ("/pacta/billing-run/trial-discount", Fixture, NULL, fixture_set_up, test_trial_discount_minimum, fixture_tear_down);
  g_test_add ("/pacta/billing-run/follow-usage-minimum", Fixture, NULL, fixture_set_up, test_follow_usage_minimum, fixture_tear_down);
  g_test_add ("/pacta/billing-run/ended-part-and-exempt", Fixture, NULL, fixture_set_up, test_ended_part_and_exempt, fixture_tear_down);
  g_test_add ("/pacta/billing-run/sales-items-up-to-month-end", Fixture, NULL, fixture_set_up, test_sales_items_up_to_month_end, fixture_tear_down);
  g_test_add ("/pacta/billing-run/skipped-without-billing-info", Fixture, NULL, fixture_set_up, test_skipped_without_billing_info, fixture_tear_down);
  g_test_add ("/pacta/billing-run/commit", Fixture, NULL, fixture_set_up, test_commit, fixture_tear_down);
  g_test_add ("/pacta/billing-run/why-nothing-to-bill", Fixture, NULL, fixture_set_up, test_why_nothing_to_bill, fixture_tear_down);
  g_test_add ("/pacta/billing-run/failure-leaves-nothing", Fixture, NULL, fixture_set_up, test_failure_leaves_nothing, fixture_tear_down);

  g_test_add ("/pacta/billing-run/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/pacta/billing-run/export-failure-leaves-nothing", Fixture, NULL, fixture_set_up, test_export_failure_leaves_nothing, fixture_tear_down);

  g_test_add ("/pacta/billing-run/export-pdfs", Fixture, NULL, fixture_set_up, test_export_pdfs, fixture_tear_down);

  g_test_add ("/pacta/billing-run/msp-details-snapshot", Fixture, NULL, fixture_set_up, test_msp_details_snapshot, fixture_tear_down);

  g_test_add ("/pacta/billing-run/invoicing-defaults", Fixture, NULL, fixture_set_up, test_invoicing_defaults, fixture_tear_down);
  g_test_add ("/pacta/billing-run/paid-and-credit-note", Fixture, NULL, fixture_set_up, test_paid_and_credit_note, fixture_tear_down);

  g_test_add ("/pacta/billing-run/concurrent-commits", Fixture, NULL, fixture_set_up, test_concurrent_commits, fixture_tear_down);

  g_test_add ("/pacta/billing-run/partial-credit-note", Fixture, NULL, fixture_set_up, test_partial_credit_note, fixture_tear_down);

  g_test_add_func ("/pacta/billing-run/records-identification", test_records_identification);
  g_test_add ("/pacta/billing-run/refused-under-verifactu", Fixture, NULL, fixture_set_up, test_refused_under_verifactu, fixture_tear_down);
  g_test_add ("/pacta/billing-run/not-refused-without-verifactu", Fixture, NULL, fixture_set_up, test_not_refused_without_verifactu, fixture_tear_down);

  return g_test_run ();
}
