/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-csv.c: the CSV reader's accepted and refused inputs, and the formula-safe writer */
#include <string.h>

#include "pacta-csv.h"
#include "pacta-error.h"

/* Renders every record as "line:[field][field]\n" so a whole file can be
 * checked with one string comparison */
static char *
read_all_len (const char  *text,
              gsize        length,
              GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length);
  g_autoptr(PactaCsvReader) reader = pacta_csv_reader_new (bytes, "debtors.csv");
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  char **fields = NULL;
  guint line = 0;

  while (pacta_csv_reader_next (reader, &fields, &line, &local_error))
    {
      g_assert_nonnull (fields);
      g_string_append_printf (out, "%u:", line);
      for (guint i = 0; fields[i] != NULL; i++)
        g_string_append_printf (out, "[%s]", fields[i]);
      g_string_append_c (out, '\n');
      g_strfreev (fields);
    }

  g_assert_null (fields);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* The end is not a one-off: asking again still says so */
  g_assert_false (pacta_csv_reader_next (reader, &fields, &line, &local_error));
  g_assert_no_error (local_error);
  g_assert_null (fields);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
read_all (const char *text)
{
  g_autoptr(GError) error = NULL;
  char *result = read_all_len (text, strlen (text), &error);

  g_assert_no_error (error);
  return result;
}

static void
assert_read (const char *text,
             const char *expected)
{
  g_autofree char *result = read_all (text);

  g_assert_cmpstr (result, ==, expected);
}

static void
assert_fails_len (const char *text,
                  gsize       length,
                  const char *expected_message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *result = read_all_len (text, length, &error);

  g_assert_null (result);
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE);
  g_assert_cmpstr (error->message, ==, expected_message);
}

static void
assert_fails (const char *text,
              const char *expected_message)
{
  assert_fails_len (text, strlen (text), expected_message);
}

static void
test_simple (void)
{
  assert_read ("a,b,c\n", "1:[a][b][c]\n");
  assert_read ("one\n", "1:[one]\n");
  assert_read ("  spaced  , kept \n", "1:[  spaced  ][ kept ]\n");
  assert_read ("Müller,Zoë,東京\n", "1:[Müller][Zoë][東京]\n");
}

