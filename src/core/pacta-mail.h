/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-mail.h: Pacta and the MSP's mailbox. The account (servers in the
 * database's settings, the password in the keyring); the outbox (invoices to
 * their customers, ticket replies), written before a message is handed to
 * SMTP and marked after, so that nothing is lost or sent twice; the inbox
 * (new mail becomes tickets, conversation or an Unassigned list), each
 * message kept exactly once, all or nothing.
 *
 * The network calls block: call them from a job's worker thread or the
 * command line. */
#pragma once

#include "pacta-database.h"
#include "pacta-invoice-export.h"
#include "pacta-mail-message.h"
#include "pacta-mail-transport.h"
#include "pacta-secrets.h"

G_BEGIN_DECLS

/* The settings that hold the account (never the password) */
#define PACTA_MAIL_SETTING_IMAP_HOST      "mail-imap-host"
#define PACTA_MAIL_SETTING_IMAP_PORT      "mail-imap-port"
#define PACTA_MAIL_SETTING_IMAP_SECURITY  "mail-imap-security"
#define PACTA_MAIL_SETTING_SMTP_HOST      "mail-smtp-host"
#define PACTA_MAIL_SETTING_SMTP_PORT      "mail-smtp-port"
#define PACTA_MAIL_SETTING_SMTP_SECURITY  "mail-smtp-security"
#define PACTA_MAIL_SETTING_USER           "mail-user"
#define PACTA_MAIL_SETTING_ADDRESS        "mail-address"
#define PACTA_MAIL_SETTING_FOLDER         "mail-folder"
#define PACTA_MAIL_SETTING_DONE_FOLDER    "mail-done-folder"
#define PACTA_MAIL_SETTING_CHECKED_AT     "mail-checked-at"   /* the last check, ISO 8601 UTC */
/* Invoices issued from this day on are mailed (the day the account was first set) */
#define PACTA_MAIL_SETTING_INVOICES_SINCE "mail-invoices-since"
/* Where reading stopped, per folder: "mail-seen:FOLDER" = "UIDVALIDITY:UID" */
#define PACTA_MAIL_SETTING_SEEN_PREFIX    "mail-seen:"
/* The keyring's service for the password; its account is "user@imap-host" */
#define PACTA_MAIL_SECRET_SERVICE         "mail"

/* (nullable): %NULL with no error when no account is set */
PactaMailAccount *pacta_mail_account_load   (PactaDatabase          *database,
                                             GError                **error);
/* Checks the fields, then logs in to both servers (pacta_mail_transport_test);
 * only then keeps the password in @secrets and the account in the database.
 * Nothing is kept on any failure. */
gboolean          pacta_mail_account_save   (PactaDatabase          *database,
                                             PactaSecrets           *secrets,
                                             const PactaMailAccount *account,
                                             const char             *password,
                                             GCancellable           *cancellable,
                                             GError                **error);
/* Forgets the password and the account; what was sent and read stays */
gboolean          pacta_mail_account_forget (PactaDatabase          *database,
                                             PactaSecrets           *secrets,
                                             GCancellable           *cancellable,
                                             GError                **error);
/* Reads an account from a key file (--mail-account FILE):
 *   [Mail]
 *   imap-host=… imap-port=993 imap-security=tls|starttls
 *   smtp-host=… smtp-port=465 smtp-security=tls|starttls
 *   user=… address=… folder=INBOX done-folder=…
 * Ports and security have defaults; a password in the file is refused. */
PactaMailAccount *pacta_mail_account_from_key_file (const char      *path,
                                                    GError         **error);

