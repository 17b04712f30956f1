/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-helpdesk.c: tickets (numbered T-000123 from their own sequence), their
 * conversation and status, time entries and their approval. Tickets work for
 * every customer; only approving time — turning it into money — needs billing
 * information. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pacta-billing-info.h"
#include "pacta-billing-info-table.h"
#include "pacta-clock.h"
#include "pacta-contract.h"
#include "pacta-date.h"
#include "pacta-error.h"
#include "pacta-helpdesk.h"
#include "pacta-money.h"
#include "pacta-sales-item-store.h"
#include "pacta-text.h"

static char *
now_text (void)
{
  g_autoptr(GDateTime) now = pacta_now ();

  return g_date_time_format (now, "%Y-%m-%d %H:%M");
}

static gboolean
insert_update (PactaDatabase  *database,
               gint64          ticket_id,
               const char     *kind,
               const char     *author,
               const char     *body,
               GError        **error)
{
  g_autofree char *now = now_text ();
  sqlite3_stmt *stmt;

  stmt = pacta_database_prepare (database,
                                 "INSERT INTO ticket_updates (ticket_id, kind, author, body, created_at)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5)",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  pacta_sql_bind_text (stmt, 2, kind);
  pacta_sql_bind_text (stmt, 3, author);
  pacta_sql_bind_text (stmt, 4, body);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  return pacta_database_step_done (database, stmt, error);
}

/**
 * pacta_ticket_create:
 * @first_message: (nullable): the customer's request, kept as the first message
 *
 * Opens a ticket for any customer, with or without billing information. The
 * number comes from the ticket sequence in the same transaction.
 */
gint64
pacta_ticket_create (PactaDatabase  *database,
                     PactaTicket    *ticket,
                     const char     *first_message,
                     GError        **error)
{
  g_autofree char *now = now_text ();
  g_autofree char *number = NULL;
  g_autofree char *title = NULL;
  sqlite3_stmt *stmt;
  gint64 next = 0, id;

  g_return_val_if_fail (PACTA_IS_TICKET (ticket), 0);

  title = g_strstrip (g_strdup (pacta_ticket_get_title (ticket) != NULL ? pacta_ticket_get_title (ticket) : ""));
  if (title[0] == '\0')
    return pacta_error_invalid (error, _("The ticket needs a title")), 0;
  if (g_utf8_strlen (title, -1) > 255)
    return pacta_error_invalid (error, _("The ticket title is longer than 255 characters")), 0;
  if (!pacta_text_check (title, PACTA_TEXT_LINE, 0, _("the ticket title"), error) ||
      !pacta_text_check (pacta_ticket_get_contact_name (ticket), PACTA_TEXT_LINE, 255, _("the contact"), error) ||
      !pacta_text_check (pacta_ticket_get_category (ticket), PACTA_TEXT_LINE, 255, _("the category"), error) ||
      !pacta_text_check (first_message, PACTA_TEXT_MULTILINE, 0, _("the message"), error))
    return 0;
  if (pacta_ticket_get_customer_id (ticket) <= 0)
    return pacta_error_invalid (error, _("The ticket needs a customer")), 0;

  if (!pacta_database_begin (database, error))
    return 0;

  stmt = pacta_database_prepare (database, "SELECT next FROM ticket_sequence WHERE id = 1", error);
  if (stmt == NULL)
    goto failed;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    next = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (!pacta_database_exec (database, "UPDATE ticket_sequence SET next = next + 1 WHERE id = 1", error))
    goto failed;

  number = g_strdup_printf ("T-%06" G_GINT64_FORMAT, next);
  stmt = pacta_database_prepare (database,
                                 "INSERT INTO tickets (number, title, customer_id, contact_name, assignee, priority,"
                                 " category, status, billable, created_at, updated_at)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'new', ?8, ?9, ?9)",
                                 error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, pacta_ticket_get_customer_id (ticket));
  pacta_sql_bind_text (stmt, 4, pacta_ticket_get_contact_name (ticket));
  pacta_sql_bind_text (stmt, 5, pacta_ticket_get_assignee (ticket));
  pacta_sql_bind_text (stmt, 6, pacta_ticket_get_priority (ticket));
  pacta_sql_bind_text (stmt, 7, pacta_ticket_get_category (ticket));
  sqlite3_bind_int (stmt, 8, pacta_ticket_get_billable (ticket));
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_TRANSIENT);
  if (!pacta_database_step_done (database, stmt, error))
    goto failed;
  id = sqlite3_last_insert_rowid (pacta_database_get_handle (database));

  if (!pacta_text_is_blank (first_message) &&
      !insert_update (database, id, "message", pacta_ticket_get_contact_name (ticket), first_message, error))
    goto failed;

  if (!pacta_database_commit (database, error))
    goto failed;

  pacta_ticket_set_id (ticket, id);
  pacta_ticket_set_number (ticket, number);
  pacta_ticket_set_status (ticket, "new");
  return id;

failed:
  pacta_database_rollback (database);
  return 0;
}

