/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-billing-run.c: billing for month M, dated the first day of M + 1 (README, Billing run).
 *
 * The plan reads and never writes: per customer, contract parts billed in
 * arrears for the interval ending with M, in advance for the interval starting
 * on the run date (intervals aligned to the contract's start month), prorated
 * by days when the contract says so; and every pending sales item dated up to
 * the end of M. The commit re-plans inside one BEGIN IMMEDIATE transaction,
 * takes the numbers and marks every source billed — all of it or nothing.
 *
 * Usage-following parts bill M's closed usage (pacta-usage-months.c) when M
 * is closed. Until it is, they would bill the provisional usage (the
 * services' quantities as last refreshed), which the commit refuses unless
 * the caller says the user confirmed it; the run then records so.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pacta-billing-info.h"
#include "pacta-billing-run.h"
#include "pacta-billing-info-table.h"
#include "pacta-clock.h"
#include "pacta-contract.h"
#include "pacta-contract-store.h"
#include "pacta-date.h"
#include "pacta-error.h"
#include "pacta-money.h"
#include "pacta-msp.h"
#include "pacta-numbering.h"
#include "pacta-platform.h"
#include "pacta-usage-months.h"
#include "pacta-verifactu.h"

static void
plan_line_free (gpointer data)
{
  PactaPlanLine *line = data;

  g_free (line->description);
  g_free (line->period_start);
  g_free (line->period_end);
  g_free (line);
}

static void
planned_invoice_free (gpointer data)
{
  PactaPlannedInvoice *invoice = data;

  g_free (invoice->customer_name);
  g_free (invoice->due_date);
  g_ptr_array_unref (invoice->lines);
  g_free (invoice);
}

static void
refused_invoice_free (gpointer data)
{
  PactaRefusedInvoice *refused = data;

  g_free (refused->customer_name);
  g_free (refused->message);
  g_free (refused);
}

void
pacta_billing_plan_free (PactaBillingPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->month);
  g_free (plan->run_date);
  g_free (plan->currency);
  g_free (plan->empty_reason);
  g_ptr_array_unref (plan->invoices);
  g_ptr_array_unref (plan->skipped);
  g_clear_pointer (&plan->refused, g_ptr_array_unref);
  g_free (plan->usage_closed_at);
  g_free (plan->usage_as_of);
  g_free (plan);
}

/* ---- planning ---------------------------------------------------------- */

typedef struct
{
  PactaDatabase    *database;
  const char       *month;
  char             *month_end;
  char             *run_date;
  const char       *usage_month; /* the month when its usage is closed, else NULL */
  GHashTable       *invoices;    /* customer id -> PactaPlannedInvoice */
  GHashTable       *infos;       /* customer id -> PactaBillingInfo, or NULL without */
} Planner;

/* Each customer's billing information is read once a run, however many
 * lines it has; the commit reuses it for the invoice's snapshot */
static PactaBillingInfo *
billing_info_for (Planner *planner,
                  gint64   customer_id)
{
  gpointer info;

  if (!g_hash_table_lookup_extended (planner->infos, &customer_id, NULL, &info))
    {
      info = pacta_billing_info_load (planner->database, customer_id, NULL);
      g_hash_table_insert (planner->infos, g_memdup2 (&customer_id, sizeof customer_id), info);
    }
  return info;
}

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static GHashTable *
billing_infos_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, unref_if_set);
}

static int
tax_rate_for (PactaBillingInfo *info,
              gboolean          taxable)
{
  if (info == NULL || pacta_billing_info_get_tax_exempt (info) || !taxable)
    return 0;
  return pacta_billing_info_get_tax_rate (info);
}

static PactaPlannedInvoice *
invoice_for (Planner    *planner,
             gint64      customer_id,
             const char *customer_name)
{
  PactaPlannedInvoice *invoice = g_hash_table_lookup (planner->invoices, &customer_id);

  if (invoice == NULL)
    {
      invoice = g_new0 (PactaPlannedInvoice, 1);
      invoice->customer_id = customer_id;
      invoice->customer_name = g_strdup (customer_name);
      invoice->lines = g_ptr_array_new_with_free_func (plan_line_free);
      g_hash_table_insert (planner->invoices, g_memdup2 (&customer_id, sizeof customer_id), invoice);
    }
  return invoice;
}

static void
add_line (PactaPlannedInvoice *invoice,
          PactaPlanLine       *line)
{
  gint64 value = pacta_money_line_value (line->quantity, line->unit_price, line->discount);

  /* Each line is rounded to cents once; tax is then summed per rate */
  line->net = pacta_round_div (value, 100);
  g_ptr_array_add (invoice->lines, line);
}

