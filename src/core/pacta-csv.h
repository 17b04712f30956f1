/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-csv.h: a strict RFC 4180 CSV reader for imports and a formula-safe field writer for exports */
#pragma once

#include <gio/gio.h>

#include "pacta-database.h"

G_BEGIN_DECLS

/* Hard limits that keep a hostile or broken file from exhausting memory */
#define PACTA_CSV_MAX_BYTES        (16 * 1024 * 1024)
#define PACTA_CSV_MAX_FIELDS       256
#define PACTA_CSV_MAX_FIELD_BYTES  (64 * 1024)

typedef struct _PactaCsvReader PactaCsvReader;

PactaCsvReader *pacta_csv_reader_new   (GBytes          *bytes,
                                        const char      *display_name);
void            pacta_csv_reader_free  (PactaCsvReader  *reader);
gboolean        pacta_csv_reader_next  (PactaCsvReader  *reader,
                                        char          ***fields,
                                        guint           *line,
                                        GError         **error);

void            pacta_csv_append_field (GString         *out,
                                        const char      *value);

/* The skeleton the CSV imports share (billing information, catalog): the
 * header matched against known columns, rows as wide as the header, and the
 * whole file in one transaction, so one bad row writes nothing */
typedef gboolean (*PactaCsvImportRowsFunc) (PactaDatabase   *database,
                                            PactaCsvReader  *reader,
                                            const char      *file,
                                            gpointer         report,
                                            GError         **error);

gboolean        pacta_csv_import_bytes  (PactaDatabase          *database,
                                         GBytes                 *bytes,
                                         const char             *display_name,
                                         PactaCsvImportRowsFunc  import_rows,
                                         gpointer                report,
                                         gsize                   report_size,
                                         GError                **error);
gboolean        pacta_csv_import_file   (PactaDatabase          *database,
                                         GFile                  *file,
                                         PactaCsvImportRowsFunc  import_rows,
                                         gpointer                report,
                                         gsize                   report_size,
                                         GError                **error);
gboolean        pacta_csv_read_header   (PactaCsvReader         *reader,
                                         const char *const      *names,
                                         guint                   n_names,
                                         gboolean                point_at_unknown,
                                         int                    *positions,
                                         guint                  *n_fields,
                                         guint                  *line,
                                         GError                **error);
gboolean        pacta_csv_read_row      (PactaCsvReader         *reader,
                                         guint                   n_fields,
                                         char                 ***fields,
                                         guint                  *line,
                                         GError                **error);
gboolean        pacta_csv_import_error  (GError                **error,
                                         const char             *file,
                                         guint                   line,
                                         int                     column,
                                         const char             *column_name,
                                         const char             *reason);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PactaCsvReader, pacta_csv_reader_free)

G_END_DECLS
