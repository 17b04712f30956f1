/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-ticket-dialog.c: a ticket's conversation (messages and internal notes, visibly
 * different), a reply box, the status buttons and its time with Add time, Approve
 * and Reject. Approving time for a customer without billing information opens the
 * billing prompt; after Save the approval completes, after Cancel nothing changes.
 * With a mail account, a reply (not a note) is emailed to the ticket's contact: the
 * box says where it goes, each reply mailed shows how it went, and a message that
 * came by mail lists its attachments, each saved where the user says.
 * The window's fixed widgets are in its template; the rows are made here. */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-a11y.h"
#include "pacta-billing-dialog.h"
#include "pacta-billing-info-table.h"
#include "pacta-contract.h"
#include "pacta-date.h"
#include "pacta-error.h"
#include "pacta-mail-text.h"
#include "pacta-message-window.h"
#include "pacta-text.h"
#include "pacta-ticket-dialog-private.h"
#include "pacta-wrap-box.h"

/* A message longer than this shows its start in the conversation and opens
 * whole in its own window: a label laying out thousands of characters, or a
 * word of thousands without a space, would keep the window busy for minutes */
#define EXCERPT_CHARS 400
#define EXCERPT_LINES 8
/* A run of more characters than this without a space is wrapped between any
 * two characters: looking for a word break in it is slow */
#define LONG_WORD     80

struct _PactaTicketDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwToastOverlay     *toasts;
  AdwWindowTitle      *window_title;
  GtkLabel            *message_label;
  GtkLabel            *status_label;
  GtkWidget           *start_button;
  GtkWidget           *wait_button;
  GtkWidget           *resolve_button;
  GtkWidget           *close_button;
  GtkWidget           *reopen_button;
  AdwPreferencesGroup *conversation_group;
  GtkLabel            *mail_label;
  GtkTextView         *reply_view;
  GtkCheckButton      *note_check;
  AdwPreferencesGroup *time_group;
  GtkSpinButton       *minutes_spin;
  AdwEntryRow         *time_description_row;

  /* Owned */
  PactaContext        *context;
  PactaTicket         *ticket;
  GListModel          *updates;      /* the conversation shown */
  GPtrArray           *rows;
  GPtrArray           *mailings;     /* (element-type MailingView) the replies mailed, as shown */
  GPtrArray           *attachments;  /* (element-type PactaMailAttachment) those shown, borrowed */
  GHashTable          *read_attachments; /* conversation entry id → its attachments (GPtrArray) */
  GtkFileChooserNative *chooser;
  GBytes              *saving;       /* what the chooser saves */
};

/* How one reply mailed is doing, in its row */
typedef struct
{
  gint64     update_id;
  GtkWidget *box;
  GtkImage  *icon;
  GtkLabel  *label;
} MailingView;

G_DEFINE_FINAL_TYPE (PactaTicketDialog, pacta_ticket_dialog, ADW_TYPE_WINDOW)

static void reload (PactaTicketDialog *self);

static void
show_message (PactaTicketDialog *self,
              const char        *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
toast (PactaTicketDialog *self,
       const char        *title)
{
  /* A toast's title is markup in libadwaita 1.2; a file name is text */
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (escaped));
}

/* ---- mail ---------------------------------------------------------------- */

static gboolean
has_mail_account (PactaTicketDialog *self)
{
  g_autoptr(PactaMailAccount) account = pacta_context_get_mail_account (self->context);

  return account != NULL;
}

/* Above the reply box: where a reply goes */
static void
update_mail_note (PactaTicketDialog *self)
{
  g_autofree char *recipient = NULL;
  g_autofree char *text = NULL;

  if (!has_mail_account (self))
    text = g_strdup (_("Replies stay in Pacta. A mail account, set in Preferences, emails them to the customer."));
  else if ((recipient = pacta_context_ticket_recipient (self->context, pacta_ticket_get_id (self->ticket))) != NULL)
    /* Translators: above a ticket's reply box; %s is an email address */
    text = g_strdup_printf (_("Replies are emailed to %s"), recipient);
  else
    text = g_strdup (_("This ticket’s contact has no email address: replies stay in Pacta"));
  gtk_label_set_label (self->mail_label, text);
}

/* The window's "win.send-mail" sends the outbox in the background. A
 * dialog is a window of its own: the action is its parent's, or that
 * parent's parent's when the ticket was opened from another dialog. */
