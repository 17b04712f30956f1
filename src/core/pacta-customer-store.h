/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-customer-store.h: every customer as a GListModel, materialised on demand */
#pragma once

#include <gio/gio.h>

#include "pacta-customer.h"
#include "pacta-database.h"
#include "pacta-row-store.h"

G_BEGIN_DECLS

#define PACTA_TYPE_CUSTOMER_STORE (pacta_customer_store_get_type ())

G_DECLARE_FINAL_TYPE (PactaCustomerStore, pacta_customer_store, PACTA, CUSTOMER_STORE, PactaRowStore)

PactaCustomerStore *pacta_customer_store_new      (PactaDatabase       *database,
                                                   GError             **error);
gboolean            pacta_customer_store_sync     (PactaCustomerStore  *self,
                                                   GError             **error);
gboolean            pacta_customer_store_find     (PactaCustomerStore  *self,
                                                   gint64               id,
                                                   guint               *position);
PactaCustomer      *pacta_customer_store_load     (PactaDatabase       *database,
                                                   gint64               id,
                                                   GError             **error);

G_END_DECLS
