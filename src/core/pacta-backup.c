/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-backup.c: automatic copies of the database, and restoring one.
 *
 * A copy is taken with sqlite's online backup API (a consistent snapshot even
 * while another connection writes) into a "backups" folder next to the
 * database, before a schema migration and before each billing run, named by
 * the app's clock in UTC — NAME-YYYYMMDD-HHMMSS-ffffffZ-REASON.sqlite — so
 * that the hour repeated when summer time ends cannot put them out of order.
 * Copies are ordered by the time in their name, never by the name as text
 * (older versions named them in local time, without the Z), and only the
 * newest PACTA_BACKUPS_KEPT stay.
 *
 * Restoring copies a backup back over the live database, again with the
 * backup API, after checking the copy's integrity and taking a copy of the
 * current state first, so a restore can itself be undone.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pacta-backup.h"
#include "pacta-clock.h"
#include "pacta-error.h"

void
pacta_backup_free (PactaBackup *backup)
{
  if (backup == NULL)
    return;
  g_free (backup->path);
  g_free (backup->reason);
  g_clear_pointer (&backup->taken, g_date_time_unref);
  g_free (backup->last_invoice_number);
  g_free (backup);
}

/* "pacta" for ".../pacta.sqlite": what every backup's name starts with */
static char *
database_stem (PactaDatabase *database)
{
  g_autofree char *base = g_path_get_basename (pacta_database_get_path (database));
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

/**
 * pacta_backup_directory:
 *
 * Returns: (transfer full): the folder the database's backups go to, next
 *   to the database itself
 */
char *
pacta_backup_directory (PactaDatabase *database)
{
  g_autofree char *dir = g_path_get_dirname (pacta_database_get_path (database));

  return g_build_filename (dir, "backups", NULL);
}

static gboolean
copy_database (sqlite3     *from,
               sqlite3     *to,
               int         *rc)
{
  sqlite3_backup *backup = sqlite3_backup_init (to, "main", from, "main");

  if (backup == NULL)
    {
      *rc = sqlite3_errcode (to);
      return FALSE;
    }
  /* All pages in one step: the copy is one consistent snapshot */
  sqlite3_backup_step (backup, -1);
  *rc = sqlite3_backup_finish (backup);
  return *rc == SQLITE_OK;
}

/* The length of YYYYMMDD-HHMMSS-ffffff */
#define STAMP_LENGTH 22

/* Reads NAME-YYYYMMDD-HHMMSS-ffffff[Z]-REASON.sqlite into @backup (path
 * aside): a stamp with a Z is UTC, one without is local time, as versions
 * before the one clock wrote it. Returns FALSE for a name that is not a backup's. */
static gboolean
parse_name (const char  *name,
            const char  *prefix,
            PactaBackup *backup)
{
  const char *stamp = name + strlen (prefix);
  const char *rest = stamp + STAMP_LENGTH;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) taken = NULL;
  int year, month, day, hour, minute, second, micro, n = 0;

  if (!g_str_has_prefix (name, prefix) || !g_str_has_suffix (name, ".sqlite") ||
      strlen (stamp) < STAMP_LENGTH + strlen ("-.sqlite"))
    return FALSE;
  for (int i = 0; i < STAMP_LENGTH; i++)
    if (i == 8 || i == 15 ? stamp[i] != '-' : !g_ascii_isdigit (stamp[i]))
      return FALSE;
  if (sscanf (stamp, "%4d%2d%2d-%2d%2d%2d-%6d%n", &year, &month, &day, &hour, &minute, &second, &micro, &n) != 7 ||
      n != STAMP_LENGTH)
    return FALSE;

  if (*rest == 'Z')
    {
      zone = g_time_zone_new_utc ();
      rest++;
    }
  else
    zone = pacta_clock_get_timezone (pacta_clock_get_default ());
  if (*rest != '-' || !(taken = g_date_time_new (zone, year, month, day, hour, minute, second + micro / 1e6)))
    return FALSE;

  backup->reason = g_strndup (rest + 1, strlen (rest + 1) - strlen (".sqlite"));
  backup->taken = g_steal_pointer (&taken);
  return TRUE;
}

static int
compare_taken (gconstpointer a,
               gconstpointer b)
{
  const PactaBackup *x = *(PactaBackup *const *) a;
  const PactaBackup *y = *(PactaBackup *const *) b;
  int order = g_date_time_compare (x->taken, y->taken);

  return order != 0 ? order : g_strcmp0 (x->path, y->path);
}

/* The database's backups, oldest first by the time they were taken; what
 * each holds is not read yet */
