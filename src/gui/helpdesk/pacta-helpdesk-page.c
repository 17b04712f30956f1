/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-helpdesk-page.c: Helpdesk. Tickets (number, title, customer, status, priority,
 * assignee, updated) filtered by status — open means not closed — searched by
 * number, title or customer; New ticket; and every ticket's time waiting for
 * approval, several approved at once. With a mail account, Check Mail (the
 * window's win.check-mail), and a banner while mail waits for a customer that
 * opens Unassigned Mail. The page's widgets are in its template; the rows of
 * time to approve are made here. */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-a11y.h"
#include "pacta-banner.h"
#include "pacta-list-progress.h"
#include "pacta-search-filter.h"
#include "pacta-helpdesk-page-private.h"
#include "pacta-new-ticket-dialog.h"
#include "pacta-ticket-dialog.h"
#include "pacta-unassigned-dialog.h"
#include "pacta-wrap-box.h"

struct _PactaHelpdeskPage
{
  GtkWidget            parent_instance;

  /* Template widgets */
  PactaBanner         *unassigned_banner;
  GtkWidget           *check_mail_button;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *status_dropdown;
  GtkLabel            *count_label;
  GtkStack            *list_stack;
  GtkColumnView       *column_view;
  /* Hidden in a narrow window */
  GtkColumnViewColumn *number_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *priority_column;
  GtkColumnViewColumn *assignee_column;
  GtkColumnViewColumn *updated_column;
  GtkListBox          *pending_list;
  GtkLabel            *pending_label;
  GtkWidget           *approve_button;

  guint                reload_source;  /* the time to approve, read again once idle */
  gboolean             narrow;

  /* Owned */
  PactaContext        *context;
  GtkFilterListModel  *filter_model;
  GtkSortListModel    *sort_model;
  GtkCustomFilter     *status_filter;
  GtkStringFilter     *number_filter;
  GtkStringFilter     *title_filter;
  GtkStringFilter     *customer_filter;
  GHashTable          *selected;        /* time entry ids (gint64 *) ticked */
  GListModel          *pending;
};

G_DEFINE_FINAL_TYPE (PactaHelpdeskPage, pacta_helpdesk_page, GTK_TYPE_WIDGET)

enum {
  TIME_APPROVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *status_filters[] = { NULL, NULL, "new", "in_progress", "waiting", "resolved", "closed" };

static void reload_pending (PactaHelpdeskPage *self);
static void queue_reload_pending (PactaHelpdeskPage *self);

static void
update_count (PactaHelpdeskPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  g_autofree char *text = pacta_list_progress_dup_label (self->filter_model, self->sort_model);

  if (text == NULL)
    text = g_strdup_printf (ngettext ("%u ticket", "%u tickets", shown), shown);
  gtk_label_set_label (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack,
                                    shown > 0 ? "list"
                                    : pacta_list_progress_is_busy (self->filter_model, self->sort_model) ? "loading"
                                    : "empty");
}

static gboolean
status_matches (gpointer item,
                gpointer user_data)
{
  PactaHelpdeskPage *self = user_data;
  guint selected = gtk_drop_down_get_selected (self->status_dropdown);
  const char *status = pacta_ticket_get_status (PACTA_TICKET (item));

  if (selected == 0)   /* Open: everything not closed */
    return pacta_ticket_status_is_open (status);
  if (selected == 1 || selected >= G_N_ELEMENTS (status_filters))
    return TRUE;
  return g_strcmp0 (status, status_filters[selected]) == 0;
}

static void
on_status_changed_cb (PactaHelpdeskPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->status_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_search_changed_cb (PactaHelpdeskPage *self)
{
  pacta_helpdesk_page_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_changed_cb (PactaHelpdeskPage *self)
{
  update_count (self);
}

/* The tickets themselves changed, not only which are shown */
static void
on_tickets_changed_cb (PactaHelpdeskPage *self)
{
  queue_reload_pending (self);
}

static void
on_ticket_closed_cb (PactaHelpdeskPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->context != NULL && !pacta_context_sync (self->context, &error))
    g_warning ("Could not refresh the lists: %s", error->message);
  reload_pending (self);
}

static void
open_ticket (PactaHelpdeskPage *self,
             gint64             id)
{
  PactaTicketDialog *dialog = pacta_ticket_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       self->context, id);

  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_ticket_closed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_activate_cb (PactaHelpdeskPage *self,
                guint              position,
                GtkColumnView     *view)
{
  g_autoptr(PactaTicket) ticket = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)), position);

  if (ticket != NULL)
    open_ticket (self, pacta_ticket_get_id (ticket));
}

