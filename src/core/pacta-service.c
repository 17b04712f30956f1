/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-service.c: a catalog item assigned to a customer, with its current usage; a plain value object filled by its store */
#include "pacta-service.h"

struct _PactaService
{
  GObject parent_instance;

  gint64 id;
  gint64 customer_id;
  gint64 catalog_item_id;
  char *name;
  char *usage_key;
  char *unit;
  gint64 quantity;
};

G_DEFINE_FINAL_TYPE (PactaService, pacta_service, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CUSTOMER_ID,
  PROP_CATALOG_ITEM_ID,
  PROP_NAME,
  PROP_USAGE_KEY,
  PROP_UNIT,
  PROP_QUANTITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pacta_service_finalize (GObject *object)
{
  PactaService *self = (PactaService *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->usage_key, g_free);
  g_clear_pointer (&self->unit, g_free);

  G_OBJECT_CLASS (pacta_service_parent_class)->finalize (object);
}

static void
pacta_service_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PactaService *self = PACTA_SERVICE (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_CUSTOMER_ID: g_value_set_int64 (value, self->customer_id); break;
    case PROP_CATALOG_ITEM_ID: g_value_set_int64 (value, self->catalog_item_id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_USAGE_KEY: g_value_set_string (value, self->usage_key); break;
    case PROP_UNIT: g_value_set_string (value, self->unit); break;
    case PROP_QUANTITY: g_value_set_int64 (value, self->quantity); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_service_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PactaService *self = PACTA_SERVICE (object);

  switch (prop_id)
    {
    case PROP_ID: self->id = g_value_get_int64 (value); break;
    case PROP_CUSTOMER_ID: self->customer_id = g_value_get_int64 (value); break;
    case PROP_CATALOG_ITEM_ID: self->catalog_item_id = g_value_get_int64 (value); break;
    case PROP_NAME: self->name = g_value_dup_string (value); break;
    case PROP_USAGE_KEY: self->usage_key = g_value_dup_string (value); break;
    case PROP_UNIT: self->unit = g_value_dup_string (value); break;
    case PROP_QUANTITY: self->quantity = g_value_get_int64 (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_service_class_init (PactaServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pacta_service_finalize;
  object_class->get_property = pacta_service_get_property;
  object_class->set_property = pacta_service_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_CUSTOMER_ID] = g_param_spec_int64 ("customer-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_CATALOG_ITEM_ID] = g_param_spec_int64 ("catalog-item-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_USAGE_KEY] = g_param_spec_string ("usage-key", NULL, NULL, NULL, flags);
  properties[PROP_UNIT] = g_param_spec_string ("unit", NULL, NULL, NULL, flags);
  properties[PROP_QUANTITY] = g_param_spec_int64 ("quantity", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pacta_service_init (PactaService *self)
{
}

gint64
pacta_service_get_id (PactaService *self)
{
  g_return_val_if_fail (PACTA_IS_SERVICE (self), 0);
  return self->id;
}

gint64
pacta_service_get_customer_id (PactaService *self)
{
  g_return_val_if_fail (PACTA_IS_SERVICE (self), 0);
  return self->customer_id;
}

gint64
pacta_service_get_catalog_item_id (PactaService *self)
{
  g_return_val_if_fail (PACTA_IS_SERVICE (self), 0);
  return self->catalog_item_id;
}

const char *
pacta_service_get_name (PactaService *self)
{
  g_return_val_if_fail (PACTA_IS_SERVICE (self), NULL);
  return self->name;
}

const char *
pacta_service_get_usage_key (PactaService *self)
{
  g_return_val_if_fail (PACTA_IS_SERVICE (self), NULL);
  return self->usage_key;
}

const char *
pacta_service_get_unit (PactaService *self)
{
  g_return_val_if_fail (PACTA_IS_SERVICE (self), NULL);
  return self->unit;
}

gint64
pacta_service_get_quantity (PactaService *self)
{
  g_return_val_if_fail (PACTA_IS_SERVICE (self), 0);
  return self->quantity;
}
