/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-helpdesk-page.h: the Helpdesk page of the preferences — the staff who take tickets */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_PREFERENCES_HELPDESK_PAGE (pacta_preferences_helpdesk_page_get_type ())

G_DECLARE_FINAL_TYPE (PactaPreferencesHelpdeskPage, pacta_preferences_helpdesk_page, PACTA, PREFERENCES_HELPDESK_PAGE,
                      AdwPreferencesPage)

void pacta_preferences_helpdesk_page_set_context (PactaPreferencesHelpdeskPage *self,
                                                  PactaContext                 *context);

G_END_DECLS
