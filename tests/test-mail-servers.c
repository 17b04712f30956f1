/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-mail-servers.c: the tests' own mail servers (pacta-mail-servers.c) checked with curl and Python's smtplib */

#include "config.h"

#include <string.h>

#include "pacta-mail-servers.h"
#include "pacta-test-util.h"

typedef struct
{
  PactaMailServers *servers;
} Fixture;

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();

  f->servers = pacta_mail_servers_start (&error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_test_skip (error->message);
      return;
    }
  g_assert_no_error (error);
  g_assert_nonnull (f->servers);
  g_test_message ("mail servers started in %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - started) / 1000);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  g_clear_pointer (&f->servers, pacta_mail_servers_stop);
}

/* ---- clients ---------------------------------------------------------------- */

/* Runs a program; its exit status, its standard output in @out */
static int
run (char       **out,
     const char  *first,
     ...) G_GNUC_NULL_TERMINATED;

static int
run (char       **out,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = -1;
  va_list args;

  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, &err, &status, &error);
  g_assert_no_error (error);
  if (err != NULL && *err != '\0')
    g_test_message ("%s: %s", first, g_strstrip (err));
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* curl on IMAP as the test user (@password), never through a proxy the
 * environment may name; its exit status */
static int
curl_imap (PactaMailServers  *servers,
           const char        *url,
           const char        *password,
           const char        *extra,
           char             **out)
{
  g_autofree char *login = g_strconcat (PACTA_TEST_MAIL_USER, ":", password, NULL);

  return run (out, "curl", "-sS", "--noproxy", "*", "--max-time", "30", "--cacert",
              pacta_mail_servers_get_ca_file (servers), "-u", login, url, extra, NULL);
}

static char *
imap_url (const char *scheme,
          guint       port,
          const char *path)
{
  return g_strdup_printf ("%s://127.0.0.1:%u/%s", scheme, port, path);
}

/* One message by smtplib, over a connection of its own: prints OK, "ERR
 * CODE TEXT" (the first refusal) or DISCONNECTED. Modes: tls, starttls,
 * plain, and auth-before-starttls (AUTH sent on the STARTTLS port first). */
static const char smtp_client[] =
  "import base64, smtplib, ssl, sys\n"
  "mode, port, ca, user, password, sender, rcpts, body = sys.argv[1:9]\n"
  "ctx = ssl.create_default_context(cafile=ca)\n"
  "try:\n"
  "    if mode == 'tls':\n"
  "        s = smtplib.SMTP_SSL('127.0.0.1', int(port), context=ctx, timeout=30)\n"
  "    else:\n"
  "        s = smtplib.SMTP('127.0.0.1', int(port), timeout=30)\n"
  "    if mode == 'starttls':\n"
  "        s.starttls(context=ctx)\n"
  "    if mode == 'auth-before-starttls':\n"
  "        s.ehlo()\n"
  "        token = base64.b64encode(b'\\0' + user.encode() + b'\\0' + password.encode()).decode()\n"
  "        code, text = s.docmd('AUTH', 'PLAIN ' + token)\n"
  "        print('ERR %d %s' % (code, text.decode()))\n"
  "        sys.exit(0)\n"
  "    s.login(user, password)\n"
  "    s.sendmail(sender, rcpts.split(','), body.replace('\\n', '\\r\\n').encode())\n"
  "    s.quit()\n"
  "    print('OK')\n"
  "except smtplib.SMTPRecipientsRefused as e:\n"
  "    code, text = list(e.recipients.values())[0]\n"
  "    print('ERR %d %s' % (code, text.decode()))\n"
  "except smtplib.SMTPResponseException as e:\n"
  "    print('ERR %d %s' % (e.smtp_code, e.smtp_error.decode()))\n"
  "except smtplib.SMTPServerDisconnected:\n"
  "    print('DISCONNECTED')\n";

