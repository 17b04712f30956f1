/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-customers-page-private.h: hooks for the tests into PactaCustomersPage — included by pacta-customers-page.c and tests/ only */
#pragma once

#include "pacta-customers-page.h"

G_BEGIN_DECLS

GListModel   *pacta_customers_page_get_visible (PactaCustomersPage *self);
void          pacta_customers_page_set_search  (PactaCustomersPage *self,
                                                const char         *text);
gboolean      pacta_customers_page_get_panel_revealed (PactaCustomersPage *self);
void          pacta_customers_page_set_missing_only (PactaCustomersPage *self,
                                                     gboolean            missing_only);
void          pacta_customers_page_activate_row (PactaCustomersPage *self,
                                                 guint               position);

G_END_DECLS
