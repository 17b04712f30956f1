/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-mail-message.c: mail messages read and built through GMime
 *
 * A message from outside is data, never code: whoever sent it chose every
 * byte. So reading it never fails once there is a header to read (odd
 * charsets, broken base64, a missing boundary: what GMime can make sense of
 * is kept, the rest left out), every string handed back is valid UTF-8
 * without control characters (a body keeps its line breaks and tabs), ids
 * hold no spaces or brackets, file names no folders, and the walk over the
 * parts stops at MAX_DEPTH levels and MAX_PARTS parts. HTML is only ever
 * made into text here: tags and what scripts, styles and the head hold are
 * dropped, and nothing it points to is fetched.
 *
 * Senders are judged strictly: a From with control characters anywhere, two
 * addresses or two From headers gives no address at all (its name is kept,
 * cleaned), since a ticket is opened for whoever the address says.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmime/gmime.h>
#include <libxml/HTMLparser.h>
#include <string.h>

#include "pacta-error.h"
#include "pacta-mail-message.h"

/* How far and how much of a message's structure is walked: mail clients
 * nest a few levels (mixed, alternative, related) and a forward a few more */
#define MAX_DEPTH            16
#define MAX_PARTS            1000
/* One header line's worth (RFC 5322) for a subject or an id */
#define MAX_LINE_BYTES       998
#define MAX_NAME_BYTES       256
#define MAX_FILENAME_BYTES   255
#define MAX_REASON_BYTES     500
/* Ids kept from References: the thread's first and its latest ones */
#define MAX_REFERENCES       100
/* A delivery report's fields are at the start of a short part */
#define MAX_REPORT_BYTES     (64 * 1024)

typedef struct
{
  PactaMailMessage *message;
  GMimeTextPart    *plain;     /* (unowned) the first text/plain that is no attachment */
  GMimeTextPart    *html;      /* (unowned) the first text/html that is no attachment */
  guint             n_parts;
} Reader;

static GMimeParserOptions *parser_options;
/* See words_as_quoted_printable() */
static gboolean gmime_loses_words;

/* GMime's types are set up once per process; the parser options are shared
 * (headers keep a pointer to them) and never changed after */
static void
ensure_gmime (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      /* 8-bit text with no charset said: UTF-8 if it is, else the
       * Windows charset most such mail is in; Latin-1 converts any byte */
      static const char *fallback[] = { "utf-8", "windows-1252", "iso-8859-1", NULL };

      g_mime_init ();
      parser_options = g_mime_parser_options_new ();
      g_mime_parser_options_set_fallback_charsets (parser_options, fallback);
      gmime_loses_words = !g_mime_check_version (3, 2, 14);
      g_once_init_leave (&initialised, 1);
    }
}

/* The next RFC 2047 encoded word from @p, "=?charset?E?text?=" without
 * white space: @mark at the '?' before E, @text and @end around the text.
 * Each part ends at the next '?', so no byte is looked at more than twice
 * however many "=?" a hostile header holds. */
static const char *
next_encoded_word (const char  *p,
                   const char **mark,
                   const char **text,
                   const char **end)
{
  for (; p != NULL && *p != '\0'; p++)
    {
      /* Not strstr(): a sanitizer's measures the whole rest of the string
       * on every call, which a header of a million "=?" makes quadratic */
      if (p[0] != '=' || p[1] != '?')
        continue;
      *mark = p + 2 + strcspn (p + 2, "? \t\r\n");
      if ((*mark)[0] == '?' && (*mark)[1] != '\0' && strchr ("BbQq", (*mark)[1]) != NULL && (*mark)[2] == '?')
        {
          *text = *mark + 3;
          *end = *text + strcspn (*text, "? \t\r\n");
          if ((*end)[0] == '?' && (*end)[1] == '=')
            return p;
        }
      p++;   /* past the "=?" with the loop's own step */
    }
  return NULL;
}

/* GMime before 3.2.14 (Debian 12 has 3.2.13) drops the encoded words that
 * follow a base64 word ending in '=' padding when they share its charset
 * (GMime issue #133): "=?UTF-8?B?w74=?= =?UTF-8?B?w74=?=" reads "þ". Mail
 * programs split long subjects, names and file names into such words. With
 * that GMime, a header value is given to it with every base64 word made
 * the quoted-printable word of the same bytes, which it reads whole.
 * Returns %NULL when there is nothing to change. */
static char *
words_as_quoted_printable (const char *value)
{
  GString *out = NULL;
  const char *copied = value;
  const char *p = value;
  const char *mark = NULL;
  const char *text = NULL;
  const char *end = NULL;

  if (!gmime_loses_words || value == NULL)
    return NULL;
  while ((p = next_encoded_word (p, &mark, &text, &end)) != NULL)
    {
      g_autofree char *base64 = NULL;
      g_autofree guchar *bytes = NULL;
      gsize n = 0;

      if (mark[1] != 'B' && mark[1] != 'b')
        {
          p = end + 2;
          continue;
        }
      base64 = g_strndup (text, (gsize)(end - text));   /* end follows text */
      bytes = g_base64_decode (base64, &n);

      if (out == NULL)
        out = g_string_new (NULL);
      g_string_append_len (out, copied, p - copied);
      g_string_append_len (out, p, mark - p);
      g_string_append (out, "?Q?");
      for (gsize i = 0; i < n; i++)
        g_string_append_printf (out, "=%02X", bytes[i]);
      g_string_append (out, "?=");
      copied = p = end + 2;
    }
  if (out == NULL)
    return NULL;
  g_string_append (out, copied);
  return g_string_free (out, FALSE);
}

/* The raw value of @object's last @name header: the one GMime's own
 * fields (subject, content type, …) are taken from */
static const char *
raw_header (GMimeObject *object,
            const char  *name)
{
  GMimeHeaderList *headers = g_mime_object_get_header_list (object);

  for (int i = g_mime_header_list_get_count (headers) - 1; i >= 0; i--)
    {
      GMimeHeader *header = g_mime_header_list_get_header_at (headers, i);

      if (g_ascii_strcasecmp (g_mime_header_get_name (header), name) == 0)
        return g_mime_header_get_raw_value (header);
    }
  return NULL;
}

/* ---- text ---------------------------------------------------------------- */

/* Cuts @text to at most @max bytes, at a character boundary (@text is valid UTF-8) */
static void
truncate_utf8 (GString *text,
               gsize    max)
{
  gsize end = max;

  if (text->len <= max)
    return;
  while (end > 0 && ((guchar)text->str[end] & 0xc0) == 0x80)
    end--;
  g_string_truncate (text, end);
}

/* One line of text: valid UTF-8, line breaks and tabs made spaces, runs of
 * white space made one, other control characters dropped, trimmed, at most
 * @max bytes. Returns %NULL when nothing is left. */
