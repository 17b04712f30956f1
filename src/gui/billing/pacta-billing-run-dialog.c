/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-billing-run-dialog.c: Run Billing.
 *
 * The month (by default the one just ended) and a preview of what it bills:
 * one row per invoice with its customer and total, and the customers left out
 * with the reason. Create Invoices commits the run in one transaction. When
 * the core refuses because the invoice numbering has never been confirmed,
 * the numbering confirmation opens — pattern, next number and reset editable,
 * with the numbers they give — and after Confirm the run is retried; Edit
 * Settings opens Preferences instead. Later runs skip the confirmation.
 *
 * Under Spain's invoicing rules (VERI*FACTU) an invoice the tax agency must
 * reject (a Spanish customer without a valid NIF, a foreign one without a
 * VAT number) is listed first, each customer with the field to fix and a
 * button that opens its billing information; nothing can be created until
 * every one is fixed, as core would refuse the run anyway.
 *
 * Usage-following parts bill the month's closed usage. While the month is
 * not closed the preview says so, and Create Invoices asks first: close the
 * month from the platform's usage report (when connected), or bill from
 * the provisional usage, which the run then records.
 *
 * With a mail account, the new invoices go in the outbox once created (the
 * window sends it in the background) and the dialog stays to say how many
 * go by email and which are to be printed; without one, the preview says
 * where to set it.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-a11y.h"
#include "pacta-billing-dialog.h"
#include "pacta-billing-form.h"
#include "pacta-billing-run.h"
#include "pacta-billing-run-dialog-private.h"
#include "pacta-contract-store.h"
#include "pacta-date.h"
#include "pacta-error.h"
#include "pacta-mail.h"
#include "pacta-money.h"
#include "pacta-numbering-editor.h"
#include "pacta-preferences-window.h"

struct _PactaBillingRunDialog
{
  AdwWindow            parent_instance;

  /* Owned */
  PactaContext        *context;

  GCancellable        *planning;      /* while the preview is worked out */
  GCancellable        *creating;      /* while the invoices are created */
  GCancellable        *closing;       /* while the month's usage is closed */
  gboolean             close_when_stopped;

  /* Template widgets */
  GtkWidget           *month;
  GtkWidget           *invoices;
  GtkWidget           *skipped;
  GtkWidget           *refused;
  GtkWidget           *create;
  GtkWidget           *cancel_button;
  GtkWidget           *spinner;
  GtkWidget           *usage;
  GtkWidget           *usage_row;
  GtkWidget           *mail;
  GtkWidget           *mail_row;
  GPtrArray           *rows;          /* rows added to the two groups */

  /* Borrowed: while open */
  AdwMessageDialog    *confirmation;
  AdwMessageDialog    *usage_question;

  char                *run_date;      /* of the month shown */
  char                *close_report;  /* what closing the month shown did */
  guint                n_planned;
  guint                n_skipped;
  guint                n_refused;
  gboolean             usage_unconfirmed; /* the plan bills usage of a month not closed */
  gboolean             done;          /* created, and mailed: the dialog says so until closed */
  PactaBillingFlags    flags;         /* the run's, as the user confirmed for this month */
};

G_DEFINE_FINAL_TYPE (PactaBillingRunDialog, pacta_billing_run_dialog, ADW_TYPE_WINDOW)

