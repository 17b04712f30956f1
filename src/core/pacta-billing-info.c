/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-billing-info.c: a customer's billing information and the rules every field must meet */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pacta-billing-info.h"
#include "pacta-entity.h"
#include "pacta-error.h"
#include "pacta-money.h"
#include "pacta-msp.h"
#include "pacta-text.h"
#include "pacta-verifactu.h"

struct _PactaBillingInfo
{
  GObject parent_instance;

  gint64 customer_id;
  char *business_name;
  char *debtor_code;
  char *invoice_email;
  char *website;
  char *vat_number;
  char *language;
  char *country;
  int tax_rate;
  gboolean tax_exempt;
  int rounding_minutes;
  int payment_terms_days;
  gboolean direct_debit;
  char *send_by;
  char *street;
  char *number;
  char *building;
  char *postal_code;
  char *city;
  char *state;
  char *address_country;
  char *phone;
  char *fax;
};

G_DEFINE_FINAL_TYPE (PactaBillingInfo, pacta_billing_info, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CUSTOMER_ID,
  PROP_BUSINESS_NAME,
  PROP_DEBTOR_CODE,
  PROP_INVOICE_EMAIL,
  PROP_WEBSITE,
  PROP_VAT_NUMBER,
  PROP_LANGUAGE,
  PROP_COUNTRY,
  PROP_TAX_RATE,
  PROP_TAX_EXEMPT,
  PROP_ROUNDING_MINUTES,
  PROP_PAYMENT_TERMS_DAYS,
  PROP_DIRECT_DEBIT,
  PROP_SEND_BY,
  PROP_STREET,
  PROP_NUMBER,
  PROP_BUILDING,
  PROP_POSTAL_CODE,
  PROP_CITY,
  PROP_STATE,
  PROP_ADDRESS_COUNTRY,
  PROP_PHONE,
  PROP_FAX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pacta_billing_info_finalize (GObject *object)
{
  PactaBillingInfo *self = (PactaBillingInfo *)object;

  g_clear_pointer (&self->business_name, g_free);
  g_clear_pointer (&self->debtor_code, g_free);
  g_clear_pointer (&self->invoice_email, g_free);
  g_clear_pointer (&self->website, g_free);
  g_clear_pointer (&self->vat_number, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->country, g_free);
  g_clear_pointer (&self->send_by, g_free);
  g_clear_pointer (&self->street, g_free);
  g_clear_pointer (&self->number, g_free);
  g_clear_pointer (&self->building, g_free);
  g_clear_pointer (&self->postal_code, g_free);
  g_clear_pointer (&self->city, g_free);
  g_clear_pointer (&self->state, g_free);
  g_clear_pointer (&self->address_country, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->fax, g_free);

  G_OBJECT_CLASS (pacta_billing_info_parent_class)->finalize (object);
}

static void
pacta_billing_info_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PactaBillingInfo *self = PACTA_BILLING_INFO (object);

  switch (prop_id)
    {
    case PROP_CUSTOMER_ID: g_value_set_int64 (value, self->customer_id); break;
    case PROP_BUSINESS_NAME: g_value_set_string (value, self->business_name); break;
    case PROP_DEBTOR_CODE: g_value_set_string (value, self->debtor_code); break;
    case PROP_INVOICE_EMAIL: g_value_set_string (value, self->invoice_email); break;
    case PROP_WEBSITE: g_value_set_string (value, self->website); break;
    case PROP_VAT_NUMBER: g_value_set_string (value, self->vat_number); break;
    case PROP_LANGUAGE: g_value_set_string (value, self->language); break;
    case PROP_COUNTRY: g_value_set_string (value, self->country); break;
    case PROP_TAX_RATE: g_value_set_int (value, self->tax_rate); break;
    case PROP_TAX_EXEMPT: g_value_set_boolean (value, self->tax_exempt); break;
    case PROP_ROUNDING_MINUTES: g_value_set_int (value, self->rounding_minutes); break;
    case PROP_PAYMENT_TERMS_DAYS: g_value_set_int (value, self->payment_terms_days); break;
    case PROP_DIRECT_DEBIT: g_value_set_boolean (value, self->direct_debit); break;
    case PROP_SEND_BY: g_value_set_string (value, self->send_by); break;
    case PROP_STREET: g_value_set_string (value, self->street); break;
    case PROP_NUMBER: g_value_set_string (value, self->number); break;
    case PROP_BUILDING: g_value_set_string (value, self->building); break;
    case PROP_POSTAL_CODE: g_value_set_string (value, self->postal_code); break;
    case PROP_CITY: g_value_set_string (value, self->city); break;
    case PROP_STATE: g_value_set_string (value, self->state); break;
    case PROP_ADDRESS_COUNTRY: g_value_set_string (value, self->address_country); break;
    case PROP_PHONE: g_value_set_string (value, self->phone); break;
    case PROP_FAX: g_value_set_string (value, self->fax); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_billing_info_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PactaBillingInfo *self = PACTA_BILLING_INFO (object);

  switch (prop_id)
    {
    case PROP_CUSTOMER_ID: pacta_billing_info_set_customer_id (self, g_value_get_int64 (value)); break;
    case PROP_BUSINESS_NAME: pacta_billing_info_set_business_name (self, g_value_get_string (value)); break;
    case PROP_DEBTOR_CODE: pacta_billing_info_set_debtor_code (self, g_value_get_string (value)); break;
    case PROP_INVOICE_EMAIL: pacta_billing_info_set_invoice_email (self, g_value_get_string (value)); break;
    case PROP_WEBSITE: pacta_billing_info_set_website (self, g_value_get_string (value)); break;
    case PROP_VAT_NUMBER: pacta_billing_info_set_vat_number (self, g_value_get_string (value)); break;
    case PROP_LANGUAGE: pacta_billing_info_set_language (self, g_value_get_string (value)); break;
    case PROP_COUNTRY: pacta_billing_info_set_country (self, g_value_get_string (value)); break;
    case PROP_TAX_RATE: pacta_billing_info_set_tax_rate (self, g_value_get_int (value)); break;
    case PROP_TAX_EXEMPT: pacta_billing_info_set_tax_exempt (self, g_value_get_boolean (value)); break;
    case PROP_ROUNDING_MINUTES: pacta_billing_info_set_rounding_minutes (self, g_value_get_int (value)); break;
    case PROP_PAYMENT_TERMS_DAYS: pacta_billing_info_set_payment_terms_days (self, g_value_get_int (value)); break;
    case PROP_DIRECT_DEBIT: pacta_billing_info_set_direct_debit (self, g_value_get_boolean (value)); break;
    case PROP_SEND_BY: pacta_billing_info_set_send_by (self, g_value_get_string (value)); break;
    case PROP_STREET: pacta_billing_info_set_street (self, g_value_get_string (value)); break;
    case PROP_NUMBER: pacta_billing_info_set_number (self, g_value_get_string (value)); break;
    case PROP_BUILDING: pacta_billing_info_set_building (self, g_value_get_string (value)); break;
    case PROP_POSTAL_CODE: pacta_billing_info_set_postal_code (self, g_value_get_string (value)); break;
    case PROP_CITY: pacta_billing_info_set_city (self, g_value_get_string (value)); break;
    case PROP_STATE: pacta_billing_info_set_state (self, g_value_get_string (value)); break;
    case PROP_ADDRESS_COUNTRY: pacta_billing_info_set_address_country (self, g_value_get_string (value)); break;
    case PROP_PHONE: pacta_billing_info_set_phone (self, g_value_get_string (value)); break;
    case PROP_FAX: pacta_billing_info_set_fax (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_billing_info_class_init (PactaBillingInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pacta_billing_info_finalize;
  object_class->get_property = pacta_billing_info_get_property;
  object_class->set_property = pacta_billing_info_set_property;

  properties[PROP_CUSTOMER_ID] =
    g_param_spec_int64 ("customer-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_BUSINESS_NAME] =
    g_param_spec_string ("business-name", NULL, NULL, NULL, flags);
  properties[PROP_DEBTOR_CODE] =
    g_param_spec_string ("debtor-code", NULL, NULL, NULL, flags);
  properties[PROP_INVOICE_EMAIL] =
    g_param_spec_string ("invoice-email", NULL, NULL, NULL, flags);
  properties[PROP_WEBSITE] =
    g_param_spec_string ("website", NULL, NULL, NULL, flags);
  properties[PROP_VAT_NUMBER] =
    g_param_spec_string ("vat-number", NULL, NULL, NULL, flags);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL, flags);
  properties[PROP_COUNTRY] =
    g_param_spec_string ("country", NULL, NULL, NULL, flags);
  properties[PROP_TAX_RATE] =
    g_param_spec_int ("tax-rate", NULL, NULL, G_MININT, G_MAXINT, PACTA_DEFAULT_TAX_RATE, flags);
  properties[PROP_TAX_EXEMPT] =
    g_param_spec_boolean ("tax-exempt", NULL, NULL, FALSE, flags);
  properties[PROP_ROUNDING_MINUTES] =
    g_param_spec_int ("rounding-minutes", NULL, NULL, G_MININT, G_MAXINT, 10, flags);
  properties[PROP_PAYMENT_TERMS_DAYS] =
    g_param_spec_int ("payment-terms-days", NULL, NULL, G_MININT, G_MAXINT, 30, flags);
  properties[PROP_DIRECT_DEBIT] =
    g_param_spec_boolean ("direct-debit", NULL, NULL, FALSE, flags);
  properties[PROP_SEND_BY] =
    g_param_spec_string ("send-by", NULL, NULL, "email", flags);
  properties[PROP_STREET] =
    g_param_spec_string ("street", NULL, NULL, NULL, flags);
  properties[PROP_NUMBER] =
    g_param_spec_string ("number", NULL, NULL, NULL, flags);
  properties[PROP_BUILDING] =
    g_param_spec_string ("building", NULL, NULL, NULL, flags);
  properties[PROP_POSTAL_CODE] =
    g_param_spec_string ("postal-code", NULL, NULL, NULL, flags);
  properties[PROP_CITY] =
    g_param_spec_string ("city", NULL, NULL, NULL, flags);
  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, NULL, flags);
  properties[PROP_ADDRESS_COUNTRY] =
    g_param_spec_string ("address-country", NULL, NULL, NULL, flags);
  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL, flags);
  properties[PROP_FAX] =
    g_param_spec_string ("fax", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pacta_billing_info_init (PactaBillingInfo *self)
{
  self->tax_rate = PACTA_DEFAULT_TAX_RATE;
  self->rounding_minutes = 10;
  self->payment_terms_days = 30;
  self->send_by = g_strdup ("email");
}

gint64
pacta_billing_info_get_customer_id (PactaBillingInfo *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_INFO (self), 0);
  return self->customer_id;
}

void
pacta_billing_info_set_customer_id (PactaBillingInfo *self,
                                        gint64 value)
{
  g_return_if_fail (PACTA_IS_BILLING_INFO (self));

  if (self->customer_id == value)
    return;
  self->customer_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}

const char *
pacta_billing_info_get_business_name (PactaBillingInfo *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_INFO (self), NULL);
  return self->business_name;
}

void
pacta_billing_info_set_business_name (PactaBillingInfo *self,
                                          const char *value)
{
  g_return_if_fail (PACTA_IS_BILLING_INFO (self));

  if (g_strcmp0 (self->business_name, value) == 0)
    return;
  g_free (self->business_name);
  self->business_name = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSINESS_NAME]);
}