static void
send_mail (PactaTicketDialog *self)
{
  for (GtkWindow *window = GTK_WINDOW (self); window != NULL; window = gtk_window_get_transient_for (window))
    if (gtk_widget_activate_action (GTK_WIDGET (window), "win.send-mail", NULL))
      return;
}

static void
show_mailing (PactaTicketDialog *self,
              MailingView       *view)
{
  g_autoptr(PactaInvoiceMailing) mailing = pacta_context_reply_mailing (self->context, view->update_id, NULL);
  PactaClock *clock = pacta_context_get_clock (self->context);
  g_autofree char *status = mailing != NULL ? pacta_mail_text_status (clock, mailing) : NULL;
  g_autofree char *description = mailing != NULL ? pacta_mail_text_description (clock, mailing) : NULL;

  gtk_widget_set_visible (view->box, status != NULL);
  if (status == NULL)
    return;
  gtk_image_set_from_icon_name (view->icon, pacta_mail_text_icon (mailing->state));
  gtk_label_set_label (view->label, status);
  gtk_widget_set_tooltip_text (view->box, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view->label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : "", -1);
}

/* A reply's mail status at the end of its row: the icon and a few words,
 * the whole story (the recipient, the server's words) as its tooltip */
static void
add_mailing (PactaTicketDialog *self,
             GtkWidget         *row,
             gint64             update_id)
{
  MailingView *view = g_new0 (MailingView, 1);
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  GtkWidget *label = gtk_label_new (NULL);

  view->update_id = update_id;
  view->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  view->icon = GTK_IMAGE (icon);
  view->label = GTK_LABEL (label);
  gtk_label_set_wrap (view->label, TRUE);
  gtk_label_set_wrap_mode (view->label, PANGO_WRAP_WORD_CHAR);
  /* Narrow, on further lines: the message beside it keeps the room */
  gtk_label_set_max_width_chars (view->label, 14);
  gtk_label_set_width_chars (view->label, 8);
  gtk_label_set_justify (view->label, GTK_JUSTIFY_RIGHT);
  gtk_label_set_xalign (view->label, 1);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_valign (view->box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (view->box), icon);
  gtk_box_append (GTK_BOX (view->box), label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), view->box);
  g_ptr_array_add (self->mailings, view);
  show_mailing (self, view);
}

/**
 * pacta_ticket_dialog_write_attachment:
 * @data: an attachment's bytes
 * @file: where the user chose to save it
 *
 * Writes the bytes as they came, replacing what @file held.
 */
gboolean
pacta_ticket_dialog_write_attachment (GBytes  *data,
                                      GFile   *file,
                                      GError **error)
{
  gsize size = 0;
  const char *bytes = g_bytes_get_data (data, &size);

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return g_file_replace_contents (file, bytes != NULL ? bytes : "", size, NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

static gboolean
save_bytes (PactaTicketDialog *self,
            GBytes            *data,
            GFile             *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *title = NULL;

  if (!pacta_ticket_dialog_write_attachment (data, file, &error))
    {
      show_message (self, error->message);
      return FALSE;
    }
  show_message (self, NULL);
  /* Translators: a toast; %s is a file name */
  title = g_strdup_printf (_("%s saved"), name != NULL ? name : "");
  toast (self, title);
  return TRUE;
}

static void
on_chooser_response_cb (PactaTicketDialog    *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL && self->saving != NULL)
        save_bytes (self, self->saving, file);
    }
  g_clear_pointer (&self->saving, g_bytes_unref);
  g_clear_object (&self->chooser);
}

/* The sender named the file: its name is only offered, in the folder the
 * user picks (the core keeps a bare name, but it is never used as a path) */
static void
on_save_attachment_clicked_cb (GtkButton         *button,
                               PactaTicketDialog *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "pacta-attachment"));
  PactaMailAttachment *attachment;

  if (self->chooser != NULL || index >= self->attachments->len)
    return;
  attachment = g_ptr_array_index (self->attachments, index);
  self->saving = g_bytes_ref (attachment->data);
  self->chooser = gtk_file_chooser_native_new (_("Save Attachment"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), attachment->filename);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* A row for each file that came with a message, under it */