static char *
clean_line (const char *text,
            gsize       max)
{
  g_autofree char *valid = NULL;
  GString *out;
  gboolean space = FALSE;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  out = g_string_new (NULL);
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        {
          space = TRUE;
          continue;
        }
      if (g_unichar_iscntrl (c))
        continue;
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  truncate_utf8 (out, max);
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* A body: CR LF and lone CRs made LF, control characters other than LF and
 * tab dropped, trailing white space trimmed, at most
 * PACTA_MAIL_MAX_BODY_LENGTH bytes. @text is valid UTF-8. */
static char *
clean_body (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0' && out->len <= PACTA_MAIL_MAX_BODY_LENGTH; )
    {
      guchar b = (guchar)*p;
      const char *next;

      if (b == '\r')
        {
          g_string_append_c (out, '\n');
          p += p[1] == '\n' ? 2 : 1;
          continue;
        }
      if (b < 0x80)
        {
          if (b == '\n' || b == '\t' || (b >= 0x20 && b != 0x7f))
            g_string_append_c (out, (char)b);
          p++;
          continue;
        }
      next = g_utf8_next_char (p);
      if (!g_unichar_iscntrl (g_utf8_get_char (p)))
        g_string_append_len (out, p, next - p);
      p = next;
    }
  truncate_utf8 (out, PACTA_MAIL_MAX_BODY_LENGTH);
  while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

/* Whether raw header bytes hold a control character other than the line
 * breaks and tabs of folding (the bytes may be in any charset); a CR that
 * ends no line is one */
static gboolean
raw_has_controls (const char *raw)
{
  for (const guchar *p = (const guchar *)raw; p != NULL && *p; p++)
    if ((*p < 0x20 && *p != '\t' && *p != '\r' && *p != '\n') || *p == 0x7f ||
        (*p == '\r' && p[1] != '\n'))
      return TRUE;
  return FALSE;
}

/* Whether @text, valid UTF-8, holds anything but visible characters (no
 * controls, spaces, format characters) */
static gboolean
is_graphic (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      guchar b = (guchar)*p;

      if (b < 0x80 ? (b <= 0x20 || b == 0x7f) : !g_unichar_isgraph (g_utf8_get_char (p)))
        return FALSE;
    }
  return TRUE;
}

/* Whether @id may be kept: visible ASCII (RFC 5322; an id in UTF-8 could
 * not be sent on in a header of ours), no angle brackets, not empty, at
 * most one header line */
static gboolean
id_is_clean (const char *id)
{
  gsize n = 0;

  if (id == NULL)
    return FALSE;
  for (; id[n] != '\0'; n++)
    if ((guchar)id[n] <= 0x20 || (guchar)id[n] >= 0x7f || id[n] == '<' || id[n] == '>')
      return FALSE;
  return n > 0 && n <= MAX_LINE_BYTES;
}

/* As kept; a trailing dot goes, as GMime drops it from a bracketed id
 * ("<a@b.>") but not from a bare one, so one id reads the same either way */
static char *
clean_id (const char *id)
{
  char *clean;
  gsize n;

  if (!id_is_clean (id))
    return NULL;
  clean = g_strdup (id);
  n = strlen (clean);
  while (n > 0 && clean[n - 1] == '.')
    clean[--n] = '\0';
  if (n == 0)
    g_clear_pointer (&clean, g_free);
  return clean;
}

/* ---- addresses ----------------------------------------------------------- */

static gboolean
is_atext (guchar c)
{
  return g_ascii_isalnum (c) || c >= 0x80 || (c != '\0' && strchr ("!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

/* A domain as addresses are checked: labels of letters, digits and
 * hyphens (or any non-ASCII letter, for international names), at least two */
static gboolean
domain_is_well_formed (const char *domain)
{
  guint labels = 0;
  gsize label = 0;

  if (domain == NULL || *domain == '\0' || strlen (domain) > 253)
    return FALSE;
  for (const guchar *p = (const guchar *)domain; ; p++)
    {
      if (*p == '.' || *p == '\0')
        {
          if (label == 0 || label > 63)
            return FALSE;
          labels++;
          label = 0;
          if (*p == '\0')
            break;
          continue;
        }
      if (!g_ascii_isalnum (*p) && *p != '-' && *p < 0x80)
        return FALSE;
      label++;
    }
  return labels >= 2;
}

/* One bare address: a dot-atom local part, one @, a well-formed domain,
 * valid UTF-8 without controls or spaces, at most 254 bytes */
static gboolean
address_is_well_formed (const char *address)
{
  const char *at;
  gsize local;

  if (address == NULL || strlen (address) > 254 || !g_utf8_validate (address, -1, NULL) ||
      !is_graphic (address))
    return FALSE;
  at = strchr (address, '@');
  if (at == NULL || strchr (at + 1, '@') != NULL)
    return FALSE;
  local = (gsize)(at - address);   /* at is inside address */
  if (local == 0 || local > 64 || address[0] == '.' || at[-1] == '.')
    return FALSE;
  for (const char *p = address; p < at; p++)
    if (!(is_atext ((guchar)*p) || (*p == '.' && p[1] != '.')))
      return FALSE;
  return domain_is_well_formed (at + 1);
}

/* The one mailbox of @list, lower case, or %NULL when @list holds none,
 * several, a group, or control characters (in the name too). @name, when
 * given, gets the first address's name, cleaned, even when the address is
 * refused. */
static char *
read_mailbox (InternetAddressList  *list,
              gboolean              usable,
              char                **name)
{
  InternetAddress *address;
  const char *raw_name;
  const char *addr;

  if (list == NULL || internet_address_list_length (list) < 1)
    return NULL;
  address = internet_address_list_get_address (list, 0);
  raw_name = internet_address_get_name (address);
  if (name != NULL)
    *name = clean_line (raw_name, MAX_NAME_BYTES);
  if (raw_name != NULL)
    {
      g_autofree char *valid = g_utf8_make_valid (raw_name, -1);

      /* A tab may be left of folding; a line break or an escape is no name */
      for (const char *p = valid; *p && usable; p = g_utf8_next_char (p))
        if (*p != '\t' && g_unichar_iscntrl (g_utf8_get_char (p)))
          usable = FALSE;
    }

  if (!usable || internet_address_list_length (list) != 1 || !INTERNET_ADDRESS_IS_MAILBOX (address))
    return NULL;
  addr = internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address));
  if (!address_is_well_formed (addr))
    return NULL;
  return g_utf8_strdown (addr, -1);
}

/* Whether the bytes of the header starting at @offset in @raw (up to the
 * line that does not continue it) hold a control character: GMime's
 * strings end at a NUL, so the bytes themselves are looked at */
static gboolean
header_bytes_have_controls (const char *raw,
                            gsize       size,
                            gint64      offset)
{
  if (offset < 0 || (guint64)offset >= size)
    return FALSE;
  for (gsize i = (gsize)offset; i < size; i++)   /* 0 ≤ offset < size */
    {
      guchar c = (guchar)raw[i];

      if (c == '\n')
        {
          if (i + 1 < size && (raw[i + 1] == ' ' || raw[i + 1] == '\t'))
            continue;
          break;
        }
      if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f ||
          (c == '\r' && (i + 1 == size || raw[i + 1] != '\n')))
        return TRUE;
    }
  return FALSE;
}

/* Whether an encoded word in @value hides a NUL (GMime shows it as '?'):
 * nobody's name has one, so it was put there to fool a reader */
static gboolean
has_encoded_nul (const char *value)
{
  const char *mark = NULL;
  const char *text = NULL;
  const char *end = NULL;

  for (const char *p = next_encoded_word (value, &mark, &text, &end); p != NULL;
       p = next_encoded_word (end + 2, &mark, &text, &end))
    {
      if (mark[1] == 'q' || mark[1] == 'Q')
        {
          for (const char *q = text; q + 2 < end; q++)
            if (q[0] == '=' && q[1] == '0' && q[2] == '0')
              return TRUE;
        }
      else
        {
          g_autofree char *base64 = g_strndup (text, (gsize)(end - text));   /* end follows text */
          gsize n = 0;
          g_autofree guchar *decoded = g_base64_decode (base64, &n);

          if (n > 0 && memchr (decoded, 0, n) != NULL)
            return TRUE;
        }
    }
  return FALSE;
}

/* The address of a message's @header (From, Reply-To): only when it is
 * there once, without control characters anywhere in it, even a comment */
static char *
read_address_header (GMimeMessage         *message,
                     const char           *raw,
                     gsize                 size,
                     const char           *header,
                     InternetAddressList  *list,
                     char                **name)
{
  GMimeHeaderList *headers = g_mime_object_get_header_list (GMIME_OBJECT (message));
  int count = g_mime_header_list_get_count (headers);
  guint seen = 0;
  gboolean usable = TRUE;

  for (int i = 0; i < count; i++)
    {
      GMimeHeader *h = g_mime_header_list_get_header_at (headers, i);
      const char *value = g_mime_header_get_raw_value (h);

      if (g_ascii_strcasecmp (g_mime_header_get_name (h), header) != 0)
        continue;
      seen++;
      if (raw_has_controls (value) || has_encoded_nul (value) ||
          header_bytes_have_controls (raw, size, g_mime_header_get_offset (h)))
        usable = FALSE;
    }
  if (seen != 1)
    usable = FALSE;

  {
    /* Read again, unfolded: GMime keeps the line break of a folded header
     * in the name ("Ana\r\n\tGarcía"), which would pass for a control */
    const char *value = raw_header (GMIME_OBJECT (message), header);
    g_autofree char *unfolded = value != NULL ? g_mime_utils_header_unfold (value) : NULL;
    g_autofree char *whole = words_as_quoted_printable (unfolded);
    const char *text = whole != NULL ? whole : unfolded;
    InternetAddressList *again = text != NULL ? internet_address_list_parse (parser_options, text) : NULL;
    char *address = read_mailbox (again != NULL ? again : list, usable, name);

    g_clear_object (&again);
    return address;
  }
}

char *
pacta_mail_address_normalize (const char *text)
{
  InternetAddressList *list;
  char *address;

  if (text == NULL || !g_utf8_validate (text, -1, NULL) || raw_has_controls (text) ||
      strpbrk (text, "\t\r\n") != NULL)
    return NULL;
  ensure_gmime ();
  {
    g_autofree char *whole = words_as_quoted_printable (text);

    if ((list = internet_address_list_parse (parser_options, whole != NULL ? whole : text)) == NULL)
      return NULL;
  }
  address = read_mailbox (list, TRUE, NULL);
  g_object_unref (list);
  return address;
}

const char *
pacta_mail_address_domain (const char *address)
{
  const char *at;

  if (address == NULL || (at = strrchr (address, '@')) == NULL || at[1] == '\0')
    return NULL;
  return at + 1;
}

/* ---- HTML as text -------------------------------------------------------- */

typedef struct
{
  GString  *out;
  gboolean  space;      /* white space met since the last character */
  guint     newlines;   /* line ends at the end of out */
  gboolean  pre;        /* inside <pre>: white space is kept */
} HtmlText;

static void
html_put (HtmlText *h,
          gunichar  c)
{
  if (g_unichar_iscntrl (c) && c != '\t')
    return;
  if (h->space && h->out->len > 0 && h->newlines == 0)
    g_string_append_c (h->out, ' ');
  h->space = FALSE;
  h->newlines = 0;
  g_string_append_unichar (h->out, c);
}

static void
html_trim_end (HtmlText *h)
{
  while (h->out->len > 0 && (h->out->str[h->out->len - 1] == ' ' || h->out->str[h->out->len - 1] == '\t'))
    g_string_truncate (h->out, h->out->len - 1);
}

/* A line end: at most one blank line in a row, none at the start */
static void
html_newline (HtmlText *h)
{
  html_trim_end (h);
  h->space = FALSE;
  if (h->out->len == 0 || h->newlines >= 2)
    return;
  g_string_append_c (h->out, '\n');
  h->newlines++;
}

/* Ends the line unless it just ended; @blank: and leaves a blank line */
static void
html_break (HtmlText *h,
            gboolean  blank)
{
  while (h->out->len > 0 && h->newlines < (blank ? 2u : 1u))
    html_newline (h);
  h->space = FALSE;
}

/* Where @needle (lower case) starts in @s from @from, ignoring case; @len if nowhere */
static gsize
find_ascii_ci (const char *s,
               gsize       len,
               gsize       from,
               const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = from; i + n <= len; i++)
    if (g_ascii_tolower (s[i]) == needle[0] && g_ascii_strncasecmp (s + i, needle, n) == 0)
      return i;
  return len;
}

