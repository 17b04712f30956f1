/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-mail-page.c: the Mail page of the preferences — the MSP's mailbox: the IMAP
 * server and folders Pacta reads tickets from, the SMTP server it sends invoices and replies
 * through, and the login. Test and Save logs in to both servers off the main thread (the context
 * keeps the password in the keyring and the account only once both answered); on failure the
 * servers' words are shown and what was typed stays; Cancel stops the test. Once saved, the
 * account is shown with an empty password and Remove Account… (asked first). It follows the
 * context's "mail-changed". */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-a11y.h"
#include "pacta-error.h"
#include "pacta-preferences-mail-page-private.h"
#include "pacta-text.h"
#include "pacta-wrap-box.h"

/* The usual port of each server with each security */
#define IMAP_PORT_TLS       993
#define IMAP_PORT_STARTTLS  143
#define SMTP_PORT_TLS       465
#define SMTP_PORT_STARTTLS  587
#define DEFAULT_FOLDER      "INBOX"

struct _PactaPreferencesMailPage
{
  AdwPreferencesPage   parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *imap_group;
  AdwPreferencesGroup *smtp_group;
  AdwPreferencesGroup *account_group;
  AdwEntryRow         *imap_host_row;
  AdwEntryRow         *imap_port_row;
  AdwComboRow         *imap_security_row;
  AdwEntryRow         *folder_row;
  AdwEntryRow         *done_folder_row;
  AdwEntryRow         *smtp_host_row;
  AdwEntryRow         *smtp_port_row;
  AdwComboRow         *smtp_security_row;
  AdwEntryRow         *user_row;
  AdwEntryRow         *address_row;
  AdwEntryRow         *password_row;
  GtkWidget           *password_hint;
  GtkWidget           *save_button;
  GtkWidget           *remove_button;
  GtkWidget           *testing_box;
  GtkSpinner          *spinner;
  GtkWidget           *cancel_button;
  GtkLabel            *error_label;
  GtkLabel            *saved_label;

  /* Owned */
  PactaContext        *context;
  PactaMailAccount    *saved;            /* (nullable): the account the context keeps, as last read */
  GCancellable        *testing;          /* (nullable): Test and Save under way */
  GCancellable        *removing;         /* (nullable): Remove Account under way */
  AdwMessageDialog    *question;         /* (nullable) (weak): Remove Account's question */
  GtkWidget           *imap_port_icon;   /* the ports' warning signs, in their rows while shown */
  GtkWidget           *smtp_port_icon;
  guint                reveal_frames;    /* frames until the end of the page is scrolled to */
  gboolean             filling;          /* the fields are being set from the account, not typed */
  gboolean             edited;           /* typed into since they were filled */
  gboolean             address_follows;  /* the address is the user name's, until typed itself */
};

G_DEFINE_FINAL_TYPE (PactaPreferencesMailPage, pacta_preferences_mail_page, ADW_TYPE_PREFERENCES_PAGE)

/* The preferences window shows it */
static void
toast (PactaPreferencesMailPage *self,
       const char               *text)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "preferences.toast", "s", text);
}

static GtkWindow *
parent_window (PactaPreferencesMailPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static char *
field_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
set_field (AdwEntryRow *row,
           const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

/* The port typed, or 0 when it is not one from 1 to 65535 */
static guint
port_of (AdwEntryRow *row)
{
  g_autofree char *text = field_text (row);
  guint64 port = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, 65535, &port, NULL))
    return 0;
  return (guint) port;
}

static void
set_port (AdwEntryRow *row,
          guint        port)
{
  g_autofree char *text = g_strdup_printf ("%u", port);

  set_field (row, text);
}

