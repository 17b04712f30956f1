/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-unassigned-dialog.c: Unassigned Mail — the messages read from the mailbox that no
 * customer could be found for, newest first. For the one selected: why, its text (as
 * text, never markup), the customer to open a ticket for (a searchable drop-down, as
 * New Ticket picks one), whether the sender's domain goes to that customer from now on,
 * Create Ticket and Dismiss (not a ticket: spam). The list follows the context's
 * "mail-changed"; a ticket opened says so in a toast that opens it. Escape closes it.
 * Its widgets are in its template; the rows are made here. */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-a11y.h"
#include "pacta-customer.h"
#include "pacta-error.h"
#include "pacta-platform-text.h"
#include "pacta-text.h"
#include "pacta-ticket-dialog.h"
#include "pacta-unassigned-dialog-private.h"
#include "pacta-wrap-box.h"

/* A message is shown up to this many characters (the whole of it is the
 * ticket's first message): a label laying out a quarter of a megabyte
 * would keep the window busy */
#define PREVIEW_CHARS 4000
/* A run of more characters than this without a space wraps anywhere */
#define LONG_WORD     80

struct _PactaUnassignedDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwToastOverlay     *toasts;
  GtkStack            *stack;
  GtkListBox          *list;
  GtkWidget           *message_group;
  GtkLabel            *reason_label;
  GtkLabel            *body_label;
  GtkWidget           *assign_group;
  GtkLabel            *error_label;
  GtkDropDown         *customer;
  AdwActionRow        *domain_row;
  GtkSwitch           *domain_switch;
  GtkWidget           *dismiss_button;
  GtkWidget           *create_button;

  /* Owned */
  PactaContext        *context;
  GPtrArray           *messages;     /* (element-type PactaUnassignedMail) as listed */

  gint64               selected_id;  /* the message the form is for */
  gboolean             reloading;    /* rows come and go: no selection to follow */
};

G_DEFINE_FINAL_TYPE (PactaUnassignedDialog, pacta_unassigned_dialog, ADW_TYPE_WINDOW)

static void
show_error (PactaUnassignedDialog *self,
            const char            *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
toast (PactaUnassignedDialog *self,
       AdwToast              *toast)
{
  adw_toast_overlay_add_toast (self->toasts, toast);
}

/* "Pat <pat@nuevo.test>", or what there is of it */
static char *
sender_text (const PactaUnassignedMail *mail)
{
  gboolean has_name = mail->from_name != NULL && *mail->from_name != '\0';
  gboolean has_address = mail->from_address != NULL && *mail->from_address != '\0';

  if (has_name && has_address)
    /* Translators: a message's sender: name and address */
    return g_strdup_printf (_("%s <%s>"), mail->from_name, mail->from_address);
  if (has_address)
    return g_strdup (mail->from_address);
  if (has_name)
    return g_strdup (mail->from_name);
  return g_strdup (_("Unknown sender"));
}

static const char *
subject_text (const PactaUnassignedMail *mail)
{
  return mail->subject != NULL && *mail->subject != '\0' ? mail->subject : _("(no subject)");
}

/* The start of a long message, ended with “…” */
static char *
body_preview (const char *body)
{
  g_autofree char *start = NULL;

  if (body == NULL)
    return g_strdup ("");
  if (g_utf8_strlen (body, -1) <= PREVIEW_CHARS)
    return g_strdup (body);
  start = g_strndup (body, g_utf8_offset_to_pointer (body, PREVIEW_CHARS) - body);
  return g_strconcat (start, "…", NULL);
}

static PactaUnassignedMail *
selected_mail (PactaUnassignedDialog *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);
  int index = row != NULL ? gtk_list_box_row_get_index (row) : -1;

  if (index < 0 || self->messages == NULL || (guint) index >= self->messages->len)
    return NULL;
  return g_ptr_array_index (self->messages, index);
}

static gint64
chosen_customer (PactaUnassignedDialog *self)
{
  g_autoptr(PactaCustomer) customer = NULL;
  guint position = gtk_drop_down_get_selected (self->customer);

  if (position == GTK_INVALID_LIST_POSITION)
    return 0;
  customer = g_list_model_get_item (gtk_drop_down_get_model (self->customer), position);
  return customer != NULL ? pacta_customer_get_id (customer) : 0;
}

