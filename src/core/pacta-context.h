/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-context.h: one open database and the stores that read it */
#pragma once

#include "pacta-billing-info.h"
#include "pacta-catalog-item.h"
#include "pacta-clock.h"
#include "pacta-contract-store.h"
#include "pacta-helpdesk.h"
#include "pacta-invoice.h"
#include "pacta-sales-item-store.h"
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
PactaClock         *pacta_context_get_clock    (PactaContext   *self);
PactaCustomerStore *pacta_context_get_customers (PactaContext  *self);
PactaContractStore *pacta_context_get_contracts (PactaContext  *self);
PactaSalesItemStore *pacta_context_get_sales_items (PactaContext *self);
PactaTicketStore   *pacta_context_get_tickets   (PactaContext  *self);
PactaInvoiceStore  *pacta_context_get_invoices (PactaContext  *self);
gboolean            pacta_context_approve_time  (PactaContext  *self,
                                                 GArray        *entry_ids,
                                                 GError       **error);
gint64              pacta_context_create_sales_item (PactaContext    *self,
                                                     PactaSalesItem  *item,
                                                     GListModel      *lines,
                                                     GError         **error);
gboolean            pacta_context_update_sales_item (PactaContext    *self,
                                                     PactaSalesItem  *item,
                                                     GListModel      *lines,
                                                     GError         **error);
gboolean            pacta_context_sync          (PactaContext  *self,
                                                 GError       **error);
gint64              pacta_context_create_contract (PactaContext   *self,
                                                   PactaContract  *contract,
                                                   GListModel     *parts,
                                                   GError        **error);
gboolean            pacta_context_update_contract (PactaContext   *self,
                                                   PactaContract  *contract,
                                                   GListModel     *parts,
                                                   GError        **error);
GPtrArray          *pacta_context_create_default_contracts (PactaContext   *self,
                                                            GArray         *customer_ids,
                                                            PactaContract  *prototype,
                                                            guint          *n_created,
                                                            GError        **error);
gboolean            pacta_context_save_catalog_item (PactaContext     *self,
                                                     PactaCatalogItem *item,
                                                     GError          **error);
gboolean            pacta_context_get_is_demo  (PactaContext   *self);
PactaContext       *pacta_context_reopen       (PactaContext   *self,
                                                GError        **error);
const char         *pacta_context_get_currency (PactaContext   *self);
gboolean            pacta_context_save_defaults (PactaContext  *self,
                                                 const char    *currency,
                                                 int            tax_rate,
                                                 GError       **error);
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
gboolean            pacta_context_restore_billing_info (PactaContext     *self,
                                                        gint64            customer_id,
                                                        PactaBillingInfo *previous,
                                                        GError          **error);
gboolean            pacta_context_set_self_managed  (PactaContext     *self,
                                                     gint64            customer_id,
                                                     gboolean          self_managed,
                                                     GError          **error);

G_END_DECLS
