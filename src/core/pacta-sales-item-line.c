/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-sales-item-line.c: one line of a sales item: a catalog item, an amount, or a text-only note; a plain value object with properties */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pacta-entity.h"
#include "pacta-money.h"
#include "pacta-sales-item-line.h"

struct _PactaSalesItemLine
{
  GObject parent_instance;

  gint64 id;
  gint64 sales_item_id;
  gint64 catalog_item_id;
  char *item_name;
  char *description;
  gint64 quantity;
  gint64 unit_price;
  int discount;
  gboolean is_note;
};

G_DEFINE_FINAL_TYPE (PactaSalesItemLine, pacta_sales_item_line, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SALES_ITEM_ID,
  PROP_CATALOG_ITEM_ID,
  PROP_ITEM_NAME,
  PROP_DESCRIPTION,
  PROP_QUANTITY,
  PROP_UNIT_PRICE,
  PROP_DISCOUNT,
  PROP_IS_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pacta_sales_item_line_finalize (GObject *object)
{
  PactaSalesItemLine *self = (PactaSalesItemLine *)object;

  g_clear_pointer (&self->item_name, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (pacta_sales_item_line_parent_class)->finalize (object);
}

static void
pacta_sales_item_line_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PactaSalesItemLine *self = PACTA_SALES_ITEM_LINE (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_SALES_ITEM_ID: g_value_set_int64 (value, self->sales_item_id); break;
    case PROP_CATALOG_ITEM_ID: g_value_set_int64 (value, self->catalog_item_id); break;
    case PROP_ITEM_NAME: g_value_set_string (value, self->item_name); break;
    case PROP_DESCRIPTION: g_value_set_string (value, self->description); break;
    case PROP_QUANTITY: g_value_set_int64 (value, self->quantity); break;
    case PROP_UNIT_PRICE: g_value_set_int64 (value, self->unit_price); break;
    case PROP_DISCOUNT: g_value_set_int (value, self->discount); break;
    case PROP_IS_NOTE: g_value_set_boolean (value, self->is_note); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_sales_item_line_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PactaSalesItemLine *self = PACTA_SALES_ITEM_LINE (object);

  switch (prop_id)
    {
    case PROP_ID: pacta_sales_item_line_set_id (self, g_value_get_int64 (value)); break;
    case PROP_SALES_ITEM_ID: pacta_sales_item_line_set_sales_item_id (self, g_value_get_int64 (value)); break;
    case PROP_CATALOG_ITEM_ID: pacta_sales_item_line_set_catalog_item_id (self, g_value_get_int64 (value)); break;
    case PROP_ITEM_NAME: pacta_sales_item_line_set_item_name (self, g_value_get_string (value)); break;
    case PROP_DESCRIPTION: pacta_sales_item_line_set_description (self, g_value_get_string (value)); break;
    case PROP_QUANTITY: pacta_sales_item_line_set_quantity (self, g_value_get_int64 (value)); break;
    case PROP_UNIT_PRICE: pacta_sales_item_line_set_unit_price (self, g_value_get_int64 (value)); break;
    case PROP_DISCOUNT: pacta_sales_item_line_set_discount (self, g_value_get_int (value)); break;
    case PROP_IS_NOTE: pacta_sales_item_line_set_is_note (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_sales_item_line_class_init (PactaSalesItemLineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pacta_sales_item_line_finalize;
  object_class->get_property = pacta_sales_item_line_get_property;
  object_class->set_property = pacta_sales_item_line_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_SALES_ITEM_ID] =
    g_param_spec_int64 ("sales-item-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_CATALOG_ITEM_ID] =
    g_param_spec_int64 ("catalog-item-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_ITEM_NAME] =
    g_param_spec_string ("item-name", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_QUANTITY] =
    g_param_spec_int64 ("quantity", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_UNIT_PRICE] =
    g_param_spec_int64 ("unit-price", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_DISCOUNT] =
    g_param_spec_int ("discount", NULL, NULL, G_MININT, G_MAXINT, 0, flags);
  properties[PROP_IS_NOTE] =
    g_param_spec_boolean ("is-note", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pacta_sales_item_line_init (PactaSalesItemLine *self)
{
}

gint64
pacta_sales_item_line_get_id (PactaSalesItemLine *self)
{
  g_return_val_if_fail (PACTA_IS_SALES_ITEM_LINE (self), 0);
  return self->id;
}

void
pacta_sales_item_line_set_id (PactaSalesItemLine *self,
                                gint64 value)
{
  g_return_if_fail (PACTA_IS_SALES_ITEM_LINE (self));

  if (self->id == value)
    return;
  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
pacta_sales_item_line_get_sales_item_id (PactaSalesItemLine *self)
{
  g_return_val_if_fail (PACTA_IS_SALES_ITEM_LINE (self), 0);
  return self->sales_item_id;
}

void
pacta_sales_item_line_set_sales_item_id (PactaSalesItemLine *self,
                                           gint64 value)
{
  g_return_if_fail (PACTA_IS_SALES_ITEM_LINE (self));

  if (self->sales_item_id == value)
    return;
  self->sales_item_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SALES_ITEM_ID]);
}

gint64
pacta_sales_item_line_get_catalog_item_id (PactaSalesItemLine *self)
{
  g_return_val_if_fail (PACTA_IS_SALES_ITEM_LINE (self), 0);
  return self->catalog_item_id;
}

void
pacta_sales_item_line_set_catalog_item_id (PactaSalesItemLine *self,
                                             gint64 value)
{
  g_return_if_fail (PACTA_IS_SALES_ITEM_LINE (self));

  if (self->catalog_item_id == value)
    return;
  self->catalog_item_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG_ITEM_ID]);
}

const char *
pacta_sales_item_line_get_item_name (PactaSalesItemLine *self)
{
  g_return_val_if_fail (PACTA_IS_SALES_ITEM_LINE (self), NULL);
  return self->item_name;
}

void
pacta_sales_item_line_set_item_name (PactaSalesItemLine *self,
                                       const char *value)
{
  g_return_if_fail (PACTA_IS_SALES_ITEM_LINE (self));

  if (g_strcmp0 (self->item_name, value) == 0)
    return;
  g_free (self->item_name);
  self->item_name = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM_NAME]);
}

const char *
pacta_sales_item_line_get_description (PactaSalesItemLine *self)
{
  g_return_val_if_fail (PACTA_IS_SALES_ITEM_LINE (self), NULL);
  return self->description;
}

void
pacta_sales_item_line_set_description (PactaSalesItemLine *self,
                                         const char *value)
{
  g_return_if_fail (PACTA_IS_SALES_ITEM_LINE (self));

  if (g_strcmp0 (self->description, value) == 0)
    return;
  g_free (self->description);
  self->description = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

gint64
pacta_sales_item_line_get_quantity (PactaSalesItemLine *self)
{
  g_return_val_if_fail (PACTA_IS_SALES_ITEM_LINE (self), 0);
  return self->quantity;
}

void
pacta_sales_item_line_set_quantity (PactaSalesItemLine *self,
                                      gint64 value)
{
  g_return_if_fail (PACTA_IS_SALES_ITEM_LINE (self));

  if (self->quantity == value)
    return;
  self->quantity = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUANTITY]);
}

gint64
pacta_sales_item_line_get_unit_price (PactaSalesItemLine *self)
{
  g_return_val_if_fail (PACTA_IS_SALES_ITEM_LINE (self), 0);
  return self->unit_price;
}

void
pacta_sales_item_line_set_unit_price (PactaSalesItemLine *self,
                                        gint64 value)
{
  g_return_if_fail (PACTA_IS_SALES_ITEM_LINE (self));

  if (self->unit_price == value)
    return;
  self->unit_price = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT_PRICE]);
}

