/* pacta-invoice-export.h: invoices and their lines for the accounting software (CSV and JSON) */
#pragma once

#include <gio/gio.h>

#include "pacta-database.h"

G_BEGIN_DECLS

gboolean pacta_invoice_export_accounting (PactaDatabase  *database,
                                          GFile          *directory,
                                          const char     *today,
                                          guint          *n_exported,
                                          GStrv          *written,
                                          GError        **error);

G_END_DECLS
