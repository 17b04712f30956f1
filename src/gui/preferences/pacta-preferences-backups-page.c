/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-backups-page.c: the backups Pacta took before billing runs and database
 * updates, each with Restore…; restoring asks first, then has the window reopen the database. */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-a11y.h"
#include "pacta-backup.h"
#include "pacta-preferences-backups-page-private.h"

struct _PactaPreferencesBackupsPage
{
  AdwPreferencesPage   parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *backups_group;

  /* Owned */
  PactaContext        *context;
  GPtrArray           *backup_rows;   /* the rows, borrowed from the group */
  GPtrArray           *backups;       /* PactaBackup, as listed */
  GCancellable        *restoring;     /* (nullable): a restore under way */
  gboolean             restored;      /* the last restore's outcome, for tests */
};

G_DEFINE_FINAL_TYPE (PactaPreferencesBackupsPage, pacta_preferences_backups_page, ADW_TYPE_PREFERENCES_PAGE)

static void on_restore_clicked_cb (GtkButton                   *button,
                                   PactaPreferencesBackupsPage *self);

/* The preferences window shows it */
static void
toast (PactaPreferencesBackupsPage *self,
       const char                  *text)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "preferences.toast", "s", text);
}

static const char *
reason_label (const char *reason)
{
  if (g_strcmp0 (reason, "billing-run") == 0)
    return _("Before a billing run");
  if (g_strcmp0 (reason, "migration") == 0)
    return _("Before an update of the database");
  if (g_strcmp0 (reason, "restore") == 0)
    return _("Before a restore");
  return _("Copy");
}

static char *
backup_title (PactaBackup *backup)
{
  if (backup->taken == NULL)
    return g_path_get_basename (backup->path);
  /* Translators: when a backup was taken, e.g. 2026-11-27 09:41 */
  return g_date_time_format (backup->taken, _("%Y-%m-%d %H:%M"));
}

static char *
backup_subtitle (PactaBackup *backup)
{
  if (backup->n_invoices < 0)
    /* Translators: why the backup was taken; it can't be read */
    return g_strdup_printf (_("%s · unreadable"), reason_label (backup->reason));
  if (backup->n_invoices == 0 || backup->last_invoice_number == NULL)
    /* Translators: why the backup was taken */
    return g_strdup_printf (_("%s · no invoices"), reason_label (backup->reason));
  /* Translators: why the backup was taken, how many invoices it holds, the last one's number */
  return g_strdup_printf (ngettext ("%s · %u invoice, the last %s", "%s · %u invoices, the last %s",
                                    (gulong) MIN (backup->n_invoices, G_MAXUINT)),
                          reason_label (backup->reason), (guint) MIN (backup->n_invoices, G_MAXUINT),
                          backup->last_invoice_number);
}

static void
reload_backups (PactaPreferencesBackupsPage *self)
{
  for (guint i = 0; i < self->backup_rows->len; i++)
    adw_preferences_group_remove (self->backups_group, g_ptr_array_index (self->backup_rows, i));
  g_ptr_array_set_size (self->backup_rows, 0);
  g_clear_pointer (&self->backups, g_ptr_array_unref);
  if (self->context == NULL)
    return;

  self->backups = pacta_context_list_backups (self->context);
  for (guint i = 0; i < self->backups->len; i++)
    {
      PactaBackup *backup = g_ptr_array_index (self->backups, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *restore = pacta_a11y_button_new_with_mnemonic (_("_Restore…"));
      g_autofree char *title = backup_title (backup);
      g_autofree char *subtitle = backup_subtitle (backup);
      /* Translators: accessible name of a backup's Restore button; %s is when it was taken */
      g_autofree char *name = g_strdup_printf (_("Restore the backup of %s"), title);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (restore, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (restore, backup->n_invoices >= 0);
      pacta_a11y_set_label (restore, name);
      g_object_set_data (G_OBJECT (restore), "pacta-backup", backup);
      g_signal_connect (restore, "clicked", G_CALLBACK (on_restore_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), restore);
      adw_preferences_group_add (self->backups_group, row);
      g_ptr_array_add (self->backup_rows, row);
    }
  if (self->backups->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No backups yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Pacta takes one before each billing run and each database update."));
      adw_preferences_group_add (self->backups_group, row);
      g_ptr_array_add (self->backup_rows, row);
    }
}

/* The window can't be closed while a restore runs: the main window must
 * read the file anew after it, and the window tells it */
static gboolean
on_close_request_cb (PactaPreferencesBackupsPage *self)
{
  return self->restoring != NULL;
}

static void
on_backup_restored_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(PactaPreferencesBackupsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkRoot *root;

  self->restored = pacta_context_restore_backup_finish (PACTA_CONTEXT (source), result, &error);
  if (self->restoring == NULL)
    return;   /* the page is gone */
  g_clear_object (&self->restoring);
  gtk_widget_set_sensitive (GTK_WIDGET (self->backups_group), TRUE);
  if ((root = gtk_widget_get_root (GTK_WIDGET (self))) != NULL)
    g_signal_handlers_disconnect_by_func (root, on_close_request_cb, self);

  if (!self->restored)
    {
      toast (self, error->message);
      return;
    }
  /* The window has the main window read the file anew, and goes: the
   * preferences belong to the old state */
  gtk_widget_activate_action (GTK_WIDGET (self), "preferences.restored", NULL);
}

/* On a worker connection; the backups can't be restored twice meanwhile */
static void
restore_backup (PactaPreferencesBackupsPage *self,
                PactaBackup                 *backup)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->restoring != NULL || self->context == NULL)
    return;
  self->restoring = g_cancellable_new ();
  self->restored = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->backups_group), FALSE);
  if (root != NULL)
    g_signal_connect_object (root, "close-request", G_CALLBACK (on_close_request_cb), self, G_CONNECT_SWAPPED);
  pacta_context_restore_backup_async (self->context, backup->path, self->restoring, on_backup_restored_cb,
                                      g_object_ref (self));
}