enum {
  COMMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_rows (PactaBillingRunDialog *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static void
add_row (PactaBillingRunDialog *self,
         GtkWidget             *group,
         const char            *title,
         const char            *subtitle,
         const char            *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (suffix != NULL)
    {
      GtkWidget *label = gtk_label_new (suffix);

      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_ptr_array_add (self->rows, row);
}

static void replan (PactaBillingRunDialog *self);

static void
on_billing_dialog_finished_cb (PactaBillingRunDialog *self,
                               gboolean               saved)
{
  if (saved)
    replan (self);
}

static void
on_fix_clicked_cb (GtkButton             *button,
                   PactaBillingRunDialog *self)
{
  gint64 customer_id = *(gint64 *) g_object_get_data (G_OBJECT (button), "pacta-customer-id");
  const char *reason = g_object_get_data (G_OBJECT (button), "pacta-reason");
  PactaBillingDialog *dialog;
  PactaBillingForm *form;
  g_autoptr(PactaBillingInfo) valid = NULL;

  if (self->creating != NULL || self->context == NULL)
    return;
  dialog = pacta_billing_dialog_new (GTK_WINDOW (self), self->context, customer_id, reason);
  form = PACTA_BILLING_FORM (pacta_billing_dialog_get_form (dialog));
  /* The field to fix is marked as soon as the form opens */
  pacta_billing_form_set_verifactu (form, TRUE);
  valid = pacta_billing_form_validate (form);
  g_signal_connect_object (dialog, "finished", G_CALLBACK (on_billing_dialog_finished_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* One row per customer whose invoice would be rejected: its problems, one
 * a line, and a button to fix them, named for the customer */
static void
add_refused_rows (PactaBillingRunDialog *self,
                  GPtrArray             *refused)
{
  for (guint i = 0; i < refused->len;)
    {
      PactaRefusedInvoice *first = g_ptr_array_index (refused, i);
      g_autoptr(GString) problems = g_string_new (NULL);
      g_autofree char *name = NULL;
      GtkWidget *row;
      GtkWidget *button;

      for (; i < refused->len; i++)
        {
          PactaRefusedInvoice *one = g_ptr_array_index (refused, i);

          if (one->customer_id != first->customer_id)
            break;
          if (problems->len > 0)
            g_string_append_c (problems, '\n');
          /* Translators: a billing-information field, then what is wrong with it */
          g_string_append_printf (problems, _("%s: %s"), pacta_billing_info_field_label (one->field), one->message);
        }

      add_row (self, self->refused, first->customer_name, problems->str, NULL);
      row = g_ptr_array_index (self->rows, self->rows->len - 1);

      button = gtk_button_new_with_label (_("Fix"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      /* Translators: accessible name of the button that opens a customer's billing information */
      name = g_strdup_printf (_("Fix the billing information of %s"), first->customer_name);
      pacta_a11y_set_label (button, name);
      gtk_widget_set_tooltip_text (button, name);
      g_object_set_data_full (G_OBJECT (button), "pacta-customer-id",
                              g_memdup2 (&first->customer_id, sizeof first->customer_id), g_free);
      g_object_set_data_full (G_OBJECT (button), "pacta-reason", g_strdup (problems->str), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_fix_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
}

static void
apply_plan (PactaBillingRunDialog *self,
            PactaBillingPlan      *plan)
{
  g_autofree char *summary = NULL;
  g_autofree char *total = NULL;
  g_autofree char *usage = pacta_billing_plan_describe_usage (plan);

  gtk_widget_remove_css_class (self->month, "error");

  /* Closed, or (when it bills usage) provisional: said before the invoices */
  self->usage_unconfirmed = plan->usage_lines > 0 && !plan->usage_closed;
  gtk_widget_set_visible (self->usage, usage != NULL);
  if (usage != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->usage_row), usage);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->usage_row),
                               plan->usage_closed && self->close_report != NULL ? self->close_report : "");

  for (guint i = 0; i < plan->invoices->len; i++)
    {
      PactaPlannedInvoice *invoice = g_ptr_array_index (plan->invoices, i);
      g_autofree char *gross = pacta_money_format (invoice->gross * 100, plan->currency);
      /* Translators: under a customer in the billing preview */
      g_autofree char *lines = g_strdup_printf (ngettext ("%u line", "%u lines", invoice->lines->len),
                                                invoice->lines->len);

      add_row (self, self->invoices, invoice->customer_name, lines, gross);
    }
  for (guint i = 0; i < plan->skipped->len; i++)
    {
      PactaSkippedCustomer *skipped = g_ptr_array_index (plan->skipped, i);

      add_row (self, self->skipped, skipped->customer_name, skipped->reason, NULL);
    }
  add_refused_rows (self, plan->refused);
  g_free (self->run_date);
  self->run_date = g_strdup (plan->run_date);
  self->n_planned = plan->invoices->len;
  self->n_skipped = plan->skipped->len;
  self->n_refused = plan->refused->len;
  gtk_widget_set_visible (self->skipped, self->n_skipped > 0);
  gtk_widget_set_visible (self->refused, self->n_refused > 0);

  total = pacta_money_format (plan->gross * 100, plan->currency);
  if (self->n_planned == 0)
    summary = g_strdup (plan->empty_reason);
  else if (self->n_refused > 0)
    /* Translators: the billing preview when some invoices can't be issued;
     * how many invoices, their total, and their date */
    summary = g_strdup_printf (ngettext ("%u invoice, %s in total, dated %s. It cannot be created until the "
                                         "problems under Cannot Be Issued are fixed.",
                                         "%u invoices, %s in total, dated %s. None can be created until the "
                                         "problems under Cannot Be Issued are fixed.",
                                         self->n_planned),
                               self->n_planned, total, plan->run_date);
  else
    /* Translators: the billing preview; how many invoices, their total, and their date */
    summary = g_strdup_printf (ngettext ("%u invoice, %s in total, dated %s. Nothing is written until you create it.",
                                         "%u invoices, %s in total, dated %s. Nothing is written until you create them.",
                                         self->n_planned),
                               self->n_planned, total, plan->run_date);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->invoices), summary);
  gtk_widget_set_sensitive (self->create, self->n_planned > 0 && self->n_refused == 0);
}

static void
on_plan_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PactaBillingRunDialog) self = user_data;
  g_autoptr(PactaBillingPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  plan = pacta_context_plan_billing_finish (PACTA_CONTEXT (object), result, &error);
  /* Replaced by the plan of a month typed since (even if it finished
   * first), or the window is gone */
  if (self->context == NULL || self->planning == NULL ||
      g_task_get_cancellable (G_TASK (result)) != self->planning)
    return;
  g_clear_object (&self->planning);

  if (plan == NULL)
    {
      gtk_widget_add_css_class (self->month, "error");
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->invoices), error->message);
      gtk_widget_set_sensitive (self->create, FALSE);
      return;
    }
  apply_plan (self, plan);
}

/* The preview is worked out off the main thread (a run over many customers
 * takes a moment); a month typed meanwhile replaces it */
static void
replan (PactaBillingRunDialog *self)
{
  const char *month = gtk_editable_get_text (GTK_EDITABLE (self->month));

  if (self->context == NULL)
    return;
  if (self->planning != NULL)
    g_cancellable_cancel (self->planning);
  g_clear_object (&self->planning);

  clear_rows (self);
  self->n_planned = self->n_skipped = self->n_refused = 0;
  /* What the user confirmed was for the preview as it was */
  self->usage_unconfirmed = FALSE;
  self->flags = PACTA_BILLING_FLAGS_NONE;
  gtk_widget_set_visible (self->usage, FALSE);
  gtk_widget_set_visible (self->skipped, FALSE);
  gtk_widget_set_visible (self->refused, FALSE);
  gtk_widget_set_sensitive (self->create, FALSE);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->invoices), _("Working out the invoices…"));

