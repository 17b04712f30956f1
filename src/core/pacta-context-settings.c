/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-context-settings.c: the context's settings and small jobs for the preferences and the
 * command line — VERI*FACTU settings, the certificate and sending, staff, backups, company.
 *
 * Each is thin: the core function on the context's own connection, so that
 * neither the preferences nor the command line hold the database. A write
 * that a list shows brings the lists up to date before it returns.
 */
#include "config.h"

#include "pacta-backup.h"
#include "pacta-context.h"
#include "pacta-helpdesk.h"
#include "pacta-invoices.h"
#include "pacta-msp.h"
#include "pacta-summary.h"
#include "pacta-verifactu-certificate.h"
#include "pacta-verifactu-sender.h"
#include "pacta-verifactu-service.h"
#include "pacta-verifactu-xml.h"

/**
 * pacta_context_open:
 * @path: (nullable): the database file; %NULL for the user's own
 *
 * Opens the database (bringing its schema up to date) and a context on it,
 * the way the window and the command line start; the demo has
 * pacta_context_open_demo().
 *
 * Returns: (transfer full): the context; %NULL on error
 */
PactaContext *
pacta_context_open (const char  *path,
                    GError     **error)
{
  g_autoptr(PactaDatabase) database = NULL;

  if (!(database = pacta_database_open (path, error)))
    return NULL;
  return pacta_context_new (database, FALSE, error);
}

/* ---- VERI*FACTU settings, the agency's replies ------------------------- */

gboolean
pacta_context_save_verifactu_settings (PactaContext            *self,
                                       PactaVerifactuSettings  *settings,
                                       GError                 **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  return pacta_verifactu_settings_save (pacta_context_get_database (self), settings, error);
}

/**
 * pacta_context_describe_last_reply:
 *
 * Returns: (transfer full) (nullable): the tax agency's last reply, in
 *   words; %NULL when it never replied
 */
char *
pacta_context_describe_last_reply (PactaContext *self)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_verifactu_last_reply_describe (pacta_context_get_database (self));
}

/* ---- the certificate the records are sent with ------------------------- */

/**
 * pacta_context_load_certificate:
 *
 * Returns: (transfer full) (nullable): the installed certificate; %NULL
 *   with @error when none is, or its copy can't be read
 */
PactaVerifactuCertificate *
pacta_context_load_certificate (PactaContext  *self,
                                GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_verifactu_certificate_load (pacta_context_get_database (self), error);
}

/* Whether a certificate was set up, whether or not its copy can still be read */
gboolean
pacta_context_certificate_is_set_up (PactaContext *self)
{
  g_autofree char *setting = NULL;

  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  setting = pacta_database_get_setting (pacta_context_get_database (self), PACTA_VERIFACTU_CERTIFICATE_SETTING);
  return setting != NULL;
}

/**
 * pacta_context_install_certificate:
 * @keyring_error: (out) (optional): as for
 *   pacta_verifactu_certificate_install_sync()
 *
 * Installs the certificate in @file, blocking on the keyring: the command
 * line's call. The window calls pacta_context_install_certificate_async().
 *
 * Returns: (transfer full): what was installed; %NULL on error
 */
PactaVerifactuCertificate *
pacta_context_install_certificate (PactaContext  *self,
                                   const char    *file,
                                   const char    *password,
                                   GError       **keyring_error,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_verifactu_certificate_install_sync (pacta_context_get_database (self), file, password,
                                                   keyring_error, cancellable, error);
}

/* The core's own result goes through whole: its _finish reads it */
static void
on_certificate_done_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  g_task_return_pointer (task, g_object_ref (result), g_object_unref);
}

static GTask *
certificate_task_new (PactaContext        *self,
                      gpointer             source_tag,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  /* Cancelled or not, the core's result says what happened */
  g_task_set_check_cancellable (task, FALSE);
  return task;
}

/* The core's result that certificate_task_new()'s task holds */
static GAsyncResult *
certificate_task_finish (PactaContext *self,
                         GAsyncResult *result,
                         gpointer      source_tag)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), NULL);
}

/**
 * pacta_context_install_certificate_async:
 *
 * pacta_context_install_certificate() without blocking (see
 * pacta_verifactu_certificate_install_async()).
 */
void
pacta_context_install_certificate_async (PactaContext        *self,
                                         const char          *file,
                                         const char          *password,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PACTA_IS_CONTEXT (self));

  task = certificate_task_new (self, pacta_context_install_certificate_async, cancellable, callback, user_data);
  pacta_verifactu_certificate_install_async (pacta_context_get_database (self), file, password, cancellable,
                                             on_certificate_done_cb, task);
}

/**
 * pacta_context_install_certificate_finish:
 * @keyring_error: (out) (optional): as for
 *   pacta_verifactu_certificate_install_sync()
 *
 * Returns: (transfer full): what was installed; %NULL on error
 */
PactaVerifactuCertificate *
pacta_context_install_certificate_finish (PactaContext  *self,
                                          GAsyncResult  *result,
                                          GError       **keyring_error,
                                          GError       **error)
{
  g_autoptr(GAsyncResult) inner = certificate_task_finish (self, result, pacta_context_install_certificate_async);

  g_return_val_if_fail (inner != NULL, NULL);

  return pacta_verifactu_certificate_install_finish (pacta_context_get_database (self), inner, keyring_error,
                                                     error);
}

/**
 * pacta_context_remove_certificate_async:
 *
 * Removes the installed certificate: its setting at once, its copy and its
 * password on a thread (see pacta_verifactu_certificate_remove_async()).
 */
