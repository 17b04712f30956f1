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
 */
#include "config.h"

#include <string.h>

#include "pacta-customer.h"
#include "pacta-customer-view.h"
#include "pacta-text.h"

/* More changed rows than this in one sync are read again all at once */
#define REFRESH_ONE_BY_ONE 256

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

/* Making the search keys in a thread once the view is built: searching
 * starts later than showing */
typedef struct
{
  GMutex     mutex;
  GCond      cond;
  gboolean   done;
  guint      serial;
  gpointer   notify;          /* JobDone, handed to the main context by the thread */
  GArray    *ids;             /* gint64, ascending */
  GPtrArray *names;           /* copies, freed by the thread */
  GPtrArray *keys;            /* made by the thread */
} SearchJob;

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
  SearchJob          *job;            /* owned; its thread runs until job->done */
  /* While a change is told in steps: the first @head rows shown now, then
   * the rows shown before from @old_from on */
  gboolean            stepping;
  guint               head;
  GArray             *old_ids;
  guint               old_from;
  guint               job_serial;
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

/* ---- the search keys, in a thread -------------------------------------- */

typedef struct
{
  GWeakRef view;
  guint    serial;
} JobDone;

static void
job_done_free (gpointer data)
{
  JobDone *done = data;

  g_weak_ref_clear (&done->view);
  g_free (done);
}

static void finish_search_job (PactaCustomerView *self);

/* Back on the main context: the view takes the keys, if it is still there
 * and still waiting for this job */
static gboolean
on_search_job_done_cb (gpointer data)
{
  JobDone *done = data;
  g_autoptr(PactaCustomerView) self = g_weak_ref_get (&done->view);

  if (self != NULL && self->job != NULL && self->job->serial == done->serial)
    finish_search_job (self);
  return G_SOURCE_REMOVE;
}

/* The thread touches the job only, never the view */
static gpointer
search_keys_thread (gpointer data)
{
  SearchJob *job = data;
  GPtrArray *keys = g_ptr_array_new_full (job->names->len, g_free);
  gpointer notify;

  for (guint i = 0; i < job->names->len; i++)
    g_ptr_array_add (keys, make_search_key (g_ptr_array_index (job->names, i)));

  g_mutex_lock (&job->mutex);
  job->keys = keys;
  job->done = TRUE;
  notify = g_steal_pointer (&job->notify);
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->mutex);

  /* The job may be gone from here on */
  g_idle_add_full (G_PRIORITY_LOW, on_search_job_done_cb, notify, job_done_free);
  return NULL;
}

static void
wait_for_job (SearchJob *job)
{
  g_mutex_lock (&job->mutex);
  while (!job->done)
    g_cond_wait (&job->cond, &job->mutex);
  g_mutex_unlock (&job->mutex);
}

static void
search_job_free (SearchJob *job)
{
  g_mutex_clear (&job->mutex);
  g_cond_clear (&job->cond);
  g_clear_pointer (&job->notify, job_done_free);
  g_clear_pointer (&job->ids, g_array_unref);
  g_clear_pointer (&job->names, g_ptr_array_unref);
  g_clear_pointer (&job->keys, g_ptr_array_unref);
  g_free (job);
}

/* Waits for the thread, then gives its keys to the entries that have none
 * (entries changed since have made their own) */
static void
finish_search_job (PactaCustomerView *self)
{
  SearchJob *job = self->job;
  guint j = 0;

  if (job == NULL)
    return;
  self->job = NULL;
  wait_for_job (job);

  for (guint i = 0; i < job->ids->len; i++)
    {
      gint64 id = g_array_index (job->ids, gint64, i);
      Entry *entry;

      while (j < self->entries->len && g_array_index (self->entries, Entry, j).id < id)
        j++;
      if (j == self->entries->len)
        break;
      entry = &g_array_index (self->entries, Entry, j);
      if (entry->id == id && entry->search_key == NULL)
        entry->search_key = g_steal_pointer (&job->keys->pdata[i]);
    }
  search_job_free (job);
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
  entry->enabled = pacta_customer_get_enabled (customer);
  entry->n_services = pacta_customer_get_n_services (customer);
  entry->has_billing = pacta_customer_get_has_billing_info (customer);
}

