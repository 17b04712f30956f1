/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-msp.c: the MSP's own details — business name, VAT number, address,
 * email, phone — kept in the settings table under the same field names as a
 * customer's billing information and checked by the same rules. Each invoice
 * takes a snapshot of them when it is issued, so a later change never alters
 * an issued invoice.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pacta-error.h"
#include "pacta-money.h"
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

/* ---- from a file (the command line's --company) ------------------------------ */

/* A field's key in the file: the billing-information CSV's column */
static char *
json_key (const char *field)
{
  return g_strdelimit (g_strdup (field), "-", '_');
}

/* The file's JSON object, or %NULL with @error naming the file @name */
static JsonObject *
load_object (JsonParser  *parser,
             GFile       *file,
             const char  *name,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *bytes = NULL;
  gsize length;
  JsonNode *root;

  if (!g_file_load_contents (file, NULL, &bytes, &length, NULL, &local_error))
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE, "%s: %s", name, local_error->message);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, bytes, (gssize) length, &local_error))
    {
      /* The parser says where as "<data>:LINE:COLUMN: …": the file's name instead */
      if (g_str_has_prefix (local_error->message, "<data>:"))
        g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE, "%s:%s", name,
                     local_error->message + strlen ("<data>:"));
      else
        /* Translators: a file, then the JSON parser's reason */
        g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE, _("%s: not valid JSON: %s"), name,
                     local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                   _("%s: expected one JSON object of your company’s details, such as "
                     "{\"business_name\": \"…\", \"vat_number\": \"…\"}"), name);
      return NULL;
    }
  return json_node_get_object (root);
}

/* The property a key of the file sets; %NULL for "iban" (not a property)
 * or, with @error set, for a key that is none of the details */
static const char *
field_for_key (const char  *key,
               const char  *name,
               GError     **error)
{
  const char *field = NULL;
  g_autoptr(GString) keys = NULL;

  for (guint i = 0; fields[i] != NULL && field == NULL; i++)
    {
      g_autofree char *known = json_key (fields[i]);

      if (g_str_equal (known, key))
        field = fields[i];
    }
  if (field != NULL || g_str_equal (key, "iban"))
    return field;

  keys = g_string_new (NULL);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *known = json_key (fields[i]);

      g_string_append_printf (keys, "%s, ", known);
    }
  g_string_append (keys, "iban");
  /* Translators: a file, the key it has, then the keys allowed */
  g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
               _("%s: “%s” is not one of your company’s details; the keys are %s"), name, key, keys->str);
  return NULL;
}

/* Checks the details as the Preferences form does, each problem named by
 * its key, and the IBAN when the file gave one */
static gboolean
check_details (PactaBillingInfo  *details,
               char              *iban,
               const char        *name,
               GError           **error)
{
  g_autoptr(GPtrArray) problems = NULL;

  pacta_billing_info_normalize (details);
  problems = pacta_billing_info_check (details);
  for (guint i = 0; i < problems->len; i++)
    {
      PactaFieldProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *key = NULL;

      if (!g_strv_contains (fields, problem->field))
        continue;
      key = json_key (problem->field);
      /* Translators: a file, a key of it, then what is wrong with its value */
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE, _("%s: %s: %s"), name, key, problem->message);
      return FALSE;
    }
  if (iban != NULL && *g_strstrip (iban) != '\0' && !pacta_iban_is_valid (iban))
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                   _("%s: iban: not a valid account number; check it against your bank’s documents"), name);
      return FALSE;
    }
  return TRUE;
}

/**
 * pacta_msp_update_from_file:
 * @file: a JSON object with some of the keys `business_name`, `vat_number`,
 *   `street`, `number`, `postal_code`, `city`, `state`, `country`,
 *   `invoice_email`, `phone` and `iban` (the billing-information CSV's
 *   column names), each a string or null (null or "" empties the field)
 * @changed: (out) (optional): how many keys the file gave
 *
 * Changes the MSP's details to those given; keys left out keep their
 * value. The result is checked as the Preferences form checks it, and
 * saved all at once: an unknown key, a value that is not a string, or any
 * field the rules refuse leaves everything as it was, with a message
 * naming the file and the key.
 */
gboolean
pacta_msp_update_from_file (PactaDatabase  *database,
                            GFile          *file,
                            guint          *changed,
                            GError        **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(PactaBillingInfo) details = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GList) members = NULL;
  g_autofree char *name = NULL;
  g_autofree char *iban = NULL;
  gboolean iban_given = FALSE;
  JsonObject *object;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_parse_name (file);
  if (changed != NULL)
    *changed = 0;

  if (!(object = load_object (parser, file, name, error)))
    return FALSE;

  if (!(details = pacta_msp_load (database, error)))
    return FALSE;

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *node = json_object_get_member (object, key);
      const char *value = NULL;
      const char *field = field_for_key (key, name, error);

      if (field == NULL && !g_str_equal (key, "iban"))
        return FALSE;
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        value = json_node_get_string (node);
      else if (!JSON_NODE_HOLDS_NULL (node))
        {
          /* Translators: a file and a key of it */
          g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                       _("%s: %s: expected text in quotes, or null to leave it empty"), name, key);
          return FALSE;
        }

      if (field != NULL)
        g_object_set (details, field, value, NULL);
      else
        {
          g_free (iban);
          iban = g_strdup (value != NULL ? value : "");
          iban_given = TRUE;
        }
      if (changed != NULL)
        (*changed)++;
    }

  if (members == NULL)
    return TRUE;

  if (!check_details (details, iban_given ? iban : NULL, name, error))
    return FALSE;

  if (!pacta_msp_save (database, details, iban_given ? iban : NULL, &local_error))
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE, "%s: %s", name, local_error->message);
      return FALSE;
    }
  return TRUE;
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

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 0, PACTA_PERCENT_SCALE, &rate, NULL))
    return PACTA_DEFAULT_TAX_RATE;
  return (int) rate;
}

/**
 * pacta_msp_save_defaults:
 * @currency: an ISO 4217 code from pacta_currencies()
 * @tax_rate: hundredths of a percent, 0…%PACTA_PERCENT_SCALE (100 %)
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
  if (tax_rate < 0 || tax_rate > PACTA_PERCENT_SCALE)
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