static void
on_restore_response_cb (AdwMessageDialog            *dialog,
                        const char                  *response,
                        PactaPreferencesBackupsPage *self)
{
  PactaBackup *backup = g_object_get_data (G_OBJECT (dialog), "pacta-backup");

  if (g_strcmp0 (response, "restore") == 0)
    restore_backup (self, backup);
}

static void
on_restore_clicked_cb (GtkButton                   *button,
                       PactaPreferencesBackupsPage *self)
{
  PactaBackup *backup = g_object_get_data (G_OBJECT (button), "pacta-backup");
  gint64 now = pacta_context_count_invoices (self->context, NULL);
  g_autofree char *title = backup_title (backup);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (now > backup->n_invoices)
    /* Translators: when the backup was taken, and how many invoices were issued since */
    body = g_strdup_printf (ngettext ("Everything goes back to how it was on %s. %u invoice issued since then will be "
                                      "gone from Pacta and its number issued again, although your customer may "
                                      "have it. The current state is kept as a backup, so this can be undone.",
                                      "Everything goes back to how it was on %s. %u invoices issued since then will be "
                                      "gone from Pacta and their numbers issued again, although your customers may "
                                      "have them. The current state is kept as a backup, so this can be undone.",
                                      (gulong) MIN (now - backup->n_invoices, G_MAXUINT)),
                            title, (guint) MIN (now - backup->n_invoices, G_MAXUINT));
  else
    /* Translators: when the backup was taken */
    body = g_strdup_printf (_("Everything goes back to how it was on %s; what changed since is gone. The current "
                              "state is kept as a backup, so this can be undone."), title);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Restore This Backup?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "pacta-backup", backup);
  g_signal_connect (dialog, "response", G_CALLBACK (on_restore_response_cb), self);
  pacta_a11y_fix_mnemonics (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
pacta_preferences_backups_page_dispose (GObject *object)
{
  PactaPreferencesBackupsPage *self = (PactaPreferencesBackupsPage *)object;

  /* A restore under way is not cancelled: it finishes, whole */
  g_clear_object (&self->restoring);
  g_clear_pointer (&self->backup_rows, g_ptr_array_unref);
  g_clear_pointer (&self->backups, g_ptr_array_unref);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_PREFERENCES_BACKUPS_PAGE);

  G_OBJECT_CLASS (pacta_preferences_backups_page_parent_class)->dispose (object);
}

static void
pacta_preferences_backups_page_class_init (PactaPreferencesBackupsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_preferences_backups_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pacta/Pacta/ui/preferences/pacta-preferences-backups-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesBackupsPage, backups_group);
}

static void
pacta_preferences_backups_page_init (PactaPreferencesBackupsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->backup_rows = g_ptr_array_new ();
}

void
pacta_preferences_backups_page_set_context (PactaPreferencesBackupsPage *self,
                                            PactaContext                *context)
{
  g_return_if_fail (PACTA_IS_PREFERENCES_BACKUPS_PAGE (self));
  g_return_if_fail (context == NULL || PACTA_IS_CONTEXT (context));

  if (g_set_object (&self->context, context))
    reload_backups (self);
}

/* For tests: how many backups are listed, and restoring one without the question */
guint
pacta_preferences_backups_page_get_n_backups (PactaPreferencesBackupsPage *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_BACKUPS_PAGE (self), 0);

  return self->backups != NULL ? self->backups->len : 0;
}

/* Waits until the restore is done; whether it was */
gboolean
pacta_preferences_backups_page_restore_backup (PactaPreferencesBackupsPage *self,
                                               guint                        position)
{
  g_autoptr(PactaPreferencesBackupsPage) hold = NULL;

  g_return_val_if_fail (PACTA_IS_PREFERENCES_BACKUPS_PAGE (self), FALSE);
  g_return_val_if_fail (self->backups != NULL && position < self->backups->len, FALSE);

  /* Restored, the window goes, and the page with it */
  hold = g_object_ref (self);
  restore_backup (self, g_ptr_array_index (self->backups, position));
  while (self->restoring != NULL)
    g_main_context_iteration (NULL, TRUE);
  return self->restored;
}
