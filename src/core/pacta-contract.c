/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-contract.c: a contract: what a customer is billed for, how often and from when; a plain value object with properties */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "pacta-contract.h"
#include "pacta-date.h"
#include "pacta-entity.h"

struct _PactaContract
{
  GObject parent_instance;

  gint64 id;
  char *reference;
  char *name;
  gint64 customer_id;
  char *customer_name;
  char *contact_email;
  char *interval;
  char *billing;
  char *payment_method;
  char *start_date;
  char *end_date;
  char *send_by;
  gboolean prorate;
  char *notes;
  gint64 monthly_value;
  int n_parts;
};

G_DEFINE_FINAL_TYPE (PactaContract, pacta_contract, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_REFERENCE,
  PROP_NAME,
  PROP_CUSTOMER_ID,
  PROP_CUSTOMER_NAME,
  PROP_CONTACT_EMAIL,
  PROP_INTERVAL,
  PROP_BILLING,
  PROP_PAYMENT_METHOD,
  PROP_START_DATE,
  PROP_END_DATE,
  PROP_SEND_BY,
  PROP_PRORATE,
  PROP_NOTES,
  PROP_MONTHLY_VALUE,
  PROP_N_PARTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pacta_contract_finalize (GObject *object)
{
  PactaContract *self = (PactaContract *)object;

  g_clear_pointer (&self->reference, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->customer_name, g_free);
  g_clear_pointer (&self->contact_email, g_free);
  g_clear_pointer (&self->interval, g_free);
  g_clear_pointer (&self->billing, g_free);
  g_clear_pointer (&self->payment_method, g_free);
  g_clear_pointer (&self->start_date, g_free);
  g_clear_pointer (&self->end_date, g_free);
  g_clear_pointer (&self->send_by, g_free);
  g_clear_pointer (&self->notes, g_free);

  G_OBJECT_CLASS (pacta_contract_parent_class)->finalize (object);
}

static void
pacta_contract_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PactaContract *self = PACTA_CONTRACT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_REFERENCE: g_value_set_string (value, self->reference); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_CUSTOMER_ID: g_value_set_int64 (value, self->customer_id); break;
    case PROP_CUSTOMER_NAME: g_value_set_string (value, self->customer_name); break;
    case PROP_CONTACT_EMAIL: g_value_set_string (value, self->contact_email); break;
    case PROP_INTERVAL: g_value_set_string (value, self->interval); break;
    case PROP_BILLING: g_value_set_string (value, self->billing); break;
    case PROP_PAYMENT_METHOD: g_value_set_string (value, self->payment_method); break;
    case PROP_START_DATE: g_value_set_string (value, self->start_date); break;
    case PROP_END_DATE: g_value_set_string (value, self->end_date); break;
    case PROP_SEND_BY: g_value_set_string (value, self->send_by); break;
    case PROP_PRORATE: g_value_set_boolean (value, self->prorate); break;
    case PROP_NOTES: g_value_set_string (value, self->notes); break;
    case PROP_MONTHLY_VALUE: g_value_set_int64 (value, self->monthly_value); break;
    case PROP_N_PARTS: g_value_set_int (value, self->n_parts); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_contract_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PactaContract *self = PACTA_CONTRACT (object);

  switch (prop_id)
    {
    case PROP_ID: pacta_contract_set_id (self, g_value_get_int64 (value)); break;
    case PROP_REFERENCE: pacta_contract_set_reference (self, g_value_get_string (value)); break;
    case PROP_NAME: pacta_contract_set_name (self, g_value_get_string (value)); break;
    case PROP_CUSTOMER_ID: pacta_contract_set_customer_id (self, g_value_get_int64 (value)); break;
    case PROP_CUSTOMER_NAME: pacta_contract_set_customer_name (self, g_value_get_string (value)); break;
    case PROP_CONTACT_EMAIL: pacta_contract_set_contact_email (self, g_value_get_string (value)); break;
    case PROP_INTERVAL: pacta_contract_set_interval (self, g_value_get_string (value)); break;
    case PROP_BILLING: pacta_contract_set_billing (self, g_value_get_string (value)); break;
    case PROP_PAYMENT_METHOD: pacta_contract_set_payment_method (self, g_value_get_string (value)); break;
    case PROP_START_DATE: pacta_contract_set_start_date (self, g_value_get_string (value)); break;
    case PROP_END_DATE: pacta_contract_set_end_date (self, g_value_get_string (value)); break;
    case PROP_SEND_BY: pacta_contract_set_send_by (self, g_value_get_string (value)); break;
    case PROP_PRORATE: pacta_contract_set_prorate (self, g_value_get_boolean (value)); break;
    case PROP_NOTES: pacta_contract_set_notes (self, g_value_get_string (value)); break;
    case PROP_MONTHLY_VALUE: pacta_contract_set_monthly_value (self, g_value_get_int64 (value)); break;
    case PROP_N_PARTS: pacta_contract_set_n_parts (self, g_value_get_int (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_contract_class_init (PactaContractClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pacta_contract_finalize;
  object_class->get_property = pacta_contract_get_property;
  object_class->set_property = pacta_contract_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_REFERENCE] =
    g_param_spec_string ("reference", NULL, NULL, NULL, flags);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_CUSTOMER_ID] =
    g_param_spec_int64 ("customer-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_CUSTOMER_NAME] =
    g_param_spec_string ("customer-name", NULL, NULL, NULL, flags);
  properties[PROP_CONTACT_EMAIL] =
    g_param_spec_string ("contact-email", NULL, NULL, NULL, flags);
  properties[PROP_INTERVAL] =
    g_param_spec_string ("interval", NULL, NULL, "monthly", flags);
  properties[PROP_BILLING] =
    g_param_spec_string ("billing", NULL, NULL, "advance", flags);
  properties[PROP_PAYMENT_METHOD] =
    g_param_spec_string ("payment-method", NULL, NULL, "transfer", flags);
  properties[PROP_START_DATE] =
    g_param_spec_string ("start-date", NULL, NULL, NULL, flags);
  properties[PROP_END_DATE] =
    g_param_spec_string ("end-date", NULL, NULL, NULL, flags);
  properties[PROP_SEND_BY] =
    g_param_spec_string ("send-by", NULL, NULL, "email", flags);
  properties[PROP_PRORATE] =
    g_param_spec_boolean ("prorate", NULL, NULL, TRUE, flags);
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, NULL, flags);
  properties[PROP_MONTHLY_VALUE] =
    g_param_spec_int64 ("monthly-value", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_N_PARTS] =
    g_param_spec_int ("n-parts", NULL, NULL, G_MININT, G_MAXINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pacta_contract_init (PactaContract *self)
{
  self->interval = g_strdup ("monthly");
  self->billing = g_strdup ("advance");
  self->payment_method = g_strdup ("transfer");
  self->send_by = g_strdup ("email");
  self->prorate = TRUE;
}

gint64
pacta_contract_get_id (PactaContract *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT (self), 0);
  return self->id;
}

void
pacta_contract_set_id (PactaContract *self,
                         gint64 value)
{
  g_return_if_fail (PACTA_IS_CONTRACT (self));

  if (self->id == value)
    return;
  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
pacta_contract_get_reference (PactaContract *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT (self), NULL);
  return self->reference;
}

void
pacta_contract_set_reference (PactaContract *self,
                                const char *value)
{
  g_return_if_fail (PACTA_IS_CONTRACT (self));

  if (g_strcmp0 (self->reference, value) == 0)
    return;
  g_free (self->reference);
  self->reference = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFERENCE]);
}

const char *
pacta_contract_get_name (PactaContract *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT (self), NULL);
  return self->name;
}

