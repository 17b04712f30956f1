/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-mail-preferences-ui.c: Preferences › Mail against real mail servers on 127.0.0.1 (Dovecot
 * and aiosmtpd, tests/pacta-mail-servers.h) — the fields and their defaults, ports checked as they
 * are typed, a wrong password (the server's words, nothing kept, every field kept), the right one
 * (saved as typed, the password field emptied), the account shown again, Cancel while a server
 * does not answer, and Remove Account…, asked first. The controls' names and the page at 360 px.
 *
 * With PACTA_MAIL_SHOTS=DIR, a PNG of each state is saved there, to look at. */
#include "config.h"

#include <string.h>

#include "pacta-mail-servers.h"
#include "pacta-preferences-mail-page-private.h"
#include "pacta-preferences-window.h"
#include "pacta-test-gui.h"
#include "pacta-test-util.h"

#define NARROW_WIDTH  360

typedef struct
{
  char             *dir;
  PactaMailServers *servers;
  PactaSecrets     *secrets;
  PactaContext     *context;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = pacta_test_make_dir ();
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
  g_clear_pointer (&f->servers, pacta_mail_servers_stop);
  pacta_mail_transport_set_test_ca (NULL);
  pacta_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* ---- helpers ---------------------------------------------------------------- */

/* The servers, and their CA trusted; FALSE (test skipped) when Dovecot or
 * aiosmtpd is not installed */
static gboolean
start_servers (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->servers = pacta_mail_servers_start (&error);
  if (f->servers == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_test_skip (error->message);
      return FALSE;
    }
  g_assert_no_error (error);
  pacta_mail_transport_set_test_ca (pacta_mail_servers_get_ca_file (f->servers));
  pacta_mail_transport_set_test_timeout (10);
  return TRUE;
}

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
  const char *dir = g_getenv ("PACTA_MAIL_SHOTS");
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

/* Preferences, open on the Mail page */
static PactaPreferencesMailPage *
open_page (Fixture    *f,
           GtkWindow **prefs)
{
  GtkWidget *page;

  *prefs = GTK_WINDOW (pacta_preferences_window_new (NULL, f->context));
  gtk_window_present (*prefs);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (*prefs), "mail");
  page = pacta_test_find_widget (GTK_WIDGET (*prefs), PACTA_TYPE_PREFERENCES_MAIL_PAGE, NULL);
  g_assert_nonnull (page);
  g_assert_true (gtk_widget_get_mapped (page));
  return PACTA_PREFERENCES_MAIL_PAGE (page);
}

static GtkWidget *
row (PactaPreferencesMailPage *page,
     const char               *field)
{
  return pacta_preferences_mail_page_get_row (page, field);
}

static const char *
text (PactaPreferencesMailPage *page,
      const char               *field)
{
  return gtk_editable_get_text (GTK_EDITABLE (row (page, field)));
}

static void
type (PactaPreferencesMailPage *page,
      const char               *field,
      const char               *value)
{
  gtk_editable_set_text (GTK_EDITABLE (row (page, field)), value);
}

static void
type_port (PactaPreferencesMailPage *page,
           const char               *field,
           guint                     port)
{
  g_autofree char *value = g_strdup_printf ("%u", port);

  type (page, field, value);
}

/* "TLS" is the first choice, "STARTTLS" the second */
static void
choose_security (PactaPreferencesMailPage *page,
                 const char               *field,
                 PactaMailSecurity         security)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (row (page, field)), security == PACTA_MAIL_SECURITY_STARTTLS ? 1 : 0);
}

static const char *
security_shown (PactaPreferencesMailPage *page,
                const char               *field)
{
  AdwComboRow *combo = ADW_COMBO_ROW (row (page, field));
  GtkStringObject *item = adw_combo_row_get_selected_item (combo);

  return gtk_string_object_get_string (item);
}

/* The fields for the test servers: IMAP over TLS, SMTP with STARTTLS, as a
 * user types them (the security first, then the port) */
