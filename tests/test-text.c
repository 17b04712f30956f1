/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-text.c: the rules every free-text field shares */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "pacta-error.h"
#include "pacta-test-util.h"
#include "pacta-text.h"

static void
test_blank (void)
{
  g_assert_true (pacta_text_is_blank (NULL));
  g_assert_true (pacta_text_is_blank (""));
  g_assert_true (pacta_text_is_blank (" \t\r\n"));
  g_assert_false (pacta_text_is_blank (" a "));
  g_assert_false (pacta_text_is_blank ("ñ"));
}

static void
test_controls (void)
{
  static const struct { const char *text; gboolean in_line, in_multiline; } cases[] = {
    { "Clínica Dental Sonrisa", FALSE, FALSE },
    { "a\tb", TRUE, FALSE },
    { "line1\nline2", TRUE, FALSE },
    { "line1\r\nline2", TRUE, FALSE },
    { "\x01", TRUE, TRUE },
    { "bell \a", TRUE, TRUE },
    { "escape \x1b[31m", TRUE, TRUE },
    { "DEL \x7f", TRUE, TRUE },
    { "NEL \xc2\x85", TRUE, TRUE },      /* C1 */
    { "CSI \xc2\x9b", TRUE, TRUE },
    /* Text, not controls: right-to-left marks, an override, emoji, Arabic */
    { "\u200fשלום\u200e", FALSE, FALSE },
    { "abc\u202edef", FALSE, FALSE },
    { "😀 شركة", FALSE, FALSE },
  };

  g_assert_false (pacta_text_has_controls (NULL, PACTA_TEXT_LINE));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u", i);
      g_assert_cmpint (pacta_text_has_controls (cases[i].text, PACTA_TEXT_LINE), ==, cases[i].in_line);
      g_assert_cmpint (pacta_text_has_controls (cases[i].text, PACTA_TEXT_MULTILINE), ==, cases[i].in_multiline);
    }
}

static void
test_check (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pacta_text_check (NULL, PACTA_TEXT_LINE, 3, "the name", &error));
  g_assert_true (pacta_text_check ("ñññ", PACTA_TEXT_LINE, 3, "the name", &error));
  g_assert_no_error (error);

  /* Characters are counted, not bytes */
  g_assert_false (pacta_text_check ("ññññ", PACTA_TEXT_LINE, 3, "the name", &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==, "At most 3 characters are allowed in the name");
  g_clear_error (&error);

  g_assert_false (pacta_text_check ("a\tb", PACTA_TEXT_LINE, 0, "the name", &error));
  g_assert_cmpstr (error->message, ==, "Control characters, such as a tab or a line break, are not allowed in the name");
  g_clear_error (&error);

  g_assert_true (pacta_text_check ("a\tb\nc", PACTA_TEXT_MULTILINE, 0, "the notes", &error));
  g_assert_false (pacta_text_check ("a\x7f", PACTA_TEXT_MULTILINE, 0, "the notes", &error));
  g_assert_cmpstr (error->message, ==, "Control characters other than line breaks and tabs are not allowed in the notes");
}

