/* pacta-csv.h: a strict RFC 4180 CSV reader for imports and a formula-safe field writer for exports */
#pragma once

#include <glib.h>

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PactaCsvReader, pacta_csv_reader_free)

G_END_DECLS
