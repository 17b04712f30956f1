/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-text.c: the rules every free-text field shares
 *
 * Control characters (U+0000–U+001F, DEL, U+0080–U+009F) come from pasting
 * out of terminals and binary files; nobody types them. They would be
 * invisible in the window, break a CSV export and can't be carried by XML,
 * so a field holding one is refused with a message naming the field. Notes
 * and messages keep their line breaks and tabs; a street keeps a few lines
 * (LF only), which a format needing one line gets joined. Right-to-left
 * marks and other format characters are text, and are kept. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <wchar.h>

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
 * breaks (LF, CR) and tabs don't count; with %PACTA_TEXT_ADDRESS, LF doesn't
 * (pacta_text_tidy_lines() makes CR LF into it).
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
              !(kind == PACTA_TEXT_MULTILINE && (c == '\n' || c == '\r' || c == '\t')) &&
              !(kind == PACTA_TEXT_ADDRESS && c == '\n'))
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
  if (kind == PACTA_TEXT_ADDRESS && !pacta_text_has_controls (text, kind) &&
      pacta_text_count_lines (text) > PACTA_TEXT_MAX_ADDRESS_LINES)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                   /* Translators: %u is a number; %s a field, e.g. “the street” */
                   ngettext ("At most %u line is allowed in %s", "At most %u lines are allowed in %s",
                             PACTA_TEXT_MAX_ADDRESS_LINES),
                   PACTA_TEXT_MAX_ADDRESS_LINES, what);
      return FALSE;
    }
  if (pacta_text_has_controls (text, kind))
    {
      if (kind == PACTA_TEXT_ADDRESS)
        g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                     /* Translators: %s is a field, e.g. “the street” */
                     _("Control characters other than line breaks are not allowed in %s"), what);
      else if (kind == PACTA_TEXT_MULTILINE)
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
 * pacta_text_tidy_lines:
 *
 * @text as the lines of an address are kept: CR LF made LF, white space
 * round each line trimmed and empty lines left out. A lone CR stays, for
 * pacta_text_has_controls() to refuse: it is no line end anyone writes.
 *
 * Returns: (transfer full): the tidy text, "" for %NULL
 */
char *
pacta_text_tidy_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  GString *tidy = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize len = strlen (lines[i]);

      if (len > 0 && lines[i][len - 1] == '\r')
        lines[i][len - 1] = '\0';
      g_strstrip (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      if (tidy->len > 0)
        g_string_append_c (tidy, '\n');
      g_string_append (tidy, lines[i]);
    }
  return g_string_free (tidy, FALSE);
}

/**
 * pacta_text_count_lines:
 *
 * Returns: how many lines @text has: 0 when it is %NULL or empty, else one
 *   more than its line feeds
 */
guint
pacta_text_count_lines (const char *text)
{
  guint n = 1;

  if (text == NULL || *text == '\0')
    return 0;
  for (const char *p = strchr (text, '\n'); p != NULL; p = strchr (p + 1, '\n'))
    n++;
  return n;
}

/**
 * pacta_text_join_lines:
 * @separator: what goes between lines, such as ", "
 *
 * @text on one line, for a format that can only carry one (a tax record, a
 * CSV column an accounting program reads): its lines, tidied as
 * pacta_text_tidy_lines() does (CR, LF and CR LF all end a line), joined by
 * @separator.
 *
 * Returns: (transfer full): the one line, "" for %NULL
 */
char *
pacta_text_join_lines (const char *text,
                       const char *separator)
{
  g_autofree char *unix_ends = NULL;
  g_autofree char *tidy = NULL;
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (separator != NULL, NULL);

  if (text == NULL || strpbrk (text, "\r\n") == NULL)
    return g_strdup (text != NULL ? text : "");
  unix_ends = g_strdup (text);
  /* CR LF is one end and a lone CR another: every CR becomes LF, and the
   * empty line a CR LF then leaves is dropped with the others */
  g_strdelimit (unix_ends, "\r", '\n');
  tidy = pacta_text_tidy_lines (unix_ends);
  lines = g_strsplit (tidy, "\n", -1);
  return g_strjoinv (separator, lines);
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

/* ---- sorting and searching names ----------------------------------------- */

/* What casefolding makes of each character up to U+00FF when the result is
 * one such character that NFKC leaves alone, and what searching makes of it
 * (casefolded, decomposed, without its accent); 0 where the general path is
 * needed (ß, µ, ª, ¼ and the like). Made from GLib's own functions, so the
 * fast path gives what the general one does. */
typedef struct
{
  gunichar fold[256];
  gunichar bare[256];
} LatinTables;

static gunichar
single_latin (const char *text)
{
  gunichar c;

  if (text == NULL || text[0] == '\0')
    return 0;
  c = g_utf8_get_char (text);
  if (c > 0xff || *g_utf8_next_char (text) != '\0')
    return 0;
  return c;
}

static char *search_key_slow (const char *text, gssize len);

static const LatinTables *
latin_tables (void)
{
  static LatinTables *tables;

  if (g_once_init_enter (&tables))
    {
      LatinTables *made = g_new0 (LatinTables, 1);

      for (gunichar c = 1; c < 0x100; c++)
        {
          char utf8[8] = { 0 };
          g_autofree char *folded = NULL;
          g_autofree char *composed = NULL;
          g_autofree char *bare = NULL;
          int len = g_unichar_to_utf8 (c, utf8);

          folded = g_utf8_casefold (utf8, len);
          composed = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL_COMPOSE);
          if (g_strcmp0 (folded, composed) == 0)
            made->fold[c] = single_latin (folded);
          bare = search_key_slow (utf8, len);
          made->bare[c] = single_latin (bare);
        }
      g_once_init_leave (&tables, made);
    }
  return tables;
}

