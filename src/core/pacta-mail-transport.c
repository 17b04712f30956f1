/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-mail-transport.c: IMAP and SMTP through libcurl (being written) */

#include "config.h"

#include "pacta-mail-transport.h"

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
