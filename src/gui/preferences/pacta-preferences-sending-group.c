/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-sending-group.c: sending the invoice records to the tax agency — the mode,
 * the environment, the certificate (choosing it, its password, replacing and removing it, when
 * it expires), the records waiting with Send Now, and the agency's last reply. */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-a11y.h"
#include "pacta-clock.h"
#include "pacta-error.h"
#include "pacta-preferences-sending-group-private.h"
#include "pacta-verifactu.h"
#include "pacta-verifactu-certificate.h"
#include "pacta-wrap-box.h"

enum { CERT_HOLDER, CERT_NIF, CERT_ISSUER, CERT_EXPIRY, CERT_FILE, N_CERT_ROWS };
enum { BUTTON_REPLACE, BUTTON_REMOVE, N_CERT_BUTTONS };

struct _PactaPreferencesSendingGroup
{
  AdwPreferencesGroup        parent_instance;

  /* Template widgets */
  GtkWidget                 *environment_row;
  GtkWidget                 *no_certificate_row;
  GtkWidget                 *choose_certificate;
  GtkWidget                 *holder_row;
  GtkWidget                 *nif_row;
  GtkWidget                 *issuer_row;
  GtkWidget                 *expiry_row;
  GtkWidget                 *expiry_icon;
  GtkWidget                 *file_row;
  GtkWidget                 *replace_button;
  GtkWidget                 *remove_button;
  GtkWidget                 *records_row;
  GtkWidget                 *send_now;
  GtkWidget                 *reply_row;

  /* Borrowed */
  GtkWidget                 *certificate_rows[N_CERT_ROWS];       /* holder, NIF, issuer, valid until, the file */
  GtkWidget                 *certificate_buttons[N_CERT_BUTTONS]; /* Replace…, Remove */
  AdwMessageDialog          *certificate_dialog;   /* (nullable): weak; the question or message shown now */

  /* Owned */
  PactaContext              *context;
  PactaVerifactuService     *sending;              /* (nullable): the main window's */
  PactaVerifactuCertificate *certificate;          /* (nullable): the installed one */
  GCancellable              *certificate_cancellable;
  GtkFileChooserNative      *certificate_chooser;
  char                      *certificate_path;     /* (nullable): being installed, for asking again */
  gboolean                   loading_environment;
};

G_DEFINE_FINAL_TYPE (PactaPreferencesSendingGroup, pacta_preferences_sending_group, ADW_TYPE_PREFERENCES_GROUP)

static void ask_password (PactaPreferencesSendingGroup *self,
                          const char                   *path,
                          const char                   *problem);

/* The environment row's choices, in order */
static const char *environments[] = { PACTA_VERIFACTU_PRODUCTION, PACTA_VERIFACTU_TEST };

/* The preferences window shows it */
static void
toast (PactaPreferencesSendingGroup *self,
       const char                   *text)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "preferences.toast", "s", text);
}

static GtkWindow *
parent_window (PactaPreferencesSendingGroup *self)
{
  return GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
}

static gboolean
rules_enabled (PactaPreferencesSendingGroup *self)
{
  g_autoptr(PactaVerifactuSettings) settings = NULL;

  settings = pacta_context_load_verifactu_settings (self->context, NULL);
  return settings != NULL && settings->enabled;
}

static gboolean
certificate_busy (PactaPreferencesSendingGroup *self)
{
  return self->certificate_cancellable != NULL;
}

/* A date as the backups show theirs, in the app clock's zone */
static char *
format_day (GDateTime *when)
{
  g_autoptr(GDateTime) now = pacta_now ();
  g_autoptr(GDateTime) local = g_date_time_to_timezone (when, g_date_time_get_timezone (now));

  /* Translators: a day, as g_date_time_format () writes it, such as 2027-01-31 */
  return g_date_time_format (local, _("%Y-%m-%d"));
}

static void
set_row_text (GtkWidget  *row,
              const char *text)
{
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text != NULL && *text != '\0' ? text : _("Not stated"));
}

static void
load_environment (PactaPreferencesSendingGroup *self)
{
  g_autoptr(PactaVerifactuSettings) settings = NULL;

  if (self->context == NULL ||
      !(settings = pacta_context_load_verifactu_settings (self->context, NULL)))
    return;
  /* Showing the stored environment is no change of it */
  self->loading_environment = TRUE;
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->environment_row),
                              g_strcmp0 (settings->environment, PACTA_VERIFACTU_TEST) == 0 ? 1 : 0);
  self->loading_environment = FALSE;
}

