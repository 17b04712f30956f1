/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-mail-transport.h: the MSP's mailbox over the network, through
 * libcurl: IMAP to read new messages (and flag or move them once kept),
 * SMTP to send. Always TLS (implicit or STARTTLS); plain text only to a
 * loopback address, which tests use. No IMAP or SMTP code of our own.
 *
 * Every call blocks: call them from a job's worker thread or the command
 * line. Errors: PACTA_ERROR_NETWORK (no answer: try again later),
 * PACTA_ERROR_UNAUTHORIZED (user or password refused: the server's words in
 * the message), PACTA_ERROR_REMOTE (the server refused: its words). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  PACTA_MAIL_SECURITY_TLS,        /* implicit TLS: imaps 993, smtps 465 */
  PACTA_MAIL_SECURITY_STARTTLS,   /* plain connection upgraded before login: 143, 587 */
  PACTA_MAIL_SECURITY_NONE,       /* refused unless the host is a loopback address */
} PactaMailSecurity;

typedef struct
{
  char              *imap_host;
  guint              imap_port;
  PactaMailSecurity  imap_security;
  char              *smtp_host;
  guint              smtp_port;
  PactaMailSecurity  smtp_security;
  char              *user;          /* the login, for both */
  char              *address;       /* the mailbox's own address: From of ticket replies */
  char              *folder;        /* where new mail is read: "INBOX" by default */
  char              *done_folder;   /* (nullable) where kept messages are moved; else flagged \Seen */
} PactaMailAccount;

PactaMailAccount  *pacta_mail_account_new      (void);
PactaMailAccount  *pacta_mail_account_copy     (const PactaMailAccount *account);
void               pacta_mail_account_free     (PactaMailAccount       *account);
/* Every field well-formed (hosts, ports 1–65535, an address, a folder); the
 * first fault as PACTA_ERROR_INVALID_VALUE naming the field */
gboolean           pacta_mail_account_check    (const PactaMailAccount *account,
                                                GError                **error);
const char        *pacta_mail_security_to_string   (PactaMailSecurity security);
gboolean           pacta_mail_security_from_string (const char        *text,
                                                    PactaMailSecurity *security);

/* Tests: a CA file to trust (instead of the system's) and short timeouts.
 * PACTA_MAIL_CA in the environment sets the CA file too. */
void               pacta_mail_transport_set_test_ca       (const char *ca_file);
void               pacta_mail_transport_set_test_timeout  (guint       seconds);

/* IMAP: one logged-in connection on @account's folder */
typedef struct _PactaImapSession PactaImapSession;

PactaImapSession  *pacta_imap_session_open     (const PactaMailAccount *account,
                                                const char             *password,
                                                GCancellable           *cancellable,
                                                GError                **error);
void               pacta_imap_session_free     (PactaImapSession       *session);
/* The folder's UIDVALIDITY, read when the session opened */
guint64            pacta_imap_session_get_uidvalidity (PactaImapSession *session);
/* The UIDs to read, in order: those above @after_uid, or, with @after_uid
 * 0, the unseen ones */
GArray            *pacta_imap_session_search   (PactaImapSession       *session,
                                                guint64                 after_uid,
                                                GCancellable           *cancellable,
                                                GError                **error);
/* The message's size (RFC822.SIZE), to refuse a huge one unread */
gboolean           pacta_imap_session_size     (PactaImapSession       *session,
                                                guint64                 uid,
                                                guint64                *size,
                                                GCancellable           *cancellable,
                                                GError                **error);
/* The whole message; PACTA_ERROR_NETWORK if it did not all arrive */
GBytes            *pacta_imap_session_fetch    (PactaImapSession       *session,
                                                guint64                 uid,
                                                GCancellable           *cancellable,
                                                GError                **error);
/* Flags the message \Seen, or moves it to the account's done folder */
gboolean           pacta_imap_session_done     (PactaImapSession       *session,
                                                guint64                 uid,
                                                GCancellable           *cancellable,
                                                GError                **error);

/* SMTP. What became of a message handed to the server: */
typedef enum
{
  PACTA_SMTP_SENT,        /* the server took it (250 after the data) */
  PACTA_SMTP_NOT_SENT,    /* nothing left Pacta (no connection, login refused, cancelled): send again */
  PACTA_SMTP_DEFERRED,    /* the server said "later" (4xx) for this message: send it again later */
  PACTA_SMTP_REFUSED,     /* the server refused it or its recipient (5xx): don't send again */
  PACTA_SMTP_UNKNOWN,     /* the connection ended after the data went: perhaps sent */
} PactaSmtpOutcome;

/* Sends @message (RFC 5322 bytes) from @from to @to; @error says why when
 * the outcome is not PACTA_SMTP_SENT. Returns the outcome. */
PactaSmtpOutcome   pacta_smtp_send             (const PactaMailAccount *account,
                                                const char             *password,
                                                const char             *from,
                                                const char             *to,
                                                GBytes                 *message,
                                                GCancellable           *cancellable,
                                                GError                **error);

/* Logs in to both servers (IMAP: and opens the folder), sends nothing */
gboolean           pacta_mail_transport_test   (const PactaMailAccount *account,
                                                const char             *password,
                                                GCancellable           *cancellable,
                                                GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PactaMailAccount, pacta_mail_account_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PactaImapSession, pacta_imap_session_free)

G_END_DECLS