  self->planning = g_cancellable_new ();
  pacta_context_plan_billing_async (self->context, month, self->planning, on_plan_done_cb, g_object_ref (self));
}

static void
open_preferences (PactaBillingRunDialog *self)
{
  PactaPreferencesWindow *prefs = pacta_preferences_window_new (GTK_WINDOW (self), self->context);

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "invoicing");
  gtk_window_present (GTK_WINDOW (prefs));
}

static void create (PactaBillingRunDialog *self);
static void ask_to_confirm_numbering (PactaBillingRunDialog *self);

static void
on_confirmation_response_cb (PactaBillingRunDialog *self,
                             const char            *response,
                             AdwMessageDialog      *dialog)
{
  PactaNumberingEditor *editor = PACTA_NUMBERING_EDITOR (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(PactaNumbering) numbering = NULL;
  g_autoptr(GError) error = NULL;

  self->confirmation = NULL;
  if (g_strcmp0 (response, "edit") == 0)
    {
      open_preferences (self);
      return;
    }
  if (g_strcmp0 (response, "confirm") != 0)
    return;

  numbering = pacta_context_load_numbering (self->context, "invoice", &error);
  if (numbering == NULL ||
      !pacta_numbering_editor_apply (editor, numbering, &error) ||
      !pacta_context_confirm_numbering (self->context, numbering->pattern, numbering->next, numbering->reset,
                                        &error))
    {
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->invoices), error->message);
      return;
    }
  /* Confirmed: the run the user asked for goes ahead; its result arrives
   * from the worker after this confirmation has closed */
  create (self);
}

