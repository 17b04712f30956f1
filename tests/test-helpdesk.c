/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-helpdesk.c: tickets — numbering, lifecycle, conversation — and time: rounding, the approval gate, the sales item it makes */
#include "pacta-billing-info-table.h"
#include "pacta-catalog.h"
#include "pacta-context.h"
#include "pacta-error.h"
#include "pacta-money.h"
#include "pacta-test-util.h"

typedef PactaTestContext Fixture;

static gint64
open_ticket (Fixture    *f,
             gint64      customer,
             const char *title)
{
  g_autoptr(PactaTicket) ticket = pacta_ticket_new (customer);
  g_autoptr(GError) error = NULL;
  gint64 id;

  pacta_ticket_set_title (ticket, title);
  id = pacta_ticket_create (f->db, ticket, "The printer does not print.", &error);
  g_assert_no_error (error);
  return id;
}

static gint64
log_time (Fixture *f,
          gint64   ticket,
          int      minutes,
          gboolean billable)
{
  g_autoptr(PactaTimeEntry) entry = g_object_new (PACTA_TYPE_TIME_ENTRY, "ticket-id", ticket, "date", "2026-11-20",
                                                  "minutes", minutes, "description", "Remote session",
                                                  "billable", billable, NULL);
  g_autoptr(GError) error = NULL;
  gint64 id = pacta_time_entry_add (f->db, entry, &error);

  g_assert_no_error (error);
  return id;
}

static void
give_billing_info (Fixture *f,
                   gint64   customer,
                   int      rounding)
{
  g_autoptr(PactaBillingInfo) info = g_object_new (PACTA_TYPE_BILLING_INFO, "customer-id", customer,
                                                   "business-name", "Cliente S.L.", "country", "ES",
                                                   "rounding-minutes", rounding, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (pacta_context_save_billing_info (f->context, info, &error));
  g_assert_no_error (error);
}

static void
set_hourly_rate (Fixture    *f,
                 const char *price)
{
  g_autofree char *csv = g_strdup_printf ("sku,name,unit,price\nTIME,Technician time,hour,%s\n", price);
  g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));
  PactaCatalogImportReport report;

  g_assert_true (pacta_import_catalog_bytes (f->db, bytes, "rate.csv", &report, NULL));
}

static gboolean
approve (Fixture  *f,
         gint64    entry,
         GError  **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_val (ids, entry);
  return pacta_context_approve_time (f->context, ids, error);
}

static void
test_rounding (Fixture       *f,
               gconstpointer  data)
{
  g_assert_cmpint (pacta_round_up_minutes (7, 10), ==, 10);
  g_assert_cmpint (pacta_round_up_minutes (21, 10), ==, 30);
  g_assert_cmpint (pacta_round_up_minutes (30, 10), ==, 30);
  g_assert_cmpint (pacta_round_up_minutes (1, 15), ==, 15);
  g_assert_cmpint (pacta_round_up_minutes (16, 15), ==, 30);
  g_assert_cmpint (pacta_round_up_minutes (59, 60), ==, 60);
  g_assert_cmpint (pacta_round_up_minutes (7, 1), ==, 7);
}

static void
test_numbering (Fixture       *f,
                gconstpointer  data)
{
  gint64 first = open_ticket (f, 1, "Printer");
  gint64 second = open_ticket (f, 2, "E-mail");
  g_autoptr(PactaTicket) a = pacta_ticket_load (f->db, first, NULL);
  g_autoptr(PactaTicket) b = pacta_ticket_load (f->db, second, NULL);
  g_autoptr(PactaTicket) bad = pacta_ticket_new (1);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (pacta_ticket_get_number (a), ==, "T-000001");
  g_assert_cmpstr (pacta_ticket_get_number (b), ==, "T-000002");
  g_assert_cmpstr (pacta_ticket_get_status (a), ==, "new");

  /* A refused ticket does not use up a number */
  pacta_ticket_set_title (bad, "   ");
  g_assert_cmpint (pacta_ticket_create (f->db, bad, NULL, &error), ==, 0);
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT next FROM ticket_sequence", NULL), ==, 3);
}

