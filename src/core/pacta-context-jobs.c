/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-context-jobs.c: the context's long work — imports, the billing run, the accounting
 * export, backups, checking the records — each as _async/_finish for the GUI and in place
 * for the command line, on one pattern (pacta-job.c).
 *
 * Every operation is one PactaJobFunc over a struct holding what it works on
 * and, once done, its result. The _async variant runs it on a worker
 * connection; its _finish brings the context's lists up to date when the
 * work wrote (so no caller syncs by hand). The in-place variant runs the
 * same function on the context's own connection, and syncs the same way.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pacta-backup.h"
#include "pacta-billing-import.h"
#include "pacta-catalog.h"
#include "pacta-context-private.h"
#include "pacta-import.h"
#include "pacta-verifactu-certificate.h"
#include "pacta-verifactu-sender.h"

/* After work that wrote: the lists show it. A failure to read them again is
 * not the work's failure (it is done, and saved). */
static void
refresh (PactaContext *self)
{
  g_autoptr(GError) error = NULL;

  if (!pacta_context_sync (self, &error))
    g_warning ("Could not refresh the lists after a change: %s", error->message);
}

/* The shared steps of every operation here and in pacta-context-platform.c
 * (declared in pacta-context-private.h) */
void
pacta_context_run_job_async (PactaContext        *self,
                             gpointer             source_tag,
                             PactaJobFunc         func,
                             gpointer             data,
                             GDestroyNotify       data_free,
                             PactaProgressFunc    progress,
                             gpointer             progress_data,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  pacta_job_run_async (pacta_context_get_workers (self), self, source_tag, func, data, data_free,
                       progress, progress_data, cancellable, callback, user_data);
}

gpointer
pacta_context_finish_job (PactaContext  *self,
                          GAsyncResult  *result,
                          gpointer       source_tag,
                          gboolean       wrote,
                          GError       **error)
{
  gpointer data;

  g_return_val_if_fail (g_task_get_source_object (G_TASK (result)) == self, NULL);

  data = pacta_job_run_finish (result, source_tag, error);
  if (data != NULL && wrote)
    refresh (self);
  return data;
}

gboolean
pacta_context_run_job (PactaContext       *self,
                       PactaJobFunc        func,
                       gpointer            data,
                       gboolean            writes,
                       PactaProgressFunc   progress,
                       gpointer            progress_data,
                       GCancellable       *cancellable,
                       GError            **error)
{
  if (!pacta_job_run_sync (pacta_context_get_database (self), func, data, progress, progress_data,
                           cancellable, error))
    return FALSE;
  if (writes)
    refresh (self);
  return TRUE;
}

void
pacta_context_job_progress (double   fraction,
                            gpointer user_data)
{
  pacta_job_report_progress (user_data, fraction);
}

/* ---- importing the platform's listings ------------------------------- */

typedef struct
{
  GFile             *tenants;
  GFile             *usages;
  PactaImportReport *report;
} ImportPlatform;

static void
import_platform_free (gpointer data)
{
  ImportPlatform *op = data;

  g_clear_object (&op->tenants);
  g_clear_object (&op->usages);
  g_clear_pointer (&op->report, pacta_import_report_free);
  g_free (op);
}

static ImportPlatform *
import_platform_new (GFile *tenants,
                     GFile *usages)
{
  ImportPlatform *op = g_new0 (ImportPlatform, 1);

  op->tenants = tenants != NULL ? g_object_ref (tenants) : NULL;
  op->usages = usages != NULL ? g_object_ref (usages) : NULL;
  op->report = pacta_import_report_new ();
  return op;
}

static gboolean
import_platform_work (PactaJob       *job,
                      PactaDatabase  *database,
                      GError        **error)
{
  ImportPlatform *op = pacta_job_get_data (job);

  return pacta_import_platform (database, op->tenants, op->usages, pacta_context_job_progress, job, op->report, error);
}

/**
 * pacta_context_import_platform_async:
 * @tenants: (nullable): the platform's tenant listing
 * @usages: (nullable): its usage listing
 * @progress: (nullable): told how far the import is, on this thread
 *
 * Imports the customers and their services, all or nothing: cancelled,
 * nothing of it is saved.
 */