static guint
usual_port (gboolean          imap,
            PactaMailSecurity security)
{
  switch (security)
    {
    case PACTA_MAIL_SECURITY_STARTTLS:
      return imap ? IMAP_PORT_STARTTLS : SMTP_PORT_STARTTLS;
    case PACTA_MAIL_SECURITY_TLS:
    case PACTA_MAIL_SECURITY_NONE:
    default:
      return imap ? IMAP_PORT_TLS : SMTP_PORT_TLS;
    }
}

/* The combo rows list TLS, then STARTTLS */
static PactaMailSecurity
security_of (AdwComboRow *row)
{
  return adw_combo_row_get_selected (row) == 1 ? PACTA_MAIL_SECURITY_STARTTLS : PACTA_MAIL_SECURITY_TLS;
}

static void
set_security (AdwComboRow       *row,
              PactaMailSecurity  security)
{
  switch (security)
    {
    case PACTA_MAIL_SECURITY_STARTTLS:
      adw_combo_row_set_selected (row, 1);
      break;
    /* Plain text is for a server on this computer only (set from the
     * command line): the page offers TLS, and saves what it shows */
    case PACTA_MAIL_SECURITY_TLS:
    case PACTA_MAIL_SECURITY_NONE:
    default:
      adw_combo_row_set_selected (row, 0);
      break;
    }
}

/* A port's warning sign, put in its row only while shown: a suffix hidden
 * still takes the room of the row's suffix box */
static GtkWidget *
port_icon_new (void)
{
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_widget_set_tooltip_text (icon, _("The port is a number from 1 to 65535"));
  gtk_widget_add_css_class (icon, "error");
  /* The row's description says it, once */
  gtk_accessible_update_state (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  return g_object_ref_sink (icon);
}

/* A port that is not one, said as it is typed: red, a warning sign with
 * the reason, and the same for a screen reader */
static void
check_port (AdwEntryRow *row,
            GtkWidget   *icon)
{
  gboolean wrong = *gtk_editable_get_text (GTK_EDITABLE (row)) != '\0' && port_of (row) == 0;

  if (wrong == gtk_widget_has_css_class (GTK_WIDGET (row), "error"))
    return;
  if (wrong)
    {
      adw_entry_row_add_suffix (row, icon);
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      gtk_widget_get_tooltip_text (icon), -1);
    }
  else
    {
      adw_entry_row_remove (row, icon);
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/* The first field Test and Save still waits for, or %NULL when all are there */
static GtkWidget *
first_missing_field (PactaPreferencesMailPage *self)
{
  AdwEntryRow *rows[] = {
    self->imap_host_row, self->imap_port_row, self->folder_row, self->smtp_host_row, self->smtp_port_row,
    self->user_row, self->address_row,
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *text = field_text (rows[i]);

      if (*text == '\0' || ((rows[i] == self->imap_port_row || rows[i] == self->smtp_port_row) && port_of (rows[i]) == 0))
        return GTK_WIDGET (rows[i]);
    }
  /* The password is not copied out of the secure memory it is typed into */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->password_row)) == '\0')
    return GTK_WIDGET (self->password_row);
  return NULL;
}

static gboolean
is_busy (PactaPreferencesMailPage *self)
{
  return self->testing != NULL || self->removing != NULL;
}

static void
update_buttons (PactaPreferencesMailPage *self)
{
  gtk_widget_set_sensitive (self->save_button,
                            self->context != NULL && !is_busy (self) && first_missing_field (self) == NULL);
  gtk_widget_set_visible (self->remove_button, self->saved != NULL);
  gtk_widget_set_sensitive (self->remove_button, !is_busy (self));
}

/* Once what was just shown is laid out (the frame after), the page is
 * scrolled to its end, where it is */
static gboolean
reveal_end_cb (GtkWidget     *scrolled,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  PactaPreferencesMailPage *self = user_data;
  GtkAdjustment *adjustment;

  if (--self->reveal_frames > 0)
    return G_SOURCE_CONTINUE;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
  return G_SOURCE_REMOVE;
}