/* ---- columns ----------------------------------------------------------- */

typedef enum { COL_NUMBER, COL_TITLE, COL_CUSTOMER, COL_STATUS, COL_PRIORITY, COL_ASSIGNEE, COL_UPDATED } Column;

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  PactaHelpdeskPage        *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

/* What a screen reader says of a ticket's row: what tells the ticket apart,
 * whichever columns a narrow window shows */
static char *
ticket_summary (PactaTicket *ticket)
{
  const char *assignee = pacta_ticket_get_assignee (ticket);
  /* Translators: in a ticket row's accessible name; %s is the priority, such as “High” */
  g_autofree char *priority = g_strdup_printf (_("%s priority"),
                                               pacta_ticket_priority_label (pacta_ticket_get_priority (ticket)));
  g_autofree char *assigned = assignee != NULL && *assignee != '\0'
                              /* Translators: in a ticket row's accessible name; %s is a staff member */
                              ? g_strdup_printf (_("assigned to %s"), assignee)
                              /* Translators: in a ticket row's accessible name */
                              : g_strdup (_("unassigned"));
  const char *parts[] = {
    pacta_ticket_get_number (ticket), pacta_ticket_get_title (ticket), pacta_ticket_get_customer_name (ticket),
    pacta_ticket_status_label (pacta_ticket_get_status (ticket)), priority, assigned,
  };

  return pacta_a11y_summary (parts, G_N_ELEMENTS (parts));
}

static void
bind_cell (GtkListItem *list_item,
           Column       column)
{
  PactaTicket *ticket = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  const char *text = NULL;

  /* The title's column is always shown: it names the row */
  if (column == COL_TITLE)
    {
      g_autofree char *summary = ticket_summary (ticket);

      pacta_a11y_set_row_label (GTK_WIDGET (label), summary);
    }

  switch (column)
    {
    case COL_NUMBER: text = pacta_ticket_get_number (ticket); break;
    case COL_TITLE: text = pacta_ticket_get_title (ticket); break;
    case COL_CUSTOMER: text = pacta_ticket_get_customer_name (ticket); break;
    case COL_STATUS: text = pacta_ticket_status_label (pacta_ticket_get_status (ticket)); break;
    case COL_PRIORITY: text = pacta_ticket_priority_label (pacta_ticket_get_priority (ticket)); break;
    case COL_ASSIGNEE: text = pacta_ticket_get_assignee (ticket); break;
    case COL_UPDATED: text = pacta_ticket_get_updated_at (ticket); break;
    default: g_assert_not_reached ();
    }
  gtk_label_set_label (label, text != NULL ? text : "");
  pacta_a11y_set_cell_label (GTK_WIDGET (label), text);
}

/* One bind callback a column: the template gives them all the page as data */
static void
on_number_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   PactaHelpdeskPage        *self)
{
  bind_cell (list_item, COL_NUMBER);
}

static void
on_title_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  PactaHelpdeskPage        *self)
{
  bind_cell (list_item, COL_TITLE);
}

static void
on_customer_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     PactaHelpdeskPage        *self)
{
  bind_cell (list_item, COL_CUSTOMER);
}

static void
on_status_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   PactaHelpdeskPage        *self)
{
  bind_cell (list_item, COL_STATUS);
}

static void
on_priority_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     PactaHelpdeskPage        *self)
{
  bind_cell (list_item, COL_PRIORITY);
}

static void
on_assignee_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     PactaHelpdeskPage        *self)
{
  bind_cell (list_item, COL_ASSIGNEE);
}