/* Moves along the lifecycle; a move it does not allow fails and changes nothing */
gboolean
pacta_ticket_change_status (PactaDatabase  *database,
                            gint64          ticket_id,
                            const char     *status,
                            GError        **error)
{
  g_autoptr(PactaTicket) ticket = pacta_ticket_load (database, ticket_id, error);
  g_autofree char *now = now_text ();
  sqlite3_stmt *stmt;

  if (ticket == NULL)
    return FALSE;

  if (!pacta_ticket_can_move (pacta_ticket_get_status (ticket), status))
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                   /* Translators: a ticket number, then two statuses */
                   _("Ticket %s cannot go from “%s” to “%s”"), pacta_ticket_get_number (ticket),
                   pacta_ticket_status_label (pacta_ticket_get_status (ticket)), pacta_ticket_status_label (status));
      return FALSE;
    }

  stmt = pacta_database_prepare (database, "UPDATE tickets SET status = ?2, updated_at = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  pacta_sql_bind_text (stmt, 2, status);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  return pacta_database_step_done (database, stmt, error);
}

gboolean
pacta_ticket_add_update (PactaDatabase  *database,
                         gint64          ticket_id,
                         const char     *kind,
                         const char     *author,
                         const char     *body,
                         GError        **error)
{
  if (pacta_text_is_blank (body))
    return pacta_error_invalid (error, _("Write something first"));
  if (g_strcmp0 (kind, "message") != 0 && g_strcmp0 (kind, "note") != 0)
    return pacta_error_invalid (error, _("An update is a message or an internal note"));
  if (!pacta_text_check (body, PACTA_TEXT_MULTILINE, 0,
                         g_str_equal (kind, "note") ? _("the note") : _("the message"), error))
    return FALSE;
  return insert_update (database, ticket_id, kind, author, body, error);
}

static gpointer
update_from_row (sqlite3_stmt *stmt,
                 gpointer      user_data)
{
  return g_object_new (PACTA_TYPE_TICKET_UPDATE,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "ticket-id", sqlite3_column_int64 (stmt, 1),
                       "kind", pacta_sql_column_text (stmt, 2),
                       "author", pacta_sql_column_text (stmt, 3),
                       "body", pacta_sql_column_text (stmt, 4),
                       "created-at", pacta_sql_column_text (stmt, 5),
                       NULL);
}

GListModel *
pacta_ticket_list_updates (PactaDatabase  *database,
                           gint64          ticket_id,
                           GError        **error)
{
  return pacta_row_store_read_list (database,
                                    "SELECT id, ticket_id, kind, author, body, created_at FROM ticket_updates"
                                    " WHERE ticket_id = ?1 ORDER BY id",
                                    ticket_id, PACTA_TYPE_TICKET_UPDATE, update_from_row, NULL,
                                    N_("reading the conversation"), error);
}

/* ---- time ------------------------------------------------------------- */

