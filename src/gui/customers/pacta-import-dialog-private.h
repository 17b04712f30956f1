/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-import-dialog-private.h: hooks for the tests into PactaImportDialog — included by pacta-import-dialog.c and tests/ only */
#pragma once

#include "pacta-import-dialog.h"

G_BEGIN_DECLS

void               pacta_import_dialog_set_files  (PactaImportDialog *self,
                                                   GFile             *tenants,
                                                   GFile             *usages);
void               pacta_import_dialog_start      (PactaImportDialog *self);

G_END_DECLS
