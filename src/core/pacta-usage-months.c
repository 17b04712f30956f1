/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-usage-months.c: a month's usage closed from the platform's usage report (README, Billing run).
 *
 * The platform's current usage is provisional: it moves every half hour and
 * the platform says it must not be billed. A month is closed from its usage
 * report instead (values as of the month's last second, UTC), kept per
 * customer and catalog item; the billing run bills usage-following parts
 * from it. Closing a month again replaces it, in one transaction.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pacta-clock.h"
#include "pacta-date.h"
#include "pacta-error.h"
#include "pacta-import.h"
#include "pacta-usage-months.h"

PactaUsageCloseReport *
pacta_usage_close_report_new (void)
{
  return g_new0 (PactaUsageCloseReport, 1);
}

void
pacta_usage_close_report_free (PactaUsageCloseReport *report)
{
  if (report == NULL)
    return;
  g_free (report->month);
  g_free (report);
}

/* One (customer, catalog item) quantity, the key of a month's rows */
typedef struct
{
  gint64 customer_id;
  gint64 catalog_item_id;
} UsageKey;

static guint
usage_key_hash (gconstpointer data)
{
  const UsageKey *key = data;

  return g_int64_hash (&key->customer_id) * 31 + g_int64_hash (&key->catalog_item_id);
}

static gboolean
usage_key_equal (gconstpointer a,
                 gconstpointer b)
{
  const UsageKey *x = a, *y = b;

  return x->customer_id == y->customer_id && x->catalog_item_id == y->catalog_item_id;
}

/* (customer, item) → quantity in 1/10000 */
static GHashTable *
quantities_new (void)
{
  return g_hash_table_new_full (usage_key_hash, usage_key_equal, g_free, g_free);
}

static void
quantities_add (GHashTable *quantities,
                gint64      customer_id,
                gint64      catalog_item_id,
                gint64      quantity)
{
  UsageKey key = { customer_id, catalog_item_id };

  g_hash_table_insert (quantities, g_memdup2 (&key, sizeof key), g_memdup2 (&quantity, sizeof quantity));
}

static gboolean
set_month_error (const char  *month,
                 GError     **error)
{
  /* What was given, within reason: it goes into a message */
  g_autofree char *shown = month != NULL && g_utf8_validate (month, -1, NULL)
                           ? g_utf8_substring (month, 0, MIN (g_utf8_strlen (month, -1), 20)) : g_strdup ("");

  g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
               _("“%s” is not a month; write it as YYYY-MM, such as 2026-11"), shown);
  return FALSE;
}

/* The month's rows as closed before, into @old; whether it was closed */
static gboolean
load_month (PactaDatabase  *database,
            const char     *month,
            GHashTable     *old,
            gboolean       *closed,
            GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = pacta_database_prepare (database, "SELECT count(*) FROM usage_months WHERE month = ?1", error);
  if (stmt == NULL)
    return FALSE;
  pacta_sql_bind_text (stmt, 1, month);
  rc = sqlite3_step (stmt);
  *closed = rc == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) > 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return pacta_database_set_error (database, error, _("reading the closed months")), FALSE;

  stmt = pacta_database_prepare (database,
                                 "SELECT customer_id, catalog_item_id, quantity FROM usage_month_quantities"
                                 " WHERE month = ?1",
                                 error);
  if (stmt == NULL)
    return FALSE;
  pacta_sql_bind_text (stmt, 1, month);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    quantities_add (old, sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                    sqlite3_column_int64 (stmt, 2));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return pacta_database_set_error (database, error, _("reading the closed months")), FALSE;
  return TRUE;
}

/* The customer a tenant became (0 for none), and whether an import skipped
 * it as another kind than customer */
