/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-sales-item.h: something sold to a customer outside its contracts, billed on the next run */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PACTA_TYPE_SALES_ITEM (pacta_sales_item_get_type ())

G_DECLARE_FINAL_TYPE (PactaSalesItem, pacta_sales_item, PACTA, SALES_ITEM, GObject)

gint64 pacta_sales_item_get_id (PactaSalesItem *self);
void pacta_sales_item_set_id (PactaSalesItem *self,
                           gint64 value);
gint64 pacta_sales_item_get_customer_id (PactaSalesItem *self);
void pacta_sales_item_set_customer_id (PactaSalesItem *self,
                                    gint64 value);
const char *pacta_sales_item_get_customer_name (PactaSalesItem *self);
void pacta_sales_item_set_customer_name (PactaSalesItem *self,
                                      const char *value);
const char *pacta_sales_item_get_invoice_date (PactaSalesItem *self);
void pacta_sales_item_set_invoice_date (PactaSalesItem *self,
                                     const char *value);
const char *pacta_sales_item_get_origin (PactaSalesItem *self);
void pacta_sales_item_set_origin (PactaSalesItem *self,
                               const char *value);
const char *pacta_sales_item_get_status (PactaSalesItem *self);
void pacta_sales_item_set_status (PactaSalesItem *self,
                               const char *value);
const char *pacta_sales_item_get_description (PactaSalesItem *self);
void pacta_sales_item_set_description (PactaSalesItem *self,
                                    const char *value);
gint64 pacta_sales_item_get_total (PactaSalesItem *self);
void pacta_sales_item_set_total (PactaSalesItem *self,
                              gint64 value);
int pacta_sales_item_get_n_lines (PactaSalesItem *self);
void pacta_sales_item_set_n_lines (PactaSalesItem *self,
                                int value);

PactaSalesItem *pacta_sales_item_new           (gint64      customer_id);
const char     *pacta_sales_item_status_label  (const char *status);
const char     *pacta_sales_item_origin_label  (const char *origin);

G_END_DECLS
