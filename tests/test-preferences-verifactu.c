/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-preferences-verifactu.c: Preferences → Sending to the Tax Agency —
 * the environment, the certificate chosen, installed, warned about and
 * removed through the page (PKCS#12 files made with openssl when the test
 * starts, a keyring of the test's own: keyring-session.sh), and Send Now.
 *
 * To look at the page: PACTA_PREFS_SHOTS=DIR saves it as PNGs, 360 px wide
 * (with LANGUAGE=es and PACTA_LOCALEDIR=DIR, in Spanish):
 *   PACTA_PREFS_SHOTS=/tmp/shots xvfb-run -a meson test -C build preferences-verifactu */
#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pacta-billing-run.h"
#include "pacta-clock.h"
#include "pacta-msp.h"
#include "pacta-preferences-window.h"
#include "pacta-preferences-window-private.h"
#include "pacta-test-gui.h"
#include "pacta-test-util.h"
#include "pacta-verifactu-certificate.h"
#include "pacta-verifactu-service.h"
#include "pacta-verifactu.h"

#define PASSWORD "Xk9-secreto-unico"
#define NARROW_WIDTH 360

static char *cert_dir;

/* ---- certificates -------------------------------------------------------------- */

static char *
cert_path (const char *name)
{
  return g_build_filename (cert_dir, name, NULL);
}

/* A company's representative's, as the FNMT issues them; a file that is none */
static void
make_certificates (void)
{
  g_autofree char *text = NULL;

  cert_dir = pacta_test_make_dir ();
  pacta_test_make_certificate (cert_dir, "company", "/C=ES/O=SISTEMAS LEVANTE\\, SL/organizationIdentifier=VATES-B46000006"
                               "/serialNumber=IDCES-12345678Z/CN=12345678Z MARIA GARCIA (R: B46000006)",
                               "400", PASSWORD);
  text = pacta_test_write_file (cert_dir, "notes.p12", "not a certificate\n", -1);
}

/* The certificate was made today, by the real clock; the app's clock is
 * set from its dates, so that the test sees the same days whenever it runs */
static void
set_clock_before_expiry (const char *name,
                         int         days)
{
  g_autofree char *path = cert_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaVerifactuCertificate) info = pacta_verifactu_certificate_read_file (path, PASSWORD, NULL, &error);
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (info->not_after);
  when = g_date_time_add_days (info->not_after, -days);
  text = g_date_time_format_iso8601 (when);
  pacta_test_set_clock ("Europe/Madrid", text);
}

/* ---- fixture ----------------------------------------------------------------- */

typedef struct
{
  char                   *dir;
  PactaContext           *context;
  PactaDatabase          *db;
  PactaVerifactuService  *sending;
  PactaPreferencesWindow *prefs;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  /* Records made at 09:30 */
  pacta_test_set_clock ("Europe/Madrid", "2026-12-01T09:30:00+01:00");
  f->dir = pacta_test_make_dir ();
  f->context = pacta_test_open_billable (f->dir);
  f->db = pacta_context_get_database (f->context);
  pacta_test_save_spanish_msp (f->db, "ESB46000006");
  f->prefs = pacta_preferences_window_new (NULL, f->context);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (f->prefs), "invoicing");
  gtk_window_set_default_size (GTK_WINDOW (f->prefs), NARROW_WIDTH, 640);
  gtk_window_present (GTK_WINDOW (f->prefs));
  pacta_test_drain_events ();
}

static gboolean
is_not_sending (gpointer data)
{
  Fixture *f = data;

  return pacta_verifactu_service_get_state (f->sending) != PACTA_SENDING_SENDING;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *dir = pacta_verifactu_certificate_get_dir ();

  gtk_window_destroy (GTK_WINDOW (f->prefs));
  pacta_test_drain_events ();
  if (f->sending != NULL)
    {
      /* Its worker has its own connection to the file */
      pacta_test_wait_until (is_not_sending, f);
      g_assert_finalize_object (f->sending);
    }
  /* The keyring outlives a test case: each leaves it empty */
  g_assert_true (pacta_verifactu_certificate_remove_sync (f->db, NULL, NULL));
  g_assert_finalize_object (f->context);
  pacta_test_remove_tree (f->dir);
  pacta_test_remove_tree (dir);
  g_free (f->dir);
  pacta_test_clock_reset ();
}

