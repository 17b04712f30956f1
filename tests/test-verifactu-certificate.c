/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-verifactu-certificate.c: setting up the certificate the invoice
 * records are sent with — PKCS#12 files made with openssl when the test
 * starts, a keyring of the test's own (keyring-session.sh) — and the
 * command line's --verifactu-certificate, --password-file, --send-records */
#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <string.h>

#include "pacta-clock.h"
#include "pacta-error.h"
#include "pacta-test-util.h"
#include "pacta-verifactu-certificate.h"

#define PASSWORD "Xk9-secreto-unico"
#define OTHER_PASSWORD "otra clave, larga"

static const SecretSchema schema = {
  PACTA_VERIFACTU_CERTIFICATE_SECRET_SCHEMA, SECRET_SCHEMA_NONE,
  {
    { "fingerprint", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

/* ---- certificates ------------------------------------------------------------ */

static char *cert_dir;

static char *
cert_path (const char *name)
{
  return g_build_filename (cert_dir, name, NULL);
}

/* As the FNMT issues them: a person's; a company's representative's; the
 * person's again, exported with another password; one without its key */
static void
make_certificates (void)
{
  g_autofree char *text = NULL;

  cert_dir = pacta_test_make_dir ();
  pacta_test_make_certificate (cert_dir, "person", "/C=ES/serialNumber=IDCES-12345678Z/GN=MARÍA/SN=GARCÍA LÓPEZ"
                               "/CN=GARCÍA LÓPEZ MARÍA - 12345678Z", "400", PASSWORD);
  pacta_test_make_certificate (cert_dir, "company", "/C=ES/O=SISTEMAS LEVANTE\\, SL/organizationIdentifier=VATES-B46000006"
                               "/serialNumber=IDCES-12345678Z/CN=12345678Z MARIA GARCIA (R: B46000006)",
                               "200", OTHER_PASSWORD);
  pacta_test_export_p12 (cert_dir, "person.key", "person.pem", "person-again.p12", OTHER_PASSWORD);
  pacta_test_run_openssl (cert_dir, "pkcs12", "-export", "-nokeys", "-in", "company.pem", "-out", "nokey.p12",
                          "-passout", "pass:" PASSWORD, NULL);
  text = pacta_test_write_file (cert_dir, "notes.p12", "not a certificate\n", -1);
}

/* ---- fixture ------------------------------------------------------------------ */

typedef struct
{
  char          *dir;
  PactaDatabase *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  pacta_test_set_clock ("Europe/Madrid", "2026-12-01T09:30:00+01:00");
  f->dir = pacta_test_make_dir ();
  path = g_build_filename (f->dir, "pacta.sqlite", NULL);
  f->db = pacta_database_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *dir = pacta_verifactu_certificate_get_dir ();

  /* The keyring outlives a test case: each leaves it empty */
  g_assert_true (pacta_verifactu_certificate_remove_sync (f->db, NULL, NULL));
  g_assert_finalize_object (f->db);
  pacta_test_remove_tree (f->dir);
  pacta_test_remove_tree (dir);
  g_free (f->dir);
  pacta_test_clock_reset ();
}

static char *
kept_password (const char *fingerprint)
{
  g_autoptr(GError) error = NULL;
  char *password = secret_password_lookup_sync (&schema, NULL, &error, "fingerprint", fingerprint, NULL);

  g_assert_no_error (error);
  return password;
}

static char *
fingerprint_of (const char *name,
                const char *password)
{
  g_autofree char *path = cert_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaVerifactuCertificate) info = pacta_verifactu_certificate_read_file (path, password, NULL, &error);

  g_assert_no_error (error);
  return g_strdup (info->fingerprint);
}

static PactaVerifactuCertificate *
install (Fixture    *f,
         const char *name,
         const char *password)
{
  g_autofree char *path = cert_path (name);
  g_autoptr(GError) keyring_error = NULL;
  g_autoptr(GError) error = NULL;
  PactaVerifactuCertificate *info;

  info = pacta_verifactu_certificate_install_sync (f->db, path, password, &keyring_error, NULL, &error);
  g_assert_no_error (error);
  g_assert_no_error (keyring_error);
  g_assert_nonnull (info);
  return info;
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

/* Binary files: NULs are no ends */
static gboolean
contains_bytes (const char *haystack,
                gsize       length,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (haystack + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* Every file under @dir, the database's own included, read for @needle */
static gboolean
found_in_files (const char *dir,
                const char *needle)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (found_in_files (path, needle))
            return TRUE;
        }
      else if (g_file_get_contents (path, &contents, &length, NULL) &&
               contains_bytes (contents, length, needle))
        return TRUE;
    }
  return FALSE;
}

static void
assert_mode (const char *path,
             guint       mode)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, mode);
}

