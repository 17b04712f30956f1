/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-parts-editor-private.h: hooks for the tests into PactaPartsEditor — included by pacta-parts-editor.c and tests/ only */
#pragma once

#include "pacta-parts-editor.h"

G_BEGIN_DECLS

void        pacta_parts_editor_set_price_text    (PactaPartsEditor *self,
                                                  guint             position,
                                                  const char       *text);
void        pacta_parts_editor_set_field_text    (PactaPartsEditor *self,
                                                  guint             position,
                                                  const char       *field,
                                                  const char       *text);
const char *pacta_parts_editor_get_field_text    (PactaPartsEditor *self,
                                                  guint             position,
                                                  const char       *field);

G_END_DECLS
