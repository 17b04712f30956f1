/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-context-private.h: what the context's own files share, not for its users */
#pragma once

#include "pacta-context.h"

G_BEGIN_DECLS

PactaWorkers *pacta_context_get_workers (PactaContext *self);
void          pacta_context_emit_platform_changed (PactaContext *self);
void          pacta_context_emit_mail_changed     (PactaContext *self);
PactaInvoiceRenderFunc pacta_context_get_invoice_renderer (PactaContext  *self,
                                                           gpointer      *user_data);

/* Running a context operation (pacta-context-jobs.c): on a worker for the
 * window, then its data back with the lists refreshed when it @wrote; or in
 * place for the command line. pacta_context_job_progress() is the
 * PactaImportProgress that tells a job's progress (its data: the job). */
void          pacta_context_run_job_async (PactaContext        *self,
                                           gpointer             source_tag,
                                           PactaJobFunc         func,
                                           gpointer             data,
                                           GDestroyNotify       data_free,
                                           PactaProgressFunc    progress,
                                           gpointer             progress_data,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gpointer      pacta_context_finish_job    (PactaContext        *self,
                                           GAsyncResult        *result,
                                           gpointer             source_tag,
                                           gboolean             wrote,
                                           GError             **error);
gboolean      pacta_context_run_job       (PactaContext        *self,
                                           PactaJobFunc         func,
                                           gpointer             data,
                                           gboolean             writes,
                                           PactaProgressFunc    progress,
                                           gpointer             progress_data,
                                           GCancellable        *cancellable,
                                           GError             **error);
void          pacta_context_job_progress  (double               fraction,
                                           gpointer             job);

G_END_DECLS
