/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-mail-message.c: mail read as data (charsets, HTML, attachments, threading, bounces, hostile and broken messages) and built for SMTP */
#include <string.h>

#include "pacta-error.h"
#include "pacta-mail-message.h"

/* ---- helpers ------------------------------------------------------------- */

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
assert_clean_id (const char *id)
{
  g_assert_nonnull (id);
  g_assert_true (g_utf8_validate (id, -1, NULL));
  g_assert_cmpuint (strlen (id), >, 0);
  g_assert_false (has_controls (id, FALSE));
  g_assert_null (strpbrk (id, " <>\t"));
}

/* What every message read must hold, whatever came in */
static void
assert_sound (const PactaMailMessage *m)
{
  g_assert_nonnull (m->subject);
  g_assert_true (g_utf8_validate (m->subject, -1, NULL));
  g_assert_false (has_controls (m->subject, FALSE));
  g_assert_nonnull (m->body);
  g_assert_true (g_utf8_validate (m->body, -1, NULL));
  g_assert_false (has_controls (m->body, TRUE));
  g_assert_null (strchr (m->body, '\r'));
  g_assert_cmpuint (strlen (m->body), <=, PACTA_MAIL_MAX_BODY_LENGTH);
  g_assert_nonnull (m->references);
  for (guint i = 0; m->references[i] != NULL; i++)
    assert_clean_id (m->references[i]);
  if (m->message_id != NULL)
    assert_clean_id (m->message_id);
  if (m->in_reply_to != NULL)
    assert_clean_id (m->in_reply_to);
  if (m->bounce_of != NULL)
    assert_clean_id (m->bounce_of);
  if (m->from_address != NULL)
    {
      g_autofree char *lower = g_utf8_strdown (m->from_address, -1);

      g_assert_cmpstr (m->from_address, ==, lower);
      g_assert_false (has_controls (m->from_address, FALSE));
    }
  if (m->from_name != NULL)
    {
      g_assert_true (g_utf8_validate (m->from_name, -1, NULL));
      g_assert_false (has_controls (m->from_name, FALSE));
    }
  if (m->bounce_reason != NULL)
    {
      g_assert_true (g_utf8_validate (m->bounce_reason, -1, NULL));
      g_assert_false (has_controls (m->bounce_reason, FALSE));
      g_assert_cmpuint (strlen (m->bounce_reason), <=, 500);
    }
  g_assert_nonnull (m->attachments);
  g_assert_cmpuint (m->attachments->len, <=, PACTA_MAIL_MAX_ATTACHMENTS);
  for (guint i = 0; i < m->attachments->len; i++)
    {
      PactaMailAttachment *a = g_ptr_array_index (m->attachments, i);

      g_assert_true (g_utf8_validate (a->filename, -1, NULL));
      g_assert_cmpuint (strlen (a->filename), >, 0);
      g_assert_cmpuint (strlen (a->filename), <=, 255);
      g_assert_null (strpbrk (a->filename, "/\\"));
      g_assert_false (has_controls (a->filename, FALSE));
      g_assert_cmpint (a->filename[0], !=, '.');
      g_assert_nonnull (strchr (a->content_type, '/'));
      g_assert_nonnull (a->data);
      g_assert_cmpuint (g_bytes_get_size (a->data), <=, PACTA_MAIL_MAX_ATTACHMENT_SIZE);
    }
}

static PactaMailMessage *
parse_len (const char *raw,
           gsize       length)
{
  g_autoptr(GBytes) bytes = g_bytes_new (raw, length);
  g_autoptr(GError) error = NULL;
  PactaMailMessage *message = pacta_mail_message_parse (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (message);
  assert_sound (message);
  return message;
}

static PactaMailMessage *
parse (const char *raw)
{
  return parse_len (raw, strlen (raw));
}

static void
assert_refused (const char *raw,
                gsize       length)
{
  g_autoptr(GBytes) bytes = g_bytes_new (raw, length);
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaMailMessage) message = pacta_mail_message_parse (bytes, &error);

  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE);
  g_assert_null (message);
}

