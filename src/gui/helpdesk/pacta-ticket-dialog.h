/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-ticket-dialog.h: one ticket — conversation, status, time — and the approval of time with its billing prompt */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_TICKET_DIALOG (pacta_ticket_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PactaTicketDialog, pacta_ticket_dialog, PACTA, TICKET_DIALOG, AdwWindow)

PactaTicketDialog *pacta_ticket_dialog_new          (GtkWindow         *parent,
                                                     PactaContext      *context,
                                                     gint64             ticket_id);

void               pacta_message_view_update_wrap   (GtkTextView       *view);

void               pacta_approve_time_with_prompt   (GtkWindow         *parent,
                                                     PactaContext      *context,
                                                     GArray            *entry_ids,
                                                     GCallback          done,
                                                     gpointer           user_data);

G_END_DECLS
