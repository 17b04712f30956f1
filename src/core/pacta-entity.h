/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-entity.h: what the entities (plain GObjects with properties) share */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A code as stored and the words shown for it, marked N_() or NC_() */
typedef struct
{
  const char *code;
  const char *label;
} PactaEntityLabel;

void        pacta_entity_copy_properties (gpointer                 from,
                                          gpointer                 to,
                                          GParamSpec             **properties,
                                          guint                    n_props);
const char *pacta_entity_label           (const PactaEntityLabel  *labels,
                                          gsize                    n_labels,
                                          const char              *context,
                                          const char              *code);

G_END_DECLS
