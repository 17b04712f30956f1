/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-mail-transport.c: IMAP and SMTP through libcurl, synchronously on
 * the caller's thread.
 *
 * One easy handle is one IMAP session: libcurl keeps its connection (and
 * the selected folder) between the calls. Every transfer is set up by
 * setup(): TLS always (implicit, or STARTTLS required before the login),
 * the test CA when there is one, timeouts that end a silent server, a
 * progress callback that ends the transfer when the work is cancelled, and
 * a debug callback that keeps the server's last line, which is what the
 * user reads when something is refused. Nothing sent is ever logged.
 */
#include "config.h"

#include <curl/curl.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "pacta-error.h"
#include "pacta-text.h"
#include "pacta-mail-message.h"
#include "pacta-mail-transport.h"

#define CONNECT_TIMEOUT_SECONDS  20L
#define SILENCE_TIMEOUT_SECONDS  60L
#define MAX_REPLY_LINE           500

static char *test_ca;
static guint test_timeout;

void
pacta_mail_transport_set_test_ca (const char *ca_file)
{
  g_free (test_ca);
  test_ca = g_strdup (ca_file);
}

void
pacta_mail_transport_set_test_timeout (guint seconds)
{
  test_timeout = seconds;
}

static void
ensure_curl (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      curl_global_init (CURL_GLOBAL_DEFAULT);
      g_once_init_leave (&once, 1);
    }
}

/* ---- the account ------------------------------------------------------------- */

PactaMailAccount *
pacta_mail_account_new (void)
{
  PactaMailAccount *account = g_new0 (PactaMailAccount, 1);

  account->imap_port = 993;
  account->imap_security = PACTA_MAIL_SECURITY_TLS;
  account->smtp_port = 465;
  account->smtp_security = PACTA_MAIL_SECURITY_TLS;
  account->folder = g_strdup ("INBOX");
  return account;
}

PactaMailAccount *
pacta_mail_account_copy (const PactaMailAccount *account)
{
  PactaMailAccount *copy = g_new0 (PactaMailAccount, 1);

  *copy = *account;
  copy->imap_host = g_strdup (account->imap_host);
  copy->smtp_host = g_strdup (account->smtp_host);
  copy->user = g_strdup (account->user);
  copy->address = g_strdup (account->address);
  copy->folder = g_strdup (account->folder);
  copy->done_folder = g_strdup (account->done_folder);
  return copy;
}

void
pacta_mail_account_free (PactaMailAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->imap_host);
  g_free (account->smtp_host);
  g_free (account->user);
  g_free (account->address);
  g_free (account->folder);
  g_free (account->done_folder);
  g_free (account);
}

const char *
pacta_mail_security_to_string (PactaMailSecurity security)
{
  switch (security)
    {
    case PACTA_MAIL_SECURITY_TLS:
      return "tls";
    case PACTA_MAIL_SECURITY_STARTTLS:
      return "starttls";
    case PACTA_MAIL_SECURITY_NONE:
      return "none";
    default:
      g_return_val_if_reached ("tls");
    }
}

gboolean
pacta_mail_security_from_string (const char        *text,
                                 PactaMailSecurity *security)
{
  if (g_strcmp0 (text, "tls") == 0)
    *security = PACTA_MAIL_SECURITY_TLS;
  else if (g_strcmp0 (text, "starttls") == 0)
    *security = PACTA_MAIL_SECURITY_STARTTLS;
  else if (g_strcmp0 (text, "none") == 0)
    *security = PACTA_MAIL_SECURITY_NONE;
  else
    return FALSE;
  return TRUE;
}

static gboolean
is_host_name (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL || *host == '\0' || strlen (host) > 253)
    return FALSE;
  address = g_inet_address_new_from_string (host);
  if (address != NULL)
    return TRUE;
  for (const char *p = host; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.')
      return FALSE;
  return host[0] != '.' && host[0] != '-';
}

/* A folder's name as IMAP quotes it; printable ASCII only (no modified
 * UTF-7 here), which check_folder() makes sure of */
