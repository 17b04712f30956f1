/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-invoice.h: an issued invoice or credit note as listed (the store of them: pacta-invoice-store.h) */
#pragma once

#include <glib-object.h>
#include "pacta-verifactu-status.h"

G_BEGIN_DECLS

#define PACTA_TYPE_INVOICE (pacta_invoice_get_type ())

G_DECLARE_FINAL_TYPE (PactaInvoice, pacta_invoice, PACTA, INVOICE, GObject)

gint64      pacta_invoice_get_id              (PactaInvoice *self);
gint64      pacta_invoice_get_customer_id     (PactaInvoice *self);
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
/* How it went out by email (mail_outbox; pacta_mail_state_from_string()
 * reads the state): all %NULL when it was never put in the outbox */
const char *pacta_invoice_get_mail_state      (PactaInvoice *self);
const char *pacta_invoice_get_mail_sent_at    (PactaInvoice *self);
const char *pacta_invoice_get_mail_recipient  (PactaInvoice *self);
const char *pacta_invoice_get_mail_error      (PactaInvoice *self);
/* Never put in the outbox, and its customer gets invoices by post or has no
 * invoice email */
gboolean    pacta_invoice_get_to_print        (PactaInvoice *self);

G_END_DECLS

/* The store of invoices, for the files that include only this header */
#include "pacta-invoice-store.h"