/* Done, or dropped with the page's scrolled window */
static void
reveal_end_done (gpointer user_data)
{
  PactaPreferencesMailPage *self = user_data;

  self->reveal_frames = 0;
}

/* "Testing…", what the servers said and Saved are at the end of the page,
 * under the buttons: shown, they are scrolled to */
static void
reveal_end (PactaPreferencesMailPage *self)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self->error_label), GTK_TYPE_SCROLLED_WINDOW);

  if (scrolled == NULL || !gtk_widget_get_mapped (scrolled))
    return;
  if (self->reveal_frames == 0)
    gtk_widget_add_tick_callback (scrolled, reveal_end_cb, self, reveal_end_done);
  self->reveal_frames = 2;
}

static void
show_error (PactaPreferencesMailPage *self,
            const char               *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    reveal_end (self);
}

static void
show_saved (PactaPreferencesMailPage *self,
            gboolean                  shown)
{
  gtk_widget_set_visible (GTK_WIDGET (self->saved_label), shown);
  if (shown)
    reveal_end (self);
}

/* The password row says that the saved one is kept, to a screen reader too */
static void
update_password_hint (PactaPreferencesMailPage *self)
{
  gboolean kept = self->saved != NULL;

  gtk_widget_set_visible (self->password_hint, kept);
  if (kept)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->password_row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    gtk_label_get_label (GTK_LABEL (self->password_hint)), -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->password_row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* @account's fields, or the defaults of a new one; the password empty */
static void
fill (PactaPreferencesMailPage *self,
      const PactaMailAccount   *account)
{
  self->filling = TRUE;
  set_field (self->imap_host_row, account != NULL ? account->imap_host : NULL);
  set_security (self->imap_security_row, account != NULL ? account->imap_security : PACTA_MAIL_SECURITY_TLS);
  set_port (self->imap_port_row, account != NULL ? account->imap_port : IMAP_PORT_TLS);
  set_field (self->folder_row, account != NULL ? account->folder : DEFAULT_FOLDER);
  set_field (self->done_folder_row, account != NULL ? account->done_folder : NULL);
  set_field (self->smtp_host_row, account != NULL ? account->smtp_host : NULL);
  set_security (self->smtp_security_row, account != NULL ? account->smtp_security : PACTA_MAIL_SECURITY_TLS);
  set_port (self->smtp_port_row, account != NULL ? account->smtp_port : SMTP_PORT_TLS);
  set_field (self->user_row, account != NULL ? account->user : NULL);
  set_field (self->address_row, account != NULL ? account->address : NULL);
  set_field (self->password_row, NULL);
  self->filling = FALSE;

  self->edited = FALSE;
  /* A new account's address is its user name, when that is one */
  self->address_follows = account == NULL;
  check_port (self->imap_port_row, self->imap_port_icon);
  check_port (self->smtp_port_row, self->smtp_port_icon);
}

/* The account as typed */
static PactaMailAccount *
account_from_fields (PactaPreferencesMailPage *self)
{
  PactaMailAccount *account = pacta_mail_account_new ();
  g_autofree char *done_folder = field_text (self->done_folder_row);

  account->imap_host = field_text (self->imap_host_row);
  account->imap_port = port_of (self->imap_port_row);
  account->imap_security = security_of (self->imap_security_row);
  account->smtp_host = field_text (self->smtp_host_row);
  account->smtp_port = port_of (self->smtp_port_row);
  account->smtp_security = security_of (self->smtp_security_row);
  account->user = field_text (self->user_row);
  account->address = field_text (self->address_row);
  g_free (account->folder);
  account->folder = field_text (self->folder_row);
  g_free (account->done_folder);
  account->done_folder = *done_folder != '\0' ? g_steal_pointer (&done_folder) : NULL;
  return account;
}

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

static gboolean
same_account (const PactaMailAccount *a,
              const PactaMailAccount *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return same_text (a->imap_host, b->imap_host) && a->imap_port == b->imap_port &&
         a->imap_security == b->imap_security && same_text (a->smtp_host, b->smtp_host) &&
         a->smtp_port == b->smtp_port && a->smtp_security == b->smtp_security && same_text (a->user, b->user) &&
         same_text (a->address, b->address) && same_text (a->folder, b->folder) &&
         same_text (a->done_folder, b->done_folder);
}

/* The account the context keeps; the fields show it when @force, or when it
 * changed and nothing was typed meanwhile (the outbox and the inbox tell of
 * their changes by the same signal: what is being typed stays) */
static void
reload (PactaPreferencesMailPage *self,
        gboolean                  force)
{
  g_autoptr(PactaMailAccount) account = self->context != NULL ? pacta_context_get_mail_account (self->context) : NULL;
  gboolean changed = !same_account (account, self->saved);

  g_clear_pointer (&self->saved, pacta_mail_account_free);
  self->saved = g_steal_pointer (&account);
  if (force || (changed && !self->edited))
    fill (self, self->saved);
  update_password_hint (self);
  update_buttons (self);
}

static void
on_mail_changed_cb (PactaPreferencesMailPage *self)
{
  /* A test under way reloads when it is done */
  if (self->testing == NULL)
    reload (self, FALSE);
}

static void
set_busy (PactaPreferencesMailPage *self,
          gboolean                  busy)
{
  GtkWindow *window = parent_window (self);
  GtkWidget *focus = window != NULL ? gtk_window_get_focus (window) : NULL;
  AdwPreferencesGroup *groups[] = { self->imap_group, self->smtp_group, self->account_group };

  gtk_widget_set_visible (self->testing_box, busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  if (busy)
    reveal_end (self);
  /* While testing, the focus is on Cancel, the one thing to do: a field
   * made insensitive with the focus in it keeps its cursor blinking */
  if (busy && focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    gtk_widget_grab_focus (self->cancel_button);
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    gtk_widget_set_sensitive (GTK_WIDGET (groups[i]), !busy);
  update_buttons (self);
}

/* The field most likely to be wrong, by what went wrong */
static GtkWidget *
field_to_fix (PactaPreferencesMailPage *self,
              const GError             *error)
{
  /* The user name or the password was refused: the password is the one typed blind */
  if (g_error_matches (error, PACTA_ERROR, PACTA_ERROR_UNAUTHORIZED))
    return GTK_WIDGET (self->password_row);
  /* Which server did not answer, or which field is wrong, the message says */
  return self->save_button;
}

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PactaPreferencesMailPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean saved = pacta_context_save_mail_account_finish (PACTA_CONTEXT (object), result, &error);

  if (self->testing == NULL)
    return;   /* the page is gone: the test was cancelled with it */
  g_clear_object (&self->testing);
  set_busy (self, FALSE);

  /* Nothing was kept: what was typed stays, to be fixed or tried again */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gtk_widget_grab_focus (self->save_button);
      return;
    }
  if (!saved)
    {
      show_error (self, error->message);
      gtk_widget_grab_focus (field_to_fix (self, error));
      return;
    }

  /* The account as kept, the password gone from the page */
  reload (self, TRUE);
  show_saved (self, TRUE);
  gtk_widget_grab_focus (self->remove_button);
}

void
pacta_preferences_mail_page_save (PactaPreferencesMailPage *self)
{
  g_autoptr(PactaMailAccount) account = NULL;

  g_return_if_fail (PACTA_IS_PREFERENCES_MAIL_PAGE (self));

  if (is_busy (self) || self->context == NULL || first_missing_field (self) != NULL)
    return;

  account = account_from_fields (self);
  show_error (self, NULL);
  show_saved (self, FALSE);
  self->testing = g_cancellable_new ();
  set_busy (self, TRUE);
  /* Both servers are tried with the password before anything is kept */
  pacta_context_save_mail_account_async (self->context, account,
                                         gtk_editable_get_text (GTK_EDITABLE (self->password_row)), self->testing,
                                         on_saved_cb, g_object_ref (self));
}

void
pacta_preferences_mail_page_cancel (PactaPreferencesMailPage *self)
{
  g_return_if_fail (PACTA_IS_PREFERENCES_MAIL_PAGE (self));

  if (self->testing != NULL)
    g_cancellable_cancel (self->testing);
}

static void
on_save_clicked_cb (PactaPreferencesMailPage *self)
{
  pacta_preferences_mail_page_save (self);
}

static void
on_cancel_clicked_cb (PactaPreferencesMailPage *self)
{
  pacta_preferences_mail_page_cancel (self);
}

static void
on_field_changed_cb (PactaPreferencesMailPage *self)
{
  if (self->filling || self->save_button == NULL)
    return;
  self->edited = TRUE;
  /* What was said was about what is being changed now */
  show_error (self, NULL);
  show_saved (self, FALSE);
  check_port (self->imap_port_row, self->imap_port_icon);
  check_port (self->smtp_port_row, self->smtp_port_icon);
  update_buttons (self);
}

/* The address is the user name while it looks like one, until the address
 * is typed itself */
static void
on_user_changed_cb (PactaPreferencesMailPage *self)
{
  g_autofree char *user = NULL;

  if (self->filling || self->address_row == NULL || !self->address_follows)
    return;
  user = field_text (self->user_row);
  self->filling = TRUE;
  set_field (self->address_row, pacta_text_is_email (user) ? user : NULL);
  self->filling = FALSE;
}

static void
on_address_changed_cb (PactaPreferencesMailPage *self)
{
  if (self->filling)
    return;
  /* Typed: it is the user's own; emptied: it follows the user name again */
  self->address_follows = *gtk_editable_get_text (GTK_EDITABLE (self->address_row)) == '\0';
}

/* Another security: the port moves with it while it was the usual one */
static void
on_security_selected_cb (PactaPreferencesMailPage *self,
                         GParamSpec               *pspec,
                         AdwComboRow              *row)
{
  gboolean imap = row == self->imap_security_row;
  AdwEntryRow *port_row = imap ? self->imap_port_row : self->smtp_port_row;
  PactaMailSecurity security = security_of (row);
  PactaMailSecurity other = security == PACTA_MAIL_SECURITY_TLS ? PACTA_MAIL_SECURITY_STARTTLS
                                                                : PACTA_MAIL_SECURITY_TLS;
  guint port;

  if (self->filling || port_row == NULL)
    return;
  port = port_of (port_row);
  if (port == 0 || port == usual_port (imap, other))
    set_port (port_row, usual_port (imap, security));
  on_field_changed_cb (self);
}

/* Enter: Test and Save once all is there, else on to the first field missing.
 * (Not the rows' activates-default as well: the focus moves to Cancel as
 * the test starts, which the default would then press.) */
static void
on_field_activated_cb (PactaPreferencesMailPage *self)
{
  GtkWidget *missing = first_missing_field (self);

  if (missing == NULL)
    pacta_preferences_mail_page_save (self);
  else
    gtk_widget_grab_focus (missing);
}

static void
on_removed_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PactaPreferencesMailPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean done = pacta_context_forget_mail_account_finish (PACTA_CONTEXT (object), result, &error);

  if (self->removing == NULL)
    return;   /* the page is gone */
  g_clear_object (&self->removing);
  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
  if (!done)
    {
      reload (self, FALSE);
      show_error (self, error->message);
      gtk_widget_grab_focus (self->remove_button);
      return;
    }
  reload (self, TRUE);
  show_error (self, NULL);
  show_saved (self, FALSE);
  toast (self, _("Mail account removed"));
  gtk_widget_grab_focus (GTK_WIDGET (self->imap_host_row));
}