/* Decodes @text when every character is in the fast tables: each mapped
 * through @table into @out (room for strlen (@text) + 1); FALSE otherwise */
static gboolean
map_latin (const char     *text,
           const gunichar *table,
           gunichar       *out,
           glong          *n_out)
{
  const guchar *p = (const guchar *)text;
  glong n = 0;

  while (*p)
    {
      gunichar c;

      if (*p < 0x80)
        c = *p++;
      else if ((*p == 0xc2 || *p == 0xc3) && (p[1] & 0xc0) == 0x80)
        {
          c = ((gunichar)(*p & 0x1f) << 6) | (p[1] & 0x3f);
          p += 2;
        }
      else
        return FALSE;
      if ((c = table[c]) == 0)
        return FALSE;
      out[n++] = c;
    }
  out[n] = 0;
  *n_out = n;
  return TRUE;
}

/**
 * pacta_text_sort_key:
 *
 * A key whose byte order (strcmp()) is the order of the texts in the
 * current locale ignoring case: the collation of the casefolded, NFKC-normalised
 * text, as GtkStringSorter with ignore-case gives. Latin text (everything up to
 * U+00FF but a few signs) takes a short path; the keys are the same.
 */
char *
pacta_text_sort_key (const char *text)
{
  gsize len = text != NULL ? strlen (text) : 0;
  gunichar stack[128];
  g_autofree gunichar *heap = NULL;
  g_autofree wchar_t *weights = NULL;
  gunichar *chars = len < G_N_ELEMENTS (stack) ? stack : (heap = g_new (gunichar, len + 1));
  glong n = 0;
  gsize n_weights, size = 0;
  char *key, *q;

  G_STATIC_ASSERT (sizeof (wchar_t) == sizeof (gunichar));

  if (text == NULL || !map_latin (text, latin_tables ()->fold, chars, &n))
    {
      g_autofree char *folded = g_utf8_casefold (text != NULL ? text : "", -1);
      g_autofree char *composed = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL_COMPOSE);

      g_clear_pointer (&heap, g_free);
      chars = heap = g_utf8_to_ucs4_fast (composed != NULL ? composed : "", -1, &n);
    }

  /* The locale's weights, written as UTF-8 does characters: byte order is
   * weight order */
  n_weights = wcsxfrm (NULL, (const wchar_t *)chars, 0);
  weights = g_new (wchar_t, n_weights + 1);
  wcsxfrm (weights, (const wchar_t *)chars, n_weights + 1);
  for (gsize i = 0; i < n_weights; i++)
    size += (gsize) g_unichar_to_utf8 ((gunichar)weights[i], NULL);
  q = key = g_malloc (size + 1);
  for (gsize i = 0; i < n_weights; i++)
    q += g_unichar_to_utf8 ((gunichar)weights[i], q);
  *q = '\0';
  return key;
}

static char *
search_key_slow (const char *text,
                 gssize      len)
{
  g_autofree char *folded = g_utf8_casefold (text, len);
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
  GString *bare = g_string_sized_new (strlen (folded));

  for (const char *p = decomposed != NULL ? decomposed : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (bare, c);
    }
  return g_string_free (bare, FALSE);
}

/**
 * pacta_text_search_key:
 *
 * What a search compares: the text casefolded, decomposed (NFKD) and without
 * accents, so that “clinica” finds “Clínica” and “NUNEZ” finds “Núñez”. The
 * search text and the texts searched are both made into keys; a match is a
 * substring (strstr()).
 */
char *
pacta_text_search_key (const char *text)
{
  gsize len = text != NULL ? strlen (text) : 0;
  gunichar stack[128];
  g_autofree gunichar *heap = NULL;
  gunichar *chars = len < G_N_ELEMENTS (stack) ? stack : (heap = g_new (gunichar, len + 1));
  glong n = 0;

  if (text == NULL)
    return g_strdup ("");
  if (!map_latin (text, latin_tables ()->bare, chars, &n))
    return search_key_slow (text, -1);
  return g_ucs4_to_utf8 (chars, n, NULL, NULL, NULL);
}

/**
 * pacta_text_is_loopback_host:
 * @host: a host name or address as typed
 *
 * Returns: whether @host is "localhost" or a loopback address (127.0.0.1,
 *   ::1): the only hosts the network clients reach without TLS (mocks and
 *   test servers)
 */
gboolean
pacta_text_is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}
