/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-invoices-view.c: Sales & billing → Invoices.
 *
 * Every issued invoice and credit note, newest first: number, customer, date,
 * due date, total, status, export date, standing with the tax agency and how
 * it went out by email (or that it is to be printed), with a search over
 * number and customer and a filter by status. Activating a row opens the invoice (lines,
 * totals, Mark as Paid, Create Credit Note, Save PDF…). Export for
 * Accounting… writes every invoice not exported yet — a PDF each, CSV and
 * JSON — into a folder and marks them exported.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pacta-a11y.h"
#include "pacta-contract.h"
#include "pacta-date.h"
#include "pacta-invoice-dialog.h"
#include "pacta-invoice-export.h"
#include "pacta-invoice-pdf.h"
#include "pacta-invoices-view-private.h"
#include "pacta-mail-text.h"
#include "pacta-money.h"
#include "pacta-text.h"
#include "pacta-wrap-box.h"

enum {
  FILTER_ALL,
  FILTER_UNPAID,
  FILTER_PAID,
  FILTER_CREDITED,
  FILTER_CREDIT_NOTES,
  FILTER_NOT_EXPORTED,
  FILTER_AGENCY_PROBLEM,   /* the tax agency rejected it, or accepted it with errors */
  FILTER_TO_PRINT,         /* never mailed: the customer gets it by post, or has no invoice email */
};

struct _PactaInvoicesView
{
  GtkWidget             parent_instance;

  /* Template widgets */
  GtkWidget            *search_entry;
  GtkWidget            *status;
  GtkWidget            *count;
  GtkWidget            *export_button;
  GtkWidget            *export_spinner;
  GtkWidget            *stack;
  GtkWidget            *view;
  /* hidden in a narrow window */
  GtkColumnViewColumn  *date_column;
  GtkColumnViewColumn  *due_column;
  GtkColumnViewColumn  *status_column;
  GtkColumnViewColumn  *exported_column;
  GtkColumnViewColumn  *agency_column;
  GtkColumnViewColumn  *mail_column;

  /* Owned */
  PactaContext         *context;
  GtkCustomFilter      *filter;
  GtkFilterListModel   *filtered;
  GtkSortListModel     *sorted;
  GtkFileChooserNative *chooser;
  char                 *search;
  GCancellable         *exporting;   /* while an export runs */
  guint                 filter_kind;
  gboolean              narrow;   /* number, customer and total only */
};

G_DEFINE_FINAL_TYPE (PactaInvoicesView, pacta_invoices_view, GTK_TYPE_WIDGET)

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  PactaInvoicesView *self = user_data;
  PactaInvoice *invoice = item;
  const char *status = pacta_invoice_get_status (invoice);
  gboolean credit_note = g_strcmp0 (pacta_invoice_get_kind (invoice), "credit_note") == 0;

  switch (self->filter_kind)
    {
    case FILTER_UNPAID:
      if (credit_note || g_strcmp0 (status, "issued") != 0)
        return FALSE;
      break;
    case FILTER_PAID:
      if (g_strcmp0 (status, "paid") != 0)
        return FALSE;
      break;
    case FILTER_CREDITED:
      if (credit_note || g_strcmp0 (status, "credited") != 0)
        return FALSE;
      break;
    case FILTER_CREDIT_NOTES:
      if (!credit_note)
        return FALSE;
      break;
    case FILTER_NOT_EXPORTED:
      if (pacta_invoice_get_exported_on (invoice) != NULL)
        return FALSE;
      break;
    case FILTER_AGENCY_PROBLEM:
      if (pacta_invoice_get_agency_state (invoice) != PACTA_AGENCY_REJECTED &&
          pacta_invoice_get_agency_state (invoice) != PACTA_AGENCY_ACCEPTED_WITH_ERRORS)
        return FALSE;
      break;
    case FILTER_TO_PRINT:
      if (!pacta_invoice_get_to_print (invoice))
        return FALSE;
      break;
    default:
      break;
    }

  if (self->search != NULL && *self->search != '\0')
    {
      g_autofree char *number = pacta_text_search_key (pacta_invoice_get_number (invoice));
      g_autofree char *customer = pacta_text_search_key (pacta_invoice_get_customer_name (invoice));

      return strstr (number, self->search) != NULL || strstr (customer, self->search) != NULL;
    }
  return TRUE;
}

