/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-platform-ui.c: the cloud platform from the window (issue 20), against a mock platform on
 * 127.0.0.1 — connecting through the dialog and the first sync, a wrong secret, the Preferences
 * page with a month closed through Close Month, Disconnect, and a sync cancelled while the
 * platform holds a request.
 *
 * With PACTA_PLATFORM_SHOTS=DIR, a PNG of each state is saved there, to look at. */
#include "config.h"

#include <string.h>

#include "pacta-connect-dialog-private.h"
#include "pacta-mock-platform.h"
#include "pacta-preferences-platform-page-private.h"
#include "pacta-preferences-window.h"
#include "pacta-sync-dialog-private.h"
#include "pacta-test-gui.h"
#include "pacta-test-util.h"
#include "pacta-window-private.h"

#define N_CUSTOMERS   30
/* The app's clock: a Sunday in December, 11:00 in Madrid */
#define NOW           "2026-12-06T10:00:00Z"
#define NOW_LOCAL     "6 December 2026, 11:00"
#define NARROW_WIDTH  360

typedef struct
{
  char              *dir;
  PactaMockPlatform *mock;
  PactaSecrets      *secrets;
  PactaContext      *context;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  pacta_test_set_clock ("Europe/Madrid", NOW);
  pacta_platform_set_test_delays (10, 10);
  f->dir = pacta_test_make_dir ();
  f->mock = pacta_mock_platform_new ();
  pacta_mock_platform_load_fixture (f->mock, N_CUSTOMERS);
  f->secrets = pacta_secrets_memory_new ();
  f->context = pacta_test_open_context (f->dir, FALSE);
  pacta_context_set_secrets (f->context, f->secrets);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Whatever a test left open goes before its context */
  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  pacta_test_drain_events ();
  g_clear_object (&f->context);
  g_clear_object (&f->secrets);
  pacta_mock_platform_free (f->mock);
  pacta_test_remove_tree (f->dir);
  g_free (f->dir);
  pacta_test_clock_reset ();
}

/* ---- helpers ---------------------------------------------------------------- */

static gboolean
transitions_done (gpointer window)
{
  g_autoptr(GPtrArray) stacks = g_ptr_array_new ();

  pacta_test_find_all (window, GTK_TYPE_STACK, stacks);
  for (guint i = 0; i < stacks->len; i++)
    if (gtk_stack_get_transition_running (g_ptr_array_index (stacks, i)))
      return FALSE;
  return TRUE;
}

static void
shoot (GtkWindow  *window,
       const char *name)
{
  const char *dir = g_getenv ("PACTA_PLATFORM_SHOTS");
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  /* The page as it is once shown, not half faded in */
  pacta_test_wait_frame (GTK_WIDGET (window));
  pacta_test_wait_until (transitions_done, window);
  pacta_test_wait_frame (GTK_WIDGET (window));
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (pacta_test_save_png (GTK_WIDGET (window), path));
}

/* A window shown as wide as a phone, and what it asks for fits */
static void
check_narrow (GtkWindow  *window,
              const char *name)
{
  g_autofree char *shot = g_strconcat (name, "-narrow", NULL);
  int width = 0, height = 0;

  gtk_window_get_default_size (window, &width, &height);
  pacta_test_wait_frame (GTK_WIDGET (window));
  g_assert_cmpint (pacta_test_min_width (GTK_WIDGET (window)), <=, NARROW_WIDTH);
  gtk_window_set_default_size (window, NARROW_WIDTH, 640);
  pacta_test_wait_frame (GTK_WIDGET (window));
  shoot (window, shot);
  gtk_window_set_default_size (window, width, height);
}

static guint
n_customers (Fixture *f)
{
  return g_list_model_get_n_items (G_LIST_MODEL (pacta_context_get_customers (f->context)));
}

static char *
kept_secret (Fixture *f)
{
  g_autofree char *account = pacta_platform_secret_account (pacta_mock_platform_get_url (f->mock),
                                                            pacta_mock_platform_get_client_id (f->mock));
  g_autoptr(GError) error = NULL;
  char *secret = pacta_secrets_lookup (f->secrets, "platform", account, NULL, &error);

  g_assert_no_error (error);
  return secret;
}