static void
test_header_and_rows (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PactaCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) fields = NULL;
  guint line = 0;
  const char *text = "name,vat_id,balance\nAcme,ES123,10.50\nGlobex,,-3\n";

  bytes = g_bytes_new_static (text, strlen (text));
  reader = pacta_csv_reader_new (bytes, "debtors.csv");

  g_assert_true (pacta_csv_reader_next (reader, &fields, &line, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (line, ==, 1);
  g_assert_cmpstrv (fields, ((const char * const[]) { "name", "vat_id", "balance", NULL }));
  g_clear_pointer (&fields, g_strfreev);

  g_assert_true (pacta_csv_reader_next (reader, &fields, &line, &error));
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpstrv (fields, ((const char * const[]) { "Acme", "ES123", "10.50", NULL }));
  g_clear_pointer (&fields, g_strfreev);

  /* @line is optional */
  g_assert_true (pacta_csv_reader_next (reader, &fields, NULL, &error));
  g_assert_cmpstrv (fields, ((const char * const[]) { "Globex", "", "-3", NULL }));
  g_clear_pointer (&fields, g_strfreev);

  g_assert_false (pacta_csv_reader_next (reader, &fields, &line, &error));
  g_assert_no_error (error);
  g_assert_null (fields);
}

static void
test_quoted_commas (void)
{
  assert_read ("\"Acme, Inc.\",x\n", "1:[Acme, Inc.][x]\n");
  assert_read ("\",\",\",,\"\n", "1:[,][,,]\n");
  assert_read ("\"\",\"plain\"\n", "1:[][plain]\n");
}

static void
test_quoted_doubled_quotes (void)
{
  assert_read ("\"say \"\"hi\"\"\",b\n", "1:[say \"hi\"][b]\n");
  assert_read ("\"\"\"\"\n", "1:[\"]\n");
  assert_read ("\"\"\"\"\"\"\n", "1:[\"\"]\n");
}

static void
test_quoted_newlines (void)
{
  /* The value keeps its own line ends; records keep their starting line */
  assert_read ("id,address\n"
               "1,\"Main St 1\nSpringfield\"\n"
               "2,\"Elm St 2\r\nShelbyville\r\nUSA\"\n"
               "3,last\n",
               "1:[id][address]\n"
               "2:[1][Main St 1\nSpringfield]\n"
               "4:[2][Elm St 2\r\nShelbyville\r\nUSA]\n"
               "7:[3][last]\n");

  /* Only quoted newlines, and errors after them, are counted right too */
  assert_read ("\"\n\n\"\nx\n", "1:[\n\n]\n4:[x]\n");
  assert_fails ("\"a\nb\",c\nd\"\n",
                "debtors.csv: line 3, column 2: unexpected quote inside an unquoted field");
}

static void
test_crlf (void)
{
  assert_read ("a,b\r\nc,d\r\n", "1:[a][b]\n2:[c][d]\n");
  assert_read ("a,b\r\nc,d", "1:[a][b]\n2:[c][d]\n");
  assert_read ("\"q\"\r\n\"r\"\r\n", "1:[q]\n2:[r]\n");
  /* Mixed line ends are still unambiguous */
  assert_read ("a\nb\r\nc\n", "1:[a]\n2:[b]\n3:[c]\n");
}

static void
test_bom (void)
{
  assert_read ("\xEF\xBB\xBFname,x\nAcme,1\n", "1:[name][x]\n2:[Acme][1]\n");
  assert_read ("\xEF\xBB\xBF", "");
  /* Only a leading BOM is skipped; the column does not count it */
  assert_fails ("\xEF\xBB\xBF" "ab\"c\n",
                "debtors.csv: line 1, column 3: unexpected quote inside an unquoted field");
  assert_read ("a\n\xEF\xBB\xBF" "b\n", "1:[a]\n2:[\xEF\xBB\xBF" "b]\n");
}

static void
test_trailing_newline (void)
{
  assert_read ("a,b\n", "1:[a][b]\n");
  assert_read ("a,b", "1:[a][b]\n");
  assert_read ("a\nb", "1:[a]\n2:[b]\n");
  assert_read ("\"a\nb\"", "1:[a\nb]\n");
  assert_read ("", "");
}

static void
test_blank_lines (void)
{
  assert_read ("\n\na\n\n\nb\n\n", "3:[a]\n6:[b]\n");
  assert_read ("\r\n\r\na\r\n\r\nb\r\n", "3:[a]\n5:[b]\n");
  assert_read ("\n\r\n\n", "");
  /* A line of spaces is not blank: it is one field of spaces */
  assert_read ("a\n \nb\n", "1:[a]\n2:[ ]\n3:[b]\n");
  /* A quoted empty field is a record */
  assert_read ("\"\"\n", "1:[]\n");
}

static void
test_empty_fields (void)
{
  assert_read ("a,,c\n", "1:[a][][c]\n");
  assert_read ("a,b,\n", "1:[a][b][]\n");
  assert_read ("a,b,", "1:[a][b][]\n");
  assert_read (",\n", "1:[][]\n");
  assert_read (",,\r\n", "1:[][][]\n");
  assert_read ("\"\",\"\"\n", "1:[][]\n");
}

static void
test_error_unterminated_quote (void)
{
  assert_fails ("a,b\nc,\"open",
                "debtors.csv: line 2, column 3: unterminated quoted field");
  assert_fails ("a\n\"open\nstill\nopen\n",
                "debtors.csv: line 2, column 1: unterminated quoted field");
  assert_fails ("\"", "debtors.csv: line 1, column 1: unterminated quoted field");
  assert_fails ("\"ends with a doubled quote\"\"",
                "debtors.csv: line 1, column 1: unterminated quoted field");
}

static void
test_error_quote_in_unquoted (void)
{
  assert_fails ("a,b\nc,d\nname,5\" dsk\n",
                "debtors.csv: line 3, column 7: unexpected quote inside an unquoted field");
  assert_fails ("ab\"\"\n",
                "debtors.csv: line 1, column 3: unexpected quote inside an unquoted field");
  assert_fails (" \"x\"\n",
                "debtors.csv: line 1, column 2: unexpected quote inside an unquoted field");
}

static void
test_error_junk_after_quote (void)
{
  assert_fails ("\"a\"b,c\n",
                "debtors.csv: line 1, column 4: unexpected text after a closing quote");
  assert_fails ("x\n\"a\" ,c\n",
                "debtors.csv: line 2, column 4: unexpected text after a closing quote");
  assert_fails ("x,\"a\nb\"ü\n",
                "debtors.csv: line 2, column 3: unexpected text after a closing quote");
}

static void
test_error_invalid_utf8 (void)
{
  /* Columns count characters: "Zoë," is four characters, five bytes */
  assert_fails ("ok\nZoë,\xE9t\xE9\n",
                "debtors.csv: line 2, column 5: the text is not valid UTF-8");
  assert_fails ("\xFF", "debtors.csv: line 1, column 1: the text is not valid UTF-8");
  /* A truncated sequence at the very end */
  assert_fails ("a,\xC3", "debtors.csv: line 1, column 3: the text is not valid UTF-8");
  /* Overlong encoding and UTF-16 surrogates are not UTF-8 either */
  assert_fails ("\xC0\xAF", "debtors.csv: line 1, column 1: the text is not valid UTF-8");
  assert_fails ("\xED\xA0\x80", "debtors.csv: line 1, column 1: the text is not valid UTF-8");
  /* A UTF-16 file is refused, not misread */
  assert_fails_len ("\xFF\xFE" "a\0", 4, "debtors.csv: line 1, column 1: the text is not valid UTF-8");
}

static void
test_error_nul_byte (void)
{
  assert_fails_len ("a,b\nc,d\0e\n", 10, "debtors.csv: line 2, column 4: unexpected NUL byte");
  assert_fails_len ("\"\0\"", 3, "debtors.csv: line 1, column 2: unexpected NUL byte");
  assert_fails_len ("\0", 1, "debtors.csv: line 1, column 1: unexpected NUL byte");
}

static void
test_error_too_many_fields (void)
{
  g_autoptr(GString) text = g_string_new ("a\n");
  g_autoptr(GString) expected = g_string_new ("1:[a]\n2:");
  g_autofree char *message = NULL;

  for (guint i = 0; i < PACTA_CSV_MAX_FIELDS; i++)
    {
      g_string_append_printf (text, "%s%u", i == 0 ? "" : ",", i % 10);
      g_string_append_printf (expected, "[%u]", i % 10);
    }
  g_string_append_c (expected, '\n');

  /* Exactly at the limit is fine */
  assert_read (text->str, expected->str);

  /* The field past it is refused where it starts; a trailing comma starts one */
  g_string_append_c (text, ',');
  message = g_strdup_printf ("debtors.csv: line 2, column %u: more than %d fields in one record",
                             2 * PACTA_CSV_MAX_FIELDS + 1, PACTA_CSV_MAX_FIELDS);
  assert_fails (text->str, message);
}

static void
test_error_field_too_long (void)
{
  g_autoptr(GString) text = g_string_new ("a,");
  g_autofree char *expected = NULL;

  g_string_append_len (text, "\"", 1);
  for (guint i = 0; i < PACTA_CSV_MAX_FIELD_BYTES; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "\"\n");

  {
    g_autofree char *result = read_all (text->str);

    g_assert_cmpuint (strlen (result), ==, strlen ("1:[a][]\n") + PACTA_CSV_MAX_FIELD_BYTES);
  }

  /* One byte more, quoted or not */
  g_string_insert_c (text, 3, 'x');
  expected = g_strdup_printf ("debtors.csv: line 1, column 3: the field is longer than %d KiB",
                              PACTA_CSV_MAX_FIELD_BYTES / 1024);
  assert_fails (text->str, expected);

  g_string_erase (text, 2, 1);
  g_string_truncate (text, text->len - 2);
  assert_fails (text->str, expected);
}

static void
test_error_too_large (void)
{
  gsize size = PACTA_CSV_MAX_BYTES + 1;
  g_autofree char *text = g_malloc (size);
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;

  /* Well-formed records: the size alone is what is refused */
  for (gsize i = 0; i < size; i++)
    text[i] = (i % 64 == 63) ? '\n' : 'a';

  result = read_all_len (text, size, &error);
  g_assert_null (result);
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE);
  g_assert_cmpstr (error->message, ==, "debtors.csv: the file is too large (at most 16 MiB)");

  g_clear_error (&error);
  result = read_all_len (text, size - 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
}

static void
test_error_lone_cr (void)
{
  assert_fails ("a,b\rc,d\r\n",
                "debtors.csv: line 1, column 4: carriage return not followed by a line feed");
  assert_fails ("a\nb\r", "debtors.csv: line 2, column 2: carriage return not followed by a line feed");
  assert_fails ("\"q\"\rx", "debtors.csv: line 1, column 4: carriage return not followed by a line feed");
  assert_fails ("a\n\r", "debtors.csv: line 2, column 1: carriage return not followed by a line feed");
  /* Inside quotes it is just part of the value */
  assert_read ("\"a\rb\",c\n", "1:[a\rb][c]\n");
}

/* Records before a malformed one are handed out; the error then sticks,
 * so a loop that ignores it cannot mistake it for the end of the file */
static void
test_error_after_records (void)
{
  const char *text = "a\nb\n\"c\"d\ne\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(PactaCsvReader) reader = pacta_csv_reader_new (bytes, "debtors.csv");
  g_autoptr(GError) error = NULL;
  char **fields = NULL;
  guint line = 0;

  for (guint expected = 1; expected <= 2; expected++)
    {
      g_assert_true (pacta_csv_reader_next (reader, &fields, &line, &error));
      g_assert_cmpuint (line, ==, expected);
      g_strfreev (fields);
    }

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      fields = (char **)0x1;   /* must be reset */
      g_assert_false (pacta_csv_reader_next (reader, &fields, &line, &error));
      g_assert_null (fields);
      g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE);
      g_assert_cmpstr (error->message, ==,
                       "debtors.csv: line 3, column 4: unexpected text after a closing quote");
      g_clear_error (&error);
    }
}

