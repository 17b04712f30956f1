/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-search-filter.c: the search of every list, ignoring case and accents
 *
 * A GtkStringFilter over the property's pacta_text_search_key(), searched
 * with the key of what was typed: “clinica” finds “Clínica” in the tickets,
 * contracts and sales items as it does in the customers. */
#include "config.h"

#include "pacta-search-filter.h"
#include "pacta-text.h"

static char *
search_key_cb (GObject    *item,
               const char *text,
               gpointer    user_data)
{
  return pacta_text_search_key (text);
}

/**
 * pacta_search_filter_new:
 * @item_type: the type of the list's items
 * @property: the string property searched
 *
 * Returns: (transfer full): a filter that matches part of the property
 */
GtkStringFilter *
pacta_search_filter_new (GType       item_type,
                         const char *property)
{
  GtkExpression *value = gtk_property_expression_new (item_type, NULL, property);
  GtkStringFilter *filter;

  filter = gtk_string_filter_new (gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 1, &value,
                                                               G_CALLBACK (search_key_cb), NULL, NULL));
  gtk_string_filter_set_ignore_case (filter, TRUE);
  gtk_string_filter_set_match_mode (filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  return filter;
}

/**
 * pacta_search_filter_set_search:
 * @text: (nullable): as typed; empty or %NULL shows everything
 */
void
pacta_search_filter_set_search (GtkStringFilter *filter,
                                const char      *text)
{
  g_autofree char *key = NULL;

  g_return_if_fail (GTK_IS_STRING_FILTER (filter));

  if (text != NULL && text[0] != '\0')
    key = pacta_text_search_key (text);
  gtk_string_filter_set_search (filter, key);
}