void
pacta_context_import_platform_async (PactaContext        *self,
                                     GFile               *tenants,
                                     GFile               *usages,
                                     PactaProgressFunc    progress,
                                     gpointer             progress_data,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (PACTA_IS_CONTEXT (self));

  pacta_context_run_job_async (self, pacta_context_import_platform_async, import_platform_work,
             import_platform_new (tenants, usages), import_platform_free,
             progress, progress_data, cancellable, callback, user_data);
}

/**
 * pacta_context_import_platform_finish:
 *
 * Returns: (transfer full): what was imported; %NULL with @error when
 *   nothing was
 */
PactaImportReport *
pacta_context_import_platform_finish (PactaContext  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  ImportPlatform *op = pacta_context_finish_job (self, result, pacta_context_import_platform_async, TRUE, error);

  return op != NULL ? g_steal_pointer (&op->report) : NULL;
}

/* The same, in place (the command line) */
PactaImportReport *
pacta_context_import_platform (PactaContext       *self,
                               GFile              *tenants,
                               GFile              *usages,
                               PactaProgressFunc   progress,
                               gpointer            progress_data,
                               GCancellable       *cancellable,
                               GError            **error)
{
  ImportPlatform *op;
  PactaImportReport *report = NULL;

  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  op = import_platform_new (tenants, usages);
  if (pacta_context_run_job (self, import_platform_work, op, TRUE, progress, progress_data, cancellable, error))
    report = g_steal_pointer (&op->report);
  import_platform_free (op);
  return report;
}

/* ---- importing a CSV: billing information, the catalog's prices ----- */

typedef enum
{
  CSV_BILLING_INFO,
  CSV_CATALOG,
} CsvKind;

typedef struct
{
  CsvKind  kind;
  GFile   *file;
  guint    created;
  guint    updated;
} ImportCsv;

static void
import_csv_free (gpointer data)
{
  ImportCsv *op = data;

  g_clear_object (&op->file);
  g_free (op);
}

static ImportCsv *
import_csv_new (CsvKind  kind,
                GFile   *file)
{
  ImportCsv *op = g_new0 (ImportCsv, 1);

  op->kind = kind;
  op->file = g_object_ref (file);
  return op;
}

static gboolean
import_csv_work (PactaJob       *job,
                 PactaDatabase  *database,
                 GError        **error)
{
  ImportCsv *op = pacta_job_get_data (job);

  switch (op->kind)
    {
    case CSV_BILLING_INFO:
      {
        PactaBillingImportReport report = { 0 };

        if (!pacta_import_billing_info (database, op->file, &report, error))
          return FALSE;
        op->created = report.created;
        op->updated = report.updated;
        return TRUE;
      }
    case CSV_CATALOG:
      {
        PactaCatalogImportReport report = { 0 };

        if (!pacta_import_catalog (database, op->file, &report, error))
          return FALSE;
        op->created = report.created;
        op->updated = report.updated;
        return TRUE;
      }
    default:
      g_assert_not_reached ();
    }
}

static gboolean
import_csv_finish (PactaContext  *self,
                   GAsyncResult  *result,
                   gpointer       source_tag,
                   guint         *created,
                   guint         *updated,
                   GError       **error)
{
  ImportCsv *op = pacta_context_finish_job (self, result, source_tag, TRUE, error);

  if (op == NULL)
    return FALSE;
  *created = op->created;
  *updated = op->updated;
  return TRUE;
}

static gboolean
import_csv_sync (PactaContext  *self,
                 CsvKind        kind,
                 GFile         *file,
                 GCancellable  *cancellable,
                 guint         *created,
                 guint         *updated,
                 GError       **error)
{
  ImportCsv *op;
  gboolean done;

  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  op = import_csv_new (kind, file);
  done = pacta_context_run_job (self, import_csv_work, op, TRUE, NULL, NULL, cancellable, error);

  *created = op->created;
  *updated = op->updated;
  import_csv_free (op);
  return done;
}

static void
import_csv_async (PactaContext        *self,
                  CsvKind              kind,
                  gpointer             source_tag,
                  GFile               *file,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_return_if_fail (PACTA_IS_CONTEXT (self));
  g_return_if_fail (G_IS_FILE (file));

  pacta_context_run_job_async (self, source_tag, import_csv_work, import_csv_new (kind, file), import_csv_free, NULL, NULL,
             cancellable, callback, user_data);
}