/* The client above, running; its standard output piped */
static GSubprocess *
start_sending (PactaMailServers *servers,
               const char       *mode,
               const char       *password,
               const char       *rcpts,
               const char       *body)
{
  PactaMailSecurity security = PACTA_MAIL_SECURITY_TLS;
  g_autofree char *port = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *client;

  if (g_str_equal (mode, "starttls") || g_str_equal (mode, "auth-before-starttls"))
    security = PACTA_MAIL_SECURITY_STARTTLS;
  else if (g_str_equal (mode, "plain"))
    security = PACTA_MAIL_SECURITY_NONE;
  port = g_strdup_printf ("%u", pacta_mail_servers_get_smtp_port (servers, security));
  client = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "/usr/bin/python3", "-c", smtp_client,
                             mode, port, pacta_mail_servers_get_ca_file (servers), PACTA_TEST_MAIL_USER,
                             password, "billing@msp.test", rcpts, body, NULL);
  g_assert_no_error (error);
  return client;
}

/* What the client said when it ended */
static char *
finish_sending (GSubprocess *client)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_subprocess_communicate_utf8 (client, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (client));
  return g_strstrip (out);
}

static char *
send_mail (PactaMailServers *servers,
           const char       *mode,
           const char       *password,
           const char       *rcpts,
           const char       *body)
{
  g_autoptr(GSubprocess) client = start_sending (servers, mode, password, rcpts, body);

  return finish_sending (client);
}

/* The raw bytes that reach a TLS client of the cutting proxy that logs in,
 * fetches UID 1 and logs out, all sent at once after the handshake */
static const char counting_client[] =
  "import socket, ssl, sys\n"
  "port, ca, user, password = sys.argv[1:5]\n"
  "ctx = ssl.create_default_context(cafile=ca)\n"
  "sock = socket.create_connection(('127.0.0.1', int(port)), timeout=30)\n"
  "incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()\n"
  "tls = ctx.wrap_bio(incoming, outgoing, server_hostname='127.0.0.1')\n"
  "total, asked = 0, False\n"
  "while True:\n"
  "    try:\n"
  "        tls.do_handshake()\n"
  "        if not asked:\n"
  "            tls.write(('a LOGIN \"%s\" \"%s\"\\r\\nb SELECT INBOX\\r\\n'\n"
  "                       'c UID FETCH 1 BODY.PEEK[]\\r\\nd LOGOUT\\r\\n' % (user, password)).encode())\n"
  "            asked = True\n"
  "        while tls.read(65536):\n"
  "            pass\n"
  "    except ssl.SSLError:\n"
  "        pass\n"
  "    data = outgoing.read()\n"
  "    if data:\n"
  "        sock.sendall(data)\n"
  "    try:\n"
  "        chunk = sock.recv(65536)\n"
  "    except ConnectionResetError:\n"
  "        break\n"
  "    if not chunk:\n"
  "        break\n"
  "    total += len(chunk)\n"
  "    incoming.write(chunk)\n"
  "print(total)\n";

static gsize
count_through_proxy (PactaMailServers *servers,
                     guint             proxy_port)
{
  g_autofree char *port = g_strdup_printf ("%u", proxy_port);
  g_autofree char *out = NULL;

  g_assert_cmpint (run (&out, "/usr/bin/python3", "-c", counting_client, port,
                        pacta_mail_servers_get_ca_file (servers), PACTA_TEST_MAIL_USER,
                        PACTA_TEST_MAIL_PASSWORD, NULL), ==, 0);
  return (gsize) g_ascii_strtoull (out, NULL, 10);
}

static guint64
deliver (PactaMailServers *servers,
         const char       *folder,
         const char       *raw)
{
  g_autoptr(GError) error = NULL;
  guint64 uid = pacta_mail_servers_deliver (servers, folder, raw, &error);

  g_assert_no_error (error);
  return uid;
}

static guint
n_received (PactaMailServers *servers)
{
  g_autoptr(GPtrArray) received = pacta_mail_servers_received (servers);

  return received->len;
}

/* ---- IMAP ------------------------------------------------------------------- */

#define TICKET \
  "From: Ana <ana@client.test>\r\n" \
  "To: support@msp.test\r\n" \
  "Subject: Printer on fire\r\n" \
  "Message-ID: <one@client.test>\r\n" \
  "\r\n" \
  "It smells.\r\n"

