/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-invoices-mail-ui.c: invoices going out by email in the window — Run
 * Billing putting the new invoices in the outbox and saying so, the
 * Invoices list's Email column and To print filter, the invoice window's
 * Email row with Send by Email and Send Again, and the invoice store's
 * properties behind them. No network: a stub win.send-mail counts what the
 * window would have sent. */
#include <adwaita.h>

#include "pacta-billing-run.h"
#include "pacta-billing-run-dialog.h"
#include "pacta-billing-run-dialog-private.h"
#include "pacta-invoice.h"
#include "pacta-invoice-dialog.h"
#include "pacta-invoice-dialog-private.h"
#include "pacta-invoices-view.h"
#include "pacta-invoices-view-private.h"
#include "pacta-test-gui.h"
#include "pacta-test-util.h"

#define RECIPIENT "facturas@cliente.test"
#define FILTER_TO_PRINT 7

typedef struct
{
  char          *dir;
  PactaContext  *context;
  PactaDatabase *db;
  GtkWidget     *parent;   /* stands for the window: its win.send-mail counts */
  guint          n_sends;
} Fixture;

static void
on_send_mail_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  Fixture *f = user_data;

  f->n_sends++;
}

static void
exec_sql (Fixture    *f,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pacta_database_exec (f->db, sql, &error));
  g_assert_no_error (error);
}

static void
set_mail_account (Fixture *f)
{
  exec_sql (f, "INSERT INTO settings (key, value) VALUES ('mail-imap-host', '127.0.0.1'),"
               " ('mail-smtp-host', '127.0.0.1'), ('mail-user', 'support@msp.test'),"
               " ('mail-address', 'support@msp.test'), ('mail-invoices-since', '2000-01-01')");
}

/* @data: whether a mail account is set */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) send = g_simple_action_new ("send-mail", NULL);

  pacta_test_set_clock ("Europe/Madrid", "2026-12-01T09:30:00+01:00");
  f->dir = pacta_test_make_dir ();
  f->context = pacta_test_open_billable (f->dir);
  f->db = pacta_context_get_database (f->context);
  exec_sql (f, "UPDATE billing_info SET invoice_email = '" RECIPIENT "'");
  if (GPOINTER_TO_INT (data))
    set_mail_account (f);

  f->parent = gtk_window_new ();
  g_signal_connect (send, "activate", G_CALLBACK (on_send_mail_cb), f);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (send));
  gtk_widget_insert_action_group (f->parent, "win", G_ACTION_GROUP (group));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->parent));
  pacta_test_drain_events ();
  g_assert_finalize_object (f->context);
  pacta_test_remove_tree (f->dir);
  g_free (f->dir);
  pacta_test_clock_reset ();
}

/* November billed in place, as the command line does; returns the invoice */
static gint64
commit (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = pacta_billing_commit (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (numbers), ==, 1);
  g_assert_true (pacta_context_sync (f->context, NULL));
  return pacta_database_count (f->db, "SELECT id FROM invoices", NULL);
}

/* The invoice as the store lists it */
static PactaInvoice *
listed (Fixture *f,
        gint64   id)
{
  PactaInvoiceStore *store = pacta_context_get_invoices (f->context);
  guint position;

  g_assert_true (pacta_row_store_find (PACTA_ROW_STORE (store), id, &position));
  return g_list_model_get_item (G_LIST_MODEL (store), position);
}

static PactaBillingRunDialog *
run_billing (Fixture *f)
{
  PactaBillingRunDialog *dialog = g_object_ref (pacta_billing_run_dialog_new (GTK_WINDOW (f->parent), f->context));

  gtk_window_present (GTK_WINDOW (dialog));
  pacta_billing_run_dialog_set_month (dialog, "2026-11");
  g_assert_cmpuint (pacta_billing_run_dialog_get_n_planned (dialog), ==, 1);
  pacta_billing_run_dialog_create (dialog);
  pacta_test_wait_until (pacta_test_run_finished, dialog);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoices", NULL), ==, 1);
  return dialog;
}

/* Run Billing with a mail account: the new invoice goes in the outbox to
 * the customer's invoice email, the dialog stays to say so, and the window
 * is asked to send */
