/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-a11y.h: accessible names that GTK 4.8 computes wrongly, set right */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void       pacta_a11y_fix_mnemonic         (GtkWidget  *widget);
void       pacta_a11y_fix_mnemonics        (GtkWidget  *root);
void       pacta_a11y_set_label            (GtkWidget  *widget,
                                            const char *label);
GtkWidget *pacta_a11y_button_new_with_mnemonic (const char *label);
void       pacta_a11y_set_row_label        (GtkWidget  *cell_child,
                                            const char *label);
void       pacta_a11y_set_cell_label       (GtkWidget  *cell_child,
                                            const char *label);
void       pacta_a11y_name_expander_row    (AdwExpanderRow *row);
char      *pacta_a11y_summary              (const char * const *parts,
                                            gsize               n_parts);
void       pacta_a11y_name_preferences_search (AdwPreferencesWindow *window);
void       pacta_a11y_name_column_view_header (GtkColumnView *view);
void       pacta_a11y_name_drop_down       (GtkDropDown *drop_down,
                                            const char  *label,
                                            const char  *search_label);

G_END_DECLS
