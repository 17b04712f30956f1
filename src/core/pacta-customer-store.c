/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-customer-store.c: the customers table as a GListModel (see PactaRowStore) */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pacta-customer-store.h"
#include "pacta-error.h"

struct _PactaCustomerStore
{
  PactaRowStore parent_instance;
};

G_DEFINE_FINAL_TYPE (PactaCustomerStore, pacta_customer_store, PACTA_TYPE_ROW_STORE)

#define SELECT_CUSTOMER \
  "SELECT c.id, c.tenant_id, c.name, c.kind, c.enabled, c.email, c.language, c.created_at," \
  " c.self_managed," \
  " (SELECT count(*) FROM customer_services s WHERE s.customer_id = c.id)," \
  " EXISTS (SELECT 1 FROM billing_info b WHERE b.customer_id = c.id)," \
  " c.external_id" \
  " FROM customers c WHERE c.id = ?1"

PactaCustomer *
pacta_customer_store_load (PactaDatabase  *database,
                           gint64          id,
                           GError        **error)
{
  sqlite3_stmt *stmt = pacta_row_store_read_one (database, SELECT_CUSTOMER, id, N_("There is no customer with id %s"),
                                                 N_("reading a customer"), error);
  PactaCustomer *customer;

  if (stmt == NULL)
    return NULL;

  customer = g_object_new (PACTA_TYPE_CUSTOMER,
                           "id", sqlite3_column_int64 (stmt, 0),
                           "tenant-id", pacta_sql_column_text (stmt, 1),
                           "name", pacta_sql_column_text (stmt, 2),
                           "kind", pacta_sql_column_text (stmt, 3),
                           "enabled", sqlite3_column_int (stmt, 4) != 0,
                           "email", pacta_sql_column_text (stmt, 5),
                           "language", pacta_sql_column_text (stmt, 6),
                           "created-at", pacta_sql_column_text (stmt, 7),
                           "self-managed", sqlite3_column_int (stmt, 8) != 0,
                           "n-services", (guint)sqlite3_column_int (stmt, 9),
                           "has-billing-info", sqlite3_column_int (stmt, 10) != 0,
                           "external-id", pacta_sql_column_text (stmt, 11),
                           NULL);
  sqlite3_reset (stmt);
  return customer;
}

/* The row went away under us (another process); the next sync removes it */
static gpointer
customer_placeholder (gint64 id)
{
  return g_object_new (PACTA_TYPE_CUSTOMER, "id", id, "name", "", NULL);
}

static gpointer
load_customer (PactaDatabase  *database,
               gint64          id,
               GError        **error)
{
  return pacta_customer_store_load (database, id, error);
}

static void
pacta_customer_store_class_init (PactaCustomerStoreClass *klass)
{
  PactaRowStoreClass *row_class = PACTA_ROW_STORE_CLASS (klass);

  row_class->item_type = PACTA_TYPE_CUSTOMER;
  row_class->revisions_sql = "SELECT id, revision FROM customers ORDER BY id";
  row_class->load_row = load_customer;
  row_class->placeholder = customer_placeholder;
}

static void
pacta_customer_store_init (PactaCustomerStore *self)
{
}

PactaCustomerStore *
pacta_customer_store_new (PactaDatabase  *database,
                          GError        **error)
{
  return pacta_row_store_new (PACTA_TYPE_CUSTOMER_STORE, database, error);
}

gboolean
pacta_customer_store_sync (PactaCustomerStore  *self,
                           GError             **error)
{
  return pacta_row_store_sync (PACTA_ROW_STORE (self), error);
}

gboolean
pacta_customer_store_find (PactaCustomerStore *self,
                           gint64              id,
                           guint              *position)
{
  return pacta_row_store_find (PACTA_ROW_STORE (self), id, position);
}
