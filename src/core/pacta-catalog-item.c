/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-catalog-item.c: a product or service the MSP sells; a plain value object with properties */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pacta-catalog-item.h"
#include "pacta-entity.h"

struct _PactaCatalogItem
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char *description;
  char *sku;
  char *external_id;
  char *unit;
  gint64 price;
  gint64 cost;
  gboolean has_price;
  gboolean taxable;
  gboolean active;
  char *usage_key;
  gboolean is_contract_item;
  gboolean is_ticket_time_item;
  gboolean is_sales_item;
};

G_DEFINE_FINAL_TYPE (PactaCatalogItem, pacta_catalog_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_SKU,
  PROP_EXTERNAL_ID,
  PROP_UNIT,
  PROP_PRICE,
  PROP_COST,
  PROP_HAS_PRICE,
  PROP_TAXABLE,
  PROP_ACTIVE,
  PROP_USAGE_KEY,
  PROP_IS_CONTRACT_ITEM,
  PROP_IS_TICKET_TIME_ITEM,
  PROP_IS_SALES_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pacta_catalog_item_finalize (GObject *object)
{
  PactaCatalogItem *self = (PactaCatalogItem *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->sku, g_free);
  g_clear_pointer (&self->external_id, g_free);
  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->usage_key, g_free);

  G_OBJECT_CLASS (pacta_catalog_item_parent_class)->finalize (object);
}

