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
  gpointer   (*placeholder) (gint64          id);
};

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

G_END_DECLS
