/* pacta-msp.c: the MSP's own details — business name, VAT number, address,
 * email, phone — kept in the settings table under the same field names as a
 * customer's billing information and checked by the same rules. Each invoice
 * takes a snapshot of them when it is issued, so a later change never alters
 * an issued invoice.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pacta-error.h"
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
 * pacta_iban_is_valid:
 *
 * An IBAN as printed (spaces allowed): country letters, check digits, up to
 * 30 more letters or digits, and the ISO 13616 check (mod 97 = 1).
 */
gboolean
pacta_iban_is_valid (const char *iban)
{
  g_autoptr(GString) compact = g_string_new (NULL);
  guint remainder = 0;

  for (const char *p = iban; p != NULL && *p != '\0'; p++)
    if (*p != ' ')
      g_string_append_c (compact, g_ascii_toupper (*p));
  if (compact->len < 15 || compact->len > 34 ||
      !g_ascii_isalpha (compact->str[0]) || !g_ascii_isalpha (compact->str[1]) ||
      !g_ascii_isdigit (compact->str[2]) || !g_ascii_isdigit (compact->str[3]))
    return FALSE;

  /* The first four characters move to the end; letters count as 10…35 */
  for (gsize i = 0; i < compact->len; i++)
    {
      char c = compact->str[(i + 4) % compact->len];

      if (g_ascii_isdigit (c))
        remainder = (remainder * 10 + (guint) (c - '0')) % 97;
      else if (g_ascii_isupper (c))
        remainder = (remainder * 100 + (guint) (c - 'A' + 10)) % 97;
      else
        return FALSE;
    }
  return remainder == 1;
}

/**
 * pacta_msp_get_iban:
 *
 * Returns: (transfer full) (nullable): the bank account customers pay into
 */
char *
pacta_msp_get_iban (PactaDatabase  *database,
                    GError        **error)
{
  return pacta_database_get_setting (database, "iban");
}

/**
 * pacta_msp_save:
 *
 * Checks @details with the billing information rules (a business name and
 * country are required; VAT number, email and country must be well formed)
 * and stores every field in one transaction. An empty field is removed.
 * @iban: (nullable): the bank account printed for payment by transfer; %NULL
 *   keeps the one saved, "" removes it
 */
gboolean
pacta_msp_save (PactaDatabase     *database,
                PactaBillingInfo  *details,
                const char        *iban,
                GError           **error)
{
  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (PACTA_IS_BILLING_INFO (details), FALSE);

  pacta_billing_info_normalize (details);
  if (!pacta_billing_info_validate (details, error))
    return FALSE;
  if (iban != NULL && *iban != '\0' && !pacta_iban_is_valid (iban))
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                   _("IBAN: not a valid account number; check it against your bank’s documents"));
      return FALSE;
    }

  if (!pacta_database_begin (database, error))
    return FALSE;
  if (iban != NULL)
    {
      g_autofree char *upper = g_ascii_strup (iban, -1);
      sqlite3_stmt *stmt = pacta_database_prepare (database,
                                                   *iban == '\0' ? "DELETE FROM settings WHERE key = 'iban'"
                                                   : "INSERT INTO settings (key, value) VALUES ('iban', ?)"
                                                     " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                                   error);

      if (stmt == NULL)
        goto failed;
      if (*iban != '\0')
        pacta_sql_bind_text (stmt, 1, g_strstrip (upper));
      if (!pacta_database_step_done (database, stmt, error))
        goto failed;
    }
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

/* ---- invoicing defaults -------------------------------------------------- */

/* The currencies offered in Preferences: the euro first, then those of the
 * countries around it and the most common others (ISO 4217) */
static const char *const currencies[] = {
  "EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "RON", "BGN", "ISK",
  "CAD", "AUD", "MXN", "BRL", "ARS", "CLP", "COP", "JPY", "CNY", "INR", "ZAR", "MAD", NULL,
};

/**
 * pacta_currencies:
 *
 * Returns: (transfer none): the ISO 4217 codes offered as the currency
 */
const char *const *
pacta_currencies (void)
{
  return currencies;
}

/**
 * pacta_currency_is_valid:
 *
 * Whether @code is an ISO 4217 code Pacta offers. Amounts are kept in
 * 1/10000 of the unit and shown with two decimals, so currencies are limited
 * to the list rather than any three letters.
 */
gboolean
pacta_currency_is_valid (const char *code)
{
  return code != NULL && g_strv_contains (currencies, code);
}

/**
 * pacta_msp_get_currency:
 *
 * Returns: (transfer full): the currency of prices and new invoices (ISO
 *   4217), %PACTA_DEFAULT_CURRENCY unless set
 */
char *
pacta_msp_get_currency (PactaDatabase *database)
{
  char *currency = pacta_database_get_setting (database, "currency");

  if (currency == NULL || *currency == '\0')
    {
      g_free (currency);
      return g_strdup (PACTA_DEFAULT_CURRENCY);
    }
  return currency;
}

/**
 * pacta_msp_get_default_tax_rate:
 *
 * Returns: the tax rate, in hundredths of a percent, that new billing
 *   information starts with; %PACTA_DEFAULT_TAX_RATE (21 %) unless set
 */
int
pacta_msp_get_default_tax_rate (PactaDatabase *database)
{
  g_autofree char *text = pacta_database_get_setting (database, "tax-rate");
  gint64 rate;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 0, 10000, &rate, NULL))
    return PACTA_DEFAULT_TAX_RATE;
  return (int) rate;
}

/**
 * pacta_msp_save_defaults:
 * @currency: an ISO 4217 code from pacta_currencies()
 * @tax_rate: hundredths of a percent, 0…10000
 *
 * Stores the currency of prices and new invoices and the tax rate new
 * billing information starts with. Issued invoices keep their own currency,
 * and customers keep the rate they have.
 */
gboolean
pacta_msp_save_defaults (PactaDatabase  *database,
                         const char     *currency,
                         int             tax_rate,
                         GError        **error)
{
  const char *keys[] = { "currency", "tax-rate" };
  g_autofree char *rate = g_strdup_printf ("%d", tax_rate);
  const char *values[] = { currency, rate };

  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);

  if (!pacta_currency_is_valid (currency))
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                   _("Currency: “%s” is not one Pacta can invoice in; choose one from the list"),
                   currency != NULL ? currency : "");
      return FALSE;
    }
  if (tax_rate < 0 || tax_rate > 10000)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                   _("Default tax rate: must be between 0 and 100 %%"));
      return FALSE;
    }

  if (!pacta_database_begin (database, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (!pacta_database_set_setting (database, keys[i], values[i], error))
      goto failed;
  if (pacta_database_commit (database, error))
    return TRUE;

failed:
  pacta_database_rollback (database);
  return FALSE;
}
