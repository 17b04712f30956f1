/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-helpdesk-page-private.h: hooks for the tests into PactaPreferencesHelpdeskPage, through the window's */
#pragma once

#include "pacta-preferences-helpdesk-page.h"

G_BEGIN_DECLS

gboolean pacta_preferences_helpdesk_page_add_staff   (PactaPreferencesHelpdeskPage *self,
                                                      const char                   *name);
guint    pacta_preferences_helpdesk_page_get_n_staff (PactaPreferencesHelpdeskPage *self);

G_END_DECLS
