/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-invoice-dialog.c: an issued invoice as it was issued — customer, dates,
 * lines, tax per rate and totals — and what can still happen to it: Mark as
 * Paid (with the payment date), Create Credit Note (asks first: it cancels
 * the invoice in full) and Save PDF…; under Spain's rules, where it stands
 * with the tax agency, and the correction of a record it refused. Nothing
 * here edits the invoice itself.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-a11y.h"
#include "pacta-contract.h"
#include "pacta-date.h"
#include "pacta-invoice-dialog-private.h"
#include "pacta-wrap-box.h"
#include "pacta-invoice-document.h"
#include "pacta-invoice-export.h"
#include "pacta-invoice-pdf.h"
#include "pacta-invoices.h"
#include "pacta-money.h"
#include "pacta-verifactu-status.h"
#include "pacta-verifactu.h"

struct _PactaInvoiceDialog
{
  AdwWindow             parent_instance;

  /* Owned */
  PactaContext         *context;
  PactaInvoiceDocument *document;
  GtkFileChooserNative *chooser;

  /* Borrowed */
  AdwToastOverlay      *toasts;
  GtkWidget            *page;
  GtkWidget            *paid_date;
  GtkWidget            *paid_button;
  GtkWidget            *credit_button;
  GtkWidget            *correct_button;  /* (nullable) */

  gint64                invoice_id;
};

G_DEFINE_FINAL_TYPE (PactaInvoiceDialog, pacta_invoice_dialog, ADW_TYPE_WINDOW)

static void rebuild (PactaInvoiceDialog *self);

static GtkWidget *
fact_row (const char *title,
          const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value != NULL ? value : "—");
  gtk_widget_add_css_class (row, "property");
  return row;
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
      if (self->paid_date != NULL)
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
agency_group (PactaInvoiceDialog *self,
              GtkWidget          *page)
{
  g_autoptr(PactaAgencyStatus) status = NULL;
  g_autofree char *text = NULL;
  GtkWidget *group, *row;

  self->correct_button = NULL;
  status = pacta_context_invoice_status (self->context, self->invoice_id, NULL);
  if (status == NULL || status->state == PACTA_AGENCY_NONE)
    return;

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Tax Agency"));
  text = pacta_agency_status_describe (status);
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pacta_agency_state_label (status->state));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  if (status->state == PACTA_AGENCY_REJECTED)
    gtk_widget_add_css_class (row, "error");
  else if (status->state == PACTA_AGENCY_ACCEPTED_WITH_ERRORS)
    gtk_widget_add_css_class (row, "warning");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  if (status->correctable)
    {
      GtkWidget *hint = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (hint), _("Put it right"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (hint),
                                   _("Fix the cause first, such as the customer’s NIF in its billing information; "
                                     "then send a correcting record. The record already sent is never changed."));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (hint), 0);
      self->correct_button = pacta_a11y_button_new_with_mnemonic (_("Send _Correction"));
      gtk_widget_set_valign (self->correct_button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (self->correct_button, "suggested-action");
      g_signal_connect_swapped (self->correct_button, "clicked", G_CALLBACK (pacta_invoice_dialog_correct), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (hint), self->correct_button);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), hint);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
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

