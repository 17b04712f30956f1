/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-mail.c: Pacta and the MSP's mailbox — the account, the outbox and
 * the inbox.
 *
 * The outbox is written before the network is touched and after it
 * answered, each step its own transaction: "queued" → "sending" (committed
 * before the message is handed to SMTP) → "sent", "failed" or "unknown"
 * (committed after). A message found still "sending" by a later pass —
 * Pacta stopped between the two — was perhaps sent: it becomes "unknown"
 * and is shown, and is sent again only when the user asks. Each message
 * keeps its Message-ID from the moment it is queued, so a copy that does
 * get through twice is the same message to the recipient's mail program.
 *
 * The inbox keeps every message read from the server once: its row (the
 * folder, UIDVALIDITY and UID, and the Message-ID) is written in the same
 * transaction as the ticket or conversation entry it became and as the
 * point reading has reached, so a check cut off anywhere keeps each message
 * whole or not at all, and reads on from there the next time.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pacta-clock.h"
#include "pacta-error.h"
#include "pacta-helpdesk.h"
#include "pacta-invoice-document.h"
#include "pacta-invoice-language.h"
#include "pacta-mail.h"
#include "pacta-msp.h"
#include "pacta-text.h"

/* A message still "sending" this long after it was handed over was
 * interrupted: no transfer lasts longer (pacta-mail-transport.c) */
#define SENDING_GRACE_SECONDS  (10 * 60)
/* Ids of a conversation named in References, newest kept */
#define MAX_REFERENCES         20

static char *
now_iso (void)
{
  return pacta_now_iso8601_utc ();
}

/* The helpdesk's time format ("2026-12-06 10:30", local) */
static char *
now_local (void)
{
  g_autoptr(GDateTime) now = pacta_now ();

  return g_date_time_format (now, "%Y-%m-%d %H:%M");
}

static gboolean
rollback (PactaDatabase *database)
{
  pacta_database_rollback (database);
  return FALSE;
}

/* ---- the account --------------------------------------------------------------- */

static const char *const account_keys[] = {
  PACTA_MAIL_SETTING_IMAP_HOST, PACTA_MAIL_SETTING_IMAP_PORT, PACTA_MAIL_SETTING_IMAP_SECURITY,
  PACTA_MAIL_SETTING_SMTP_HOST, PACTA_MAIL_SETTING_SMTP_PORT, PACTA_MAIL_SETTING_SMTP_SECURITY,
  PACTA_MAIL_SETTING_USER, PACTA_MAIL_SETTING_ADDRESS, PACTA_MAIL_SETTING_FOLDER,
  PACTA_MAIL_SETTING_DONE_FOLDER,
};

static guint
parse_port (const char *text,
            guint       fallback)
{
  guint64 port = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, 65535, &port, NULL))
    return fallback;
  return (guint) port;
}

PactaMailAccount *
pacta_mail_account_load (PactaDatabase  *database,
                         GError        **error)
{
  g_autoptr(PactaMailAccount) account = NULL;
  g_autofree char *imap_host = pacta_database_get_setting (database, PACTA_MAIL_SETTING_IMAP_HOST);
  g_autofree char *imap_port = NULL, *imap_security = NULL, *smtp_port = NULL, *smtp_security = NULL;
  g_autofree char *folder = NULL;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), NULL);

  if (imap_host == NULL || *imap_host == '\0')
    return NULL;
  account = pacta_mail_account_new ();
  account->imap_host = g_steal_pointer (&imap_host);
  imap_port = pacta_database_get_setting (database, PACTA_MAIL_SETTING_IMAP_PORT);
  imap_security = pacta_database_get_setting (database, PACTA_MAIL_SETTING_IMAP_SECURITY);
  smtp_port = pacta_database_get_setting (database, PACTA_MAIL_SETTING_SMTP_PORT);
  smtp_security = pacta_database_get_setting (database, PACTA_MAIL_SETTING_SMTP_SECURITY);
  account->imap_port = parse_port (imap_port, 993);
  if (!pacta_mail_security_from_string (imap_security, &account->imap_security))
    account->imap_security = PACTA_MAIL_SECURITY_TLS;
  account->smtp_host = pacta_database_get_setting (database, PACTA_MAIL_SETTING_SMTP_HOST);
  account->smtp_port = parse_port (smtp_port, 465);
  if (!pacta_mail_security_from_string (smtp_security, &account->smtp_security))
    account->smtp_security = PACTA_MAIL_SECURITY_TLS;
  account->user = pacta_database_get_setting (database, PACTA_MAIL_SETTING_USER);
  account->address = pacta_database_get_setting (database, PACTA_MAIL_SETTING_ADDRESS);
  folder = pacta_database_get_setting (database, PACTA_MAIL_SETTING_FOLDER);
  if (folder != NULL && *folder != '\0')
    {
      g_free (account->folder);
      account->folder = g_steal_pointer (&folder);
    }
  account->done_folder = pacta_database_get_setting (database, PACTA_MAIL_SETTING_DONE_FOLDER);
  if (account->done_folder != NULL && *account->done_folder == '\0')
    g_clear_pointer (&account->done_folder, g_free);
  return g_steal_pointer (&account);
}

static char *
secret_account (const PactaMailAccount *account)
{
  return g_strdup_printf ("%s@%s", account->user, account->imap_host);
}

static gboolean
write_account (PactaDatabase          *database,
               const PactaMailAccount *account,
               GError                **error)
{
  g_autofree char *imap_port = NULL, *smtp_port = NULL;
  const char *values[G_N_ELEMENTS (account_keys)] = { NULL, };

  if (account != NULL)
    {
      imap_port = g_strdup_printf ("%u", account->imap_port);
      smtp_port = g_strdup_printf ("%u", account->smtp_port);
      values[0] = account->imap_host;
      values[1] = imap_port;
      values[2] = pacta_mail_security_to_string (account->imap_security);
      values[3] = account->smtp_host;
      values[4] = smtp_port;
      values[5] = pacta_mail_security_to_string (account->smtp_security);
      values[6] = account->user;
      values[7] = account->address;
      values[8] = account->folder;
      values[9] = account->done_folder != NULL && *account->done_folder != '\0' ? account->done_folder : NULL;
    }

  if (!pacta_database_begin (database, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (account_keys); i++)
    if (!pacta_database_set_setting (database, account_keys[i], values[i], error))
      return rollback (database);
  /* Invoices are mailed from the day an account is first set, never the
   * ones issued before (pacta_mail_queue_invoices()) */
  if (account != NULL)
    {
      g_autofree char *since = pacta_database_get_setting (database, PACTA_MAIL_SETTING_INVOICES_SINCE);

      if (since == NULL)
        {
          g_autofree char *today = pacta_clock_get_today (pacta_clock_get_default ());

          if (!pacta_database_set_setting (database, PACTA_MAIL_SETTING_INVOICES_SINCE, today, error))
            return rollback (database);
        }
    }
  if (!pacta_database_commit (database, error))
    return rollback (database);
  return TRUE;
}

gboolean
pacta_mail_account_save (PactaDatabase           *database,
                         PactaSecrets            *secrets,
                         const PactaMailAccount  *account,
                         const char              *password,
                         GCancellable            *cancellable,
                         GError                 **error)
{
  g_autoptr(PactaMailAccount) before = NULL;
  g_autofree char *key = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (PACTA_IS_SECRETS (secrets), FALSE);

  if (!pacta_mail_account_check (account, error))
    return FALSE;
  if (password == NULL || *password == '\0')
    return pacta_error_invalid (error, _("The password is missing"));
  if (!pacta_mail_transport_test (account, password, cancellable, error))
    return FALSE;

  key = secret_account (account);
  /* Translators: the keyring's name for the mail password; %s is the mailbox's address */
  label = g_strdup_printf (_("Mailbox %s (Pacta)"), account->address);
  if (!pacta_secrets_store (secrets, PACTA_MAIL_SECRET_SERVICE, key, label, password, cancellable, error))
    return FALSE;

  before = pacta_mail_account_load (database, NULL);
  if (!write_account (database, account, error))
    {
      g_autofree char *before_key = before != NULL ? secret_account (before) : NULL;

      if (g_strcmp0 (before_key, key) != 0)
        pacta_secrets_clear (secrets, PACTA_MAIL_SECRET_SERVICE, key, NULL, NULL);
      return FALSE;
    }
  if (before != NULL)
    {
      g_autofree char *before_key = secret_account (before);

      if (!g_str_equal (before_key, key))
        pacta_secrets_clear (secrets, PACTA_MAIL_SECRET_SERVICE, before_key, NULL, NULL);
    }
  return TRUE;
}

gboolean
pacta_mail_account_forget (PactaDatabase  *database,
                           PactaSecrets   *secrets,
                           GCancellable   *cancellable,
                           GError        **error)
{
  g_autoptr(PactaMailAccount) account = pacta_mail_account_load (database, NULL);

  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (PACTA_IS_SECRETS (secrets), FALSE);

  if (account != NULL)
    {
      g_autofree char *key = secret_account (account);

      /* The password first: a keyring that can't forget it keeps the account */
      if (!pacta_secrets_clear (secrets, PACTA_MAIL_SECRET_SERVICE, key, cancellable, error))
        return FALSE;
    }
  return write_account (database, NULL, error);
}

static char *
password_for (PactaSecrets            *secrets,
              const PactaMailAccount  *account,
              GCancellable            *cancellable,
              GError                 **error)
{
  g_autofree char *key = secret_account (account);
  g_autoptr(GError) local_error = NULL;
  char *password = pacta_secrets_lookup (secrets, PACTA_MAIL_SECRET_SERVICE, key, cancellable, &local_error);

  if (password == NULL && local_error == NULL)
    g_set_error (error, PACTA_ERROR, PACTA_ERROR_PASSWORD_REQUIRED,
                 /* Translators: %s is the mailbox's address */
                 _("The keyring has no password for the mailbox %s: set the mail account again"), account->address);
  else if (password == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return password;
}

PactaMailAccount *
pacta_mail_account_from_key_file (const char  *path,
                                  GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(PactaMailAccount) account = pacta_mail_account_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *imap_security = NULL, *smtp_security = NULL;
  const char *group = "Mail";

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                   /* Translators: a file's name, then why it can't be read */
                   _("The mail account file %s can’t be read: %s"), path, local_error->message);
      return NULL;
    }
  if (!g_key_file_has_group (file, group))
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                   /* Translators: %s is a file's name; [Mail] is literal */
                   _("The mail account file %s has no [Mail] group"), path);
      return NULL;
    }
  if (g_key_file_has_key (file, group, "password", NULL))
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                   /* Translators: %s is a file's name; --password-file is literal */
                   _("The mail account file %s holds a password: passwords go to the keyring only "
                     "(give it with --password-file or when asked), never in a file Pacta keeps"), path);
      return NULL;
    }

