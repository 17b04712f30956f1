/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-catalog-page.h: the Catalog page of the preferences — products and services, item by item */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_PREFERENCES_CATALOG_PAGE (pacta_preferences_catalog_page_get_type ())

G_DECLARE_FINAL_TYPE (PactaPreferencesCatalogPage, pacta_preferences_catalog_page, PACTA, PREFERENCES_CATALOG_PAGE,
                      AdwPreferencesPage)

void pacta_preferences_catalog_page_set_context (PactaPreferencesCatalogPage *self,
                                                 PactaContext                *context);
void pacta_preferences_catalog_page_reload      (PactaPreferencesCatalogPage *self);

G_END_DECLS
