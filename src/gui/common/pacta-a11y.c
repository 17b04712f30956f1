/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-a11y.c: accessible names that GTK 4.8 computes wrongly, set right.
 *
 * GTK 4.8 names a control from its label property and then from every
 * widget it is labelled by, one after the other. A button with a mnemonic
 * gets both its raw text and its label child ("_Add Add"); a switch with a
 * name of its own in a row that labels it gets the title twice. Orca reads
 * that, underscore and all. Setting the label and dropping the relation
 * leaves one name, said once; it is set again whenever the text changes. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pacta-a11y.h"

#define EXPLICIT_LABEL "pacta-a11y-label"
#define WATCHED "pacta-a11y-watched"
#define APPLIED "pacta-a11y-applied"

/* "C_reate" → "Create", "__" → "_": what the label shows */
static char *
strip_mnemonic (const char *text)
{
  GString *plain = g_string_sized_new (strlen (text));

  for (const char *c = text; *c != '\0'; c++)
    {
      if (*c == '_')
        {
          c++;
          if (*c == '\0')
            break;
        }
      g_string_append_c (plain, *c);
    }
  return g_string_free (plain, FALSE);
}

static gboolean
get_mnemonic_label (GtkWidget   *widget,
                    const char **label)
{
  if (GTK_IS_BUTTON (widget))
    {
      *label = gtk_button_get_label (GTK_BUTTON (widget));
      return gtk_button_get_use_underline (GTK_BUTTON (widget));
    }
  if (GTK_IS_CHECK_BUTTON (widget))
    {
      *label = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));
      return gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (widget));
    }
  if (GTK_IS_MENU_BUTTON (widget))
    {
      *label = gtk_menu_button_get_label (GTK_MENU_BUTTON (widget));
      return gtk_menu_button_get_use_underline (GTK_MENU_BUTTON (widget));
    }
  *label = NULL;
  return FALSE;
}

static void
apply (GtkWidget *widget)
{
  const char *explicit = g_object_get_data (G_OBJECT (widget), EXPLICIT_LABEL);
  g_autofree char *plain = NULL;
  const char *label;

  if (explicit == NULL)
    {
      /* Without a mnemonic, GTK names it from its label alone, rightly:
       * what was set for one it had before goes */
      if (!get_mnemonic_label (widget, &label) || label == NULL)
        {
          if (g_object_get_data (G_OBJECT (widget), APPLIED) != NULL)
            gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
          g_object_set_data (G_OBJECT (widget), APPLIED, NULL);
          return;
        }
      explicit = plain = strip_mnemonic (label);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, explicit, -1);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  g_object_set_data (G_OBJECT (widget), APPLIED, GINT_TO_POINTER (TRUE));
}

static void
on_label_notify_cb (GtkWidget  *widget,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  apply (widget);
}

static void
watch (GtkWidget *widget)
{
  if (g_object_get_data (G_OBJECT (widget), WATCHED) != NULL)
    return;
  g_object_set_data (G_OBJECT (widget), WATCHED, GINT_TO_POINTER (TRUE));
  /* The button makes a new label child, labelled-by relation and all, when
   * its text or its use of underlines changes */
  g_signal_connect (widget, "notify::label", G_CALLBACK (on_label_notify_cb), NULL);
  g_signal_connect (widget, "notify::use-underline", G_CALLBACK (on_label_notify_cb), NULL);
  /* … and a row labels it when it becomes the row's activatable widget,
   * which may come after: set again once it is in place */
  g_signal_connect (widget, "map", G_CALLBACK (apply), NULL);
}

/**
 * pacta_a11y_fix_mnemonic:
 * @widget: a #GtkButton, #GtkCheckButton or #GtkMenuButton
 *
 * Names @widget by its text without the mnemonic's underscore, said once,
 * now and whenever its text changes.
 */
void
pacta_a11y_fix_mnemonic (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  watch (widget);
  apply (widget);
}

/**
 * pacta_a11y_fix_mnemonics:
 * @root: a widget, such as a template just initialised
 *
 * pacta_a11y_fix_mnemonic() on every button, check button and menu button
 * in @root that has a mnemonic.
 */
