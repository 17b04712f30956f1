/* pacta-sales-item-dialog.h: a new or edited sales item, gated on billing information */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_SALES_ITEM_DIALOG (pacta_sales_item_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PactaSalesItemDialog, pacta_sales_item_dialog, PACTA, SALES_ITEM_DIALOG, AdwWindow)

PactaSalesItemDialog *pacta_sales_item_dialog_new          (GtkWindow            *parent,
                                                            PactaContext         *context,
                                                            gint64                sales_item_id);
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