/* ---- tests --------------------------------------------------------------------- */

static void
test_install (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PactaVerifactuCertificate) info = install (f, "person.p12", PASSWORD);
  g_autoptr(PactaVerifactuCertificate) loaded = NULL;
  g_autoptr(PactaVerifactuConnection) connection = NULL;
  g_autoptr(GTlsCertificate) public = NULL;
  g_autoptr(GDateTime) not_after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = pacta_verifactu_certificate_get_dir ();
  g_autofree char *original = cert_path ("person.p12");
  g_autofree char *pem = cert_path ("person.pem");
  g_autofree char *setting = NULL;
  g_autofree char *expected_name = NULL;
  g_autofree char *password = NULL;
  g_autofree char *copy_sum = NULL;
  g_autofree char *original_sum = NULL;

  g_assert_cmpstr (info->holder, ==, "GARCÍA LÓPEZ MARÍA");
  g_assert_cmpstr (info->nif, ==, "12345678Z");
  g_assert_cmpstr (info->issuer, ==, "GARCÍA LÓPEZ MARÍA - 12345678Z");
  g_assert_cmpuint (strlen (info->fingerprint), ==, 64);
  /* The expiry is the certificate's own */
  public = g_tls_certificate_new_from_file (pem, &error);
  g_assert_no_error (error);
  g_object_get (public, "not-valid-after", &not_after, NULL);
  g_assert_true (g_date_time_equal (info->not_after, not_after));
  g_assert_cmpint (g_date_time_difference (info->not_after, info->not_before) / G_TIME_SPAN_DAY, ==, 400);

  /* A private copy of the very bytes: folder 0700, file 0600 */
  g_assert_true (g_str_has_prefix (info->path, dir));
  g_assert_true (g_str_has_prefix (dir, g_get_user_data_dir ()));
  assert_mode (dir, 0700);
  assert_mode (info->path, 0600);
  copy_sum = pacta_test_file_checksum (info->path);
  original_sum = pacta_test_file_checksum (original);
  g_assert_cmpstr (copy_sum, ==, original_sum);

  /* The settings name the file; the keyring holds the password */
  setting = pacta_database_get_setting (f->db, PACTA_VERIFACTU_CERTIFICATE_SETTING);
  expected_name = g_strconcat (info->fingerprint, ".p12", NULL);
  g_assert_cmpstr (setting, ==, expected_name);
  password = kept_password (info->fingerprint);
  g_assert_cmpstr (password, ==, PASSWORD);

  /* … and no file of Pacta's, the database least of all */
  g_assert_false (found_in_files (f->dir, PASSWORD));
  g_assert_false (found_in_files (g_get_user_data_dir (), PASSWORD));
  g_assert_false (found_in_files (g_get_user_config_dir (), PASSWORD));

  /* Read back without the password */
  loaded = pacta_verifactu_certificate_load (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->holder, ==, info->holder);
  g_assert_cmpstr (loaded->nif, ==, info->nif);
  g_assert_cmpstr (loaded->fingerprint, ==, info->fingerprint);
  g_assert_cmpstr (loaded->path, ==, info->path);
  g_assert_true (g_date_time_equal (loaded->not_after, info->not_after));

  /* Sending takes the password from the keyring */
  connection = pacta_verifactu_certificate_connect_sync (f->db, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (connection->certificate);
  g_assert_cmpstr (connection->endpoint, ==, PACTA_VERIFACTU_ENDPOINT_PRODUCTION);
}

/* A company's representative: the company's name and NIF */
static void
test_representative (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PactaVerifactuCertificate) info = install (f, "company.p12", OTHER_PASSWORD);

  g_assert_cmpstr (info->holder, ==, "SISTEMAS LEVANTE, SL");
  g_assert_cmpstr (info->nif, ==, "B46000006");
  g_assert_cmpint (g_date_time_difference (info->not_after, info->not_before) / G_TIME_SPAN_DAY, ==, 200);
}

