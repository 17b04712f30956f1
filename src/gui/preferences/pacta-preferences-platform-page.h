/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-platform-page.h: the Cloud Platform page of the preferences — connecting, syncing, closed months */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_PREFERENCES_PLATFORM_PAGE (pacta_preferences_platform_page_get_type ())

G_DECLARE_FINAL_TYPE (PactaPreferencesPlatformPage, pacta_preferences_platform_page, PACTA, PREFERENCES_PLATFORM_PAGE,
                      AdwPreferencesPage)

void pacta_preferences_platform_page_set_context (PactaPreferencesPlatformPage *self,
                                                  PactaContext                 *context);

G_END_DECLS