static void
ask_to_confirm_numbering (PactaBillingRunDialog *self)
{
  g_autoptr(PactaNumbering) numbering = pacta_context_load_numbering (self->context, "invoice", NULL);
  GtkWidget *dialog;
  GtkWidget *editor = pacta_numbering_editor_new ();

  if (numbering == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Confirm Invoice Numbering"),
                                   _("Invoice numbers must continue your accounting software’s, with no gaps. "
                                     "Check the pattern and the next number before the first invoices are created; "
                                     "once used, a number is never given again."));
  /* The numbers as this run's invoices will carry them */
  pacta_numbering_editor_set_date (PACTA_NUMBERING_EDITOR (editor), self->run_date);
  pacta_numbering_editor_set_numbering (PACTA_NUMBERING_EDITOR (editor), numbering);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), editor);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "edit", _("_Edit settings"),
                                    "confirm", _("C_onfirm"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "confirm", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "confirm");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirmation_response_cb), self, G_CONNECT_SWAPPED);
  self->confirmation = ADW_MESSAGE_DIALOG (dialog);
  pacta_a11y_fix_mnemonics (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_busy (PactaBillingRunDialog *self)
{
  gboolean busy = self->creating != NULL || self->closing != NULL;

  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
  gtk_widget_set_sensitive (self->create, !busy && !self->done && self->n_planned > 0 && self->n_refused == 0);
  gtk_widget_set_sensitive (self->month, !busy);
  gtk_widget_set_sensitive (self->cancel_button, TRUE);
}

static void
set_busy (PactaBillingRunDialog *self,
          GCancellable          *creating)
{
  g_set_object (&self->creating, creating);
  update_busy (self);
  if (creating != NULL)
    {
      pacta_a11y_set_label (self->spinner, _("Creating invoices"));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->invoices), _("Creating invoices…"));
    }
}

/* While the month's usage is closed, as while the invoices are created:
 * the spinner, Cancel, and nothing else to press */
static void
set_closing (PactaBillingRunDialog *self,
             GCancellable          *closing)
{
  g_set_object (&self->closing, closing);
  update_busy (self);
  if (closing != NULL)
    {
      pacta_a11y_set_label (self->spinner, _("Closing the month’s usage"));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->invoices),
                                             _("Fetching the month’s usage report from the cloud platform…"));
    }
}

static void
on_close_month_done_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(PactaBillingRunDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaUsageCloseReport) report = pacta_context_close_usage_month_finish (PACTA_CONTEXT (object), result,
                                                                                     &error);

  if (self->context == NULL)
    return;
  set_closing (self, NULL);
  if (self->close_when_stopped)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->invoices),
                                               _("Cancelled: the month’s usage was not closed."));
      else
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->invoices), error->message);
      return;
    }

  /* Closed: the preview bills the closed usage now, and says what closing did */
  g_free (self->close_report);
  self->close_report = pacta_usage_close_report_describe (report);
  replan (self);
}

/* The platform's usage report of the month, fetched and kept off the main
 * thread; the preview is made again from it */
static void
close_month (PactaBillingRunDialog *self)
{
  g_autoptr(GCancellable) closing = NULL;

  if (self->creating != NULL || self->closing != NULL || self->planning != NULL || self->context == NULL)
    return;

  closing = g_cancellable_new ();
  set_closing (self, closing);
  pacta_context_close_usage_month_async (self->context, gtk_editable_get_text (GTK_EDITABLE (self->month)), NULL, NULL,
                                         closing, on_close_month_done_cb, g_object_ref (self));
}

