/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-sales-item-store.c: the sales_items table as a GListModel (see PactaRowStore), and
 * the rules of README, Sales items: manual items and moves need the customer's billing
 * information; automatic items for a customer without it wait as drafts; a
 * billed item never changes (the schema refuses it too). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pacta-billing-info-table.h"
#include "pacta-clock.h"
#include "pacta-contract.h"
#include "pacta-date.h"
#include "pacta-error.h"
#include "pacta-money.h"
#include "pacta-sales-item-store.h"
#include "pacta-text.h"

struct _PactaSalesItemStore
{
  PactaRowStore parent_instance;
};

G_DEFINE_FINAL_TYPE (PactaSalesItemStore, pacta_sales_item_store, PACTA_TYPE_ROW_STORE)

static gpointer
line_from_row (sqlite3_stmt *stmt,
               gpointer      user_data)
{
  return g_object_new (PACTA_TYPE_SALES_ITEM_LINE,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "sales-item-id", sqlite3_column_int64 (stmt, 1),
                       "catalog-item-id", sqlite3_column_int64 (stmt, 2),
                       "item-name", pacta_sql_column_text (stmt, 3),
                       "description", pacta_sql_column_text (stmt, 4),
                       "quantity", sqlite3_column_int64 (stmt, 5),
                       "unit-price", sqlite3_column_int64 (stmt, 6),
                       "discount", sqlite3_column_int (stmt, 7),
                       "is-note", sqlite3_column_int (stmt, 8) != 0,
                       NULL);
}

GListModel *
pacta_sales_item_load_lines (PactaDatabase  *database,
                             gint64          id,
                             GError        **error)
{
  return pacta_row_store_read_list (database,
                                    "SELECT l.id, l.sales_item_id, l.catalog_item_id, i.name, l.description, l.quantity,"
                                    " l.unit_price, l.discount, l.is_note"
                                    " FROM sales_item_lines l LEFT JOIN catalog_items i ON i.id = l.catalog_item_id"
                                    " WHERE l.sales_item_id = ?1 ORDER BY l.position, l.id",
                                    id, PACTA_TYPE_SALES_ITEM_LINE, line_from_row, NULL,
                                    N_("reading sales item lines"), error);
}

static gint64
total_of (GListModel *lines)
{
  gint64 total = 0;

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(PactaSalesItemLine) line = g_list_model_get_item (lines, i);
      total += pacta_sales_item_line_get_value (line);
    }
  return total;
}

PactaSalesItem *
pacta_sales_item_load (PactaDatabase  *database,
                       gint64          id,
                       GError        **error)
{
  g_autoptr(PactaSalesItem) item = NULL;
  g_autoptr(GListModel) lines = NULL;
  sqlite3_stmt *stmt;

  stmt = pacta_row_store_read_one (database,
                                   "SELECT s.id, s.customer_id, c.name, s.invoice_date, s.origin, s.status, s.description"
                                   " FROM sales_items s JOIN customers c ON c.id = s.customer_id WHERE s.id = ?1",
                                   id, N_("There is no sales item with id %s"), N_("reading a sales item"), error);
  if (stmt == NULL)
    return NULL;

  item = g_object_new (PACTA_TYPE_SALES_ITEM,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "customer-id", sqlite3_column_int64 (stmt, 1),
                       "customer-name", pacta_sql_column_text (stmt, 2),
                       "invoice-date", pacta_sql_column_text (stmt, 3),
                       "origin", pacta_sql_column_text (stmt, 4),
                       "status", pacta_sql_column_text (stmt, 5),
                       "description", pacta_sql_column_text (stmt, 6),
                       NULL);
  sqlite3_reset (stmt);

  if (!(lines = pacta_sales_item_load_lines (database, id, error)))
    return NULL;
  pacta_sales_item_set_total (item, total_of (lines));
  pacta_sales_item_set_n_lines (item, (int)g_list_model_get_n_items (lines));
  return g_steal_pointer (&item);
}

static gpointer
load_item (PactaDatabase  *database,
           gint64          id,
           GError        **error)
{
  return pacta_sales_item_load (database, id, error);
}

static void
pacta_sales_item_store_class_init (PactaSalesItemStoreClass *klass)
{
  PactaRowStoreClass *row_class = PACTA_ROW_STORE_CLASS (klass);

  row_class->item_type = PACTA_TYPE_SALES_ITEM;
  row_class->revisions_sql = "SELECT id, revision FROM sales_items ORDER BY id";
  row_class->load_row = load_item;
}

static void
pacta_sales_item_store_init (PactaSalesItemStore *self)
{
}

PactaSalesItemStore *
pacta_sales_item_store_new (PactaDatabase  *database,
                            GError        **error)
{
  return pacta_row_store_new (PACTA_TYPE_SALES_ITEM_STORE, database, error);
}

