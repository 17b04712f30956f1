/* SPDX-License-Identifier: GPL-3.0-or-later */
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

G_END_DECLS
