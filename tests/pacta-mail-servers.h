/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-mail-servers.h: real mail servers for the tests, on 127.0.0.1, with
 * private configuration files in a temporary folder (no system service is
 * touched): Dovecot for IMAP and Python's aiosmtpd for SMTP (it keeps what
 * it receives), both with TLS from a CA made when they start. */
#pragma once

#include <gio/gio.h>

#include "pacta-mail-transport.h"

G_BEGIN_DECLS

typedef struct _PactaMailServers PactaMailServers;

/* The one test user */
#define PACTA_TEST_MAIL_USER      "support@msp.test"
#define PACTA_TEST_MAIL_PASSWORD  "correct horse"

/* Starts both servers and waits until they answer. When dovecot or
 * aiosmtpd is not installed: %NULL and an error with the code
 * G_IO_ERROR_NOT_FOUND (the caller may g_test_skip()). */
PactaMailServers *pacta_mail_servers_start     (GError          **error);
/* Stops both servers and removes the folder (kept, and its path printed,
 * when PACTA_MAIL_SERVERS_KEEP is set in the environment) */
void              pacta_mail_servers_stop      (PactaMailServers *self);

/* The CA certificate (PEM) the servers' certificates are signed with */
const char       *pacta_mail_servers_get_ca_file (PactaMailServers *self);
/* Ports: IMAP implicit TLS, IMAP with STARTTLS; SMTP implicit TLS, SMTP with STARTTLS.
 * PACTA_MAIL_SECURITY_NONE: IMAP's STARTTLS port (Dovecot lets a client on
 * 127.0.0.1 log in there without TLS too), SMTP's listener without TLS. */
guint             pacta_mail_servers_get_imap_port (PactaMailServers  *self,
                                                    PactaMailSecurity  security);
guint             pacta_mail_servers_get_smtp_port (PactaMailServers  *self,
                                                    PactaMailSecurity  security);
/* An account for the test user on 127.0.0.1, folder INBOX, address
 * PACTA_TEST_MAIL_USER (caller frees) */
PactaMailAccount *pacta_mail_servers_account   (PactaMailServers  *self,
                                                PactaMailSecurity  imap_security,
                                                PactaMailSecurity  smtp_security);

/* IMAP side. Puts @raw (an RFC 5322 message) into @folder (created when
 * missing) unseen, as delivery would; returns its UID, 0 on error */
guint64           pacta_mail_servers_deliver   (PactaMailServers *self,
                                                const char       *folder,
                                                const char       *raw,
                                                GError          **error);
/* How many messages of @folder match an IMAP search key ("ALL", "SEEN",
 * "UNSEEN"); -1 on error */
int               pacta_mail_servers_count     (PactaMailServers *self,
                                                const char       *folder,
                                                const char       *search);

/* A TCP proxy on 127.0.0.1 in front of the IMAP server's implicit TLS port
 * that cuts both sides once @after_bytes have gone from the server to the
 * client (0: never). Returns its port; one proxy per PactaMailServers,
 * calling this again changes the limit for later connections. */
guint             pacta_mail_servers_imap_cut_proxy (PactaMailServers *self,
                                                     gsize             after_bytes);

/* SMTP side: what the server took, in order of arrival */
typedef struct
{
  char   *mail_from;    /* the envelope sender */
  GStrv   rcpt_to;      /* the envelope recipients */
  GBytes *data;         /* the message as received */
} PactaReceivedMail;

void              pacta_received_mail_free     (PactaReceivedMail *mail);
/* (element-type PactaReceivedMail) (transfer full) */
GPtrArray        *pacta_mail_servers_received  (PactaMailServers *self);

/* SMTP faults, for the messages that arrive after the call:
 * - refuse RCPT TO @address with "550 5.1.1 <address>: Recipient address rejected"
 * - answer the next @count messages' data with "451 4.3.0 Try again later"
 * - close the connection after the next @count messages' data arrived,
 *   before answering (the message is NOT kept: its fate is unknown to the client)
 * A refusal stays until pacta_mail_servers_smtp_clear_faults(), which also
 * releases held answers (below). */
void              pacta_mail_servers_smtp_refuse_recipient (PactaMailServers *self,
                                                            const char       *address);
void              pacta_mail_servers_smtp_defer_next       (PactaMailServers *self,
                                                            guint             count);
void              pacta_mail_servers_smtp_drop_after_data  (PactaMailServers *self,
                                                            guint             count);
void              pacta_mail_servers_smtp_clear_faults     (PactaMailServers *self);

/* Keeps the @nth message after the call (1: the next; deferred or dropped
 * ones don't count), then holds its answer until
 * pacta_mail_servers_smtp_release(), or until the client goes: a client can
 * be killed while its message is in the server's hands. */
void              pacta_mail_servers_smtp_hold_after_data  (PactaMailServers *self,
                                                            guint             nth);
/* How many messages are kept with their answer held now */
guint             pacta_mail_servers_held                  (PactaMailServers *self);
/* Answers the messages held (250) and holds no more */
void              pacta_mail_servers_smtp_release          (PactaMailServers *self);

G_END_DECLS