GListModel *
pacta_sales_item_list_for_customer (PactaDatabase  *database,
                                    gint64          customer_id,
                                    GError        **error)
{
  g_autoptr(GListStore) items = g_list_store_new (PACTA_TYPE_SALES_ITEM);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = pacta_database_prepare (database,
                                 "SELECT id FROM sales_items WHERE customer_id = ?1 ORDER BY invoice_date DESC, id DESC",
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pacta_database_set_error (database, error, _("reading sales items"));
      return NULL;
    }

  /* Loaded after the scan: loading uses statements of its own */
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(PactaSalesItem) item = pacta_sales_item_load (database, g_array_index (ids, gint64, i), error);

      if (item == NULL)
        return NULL;
      g_list_store_append (items, item);
    }
  return G_LIST_MODEL (g_steal_pointer (&items));
}

/* ---- rules ------------------------------------------------------------- */

gboolean
pacta_sales_item_validate (PactaSalesItem  *item,
                           GListModel      *lines,
                           GError         **error)
{
  if (pacta_sales_item_get_customer_id (item) <= 0)
    return pacta_error_invalid (error, _("The sales item needs a customer"));
  if (!pacta_date_is_valid (pacta_sales_item_get_invoice_date (item)))
    return pacta_error_invalid (error, _("The invoice date is not a date (YYYY-MM-DD)"));
  if (lines == NULL || g_list_model_get_n_items (lines) == 0)
    return pacta_error_invalid (error, _("A sales item needs at least one line"));

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(PactaSalesItemLine) line = g_list_model_get_item (lines, i);
      g_autofree char *text = g_strstrip (g_strdup (pacta_sales_item_line_get_description (line) != NULL
                                                    ? pacta_sales_item_line_get_description (line) : ""));
      g_autofree char *message = NULL;
      guint number = i + 1;

      if (pacta_sales_item_line_get_is_note (line))
        {
          if (text[0] == '\0')
            /* Translators: %u is the line's number */
            message = g_strdup_printf (_("Line %u: a note needs its text"), number);
        }
      else if (text[0] == '\0' && pacta_sales_item_line_get_catalog_item_id (line) <= 0)
        message = g_strdup_printf (_("Line %u: say what is sold"), number);
      else if (pacta_sales_item_line_get_quantity (line) < 0 || pacta_sales_item_line_get_unit_price (line) < 0)
        message = g_strdup_printf (_("Line %u: amounts must not be negative"), number);
      else if (pacta_sales_item_line_get_discount (line) < 0 ||
               pacta_sales_item_line_get_discount (line) > PACTA_PERCENT_SCALE)
        message = g_strdup_printf (_("Line %u: the discount must be between 0 and 100 %%"), number);

      if (message == NULL && pacta_text_has_controls (text, PACTA_TEXT_MULTILINE))
        message = g_strdup_printf (_("Control characters other than line breaks and tabs are not allowed in line %u"),
                                   number);

      if (message != NULL)
        return pacta_error_invalid (error, message);
    }

  return pacta_text_check (pacta_sales_item_get_description (item), PACTA_TEXT_MULTILINE, 0, _("the description"),
                           error);
}