static char *
write_field (const char *value)
{
  GString *out = g_string_new (NULL);

  pacta_csv_append_field (out, value);
  return g_string_free (out, FALSE);
}

static void
assert_written (const char *value,
                const char *expected)
{
  g_autofree char *written = write_field (value);

  g_assert_cmpstr (written, ==, expected);
}

static void
test_write_plain (void)
{
  assert_written ("Acme", "Acme");
  assert_written ("10.50", "10.50");
  assert_written ("Zoë Müller", "Zoë Müller");
  assert_written ("a=b", "a=b");
  assert_written ("x-y", "x-y");
  assert_written ("it's", "it's");

  /* Appends, it does not replace */
  {
    g_autoptr(GString) out = g_string_new ("a,");

    pacta_csv_append_field (out, "b");
    g_assert_cmpstr (out->str, ==, "a,b");
  }
}

static void
test_write_quoting (void)
{
  assert_written ("Acme, Inc.", "\"Acme, Inc.\"");
  assert_written ("two\nlines", "\"two\nlines\"");
  assert_written ("two\r\nlines", "\"two\r\nlines\"");
  assert_written ("a\rb", "\"a\rb\"");
  assert_written (" leading", "\" leading\"");
  assert_written ("trailing ", "\"trailing \"");
  assert_written ("trailing\t", "\"trailing\t\"");
  assert_written ("", "\"\"");
  assert_written (NULL, "\"\"");
  /* Would be taken for a BOM at the start of a file */
  assert_written ("\xEF\xBB\xBF" "x", "\"\xEF\xBB\xBF" "x\"");
}