static void
add_attachment_rows (PactaTicketDialog *self,
                     gint64             update_id)
{
  GPtrArray *attachments = g_hash_table_lookup (self->read_attachments, &update_id);

  /* What came with a message never changes: read once, not at every reload */
  if (attachments == NULL)
    {
      if (!(attachments = pacta_context_list_mail_attachments (self->context, update_id, NULL)))
        return;
      g_hash_table_insert (self->read_attachments, g_memdup2 (&update_id, sizeof update_id), attachments);
    }

  for (guint i = 0; i < attachments->len; i++)
    {
      PactaMailAttachment *attachment = g_ptr_array_index (attachments, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", "mail-attachment-symbolic",
                                      "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
      /* No mnemonic: Alt+S is Send's */
      GtkWidget *save = gtk_button_new_with_label (_("Save…"));
      g_autofree char *size = g_format_size (g_bytes_get_size (attachment->data));
      /* Translators: accessible name of the button that saves one attachment; %s is its file name */
      g_autofree char *label = g_strdup_printf (_("Save %s"), attachment->filename);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), attachment->filename);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), size);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      pacta_a11y_set_label (save, label);
      gtk_widget_set_valign (save, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (save), "pacta-attachment", GUINT_TO_POINTER (self->attachments->len));
      g_signal_connect (save, "clicked", G_CALLBACK (on_save_attachment_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), save);
      g_ptr_array_add (self->attachments, attachment);
      adw_preferences_group_add (self->conversation_group, row);
      g_ptr_array_add (self->rows, row);
    }
}

/* ---- approval with the billing prompt ---------------------------------- */

typedef struct
{
  GtkWindow    *parent;
  PactaContext *context;
  GArray       *ids;
  GCallback     done;
  gpointer      user_data;
} Approval;

static void
approval_free (Approval *approval)
{
  g_clear_object (&approval->parent);
  g_clear_object (&approval->context);
  g_array_unref (approval->ids);
  g_free (approval);
}

static void approval_try (Approval *approval);

static void
on_approval_prompt_done_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  Approval *approval = user_data;

  /* Saved: try again; cancelled: nothing changes */
  if (pacta_billing_dialog_prompt_finish (result, NULL))
    approval_try (approval);
  else
    {
      if (approval->done != NULL)
        ((void (*) (gboolean, const char *, gpointer))approval->done) (FALSE, NULL, approval->user_data);
      approval_free (approval);
    }
}

/* The customer of the first entry that lacks billing information */
static gint64
customer_needing_info (Approval *approval)
{
  for (guint i = 0; i < approval->ids->len; i++)
    {
      gint64 entry_id = g_array_index (approval->ids, gint64, i);
      g_autoptr(GListModel) pending = pacta_context_list_time_entries (approval->context, 0, NULL);

      for (guint k = 0; pending != NULL && k < g_list_model_get_n_items (pending); k++)
        {
          g_autoptr(PactaTimeEntry) entry = g_list_model_get_item (pending, k);
          g_autoptr(PactaTicket) ticket = NULL;

          if (pacta_time_entry_get_id (entry) != entry_id)
            continue;
          ticket = pacta_context_load_ticket (approval->context, pacta_time_entry_get_ticket_id (entry), NULL);
          if (ticket != NULL &&
              !pacta_context_require_billing_info (approval->context, pacta_ticket_get_customer_id (ticket), NULL))
            return pacta_ticket_get_customer_id (ticket);
        }
    }
  return 0;
}

static void
approval_try (Approval *approval)
{
  g_autoptr(GError) error = NULL;
  gint64 customer;

  if (pacta_context_approve_time (approval->context, approval->ids, &error))
    {
      if (approval->done != NULL)
        ((void (*) (gboolean, const char *, gpointer))approval->done) (TRUE, NULL, approval->user_data);
      approval_free (approval);
      return;
    }

  if (g_error_matches (error, PACTA_ERROR, PACTA_ERROR_BILLING_INFO_REQUIRED) &&
      (customer = customer_needing_info (approval)) > 0)
    {
      pacta_billing_dialog_prompt (approval->parent, approval->context, customer,
                                   _("Approved time becomes a sales item, so the customer needs billing information first."),
                                   on_approval_prompt_done_cb, approval);
      return;
    }

  if (approval->done != NULL)
    ((void (*) (gboolean, const char *, gpointer))approval->done) (FALSE, error->message, approval->user_data);
  approval_free (approval);
}

/**
 * pacta_approve_time_with_prompt:
 * @done: (nullable): called as done (gboolean approved, const char *problem, user_data)
 *
 * Approves the entries; when a customer lacks billing information the
 * prompt opens for it and the approval is tried again after Save.
 */
