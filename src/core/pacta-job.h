/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-job.h: long work — an import, a billing run, an export, a backup — run off the main
 * thread on a worker connection, cancellable, with progress; or run in place for the CLI */
#pragma once

#include <gio/gio.h>

#include "pacta-database.h"

G_BEGIN_DECLS

typedef struct _PactaJob     PactaJob;
typedef struct _PactaWorkers PactaWorkers;

/* @fraction: 0.0 to 1.0 */
typedef void     (*PactaProgressFunc) (double     fraction,
                                       gpointer   user_data);

/* Does the work on @database, with the job's data (pacta_job_get_data());
 * writes in one transaction, so that a cancellation (which fails any
 * statement and commit from then on) leaves nothing behind */
typedef gboolean (*PactaJobFunc)      (PactaJob       *job,
                                       PactaDatabase  *database,
                                       GError        **error);

gpointer      pacta_job_get_data           (PactaJob      *job);
GCancellable *pacta_job_get_cancellable    (PactaJob      *job);
void          pacta_job_report_progress    (PactaJob      *job,
                                            double         fraction);

PactaWorkers *pacta_workers_new            (const char    *path);
PactaWorkers *pacta_workers_new_in_place   (PactaDatabase *database);
PactaWorkers *pacta_workers_ref            (PactaWorkers  *workers);
void          pacta_workers_unref          (PactaWorkers  *workers);
const char   *pacta_workers_get_path       (PactaWorkers  *workers);

void          pacta_job_run_async          (PactaWorkers        *workers,
                                            gpointer             source_object,
                                            gpointer             source_tag,
                                            PactaJobFunc         func,
                                            gpointer             data,
                                            GDestroyNotify       data_free,
                                            PactaProgressFunc    progress,
                                            gpointer             progress_data,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gpointer      pacta_job_run_finish         (GAsyncResult        *result,
                                            gpointer             source_tag,
                                            GError             **error);
gboolean      pacta_job_run_sync           (PactaDatabase       *database,
                                            PactaJobFunc         func,
                                            gpointer             data,
                                            PactaProgressFunc    progress,
                                            gpointer             progress_data,
                                            GCancellable        *cancellable,
                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PactaWorkers, pacta_workers_unref)

G_END_DECLS
