/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-sync-dialog-private.h: hooks for the tests into PactaSyncDialog — included by pacta-sync-dialog.c and tests/ only */
#pragma once

#include "pacta-sync-dialog.h"

G_BEGIN_DECLS

gboolean    pacta_sync_dialog_is_busy          (PactaSyncDialog *self);
/* Cancel pressed while it works */
void        pacta_sync_dialog_cancel           (PactaSyncDialog *self);
/* Close Month: the month chosen (YYYY-MM); FALSE when it is not offered */
gboolean    pacta_sync_dialog_set_month        (PactaSyncDialog *self,
                                                const char      *month);
const char *pacta_sync_dialog_get_month        (PactaSyncDialog *self);
/* Whether the month chosen is closed, as shown under it */
const char *pacta_sync_dialog_get_month_status (PactaSyncDialog *self);
/* "choose", "progress", "result" (done) or "stopped" (cancelled or failed) */
const char *pacta_sync_dialog_get_page         (PactaSyncDialog *self);
/* (nullable): the report, or why nothing was changed, as the last page says it */
const char *pacta_sync_dialog_get_message      (PactaSyncDialog *self);

G_END_DECLS
