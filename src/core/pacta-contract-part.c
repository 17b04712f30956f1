/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-contract-part.c: one billed line of a contract: a catalog item, how many, at what price; a plain value object with properties */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pacta-contract-part.h"
#include "pacta-entity.h"
#include "pacta-money.h"

struct _PactaContractPart
{
  GObject parent_instance;

  gint64 id;
  gint64 contract_id;
  gint64 catalog_item_id;
  char *item_name;
  char *unit;
  char *description;
  gint64 quantity;
  gint64 unit_price;
  gboolean has_price;
  int discount;
  char *discount_reason;
  char *start_date;
  char *end_date;
  gint64 minimum_quantity;
  gboolean follow_usage;
  gboolean trial;
};

G_DEFINE_FINAL_TYPE (PactaContractPart, pacta_contract_part, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CONTRACT_ID,
  PROP_CATALOG_ITEM_ID,
  PROP_ITEM_NAME,
  PROP_UNIT,
  PROP_DESCRIPTION,
  PROP_QUANTITY,
  PROP_UNIT_PRICE,
  PROP_HAS_PRICE,
  PROP_DISCOUNT,
  PROP_DISCOUNT_REASON,
  PROP_START_DATE,
  PROP_END_DATE,
  PROP_MINIMUM_QUANTITY,
  PROP_FOLLOW_USAGE,
  PROP_TRIAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pacta_contract_part_finalize (GObject *object)
{
  PactaContractPart *self = (PactaContractPart *)object;

  g_clear_pointer (&self->item_name, g_free);
  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->discount_reason, g_free);
  g_clear_pointer (&self->start_date, g_free);
  g_clear_pointer (&self->end_date, g_free);

  G_OBJECT_CLASS (pacta_contract_part_parent_class)->finalize (object);
}

