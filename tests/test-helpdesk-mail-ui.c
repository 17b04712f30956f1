/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-helpdesk-mail-ui.c: the helpdesk's mail in the window, without a network — a
 * reply emailed to the ticket's contact and its status, an internal note and a contact
 * without an address kept in Pacta, a message's attachments saved byte for byte, the
 * Unassigned Mail dialog (a ticket for the customer picked, the sender's domain
 * remembered or refused, Dismiss), the Helpdesk page's Check Mail and banner, their
 * accessible names and the width they need.
 *
 * The messages are put in as read from the mailbox (pacta_mail_import_message); the
 * window's win.send-mail and win.check-mail are stubs that count. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pacta-banner.h"
#include "pacta-context.h"
#include "pacta-helpdesk-page.h"
#include "pacta-helpdesk-page-private.h"
#include "pacta-mail.h"
#include "pacta-mail-text.h"
#include "pacta-test-gui.h"
#include "pacta-test-util.h"
#include "pacta-ticket-dialog.h"
#include "pacta-ticket-dialog-private.h"
#include "pacta-unassigned-dialog.h"
#include "pacta-unassigned-dialog-private.h"

#define NARROW_WIDTH 360
/* The app's clock: a Tuesday morning in Madrid */
#define NOW          "2026-12-01T09:00:00+01:00"

typedef struct
{
  char          *dir;
  PactaContext  *context;
  PactaDatabase *db;
  gint64         customer;     /* billable; contact Ana Ruiz <ana@cliente.test> */
  gint64         other;        /* contact Luis Gil <luis@otro.test> */
  GtkWidget     *window;       /* the stub of the main window */
  guint          n_sent;       /* win.send-mail activated */
  guint          n_checked;    /* win.check-mail activated */
} Fixture;

static void
exec_sql (PactaDatabase *db,
          const char    *sql)
{
  char *message = NULL;

  /* Several statements at once: sqlite's own exec */
  if (sqlite3_exec (pacta_database_get_handle (db), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
on_send_mail_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  Fixture *f = user_data;

  f->n_sent++;
}

static void
on_check_mail_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  Fixture *f = user_data;

  f->n_checked++;
}

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  const GActionEntry entries[] = {
    { "send-mail", on_send_mail_cb, NULL, NULL, NULL, { 0 } },
    { "check-mail", on_check_mail_cb, NULL, NULL, NULL, { 0 } },
  };
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  g_autofree char *sql = NULL;

  pacta_test_set_clock ("Europe/Madrid", NOW);
  f->dir = pacta_test_make_dir ();
  f->context = pacta_test_open_billable (f->dir);
  f->db = pacta_context_get_database (f->context);
  f->customer = pacta_database_count (f->db, "SELECT customer_id FROM billing_info", NULL);
  f->other = pacta_database_count (f->db, "SELECT min(id) FROM customers WHERE id NOT IN (SELECT customer_id FROM billing_info)",
                                   NULL);
  g_assert_cmpint (f->customer, >, 0);
  g_assert_cmpint (f->other, >, 0);
  sql = g_strdup_printf ("DELETE FROM contacts;"
                         "INSERT INTO contacts (customer_id, name, email) VALUES (%" G_GINT64_FORMAT ", 'Ana Ruiz', 'ana@cliente.test');"
                         "INSERT INTO contacts (customer_id, name, email) VALUES (%" G_GINT64_FORMAT ", 'Luis Gil', 'luis@otro.test');"
                         "INSERT INTO settings (key, value) VALUES ('mail-imap-host', '127.0.0.1'),"
                         " ('mail-smtp-host', '127.0.0.1'), ('mail-user', 'support@msp.test'),"
                         " ('mail-address', 'support@msp.test')"
                         " ON CONFLICT (key) DO UPDATE SET value = excluded.value;",
                         f->customer, f->other);
  exec_sql (f->db, sql);

  /* The main window's actions, as the dialogs find them: on their parent */
  f->window = gtk_window_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (actions), entries, G_N_ELEMENTS (entries), f);
  gtk_widget_insert_action_group (f->window, "win", G_ACTION_GROUP (actions));
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Whatever a test left open goes before its context */
  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  pacta_test_drain_events ();
  g_assert_finalize_object (f->context);
  pacta_test_remove_tree (f->dir);
  g_free (f->dir);
  pacta_test_clock_reset ();
}