static gboolean
check_folder (const char *folder)
{
  if (folder == NULL || *folder == '\0' || strlen (folder) > 255)
    return FALSE;
  for (const char *p = folder; *p != '\0'; p++)
    if (*p < 0x20 || *p > 0x7e || *p == '"' || *p == '\\' || *p == '*' || *p == '%')
      return FALSE;
  return TRUE;
}

static gboolean
check_server (const char        *what,
              const char        *host,
              guint              port,
              PactaMailSecurity  security,
              GError           **error)
{
  if (!is_host_name (host))
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                   /* Translators: %s is "IMAP" or "SMTP" */
                   _("The %s server is not a host name"), what);
      return FALSE;
    }
  if (port == 0 || port > 65535)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                   /* Translators: %s is "IMAP" or "SMTP" */
                   _("The %s port must be between 1 and 65535"), what);
      return FALSE;
    }
  if (security == PACTA_MAIL_SECURITY_NONE && !pacta_text_is_loopback_host (host))
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                   /* Translators: %s is "IMAP" or "SMTP" */
                   _("The %s server must be reached over TLS: the password is never sent in plain text"), what);
      return FALSE;
    }
  return TRUE;
}

gboolean
pacta_mail_account_check (const PactaMailAccount  *account,
                          GError                 **error)
{
  if (!check_server ("IMAP", account->imap_host, account->imap_port, account->imap_security, error) ||
      !check_server ("SMTP", account->smtp_host, account->smtp_port, account->smtp_security, error))
    return FALSE;
  if (account->user == NULL || *account->user == '\0' || strlen (account->user) > 255 ||
      strpbrk (account->user, "\r\n") != NULL)
    return pacta_error_invalid (error, _("The user name is missing"));
  if (account->address == NULL || strchr (account->address, '@') == NULL ||
      strpbrk (account->address, " \t\r\n<>\"") != NULL)
    return pacta_error_invalid (error, _("The mailbox’s address is not an email address"));
  if (!check_folder (account->folder))
    return pacta_error_invalid (error, _("The folder to read must be a plain name such as INBOX"));
  if (account->done_folder != NULL && *account->done_folder != '\0' &&
      (!check_folder (account->done_folder) || g_str_equal (account->done_folder, account->folder)))
    return pacta_error_invalid (error, _("The folder for read mail must be a plain name other than the folder to read"));
  return TRUE;
}

/* ---- one transfer ------------------------------------------------------------ */

typedef struct
{
  GCancellable *cancellable;
  GByteArray   *body;           /* what the server sent back */
  gsize         body_limit;
  gboolean      over_limit;
  char         *last_line;      /* the server's last line */
  /* SMTP upload */
  GBytes       *upload;
  gsize         upload_offset;
  gboolean      upload_started;
} Transfer;

static void
transfer_clear (Transfer *transfer)
{
  g_clear_pointer (&transfer->body, g_byte_array_unref);
  g_clear_pointer (&transfer->last_line, g_free);
  g_clear_pointer (&transfer->upload, g_bytes_unref);
}

static size_t
on_write (char   *data,
          size_t  size,
          size_t  n,
          void   *user_data)
{
  Transfer *transfer = user_data;
  size_t length = size * n;

  if (transfer->body == NULL)
    return length;
  if (transfer->body_limit > 0 && transfer->body->len + length > transfer->body_limit)
    {
      transfer->over_limit = TRUE;
      return 0;
    }
  g_byte_array_append (transfer->body, (const guint8 *) data, (guint) length);
  return length;
}

static size_t
on_read (char   *buffer,
         size_t  size,
         size_t  n,
         void   *user_data)
{
  Transfer *transfer = user_data;
  gsize total = 0;
  const guint8 *data = g_bytes_get_data (transfer->upload, &total);
  size_t length = MIN (size * n, total - transfer->upload_offset);

  transfer->upload_started = TRUE;
  memcpy (buffer, data + transfer->upload_offset, length);
  transfer->upload_offset += length;
  return length;
}

static int
on_progress (void       *user_data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  Transfer *transfer = user_data;

  return g_cancellable_is_cancelled (transfer->cancellable) ? 1 : 0;
}