/* When the certificate can be used until, and a warning when soon it can't */
static void
update_expiry (PactaPreferencesSendingGroup *self)
{
  GtkWidget *row = self->certificate_rows[CERT_EXPIRY];
  g_autofree char *until = NULL;
  g_autofree char *from = NULL;
  g_autofree char *text = NULL;
  const char *style = NULL;
  int days = 0;

  gtk_widget_remove_css_class (self->expiry_icon, "warning");
  gtk_widget_remove_css_class (self->expiry_icon, "error");
  if (self->certificate->not_after == NULL)
    {
      set_row_text (row, NULL);
      gtk_widget_set_visible (self->expiry_icon, FALSE);
      return;
    }
  until = format_day (self->certificate->not_after);
  switch (pacta_verifactu_certificate_get_state (self->certificate, &days))
    {
    case PACTA_VERIFACTU_CERTIFICATE_EXPIRES_SOON:
      style = "warning";
      if (days == 0)
        /* Translators: %s is the day it expires */
        text = g_strdup_printf (_("%s — expires today: renew it, then choose the new one"), until);
      else
        /* Translators: %s is the day it expires, %d the days left */
        text = g_strdup_printf (ngettext ("%s — expires in %d day: renew it, then choose the new one",
                                          "%s — expires in %d days: renew it, then choose the new one", days),
                                until, days);
      break;
    case PACTA_VERIFACTU_CERTIFICATE_EXPIRED:
      style = "error";
      /* Translators: %s is the day it expired */
      text = g_strdup_printf (_("%s — expired: the tax agency refuses it; renew it, then choose the new one"), until);
      break;
    case PACTA_VERIFACTU_CERTIFICATE_NOT_YET_VALID:
      style = "warning";
      from = format_day (self->certificate->not_before);
      /* Translators: the last day it is valid, then the first */
      text = g_strdup_printf (_("%s — not valid before %s"), until, from);
      break;
    case PACTA_VERIFACTU_CERTIFICATE_VALID:
    default:
      text = g_steal_pointer (&until);
      break;
    }
  /* The icon in the warning's colour, the text as readable as any: the
   * subtitle's dimmed colour would be too faint */
  if (style != NULL)
    {
      gtk_widget_add_css_class (self->expiry_icon, style);
      gtk_image_set_from_icon_name (GTK_IMAGE (self->expiry_icon),
                                    g_str_equal (style, "error") ? "dialog-error-symbolic" : "dialog-warning-symbolic");
    }
  gtk_widget_set_visible (self->expiry_icon, style != NULL);
  set_row_text (row, text);
}

static void
update_records (PactaPreferencesSendingGroup *self)
{
  g_autofree char *records = NULL;
  g_autofree char *reply = NULL;

  if (self->context == NULL)
    return;
  if (self->sending != NULL)
    records = pacta_verifactu_service_describe (self->sending);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->records_row),
                               records != NULL ? records
                               : self->sending != NULL ? _("All invoice records have been accepted")
                               : _("Sent while Pacta’s main window is open"));
  reply = pacta_context_describe_last_reply (self->context);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->reply_row), reply != NULL ? reply : _("None yet"));
  gtk_widget_set_sensitive (self->send_now,
                            self->sending != NULL && self->certificate != NULL &&
                            pacta_verifactu_service_get_state (self->sending) != PACTA_SENDING_OFF &&
                            rules_enabled (self));
}

/* The certificate's rows, or the row that asks for one; then the records */
static void
update_sending (PactaPreferencesSendingGroup *self)
{
  g_autoptr(GError) error = NULL;
  gboolean installed;

  if (self->context == NULL)
    return;
  g_clear_pointer (&self->certificate, pacta_verifactu_certificate_free);
  self->certificate = pacta_context_load_certificate (self->context, &error);
  installed = self->certificate != NULL;

  gtk_widget_set_visible (self->no_certificate_row, !installed);
  for (guint i = 0; i < N_CERT_ROWS; i++)
    gtk_widget_set_visible (self->certificate_rows[i], installed);
  gtk_widget_set_sensitive (self->choose_certificate, !certificate_busy (self));
  for (guint i = 0; i < N_CERT_BUTTONS; i++)
    gtk_widget_set_sensitive (self->certificate_buttons[i], !certificate_busy (self));

  if (installed)
    {
      set_row_text (self->certificate_rows[CERT_HOLDER], self->certificate->holder);
      set_row_text (self->certificate_rows[CERT_NIF], self->certificate->nif);
      set_row_text (self->certificate_rows[CERT_ISSUER], self->certificate->issuer);
      update_expiry (self);
    }
  else
    {
      /* Chosen once, and its private copy gone since */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->no_certificate_row),
                                   pacta_context_certificate_is_set_up (self->context)
                                   ? _("The copy Pacta kept of the certificate is missing or damaged: choose it again")
                                   : _("The company’s or its representative’s: a .p12 or .pfx file"));
    }
  update_records (self);
}

