/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-common.c: one in-memory database per fuzz process, put back to its first state after every input.
 *
 * Opening a database runs every migration, far too slow to do per input; an
 * import that succeeds commits, so the database is copied back from a
 * pristine snapshot (sqlite's backup API, all in memory) after each input.
 * The database and the snapshot live for the whole process: they are reachable
 * from statics, so LeakSanitizer does not count them.
 */
#include <stdlib.h>

#include "fuzz-common.h"
#include "pacta-import.h"

static PactaDatabase *database;
static sqlite3 *pristine;

void
pacta_fuzz_init (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;

  /* A critical or warning from Pacta or GLib is a bug the input found: crash on it */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

static void
copy_database (sqlite3 *to,
               sqlite3 *from)
{
  sqlite3_backup *backup = sqlite3_backup_init (to, "main", from, "main");
  int rc;

  if (backup == NULL)
    g_error ("fuzz: cannot start the database copy: %s", sqlite3_errmsg (to));
  sqlite3_backup_step (backup, -1);
  if ((rc = sqlite3_backup_finish (backup)) != SQLITE_OK)
    g_error ("fuzz: cannot copy the database: %s", sqlite3_errstr (rc));
}

static GBytes *
demo_bytes (const char *name)
{
  g_autofree char *path = g_strconcat ("/io/github/pacta/Pacta/demo/", name, NULL);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);

  if (bytes == NULL)
    g_error ("fuzz: %s", error->message);
  return bytes;
}

/**
 * pacta_fuzz_database:
 * @with_demo: load the demo tenants and usages first, so that inputs can
 *   name existing customers
 *
 * Returns: (transfer none): the process's database, in its first state
 */
PactaDatabase *
pacta_fuzz_database (gboolean with_demo)
{
  g_autoptr(GError) error = NULL;

  if (database != NULL)
    return database;

  pacta_fuzz_init ();

  if (!(database = pacta_database_open (":memory:", &error)))
    g_error ("fuzz: %s", error->message);

  if (with_demo)
    {
      g_autoptr(GBytes) tenants = demo_bytes ("tenants.json");
      g_autoptr(GBytes) usages = demo_bytes ("usages.json");
      g_autoptr(PactaImportReport) report = pacta_import_report_new ();

      if (!pacta_import_platform_bytes (database, tenants, "tenants.json", usages, "usages.json",
                                        NULL, NULL, report, &error))
        g_error ("fuzz: %s", error->message);
    }

  if (sqlite3_open (":memory:", &pristine) != SQLITE_OK)
    g_error ("fuzz: cannot open the snapshot database");
  copy_database (pristine, pacta_database_get_handle (database));

  return database;
}

void
pacta_fuzz_database_reset (void)
{
  sqlite3 *handle = pacta_database_get_handle (database);

  /* An import must never leave its transaction open, whatever the input */
  if (!sqlite3_get_autocommit (handle))
    {
      g_printerr ("fuzz: the import left a transaction open\n");
      abort ();
    }
  copy_database (handle, pristine);
}