/* Delivered unseen with the UIDs in order, read over implicit TLS, where
 * the fetch marks it seen; other folders are made when missing */
static void
test_imaps (Fixture       *f,
            gconstpointer  data)
{
  guint port;
  g_autofree char *url = NULL;
  g_autofree char *out = NULL;
  g_autofree char *nothing = NULL;

  if (f->servers == NULL)
    return;
  port = pacta_mail_servers_get_imap_port (f->servers, PACTA_MAIL_SECURITY_TLS);

  g_assert_cmpint (deliver (f->servers, "INBOX", TICKET), ==, 1);
  g_assert_cmpint (pacta_mail_servers_count (f->servers, "INBOX", "ALL"), ==, 1);
  g_assert_cmpint (pacta_mail_servers_count (f->servers, "INBOX", "UNSEEN"), ==, 1);
  g_assert_cmpint (pacta_mail_servers_count (f->servers, "INBOX", "SEEN"), ==, 0);

  url = imap_url ("imaps", port, "INBOX;UID=1");
  g_assert_cmpint (curl_imap (f->servers, url, PACTA_TEST_MAIL_PASSWORD, NULL, &out), ==, 0);
  g_assert_nonnull (strstr (out, "Subject: Printer on fire\r\n"));
  g_assert_nonnull (strstr (out, "It smells."));
  g_assert_cmpint (pacta_mail_servers_count (f->servers, "INBOX", "SEEN"), ==, 1);
  g_assert_cmpint (pacta_mail_servers_count (f->servers, "INBOX", "UNSEEN"), ==, 0);

  g_assert_cmpint (deliver (f->servers, "INBOX", TICKET), ==, 2);
  g_assert_cmpint (pacta_mail_servers_count (f->servers, "INBOX", "UNSEEN"), ==, 1);

  g_assert_cmpint (deliver (f->servers, "Tickets/Done", TICKET), ==, 1);
  g_assert_cmpint (deliver (f->servers, "Tickets/Done", TICKET), ==, 2);
  g_assert_cmpint (pacta_mail_servers_count (f->servers, "Tickets/Done", "ALL"), ==, 2);
  g_assert_cmpint (pacta_mail_servers_count (f->servers, "Missing", "ALL"), ==, -1);

  /* The certificate is the test CA's: not trusted without it */
  g_assert_cmpint (run (&nothing, "curl", "-sS", "--noproxy", "*", "--max-time", "30", "-u",
                        PACTA_TEST_MAIL_USER ":" PACTA_TEST_MAIL_PASSWORD, url, NULL), !=, 0);
}

/* STARTTLS on the plain port; a client on 127.0.0.1 may also log in there
 * without it (Dovecot counts loopback as secure), which serves
 * PACTA_MAIL_SECURITY_NONE */
static void
test_starttls (Fixture       *f,
               gconstpointer  data)
{
  guint port;
  g_autofree char *url = NULL;
  g_autofree char *out = NULL;
  g_autofree char *untrusted = NULL;
  g_autofree char *plain = NULL;

  if (f->servers == NULL)
    return;
  port = pacta_mail_servers_get_imap_port (f->servers, PACTA_MAIL_SECURITY_STARTTLS);
  g_assert_cmpuint (port, !=, pacta_mail_servers_get_imap_port (f->servers, PACTA_MAIL_SECURITY_TLS));
  g_assert_cmpuint (port, ==, pacta_mail_servers_get_imap_port (f->servers, PACTA_MAIL_SECURITY_NONE));

  g_assert_cmpint (deliver (f->servers, "INBOX", TICKET), ==, 1);
  url = imap_url ("imap", port, "INBOX");
  g_assert_cmpint (run (&out, "curl", "-sS", "--noproxy", "*", "--max-time", "30", "--ssl-reqd",
                        "--cacert", pacta_mail_servers_get_ca_file (f->servers),
                        "-u", PACTA_TEST_MAIL_USER ":" PACTA_TEST_MAIL_PASSWORD,
                        "-X", "EXAMINE INBOX", url, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "* 1 EXISTS"));
  /* TLS really was negotiated: without the test CA, it fails */
  g_assert_cmpint (run (&untrusted, "curl", "-sS", "--noproxy", "*", "--max-time", "30", "--ssl-reqd",
                        "-u", PACTA_TEST_MAIL_USER ":" PACTA_TEST_MAIL_PASSWORD,
                        "-X", "EXAMINE INBOX", url, NULL), !=, 0);

  g_assert_cmpint (run (&plain, "curl", "-sS", "--noproxy", "*", "--max-time", "30",
                        "-u", PACTA_TEST_MAIL_USER ":" PACTA_TEST_MAIL_PASSWORD,
                        "-X", "EXAMINE INBOX", url, NULL), ==, 0);
  g_assert_nonnull (strstr (plain, "* 1 EXISTS"));
}

