/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-summary.c: one JSON object with the counts scripts and tests look at */
#include "config.h"

#include <json-glib/json-glib.h>

#include "pacta-contract-store.h"
#include "pacta-summary.h"
#include "pacta-verifactu-sender.h"
#include "pacta-verifactu.h"

/* Counts of capabilities that do not exist yet stay at zero, so that the
 * object always has every key the README lists under Command line. */
static const struct {
  const char *key;
  const char *sql;
} counts[] = {
  { "customers", "SELECT count(*) FROM customers" },
  { "customers_without_billing_info",
    "SELECT count(*) FROM customers c WHERE NOT EXISTS (SELECT 1 FROM billing_info b WHERE b.customer_id = c.id)" },
  { "customers_with_services_without_contract", NULL },   /* pacta_contract_count_missing () */
  { "contracts", "SELECT count(*) FROM contracts" },
  { "tickets_open", "SELECT count(*) FROM tickets WHERE status <> 'closed'" },
  { "time_entries_pending", "SELECT count(*) FROM time_entries WHERE state = 'pending'" },
  { "sales_items_draft", "SELECT count(*) FROM sales_items WHERE status = 'draft'" },
  { "sales_items_pending", "SELECT count(*) FROM sales_items WHERE status = 'pending'" },
  { "sales_items_billed", "SELECT count(*) FROM sales_items WHERE status = 'billed'" },
  { "invoices", "SELECT count(*) FROM invoices WHERE kind = 'invoice'" },
  { "credit_notes", "SELECT count(*) FROM invoices WHERE kind = 'credit_note'" },
  { "usage_closed_months", "SELECT count(*) FROM usage_months" },
};

char *
pacta_summary_to_json (PactaDatabase  *database,
                       GError        **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      gint64 n = 0;

      if (g_str_equal (counts[i].key, "customers_with_services_without_contract"))
        n = pacta_contract_count_missing (database, error);
      else if (counts[i].sql != NULL)
        n = pacta_database_count (database, counts[i].sql, error);
      if (n < 0)
        return NULL;

      json_builder_set_member_name (builder, counts[i].key);
      json_builder_add_int_value (builder, n);
    }

  json_builder_set_member_name (builder, "last_invoice_number");
  {
    sqlite3_stmt *stmt = pacta_database_prepare (database,
                                                 "SELECT number FROM invoices WHERE kind = 'invoice'"
                                                 " ORDER BY id DESC LIMIT 1",
                                                 error);
    if (stmt == NULL)
      return NULL;
    if (sqlite3_step (stmt) == SQLITE_ROW)
      json_builder_add_string_value (builder, pacta_sql_column_text (stmt, 0));
    else
      json_builder_add_null_value (builder);
    sqlite3_reset (stmt);
  }
  /* Spain's invoice records not sent to the tax agency yet */
  json_builder_set_member_name (builder, "records_pending");
  json_builder_add_int_value (builder, pacta_verifactu_count_pending (database, NULL));
  /* ...those the agency holds, and those it refused that are not put right */
  json_builder_set_member_name (builder, "records_accepted");
  json_builder_add_int_value (builder, pacta_verifactu_count_accepted (database, NULL));
  json_builder_set_member_name (builder, "records_rejected");
  json_builder_add_int_value (builder, pacta_verifactu_count_rejected (database, NULL));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, TRUE);
}