/* A search that remembers where it found its needle: a document with a
 * thousand heads would otherwise be searched to its end a thousand times */
typedef struct
{
  const char *needle;
  gsize       from;
  gsize       at;
} HtmlFinder;

static gsize
html_find (HtmlFinder *finder,
           const char *s,
           gsize       len,
           gsize       from)
{
  if (finder->from == G_MAXSIZE || from < finder->from || finder->at < from)
    {
      finder->from = from;
      finder->at = find_ascii_ci (s, len, from, finder->needle);
    }
  return finder->at;
}

/* From the '<' at @i, the index after the tag's '>' (quotes in attribute
 * values respected), or @len */
static gsize
html_tag_end (const char *s,
              gsize       len,
              gsize       i)
{
  char quote = 0;
  char last = 0;

  for (i++; i < len; i++)
    {
      char c = s[i];

      if (quote != 0)
        {
          if (c == quote)
            quote = 0;
          continue;
        }
      if ((c == '"' || c == '\'') && last == '=')
        quote = c;
      else if (c == '>')
        return i + 1;
      if (!g_ascii_isspace (c))
        last = c;
    }
  return len;
}

/* An entity at the '&' at @i: its character and length, or 0 when it is none */
static gsize
html_entity (const char *s,
             gsize       len,
             gsize       i,
             gunichar   *c)
{
  static const struct { const char *name; gunichar c; } basic[] = {
    { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' }, { "nbsp", 0xa0 },
  };
  char name[33];
  gsize j = i + 1;
  gsize n = 0;

  if (j < len && s[j] == '#')
    {
      gboolean hex = j + 1 < len && (s[j + 1] == 'x' || s[j + 1] == 'X');
      guint32 value = 0;
      gsize digits = 0;

      for (j += hex ? 2 : 1; j < len && digits < 8; j++, digits++)
        {
          int d = hex ? g_ascii_xdigit_value (s[j]) : g_ascii_digit_value (s[j]);

          if (d < 0)
            break;
          value = value * (hex ? 16u : 10u) + (guint32)d;   /* d is 0–15; 8 digits fit */
        }
      if (digits == 0)
        return 0;
      if (j < len && s[j] == ';')
        j++;
      *c = value == 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff) ? 0xfffd : value;
      return j - i;
    }

  while (j < len && n < sizeof name - 1 && g_ascii_isalnum (s[j]))
    name[n++] = s[j++];
  name[n] = '\0';
  if (n == 0)
    return 0;
  for (guint k = 0; k < G_N_ELEMENTS (basic); k++)
    if (strcmp (name, basic[k].name) == 0)
      {
        /* The old ones are read without their ';', as browsers do */
        *c = basic[k].c;
        return j - i + (j < len && s[j] == ';' ? 1 : 0);
      }
  if (j < len && s[j] == ';')
    {
      const htmlEntityDesc *entity = htmlEntityLookup ((const xmlChar *)name);

      if (entity != NULL)
        {
          *c = entity->value;
          return j + 1 - i;
        }
    }
  return 0;
}