void
pacta_context_remove_certificate_async (PactaContext        *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PACTA_IS_CONTEXT (self));

  task = certificate_task_new (self, pacta_context_remove_certificate_async, cancellable, callback, user_data);
  pacta_verifactu_certificate_remove_async (pacta_context_get_database (self), cancellable,
                                            on_certificate_done_cb, task);
}

gboolean
pacta_context_remove_certificate_finish (PactaContext  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_autoptr(GAsyncResult) inner = certificate_task_finish (self, result, pacta_context_remove_certificate_async);

  g_return_val_if_fail (inner != NULL, FALSE);

  return pacta_verifactu_certificate_remove_finish (pacta_context_get_database (self), inner, error);
}

/* ---- sending the records from the command line ------------------------- */

/**
 * pacta_context_connect_sender:
 * @password: (nullable): the certificate's password; %NULL to take it from
 *   the keyring
 *
 * The tax agency's web service reached with the installed certificate,
 * blocking on the keyring: the command line's call (see
 * pacta_verifactu_certificate_connect_sync()).
 *
 * Returns: (transfer full): the connection; %NULL on error
 */
PactaVerifactuConnection *
pacta_context_connect_sender (PactaContext  *self,
                              const char    *password,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_verifactu_certificate_connect_sync (pacta_context_get_database (self), password, cancellable, error);
}

/* The agency's latest result so far: pacta_context_describe_send_results()
 * tells those after it */
gint64
pacta_context_get_last_send_result (PactaContext *self)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), 0);

  return pacta_verifactu_last_result (pacta_context_get_database (self));
}

/**
 * pacta_context_describe_send_results:
 * @after_result: what pacta_context_get_last_send_result() gave before
 * @n_rejected: (out): how many of them the agency rejected
 *
 * Returns: (transfer full): each record's result since @after_result, a
 *   line each (empty when none); %NULL on error
 */
char *
pacta_context_describe_send_results (PactaContext  *self,
                                     gint64         after_result,
                                     guint         *n_rejected,
                                     GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_verifactu_describe_results (pacta_context_get_database (self), after_result, n_rejected, error);
}

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/**
 * pacta_context_send_records_with_connection:
 * @connection: opened with the password the command line was given or
 *   asked for (pacta_context_connect_sender())
 * @report: (out caller-allocates): what was sent, and what still waits
 *
 * Sends the records the agency does not have yet, blocking: the command
 * line's call, through the same job as the window's
 * (pacta_context_send_records_async()), while this thread runs its main
 * context, which the TLS handshake asks for the client certificate. The
 * lists then show the agency's results.
 *
 * Returns: whether every submission got a reply (see
 *   pacta_verifactu_send_pending())
 */
gboolean
pacta_context_send_records_with_connection (PactaContext              *self,
                                            PactaVerifactuConnection  *connection,
                                            PactaVerifactuSendReport  *report,
                                            GCancellable              *cancellable,
                                            GError                   **error)
{
  g_autoptr(GMainContext) main_context = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (connection != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  main_context = g_main_context_ref_thread_default ();
  pacta_context_send_records_async (self, connection, cancellable, on_sent_cb, &result);
  while (result == NULL)
    g_main_context_iteration (main_context, TRUE);
  return pacta_context_send_records_finish (self, result, report, error);
}

/* ---- the command line's other steps ------------------------------------ */

/**
 * pacta_context_update_company_from_file:
 * @changed: (out): how many details the file changed
 *
 * Sets the company's details from a JSON object (see
 * pacta_msp_update_from_file()).
 */
gboolean
pacta_context_update_company_from_file (PactaContext  *self,
                                        GFile         *file,
                                        guint         *changed,
                                        GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  return pacta_msp_update_from_file (pacta_context_get_database (self), file, changed, error);
}

/**
 * pacta_context_export_records:
 * @written: (out) (transfer full): the files written
 *
 * Writes the invoice records as the agency's XML into @directory (see
 * pacta_verifactu_export_xml()).
 */
gboolean
pacta_context_export_records (PactaContext  *self,
                              const char    *directory,
                              GStrv         *written,
                              GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  return pacta_verifactu_export_xml (pacta_context_get_database (self), directory, written, error);
}

/* The id of the invoice numbered @number; 0 or less with @error when none is */
gint64
pacta_context_find_invoice (PactaContext  *self,
                            const char    *number,
                            GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), 0);

  return pacta_invoice_find_by_number (pacta_context_get_database (self), number, error);
}

/**
 * pacta_context_summarize:
 *
 * Returns: (transfer full): the counts, as one JSON object (see
 *   pacta_summary_to_json()); %NULL on error
 */
char *
pacta_context_summarize (PactaContext  *self,
                         GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_summary_to_json (pacta_context_get_database (self), error);
}

/* ---- the preferences' other pages -------------------------------------- */

/* Tickets can be assigned to @name from then on */
gboolean
pacta_context_add_staff (PactaContext  *self,
                         const char    *name,
                         GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  return pacta_staff_add (pacta_context_get_database (self), name, error);
}

/**
 * pacta_context_list_backups:
 *
 * Returns: (transfer full) (element-type PactaBackup): the database's
 *   backups, newest first, with what each holds
 */
GPtrArray *
pacta_context_list_backups (PactaContext *self)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_backup_list (pacta_context_get_database (self));
}

/* Invoices issued (credit notes aside), as a backup counts them; -1 on error */
gint64
pacta_context_count_invoices (PactaContext  *self,
                              GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), -1);

  return pacta_database_count (pacta_context_get_database (self),
                               "SELECT count(*) FROM invoices WHERE kind = 'invoice'", error);
}

/* In hundredths of a percent, as pacta_context_save_defaults() takes it */
int
pacta_context_get_default_tax_rate (PactaContext *self)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), 0);

  return pacta_msp_get_default_tax_rate (pacta_context_get_database (self));
}