/* An SMTP 4xx or 5xx, or a tagged IMAP NO or BAD */
static gboolean
is_refusal (const char *line)
{
  const char *space;

  if ((line[0] == '4' || line[0] == '5') && g_ascii_isdigit (line[1]) && g_ascii_isdigit (line[2]))
    return TRUE;
  space = strchr (line, ' ');
  return space != NULL && (g_str_has_prefix (space + 1, "NO ") || g_str_has_prefix (space + 1, "BAD "));
}

/* Keeps the server's last line (never what Pacta sent: that holds the login) */
static int
on_debug (CURL          *handle,
          curl_infotype  type,
          char          *data,
          size_t         size,
          void          *user_data)
{
  Transfer *transfer = user_data;
  g_autofree char *line = NULL;
  char *end;

  if (type != CURLINFO_HEADER_IN || size == 0)
    return 0;
  line = g_utf8_make_valid (data, (gssize) MIN (size, (size_t) MAX_REPLY_LINE));
  end = strpbrk (line, "\r\n");
  if (end != NULL)
    *end = '\0';
  g_strstrip (line);
  if (*line == '\0' || g_str_has_prefix (line, "* ") || g_str_has_prefix (line, "+"))
    return 0;
  /* A refusal stays what the user reads: the goodbye after it is not news */
  if (transfer->last_line != NULL && is_refusal (transfer->last_line) && !is_refusal (line))
    return 0;
  g_free (transfer->last_line);
  transfer->last_line = g_steal_pointer (&line);
  return 0;
}

static void
setup (CURL             *curl,
       Transfer         *transfer,
       const char       *host,
       PactaMailSecurity security,
       const char       *user,
       const char       *password)
{
  const char *ca = test_ca != NULL ? test_ca : g_getenv ("PACTA_MAIL_CA");
  long silence = test_timeout > 0 ? (long) test_timeout : SILENCE_TIMEOUT_SECONDS;

  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, MIN (CONNECT_TIMEOUT_SECONDS, silence));
  /* A server silent for this long has gone */
  curl_easy_setopt (curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt (curl, CURLOPT_LOW_SPEED_TIME, silence);
  curl_easy_setopt (curl, CURLOPT_SERVER_RESPONSE_TIMEOUT, silence);
  curl_easy_setopt (curl, CURLOPT_USE_SSL,
                    security == PACTA_MAIL_SECURITY_NONE && pacta_text_is_loopback_host (host) ? CURLUSESSL_NONE : CURLUSESSL_ALL);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (ca != NULL && *ca != '\0')
    curl_easy_setopt (curl, CURLOPT_CAINFO, ca);
  curl_easy_setopt (curl, CURLOPT_USERNAME, user);
  curl_easy_setopt (curl, CURLOPT_PASSWORD, password);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, on_write);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, transfer);
  curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, transfer);
  curl_easy_setopt (curl, CURLOPT_DEBUGFUNCTION, on_debug);
  curl_easy_setopt (curl, CURLOPT_DEBUGDATA, transfer);
  curl_easy_setopt (curl, CURLOPT_VERBOSE, 1L);
}

/* The server's words without an IMAP tag ("A003 NO [AUTHENTICATIONFAILED] …") */
static const char *
server_words (Transfer *transfer)
{
  const char *line = transfer->last_line;

  if (line == NULL)
    return NULL;
  if (line[0] == 'A' && g_ascii_isdigit (line[1]))
    {
      const char *space = strchr (line, ' ');
      if (space != NULL)
        line = space + 1;
    }
  return line;
}

