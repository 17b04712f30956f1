/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-job.c: one way to run long work, as Text Editor's EditorSession offers _async and
 * _finish pairs: a GTask in a thread, on a connection of the context's own (kept for the
 * next job), cancellable at any statement, its progress handed to the main thread.
 *
 * The GUI calls pacta_job_run_async() through the context's operations
 * (pacta-context-jobs.c); the command line runs the same function in place
 * with pacta_job_run_sync(). Either way the work sees only its database
 * connection and its data, so it cannot touch a widget or a store.
 *
 * Connections: each running job takes an idle worker connection or opens
 * one, and gives it back when done; jobs running together (the agency's
 * sending and an import, say) each have their own, and sqlite's locking
 * orders their writes. None is the main thread's connection, whose stores
 * the context brings up to date once a job has written.
 */
#include "config.h"

#include "pacta-job.h"

struct _PactaWorkers
{
  gatomicrefcount  ref_count;
  char            *path;
  PactaDatabase   *in_place;  /* an in-memory database no other connection sees */
  GMutex           lock;
  GPtrArray       *idle;     /* PactaDatabase, connections no job is using */
};

struct _PactaJob
{
  gatomicrefcount    ref_count;
  PactaWorkers      *workers;         /* NULL when run in place */
  PactaJobFunc       func;
  gpointer           data;
  GDestroyNotify     data_free;
  GCancellable      *cancellable;
  PactaProgressFunc  progress;
  gpointer           progress_data;
  GMainContext      *main_context;    /* where progress is told; NULL in place */
  gint               progress_queued; /* atomic: a report is on its way there */
  gint               progress_permille; /* atomic: the latest fraction × 1000 */
  gboolean           finished;        /* main context only: no more reports */
};

PactaWorkers *
pacta_workers_new (const char *path)
{
  PactaWorkers *self = g_new0 (PactaWorkers, 1);

  g_return_val_if_fail (path != NULL, NULL);

  g_atomic_ref_count_init (&self->ref_count);
  self->path = g_strdup (path);
  g_mutex_init (&self->lock);
  self->idle = g_ptr_array_new_with_free_func (g_object_unref);
  return self;
}

/**
 * pacta_workers_new_in_place:
 *
 * For a database only its own connection can see (":memory:", in tests):
 * jobs run on @database, on the main thread, and still finish through the
 * main loop, as from a thread.
 */
PactaWorkers *
pacta_workers_new_in_place (PactaDatabase *database)
{
  PactaWorkers *self;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), NULL);

  self = pacta_workers_new (pacta_database_get_path (database));
  self->in_place = g_object_ref (database);
  return self;
}

PactaWorkers *
pacta_workers_ref (PactaWorkers *workers)
{
  g_atomic_ref_count_inc (&workers->ref_count);
  return workers;
}

void
pacta_workers_unref (PactaWorkers *workers)
{
  if (!g_atomic_ref_count_dec (&workers->ref_count))
    return;
  g_ptr_array_unref (workers->idle);
  g_clear_object (&workers->in_place);
  g_mutex_clear (&workers->lock);
  g_free (workers->path);
  g_free (workers);
}

const char *
pacta_workers_get_path (PactaWorkers *workers)
{
  return workers->path;
}

static PactaDatabase *
take_connection (PactaWorkers  *workers,
                 GError       **error)
{
  PactaDatabase *database = NULL;

  g_mutex_lock (&workers->lock);
  if (workers->idle->len > 0)
    database = g_ptr_array_steal_index (workers->idle, workers->idle->len - 1);
  g_mutex_unlock (&workers->lock);

  return database != NULL ? database : pacta_database_open (workers->path, error);
}

static void
give_back_connection (PactaWorkers  *workers,
                      PactaDatabase *database)
{
  pacta_database_set_cancellable (database, NULL);
  g_mutex_lock (&workers->lock);
  g_ptr_array_add (workers->idle, database);
  g_mutex_unlock (&workers->lock);
}

static PactaJob *
job_ref (PactaJob *job)
{
  g_atomic_ref_count_inc (&job->ref_count);
  return job;
}

static void
job_unref (PactaJob *job)
{
  if (!g_atomic_ref_count_dec (&job->ref_count))
    return;
  if (job->data_free != NULL && job->data != NULL)
    job->data_free (job->data);
  g_clear_pointer (&job->workers, pacta_workers_unref);
  g_clear_pointer (&job->main_context, g_main_context_unref);
  g_clear_object (&job->cancellable);
  g_free (job);
}

static PactaJob *
job_new (PactaJobFunc       func,
         gpointer           data,
         GDestroyNotify     data_free,
         PactaProgressFunc  progress,
         gpointer           progress_data,
         GCancellable      *cancellable)
{
  PactaJob *job = g_new0 (PactaJob, 1);

  g_atomic_ref_count_init (&job->ref_count);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->progress = progress;
  job->progress_data = progress_data;
  /* One always, so that the connection can be told to stop */
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  return job;
}

