/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-sales-page-private.h: hooks for the tests into PactaSalesPage — included by pacta-sales-page.c and tests/ only */
#pragma once

#include "pacta-sales-page.h"

G_BEGIN_DECLS

gboolean    pacta_sales_page_get_banner_revealed (PactaSalesPage *self);
const char *pacta_sales_page_get_banner_title   (PactaSalesPage *self);
GListModel *pacta_sales_page_get_visible_contracts (PactaSalesPage *self);
GListModel *pacta_sales_page_get_visible_sales_items (PactaSalesPage *self);
void        pacta_sales_page_set_status_filter  (PactaSalesPage *self,
                                                 guint           position);

gboolean     pacta_sales_page_is_loading        (PactaSalesPage *self);

G_END_DECLS
