/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-connect-dialog.c: Connect to the Cloud Platform — the API client's data center URL,
 * client ID and secret, checked with the platform off the main thread (the context keeps the
 * secret in the keyring only once they work), then the first sync of customers and usage.
 * On failure the platform's words are shown, what was typed stays and the field to fix has the
 * focus; Cancel stops the check. */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-a11y.h"
#include "pacta-connect-dialog-private.h"
#include "pacta-error.h"
#include "pacta-sync-dialog.h"

struct _PactaConnectDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  GtkButton           *cancel_button;
  GtkButton           *connect_button;
  AdwPreferencesGroup *fields_group;
  AdwEntryRow         *url_row;
  AdwEntryRow         *client_id_row;
  AdwEntryRow         *secret_row;
  GtkWidget           *checking_box;
  GtkSpinner          *spinner;
  GtkLabel            *error_label;

  /* Owned */
  PactaContext        *context;
  GCancellable        *cancellable;         /* while the platform is asked */
  gboolean             close_when_stopped;  /* closed while asking: goes once it has stopped */
};

G_DEFINE_FINAL_TYPE (PactaConnectDialog, pacta_connect_dialog, ADW_TYPE_WINDOW)

enum {
  CONNECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
field_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* The first field still empty, or %NULL when all three are filled */
static GtkWidget *
first_empty_field (PactaConnectDialog *self)
{
  AdwEntryRow *rows[] = { self->url_row, self->client_id_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *text = field_text (rows[i]);

      if (*text == '\0')
        return GTK_WIDGET (rows[i]);
    }
  /* The secret is not copied out of the secure memory it is typed into */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->secret_row)) == '\0')
    return GTK_WIDGET (self->secret_row);
  return NULL;
}

static void
update_buttons (PactaConnectDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button),
                            self->cancellable == NULL && first_empty_field (self) == NULL);
}

static void
set_busy (PactaConnectDialog *self,
          gboolean            busy)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));

  /* While checking, the focus is on Cancel, the one thing to do: a field
   * made insensitive with the focus in it keeps its cursor blinking */
  if (busy && focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->fields_group)))
    gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
  gtk_widget_set_sensitive (GTK_WIDGET (self->fields_group), !busy);
  gtk_widget_set_visible (self->checking_box, busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  update_buttons (self);
}

static void
show_error (PactaConnectDialog *self,
            const char         *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* The field most likely to be wrong, by what went wrong */
static GtkWidget *
field_to_fix (PactaConnectDialog *self,
              const GError       *error)
{
  /* The address is wrong, or does not answer as the platform does */
  if (g_error_matches (error, PACTA_ERROR, PACTA_ERROR_NETWORK) ||
      g_error_matches (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE) ||
      g_error_matches (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE))
    return GTK_WIDGET (self->url_row);
  /* A wrong client ID or secret: the secret is the one typed blind */
  return GTK_WIDGET (self->secret_row);
}

static void
on_connected_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PactaConnectDialog) self = user_data;
  g_autoptr(PactaPlatformAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent;
  PactaSyncDialog *sync;

  account = pacta_context_connect_platform_finish (PACTA_CONTEXT (object), result, &error);
  /* Destroyed meanwhile: the check was cancelled with it */
  if (self->context == NULL)
    return;
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);

  if (account == NULL)
    {
      if (self->close_when_stopped)
        gtk_window_destroy (GTK_WINDOW (self));
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_widget_grab_focus (GTK_WIDGET (self->connect_button));
      else
        {
          /* Nothing was kept: what was typed stays, to be fixed */
          show_error (self, error->message);
          gtk_widget_grab_focus (field_to_fix (self, error));
        }
      return;
    }

  /* The window says whom Pacta is connected to; the customers come at
   * once, unless the window was closed meanwhile (connected just before) */
  g_signal_emit (self, signals[CONNECTED], 0, account->tenant_name != NULL ? account->tenant_name : account->url);
  if (self->close_when_stopped)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  sync = pacta_sync_dialog_new_sync (parent, self->context, TRUE, TRUE);
  gtk_window_destroy (GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (sync));
  pacta_sync_dialog_start (sync);
}

void
pacta_connect_dialog_connect (PactaConnectDialog *self)
{
  g_autofree char *url = NULL;
  g_autofree char *client_id = NULL;

  g_return_if_fail (PACTA_IS_CONNECT_DIALOG (self));

  if (self->cancellable != NULL || self->context == NULL || first_empty_field (self) != NULL)
    return;

  url = field_text (self->url_row);
  client_id = field_text (self->client_id_row);
  show_error (self, NULL);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  /* The URL is checked before the secret leaves; nothing is kept until all works */
  pacta_context_connect_platform_async (self->context, url, client_id,
                                        gtk_editable_get_text (GTK_EDITABLE (self->secret_row)),
                                        self->cancellable, on_connected_cb, g_object_ref (self));
}

