/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-verifactu-certificate.c: installing the certificate the invoice
 * records are sent with, and connecting with it.
 *
 * Installing reads the PKCS#12 file with its password (so a wrong one is
 * refused at once, not at the first send), copies its bytes into the app's
 * private folder (0700) as FINGERPRINT.p12 (0600, written atomically) with
 * the public certificate beside it as FINGERPRINT.pem (so the holder and
 * the expiry can be shown without the password, which the PKCS#12 needs),
 * keeps the password in the keyring (libsecret; the Secret portal inside
 * the Flatpak) under the same fingerprint, and only then records the file's
 * name in the settings. The password never reaches the database, a log or
 * a file. Named by fingerprint, two databases using different certificates
 * never overwrite each other's.
 *
 * Without a reachable keyring (a server without a desktop session) the
 * certificate is still installed, and the caller is told that the password
 * must be given at each send.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <string.h>

#include "pacta-clock.h"
#include "pacta-error.h"
#include "pacta-verifactu-certificate.h"

/* A certificate, its chain and its key take a few kB; anything much larger
 * is not one */
#define MAX_FILE_SIZE (1024 * 1024)

static const SecretSchema password_schema = {
  PACTA_VERIFACTU_CERTIFICATE_SECRET_SCHEMA, SECRET_SCHEMA_NONE,
  {
    { "fingerprint", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

/* ---- helpers ---------------------------------------------------------------- */

/* Passwords are wiped before their memory is given back */
static void
password_free (char *password)
{
  if (password == NULL)
    return;
  explicit_bzero (password, strlen (password));
  g_free (password);
}

void
pacta_verifactu_certificate_free (PactaVerifactuCertificate *certificate)
{
  if (certificate == NULL)
    return;
  g_free (certificate->holder);
  g_free (certificate->nif);
  g_free (certificate->issuer);
  g_clear_pointer (&certificate->not_before, g_date_time_unref);
  g_clear_pointer (&certificate->not_after, g_date_time_unref);
  g_free (certificate->fingerprint);
  g_free (certificate->path);
  g_free (certificate);
}

/**
 * pacta_verifactu_certificate_get_dir:
 *
 * Returns: (transfer full): the app's private folder of certificates
 */
char *
pacta_verifactu_certificate_get_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), APPLICATION_ID, "certificates", NULL);
}

static char *
file_in_dir (const char *fingerprint,
             const char *extension)
{
  g_autofree char *dir = pacta_verifactu_certificate_get_dir ();
  g_autofree char *name = g_strconcat (fingerprint, extension, NULL);

  return g_build_filename (dir, name, NULL);
}

/* The settings hold a file name; only one Pacta wrote is taken, never a
 * path elsewhere */
static gboolean
is_fingerprint (const char *text)
{
  gsize n = 0;

  for (; text[n] != '\0'; n++)
    if (!g_ascii_isxdigit (text[n]) || g_ascii_isupper (text[n]))
      return FALSE;
  return n == 64;
}

static char *
fingerprint_from_name (const char *name)
{
  g_autofree char *fingerprint = NULL;

  if (name == NULL || !g_str_has_suffix (name, ".p12"))
    return NULL;
  fingerprint = g_strndup (name, strlen (name) - strlen (".p12"));
  return is_fingerprint (fingerprint) ? g_steal_pointer (&fingerprint) : NULL;
}

/* ---- reading the names in a certificate ---------------------------------------- */

/* A value GnuTLS could only write as #HEX (the BER of an attribute it has
 * no name for, such as organizationIdentifier): its text when it is one of
 * the string types */
static char *
decode_ber_string (const char *hex,
                   gsize       n_hex)
{
  g_autofree guint8 *der = NULL;
  gsize n = n_hex / 2, length, start = 2;
  guint8 tag;

  if (n_hex % 2 != 0 || n < 2)
    return NULL;
  der = g_malloc (n);
  for (gsize i = 0; i < n; i++)
    {
      int high = g_ascii_xdigit_value (hex[2 * i]), low = g_ascii_xdigit_value (hex[2 * i + 1]);

      if (high < 0 || low < 0)
        return NULL;
      der[i] = (guint8) (high << 4 | low);
    }
  tag = der[0];
  length = der[1];
  if (length == 0x81 && n >= 3)
    length = der[2], start = 3;
  else if (length == 0x82 && n >= 4)
    length = (gsize) der[2] << 8 | der[3], start = 4;
  else if (length > 0x7f)
    return NULL;
  if (start + length != n)
    return NULL;
  switch (tag)
    {
    case 0x0c: /* UTF8String */
    case 0x13: /* PrintableString */
    case 0x16: /* IA5String */
      return g_utf8_make_valid ((const char *) der + start, (gssize) length);
    case 0x14: /* TeletexString: Latin-1 in practice */
      return g_convert ((const char *) der + start, (gssize) length, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
    case 0x1e: /* BMPString */
      return g_convert ((const char *) der + start, (gssize) length, "UTF-8", "UTF-16BE", NULL, NULL, NULL);
    default:
      return NULL;
    }
}

static const char *
attribute_key (const char *type)
{
  static const struct { const char *oid, *name; } oids[] = {
    { "2.5.4.3", "cn" },
    { "2.5.4.5", "serialnumber" },
    { "2.5.4.10", "o" },
    { "2.5.4.97", "organizationidentifier" },
  };

  if (g_ascii_strncasecmp (type, "oid.", 4) == 0)
    type += 4;
  for (guint i = 0; i < G_N_ELEMENTS (oids); i++)
    if (g_str_equal (type, oids[i].oid))
      return oids[i].name;
  return NULL;
}

/* A distinguished name as GLib gives it (RFC 4514 text, as GnuTLS writes
 * it) → lowercase attribute name → its first value, unescaped */
static GHashTable *
parse_dn (const char *dn)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *p = dn;

  while (p != NULL && *p != '\0')
    {
      g_autoptr(GString) type = g_string_new (NULL);
      g_autoptr(GString) value = g_string_new (NULL);
      g_autofree char *text = NULL;
      const char *key;

      while (*p == ' ')
        p++;
      while (*p != '\0' && *p != '=')
        g_string_append_c (type, *p++);
      if (*p != '=')
        break;
      p++;
      if (*p == '#')
        {
          const char *hex = ++p;

          while (g_ascii_isxdigit (*p))
            p++;
          text = decode_ber_string (hex, (gsize) (p - hex));
        }
      else
        {
          while (*p != '\0' && *p != ',' && *p != '+')
            {
              if (*p == '\\' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
                {
                  g_string_append_c (value, (char) (g_ascii_xdigit_value (p[1]) << 4 | g_ascii_xdigit_value (p[2])));
                  p += 3;
                }
              else if (*p == '\\' && p[1] != '\0')
                {
                  g_string_append_c (value, p[1]);
                  p += 2;
                }
              else
                g_string_append_c (value, *p++);
            }
          text = g_utf8_make_valid (value->str, (gssize) value->len);
        }
      while (*p != '\0' && *p != ',' && *p != '+')
        p++;
      if (*p != '\0')
        p++;

      g_strstrip (type->str);
      if (!(key = attribute_key (type->str)))
        key = type->str;
      if (text != NULL && !g_hash_table_contains (attributes, key))
        g_hash_table_insert (attributes, g_ascii_strdown (key, -1), g_strdup (g_strstrip (text)));
    }
  return attributes;
}

/* A Spanish NIF's shape: nine letters and digits, some digits. The control
 * character is the agency's to check: this only tells a tax id from a name */
static gboolean
looks_like_nif (const char *text)
{
  gboolean digits = FALSE;
  gsize n = 0;

  for (; text[n] != '\0'; n++)
    {
      if (!g_ascii_isalnum (text[n]))
        return FALSE;
      digits |= g_ascii_isdigit (text[n]);
    }
  return n == 9 && digits;
}

/* ETSI EN 319 412-1 identifiers: IDCES-12345678Z (a person's national id),
 * VATES-B12345678 (an entity's VAT number); an old plain NIF is taken too */
static char *
nif_from_identifier (const char *identifier)
{
  g_autofree char *upper = NULL;
  const char *nif;

  if (identifier == NULL)
    return NULL;
  upper = g_ascii_strup (identifier, -1);
  if (g_str_has_prefix (upper, "IDCES-") || g_str_has_prefix (upper, "VATES-"))
    nif = upper + 6;
  else
    nif = upper;
  return looks_like_nif (nif) ? g_strdup (nif) : NULL;
}

/* Who a Spanish qualified certificate names, and their NIF. A seal or a
 * representative's certificate names an entity: its organizationIdentifier
 * and O (the representative's CN reads "12345678Z NAME (R: B12345678)"); a
 * person's has serialNumber IDCES-… and CN "NAME - 12345678Z" */
static void
read_subject (const char  *subject,
              char       **holder,
              char       **nif)
{
  g_autoptr(GHashTable) dn = parse_dn (subject != NULL ? subject : "");
  const char *cn = g_hash_table_lookup (dn, "cn");
  const char *o = g_hash_table_lookup (dn, "o");
  const char *represented = cn != NULL ? strstr (cn, "(R: ") : NULL;

  *holder = NULL;
  *nif = nif_from_identifier (g_hash_table_lookup (dn, "organizationidentifier"));
  if (*nif == NULL && represented != NULL)
    {
      g_autofree char *inside = g_strndup (represented + 4, strcspn (represented + 4, ")"));

      *nif = nif_from_identifier (g_strstrip (inside));
    }
  if (*nif != NULL)
    {
      *holder = g_strdup (o != NULL ? o : cn);
      return;
    }

  *nif = nif_from_identifier (g_hash_table_lookup (dn, "serialnumber"));
  if (cn != NULL)
    {
      const char *dash = g_strrstr (cn, " - ");

      if (dash != NULL)
        {
          g_autofree char *tail = g_strstrip (g_strdup (dash + 3));
          const char *id = g_ascii_strncasecmp (tail, "NIF ", 4) == 0 ? tail + 4 : tail;
          g_autofree char *tail_nif = nif_from_identifier (id);

          if (tail_nif != NULL)
            {
              *holder = g_strndup (cn, (gsize) (dash - cn));
              if (*nif == NULL)
                *nif = g_steal_pointer (&tail_nif);
              return;
            }
        }
      *holder = g_strdup (cn);
    }
  else
    *holder = g_strdup (o);
}

static char *
read_issuer (const char *issuer)
{
  g_autoptr(GHashTable) dn = parse_dn (issuer != NULL ? issuer : "");
  const char *name = g_hash_table_lookup (dn, "cn");

  if (name == NULL)
    name = g_hash_table_lookup (dn, "o");
  return g_strdup (name);
}

static PactaVerifactuCertificate *
describe (GTlsCertificate *tls)
{
  g_autoptr(PactaVerifactuCertificate) info = g_new0 (PactaVerifactuCertificate, 1);
  g_autoptr(GByteArray) der = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *issuer = NULL;

  g_object_get (tls,
                "certificate", &der,
                "subject-name", &subject,
                "issuer-name", &issuer,
                "not-valid-before", &info->not_before,
                "not-valid-after", &info->not_after,
                NULL);
  info->fingerprint = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
  read_subject (subject, &info->holder, &info->nif);
  info->issuer = read_issuer (issuer);
  return g_steal_pointer (&info);
}

/* The certificate with its key, from the bytes of a PKCS#12 file */
static GTlsCertificate *
open_pkcs12 (GBytes      *bytes,
             const char  *display_name,
             const char  *password,
             GError     **error)
{
  g_autoptr(GTlsCertificate) tls = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GByteArray) key = NULL;
  g_autofree char *key_pem = NULL;
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  tls = g_tls_certificate_new_from_pkcs12 (data, length, password != NULL ? password : "", &local_error);
  if (tls == NULL && g_error_matches (local_error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE_PASSWORD))
    {
      /* Translators: %s is the certificate's file */
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_WRONG_PASSWORD,
                   _("The password is not the one of the certificate “%s”"), display_name);
      return NULL;
    }
  if (tls == NULL)
    {
      /* Translators: %s is a file, then the reason it could not be read */
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                   _("“%s” is not a certificate Pacta can use (%s). It must be a PKCS#12 file "
                     "(.p12 or .pfx) holding the certificate and its private key, "
                     "as the browser or the issuer exports it"),
                   display_name, local_error->message);
      return NULL;
    }
  g_object_get (tls, "private-key", &key, "private-key-pem", &key_pem, NULL);
  if (key != NULL)
    explicit_bzero (key->data, key->len);
  if (key_pem != NULL)
    explicit_bzero (key_pem, strlen (key_pem));
  if (key == NULL && key_pem == NULL)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                   _("“%s” holds a certificate without its private key: export it again with the private key"),
                   display_name);
      return NULL;
    }
  return g_steal_pointer (&tls);
}

