/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-parts-editor.h: the editable list of a contract's parts */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PACTA_TYPE_PARTS_EDITOR (pacta_parts_editor_get_type ())

G_DECLARE_FINAL_TYPE (PactaPartsEditor, pacta_parts_editor, PACTA, PARTS_EDITOR, GtkWidget)

GtkWidget  *pacta_parts_editor_new               (void);
void        pacta_parts_editor_set_catalog       (PactaPartsEditor *self,
                                                  GListModel       *catalog);
void        pacta_parts_editor_set_parts         (PactaPartsEditor *self,
                                                  GListModel       *parts);
GListModel *pacta_parts_editor_get_parts         (PactaPartsEditor *self);
void        pacta_parts_editor_set_default_start (PactaPartsEditor *self,
                                                  const char       *start_date);
void        pacta_parts_editor_set_currency  (PactaPartsEditor *self,
                                                  const char       *currency);
guint       pacta_parts_editor_get_n_invalid     (PactaPartsEditor *self);

G_END_DECLS
