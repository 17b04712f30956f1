/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-mail.c: the command line against real mail servers on 127.0.0.1
 * (Dovecot and aiosmtpd) — --mail-account (the password from a file, into
 * the keyring only), --fetch-mail, --billing-run with --send-invoices —
 * each in a pacta process of its own; and pacta killed while it hands an
 * invoice to the SMTP server: every invoice reaches its customer once, the
 * one whose fate is unknown is shown, never sent again by itself. Runs
 * under keyring-session.sh: a keyring of the test's own. */
#define _GNU_SOURCE
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "pacta-mail-servers.h"
#include "pacta-test-util.h"

/* The app clock, here and in every pacta the test starts */
#define NOW   "2026-12-01T09:00:00+01:00"
/* Past the time a message handed over may still be on its way */
#define LATER "2026-12-01T09:20:00+01:00"

typedef struct
{
  PactaTestFile     file;
  PactaMailServers *servers;
  char             *account_file;
  char             *password_file;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  pacta_test_file_set_up (&f->file, data);
  g_setenv ("PACTA_NOW", NOW, TRUE);
  pacta_test_set_clock ("Europe/Madrid", NOW);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->servers, pacta_mail_servers_stop);
  g_free (f->account_file);
  g_free (f->password_file);
  g_unsetenv ("PACTA_NOW");
  g_unsetenv ("PACTA_MAIL_CA");
  pacta_test_file_tear_down (&f->file, data);
  pacta_test_clock_reset ();
}

static gboolean
in_keyring_session (void)
{
  if (g_getenv ("PACTA_KEYRING_SESSION") == NULL)
    {
      g_test_skip ("needs a keyring of its own: run under keyring-session.sh");
      return FALSE;
    }
  return TRUE;
}

/* The servers, their CA for the children, the account's key file and the
 * password's file; FALSE (skipped) without Dovecot or aiosmtpd */
static gboolean
start (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *account = NULL;

  if (!in_keyring_session ())
    return FALSE;
  f->servers = pacta_mail_servers_start (&error);
  if (f->servers == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_test_skip (error->message);
      return FALSE;
    }
  g_assert_no_error (error);
  g_setenv ("PACTA_MAIL_CA", pacta_mail_servers_get_ca_file (f->servers), TRUE);
  account = g_strdup_printf ("[Mail]\n"
                             "imap-host=127.0.0.1\nimap-port=%u\nimap-security=tls\n"
                             "smtp-host=127.0.0.1\nsmtp-port=%u\nsmtp-security=starttls\n"
                             "user=%s\n",
                             pacta_mail_servers_get_imap_port (f->servers, PACTA_MAIL_SECURITY_TLS),
                             pacta_mail_servers_get_smtp_port (f->servers, PACTA_MAIL_SECURITY_STARTTLS),
                             PACTA_TEST_MAIL_USER);
  f->account_file = pacta_test_write_file (f->file.dir, "mail.ini", account, -1);
  f->password_file = pacta_test_write_file (f->file.dir, "password.txt", PACTA_TEST_MAIL_PASSWORD "\n", -1);
  return TRUE;
}

/* Three customers billed for November, each with an invoice email; the
 * company's own; the account's day far back, so that all three are mailed */
static void
three_invoices (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaContext) context = NULL;
  g_autoptr(GArray) others = NULL;
  g_auto(GStrv) numbers = NULL;
  PactaDatabase *db;
  gint64 item;

  context = pacta_test_open_billable (f->file.dir);
  db = pacta_context_get_database (context);
  item = pacta_database_count (db, "SELECT id FROM catalog_items WHERE name = 'Workstations'", NULL);
  for (guint i = 0; i < 2; i++)
    {
      gint64 customer = pacta_database_count (db, "SELECT min(id) FROM customers"
                                                  " WHERE id NOT IN (SELECT customer_id FROM billing_info)", NULL);
      pacta_test_give_contract (context, customer, item, FALSE, i == 0 ? "Talleres S.L." : "Clínica S.L.");
    }
  numbers = pacta_test_bill (context, "2026-11");
  g_assert_cmpuint (g_strv_length (numbers), ==, 3);
  g_assert_true (pacta_database_exec (db, "UPDATE billing_info SET invoice_email = 'facturas' || customer_id || '@cliente.test'",
                                      &error));
  g_assert_no_error (error);
  g_assert_true (pacta_database_set_setting (db, "invoice-email", "billing@msp.test", &error));
  g_assert_true (pacta_database_set_setting (db, "mail-invoices-since", "2000-01-01", &error));
  g_assert_no_error (error);
  /* The children use the same file */
  g_clear_object (&context);
  g_free (f->file.path);
  f->file.path = g_build_filename (f->file.dir, "platform.sqlite", NULL);
}

static void
set_account (Fixture *f)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->file.path, "--mail-account", f->account_file,
                                   "--password-file", f->password_file, NULL), ==, 0);
  g_assert_nonnull (strstr (out, PACTA_TEST_MAIL_USER));
}