const char *
pacta_billing_info_get_debtor_code (PactaBillingInfo *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_INFO (self), NULL);
  return self->debtor_code;
}

void
pacta_billing_info_set_debtor_code (PactaBillingInfo *self,
                                        const char *value)
{
  g_return_if_fail (PACTA_IS_BILLING_INFO (self));

  if (g_strcmp0 (self->debtor_code, value) == 0)
    return;
  g_free (self->debtor_code);
  self->debtor_code = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEBTOR_CODE]);
}

const char *
pacta_billing_info_get_invoice_email (PactaBillingInfo *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_INFO (self), NULL);
  return self->invoice_email;
}

void
pacta_billing_info_set_invoice_email (PactaBillingInfo *self,
                                          const char *value)
{
  g_return_if_fail (PACTA_IS_BILLING_INFO (self));

  if (g_strcmp0 (self->invoice_email, value) == 0)
    return;
  g_free (self->invoice_email);
  self->invoice_email = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INVOICE_EMAIL]);
}

const char *
pacta_billing_info_get_website (PactaBillingInfo *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_INFO (self), NULL);
  return self->website;
}

void
pacta_billing_info_set_website (PactaBillingInfo *self,
                                    const char *value)
{
  g_return_if_fail (PACTA_IS_BILLING_INFO (self));

  if (g_strcmp0 (self->website, value) == 0)
    return;
  g_free (self->website);
  self->website = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEBSITE]);
}

