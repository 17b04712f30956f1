/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-numbering-editor-private.h: hooks for the tests into PactaNumberingEditor — included by pacta-numbering-editor.c and tests/ only */
#pragma once

#include "pacta-numbering-editor.h"

G_BEGIN_DECLS

const char *pacta_numbering_editor_get_preview   (PactaNumberingEditor  *self);
void        pacta_numbering_editor_set_pattern   (PactaNumberingEditor  *self,
                                                  const char            *pattern);
void        pacta_numbering_editor_set_next      (PactaNumberingEditor  *self,
                                                  gint64                 next);

G_END_DECLS
