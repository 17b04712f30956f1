/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-numbering-editor.h: pattern, next number and reset of a number sequence, with a live preview */
#pragma once

#include <adwaita.h>

#include "pacta-numbering.h"

G_BEGIN_DECLS

#define PACTA_TYPE_NUMBERING_EDITOR (pacta_numbering_editor_get_type ())

G_DECLARE_FINAL_TYPE (PactaNumberingEditor, pacta_numbering_editor, PACTA, NUMBERING_EDITOR, AdwPreferencesGroup)

GtkWidget  *pacta_numbering_editor_new           (void);
void        pacta_numbering_editor_set_numbering (PactaNumberingEditor  *self,
                                                  const PactaNumbering  *numbering);
gboolean    pacta_numbering_editor_apply         (PactaNumberingEditor  *self,
                                                  PactaNumbering        *numbering,
                                                  GError               **error);
void        pacta_numbering_editor_set_date      (PactaNumberingEditor  *self,
                                                  const char            *date);

G_END_DECLS
