/* pacta-text.c: the rules every free-text field shares
 *
 * Control characters (U+0000–U+001F, DEL, U+0080–U+009F) come from pasting
 * out of terminals and binary files; nobody types them. They would be
 * invisible in the window, break a CSV export and can't be carried by XML,
 * so a field holding one is refused with a message naming the field. Notes
 * and messages keep their line breaks and tabs. Right-to-left marks and
 * other format characters are text, and are kept. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pacta-error.h"
#include "pacta-text.h"

/**
 * pacta_text_is_blank:
 *
 * Whether @text is %NULL, empty or only white space.
 */
gboolean
pacta_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/**
 * pacta_text_has_controls:
 *
 * Whether @text holds a control character; with %PACTA_TEXT_MULTILINE, line
 * breaks (LF, CR) and tabs don't count.
 */
gboolean
pacta_text_has_controls (const char    *text,
                         PactaTextKind  kind)
{
  if (text == NULL)
    return FALSE;

  for (const char *p = text; *p; )
    {
      guchar c = (guchar)*p;

      /* ASCII, nearly every character, without decoding */
      if (c < 0x80)
        {
          if ((c < 0x20 || c == 0x7f) &&
              !(kind == PACTA_TEXT_MULTILINE && (c == '\n' || c == '\r' || c == '\t')))
            return TRUE;
          p++;
          continue;
        }
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        return TRUE;
      p = g_utf8_next_char (p);
    }
  return FALSE;
}

/**
 * pacta_text_check:
 * @what: the field, as it reads after “in”: “the contract name”
 *
 * Refuses @text when it has control characters (see
 * pacta_text_has_controls()) or more than @max_chars characters (0: no
 * limit), with a message that names the field. %NULL is allowed.
 */
gboolean
pacta_text_check (const char     *text,
                  PactaTextKind   kind,
                  guint           max_chars,
                  const char     *what,
                  GError        **error)
{
  if (text == NULL)
    return TRUE;

  /* No more bytes than allowed characters: no need to count characters */
  if (max_chars > 0 && strlen (text) > max_chars && g_utf8_strlen (text, -1) > (glong)max_chars)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                   /* Translators: %u is a number; %s a field, e.g. “the contract name” */
                   ngettext ("At most %u character is allowed in %s", "At most %u characters are allowed in %s",
                             max_chars),
                   max_chars, what);
      return FALSE;
    }
  if (pacta_text_has_controls (text, kind))
    {
      if (kind == PACTA_TEXT_MULTILINE)
        g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                     /* Translators: %s is a field, e.g. “the notes” */
                     _("Control characters other than line breaks and tabs are not allowed in %s"), what);
      else
        g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                     /* Translators: %s is a field, e.g. “the contract name” */
                     _("Control characters, such as a tab or a line break, are not allowed in %s"), what);
      return FALSE;
    }
  return TRUE;
}

/**
 * pacta_text_is_email:
 *
 * Whether @text has the shape of one email address: something, one “@”, a
 * domain with a dot; no spaces, commas or semicolons (which would make it a
 * list), at most 254 bytes.
 */
gboolean
pacta_text_is_email (const char *text)
{
  const char *at, *dot;

  if (text == NULL)
    return FALSE;
  at = strchr (text, '@');
  if (at == NULL || at == text || strchr (at + 1, '@') != NULL || strlen (text) > 254)
    return FALSE;
  dot = strrchr (at, '.');
  if (dot == NULL || dot == at + 1 || dot[1] == '\0')
    return FALSE;
  for (const char *p = text; *p; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p) || *p == ',' || *p == ';')
      return FALSE;
  return TRUE;
}

/**
 * pacta_text_excerpt:
 *
 * The start of @text in at most @max_chars characters, cut at a character
 * boundary and ended with “…”; @text itself (a copy) when it is short
 * enough. Used where a label would have to lay out thousands of characters.
 */
char *
pacta_text_excerpt (const char *text,
                    guint       max_chars)
{
  g_autofree char *start = NULL;

  g_return_val_if_fail (max_chars > 1, NULL);

  if (text == NULL)
    return g_strdup ("");
  if (strlen (text) <= max_chars || g_utf8_strlen (text, -1) <= (glong)max_chars)
    return g_strdup (text);
  start = g_utf8_substring (text, 0, max_chars - 1);
  return g_strconcat (start, "…", NULL);
}

/**
 * pacta_text_longest_word:
 *
 * The number of characters in the longest run of @text without white space:
 * a long run (a pasted log line, a key, a URL) has to be wrapped between
 * characters, because looking for a word break in it is slow.
 */
gsize
pacta_text_longest_word (const char *text)
{
  gsize longest = 0, run = 0;

  if (text == NULL)
    return 0;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      if (g_unichar_isspace (g_utf8_get_char (p)))
        run = 0;
      else if (++run > longest)
        longest = run;
    }
  return longest;
}