gint64
pacta_time_entry_add (PactaDatabase   *database,
                      PactaTimeEntry  *entry,
                      GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (PACTA_IS_TIME_ENTRY (entry), 0);

  if (pacta_time_entry_get_minutes (entry) < 1 || pacta_time_entry_get_minutes (entry) > 14400)
    return pacta_error_invalid (error, _("Time is between 1 minute and 240 hours")), 0;
  if (!pacta_date_is_valid (pacta_time_entry_get_date (entry)))
    return pacta_error_invalid (error, _("The date is not a date (YYYY-MM-DD)")), 0;
  /* A line on the invoice, not a report: a sentence or two */
  if (!pacta_text_check (pacta_time_entry_get_description (entry), PACTA_TEXT_LINE, 500,
                         _("the description of the work"), error))
    return 0;

  stmt = pacta_database_prepare (database,
                                 "INSERT INTO time_entries (ticket_id, date, minutes, description, billable, catalog_item_id)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                 error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, pacta_time_entry_get_ticket_id (entry));
  pacta_sql_bind_text (stmt, 2, pacta_time_entry_get_date (entry));
  sqlite3_bind_int (stmt, 3, pacta_time_entry_get_minutes (entry));
  pacta_sql_bind_text (stmt, 4, pacta_time_entry_get_description (entry));
  sqlite3_bind_int (stmt, 5, pacta_time_entry_get_billable (entry));
  if (pacta_time_entry_get_catalog_item_id (entry) > 0)
    sqlite3_bind_int64 (stmt, 6, pacta_time_entry_get_catalog_item_id (entry));
  else
    sqlite3_bind_null (stmt, 6);
  if (!pacta_database_step_done (database, stmt, error))
    return 0;

  id = sqlite3_last_insert_rowid (pacta_database_get_handle (database));
  pacta_time_entry_set_id (entry, id);
  return id;
}

/* The columns entry_from_row() reads */
#define SELECT_ENTRY \
  "SELECT e.id, e.ticket_id, t.number, c.name, e.date, e.minutes, e.description, e.billable," \
  " e.catalog_item_id, e.state, e.approved_minutes, e.sales_item_id" \
  " FROM time_entries e JOIN tickets t ON t.id = e.ticket_id" \
  " JOIN customers c ON c.id = t.customer_id"

static gpointer
entry_from_row (sqlite3_stmt *stmt,
                gpointer      user_data)
{
  return g_object_new (PACTA_TYPE_TIME_ENTRY,
                       "id", sqlite3_column_int64 (stmt, 0),
                       "ticket-id", sqlite3_column_int64 (stmt, 1),
                       "ticket-number", pacta_sql_column_text (stmt, 2),
                       "customer-name", pacta_sql_column_text (stmt, 3),
                       "date", pacta_sql_column_text (stmt, 4),
                       "minutes", sqlite3_column_int (stmt, 5),
                       "description", pacta_sql_column_text (stmt, 6),
                       "billable", sqlite3_column_int (stmt, 7) != 0,
                       "catalog-item-id", sqlite3_column_int64 (stmt, 8),
                       "state", pacta_sql_column_text (stmt, 9),
                       "approved-minutes", sqlite3_column_int (stmt, 10),
                       "sales-item-id", sqlite3_column_int64 (stmt, 11),
                       NULL);
}

/**
 * pacta_time_entry_list:
 * @ticket_id: a ticket, or 0 for the time still waiting for approval on every ticket
 */
GListModel *
pacta_time_entry_list (PactaDatabase  *database,
                       gint64          ticket_id,
                       GError        **error)
{
  return pacta_row_store_read_list (database,
                                    SELECT_ENTRY
                                    " WHERE (?1 > 0 AND e.ticket_id = ?1) OR (?1 = 0 AND e.state = 'pending')"
                                    " ORDER BY e.date, e.id",
                                    ticket_id, PACTA_TYPE_TIME_ENTRY, entry_from_row, NULL,
                                    N_("reading time entries"), error);
}

/* The hourly rate: the entry's own item, else the ticket-time item */
static gboolean
rate_for (PactaDatabase  *database,
          gint64          catalog_item_id,
          gint64         *item_id,
          char          **item_name,
          gint64         *price,
          GError        **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE, priced = FALSE;

  stmt = pacta_database_prepare (database,
                                 "SELECT id, name, price FROM catalog_items"
                                 " WHERE (?1 > 0 AND id = ?1) OR (?1 = 0 AND is_ticket_time_item = 1)"
                                 " ORDER BY id LIMIT 1",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, catalog_item_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      *item_id = sqlite3_column_int64 (stmt, 0);
      *item_name = g_strdup (pacta_sql_column_text (stmt, 1));
      priced = sqlite3_column_type (stmt, 2) != SQLITE_NULL;
      *price = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);

  if (!found)
    return pacta_error_invalid (error, _("There is no ticket-time item in the catalog to give the hourly rate"));
  if (!priced)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                   _("“%s” has no price yet: set the hourly rate in Preferences → Catalog"), *item_name);
      g_clear_pointer (item_name, g_free);
      return FALSE;
    }
  return TRUE;
}

