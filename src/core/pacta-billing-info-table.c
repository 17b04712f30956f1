/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-billing-info-table.c: billing information in the billing_info table (one row
 * per customer): reading it, writing it, and the rule that demands it */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pacta-billing-info-table.h"
#include "pacta-clock.h"
#include "pacta-error.h"
#include "pacta-msp.h"
#include "pacta-row-store.h"

/* Column order shared by the SELECT and the INSERT below */
#define BILLING_COLUMNS \
  "business_name, debtor_code, invoice_email, website, vat_number, language, country," \
  " tax_rate, tax_exempt, rounding_minutes, payment_terms_days, direct_debit, send_by," \
  " street, number, building, postal_code, city, state, address_country, phone, fax"

PactaBillingInfo *
pacta_billing_info_load (PactaDatabase  *database,
                         gint64          customer_id,
                         GError        **error)
{
  sqlite3_stmt *stmt;
  PactaBillingInfo *info;

  /* None is no error: the customer has no billing information yet */
  stmt = pacta_row_store_read_one (database, "SELECT " BILLING_COLUMNS " FROM billing_info WHERE customer_id = ?1",
                                   customer_id, NULL, N_("reading billing information"), error);
  if (stmt == NULL)
    return NULL;

  info = g_object_new (PACTA_TYPE_BILLING_INFO,
                       "customer-id", customer_id,
                       "business-name", pacta_sql_column_text (stmt, 0),
                       "debtor-code", pacta_sql_column_text (stmt, 1),
                       "invoice-email", pacta_sql_column_text (stmt, 2),
                       "website", pacta_sql_column_text (stmt, 3),
                       "vat-number", pacta_sql_column_text (stmt, 4),
                       "language", pacta_sql_column_text (stmt, 5),
                       "country", pacta_sql_column_text (stmt, 6),
                       "tax-rate", sqlite3_column_int (stmt, 7),
                       "tax-exempt", sqlite3_column_int (stmt, 8) != 0,
                       "rounding-minutes", sqlite3_column_int (stmt, 9),
                       "payment-terms-days", sqlite3_column_int (stmt, 10),
                       "direct-debit", sqlite3_column_int (stmt, 11) != 0,
                       "send-by", pacta_sql_column_text (stmt, 12),
                       "street", pacta_sql_column_text (stmt, 13),
                       "number", pacta_sql_column_text (stmt, 14),
                       "building", pacta_sql_column_text (stmt, 15),
                       "postal-code", pacta_sql_column_text (stmt, 16),
                       "city", pacta_sql_column_text (stmt, 17),
                       "state", pacta_sql_column_text (stmt, 18),
                       "address-country", pacta_sql_column_text (stmt, 19),
                       "phone", pacta_sql_column_text (stmt, 20),
                       "fax", pacta_sql_column_text (stmt, 21),
                       NULL);
  sqlite3_reset (stmt);
  return info;
}

/**
 * pacta_billing_info_new_for_customer:
 *
 * New billing information pre-filled from what the platform told us about
 * the customer (name, email, address) and your default tax rate, so that
 * the MSP mostly confirms.
 */
PactaBillingInfo *
pacta_billing_info_new_for_customer (PactaDatabase  *database,
                                     gint64          customer_id,
                                     GError        **error)
{
  g_autoptr(PactaBillingInfo) info = pacta_billing_info_new (customer_id);
  sqlite3_stmt *stmt;
  const char *country;
  int rc;

  pacta_billing_info_set_tax_rate (info, pacta_msp_get_default_tax_rate (database));

  stmt = pacta_database_prepare (database,
                                 "SELECT name, email, language, address1, address2, city, state, zipcode,"
                                 " country, phone FROM customers WHERE id = ?1",
                                 error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND, _("The customer no longer exists"));
      else
        pacta_database_set_error (database, error, _("reading a customer"));
      sqlite3_reset (stmt);
      return NULL;
    }

  country = pacta_sql_column_text (stmt, 8);
  g_object_set (info,
                "business-name", pacta_sql_column_text (stmt, 0),
                "invoice-email", pacta_sql_column_text (stmt, 1),
                "language", pacta_sql_column_text (stmt, 2),
                "street", pacta_sql_column_text (stmt, 3),
                "building", pacta_sql_column_text (stmt, 4),
                "city", pacta_sql_column_text (stmt, 5),
                "state", pacta_sql_column_text (stmt, 6),
                "postal-code", pacta_sql_column_text (stmt, 7),
                "phone", pacta_sql_column_text (stmt, 9),
                NULL);
  /* Platforms store free text here; only a real ISO code is worth keeping */
  if (pacta_country_code_is_valid (country))
    g_object_set (info, "country", country, "address-country", country, NULL);
  sqlite3_reset (stmt);

  return g_steal_pointer (&info);
}

