/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-search-filter.h: the search of every list, ignoring case and accents */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkStringFilter *pacta_search_filter_new        (GType            item_type,
                                                 const char      *property);
void             pacta_search_filter_set_search (GtkStringFilter *filter,
                                                 const char      *text);

G_END_DECLS
