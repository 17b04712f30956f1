/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-file.c: the one way imports read their files */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pacta-error.h"
#include "pacta-file.h"

/**
 * pacta_file_load:
 * @display_name: (out): the file's name for messages, set even on failure
 *
 * Reads @file into memory, refusing it before reading when it is larger than
 * @max_bytes. Errors are %PACTA_ERROR_INVALID_FILE and name the file.
 */
GBytes *
pacta_file_load (GFile   *file,
                 gsize    max_bytes,
                 char   **display_name,
                 GError **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  *display_name = g_file_get_parse_name (file);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                   _("%s: cannot read the file: %s"), *display_name, local_error->message);
      return NULL;
    }

  if ((guint64)g_file_info_get_size (info) > max_bytes)
    {
      g_autofree char *size_text = g_format_size ((guint64)g_file_info_get_size (info));
      g_autofree char *limit_text = g_format_size (max_bytes);

      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                   /* Translators: file name, its size, the largest size allowed */
                   _("%s: the file is too large (%s; at most %s)"), *display_name, size_text, limit_text);
      return NULL;
    }

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                   _("%s: cannot read the file: %s"), *display_name, local_error->message);
      return NULL;
    }

  return g_bytes_new_take (contents, length);
}
