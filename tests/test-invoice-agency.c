/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-invoice-agency.c: an invoice's standing with the tax agency in the
 * window (issue 18) — the invoice window's Tax Agency group and its Send
 * Correction, the Invoices list's column and filter, and the banner that
 * counts the records not accepted and says why */
#include <adwaita.h>
#include <string.h>

#include "pacta-billing-run.h"
#include "pacta-billing-info-table.h"
#include "pacta-invoice-dialog.h"
#include "pacta-invoice-dialog-private.h"
#include "pacta-invoices-view.h"
#include "pacta-invoices-view-private.h"
#include "pacta-msp.h"
#include "pacta-test-gui.h"
#include "pacta-test-util.h"
#include "pacta-verifactu-service.h"
#include "pacta-verifactu-status.h"
#include "pacta-window.h"
#include "pacta-window-private.h"

typedef struct
{
  char          *dir;
  PactaContext  *context;
  PactaDatabase *db;
  gint64         invoice;
  gint64         customer;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = NULL;

  pacta_test_set_clock ("Europe/Madrid", "2026-12-01T09:30:00+01:00");
  f->dir = pacta_test_make_dir ();
  f->context = pacta_test_open_billable (f->dir);
  f->db = pacta_context_get_database (f->context);
  pacta_test_save_spanish_msp (f->db, "ESB46000006");
  numbers = pacta_billing_commit (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (pacta_context_sync (f->context, NULL));
  f->invoice = pacta_database_count (f->db, "SELECT id FROM invoices", NULL);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoice_records", NULL), ==, 1);
  f->customer = pacta_database_count (f->db, "SELECT customer_id FROM invoices", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pacta_test_drain_events ();
  g_assert_finalize_object (f->context);
  pacta_test_remove_tree (f->dir);
  g_free (f->dir);
  pacta_test_clock_reset ();
}

/* The agency's answer, as the sender writes it */
static void
reject (Fixture *f)
{
  gint64 record = pacta_database_count (f->db, "SELECT max(id) FROM invoice_records", NULL);
  g_autofree char *sql = g_strdup_printf ("INSERT INTO verifactu_submissions (issuer_nif, first_record_id, last_record_id,"
                                          " n_records, endpoint, request, created_at, replied_at, http_status, outcome,"
                                          " wait_seconds, state)"
                                          " VALUES ('B46000006', %1$" G_GINT64_FORMAT ", %1$" G_GINT64_FORMAT ", 1,"
                                          " 'https://127.0.0.1/', 'x', '2026-12-01T08:31:00Z', '2026-12-01T08:31:01Z',"
                                          " 200, 'answered', 60, 'Incorrecto')",
                                          record);
  g_autofree char *result = g_strdup_printf ("INSERT INTO verifactu_results (record_id, submission_id, state, code, message, accepted)"
                                          " VALUES (%" G_GINT64_FORMAT ", (SELECT max(id) FROM verifactu_submissions), 'Incorrecto', 1244,"
                                          " 'El NIF del destinatario no está identificado', 0)",
                                          record);

  g_assert_true (pacta_database_exec (f->db, sql, NULL));
  g_assert_true (pacta_database_exec (f->db, result, NULL));
  g_assert_true (pacta_context_sync (f->context, NULL));
}

static gint64
n_records (Fixture *f)
{
  return pacta_database_count (f->db, "SELECT count(*) FROM invoice_records", NULL);
}

static void
test_invoice_window (Fixture       *f,
                     gconstpointer  data)
{
  PactaInvoiceDialog *dialog;
  GtkWidget *row, *button;
  gint64 before;

  /* Not sent yet: pending, nothing to correct */
  dialog = pacta_invoice_dialog_new (NULL, f->context, f->invoice);
  gtk_window_present (GTK_WINDOW (dialog));
  pacta_test_drain_events ();
  {
    g_autoptr(PactaAgencyStatus) status = pacta_verifactu_invoice_status (f->db, f->invoice, NULL);

    g_assert_cmpint (status->state, ==, PACTA_AGENCY_PENDING);
  }
  row = pacta_test_find_row (GTK_WIDGET (dialog), "Pending");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Waiting to be sent to the tax agency");
  g_assert_null (pacta_test_find_button (GTK_WIDGET (dialog), "Send _Correction"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Rejected: the agency's code and words, and the way to put it right */
  reject (f);
  dialog = pacta_invoice_dialog_new (NULL, f->context, f->invoice);
  gtk_window_present (GTK_WINDOW (dialog));
  pacta_test_drain_events ();
  {
    g_autoptr(PactaAgencyStatus) status = pacta_verifactu_invoice_status (f->db, f->invoice, NULL);

    g_assert_cmpint (status->state, ==, PACTA_AGENCY_REJECTED);
  }
  row = pacta_test_find_row (GTK_WIDGET (dialog), "Rejected");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Rejected by the tax agency: 1244, El NIF del destinatario no está identificado");
  button = pacta_test_find_button (GTK_WIDGET (dialog), "Send _Correction");
  g_assert_nonnull (button);

  /* Nothing fixed yet: refused, nothing made */
  before = n_records (f);
  g_assert_false (pacta_invoice_dialog_correct (dialog));
  g_assert_cmpint (n_records (f), ==, before);

  /* The customer's NIF put right: the button makes the correction */
  {
    g_autoptr(PactaBillingInfo) info = pacta_billing_info_load (f->db, f->customer, NULL);

    g_object_set (info, "vat-number", "ESA58818501", NULL);
    g_assert_true (pacta_context_save_billing_info (f->context, info, NULL));
  }
  g_assert_true (gtk_widget_is_sensitive (button) && gtk_widget_get_mapped (button));
  g_signal_emit_by_name (button, "clicked");
  pacta_test_drain_events ();
  g_assert_cmpint (n_records (f), ==, before + 1);
  row = pacta_test_find_row (GTK_WIDGET (dialog), "Pending");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Its correction is waiting to be sent to the tax agency");
  g_assert_null (pacta_test_find_button (GTK_WIDGET (dialog), "Send _Correction"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

typedef struct {
  PactaBanner *banner;
  const char  *title;
} BannerWait;

static gboolean
banner_says (gpointer data)
{
  BannerWait *expected = data;

  return pacta_banner_get_revealed (expected->banner) &&
         g_strcmp0 (pacta_banner_get_title (expected->banner), expected->title) == 0;
}

/* The Invoices list's column and filter, and the banner's reasons */
static void
test_list_and_banner (Fixture       *f,
                      gconstpointer  data)
{
  PactaWindow *window = pacta_window_new (NULL, f->context);
  PactaBanner *banner = pacta_window_get_records_banner (window);
  GtkWidget *view = pacta_invoices_view_new ();
  BannerWait expected = { banner, NULL };

  gtk_window_present (GTK_WINDOW (window));
  pacta_test_drain_events ();
  /* No certificate: the record waits, and the banner says why */
  expected.title = "1 invoice record has not been sent to the tax agency: sending is not set up yet";
  pacta_test_wait_until (banner_says, &expected);
  g_assert_cmpint (pacta_verifactu_service_get_state (pacta_window_get_sending (window)), ==,
                   PACTA_SENDING_NOT_SET_UP);

  pacta_invoices_view_set_context (PACTA_INVOICES_VIEW (view), f->context);
  pacta_invoices_view_set_filter (PACTA_INVOICES_VIEW (view), 6);
  g_assert_cmpuint (pacta_invoices_view_get_n_visible (PACTA_INVOICES_VIEW (view)), ==, 0);

  /* Rejected: the list's filter finds it, and the banner counts it */
  reject (f);
  g_assert_cmpuint (pacta_invoices_view_get_n_visible (PACTA_INVOICES_VIEW (view)), ==, 1);
  expected.title = "Rejected by the tax agency: 1 to fix";
  pacta_test_wait_until (banner_says, &expected);

  g_object_ref_sink (view);
  g_object_unref (view);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = pacta_test_gui_init (&argc, &argv);

  g_test_add ("/pacta/invoice-agency/invoice-window", Fixture, NULL,
              fixture_set_up, test_invoice_window, fixture_tear_down);
  g_test_add ("/pacta/invoice-agency/list-and-banner", Fixture, NULL,
              fixture_set_up, test_list_and_banner, fixture_tear_down);

  return g_test_run ();
}