static gboolean
period_billed (Planner    *planner,
               gint64      part_id,
               const char *period_start)
{
  sqlite3_stmt *stmt = pacta_database_prepare (planner->database,
                                               "SELECT count(*) FROM billed_periods"
                                               " WHERE contract_part_id = ?1 AND period_start = ?2",
                                               NULL);
  gboolean billed = FALSE;

  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_int64 (stmt, 1, part_id);
  sqlite3_bind_text (stmt, 2, period_start, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    billed = sqlite3_column_int (stmt, 0) > 0;
  sqlite3_reset (stmt);
  return billed;
}

/* One contract part: the interval it bills in this run, if any */
static void
plan_part (Planner      *planner,
           sqlite3_stmt *row)
{
  gint64 part_id = sqlite3_column_int64 (row, 0);
  const char *description = pacta_sql_column_text (row, 1);
  gint64 quantity = sqlite3_column_int64 (row, 2);
  gint64 price = sqlite3_column_int64 (row, 3);
  int discount = sqlite3_column_int (row, 4);
  const char *part_start = pacta_sql_column_text (row, 5);
  const char *part_end = pacta_sql_column_text (row, 6);
  gint64 minimum = sqlite3_column_int64 (row, 7);
  gboolean follow = sqlite3_column_int (row, 8) != 0;
  gboolean trial = sqlite3_column_int (row, 9) != 0;
  const char *interval = pacta_sql_column_text (row, 10);
  gboolean advance = g_strcmp0 (pacta_sql_column_text (row, 11), "advance") == 0;
  const char *start = pacta_sql_column_text (row, 12);
  const char *end = pacta_sql_column_text (row, 13);
  gboolean prorate = sqlite3_column_int (row, 14) != 0;
  gint64 customer_id = sqlite3_column_int64 (row, 15);
  const char *customer_name = pacta_sql_column_text (row, 16);
  gint64 usage = sqlite3_column_int64 (row, 17);
  gboolean taxable = sqlite3_column_int (row, 18) != 0;
  int k = pacta_contract_interval_months (interval);
  int anchor = pacta_date_month_index (start);
  int m = pacta_date_month_index (planner->month);
  int first_month;
  g_autofree char *period_start = NULL;
  g_autofree char *period_end = NULL;
  const char *from, *to;
  PactaBillingInfo *info;
  PactaPlanLine *line;
  gint64 billed_quantity;
  int days_period, days_billed;

  if (trial)
    return;

  /* In arrears: the interval that ends with M; in advance: the one that
   * starts on the run date. Intervals start at the contract's month. */
  if (advance)
    first_month = m + 1;
  else
    first_month = m + 1 - k;
  if (first_month < anchor || (first_month - anchor) % k != 0)
    return;

  period_start = pacta_date_month_first (first_month);
  period_end = pacta_date_month_last (first_month + k - 1);

  from = pacta_date_later (pacta_date_later (period_start, start), part_start);
  to = pacta_date_earlier (pacta_date_earlier (period_end, end), part_end);
  if (strcmp (from, to) > 0)
    return;

  /* The schema would refuse a second charge anyway; the plan leaves it out */
  if (period_billed (planner, part_id, period_start))
    return;

  billed_quantity = follow ? MAX (usage, minimum) : quantity;
  days_period = pacta_date_days_between (period_start, period_end);
  days_billed = pacta_date_days_between (from, to);
  if (prorate && days_billed < days_period)
    billed_quantity = pacta_money_mul_div (billed_quantity, days_billed, days_period);

  info = billing_info_for (planner, customer_id);

  line = g_new0 (PactaPlanLine, 1);
  line->origin = "contract";
  line->description = g_strdup_printf ("%s · %s – %s", description, prorate ? from : period_start,
                                       prorate ? to : period_end);
  line->quantity = billed_quantity;
  line->unit_price = price * k;   /* the interval's price; parts are priced a month */
  line->discount = discount;
  line->tax_rate = tax_rate_for (info, taxable);
  line->contract_part_id = part_id;
  line->period_start = g_strdup (period_start);
  line->period_end = g_strdup (period_end);
  line->follow_usage = follow;
  add_line (invoice_for (planner, customer_id, customer_name), line);
}

static gboolean
plan_contracts (Planner  *planner,
                GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = pacta_database_prepare (planner->database,
                                 "SELECT p.id, p.description, p.quantity, p.unit_price, p.discount, p.start_date,"
                                 " p.end_date, p.minimum_quantity, p.follow_usage, p.trial, k.interval, k.billing,"
                                 " k.start_date, k.end_date, k.prorate, k.customer_id, c.name,"
                                 /* The month's closed usage once it is closed, else
                                  * the provisional: the services' quantities */
                                 " CASE WHEN ?1 IS NULL"
                                 "  THEN coalesce ((SELECT s.quantity FROM customer_services s"
                                 "                  WHERE s.customer_id = k.customer_id"
                                 "                  AND s.catalog_item_id = p.catalog_item_id), 0)"
                                 "  ELSE coalesce ((SELECT q.quantity FROM usage_month_quantities q"
                                 "                  WHERE q.month = ?1 AND q.customer_id = k.customer_id"
                                 "                  AND q.catalog_item_id = p.catalog_item_id), 0) END,"
                                 " i.taxable"
                                 " FROM contract_parts p JOIN contracts k ON k.id = p.contract_id"
                                 " JOIN customers c ON c.id = k.customer_id"
                                 " JOIN catalog_items i ON i.id = p.catalog_item_id"
                                 /* In the index's order: no sort; invoices are sorted at the end */
                                 " ORDER BY p.contract_id, p.position, p.id",
                                 error);
  if (stmt == NULL)
    return FALSE;

  pacta_sql_bind_text (stmt, 1, planner->usage_month);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    plan_part (planner, stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      pacta_database_set_error (planner->database, error, _("planning contract parts"));
      return FALSE;
    }
  return TRUE;
}

/* A pending sales item's line, kept until the lines are in billing order */
typedef struct
{
  char          *invoice_date;
  guint          read;            /* its place in the order read */
  gint64         customer_id;
  char          *customer_name;
  PactaPlanLine *line;
} SalesRow;

static void
sales_row_clear (gpointer data)
{
  SalesRow *row = data;

  g_free (row->invoice_date);
  g_free (row->customer_name);
  g_clear_pointer (&row->line, plan_line_free);
}

static int
compare_sales_rows (gconstpointer a,
                    gconstpointer b)
{
  const SalesRow *x = a, *y = b;
  int order = strcmp (x->invoice_date, y->invoice_date);

  if (order != 0)
    return order;
  return (x->read > y->read) - (x->read < y->read);
}

static gboolean
plan_sales_items (Planner  *planner,
                  GError  **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (SalesRow));
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (rows, sales_row_clear);

  /* The lines are billed by date, item and position. Read in the table's
   * order (the unary + keeps sqlite off the (status, invoice_date) index),
   * then sorted by date here: walking the index would fetch every item and
   * its lines in date order, at random across the tables, which took four
   * times as long (README, Performance). Items and lines are read in the
   * order of sales_item_lines_order, which also settles equal positions,
   * and the sort keeps that order within a date. */
  stmt = pacta_database_prepare (planner->database,
                                 "SELECT s.id, s.customer_id, c.name, l.description, l.quantity, l.unit_price,"
                                 " l.discount, l.is_note, coalesce (i.taxable, 1), s.invoice_date, s.description"
                                 " FROM sales_items s JOIN customers c ON c.id = s.customer_id"
                                 " JOIN sales_item_lines l ON l.sales_item_id = s.id"
                                 " LEFT JOIN catalog_items i ON i.id = l.catalog_item_id"
                                 " WHERE +s.status = 'pending' AND +s.invoice_date <= ?1"
                                 " ORDER BY s.id, l.position",
                                 error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, planner->month_end, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 customer_id = sqlite3_column_int64 (stmt, 1);
      PactaBillingInfo *info = billing_info_for (planner, customer_id);
      PactaPlanLine *line = g_new0 (PactaPlanLine, 1);
      gboolean note = sqlite3_column_int (stmt, 7) != 0;
      SalesRow row = { g_strdup (pacta_sql_column_text (stmt, 9)), rows->len, customer_id,
                       g_strdup (pacta_sql_column_text (stmt, 2)), line };

      line->origin = note ? "note" : "sales_item";
      line->description = g_strdup (pacta_sql_column_text (stmt, 3));
      line->quantity = note ? 0 : sqlite3_column_int64 (stmt, 4);
      line->unit_price = note ? 0 : sqlite3_column_int64 (stmt, 5);
      line->discount = sqlite3_column_int (stmt, 6);
      line->tax_rate = note ? 0 : tax_rate_for (info, sqlite3_column_int (stmt, 8) != 0);
      line->sales_item_id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      pacta_database_set_error (planner->database, error, _("planning sales items"));
      return FALSE;
    }

  g_array_sort (rows, compare_sales_rows);
  for (guint i = 0; i < rows->len; i++)
    {
      SalesRow *row = &g_array_index (rows, SalesRow, i);

      add_line (invoice_for (planner, row->customer_id, row->customer_name), g_steal_pointer (&row->line));
    }
  return TRUE;
}