static void
test_lifecycle (Fixture       *f,
                gconstpointer  data)
{
  /* Any customer, without billing information */
  gint64 id = open_ticket (f, 5, "VPN down");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) updates = NULL;
  static const char *path[] = { "in_progress", "waiting", "in_progress", "resolved", "closed", "in_progress",
                                "resolved", "closed" };

  for (guint i = 0; i < G_N_ELEMENTS (path); i++)
    {
      g_assert_true (pacta_ticket_change_status (f->db, id, path[i], &error));
      g_assert_no_error (error);
    }

  /* Not allowed: closed → waiting, closed → new */
  g_assert_false (pacta_ticket_change_status (f->db, id, "waiting", &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_false (pacta_ticket_change_status (f->db, id, "new", &error));
  g_clear_error (&error);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM tickets WHERE status = 'closed'", NULL), ==, 1);

  g_assert_true (pacta_ticket_add_update (f->db, id, "message", "Ana", "We restarted the router.", &error));
  g_assert_true (pacta_ticket_add_update (f->db, id, "note", "Ana", "Firmware is old.", &error));
  g_assert_false (pacta_ticket_add_update (f->db, id, "note", "Ana", "  ", &error));
  g_clear_error (&error);
  updates = pacta_ticket_list_updates (f->db, id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (updates), ==, 3);
  {
    g_autoptr(PactaTicketUpdate) note = g_list_model_get_item (updates, 2);
    g_assert_cmpstr (pacta_ticket_update_get_kind (note), ==, "note");
  }
}

static void
test_approval_gate (Fixture       *f,
                    gconstpointer  data)
{
  gint64 ticket = open_ticket (f, 3, "Backup failed");
  gint64 entry = log_time (f, ticket, 21, TRUE);
  g_autoptr(GError) error = NULL;

  set_hourly_rate (f, "60");

  /* Without billing information: refused, nothing changes */
  g_assert_false (approve (f, entry, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_BILLING_INFO_REQUIRED);
  g_clear_error (&error);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM time_entries WHERE state = 'pending'", NULL), ==, 1);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM sales_items", NULL), ==, 0);

  give_billing_info (f, 3, 10);
  g_assert_true (approve (f, entry, &error));
  g_assert_no_error (error);

  /* 21 minutes → 30 with a step of 10; half an hour at 60 = 30.00, pending, origin ticket */
  g_assert_cmpint (pacta_database_count (f->db, "SELECT approved_minutes FROM time_entries", NULL), ==, 30);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM sales_items WHERE status = 'pending'"
                                                 " AND origin = 'ticket' AND customer_id = 3", NULL), ==, 1);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT quantity FROM sales_item_lines", NULL), ==, 5000);
  {
    g_autoptr(PactaSalesItem) item = g_list_model_get_item (G_LIST_MODEL (pacta_context_get_sales_items (f->context)), 0);
    g_assert_cmpint (pacta_sales_item_get_total (item), ==, 300000);
  }

  /* Twice: refused, still exactly one sales item */
  g_assert_false (approve (f, entry, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM sales_items", NULL), ==, 1);

  /* Settled time cannot be edited, even directly */
  g_assert_false (pacta_database_exec (f->db, "UPDATE time_entries SET minutes = 1", NULL));
}

static void
test_approval_custom_step_and_rate (Fixture       *f,
                                    gconstpointer  data)
{
  gint64 ticket = open_ticket (f, 4, "New laptop");
  gint64 billable = log_time (f, ticket, 16, TRUE);
  gint64 free_time = log_time (f, ticket, 40, FALSE);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  give_billing_info (f, 4, 15);
  set_hourly_rate (f, "45.5");
  g_array_append_val (ids, billable);
  g_array_append_val (ids, free_time);
  g_assert_true (pacta_context_approve_time (f->context, ids, &error));
  g_assert_no_error (error);

  /* 16 → 30 with a step of 15: 0.5 h × 45.50 = 22.75; unbillable time makes no item */
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM sales_items", NULL), ==, 1);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM time_entries WHERE state = 'approved'", NULL), ==, 2);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT approved_minutes FROM time_entries WHERE id = 2", NULL), ==, 45);
  {
    g_autoptr(PactaSalesItem) item = g_list_model_get_item (G_LIST_MODEL (pacta_context_get_sales_items (f->context)), 0);
    g_assert_cmpint (pacta_sales_item_get_total (item), ==, 227500);
  }
}

static void
test_approval_needs_rate (Fixture       *f,
                          gconstpointer  data)
{
  gint64 ticket = open_ticket (f, 6, "Slow PC");
  gint64 entry = log_time (f, ticket, 10, TRUE);
  g_autoptr(GError) error = NULL;

  give_billing_info (f, 6, 10);
  g_assert_false (approve (f, entry, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "Technician time"));
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM time_entries WHERE state = 'pending'", NULL), ==, 1);
}

