/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-error.c: the PACTA_ERROR domain */
#include "pacta-error.h"

G_DEFINE_QUARK (pacta-error-quark, pacta_error)

/**
 * pacta_error_invalid:
 * @message: what is wrong, already translated
 *
 * Sets %PACTA_ERROR_INVALID_VALUE with @message, the error every rule that
 * refuses a value reports.
 *
 * Returns: %FALSE, so a check can end with `return pacta_error_invalid (…)`
 */
gboolean
pacta_error_invalid (GError    **error,
                     const char *message)
{
  g_set_error_literal (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE, message);
  return FALSE;
}
