/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-secrets.c: the keyring (libsecret) and an in-memory store behind one
 * small interface, so that the code that needs a secret does not care
 * where it is kept and tests need no keyring */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "pacta-error.h"
#include "pacta-secrets.h"

G_DEFINE_INTERFACE (PactaSecrets, pacta_secrets, G_TYPE_OBJECT)

static void
pacta_secrets_default_init (PactaSecretsInterface *iface)
{
}

char *
pacta_secrets_lookup (PactaSecrets  *self,
                      const char    *service,
                      const char    *account,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_return_val_if_fail (PACTA_IS_SECRETS (self), NULL);
  g_return_val_if_fail (service != NULL && account != NULL, NULL);

  return PACTA_SECRETS_GET_IFACE (self)->lookup (self, service, account, cancellable, error);
}

gboolean
pacta_secrets_store (PactaSecrets  *self,
                     const char    *service,
                     const char    *account,
                     const char    *label,
                     const char    *secret,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_return_val_if_fail (PACTA_IS_SECRETS (self), FALSE);
  g_return_val_if_fail (service != NULL && account != NULL && label != NULL && secret != NULL, FALSE);

  return PACTA_SECRETS_GET_IFACE (self)->store (self, service, account, label, secret, cancellable, error);
}

gboolean
pacta_secrets_clear (PactaSecrets  *self,
                     const char    *service,
                     const char    *account,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_return_val_if_fail (PACTA_IS_SECRETS (self), FALSE);
  g_return_val_if_fail (service != NULL && account != NULL, FALSE);

  return PACTA_SECRETS_GET_IFACE (self)->clear (self, service, account, cancellable, error);
}

/* ---- the keyring ------------------------------------------------------------ */

#define PACTA_TYPE_SECRETS_KEYRING (pacta_secrets_keyring_get_type ())
G_DECLARE_FINAL_TYPE (PactaSecretsKeyring, pacta_secrets_keyring, PACTA, SECRETS_KEYRING, GObject)

struct _PactaSecretsKeyring
{
  GObject parent_instance;
};

