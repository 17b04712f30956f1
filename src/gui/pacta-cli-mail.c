/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-cli-mail.c: the command line's mail actions, through the context's
 * in-place operations (the same as the window's jobs) */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "pacta-cli-mail.h"

static int
fail (GError *error)
{
  g_printerr ("pacta: %s\n", error->message);
  g_error_free (error);
  return EXIT_FAILURE;
}

int
pacta_cli_mail_account (PactaContext *context,
                        const char   *path,
                        const char   *password)
{
  g_autoptr(PactaMailAccount) account = NULL;
  GError *error = NULL;

  if (!(account = pacta_mail_account_from_key_file (path, &error)) ||
      !pacta_context_save_mail_account (context, account, password, NULL, &error))
    return fail (error);
  /* Translators: the mailbox's address, then the IMAP and SMTP servers */
  g_print (_("Mail account %s set (IMAP %s, SMTP %s); the password is kept in the keyring\n"),
           account->address, account->imap_host, account->smtp_host);
  return EXIT_SUCCESS;
}

int
pacta_cli_forget_mail_account (PactaContext *context)
{
  GError *error = NULL;

  if (!pacta_context_forget_mail_account (context, NULL, &error))
    return fail (error);
  g_print ("%s\n", _("Mail account removed; its password was removed from the keyring"));
  return EXIT_SUCCESS;
}

int
pacta_cli_send_invoices (PactaContext *context)
{
  PactaMailQueueReport queued = { 0, };
  PactaMailSendReport sent = { 0, };
  g_autofree char *queued_text = NULL;
  g_autofree char *sent_text = NULL;
  g_autoptr(PactaMailAccount) account = pacta_context_get_mail_account (context);
  GError *error = NULL;
  gboolean ok;

  if (account == NULL)
    {
      g_printerr ("pacta: %s\n", _("No mail account is set: set one with --mail-account FILE"));
      return EXIT_FAILURE;
    }
  if (!pacta_context_queue_invoice_mail (context, NULL, &queued, &error))
    return fail (error);
  queued_text = pacta_mail_queue_report_describe (&queued);
  g_print ("%s\n", queued_text);
  if (queued.for_printing != NULL)
    for (guint i = 0; i < queued.for_printing->len; i++)
      {
        g_autoptr(PactaInvoiceDocument) document =
          pacta_context_load_invoice_document (context, g_array_index (queued.for_printing, gint64, i), NULL);

        if (document != NULL)
          /* Translators: an invoice to print and post; its number */
          g_print (_("To print: %s\n"), document->number);
      }
  pacta_mail_queue_report_clear (&queued);

  ok = pacta_context_send_mail (context, NULL, NULL, &sent, NULL, &error);
  sent_text = pacta_mail_send_report_describe (&sent);
  g_print ("%s\n", sent_text);
  if (!ok)
    return fail (error);
  return sent.n_failed > 0 || sent.n_unknown > 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}

int
pacta_cli_fetch_mail (PactaContext *context)
{
  PactaMailFetchReport report = { 0, };
  g_autofree char *text = NULL;
  GError *error = NULL;
  gboolean ok;

  ok = pacta_context_fetch_mail (context, NULL, NULL, &report, NULL, &error);
  text = pacta_mail_fetch_report_describe (&report);
  if (report.n_read > 0 || ok)
    g_print ("%s\n", text);
  if (!ok)
    return fail (error);
  return EXIT_SUCCESS;
}
