/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-catalog.c: catalog items — the rules, saving, and the price list CSV (README, Catalog CSV) */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pacta-catalog.h"
#include "pacta-csv.h"
#include "pacta-error.h"
#include "pacta-money.h"
#include "pacta-text.h"

gboolean
pacta_catalog_item_validate (PactaCatalogItem  *item,
                             GError           **error)
{
  const char *name = pacta_catalog_item_get_name (item);

  if (pacta_text_is_blank (name))
    return pacta_error_invalid (error, _("The item needs a name"));
  if (g_utf8_strlen (name, -1) > 255)
    return pacta_error_invalid (error, _("The item name is longer than 255 characters"));
  if (pacta_text_is_blank (pacta_catalog_item_get_unit (item)))
    return pacta_error_invalid (error, _("The item needs a unit, such as workload, seat or GB"));
  /* A word or two: it is shown after every price and quantity */
  if (g_utf8_strlen (pacta_catalog_item_get_unit (item), -1) > 32)
    return pacta_error_invalid (error, _("The unit is longer than 32 characters"));
  if (!pacta_text_check (name, PACTA_TEXT_LINE, 0, _("the item name"), error) ||
      !pacta_text_check (pacta_catalog_item_get_unit (item), PACTA_TEXT_LINE, 0, _("the unit"), error) ||
      !pacta_text_check (pacta_catalog_item_get_sku (item), PACTA_TEXT_LINE, 255, _("the SKU"), error) ||
      !pacta_text_check (pacta_catalog_item_get_description (item), PACTA_TEXT_MULTILINE, 0, _("the description"),
                         error))
    return FALSE;
  if (pacta_catalog_item_get_has_price (item) && pacta_catalog_item_get_price (item) < 0)
    return pacta_error_invalid (error, _("The price must not be negative"));
  if (pacta_catalog_item_get_cost (item) < 0)
    return pacta_error_invalid (error, _("The cost must not be negative"));
  return TRUE;
}

