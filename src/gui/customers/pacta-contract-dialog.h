/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-contract-dialog.h: a contract's detail, with its parts, editable */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_CONTRACT_DIALOG (pacta_contract_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PactaContractDialog, pacta_contract_dialog, PACTA, CONTRACT_DIALOG, AdwWindow)

PactaContractDialog *pacta_contract_dialog_new  (GtkWindow           *parent,
                                                 PactaContext        *context,
                                                 gint64               contract_id);

G_END_DECLS