/* ---- data ----------------------------------------------------------------- */

static GBytes *
take_text (char *text)
{
  return g_bytes_new_take (text, strlen (text));
}

/* A message as a mail program sends it */
static GBytes *
mail (const char *from,
      const char *subject,
      const char *message_id,
      const char *body)
{
  return take_text (g_strdup_printf ("From: %s\r\n"
                                     "To: support@msp.test\r\n"
                                     "Subject: %s\r\n"
                                     "Date: Tue, 01 Dec 2026 08:30:00 +0100\r\n"
                                     "Message-ID: <%s>\r\n"
                                     "MIME-Version: 1.0\r\n"
                                     "Content-Type: text/plain; charset=utf-8\r\n"
                                     "\r\n"
                                     "%s\r\n",
                                     from, subject, message_id, body));
}

/* Every byte value, and more: what a PDF or an image holds */
static GBytes *
binary_data (void)
{
  guint8 data[700];

  for (guint i = 0; i < sizeof data; i++)
    data[i] = (guint8) ((i * 7 + i / 256) & 0xff);
  return g_bytes_new (data, sizeof data);
}

/* From Ana, with @data as informe.pdf and a file whose name climbs folders */
static GBytes *
mail_with_attachments (GBytes *data)
{
  g_autofree char *encoded = g_base64_encode (g_bytes_get_data (data, NULL), g_bytes_get_size (data));
  GString *lines = g_string_new (NULL);

  /* Lines of 76 characters, as mail programs write base64 */
  for (gsize i = 0; encoded[i] != '\0'; i += 76)
    g_string_append_printf (lines, "%.76s\r\n", encoded + i);
  return take_text (g_strdup_printf ("From: Ana Ruiz <ana@cliente.test>\r\n"
                                     "To: support@msp.test\r\n"
                                     "Subject: El informe del servidor\r\n"
                                     "Date: Tue, 01 Dec 2026 08:30:00 +0100\r\n"
                                     "Message-ID: <adjuntos@cliente.test>\r\n"
                                     "MIME-Version: 1.0\r\n"
                                     "Content-Type: multipart/mixed; boundary=\"LIMITE\"\r\n"
                                     "\r\n"
                                     "--LIMITE\r\n"
                                     "Content-Type: text/plain; charset=utf-8\r\n"
                                     "\r\n"
                                     "Os adjunto el informe.\r\n"
                                     "--LIMITE\r\n"
                                     "Content-Type: application/pdf; name=\"informe.pdf\"\r\n"
                                     "Content-Disposition: attachment; filename=\"informe.pdf\"\r\n"
                                     "Content-Transfer-Encoding: base64\r\n"
                                     "\r\n"
                                     "%s"
                                     "--LIMITE\r\n"
                                     "Content-Type: text/plain; charset=utf-8\r\n"
                                     "Content-Disposition: attachment; filename=\"../../.bashrc\"\r\n"
                                     "\r\n"
                                     "rm -rf ~\r\n"
                                     "--LIMITE--\r\n",
                                     g_string_free (lines, FALSE)));
}

static const char *
import (Fixture *f,
        guint64  uid,
        GBytes  *raw)
{
  g_autoptr(GError) error = NULL;
  const char *state = pacta_mail_import_message (f->db, "INBOX", 1, uid, raw, &error);

  g_assert_no_error (error);
  g_assert_nonnull (state);
  return state;
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  return pacta_database_count (f->db, sql, NULL);
}

/* A ticket from Ana's message, as the mailbox makes it */
static gint64
mailed_ticket (Fixture *f)
{
  g_autoptr(GBytes) raw = mail ("Ana Ruiz <ana@cliente.test>", "El correo no sale", "m1@cliente.test",
                                "Desde esta mañana no puedo enviar correo.");

  g_assert_cmpstr (import (f, 1, raw), ==, "ticket");
  /* Its list, up to date: the window's does it when the check ends */
  g_assert_true (pacta_context_sync (f->context, NULL));
  return count (f, "SELECT max(id) FROM tickets");
}