static void
on_usage_question_response_cb (PactaBillingRunDialog *self,
                               const char            *response,
                               AdwMessageDialog      *dialog)
{
  self->usage_question = NULL;
  if (g_strcmp0 (response, "close") == 0)
    close_month (self);
  else if (g_strcmp0 (response, "provisional") == 0)
    {
      /* Confirmed for this preview: the run records it */
      self->flags |= PACTA_BILLING_PROVISIONAL_USAGE;
      create (self);
    }
}

/* The month's usage is not closed: close it first (when connected), or
 * bill from the provisional usage, knowingly */
static void
ask_about_usage (PactaBillingRunDialog *self)
{
  gboolean connected = pacta_context_get_platform_connected (self->context);
  const char *notice = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->usage_row));
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->usage_question != NULL)
    return;

  body = g_strdup_printf ("%s\n\n%s", notice,
                          connected
                          ? _("Close the month from the cloud platform’s usage report first, or bill from the "
                              "provisional usage, which the platform may still change; the run records that you "
                              "chose it.")
                          : _("Pacta is not connected to the cloud platform, so the month can’t be closed from its "
                              "usage report now. You can bill from the provisional usage, which the platform may "
                              "still change; the run records that you chose it."));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Usage Not Closed"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  if (connected)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("C_lose Month"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "provisional", _("_Bill From Provisional Usage"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "provisional", ADW_RESPONSE_DESTRUCTIVE);
  if (connected)
    {
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
    }
  else
    adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_usage_question_response_cb), self, G_CONNECT_SWAPPED);
  self->usage_question = ADW_MESSAGE_DIALOG (dialog);
  pacta_a11y_fix_mnemonics (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- email ---------------------------------------------------------------- */

/* Without a mail account the preview says where to set one; with one it
 * says nothing until the invoices are created */
static void
update_mail_hint (PactaBillingRunDialog *self)
{
  g_autoptr(PactaMailAccount) account = NULL;

  if (self->done || self->context == NULL)
    return;
  account = pacta_context_get_mail_account (self->context);
  gtk_widget_set_visible (self->mail, account == NULL);
  if (account == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->mail_row),
                                     _("Set a mail account in Preferences to email invoices"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->mail_row), "");
    }
}

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

/* "INV-1, INV-2, …": the numbers of @ids, by @numbers_by_id; a long list is cut */
static char *
join_numbers (GArray     *ids,
              GHashTable *numbers_by_id)
{
  const guint shown = 20;
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < ids->len && i < shown; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      const char *number = g_hash_table_lookup (numbers_by_id, &id);

      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, number != NULL ? number : "?");
    }
  if (ids->len > shown)
    g_string_append (text, ", …");
  return g_string_free (text, FALSE);
}

/* Puts the run's invoices in the outbox (in place: a quick local write,
 * no network), says how many go by email and which are to be printed, and
 * has the window send them. Returns FALSE without a mail account: then
 * nothing is queued and there is nothing more to say. */