static void
on_sending_changed_cb (PactaPreferencesSendingGroup *self)
{
  update_records (self);
}

/* After the certificate or the environment changed */
static void
sending_changed (PactaPreferencesSendingGroup *self)
{
  update_sending (self);
  if (self->sending != NULL)
    pacta_verifactu_service_refresh (self->sending);
}

/* Answered or closed: it is going */
static void
on_certificate_dialog_response_cb (PactaPreferencesSendingGroup *self,
                                   const char                   *response,
                                   AdwMessageDialog             *dialog)
{
  if (self->certificate_dialog != dialog)
    return;
  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->certificate_dialog);
  self->certificate_dialog = NULL;
}

static void
show_certificate_dialog (PactaPreferencesSendingGroup *self,
                         AdwMessageDialog             *dialog)
{
  if (self->certificate_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->certificate_dialog), (gpointer *) &self->certificate_dialog);
      gtk_window_destroy (GTK_WINDOW (self->certificate_dialog));
    }
  self->certificate_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->certificate_dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_certificate_dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  pacta_a11y_fix_mnemonics (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_certificate_message (PactaPreferencesSendingGroup *self,
                          const char                   *heading,
                          const char                   *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  show_certificate_dialog (self, ADW_MESSAGE_DIALOG (dialog));
}

static void
on_certificate_installed_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(PactaPreferencesSendingGroup) self = user_data;
  g_autoptr(PactaVerifactuCertificate) installed = NULL;
  g_autoptr(GError) keyring_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  installed = pacta_context_install_certificate_finish (PACTA_CONTEXT (source), result, &keyring_error, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->context == NULL)
    return;   /* the window is gone */
  g_clear_object (&self->certificate_cancellable);
  path = g_steal_pointer (&self->certificate_path);
  sending_changed (self);

  if (installed == NULL)
    {
      if (g_error_matches (error, PACTA_ERROR, PACTA_ERROR_WRONG_PASSWORD))
        {
          g_autofree char *name = g_path_get_basename (path);
          /* Translators: %s is the certificate's file name */
          g_autofree char *problem = g_strdup_printf (_("That is not the password of “%s”. Try again: it is the one "
                                                        "given when the certificate was exported."), name);

          ask_password (self, path, problem);
        }
      else if (g_error_matches (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE))
        show_certificate_message (self, _("Not a Certificate Pacta Can Use"), error->message);
      else
        show_certificate_message (self, _("The Certificate Was Not Installed"), error->message);
      return;
    }

  if (keyring_error != NULL)
    /* Sending from the window reads the password from the keyring only */
    show_certificate_message (self, _("The Password Was Not Kept"),
                              _("The certificate is installed, but the keyring could not keep its password, and "
                                "Pacta sends the records with the password kept there. Make sure the keyring is "
                                "available and unlocked, then choose the certificate again."));
  else
    toast (self, _("Certificate installed; the records will be sent with it"));
}

static void
install_certificate (PactaPreferencesSendingGroup *self,
                     const char                   *path,
                     const char                   *password)
{
  if (certificate_busy (self))
    return;
  self->certificate_cancellable = g_cancellable_new ();
  g_free (self->certificate_path);
  self->certificate_path = g_strdup (path);
  pacta_context_install_certificate_async (self->context, path, password, self->certificate_cancellable,
                                           on_certificate_installed_cb, g_object_ref (self));
  update_sending (self);
}

