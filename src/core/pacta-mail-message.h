/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-mail-message.h: mail messages read (what a customer wrote, as data:
 * text, addresses, threading ids, attachments) and built (an invoice with its
 * PDF, a ticket's reply), through GMime. No MIME code of our own. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a message may weigh before it is refused unread, what one attachment
 * may weigh before it is left out (and said so), and how much text is kept */
#define PACTA_MAIL_MAX_MESSAGE_SIZE     (25 * 1024 * 1024)
#define PACTA_MAIL_MAX_ATTACHMENT_SIZE  (10 * 1024 * 1024)
#define PACTA_MAIL_MAX_BODY_LENGTH      (256 * 1024)
#define PACTA_MAIL_MAX_ATTACHMENTS      32

typedef struct
{
  char   *filename;       /* a bare name (no folder, no control characters), never empty */
  char   *content_type;   /* "application/pdf"; "application/octet-stream" when unknown */
  GBytes *data;           /* decoded */
} PactaMailAttachment;

typedef struct
{
  char      *message_id;      /* (nullable) without the angle brackets */
  char      *in_reply_to;     /* (nullable) without the angle brackets */
  GStrv      references;      /* never %NULL; without the angle brackets, oldest first */
  char      *from_address;    /* (nullable) lower case, one well-formed address, else %NULL */
  char      *from_name;       /* (nullable) decoded, control characters removed */
  char      *reply_to;        /* (nullable) Reply-To's address, as from_address */
  char      *subject;         /* decoded, control characters removed, never %NULL */
  char      *date;            /* (nullable) the Date: header as ISO 8601 UTC */
  char      *body;            /* plain text, never %NULL: text/plain preferred, else the
                               * HTML part as text (no markup, no remote content);
                               * at most PACTA_MAIL_MAX_BODY_LENGTH bytes, valid UTF-8 */
  GPtrArray *attachments;     /* (element-type PactaMailAttachment) */
  guint      n_dropped;       /* attachments left out: too large or too many */
  gboolean   auto_submitted;  /* an automatic message (Auto-Submitted other than "no",
                               * Precedence bulk/junk/list): never opens a ticket */
  char      *bounce_of;       /* (nullable) a delivery report: the Message-ID it reports on */
  char      *bounce_reason;   /* (nullable) its Diagnostic-Code (or Status), as text */
} PactaMailMessage;

void              pacta_mail_attachment_free (PactaMailAttachment *attachment);
void              pacta_mail_message_free    (PactaMailMessage    *message);

/* Reads a message as received (RFC 5322 bytes). Anything GMime can make
 * sense of is read; what cannot be read is left out. Fails with
 * PACTA_ERROR_INVALID_FILE only when nothing of a message is there (empty,
 * over PACTA_MAIL_MAX_MESSAGE_SIZE, no header at all). Never fails on odd
 * charsets, broken encodings or a malformed structure. */
PactaMailMessage *pacta_mail_message_parse   (GBytes              *raw,
                                              GError             **error);

/* "Name <addr>" or "addr" → "addr" in lower case, if it is one well-formed
 * address (no control characters, one @, a dot in the domain); else %NULL */
char             *pacta_mail_address_normalize (const char        *text);
/* The domain of a normalised address ("example.com"), or %NULL */
const char       *pacta_mail_address_domain  (const char          *address);

/* A message to build; strings are UTF-8 */
typedef struct
{
  const char        *from_address;
  const char        *from_name;       /* (nullable) */
  const char        *to_address;
  const char        *to_name;         /* (nullable) */
  const char        *subject;
  const char        *body;            /* plain text */
  const char        *message_id;      /* without angle brackets */
  const char        *in_reply_to;     /* (nullable) without angle brackets */
  const char *const *references;      /* (nullable) without angle brackets, oldest first */
  GDateTime         *date;
  const char        *language;        /* (nullable) Content-Language, "es" or "en" */
  const char        *attachment_name; /* (nullable) */
  const char        *attachment_type; /* "application/pdf" */
  GBytes            *attachment;      /* (nullable) */
} PactaMailDraft;

/* RFC 5322 bytes with CRLF line ends, ready for SMTP; fails with
 * PACTA_ERROR_INVALID_VALUE on a missing or malformed address */
GBytes           *pacta_mail_message_build   (const PactaMailDraft *draft,
                                              GError             **error);
/* A new, unique Message-ID (without angle brackets) on @domain */
char             *pacta_mail_new_message_id  (const char          *domain);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PactaMailMessage, pacta_mail_message_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PactaMailAttachment, pacta_mail_attachment_free)

G_END_DECLS