static void
test_journey (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *wrong = NULL;
  g_autofree char *with_password = NULL;
  g_autoptr(GPtrArray) received = NULL;
  g_autoptr(GError) error = NULL;
  const char *question = "From: Ana <facturas1@cliente.test>\r\nTo: support@msp.test\r\nSubject: Ayuda\r\n"
                         "Message-ID: <cli1@cliente.test>\r\n\r\nNo funciona el correo.\r\n";

  if (!start (f))
    return;
  three_invoices (f);

  /* A wrong password: the server's words, nothing kept */
  wrong = pacta_test_write_file (f->file.dir, "wrong.txt", "nope", -1);
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->file.path, "--mail-account", f->account_file,
                                   "--password-file", wrong, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Authentication failed"));
  g_assert_cmpint (pacta_test_count_rows (f->file.path, "SELECT count(*) FROM settings WHERE key LIKE 'mail-%host'"), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A password in the account's file is refused */
  with_password = pacta_test_write_file (f->file.dir, "bad.ini", "[Mail]\nimap-host=x\nsmtp-host=x\nuser=u\npassword=p\n", -1);
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->file.path, "--mail-account", with_password,
                                   "--password-file", f->password_file, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "keyring"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  set_account (f);
  /* The password is in the keyring, nowhere in the database */
  g_assert_cmpint (pacta_test_count_rows (f->file.path, "SELECT count(*) FROM settings WHERE value LIKE '%"
                                          PACTA_TEST_MAIL_PASSWORD "%'"), ==, 0);

  /* A customer writes: a ticket */
  g_assert_cmpuint (pacta_mail_servers_deliver (f->servers, "INBOX", question, &error), >, 0);
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->file.path, "--fetch-mail", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "1 new ticket"));
  g_assert_cmpint (pacta_test_count_rows (f->file.path, "SELECT count(*) FROM tickets"), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The invoices go out, each once */
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->file.path, "--send-invoices", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "3 invoices put in the outbox"));
  g_assert_nonnull (strstr (out, "3 messages sent"));
  received = pacta_mail_servers_received (f->servers);
  g_assert_cmpuint (received->len, ==, 3);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->file.path, "--send-invoices", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Nothing waited in the outbox"));
  g_clear_pointer (&received, g_ptr_array_unref);
  received = pacta_mail_servers_received (f->servers);
  g_assert_cmpuint (received->len, ==, 3);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Forgotten: nothing more is read or sent, and the command line says why */
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->file.path, "--forget-mail-account", NULL), ==, 0);
  g_assert_cmpint (pacta_test_count_rows (f->file.path, "SELECT count(*) FROM settings WHERE key LIKE 'mail-%host'"
                                                        " AND value IS NOT NULL"), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->file.path, "--fetch-mail", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "No mail account"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->file.path, "--send-invoices", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--mail-account"));
}

/* The messages the server took, by recipient */
static guint
count_to (GPtrArray  *received,
          const char *recipient)
{
  guint n = 0;

  for (guint i = 0; i < received->len; i++)
    n += g_strcmp0 (((PactaReceivedMail *) g_ptr_array_index (received, i))->rcpt_to[0], recipient) == 0;
  return n;
}

static void
test_killed_while_sending (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GSubprocess) pacta = NULL;
  g_autoptr(GPtrArray) received = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *binary = g_getenv ("PACTA_BIN");
  gint64 deadline;

  if (!start (f))
    return;
  three_invoices (f);
  set_account (f);

  /* The server keeps the second message, then holds its answer: pacta is
   * killed while the invoice is in the server's hands, before it could
   * write down that it went */
  pacta_mail_servers_smtp_hold_after_data (f->servers, 2);
  pacta = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                            binary, "--database", f->file.path, "--send-invoices", NULL);
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (pacta_mail_servers_held (f->servers) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10000);   /* polls the server's state, not a guess at time */
    }
  g_subprocess_send_signal (pacta, SIGKILL);
  g_subprocess_wait (pacta, NULL, &error);
  g_assert_no_error (error);
  pacta_mail_servers_smtp_release (f->servers);

  received = pacta_mail_servers_received (f->servers);
  g_assert_cmpuint (received->len, ==, 2);
  g_assert_cmpint (pacta_test_count_rows (f->file.path, "SELECT count(*) FROM mail_outbox WHERE state = 'sent'"), ==, 1);
  g_assert_cmpint (pacta_test_count_rows (f->file.path, "SELECT count(*) FROM mail_outbox WHERE state = 'sending'"), ==, 1);

  /* Run again at once: the one being handed over may still be on its way,
   * so it is left alone; the third goes */
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->file.path, "--send-invoices", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&received, g_ptr_array_unref);
  received = pacta_mail_servers_received (f->servers);
  g_assert_cmpuint (received->len, ==, 3);

  /* Later: it is shown as perhaps sent, and not sent again */
  g_setenv ("PACTA_NOW", LATER, TRUE);
  g_assert_cmpint (pacta_test_run (&out, &err, "--database", f->file.path, "--send-invoices", NULL), ==, 0);
  g_assert_cmpint (pacta_test_count_rows (f->file.path, "SELECT count(*) FROM mail_outbox WHERE state = 'unknown'"), ==, 1);
  g_assert_cmpint (pacta_test_count_rows (f->file.path, "SELECT count(*) FROM mail_outbox WHERE state = 'sent'"), ==, 2);
  g_clear_pointer (&received, g_ptr_array_unref);
  received = pacta_mail_servers_received (f->servers);
  g_assert_cmpuint (received->len, ==, 3);
  /* Each customer got its invoice exactly once */
  for (gint64 id = 1; id <= 3; id++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT recipient FROM mail_outbox WHERE id = %" G_GINT64_FORMAT, id);
      sqlite3 *db = NULL;
      sqlite3_stmt *stmt = NULL;
      g_autofree char *recipient = NULL;

      g_assert_cmpint (sqlite3_open_v2 (f->file.path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      recipient = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
      sqlite3_close (db);
      g_assert_cmpuint (count_to (received, recipient), ==, 1);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/mail/journey", Fixture, NULL, fixture_set_up, test_journey, fixture_tear_down);
  g_test_add ("/cli/mail/killed-while-sending", Fixture, NULL, fixture_set_up, test_killed_while_sending,
              fixture_tear_down);

  return g_test_run ();
}