static void
update_buttons (PactaUnassignedDialog *self)
{
  gboolean selected = selected_mail (self) != NULL;

  gtk_widget_set_sensitive (self->dismiss_button, selected);
  gtk_widget_set_sensitive (self->create_button, selected && chosen_customer (self) > 0);
}

/* The form below the list, for the message selected */
static void
show_selected (PactaUnassignedDialog *self)
{
  PactaUnassignedMail *mail = selected_mail (self);
  const char *domain = NULL;
  g_autofree char *preview = NULL;

  gtk_widget_set_visible (self->message_group, mail != NULL);
  gtk_widget_set_visible (self->assign_group, mail != NULL);
  if (mail == NULL)
    {
      self->selected_id = 0;
      update_buttons (self);
      return;
    }

  /* Another message: another customer, perhaps */
  if (mail->id != self->selected_id)
    {
      self->selected_id = mail->id;
      gtk_drop_down_set_selected (self->customer, GTK_INVALID_LIST_POSITION);
      gtk_switch_set_active (self->domain_switch, FALSE);
      show_error (self, NULL);
    }

  gtk_label_set_label (self->reason_label, mail->reason != NULL ? mail->reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), mail->reason != NULL && *mail->reason != '\0');
  preview = body_preview (mail->body);
  gtk_label_set_wrap_mode (self->body_label, pacta_text_longest_word (preview) > LONG_WORD ? PANGO_WRAP_CHAR
                                                                                             : PANGO_WRAP_WORD_CHAR);
  gtk_label_set_label (self->body_label, preview);

  /* The core says so when the domain is a public mail service */
  if (mail->from_address != NULL)
    domain = pacta_mail_address_domain (mail->from_address);
  gtk_widget_set_visible (GTK_WIDGET (self->domain_row), domain != NULL);
  if (domain != NULL)
    {
      /* Translators: a switch under the customer to open a ticket for; %s is a mail domain, such as “nuevo.test” */
      g_autofree char *title = g_strdup_printf (_("Always send mail from %s to this customer"), domain);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->domain_row), title);
      pacta_a11y_set_label (GTK_WIDGET (self->domain_switch), title);
    }
  update_buttons (self);
}

static GtkWidget *
message_row (PactaUnassignedDialog     *self,
             const PactaUnassignedMail *mail)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *sender = sender_text (mail);
  g_autofree char *when = pacta_platform_format_time (pacta_context_get_clock (self->context), mail->received_at);
  g_autofree char *subtitle = NULL;
  /* Translators: a screen reader's name of a message's row: sender, subject */
  g_autofree char *label = g_strdup_printf (_("%s: %s"), sender, subject_text (mail));

  subtitle = when != NULL ? g_strdup_printf ("%s · %s", subject_text (mail), when) : g_strdup (subject_text (mail));
  /* The sender wrote these: text, not markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sender);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             g_object_new (GTK_TYPE_IMAGE, "icon-name", "mail-unread-symbolic",
                                           "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL));
  /* Enter selects it, as a click does */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  /* Said once: not followed by the title the row is labelled by */
  pacta_a11y_set_label (row, label);
  return row;
}

static void
reload (PactaUnassignedDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) messages = NULL;
  GtkListBoxRow *select = NULL;
  GtkWidget *child;

  if (self->context == NULL)
    return;
  if (!(messages = pacta_context_list_unassigned_mail (self->context, &error)))
    {
      show_error (self, error->message);
      return;
    }

  /* Rows going one by one are not selections to follow */
  self->reloading = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_clear_pointer (&self->messages, g_ptr_array_unref);
  self->messages = g_steal_pointer (&messages);
  for (guint i = 0; i < self->messages->len; i++)
    {
      PactaUnassignedMail *mail = g_ptr_array_index (self->messages, i);
      GtkWidget *row = message_row (self, mail);

      gtk_list_box_append (self->list, row);
      if (mail->id == self->selected_id)
        select = GTK_LIST_BOX_ROW (row);
    }
  if (select == NULL)
    select = gtk_list_box_get_row_at_index (self->list, 0);
  gtk_list_box_select_row (self->list, select);
  self->reloading = FALSE;

  gtk_stack_set_visible_child_name (self->stack, self->messages->len > 0 ? "list" : "empty");
  show_selected (self);
}

static void
on_mail_changed_cb (PactaUnassignedDialog *self)
{
  reload (self);
}

