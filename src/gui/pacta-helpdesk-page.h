/* pacta-helpdesk-page.h: the Helpdesk page — tickets, and the time waiting for approval */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_HELPDESK_PAGE (pacta_helpdesk_page_get_type ())

G_DECLARE_FINAL_TYPE (PactaHelpdeskPage, pacta_helpdesk_page, PACTA, HELPDESK_PAGE, GtkWidget)

void        pacta_helpdesk_page_set_context      (PactaHelpdeskPage *self,
                                                  PactaContext      *context);
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
gboolean    pacta_helpdesk_page_get_narrow       (PactaHelpdeskPage *self);
void        pacta_helpdesk_page_set_narrow       (PactaHelpdeskPage *self,
                                                  gboolean           narrow);

G_END_DECLS
