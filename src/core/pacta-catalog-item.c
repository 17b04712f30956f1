/* pacta-catalog-item.c: a product or service the MSP sells; a plain value object */
#include "pacta-catalog-item.h"

struct _PactaCatalogItem
{
  GObject   parent_instance;

  gint64    id;
  char     *name;
  char     *description;
  char     *sku;
  char     *unit;
  char     *usage_key;
  gint64    price;        /* 1/10000; meaningful only when has_price */
  gint64    cost;
  guint     has_price : 1;
  guint     taxable : 1;
  guint     active : 1;
};

G_DEFINE_FINAL_TYPE (PactaCatalogItem, pacta_catalog_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_SKU,
  PROP_UNIT,
  PROP_USAGE_KEY,
  PROP_PRICE,
  PROP_COST,
  PROP_HAS_PRICE,
  PROP_TAXABLE,
  PROP_ACTIVE,
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
    case PROP_UNIT: g_value_set_string (value, self->unit); break;
    case PROP_USAGE_KEY: g_value_set_string (value, self->usage_key); break;
    case PROP_PRICE: g_value_set_int64 (value, self->price); break;
    case PROP_COST: g_value_set_int64 (value, self->cost); break;
    case PROP_HAS_PRICE: g_value_set_boolean (value, self->has_price); break;
    case PROP_TAXABLE: g_value_set_boolean (value, self->taxable); break;
    case PROP_ACTIVE: g_value_set_boolean (value, self->active); break;
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
    case PROP_ID: self->id = g_value_get_int64 (value); break;
    case PROP_NAME: self->name = g_value_dup_string (value); break;
    case PROP_DESCRIPTION: self->description = g_value_dup_string (value); break;
    case PROP_SKU: self->sku = g_value_dup_string (value); break;
    case PROP_UNIT: self->unit = g_value_dup_string (value); break;
    case PROP_USAGE_KEY: self->usage_key = g_value_dup_string (value); break;
    case PROP_PRICE: self->price = g_value_get_int64 (value); break;
    case PROP_COST: self->cost = g_value_get_int64 (value); break;
    case PROP_HAS_PRICE: self->has_price = g_value_get_boolean (value); break;
    case PROP_TAXABLE: self->taxable = g_value_get_boolean (value); break;
    case PROP_ACTIVE: self->active = g_value_get_boolean (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_catalog_item_class_init (PactaCatalogItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pacta_catalog_item_finalize;
  object_class->get_property = pacta_catalog_item_get_property;
  object_class->set_property = pacta_catalog_item_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_SKU] = g_param_spec_string ("sku", NULL, NULL, NULL, flags);
  properties[PROP_UNIT] = g_param_spec_string ("unit", NULL, NULL, NULL, flags);
  properties[PROP_USAGE_KEY] = g_param_spec_string ("usage-key", NULL, NULL, NULL, flags);
  properties[PROP_PRICE] = g_param_spec_int64 ("price", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_COST] = g_param_spec_int64 ("cost", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_HAS_PRICE] = g_param_spec_boolean ("has-price", NULL, NULL, FALSE, flags);
  properties[PROP_TAXABLE] = g_param_spec_boolean ("taxable", NULL, NULL, TRUE, flags);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, TRUE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pacta_catalog_item_init (PactaCatalogItem *self)
{
  self->taxable = TRUE;
  self->active = TRUE;
}

gint64
pacta_catalog_item_get_id (PactaCatalogItem *self)
{
  g_return_val_if_fail (PACTA_IS_CATALOG_ITEM (self), 0);
  return self->id;
}

const char *
pacta_catalog_item_get_name (PactaCatalogItem *self)
{
  g_return_val_if_fail (PACTA_IS_CATALOG_ITEM (self), NULL);
  return self->name;
}

const char *
pacta_catalog_item_get_usage_key (PactaCatalogItem *self)
{
  g_return_val_if_fail (PACTA_IS_CATALOG_ITEM (self), NULL);
  return self->usage_key;
}

const char *
pacta_catalog_item_get_sku (PactaCatalogItem *self)
{
  g_return_val_if_fail (PACTA_IS_CATALOG_ITEM (self), NULL);
  return self->sku;
}

const char *
pacta_catalog_item_get_unit (PactaCatalogItem *self)
{
  g_return_val_if_fail (PACTA_IS_CATALOG_ITEM (self), NULL);
  return self->unit;
}

gboolean
pacta_catalog_item_get_has_price (PactaCatalogItem *self)
{
  g_return_val_if_fail (PACTA_IS_CATALOG_ITEM (self), FALSE);
  return self->has_price;
}

gint64
pacta_catalog_item_get_price (PactaCatalogItem *self)
{
  g_return_val_if_fail (PACTA_IS_CATALOG_ITEM (self), 0);
  return self->price;
}

gint64
pacta_catalog_item_get_cost (PactaCatalogItem *self)
{
  g_return_val_if_fail (PACTA_IS_CATALOG_ITEM (self), 0);
  return self->cost;
}
