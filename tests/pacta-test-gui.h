/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-test-gui.h: helpers shared by the in-process GTK tests */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

PactaContext *pacta_test_open_context (const char  *dir,
                                       gboolean     demo);
void          pacta_test_drain_events (void);
void          pacta_test_wait_until   (gboolean   (*done) (gpointer data),
                                       gpointer     data);
GtkWidget    *pacta_test_find_widget  (GtkWidget   *root,
                                       GType        type,
                                       const char  *label);
GtkWidget    *pacta_test_find_row     (GtkWidget   *root,
                                       const char  *title);

G_END_DECLS