static gboolean
mail_new_invoices (PactaBillingRunDialog *self,
                   GStrv                  numbers)
{
  g_autoptr(PactaMailAccount) account = pacta_context_get_mail_account (self->context);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) numbers_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  PactaMailQueueReport report = { 0, };
  guint n_queued = 0;

  if (account == NULL || numbers == NULL || numbers[0] == NULL)
    return FALSE;

  for (guint i = 0; numbers[i] != NULL; i++)
    {
      gint64 id = pacta_context_find_invoice (self->context, numbers[i], NULL);

      if (id <= 0)
        continue;
      g_array_append_val (ids, id);
      g_hash_table_insert (numbers_by_id, g_memdup2 (&id, sizeof id), numbers[i]);
    }

  if (!pacta_context_queue_invoice_mail (self->context, ids, &report, &error))
    /* Translators: after a billing run; the reason follows */
    title = g_strdup_printf (_("The invoices were created, but not put in the outbox: %s"), error->message);
  else
    {
      guint n_printing = report.for_printing != NULL ? report.for_printing->len : 0;
      g_autofree char *printing = NULL;

      if (n_printing > 0)
        {
          g_autofree char *list = join_numbers (report.for_printing, numbers_by_id);

          /* Translators: after a billing run; how many invoices go by post
           * (or have no invoice email), then their numbers */
          printing = g_strdup_printf (ngettext ("%u to print: %s", "%u to print: %s", n_printing), n_printing, list);
        }
      /* None by email: only what is to be printed */
      if (report.n_queued == 0 && printing != NULL)
        title = g_steal_pointer (&printing);
      else
        /* Translators: after a billing run; how many of its invoices go by email */
        title = g_strdup_printf (ngettext ("%u invoice is being sent by email", "%u invoices are being sent by email",
                                           report.n_queued),
                                 report.n_queued);
      subtitle = g_steal_pointer (&printing);
      n_queued = report.n_queued;
    }
  pacta_mail_queue_report_clear (&report);

  self->done = TRUE;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->mail_row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->mail_row), subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (self->mail, TRUE);
  if (n_queued > 0)
    send_outbox (GTK_WIDGET (self));
  return TRUE;
}

static void
on_commit_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PactaBillingRunDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = pacta_context_run_billing_finish (PACTA_CONTEXT (object), result, &error);

  /* The window is gone: the run was cancelled with it (or done, whole) */
  if (self->context == NULL)
    return;
  set_busy (self, NULL);
  if (numbers == NULL)
    {
      if (self->close_when_stopped)
        gtk_window_destroy (GTK_WINDOW (self));
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->invoices),
                                               _("Cancelled: no invoice was created."));
      else if (g_error_matches (error, PACTA_ERROR, PACTA_ERROR_NUMBERING_NOT_CONFIRMED))
        ask_to_confirm_numbering (self);
      else
        {
          /* Something changed since the preview (another window, the
           * command line): show the run as it is now, then why */
          replan (self);
          adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->invoices), error->message);
        }
      return;
    }

  /* The invoice and sales item lists are up to date already: the context
   * saw to it */
  g_signal_emit (self, signals[COMMITTED], 0, numbers);
  if (self->context == NULL)
    return;
  if (!mail_new_invoices (self, numbers))
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  /* Stays to say how they went out: what was created, then Close */
  {
    g_autofree char *created = pacta_billing_describe_numbers (numbers);

    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->invoices), created);
  }
  gtk_widget_set_visible (self->create, FALSE);
  gtk_widget_set_sensitive (self->create, FALSE);
  gtk_widget_set_sensitive (self->month, FALSE);
  gtk_button_set_label (GTK_BUTTON (self->cancel_button), _("_Close"));
}

/* Off the main thread, on a connection of the context's own: the window
 * stays live, Cancel stops the run with nothing written, and the
 * database's own locking keeps a second run from writing at once */
static void
create (PactaBillingRunDialog *self)
{
  g_autoptr(GCancellable) creating = NULL;

  if (self->creating != NULL || self->closing != NULL || self->planning != NULL || self->context == NULL ||
      self->n_refused > 0 || self->done)
    return;
  if (self->usage_unconfirmed && (self->flags & PACTA_BILLING_PROVISIONAL_USAGE) == 0)
    {
      ask_about_usage (self);
      return;
    }

  creating = g_cancellable_new ();
  set_busy (self, creating);
  pacta_context_run_billing_async (self->context, gtk_editable_get_text (GTK_EDITABLE (self->month)), self->flags,
                                   NULL, NULL, creating, on_commit_done_cb, g_object_ref (self));
}

static void
on_create_clicked_cb (PactaBillingRunDialog *self)
{
  create (self);
}

static void
on_month_changed_cb (PactaBillingRunDialog *self)
{
  /* What closing said was of the month shown before */
  g_clear_pointer (&self->close_report, g_free);
  replan (self);
}

/* While creating (or closing the month's usage), Cancel stops it (nothing
 * is written) and the window stays, to say so; otherwise it closes the
 * window */
