/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-customer-view.c: the customers as a list shows them — sorted by any column,
 * searched by name, limited to those without billing information — as a GListModel
 * over the customer store, materialising only the rows that are looked at.
 *
 * A list of 100 000 customers must neither read nor keep 100 000 objects to
 * show its first screen, and a keystroke in the search must cost less than a
 * frame. So the view keeps its own compact index, one entry per customer:
 * the collation key its name sorts by and the folded name a search matches,
 * read in one query, and orders and searches that in plain arrays. Rows are
 * read from the store only when asked for. The order is that of
 * GtkStringSorter ignoring case; ties keep the store's order (by id). A
 * search matches a part of the name ignoring case and accents, as Spanish
 * users type: “clinica” finds “Clínica” (pacta_text_search_key()).
 *
 * Even reading every name costs a start too much at that scale, so the
 * order by name is saved in the database (list_orders) and a start whose
 * rows still match shows it before any name is read; the keys are made in a
 * thread afterwards and the order checked against them (“the saved order”).
 *
 * That thread is a GTask run in GLib's pool with a GCancellable of the
 * view's, as all long work in core is: the main thread never waits for it.
 * A view that lets go of the job (another store, a newer job, its dispose)
 * cancels it and goes on; one that needs the keys at once takes those made
 * so far and makes the rest itself (finish_key_job()).
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "pacta-customer.h"
#include "pacta-customer-view.h"
#include "pacta-text.h"

/* An array's data is g_malloc()ed, so aligned for any element: the casts of
 * it go through a gpointer, as g_array_index() does (clang's -Wcast-align) */

/* More changed rows than this in one sync are read again all at once */
#define REFRESH_ONE_BY_ONE 256

/* Changes are saved in the order this long after the last of a run of them */
#define SAVE_DELAY_MS 1000

/* The rows told of first in a big change: more than a GTK 4.8 list keeps
 * widgets for (200 rows), so that all it can keep are found in one go */
#define FIRST_STEP 256

typedef struct
{
  gint64       id;
  char        *sort_key;      /* collation key of the casefolded name */
  char        *search_key;    /* pacta_text_search_key() of the name; NULL until made */
  const char  *kind_key;      /* collation key of the kind's label (shared) */
  guint        n_services;
  guint        enabled : 1;
  guint        has_billing : 1;
  guint64      prefix;        /* the sort key's first 8 bytes, big-endian: most
                               * comparisons end here, without a cache miss */
} Entry;

/* Making keys in a thread once the view is built: the search keys always
 * (searching starts later than showing), the sort keys too when the order
 * came from the saved one; from the names given, or else from names the
 * thread reads from the database file on a connection of its own.
 *
 * The view and its task each hold a reference (g_atomic_rc_box). The
 * thread publishes what it has made as it goes: @sort_made and @search_made
 * count the names, from the first, whose keys of each kind are complete,
 * and it never touches those slots again; @names_ready says @names may be
 * read. So the main thread may take the keys counted while the thread is
 * still at work, without a lock. */
typedef struct
{
  GArray    *ids;             /* gint64, ascending; not changed once made */
  char      *path;            /* the database file, when the thread reads the names */
  gboolean   with_sort_keys;
  GPtrArray *names;           /* given, or read by the thread; once names_ready */
  gint       names_ready;     /* atomic */
  GPtrArray *sort_keys;       /* made by the thread, if with_sort_keys; once sort_made > 0 */
  GPtrArray *search_keys;     /* made by the thread; once search_made > 0 */
  gint       sort_made;       /* atomic: the names whose sort keys are in sort_keys */
  gint       search_made;     /* atomic: the names whose search keys are in search_keys */
} KeyJob;

struct _PactaCustomerView
{
  GObject             parent_instance;

  /* Owned */
  PactaCustomerStore *store;
  GArray             *entries;        /* Entry, ascending by id, as in the store */
  GArray             *order;          /* guint indices into entries, sorted */
  GArray             *shown;          /* guint: order, filtered */
  GArray             *sort;           /* PactaCustomerSortKey */
  GHashTable         *kind_keys;      /* interned kind -> collation key of its label */
  GHashTable         *dirty;          /* gint64 ids the store added or changed, until it has synced */
  char               *search;         /* pacta_text_search_key() of the search, or NULL */
  KeyJob             *job;            /* a reference: the keys being made, until taken or dropped */
  GTask              *task;           /* owned: the job running in a thread, or NULL while held */
  GCancellable       *cancellable;    /* owned: the task's, cancelled when the job is let go of */
  gboolean            order_unchecked; /* the order is the saved one, not yet checked against the keys */
  GArray             *pending_ids;    /* gint64: the entries' ids until the entries are made, or NULL */
  gboolean            save_wanted;    /* the order by name differs from the one saved, or may */
  guint               save_source;
  guint               held;           /* pacta_customer_view_hold() less release() */
  /* While a change is told in steps: the first @head rows shown now, then
   * the rows shown before from @old_from on */
  gboolean            stepping;
  guint               head;
  GArray             *old_ids;
  guint               old_from;
  gboolean            missing_only;
  gboolean            details;        /* kind, enabled, services and billing read for every entry */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PactaCustomerView, pacta_customer_view, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* ---- keys -------------------------------------------------------------- */

/* GtkStringSorter with ignore-case */
static char *
make_sort_key (const char *text)
{
  return pacta_text_sort_key (text);
}

/* Ignoring case and accents */
static char *
make_search_key (const char *text)
{
  return pacta_text_search_key (text);
}

static guint64
key_prefix (const char *key)
{
  guint64 prefix = 0;

  for (guint i = 0; i < 8 && key[i] != '\0'; i++)
    prefix |= (guint64)(guchar)key[i] << (56 - 8 * i);
  return prefix;
}

static const char *
kind_key (PactaCustomerView *self,
          const char        *kind)
{
  const char *interned = g_intern_string (kind != NULL ? kind : "");
  char *key = g_hash_table_lookup (self->kind_keys, interned);

  if (key == NULL)
    {
      key = make_sort_key (pacta_customer_kind_to_label (interned));
      g_hash_table_insert (self->kind_keys, (gpointer)interned, key);
    }
  return key;
}

static void
clear_entry (gpointer data)
{
  Entry *entry = data;

  g_clear_pointer (&entry->sort_key, g_free);
  g_clear_pointer (&entry->search_key, g_free);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = ((const Entry *)b)->id;

  return (x > y) - (x < y);
}

static Entry *
find_entry (PactaCustomerView *self,
            gint64             id)
{
  return bsearch (&id, self->entries->data, self->entries->len, sizeof (Entry), compare_ids);
}

static void sort_all (PactaCustomerView *self);

/* One entry for each of @ids, with no keys yet */
static void
make_entries (PactaCustomerView *self,
              GArray            *ids)
{
  g_array_set_size (self->entries, ids->len);
  for (guint i = 0; i < ids->len; i++)
    g_array_index (self->entries, Entry, i).id = g_array_index (ids, gint64, i);
}

/* The id of the entry at @index, made or not */
static inline gint64
entry_id (PactaCustomerView *self,
          guint              index)
{
  if (self->pending_ids != NULL)
    return g_array_index (self->pending_ids, gint64, index);
  return g_array_index (self->entries, Entry, index).id;
}

/* ---- ids to positions -------------------------------------------------- */

/* Finds a row's position among ascending ids: ids are mostly dense, and a
 * table finds them faster than a search */
typedef struct
{
  const gint64 *ids;
  guint         n;
  gint64        first;
  gint64        span;
  gboolean      dense;        /* the ids are first, first + 1, … */
  guint        *slots;        /* else position + 1 by id - first, or NULL to search */
} IdMap;

static void
id_map_init (IdMap        *map,
             const gint64 *ids,
             guint         n)
{
  *map = (IdMap) { ids, n, 0, 0, FALSE, NULL };
  if (n == 0)
    return;
  map->first = ids[0];
  map->span = ids[n - 1] - ids[0] + 1;
  map->dense = map->span == (gint64)n;
  if (!map->dense && map->span <= 4 * (gint64)n)
    {
      map->slots = g_new0 (guint, map->span);
      for (guint i = 0; i < n; i++)
        map->slots[ids[i] - map->first] = i + 1;
    }
}

static int
compare_id_values (gconstpointer a,
                   gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return (x > y) - (x < y);
}

/* Returns: the position of @id, or G_MAXUINT */
static guint
id_map_find (const IdMap *map,
             gint64       id)
{
  const gint64 *found;

  if (map->dense)
    return id >= map->first && id - map->first < map->span ? (guint)(id - map->first) : G_MAXUINT;
  if (map->slots != NULL)
    {
      if (id < map->first || id - map->first >= map->span || map->slots[id - map->first] == 0)
        return G_MAXUINT;
      return map->slots[id - map->first] - 1;
    }
  found = bsearch (&id, map->ids, map->n, sizeof (gint64), compare_id_values);
  return found != NULL ? (guint)(found - map->ids) : G_MAXUINT;
}

static void
id_map_clear (IdMap *map)
{
  g_clear_pointer (&map->slots, g_free);
}

/* The names of the customers @ids (ascending) on @db, from the index on
 * them, narrower than the table. @index_order, if given, gets their
 * positions in the index's order: nearly the collation's, a head start for
 * sorting. A row gone since @ids were read gets an empty name, as the
 * store's placeholder has. Safe in any thread, for a connection of its own;
 * @cancellable is looked at between rows.
 *
 * Returns: (transfer full): the names, or %NULL if @db could not be read or
 *   the reading was cancelled */
static GPtrArray *
read_names (sqlite3      *db,
            const gint64 *ids,
            guint         n,
            GArray       *index_order,
            GCancellable *cancellable)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_full (n, g_free);
  sqlite3_stmt *stmt = NULL;
  IdMap map;
  int rc = SQLITE_ROW;

