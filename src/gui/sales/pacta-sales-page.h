/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-sales-page.h: the Sales & billing page — missing-contracts banner and the Contracts tab */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_SALES_PAGE (pacta_sales_page_get_type ())

G_DECLARE_FINAL_TYPE (PactaSalesPage, pacta_sales_page, PACTA, SALES_PAGE, GtkWidget)

void        pacta_sales_page_set_context        (PactaSalesPage *self,
                                                 PactaContext   *context);
void        pacta_sales_page_set_search         (PactaSalesPage *self,
                                                 const char     *text);

GtkWidget   *pacta_sales_page_get_invoices_view (PactaSalesPage *self);
gboolean     pacta_sales_page_get_narrow        (PactaSalesPage *self);
void         pacta_sales_page_set_narrow        (PactaSalesPage *self,
                                                 gboolean        narrow);

G_END_DECLS