static void
fill_for_servers (Fixture                  *f,
                  PactaPreferencesMailPage *page,
                  const char               *password)
{
  type (page, "imap-host", "127.0.0.1");
  choose_security (page, "imap-security", PACTA_MAIL_SECURITY_TLS);
  type_port (page, "imap-port", pacta_mail_servers_get_imap_port (f->servers, PACTA_MAIL_SECURITY_TLS));
  type (page, "smtp-host", "127.0.0.1");
  choose_security (page, "smtp-security", PACTA_MAIL_SECURITY_STARTTLS);
  type_port (page, "smtp-port", pacta_mail_servers_get_smtp_port (f->servers, PACTA_MAIL_SECURITY_STARTTLS));
  type (page, "user", PACTA_TEST_MAIL_USER);
  type (page, "password", password);
}

static gboolean
test_stopped (gpointer page)
{
  return !pacta_preferences_mail_page_is_busy (page);
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

static gboolean
has_focus (GtkWindow *window,
           GtkWidget *widget)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static char *
kept_password (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  char *password = pacta_secrets_lookup (f->secrets, PACTA_MAIL_SECRET_SERVICE, PACTA_TEST_MAIL_USER "@127.0.0.1",
                                         NULL, &error);

  g_assert_no_error (error);
  return password;
}

/* The password row's Show Text button */
static GtkWidget *
find_peek_button (GtkWidget *root)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  pacta_test_find_all (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      const char *icon = gtk_button_get_icon_name (buttons->pdata[i]);

      if (g_strcmp0 (icon, "view-reveal-symbolic") == 0 || g_strcmp0 (icon, "view-conceal-symbolic") == 0)
        return buttons->pdata[i];
    }
  return NULL;
}

/* What a screen reader says for each control of the page: the rows are
 * named by their titles (no mnemonic, none empty), the buttons by their
 * words without the underscore, the password's Show button by what it does */
static void
check_names (PactaPreferencesMailPage *page)
{
  static const char * const fields[] = {
    "imap-host", "imap-port", "imap-security", "folder", "done-folder", "smtp-host", "smtp-port",
    "smtp-security", "user", "address", "password",
  };
  static const struct { const char *label; const char *name; } buttons[] = {
    { "_Test and Save", "Test and Save" },
    { "_Remove Account…", "Remove Account…" },
    { "_Cancel", "Cancel" },
  };
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *peek;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row (page, fields[i])));

      g_assert_nonnull (title);
      g_assert_cmpstr (title, !=, "");
      g_assert_null (strchr (title, '_'));
      g_assert_false (adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row (page, fields[i]))));
    }
  /* …and so every row of the page */
  pacta_test_find_all (GTK_WIDGET (page), ADW_TYPE_PREFERENCES_ROW, rows);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (fields));
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = pacta_test_find_button (GTK_WIDGET (page), buttons[i].label);

      g_assert_nonnull (button);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, buttons[i].name);
    }
  peek = find_peek_button (row (page, "password"));
  g_assert_nonnull (peek);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (peek), GTK_ACCESSIBLE_PROPERTY_LABEL, "Show the password");
}

/* ---- the tests -------------------------------------------------------------- */

/* A new account's defaults, the ports following the security, ports
 * checked as they are typed, the address following the user name; the
 * controls' names, at 360 px */