static void
test_billing_run (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PactaBillingRunDialog) dialog = NULL;
  g_autofree char *notice = NULL;

  dialog = g_object_ref (pacta_billing_run_dialog_new (GTK_WINDOW (f->parent), f->context));
  /* Nothing to say before */
  g_assert_null (pacta_billing_run_dialog_get_mail_notice (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_object (&dialog);

  dialog = run_billing (f);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM mail_outbox WHERE kind = 'invoice'"
                                                " AND state = 'queued' AND recipient = '" RECIPIENT "'"
                                                " AND invoice_id = (SELECT id FROM invoices)", NULL), ==, 1);
  notice = pacta_billing_run_dialog_get_mail_notice (dialog);
  g_assert_cmpstr (notice, ==, "1 invoice is being sent by email");
  g_assert_cmpuint (f->n_sends, ==, 1);
  /* Still open, with what was created, and only Close to press */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_nonnull (pacta_test_find_button (GTK_WIDGET (dialog), "_Close"));
  g_assert_false (pacta_billing_run_dialog_can_create (dialog));
  {
    g_autoptr(PactaInvoice) invoice = listed (f, pacta_database_count (f->db, "SELECT id FROM invoices", NULL));
    g_autofree char *created = g_strdup_printf ("Invoice %s created", pacta_invoice_get_number (invoice));

    g_assert_nonnull (pacta_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, created));
    g_assert_cmpstr (pacta_invoice_get_mail_state (invoice), ==, "queued");
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Without a mail account: a hint before, nothing queued, and the dialog
 * closes after the run as it always did */