/* The error for a failed transfer; @what names the step ("reading the folder") */
static void
set_curl_error (GError      **error,
                CURLcode      code,
                Transfer     *transfer,
                const char   *server,
                const char   *what)
{
  const char *words = server_words (transfer);
  g_autofree char *said = words != NULL ? g_strdup_printf (" (%s)", words) : g_strdup ("");

  switch ((int) code)
    {
    case CURLE_ABORTED_BY_CALLBACK:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
      break;
    case CURLE_LOGIN_DENIED:
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_UNAUTHORIZED,
                   /* Translators: %s is a server's host name, then the server's own words in brackets */
                   _("The mail server %s refused the user name or password%s"), server, said);
      break;
    case CURLE_USE_SSL_FAILED:
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_REMOTE,
                   /* Translators: %s is a server's host name */
                   _("The mail server %s does not offer STARTTLS: choose TLS or another port"), server);
      break;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_REMOTE,
                   /* Translators: %s is a server's host name, then the TLS library's words */
                   _("The certificate of the mail server %s is not trusted: %s"), server, curl_easy_strerror (code));
      break;
    case CURLE_QUOTE_ERROR:
    case CURLE_REMOTE_ACCESS_DENIED:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_REMOTE_FILE_NOT_FOUND:
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_REMOTE,
                   /* Translators: what failed ("reading the folder INBOX"), a host name, then the server's words in brackets */
                   _("The mail server %2$s refused %1$s%3$s"), what, server, said);
      break;
    default:
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_NETWORK,
                   /* Translators: what failed ("reading the folder INBOX"), a host name, then libcurl's words */
                   _("No answer from the mail server %2$s while %1$s: %3$s"), what, server, curl_easy_strerror (code));
      break;
    }
}

/* ---- IMAP -------------------------------------------------------------------- */

struct _PactaImapSession
{
  CURL             *curl;
  PactaMailAccount *account;
  char             *password;
  char             *base;         /* imaps://host:port/ */
  char             *folder_url;   /* base + the escaped folder */
  guint64           uidvalidity;
};

/* Runs one custom command on @url; the untagged answer lines in @answer */
static gboolean
imap_command (PactaImapSession  *self,
              const char        *url,
              const char        *command,
              const char        *what,
              char             **answer,
              GCancellable      *cancellable,
              GError           **error)
{
  Transfer transfer = { .cancellable = cancellable, .body = g_byte_array_new (), .body_limit = 16 * 1024 * 1024 };
  CURLcode code;

  setup (self->curl, &transfer, self->account->imap_host, self->account->imap_security,
         self->account->user, self->password);
  curl_easy_setopt (self->curl, CURLOPT_URL, url);
  curl_easy_setopt (self->curl, CURLOPT_CUSTOMREQUEST, command);
  code = curl_easy_perform (self->curl);
  curl_easy_setopt (self->curl, CURLOPT_CUSTOMREQUEST, NULL);
  if (code != CURLE_OK)
    {
      set_curl_error (error, code, &transfer, self->account->imap_host, what);
      transfer_clear (&transfer);
      return FALSE;
    }
  if (answer != NULL)
    *answer = g_utf8_make_valid ((const char *) transfer.body->data, (gssize) transfer.body->len);
  transfer_clear (&transfer);
  return TRUE;
}

static char *
folder_url (const char *base,
            const char *folder)
{
  g_autofree char *escaped = g_uri_escape_string (folder, NULL, FALSE);

  return g_strconcat (base, escaped, NULL);
}

static gboolean
find_number (const char *text,
             const char *key,
             guint64    *value)
{
  const char *at = text != NULL ? strstr (text, key) : NULL;
  char *end = NULL;

  if (at == NULL)
    return FALSE;
  at += strlen (key);
  while (*at == ' ')
    at++;
  *value = g_ascii_strtoull (at, &end, 10);
  return end != at;
}

PactaImapSession *
pacta_imap_session_open (const PactaMailAccount  *account,
                         const char              *password,
                         GCancellable            *cancellable,
                         GError                 **error)
{
  g_autoptr(PactaImapSession) self = g_new0 (PactaImapSession, 1);
  g_autofree char *answer = NULL;
  g_autofree char *status = NULL;
  g_autofree char *what = NULL;

  if (!pacta_mail_account_check (account, error))
    return NULL;
  ensure_curl ();
  self->curl = curl_easy_init ();
  self->account = pacta_mail_account_copy (account);
  self->password = g_strdup (password);
  self->base = g_strdup_printf ("%s://%s:%u/", account->imap_security == PACTA_MAIL_SECURITY_TLS ? "imaps" : "imap",
                                account->imap_host, account->imap_port);
  self->folder_url = folder_url (self->base, account->folder);

  /* STATUS needs no selected folder: it logs in and says what the folder is */
  status = g_strdup_printf ("STATUS \"%s\" (UIDVALIDITY)", account->folder);
  /* Translators: %s is a mail folder's name */
  what = g_strdup_printf (_("reading the folder %s"), account->folder);
  if (!imap_command (self, self->base, status, what, &answer, cancellable, error))
    return NULL;
  if (!find_number (answer, "UIDVALIDITY", &self->uidvalidity) || self->uidvalidity == 0)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_REMOTE,
                   /* Translators: %s is a mail folder's name */
                   _("The mail server gave no UIDVALIDITY for the folder %s"), account->folder);
      return NULL;
    }
  return g_steal_pointer (&self);
}