static void
remove_account (PactaPreferencesMailPage *self)
{
  if (is_busy (self) || self->context == NULL)
    return;
  self->removing = g_cancellable_new ();
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  update_buttons (self);
  /* The keyring is D-Bus: off the main thread */
  pacta_context_forget_mail_account_async (self->context, self->removing, on_removed_cb, g_object_ref (self));
}

static void
on_remove_response_cb (PactaPreferencesMailPage *self,
                       const char               *response)
{
  if (g_strcmp0 (response, "remove") == 0)
    remove_account (self);
}

static void
on_remove_clicked_cb (PactaPreferencesMailPage *self)
{
  GtkWidget *dialog;

  if (self->question != NULL || is_busy (self))
    return;
  dialog = adw_message_dialog_new (parent_window (self), _("Remove the Mail Account?"),
                                   _("Pacta stops sending invoices and replies by email and reading tickets from the "
                                     "mailbox. The password is removed from the keyring; what was sent and read "
                                     "stays."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, G_CONNECT_SWAPPED);
  pacta_a11y_fix_mnemonics (dialog);
  self->question = ADW_MESSAGE_DIALOG (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->question);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The password row's Show Text button, which has an icon and a tooltip only */
static GtkWidget *
find_peek_button (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) &&
          (g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (child)), "view-reveal-symbolic") == 0 ||
           g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (child)), "view-conceal-symbolic") == 0))
        return child;
      if ((found = find_peek_button (child)) != NULL)
        return found;
    }
  return NULL;
}