void
pacta_contract_set_name (PactaContract *self,
                           const char *value)
{
  g_return_if_fail (PACTA_IS_CONTRACT (self));

  if (g_strcmp0 (self->name, value) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

gint64
pacta_contract_get_customer_id (PactaContract *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT (self), 0);
  return self->customer_id;
}

void
pacta_contract_set_customer_id (PactaContract *self,
                                  gint64 value)
{
  g_return_if_fail (PACTA_IS_CONTRACT (self));

  if (self->customer_id == value)
    return;
  self->customer_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}

const char *
pacta_contract_get_customer_name (PactaContract *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT (self), NULL);
  return self->customer_name;
}

void
pacta_contract_set_customer_name (PactaContract *self,
                                    const char *value)
{
  g_return_if_fail (PACTA_IS_CONTRACT (self));

  if (g_strcmp0 (self->customer_name, value) == 0)
    return;
  g_free (self->customer_name);
  self->customer_name = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_NAME]);
}

const char *
pacta_contract_get_contact_email (PactaContract *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT (self), NULL);
  return self->contact_email;
}

void
pacta_contract_set_contact_email (PactaContract *self,
                                    const char *value)
{
  g_return_if_fail (PACTA_IS_CONTRACT (self));

  if (g_strcmp0 (self->contact_email, value) == 0)
    return;
  g_free (self->contact_email);
  self->contact_email = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT_EMAIL]);
}

const char *
pacta_contract_get_interval (PactaContract *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT (self), NULL);
  return self->interval;
}

void
pacta_contract_set_interval (PactaContract *self,
                               const char *value)
{
  g_return_if_fail (PACTA_IS_CONTRACT (self));

  if (g_strcmp0 (self->interval, value) == 0)
    return;
  g_free (self->interval);
  self->interval = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

const char *
pacta_contract_get_billing (PactaContract *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT (self), NULL);
  return self->billing;
}

void
pacta_contract_set_billing (PactaContract *self,
                              const char *value)
{
  g_return_if_fail (PACTA_IS_CONTRACT (self));

  if (g_strcmp0 (self->billing, value) == 0)
    return;
  g_free (self->billing);
  self->billing = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BILLING]);
}

const char *
pacta_contract_get_payment_method (PactaContract *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT (self), NULL);
  return self->payment_method;
}