static void
test_reject (Fixture       *f,
             gconstpointer  data)
{
  gint64 ticket = open_ticket (f, 7, "Spam");
  gint64 entry = log_time (f, ticket, 10, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) pending = NULL;

  pending = pacta_time_entry_list (f->db, 0, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (pending), ==, 1);
  g_assert_true (pacta_time_entry_reject (f->db, entry, &error));
  g_assert_false (pacta_time_entry_reject (f->db, entry, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_READ_ONLY);
  g_clear_object (&pending);
  pending = pacta_time_entry_list (f->db, 0, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (pending), ==, 0);
}

static void
test_staff (Fixture       *f,
            gconstpointer  data)
{
  g_auto(GStrv) staff = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (pacta_staff_add (f->db, "Ana", &error));
  g_assert_true (pacta_staff_add (f->db, "Luis", &error));
  g_assert_true (pacta_staff_add (f->db, "Ana", &error));
  g_assert_false (pacta_staff_add (f->db, " ", &error));
  g_clear_error (&error);
  g_assert_false (pacta_staff_add (f->db, "Ana\tGarcía", &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "Control characters, such as a tab"));
  staff = pacta_staff_list (f->db, NULL);
  g_assert_cmpuint (g_strv_length (staff), ==, 2);
}

/* What a ticket's text may hold: refused with a message and nothing
 * written, or stored as given */
static void
test_text_rules (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PactaTicket) ticket = pacta_ticket_new (5);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  gint64 tickets = pacta_database_count (f->db, "SELECT count(*) FROM tickets", NULL);
  gint64 id = open_ticket (f, 5, "VPN down");
  gint64 updates;
  static const struct { const char *title, *contact, *message, *expected; } refused[] = {
    { "VPN\ndown", NULL, "x", "not allowed in the ticket title" },
    { "VPN down", "Ana\x7f", "x", "not allowed in the contact" },
    { "VPN down", NULL, "Log:\x1b[31m error", "not allowed in the message" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      pacta_ticket_set_title (ticket, refused[i].title);
      pacta_ticket_set_contact_name (ticket, refused[i].contact);
      g_assert_cmpint (pacta_ticket_create (f->db, ticket, refused[i].message, &error), ==, 0);
      g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
      if (strstr (error->message, refused[i].expected) == NULL)
        g_error ("“%s” does not contain “%s”", error->message, refused[i].expected);
      g_clear_error (&error);
    }
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM tickets", NULL), ==, tickets + 1);

  /* Replies keep line breaks and tabs */
  updates = pacta_database_count (f->db, "SELECT count(*) FROM ticket_updates", NULL);
  g_assert_true (pacta_ticket_add_update (f->db, id, "message", "Ana", "Steps:\n\t1. restart\r\n\t2. test", &error));
  g_assert_no_error (error);
  g_assert_false (pacta_ticket_add_update (f->db, id, "note", "Ana", "\x01", &error));
  g_assert_cmpstr (error->message, ==, "Control characters other than line breaks and tabs are not allowed in the note");
  g_clear_error (&error);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM ticket_updates", NULL), ==, updates + 1);

  /* What was done: one line of at most 500 characters, since it becomes an invoice line */
  for (guint i = 0; i < 501; i++)
    g_string_append (long_text, "ñ");
  {
    g_autoptr(PactaTimeEntry) entry = g_object_new (PACTA_TYPE_TIME_ENTRY, "ticket-id", id, "date", "2026-11-20",
                                                    "minutes", 15, "description", long_text->str, NULL);

    g_assert_cmpint (pacta_time_entry_add (f->db, entry, &error), ==, 0);
    g_assert_cmpstr (error->message, ==, "At most 500 characters are allowed in the description of the work");
    g_clear_error (&error);
    g_string_truncate (long_text, strlen ("ñ") * 500);
    pacta_time_entry_set_description (entry, long_text->str);
    g_assert_cmpint (pacta_time_entry_add (f->db, entry, &error), >, 0);
    g_assert_no_error (error);
    pacta_time_entry_set_description (entry, "Remote\nsession");
    g_assert_cmpint (pacta_time_entry_add (f->db, entry, &error), ==, 0);
    g_assert_nonnull (strstr (error->message, "not allowed in the description of the work"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/pacta/helpdesk/rounding", Fixture, NULL, pacta_test_platform_set_up, test_rounding, pacta_test_context_tear_down);
  g_test_add ("/pacta/helpdesk/numbering", Fixture, NULL, pacta_test_platform_set_up, test_numbering, pacta_test_context_tear_down);
  g_test_add ("/pacta/helpdesk/lifecycle", Fixture, NULL, pacta_test_platform_set_up, test_lifecycle, pacta_test_context_tear_down);
  g_test_add ("/pacta/helpdesk/approval-gate", Fixture, NULL, pacta_test_platform_set_up, test_approval_gate, pacta_test_context_tear_down);
  g_test_add ("/pacta/helpdesk/approval-custom-step-and-rate", Fixture, NULL, pacta_test_platform_set_up, test_approval_custom_step_and_rate, pacta_test_context_tear_down);
  g_test_add ("/pacta/helpdesk/approval-needs-rate", Fixture, NULL, pacta_test_platform_set_up, test_approval_needs_rate, pacta_test_context_tear_down);
  g_test_add ("/pacta/helpdesk/reject", Fixture, NULL, pacta_test_platform_set_up, test_reject, pacta_test_context_tear_down);
  g_test_add ("/pacta/helpdesk/staff", Fixture, NULL, pacta_test_platform_set_up, test_staff, pacta_test_context_tear_down);
  g_test_add ("/pacta/helpdesk/text-rules", Fixture, NULL, pacta_test_platform_set_up, test_text_rules, pacta_test_context_tear_down);

  return g_test_run ();
}
