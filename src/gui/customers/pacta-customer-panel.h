/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-customer-panel.h: the side panel for one customer — Overview and Configure tabs */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_CUSTOMER_PANEL (pacta_customer_panel_get_type ())

G_DECLARE_FINAL_TYPE (PactaCustomerPanel, pacta_customer_panel, PACTA, CUSTOMER_PANEL, GtkWidget)

void       pacta_customer_panel_set_context   (PactaCustomerPanel *self,
                                               PactaContext       *context);
void       pacta_customer_panel_set_customer  (PactaCustomerPanel *self,
                                               gint64              customer_id);
void       pacta_customer_panel_show_tab      (PactaCustomerPanel *self,
                                               const char         *name);
void       pacta_customer_panel_reload        (PactaCustomerPanel *self);

G_END_DECLS