/* The outbox. What became of a message: */
typedef enum
{
  PACTA_MAIL_STATE_NONE,       /* never queued */
  PACTA_MAIL_STATE_QUEUED,     /* waits for the network (or for a retry) */
  PACTA_MAIL_STATE_SENDING,    /* being handed to SMTP now */
  PACTA_MAIL_STATE_SENT,       /* the server took it */
  PACTA_MAIL_STATE_FAILED,     /* the server refused it (its words kept) */
  PACTA_MAIL_STATE_UNKNOWN,    /* perhaps sent: Pacta stopped or the connection ended
                                * while it was handed over; shown, resent only when asked */
  PACTA_MAIL_STATE_BOUNCED,    /* sent, then came back undelivered */
} PactaMailState;

const char       *pacta_mail_state_to_string   (PactaMailState state);
PactaMailState    pacta_mail_state_from_string (const char    *text);

/* How one invoice went out, for the invoice's window and its list */
typedef struct
{
  PactaMailState  state;
  char           *recipient;   /* (nullable) */
  char           *sent_at;     /* (nullable) ISO 8601 UTC */
  char           *error;       /* (nullable) the server's words, or the bounce's */
} PactaInvoiceMailing;

void                 pacta_invoice_mailing_free (PactaInvoiceMailing *mailing);
PactaInvoiceMailing *pacta_mail_invoice_mailing (PactaDatabase        *database,
                                                 gint64                invoice_id,
                                                 GError              **error);

/* How one ticket reply went out (the same fields) */
PactaInvoiceMailing *pacta_mail_reply_mailing   (PactaDatabase        *database,
                                                 gint64                ticket_update_id,
                                                 GError              **error);
/* (nullable): where a ticket's replies are mailed: its contact's address,
 * or %NULL when it has none (then a reply can't be mailed) */
char                *pacta_mail_ticket_recipient (PactaDatabase       *database,
                                                  gint64               ticket_id);

/* What pacta_mail_queue_invoices() found */
typedef struct
{
  guint   n_queued;       /* newly in the outbox */
  guint   n_already;      /* queued or sent before: left as they were */
  GArray *for_printing;   /* (element-type gint64) invoice ids: send by post, or no address */
} PactaMailQueueReport;

void      pacta_mail_queue_report_clear (PactaMailQueueReport *report);

/* Puts every issued invoice of @invoice_ids (all not yet queued when %NULL)
 * whose customer sends by email and has an invoice email into the outbox,
 * once; the others are listed for printing. One transaction. */
gboolean  pacta_mail_queue_invoices (PactaDatabase         *database,
                                     GArray                *invoice_ids,
                                     PactaMailQueueReport  *report,
                                     GError               **error);
/* Puts one invoice in the outbox again, to the customer's invoice email as
 * it is now: a failed, bounced or unknown one only when the user asks */
gboolean  pacta_mail_resend_invoice (PactaDatabase         *database,
                                     gint64                 invoice_id,
                                     GError               **error);

/* Adds a reply to a ticket's conversation and puts it in the outbox to the
 * ticket's contact, with the ticket number in the subject and the thread's
 * ids, in one transaction. Without a contact address: PACTA_ERROR_INVALID_VALUE
 * and nothing written. Returns the conversation entry's id. */
gint64    pacta_mail_reply_to_ticket (PactaDatabase        *database,
                                      gint64                ticket_id,
                                      const char           *author,
                                      const char           *body,
                                      GError              **error);

/* Messages still "sending" (Pacta stopped while handing them over) become
 * "unknown". Called when the outbox is sent, and when Pacta opens. */
guint     pacta_mail_settle_interrupted (PactaDatabase     *database,
                                         GError           **error);

/* What one pass of the outbox did */
typedef struct
{
  guint n_sent;
  guint n_failed;      /* refused by the server: not sent again */
  guint n_deferred;    /* not sent (no network, 4xx): tried again later */
  guint n_unknown;     /* perhaps sent: shown, not sent again */
} PactaMailSendReport;

typedef void (*PactaMailProgress) (guint     done,
                                   guint     total,
                                   gpointer  user_data);

