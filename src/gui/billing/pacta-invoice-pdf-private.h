/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-invoice-pdf-private.h: hooks for the tests into pacta-invoice-pdf — included by pacta-invoice-pdf.c and tests/ only */
#pragma once

#include "pacta-invoice-pdf.h"

G_BEGIN_DECLS

gboolean pacta_invoice_pdf_write   (PactaInvoiceDocument  *document,
                                    const char            *path,
                                    guint                 *n_pages,
                                    GError               **error);

G_END_DECLS
