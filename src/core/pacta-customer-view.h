/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-customer-view.h: the customers as a list shows them — sorted, searched, filtered — over the store */
#pragma once

#include <gio/gio.h>

#include "pacta-customer-store.h"

G_BEGIN_DECLS

#define PACTA_TYPE_CUSTOMER_VIEW (pacta_customer_view_get_type ())

G_DECLARE_FINAL_TYPE (PactaCustomerView, pacta_customer_view, PACTA, CUSTOMER_VIEW, GObject)

typedef enum
{
  PACTA_CUSTOMER_COLUMN_NAME,
  PACTA_CUSTOMER_COLUMN_KIND,
  PACTA_CUSTOMER_COLUMN_ENABLED,
  PACTA_CUSTOMER_COLUMN_SERVICES,
  PACTA_CUSTOMER_COLUMN_BILLING,
} PactaCustomerColumn;

/* One key of the order, the first one deciding first */
typedef struct
{
  PactaCustomerColumn column;
  gboolean            descending;
} PactaCustomerSortKey;

PactaCustomerView  *pacta_customer_view_new              (void);
PactaCustomerStore *pacta_customer_view_get_store        (PactaCustomerView          *self);
void                pacta_customer_view_set_store        (PactaCustomerView          *self,
                                                          PactaCustomerStore         *store);
void                pacta_customer_view_set_sort         (PactaCustomerView          *self,
                                                          const PactaCustomerSortKey *keys,
                                                          guint                       n_keys);
void                pacta_customer_view_set_search       (PactaCustomerView          *self,
                                                          const char                 *text);
void                pacta_customer_view_set_missing_only (PactaCustomerView          *self,
                                                          gboolean                    missing_only);
void                pacta_customer_view_wait             (PactaCustomerView          *self);
void                pacta_customer_view_hold             (PactaCustomerView          *self);
void                pacta_customer_view_release          (PactaCustomerView          *self);

G_END_DECLS
