/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-mail-text.h: how a message Pacta mails is doing, as the window words it */
#pragma once

#include "pacta-context.h"

G_BEGIN_DECLS

/* A short status for a list ("Sent by email 1 December 2026, 10:15",
 * "Waiting to be sent", "Refused"); %NULL for PACTA_MAIL_STATE_NONE */
char       *pacta_mail_text_status      (PactaClock                *clock,
                                         const PactaInvoiceMailing *mailing);
/* The same with the recipient and, when it went wrong, the server's words */
char       *pacta_mail_text_description (PactaClock                *clock,
                                         const PactaInvoiceMailing *mailing);
/* An icon name for the state */
const char *pacta_mail_text_icon        (PactaMailState             state);

G_END_DECLS
