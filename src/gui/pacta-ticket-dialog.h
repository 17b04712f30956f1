/* pacta-ticket-dialog.h: one ticket — conversation, status, time — and the new-ticket form */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_TICKET_DIALOG (pacta_ticket_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PactaTicketDialog, pacta_ticket_dialog, PACTA, TICKET_DIALOG, AdwWindow)

PactaTicketDialog *pacta_ticket_dialog_new          (GtkWindow         *parent,
                                                     PactaContext      *context,
                                                     gint64             ticket_id);
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

GtkTextView       *pacta_message_view_new           (void);

void               pacta_approve_time_with_prompt   (GtkWindow         *parent,
                                                     PactaContext      *context,
                                                     GArray            *entry_ids,
                                                     GCallback          done,
                                                     gpointer           user_data);

G_END_DECLS