/* Elements whose content is no text for a reader */
static gboolean
html_is_hidden (const char *tag)
{
  return strcmp (tag, "script") == 0 || strcmp (tag, "style") == 0 ||
         strcmp (tag, "title") == 0 || strcmp (tag, "template") == 0;
}

/* Elements that start and end a line */
static gboolean
html_is_block (const char *tag)
{
  static const char *blocks[] = {
    "div", "li", "tr", "table", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "hr",
    "section", "article", "header", "footer", "nav", "address", "center", "body", "form",
  };

  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    if (strcmp (tag, blocks[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
html_is_paragraph (const char *tag)
{
  return strcmp (tag, "p") == 0 ||
         (tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6' && tag[2] == '\0');
}

/* HTML as plain text (@html is valid UTF-8): tags dropped, with what
 * scripts, styles and the head hold; line ends where blocks end; entities
 * read; runs of blank lines made one */
static char *
html_to_text (const char *html)
{
  gsize len = strlen (html);
  HtmlText h = { g_string_new (NULL), FALSE, 0, FALSE };
  HtmlFinder head_end = { "</head", G_MAXSIZE, 0 };
  HtmlFinder body_start = { "<body", G_MAXSIZE, 0 };
  gsize i = 0;

  while (i < len && h.out->len <= PACTA_MAIL_MAX_BODY_LENGTH)
    {
      guchar b = (guchar)html[i];

      if (b == '<' && i + 1 < len)
        {
          gboolean closing = html[i + 1] == '/';
          char tag[16];
          gsize n = 0;
          gsize j = i + (closing ? 2 : 1);

          if (strncmp (html + i, "<!--", 4) == 0)
            {
              gsize end = find_ascii_ci (html, len, i + 4, "-->");
              i = end < len ? end + 3 : len;
              continue;
            }
          if (html[i + 1] == '!' || html[i + 1] == '?')
            {
              i = html_tag_end (html, len, i);
              continue;
            }
          if (j >= len || !g_ascii_isalpha (html[j]))
            {
              html_put (&h, '<');   /* "a < b" */
              i++;
              continue;
            }

          while (j < len && g_ascii_isalnum (html[j]))
            {
              if (n < sizeof tag - 1)
                tag[n++] = g_ascii_tolower (html[j]);
              j++;
            }
          tag[n] = '\0';
          i = html_tag_end (html, len, i);

          if (!closing && html_is_hidden (tag))
            {
              g_autofree char *close = g_strconcat ("</", tag, NULL);
              gsize end = find_ascii_ci (html, len, i, close);

              i = end < len ? html_tag_end (html, len, end) : len;
            }
          else if (!closing && strcmp (tag, "head") == 0)
            {
              /* Its end tag may be left out: the body then starts it */
              gsize end = MIN (html_find (&head_end, html, len, i), html_find (&body_start, html, len, i));

              if (end < len && html[end + 1] == '/')
                i = html_tag_end (html, len, end);
              else
                i = end;
            }
          else if (strcmp (tag, "br") == 0)
            html_newline (&h);
          else if (html_is_paragraph (tag))
            html_break (&h, TRUE);
          else if (html_is_block (tag))
            {
              html_break (&h, FALSE);
              if (strcmp (tag, "pre") == 0)
                h.pre = !closing;
            }
          else if (closing && (strcmp (tag, "td") == 0 || strcmp (tag, "th") == 0))
            h.space = TRUE;
          continue;
        }

      if (b == '&')
        {
          gunichar c = 0;
          gsize n = html_entity (html, len, i, &c);

          if (n > 0)
            {
              html_put (&h, c == 0xa0 ? ' ' : c);
              i += n;
              continue;
            }
          html_put (&h, '&');
          i++;
          continue;
        }

      if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f')
        {
          if (!h.pre)
            h.space = TRUE;
          else if (b == '\n')
            html_newline (&h);
          else if (b != '\r')
            html_put (&h, b == '\f' ? ' ' : b);
          i++;
          continue;
        }

      {
        const char *next = g_utf8_next_char (html + i);

        html_put (&h, g_utf8_get_char (html + i));
        i = (gsize)(next - html);   /* next is inside html */
      }
    }

  html_trim_end (&h);
  while (h.out->len > 0 && h.out->str[h.out->len - 1] == '\n')
    g_string_truncate (h.out, h.out->len - 1);
  return g_string_free (h.out, FALSE);
}

/* ---- parts --------------------------------------------------------------- */

/* A part's content with its transfer encoding undone */
static GBytes *
decode_content (GMimePart *part)
{
  GMimeDataWrapper *content = g_mime_part_get_content (part);
  GMimeStream *stream;
  GByteArray *array;

  if (content == NULL)
    return g_bytes_new (NULL, 0);
  stream = g_mime_stream_mem_new ();
  g_mime_data_wrapper_write_to_stream (content, stream);
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (stream), FALSE);
  g_object_unref (stream);
  return g_byte_array_free_to_bytes (array);
}

/* 8-bit text in no charset we know: GMime picks the fallback charset that fits best */
static char *
decode_8bit (const char *text,
             gsize       len)
{
  g_autofree char *decoded = g_mime_utils_decode_8bit (parser_options, text, len);

  return g_utf8_make_valid (decoded, -1);
}

/* A text part as UTF-8. Text said to be UTF-8 or ASCII that is not is
 * read in the fallback charsets (a mislabelled Latin-1 message keeps its
 * accents); a charset iconv does not know gives the bytes as they are, read
 * the same way. NULs are dropped first: they would end the text. */
static char *
text_part_to_utf8 (GMimeTextPart *part)
{
  const char *charset = g_mime_text_part_get_charset (part);
  g_autofree char *text = NULL;
  gsize len;

  if (charset == NULL || g_ascii_strcasecmp (charset, "utf-8") == 0 ||
      g_ascii_strcasecmp (charset, "utf8") == 0 || g_ascii_strcasecmp (charset, "us-ascii") == 0 ||
      g_ascii_strcasecmp (charset, "ascii") == 0)
    {
      g_autoptr(GBytes) bytes = decode_content (GMIME_PART (part));
      gsize size = 0;
      const char *data = g_bytes_get_data (bytes, &size);

      text = g_malloc (size + 1);
      len = 0;
      for (gsize i = 0; i < size; i++)
        if (data[i] != '\0')
          text[len++] = data[i];
      text[len] = '\0';
    }
  else
    {
      text = g_mime_text_part_get_text (part);
      if (text == NULL)
        return g_strdup ("");
      len = strlen (text);
    }

  if (g_utf8_validate (text, (gssize)len, NULL))   /* len < the message's size, far below G_MAXSSIZE */
    return g_steal_pointer (&text);
  return decode_8bit (text, len);
}

/* A file name as kept: the last part of a path, no control characters, no
 * leading dots or spaces, at most MAX_FILENAME_BYTES (the extension kept
 * when the name is cut), "attachment" when nothing is left */
static char *
clean_filename (const char *name)
{
  g_autofree char *line = clean_line (name, G_MAXSIZE);
  const char *base;
  const char *dot;
  GString *out;

  if (line == NULL)
    return g_strdup ("attachment");
  /* The last part of a path, whichever the separator */
  base = line;
  for (const char *p = line; *p; p++)
    if (*p == '/' || *p == '\\')
      base = p + 1;
  while (*base == '.' || *base == ' ')
    base++;
  if (*base == '\0')
    return g_strdup ("attachment");

  out = g_string_new (base);
  dot = strrchr (out->str, '.');
  if (out->len > MAX_FILENAME_BYTES && dot != NULL && strlen (dot) <= 16)
    {
      g_autofree char *extension = g_strdup (dot);

      g_string_truncate (out, (gsize)(dot - out->str));   /* dot is inside out */
      truncate_utf8 (out, MAX_FILENAME_BYTES - strlen (extension));
      g_string_append (out, extension);
    }
  truncate_utf8 (out, MAX_FILENAME_BYTES);
  /* clean_line() trimmed the name, but a cut may end it in a space */
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

/* "type/subtype" in lower case when it is that, else application/octet-stream */
static char *
clean_content_type (GMimeContentType *type)
{
  g_autofree char *mime_type = type != NULL ? g_mime_content_type_get_mime_type (type) : NULL;
  const char *slash;

  if (mime_type == NULL || strlen (mime_type) > 127 || (slash = strchr (mime_type, '/')) == NULL ||
      slash == mime_type || slash[1] == '\0' || strchr (slash + 1, '/') != NULL)
    return g_strdup ("application/octet-stream");
  for (const char *p = mime_type; *p; p++)
    if (!(g_ascii_isalnum (*p) || strchr ("/!#$&^_.+-", *p) != NULL))
      return g_strdup ("application/octet-stream");
  return g_ascii_strdown (mime_type, -1);
}

static void
add_attachment (Reader     *reader,
                GBytes     *data,
                const char *filename,
                char       *content_type)
{
  PactaMailAttachment *attachment;

  if (g_bytes_get_size (data) > PACTA_MAIL_MAX_ATTACHMENT_SIZE)
    {
      reader->message->n_dropped++;
      g_free (content_type);
      return;
    }
  attachment = g_new0 (PactaMailAttachment, 1);
  attachment->filename = clean_filename (filename);
  attachment->content_type = content_type;
  attachment->data = g_bytes_ref (data);
  g_ptr_array_add (reader->message->attachments, attachment);
}

static gboolean
attachments_full (Reader *reader)
{
  if (reader->message->attachments->len < PACTA_MAIL_MAX_ATTACHMENTS)
    return FALSE;
  reader->message->n_dropped++;
  return TRUE;
}

/* A message's Message-ID, kept only when clean */
static char *
message_id_of (GMimeMessage *message)
{
  return message != NULL ? clean_id (g_mime_message_get_message_id (message)) : NULL;
}

/* The Message-ID of a header block (a report's text/rfc822-headers) */
static char *
message_id_of_headers (GBytes *bytes)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  GMimeStream *stream = g_mime_stream_mem_new_with_buffer (size > 0 ? data : "", size);
  GMimeParser *parser = g_mime_parser_new_with_stream (stream);
  GMimeMessage *message = g_mime_parser_construct_message (parser, parser_options);
  char *id = message_id_of (message);

  g_clear_object (&message);
  g_object_unref (parser);
  g_object_unref (stream);
  return id;
}

/* The reason a delivery report gives: the first Diagnostic-Code without
 * its type ("smtp; "), else the first Status */
static void
read_delivery_status (Reader    *reader,
                      GMimePart *part)
{
  g_autoptr(GBytes) bytes = decode_content (part);
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *diagnostic = NULL;
  g_autofree char *status = NULL;
  GString *field = g_string_new (NULL);
  const char *reason;

  if (reader->message->bounce_reason != NULL || size == 0)
    {
      g_string_free (field, TRUE);
      return;
    }

  /* Fields as in a header: a line starting with white space goes on the last */
  text = g_utf8_make_valid (data, (gssize)MIN (size, MAX_REPORT_BYTES));   /* ≤ 64 KiB */
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; ; i++)
    {
      char *line = lines[i];

      if (line != NULL && *line != '\0' && line[strlen (line) - 1] == '\r')
        line[strlen (line) - 1] = '\0';

      if (line != NULL && (line[0] == ' ' || line[0] == '\t'))
        {
          g_string_append (field, line);
          continue;
        }
      if (field->len > 0)
        {
          const char *colon = strchr (field->str, ':');

          if (colon != NULL)
            {
              g_autofree char *name = g_strndup (field->str, (gsize)(colon - field->str));   /* colon is in it */

              g_strstrip (name);
              if (diagnostic == NULL && g_ascii_strcasecmp (name, "Diagnostic-Code") == 0)
                diagnostic = g_strdup (colon + 1);
              else if (status == NULL && g_ascii_strcasecmp (name, "Status") == 0)
                status = g_strdup (colon + 1);
            }
          g_string_truncate (field, 0);
        }
      if (line == NULL)
        break;
      g_string_append (field, line);
    }
  g_string_free (field, TRUE);

  reason = diagnostic != NULL ? diagnostic : status;
  if (diagnostic != NULL)
    {
      const char *semicolon = strchr (diagnostic, ';');
      const char *type = diagnostic;

      while (*type == ' ' || *type == '\t')
        type++;
      if (semicolon != NULL && semicolon > type && semicolon - type <= 32)
        {
          gboolean token = TRUE;

          for (const char *p = type; p < semicolon; p++)
            if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
              token = FALSE;
          if (token)
            reason = semicolon + 1;
        }
    }
  reader->message->bounce_reason = clean_line (reason, MAX_REASON_BYTES);
}

static gboolean
is_type (GMimeObject *object,
         const char  *type,
         const char  *subtype)
{
  GMimeContentType *content_type = g_mime_object_get_content_type (object);

  return content_type != NULL && g_mime_content_type_is_type (content_type, type, subtype);
}

/* multipart/report; report-type=delivery-status: a bounce (RFC 3464, 6533) */
static gboolean
is_delivery_report (GMimeObject *object)
{
  const char *report_type = g_mime_object_get_content_type_parameter (object, "report-type");

  return is_type (object, "multipart", "report") && report_type != NULL &&
         (g_ascii_strcasecmp (report_type, "delivery-status") == 0 ||
          g_ascii_strcasecmp (report_type, "global-delivery-status") == 0);
}

/* A part of a delivery report that says what bounced or why; FALSE for the others */
static gboolean
read_report_part (Reader    *reader,
                  GMimePart *part)
{
  GMimeObject *object = GMIME_OBJECT (part);

  if (is_type (object, "message", "delivery-status") || is_type (object, "message", "global-delivery-status"))
    {
      read_delivery_status (reader, part);
      return TRUE;
    }
  if (is_type (object, "text", "rfc822-headers") || is_type (object, "message", "global-headers"))
    {
      if (reader->message->bounce_of == NULL)
        {
          g_autoptr(GBytes) bytes = decode_content (part);

          reader->message->bounce_of = message_id_of_headers (bytes);
        }
      return TRUE;
    }
  return FALSE;
}

/* A parameter of a Content-Disposition or Content-Type header, read again
 * when GMime would lose words of it */
static char *
fixed_parameter (GMimeObject *object,
                 const char  *header,
                 const char  *name)
{
  g_autofree char *whole = words_as_quoted_printable (raw_header (object, header));
  GMimeParamList *params;
  GMimeParam *param;
  char *value = NULL;

  if (whole == NULL)
    return NULL;
  if (g_ascii_strcasecmp (header, "Content-Type") == 0)
    {
      GMimeContentType *type = g_mime_content_type_parse (parser_options, whole);

      params = type != NULL ? g_mime_content_type_get_parameters (type) : NULL;
      param = params != NULL ? g_mime_param_list_get_parameter (params, name) : NULL;
      value = param != NULL ? g_strdup (g_mime_param_get_value (param)) : NULL;
      g_clear_object (&type);
    }
  else
    {
      GMimeContentDisposition *disposition = g_mime_content_disposition_parse (parser_options, whole);

      params = disposition != NULL ? g_mime_content_disposition_get_parameters (disposition) : NULL;
      param = params != NULL ? g_mime_param_list_get_parameter (params, name) : NULL;
      value = param != NULL ? g_strdup (g_mime_param_get_value (param)) : NULL;
      g_clear_object (&disposition);
    }
  return value;
}

/* g_mime_part_get_filename(), without the words GMime would lose */
static char *
part_filename (GMimeObject *object)
{
  const char *filename = g_mime_object_get_content_disposition_parameter (object, "filename");

  if (filename != NULL)
    {
      char *fixed = fixed_parameter (object, "Content-Disposition", "filename");

      return fixed != NULL ? fixed : g_strdup (filename);
    }
  if ((filename = g_mime_object_get_content_type_parameter (object, "name")) != NULL)
    {
      char *fixed = fixed_parameter (object, "Content-Type", "name");

      return fixed != NULL ? fixed : g_strdup (filename);
    }
  return NULL;
}

static void
read_leaf (Reader    *reader,
           GMimePart *part,
           gboolean   in_report)
{
  GMimeObject *object = GMIME_OBJECT (part);
  g_autofree char *filename = part_filename (object);
  gboolean text = is_type (object, "text", "*");

  if (in_report && read_report_part (reader, part))
    return;
  /* A signature is no file anyone sent */
  if (is_type (object, "application", "pgp-signature") || is_type (object, "application", "pkcs7-signature") ||
      is_type (object, "application", "x-pkcs7-signature"))
    return;

  if (g_mime_part_is_attachment (part) || (!text && filename != NULL))
    {
      g_autoptr(GBytes) data = NULL;

      if (attachments_full (reader))
        return;
      data = decode_content (part);
      add_attachment (reader, data, filename, clean_content_type (g_mime_object_get_content_type (object)));
      return;
    }

  if (!GMIME_IS_TEXT_PART (part))
    return;
  if (reader->plain == NULL && is_type (object, "text", "plain"))
    reader->plain = GMIME_TEXT_PART (part);
  else if (reader->html == NULL && is_type (object, "text", "html"))
    reader->html = GMIME_TEXT_PART (part);
}

/* A message inside the message: what a bounce returns, else a forward kept as a file */
static void
read_message_part (Reader           *reader,
                   GMimeMessagePart *part,
                   gboolean          in_report)
{
  GMimeMessage *inner = g_mime_message_part_get_message (part);
  GMimeStream *stream;
  GByteArray *array;
  g_autoptr(GBytes) data = NULL;
  g_autofree char *filename = NULL;

  if (in_report)
    {
      if (reader->message->bounce_of == NULL)
        reader->message->bounce_of = message_id_of (inner);
      return;
    }
  if (attachments_full (reader))
    return;

  stream = g_mime_stream_mem_new ();
  if (inner != NULL)
    g_mime_object_write_to_stream (GMIME_OBJECT (inner), NULL, stream);
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (stream), FALSE);
  g_object_unref (stream);
  data = g_byte_array_free_to_bytes (array);

  filename = part_filename (GMIME_OBJECT (part));
  add_attachment (reader, data, filename != NULL ? filename : "message.eml", g_strdup ("message/rfc822"));
}

static void
read_object (Reader      *reader,
             GMimeObject *object,
             guint        depth,
             gboolean     in_report)
{
  if (object == NULL || depth > MAX_DEPTH || reader->n_parts >= MAX_PARTS)
    return;
  reader->n_parts++;

  if (GMIME_IS_MULTIPART (object))
    {
      GMimeMultipart *multipart = GMIME_MULTIPART (object);
      gboolean report = is_delivery_report (object);
      int count = g_mime_multipart_get_count (multipart);

      for (int i = 0; i < count && reader->n_parts < MAX_PARTS; i++)
        read_object (reader, g_mime_multipart_get_part (multipart, i), depth + 1, report);
    }
  else if (GMIME_IS_MESSAGE_PART (object))
    read_message_part (reader, GMIME_MESSAGE_PART (object), in_report);
  else if (GMIME_IS_PART (object))
    read_leaf (reader, GMIME_PART (object), in_report);
}

/* ---- headers ------------------------------------------------------------- */

/* @header's value in lower case up to its first ';' or comment, trimmed; %NULL when missing */
static char *
header_token (GMimeObject *object,
              const char  *header)
{
  const char *value = g_mime_object_get_header (object, header);
  g_autofree char *token = NULL;

  if (value == NULL)
    return NULL;
  token = g_strndup (value, strcspn (value, ";("));
  g_strstrip (token);
  return g_ascii_strdown (token, -1);
}

static gboolean
is_automatic (GMimeObject *object)
{
  GMimeHeaderList *headers = g_mime_object_get_header_list (object);
  g_autofree char *auto_submitted = header_token (object, "Auto-Submitted");
  g_autofree char *precedence = header_token (object, "Precedence");

  if (auto_submitted != NULL && strcmp (auto_submitted, "no") != 0)
    return TRUE;
  if (precedence != NULL &&
      (strcmp (precedence, "bulk") == 0 || strcmp (precedence, "junk") == 0 || strcmp (precedence, "list") == 0))
    return TRUE;
  return g_mime_header_list_contains (headers, "X-Autoreply") ||
         g_mime_header_list_contains (headers, "X-Autorespond");
}

/* The clean ids of a References or In-Reply-To value, oldest first */
static GPtrArray *
read_ids (const char *value)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GMimeReferences *references;
  int count;

  if (value == NULL || (references = g_mime_references_parse (parser_options, value)) == NULL)
    return ids;
  count = g_mime_references_length (references);
  for (int i = 0; i < count; i++)
    {
      char *id = clean_id (g_mime_references_get_message_id (references, i));

      if (id != NULL)
        g_ptr_array_add (ids, id);
    }
  g_mime_references_free (references);
  return ids;
}

static GStrv
read_references (GMimeObject *object)
{
  g_autoptr(GPtrArray) ids = read_ids (g_mime_object_get_header (object, "References"));

  /* A thread too long keeps its first message and its latest ones */
  if (ids->len > MAX_REFERENCES)
    g_ptr_array_remove_range (ids, 1, ids->len - MAX_REFERENCES);
  g_ptr_array_add (ids, NULL);
  return (GStrv)g_ptr_array_free (g_steal_pointer (&ids), FALSE);
}

static char *
read_date (GMimeMessage *message)
{
  GDateTime *date = g_mime_message_get_date (message);
  g_autoptr(GDateTime) utc = NULL;

  if (date == NULL)
    return NULL;
  utc = g_date_time_to_utc (date);
  if (utc == NULL || g_date_time_get_year (utc) < 1000 || g_date_time_get_year (utc) > 9999)
    return NULL;
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* ---- reading ------------------------------------------------------------- */

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

void
pacta_mail_message_free (PactaMailMessage *message)
{
  if (message == NULL)
    return;
  g_free (message->message_id);
  g_free (message->in_reply_to);
  g_strfreev (message->references);
  g_free (message->from_address);
  g_free (message->from_name);
  g_free (message->reply_to);
  g_free (message->subject);
  g_free (message->date);
  g_free (message->body);
  g_clear_pointer (&message->attachments, g_ptr_array_unref);
  g_free (message->bounce_of);
  g_free (message->bounce_reason);
  g_free (message);
}

/**
 * pacta_mail_message_parse:
 * @raw: the message as received
 *
 * Returns: (transfer full): what the message says, as data; %NULL with
 *   %PACTA_ERROR_INVALID_FILE when @raw is empty, too large or has no header
 */
PactaMailMessage *
pacta_mail_message_parse (GBytes  *raw,
                          GError **error)
{
  gsize size = 0;
  const char *data;
  GMimeStream *stream;
  GMimeParser *parser;
  GMimeMessage *gmessage;
  GMimeObject *object;
  PactaMailMessage *message;
  Reader reader = { NULL, NULL, NULL, 0 };
  g_autoptr(GPtrArray) in_reply_to = NULL;

  g_return_val_if_fail (raw != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (raw, &size);
  if (size == 0)
    {
      g_set_error_literal (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE, _("The message is empty"));
      return NULL;
    }
  if (size > PACTA_MAIL_MAX_MESSAGE_SIZE)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                   /* Translators: %u is a number of megabytes */
                   _("The message is larger than %u MB and was not read"),
                   (guint)(PACTA_MAIL_MAX_MESSAGE_SIZE / (1024 * 1024)));
      return NULL;
    }

  ensure_gmime ();
  stream = g_mime_stream_mem_new_with_buffer (data, size);
  parser = g_mime_parser_new_with_stream (stream);
  gmessage = g_mime_parser_construct_message (parser, parser_options);
  g_object_unref (parser);
  g_object_unref (stream);
  if (gmessage == NULL ||
      g_mime_header_list_get_count (g_mime_object_get_header_list (GMIME_OBJECT (gmessage))) == 0)
    {
      g_clear_object (&gmessage);
      g_set_error_literal (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                           _("This is not an email message: it has no header"));
      return NULL;
    }
  object = GMIME_OBJECT (gmessage);

  message = g_new0 (PactaMailMessage, 1);
  message->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify)pacta_mail_attachment_free);
  reader.message = message;

  message->message_id = message_id_of (gmessage);
  in_reply_to = read_ids (g_mime_object_get_header (object, "In-Reply-To"));
  if (in_reply_to->len > 0)
    message->in_reply_to = g_strdup (g_ptr_array_index (in_reply_to, 0));
  message->references = read_references (object);
  message->from_address = read_address_header (gmessage, data, size, "From",
                                               g_mime_message_get_from (gmessage), &message->from_name);
  message->reply_to = read_address_header (gmessage, data, size, "Reply-To",
                                           g_mime_message_get_reply_to (gmessage), NULL);
  {
    g_autofree char *whole = words_as_quoted_printable (raw_header (object, "Subject"));
    g_autofree char *unfolded = whole != NULL ? g_mime_utils_header_unfold (whole) : NULL;
    g_autofree char *subject = unfolded != NULL ? g_mime_utils_header_decode_text (parser_options, unfolded) : NULL;

    message->subject = clean_line (subject != NULL ? subject : g_mime_message_get_subject (gmessage), MAX_LINE_BYTES);
  }
  if (message->subject == NULL)
    message->subject = g_strdup ("");
  message->date = read_date (gmessage);
  message->auto_submitted = is_automatic (object);

  read_object (&reader, g_mime_message_get_mime_part (gmessage), 0, FALSE);
  if (reader.plain != NULL)
    {
      g_autofree char *plain = text_part_to_utf8 (reader.plain);

      message->body = clean_body (plain);
    }
  /* Some programs send an empty text part beside the HTML one */
  if ((message->body == NULL || message->body[0] == '\0') && reader.html != NULL)
    {
      g_autofree char *html = text_part_to_utf8 (reader.html);
      g_autofree char *text = html_to_text (html);

      g_free (message->body);
      message->body = clean_body (text);
    }
  if (message->body == NULL)
    message->body = g_strdup ("");

  g_object_unref (gmessage);
  return message;
}