static PactaBillingPlan *plan_month (PactaDatabase  *database,
                                     const char     *month,
                                     GHashTable     *infos,
                                     GError        **error);

/* Why a month bills nothing, in the words the preview and the dry run
 * show: billed already (with the invoices), every customer left out, no
 * contract started yet (with the first start), or nothing falling due */
static char *
explain_empty (PactaDatabase     *database,
               PactaBillingPlan  *plan,
               GError           **error)
{
  g_autofree char *month_start = g_strdup_printf ("%s-01", plan->month);
  sqlite3_stmt *stmt;
  gint64 n_billed = 0;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *dated = NULL;
  g_autofree char *next_start = NULL;
  gint64 n_running = 0, n_pending = 0;

  stmt = pacta_database_prepare (database,
                                 "SELECT count(*), min(number), max(number), min(issue_date) FROM invoices"
                                 " WHERE kind = 'invoice' AND billing_month = ?1",
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, plan->month, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      n_billed = sqlite3_column_int64 (stmt, 0);
      first = g_strdup (pacta_sql_column_text (stmt, 1));
      last = g_strdup (pacta_sql_column_text (stmt, 2));
      dated = g_strdup (pacta_sql_column_text (stmt, 3));
    }
  sqlite3_reset (stmt);
  if (n_billed == 1)
    /* Translators: why a billing preview is empty; the invoice's number and date */
    return g_strdup_printf (_("Nothing to bill: this month was billed already, in invoice %s dated %s."),
                            first, dated);
  if (n_billed > 1)
    /* Translators: why a billing preview is empty; how many invoices, the first and last number, their date */
    return g_strdup_printf (ngettext ("Nothing to bill: this month was billed already, in %u invoice (%s – %s) dated %s.",
                                      "Nothing to bill: this month was billed already, in %u invoices (%s – %s) dated %s.",
                                      (gulong) n_billed),
                            (guint) n_billed, first, last, dated);

  if (plan->skipped->len > 0)
    return g_strdup (_("Nothing to bill: every customer with something to bill lacks billing information (listed under Left Out)."));

  /* Contracts running at some time in the month or on the run's date, and
   * the first start after that */
  stmt = pacta_database_prepare (database,
                                 "SELECT (SELECT count(*) FROM contracts WHERE start_date <= ?2"
                                 "          AND (end_date IS NULL OR end_date >= ?1)),"
                                 "       (SELECT min(start_date) FROM contracts WHERE start_date > ?2),"
                                 "       (SELECT count(*) FROM sales_items WHERE status = 'pending')",
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, month_start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, plan->run_date, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      n_running = sqlite3_column_int64 (stmt, 0);
      next_start = g_strdup (pacta_sql_column_text (stmt, 1));
      n_pending = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);

  if (n_running == 0 && next_start != NULL)
    /* Translators: why a billing preview is empty; %s is a date */
    return g_strdup_printf (_("Nothing to bill: no contract has started by then; the first starts on %s."),
                            next_start);
  if (n_running == 0 && n_pending == 0)
    return g_strdup (_("Nothing to bill: there are no contracts or pending sales items for this month."));
  if (n_pending > 0 && n_running == 0)
    return g_strdup (_("Nothing to bill: the pending sales items are dated after this month."));
  return g_strdup (_("Nothing to bill: no contract falls due this month (other intervals, trial or ended parts) "
                     "and no pending sales item is dated in it."));
}

/**
 * pacta_billing_plan:
 * @month: YYYY-MM
 *
 * What a billing run for @month would invoice, without writing anything: the
 * dry run and the preview. Customers without billing information are left out
 * and listed with the reason.
 */
PactaBillingPlan *
pacta_billing_plan (PactaDatabase  *database,
                    const char     *month,
                    GError        **error)
{
  g_autoptr(GHashTable) infos = billing_infos_new ();
  g_autoptr(PactaBillingPlan) plan = plan_month (database, month, infos, error);

  if (plan != NULL && plan->invoices->len == 0 &&
      !(plan->empty_reason = explain_empty (database, plan, error)))
    return NULL;
  return g_steal_pointer (&plan);
}

typedef struct
{
  char     *key;
  gint64    customer_id;
  gpointer  item;
} SortEntry;

static int
compare_sort_entries (gconstpointer a,
                      gconstpointer b)
{
  const SortEntry *x = a, *y = b;
  int order = strcmp (x->key, y->key);

  if (order != 0)
    return order;
  return (x->customer_id > y->customer_id) - (x->customer_id < y->customer_id);
}

/* By customer name, as g_utf8_collate() orders them (a collation key each,
 * made once, instead of normalising both names at every comparison), then
 * by customer: the same order whatever order the rows were read in */
static void
sort_by_customer (GPtrArray  *items,
                  gsize       name_offset,
                  gsize       id_offset)
{
  g_autoptr(GArray) entries = g_array_sized_new (FALSE, FALSE, sizeof (SortEntry), items->len);

  for (guint i = 0; i < items->len; i++)
    {
      gpointer item = g_ptr_array_index (items, i);
      SortEntry entry = { g_utf8_collate_key (G_STRUCT_MEMBER (const char *, item, name_offset), -1),
                          G_STRUCT_MEMBER (gint64, item, id_offset), item };

      g_array_append_val (entries, entry);
    }
  g_array_sort (entries, compare_sort_entries);
  for (guint i = 0; i < entries->len; i++)
    {
      SortEntry *entry = &g_array_index (entries, SortEntry, i);

      items->pdata[i] = entry->item;
      g_free (entry->key);
    }
}

