/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-contract-store.c: the contracts table as a GListModel (see PactaRowStore), and
 * the rules for contracts: validation, creation gated on billing information,
 * default parts from the customer's services, bulk creation. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pacta-billing-info-table.h"
#include "pacta-clock.h"
#include "pacta-contract-store.h"
#include "pacta-date.h"
#include "pacta-error.h"
#include "pacta-money.h"
#include "pacta-text.h"

struct _PactaContractStore
{
  PactaRowStore parent_instance;
};

G_DEFINE_FINAL_TYPE (PactaContractStore, pacta_contract_store, PACTA_TYPE_ROW_STORE)

#define PART_COLUMNS \
  "p.id, p.contract_id, p.catalog_item_id, i.name, i.unit, p.description, p.quantity, p.unit_price," \
  " p.discount, p.discount_reason, p.start_date, p.end_date, p.minimum_quantity, p.follow_usage, p.trial"

void
pacta_skipped_customer_free (PactaSkippedCustomer *skipped)
{
  if (skipped == NULL)
    return;
  g_free (skipped->customer_name);
  g_free (skipped->reason);
  g_free (skipped);
}

static gpointer
part_from_row (sqlite3_stmt *stmt,
               gpointer      user_data)
{
  return g_object_new (PACTA_TYPE_CONTRACT_PART,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "contract-id", sqlite3_column_int64 (stmt, 1),
                       "catalog-item-id", sqlite3_column_int64 (stmt, 2),
                       "item-name", pacta_sql_column_text (stmt, 3),
                       "unit", pacta_sql_column_text (stmt, 4),
                       "description", pacta_sql_column_text (stmt, 5),
                       "quantity", sqlite3_column_int64 (stmt, 6),
                       "unit-price", sqlite3_column_int64 (stmt, 7),
                       "has-price", TRUE,
                       "discount", sqlite3_column_int (stmt, 8),
                       "discount-reason", pacta_sql_column_text (stmt, 9),
                       "start-date", pacta_sql_column_text (stmt, 10),
                       "end-date", pacta_sql_column_text (stmt, 11),
                       "minimum-quantity", sqlite3_column_int64 (stmt, 12),
                       "follow-usage", sqlite3_column_int (stmt, 13) != 0,
                       "trial", sqlite3_column_int (stmt, 14) != 0,
                       NULL);
}

GListModel *
pacta_contract_load_parts (PactaDatabase  *database,
                           gint64          contract_id,
                           GError        **error)
{
  return pacta_row_store_read_list (database,
                                    "SELECT " PART_COLUMNS " FROM contract_parts p"
                                    " JOIN catalog_items i ON i.id = p.catalog_item_id"
                                    " WHERE p.contract_id = ?1 ORDER BY p.position, p.id",
                                    contract_id, PACTA_TYPE_CONTRACT_PART, part_from_row, NULL,
                                    N_("reading contract parts"), error);
}

static gint64
monthly_value (GListModel *parts)
{
  gint64 total = 0;

  for (guint i = 0; i < g_list_model_get_n_items (parts); i++)
    {
      g_autoptr(PactaContractPart) part = g_list_model_get_item (parts, i);
      total += pacta_contract_part_get_monthly_value (part);
    }
  return total;
}