/* A wrong password is refused by both servers, at once */
static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *imaps = NULL;
  g_autofree char *imap = NULL;
  g_autofree char *out = NULL;
  g_autofree char *tls = NULL;
  g_autofree char *starttls = NULL;

  if (f->servers == NULL)
    return;
  imaps = imap_url ("imaps", pacta_mail_servers_get_imap_port (f->servers, PACTA_MAIL_SECURITY_TLS), "INBOX");
  imap = imap_url ("imap", pacta_mail_servers_get_imap_port (f->servers, PACTA_MAIL_SECURITY_STARTTLS), "INBOX");
  /* 67: CURLE_LOGIN_DENIED */
  g_assert_cmpint (curl_imap (f->servers, imaps, "wrong horse", NULL, &out), ==, 67);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (curl_imap (f->servers, imap, "wrong horse", "--ssl-reqd", &out), ==, 67);

  tls = send_mail (f->servers, "tls", "wrong horse", "ana@client.test", "Subject: x\n\nx\n");
  g_assert_cmpstr (tls, ==, "ERR 535 5.7.8 Authentication credentials invalid");
  starttls = send_mail (f->servers, "starttls", "wrong horse", "ana@client.test", "Subject: x\n\nx\n");
  g_assert_cmpstr (starttls, ==, "ERR 535 5.7.8 Authentication credentials invalid");
  g_assert_cmpuint (n_received (f->servers), ==, 0);
}

/* ---- SMTP ------------------------------------------------------------------- */

static void
assert_received (PactaReceivedMail *mail,
                 const char        *rcpts,
                 const char        *data)
{
  g_autofree char *joined = g_strjoinv (",", mail->rcpt_to);

  g_assert_cmpstr (mail->mail_from, ==, "billing@msp.test");
  g_assert_cmpstr (joined, ==, rcpts);
  g_assert_cmpmem (g_bytes_get_data (mail->data, NULL), g_bytes_get_size (mail->data), data, strlen (data));
}

/* Each listener takes a message, kept whole with its envelope, in order;
 * the STARTTLS one refuses AUTH before STARTTLS */
static void
test_smtp (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) received = NULL;
  g_autofree char *tls = NULL;
  g_autofree char *starttls = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *early = NULL;

  if (f->servers == NULL)
    return;
  tls = send_mail (f->servers, "tls", PACTA_TEST_MAIL_PASSWORD, "ana@client.test,bea@client.test",
                   "Subject: Invoice 1\n\n.A line with a dot\nÑandú\n");
  g_assert_cmpstr (tls, ==, "OK");
  starttls = send_mail (f->servers, "starttls", PACTA_TEST_MAIL_PASSWORD, "ana@client.test",
                        "Subject: Invoice 2\n\nTwo\n");
  g_assert_cmpstr (starttls, ==, "OK");
  plain = send_mail (f->servers, "plain", PACTA_TEST_MAIL_PASSWORD, "bea@client.test",
                     "Subject: Invoice 3\n\nThree\n");
  g_assert_cmpstr (plain, ==, "OK");
  early = send_mail (f->servers, "auth-before-starttls", PACTA_TEST_MAIL_PASSWORD, "bea@client.test", "");
  g_assert_cmpstr (early, ==, "ERR 530 Must issue a STARTTLS command first");

  received = pacta_mail_servers_received (f->servers);
  g_assert_cmpuint (received->len, ==, 3);
  assert_received (g_ptr_array_index (received, 0), "ana@client.test,bea@client.test",
                   "Subject: Invoice 1\r\n\r\n.A line with a dot\r\nÑandú\r\n");
  assert_received (g_ptr_array_index (received, 1), "ana@client.test", "Subject: Invoice 2\r\n\r\nTwo\r\n");
  assert_received (g_ptr_array_index (received, 2), "bea@client.test", "Subject: Invoice 3\r\n\r\nThree\r\n");
}

