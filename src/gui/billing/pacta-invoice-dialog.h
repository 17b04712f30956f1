/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-invoice-dialog.h: one issued invoice — lines, totals, Mark as Paid, Create Credit Note, Save PDF… */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_INVOICE_DIALOG (pacta_invoice_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PactaInvoiceDialog, pacta_invoice_dialog, PACTA, INVOICE_DIALOG, AdwWindow)

PactaInvoiceDialog *pacta_invoice_dialog_new           (GtkWindow          *parent,
                                                        PactaContext       *context,
                                                        gint64              invoice_id);

G_END_DECLS