/* ---- the page, as a user sees it ---------------------------------------------- */

static GtkWidget *
row (Fixture    *f,
     const char *title)
{
  GtkWidget *found = pacta_test_find_row (GTK_WIDGET (f->prefs), title);

  g_assert_nonnull (found);
  return found;
}

static const char *
row_text (Fixture    *f,
          const char *title)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row (f, title)));
}

static gboolean
row_shown (Fixture    *f,
           const char *title)
{
  return gtk_widget_get_visible (row (f, title));
}

/* The warning's icon (the row has one of its own, unused) */
static GtkWidget *
expiry_icon (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_IMAGE (child) && gtk_image_get_icon_name (GTK_IMAGE (child)) != NULL &&
          g_str_has_prefix (gtk_image_get_icon_name (GTK_IMAGE (child)), "dialog-"))
        return child;
      if ((found = expiry_icon (child)))
        return found;
    }
  return NULL;
}

/* The button whose text (mnemonic and all) is @label */
static GtkWidget *
button (Fixture    *f,
        const char *label)
{
  GtkWidget *text = pacta_test_find_widget (GTK_WIDGET (f->prefs), GTK_TYPE_LABEL, label);
  GtkWidget *found = text != NULL ? gtk_widget_get_ancestor (text, GTK_TYPE_BUTTON) : NULL;

  g_assert_nonnull (found);
  return found;
}

/* As a click: now, not after a key press's moment */
static void
click (GtkWidget *widget)
{
  g_assert_true (gtk_widget_is_sensitive (widget));
  g_assert_true (gtk_widget_get_focusable (widget));
  g_signal_emit_by_name (widget, "clicked");
}

static gboolean
is_idle (gpointer data)
{
  return !pacta_preferences_window_get_certificate_busy (data);
}

static AdwMessageDialog *
dialog (Fixture *f)
{
  AdwMessageDialog *shown = pacta_preferences_window_get_certificate_dialog (f->prefs);

  g_assert_nonnull (shown);
  return shown;
}

static gboolean
is_answered (gpointer data)
{
  Fixture *f = data;

  return pacta_preferences_window_get_certificate_dialog (f->prefs) == NULL ||
         pacta_preferences_window_get_certificate_busy (f->prefs);
}

/* Types @password in the password dialog and presses Enter */
static void
type_password (Fixture    *f,
               const char *password)
{
  AdwMessageDialog *asking = dialog (f);
  GtkWidget *entry = adw_message_dialog_get_extra_child (asking);
  GtkWidget *text;

  g_assert_true (GTK_IS_PASSWORD_ENTRY (entry));
  g_assert_true (gtk_widget_has_focus (entry) || gtk_widget_is_focus (gtk_window_get_focus (GTK_WINDOW (asking))));
  gtk_editable_set_text (GTK_EDITABLE (entry), password);
  text = pacta_test_find_widget (entry, GTK_TYPE_TEXT, NULL);
  g_assert_nonnull (text);
  g_signal_emit_by_name (text, "activate");
  /* Answered (a button pressed from the keyboard is clicked a moment
   * later): the question goes, and the certificate is worked on */
  pacta_test_wait_until (is_answered, f);
  pacta_test_wait_until (is_idle, f->prefs);
  pacta_test_drain_events ();
}

/* Clicks the dialog's button labelled @label */
static void
respond (Fixture    *f,
         const char *label)
{
  GtkWidget *text = pacta_test_find_widget (GTK_WIDGET (dialog (f)), GTK_TYPE_LABEL, label);

  g_assert_nonnull (text);
  g_signal_emit_by_name (gtk_widget_get_ancestor (text, GTK_TYPE_BUTTON), "clicked");
  g_assert_null (pacta_preferences_window_get_certificate_dialog (f->prefs));
}

