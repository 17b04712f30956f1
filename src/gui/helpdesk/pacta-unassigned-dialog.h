/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-unassigned-dialog.h: mail no customer could be found for — pick the customer for a ticket, or dismiss it */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_UNASSIGNED_DIALOG (pacta_unassigned_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PactaUnassignedDialog, pacta_unassigned_dialog, PACTA, UNASSIGNED_DIALOG, AdwWindow)

PactaUnassignedDialog *pacta_unassigned_dialog_new (GtkWindow    *parent,
                                                    PactaContext *context);

G_END_DECLS