static void
on_row_selected_cb (PactaUnassignedDialog *self,
                    GtkListBoxRow         *row,
                    GtkListBox            *list)
{
  if (!self->reloading)
    show_selected (self);
}

static void
on_row_activated_cb (PactaUnassignedDialog *self,
                     GtkListBoxRow         *row,
                     GtkListBox            *list)
{
  gtk_list_box_select_row (list, row);
}

static void
on_customer_changed_cb (PactaUnassignedDialog *self)
{
  show_error (self, NULL);
  update_buttons (self);
}

static void
on_open_ticket_cb (AdwToast              *toast,
                   PactaUnassignedDialog *self)
{
  gint64 ticket_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "pacta-ticket"));
  PactaTicketDialog *dialog = pacta_ticket_dialog_new (GTK_WINDOW (self), self->context, ticket_id);

  gtk_window_present (GTK_WINDOW (dialog));
}

gint64
pacta_unassigned_dialog_create_ticket (PactaUnassignedDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaTicket) ticket = NULL;
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  gint64 customer_id, ticket_id;
  gboolean remember;
  AdwToast *opened;

  g_return_val_if_fail (PACTA_IS_UNASSIGNED_DIALOG (self), 0);

  if (selected_mail (self) == NULL)
    return 0;
  if ((customer_id = chosen_customer (self)) == 0)
    {
      show_error (self, _("Choose the customer."));
      return 0;
    }
  remember = gtk_widget_get_visible (GTK_WIDGET (self->domain_row)) && gtk_switch_get_active (self->domain_switch);

  ticket_id = pacta_context_assign_mail (self->context, self->selected_id, customer_id, remember, &error);
  if (ticket_id == 0)
    {
      /* Someone else assigned it meanwhile: the list as it is now */
      if (g_error_matches (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND))
        reload (self);
      show_error (self, error->message);
      return 0;
    }

  show_error (self, NULL);
  ticket = pacta_context_load_ticket (self->context, ticket_id, NULL);
  /* Translators: a toast; %s is a ticket's number, such as “T-000123” */
  title = g_strdup_printf (_("Ticket %s opened"), ticket != NULL ? pacta_ticket_get_number (ticket) : "");
  /* A toast's title is markup in libadwaita 1.2 */
  escaped = g_markup_escape_text (title, -1);
  opened = adw_toast_new (escaped);
  adw_toast_set_button_label (opened, _("_Open"));
  g_object_set_data (G_OBJECT (opened), "pacta-ticket", GSIZE_TO_POINTER (ticket_id));
  g_signal_connect_object (opened, "button-clicked", G_CALLBACK (on_open_ticket_cb), self, 0);
  toast (self, opened);
  reload (self);
  return ticket_id;
}

static void
on_create_clicked_cb (PactaUnassignedDialog *self)
{
  pacta_unassigned_dialog_create_ticket (self);
}

gboolean
pacta_unassigned_dialog_dismiss (PactaUnassignedDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PACTA_IS_UNASSIGNED_DIALOG (self), FALSE);

  if (selected_mail (self) == NULL)
    return FALSE;
  if (!pacta_context_dismiss_mail (self->context, self->selected_id, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }
  show_error (self, NULL);
  toast (self, adw_toast_new (_("Message dismissed")));
  reload (self);
  return TRUE;
}

static void
on_dismiss_clicked_cb (PactaUnassignedDialog *self)
{
  pacta_unassigned_dialog_dismiss (self);
}

static void
pacta_unassigned_dialog_dispose (GObject *object)
{
  PactaUnassignedDialog *self = (PactaUnassignedDialog *)object;

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  /* The rows going with the list are not selections to follow */
  self->reloading = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_UNASSIGNED_DIALOG);
  g_clear_pointer (&self->messages, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pacta_unassigned_dialog_parent_class)->dispose (object);
}

