/* pacta-context.h: one open database and the stores that read it */
#pragma once

#include "pacta-billing-info.h"
#include "pacta-customer-store.h"
#include "pacta-database.h"

G_BEGIN_DECLS

#define PACTA_TYPE_CONTEXT (pacta_context_get_type ())

G_DECLARE_FINAL_TYPE (PactaContext, pacta_context, PACTA, CONTEXT, GObject)

PactaContext       *pacta_context_new          (PactaDatabase  *database,
                                                gboolean        is_demo,
                                                GError        **error);
PactaContext       *pacta_context_open_demo    (const char     *path,
                                                GError        **error);
PactaDatabase      *pacta_context_get_database (PactaContext   *self);
PactaCustomerStore *pacta_context_get_customers (PactaContext  *self);
gboolean            pacta_context_get_is_demo  (PactaContext   *self);
GListModel         *pacta_context_list_services (PactaContext  *self,
                                                 gint64         customer_id,
                                                 GError       **error);
GListModel         *pacta_context_list_contacts (PactaContext  *self,
                                                 gint64         customer_id,
                                                 GError       **error);
GListModel         *pacta_context_list_catalog  (PactaContext  *self,
                                                 GError       **error);
gboolean            pacta_context_save_billing_info (PactaContext     *self,
                                                     PactaBillingInfo *info,
                                                     GError          **error);
gboolean            pacta_context_set_self_managed  (PactaContext     *self,
                                                     gint64            customer_id,
                                                     gboolean          self_managed,
                                                     GError          **error);

G_END_DECLS