/* Connected and synced through the context, as an earlier session left it */
static void
connect_and_sync (Fixture *f)
{
  g_autoptr(PactaPlatformAccount) account = NULL;
  g_autoptr(PactaImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  account = pacta_context_connect_platform (f->context, pacta_mock_platform_get_url (f->mock),
                                            pacta_mock_platform_get_client_id (f->mock),
                                            pacta_mock_platform_get_secret (f->mock), NULL, &error);
  g_assert_no_error (error);
  report = pacta_context_sync_platform (f->context, TRUE, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_customers (f), ==, N_CUSTOMERS);
}

static GtkWindow *
shown (GType type)
{
  return pacta_test_find_toplevel (type, TRUE);
}

static gboolean
connect_stopped (gpointer dialog)
{
  return !pacta_connect_dialog_is_busy (dialog);
}

static gboolean
sync_stopped (gpointer dialog)
{
  return !pacta_sync_dialog_is_busy (dialog);
}

static gboolean
disconnect_stopped (gpointer page)
{
  return !pacta_preferences_platform_page_is_busy (page);
}

static gboolean
is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* The sync the connect dialog starts once connected, shown and done */
static gboolean
first_sync_done (gpointer data)
{
  GtkWindow *sync = shown (PACTA_TYPE_SYNC_DIALOG);

  return is_gone (data) && sync != NULL && !pacta_sync_dialog_is_busy (PACTA_SYNC_DIALOG (sync));
}

static const char *
row_subtitle (GtkWidget  *root,
              const char *title)
{
  GtkWidget *row = pacta_test_find_row (root, title);

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static void
press (GtkWidget  *root,
       const char *label)
{
  GtkWidget *button = pacta_test_find_button (root, label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* ---- the tests -------------------------------------------------------------- */

/* Every new template can be made and shown, and fits a phone */
static void
test_templates (Fixture       *f,
                gconstpointer  data)
{
  GtkWindow *connect = GTK_WINDOW (pacta_connect_dialog_new (NULL, f->context));
  GtkWindow *close_month = GTK_WINDOW (pacta_sync_dialog_new_close_month (NULL, f->context));
  GtkWindow *sync = GTK_WINDOW (pacta_sync_dialog_new_sync (NULL, f->context, FALSE, TRUE));

  gtk_window_present (connect);
  check_narrow (connect, "connect");
  gtk_window_destroy (connect);

  /* The month just ended by the app's clock, then the eleven before */
  gtk_window_present (close_month);
  g_assert_cmpstr (pacta_sync_dialog_get_page (PACTA_SYNC_DIALOG (close_month)), ==, "choose");
  g_assert_cmpstr (pacta_sync_dialog_get_month (PACTA_SYNC_DIALOG (close_month)), ==, "2026-11");
  g_assert_cmpstr (pacta_sync_dialog_get_month_status (PACTA_SYNC_DIALOG (close_month)), ==, "Not closed yet");
  g_assert_true (pacta_sync_dialog_set_month (PACTA_SYNC_DIALOG (close_month), "2025-12"));
  g_assert_false (pacta_sync_dialog_set_month (PACTA_SYNC_DIALOG (close_month), "2025-11"));
  g_assert_false (pacta_sync_dialog_set_month (PACTA_SYNC_DIALOG (close_month), "2026-12"));
  check_narrow (close_month, "close-month");
  gtk_window_destroy (close_month);

  gtk_window_present (sync);
  check_narrow (sync, "sync");
  gtk_window_destroy (sync);
}

/* A new user: Connect from the welcome page, then the customers are there */
static void
test_connect (Fixture       *f,
              gconstpointer  data)
{
  PactaWindow *window = pacta_window_new (NULL, f->context);
  PactaConnectDialog *dialog;
  PactaSyncDialog *sync;
  gpointer watch;
  g_autofree char *secret = NULL;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (pacta_window_get_visible_page (window), ==, "welcome");
  shoot (GTK_WINDOW (window), "welcome");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.connect-platform", NULL));
  dialog = PACTA_CONNECT_DIALOG (shown (PACTA_TYPE_CONNECT_DIALOG));
  g_assert_nonnull (dialog);
  watch = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &watch);

  /* Connect waits for all three */
  g_assert_false (pacta_connect_dialog_can_connect (dialog));
  pacta_connect_dialog_set_fields (dialog, pacta_mock_platform_get_url (f->mock),
                                   pacta_mock_platform_get_client_id (f->mock), NULL);
  g_assert_false (pacta_connect_dialog_can_connect (dialog));
  pacta_connect_dialog_set_fields (dialog, NULL, NULL, pacta_mock_platform_get_secret (f->mock));
  g_assert_true (pacta_connect_dialog_can_connect (dialog));
  shoot (GTK_WINDOW (dialog), "connect-filled");

  press (GTK_WIDGET (dialog), "C_onnect");
  g_assert_true (pacta_connect_dialog_is_busy (dialog));
  g_assert_false (pacta_connect_dialog_can_connect (dialog));
  g_assert_nonnull (pacta_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "Checking…"));

  /* Connected: the dialog goes, and customers and usage are synced at once */
  pacta_test_wait_until (first_sync_done, &watch);
  g_assert_true (pacta_context_get_platform_connected (f->context));
  secret = kept_secret (f);
  g_assert_cmpstr (secret, ==, pacta_mock_platform_get_secret (f->mock));
  sync = PACTA_SYNC_DIALOG (shown (PACTA_TYPE_SYNC_DIALOG));
  g_assert_cmpstr (pacta_sync_dialog_get_page (sync), ==, "result");
  g_assert_nonnull (strstr (pacta_sync_dialog_get_message (sync), "created"));
  shoot (GTK_WINDOW (sync), "sync-result");
  g_assert_cmpuint (n_customers (f), ==, N_CUSTOMERS);
  press (GTK_WIDGET (sync), "_Close");
  pacta_test_drain_events ();
  g_assert_null (shown (PACTA_TYPE_SYNC_DIALOG));

  /* The customer list, and the menu for a connected Pacta */
  g_assert_cmpstr (pacta_window_get_visible_page (window), ==, "main");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.connect-platform", NULL);
  g_assert_null (shown (PACTA_TYPE_CONNECT_DIALOG));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-usage-month", NULL));
  sync = PACTA_SYNC_DIALOG (shown (PACTA_TYPE_SYNC_DIALOG));
  g_assert_nonnull (sync);
  g_assert_cmpstr (pacta_sync_dialog_get_page (sync), ==, "choose");
  shoot (GTK_WINDOW (sync), "close-month");
  gtk_window_close (GTK_WINDOW (sync));
  pacta_test_drain_events ();
  g_assert_null (shown (PACTA_TYPE_SYNC_DIALOG));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A wrong secret: the platform's words, nothing kept, what was typed kept,
 * the secret to fix in focus; Enter in the secret is Connect */
static void
test_wrong_secret (Fixture       *f,
                   gconstpointer  data)
{
  PactaWindow *window = pacta_window_new (NULL, f->context);
  PactaConnectDialog *dialog = pacta_connect_dialog_new (GTK_WINDOW (window), f->context);
  GtkWidget *secret_row = pacta_connect_dialog_get_row (dialog, "secret");
  /* What Enter in the secret's text sets off */
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (secret_row));
  GtkWidget *focus;
  g_autofree char *kept = NULL;
  gpointer watch = dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), &watch);
  gtk_window_present (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (dialog));
  pacta_connect_dialog_set_fields (dialog, pacta_mock_platform_get_url (f->mock),
                                   pacta_mock_platform_get_client_id (f->mock), "not-the-secret");
  g_assert_nonnull (text);
  /* Checking: the fields wait, Cancel has the focus */
  pacta_mock_platform_hold (f->mock, "/api/2/idp/token");
  g_signal_emit_by_name (text, "activate");
  g_assert_true (pacta_connect_dialog_is_busy (dialog));
  pacta_mock_platform_wait_held (f->mock);
  g_assert_false (gtk_widget_is_sensitive (secret_row));
  g_assert_true (gtk_widget_is_visible (pacta_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "Checking…")));
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (dialog)) == pacta_test_find_button (GTK_WIDGET (dialog), "_Cancel"));
  shoot (GTK_WINDOW (dialog), "connect-checking");
  pacta_mock_platform_release (f->mock);
  pacta_test_wait_until (connect_stopped, dialog);

  g_assert_nonnull (pacta_connect_dialog_get_error (dialog));
  g_assert_nonnull (strstr (pacta_connect_dialog_get_error (dialog), "Invalid client credentials"));
  g_assert_false (pacta_context_get_platform_connected (f->context));
  kept = kept_secret (f);
  g_assert_null (kept);
  g_assert_null (shown (PACTA_TYPE_SYNC_DIALOG));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pacta_connect_dialog_get_row (dialog, "url"))), ==,
                   pacta_mock_platform_get_url (f->mock));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pacta_connect_dialog_get_row (dialog, "client-id"))), ==,
                   pacta_mock_platform_get_client_id (f->mock));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (secret_row)), ==, "not-the-secret");
  focus = gtk_window_get_focus (GTK_WINDOW (dialog));
  g_assert_nonnull (focus);
  g_assert_true (focus == secret_row || gtk_widget_is_ancestor (focus, secret_row));
  g_assert_true (pacta_connect_dialog_can_connect (dialog));
  shoot (GTK_WINDOW (dialog), "connect-error");
  check_narrow (GTK_WINDOW (dialog), "connect-error");

  /* Fixed, it connects */
  pacta_connect_dialog_set_fields (dialog, NULL, NULL, pacta_mock_platform_get_secret (f->mock));
  g_assert_null (pacta_connect_dialog_get_error (dialog));
  g_signal_emit_by_name (text, "activate");
  pacta_test_wait_until (first_sync_done, &watch);
  g_assert_true (pacta_context_get_platform_connected (f->context));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Preferences › Cloud Platform: the account and its syncs, a month closed
 * through Close Month…, Refresh Usage, then Disconnect, asked first */