/**
 * pacta_context_import_billing_info_async:
 *
 * Imports many customers' billing information from the accounting
 * software's CSV, all or nothing (see pacta_import_billing_info()).
 */
void
pacta_context_import_billing_info_async (PactaContext        *self,
                                         GFile               *file,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  import_csv_async (self, CSV_BILLING_INFO, pacta_context_import_billing_info_async, file, cancellable,
                    callback, user_data);
}

gboolean
pacta_context_import_billing_info_finish (PactaContext              *self,
                                          GAsyncResult              *result,
                                          PactaBillingImportReport  *report,
                                          GError                   **error)
{
  return import_csv_finish (self, result, pacta_context_import_billing_info_async,
                            &report->created, &report->updated, error);
}

gboolean
pacta_context_import_billing_info (PactaContext              *self,
                                   GFile                     *file,
                                   GCancellable              *cancellable,
                                   PactaBillingImportReport  *report,
                                   GError                   **error)
{
  return import_csv_sync (self, CSV_BILLING_INFO, file, cancellable, &report->created, &report->updated,
                          error);
}

/**
 * pacta_context_import_catalog_async:
 *
 * Imports the catalog's prices from a CSV, all or nothing (see
 * pacta_import_catalog()).
 */
void
pacta_context_import_catalog_async (PactaContext        *self,
                                    GFile               *file,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  import_csv_async (self, CSV_CATALOG, pacta_context_import_catalog_async, file, cancellable,
                    callback, user_data);
}

gboolean
pacta_context_import_catalog_finish (PactaContext              *self,
                                     GAsyncResult              *result,
                                     PactaCatalogImportReport  *report,
                                     GError                   **error)
{
  return import_csv_finish (self, result, pacta_context_import_catalog_async,
                            &report->created, &report->updated, error);
}

gboolean
pacta_context_import_catalog (PactaContext              *self,
                              GFile                     *file,
                              GCancellable              *cancellable,
                              PactaCatalogImportReport  *report,
                              GError                   **error)
{
  return import_csv_sync (self, CSV_CATALOG, file, cancellable, &report->created, &report->updated, error);
}

/* ---- the billing run --------------------------------------------------- */

typedef struct
{
  char              *month;
  PactaBillingFlags  flags;
  PactaBillingPlan  *plan;
  GStrv              numbers;
} Billing;

static void
billing_free (gpointer data)
{
  Billing *op = data;

  g_free (op->month);
  g_clear_pointer (&op->plan, pacta_billing_plan_free);
  g_strfreev (op->numbers);
  g_free (op);
}

static Billing *
billing_new (const char        *month,
             PactaBillingFlags  flags)
{
  Billing *op = g_new0 (Billing, 1);

  op->month = g_strdup (month);
  op->flags = flags;
  return op;
}

static gboolean
plan_work (PactaJob       *job,
           PactaDatabase  *database,
           GError        **error)
{
  Billing *op = pacta_job_get_data (job);

  return (op->plan = pacta_billing_plan (database, op->month, error)) != NULL;
}

/**
 * pacta_context_plan_billing_async:
 *
 * Works out what a billing run for @month would issue, writing nothing.
 */
void
pacta_context_plan_billing_async (PactaContext        *self,
                                  const char          *month,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (PACTA_IS_CONTEXT (self));

  pacta_context_run_job_async (self, pacta_context_plan_billing_async, plan_work, billing_new (month, PACTA_BILLING_FLAGS_NONE),
             billing_free, NULL, NULL, cancellable, callback, user_data);
}

/**
 * pacta_context_plan_billing_finish:
 *
 * Returns: (transfer full): the plan
 */
PactaBillingPlan *
pacta_context_plan_billing_finish (PactaContext  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  Billing *op = pacta_context_finish_job (self, result, pacta_context_plan_billing_async, FALSE, error);

  return op != NULL ? g_steal_pointer (&op->plan) : NULL;
}

static gboolean
run_billing_work (PactaJob       *job,
                  PactaDatabase  *database,
                  GError        **error)
{
  Billing *op = pacta_job_get_data (job);
  g_autofree char *backup = NULL;

  /* A copy of the database before the run, should anything go wrong
   * later; a run cancelled or refused leaves no copy of its own behind */
  if (!pacta_billing_check (database, op->month, op->flags, error) ||
      !(backup = pacta_backup_create (database, "billing-run", error)))
    return FALSE;
  pacta_job_report_progress (job, 0.1);
  if (!(op->numbers = pacta_billing_commit (database, op->month, op->flags, error)))
    {
      if (g_cancellable_is_cancelled (pacta_job_get_cancellable (job)))
        g_unlink (backup);
      return FALSE;
    }
  pacta_job_report_progress (job, 1.0);
  return TRUE;
}

