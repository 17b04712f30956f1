/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-invoice-dialog.c: an issued invoice as it was issued — customer, dates,
 * lines, tax per rate and totals — and what can still happen to it: Mark as
 * Paid (with the payment date), Create Credit Note (asks first: it cancels
 * the invoice in full) and Save PDF…; how it went out by email, with Send
 * by Email or Send Again (or why it can't be mailed); under Spain's rules,
 * where it stands with the tax agency, and the correction of a record it
 * refused. Nothing here edits the invoice itself.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-a11y.h"
#include "pacta-contract.h"
#include "pacta-date.h"
#include "pacta-invoice.h"
#include "pacta-invoice-dialog-private.h"
#include "pacta-wrap-box.h"
#include "pacta-invoice-document.h"
#include "pacta-invoice-export.h"
#include "pacta-invoice-pdf.h"
#include "pacta-invoices.h"
#include "pacta-mail-text.h"
#include "pacta-money.h"
#include "pacta-verifactu-status.h"
#include "pacta-verifactu.h"

struct _PactaInvoiceDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toasts;
  GtkWidget            *credit_button;
  GtkWidget            *pdf_button;
  GtkWidget            *page;
  GtkWidget            *missing_page;   /* in the page's place when the invoice cannot be read */
  GtkWidget            *customer_row;
  GtkWidget            *date_row;
  GtkWidget            *due_row;
  GtkWidget            *corrects_row;
  GtkWidget            *lines_group;
  GtkWidget            *totals_group;
  GtkWidget            *paid_date;
  GtkWidget            *state_row;
  GtkWidget            *agency_group;
  GtkWidget            *agency_row;
  GtkWidget            *correct_row;   /* in agency_group only while there is a correction to send */
  GtkWidget            *mail_row;
  GtkWidget            *mail_button;   /* shown only when it can be sent (again) */

  /* Owned */
  PactaContext         *context;
  PactaInvoiceDocument *document;
  GtkFileChooserNative *chooser;
  GPtrArray            *line_rows;    /* the rows rebuild() adds to lines_group */
  GPtrArray            *total_rows;   /* … and to totals_group */

  /* Borrowed: while open */
  AdwMessageDialog     *mail_question;

  gint64                invoice_id;
  gint64                customer_id;  /* 0 until known */
  PactaMailState        mail_state;   /* as the Email row shows it */
};

G_DEFINE_FINAL_TYPE (PactaInvoiceDialog, pacta_invoice_dialog, ADW_TYPE_WINDOW)

static void rebuild (PactaInvoiceDialog *self);

/* A fact's row of the template: its value, or a dash */
static void
set_fact (GtkWidget  *row,
          const char *value)
{
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value != NULL ? value : "—");
}

static GtkWidget *
amount_row (const char *title,
            const char *subtitle,
            const char *amount)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (amount);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static void
toast (PactaInvoiceDialog *self,
       const char         *text)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
}

gboolean
pacta_invoice_dialog_mark_paid (PactaInvoiceDialog *self,
                                const char         *date)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PACTA_IS_INVOICE_DIALOG (self), FALSE);

  if (!pacta_context_mark_invoice_paid (self->context, self->invoice_id, date, &error))
    {
      /* Once paid or credited there is no date to mark, only the reason to say */
      if (gtk_widget_get_visible (self->paid_date))
        gtk_widget_add_css_class (self->paid_date, "error");
      toast (self, error->message);
      return FALSE;
    }
  rebuild (self);
  toast (self, _("Marked as paid"));
  return TRUE;
}

static void
on_paid_clicked_cb (PactaInvoiceDialog *self)
{
  pacta_invoice_dialog_mark_paid (self, gtk_editable_get_text (GTK_EDITABLE (self->paid_date)));
}

/**
 * pacta_invoice_dialog_credit_lines:
 * @positions: (nullable): the lines to credit; %NULL for all still open
 */
char *
pacta_invoice_dialog_credit_lines (PactaInvoiceDialog *self,
                                   GArray             *positions)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = pacta_date_today ();
  g_autofree char *message = NULL;
  char *number;

  g_return_val_if_fail (PACTA_IS_INVOICE_DIALOG (self), NULL);

  /* Dated today, or on the invoice's own date when that is still to come */
  number = pacta_context_credit_invoice_lines (self->context, self->invoice_id,
                                               g_strcmp0 (today, self->document->issue_date) < 0
                                               ? self->document->issue_date
                                               : today,
                                               positions, &error);
  if (number == NULL)
    {
      toast (self, error->message);
      return NULL;
    }
  rebuild (self);
  /* Translators: %s is the credit note's number */
  message = g_strdup_printf (_("Credit note %s created"), number);
  toast (self, message);
  return number;
}

