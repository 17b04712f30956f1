/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-csv.c: the RFC 4180 reader, and the writer read back.
 *
 * Whatever the reader accepts, each record written again with
 * pacta_csv_append_field() must read back as the same fields (a field that
 * starts like a formula comes back with the ' the writer puts in front).
 */
#include <string.h>

#include "fuzz-common.h"
#include "pacta-csv.h"

static gboolean
starts_formula (const char *value)
{
  return value[0] != '\0' && strchr ("=+-@\t\r", value[0]) != NULL;
}

static void
check_round_trip (char **fields)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PactaCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) again = NULL;
  g_auto(GStrv) after = NULL;
  guint n = g_strv_length (fields);

  for (guint i = 0; i < n; i++)
    {
      /* The writer's ' could push a field at the limit over it */
      if (strlen (fields[i]) >= PACTA_CSV_MAX_FIELD_BYTES)
        return;
      if (i > 0)
        g_string_append_c (text, ',');
      pacta_csv_append_field (text, fields[i]);
    }
  g_string_append (text, "\r\n");

  bytes = g_string_free_to_bytes (g_steal_pointer (&text));
  reader = pacta_csv_reader_new (bytes, "written.csv");
  if (!pacta_csv_reader_next (reader, &again, NULL, &error))
    g_error ("a written record does not read back: %s", error != NULL ? error->message : "no record");

  g_assert_cmpuint (g_strv_length (again), ==, n);
  for (guint i = 0; i < n; i++)
    {
      if (starts_formula (fields[i]))
        {
          g_assert_cmpint (again[i][0], ==, '\'');
          g_assert_cmpstr (again[i] + 1, ==, fields[i]);
        }
      else
        g_assert_cmpstr (again[i], ==, fields[i]);
    }

  g_assert_false (pacta_csv_reader_next (reader, &after, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (after);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PactaCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint last_line = 0;

  pacta_fuzz_init ();

  bytes = g_bytes_new (data, size);
  reader = pacta_csv_reader_new (bytes, "fuzz.csv");

  for (;;)
    {
      g_auto(GStrv) fields = NULL;
      guint line = 0;

      if (!pacta_csv_reader_next (reader, &fields, &line, &error))
        {
          g_assert_null (fields);
          break;
        }

      g_assert_nonnull (fields);
      g_assert_cmpuint (g_strv_length (fields), >=, 1);
      g_assert_cmpuint (g_strv_length (fields), <=, PACTA_CSV_MAX_FIELDS);
      g_assert_cmpuint (line, >, last_line);
      last_line = line;

      check_round_trip (fields);
    }

  /* A failed reader keeps failing with the same error */
  if (error != NULL)
    {
      g_auto(GStrv) fields = NULL;
      g_autoptr(GError) again = NULL;

      g_assert_false (pacta_csv_reader_next (reader, &fields, NULL, &again));
      g_assert_nonnull (again);
      g_assert_cmpstr (again->message, ==, error->message);
    }

  return 0;
}
