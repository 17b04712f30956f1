/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-sales-item-dialog-private.h: hooks for the tests into PactaSalesItemDialog — included by pacta-sales-item-dialog.c and tests/ only */
#pragma once

#include "pacta-sales-item-dialog.h"

G_BEGIN_DECLS

gboolean              pacta_sales_item_dialog_save         (PactaSalesItemDialog *self);
void                  pacta_sales_item_dialog_choose_customer (PactaSalesItemDialog *self,
                                                               gint64                customer_id);
gint64                pacta_sales_item_dialog_get_customer (PactaSalesItemDialog *self);
void                  pacta_sales_item_dialog_add_line     (PactaSalesItemDialog *self,
                                                            const char           *description,
                                                            const char           *quantity,
                                                            const char           *price);
const char           *pacta_sales_item_dialog_get_total_text (PactaSalesItemDialog *self);
const char           *pacta_sales_item_dialog_get_message  (PactaSalesItemDialog *self);
void                  pacta_sales_item_dialog_set_text     (PactaSalesItemDialog *self,
                                                            const char           *field,
                                                            const char           *text);
const char           *pacta_sales_item_dialog_get_text     (PactaSalesItemDialog *self,
                                                            const char           *field);
void                  pacta_sales_item_dialog_set_line_text (PactaSalesItemDialog *self,
                                                             guint                 position,
                                                             const char           *field,
                                                             const char           *text);
const char           *pacta_sales_item_dialog_get_line_text (PactaSalesItemDialog *self,
                                                             guint                 position,
                                                             const char           *field);

G_END_DECLS