static const SecretSchema keyring_schema = {
  "io.github.pacta.Pacta.Secret", SECRET_SCHEMA_NONE,
  {
    { "service", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

/* The keyring's own words, inside ours; a cancellation stays one */
static void
keyring_error (GError     **error,
               GError      *local_error)
{
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, local_error);
      return;
    }
  g_set_error (error, PACTA_ERROR, PACTA_ERROR_KEYRING,
               /* Translators: %s is the keyring's reason */
               _("The keyring could not be used: %s"), local_error->message);
  g_error_free (local_error);
}

static char *
keyring_lookup (PactaSecrets  *secrets,
                const char    *service,
                const char    *account,
                GCancellable  *cancellable,
                GError       **error)
{
  GError *local_error = NULL;
  char *found = secret_password_lookup_sync (&keyring_schema, cancellable, &local_error,
                                             "service", service, "account", account, NULL);
  char *copy;

  if (local_error != NULL)
    {
      keyring_error (error, local_error);
      return NULL;
    }
  if (found == NULL)
    return NULL;
  /* libsecret's memory is wiped by its own free: hand out plain memory */
  copy = g_strdup (found);
  secret_password_free (found);
  return copy;
}

static gboolean
keyring_store (PactaSecrets  *secrets,
               const char    *service,
               const char    *account,
               const char    *label,
               const char    *secret,
               GCancellable  *cancellable,
               GError       **error)
{
  GError *local_error = NULL;

  if (secret_password_store_sync (&keyring_schema, SECRET_COLLECTION_DEFAULT, label, secret,
                                  cancellable, &local_error, "service", service, "account", account, NULL))
    return TRUE;
  keyring_error (error, local_error);
  return FALSE;
}

static gboolean
keyring_clear (PactaSecrets  *secrets,
               const char    *service,
               const char    *account,
               GCancellable  *cancellable,
               GError       **error)
{
  GError *local_error = NULL;

  /* FALSE with no error: there was nothing to forget */
  if (secret_password_clear_sync (&keyring_schema, cancellable, &local_error,
                                  "service", service, "account", account, NULL) ||
      local_error == NULL)
    return TRUE;
  keyring_error (error, local_error);
  return FALSE;
}

static void
pacta_secrets_keyring_iface_init (PactaSecretsInterface *iface)
{
  iface->lookup = keyring_lookup;
  iface->store = keyring_store;
  iface->clear = keyring_clear;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (PactaSecretsKeyring, pacta_secrets_keyring, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PACTA_TYPE_SECRETS, pacta_secrets_keyring_iface_init))

static void
pacta_secrets_keyring_class_init (PactaSecretsKeyringClass *klass)
{
}

static void
pacta_secrets_keyring_init (PactaSecretsKeyring *self)
{
}

PactaSecrets *
pacta_secrets_keyring_new (void)
{
  return g_object_new (PACTA_TYPE_SECRETS_KEYRING, NULL);
}

/* ---- memory ----------------------------------------------------------------- */

#define PACTA_TYPE_SECRETS_MEMORY (pacta_secrets_memory_get_type ())
G_DECLARE_FINAL_TYPE (PactaSecretsMemory, pacta_secrets_memory, PACTA, SECRETS_MEMORY, GObject)

struct _PactaSecretsMemory
{
  GObject     parent_instance;
  GMutex      lock;
  GHashTable *secrets;   /* "service\naccount" -> secret */
};

static void
secret_wipe_free (gpointer data)
{
  char *secret = data;

  if (secret != NULL)
    {
      explicit_bzero (secret, strlen (secret));
      g_free (secret);
    }
}

static char *
memory_key (const char *service,
            const char *account)
{
  return g_strconcat (service, "\n", account, NULL);
}

static char *
memory_lookup (PactaSecrets  *secrets,
               const char    *service,
               const char    *account,
               GCancellable  *cancellable,
               GError       **error)
{
  PactaSecretsMemory *self = (PactaSecretsMemory *) secrets;
  g_autofree char *key = memory_key (service, account);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_strdup (g_hash_table_lookup (self->secrets, key));
}

static gboolean
memory_store (PactaSecrets  *secrets,
              const char    *service,
              const char    *account,
              const char    *label,
              const char    *secret,
              GCancellable  *cancellable,
              GError       **error)
{
  PactaSecretsMemory *self = (PactaSecretsMemory *) secrets;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  g_hash_table_replace (self->secrets, memory_key (service, account), g_strdup (secret));
  return TRUE;
}

static gboolean
memory_clear (PactaSecrets  *secrets,
              const char    *service,
              const char    *account,
              GCancellable  *cancellable,
              GError       **error)
{
  PactaSecretsMemory *self = (PactaSecretsMemory *) secrets;
  g_autofree char *key = memory_key (service, account);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  g_hash_table_remove (self->secrets, key);
  return TRUE;
}

static void
pacta_secrets_memory_iface_init (PactaSecretsInterface *iface)
{
  iface->lookup = memory_lookup;
  iface->store = memory_store;
  iface->clear = memory_clear;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (PactaSecretsMemory, pacta_secrets_memory, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PACTA_TYPE_SECRETS, pacta_secrets_memory_iface_init))

static void
pacta_secrets_memory_finalize (GObject *object)
{
  PactaSecretsMemory *self = (PactaSecretsMemory *) object;

  g_hash_table_unref (self->secrets);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (pacta_secrets_memory_parent_class)->finalize (object);
}

static void
pacta_secrets_memory_class_init (PactaSecretsMemoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pacta_secrets_memory_finalize;
}

static void
pacta_secrets_memory_init (PactaSecretsMemory *self)
{
  g_mutex_init (&self->lock);
  self->secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, secret_wipe_free);
}

PactaSecrets *
pacta_secrets_memory_new (void)
{
  return g_object_new (PACTA_TYPE_SECRETS_MEMORY, NULL);
}