static void
pacta_catalog_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PactaCatalogItem *self = PACTA_CATALOG_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_DESCRIPTION: g_value_set_string (value, self->description); break;
    case PROP_SKU: g_value_set_string (value, self->sku); break;
    case PROP_EXTERNAL_ID: g_value_set_string (value, self->external_id); break;
    case PROP_UNIT: g_value_set_string (value, self->unit); break;
    case PROP_PRICE: g_value_set_int64 (value, self->price); break;
    case PROP_COST: g_value_set_int64 (value, self->cost); break;
    case PROP_HAS_PRICE: g_value_set_boolean (value, self->has_price); break;
    case PROP_TAXABLE: g_value_set_boolean (value, self->taxable); break;
    case PROP_ACTIVE: g_value_set_boolean (value, self->active); break;
    case PROP_USAGE_KEY: g_value_set_string (value, self->usage_key); break;
    case PROP_IS_CONTRACT_ITEM: g_value_set_boolean (value, self->is_contract_item); break;
    case PROP_IS_TICKET_TIME_ITEM: g_value_set_boolean (value, self->is_ticket_time_item); break;
    case PROP_IS_SALES_ITEM: g_value_set_boolean (value, self->is_sales_item); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_catalog_item_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PactaCatalogItem *self = PACTA_CATALOG_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID: pacta_catalog_item_set_id (self, g_value_get_int64 (value)); break;
    case PROP_NAME: pacta_catalog_item_set_name (self, g_value_get_string (value)); break;
    case PROP_DESCRIPTION: pacta_catalog_item_set_description (self, g_value_get_string (value)); break;
    case PROP_SKU: pacta_catalog_item_set_sku (self, g_value_get_string (value)); break;
    case PROP_EXTERNAL_ID: pacta_catalog_item_set_external_id (self, g_value_get_string (value)); break;
    case PROP_UNIT: pacta_catalog_item_set_unit (self, g_value_get_string (value)); break;
    case PROP_PRICE: pacta_catalog_item_set_price (self, g_value_get_int64 (value)); break;
    case PROP_COST: pacta_catalog_item_set_cost (self, g_value_get_int64 (value)); break;
    case PROP_HAS_PRICE: pacta_catalog_item_set_has_price (self, g_value_get_boolean (value)); break;
    case PROP_TAXABLE: pacta_catalog_item_set_taxable (self, g_value_get_boolean (value)); break;
    case PROP_ACTIVE: pacta_catalog_item_set_active (self, g_value_get_boolean (value)); break;
    case PROP_USAGE_KEY: pacta_catalog_item_set_usage_key (self, g_value_get_string (value)); break;
    case PROP_IS_CONTRACT_ITEM: pacta_catalog_item_set_is_contract_item (self, g_value_get_boolean (value)); break;
    case PROP_IS_TICKET_TIME_ITEM: pacta_catalog_item_set_is_ticket_time_item (self, g_value_get_boolean (value)); break;
    case PROP_IS_SALES_ITEM: pacta_catalog_item_set_is_sales_item (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_catalog_item_class_init (PactaCatalogItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pacta_catalog_item_finalize;
  object_class->get_property = pacta_catalog_item_get_property;
  object_class->set_property = pacta_catalog_item_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_SKU] =
    g_param_spec_string ("sku", NULL, NULL, NULL, flags);
  properties[PROP_EXTERNAL_ID] =
    g_param_spec_string ("external-id", NULL, NULL, NULL, flags);
  properties[PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL, "piece", flags);
  properties[PROP_PRICE] =
    g_param_spec_int64 ("price", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_COST] =
    g_param_spec_int64 ("cost", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_HAS_PRICE] =
    g_param_spec_boolean ("has-price", NULL, NULL, FALSE, flags);
  properties[PROP_TAXABLE] =
    g_param_spec_boolean ("taxable", NULL, NULL, TRUE, flags);
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, TRUE, flags);
  properties[PROP_USAGE_KEY] =
    g_param_spec_string ("usage-key", NULL, NULL, NULL, flags);
  properties[PROP_IS_CONTRACT_ITEM] =
    g_param_spec_boolean ("is-contract-item", NULL, NULL, TRUE, flags);
  properties[PROP_IS_TICKET_TIME_ITEM] =
    g_param_spec_boolean ("is-ticket-time-item", NULL, NULL, FALSE, flags);
  properties[PROP_IS_SALES_ITEM] =
    g_param_spec_boolean ("is-sales-item", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pacta_catalog_item_init (PactaCatalogItem *self)
{
  self->unit = g_strdup ("piece");
  self->taxable = TRUE;
  self->active = TRUE;
  self->is_contract_item = TRUE;
}

gint64
pacta_catalog_item_get_id (PactaCatalogItem *self)
{
  g_return_val_if_fail (PACTA_IS_CATALOG_ITEM (self), 0);
  return self->id;
}

void
pacta_catalog_item_set_id (PactaCatalogItem *self,
                             gint64 value)
{
  g_return_if_fail (PACTA_IS_CATALOG_ITEM (self));

  if (self->id == value)
    return;
  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
pacta_catalog_item_get_name (PactaCatalogItem *self)
{
  g_return_val_if_fail (PACTA_IS_CATALOG_ITEM (self), NULL);
  return self->name;
}

void
pacta_catalog_item_set_name (PactaCatalogItem *self,
                               const char *value)
{
  g_return_if_fail (PACTA_IS_CATALOG_ITEM (self));

  if (g_strcmp0 (self->name, value) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
pacta_catalog_item_get_description (PactaCatalogItem *self)
{
  g_return_val_if_fail (PACTA_IS_CATALOG_ITEM (self), NULL);
  return self->description;
}

void
pacta_catalog_item_set_description (PactaCatalogItem *self,
                                      const char *value)
{
  g_return_if_fail (PACTA_IS_CATALOG_ITEM (self));

  if (g_strcmp0 (self->description, value) == 0)
    return;
  g_free (self->description);
  self->description = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

const char *
pacta_catalog_item_get_sku (PactaCatalogItem *self)
{
  g_return_val_if_fail (PACTA_IS_CATALOG_ITEM (self), NULL);
  return self->sku;
}

void
pacta_catalog_item_set_sku (PactaCatalogItem *self,
                              const char *value)
{
  g_return_if_fail (PACTA_IS_CATALOG_ITEM (self));

  if (g_strcmp0 (self->sku, value) == 0)
    return;
  g_free (self->sku);
  self->sku = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SKU]);
}

const char *
pacta_catalog_item_get_external_id (PactaCatalogItem *self)
{
  g_return_val_if_fail (PACTA_IS_CATALOG_ITEM (self), NULL);
  return self->external_id;
}

void
pacta_catalog_item_set_external_id (PactaCatalogItem *self,
                                      const char *value)
{
  g_return_if_fail (PACTA_IS_CATALOG_ITEM (self));

  if (g_strcmp0 (self->external_id, value) == 0)
    return;
  g_free (self->external_id);
  self->external_id = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTERNAL_ID]);
}

const char *
pacta_catalog_item_get_unit (PactaCatalogItem *self)
{
  g_return_val_if_fail (PACTA_IS_CATALOG_ITEM (self), NULL);
  return self->unit;
}

void
pacta_catalog_item_set_unit (PactaCatalogItem *self,
                               const char *value)
{
  g_return_if_fail (PACTA_IS_CATALOG_ITEM (self));

  if (g_strcmp0 (self->unit, value) == 0)
    return;
  g_free (self->unit);
  self->unit = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
}

gint64
pacta_catalog_item_get_price (PactaCatalogItem *self)
{
  g_return_val_if_fail (PACTA_IS_CATALOG_ITEM (self), 0);
  return self->price;
}

void
pacta_catalog_item_set_price (PactaCatalogItem *self,
                                gint64 value)
{
  g_return_if_fail (PACTA_IS_CATALOG_ITEM (self));

  if (self->price == value)
    return;
  self->price = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRICE]);
}

gint64
pacta_catalog_item_get_cost (PactaCatalogItem *self)
{
  g_return_val_if_fail (PACTA_IS_CATALOG_ITEM (self), 0);
  return self->cost;
}

void
pacta_catalog_item_set_cost (PactaCatalogItem *self,
                               gint64 value)
{
  g_return_if_fail (PACTA_IS_CATALOG_ITEM (self));

  if (self->cost == value)
    return;
  self->cost = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COST]);
}

