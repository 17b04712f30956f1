/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-helpdesk-page.h: the Helpdesk page — tickets, and the time waiting for approval */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_HELPDESK_PAGE (pacta_helpdesk_page_get_type ())

G_DECLARE_FINAL_TYPE (PactaHelpdeskPage, pacta_helpdesk_page, PACTA, HELPDESK_PAGE, GtkWidget)

void        pacta_helpdesk_page_set_context      (PactaHelpdeskPage *self,
                                                  PactaContext      *context);
gboolean    pacta_helpdesk_page_get_narrow       (PactaHelpdeskPage *self);
void        pacta_helpdesk_page_set_narrow       (PactaHelpdeskPage *self,
                                                  gboolean           narrow);

G_END_DECLS