int
pacta_sales_item_line_get_discount (PactaSalesItemLine *self)
{
  g_return_val_if_fail (PACTA_IS_SALES_ITEM_LINE (self), 0);
  return self->discount;
}

void
pacta_sales_item_line_set_discount (PactaSalesItemLine *self,
                                      int value)
{
  g_return_if_fail (PACTA_IS_SALES_ITEM_LINE (self));

  if (self->discount == value)
    return;
  self->discount = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISCOUNT]);
}

gboolean
pacta_sales_item_line_get_is_note (PactaSalesItemLine *self)
{
  g_return_val_if_fail (PACTA_IS_SALES_ITEM_LINE (self), FALSE);
  return self->is_note;
}

void
pacta_sales_item_line_set_is_note (PactaSalesItemLine *self,
                                     gboolean value)
{
  g_return_if_fail (PACTA_IS_SALES_ITEM_LINE (self));

  value = !!value;
  if (self->is_note == value)
    return;
  self->is_note = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_NOTE]);
}

PactaSalesItemLine *
pacta_sales_item_line_new (void)
{
  return g_object_new (PACTA_TYPE_SALES_ITEM_LINE, NULL);
}

PactaSalesItemLine *
pacta_sales_item_line_copy (PactaSalesItemLine *self)
{
  PactaSalesItemLine *copy;

  g_return_val_if_fail (PACTA_IS_SALES_ITEM_LINE (self), NULL);

  copy = pacta_sales_item_line_new ();
  pacta_entity_copy_properties (self, copy, properties, N_PROPS);
  return copy;
}

/* Quantity × unit price less the discount, in 1/10000; a note line is worth nothing */
gint64
pacta_sales_item_line_get_value (PactaSalesItemLine *self)
{
  g_return_val_if_fail (PACTA_IS_SALES_ITEM_LINE (self), 0);

  if (self->is_note)
    return 0;
  return pacta_money_line_value (self->quantity, self->unit_price, self->discount);
}