static PactaTicketDialog *
open_ticket (Fixture *f,
             gint64   ticket)
{
  PactaTicketDialog *dialog = pacta_ticket_dialog_new (GTK_WINDOW (f->window), f->context, ticket);

  gtk_window_present (GTK_WINDOW (dialog));
  pacta_test_drain_events ();
  return dialog;
}

/* The GtkLabel under @root showing exactly @text */
static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  return GTK_LABEL (pacta_test_find_widget (root, GTK_TYPE_LABEL, text));
}

/* The accessible name set on @widget, as GTK_A11Y=test keeps it */
static void
assert_named (GtkWidget  *widget,
              const char *name)
{
  g_assert_nonnull (widget);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name);
}

/* ---- the ticket ------------------------------------------------------------- */

/* A reply goes to the contact's address through the outbox; an internal note stays */
static void
test_reply_mailed (Fixture       *f,
                   gconstpointer  data)
{
  gint64 ticket = mailed_ticket (f);
  PactaTicketDialog *dialog = open_ticket (f, ticket);
  g_autoptr(PactaInvoiceMailing) mailing = NULL;
  g_autofree char *sent = NULL;
  GtkLabel *status, *body;
  gint64 reply;

  g_assert_cmpstr (pacta_ticket_dialog_get_mail_note (dialog), ==, "Replies are emailed to ana@cliente.test");
  g_assert_true (pacta_ticket_dialog_reply (dialog, "Hola Ana: <b>reiniciamos</b> el servidor & ya sale.", FALSE));
  g_assert_cmpint (count (f, "SELECT count(*) FROM mail_outbox WHERE kind = 'reply' AND recipient = 'ana@cliente.test'"
                             " AND state = 'queued'"), ==, 1);
  g_assert_cmpuint (f->n_sent, ==, 1);
  reply = count (f, "SELECT ticket_update_id FROM mail_outbox");
  g_assert_cmpint (count (f, "SELECT count(*) FROM ticket_updates WHERE kind = 'message'"), ==, 2);

  /* Its status, with the whole story as its tooltip */
  status = find_label (GTK_WIDGET (dialog), "Waiting to be sent");
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (status)));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (gtk_widget_get_parent (GTK_WIDGET (status))),
                            "ana@cliente.test"));
  /* The text as written: never markup */
  body = find_label (GTK_WIDGET (dialog), "Hola Ana: <b>reiniciamos</b> el servidor & ya sale.");
  g_assert_nonnull (body);
  g_assert_false (gtk_label_get_use_markup (body));

  /* Sent: the window's send tells, the status follows */
  exec_sql (f->db, "UPDATE mail_outbox SET state = 'sent', sent_at = '2026-12-01T08:05:00Z'");
  g_signal_emit_by_name (f->context, "mail-changed");
  mailing = pacta_context_reply_mailing (f->context, reply, NULL);
  sent = pacta_mail_text_status (pacta_context_get_clock (f->context), mailing);
  g_assert_nonnull (strstr (sent, "2026"));
  g_assert_nonnull (find_label (GTK_WIDGET (dialog), sent));
  g_assert_null (find_label (GTK_WIDGET (dialog), "Waiting to be sent"));

  /* An internal note: never mailed */
  g_assert_true (pacta_ticket_dialog_reply (dialog, "El cliente usa un relay antiguo.", TRUE));
  g_assert_cmpint (count (f, "SELECT count(*) FROM mail_outbox"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM ticket_updates WHERE kind = 'note'"), ==, 1);
  g_assert_cmpuint (f->n_sent, ==, 1);

  /* A message that came in meanwhile, in answer to the reply, is shown */
  {
    g_autofree char *message_id = pacta_test_query_text (f->db, "SELECT message_id FROM mail_outbox WHERE id = ?1",
                                                         count (f, "SELECT id FROM mail_outbox"));
    g_autofree char *in_reply = g_strdup_printf ("In-Reply-To: <%s>", message_id);
    g_autoptr(GBytes) answer = mail ("Ana Ruiz <ana@cliente.test>", "Re: El correo no sale", "m2@cliente.test",
                                     "Gracias, ya funciona.");
    /* The header goes first: a header is a header wherever it is */
    g_autoptr(GBytes) threaded = take_text (g_strconcat (in_reply, "\r\n", (const char *) g_bytes_get_data (answer, NULL),
                                                         NULL));

    g_assert_cmpstr (import (f, 2, threaded), ==, "update");
    g_signal_emit_by_name (f->context, "mail-changed");
    g_assert_nonnull (find_label (GTK_WIDGET (dialog), "Gracias, ya funciona."));
  }
}

/* A contact without an address: the box says so, and the reply stays in Pacta */
static void
test_contact_without_address (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(PactaTicket) manual = g_object_new (PACTA_TYPE_TICKET, "title", "Llamada", "customer-id", f->customer,
                                                "contact-name", "Nadie", NULL);
  g_autoptr(GError) error = NULL;
  PactaTicketDialog *dialog;
  gint64 ticket = pacta_context_create_ticket (f->context, manual, "Llamó por teléfono.", &error);

  g_assert_no_error (error);
  dialog = open_ticket (f, ticket);
  g_assert_cmpstr (pacta_ticket_dialog_get_mail_note (dialog), ==,
                   "This ticket’s contact has no email address: replies stay in Pacta");
  g_assert_true (pacta_ticket_dialog_reply (dialog, "Le llamamos mañana.", FALSE));
  g_assert_null (pacta_ticket_dialog_get_message (dialog));
  g_assert_cmpint (count (f, "SELECT count(*) FROM mail_outbox"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM ticket_updates WHERE body = 'Le llamamos mañana.'"), ==, 1);
  g_assert_cmpuint (f->n_sent, ==, 0);
  g_assert_null (find_label (GTK_WIDGET (dialog), "Waiting to be sent"));
}

/* Without a mail account replies stay in Pacta, as before */
static void
test_no_account (Fixture       *f,
                 gconstpointer  data)
{
  gint64 ticket = mailed_ticket (f);
  PactaTicketDialog *dialog;

  exec_sql (f->db, "DELETE FROM settings WHERE key LIKE 'mail-%'");
  g_assert_null (pacta_context_get_mail_account (f->context));
  dialog = open_ticket (f, ticket);
  g_assert_null (strstr (pacta_ticket_dialog_get_mail_note (dialog), "emailed to"));
  g_assert_true (pacta_ticket_dialog_reply (dialog, "Lo miramos.", FALSE));
  g_assert_cmpint (count (f, "SELECT count(*) FROM mail_outbox"), ==, 0);
  g_assert_cmpuint (f->n_sent, ==, 0);
}

static GtkFileChooser *
find_chooser (void)
{
  return GTK_FILE_CHOOSER (pacta_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, TRUE));
}

static gboolean
chooser_shown (gpointer data)
{
  return find_chooser () != NULL;
}

static gboolean
chooser_gone (gpointer data)
{
  return find_chooser () == NULL;
}

/* A message's files, each saved byte for byte where the user says */
static void
test_attachments (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GBytes) pdf = binary_data ();
  g_autoptr(GBytes) raw = mail_with_attachments (pdf);
  g_autofree char *size = g_format_size (g_bytes_get_size (pdf));
  g_autofree char *path = g_build_filename (f->dir, "guardado.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autofree char *saved = NULL;
  PactaTicketDialog *dialog;
  GtkWidget *row, *save;
  GtkFileChooser *chooser;
  guint n_climbed = 0;
  gsize length;

  g_assert_cmpstr (import (f, 1, raw), ==, "ticket");
  g_assert_true (pacta_context_sync (f->context, NULL));
  dialog = open_ticket (f, count (f, "SELECT max(id) FROM tickets"));

  row = pacta_test_find_row (GTK_WIDGET (dialog), "informe.pdf");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, size);
  save = pacta_test_find_button (row, "Save…");
  assert_named (save, "Save informe.pdf");

  /* The name that climbed folders is listed as a bare name, only offered */
  pacta_test_find_all (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *title = adw_preferences_row_get_title (rows->pdata[i]);

      g_assert_null (strchr (title, '/'));
      if (g_str_has_suffix (title, "bashrc"))
        n_climbed++;
    }
  g_assert_cmpuint (n_climbed, ==, 1);

  /* What Save writes */
  g_assert_true (pacta_ticket_dialog_save_attachment (dialog, "informe.pdf", file));
  g_assert_true (g_file_get_contents (path, &saved, &length, NULL));
  g_assert_cmpmem (saved, length, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));

  /* Save… asks where, offering the attachment's name only as a name.
   * (Whether the chooser's own Save answers depends on the desktop the
   * tests run in: it is cancelled, and what it would write is tested above.) */
  g_signal_emit_by_name (save, "clicked");
  pacta_test_wait_until (chooser_shown, NULL);
  chooser = find_chooser ();
  g_assert_cmpint (gtk_file_chooser_get_action (chooser), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  g_assert_cmpstr (gtk_file_chooser_get_current_name (chooser), ==, "informe.pdf");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  pacta_test_wait_until (chooser_gone, NULL);
  g_assert_null (pacta_ticket_dialog_get_message (dialog));
}

/* ---- Unassigned Mail ------------------------------------------------------------ */

static void
test_unassigned (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GBytes) pat = mail ("Pat <pat@nuevo.test>", "Presupuesto", "p1@nuevo.test",
                                "¿Nos enviáis un presupuesto? <script>alert(1)</script>");
  g_autoptr(GBytes) spam = mail ("Oferta <gana@spam.test>", "Gana dinero", "s1@spam.test", "Haz clic.");
  PactaUnassignedDialog *dialog;
  GtkWidget *domain_row, *button;
  GtkLabel *body;
  gint64 ticket, pat_id, n_tickets;

  g_assert_cmpstr (import (f, 1, pat), ==, "unassigned");
  g_assert_cmpstr (import (f, 2, spam), ==, "unassigned");
  pat_id = count (f, "SELECT id FROM mail_inbox WHERE from_address = 'pat@nuevo.test'");

  dialog = pacta_unassigned_dialog_new (GTK_WINDOW (f->window), f->context);
  gtk_window_present (GTK_WINDOW (dialog));
  pacta_test_drain_events ();
  g_assert_cmpuint (pacta_unassigned_dialog_get_n_messages (dialog), ==, 2);
  /* Newest first, each row named for its message; the newest selected */
  assert_named (pacta_unassigned_dialog_get_row (dialog, 0), "Oferta <gana@spam.test>: Gana dinero");
  assert_named (pacta_unassigned_dialog_get_row (dialog, 1), "Pat <pat@nuevo.test>: Presupuesto");
  g_assert_cmpint (pacta_unassigned_dialog_get_selected (dialog), >, pat_id);
  g_assert_true (gtk_widget_get_focusable (pacta_unassigned_dialog_get_row (dialog, 1)));

  /* A row activated (Enter, or a click) is the one the form is for */
  g_signal_emit_by_name (gtk_widget_get_parent (pacta_unassigned_dialog_get_row (dialog, 1)), "row-activated",
                         pacta_unassigned_dialog_get_row (dialog, 1));
  g_assert_cmpint (pacta_unassigned_dialog_get_selected (dialog), ==, pat_id);
  body = find_label (GTK_WIDGET (dialog), "¿Nos enviáis un presupuesto? <script>alert(1)</script>");
  g_assert_nonnull (body);
  g_assert_false (gtk_label_get_use_markup (body));
  g_assert_true (gtk_label_get_selectable (body));
  g_assert_nonnull (pacta_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL,
                                            "No customer has a contact with this address or domain"));
  domain_row = pacta_unassigned_dialog_get_domain_row (dialog);
  g_assert_true (gtk_widget_get_visible (domain_row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (domain_row)), ==,
                   "Always send mail from nuevo.test to this customer");
  assert_named (pacta_test_find_widget (domain_row, GTK_TYPE_SWITCH, NULL),
                "Always send mail from nuevo.test to this customer");
  assert_named (pacta_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, NULL), "Customer");
  button = pacta_test_find_button (GTK_WIDGET (dialog), "C_reate Ticket");
  assert_named (button, "Create Ticket");
  g_assert_false (gtk_widget_get_sensitive (button));
  assert_named (pacta_test_find_button (GTK_WIDGET (dialog), "_Dismiss"), "Dismiss");

  /* The customer picked, the domain remembered: a ticket for it */
  pacta_unassigned_dialog_choose_customer (dialog, f->other);
  g_assert_true (gtk_widget_get_sensitive (button));
  pacta_unassigned_dialog_set_remember (dialog, TRUE);
  ticket = pacta_unassigned_dialog_create_ticket (dialog);
  g_assert_cmpint (ticket, >, 0);
  g_assert_null (pacta_unassigned_dialog_get_error (dialog));
  g_assert_cmpint (count (f, "SELECT customer_id FROM tickets ORDER BY id DESC LIMIT 1"), ==, f->other);
  g_assert_cmpint (count (f, "SELECT customer_id FROM mail_domains WHERE domain = 'nuevo.test'"), ==, f->other);
  g_assert_cmpuint (pacta_unassigned_dialog_get_n_messages (dialog), ==, 1);

  /* Spam: dismissed, no ticket, and the list is empty */
  n_tickets = count (f, "SELECT count(*) FROM tickets");
  g_assert_true (pacta_unassigned_dialog_dismiss (dialog));
  g_assert_cmpuint (pacta_unassigned_dialog_get_n_messages (dialog), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM mail_inbox WHERE state = 'ignored'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM tickets"), ==, n_tickets);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (pacta_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_STACK,
                                                                                         NULL))), ==, "empty");
  g_assert_true (gtk_widget_get_mapped (pacta_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_STATUS_PAGE, NULL)));

  /* A message read meanwhile comes into the list */
  {
    g_autoptr(GBytes) late = mail ("Quien Sea <quien@otra-empresa.test>", "Hola", "q1@otra.test", "Hola.");

    g_assert_cmpstr (import (f, 3, late), ==, "unassigned");
    g_signal_emit_by_name (f->context, "mail-changed");
    g_assert_cmpuint (pacta_unassigned_dialog_get_n_messages (dialog), ==, 1);
  }
}

