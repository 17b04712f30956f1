/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-connect-dialog.h: connect Pacta to the cloud platform with an API client, then sync */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_CONNECT_DIALOG (pacta_connect_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PactaConnectDialog, pacta_connect_dialog, PACTA, CONNECT_DIALOG, AdwWindow)

PactaConnectDialog *pacta_connect_dialog_new  (GtkWindow          *parent,
                                               PactaContext       *context);
void                pacta_connect_dialog_fill (PactaConnectDialog *self,
                                               const char         *url,
                                               const char         *client_id);

G_END_DECLS