PactaContract *
pacta_contract_load (PactaDatabase  *database,
                     gint64          id,
                     GError        **error)
{
  g_autoptr(PactaContract) contract = NULL;
  g_autoptr(GListModel) parts = NULL;
  sqlite3_stmt *stmt;

  stmt = pacta_row_store_read_one (database,
                                   "SELECT k.id, k.reference, k.name, k.customer_id, c.name, k.contact_email,"
                                   " k.interval, k.billing, k.payment_method, k.start_date, k.end_date,"
                                   " k.send_by, k.prorate, k.notes"
                                   " FROM contracts k JOIN customers c ON c.id = k.customer_id WHERE k.id = ?1",
                                   id, N_("There is no contract with id %s"), N_("reading a contract"), error);
  if (stmt == NULL)
    return NULL;

  contract = g_object_new (PACTA_TYPE_CONTRACT,
                           "id", sqlite3_column_int64 (stmt, 0),
                           "reference", pacta_sql_column_text (stmt, 1),
                           "name", pacta_sql_column_text (stmt, 2),
                           "customer-id", sqlite3_column_int64 (stmt, 3),
                           "customer-name", pacta_sql_column_text (stmt, 4),
                           "contact-email", pacta_sql_column_text (stmt, 5),
                           "interval", pacta_sql_column_text (stmt, 6),
                           "billing", pacta_sql_column_text (stmt, 7),
                           "payment-method", pacta_sql_column_text (stmt, 8),
                           "start-date", pacta_sql_column_text (stmt, 9),
                           "end-date", pacta_sql_column_text (stmt, 10),
                           "send-by", pacta_sql_column_text (stmt, 11),
                           "prorate", sqlite3_column_int (stmt, 12) != 0,
                           "notes", pacta_sql_column_text (stmt, 13),
                           NULL);
  sqlite3_reset (stmt);

  /* The list shows what the contract is worth a month */
  if (!(parts = pacta_contract_load_parts (database, id, error)))
    return NULL;
  pacta_contract_set_monthly_value (contract, monthly_value (parts));
  pacta_contract_set_n_parts (contract, (int)g_list_model_get_n_items (parts));

  return g_steal_pointer (&contract);
}

static gpointer
load_contract (PactaDatabase  *database,
               gint64          id,
               GError        **error)
{
  return pacta_contract_load (database, id, error);
}

static gpointer
contract_placeholder (gint64 id)
{
  return g_object_new (PACTA_TYPE_CONTRACT, "id", id, "name", "", NULL);
}

static void
pacta_contract_store_class_init (PactaContractStoreClass *klass)
{
  PactaRowStoreClass *row_class = PACTA_ROW_STORE_CLASS (klass);

  row_class->item_type = PACTA_TYPE_CONTRACT;
  row_class->revisions_sql = "SELECT id, revision FROM contracts ORDER BY id";
  row_class->load_row = load_contract;
  row_class->placeholder = contract_placeholder;
}

static void
pacta_contract_store_init (PactaContractStore *self)
{
}

PactaContractStore *
pacta_contract_store_new (PactaDatabase  *database,
                          GError        **error)
{
  return pacta_row_store_new (PACTA_TYPE_CONTRACT_STORE, database, error);
}

/* ---- default parts ----------------------------------------------------- */

/* @user_data: the start date */
static gpointer
default_part_from_row (sqlite3_stmt *stmt,
                       gpointer      user_data)
{
  const char *description = pacta_sql_column_text (stmt, 3);

  return g_object_new (PACTA_TYPE_CONTRACT_PART,
                       "catalog-item-id", sqlite3_column_int64 (stmt, 0),
                       "item-name", pacta_sql_column_text (stmt, 1),
                       "unit", pacta_sql_column_text (stmt, 2),
                       "description", description != NULL && description[0] != '\0'
                                      ? description : pacta_sql_column_text (stmt, 1),
                       "quantity", sqlite3_column_int64 (stmt, 4),
                       "has-price", sqlite3_column_type (stmt, 5) != SQLITE_NULL,
                       "unit-price", sqlite3_column_int64 (stmt, 5),
                       "start-date", (const char *) user_data,
                       "follow-usage", TRUE,
                       NULL);
}

/**
 * pacta_contract_default_parts:
 *
 * One part per service the customer uses: the catalog price (a part may come
 * without one, which validation then refuses), the current usage as
 * quantity, following the usage from now on.
 */
GListModel *
pacta_contract_default_parts (PactaDatabase  *database,
                              gint64          customer_id,
                              const char     *start_date,
                              GError        **error)
{
  return pacta_row_store_read_list (database,
                                    "SELECT s.catalog_item_id, i.name, i.unit, i.description, s.quantity, i.price"
                                    " FROM customer_services s JOIN catalog_items i ON i.id = s.catalog_item_id"
                                    " WHERE s.customer_id = ?1 AND s.quantity > 0 ORDER BY i.name",
                                    customer_id, PACTA_TYPE_CONTRACT_PART, default_part_from_row,
                                    (gpointer) start_date, N_("reading services"), error);
}

/* ---- validation -------------------------------------------------------- */

static gboolean
one_of (const char *value,
        const char *first,
        ...)
{
  va_list args;
  gboolean found = FALSE;

  va_start (args, first);
  for (const char *option = first; option != NULL && !found; option = va_arg (args, const char *))
    found = g_strcmp0 (value, option) == 0;
  va_end (args);
  return found;
}