static gboolean
approve_one (PactaDatabase  *database,
             gint64          entry_id,
             GError        **error)
{
  g_autoptr(PactaTicket) ticket = NULL;
  g_autoptr(PactaBillingInfo) info = NULL;
  g_autoptr(PactaTimeEntry) entry = NULL;
  g_autofree char *item_name = NULL;
  sqlite3_stmt *stmt;
  gint64 sales_item_id = 0;
  int rounded;

  stmt = pacta_database_prepare (database, SELECT_ENTRY " WHERE e.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    entry = entry_from_row (stmt, NULL);
  sqlite3_reset (stmt);
  if (entry == NULL)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND, _("The time entry no longer exists"));
      return FALSE;
    }

  if (g_strcmp0 (pacta_time_entry_get_state (entry), "pending") != 0)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_READ_ONLY,
                   _("This time on %s is already %s"), pacta_time_entry_get_ticket_number (entry),
                   pacta_time_entry_state_label (pacta_time_entry_get_state (entry)));
      return FALSE;
    }

  if (!(ticket = pacta_ticket_load (database, pacta_time_entry_get_ticket_id (entry), error)))
    return FALSE;

  /* The gate: time becomes money only for a customer that can be billed */
  if (!pacta_customer_require_billing_info (database, pacta_ticket_get_customer_id (ticket), error) ||
      !(info = pacta_billing_info_load (database, pacta_ticket_get_customer_id (ticket), error)))
    return FALSE;

  rounded = pacta_round_up_minutes (pacta_time_entry_get_minutes (entry),
                                    pacta_billing_info_get_rounding_minutes (info));

  if (pacta_time_entry_get_billable (entry) && pacta_ticket_get_billable (ticket))
    {
      g_autoptr(PactaSalesItem) item = NULL;
      g_autoptr(GListStore) lines = g_list_store_new (PACTA_TYPE_SALES_ITEM_LINE);
      g_autoptr(PactaSalesItemLine) line = NULL;
      g_autofree char *description = NULL;
      g_autofree char *reference = NULL;
      gint64 item_id = 0, rate = 0;

      if (!rate_for (database, pacta_time_entry_get_catalog_item_id (entry), &item_id, &item_name, &rate, error))
        return FALSE;

      reference = g_strdup_printf ("%s %s", pacta_ticket_get_number (ticket), pacta_ticket_get_title (ticket));
      description = pacta_time_entry_get_description (entry) != NULL
        ? g_strdup_printf ("%s — %s", reference, pacta_time_entry_get_description (entry))
        : g_strdup (reference);
      /* Hours to 1/10000: the rounded minutes over 60 */
      line = g_object_new (PACTA_TYPE_SALES_ITEM_LINE,
                           "catalog-item-id", item_id,
                           "description", description,
                           "quantity", pacta_round_div ((gint64)rounded * PACTA_DECIMAL_SCALE, 60),
                           "unit-price", rate,
                           NULL);
      g_list_store_append (lines, line);
      item = g_object_new (PACTA_TYPE_SALES_ITEM,
                           "customer-id", pacta_ticket_get_customer_id (ticket),
                           "invoice-date", pacta_time_entry_get_date (entry),
                           "origin", "ticket",
                           "description", reference,
                           NULL);
      if (!pacta_sales_item_insert_unlocked (database, item, G_LIST_MODEL (lines), "pending", error))
        return FALSE;
      sales_item_id = pacta_sales_item_get_id (item);
    }

  stmt = pacta_database_prepare (database,
                                 "UPDATE time_entries SET state = 'approved', approved_minutes = ?2, sales_item_id = ?3"
                                 " WHERE id = ?1 AND state = 'pending'",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry_id);
  sqlite3_bind_int (stmt, 2, rounded);
  if (sales_item_id > 0)
    sqlite3_bind_int64 (stmt, 3, sales_item_id);
  else
    sqlite3_bind_null (stmt, 3);
  return pacta_database_step_done (database, stmt, error);
}