static int
newest_first (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  gint64 x = pacta_invoice_get_id ((PactaInvoice *)a);
  gint64 y = pacta_invoice_get_id ((PactaInvoice *)b);

  return (x < y) - (x > y);
}

static void
update_count (PactaInvoicesView *self)
{
  guint n = self->filtered != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) : 0;
  g_autofree char *text = g_strdup_printf (ngettext ("%u invoice", "%u invoices", n), n);

  gtk_label_set_text (GTK_LABEL (self->count), text);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), n > 0 ? "list" : "empty");
}

static void
refilter (PactaInvoicesView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
on_search_changed_cb (PactaInvoicesView *self)
{
  g_free (self->search);
  self->search = pacta_text_search_key (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  refilter (self);
}

static void
on_status_changed_cb (PactaInvoicesView *self)
{
  self->filter_kind = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->status));
  refilter (self);
}

/* ---- columns --------------------------------------------------------------- */

static GtkWidget *
cell_label_new (gboolean numeric)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  return label;
}

/* The template gives every factory's callbacks the view as data */
static void
on_text_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  PactaInvoicesView        *self)
{
  gtk_list_item_set_child (item, cell_label_new (FALSE));
}

static void
on_numeric_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     PactaInvoicesView        *self)
{
  gtk_list_item_set_child (item, cell_label_new (TRUE));
}

static void
bind_text (GtkListItem *item,
           const char  *text)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text != NULL ? text : "—");
  pacta_a11y_set_cell_label (gtk_list_item_get_child (item), text);
}

/* One bind callback a text column */
static void
on_number_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   PactaInvoicesView        *self)
{
  bind_text (item, pacta_invoice_get_number (gtk_list_item_get_item (item)));
}

static void
on_customer_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     PactaInvoicesView        *self)
{
  bind_text (item, pacta_invoice_get_customer_name (gtk_list_item_get_item (item)));
}

static void
on_date_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 PactaInvoicesView        *self)
{
  bind_text (item, pacta_invoice_get_issue_date (gtk_list_item_get_item (item)));
}

static void
on_due_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                PactaInvoicesView        *self)
{
  bind_text (item, pacta_invoice_get_due_date (gtk_list_item_get_item (item)));
}

static void
on_status_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   PactaInvoicesView        *self)
{
  bind_text (item, pacta_invoice_status_label (gtk_list_item_get_item (item)));
}

static void
on_exported_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     PactaInvoicesView        *self)
{
  bind_text (item, pacta_invoice_get_exported_on (gtk_list_item_get_item (item)));
}

/* How it went out by email, in the words of the invoice's window: "Sent by
 * email …", "Waiting to be sent", "Refused by the mail server", …, or "To
 * print"; %NULL when it was never mailed and is not to be printed (issued
 * before there was a mail account). With @description, to whom and, when
 * it went wrong, the server's words. */
static char *
mail_text (PactaInvoicesView *self,
           PactaInvoice      *invoice,
           gboolean           description)
{
  PactaInvoiceMailing mailing = {
    pacta_mail_state_from_string (pacta_invoice_get_mail_state (invoice)),
    (char *) pacta_invoice_get_mail_recipient (invoice),
    (char *) pacta_invoice_get_mail_sent_at (invoice),
    (char *) pacta_invoice_get_mail_error (invoice),
  };

  if (mailing.state == PACTA_MAIL_STATE_NONE)
    return pacta_invoice_get_to_print (invoice) ? g_strdup (_("To print")) : NULL;
  if (self->context == NULL)
    return NULL;
  return description ? pacta_mail_text_description (pacta_context_get_clock (self->context), &mailing)
                     : pacta_mail_text_status (pacta_context_get_clock (self->context), &mailing);
}

/* What a screen reader says of an invoice's row, whichever columns a
 * narrow window shows */
