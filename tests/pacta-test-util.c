/* pacta-test-util.c: temporary folders, files and checksums for the tests */
#include <glib/gstdio.h>

#include "pacta-import.h"
#include "pacta-test-util.h"

char *
pacta_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("pacta-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

char *
pacta_test_write_file (const char *dir,
                       const char *name,
                       const char *contents,
                       gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

char *
pacta_test_file_checksum (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
}

/* The bundled demo listings, read from the source tree */
GBytes *
pacta_test_demo_bytes (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", name, NULL);
  char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

void
pacta_test_remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        pacta_test_remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

/* The demo's customers and services, but none of its billing information:
 * the state of an MSP that has just imported from the platform. */
PactaContext *
pacta_test_open_platform_demo (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "platform.sqlite", NULL);
  g_autoptr(PactaDatabase) database = pacta_database_open (path, &error);
  g_autoptr(PactaImportReport) report = pacta_import_report_new ();
  g_autoptr(GBytes) tenants = pacta_test_demo_bytes ("tenants.json");
  g_autoptr(GBytes) usages = pacta_test_demo_bytes ("usages.json");
  PactaContext *context;

  g_assert_no_error (error);
  pacta_import_platform_bytes (database, tenants, "tenants.json", usages, "usages.json", NULL, NULL, report, &error);
  g_assert_no_error (error);
  context = pacta_context_new (database, FALSE, &error);
  g_assert_no_error (error);
  return context;
}
