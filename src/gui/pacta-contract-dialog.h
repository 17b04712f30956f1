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
gboolean             pacta_contract_dialog_save (PactaContractDialog *self);
GtkWidget           *pacta_contract_dialog_get_parts_editor (PactaContractDialog *self);
GtkWidget           *pacta_contract_dialog_get_contract_form (PactaContractDialog *self);
const char          *pacta_contract_dialog_get_message (PactaContractDialog *self);

G_END_DECLS