static void
test_billing_run_no_account (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(PactaBillingRunDialog) dialog = g_object_ref (pacta_billing_run_dialog_new (GTK_WINDOW (f->parent),
                                                                                        f->context));
  g_autofree char *hint = pacta_billing_run_dialog_get_mail_notice (dialog);

  g_assert_cmpstr (hint, ==, "Set a mail account in Preferences to email invoices");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_object (&dialog);

  dialog = run_billing (f);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM mail_outbox", NULL), ==, 0);
  g_assert_cmpuint (f->n_sends, ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
}

/* A customer who gets invoices by post: listed to print, not queued */
static void
test_by_post (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PactaBillingRunDialog) dialog = NULL;
  g_autoptr(PactaInvoice) invoice = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *view;

  exec_sql (f, "UPDATE billing_info SET send_by = 'post'");
  dialog = run_billing (f);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM mail_outbox", NULL), ==, 0);
  invoice = listed (f, pacta_database_count (f->db, "SELECT id FROM invoices", NULL));
  notice = pacta_billing_run_dialog_get_mail_notice (dialog);
  expected = g_strdup_printf ("1 to print: %s", pacta_invoice_get_number (invoice));
  g_assert_cmpstr (notice, ==, expected);
  /* Nothing to send */
  g_assert_cmpuint (f->n_sends, ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (pacta_invoice_get_to_print (invoice));
  g_assert_null (pacta_invoice_get_mail_state (invoice));

  /* The list's filter finds it, and its row says so */
  view = pacta_invoices_view_new ();
  gtk_window_set_child (GTK_WINDOW (f->parent), view);
  gtk_window_set_default_size (GTK_WINDOW (f->parent), 1200, 600);
  pacta_invoices_view_set_context (PACTA_INVOICES_VIEW (view), f->context);
  gtk_window_present (GTK_WINDOW (f->parent));
  pacta_test_wait_frame (f->parent);
  g_assert_nonnull (pacta_test_find_widget (view, GTK_TYPE_LABEL, "To print"));
  pacta_invoices_view_set_filter (PACTA_INVOICES_VIEW (view), FILTER_TO_PRINT);
  g_assert_cmpuint (pacta_invoices_view_get_n_visible (PACTA_INVOICES_VIEW (view)), ==, 1);
  exec_sql (f, "UPDATE billing_info SET send_by = 'email'");
  /* The billing information touches no invoice: the list reads it again
   * when the invoice changes (here: it is mailed) */
  {
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    PactaMailQueueReport report = { 0, };
    gint64 id = pacta_invoice_get_id (invoice);

    g_array_append_val (ids, id);
    g_assert_true (pacta_context_queue_invoice_mail (f->context, ids, &report, NULL));
    g_assert_cmpuint (report.n_queued, ==, 1);
    pacta_mail_queue_report_clear (&report);
  }
  g_assert_cmpuint (pacta_invoices_view_get_n_visible (PACTA_INVOICES_VIEW (view)), ==, 0);
}

static const char *
mail_subtitle (PactaInvoiceDialog *dialog)
{
  GtkWidget *row = pacta_test_find_row (GTK_WIDGET (dialog), "Email");

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* The button, when it is there to press */
static GtkWidget *
mail_button (PactaInvoiceDialog *dialog,
             const char         *label)
{
  GtkWidget *button = pacta_test_find_button (GTK_WIDGET (dialog), label);

  return button != NULL && gtk_widget_get_visible (button) ? button : NULL;
}

static const char *
outbox_state (Fixture *f)
{
  static char state[16];
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (pacta_database_get_handle (f->db), "SELECT state FROM mail_outbox", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_strlcpy (state, (const char *) sqlite3_column_text (stmt, 0), sizeof state);
  sqlite3_finalize (stmt);
  return state;
}

/* The invoice window: Send by Email, Waiting to be sent, Sent by email …
 * once the outbox says so; Send Again asks first when it was (perhaps)
 * sent, and not when the server refused it */
static void
test_invoice_window (Fixture       *f,
                     gconstpointer  data)
{
  gint64 id = commit (f);
  PactaInvoiceDialog *dialog = pacta_invoice_dialog_new (GTK_WINDOW (f->parent), f->context, id);
  AdwMessageDialog *question;
  GtkWidget *button;

  gtk_window_present (GTK_WINDOW (dialog));
  pacta_test_drain_events ();
  g_assert_cmpstr (mail_subtitle (dialog), ==, "Not sent by email yet");
  g_assert_null (mail_button (dialog, "Send _Again"));
  button = mail_button (dialog, "Send by _Email");
  g_assert_nonnull (button);

  /* Sent by email: queued, and the window asked to send */
  g_signal_emit_by_name (button, "clicked");
  pacta_test_drain_events ();
  g_assert_cmpstr (outbox_state (f), ==, "queued");
  g_assert_cmpuint (f->n_sends, ==, 1);
  g_assert_cmpstr (mail_subtitle (dialog), ==, "Waiting to be sent to " RECIPIENT);
  g_assert_null (mail_button (dialog, "Send by _Email"));
  g_assert_null (mail_button (dialog, "Send _Again"));

  /* The server took it: the list, brought up to date, tells the window */
  exec_sql (f, "UPDATE mail_outbox SET state = 'sent', sent_at = '2026-12-01T10:00:00Z'");
  g_assert_true (pacta_context_sync (f->context, NULL));
  pacta_test_drain_events ();
  g_assert_cmpstr (mail_subtitle (dialog), ==, "Sent by email 1 December 2026, 11:00 to " RECIPIENT);
  {
    g_autoptr(PactaInvoice) invoice = listed (f, id);

    g_assert_cmpstr (pacta_invoice_get_mail_state (invoice), ==, "sent");
    g_assert_cmpstr (pacta_invoice_get_mail_sent_at (invoice), ==, "2026-12-01T10:00:00Z");
    g_assert_cmpstr (pacta_invoice_get_mail_recipient (invoice), ==, RECIPIENT);
    g_assert_false (pacta_invoice_get_to_print (invoice));
  }

  /* Again: asked first; Cancel leaves it */
  button = mail_button (dialog, "Send _Again");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  question = pacta_invoice_dialog_get_mail_question (dialog);
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Send This Invoice Again?");
  adw_message_dialog_response (question, "cancel");
  gtk_window_destroy (GTK_WINDOW (question));
  g_assert_null (pacta_invoice_dialog_get_mail_question (dialog));
  g_assert_cmpstr (outbox_state (f), ==, "sent");
  g_assert_cmpuint (f->n_sends, ==, 1);

  /* Refused by the server: its words, a warning, and Send Again at once */
  exec_sql (f, "UPDATE mail_outbox SET state = 'failed', sent_at = NULL,"
               " error = '550 5.1.1 Mailbox unavailable'");
  g_signal_emit_by_name (f->context, "mail-changed");
  g_assert_cmpstr (mail_subtitle (dialog), ==,
                   "Refused by the mail server to " RECIPIENT ". 550 5.1.1 Mailbox unavailable");
  g_assert_true (gtk_widget_has_css_class (pacta_test_find_row (GTK_WIDGET (dialog), "Email"), "warning"));
  button = mail_button (dialog, "Send _Again");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_null (pacta_invoice_dialog_get_mail_question (dialog));
  g_assert_cmpstr (outbox_state (f), ==, "queued");
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM mail_outbox WHERE error IS NULL", NULL), ==, 1);
  g_assert_cmpuint (f->n_sends, ==, 2);
  g_assert_cmpstr (mail_subtitle (dialog), ==, "Waiting to be sent to " RECIPIENT);
  g_assert_false (gtk_widget_has_css_class (pacta_test_find_row (GTK_WIDGET (dialog), "Email"), "warning"));

  /* Perhaps sent: asked first, then queued again */
  exec_sql (f, "UPDATE mail_outbox SET state = 'unknown'");
  g_assert_true (pacta_context_sync (f->context, NULL));
  g_assert_true (g_str_has_prefix (mail_subtitle (dialog), "Perhaps sent to " RECIPIENT ". "));
  g_signal_emit_by_name (mail_button (dialog, "Send _Again"), "clicked");
  question = pacta_invoice_dialog_get_mail_question (dialog);
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Send It Again?");
  adw_message_dialog_response (question, "send");
  gtk_window_destroy (GTK_WINDOW (question));
  g_assert_cmpstr (outbox_state (f), ==, "queued");
  g_assert_cmpuint (f->n_sends, ==, 3);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Why an invoice can't be sent, from the customer's billing information as
 * it is now and the mail account */
static void
test_invoice_window_reasons (Fixture       *f,
                             gconstpointer  data)
{
  gint64 id = commit (f);
  struct {
    const char *sql;
    gboolean    account;
    const char *says;
  } cases[] = {
    { NULL, FALSE, "Set a mail account in Preferences to send invoices" },
    { "UPDATE billing_info SET send_by = 'post'", TRUE, "This customer gets invoices by post" },
    { "UPDATE billing_info SET send_by = 'email', invoice_email = NULL", TRUE,
      "No invoice email in the billing information" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PactaInvoiceDialog *dialog;

      if (cases[i].sql != NULL)
        exec_sql (f, cases[i].sql);
      if (cases[i].account && !pacta_database_count (f->db, "SELECT count(*) FROM settings WHERE key = 'mail-imap-host'",
                                                     NULL))
        set_mail_account (f);
      dialog = pacta_invoice_dialog_new (GTK_WINDOW (f->parent), f->context, id);
      gtk_window_present (GTK_WINDOW (dialog));
      pacta_test_drain_events ();
      g_assert_cmpstr (mail_subtitle (dialog), ==, cases[i].says);
      g_assert_null (mail_button (dialog, "Send by _Email"));
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  g_assert_cmpuint (f->n_sends, ==, 0);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM mail_outbox", NULL), ==, 0);
}

/* The Invoices list: each row says how it went out */
static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  gint64 id = commit (f);
  GtkWidget *view = pacta_invoices_view_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  PactaMailQueueReport report = { 0, };

  gtk_window_set_child (GTK_WINDOW (f->parent), view);
  gtk_window_set_default_size (GTK_WINDOW (f->parent), 1400, 600);
  pacta_invoices_view_set_context (PACTA_INVOICES_VIEW (view), f->context);
  gtk_window_present (GTK_WINDOW (f->parent));
  pacta_test_wait_frame (f->parent);
  g_assert_null (pacta_test_find_widget (view, GTK_TYPE_LABEL, "Waiting to be sent"));

  g_array_append_val (ids, id);
  g_assert_true (pacta_context_queue_invoice_mail (f->context, ids, &report, NULL));
  g_assert_cmpuint (report.n_queued, ==, 1);
  pacta_mail_queue_report_clear (&report);
  pacta_test_wait_frame (f->parent);
  g_assert_nonnull (pacta_test_find_widget (view, GTK_TYPE_LABEL, "Waiting to be sent"));

  exec_sql (f, "UPDATE mail_outbox SET state = 'bounced', error = 'User unknown'");
  g_assert_true (pacta_context_sync (f->context, NULL));
  pacta_test_wait_frame (f->parent);
  {
    GtkWidget *label = pacta_test_find_widget (view, GTK_TYPE_LABEL, "Came back undelivered");

    g_assert_nonnull (label);
    g_assert_true (gtk_widget_has_css_class (label, "warning"));
    g_assert_cmpstr (gtk_widget_get_tooltip_text (label), ==, "Came back undelivered to " RECIPIENT ". User unknown");
  }

  /* Narrow: the column goes, the invoice's window says it */
  pacta_invoices_view_set_narrow (PACTA_INVOICES_VIEW (view), TRUE);
  pacta_test_wait_frame (f->parent);
  {
    GtkWidget *label = pacta_test_find_widget (view, GTK_TYPE_LABEL, "Came back undelivered");

    g_assert_true (label == NULL || !gtk_widget_get_mapped (label));
  }
}

/* The store's properties: to print (by post, or no invoice email) while
 * never mailed; the outbox's state, time and recipient once it is */
static void
test_store (Fixture       *f,
            gconstpointer  data)
{
  gint64 id = commit (f);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  PactaMailQueueReport report = { 0, };
  struct {
    const char *sql;
    gboolean    to_print;
  } cases[] = {
    { "UPDATE billing_info SET send_by = 'email', invoice_email = '" RECIPIENT "'", FALSE },
    { "UPDATE billing_info SET send_by = 'post'", TRUE },
    { "UPDATE billing_info SET send_by = 'email', invoice_email = NULL", TRUE },
    { "UPDATE billing_info SET invoice_email = '  '", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PactaInvoiceStore) store = NULL;
      g_autoptr(PactaInvoice) invoice = NULL;
      gboolean to_print;
      gint64 customer;

      exec_sql (f, cases[i].sql);
      /* A store of its own: the billing information touches no invoice */
      store = pacta_invoice_store_new (f->db, NULL);
      g_assert_nonnull (store);
      invoice = g_list_model_get_item (G_LIST_MODEL (store), 0);
      g_object_get (invoice, "to-print", &to_print, "customer-id", &customer, NULL);
      g_assert_cmpint (to_print, ==, cases[i].to_print);
      g_assert_cmpint (customer, ==, pacta_database_count (f->db, "SELECT customer_id FROM invoices", NULL));
      g_assert_null (pacta_invoice_get_mail_state (invoice));
      g_assert_null (pacta_invoice_get_mail_sent_at (invoice));
    }

  exec_sql (f, cases[0].sql);
  g_array_append_val (ids, id);
  g_assert_true (pacta_context_queue_invoice_mail (f->context, ids, &report, NULL));
  pacta_mail_queue_report_clear (&report);
  {
    g_autoptr(PactaInvoice) invoice = listed (f, id);
    g_autofree char *state = NULL;

    g_object_get (invoice, "mail-state", &state, NULL);
    g_assert_cmpstr (state, ==, "queued");
    g_assert_cmpstr (pacta_invoice_get_mail_recipient (invoice), ==, RECIPIENT);
    g_assert_null (pacta_invoice_get_mail_error (invoice));
    g_assert_false (pacta_invoice_get_to_print (invoice));
  }
  /* Once in the outbox it is not to print, whatever the customer does now */
  exec_sql (f, "UPDATE billing_info SET send_by = 'post'");
  exec_sql (f, "UPDATE mail_outbox SET state = 'failed', error = 'Refused'");
  g_assert_true (pacta_context_sync (f->context, NULL));
  {
    g_autoptr(PactaInvoice) invoice = listed (f, id);

    g_assert_cmpstr (pacta_invoice_get_mail_state (invoice), ==, "failed");
    g_assert_cmpstr (pacta_invoice_get_mail_error (invoice), ==, "Refused");
    g_assert_false (pacta_invoice_get_to_print (invoice));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = pacta_test_gui_init (&argc, &argv);
  gconstpointer with_account = GINT_TO_POINTER (TRUE);
  gconstpointer without_account = GINT_TO_POINTER (FALSE);

  g_test_add ("/pacta/invoices-mail-ui/billing-run", Fixture, with_account,
              fixture_set_up, test_billing_run, fixture_tear_down);
  g_test_add ("/pacta/invoices-mail-ui/billing-run-no-account", Fixture, without_account,
              fixture_set_up, test_billing_run_no_account, fixture_tear_down);
  g_test_add ("/pacta/invoices-mail-ui/by-post", Fixture, with_account,
              fixture_set_up, test_by_post, fixture_tear_down);
  g_test_add ("/pacta/invoices-mail-ui/invoice-window", Fixture, with_account,
              fixture_set_up, test_invoice_window, fixture_tear_down);
  g_test_add ("/pacta/invoices-mail-ui/invoice-window-reasons", Fixture, without_account,
              fixture_set_up, test_invoice_window_reasons, fixture_tear_down);
  g_test_add ("/pacta/invoices-mail-ui/list", Fixture, with_account,
              fixture_set_up, test_list, fixture_tear_down);
  g_test_add ("/pacta/invoices-mail-ui/store", Fixture, with_account,
              fixture_set_up, test_store, fixture_tear_down);

  return g_test_run ();
}
