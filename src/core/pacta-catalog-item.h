/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-catalog-item.h: a product or service the MSP sells */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PACTA_TYPE_CATALOG_ITEM (pacta_catalog_item_get_type ())

G_DECLARE_FINAL_TYPE (PactaCatalogItem, pacta_catalog_item, PACTA, CATALOG_ITEM, GObject)

gint64 pacta_catalog_item_get_id (PactaCatalogItem *self);
void pacta_catalog_item_set_id (PactaCatalogItem *self,
                             gint64 value);
const char *pacta_catalog_item_get_name (PactaCatalogItem *self);
void pacta_catalog_item_set_name (PactaCatalogItem *self,
                               const char *value);
const char *pacta_catalog_item_get_description (PactaCatalogItem *self);
void pacta_catalog_item_set_description (PactaCatalogItem *self,
                                      const char *value);
const char *pacta_catalog_item_get_sku (PactaCatalogItem *self);
void pacta_catalog_item_set_sku (PactaCatalogItem *self,
                              const char *value);
const char *pacta_catalog_item_get_external_id (PactaCatalogItem *self);
void pacta_catalog_item_set_external_id (PactaCatalogItem *self,
                                      const char *value);
const char *pacta_catalog_item_get_unit (PactaCatalogItem *self);
void pacta_catalog_item_set_unit (PactaCatalogItem *self,
                               const char *value);
gint64 pacta_catalog_item_get_price (PactaCatalogItem *self);
void pacta_catalog_item_set_price (PactaCatalogItem *self,
                                gint64 value);
gint64 pacta_catalog_item_get_cost (PactaCatalogItem *self);
void pacta_catalog_item_set_cost (PactaCatalogItem *self,
                               gint64 value);
gboolean pacta_catalog_item_get_has_price (PactaCatalogItem *self);
void pacta_catalog_item_set_has_price (PactaCatalogItem *self,
                                    gboolean value);
gboolean pacta_catalog_item_get_taxable (PactaCatalogItem *self);
void pacta_catalog_item_set_taxable (PactaCatalogItem *self,
                                  gboolean value);
gboolean pacta_catalog_item_get_active (PactaCatalogItem *self);
void pacta_catalog_item_set_active (PactaCatalogItem *self,
                                 gboolean value);
const char *pacta_catalog_item_get_usage_key (PactaCatalogItem *self);
void pacta_catalog_item_set_usage_key (PactaCatalogItem *self,
                                    const char *value);
gboolean pacta_catalog_item_get_is_contract_item (PactaCatalogItem *self);
void pacta_catalog_item_set_is_contract_item (PactaCatalogItem *self,
                                           gboolean value);
gboolean pacta_catalog_item_get_is_ticket_time_item (PactaCatalogItem *self);
void pacta_catalog_item_set_is_ticket_time_item (PactaCatalogItem *self,
                                              gboolean value);
gboolean pacta_catalog_item_get_is_sales_item (PactaCatalogItem *self);
void pacta_catalog_item_set_is_sales_item (PactaCatalogItem *self,
                                        gboolean value);

PactaCatalogItem *pacta_catalog_item_new  (void);
PactaCatalogItem *pacta_catalog_item_copy (PactaCatalogItem *self);
const char       *pacta_unit_label        (const char       *unit);

G_END_DECLS