/* A public mail service's domain is never remembered: the core says why */
static void
test_unassigned_public_domain (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GBytes) raw = mail ("Alguien <alguien@gmail.com>", "Ayuda", "g1@gmail.com", "No arranca.");
  PactaUnassignedDialog *dialog;

  g_assert_cmpstr (import (f, 1, raw), ==, "unassigned");
  dialog = pacta_unassigned_dialog_new (GTK_WINDOW (f->window), f->context);
  gtk_window_present (GTK_WINDOW (dialog));
  pacta_unassigned_dialog_choose_customer (dialog, f->customer);
  pacta_unassigned_dialog_set_remember (dialog, TRUE);
  g_assert_cmpint (pacta_unassigned_dialog_create_ticket (dialog), ==, 0);
  g_assert_nonnull (strstr (pacta_unassigned_dialog_get_error (dialog), "public mail service"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM mail_domains"), ==, 0);
  g_assert_cmpuint (pacta_unassigned_dialog_get_n_messages (dialog), ==, 1);

  /* Without remembering: the ticket */
  pacta_unassigned_dialog_set_remember (dialog, FALSE);
  g_assert_cmpint (pacta_unassigned_dialog_create_ticket (dialog), >, 0);
  g_assert_cmpuint (pacta_unassigned_dialog_get_n_messages (dialog), ==, 0);
}

/* ---- the Helpdesk page ------------------------------------------------------------ */

static void
test_page (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GBytes) raw = mail ("Pat <pat@nuevo.test>", "Presupuesto", "p1@nuevo.test", "Hola.");
  PactaHelpdeskPage *page = g_object_new (PACTA_TYPE_HELPDESK_PAGE, NULL);
  PactaBanner *banner;
  PactaUnassignedDialog *dialog;
  GtkWidget *check;

  g_assert_cmpstr (import (f, 1, raw), ==, "unassigned");
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (page));
  pacta_helpdesk_page_set_context (page, f->context);
  pacta_test_drain_events ();

  check = pacta_helpdesk_page_get_check_mail_button (page);
  g_assert_true (gtk_widget_get_visible (check));
  assert_named (check, "Check Mail");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (check), ==, "Check Mail");
  g_signal_emit_by_name (check, "clicked");
  g_assert_cmpuint (f->n_checked, ==, 1);

  banner = PACTA_BANNER (pacta_helpdesk_page_get_unassigned_banner (page));
  g_assert_true (pacta_banner_get_revealed (banner));
  g_assert_cmpstr (pacta_banner_get_title (banner), ==, "1 message waits for a customer");
  assert_named (GTK_WIDGET (banner), "1 message waits for a customer");
  assert_named (pacta_test_find_button (GTK_WIDGET (banner), "_Review…"), "Review…");

  dialog = pacta_helpdesk_page_open_unassigned (page);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpuint (pacta_unassigned_dialog_get_n_messages (dialog), ==, 1);
  g_assert_true (pacta_unassigned_dialog_dismiss (dialog));
  g_assert_false (pacta_banner_get_revealed (banner));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The account forgotten: no Check Mail */
  exec_sql (f->db, "DELETE FROM settings WHERE key LIKE 'mail-%'");
  g_signal_emit_by_name (f->context, "mail-changed");
  g_assert_false (gtk_widget_get_visible (check));
}

