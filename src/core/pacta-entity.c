/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-entity.c: what the entities (plain GObjects with properties) share: copying
 * one property by property, and the words for their stored codes */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pacta-entity.h"

/**
 * pacta_entity_copy_properties:
 * @properties: the entity's own properties, as installed: [0] unused, as
 *   the PROP_0 of its enum
 * @n_props: the length of @properties (N_PROPS)
 *
 * Sets every property of @to to its value in @from, in the order they
 * were installed: what the entities' copy functions do after making @to.
 */
void
pacta_entity_copy_properties (gpointer     from,
                              gpointer     to,
                              GParamSpec **properties,
                              guint        n_props)
{
  g_return_if_fail (G_IS_OBJECT (from));
  g_return_if_fail (G_IS_OBJECT (to));

  for (guint i = 1; i < n_props; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_object_get_property (G_OBJECT (from), properties[i]->name, &value);
      g_object_set_property (G_OBJECT (to), properties[i]->name, &value);
    }
}

/**
 * pacta_entity_label:
 * @labels: the codes and their words, marked NC_() with @context, or N_()
 * @context: (nullable): the translation context of every label
 * @code: (nullable): a code as stored
 *
 * Returns: the translated words for @code; @code itself when it is none of
 *   @labels (a value from a newer Pacta or the platform), "" for %NULL
 */
const char *
pacta_entity_label (const PactaEntityLabel *labels,
                    gsize                   n_labels,
                    const char             *context,
                    const char             *code)
{
  for (gsize i = 0; i < n_labels; i++)
    if (g_strcmp0 (code, labels[i].code) == 0)
      return context != NULL ? g_dpgettext2 (GETTEXT_PACKAGE, context, labels[i].label) : _(labels[i].label);
  return code != NULL ? code : "";
}