/**
 * pacta_context_run_billing_async:
 *
 * Issues the invoices of a billing run for @month in one transaction, after
 * a backup; cancelled before it commits, nothing is issued (and its backup
 * is removed). Usage-following parts bill provisional usage only with
 * %PACTA_BILLING_PROVISIONAL_USAGE in @flags (see pacta_billing_commit()).
 */
void
pacta_context_run_billing_async (PactaContext        *self,
                                 const char          *month,
                                 PactaBillingFlags    flags,
                                 PactaProgressFunc    progress,
                                 gpointer             progress_data,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (PACTA_IS_CONTEXT (self));

  pacta_context_run_job_async (self, pacta_context_run_billing_async, run_billing_work, billing_new (month, flags), billing_free,
             progress, progress_data, cancellable, callback, user_data);
}

/**
 * pacta_context_run_billing_finish:
 *
 * Returns: (transfer full): the numbers issued, in order (none when there
 *   was nothing to bill)
 */
GStrv
pacta_context_run_billing_finish (PactaContext  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  Billing *op = pacta_context_finish_job (self, result, pacta_context_run_billing_async, TRUE, error);

  return op != NULL ? g_steal_pointer (&op->numbers) : NULL;
}

GStrv
pacta_context_run_billing (PactaContext       *self,
                           const char         *month,
                           PactaBillingFlags   flags,
                           PactaProgressFunc   progress,
                           gpointer            progress_data,
                           GCancellable       *cancellable,
                           GError            **error)
{
  Billing *op;
  GStrv numbers = NULL;

  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  op = billing_new (month, flags);
  if (pacta_context_run_job (self, run_billing_work, op, TRUE, progress, progress_data, cancellable, error))
    numbers = g_steal_pointer (&op->numbers);
  billing_free (op);
  return numbers;
}

/* ---- the accounting export --------------------------------------------- */

typedef struct
{
  GFile                  *directory;
  char                   *today;
  PactaInvoiceRenderFunc  render;
  gpointer                render_data;
  guint                   n_exported;
  GStrv                   written;
} Export;

static void
export_free (gpointer data)
{
  Export *op = data;

  g_clear_object (&op->directory);
  g_free (op->today);
  g_strfreev (op->written);
  g_free (op);
}

static Export *
export_new (GFile                  *directory,
            const char             *today,
            PactaInvoiceRenderFunc  render,
            gpointer                render_data)
{
  Export *op = g_new0 (Export, 1);

  op->directory = g_object_ref (directory);
  op->today = g_strdup (today);
  op->render = render;
  op->render_data = render_data;
  return op;
}

static gboolean
export_work (PactaJob       *job,
             PactaDatabase  *database,
             GError        **error)
{
  Export *op = pacta_job_get_data (job);

  return pacta_invoice_export_accounting (database, op->directory, op->today, op->render, op->render_data,
                                          &op->n_exported, &op->written, error);
}

/**
 * pacta_context_export_accounting_async:
 * @render: (nullable): renders an invoice's PDF; called in a thread
 *
 * Writes the invoices not exported yet into @directory and marks them
 * exported; cancelled or failed, the files it wrote are removed and none is
 * marked.
 */
void
pacta_context_export_accounting_async (PactaContext           *self,
                                       GFile                  *directory,
                                       const char             *today,
                                       PactaInvoiceRenderFunc  render,
                                       gpointer                render_data,
                                       GCancellable           *cancellable,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data)
{
  g_return_if_fail (PACTA_IS_CONTEXT (self));
  g_return_if_fail (G_IS_FILE (directory));

  pacta_context_run_job_async (self, pacta_context_export_accounting_async, export_work,
             export_new (directory, today, render, render_data), export_free, NULL, NULL,
             cancellable, callback, user_data);
}

gboolean
pacta_context_export_accounting_finish (PactaContext  *self,
                                        GAsyncResult  *result,
                                        guint         *n_exported,
                                        GStrv         *written,
                                        GError       **error)
{
  Export *op = pacta_context_finish_job (self, result, pacta_context_export_accounting_async, TRUE, error);

  if (op == NULL)
    return FALSE;
  *n_exported = op->n_exported;
  if (written != NULL)
    *written = g_steal_pointer (&op->written);
  return TRUE;
}