static GPtrArray *
list_backups (PactaDatabase *database)
{
  g_autofree char *dir_path = pacta_backup_directory (database);
  g_autofree char *stem = database_stem (database);
  g_autofree char *prefix = g_strconcat (stem, "-", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *backups = g_ptr_array_new_with_free_func ((GDestroyNotify) pacta_backup_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(PactaBackup) backup = g_new0 (PactaBackup, 1);

      if (!parse_name (name, prefix, backup))
        continue;
      backup->path = g_build_filename (dir_path, name, NULL);
      g_ptr_array_add (backups, g_steal_pointer (&backup));
    }
  g_ptr_array_sort (backups, compare_taken);
  return backups;
}

/* @newest: the backup just written, whose modification time says how old
 * the file system thinks the leftovers are (no clock is read for it) */
static void
prune (PactaDatabase *database,
       const char    *newest)
{
  g_autofree char *dir = pacta_backup_directory (database);
  g_autoptr(GPtrArray) backups = list_backups (database);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  GStatBuf now;

  /* What an interrupted copy left behind, an hour or more before this
   * copy (a younger one may be another Pacta's copy in progress) */
  while (g_stat (newest, &now) == 0 && listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, ".sqlite.partial"))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        GStatBuf st;

        if (g_stat (path, &st) == 0 && st.st_mtime + 3600 < now.st_mtime)
          g_unlink (path);
      }

  for (guint i = 0; i + PACTA_BACKUPS_KEPT < backups->len; i++)
    {
      PactaBackup *backup = g_ptr_array_index (backups, i);

      if (g_unlink (backup->path) != 0)
        g_warning ("Could not remove the old backup %s: %s", backup->path, g_strerror (errno));
    }
}

/**
 * pacta_backup_create:
 * @reason: a word for the name: "migration", "billing-run", "restore"
 *
 * Copies the database, as it is now, into the backups folder (0600 in a 0700
 * folder, like the database) and removes the oldest copies beyond
 * %PACTA_BACKUPS_KEPT. Take it outside a transaction.
 *
 * Returns: (transfer full): the copy's path; %NULL when it could not be
 *   written (and no partial file stays)
 */
/* Creates the copy's file, private and new, under a name that sorts after
 * every copy taken before: the clock's time in UTC, or a microsecond after
 * the newest copy when the clock is not past it (a fixed clock, two copies
 * in one microsecond, a clock put back), so that the copy just taken is
 * never the one pruned. Returns the final path; the file is its .partial
 * twin. */