static GBytes *
read_bytes (const char  *file,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  GStatBuf st;
  gsize length;

  if (g_stat (file, &st) == 0 && (!S_ISREG (st.st_mode) || st.st_size > MAX_FILE_SIZE))
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                   _("“%s” is not a certificate Pacta can use: it must be a PKCS#12 file (.p12 or .pfx)"), file);
      return NULL;
    }
  if (!g_file_get_contents (file, &contents, &length, &local_error))
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                   _("Cannot read the certificate: %s"), local_error->message);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

/**
 * pacta_verifactu_certificate_read_file:
 * @file: a PKCS#12 file (.p12, .pfx)
 * @password: its password
 * @tls_certificate: (out) (optional) (transfer full): the certificate with
 *   its key, to connect with
 *
 * Reads a certificate without installing it: for showing what a file holds
 * before it is chosen. Neither keyring nor database: any thread.
 *
 * Returns: (transfer full): its holder, NIF, expiry and fingerprint (path
 *   is @file); %NULL with PACTA_ERROR_WRONG_PASSWORD, or
 *   PACTA_ERROR_INVALID_FILE when it is no PKCS#12 file or has no private
 *   key
 */
PactaVerifactuCertificate *
pacta_verifactu_certificate_read_file (const char       *file,
                                       const char       *password,
                                       GTlsCertificate **tls_certificate,
                                       GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GTlsCertificate) tls = NULL;
  g_autofree char *display_name = NULL;
  PactaVerifactuCertificate *info;

  g_return_val_if_fail (file != NULL, NULL);

  display_name = g_filename_display_basename (file);
  if (!(bytes = read_bytes (file, error)) || !(tls = open_pkcs12 (bytes, display_name, password, error)))
    return NULL;
  info = describe (tls);
  info->path = g_strdup (file);
  if (tls_certificate != NULL)
    *tls_certificate = g_steal_pointer (&tls);
  return info;
}

