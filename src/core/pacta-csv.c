/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-csv.c: reading RFC 4180 CSV strictly, and writing fields a spreadsheet cannot run as formulas.
 *
 * The reader refuses anything it would have to guess about (stray quotes,
 * lone carriage returns, other encodings): a file someone exported from a
 * spreadsheet is either read exactly or rejected with the line and column to
 * fix, never half-understood.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pacta-csv.h"
#include "pacta-error.h"
#include "pacta-file.h"

#define UTF8_BOM "\xEF\xBB\xBF"

struct _PactaCsvReader
{
  /* Owned */
  GBytes     *bytes;
  char       *display_name;
  GError     *failure;       /* repeated by every later call, so a loop cannot take it for the end */

  /* Borrowed from @bytes */
  const char *data;
  gsize       size;

  gsize       body;          /* offset just past the BOM: line 1, column 1 */
  gsize       pos;
  guint       line;          /* physical line at @pos */
  gboolean    checked;       /* size and encoding of the whole input verified */
};

/* Only computed on failure, so rescanning from the top is cheap enough and
 * gives every error the same idea of a column. Everything before @offset is
 * known to be UTF-8, so counting lead bytes counts characters. */
static void
offset_to_line_column (PactaCsvReader *reader,
                       gsize           offset,
                       guint          *line,
                       guint          *column)
{
  *line = 1;
  *column = 1;
  for (gsize i = reader->body; i < offset && i < reader->size; i++)
    {
      guchar c = (guchar)reader->data[i];

      if (c == '\n')
        (*line)++, *column = 1;
      else if ((c & 0xC0) != 0x80)
        (*column)++;
    }
}

static gboolean
fail (PactaCsvReader  *reader,
      GError         **error)
{
  g_propagate_error (error, g_error_copy (reader->failure));
  return FALSE;
}

static gboolean
fail_at (PactaCsvReader  *reader,
         gsize            offset,
         const char      *reason,
         GError         **error)
{
  guint line, column;

  offset_to_line_column (reader, offset, &line, &column);
  g_set_error (&reader->failure, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
               /* Translators: file name, line, column, then the reason */
               _("%s: line %u, column %u: %s"), reader->display_name, line, column, reason);
  return fail (reader, error);
}

/* Done once for the whole input before the first record is handed out, so
 * the record loop can treat every byte as part of valid, NUL-free text */
static gboolean
check_input (PactaCsvReader  *reader,
             GError         **error)
{
  const char *end = NULL;
  gsize offset;

  if (reader->size > PACTA_CSV_MAX_BYTES)
    {
      g_set_error (&reader->failure, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                   _("%s: the file is too large (at most %d MiB)"),
                   reader->display_name, PACTA_CSV_MAX_BYTES / (1024 * 1024));
      return fail (reader, error);
    }

  /* g_utf8_validate_len() also stops at a NUL byte */
  if (g_utf8_validate_len (reader->data + reader->body, reader->size - reader->body, &end))
    return TRUE;

  offset = (gsize)(end - reader->data);
  if (reader->data[offset] == '\0')
    return fail_at (reader, offset, _("unexpected NUL byte"), error);
  return fail_at (reader, offset, _("the text is not valid UTF-8"), error);
}

static gboolean
append_byte (PactaCsvReader  *reader,
             GString         *field,
             gsize            field_start,
             char             c,
             GError         **error)
{
  if (field->len >= PACTA_CSV_MAX_FIELD_BYTES)
    {
      g_autofree char *reason = g_strdup_printf (_("the field is longer than %d KiB"),
                                                 PACTA_CSV_MAX_FIELD_BYTES / 1024);

      return fail_at (reader, field_start, reason, error);
    }

  g_string_append_c (field, c);
  return TRUE;
}

/**
 * pacta_csv_reader_new:
 * @bytes: the whole file
 * @display_name: how the file is named in error messages, e.g. "debtors.csv"
 *
 * Nothing is checked until the first pacta_csv_reader_next().
 */