static void
test_fields (Fixture       *f,
             gconstpointer  data)
{
  GtkWindow *prefs;
  PactaPreferencesMailPage *page = open_page (f, &prefs);
  GtkWidget *imap_port = row (page, "imap-port");

  g_assert_cmpstr (text (page, "imap-port"), ==, "993");
  g_assert_cmpstr (security_shown (page, "imap-security"), ==, "TLS");
  g_assert_cmpstr (text (page, "smtp-port"), ==, "465");
  g_assert_cmpstr (security_shown (page, "smtp-security"), ==, "TLS");
  g_assert_cmpstr (text (page, "folder"), ==, "INBOX");
  g_assert_cmpstr (text (page, "done-folder"), ==, "");
  g_assert_cmpstr (text (page, "password"), ==, "");
  g_assert_false (pacta_preferences_mail_page_can_save (page));
  g_assert_false (gtk_widget_get_visible (pacta_test_find_button (GTK_WIDGET (page), "_Remove Account…")));
  g_assert_null (pacta_preferences_mail_page_get_error (page));
  check_names (page);
  shoot (prefs, "mail-new");
  check_narrow (prefs, "mail-new");

  /* STARTTLS moves the usual port along, and back */
  choose_security (page, "imap-security", PACTA_MAIL_SECURITY_STARTTLS);
  g_assert_cmpstr (text (page, "imap-port"), ==, "143");
  choose_security (page, "smtp-security", PACTA_MAIL_SECURITY_STARTTLS);
  g_assert_cmpstr (text (page, "smtp-port"), ==, "587");
  choose_security (page, "imap-security", PACTA_MAIL_SECURITY_TLS);
  g_assert_cmpstr (text (page, "imap-port"), ==, "993");
  /* A port of one's own stays */
  type (page, "imap-port", "1993");
  choose_security (page, "imap-security", PACTA_MAIL_SECURITY_STARTTLS);
  g_assert_cmpstr (text (page, "imap-port"), ==, "1993");

  /* The user name is the address while it looks like one… */
  type (page, "user", "support");
  g_assert_cmpstr (text (page, "address"), ==, "");
  type (page, "user", "support@msp.test");
  g_assert_cmpstr (text (page, "address"), ==, "support@msp.test");
  /* …until the address is typed itself */
  type (page, "address", "help@msp.test");
  type (page, "user", "help-desk@msp.test");
  g_assert_cmpstr (text (page, "address"), ==, "help@msp.test");

  /* Test and Save waits for every field it needs, the password last */
  type (page, "imap-host", "imap.msp.test");
  type (page, "smtp-host", "smtp.msp.test");
  g_assert_false (pacta_preferences_mail_page_can_save (page));
  type (page, "password", "secret");
  g_assert_true (pacta_preferences_mail_page_can_save (page));
  type (page, "folder", " ");
  g_assert_false (pacta_preferences_mail_page_can_save (page));
  type (page, "folder", "INBOX");

  /* Ports are 1–65535, said at once, to a screen reader too */
  g_assert_false (gtk_widget_has_css_class (imap_port, "error"));
  for (guint i = 0; i < 4; i++)
    {
      const char *wrong[] = { "0", "65536", "99a", "-1" };

      type (page, "imap-port", wrong[i]);
      g_assert_true (gtk_widget_has_css_class (imap_port, "error"));
      gtk_test_accessible_assert_state (GTK_ACCESSIBLE (imap_port), GTK_ACCESSIBLE_STATE_INVALID,
                                        GTK_ACCESSIBLE_INVALID_TRUE);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (imap_port), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                           "The port is a number from 1 to 65535");
      g_assert_false (pacta_preferences_mail_page_can_save (page));
    }
  shoot (prefs, "mail-wrong-port");
  check_narrow (prefs, "mail-wrong-port");
  type (page, "imap-port", "65535");
  g_assert_false (gtk_widget_has_css_class (imap_port, "error"));
  g_assert_false (gtk_test_accessible_has_state (GTK_ACCESSIBLE (imap_port), GTK_ACCESSIBLE_STATE_INVALID));
  g_assert_true (pacta_preferences_mail_page_can_save (page));
  /* An empty port is missing, not wrong */
  type (page, "smtp-port", "");
  g_assert_false (gtk_widget_has_css_class (row (page, "smtp-port"), "error"));
  g_assert_false (pacta_preferences_mail_page_can_save (page));

  /* Nothing was saved by typing */
  g_assert_null (pacta_context_get_mail_account (f->context));
  gtk_window_destroy (prefs);
}

