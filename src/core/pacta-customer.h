/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-customer.h: a customer of the MSP, as listed and edited */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PACTA_TYPE_CUSTOMER (pacta_customer_get_type ())

G_DECLARE_FINAL_TYPE (PactaCustomer, pacta_customer, PACTA, CUSTOMER, GObject)

gint64      pacta_customer_get_id               (PactaCustomer *self);
const char *pacta_customer_get_tenant_id        (PactaCustomer *self);
const char *pacta_customer_get_external_id      (PactaCustomer *self);
const char *pacta_customer_get_name             (PactaCustomer *self);
const char *pacta_customer_get_kind             (PactaCustomer *self);
const char *pacta_customer_get_kind_label       (PactaCustomer *self);
gboolean    pacta_customer_get_enabled          (PactaCustomer *self);
const char *pacta_customer_get_email            (PactaCustomer *self);
const char *pacta_customer_get_language         (PactaCustomer *self);
const char *pacta_customer_get_created_at       (PactaCustomer *self);
guint       pacta_customer_get_n_services       (PactaCustomer *self);
gboolean    pacta_customer_get_has_billing_info (PactaCustomer *self);
gboolean    pacta_customer_get_self_managed     (PactaCustomer *self);

const char *pacta_customer_kind_to_label        (const char    *kind);

G_END_DECLS
