/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-catalog-page-private.h: hooks for the tests into PactaPreferencesCatalogPage, through the window's */
#pragma once

#include "pacta-preferences-catalog-page.h"

G_BEGIN_DECLS

void     pacta_preferences_catalog_page_import_catalog (PactaPreferencesCatalogPage *self,
                                                        GFile                       *file);
guint    pacta_preferences_catalog_page_get_n_items    (PactaPreferencesCatalogPage *self);
gboolean pacta_preferences_catalog_page_set_price      (PactaPreferencesCatalogPage *self,
                                                        guint                        position,
                                                        const char                  *price);

G_END_DECLS