char *
pacta_invoice_dialog_credit (PactaInvoiceDialog *self)
{
  return pacta_invoice_dialog_credit_lines (self, NULL);
}

static void
on_credit_response_cb (PactaInvoiceDialog *self,
                       const char         *response,
                       AdwMessageDialog   *dialog)
{
  GtkWidget *list = adw_message_dialog_get_extra_child (dialog);
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (int));

  if (g_strcmp0 (response, "credit") != 0)
    return;
  /* The ticked lines; each check button carries its line's position */
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *check = g_object_get_data (G_OBJECT (row), "check");

      if (check != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        {
          int position = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "position"));

          g_array_append_val (positions, position);
        }
    }
  g_free (pacta_invoice_dialog_credit_lines (self, positions));
}

static void
on_credit_clicked_cb (PactaInvoiceDialog *self)
{
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: %s is the invoice number */
  body = g_strdup_printf (_("A credit note cancels the lines ticked below of %s, with a number of its own. "
                            "The invoice itself stays as it was issued."), self->document->number);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Create Credit Note?"), body);
  {
    GtkWidget *list = gtk_list_box_new ();

    gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
    gtk_widget_add_css_class (list, "boxed-list");
    gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Lines to credit"), -1);
    for (guint i = 0; i < self->document->lines->len; i++)
      {
        PactaDocumentLine *line = g_ptr_array_index (self->document->lines, i);
        GtkWidget *row, *check;

        if (line->credited)
          continue;
        row = adw_action_row_new ();
        check = gtk_check_button_new ();
        adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), line->description);
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
        adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
        /* After: the row adds its title to the check box's name */
        pacta_a11y_set_label (check, line->description);
        g_object_set_data (G_OBJECT (row), "check", check);
        g_object_set_data (G_OBJECT (row), "position", GINT_TO_POINTER (line->position));
        gtk_list_box_append (GTK_LIST_BOX (list), row);
      }
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  }
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "credit", _("C_reate Credit Note"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "credit", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_credit_response_cb), self, G_CONNECT_SWAPPED);
  pacta_a11y_fix_mnemonics (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * pacta_invoice_dialog_correct:
 *
 * Records the correction of the invoice's record that the tax agency
 * rejected or accepted with errors, once its cause is fixed; it is sent
 * with the next records.
 */
gboolean
pacta_invoice_dialog_correct (PactaInvoiceDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PACTA_IS_INVOICE_DIALOG (self), FALSE);

  if (!pacta_context_record_correction (self->context, self->invoice_id, &error))
    {
      toast (self, error->message);
      return FALSE;
    }
  rebuild (self);
  toast (self, _("Correction recorded: it goes to the tax agency with the next records"));
  return TRUE;
}

static void
on_correct_clicked_cb (PactaInvoiceDialog *self)
{
  pacta_invoice_dialog_correct (self);
}

static void
update_agency_group (PactaInvoiceDialog *self)
{
  g_autoptr(PactaAgencyStatus) status = NULL;
  g_autofree char *text = NULL;
  gboolean shown, correctable;

  status = pacta_context_invoice_status (self->context, self->invoice_id, NULL);
  shown = status != NULL && status->state != PACTA_AGENCY_NONE;
  correctable = shown && status->correctable;
  /* Taken out of the group, not hidden, while there is nothing to correct:
   * then no Send Correction button is there to find or press */
  if (correctable && gtk_widget_get_parent (self->correct_row) == NULL)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->agency_group), self->correct_row);
  else if (!correctable && gtk_widget_get_parent (self->correct_row) != NULL)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->agency_group), self->correct_row);
  gtk_widget_set_visible (self->agency_group, shown);
  if (!shown)
    return;

  text = pacta_agency_status_describe (status);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->agency_row), pacta_agency_state_label (status->state));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->agency_row), text);
  if (status->state == PACTA_AGENCY_REJECTED)
    gtk_widget_add_css_class (self->agency_row, "error");
  else
    gtk_widget_remove_css_class (self->agency_row, "error");
  if (status->state == PACTA_AGENCY_ACCEPTED_WITH_ERRORS)
    gtk_widget_add_css_class (self->agency_row, "warning");
  else
    gtk_widget_remove_css_class (self->agency_row, "warning");
}

