/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-backups-page.h: the Backups page of the preferences — the copies kept, and restoring one */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_PREFERENCES_BACKUPS_PAGE (pacta_preferences_backups_page_get_type ())

G_DECLARE_FINAL_TYPE (PactaPreferencesBackupsPage, pacta_preferences_backups_page, PACTA, PREFERENCES_BACKUPS_PAGE,
                      AdwPreferencesPage)

void pacta_preferences_backups_page_set_context (PactaPreferencesBackupsPage *self,
                                                 PactaContext                *context);

G_END_DECLS