/* … named for what it does now */
static void
name_peek_button (PactaPreferencesMailPage *self)
{
  GtkText *text = GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (self->password_row)));
  GtkWidget *button = find_peek_button (GTK_WIDGET (self->password_row));

  if (button != NULL)
    pacta_a11y_set_label (button, gtk_text_get_visibility (text) ? _("Hide the password") : _("Show the password"));
}

static void
pacta_preferences_mail_page_dispose (GObject *object)
{
  PactaPreferencesMailPage *self = (PactaPreferencesMailPage *)object;

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_func (self->context, on_mail_changed_cb, self);
  g_clear_object (&self->context);
  /* A test under way stops, and keeps nothing; a removal finishes, whole */
  if (self->testing != NULL)
    g_cancellable_cancel (self->testing);
  g_clear_object (&self->testing);
  g_clear_object (&self->removing);
  if (self->question != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->question), (gpointer *) &self->question);
      gtk_window_destroy (GTK_WINDOW (self->question));
      self->question = NULL;
    }
  g_clear_pointer (&self->saved, pacta_mail_account_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_PREFERENCES_MAIL_PAGE);
  g_clear_object (&self->imap_port_icon);
  g_clear_object (&self->smtp_port_icon);

  G_OBJECT_CLASS (pacta_preferences_mail_page_parent_class)->dispose (object);
}