static gboolean
validate_part (PactaContract      *contract,
               PactaContractPart  *part,
               GError            **error)
{
  const char *name = pacta_contract_part_get_item_name (part);
  const char *start = pacta_contract_part_get_start_date (part);
  const char *end = pacta_contract_part_get_end_date (part);
  g_autofree char *message = NULL;

  if (name == NULL)
    name = pacta_contract_part_get_description (part);

  if (pacta_contract_part_get_catalog_item_id (part) <= 0)
    message = g_strdup (_("Every part needs a catalog item"));
  else if (!pacta_contract_part_get_has_price (part))
    /* Translators: %s is a catalog item, e.g. “Workstations” */
    message = g_strdup_printf (_("“%s” has no price yet"), name);
  else if (pacta_contract_part_get_unit_price (part) < 0)
    message = g_strdup_printf (_("“%s”: the price must not be negative"), name);
  else if (pacta_contract_part_get_quantity (part) < 0 || pacta_contract_part_get_minimum_quantity (part) < 0)
    message = g_strdup_printf (_("“%s”: quantities must not be negative"), name);
  else if (pacta_contract_part_get_discount (part) < 0 || pacta_contract_part_get_discount (part) > PACTA_PERCENT_SCALE)
    message = g_strdup_printf (_("“%s”: the discount must be between 0 and 100 %%"), name);
  else if (start != NULL && !pacta_date_is_valid (start))
    message = g_strdup_printf (_("“%s”: the start date is not a date (YYYY-MM-DD)"), name);
  else if (end != NULL && !pacta_date_is_valid (end))
    message = g_strdup_printf (_("“%s”: the end date is not a date (YYYY-MM-DD)"), name);
  else if (end != NULL && strcmp (end, start != NULL ? start : pacta_contract_get_start_date (contract)) < 0)
    message = g_strdup_printf (_("“%s”: the end date is before the start date"), name);

  if (message != NULL)
    return pacta_error_invalid (error, message);
  if (!pacta_text_check (pacta_contract_part_get_description (part), PACTA_TEXT_LINE, 0,
                         _("a part’s description"), error) ||
      !pacta_text_check (pacta_contract_part_get_discount_reason (part), PACTA_TEXT_LINE, 0,
                         _("a part’s discount reason"), error))
    return FALSE;
  return TRUE;
}

/**
 * pacta_contract_validate:
 *
 * The rules a contract meets before it is written; the first problem is
 * reported in words the MSP understands.
 */