static void
on_password_response_cb (AdwMessageDialog             *dialog,
                         const char                   *response,
                         PactaPreferencesSendingGroup *self)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);
  const char *path = g_object_get_data (G_OBJECT (dialog), "pacta-path");

  if (g_strcmp0 (response, "install") == 0)
    install_certificate (self, path, gtk_editable_get_text (GTK_EDITABLE (entry)));
  /* GtkPasswordEntry keeps it in secure memory; it goes now */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* GTK 4.8 tells a password entry its text lost focus after the entry is
 * gone, when its window let go of the focus only when it went: the focus
 * goes first */
static gboolean
on_password_close_request_cb (GtkWindow *dialog)
{
  gtk_window_set_focus (dialog, NULL);
  return FALSE;
}

/* The PKCS#12 file's password, with what was wrong the last time */
static void
ask_password (PactaPreferencesSendingGroup *self,
              const char                   *path,
              const char                   *problem)
{
  g_autofree char *name = g_path_get_basename (path);
  /* Translators: %s is the certificate's file name */
  g_autofree char *body = problem != NULL ? g_strdup (problem)
                          : g_strdup_printf (_("Type the password of “%s”: the one given when the certificate "
                                               "was exported."), name);
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), _("Certificate Password"), body);
  GtkWidget *entry = gtk_password_entry_new ();

  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
  /* Enter installs: Install is the dialog's default widget */
  g_object_set (entry, "activates-default", TRUE, NULL);
  pacta_a11y_set_label (entry, _("Certificate password"));
  if (problem != NULL)
    gtk_widget_add_css_class (entry, "error");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "install", _("_Install"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "install", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "install");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "pacta-path", g_strdup (path), g_free);
  g_signal_connect (dialog, "close-request", G_CALLBACK (on_password_close_request_cb), NULL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_password_response_cb), self, 0);
  show_certificate_dialog (self, ADW_MESSAGE_DIALOG (dialog));
  gtk_widget_grab_focus (entry);
}

static void
on_certificate_chooser_response_cb (PactaPreferencesSendingGroup *self,
                                    int                           response,
                                    GtkFileChooserNative         *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      pacta_preferences_sending_group_choose_certificate (self, file);
    }
  g_clear_object (&self->certificate_chooser);
}