PactaCsvReader *
pacta_csv_reader_new (GBytes     *bytes,
                      const char *display_name)
{
  PactaCsvReader *reader;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  reader = g_new0 (PactaCsvReader, 1);
  reader->bytes = g_bytes_ref (bytes);
  reader->display_name = g_strdup (display_name);
  reader->data = g_bytes_get_data (bytes, &reader->size);
  if (reader->data == NULL)
    reader->data = "", reader->size = 0;

  if (reader->size >= strlen (UTF8_BOM) && memcmp (reader->data, UTF8_BOM, strlen (UTF8_BOM)) == 0)
    reader->body = strlen (UTF8_BOM);
  reader->pos = reader->body;
  reader->line = 1;

  return reader;
}

void
pacta_csv_reader_free (PactaCsvReader *reader)
{
  if (reader == NULL)
    return;

  g_clear_pointer (&reader->bytes, g_bytes_unref);
  g_clear_pointer (&reader->display_name, g_free);
  g_clear_error (&reader->failure);
  g_free (reader);
}

/* Steps over empty lines from @pos, counting them: an empty line carries no
 * record, not even one empty field */
static gsize
skip_empty_lines (PactaCsvReader *reader,
                  const char     *data,
                  gsize           size,
                  gsize           pos)
{
  for (;;)
    {
      if (pos < size && data[pos] == '\n')
        pos += 1;
      else if (pos + 1 < size && data[pos] == '\r' && data[pos + 1] == '\n')
        pos += 2;
      else
        break;
      reader->line++;
    }
  return pos;
}

/* Reads the quoted field at *@pos_inout (its opening quote) into @field; leaves
 * *@pos_inout just past the closing quote */
static gboolean
read_quoted_field (PactaCsvReader  *reader,
                   const char      *data,
                   gsize            size,
                   GString         *field,
                   gsize           *pos_inout,
                   GError         **error)
{
  gsize field_start = *pos_inout;
  gsize pos = field_start + 1;

  for (;;)
    {
      if (pos >= size)
        return fail_at (reader, field_start, _("unterminated quoted field"), error);

      if (data[pos] == '"')
        {
          if (pos + 1 < size && data[pos + 1] == '"')
            pos++;
          else
            break;
        }
      else if (data[pos] == '\n')
        reader->line++;

      if (!append_byte (reader, field, field_start, data[pos], error))
        return FALSE;
      pos++;
    }
  pos++;   /* the closing quote */

  if (pos < size && data[pos] != ',' && data[pos] != '\n' && data[pos] != '\r')
    return fail_at (reader, pos, _("unexpected text after a closing quote"), error);

  *pos_inout = pos;
  return TRUE;
}

/* Reads the unquoted field at *@pos_inout into @field; leaves *@pos_inout at what
 * ends it */
static gboolean
read_unquoted_field (PactaCsvReader  *reader,
                     const char      *data,
                     gsize            size,
                     GString         *field,
                     gsize           *pos_inout,
                     GError         **error)
{
  gsize field_start = *pos_inout;
  gsize pos = field_start;

  while (pos < size && data[pos] != ',' && data[pos] != '\n' && data[pos] != '\r')
    {
      if (data[pos] == '"')
        return fail_at (reader, pos, _("unexpected quote inside an unquoted field"), error);
      if (!append_byte (reader, field, field_start, data[pos], error))
        return FALSE;
      pos++;
    }

  *pos_inout = pos;
  return TRUE;
}

/**
 * pacta_csv_reader_next:
 * @fields: (out) (transfer full): the record's fields, %NULL-terminated
 * @line: (out) (optional): the 1-based line where the record starts
 *
 * Returns: %TRUE with a record; %FALSE with @fields set to %NULL at the end
 *   of the data, or with @error set if the data is malformed. Once it has
 *   failed, every later call fails with the same error.
 */