static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  PactaWindow *window = pacta_window_new (NULL, f->context);
  PactaPreferencesWindow *prefs;
  GtkWidget *page;
  PactaSyncDialog *sync;
  AdwMessageDialog *question;
  g_autofree char *account = NULL;
  g_autofree char *secret = NULL;

  gtk_window_present (GTK_WINDOW (window));
  prefs = pacta_preferences_window_new (GTK_WINDOW (window), f->context);
  gtk_window_present (GTK_WINDOW (prefs));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "platform");
  page = pacta_test_find_widget (GTK_WIDGET (prefs), PACTA_TYPE_PREFERENCES_PLATFORM_PAGE, NULL);
  g_assert_nonnull (page);
  /* Not connected: Connect… */
  g_assert_true (gtk_widget_is_visible (pacta_test_find_button (page, "_Connect…")));
  g_assert_null (pacta_test_find_row (page, "Acme MSP"));
  shoot (GTK_WINDOW (prefs), "preferences-not-connected");

  /* Connected elsewhere (the command line, the window): the page follows */
  connect_and_sync (f);
  pacta_test_drain_events ();
  g_assert_false (gtk_widget_is_visible (pacta_test_find_button (page, "_Connect…")));
  account = g_strdup_printf ("%s · client ID %s", pacta_mock_platform_get_url (f->mock),
                             pacta_mock_platform_get_client_id (f->mock));
  g_assert_cmpstr (row_subtitle (page, "Acme MSP"), ==, account);
  g_assert_cmpstr (row_subtitle (page, "Customers"), ==, "Last synced " NOW_LOCAL);
  g_assert_cmpstr (row_subtitle (page, "Usage"), ==, "Provisional usage as of " NOW_LOCAL);
  g_assert_cmpuint (pacta_preferences_platform_page_get_n_months (PACTA_PREFERENCES_PLATFORM_PAGE (page)), ==, 0);
  g_assert_nonnull (pacta_test_find_row (page, "No month closed yet"));

  /* Close Month…: the month just ended, closed through the platform's report */
  press (page, "Close _Month…");
  sync = PACTA_SYNC_DIALOG (shown (PACTA_TYPE_SYNC_DIALOG));
  g_assert_nonnull (sync);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (sync)) == GTK_WINDOW (prefs));
  g_assert_cmpstr (pacta_sync_dialog_get_month (sync), ==, PACTA_MOCK_PLATFORM_REPORT_MONTH);
  press (GTK_WIDGET (sync), "Close _Month");
  g_assert_cmpstr (pacta_sync_dialog_get_page (sync), ==, "progress");
  pacta_test_wait_until (sync_stopped, sync);
  g_assert_cmpstr (pacta_sync_dialog_get_page (sync), ==, "result");
  g_assert_nonnull (strstr (pacta_sync_dialog_get_message (sync), "November 2026 closed"));
  g_assert_cmpstr (pacta_sync_dialog_get_month_status (sync), ==,
                   "Closed on " NOW_LOCAL "; closing it again replaces its usage");
  shoot (GTK_WINDOW (sync), "close-month-result");
  gtk_window_destroy (GTK_WINDOW (sync));

  g_assert_cmpuint (pacta_preferences_platform_page_get_n_months (PACTA_PREFERENCES_PLATFORM_PAGE (page)), ==, 1);
  g_assert_cmpstr (row_subtitle (page, "November 2026"), ==, "Closed on " NOW_LOCAL);
  g_assert_null (pacta_test_find_row (page, "No month closed yet"));
  shoot (GTK_WINDOW (prefs), "preferences-connected");
  check_narrow (GTK_WINDOW (prefs), "preferences-connected");

  /* Refresh Usage: the usage alone */
  press (page, "_Refresh Usage");
  sync = PACTA_SYNC_DIALOG (shown (PACTA_TYPE_SYNC_DIALOG));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (sync)), ==, "Refresh Usage");
  pacta_test_wait_until (sync_stopped, sync);
  g_assert_cmpstr (pacta_sync_dialog_get_page (sync), ==, "result");
  gtk_window_destroy (GTK_WINDOW (sync));

  /* Disconnect asks first; Cancel keeps everything */
  press (page, "_Disconnect");
  question = pacta_preferences_platform_page_get_question (PACTA_PREFERENCES_PLATFORM_PAGE (page));
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Disconnect from the cloud platform?");
  shoot (GTK_WINDOW (question), "disconnect-question");
  adw_message_dialog_response (question, "cancel");
  pacta_test_drain_events ();
  g_assert_true (pacta_context_get_platform_connected (f->context));

  press (page, "_Disconnect");
  question = pacta_preferences_platform_page_get_question (PACTA_PREFERENCES_PLATFORM_PAGE (page));
  adw_message_dialog_response (question, "disconnect");
  g_assert_true (pacta_preferences_platform_page_is_busy (PACTA_PREFERENCES_PLATFORM_PAGE (page)));
  pacta_test_wait_until (disconnect_stopped, page);
  g_assert_false (pacta_context_get_platform_connected (f->context));
  secret = kept_secret (f);
  g_assert_null (secret);
  /* Customers and closed months stay */
  g_assert_cmpuint (n_customers (f), ==, N_CUSTOMERS);
  g_assert_true (gtk_widget_is_visible (pacta_test_find_button (page, "_Connect…")));
  gtk_window_destroy (GTK_WINDOW (prefs));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Sync cancelled while the platform holds the tenant listing: nothing
 * changed, though the platform has more customers by then */