/* A wrong password: the server's words, nothing kept, every field as typed
 * and the password to fix in focus. Enter in the password is Test and Save.
 * Then the right one: saved as typed, the password field emptied. Opened
 * again, the page shows the account; Remove Account… asks, then forgets it. */
static void
test_save (Fixture       *f,
           gconstpointer  data)
{
  GtkWindow *prefs;
  PactaPreferencesMailPage *page;
  GtkWidget *password;
  GtkEditable *password_text;
  AdwMessageDialog *question;
  g_autoptr(PactaMailAccount) saved = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *imap_port = NULL;
  g_autofree char *smtp_port = NULL;

  if (!start_servers (f))
    return;
  imap_port = g_strdup_printf ("%u", pacta_mail_servers_get_imap_port (f->servers, PACTA_MAIL_SECURITY_TLS));
  smtp_port = g_strdup_printf ("%u", pacta_mail_servers_get_smtp_port (f->servers, PACTA_MAIL_SECURITY_STARTTLS));

  page = open_page (f, &prefs);
  password = row (page, "password");
  /* What Enter in the password's text sets off */
  password_text = gtk_editable_get_delegate (GTK_EDITABLE (password));
  g_assert_nonnull (password_text);
  fill_for_servers (f, page, "wrong");
  type (page, "done-folder", "Done");
  g_assert_cmpstr (text (page, "address"), ==, PACTA_TEST_MAIL_USER);
  g_assert_true (pacta_preferences_mail_page_can_save (page));
  gtk_widget_grab_focus (password);
  g_signal_emit_by_name (password_text, "activate");
  g_assert_true (pacta_preferences_mail_page_is_busy (page));
  g_assert_true (gtk_widget_is_visible (pacta_test_find_widget (GTK_WIDGET (page), GTK_TYPE_LABEL, "Testing…")));
  g_assert_false (gtk_widget_is_sensitive (password));
  g_assert_false (pacta_preferences_mail_page_can_save (page));
  g_assert_true (has_focus (prefs, pacta_test_find_button (GTK_WIDGET (page), "_Cancel")));
  shoot (prefs, "mail-testing");
  pacta_test_wait_until (test_stopped, page);

  g_assert_nonnull (pacta_preferences_mail_page_get_error (page));
  g_assert_nonnull (strstr (pacta_preferences_mail_page_get_error (page), "Authentication failed"));
  g_assert_null (pacta_preferences_mail_page_get_status (page));
  g_assert_null (pacta_context_get_mail_account (f->context));
  kept = kept_password (f);
  g_assert_null (kept);
  g_assert_cmpstr (text (page, "imap-host"), ==, "127.0.0.1");
  g_assert_cmpstr (text (page, "imap-port"), ==, imap_port);
  g_assert_cmpstr (security_shown (page, "imap-security"), ==, "TLS");
  g_assert_cmpstr (text (page, "folder"), ==, "INBOX");
  g_assert_cmpstr (text (page, "done-folder"), ==, "Done");
  g_assert_cmpstr (text (page, "smtp-host"), ==, "127.0.0.1");
  g_assert_cmpstr (text (page, "smtp-port"), ==, smtp_port);
  g_assert_cmpstr (security_shown (page, "smtp-security"), ==, "STARTTLS");
  g_assert_cmpstr (text (page, "user"), ==, PACTA_TEST_MAIL_USER);
  g_assert_cmpstr (text (page, "address"), ==, PACTA_TEST_MAIL_USER);
  g_assert_cmpstr (text (page, "password"), ==, "wrong");
  g_assert_true (gtk_widget_is_sensitive (password));
  g_assert_true (has_focus (prefs, password));
  g_assert_true (pacta_preferences_mail_page_can_save (page));
  shoot (prefs, "mail-error");
  check_narrow (prefs, "mail-error");

  /* Typing again: what went wrong is no longer said */
  type (page, "password", PACTA_TEST_MAIL_PASSWORD);
  g_assert_null (pacta_preferences_mail_page_get_error (page));
  press (GTK_WIDGET (page), "_Test and Save");
  g_assert_true (pacta_preferences_mail_page_is_busy (page));
  pacta_test_wait_until (test_stopped, page);
  g_assert_null (pacta_preferences_mail_page_get_error (page));
  g_assert_cmpstr (pacta_preferences_mail_page_get_status (page), ==, "Saved. Both servers answered.");

  saved = pacta_context_get_mail_account (f->context);
  g_assert_nonnull (saved);
  g_assert_cmpstr (saved->imap_host, ==, "127.0.0.1");
  g_assert_cmpuint (saved->imap_port, ==, pacta_mail_servers_get_imap_port (f->servers, PACTA_MAIL_SECURITY_TLS));
  g_assert_cmpint (saved->imap_security, ==, PACTA_MAIL_SECURITY_TLS);
  g_assert_cmpstr (saved->smtp_host, ==, "127.0.0.1");
  g_assert_cmpuint (saved->smtp_port, ==, pacta_mail_servers_get_smtp_port (f->servers, PACTA_MAIL_SECURITY_STARTTLS));
  g_assert_cmpint (saved->smtp_security, ==, PACTA_MAIL_SECURITY_STARTTLS);
  g_assert_cmpstr (saved->user, ==, PACTA_TEST_MAIL_USER);
  g_assert_cmpstr (saved->address, ==, PACTA_TEST_MAIL_USER);
  g_assert_cmpstr (saved->folder, ==, "INBOX");
  g_assert_cmpstr (saved->done_folder, ==, "Done");
  g_clear_pointer (&kept, g_free);
  kept = kept_password (f);
  g_assert_cmpstr (kept, ==, PACTA_TEST_MAIL_PASSWORD);
  /* The password is the keyring's now */
  g_assert_cmpstr (text (page, "password"), ==, "");
  g_assert_true (gtk_widget_get_visible (pacta_test_find_widget (
    GTK_WIDGET (page), GTK_TYPE_LABEL, "Kept in the keyring; type it again only to change it, or to save a change above.")));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (password), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Kept in the keyring; type it again only to change it, or to save a change above.");
  g_assert_false (pacta_preferences_mail_page_can_save (page));
  g_assert_true (gtk_widget_get_visible (pacta_test_find_button (GTK_WIDGET (page), "_Remove Account…")));
  shoot (prefs, "mail-saved");
  check_narrow (prefs, "mail-saved");
  gtk_window_destroy (prefs);
  pacta_test_drain_events ();

  /* Opened again: the account as it was saved */
  page = open_page (f, &prefs);
  g_assert_cmpstr (text (page, "imap-host"), ==, "127.0.0.1");
  g_assert_cmpstr (text (page, "imap-port"), ==, imap_port);
  g_assert_cmpstr (security_shown (page, "imap-security"), ==, "TLS");
  g_assert_cmpstr (text (page, "smtp-port"), ==, smtp_port);
  g_assert_cmpstr (security_shown (page, "smtp-security"), ==, "STARTTLS");
  g_assert_cmpstr (text (page, "user"), ==, PACTA_TEST_MAIL_USER);
  g_assert_cmpstr (text (page, "address"), ==, PACTA_TEST_MAIL_USER);
  g_assert_cmpstr (text (page, "done-folder"), ==, "Done");
  g_assert_cmpstr (text (page, "password"), ==, "");
  g_assert_null (pacta_preferences_mail_page_get_status (page));
  /* A saved account's address is its own: the user name no longer moves it */
  type (page, "user", "other@msp.test");
  g_assert_cmpstr (text (page, "address"), ==, PACTA_TEST_MAIL_USER);
  type (page, "user", PACTA_TEST_MAIL_USER);
  check_names (page);

  /* Remove Account… asks first; Cancel keeps everything */
  press (GTK_WIDGET (page), "_Remove Account…");
  question = pacta_preferences_mail_page_get_question (page);
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Remove the Mail Account?");
  shoot (GTK_WINDOW (question), "mail-remove-question");
  /* As a click does: the answer, then the question goes */
  press (GTK_WIDGET (question), "_Cancel");
  pacta_test_drain_events ();
  g_assert_null (pacta_preferences_mail_page_get_question (page));
  g_clear_pointer (&saved, pacta_mail_account_free);
  saved = pacta_context_get_mail_account (f->context);
  g_assert_nonnull (saved);

  press (GTK_WIDGET (page), "_Remove Account…");
  question = pacta_preferences_mail_page_get_question (page);
  g_assert_nonnull (question);
  press (GTK_WIDGET (question), "_Remove");
  g_assert_true (pacta_preferences_mail_page_is_busy (page));
  pacta_test_wait_until (test_stopped, page);
  g_assert_null (pacta_preferences_mail_page_get_error (page));
  g_clear_pointer (&saved, pacta_mail_account_free);
  saved = pacta_context_get_mail_account (f->context);
  g_assert_null (saved);
  g_clear_pointer (&kept, g_free);
  kept = kept_password (f);
  g_assert_null (kept);
  /* A new account's fields again */
  g_assert_cmpstr (text (page, "imap-host"), ==, "");
  g_assert_cmpstr (text (page, "imap-port"), ==, "993");
  g_assert_cmpstr (text (page, "user"), ==, "");
  g_assert_false (gtk_widget_get_visible (pacta_test_find_button (GTK_WIDGET (page), "_Remove Account…")));
  g_assert_false (gtk_widget_get_visible (pacta_test_find_widget (
    GTK_WIDGET (page), GTK_TYPE_LABEL, "Kept in the keyring; type it again only to change it, or to save a change above.")));
  gtk_window_destroy (prefs);
}

