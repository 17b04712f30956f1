/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-import.c: the cloud platform's tenant and usage listings (JSON) against a database holding the demo customers.
 *
 * Every input is imported twice, once as a tenant listing and once as a usage
 * listing, each from the same first state: a usage listing naming the demo
 * tenants gets as far as writing services.
 */
#include "fuzz-common.h"
#include "pacta-import.h"

static void
import_one (PactaDatabase *database,
            GBytes        *bytes,
            gboolean       as_tenants)
{
  g_autoptr(PactaImportReport) report = pacta_import_report_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = pacta_import_platform_bytes (database,
                                    as_tenants ? bytes : NULL, "tenants.json",
                                    as_tenants ? NULL : bytes, "usages.json",
                                    NULL, NULL, report, &error);
  /* Either a report or a reason, never both or neither */
  g_assert (ok == (error == NULL));
  if (ok)
    g_free (pacta_import_report_describe (report));

  pacta_fuzz_database_reset ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  PactaDatabase *database = pacta_fuzz_database (TRUE);
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);

  import_one (database, bytes, TRUE);
  import_one (database, bytes, FALSE);
  return 0;
}
