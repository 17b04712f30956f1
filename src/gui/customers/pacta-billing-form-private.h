/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-billing-form-private.h: hooks for the tests into PactaBillingForm — included by pacta-billing-form.c and tests/ only */
#pragma once

#include "pacta-billing-form.h"

G_BEGIN_DECLS

guint             pacta_billing_form_get_n_problems (PactaBillingForm *self);
void              pacta_billing_form_set_text       (PactaBillingForm *self,
                                                     const char       *field,
                                                     const char       *text);
const char       *pacta_billing_form_get_text       (PactaBillingForm *self,
                                                     const char       *field);
gboolean          pacta_billing_form_field_has_error (PactaBillingForm *self,
                                                      const char       *field);

G_END_DECLS