  g_ptr_array_set_size (names, (int)n);
  if (n == 0)
    return g_steal_pointer (&names);
  if (sqlite3_prepare_v2 (db, "SELECT id, name FROM customers", -1, &stmt, NULL) != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      return NULL;
    }

  id_map_init (&map, ids, n);
  while (!g_cancellable_is_cancelled (cancellable) && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint index = id_map_find (&map, sqlite3_column_int64 (stmt, 0));
      const char *name = (const char *)sqlite3_column_text (stmt, 1);

      if (index == G_MAXUINT || names->pdata[index] != NULL)
        continue;
      names->pdata[index] = g_strdup (name != NULL ? name : "");
      if (index_order != NULL)
        g_array_append_val (index_order, index);
    }
  id_map_clear (&map);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return NULL;

  for (guint i = 0; i < n; i++)
    if (names->pdata[i] == NULL)
      {
        names->pdata[i] = g_strdup ("");
        if (index_order != NULL)
          g_array_append_val (index_order, i);
      }
  return g_steal_pointer (&names);
}

/* ---- keys, in a thread ------------------------------------------------- */

static KeyJob *
key_job_new (GArray    *ids,
             GPtrArray *names,
             gboolean   with_sort_keys)
{
  KeyJob *job = g_atomic_rc_box_new0 (KeyJob);

  job->ids = ids;
  job->with_sort_keys = with_sort_keys;
  job->names = names;
  job->names_ready = names != NULL;
  return job;
}

static void
key_job_clear (gpointer data)
{
  KeyJob *job = data;

  g_clear_pointer (&job->ids, g_array_unref);
  g_clear_pointer (&job->path, g_free);
  g_clear_pointer (&job->names, g_ptr_array_unref);
  g_clear_pointer (&job->sort_keys, g_ptr_array_unref);
  g_clear_pointer (&job->search_keys, g_ptr_array_unref);
}

/* The last of the view and the task to let go of the job frees it, in
 * whichever thread that is */
static void
key_job_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, key_job_clear);
}

/* In a thread of GTask's pool. It touches the job only, never the view, and
 * stops between two names once cancelled. */