static void
on_cancel_clicked_cb (PactaBillingRunDialog *self)
{
  GCancellable *running = self->creating != NULL ? self->creating : self->closing;

  if (running == NULL)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  gtk_widget_set_sensitive (self->cancel_button, FALSE);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->invoices), _("Cancelling…"));
  g_cancellable_cancel (running);
}

static gboolean
pacta_billing_run_dialog_close_request (GtkWindow *window)
{
  PactaBillingRunDialog *self = PACTA_BILLING_RUN_DIALOG (window);

  /* Closing while creating cancels the run (or the month's closing); the
   * window goes once it has stopped, so that nothing is left half-done
   * behind it */
  if (self->creating == NULL && self->closing == NULL)
    return FALSE;
  self->close_when_stopped = TRUE;
  on_cancel_clicked_cb (self);
  return TRUE;
}

static char *
previous_month (void)
{
  g_autofree char *today = pacta_date_today ();

  return pacta_month_previous (today);
}

static void
pacta_billing_run_dialog_dispose (GObject *object)
{
  PactaBillingRunDialog *self = (PactaBillingRunDialog *)object;

  if (self->planning != NULL)
    g_cancellable_cancel (self->planning);
  if (self->creating != NULL)
    g_cancellable_cancel (self->creating);
  if (self->closing != NULL)
    g_cancellable_cancel (self->closing);
  g_clear_object (&self->planning);
  g_clear_object (&self->creating);
  g_clear_object (&self->closing);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->run_date, g_free);
  g_clear_pointer (&self->close_report, g_free);
  g_clear_object (&self->context);

  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_BILLING_RUN_DIALOG);

  G_OBJECT_CLASS (pacta_billing_run_dialog_parent_class)->dispose (object);
}

static void
pacta_billing_run_dialog_class_init (PactaBillingRunDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_billing_run_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = pacta_billing_run_dialog_close_request;

  /**
   * PactaBillingRunDialog::committed:
   * @numbers: the invoice numbers created
   */
  signals[COMMITTED] = g_signal_new ("committed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pacta/Pacta/ui/billing/pacta-billing-run-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaBillingRunDialog, month);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingRunDialog, invoices);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingRunDialog, skipped);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingRunDialog, refused);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingRunDialog, create);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingRunDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingRunDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingRunDialog, usage);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingRunDialog, usage_row);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingRunDialog, mail);
  gtk_widget_class_bind_template_child (widget_class, PactaBillingRunDialog, mail_row);
  gtk_widget_class_bind_template_callback (widget_class, on_create_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_month_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pacta_billing_run_dialog_init (PactaBillingRunDialog *self)
{
  g_autofree char *month = previous_month ();

  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  pacta_a11y_fix_mnemonics (GTK_WIDGET (self));
  /* No context yet: the preview is made once there is one */
  gtk_editable_set_text (GTK_EDITABLE (self->month), month);
}

PactaBillingRunDialog *
pacta_billing_run_dialog_new (GtkWindow    *parent,
                              PactaContext *context)
{
  PactaBillingRunDialog *self;

  g_return_val_if_fail (PACTA_IS_CONTEXT (context), NULL);

  self = g_object_new (PACTA_TYPE_BILLING_RUN_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  self->context = g_object_ref (context);
  /* A mail account set meanwhile (Preferences) takes the hint away */
  g_signal_connect_object (context, "mail-changed", G_CALLBACK (update_mail_hint), self, G_CONNECT_SWAPPED);
  update_mail_hint (self);
  replan (self);
  return self;
}

/* The month the dialog bills: by default the one before today's */
const char *
pacta_billing_run_dialog_get_month (PactaBillingRunDialog *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_RUN_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->month));
}

/* For tests: types @month and waits for its preview */
void
pacta_billing_run_dialog_set_month (PactaBillingRunDialog *self,
                                    const char            *month)
{
  g_return_if_fail (PACTA_IS_BILLING_RUN_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->month), month);
  pacta_billing_run_dialog_wait (self);
}

/* For tests: waits until the preview is made */
void
pacta_billing_run_dialog_wait (PactaBillingRunDialog *self)
{
  g_return_if_fail (PACTA_IS_BILLING_RUN_DIALOG (self));

  while (self->planning != NULL)
    g_main_context_iteration (NULL, TRUE);
}

guint
pacta_billing_run_dialog_get_n_planned (PactaBillingRunDialog *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_RUN_DIALOG (self), 0);

  pacta_billing_run_dialog_wait (self);
  return self->n_planned;
}

