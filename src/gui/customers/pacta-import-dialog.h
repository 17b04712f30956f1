/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-import-dialog.h: choose the platform's listings and import them, off the main thread */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_IMPORT_DIALOG (pacta_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PactaImportDialog, pacta_import_dialog, PACTA, IMPORT_DIALOG, AdwWindow)

PactaImportDialog *pacta_import_dialog_new        (GtkWindow         *parent,
                                                   PactaContext      *context);

G_END_DECLS