const char *
pacta_billing_info_get_vat_number (PactaBillingInfo *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_INFO (self), NULL);
  return self->vat_number;
}

void
pacta_billing_info_set_vat_number (PactaBillingInfo *self,
                                       const char *value)
{
  g_return_if_fail (PACTA_IS_BILLING_INFO (self));

  if (g_strcmp0 (self->vat_number, value) == 0)
    return;
  g_free (self->vat_number);
  self->vat_number = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VAT_NUMBER]);
}

const char *
pacta_billing_info_get_language (PactaBillingInfo *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_INFO (self), NULL);
  return self->language;
}

void
pacta_billing_info_set_language (PactaBillingInfo *self,
                                     const char *value)
{
  g_return_if_fail (PACTA_IS_BILLING_INFO (self));

  if (g_strcmp0 (self->language, value) == 0)
    return;
  g_free (self->language);
  self->language = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

const char *
pacta_billing_info_get_country (PactaBillingInfo *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_INFO (self), NULL);
  return self->country;
}

void
pacta_billing_info_set_country (PactaBillingInfo *self,
                                    const char *value)
{
  g_return_if_fail (PACTA_IS_BILLING_INFO (self));

  if (g_strcmp0 (self->country, value) == 0)
    return;
  g_free (self->country);
  self->country = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTRY]);
}

