/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-billing-run-dialog.h: Run Billing — choose the month, preview, create the invoices */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_BILLING_RUN_DIALOG (pacta_billing_run_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PactaBillingRunDialog, pacta_billing_run_dialog, PACTA, BILLING_RUN_DIALOG, AdwWindow)

PactaBillingRunDialog *pacta_billing_run_dialog_new            (GtkWindow             *parent,
                                                                PactaContext          *context);

G_END_DECLS
