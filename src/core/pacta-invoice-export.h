/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-invoice-export.h: invoices and their lines for the accounting software (CSV and JSON) */
#pragma once

#include <gio/gio.h>

#include "pacta-database.h"

G_BEGIN_DECLS

/* Renders one invoice (a PDF, for instance) into @file; the core does not draw */
typedef gboolean (*PactaInvoiceRenderFunc) (PactaDatabase  *database,
                                            gint64          invoice_id,
                                            GFile          *file,
                                            gpointer        user_data,
                                            GError        **error);

gboolean pacta_invoice_export_accounting (PactaDatabase           *database,
                                          GFile                   *directory,
                                          const char              *today,
                                          PactaInvoiceRenderFunc   render_pdf,
                                          gpointer                 user_data,
                                          guint                   *n_exported,
                                          GStrv                   *written,
                                          GError                 **error);
char    *pacta_invoice_file_name         (const char              *number,
                                          const char              *extension);

G_END_DECLS
