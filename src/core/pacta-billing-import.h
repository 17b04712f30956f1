/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-billing-import.h: billing information for many customers at once, from the accounting software's CSV */
#pragma once

#include <gio/gio.h>

#include "pacta-database.h"

G_BEGIN_DECLS

typedef struct
{
  guint created;
  guint updated;
} PactaBillingImportReport;

gboolean pacta_import_billing_info       (PactaDatabase             *database,
                                          GFile                     *file,
                                          PactaBillingImportReport  *report,
                                          GError                   **error);
gboolean pacta_import_billing_info_bytes (PactaDatabase             *database,
                                          GBytes                    *bytes,
                                          const char                *display_name,
                                          PactaBillingImportReport  *report,
                                          GError                   **error);
char    *pacta_billing_import_report_describe (PactaBillingImportReport *report);

G_END_DECLS
