/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-catalog.h: saving catalog items and importing prices from CSV */
#pragma once

#include <gio/gio.h>

#include "pacta-catalog-item.h"
#include "pacta-database.h"

G_BEGIN_DECLS

typedef struct
{
  guint created;
  guint updated;
} PactaCatalogImportReport;

gboolean pacta_catalog_item_validate (PactaCatalogItem          *item,
                                      GError                   **error);
gboolean pacta_catalog_item_save     (PactaDatabase             *database,
                                      PactaCatalogItem          *item,
                                      GError                   **error);
gboolean pacta_import_catalog        (PactaDatabase             *database,
                                      GFile                     *file,
                                      PactaCatalogImportReport  *report,
                                      GError                   **error);
gboolean pacta_import_catalog_bytes  (PactaDatabase             *database,
                                      GBytes                    *bytes,
                                      const char                *display_name,
                                      PactaCatalogImportReport  *report,
                                      GError                   **error);
char    *pacta_catalog_import_report_describe (PactaCatalogImportReport *report);

G_END_DECLS