gpointer
pacta_job_get_data (PactaJob *job)
{
  return job->data;
}

GCancellable *
pacta_job_get_cancellable (PactaJob *job)
{
  return job->cancellable;
}

static gboolean
tell_progress_cb (gpointer user_data)
{
  PactaJob *job = user_data;

  g_atomic_int_set (&job->progress_queued, FALSE);
  if (!job->finished && !g_cancellable_is_cancelled (job->cancellable))
    job->progress (g_atomic_int_get (&job->progress_permille) / 1000.0, job->progress_data);
  return G_SOURCE_REMOVE;
}

/**
 * pacta_job_report_progress:
 *
 * Tells how far the work is. Run in place, the progress function is called
 * at once; run in a thread, the latest fraction reaches it on the main
 * thread, one report at a time however often the work tells.
 */
void
pacta_job_report_progress (PactaJob *job,
                           double    fraction)
{
  if (job->progress == NULL)
    return;

  if (job->main_context == NULL)
    {
      job->progress (fraction, job->progress_data);
      return;
    }

  g_atomic_int_set (&job->progress_permille, (gint) (CLAMP (fraction, 0.0, 1.0) * 1000.0));
  if (g_atomic_int_compare_and_exchange (&job->progress_queued, FALSE, TRUE))
    g_main_context_invoke_full (job->main_context, G_PRIORITY_DEFAULT, tell_progress_cb,
                                job_ref (job), (GDestroyNotify) job_unref);
}

static gboolean
run (PactaJob       *job,
     PactaDatabase  *database,
     GError        **error)
{
  gboolean done;

  if (g_cancellable_set_error_if_cancelled (job->cancellable, error))
    return FALSE;

  pacta_database_set_cancellable (database, job->cancellable);
  done = job->func (job, database, error);
  pacta_database_set_cancellable (database, NULL);
  return done;
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  PactaJob *job = task_data;
  PactaDatabase *database;
  GError *error = NULL;

  if (!(database = take_connection (job->workers, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (run (job, database, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
  give_back_connection (job->workers, database);
}

/**
 * pacta_job_run_async:
 * @source_object: (nullable): the task's source object (the context)
 * @data: (transfer full): what @func works on, and where it leaves its result
 * @progress: (nullable): told on the main thread how far the work is
 *
 * Runs @func in a thread on a worker connection of @workers. Cancelling
 * @cancellable stops it at the next statement with nothing written; the
 * callback then gets %G_IO_ERROR_CANCELLED (unless the work had already
 * finished: then it has, whole).
 */
void
pacta_job_run_async (PactaWorkers        *workers,
                     gpointer             source_object,
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
  g_autoptr(GTask) task = NULL;
  PactaJob *job;

  g_return_if_fail (workers != NULL);
  g_return_if_fail (func != NULL);

  job = job_new (func, data, data_free, progress, progress_data, cancellable);
  job->workers = pacta_workers_ref (workers);
  job->main_context = g_main_context_ref_thread_default ();

  task = g_task_new (source_object, job->cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  /* The result is the job's, not the cancellable's: a job cancelled after
   * its commit has happened, whole, and says so */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) job_unref);
  if (workers->in_place != NULL)
    {
      GError *error = NULL;

      g_clear_pointer (&job->main_context, g_main_context_unref);  /* progress is told at once */
      if (run (job, workers->in_place, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      return;
    }
  g_task_run_in_thread (task, job_thread);
}

/**
 * pacta_job_run_finish:
 *
 * Returns: (transfer none) (nullable): the job's data, holding its result,
 *   valid as long as @result; %NULL with @error set when it failed
 */
gpointer
pacta_job_run_finish (GAsyncResult  *result,
                      gpointer       source_tag,
                      GError       **error)
{
  PactaJob *job;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_is_valid (result, g_task_get_source_object (G_TASK (result))), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  job = g_task_get_task_data (G_TASK (result));
  job->finished = TRUE;
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return job->data;
}

/**
 * pacta_job_run_sync:
 * @data: (transfer none): what @func works on
 *
 * Runs @func in place on @database, as the command line does: the same
 * work as pacta_job_run_async(), progress told at once, on this thread.
 */
gboolean
pacta_job_run_sync (PactaDatabase      *database,
                    PactaJobFunc        func,
                    gpointer            data,
                    PactaProgressFunc   progress,
                    gpointer            progress_data,
                    GCancellable       *cancellable,
                    GError            **error)
{
  PactaJob *job;
  gboolean done;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  job = job_new (func, data, NULL, progress, progress_data, cancellable);
  done = run (job, database, error);
  job_unref (job);
  return done;
}