void
pacta_imap_session_free (PactaImapSession *session)
{
  if (session == NULL)
    return;
  g_clear_pointer (&session->curl, curl_easy_cleanup);
  g_clear_pointer (&session->account, pacta_mail_account_free);
  if (session->password != NULL)
    memset (session->password, 0, strlen (session->password));
  g_free (session->password);
  g_free (session->base);
  g_free (session->folder_url);
  g_free (session);
}

guint64
pacta_imap_session_get_uidvalidity (PactaImapSession *session)
{
  return session->uidvalidity;
}

static int
compare_uids (gconstpointer a,
              gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

GArray *
pacta_imap_session_search (PactaImapSession  *self,
                           guint64            after_uid,
                           GCancellable      *cancellable,
                           GError           **error)
{
  g_autofree char *command = NULL;
  g_autofree char *answer = NULL;
  g_autoptr(GArray) uids = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_auto(GStrv) lines = NULL;

  command = after_uid > 0 ? g_strdup_printf ("UID SEARCH UID %" G_GUINT64_FORMAT ":*", after_uid + 1)
                          : g_strdup ("UID SEARCH UNSEEN");
  if (!imap_command (self, self->folder_url, command, _("looking for new mail"), &answer, cancellable, error))
    return NULL;
  lines = g_strsplit (answer, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = NULL;

      if (!g_str_has_prefix (lines[i], "* SEARCH"))
        continue;
      words = g_strsplit_set (lines[i] + strlen ("* SEARCH"), " \r", -1);
      for (guint j = 0; words[j] != NULL; j++)
        {
          guint64 uid;

          if (*words[j] == '\0' || !g_ascii_string_to_unsigned (words[j], 10, 1, G_MAXUINT32, &uid, NULL))
            continue;
          /* "n:*" always names the last message, even below n */
          if (uid > after_uid)
            g_array_append_val (uids, uid);
        }
    }
  g_array_sort (uids, compare_uids);
  return g_steal_pointer (&uids);
}

gboolean
pacta_imap_session_size (PactaImapSession  *self,
                         guint64            uid,
                         guint64           *size,
                         GCancellable      *cancellable,
                         GError           **error)
{
  g_autofree char *command = g_strdup_printf ("UID FETCH %" G_GUINT64_FORMAT " (RFC822.SIZE)", uid);
  g_autofree char *answer = NULL;

  if (!imap_command (self, self->folder_url, command, _("reading a message’s size"), &answer, cancellable, error))
    return FALSE;
  if (!find_number (answer, "RFC822.SIZE", size))
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND,
                   /* Translators: %s is a mail folder's name */
                   _("A message is no longer in the folder %s"), self->account->folder);
      return FALSE;
    }
  return TRUE;
}

GBytes *
pacta_imap_session_fetch (PactaImapSession  *self,
                          guint64            uid,
                          GCancellable      *cancellable,
                          GError           **error)
{
  g_autofree char *url = g_strdup_printf ("%s/;UID=%" G_GUINT64_FORMAT, self->folder_url, uid);
  Transfer transfer = { .cancellable = cancellable, .body = g_byte_array_new (),
                        .body_limit = PACTA_MAIL_MAX_MESSAGE_SIZE };
  CURLcode code;

  setup (self->curl, &transfer, self->account->imap_host, self->account->imap_security,
         self->account->user, self->password);
  curl_easy_setopt (self->curl, CURLOPT_URL, url);
  code = curl_easy_perform (self->curl);
  if (code != CURLE_OK || transfer.body->len == 0)
    {
      if (transfer.over_limit)
        g_set_error_literal (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE, _("The message is too large"));
      else if (code == CURLE_OK)
        g_set_error (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND,
                     /* Translators: %s is a mail folder's name */
                     _("A message is no longer in the folder %s"), self->account->folder);
      else
        set_curl_error (error, code, &transfer, self->account->imap_host, _("reading a message"));
      transfer_clear (&transfer);
      return NULL;
    }
  {
    GBytes *bytes = g_byte_array_free_to_bytes (g_steal_pointer (&transfer.body));
    transfer_clear (&transfer);
    return bytes;
  }
}

