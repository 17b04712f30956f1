/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-contract-form.h: the contract information fields (README, Contracts) */
#pragma once

#include <adwaita.h>

#include "pacta-contract.h"

G_BEGIN_DECLS

#define PACTA_TYPE_CONTRACT_FORM (pacta_contract_form_get_type ())

G_DECLARE_FINAL_TYPE (PactaContractForm, pacta_contract_form, PACTA, CONTRACT_FORM, GtkWidget)

void pacta_contract_form_set_contract (PactaContractForm *self,
                                       PactaContract     *contract);
void pacta_contract_form_apply        (PactaContractForm *self,
                                       PactaContract     *contract);

G_END_DECLS