static void
key_job_run (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  KeyJob *job = task_data;
  GPtrArray *names = NULL;
  guint n = job->ids->len;

  if (g_atomic_int_get (&job->names_ready))
    names = job->names;
  else
    {
      sqlite3 *db = NULL;

      /* Its own read-only connection: the main one stays free, and in WAL
       * mode a reader neither waits for a writer nor holds one up. Not
       * pacta_database_open(): that connection writes (settings, WAL, a
       * migration and its backup), where only reading is wanted here. */
      if (sqlite3_open_v2 (job->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK)
        {
          sqlite3_busy_timeout (db, 5000);
          names = read_names (db, (const gint64 *)(gconstpointer)job->ids->data, n, NULL, cancellable);
        }
      sqlite3_close_v2 (db);
      if (g_task_return_error_if_cancelled (task))
        {
          g_clear_pointer (&names, g_ptr_array_unref);
          return;
        }
      /* Unreadable: the view reads the names itself when it takes the job */
      if (names == NULL)
        {
          g_task_return_boolean (task, FALSE);
          return;
        }
      job->names = names;
      g_atomic_int_set (&job->names_ready, TRUE);
    }

  /* Each array at its full size first, so that it never moves while the
   * view may read it; each kind of key in a pass of its own, so that the
   * search keys lie together in memory for a search to run through */
  if (job->with_sort_keys)
    {
      job->sort_keys = g_ptr_array_new_full (n, g_free);
      g_ptr_array_set_size (job->sort_keys, (int)n);
      for (guint i = 0; i < n && !g_cancellable_is_cancelled (cancellable); i++)
        {
          job->sort_keys->pdata[i] = make_sort_key (g_ptr_array_index (names, i));
          /* Published: complete, and the view's from now on */
          g_atomic_int_set (&job->sort_made, (gint)(i + 1));
        }
      if (g_task_return_error_if_cancelled (task))
        return;
    }
  job->search_keys = g_ptr_array_new_full (n, g_free);
  g_ptr_array_set_size (job->search_keys, (int)n);
  for (guint i = 0; i < n && !g_cancellable_is_cancelled (cancellable); i++)
    {
      job->search_keys->pdata[i] = make_search_key (g_ptr_array_index (names, i));
      g_atomic_int_set (&job->search_made, (gint)(i + 1));
    }

  if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
}

static void settle (PactaCustomerView *self);

/* Back on the main context: the view takes the keys, if it is still there
 * and the task is still its own (not dropped for another store or a newer
 * job, nor taken over by a search that needed the keys at once). A task
 * let go of is only ever ignored here; its keys go with it.
 *
 * The view is reached through a weak reference rather than being the
 * task's source object: a source object is kept alive until the task ends,
 * so letting go of a view would keep it — its store, its database — until
 * the thread came to notice it was cancelled, and its dispose, which saves
 * its order, would run then. This way a view let go of is finalized at
 * once, and its task finds no one to tell. */
static void
on_key_job_done_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GWeakRef *view = user_data;
  g_autoptr(PactaCustomerView) self = g_weak_ref_get (view);

  g_weak_ref_clear (view);
  g_free (view);
  if (self == NULL)
    return;
  /* (A search may have taken the keys already, but not checked the order) */
  if (self->task == G_TASK (result) || (self->job == NULL && self->order_unchecked))
    settle (self);
}

/* Starts the thread of the job waiting, if the view is not held */
static void
launch_key_job (PactaCustomerView *self)
{
  g_autoptr(GTask) task = NULL;
  GWeakRef *view;

  if (self->job == NULL || self->task != NULL || self->held > 0)
    return;

  view = g_new0 (GWeakRef, 1);
  g_weak_ref_init (view, self);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->cancellable, on_key_job_done_cb, view);
  g_task_set_source_tag (task, launch_key_job);
  g_task_set_name (task, "pacta-customer-keys");
  /* Behind drawing and input, in the pool and when it is done */
  g_task_set_priority (task, G_PRIORITY_LOW);
  g_task_set_task_data (task, g_atomic_rc_box_acquire (self->job), key_job_release);
  self->task = g_object_ref (task);
  g_task_run_in_thread (task, key_job_run);
}

/* @ids: (transfer full); @names: (transfer full) (nullable): given, or read
 * by the thread from the database file */
static void
start_key_job (PactaCustomerView *self,
               GArray            *ids,
               GPtrArray         *names,
               gboolean           with_sort_keys)
{
  KeyJob *job = key_job_new (ids, names, with_sort_keys);

  if (names == NULL)
    job->path = g_strdup (pacta_database_get_path (pacta_row_store_get_database (PACTA_ROW_STORE (self->store))));
  self->job = job;
  launch_key_job (self);
}

/* Lets go of the job, its keys unused: its thread, if it runs, is told to
 * stop and left to end on its own — never waited for */
static void
drop_key_job (PactaCustomerView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->task);
  g_clear_pointer (&self->job, key_job_release);
}

/* Gives the entries that have none (entries changed since have made their
 * own) the keys now: those the thread has made, and the rest made here —
 * from the job's names, or from names read again should there be none (the
 * job still held, the file unreadable). Never waits: a thread still at work
 * is cancelled first and its keys so far taken. */
static void
finish_key_job (PactaCustomerView *self)
{
  KeyJob *job = self->job;
  GPtrArray *names;
  gboolean missing = FALSE;
  guint sort_made, search_made;
  guint j = 0;

  if (job == NULL)
    return;
  self->job = NULL;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->task);
  /* The keys counted are complete and the thread touches them no more; it
   * may make one more before it sees the cancellation, left to it */
  sort_made = (guint)g_atomic_int_get (&job->sort_made);
  search_made = (guint)g_atomic_int_get (&job->search_made);
  names = g_atomic_int_get (&job->names_ready) ? job->names : NULL;

  if (self->pending_ids != NULL)
    {
      make_entries (self, self->pending_ids);
      g_clear_pointer (&self->pending_ids, g_array_unref);
    }

  for (guint i = 0; i < job->ids->len; i++)
    {
      gint64 id = g_array_index (job->ids, gint64, i);
      Entry *entry;

      while (j < self->entries->len && g_array_index (self->entries, Entry, j).id < id)
        j++;
      if (j == self->entries->len)
        break;
      entry = &g_array_index (self->entries, Entry, j);
      if (entry->id != id)
        continue;
      if (entry->sort_key == NULL)
        {
          if (i < sort_made)
            entry->sort_key = g_steal_pointer (&job->sort_keys->pdata[i]);
          else if (names != NULL)
            entry->sort_key = make_sort_key (g_ptr_array_index (names, i));
          if (entry->sort_key != NULL)
            entry->prefix = key_prefix (entry->sort_key);
        }
      if (entry->search_key == NULL)
        {
          if (i < search_made)
            entry->search_key = g_steal_pointer (&job->search_keys->pdata[i]);
          else if (names != NULL)
            entry->search_key = make_search_key (g_ptr_array_index (names, i));
        }
    }
  key_job_release (job);

  for (guint i = 0; i < self->entries->len && !missing; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      missing = entry->sort_key == NULL || entry->search_key == NULL;
    }
  if (missing)
    {
      g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), self->entries->len);
      g_autoptr(GPtrArray) read = NULL;

      for (guint i = 0; i < self->entries->len; i++)
        g_array_append_val (ids, g_array_index (self->entries, Entry, i).id);
      read = read_names (pacta_database_get_handle (pacta_row_store_get_database (PACTA_ROW_STORE (self->store))),
                         (const gint64 *)(gconstpointer)ids->data, ids->len, NULL, NULL);
      for (guint i = 0; i < self->entries->len; i++)
        {
          Entry *entry = &g_array_index (self->entries, Entry, i);
          const char *name = read != NULL ? g_ptr_array_index (read, i) : "";

          if (entry->sort_key == NULL)
            {
              entry->sort_key = make_sort_key (name);
              entry->prefix = key_prefix (entry->sort_key);
            }
          if (entry->search_key == NULL)
            entry->search_key = make_search_key (name);
        }
    }
}

/* ---- reading the index ------------------------------------------------- */

typedef struct
{
  GPtrArray *names;
  Entry     *entries;
  guint      from;
  guint      to;
} SortKeyJob;