gboolean
pacta_imap_session_done (PactaImapSession  *self,
                         guint64            uid,
                         GCancellable      *cancellable,
                         GError           **error)
{
  g_autofree char *command = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *done = self->account->done_folder;

  if (done == NULL || *done == '\0')
    {
      command = g_strdup_printf ("UID STORE %" G_GUINT64_FORMAT " +FLAGS.SILENT (\\Seen)", uid);
      return imap_command (self, self->folder_url, command, _("marking a message read"), NULL, cancellable, error);
    }

  command = g_strdup_printf ("UID MOVE %" G_GUINT64_FORMAT " \"%s\"", uid, done);
  if (imap_command (self, self->folder_url, command, _("moving a message"), NULL, cancellable, &local_error))
    return TRUE;
  if (!g_error_matches (local_error, PACTA_ERROR, PACTA_ERROR_REMOTE))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* A server without MOVE: a copy, then the original flagged deleted and
   * expunged (UIDPLUS); without UIDPLUS it stays flagged \Deleted */
  g_clear_pointer (&command, g_free);
  command = g_strdup_printf ("UID COPY %" G_GUINT64_FORMAT " \"%s\"", uid, done);
  if (!imap_command (self, self->folder_url, command, _("moving a message"), NULL, cancellable, error))
    return FALSE;
  g_clear_pointer (&command, g_free);
  command = g_strdup_printf ("UID STORE %" G_GUINT64_FORMAT " +FLAGS.SILENT (\\Seen \\Deleted)", uid);
  if (!imap_command (self, self->folder_url, command, _("moving a message"), NULL, cancellable, error))
    return FALSE;
  g_clear_pointer (&command, g_free);
  command = g_strdup_printf ("UID EXPUNGE %" G_GUINT64_FORMAT, uid);
  imap_command (self, self->folder_url, command, _("moving a message"), NULL, cancellable, NULL);
  return TRUE;
}

/* ---- SMTP -------------------------------------------------------------------- */

static char *
smtp_url (const PactaMailAccount *account,
          const char             *from)
{
  const char *at = strrchr (from, '@');
  /* The path is what curl says in EHLO: the sender's domain */
  g_autofree char *domain = g_uri_escape_string (at != NULL ? at + 1 : "localhost", NULL, FALSE);

  return g_strdup_printf ("%s://%s:%u/%s", account->smtp_security == PACTA_MAIL_SECURITY_TLS ? "smtps" : "smtp",
                          account->smtp_host, account->smtp_port, domain);
}

