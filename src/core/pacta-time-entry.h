/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-time-entry.h: time spent on a ticket, waiting for approval before it is billed */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PACTA_TYPE_TIME_ENTRY (pacta_time_entry_get_type ())

G_DECLARE_FINAL_TYPE (PactaTimeEntry, pacta_time_entry, PACTA, TIME_ENTRY, GObject)

gint64 pacta_time_entry_get_id (PactaTimeEntry *self);
void pacta_time_entry_set_id (PactaTimeEntry *self,
                           gint64 value);
gint64 pacta_time_entry_get_ticket_id (PactaTimeEntry *self);
void pacta_time_entry_set_ticket_id (PactaTimeEntry *self,
                                  gint64 value);
const char *pacta_time_entry_get_ticket_number (PactaTimeEntry *self);
void pacta_time_entry_set_ticket_number (PactaTimeEntry *self,
                                      const char *value);
const char *pacta_time_entry_get_customer_name (PactaTimeEntry *self);
void pacta_time_entry_set_customer_name (PactaTimeEntry *self,
                                      const char *value);
const char *pacta_time_entry_get_date (PactaTimeEntry *self);
void pacta_time_entry_set_date (PactaTimeEntry *self,
                             const char *value);
int pacta_time_entry_get_minutes (PactaTimeEntry *self);
void pacta_time_entry_set_minutes (PactaTimeEntry *self,
                                int value);
const char *pacta_time_entry_get_description (PactaTimeEntry *self);
void pacta_time_entry_set_description (PactaTimeEntry *self,
                                    const char *value);
gboolean pacta_time_entry_get_billable (PactaTimeEntry *self);
void pacta_time_entry_set_billable (PactaTimeEntry *self,
                                 gboolean value);
gint64 pacta_time_entry_get_catalog_item_id (PactaTimeEntry *self);
void pacta_time_entry_set_catalog_item_id (PactaTimeEntry *self,
                                        gint64 value);
const char *pacta_time_entry_get_state (PactaTimeEntry *self);
void pacta_time_entry_set_state (PactaTimeEntry *self,
                              const char *value);
int pacta_time_entry_get_approved_minutes (PactaTimeEntry *self);
void pacta_time_entry_set_approved_minutes (PactaTimeEntry *self,
                                         int value);
gint64 pacta_time_entry_get_sales_item_id (PactaTimeEntry *self);
void pacta_time_entry_set_sales_item_id (PactaTimeEntry *self,
                                      gint64 value);

int          pacta_round_up_minutes        (int         minutes,
                                            int         step);
const char  *pacta_time_entry_state_label  (const char *state);

G_END_DECLS
