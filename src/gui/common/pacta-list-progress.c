/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-list-progress.c: long lists filled a step at a time, their progress shown.
 *
 * A page's list is its store through a GtkFilterListModel and a
 * GtkSortListModel, which read every row: tens of thousands of tickets take
 * a second or two. Filtering and sorting incrementally, GTK looks at the
 * rows a few hundred at a time between frames, so the page shows at once
 * and fills as the rows are read, while the count says how far it has got.
 * (Sorting a step at a time matters as much: a sorter told of each step's
 * rows at once sorts everything again for each.)
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "pacta-list-progress.h"

/**
 * pacta_list_progress_set_source:
 * @filter: the list's filter, over @source
 * @sort: the list's sorter, over @filter
 * @source: (nullable): the rows
 *
 * Sets the rows @filter filters and @sort sorts: a step at a time in the
 * background when there are more than %PACTA_LIST_STEP_ROWS of them, all
 * at once otherwise.
 */
void
pacta_list_progress_set_source (GtkFilterListModel *filter,
                                GtkSortListModel   *sort,
                                GListModel         *source)
{
  gboolean steps;

  g_return_if_fail (GTK_IS_FILTER_LIST_MODEL (filter));
  g_return_if_fail (GTK_IS_SORT_LIST_MODEL (sort));
  g_return_if_fail (source == NULL || G_IS_LIST_MODEL (source));

  /* Only ever switched with no rows: GTK 4.8 switching it off midway
   * finishes the work in one go, and frees what it then frees again */
  gtk_filter_list_model_set_model (filter, NULL);
  if (source == NULL)
    return;
  steps = g_list_model_get_n_items (source) > PACTA_LIST_STEP_ROWS;
  gtk_filter_list_model_set_incremental (filter, steps);
  gtk_sort_list_model_set_incremental (sort, steps);
  gtk_filter_list_model_set_model (filter, source);
}

/**
 * pacta_list_progress_is_busy:
 *
 * Returns: whether @filter or @sort still have rows to look at
 */
gboolean
pacta_list_progress_is_busy (GtkFilterListModel *filter,
                             GtkSortListModel   *sort)
{
  return gtk_filter_list_model_get_pending (filter) > 0 || gtk_sort_list_model_get_pending (sort) > 0;
}

static gboolean
every_row (gpointer item,
           gpointer user_data)
{
  return TRUE;
}

/**
 * pacta_list_progress_filter_new:
 *
 * A filter that lets every row through, for a list whose filters may all
 * be empty: GTK hands every row of a list whose filter matches everything
 * to its sorter at once, reading them all, but looks at them a step at a
 * time through this one.
 *
 * Returns: (transfer full): the filter
 */
GtkFilter *
pacta_list_progress_filter_new (void)
{
  return GTK_FILTER (gtk_custom_filter_new (every_row, NULL, NULL));
}

/**
 * pacta_list_progress_dup_label:
 *
 * Returns: (transfer full) (nullable): how far @filter and @sort have got,
 *   as the count label says it while rows remain to be looked at, or %NULL
 *   once all of them have been
 */
char *
pacta_list_progress_dup_label (GtkFilterListModel *filter,
                               GtkSortListModel   *sort)
{
  GListModel *source;
  guint pending, total;

  g_return_val_if_fail (GTK_IS_FILTER_LIST_MODEL (filter), NULL);
  g_return_val_if_fail (GTK_IS_SORT_LIST_MODEL (sort), NULL);

  pending = gtk_filter_list_model_get_pending (filter);
  source = gtk_filter_list_model_get_model (filter);
  total = source != NULL ? g_list_model_get_n_items (source) : 0;
  if (pending > 0 && total > 0)
    /* Translators: the rows of a long list read so far, in percent */
    return g_strdup_printf (_("Loading… %u %%"), (guint)((guint64)(total - MIN (pending, total)) * 100 / total));
  if (gtk_sort_list_model_get_pending (sort) > 0)
    return g_strdup (_("Sorting…"));
  return NULL;
}

/**
 * pacta_list_progress_page_new:
 * @title: what is being loaded, such as “Loading Tickets…”
 *
 * Returns: (transfer full): what a list shows while its first rows are
 *   still being looked for
 */
GtkWidget *
pacta_list_progress_page_new (const char *title)
{
  GtkWidget *page = adw_status_page_new ();
  GtkWidget *spinner = gtk_spinner_new ();

  adw_status_page_set_title (ADW_STATUS_PAGE (page), title);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_status_page_set_child (ADW_STATUS_PAGE (page), spinner);
  return page;
}