static void
rebuild (PactaInvoiceDialog *self)
{
  g_autoptr(GError) error = NULL;
  PactaInvoiceDocument *d;
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *facts = adw_preferences_group_new ();
  GtkWidget *lines = adw_preferences_group_new ();
  GtkWidget *totals = adw_preferences_group_new ();
  GtkWidget *actions = adw_preferences_group_new ();
  g_autofree char *net = NULL;
  g_autofree char *gross = NULL;
  gboolean credit_note, issued;

  g_clear_pointer (&self->document, pacta_invoice_document_free);
  self->document = pacta_context_load_invoice_document (self->context, self->invoice_id, &error);
  if (self->document == NULL)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Invoice Not Found"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status), error->message);
      adw_toast_overlay_set_child (self->toasts, status);
      return;
    }
  d = self->document;
  credit_note = g_strcmp0 (d->kind, "credit_note") == 0;
  issued = !credit_note && g_strcmp0 (d->status, "issued") == 0;
  gtk_window_set_title (GTK_WINDOW (self), d->number);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (facts),
                             fact_row (_("Customer"), pacta_invoice_document_member (d->customer, "business-name")));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (facts), fact_row (_("Date"), d->issue_date));
  if (!credit_note)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (facts), fact_row (_("Due"), d->due_date));
  if (d->credited_number != NULL)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (facts), fact_row (_("Corrects"), d->credited_number));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (facts));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (lines), _("Lines"));
  for (guint i = 0; i < d->lines->len; i++)
    {
      PactaDocumentLine *line = g_ptr_array_index (d->lines, i);
      g_autofree char *quantity = pacta_decimal_format (line->quantity, 4);
      g_autofree char *price = pacta_price_format (line->unit_price, d->currency);
      g_autofree char *amount = pacta_money_format (line->net * 100, d->currency);
      /* Translators: under an invoice line: quantity × unit price; the second form once credited */
      g_autofree char *detail = g_strdup_printf (line->credited ? _("%s × %s · credited") : _("%s × %s"),
                                                 quantity, price);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (lines), amount_row (line->description, detail, amount));
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (lines));

  net = pacta_money_format (d->net * 100, d->currency);
  gross = pacta_money_format (d->gross * 100, d->currency);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (totals), amount_row (_("Net"), NULL, net));
  for (guint i = 0; i < d->tax_bands->len; i++)
    {
      PactaTaxBand *band = &g_array_index (d->tax_bands, PactaTaxBand, i);
      g_autofree char *rate = pacta_percent_format (band->tax_rate);
      g_autofree char *tax = pacta_money_format (band->tax * 100, d->currency);
      /* Translators: a tax band in the invoice's totals, e.g. “Tax 21 %” */
      g_autofree char *title = g_strdup_printf (_("Tax %s %%"), rate);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (totals), amount_row (title, NULL, tax));
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (totals), amount_row (_("Total"), NULL, gross));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (totals));

  /* What can still happen to it */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (actions), _("Status"));
  if (issued)
    {
      g_autofree char *today = pacta_date_today ();

      self->paid_date = adw_entry_row_new ();
      /* Paid today, or not before the invoice's date */
      if (g_strcmp0 (today, d->issue_date) < 0)
        {
          g_free (today);
          today = g_strdup (d->issue_date);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->paid_date), _("Payment Date (YYYY-MM-DD)"));
      gtk_editable_set_text (GTK_EDITABLE (self->paid_date), today);
      g_signal_connect_swapped (self->paid_date, "entry-activated", G_CALLBACK (on_paid_clicked_cb), self);
      self->paid_button = pacta_a11y_button_new_with_mnemonic (_("Mark as _paid"));
      gtk_widget_set_valign (self->paid_button, GTK_ALIGN_CENTER);
      g_signal_connect_swapped (self->paid_button, "clicked", G_CALLBACK (on_paid_clicked_cb), self);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->paid_date), self->paid_button);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (actions), self->paid_date);
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

      self->paid_date = NULL;
      self->paid_button = NULL;
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (actions), fact_row (state, paid));
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (actions));
  agency_group (self, page);

  gtk_widget_set_visible (self->credit_button, !credit_note && g_strcmp0 (d->status, "credited") != 0);
  adw_toast_overlay_set_child (self->toasts, page);
  self->page = page;
}

static void
pacta_invoice_dialog_dispose (GObject *object)
{
  PactaInvoiceDialog *self = (PactaInvoiceDialog *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->document, pacta_invoice_document_free);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pacta_invoice_dialog_parent_class)->dispose (object);
}

static void
pacta_invoice_dialog_class_init (PactaInvoiceDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pacta_invoice_dialog_dispose;
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pacta_invoice_dialog_init (PactaInvoiceDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *pdf = pacta_a11y_button_new_with_mnemonic (_("Export P_DF…"));
  GtkWidget *actions = pacta_wrap_box_new ();

  gtk_window_set_default_size (GTK_WINDOW (self), 620, 640);
  self->credit_button = pacta_a11y_button_new_with_mnemonic (_("Create credit _note…"));
  g_signal_connect_swapped (self->credit_button, "clicked", G_CALLBACK (on_credit_clicked_cb), self);
  g_signal_connect_swapped (pdf, "clicked", G_CALLBACK (on_pdf_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), header);

  /* The two actions under the header, not in it: beside the number and the
   * window's buttons they made the dialog 460 px wide at least; here they
   * take a line each when even that is too narrow */
  pacta_wrap_box_set_spacing (PACTA_WRAP_BOX (actions), 6);
  pacta_wrap_box_set_line_spacing (PACTA_WRAP_BOX (actions), 6);
  gtk_widget_set_halign (actions, GTK_ALIGN_END);
  gtk_widget_set_margin_top (actions, 6);
  gtk_widget_set_margin_bottom (actions, 6);
  gtk_widget_set_margin_start (actions, 12);
  gtk_widget_set_margin_end (actions, 12);
  pacta_wrap_box_append (PACTA_WRAP_BOX (actions), self->credit_button);
  pacta_wrap_box_append (PACTA_WRAP_BOX (actions), pdf);
  gtk_box_append (GTK_BOX (box), actions);

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->toasts), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), box);
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
  rebuild (self);
  return self;
}

guint
pacta_invoice_dialog_get_n_lines (PactaInvoiceDialog *self)
{
  g_return_val_if_fail (PACTA_IS_INVOICE_DIALOG (self), 0);

  return self->document != NULL ? self->document->lines->len : 0;
}