static void
assert_nothing_installed (Fixture *f)
{
  g_autofree char *dir = pacta_verifactu_certificate_get_dir ();
  g_autofree char *setting = pacta_database_get_setting (f->db, PACTA_VERIFACTU_CERTIFICATE_SETTING);
  g_autoptr(PactaVerifactuCertificate) info = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (setting);
  g_assert_cmpuint (count_files (dir), ==, 0);
  info = pacta_verifactu_certificate_load (f->db, &error);
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND);
  g_assert_null (info);
}

static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = cert_path ("person.p12");
  g_autofree char *fingerprint = fingerprint_of ("person.p12", PASSWORD);
  g_autofree char *kept = NULL;
  g_autoptr(PactaVerifactuCertificate) info = NULL;
  g_autoptr(GError) error = NULL;

  info = pacta_verifactu_certificate_install_sync (f->db, path, "wrong", NULL, NULL, &error);
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_WRONG_PASSWORD);
  g_assert_nonnull (strstr (error->message, "person.p12"));
  g_assert_null (info);
  assert_nothing_installed (f);
  kept = kept_password (fingerprint);
  g_assert_null (kept);
}

static void
test_not_a_certificate (Fixture       *f,
                        gconstpointer  data)
{
  const char *names[] = { "notes.p12", "nokey.p12", "person.pem", "missing.p12" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = cert_path (names[i]);
      g_autoptr(PactaVerifactuCertificate) info = NULL;
      g_autoptr(GError) error = NULL;

      info = pacta_verifactu_certificate_install_sync (f->db, path, PASSWORD, NULL, NULL, &error);
      g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE);
      g_assert_null (info);
      g_test_message ("%s: %s", names[i], error->message);
    }
  assert_nothing_installed (f);
}

/* 30 days before it expires, on the app's clock */
static void
test_expiry (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PactaVerifactuCertificate) info = install (f, "company.p12", OTHER_PASSWORD);
  struct { GTimeSpan from_expiry; PactaVerifactuCertificateState state; int days; } cases[] = {
    { -31 * G_TIME_SPAN_DAY, PACTA_VERIFACTU_CERTIFICATE_VALID, 31 },
    { -30 * G_TIME_SPAN_DAY - G_TIME_SPAN_MINUTE, PACTA_VERIFACTU_CERTIFICATE_VALID, 30 },
    { -30 * G_TIME_SPAN_DAY, PACTA_VERIFACTU_CERTIFICATE_EXPIRES_SOON, 30 },
    { -29 * G_TIME_SPAN_DAY, PACTA_VERIFACTU_CERTIFICATE_EXPIRES_SOON, 29 },
    { -G_TIME_SPAN_HOUR, PACTA_VERIFACTU_CERTIFICATE_EXPIRES_SOON, 0 },
    { 0, PACTA_VERIFACTU_CERTIFICATE_EXPIRED, 0 },
    { G_TIME_SPAN_DAY, PACTA_VERIFACTU_CERTIFICATE_EXPIRED, 0 },
  };
  g_autoptr(GDateTime) before = g_date_time_add (info->not_before, -G_TIME_SPAN_DAY);
  int days;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) now = g_date_time_add (info->not_after, cases[i].from_expiry);
      g_autofree char *text = g_date_time_format_iso8601 (now);
      g_autoptr(PactaVerifactuCertificate) loaded = NULL;

      pacta_test_set_clock ("Europe/Madrid", text);
      loaded = pacta_verifactu_certificate_load (f->db, NULL);
      g_assert_cmpint (pacta_verifactu_certificate_get_state (loaded, &days), ==, cases[i].state);
      g_assert_cmpint (days, ==, cases[i].days);
    }
  {
    g_autofree char *text = g_date_time_format_iso8601 (before);

    pacta_test_set_clock ("Europe/Madrid", text);
    g_assert_cmpint (pacta_verifactu_certificate_get_state (info, NULL), ==, PACTA_VERIFACTU_CERTIFICATE_NOT_YET_VALID);
  }
}

/* Another certificate replaces the copy and the password; the same one
 * exported again with another password replaces the password */
