/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-backup.h: copies of the database taken before anything big changes it,
 * and restoring one */
#pragma once

#include "pacta-database.h"

G_BEGIN_DECLS

/* How many automatic copies are kept; the oldest go first */
#define PACTA_BACKUPS_KEPT 10

typedef struct
{
  char      *path;
  char      *reason;      /* "migration", "billing-run", "restore" */
  GDateTime *taken;
  gint64     n_invoices;  /* -1 when the copy can't be read */
  char      *last_invoice_number;
} PactaBackup;

char      *pacta_backup_directory (PactaDatabase  *database);
char      *pacta_backup_create    (PactaDatabase  *database,
                                   const char     *reason,
                                   GError        **error);
GPtrArray *pacta_backup_list      (PactaDatabase  *database);
gboolean   pacta_backup_restore   (PactaDatabase  *database,
                                   const char     *path,
                                   GError        **error);
void       pacta_backup_free      (PactaBackup    *backup);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PactaBackup, pacta_backup_free)

G_END_DECLS
