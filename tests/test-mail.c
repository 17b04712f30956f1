/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-mail.c: the mailbox — the inbox's rules without a network, then the
 * account, the outbox and reading mail against real servers on 127.0.0.1
 * (Dovecot and aiosmtpd, tests/pacta-mail-servers.c) */
#include "config.h"

#include <string.h>

#include "pacta-context.h"
#include "pacta-error.h"
#include "pacta-mail.h"
#include "pacta-mail-service.h"
#include "pacta-mail-servers.h"
#include "pacta-test-util.h"

typedef struct
{
  char             *dir;
  PactaContext     *context;
  PactaDatabase    *db;
  PactaSecrets     *secrets;
  PactaMailServers *servers;
  gint64            customer;      /* billable, contact ana@cliente.test, invoices to facturas@cliente.test */
  gint64            other;         /* contact luis@otro.test */
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
set_up (Fixture       *f,
        gconstpointer  data)
{
  g_autofree char *sql = NULL;

  pacta_test_set_clock ("Europe/Madrid", "2026-12-01T09:00:00+01:00");
  f->dir = pacta_test_make_dir ();
  f->context = pacta_test_open_billable (f->dir);
  f->db = pacta_context_get_database (f->context);
  f->secrets = pacta_secrets_memory_new ();
  pacta_context_set_secrets (f->context, f->secrets);
  f->customer = pacta_database_count (f->db, "SELECT customer_id FROM billing_info", NULL);
  f->other = pacta_database_count (f->db, "SELECT min(id) FROM customers WHERE id NOT IN (SELECT customer_id FROM billing_info)",
                                   NULL);
  g_assert_cmpint (f->customer, >, 0);
  g_assert_cmpint (f->other, >, 0);
  sql = g_strdup_printf ("DELETE FROM contacts;"
                         "INSERT INTO contacts (customer_id, name, email) VALUES (%" G_GINT64_FORMAT ", 'Ana Ruiz', 'Ana@Cliente.test');"
                         "INSERT INTO contacts (customer_id, name, email) VALUES (%" G_GINT64_FORMAT ", 'Luis Gil', 'luis@otro.test');"
                         "INSERT INTO contacts (customer_id, name, email) VALUES (%" G_GINT64_FORMAT ", 'Front desk', 'desk@shared.test');"
                         "INSERT INTO contacts (customer_id, name, email) VALUES (%" G_GINT64_FORMAT ", 'Front desk', 'desk@shared.test');"
                         "UPDATE billing_info SET invoice_email = 'facturas@cliente.test', language = 'es';"
                         "INSERT INTO settings (key, value) VALUES ('invoice-email', 'billing@msp.test')"
                         " ON CONFLICT (key) DO UPDATE SET value = excluded.value;"
                         "INSERT INTO settings (key, value) VALUES ('business-name', 'MSP Test S.L.')"
                         " ON CONFLICT (key) DO UPDATE SET value = excluded.value;"
                         "INSERT INTO settings (key, value) VALUES ('mail-address', 'support@msp.test')"
                         " ON CONFLICT (key) DO UPDATE SET value = excluded.value;",
                         f->customer, f->other, f->customer, f->other);
  exec_sql (f->db, sql);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  g_clear_pointer (&f->servers, pacta_mail_servers_stop);
  pacta_mail_transport_set_test_ca (NULL);
  g_clear_object (&f->secrets);
  g_assert_finalize_object (f->context);
  pacta_test_remove_tree (f->dir);
  g_free (f->dir);
  pacta_test_clock_reset ();
}

static GBytes *
take_text (char *text)
{
  return g_bytes_new_take (text, strlen (text));
}

/* A message as a mail program sends it; @extra: more headers, each ending in \r\n */
static GBytes *
mail (const char *from,
      const char *subject,
      const char *message_id,
      const char *extra,
      const char *body)
{
  return take_text (g_strdup_printf ("From: %s\r\n"
                                            "To: support@msp.test\r\n"
                                            "Subject: %s\r\n"
                                            "Date: Tue, 01 Dec 2026 08:30:00 +0100\r\n"
                                            "Message-ID: <%s>\r\n"
                                            "%s"
                                            "MIME-Version: 1.0\r\n"
                                            "Content-Type: text/plain; charset=utf-8\r\n"
                                            "\r\n"
                                            "%s\r\n",
                                            from, subject, message_id, extra != NULL ? extra : "", body));
}

static gsize
bytes_length (GBytes *bytes)
{
  return g_bytes_get_size (bytes);
}

static const char *
import (Fixture    *f,
        guint64     uid,
        GBytes     *raw)
{
  g_autoptr(GError) error = NULL;
  const char *state;

  g_assert_cmpuint (bytes_length (raw), >, 0);
  state = pacta_mail_import_message (f->db, "INBOX", 7, uid, raw, &error);
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

static char *
text (Fixture    *f,
      const char *sql,
      gint64      id)
{
  return pacta_test_query_text (f->db, sql, id);
}

/* ---- the inbox's rules ------------------------------------------------------ */

static void
test_new_ticket (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GBytes) raw = mail ("Ana Ruiz <ana@cliente.test>", "El correo no sale", "m1@cliente.test", NULL,
                                "Desde esta mañana no puedo enviar correo.");
  g_autofree char *title = NULL, *contact = NULL, *email = NULL, *body = NULL, *message_id = NULL;
  gint64 ticket;

  g_assert_cmpstr (import (f, 1, raw), ==, "ticket");
  g_assert_cmpint (count (f, "SELECT count(*) FROM tickets"), ==, 1);
  ticket = count (f, "SELECT id FROM tickets");
  g_assert_cmpint (count (f, "SELECT customer_id FROM tickets"), ==, f->customer);
  title = text (f, "SELECT title FROM tickets WHERE id = ?1", ticket);
  contact = text (f, "SELECT contact_name FROM tickets WHERE id = ?1", ticket);
  email = text (f, "SELECT contact_email FROM tickets WHERE id = ?1", ticket);
  body = text (f, "SELECT body FROM ticket_updates WHERE ticket_id = ?1", ticket);
  message_id = text (f, "SELECT message_id FROM ticket_updates WHERE ticket_id = ?1", ticket);
  g_assert_cmpstr (title, ==, "El correo no sale");
  g_assert_cmpstr (contact, ==, "Ana Ruiz");
  g_assert_cmpstr (email, ==, "ana@cliente.test");
  g_assert_cmpstr (body, ==, "Desde esta mañana no puedo enviar correo.");
  g_assert_cmpstr (message_id, ==, "m1@cliente.test");
  g_assert_cmpint (count (f, "SELECT count(*) FROM mail_inbox WHERE state = 'ticket' AND uid = 1"), ==, 1);
}

static void
test_thread (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GBytes) first = mail ("ana@cliente.test", "Impresora", "p1@cliente.test", NULL, "No imprime.");
  g_autoptr(GBytes) by_number = NULL;
  g_autoptr(GBytes) by_id = NULL;
  g_autoptr(GBytes) from_colleague = NULL;
  g_autofree char *number = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *status = NULL;
  gint64 ticket;

  g_assert_cmpstr (import (f, 1, first), ==, "ticket");
  ticket = count (f, "SELECT id FROM tickets");
  number = text (f, "SELECT number FROM tickets WHERE id = ?1", ticket);
  exec_sql (f->db, "UPDATE tickets SET status = 'resolved'");

  /* The number in the subject, from another address of the customer: the
   * conversation, and the ticket is reopened */
  subject = g_strdup_printf ("RE: [%s] Impresora", number);
  by_number = mail ("otra@cliente.test", subject, "p2@cliente.test", NULL, "Sigue sin imprimir.");
  g_assert_cmpstr (import (f, 2, by_number), ==, "update");
  g_assert_cmpint (count (f, "SELECT count(*) FROM tickets"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM ticket_updates"), ==, 2);
  status = text (f, "SELECT status FROM tickets WHERE id = ?1", ticket);
  g_assert_cmpstr (status, ==, "in_progress");

  /* No number, but In-Reply-To names a message of the ticket */
  by_id = mail ("ana@cliente.test", "Re: Impresora", "p3@cliente.test", "In-Reply-To: <p2@cliente.test>\r\n", "Ya va.");
  g_assert_cmpstr (import (f, 3, by_id), ==, "update");
  /* Only References, from a sender Pacta doesn't know */
  from_colleague = mail ("someone@elsewhere.test", "Re: Impresora", "p4@elsewhere.test",
                         "References: <unknown@x.test> <p1@cliente.test>\r\n", "Confirmo.");
  g_assert_cmpstr (import (f, 4, from_colleague), ==, "update");
  g_assert_cmpint (count (f, "SELECT count(*) FROM tickets"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM ticket_updates"), ==, 4);
}

static void
test_unassigned (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GBytes) stranger = mail ("Pat <pat@nuevo.test>", "Presupuesto", "u1@nuevo.test", NULL, "Hola");
  g_autoptr(GBytes) again = mail ("Kim <kim@nuevo.test>", "Otra cosa", "u2@nuevo.test", NULL, "Hola de nuevo");
  g_autoptr(GBytes) shared = mail ("desk@shared.test", "Ayuda", "u3@shared.test", NULL, "¿Quién soy?");
  g_autoptr(GBytes) gmail = mail ("x@gmail.com", "Hola", "u4@gmail.com", NULL, "…");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  PactaUnassignedMail *first;
  gint64 ticket;

  g_assert_cmpstr (import (f, 1, stranger), ==, "unassigned");
  g_assert_cmpstr (import (f, 2, shared), ==, "unassigned");
  g_assert_cmpint (count (f, "SELECT count(*) FROM tickets"), ==, 0);

  list = pacta_context_list_unassigned_mail (f->context, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpuint (pacta_context_count_unassigned_mail (f->context), ==, 2);
  /* Newest first; the reason names both customers the address belongs to */
  first = g_ptr_array_index (list, 0);
  g_assert_cmpstr (first->from_address, ==, "desk@shared.test");
  g_assert_nonnull (strstr (first->reason, ","));
  first = g_ptr_array_index (list, 1);
  g_assert_cmpstr (first->from_address, ==, "pat@nuevo.test");
  g_assert_cmpstr (first->subject, ==, "Presupuesto");

  /* Picked, with its domain remembered: the next one from there is a ticket */
  ticket = pacta_context_assign_mail (f->context, first->id, f->other, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ticket, >, 0);
  g_assert_cmpint (count (f, "SELECT customer_id FROM tickets"), ==, f->other);
  g_assert_cmpuint (pacta_context_count_unassigned_mail (f->context), ==, 1);
  g_assert_cmpstr (import (f, 3, again), ==, "ticket");
  g_assert_cmpint (count (f, "SELECT count(*) FROM tickets WHERE customer_id = (SELECT customer_id FROM mail_domains)"), ==, 2);

  /* Assigned twice: the second is told, nothing changes */
  g_assert_cmpint (pacta_context_assign_mail (f->context, first->id, f->customer, FALSE, &error), ==, 0);
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A public mail domain is never remembered */
  g_assert_cmpstr (import (f, 4, gmail), ==, "unassigned");
  ticket = count (f, "SELECT id FROM mail_inbox WHERE from_address = 'x@gmail.com'");
  g_assert_cmpint (pacta_context_assign_mail (f->context, ticket, f->customer, TRUE, &error), ==, 0);
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_assert_cmpint (count (f, "SELECT count(*) FROM mail_domains"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM tickets"), ==, 2);
  g_clear_error (&error);

  /* Dismissed: out of the list, kept as read */
  g_assert_true (pacta_context_dismiss_mail (f->context, ticket, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM mail_inbox WHERE state = 'unassigned'"), ==, 1);
}

static void
test_once (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GBytes) raw = mail ("ana@cliente.test", "Una vez", "once@cliente.test", NULL, "Solo una vez.");
  g_autoptr(GBytes) no_id = take_text (g_strdup ("From: ana@cliente.test\r\nSubject: sin id\r\n\r\nHola\r\n"));

  g_assert_cmpstr (import (f, 1, raw), ==, "ticket");
  /* The same UID again, the same Message-ID at another UID */
  g_assert_cmpstr (import (f, 1, raw), ==, "duplicate");
  g_assert_cmpstr (import (f, 9, raw), ==, "duplicate");
  g_assert_cmpint (count (f, "SELECT count(*) FROM tickets"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM mail_inbox"), ==, 1);
  /* Without a Message-ID, the UID alone tells */
  g_assert_cmpstr (import (f, 2, no_id), ==, "ticket");
  g_assert_cmpstr (import (f, 2, no_id), ==, "duplicate");
  g_assert_cmpint (count (f, "SELECT count(*) FROM tickets"), ==, 2);
}

static void
test_ignored (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GBytes) away = mail ("ana@cliente.test", "Fuera de la oficina", "a1@cliente.test",
                                 "Auto-Submitted: auto-replied\r\n", "Vuelvo el lunes.");
  g_autoptr(GBytes) ours = mail ("Support <support@msp.test>", "Copia", "a2@msp.test", NULL, "Nuestra.");

  g_assert_cmpstr (import (f, 1, away), ==, "ignored");
  g_assert_cmpstr (import (f, 2, ours), ==, "ignored");
  g_assert_cmpint (count (f, "SELECT count(*) FROM tickets"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM mail_inbox WHERE state = 'ignored'"), ==, 2);
}

static void
test_hostile (Fixture       *f,
              gconstpointer  data)
{
  /* A From: whose name hides a line break and an escape, claiming a customer's address */
  g_autoptr(GBytes) forged = take_text (g_strdup ("From: =?utf-8?q?Ana=0D=0ABcc=3A_x=1B?= <ana@cliente.test>, <luis@otro.test>\r\n"
                                                          "Subject: =?utf-8?q?Hola=0D=0AX-Evil=3A_1?=\r\n"
                                                          "Message-ID: <h1@x.test>\r\n"
                                                          "\r\nhola\r\n"));
  g_autoptr(GBytes) html = mail ("ana@cliente.test", "HTML", "h2@cliente.test", NULL, "");
  g_autoptr(GBytes) garbage = g_bytes_new_static ("\x00\x01\x02\xff\xfe", 5);
  g_autofree char *body = NULL;
  g_autofree char *subject = NULL;
  gint64 before;

  g_bytes_unref (html);
  html = take_text (g_strdup ("From: ana@cliente.test\r\nSubject: HTML\r\nMessage-ID: <h2@cliente.test>\r\n"
                                     "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                                     "<html><head><style>p{}</style><script>alert(1)</script></head>"
                                     "<body><p>Hola &amp; adi&oacute;s</p><img src=\"http://tracker.test/x.png\"></body></html>\r\n"));

  g_assert_cmpstr (import (f, 1, forged), ==, "unassigned");
  subject = text (f, "SELECT subject FROM mail_inbox WHERE uid = ?1", 1);
  g_assert_null (strpbrk (subject, "\r\n\x1b"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM tickets"), ==, 0);

  g_assert_cmpstr (import (f, 2, html), ==, "ticket");
  body = text (f, "SELECT body FROM ticket_updates WHERE message_id = 'h2@cliente.test' AND id = ?1",
               count (f, "SELECT max(id) FROM ticket_updates"));
  g_assert_nonnull (strstr (body, "Hola & adi"));
  g_assert_null (strstr (body, "<"));
  g_assert_null (strstr (body, "alert"));
  g_assert_null (strstr (body, "tracker"));

  before = count (f, "SELECT count(*) FROM tickets");
  g_assert_cmpstr (import (f, 3, garbage), ==, "rejected");
  g_assert_cmpint (count (f, "SELECT count(*) FROM tickets"), ==, before);
}

static void
test_queue (Fixture       *f,
            gconstpointer  data)
{
  PactaMailQueueReport report = { 0, };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = NULL;

  /* The account set before the run: its day is where mailing starts */
  exec_sql (f->db, "INSERT INTO settings (key, value) VALUES ('mail-invoices-since', '2026-11-30')");
  numbers = pacta_test_bill (f->context, "2026-11");
  g_assert_cmpuint (g_strv_length (numbers), ==, 1);

  g_assert_true (pacta_context_queue_invoice_mail (f->context, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_queued, ==, 1);
  g_assert_cmpuint (report.for_printing->len, ==, 0);
  pacta_mail_queue_report_clear (&report);
  g_assert_cmpint (count (f, "SELECT count(*) FROM mail_outbox WHERE recipient = 'facturas@cliente.test' AND state = 'queued'"),
                   ==, 1);

  /* Again: nothing more */
  g_assert_true (pacta_context_queue_invoice_mail (f->context, NULL, &report, &error));
  g_assert_cmpuint (report.n_queued, ==, 0);
  pacta_mail_queue_report_clear (&report);
  {
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    gint64 id = count (f, "SELECT id FROM invoices");

    g_array_append_val (ids, id);
    g_assert_true (pacta_context_queue_invoice_mail (f->context, ids, &report, &error));
    g_assert_cmpuint (report.n_queued, ==, 0);
    g_assert_cmpuint (report.n_already, ==, 1);
    pacta_mail_queue_report_clear (&report);

    /* By post: for printing, never queued */
    exec_sql (f->db, "DELETE FROM mail_outbox; UPDATE billing_info SET send_by = 'post'");
    g_assert_true (pacta_context_queue_invoice_mail (f->context, ids, &report, &error));
    g_assert_cmpuint (report.n_queued, ==, 0);
    g_assert_cmpuint (report.for_printing->len, ==, 1);
    g_assert_cmpint (g_array_index (report.for_printing, gint64, 0), ==, id);
    pacta_mail_queue_report_clear (&report);
    /* By email with no address: for printing too */
    exec_sql (f->db, "UPDATE billing_info SET send_by = 'email', invoice_email = NULL");
    g_assert_true (pacta_context_queue_invoice_mail (f->context, ids, &report, &error));
    g_assert_cmpuint (report.for_printing->len, ==, 1);
    pacta_mail_queue_report_clear (&report);
  }
  g_assert_cmpint (count (f, "SELECT count(*) FROM mail_outbox"), ==, 0);
}

static void
test_queue_since (Fixture       *f,
                  gconstpointer  data)
{
  PactaMailQueueReport report = { 0, };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = pacta_test_bill (f->context, "2026-11");

  /* Invoices issued before the account was set are never mailed by themselves */
  exec_sql (f->db, "INSERT INTO settings (key, value) VALUES ('mail-invoices-since', '2026-12-02')");
  g_assert_true (pacta_context_queue_invoice_mail (f->context, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_queued, ==, 0);
  pacta_mail_queue_report_clear (&report);
}

static void
test_reply (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GBytes) raw = mail ("Ana Ruiz <ana@cliente.test>", "VPN", "v1@cliente.test", NULL, "La VPN no conecta.");
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaTicket) manual = NULL;
  gint64 ticket, update, manual_id;

  g_assert_cmpstr (import (f, 1, raw), ==, "ticket");
  ticket = count (f, "SELECT id FROM tickets");
  update = pacta_context_reply_to_ticket (f->context, ticket, "Marta", "Revisamos el certificado.", &error);
  g_assert_no_error (error);
  g_assert_cmpint (update, >, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM mail_outbox WHERE kind = 'reply' AND recipient = 'ana@cliente.test'"),
                   ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM ticket_updates WHERE message_id ="
                             " (SELECT message_id FROM mail_outbox)"), ==, 1);

  /* A ticket typed in by hand for a contact with no address: said, nothing written */
  manual = g_object_new (PACTA_TYPE_TICKET, "title", "Llamada", "customer-id", f->customer, "contact-name", "Nadie", NULL);
  manual_id = pacta_context_create_ticket (f->context, manual, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pacta_context_reply_to_ticket (f->context, manual_id, "Marta", "Hola", &error), ==, 0);
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_assert_cmpint (count (f, "SELECT count(*) FROM ticket_updates"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM mail_outbox"), ==, 1);
  g_clear_error (&error);
  /* Its contact in the customer's contacts with an address: that one */
  exec_sql (f->db, "UPDATE tickets SET contact_name = 'Ana Ruiz' WHERE contact_email IS NULL");
  g_assert_cmpint (pacta_context_reply_to_ticket (f->context, manual_id, "Marta", "Hola", &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM mail_outbox WHERE recipient = 'ana@cliente.test'"), ==, 2);
}

static void
test_settle (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GBytes) raw = mail ("ana@cliente.test", "VPN", "s1@cliente.test", NULL, "Hola");
  gint64 ticket;

  g_assert_cmpstr (import (f, 1, raw), ==, "ticket");
  ticket = count (f, "SELECT id FROM tickets");
  g_assert_cmpint (pacta_context_reply_to_ticket (f->context, ticket, "Marta", "Respuesta", NULL), >, 0);
  /* Pacta stopped while handing it over */
  exec_sql (f->db, "UPDATE mail_outbox SET state = 'sending', attempted_at = '2026-12-01T08:00:00Z'");
  /* Within the grace time it may still be on its way: left alone */
  pacta_test_set_clock ("Europe/Madrid", "2026-12-01T09:05:00+01:00");
  g_assert_cmpuint (pacta_mail_settle_interrupted (f->db, NULL), ==, 0);
  pacta_test_set_clock ("Europe/Madrid", "2026-12-01T09:11:00+01:00");
  g_assert_cmpuint (pacta_mail_settle_interrupted (f->db, NULL), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM mail_outbox WHERE state = 'unknown' AND error IS NOT NULL"), ==, 1);
}

/* A delivery report on an invoice that went: shown on the invoice */
static void
test_bounce (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) dsn = NULL;
  g_autoptr(PactaInvoiceMailing) mailing = NULL;
  g_autofree char *message_id = NULL;
  g_auto(GStrv) numbers = NULL;
  PactaMailQueueReport report = { 0, };
  gint64 invoice;

  exec_sql (f->db, "INSERT INTO settings (key, value) VALUES ('mail-invoices-since', '2026-11-30')");
  numbers = pacta_test_bill (f->context, "2026-11");
  g_assert_true (pacta_context_queue_invoice_mail (f->context, NULL, &report, &error));
  pacta_mail_queue_report_clear (&report);
  exec_sql (f->db, "UPDATE mail_outbox SET state = 'sent', sent_at = '2026-12-01T08:00:00Z'");
  invoice = count (f, "SELECT id FROM invoices");
  message_id = text (f, "SELECT message_id FROM mail_outbox WHERE invoice_id = ?1", invoice);

  dsn = take_text (g_strdup_printf ("From: Mail Delivery System <MAILER-DAEMON@mx.cliente.test>\r\n"
                                    "To: billing@msp.test\r\n"
                                    "Subject: Undelivered Mail Returned to Sender\r\n"
                                    "Message-ID: <dsn1@mx.cliente.test>\r\n"
                                    "Auto-Submitted: auto-replied\r\n"
                                    "MIME-Version: 1.0\r\n"
                                    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n"
                                    "\r\n"
                                    "--B\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
                                    "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
                                    "Reporting-MTA: dns; mx.cliente.test\r\n\r\n"
                                    "Final-Recipient: rfc822; facturas@cliente.test\r\n"
                                    "Action: failed\r\nStatus: 5.1.1\r\n"
                                    "Diagnostic-Code: smtp; 550 5.1.1 <facturas@cliente.test>: mailbox unknown\r\n"
                                    "--B\r\nContent-Type: text/rfc822-headers\r\n\r\n"
                                    "From: billing@msp.test\r\nTo: facturas@cliente.test\r\nMessage-ID: <%s>\r\n"
                                    "--B--\r\n", message_id));
  g_assert_cmpstr (import (f, 1, dsn), ==, "bounce");
  mailing = pacta_context_invoice_mailing (f->context, invoice, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mailing->state, ==, PACTA_MAIL_STATE_BOUNCED);
  g_assert_nonnull (strstr (mailing->error, "mailbox unknown"));
  /* A report on a message Pacta never sent opens nothing */
  g_assert_cmpint (count (f, "SELECT count(*) FROM tickets"), ==, 0);
  g_clear_pointer (&dsn, g_bytes_unref);
  dsn = mail ("MAILER-DAEMON@x.test", "Undelivered", "dsn2@x.test", "Auto-Submitted: auto-replied\r\n", "No.");
  g_assert_cmpstr (import (f, 2, dsn), ==, "ignored");
  g_assert_cmpint (count (f, "SELECT count(*) FROM tickets"), ==, 0);
}

/* ---- against real servers ---------------------------------------------------- */

/* The servers, and their CA trusted; FALSE (test skipped) when Dovecot or
 * aiosmtpd is not installed */
static gboolean
start_servers (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->servers = pacta_mail_servers_start (&error);
  if (f->servers == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_test_skip (error->message);
      return FALSE;
    }
  g_assert_no_error (error);
  pacta_mail_transport_set_test_ca (pacta_mail_servers_get_ca_file (f->servers));
  pacta_mail_transport_set_test_timeout (5);
  return TRUE;
}

static void
save_account (Fixture           *f,
              PactaMailSecurity  imap,
              PactaMailSecurity  smtp)
{
  g_autoptr(PactaMailAccount) account = pacta_mail_servers_account (f->servers, imap, smtp);
  g_autoptr(GError) error = NULL;

  g_assert_true (pacta_context_save_mail_account (f->context, account, PACTA_TEST_MAIL_PASSWORD, NULL, &error));
  g_assert_no_error (error);
}

/* The core doesn't draw: a small stand-in PDF that names the invoice */
static gboolean
render_stub (PactaDatabase  *database,
             gint64          invoice_id,
             GFile          *file,
             gpointer        user_data,
             GError        **error)
{
  g_autofree char *pdf = g_strdup_printf ("%%PDF-1.4\n%% invoice %" G_GINT64_FORMAT "\n%%%%EOF\n", invoice_id);

  return g_file_replace_contents (file, pdf, strlen (pdf), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error);
}

static PactaMailSendReport
send_outbox (Fixture *f)
{
  PactaMailSendReport report = { 0, };
  g_autoptr(GError) error = NULL;

  pacta_context_set_invoice_renderer (f->context, render_stub, NULL);
  g_assert_true (pacta_context_send_mail (f->context, NULL, NULL, &report, NULL, &error));
  g_assert_no_error (error);
  return report;
}

static PactaMailFetchReport
fetch (Fixture *f)
{
  PactaMailFetchReport report = { 0, };
  g_autoptr(GError) error = NULL;

  g_assert_true (pacta_context_fetch_mail (f->context, NULL, NULL, &report, NULL, &error));
  g_assert_no_error (error);
  return report;
}

static void
deliver (Fixture    *f,
         const char *folder,
         GBytes     *raw)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = g_strndup (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw));
  guint64 uid = pacta_mail_servers_deliver (f->servers, folder, message, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (uid, >, 0);
}

/* The billed month's invoice, in the outbox */
static void
bill_and_queue (Fixture *f)
{
  PactaMailQueueReport report = { 0, };
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = pacta_test_bill (f->context, "2026-11");

  g_assert_cmpuint (g_strv_length (numbers), ==, 1);
  g_assert_true (pacta_context_queue_invoice_mail (f->context, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_queued, ==, 1);
  pacta_mail_queue_report_clear (&report);
}

static PactaMailMessage *
received_message (Fixture *f,
                  guint    index,
                  guint    expected_total)
{
  g_autoptr(GPtrArray) received = pacta_mail_servers_received (f->servers);
  g_autoptr(GError) error = NULL;
  PactaReceivedMail *mail;
  PactaMailMessage *message;

  g_assert_cmpuint (received->len, ==, expected_total);
  mail = g_ptr_array_index (received, index);
  message = pacta_mail_message_parse (mail->data, &error);
  g_assert_no_error (error);
  return message;
}

static void
test_account (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PactaMailAccount) account = NULL;
  g_autoptr(PactaMailAccount) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;

  if (!start_servers (f))
    return;
  account = pacta_mail_servers_account (f->servers, PACTA_MAIL_SECURITY_STARTTLS, PACTA_MAIL_SECURITY_STARTTLS);

  /* A wrong password: the server's own words, and nothing kept */
  g_assert_false (pacta_context_save_mail_account (f->context, account, "wrong", NULL, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "Authentication failed"));
  g_clear_error (&error);
  g_assert_null (pacta_context_get_mail_account (f->context));

  /* Plain text to a remote server is refused before any connection */
  {
    g_autoptr(PactaMailAccount) plain = pacta_mail_account_copy (account);

    g_free (plain->smtp_host);
    plain->smtp_host = g_strdup ("mail.example.com");
    plain->smtp_security = PACTA_MAIL_SECURITY_NONE;
    g_assert_false (pacta_context_save_mail_account (f->context, plain, PACTA_TEST_MAIL_PASSWORD, NULL, &error));
    g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
    g_clear_error (&error);
  }

  /* Right: both servers tried (STARTTLS), then kept; the password in the keyring only */
  g_assert_true (pacta_context_save_mail_account (f->context, account, PACTA_TEST_MAIL_PASSWORD, NULL, &error));
  g_assert_no_error (error);
  saved = pacta_context_get_mail_account (f->context);
  g_assert_nonnull (saved);
  g_assert_cmpuint (saved->imap_port, ==, account->imap_port);
  g_assert_cmpint (saved->smtp_security, ==, PACTA_MAIL_SECURITY_STARTTLS);
  secret = pacta_secrets_lookup (f->secrets, PACTA_MAIL_SECRET_SERVICE, PACTA_TEST_MAIL_USER "@127.0.0.1", NULL, &error);
  g_assert_cmpstr (secret, ==, PACTA_TEST_MAIL_PASSWORD);
  g_assert_cmpint (count (f, "SELECT count(*) FROM settings WHERE value LIKE '%" PACTA_TEST_MAIL_PASSWORD "%'"), ==, 0);

  /* Forgotten: the account and the password */
  g_assert_true (pacta_context_forget_mail_account (f->context, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (pacta_context_get_mail_account (f->context));
  g_clear_pointer (&secret, g_free);
  secret = pacta_secrets_lookup (f->secrets, PACTA_MAIL_SECRET_SERVICE, PACTA_TEST_MAIL_USER "@127.0.0.1", NULL, &error);
  g_assert_null (secret);
}

static void
test_send_invoice (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PactaMailMessage) message = NULL;
  g_autoptr(GPtrArray) received = NULL;
  g_autofree char *message_id = NULL;
  PactaMailSendReport report;
  PactaMailAttachment *pdf;
  PactaReceivedMail *envelope;
  const char *language = data;

  if (!start_servers (f))
    return;
  save_account (f, PACTA_MAIL_SECURITY_TLS, PACTA_MAIL_SECURITY_TLS);
  if (g_str_equal (language, "en"))
    exec_sql (f->db, "UPDATE billing_info SET language = 'en'");
  bill_and_queue (f);

  report = send_outbox (f);
  g_assert_cmpuint (report.n_sent, ==, 1);
  g_assert_cmpuint (report.n_failed + report.n_unknown + report.n_deferred, ==, 0);

  received = pacta_mail_servers_received (f->servers);
  g_assert_cmpuint (received->len, ==, 1);
  envelope = g_ptr_array_index (received, 0);
  g_assert_cmpstr (envelope->mail_from, ==, "billing@msp.test");
  g_assert_cmpstr (envelope->rcpt_to[0], ==, "facturas@cliente.test");
  g_assert_null (envelope->rcpt_to[1]);

  message = received_message (f, 0, 1);
  message_id = text (f, "SELECT message_id FROM mail_outbox WHERE id = ?1", count (f, "SELECT id FROM mail_outbox"));
  g_assert_cmpstr (message->message_id, ==, message_id);
  g_assert_cmpstr (message->from_address, ==, "billing@msp.test");
  if (g_str_equal (language, "es"))
    {
      g_assert_true (g_str_has_prefix (message->subject, "Factura "));
      g_assert_nonnull (strstr (message->body, "Le adjuntamos nuestra factura"));
    }
  else
    {
      g_assert_true (g_str_has_prefix (message->subject, "Invoice "));
      g_assert_nonnull (strstr (message->body, "Please find attached our invoice"));
    }
  g_assert_nonnull (strstr (message->subject, "MSP Test S.L."));
  g_assert_cmpuint (message->attachments->len, ==, 1);
  pdf = g_ptr_array_index (message->attachments, 0);
  g_assert_true (g_str_has_suffix (pdf->filename, ".pdf"));
  g_assert_cmpstr (pdf->content_type, ==, "application/pdf");
  g_assert_cmpmem (g_bytes_get_data (pdf->data, NULL), 5, "%PDF-", 5);

  /* Sent: shown on the invoice, and never again */
  g_assert_cmpint (count (f, "SELECT count(*) FROM mail_outbox WHERE state = 'sent' AND sent_at IS NOT NULL"), ==, 1);
  report = send_outbox (f);
  g_assert_cmpuint (report.n_sent, ==, 0);
  g_clear_pointer (&received, g_ptr_array_unref);
  received = pacta_mail_servers_received (f->servers);
  g_assert_cmpuint (received->len, ==, 1);
}

static void
test_send_faults (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GBytes) raw = mail ("ana@cliente.test", "VPN", "f1@cliente.test", NULL, "Hola");
  g_autoptr(GPtrArray) received = NULL;
  g_autoptr(PactaInvoiceMailing) mailing = NULL;
  g_autoptr(GError) error = NULL;
  PactaMailSendReport report;
  gint64 invoice;

  if (!start_servers (f))
    return;
  save_account (f, PACTA_MAIL_SECURITY_TLS, PACTA_MAIL_SECURITY_STARTTLS);
  bill_and_queue (f);
  invoice = count (f, "SELECT id FROM invoices");
  g_assert_cmpstr (import (f, 1, raw), ==, "ticket");
  g_assert_cmpint (pacta_context_reply_to_ticket (f->context, count (f, "SELECT id FROM tickets"), "Marta", "Respuesta",
                                                  NULL), >, 0);

  /* The invoice's address refused: failed with the server's words; the reply goes */
  pacta_mail_servers_smtp_refuse_recipient (f->servers, "facturas@cliente.test");
  report = send_outbox (f);
  g_assert_cmpuint (report.n_sent, ==, 1);
  g_assert_cmpuint (report.n_failed, ==, 1);
  mailing = pacta_context_invoice_mailing (f->context, invoice, &error);
  g_assert_cmpint (mailing->state, ==, PACTA_MAIL_STATE_FAILED);
  g_assert_nonnull (strstr (mailing->error, "550"));
  g_clear_pointer (&mailing, pacta_invoice_mailing_free);
  pacta_mail_servers_smtp_clear_faults (f->servers);

  /* Sent again when asked, once the address is right; first the server says later */
  exec_sql (f->db, "UPDATE billing_info SET invoice_email = 'cuentas@cliente.test'");
  g_assert_true (pacta_context_resend_invoice_mail (f->context, invoice, &error));
  g_assert_no_error (error);
  pacta_mail_servers_smtp_defer_next (f->servers, 1);
  report = send_outbox (f);
  g_assert_cmpuint (report.n_deferred, ==, 1);
  mailing = pacta_context_invoice_mailing (f->context, invoice, &error);
  g_assert_cmpint (mailing->state, ==, PACTA_MAIL_STATE_QUEUED);
  g_assert_nonnull (strstr (mailing->error, "451"));
  g_clear_pointer (&mailing, pacta_invoice_mailing_free);

  /* The connection ends after the data, before the server's answer: perhaps
   * sent, so shown, and not sent by a later pass */
  pacta_mail_servers_smtp_drop_after_data (f->servers, 1);
  report = send_outbox (f);
  g_assert_cmpuint (report.n_unknown, ==, 1);
  mailing = pacta_context_invoice_mailing (f->context, invoice, &error);
  g_assert_cmpint (mailing->state, ==, PACTA_MAIL_STATE_UNKNOWN);
  g_clear_pointer (&mailing, pacta_invoice_mailing_free);
  report = send_outbox (f);
  g_assert_cmpuint (report.n_sent + report.n_unknown + report.n_deferred, ==, 0);
  received = pacta_mail_servers_received (f->servers);
  g_assert_cmpuint (received->len, ==, 1);   /* the reply only */
  g_clear_pointer (&received, g_ptr_array_unref);

  /* Asked for again: the same Message-ID, sent */
  g_assert_true (pacta_context_resend_invoice_mail (f->context, invoice, &error));
  report = send_outbox (f);
  g_assert_cmpuint (report.n_sent, ==, 1);
  received = pacta_mail_servers_received (f->servers);
  g_assert_cmpuint (received->len, ==, 2);
  g_assert_cmpstr (((PactaReceivedMail *) g_ptr_array_index (received, 1))->rcpt_to[0], ==, "cuentas@cliente.test");
  mailing = pacta_context_invoice_mailing (f->context, invoice, &error);
  g_assert_cmpint (mailing->state, ==, PACTA_MAIL_STATE_SENT);
  g_assert_cmpstr (mailing->recipient, ==, "cuentas@cliente.test");
}

static void
test_send_offline (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PactaMailSendReport report = { 0, };

  if (!start_servers (f))
    return;
  save_account (f, PACTA_MAIL_SECURITY_TLS, PACTA_MAIL_SECURITY_TLS);
  bill_and_queue (f);
  /* The laptop is offline: nothing answers on the SMTP port */
  exec_sql (f->db, "UPDATE settings SET value = '1' WHERE key = 'mail-smtp-port'");
  pacta_context_set_invoice_renderer (f->context, render_stub, NULL);
  g_assert_false (pacta_context_send_mail (f->context, NULL, NULL, &report, NULL, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_NETWORK);
  g_assert_cmpuint (report.n_deferred, ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM mail_outbox WHERE state = 'queued' AND attempts = 1"), ==, 1);
  g_clear_error (&error);

  /* Back online: sent */
  {
    g_autofree char *port = g_strdup_printf ("UPDATE settings SET value = '%u' WHERE key = 'mail-smtp-port'",
                                             pacta_mail_servers_get_smtp_port (f->servers, PACTA_MAIL_SECURITY_TLS));
    exec_sql (f->db, port);
  }
  report = send_outbox (f);
  g_assert_cmpuint (report.n_sent, ==, 1);
}

static void
test_fetch (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GBytes) known = mail ("Ana Ruiz <ana@cliente.test>", "No arranca", "n1@cliente.test", NULL, "El portátil no arranca.");
  g_autoptr(GBytes) stranger = mail ("pat@nuevo.test", "Presupuesto", "n2@nuevo.test", NULL, "Hola");
  g_autoptr(GBytes) later = mail ("luis@otro.test", "Otra", "n3@otro.test", NULL, "Hola");
  PactaMailFetchReport report;

  if (!start_servers (f))
    return;
  save_account (f, PACTA_MAIL_SECURITY_TLS, PACTA_MAIL_SECURITY_TLS);
  deliver (f, "INBOX", known);
  deliver (f, "INBOX", stranger);
  g_assert_cmpint (pacta_mail_servers_count (f->servers, "INBOX", "UNSEEN"), ==, 2);

  report = fetch (f);
  g_assert_cmpuint (report.n_read, ==, 2);
  g_assert_cmpuint (report.n_tickets, ==, 1);
  g_assert_cmpuint (report.n_unassigned, ==, 1);
  g_assert_cmpint (count (f, "SELECT customer_id FROM tickets"), ==, f->customer);
  /* Left in the mailbox, flagged read */
  g_assert_cmpint (pacta_mail_servers_count (f->servers, "INBOX", "ALL"), ==, 2);
  g_assert_cmpint (pacta_mail_servers_count (f->servers, "INBOX", "SEEN"), ==, 2);

  /* Again: nothing new; then only what arrived since */
  report = fetch (f);
  g_assert_cmpuint (report.n_read, ==, 0);
  deliver (f, "INBOX", later);
  report = fetch (f);
  g_assert_cmpuint (report.n_read, ==, 1);
  g_assert_cmpuint (report.n_tickets, ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM tickets"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM mail_inbox"), ==, 3);
}

static void
test_fetch_done_folder (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GBytes) known = mail ("ana@cliente.test", "Mover", "d1@cliente.test", NULL, "Hola");
  g_autoptr(PactaMailAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  PactaMailFetchReport report;

  if (!start_servers (f))
    return;
  account = pacta_mail_servers_account (f->servers, PACTA_MAIL_SECURITY_TLS, PACTA_MAIL_SECURITY_TLS);
  account->done_folder = g_strdup ("Processed");
  g_assert_true (pacta_context_save_mail_account (f->context, account, PACTA_TEST_MAIL_PASSWORD, NULL, &error));
  g_assert_no_error (error);
  deliver (f, "Processed", known);   /* makes the folder */
  deliver (f, "INBOX", known);
  report = fetch (f);
  g_assert_cmpuint (report.n_tickets, ==, 1);
  g_assert_cmpint (pacta_mail_servers_count (f->servers, "INBOX", "ALL"), ==, 0);
  g_assert_cmpint (pacta_mail_servers_count (f->servers, "Processed", "ALL"), ==, 2);
}

static void
test_fetch_cut (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *port = NULL;
  PactaMailFetchReport report = { 0, };
  GString *long_body = g_string_new (NULL);
  gint64 kept;

  if (!start_servers (f))
    return;
  save_account (f, PACTA_MAIL_SECURITY_TLS, PACTA_MAIL_SECURITY_TLS);
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (long_body, "Línea %04u del registro de errores del servidor.\r\n", i);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("cut%u@cliente.test", i);
      g_autoptr(GBytes) raw = mail ("ana@cliente.test", "Registro", id, NULL, long_body->str);

      deliver (f, "INBOX", raw);
    }

  /* The connection cut in the middle of the second message */
  port = g_strdup_printf ("UPDATE settings SET value = '%u' WHERE key = 'mail-imap-port'",
                          pacta_mail_servers_imap_cut_proxy (f->servers, (gsize) (long_body->len * 3 / 2)));
  exec_sql (f->db, port);
  g_assert_false (pacta_context_fetch_mail (f->context, NULL, NULL, &report, NULL, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_NETWORK);
  g_clear_error (&error);
  kept = count (f, "SELECT count(*) FROM tickets");
  g_assert_cmpint (kept, <, 4);
  g_assert_cmpuint (report.n_read, ==, (guint) kept);
  /* What was kept is whole */
  g_assert_cmpint (count (f, "SELECT count(*) FROM ticket_updates WHERE length(body) < 90000"), ==, 0);

  /* Connected again: the rest, each once */
  g_clear_pointer (&port, g_free);
  port = g_strdup_printf ("UPDATE settings SET value = '%u' WHERE key = 'mail-imap-port'",
                          pacta_mail_servers_get_imap_port (f->servers, PACTA_MAIL_SECURITY_TLS));
  exec_sql (f->db, port);
  report = fetch (f);
  g_assert_cmpuint (report.n_read, ==, (guint) (4 - kept));
  g_assert_cmpint (count (f, "SELECT count(*) FROM tickets"), ==, 4);
  g_assert_cmpint (count (f, "SELECT count(DISTINCT message_id) FROM ticket_updates"), ==, 4);
  g_assert_cmpint (count (f, "SELECT count(*) FROM ticket_updates WHERE length(body) < 90000"), ==, 0);
  g_string_free (long_body, TRUE);
}

static void
test_fetch_wrong_password (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PactaMailFetchReport report = { 0, };

  if (!start_servers (f))
    return;
  save_account (f, PACTA_MAIL_SECURITY_STARTTLS, PACTA_MAIL_SECURITY_STARTTLS);
  /* The password was changed on the server since */
  g_assert_true (pacta_secrets_store (f->secrets, PACTA_MAIL_SECRET_SERVICE, PACTA_TEST_MAIL_USER "@127.0.0.1", "x",
                                      "old password", NULL, &error));
  g_assert_false (pacta_context_fetch_mail (f->context, NULL, NULL, &report, NULL, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "Authentication failed"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM mail_inbox"), ==, 0);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GBytes) question = mail ("Ana Ruiz <ana@cliente.test>", "Copias de seguridad", "q1@cliente.test", NULL,
                                     "¿Se hizo la copia anoche?");
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(PactaMailMessage) reply = NULL;
  g_autofree char *number = NULL;
  g_autofree char *in_reply_to = NULL;
  PactaMailFetchReport fetched;
  PactaMailSendReport sent;
  gint64 ticket;

  if (!start_servers (f))
    return;
  save_account (f, PACTA_MAIL_SECURITY_TLS, PACTA_MAIL_SECURITY_TLS);
  deliver (f, "INBOX", question);
  fetched = fetch (f);
  g_assert_cmpuint (fetched.n_tickets, ==, 1);
  ticket = count (f, "SELECT id FROM tickets");
  number = text (f, "SELECT number FROM tickets WHERE id = ?1", ticket);
  exec_sql (f->db, "UPDATE tickets SET status = 'waiting'");

  /* The technician's reply reaches the customer, threaded */
  g_assert_cmpint (pacta_context_reply_to_ticket (f->context, ticket, "Marta", "Sí, terminó a las 2:14.", NULL), >, 0);
  sent = send_outbox (f);
  g_assert_cmpuint (sent.n_sent, ==, 1);
  reply = received_message (f, 0, 1);
  g_assert_nonnull (strstr (reply->subject, number));
  g_assert_cmpstr (reply->in_reply_to, ==, "q1@cliente.test");
  g_assert_cmpstr (reply->references[0], ==, "q1@cliente.test");
  g_assert_cmpstr (reply->from_address, ==, "support@msp.test");
  g_assert_cmpstr (reply->body, ==, "Sí, terminó a las 2:14.");

  /* The customer answers the reply (no number in the subject): the same ticket */
  in_reply_to = g_strdup_printf ("In-Reply-To: <%s>\r\nReferences: <q1@cliente.test> <%s>\r\n",
                                 reply->message_id, reply->message_id);
  answer = mail ("ana@cliente.test", "Re: Copias", "q2@cliente.test", in_reply_to, "Gracias.");
  deliver (f, "INBOX", answer);
  fetched = fetch (f);
  g_assert_cmpuint (fetched.n_updates, ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM tickets"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM ticket_updates"), ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM tickets WHERE status = 'in_progress'"), ==, 1);
}

/* A server that takes the connection and never says a word: the check and
 * the send give up after the timeout, nothing lost */
static void
test_silent_server (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GSocket) silent = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  PactaMailFetchReport fetched = { 0, };
  PactaMailSendReport sent = { 0, };
  guint port;
  gint64 started;

  if (!start_servers (f))
    return;
  save_account (f, PACTA_MAIL_SECURITY_TLS, PACTA_MAIL_SECURITY_TLS);
  bill_and_queue (f);

  /* Listening, never accepting: the kernel completes the connection, no
   * greeting ever comes */
  silent = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (silent, address, TRUE, &error));
  g_assert_true (g_socket_listen (silent, &error));
  g_clear_object (&address);
  address = g_socket_get_local_address (silent, &error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
  sql = g_strdup_printf ("UPDATE settings SET value = '%u' WHERE key IN ('mail-imap-port', 'mail-smtp-port')", port);
  exec_sql (f->db, sql);
  pacta_mail_transport_set_test_timeout (2);

  started = g_get_monotonic_time ();
  g_assert_false (pacta_context_fetch_mail (f->context, NULL, NULL, &fetched, NULL, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_NETWORK);
  g_clear_error (&error);
  pacta_context_set_invoice_renderer (f->context, render_stub, NULL);
  g_assert_false (pacta_context_send_mail (f->context, NULL, NULL, &sent, NULL, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_NETWORK);
  /* Given up after the timeout, not hung */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 60 * G_USEC_PER_SEC);
  g_assert_cmpint (count (f, "SELECT count(*) FROM mail_outbox WHERE state = 'queued'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM mail_inbox"), ==, 0);
}

static void
on_service_changed_cb (PactaMailService *service,
                       GMainLoop        *loop)
{
  if (!pacta_mail_service_get_busy (service))
    g_main_loop_quit (loop);
}

static void
on_service_report_cb (PactaMailService *service,
                      const char       *message,
                      gboolean          problem,
                      GPtrArray        *reports)
{
  g_ptr_array_add (reports, g_strdup (message));
}

/* While the window is open: what came in is read at once, and what is put
 * in the outbox goes by itself */
static void
test_service (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GBytes) question = mail ("Ana Ruiz <ana@cliente.test>", "Servicio", "sv1@cliente.test", NULL, "Hola");
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) received = NULL;
  g_autoptr(PactaMailService) service = NULL;
  gint64 ticket;

  if (!start_servers (f))
    return;
  save_account (f, PACTA_MAIL_SECURITY_TLS, PACTA_MAIL_SECURITY_TLS);
  deliver (f, "INBOX", question);
  pacta_context_set_invoice_renderer (f->context, render_stub, NULL);

  service = pacta_mail_service_new (f->context, NULL);
  g_signal_connect (service, "changed", G_CALLBACK (on_service_changed_cb), loop);
  g_signal_connect (service, "report", G_CALLBACK (on_service_report_cb), reports);
  g_main_loop_run (loop);
  g_assert_cmpint (count (f, "SELECT count(*) FROM tickets"), ==, 1);
  g_assert_cmpuint (reports->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (reports, 0), "1"));

  /* A reply written: sent without being asked */
  ticket = count (f, "SELECT id FROM tickets");
  g_assert_cmpint (pacta_context_reply_to_ticket (f->context, ticket, "Marta", "Respuesta", NULL), >, 0);
  g_main_loop_run (loop);
  g_assert_cmpint (count (f, "SELECT count(*) FROM mail_outbox WHERE state = 'sent'"), ==, 1);
  received = pacta_mail_servers_received (f->servers);
  g_assert_cmpuint (received->len, ==, 1);
  g_assert_null (pacta_mail_service_get_last_error (service));
  g_object_run_dispose (G_OBJECT (service));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, set_up, func, tear_down)
  ADD ("/mail/import/new-ticket", test_new_ticket);
  ADD ("/mail/import/thread", test_thread);
  ADD ("/mail/import/unassigned", test_unassigned);
  ADD ("/mail/import/once", test_once);
  ADD ("/mail/import/ignored", test_ignored);
  ADD ("/mail/import/hostile", test_hostile);
  ADD ("/mail/outbox/queue", test_queue);
  ADD ("/mail/outbox/queue-since", test_queue_since);
  ADD ("/mail/outbox/reply", test_reply);
  ADD ("/mail/outbox/settle", test_settle);
  ADD ("/mail/outbox/bounce", test_bounce);
  ADD ("/mail/servers/account", test_account);
  g_test_add ("/mail/servers/send-invoice/es", Fixture, "es", set_up, test_send_invoice, tear_down);
  g_test_add ("/mail/servers/send-invoice/en", Fixture, "en", set_up, test_send_invoice, tear_down);
  ADD ("/mail/servers/send-faults", test_send_faults);
  ADD ("/mail/servers/send-offline", test_send_offline);
  ADD ("/mail/servers/fetch", test_fetch);
  ADD ("/mail/servers/fetch-done-folder", test_fetch_done_folder);
  ADD ("/mail/servers/fetch-cut", test_fetch_cut);
  ADD ("/mail/servers/fetch-wrong-password", test_fetch_wrong_password);
  ADD ("/mail/servers/round-trip", test_round_trip);
  ADD ("/mail/servers/service", test_service);
  ADD ("/mail/servers/silent", test_silent_server);
#undef ADD

  return g_test_run ();
}