static PactaBillingPlan *
plan_month (PactaDatabase  *database,
            const char     *month,
            GHashTable     *infos,
            GError        **error)
{
  g_autoptr(PactaBillingPlan) plan = NULL;
  Planner planner = { database, month, NULL, NULL, NULL, NULL, infos };
  g_autoptr(PactaVerifactuSettings) rules = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *closed_at = NULL;
  gboolean closed;
  GHashTableIter iter;
  gpointer key, value;
  gboolean ok;

  if (!pacta_month_is_valid (month))
    {
      /* What was typed, within reason: it goes into a label */
      g_autofree char *shown = month != NULL && g_utf8_validate (month, -1, NULL)
                               ? g_utf8_substring (month, 0, MIN (g_utf8_strlen (month, -1), 20)) : g_strdup ("");

      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                   _("“%s” is not a month; write it as YYYY-MM, such as 2026-11"), shown);
      return NULL;
    }

  closed = pacta_usage_month_is_closed (database, month, &closed_at, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  planner.usage_month = closed ? month : NULL;
  planner.month_end = pacta_date_month_last (pacta_date_month_index (month));
  planner.run_date = pacta_date_month_first (pacta_date_month_index (month) + 1);
  planner.invoices = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, planned_invoice_free);

  ok = plan_contracts (&planner, error) && plan_sales_items (&planner, error);

  plan = g_new0 (PactaBillingPlan, 1);
  plan->month = g_strdup (month);
  plan->run_date = g_steal_pointer (&planner.run_date);
  plan->currency = pacta_msp_get_currency (database);
  plan->invoices = g_ptr_array_new_with_free_func (planned_invoice_free);
  plan->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify)pacta_skipped_customer_free);
  plan->refused = g_ptr_array_new_with_free_func (refused_invoice_free);
  plan->usage_closed = closed;
  plan->usage_closed_at = g_steal_pointer (&closed_at);
  if (!closed)
    plan->usage_as_of = pacta_database_get_setting (database, PACTA_PLATFORM_SETTING_USAGE_AT);
  /* Spain's invoicing rules: an invoice the tax agency must reject is
   * found here, before anything is issued */
  rules = pacta_verifactu_settings_load (database, NULL);

  g_hash_table_iter_init (&iter, planner.invoices);
  while (ok && g_hash_table_iter_next (&iter, &key, &value))
    {
      PactaPlannedInvoice *invoice = value;
      PactaBillingInfo *info = billing_info_for (&planner, invoice->customer_id);
      g_autoptr(GHashTable) per_rate = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
      GHashTableIter rates;
      gpointer rate, sum;

      g_hash_table_iter_steal (&iter);
      g_free (key);

      if (info == NULL)
        {
          PactaSkippedCustomer *skip = g_new0 (PactaSkippedCustomer, 1);

          skip->customer_id = invoice->customer_id;
          skip->customer_name = g_strdup (invoice->customer_name);
          skip->reason = g_strdup (_("No billing information yet"));
          g_ptr_array_add (plan->skipped, skip);
          planned_invoice_free (invoice);
          continue;
        }

      /* Net per rate, then the tax of each rate rounded once */
      for (guint i = 0; i < invoice->lines->len; i++)
        {
          PactaPlanLine *line = g_ptr_array_index (invoice->lines, i);
          gint64 *total = g_hash_table_lookup (per_rate, GINT_TO_POINTER (line->tax_rate));

          if (total == NULL)
            {
              total = g_new0 (gint64, 1);
              g_hash_table_insert (per_rate, GINT_TO_POINTER (line->tax_rate), total);
            }
          *total += line->net;
          invoice->net += line->net;
        }
      g_hash_table_iter_init (&rates, per_rate);
      while (g_hash_table_iter_next (&rates, &rate, &sum))
        invoice->tax += pacta_money_mul_div (*(gint64 *)sum, GPOINTER_TO_INT (rate), PACTA_PERCENT_SCALE);
      invoice->gross = invoice->net + invoice->tax;
      invoice->due_date = pacta_date_add_days (plan->run_date, pacta_billing_info_get_payment_terms_days (info));
      plan->gross += invoice->gross;
      g_ptr_array_add (plan->invoices, invoice);
      for (guint i = 0; i < invoice->lines->len; i++)
        if (((PactaPlanLine *) g_ptr_array_index (invoice->lines, i))->follow_usage)
          plan->usage_lines++;

      if (rules != NULL && rules->enabled)
        {
          g_autoptr(GPtrArray) problems = pacta_billing_info_check_records (info);

          for (guint i = 0; i < problems->len; i++)
            {
              PactaFieldProblem *problem = g_ptr_array_index (problems, i);
              PactaRefusedInvoice *refused = g_new0 (PactaRefusedInvoice, 1);

              refused->customer_id = invoice->customer_id;
              refused->customer_name = g_strdup (invoice->customer_name);
              refused->field = problem->field;
              refused->message = g_strdup (problem->message);
              g_ptr_array_add (plan->refused, refused);
            }
        }
    }

  g_hash_table_unref (planner.invoices);
  g_free (planner.month_end);

  if (!ok)
    return NULL;

  sort_by_customer (plan->invoices, G_STRUCT_OFFSET (PactaPlannedInvoice, customer_name),
                    G_STRUCT_OFFSET (PactaPlannedInvoice, customer_id));
  sort_by_customer (plan->skipped, G_STRUCT_OFFSET (PactaSkippedCustomer, customer_name),
                    G_STRUCT_OFFSET (PactaSkippedCustomer, customer_id));
  /* g_array_sort() is stable: a customer's problems stay in form order */
  sort_by_customer (plan->refused, G_STRUCT_OFFSET (PactaRefusedInvoice, customer_name),
                    G_STRUCT_OFFSET (PactaRefusedInvoice, customer_id));
  return g_steal_pointer (&plan);
}