gboolean
pacta_csv_reader_next (PactaCsvReader   *reader,
                       char           ***fields,
                       guint            *line,
                       GError          **error)
{
  g_autoptr(GPtrArray) record = NULL;
  const char *data;
  gsize size, pos;
  guint record_line;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *fields = NULL;

  if (reader->failure != NULL)
    return fail (reader, error);

  if (!reader->checked)
    {
      if (!check_input (reader, error))
        return FALSE;
      reader->checked = TRUE;
    }

  data = reader->data;
  size = reader->size;
  pos = skip_empty_lines (reader, data, size, reader->pos);

  reader->pos = pos;
  if (pos >= size)
    return FALSE;

  record_line = reader->line;
  record = g_ptr_array_new_with_free_func (g_free);

  for (;;)
    {
      g_autoptr(GString) field = g_string_new (NULL);

      if (record->len >= PACTA_CSV_MAX_FIELDS)
        {
          g_autofree char *reason = g_strdup_printf (_("more than %d fields in one record"),
                                                     PACTA_CSV_MAX_FIELDS);

          return fail_at (reader, pos, reason, error);
        }

      if (pos < size && data[pos] == '"')
        {
          if (!read_quoted_field (reader, data, size, field, &pos, error))
            return FALSE;
        }
      else if (!read_unquoted_field (reader, data, size, field, &pos, error))
        return FALSE;

      g_ptr_array_add (record, g_string_free (g_steal_pointer (&field), FALSE));

      if (pos >= size)
        break;

      if (data[pos] == ',')
        {
          pos++;
          continue;
        }

      if (data[pos] == '\n')
        {
          pos++;
          reader->line++;
          break;
        }

      /* A lone CR is an old Mac line end or a stray byte; either way guessing
       * would give wrong line numbers, so it is refused */
      if (pos + 1 < size && data[pos + 1] == '\n')
        {
          pos += 2;
          reader->line++;
          break;
        }
      return fail_at (reader, pos, _("carriage return not followed by a line feed"), error);
    }

  reader->pos = pos;
  g_ptr_array_add (record, NULL);
  *fields = (char **)g_ptr_array_steal (record, NULL);
  if (line != NULL)
    *line = record_line;

  return TRUE;
}

