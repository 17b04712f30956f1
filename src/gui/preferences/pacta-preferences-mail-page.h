/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-mail-page.h: the Mail page of the preferences — the MSP's mailbox account */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_PREFERENCES_MAIL_PAGE (pacta_preferences_mail_page_get_type ())

G_DECLARE_FINAL_TYPE (PactaPreferencesMailPage, pacta_preferences_mail_page, PACTA, PREFERENCES_MAIL_PAGE,
                      AdwPreferencesPage)

void pacta_preferences_mail_page_set_context (PactaPreferencesMailPage *self,
                                              PactaContext             *context);

G_END_DECLS