guint
pacta_billing_run_dialog_get_n_skipped (PactaBillingRunDialog *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_RUN_DIALOG (self), 0);

  pacta_billing_run_dialog_wait (self);
  return self->n_skipped;
}

/* For tests: how many problems keep the run from being created */
guint
pacta_billing_run_dialog_get_n_refused (PactaBillingRunDialog *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_RUN_DIALOG (self), 0);

  pacta_billing_run_dialog_wait (self);
  return self->n_refused;
}

/* For tests: whether Create Invoices can be pressed */
gboolean
pacta_billing_run_dialog_can_create (PactaBillingRunDialog *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_RUN_DIALOG (self), FALSE);

  pacta_billing_run_dialog_wait (self);
  return gtk_widget_get_sensitive (self->create);
}

/* For tests: presses Create Invoices */
void
pacta_billing_run_dialog_create (PactaBillingRunDialog *self)
{
  g_return_if_fail (PACTA_IS_BILLING_RUN_DIALOG (self));

  create (self);
}

/* For tests: whether invoices are being created, or the preview made */
gboolean
pacta_billing_run_dialog_is_busy (PactaBillingRunDialog *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_RUN_DIALOG (self), FALSE);

  return self->creating != NULL || self->closing != NULL || self->planning != NULL;
}

/* For tests: presses Cancel */
void
pacta_billing_run_dialog_cancel (PactaBillingRunDialog *self)
{
  g_return_if_fail (PACTA_IS_BILLING_RUN_DIALOG (self));

  on_cancel_clicked_cb (self);
}

/* For tests: the numbering confirmation, while it is open */
AdwMessageDialog *
pacta_billing_run_dialog_get_confirmation (PactaBillingRunDialog *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_RUN_DIALOG (self), NULL);

  return self->confirmation;
}

/* For tests: the question asked while the month's usage is not closed */
AdwMessageDialog *
pacta_billing_run_dialog_get_usage_question (PactaBillingRunDialog *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_RUN_DIALOG (self), NULL);

  return self->usage_question;
}

/* For tests: what the preview says of the month's usage, or %NULL when it
 * says nothing */
const char *
pacta_billing_run_dialog_get_usage_notice (PactaBillingRunDialog *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_RUN_DIALOG (self), NULL);

  pacta_billing_run_dialog_wait (self);
  if (!gtk_widget_get_visible (self->usage))
    return NULL;
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->usage_row));
}

/* For tests: answers the usage question as its button would, which closes it */
void
pacta_billing_run_dialog_answer_usage (PactaBillingRunDialog *self,
                                       const char            *response)
{
  AdwMessageDialog *question;

  g_return_if_fail (PACTA_IS_BILLING_RUN_DIALOG (self));
  g_return_if_fail (self->usage_question != NULL);
  g_return_if_fail (adw_message_dialog_has_response (self->usage_question, response));

  question = self->usage_question;
  adw_message_dialog_response (question, response);
  gtk_window_destroy (GTK_WINDOW (question));
}

/* For tests: what the dialog says about email (the hint without a mail
 * account, or how the created invoices went out), or %NULL when it says
 * nothing */
char *
pacta_billing_run_dialog_get_mail_notice (PactaBillingRunDialog *self)
{
  const char *subtitle;

  g_return_val_if_fail (PACTA_IS_BILLING_RUN_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (self->mail))
    return NULL;
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (self->mail_row));
  if (subtitle == NULL || *subtitle == '\0')
    return g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->mail_row)));
  return g_strdup_printf ("%s. %s", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->mail_row)), subtitle);
}
