/* pacta-customer-store.c: the customers table as a GListModel.
 *
 * Only ids and revisions are loaded eagerly (16 bytes a row); a PactaCustomer
 * is read when a list asks for it and kept until its row changes. Every write
 * bumps the row's revision (triggers in the schema), so sync() compares
 * revisions to emit exactly the changes, whoever wrote them.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pacta-customer-store.h"
#include "pacta-error.h"

typedef struct
{
  gint64         id;
  gint64         revision;
  PactaCustomer *customer;   /* owned, NULL until asked for */
} Slot;

struct _PactaCustomerStore
{
  GObject        parent_instance;

  /* Owned */
  PactaDatabase *database;
  GArray        *slots;      /* Slot, ordered by id */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PactaCustomerStore, pacta_customer_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define SELECT_CUSTOMER \
  "SELECT c.id, c.tenant_id, c.name, c.kind, c.enabled, c.email, c.language, c.created_at," \
  " c.self_managed," \
  " (SELECT count(*) FROM customer_services s WHERE s.customer_id = c.id)," \
  " EXISTS (SELECT 1 FROM billing_info b WHERE b.customer_id = c.id)" \
  " FROM customers c WHERE c.id = ?1"

static void
clear_slot (gpointer data)
{
  Slot *slot = data;

  g_clear_object (&slot->customer);
}

PactaCustomer *
pacta_customer_store_load (PactaDatabase  *database,
                           gint64          id,
                           GError        **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (database, SELECT_CUSTOMER, error);
  PactaCustomer *customer;
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      if (rc == SQLITE_DONE)
        g_set_error (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND,
                     _("There is no customer with id %s"), id_text);
      else
        pacta_database_set_error (database, error, _("reading a customer"));
      sqlite3_reset (stmt);
      return NULL;
    }

  customer = g_object_new (PACTA_TYPE_CUSTOMER,
                           "id", sqlite3_column_int64 (stmt, 0),
                           "tenant-id", pacta_sql_column_text (stmt, 1),
                           "name", pacta_sql_column_text (stmt, 2),
                           "kind", pacta_sql_column_text (stmt, 3),
                           "enabled", sqlite3_column_int (stmt, 4) != 0,
                           "email", pacta_sql_column_text (stmt, 5),
                           "language", pacta_sql_column_text (stmt, 6),
                           "created-at", pacta_sql_column_text (stmt, 7),
                           "self-managed", sqlite3_column_int (stmt, 8) != 0,
                           "n-services", (guint)sqlite3_column_int (stmt, 9),
                           "has-billing-info", sqlite3_column_int (stmt, 10) != 0,
                           NULL);
  sqlite3_reset (stmt);
  return customer;
}

static GType
pacta_customer_store_get_item_type (GListModel *model)
{
  return PACTA_TYPE_CUSTOMER;
}

static guint
pacta_customer_store_get_n_items (GListModel *model)
{
  PactaCustomerStore *self = PACTA_CUSTOMER_STORE (model);

  return self->slots->len;
}

static gpointer
pacta_customer_store_get_item (GListModel *model,
                               guint       position)
{
  PactaCustomerStore *self = PACTA_CUSTOMER_STORE (model);
  g_autoptr(GError) error = NULL;
  Slot *slot;

  if (position >= self->slots->len)
    return NULL;

  slot = &g_array_index (self->slots, Slot, position);
  if (slot->customer == NULL)
    {
      slot->customer = pacta_customer_store_load (self->database, slot->id, &error);

      /* The row went away under us (another process); the next sync removes
       * it, until then an empty placeholder keeps the model consistent. */
      if (slot->customer == NULL)
        {
          g_debug ("Customer %" G_GINT64_FORMAT ": %s", slot->id, error->message);
          slot->customer = g_object_new (PACTA_TYPE_CUSTOMER, "id", slot->id, "name", "", NULL);
        }
    }

  return g_object_ref (slot->customer);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = pacta_customer_store_get_item_type;
  iface->get_n_items = pacta_customer_store_get_n_items;
  iface->get_item = pacta_customer_store_get_item;
}

static void
pacta_customer_store_finalize (GObject *object)
{
  PactaCustomerStore *self = (PactaCustomerStore *)object;

  g_clear_pointer (&self->slots, g_array_unref);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (pacta_customer_store_parent_class)->finalize (object);
}

