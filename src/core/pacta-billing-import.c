/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-billing-import.c: the billing-information CSV (README, Billing information CSV). Every row is checked
 * with the same rules as the form, and the file is written in one transaction:
 * one bad row, an unknown or ambiguous customer, and nothing is written. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pacta-billing-import.h"
#include "pacta-billing-info-table.h"
#include "pacta-csv.h"
#include "pacta-error.h"
#include "pacta-msp.h"

typedef enum
{
  KIND_TEXT,
  KIND_DAYS,
  KIND_BOOLEAN,
  KIND_SEND_BY,
} ColumnKind;

/* The columns of README, Billing information CSV, with the property each fills */
static const struct {
  const char *column;
  const char *property;
  ColumnKind  kind;
  gboolean    required;
} columns[] = {
  { "customer", NULL, KIND_TEXT, TRUE },
  { "business_name", "business-name", KIND_TEXT, TRUE },
  { "debtor_code", "debtor-code", KIND_TEXT, FALSE },
  { "invoice_email", "invoice-email", KIND_TEXT, FALSE },
  { "vat_number", "vat-number", KIND_TEXT, FALSE },
  { "country", "country", KIND_TEXT, TRUE },
  { "street", "street", KIND_TEXT, FALSE },
  { "number", "number", KIND_TEXT, FALSE },
  { "postal_code", "postal-code", KIND_TEXT, FALSE },
  { "city", "city", KIND_TEXT, FALSE },
  { "state", "state", KIND_TEXT, FALSE },
  { "phone", "phone", KIND_TEXT, FALSE },
  { "payment_terms_days", "payment-terms-days", KIND_DAYS, FALSE },
  { "tax_exempt", "tax-exempt", KIND_BOOLEAN, FALSE },
  { "direct_debit", "direct-debit", KIND_BOOLEAN, FALSE },
  { "send_by", "send-by", KIND_SEND_BY, FALSE },
};

char *
pacta_billing_import_report_describe (PactaBillingImportReport *report)
{
  g_autofree char *created = g_strdup_printf (ngettext ("%u customer got billing information",
                                                        "%u customers got billing information",
                                                        report->created), report->created);
  g_autofree char *updated = g_strdup_printf (ngettext ("%u customer’s billing information updated",
                                                       "%u customers’ billing information updated",
                                                       report->updated), report->updated);

  return g_strdup_printf ("%s\n%s", created, updated);
}

static gboolean
parse_boolean (const char *text,
               gboolean   *value)
{
  static const char *yes[] = { "1", "true", "yes", "y", "si", "sí", "s" };
  static const char *no[] = { "0", "false", "no", "n" };
  g_autofree char *folded = g_utf8_strdown (text, -1);

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (g_str_equal (folded, yes[i]))
      return *value = TRUE, TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (g_str_equal (folded, no[i]))
      return *value = FALSE, TRUE;
  return FALSE;
}

/* How many customers an ambiguous value names; the rest are counted */
#define MAX_NAMED_CANDIDATES 5

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return x < y ? -1 : x > y;
}

/* Adds @id to @ids unless it is there already */
static void
add_candidate (GArray *ids,
               gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return;
  g_array_append_val (ids, id);
}