#define READ_TEXT(field, key) \
  G_STMT_START { \
    char *value_ = g_key_file_get_string (file, group, key, NULL); \
    if (value_ != NULL) { g_free (account->field); account->field = g_strstrip (value_); } \
  } G_STMT_END
  READ_TEXT (imap_host, "imap-host");
  READ_TEXT (smtp_host, "smtp-host");
  READ_TEXT (user, "user");
  READ_TEXT (address, "address");
  READ_TEXT (folder, "folder");
  READ_TEXT (done_folder, "done-folder");
#undef READ_TEXT

  imap_security = g_key_file_get_string (file, group, "imap-security", NULL);
  smtp_security = g_key_file_get_string (file, group, "smtp-security", NULL);
  if (imap_security != NULL && !pacta_mail_security_from_string (g_strstrip (imap_security), &account->imap_security))
    return pacta_error_invalid (error, _("imap-security is “tls” or “starttls”")), NULL;
  if (smtp_security != NULL && !pacta_mail_security_from_string (g_strstrip (smtp_security), &account->smtp_security))
    return pacta_error_invalid (error, _("smtp-security is “tls” or “starttls”")), NULL;
  account->imap_port = account->imap_security == PACTA_MAIL_SECURITY_TLS ? 993 : 143;
  account->smtp_port = account->smtp_security == PACTA_MAIL_SECURITY_TLS ? 465 : 587;
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *port = g_key_file_get_value (file, group, i == 0 ? "imap-port" : "smtp-port", NULL);

      if (port != NULL)
        *(i == 0 ? &account->imap_port : &account->smtp_port) = parse_port (g_strstrip (port), 0);
    }
  if (account->address == NULL && account->user != NULL && strchr (account->user, '@') != NULL)
    account->address = g_strdup (account->user);
  if (account->done_folder != NULL && *account->done_folder == '\0')
    g_clear_pointer (&account->done_folder, g_free);
  if (!pacta_mail_account_check (account, error))
    return NULL;
  return g_steal_pointer (&account);
}

/* ---- the outbox: states ---------------------------------------------------------- */

static const char *const state_names[] = {
  [PACTA_MAIL_STATE_NONE] = "none",
  [PACTA_MAIL_STATE_QUEUED] = "queued",
  [PACTA_MAIL_STATE_SENDING] = "sending",
  [PACTA_MAIL_STATE_SENT] = "sent",
  [PACTA_MAIL_STATE_FAILED] = "failed",
  [PACTA_MAIL_STATE_UNKNOWN] = "unknown",
  [PACTA_MAIL_STATE_BOUNCED] = "bounced",
};

const char *
pacta_mail_state_to_string (PactaMailState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (state_names), "none");
  return state_names[state];
}

PactaMailState
pacta_mail_state_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (text, state_names[i]) == 0)
      return (PactaMailState) i;
  return PACTA_MAIL_STATE_NONE;
}

void
pacta_invoice_mailing_free (PactaInvoiceMailing *mailing)
{
  if (mailing == NULL)
    return;
  g_free (mailing->recipient);
  g_free (mailing->sent_at);
  g_free (mailing->error);
  g_free (mailing);
}

static PactaInvoiceMailing *
load_mailing (PactaDatabase  *database,
              const char     *sql,
              gint64          id,
              GError        **error)
{
  PactaInvoiceMailing *mailing = g_new0 (PactaInvoiceMailing, 1);
  sqlite3_stmt *stmt = pacta_database_prepare (database, sql, error);
  int rc;

  if (stmt == NULL)
    {
      pacta_invoice_mailing_free (mailing);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      mailing->state = pacta_mail_state_from_string (pacta_sql_column_text (stmt, 0));
      mailing->recipient = g_strdup (pacta_sql_column_text (stmt, 1));
      mailing->sent_at = g_strdup (pacta_sql_column_text (stmt, 2));
      mailing->error = g_strdup (pacta_sql_column_text (stmt, 3));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pacta_database_set_error (database, error, _("reading how an invoice was sent"));
      pacta_invoice_mailing_free (mailing);
      return NULL;
    }
  return mailing;
}

PactaInvoiceMailing *
pacta_mail_invoice_mailing (PactaDatabase  *database,
                            gint64          invoice_id,
                            GError        **error)
{
  return load_mailing (database, "SELECT state, recipient, sent_at, error FROM mail_outbox WHERE invoice_id = ?1",
                       invoice_id, error);
}

PactaInvoiceMailing *
pacta_mail_reply_mailing (PactaDatabase  *database,
                          gint64          ticket_update_id,
                          GError        **error)
{
  return load_mailing (database, "SELECT state, recipient, sent_at, error FROM mail_outbox WHERE ticket_update_id = ?1",
                       ticket_update_id, error);
}

void
pacta_mail_queue_report_clear (PactaMailQueueReport *report)
{
  g_clear_pointer (&report->for_printing, g_array_unref);
  report->n_queued = 0;
  report->n_already = 0;
}

/* The domain Pacta's Message-IDs are made on: the sender's */
static char *
message_id_domain (PactaDatabase *database)
{
  g_autofree char *company = pacta_database_get_setting (database, "invoice-email");
  g_autofree char *address = pacta_database_get_setting (database, PACTA_MAIL_SETTING_ADDRESS);
  g_autofree char *from = pacta_mail_address_normalize (company != NULL ? company : address);
  const char *domain = from != NULL ? pacta_mail_address_domain (from) : NULL;

  return g_strdup (domain != NULL ? domain : "pacta.invalid");
}

static gboolean
insert_outbox (PactaDatabase  *database,
               const char     *kind,
               gint64          invoice_id,
               gint64          ticket_update_id,
               const char     *message_id,
               const char     *recipient,
               GError        **error)
{
  g_autofree char *now = now_iso ();
  sqlite3_stmt *stmt = pacta_database_prepare (database,
                                               "INSERT INTO mail_outbox (kind, invoice_id, ticket_update_id, message_id,"
                                               " recipient, queued_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                               error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  if (invoice_id > 0)
    sqlite3_bind_int64 (stmt, 2, invoice_id);
  else
    sqlite3_bind_null (stmt, 2);
  if (ticket_update_id > 0)
    sqlite3_bind_int64 (stmt, 3, ticket_update_id);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_text (stmt, 4, message_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, recipient, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  return pacta_database_step_done (database, stmt, error);
}

gboolean
pacta_mail_queue_invoices (PactaDatabase         *database,
                           GArray                *invoice_ids,
                           PactaMailQueueReport  *report,
                           GError               **error)
{
  g_autofree char *since = pacta_database_get_setting (database, PACTA_MAIL_SETTING_INVOICES_SINCE);
  g_autofree char *domain = message_id_domain (database);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) for_printing = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  guint n_queued = 0, n_already = 0;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);

  if (!pacta_database_begin (database, error))
    return FALSE;

  if (invoice_ids != NULL)
    g_array_append_vals (ids, invoice_ids->data, invoice_ids->len);
  else
    {
      /* Every invoice since the account was set that is not in the outbox */
      stmt = pacta_database_prepare (database,
                                     "SELECT i.id FROM invoices i"
                                     " WHERE i.issue_date >= ?1"
                                     "  AND NOT EXISTS (SELECT 1 FROM mail_outbox o WHERE o.invoice_id = i.id)"
                                     " ORDER BY i.id",
                                     error);
      if (stmt == NULL)
        return rollback (database);
      sqlite3_bind_text (stmt, 1, since != NULL ? since : "9999-12-31", -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (ids, id);
        }
      sqlite3_reset (stmt);
    }

  stmt = pacta_database_prepare (database,
                                 "SELECT i.id, b.send_by, b.invoice_email,"
                                 " (SELECT count(*) FROM mail_outbox o WHERE o.invoice_id = i.id)"
                                 " FROM invoices i LEFT JOIN billing_info b ON b.customer_id = i.customer_id"
                                 " WHERE i.id = ?1",
                                 error);
  if (stmt == NULL)
    return rollback (database);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autofree char *recipient = NULL;
      g_autofree char *message_id = NULL;
      gboolean by_post, queued;
      int rc;

      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          if (rc == SQLITE_DONE)
            g_set_error (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND, _("The invoice no longer exists"));
          else
            pacta_database_set_error (database, error, _("reading the invoices to send"));
          return rollback (database);
        }
      by_post = g_strcmp0 (pacta_sql_column_text (stmt, 1), "email") != 0;
      recipient = pacta_mail_address_normalize (pacta_sql_column_text (stmt, 2));
      queued = sqlite3_column_int64 (stmt, 3) > 0;
      sqlite3_reset (stmt);

      if (queued)
        n_already++;
      else if (by_post || recipient == NULL)
        g_array_append_val (for_printing, id);
      else
        {
          message_id = pacta_mail_new_message_id (domain);
          if (!insert_outbox (database, "invoice", id, 0, message_id, recipient, error))
            return rollback (database);
          n_queued++;
        }
    }

  if (!pacta_database_commit (database, error))
    return rollback (database);
  if (report != NULL)
    {
      pacta_mail_queue_report_clear (report);
      report->n_queued = n_queued;
      report->n_already = n_already;
      report->for_printing = g_steal_pointer (&for_printing);
    }
  return TRUE;
}

