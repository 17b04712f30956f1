/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-window-private.h: hooks for the tests into PactaWindow — included by pacta-window.c and tests/ only */
#pragma once

#include "pacta-window.h"
#include "pacta-banner.h"

G_BEGIN_DECLS

GtkWidget    *pacta_window_get_customers_page (PactaWindow   *self);
GtkWidget    *pacta_window_get_sales_page    (PactaWindow    *self);
GtkWidget    *pacta_window_get_helpdesk_page (PactaWindow    *self);
const char   *pacta_window_get_visible_page  (PactaWindow    *self);
void          pacta_window_import_billing_file (PactaWindow *self,
                                                GFile       *file);

/* The warning about invoice records not sent */
PactaBanner *pacta_window_get_records_banner (PactaWindow *self);

G_END_DECLS
