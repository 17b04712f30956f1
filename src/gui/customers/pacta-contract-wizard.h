/* SPDX-License-Identifier: GPL-3.0-or-later */
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

G_END_DECLS
