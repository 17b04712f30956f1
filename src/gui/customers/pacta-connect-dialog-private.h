/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-connect-dialog-private.h: hooks for the tests into PactaConnectDialog — included by pacta-connect-dialog.c and tests/ only */
#pragma once

#include "pacta-connect-dialog.h"

G_BEGIN_DECLS

/* The fields as typed; %NULL leaves one as it is */
void        pacta_connect_dialog_set_fields (PactaConnectDialog *self,
                                             const char         *url,
                                             const char         *client_id,
                                             const char         *secret);
/* "url", "client-id" or "secret" */
GtkWidget  *pacta_connect_dialog_get_row    (PactaConnectDialog *self,
                                             const char         *field);
gboolean    pacta_connect_dialog_can_connect (PactaConnectDialog *self);
/* Connect pressed: the platform is asked, off the main thread */
void        pacta_connect_dialog_connect    (PactaConnectDialog *self);
void        pacta_connect_dialog_cancel     (PactaConnectDialog *self);
gboolean    pacta_connect_dialog_is_busy    (PactaConnectDialog *self);
/* (nullable): what the dialog says went wrong, %NULL when it says nothing */
const char *pacta_connect_dialog_get_error  (PactaConnectDialog *self);

G_END_DECLS