static gpointer
sort_keys_thread (gpointer data)
{
  SortKeyJob *job = data;

  for (guint i = job->from; i < job->to; i++)
    {
      job->entries[i].sort_key = make_sort_key (g_ptr_array_index (job->names, i));
      job->entries[i].prefix = key_prefix (job->entries[i].sort_key);
    }
  return NULL;
}

/* Reads the kind, state, number of services and billing information of
 * every entry: only when a sort or filter needs them */
static void
read_details (PactaCustomerView *self)
{
  PactaDatabase *database;
  sqlite3_stmt *stmt;

  if (self->details || self->store == NULL)
    return;
  self->details = TRUE;

  /* Rows gone since the store read them show as its placeholder does */
  for (guint i = 0; i < self->entries->len; i++)
    g_array_index (self->entries, Entry, i).kind_key = kind_key (self, "customer");

  database = pacta_row_store_get_database (PACTA_ROW_STORE (self->store));
  stmt = pacta_database_prepare (database,
                                 "SELECT c.id, c.kind, c.enabled,"
                                 " (SELECT count(*) FROM customer_services s WHERE s.customer_id = c.id),"
                                 " EXISTS (SELECT 1 FROM billing_info b WHERE b.customer_id = c.id)"
                                 " FROM customers c",
                                 NULL);
  if (stmt == NULL)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Entry *entry = find_entry (self, sqlite3_column_int64 (stmt, 0));

      if (entry == NULL)
        continue;
      entry->kind_key = kind_key (self, pacta_sql_column_text (stmt, 1));
      entry->enabled = sqlite3_column_int (stmt, 2) != 0;
      entry->n_services = (guint)sqlite3_column_int (stmt, 3);
      entry->has_billing = sqlite3_column_int (stmt, 4) != 0;
    }
  sqlite3_reset (stmt);
}

static void
fill_entry_from (PactaCustomerView *self,
                 Entry             *entry,
                 PactaCustomer     *customer)
{
  const char *name = pacta_customer_get_name (customer);

  g_free (entry->sort_key);
  g_free (entry->search_key);
  entry->sort_key = make_sort_key (name);
  entry->prefix = key_prefix (entry->sort_key);
  entry->search_key = make_search_key (name);
  entry->kind_key = kind_key (self, pacta_customer_get_kind (customer));
  entry->enabled = pacta_customer_get_enabled (customer) != FALSE;
  entry->n_services = pacta_customer_get_n_services (customer);
  entry->has_billing = pacta_customer_get_has_billing_info (customer) != FALSE;
}

/* Every entry anew, from the store's ids and one query for the names */

/* ---- the saved order --------------------------------------------------- */

/* The saved order is the one by name, ascending, as the list opens: its
 * rows' ids and revisions in that order (two little-endian 64-bit integers
 * each), with the collation that made it. It holds while every customer is
 * still at the revision saved, so a start reads it instead of reading every
 * name and ordering them; the keys are made after the first screen. Should
 * a name have changed without its revision (an id used again), the order is
 * checked once the keys are there, and put right. */

/* Bump when the sort keys change, so that no order made by older ones is used */
#define SORT_KEY_VERSION 1

static char *
order_collation (void)
{
  const char *locale = setlocale (LC_COLLATE, NULL);

  return g_strdup_printf ("%s/%d", locale != NULL ? locale : "C", SORT_KEY_VERSION);
}

static gboolean
sorted_by_name (PactaCustomerView *self)
{
  const PactaCustomerSortKey *key = (const PactaCustomerSortKey *)(gconstpointer)self->sort->data;

  return self->sort->len == 1 && key->column == PACTA_CUSTOMER_COLUMN_NAME && !key->descending;
}

/* Only for a file: nothing in memory is opened twice */
static gboolean
can_save_order (PactaCustomerView *self)
{
  return self->store != NULL &&
         !g_str_equal (pacta_database_get_path (pacta_row_store_get_database (PACTA_ROW_STORE (self->store))),
                       ":memory:");
}

/* Fills the order from the saved one if it still holds: the same rows at
 * the same revisions as when it was saved, so at the same positions */
static gboolean
load_saved_order (PactaCustomerView *self,
                  guint              n)
{
  PactaRowStore *store = PACTA_ROW_STORE (self->store);
  g_autofree char *collation = order_collation ();
  g_autofree guint32 *seen = NULL;
  const guint8 *saved;
  sqlite3_stmt *stmt;
  guint *order;

  stmt = pacta_database_prepare (pacta_row_store_get_database (store),
                                 "SELECT collation, fingerprint, positions FROM list_orders WHERE list = 'customers'",
                                 NULL);
  if (stmt == NULL)
    return FALSE;
  if (n == 0 || sqlite3_step (stmt) != SQLITE_ROW ||
      g_strcmp0 (pacta_sql_column_text (stmt, 0), collation) != 0 ||
      (guint64)sqlite3_column_int64 (stmt, 1) != pacta_row_store_get_fingerprint (store) ||
      (gsize)sqlite3_column_bytes (stmt, 2) != (gsize)n * 4)
    {
      sqlite3_reset (stmt);
      return FALSE;
    }

  /* Each position once */
  saved = sqlite3_column_blob (stmt, 2);
  seen = g_new0 (guint32, n / 32 + 1);
  g_array_set_size (self->order, n);
  order = (guint *)(gpointer)self->order->data;
  memcpy (order, saved, (gsize)n * 4);
  sqlite3_reset (stmt);
  for (guint i = 0; i < n; i++)
    {
      guint position = GUINT32_FROM_LE (order[i]);

      if (position >= n || (seen[position / 32] & (1u << (position % 32))) != 0)
        {
          g_array_set_size (self->order, 0);
          return FALSE;
        }
      seen[position / 32] |= 1u << (position % 32);
      order[i] = position;
    }
  return TRUE;
}

/* Saves the order by name, if that is the order held */
static void
save_order (PactaCustomerView *self)
{
  PactaRowStore *store;
  PactaDatabase *database;
  g_autofree char *collation = NULL;
  g_autofree guint32 *positions = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  guint n;

  if (!self->save_wanted || !can_save_order (self) || !sorted_by_name (self) || self->order_unchecked)
    return;
  store = PACTA_ROW_STORE (self->store);
  database = pacta_row_store_get_database (store);
  n = self->order->len;
  /* Between a change of the store and the view's catching up, nothing holds */
  if (n != self->entries->len || n != g_list_model_get_n_items (G_LIST_MODEL (store)) || n == 0)
    return;
  /* Never inside someone else's transaction */
  if (!sqlite3_get_autocommit (pacta_database_get_handle (database)))
    return;

  /* The entries must be the store's rows, in its order, for their
   * positions to be the store's */
  for (guint i = 0; i < n; i++)
    if (g_array_index (self->entries, Entry, i).id != pacta_row_store_get_id (store, i))
      return;
  positions = g_new (guint32, n);
  for (guint i = 0; i < n; i++)
    positions[i] = GUINT32_TO_LE (g_array_index (self->order, guint, i));

  collation = order_collation ();
  stmt = pacta_database_prepare (database,
                                 "INSERT OR REPLACE INTO list_orders (list, collation, fingerprint, positions)"
                                 " VALUES ('customers', ?1, ?2, ?3)",
                                 &error);
  if (stmt != NULL)
    {
      pacta_sql_bind_text (stmt, 1, collation);
      sqlite3_bind_int64 (stmt, 2, (sqlite3_int64)pacta_row_store_get_fingerprint (store));
      sqlite3_bind_blob64 (stmt, 3, positions, (sqlite3_uint64)n * 4, SQLITE_STATIC);
      pacta_database_step_done (database, stmt, &error);
      sqlite3_clear_bindings (stmt);
    }
  /* Only a cache: the next start orders the names itself */
  if (error != NULL)
    g_debug ("Not saving the customers' order: %s", error->message);
  else
    self->save_wanted = FALSE;
}

