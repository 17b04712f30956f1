/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-secrets.h: where Pacta keeps a secret (the platform's API secret):
 * the keyring through libsecret (the Secret portal inside the Flatpak), or,
 * for tests, memory. Never the database, a log or a file. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PACTA_TYPE_SECRETS (pacta_secrets_get_type ())

G_DECLARE_INTERFACE (PactaSecrets, pacta_secrets, PACTA, SECRETS, GObject)

/* Every method blocks (the keyring is D-Bus and may ask the user to unlock
 * it): call them from a worker thread or the command line. A secret is
 * named by a @service ("platform") and an @account within it. */
struct _PactaSecretsInterface
{
  GTypeInterface parent_iface;

  char     *(*lookup) (PactaSecrets  *self,
                       const char    *service,
                       const char    *account,
                       GCancellable  *cancellable,
                       GError       **error);
  gboolean  (*store)  (PactaSecrets  *self,
                       const char    *service,
                       const char    *account,
                       const char    *label,
                       const char    *secret,
                       GCancellable  *cancellable,
                       GError       **error);
  gboolean  (*clear)  (PactaSecrets  *self,
                       const char    *service,
                       const char    *account,
                       GCancellable  *cancellable,
                       GError       **error);
};

/* (transfer full) (nullable): %NULL with no error when nothing is kept */
char         *pacta_secrets_lookup     (PactaSecrets  *self,
                                        const char    *service,
                                        const char    *account,
                                        GCancellable  *cancellable,
                                        GError       **error);
gboolean      pacta_secrets_store      (PactaSecrets  *self,
                                        const char    *service,
                                        const char    *account,
                                        const char    *label,
                                        const char    *secret,
                                        GCancellable  *cancellable,
                                        GError       **error);
/* Forgetting what is not kept is no error */
gboolean      pacta_secrets_clear      (PactaSecrets  *self,
                                        const char    *service,
                                        const char    *account,
                                        GCancellable  *cancellable,
                                        GError       **error);

/* The user's keyring (libsecret); errors are PACTA_ERROR_KEYRING */
PactaSecrets *pacta_secrets_keyring_new (void);
/* A store in memory, for tests (thread-safe) */
PactaSecrets *pacta_secrets_memory_new  (void);

G_END_DECLS