void
pacta_connect_dialog_cancel (PactaConnectDialog *self)
{
  g_return_if_fail (PACTA_IS_CONNECT_DIALOG (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
on_connect_clicked_cb (PactaConnectDialog *self)
{
  pacta_connect_dialog_connect (self);
}

static void
on_cancel_clicked_cb (PactaConnectDialog *self)
{
  pacta_connect_dialog_cancel (self);
}

static void
on_field_changed_cb (PactaConnectDialog *self)
{
  /* What went wrong was about what is being changed now */
  show_error (self, NULL);
  update_buttons (self);
}

/* Enter: Connect once all three are there, else on to the one missing.
 * (Not the rows' activates-default as well: the entry row activates the
 * default after this, when the focus has moved to Cancel, which it would
 * then press.) */
static void
on_field_activated_cb (PactaConnectDialog *self)
{
  GtkWidget *empty = first_empty_field (self);

  if (empty == NULL)
    pacta_connect_dialog_connect (self);
  else
    gtk_widget_grab_focus (empty);
}

static gboolean
pacta_connect_dialog_close_request (GtkWindow *window)
{
  PactaConnectDialog *self = PACTA_CONNECT_DIALOG (window);

  /* Closed while the platform is asked: stopped first, then gone */
  if (self->cancellable != NULL)
    {
      self->close_when_stopped = TRUE;
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }
  /* GTK 4.8 tells the secret's text it lost the focus after it is gone,
   * when the window lets go of the focus only as it goes: the focus goes first */
  gtk_window_set_focus (window, NULL);
  return FALSE;
}

/* The secret row's Show Text button, which has an icon and a tooltip only */
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
name_peek_button (PactaConnectDialog *self)
{
  GtkText *text = GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (self->secret_row)));
  GtkWidget *button = find_peek_button (GTK_WIDGET (self->secret_row));

  if (button != NULL)
    pacta_a11y_set_label (button, gtk_text_get_visibility (text) ? _("Hide the secret") : _("Show the secret"));
}

static void
pacta_connect_dialog_dispose (GObject *object)
{
  PactaConnectDialog *self = (PactaConnectDialog *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_CONNECT_DIALOG);

  G_OBJECT_CLASS (pacta_connect_dialog_parent_class)->dispose (object);
}

static void
pacta_connect_dialog_class_init (PactaConnectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pacta_connect_dialog_dispose;
  window_class->close_request = pacta_connect_dialog_close_request;

  /**
   * PactaConnectDialog::connected:
   * @name: the name of the account connected to (the API client's tenant)
   *
   * Emitted once Pacta is connected, as the dialog closes and the first
   * sync starts.
   */
  signals[CONNECTED] =
    g_signal_new ("connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pacta/Pacta/ui/customers/pacta-connect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaConnectDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PactaConnectDialog, connect_button);
  gtk_widget_class_bind_template_child (widget_class, PactaConnectDialog, fields_group);
  gtk_widget_class_bind_template_child (widget_class, PactaConnectDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, PactaConnectDialog, client_id_row);
  gtk_widget_class_bind_template_child (widget_class, PactaConnectDialog, secret_row);
  gtk_widget_class_bind_template_child (widget_class, PactaConnectDialog, checking_box);
  gtk_widget_class_bind_template_child (widget_class, PactaConnectDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PactaConnectDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_connect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_field_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pacta_connect_dialog_init (PactaConnectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pacta_a11y_fix_mnemonics (GTK_WIDGET (self));
  g_signal_connect_object (gtk_editable_get_delegate (GTK_EDITABLE (self->secret_row)), "notify::visibility",
                           G_CALLBACK (name_peek_button), self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  name_peek_button (self);
  update_buttons (self);
}

PactaConnectDialog *
pacta_connect_dialog_new (GtkWindow    *parent,
                          PactaContext *context)
{
  PactaConnectDialog *self;

  g_return_val_if_fail (PACTA_IS_CONTEXT (context), NULL);

  self = g_object_new (PACTA_TYPE_CONNECT_DIALOG, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  return self;
}

/**
 * pacta_connect_dialog_fill:
 *
 * The account's data center URL and client ID, as they were: connecting
 * again asks for the secret alone, which has the focus.
 */
void
pacta_connect_dialog_fill (PactaConnectDialog *self,
                           const char         *url,
                           const char         *client_id)
{
  g_return_if_fail (PACTA_IS_CONNECT_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url != NULL ? url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->client_id_row), client_id != NULL ? client_id : "");
  gtk_widget_grab_focus (GTK_WIDGET (self->secret_row));
}

/* ---- for tests -------------------------------------------------------------------- */

void
pacta_connect_dialog_set_fields (PactaConnectDialog *self,
                                 const char         *url,
                                 const char         *client_id,
                                 const char         *secret)
{
  g_return_if_fail (PACTA_IS_CONNECT_DIALOG (self));

  if (url != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  if (client_id != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->client_id_row), client_id);
  if (secret != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->secret_row), secret);
}

GtkWidget *
pacta_connect_dialog_get_row (PactaConnectDialog *self,
                              const char         *field)
{
  g_return_val_if_fail (PACTA_IS_CONNECT_DIALOG (self), NULL);

  if (g_strcmp0 (field, "url") == 0)
    return GTK_WIDGET (self->url_row);
  if (g_strcmp0 (field, "client-id") == 0)
    return GTK_WIDGET (self->client_id_row);
  if (g_strcmp0 (field, "secret") == 0)
    return GTK_WIDGET (self->secret_row);
  g_return_val_if_reached (NULL);
}

gboolean
pacta_connect_dialog_can_connect (PactaConnectDialog *self)
{
  g_return_val_if_fail (PACTA_IS_CONNECT_DIALOG (self), FALSE);

  return gtk_widget_get_sensitive (GTK_WIDGET (self->connect_button));
}

gboolean
pacta_connect_dialog_is_busy (PactaConnectDialog *self)
{
  g_return_val_if_fail (PACTA_IS_CONNECT_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

const char *
pacta_connect_dialog_get_error (PactaConnectDialog *self)
{
  g_return_val_if_fail (PACTA_IS_CONNECT_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_label (self->error_label) : NULL;
}