void
pacta_approve_time_with_prompt (GtkWindow    *parent,
                                PactaContext *context,
                                GArray       *entry_ids,
                                GCallback     done,
                                gpointer      user_data)
{
  Approval *approval = g_new0 (Approval, 1);

  approval->parent = parent != NULL ? g_object_ref (parent) : NULL;
  approval->context = g_object_ref (context);
  approval->ids = g_array_ref (entry_ids);
  approval->done = done;
  approval->user_data = user_data;
  approval_try (approval);
}

/* ---- the dialog -------------------------------------------------------- */

static void
on_approved_cb (gboolean    approved,
                const char *problem,
                gpointer    user_data)
{
  PactaTicketDialog *self = user_data;

  show_message (self, problem);
  reload (self);
  g_object_unref (self);
}

void
pacta_ticket_dialog_approve (PactaTicketDialog *self,
                             gint64             entry_id)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_if_fail (PACTA_IS_TICKET_DIALOG (self));

  g_array_append_val (ids, entry_id);
  pacta_approve_time_with_prompt (GTK_WINDOW (self), self->context, ids, G_CALLBACK (on_approved_cb),
                                  g_object_ref (self));
}

static void
on_approve_clicked_cb (GtkButton         *button,
                       PactaTicketDialog *self)
{
  pacta_ticket_dialog_approve (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "pacta-entry")));
}

static void
on_reject_clicked_cb (GtkButton         *button,
                      PactaTicketDialog *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "pacta-entry"));

  if (!pacta_context_reject_time_entry (self->context, id, &error))
    show_message (self, error->message);
  reload (self);
}

static GtkWrapMode
wrap_mode_for (const char *text)
{
  return pacta_text_longest_word (text) > LONG_WORD ? GTK_WRAP_CHAR : GTK_WRAP_WORD_CHAR;
}

/* The start of a message for its row, ended with “…”: at most EXCERPT_LINES
 * lines and EXCERPT_CHARS characters, cut before a word grows longer than
 * LONG_WORD; NULL when the whole message fits */
static char *
message_excerpt (const char *body)
{
  g_autofree char *start = NULL;
  const char *p;
  guint chars = 0, lines = 0, run = 0;

  for (p = body; *p; p = g_utf8_next_char (p), chars++)
    {
      if (chars == EXCERPT_CHARS - 1)
        break;
      if (*p == '\n' && ++lines == EXCERPT_LINES)
        break;
      run = g_unichar_isspace (g_utf8_get_char (p)) ? 0 : run + 1;
      if (run > LONG_WORD)
        break;
    }
  if (*p == '\0')
    return NULL;
  start = g_strndup (body, p - body);
  return g_strconcat (g_strchomp (start), "…", NULL);
}

static void
on_show_all_clicked_cb (GtkButton         *button,
                        PactaTicketDialog *self)
{
  pacta_ticket_dialog_show_update (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "pacta-index")));
}

/* “author · time”; internal notes look different and say so: the customer
 * never sees them */
static char *
update_title (PactaTicketUpdate *update)
{
  const char *author = pacta_ticket_update_get_author (update);

  if (g_strcmp0 (pacta_ticket_update_get_kind (update), "note") == 0)
    /* Translators: an internal note's heading: author, time */
    return g_strdup_printf (_("Internal note · %s · %s"), author != NULL ? author : "",
                            pacta_ticket_update_get_created_at (update));
  return g_strdup_printf ("%s · %s", author != NULL ? author : _("Customer"),
                          pacta_ticket_update_get_created_at (update));
}

static void
add_conversation_row (PactaTicketDialog *self,
                      PactaTicketUpdate *update,
                      guint              index)
{
  GtkWidget *row = adw_action_row_new ();
  gboolean note = g_strcmp0 (pacta_ticket_update_get_kind (update), "note") == 0;
  const char *body = pacta_ticket_update_get_body (update) != NULL ? pacta_ticket_update_get_body (update) : "";
  g_autofree char *title = update_title (update);
  g_autofree char *excerpt = message_excerpt (body);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), excerpt != NULL ? excerpt : body);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (excerpt != NULL)
    {
      GtkWidget *show_all = pacta_a11y_button_new_with_mnemonic (_("Show _All"));
      /* Translators: accessible name of the button that opens a long message; %s is “author · time” */
      g_autofree char *label = g_strdup_printf (_("Show all of %s"), title);

      pacta_a11y_set_label (show_all, label);
      gtk_widget_set_valign (show_all, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (show_all), "pacta-index", GUINT_TO_POINTER (index));
      g_signal_connect (show_all, "clicked", G_CALLBACK (on_show_all_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), show_all);
    }
  if (note)
    gtk_widget_add_css_class (row, "ticket-note");
  adw_preferences_group_add (self->conversation_group, row);
  g_ptr_array_add (self->rows, row);

  /* A reply went out by mail, or a message came in by mail with files */
  if (!note)
    {
      g_autoptr(PactaInvoiceMailing) mailing = pacta_context_reply_mailing (self->context,
                                                                            pacta_ticket_update_get_id (update), NULL);

      if (mailing != NULL && mailing->state != PACTA_MAIL_STATE_NONE)
        add_mailing (self, row, pacta_ticket_update_get_id (update));
      else
        add_attachment_rows (self, pacta_ticket_update_get_id (update));
    }
}

