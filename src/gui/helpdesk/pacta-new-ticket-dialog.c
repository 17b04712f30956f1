/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-new-ticket-dialog.c: the New Ticket form. Create checks that a customer is
 * chosen, creates the ticket with the customer's request as its first message and
 * closes; the core's refusal (a missing title, say) is shown above the form. Escape
 * closes it, as Cancel does. Its widgets are in its template; the customers and the
 * staff to assign are given to it here. */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-a11y.h"
#include "pacta-customer.h"
#include "pacta-new-ticket-dialog.h"
#include "pacta-ticket.h"
#include "pacta-ticket-dialog.h"

struct _PactaNewTicketDialog
{
  AdwWindow    parent_instance;

  /* Template widgets */
  GtkLabel    *error_label;
  GtkDropDown *customer;
  AdwEntryRow *title;
  AdwEntryRow *contact;
  AdwComboRow *priority;
  AdwEntryRow *category;
  AdwComboRow *assignee;
  GtkSwitch   *billable;
  GtkTextView *message;

  /* Owned */
  PactaContext *context;
  GStrv         staff;      /* the assignee row's names after “Unassigned” */
};

G_DEFINE_FINAL_TYPE (PactaNewTicketDialog, pacta_new_ticket_dialog, ADW_TYPE_WINDOW)

static void
show_error (PactaNewTicketDialog *self,
            const char           *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
on_cancel_clicked_cb (PactaNewTicketDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_create_clicked_cb (PactaNewTicketDialog *self)
{
  static const char *priorities[] = { "low", "normal", "high", "urgent" };
  g_autoptr(PactaCustomer) customer = NULL;
  g_autoptr(PactaTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint assignee_index = adw_combo_row_get_selected (self->assignee);
  /* Position 0 is “Unassigned” */
  const char *assignee = assignee_index > 0 && self->staff != NULL && assignee_index <= g_strv_length (self->staff)
                         ? self->staff[assignee_index - 1] : "";
  const char *category = gtk_editable_get_text (GTK_EDITABLE (self->category));
  const char *contact = gtk_editable_get_text (GTK_EDITABLE (self->contact));
  GtkTextIter start, end;

  if (self->context == NULL)
    return;

  if (gtk_drop_down_get_selected (self->customer) != GTK_INVALID_LIST_POSITION)
    customer = g_list_model_get_item (gtk_drop_down_get_model (self->customer), gtk_drop_down_get_selected (self->customer));
  if (customer == NULL)
    {
      show_error (self, _("Choose the customer."));
      return;
    }

  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (self->message), &start, &end);
  message = gtk_text_buffer_get_text (gtk_text_view_get_buffer (self->message), &start, &end, FALSE);

  ticket = pacta_ticket_new (pacta_customer_get_id (customer));
  g_object_set (ticket,
                "title", gtk_editable_get_text (GTK_EDITABLE (self->title)),
                "priority", priorities[MIN (adw_combo_row_get_selected (self->priority), 3)],
                "category", category[0] != '\0' ? category : NULL,
                "contact-name", contact[0] != '\0' ? contact : NULL,
                "assignee", assignee[0] != '\0' ? assignee : NULL,
                "billable", gtk_switch_get_active (self->billable),
                NULL);

  if (pacta_context_create_ticket (self->context, ticket, message, &error) == 0)
    {
      show_error (self, error->message);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_message_changed_cb (GtkTextBuffer *buffer,
                       GtkTextView   *view)
{
  pacta_message_view_update_wrap (view);
}

static void
pacta_new_ticket_dialog_dispose (GObject *object)
{
  PactaNewTicketDialog *self = (PactaNewTicketDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_NEW_TICKET_DIALOG);
  g_clear_object (&self->context);
  g_clear_pointer (&self->staff, g_strfreev);

  G_OBJECT_CLASS (pacta_new_ticket_dialog_parent_class)->dispose (object);
}

static void
pacta_new_ticket_dialog_class_init (PactaNewTicketDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_new_ticket_dialog_dispose;

  /* The customer drop-down's expression looks up the customers' names */
  g_type_ensure (PACTA_TYPE_CUSTOMER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pacta/Pacta/ui/helpdesk/pacta-new-ticket-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaNewTicketDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PactaNewTicketDialog, customer);
  gtk_widget_class_bind_template_child (widget_class, PactaNewTicketDialog, title);
  gtk_widget_class_bind_template_child (widget_class, PactaNewTicketDialog, contact);
  gtk_widget_class_bind_template_child (widget_class, PactaNewTicketDialog, priority);
  gtk_widget_class_bind_template_child (widget_class, PactaNewTicketDialog, category);
  gtk_widget_class_bind_template_child (widget_class, PactaNewTicketDialog, assignee);
  gtk_widget_class_bind_template_child (widget_class, PactaNewTicketDialog, billable);
  gtk_widget_class_bind_template_child (widget_class, PactaNewTicketDialog, message);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_create_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_message_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pacta_new_ticket_dialog_init (PactaNewTicketDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pacta_a11y_fix_mnemonics (GTK_WIDGET (self));
  /* After the template made it the row's activatable widget: the row
   * would add its title to the switch's name */
  pacta_a11y_set_label (GTK_WIDGET (self->billable), _("Billable"));
}

/**
 * pacta_new_ticket_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @context: where the customers and the staff are read and the ticket written
 *
 * The New Ticket form, modal, no customer chosen yet. It closes itself after
 * the ticket is created; the lists showing tickets update by themselves.
 */
PactaNewTicketDialog *
pacta_new_ticket_dialog_new (GtkWindow    *parent,
                             PactaContext *context)
{
  PactaNewTicketDialog *self;
  g_autoptr(GtkStringList) names = NULL;

  g_return_val_if_fail (PACTA_IS_CONTEXT (context), NULL);

  self = g_object_new (PACTA_TYPE_NEW_TICKET_DIALOG, "transient-for", parent, NULL);
  self->context = g_object_ref (context);

  gtk_drop_down_set_model (self->customer, G_LIST_MODEL (pacta_context_get_customers (context)));
  gtk_drop_down_set_selected (self->customer, GTK_INVALID_LIST_POSITION);
  pacta_a11y_name_drop_down (self->customer, _("Customer"), _("Search customers"));

  names = gtk_string_list_new (NULL);
  self->staff = pacta_context_list_staff (context, NULL);
  gtk_string_list_append (names, _("Unassigned"));
  for (guint i = 0; self->staff != NULL && self->staff[i] != NULL; i++)
    gtk_string_list_append (names, self->staff[i]);
  adw_combo_row_set_model (self->assignee, G_LIST_MODEL (names));
  return self;
}