/* ---- building ------------------------------------------------------------ */

static gboolean
language_is_well_formed (const char *language)
{
  gsize run = 0;

  if (language == NULL || !g_ascii_isalpha (language[0]) || strlen (language) > 35)
    return FALSE;
  for (const char *p = language; ; p++)
    {
      if (*p == '-' || *p == '\0')
        {
          if (run == 0 || run > 8)
            return FALSE;
          if (*p == '\0')
            return TRUE;
          run = 0;
          continue;
        }
      if (!g_ascii_isalnum (*p))
        return FALSE;
      run++;
    }
}

/* Whether @address can go in a message SMTP without extensions carries:
 * an ASCII local part (else it needs SMTPUTF8), and a domain GMime writes
 * in ASCII (an international one in its "xn--" form, through libidn2;
 * one libidn2 refuses would be written in UTF-8) */
static gboolean
address_can_be_sent (const char *address)
{
  InternetAddress *mailbox;
  gboolean ascii;

  if (!address_is_well_formed (address))
    return FALSE;
  for (const char *p = address; *p != '@'; p++)
    if ((guchar)*p >= 0x80)
      return FALSE;
  mailbox = internet_address_mailbox_new (NULL, address);
  ascii = g_str_is_ascii (internet_address_mailbox_get_idn_addr (INTERNET_ADDRESS_MAILBOX (mailbox)));
  g_object_unref (mailbox);
  return ascii;
}

