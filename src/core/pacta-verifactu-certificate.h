/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-verifactu-certificate.h: the certificate Pacta sends the invoice
 * records with (VERI*FACTU), installed once: a private copy of its PKCS#12
 * file and its password in the keyring */
#pragma once

#include <gio/gio.h>

#include "pacta-database.h"
#include "pacta-verifactu-sender.h"

G_BEGIN_DECLS

/* The settings key that holds the installed certificate's file name (in
 * pacta_verifactu_certificate_get_dir()), never its password */
#define PACTA_VERIFACTU_CERTIFICATE_SETTING "verifactu-certificate"
/* The keyring keeps the password under this schema, with one attribute,
 * "fingerprint" (PactaVerifactuCertificate.fingerprint) */
#define PACTA_VERIFACTU_CERTIFICATE_SECRET_SCHEMA "io.github.pacta.Pacta.Certificate"
/* How many days before it expires the certificate is warned about */
#define PACTA_VERIFACTU_CERTIFICATE_WARNING_DAYS 30

typedef struct
{
  char      *holder;        /* (nullable): the company or person it names */
  char      *nif;           /* (nullable): their Spanish tax id, such as B46000006 */
  char      *issuer;        /* (nullable): who issued it, such as the FNMT */
  GDateTime *not_before;    /* (nullable): valid from */
  GDateTime *not_after;     /* (nullable): valid until */
  char      *fingerprint;   /* SHA-256 of the certificate, lowercase hex: its name everywhere */
  char      *path;          /* the private copy of the PKCS#12 file */
} PactaVerifactuCertificate;

typedef enum
{
  PACTA_VERIFACTU_CERTIFICATE_VALID,
  PACTA_VERIFACTU_CERTIFICATE_EXPIRES_SOON,   /* within PACTA_VERIFACTU_CERTIFICATE_WARNING_DAYS */
  PACTA_VERIFACTU_CERTIFICATE_EXPIRED,
  PACTA_VERIFACTU_CERTIFICATE_NOT_YET_VALID,
} PactaVerifactuCertificateState;

void       pacta_verifactu_certificate_free      (PactaVerifactuCertificate  *certificate);
char      *pacta_verifactu_certificate_get_dir   (void);

/* Reading a PKCS#12 file (no keyring, no database: any thread) */
PactaVerifactuCertificate *pacta_verifactu_certificate_read_file (const char       *file,
                                                                  const char       *password,
                                                                  GTlsCertificate **tls_certificate,
                                                                  GError          **error);

/* The installed one (the database's thread; no keyring, no D-Bus) */
PactaVerifactuCertificate *pacta_verifactu_certificate_load (PactaDatabase  *database,
                                                             GError        **error);
PactaVerifactuCertificateState pacta_verifactu_certificate_get_state (const PactaVerifactuCertificate *certificate,
                                                                      int                             *days_left);

/* Installing, removing, connecting. The _sync forms block on the keyring
 * (D-Bus; it may even ask the user to unlock it): call them from the
 * command line or the database's worker thread. The _async forms do the
 * keyring and file work on a thread of their own and touch @database only
 * on the thread they were called from (its owner), so the window calls
 * them. */
PactaVerifactuCertificate *pacta_verifactu_certificate_install_sync (PactaDatabase  *database,
                                                                     const char     *file,
                                                                     const char     *password,
                                                                     GError        **keyring_error,
                                                                     GCancellable   *cancellable,
                                                                     GError        **error);
void       pacta_verifactu_certificate_install_async  (PactaDatabase        *database,
                                                       const char           *file,
                                                       const char           *password,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
PactaVerifactuCertificate *pacta_verifactu_certificate_install_finish (PactaDatabase  *database,
                                                                       GAsyncResult   *result,
                                                                       GError        **keyring_error,
                                                                       GError        **error);

gboolean   pacta_verifactu_certificate_remove_sync    (PactaDatabase        *database,
                                                       GCancellable         *cancellable,
                                                       GError              **error);
void       pacta_verifactu_certificate_remove_async   (PactaDatabase        *database,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean   pacta_verifactu_certificate_remove_finish  (PactaDatabase        *database,
                                                       GAsyncResult         *result,
                                                       GError              **error);

PactaVerifactuConnection *pacta_verifactu_certificate_connect_sync (PactaDatabase  *database,
                                                                    const char     *password,
                                                                    GCancellable   *cancellable,
                                                                    GError        **error);
void       pacta_verifactu_certificate_connect_async  (PactaDatabase        *database,
                                                       const char           *password,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
PactaVerifactuConnection *pacta_verifactu_certificate_connect_finish (PactaDatabase  *database,
                                                                      GAsyncResult   *result,
                                                                      GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PactaVerifactuCertificate, pacta_verifactu_certificate_free)

G_END_DECLS
