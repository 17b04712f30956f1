/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-contract-form-private.h: hooks for the tests into PactaContractForm — included by pacta-contract-form.c and tests/ only */
#pragma once

#include "pacta-contract-form.h"

G_BEGIN_DECLS

void pacta_contract_form_set_text     (PactaContractForm *self,
                                       const char        *field,
                                       const char        *text);
const char *pacta_contract_form_get_text (PactaContractForm *self,
                                          const char        *field);

G_END_DECLS