gboolean
pacta_contract_validate (PactaContract  *contract,
                         GListModel     *parts,
                         GError        **error)
{
  if (pacta_contract_get_customer_id (contract) <= 0)
    return pacta_error_invalid (error, _("The contract needs a customer"));
  if (!pacta_contract_validate_info (contract, error))
    return FALSE;
  if (parts == NULL || g_list_model_get_n_items (parts) == 0)
    return pacta_error_invalid (error, _("A contract needs at least one part"));

  for (guint i = 0; i < g_list_model_get_n_items (parts); i++)
    {
      g_autoptr(PactaContractPart) part = g_list_model_get_item (parts, i);

      if (!validate_part (contract, part, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * pacta_contract_validate_info:
 *
 * The rules for the contract's own fields, without its parts: what the
 * wizard checks before it moves on to the parts.
 */
gboolean
pacta_contract_validate_info (PactaContract  *contract,
                              GError        **error)
{
  const char *start = pacta_contract_get_start_date (contract);
  const char *end = pacta_contract_get_end_date (contract);
  const char *name = pacta_contract_get_name (contract);

  if (pacta_text_is_blank (name))
    return pacta_error_invalid (error, _("The contract needs a name"));
  if (g_utf8_strlen (name, -1) > 255)
    return pacta_error_invalid (error, _("The contract name is longer than 255 characters"));
  if (!pacta_text_check (name, PACTA_TEXT_LINE, 0, _("the contract name"), error))
    return FALSE;
  if (!pacta_text_is_blank (pacta_contract_get_contact_email (contract)) &&
      !pacta_text_is_email (pacta_contract_get_contact_email (contract)))
    return pacta_error_invalid (error, _("The contact email is not an email address"));
  if (!pacta_text_check (pacta_contract_get_notes (contract), PACTA_TEXT_MULTILINE, 0, _("the notes"), error))
    return FALSE;
  if (start == NULL)
    return pacta_error_invalid (error, _("The contract needs a start date"));
  if (!pacta_date_is_valid (start))
    return pacta_error_invalid (error, _("The start date is not a date (YYYY-MM-DD)"));
  if (end != NULL && !pacta_date_is_valid (end))
    return pacta_error_invalid (error, _("The end date is not a date (YYYY-MM-DD)"));
  if (end != NULL && strcmp (end, start) <= 0)
    return pacta_error_invalid (error, _("The end date must be after the start date"));
  if (!one_of (pacta_contract_get_interval (contract), "monthly", "quarterly", "semiannual", "annual", NULL))
    return pacta_error_invalid (error, _("Unknown invoice interval"));
  if (!one_of (pacta_contract_get_billing (contract), "advance", "arrears", NULL))
    return pacta_error_invalid (error, _("Bill in advance or in arrears"));
  if (!one_of (pacta_contract_get_payment_method (contract), "transfer", "direct_debit", NULL))
    return pacta_error_invalid (error, _("Unknown payment method"));
  if (!one_of (pacta_contract_get_send_by (contract), "email", "post", NULL))
    return pacta_error_invalid (error, _("Send invoices by email or by post"));

  return TRUE;
}

/* ---- writing ----------------------------------------------------------- */

static gboolean
write_part (PactaDatabase      *database,
            gint64              contract_id,
            const char         *contract_start,
            PactaContractPart  *part,
            int                 position,
            GError            **error)
{
  const char *start = pacta_contract_part_get_start_date (part);
  sqlite3_stmt *stmt;
  gint64 id = pacta_contract_part_get_id (part);

  if (id > 0)
    stmt = pacta_database_prepare (database,
                                   "UPDATE contract_parts SET catalog_item_id = ?2, position = ?3, description = ?4,"
                                   " quantity = ?5, unit_price = ?6, discount = ?7, discount_reason = ?8,"
                                   " start_date = ?9, end_date = ?10, minimum_quantity = ?11, follow_usage = ?12,"
                                   " trial = ?13 WHERE id = ?1 AND contract_id = ?14",
                                   error);
  else
    stmt = pacta_database_prepare (database,
                                   "INSERT INTO contract_parts (catalog_item_id, position, description, quantity,"
                                   " unit_price, discount, discount_reason, start_date, end_date, minimum_quantity,"
                                   " follow_usage, trial, contract_id)"
                                   " VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                                   error);
  if (stmt == NULL)
    return FALSE;

  if (id > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, pacta_contract_part_get_catalog_item_id (part));
  sqlite3_bind_int (stmt, 3, position);
  pacta_sql_bind_text (stmt, 4, pacta_contract_part_get_description (part) != NULL
                                ? pacta_contract_part_get_description (part) : "");
  sqlite3_bind_int64 (stmt, 5, pacta_contract_part_get_quantity (part));
  sqlite3_bind_int64 (stmt, 6, pacta_contract_part_get_unit_price (part));
  sqlite3_bind_int (stmt, 7, pacta_contract_part_get_discount (part));
  pacta_sql_bind_text (stmt, 8, pacta_contract_part_get_discount_reason (part));
  /* A part starts with its contract unless told otherwise */
  pacta_sql_bind_text (stmt, 9, start != NULL ? start : contract_start);
  pacta_sql_bind_text (stmt, 10, pacta_contract_part_get_end_date (part));
  sqlite3_bind_int64 (stmt, 11, pacta_contract_part_get_minimum_quantity (part));
  sqlite3_bind_int (stmt, 12, pacta_contract_part_get_follow_usage (part));
  sqlite3_bind_int (stmt, 13, pacta_contract_part_get_trial (part));
  sqlite3_bind_int64 (stmt, 14, contract_id);

  if (!pacta_database_step_done (database, stmt, error))
    return FALSE;

  if (id <= 0)
    pacta_contract_part_set_id (part, sqlite3_last_insert_rowid (pacta_database_get_handle (database)));
  pacta_contract_part_set_contract_id (part, contract_id);
  return TRUE;
}

static void
bind_contract (sqlite3_stmt  *stmt,
               PactaContract *contract)
{
  g_autofree char *name = g_strstrip (g_strdup (pacta_contract_get_name (contract)));

  pacta_sql_bind_text (stmt, 2, pacta_contract_get_reference (contract));
  pacta_sql_bind_text (stmt, 3, name);
  sqlite3_bind_int64 (stmt, 4, pacta_contract_get_customer_id (contract));
  pacta_sql_bind_text (stmt, 5, pacta_contract_get_contact_email (contract));
  pacta_sql_bind_text (stmt, 6, pacta_contract_get_interval (contract));
  pacta_sql_bind_text (stmt, 7, pacta_contract_get_billing (contract));
  pacta_sql_bind_text (stmt, 8, pacta_contract_get_payment_method (contract));
  pacta_sql_bind_text (stmt, 9, pacta_contract_get_start_date (contract));
  pacta_sql_bind_text (stmt, 10, pacta_contract_get_end_date (contract));
  pacta_sql_bind_text (stmt, 11, pacta_contract_get_send_by (contract));
  sqlite3_bind_int (stmt, 12, pacta_contract_get_prorate (contract));
  pacta_sql_bind_text (stmt, 13, pacta_contract_get_notes (contract));
}

static gint64
create_unlocked (PactaDatabase  *database,
                 PactaContract  *contract,
                 GListModel     *parts,
                 GError        **error)
{
  g_autofree char *now_text = pacta_now_iso8601_utc ();
  sqlite3_stmt *stmt;
  gint64 id;

  if (pacta_contract_get_customer_id (contract) <= 0)
    return pacta_error_invalid (error, _("The contract needs a customer")), 0;
  if (!pacta_customer_require_billing_info (database, pacta_contract_get_customer_id (contract), error) ||
      !pacta_contract_validate (contract, parts, error))
    return 0;

  stmt = pacta_database_prepare (database,
                                 "INSERT INTO contracts (reference, name, customer_id, contact_email, interval,"
                                 " billing, payment_method, start_date, end_date, send_by, prorate, notes, created_at)"
                                 " VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?1)",
                                 error);
  if (stmt == NULL)
    return 0;

  bind_contract (stmt, contract);
  sqlite3_bind_text (stmt, 1, now_text, -1, SQLITE_TRANSIENT);
  if (!pacta_database_step_done (database, stmt, error))
    return 0;

  id = sqlite3_last_insert_rowid (pacta_database_get_handle (database));
  for (guint i = 0; i < g_list_model_get_n_items (parts); i++)
    {
      g_autoptr(PactaContractPart) part = g_list_model_get_item (parts, i);

      if (!write_part (database, id, pacta_contract_get_start_date (contract), part, (int)i, error))
        return 0;
    }

  pacta_contract_set_id (contract, id);
  return id;
}

/**
 * pacta_contract_create:
 *
 * Writes a new contract with its parts in one transaction. Fails with
 * %PACTA_ERROR_BILLING_INFO_REQUIRED when the customer has no billing
 * information, %PACTA_ERROR_INVALID_VALUE when a rule is broken.
 */
gint64
pacta_contract_create (PactaDatabase  *database,
                       PactaContract  *contract,
                       GListModel     *parts,
                       GError        **error)
{
  gint64 id;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), 0);
  g_return_val_if_fail (PACTA_IS_CONTRACT (contract), 0);

  if (!pacta_database_begin (database, error))
    return 0;

  if (!(id = create_unlocked (database, contract, parts, error)) ||
      !pacta_database_commit (database, error))
    {
      pacta_database_rollback (database);
      pacta_contract_set_id (contract, 0);
      return 0;
    }

  return id;
}

/**
 * pacta_contract_update:
 *
 * Saves an edited contract: its fields, its parts changed in place (they keep
 * their ids, which billing refers to), new parts added, removed ones deleted.
 */
gboolean
pacta_contract_update (PactaDatabase  *database,
                       PactaContract  *contract,
                       GListModel     *parts,
                       GError        **error)
{
  g_autoptr(GString) keep = g_string_new (NULL);
  g_autoptr(GListModel) old_parts = NULL;
  gint64 id = pacta_contract_get_id (contract);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PACTA_IS_CONTRACT (contract), FALSE);
  g_return_val_if_fail (id > 0, FALSE);

  if (!pacta_contract_validate (contract, parts, error))
    return FALSE;

  if (!pacta_database_begin (database, error))
    return FALSE;

  stmt = pacta_database_prepare (database,
                                 "UPDATE contracts SET reference = ?2, name = ?3, customer_id = ?4,"
                                 " contact_email = ?5, interval = ?6, billing = ?7, payment_method = ?8,"
                                 " start_date = ?9, end_date = ?10, send_by = ?11, prorate = ?12, notes = ?13"
                                 " WHERE id = ?1",
                                 error);
  if (stmt == NULL)
    goto failed;
  bind_contract (stmt, contract);
  sqlite3_bind_int64 (stmt, 1, id);
  if (!pacta_database_step_done (database, stmt, error))
    goto failed;

  /* Parts no longer in the list go; the others are written in order */
  if (!(old_parts = pacta_contract_load_parts (database, id, error)))
    goto failed;
  for (guint i = 0; i < g_list_model_get_n_items (old_parts); i++)
    {
      g_autoptr(PactaContractPart) old = g_list_model_get_item (old_parts, i);
      gboolean kept = FALSE;

      for (guint k = 0; k < g_list_model_get_n_items (parts) && !kept; k++)
        {
          g_autoptr(PactaContractPart) part = g_list_model_get_item (parts, k);
          kept = pacta_contract_part_get_id (part) == pacta_contract_part_get_id (old);
        }
      if (kept)
        continue;

      stmt = pacta_database_prepare (database, "DELETE FROM contract_parts WHERE id = ?1", error);
      if (stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (stmt, 1, pacta_contract_part_get_id (old));
      if (!pacta_database_step_done (database, stmt, error))
        goto failed;
    }

  for (guint i = 0; i < g_list_model_get_n_items (parts); i++)
    {
      g_autoptr(PactaContractPart) part = g_list_model_get_item (parts, i);

      if (!write_part (database, id, pacta_contract_get_start_date (contract), part, (int)i, error))
        goto failed;
    }

  if (!pacta_database_commit (database, error))
    goto failed;
  return TRUE;

failed:
  pacta_database_rollback (database);
  return FALSE;
}

/* ---- customers without contracts --------------------------------------- */

#define MISSING_WHERE \
  " FROM customers c WHERE c.enabled = 1" \
  " AND EXISTS (SELECT 1 FROM customer_services s WHERE s.customer_id = c.id AND s.quantity > 0)" \
  " AND NOT EXISTS (SELECT 1 FROM contracts k WHERE k.customer_id = c.id" \
  "                 AND (k.end_date IS NULL OR k.end_date >= ?1))"

/**
 * pacta_contract_missing_customers:
 *
 * The enabled customers that use services but have no contract running or
 * planned (an ended contract does not count), ordered by name.
 */
GArray *
pacta_contract_missing_customers (PactaDatabase  *database,
                                  GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *today = pacta_date_today ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = pacta_database_prepare (database, "SELECT c.id" MISSING_WHERE " ORDER BY c.name, c.id", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      pacta_database_set_error (database, error, _("finding customers without contracts"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* Every customer, for the wizard opened without the banner */
GArray *
pacta_customer_ids_by_name (PactaDatabase  *database,
                            GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = pacta_database_prepare (database, "SELECT id FROM customers ORDER BY name, id", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      pacta_database_set_error (database, error, _("reading the customer list"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

gint64
pacta_contract_count_missing (PactaDatabase  *database,
                              GError        **error)
{
  g_autofree char *today = pacta_date_today ();
  sqlite3_stmt *stmt;
  gint64 n;

  stmt = pacta_database_prepare (database, "SELECT count(*)" MISSING_WHERE, error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      pacta_database_set_error (database, error, _("finding customers without contracts"));
      sqlite3_reset (stmt);
      return -1;
    }
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* ---- bulk creation ----------------------------------------------------- */

static char *
customer_name (PactaDatabase *database,
               gint64         customer_id)
{
  sqlite3_stmt *stmt = pacta_database_prepare (database, "SELECT name FROM customers WHERE id = ?1", NULL);
  char *name = NULL;

  if (stmt == NULL)
    return g_strdup ("");
  sqlite3_bind_int64 (stmt, 1, customer_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = g_strdup (pacta_sql_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return name != NULL ? name : g_strdup ("");
}

/* Why the defaults can't become a contract: no services, or unpriced items */
static char *
defaults_problem (GListModel *parts)
{
  g_autoptr(GString) unpriced = g_string_new (NULL);

  if (g_list_model_get_n_items (parts) == 0)
    return g_strdup (_("No services assigned"));

  for (guint i = 0; i < g_list_model_get_n_items (parts); i++)
    {
      g_autoptr(PactaContractPart) part = g_list_model_get_item (parts, i);

      if (pacta_contract_part_get_has_price (part))
        continue;
      if (unpriced->len > 0)
        g_string_append (unpriced, ", ");
      g_string_append (unpriced, pacta_contract_part_get_item_name (part));
    }

  if (unpriced->len > 0)
    /* Translators: %s lists catalog items, e.g. “Servers, Cloud storage” */
    return g_strdup_printf (_("No price yet for %s"), unpriced->str);
  return NULL;
}

/**
 * pacta_contract_create_defaults:
 * @prototype: the contract information every new contract takes (name,
 *   interval, start date, …); its customer is ignored
 *
 * One contract per customer with the default parts. Each customer is all or
 * nothing: one that lacks billing information or prices is skipped and
 * returned with the reason, the others are created.
 *
 * Returns: (transfer full): the skipped customers, or %NULL on a database error
 */
GPtrArray *
pacta_contract_create_defaults (PactaDatabase  *database,
                                GArray         *customer_ids,
                                PactaContract  *prototype,
                                guint          *n_created,
                                GError        **error)
{
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func ((GDestroyNotify)pacta_skipped_customer_free);
  guint created = 0;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (customer_ids != NULL, NULL);
  g_return_val_if_fail (PACTA_IS_CONTRACT (prototype), NULL);

  if (!pacta_database_begin (database, error))
    return NULL;

  for (guint i = 0; i < customer_ids->len; i++)
    {
      gint64 customer_id = g_array_index (customer_ids, gint64, i);
      g_autoptr(PactaContract) contract = NULL;
      g_autoptr(GListModel) parts = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *reason = NULL;

      if (!pacta_database_exec (database, "SAVEPOINT bulk_contract", error))
        goto failed;

      contract = g_object_new (PACTA_TYPE_CONTRACT, NULL);
      g_object_set (contract,
                    "customer-id", customer_id,
                    "name", pacta_contract_get_name (prototype),
                    "reference", pacta_contract_get_reference (prototype),
                    "interval", pacta_contract_get_interval (prototype),
                    "billing", pacta_contract_get_billing (prototype),
                    "payment-method", pacta_contract_get_payment_method (prototype),
                    "start-date", pacta_contract_get_start_date (prototype),
                    "end-date", pacta_contract_get_end_date (prototype),
                    "send-by", pacta_contract_get_send_by (prototype),
                    "prorate", pacta_contract_get_prorate (prototype),
                    "notes", pacta_contract_get_notes (prototype),
                    NULL);

      /* Billing information first: it is the first thing the MSP must fix */
      if (!pacta_customer_require_billing_info (database, customer_id, &local_error))
        reason = g_strdup (local_error->message);
      else if (!(parts = pacta_contract_default_parts (database, customer_id,
                                                       pacta_contract_get_start_date (prototype), &local_error)))
        reason = g_strdup (local_error->message);
      else if (!(reason = defaults_problem (parts)) &&
               create_unlocked (database, contract, parts, &local_error) == 0)
        reason = g_strdup (local_error->message);

      if (reason != NULL)
        {
          PactaSkippedCustomer *skip = g_new0 (PactaSkippedCustomer, 1);

          if (!pacta_database_exec (database, "ROLLBACK TO bulk_contract", error))
            goto failed;
          skip->customer_id = customer_id;
          skip->customer_name = customer_name (database, customer_id);
          skip->reason = g_steal_pointer (&reason);
          g_ptr_array_add (skipped, skip);
        }
      else
        created++;

      if (!pacta_database_exec (database, "RELEASE bulk_contract", error))
        goto failed;
    }

  if (!pacta_database_commit (database, error))
    goto failed;

  if (n_created != NULL)
    *n_created = created;
  return g_steal_pointer (&skipped);

failed:
  pacta_database_rollback (database);
  return NULL;
}
