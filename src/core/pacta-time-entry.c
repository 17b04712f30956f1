/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-time-entry.c: time spent on a ticket, waiting for approval before it is billed; a plain value object with properties */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pacta-entity.h"
#include "pacta-time-entry.h"

struct _PactaTimeEntry
{
  GObject parent_instance;

  gint64 id;
  gint64 ticket_id;
  char *ticket_number;
  char *customer_name;
  char *date;
  int minutes;
  char *description;
  gboolean billable;
  gint64 catalog_item_id;
  char *state;
  int approved_minutes;
  gint64 sales_item_id;
};

G_DEFINE_FINAL_TYPE (PactaTimeEntry, pacta_time_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TICKET_ID,
  PROP_TICKET_NUMBER,
  PROP_CUSTOMER_NAME,
  PROP_DATE,
  PROP_MINUTES,
  PROP_DESCRIPTION,
  PROP_BILLABLE,
  PROP_CATALOG_ITEM_ID,
  PROP_STATE,
  PROP_APPROVED_MINUTES,
  PROP_SALES_ITEM_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pacta_time_entry_finalize (GObject *object)
{
  PactaTimeEntry *self = (PactaTimeEntry *)object;

  g_clear_pointer (&self->ticket_number, g_free);
  g_clear_pointer (&self->customer_name, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->state, g_free);

  G_OBJECT_CLASS (pacta_time_entry_parent_class)->finalize (object);
}

static void
pacta_time_entry_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PactaTimeEntry *self = PACTA_TIME_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_TICKET_ID: g_value_set_int64 (value, self->ticket_id); break;
    case PROP_TICKET_NUMBER: g_value_set_string (value, self->ticket_number); break;
    case PROP_CUSTOMER_NAME: g_value_set_string (value, self->customer_name); break;
    case PROP_DATE: g_value_set_string (value, self->date); break;
    case PROP_MINUTES: g_value_set_int (value, self->minutes); break;
    case PROP_DESCRIPTION: g_value_set_string (value, self->description); break;
    case PROP_BILLABLE: g_value_set_boolean (value, self->billable); break;
    case PROP_CATALOG_ITEM_ID: g_value_set_int64 (value, self->catalog_item_id); break;
    case PROP_STATE: g_value_set_string (value, self->state); break;
    case PROP_APPROVED_MINUTES: g_value_set_int (value, self->approved_minutes); break;
    case PROP_SALES_ITEM_ID: g_value_set_int64 (value, self->sales_item_id); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_time_entry_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PactaTimeEntry *self = PACTA_TIME_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID: pacta_time_entry_set_id (self, g_value_get_int64 (value)); break;
    case PROP_TICKET_ID: pacta_time_entry_set_ticket_id (self, g_value_get_int64 (value)); break;
    case PROP_TICKET_NUMBER: pacta_time_entry_set_ticket_number (self, g_value_get_string (value)); break;
    case PROP_CUSTOMER_NAME: pacta_time_entry_set_customer_name (self, g_value_get_string (value)); break;
    case PROP_DATE: pacta_time_entry_set_date (self, g_value_get_string (value)); break;
    case PROP_MINUTES: pacta_time_entry_set_minutes (self, g_value_get_int (value)); break;
    case PROP_DESCRIPTION: pacta_time_entry_set_description (self, g_value_get_string (value)); break;
    case PROP_BILLABLE: pacta_time_entry_set_billable (self, g_value_get_boolean (value)); break;
    case PROP_CATALOG_ITEM_ID: pacta_time_entry_set_catalog_item_id (self, g_value_get_int64 (value)); break;
    case PROP_STATE: pacta_time_entry_set_state (self, g_value_get_string (value)); break;
    case PROP_APPROVED_MINUTES: pacta_time_entry_set_approved_minutes (self, g_value_get_int (value)); break;
    case PROP_SALES_ITEM_ID: pacta_time_entry_set_sales_item_id (self, g_value_get_int64 (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_time_entry_class_init (PactaTimeEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pacta_time_entry_finalize;
  object_class->get_property = pacta_time_entry_get_property;
  object_class->set_property = pacta_time_entry_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_TICKET_ID] =
    g_param_spec_int64 ("ticket-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_TICKET_NUMBER] =
    g_param_spec_string ("ticket-number", NULL, NULL, NULL, flags);
  properties[PROP_CUSTOMER_NAME] =
    g_param_spec_string ("customer-name", NULL, NULL, NULL, flags);
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL, flags);
  properties[PROP_MINUTES] =
    g_param_spec_int ("minutes", NULL, NULL, G_MININT, G_MAXINT, 0, flags);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_BILLABLE] =
    g_param_spec_boolean ("billable", NULL, NULL, TRUE, flags);
  properties[PROP_CATALOG_ITEM_ID] =
    g_param_spec_int64 ("catalog-item-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, "pending", flags);
  properties[PROP_APPROVED_MINUTES] =
    g_param_spec_int ("approved-minutes", NULL, NULL, G_MININT, G_MAXINT, 0, flags);
  properties[PROP_SALES_ITEM_ID] =
    g_param_spec_int64 ("sales-item-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pacta_time_entry_init (PactaTimeEntry *self)
{
  self->billable = TRUE;
  self->state = g_strdup ("pending");
}

gint64
pacta_time_entry_get_id (PactaTimeEntry *self)
{
  g_return_val_if_fail (PACTA_IS_TIME_ENTRY (self), 0);
  return self->id;
}

void
pacta_time_entry_set_id (PactaTimeEntry *self,
                           gint64 value)
{
  g_return_if_fail (PACTA_IS_TIME_ENTRY (self));

  if (self->id == value)
    return;
  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
pacta_time_entry_get_ticket_id (PactaTimeEntry *self)
{
  g_return_val_if_fail (PACTA_IS_TIME_ENTRY (self), 0);
  return self->ticket_id;
}

void
pacta_time_entry_set_ticket_id (PactaTimeEntry *self,
                                  gint64 value)
{
  g_return_if_fail (PACTA_IS_TIME_ENTRY (self));

  if (self->ticket_id == value)
    return;
  self->ticket_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TICKET_ID]);
}

const char *
pacta_time_entry_get_ticket_number (PactaTimeEntry *self)
{
  g_return_val_if_fail (PACTA_IS_TIME_ENTRY (self), NULL);
  return self->ticket_number;
}

void
pacta_time_entry_set_ticket_number (PactaTimeEntry *self,
                                      const char *value)
{
  g_return_if_fail (PACTA_IS_TIME_ENTRY (self));

  if (g_strcmp0 (self->ticket_number, value) == 0)
    return;
  g_free (self->ticket_number);
  self->ticket_number = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TICKET_NUMBER]);
}

const char *
pacta_time_entry_get_customer_name (PactaTimeEntry *self)
{
  g_return_val_if_fail (PACTA_IS_TIME_ENTRY (self), NULL);
  return self->customer_name;
}

void
pacta_time_entry_set_customer_name (PactaTimeEntry *self,
                                      const char *value)
{
  g_return_if_fail (PACTA_IS_TIME_ENTRY (self));

  if (g_strcmp0 (self->customer_name, value) == 0)
    return;
  g_free (self->customer_name);
  self->customer_name = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_NAME]);
}