gboolean
pacta_context_export_accounting (PactaContext            *self,
                                 GFile                   *directory,
                                 const char              *today,
                                 PactaInvoiceRenderFunc   render,
                                 gpointer                 render_data,
                                 GCancellable            *cancellable,
                                 guint                   *n_exported,
                                 GStrv                   *written,
                                 GError                 **error)
{
  Export *op;
  gboolean done;

  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  op = export_new (directory, today, render, render_data);
  done = pacta_context_run_job (self, export_work, op, TRUE, NULL, NULL, cancellable, error);
  *n_exported = op->n_exported;
  if (written != NULL)
    *written = g_steal_pointer (&op->written);
  export_free (op);
  return done;
}

/* ---- backups ----------------------------------------------------------- */

typedef struct
{
  char *reason;  /* for a new copy */
  char *path;    /* the copy made, or the one to restore */
} Backup;

static void
backup_free (gpointer data)
{
  Backup *op = data;

  g_free (op->reason);
  g_free (op->path);
  g_free (op);
}

static gboolean
create_backup_work (PactaJob       *job,
                    PactaDatabase  *database,
                    GError        **error)
{
  Backup *op = pacta_job_get_data (job);

  if (!(op->path = pacta_backup_create (database, op->reason, error)))
    return FALSE;
  /* A copy wanted no more is not left behind */
  if (g_cancellable_set_error_if_cancelled (pacta_job_get_cancellable (job), error))
    {
      g_unlink (op->path);
      return FALSE;
    }
  return TRUE;
}

/**
 * pacta_context_create_backup_async:
 * @reason: a word for the copy's name (see pacta_backup_create())
 */
void
pacta_context_create_backup_async (PactaContext        *self,
                                   const char          *reason,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Backup *op = g_new0 (Backup, 1);

  g_return_if_fail (PACTA_IS_CONTEXT (self));

  op->reason = g_strdup (reason);
  pacta_context_run_job_async (self, pacta_context_create_backup_async, create_backup_work, op, backup_free, NULL, NULL,
             cancellable, callback, user_data);
}

/**
 * pacta_context_create_backup_finish:
 *
 * Returns: (transfer full): the copy's path
 */
char *
pacta_context_create_backup_finish (PactaContext  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  Backup *op = pacta_context_finish_job (self, result, pacta_context_create_backup_async, FALSE, error);

  return op != NULL ? g_steal_pointer (&op->path) : NULL;
}

static gboolean
restore_backup_work (PactaJob       *job,
                     PactaDatabase  *database,
                     GError        **error)
{
  Backup *op = pacta_job_get_data (job);

  return pacta_backup_restore (database, op->path, error);
}

/**
 * pacta_context_restore_backup_async:
 *
 * Puts the copy at @path back in place of the database (after a copy of
 * the database as it is). The context's lists then show a database that
 * may be of an older schema: reopen it (pacta_context_reopen()).
 */
void
pacta_context_restore_backup_async (PactaContext        *self,
                                    const char          *path,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  Backup *op = g_new0 (Backup, 1);

  g_return_if_fail (PACTA_IS_CONTEXT (self));

  op->path = g_strdup (path);
  pacta_context_run_job_async (self, pacta_context_restore_backup_async, restore_backup_work, op, backup_free, NULL, NULL,
             cancellable, callback, user_data);
}

gboolean
pacta_context_restore_backup_finish (PactaContext  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return pacta_context_finish_job (self, result, pacta_context_restore_backup_async, FALSE, error) != NULL;
}

/* ---- checking the invoice records' chain ------------------------------- */

typedef struct
{
  PactaVerifactuCheck *check;
} Verify;

static void
verify_free (gpointer data)
{
  Verify *op = data;

  g_clear_pointer (&op->check, pacta_verifactu_check_free);
  g_free (op);
}

static gboolean
verify_work (PactaJob       *job,
             PactaDatabase  *database,
             GError        **error)
{
  Verify *op = pacta_job_get_data (job);

  return (op->check = pacta_verifactu_verify (database, error)) != NULL;
}

