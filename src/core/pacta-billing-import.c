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

/* Finds the customer a row names: tenant id, then Pacta's id, then exact name */
static gint64
resolve_customer (PactaDatabase  *database,
                  const char     *value,
                  char          **reason,
                  GError        **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  guint64 number;
  int rc;

  stmt = pacta_database_prepare (database, "SELECT id FROM customers WHERE tenant_id = ?1", error);
  if (stmt == NULL)
    return -1;
  pacta_sql_bind_text (stmt, 1, value);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (id > 0)
    return id;

  if (g_ascii_string_to_unsigned (value, 10, 1, G_MAXINT64, &number, NULL))
    {
      stmt = pacta_database_prepare (database, "SELECT id FROM customers WHERE id = ?1", error);
      if (stmt == NULL)
        return -1;
      sqlite3_bind_int64 (stmt, 1, (gint64)number);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (id > 0)
        return id;
    }

  stmt = pacta_database_prepare (database, "SELECT id FROM customers WHERE name = ?1 LIMIT 2", error);
  if (stmt == NULL)
    return -1;
  pacta_sql_bind_text (stmt, 1, value);
  {
    guint n = 0;

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        id = sqlite3_column_int64 (stmt, 0);
        n++;
      }
    sqlite3_reset (stmt);

    if (n == 1)
      return id;
    if (n > 1)
      {
        *reason = g_strdup_printf (_("more than one customer is called “%s”; use the tenant id instead"), value);
        return 0;
      }
  }

  *reason = g_strdup_printf (_("there is no customer “%s” (give the tenant id, the customer id or the exact name)"),
                             value);
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