static gboolean
customer_of_tenant (PactaDatabase  *database,
                    const char     *tenant_id,
                    gint64         *customer_id,
                    gboolean       *skipped,
                    GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *customer_id = 0;
  *skipped = FALSE;

  stmt = pacta_database_prepare (database, "SELECT id FROM customers WHERE tenant_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  pacta_sql_bind_text (stmt, 1, tenant_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *customer_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return pacta_database_set_error (database, error, _("looking up customers")), FALSE;
  if (*customer_id > 0)
    return TRUE;

  stmt = pacta_database_prepare (database, "SELECT count(*) FROM skipped_tenants WHERE tenant_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  pacta_sql_bind_text (stmt, 1, tenant_id);
  rc = sqlite3_step (stmt);
  *skipped = rc == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) > 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return pacta_database_set_error (database, error, _("looking up customers")), FALSE;
  return TRUE;
}

/* The report's quantities per customer (@fresh), counting the tenants that
 * are not customers */
static gboolean
map_tenants (PactaDatabase          *database,
             GHashTable             *sums,
             GHashTable             *fresh,
             PactaUsageCloseReport  *out,
             GError                **error)
{
  g_autoptr(GHashTable) customers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer tenant, items;

  g_hash_table_iter_init (&iter, sums);
  while (g_hash_table_iter_next (&iter, &tenant, &items))
    {
      GHashTableIter each;
      gpointer item, quantity;
      gint64 customer_id;
      gboolean skipped;

      if (!customer_of_tenant (database, tenant, &customer_id, &skipped, error))
        return FALSE;
      if (customer_id == 0)
        {
          /* The report covers the whole subtree: partners, folders and
           * units, and customers that have not been synced yet */
          if (skipped)
            out->tenants_skipped++;
          else
            out->tenants_unknown++;
          continue;
        }

      g_hash_table_iter_init (&each, items);
      while (g_hash_table_iter_next (&each, &item, &quantity))
        {
          /* A service not used in the month bills its minimum: no row */
          if (*(gint64 *) quantity <= 0)
            continue;
          quantities_add (fresh, customer_id, *(gint64 *) item, *(gint64 *) quantity);
          if (!g_hash_table_contains (customers, &customer_id))
            g_hash_table_add (customers, g_memdup2 (&customer_id, sizeof customer_id));
        }
    }
  out->customers = g_hash_table_size (customers);
  out->quantities = g_hash_table_size (fresh);
  return TRUE;
}

static void
compare (GHashTable            *old,
         GHashTable            *fresh,
         PactaUsageCloseReport *out)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, fresh);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 *before = g_hash_table_lookup (old, key);

      if (before == NULL)
        out->quantities_added++;
      else if (*before != *(gint64 *) value)
        out->quantities_changed++;
    }
  g_hash_table_iter_init (&iter, old);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (fresh, key))
      out->quantities_removed++;
}

