/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-mail-message.c: mail messages read and built through GMime (being written) */

#include "config.h"

#include "pacta-mail-message.h"

void
pacta_mail_attachment_free (PactaMailAttachment *attachment)
{
  if (attachment == NULL)
    return;
  g_free (attachment->filename);
  g_free (attachment->content_type);
  g_clear_pointer (&attachment->data, g_bytes_unref);
  g_free (attachment);
}