static char *
create_partial (PactaDatabase  *database,
                const char     *dir,
                const char     *stem,
                const char     *reason,
                GError        **error)
{
  g_autoptr(GDateTime) now = pacta_now ();
  g_autoptr(GDateTime) time = g_date_time_to_utc (now);
  g_autoptr(GPtrArray) backups = list_backups (database);

  if (backups->len > 0)
    {
      PactaBackup *newest = g_ptr_array_index (backups, backups->len - 1);

      if (g_date_time_compare (time, newest->taken) <= 0)
        {
          GDateTime *after = g_date_time_add (newest->taken, 1);

          g_date_time_unref (time);
          time = g_date_time_to_utc (after);
          g_date_time_unref (after);
        }
    }

  for (int attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *stamp = g_date_time_format (time, "%Y%m%d-%H%M%S-%fZ");
      g_autofree char *name = g_strdup_printf ("%s-%s-%s.sqlite", stem, stamp, reason);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *partial = g_strconcat (path, ".partial", NULL);
      int fd, saved_errno;

      /* Private from the first byte, and never over another file */
      if (!g_file_test (path, G_FILE_TEST_EXISTS) &&
          (fd = g_open (partial, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) >= 0)
        {
          g_close (fd, NULL);
          return g_steal_pointer (&path);
        }
      saved_errno = errno;
      if (!g_file_test (path, G_FILE_TEST_EXISTS) && saved_errno != EEXIST)
        {
          g_set_error (error, PACTA_ERROR, PACTA_ERROR_DATABASE,
                       _("Cannot write the backup “%s”: %s"), path, g_strerror (saved_errno));
          return NULL;
        }
      {
        GDateTime *later = g_date_time_add (time, 1);

        g_date_time_unref (time);
        time = later;
      }
    }
  g_set_error (error, PACTA_ERROR, PACTA_ERROR_DATABASE,
               _("Cannot write a backup into “%s”: every name is taken"), dir);
  return NULL;
}

/**
 * pacta_backup_create:
 * @reason: a word for the name: "migration", "billing-run", "restore"
 *
 * Copies the database, as it is now, into the backups folder (0600 in a 0700
 * folder, like the database) and removes the oldest copies beyond
 * %PACTA_BACKUPS_KEPT. Take it outside a transaction.
 *
 * Returns: (transfer full): the copy's path; %NULL when it could not be
 *   written (and no partial file stays)
 */
char *
pacta_backup_create (PactaDatabase  *database,
                     const char     *reason,
                     GError        **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *path = NULL;
  g_autofree char *partial = NULL;
  sqlite3 *copy = NULL;
  int rc;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (reason != NULL, NULL);

  dir = pacta_backup_directory (database);
  stem = database_stem (database);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PACTA_ERROR, PACTA_ERROR_DATABASE,
                   _("Cannot create the backup folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }
  /* Written under a temporary name and renamed when whole, so that a crash
   * midway never leaves something that looks like a backup */
  if (!(path = create_partial (database, dir, stem, reason, error)))
    return NULL;
  partial = g_strconcat (path, ".partial", NULL);

  if (sqlite3_open_v2 (partial, &copy, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
      !copy_database (pacta_database_get_handle (database), copy, &rc) ||
      sqlite3_close (copy) != SQLITE_OK || (copy = NULL, g_rename (partial, path) != 0))
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_DATABASE,
                   _("Cannot write the backup “%s”: %s"), path,
                   copy != NULL ? sqlite3_errmsg (copy) : g_strerror (errno));
      sqlite3_close_v2 (copy);
      g_unlink (partial);
      return NULL;
    }
  prune (database, path);
  return g_steal_pointer (&path);
}

/* What a copy holds, read without changing it */
static void
describe_copy (PactaBackup *backup)
{
  g_autofree char *uri = g_filename_to_uri (backup->path, NULL, NULL);
  g_autofree char *read_only = g_strconcat (uri != NULL ? uri : "", "?mode=ro", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  backup->n_invoices = -1;
  if (uri == NULL ||
      sqlite3_open_v2 (read_only, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT (SELECT count(*) FROM invoices WHERE kind = 'invoice'),"
                              " (SELECT number FROM invoices WHERE kind = 'invoice' ORDER BY id DESC LIMIT 1)",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sqlite3_close_v2 (db);
      return;
    }
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      backup->n_invoices = sqlite3_column_int64 (stmt, 0);
      backup->last_invoice_number = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);
}

/**
 * pacta_backup_list:
 *
 * Returns: (transfer full) (element-type PactaBackup): the database's
 *   backups, newest first, with what each holds
 */
GPtrArray *
pacta_backup_list (PactaDatabase *database)
{
  g_autoptr(GPtrArray) backups = list_backups (database);
  g_autoptr(GTimeZone) zone = pacta_clock_get_timezone (pacta_clock_get_default ());
  GPtrArray *newest_first = g_ptr_array_new_full (backups->len, (GDestroyNotify) pacta_backup_free);

  for (guint i = backups->len; i > 0; i--)
    {
      PactaBackup *backup = g_ptr_array_steal_index (backups, i - 1);
      GDateTime *local = g_date_time_to_timezone (backup->taken, zone);

      /* Shown in local time, whatever zone the name is in */
      g_date_time_unref (backup->taken);
      backup->taken = local;
      describe_copy (backup);
      g_ptr_array_add (newest_first, backup);
    }
  return newest_first;
}

/**
 * pacta_backup_restore:
 * @path: a backup of this database
 *
 * Puts the backup's content in place of the database's. The backup must be
 * intact and of a schema this version knows; the current state is copied
 * first (reason "restore"), so the restore can be undone. Afterwards the
 * database must be opened again (pacta_database_open()), which brings an
 * older copy's schema up to date.
 */
gboolean
pacta_backup_restore (PactaDatabase  *database,
                      const char     *path,
                      GError        **error)
{
  g_autofree char *before = NULL;
  g_autofree char *check = NULL;
  sqlite3 *source = NULL;
  sqlite3_stmt *stmt = NULL;
  int version = -1;
  int rc;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (sqlite3_open_v2 (path, &source, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                   _("Cannot open the backup “%s”: %s"), path, sqlite3_errmsg (source));
      sqlite3_close_v2 (source);
      return FALSE;
    }
  /* Only a sound copy, of a schema this version can bring up to date */
  if (sqlite3_prepare_v2 (source, "PRAGMA quick_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    check = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (sqlite3_prepare_v2 (source, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (g_strcmp0 (check, "ok") != 0 || version < 1)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                   _("“%s” is not an intact Pacta backup; nothing was changed"), path);
      sqlite3_close_v2 (source);
      return FALSE;
    }
  if (version > pacta_database_get_latest_version ())
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_SCHEMA_TOO_NEW,
                   _("The backup “%s” was written by a newer version of Pacta; nothing was changed"), path);
      sqlite3_close_v2 (source);
      return FALSE;
    }

  if (!(before = pacta_backup_create (database, "restore", error)))
    {
      sqlite3_close_v2 (source);
      return FALSE;
    }
  if (!copy_database (source, pacta_database_get_handle (database), &rc))
    {
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        g_set_error_literal (error, PACTA_ERROR, PACTA_ERROR_DATABASE,
                             _("Another Pacta window or command is using the database; close it and try again. "
                               "Nothing was changed"));
      else
        g_set_error (error, PACTA_ERROR, PACTA_ERROR_DATABASE,
                     _("Could not restore the backup: %s. The state before is in “%s”"),
                     sqlite3_errstr (rc), before);
      sqlite3_close_v2 (source);
      return FALSE;
    }
  sqlite3_close_v2 (source);
  return TRUE;
}
