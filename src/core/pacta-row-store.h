/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-row-store.h: the base of every store that shows a table as a GListModel */
#pragma once

#include <gio/gio.h>

#include "pacta-database.h"

G_BEGIN_DECLS

#define PACTA_TYPE_ROW_STORE (pacta_row_store_get_type ())

G_DECLARE_DERIVABLE_TYPE (PactaRowStore, pacta_row_store, PACTA, ROW_STORE, GObject)

struct _PactaRowStoreClass
{
  GObjectClass parent_class;

  /* Set by each subclass in its class_init */
  GType        item_type;
  const char  *revisions_sql;     /* "SELECT id, revision FROM … ORDER BY id" */
  gpointer   (*load_row)    (PactaDatabase  *database,
                             gint64          id,
                             GError        **error);
  /* Optional: the item shown for a row that went away; without it, an
   * item with only its id */
  gpointer   (*placeholder) (gint64          id);
};

/* Makes an item of a row of @stmt, with the @user_data of the call */
typedef gpointer (*PactaRowFunc) (sqlite3_stmt *stmt,
                                  gpointer      user_data);

gpointer       pacta_row_store_new          (GType           store_type,
                                             PactaDatabase  *database,
                                             GError        **error);
gboolean       pacta_row_store_attach       (PactaRowStore  *self,
                                             PactaDatabase  *database,
                                             GError        **error);
PactaDatabase *pacta_row_store_get_database (PactaRowStore  *self);
gboolean       pacta_row_store_sync         (PactaRowStore  *self,
                                             GError        **error);
gboolean       pacta_row_store_find         (PactaRowStore  *self,
                                             gint64          id,
                                             guint          *position);
gint64         pacta_row_store_get_id       (PactaRowStore  *self,
                                             guint           position);
void           pacta_row_store_get_ids      (PactaRowStore  *self,
                                             GArray         *ids);
guint64        pacta_row_store_get_fingerprint (PactaRowStore *self);

/* Reading rows, for the stores' load functions and their kin */
sqlite3_stmt  *pacta_row_store_read_one     (PactaDatabase  *database,
                                             const char     *sql,
                                             gint64          id,
                                             const char     *not_found,
                                             const char     *reading,
                                             GError        **error);
gboolean       pacta_row_store_read_text    (PactaDatabase  *database,
                                             sqlite3_stmt   *stmt,
                                             const char     *none,
                                             char          **text,
                                             const char     *reading,
                                             GError        **error);
GListModel    *pacta_row_store_read_list    (PactaDatabase  *database,
                                             const char     *sql,
                                             gint64          id,
                                             GType           item_type,
                                             PactaRowFunc    from_row,
                                             gpointer        user_data,
                                             const char     *reading,
                                             GError        **error);

G_END_DECLS