/* Choose Certificate… and Replace… */
static void
on_choose_certificate_clicked_cb (PactaPreferencesSendingGroup *self)
{
  g_autoptr(GtkFileFilter) p12 = gtk_file_filter_new ();

  if (self->certificate_chooser != NULL || certificate_busy (self))
    return;
  self->certificate_chooser = gtk_file_chooser_native_new (_("Choose the Certificate"), parent_window (self),
                                                           GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (p12, _("Certificates (.p12, .pfx)"));
  gtk_file_filter_add_mime_type (p12, "application/x-pkcs12");
  gtk_file_filter_add_suffix (p12, "p12");
  gtk_file_filter_add_suffix (p12, "pfx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->certificate_chooser), p12);
  g_signal_connect_object (self->certificate_chooser, "response", G_CALLBACK (on_certificate_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->certificate_chooser));
}

static void
on_certificate_removed_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(PactaPreferencesSendingGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean removed = pacta_context_remove_certificate_finish (PACTA_CONTEXT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->context == NULL)
    return;
  g_clear_object (&self->certificate_cancellable);
  sending_changed (self);
  toast (self, removed ? _("Certificate removed; no records are sent until another is chosen") : error->message);
}

static void
on_remove_response_cb (AdwMessageDialog             *dialog,
                       const char                   *response,
                       PactaPreferencesSendingGroup *self)
{
  if (g_strcmp0 (response, "remove") != 0 || certificate_busy (self))
    return;
  self->certificate_cancellable = g_cancellable_new ();
  pacta_context_remove_certificate_async (self->context, self->certificate_cancellable,
                                          on_certificate_removed_cb, g_object_ref (self));
  update_sending (self);
}

static void
on_remove_certificate_clicked_cb (PactaPreferencesSendingGroup *self)
{
  GtkWidget *dialog;

  if (certificate_busy (self))
    return;
  dialog = adw_message_dialog_new (parent_window (self), _("Remove the Certificate?"),
                                   _("No invoice records are sent until another certificate is chosen. Pacta’s copy "
                                     "of it and its password in the keyring are deleted; the file you chose it from "
                                     "stays where it is."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, 0);
  show_certificate_dialog (self, ADW_MESSAGE_DIALOG (dialog));
}

static gboolean
save_environment (PactaPreferencesSendingGroup *self)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->environment_row));
  g_autoptr(PactaVerifactuSettings) settings = NULL;
  g_autoptr(GError) error = NULL;

  if (selected >= G_N_ELEMENTS (environments))
    return FALSE;
  /* The stored settings, the environment alone changed: what is being
   * typed in the rules above waits for its Save */
  if ((settings = pacta_context_load_verifactu_settings (self->context, &error)) != NULL)
    {
      g_free (settings->environment);
      settings->environment = g_strdup (environments[selected]);
    }
  if (settings == NULL || !pacta_context_save_verifactu_settings (self->context, settings, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The environment was not changed: %s"), error->message);

      toast (self, text);
      load_environment (self);
      return FALSE;
    }
  sending_changed (self);
  toast (self, selected == 1 ? _("The records will be sent to the test environment, where they have no legal effect")
                             : _("The records will be sent to the production environment"));
  return TRUE;
}

static void
on_environment_selected_cb (PactaPreferencesSendingGroup *self)
{
  if (!self->loading_environment && self->context != NULL)
    save_environment (self);
}

static void
on_send_now_clicked_cb (PactaPreferencesSendingGroup *self)
{
  if (self->sending == NULL)
    return;
  pacta_verifactu_service_send_now (self->sending);
  if (pacta_verifactu_service_get_state (self->sending) == PACTA_SENDING_IDLE)
    toast (self, _("Nothing to send: the tax agency has every record"));
}

/* What the group holds on to beyond its rows: let go when it goes, or when
 * its context is taken away (libadwaita 1.2 keeps preferences groups alive
 * after their window, so the page takes it away) */
static void
release (PactaPreferencesSendingGroup *self)
{
  if (self->certificate_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->certificate_chooser));
  g_clear_object (&self->certificate_chooser);
  /* What is under way finishes on its own thread; its answer is not wanted */
  g_cancellable_cancel (self->certificate_cancellable);
  g_clear_object (&self->certificate_cancellable);
  if (self->certificate_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->certificate_dialog), (gpointer *) &self->certificate_dialog);
      gtk_window_destroy (GTK_WINDOW (self->certificate_dialog));
      self->certificate_dialog = NULL;
    }
  if (self->sending != NULL)
    g_signal_handlers_disconnect_by_data (self->sending, self);
  g_clear_object (&self->sending);
  g_clear_pointer (&self->certificate, pacta_verifactu_certificate_free);
  g_clear_pointer (&self->certificate_path, g_free);
}

static void
pacta_preferences_sending_group_dispose (GObject *object)
{
  PactaPreferencesSendingGroup *self = (PactaPreferencesSendingGroup *)object;

  release (self);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_PREFERENCES_SENDING_GROUP);

  G_OBJECT_CLASS (pacta_preferences_sending_group_parent_class)->dispose (object);
}

static void
pacta_preferences_sending_group_class_init (PactaPreferencesSendingGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_preferences_sending_group_dispose;

  g_type_ensure (PACTA_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pacta/Pacta/ui/preferences/pacta-preferences-sending-group.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesSendingGroup, environment_row);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesSendingGroup, no_certificate_row);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesSendingGroup, choose_certificate);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesSendingGroup, holder_row);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesSendingGroup, nif_row);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesSendingGroup, issuer_row);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesSendingGroup, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesSendingGroup, expiry_icon);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesSendingGroup, file_row);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesSendingGroup, replace_button);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesSendingGroup, remove_button);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesSendingGroup, records_row);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesSendingGroup, send_now);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesSendingGroup, reply_row);
  gtk_widget_class_bind_template_callback (widget_class, on_environment_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_certificate_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_certificate_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_send_now_clicked_cb);
}

static void
pacta_preferences_sending_group_init (PactaPreferencesSendingGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->certificate_rows[CERT_HOLDER] = self->holder_row;
  self->certificate_rows[CERT_NIF] = self->nif_row;
  self->certificate_rows[CERT_ISSUER] = self->issuer_row;
  self->certificate_rows[CERT_EXPIRY] = self->expiry_row;
  self->certificate_rows[CERT_FILE] = self->file_row;
  self->certificate_buttons[BUTTON_REPLACE] = self->replace_button;
  self->certificate_buttons[BUTTON_REMOVE] = self->remove_button;

  /* After the template: the rows add their titles to their buttons' names */
  pacta_a11y_fix_mnemonics (GTK_WIDGET (self));
  pacta_a11y_set_label (self->choose_certificate, _("Choose the certificate to send the records with"));
  pacta_a11y_set_label (self->replace_button, _("Replace the certificate"));
  pacta_a11y_set_label (self->remove_button, _("Remove the certificate"));
  pacta_a11y_set_label (self->send_now, _("Send the invoice records now"));
}