/* Every entry anew, from the store's ids and one query for the names */
static void
read_all (PactaCustomerView *self)
{
  g_autoptr(GPtrArray) names = NULL;
  PactaDatabase *database;
  sqlite3_stmt *stmt;
  GThread *helper;
  SortKeyJob first, second;
  guint n;

  finish_search_job (self);
  g_array_set_size (self->entries, 0);
  g_array_set_size (self->order, 0);
  g_array_set_size (self->shown, 0);
  self->details = FALSE;
  if (self->store == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  g_array_set_size (self->entries, n);
  for (guint i = 0; i < n; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      memset (entry, 0, sizeof *entry);
      entry->id = pacta_row_store_get_id (PACTA_ROW_STORE (self->store), i);
    }

  /* The names come from the index on them, narrower than the table, in
   * its order: nearly the collation's, a head start for sorting by name */
  names = g_ptr_array_new_full (n, g_free);
  g_ptr_array_set_size (names, (int)n);
  if (n > 0)
    {
      gint64 first_id = g_array_index (self->entries, Entry, 0).id;
      gint64 span = g_array_index (self->entries, Entry, n - 1).id - first_id + 1;
      g_autofree guint *slots = NULL;

      /* Ids are mostly dense: a table finds an entry faster than a search */
      if (span <= 4 * (gint64)n)
        {
          slots = g_new0 (guint, span);
          for (guint i = 0; i < n; i++)
            slots[g_array_index (self->entries, Entry, i).id - first_id] = i + 1;
        }

      database = pacta_row_store_get_database (PACTA_ROW_STORE (self->store));
      stmt = pacta_database_prepare (database, "SELECT id, name FROM customers", NULL);
      if (stmt != NULL)
        {
          while (sqlite3_step (stmt) == SQLITE_ROW)
            {
              gint64 id = sqlite3_column_int64 (stmt, 0);
              guint index = G_MAXUINT;

              if (slots != NULL)
                {
                  if (id >= first_id && id - first_id < span && slots[id - first_id] != 0)
                    index = slots[id - first_id] - 1;
                }
              else
                {
                  Entry *entry = find_entry (self, id);

                  if (entry != NULL)
                    index = (guint)(entry - (Entry *)self->entries->data);
                }
              if (index == G_MAXUINT || names->pdata[index] != NULL)
                continue;
              names->pdata[index] = g_strdup (pacta_sql_column_text (stmt, 1));
              g_array_append_val (self->order, index);
            }
          sqlite3_reset (stmt);
        }
    }
  /* A row gone since the store read its ids shows empty until the next sync,
   * as the store's own placeholder does */
  for (guint i = 0; i < n; i++)
    if (names->pdata[i] == NULL)
      {
        names->pdata[i] = g_strdup ("");
        g_array_append_val (self->order, i);
      }

  /* Collation keys are the costly part of showing the first screen: half of
   * them in a second thread */
  first = (SortKeyJob) { names, (Entry *)self->entries->data, 0, n / 2 };
  second = (SortKeyJob) { names, (Entry *)self->entries->data, n / 2, n };
  helper = n > 1000 ? g_thread_new ("pacta-sort-keys", sort_keys_thread, &second) : NULL;
  sort_keys_thread (&first);
  if (helper != NULL)
    g_thread_join (helper);
  else
    sort_keys_thread (&second);

  /* The search keys in the background, from the same names */
  if (n > 0)
    {
      SearchJob *job = g_new0 (SearchJob, 1);

      JobDone *notify = g_new0 (JobDone, 1);

      g_mutex_init (&job->mutex);
      g_cond_init (&job->cond);
      job->serial = ++self->job_serial;
      g_weak_ref_init (&notify->view, self);
      notify->serial = job->serial;
      job->notify = notify;
      job->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
      for (guint i = 0; i < n; i++)
        g_array_append_val (job->ids, g_array_index (self->entries, Entry, i).id);
      job->names = g_steal_pointer (&names);
      self->job = job;
      g_thread_unref (g_thread_new ("pacta-search-keys", search_keys_thread, job));
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
    merge_sort (self, (guint *)self->order->data, self->order->len);
  else
    /* No order asked for: the store's */
    for (guint i = 0; i < self->entries->len; i++)
      g_array_index (self->order, guint, i) = i;
}

static void
make_search_keys (PactaCustomerView *self)
{
  finish_search_job (self);
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
  g_autoptr(GArray) shown = g_array_sized_new (FALSE, FALSE, sizeof (guint), from->len);

  if (self->search != NULL)
    make_search_keys (self);
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
    g_array_append_val (ids, g_array_index (self->entries, Entry, g_array_index (self->shown, guint, i)).id);
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
  g_autoptr(GArray) before = shown_ids (self);
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GArray) remap = NULL;
  g_autoptr(GArray) order = NULL;
  g_autoptr(GArray) inserted = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  guint j = 0;

  self->dirty = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  if (g_hash_table_size (dirty) > REFRESH_ONE_BY_ONE)
    {
      read_all (self);
      sort_all (self);
      filter_from (self, self->order);
      emit_difference (self, before, dirty);
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
  return item_by_id (self, g_array_index (self->entries, Entry, g_array_index (self->shown, guint, position)).id);
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

  disconnect_store (self);

  G_OBJECT_CLASS (pacta_customer_view_parent_class)->dispose (object);
}

static void
pacta_customer_view_finalize (GObject *object)
{
  PactaCustomerView *self = (PactaCustomerView *)object;

  /* Its thread only writes into the job: let it finish first */
  if (self->job != NULL)
    {
      wait_for_job (self->job);
      g_clear_pointer (&self->job, search_job_free);
    }
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
  sort_all (self);
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