int
pacta_billing_info_get_tax_rate (PactaBillingInfo *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_INFO (self), 0);
  return self->tax_rate;
}

void
pacta_billing_info_set_tax_rate (PactaBillingInfo *self,
                                     int value)
{
  g_return_if_fail (PACTA_IS_BILLING_INFO (self));

  if (self->tax_rate == value)
    return;
  self->tax_rate = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAX_RATE]);
}

gboolean
pacta_billing_info_get_tax_exempt (PactaBillingInfo *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_INFO (self), FALSE);
  return self->tax_exempt;
}

void
pacta_billing_info_set_tax_exempt (PactaBillingInfo *self,
                                       gboolean value)
{
  g_return_if_fail (PACTA_IS_BILLING_INFO (self));

  value = !!value;
  if (self->tax_exempt == value)
    return;
  self->tax_exempt = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAX_EXEMPT]);
}

int
pacta_billing_info_get_rounding_minutes (PactaBillingInfo *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_INFO (self), 0);
  return self->rounding_minutes;
}

void
pacta_billing_info_set_rounding_minutes (PactaBillingInfo *self,
                                             int value)
{
  g_return_if_fail (PACTA_IS_BILLING_INFO (self));

  if (self->rounding_minutes == value)
    return;
  self->rounding_minutes = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROUNDING_MINUTES]);
}

int
pacta_billing_info_get_payment_terms_days (PactaBillingInfo *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_INFO (self), 0);
  return self->payment_terms_days;
}

void
pacta_billing_info_set_payment_terms_days (PactaBillingInfo *self,
                                               int value)
{
  g_return_if_fail (PACTA_IS_BILLING_INFO (self));

  if (self->payment_terms_days == value)
    return;
  self->payment_terms_days = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAYMENT_TERMS_DAYS]);
}

gboolean
pacta_billing_info_get_direct_debit (PactaBillingInfo *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_INFO (self), FALSE);
  return self->direct_debit;
}

void
pacta_billing_info_set_direct_debit (PactaBillingInfo *self,
                                         gboolean value)
{
  g_return_if_fail (PACTA_IS_BILLING_INFO (self));

  value = !!value;
  if (self->direct_debit == value)
    return;
  self->direct_debit = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRECT_DEBIT]);
}

const char *
pacta_billing_info_get_send_by (PactaBillingInfo *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_INFO (self), NULL);
  return self->send_by;
}

void
pacta_billing_info_set_send_by (PactaBillingInfo *self,
                                    const char *value)
{
  g_return_if_fail (PACTA_IS_BILLING_INFO (self));

  if (g_strcmp0 (self->send_by, value) == 0)
    return;
  g_free (self->send_by);
  self->send_by = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEND_BY]);
}

const char *
pacta_billing_info_get_street (PactaBillingInfo *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_INFO (self), NULL);
  return self->street;
}

void
pacta_billing_info_set_street (PactaBillingInfo *self,
                                   const char *value)
{
  g_return_if_fail (PACTA_IS_BILLING_INFO (self));

  if (g_strcmp0 (self->street, value) == 0)
    return;
  g_free (self->street);
  self->street = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STREET]);
}

const char *
pacta_billing_info_get_number (PactaBillingInfo *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_INFO (self), NULL);
  return self->number;
}

void
pacta_billing_info_set_number (PactaBillingInfo *self,
                                   const char *value)
{
  g_return_if_fail (PACTA_IS_BILLING_INFO (self));

  if (g_strcmp0 (self->number, value) == 0)
    return;
  g_free (self->number);
  self->number = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NUMBER]);
}

const char *
pacta_billing_info_get_building (PactaBillingInfo *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_INFO (self), NULL);
  return self->building;
}

void
pacta_billing_info_set_building (PactaBillingInfo *self,
                                     const char *value)
{
  g_return_if_fail (PACTA_IS_BILLING_INFO (self));

  if (g_strcmp0 (self->building, value) == 0)
    return;
  g_free (self->building);
  self->building = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUILDING]);
}

const char *
pacta_billing_info_get_postal_code (PactaBillingInfo *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_INFO (self), NULL);
  return self->postal_code;
}

void
pacta_billing_info_set_postal_code (PactaBillingInfo *self,
                                        const char *value)
{
  g_return_if_fail (PACTA_IS_BILLING_INFO (self));

  if (g_strcmp0 (self->postal_code, value) == 0)
    return;
  g_free (self->postal_code);
  self->postal_code = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSTAL_CODE]);
}

const char *
pacta_billing_info_get_city (PactaBillingInfo *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_INFO (self), NULL);
  return self->city;
}

