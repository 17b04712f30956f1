/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-ticket.c: a helpdesk ticket: a customer's request and its conversation; a plain value object with properties */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pacta-entity.h"
#include "pacta-ticket.h"

struct _PactaTicket
{
  GObject parent_instance;

  gint64 id;
  char *number;
  char *title;
  gint64 customer_id;
  char *customer_name;
  char *contact_name;
  char *assignee;
  char *priority;
  char *category;
  char *status;
  gboolean billable;
  char *created_at;
  char *updated_at;
};

G_DEFINE_FINAL_TYPE (PactaTicket, pacta_ticket, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NUMBER,
  PROP_TITLE,
  PROP_CUSTOMER_ID,
  PROP_CUSTOMER_NAME,
  PROP_CONTACT_NAME,
  PROP_ASSIGNEE,
  PROP_PRIORITY,
  PROP_CATEGORY,
  PROP_STATUS,
  PROP_BILLABLE,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pacta_ticket_finalize (GObject *object)
{
  PactaTicket *self = (PactaTicket *)object;

  g_clear_pointer (&self->number, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->customer_name, g_free);
  g_clear_pointer (&self->contact_name, g_free);
  g_clear_pointer (&self->assignee, g_free);
  g_clear_pointer (&self->priority, g_free);
  g_clear_pointer (&self->category, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->created_at, g_free);
  g_clear_pointer (&self->updated_at, g_free);

  G_OBJECT_CLASS (pacta_ticket_parent_class)->finalize (object);
}

static void
pacta_ticket_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PactaTicket *self = PACTA_TICKET (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_NUMBER: g_value_set_string (value, self->number); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_CUSTOMER_ID: g_value_set_int64 (value, self->customer_id); break;
    case PROP_CUSTOMER_NAME: g_value_set_string (value, self->customer_name); break;
    case PROP_CONTACT_NAME: g_value_set_string (value, self->contact_name); break;
    case PROP_ASSIGNEE: g_value_set_string (value, self->assignee); break;
    case PROP_PRIORITY: g_value_set_string (value, self->priority); break;
    case PROP_CATEGORY: g_value_set_string (value, self->category); break;
    case PROP_STATUS: g_value_set_string (value, self->status); break;
    case PROP_BILLABLE: g_value_set_boolean (value, self->billable); break;
    case PROP_CREATED_AT: g_value_set_string (value, self->created_at); break;
    case PROP_UPDATED_AT: g_value_set_string (value, self->updated_at); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_ticket_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PactaTicket *self = PACTA_TICKET (object);

  switch (prop_id)
    {
    case PROP_ID: pacta_ticket_set_id (self, g_value_get_int64 (value)); break;
    case PROP_NUMBER: pacta_ticket_set_number (self, g_value_get_string (value)); break;
    case PROP_TITLE: pacta_ticket_set_title (self, g_value_get_string (value)); break;
    case PROP_CUSTOMER_ID: pacta_ticket_set_customer_id (self, g_value_get_int64 (value)); break;
    case PROP_CUSTOMER_NAME: pacta_ticket_set_customer_name (self, g_value_get_string (value)); break;
    case PROP_CONTACT_NAME: pacta_ticket_set_contact_name (self, g_value_get_string (value)); break;
    case PROP_ASSIGNEE: pacta_ticket_set_assignee (self, g_value_get_string (value)); break;
    case PROP_PRIORITY: pacta_ticket_set_priority (self, g_value_get_string (value)); break;
    case PROP_CATEGORY: pacta_ticket_set_category (self, g_value_get_string (value)); break;
    case PROP_STATUS: pacta_ticket_set_status (self, g_value_get_string (value)); break;
    case PROP_BILLABLE: pacta_ticket_set_billable (self, g_value_get_boolean (value)); break;
    case PROP_CREATED_AT: pacta_ticket_set_created_at (self, g_value_get_string (value)); break;
    case PROP_UPDATED_AT: pacta_ticket_set_updated_at (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_ticket_class_init (PactaTicketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pacta_ticket_finalize;
  object_class->get_property = pacta_ticket_get_property;
  object_class->set_property = pacta_ticket_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_NUMBER] =
    g_param_spec_string ("number", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_CUSTOMER_ID] =
    g_param_spec_int64 ("customer-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_CUSTOMER_NAME] =
    g_param_spec_string ("customer-name", NULL, NULL, NULL, flags);
  properties[PROP_CONTACT_NAME] =
    g_param_spec_string ("contact-name", NULL, NULL, NULL, flags);
  properties[PROP_ASSIGNEE] =
    g_param_spec_string ("assignee", NULL, NULL, NULL, flags);
  properties[PROP_PRIORITY] =
    g_param_spec_string ("priority", NULL, NULL, "normal", flags);
  properties[PROP_CATEGORY] =
    g_param_spec_string ("category", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, "new", flags);
  properties[PROP_BILLABLE] =
    g_param_spec_boolean ("billable", NULL, NULL, TRUE, flags);
  properties[PROP_CREATED_AT] =
    g_param_spec_string ("created-at", NULL, NULL, NULL, flags);
  properties[PROP_UPDATED_AT] =
    g_param_spec_string ("updated-at", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pacta_ticket_init (PactaTicket *self)
{
  self->priority = g_strdup ("normal");
  self->status = g_strdup ("new");
  self->billable = TRUE;
}

gint64
pacta_ticket_get_id (PactaTicket *self)
{
  g_return_val_if_fail (PACTA_IS_TICKET (self), 0);
  return self->id;
}

void
pacta_ticket_set_id (PactaTicket *self,
                       gint64 value)
{
  g_return_if_fail (PACTA_IS_TICKET (self));

  if (self->id == value)
    return;
  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
pacta_ticket_get_number (PactaTicket *self)
{
  g_return_val_if_fail (PACTA_IS_TICKET (self), NULL);
  return self->number;
}

void
pacta_ticket_set_number (PactaTicket *self,
                           const char *value)
{
  g_return_if_fail (PACTA_IS_TICKET (self));

  if (g_strcmp0 (self->number, value) == 0)
    return;
  g_free (self->number);
  self->number = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NUMBER]);
}

const char *
pacta_ticket_get_title (PactaTicket *self)
{
  g_return_val_if_fail (PACTA_IS_TICKET (self), NULL);
  return self->title;
}

void
pacta_ticket_set_title (PactaTicket *self,
                          const char *value)
{
  g_return_if_fail (PACTA_IS_TICKET (self));

  if (g_strcmp0 (self->title, value) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

gint64
pacta_ticket_get_customer_id (PactaTicket *self)
{
  g_return_val_if_fail (PACTA_IS_TICKET (self), 0);
  return self->customer_id;
}

void
pacta_ticket_set_customer_id (PactaTicket *self,
                                gint64 value)
{
  g_return_if_fail (PACTA_IS_TICKET (self));

  if (self->customer_id == value)
    return;
  self->customer_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}

const char *
pacta_ticket_get_customer_name (PactaTicket *self)
{
  g_return_val_if_fail (PACTA_IS_TICKET (self), NULL);
  return self->customer_name;
}

void
pacta_ticket_set_customer_name (PactaTicket *self,
                                  const char *value)
{
  g_return_if_fail (PACTA_IS_TICKET (self));

  if (g_strcmp0 (self->customer_name, value) == 0)
    return;
  g_free (self->customer_name);
  self->customer_name = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_NAME]);
}

const char *
pacta_ticket_get_contact_name (PactaTicket *self)
{
  g_return_val_if_fail (PACTA_IS_TICKET (self), NULL);
  return self->contact_name;
}

void
pacta_ticket_set_contact_name (PactaTicket *self,
                                 const char *value)
{
  g_return_if_fail (PACTA_IS_TICKET (self));

  if (g_strcmp0 (self->contact_name, value) == 0)
    return;
  g_free (self->contact_name);
  self->contact_name = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT_NAME]);
}

const char *
pacta_ticket_get_assignee (PactaTicket *self)
{
  g_return_val_if_fail (PACTA_IS_TICKET (self), NULL);
  return self->assignee;
}

void
pacta_ticket_set_assignee (PactaTicket *self,
                             const char *value)
{
  g_return_if_fail (PACTA_IS_TICKET (self));

  if (g_strcmp0 (self->assignee, value) == 0)
    return;
  g_free (self->assignee);
  self->assignee = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASSIGNEE]);
}

const char *
pacta_ticket_get_priority (PactaTicket *self)
{
  g_return_val_if_fail (PACTA_IS_TICKET (self), NULL);
  return self->priority;
}

void
pacta_ticket_set_priority (PactaTicket *self,
                             const char *value)
{
  g_return_if_fail (PACTA_IS_TICKET (self));

  if (g_strcmp0 (self->priority, value) == 0)
    return;
  g_free (self->priority);
  self->priority = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRIORITY]);
}