/* ---- email ---------------------------------------------------------------- */

/* The window sends the outbox in the background. A dialog is a toplevel of
 * its own, outside the window's action groups, so the windows it is
 * transient for are asked in turn. */
static void
send_outbox (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  for (GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL; window != NULL;
       window = gtk_window_get_transient_for (window))
    if (gtk_widget_activate_action (GTK_WIDGET (window), "win.send-mail", NULL))
      return;
}

/* The invoice's customer, from the list's row (an invoice never changes
 * customer) */
static gint64
get_customer_id (PactaInvoiceDialog *self)
{
  PactaInvoiceStore *store;
  g_autoptr(PactaInvoice) invoice = NULL;
  guint position;

  if (self->customer_id > 0)
    return self->customer_id;
  store = pacta_context_get_invoices (self->context);
  if (store == NULL || !pacta_row_store_find (PACTA_ROW_STORE (store), self->invoice_id, &position))
    return 0;
  invoice = g_list_model_get_item (G_LIST_MODEL (store), position);
  if (invoice != NULL)
    self->customer_id = pacta_invoice_get_customer_id (invoice);
  return self->customer_id;
}

/* (nullable): why it can't be mailed, as the billing information is now;
 * %NULL when it can be */
static const char *
why_not_mailed (PactaInvoiceDialog *self)
{
  gint64 customer_id = get_customer_id (self);
  g_autoptr(PactaBillingInfo) info = customer_id > 0
                                     ? pacta_context_load_billing_info (self->context, customer_id, NULL) : NULL;
  g_autofree char *address = NULL;

  if (info != NULL && g_strcmp0 (pacta_billing_info_get_send_by (info), "email") != 0)
    return _("This customer gets invoices by post");
  if (info != NULL)
    address = pacta_mail_address_normalize (pacta_billing_info_get_invoice_email (info));
  if (address == NULL)
    return _("No invoice email in the billing information");
  return NULL;
}

/* The Email row: how it went out (to whom, when, the server's words when
 * it went wrong), or why it does not; and Send by Email or Send Again when
 * there is a mail account to send it with */
static void
update_mail (PactaInvoiceDialog *self)
{
  g_autoptr(PactaInvoiceMailing) mailing = NULL;
  g_autoptr(PactaMailAccount) account = NULL;
  g_autofree char *description = NULL;
  const char *no_account = _("Set a mail account in Preferences to send invoices");
  const char *why_not = NULL;
  const char *button = NULL;

  if (self->context == NULL)
    return;
  mailing = pacta_context_invoice_mailing (self->context, self->invoice_id, NULL);
  account = pacta_context_get_mail_account (self->context);
  self->mail_state = mailing != NULL ? mailing->state : PACTA_MAIL_STATE_NONE;
  switch (self->mail_state)
    {
    case PACTA_MAIL_STATE_NONE:
      if ((why_not = why_not_mailed (self)) != NULL)
        description = g_strdup (why_not);
      else if (account == NULL)
        description = g_strdup (no_account);
      else
        {
          description = g_strdup (_("Not sent by email yet"));
          button = _("Send by _Email");
        }
      break;
    case PACTA_MAIL_STATE_SENT:
    case PACTA_MAIL_STATE_FAILED:
    case PACTA_MAIL_STATE_UNKNOWN:
    case PACTA_MAIL_STATE_BOUNCED:
      description = pacta_mail_text_description (pacta_context_get_clock (self->context), mailing);
      if (account != NULL)
        button = _("Send _Again");
      else
        {
          char *with_hint = g_strdup_printf ("%s\n%s", description, no_account);

          g_free (description);
          description = with_hint;
        }
      break;
    case PACTA_MAIL_STATE_QUEUED:
    case PACTA_MAIL_STATE_SENDING:
    default:
      description = pacta_mail_text_description (pacta_context_get_clock (self->context), mailing);
      break;
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->mail_row), description != NULL ? description : "—");
  if (self->mail_state == PACTA_MAIL_STATE_FAILED || self->mail_state == PACTA_MAIL_STATE_UNKNOWN ||
      self->mail_state == PACTA_MAIL_STATE_BOUNCED)
    gtk_widget_add_css_class (self->mail_row, "warning");
  else
    gtk_widget_remove_css_class (self->mail_row, "warning");
  gtk_widget_set_visible (self->mail_button, button != NULL);
  if (button != NULL)
    gtk_button_set_label (GTK_BUTTON (self->mail_button), button);
}

