/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-unassigned-dialog-private.h: hooks for the tests into PactaUnassignedDialog — included by pacta-unassigned-dialog.c and tests/ only */
#pragma once

#include "pacta-unassigned-dialog.h"

G_BEGIN_DECLS

/* The messages listed */
guint        pacta_unassigned_dialog_get_n_messages  (PactaUnassignedDialog *self);
/* The row of the message at @index, newest first; %NULL past the end */
GtkWidget   *pacta_unassigned_dialog_get_row         (PactaUnassignedDialog *self,
                                                      guint                  index);
/* The message the form below the list is for; 0 with none */
gint64       pacta_unassigned_dialog_get_selected    (PactaUnassignedDialog *self);
/* The customer picked, as chosen in its drop-down; 0 picks none */
void         pacta_unassigned_dialog_choose_customer (PactaUnassignedDialog *self,
                                                      gint64                 customer_id);
/* The "Always send mail from DOMAIN" switch and its row (hidden without a domain) */
GtkWidget   *pacta_unassigned_dialog_get_domain_row  (PactaUnassignedDialog *self);
void         pacta_unassigned_dialog_set_remember    (PactaUnassignedDialog *self,
                                                      gboolean               remember);
/* Create Ticket and Dismiss pressed: the ticket's id, or whether it went */
gint64       pacta_unassigned_dialog_create_ticket   (PactaUnassignedDialog *self);
gboolean     pacta_unassigned_dialog_dismiss         (PactaUnassignedDialog *self);
/* (nullable): what the dialog says went wrong */
const char  *pacta_unassigned_dialog_get_error       (PactaUnassignedDialog *self);

G_END_DECLS