static gboolean
save_unlocked (PactaDatabase     *database,
               PactaCatalogItem  *item,
               GError           **error)
{
  gint64 id = pacta_catalog_item_get_id (item);
  sqlite3_stmt *stmt;

  if (!pacta_catalog_item_validate (item, error))
    return FALSE;

  if (id > 0)
    stmt = pacta_database_prepare (database,
                                   "UPDATE catalog_items SET name = ?2, description = ?3, sku = ?4, external_id = ?5,"
                                   " unit = ?6, price = ?7, cost = ?8, taxable = ?9, active = ?10, usage_key = ?11,"
                                   " is_contract_item = ?12, is_ticket_time_item = ?13, is_sales_item = ?14"
                                   " WHERE id = ?1",
                                   error);
  else
    stmt = pacta_database_prepare (database,
                                   "INSERT INTO catalog_items (name, description, sku, external_id, unit, price, cost,"
                                   " taxable, active, usage_key, is_contract_item, is_ticket_time_item, is_sales_item)"
                                   " VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                                   error);
  if (stmt == NULL)
    return FALSE;

  if (id > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  pacta_sql_bind_text (stmt, 2, pacta_catalog_item_get_name (item));
  pacta_sql_bind_text (stmt, 3, pacta_catalog_item_get_description (item) != NULL
                                ? pacta_catalog_item_get_description (item) : "");
  pacta_sql_bind_text (stmt, 4, pacta_catalog_item_get_sku (item));
  pacta_sql_bind_text (stmt, 5, pacta_catalog_item_get_external_id (item));
  pacta_sql_bind_text (stmt, 6, pacta_catalog_item_get_unit (item));
  if (pacta_catalog_item_get_has_price (item))
    sqlite3_bind_int64 (stmt, 7, pacta_catalog_item_get_price (item));
  else
    sqlite3_bind_null (stmt, 7);
  sqlite3_bind_int64 (stmt, 8, pacta_catalog_item_get_cost (item));
  sqlite3_bind_int (stmt, 9, pacta_catalog_item_get_taxable (item));
  sqlite3_bind_int (stmt, 10, pacta_catalog_item_get_active (item));
  pacta_sql_bind_text (stmt, 11, pacta_catalog_item_get_usage_key (item));
  sqlite3_bind_int (stmt, 12, pacta_catalog_item_get_is_contract_item (item));
  sqlite3_bind_int (stmt, 13, pacta_catalog_item_get_is_ticket_time_item (item));
  sqlite3_bind_int (stmt, 14, pacta_catalog_item_get_is_sales_item (item));

  if (!pacta_database_step_done (database, stmt, error))
    {
      /* The only constraint a valid item can break */
      if (sqlite3_extended_errcode (pacta_database_get_handle (database)) == SQLITE_CONSTRAINT_UNIQUE)
        {
          g_clear_error (error);
          return pacta_error_invalid (error, _("Another item already has this SKU or usage key"));
        }
      return FALSE;
    }

  if (id <= 0)
    pacta_catalog_item_set_id (item, sqlite3_last_insert_rowid (pacta_database_get_handle (database)));
  return TRUE;
}

gboolean
pacta_catalog_item_save (PactaDatabase     *database,
                         PactaCatalogItem  *item,
                         GError           **error)
{
  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (PACTA_IS_CATALOG_ITEM (item), FALSE);

  if (!pacta_database_begin (database, error))
    return FALSE;
  if (!save_unlocked (database, item, error) || !pacta_database_commit (database, error))
    {
      pacta_database_rollback (database);
      return FALSE;
    }
  return TRUE;
}

/* ---- CSV import -------------------------------------------------------- */

enum { COL_USAGE_KEY, COL_NAME, COL_UNIT, COL_PRICE, COL_COST, COL_TAXABLE, COL_SKU, N_COLUMNS };

static const char *column_names[N_COLUMNS] = { "usage_key", "name", "unit", "price", "cost", "taxable", "sku" };

char *
pacta_catalog_import_report_describe (PactaCatalogImportReport *report)
{
  g_autofree char *created = g_strdup_printf (ngettext ("%u catalog item added", "%u catalog items added",
                                                        report->created), report->created);
  g_autofree char *updated = g_strdup_printf (ngettext ("%u catalog item updated", "%u catalog items updated",
                                                        report->updated), report->updated);

  return g_strdup_printf ("%s\n%s", created, updated);
}

static PactaCatalogItem *
find_item (PactaDatabase  *database,
           const char     *usage_key,
           const char     *sku,
           GError        **error)
{
  g_autoptr(GListStore) found = NULL;
  const char *sql = usage_key != NULL
    ? "SELECT id, name, description, sku, external_id, unit, price, cost, taxable, active, usage_key,"
      " is_contract_item, is_ticket_time_item, is_sales_item FROM catalog_items WHERE usage_key = ?1"
    : "SELECT id, name, description, sku, external_id, unit, price, cost, taxable, active, usage_key,"
      " is_contract_item, is_ticket_time_item, is_sales_item FROM catalog_items WHERE sku = ?1";
  sqlite3_stmt *stmt = pacta_database_prepare (database, sql, error);
  PactaCatalogItem *item = NULL;

  if (stmt == NULL || (usage_key == NULL && sku == NULL))
    return NULL;

  pacta_sql_bind_text (stmt, 1, usage_key != NULL ? usage_key : sku);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    item = g_object_new (PACTA_TYPE_CATALOG_ITEM,
                         "id", sqlite3_column_int64 (stmt, 0),
                         "name", pacta_sql_column_text (stmt, 1),
                         "description", pacta_sql_column_text (stmt, 2),
                         "sku", pacta_sql_column_text (stmt, 3),
                         "external-id", pacta_sql_column_text (stmt, 4),
                         "unit", pacta_sql_column_text (stmt, 5),
                         "has-price", sqlite3_column_type (stmt, 6) != SQLITE_NULL,
                         "price", sqlite3_column_int64 (stmt, 6),
                         "cost", sqlite3_column_int64 (stmt, 7),
                         "taxable", sqlite3_column_int (stmt, 8) != 0,
                         "active", sqlite3_column_int (stmt, 9) != 0,
                         "usage-key", pacta_sql_column_text (stmt, 10),
                         "is-contract-item", sqlite3_column_int (stmt, 11) != 0,
                         "is-ticket-time-item", sqlite3_column_int (stmt, 12) != 0,
                         "is-sales-item", sqlite3_column_int (stmt, 13) != 0,
                         NULL);
  sqlite3_reset (stmt);
  return item;
}

static gboolean
parse_yes_no (const char *text,
              gboolean   *value)
{
  g_autofree char *folded = g_utf8_strdown (text, -1);

  if (strcmp (folded, "1") == 0 || strcmp (folded, "true") == 0 || strcmp (folded, "yes") == 0 ||
      strcmp (folded, "sí") == 0 || strcmp (folded, "si") == 0)
    return *value = TRUE, TRUE;
  if (strcmp (folded, "0") == 0 || strcmp (folded, "false") == 0 || strcmp (folded, "no") == 0)
    return *value = FALSE, TRUE;
  return FALSE;
}

static gboolean
import_rows (PactaDatabase   *database,
             PactaCsvReader  *reader,
             const char      *file,
             gpointer         data,
             GError         **error)
{
  PactaCatalogImportReport *report = data;
  int positions[N_COLUMNS];
  guint n_columns, line;

  if (!pacta_csv_read_header (reader, column_names, N_COLUMNS, FALSE, positions, &n_columns, &line, error))
    return FALSE;

  if (positions[COL_NAME] < 0 || positions[COL_PRICE] < 0 ||
      (positions[COL_USAGE_KEY] < 0 && positions[COL_SKU] < 0))
    return pacta_csv_import_error (error, file, line, -1, NULL,
                                   _("the header needs the columns name, price and usage_key or sku"));

  for (;;)
    {
      g_auto(GStrv) fields = NULL;
      g_autoptr(PactaCatalogItem) item = NULL;
      g_autoptr(GError) local_error = NULL;
      char *values[N_COLUMNS] = { NULL, };
      gboolean existed;

      if (!pacta_csv_read_row (reader, n_columns, &fields, &line, error))
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          break;
        }

      for (guint c = 0; c < N_COLUMNS; c++)
        if (positions[c] >= 0)
          {
            values[c] = g_strstrip (fields[positions[c]]);
            if (values[c][0] == '\0')
              values[c] = NULL;
          }

      /* Existing items match by usage key, else by SKU (README, Catalog CSV) */
      item = find_item (database, values[COL_USAGE_KEY], NULL, error);
      if (item == NULL && values[COL_SKU] != NULL)
        item = find_item (database, NULL, values[COL_SKU], error);
      if (error != NULL && *error != NULL)
        return FALSE;

      if (values[COL_USAGE_KEY] == NULL && values[COL_SKU] == NULL)
        {
          int column = positions[COL_USAGE_KEY] >= 0 ? COL_USAGE_KEY : COL_SKU;

          return pacta_csv_import_error (error, file, line, positions[column], column_names[column],
                                         _("a row needs a usage key or a SKU"));
        }

      existed = item != NULL;
      if (item == NULL)
        item = g_object_new (PACTA_TYPE_CATALOG_ITEM, "usage-key", values[COL_USAGE_KEY], NULL);

      if (values[COL_NAME] == NULL)
        return pacta_csv_import_error (error, file, line, positions[COL_NAME], column_names[COL_NAME],
                                       _("Required"));
      pacta_catalog_item_set_name (item, values[COL_NAME]);

      if (values[COL_UNIT] != NULL)
        pacta_catalog_item_set_unit (item, values[COL_UNIT]);
      if (values[COL_SKU] != NULL)
        pacta_catalog_item_set_sku (item, values[COL_SKU]);

      if (values[COL_PRICE] != NULL)
        {
          gint64 price;

          if (!pacta_decimal_parse (values[COL_PRICE], &price) || price < 0)
            return pacta_csv_import_error (error, file, line, positions[COL_PRICE], column_names[COL_PRICE],
                                           _("expected an amount with a point and up to 4 decimals, such as 12.5"));
          pacta_catalog_item_set_price (item, price);
          pacta_catalog_item_set_has_price (item, TRUE);
        }

      if (values[COL_COST] != NULL)
        {
          gint64 cost;

          if (!pacta_decimal_parse (values[COL_COST], &cost) || cost < 0)
            return pacta_csv_import_error (error, file, line, positions[COL_COST], column_names[COL_COST],
                                           _("expected an amount with a point and up to 4 decimals, such as 12.5"));
          pacta_catalog_item_set_cost (item, cost);
        }

      if (values[COL_TAXABLE] != NULL)
        {
          gboolean taxable;

          if (!parse_yes_no (values[COL_TAXABLE], &taxable))
            return pacta_csv_import_error (error, file, line, positions[COL_TAXABLE], column_names[COL_TAXABLE],
                                           _("expected yes or no (or true/false, 1/0)"));
          pacta_catalog_item_set_taxable (item, taxable);
        }

      if (!save_unlocked (database, item, &local_error))
        return pacta_csv_import_error (error, file, line, -1, NULL, local_error->message);

      if (existed)
        report->updated++;
      else
        report->created++;
    }

  return TRUE;
}

gboolean
pacta_import_catalog_bytes (PactaDatabase             *database,
                            GBytes                    *bytes,
                            const char                *display_name,
                            PactaCatalogImportReport  *report,
                            GError                   **error)
{
  return pacta_csv_import_bytes (database, bytes, display_name, import_rows, report, sizeof *report, error);
}

gboolean
pacta_import_catalog (PactaDatabase             *database,
                      GFile                     *file,
                      PactaCatalogImportReport  *report,
                      GError                   **error)
{
  return pacta_csv_import_file (database, file, import_rows, report, sizeof *report, error);
}