/* ---- 360 px ---------------------------------------------------------------------- */

static void
assert_narrow (GtkWindow  *dialog,
               const char *what)
{
  int min;

  gtk_window_set_default_size (dialog, NARROW_WIDTH, 640);
  gtk_window_present (dialog);
  pacta_test_wait_frame (GTK_WIDGET (dialog));
  min = pacta_test_min_width (GTK_WIDGET (dialog));
  if (min > NARROW_WIDTH)
    g_test_fail_printf ("%s: minimum width %d px, more than %d px", what, min, NARROW_WIDTH);
  if (g_getenv ("PACTA_MAIL_SHOTS") != NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s.png", what);
      g_autofree char *path = g_build_filename (g_getenv ("PACTA_MAIL_SHOTS"), name, NULL);

      g_assert_true (pacta_test_save_png (GTK_WIDGET (dialog), path));
    }
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GBytes) pdf = binary_data ();
  g_autoptr(GBytes) raw = mail_with_attachments (pdf);
  g_autoptr(GBytes) pat = mail ("Patricia Fernández de la Fuente <patricia.fernandez@una-empresa-muy-larga.test>",
                                "Presupuesto para renovar los portátiles de la oficina", "p1@nuevo.test",
                                "Buenos días:\n\n¿Nos enviáis un presupuesto para doce portátiles?\n\nGracias.");
  PactaTicketDialog *ticket;
  PactaUnassignedDialog *unassigned;

  g_assert_cmpstr (import (f, 1, raw), ==, "ticket");
  g_assert_cmpstr (import (f, 2, pat), ==, "unassigned");
  g_assert_true (pacta_context_sync (f->context, NULL));

  ticket = pacta_ticket_dialog_new (GTK_WINDOW (f->window), f->context, count (f, "SELECT max(id) FROM tickets"));
  g_assert_true (pacta_ticket_dialog_reply (ticket, "Recibido, lo revisamos esta tarde.", FALSE));
  assert_narrow (GTK_WINDOW (ticket), "ticket");
  gtk_window_destroy (GTK_WINDOW (ticket));

  unassigned = pacta_unassigned_dialog_new (GTK_WINDOW (f->window), f->context);
  assert_narrow (GTK_WINDOW (unassigned), "unassigned");
  gtk_window_destroy (GTK_WINDOW (unassigned));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = pacta_test_gui_init (&argc, &argv);

  g_test_add ("/pacta/helpdesk-mail-ui/reply-mailed", Fixture, NULL, set_up, test_reply_mailed, tear_down);
  g_test_add ("/pacta/helpdesk-mail-ui/contact-without-address", Fixture, NULL, set_up, test_contact_without_address,
              tear_down);
  g_test_add ("/pacta/helpdesk-mail-ui/no-account", Fixture, NULL, set_up, test_no_account, tear_down);
  g_test_add ("/pacta/helpdesk-mail-ui/attachments", Fixture, NULL, set_up, test_attachments, tear_down);
  g_test_add ("/pacta/helpdesk-mail-ui/unassigned", Fixture, NULL, set_up, test_unassigned, tear_down);
  g_test_add ("/pacta/helpdesk-mail-ui/unassigned-public-domain", Fixture, NULL, set_up, test_unassigned_public_domain,
              tear_down);
  g_test_add ("/pacta/helpdesk-mail-ui/page", Fixture, NULL, set_up, test_page, tear_down);
  g_test_add ("/pacta/helpdesk-mail-ui/narrow", Fixture, NULL, set_up, test_narrow, tear_down);

  return g_test_run ();
}
