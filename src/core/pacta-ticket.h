/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-ticket.h: a helpdesk ticket: a customer's request and its conversation */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PACTA_TYPE_TICKET (pacta_ticket_get_type ())

G_DECLARE_FINAL_TYPE (PactaTicket, pacta_ticket, PACTA, TICKET, GObject)

gint64 pacta_ticket_get_id (PactaTicket *self);
void pacta_ticket_set_id (PactaTicket *self,
                       gint64 value);
const char *pacta_ticket_get_number (PactaTicket *self);
void pacta_ticket_set_number (PactaTicket *self,
                           const char *value);
const char *pacta_ticket_get_title (PactaTicket *self);
void pacta_ticket_set_title (PactaTicket *self,
                          const char *value);
gint64 pacta_ticket_get_customer_id (PactaTicket *self);
void pacta_ticket_set_customer_id (PactaTicket *self,
                                gint64 value);
const char *pacta_ticket_get_customer_name (PactaTicket *self);
void pacta_ticket_set_customer_name (PactaTicket *self,
                                  const char *value);
const char *pacta_ticket_get_contact_name (PactaTicket *self);
void pacta_ticket_set_contact_name (PactaTicket *self,
                                 const char *value);
const char *pacta_ticket_get_assignee (PactaTicket *self);
void pacta_ticket_set_assignee (PactaTicket *self,
                             const char *value);
const char *pacta_ticket_get_priority (PactaTicket *self);
void pacta_ticket_set_priority (PactaTicket *self,
                             const char *value);
const char *pacta_ticket_get_category (PactaTicket *self);
void pacta_ticket_set_category (PactaTicket *self,
                             const char *value);
const char *pacta_ticket_get_status (PactaTicket *self);
void pacta_ticket_set_status (PactaTicket *self,
                           const char *value);
gboolean pacta_ticket_get_billable (PactaTicket *self);
void pacta_ticket_set_billable (PactaTicket *self,
                             gboolean value);
const char *pacta_ticket_get_created_at (PactaTicket *self);
void pacta_ticket_set_created_at (PactaTicket *self,
                               const char *value);
const char *pacta_ticket_get_updated_at (PactaTicket *self);
void pacta_ticket_set_updated_at (PactaTicket *self,
                               const char *value);

PactaTicket *pacta_ticket_new              (gint64      customer_id);
const char  *pacta_ticket_status_label     (const char *status);
const char  *pacta_ticket_priority_label   (const char *priority);
gboolean     pacta_ticket_status_is_open   (const char *status);
gboolean     pacta_ticket_can_move         (const char *from,
                                            const char *to);

G_END_DECLS