char *
pacta_billing_plan_describe (PactaBillingPlan *plan)
{
  GString *s = g_string_new (NULL);
  g_autofree char *total = pacta_money_format (plan->gross * 100, plan->currency);

  /* Translators: the heading of a billing plan: month, run date */
  g_string_append_printf (s, _("Billing run for %s, dated %s\n"), plan->month, plan->run_date);
  for (guint i = 0; i < plan->invoices->len; i++)
    {
      PactaPlannedInvoice *invoice = g_ptr_array_index (plan->invoices, i);
      g_autofree char *net = pacta_money_format (invoice->net * 100, plan->currency);
      g_autofree char *gross = pacta_money_format (invoice->gross * 100, plan->currency);

      g_string_append_printf (s, "\n%-40s %14s %14s\n", invoice->customer_name, net, gross);
      for (guint k = 0; k < invoice->lines->len; k++)
        {
          PactaPlanLine *line = g_ptr_array_index (invoice->lines, k);
          g_autofree char *line_net = pacta_money_format (line->net * 100, plan->currency);

          g_string_append_printf (s, "    %-50s %14s\n", line->description, line_net);
        }
    }

  if (plan->invoices->len == 0 && plan->empty_reason != NULL)
    g_string_append_printf (s, "\n%s\n", plan->empty_reason);
  else
    g_string_append_printf (s, ngettext ("\n%u invoice, %s in all\n", "\n%u invoices, %s in all\n",
                                         plan->invoices->len),
                            plan->invoices->len, total);
  for (guint i = 0; i < plan->skipped->len; i++)
    {
      PactaSkippedCustomer *skip = g_ptr_array_index (plan->skipped, i);

      /* Translators: a customer the run leaves out, and why */
      g_string_append_printf (s, _("Skipped: %s — %s\n"), skip->customer_name, skip->reason);
    }
  if (plan->refused->len > 0)
    {
      g_string_append_printf (s, "\n%s\n",
                              _("Nothing can be issued until these customers’ billing information is fixed: "
                                "under Spain’s invoicing rules (VERI*FACTU) the tax agency would reject their "
                                "invoices."));
      for (guint i = 0; i < plan->refused->len; i++)
        {
          PactaRefusedInvoice *refused = g_ptr_array_index (plan->refused, i);

          /* Translators: an invoice that can't be issued: the customer, the
           * billing-information field to fix, what is wrong with it */
          g_string_append_printf (s, _("Cannot issue: %s — %s: %s\n"), refused->customer_name,
                                  pacta_billing_info_field_label (refused->field), refused->message);
        }
    }
  return g_string_free (s, FALSE);
}

/* A time the database keeps (ISO 8601, UTC) as the user reads it: in the
 * app clock's zone, to the minute */
static char *
format_time (const char *iso8601)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (iso8601, NULL);
  g_autoptr(GTimeZone) zone = pacta_clock_get_timezone (pacta_clock_get_default ());
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL || !(local = g_date_time_to_timezone (utc, zone)))
    return g_strdup (iso8601);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/**
 * pacta_billing_plan_describe_usage:
 *
 * What the usage-following parts of @plan bill: the month's closed usage,
 * or (not closed) the provisional usage and its time, for the preview and
 * the dry run.
 *
 * Returns: (transfer full) (nullable): a sentence; %NULL when the month is
 *   not closed and the plan bills no usage-following part
 */
char *
pacta_billing_plan_describe_usage (PactaBillingPlan *plan)
{
  g_autofree char *when = NULL;

  g_return_val_if_fail (plan != NULL, NULL);

  if (plan->usage_closed)
    {
      when = format_time (plan->usage_closed_at);
      /* Translators: the month (YYYY-MM), then when its usage was closed (YYYY-MM-DD HH:MM) */
      return g_strdup_printf (_("Usage for %s closed on %s: usage-following parts bill the closed usage."),
                              plan->month, when);
    }
  if (plan->usage_lines == 0)
    return NULL;
  if (plan->usage_as_of == NULL)
    /* Translators: the month (YYYY-MM) */
    return g_strdup_printf (_("Usage for %s is not closed: usage-following parts would bill the provisional usage, "
                              "and no usage has been refreshed from the cloud platform."),
                            plan->month);
  when = format_time (plan->usage_as_of);
  /* Translators: the month (YYYY-MM), then when the usage was last refreshed (YYYY-MM-DD HH:MM) */
  return g_strdup_printf (_("Usage for %s is not closed: usage-following parts would bill the provisional usage "
                            "of %s."),
                          plan->month, when);
}

/* The commit's refusal of a plan that would bill provisional usage
 * nobody confirmed */
static gboolean
check_usage (PactaBillingPlan   *plan,
             PactaBillingFlags   flags,
             GError            **error)
{
  g_autofree char *when = NULL;

  if (plan->usage_lines == 0 || plan->usage_closed || (flags & PACTA_BILLING_PROVISIONAL_USAGE) != 0)
    return TRUE;
  if (plan->usage_as_of == NULL)
    {
      /* Translators: the month (YYYY-MM) */
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_USAGE_NOT_CLOSED,
                   _("The usage of %s is not closed: close the month from the cloud platform’s usage report, or "
                     "confirm billing from the provisional usage (no usage has been refreshed from the platform)."),
                   plan->month);
      return FALSE;
    }
  when = format_time (plan->usage_as_of);
  /* Translators: the month (YYYY-MM), then when the usage was last refreshed (YYYY-MM-DD HH:MM) */
  g_set_error (error, PACTA_ERROR, PACTA_ERROR_USAGE_NOT_CLOSED,
               _("The usage of %s is not closed: close the month from the cloud platform’s usage report, or "
                 "confirm billing from the provisional usage of %s."),
               plan->month, when);
  return FALSE;
}

/* At most this many customers are named in one message; the preview and
 * the dry run list them all */
#define REFUSED_NAMED 10

/**
 * pacta_billing_plan_describe_refused:
 *
 * Why @plan cannot be committed under Spain's invoicing rules, naming each
 * customer and field to fix (the first ten), for an error message.
 *
 * Returns: (transfer full) (nullable): the message, or %NULL when every
 *   planned invoice may be issued
 */
char *
pacta_billing_plan_describe_refused (PactaBillingPlan *plan)
{
  g_autoptr(GString) list = g_string_new (NULL);
  g_autoptr(GHashTable) customers = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n_named = 0;

  g_return_val_if_fail (plan != NULL, NULL);

  if (plan->refused == NULL || plan->refused->len == 0)
    return NULL;

  for (guint i = 0; i < plan->refused->len; i++)
    {
      PactaRefusedInvoice *refused = g_ptr_array_index (plan->refused, i);

      g_hash_table_add (customers, &refused->customer_id);
      if (n_named >= REFUSED_NAMED)
        continue;
      n_named++;
      if (list->len > 0)
        g_string_append (list, "; ");
      /* Translators: one invoice that can't be issued, in a list: the
       * customer, the billing-information field, what is wrong with it */
      g_string_append_printf (list, _("%s (%s: %s)"), refused->customer_name,
                              pacta_billing_info_field_label (refused->field), refused->message);
    }
  if (n_named < plan->refused->len)
    {
      guint more = plan->refused->len - n_named;

      /* Translators: the end of a list of problems that was cut short */
      g_string_append_printf (list, ngettext ("; and %u more", "; and %u more", more), more);
    }

  /* Translators: %s lists customers, each with the field to fix and why */
  return g_strdup_printf (ngettext ("Nothing was issued: under Spain’s invoicing rules (VERI*FACTU) the tax agency "
                                    "would reject the invoice to %s. Fix the customer’s billing information, then "
                                    "run billing again.",
                                    "Nothing was issued: under Spain’s invoicing rules (VERI*FACTU) the tax agency "
                                    "would reject the invoices to %s. Fix these customers’ billing information, "
                                    "then run billing again.",
                                    g_hash_table_size (customers)),
                          list->str);
}

