/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-service.h: a catalog item assigned to a customer, with its current usage */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PACTA_TYPE_SERVICE (pacta_service_get_type ())

G_DECLARE_FINAL_TYPE (PactaService, pacta_service, PACTA, SERVICE, GObject)

gint64      pacta_service_get_id (PactaService *self);
gint64      pacta_service_get_customer_id (PactaService *self);
gint64      pacta_service_get_catalog_item_id (PactaService *self);
const char *pacta_service_get_name (PactaService *self);
const char *pacta_service_get_usage_key (PactaService *self);
const char *pacta_service_get_unit (PactaService *self);
gint64      pacta_service_get_quantity (PactaService *self);

G_END_DECLS
