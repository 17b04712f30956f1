/* pacta-catalog-item.h: a product or service the MSP sells */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PACTA_TYPE_CATALOG_ITEM (pacta_catalog_item_get_type ())

G_DECLARE_FINAL_TYPE (PactaCatalogItem, pacta_catalog_item, PACTA, CATALOG_ITEM, GObject)

gint64      pacta_catalog_item_get_id        (PactaCatalogItem *self);
const char *pacta_catalog_item_get_name      (PactaCatalogItem *self);
const char *pacta_catalog_item_get_usage_key (PactaCatalogItem *self);
const char *pacta_catalog_item_get_sku       (PactaCatalogItem *self);
const char *pacta_catalog_item_get_unit      (PactaCatalogItem *self);
gboolean    pacta_catalog_item_get_has_price (PactaCatalogItem *self);
gint64      pacta_catalog_item_get_price     (PactaCatalogItem *self);
gint64      pacta_catalog_item_get_cost      (PactaCatalogItem *self);

G_END_DECLS