/* ---- the private copy and the keyring ------------------------------------------ */

static gboolean
write_private (const char  *path,
               const void  *data,
               gsize        length,
               GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) local_error = NULL;

  /* The folder may be older than this rule: made private whatever it was */
  if (g_mkdir_with_parents (dir, 0700) != 0 || g_chmod (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PACTA_ERROR, PACTA_ERROR_FAILED,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  if (!g_file_set_contents_full (path, data, (gssize) length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_FAILED,
                   _("Cannot keep a copy of the certificate: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

static void
delete_copy (const char *fingerprint)
{
  g_autofree char *p12 = file_in_dir (fingerprint, ".p12");
  g_autofree char *pem = file_in_dir (fingerprint, ".pem");

  if (g_unlink (p12) != 0 && errno != ENOENT)
    g_warning ("Could not delete the old certificate %s: %s", p12, g_strerror (errno));
  if (g_unlink (pem) != 0 && errno != ENOENT)
    g_warning ("Could not delete %s: %s", pem, g_strerror (errno));
}

static void
forget_password (const char   *fingerprint,
                 GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (!secret_password_clear_sync (&password_schema, cancellable, &error, "fingerprint", fingerprint, NULL) &&
      error != NULL)
    g_debug ("The keyring did not forget a certificate's password: %s", error->message);
}

static gboolean
keep_password (const PactaVerifactuCertificate  *info,
               const char                       *password,
               GCancellable                     *cancellable,
               GError                          **keyring_error,
               GError                          **error)
{
  g_autoptr(GError) local_error = NULL;
  /* Translators: the keyring's name for the secret; %s is the certificate's holder */
  g_autofree char *label = g_strdup_printf (_("Password of the certificate of %s (Pacta)"),
                                            info->holder != NULL ? info->holder : info->fingerprint);

  if (secret_password_store_sync (&password_schema, SECRET_COLLECTION_DEFAULT, label, password,
                                  cancellable, &local_error, "fingerprint", info->fingerprint, NULL))
    return TRUE;
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* A password kept before for this certificate may not open these bytes */
  forget_password (info->fingerprint, cancellable);
  g_set_error (keyring_error, PACTA_ERROR, PACTA_ERROR_KEYRING,
               /* Translators: %s is why the keyring could not be used */
               _("The certificate is installed, but its password could not be kept in the keyring (%s). "
                 "Give the password each time the records are sent: --send-records --password-file FILE"),
               local_error->message);
  return TRUE;
}

/* ---- installing ---------------------------------------------------------------- */

typedef struct
{
  /* In */
  char                      *file;
  char                      *password;
  char                      *old_fingerprint;
  /* Out */
  PactaVerifactuCertificate *installed;
  GError                    *keyring_error;
  /* What the clean-up deletes: the replaced certificate, or the new one
   * when it could not be recorded */
  char                      *obsolete;
  GError                    *commit_error;
} InstallData;

static void
install_data_free (InstallData *data)
{
  g_free (data->file);
  password_free (data->password);
  g_free (data->old_fingerprint);
  pacta_verifactu_certificate_free (data->installed);
  g_clear_error (&data->keyring_error);
  g_free (data->obsolete);
  g_clear_error (&data->commit_error);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (InstallData, install_data_free)

static char *
installed_fingerprint (PactaDatabase *database)
{
  g_autofree char *name = pacta_database_get_setting (database, PACTA_VERIFACTU_CERTIFICATE_SETTING);

  return fingerprint_from_name (name);
}

/* Everything but the database: read, copy, keep the password */
static gboolean
install_prepare (InstallData   *data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GTlsCertificate) tls = NULL;
  g_autoptr(PactaVerifactuCertificate) info = NULL;
  g_autofree char *display_name = g_filename_display_basename (data->file);
  g_autofree char *pem = NULL;
  g_autofree char *pem_path = NULL;
  gsize length;
  const void *bytes_data;

  if (!(bytes = read_bytes (data->file, error)) ||
      !(tls = open_pkcs12 (bytes, display_name, data->password, error)))
    return FALSE;
  info = describe (tls);
  info->path = file_in_dir (info->fingerprint, ".p12");
  pem_path = file_in_dir (info->fingerprint, ".pem");
  g_object_get (tls, "certificate-pem", &pem, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  bytes_data = g_bytes_get_data (bytes, &length);
  if (!write_private (pem_path, pem, strlen (pem), error) ||
      !write_private (info->path, bytes_data, length, error) ||
      !keep_password (info, data->password, cancellable, &data->keyring_error, error))
    {
      /* No copy of a certificate that was not installed is left behind */
      if (g_strcmp0 (info->fingerprint, data->old_fingerprint) != 0)
        delete_copy (info->fingerprint);
      return FALSE;
    }
  data->installed = g_steal_pointer (&info);
  return TRUE;
}

/* The database's part, on its thread */
static void
install_commit (PactaDatabase *database,
                InstallData   *data)
{
  g_autofree char *name = g_strconcat (data->installed->fingerprint, ".p12", NULL);

  if (!pacta_database_set_setting (database, PACTA_VERIFACTU_CERTIFICATE_SETTING, name, &data->commit_error))
    data->obsolete = g_strcmp0 (data->installed->fingerprint, data->old_fingerprint) != 0
                       ? g_strdup (data->installed->fingerprint) : NULL;
  else if (data->old_fingerprint != NULL && !g_str_equal (data->old_fingerprint, data->installed->fingerprint))
    data->obsolete = g_strdup (data->old_fingerprint);
}

static void
install_clean_up (InstallData  *data,
                  GCancellable *cancellable)
{
  if (data->obsolete == NULL)
    return;
  delete_copy (data->obsolete);
  forget_password (data->obsolete, NULL);
}

static PactaVerifactuCertificate *
install_result (InstallData  *data,
                GError      **keyring_error,
                GError      **error)
{
  if (data->commit_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&data->commit_error));
      return NULL;
    }
  if (data->keyring_error != NULL)
    g_propagate_error (keyring_error, g_steal_pointer (&data->keyring_error));
  return g_steal_pointer (&data->installed);
}

static InstallData *
install_data_new (PactaDatabase *database,
                  const char    *file,
                  const char    *password)
{
  InstallData *data = g_new0 (InstallData, 1);

  data->file = g_strdup (file);
  data->password = g_strdup (password != NULL ? password : "");
  data->old_fingerprint = installed_fingerprint (database);
  return data;
}

/**
 * pacta_verifactu_certificate_install_sync:
 * @file: the company's (or its representative's) certificate, a PKCS#12
 *   file (.p12, .pfx) with its private key
 * @password: its password
 * @keyring_error: (out) (optional): set when the certificate was installed
 *   but the keyring could not keep its password (PACTA_ERROR_KEYRING): it
 *   must then be given at each send
 *
 * Installs the certificate the records are sent with, replacing the one
 * installed before (its copy and its password go). Blocks on the keyring:
 * the command line's or a worker thread's call; the window calls
 * pacta_verifactu_certificate_install_async().
 *
 * Returns: (transfer full): what was installed; %NULL with
 *   PACTA_ERROR_WRONG_PASSWORD, PACTA_ERROR_INVALID_FILE (not a PKCS#12
 *   file, no private key), and nothing changed
 */
PactaVerifactuCertificate *
pacta_verifactu_certificate_install_sync (PactaDatabase  *database,
                                          const char     *file,
                                          const char     *password,
                                          GError        **keyring_error,
                                          GCancellable   *cancellable,
                                          GError        **error)
{
  g_autoptr(InstallData) data = NULL;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (file != NULL, NULL);

  data = install_data_new (database, file, password);
  if (!install_prepare (data, cancellable, error))
    return NULL;
  install_commit (database, data);
  install_clean_up (data, cancellable);
  return install_result (data, keyring_error, error);
}

static void
install_prepare_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  GError *error = NULL;

  if (install_prepare (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
install_clean_up_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  install_clean_up (task_data, cancellable);
  g_task_return_boolean (task, TRUE);
}

static void
on_install_prepared_cb (GObject      *source_object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* Back on the database's thread */
  install_commit (PACTA_DATABASE (source_object), g_task_get_task_data (task));
  g_task_run_in_thread (task, install_clean_up_thread);
}

/**
 * pacta_verifactu_certificate_install_async:
 *
 * pacta_verifactu_certificate_install_sync() without blocking: the file
 * and the keyring are worked on a thread, @database only on the caller's
 * (its owner's). Finish with pacta_verifactu_certificate_install_finish().
 */
void
pacta_verifactu_certificate_install_async (PactaDatabase        *database,
                                           const char           *file,
                                           const char           *password,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) prepare = NULL;
  InstallData *data;

  g_return_if_fail (PACTA_IS_DATABASE (database));
  g_return_if_fail (file != NULL);

  data = install_data_new (database, file, password);
  task = g_task_new (database, cancellable, callback, user_data);
  g_task_set_source_tag (task, pacta_verifactu_certificate_install_async);
  g_task_set_task_data (task, data, (GDestroyNotify) install_data_free);
  /* The data stays the outer task's, which the inner one's callback holds */
  prepare = g_task_new (database, cancellable, on_install_prepared_cb, g_object_ref (task));
  g_task_set_task_data (prepare, data, NULL);
  g_task_run_in_thread (prepare, install_prepare_thread);
}

/**
 * pacta_verifactu_certificate_install_finish:
 * @keyring_error: (out) (optional): as for
 *   pacta_verifactu_certificate_install_sync()
 *
 * Returns: (transfer full): what was installed; %NULL on error
 */
PactaVerifactuCertificate *
pacta_verifactu_certificate_install_finish (PactaDatabase  *database,
                                            GAsyncResult   *result,
                                            GError        **keyring_error,
                                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, database), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pacta_verifactu_certificate_install_async, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return install_result (g_task_get_task_data (G_TASK (result)), keyring_error, error);
}

/* ---- the installed one ---------------------------------------------------------- */

static void
set_not_set_up (GError **error)
{
  g_set_error_literal (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND,
                       _("Sending is not set up: choose the company’s certificate in Preferences → "
                         "Spanish Invoicing Rules, or give it with --verifactu-certificate FILE.p12"));
}

static void
set_copy_missing (GError **error)
{
  g_autofree char *dir = pacta_verifactu_certificate_get_dir ();

  /* Translators: %s is a folder */
  g_set_error (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND,
               _("The certificate’s copy in “%s” is missing or damaged: set up sending again "
                 "(Preferences → Spanish Invoicing Rules, or --verifactu-certificate FILE.p12)"),
               dir);
}

/**
 * pacta_verifactu_certificate_load:
 *
 * The installed certificate, read from its public part: neither keyring
 * nor password, so cheap enough for showing it.
 *
 * Returns: (transfer full): its holder, NIF, expiry, fingerprint and the
 *   path of its private copy; %NULL with PACTA_ERROR_NOT_FOUND when none
 *   is installed or its copy is gone
 */
PactaVerifactuCertificate *
pacta_verifactu_certificate_load (PactaDatabase  *database,
                                  GError        **error)
{
  g_autofree char *fingerprint = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *p12 = NULL;
  g_autoptr(GTlsCertificate) tls = NULL;
  g_autoptr(GError) local_error = NULL;
  PactaVerifactuCertificate *info;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), NULL);

  if (!(fingerprint = installed_fingerprint (database)))
    {
      set_not_set_up (error);
      return NULL;
    }
  pem = file_in_dir (fingerprint, ".pem");
  p12 = file_in_dir (fingerprint, ".p12");
  if (!g_file_test (p12, G_FILE_TEST_IS_REGULAR) || !(tls = g_tls_certificate_new_from_file (pem, &local_error)))
    {
      set_copy_missing (error);
      return NULL;
    }
  info = describe (tls);
  info->path = g_steal_pointer (&p12);
  if (!g_str_equal (info->fingerprint, fingerprint))
    {
      pacta_verifactu_certificate_free (info);
      set_copy_missing (error);
      return NULL;
    }
  return info;
}

/**
 * pacta_verifactu_certificate_get_state:
 * @days_left: (out) (optional): whole days until it expires, on the app's
 *   clock; 0 once expired
 *
 * Returns: whether it can be used now, on the app's clock, and whether it
 *   expires within PACTA_VERIFACTU_CERTIFICATE_WARNING_DAYS
 */
PactaVerifactuCertificateState
pacta_verifactu_certificate_get_state (const PactaVerifactuCertificate *certificate,
                                       int                             *days_left)
{
  g_autoptr(GDateTime) now = pacta_now ();
  GTimeSpan left;

  g_return_val_if_fail (certificate != NULL, PACTA_VERIFACTU_CERTIFICATE_VALID);

  if (days_left != NULL)
    *days_left = G_MAXINT;
  if (certificate->not_after == NULL)
    return PACTA_VERIFACTU_CERTIFICATE_VALID;
  left = g_date_time_difference (certificate->not_after, now);
  if (days_left != NULL)
    *days_left = left <= 0 ? 0 : (int) MIN (left / G_TIME_SPAN_DAY, G_MAXINT);
  if (left <= 0)
    return PACTA_VERIFACTU_CERTIFICATE_EXPIRED;
  if (certificate->not_before != NULL && g_date_time_compare (now, certificate->not_before) < 0)
    return PACTA_VERIFACTU_CERTIFICATE_NOT_YET_VALID;
  if (left <= PACTA_VERIFACTU_CERTIFICATE_WARNING_DAYS * G_TIME_SPAN_DAY)
    return PACTA_VERIFACTU_CERTIFICATE_EXPIRES_SOON;
  return PACTA_VERIFACTU_CERTIFICATE_VALID;
}

/* ---- removing ------------------------------------------------------------------ */

static gboolean
forget_setting (PactaDatabase  *database,
                GError        **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (database, "DELETE FROM settings WHERE key = ?", error);

  if (stmt == NULL)
    return FALSE;
  pacta_sql_bind_text (stmt, 1, PACTA_VERIFACTU_CERTIFICATE_SETTING);
  return pacta_database_step_done (database, stmt, error);
}

/**
 * pacta_verifactu_certificate_remove_sync:
 *
 * Stops sending with the installed certificate: its setting, its private
 * copy and its password in the keyring go. Nothing installed is no error.
 * Blocks on the keyring, as pacta_verifactu_certificate_install_sync().
 *
 * Returns: %FALSE when the setting could not be removed
 */
gboolean
pacta_verifactu_certificate_remove_sync (PactaDatabase  *database,
                                         GCancellable   *cancellable,
                                         GError        **error)
{
  g_autofree char *fingerprint = NULL;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);

  fingerprint = installed_fingerprint (database);
  if (!forget_setting (database, error))
    return FALSE;
  if (fingerprint != NULL)
    {
      delete_copy (fingerprint);
      forget_password (fingerprint, cancellable);
    }
  return TRUE;
}