static void
add_time_row (PactaTicketDialog *self,
              PactaTimeEntry    *entry)
{
  GtkWidget *row = adw_action_row_new ();
  const char *description = pacta_time_entry_get_description (entry);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  /* Translators: a time entry: date, minutes, what was done */
  title = g_strdup_printf (_("%s · %d min · %s"), pacta_time_entry_get_date (entry),
                           pacta_time_entry_get_minutes (entry), description != NULL ? description : "");
  if (g_strcmp0 (pacta_time_entry_get_state (entry), "approved") == 0)
    subtitle = g_strdup_printf (_("Approved as %d min"), pacta_time_entry_get_approved_minutes (entry));
  else
    subtitle = g_strdup (pacta_time_entry_state_label (pacta_time_entry_get_state (entry)));
  if (!pacta_time_entry_get_billable (entry))
    {
      char *with = g_strdup_printf ("%s · %s", subtitle, _("Not billable"));
      g_free (subtitle);
      subtitle = with;
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (g_strcmp0 (pacta_time_entry_get_state (entry), "pending") == 0)
    {
      GtkWidget *approve = pacta_a11y_button_new_with_mnemonic (_("_Approve"));
      GtkWidget *reject = pacta_a11y_button_new_with_mnemonic (_("_Reject"));
      /* Translators: accessible names of the buttons on one time entry */
      g_autofree char *approve_label = g_strdup_printf (_("Approve %s"), title);
      g_autofree char *reject_label = g_strdup_printf (_("Reject %s"), title);

      pacta_a11y_set_label (approve, approve_label);
      pacta_a11y_set_label (reject, reject_label);
      gtk_widget_set_valign (approve, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (reject, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (approve, "suggested-action");
      g_object_set_data (G_OBJECT (approve), "pacta-entry", GSIZE_TO_POINTER (pacta_time_entry_get_id (entry)));
      g_object_set_data (G_OBJECT (reject), "pacta-entry", GSIZE_TO_POINTER (pacta_time_entry_get_id (entry)));
      g_signal_connect (approve, "clicked", G_CALLBACK (on_approve_clicked_cb), self);
      g_signal_connect (reject, "clicked", G_CALLBACK (on_reject_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), reject);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), approve);
    }

  adw_preferences_group_add (self->time_group, row);
  g_ptr_array_add (self->rows, row);
}

static void
reload (PactaTicketDialog *self)
{
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaTicket) ticket = NULL;
  g_autofree char *status = NULL;
  const char *current;

  if (!(ticket = pacta_context_load_ticket (self->context, pacta_ticket_get_id (self->ticket), &error)))
    {
      show_message (self, error->message);
      return;
    }
  g_set_object (&self->ticket, ticket);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)),
                                    row);
    }
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->mailings, 0);
  g_ptr_array_set_size (self->attachments, 0);

  current = pacta_ticket_get_status (ticket);
  /* Translators: ticket status and priority */
  status = g_strdup_printf (_("%s · %s priority"), pacta_ticket_status_label (current),
                            pacta_ticket_priority_label (pacta_ticket_get_priority (ticket)));
  gtk_label_set_label (self->status_label, status);
  adw_window_title_set_title (self->window_title, pacta_ticket_get_title (ticket));
  {
    g_autofree char *subtitle = g_strdup_printf ("%s · %s", pacta_ticket_get_number (ticket),
                                                 pacta_ticket_get_customer_name (ticket));
    /* Translators: the ticket window's title, which screen readers say: its number and title */
    g_autofree char *window_title = g_strdup_printf (C_("ticket window", "%s: %s"), pacta_ticket_get_number (ticket),
                                                     pacta_ticket_get_title (ticket));

    adw_window_title_set_subtitle (self->window_title, subtitle);
    /* Without one, the window is named by its type, "PactaTicketDialog" */
    gtk_window_set_title (GTK_WINDOW (self), window_title);
  }

  gtk_widget_set_visible (self->start_button, pacta_ticket_can_move (current, "in_progress") &&
                                              g_strcmp0 (current, "resolved") != 0 && g_strcmp0 (current, "closed") != 0);
  gtk_widget_set_visible (self->wait_button, pacta_ticket_can_move (current, "waiting"));
  gtk_widget_set_visible (self->resolve_button, pacta_ticket_can_move (current, "resolved"));
  gtk_widget_set_visible (self->close_button, pacta_ticket_can_move (current, "closed"));
  gtk_widget_set_visible (self->reopen_button, g_strcmp0 (current, "resolved") == 0 || g_strcmp0 (current, "closed") == 0);
  update_mail_note (self);

  g_clear_object (&self->updates);
  self->updates = pacta_context_list_ticket_updates (self->context, pacta_ticket_get_id (ticket), NULL);
  for (guint i = 0; self->updates != NULL && i < g_list_model_get_n_items (self->updates); i++)
    {
      g_autoptr(PactaTicketUpdate) update = g_list_model_get_item (self->updates, i);
      add_conversation_row (self, update, i);
    }

  entries = pacta_context_list_time_entries (self->context, pacta_ticket_get_id (ticket), NULL);
  for (guint i = 0; entries != NULL && i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(PactaTimeEntry) entry = g_list_model_get_item (entries, i);
      add_time_row (self, entry);
    }
}