static gboolean
on_save_order_cb (gpointer data)
{
  PactaCustomerView *self = data;

  self->save_source = 0;
  save_order (self);
  return G_SOURCE_REMOVE;
}

/* @delay_ms: 0 once the view is idle, or later, so that a run of changes
 * is saved once */
static void
schedule_save (PactaCustomerView *self,
               guint              delay_ms)
{
  self->save_wanted = TRUE;
  if (self->save_source != 0 || !can_save_order (self))
    return;
  if (delay_ms == 0)
    self->save_source = g_idle_add_full (G_PRIORITY_LOW, on_save_order_cb, self, NULL);
  else
    self->save_source = g_timeout_add_full (G_PRIORITY_LOW, delay_ms, on_save_order_cb, self, NULL);
}

/* Every entry anew, from the store's ids, and the order: the saved one, or
 * else made from the names */
static void
read_all (PactaCustomerView *self)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) names = NULL;
  GThread *helper;
  SortKeyJob first, second;
  guint n;

  drop_key_job (self);
  self->order_unchecked = FALSE;
  g_clear_pointer (&self->pending_ids, g_array_unref);
  g_array_set_size (self->entries, 0);
  g_array_set_size (self->order, 0);
  g_array_set_size (self->shown, 0);
  self->details = FALSE;
  if (self->store == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  pacta_row_store_get_ids (PACTA_ROW_STORE (self->store), ids);

  if (sorted_by_name (self) && self->search == NULL && !self->missing_only && can_save_order (self) &&
      load_saved_order (self, n))
    {
      /* Shown at once; the names are read and their keys made in the
       * background, and the order checked against them. Even the entries
       * wait: at this scale, the memory they take costs time to touch. */
      self->order_unchecked = TRUE;
      self->pending_ids = g_array_ref (ids);
      start_key_job (self, g_steal_pointer (&ids), NULL, TRUE);
    }
  else
    {
      make_entries (self, ids);
      names = read_names (pacta_database_get_handle (pacta_row_store_get_database (PACTA_ROW_STORE (self->store))),
                          (const gint64 *)(gconstpointer)ids->data, n, self->order, NULL);
      if (names == NULL)
        {
          g_debug ("Reading the customers' names: %s",
                   sqlite3_errmsg (pacta_database_get_handle (pacta_row_store_get_database (PACTA_ROW_STORE (self->store)))));
          names = g_ptr_array_new_full (n, g_free);
          for (guint i = 0; i < n; i++)
            g_ptr_array_add (names, g_strdup (""));
          g_array_set_size (self->order, 0);
        }

      /* Collation keys are the costly part of showing the first screen: half
       * of them in a second thread */
      first = (SortKeyJob) { names, (Entry *)(gpointer)self->entries->data, 0, n / 2 };
      second = (SortKeyJob) { names, (Entry *)(gpointer)self->entries->data, n / 2, n };
      helper = n > 1000 ? g_thread_new ("pacta-sort-keys", sort_keys_thread, &second) : NULL;
      sort_keys_thread (&first);
      if (helper != NULL)
        g_thread_join (helper);
      else
        sort_keys_thread (&second);

      /* The search keys in the background, from the same names */
      if (n > 0)
        start_key_job (self, g_steal_pointer (&ids), g_steal_pointer (&names), FALSE);
      sort_all (self);
      if (sorted_by_name (self))
        schedule_save (self, 0);
    }

  if (self->missing_only || self->sort->len > 0)
    {
      gboolean needs_details = self->missing_only;

      for (guint k = 0; k < self->sort->len; k++)
        needs_details |= g_array_index (self->sort, PactaCustomerSortKey, k).column != PACTA_CUSTOMER_COLUMN_NAME;
      if (needs_details)
        read_details (self);
    }
}

/* ---- order and filter -------------------------------------------------- */

static int
compare_entries (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  PactaCustomerView *self = user_data;
  guint i = *(const guint *)a, j = *(const guint *)b;
  const Entry *x = &g_array_index (self->entries, Entry, i);
  const Entry *y = &g_array_index (self->entries, Entry, j);

  for (guint k = 0; k < self->sort->len; k++)
    {
      const PactaCustomerSortKey *key = &g_array_index (self->sort, PactaCustomerSortKey, k);
      int result = 0;

      switch (key->column)
        {
        case PACTA_CUSTOMER_COLUMN_NAME:
          if (x->prefix != y->prefix)
            result = x->prefix < y->prefix ? -1 : 1;
          else
            result = strcmp (x->sort_key, y->sort_key);
          break;
        case PACTA_CUSTOMER_COLUMN_KIND:
          result = strcmp (x->kind_key, y->kind_key);
          break;
        case PACTA_CUSTOMER_COLUMN_ENABLED:
          result = (int)x->enabled - (int)y->enabled;
          break;
        case PACTA_CUSTOMER_COLUMN_SERVICES:
          result = (x->n_services > y->n_services) - (x->n_services < y->n_services);
          break;
        case PACTA_CUSTOMER_COLUMN_BILLING:
          result = (int)x->has_billing - (int)y->has_billing;
          break;
        default:
          break;
        }
      if (result != 0)
        return key->descending ? -result : result;
    }

  /* Ties keep the store's order, as a stable sort of it would */
  return (i > j) - (i < j);
}

/* A stable merge sort that merges the runs already in order: sorting again
 * what was sorted, or the names in the index's order, costs little more
 * than one pass. compare_entries never finds two entries equal. */