static void
choose (Fixture    *f,
        const char *name)
{
  g_autofree char *path = cert_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  pacta_preferences_window_choose_certificate (f->prefs, file);
  pacta_test_drain_events ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog (f)), ==, _("Certificate Password"));
}

static void
install (Fixture *f)
{
  choose (f, "company.p12");
  type_password (f, PASSWORD);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* ---- looking at it ------------------------------------------------------------ */

/* Nothing in the group shortened with "…" at 360 px */
static void
assert_nothing_cut (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child) && pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (child))))
        g_test_fail_printf ("“%s” is cut short", gtk_label_get_label (GTK_LABEL (child)));
      assert_nothing_cut (child);
    }
}

static void
save_shot (GtkWidget  *window,
           const char *what)
{
  const char *dir = g_getenv ("PACTA_PREFS_SHOTS");
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  pacta_test_wait_frame (window);
  name = g_strdup_printf ("%s-%s.png", g_getenv ("LANGUAGE") != NULL ? g_getenv ("LANGUAGE") : "en", what);
  path = g_build_filename (dir, name, NULL);
  g_mkdir_with_parents (dir, 0700);
  g_assert_true (pacta_test_save_png (window, path));
  g_test_message ("Saved %s (%d × %d)", path, gtk_widget_get_width (window), gtk_widget_get_height (window));
}

/* The sending group scrolled into view, 360 px wide at most, nothing in
 * it cut short; with PACTA_PREFS_SHOTS=DIR, saved as DIR/LANGUAGE-WHAT.png,
 * and the dialog shown over it, if any, as DIR/LANGUAGE-WHAT-dialog.png */
static void
look (Fixture    *f,
      const char *what)
{
  GtkWidget *window = GTK_WIDGET (f->prefs);
  GtkWidget *group = gtk_widget_get_ancestor (row (f, _("Mode")), ADW_TYPE_PREFERENCES_GROUP);
  GtkWidget *scrolled = gtk_widget_get_ancestor (group, GTK_TYPE_SCROLLED_WINDOW);
  AdwMessageDialog *shown = pacta_preferences_window_get_certificate_dialog (f->prefs);

  g_assert_cmpint (pacta_test_min_width (window), <=, NARROW_WIDTH);
  if (shown != NULL)
    g_assert_cmpint (pacta_test_min_width (GTK_WIDGET (shown)), <=, NARROW_WIDTH);
  /* Its top, then its end */
  for (guint end = 0; end < 2; end++)
    {
      g_autofree char *name = g_strconcat (what, end ? "-end" : "", NULL);

      for (guint i = 0; i < 10; i++)
        {
          GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
          graphene_rect_t bounds;

          pacta_test_drain_events ();
          g_assert_true (gtk_widget_compute_bounds (group,
                                                    gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                                    &bounds));
          /* The bounds are in the viewport, which has scrolled already */
          bounds.origin.y += gtk_adjustment_get_value (adjustment);
          gtk_adjustment_set_value (adjustment, end ? bounds.origin.y + bounds.size.height
                                                      - gtk_adjustment_get_page_size (adjustment) + 12
                                                    : bounds.origin.y);
          g_usleep (G_USEC_PER_SEC / 50);
        }
      pacta_test_drain_events ();
      save_shot (window, name);
    }
  assert_nothing_cut (group);

  if (shown != NULL)
    {
      g_autofree char *name = g_strconcat (what, "-dialog", NULL);

      assert_nothing_cut (GTK_WIDGET (shown));
      save_shot (GTK_WIDGET (shown), name);
    }
}

/* ---- tests ------------------------------------------------------------------- */

