/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-invoice-dialog-private.h: hooks for the tests into PactaInvoiceDialog — included by pacta-invoice-dialog.c and tests/ only */
#pragma once

#include "pacta-invoice-dialog.h"

G_BEGIN_DECLS

gboolean            pacta_invoice_dialog_mark_paid     (PactaInvoiceDialog *self,
                                                        const char         *date);
char               *pacta_invoice_dialog_credit        (PactaInvoiceDialog *self);
char               *pacta_invoice_dialog_credit_lines  (PactaInvoiceDialog *self,
                                                        GArray             *positions);
gboolean            pacta_invoice_dialog_save_pdf      (PactaInvoiceDialog *self,
                                                        GFile              *file);
guint               pacta_invoice_dialog_get_n_lines   (PactaInvoiceDialog *self);
gboolean            pacta_invoice_dialog_correct       (PactaInvoiceDialog *self);
AdwMessageDialog   *pacta_invoice_dialog_get_mail_question (PactaInvoiceDialog *self);

G_END_DECLS
