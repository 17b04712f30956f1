/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-database.h: the one sqlite connection, its schema migrations and statement cache */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define PACTA_TYPE_DATABASE (pacta_database_get_type ())

G_DECLARE_FINAL_TYPE (PactaDatabase, pacta_database, PACTA, DATABASE, GObject)

PactaDatabase *pacta_database_open               (const char     *path,
                                                  GError        **error);
char          *pacta_database_default_path       (void);
char          *pacta_database_demo_path          (void);
const char    *pacta_database_get_path           (PactaDatabase  *self);
const char    *pacta_database_get_backup_path    (PactaDatabase  *self);
int            pacta_database_get_schema_version (PactaDatabase  *self);
int            pacta_database_get_latest_version (void);
sqlite3       *pacta_database_get_handle         (PactaDatabase  *self);
sqlite3_stmt  *pacta_database_prepare            (PactaDatabase  *self,
                                                  const char     *sql,
                                                  GError        **error);
gboolean       pacta_database_step_done          (PactaDatabase  *self,
                                                  sqlite3_stmt   *stmt,
                                                  GError        **error);
gboolean       pacta_database_exec               (PactaDatabase  *self,
                                                  const char     *sql,
                                                  GError        **error);
gboolean       pacta_database_begin              (PactaDatabase  *self,
                                                  GError        **error);
gboolean       pacta_database_commit             (PactaDatabase  *self,
                                                  GError        **error);
void           pacta_database_rollback           (PactaDatabase  *self);
void           pacta_database_set_cancellable    (PactaDatabase  *self,
                                                  GCancellable   *cancellable);
gint64         pacta_database_count              (PactaDatabase  *self,
                                                  const char     *sql,
                                                  GError        **error);
void           pacta_database_set_error          (PactaDatabase  *self,
                                                  GError        **error,
                                                  const char     *what);

char          *pacta_database_get_setting        (PactaDatabase  *self,
                                                  const char     *key);
gboolean       pacta_database_set_setting        (PactaDatabase  *self,
                                                  const char     *key,
                                                  const char     *value,
                                                  GError        **error);

/* Helpers for reading a column that may be NULL */
const char    *pacta_sql_column_text             (sqlite3_stmt   *stmt,
                                                  int             column);
void           pacta_sql_bind_text               (sqlite3_stmt   *stmt,
                                                  int             index,
                                                  const char     *text);

G_END_DECLS