static char *
invoice_summary (PactaInvoicesView *self,
                 PactaInvoice      *invoice,
                 const char        *total)
{
  const char *due = pacta_invoice_get_due_date (invoice);
  const char *exported = pacta_invoice_get_exported_on (invoice);
  /* Translators: in an invoice row's accessible name; %s is a date */
  g_autofree char *due_text = due != NULL ? g_strdup_printf (_("due %s"), due) : NULL;
  /* Translators: in an invoice row's accessible name; %s is a date */
  g_autofree char *exported_text = exported != NULL ? g_strdup_printf (_("exported %s"), exported) : NULL;
  PactaAgencyState agency = pacta_invoice_get_agency_state (invoice);
  /* Translators: in an invoice row's accessible name; %s is its state with the tax agency */
  g_autofree char *agency_text = agency != PACTA_AGENCY_NONE
                                 ? g_strdup_printf (_("tax agency: %s"), pacta_agency_state_label (agency)) : NULL;
  g_autofree char *mail = mail_text (self, invoice, FALSE);
  const char *parts[] = {
    pacta_invoice_get_number (invoice), pacta_invoice_get_customer_name (invoice),
    pacta_invoice_get_issue_date (invoice), due_text, total, pacta_invoice_status_label (invoice), exported_text,
    agency_text, mail,
  };

  return pacta_a11y_summary (parts, G_N_ELEMENTS (parts));
}

static void
on_total_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  PactaInvoicesView        *self)
{
  PactaInvoice *invoice = gtk_list_item_get_item (item);
  g_autofree char *total = pacta_money_format (pacta_invoice_get_gross (invoice) * 100,
                                               pacta_invoice_get_currency (invoice));
  g_autofree char *summary = invoice_summary (self, invoice, total);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), total);
  pacta_a11y_set_cell_label (gtk_list_item_get_child (item), total);
  /* The total's column is always shown: it names the row */
  pacta_a11y_set_row_label (gtk_list_item_get_child (item), summary);
}

/* Its standing with the tax agency, in a word; the agency's words in the
 * tooltip */
static void
on_agency_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   PactaInvoicesView        *self)
{
  PactaInvoice *invoice = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  PactaAgencyState state = pacta_invoice_get_agency_state (invoice);
  const char *text = pacta_agency_state_label (state);
  const char *note = pacta_invoice_get_agency_note (invoice);

  gtk_label_set_text (GTK_LABEL (label), *text != '\0' ? text : "—");
  gtk_widget_set_tooltip_text (label, note != NULL && *note != '\0' ? note : NULL);
  if (state == PACTA_AGENCY_REJECTED)
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
  if (state == PACTA_AGENCY_ACCEPTED_WITH_ERRORS)
    gtk_widget_add_css_class (label, "warning");
  else
    gtk_widget_remove_css_class (label, "warning");
  pacta_a11y_set_cell_label (label, *text != '\0' ? text : NULL);
}

/* How it went out by email, in a few words, with the recipient and the
 * server's words in the tooltip; refused, bounced or perhaps sent is a
 * warning */
static void
on_mail_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 PactaInvoicesView        *self)
{
  PactaInvoice *invoice = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = mail_text (self, invoice, FALSE);
  g_autofree char *tooltip = mail_text (self, invoice, TRUE);

  switch (pacta_mail_state_from_string (pacta_invoice_get_mail_state (invoice)))
    {
    case PACTA_MAIL_STATE_FAILED:
    case PACTA_MAIL_STATE_UNKNOWN:
    case PACTA_MAIL_STATE_BOUNCED:
      gtk_widget_add_css_class (label, "warning");
      break;
    case PACTA_MAIL_STATE_NONE:
    case PACTA_MAIL_STATE_QUEUED:
    case PACTA_MAIL_STATE_SENDING:
    case PACTA_MAIL_STATE_SENT:
    default:
      gtk_widget_remove_css_class (label, "warning");
      break;
    }
  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "—");
  gtk_widget_set_tooltip_text (label, tooltip != NULL && g_strcmp0 (tooltip, text) != 0 ? tooltip : NULL);
  pacta_a11y_set_cell_label (label, text);
}

static void
on_activate_cb (PactaInvoicesView *self,
                guint              position)
{
  g_autoptr(PactaInvoice) invoice = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  PactaInvoiceDialog *dialog;

  if (invoice == NULL || self->context == NULL)
    return;
  dialog = pacta_invoice_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->context,
                                     pacta_invoice_get_id (invoice));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- export ------------------------------------------------------------------ */