static void
on_updated_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    PactaHelpdeskPage        *self)
{
  bind_cell (list_item, COL_UPDATED);
}

/* ---- time to approve --------------------------------------------------- */

static void
on_pending_toggled_cb (GtkCheckButton    *check,
                       PactaHelpdeskPage *self)
{
  gint64 id = (gint64)GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "pacta-entry"));

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->selected, g_memdup2 (&id, sizeof id));
  else
    g_hash_table_remove (self->selected, &id);
  gtk_widget_set_sensitive (self->approve_button, g_hash_table_size (self->selected) > 0);
}

static void
reload_pending (PactaHelpdeskPage *self)
{
  GtkWidget *child;
  g_autofree char *text = NULL;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pending_list))) != NULL)
    gtk_list_box_remove (self->pending_list, child);
  g_hash_table_remove_all (self->selected);
  g_clear_object (&self->pending);

  if (self->context == NULL)
    return;

  self->pending = pacta_context_list_time_entries (self->context, 0, NULL);
  n = self->pending != NULL ? g_list_model_get_n_items (self->pending) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PactaTimeEntry) entry = g_list_model_get_item (self->pending, i);
      const char *description = pacta_time_entry_get_description (entry);
      /* Translators: time waiting for approval: ticket, customer, date, minutes, what was done */
      g_autofree char *label = g_strdup_printf (_("%s · %s · %s · %d min · %s"),
                                                pacta_time_entry_get_ticket_number (entry),
                                                pacta_time_entry_get_customer_name (entry),
                                                pacta_time_entry_get_date (entry),
                                                pacta_time_entry_get_minutes (entry),
                                                description != NULL ? description : "");
      GtkWidget *check = gtk_check_button_new_with_label (label);

      pacta_wrap_button_label (check);

      g_object_set_data (G_OBJECT (check), "pacta-entry", GSIZE_TO_POINTER (pacta_time_entry_get_id (entry)));
      g_signal_connect (check, "toggled", G_CALLBACK (on_pending_toggled_cb), self);
      gtk_widget_set_margin_top (check, 6);
      gtk_widget_set_margin_bottom (check, 6);
      gtk_widget_set_margin_start (check, 6);
      gtk_list_box_append (self->pending_list, check);
      /* The list's row around it, which a screen reader moves through, says the same */
      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (check)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }

  text = g_strdup_printf (ngettext ("%u time entry waits for approval", "%u time entries wait for approval", n), n);
  gtk_label_set_label (self->pending_label, text);
  gtk_widget_set_sensitive (self->approve_button, FALSE);
}

static gboolean
on_reload_pending_cb (gpointer data)
{
  PactaHelpdeskPage *self = data;

  self->reload_source = 0;
  reload_pending (self);
  return G_SOURCE_REMOVE;
}

/* The time to approve is in the second tab: read once the page is drawn */
static void
queue_reload_pending (PactaHelpdeskPage *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_idle_add_full (G_PRIORITY_LOW, on_reload_pending_cb, self, NULL);
}

/* Before anything that needs the time to approve as it is now */
static void
flush_reload_pending (PactaHelpdeskPage *self)
{
  if (self->reload_source == 0)
    return;
  g_clear_handle_id (&self->reload_source, g_source_remove);
  reload_pending (self);
}

static void
on_approved_cb (gboolean    approved,
                const char *problem,
                gpointer    user_data)
{
  PactaHelpdeskPage *self = user_data;

  if (problem != NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                  _("Nothing Was Approved"), problem);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      pacta_a11y_fix_mnemonics (GTK_WIDGET (dialog));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  if (approved)
    g_signal_emit (self, signals[TIME_APPROVED], 0);
  reload_pending (self);
  g_object_unref (self);
}

void
pacta_helpdesk_page_approve_selected (PactaHelpdeskPage *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (PACTA_IS_HELPDESK_PAGE (self));

  g_hash_table_iter_init (&iter, self->selected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *)key);
  if (ids->len == 0 || self->context == NULL)
    return;

  pacta_approve_time_with_prompt (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->context, ids,
                                  G_CALLBACK (on_approved_cb), g_object_ref (self));
}

