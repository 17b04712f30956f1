/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-import.h: bringing the MSP's customers and their services in from the cloud platform */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pacta-database.h"

G_BEGIN_DECLS

/* Hard limits that keep a hostile or broken file from exhausting memory or the stack */
#define PACTA_IMPORT_MAX_BYTES   (256 * 1024 * 1024)
#define PACTA_IMPORT_MAX_DEPTH   64

typedef struct
{
  guint       customers_created;
  guint       customers_updated;
  guint       customers_unchanged;
  guint       tenants_skipped;
  GHashTable *skipped_by_kind;        /* kind -> GUINT_TO_POINTER (count) */
  guint       services_created;
  guint       services_updated;
  guint       services_removed;
  guint       usages_skipped;         /* usages of tenants that are not customers */
  guint       catalog_items_created;
} PactaImportReport;

typedef void (*PactaImportProgress) (double   fraction,
                                     gpointer user_data);

PactaImportReport *pacta_import_report_new      (void);
void               pacta_import_report_free     (PactaImportReport   *report);
char              *pacta_import_report_describe (PactaImportReport   *report);

gboolean           pacta_import_platform        (PactaDatabase       *database,
                                                 GFile               *tenants,
                                                 GFile               *usages,
                                                 PactaImportProgress  progress,
                                                 gpointer             user_data,
                                                 PactaImportReport   *report,
                                                 GError             **error);
gboolean           pacta_import_platform_bytes  (PactaDatabase       *database,
                                                 GBytes              *tenants,
                                                 const char          *tenants_name,
                                                 GBytes              *usages,
                                                 const char          *usages_name,
                                                 PactaImportProgress  progress,
                                                 gpointer             user_data,
                                                 PactaImportReport   *report,
                                                 GError             **error);

gboolean           pacta_import_platform_json   (PactaDatabase       *database,
                                                 JsonNode            *tenants,
                                                 const char          *tenants_name,
                                                 JsonNode            *usages,
                                                 const char          *usages_name,
                                                 GHashTable          *settings,
                                                 PactaImportProgress  progress,
                                                 gpointer             user_data,
                                                 PactaImportReport   *report,
                                                 GError             **error);
JsonNode          *pacta_import_parse           (const char          *name,
                                                 GBytes              *bytes,
                                                 GError             **error);
GHashTable        *pacta_import_sum_usages      (PactaDatabase       *database,
                                                 JsonNode            *usages,
                                                 const char          *name,
                                                 guint               *catalog_items_created,
                                                 GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PactaImportReport, pacta_import_report_free)

G_END_DECLS