static void
pacta_customer_store_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PactaCustomerStore *self = PACTA_CUSTOMER_STORE (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->slots->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_customer_store_class_init (PactaCustomerStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pacta_customer_store_finalize;
  object_class->get_property = pacta_customer_store_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pacta_customer_store_init (PactaCustomerStore *self)
{
  self->slots = g_array_new (FALSE, FALSE, sizeof (Slot));
  g_array_set_clear_func (self->slots, clear_slot);
}

static GArray *
read_revisions (PactaCustomerStore  *self,
                GError             **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Slot));
  sqlite3_stmt *stmt;
  int rc;

  stmt = pacta_database_prepare (self->database,
                                 "SELECT id, revision FROM customers ORDER BY id", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Slot slot = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), NULL };
      g_array_append_val (rows, slot);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      pacta_database_set_error (self->database, error, _("reading the customer list"));
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/* Replaces @removed current slots at @position with @added rows of @fresh
 * starting at @fresh_index, then tells the world. */
static void
apply_run (PactaCustomerStore *self,
           GArray             *fresh,
           guint               fresh_index,
           guint               position,
           guint               removed,
           guint               added)
{
  if (removed == 0 && added == 0)
    return;

  if (removed > 0)
    g_array_remove_range (self->slots, position, removed);
  if (added > 0)
    g_array_insert_vals (self->slots, position, &g_array_index (fresh, Slot, fresh_index), added);

  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

/**
 * pacta_customer_store_sync:
 *
 * Reads the ids and revisions again and emits ::items-changed for exactly the
 * rows added, removed or changed since the last read, coalescing neighbours.
 */
gboolean
pacta_customer_store_sync (PactaCustomerStore  *self,
                           GError             **error)
{
  g_autoptr(GArray) fresh = NULL;
  guint old_len;
  guint i = 0;              /* index into the current slots (old part) */
  guint j = 0;              /* index into fresh */
  guint run_start = 0;      /* position where a run of changes begins */
  guint run_removed = 0;
  guint run_added = 0;
  gboolean in_run = FALSE;

  g_return_val_if_fail (PACTA_IS_CUSTOMER_STORE (self), FALSE);

  if (!(fresh = read_revisions (self, error)))
    return FALSE;

  old_len = self->slots->len;

  /* Walk both id-ordered lists. Positions before run_start already hold the
   * fresh state, so an old row's current position is j + (pending removals
   * not yet applied) — which the run bookkeeping below keeps implicit. */
  while (i < old_len || j < fresh->len)
    {
      /* current index of old row i, accounting for runs applied so far */
      guint cur = i + (self->slots->len - old_len);
      const Slot *old_slot = i < old_len ? &g_array_index (self->slots, Slot, cur) : NULL;
      const Slot *new_slot = j < fresh->len ? &g_array_index (fresh, Slot, j) : NULL;

      if (old_slot != NULL && new_slot != NULL && old_slot->id == new_slot->id &&
          old_slot->revision == new_slot->revision)
        {
          if (in_run)
            {
              apply_run (self, fresh, run_start, run_start, run_removed, run_added);
              in_run = FALSE;
            }
          i++, j++;
          continue;
        }

      if (!in_run)
        {
          in_run = TRUE;
          run_start = j;
          run_removed = run_added = 0;
        }

      if (old_slot != NULL && new_slot != NULL && old_slot->id == new_slot->id)
        {
          run_removed++, run_added++;
          i++, j++;
        }
      else if (new_slot == NULL || (old_slot != NULL && old_slot->id < new_slot->id))
        {
          run_removed++;
          i++;
        }
      else
        {
          run_added++;
          j++;
        }
    }

  if (in_run)
    apply_run (self, fresh, run_start, run_start, run_removed, run_added);

  /* The fresh rows now live in self->slots; fresh must not clear them */
  g_array_set_size (fresh, 0);

  if (old_len != self->slots->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  return TRUE;
}

PactaCustomerStore *
pacta_customer_store_new (PactaDatabase  *database,
                          GError        **error)
{
  g_autoptr(PactaCustomerStore) self = NULL;
  g_autoptr(GArray) rows = NULL;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), NULL);

  self = g_object_new (PACTA_TYPE_CUSTOMER_STORE, NULL);
  self->database = g_object_ref (database);

  if (!(rows = read_revisions (self, error)))
    return NULL;

  g_array_append_vals (self->slots, rows->data, rows->len);
  g_array_set_size (rows, 0);

  return g_steal_pointer (&self);
}

gboolean
pacta_customer_store_find (PactaCustomerStore *self,
                           gint64              id,
                           guint              *position)
{
  guint lo = 0, hi;

  g_return_val_if_fail (PACTA_IS_CUSTOMER_STORE (self), FALSE);

  hi = self->slots->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 mid_id = g_array_index (self->slots, Slot, mid).id;

      if (mid_id == id)
        {
          if (position != NULL)
            *position = mid;
          return TRUE;
        }
      if (mid_id < id)
        lo = mid + 1;
      else
        hi = mid;
    }

  return FALSE;
}
