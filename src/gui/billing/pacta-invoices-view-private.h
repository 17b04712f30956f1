/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-invoices-view-private.h: hooks for the tests into PactaInvoicesView — included by pacta-invoices-view.c and tests/ only */
#pragma once

#include "pacta-invoices-view.h"

G_BEGIN_DECLS

guint      pacta_invoices_view_get_n_visible (PactaInvoicesView *self);
void       pacta_invoices_view_set_search   (PactaInvoicesView *self,
                                             const char        *text);
void       pacta_invoices_view_set_filter   (PactaInvoicesView *self,
                                             guint              filter);
gboolean   pacta_invoices_view_is_exporting (PactaInvoicesView *self);
void       pacta_invoices_view_start_export (PactaInvoicesView *self,
                                             GFile             *folder);
void       pacta_invoices_view_press_export (PactaInvoicesView *self);
void       pacta_invoices_view_export_to    (PactaInvoicesView *self,
                                             GFile             *folder);

G_END_DECLS