static gboolean
write_month (PactaDatabase  *database,
             const char     *month,
             const char     *report_id,
             GHashTable     *fresh,
             GError        **error)
{
  g_autofree char *now = pacta_now_iso8601_utc ();
  GHashTableIter iter;
  gpointer key, value;
  sqlite3_stmt *stmt;

  stmt = pacta_database_prepare (database,
                                 "INSERT INTO usage_months (month, closed_at, report_id) VALUES (?1, ?2, ?3)"
                                 " ON CONFLICT (month) DO UPDATE SET closed_at = excluded.closed_at,"
                                 " report_id = excluded.report_id",
                                 error);
  if (stmt == NULL)
    return FALSE;
  pacta_sql_bind_text (stmt, 1, month);
  pacta_sql_bind_text (stmt, 2, now);
  pacta_sql_bind_text (stmt, 3, report_id);
  if (!pacta_database_step_done (database, stmt, error))
    return FALSE;

  stmt = pacta_database_prepare (database, "DELETE FROM usage_month_quantities WHERE month = ?1", error);
  if (stmt == NULL)
    return FALSE;
  pacta_sql_bind_text (stmt, 1, month);
  if (!pacta_database_step_done (database, stmt, error))
    return FALSE;

  stmt = pacta_database_prepare (database,
                                 "INSERT INTO usage_month_quantities (month, customer_id, catalog_item_id, quantity)"
                                 " VALUES (?1, ?2, ?3, ?4)",
                                 error);
  if (stmt == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, fresh);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const UsageKey *usage = key;

      pacta_sql_bind_text (stmt, 1, month);
      sqlite3_bind_int64 (stmt, 2, usage->customer_id);
      sqlite3_bind_int64 (stmt, 3, usage->catalog_item_id);
      sqlite3_bind_int64 (stmt, 4, *(gint64 *) value);
      if (!pacta_database_step_done (database, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * pacta_usage_month_close:
 * @month: YYYY-MM
 * @report: the platform's usage report of @month
 * @report_name: what to call it in messages
 * @report_id: (nullable): the platform's id of the report, kept with the month
 * @out: (optional): what closing did
 *
 * Keeps @report as @month's usage, replacing an earlier close, all or
 * nothing. Tenants that are not customers are counted, not refused: the
 * report covers the MSP's whole subtree.
 */
gboolean
pacta_usage_month_close (PactaDatabase          *database,
                         const char             *month,
                         JsonNode               *report,
                         const char             *report_name,
                         const char             *report_id,
                         PactaUsageCloseReport  *out,
                         GError                **error)
{
  PactaUsageCloseReport result = { 0 };
  g_autoptr(GHashTable) sums = NULL;
  g_autoptr(GHashTable) old = quantities_new ();
  g_autoptr(GHashTable) fresh = quantities_new ();

  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  if (!pacta_month_is_valid (month))
    return set_month_error (month, error);
  if (report_name == NULL)
    report_name = _("the usage report");

  if (!pacta_database_begin (database, error))
    return FALSE;

  if (!load_month (database, month, old, &result.replaced, error) ||
      !(sums = pacta_import_sum_usages (database, report, report_name, &result.catalog_items_created, error)) ||
      !map_tenants (database, sums, fresh, &result, error))
    goto failed;
  compare (old, fresh, &result);
  if (!write_month (database, month, report_id, fresh, error) || !pacta_database_commit (database, error))
    goto failed;

  if (out != NULL)
    {
      g_free (out->month);
      *out = result;
      out->month = g_strdup (month);
    }
  return TRUE;

failed:
  pacta_database_rollback (database);
  return FALSE;
}

/**
 * pacta_usage_month_is_closed:
 * @closed_at: (out) (optional) (nullable): when it was closed, ISO 8601 UTC
 *
 * Returns: whether @month is closed; %FALSE with @error set when it can't be read
 */
gboolean
pacta_usage_month_is_closed (PactaDatabase  *database,
                             const char     *month,
                             char          **closed_at,
                             GError        **error)
{
  sqlite3_stmt *stmt;
  gboolean closed;
  int rc;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);

  if (closed_at != NULL)
    *closed_at = NULL;
  stmt = pacta_database_prepare (database, "SELECT closed_at FROM usage_months WHERE month = ?1", error);
  if (stmt == NULL)
    return FALSE;
  pacta_sql_bind_text (stmt, 1, month);
  rc = sqlite3_step (stmt);
  closed = rc == SQLITE_ROW;
  if (closed && closed_at != NULL)
    *closed_at = g_strdup (pacta_sql_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return pacta_database_set_error (database, error, _("reading the closed months")), FALSE;
  return closed;
}

/**
 * pacta_usage_months_list:
 *
 * Returns: (transfer full): the closed months, newest first, or %NULL with
 *   @error set
 */
GStrv
pacta_usage_months_list (PactaDatabase  *database,
                         GError        **error)
{
  g_autoptr(GStrvBuilder) months = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), NULL);

  stmt = pacta_database_prepare (database, "SELECT month FROM usage_months ORDER BY month DESC", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (months, pacta_sql_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return pacta_database_set_error (database, error, _("reading the closed months")), NULL;
  return g_strv_builder_end (months);
}

/**
 * pacta_usage_month_check_past:
 * @now: the time to judge by (the app's clock)
 *
 * The platform reports a month as of its last second in UTC and refuses a
 * period that has not ended, wherever the MSP is: the month can be closed
 * from the first instant of the next month, UTC.
 */
gboolean
pacta_usage_month_check_past (const char  *month,
                              GDateTime   *now,
                              GError     **error)
{
  g_autoptr(GDateTime) ends = NULL;
  g_autofree char *next = NULL;
  int index;

  g_return_val_if_fail (now != NULL, FALSE);

  if (!pacta_month_is_valid (month))
    return set_month_error (month, error);

  index = pacta_date_month_index (month) + 1;
  ends = g_date_time_new_utc (index / 12, index % 12 + 1, 1, 0, 0, 0);
  if (ends == NULL || g_date_time_compare (now, ends) >= 0)
    return TRUE;

  next = g_date_time_format (ends, "%Y-%m-%d");
  /* Translators: a month (YYYY-MM), then the first day of the next (YYYY-MM-DD) */
  g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
               _("%s has not ended yet: its usage can be closed from %s 00:00 UTC, when the platform has "
                 "reported the whole month."),
               month, next);
  return FALSE;
}

/**
 * pacta_usage_close_report_describe:
 *
 * Returns: (transfer full): what closing a month did, a sentence a line
 */
char *
pacta_usage_close_report_describe (PactaUsageCloseReport *report)
{
  GString *s = g_string_new (NULL);
  g_autofree char *name = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  name = pacta_month_name (report->month);
  /* Translators: after closing a month's usage; the month (such as “November 2026”), how many customers */
  g_string_append_printf (s, ngettext ("%s closed: usage of %u customer kept.",
                                       "%s closed: usage of %u customers kept.", report->customers),
                          name, report->customers);

  if (report->replaced)
    {
      /* Translators: how many of a month's (customer, service) quantities differ from its earlier close */
      g_autofree char *changed = g_strdup_printf (ngettext ("%u quantity changed", "%u quantities changed",
                                                            report->quantities_changed),
                                                  report->quantities_changed);
      /* Translators: how many quantities are new since the month's earlier close */
      g_autofree char *added = g_strdup_printf (ngettext ("%u added", "%u added", report->quantities_added),
                                                report->quantities_added);
      /* Translators: how many quantities of the month's earlier close are gone */
      g_autofree char *removed = g_strdup_printf (ngettext ("%u removed", "%u removed", report->quantities_removed),
                                                  report->quantities_removed);

      g_string_append_c (s, '\n');
      /* Translators: a month closed a second time: the quantities changed, added and removed */
      g_string_append_printf (s, _("Closed again: %s, %s, %s."), changed, added, removed);
    }

  if (report->tenants_skipped > 0)
    {
      g_string_append_c (s, '\n');
      g_string_append_printf (s, ngettext ("%u tenant of another kind skipped.",
                                           "%u tenants of other kinds skipped.", report->tenants_skipped),
                              report->tenants_skipped);
    }

  if (report->tenants_unknown > 0)
    {
      g_string_append_c (s, '\n');
      g_string_append_printf (s, ngettext ("%u tenant is not a customer in Pacta yet: sync customers, then close "
                                           "the month again.",
                                           "%u tenants are not customers in Pacta yet: sync customers, then close "
                                           "the month again.",
                                           report->tenants_unknown),
                              report->tenants_unknown);
    }

  if (report->catalog_items_created > 0)
    {
      g_string_append_c (s, '\n');
      g_string_append_printf (s, ngettext ("%u new catalog item, without a price yet",
                                           "%u new catalog items, without a price yet",
                                           report->catalog_items_created),
                              report->catalog_items_created);
    }

  return g_string_free (s, FALSE);
}
