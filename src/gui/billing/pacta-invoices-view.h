/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-invoices-view.h: the Invoices tab — issued invoices and credit notes, filters, export */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_INVOICES_VIEW (pacta_invoices_view_get_type ())

G_DECLARE_FINAL_TYPE (PactaInvoicesView, pacta_invoices_view, PACTA, INVOICES_VIEW, GtkWidget)

GtkWidget *pacta_invoices_view_new          (void);
void       pacta_invoices_view_set_context  (PactaInvoicesView *self,
                                             PactaContext      *context);
gboolean   pacta_invoices_view_get_narrow   (PactaInvoicesView *self);
void       pacta_invoices_view_set_narrow   (PactaInvoicesView *self,
                                             gboolean           narrow);

G_END_DECLS
