/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-sales-item-line.h: one line of a sales item: a catalog item, an amount, or a text-only note */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PACTA_TYPE_SALES_ITEM_LINE (pacta_sales_item_line_get_type ())

G_DECLARE_FINAL_TYPE (PactaSalesItemLine, pacta_sales_item_line, PACTA, SALES_ITEM_LINE, GObject)

gint64 pacta_sales_item_line_get_id (PactaSalesItemLine *self);
void pacta_sales_item_line_set_id (PactaSalesItemLine *self,
                                gint64 value);
gint64 pacta_sales_item_line_get_sales_item_id (PactaSalesItemLine *self);
void pacta_sales_item_line_set_sales_item_id (PactaSalesItemLine *self,
                                           gint64 value);
gint64 pacta_sales_item_line_get_catalog_item_id (PactaSalesItemLine *self);
void pacta_sales_item_line_set_catalog_item_id (PactaSalesItemLine *self,
                                             gint64 value);
const char *pacta_sales_item_line_get_item_name (PactaSalesItemLine *self);
void pacta_sales_item_line_set_item_name (PactaSalesItemLine *self,
                                       const char *value);
const char *pacta_sales_item_line_get_description (PactaSalesItemLine *self);
void pacta_sales_item_line_set_description (PactaSalesItemLine *self,
                                         const char *value);
gint64 pacta_sales_item_line_get_quantity (PactaSalesItemLine *self);
void pacta_sales_item_line_set_quantity (PactaSalesItemLine *self,
                                      gint64 value);
gint64 pacta_sales_item_line_get_unit_price (PactaSalesItemLine *self);
void pacta_sales_item_line_set_unit_price (PactaSalesItemLine *self,
                                        gint64 value);
int pacta_sales_item_line_get_discount (PactaSalesItemLine *self);
void pacta_sales_item_line_set_discount (PactaSalesItemLine *self,
                                      int value);
gboolean pacta_sales_item_line_get_is_note (PactaSalesItemLine *self);
void pacta_sales_item_line_set_is_note (PactaSalesItemLine *self,
                                     gboolean value);

PactaSalesItemLine *pacta_sales_item_line_new       (void);
PactaSalesItemLine *pacta_sales_item_line_copy      (PactaSalesItemLine *self);
gint64              pacta_sales_item_line_get_value (PactaSalesItemLine *self);

G_END_DECLS