static void
test_email (void)
{
  static const char *good[] = { "ana@example.com", "facturas+pacta@clinica-ejemplo.es", "a.b@c.d.eu" };
  static const char *bad[] = {
    "", "ana", "ana@", "@example.com", "ana@example", "ana@example.", "ana@.com", "ana@@example.com",
    "ana @example.com", "ana@example.com ", "ana@example.com,luis@example.com", "ana@example.com;luis@example.com",
    "ana\t@example.com",
  };
  g_autoptr(GString) long_address = g_string_new (NULL);

  g_assert_false (pacta_text_is_email (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (pacta_text_is_email (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("“%s”", bad[i]);
      g_assert_false (pacta_text_is_email (bad[i]));
    }

  /* At most 254 bytes, as SMTP allows */
  while (long_address->len < 250)
    g_string_append_c (long_address, 'a');
  g_string_append (long_address, "@b.es");
  g_assert_cmpuint (long_address->len, ==, 255);
  g_assert_false (pacta_text_is_email (long_address->str));
  g_string_erase (long_address, 0, 1);
  g_assert_true (pacta_text_is_email (long_address->str));
}

static void
test_excerpt (void)
{
  g_autofree char *whole = pacta_text_excerpt ("Clínica", 7);
  g_autofree char *cut = pacta_text_excerpt ("Clínica", 4);
  g_autofree char *empty = pacta_text_excerpt (NULL, 4);
  g_autofree char *emoji = pacta_text_excerpt ("😀😀😀😀😀", 3);

  g_assert_cmpstr (whole, ==, "Clínica");
  g_assert_cmpstr (cut, ==, "Clí…");
  g_assert_cmpstr (empty, ==, "");
  /* Cut at a character, never inside one */
  g_assert_cmpstr (emoji, ==, "😀😀…");
  g_assert_true (g_utf8_validate (emoji, -1, NULL));
}

static void
test_longest_word (void)
{
  g_assert_cmpuint (pacta_text_longest_word (NULL), ==, 0);
  g_assert_cmpuint (pacta_text_longest_word (""), ==, 0);
  g_assert_cmpuint (pacta_text_longest_word ("  "), ==, 0);
  g_assert_cmpuint (pacta_text_longest_word ("a bb ccc"), ==, 3);
  /* Characters, and any white space ends a word */
  g_assert_cmpuint (pacta_text_longest_word ("ññññ\tab\ncd\u2003efg"), ==, 4);
}

/* GLib's way, character by character and string by string */
static int
glib_order (const char *a,
            const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);
  g_autofree char *ka = g_utf8_collate_key (fa, -1);
  g_autofree char *kb = g_utf8_collate_key (fb, -1);
  int result = strcmp (ka, kb);

  return (result > 0) - (result < 0);
}

/* Every character up to U+00FF (the short path), some beyond it (the
 * general one), and names made of them */
static GPtrArray *
sample_texts (void)
{
  static const char *names[] = {
    "Clínica Dental Sonrisa", "clinica dental", "CLÍNICA", "Núñez", "Nunez", "Ñandú", "Straße", "STRASSE",
    "Œuvre", "Ærø", "µ-Systems", "ª", "½ price", "İstanbul", "ǅemal", "ﬁnca", "e\u0301", "é", "Zoë", "zoe",
    "Ågård", "Ölmez", "Çelik", "Þór", "ÿ", "ΣΊΣΥΦΟΣ", "Москва", "東京", "😀 Emoji", "", " ", "a b", "Ab", "aB",
  };
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  GRand *rand = g_rand_new_with_seed (7);

  for (gunichar c = 0x20; c < 0x180; c++)
    {
      char utf8[8] = { 0 };

      g_unichar_to_utf8 (c, utf8);
      if (c != 0x7f && !(c >= 0x80 && c < 0xa0))
        g_ptr_array_add (texts, g_strdup (utf8));
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_ptr_array_add (texts, g_strdup (names[i]));
  /* Three characters drawn from the above */
  for (guint i = 0; i < 300; i++)
    {
      GString *text = g_string_new (NULL);

      for (guint k = 0; k < 3; k++)
        g_string_append (text, g_ptr_array_index (texts, g_rand_int_range (rand, 0, 200)));
      g_ptr_array_add (texts, g_string_free (text, FALSE));
    }
  g_rand_free (rand);
  return texts;
}

static void
test_sort_key (void)
{
  g_autoptr(GPtrArray) texts = sample_texts ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < texts->len; i++)
    g_ptr_array_add (keys, pacta_text_sort_key (g_ptr_array_index (texts, i)));

  /* The same order as GLib's casefolded collation keys, pair by pair */
  for (guint i = 0; i < texts->len; i++)
    for (guint j = 0; j < texts->len; j++)
      {
        int ours = strcmp (g_ptr_array_index (keys, i), g_ptr_array_index (keys, j));

        ours = (ours > 0) - (ours < 0);
        if (ours != glib_order (g_ptr_array_index (texts, i), g_ptr_array_index (texts, j)))
          g_error ("“%s” and “%s” are in another order", (char *)g_ptr_array_index (texts, i),
                   (char *)g_ptr_array_index (texts, j));
      }

  /* Case is ignored */
  {
    g_autofree char *a = pacta_text_sort_key ("Clínica");
    g_autofree char *b = pacta_text_sort_key ("CLÍNICA");

    g_assert_cmpstr (a, ==, b);
  }
}

static void
test_search_key (void)
{
  g_autoptr(GPtrArray) texts = sample_texts ();
  static const struct { const char *text, *key; } cases[] = {
    { "Clínica Dental", "clinica dental" }, { "Núñez", "nunez" }, { "ÇELİK", "celi̇k" }, { "Straße", "strasse" },
    { "½", "1⁄2" }, { "ﬁnca", "finca" }, { "e\u0301", "e" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = pacta_text_search_key (cases[i].text);
      g_autofree char *expected = pacta_test_search_reference (cases[i].key);

      g_assert_cmpstr (key, ==, expected);
    }

  /* The short path gives what the general one does */
  for (guint i = 0; i < texts->len; i++)
    {
      g_autofree char *ours = pacta_text_search_key (g_ptr_array_index (texts, i));
      g_autofree char *reference = pacta_test_search_reference (g_ptr_array_index (texts, i));

      g_assert_cmpstr (ours, ==, reference);
    }
  {
    g_autofree char *key = pacta_text_search_key ("Clínica Dental Sonrisa");

    g_assert_nonnull (strstr (key, "clinica"));
  }
}

int
main (int   argc,
      char *argv[])
{
  /* The collation of the environment's locale, as Pacta's own main () does */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pacta/text/blank", test_blank);
  g_test_add_func ("/pacta/text/controls", test_controls);
  g_test_add_func ("/pacta/text/check", test_check);
  g_test_add_func ("/pacta/text/email", test_email);
  g_test_add_func ("/pacta/text/excerpt", test_excerpt);
  g_test_add_func ("/pacta/text/longest-word", test_longest_word);
  g_test_add_func ("/pacta/text/sort-key", test_sort_key);
  g_test_add_func ("/pacta/text/search-key", test_search_key);

  return g_test_run ();
}
