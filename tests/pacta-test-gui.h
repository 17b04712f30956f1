/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-test-gui.h: helpers shared by the in-process GTK tests */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

char         *pacta_test_gui_init        (int          *argc,
                                          char       ***argv);
PactaContext *pacta_test_open_context    (const char   *dir,
                                          gboolean      demo);
void          pacta_test_drain_events    (void);
void          pacta_test_wait_until      (gboolean    (*done) (gpointer data),
                                          gpointer      data);
void          pacta_test_wait_frame      (GtkWidget    *window);

/* What pacta_test_wait_until() waits for */
gboolean      pacta_test_is_set          (gpointer      flag);
gboolean      pacta_test_sales_loaded    (gpointer      page);
gboolean      pacta_test_helpdesk_loaded (gpointer      page);
gboolean      pacta_test_run_finished    (gpointer      dialog);

GtkWidget    *pacta_test_find_widget     (GtkWidget    *root,
                                          GType         type,
                                          const char   *label);
void          pacta_test_find_all        (GtkWidget    *root,
                                          GType         type,
                                          GPtrArray    *found);
GtkWidget    *pacta_test_find_row        (GtkWidget    *root,
                                          const char   *title);
GtkWidget    *pacta_test_find_button     (GtkWidget    *root,
                                          const char   *label);
GtkWindow    *pacta_test_find_toplevel   (GType         type,
                                          gboolean      shown_only);
int           pacta_test_min_width       (GtkWidget    *widget);
gboolean      pacta_test_save_png        (GtkWidget    *window,
                                          const char   *path);

G_END_DECLS
