/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-customer.c: a customer of the MSP; a plain value object filled by the store */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pacta-customer.h"
#include "pacta-entity.h"

struct _PactaCustomer
{
  GObject   parent_instance;

  gint64    id;
  char     *tenant_id;
  char     *external_id;  /* the platform's "customer_id": the MSP's own reference */
  char     *name;
  char     *kind;
  char     *email;
  char     *language;
  char     *created_at;
  guint     n_services;
  guint     enabled : 1;
  guint     has_billing_info : 1;
  guint     self_managed : 1;
};

G_DEFINE_FINAL_TYPE (PactaCustomer, pacta_customer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TENANT_ID,
  PROP_EXTERNAL_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_KIND_LABEL,
  PROP_ENABLED,
  PROP_EMAIL,
  PROP_LANGUAGE,
  PROP_CREATED_AT,
  PROP_N_SERVICES,
  PROP_HAS_BILLING_INFO,
  PROP_SELF_MANAGED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
pacta_customer_kind_to_label (const char *kind)
{
  static const PactaEntityLabel labels[] = {
    { "customer", NC_("customer kind", "Customer") },
    { "prospect", NC_("customer kind", "Prospect") },
    { "partner", NC_("customer kind", "Partner") },
  };

  return pacta_entity_label (labels, G_N_ELEMENTS (labels), "customer kind", kind);
}

static void
pacta_customer_finalize (GObject *object)
{
  PactaCustomer *self = (PactaCustomer *)object;

  g_clear_pointer (&self->tenant_id, g_free);
  g_clear_pointer (&self->external_id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->created_at, g_free);

  G_OBJECT_CLASS (pacta_customer_parent_class)->finalize (object);
}

static void
pacta_customer_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PactaCustomer *self = PACTA_CUSTOMER (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_TENANT_ID: g_value_set_string (value, self->tenant_id); break;
    case PROP_EXTERNAL_ID: g_value_set_string (value, self->external_id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_KIND: g_value_set_string (value, self->kind); break;
    case PROP_KIND_LABEL: g_value_set_string (value, pacta_customer_get_kind_label (self)); break;
    case PROP_ENABLED: g_value_set_boolean (value, self->enabled); break;
    case PROP_EMAIL: g_value_set_string (value, self->email); break;
    case PROP_LANGUAGE: g_value_set_string (value, self->language); break;
    case PROP_CREATED_AT: g_value_set_string (value, self->created_at); break;
    case PROP_N_SERVICES: g_value_set_uint (value, self->n_services); break;
    case PROP_HAS_BILLING_INFO: g_value_set_boolean (value, self->has_billing_info); break;
    case PROP_SELF_MANAGED: g_value_set_boolean (value, self->self_managed); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Properties are set once, at construction, by the store that read the row */
static void
pacta_customer_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PactaCustomer *self = PACTA_CUSTOMER (object);

  switch (prop_id)
    {
    case PROP_ID: self->id = g_value_get_int64 (value); break;
    case PROP_TENANT_ID: self->tenant_id = g_value_dup_string (value); break;
    case PROP_EXTERNAL_ID: self->external_id = g_value_dup_string (value); break;
    case PROP_NAME: self->name = g_value_dup_string (value); break;
    case PROP_KIND: self->kind = g_value_dup_string (value); break;
    case PROP_ENABLED: self->enabled = g_value_get_boolean (value) != FALSE; break;
    case PROP_EMAIL: self->email = g_value_dup_string (value); break;
    case PROP_LANGUAGE: self->language = g_value_dup_string (value); break;
    case PROP_CREATED_AT: self->created_at = g_value_dup_string (value); break;
    case PROP_N_SERVICES: self->n_services = g_value_get_uint (value); break;
    case PROP_HAS_BILLING_INFO: self->has_billing_info = g_value_get_boolean (value) != FALSE; break;
    case PROP_SELF_MANAGED: self->self_managed = g_value_get_boolean (value) != FALSE; break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_customer_class_init (PactaCustomerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pacta_customer_finalize;
  object_class->get_property = pacta_customer_get_property;
  object_class->set_property = pacta_customer_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TENANT_ID] = g_param_spec_string ("tenant-id", NULL, NULL, NULL, flags);
  /**
   * PactaCustomer:external-id:
   *
   * The platform's "customer_id" of the tenant: an id from another system
   * (the MSP's billing or accounting reference), %NULL when it has none
   */
  properties[PROP_EXTERNAL_ID] = g_param_spec_string ("external-id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, "customer", flags);
  properties[PROP_KIND_LABEL] = g_param_spec_string ("kind-label", NULL, NULL, NULL,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENABLED] = g_param_spec_boolean ("enabled", NULL, NULL, TRUE, flags);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, flags);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL, flags);
  properties[PROP_CREATED_AT] = g_param_spec_string ("created-at", NULL, NULL, NULL, flags);
  properties[PROP_N_SERVICES] = g_param_spec_uint ("n-services", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_HAS_BILLING_INFO] = g_param_spec_boolean ("has-billing-info", NULL, NULL, FALSE, flags);
  properties[PROP_SELF_MANAGED] = g_param_spec_boolean ("self-managed", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pacta_customer_init (PactaCustomer *self)
{
  self->enabled = TRUE;
}

gint64
pacta_customer_get_id (PactaCustomer *self)
{
  g_return_val_if_fail (PACTA_IS_CUSTOMER (self), 0);
  return self->id;
}

const char *
pacta_customer_get_tenant_id (PactaCustomer *self)
{
  g_return_val_if_fail (PACTA_IS_CUSTOMER (self), NULL);
  return self->tenant_id;
}

const char *
pacta_customer_get_external_id (PactaCustomer *self)
{
  g_return_val_if_fail (PACTA_IS_CUSTOMER (self), NULL);
  return self->external_id;
}

const char *
pacta_customer_get_name (PactaCustomer *self)
{
  g_return_val_if_fail (PACTA_IS_CUSTOMER (self), NULL);
  return self->name;
}

const char *
pacta_customer_get_kind (PactaCustomer *self)
{
  g_return_val_if_fail (PACTA_IS_CUSTOMER (self), NULL);
  return self->kind;
}

const char *
pacta_customer_get_kind_label (PactaCustomer *self)
{
  g_return_val_if_fail (PACTA_IS_CUSTOMER (self), NULL);
  return pacta_customer_kind_to_label (self->kind);
}

gboolean
pacta_customer_get_enabled (PactaCustomer *self)
{
  g_return_val_if_fail (PACTA_IS_CUSTOMER (self), FALSE);
  return self->enabled;
}

const char *
pacta_customer_get_email (PactaCustomer *self)
{
  g_return_val_if_fail (PACTA_IS_CUSTOMER (self), NULL);
  return self->email;
}

const char *
pacta_customer_get_language (PactaCustomer *self)
{
  g_return_val_if_fail (PACTA_IS_CUSTOMER (self), NULL);
  return self->language;
}

const char *
pacta_customer_get_created_at (PactaCustomer *self)
{
  g_return_val_if_fail (PACTA_IS_CUSTOMER (self), NULL);
  return self->created_at;
}

guint
pacta_customer_get_n_services (PactaCustomer *self)
{
  g_return_val_if_fail (PACTA_IS_CUSTOMER (self), 0);
  return self->n_services;
}

gboolean
pacta_customer_get_has_billing_info (PactaCustomer *self)
{
  g_return_val_if_fail (PACTA_IS_CUSTOMER (self), FALSE);
  return self->has_billing_info;
}

gboolean
pacta_customer_get_self_managed (PactaCustomer *self)
{
  g_return_val_if_fail (PACTA_IS_CUSTOMER (self), FALSE);
  return self->self_managed;
}