static InternetAddress *
new_mailbox (const char *name,
             const char *address)
{
  g_autofree char *clean_name = clean_line (name, MAX_NAME_BYTES);
  InternetAddress *mailbox = internet_address_mailbox_new (clean_name, address);

  internet_address_set_charset (mailbox, "utf-8");
  return mailbox;
}

/* The text part: UTF-8 always (GMime would choose Latin-1 for Spanish),
 * quoted-printable when the text needs it; base64 would hide from anyone
 * reading the source what a quoted-printable line shows */
static GMimeObject *
new_text_part (const char *body)
{
  g_autofree char *valid = g_utf8_make_valid (body != NULL ? body : "", -1);
  g_autofree char *text = clean_body (valid);
  GMimeTextPart *part = g_mime_text_part_new_with_subtype ("plain");
  GMimeStream *stream = g_mime_stream_mem_new_with_buffer (text, strlen (text));
  GMimeDataWrapper *content = g_mime_data_wrapper_new_with_stream (stream, GMIME_CONTENT_ENCODING_DEFAULT);
  GMimeContentEncoding encoding;

  g_mime_part_set_content (GMIME_PART (part), content);
  g_object_unref (content);
  g_object_unref (stream);
  g_mime_text_part_set_charset (part, "utf-8");
  encoding = g_mime_part_get_best_content_encoding (GMIME_PART (part), GMIME_ENCODING_CONSTRAINT_7BIT);
  if (encoding == GMIME_CONTENT_ENCODING_BASE64)
    encoding = GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE;
  g_mime_part_set_content_encoding (GMIME_PART (part), encoding);
  return GMIME_OBJECT (part);
}