PactaSmtpOutcome
pacta_smtp_send (const PactaMailAccount  *account,
                 const char              *password,
                 const char              *from,
                 const char              *to,
                 GBytes                  *message,
                 GCancellable            *cancellable,
                 GError                 **error)
{
  Transfer transfer = { .cancellable = cancellable, .upload = g_bytes_ref (message) };
  g_autofree char *url = NULL;
  g_autofree char *mail_from = NULL;
  g_autofree char *rcpt = NULL;
  struct curl_slist *recipients = NULL;
  CURL *curl;
  CURLcode code;
  long reply = 0;
  PactaSmtpOutcome outcome;

  if (!pacta_mail_account_check (account, error))
    {
      transfer_clear (&transfer);
      return PACTA_SMTP_NOT_SENT;
    }
  ensure_curl ();
  curl = curl_easy_init ();
  url = smtp_url (account, from);
  mail_from = g_strdup_printf ("<%s>", from);
  rcpt = g_strdup_printf ("<%s>", to);
  recipients = curl_slist_append (recipients, rcpt);
  setup (curl, &transfer, account->smtp_host, account->smtp_security, account->user, password);
  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_MAIL_FROM, mail_from);
  curl_easy_setopt (curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt (curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt (curl, CURLOPT_READFUNCTION, on_read);
  curl_easy_setopt (curl, CURLOPT_READDATA, &transfer);
  curl_easy_setopt (curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t) g_bytes_get_size (message));
  code = curl_easy_perform (curl);
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &reply);

  if (code == CURLE_OK)
    outcome = PACTA_SMTP_SENT;
  else if (code == CURLE_ABORTED_BY_CALLBACK && !transfer.upload_started)
    outcome = PACTA_SMTP_NOT_SENT;
  else if (reply >= 500 && reply < 600)
    outcome = PACTA_SMTP_REFUSED;
  else if (reply >= 400 && reply < 500 && code != CURLE_LOGIN_DENIED)
    outcome = PACTA_SMTP_DEFERRED;
  else if (transfer.upload_started)
    outcome = PACTA_SMTP_UNKNOWN;
  else
    outcome = PACTA_SMTP_NOT_SENT;

  if (outcome == PACTA_SMTP_REFUSED && code != CURLE_LOGIN_DENIED)
    g_set_error (error, PACTA_ERROR, PACTA_ERROR_REMOTE,
                 /* Translators: a host name, then the server's own words */
                 _("The mail server %s refused the message: %s"), account->smtp_host,
                 server_words (&transfer) != NULL ? server_words (&transfer) : curl_easy_strerror (code));
  else if (outcome == PACTA_SMTP_REFUSED)
    {
      outcome = PACTA_SMTP_NOT_SENT;
      set_curl_error (error, code, &transfer, account->smtp_host, _("sending a message"));
    }
  else if (outcome == PACTA_SMTP_DEFERRED)
    g_set_error (error, PACTA_ERROR, PACTA_ERROR_NETWORK,
                 /* Translators: a host name, then the server's own words */
                 _("The mail server %s asked to send the message later: %s"), account->smtp_host,
                 server_words (&transfer) != NULL ? server_words (&transfer) : curl_easy_strerror (code));
  else if (outcome == PACTA_SMTP_UNKNOWN)
    g_set_error (error, PACTA_ERROR, PACTA_ERROR_NETWORK,
                 /* Translators: a host name, then libcurl's words */
                 _("The connection to the mail server %s ended while the message was handed over: it may have been sent (%s)"),
                 account->smtp_host, curl_easy_strerror (code));
  else if (outcome != PACTA_SMTP_SENT)
    set_curl_error (error, code, &transfer, account->smtp_host, _("sending a message"));

  curl_slist_free_all (recipients);
  curl_easy_cleanup (curl);
  transfer_clear (&transfer);
  return outcome;
}

static gboolean
smtp_test (const PactaMailAccount  *account,
           const char              *password,
           GCancellable            *cancellable,
           GError                 **error)
{
  Transfer transfer = { .cancellable = cancellable, .body = g_byte_array_new () };
  g_autofree char *url = smtp_url (account, account->address);
  CURL *curl;
  CURLcode code;

  ensure_curl ();
  curl = curl_easy_init ();
  setup (curl, &transfer, account->smtp_host, account->smtp_security, account->user, password);
  curl_easy_setopt (curl, CURLOPT_URL, url);
  /* Logs in, then asks for nothing */
  curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST, "NOOP");
  code = curl_easy_perform (curl);
  if (code != CURLE_OK)
    set_curl_error (error, code, &transfer, account->smtp_host, _("logging in"));
  curl_easy_cleanup (curl);
  transfer_clear (&transfer);
  return code == CURLE_OK;
}

gboolean
pacta_mail_transport_test (const PactaMailAccount  *account,
                           const char              *password,
                           GCancellable            *cancellable,
                           GError                 **error)
{
  g_autoptr(PactaImapSession) session = NULL;

  if (!(session = pacta_imap_session_open (account, password, cancellable, error)))
    return FALSE;
  return smtp_test (account, password, cancellable, error);
}
