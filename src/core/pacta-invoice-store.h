/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-invoice-store.h: the invoices table as a GListModel of PactaInvoice */
#pragma once

#include "pacta-row-store.h"

G_BEGIN_DECLS

#define PACTA_TYPE_INVOICE_STORE (pacta_invoice_store_get_type ())

G_DECLARE_FINAL_TYPE (PactaInvoiceStore, pacta_invoice_store, PACTA, INVOICE_STORE, PactaRowStore)

PactaInvoiceStore *pacta_invoice_store_new (PactaDatabase  *database,
                                            GError        **error);

G_END_DECLS