/* Appends to @ids every customer that @sql, with @value bound as ?1, finds */
static gboolean
find_customers (PactaDatabase  *database,
                const char     *sql,
                const char     *value,
                GArray         *ids,
                GError        **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (database, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  pacta_sql_bind_text (stmt, 1, value);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_candidate (ids, sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pacta_database_set_error (database, error, _("reading a customer"));
      return FALSE;
    }
  return TRUE;
}

/* “Uno” (customer 3), “Dos” (customer 7) and 2 more */
static char *
describe_candidates (PactaDatabase  *database,
                     GArray         *ids,
                     GError        **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  sqlite3_stmt *stmt;

  g_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len && i < MAX_NAMED_CANDIDATES; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      g_autofree char *name = NULL;

      if ((stmt = pacta_database_prepare (database, "SELECT name FROM customers WHERE id = ?1", error)) == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        name = g_strdup (pacta_sql_column_text (stmt, 0));
      sqlite3_reset (stmt);

      if (i > 0)
        g_string_append (text, ", ");
      /* Translators: one of the customers an ambiguous value in the
       * billing-information CSV could mean: its name and Pacta's id */
      g_string_append_printf (text, _("“%s” (customer %s)"), name != NULL ? name : "", number);
    }

  if (ids->len > MAX_NAMED_CANDIDATES)
    {
      guint more = ids->len - MAX_NAMED_CANDIDATES;

      /* Translators: the customers named, then how many more there are */
      return g_strdup_printf (ngettext ("%s and %u more", "%s and %u more", more), text->str, more);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Finds the customer a row names: tenant id, then Pacta's id, then exact
 * name, as always; the platform's external id is free text that the MSP
 * sets, so it may be shared or be another customer's name or number: a
 * value that names more than one customer by any of these is refused */
static gint64
resolve_customer (PactaDatabase  *database,
                  const char     *value,
                  char          **reason,
                  GError        **error)
{
  g_autoptr(GArray) external = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) named = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *candidates = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  guint64 number;

  if (!find_customers (database, "SELECT id FROM customers WHERE external_id = ?1 ORDER BY id", value, external, error))
    return -1;

  stmt = pacta_database_prepare (database, "SELECT id FROM customers WHERE tenant_id = ?1", error);
  if (stmt == NULL)
    return -1;
  pacta_sql_bind_text (stmt, 1, value);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (id == 0 && g_ascii_string_to_unsigned (value, 10, 1, G_MAXINT64, &number, NULL))
    {
      stmt = pacta_database_prepare (database, "SELECT id FROM customers WHERE id = ?1", error);
      if (stmt == NULL)
        return -1;
      sqlite3_bind_int64 (stmt, 1, (gint64)number);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }

  /* Without an external id, nothing else was ever looked at once an id matched */
  if (id == 0 && !find_customers (database, "SELECT id FROM customers WHERE name = ?1 ORDER BY id",
                                  value, named, error))
    return -1;

  if (external->len == 0)
    {
      if (id > 0)
        return id;
      if (named->len == 1)
        return g_array_index (named, gint64, 0);
      if (named->len > 1)
        *reason = g_strdup_printf (_("more than one customer is called “%s”; use the tenant id instead"), value);
      else
        *reason = g_strdup_printf (_("there is no customer “%s” (give the tenant id, the customer id or the exact name)"),
                                   value);
      return 0;
    }

  if (id > 0)
    add_candidate (external, id);
  for (guint i = 0; i < named->len; i++)
    add_candidate (external, g_array_index (named, gint64, i));
  if (external->len == 1)
    return g_array_index (external, gint64, 0);

  if (!(candidates = describe_candidates (database, external, error)))
    return -1;
  /* Translators: the value in the file, then the customers it could mean */
  *reason = g_strdup_printf (_("“%s” matches more than one customer: %s; use the tenant id instead"), value, candidates);
  return 0;
}

/* Reads the header and checks it has every required column */
static gboolean
read_header (PactaCsvReader  *reader,
             const char      *file,
             int             *positions,
             guint           *n_columns,
             guint           *line,
             GError         **error)
{
  const char *names[G_N_ELEMENTS (columns)];

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    names[c] = columns[c].column;
  if (!pacta_csv_read_header (reader, names, G_N_ELEMENTS (columns), TRUE, positions, n_columns, line, error))
    return FALSE;

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    if (columns[c].required && positions[c] < 0)
      {
        g_autofree char *reason = g_strdup_printf (_("the header has no “%s” column"), columns[c].column);
        return pacta_csv_import_error (error, file, *line, -1, NULL, reason);
      }

  return TRUE;
}

/* The customer's billing information as it is, or a new one with the
 * default tax rate; %NULL only with @error set */
static PactaBillingInfo *
load_or_new_info (PactaDatabase  *database,
                  gint64          customer_id,
                  gboolean       *existed,
                  GError        **error)
{
  PactaBillingInfo *info = pacta_billing_info_load (database, customer_id, error);

  if (info == NULL && error != NULL && *error != NULL)
    return NULL;
  *existed = info != NULL;
  if (info == NULL)
    {
      info = pacta_billing_info_new (customer_id);
      pacta_billing_info_set_tax_rate (info, pacta_msp_get_default_tax_rate (database));
    }
  return info;
}

/* Sets the property of column @c from the row's (stripped) @value */
static gboolean
apply_column (PactaBillingInfo  *info,
              guint              c,
              const char        *value,
              const char        *file,
              guint              line,
              const int         *positions,
              GError           **error)
{
  switch (columns[c].kind)
    {
    case KIND_TEXT:
      g_object_set (info, columns[c].property, value[0] != '\0' ? value : NULL, NULL);
      break;

    case KIND_DAYS:
      {
        gint64 days;

        if (value[0] == '\0')
          break;
        if (!g_ascii_string_to_signed (value, 10, 0, 365, &days, NULL))
          return pacta_csv_import_error (error, file, line, positions[c], columns[c].column,
                                         _("Must be between 0 and 365 days"));
        g_object_set (info, columns[c].property, (int)days, NULL);
      }
      break;

    case KIND_BOOLEAN:
      {
        gboolean flag = FALSE;

        if (value[0] != '\0' && !parse_boolean (value, &flag))
          return pacta_csv_import_error (error, file, line, positions[c], columns[c].column,
                                         _("expected yes or no (or true/false, 1/0)"));
        g_object_set (info, columns[c].property, flag, NULL);
      }
      break;

    case KIND_SEND_BY:
      if (value[0] != '\0')
        g_object_set (info, columns[c].property, value, NULL);
      break;

    default:
      g_assert_not_reached ();
    }

  return TRUE;
}

/* Checks @info as the form does; the first problem is named by its column
 * when the file has one */
static gboolean
check_info (PactaBillingInfo  *info,
            const char        *file,
            guint              line,
            const int         *positions,
            GError           **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  PactaFieldProblem *problem;

  pacta_billing_info_normalize (info);
  problems = pacta_billing_info_check (info);
  if (problems->len == 0)
    return TRUE;

  problem = g_ptr_array_index (problems, 0);
  for (guint c = 1; c < G_N_ELEMENTS (columns); c++)
    if (g_strcmp0 (columns[c].property, problem->field) == 0)
      return pacta_csv_import_error (error, file, line, positions[c], columns[c].column, problem->message);

  {
    g_autofree char *text = g_strdup_printf ("%s: %s", pacta_billing_info_field_label (problem->field),
                                             problem->message);
    return pacta_csv_import_error (error, file, line, -1, NULL, text);
  }
}

static gboolean
import_rows (PactaDatabase   *database,
             PactaCsvReader  *reader,
             const char      *file,
             gpointer         data,
             GError         **error)
{
  PactaBillingImportReport *report = data;
  g_autoptr(GHashTable) seen_customers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  int positions[G_N_ELEMENTS (columns)];
  guint n_columns;
  guint line;

  if (!read_header (reader, file, positions, &n_columns, &line, error))
    return FALSE;

  for (;;)
    {
      g_auto(GStrv) fields = NULL;
      g_autoptr(PactaBillingInfo) info = NULL;
      g_autofree char *reason = NULL;
      gboolean existed = FALSE;
      gint64 customer_id;

      if (!pacta_csv_read_row (reader, n_columns, &fields, &line, error))
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          break;
        }

      {
        g_autofree char *value = g_strstrip (g_strdup (fields[positions[0]]));

        customer_id = resolve_customer (database, value, &reason, error);
        if (customer_id < 0)
          return FALSE;
        if (customer_id == 0)
          return pacta_csv_import_error (error, file, line, positions[0], "customer", reason);
      }

      if (g_hash_table_contains (seen_customers, &customer_id))
        return pacta_csv_import_error (error, file, line, positions[0], "customer",
                                       _("this customer already appears on an earlier line"));
      g_hash_table_add (seen_customers, g_memdup2 (&customer_id, sizeof customer_id));

      /* Columns the file does not have keep what the customer already has */
      info = load_or_new_info (database, customer_id, &existed, error);
      if (info == NULL)
        return FALSE;

      for (guint c = 1; c < G_N_ELEMENTS (columns); c++)
        {
          g_autofree char *value = NULL;

          if (positions[c] < 0)
            continue;
          value = g_strstrip (g_strdup (fields[positions[c]]));
          if (!apply_column (info, c, value, file, line, positions, error))
            return FALSE;
        }

      if (!check_info (info, file, line, positions, error))
        return FALSE;

      if (!pacta_billing_info_save_unlocked (database, info, error))
        {
          g_prefix_error (error, _("%s: line %u: "), file, line);
          return FALSE;
        }

      if (existed)
        report->updated++;
      else
        report->created++;
    }

  return TRUE;
}

gboolean
pacta_import_billing_info_bytes (PactaDatabase             *database,
                                 GBytes                    *bytes,
                                 const char                *display_name,
                                 PactaBillingImportReport  *report,
                                 GError                   **error)
{
  return pacta_csv_import_bytes (database, bytes, display_name, import_rows, report, sizeof *report, error);
}

gboolean
pacta_import_billing_info (PactaDatabase             *database,
                           GFile                     *file,
                           PactaBillingImportReport  *report,
                           GError                   **error)
{
  return pacta_csv_import_file (database, file, import_rows, report, sizeof *report, error);
}
