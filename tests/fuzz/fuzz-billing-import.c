/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-billing-import.c: the billing-information CSV against a database holding the demo customers */
#include "fuzz-common.h"
#include "pacta-billing-import.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  PactaDatabase *database = pacta_fuzz_database (TRUE);
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  PactaBillingImportReport report;
  gboolean ok;

  ok = pacta_import_billing_info_bytes (database, bytes, "billing.csv", &report, &error);
  g_assert (ok == (error == NULL));
  if (ok)
    g_free (pacta_billing_import_report_describe (&report));

  pacta_fuzz_database_reset ();
  return 0;
}
