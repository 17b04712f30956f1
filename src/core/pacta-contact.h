/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-contact.h: a person at a customer */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PACTA_TYPE_CONTACT (pacta_contact_get_type ())

G_DECLARE_FINAL_TYPE (PactaContact, pacta_contact, PACTA, CONTACT, GObject)

gint64      pacta_contact_get_id (PactaContact *self);
gint64      pacta_contact_get_customer_id (PactaContact *self);
const char *pacta_contact_get_name (PactaContact *self);
const char *pacta_contact_get_email (PactaContact *self);
const char *pacta_contact_get_phone (PactaContact *self);
const char *pacta_contact_get_job_title (PactaContact *self);
gboolean    pacta_contact_get_company_contact (PactaContact *self);

G_END_DECLS