static void
on_mail_changed_cb (PactaInvoiceDialog *self)
{
  update_mail (self);
}

/* The outbox's triggers touch the invoice's row, so a list brought up to
 * date (after a send, or a write elsewhere) says its mail moved on */
static void
on_invoices_changed_cb (PactaInvoiceDialog *self,
                        guint               position,
                        guint               removed,
                        guint               added,
                        GListModel         *invoices)
{
  guint ours;

  if (pacta_row_store_find (PACTA_ROW_STORE (invoices), self->invoice_id, &ours) &&
      ours >= position && ours < position + added)
    update_mail (self);
}

/* Puts it in the outbox (again, to the customer's invoice email as it is
 * now), and has the window send the outbox */
static gboolean
queue_mail (PactaInvoiceDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!pacta_context_resend_invoice_mail (self->context, self->invoice_id, &error))
    {
      toast (self, error->message);
      update_mail (self);
      return FALSE;
    }
  update_mail (self);
  send_outbox (GTK_WIDGET (self));
  return TRUE;
}

static void
on_mail_question_response_cb (PactaInvoiceDialog *self,
                              const char         *response,
                              AdwMessageDialog   *dialog)
{
  self->mail_question = NULL;
  if (g_strcmp0 (response, "send") == 0)
    queue_mail (self);
}

/* Sent, or perhaps sent: the customer might get it twice, so ask first */
static void
ask_to_send_again (PactaInvoiceDialog *self)
{
  GtkWidget *dialog;

  if (self->mail_question != NULL)
    return;
  if (self->mail_state == PACTA_MAIL_STATE_UNKNOWN)
    dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Send It Again?"),
                                     _("It may already have arrived: the connection ended while it was handed "
                                       "over. Sent again, the customer might get it twice."));
  else
    dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Send This Invoice Again?"),
                                     _("It was sent by email already: the customer gets it a second time."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "send", _("_Send Again"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_mail_question_response_cb), self, G_CONNECT_SWAPPED);
  self->mail_question = ADW_MESSAGE_DIALOG (dialog);
  pacta_a11y_fix_mnemonics (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_mail_clicked_cb (PactaInvoiceDialog *self)
{
  if (self->mail_state == PACTA_MAIL_STATE_SENT || self->mail_state == PACTA_MAIL_STATE_UNKNOWN)
    ask_to_send_again (self);
  else
    queue_mail (self);
}

/* For tests: the question Send Again asks, while it is open */
AdwMessageDialog *
pacta_invoice_dialog_get_mail_question (PactaInvoiceDialog *self)
{
  g_return_val_if_fail (PACTA_IS_INVOICE_DIALOG (self), NULL);

  return self->mail_question;
}

gboolean
pacta_invoice_dialog_save_pdf (PactaInvoiceDialog *self,
                               GFile              *file)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PACTA_IS_INVOICE_DIALOG (self), FALSE);

  if (!pacta_context_render_invoice (self->context, self->invoice_id, file, pacta_invoice_pdf_export, NULL, &error))
    {
      toast (self, error->message);
      return FALSE;
    }
  toast (self, _("PDF saved"));
  return TRUE;
}