/* Each fault as the header says: a refused recipient until cleared, the
 * next N deferred, the next N dropped unanswered and not kept */
static void
test_smtp_faults (Fixture       *f,
                  gconstpointer  data)
{
  const char *body = "Subject: Invoice\n\nx\n";
  g_autoptr(GPtrArray) received = NULL;
  char *answer;

  if (f->servers == NULL)
    return;

  pacta_mail_servers_smtp_refuse_recipient (f->servers, "gone@client.test");
  answer = send_mail (f->servers, "tls", PACTA_TEST_MAIL_PASSWORD, "gone@client.test", body);
  g_assert_cmpstr (answer, ==, "ERR 550 5.1.1 <gone@client.test>: Recipient address rejected");
  g_free (answer);
  answer = send_mail (f->servers, "starttls", PACTA_TEST_MAIL_PASSWORD, "ana@client.test", body);
  g_assert_cmpstr (answer, ==, "OK");
  g_free (answer);
  g_assert_cmpuint (n_received (f->servers), ==, 1);

  pacta_mail_servers_smtp_defer_next (f->servers, 2);
  for (guint i = 0; i < 2; i++)
    {
      answer = send_mail (f->servers, i == 0 ? "tls" : "starttls", PACTA_TEST_MAIL_PASSWORD, "ana@client.test", body);
      g_assert_cmpstr (answer, ==, "ERR 451 4.3.0 Try again later");
      g_free (answer);
    }
  answer = send_mail (f->servers, "tls", PACTA_TEST_MAIL_PASSWORD, "ana@client.test", body);
  g_assert_cmpstr (answer, ==, "OK");
  g_free (answer);
  g_assert_cmpuint (n_received (f->servers), ==, 2);

  pacta_mail_servers_smtp_drop_after_data (f->servers, 2);
  answer = send_mail (f->servers, "tls", PACTA_TEST_MAIL_PASSWORD, "ana@client.test", body);
  g_assert_cmpstr (answer, ==, "DISCONNECTED");
  g_free (answer);
  answer = send_mail (f->servers, "starttls", PACTA_TEST_MAIL_PASSWORD, "ana@client.test", body);
  g_assert_cmpstr (answer, ==, "DISCONNECTED");
  g_free (answer);
  g_assert_cmpuint (n_received (f->servers), ==, 2);
  answer = send_mail (f->servers, "starttls", PACTA_TEST_MAIL_PASSWORD, "ana@client.test", body);
  g_assert_cmpstr (answer, ==, "OK");
  g_free (answer);
  g_assert_cmpuint (n_received (f->servers), ==, 3);

  /* Setting a count again starts it again; clearing ends every fault */
  pacta_mail_servers_smtp_defer_next (f->servers, 1);
  pacta_mail_servers_smtp_clear_faults (f->servers);
  answer = send_mail (f->servers, "tls", PACTA_TEST_MAIL_PASSWORD, "gone@client.test", body);
  g_assert_cmpstr (answer, ==, "OK");
  g_free (answer);

  received = pacta_mail_servers_received (f->servers);
  g_assert_cmpuint (received->len, ==, 4);
  assert_received (g_ptr_array_index (received, 3), "gone@client.test", "Subject: Invoice\r\n\r\nx\r\n");
}

/* Polls the server's state (no guess at time), for at most 30 s */
static void
wait_held (PactaMailServers *servers,
           guint             held)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (pacta_mail_servers_held (servers) != held)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10 * 1000);
    }
}

