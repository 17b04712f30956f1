/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-helpdesk-page-private.h: hooks for the tests into PactaHelpdeskPage — included by pacta-helpdesk-page.c and tests/ only */
#pragma once

#include "pacta-helpdesk-page.h"
#include "pacta-unassigned-dialog.h"

G_BEGIN_DECLS

GListModel *pacta_helpdesk_page_get_visible      (PactaHelpdeskPage *self);
void        pacta_helpdesk_page_set_status_filter (PactaHelpdeskPage *self,
                                                   guint              position);
void        pacta_helpdesk_page_set_search       (PactaHelpdeskPage *self,
                                                  const char        *text);
guint       pacta_helpdesk_page_get_n_pending    (PactaHelpdeskPage *self);
void        pacta_helpdesk_page_select_all_pending (PactaHelpdeskPage *self);
void        pacta_helpdesk_page_approve_selected (PactaHelpdeskPage *self);
gint64      pacta_helpdesk_page_create_ticket    (PactaHelpdeskPage *self,
                                                  gint64             customer_id,
                                                  const char        *title,
                                                  const char        *message,
                                                  GError           **error);
gboolean    pacta_helpdesk_page_is_loading       (PactaHelpdeskPage *self);
/* Check Mail, and the banner of mail waiting for a customer (a PactaBanner) */
GtkWidget  *pacta_helpdesk_page_get_check_mail_button (PactaHelpdeskPage *self);
GtkWidget  *pacta_helpdesk_page_get_unassigned_banner (PactaHelpdeskPage *self);
/* The banner's button: Unassigned Mail, presented */
PactaUnassignedDialog *pacta_helpdesk_page_open_unassigned (PactaHelpdeskPage *self);

G_END_DECLS
