/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-billing-dialog-private.h: hooks for the tests into PactaBillingDialog — included by pacta-billing-dialog.c and tests/ only */
#pragma once

#include "pacta-billing-dialog.h"

G_BEGIN_DECLS

gboolean            pacta_billing_dialog_save    (PactaBillingDialog   *self);

G_END_DECLS