static void
pacta_preferences_mail_page_class_init (PactaPreferencesMailPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_preferences_mail_page_dispose;

  g_type_ensure (PACTA_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pacta/Pacta/ui/preferences/pacta-preferences-mail-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesMailPage, imap_group);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesMailPage, smtp_group);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesMailPage, account_group);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesMailPage, imap_host_row);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesMailPage, imap_port_row);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesMailPage, imap_security_row);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesMailPage, folder_row);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesMailPage, done_folder_row);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesMailPage, smtp_host_row);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesMailPage, smtp_port_row);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesMailPage, smtp_security_row);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesMailPage, user_row);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesMailPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesMailPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesMailPage, password_hint);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesMailPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesMailPage, remove_button);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesMailPage, testing_box);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesMailPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesMailPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesMailPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesMailPage, saved_label);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_field_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_user_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_address_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_security_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked_cb);
}

static void
pacta_preferences_mail_page_init (PactaPreferencesMailPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->imap_port_icon = port_icon_new ();
  self->smtp_port_icon = port_icon_new ();
  pacta_a11y_fix_mnemonics (GTK_WIDGET (self));
  g_signal_connect_object (gtk_editable_get_delegate (GTK_EDITABLE (self->password_row)), "notify::visibility",
                           G_CALLBACK (name_peek_button), self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  name_peek_button (self);
  fill (self, NULL);
  update_password_hint (self);
  update_buttons (self);
}

void
pacta_preferences_mail_page_set_context (PactaPreferencesMailPage *self,
                                         PactaContext             *context)
{
  g_return_if_fail (PACTA_IS_PREFERENCES_MAIL_PAGE (self));
  g_return_if_fail (context == NULL || PACTA_IS_CONTEXT (context));

  if (self->context == context)
    return;
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_func (self->context, on_mail_changed_cb, self);
  g_set_object (&self->context, context);
  if (context != NULL)
    g_signal_connect_object (context, "mail-changed", G_CALLBACK (on_mail_changed_cb), self, G_CONNECT_SWAPPED);
  reload (self, TRUE);
}

/* ---- for tests -------------------------------------------------------------------- */

/**
 * pacta_preferences_mail_page_get_row:
 *
 * Returns: (transfer none): the row of @field
 */
GtkWidget *
pacta_preferences_mail_page_get_row (PactaPreferencesMailPage *self,
                                     const char               *field)
{
  const struct { const char *field; gsize offset; } rows[] = {
    { "imap-host", G_STRUCT_OFFSET (PactaPreferencesMailPage, imap_host_row) },
    { "imap-port", G_STRUCT_OFFSET (PactaPreferencesMailPage, imap_port_row) },
    { "imap-security", G_STRUCT_OFFSET (PactaPreferencesMailPage, imap_security_row) },
    { "folder", G_STRUCT_OFFSET (PactaPreferencesMailPage, folder_row) },
    { "done-folder", G_STRUCT_OFFSET (PactaPreferencesMailPage, done_folder_row) },
    { "smtp-host", G_STRUCT_OFFSET (PactaPreferencesMailPage, smtp_host_row) },
    { "smtp-port", G_STRUCT_OFFSET (PactaPreferencesMailPage, smtp_port_row) },
    { "smtp-security", G_STRUCT_OFFSET (PactaPreferencesMailPage, smtp_security_row) },
    { "user", G_STRUCT_OFFSET (PactaPreferencesMailPage, user_row) },
    { "address", G_STRUCT_OFFSET (PactaPreferencesMailPage, address_row) },
    { "password", G_STRUCT_OFFSET (PactaPreferencesMailPage, password_row) },
  };

  g_return_val_if_fail (PACTA_IS_PREFERENCES_MAIL_PAGE (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (g_strcmp0 (field, rows[i].field) == 0)
      return G_STRUCT_MEMBER (GtkWidget *, self, rows[i].offset);
  g_return_val_if_reached (NULL);
}

gboolean
pacta_preferences_mail_page_can_save (PactaPreferencesMailPage *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_MAIL_PAGE (self), FALSE);

  return gtk_widget_get_sensitive (self->save_button);
}

gboolean
pacta_preferences_mail_page_is_busy (PactaPreferencesMailPage *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_MAIL_PAGE (self), FALSE);

  return is_busy (self);
}

const char *
pacta_preferences_mail_page_get_error (PactaPreferencesMailPage *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_MAIL_PAGE (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_label (self->error_label) : NULL;
}

const char *
pacta_preferences_mail_page_get_status (PactaPreferencesMailPage *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_MAIL_PAGE (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->saved_label)) ? gtk_label_get_label (self->saved_label) : NULL;
}

/**
 * pacta_preferences_mail_page_get_question:
 *
 * Returns: (transfer none) (nullable): Remove Account's question while it is asked
 */
AdwMessageDialog *
pacta_preferences_mail_page_get_question (PactaPreferencesMailPage *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_MAIL_PAGE (self), NULL);

  return self->question;
}