/* The attachment's type as sent. A message or multipart type can't be
 * sent in base64 (readers would take the encoded text for the message): a
 * file it stays. */
static char *
attachment_type (const PactaMailDraft *draft)
{
  const char *type = draft->attachment_type != NULL ? draft->attachment_type : "application/octet-stream";
  GMimeContentType *content_type = g_mime_content_type_parse (parser_options, type);
  char *mime_type = clean_content_type (content_type);

  g_clear_object (&content_type);
  if (g_str_has_prefix (mime_type, "message/") || g_str_has_prefix (mime_type, "multipart/"))
    {
      g_free (mime_type);
      return g_strdup ("application/octet-stream");
    }
  return mime_type;
}

static GMimeObject *
new_attachment_part (const PactaMailDraft *draft)
{
  g_autofree char *mime_type = attachment_type (draft);
  g_autofree char *filename = clean_filename (draft->attachment_name);
  g_auto(GStrv) halves = g_strsplit (mime_type, "/", 2);
  GMimePart *part = g_mime_part_new_with_type (halves[0], halves[1]);
  gsize size = 0;
  const char *data = g_bytes_get_data (draft->attachment, &size);
  GMimeStream *stream = g_mime_stream_mem_new_with_buffer (size > 0 ? data : "", size);
  GMimeDataWrapper *content = g_mime_data_wrapper_new_with_stream (stream, GMIME_CONTENT_ENCODING_DEFAULT);

  g_mime_part_set_content (part, content);
  g_object_unref (content);
  g_object_unref (stream);
  g_mime_part_set_content_encoding (part, GMIME_CONTENT_ENCODING_BASE64);
  /* Content-Disposition: attachment; filename=… (and the type's name=) */
  g_mime_object_set_disposition (GMIME_OBJECT (part), GMIME_DISPOSITION_ATTACHMENT);
  g_mime_part_set_filename (part, filename);
  return GMIME_OBJECT (part);
}

