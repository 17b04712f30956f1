/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-contract-wizard-private.h: hooks for the tests into PactaContractWizard — included by pacta-contract-wizard.c and tests/ only */
#pragma once

#include "pacta-contract-wizard.h"

G_BEGIN_DECLS

const char          *pacta_contract_wizard_get_step     (PactaContractWizard *self);
void                 pacta_contract_wizard_next         (PactaContractWizard *self);
void                 pacta_contract_wizard_back         (PactaContractWizard *self);
guint                pacta_contract_wizard_get_n_customers (PactaContractWizard *self);
void                 pacta_contract_wizard_select       (PactaContractWizard *self,
                                                         gint64               customer_id,
                                                         gboolean             selected);
void                 pacta_contract_wizard_set_search   (PactaContractWizard *self,
                                                         const char          *text);
guint                pacta_contract_wizard_get_n_shown  (PactaContractWizard *self);
GtkWidget           *pacta_contract_wizard_get_parts_editor (PactaContractWizard *self);
GtkWidget           *pacta_contract_wizard_get_billing_form (PactaContractWizard *self);
GtkWidget           *pacta_contract_wizard_get_contract_form (PactaContractWizard *self);
const char          *pacta_contract_wizard_get_message  (PactaContractWizard *self);

G_END_DECLS
