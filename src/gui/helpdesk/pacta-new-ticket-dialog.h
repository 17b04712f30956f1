/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-new-ticket-dialog.h: the New Ticket form — customer, title, priority, the customer's request */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_NEW_TICKET_DIALOG (pacta_new_ticket_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PactaNewTicketDialog, pacta_new_ticket_dialog, PACTA, NEW_TICKET_DIALOG, AdwWindow)

PactaNewTicketDialog *pacta_new_ticket_dialog_new (GtkWindow    *parent,
                                                   PactaContext *context);

G_END_DECLS
