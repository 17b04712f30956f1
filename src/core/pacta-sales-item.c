/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-sales-item.c: something sold to a customer outside its contracts, billed on the next run; a plain value object with properties */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pacta-entity.h"
#include "pacta-sales-item.h"

struct _PactaSalesItem
{
  GObject parent_instance;

  gint64 id;
  gint64 customer_id;
  char *customer_name;
  char *invoice_date;
  char *origin;
  char *status;
  char *description;
  gint64 total;
  int n_lines;
};

G_DEFINE_FINAL_TYPE (PactaSalesItem, pacta_sales_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CUSTOMER_ID,
  PROP_CUSTOMER_NAME,
  PROP_INVOICE_DATE,
  PROP_ORIGIN,
  PROP_STATUS,
  PROP_DESCRIPTION,
  PROP_TOTAL,
  PROP_N_LINES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pacta_sales_item_finalize (GObject *object)
{
  PactaSalesItem *self = (PactaSalesItem *)object;

  g_clear_pointer (&self->customer_name, g_free);
  g_clear_pointer (&self->invoice_date, g_free);
  g_clear_pointer (&self->origin, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (pacta_sales_item_parent_class)->finalize (object);
}

static void
pacta_sales_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PactaSalesItem *self = PACTA_SALES_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_CUSTOMER_ID: g_value_set_int64 (value, self->customer_id); break;
    case PROP_CUSTOMER_NAME: g_value_set_string (value, self->customer_name); break;
    case PROP_INVOICE_DATE: g_value_set_string (value, self->invoice_date); break;
    case PROP_ORIGIN: g_value_set_string (value, self->origin); break;
    case PROP_STATUS: g_value_set_string (value, self->status); break;
    case PROP_DESCRIPTION: g_value_set_string (value, self->description); break;
    case PROP_TOTAL: g_value_set_int64 (value, self->total); break;
    case PROP_N_LINES: g_value_set_int (value, self->n_lines); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_sales_item_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PactaSalesItem *self = PACTA_SALES_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID: pacta_sales_item_set_id (self, g_value_get_int64 (value)); break;
    case PROP_CUSTOMER_ID: pacta_sales_item_set_customer_id (self, g_value_get_int64 (value)); break;
    case PROP_CUSTOMER_NAME: pacta_sales_item_set_customer_name (self, g_value_get_string (value)); break;
    case PROP_INVOICE_DATE: pacta_sales_item_set_invoice_date (self, g_value_get_string (value)); break;
    case PROP_ORIGIN: pacta_sales_item_set_origin (self, g_value_get_string (value)); break;
    case PROP_STATUS: pacta_sales_item_set_status (self, g_value_get_string (value)); break;
    case PROP_DESCRIPTION: pacta_sales_item_set_description (self, g_value_get_string (value)); break;
    case PROP_TOTAL: pacta_sales_item_set_total (self, g_value_get_int64 (value)); break;
    case PROP_N_LINES: pacta_sales_item_set_n_lines (self, g_value_get_int (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_sales_item_class_init (PactaSalesItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pacta_sales_item_finalize;
  object_class->get_property = pacta_sales_item_get_property;
  object_class->set_property = pacta_sales_item_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_CUSTOMER_ID] =
    g_param_spec_int64 ("customer-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_CUSTOMER_NAME] =
    g_param_spec_string ("customer-name", NULL, NULL, NULL, flags);
  properties[PROP_INVOICE_DATE] =
    g_param_spec_string ("invoice-date", NULL, NULL, NULL, flags);
  properties[PROP_ORIGIN] =
    g_param_spec_string ("origin", NULL, NULL, "manual", flags);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, "pending", flags);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_TOTAL] =
    g_param_spec_int64 ("total", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_N_LINES] =
    g_param_spec_int ("n-lines", NULL, NULL, G_MININT, G_MAXINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pacta_sales_item_init (PactaSalesItem *self)
{
  self->origin = g_strdup ("manual");
  self->status = g_strdup ("pending");
}

gint64
pacta_sales_item_get_id (PactaSalesItem *self)
{
  g_return_val_if_fail (PACTA_IS_SALES_ITEM (self), 0);
  return self->id;
}

void
pacta_sales_item_set_id (PactaSalesItem *self,
                           gint64 value)
{
  g_return_if_fail (PACTA_IS_SALES_ITEM (self));

  if (self->id == value)
    return;
  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
pacta_sales_item_get_customer_id (PactaSalesItem *self)
{
  g_return_val_if_fail (PACTA_IS_SALES_ITEM (self), 0);
  return self->customer_id;
}

void
pacta_sales_item_set_customer_id (PactaSalesItem *self,
                                    gint64 value)
{
  g_return_if_fail (PACTA_IS_SALES_ITEM (self));

  if (self->customer_id == value)
    return;
  self->customer_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}

const char *
pacta_sales_item_get_customer_name (PactaSalesItem *self)
{
  g_return_val_if_fail (PACTA_IS_SALES_ITEM (self), NULL);
  return self->customer_name;
}

void
pacta_sales_item_set_customer_name (PactaSalesItem *self,
                                      const char *value)
{
  g_return_if_fail (PACTA_IS_SALES_ITEM (self));

  if (g_strcmp0 (self->customer_name, value) == 0)
    return;
  g_free (self->customer_name);
  self->customer_name = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_NAME]);
}

const char *
pacta_sales_item_get_invoice_date (PactaSalesItem *self)
{
  g_return_val_if_fail (PACTA_IS_SALES_ITEM (self), NULL);
  return self->invoice_date;
}

void
pacta_sales_item_set_invoice_date (PactaSalesItem *self,
                                     const char *value)
{
  g_return_if_fail (PACTA_IS_SALES_ITEM (self));

  if (g_strcmp0 (self->invoice_date, value) == 0)
    return;
  g_free (self->invoice_date);
  self->invoice_date = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INVOICE_DATE]);
}

const char *
pacta_sales_item_get_origin (PactaSalesItem *self)
{
  g_return_val_if_fail (PACTA_IS_SALES_ITEM (self), NULL);
  return self->origin;
}

void
pacta_sales_item_set_origin (PactaSalesItem *self,
                               const char *value)
{
  g_return_if_fail (PACTA_IS_SALES_ITEM (self));

  if (g_strcmp0 (self->origin, value) == 0)
    return;
  g_free (self->origin);
  self->origin = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORIGIN]);
}