void
pacta_a11y_fix_mnemonics (GtkWidget *root)
{
  const char *label;

  g_return_if_fail (GTK_IS_WIDGET (root));

  if (get_mnemonic_label (root, &label))
    pacta_a11y_fix_mnemonic (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    pacta_a11y_fix_mnemonics (child);
}

/**
 * pacta_a11y_set_label:
 * @widget: a control
 * @label: its accessible name
 *
 * Names @widget @label alone: not followed by the label of a mnemonic or by
 * the title of the row that it is the activatable widget of, which GTK 4.8
 * would add to it. Call it after adw_action_row_set_activatable_widget():
 * it is set again when the text changes or @widget is mapped, but a row
 * inside a collapsed expander row is not mapped.
 */
void
pacta_a11y_set_label (GtkWidget  *widget,
                      const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (label != NULL);

  g_object_set_data_full (G_OBJECT (widget), EXPLICIT_LABEL, g_strdup (label), g_free);
  watch (widget);
  apply (widget);
}

/**
 * pacta_a11y_button_new_with_mnemonic:
 *
 * gtk_button_new_with_mnemonic(), named as its label reads.
 */
GtkWidget *
pacta_a11y_button_new_with_mnemonic (const char *label)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  pacta_a11y_fix_mnemonic (button);
  return button;
}

/**
 * pacta_a11y_set_row_label:
 * @cell_child: the widget a list item factory made for a row or a cell
 * @label: what the row is, for a screen reader
 *
 * Names the row that @cell_child is in: the list's own row widget, which is
 * what takes the focus. GTK 4.8 has no gtk_list_item_set_accessible_label()
 * (4.12), and without a name a row is read as "GtkListItemWidget". In a
 * column view the row is the parent of the cell.
 */
void
pacta_a11y_set_row_label (GtkWidget  *cell_child,
                          const char *label)
{
  GtkWidget *row;

  g_return_if_fail (GTK_IS_WIDGET (cell_child));

  row = gtk_widget_get_parent (cell_child);
  if (row != NULL && g_str_equal (gtk_widget_get_css_name (row), "cell"))
    row = gtk_widget_get_parent (row);
  if (row == NULL)
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/**
 * pacta_a11y_summary:
 * @parts: (array length=n_parts): what a row says, in order; %NULL or empty
 *   ones are left out
 *
 * Returns: @parts joined by commas, a row's accessible name
 */
char *
pacta_a11y_summary (const char * const *parts,
                    gsize               n_parts)
{
  GString *summary = g_string_new (NULL);

  for (gsize i = 0; i < n_parts; i++)
    if (parts[i] != NULL && *parts[i] != '\0')
      g_string_append_printf (summary, "%s%s", summary->len > 0 ? ", " : "", parts[i]);
  return g_string_free (summary, FALSE);
}

/**
 * pacta_a11y_set_cell_label:
 * @cell_child: the widget a column view's factory made for a cell
 * @label: what the cell shows
 *
 * Names the cell that @cell_child is in, which GTK 4.8 leaves unnamed: a
 * screen reader moving through the table's cells says "GtkColumnViewCell".
 */
void
pacta_a11y_set_cell_label (GtkWidget  *cell_child,
                           const char *label)
{
  GtkWidget *cell;

  g_return_if_fail (GTK_IS_WIDGET (cell_child));

  cell = gtk_widget_get_parent (cell_child);
  if (cell != NULL && g_str_equal (gtk_widget_get_css_name (cell), "cell"))
    gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    label != NULL ? label : "", -1);
}

static void
on_expander_row_notify_cb (AdwExpanderRow *row)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  const char *subtitle = adw_expander_row_get_subtitle (row);
  g_autofree char *label = NULL;

  if (subtitle != NULL && *subtitle != '\0')
    label = g_strdup_printf ("%s, %s", title, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label != NULL ? label : title, -1);
}

/**
 * pacta_a11y_name_expander_row:
 * @row: an #AdwExpanderRow without markup in its title and subtitle
 *
 * Names @row by its title and subtitle, now and when they change:
 * libadwaita 1.2 leaves an expander row unnamed, and a screen reader's
 * user does not hear which one of a list it is.
 */
void
pacta_a11y_name_expander_row (AdwExpanderRow *row)
{
  g_return_if_fail (ADW_IS_EXPANDER_ROW (row));

  g_signal_connect (row, "notify::title", G_CALLBACK (on_expander_row_notify_cb), NULL);
  g_signal_connect (row, "notify::subtitle", G_CALLBACK (on_expander_row_notify_cb), NULL);
  on_expander_row_notify_cb (row);
}