static void
test_write_quote_doubling (void)
{
  assert_written ("say \"hi\"", "\"say \"\"hi\"\"\"");
  assert_written ("\"", "\"\"\"\"");
  assert_written ("5\" disk", "\"5\"\" disk\"");
}

static void
test_write_formula (void)
{
  assert_written ("=SUM(A1)", "\"'=SUM(A1)\"");
  assert_written ("+1", "\"'+1\"");
  assert_written ("-1", "\"'-1\"");
  assert_written ("@cmd", "\"'@cmd\"");
  assert_written ("\tx", "\"'\tx\"");
  assert_written ("\rx", "\"'\rx\"");
  assert_written ("=HYPERLINK(\"http://evil\",\"x\")", "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
  assert_written ("=", "\"'=\"");
}

static void
test_round_trip (void)
{
  const char *values[] = {
    /* First, where a reader would take it for a BOM if it were not quoted */
    "\xEF\xBB\xBF" "zwnbsp", "plain", "Acme, Inc.", "say \"hi\"", "two\nlines", "crlf\r\nlines",
    " padded ", "", "Zoë", ",", "\"", "a\rb",
    "=SUM(A1)", "+1", "-1", "@cmd", "\tx", "\rx",
    NULL,
  };
  const char *expected[] = {
    "\xEF\xBB\xBF" "zwnbsp", "plain", "Acme, Inc.", "say \"hi\"", "two\nlines", "crlf\r\nlines",
    " padded ", "", "Zoë", ",", "\"", "a\rb",
    "'=SUM(A1)", "'+1", "'-1", "'@cmd", "'\tx", "'\rx",
    NULL,
  };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PactaCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) fields = NULL;
  guint line = 0;

  /* Twice, to check the line count after the embedded newlines */
  for (guint record = 0; record < 2; record++)
    {
      for (guint i = 0; values[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          pacta_csv_append_field (out, values[i]);
        }
      g_string_append (out, "\r\n");
    }
  /* A record of one empty field must survive as a record */
  pacta_csv_append_field (out, "");
  g_string_append (out, "\r\n");

  bytes = g_bytes_new (out->str, out->len);
  reader = pacta_csv_reader_new (bytes, "export.csv");

  g_assert_true (pacta_csv_reader_next (reader, &fields, &line, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (line, ==, 1);
  g_assert_cmpstrv (fields, expected);
  g_clear_pointer (&fields, g_strfreev);

  g_assert_true (pacta_csv_reader_next (reader, &fields, &line, &error));
  g_assert_cmpuint (line, ==, 4);
  g_assert_cmpstrv (fields, expected);
  g_clear_pointer (&fields, g_strfreev);

  g_assert_true (pacta_csv_reader_next (reader, &fields, &line, &error));
  g_assert_cmpuint (line, ==, 7);
  g_assert_cmpstrv (fields, ((const char * const[]) { "", NULL }));
  g_clear_pointer (&fields, g_strfreev);

  g_assert_false (pacta_csv_reader_next (reader, &fields, &line, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pacta/csv/simple", test_simple);
  g_test_add_func ("/pacta/csv/header-and-rows", test_header_and_rows);
  g_test_add_func ("/pacta/csv/quoted-commas", test_quoted_commas);
  g_test_add_func ("/pacta/csv/quoted-doubled-quotes", test_quoted_doubled_quotes);
  g_test_add_func ("/pacta/csv/quoted-newlines", test_quoted_newlines);
  g_test_add_func ("/pacta/csv/crlf", test_crlf);
  g_test_add_func ("/pacta/csv/bom", test_bom);
  g_test_add_func ("/pacta/csv/trailing-newline", test_trailing_newline);
  g_test_add_func ("/pacta/csv/blank-lines", test_blank_lines);
  g_test_add_func ("/pacta/csv/empty-fields", test_empty_fields);
  g_test_add_func ("/pacta/csv/error-unterminated-quote", test_error_unterminated_quote);
  g_test_add_func ("/pacta/csv/error-quote-in-unquoted", test_error_quote_in_unquoted);
  g_test_add_func ("/pacta/csv/error-junk-after-quote", test_error_junk_after_quote);
  g_test_add_func ("/pacta/csv/error-invalid-utf8", test_error_invalid_utf8);
  g_test_add_func ("/pacta/csv/error-nul-byte", test_error_nul_byte);
  g_test_add_func ("/pacta/csv/error-too-many-fields", test_error_too_many_fields);
  g_test_add_func ("/pacta/csv/error-field-too-long", test_error_field_too_long);
  g_test_add_func ("/pacta/csv/error-too-large", test_error_too_large);
  g_test_add_func ("/pacta/csv/error-lone-cr", test_error_lone_cr);
  g_test_add_func ("/pacta/csv/error-after-records", test_error_after_records);
  g_test_add_func ("/pacta/csv/write-plain", test_write_plain);
  g_test_add_func ("/pacta/csv/write-quoting", test_write_quoting);
  g_test_add_func ("/pacta/csv/write-quote-doubling", test_write_quote_doubling);
  g_test_add_func ("/pacta/csv/write-formula", test_write_formula);
  g_test_add_func ("/pacta/csv/round-trip", test_round_trip);

  return g_test_run ();
}
