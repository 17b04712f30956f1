/* pacta-billing-import.c: the billing-information CSV (SPEC §9). Every row is checked
 * with the same rules as the form, and the file is written in one transaction:
 * one bad row, an unknown or ambiguous customer, and nothing is written. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pacta-billing-import.h"
#include "pacta-billing-store.h"
#include "pacta-csv.h"
#include "pacta-error.h"
#include "pacta-file.h"
#include "pacta-msp.h"

typedef enum
{
  KIND_TEXT,
  KIND_DAYS,
  KIND_BOOLEAN,
  KIND_SEND_BY,
} ColumnKind;

/* The columns of SPEC §9, with the property each fills */
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
fail_at (GError    **error,
         const char *file,
         guint       line,
         int         column,
         const char *column_name,
         const char *reason)
{
  if (column >= 0)
    g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                 /* Translators: file, line, column number, column name, reason */
                 _("%s: line %u, column %d (%s): %s"), file, line, column + 1, column_name, reason);
  else
    g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                 _("%s: line %u: %s"), file, line, reason);
  return FALSE;
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

static gboolean
import_rows (PactaDatabase             *database,
             PactaCsvReader            *reader,
             const char                *file,
             PactaBillingImportReport  *report,
             GError                   **error)
{
  g_auto(GStrv) header = NULL;
  g_autoptr(GHashTable) seen_customers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  int positions[G_N_ELEMENTS (columns)];
  guint n_columns;
  guint line;

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    positions[c] = -1;

  if (!pacta_csv_reader_next (reader, &header, &line, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                     _("%s: the file is empty; it needs a header row"), file);
      return FALSE;
    }

  n_columns = g_strv_length (header);
  for (guint i = 0; i < n_columns; i++)
    {
      g_autofree char *name = g_strstrip (g_ascii_strdown (header[i], -1));
      gboolean known = FALSE;

      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          if (!g_str_equal (name, columns[c].column))
            continue;
          if (positions[c] >= 0)
            {
              g_autofree char *reason = g_strdup_printf (_("the column “%s” appears twice"), name);
              return fail_at (error, file, line, -1, NULL, reason);
            }
          positions[c] = i;
          known = TRUE;
        }

      if (!known)
        {
          g_autofree char *reason = g_strdup_printf (_("unknown column “%s”"), header[i]);
          return fail_at (error, file, line, i, header[i], reason);
        }
    }

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    if (columns[c].required && positions[c] < 0)
      {
        g_autofree char *reason = g_strdup_printf (_("the header has no “%s” column"), columns[c].column);
        return fail_at (error, file, line, -1, NULL, reason);
      }

  for (;;)
    {
      g_auto(GStrv) fields = NULL;
      g_autoptr(PactaBillingInfo) info = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autofree char *reason = NULL;
      gboolean existed;
      gint64 customer_id;

      if (!pacta_csv_reader_next (reader, &fields, &line, error))
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          break;
        }

      if (g_strv_length (fields) != n_columns)
        {
          g_autofree char *text = g_strdup_printf (_("expected %u fields like the header, found %u"),
                                                   n_columns, g_strv_length (fields));
          return fail_at (error, file, line, -1, NULL, text);
        }

      {
        g_autofree char *value = g_strstrip (g_strdup (fields[positions[0]]));

        customer_id = resolve_customer (database, value, &reason, error);
        if (customer_id < 0)
          return FALSE;
        if (customer_id == 0)
          return fail_at (error, file, line, positions[0], "customer", reason);
      }

      if (g_hash_table_contains (seen_customers, &customer_id))
        return fail_at (error, file, line, positions[0], "customer",
                        _("this customer already appears on an earlier line"));
      g_hash_table_add (seen_customers, g_memdup2 (&customer_id, sizeof customer_id));

      /* Columns the file does not have keep what the customer already has */
      info = pacta_billing_info_load (database, customer_id, error);
      if (info == NULL && error != NULL && *error != NULL)
        return FALSE;
      existed = info != NULL;
      if (info == NULL)
        {
          info = pacta_billing_info_new (customer_id);
          pacta_billing_info_set_tax_rate (info, pacta_msp_get_default_tax_rate (database));
        }

      for (guint c = 1; c < G_N_ELEMENTS (columns); c++)
        {
          const char *raw;
          g_autofree char *value = NULL;

          if (positions[c] < 0)
            continue;
          raw = fields[positions[c]];
          value = g_strstrip (g_strdup (raw));

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
                  return fail_at (error, file, line, positions[c], columns[c].column,
                                  _("Must be between 0 and 365 days"));
                g_object_set (info, columns[c].property, (int)days, NULL);
              }
              break;

            case KIND_BOOLEAN:
              {
                gboolean flag = FALSE;

                if (value[0] != '\0' && !parse_boolean (value, &flag))
                  return fail_at (error, file, line, positions[c], columns[c].column,
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
        }

      pacta_billing_info_normalize (info);
      problems = pacta_billing_info_check (info);
      if (problems->len > 0)
        {
          PactaFieldProblem *problem = g_ptr_array_index (problems, 0);

          for (guint c = 1; c < G_N_ELEMENTS (columns); c++)
            if (g_strcmp0 (columns[c].property, problem->field) == 0)
              return fail_at (error, file, line, positions[c], columns[c].column, problem->message);

          {
            g_autofree char *text = g_strdup_printf ("%s: %s", pacta_billing_info_field_label (problem->field),
                                                     problem->message);
            return fail_at (error, file, line, -1, NULL, text);
          }
        }

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
  g_autoptr(PactaCsvReader) reader = NULL;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  memset (report, 0, sizeof *report);
  reader = pacta_csv_reader_new (bytes, display_name);

  if (!pacta_database_begin (database, error))
    return FALSE;

  if (!import_rows (database, reader, display_name, report, error) ||
      !pacta_database_commit (database, error))
    {
      pacta_database_rollback (database);
      memset (report, 0, sizeof *report);
      return FALSE;
    }

  return TRUE;
}

gboolean
pacta_import_billing_info (PactaDatabase             *database,
                           GFile                     *file,
                           PactaBillingImportReport  *report,
                           GError                   **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = pacta_file_load (file, PACTA_CSV_MAX_BYTES, &name, error);

  if (bytes == NULL)
    return FALSE;
  return pacta_import_billing_info_bytes (database, bytes, name, report, error);
}
