/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-ticket-dialog-private.h: hooks for the tests into PactaTicketDialog — included by pacta-ticket-dialog.c and tests/ only */
#pragma once

#include "pacta-ticket-dialog.h"

G_BEGIN_DECLS

gboolean           pacta_ticket_dialog_reply        (PactaTicketDialog *self,
                                                     const char        *text,
                                                     gboolean           internal);
gboolean           pacta_ticket_dialog_move         (PactaTicketDialog *self,
                                                     const char        *status);
gboolean           pacta_ticket_dialog_add_time     (PactaTicketDialog *self,
                                                     int                minutes,
                                                     const char        *description);
void               pacta_ticket_dialog_approve      (PactaTicketDialog *self,
                                                     gint64             entry_id);
guint              pacta_ticket_dialog_get_n_updates (PactaTicketDialog *self);
const char        *pacta_ticket_dialog_get_message  (PactaTicketDialog *self);
gboolean           pacta_ticket_dialog_type_time    (PactaTicketDialog *self,
                                                     const char        *minutes,
                                                     const char        *description);
const char        *pacta_ticket_dialog_get_minutes_text (PactaTicketDialog *self);
GtkWindow         *pacta_ticket_dialog_show_update  (PactaTicketDialog *self,
                                                     guint              index);
/* What the reply box says of where a reply goes */
const char        *pacta_ticket_dialog_get_mail_note (PactaTicketDialog *self);
/* Save on the attachment shown as @filename, the chooser answered with @file */
gboolean           pacta_ticket_dialog_save_attachment (PactaTicketDialog *self,
                                                     const char        *filename,
                                                     GFile             *file);
/* What Save writes */
gboolean           pacta_ticket_dialog_write_attachment (GBytes          *data,
                                                       GFile           *file,
                                                       GError         **error);

G_END_DECLS
