/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-catalog.c: the catalog CSV (items and prices) against a fresh database with the built-in catalog */
#include "fuzz-common.h"
#include "pacta-catalog.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  PactaDatabase *database = pacta_fuzz_database (FALSE);
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  PactaCatalogImportReport report;
  gboolean ok;

  ok = pacta_import_catalog_bytes (database, bytes, "catalog.csv", &report, &error);
  g_assert (ok == (error == NULL));
  if (ok)
    g_free (pacta_catalog_import_report_describe (&report));

  pacta_fuzz_database_reset ();
  return 0;
}
