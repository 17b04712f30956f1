/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-mail-text.c: how a message Pacta mails is doing, as the window words it */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-mail-text.h"
#include "pacta-platform-text.h"

char *
pacta_mail_text_status (PactaClock                *clock,
                        const PactaInvoiceMailing *mailing)
{
  g_autofree char *when = NULL;

  switch (mailing->state)
    {
    case PACTA_MAIL_STATE_NONE:
      return NULL;
    case PACTA_MAIL_STATE_QUEUED:
      return g_strdup (_("Waiting to be sent"));
    case PACTA_MAIL_STATE_SENDING:
      return g_strdup (_("Being sent"));
    case PACTA_MAIL_STATE_SENT:
      when = pacta_platform_format_time (clock, mailing->sent_at);
      /* Translators: %s is a day and time */
      return when != NULL ? g_strdup_printf (_("Sent by email %s"), when) : g_strdup (_("Sent by email"));
    case PACTA_MAIL_STATE_FAILED:
      return g_strdup (_("Refused by the mail server"));
    case PACTA_MAIL_STATE_UNKNOWN:
      return g_strdup (_("Perhaps sent"));
    case PACTA_MAIL_STATE_BOUNCED:
      return g_strdup (_("Came back undelivered"));
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
pacta_mail_text_description (PactaClock                *clock,
                             const PactaInvoiceMailing *mailing)
{
  g_autofree char *status = pacta_mail_text_status (clock, mailing);
  GString *text;

  if (status == NULL)
    return NULL;
  text = g_string_new (status);
  if (mailing->recipient != NULL)
    /* Translators: after a status ("Sent by email …"); %s is an email address */
    g_string_append_printf (text, _(" to %s"), mailing->recipient);
  switch (mailing->state)
    {
    case PACTA_MAIL_STATE_UNKNOWN:
      g_string_append (text, ". ");
      g_string_append (text, _("The connection ended while it was handed over: check with the recipient, "
                               "then send it again if it did not arrive."));
      break;
    case PACTA_MAIL_STATE_FAILED:
    case PACTA_MAIL_STATE_BOUNCED:
    case PACTA_MAIL_STATE_QUEUED:
      if (mailing->error != NULL)
        g_string_append_printf (text, ". %s", mailing->error);
      break;
    case PACTA_MAIL_STATE_NONE:
    case PACTA_MAIL_STATE_SENDING:
    case PACTA_MAIL_STATE_SENT:
    default:
      break;
    }
  return g_string_free (text, FALSE);
}

const char *
pacta_mail_text_icon (PactaMailState state)
{
  switch (state)
    {
    case PACTA_MAIL_STATE_SENT:
      return "mail-read-symbolic";
    case PACTA_MAIL_STATE_QUEUED:
    case PACTA_MAIL_STATE_SENDING:
      return "mail-send-symbolic";
    case PACTA_MAIL_STATE_FAILED:
    case PACTA_MAIL_STATE_BOUNCED:
    case PACTA_MAIL_STATE_UNKNOWN:
      return "dialog-warning-symbolic";
    case PACTA_MAIL_STATE_NONE:
    default:
      return "mail-unread-symbolic";
    }
}