gboolean
pacta_mail_resend_invoice (PactaDatabase  *database,
                           gint64          invoice_id,
                           GError        **error)
{
  g_autoptr(PactaInvoiceMailing) mailing = NULL;
  g_autofree char *recipient = NULL;
  sqlite3_stmt *stmt;

  if (!(mailing = pacta_mail_invoice_mailing (database, invoice_id, error)))
    return FALSE;
  if (mailing->state == PACTA_MAIL_STATE_NONE)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      PactaMailQueueReport report = { 0, };
      gboolean ok;

      g_array_append_val (ids, invoice_id);
      ok = pacta_mail_queue_invoices (database, ids, &report, error);
      if (ok && report.n_queued == 0)
        ok = pacta_error_invalid (error, _("This customer’s invoices go by post, or there is no invoice email: "
                                           "change the billing information to send it by email"));
      pacta_mail_queue_report_clear (&report);
      return ok;
    }
  if (mailing->state == PACTA_MAIL_STATE_QUEUED || mailing->state == PACTA_MAIL_STATE_SENDING)
    return TRUE;

  stmt = pacta_database_prepare (database,
                                 "SELECT b.invoice_email FROM invoices i JOIN billing_info b ON b.customer_id = i.customer_id"
                                 " WHERE i.id = ?1",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, invoice_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    recipient = pacta_mail_address_normalize (pacta_sql_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (recipient == NULL)
    return pacta_error_invalid (error, _("The customer has no invoice email: add one to the billing information"));

  /* A message that may have arrived keeps its Message-ID, so that a second
   * copy is the same message to the customer's mail program; one that did
   * arrive and is asked for again is a new message */
  stmt = pacta_database_prepare (database,
                                 "UPDATE mail_outbox SET state = 'queued', recipient = ?2, error = NULL, sent_at = NULL,"
                                 " message_id = coalesce (?3, message_id) WHERE invoice_id = ?1",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, invoice_id);
  sqlite3_bind_text (stmt, 2, recipient, -1, SQLITE_TRANSIENT);
  if (mailing->state == PACTA_MAIL_STATE_SENT)
    {
      g_autofree char *domain = message_id_domain (database);
      sqlite3_bind_text (stmt, 3, pacta_mail_new_message_id (domain), -1, g_free);
    }
  else
    sqlite3_bind_null (stmt, 3);
  return pacta_database_step_done (database, stmt, error);
}

/* ---- the outbox: ticket replies ------------------------------------------------------ */

/* The address a ticket's replies go to: its own, or its contact's */
static char *
ticket_recipient (PactaDatabase  *database,
                  gint64          ticket_id,
                  GError        **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (database,
                                               "SELECT t.contact_email,"
                                               " (SELECT c.email FROM contacts c WHERE c.customer_id = t.customer_id"
                                               "   AND c.name = t.contact_name AND c.email IS NOT NULL ORDER BY c.id LIMIT 1)"
                                               " FROM tickets t WHERE t.id = ?1",
                                               error);
  char *recipient = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      recipient = pacta_mail_address_normalize (pacta_sql_column_text (stmt, 0));
      if (recipient == NULL)
        recipient = pacta_mail_address_normalize (pacta_sql_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND, _("The ticket no longer exists"));
  else if (rc != SQLITE_ROW)
    pacta_database_set_error (database, error, _("reading the ticket"));
  else if (recipient == NULL)
    pacta_error_invalid (error, _("The ticket’s contact has no email address: the reply can’t be mailed. "
                                  "Add the address to the contact, or write an internal note."));
  return recipient;
}

char *
pacta_mail_ticket_recipient (PactaDatabase *database,
                             gint64         ticket_id)
{
  return ticket_recipient (database, ticket_id, NULL);
}

gint64
pacta_mail_reply_to_ticket (PactaDatabase  *database,
                            gint64          ticket_id,
                            const char     *author,
                            const char     *body,
                            GError        **error)
{
  g_autofree char *recipient = NULL;
  g_autofree char *domain = NULL;
  g_autofree char *message_id = NULL;
  g_autofree char *now = now_local ();
  sqlite3_stmt *stmt;
  gint64 update_id;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), 0);

  if (pacta_text_is_blank (body))
    return pacta_error_invalid (error, _("Write something first")), 0;
  if (!pacta_text_check (body, PACTA_TEXT_MULTILINE, 0, _("the message"), error))
    return 0;
  if (!(recipient = ticket_recipient (database, ticket_id, error)))
    return 0;

  domain = message_id_domain (database);
  message_id = pacta_mail_new_message_id (domain);
  if (!pacta_database_begin (database, error))
    return 0;
  stmt = pacta_database_prepare (database,
                                 "INSERT INTO ticket_updates (ticket_id, kind, author, body, created_at, message_id)"
                                 " VALUES (?1, 'message', ?2, ?3, ?4, ?5)",
                                 error);
  if (stmt == NULL)
    return rollback (database), 0;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  pacta_sql_bind_text (stmt, 2, author);
  sqlite3_bind_text (stmt, 3, body, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, message_id, -1, SQLITE_TRANSIENT);
  if (!pacta_database_step_done (database, stmt, error))
    return rollback (database), 0;
  update_id = sqlite3_last_insert_rowid (pacta_database_get_handle (database));
  if (!insert_outbox (database, "reply", 0, update_id, message_id, recipient, error) ||
      !pacta_database_commit (database, error))
    return rollback (database), 0;
  return update_id;
}

/* ---- the outbox: sending --------------------------------------------------------------- */

guint
pacta_mail_settle_interrupted (PactaDatabase  *database,
                               GError        **error)
{
  g_autoptr(GDateTime) now = pacta_now ();
  g_autoptr(GDateTime) limit = g_date_time_add_seconds (now, -SENDING_GRACE_SECONDS);
  g_autoptr(GDateTime) limit_utc = g_date_time_to_utc (limit);
  g_autofree char *before = g_date_time_format (limit_utc, "%Y-%m-%dT%H:%M:%SZ");
  sqlite3_stmt *stmt = pacta_database_prepare (database,
                                               "UPDATE mail_outbox SET state = 'unknown', error = ?2"
                                               " WHERE state = 'sending' AND (attempted_at IS NULL OR attempted_at < ?1)",
                                               error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, before, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, _("Pacta stopped while the message was handed to the mail server: it may have been sent"),
                     -1, SQLITE_TRANSIENT);
  if (!pacta_database_step_done (database, stmt, error))
    return 0;
  return (guint) sqlite3_changes (pacta_database_get_handle (database));
}

typedef struct
{
  gint64  id;
  char   *kind;
  gint64  invoice_id;
  gint64  ticket_update_id;
  char   *message_id;
  char   *recipient;
} Outgoing;

