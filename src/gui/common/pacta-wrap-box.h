/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-wrap-box.h: a toolbar whose children flow onto further lines when the window is narrow */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PACTA_TYPE_WRAP_BOX (pacta_wrap_box_get_type ())

G_DECLARE_FINAL_TYPE (PactaWrapBox, pacta_wrap_box, PACTA, WRAP_BOX, GtkWidget)

GtkWidget *pacta_wrap_box_new             (void);
void       pacta_wrap_box_append          (PactaWrapBox *self,
                                           GtkWidget    *child);
int        pacta_wrap_box_get_spacing     (PactaWrapBox *self);
void       pacta_wrap_box_set_spacing     (PactaWrapBox *self,
                                           int           spacing);
int        pacta_wrap_box_get_line_spacing (PactaWrapBox *self);
void       pacta_wrap_box_set_line_spacing (PactaWrapBox *self,
                                            int           spacing);
GtkJustification pacta_wrap_box_get_justify (PactaWrapBox     *self);
void       pacta_wrap_box_set_justify     (PactaWrapBox     *self,
                                           GtkJustification  justify);
guint      pacta_wrap_box_get_n_lines     (PactaWrapBox *self);

void       pacta_wrap_button_label        (GtkWidget    *button);

G_END_DECLS
