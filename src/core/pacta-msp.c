/* pacta-msp.c: the MSP's own details — business name, VAT number, address,
 * email, phone — kept in the settings table under the same field names as a
 * customer's billing information and checked by the same rules. Each invoice
 * takes a snapshot of them when it is issued, so a later change never alters
 * an issued invoice.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pacta-msp.h"

static const char *const fields[] = {
  "business-name", "vat-number", "street", "number", "postal-code", "city", "state", "country",
  "invoice-email", "phone", NULL,
};

/**
 * pacta_msp_fields:
 *
 * Returns: (transfer none): the settings keys of the MSP's details, which are
 *   also #PactaBillingInfo property names
 */
const char *const *
pacta_msp_fields (void)
{
  return fields;
}

PactaBillingInfo *
pacta_msp_load (PactaDatabase  *database,
                GError        **error)
{
  g_autoptr(PactaBillingInfo) details = pacta_billing_info_new (0);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), NULL);

  stmt = pacta_database_prepare (database, "SELECT value FROM settings WHERE key = ?", error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; fields[i] != NULL; i++)
    {
      int rc;

      pacta_sql_bind_text (stmt, 1, fields[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        g_object_set (details, fields[i], pacta_sql_column_text (stmt, 0), NULL);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          pacta_database_set_error (database, error, _("reading your company’s details"));
          return NULL;
        }
    }
  return g_steal_pointer (&details);
}

/**
 * pacta_msp_save:
 *
 * Checks @details with the billing information rules (a business name and
 * country are required; VAT number, email and country must be well formed)
 * and stores every field in one transaction. An empty field is removed.
 */
gboolean
pacta_msp_save (PactaDatabase     *database,
                PactaBillingInfo  *details,
                GError           **error)
{
  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (PACTA_IS_BILLING_INFO (details), FALSE);

  pacta_billing_info_normalize (details);
  if (!pacta_billing_info_validate (details, error))
    return FALSE;

  if (!pacta_database_begin (database, error))
    return FALSE;
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *value = NULL;
      sqlite3_stmt *stmt;

      g_object_get (details, fields[i], &value, NULL);
      if (value == NULL || *value == '\0')
        stmt = pacta_database_prepare (database, "DELETE FROM settings WHERE key = ?", error);
      else
        stmt = pacta_database_prepare (database,
                                       "INSERT INTO settings (key, value) VALUES (?, ?)"
                                       " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
      if (stmt == NULL)
        goto failed;
      pacta_sql_bind_text (stmt, 1, fields[i]);
      if (value != NULL && *value != '\0')
        pacta_sql_bind_text (stmt, 2, value);
      if (!pacta_database_step_done (database, stmt, error))
        goto failed;
    }
  if (pacta_database_commit (database, error))
    return TRUE;

failed:
  pacta_database_rollback (database);
  return FALSE;
}
