/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-backups-page-private.h: hooks for the tests into PactaPreferencesBackupsPage, through the window's */
#pragma once

#include "pacta-preferences-backups-page.h"

G_BEGIN_DECLS

guint    pacta_preferences_backups_page_get_n_backups  (PactaPreferencesBackupsPage *self);
gboolean pacta_preferences_backups_page_restore_backup (PactaPreferencesBackupsPage *self,
                                                        guint                        position);

G_END_DECLS