/* The nth message is kept and its answer held until released; a client
 * that goes meanwhile leaves it kept, and nothing held */
static void
test_smtp_hold (Fixture       *f,
                gconstpointer  data)
{
  const char *body = "Subject: Invoice\n\nx\n";
  g_autoptr(GSubprocess) waiting = NULL;
  g_autoptr(GSubprocess) killed = NULL;
  char *answer;

  if (f->servers == NULL)
    return;

  pacta_mail_servers_smtp_hold_after_data (f->servers, 2);
  answer = send_mail (f->servers, "tls", PACTA_TEST_MAIL_PASSWORD, "ana@client.test", body);
  g_assert_cmpstr (answer, ==, "OK");
  g_free (answer);
  g_assert_cmpuint (pacta_mail_servers_held (f->servers), ==, 0);

  waiting = start_sending (f->servers, "starttls", PACTA_TEST_MAIL_PASSWORD, "ana@client.test", body);
  wait_held (f->servers, 1);
  g_assert_cmpuint (n_received (f->servers), ==, 2);
  g_assert_nonnull (g_subprocess_get_identifier (waiting));   /* still waiting for its answer */
  pacta_mail_servers_smtp_release (f->servers);
  answer = finish_sending (waiting);
  g_assert_cmpstr (answer, ==, "OK");
  g_free (answer);
  g_assert_cmpuint (pacta_mail_servers_held (f->servers), ==, 0);

  pacta_mail_servers_smtp_hold_after_data (f->servers, 1);
  killed = start_sending (f->servers, "tls", PACTA_TEST_MAIL_PASSWORD, "ana@client.test", body);
  wait_held (f->servers, 1);
  g_subprocess_force_exit (killed);
  g_assert_true (g_subprocess_wait (killed, NULL, NULL));
  wait_held (f->servers, 0);
  g_assert_cmpuint (n_received (f->servers), ==, 3);

  /* Held once: the next is answered at once */
  answer = send_mail (f->servers, "tls", PACTA_TEST_MAIL_PASSWORD, "ana@client.test", body);
  g_assert_cmpstr (answer, ==, "OK");
  g_free (answer);
  g_assert_cmpuint (n_received (f->servers), ==, 4);
}

/* ---- the cutting proxy --------------------------------------------------------- */

/* TLS passes through; with a limit, exactly that many bytes reach the
 * client, then the connection ends; the limit holds for later connections */
static void
test_cut_proxy (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GString) big = g_string_new ("From: ana@client.test\r\nSubject: Logs\r\n\r\n");
  g_autofree char *url = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *cut = NULL;
  guint port;

  if (f->servers == NULL)
    return;
  for (guint i = 0; i < 4000; i++)
    g_string_append_printf (big, "line %05u of the attached log, long enough to count\r\n", i);
  g_assert_cmpint (deliver (f->servers, "INBOX", big->str), ==, 1);

  port = pacta_mail_servers_imap_cut_proxy (f->servers, 0);
  url = imap_url ("imaps", port, "INBOX;UID=1");
  g_assert_cmpint (curl_imap (f->servers, url, PACTA_TEST_MAIL_PASSWORD, NULL, &whole), ==, 0);
  g_assert_nonnull (strstr (whole, "line 03999 of the attached log"));
  g_assert_cmpuint (count_through_proxy (f->servers, port), >, big->len);

  g_assert_cmpuint (pacta_mail_servers_imap_cut_proxy (f->servers, 5000), ==, port);
  g_assert_cmpuint (count_through_proxy (f->servers, port), ==, 5000);
  g_assert_cmpint (curl_imap (f->servers, url, PACTA_TEST_MAIL_PASSWORD, NULL, &cut), !=, 0);

  /* Cut in the handshake */
  g_assert_cmpuint (pacta_mail_servers_imap_cut_proxy (f->servers, 100), ==, port);
  g_assert_cmpuint (count_through_proxy (f->servers, port), ==, 100);

  g_assert_cmpuint (pacta_mail_servers_imap_cut_proxy (f->servers, 0), ==, port);
  g_assert_cmpuint (count_through_proxy (f->servers, port), >, big->len);
}