void
pacta_contract_set_payment_method (PactaContract *self,
                                     const char *value)
{
  g_return_if_fail (PACTA_IS_CONTRACT (self));

  if (g_strcmp0 (self->payment_method, value) == 0)
    return;
  g_free (self->payment_method);
  self->payment_method = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAYMENT_METHOD]);
}

const char *
pacta_contract_get_start_date (PactaContract *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT (self), NULL);
  return self->start_date;
}

void
pacta_contract_set_start_date (PactaContract *self,
                                 const char *value)
{
  g_return_if_fail (PACTA_IS_CONTRACT (self));

  if (g_strcmp0 (self->start_date, value) == 0)
    return;
  g_free (self->start_date);
  self->start_date = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START_DATE]);
}

const char *
pacta_contract_get_end_date (PactaContract *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT (self), NULL);
  return self->end_date;
}

void
pacta_contract_set_end_date (PactaContract *self,
                               const char *value)
{
  g_return_if_fail (PACTA_IS_CONTRACT (self));

  if (g_strcmp0 (self->end_date, value) == 0)
    return;
  g_free (self->end_date);
  self->end_date = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END_DATE]);
}

const char *
pacta_contract_get_send_by (PactaContract *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT (self), NULL);
  return self->send_by;
}

void
pacta_contract_set_send_by (PactaContract *self,
                              const char *value)
{
  g_return_if_fail (PACTA_IS_CONTRACT (self));

  if (g_strcmp0 (self->send_by, value) == 0)
    return;
  g_free (self->send_by);
  self->send_by = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEND_BY]);
}

gboolean
pacta_contract_get_prorate (PactaContract *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT (self), FALSE);
  return self->prorate;
}

void
pacta_contract_set_prorate (PactaContract *self,
                              gboolean value)
{
  g_return_if_fail (PACTA_IS_CONTRACT (self));

  value = !!value;
  if (self->prorate == value)
    return;
  self->prorate = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRORATE]);
}

const char *
pacta_contract_get_notes (PactaContract *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT (self), NULL);
  return self->notes;
}

void
pacta_contract_set_notes (PactaContract *self,
                            const char *value)
{
  g_return_if_fail (PACTA_IS_CONTRACT (self));

  if (g_strcmp0 (self->notes, value) == 0)
    return;
  g_free (self->notes);
  self->notes = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

gint64
pacta_contract_get_monthly_value (PactaContract *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT (self), 0);
  return self->monthly_value;
}

void
pacta_contract_set_monthly_value (PactaContract *self,
                                    gint64 value)
{
  g_return_if_fail (PACTA_IS_CONTRACT (self));

  if (self->monthly_value == value)
    return;
  self->monthly_value = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONTHLY_VALUE]);
}

int
pacta_contract_get_n_parts (PactaContract *self)
{
  g_return_val_if_fail (PACTA_IS_CONTRACT (self), 0);
  return self->n_parts;
}

void
pacta_contract_set_n_parts (PactaContract *self,
                              int value)
{
  g_return_if_fail (PACTA_IS_CONTRACT (self));

  if (self->n_parts == value)
    return;
  self->n_parts = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PARTS]);
}

PactaContract *
pacta_contract_new (gint64 customer_id)
{
  return g_object_new (PACTA_TYPE_CONTRACT, "customer-id", customer_id, NULL);
}

/* Status is never stored: it follows from the dates. ISO dates compare as text. */
PactaContractStatus
pacta_contract_status_on (const char *start_date,
                          const char *end_date,
                          const char *today)
{
  if (start_date != NULL && strcmp (today, start_date) < 0)
    return PACTA_CONTRACT_DRAFT;
  if (end_date != NULL && strcmp (today, end_date) > 0)
    return PACTA_CONTRACT_ENDED;
  return PACTA_CONTRACT_ACTIVE;
}

PactaContractStatus
pacta_contract_get_status (PactaContract *self)
{
  g_autofree char *today = pacta_date_today ();

  g_return_val_if_fail (PACTA_IS_CONTRACT (self), PACTA_CONTRACT_DRAFT);

  return pacta_contract_status_on (self->start_date, self->end_date, today);
}

const char *
pacta_contract_status_label (PactaContractStatus status)
{
  switch (status)
    {
    case PACTA_CONTRACT_DRAFT: return C_("contract status", "Draft");
    case PACTA_CONTRACT_ACTIVE: return C_("contract status", "Active");
    case PACTA_CONTRACT_ENDED: return C_("contract status", "Ended");
    default: g_return_val_if_reached ("");
    }
}

const char *
pacta_contract_interval_label (const char *interval)
{
  static const PactaEntityLabel labels[] = {
    { "monthly", N_("Monthly") },
    { "quarterly", N_("Quarterly") },
    { "semiannual", N_("Semi-annual") },
    { "annual", N_("Annual") },
  };

  return pacta_entity_label (labels, G_N_ELEMENTS (labels), NULL, interval);
}

int
pacta_contract_interval_months (const char *interval)
{
  if (g_strcmp0 (interval, "quarterly") == 0)
    return 3;
  if (g_strcmp0 (interval, "semiannual") == 0)
    return 6;
  if (g_strcmp0 (interval, "annual") == 0)
    return 12;
  return 1;
}