gboolean
pacta_catalog_item_get_has_price (PactaCatalogItem *self)
{
  g_return_val_if_fail (PACTA_IS_CATALOG_ITEM (self), FALSE);
  return self->has_price;
}

void
pacta_catalog_item_set_has_price (PactaCatalogItem *self,
                                    gboolean value)
{
  g_return_if_fail (PACTA_IS_CATALOG_ITEM (self));

  value = !!value;
  if (self->has_price == value)
    return;
  self->has_price = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_PRICE]);
}

gboolean
pacta_catalog_item_get_taxable (PactaCatalogItem *self)
{
  g_return_val_if_fail (PACTA_IS_CATALOG_ITEM (self), FALSE);
  return self->taxable;
}

void
pacta_catalog_item_set_taxable (PactaCatalogItem *self,
                                  gboolean value)
{
  g_return_if_fail (PACTA_IS_CATALOG_ITEM (self));

  value = !!value;
  if (self->taxable == value)
    return;
  self->taxable = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAXABLE]);
}

gboolean
pacta_catalog_item_get_active (PactaCatalogItem *self)
{
  g_return_val_if_fail (PACTA_IS_CATALOG_ITEM (self), FALSE);
  return self->active;
}

void
pacta_catalog_item_set_active (PactaCatalogItem *self,
                                 gboolean value)
{
  g_return_if_fail (PACTA_IS_CATALOG_ITEM (self));

  value = !!value;
  if (self->active == value)
    return;
  self->active = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

const char *
pacta_catalog_item_get_usage_key (PactaCatalogItem *self)
{
  g_return_val_if_fail (PACTA_IS_CATALOG_ITEM (self), NULL);
  return self->usage_key;
}

void
pacta_catalog_item_set_usage_key (PactaCatalogItem *self,
                                    const char *value)
{
  g_return_if_fail (PACTA_IS_CATALOG_ITEM (self));

  if (g_strcmp0 (self->usage_key, value) == 0)
    return;
  g_free (self->usage_key);
  self->usage_key = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USAGE_KEY]);
}

gboolean
pacta_catalog_item_get_is_contract_item (PactaCatalogItem *self)
{
  g_return_val_if_fail (PACTA_IS_CATALOG_ITEM (self), FALSE);
  return self->is_contract_item;
}

void
pacta_catalog_item_set_is_contract_item (PactaCatalogItem *self,
                                           gboolean value)
{
  g_return_if_fail (PACTA_IS_CATALOG_ITEM (self));

  value = !!value;
  if (self->is_contract_item == value)
    return;
  self->is_contract_item = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_CONTRACT_ITEM]);
}

gboolean
pacta_catalog_item_get_is_ticket_time_item (PactaCatalogItem *self)
{
  g_return_val_if_fail (PACTA_IS_CATALOG_ITEM (self), FALSE);
  return self->is_ticket_time_item;
}

void
pacta_catalog_item_set_is_ticket_time_item (PactaCatalogItem *self,
                                              gboolean value)
{
  g_return_if_fail (PACTA_IS_CATALOG_ITEM (self));

  value = !!value;
  if (self->is_ticket_time_item == value)
    return;
  self->is_ticket_time_item = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_TICKET_TIME_ITEM]);
}

gboolean
pacta_catalog_item_get_is_sales_item (PactaCatalogItem *self)
{
  g_return_val_if_fail (PACTA_IS_CATALOG_ITEM (self), FALSE);
  return self->is_sales_item;
}

void
pacta_catalog_item_set_is_sales_item (PactaCatalogItem *self,
                                        gboolean value)
{
  g_return_if_fail (PACTA_IS_CATALOG_ITEM (self));

  value = !!value;
  if (self->is_sales_item == value)
    return;
  self->is_sales_item = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_SALES_ITEM]);
}

PactaCatalogItem *
pacta_catalog_item_new (void)
{
  return g_object_new (PACTA_TYPE_CATALOG_ITEM, NULL);
}

PactaCatalogItem *
pacta_catalog_item_copy (PactaCatalogItem *self)
{
  PactaCatalogItem *copy;

  g_return_val_if_fail (PACTA_IS_CATALOG_ITEM (self), NULL);

  copy = pacta_catalog_item_new ();
  pacta_entity_copy_properties (self, copy, properties, N_PROPS);
  return copy;
}

/* The unit as people read it; the stored value stays the platform's word */
const char *
pacta_unit_label (const char *unit)
{
  static const PactaEntityLabel units[] = {
    { "workload", N_("workload") },
    { "seat", N_("seat") },
    { "GB", N_("GB") },
    { "hour", N_("hour") },
    { "piece", N_("piece") },
  };

  return pacta_entity_label (units, G_N_ELEMENTS (units), NULL, unit);
}