static void
merge_sort (PactaCustomerView *self,
            guint             *items,
            guint              n)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint *buffer = NULL;
  guint i = 0;

  if (n < 2)
    return;

  while (i < n)
    {
      guint j = i + 1;

      if (j < n && compare_entries (&items[j - 1], &items[j], self) > 0)
        {
          while (j < n && compare_entries (&items[j - 1], &items[j], self) > 0)
            j++;
          for (guint a = i, b = j - 1; a < b; a++, b--)
            {
              guint swap = items[a];
              items[a] = items[b];
              items[b] = swap;
            }
        }
      else
        while (j < n && compare_entries (&items[j - 1], &items[j], self) <= 0)
          j++;
      g_array_append_val (runs, i);
      i = j;
    }
  g_array_append_val (runs, n);

  buffer = g_new (guint, n);
  while (runs->len > 2)
    {
      g_autoptr(GArray) merged = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint r = 0; r + 1 < runs->len; r += 2)
        {
          guint start = g_array_index (runs, guint, r);
          guint middle = g_array_index (runs, guint, r + 1);
          guint end = r + 2 < runs->len ? g_array_index (runs, guint, r + 2) : middle;
          guint a = start, b = middle, k = start;

          g_array_append_val (merged, start);
          if (end == middle)
            continue;
          while (a < middle && b < end)
            buffer[k++] = compare_entries (&items[b], &items[a], self) < 0 ? items[b++] : items[a++];
          while (a < middle)
            buffer[k++] = items[a++];
          while (b < end)
            buffer[k++] = items[b++];
          memcpy (items + start, buffer + start, (end - start) * sizeof (guint));
        }
      g_array_append_val (merged, n);
      g_array_set_size (runs, 0);
      g_array_append_vals (runs, merged->data, merged->len);
    }
}

/* Sorts the entries by the keys, starting from the order they are in now
 * (all of them, each once, or else the store's) */
static void
sort_all (PactaCustomerView *self)
{
  if (self->order->len != self->entries->len)
    {
      g_array_set_size (self->order, self->entries->len);
      for (guint i = 0; i < self->entries->len; i++)
        g_array_index (self->order, guint, i) = i;
    }
  if (self->sort->len > 0)
    merge_sort (self, (guint *)(gpointer)self->order->data, self->order->len);
  else
    /* No order asked for: the store's */
    for (guint i = 0; i < self->entries->len; i++)
      g_array_index (self->order, guint, i) = i;
}


static gboolean
matches (PactaCustomerView *self,
         const Entry       *entry)
{
  if (self->missing_only && entry->has_billing)
    return FALSE;
  if (self->search != NULL && (entry->search_key == NULL || strstr (entry->search_key, self->search) == NULL))
    return FALSE;
  return TRUE;
}

/* @from: the rows to look at, in order: all of them, or those shown when
 * the filter only got stricter */
static void
filter_from (PactaCustomerView *self,
             GArray            *from)
{
  g_autoptr(GArray) shown = NULL;

  /* Nothing filtered: the entries need not even be made */
  if (self->search == NULL && !self->missing_only)
    {
      if (from != self->shown)
        {
          g_array_set_size (self->shown, 0);
          g_array_append_vals (self->shown, from->data, from->len);
        }
      return;
    }

  finish_key_job (self);
  shown = g_array_sized_new (FALSE, FALSE, sizeof (guint), from->len);
  for (guint i = 0; i < from->len; i++)
    {
      guint index = g_array_index (from, guint, i);

      if (matches (self, &g_array_index (self->entries, Entry, index)))
        g_array_append_val (shown, index);
    }
  g_array_set_size (self->shown, 0);
  g_array_append_vals (self->shown, shown->data, shown->len);
}

static GArray *
shown_ids (PactaCustomerView *self)
{
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), self->shown->len);

  for (guint i = 0; i < self->shown->len; i++)
    g_array_append_val (ids, (gint64){ entry_id (self, g_array_index (self->shown, guint, i)) });
  return ids;
}

/* One ::items-changed for what differs between @before and what is shown
 * now; rows in @dirty changed even where they stayed */
static void
emit_difference (PactaCustomerView *self,
                 GArray            *before,
                 GHashTable        *dirty)
{
  g_autoptr(GArray) after = shown_ids (self);
  guint n = MIN (before->len, after->len);
  guint prefix = 0, suffix = 0;
  guint removed, added;

  while (prefix < n &&
         g_array_index (before, gint64, prefix) == g_array_index (after, gint64, prefix) &&
         (dirty == NULL || !g_hash_table_contains (dirty, &g_array_index (after, gint64, prefix))))
    prefix++;
  while (suffix < n - prefix &&
         g_array_index (before, gint64, before->len - 1 - suffix) == g_array_index (after, gint64, after->len - 1 - suffix) &&
         (dirty == NULL || !g_hash_table_contains (dirty, &g_array_index (after, gint64, after->len - 1 - suffix))))
    suffix++;

  removed = before->len - prefix - suffix;
  added = after->len - prefix - suffix;
  if (removed == 0 && added == 0)
    return;

  /* A list view told of a removal and an addition at once looks for the
   * rows it showed among the rows added, reading each one until it has
   * found them all, to keep their widgets: after a search that shows other
   * rows it would read thousands. So the change is told in steps: first
   * where the list is looked at, the rows it can keep found among the first
   * added; then the rest removed; then the rest added. */
  if (added > FIRST_STEP)
    {
      guint first_removed = MIN (removed, FIRST_STEP);

      self->stepping = TRUE;
      self->old_ids = before;
      self->head = prefix + FIRST_STEP;
      self->old_from = prefix + first_removed;
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, first_removed, FIRST_STEP);
      self->old_from = prefix + removed;
      if (removed > first_removed)
        g_list_model_items_changed (G_LIST_MODEL (self), prefix + FIRST_STEP, removed - first_removed, 0);
      self->stepping = FALSE;
      self->old_ids = NULL;
      g_list_model_items_changed (G_LIST_MODEL (self), prefix + FIRST_STEP, 0, added - FIRST_STEP);
    }
  else
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
}

/* ---- work put off ----------------------------------------------------- */

static gboolean
order_is_sorted (PactaCustomerView *self)
{
  for (guint i = 1; i < self->order->len; i++)
    if (compare_entries (&g_array_index (self->order, guint, i - 1),
                         &g_array_index (self->order, guint, i), self) > 0)
      return FALSE;
  return TRUE;
}

/* Completes what was put off: the keys from the thread, then the check of
 * a saved order, put right and told as one change should it not hold.
 * Before anything that needs the keys or takes what is shown to compare. */
static void
settle (PactaCustomerView *self)
{
  g_autoptr(GArray) before = NULL;

  if (self->job == NULL && !self->order_unchecked)
    return;

  before = shown_ids (self);
  finish_key_job (self);
  if (self->order_unchecked)
    {
      self->order_unchecked = FALSE;
      if (!order_is_sorted (self))
        {
          g_debug ("The saved order of the customers did not hold; ordering them again");
          sort_all (self);
          filter_from (self, self->order);
          emit_difference (self, before, NULL);
          schedule_save (self, 0);
        }
    }
}