/* Production by default; the test environment is stored when chosen */
static void
test_environment (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PactaVerifactuSettings) settings = NULL;
  PactaPreferencesWindow *again;

  g_assert_true (row_shown (f, _("Mode")));
  g_assert_nonnull (strstr (row_text (f, _("Mode")), "VERI*FACTU"));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row (f, _("Environment")))), ==, 0);
  /* The rules' NIF is set apart: the environment is saved alone */
  g_assert_true (pacta_preferences_window_set_environment (f->prefs, PACTA_VERIFACTU_TEST));
  settings = pacta_verifactu_settings_load (f->db, NULL);
  g_assert_cmpstr (settings->environment, ==, PACTA_VERIFACTU_TEST);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM settings WHERE key = 'verifactu-environment'"
                                               " AND value = 'test'", NULL), ==, 1);

  /* Shown so when opened again */
  again = pacta_preferences_window_new (NULL, f->context);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (pacta_test_find_row (GTK_WIDGET (again),
                                                                                    _("Environment")))), ==, 1);
  gtk_window_destroy (GTK_WINDOW (again));

  /* The rules' Save keeps it */
  g_assert_true (pacta_preferences_window_save_verifactu (f->prefs, TRUE, "B46000006"));
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM settings WHERE key = 'verifactu-environment'"
                                               " AND value = 'test'", NULL), ==, 1);
  g_assert_true (pacta_preferences_window_set_environment (f->prefs, PACTA_VERIFACTU_PRODUCTION));
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM settings WHERE key = 'verifactu-environment'"
                                               " AND value = 'production'", NULL), ==, 1);
}

/* Chosen, its password typed and Enter: holder, NIF, issuer, expiry shown */
static void
test_install (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PactaVerifactuCertificate) installed = NULL;

  set_clock_before_expiry ("company.p12", 200);
  g_assert_true (row_shown (f, _("No Certificate")));
  g_assert_false (row_shown (f, _("Certificate Holder")));
  look (f, "none");
  install (f);

  g_assert_null (pacta_preferences_window_get_certificate_dialog (f->prefs));
  installed = pacta_verifactu_certificate_load (f->db, NULL);
  g_assert_nonnull (installed);
  g_assert_false (row_shown (f, _("No Certificate")));
  g_assert_true (row_shown (f, _("Certificate Holder")));
  g_assert_cmpstr (row_text (f, _("Certificate Holder")), ==, installed->holder);
  g_assert_cmpstr (row_text (f, _("Certificate Holder")), ==, "SISTEMAS LEVANTE, SL");
  g_assert_cmpstr (row_text (f, _("NIF")), ==, "B46000006");
  g_assert_cmpstr (row_text (f, _("Issued By")), ==, installed->issuer);
  /* 200 days left: the day alone, no warning */
  {
    g_autoptr(GDateTime) local = g_date_time_to_timezone (installed->not_after, g_date_time_get_timezone (pacta_now ()));
    g_autofree char *day = g_date_time_format (local, _("%Y-%m-%d"));

    g_assert_cmpstr (row_text (f, _("Valid Until")), ==, day);
  }
  g_assert_false (gtk_widget_get_visible (expiry_icon (row (f, _("Valid Until")))));
  look (f, "installed");
}

/* A wrong password is said, asked again, and nothing is installed */
static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *dir = pacta_verifactu_certificate_get_dir ();
  GtkWidget *entry;

  choose (f, "company.p12");
  type_password (f, "not the password");
  g_assert_null (pacta_verifactu_certificate_load (f->db, NULL));
  g_assert_true (row_shown (f, _("No Certificate")));
  g_assert_cmpuint (count_files (dir), ==, 0);

  /* Asked again, for the same file */
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog (f)), ==, _("Certificate Password"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog (f)), "company.p12"));
  entry = adw_message_dialog_get_extra_child (dialog (f));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  look (f, "wrong-password");
  type_password (f, PASSWORD);
  g_assert_true (row_shown (f, _("Certificate Holder")));
  g_assert_nonnull (pacta_verifactu_certificate_load (f->db, NULL));

  /* Cancel asks no more */
  choose (f, "company.p12");
  gtk_window_close (GTK_WINDOW (dialog (f)));
  pacta_test_drain_events ();
  g_assert_null (pacta_preferences_window_get_certificate_dialog (f->prefs));
  g_assert_false (pacta_preferences_window_get_certificate_busy (f->prefs));
}

