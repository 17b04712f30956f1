/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-error.h: the one error domain every core function reports through */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PACTA_ERROR (pacta_error_quark ())

typedef enum
{
  PACTA_ERROR_FAILED,
  PACTA_ERROR_DATABASE,
  PACTA_ERROR_SCHEMA_TOO_NEW,
  PACTA_ERROR_INVALID_FILE,
  PACTA_ERROR_INVALID_VALUE,
  PACTA_ERROR_NOT_FOUND,
  PACTA_ERROR_BILLING_INFO_REQUIRED,
  PACTA_ERROR_READ_ONLY,
  PACTA_ERROR_NUMBERING_NOT_CONFIRMED,
  PACTA_ERROR_NETWORK,          /* no reply: nothing lost, sent again later */
  PACTA_ERROR_REMOTE,           /* the other side refused or failed: its words in the message */
  PACTA_ERROR_UNAUTHORIZED,     /* the certificate or credentials were refused */
  PACTA_ERROR_WRONG_PASSWORD,   /* the password does not open the certificate: ask again */
  PACTA_ERROR_PASSWORD_REQUIRED, /* the keyring has no password for it: ask for one */
  PACTA_ERROR_KEYRING,          /* the keyring can't be reached or refused to keep a secret */
  PACTA_ERROR_USAGE_NOT_CLOSED, /* the month's usage is not closed: close it, or bill the provisional usage */
} PactaErrorCode;

GQuark   pacta_error_quark   (void);
gboolean pacta_error_invalid (GError    **error,
                              const char *message);

G_END_DECLS