/* ---- following the store ----------------------------------------------- */

static void
on_store_items_changed_cb (PactaCustomerView *self,
                           guint              position,
                           guint              removed,
                           guint              added,
                           GListModel        *store)
{
  /* Only noted: the view catches up once the store has synced */
  for (guint i = position; i < position + added; i++)
    {
      gint64 id = pacta_row_store_get_id (PACTA_ROW_STORE (store), i);

      g_hash_table_add (self->dirty, g_memdup2 (&id, sizeof id));
    }
}

static void
on_store_synced_cb (PactaCustomerView *self,
                    PactaRowStore     *store)
{
  g_autoptr(GHashTable) dirty = g_steal_pointer (&self->dirty);
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GArray) remap = NULL;
  g_autoptr(GArray) order = NULL;
  g_autoptr(GArray) inserted = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  guint j = 0;

  self->dirty = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  /* Merging needs every key */
  settle (self);
  before = shown_ids (self);

  if (g_hash_table_size (dirty) > REFRESH_ONE_BY_ONE)
    {
      read_all (self);
      filter_from (self, self->order);
      emit_difference (self, before, dirty);
      schedule_save (self, SAVE_DELAY_MS);
      return;
    }

  /* Merge the store's ids with the entries: unchanged ones stay, changed
   * and new ones are read from the store's rows, gone ones go */
  entries = g_array_sized_new (FALSE, TRUE, sizeof (Entry), n);
  remap = g_array_sized_new (FALSE, FALSE, sizeof (guint), self->entries->len);
  inserted = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_set_size (remap, self->entries->len);
  for (guint i = 0; i < n; i++)
    {
      gint64 id = pacta_row_store_get_id (store, i);
      Entry entry = { id, NULL, NULL, NULL, 0, 1, 0 };

      while (j < self->entries->len && g_array_index (self->entries, Entry, j).id < id)
        {
          g_array_index (remap, guint, j) = G_MAXUINT;
          clear_entry (&g_array_index (self->entries, Entry, j));
          j++;
        }
      if (j < self->entries->len && g_array_index (self->entries, Entry, j).id == id)
        {
          Entry *old = &g_array_index (self->entries, Entry, j);

          /* Its keys move to the new array */
          entry = *old;
          old->sort_key = old->search_key = NULL;
          g_array_index (remap, guint, j) = g_hash_table_contains (dirty, &id) ? G_MAXUINT : i;
          j++;
        }
      if (entry.sort_key == NULL || g_hash_table_contains (dirty, &id))
        {
          g_autoptr(PactaCustomer) customer = g_list_model_get_item (G_LIST_MODEL (store), i);

          fill_entry_from (self, &entry, customer);
          g_array_append_val (inserted, i);
        }
      g_array_append_val (entries, entry);
    }
  for (; j < self->entries->len; j++)
    {
      g_array_index (remap, guint, j) = G_MAXUINT;
      clear_entry (&g_array_index (self->entries, Entry, j));
    }

  /* The order keeps its unchanged rows; changed and new ones are sorted
   * and merged in */
  order = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  for (guint i = 0; i < self->order->len; i++)
    {
      guint index = g_array_index (remap, guint, g_array_index (self->order, guint, i));

      if (index != G_MAXUINT)
        g_array_append_val (order, index);
    }
  g_array_unref (self->entries);
  self->entries = g_steal_pointer (&entries);
  g_array_set_clear_func (self->entries, clear_entry);

  g_array_sort_with_data (inserted, compare_entries, self);
  {
    g_autoptr(GArray) merged = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
    guint a = 0, b = 0;

    while (a < order->len || b < inserted->len)
      {
        if (b == inserted->len ||
            (a < order->len && compare_entries (&g_array_index (order, guint, a),
                                                &g_array_index (inserted, guint, b), self) < 0))
          g_array_append_val (merged, g_array_index (order, guint, a++));
        else
          g_array_append_val (merged, g_array_index (inserted, guint, b++));
      }
    g_array_set_size (self->order, 0);
    g_array_append_vals (self->order, merged->data, merged->len);
  }

  filter_from (self, self->order);
  emit_difference (self, before, dirty);
  schedule_save (self, SAVE_DELAY_MS);
}

/* ---- GListModel -------------------------------------------------------- */

static GType
pacta_customer_view_get_item_type (GListModel *model)
{
  return PACTA_TYPE_CUSTOMER;
}

static guint
pacta_customer_view_get_n_items (GListModel *model)
{
  PactaCustomerView *self = PACTA_CUSTOMER_VIEW (model);

  if (self->stepping)
    return self->head + (self->old_ids->len - self->old_from);
  return self->shown->len;
}

static gpointer
item_by_id (PactaCustomerView *self,
            gint64             id)
{
  guint store_position;

  /* By id: right even while the store is in the middle of a sync */
  if (self->store != NULL && pacta_customer_store_find (self->store, id, &store_position))
    return g_list_model_get_item (G_LIST_MODEL (self->store), store_position);
  return g_object_new (PACTA_TYPE_CUSTOMER, "id", id, "name", "", NULL);
}

static gpointer
pacta_customer_view_get_item (GListModel *model,
                              guint       position)
{
  PactaCustomerView *self = PACTA_CUSTOMER_VIEW (model);

  if (position >= pacta_customer_view_get_n_items (model))
    return NULL;
  if (self->stepping && position >= self->head)
    return item_by_id (self, g_array_index (self->old_ids, gint64, self->old_from + position - self->head));
  return item_by_id (self, entry_id (self, g_array_index (self->shown, guint, position)));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = pacta_customer_view_get_item_type;
  iface->get_n_items = pacta_customer_view_get_n_items;
  iface->get_item = pacta_customer_view_get_item;
}

/* ---- object ------------------------------------------------------------ */