static gboolean
write_lines (PactaDatabase  *database,
             gint64          item_id,
             GListModel     *lines,
             GError        **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (database, "DELETE FROM sales_item_lines WHERE sales_item_id = ?1",
                                               error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  if (!pacta_database_step_done (database, stmt, error))
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(PactaSalesItemLine) line = g_list_model_get_item (lines, i);
      gint64 catalog_id = pacta_sales_item_line_get_catalog_item_id (line);
      const char *description = pacta_sales_item_line_get_description (line);

      stmt = pacta_database_prepare (database,
                                     "INSERT INTO sales_item_lines (sales_item_id, position, catalog_item_id, description,"
                                     " quantity, unit_price, discount, is_note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                     error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, item_id);
      sqlite3_bind_int (stmt, 2, (int)i);
      if (catalog_id > 0 && !pacta_sales_item_line_get_is_note (line))
        sqlite3_bind_int64 (stmt, 3, catalog_id);
      else
        sqlite3_bind_null (stmt, 3);
      pacta_sql_bind_text (stmt, 4, description != NULL ? description : "");
      sqlite3_bind_int64 (stmt, 5, pacta_sales_item_line_get_is_note (line) ? 0 : pacta_sales_item_line_get_quantity (line));
      sqlite3_bind_int64 (stmt, 6, pacta_sales_item_line_get_is_note (line) ? 0 : pacta_sales_item_line_get_unit_price (line));
      sqlite3_bind_int (stmt, 7, pacta_sales_item_line_get_discount (line));
      sqlite3_bind_int (stmt, 8, pacta_sales_item_line_get_is_note (line));
      if (!pacta_database_step_done (database, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Writes a new item in the caller's transaction, with the status given */
gint64
pacta_sales_item_insert_unlocked (PactaDatabase   *database,
                                  PactaSalesItem  *item,
                                  GListModel      *lines,
                                  const char      *status,
                                  GError         **error)
{
  g_autofree char *now_text = pacta_now_iso8601_utc ();
  sqlite3_stmt *stmt;
  gint64 id;

  stmt = pacta_database_prepare (database,
                                 "INSERT INTO sales_items (customer_id, invoice_date, origin, status, description, created_at)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                 error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, pacta_sales_item_get_customer_id (item));
  pacta_sql_bind_text (stmt, 2, pacta_sales_item_get_invoice_date (item));
  pacta_sql_bind_text (stmt, 3, pacta_sales_item_get_origin (item));
  pacta_sql_bind_text (stmt, 4, status);
  pacta_sql_bind_text (stmt, 5, pacta_sales_item_get_description (item));
  sqlite3_bind_text (stmt, 6, now_text, -1, SQLITE_TRANSIENT);
  if (!pacta_database_step_done (database, stmt, error))
    return 0;

  id = sqlite3_last_insert_rowid (pacta_database_get_handle (database));
  if (!write_lines (database, id, lines, error))
    return 0;

  pacta_sales_item_set_id (item, id);
  pacta_sales_item_set_status (item, status);
  return id;
}

static gint64
create (PactaDatabase   *database,
        PactaSalesItem  *item,
        GListModel      *lines,
        gboolean         automatic,
        GError         **error)
{
  g_autoptr(GError) gate_error = NULL;
  const char *status = "pending";
  gint64 id;

  g_return_val_if_fail (PACTA_IS_SALES_ITEM (item), 0);

  if (!pacta_sales_item_validate (item, lines, error))
    return 0;

  if (!pacta_database_begin (database, error))
    return 0;

  /* The gate: a person must add billing information first; what the
   * system creates by itself waits as a draft instead */
  if (!pacta_customer_require_billing_info (database, pacta_sales_item_get_customer_id (item), &gate_error))
    {
      if (!automatic || !g_error_matches (gate_error, PACTA_ERROR, PACTA_ERROR_BILLING_INFO_REQUIRED))
        {
          pacta_database_rollback (database);
          g_propagate_error (error, g_steal_pointer (&gate_error));
          return 0;
        }
      status = "draft";
    }

  if (!(id = pacta_sales_item_insert_unlocked (database, item, lines, status, error)) ||
      !pacta_database_commit (database, error))
    {
      pacta_database_rollback (database);
      pacta_sales_item_set_id (item, 0);
      return 0;
    }
  return id;
}

/**
 * pacta_sales_item_create:
 *
 * A manual sales item: refused with %PACTA_ERROR_BILLING_INFO_REQUIRED when
 * the customer has no billing information yet; pending otherwise.
 */
gint64
pacta_sales_item_create (PactaDatabase   *database,
                         PactaSalesItem  *item,
                         GListModel      *lines,
                         GError         **error)
{
  return create (database, item, lines, FALSE, error);
}

/**
 * pacta_sales_item_create_automatic:
 *
 * An item the system makes (usage above a contract, approved ticket time): a
 * draft while the customer has no billing information, pending otherwise.
 */
gint64
pacta_sales_item_create_automatic (PactaDatabase   *database,
                                   PactaSalesItem  *item,
                                   GListModel      *lines,
                                   GError         **error)
{
  return create (database, item, lines, TRUE, error);
}

/**
 * pacta_sales_item_update:
 *
 * Saves an edited item. A billed item fails with %PACTA_ERROR_READ_ONLY; a
 * move to a customer without billing information fails with
 * %PACTA_ERROR_BILLING_INFO_REQUIRED. Either way nothing changes.
 */
gboolean
pacta_sales_item_update (PactaDatabase   *database,
                         PactaSalesItem  *item,
                         GListModel      *lines,
                         GError         **error)
{
  g_autoptr(PactaSalesItem) stored = NULL;
  gint64 id = pacta_sales_item_get_id (item);
  const char *status;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PACTA_IS_SALES_ITEM (item), FALSE);

  if (!pacta_sales_item_validate (item, lines, error))
    return FALSE;

  if (!pacta_database_begin (database, error))
    return FALSE;

  if (!(stored = pacta_sales_item_load (database, id, error)))
    goto failed;

  if (g_strcmp0 (pacta_sales_item_get_status (stored), "billed") == 0)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_READ_ONLY,
                   _("This sales item is on an invoice and can no longer be changed"));
      goto failed;
    }

  status = pacta_sales_item_get_status (stored);
  if (pacta_sales_item_get_customer_id (stored) != pacta_sales_item_get_customer_id (item))
    {
      if (!pacta_customer_require_billing_info (database, pacta_sales_item_get_customer_id (item), error))
        goto failed;
      /* The new customer can be billed, so nothing waits any more */
      status = "pending";
    }

  stmt = pacta_database_prepare (database,
                                 "UPDATE sales_items SET customer_id = ?2, invoice_date = ?3, description = ?4,"
                                 " status = ?5 WHERE id = ?1",
                                 error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, pacta_sales_item_get_customer_id (item));
  pacta_sql_bind_text (stmt, 3, pacta_sales_item_get_invoice_date (item));
  pacta_sql_bind_text (stmt, 4, pacta_sales_item_get_description (item));
  pacta_sql_bind_text (stmt, 5, status);
  if (!pacta_database_step_done (database, stmt, error) ||
      !write_lines (database, id, lines, error) ||
      !pacta_database_commit (database, error))
    goto failed;

  pacta_sales_item_set_status (item, status);
  return TRUE;

failed:
  pacta_database_rollback (database);
  return FALSE;
}