static void
on_approve_clicked_cb (PactaHelpdeskPage *self)
{
  pacta_helpdesk_page_approve_selected (self);
}

/* ---- new ticket -------------------------------------------------------- */

gint64
pacta_helpdesk_page_create_ticket (PactaHelpdeskPage  *self,
                                   gint64              customer_id,
                                   const char         *title,
                                   const char         *message,
                                   GError            **error)
{
  g_autoptr(PactaTicket) ticket = pacta_ticket_new (customer_id);

  g_return_val_if_fail (PACTA_IS_HELPDESK_PAGE (self), 0);

  pacta_ticket_set_title (ticket, title);
  return pacta_context_create_ticket (self->context, ticket, message, error);
}

static void
new_ticket_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PactaHelpdeskPage *self = PACTA_HELPDESK_PAGE (widget);
  PactaNewTicketDialog *dialog;

  if (self->context == NULL)
    return;

  dialog = pacta_new_ticket_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->context);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- mail -------------------------------------------------------------- */

/* Check Mail with an account; the banner while messages wait for a customer */
static void
update_mail (PactaHelpdeskPage *self)
{
  g_autoptr(PactaMailAccount) account = NULL;
  g_autofree char *title = NULL;
  guint n;

  if (self->context == NULL)
    {
      gtk_widget_set_visible (self->check_mail_button, FALSE);
      pacta_banner_set_revealed (self->unassigned_banner, FALSE);
      return;
    }
  account = pacta_context_get_mail_account (self->context);
  gtk_widget_set_visible (self->check_mail_button, account != NULL);
  n = pacta_context_count_unassigned_mail (self->context);
  title = g_strdup_printf (ngettext ("%u message waits for a customer", "%u messages wait for a customer", n), n);
  pacta_banner_set_title (self->unassigned_banner, title);
  pacta_banner_set_revealed (self->unassigned_banner, n > 0);
}

static void
on_mail_changed_cb (PactaHelpdeskPage *self)
{
  update_mail (self);
}

PactaUnassignedDialog *
pacta_helpdesk_page_open_unassigned (PactaHelpdeskPage *self)
{
  PactaUnassignedDialog *dialog;

  g_return_val_if_fail (PACTA_IS_HELPDESK_PAGE (self), NULL);

  if (self->context == NULL)
    return NULL;
  dialog = pacta_unassigned_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->context);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
unassigned_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  pacta_helpdesk_page_open_unassigned (PACTA_HELPDESK_PAGE (widget));
}

static void
on_unassigned_clicked_cb (PactaHelpdeskPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "helpdesk.unassigned", NULL);
}

/* ---- object ------------------------------------------------------------ */

static void
pacta_helpdesk_page_dispose (GObject *object)
{
  PactaHelpdeskPage *self = (PactaHelpdeskPage *)object;
  GtkWidget *child;

  if (self->sort_model != NULL)
    g_signal_handlers_disconnect_by_func (self->sort_model, on_changed_cb, self);
  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_func (self->filter_model, on_changed_cb, self);
  pacta_helpdesk_page_set_context (self, NULL);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_HELPDESK_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->status_filter);
  g_clear_object (&self->number_filter);
  g_clear_object (&self->title_filter);
  g_clear_object (&self->customer_filter);
  g_clear_object (&self->pending);
  g_clear_pointer (&self->selected, g_hash_table_unref);

  G_OBJECT_CLASS (pacta_helpdesk_page_parent_class)->dispose (object);
}

