/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-customers-page.h: the Customers page — a searchable table of customers, sortable by any column */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_CUSTOMERS_PAGE (pacta_customers_page_get_type ())

G_DECLARE_FINAL_TYPE (PactaCustomersPage, pacta_customers_page, PACTA, CUSTOMERS_PAGE, GtkWidget)

PactaContext *pacta_customers_page_get_context (PactaCustomersPage *self);
void          pacta_customers_page_set_context (PactaCustomersPage *self,
                                                PactaContext       *context);
void          pacta_customers_page_focus_search (PactaCustomersPage *self);
GtkWidget    *pacta_customers_page_get_panel    (PactaCustomersPage *self);
gboolean      pacta_customers_page_get_narrow   (PactaCustomersPage *self);
void          pacta_customers_page_set_narrow   (PactaCustomersPage *self,
                                                 gboolean            narrow);

G_END_DECLS
