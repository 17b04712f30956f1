/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-ticket-store.c: the tickets table as a GListModel (see PactaRowStore), and reading one ticket */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pacta-ticket-store.h"

struct _PactaTicketStore
{
  PactaRowStore parent_instance;
};

G_DEFINE_FINAL_TYPE (PactaTicketStore, pacta_ticket_store, PACTA_TYPE_ROW_STORE)

PactaTicket *
pacta_ticket_load (PactaDatabase  *database,
                   gint64          id,
                   GError        **error)
{
  sqlite3_stmt *stmt;
  PactaTicket *ticket;

  stmt = pacta_row_store_read_one (database,
                                   "SELECT t.id, t.number, t.title, t.customer_id, c.name, t.contact_name, t.assignee,"
                                   " t.priority, t.category, t.status, t.billable, t.created_at, t.updated_at"
                                   " FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = ?1",
                                   id, N_("There is no ticket with id %s"), N_("reading a ticket"), error);
  if (stmt == NULL)
    return NULL;

  ticket = g_object_new (PACTA_TYPE_TICKET,
                         "id", sqlite3_column_int64 (stmt, 0),
                         "number", pacta_sql_column_text (stmt, 1),
                         "title", pacta_sql_column_text (stmt, 2),
                         "customer-id", sqlite3_column_int64 (stmt, 3),
                         "customer-name", pacta_sql_column_text (stmt, 4),
                         "contact-name", pacta_sql_column_text (stmt, 5),
                         "assignee", pacta_sql_column_text (stmt, 6),
                         "priority", pacta_sql_column_text (stmt, 7),
                         "category", pacta_sql_column_text (stmt, 8),
                         "status", pacta_sql_column_text (stmt, 9),
                         "billable", sqlite3_column_int (stmt, 10) != 0,
                         "created-at", pacta_sql_column_text (stmt, 11),
                         "updated-at", pacta_sql_column_text (stmt, 12),
                         NULL);
  sqlite3_reset (stmt);
  return ticket;
}

static gpointer
load_ticket (PactaDatabase  *database,
             gint64          id,
             GError        **error)
{
  return pacta_ticket_load (database, id, error);
}

static void
pacta_ticket_store_class_init (PactaTicketStoreClass *klass)
{
  PactaRowStoreClass *row_class = PACTA_ROW_STORE_CLASS (klass);

  row_class->item_type = PACTA_TYPE_TICKET;
  row_class->revisions_sql = "SELECT id, revision FROM tickets ORDER BY id";
  row_class->load_row = load_ticket;
}

static void
pacta_ticket_store_init (PactaTicketStore *self)
{
}

PactaTicketStore *
pacta_ticket_store_new (PactaDatabase  *database,
                        GError        **error)
{
  return pacta_row_store_new (PACTA_TYPE_TICKET_STORE, database, error);
}

