/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-list-progress.h: long lists filled a step at a time, their progress shown */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Lists of more rows than this are looked at a step at a time in the
 * background, so that showing one never waits for every row to be read */
#define PACTA_LIST_STEP_ROWS 1000

void       pacta_list_progress_set_source (GtkFilterListModel *filter,
                                           GtkSortListModel   *sort,
                                           GListModel         *source);
gboolean   pacta_list_progress_is_busy    (GtkFilterListModel *filter,
                                           GtkSortListModel   *sort);
GtkFilter *pacta_list_progress_filter_new (void);
char      *pacta_list_progress_dup_label  (GtkFilterListModel *filter,
                                           GtkSortListModel   *sort);
GtkWidget *pacta_list_progress_page_new   (const char         *title);

G_END_DECLS