static void
test_cancel_sync (Fixture       *f,
                  gconstpointer  data)
{
  PactaWindow *window = pacta_window_new (NULL, f->context);
  PactaSyncDialog *sync;
  g_autoptr(PactaPlatformAccount) before = NULL;
  g_autoptr(PactaPlatformAccount) after = NULL;

  connect_and_sync (f);
  before = pacta_context_get_platform_account (f->context);
  pacta_mock_platform_load_fixture (f->mock, N_CUSTOMERS + 10);
  gtk_window_present (GTK_WINDOW (window));

  pacta_mock_platform_hold (f->mock, "/api/2/tenants?");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync-platform", NULL));
  sync = PACTA_SYNC_DIALOG (shown (PACTA_TYPE_SYNC_DIALOG));
  g_assert_nonnull (sync);
  g_assert_cmpstr (pacta_sync_dialog_get_page (sync), ==, "progress");
  pacta_mock_platform_wait_held (f->mock);
  shoot (GTK_WINDOW (sync), "sync-progress");
  press (GTK_WIDGET (sync), "_Cancel");
  pacta_test_wait_until (sync_stopped, sync);
  pacta_mock_platform_release (f->mock);

  g_assert_cmpstr (pacta_sync_dialog_get_page (sync), ==, "stopped");
  g_assert_cmpstr (pacta_sync_dialog_get_message (sync), ==, "Nothing was changed.");
  g_assert_nonnull (pacta_test_find_widget (GTK_WIDGET (sync), GTK_TYPE_LABEL, "Nothing was changed."));
  shoot (GTK_WINDOW (sync), "sync-cancelled");
  g_assert_cmpuint (n_customers (f), ==, N_CUSTOMERS);
  after = pacta_context_get_platform_account (f->context);
  g_assert_cmpstr (after->synced_at, ==, before->synced_at);

  /* A failure says what the platform said, and nothing changed either */
  pacta_mock_platform_add_fault (f->mock, "/api/2/tenants?", 1, PACTA_MOCK_FAULT_STATUS, 403, 0);
  press (GTK_WIDGET (sync), "_Try Again");
  pacta_test_wait_until (sync_stopped, sync);
  g_assert_cmpstr (pacta_sync_dialog_get_page (sync), ==, "stopped");
  g_assert_nonnull (strstr (pacta_sync_dialog_get_message (sync), "403"));
  g_assert_nonnull (pacta_test_find_widget (GTK_WIDGET (sync), GTK_TYPE_LABEL, "Nothing Was Changed"));
  shoot (GTK_WINDOW (sync), "sync-failed");
  g_assert_cmpuint (n_customers (f), ==, N_CUSTOMERS);

  /* And again: the customers come */
  press (GTK_WIDGET (sync), "_Try Again");
  pacta_test_wait_until (sync_stopped, sync);
  g_assert_cmpstr (pacta_sync_dialog_get_page (sync), ==, "result");
  g_assert_cmpuint (n_customers (f), ==, N_CUSTOMERS + 10);
  gtk_window_destroy (GTK_WINDOW (sync));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The keyring has lost the secret (another computer, a restored backup):
 * the sync says so and offers to connect again, URL and client ID kept */
static void
test_connect_again (Fixture       *f,
                    gconstpointer  data)
{
  PactaWindow *window = pacta_window_new (NULL, f->context);
  g_autofree char *account = pacta_platform_secret_account (pacta_mock_platform_get_url (f->mock),
                                                            pacta_mock_platform_get_client_id (f->mock));
  PactaSyncDialog *sync;
  PactaConnectDialog *dialog;
  GtkWidget *secret_row;
  GtkWidget *focus;
  gpointer watch;

  connect_and_sync (f);
  g_assert_true (pacta_secrets_clear (f->secrets, "platform", account, NULL, NULL));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync-platform", NULL));
  sync = PACTA_SYNC_DIALOG (shown (PACTA_TYPE_SYNC_DIALOG));
  pacta_test_wait_until (sync_stopped, sync);
  g_assert_cmpstr (pacta_sync_dialog_get_page (sync), ==, "stopped");
  g_assert_true (gtk_widget_is_visible (pacta_test_find_button (GTK_WIDGET (sync), "_Connect Again…")));
  shoot (GTK_WINDOW (sync), "sync-no-secret");

  press (GTK_WIDGET (sync), "_Connect Again…");
  pacta_test_drain_events ();
  g_assert_null (shown (PACTA_TYPE_SYNC_DIALOG));
  dialog = PACTA_CONNECT_DIALOG (shown (PACTA_TYPE_CONNECT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pacta_connect_dialog_get_row (dialog, "url"))), ==,
                   pacta_mock_platform_get_url (f->mock));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pacta_connect_dialog_get_row (dialog, "client-id"))), ==,
                   pacta_mock_platform_get_client_id (f->mock));
  secret_row = pacta_connect_dialog_get_row (dialog, "secret");
  focus = gtk_window_get_focus (GTK_WINDOW (dialog));
  g_assert_true (focus != NULL && (focus == secret_row || gtk_widget_is_ancestor (focus, secret_row)));

  watch = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &watch);
  pacta_connect_dialog_set_fields (dialog, NULL, NULL, pacta_mock_platform_get_secret (f->mock));
  pacta_connect_dialog_connect (dialog);
  pacta_test_wait_until (first_sync_done, &watch);
  sync = PACTA_SYNC_DIALOG (shown (PACTA_TYPE_SYNC_DIALOG));
  g_assert_cmpstr (pacta_sync_dialog_get_page (sync), ==, "result");
  gtk_window_destroy (GTK_WINDOW (sync));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = pacta_test_gui_init (&argc, &argv);

  g_test_add ("/pacta/platform-ui/templates", Fixture, NULL, fixture_set_up, test_templates, fixture_tear_down);
  g_test_add ("/pacta/platform-ui/connect", Fixture, NULL, fixture_set_up, test_connect, fixture_tear_down);
  g_test_add ("/pacta/platform-ui/wrong-secret", Fixture, NULL, fixture_set_up, test_wrong_secret, fixture_tear_down);
  g_test_add ("/pacta/platform-ui/preferences", Fixture, NULL, fixture_set_up, test_preferences, fixture_tear_down);
  g_test_add ("/pacta/platform-ui/cancel-sync", Fixture, NULL, fixture_set_up, test_cancel_sync, fixture_tear_down);
  g_test_add ("/pacta/platform-ui/connect-again", Fixture, NULL, fixture_set_up, test_connect_again,
              fixture_tear_down);

  return g_test_run ();
}
