/* pacta-billing-run-dialog.h: Run Billing — choose the month, preview, create the invoices */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_BILLING_RUN_DIALOG (pacta_billing_run_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PactaBillingRunDialog, pacta_billing_run_dialog, PACTA, BILLING_RUN_DIALOG, AdwWindow)

PactaBillingRunDialog *pacta_billing_run_dialog_new            (GtkWindow             *parent,
                                                                PactaContext          *context);
void                   pacta_billing_run_dialog_set_month      (PactaBillingRunDialog *self,
                                                                const char            *month);
const char            *pacta_billing_run_dialog_get_month      (PactaBillingRunDialog *self);
guint                  pacta_billing_run_dialog_get_n_planned  (PactaBillingRunDialog *self);
guint                  pacta_billing_run_dialog_get_n_skipped  (PactaBillingRunDialog *self);
guint                  pacta_billing_run_dialog_get_n_refused  (PactaBillingRunDialog *self);
gboolean               pacta_billing_run_dialog_can_create     (PactaBillingRunDialog *self);
void                   pacta_billing_run_dialog_create         (PactaBillingRunDialog *self);
gboolean               pacta_billing_run_dialog_is_busy        (PactaBillingRunDialog *self);
AdwMessageDialog      *pacta_billing_run_dialog_get_confirmation (PactaBillingRunDialog *self);

G_END_DECLS