const char *
pacta_time_entry_get_date (PactaTimeEntry *self)
{
  g_return_val_if_fail (PACTA_IS_TIME_ENTRY (self), NULL);
  return self->date;
}

void
pacta_time_entry_set_date (PactaTimeEntry *self,
                             const char *value)
{
  g_return_if_fail (PACTA_IS_TIME_ENTRY (self));

  if (g_strcmp0 (self->date, value) == 0)
    return;
  g_free (self->date);
  self->date = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

int
pacta_time_entry_get_minutes (PactaTimeEntry *self)
{
  g_return_val_if_fail (PACTA_IS_TIME_ENTRY (self), 0);
  return self->minutes;
}

void
pacta_time_entry_set_minutes (PactaTimeEntry *self,
                                int value)
{
  g_return_if_fail (PACTA_IS_TIME_ENTRY (self));

  if (self->minutes == value)
    return;
  self->minutes = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MINUTES]);
}

const char *
pacta_time_entry_get_description (PactaTimeEntry *self)
{
  g_return_val_if_fail (PACTA_IS_TIME_ENTRY (self), NULL);
  return self->description;
}

void
pacta_time_entry_set_description (PactaTimeEntry *self,
                                    const char *value)
{
  g_return_if_fail (PACTA_IS_TIME_ENTRY (self));

  if (g_strcmp0 (self->description, value) == 0)
    return;
  g_free (self->description);
  self->description = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

gboolean
pacta_time_entry_get_billable (PactaTimeEntry *self)
{
  g_return_val_if_fail (PACTA_IS_TIME_ENTRY (self), FALSE);
  return self->billable;
}

void
pacta_time_entry_set_billable (PactaTimeEntry *self,
                                 gboolean value)
{
  g_return_if_fail (PACTA_IS_TIME_ENTRY (self));

  value = !!value;
  if (self->billable == value)
    return;
  self->billable = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BILLABLE]);
}