void
pacta_billing_info_set_city (PactaBillingInfo *self,
                                 const char *value)
{
  g_return_if_fail (PACTA_IS_BILLING_INFO (self));

  if (g_strcmp0 (self->city, value) == 0)
    return;
  g_free (self->city);
  self->city = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CITY]);
}

const char *
pacta_billing_info_get_state (PactaBillingInfo *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_INFO (self), NULL);
  return self->state;
}

void
pacta_billing_info_set_state (PactaBillingInfo *self,
                                  const char *value)
{
  g_return_if_fail (PACTA_IS_BILLING_INFO (self));

  if (g_strcmp0 (self->state, value) == 0)
    return;
  g_free (self->state);
  self->state = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

const char *
pacta_billing_info_get_address_country (PactaBillingInfo *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_INFO (self), NULL);
  return self->address_country;
}

void
pacta_billing_info_set_address_country (PactaBillingInfo *self,
                                            const char *value)
{
  g_return_if_fail (PACTA_IS_BILLING_INFO (self));

  if (g_strcmp0 (self->address_country, value) == 0)
    return;
  g_free (self->address_country);
  self->address_country = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESS_COUNTRY]);
}

const char *
pacta_billing_info_get_phone (PactaBillingInfo *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_INFO (self), NULL);
  return self->phone;
}

void
pacta_billing_info_set_phone (PactaBillingInfo *self,
                                  const char *value)
{
  g_return_if_fail (PACTA_IS_BILLING_INFO (self));

  if (g_strcmp0 (self->phone, value) == 0)
    return;
  g_free (self->phone);
  self->phone = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONE]);
}

const char *
pacta_billing_info_get_fax (PactaBillingInfo *self)
{
  g_return_val_if_fail (PACTA_IS_BILLING_INFO (self), NULL);
  return self->fax;
}

void
pacta_billing_info_set_fax (PactaBillingInfo *self,
                                const char *value)
{
  g_return_if_fail (PACTA_IS_BILLING_INFO (self));

  if (g_strcmp0 (self->fax, value) == 0)
    return;
  g_free (self->fax);
  self->fax = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAX]);
}

/* ---- construction ------------------------------------------------------ */

PactaBillingInfo *
pacta_billing_info_new (gint64 customer_id)
{
  return g_object_new (PACTA_TYPE_BILLING_INFO, "customer-id", customer_id, NULL);
}

PactaBillingInfo *
pacta_billing_info_copy (PactaBillingInfo *self)
{
  PactaBillingInfo *copy;

  g_return_val_if_fail (PACTA_IS_BILLING_INFO (self), NULL);

  copy = pacta_billing_info_new (self->customer_id);
  pacta_entity_copy_properties (self, copy, properties, N_PROPS);
  return copy;
}

/* ---- rules ------------------------------------------------------------- */

/* ISO 3166-1 alpha-2, officially assigned codes */
static const char country_codes[] =
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS "
  "BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE "
  "EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM "
  "HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC "
  "LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA "
  "NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW "
  "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO "
  "TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

gboolean
pacta_country_code_is_valid (const char *code)
{
  const char *found;

  if (code == NULL || strlen (code) != 2 || !g_ascii_isupper (code[0]) || !g_ascii_isupper (code[1]))
    return FALSE;

  found = strstr (country_codes, code);
  /* every code starts at an even offset of three */
  while (found != NULL && (found - country_codes) % 3 != 0)
    found = strstr (found + 1, code);
  return found != NULL;
}

/* VAT number shapes of the EU (VIES), after the two-letter prefix */
static const struct {
  const char *prefix;
  const char *pattern;
  const char *example;
} vat_shapes[] = {
  { "AT", "U[0-9]{8}", "ATU12345678" },
  { "BE", "[01][0-9]{9}", "BE0123456789" },
  { "BG", "[0-9]{9,10}", "BG123456789" },
  { "CY", "[0-9]{8}[A-Z]", "CY12345678X" },
  { "CZ", "[0-9]{8,10}", "CZ12345678" },
  { "DE", "[0-9]{9}", "DE123456789" },
  { "DK", "[0-9]{8}", "DK12345678" },
  { "EE", "[0-9]{9}", "EE123456789" },
  { "EL", "[0-9]{9}", "EL123456789" },
  { "ES", "[A-Z0-9][0-9]{7}[A-Z0-9]", "ESB12345678" },
  { "FI", "[0-9]{8}", "FI12345678" },
  { "FR", "[A-HJ-NP-Z0-9]{2}[0-9]{9}", "FR12345678901" },
  { "HR", "[0-9]{11}", "HR12345678901" },
  { "HU", "[0-9]{8}", "HU12345678" },
  { "IE", "[0-9][A-Z0-9+*][0-9]{5}[A-Z]{1,2}", "IE1234567WA" },
  { "IT", "[0-9]{11}", "IT12345678901" },
  { "LT", "([0-9]{9}|[0-9]{12})", "LT123456789" },
  { "LU", "[0-9]{8}", "LU12345678" },
  { "LV", "[0-9]{11}", "LV12345678901" },
  { "MT", "[0-9]{8}", "MT12345678" },
  { "NL", "[0-9]{9}B[0-9]{2}", "NL123456789B01" },
  { "PL", "[0-9]{10}", "PL1234567890" },
  { "PT", "[0-9]{9}", "PT123456789" },
  { "RO", "[0-9]{2,10}", "RO1234567890" },
  { "SE", "[0-9]{12}", "SE123456789001" },
  { "SI", "[0-9]{8}", "SI12345678" },
  { "SK", "[0-9]{10}", "SK1234567890" },
  { "XI", "([0-9]{9}|[0-9]{12}|GD[0-9]{3}|HA[0-9]{3})", "XI123456789" },
};

