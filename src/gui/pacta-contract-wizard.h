/* pacta-contract-wizard.h: the new-contract assistant (customer, information, billing, parts, done) */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_CONTRACT_WIZARD (pacta_contract_wizard_get_type ())

G_DECLARE_FINAL_TYPE (PactaContractWizard, pacta_contract_wizard, PACTA, CONTRACT_WIZARD, AdwWindow)

PactaContractWizard *pacta_contract_wizard_new          (GtkWindow           *parent,
                                                         PactaContext        *context,
                                                         gboolean             only_missing);
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