/* In-Reply-To and References as "<a> <b>"; FALSE when an id is not one */
static gboolean
append_ids (GString           *out,
            const char *const *ids,
            const char        *one)
{
  if (one != NULL)
    {
      g_autofree char *id = clean_id (one);

      if (id == NULL)
        return FALSE;
      g_string_append_printf (out, "<%s>", id);
    }
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      g_autofree char *id = clean_id (ids[i]);

      if (id == NULL)
        return FALSE;
      g_string_append_printf (out, "%s<%s>", out->len > 0 ? " " : "", id);
    }
  return TRUE;
}

/**
 * pacta_mail_message_build:
 * @draft: what to send
 *
 * Returns: (transfer full): the message as RFC 5322 bytes with CRLF line
 *   ends, or %NULL with %PACTA_ERROR_INVALID_VALUE when an address, an id or
 *   the language is missing or malformed
 */
GBytes *
pacta_mail_message_build (const PactaMailDraft *draft,
                          GError              **error)
{
  GMimeMessage *message;
  GMimeObject *body;
  GMimeFormatOptions *format;
  GMimeStream *stream;
  GByteArray *array;
  InternetAddress *mailbox;
  g_autofree char *subject = NULL;
  g_autoptr(GString) in_reply_to = g_string_new (NULL);
  g_autoptr(GString) references = g_string_new (NULL);

  g_return_val_if_fail (draft != NULL, NULL);
  g_return_val_if_fail (draft->date != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ensure_gmime ();
  if (!address_can_be_sent (draft->from_address))
    {
      g_set_error_literal (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                           _("The sender’s email address is missing or not valid"));
      return NULL;
    }
  if (!address_can_be_sent (draft->to_address))
    {
      g_set_error_literal (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                           _("The recipient’s email address is missing or not valid"));
      return NULL;
    }
  if (!id_is_clean (draft->message_id) || strchr (draft->message_id, '@') == NULL ||
      !append_ids (in_reply_to, NULL, draft->in_reply_to) ||
      !append_ids (references, draft->references, NULL))
    {
      g_set_error_literal (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                           _("The message’s identifier, or one it refers to, is not valid"));
      return NULL;
    }
  if (draft->language != NULL && !language_is_well_formed (draft->language))
    {
      g_set_error_literal (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                           _("The message’s language is not valid"));
      return NULL;
    }

  message = g_mime_message_new (FALSE);
  g_mime_message_set_date (message, draft->date);
  mailbox = new_mailbox (draft->from_name, draft->from_address);
  internet_address_list_add (g_mime_message_get_from (message), mailbox);
  g_object_unref (mailbox);
  mailbox = new_mailbox (draft->to_name, draft->to_address);
  internet_address_list_add (g_mime_message_get_to (message), mailbox);
  g_object_unref (mailbox);
  subject = clean_line (draft->subject, G_MAXSIZE);
  g_mime_message_set_subject (message, subject != NULL ? subject : "", "utf-8");
  g_mime_message_set_message_id (message, draft->message_id);
  if (in_reply_to->len > 0)
    g_mime_object_set_header (GMIME_OBJECT (message), "In-Reply-To", in_reply_to->str, NULL);
  if (references->len > 0)
    g_mime_object_set_header (GMIME_OBJECT (message), "References", references->str, NULL);
  g_mime_object_set_header (GMIME_OBJECT (message), "MIME-Version", "1.0", NULL);
  if (draft->language != NULL)
    g_mime_object_set_header (GMIME_OBJECT (message), "Content-Language", draft->language, NULL);

  body = new_text_part (draft->body);
  if (draft->attachment != NULL)
    {
      GMimeMultipart *mixed = g_mime_multipart_new_with_subtype ("mixed");
      GMimeObject *attachment = new_attachment_part (draft);

      g_mime_multipart_add (mixed, body);
      g_mime_multipart_add (mixed, attachment);
      g_object_unref (attachment);
      g_object_unref (body);
      body = GMIME_OBJECT (mixed);
    }
  g_mime_message_set_mime_part (message, body);
  g_object_unref (body);

  format = g_mime_format_options_new ();
  g_mime_format_options_set_newline_format (format, GMIME_NEWLINE_FORMAT_DOS);
  stream = g_mime_stream_mem_new ();
  g_mime_object_write_to_stream (GMIME_OBJECT (message), format, stream);
  g_mime_stream_flush (stream);
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (stream), FALSE);
  g_object_unref (stream);
  g_mime_format_options_free (format);
  g_object_unref (message);
  return g_byte_array_free_to_bytes (array);
}

/**
 * pacta_mail_new_message_id:
 * @domain: the sender's domain; one that is not well formed gives "pacta.invalid"
 *
 * Returns: (transfer full): a random, unique id "UUID@domain"
 */
char *
pacta_mail_new_message_id (const char *domain)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *host = NULL;

  if (domain != NULL && g_utf8_validate (domain, -1, NULL) && domain_is_well_formed (domain))
    host = g_utf8_strdown (domain, -1);
  else
    host = g_strdup ("pacta.invalid");
  return g_strconcat (uuid, "@", host, NULL);
}
