/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-invoice.h: an issued invoice or credit note as listed, and the store of them */
#pragma once

#include "pacta-row-store.h"
#include "pacta-verifactu-status.h"

G_BEGIN_DECLS

#define PACTA_TYPE_INVOICE (pacta_invoice_get_type ())

G_DECLARE_FINAL_TYPE (PactaInvoice, pacta_invoice, PACTA, INVOICE, GObject)

gint64      pacta_invoice_get_id              (PactaInvoice *self);
gint64      pacta_invoice_get_gross           (PactaInvoice *self);
const char *pacta_invoice_get_kind            (PactaInvoice *self);
const char *pacta_invoice_get_number          (PactaInvoice *self);
const char *pacta_invoice_get_customer_name   (PactaInvoice *self);
const char *pacta_invoice_get_issue_date      (PactaInvoice *self);
const char *pacta_invoice_get_due_date        (PactaInvoice *self);
const char *pacta_invoice_get_currency        (PactaInvoice *self);
const char *pacta_invoice_get_status          (PactaInvoice *self);
const char *pacta_invoice_get_paid_on         (PactaInvoice *self);
const char *pacta_invoice_get_exported_on     (PactaInvoice *self);
const char *pacta_invoice_get_credited_number (PactaInvoice *self);
const char *pacta_invoice_status_label        (PactaInvoice *self);
PactaAgencyState pacta_invoice_get_agency_state (PactaInvoice *self);
const char *pacta_invoice_get_agency_note     (PactaInvoice *self);

#define PACTA_TYPE_INVOICE_STORE (pacta_invoice_store_get_type ())

G_DECLARE_FINAL_TYPE (PactaInvoiceStore, pacta_invoice_store, PACTA, INVOICE_STORE, PactaRowStore)

PactaInvoiceStore *pacta_invoice_store_new (PactaDatabase  *database,
                                            GError        **error);

G_END_DECLS
