/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-widget-walk.c: finding a tagged entry row among a widget's descendants — the row an
 * editor made for one field of one part or line, which the tests type into */
#include "config.h"

#include "pacta-widget-walk.h"

/**
 * pacta_find_field_row:
 * @root: where to look, e.g. a part's expander row
 * @field: the value of the row's "pacta-field" data
 * @tag: (nullable): data the row must carry as well
 *
 * Returns: (transfer none) (nullable): the first such #AdwEntryRow below
 *   @root, depth first
 */
GtkWidget *
pacta_find_field_row (GtkWidget  *root,
                      int         field,
                      const char *tag)
{
  for (GtkWidget *w = gtk_widget_get_first_child (root); w != NULL; )
    {
      if (ADW_IS_ENTRY_ROW (w) && (tag == NULL || g_object_get_data (G_OBJECT (w), tag) != NULL) &&
          GPOINTER_TO_INT (g_object_get_data (G_OBJECT (w), "pacta-field")) == field)
        return w;
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && w != root && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = (w == NULL || w == root) ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  return NULL;
}