static void
show_message (PactaInvoicesView *self,
              const char        *heading,
              const char        *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  pacta_a11y_fix_mnemonics (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_exporting (PactaInvoicesView *self,
               GCancellable      *cancellable)
{
  const char *label = cancellable != NULL ? _("_Cancel export") : _("E_xport for accounting…");

  g_set_object (&self->exporting, cancellable);
  gtk_button_set_label (GTK_BUTTON (self->export_button), label);
  gtk_widget_set_sensitive (self->export_button, TRUE);
  gtk_widget_set_visible (self->export_spinner, cancellable != NULL);
  gtk_spinner_set_spinning (GTK_SPINNER (self->export_spinner), cancellable != NULL);
}

static void
on_export_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PactaInvoicesView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = g_object_steal_data (G_OBJECT (user_data), "export-folder");
  g_autofree char *where = NULL;
  g_autofree char *body = NULL;
  g_auto(GStrv) written = NULL;
  guint n = 0;

  if (!pacta_context_export_accounting_finish (PACTA_CONTEXT (object), result, &n, &written, &error))
    n = G_MAXUINT;
  /* Gone with its window meanwhile: the export was cancelled with it */
  if (self->context == NULL)
    return;
  set_exporting (self, NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      show_message (self, _("Nothing Was Exported"), error->message);
      return;
    }
  refilter (self);
  if (n == 0)
    {
      show_message (self, _("Nothing to Export"), _("Every invoice has been exported already."));
      return;
    }
  where = g_file_get_parse_name (folder);
  /* Translators: after an export; how many invoices, and the folder */
  body = g_strdup_printf (ngettext ("%u invoice was exported to %s, with its PDF, for your accounting software.",
                                    "%u invoices were exported to %s, with their PDFs, for your accounting software.",
                                    n), n, where);
  show_message (self, _("Invoices Exported"), body);
}

/* Off the main thread (the PDFs take a while); the button turns into Cancel
 * Export meanwhile, which removes whatever was written and marks nothing */
static void
start_export (PactaInvoicesView *self,
              GFile             *folder)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *today = pacta_date_today ();

  if (self->exporting != NULL || self->context == NULL)
    return;
  set_exporting (self, cancellable);
  pacta_context_export_accounting_async (self->context, folder, today, pacta_invoice_pdf_export, NULL,
                                         cancellable, on_export_done_cb, g_object_ref (self));
  /* The folder, for the message at the end */
  g_object_set_data_full (G_OBJECT (self), "export-folder", g_object_ref (folder), g_object_unref);
}

/* For tests: starts exporting to @folder, as the folder chooser does */
void
pacta_invoices_view_start_export (PactaInvoicesView *self,
                                  GFile             *folder)
{
  g_return_if_fail (PACTA_IS_INVOICES_VIEW (self));
  g_return_if_fail (G_IS_FILE (folder));

  start_export (self, folder);
}