gint64
pacta_time_entry_get_catalog_item_id (PactaTimeEntry *self)
{
  g_return_val_if_fail (PACTA_IS_TIME_ENTRY (self), 0);
  return self->catalog_item_id;
}

void
pacta_time_entry_set_catalog_item_id (PactaTimeEntry *self,
                                        gint64 value)
{
  g_return_if_fail (PACTA_IS_TIME_ENTRY (self));

  if (self->catalog_item_id == value)
    return;
  self->catalog_item_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG_ITEM_ID]);
}

const char *
pacta_time_entry_get_state (PactaTimeEntry *self)
{
  g_return_val_if_fail (PACTA_IS_TIME_ENTRY (self), NULL);
  return self->state;
}

void
pacta_time_entry_set_state (PactaTimeEntry *self,
                              const char *value)
{
  g_return_if_fail (PACTA_IS_TIME_ENTRY (self));

  if (g_strcmp0 (self->state, value) == 0)
    return;
  g_free (self->state);
  self->state = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

int
pacta_time_entry_get_approved_minutes (PactaTimeEntry *self)
{
  g_return_val_if_fail (PACTA_IS_TIME_ENTRY (self), 0);
  return self->approved_minutes;
}

void
pacta_time_entry_set_approved_minutes (PactaTimeEntry *self,
                                         int value)
{
  g_return_if_fail (PACTA_IS_TIME_ENTRY (self));

  if (self->approved_minutes == value)
    return;
  self->approved_minutes = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPROVED_MINUTES]);
}

gint64
pacta_time_entry_get_sales_item_id (PactaTimeEntry *self)
{
  g_return_val_if_fail (PACTA_IS_TIME_ENTRY (self), 0);
  return self->sales_item_id;
}

void
pacta_time_entry_set_sales_item_id (PactaTimeEntry *self,
                                      gint64 value)
{
  g_return_if_fail (PACTA_IS_TIME_ENTRY (self));

  if (self->sales_item_id == value)
    return;
  self->sales_item_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SALES_ITEM_ID]);
}

/* Approved time is billed in whole steps: 7 → 10 and 21 → 30 with a step of 10 */
int
pacta_round_up_minutes (int minutes,
                        int step)
{
  if (step <= 1 || minutes <= 0)
    return MAX (minutes, 0);
  return ((minutes + step - 1) / step) * step;
}

const char *
pacta_time_entry_state_label (const char *state)
{
  static const PactaEntityLabel labels[] = {
    { "pending", NC_("time entry state", "Pending approval") },
    { "approved", NC_("time entry state", "Approved") },
    { "rejected", NC_("time entry state", "Rejected") },
  };

  return pacta_entity_label (labels, G_N_ELEMENTS (labels), "time entry state", state);
}
