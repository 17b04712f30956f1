/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-cli-mail.h: the command line's mail actions — --mail-account,
 * --forget-mail-account, --send-invoices, --fetch-mail */
#pragma once

#include "pacta-context.h"

G_BEGIN_DECLS

/* Each prints its report on stdout, or the error on stderr; the exit status */
int  pacta_cli_mail_account        (PactaContext *context,
                                    const char   *path,
                                    const char   *password);
int  pacta_cli_forget_mail_account (PactaContext *context);
int  pacta_cli_send_invoices       (PactaContext *context);
int  pacta_cli_fetch_mail          (PactaContext *context);

G_END_DECLS