static void
on_chooser_response_cb (PactaInvoiceDialog   *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      pacta_invoice_dialog_save_pdf (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
on_pdf_clicked_cb (PactaInvoiceDialog *self)
{
  g_autofree char *name = NULL;

  if (self->chooser != NULL)
    return;
  name = pacta_invoice_file_name (self->document->number, "pdf");
  self->chooser = gtk_file_chooser_native_new (_("Save PDF"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Takes out the rows rebuild() added before, to add them anew */
static void
remove_rows (GtkWidget *group,
             GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
add_row (GtkWidget *group,
         GPtrArray *rows,
         GtkWidget *row)
{
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_ptr_array_add (rows, row);
}

static void
fill_lines (PactaInvoiceDialog *self)
{
  PactaInvoiceDocument *d = self->document;

  remove_rows (self->lines_group, self->line_rows);
  for (guint i = 0; i < d->lines->len; i++)
    {
      PactaDocumentLine *line = g_ptr_array_index (d->lines, i);
      g_autofree char *quantity = pacta_decimal_format (line->quantity, 4);
      g_autofree char *price = pacta_price_format (line->unit_price, d->currency);
      g_autofree char *amount = pacta_money_format (line->net * 100, d->currency);
      /* Translators: under an invoice line: quantity × unit price; the second form once credited */
      g_autofree char *detail = g_strdup_printf (line->credited ? _("%s × %s · credited") : _("%s × %s"),
                                                 quantity, price);

      add_row (self->lines_group, self->line_rows, amount_row (line->description, detail, amount));
    }
}

static void
fill_totals (PactaInvoiceDialog *self)
{
  PactaInvoiceDocument *d = self->document;
  g_autofree char *net = pacta_money_format (d->net * 100, d->currency);
  g_autofree char *gross = pacta_money_format (d->gross * 100, d->currency);

  remove_rows (self->totals_group, self->total_rows);
  add_row (self->totals_group, self->total_rows, amount_row (_("Net"), NULL, net));
  for (guint i = 0; i < d->tax_bands->len; i++)
    {
      PactaTaxBand *band = &g_array_index (d->tax_bands, PactaTaxBand, i);
      g_autofree char *rate = pacta_percent_format (band->tax_rate);
      g_autofree char *tax = pacta_money_format (band->tax * 100, d->currency);
      /* Translators: a tax band in the invoice's totals, e.g. “Tax 21 %” */
      g_autofree char *title = g_strdup_printf (_("Tax %s %%"), rate);

      add_row (self->totals_group, self->total_rows, amount_row (title, NULL, tax));
    }
  add_row (self->totals_group, self->total_rows, amount_row (_("Total"), NULL, gross));
}

/* What can still happen to it: the payment date while it is unpaid, or else
 * what became of it */
static void
update_status (PactaInvoiceDialog *self,
               gboolean            credit_note,
               gboolean            issued)
{
  PactaInvoiceDocument *d = self->document;

  gtk_widget_set_visible (self->paid_date, issued);
  gtk_widget_set_visible (self->state_row, !issued);
  if (issued)
    {
      g_autofree char *today = pacta_date_today ();

      /* Paid today, or not before the invoice's date */
      if (g_strcmp0 (today, d->issue_date) < 0)
        {
          g_free (today);
          today = g_strdup (d->issue_date);
        }
      gtk_editable_set_text (GTK_EDITABLE (self->paid_date), today);
      gtk_widget_remove_css_class (self->paid_date, "error");
    }
  else
    {
      const char *state = credit_note ? _("Credit note")
                          : g_strcmp0 (d->status, "paid") == 0 ? C_("invoice", "Paid")
                          : C_("invoice", "Credited");
      g_autofree char *paid = NULL;

      if (g_strcmp0 (d->status, "paid") == 0)
        /* Translators: %s is the payment date */
        paid = g_strdup_printf (_("On %s"), d->paid_on);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->state_row), state);
      set_fact (self->state_row, paid);
    }
}

/* Shows the invoice as it is now in the database, after whatever happened to it */
static void
rebuild (PactaInvoiceDialog *self)
{
  g_autoptr(GError) error = NULL;
  PactaInvoiceDocument *d;
  gboolean credit_note, issued;

  g_clear_pointer (&self->document, pacta_invoice_document_free);
  self->document = pacta_context_load_invoice_document (self->context, self->invoice_id, &error);
  if (self->document == NULL)
    {
      adw_status_page_set_description (ADW_STATUS_PAGE (self->missing_page), error->message);
      adw_toast_overlay_set_child (self->toasts, self->missing_page);
      /* Nothing to credit or draw */
      gtk_widget_set_visible (self->credit_button, FALSE);
      gtk_widget_set_visible (self->pdf_button, FALSE);
      return;
    }
  d = self->document;
  credit_note = g_strcmp0 (d->kind, "credit_note") == 0;
  issued = !credit_note && g_strcmp0 (d->status, "issued") == 0;
  gtk_window_set_title (GTK_WINDOW (self), d->number);

  set_fact (self->customer_row, pacta_invoice_document_member (d->customer, "business-name"));
  set_fact (self->date_row, d->issue_date);
  set_fact (self->due_row, d->due_date);
  gtk_widget_set_visible (self->due_row, !credit_note);
  set_fact (self->corrects_row, d->credited_number);
  gtk_widget_set_visible (self->corrects_row, d->credited_number != NULL);
  fill_lines (self);
  fill_totals (self);
  update_status (self, credit_note, issued);
  update_mail (self);
  update_agency_group (self);

  gtk_widget_set_visible (self->credit_button, !credit_note && g_strcmp0 (d->status, "credited") != 0);
  /* The template holds both pages, whichever is shown */
  if (adw_toast_overlay_get_child (self->toasts) != self->page)
    adw_toast_overlay_set_child (self->toasts, self->page);
}

static void
pacta_invoice_dialog_dispose (GObject *object)
{
  PactaInvoiceDialog *self = (PactaInvoiceDialog *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_INVOICE_DIALOG);
  g_clear_pointer (&self->line_rows, g_ptr_array_unref);
  g_clear_pointer (&self->total_rows, g_ptr_array_unref);
  g_clear_pointer (&self->document, pacta_invoice_document_free);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pacta_invoice_dialog_parent_class)->dispose (object);
}

static void
pacta_invoice_dialog_class_init (PactaInvoiceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_invoice_dialog_dispose;

  g_type_ensure (PACTA_TYPE_WRAP_BOX);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pacta/Pacta/ui/billing/pacta-invoice-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaInvoiceDialog, toasts);
  gtk_widget_class_bind_template_child (widget_class, PactaInvoiceDialog, credit_button);
  gtk_widget_class_bind_template_child (widget_class, PactaInvoiceDialog, pdf_button);
  gtk_widget_class_bind_template_child (widget_class, PactaInvoiceDialog, page);
  gtk_widget_class_bind_template_child (widget_class, PactaInvoiceDialog, missing_page);
  gtk_widget_class_bind_template_child (widget_class, PactaInvoiceDialog, customer_row);
  gtk_widget_class_bind_template_child (widget_class, PactaInvoiceDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, PactaInvoiceDialog, due_row);
  gtk_widget_class_bind_template_child (widget_class, PactaInvoiceDialog, corrects_row);
  gtk_widget_class_bind_template_child (widget_class, PactaInvoiceDialog, lines_group);
  gtk_widget_class_bind_template_child (widget_class, PactaInvoiceDialog, totals_group);
  gtk_widget_class_bind_template_child (widget_class, PactaInvoiceDialog, paid_date);
  gtk_widget_class_bind_template_child (widget_class, PactaInvoiceDialog, state_row);
  gtk_widget_class_bind_template_child (widget_class, PactaInvoiceDialog, agency_group);
  gtk_widget_class_bind_template_child (widget_class, PactaInvoiceDialog, agency_row);
  gtk_widget_class_bind_template_child (widget_class, PactaInvoiceDialog, correct_row);
  gtk_widget_class_bind_template_child (widget_class, PactaInvoiceDialog, mail_row);
  gtk_widget_class_bind_template_child (widget_class, PactaInvoiceDialog, mail_button);
  gtk_widget_class_bind_template_callback (widget_class, on_credit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_pdf_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_paid_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_correct_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_mail_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pacta_invoice_dialog_init (PactaInvoiceDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pacta_a11y_fix_mnemonics (GTK_WIDGET (self));
  /* Not in the window until there is a correction to send */
  pacta_a11y_fix_mnemonics (self->correct_row);

  self->line_rows = g_ptr_array_new ();
  self->total_rows = g_ptr_array_new ();
}

PactaInvoiceDialog *
pacta_invoice_dialog_new (GtkWindow    *parent,
                          PactaContext *context,
                          gint64        invoice_id)
{
  PactaInvoiceDialog *self;

  g_return_val_if_fail (PACTA_IS_CONTEXT (context), NULL);

  self = g_object_new (PACTA_TYPE_INVOICE_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  self->context = g_object_ref (context);
  self->invoice_id = invoice_id;
  /* How it goes out changes while the window is open: the outbox is sent
   * in the background */
  g_signal_connect_object (context, "mail-changed", G_CALLBACK (on_mail_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (pacta_context_get_invoices (context), "items-changed", G_CALLBACK (on_invoices_changed_cb),
                           self, G_CONNECT_SWAPPED);
  rebuild (self);
  return self;
}

guint
pacta_invoice_dialog_get_n_lines (PactaInvoiceDialog *self)
{
  g_return_val_if_fail (PACTA_IS_INVOICE_DIALOG (self), 0);

  return self->document != NULL ? self->document->lines->len : 0;
}