/* Sends what is queued, one message at a time: marks it "sending" (committed),
 * builds it (an invoice's PDF through @render_pdf), hands it to SMTP, then
 * marks what became of it (committed). A failure to reach the server stops the
 * pass with PACTA_ERROR_NETWORK, the rest still queued. */
gboolean  pacta_mail_send_outbox (PactaDatabase           *database,
                                  PactaSecrets            *secrets,
                                  PactaInvoiceRenderFunc   render_pdf,
                                  gpointer                 render_data,
                                  PactaMailProgress        progress,
                                  gpointer                 progress_data,
                                  PactaMailSendReport     *report,
                                  GCancellable            *cancellable,
                                  GError                 **error);

/* What one check of the mailbox did */
typedef struct
{
  guint n_read;         /* messages read from the server */
  guint n_tickets;      /* new tickets */
  guint n_updates;      /* added to a ticket's conversation */
  guint n_reopened;     /* of those, tickets reopened */
  guint n_unassigned;   /* waiting for a technician to pick the customer */
  guint n_ignored;      /* automatic messages, our own, bounces, too large */
  guint n_duplicates;   /* read before (same UID or Message-ID): kept once */
} PactaMailFetchReport;

/* Reads the new messages of the account's folder, each kept in its own
 * transaction (a connection that ends mid-message keeps nothing of it),
 * then flags it \Seen (or moves it). */
gboolean  pacta_mail_fetch (PactaDatabase         *database,
                            PactaSecrets          *secrets,
                            PactaMailProgress      progress,
                            gpointer               progress_data,
                            PactaMailFetchReport  *report,
                            GCancellable          *cancellable,
                            GError               **error);

/* Keeps one message as read from the mailbox (the rules without the
 * network: tests and pacta_mail_fetch() use it). Returns the state it
 * got ("ticket", "update", "unassigned", "ignored", "rejected", "bounce"), or
 * "duplicate" when it was kept before; %NULL on error (nothing written). */
const char *pacta_mail_import_message (PactaDatabase  *database,
                                       const char     *folder,
                                       guint64         uidvalidity,
                                       guint64         uid,
                                       GBytes         *raw,
                                       GError        **error);

/* The Unassigned list: messages no customer could be found for */
typedef struct
{
  gint64  id;
  char   *from_address;   /* (nullable) */
  char   *from_name;      /* (nullable) */
  char   *subject;
  char   *received_at;
  char   *reason;         /* why no customer: unknown sender, or the two customers it matches */
  char   *body;
} PactaUnassignedMail;

void       pacta_unassigned_mail_free  (PactaUnassignedMail *mail);
/* (element-type PactaUnassignedMail) (transfer full), newest first */
GPtrArray *pacta_mail_list_unassigned  (PactaDatabase  *database,
                                        GError        **error);
/* Opens a ticket for @customer_id from an unassigned message; with
 * @remember_domain, the sender's domain goes to that customer from now on.
 * Returns the ticket's id. */
gint64     pacta_mail_assign           (PactaDatabase  *database,
                                        gint64          inbox_id,
                                        gint64          customer_id,
                                        gboolean        remember_domain,
                                        GError        **error);
/* Drops an unassigned message (spam): kept as "ignored" so it is not read again */
gboolean   pacta_mail_dismiss          (PactaDatabase  *database,
                                        gint64          inbox_id,
                                        GError        **error);

/* A conversation entry's attachments (the message it came from) */
/* (element-type PactaMailAttachment) (transfer full) */
GPtrArray *pacta_mail_list_attachments (PactaDatabase  *database,
                                        gint64          ticket_update_id,
                                        GError        **error);

/* What a pass or a check did, in a sentence or two for a toast or the
 * command line */
char      *pacta_mail_send_report_describe  (const PactaMailSendReport  *report);
char      *pacta_mail_fetch_report_describe (const PactaMailFetchReport *report);
char      *pacta_mail_queue_report_describe (const PactaMailQueueReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PactaInvoiceMailing, pacta_invoice_mailing_free)

G_END_DECLS