gboolean
pacta_ticket_dialog_move (PactaTicketDialog *self,
                          const char        *status)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PACTA_IS_TICKET_DIALOG (self), FALSE);

  show_message (self, NULL);
  if (!pacta_context_change_ticket_status (self->context, pacta_ticket_get_id (self->ticket), status, &error))
    {
      show_message (self, error->message);
      return FALSE;
    }
  reload (self);
  return TRUE;
}

/* The status buttons: each moves the ticket to the status it is for */
static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  pacta_ticket_dialog_move (PACTA_TICKET_DIALOG (widget), g_variant_get_string (parameter, NULL));
}

gboolean
pacta_ticket_dialog_reply (PactaTicketDialog *self,
                           const char        *text,
                           gboolean           internal)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *recipient = NULL;
  gint64 ticket_id;

  g_return_val_if_fail (PACTA_IS_TICKET_DIALOG (self), FALSE);

  ticket_id = pacta_ticket_get_id (self->ticket);
  /* With a mail account and an address, a reply goes into the conversation
   * and the outbox at once; else it stays in Pacta, as the box says */
  if (!internal && has_mail_account (self) &&
      (recipient = pacta_context_ticket_recipient (self->context, ticket_id)) != NULL)
    {
      if (pacta_context_reply_to_ticket (self->context, ticket_id, g_get_real_name (), text, &error) == 0)
        {
          show_message (self, error->message);
          return FALSE;
        }
      show_message (self, NULL);
      reload (self);
      send_mail (self);
      return TRUE;
    }

  if (!pacta_context_add_ticket_update (self->context, ticket_id, internal ? "note" : "message",
                                        g_get_real_name (), text, &error))
    {
      show_message (self, error->message);
      return FALSE;
    }
  show_message (self, NULL);
  reload (self);
  return TRUE;
}

static void
on_send_clicked_cb (PactaTicketDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->reply_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (pacta_ticket_dialog_reply (self, text, gtk_check_button_get_active (self->note_check)))
    gtk_text_buffer_set_text (buffer, "", -1);
}

gboolean
pacta_ticket_dialog_add_time (PactaTicketDialog *self,
                              int                minutes,
                              const char        *description)
{
  g_autoptr(PactaTimeEntry) entry = NULL;
  g_autofree char *today = pacta_date_today ();
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PACTA_IS_TICKET_DIALOG (self), FALSE);

  entry = g_object_new (PACTA_TYPE_TIME_ENTRY,
                        "ticket-id", pacta_ticket_get_id (self->ticket),
                        "date", today,
                        "minutes", minutes,
                        "description", description != NULL && description[0] != '\0' ? description : NULL,
                        "billable", pacta_ticket_get_billable (self->ticket),
                        NULL);
  if (!pacta_context_add_time_entry (self->context, entry, &error))
    {
      show_message (self, error->message);
      return FALSE;
    }
  show_message (self, NULL);
  reload (self);
  return TRUE;
}