static void
outgoing_clear (Outgoing *outgoing)
{
  g_clear_pointer (&outgoing->kind, g_free);
  g_clear_pointer (&outgoing->message_id, g_free);
  g_clear_pointer (&outgoing->recipient, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Outgoing, outgoing_clear)

/* The next queued message after @after_id; FALSE with no error when none */
static gboolean
next_queued (PactaDatabase  *database,
             gint64          after_id,
             Outgoing       *outgoing,
             GError        **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (database,
                                               "SELECT id, kind, invoice_id, ticket_update_id, message_id, recipient"
                                               " FROM mail_outbox WHERE state = 'queued' AND id > ?1 ORDER BY id LIMIT 1",
                                               error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, after_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      outgoing->id = sqlite3_column_int64 (stmt, 0);
      outgoing->kind = g_strdup (pacta_sql_column_text (stmt, 1));
      outgoing->invoice_id = sqlite3_column_int64 (stmt, 2);
      outgoing->ticket_update_id = sqlite3_column_int64 (stmt, 3);
      outgoing->message_id = g_strdup (pacta_sql_column_text (stmt, 4));
      outgoing->recipient = g_strdup (pacta_sql_column_text (stmt, 5));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    pacta_database_set_error (database, error, _("reading the outbox"));
  return rc == SQLITE_ROW;
}

/* Moves one message on; "sending" only from "queued" (another Pacta may
 * have taken it), the rest only from "sending" */
static gboolean
mark (PactaDatabase  *database,
      gint64          id,
      PactaMailState  state,
      const char     *message,
      gboolean       *moved,
      GError        **error)
{
  g_autofree char *now = now_iso ();
  sqlite3_stmt *stmt = pacta_database_prepare (database,
                                               "UPDATE mail_outbox SET state = ?2, error = ?3,"
                                               " attempted_at = CASE WHEN ?2 = 'sending' THEN ?4 ELSE attempted_at END,"
                                               " attempts = attempts + (?2 = 'sending'),"
                                               " sent_at = CASE WHEN ?2 = 'sent' THEN ?4 ELSE sent_at END"
                                               " WHERE id = ?1 AND state = CASE WHEN ?2 = 'sending' THEN 'queued' ELSE 'sending' END",
                                               error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, pacta_mail_state_to_string (state), -1, SQLITE_STATIC);
  pacta_sql_bind_text (stmt, 3, message);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  if (!pacta_database_step_done (database, stmt, error))
    return FALSE;
  if (moved != NULL)
    *moved = sqlite3_changes (pacta_database_get_handle (database)) > 0;
  return TRUE;
}

static GBytes *
render_to_bytes (PactaDatabase           *database,
                 gint64                   invoice_id,
                 PactaInvoiceRenderFunc   render_pdf,
                 gpointer                 render_data,
                 GError                 **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (render_pdf == NULL)
    return g_set_error_literal (error, PACTA_ERROR, PACTA_ERROR_FAILED, _("The invoice’s PDF can’t be made here")), NULL;
  if (!(file = g_file_new_tmp ("pacta-invoice-XXXXXX.pdf", &stream, error)))
    return NULL;
  g_io_stream_close (G_IO_STREAM (stream), NULL, NULL);
  if (render_pdf (database, invoice_id, file, render_data, error))
    bytes = g_file_load_bytes (file, NULL, NULL, error);
  g_file_delete (file, NULL, NULL);
  return g_steal_pointer (&bytes);
}

static GBytes *
build_invoice_message (PactaDatabase           *database,
                       const PactaMailAccount  *account,
                       const Outgoing          *outgoing,
                       PactaInvoiceRenderFunc   render_pdf,
                       gpointer                 render_data,
                       char                   **from,
                       GError                 **error)
{
  g_autoptr(PactaInvoiceDocument) document = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(PactaBillingInfo) company = NULL;
  g_autoptr(GDateTime) now = pacta_now ();
  g_autofree char *subject = NULL, *body = NULL, *date = NULL, *due = NULL, *total = NULL;
  g_autofree char *file_name = NULL, *sender = NULL;
  const PactaInvoiceLanguage *language;
  const char *company_name;
  gboolean credit_note;
  PactaMailDraft draft = { 0, };

  if (!(document = pacta_invoice_document_load (database, outgoing->invoice_id, error)) ||
      !(pdf = render_to_bytes (database, outgoing->invoice_id, render_pdf, render_data, error)) ||
      !(company = pacta_msp_load (database, error)))
    return NULL;

  language = pacta_invoice_language_for_customer (document->customer);
  company_name = pacta_invoice_document_member (document->msp, "business-name");
  if (company_name == NULL)
    company_name = pacta_billing_info_get_business_name (company);
  if (company_name == NULL)
    company_name = account->address;
  credit_note = g_strcmp0 (document->kind, "credit_note") == 0;
  date = pacta_invoice_language_format_date (language, document->issue_date);
  due = pacta_invoice_language_format_date (language, document->due_date);
  total = pacta_invoice_language_format_money (language, document->gross, document->currency);
  subject = pacta_invoice_language_fill (credit_note ? language->mail_subject_credit_note : language->mail_subject_invoice,
                                         "number", document->number, "company", company_name, NULL);
  body = pacta_invoice_language_fill (credit_note ? language->mail_body_credit_note : language->mail_body_invoice,
                                      "number", document->number, "company", company_name, "date", date,
                                      "total", total, "due", due, NULL);
  file_name = pacta_invoice_file_name (document->number, "pdf");
  /* From the company's invoice email; the mailbox's own address without one */
  sender = pacta_mail_address_normalize (pacta_billing_info_get_invoice_email (company));
  if (sender == NULL)
    sender = g_strdup (account->address);

  draft.from_address = sender;
  draft.from_name = company_name;
  draft.to_address = outgoing->recipient;
  draft.to_name = pacta_invoice_document_member (document->customer, "business-name");
  draft.subject = subject;
  draft.body = body;
  draft.message_id = outgoing->message_id;
  draft.date = now;
  draft.language = language->code;
  draft.attachment_name = file_name;
  draft.attachment_type = "application/pdf";
  draft.attachment = pdf;
  *from = g_steal_pointer (&sender);
  return pacta_mail_message_build (&draft, error);
}

static GBytes *
build_reply_message (PactaDatabase           *database,
                     const PactaMailAccount  *account,
                     const Outgoing          *outgoing,
                     char                   **from,
                     GError                 **error)
{
  g_autoptr(GPtrArray) references = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PactaBillingInfo) company = NULL;
  g_autoptr(GDateTime) now = pacta_now ();
  g_autofree char *subject = NULL, *body = NULL, *author = NULL, *number = NULL, *title = NULL;
  g_autofree char *contact = NULL;
  gint64 ticket_id = 0;
  PactaMailDraft draft = { 0, };
  sqlite3_stmt *stmt;
  int rc;

  stmt = pacta_database_prepare (database,
                                 "SELECT u.ticket_id, u.body, u.author, t.number, t.title, t.contact_name"
                                 " FROM ticket_updates u JOIN tickets t ON t.id = u.ticket_id WHERE u.id = ?1",
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, outgoing->ticket_update_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      ticket_id = sqlite3_column_int64 (stmt, 0);
      body = g_strdup (pacta_sql_column_text (stmt, 1));
      author = g_strdup (pacta_sql_column_text (stmt, 2));
      number = g_strdup (pacta_sql_column_text (stmt, 3));
      title = g_strdup (pacta_sql_column_text (stmt, 4));
      contact = g_strdup (pacta_sql_column_text (stmt, 5));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND, _("The reply is no longer in its ticket"));
      return NULL;
    }

  /* The thread: every message of the conversation before this one */
  stmt = pacta_database_prepare (database,
                                 "SELECT message_id FROM ticket_updates WHERE ticket_id = ?1 AND id < ?2"
                                 " AND message_id IS NOT NULL ORDER BY id",
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  sqlite3_bind_int64 (stmt, 2, outgoing->ticket_update_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (references, g_strdup (pacta_sql_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (references->len > MAX_REFERENCES)
    g_ptr_array_remove_range (references, 0, references->len - MAX_REFERENCES);

  if (!(company = pacta_msp_load (database, error)))
    return NULL;
  subject = g_strdup_printf ("Re: [%s] %s", number, title);
  draft.from_address = account->address;
  draft.from_name = pacta_billing_info_get_business_name (company);
  draft.to_address = outgoing->recipient;
  draft.to_name = contact;
  draft.subject = subject;
  draft.body = body;
  draft.message_id = outgoing->message_id;
  draft.in_reply_to = references->len > 0 ? g_ptr_array_index (references, references->len - 1) : NULL;
  g_ptr_array_add (references, NULL);
  draft.references = references->len > 1 ? (const char *const *) references->pdata : NULL;
  draft.date = now;
  *from = g_strdup (account->address);
  return pacta_mail_message_build (&draft, error);
}

gboolean
pacta_mail_send_outbox (PactaDatabase           *database,
                        PactaSecrets            *secrets,
                        PactaInvoiceRenderFunc   render_pdf,
                        gpointer                 render_data,
                        PactaMailProgress        progress,
                        gpointer                 progress_data,
                        PactaMailSendReport     *report,
                        GCancellable            *cancellable,
                        GError                 **error)
{
  g_autoptr(PactaMailAccount) account = NULL;
  g_autofree char *password = NULL;
  PactaMailSendReport counts = { 0, };
  gint64 after_id = 0;
  guint total, done = 0;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (PACTA_IS_SECRETS (secrets), FALSE);

  if (!(account = pacta_mail_account_load (database, error)))
    {
      if (error == NULL || *error == NULL)
        g_set_error_literal (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND, _("No mail account is set"));
      return FALSE;
    }
  pacta_mail_settle_interrupted (database, NULL);
  total = (guint) pacta_database_count (database, "SELECT count(*) FROM mail_outbox WHERE state = 'queued'", NULL);
  if (total == 0)
    {
      if (report != NULL)
        *report = counts;
      return TRUE;
    }
  if (!(password = password_for (secrets, account, cancellable, error)))
    return FALSE;

  for (;;)
    {
      g_auto(Outgoing) outgoing = { 0, };
      g_autoptr(GBytes) message = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *from = NULL;
      PactaSmtpOutcome outcome;
      PactaMailState state;
      gboolean taken = FALSE;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        break;
      if (!next_queued (database, after_id, &outgoing, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              break;
            }
          if (report != NULL)
            *report = counts;
          return TRUE;
        }
      after_id = outgoing.id;
      if (progress != NULL)
        progress (done, total, progress_data);

      /* Built first: a message that can't be made stays queued, untouched */
      if (g_str_equal (outgoing.kind, "invoice"))
        message = build_invoice_message (database, account, &outgoing, render_pdf, render_data, &from, &local_error);
      else
        message = build_reply_message (database, account, &outgoing, &from, &local_error);
      if (message == NULL)
        {
          g_autofree char *text = g_strdup (local_error->message);
          sqlite3_stmt *stmt = pacta_database_prepare (database, "UPDATE mail_outbox SET error = ?2 WHERE id = ?1", NULL);

          if (stmt != NULL)
            {
              sqlite3_bind_int64 (stmt, 1, outgoing.id);
              sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
              pacta_database_step_done (database, stmt, NULL);
            }
          counts.n_deferred++;
          done++;
          continue;
        }

      /* Written down before it leaves: a stop from here on leaves it "sending" */
      if (!mark (database, outgoing.id, PACTA_MAIL_STATE_SENDING, NULL, &taken, error))
        break;
      if (!taken)
        continue;   /* another Pacta took it */

      outcome = pacta_smtp_send (account, password, from, outgoing.recipient, message, cancellable, &local_error);
      switch (outcome)
        {
        case PACTA_SMTP_SENT:
          state = PACTA_MAIL_STATE_SENT;
          counts.n_sent++;
          break;
        case PACTA_SMTP_REFUSED:
          state = PACTA_MAIL_STATE_FAILED;
          counts.n_failed++;
          break;
        case PACTA_SMTP_UNKNOWN:
          state = PACTA_MAIL_STATE_UNKNOWN;
          counts.n_unknown++;
          break;
        case PACTA_SMTP_DEFERRED:
        case PACTA_SMTP_NOT_SENT:
        default:
          state = PACTA_MAIL_STATE_QUEUED;
          counts.n_deferred++;
          break;
        }
      if (!mark (database, outgoing.id, state, local_error != NULL ? local_error->message : NULL, NULL, error))
        break;
      done++;

      /* The server can't be reached, or won't let Pacta in: the rest waits */
      if (outcome == PACTA_SMTP_NOT_SENT)
        {
          counts.n_deferred += (guint) pacta_database_count (database,
                                                             "SELECT count(*) FROM mail_outbox WHERE state = 'queued'",
                                                             NULL) - 1;
          if (report != NULL)
            *report = counts;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  if (report != NULL)
    *report = counts;
  return FALSE;
}

/* ---- the inbox: finding the ticket or the customer ------------------------------------ */

/* Free mail: a domain many customers' people share says nothing of who they are */
static const char *const shared_domains[] = {
  "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.es", "live.com", "msn.com",
  "yahoo.com", "yahoo.es", "icloud.com", "me.com", "aol.com", "gmx.com", "gmx.net", "gmx.de", "web.de",
  "proton.me", "protonmail.com", "zoho.com", "mail.com", "yandex.com", "telefonica.net", "movistar.es",
};

static gboolean
is_shared_domain (const char *domain)
{
  for (guint i = 0; i < G_N_ELEMENTS (shared_domains); i++)
    if (g_ascii_strcasecmp (domain, shared_domains[i]) == 0)
      return TRUE;
  return FALSE;
}

/* A ticket a message answers: by the ids it names, then by [T-000123] in its subject */
static gint64
find_thread (PactaDatabase           *database,
             const PactaMailMessage  *message,
             GError                 **error)
{
  sqlite3_stmt *stmt;
  const char *subject;
  guint n = g_strv_length (message->references);

  stmt = pacta_database_prepare (database,
                                 "SELECT ticket_id FROM ticket_updates WHERE message_id = ?1"
                                 " UNION ALL SELECT u.ticket_id FROM mail_inbox m JOIN ticket_updates u"
                                 "  ON u.id = m.ticket_update_id WHERE m.message_id = ?1 LIMIT 1",
                                 error);
  if (stmt == NULL)
    return -1;
  /* The message it answers first, then its thread from the newest */
  for (int i = -1; i < (int) n; i++)
    {
      const char *id = i < 0 ? message->in_reply_to : message->references[(int) n - 1 - i];
      gint64 ticket_id = 0;

      if (id == NULL)
        continue;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        ticket_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (ticket_id > 0)
        return ticket_id;
    }

  subject = strstr (message->subject, "[T-");
  while (subject != NULL)
    {
      const char *close = strchr (subject, ']');
      gint64 ticket_id = 0;

      if (close != NULL && close - subject > 3 && close - subject <= 16)
        {
          g_autofree char *number = g_strndup (subject + 1, (gsize) (close - subject - 1));

          stmt = pacta_database_prepare (database, "SELECT id FROM tickets WHERE number = ?1", error);
          if (stmt == NULL)
            return -1;
          sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            ticket_id = sqlite3_column_int64 (stmt, 0);
          sqlite3_reset (stmt);
          if (ticket_id > 0)
            return ticket_id;
        }
      subject = strstr (subject + 1, "[T-");
    }
  return 0;
}

/* The customers a query over one bound text finds, as ids and names */
static gboolean
collect_customers (PactaDatabase  *database,
                   const char     *sql,
                   const char     *value,
                   GArray         *ids,
                   GPtrArray      *names,
                   GError        **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (database, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (names, g_strdup (pacta_sql_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* The customer a sender belongs to: its address in a contact or a billing
 * email; else its domain, remembered or of a contact. 0 and @reason when none
 * or more than one. */
static gint64
find_customer (PactaDatabase  *database,
               const char     *address,
               char          **reason,
               GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *domain = pacta_mail_address_domain (address);
  g_autofree char *pattern = NULL;

  if (!collect_customers (database,
                          "SELECT id, name FROM customers WHERE id IN ("
                          " SELECT customer_id FROM contacts WHERE lower(trim(email)) = ?1"
                          " UNION SELECT customer_id FROM billing_info WHERE lower(trim(invoice_email)) = ?1)"
                          " ORDER BY name",
                          address, ids, names, error))
    return -1;
  if (ids->len == 0 && domain != NULL &&
      !collect_customers (database,
                          "SELECT c.id, c.name FROM mail_domains d JOIN customers c ON c.id = d.customer_id"
                          " WHERE d.domain = ?1",
                          domain, ids, names, error))
    return -1;
  if (ids->len == 0 && domain != NULL && !is_shared_domain (domain))
    {
      pattern = g_strconcat ("%@", domain, NULL);
      if (!collect_customers (database,
                              "SELECT id, name FROM customers WHERE id IN ("
                              " SELECT customer_id FROM contacts WHERE lower(trim(email)) LIKE ?1 ESCAPE '\\'"
                              " UNION SELECT customer_id FROM billing_info WHERE lower(trim(invoice_email)) LIKE ?1 ESCAPE '\\')"
                              " ORDER BY name",
                              pattern, ids, names, error))
        return -1;
    }

  if (ids->len == 1)
    return g_array_index (ids, gint64, 0);
  if (ids->len == 0)
    *reason = g_strdup (_("No customer has a contact with this address or domain"));
  else
    {
      g_ptr_array_add (names, NULL);
      {
        g_autofree char *list = g_strjoinv (", ", (char **) names->pdata);
        /* Translators: %s is a list of customers' names */
        *reason = g_strdup_printf (_("The sender matches more than one customer: %s"), list);
      }
    }
  return 0;
}

/* ---- the inbox: keeping one message ------------------------------------------------------ */

static gint64
insert_inbox (PactaDatabase           *database,
              const char              *folder,
              guint64                  uidvalidity,
              guint64                  uid,
              const PactaMailMessage  *message,
              const char              *state,
              const char              *reason,
              gint64                   customer_id,
              gint64                   ticket_update_id,
              GError                 **error)
{
  g_autofree char *now = now_iso ();
  sqlite3_stmt *stmt = pacta_database_prepare (database,
                                               "INSERT INTO mail_inbox (folder, uidvalidity, uid, message_id, received_at,"
                                               " sent_date, from_address, from_name, subject, body, state, reason,"
                                               " customer_id, ticket_update_id)"
                                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                                               error);
  gint64 inbox_id;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, folder, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, (sqlite3_int64) uidvalidity);
  sqlite3_bind_int64 (stmt, 3, (sqlite3_int64) uid);
  pacta_sql_bind_text (stmt, 4, message != NULL ? message->message_id : NULL);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  pacta_sql_bind_text (stmt, 6, message != NULL ? message->date : NULL);
  pacta_sql_bind_text (stmt, 7, message != NULL ? message->from_address : NULL);
  pacta_sql_bind_text (stmt, 8, message != NULL ? message->from_name : NULL);
  sqlite3_bind_text (stmt, 9, message != NULL ? message->subject : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, message != NULL ? message->body : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, state, -1, SQLITE_STATIC);
  pacta_sql_bind_text (stmt, 12, reason);
  if (customer_id > 0)
    sqlite3_bind_int64 (stmt, 13, customer_id);
  else
    sqlite3_bind_null (stmt, 13);
  if (ticket_update_id > 0)
    sqlite3_bind_int64 (stmt, 14, ticket_update_id);
  else
    sqlite3_bind_null (stmt, 14);
  if (!pacta_database_step_done (database, stmt, error))
    return 0;
  inbox_id = sqlite3_last_insert_rowid (pacta_database_get_handle (database));

  if (message != NULL)
    {
      stmt = pacta_database_prepare (database,
                                     "INSERT INTO mail_attachments (inbox_id, filename, content_type, size, data)"
                                     " VALUES (?1, ?2, ?3, ?4, ?5)",
                                     error);
      if (stmt == NULL)
        return 0;
      for (guint i = 0; i < message->attachments->len; i++)
        {
          PactaMailAttachment *attachment = g_ptr_array_index (message->attachments, i);
          gsize size = 0;
          gconstpointer data = g_bytes_get_data (attachment->data, &size);

          sqlite3_bind_int64 (stmt, 1, inbox_id);
          sqlite3_bind_text (stmt, 2, attachment->filename, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 3, attachment->content_type, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stmt, 4, (sqlite3_int64) size);
          sqlite3_bind_blob64 (stmt, 5, data != NULL ? data : "", size, SQLITE_TRANSIENT);
          if (!pacta_database_step_done (database, stmt, error))
            return 0;
        }
    }
  return inbox_id;
}

/* What a customer wrote, as the conversation shows it: the body, and what
 * was left out of it */
static char *
update_body (const PactaMailMessage *message)
{
  GString *body = g_string_new (message->body);

  if (pacta_text_is_blank (body->str))
    g_string_assign (body, _("(The message has no text.)"));
  if (message->n_dropped > 0)
    {
      g_string_append (body, "\n\n");
      g_string_append_printf (body,
                              /* Translators: under a message in a ticket; %u is a count */
                              ngettext ("(%u attachment was left out: too large, or too many.)",
                                        "(%u attachments were left out: too large, or too many.)", message->n_dropped),
                              message->n_dropped);
    }
  return g_string_free (body, FALSE);
}

static gint64
insert_update_from (PactaDatabase           *database,
                    gint64                   ticket_id,
                    const PactaMailMessage  *message,
                    GError                 **error)
{
  g_autofree char *now = now_local ();
  g_autofree char *body = update_body (message);
  sqlite3_stmt *stmt = pacta_database_prepare (database,
                                               "INSERT INTO ticket_updates (ticket_id, kind, author, body, created_at, message_id)"
                                               " VALUES (?1, 'message', ?2, ?3, ?4, ?5)",
                                               error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  pacta_sql_bind_text (stmt, 2, message->from_name != NULL && *message->from_name != '\0'
                                  ? message->from_name : message->from_address);
  sqlite3_bind_text (stmt, 3, body, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  pacta_sql_bind_text (stmt, 5, message->message_id);
  if (!pacta_database_step_done (database, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (pacta_database_get_handle (database));
}

/* A ticket for @customer_id from @message, its first message the message
 * itself; returns the conversation entry's id */
static gint64
open_ticket (PactaDatabase           *database,
             gint64                   customer_id,
             const PactaMailMessage  *message,
             gint64                  *ticket_id_out,
             GError                 **error)
{
  g_autofree char *now = now_local ();
  g_autofree char *number = NULL;
  g_autofree char *title = NULL;
  sqlite3_stmt *stmt;
  gint64 next = 0, ticket_id;

  title = g_strstrip (g_strdup (message->subject));
  if (*title == '\0')
    {
      g_free (title);
      title = g_strdup (_("(no subject)"));
    }
  if (g_utf8_strlen (title, -1) > 255)
    {
      char *cut = g_utf8_substring (title, 0, 255);
      g_free (title);
      title = cut;
    }

  stmt = pacta_database_prepare (database, "SELECT next FROM ticket_sequence WHERE id = 1", error);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    next = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (!pacta_database_exec (database, "UPDATE ticket_sequence SET next = next + 1 WHERE id = 1", error))
    return 0;
  number = g_strdup_printf ("T-%06" G_GINT64_FORMAT, next);
  stmt = pacta_database_prepare (database,
                                 "INSERT INTO tickets (number, title, customer_id, contact_name, contact_email,"
                                 " status, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 'new', ?6, ?6)",
                                 error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, customer_id);
  pacta_sql_bind_text (stmt, 4, message->from_name != NULL && *message->from_name != '\0'
                                  ? message->from_name : message->from_address);
  pacta_sql_bind_text (stmt, 5, message->reply_to != NULL ? message->reply_to : message->from_address);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  if (!pacta_database_step_done (database, stmt, error))
    return 0;
  ticket_id = sqlite3_last_insert_rowid (pacta_database_get_handle (database));
  if (ticket_id_out != NULL)
    *ticket_id_out = ticket_id;
  return insert_update_from (database, ticket_id, message, error);
}

/* Whether the message is already kept (its UID, or its Message-ID) */
static gboolean
already_kept (PactaDatabase           *database,
              const char              *folder,
              guint64                  uidvalidity,
              guint64                  uid,
              const char              *message_id,
              gboolean                *kept,
              GError                 **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (database,
                                               "SELECT 1 FROM mail_inbox WHERE (folder = ?1 AND uidvalidity = ?2 AND uid = ?3)"
                                               " OR message_id = ?4"
                                               " UNION ALL SELECT 1 FROM ticket_updates WHERE message_id = ?4"
                                               " UNION ALL SELECT 1 FROM mail_outbox WHERE message_id = ?4 LIMIT 1",
                                               error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, folder, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, (sqlite3_int64) uidvalidity);
  sqlite3_bind_int64 (stmt, 3, (sqlite3_int64) uid);
  pacta_sql_bind_text (stmt, 4, message_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pacta_database_set_error (database, error, _("reading the mail already kept"));
      return FALSE;
    }
  *kept = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
reopen_ticket (PactaDatabase  *database,
               gint64          ticket_id,
               gboolean       *reopened,
               GError        **error)
{
  g_autofree char *status = NULL;
  sqlite3_stmt *stmt = pacta_database_prepare (database, "SELECT status FROM tickets WHERE id = ?1", error);

  *reopened = FALSE;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    status = g_strdup (pacta_sql_column_text (stmt, 0));
  sqlite3_reset (stmt);
  /* The customer wrote again: the ticket is worked on again */
  if (g_strcmp0 (status, "resolved") != 0 && g_strcmp0 (status, "closed") != 0 && g_strcmp0 (status, "waiting") != 0)
    return TRUE;
  stmt = pacta_database_prepare (database, "UPDATE tickets SET status = 'in_progress' WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  if (!pacta_database_step_done (database, stmt, error))
    return FALSE;
  *reopened = !g_str_equal (status, "waiting");
  return TRUE;
}

typedef struct
{
  const char *state;
  gboolean    reopened;
} Kept;

/* The rules, in the caller's transaction */
static gboolean
keep_message (PactaDatabase  *database,
              const char     *folder,
              guint64         uidvalidity,
              guint64         uid,
              GBytes         *raw,
              const char     *own_address,
              Kept           *kept,
              GError        **error)
{
  g_autoptr(PactaMailMessage) message = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *reason = NULL;
  gboolean seen = FALSE;
  gint64 ticket_id, customer_id, update_id = 0;

  kept->reopened = FALSE;
  message = pacta_mail_message_parse (raw, &parse_error);
  if (!already_kept (database, folder, uidvalidity, uid, message != NULL ? message->message_id : NULL, &seen, error))
    return FALSE;
  if (seen)
    {
      kept->state = "duplicate";
      return TRUE;
    }
  if (message == NULL)
    {
      kept->state = "rejected";
      return insert_inbox (database, folder, uidvalidity, uid, NULL, kept->state, parse_error->message, 0, 0, error) > 0;
    }

  /* A delivery report on a message Pacta sent: the message bounced */
  if (message->bounce_of != NULL)
    {
      sqlite3_stmt *stmt = pacta_database_prepare (database,
                                                   "UPDATE mail_outbox SET state = 'bounced', error = ?2"
                                                   " WHERE message_id = ?1 AND state IN ('sent', 'unknown')",
                                                   error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, message->bounce_of, -1, SQLITE_TRANSIENT);
      pacta_sql_bind_text (stmt, 2, message->bounce_reason != NULL ? message->bounce_reason
                                                                    : _("The message came back undelivered"));
      if (!pacta_database_step_done (database, stmt, error))
        return FALSE;
      if (sqlite3_changes (pacta_database_get_handle (database)) > 0)
        {
          kept->state = "bounce";
          return insert_inbox (database, folder, uidvalidity, uid, message, kept->state, NULL, 0, 0, error) > 0;
        }
    }

  if (own_address != NULL && g_strcmp0 (message->from_address, own_address) == 0)
    {
      kept->state = "ignored";
      return insert_inbox (database, folder, uidvalidity, uid, message, kept->state,
                           _("Sent from this mailbox"), 0, 0, error) > 0;
    }

  if ((ticket_id = find_thread (database, message, error)) < 0)
    return FALSE;
  if (ticket_id > 0)
    {
      if (!(update_id = insert_update_from (database, ticket_id, message, error)) ||
          !reopen_ticket (database, ticket_id, &kept->reopened, error))
        return FALSE;
      kept->state = "update";
      return insert_inbox (database, folder, uidvalidity, uid, message, kept->state, NULL, 0, update_id, error) > 0;
    }

  if (message->auto_submitted || message->bounce_of != NULL)
    {
      kept->state = "ignored";
      return insert_inbox (database, folder, uidvalidity, uid, message, kept->state,
                           _("An automatic message (an auto-reply or a delivery report)"), 0, 0, error) > 0;
    }
  if (message->from_address == NULL)
    {
      kept->state = "unassigned";
      return insert_inbox (database, folder, uidvalidity, uid, message, kept->state,
                           _("The sender’s address can’t be read"), 0, 0, error) > 0;
    }

  if ((customer_id = find_customer (database, message->from_address, &reason, error)) < 0)
    return FALSE;
  if (customer_id == 0)
    {
      kept->state = "unassigned";
      return insert_inbox (database, folder, uidvalidity, uid, message, kept->state, reason, 0, 0, error) > 0;
    }
  if (!(update_id = open_ticket (database, customer_id, message, NULL, error)))
    return FALSE;
  kept->state = "ticket";
  return insert_inbox (database, folder, uidvalidity, uid, message, kept->state, NULL, customer_id, update_id, error) > 0;
}

const char *
pacta_mail_import_message (PactaDatabase  *database,
                           const char     *folder,
                           guint64         uidvalidity,
                           guint64         uid,
                           GBytes         *raw,
                           GError        **error)
{
  g_autofree char *own = pacta_database_get_setting (database, PACTA_MAIL_SETTING_ADDRESS);
  g_autofree char *own_address = pacta_mail_address_normalize (own);
  Kept kept = { NULL, FALSE };

  g_return_val_if_fail (PACTA_IS_DATABASE (database), NULL);

  if (!pacta_database_begin (database, error))
    return NULL;
  if (!keep_message (database, folder, uidvalidity, uid, raw, own_address, &kept, error) ||
      !pacta_database_commit (database, error))
    {
      pacta_database_rollback (database);
      return NULL;
    }
  return kept.state;
}

/* ---- the inbox: reading the mailbox ------------------------------------------------------- */

static void
count_kept (PactaMailFetchReport *counts,
            const Kept           *kept)
{
  if (g_str_equal (kept->state, "ticket"))
    counts->n_tickets++;
  else if (g_str_equal (kept->state, "update"))
    counts->n_updates++;
  else if (g_str_equal (kept->state, "unassigned"))
    counts->n_unassigned++;
  else if (g_str_equal (kept->state, "duplicate"))
    counts->n_duplicates++;
  else
    counts->n_ignored++;
  if (kept->reopened)
    counts->n_reopened++;
}

/* Where reading stopped in @folder: its UID, if the folder's UIDVALIDITY is
 * still @uidvalidity; 0 otherwise */
static guint64
read_point (PactaDatabase *database,
            const char    *key,
            guint64        uidvalidity)
{
  g_autofree char *value = pacta_database_get_setting (database, key);
  g_auto(GStrv) parts = value != NULL ? g_strsplit (value, ":", 2) : NULL;
  guint64 validity = 0, uid = 0;

  if (parts == NULL || g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXUINT32, &validity, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXUINT32, &uid, NULL) ||
      validity != uidvalidity)
    return 0;
  return uid;
}

static gboolean
write_read_point (PactaDatabase  *database,
                  const char     *key,
                  guint64         uidvalidity,
                  guint64         uid,
                  GError        **error)
{
  g_autofree char *value = g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT, uidvalidity, uid);

  return pacta_database_set_setting (database, key, value, error);
}

/* A message too large to read: kept as refused, never downloaded */
static gboolean
keep_too_large (PactaDatabase  *database,
                const char     *folder,
                guint64         uidvalidity,
                guint64         uid,
                guint64         size,
                Kept           *kept,
                GError        **error)
{
  g_autofree char *reason = NULL;
  g_autofree char *size_text = g_format_size (size);
  g_autofree char *limit_text = g_format_size (PACTA_MAIL_MAX_MESSAGE_SIZE);
  gboolean seen = FALSE;

  if (!already_kept (database, folder, uidvalidity, uid, NULL, &seen, error))
    return FALSE;
  kept->reopened = FALSE;
  if (seen)
    {
      kept->state = "duplicate";
      return TRUE;
    }
  kept->state = "rejected";
  /* Translators: %s is a size ("31.5 MB"), then the largest size allowed */
  reason = g_strdup_printf (_("The message is too large to read (%s; at most %s): it was left in the mailbox"),
                            size_text, limit_text);
  return insert_inbox (database, folder, uidvalidity, uid, NULL, kept->state, reason, 0, 0, error) > 0;
}

gboolean
pacta_mail_fetch (PactaDatabase         *database,
                  PactaSecrets          *secrets,
                  PactaMailProgress      progress,
                  gpointer               progress_data,
                  PactaMailFetchReport  *report,
                  GCancellable          *cancellable,
                  GError               **error)
{
  g_autoptr(PactaMailAccount) account = NULL;
  g_autoptr(PactaImapSession) session = NULL;
  g_autoptr(GArray) uids = NULL;
  g_autofree char *password = NULL;
  g_autofree char *key = NULL;
  g_autofree char *own_address = NULL;
  g_autofree char *now = NULL;
  PactaMailFetchReport counts = { 0, };
  guint64 uidvalidity, after;
  gboolean ok = TRUE;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (PACTA_IS_SECRETS (secrets), FALSE);

  if (report != NULL)
    *report = counts;
  if (!(account = pacta_mail_account_load (database, error)))
    {
      if (error == NULL || *error == NULL)
        g_set_error_literal (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND, _("No mail account is set"));
      return FALSE;
    }
  if (!(password = password_for (secrets, account, cancellable, error)) ||
      !(session = pacta_imap_session_open (account, password, cancellable, error)))
    return FALSE;

  own_address = pacta_mail_address_normalize (account->address);
  key = g_strconcat (PACTA_MAIL_SETTING_SEEN_PREFIX, account->folder, NULL);
  uidvalidity = pacta_imap_session_get_uidvalidity (session);
  after = read_point (database, key, uidvalidity);
  if (!(uids = pacta_imap_session_search (session, after, cancellable, error)))
    return FALSE;
  /* The first time (or the folder was remade): the unread messages; from
   * there on, everything after them, so a message read but not kept is
   * read again whatever its flags */
  if (after == 0 && uids->len > 0 &&
      !write_read_point (database, key, uidvalidity, g_array_index (uids, guint64, 0) - 1, error))
    return FALSE;

  for (guint i = 0; i < uids->len && ok; i++)
    {
      guint64 uid = g_array_index (uids, guint64, i);
      g_autoptr(GBytes) raw = NULL;
      g_autoptr(GError) local_error = NULL;
      guint64 size = 0;
      Kept kept = { NULL, FALSE };

      if (progress != NULL)
        progress (i, uids->len, progress_data);
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !pacta_imap_session_size (session, uid, &size, cancellable, &local_error))
        {
          /* Gone since the search (another program moved it): nothing to read */
          if (g_error_matches (local_error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND))
            continue;
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          ok = FALSE;
          break;
        }
      if (size <= PACTA_MAIL_MAX_MESSAGE_SIZE &&
          !(raw = pacta_imap_session_fetch (session, uid, cancellable, error)))
        {
          ok = FALSE;
          break;
        }

      /* The message, what it became and the reading point: all or nothing */
      if (!pacta_database_begin (database, error))
        {
          ok = FALSE;
          break;
        }
      if (!(raw != NULL ? keep_message (database, account->folder, uidvalidity, uid, raw, own_address, &kept, error)
                        : keep_too_large (database, account->folder, uidvalidity, uid, size, &kept, error)) ||
          !write_read_point (database, key, uidvalidity, uid, error) ||
          !pacta_database_commit (database, error))
        {
          pacta_database_rollback (database);
          ok = FALSE;
          break;
        }
      counts.n_read++;
      count_kept (&counts, &kept);

      /* Kept: the mailbox is told (a failure here changes nothing kept) */
      if (raw != NULL && !pacta_imap_session_done (session, uid, cancellable, &local_error))
        g_debug ("A kept message could not be flagged or moved: %s", local_error->message);
    }

  if (ok)
    {
      now = now_iso ();
      pacta_database_set_setting (database, PACTA_MAIL_SETTING_CHECKED_AT, now, NULL);
      if (progress != NULL)
        progress (uids->len, uids->len, progress_data);
    }
  if (report != NULL)
    *report = counts;
  return ok;
}

/* ---- the Unassigned list -------------------------------------------------------------------- */

void
pacta_unassigned_mail_free (PactaUnassignedMail *mail)
{
  if (mail == NULL)
    return;
  g_free (mail->from_address);
  g_free (mail->from_name);
  g_free (mail->subject);
  g_free (mail->received_at);
  g_free (mail->reason);
  g_free (mail->body);
  g_free (mail);
}

GPtrArray *
pacta_mail_list_unassigned (PactaDatabase  *database,
                            GError        **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) pacta_unassigned_mail_free);
  sqlite3_stmt *stmt = pacta_database_prepare (database,
                                               "SELECT id, from_address, from_name, subject, received_at, reason, body"
                                               " FROM mail_inbox WHERE state = 'unassigned' ORDER BY id DESC",
                                               error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PactaUnassignedMail *mail = g_new0 (PactaUnassignedMail, 1);

      mail->id = sqlite3_column_int64 (stmt, 0);
      mail->from_address = g_strdup (pacta_sql_column_text (stmt, 1));
      mail->from_name = g_strdup (pacta_sql_column_text (stmt, 2));
      mail->subject = g_strdup (pacta_sql_column_text (stmt, 3));
      mail->received_at = g_strdup (pacta_sql_column_text (stmt, 4));
      mail->reason = g_strdup (pacta_sql_column_text (stmt, 5));
      mail->body = g_strdup (pacta_sql_column_text (stmt, 6));
      g_ptr_array_add (list, mail);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pacta_database_set_error (database, error, _("reading the unassigned mail"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* The unassigned message @inbox_id as it was read, for a ticket */
static PactaMailMessage *
load_unassigned (PactaDatabase  *database,
                 gint64          inbox_id,
                 GError        **error)
{
  g_autoptr(PactaMailMessage) message = g_new0 (PactaMailMessage, 1);
  sqlite3_stmt *stmt = pacta_database_prepare (database,
                                               "SELECT message_id, from_address, from_name, subject, body FROM mail_inbox"
                                               " WHERE id = ?1 AND state = 'unassigned'",
                                               error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, inbox_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      message->message_id = g_strdup (pacta_sql_column_text (stmt, 0));
      message->from_address = g_strdup (pacta_sql_column_text (stmt, 1));
      message->from_name = g_strdup (pacta_sql_column_text (stmt, 2));
      message->subject = g_strdup (pacta_sql_column_text (stmt, 3));
      message->body = g_strdup (pacta_sql_column_text (stmt, 4));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND,
                   _("The message is no longer waiting for a customer: someone else assigned it"));
      return NULL;
    }
  if (message->subject == NULL)
    message->subject = g_strdup ("");
  if (message->body == NULL)
    message->body = g_strdup ("");
  message->references = g_new0 (char *, 1);
  message->attachments = g_ptr_array_new ();
  return g_steal_pointer (&message);
}

gint64
pacta_mail_assign (PactaDatabase  *database,
                   gint64          inbox_id,
                   gint64          customer_id,
                   gboolean        remember_domain,
                   GError        **error)
{
  g_autoptr(PactaMailMessage) message = NULL;
  sqlite3_stmt *stmt;
  gint64 update_id, ticket_id = 0;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), 0);

  if (!pacta_database_begin (database, error))
    return 0;
  if (!(message = load_unassigned (database, inbox_id, error)) ||
      !(update_id = open_ticket (database, customer_id, message, &ticket_id, error)))
    return rollback (database), 0;
  stmt = pacta_database_prepare (database,
                                 "UPDATE mail_inbox SET state = 'ticket', customer_id = ?2, ticket_update_id = ?3,"
                                 " reason = NULL WHERE id = ?1",
                                 error);
  if (stmt == NULL)
    return rollback (database), 0;
  sqlite3_bind_int64 (stmt, 1, inbox_id);
  sqlite3_bind_int64 (stmt, 2, customer_id);
  sqlite3_bind_int64 (stmt, 3, update_id);
  if (!pacta_database_step_done (database, stmt, error))
    return rollback (database), 0;

  if (remember_domain)
    {
      const char *domain = message->from_address != NULL ? pacta_mail_address_domain (message->from_address) : NULL;

      if (domain == NULL || is_shared_domain (domain))
        {
          pacta_error_invalid (error, domain == NULL ? _("The sender’s address can’t be read: there is no domain to remember")
                                                     : _("This domain is a public mail service: its senders can be anyone’s. "
                                                         "Add the address to the customer’s contacts instead."));
          return rollback (database), 0;
        }
      stmt = pacta_database_prepare (database,
                                     "INSERT INTO mail_domains (domain, customer_id) VALUES (?1, ?2)"
                                     " ON CONFLICT (domain) DO UPDATE SET customer_id = excluded.customer_id",
                                     error);
      if (stmt == NULL)
        return rollback (database), 0;
      sqlite3_bind_text (stmt, 1, domain, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, customer_id);
      if (!pacta_database_step_done (database, stmt, error))
        return rollback (database), 0;
    }
  if (!pacta_database_commit (database, error))
    return rollback (database), 0;
  return ticket_id;
}

gboolean
pacta_mail_dismiss (PactaDatabase  *database,
                    gint64          inbox_id,
                    GError        **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (database,
                                               "UPDATE mail_inbox SET state = 'ignored', reason = ?2"
                                               " WHERE id = ?1 AND state = 'unassigned'",
                                               error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, inbox_id);
  sqlite3_bind_text (stmt, 2, _("Dismissed"), -1, SQLITE_TRANSIENT);
  return pacta_database_step_done (database, stmt, error);
}

GPtrArray *
pacta_mail_list_attachments (PactaDatabase  *database,
                             gint64          ticket_update_id,
                             GError        **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) pacta_mail_attachment_free);
  sqlite3_stmt *stmt = pacta_database_prepare (database,
                                               "SELECT a.filename, a.content_type, a.data FROM mail_attachments a"
                                               " JOIN mail_inbox m ON m.id = a.inbox_id WHERE m.ticket_update_id = ?1"
                                               " ORDER BY a.id",
                                               error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, ticket_update_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PactaMailAttachment *attachment = g_new0 (PactaMailAttachment, 1);

      attachment->filename = g_strdup (pacta_sql_column_text (stmt, 0));
      attachment->content_type = g_strdup (pacta_sql_column_text (stmt, 1));
      attachment->data = g_bytes_new (sqlite3_column_blob (stmt, 2), (gsize) sqlite3_column_bytes (stmt, 2));
      g_ptr_array_add (list, attachment);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pacta_database_set_error (database, error, _("reading a message’s attachments"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* ---- reports ------------------------------------------------------------------------------- */

static void
add_sentence (GString    *text,
              const char *sentence)
{
  if (text->len > 0)
    g_string_append_c (text, ' ');
  g_string_append (text, sentence);
}

char *
pacta_mail_send_report_describe (const PactaMailSendReport *report)
{
  GString *text = g_string_new (NULL);

  if (report->n_sent + report->n_failed + report->n_deferred + report->n_unknown == 0)
    add_sentence (text, _("Nothing waited in the outbox."));
  if (report->n_sent > 0)
    {
      g_autofree char *s = g_strdup_printf (ngettext ("%u message sent.", "%u messages sent.", report->n_sent),
                                            report->n_sent);
      add_sentence (text, s);
    }
  if (report->n_failed > 0)
    {
      g_autofree char *s = g_strdup_printf (ngettext ("%u refused by the mail server: see the invoice or ticket.",
                                                      "%u refused by the mail server: see the invoices or tickets.",
                                                      report->n_failed),
                                            report->n_failed);
      add_sentence (text, s);
    }
  if (report->n_unknown > 0)
    {
      g_autofree char *s = g_strdup_printf (ngettext ("%u may have been sent: the connection ended while it was handed over. "
                                                      "It is not sent again unless you ask.",
                                                      "%u may have been sent: the connection ended while they were handed over. "
                                                      "They are not sent again unless you ask.",
                                                      report->n_unknown),
                                            report->n_unknown);
      add_sentence (text, s);
    }
  if (report->n_deferred > 0)
    {
      g_autofree char *s = g_strdup_printf (ngettext ("%u still waits in the outbox.", "%u still wait in the outbox.",
                                                      report->n_deferred),
                                            report->n_deferred);
      add_sentence (text, s);
    }
  return g_string_free (text, FALSE);
}

char *
pacta_mail_fetch_report_describe (const PactaMailFetchReport *report)
{
  GString *text = g_string_new (NULL);

  if (report->n_read == 0)
    add_sentence (text, _("No new mail."));
  if (report->n_tickets > 0)
    {
      g_autofree char *s = g_strdup_printf (ngettext ("%u new ticket.", "%u new tickets.", report->n_tickets),
                                            report->n_tickets);
      add_sentence (text, s);
    }
  if (report->n_updates > 0)
    {
      g_autofree char *s = g_strdup_printf (ngettext ("%u reply added to its ticket.", "%u replies added to their tickets.",
                                                      report->n_updates),
                                            report->n_updates);
      add_sentence (text, s);
    }
  if (report->n_reopened > 0)
    {
      g_autofree char *s = g_strdup_printf (ngettext ("%u ticket reopened.", "%u tickets reopened.", report->n_reopened),
                                            report->n_reopened);
      add_sentence (text, s);
    }
  if (report->n_unassigned > 0)
    {
      g_autofree char *s = g_strdup_printf (ngettext ("%u message waits in Unassigned for a customer.",
                                                      "%u messages wait in Unassigned for a customer.",
                                                      report->n_unassigned),
                                            report->n_unassigned);
      add_sentence (text, s);
    }
  if (report->n_ignored > 0)
    {
      g_autofree char *s = g_strdup_printf (ngettext ("%u left aside (automatic, ours, or too large).",
                                                      "%u left aside (automatic, ours, or too large).",
                                                      report->n_ignored),
                                            report->n_ignored);
      add_sentence (text, s);
    }
  if (report->n_duplicates > 0)
    {
      g_autofree char *s = g_strdup_printf (ngettext ("%u read before: kept once.", "%u read before: kept once.",
                                                      report->n_duplicates),
                                            report->n_duplicates);
      add_sentence (text, s);
    }
  return g_string_free (text, FALSE);
}

char *
pacta_mail_queue_report_describe (const PactaMailQueueReport *report)
{
  GString *text = g_string_new (NULL);
  guint n_printing = report->for_printing != NULL ? report->for_printing->len : 0;

  if (report->n_queued > 0)
    {
      g_autofree char *s = g_strdup_printf (ngettext ("%u invoice put in the outbox.", "%u invoices put in the outbox.",
                                                      report->n_queued),
                                            report->n_queued);
      add_sentence (text, s);
    }
  if (report->n_already > 0)
    {
      g_autofree char *s = g_strdup_printf (ngettext ("%u was already sent or waiting.", "%u were already sent or waiting.",
                                                      report->n_already),
                                            report->n_already);
      add_sentence (text, s);
    }
  if (n_printing > 0)
    {
      g_autofree char *s = g_strdup_printf (ngettext ("%u to print: sent by post, or the customer has no invoice email.",
                                                      "%u to print: sent by post, or the customer has no invoice email.",
                                                      n_printing),
                                            n_printing);
      add_sentence (text, s);
    }
  if (text->len == 0)
    add_sentence (text, _("No invoice to send."));
  return g_string_free (text, FALSE);
}