const char *
pacta_sales_item_get_status (PactaSalesItem *self)
{
  g_return_val_if_fail (PACTA_IS_SALES_ITEM (self), NULL);
  return self->status;
}

void
pacta_sales_item_set_status (PactaSalesItem *self,
                               const char *value)
{
  g_return_if_fail (PACTA_IS_SALES_ITEM (self));

  if (g_strcmp0 (self->status, value) == 0)
    return;
  g_free (self->status);
  self->status = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const char *
pacta_sales_item_get_description (PactaSalesItem *self)
{
  g_return_val_if_fail (PACTA_IS_SALES_ITEM (self), NULL);
  return self->description;
}

void
pacta_sales_item_set_description (PactaSalesItem *self,
                                    const char *value)
{
  g_return_if_fail (PACTA_IS_SALES_ITEM (self));

  if (g_strcmp0 (self->description, value) == 0)
    return;
  g_free (self->description);
  self->description = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

gint64
pacta_sales_item_get_total (PactaSalesItem *self)
{
  g_return_val_if_fail (PACTA_IS_SALES_ITEM (self), 0);
  return self->total;
}

void
pacta_sales_item_set_total (PactaSalesItem *self,
                              gint64 value)
{
  g_return_if_fail (PACTA_IS_SALES_ITEM (self));

  if (self->total == value)
    return;
  self->total = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
}

int
pacta_sales_item_get_n_lines (PactaSalesItem *self)
{
  g_return_val_if_fail (PACTA_IS_SALES_ITEM (self), 0);
  return self->n_lines;
}

void
pacta_sales_item_set_n_lines (PactaSalesItem *self,
                                int value)
{
  g_return_if_fail (PACTA_IS_SALES_ITEM (self));

  if (self->n_lines == value)
    return;
  self->n_lines = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LINES]);
}

PactaSalesItem *
pacta_sales_item_new (gint64 customer_id)
{
  return g_object_new (PACTA_TYPE_SALES_ITEM, "customer-id", customer_id, NULL);
}

const char *
pacta_sales_item_status_label (const char *status)
{
  static const PactaEntityLabel labels[] = {
    { "draft", NC_("sales item status", "Draft") },
    { "pending", NC_("sales item status", "Pending") },
    { "billed", NC_("sales item status", "Billed") },
  };

  return pacta_entity_label (labels, G_N_ELEMENTS (labels), "sales item status", status);
}

const char *
pacta_sales_item_origin_label (const char *origin)
{
  static const PactaEntityLabel labels[] = {
    { "manual", NC_("sales item origin", "Manual") },
    { "ticket", NC_("sales item origin", "Ticket") },
    { "usage", NC_("sales item origin", "Contract usage") },
  };

  return pacta_entity_label (labels, G_N_ELEMENTS (labels), "sales item origin", origin);
}