static gboolean
add_time_as_typed (PactaTicketDialog *self)
{
  if (!pacta_ticket_dialog_add_time (self, gtk_spin_button_get_value_as_int (self->minutes_spin),
                                     gtk_editable_get_text (GTK_EDITABLE (self->time_description_row))))
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->time_description_row), "");
  return TRUE;
}

static void
on_add_time_clicked_cb (PactaTicketDialog *self)
{
  add_time_as_typed (self);
}

/* For tests: types the minutes and what was done, leaves the minutes (which
 * makes the spin button read them, as clicking Add time does) and presses Add
 * time; whether the time was added */
gboolean
pacta_ticket_dialog_type_time (PactaTicketDialog *self,
                               const char        *minutes,
                               const char        *description)
{
  g_return_val_if_fail (PACTA_IS_TICKET_DIALOG (self), FALSE);

  gtk_editable_set_text (GTK_EDITABLE (self->minutes_spin), minutes);
  gtk_spin_button_update (self->minutes_spin);
  gtk_editable_set_text (GTK_EDITABLE (self->time_description_row), description);
  return add_time_as_typed (self);
}

/* For tests: the minutes the spin button shows */
const char *
pacta_ticket_dialog_get_minutes_text (PactaTicketDialog *self)
{
  g_return_val_if_fail (PACTA_IS_TICKET_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->minutes_spin));
}

/**
 * pacta_message_view_update_wrap:
 * @view: a box to write a message in, as the templates make it (wrapping at
 *   words, margins of 8), called whenever its buffer changes
 *
 * It wraps at words, but a pasted log line or key wraps between characters:
 * looking for a word break in thousands of characters would keep the window
 * busy for many seconds.
 */
void
pacta_message_view_update_wrap (GtkTextView *view)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  buffer = gtk_text_view_get_buffer (view);
  if (gtk_text_buffer_get_char_count (buffer) <= LONG_WORD)
    {
      gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
      return;
    }
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  gtk_text_view_set_wrap_mode (view, wrap_mode_for (text));
}

static void
on_message_changed_cb (GtkTextBuffer *buffer,
                       GtkTextView   *view)
{
  pacta_message_view_update_wrap (view);
}

/* Mail sent, refused or read: the statuses shown, or the whole
 * conversation when a message came in */
static void
on_mail_changed_cb (PactaTicketDialog *self)
{
  g_autoptr(GListModel) updates = NULL;
  guint shown = self->updates != NULL ? g_list_model_get_n_items (self->updates) : 0;

  updates = pacta_context_list_ticket_updates (self->context, pacta_ticket_get_id (self->ticket), NULL);
  if (updates != NULL && g_list_model_get_n_items (updates) != shown)
    {
      reload (self);
      return;
    }
  update_mail_note (self);
  for (guint i = 0; i < self->mailings->len; i++)
    show_mailing (self, g_ptr_array_index (self->mailings, i));
}

static void
pacta_ticket_dialog_dispose (GObject *object)
{
  PactaTicketDialog *self = (PactaTicketDialog *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->saving, g_bytes_unref);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_TICKET_DIALOG);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->mailings, g_ptr_array_unref);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_clear_pointer (&self->read_attachments, g_hash_table_unref);
  g_clear_object (&self->updates);
  g_clear_object (&self->ticket);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pacta_ticket_dialog_parent_class)->dispose (object);
}