static void
test_replace (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PactaVerifactuCertificate) person = install (f, "person.p12", PASSWORD);
  g_autoptr(PactaVerifactuCertificate) company = install (f, "company.p12", OTHER_PASSWORD);
  g_autoptr(PactaVerifactuCertificate) again = NULL;
  g_autoptr(PactaVerifactuCertificate) loaded = NULL;
  g_autoptr(PactaVerifactuConnection) connection = NULL;
  g_autofree char *dir = pacta_verifactu_certificate_get_dir ();
  g_autofree char *old_password = kept_password (person->fingerprint);
  g_autofree char *new_password = kept_password (company->fingerprint);
  g_autofree char *changed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (person->fingerprint, !=, company->fingerprint);
  g_assert_false (g_file_test (person->path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (company->path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (dir), ==, 2);   /* the PKCS#12 file and its public part */
  g_assert_null (old_password);
  g_assert_cmpstr (new_password, ==, OTHER_PASSWORD);
  loaded = pacta_verifactu_certificate_load (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->nif, ==, "B46000006");

  again = install (f, "person-again.p12", OTHER_PASSWORD);
  g_assert_cmpstr (again->fingerprint, ==, person->fingerprint);
  changed = kept_password (again->fingerprint);
  g_assert_cmpstr (changed, ==, OTHER_PASSWORD);
  connection = pacta_verifactu_certificate_connect_sync (f->db, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (connection);
}

static void
test_remove (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PactaVerifactuCertificate) info = install (f, "person.p12", PASSWORD);
  g_autoptr(PactaVerifactuConnection) connection = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (pacta_verifactu_certificate_remove_sync (f->db, NULL, &error));
  g_assert_no_error (error);
  assert_nothing_installed (f);
  kept = kept_password (info->fingerprint);
  g_assert_null (kept);

  /* Sending says how to set it up */
  connection = pacta_verifactu_certificate_connect_sync (f->db, PASSWORD, NULL, &error);
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Spanish Invoicing Rules"));
  g_assert_nonnull (strstr (error->message, "--verifactu-certificate"));
  g_assert_null (connection);

  /* Twice is no error */
  g_assert_true (pacta_verifactu_certificate_remove_sync (f->db, NULL, NULL));
}

/* A password given wins over the keyring; a keyring without it says so */
static void
test_connect_password (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PactaVerifactuCertificate) info = install (f, "person.p12", PASSWORD);
  g_autoptr(PactaVerifactuConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  connection = pacta_verifactu_certificate_connect_sync (f->db, "wrong", NULL, &error);
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_WRONG_PASSWORD);
  g_assert_null (connection);
  g_clear_error (&error);

  g_assert_true (secret_password_clear_sync (&schema, NULL, &error, "fingerprint", info->fingerprint, NULL));
  g_assert_no_error (error);
  connection = pacta_verifactu_certificate_connect_sync (f->db, NULL, NULL, &error);
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_PASSWORD_REQUIRED);
  g_assert_nonnull (strstr (error->message, "--password-file"));
  g_assert_null (connection);
  g_clear_error (&error);

  connection = pacta_verifactu_certificate_connect_sync (f->db, PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (connection->certificate);
}

/* The window's way: nothing blocks, the database only on its thread */
static void
on_async_done_cb (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = cert_path ("company.p12");
  g_autoptr(GAsyncResult) installed = NULL;
  g_autoptr(GAsyncResult) connected = NULL;
  g_autoptr(GAsyncResult) wrong = NULL;
  g_autoptr(GAsyncResult) removed = NULL;
  g_autoptr(PactaVerifactuCertificate) info = NULL;
  g_autoptr(PactaVerifactuConnection) connection = NULL;
  g_autoptr(GError) keyring_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;

  pacta_verifactu_certificate_install_async (f->db, path, "wrong", NULL, on_async_done_cb, &wrong);
  info = pacta_verifactu_certificate_install_finish (f->db, wait_for (&wrong), NULL, &error);
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_WRONG_PASSWORD);
  g_assert_null (info);
  g_clear_error (&error);

  pacta_verifactu_certificate_install_async (f->db, path, OTHER_PASSWORD, NULL, on_async_done_cb, &installed);
  info = pacta_verifactu_certificate_install_finish (f->db, wait_for (&installed), &keyring_error, &error);
  g_assert_no_error (error);
  g_assert_no_error (keyring_error);
  g_assert_cmpstr (info->nif, ==, "B46000006");
  kept = kept_password (info->fingerprint);
  g_assert_cmpstr (kept, ==, OTHER_PASSWORD);

  pacta_verifactu_certificate_connect_async (f->db, NULL, NULL, on_async_done_cb, &connected);
  connection = pacta_verifactu_certificate_connect_finish (f->db, wait_for (&connected), &error);
  g_assert_no_error (error);
  g_assert_nonnull (connection->certificate);

  pacta_verifactu_certificate_remove_async (f->db, NULL, on_async_done_cb, &removed);
  g_assert_true (pacta_verifactu_certificate_remove_finish (f->db, wait_for (&removed), &error));
  g_assert_no_error (error);
  assert_nothing_installed (f);
  g_clear_pointer (&kept, g_free);
  kept = kept_password (info->fingerprint);
  g_assert_null (kept);
}

