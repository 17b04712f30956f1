/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-contract-dialog-private.h: hooks for the tests into PactaContractDialog — included by pacta-contract-dialog.c and tests/ only */
#pragma once

#include "pacta-contract-dialog.h"

G_BEGIN_DECLS

gboolean             pacta_contract_dialog_save (PactaContractDialog *self);
GtkWidget           *pacta_contract_dialog_get_parts_editor (PactaContractDialog *self);
GtkWidget           *pacta_contract_dialog_get_contract_form (PactaContractDialog *self);
const char          *pacta_contract_dialog_get_message (PactaContractDialog *self);

G_END_DECLS