/* A file that is no certificate: said so, nothing installed */
static void
test_not_a_certificate (Fixture       *f,
                        gconstpointer  data)
{
  choose (f, "notes.p12");
  type_password (f, PASSWORD);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog (f)), ==, _("Not a Certificate Pacta Can Use"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog (f)), "notes.p12"));
  g_assert_null (pacta_verifactu_certificate_load (f->db, NULL));
  g_assert_true (row_shown (f, _("No Certificate")));
}

/* Warned 20 days before it expires, and once it has */
static void
test_expiry_warning (Fixture       *f,
                     gconstpointer  data)
{
  PactaPreferencesWindow *later;
  GtkWidget *icon;

  install (f);
  gtk_window_destroy (GTK_WINDOW (f->prefs));

  set_clock_before_expiry ("company.p12", 20);
  f->prefs = pacta_preferences_window_new (NULL, f->context);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (f->prefs), "invoicing");
  gtk_window_set_default_size (GTK_WINDOW (f->prefs), NARROW_WIDTH, 640);
  gtk_window_present (GTK_WINDOW (f->prefs));
  pacta_test_drain_events ();
  /* An icon in the warning's colour, and words */
  icon = expiry_icon (row (f, _("Valid Until")));
  g_assert_true (gtk_widget_get_visible (icon));
  g_assert_true (gtk_widget_has_css_class (icon, "warning"));
  if (g_getenv ("LANGUAGE") == NULL)
    g_assert_nonnull (strstr (row_text (f, _("Valid Until")), "expires in 20 days"));
  look (f, "expires-soon");

  set_clock_before_expiry ("company.p12", -1);
  later = pacta_preferences_window_new (NULL, f->context);
  icon = expiry_icon (pacta_test_find_row (GTK_WIDGET (later), _("Valid Until")));
  g_assert_true (gtk_widget_get_visible (icon));
  g_assert_true (gtk_widget_has_css_class (icon, "error"));
  if (g_getenv ("LANGUAGE") == NULL)
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (pacta_test_find_row (GTK_WIDGET (later),
                                                                                                 _("Valid Until")))),
                              "expired"));
  gtk_window_destroy (GTK_WINDOW (later));
}

/* Remove asks first; then the certificate, its copy and its password go */
static void
test_remove (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PactaVerifactuCertificate) installed = NULL;
  g_autofree char *copy = NULL;

  install (f);
  installed = pacta_verifactu_certificate_load (f->db, NULL);
  g_assert_nonnull (installed);
  copy = g_strdup (installed->path);
  g_assert_true (g_file_test (copy, G_FILE_TEST_EXISTS));

  /* Cancelled: nothing goes */
  click (button (f, _("Re_move")));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog (f)), ==, _("Remove the Certificate?"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog (f)), ==, "cancel");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog (f), "remove"), ==, ADW_RESPONSE_DESTRUCTIVE);
  look (f, "remove");
  gtk_window_close (GTK_WINDOW (dialog (f)));
  pacta_test_drain_events ();
  g_assert_false (pacta_preferences_window_get_certificate_busy (f->prefs));
  g_assert_true (row_shown (f, _("Certificate Holder")));

  click (button (f, _("Re_move")));
  respond (f, _("_Remove"));
  pacta_test_wait_until (is_idle, f->prefs);
  pacta_test_drain_events ();
  g_assert_null (pacta_verifactu_certificate_load (f->db, NULL));
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_true (row_shown (f, _("No Certificate")));
  g_assert_false (row_shown (f, _("Certificate Holder")));
}

typedef struct
{
  Fixture *f;
  guint    changes;
} Counter;

static void
on_changed_cb (PactaVerifactuService *service,
               Counter               *counter)
{
  counter->changes++;
}

static gboolean
shows_service (gpointer data)
{
  Fixture *f = data;
  g_autofree char *text = pacta_verifactu_service_describe (f->sending);

  return text != NULL && g_strcmp0 (row_text (f, _("Invoice Records")), text) == 0;
}

