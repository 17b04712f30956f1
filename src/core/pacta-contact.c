/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-contact.c: a person at a customer; a plain value object filled by its store */
#include "pacta-contact.h"

struct _PactaContact
{
  GObject parent_instance;

  gint64 id;
  gint64 customer_id;
  char *name;
  char *email;
  char *phone;
  char *job_title;
  gboolean company_contact;
};

G_DEFINE_FINAL_TYPE (PactaContact, pacta_contact, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CUSTOMER_ID,
  PROP_NAME,
  PROP_EMAIL,
  PROP_PHONE,
  PROP_JOB_TITLE,
  PROP_COMPANY_CONTACT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pacta_contact_finalize (GObject *object)
{
  PactaContact *self = (PactaContact *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->job_title, g_free);

  G_OBJECT_CLASS (pacta_contact_parent_class)->finalize (object);
}

static void
pacta_contact_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PactaContact *self = PACTA_CONTACT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_CUSTOMER_ID: g_value_set_int64 (value, self->customer_id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_EMAIL: g_value_set_string (value, self->email); break;
    case PROP_PHONE: g_value_set_string (value, self->phone); break;
    case PROP_JOB_TITLE: g_value_set_string (value, self->job_title); break;
    case PROP_COMPANY_CONTACT: g_value_set_boolean (value, self->company_contact); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_contact_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PactaContact *self = PACTA_CONTACT (object);

  switch (prop_id)
    {
    case PROP_ID: self->id = g_value_get_int64 (value); break;
    case PROP_CUSTOMER_ID: self->customer_id = g_value_get_int64 (value); break;
    case PROP_NAME: self->name = g_value_dup_string (value); break;
    case PROP_EMAIL: self->email = g_value_dup_string (value); break;
    case PROP_PHONE: self->phone = g_value_dup_string (value); break;
    case PROP_JOB_TITLE: self->job_title = g_value_dup_string (value); break;
    case PROP_COMPANY_CONTACT: self->company_contact = g_value_get_boolean (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_contact_class_init (PactaContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pacta_contact_finalize;
  object_class->get_property = pacta_contact_get_property;
  object_class->set_property = pacta_contact_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_CUSTOMER_ID] = g_param_spec_int64 ("customer-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, flags);
  properties[PROP_PHONE] = g_param_spec_string ("phone", NULL, NULL, NULL, flags);
  properties[PROP_JOB_TITLE] = g_param_spec_string ("job-title", NULL, NULL, NULL, flags);
  properties[PROP_COMPANY_CONTACT] = g_param_spec_boolean ("company-contact", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pacta_contact_init (PactaContact *self)
{
}

gint64
pacta_contact_get_id (PactaContact *self)
{
  g_return_val_if_fail (PACTA_IS_CONTACT (self), 0);
  return self->id;
}

gint64
pacta_contact_get_customer_id (PactaContact *self)
{
  g_return_val_if_fail (PACTA_IS_CONTACT (self), 0);
  return self->customer_id;
}

const char *
pacta_contact_get_name (PactaContact *self)
{
  g_return_val_if_fail (PACTA_IS_CONTACT (self), NULL);
  return self->name;
}

const char *
pacta_contact_get_email (PactaContact *self)
{
  g_return_val_if_fail (PACTA_IS_CONTACT (self), NULL);
  return self->email;
}

const char *
pacta_contact_get_phone (PactaContact *self)
{
  g_return_val_if_fail (PACTA_IS_CONTACT (self), NULL);
  return self->phone;
}

const char *
pacta_contact_get_job_title (PactaContact *self)
{
  g_return_val_if_fail (PACTA_IS_CONTACT (self), NULL);
  return self->job_title;
}

gboolean
pacta_contact_get_company_contact (PactaContact *self)
{
  g_return_val_if_fail (PACTA_IS_CONTACT (self), FALSE);
  return self->company_contact;
}