/* For tests: exports and waits until it is done */
void
pacta_invoices_view_export_to (PactaInvoicesView *self,
                               GFile             *folder)
{
  g_return_if_fail (PACTA_IS_INVOICES_VIEW (self));
  g_return_if_fail (G_IS_FILE (folder));

  start_export (self, folder);
  while (self->exporting != NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void on_export_clicked_cb (PactaInvoicesView *self);

/* For tests: presses the export button (Cancel Export while exporting) */
void
pacta_invoices_view_press_export (PactaInvoicesView *self)
{
  g_return_if_fail (PACTA_IS_INVOICES_VIEW (self));

  on_export_clicked_cb (self);
}

/* For tests: whether an export is running */
gboolean
pacta_invoices_view_is_exporting (PactaInvoicesView *self)
{
  g_return_val_if_fail (PACTA_IS_INVOICES_VIEW (self), FALSE);

  return self->exporting != NULL;
}

static void
on_chooser_response_cb (PactaInvoicesView    *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      start_export (self, folder);
    }
  g_clear_object (&self->chooser);
}

static void
on_export_clicked_cb (PactaInvoicesView *self)
{
  if (self->exporting != NULL)
    {
      gtk_widget_set_sensitive (self->export_button, FALSE);
      g_cancellable_cancel (self->exporting);
      return;
    }
  if (self->chooser != NULL || self->context == NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export for Accounting"),
                                               GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Export"), _("_Cancel"));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- life cycle -------------------------------------------------------------- */

static void
pacta_invoices_view_dispose (GObject *object)
{
  PactaInvoicesView *self = (PactaInvoicesView *)object;
  GtkWidget *child;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->exporting != NULL)
    g_cancellable_cancel (self->exporting);
  g_clear_object (&self->exporting);
  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_INVOICES_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->context);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (pacta_invoices_view_parent_class)->dispose (object);
}

static void
pacta_invoices_view_class_init (PactaInvoicesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_invoices_view_dispose;

  g_type_ensure (PACTA_TYPE_WRAP_BOX);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pacta/Pacta/ui/billing/pacta-invoices-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaInvoicesView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PactaInvoicesView, status);
  gtk_widget_class_bind_template_child (widget_class, PactaInvoicesView, count);
  gtk_widget_class_bind_template_child (widget_class, PactaInvoicesView, export_button);
  gtk_widget_class_bind_template_child (widget_class, PactaInvoicesView, export_spinner);
  gtk_widget_class_bind_template_child (widget_class, PactaInvoicesView, stack);
  gtk_widget_class_bind_template_child (widget_class, PactaInvoicesView, view);
  gtk_widget_class_bind_template_child (widget_class, PactaInvoicesView, date_column);
  gtk_widget_class_bind_template_child (widget_class, PactaInvoicesView, due_column);
  gtk_widget_class_bind_template_child (widget_class, PactaInvoicesView, status_column);
  gtk_widget_class_bind_template_child (widget_class, PactaInvoicesView, exported_column);
  gtk_widget_class_bind_template_child (widget_class, PactaInvoicesView, agency_column);
  gtk_widget_class_bind_template_child (widget_class, PactaInvoicesView, mail_column);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_status_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_text_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_numeric_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_number_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_customer_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_due_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_total_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_status_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_exported_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_agency_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_mail_bind_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pacta_invoices_view_init (PactaInvoicesView *self)
{
  GtkSelectionModel *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  pacta_a11y_fix_mnemonics (GTK_WIDGET (self));
  pacta_a11y_name_drop_down (GTK_DROP_DOWN (self->status), _("Show invoices by status"), NULL);
  pacta_a11y_name_column_view_header (GTK_COLUMN_VIEW (self->view));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (update_count), self);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          GTK_SORTER (gtk_custom_sorter_new (newest_first, NULL, NULL)));
  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted))));
  gtk_column_view_set_model (GTK_COLUMN_VIEW (self->view), selection);
  g_object_unref (selection);
  update_count (self);
}

GtkWidget *
pacta_invoices_view_new (void)
{
  return g_object_new (PACTA_TYPE_INVOICES_VIEW, NULL);
}

void
pacta_invoices_view_set_context (PactaInvoicesView *self,
                                 PactaContext      *context)
{
  g_return_if_fail (PACTA_IS_INVOICES_VIEW (self));

  if (!g_set_object (&self->context, context))
    return;
  gtk_filter_list_model_set_model (self->filtered,
                                   context != NULL ? G_LIST_MODEL (pacta_context_get_invoices (context)) : NULL);
  update_count (self);
}

guint
pacta_invoices_view_get_n_visible (PactaInvoicesView *self)
{
  g_return_val_if_fail (PACTA_IS_INVOICES_VIEW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
}

void
pacta_invoices_view_set_search (PactaInvoicesView *self,
                                const char        *text)
{
  g_return_if_fail (PACTA_IS_INVOICES_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  on_search_changed_cb (self);
}

void
pacta_invoices_view_set_filter (PactaInvoicesView *self,
                                guint              filter)
{
  g_return_if_fail (PACTA_IS_INVOICES_VIEW (self));

  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->status), filter);
}

gboolean
pacta_invoices_view_get_narrow (PactaInvoicesView *self)
{
  g_return_val_if_fail (PACTA_IS_INVOICES_VIEW (self), FALSE);

  return self->narrow;
}

/* A narrow window keeps the number, whole, the customer and the total; the
 * dates, the status and how it went out are in the invoice a row opens (and
 * in the row's accessible name) */
void
pacta_invoices_view_set_narrow (PactaInvoicesView *self,
                                gboolean           narrow)
{
  g_return_if_fail (PACTA_IS_INVOICES_VIEW (self));

  narrow = !!narrow;
  if (self->narrow == narrow)
    return;
  self->narrow = narrow;
  gtk_column_view_column_set_visible (self->date_column, !narrow);
  gtk_column_view_column_set_visible (self->due_column, !narrow);
  gtk_column_view_column_set_visible (self->status_column, !narrow);
  gtk_column_view_column_set_visible (self->exported_column, !narrow);
  gtk_column_view_column_set_visible (self->agency_column, !narrow);
  gtk_column_view_column_set_visible (self->mail_column, !narrow);
}