/**
 * pacta_billing_describe_numbers:
 * @numbers: the numbers a run issued, at least one
 *
 * Returns: (transfer full): what a run created, for a toast or the command
 *   line: "Invoice INV-2027-0001 created", or "3 invoices created: first – last"
 */
char *
pacta_billing_describe_numbers (GStrv numbers)
{
  guint n = numbers != NULL ? g_strv_length (numbers) : 0;

  g_return_val_if_fail (n > 0, NULL);

  if (n == 1)
    /* Translators: after a billing run that issued one invoice; its number */
    return g_strdup_printf (_("Invoice %s created"), numbers[0]);
  /* Translators: after a billing run; how many invoices, the first and the last number */
  return g_strdup_printf (ngettext ("%u invoice created: %s – %s", "%u invoices created: %s – %s", n),
                          n, numbers[0], numbers[n - 1]);
}

/* ---- committing -------------------------------------------------------- */

/* The customer's details as the invoice keeps them; the node stays for the
 * invoice's record, which names the recipient from it */
static JsonNode *
snapshot_customer (PactaBillingInfo *info)
{
  if (info == NULL)
    return json_node_init_object (json_node_alloc (), json_object_new ());
  return json_gobject_serialize (G_OBJECT (info));
}

static JsonNode *
snapshot_msp (PactaDatabase  *database,
              GError        **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  sqlite3_stmt *stmt = pacta_database_prepare (database, "SELECT key, value FROM settings ORDER BY key", error);

  if (stmt == NULL)
    return NULL;
  json_builder_begin_object (builder);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      json_builder_set_member_name (builder, pacta_sql_column_text (stmt, 0));
      json_builder_add_string_value (builder, pacta_sql_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* What the commit keeps of each invoice it has written, for the rows that
 * follow it */
typedef struct
{
  gint64    id;
  char     *number;
  JsonNode *customer;
} Written;

static void
written_clear (gpointer data)
{
  Written *written = data;

  g_free (written->number);
  g_clear_pointer (&written->customer, json_node_unref);
}

/* The commit's statements, prepared once for the whole run rather than
 * looked up by their text for every row. The rows are written a table at a
 * time (invoices, lines, billed periods, records, sales items), each in the
 * plan's order, so every row and its id is what invoice-by-invoice writing
 * would give; but only one table's pages are being changed at a time, which
 * keeps them in sqlite's page cache instead of spilling and reading them
 * again (README, Performance). */
typedef struct
{
  PactaDatabase    *database;
  PactaBillingPlan *plan;
  JsonNode         *msp;
  char             *msp_text;
  char             *now;            /* when the run wrote its invoices, UTC */
  GDateTime        *now_local;      /* the same, with the local offset */
  GArray           *written;        /* Written, one per planned invoice */
  sqlite3_stmt     *insert_invoice;
  sqlite3_stmt     *insert_line;
  sqlite3_stmt     *insert_period;
  sqlite3_stmt     *mark_billed;
} Writer;

static gboolean
writer_prepare (Writer  *writer,
                GError **error)
{
  PactaDatabase *database = writer->database;

  return (writer->insert_invoice =
            pacta_database_prepare (database,
                                    "INSERT INTO invoices (kind, number, customer_id, billing_month, issue_date, due_date,"
                                    " currency, customer_snapshot, msp_snapshot, net, tax, gross, created_at)"
                                    " VALUES ('invoice', ?1, ?2, ?3, ?4, ?5,"
                                    " ?12, ?6, ?7, ?8, ?9, ?10, ?11)",
                                    error)) != NULL &&
         (writer->insert_line =
            pacta_database_prepare (database,
                                    "INSERT INTO invoice_lines (invoice_id, position, origin, description, quantity,"
                                    " unit_price, discount, tax_rate, net, contract_part_id, period_start, period_end,"
                                    " sales_item_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                                    error)) != NULL &&
         (writer->insert_period =
            pacta_database_prepare (database,
                                    "INSERT INTO billed_periods (contract_part_id, period_start, invoice_id)"
                                    " VALUES (?1, ?2, ?3)",
                                    error)) != NULL &&
         (writer->mark_billed =
            pacta_database_prepare (database,
                                    "UPDATE sales_items SET status = 'billed', invoice_id = ?2"
                                    " WHERE id = ?1 AND status = 'pending'",
                                    error)) != NULL;
}

static gboolean
write_invoice (Writer               *writer,
               PactaPlannedInvoice  *invoice,
               PactaBillingInfo     *info,
               const char           *number,
               Written              *written,
               GError              **error)
{
  PactaDatabase *database = writer->database;
  PactaBillingPlan *plan = writer->plan;
  g_autofree char *customer = NULL;
  sqlite3_stmt *stmt;

  written->customer = snapshot_customer (info);
  customer = json_to_string (written->customer, FALSE);
  written->number = g_strdup (number);

  /* The texts outlive each step, which resets the statement */
  stmt = writer->insert_invoice;
  sqlite3_bind_text (stmt, 1, written->number, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, invoice->customer_id);
  sqlite3_bind_text (stmt, 3, plan->month, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, plan->run_date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, invoice->due_date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, customer, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, writer->msp_text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, invoice->net);
  sqlite3_bind_int64 (stmt, 9, invoice->tax);
  sqlite3_bind_int64 (stmt, 10, invoice->gross);
  sqlite3_bind_text (stmt, 11, writer->now, -1, SQLITE_STATIC);
  pacta_sql_bind_text (stmt, 12, plan->currency);
  if (!pacta_database_step_done (database, stmt, error))
    return FALSE;
  written->id = sqlite3_last_insert_rowid (pacta_database_get_handle (database));
  return TRUE;
}

static gboolean
write_lines (Writer               *writer,
             PactaPlannedInvoice  *invoice,
             gint64                id,
             GError              **error)
{
  sqlite3_stmt *stmt = writer->insert_line;

  for (guint i = 0; i < invoice->lines->len; i++)
    {
      PactaPlanLine *line = g_ptr_array_index (invoice->lines, i);

      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, (int)i);
      sqlite3_bind_text (stmt, 3, line->origin, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, line->description, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, line->quantity);
      sqlite3_bind_int64 (stmt, 6, line->unit_price);
      sqlite3_bind_int (stmt, 7, line->discount);
      sqlite3_bind_int (stmt, 8, line->tax_rate);
      sqlite3_bind_int64 (stmt, 9, line->net);
      if (line->contract_part_id > 0)
        sqlite3_bind_int64 (stmt, 10, line->contract_part_id);
      else
        sqlite3_bind_null (stmt, 10);
      if (line->period_start != NULL)
        sqlite3_bind_text (stmt, 11, line->period_start, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 11);
      if (line->period_end != NULL)
        sqlite3_bind_text (stmt, 12, line->period_end, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 12);
      if (line->sales_item_id > 0)
        sqlite3_bind_int64 (stmt, 13, line->sales_item_id);
      else
        sqlite3_bind_null (stmt, 13);
      if (!pacta_database_step_done (writer->database, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* The sources are billed: a part's period once */
static gboolean
write_billed_periods (Writer               *writer,
                      PactaPlannedInvoice  *invoice,
                      gint64                id,
                      GError              **error)
{
  sqlite3_stmt *stmt = writer->insert_period;

  for (guint i = 0; i < invoice->lines->len; i++)
    {
      PactaPlanLine *line = g_ptr_array_index (invoice->lines, i);

      if (line->contract_part_id <= 0)
        continue;
      sqlite3_bind_int64 (stmt, 1, line->contract_part_id);
      pacta_sql_bind_text (stmt, 2, line->period_start);
      sqlite3_bind_int64 (stmt, 3, id);
      if (!pacta_database_step_done (writer->database, stmt, error))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  gint64 sales_item_id;
  gint64 invoice_id;
} SalesItemBilled;

static int
compare_sales_items (gconstpointer a,
                     gconstpointer b)
{
  const SalesItemBilled *x = a, *y = b;

  return (x->sales_item_id > y->sales_item_id) - (x->sales_item_id < y->sales_item_id);
}

/* and a sales item once. In the order of their ids, which is the table's
 * and its indexes' order far more than the customers' is: each row ends the
 * same whatever the order, and pages are changed one after another instead
 * of at random. */
static gboolean
mark_sales_items_billed (Writer  *writer,
                         GError **error)
{
  GPtrArray *invoices = writer->plan->invoices;
  g_autoptr(GArray) billed = g_array_new (FALSE, FALSE, sizeof (SalesItemBilled));
  sqlite3_stmt *stmt = writer->mark_billed;

  for (guint i = 0; i < invoices->len; i++)
    {
      PactaPlannedInvoice *invoice = g_ptr_array_index (invoices, i);

      for (guint k = 0; k < invoice->lines->len; k++)
        {
          PactaPlanLine *line = g_ptr_array_index (invoice->lines, k);
          SalesItemBilled item = { line->sales_item_id, g_array_index (writer->written, Written, i).id };

          if (line->contract_part_id <= 0 && line->sales_item_id > 0)
            g_array_append_val (billed, item);
        }
    }
  g_array_sort (billed, compare_sales_items);

  for (guint i = 0; i < billed->len; i++)
    {
      SalesItemBilled *item = &g_array_index (billed, SalesItemBilled, i);

      /* A sales item's lines mark it once; the next ones find it billed */
      if (i > 0 && item->sales_item_id == g_array_index (billed, SalesItemBilled, i - 1).sales_item_id)
        continue;
      sqlite3_bind_int64 (stmt, 1, item->sales_item_id);
      sqlite3_bind_int64 (stmt, 2, item->invoice_id);
      if (!pacta_database_step_done (writer->database, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* The invoice as written, from memory: what pacta_invoice_document_load()
 * would read back, for its record */
static PactaInvoiceDocument *
written_document (Writer              *writer,
                  PactaPlannedInvoice *invoice,
                  Written             *written)
{
  PactaInvoiceDocument *document = pacta_invoice_document_new ();

  document->id = written->id;
  document->kind = g_strdup ("invoice");
  document->number = g_strdup (written->number);
  document->issue_date = g_strdup (writer->plan->run_date);
  document->due_date = g_strdup (invoice->due_date);
  document->currency = g_strdup (writer->plan->currency);
  document->status = g_strdup ("issued");
  document->net = invoice->net;
  document->tax = invoice->tax;
  document->gross = invoice->gross;
  document->customer = json_object_ref (json_node_get_object (written->customer));
  document->msp = json_object_ref (json_node_get_object (writer->msp));
  for (guint i = 0; i < invoice->lines->len; i++)
    {
      PactaPlanLine *planned = g_ptr_array_index (invoice->lines, i);
      PactaDocumentLine *line = g_new0 (PactaDocumentLine, 1);

      line->position = (int)i;
      line->description = g_strdup (planned->description);
      line->quantity = planned->quantity;
      line->unit_price = planned->unit_price;
      line->discount = planned->discount;
      line->tax_rate = planned->tax_rate;
      line->net = planned->net;
      line->period_start = g_strdup (planned->period_start);
      line->period_end = g_strdup (planned->period_end);
      g_ptr_array_add (document->lines, line);
    }
  pacta_invoice_document_compute_tax_bands (document);
  return document;
}

static gboolean
write_all (Writer            *writer,
           GHashTable        *infos,
           GError           **error)
{
  GPtrArray *invoices = writer->plan->invoices;
  g_autoptr(PactaVerifactuRecorder) recorder = pacta_verifactu_recorder_new (writer->database, writer->now_local);
  g_auto(GStrv) numbers = NULL;

  if (invoices->len == 0)
    return mark_sales_items_billed (writer, error);

  /* The numbers in the plan's order, taken in one step */
  if (!(numbers = pacta_numbering_take_many_unlocked (writer->database, "invoice", writer->plan->run_date,
                                                      invoices->len, error)))
    return FALSE;
  for (guint i = 0; i < invoices->len; i++)
    {
      PactaPlannedInvoice *invoice = g_ptr_array_index (invoices, i);

      if (!write_invoice (writer, invoice, g_hash_table_lookup (infos, &invoice->customer_id), numbers[i],
                          &g_array_index (writer->written, Written, i), error))
        return FALSE;
    }
  for (guint i = 0; i < invoices->len; i++)
    if (!write_lines (writer, g_ptr_array_index (invoices, i), g_array_index (writer->written, Written, i).id, error))
      return FALSE;
  for (guint i = 0; i < invoices->len; i++)
    if (!write_billed_periods (writer, g_ptr_array_index (invoices, i),
                               g_array_index (writer->written, Written, i).id, error))
      return FALSE;

  /* Spain's rules: each invoice's chained record, in the same transaction */
  for (guint i = 0; i < invoices->len; i++)
    {
      g_autoptr(PactaInvoiceDocument) document = written_document (writer, g_ptr_array_index (invoices, i),
                                                                   &g_array_index (writer->written, Written, i));

      if (!pacta_verifactu_recorder_add (recorder, document, error))
        return FALSE;
    }

  return mark_sales_items_billed (writer, error);
}

/* The user confirmed billing provisional usage: the run says so */
static gboolean
record_provisional_usage (Writer  *writer,
                          GError **error)
{
  PactaBillingPlan *plan = writer->plan;
  sqlite3_stmt *stmt;

  if (plan->usage_lines == 0 || plan->usage_closed)
    return TRUE;
  stmt = pacta_database_prepare (writer->database,
                                 "INSERT INTO usage_confirmations (month, confirmed_at, usage_as_of, invoices)"
                                 " VALUES (?1, ?2, ?3, ?4)",
                                 error);
  if (stmt == NULL)
    return FALSE;
  pacta_sql_bind_text (stmt, 1, plan->month);
  pacta_sql_bind_text (stmt, 2, writer->now);
  pacta_sql_bind_text (stmt, 3, plan->usage_as_of);
  sqlite3_bind_int64 (stmt, 4, plan->invoices->len);
  return pacta_database_step_done (writer->database, stmt, error);
}

/**
 * pacta_billing_commit:
 * @flags: %PACTA_BILLING_PROVISIONAL_USAGE once the user confirmed billing
 *   provisional usage
 *
 * Runs billing for @month in one BEGIN IMMEDIATE transaction: every invoice
 * with its number, or none. Fails with %PACTA_ERROR_NUMBERING_NOT_CONFIRMED
 * until the numbering is confirmed, and with %PACTA_ERROR_USAGE_NOT_CLOSED
 * when usage-following parts would bill a month whose usage is not closed
 * and @flags does not allow provisional usage (allowed, the run records
 * it). A second run of the same month finds nothing left to bill.
 *
 * Returns: (transfer full): the numbers issued, in order
 */
GStrv
pacta_billing_commit (PactaDatabase      *database,
                      const char         *month,
                      PactaBillingFlags   flags,
                      GError            **error)
{
  g_autoptr(PactaBillingPlan) plan = NULL;
  g_autoptr(PactaNumbering) numbering = NULL;
  g_autoptr(GHashTable) infos = billing_infos_new ();
  g_autoptr(JsonNode) msp = NULL;
  g_autofree char *msp_text = NULL;
  /* One time for the whole run, read before it starts: a run that crosses
   * midnight stamps every invoice and record alike */
  g_autoptr(GDateTime) now = pacta_now ();
  g_autoptr(GDateTime) now_utc = g_date_time_to_utc (now);
  g_autofree char *now_text = g_date_time_format_iso8601 (now_utc);
  g_autoptr(GArray) written = g_array_new (FALSE, TRUE, sizeof (Written));
  g_autoptr(GStrvBuilder) numbers = g_strv_builder_new ();
  Writer writer;

  g_array_set_clear_func (written, written_clear);

  /* BEGIN IMMEDIATE: a second run at the same time (another window, the
   * command line) waits for this one, then finds nothing left to bill */
  if (!pacta_database_begin (database, error))
    return NULL;

  if (!(numbering = pacta_numbering_load (database, "invoice", error)))
    goto failed;
  if (!numbering->confirmed)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_NUMBERING_NOT_CONFIRMED,
                   _("The invoice numbering is not confirmed yet; review it first so that numbers continue your accounting software"));
      goto failed;
    }

  /* Planned inside the transaction: the snapshots are of what is billed */
  if (!(plan = plan_month (database, month, infos, error)) || !(msp = snapshot_msp (database, error)))
    goto failed;
  /* Spain's rules: an invoice the tax agency must reject is never issued,
   * nor is the rest of the run, which would otherwise go out without it */
  if (plan->refused->len > 0)
    {
      g_autofree char *why = pacta_billing_plan_describe_refused (plan);

      g_set_error_literal (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE, why);
      goto failed;
    }
  if (!check_usage (plan, flags, error))
    goto failed;
  msp_text = json_to_string (msp, FALSE);

  g_array_set_size (written, plan->invoices->len);
  writer = (Writer) { database, plan, msp, msp_text, now_text, now, written, NULL, NULL, NULL, NULL };
  if (!writer_prepare (&writer, error) || !write_all (&writer, infos, error) ||
      !record_provisional_usage (&writer, error))
    goto failed;

  if (!pacta_database_commit (database, error))
    goto failed;
  for (guint i = 0; i < written->len; i++)
    g_strv_builder_add (numbers, g_array_index (written, Written, i).number);
  return g_strv_builder_end (numbers);

failed:
  pacta_database_rollback (database);
  return NULL;
}

/**
 * pacta_billing_check:
 *
 * What pacta_billing_commit() would refuse before it writes anything: a
 * month that isn't one, numbering not confirmed, under Spain's invoicing
 * rules an invoice the tax agency would reject, and provisional usage
 * without %PACTA_BILLING_PROVISIONAL_USAGE (each of the last two takes a
 * plan). Callers check it before they take a backup, so that a mistyped
 * run doesn't push a real backup out.
 */
gboolean
pacta_billing_check (PactaDatabase      *database,
                     const char         *month,
                     PactaBillingFlags   flags,
                     GError            **error)
{
  g_autoptr(PactaNumbering) numbering = NULL;
  g_autoptr(PactaVerifactuSettings) rules = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean check_rules, check_provisional;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);

  if (!pacta_month_is_valid (month))
    {
      g_autofree char *shown = month != NULL && g_utf8_validate (month, -1, NULL)
                               ? g_utf8_substring (month, 0, MIN (g_utf8_strlen (month, -1), 20)) : g_strdup ("");

      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                   _("“%s” is not a month; write it as YYYY-MM, such as 2026-11"), shown);
      return FALSE;
    }
  if (!(numbering = pacta_numbering_load (database, "invoice", error)))
    return FALSE;
  if (!numbering->confirmed)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_NUMBERING_NOT_CONFIRMED,
                   _("The invoice numbering is not confirmed yet; review it first so that numbers continue your accounting software"));
      return FALSE;
    }

  rules = pacta_verifactu_settings_load (database, NULL);
  check_rules = rules != NULL && rules->enabled;
  check_provisional = (flags & PACTA_BILLING_PROVISIONAL_USAGE) == 0 &&
                      !pacta_usage_month_is_closed (database, month, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (check_rules || check_provisional)
    {
      g_autoptr(GHashTable) infos = billing_infos_new ();
      g_autoptr(PactaBillingPlan) plan = plan_month (database, month, infos, error);
      g_autofree char *why = NULL;

      if (plan == NULL)
        return FALSE;
      if (check_rules && (why = pacta_billing_plan_describe_refused (plan)) != NULL)
        {
          g_set_error_literal (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE, why);
          return FALSE;
        }
      if (!check_usage (plan, flags, error))
        return FALSE;
    }
  return TRUE;
}
