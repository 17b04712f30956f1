/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-billing-form.h: the Billing and Address sections, with inline validation */
#pragma once

#include <adwaita.h>

#include "pacta-billing-info.h"
#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_BILLING_FORM (pacta_billing_form_get_type ())

G_DECLARE_FINAL_TYPE (PactaBillingForm, pacta_billing_form, PACTA, BILLING_FORM, GtkWidget)

GtkWidget        *pacta_billing_form_new            (void);
void              pacta_billing_form_set_info       (PactaBillingForm *self,
                                                     PactaBillingInfo *info);
PactaBillingInfo *pacta_billing_form_validate       (PactaBillingForm *self);
void              pacta_billing_form_show_problems  (PactaBillingForm *self,
                                                     GPtrArray        *problems);
void              pacta_billing_form_focus_first    (PactaBillingForm *self);
void              pacta_billing_form_set_verifactu  (PactaBillingForm *self,
                                                     gboolean          enabled);
gboolean          pacta_billing_form_save           (PactaBillingForm *self,
                                                     PactaContext     *context,
                                                     GError          **error);

G_END_DECLS