/* Base64 in lines of 76, as mail carries it */
static char *
base64_lines (const void *data,
              gsize       length)
{
  g_autofree char *flat = g_base64_encode (data, length);
  GString *out = g_string_new (NULL);
  gsize n = strlen (flat);

  for (gsize i = 0; i < n; i += 76)
    {
      g_string_append_len (out, flat + i, (gssize)MIN (76, n - i));
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

/* Bytes like a PDF's: a header, then every byte value */
static GBytes *
pdf_bytes (gsize length)
{
  guint8 *data = g_malloc (length);

  for (gsize i = 0; i < length; i++)
    data[i] = (guint8)((i * 7 + i / 256) & 0xff);
  memcpy (data, "%PDF-1.4\n", 9);
  return g_bytes_new_take (data, length);
}

static PactaMailAttachment *
attachment (const PactaMailMessage *m,
            guint                   i)
{
  g_assert_cmpuint (i, <, m->attachments->len);
  return g_ptr_array_index (m->attachments, i);
}

#define HEAD \
  "From: Ana García <Ana.Garcia@Example.COM>\r\n" \
  "To: soporte@msp.es\r\n" \
  "Date: Sun, 06 Dec 2026 11:00:00 +0100\r\n" \
  "Message-ID: <m1@example.com>\r\n" \
  "MIME-Version: 1.0\r\n"

/* ---- cases --------------------------------------------------------------- */

static void
test_plain (void)
{
  g_autoptr(PactaMailMessage) m = parse (
    "From: =?utf-8?q?Ana_Garc=C3=ADa?= <Ana.Garcia@Example.COM>\r\n"
    "Reply-To: Facturas <Facturas@Example.com>\r\n"
    "To: soporte@msp.es\r\n"
    "Subject: The printer\r\n"
    "Date: Sun, 06 Dec 2026 11:00:00 +0100\r\n"
    "Message-ID: <m1@example.com>\r\n"
    "\r\n"
    "Hello,\r\n"
    "\r\n"
    "the printer\tjams again.\r\n"
    "Ana\r\n");

  g_assert_cmpstr (m->from_address, ==, "ana.garcia@example.com");
  g_assert_cmpstr (m->from_name, ==, "Ana García");
  g_assert_cmpstr (m->reply_to, ==, "facturas@example.com");
  g_assert_cmpstr (m->subject, ==, "The printer");
  g_assert_cmpstr (m->date, ==, "2026-12-06T10:00:00Z");
  g_assert_cmpstr (m->message_id, ==, "m1@example.com");
  g_assert_null (m->in_reply_to);
  g_assert_cmpuint (g_strv_length (m->references), ==, 0);
  g_assert_cmpstr (m->body, ==, "Hello,\n\nthe printer\tjams again.\nAna");
  g_assert_cmpuint (m->attachments->len, ==, 0);
  g_assert_cmpuint (m->n_dropped, ==, 0);
  g_assert_false (m->auto_submitted);
  g_assert_null (m->bounce_of);
  g_assert_null (m->bounce_reason);
}

static void
test_missing_headers (void)
{
  g_autoptr(PactaMailMessage) m = parse ("X-Nothing: here\r\n\r\nJust text.\r\n");

  g_assert_null (m->from_address);
  g_assert_null (m->from_name);
  g_assert_null (m->reply_to);
  g_assert_cmpstr (m->subject, ==, "");
  g_assert_null (m->date);
  g_assert_null (m->message_id);
  g_assert_cmpstr (m->body, ==, "Just text.");
}

static void
test_dates (void)
{
  static const struct { const char *header; const char *iso; } cases[] = {
    { "Sun, 06 Dec 2026 11:00:00 +0100", "2026-12-06T10:00:00Z" },
    { "6 Dec 2026 23:30:00 -0500", "2026-12-07T04:30:00Z" },
    { "Thu, 31 Dec 2026 23:59:59 GMT", "2026-12-31T23:59:59Z" },
    { "yesterday", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *raw = g_strdup_printf ("From: a@b.es\r\nDate: %s\r\n\r\nx\r\n", cases[i].header);
      g_autoptr(PactaMailMessage) m = parse (raw);

      g_assert_cmpstr (m->date, ==, cases[i].iso);
    }
}

/* One body in a charset and a transfer encoding */
static char *
body_in (const char *charset,
         const char *encoding,
         const char *content)
{
  g_autofree char *raw = NULL;
  g_autoptr(PactaMailMessage) m = NULL;
  g_autofree char *type = charset != NULL ? g_strdup_printf ("text/plain; charset=%s", charset)
                                          : g_strdup ("text/plain");

  raw = g_strdup_printf (HEAD "Subject: x\r\nContent-Type: %s\r\nContent-Transfer-Encoding: %s\r\n\r\n%s",
                         type, encoding, content);
  m = parse (raw);
  return g_strdup (m->body);
}

static void
test_charsets (void)
{
  /* Latin-1 and Windows bytes, and UTF-8, in each encoding */
  const char latin1[] = "Facturaci\xf3n de noviembre: 10 a\xf1os";
  const char windows[] = "Total: 10 \x80, \x93ok\x94";
  const char utf8[] = "Facturación de noviembre: 10 años";
  g_autofree char *latin1_b64 = g_base64_encode ((const guchar *)latin1, strlen (latin1));
  g_autofree char *windows_b64 = g_base64_encode ((const guchar *)windows, strlen (windows));
  g_autofree char *utf8_b64 = g_base64_encode ((const guchar *)utf8, strlen (utf8));
  static const char *const nbsp = "\xc2\xa0";
  struct { const char *charset; const char *encoding; const char *content; const char *expected; } cases[] = {
    { "iso-8859-1", "quoted-printable", "Facturaci=F3n de noviembre: 10 a=F1os", utf8 },
    { "ISO-8859-1", "base64", latin1_b64, utf8 },
    { "iso-8859-1", "8bit", latin1, utf8 },
    { "windows-1252", "base64", windows_b64, "Total: 10 €, “ok”" },
    { "windows-1252", "quoted-printable", "Total: 10 =80, =93ok=94", "Total: 10 €, “ok”" },
    { "utf-8", "quoted-printable", "Facturaci=C3=B3n de noviembre: 10 a=C3=B1os", utf8 },
    { "UTF-8", "base64", utf8_b64, utf8 },
    { "\"utf-8\"", "8bit", utf8, utf8 },
    /* said to be UTF-8 or ASCII, but Latin-1: read as Latin-1 */
    { "utf-8", "8bit", latin1, utf8 },
    { "us-ascii", "quoted-printable", "Facturaci=F3n de noviembre: 10 a=F1os", utf8 },
    /* no charset: UTF-8 when it is, else Windows/Latin-1 */
    { NULL, "8bit", utf8, utf8 },
    { NULL, "8bit", latin1, utf8 },
    /* a charset nobody knows */
    { "x-klingon", "8bit", latin1, utf8 },
    { "x-klingon", "base64", utf8_b64, utf8 },
    { "", "8bit", latin1, utf8 },
    /* other charsets iconv knows */
    { "iso-8859-15", "quoted-printable", "=A4 5", "€ 5" },
    { "utf-16le", "base64", "SABvAGwAYQAgAPEA", "Hola ñ" },
    /* a no-break space is text */
    { "utf-8", "quoted-printable", "a=C2=A0b", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = body_in (cases[i].charset, cases[i].encoding, cases[i].content);
      g_autofree char *expected = cases[i].expected != NULL ? g_strdup (cases[i].expected)
                                                            : g_strconcat ("a", nbsp, "b", NULL);

      g_test_message ("case %u: %s %s", i, cases[i].charset, cases[i].encoding);
      g_assert_cmpstr (body, ==, expected);
    }
}

static void
test_subject (void)
{
  g_autofree char *latin1 = g_convert ("Re: Facturación de noviembre", -1, "ISO-8859-1", "UTF-8", NULL, NULL, NULL);
  g_autofree char *latin1_b64 = g_base64_encode ((const guchar *)latin1, strlen (latin1));
  g_autofree char *b_encoded = g_strdup_printf ("=?ISO-8859-1?B?%s?=", latin1_b64);
  const char *subjects[] = {
    "=?UTF-8?Q?Re=3A_Facturaci=C3=B3n_de_noviembre?=",
    "=?utf-8?q?Re:_Facturaci=C3=B3n?=\r\n =?utf-8?q?_de_noviembre?=",
    b_encoded,
    "Re: Facturaci\xf3n de noviembre",     /* raw Latin-1 */
    "Re: Facturación de noviembre",        /* raw UTF-8 */
    "  Re: Facturación\r\n\tde noviembre  ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (subjects); i++)
    {
      g_autofree char *raw = g_strdup_printf ("From: a@b.es\r\nSubject: %s\r\n\r\nx\r\n", subjects[i]);
      g_autoptr(PactaMailMessage) m = parse (raw);

      g_test_message ("subject %u", i);
      g_assert_cmpstr (m->subject, ==, "Re: Facturación de noviembre");
    }

  {
    /* Long values split into base64 words with padding, as Outlook and
     * Gmail write them: every word read (GMime 3.2.13 lost those after the
     * first; see words_as_quoted_printable()) */
    g_autoptr(PactaMailMessage) m = parse (
      "From: =?UTF-8?B?w4FsdmFybw==?= =?UTF-8?B?IFDDqXJleg==?= <alvaro@example.com>\r\n"
      "Subject: =?UTF-8?B?w74=?= =?UTF-8?B?w74=?=\r\n"
      " =?utf-8?B?UmU6IEZhY3R1cmFjacOzbg==?=\r\n =?utf-8?B?IGRlIG5vdmllbWJyZQ==?=\r\n"
      "Content-Type: multipart/mixed; boundary=B\r\n"
      "\r\n"
      "--B\r\n"
      "Content-Type: text/plain\r\n\r\nbody\r\n"
      "--B\r\n"
      "Content-Type: application/pdf; name=\"=?UTF-8?B?RmFjdHVyYQ==?= =?UTF-8?B?IGHDsW8ucGRm?=\"\r\n"
      "\r\n"
      "pdf\r\n"
      "--B\r\n"
      "Content-Type: application/pdf\r\n"
      "Content-Disposition: attachment;\r\n filename=\"=?UTF-8?B?w7Fv?= =?UTF-8?B?w7Fv?=.pdf\"\r\n"
      "\r\n"
      "pdf\r\n"
      "--B--\r\n");
    g_autofree char *normalized = pacta_mail_address_normalize ("=?UTF-8?B?w4FsdmFybw==?= =?UTF-8?B?IFDDqXJleg==?= <Alvaro@Example.com>");

    g_assert_cmpstr (m->subject, ==, "þþRe: Facturación de noviembre");
    g_assert_cmpstr (m->from_name, ==, "Álvaro Pérez");
    g_assert_cmpstr (m->from_address, ==, "alvaro@example.com");
    g_assert_cmpuint (m->attachments->len, ==, 2);
    g_assert_cmpstr (attachment (m, 0)->filename, ==, "Factura año.pdf");
    g_assert_cmpstr (attachment (m, 1)->filename, ==, "ñoño.pdf");
    g_assert_cmpstr (normalized, ==, "alvaro@example.com");
  }
  {
    /* A subject far too long is cut to a header line, at a character's edge */
    g_autoptr(GString) raw = g_string_new ("From: a@b.es\r\nSubject:");
    g_autoptr(PactaMailMessage) m = NULL;

    for (guint i = 0; i < 400; i++)
      g_string_append (raw, " añ");
    g_string_append (raw, "\r\n\r\nx\r\n");
    m = parse (raw->str);
    g_assert_cmpuint (strlen (m->subject), <=, 998);
    g_assert_cmpuint (strlen (m->subject), >, 990);
    g_assert_true (g_str_has_prefix (m->subject, "añ añ"));
    g_assert_false (g_str_has_suffix (m->subject, " "));
  }
  {
    /* Control characters in an encoded word are dropped, never kept */
    g_autoptr(PactaMailMessage) m =
      parse ("From: a@b.es\r\nSubject: =?utf-8?q?Hola=0D=0ABcc:_x=1B[2J=00fin?=\r\n\r\nx\r\n");

    g_assert_null (strchr (m->subject, '\x1b'));
    g_assert_nonnull (strstr (m->subject, "Hola"));
    g_assert_nonnull (strstr (m->subject, "Bcc:"));
  }
}

static void
test_html (void)
{
  g_autoptr(PactaMailMessage) m = parse (
    HEAD
    "Subject: HTML\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "\r\n"
    "<!DOCTYPE html>\r\n"
    "<html><head><title>Secret title</title>\r\n"
    "<style>body { color: red; }</style>\r\n"
    "<meta charset=\"utf-8\"></head>\r\n"
    "<body>\r\n"
    "<script type=\"text/javascript\">alert('<p>x</p>');</script>\r\n"
    "<!-- a comment <b>hidden</b> -->\r\n"
    "<p>Hola   <b>Ana</b>,</p>\r\n"
    "<p>La factura de\r\n  noviembre est&aacute; <a href=\"https://evil.example/track.gif\" title=\"a > b\">aqu&iacute;</a>.</p>\r\n"
    "<div>Caf&eacute; &amp; t&#233; &#x2014; &quot;ok&quot; &#39;s&#39; a&nbsp;b</div>\r\n"
    "<ul><li>uno</li><li>dos</li></ul>\r\n"
    "<table><tr><td>A</td><td>B</td></tr><tr><td>C</td><td>D</td></tr></table>\r\n"
    "<br><br><br><br>\r\n"
    "<img src=\"https://evil.example/pixel.png\">Fin<br>\r\n"
    "<SCRIPT>document.write('x')</SCRIPT>\r\n"
    "</body></html>\r\n");

  g_assert_cmpstr (m->body, ==,
                   "Hola Ana,\n"
                   "\n"
                   "La factura de noviembre está aquí.\n"
                   "\n"
                   "Café & té — \"ok\" 's' a b\n"
                   "uno\n"
                   "dos\n"
                   "A B\n"
                   "C D\n"
                   "\n"
                   "Fin");
  g_assert_null (strchr (m->body, '<'));
  g_assert_null (strstr (m->body, "alert"));
  g_assert_null (strstr (m->body, "color"));
  g_assert_null (strstr (m->body, "Secret"));
  g_assert_null (strstr (m->body, "hidden"));
  g_assert_null (strstr (m->body, "evil"));
  g_assert_null (strstr (m->body, "document"));
}

static void
test_html_odd (void)
{
  struct { const char *html; const char *text; } cases[] = {
    /* entities that make markup characters are text, not markup */
    { "5 &lt; 6 &amp;&amp; 7 &gt; 3 &lt;b&gt;", "5 < 6 && 7 > 3 <b>" },
    { "a < b and c<3", "a < b and c<3" },
    { "AT&T &unknown; &#0; &#xD800; &#1114112; &", "AT&T &unknown; \xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd &" },
    /* C1 controls and other controls never come out */
    { "a&#27;b&#133;c&#9;d", "abc\td" },
    /* no end tags: the rest is dropped, nothing breaks */
    { "<p>before<script>while(1);", "before" },
    { "<p>before<!-- never closed", "before" },
    { "<p>before<a href=\"unterminated>after", "before" },
    /* a head without its end tag ends where the body starts */
    { "<html><head><title>T</title><body>Body</body>", "Body" },
    { "<pre>  two\n    lines</pre>after", "  two\n    lines\nafter" },
    { "", "" },
    { "<br><br><p></p><div></div>", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *raw = g_strdup_printf (HEAD "Content-Type: text/html; charset=utf-8\r\n\r\n%s", cases[i].html);
      g_autoptr(PactaMailMessage) m = parse (raw);

      g_test_message ("html %u", i);
      g_assert_cmpstr (m->body, ==, cases[i].text);
    }
}

static void
test_alternative (void)
{
  const char *orders[] = { "plain-first", "html-first" };

  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    {
      const char *plain = "--ALT\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe text part\r\n";
      const char *html = "--ALT\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>The <b>HTML</b> part</p>\r\n";
      g_autofree char *raw = g_strdup_printf (HEAD "Content-Type: multipart/alternative; boundary=ALT\r\n\r\n"
                                              "%s%s--ALT--\r\n", i == 0 ? plain : html, i == 0 ? html : plain);
      g_autoptr(PactaMailMessage) m = parse (raw);

      g_assert_cmpstr (m->body, ==, "The text part");
      g_assert_cmpuint (m->attachments->len, ==, 0);
    }

  {
    /* An empty text part beside the HTML: the HTML is read */
    g_autoptr(PactaMailMessage) m = parse (
      HEAD "Content-Type: multipart/alternative; boundary=ALT\r\n\r\n"
      "--ALT\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n \r\n\r\n"
      "--ALT\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Only <b>here</b></p>\r\n--ALT--\r\n");

    g_assert_cmpstr (m->body, ==, "Only here");
  }
}

static void
test_attachments (void)
{
  g_autoptr(GBytes) pdf = pdf_bytes (70000);
  g_autofree char *pdf_b64 = base64_lines (g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf));
  g_autofree char *long_name = g_strnfill (300, 'n');
  g_autofree char *raw = g_strdup_printf (
    HEAD
    "Subject: Files\r\n"
    "Content-Type: multipart/mixed; boundary=\"MIX\"\r\n"
    "\r\n"
    "This is a multi-part message in MIME format.\r\n"
    "--MIX\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "\r\n"
    "See the files.\r\n"
    "--MIX\r\n"
    "Content-Type: Application/PDF; name=\"factura.pdf\"\r\n"
    "Content-Disposition: attachment; filename=\"Factura noviembre.pdf\"\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "%s"
    "--MIX\r\n"
    "Content-Type: application/octet-stream\r\n"
    "Content-Disposition: attachment; filename=\"../../etc/passwd\"\r\n"
    "\r\n"
    "root:x:0:0\r\n"
    "--MIX\r\n"
    "Content-Type: application/octet-stream; name=\"C:\\\\Users\\\\ana\\\\..\\\\informe.xlsx\"\r\n"
    "\r\n"
    "xlsx\r\n"
    "--MIX\r\n"
    "Content-Type: image/png\r\n"
    "Content-Disposition: inline; filename=\"..hidden.png\"\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "iVBORw0KGgo=\r\n"
    "--MIX\r\n"
    "Content-Type: text/plain\r\n"
    "Content-Disposition: attachment; filename=\"=?utf-8?q?notas_=0D=0A=1B.txt?=\"\r\n"
    "\r\n"
    "Attached notes, not the body\r\n"
    "--MIX\r\n"
    "Content-Type: application/x-thing\r\n"
    "Content-Disposition: attachment; filename=\"...\"\r\n"
    "\r\n"
    "thing\r\n"
    "--MIX\r\n"
    "Content-Type: application/pdf\r\n"
    "Content-Disposition: attachment; filename=\"%s.pdf\"\r\n"
    "\r\n"
    "long\r\n"
    "--MIX\r\n"
    "Content-Type: image/png\r\n"
    "Content-ID: <logo>\r\n"
    "\r\n"
    "an inline image without a name is no attachment\r\n"
    "--MIX\r\n"
    "Content-Type: application/pgp-signature; name=\"signature.asc\"\r\n"
    "\r\n"
    "-----BEGIN PGP SIGNATURE-----\r\n"
    "--MIX\r\n"
    "Content-Type: weird\r\n"
    "Content-Disposition: attachment; filename*=utf-8''presupuesto%%20a%%C3%%B1o.ods\r\n"
    "\r\n"
    "ods\r\n"
    "--MIX--\r\n",
    pdf_b64, long_name);
  g_autoptr(PactaMailMessage) m = parse (raw);
  PactaMailAttachment *a;

  g_assert_cmpstr (m->body, ==, "See the files.");
  g_assert_cmpuint (m->attachments->len, ==, 8);
  g_assert_cmpuint (m->n_dropped, ==, 0);

  a = attachment (m, 0);
  g_assert_cmpstr (a->filename, ==, "Factura noviembre.pdf");
  g_assert_cmpstr (a->content_type, ==, "application/pdf");
  g_assert_true (g_bytes_equal (a->data, pdf));

  a = attachment (m, 1);
  g_assert_cmpstr (a->filename, ==, "passwd");
  g_assert_cmpstr (a->content_type, ==, "application/octet-stream");
  g_assert_cmpmem (g_bytes_get_data (a->data, NULL), g_bytes_get_size (a->data), "root:x:0:0", 10);

  g_assert_cmpstr (attachment (m, 2)->filename, ==, "informe.xlsx");
  g_assert_cmpstr (attachment (m, 3)->filename, ==, "hidden.png");
  g_assert_cmpstr (attachment (m, 3)->content_type, ==, "image/png");
  g_assert_cmpuint (g_bytes_get_size (attachment (m, 3)->data), ==, 8);
  g_assert_cmpstr (attachment (m, 4)->filename, ==, "notas .txt");
  g_assert_cmpstr (attachment (m, 4)->content_type, ==, "text/plain");
  g_assert_cmpstr (attachment (m, 5)->filename, ==, "attachment");

  a = attachment (m, 6);
  g_assert_cmpuint (strlen (a->filename), ==, 255);
  g_assert_true (g_str_has_suffix (a->filename, "nnn.pdf"));

  a = attachment (m, 7);
  g_assert_cmpstr (a->filename, ==, "presupuesto año.ods");
  g_assert_cmpstr (a->content_type, ==, "application/octet-stream");
}

/* A message with one attachment of @size bytes and @n_small small ones after it */
static PactaMailMessage *
parse_with_files (GBytes *big,
                  guint   n_small)
{
  g_autoptr(GString) raw = g_string_new (HEAD "Content-Type: multipart/mixed; boundary=B\r\n\r\n"
                                         "--B\r\nContent-Type: text/plain\r\n\r\nMany files\r\n");
  g_autofree char *big_b64 = base64_lines (g_bytes_get_data (big, NULL), g_bytes_get_size (big));

  g_string_append_printf (raw, "--B\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=big.pdf\r\n"
                          "Content-Transfer-Encoding: base64\r\n\r\n%s", big_b64);
  for (guint i = 0; i < n_small; i++)
    g_string_append_printf (raw, "--B\r\nContent-Type: text/csv\r\nContent-Disposition: attachment; filename=f%u.csv\r\n\r\n%u\r\n", i, i);
  g_string_append (raw, "--B--\r\n");
  g_assert_cmpuint (raw->len, <, PACTA_MAIL_MAX_MESSAGE_SIZE);
  return parse_len (raw->str, raw->len);
}

static void
test_attachment_limits (void)
{
  g_autoptr(GBytes) exact = pdf_bytes (PACTA_MAIL_MAX_ATTACHMENT_SIZE);
  g_autoptr(GBytes) big = pdf_bytes (PACTA_MAIL_MAX_ATTACHMENT_SIZE + 1);
  g_autoptr(PactaMailMessage) kept = parse_with_files (exact, 40);
  g_autoptr(PactaMailMessage) dropped = parse_with_files (big, 3);

  /* At the limit it is kept; 32 are kept, the nine after them counted */
  g_assert_cmpstr (kept->body, ==, "Many files");
  g_assert_cmpuint (kept->attachments->len, ==, PACTA_MAIL_MAX_ATTACHMENTS);
  g_assert_cmpstr (attachment (kept, 0)->filename, ==, "big.pdf");
  g_assert_true (g_bytes_equal (attachment (kept, 0)->data, exact));
  g_assert_cmpstr (attachment (kept, 1)->filename, ==, "f0.csv");
  g_assert_cmpstr (attachment (kept, 31)->filename, ==, "f30.csv");
  g_assert_cmpuint (kept->n_dropped, ==, 9);

  /* One byte more is left out and counted, the rest kept */
  g_assert_cmpstr (dropped->body, ==, "Many files");
  g_assert_cmpuint (dropped->attachments->len, ==, 3);
  g_assert_cmpstr (attachment (dropped, 0)->filename, ==, "f0.csv");
  g_assert_cmpuint (dropped->n_dropped, ==, 1);
}

static void
test_nested (void)
{
  g_autoptr(PactaMailMessage) m = parse (
    HEAD
    "Content-Type: multipart/mixed; boundary=OUTER\r\n"
    "\r\n"
    "--OUTER\r\n"
    "Content-Type: multipart/related; boundary=REL\r\n"
    "\r\n"
    "--REL\r\n"
    "Content-Type: multipart/alternative; boundary=ALT\r\n"
    "\r\n"
    "--ALT\r\n"
    "Content-Type: text/html; charset=utf-8\r\n"
    "\r\n"
    "<p>Deep <i>html</i></p>\r\n"
    "--ALT\r\n"
    "Content-Type: text/plain; charset=iso-8859-1\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "\r\n"
    "Deep text, a=F1o\r\n"
    "--ALT--\r\n"
    "--REL\r\n"
    "Content-Type: image/png; name=logo.png\r\n"
    "Content-ID: <logo>\r\n"
    "Content-Disposition: inline\r\n"
    "\r\n"
    "png\r\n"
    "--REL--\r\n"
    "--OUTER\r\n"
    "Content-Type: message/rfc822\r\n"
    "\r\n"
    "From: someone@else.com\r\n"
    "Subject: Forwarded\r\n"
    "Message-ID: <inner@else.com>\r\n"
    "\r\n"
    "The forwarded text is not the body.\r\n"
    "--OUTER\r\n"
    "Content-Type: text/plain\r\n"
    "\r\n"
    "A second text part is not the body either.\r\n"
    "--OUTER--\r\n");

  g_assert_cmpstr (m->body, ==, "Deep text, año");
  g_assert_cmpstr (m->message_id, ==, "m1@example.com");
  g_assert_null (m->bounce_of);
  g_assert_cmpuint (m->attachments->len, ==, 2);
  g_assert_cmpstr (attachment (m, 0)->filename, ==, "logo.png");
  g_assert_cmpstr (attachment (m, 1)->filename, ==, "message.eml");
  g_assert_cmpstr (attachment (m, 1)->content_type, ==, "message/rfc822");
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (attachment (m, 1)->data, NULL),
                                  (gssize)g_bytes_get_size (attachment (m, 1)->data), "Subject: Forwarded"));
}

static void
test_malformed (void)
{
  struct { const char *what; const char *raw; const char *body; } cases[] = {
    { "no closing boundary",
      HEAD "Content-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nStill read\r\n"
      "--B\r\nContent-Type: application/pdf; name=a.pdf\r\n\r\nhalf a file", "Still read" },
    { "no boundary parameter",
      HEAD "Content-Type: multipart/mixed\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nx\r\n--B--\r\n", NULL },
    { "boundary never used",
      HEAD "Content-Type: multipart/mixed; boundary=NOPE\r\n\r\nonly a preamble\r\n", "" },
    { "broken base64",
      HEAD "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\nSG9sYQ==!!!*** ===\x01\x02 SG9s\r\n", NULL },
    { "broken quoted-printable",
      HEAD "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\na=ZZb=C3=\r\n=\r\n", NULL },
    { "unknown transfer encoding",
      HEAD "Content-Type: text/plain\r\nContent-Transfer-Encoding: x-rot13\r\n\r\nhello\r\n", "hello" },
    { "no body", HEAD "Subject: Empty\r\n\r\n", "" },
    { "header only", HEAD "Subject: Only a header", "" },
    { "bare LF", "From: a@b.es\nSubject: LF\n\nline one\nline two\n", "line one\nline two" },
    { "bare CR", "From: a@b.es\r\nSubject: CR\r\n\r\nline one\rline two\r", "line one\nline two" },
    { "controls in the body", HEAD "\r\na\x1b[31mb\x07\x7f" "c\xc2\x85" "d\te\r\n", "a[31mbcd\te" },
    { "invalid UTF-8 said to be UTF-8", HEAD "Content-Type: text/plain; charset=utf-8\r\n\r\n\xff\xfe\xc3\r\n", NULL },
    { "bad content type", HEAD "Content-Type: ;;;/\r\n\r\nbody\r\n", NULL },
    { "a header line without a colon", "From: a@b.es\r\nThis is no header\r\nSubject: x\r\n\r\nbody\r\n", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PactaMailMessage) m = NULL;

      g_test_message ("malformed: %s", cases[i].what);
      m = parse (cases[i].raw);
      if (cases[i].body != NULL)
        g_assert_cmpstr (m->body, ==, cases[i].body);
    }

  {
    /* NULs in a body do not end it */
    const char raw[] = HEAD "\r\nbefore\0after\r\n";
    g_autoptr(PactaMailMessage) m = parse_len (raw, sizeof raw - 1);

    g_assert_cmpstr (m->body, ==, "beforeafter");
  }
}

static void
test_refused (void)
{
  const char garbage[] = "\x01\x02\xff\xfe\x00zz\x89PNG\r\n";
  g_autofree char *huge = g_malloc0 (PACTA_MAIL_MAX_MESSAGE_SIZE + 1);

  assert_refused ("", 0);
  assert_refused (garbage, sizeof garbage - 1);
  assert_refused ("Hello, this is not mail at all.\r\n", 33);
  assert_refused ("\r\n\r\nA body without a header\r\n", 29);

  /* One byte too many is refused unread */
  memcpy (huge, "Subject: big\r\n\r\n", 16);
  assert_refused (huge, PACTA_MAIL_MAX_MESSAGE_SIZE + 1);
}

static void
test_from (void)
{
  struct { const char *from; const char *address; const char *name; } cases[] = {
    { "Ana <ANA@Example.COM>", "ana@example.com", "Ana" },
    { "ana@example.com", "ana@example.com", NULL },
    { "\"García, Ana\" <ana@example.com>", "ana@example.com", "García, Ana" },
    { "ana@example.com (Ana)", "ana@example.com", NULL },
    /* control characters, encoded or not, make the address unusable */
    { "=?utf-8?q?Ana=0D=0ABcc=3A_eve=40evil=2Ecom?= <ana@example.com>", NULL, "Ana Bcc: eve@evil.com" },
    { "=?utf-8?q?Ana=1B=5B31m?= <ana@example.com>", NULL, "Ana[31m" },
    { "=?utf-8?q?Ana=00x?= <ana@example.com>", NULL, NULL },
    { "Ana\x1b <ana@example.com>", NULL, NULL },
    { "ana@example.com (\x1b[2J)", NULL, NULL },
    { "Ana\rBcc: <ana@example.com>", NULL, NULL },
    /* folded, as Outlook and GMime write long ones */
    { "Ana\r\n\t=?UTF-8?Q?Garc=C3=ADa?=\r\n\t<ana@example.com>", "ana@example.com", "Ana García" },
    { "Ana\r\n Garcia\r\n <ana@example.com>", "ana@example.com", "Ana Garcia" },
    /* two senders: trusted as neither */
    { "ana@example.com, eve@evil.com", NULL, NULL },
    { "Friends: ana@example.com;", NULL, "Friends" },
    /* not an address */
    { "ana", NULL, NULL },
    { "ana@localhost", NULL, NULL },
    { "Ana <>", NULL, NULL },
    { "<ana@@example.com>", NULL, NULL },
    { "\"ana smith\"@example.com", NULL, NULL },
    { "ana@exa mple.com", NULL, NULL },
    { "", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *raw = g_strdup_printf ("From: %s\r\nSubject: x\r\n\r\nbody\r\n", cases[i].from);
      g_autoptr(PactaMailMessage) m = parse (raw);

      g_test_message ("from %u", i);
      g_assert_cmpstr (m->from_address, ==, cases[i].address);
      if (cases[i].name != NULL)
        g_assert_cmpstr (m->from_name, ==, cases[i].name);
    }

  {
    /* A NUL as a byte in the header: GMime's strings would stop at it */
    const char raw[] = "Subject: x\r\nFrom: Ana\0 <eve@evil.com>\r\n <ana@example.com>\r\n\r\nbody\r\n";
    g_autoptr(PactaMailMessage) m = parse_len (raw, sizeof raw - 1);

    g_assert_null (m->from_address);
  }
  {
    /* Two From headers: neither is trusted */
    g_autoptr(PactaMailMessage) m =
      parse ("From: ana@example.com\r\nSubject: x\r\nFrom: eve@evil.com\r\n\r\nbody\r\n");

    g_assert_null (m->from_address);
  }
  {
    g_autoptr(PactaMailMessage) m =
      parse ("From: ana@example.com\r\nReply-To: a@x.com, b@y.com\r\n\r\nbody\r\n");

    g_assert_cmpstr (m->from_address, ==, "ana@example.com");
    g_assert_null (m->reply_to);
  }
}

static void
test_normalize (void)
{
  struct { const char *text; const char *address; } cases[] = {
    { "Ana <Ana@Example.com>", "ana@example.com" },
    { "ana@example.com", "ana@example.com" },
    { "  ANA@EXAMPLE.COM  ", "ana@example.com" },
    { "\"Pérez, Ana\" <ana.perez+facturas@sub.example.es>", "ana.perez+facturas@sub.example.es" },
    { "o'brien@example.ie", "o'brien@example.ie" },
    { "a@b", NULL },
    { "a b@c.com", NULL },
    { "a@b.com, c@d.com", NULL },
    { "a@@b.com", NULL },
    { ".a@b.com", NULL },
    { "a.@b.com", NULL },
    { "a..b@c.com", NULL },
    { "a@b..com", NULL },
    { "a@.b.com", NULL },
    { "a@b.com.", "a@b.com" },       /* the root label, as GMime reads it */
    { "a@[127.0.0.1]", NULL },
    { "a@b.com\r\n", NULL },
    { "a@b.com\r\nBcc: eve@evil.com", NULL },
    { "Ana\t<a@b.com>", NULL },
    { "a\x1b@b.com", NULL },
    { "a\xc2\x85@b.com", NULL },
    { "a\xe2\x80\xae@b.com", NULL },
    { "\xff@b.com", NULL },
    { "<a@b.com>", "a@b.com" },
    { "", NULL },
    { "@", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *address = pacta_mail_address_normalize (cases[i].text);

      g_test_message ("normalize %u", i);
      g_assert_cmpstr (address, ==, cases[i].address);
    }
  g_assert_null (pacta_mail_address_normalize (NULL));

  g_assert_cmpstr (pacta_mail_address_domain ("ana@example.com"), ==, "example.com");
  g_assert_cmpstr (pacta_mail_address_domain ("ana@sub.example.es"), ==, "sub.example.es");
  g_assert_null (pacta_mail_address_domain ("ana"));
  g_assert_null (pacta_mail_address_domain ("ana@"));
  g_assert_null (pacta_mail_address_domain (NULL));
}

static void
test_threading (void)
{
  g_autoptr(PactaMailMessage) m = parse (
    "From: ana@example.com\r\n"
    "Message-ID: <CAB+x=Y_1@mail.example.com>\r\n"
    "In-Reply-To: <prev@msp.es> (Ana's message of Sunday)\r\n"
    "References: <root@msp.es>\r\n"
    " <middle@example.com>\r\n"
    "\t<prev@msp.es>\r\n"
    "\r\n"
    "body\r\n");

  g_assert_cmpstr (m->message_id, ==, "CAB+x=Y_1@mail.example.com");
  g_assert_cmpstr (m->in_reply_to, ==, "prev@msp.es");
  g_assert_cmpuint (g_strv_length (m->references), ==, 3);
  g_assert_cmpstr (m->references[0], ==, "root@msp.es");
  g_assert_cmpstr (m->references[1], ==, "middle@example.com");
  g_assert_cmpstr (m->references[2], ==, "prev@msp.es");

  {
    /* Ids that are no ids: gone, never with spaces or brackets */
    g_autoptr(PactaMailMessage) odd = parse (
      "From: ana@example.com\r\n"
      "Message-ID: <hello world@example.com>\r\n"
      "In-Reply-To: Your message of Sunday\r\n"
      "References: junk <ok@example.com> <a\x1b" "b@x.com> <> <<x>>\r\n"
      "\r\n"
      "body\r\n");

    if (odd->message_id != NULL)
      g_assert_null (strchr (odd->message_id, ' '));
    g_assert_cmpstr (odd->in_reply_to, ==, NULL);
    g_assert_true (g_strv_contains ((const char *const *)odd->references, "ok@example.com"));
  }
  {
    /* One id reads the same bracketed or bare, with its trailing dot or not */
    g_autoptr(PactaMailMessage) bare = parse ("From: a@b.es\r\nMessage-ID: orig@msp.\r\nIn-Reply-To: <orig@msp.>\r\n\r\nx\r\n");

    g_assert_cmpstr (bare->message_id, ==, "orig@msp");
    g_assert_cmpstr (bare->in_reply_to, ==, "orig@msp");
  }
  {
    /* A long thread keeps its first message and the latest ones */
    g_autoptr(GString) raw = g_string_new ("From: ana@example.com\r\nReferences:");
    g_autoptr(PactaMailMessage) long_thread = NULL;

    for (guint i = 0; i < 150; i++)
      g_string_append_printf (raw, " <r%u@example.com>\r\n", i);
    g_string_append (raw, "\r\nbody\r\n");
    long_thread = parse (raw->str);
    g_assert_cmpuint (g_strv_length (long_thread->references), ==, 100);
    g_assert_cmpstr (long_thread->references[0], ==, "r0@example.com");
    g_assert_cmpstr (long_thread->references[1], ==, "r51@example.com");
    g_assert_cmpstr (long_thread->references[99], ==, "r149@example.com");
  }
}

static void
test_automatic (void)
{
  struct { const char *headers; gboolean automatic; } cases[] = {
    { "", FALSE },
    { "Auto-Submitted: no\r\n", FALSE },
    { "Auto-Submitted: No (a person wrote this)\r\n", FALSE },
    { "Auto-Submitted: auto-replied\r\n", TRUE },
    { "Auto-Submitted: auto-generated; owner-email=\"x@y.com\"\r\n", TRUE },
    { "Precedence: bulk\r\n", TRUE },
    { "Precedence: Junk\r\n", TRUE },
    { "Precedence: list\r\n", TRUE },
    { "Precedence: first-class\r\n", FALSE },
    { "X-Autoreply: yes\r\n", TRUE },
    { "X-Autorespond: Out of office\r\n", TRUE },
    { "X-Auto-Response-Suppress: All\r\n", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *raw = g_strdup_printf ("From: a@b.es\r\n%sSubject: x\r\n\r\nbody\r\n", cases[i].headers);
      g_autoptr(PactaMailMessage) m = parse (raw);

      g_test_message ("automatic %u", i);
      g_assert_cmpint (m->auto_submitted, ==, cases[i].automatic);
    }
}

#define DSN_HEAD \
  "From: MAILER-DAEMON@mail.example.com (Mail Delivery System)\r\n" \
  "To: facturas@msp.es\r\n" \
  "Subject: Undelivered Mail Returned to Sender\r\n" \
  "Date: Sun, 06 Dec 2026 11:00:05 +0100\r\n" \
  "Message-ID: <dsn1@mail.example.com>\r\n" \
  "Auto-Submitted: auto-replied\r\n" \
  "MIME-Version: 1.0\r\n"

static void
test_bounce (void)
{
  g_autoptr(PactaMailMessage) m = parse (
    DSN_HEAD
    "Content-Type: multipart/report; report-type=delivery-status;\r\n"
    "\tboundary=\"DSN.1\"\r\n"
    "\r\n"
    "--DSN.1\r\n"
    "Content-Type: text/plain; charset=us-ascii\r\n"
    "\r\n"
    "This is the mail system at host mail.example.com.\r\n"
    "\r\n"
    "I'm sorry to have to inform you that your message could not\r\n"
    "be delivered to one or more recipients.\r\n"
    "--DSN.1\r\n"
    "Content-Type: message/delivery-status\r\n"
    "\r\n"
    "Reporting-MTA: dns; mail.example.com\r\n"
    "Arrival-Date: Sun,  6 Dec 2026 11:00:04 +0100 (CET)\r\n"
    "\r\n"
    "Final-Recipient: rfc822; x@y.com\r\n"
    "Original-Recipient: rfc822;x@y.com\r\n"
    "Action: failed\r\n"
    "Status: 5.1.1\r\n"
    "Remote-MTA: dns; mx.y.com\r\n"
    "Diagnostic-Code: smtp; 550 5.1.1 <x@y>: Recipient address rejected\r\n"
    "\r\n"
    "--DSN.1\r\n"
    "Content-Type: text/rfc822-headers\r\n"
    "\r\n"
    "From: Facturas <facturas@msp.es>\r\n"
    "To: x@y.com\r\n"
    "Subject: Factura 2026-0001\r\n"
    "Message-ID: <orig-1234@msp.es>\r\n"
    "\r\n"
    "--DSN.1--\r\n");

  g_assert_cmpstr (m->bounce_of, ==, "orig-1234@msp.es");
  g_assert_cmpstr (m->bounce_reason, ==, "550 5.1.1 <x@y>: Recipient address rejected");
  g_assert_true (m->auto_submitted);
  g_assert_true (g_str_has_prefix (m->body, "This is the mail system at host mail.example.com.\n\n"));
  g_assert_cmpuint (m->attachments->len, ==, 0);
  g_assert_cmpstr (m->message_id, ==, "dsn1@mail.example.com");
}

static void
test_bounce_variants (void)
{
  {
    /* The whole message returned, the reason folded, a type that is not smtp */
    g_autoptr(PactaMailMessage) m = parse (
      DSN_HEAD
      "Content-Type: multipart/report; report-type=\"Delivery-Status\"; boundary=B\r\n"
      "\r\n"
      "--B\r\n"
      "Content-Type: text/plain\r\n"
      "\r\n"
      "Delivery failed.\r\n"
      "--B\r\n"
      "Content-Type: message/delivery-status\r\n"
      "\r\n"
      "Reporting-MTA: dns; mx\r\n"
      "\r\n"
      "Final-Recipient: rfc822; x@y.com\r\n"
      "Action: failed\r\n"
      "Status: 5.2.2\r\n"
      "Diagnostic-Code: X-Postfix; host mx.y.com said: 552 5.2.2 Mailbox\r\n"
      "    full\r\n"
      "--B\r\n"
      "Content-Type: message/rfc822\r\n"
      "\r\n"
      "From: facturas@msp.es\r\n"
      "Message-ID: <orig-5678@msp.es>\r\n"
      "Subject: Factura\r\n"
      "\r\n"
      "The invoice.\r\n"
      "--B--\r\n");

    g_assert_cmpstr (m->bounce_of, ==, "orig-5678@msp.es");
    g_assert_cmpstr (m->bounce_reason, ==, "host mx.y.com said: 552 5.2.2 Mailbox full");
    g_assert_cmpuint (m->attachments->len, ==, 0);
    g_assert_cmpstr (m->body, ==, "Delivery failed.");
  }
  {
    /* Only a Status */
    g_autoptr(PactaMailMessage) m = parse (
      DSN_HEAD
      "Content-Type: multipart/report; report-type=delivery-status; boundary=B\r\n"
      "\r\n"
      "--B\r\n"
      "Content-Type: message/delivery-status\r\n"
      "\r\n"
      "Reporting-MTA: dns; mx\r\n"
      "\r\n"
      "Final-Recipient: rfc822; x@y.com\r\n"
      "Action: failed\r\n"
      "Status: 4.4.7\r\n"
      "--B--\r\n");

    g_assert_null (m->bounce_of);
    g_assert_cmpstr (m->bounce_reason, ==, "4.4.7");
  }
  {
    /* A read receipt is no bounce; a returned message outside a report is a file */
    g_autoptr(PactaMailMessage) m = parse (
      DSN_HEAD
      "Content-Type: multipart/report; report-type=disposition-notification; boundary=B\r\n"
      "\r\n"
      "--B\r\n"
      "Content-Type: text/plain\r\n"
      "\r\n"
      "Your message was read.\r\n"
      "--B\r\n"
      "Content-Type: message/disposition-notification\r\n"
      "\r\n"
      "Original-Message-ID: <orig@msp.es>\r\n"
      "Disposition: manual-action/MDN-sent-manually; displayed\r\n"
      "--B--\r\n");

    g_assert_null (m->bounce_of);
    g_assert_null (m->bounce_reason);
  }
  {
    /* A hostile report: a reason with controls and far too long */
    g_autofree char *long_reason = g_strnfill (2000, 'x');
    g_autofree char *raw = g_strdup_printf (
      DSN_HEAD
      "Content-Type: multipart/report; report-type=delivery-status; boundary=B\r\n"
      "\r\n"
      "--B\r\n"
      "Content-Type: message/delivery-status\r\n"
      "\r\n"
      "Diagnostic-Code: smtp; 550 \x1b[2J%s\r\n"
      "--B\r\n"
      "Content-Type: text/rfc822-headers\r\n"
      "\r\n"
      "Message-ID: <with space@msp.es>\r\n"
      "--B--\r\n", long_reason);
    g_autoptr(PactaMailMessage) m = parse (raw);

    g_assert_nonnull (m->bounce_reason);
    g_assert_true (g_str_has_prefix (m->bounce_reason, "550 [2Jxxx"));
    g_assert_cmpuint (strlen (m->bounce_reason), ==, 500);
  }
}

/* Nesting far deeper than any mail client: read quickly, the body found
 * only when within reach */
static void
test_deep (void)
{
  const guint depths[] = { 100, 5000 };

  for (guint d = 0; d < G_N_ELEMENTS (depths); d++)
    {
      g_autoptr(GString) raw = g_string_new (HEAD "Subject: deep\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n");
      g_autoptr(PactaMailMessage) m = NULL;
      gint64 start;

      for (guint i = 0; i < depths[d]; i++)
        g_string_append_printf (raw, "--b%u\r\nContent-Type: multipart/mixed; boundary=b%u\r\n\r\n", i, i + 1);
      g_string_append_printf (raw, "--b%u\r\nContent-Type: text/plain\r\n\r\ndeep down\r\n", depths[d]);
      for (guint i = depths[d] + 1; i > 0; i--)
        g_string_append_printf (raw, "--b%u--\r\n", i - 1);

      start = g_get_monotonic_time ();
      m = parse_len (raw->str, raw->len);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
      g_assert_cmpstr (m->subject, ==, "deep");
      g_assert_null (strstr (m->body, "deep down"));
    }
  {
    /* Within the depth read, it is found */
    g_autoptr(GString) raw = g_string_new (HEAD "Content-Type: multipart/mixed; boundary=b0\r\n\r\n");
    g_autoptr(PactaMailMessage) m = NULL;

    for (guint i = 0; i < 10; i++)
      g_string_append_printf (raw, "--b%u\r\nContent-Type: multipart/mixed; boundary=b%u\r\n\r\n", i, i + 1);
    g_string_append (raw, "--b10\r\nContent-Type: text/plain\r\n\r\ndeep down\r\n");
    m = parse (raw->str);
    g_assert_cmpstr (m->body, ==, "deep down");
  }
  {
    /* Thousands of parts: the first ones read, quickly */
    g_autoptr(GString) raw = g_string_new (HEAD "Content-Type: multipart/mixed; boundary=B\r\n\r\n"
                                           "--B\r\nContent-Type: text/plain\r\n\r\nfirst\r\n");
    g_autoptr(PactaMailMessage) m = NULL;
    gint64 start;

    for (guint i = 0; i < 5000; i++)
      g_string_append_printf (raw, "--B\r\nContent-Type: image/gif; name=p%u.gif\r\n\r\nGIF\r\n", i);
    g_string_append (raw, "--B--\r\n");
    start = g_get_monotonic_time ();
    m = parse_len (raw->str, raw->len);
    g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
    g_assert_cmpstr (m->body, ==, "first");
    g_assert_cmpuint (m->attachments->len, ==, PACTA_MAIL_MAX_ATTACHMENTS);
    g_assert_cmpuint (m->n_dropped, >, 0);
  }
  {
    /* HTML made to be slow to read: heads without ends, tags without ends */
    const char *units[] = { "<head><body>x", "<head></head>x", "<script>x</script>", "<a href=\"x\">y</a>&amp;", "<p><br><!-- -->" };

    for (guint u = 0; u < G_N_ELEMENTS (units); u++)
      {
        g_autoptr(GString) raw = g_string_new (HEAD "Content-Type: text/html\r\n\r\n");
        g_autoptr(PactaMailMessage) m = NULL;
        gint64 start;

        while (raw->len < 2 * 1024 * 1024)
          g_string_append (raw, units[u]);
        start = g_get_monotonic_time ();
        m = parse_len (raw->str, raw->len);
        g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
      }
  }
  {
    /* Headers made to be slow to read: encoded words that never end */
    const char *units[] = { "=?", "=?x?B?", "=?x?B?w74=?=", "=?utf-8?q?=00" };

    for (guint u = 0; u < G_N_ELEMENTS (units); u++)
      {
        g_autoptr(GString) value = g_string_new (NULL);
        g_autofree char *raw = NULL;
        g_autoptr(PactaMailMessage) m = NULL;
        gint64 start;

        while (value->len < 256 * 1024)
          g_string_append (value, units[u]);
        raw = g_strdup_printf ("From: %s <a@b.es>\r\nSubject: %s\r\nContent-Type: text/plain; name=\"%s\"\r\n"
                               "Content-Disposition: attachment; filename=\"%s\"\r\n\r\nx\r\n",
                               value->str, value->str, value->str, value->str);
        start = g_get_monotonic_time ();
        m = parse (raw);
        g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
      }
  }
  {
    /* A long body is cut at a character's edge */
    g_autoptr(GString) raw = g_string_new (HEAD "Content-Type: text/plain; charset=utf-8\r\n\r\nx");
    g_autoptr(PactaMailMessage) m = NULL;

    for (guint i = 0; i < PACTA_MAIL_MAX_BODY_LENGTH; i++)
      g_string_append (raw, "ñ");
    m = parse_len (raw->str, raw->len);
    g_assert_cmpuint (strlen (m->body), ==, PACTA_MAIL_MAX_BODY_LENGTH - 1);
  }
}

/* ---- building ------------------------------------------------------------ */

static GDateTime *
fixed_date (void)
{
  g_autoptr(GTimeZone) madrid = g_time_zone_new_identifier ("+01:00");

  return g_date_time_new (madrid, 2026, 12, 6, 11, 0, 0);
}

/* Every line ends CR LF, none is longer than SMTP allows, all of it ASCII */
static void
assert_smtp_ready (GBytes *bytes)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  gsize line = 0;

  g_assert_cmpuint (size, >, 2);
  g_assert_cmpint (data[size - 2], ==, '\r');
  g_assert_cmpint (data[size - 1], ==, '\n');
  for (gsize i = 0; i < size; i++)
    {
      g_assert_cmpuint ((guchar)data[i], <, 0x80);
      g_assert_cmpint (data[i], !=, '\0');
      if (data[i] == '\n')
        {
          g_assert_true (i > 0 && data[i - 1] == '\r');
          line = 0;
          continue;
        }
      if (data[i] == '\r')
        g_assert_true (i + 1 < size && data[i + 1] == '\n');
      g_assert_cmpuint (++line, <=, 998);
    }
}

static char *
long_body (void)
{
  g_autoptr(GString) body = g_string_new ("Hola Ana,\n\nAdjuntamos la factura de diciembre. ");

  for (guint i = 0; i < 60; i++)
    g_string_append (body, "Línea muy larga con acentos: canción, pingüino, año; ");
  g_string_append (body, "\nLínea con espacios al final   \n"
                         "From the start of a line\n"
                         ".\n"
                         "a = b =C3=A9 \ttab\n"
                         "\n"
                         "Un saludo,\nSoporte\n");
  return g_string_free (g_steal_pointer (&body), FALSE);
}

/* Python's email package reads the message without a defect */
static void
check_with_python (GBytes     *bytes,
                   const char *subject,
                   GBytes     *pdf)
{
  const char *script =
    "import email, sys\n"
    "from email import policy\n"
    "m = email.message_from_bytes(sys.stdin.buffer.read(), policy=policy.default)\n"
    "defects = list(m.defects) + [d for p in m.walk() for d in p.defects]\n"
    "body = m.get_body(('plain',))\n"
    "files = list(m.iter_attachments())\n"
    "print(len(defects))\n"
    "print(m['subject'])\n"
    "print(body.get_content_charset())\n"
    "print(len(files[0].get_content()) if files else -1)\n"
    "print(files[0].get_filename() if files else '')\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) python = NULL;
  g_autoptr(GBytes) out = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *size = NULL;

  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_message ("no /usr/bin/python3: not checked with Python's email package");
      return;
    }
  python = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             "/usr/bin/python3", "-c", script, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (python, bytes, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (python));
  g_assert_cmpint (g_subprocess_get_exit_status (python), ==, 0);

  lines = g_strsplit (g_bytes_get_data (out, NULL) != NULL ? (const char *)g_bytes_get_data (out, NULL) : "", "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 5);
  g_assert_cmpstr (lines[0], ==, "0");
  g_assert_cmpstr (lines[1], ==, subject);
  g_assert_cmpstr (lines[2], ==, "utf-8");
  size = g_strdup_printf ("%" G_GSIZE_FORMAT, pdf != NULL ? g_bytes_get_size (pdf) : (gsize)-1);
  if (pdf != NULL)
    {
      g_assert_cmpstr (lines[3], ==, size);
      g_assert_cmpstr (lines[4], ==, "Factura 2026-0001 año.pdf");
    }
  else
    g_assert_cmpstr (lines[3], ==, "-1");
}

static void
test_round_trip (void)
{
  g_autoptr(GDateTime) date = fixed_date ();
  g_autoptr(GBytes) pdf = pdf_bytes (123457);
  g_autofree char *body = long_body ();
  g_autofree char *expected_body = g_strchomp (g_strdup (body));
  g_autofree char *message_id = pacta_mail_new_message_id ("msp.es");
  const char *references[] = { "root@example.com", "prev@msp.es", NULL };
  const char *subject = "Factura 2026-0001 — diciembre, año nuevo: ¿todo bien?";
  PactaMailDraft draft = {
    .from_address = "facturas@msp.es",
    .from_name = "Servicios Informáticos Pérez, S.L.",
    .to_address = "Ana.Garcia@Example.com",
    .to_name = "Ana García",
    .subject = subject,
    .body = body,
    .message_id = message_id,
    .in_reply_to = "prev@msp.es",
    .references = references,
    .date = date,
    .language = "es",
    .attachment_name = "Factura 2026-0001 año.pdf",
    .attachment_type = "application/pdf",
    .attachment = pdf,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = pacta_mail_message_build (&draft, &error);
  g_autoptr(PactaMailMessage) m = NULL;
  g_autofree char *text = NULL;
  PactaMailAttachment *a;

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  assert_smtp_ready (bytes);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (strstr (text, "\r\nContent-Language: es\r\n"));
  g_assert_nonnull (strstr (text, "\r\nMIME-Version: 1.0\r\n"));
  g_assert_nonnull (strstr (text, "multipart/mixed"));
  g_assert_nonnull (strstr (text, "charset=utf-8"));
  g_assert_nonnull (strstr (text, "Content-Disposition: attachment"));
  g_assert_true (g_str_has_prefix (text, "Date: ") || strstr (text, "\r\nDate: ") != NULL);
  g_assert_nonnull (strstr (text, "Date: Sun, 06 Dec 2026 11:00:00 +0100\r\n"));

  m = parse_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_cmpstr (m->subject, ==, subject);
  g_assert_cmpstr (m->body, ==, expected_body);
  g_assert_cmpstr (m->from_address, ==, "facturas@msp.es");
  g_assert_cmpstr (m->from_name, ==, "Servicios Informáticos Pérez, S.L.");
  g_assert_cmpstr (m->message_id, ==, message_id);
  g_assert_cmpstr (m->in_reply_to, ==, "prev@msp.es");
  g_assert_cmpuint (g_strv_length (m->references), ==, 2);
  g_assert_cmpstr (m->references[0], ==, "root@example.com");
  g_assert_cmpstr (m->references[1], ==, "prev@msp.es");
  g_assert_cmpstr (m->date, ==, "2026-12-06T10:00:00Z");
  g_assert_false (m->auto_submitted);
  g_assert_cmpuint (m->attachments->len, ==, 1);
  a = attachment (m, 0);
  g_assert_cmpstr (a->filename, ==, "Factura 2026-0001 año.pdf");
  g_assert_cmpstr (a->content_type, ==, "application/pdf");
  g_assert_true (g_bytes_equal (a->data, pdf));

  check_with_python (bytes, subject, pdf);

  {
    /* No attachment, no thread, no language: one text part */
    PactaMailDraft plain = {
      .from_address = "soporte@msp.es",
      .to_address = "ana@example.com",
      .subject = "Re: Ticket",
      .body = "Short ASCII text.\r\nTwo lines.",
      .message_id = message_id,
      .date = date,
    };
    g_autoptr(GBytes) plain_bytes = pacta_mail_message_build (&plain, &error);
    g_autoptr(PactaMailMessage) back = NULL;
    g_autofree char *plain_text = NULL;

    g_assert_no_error (error);
    assert_smtp_ready (plain_bytes);
    plain_text = g_strndup (g_bytes_get_data (plain_bytes, NULL), g_bytes_get_size (plain_bytes));
    g_assert_null (strstr (plain_text, "multipart"));
    g_assert_null (strstr (plain_text, "Content-Language"));
    g_assert_null (strstr (plain_text, "In-Reply-To"));
    g_assert_null (strstr (plain_text, "References"));
    back = parse_len (g_bytes_get_data (plain_bytes, NULL), g_bytes_get_size (plain_bytes));
    g_assert_cmpstr (back->body, ==, "Short ASCII text.\nTwo lines.");
    g_assert_cmpstr (back->subject, ==, "Re: Ticket");
    g_assert_cmpuint (back->attachments->len, ==, 0);
    check_with_python (plain_bytes, "Re: Ticket", NULL);
  }
}

static void
test_build_refused (void)
{
  g_autoptr(GDateTime) date = fixed_date ();
  const char *bad_references[] = { "ok@msp.es", "bad id@msp.es", NULL };
  struct { const char *from; const char *to; const char *id; const char *reply; const char *const *refs; const char *language; } cases[] = {
    { NULL, "ana@example.com", "id@msp.es", NULL, NULL, NULL },
    { "facturas@msp.es", NULL, "id@msp.es", NULL, NULL, NULL },
    { "not an address", "ana@example.com", "id@msp.es", NULL, NULL, NULL },
    { "facturas@msp.es", "ana@example.com\r\nBcc: eve@evil.com", "id@msp.es", NULL, NULL, NULL },
    { "facturas@msp.es", "Ana <ana@example.com>", "id@msp.es", NULL, NULL, NULL },
    { "facturas@msp.es", "ana@example.com, eve@evil.com", "id@msp.es", NULL, NULL, NULL },
    { "facturas@msp.es", "ana@example", "id@msp.es", NULL, NULL, NULL },
    { "facturas@msp.es", "ana@example.com", NULL, NULL, NULL, NULL },
    { "facturas@msp.es", "ana@example.com", "<id@msp.es>", NULL, NULL, NULL },
    { "facturas@msp.es", "ana@example.com", "no-at-sign", NULL, NULL, NULL },
    { "facturas@msp.es", "ana@example.com", "id@msp.es", "bad\r\nid@msp.es", NULL, NULL },
    { "facturas@msp.es", "ana@example.com", "id@msp.es", NULL, bad_references, NULL },
    { "facturas@msp.es", "ana@example.com", "id@msp.es", NULL, NULL, "es\r\nX-Evil: 1" },
    { "facturas@msp.es", "ana@example.com", "id@msp.es", NULL, NULL, "" },
    /* a local part that is not ASCII needs SMTPUTF8 */
    { "facturas@msp.es", "ñandú@example.com", "id@msp.es", NULL, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PactaMailDraft draft = {
        .from_address = cases[i].from,
        .to_address = cases[i].to,
        .subject = "Subject",
        .body = "Body",
        .message_id = cases[i].id,
        .in_reply_to = cases[i].reply,
        .references = cases[i].refs,
        .date = date,
        .language = cases[i].language,
      };
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = pacta_mail_message_build (&draft, &error);

      g_test_message ("refused build %u", i);
      g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
      g_assert_null (bytes);
    }

  {
    /* Control characters in names and the subject never reach a header */
    PactaMailDraft draft = {
      .from_address = "facturas@msp.es",
      .from_name = "Pérez\r\nBcc: eve@evil.com",
      .to_address = "ana@example.com",
      .subject = "Hola\r\nBcc: eve@evil.com",
      .body = "Body",
      .message_id = "id@msp.es",
      .date = date,
    };
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) bytes = pacta_mail_message_build (&draft, &error);
    g_autofree char *text = NULL;
    g_autoptr(PactaMailMessage) m = NULL;

    g_assert_no_error (error);
    assert_smtp_ready (bytes);
    text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    g_assert_null (strstr (text, "\nBcc:"));
    m = parse (text);
    g_assert_cmpstr (m->subject, ==, "Hola Bcc: eve@evil.com");
    g_assert_cmpstr (m->from_address, ==, "facturas@msp.es");
  }
}

/* An international domain goes in its ASCII form */
static void
test_build_idn (void)
{
  g_autoptr(GDateTime) date = fixed_date ();
  PactaMailDraft draft = {
    .from_address = "facturas@msp.es",
    .to_address = "ana@correo.españa.es",
    .to_name = "Ana",
    .subject = "Hola",
    .body = "Body",
    .message_id = "id@msp.es",
    .date = date,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = pacta_mail_message_build (&draft, &error);
  g_autofree char *text = NULL;
  g_autofree char *normalized = pacta_mail_address_normalize ("Ana <ANA@Correo.ESPAÑA.es>");

  g_assert_no_error (error);
  assert_smtp_ready (bytes);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_nonnull (strstr (text, "<ana@correo.xn--espaa-rta.es>"));
  g_assert_cmpstr (normalized, ==, "ana@correo.españa.es");
  g_assert_cmpstr (pacta_mail_address_domain (normalized), ==, "correo.españa.es");
}

static void
test_message_id (void)
{
  g_autofree char *a = pacta_mail_new_message_id ("msp.es");
  g_autofree char *b = pacta_mail_new_message_id ("MSP.es");
  g_autofree char *bad = pacta_mail_new_message_id ("not a domain");
  g_autofree char *none = pacta_mail_new_message_id (NULL);

  assert_clean_id (a);
  assert_clean_id (b);
  g_assert_cmpstr (a, !=, b);
  g_assert_true (g_str_has_suffix (a, "@msp.es"));
  g_assert_true (g_str_has_suffix (b, "@msp.es"));
  g_assert_cmpuint (strlen (a), ==, 36 + strlen ("@msp.es"));
  g_assert_true (g_str_has_suffix (bad, "@pacta.invalid"));
  g_assert_true (g_str_has_suffix (none, "@pacta.invalid"));
  assert_clean_id (bad);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pacta/mail-message/plain", test_plain);
  g_test_add_func ("/pacta/mail-message/missing-headers", test_missing_headers);
  g_test_add_func ("/pacta/mail-message/dates", test_dates);
  g_test_add_func ("/pacta/mail-message/charsets", test_charsets);
  g_test_add_func ("/pacta/mail-message/subject", test_subject);
  g_test_add_func ("/pacta/mail-message/html", test_html);
  g_test_add_func ("/pacta/mail-message/html-odd", test_html_odd);
  g_test_add_func ("/pacta/mail-message/alternative", test_alternative);
  g_test_add_func ("/pacta/mail-message/attachments", test_attachments);
  g_test_add_func ("/pacta/mail-message/attachment-limits", test_attachment_limits);
  g_test_add_func ("/pacta/mail-message/nested", test_nested);
  g_test_add_func ("/pacta/mail-message/malformed", test_malformed);
  g_test_add_func ("/pacta/mail-message/refused", test_refused);
  g_test_add_func ("/pacta/mail-message/from", test_from);
  g_test_add_func ("/pacta/mail-message/normalize", test_normalize);
  g_test_add_func ("/pacta/mail-message/threading", test_threading);
  g_test_add_func ("/pacta/mail-message/automatic", test_automatic);
  g_test_add_func ("/pacta/mail-message/bounce", test_bounce);
  g_test_add_func ("/pacta/mail-message/bounce-variants", test_bounce_variants);
  g_test_add_func ("/pacta/mail-message/deep", test_deep);
  g_test_add_func ("/pacta/mail-message/round-trip", test_round_trip);
  g_test_add_func ("/pacta/mail-message/build-refused", test_build_refused);
  g_test_add_func ("/pacta/mail-message/build-idn", test_build_idn);
  g_test_add_func ("/pacta/mail-message/message-id", test_message_id);

  return g_test_run ();
}