/* Spaces, dots and dashes are how people write VAT numbers, not part of them */
static char *
normalize_vat (const char *vat)
{
  GString *s = g_string_new (NULL);

  for (const char *p = vat; *p; p++)
    if (*p != ' ' && *p != '.' && *p != '-')
      g_string_append_c (s, g_ascii_toupper (*p));
  return g_string_free (s, FALSE);
}

static char *
check_vat (const char *vat)
{
  g_autofree char *normal = normalize_vat (vat);

  for (const char *p = normal; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '+' && *p != '*')
      return g_strdup (_("May only hold letters and digits"));

  if (strlen (normal) < 4 || strlen (normal) > 20)
    return g_strdup (_("Must be 4 to 20 letters and digits"));

  for (guint i = 0; i < G_N_ELEMENTS (vat_shapes); i++)
    {
      g_autofree char *anchored = NULL;

      if (!g_str_has_prefix (normal, vat_shapes[i].prefix))
        continue;

      anchored = g_strdup_printf ("^%s$", vat_shapes[i].pattern);
      if (!g_regex_match_simple (anchored, normal + 2, 0, 0))
        /* Translators: %s is the country prefix, then an example number */
        return g_strdup_printf (_("Not the shape of a %s VAT number (for example %s)"),
                                vat_shapes[i].prefix, vat_shapes[i].example);
      return NULL;
    }

  return NULL;
}

const char *
pacta_billing_info_field_label (const char *field)
{
  static const struct { const char *field; const char *label; } labels[] = {
    { "business-name", N_("Business name") },
    { "debtor-code", N_("Debtor code") },
    { "invoice-email", N_("Invoice email") },
    { "website", N_("Website") },
    { "vat-number", N_("VAT number") },
    { "language", N_("Language") },
    { "country", N_("Country") },
    { "tax-rate", N_("Tax rate") },
    { "rounding-minutes", N_("Time rounding") },
    { "payment-terms-days", N_("Payment terms") },
    { "send-by", N_("Send invoices by") },
    { "street", N_("Street") },
    { "number", N_("Number") },
    { "building", N_("Building") },
    { "postal-code", N_("Postal code") },
    { "city", N_("City") },
    { "state", N_("State or province") },
    { "address-country", N_("Address country") },
    { "phone", N_("Phone") },
    { "fax", N_("Fax") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].field, field) == 0)
      return _(labels[i].label);
  return field;
}