/**
 * pacta_preferences_sending_group_set_context:
 * @context: (nullable): %NULL lets go of the context, the sender and any
 *   certificate being installed, as when the page goes
 */
void
pacta_preferences_sending_group_set_context (PactaPreferencesSendingGroup *self,
                                             PactaContext                 *context)
{
  g_return_if_fail (PACTA_IS_PREFERENCES_SENDING_GROUP (self));
  g_return_if_fail (context == NULL || PACTA_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  if (context == NULL)
    {
      release (self);
      return;
    }
  load_environment (self);
  update_sending (self);
}

/**
 * pacta_preferences_sending_group_set_sending:
 * @sending: (nullable): what sends the records, whose state is shown and
 *   which Send Now asks
 *
 * The main window's, given by the preferences window; tests give their own.
 */
void
pacta_preferences_sending_group_set_sending (PactaPreferencesSendingGroup *self,
                                             PactaVerifactuService        *sending)
{
  g_return_if_fail (PACTA_IS_PREFERENCES_SENDING_GROUP (self));
  g_return_if_fail (sending == NULL || PACTA_IS_VERIFACTU_SERVICE (sending));

  if (self->sending == sending)
    return;
  if (self->sending != NULL)
    g_signal_handlers_disconnect_by_data (self->sending, self);
  g_set_object (&self->sending, sending);
  if (sending != NULL)
    g_signal_connect_swapped (sending, "changed", G_CALLBACK (on_sending_changed_cb), self);
  update_records (self);
}

/**
 * pacta_preferences_sending_group_rules_changed:
 *
 * The Spanish invoicing rules were saved: switching them on or off starts
 * or stops sending.
 */
void
pacta_preferences_sending_group_rules_changed (PactaPreferencesSendingGroup *self)
{
  g_return_if_fail (PACTA_IS_PREFERENCES_SENDING_GROUP (self));

  load_environment (self);
  if (self->sending != NULL)
    pacta_verifactu_service_refresh (self->sending);
  update_sending (self);
}

/* For tests: the environment chosen as a user would (PACTA_VERIFACTU_PRODUCTION
 * or _TEST); whether it was saved */
gboolean
pacta_preferences_sending_group_set_environment (PactaPreferencesSendingGroup *self,
                                                 const char                   *environment)
{
  g_autoptr(PactaVerifactuSettings) settings = NULL;

  g_return_val_if_fail (PACTA_IS_PREFERENCES_SENDING_GROUP (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (environments); i++)
    if (g_strcmp0 (environments[i], environment) == 0)
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->environment_row), i);
  settings = pacta_context_load_verifactu_settings (self->context, NULL);
  return settings != NULL && g_strcmp0 (settings->environment, environment) == 0;
}

/**
 * pacta_preferences_sending_group_choose_certificate:
 *
 * What choosing @file in Choose Certificate…'s file chooser does: asks for
 * its password (pacta_preferences_sending_group_get_certificate_dialog()),
 * then installs it.
 */
void
pacta_preferences_sending_group_choose_certificate (PactaPreferencesSendingGroup *self,
                                                    GFile                        *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (PACTA_IS_PREFERENCES_SENDING_GROUP (self));
  g_return_if_fail (G_IS_FILE (file));

  if (certificate_busy (self))
    return;
  if (!(path = g_file_get_path (file)))
    {
      show_certificate_message (self, _("Not a Certificate Pacta Can Use"),
                                _("Choose a certificate file on this computer: a .p12 or .pfx file"));
      return;
    }
  ask_password (self, path, NULL);
}

/* For tests: the certificate's question or message shown now, if any */
AdwMessageDialog *
pacta_preferences_sending_group_get_certificate_dialog (PactaPreferencesSendingGroup *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_SENDING_GROUP (self), NULL);

  return self->certificate_dialog;
}

/* For tests: whether a certificate is being installed or removed */
gboolean
pacta_preferences_sending_group_get_certificate_busy (PactaPreferencesSendingGroup *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_SENDING_GROUP (self), FALSE);

  return certificate_busy (self);
}
