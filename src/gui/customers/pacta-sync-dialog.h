/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-sync-dialog.h: a sync with the cloud platform, or closing a usage month, with progress and Cancel */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_SYNC_DIALOG (pacta_sync_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PactaSyncDialog, pacta_sync_dialog, PACTA, SYNC_DIALOG, AdwWindow)

PactaSyncDialog *pacta_sync_dialog_new_sync        (GtkWindow       *parent,
                                                    PactaContext    *context,
                                                    gboolean         customers,
                                                    gboolean         usage);
PactaSyncDialog *pacta_sync_dialog_new_close_month (GtkWindow       *parent,
                                                    PactaContext    *context);
void             pacta_sync_dialog_start           (PactaSyncDialog *self);

G_END_DECLS