static void
disconnect_store (PactaCustomerView *self)
{
  if (self->store == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
}

static void
pacta_customer_view_dispose (GObject *object)
{
  PactaCustomerView *self = (PactaCustomerView *)object;

  /* Changes not saved yet in the order are saved now, if nothing is pending
   * that would have to be told first */
  if (self->save_source != 0)
    {
      g_clear_handle_id (&self->save_source, g_source_remove);
      save_order (self);
    }
  disconnect_store (self);
  /* A thread still making keys is told to stop, not waited for: it holds
   * the job, not the view. Without its keys, no order is left to check. */
  drop_key_job (self);
  self->order_unchecked = FALSE;

  G_OBJECT_CLASS (pacta_customer_view_parent_class)->dispose (object);
}

static void
pacta_customer_view_finalize (GObject *object)
{
  PactaCustomerView *self = (PactaCustomerView *)object;

  g_clear_pointer (&self->pending_ids, g_array_unref);
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_pointer (&self->order, g_array_unref);
  g_clear_pointer (&self->shown, g_array_unref);
  g_clear_pointer (&self->sort, g_array_unref);
  g_clear_pointer (&self->kind_keys, g_hash_table_unref);
  g_clear_pointer (&self->dirty, g_hash_table_unref);
  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (pacta_customer_view_parent_class)->finalize (object);
}

static void
pacta_customer_view_class_init (PactaCustomerViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pacta_customer_view_dispose;
  object_class->finalize = pacta_customer_view_finalize;
}

static void
pacta_customer_view_init (PactaCustomerView *self)
{
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, clear_entry);
  self->order = g_array_new (FALSE, FALSE, sizeof (guint));
  self->shown = g_array_new (FALSE, FALSE, sizeof (guint));
  self->sort = g_array_new (FALSE, FALSE, sizeof (PactaCustomerSortKey));
  self->kind_keys = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  self->dirty = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

PactaCustomerView *
pacta_customer_view_new (void)
{
  return g_object_new (PACTA_TYPE_CUSTOMER_VIEW, NULL);
}

PactaCustomerStore *
pacta_customer_view_get_store (PactaCustomerView *self)
{
  g_return_val_if_fail (PACTA_IS_CUSTOMER_VIEW (self), NULL);

  return self->store;
}

/**
 * pacta_customer_view_set_store:
 * @store: (nullable): the customers to show
 */
void
pacta_customer_view_set_store (PactaCustomerView  *self,
                               PactaCustomerStore *store)
{
  g_autoptr(GArray) before = NULL;

  g_return_if_fail (PACTA_IS_CUSTOMER_VIEW (self));
  g_return_if_fail (store == NULL || PACTA_IS_CUSTOMER_STORE (store));

  if (store == self->store)
    return;

  /* The order of the store left, saved if it was waiting to be */
  if (self->save_source != 0)
    {
      g_clear_handle_id (&self->save_source, g_source_remove);
      save_order (self);
    }

  before = shown_ids (self);
  disconnect_store (self);
  if (store != NULL)
    {
      self->store = g_object_ref (store);
      g_signal_connect_object (store, "items-changed", G_CALLBACK (on_store_items_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "synced", G_CALLBACK (on_store_synced_cb), self, G_CONNECT_SWAPPED);
    }
  g_hash_table_remove_all (self->dirty);

  read_all (self);
  filter_from (self, self->order);
  /* Every row is another one */
  if (before->len > 0 || self->shown->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, before->len, self->shown->len);
}

/**
 * pacta_customer_view_set_sort:
 * @keys: (array length=n_keys): the order, the first key deciding first;
 *   ties keep the store's order
 */
void
pacta_customer_view_set_sort (PactaCustomerView          *self,
                              const PactaCustomerSortKey *keys,
                              guint                       n_keys)
{
  g_autoptr(GArray) before = NULL;
  gboolean needs_details = FALSE;

  g_return_if_fail (PACTA_IS_CUSTOMER_VIEW (self));

  if (n_keys == self->sort->len && (n_keys == 0 || memcmp (keys, self->sort->data, n_keys * sizeof *keys) == 0))
    return;
  settle (self);

  g_array_set_size (self->sort, 0);
  g_array_append_vals (self->sort, keys, n_keys);
  for (guint k = 0; k < n_keys; k++)
    needs_details |= keys[k].column != PACTA_CUSTOMER_COLUMN_NAME;
  if (needs_details)
    read_details (self);

  before = shown_ids (self);
  sort_all (self);
  filter_from (self, self->order);
  emit_difference (self, before, NULL);
  /* Back to the order saved: changes made meanwhile can be saved now */
  if (self->save_wanted && sorted_by_name (self))
    schedule_save (self, SAVE_DELAY_MS);
}

/**
 * pacta_customer_view_set_search:
 * @text: (nullable): what names must contain, ignoring case; %NULL or empty
 *   for every customer
 */
void
pacta_customer_view_set_search (PactaCustomerView *self,
                                const char        *text)
{
  g_autoptr(GArray) before = NULL;
  g_autofree char *search = NULL;
  gboolean stricter;

  g_return_if_fail (PACTA_IS_CUSTOMER_VIEW (self));

  if (text != NULL && *text != '\0')
    search = make_search_key (text);
  if (g_strcmp0 (search, self->search) == 0)
    return;
  settle (self);

  /* Typing on: whatever matches now matched before, so only the rows shown
   * need looking at */
  stricter = search != NULL && (self->search == NULL || strstr (search, self->search) != NULL);
  g_free (self->search);
  self->search = g_steal_pointer (&search);

  before = shown_ids (self);
  if (stricter)
    {
      g_autoptr(GArray) from = g_array_copy (self->shown);
      filter_from (self, from);
    }
  else
    filter_from (self, self->order);
  emit_difference (self, before, NULL);
}

void
pacta_customer_view_set_missing_only (PactaCustomerView *self,
                                      gboolean           missing_only)
{
  g_autoptr(GArray) before = NULL;

  g_return_if_fail (PACTA_IS_CUSTOMER_VIEW (self));

  missing_only = !!missing_only;
  if (missing_only == self->missing_only)
    return;
  settle (self);
  self->missing_only = missing_only;
  if (missing_only)
    read_details (self);

  before = shown_ids (self);
  if (missing_only)
    {
      g_autoptr(GArray) from = g_array_copy (self->shown);
      filter_from (self, from);
    }
  else
    filter_from (self, self->order);
  emit_difference (self, before, NULL);
}

/**
 * pacta_customer_view_wait:
 *
 * Completes at once the work the view puts off until the main loop is idle:
 * the keys made in the background (those its thread has not made yet are
 * made here, without waiting for the thread), the check of an order it
 * started with, and saving its order. For tests and benchmarks.
 */
void
pacta_customer_view_wait (PactaCustomerView *self)
{
  g_return_if_fail (PACTA_IS_CUSTOMER_VIEW (self));

  settle (self);
  if (self->save_source != 0)
    {
      g_clear_handle_id (&self->save_source, g_source_remove);
      save_order (self);
    }
}

/**
 * pacta_customer_view_hold:
 *
 * Holds back the work the view does in the background, such as making the
 * keys for sorting and searching, until as many calls to
 * pacta_customer_view_release(): a window holds it until its first frame is
 * drawn, so that the work does not compete with drawing it. The thread is
 * only started on the last release; anything that needs the work done
 * meanwhile does it at once, on the calling thread.
 */
void
pacta_customer_view_hold (PactaCustomerView *self)
{
  g_return_if_fail (PACTA_IS_CUSTOMER_VIEW (self));

  self->held++;
}

void
pacta_customer_view_release (PactaCustomerView *self)
{
  g_return_if_fail (PACTA_IS_CUSTOMER_VIEW (self));
  g_return_if_fail (self->held > 0);

  if (--self->held == 0)
    launch_key_job (self);
}
