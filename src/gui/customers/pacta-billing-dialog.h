/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-billing-dialog.h: the billing-information prompt that flows open when core answers
 * PACTA_ERROR_BILLING_INFO_REQUIRED, telling its caller whether the user saved */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_BILLING_DIALOG (pacta_billing_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PactaBillingDialog, pacta_billing_dialog, PACTA, BILLING_DIALOG, AdwWindow)

PactaBillingDialog *pacta_billing_dialog_new     (GtkWindow            *parent,
                                                  PactaContext         *context,
                                                  gint64                customer_id,
                                                  const char           *reason);
GtkWidget          *pacta_billing_dialog_get_form (PactaBillingDialog  *self);

void                pacta_billing_dialog_prompt  (GtkWindow            *parent,
                                                  PactaContext         *context,
                                                  gint64                customer_id,
                                                  const char           *reason,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean            pacta_billing_dialog_prompt_finish (GAsyncResult   *result,
                                                        GError        **error);

G_END_DECLS
