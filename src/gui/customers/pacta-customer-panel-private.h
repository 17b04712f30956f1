/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-customer-panel-private.h: hooks for the tests into PactaCustomerPanel — included by pacta-customer-panel.c and tests/ only */
#pragma once

#include "pacta-customer-panel.h"

G_BEGIN_DECLS

gint64     pacta_customer_panel_get_customer  (PactaCustomerPanel *self);
const char *pacta_customer_panel_get_tab      (PactaCustomerPanel *self);
GtkWidget *pacta_customer_panel_get_form      (PactaCustomerPanel *self);
gboolean   pacta_customer_panel_save          (PactaCustomerPanel *self);
GtkWidget *pacta_customer_panel_get_contacts  (PactaCustomerPanel *self);
void       pacta_customer_panel_set_self_managed (PactaCustomerPanel *self,
                                                  gboolean            self_managed);

G_END_DECLS
