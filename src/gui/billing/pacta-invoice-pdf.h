/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-invoice-pdf.h: an issued invoice as a PDF a customer can be sent (cairo + pango) */
#pragma once

#include <gio/gio.h>

#include "pacta-invoice-document.h"

G_BEGIN_DECLS

gboolean pacta_invoice_pdf_export  (PactaDatabase         *database,
                                    gint64                 invoice_id,
                                    GFile                 *file,
                                    gpointer               user_data,
                                    GError               **error);

G_END_DECLS