static void
pacta_helpdesk_page_class_init (PactaHelpdeskPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_helpdesk_page_dispose;

  signals[TIME_APPROVED] =
    g_signal_new ("time-approved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /* The template's sorters look up the tickets' properties */
  g_type_ensure (PACTA_TYPE_TICKET);
  g_type_ensure (PACTA_TYPE_WRAP_BOX);
  g_type_ensure (PACTA_TYPE_BANNER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pacta/Pacta/ui/helpdesk/pacta-helpdesk-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaHelpdeskPage, unassigned_banner);
  gtk_widget_class_bind_template_child (widget_class, PactaHelpdeskPage, check_mail_button);
  gtk_widget_class_bind_template_child (widget_class, PactaHelpdeskPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PactaHelpdeskPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PactaHelpdeskPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, PactaHelpdeskPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PactaHelpdeskPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, PactaHelpdeskPage, number_column);
  gtk_widget_class_bind_template_child (widget_class, PactaHelpdeskPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, PactaHelpdeskPage, priority_column);
  gtk_widget_class_bind_template_child (widget_class, PactaHelpdeskPage, assignee_column);
  gtk_widget_class_bind_template_child (widget_class, PactaHelpdeskPage, updated_column);
  gtk_widget_class_bind_template_child (widget_class, PactaHelpdeskPage, pending_list);
  gtk_widget_class_bind_template_child (widget_class, PactaHelpdeskPage, pending_label);
  gtk_widget_class_bind_template_child (widget_class, PactaHelpdeskPage, approve_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_status_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cell_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_number_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_title_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_customer_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_status_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_priority_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_assignee_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_updated_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_approve_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_unassigned_clicked_cb);

  gtk_widget_class_install_action (widget_class, "helpdesk.new-ticket", NULL, new_ticket_action);
  gtk_widget_class_install_action (widget_class, "helpdesk.unassigned", NULL, unassigned_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

/* Status and search filters, then the column view's sorter, over the
 * tickets the context hands out later */
static void
setup_ticket_models (PactaHelpdeskPage *self)
{
  GtkAnyFilter *search = gtk_any_filter_new ();
  GtkEveryFilter *every = gtk_every_filter_new ();
  GtkSelectionModel *selection;

  self->status_filter = gtk_custom_filter_new (status_matches, self, NULL);
  self->number_filter = pacta_search_filter_new (PACTA_TYPE_TICKET, "number");
  self->title_filter = pacta_search_filter_new (PACTA_TYPE_TICKET, "title");
  self->customer_filter = pacta_search_filter_new (PACTA_TYPE_TICKET, "customer-name");
  gtk_multi_filter_append (GTK_MULTI_FILTER (search), g_object_ref (GTK_FILTER (self->number_filter)));
  gtk_multi_filter_append (GTK_MULTI_FILTER (search), g_object_ref (GTK_FILTER (self->title_filter)));
  gtk_multi_filter_append (GTK_MULTI_FILTER (search), g_object_ref (GTK_FILTER (self->customer_filter)));
  gtk_multi_filter_append (GTK_MULTI_FILTER (every), g_object_ref (GTK_FILTER (self->status_filter)));
  gtk_multi_filter_append (GTK_MULTI_FILTER (every), GTK_FILTER (search));
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (every));
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  g_signal_connect_object (self->sort_model, "items-changed", G_CALLBACK (on_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "notify::pending", G_CALLBACK (on_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sort_model, "notify::pending", G_CALLBACK (on_changed_cb), self,
                           G_CONNECT_SWAPPED);
  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model))));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (selection), FALSE);
  gtk_column_view_set_model (self->column_view, selection);
  g_object_unref (selection);
}

static void
pacta_helpdesk_page_init (PactaHelpdeskPage *self)
{
  self->selected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  pacta_a11y_fix_mnemonics (GTK_WIDGET (self));
  pacta_a11y_name_drop_down (self->status_dropdown, _("Show tickets by status"), NULL);
  pacta_a11y_name_column_view_header (self->column_view);

  gtk_column_view_sort_by_column (self->column_view, self->updated_column, GTK_SORT_DESCENDING);
  gtk_stack_add_named (self->list_stack, pacta_list_progress_page_new (_("Loading Tickets…")), "loading");
  setup_ticket_models (self);
  update_count (self);
}