/* Writes @info inside the caller's transaction; normalises and validates first */
gboolean
pacta_billing_info_save_unlocked (PactaDatabase     *database,
                                  PactaBillingInfo  *info,
                                  GError           **error)
{
  g_autofree char *now_text = pacta_now_iso8601_utc ();
  sqlite3_stmt *stmt;

  pacta_billing_info_normalize (info);
  if (!pacta_billing_info_validate (info, error))
    return FALSE;

  stmt = pacta_database_prepare (database,
                                 "INSERT INTO billing_info (customer_id, " BILLING_COLUMNS ", updated_at)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
                                 " ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)"
                                 " ON CONFLICT (customer_id) DO UPDATE SET"
                                 " business_name = excluded.business_name, debtor_code = excluded.debtor_code,"
                                 " invoice_email = excluded.invoice_email, website = excluded.website,"
                                 " vat_number = excluded.vat_number, language = excluded.language,"
                                 " country = excluded.country, tax_rate = excluded.tax_rate,"
                                 " tax_exempt = excluded.tax_exempt, rounding_minutes = excluded.rounding_minutes,"
                                 " payment_terms_days = excluded.payment_terms_days,"
                                 " direct_debit = excluded.direct_debit, send_by = excluded.send_by,"
                                 " street = excluded.street, number = excluded.number, building = excluded.building,"
                                 " postal_code = excluded.postal_code, city = excluded.city, state = excluded.state,"
                                 " address_country = excluded.address_country, phone = excluded.phone,"
                                 " fax = excluded.fax, updated_at = excluded.updated_at",
                                 error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pacta_billing_info_get_customer_id (info));
  pacta_sql_bind_text (stmt, 2, pacta_billing_info_get_business_name (info));
  pacta_sql_bind_text (stmt, 3, pacta_billing_info_get_debtor_code (info));
  pacta_sql_bind_text (stmt, 4, pacta_billing_info_get_invoice_email (info));
  pacta_sql_bind_text (stmt, 5, pacta_billing_info_get_website (info));
  pacta_sql_bind_text (stmt, 6, pacta_billing_info_get_vat_number (info));
  pacta_sql_bind_text (stmt, 7, pacta_billing_info_get_language (info));
  pacta_sql_bind_text (stmt, 8, pacta_billing_info_get_country (info));
  sqlite3_bind_int (stmt, 9, pacta_billing_info_get_tax_rate (info));
  sqlite3_bind_int (stmt, 10, pacta_billing_info_get_tax_exempt (info));
  sqlite3_bind_int (stmt, 11, pacta_billing_info_get_rounding_minutes (info));
  sqlite3_bind_int (stmt, 12, pacta_billing_info_get_payment_terms_days (info));
  sqlite3_bind_int (stmt, 13, pacta_billing_info_get_direct_debit (info));
  pacta_sql_bind_text (stmt, 14, pacta_billing_info_get_send_by (info));
  pacta_sql_bind_text (stmt, 15, pacta_billing_info_get_street (info));
  pacta_sql_bind_text (stmt, 16, pacta_billing_info_get_number (info));
  pacta_sql_bind_text (stmt, 17, pacta_billing_info_get_building (info));
  pacta_sql_bind_text (stmt, 18, pacta_billing_info_get_postal_code (info));
  pacta_sql_bind_text (stmt, 19, pacta_billing_info_get_city (info));
  pacta_sql_bind_text (stmt, 20, pacta_billing_info_get_state (info));
  pacta_sql_bind_text (stmt, 21, pacta_billing_info_get_address_country (info));
  pacta_sql_bind_text (stmt, 22, pacta_billing_info_get_phone (info));
  pacta_sql_bind_text (stmt, 23, pacta_billing_info_get_fax (info));
  sqlite3_bind_text (stmt, 24, now_text, -1, SQLITE_TRANSIENT);

  if (!pacta_database_step_done (database, stmt, error))
    return FALSE;

  if (sqlite3_changes (pacta_database_get_handle (database)) == 0)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND, _("The customer no longer exists"));
      return FALSE;
    }

  /* The customer can be billed now: its drafts become pending, in the same
   * transaction as the billing information itself */
  stmt = pacta_database_prepare (database,
                                 "UPDATE sales_items SET status = 'pending'"
                                 " WHERE customer_id = ?1 AND status = 'draft'",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pacta_billing_info_get_customer_id (info));
  return pacta_database_step_done (database, stmt, error);
}

gboolean
pacta_billing_info_save (PactaDatabase     *database,
                         PactaBillingInfo  *info,
                         GError           **error)
{
  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (PACTA_IS_BILLING_INFO (info), FALSE);

  if (!pacta_database_begin (database, error))
    return FALSE;

  if (!pacta_billing_info_save_unlocked (database, info, error) ||
      !pacta_database_commit (database, error))
    {
      pacta_database_rollback (database);
      return FALSE;
    }

  return TRUE;
}

/* Only for undoing an addition a moment ago */
gboolean
pacta_billing_info_delete (PactaDatabase  *database,
                           gint64          customer_id,
                           GError        **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (database, "DELETE FROM billing_info WHERE customer_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  return pacta_database_step_done (database, stmt, error);
}

/**
 * pacta_customer_require_billing_info:
 *
 * The gate in front of everything that turns work into money: fails with
 * %PACTA_ERROR_BILLING_INFO_REQUIRED, naming the customer, when the customer
 * has no billing information yet.
 */
gboolean
pacta_customer_require_billing_info (PactaDatabase  *database,
                                     gint64          customer_id,
                                     GError        **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *name = NULL;
  gboolean has_info = FALSE;
  int rc;

  stmt = pacta_database_prepare (database,
                                 "SELECT c.name, EXISTS (SELECT 1 FROM billing_info b WHERE b.customer_id = c.id)"
                                 " FROM customers c WHERE c.id = ?1",
                                 error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      name = g_strdup (pacta_sql_column_text (stmt, 0));
      has_info = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND, _("The customer no longer exists"));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      pacta_database_set_error (database, error, _("reading billing information"));
      return FALSE;
    }

  if (!has_info)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_BILLING_INFO_REQUIRED,
                   _("“%s” has no billing information yet"), name);
      return FALSE;
    }

  return TRUE;
}

gboolean
pacta_customer_set_self_managed (PactaDatabase  *database,
                                 gint64          customer_id,
                                 gboolean        self_managed,
                                 GError        **error)
{
  sqlite3_stmt *stmt;

  stmt = pacta_database_prepare (database,
                                 "UPDATE customers SET self_managed = ?2 WHERE id = ?1 AND self_managed IS NOT ?2",
                                 error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int (stmt, 2, self_managed ? 1 : 0);
  return pacta_database_step_done (database, stmt, error);
}