static gboolean
starts_formula (const char *value)
{
  switch (value[0])
    {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

/**
 * pacta_csv_append_field:
 * @out: the text being built; the caller writes the ',' between fields and
 *   the "\r\n" after each record
 * @value: (nullable): the field's text; %NULL is written as an empty field
 *
 * Quotes when RFC 4180 needs it or when a reader might trim the value, and
 * prefixes values that start like a formula with a ' inside the quotes so a
 * spreadsheet shows a customer's "=HYPERLINK(…)" as text instead of running it.
 */
void
pacta_csv_append_field (GString    *out,
                        const char *value)
{
  gboolean neutralise;
  gsize len;

  g_return_if_fail (out != NULL);

  if (value == NULL)
    value = "";
  len = strlen (value);
  neutralise = starts_formula (value);

  /* An empty field is quoted so a record of one empty field does not become
   * a blank line, which readers (ours included) skip; a leading U+FEFF so it
   * is not taken for the BOM when it is the first field of the file */
  if (len > 0 &&
      !neutralise &&
      strpbrk (value, ",\"\r\n") == NULL &&
      !g_str_has_prefix (value, UTF8_BOM) &&
      !is_blank (value[0]) &&
      !is_blank (value[len - 1]))
    {
      /* strlen() of a string in memory: it fits a gssize */
      g_string_append_len (out, value, (gssize) len);
      return;
    }

  g_string_append_c (out, '"');
  if (neutralise)
    g_string_append_c (out, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* ---- the skeleton of a CSV import -------------------------------------- */

/**
 * pacta_csv_import_error:
 * @column: the 0-based column the reason is about, or -1 for the whole line
 * @column_name: (nullable): the column's name, with @column
 *
 * Sets %PACTA_ERROR_INVALID_FILE naming the file, the line and, when
 * given, the column of a record an import refuses.
 *
 * Returns: %FALSE
 */
gboolean
pacta_csv_import_error (GError    **error,
                        const char *file,
                        guint       line,
                        int         column,
                        const char *column_name,
                        const char *reason)
{
  if (column >= 0)
    g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                 /* Translators: file, line, column number, column name, reason */
                 _("%s: line %u, column %d (%s): %s"), file, line, column + 1, column_name, reason);
  else
    g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                 _("%s: line %u: %s"), file, line, reason);
  return FALSE;
}

/**
 * pacta_csv_read_header:
 * @names: the columns an import knows, lower case
 * @point_at_unknown: whether an unknown column is reported at its column
 *   or for the whole line
 * @positions: (out caller-allocates) (array length=n_names): where each of
 *   @names stands, or -1 when the header does not have it
 * @n_fields: (out): how many fields the header has, and so every row
 * @line: (out): the header's line
 *
 * Reads the header: names are matched without case or surrounding spaces;
 * a column named twice, or one not in @names, is refused. Which columns are
 * required is the caller's to check.
 *
 * Returns: %FALSE with @error set, also for an empty file
 */
gboolean
pacta_csv_read_header (PactaCsvReader     *reader,
                       const char *const  *names,
                       guint               n_names,
                       gboolean            point_at_unknown,
                       int                *positions,
                       guint              *n_fields,
                       guint              *line,
                       GError            **error)
{
  const char *file = reader->display_name;
  g_auto(GStrv) header = NULL;

  for (guint c = 0; c < n_names; c++)
    positions[c] = -1;

  if (!pacta_csv_reader_next (reader, &header, line, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                     _("%s: the file is empty; it needs a header row"), file);
      return FALSE;
    }

  *n_fields = g_strv_length (header);
  for (guint i = 0; i < *n_fields; i++)
    {
      g_autofree char *name = g_strstrip (g_ascii_strdown (header[i], -1));
      gboolean known = FALSE;

      for (guint c = 0; c < n_names && !known; c++)
        if (g_str_equal (name, names[c]))
          {
            if (positions[c] >= 0)
              {
                g_autofree char *reason = g_strdup_printf (_("the column “%s” appears twice"), name);
                return pacta_csv_import_error (error, file, *line, -1, NULL, reason);
              }
            positions[c] = (int)i;
            known = TRUE;
          }

      if (!known)
        {
          g_autofree char *reason = g_strdup_printf (_("unknown column “%s”"), header[i]);

          if (point_at_unknown)
            return pacta_csv_import_error (error, file, *line, (int)i, header[i], reason);
          return pacta_csv_import_error (error, file, *line, -1, NULL, reason);
        }
    }

  return TRUE;
}

/**
 * pacta_csv_read_row:
 * @n_fields: how many fields the header has
 * @fields: (out) (transfer full): the row's fields
 * @line: (out): the row's line
 *
 * Returns: %TRUE with a row of @n_fields fields; %FALSE at the end of the
 *   file, or with @error set when the data is malformed or the row is not
 *   as wide as the header
 */
gboolean
pacta_csv_read_row (PactaCsvReader   *reader,
                    guint             n_fields,
                    char           ***fields,
                    guint            *line,
                    GError          **error)
{
  if (!pacta_csv_reader_next (reader, fields, line, error))
    return FALSE;

  if (g_strv_length (*fields) != n_fields)
    {
      g_autofree char *reason = g_strdup_printf (_("expected %u fields like the header, found %u"),
                                                 n_fields, g_strv_length (*fields));
      return pacta_csv_import_error (error, reader->display_name, *line, -1, NULL, reason);
    }
  return TRUE;
}

/**
 * pacta_csv_import_bytes:
 * @display_name: how the file is named in messages
 * @import_rows: reads the header and the rows, writing with the database's
 *   transaction already begun
 * @report: (out caller-allocates): what @import_rows counts, @report_size
 *   bytes, zeroed first and again when nothing is written
 *
 * Runs @import_rows in one transaction: it is rolled back, and @report
 * zeroed, unless every row was written.
 */
gboolean
pacta_csv_import_bytes (PactaDatabase           *database,
                        GBytes                  *bytes,
                        const char              *display_name,
                        PactaCsvImportRowsFunc   import_rows,
                        gpointer                 report,
                        gsize                    report_size,
                        GError                 **error)
{
  g_autoptr(PactaCsvReader) reader = NULL;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  memset (report, 0, report_size);
  reader = pacta_csv_reader_new (bytes, display_name);

  if (!pacta_database_begin (database, error))
    return FALSE;

  if (!import_rows (database, reader, display_name, report, error) ||
      !pacta_database_commit (database, error))
    {
      pacta_database_rollback (database);
      memset (report, 0, report_size);
      return FALSE;
    }

  return TRUE;
}

/**
 * pacta_csv_import_file:
 *
 * pacta_csv_import_bytes() on @file, read whole up to %PACTA_CSV_MAX_BYTES
 */
gboolean
pacta_csv_import_file (PactaDatabase           *database,
                       GFile                   *file,
                       PactaCsvImportRowsFunc   import_rows,
                       gpointer                 report,
                       gsize                    report_size,
                       GError                 **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  bytes = pacta_file_load (file, PACTA_CSV_MAX_BYTES, &name, error);
  if (bytes == NULL)
    return FALSE;
  return pacta_csv_import_bytes (database, bytes, name, import_rows, report, report_size, error);
}