void
pacta_helpdesk_page_set_context (PactaHelpdeskPage *self,
                                 PactaContext      *context)
{
  g_return_if_fail (PACTA_IS_HELPDESK_PAGE (self));

  if (self->context == context)
    return;
  if (self->context != NULL)
    {
      g_signal_handlers_disconnect_by_func (pacta_context_get_tickets (self->context), on_tickets_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->context, on_mail_changed_cb, self);
    }
  g_set_object (&self->context, context);
  if (context != NULL)
    {
      g_signal_connect_object (pacta_context_get_tickets (context), "items-changed",
                               G_CALLBACK (on_tickets_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "mail-changed", G_CALLBACK (on_mail_changed_cb), self, G_CONNECT_SWAPPED);
    }
  if (self->unassigned_banner != NULL)
    update_mail (self);
  if (self->filter_model != NULL)
    pacta_list_progress_set_source (self->filter_model, self->sort_model,
                                    context != NULL ? G_LIST_MODEL (pacta_context_get_tickets (context)) : NULL);
  if (self->pending_list != NULL)
    queue_reload_pending (self);
}

GListModel *
pacta_helpdesk_page_get_visible (PactaHelpdeskPage *self)
{
  g_return_val_if_fail (PACTA_IS_HELPDESK_PAGE (self), NULL);

  return G_LIST_MODEL (self->sort_model);
}

void
pacta_helpdesk_page_set_status_filter (PactaHelpdeskPage *self,
                                       guint              position)
{
  g_return_if_fail (PACTA_IS_HELPDESK_PAGE (self));

  gtk_drop_down_set_selected (self->status_dropdown, position);
}

void
pacta_helpdesk_page_set_search (PactaHelpdeskPage *self,
                                const char        *text)
{
  g_return_if_fail (PACTA_IS_HELPDESK_PAGE (self));

  pacta_search_filter_set_search (self->number_filter, text);
  pacta_search_filter_set_search (self->title_filter, text);
  pacta_search_filter_set_search (self->customer_filter, text);
}

guint
pacta_helpdesk_page_get_n_pending (PactaHelpdeskPage *self)
{
  g_return_val_if_fail (PACTA_IS_HELPDESK_PAGE (self), 0);

  flush_reload_pending (self);
  return self->pending != NULL ? g_list_model_get_n_items (self->pending) : 0;
}

void
pacta_helpdesk_page_select_all_pending (PactaHelpdeskPage *self)
{
  g_return_if_fail (PACTA_IS_HELPDESK_PAGE (self));

  flush_reload_pending (self);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->pending_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row))), TRUE);
}

/**
 * pacta_helpdesk_page_is_loading:
 *
 * Returns: whether the tickets are still being read, a step at a time
 */
gboolean
pacta_helpdesk_page_is_loading (PactaHelpdeskPage *self)
{
  g_return_val_if_fail (PACTA_IS_HELPDESK_PAGE (self), FALSE);

  return pacta_list_progress_is_busy (self->filter_model, self->sort_model);
}

gboolean
pacta_helpdesk_page_get_narrow (PactaHelpdeskPage *self)
{
  g_return_val_if_fail (PACTA_IS_HELPDESK_PAGE (self), FALSE);

  return self->narrow;
}

/* A narrow window keeps each ticket's title and customer (the filter above
 * picks the status); the rest is in the ticket a row opens */
void
pacta_helpdesk_page_set_narrow (PactaHelpdeskPage *self,
                                gboolean           narrow)
{
  g_return_if_fail (PACTA_IS_HELPDESK_PAGE (self));

  narrow = !!narrow;
  if (self->narrow == narrow)
    return;
  self->narrow = narrow;
  gtk_column_view_column_set_visible (self->number_column, !narrow);
  gtk_column_view_column_set_visible (self->status_column, !narrow);
  gtk_column_view_column_set_visible (self->priority_column, !narrow);
  gtk_column_view_column_set_visible (self->assignee_column, !narrow);
  gtk_column_view_column_set_visible (self->updated_column, !narrow);
}

GtkWidget *
pacta_helpdesk_page_get_check_mail_button (PactaHelpdeskPage *self)
{
  g_return_val_if_fail (PACTA_IS_HELPDESK_PAGE (self), NULL);

  return self->check_mail_button;
}

GtkWidget *
pacta_helpdesk_page_get_unassigned_banner (PactaHelpdeskPage *self)
{
  g_return_val_if_fail (PACTA_IS_HELPDESK_PAGE (self), NULL);

  return GTK_WIDGET (self->unassigned_banner);
}