/**
 * pacta_context_verify_records_async:
 *
 * Checks every invoice record's hash and chain (see pacta_verifactu_verify()).
 */
void
pacta_context_verify_records_async (PactaContext        *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (PACTA_IS_CONTEXT (self));

  pacta_context_run_job_async (self, pacta_context_verify_records_async, verify_work, g_new0 (Verify, 1), verify_free,
             NULL, NULL, cancellable, callback, user_data);
}

/**
 * pacta_context_verify_records_finish:
 *
 * Returns: (transfer full): what the check found
 */
PactaVerifactuCheck *
pacta_context_verify_records_finish (PactaContext  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  Verify *op = pacta_context_finish_job (self, result, pacta_context_verify_records_async, FALSE, error);

  return op != NULL ? g_steal_pointer (&op->check) : NULL;
}

PactaVerifactuCheck *
pacta_context_verify_records (PactaContext  *self,
                              GCancellable  *cancellable,
                              GError       **error)
{
  Verify op = { NULL };

  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  if (!pacta_context_run_job (self, verify_work, &op, FALSE, NULL, NULL, cancellable, error))
    return NULL;
  return g_steal_pointer (&op.check);
}

/* ---- sending the invoice records to the tax agency --------------------- */

typedef struct
{
  PactaVerifactuConnection *connection;  /* borrowed; NULL: opened with the keyring's password */
  PactaVerifactuSendReport  report;
} Send;

static void
send_free (gpointer data)
{
  Send *op = data;

  pacta_verifactu_send_report_clear (&op->report);
  g_free (op);
}

static gboolean
send_work (PactaJob       *job,
           PactaDatabase  *database,
           GError        **error)
{
  Send *op = pacta_job_get_data (job);
  GCancellable *cancellable = pacta_job_get_cancellable (job);
  g_autoptr(PactaVerifactuConnection) connection = NULL;

  /* Unlike the other work, an answer the agency gave is saved even when
   * the sending is cancelled (the records it holds must not go twice):
   * the cancellable stops the network waits only, not the database */
  pacta_database_set_cancellable (database, NULL);
  if (op->connection != NULL)
    return pacta_verifactu_send_pending (database, op->connection, &op->report, cancellable, error);
  /* The certificate's password from the keyring: never asked for here */
  return (connection = pacta_verifactu_certificate_connect_sync (database, NULL, cancellable, error)) != NULL &&
         pacta_verifactu_send_pending (database, connection, &op->report, cancellable, error);
}

/**
 * pacta_context_send_records_async:
 * @connection: (nullable): the agency's connection, opened with a password
 *   the caller was given (the command line); kept alive until the callback.
 *   %NULL: opened here with the password in the keyring
 *
 * Sends the invoice records the tax agency has not had yet, with the
 * installed certificate (see pacta_verifactu_send_pending()); each answer is
 * saved as it comes, so a cancellation loses none (it stops the network
 * waits only). The TLS handshake asks the calling thread's main context for
 * the client certificate: keep it running.
 */
void
pacta_context_send_records_async (PactaContext              *self,
                                  PactaVerifactuConnection  *connection,
                                  GCancellable              *cancellable,
                                  GAsyncReadyCallback        callback,
                                  gpointer                   user_data)
{
  Send *op = g_new0 (Send, 1);

  g_return_if_fail (PACTA_IS_CONTEXT (self));

  op->connection = connection;
  pacta_context_run_job_async (self, pacta_context_send_records_async, send_work, op, send_free, NULL, NULL,
             cancellable, callback, user_data);
}

/**
 * pacta_context_send_records_finish:
 * @report: (out caller-allocates) (optional): what was sent; clear it with
 *   pacta_verifactu_send_report_clear()
 */
gboolean
pacta_context_send_records_finish (PactaContext              *self,
                                   GAsyncResult              *result,
                                   PactaVerifactuSendReport  *report,
                                   GError                   **error)
{
  gboolean sent = pacta_context_finish_job (self, result, pacta_context_send_records_async, TRUE, error) != NULL;
  /* What was sent, and what still waits, failed or not */
  Send *op = pacta_job_get_data (g_task_get_task_data (G_TASK (result)));

  /* Answers saved before a failure show too */
  if (!sent)
    refresh (self);
  if (report != NULL)
    {
      *report = op->report;
      memset (&op->report, 0, sizeof op->report);
    }
  return sent;
}