static void
pacta_contract_part_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PactaContractPart *self = PACTA_CONTRACT_PART (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_CONTRACT_ID: g_value_set_int64 (value, self->contract_id); break;
    case PROP_CATALOG_ITEM_ID: g_value_set_int64 (value, self->catalog_item_id); break;
    case PROP_ITEM_NAME: g_value_set_string (value, self->item_name); break;
    case PROP_UNIT: g_value_set_string (value, self->unit); break;
    case PROP_DESCRIPTION: g_value_set_string (value, self->description); break;
    case PROP_QUANTITY: g_value_set_int64 (value, self->quantity); break;
    case PROP_UNIT_PRICE: g_value_set_int64 (value, self->unit_price); break;
    case PROP_HAS_PRICE: g_value_set_boolean (value, self->has_price); break;
    case PROP_DISCOUNT: g_value_set_int (value, self->discount); break;
    case PROP_DISCOUNT_REASON: g_value_set_string (value, self->discount_reason); break;
    case PROP_START_DATE: g_value_set_string (value, self->start_date); break;
    case PROP_END_DATE: g_value_set_string (value, self->end_date); break;
    case PROP_MINIMUM_QUANTITY: g_value_set_int64 (value, self->minimum_quantity); break;
    case PROP_FOLLOW_USAGE: g_value_set_boolean (value, self->follow_usage); break;
    case PROP_TRIAL: g_value_set_boolean (value, self->trial); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_contract_part_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PactaContractPart *self = PACTA_CONTRACT_PART (object);

  switch (prop_id)
    {
    case PROP_ID: pacta_contract_part_set_id (self, g_value_get_int64 (value)); break;
    case PROP_CONTRACT_ID: pacta_contract_part_set_contract_id (self, g_value_get_int64 (value)); break;
    case PROP_CATALOG_ITEM_ID: pacta_contract_part_set_catalog_item_id (self, g_value_get_int64 (value)); break;
    case PROP_ITEM_NAME: pacta_contract_part_set_item_name (self, g_value_get_string (value)); break;
    case PROP_UNIT: pacta_contract_part_set_unit (self, g_value_get_string (value)); break;
    case PROP_DESCRIPTION: pacta_contract_part_set_description (self, g_value_get_string (value)); break;
    case PROP_QUANTITY: pacta_contract_part_set_quantity (self, g_value_get_int64 (value)); break;
    case PROP_UNIT_PRICE: pacta_contract_part_set_unit_price (self, g_value_get_int64 (value)); break;
    case PROP_HAS_PRICE: pacta_contract_part_set_has_price (self, g_value_get_boolean (value)); break;
    case PROP_DISCOUNT: pacta_contract_part_set_discount (self, g_value_get_int (value)); break;
    case PROP_DISCOUNT_REASON: pacta_contract_part_set_discount_reason (self, g_value_get_string (value)); break;
    case PROP_START_DATE: pacta_contract_part_set_start_date (self, g_value_get_string (value)); break;
    case PROP_END_DATE: pacta_contract_part_set_end_date (self, g_value_get_string (value)); break;
    case PROP_MINIMUM_QUANTITY: pacta_contract_part_set_minimum_quantity (self, g_value_get_int64 (value)); break;
    case PROP_FOLLOW_USAGE: pacta_contract_part_set_follow_usage (self, g_value_get_boolean (value)); break;
    case PROP_TRIAL: pacta_contract_part_set_trial (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_contract_part_class_init (PactaContractPartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pacta_contract_part_finalize;
  object_class->get_property = pacta_contract_part_get_property;
  object_class->set_property = pacta_contract_part_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_CONTRACT_ID] =
    g_param_spec_int64 ("contract-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_CATALOG_ITEM_ID] =
    g_param_spec_int64 ("catalog-item-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_ITEM_NAME] =
    g_param_spec_string ("item-name", NULL, NULL, NULL, flags);
  properties[PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_QUANTITY] =
    g_param_spec_int64 ("quantity", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_UNIT_PRICE] =
    g_param_spec_int64 ("unit-price", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_HAS_PRICE] =
    g_param_spec_boolean ("has-price", NULL, NULL, FALSE, flags);
  properties[PROP_DISCOUNT] =
    g_param_spec_int ("discount", NULL, NULL, G_MININT, G_MAXINT, 0, flags);
  properties[PROP_DISCOUNT_REASON] =
    g_param_spec_string ("discount-reason", NULL, NULL, NULL, flags);
  properties[PROP_START_DATE] =
    g_param_spec_string ("start-date", NULL, NULL, NULL, flags);
  properties[PROP_END_DATE] =
    g_param_spec_string ("end-date", NULL, NULL, NULL, flags);
  properties[PROP_MINIMUM_QUANTITY] =
    g_param_spec_int64 ("minimum-quantity", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_FOLLOW_USAGE] =
    g_param_spec_boolean ("follow-usage", NULL, NULL, FALSE, flags);
  properties[PROP_TRIAL] =
    g_param_spec_boolean ("trial", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pacta_contract_part_init (PactaContractPart *self)
{
}

gint64
pacta_contract_part_get_id (PactaContractPart *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT_PART (self), 0);
  return self->id;
}

void
pacta_contract_part_set_id (PactaContractPart *self,
                              gint64 value)
{
  g_return_if_fail (PACTA_IS_CONTRACT_PART (self));

  if (self->id == value)
    return;
  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
pacta_contract_part_get_contract_id (PactaContractPart *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT_PART (self), 0);
  return self->contract_id;
}

void
pacta_contract_part_set_contract_id (PactaContractPart *self,
                                       gint64 value)
{
  g_return_if_fail (PACTA_IS_CONTRACT_PART (self));

  if (self->contract_id == value)
    return;
  self->contract_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTRACT_ID]);
}

gint64
pacta_contract_part_get_catalog_item_id (PactaContractPart *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT_PART (self), 0);
  return self->catalog_item_id;
}

void
pacta_contract_part_set_catalog_item_id (PactaContractPart *self,
                                           gint64 value)
{
  g_return_if_fail (PACTA_IS_CONTRACT_PART (self));

  if (self->catalog_item_id == value)
    return;
  self->catalog_item_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG_ITEM_ID]);
}

const char *
pacta_contract_part_get_item_name (PactaContractPart *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT_PART (self), NULL);
  return self->item_name;
}

void
pacta_contract_part_set_item_name (PactaContractPart *self,
                                     const char *value)
{
  g_return_if_fail (PACTA_IS_CONTRACT_PART (self));

  if (g_strcmp0 (self->item_name, value) == 0)
    return;
  g_free (self->item_name);
  self->item_name = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM_NAME]);
}

const char *
pacta_contract_part_get_unit (PactaContractPart *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT_PART (self), NULL);
  return self->unit;
}

void
pacta_contract_part_set_unit (PactaContractPart *self,
                                const char *value)
{
  g_return_if_fail (PACTA_IS_CONTRACT_PART (self));

  if (g_strcmp0 (self->unit, value) == 0)
    return;
  g_free (self->unit);
  self->unit = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
}

const char *
pacta_contract_part_get_description (PactaContractPart *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT_PART (self), NULL);
  return self->description;
}

void
pacta_contract_part_set_description (PactaContractPart *self,
                                       const char *value)
{
  g_return_if_fail (PACTA_IS_CONTRACT_PART (self));

  if (g_strcmp0 (self->description, value) == 0)
    return;
  g_free (self->description);
  self->description = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

gint64
pacta_contract_part_get_quantity (PactaContractPart *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT_PART (self), 0);
  return self->quantity;
}

void
pacta_contract_part_set_quantity (PactaContractPart *self,
                                    gint64 value)
{
  g_return_if_fail (PACTA_IS_CONTRACT_PART (self));

  if (self->quantity == value)
    return;
  self->quantity = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUANTITY]);
}

