/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-helpdesk.h: the helpdesk's rules: opening tickets, their conversation and
 * status, time entries and their approval, staff (the store: pacta-ticket-store.h) */
#pragma once

#include <gio/gio.h>

#include "pacta-row-store.h"
#include "pacta-ticket.h"
#include "pacta-ticket-store.h"
#include "pacta-ticket-update.h"
#include "pacta-time-entry.h"

G_BEGIN_DECLS

gint64            pacta_ticket_create           (PactaDatabase  *database,
                                                 PactaTicket    *ticket,
                                                 const char     *first_message,
                                                 GError        **error);
gboolean          pacta_ticket_change_status    (PactaDatabase  *database,
                                                 gint64          ticket_id,
                                                 const char     *status,
                                                 GError        **error);
gboolean          pacta_ticket_add_update       (PactaDatabase  *database,
                                                 gint64          ticket_id,
                                                 const char     *kind,
                                                 const char     *author,
                                                 const char     *body,
                                                 GError        **error);
GListModel       *pacta_ticket_list_updates     (PactaDatabase  *database,
                                                 gint64          ticket_id,
                                                 GError        **error);
gint64            pacta_time_entry_add          (PactaDatabase  *database,
                                                 PactaTimeEntry *entry,
                                                 GError        **error);
GListModel       *pacta_time_entry_list         (PactaDatabase  *database,
                                                 gint64          ticket_id,
                                                 GError        **error);
gboolean          pacta_time_entries_approve    (PactaDatabase  *database,
                                                 GArray         *entry_ids,
                                                 GError        **error);
gboolean          pacta_time_entry_reject       (PactaDatabase  *database,
                                                 gint64          entry_id,
                                                 GError        **error);
char            **pacta_staff_list              (PactaDatabase  *database,
                                                 GError        **error);
gboolean          pacta_staff_add               (PactaDatabase  *database,
                                                 const char     *name,
                                                 GError        **error);

G_END_DECLS
