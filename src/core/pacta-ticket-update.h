/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-ticket-update.h: one entry of a ticket's conversation: a message to the customer or an internal note */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PACTA_TYPE_TICKET_UPDATE (pacta_ticket_update_get_type ())

G_DECLARE_FINAL_TYPE (PactaTicketUpdate, pacta_ticket_update, PACTA, TICKET_UPDATE, GObject)

gint64 pacta_ticket_update_get_id (PactaTicketUpdate *self);
void pacta_ticket_update_set_id (PactaTicketUpdate *self,
                              gint64 value);
gint64 pacta_ticket_update_get_ticket_id (PactaTicketUpdate *self);
void pacta_ticket_update_set_ticket_id (PactaTicketUpdate *self,
                                     gint64 value);
const char *pacta_ticket_update_get_kind (PactaTicketUpdate *self);
void pacta_ticket_update_set_kind (PactaTicketUpdate *self,
                                const char *value);
const char *pacta_ticket_update_get_author (PactaTicketUpdate *self);
void pacta_ticket_update_set_author (PactaTicketUpdate *self,
                                  const char *value);
const char *pacta_ticket_update_get_body (PactaTicketUpdate *self);
void pacta_ticket_update_set_body (PactaTicketUpdate *self,
                                const char *value);
const char *pacta_ticket_update_get_created_at (PactaTicketUpdate *self);
void pacta_ticket_update_set_created_at (PactaTicketUpdate *self,
                                      const char *value);

G_END_DECLS
