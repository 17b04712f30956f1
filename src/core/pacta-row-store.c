/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-row-store.c: a database table as a GListModel, materialised on demand.
 *
 * Only ids and revisions are loaded eagerly (16 bytes a row); an item is read
 * when a list asks for it and kept until its row changes. Every write bumps
 * the row's revision (triggers in the schema), so sync() compares revisions
 * to emit exactly the changes, whoever wrote them. Subclasses say which table
 * (revisions_sql) and how to read one row (load_row).
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pacta-error.h"
#include "pacta-row-store.h"

typedef struct
{
  gint64         id;
  gint64         revision;
  GObject       *object;     /* owned, NULL until asked for */
} Slot;

typedef struct
{
  /* Owned */
  PactaDatabase *database;
  GArray        *slots;      /* Slot, ordered by id */

  /* What the connection had seen when the revisions were last read */
  gint64         data_version;
  gint64         total_changes;

  guint          next_in_order;  /* the position after the last one read */
} PactaRowStorePrivate;

/* Rows read ahead, in one read transaction, when a list reads them in order */
#define READ_AHEAD 64

static void
clear_slot (gpointer data)
{
  Slot *slot = data;

  g_clear_object (&slot->object);
}

#define PRIV(self) ((PactaRowStorePrivate *) pacta_row_store_get_instance_private (PACTA_ROW_STORE (self)))

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (PactaRowStore, pacta_row_store, G_TYPE_OBJECT,
                                  G_ADD_PRIVATE (PactaRowStore)
                                  G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SYNCED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GType
pacta_row_store_get_item_type (GListModel *model)
{
  return PACTA_ROW_STORE_GET_CLASS (model)->item_type;
}

static guint
pacta_row_store_get_n_items (GListModel *model)
{
  PactaRowStore *self = PACTA_ROW_STORE (model);

  return PRIV (self)->slots->len;
}

static void
load_slot (PactaRowStore *self,
           Slot          *slot)
{
  g_autoptr(GError) error = NULL;

  slot->object = PACTA_ROW_STORE_GET_CLASS (self)->load_row (PRIV (self)->database, slot->id, &error);

  /* The row went away under us (another process); the next sync removes
   * it, until then an empty placeholder keeps the model consistent. */
  if (slot->object == NULL)
    {
      g_debug ("Row %" G_GINT64_FORMAT ": %s", slot->id, error->message);
      if (PACTA_ROW_STORE_GET_CLASS (self)->placeholder != NULL)
        slot->object = PACTA_ROW_STORE_GET_CLASS (self)->placeholder (slot->id);
      else
        slot->object = g_object_new (PACTA_ROW_STORE_GET_CLASS (self)->item_type, "id", slot->id, NULL);
    }
}

static gpointer
pacta_row_store_get_item (GListModel *model,
                          guint       position)
{
  PactaRowStore *self = PACTA_ROW_STORE (model);
  GArray *slots = PRIV (self)->slots;
  Slot *slot;

  if (position >= slots->len)
    return NULL;

  slot = &g_array_index (slots, Slot, position);
  if (slot->object == NULL)
    {
      sqlite3 *db = pacta_database_get_handle (PRIV (self)->database);
      guint end = position + 1;
      gboolean began = FALSE;

      /* A list looking at every row in turn (a filter): the next rows too,
       * in one read transaction instead of one for each statement. Only
       * outside any transaction, and closed before returning. */
      if (position > 0 && position == PRIV (self)->next_in_order)
        end = MIN (slots->len, position + READ_AHEAD);
      if (end > position + 1 && sqlite3_get_autocommit (db))
        began = sqlite3_exec (db, "BEGIN DEFERRED", NULL, NULL, NULL) == SQLITE_OK;
      for (guint i = position; i < end; i++)
        if (g_array_index (slots, Slot, i).object == NULL)
          load_slot (self, &g_array_index (slots, Slot, i));
      if (began && sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      PRIV (self)->next_in_order = end;
    }
  else if (position + 1 > PRIV (self)->next_in_order || position + READ_AHEAD < PRIV (self)->next_in_order)
    PRIV (self)->next_in_order = position + 1;

  return g_object_ref (slot->object);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = pacta_row_store_get_item_type;
  iface->get_n_items = pacta_row_store_get_n_items;
  iface->get_item = pacta_row_store_get_item;
}

static void
pacta_row_store_finalize (GObject *object)
{
  PactaRowStore *self = (PactaRowStore *)object;

  g_clear_pointer (&PRIV (self)->slots, g_array_unref);
  g_clear_object (&PRIV (self)->database);

  G_OBJECT_CLASS (pacta_row_store_parent_class)->finalize (object);
}

static void
pacta_row_store_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PactaRowStore *self = PACTA_ROW_STORE (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, PRIV (self)->slots->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_row_store_class_init (PactaRowStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pacta_row_store_finalize;
  object_class->get_property = pacta_row_store_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PactaRowStore::synced:
   *
   * Emitted at the end of a sync that changed anything, after every
   * ::items-changed of it: views that keep data of their own catch up
   * once instead of once for every run of changes.
   */
  signals[SYNCED] =
    g_signal_new ("synced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pacta_row_store_init (PactaRowStore *self)
{
  PRIV (self)->slots = g_array_new (FALSE, FALSE, sizeof (Slot));
  g_array_set_clear_func (PRIV (self)->slots, clear_slot);
}

/* PRAGMA data_version moves when another connection commits; the
 * connection's own writes count in sqlite3_total_changes64() */
static void
database_state (PactaRowStore *self,
                gint64        *data_version,
                gint64        *total_changes)
{
  sqlite3_stmt *stmt = pacta_database_prepare (PRIV (self)->database, "PRAGMA data_version", NULL);

  *data_version = -1;
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    *data_version = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  *total_changes = sqlite3_total_changes64 (pacta_database_get_handle (PRIV (self)->database));
}

static GArray *
read_revisions (PactaRowStore  *self,
                GError        **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Slot));
  sqlite3_stmt *stmt;
  int rc;

  database_state (self, &PRIV (self)->data_version, &PRIV (self)->total_changes);
  stmt = pacta_database_prepare (PRIV (self)->database,
                                 PACTA_ROW_STORE_GET_CLASS (self)->revisions_sql, error);
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
      pacta_database_set_error (PRIV (self)->database, error, _("reading a list"));
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/* Replaces @removed current slots at @position with @added rows of @fresh
 * starting at @fresh_index, then tells the world. */
static void
apply_run (PactaRowStore *self,
           GArray        *fresh,
           guint          fresh_index,
           guint          position,
           guint          removed,
           guint          added)
{
  if (removed == 0 && added == 0)
    return;

  if (removed > 0)
    g_array_remove_range (PRIV (self)->slots, position, removed);
  if (added > 0)
    g_array_insert_vals (PRIV (self)->slots, position, &g_array_index (fresh, Slot, fresh_index), added);

  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

/**
 * pacta_row_store_sync:
 *
 * Reads the ids and revisions again and emits ::items-changed for exactly the
 * rows added, removed or changed since the last read, coalescing neighbours.
 */
gboolean
pacta_row_store_sync (PactaRowStore  *self,
                      GError        **error)
{
  g_autoptr(GArray) fresh = NULL;
  guint old_len;
  guint i = 0;              /* index into the current slots (old part) */
  guint j = 0;              /* index into fresh */
  guint run_start = 0;      /* position where a run of changes begins */
  guint run_removed = 0;
  guint run_added = 0;
  gboolean in_run = FALSE;
  gboolean changed = FALSE;

  g_return_val_if_fail (PACTA_IS_ROW_STORE (self), FALSE);

  /* Nothing written since the last read, here or by anyone else: nothing
   * to compare (a window syncs every time it is focused) */
  {
    gint64 data_version, total_changes;

    database_state (self, &data_version, &total_changes);
    if (data_version >= 0 && data_version == PRIV (self)->data_version &&
        total_changes == PRIV (self)->total_changes)
      return TRUE;
  }

  if (!(fresh = read_revisions (self, error)))
    return FALSE;

  old_len = PRIV (self)->slots->len;

  /* Walk both id-ordered lists. Positions before run_start already hold the
   * fresh state, so an old row's current position is j + (pending removals
   * not yet applied) — which the run bookkeeping below keeps implicit. */
  while (i < old_len || j < fresh->len)
    {
      /* current index of old row i, accounting for runs applied so far */
      guint cur = i + (PRIV (self)->slots->len - old_len);
      const Slot *old_slot = i < old_len ? &g_array_index (PRIV (self)->slots, Slot, cur) : NULL;
      const Slot *new_slot = j < fresh->len ? &g_array_index (fresh, Slot, j) : NULL;

      if (old_slot != NULL && new_slot != NULL && old_slot->id == new_slot->id &&
          old_slot->revision == new_slot->revision)
        {
          if (in_run)
            {
              apply_run (self, fresh, run_start, run_start, run_removed, run_added);
              in_run = FALSE;
              changed = TRUE;
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
    {
      apply_run (self, fresh, run_start, run_start, run_removed, run_added);
      changed = TRUE;
    }

  /* The fresh rows now live in PRIV (self)->slots; fresh must not clear them */
  g_array_set_size (fresh, 0);

  if (old_len != PRIV (self)->slots->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (changed)
    g_signal_emit (self, signals[SYNCED], 0);

  return TRUE;
}

/**
 * pacta_row_store_new:
 * @store_type: a subclass of #PactaRowStore
 *
 * For subclasses' constructors: a new store of @store_type, attached to
 * @database (see pacta_row_store_attach()).
 *
 * Returns: (transfer full) (type PactaRowStore): the store, or %NULL
 */
gpointer
pacta_row_store_new (GType           store_type,
                     PactaDatabase  *database,
                     GError        **error)
{
  g_autoptr(PactaRowStore) self = NULL;

  g_return_val_if_fail (g_type_is_a (store_type, PACTA_TYPE_ROW_STORE), NULL);

  self = g_object_new (store_type, NULL);
  if (!pacta_row_store_attach (self, database, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * pacta_row_store_attach:
 *
 * For subclasses' constructors: binds the store to @database and reads the
 * ids and revisions of every row.
 */
gboolean
pacta_row_store_attach (PactaRowStore  *self,
                        PactaDatabase  *database,
                        GError        **error)
{
  g_autoptr(GArray) rows = NULL;

  g_return_val_if_fail (PACTA_IS_ROW_STORE (self), FALSE);
  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (PRIV (self)->database == NULL, FALSE);

  PRIV (self)->database = g_object_ref (database);

  if (!(rows = read_revisions (self, error)))
    return FALSE;

  /* Taken as read: a copy would touch as much memory again */
  g_array_set_clear_func (rows, clear_slot);
  g_array_unref (PRIV (self)->slots);
  PRIV (self)->slots = g_steal_pointer (&rows);
  return TRUE;
}

PactaDatabase *
pacta_row_store_get_database (PactaRowStore *self)
{
  g_return_val_if_fail (PACTA_IS_ROW_STORE (self), NULL);

  return PRIV (self)->database;
}

gboolean
pacta_row_store_find (PactaRowStore *self,
                      gint64         id,
                      guint         *position)
{
  guint lo = 0, hi;

  g_return_val_if_fail (PACTA_IS_ROW_STORE (self), FALSE);

  hi = PRIV (self)->slots->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 mid_id = g_array_index (PRIV (self)->slots, Slot, mid).id;

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

/**
 * pacta_row_store_get_id:
 *
 * The id of the row at @position, without reading the row: for views that
 * order or filter the rows by data of their own.
 *
 * Returns: the id, or 0 when @position is out of range
 */
gint64
pacta_row_store_get_id (PactaRowStore *self,
                        guint          position)
{
  g_return_val_if_fail (PACTA_IS_ROW_STORE (self), 0);

  if (position >= PRIV (self)->slots->len)
    return 0;
  return g_array_index (PRIV (self)->slots, Slot, position).id;
}

/**
 * pacta_row_store_get_ids:
 * @ids: (element-type gint64): where the ids are appended
 *
 * Appends the ids of every row, in the store's order (ascending).
 */
void
pacta_row_store_get_ids (PactaRowStore *self,
                         GArray        *ids)
{
  GArray *slots;

  g_return_if_fail (PACTA_IS_ROW_STORE (self));
  g_return_if_fail (ids != NULL);

  slots = PRIV (self)->slots;
  g_array_set_size (ids, ids->len + slots->len);
  for (guint i = 0; i < slots->len; i++)
    g_array_index (ids, gint64, ids->len - slots->len + i) = g_array_index (slots, Slot, i).id;
}

/* splitmix64's finaliser: every bit of the input moves every bit of the output */
static guint64
mix64 (guint64 x)
{
  x ^= x >> 30;
  x *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x ^= x >> 27;
  x *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  x ^= x >> 31;
  return x;
}

/**
 * pacta_row_store_get_fingerprint:
 *
 * A 64-bit digest of every row's id and revision as last read: it differs,
 * but for a chance of one in 2⁶⁴, once any row was added, removed or
 * changed. For views that keep something made from the rows between runs,
 * to tell whether it still holds.
 */
guint64
pacta_row_store_get_fingerprint (PactaRowStore *self)
{
  GArray *slots;
  guint64 hash;

  g_return_val_if_fail (PACTA_IS_ROW_STORE (self), 0);

  slots = PRIV (self)->slots;
  hash = mix64 (slots->len);
  for (guint i = 0; i < slots->len; i++)
    {
      const Slot *slot = &g_array_index (slots, Slot, i);

      hash = mix64 (hash ^ (guint64)slot->id);
      hash = mix64 (hash ^ (guint64)slot->revision);
    }
  return hash;
}

/* ---- reading rows ------------------------------------------------------ */

/**
 * pacta_row_store_read_one:
 * @sql: a SELECT of one row, its id bound as ?1
 * @not_found: (nullable): untranslated (N_()), the error for no such row,
 *   "%s" standing for @id; %NULL for no error but %NULL returned
 * @reading: untranslated (N_()), what a database error happened doing
 *
 * Steps @sql to the row of @id.
 *
 * Returns: (transfer none) (nullable): the statement on its row, for the
 *   caller to read and then reset; %NULL when there is no such row or on an
 *   error
 */
sqlite3_stmt *
pacta_row_store_read_one (PactaDatabase  *database,
                          const char     *sql,
                          gint64          id,
                          const char     *not_found,
                          const char     *reading,
                          GError        **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (database, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return stmt;

  if (rc != SQLITE_DONE)
    pacta_database_set_error (database, error, _(reading));
  else if (not_found != NULL)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      /* @not_found is a literal marked with N_() where it is passed */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND, _(not_found), id_text);
#pragma GCC diagnostic pop
    }
  sqlite3_reset (stmt);
  return NULL;
}

/**
 * pacta_row_store_read_text:
 * @stmt: a SELECT, prepared and bound, whose first column is text
 * @none: (nullable): what *@text gets when there is no row
 * @text: (out): a copy of the first row's first column, or of @none
 * @reading: untranslated (N_()), what a database error happened doing
 *
 * Returns: %FALSE on a database error; @stmt is reset either way
 */
gboolean
pacta_row_store_read_text (PactaDatabase  *database,
                           sqlite3_stmt   *stmt,
                           const char     *none,
                           char          **text,
                           const char     *reading,
                           GError        **error)
{
  int rc = sqlite3_step (stmt);

  *text = g_strdup (rc == SQLITE_ROW ? pacta_sql_column_text (stmt, 0) : none);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pacta_database_set_error (database, error, _(reading));
      return FALSE;
    }
  return TRUE;
}

/**
 * pacta_row_store_read_list:
 * @sql: a SELECT, its ?1 bound to @id
 * @item_type: the type of the items @from_row makes
 * @from_row: makes an item (transfer full) of each row
 * @reading: untranslated (N_()), what a database error happened doing
 *
 * Returns: (transfer full): a #GListStore of an item per row, in the
 *   order of @sql; %NULL on an error
 */
GListModel *
pacta_row_store_read_list (PactaDatabase  *database,
                           const char     *sql,
                           gint64          id,
                           GType           item_type,
                           PactaRowFunc    from_row,
                           gpointer        user_data,
                           const char     *reading,
                           GError        **error)
{
  g_autoptr(GListStore) items = g_list_store_new (item_type);
  sqlite3_stmt *stmt = pacta_database_prepare (database, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GObject) item = from_row (stmt, user_data);
      g_list_store_append (items, item);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      pacta_database_set_error (database, error, _(reading));
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&items));
}