static void
add_problem (GPtrArray  *problems,
             const char *field,
             char       *message)
{
  PactaFieldProblem *problem = g_new0 (PactaFieldProblem, 1);

  problem->field = field;
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

static void
problem_free (gpointer data)
{
  PactaFieldProblem *problem = data;

  g_free (problem->message);
  g_free (problem);
}

/* The street may take a few lines (a floor and door, a building), as the
 * accounting software's debtor lists have it; every other field is one line */
static PactaTextKind
field_kind (const char *field)
{
  return g_strcmp0 (field, "street") == 0 ? PACTA_TEXT_ADDRESS : PACTA_TEXT_LINE;
}

static void
check_text (GPtrArray  *problems,
            const char *field,
            const char *value,
            guint       max_chars)
{
  PactaTextKind kind = field_kind (field);

  if (value == NULL)
    return;
  if (g_utf8_strlen (value, -1) > (glong)max_chars)
    add_problem (problems, field,
                 g_strdup_printf (ngettext ("Longer than %u character", "Longer than %u characters", max_chars),
                                  max_chars));
  else if (pacta_text_has_controls (value, kind))
    add_problem (problems, field, g_strdup (_("Contains control characters")));
  else if (kind == PACTA_TEXT_ADDRESS && pacta_text_count_lines (value) > PACTA_TEXT_MAX_ADDRESS_LINES)
    add_problem (problems, field,
                 g_strdup_printf (ngettext ("At most %u line is allowed", "At most %u lines are allowed",
                                            PACTA_TEXT_MAX_ADDRESS_LINES),
                                  PACTA_TEXT_MAX_ADDRESS_LINES));
}

/**
 * pacta_billing_info_check:
 *
 * Checks every field. Returns the problems, one per field at most, in form
 * order; an empty array when all is well.
 */
GPtrArray *
pacta_billing_info_check (PactaBillingInfo *self)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func (problem_free);
  static const struct { const char *field; gsize offset; guint max; } texts[] = {
    { "debtor-code", G_STRUCT_OFFSET (PactaBillingInfo, debtor_code), 64 },
    { "website", G_STRUCT_OFFSET (PactaBillingInfo, website), 255 },
    { "language", G_STRUCT_OFFSET (PactaBillingInfo, language), 16 },
    { "street", G_STRUCT_OFFSET (PactaBillingInfo, street), 255 },
    { "number", G_STRUCT_OFFSET (PactaBillingInfo, number), 32 },
    { "building", G_STRUCT_OFFSET (PactaBillingInfo, building), 255 },
    { "postal-code", G_STRUCT_OFFSET (PactaBillingInfo, postal_code), 32 },
    { "city", G_STRUCT_OFFSET (PactaBillingInfo, city), 255 },
    { "state", G_STRUCT_OFFSET (PactaBillingInfo, state), 255 },
    { "phone", G_STRUCT_OFFSET (PactaBillingInfo, phone), 64 },
    { "fax", G_STRUCT_OFFSET (PactaBillingInfo, fax), 64 },
  };

  g_return_val_if_fail (PACTA_IS_BILLING_INFO (self), problems);

  if (pacta_text_is_blank (self->business_name))
    add_problem (problems, "business-name", g_strdup (_("Required")));
  else
    check_text (problems, "business-name", self->business_name, 255);

  if (!pacta_text_is_blank (self->invoice_email) && !pacta_text_is_email (self->invoice_email))
    add_problem (problems, "invoice-email", g_strdup (_("Not an email address")));

  if (!pacta_text_is_blank (self->vat_number))
    {
      char *reason = check_vat (self->vat_number);

      if (reason != NULL)
        add_problem (problems, "vat-number", reason);
    }

  if (pacta_text_is_blank (self->country))
    add_problem (problems, "country", g_strdup (_("Required")));
  else if (!pacta_country_code_is_valid (self->country))
    add_problem (problems, "country", g_strdup (_("Not a two-letter ISO country code, such as ES")));

  if (!pacta_text_is_blank (self->address_country) && !pacta_country_code_is_valid (self->address_country))
    add_problem (problems, "address-country", g_strdup (_("Not a two-letter ISO country code, such as ES")));

  if (self->tax_rate < 0 || self->tax_rate > PACTA_PERCENT_SCALE)
    add_problem (problems, "tax-rate", g_strdup (_("Must be between 0 and 100 %")));

  if (self->rounding_minutes < 1 || self->rounding_minutes > 60)
    add_problem (problems, "rounding-minutes", g_strdup (_("Must be between 1 and 60 minutes")));

  if (self->payment_terms_days < 0 || self->payment_terms_days > 365)
    add_problem (problems, "payment-terms-days", g_strdup (_("Must be between 0 and 365 days")));

  if (g_strcmp0 (self->send_by, "email") != 0 && g_strcmp0 (self->send_by, "post") != 0)
    add_problem (problems, "send-by", g_strdup (_("Must be email or post")));

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    check_text (problems, texts[i].field, G_STRUCT_MEMBER (const char *, self, texts[i].offset), texts[i].max);

  return problems;
}

/* The most characters a record's NombreRazon holds (the agency's schema) */
#define RECORD_NAME_MAX 120

/* The shapes of a Spanish NIF: a DNI (8 digits, a letter), a NIE or K/L/M
 * number (a letter, 7 digits, a letter), a company's (a letter, 7 digits, a
 * digit or a letter A–J). By hand, not by a regex: a billing run checks
 * every invoice's customer */
static gboolean
looks_like_nif (const char *nif)
{
  if (strlen (nif) != 9)
    return FALSE;
  for (guint i = 1; i < 8; i++)
    if (!g_ascii_isdigit (nif[i]))
      return FALSE;
  if (g_ascii_isdigit (nif[0]))
    return g_ascii_isupper (nif[8]);
  if (strchr ("XYZKLM", nif[0]) != NULL)
    return g_ascii_isupper (nif[8]);
  if (strchr ("ABCDEFGHJNPQRSUVW", nif[0]) != NULL)
    return g_ascii_isdigit (nif[8]) || (nif[8] >= 'A' && nif[8] <= 'J');
  return FALSE;
}