/**
 * pacta_time_entries_approve:
 *
 * Approves the entries in one transaction: each is rounded up to its
 * customer's step and, when billable, becomes a pending sales item (origin
 * ticket) at the hourly rate. Fails — approving none — with
 * %PACTA_ERROR_BILLING_INFO_REQUIRED for a customer without billing
 * information, or %PACTA_ERROR_READ_ONLY for time already settled.
 */
gboolean
pacta_time_entries_approve (PactaDatabase  *database,
                            GArray         *entry_ids,
                            GError        **error)
{
  g_return_val_if_fail (entry_ids != NULL, FALSE);

  if (!pacta_database_begin (database, error))
    return FALSE;

  for (guint i = 0; i < entry_ids->len; i++)
    if (!approve_one (database, g_array_index (entry_ids, gint64, i), error))
      {
        pacta_database_rollback (database);
        return FALSE;
      }

  if (!pacta_database_commit (database, error))
    {
      pacta_database_rollback (database);
      return FALSE;
    }
  return TRUE;
}

gboolean
pacta_time_entry_reject (PactaDatabase  *database,
                         gint64          entry_id,
                         GError        **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (database,
                                               "UPDATE time_entries SET state = 'rejected' WHERE id = ?1 AND state = 'pending'",
                                               error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry_id);
  if (!pacta_database_step_done (database, stmt, error))
    return FALSE;
  if (sqlite3_changes (pacta_database_get_handle (database)) == 0)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_READ_ONLY, _("Only time waiting for approval can be rejected"));
      return FALSE;
    }
  return TRUE;
}

/* ---- staff ------------------------------------------------------------- */

char **
pacta_staff_list (PactaDatabase  *database,
                  GError        **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt = pacta_database_prepare (database, "SELECT name FROM staff ORDER BY name", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, pacta_sql_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pacta_database_set_error (database, error, _("reading staff"));
      return NULL;
    }
  return g_strv_builder_end (builder);
}

gboolean
pacta_staff_add (PactaDatabase  *database,
                 const char     *name,
                 GError        **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (name != NULL ? name : ""));
  sqlite3_stmt *stmt;

  if (clean[0] == '\0')
    return pacta_error_invalid (error, _("A staff member needs a name"));
  /* The table would refuse it, and INSERT OR IGNORE would drop it without a word */
  if (g_utf8_strlen (clean, -1) > 255)
    return pacta_error_invalid (error, _("The staff member’s name is longer than 255 characters"));
  if (!pacta_text_check (clean, PACTA_TEXT_LINE, 0, _("the staff member’s name"), error))
    return FALSE;

  stmt = pacta_database_prepare (database, "INSERT OR IGNORE INTO staff (name) VALUES (?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_TRANSIENT);
  return pacta_database_step_done (database, stmt, error);
}
