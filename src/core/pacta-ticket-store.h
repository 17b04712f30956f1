/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-ticket-store.h: the tickets table as a GListModel, and reading one ticket */
#pragma once

#include <gio/gio.h>

#include "pacta-row-store.h"
#include "pacta-ticket.h"

G_BEGIN_DECLS

#define PACTA_TYPE_TICKET_STORE (pacta_ticket_store_get_type ())

G_DECLARE_FINAL_TYPE (PactaTicketStore, pacta_ticket_store, PACTA, TICKET_STORE, PactaRowStore)

PactaTicketStore *pacta_ticket_store_new (PactaDatabase  *database,
                                          GError        **error);
PactaTicket      *pacta_ticket_load      (PactaDatabase  *database,
                                          gint64          id,
                                          GError        **error);

G_END_DECLS
