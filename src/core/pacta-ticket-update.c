/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-ticket-update.c: one entry of a ticket's conversation: a message to the customer or an internal note; a plain value object with properties */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pacta-ticket-update.h"

struct _PactaTicketUpdate
{
  GObject parent_instance;

  gint64 id;
  gint64 ticket_id;
  char *kind;
  char *author;
  char *body;
  char *created_at;
};

G_DEFINE_FINAL_TYPE (PactaTicketUpdate, pacta_ticket_update, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TICKET_ID,
  PROP_KIND,
  PROP_AUTHOR,
  PROP_BODY,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pacta_ticket_update_finalize (GObject *object)
{
  PactaTicketUpdate *self = (PactaTicketUpdate *)object;

  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->created_at, g_free);

  G_OBJECT_CLASS (pacta_ticket_update_parent_class)->finalize (object);
}

static void
pacta_ticket_update_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PactaTicketUpdate *self = PACTA_TICKET_UPDATE (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_TICKET_ID: g_value_set_int64 (value, self->ticket_id); break;
    case PROP_KIND: g_value_set_string (value, self->kind); break;
    case PROP_AUTHOR: g_value_set_string (value, self->author); break;
    case PROP_BODY: g_value_set_string (value, self->body); break;
    case PROP_CREATED_AT: g_value_set_string (value, self->created_at); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_ticket_update_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PactaTicketUpdate *self = PACTA_TICKET_UPDATE (object);

  switch (prop_id)
    {
    case PROP_ID: pacta_ticket_update_set_id (self, g_value_get_int64 (value)); break;
    case PROP_TICKET_ID: pacta_ticket_update_set_ticket_id (self, g_value_get_int64 (value)); break;
    case PROP_KIND: pacta_ticket_update_set_kind (self, g_value_get_string (value)); break;
    case PROP_AUTHOR: pacta_ticket_update_set_author (self, g_value_get_string (value)); break;
    case PROP_BODY: pacta_ticket_update_set_body (self, g_value_get_string (value)); break;
    case PROP_CREATED_AT: pacta_ticket_update_set_created_at (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_ticket_update_class_init (PactaTicketUpdateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pacta_ticket_update_finalize;
  object_class->get_property = pacta_ticket_update_get_property;
  object_class->set_property = pacta_ticket_update_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_TICKET_ID] =
    g_param_spec_int64 ("ticket-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, "message", flags);
  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL, flags);
  properties[PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL, NULL, flags);
  properties[PROP_CREATED_AT] =
    g_param_spec_string ("created-at", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pacta_ticket_update_init (PactaTicketUpdate *self)
{
  self->kind = g_strdup ("message");
}

gint64
pacta_ticket_update_get_id (PactaTicketUpdate *self)
{
  g_return_val_if_fail (PACTA_IS_TICKET_UPDATE (self), 0);
  return self->id;
}

void
pacta_ticket_update_set_id (PactaTicketUpdate *self,
                              gint64 value)
{
  g_return_if_fail (PACTA_IS_TICKET_UPDATE (self));

  if (self->id == value)
    return;
  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
pacta_ticket_update_get_ticket_id (PactaTicketUpdate *self)
{
  g_return_val_if_fail (PACTA_IS_TICKET_UPDATE (self), 0);
  return self->ticket_id;
}

void
pacta_ticket_update_set_ticket_id (PactaTicketUpdate *self,
                                     gint64 value)
{
  g_return_if_fail (PACTA_IS_TICKET_UPDATE (self));

  if (self->ticket_id == value)
    return;
  self->ticket_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TICKET_ID]);
}

const char *
pacta_ticket_update_get_kind (PactaTicketUpdate *self)
{
  g_return_val_if_fail (PACTA_IS_TICKET_UPDATE (self), NULL);
  return self->kind;
}

void
pacta_ticket_update_set_kind (PactaTicketUpdate *self,
                                const char *value)
{
  g_return_if_fail (PACTA_IS_TICKET_UPDATE (self));

  if (g_strcmp0 (self->kind, value) == 0)
    return;
  g_free (self->kind);
  self->kind = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
pacta_ticket_update_get_author (PactaTicketUpdate *self)
{
  g_return_val_if_fail (PACTA_IS_TICKET_UPDATE (self), NULL);
  return self->author;
}

void
pacta_ticket_update_set_author (PactaTicketUpdate *self,
                                  const char *value)
{
  g_return_if_fail (PACTA_IS_TICKET_UPDATE (self));

  if (g_strcmp0 (self->author, value) == 0)
    return;
  g_free (self->author);
  self->author = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR]);
}

const char *
pacta_ticket_update_get_body (PactaTicketUpdate *self)
{
  g_return_val_if_fail (PACTA_IS_TICKET_UPDATE (self), NULL);
  return self->body;
}

void
pacta_ticket_update_set_body (PactaTicketUpdate *self,
                                const char *value)
{
  g_return_if_fail (PACTA_IS_TICKET_UPDATE (self));

  if (g_strcmp0 (self->body, value) == 0)
    return;
  g_free (self->body);
  self->body = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
}

const char *
pacta_ticket_update_get_created_at (PactaTicketUpdate *self)
{
  g_return_val_if_fail (PACTA_IS_TICKET_UPDATE (self), NULL);
  return self->created_at;
}

void
pacta_ticket_update_set_created_at (PactaTicketUpdate *self,
                                      const char *value)
{
  g_return_if_fail (PACTA_IS_TICKET_UPDATE (self));

  if (g_strcmp0 (self->created_at, value) == 0)
    return;
  g_free (self->created_at);
  self->created_at = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}
