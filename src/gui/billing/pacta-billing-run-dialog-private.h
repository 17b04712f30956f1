/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-billing-run-dialog-private.h: hooks for the tests into PactaBillingRunDialog — included by pacta-billing-run-dialog.c and tests/ only */
#pragma once

#include "pacta-billing-run-dialog.h"

G_BEGIN_DECLS

void                   pacta_billing_run_dialog_set_month      (PactaBillingRunDialog *self,
                                                                const char            *month);
const char            *pacta_billing_run_dialog_get_month      (PactaBillingRunDialog *self);
guint                  pacta_billing_run_dialog_get_n_planned  (PactaBillingRunDialog *self);
guint                  pacta_billing_run_dialog_get_n_skipped  (PactaBillingRunDialog *self);
guint                  pacta_billing_run_dialog_get_n_refused  (PactaBillingRunDialog *self);
gboolean               pacta_billing_run_dialog_can_create     (PactaBillingRunDialog *self);
void                   pacta_billing_run_dialog_create         (PactaBillingRunDialog *self);
gboolean               pacta_billing_run_dialog_is_busy        (PactaBillingRunDialog *self);
void                   pacta_billing_run_dialog_wait           (PactaBillingRunDialog *self);
void                   pacta_billing_run_dialog_cancel         (PactaBillingRunDialog *self);
AdwMessageDialog      *pacta_billing_run_dialog_get_confirmation (PactaBillingRunDialog *self);
AdwMessageDialog      *pacta_billing_run_dialog_get_usage_question (PactaBillingRunDialog *self);
const char            *pacta_billing_run_dialog_get_usage_notice (PactaBillingRunDialog *self);
void                   pacta_billing_run_dialog_answer_usage   (PactaBillingRunDialog *self,
                                                                const char            *response);
char                  *pacta_billing_run_dialog_get_mail_notice (PactaBillingRunDialog *self);

G_END_DECLS