const char *
pacta_ticket_get_category (PactaTicket *self)
{
  g_return_val_if_fail (PACTA_IS_TICKET (self), NULL);
  return self->category;
}

void
pacta_ticket_set_category (PactaTicket *self,
                             const char *value)
{
  g_return_if_fail (PACTA_IS_TICKET (self));

  if (g_strcmp0 (self->category, value) == 0)
    return;
  g_free (self->category);
  self->category = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORY]);
}

const char *
pacta_ticket_get_status (PactaTicket *self)
{
  g_return_val_if_fail (PACTA_IS_TICKET (self), NULL);
  return self->status;
}

void
pacta_ticket_set_status (PactaTicket *self,
                           const char *value)
{
  g_return_if_fail (PACTA_IS_TICKET (self));

  if (g_strcmp0 (self->status, value) == 0)
    return;
  g_free (self->status);
  self->status = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

gboolean
pacta_ticket_get_billable (PactaTicket *self)
{
  g_return_val_if_fail (PACTA_IS_TICKET (self), FALSE);
  return self->billable;
}

void
pacta_ticket_set_billable (PactaTicket *self,
                             gboolean value)
{
  g_return_if_fail (PACTA_IS_TICKET (self));

  value = !!value;
  if (self->billable == value)
    return;
  self->billable = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BILLABLE]);
}

