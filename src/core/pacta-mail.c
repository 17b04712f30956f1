/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-mail.c: the account, the outbox and the inbox (being written) */

#include "config.h"

#include "pacta-mail.h"

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