/* Send Now asks the sender; the records' row follows what it says */
static void
test_send_now (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = NULL;
  g_autofree char *expected = NULL;
  Counter counter = { f, 0 };
  GtkWidget *send;

  /* Nothing sent yet, and no sender: the page says where sending happens */
  g_assert_cmpstr (row_text (f, _("Last Reply")), ==, _("None yet"));
  send = button (f, _("Se_nd Now"));
  g_assert_false (gtk_widget_get_sensitive (send));

  g_assert_true (pacta_preferences_window_save_verifactu (f->prefs, TRUE, "B46000006"));
  numbers = pacta_billing_commit (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (numbers), >, 0);
  g_assert_true (pacta_context_sync (f->context, NULL));

  f->sending = pacta_verifactu_service_new (f->context, NULL);
  g_signal_connect (f->sending, "changed", G_CALLBACK (on_changed_cb), &counter);
  pacta_preferences_window_set_sending (f->prefs, f->sending);
  pacta_test_drain_events ();
  g_assert_cmpint (pacta_verifactu_service_get_state (f->sending), ==, PACTA_SENDING_NOT_SET_UP);
  expected = pacta_verifactu_service_describe (f->sending);
  g_assert_cmpstr (row_text (f, _("Invoice Records")), ==, expected);
  /* No certificate: nothing to send with */
  g_assert_false (gtk_widget_get_sensitive (send));
  look (f, "not-set-up");

  /* With one, the sender tries at once (a closed port here: it fails, and
   * says so in the row) */
  install (f);
  g_assert_true (gtk_widget_get_sensitive (send));
  pacta_test_wait_until (is_not_sending, f);
  pacta_test_wait_until (shows_service, f);
  look (f, "tried");

  counter.changes = 0;
  click (send);
  g_assert_cmpuint (counter.changes, >, 0);
  pacta_test_wait_until (is_not_sending, f);
  pacta_test_wait_until (shows_service, f);

  /* A window without a sender says where sending happens */
  pacta_preferences_window_set_sending (f->prefs, NULL);
  g_assert_false (gtk_widget_get_sensitive (send));
  g_signal_handlers_disconnect_by_data (f->sending, &counter);
}

int
main (int   argc,
      char *argv[])
{
  /* With LANGUAGE=es and the catalogs built (PACTA_LOCALEDIR), in Spanish;
   * the certificates' private folder in the test's own data folder */
  g_autofree char *data_home = pacta_test_gui_init (&argc, &argv);
  int status;

  /* Never the agency: a port nothing listens on */
  g_setenv ("PACTA_VERIFACTU_ENDPOINT", "https://127.0.0.1:9/verifactu", TRUE);
  make_certificates ();

  g_test_add ("/pacta/preferences-verifactu/environment", Fixture, NULL, fixture_set_up, test_environment, fixture_tear_down);
  g_test_add ("/pacta/preferences-verifactu/install", Fixture, NULL, fixture_set_up, test_install, fixture_tear_down);
  g_test_add ("/pacta/preferences-verifactu/wrong-password", Fixture, NULL, fixture_set_up, test_wrong_password, fixture_tear_down);
  g_test_add ("/pacta/preferences-verifactu/not-a-certificate", Fixture, NULL, fixture_set_up, test_not_a_certificate, fixture_tear_down);
  g_test_add ("/pacta/preferences-verifactu/expiry-warning", Fixture, NULL, fixture_set_up, test_expiry_warning, fixture_tear_down);
  g_test_add ("/pacta/preferences-verifactu/remove", Fixture, NULL, fixture_set_up, test_remove, fixture_tear_down);
  g_test_add ("/pacta/preferences-verifactu/send-now", Fixture, NULL, fixture_set_up, test_send_now, fixture_tear_down);

  status = g_test_run ();
  pacta_test_remove_tree (cert_dir);
  pacta_test_remove_tree (data_home);
  return status;
}