const char *
pacta_ticket_get_created_at (PactaTicket *self)
{
  g_return_val_if_fail (PACTA_IS_TICKET (self), NULL);
  return self->created_at;
}

void
pacta_ticket_set_created_at (PactaTicket *self,
                               const char *value)
{
  g_return_if_fail (PACTA_IS_TICKET (self));

  if (g_strcmp0 (self->created_at, value) == 0)
    return;
  g_free (self->created_at);
  self->created_at = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

const char *
pacta_ticket_get_updated_at (PactaTicket *self)
{
  g_return_val_if_fail (PACTA_IS_TICKET (self), NULL);
  return self->updated_at;
}

void
pacta_ticket_set_updated_at (PactaTicket *self,
                               const char *value)
{
  g_return_if_fail (PACTA_IS_TICKET (self));

  if (g_strcmp0 (self->updated_at, value) == 0)
    return;
  g_free (self->updated_at);
  self->updated_at = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

PactaTicket *
pacta_ticket_new (gint64 customer_id)
{
  return g_object_new (PACTA_TYPE_TICKET, "customer-id", customer_id, NULL);
}

const char *
pacta_ticket_status_label (const char *status)
{
  static const PactaEntityLabel labels[] = {
    { "new", NC_("ticket status", "New") },
    { "in_progress", NC_("ticket status", "In progress") },
    { "waiting", NC_("ticket status", "Waiting for customer") },
    { "resolved", NC_("ticket status", "Resolved") },
    { "closed", NC_("ticket status", "Closed") },
  };

  return pacta_entity_label (labels, G_N_ELEMENTS (labels), "ticket status", status);
}

const char *
pacta_ticket_priority_label (const char *priority)
{
  static const PactaEntityLabel labels[] = {
    { "low", NC_("ticket priority", "Low") },
    { "normal", NC_("ticket priority", "Normal") },
    { "high", NC_("ticket priority", "High") },
    { "urgent", NC_("ticket priority", "Urgent") },
  };

  return pacta_entity_label (labels, G_N_ELEMENTS (labels), "ticket priority", priority);
}

gboolean
pacta_ticket_status_is_open (const char *status)
{
  return g_strcmp0 (status, "closed") != 0;
}

/* new → in progress ⇄ waiting for customer → resolved → closed, with reopen */
gboolean
pacta_ticket_can_move (const char *from,
                       const char *to)
{
  static const char *moves[][2] = {
    { "new", "in_progress" },
    { "new", "waiting" },
    { "new", "resolved" },
    { "in_progress", "waiting" },
    { "in_progress", "resolved" },
    { "waiting", "in_progress" },
    { "waiting", "resolved" },
    { "resolved", "closed" },
    { "resolved", "in_progress" },   /* reopen */
    { "closed", "in_progress" },     /* reopen */
  };

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    if (g_strcmp0 (from, moves[i][0]) == 0 && g_strcmp0 (to, moves[i][1]) == 0)
      return TRUE;
  return FALSE;
}
