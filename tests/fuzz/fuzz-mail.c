/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-mail.c: a message as received (pacta_mail_message_parse), and what it says built into a message again.
 *
 * Whatever the bytes, a message read is refused only as an invalid file, and
 * what it gives is sound: valid UTF-8 without control characters (the body
 * keeps line breaks and tabs), ids without spaces or brackets, bare file
 * names, the limits held, the sender's address normalised already. Its
 * subject, body and first attachment, built into a message of our own,
 * read back the same (but for text that looks like an encoded word).
 */
#include <string.h>

#include "fuzz-common.h"
#include "pacta-error.h"
#include "pacta-mail-message.h"

static gboolean
has_controls (const char *text,
              gboolean    lines)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) && !(lines && (c == '\n' || c == '\t')))
        return TRUE;
    }
  return FALSE;
}

static void
check_line (const char *text,
            gboolean    lines)
{
  if (text == NULL)
    return;
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_false (has_controls (text, lines));
}

static void
check_id (const char *id)
{
  if (id == NULL)
    return;
  check_line (id, FALSE);
  g_assert_cmpuint (strlen (id), >, 0);
  g_assert_null (strpbrk (id, " <>"));
}

static void
check_sound (const PactaMailMessage *m)
{
  g_assert_nonnull (m->subject);
  check_line (m->subject, FALSE);
  g_assert_nonnull (m->body);
  check_line (m->body, TRUE);
  g_assert_cmpuint (strlen (m->body), <=, PACTA_MAIL_MAX_BODY_LENGTH);
  check_line (m->from_name, FALSE);
  check_line (m->bounce_reason, FALSE);
  check_line (m->date, FALSE);
  check_id (m->message_id);
  check_id (m->in_reply_to);
  check_id (m->bounce_of);
  g_assert_nonnull (m->references);
  for (guint i = 0; m->references[i] != NULL; i++)
    check_id (m->references[i]);

  if (m->from_address != NULL)
    {
      g_autofree char *again = pacta_mail_address_normalize (m->from_address);

      g_assert_cmpstr (again, ==, m->from_address);
      g_assert_nonnull (pacta_mail_address_domain (m->from_address));
    }
  if (m->reply_to != NULL)
    {
      g_autofree char *again = pacta_mail_address_normalize (m->reply_to);

      g_assert_cmpstr (again, ==, m->reply_to);
    }

  g_assert_nonnull (m->attachments);
  g_assert_cmpuint (m->attachments->len, <=, PACTA_MAIL_MAX_ATTACHMENTS);
  for (guint i = 0; i < m->attachments->len; i++)
    {
      PactaMailAttachment *a = g_ptr_array_index (m->attachments, i);

      check_line (a->filename, FALSE);
      g_assert_cmpuint (strlen (a->filename), >, 0);
      g_assert_cmpuint (strlen (a->filename), <=, 255);
      g_assert_null (strpbrk (a->filename, "/\\"));
      g_assert_cmpint (a->filename[0], !=, '.');
      check_line (a->content_type, FALSE);
      g_assert_nonnull (strchr (a->content_type, '/'));
      g_assert_cmpuint (g_bytes_get_size (a->data), <=, PACTA_MAIL_MAX_ATTACHMENT_SIZE);
    }
}

/* What was read, sent on in a message of our own, reads back the same */
static void
check_round_trip (const PactaMailMessage *m)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 12, 6, 10, 0, 0);
  PactaMailAttachment *first = m->attachments->len > 0 ? g_ptr_array_index (m->attachments, 0) : NULL;
  PactaMailDraft draft = {
    .from_address = "facturas@msp.es",
    .from_name = m->from_name,
    .to_address = m->from_address != NULL ? m->from_address : "ana@example.com",
    .subject = m->subject,
    .body = m->body,
    .message_id = "fuzz@msp.es",
    .in_reply_to = m->message_id,
    .references = (const char *const *)m->references,
    .date = date,
    .language = "es",
    .attachment_name = first != NULL ? first->filename : NULL,
    .attachment_type = first != NULL ? first->content_type : NULL,
    .attachment = first != NULL ? first->data : NULL,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) built = pacta_mail_message_build (&draft, &error);
  g_autoptr(PactaMailMessage) back = NULL;
  gsize size = 0;
  const char *data;

  /* An address whose local part is not ASCII can't be sent without SMTPUTF8 */
  if (built == NULL && m->from_address != NULL && !g_str_is_ascii (m->from_address))
    {
      g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
      return;
    }
  g_assert_no_error (error);
  data = g_bytes_get_data (built, &size);
  for (gsize i = 0; i < size; i++)
    {
      g_assert_cmpuint ((guchar)data[i], <, 0x80);
      if (data[i] == '\n')
        g_assert_true (i > 0 && data[i - 1] == '\r');
    }

  back = pacta_mail_message_parse (built, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->body, ==, m->body);
  /* GMime writes a word that only looks like an encoded word ("=?x?q?…")
   * as it is, and reads it back as one */
  if (strstr (m->subject, "=?") == NULL)
    g_assert_cmpstr (back->subject, ==, m->subject);
  g_assert_cmpstr (back->message_id, ==, "fuzz@msp.es");
  g_assert_cmpstr (back->in_reply_to, ==, m->message_id);
  /* GMime 3.2 leaves '=' as it is in a name's quoted-printable word: a
   * name holding "=0D=0A" reads back with a line break, and the address
   * goes with it */
  if (m->from_name == NULL || strchr (m->from_name, '=') == NULL)
    g_assert_cmpstr (back->from_address, ==, "facturas@msp.es");
  if (first != NULL)
    {
      PactaMailAttachment *again;

      g_assert_cmpuint (back->attachments->len, ==, 1);
      again = g_ptr_array_index (back->attachments, 0);
      if (strstr (first->filename, "=?") == NULL)
        g_assert_cmpstr (again->filename, ==, first->filename);
      g_assert_true (g_bytes_equal (again->data, first->data));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaMailMessage) message = NULL;

  pacta_fuzz_init ();

  bytes = g_bytes_new (data, size);
  message = pacta_mail_message_parse (bytes, &error);
  if (message == NULL)
    {
      g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE);
      return 0;
    }
  g_assert_no_error (error);
  check_sound (message);
  check_round_trip (message);

  /* Its text, taken as an address, is refused or normalised for good */
  if (size < 1024)
    {
      g_autofree char *text = g_strndup ((const char *)data, size);
      g_autofree char *address = pacta_mail_address_normalize (text);

      if (address != NULL)
        {
          g_autofree char *again = pacta_mail_address_normalize (address);

          g_assert_cmpstr (again, ==, address);
        }
    }
  return 0;
}