/**
 * pacta_billing_info_check_records:
 *
 * What Spain's invoicing rules (VERI*FACTU) need of a customer's billing
 * information for an invoice to it, beyond pacta_billing_info_check(): a
 * complete invoice (F1) names its recipient, a Spanish one by a valid NIF
 * (with or without "ES"; its check character right) and any other by its
 * VAT number or other tax identification, and the record holds at most 120
 * characters of the name. The tax agency rejects a record without them.
 *
 * Returns: (transfer full): the problems, as pacta_billing_info_check()
 *   gives them; empty when an invoice may be issued
 */
GPtrArray *
pacta_billing_info_check_records (PactaBillingInfo *self)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func (problem_free);
  g_autofree char *vat = NULL;
  const char *nif;
  gboolean spanish;

  g_return_val_if_fail (PACTA_IS_BILLING_INFO (self), problems);

  if (self->business_name != NULL && g_utf8_strlen (self->business_name, -1) > RECORD_NAME_MAX)
    add_problem (problems, "business-name",
                 /* Translators: %u is a number of characters */
                 g_strdup_printf (_("At most %u characters under Spain’s invoicing rules (VERI*FACTU): "
                                    "the invoice record holds no more"), (guint) RECORD_NAME_MAX));

  vat = normalize_vat (self->vat_number != NULL ? self->vat_number : "");
  /* The record names the recipient by NIF when the number is Spanish,
   * whatever the country (pacta-verifactu.c, the recipient) */
  spanish = g_strcmp0 (self->country, "ES") == 0 || (g_str_has_prefix (vat, "ES") && strlen (vat) == 11);
  nif = g_str_has_prefix (vat, "ES") && strlen (vat) == 11 ? vat + 2 : vat;

  if (!spanish)
    {
      if (*vat == '\0')
        add_problem (problems, "vat-number",
                     g_strdup (_("Required under Spain’s invoicing rules (VERI*FACTU): the customer’s VAT "
                                 "number or other tax identification")));
    }
  else if (*nif == '\0')
    add_problem (problems, "vat-number",
                 g_strdup (_("Required under Spain’s invoicing rules (VERI*FACTU): the customer’s NIF")));
  else if (!looks_like_nif (nif))
    add_problem (problems, "vat-number",
                 g_strdup (_("Not a Spanish NIF: nine letters and digits, such as B12345674 or 12345678Z, "
                             "with or without ES before them")));
  else if (!pacta_nif_is_valid (nif))
    add_problem (problems, "vat-number",
                 g_strdup (_("Not a valid NIF: its control letter or digit is wrong; check it for a typing "
                             "mistake")));

  return problems;
}

gboolean
pacta_billing_info_validate (PactaBillingInfo  *self,
                             GError           **error)
{
  g_autoptr(GPtrArray) problems = pacta_billing_info_check (self);
  PactaFieldProblem *first;

  if (problems->len == 0)
    return TRUE;

  first = g_ptr_array_index (problems, 0);
  g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
               /* Translators: a field's label, then what is wrong with it */
               _("%s: %s"), pacta_billing_info_field_label (first->field), first->message);
  return FALSE;
}

/**
 * pacta_billing_info_normalize:
 *
 * Trims every text field (empty becomes unset), upper-cases country codes,
 * writes the VAT number without spaces, dots or dashes and the street's
 * lines with LF, each trimmed, without empty ones — the way it is then
 * stored and printed.
 */
void
pacta_billing_info_normalize (PactaBillingInfo *self)
{
  g_return_if_fail (PACTA_IS_BILLING_INFO (self));

  for (guint i = PROP_0 + 1; i < N_PROPS; i++)
    {
      g_autofree char *text = NULL;

      if (properties[i]->value_type != G_TYPE_STRING)
        continue;

      g_object_get (self, properties[i]->name, &text, NULL);
      if (text == NULL)
        continue;

      g_strstrip (text);
      if (i == PROP_COUNTRY || i == PROP_ADDRESS_COUNTRY || i == PROP_SEND_BY)
        {
          char *folded = i == PROP_SEND_BY ? g_ascii_strdown (text, -1) : g_ascii_strup (text, -1);
          g_free (text);
          text = folded;
        }
      else if (i == PROP_VAT_NUMBER)
        {
          char *normal = normalize_vat (text);
          g_free (text);
          text = normal;
        }
      else if (field_kind (properties[i]->name) == PACTA_TEXT_ADDRESS)
        {
          char *tidy = pacta_text_tidy_lines (text);
          g_free (text);
          text = tidy;
        }

      g_object_set (self, properties[i]->name, text[0] != '\0' ? text : NULL, NULL);
    }
}