/* A server without a keyring: installed all the same, and told so; the
 * password is then given each time */
static void
test_no_keyring (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = cert_path ("person.p12");
  g_autoptr(PactaVerifactuCertificate) info = NULL;
  g_autoptr(PactaVerifactuConnection) connection = NULL;
  g_autoptr(GError) keyring_error = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_test_subprocess ())
    {
      /* In a process of its own: the session bus, once reached, stays */
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus", TRUE);
  info = pacta_verifactu_certificate_install_sync (f->db, path, PASSWORD, &keyring_error, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (info);
  g_assert_error (keyring_error, PACTA_ERROR, PACTA_ERROR_KEYRING);
  g_assert_nonnull (strstr (keyring_error->message, "--password-file"));
  g_assert_true (g_file_test (info->path, G_FILE_TEST_IS_REGULAR));
  g_assert_false (found_in_files (f->dir, PASSWORD));
  g_assert_false (found_in_files (g_get_user_data_dir (), PASSWORD));

  connection = pacta_verifactu_certificate_connect_sync (f->db, NULL, NULL, &error);
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_PASSWORD_REQUIRED);
  g_assert_null (connection);
  g_clear_error (&error);
  connection = pacta_verifactu_certificate_connect_sync (f->db, PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (connection->certificate);
}

/* ---- the command line ------------------------------------------------------------ */

static int
run_pacta (Fixture     *f,
           char       **out,
           char       **err,
           const char  *bus,
           const char  *now,
           const char  *first,
           ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  va_list args;

  if (bus != NULL)
    g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", bus, TRUE);
  g_subprocess_launcher_setenv (launcher, "PACTA_NOW", now, TRUE);
  /* The child's folders are this test case's (GLib isolates them in this
   * process only) */
  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  /* Never the agency: nothing answers there */
  g_subprocess_launcher_setenv (launcher, "PACTA_VERIFACTU_ENDPOINT", "https://127.0.0.1:9/nowhere", TRUE);
  g_ptr_array_add (argv, g_strdup (g_getenv ("PACTA_BIN")));
  g_ptr_array_add (argv, g_strdup ("--database"));
  g_ptr_array_add (argv, g_strdup (pacta_database_get_path (f->db)));
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, g_str_has_suffix (a, ".p12") || g_str_has_prefix (a, "password") ? cert_path (a)
                                                                                              : g_strdup (a));
  va_end (args);
  g_ptr_array_add (argv, NULL);
  child = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (child, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_test_message ("pacta: %d\n%s%s", g_subprocess_get_exit_status (child), *out, *err);
  return g_subprocess_get_exit_status (child);
}

/* A moment in the certificate's life, for the child's clock */
static char *
moment (const char *name,
        GTimeSpan   from_expiry)
{
  g_autofree char *path = cert_path (name);
  g_autoptr(GTlsCertificate) tls = NULL;
  g_autoptr(GDateTime) not_after = NULL;
  g_autoptr(GDateTime) when = NULL;

  tls = g_tls_certificate_new_from_file (path, NULL);
  g_assert_nonnull (tls);
  g_object_get (tls, "not-valid-after", &not_after, NULL);
  when = g_date_time_add (not_after, from_expiry);
  return g_date_time_format_iso8601 (when);
}

static void
test_command_line (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *fingerprint = fingerprint_of ("person.p12", PASSWORD);
  g_autofree char *kept = NULL;
  g_autofree char *in_a_year = moment ("person.pem", -35 * G_TIME_SPAN_DAY);
  g_autofree char *soon = moment ("person.pem", -10 * G_TIME_SPAN_DAY);
  g_autofree char *password_file = pacta_test_write_file (cert_dir, "password", PASSWORD "\n", -1);
  g_autofree char *wrong_file = pacta_test_write_file (cert_dir, "password-wrong", "wrong\n", -1);

  /* Nothing set up: sending says how */
  g_assert_cmpint (run_pacta (f, &out, &err, NULL, in_a_year, "--send-records", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--verifactu-certificate"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_pacta (f, &out, &err, NULL, in_a_year, "--password-file", "password", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--password-file goes with"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A wrong password: refused, nothing installed */
  g_assert_cmpint (run_pacta (f, &out, &err, NULL, in_a_year, "--verifactu-certificate", "person.p12",
                              "--password-file", "password-wrong", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "password"));
  g_assert_null (pacta_database_get_setting (f->db, PACTA_VERIFACTU_CERTIFICATE_SETTING));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Set up alone, with what it holds said */
  g_assert_cmpint (run_pacta (f, &out, &err, NULL, in_a_year, "--verifactu-certificate", "person.p12",
                              "--password-file", "password", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Holder: GARCÍA LÓPEZ MARÍA\n"));
  g_assert_nonnull (strstr (out, "NIF: 12345678Z\n"));
  g_assert_nonnull (strstr (out, "Valid until: "));
  g_assert_nonnull (strstr (out, "kept in the keyring"));
  g_assert_cmpstr (err, ==, "");
  kept = kept_password (fingerprint);
  g_assert_cmpstr (kept, ==, PASSWORD);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Sending uses it, with the keyring's password (no records yet) and
   * warns 30 days before it expires */
  g_assert_cmpint (run_pacta (f, &out, &err, NULL, soon, "--send-records", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "No invoice records to send"));
  g_assert_nonnull (strstr (err, "expires in 10 days"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* A password file given wins over the keyring */
  g_assert_cmpint (run_pacta (f, &out, &err, NULL, in_a_year, "--send-records",
                              "--password-file", "password-wrong", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "password"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
}

/* Headless: no Secret Service at all */
static void
test_command_line_no_keyring (Fixture       *f,
                              gconstpointer  data)
{
  const char *nowhere = "unix:path=/nonexistent/bus";
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *in_a_year = moment ("company.pem", -35 * G_TIME_SPAN_DAY);
  g_autofree char *password_file = pacta_test_write_file (cert_dir, "password-other", OTHER_PASSWORD, -1);
  g_autofree char *setting = NULL;

  g_assert_cmpint (run_pacta (f, &out, &err, nowhere, in_a_year, "--verifactu-certificate", "company.p12",
                              "--password-file", "password-other", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "NIF: B46000006\n"));
  g_assert_nonnull (strstr (err, "could not be kept in the keyring"));
  g_assert_nonnull (strstr (err, "--send-records --password-file FILE"));
  setting = pacta_database_get_setting (f->db, PACTA_VERIFACTU_CERTIFICATE_SETTING);
  g_assert_nonnull (setting);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Stdin is no terminal: no asking, but saying what to give */
  g_assert_cmpint (run_pacta (f, &out, &err, nowhere, in_a_year, "--send-records", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "keyring"));
  g_assert_nonnull (strstr (err, "--password-file"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_pacta (f, &out, &err, nowhere, in_a_year, "--send-records",
                              "--password-file", "password-other", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "No invoice records to send"));
  g_assert_false (found_in_files (f->dir, OTHER_PASSWORD));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  make_certificates ();

#define ADD(path, func) \
  g_test_add ("/pacta/verifactu-certificate/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("install", test_install);
  ADD ("representative", test_representative);
  ADD ("wrong-password", test_wrong_password);
  ADD ("not-a-certificate", test_not_a_certificate);
  ADD ("expiry", test_expiry);
  ADD ("replace", test_replace);
  ADD ("remove", test_remove);
  ADD ("connect-password", test_connect_password);
  ADD ("async", test_async);
  ADD ("no-keyring", test_no_keyring);
  ADD ("command-line", test_command_line);
  ADD ("command-line-no-keyring", test_command_line_no_keyring);
#undef ADD

  status = g_test_run ();
  pacta_test_remove_tree (cert_dir);
  g_free (cert_dir);
  return status;
}
