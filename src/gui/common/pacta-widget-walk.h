/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-widget-walk.h: finding a tagged entry row among a widget's descendants */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *pacta_find_field_row (GtkWidget  *root,
                                 int         field,
                                 const char *tag);

G_END_DECLS