static void
remove_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  const char *fingerprint = task_data;

  if (fingerprint != NULL)
    {
      delete_copy (fingerprint);
      forget_password (fingerprint, cancellable);
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * pacta_verifactu_certificate_remove_async:
 *
 * pacta_verifactu_certificate_remove_sync() without blocking: the setting
 * goes at once, on the caller's thread; the copy and the password on a
 * thread. Finish with pacta_verifactu_certificate_remove_finish().
 */
void
pacta_verifactu_certificate_remove_async (PactaDatabase        *database,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (PACTA_IS_DATABASE (database));

  task = g_task_new (database, cancellable, callback, user_data);
  g_task_set_source_tag (task, pacta_verifactu_certificate_remove_async);
  g_task_set_task_data (task, installed_fingerprint (database), g_free);
  if (!forget_setting (database, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_run_in_thread (task, remove_thread);
}

gboolean
pacta_verifactu_certificate_remove_finish (PactaDatabase  *database,
                                           GAsyncResult   *result,
                                           GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, database), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- connecting ----------------------------------------------------------------- */

/* The keyring's password for the certificate, or the one given */
static GTlsCertificate *
open_installed (const PactaVerifactuCertificate  *info,
                const char                       *password,
                GCancellable                     *cancellable,
                GError                          **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display_name = NULL;
  GTlsCertificate *tls;
  char *kept = NULL;

  if (password == NULL)
    {
      kept = secret_password_lookup_sync (&password_schema, cancellable, &local_error,
                                          "fingerprint", info->fingerprint, NULL);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (local_error != NULL)
        {
          /* Translators: %s is why the keyring could not be used */
          g_set_error (error, PACTA_ERROR, PACTA_ERROR_PASSWORD_REQUIRED,
                       _("The certificate’s password could not be read from the keyring (%s): "
                         "give it with --password-file FILE"), local_error->message);
          return NULL;
        }
      if (kept == NULL)
        {
          g_set_error_literal (error, PACTA_ERROR, PACTA_ERROR_PASSWORD_REQUIRED,
                               _("The keyring holds no password for the certificate: "
                                 "give it with --password-file FILE, or set up sending again"));
          return NULL;
        }
    }
  /* Its file's name is a fingerprint: the holder says more */
  display_name = info->holder != NULL ? g_strdup (info->holder) : g_filename_display_basename (info->path);
  if ((bytes = read_bytes (info->path, error)))
    tls = open_pkcs12 (bytes, display_name, password != NULL ? password : kept, error);
  else
    tls = NULL;
  if (kept != NULL)
    secret_password_free (kept);
  return tls;
}

typedef struct
{
  PactaVerifactuCertificate *info;
  PactaVerifactuConnection  *connection;
  char                      *password;
} ConnectData;

static void
connect_data_free (ConnectData *data)
{
  pacta_verifactu_certificate_free (data->info);
  pacta_verifactu_connection_free (data->connection);
  password_free (data->password);
  g_free (data);
}

/* The database's part: what is installed, and where to send */
static ConnectData *
connect_prepare (PactaDatabase  *database,
                 const char     *password,
                 GError        **error)
{
  ConnectData *data = g_new0 (ConnectData, 1);

  data->password = g_strdup (password);
  if (!(data->info = pacta_verifactu_certificate_load (database, error)) ||
      !(data->connection = pacta_verifactu_connection_new_with_certificate (database, NULL, error)))
    {
      connect_data_free (data);
      return NULL;
    }
  return data;
}

static PactaVerifactuConnection *
connect_finish (ConnectData   *data,
                GCancellable  *cancellable,
                GError       **error)
{
  if (!(data->connection->certificate = open_installed (data->info, data->password, cancellable, error)))
    return NULL;
  return g_steal_pointer (&data->connection);
}

/**
 * pacta_verifactu_certificate_connect_sync:
 * @password: (nullable): the certificate's password; %NULL to take it from
 *   the keyring
 *
 * The agency's web service (see
 * pacta_verifactu_connection_new_with_certificate()) reached with the
 * installed certificate. Blocks on the keyring: the command line's or a
 * worker thread's call, on @database's thread.
 *
 * Returns: (transfer full): the connection; %NULL with
 *   PACTA_ERROR_NOT_FOUND (nothing installed), PACTA_ERROR_PASSWORD_REQUIRED
 *   (the keyring can't be reached or has no password for it),
 *   PACTA_ERROR_WRONG_PASSWORD
 */
PactaVerifactuConnection *
pacta_verifactu_certificate_connect_sync (PactaDatabase  *database,
                                          const char     *password,
                                          GCancellable   *cancellable,
                                          GError        **error)
{
  ConnectData *data;
  PactaVerifactuConnection *connection;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), NULL);

  if (!(data = connect_prepare (database, password, error)))
    return NULL;
  connection = connect_finish (data, cancellable, error);
  connect_data_free (data);
  return connection;
}

static void
connect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  PactaVerifactuConnection *connection = connect_finish (task_data, cancellable, &error);

  if (connection != NULL)
    g_task_return_pointer (task, connection, (GDestroyNotify) pacta_verifactu_connection_free);
  else
    g_task_return_error (task, error);
}

/**
 * pacta_verifactu_certificate_connect_async:
 * @password: (nullable): as for pacta_verifactu_certificate_connect_sync()
 *
 * pacta_verifactu_certificate_connect_sync() without blocking: @database
 * is read at once, on the caller's thread; the keyring and the certificate
 * are opened on a thread.
 */
void
pacta_verifactu_certificate_connect_async (PactaDatabase        *database,
                                           const char           *password,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  ConnectData *data;

  g_return_if_fail (PACTA_IS_DATABASE (database));

  task = g_task_new (database, cancellable, callback, user_data);
  g_task_set_source_tag (task, pacta_verifactu_certificate_connect_async);
  if (!(data = connect_prepare (database, password, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, data, (GDestroyNotify) connect_data_free);
  g_task_run_in_thread (task, connect_thread);
}

/**
 * pacta_verifactu_certificate_connect_finish:
 *
 * Returns: (transfer full): the connection; %NULL on error
 */
PactaVerifactuConnection *
pacta_verifactu_certificate_connect_finish (PactaDatabase  *database,
                                            GAsyncResult   *result,
                                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, database), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