/**
 * pacta_a11y_name_column_view_header:
 * @view: a #GtkColumnView
 *
 * Names the row of column titles over @view, which GTK 4.8 leaves unnamed:
 * a screen reader says "GtkListItemWidget".
 */
void
pacta_a11y_name_column_view_header (GtkColumnView *view)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view)); child;
       child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (gtk_widget_get_css_name (child), "header"))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Column titles"), -1);
}

static GtkWidget *
find_search_entry (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_SEARCH_ENTRY (child))
        return child;
      if ((found = find_search_entry (child)))
        return found;
    }
  return NULL;
}

static void
name_search_widgets (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TOGGLE_BUTTON (child) &&
          g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (child)), "edit-find-symbolic") == 0)
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search"), -1);
      else if (GTK_IS_SEARCH_ENTRY (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Search preferences"), -1);
      name_search_widgets (child);
    }
}

/**
 * pacta_a11y_name_preferences_search:
 * @window: an #AdwPreferencesWindow with search enabled
 *
 * Names the search button and entry of @window, which libadwaita 1.2 leaves
 * unnamed: a screen reader says "GtkImage" and "GtkSearchEntry". Call it
 * before adding pages with search entries of their own.
 */
void
pacta_a11y_name_preferences_search (AdwPreferencesWindow *window)
{
  g_return_if_fail (ADW_IS_PREFERENCES_WINDOW (window));

  name_search_widgets (GTK_WIDGET (window));
}

/* What the drop-down shows of its selected item, or NULL */
static char *
selected_text (GtkDropDown *drop_down)
{
  gpointer item = gtk_drop_down_get_selected_item (drop_down);
  GtkExpression *expression = gtk_drop_down_get_expression (drop_down);
  g_auto(GValue) value = G_VALUE_INIT;
  GParamSpec *pspec;

  if (item == NULL)
    return NULL;
  if (expression != NULL && gtk_expression_evaluate (expression, item, &value) &&
      G_VALUE_HOLDS_STRING (&value))
    return g_value_dup_string (&value);
  if (GTK_IS_STRING_OBJECT (item))
    return g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
  /* Without an expression, a list of our entities shows their names */
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (item), "name");
  if (pspec != NULL && pspec->value_type == G_TYPE_STRING)
    {
      char *name = NULL;

      g_object_get (item, "name", &name, NULL);
      return name;
    }
  return NULL;
}

static void
on_selected_item_notify_cb (GtkDropDown *drop_down)
{
  const char *label = g_object_get_data (G_OBJECT (drop_down), EXPLICIT_LABEL);
  g_autofree char *text = selected_text (drop_down);
  g_autofree char *name = NULL;

  /* What takes the focus is the drop-down's button, which GTK 4.8 leaves
   * unnamed: a screen reader says its type name, not what it chooses */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (drop_down)); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      {
        if (text != NULL && *text != '\0')
          /* Translators: a drop-down's accessible name: what it chooses, then what is chosen */
          name = g_strdup_printf (C_("drop-down", "%s: %s"), label, text);
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        name != NULL ? name : label, -1);
      }
}

/**
 * pacta_a11y_name_drop_down:
 * @drop_down: a #GtkDropDown
 * @label: what it chooses, such as “Customer”
 * @search_label: (nullable): what its search entry searches, such as
 *   “Search customers”, with enable-search
 *
 * Names @drop_down, the button in it that takes the focus (with what is
 * chosen, kept up to date) and its list's search entry, all of which
 * GTK 4.8 leaves unnamed.
 */
void
pacta_a11y_name_drop_down (GtkDropDown *drop_down,
                           const char  *label,
                           const char  *search_label)
{
  GtkWidget *entry;

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));
  g_return_if_fail (label != NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (g_object_get_data (G_OBJECT (drop_down), EXPLICIT_LABEL) == NULL)
    g_signal_connect (drop_down, "notify::selected-item", G_CALLBACK (on_selected_item_notify_cb), NULL);
  g_object_set_data_full (G_OBJECT (drop_down), EXPLICIT_LABEL, g_strdup (label), g_free);
  on_selected_item_notify_cb (drop_down);

  entry = find_search_entry (GTK_WIDGET (drop_down));
  if (entry != NULL && search_label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, search_label, -1);
}