/* ---- the harness itself -------------------------------------------------------- */

static gboolean
port_answers (guint port)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, (guint16) port);

  g_assert_nonnull (socket);
  return g_socket_connect (socket, address, NULL, NULL);
}

/* The account points at the servers; stop leaves nothing listening */
static void
test_account_and_stop (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PactaMailAccount) account = NULL;
  g_autoptr(GSocket) idle = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) proxy = NULL;
  guint ports[5];

  if (f->servers == NULL)
    return;
  account = pacta_mail_servers_account (f->servers, PACTA_MAIL_SECURITY_STARTTLS, PACTA_MAIL_SECURITY_TLS);
  g_assert_cmpstr (account->imap_host, ==, "127.0.0.1");
  g_assert_cmpuint (account->imap_port, ==, pacta_mail_servers_get_imap_port (f->servers, PACTA_MAIL_SECURITY_STARTTLS));
  g_assert_cmpint (account->imap_security, ==, PACTA_MAIL_SECURITY_STARTTLS);
  g_assert_cmpstr (account->smtp_host, ==, "127.0.0.1");
  g_assert_cmpuint (account->smtp_port, ==, pacta_mail_servers_get_smtp_port (f->servers, PACTA_MAIL_SECURITY_TLS));
  g_assert_cmpint (account->smtp_security, ==, PACTA_MAIL_SECURITY_TLS);
  g_assert_cmpstr (account->user, ==, PACTA_TEST_MAIL_USER);
  g_assert_cmpstr (account->address, ==, PACTA_TEST_MAIL_USER);
  g_assert_cmpstr (account->folder, ==, "INBOX");
  g_assert_null (account->done_folder);

  ports[0] = pacta_mail_servers_get_imap_port (f->servers, PACTA_MAIL_SECURITY_TLS);
  ports[1] = pacta_mail_servers_get_imap_port (f->servers, PACTA_MAIL_SECURITY_STARTTLS);
  ports[2] = pacta_mail_servers_get_smtp_port (f->servers, PACTA_MAIL_SECURITY_TLS);
  ports[3] = pacta_mail_servers_get_smtp_port (f->servers, PACTA_MAIL_SECURITY_STARTTLS);
  ports[4] = pacta_mail_servers_imap_cut_proxy (f->servers, 0);
  proxy = g_inet_socket_address_new (loopback, (guint16) ports[4]);
  for (guint i = 0; i < G_N_ELEMENTS (ports); i++)
    g_assert_true (port_answers (ports[i]));

  /* A connection through the proxy left open does not hold stop up */
  idle = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_assert_true (g_socket_connect (idle, proxy, NULL, NULL));

  g_clear_pointer (&f->servers, pacta_mail_servers_stop);
  for (guint i = 0; i < G_N_ELEMENTS (ports); i++)
    g_assert_false (port_answers (ports[i]));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/pacta/mail-servers/imaps", Fixture, NULL, set_up, test_imaps, tear_down);
  g_test_add ("/pacta/mail-servers/starttls", Fixture, NULL, set_up, test_starttls, tear_down);
  g_test_add ("/pacta/mail-servers/wrong-password", Fixture, NULL, set_up, test_wrong_password, tear_down);
  g_test_add ("/pacta/mail-servers/smtp", Fixture, NULL, set_up, test_smtp, tear_down);
  g_test_add ("/pacta/mail-servers/smtp-faults", Fixture, NULL, set_up, test_smtp_faults, tear_down);
  g_test_add ("/pacta/mail-servers/smtp-hold", Fixture, NULL, set_up, test_smtp_hold, tear_down);
  g_test_add ("/pacta/mail-servers/cut-proxy", Fixture, NULL, set_up, test_cut_proxy, tear_down);
  g_test_add ("/pacta/mail-servers/account-and-stop", Fixture, NULL, set_up, test_account_and_stop, tear_down);
  return g_test_run ();
}
