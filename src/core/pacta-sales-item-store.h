/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-sales-item-store.h: sales items as a GListModel, and their rules */
#pragma once

#include <gio/gio.h>

#include "pacta-row-store.h"
#include "pacta-sales-item.h"
#include "pacta-sales-item-line.h"

G_BEGIN_DECLS

#define PACTA_TYPE_SALES_ITEM_STORE (pacta_sales_item_store_get_type ())

G_DECLARE_FINAL_TYPE (PactaSalesItemStore, pacta_sales_item_store, PACTA, SALES_ITEM_STORE, PactaRowStore)

PactaSalesItemStore *pacta_sales_item_store_new      (PactaDatabase   *database,
                                                      GError         **error);
PactaSalesItem      *pacta_sales_item_load           (PactaDatabase   *database,
                                                      gint64           id,
                                                      GError         **error);
GListModel          *pacta_sales_item_load_lines     (PactaDatabase   *database,
                                                      gint64           id,
                                                      GError         **error);
GListModel          *pacta_sales_item_list_for_customer (PactaDatabase *database,
                                                         gint64         customer_id,
                                                         GError       **error);
gboolean             pacta_sales_item_validate       (PactaSalesItem  *item,
                                                      GListModel      *lines,
                                                      GError         **error);
gint64               pacta_sales_item_create         (PactaDatabase   *database,
                                                      PactaSalesItem  *item,
                                                      GListModel      *lines,
                                                      GError         **error);
gint64               pacta_sales_item_create_automatic (PactaDatabase *database,
                                                        PactaSalesItem *item,
                                                        GListModel     *lines,
                                                        GError        **error);
gint64               pacta_sales_item_insert_unlocked (PactaDatabase *database,
                                                       PactaSalesItem *item,
                                                       GListModel     *lines,
                                                       const char     *status,
                                                       GError        **error);
gboolean             pacta_sales_item_update         (PactaDatabase   *database,
                                                      PactaSalesItem  *item,
                                                      GListModel      *lines,
                                                      GError         **error);

G_END_DECLS