gint64
pacta_contract_part_get_unit_price (PactaContractPart *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT_PART (self), 0);
  return self->unit_price;
}

void
pacta_contract_part_set_unit_price (PactaContractPart *self,
                                      gint64 value)
{
  g_return_if_fail (PACTA_IS_CONTRACT_PART (self));

  if (self->unit_price == value)
    return;
  self->unit_price = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT_PRICE]);
}

gboolean
pacta_contract_part_get_has_price (PactaContractPart *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT_PART (self), FALSE);
  return self->has_price;
}

void
pacta_contract_part_set_has_price (PactaContractPart *self,
                                     gboolean value)
{
  g_return_if_fail (PACTA_IS_CONTRACT_PART (self));

  value = !!value;
  if (self->has_price == value)
    return;
  self->has_price = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_PRICE]);
}

int
pacta_contract_part_get_discount (PactaContractPart *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT_PART (self), 0);
  return self->discount;
}

void
pacta_contract_part_set_discount (PactaContractPart *self,
                                    int value)
{
  g_return_if_fail (PACTA_IS_CONTRACT_PART (self));

  if (self->discount == value)
    return;
  self->discount = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISCOUNT]);
}

const char *
pacta_contract_part_get_discount_reason (PactaContractPart *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT_PART (self), NULL);
  return self->discount_reason;
}

void
pacta_contract_part_set_discount_reason (PactaContractPart *self,
                                           const char *value)
{
  g_return_if_fail (PACTA_IS_CONTRACT_PART (self));

  if (g_strcmp0 (self->discount_reason, value) == 0)
    return;
  g_free (self->discount_reason);
  self->discount_reason = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISCOUNT_REASON]);
}

const char *
pacta_contract_part_get_start_date (PactaContractPart *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT_PART (self), NULL);
  return self->start_date;
}

void
pacta_contract_part_set_start_date (PactaContractPart *self,
                                      const char *value)
{
  g_return_if_fail (PACTA_IS_CONTRACT_PART (self));

  if (g_strcmp0 (self->start_date, value) == 0)
    return;
  g_free (self->start_date);
  self->start_date = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START_DATE]);
}

const char *
pacta_contract_part_get_end_date (PactaContractPart *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT_PART (self), NULL);
  return self->end_date;
}

void
pacta_contract_part_set_end_date (PactaContractPart *self,
                                    const char *value)
{
  g_return_if_fail (PACTA_IS_CONTRACT_PART (self));

  if (g_strcmp0 (self->end_date, value) == 0)
    return;
  g_free (self->end_date);
  self->end_date = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END_DATE]);
}

gint64
pacta_contract_part_get_minimum_quantity (PactaContractPart *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT_PART (self), 0);
  return self->minimum_quantity;
}

void
pacta_contract_part_set_minimum_quantity (PactaContractPart *self,
                                            gint64 value)
{
  g_return_if_fail (PACTA_IS_CONTRACT_PART (self));

  if (self->minimum_quantity == value)
    return;
  self->minimum_quantity = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MINIMUM_QUANTITY]);
}

gboolean
pacta_contract_part_get_follow_usage (PactaContractPart *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT_PART (self), FALSE);
  return self->follow_usage;
}

void
pacta_contract_part_set_follow_usage (PactaContractPart *self,
                                        gboolean value)
{
  g_return_if_fail (PACTA_IS_CONTRACT_PART (self));

  value = !!value;
  if (self->follow_usage == value)
    return;
  self->follow_usage = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW_USAGE]);
}

gboolean
pacta_contract_part_get_trial (PactaContractPart *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT_PART (self), FALSE);
  return self->trial;
}

void
pacta_contract_part_set_trial (PactaContractPart *self,
                                 gboolean value)
{
  g_return_if_fail (PACTA_IS_CONTRACT_PART (self));

  value = !!value;
  if (self->trial == value)
    return;
  self->trial = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRIAL]);
}

PactaContractPart *
pacta_contract_part_new (void)
{
  return g_object_new (PACTA_TYPE_CONTRACT_PART, NULL);
}

PactaContractPart *
pacta_contract_part_copy (PactaContractPart *self)
{
  PactaContractPart *copy;

  g_return_val_if_fail (PACTA_IS_CONTRACT_PART (self), NULL);

  copy = pacta_contract_part_new ();
  pacta_entity_copy_properties (self, copy, properties, N_PROPS);
  return copy;
}

/**
 * pacta_contract_part_get_monthly_value:
 *
 * What the part is worth a month, in 1/10000 of the currency: quantity times
 * unit price (prices are per unit and month) less the discount. A trial part
 * is worth nothing while it lasts.
 */
gint64
pacta_contract_part_get_monthly_value (PactaContractPart *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT_PART (self), 0);

  if (self->trial || !self->has_price)
    return 0;

  return pacta_money_line_value (self->quantity, self->unit_price, self->discount);
}