static void
pacta_ticket_dialog_class_init (PactaTicketDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_ticket_dialog_dispose;

  g_type_ensure (PACTA_TYPE_WRAP_BOX);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pacta/Pacta/ui/helpdesk/pacta-ticket-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaTicketDialog, toasts);
  gtk_widget_class_bind_template_child (widget_class, PactaTicketDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PactaTicketDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, PactaTicketDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, PactaTicketDialog, start_button);
  gtk_widget_class_bind_template_child (widget_class, PactaTicketDialog, wait_button);
  gtk_widget_class_bind_template_child (widget_class, PactaTicketDialog, resolve_button);
  gtk_widget_class_bind_template_child (widget_class, PactaTicketDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, PactaTicketDialog, reopen_button);
  gtk_widget_class_bind_template_child (widget_class, PactaTicketDialog, conversation_group);
  gtk_widget_class_bind_template_child (widget_class, PactaTicketDialog, mail_label);
  gtk_widget_class_bind_template_child (widget_class, PactaTicketDialog, reply_view);
  gtk_widget_class_bind_template_child (widget_class, PactaTicketDialog, note_check);
  gtk_widget_class_bind_template_child (widget_class, PactaTicketDialog, time_group);
  gtk_widget_class_bind_template_child (widget_class, PactaTicketDialog, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, PactaTicketDialog, time_description_row);
  gtk_widget_class_bind_template_callback (widget_class, on_send_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_time_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_message_changed_cb);

  gtk_widget_class_install_action (widget_class, "ticket.move", "s", move_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

/* The rows of the conversation and of the time come and go with the ticket:
 * reload() makes them */
static void
pacta_ticket_dialog_init (PactaTicketDialog *self)
{
  self->rows = g_ptr_array_new ();
  self->mailings = g_ptr_array_new_with_free_func (g_free);
  self->attachments = g_ptr_array_new ();
  self->read_attachments = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                  (GDestroyNotify) g_ptr_array_unref);

  gtk_widget_init_template (GTK_WIDGET (self));
  pacta_a11y_fix_mnemonics (GTK_WIDGET (self));
  pacta_wrap_button_label (GTK_WIDGET (self->note_check));
}

PactaTicketDialog *
pacta_ticket_dialog_new (GtkWindow    *parent,
                         PactaContext *context,
                         gint64        ticket_id)
{
  PactaTicketDialog *self;

  g_return_val_if_fail (PACTA_IS_CONTEXT (context), NULL);

  self = g_object_new (PACTA_TYPE_TICKET_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  self->context = g_object_ref (context);
  self->ticket = g_object_new (PACTA_TYPE_TICKET, "id", ticket_id, NULL);
  g_signal_connect_swapped (context, "mail-changed", G_CALLBACK (on_mail_changed_cb), self);
  reload (self);
  return self;
}

guint
pacta_ticket_dialog_get_n_updates (PactaTicketDialog *self)
{
  g_autoptr(GListModel) updates = NULL;

  g_return_val_if_fail (PACTA_IS_TICKET_DIALOG (self), 0);

  updates = pacta_context_list_ticket_updates (self->context, pacta_ticket_get_id (self->ticket), NULL);
  return updates != NULL ? g_list_model_get_n_items (updates) : 0;
}

const char *
pacta_ticket_dialog_get_message (PactaTicketDialog *self)
{
  g_return_val_if_fail (PACTA_IS_TICKET_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->message_label)) ? gtk_label_get_label (self->message_label) : NULL;
}

/**
 * pacta_ticket_dialog_show_update:
 * @index: the message's place in the conversation, from 0
 *
 * Opens one message whole, in its own window: read-only text that can be
 * selected and copied, wrapped between any two characters when it has a very
 * long word. Returns the window (owned by GTK), or %NULL without such a message.
 */
GtkWindow *
pacta_ticket_dialog_show_update (PactaTicketDialog *self,
                                 guint              index)
{
  g_autoptr(PactaTicketUpdate) update = NULL;
  g_autofree char *title = NULL;
  PactaMessageWindow *window;
  const char *body;

  g_return_val_if_fail (PACTA_IS_TICKET_DIALOG (self), NULL);

  /* The conversation as shown, read by the last reload */
  if (self->updates == NULL || index >= g_list_model_get_n_items (self->updates))
    return NULL;
  update = g_list_model_get_item (self->updates, index);
  body = pacta_ticket_update_get_body (update) != NULL ? pacta_ticket_update_get_body (update) : "";
  title = update_title (update);

  window = pacta_message_window_new (GTK_WINDOW (self), title, body, wrap_mode_for (body));
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

const char *
pacta_ticket_dialog_get_mail_note (PactaTicketDialog *self)
{
  g_return_val_if_fail (PACTA_IS_TICKET_DIALOG (self), NULL);

  return gtk_label_get_label (self->mail_label);
}

gboolean
pacta_ticket_dialog_save_attachment (PactaTicketDialog *self,
                                     const char        *filename,
                                     GFile             *file)
{
  g_return_val_if_fail (PACTA_IS_TICKET_DIALOG (self), FALSE);

  for (guint i = 0; i < self->attachments->len; i++)
    {
      PactaMailAttachment *attachment = g_ptr_array_index (self->attachments, i);

      if (g_strcmp0 (attachment->filename, filename) == 0)
        return save_bytes (self, attachment->data, file);
    }
  return FALSE;
}