static void
pacta_unassigned_dialog_class_init (PactaUnassignedDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_unassigned_dialog_dispose;

  /* The customer drop-down's expression looks up the customers' names */
  g_type_ensure (PACTA_TYPE_CUSTOMER);
  g_type_ensure (PACTA_TYPE_WRAP_BOX);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pacta/Pacta/ui/helpdesk/pacta-unassigned-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaUnassignedDialog, toasts);
  gtk_widget_class_bind_template_child (widget_class, PactaUnassignedDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PactaUnassignedDialog, list);
  gtk_widget_class_bind_template_child (widget_class, PactaUnassignedDialog, message_group);
  gtk_widget_class_bind_template_child (widget_class, PactaUnassignedDialog, reason_label);
  gtk_widget_class_bind_template_child (widget_class, PactaUnassignedDialog, body_label);
  gtk_widget_class_bind_template_child (widget_class, PactaUnassignedDialog, assign_group);
  gtk_widget_class_bind_template_child (widget_class, PactaUnassignedDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PactaUnassignedDialog, customer);
  gtk_widget_class_bind_template_child (widget_class, PactaUnassignedDialog, domain_row);
  gtk_widget_class_bind_template_child (widget_class, PactaUnassignedDialog, domain_switch);
  gtk_widget_class_bind_template_child (widget_class, PactaUnassignedDialog, dismiss_button);
  gtk_widget_class_bind_template_child (widget_class, PactaUnassignedDialog, create_button);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_customer_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_create_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_dismiss_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pacta_unassigned_dialog_init (PactaUnassignedDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pacta_a11y_fix_mnemonics (GTK_WIDGET (self));
}

/**
 * pacta_unassigned_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @context: where the messages and the customers are read, and the tickets written
 *
 * Unassigned Mail, modal, its newest message selected.
 */
PactaUnassignedDialog *
pacta_unassigned_dialog_new (GtkWindow    *parent,
                             PactaContext *context)
{
  PactaUnassignedDialog *self;

  g_return_val_if_fail (PACTA_IS_CONTEXT (context), NULL);

  self = g_object_new (PACTA_TYPE_UNASSIGNED_DIALOG, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  g_signal_connect_swapped (context, "mail-changed", G_CALLBACK (on_mail_changed_cb), self);

  gtk_drop_down_set_model (self->customer, G_LIST_MODEL (pacta_context_get_customers (context)));
  gtk_drop_down_set_selected (self->customer, GTK_INVALID_LIST_POSITION);
  pacta_a11y_name_drop_down (self->customer, _("Customer"), _("Search customers"));
  reload (self);
  return self;
}

guint
pacta_unassigned_dialog_get_n_messages (PactaUnassignedDialog *self)
{
  g_return_val_if_fail (PACTA_IS_UNASSIGNED_DIALOG (self), 0);

  return self->messages != NULL ? self->messages->len : 0;
}

GtkWidget *
pacta_unassigned_dialog_get_row (PactaUnassignedDialog *self,
                                 guint                  index)
{
  g_return_val_if_fail (PACTA_IS_UNASSIGNED_DIALOG (self), NULL);

  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->list, (int) index));
}

gint64
pacta_unassigned_dialog_get_selected (PactaUnassignedDialog *self)
{
  PactaUnassignedMail *mail;

  g_return_val_if_fail (PACTA_IS_UNASSIGNED_DIALOG (self), 0);

  mail = selected_mail (self);
  return mail != NULL ? mail->id : 0;
}

void
pacta_unassigned_dialog_choose_customer (PactaUnassignedDialog *self,
                                         gint64                 customer_id)
{
  GListModel *customers;

  g_return_if_fail (PACTA_IS_UNASSIGNED_DIALOG (self));

  customers = gtk_drop_down_get_model (self->customer);
  for (guint i = 0; customer_id > 0 && i < g_list_model_get_n_items (customers); i++)
    {
      g_autoptr(PactaCustomer) customer = g_list_model_get_item (customers, i);

      if (pacta_customer_get_id (customer) == customer_id)
        {
          gtk_drop_down_set_selected (self->customer, i);
          return;
        }
    }
  gtk_drop_down_set_selected (self->customer, GTK_INVALID_LIST_POSITION);
}

GtkWidget *
pacta_unassigned_dialog_get_domain_row (PactaUnassignedDialog *self)
{
  g_return_val_if_fail (PACTA_IS_UNASSIGNED_DIALOG (self), NULL);

  return GTK_WIDGET (self->domain_row);
}

void
pacta_unassigned_dialog_set_remember (PactaUnassignedDialog *self,
                                      gboolean               remember)
{
  g_return_if_fail (PACTA_IS_UNASSIGNED_DIALOG (self));

  gtk_switch_set_active (self->domain_switch, remember);
}

const char *
pacta_unassigned_dialog_get_error (PactaUnassignedDialog *self)
{
  g_return_val_if_fail (PACTA_IS_UNASSIGNED_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_label (self->error_label) : NULL;
}