static gboolean
connection_waiting (gpointer socket)
{
  return g_socket_condition_check (socket, G_IO_IN) != 0;
}

/* An IMAP server that takes the connection and never answers: Cancel stops
 * the test at once, nothing is said or kept, and the fields stay */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GSocket) silent = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *prefs;
  PactaPreferencesMailPage *page;
  guint port;

  if (!start_servers (f))
    return;
  /* Listening, never accepting: the kernel completes the connection, the
   * server never says a word */
  silent = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (silent, any_port, TRUE, &error));
  g_assert_true (g_socket_listen (silent, &error));
  bound = g_socket_get_local_address (silent, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  page = open_page (f, &prefs);
  fill_for_servers (f, page, PACTA_TEST_MAIL_PASSWORD);
  type_port (page, "imap-port", port);
  press (GTK_WIDGET (page), "_Test and Save");
  g_assert_true (pacta_preferences_mail_page_is_busy (page));
  /* The test is waiting for the server's greeting */
  pacta_test_wait_until (connection_waiting, silent);
  press (GTK_WIDGET (page), "_Cancel");
  pacta_test_wait_until (test_stopped, page);

  g_assert_null (pacta_preferences_mail_page_get_error (page));
  g_assert_null (pacta_preferences_mail_page_get_status (page));
  g_assert_null (pacta_context_get_mail_account (f->context));
  g_assert_cmpstr (text (page, "password"), ==, PACTA_TEST_MAIL_PASSWORD);
  g_assert_true (pacta_preferences_mail_page_can_save (page));
  g_assert_true (has_focus (prefs, pacta_test_find_button (GTK_WIDGET (page), "_Test and Save")));
  g_assert_false (gtk_widget_is_visible (pacta_test_find_widget (GTK_WIDGET (page), GTK_TYPE_LABEL, "Testing…")));
  gtk_window_destroy (prefs);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = pacta_test_gui_init (&argc, &argv);

  g_test_add ("/pacta/mail-preferences-ui/fields", Fixture, NULL, fixture_set_up, test_fields, fixture_tear_down);
  g_test_add ("/pacta/mail-preferences-ui/save", Fixture, NULL, fixture_set_up, test_save, fixture_tear_down);
  g_test_add ("/pacta/mail-preferences-ui/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);

  return g_test_run ();
}
