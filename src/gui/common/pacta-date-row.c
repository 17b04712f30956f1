/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-date-row.c: dates are typed as YYYY-MM-DD or picked from a calendar popover (the button: pacta-date-row.ui) */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-clock.h"
#include "pacta-date-row.h"

static void
on_day_selected_cb (GtkCalendar *calendar,
                    AdwEntryRow *row)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
on_popover_show_cb (GtkPopover  *popover,
                    AdwEntryRow *row)
{
  GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (popover));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *iso = g_strdup_printf ("%sT00:00:00Z", text);
  g_autoptr(GDateTime) date = g_date_time_new_from_iso8601 (iso, NULL);

  /* Open on the date already typed, so the user moves from there; on
   * today by the app's clock when there is none */
  if (date == NULL)
    date = pacta_now ();
  g_signal_handlers_block_by_func (calendar, on_day_selected_cb, row);
  gtk_calendar_select_day (calendar, date);
  g_signal_handlers_unblock_by_func (calendar, on_day_selected_cb, row);
}

void
pacta_date_row_add_calendar (AdwEntryRow *row)
{
  pacta_date_row_add_calendar_named (row, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
}

/* @name: what the date is, for the button's accessible name */
void
pacta_date_row_add_calendar_named (AdwEntryRow *row,
                                   const char  *name)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *button;
  g_autofree char *label = NULL;

  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "on_day_selected_cb", G_CALLBACK (on_day_selected_cb),
                                           "on_popover_show_cb", G_CALLBACK (on_popover_show_cb),
                                           NULL);
  gtk_builder_set_scope (builder, scope);
  /* What the handlers are given */
  gtk_builder_set_current_object (builder, G_OBJECT (row));
  if (!gtk_builder_add_from_resource (builder, "/io/github/pacta/Pacta/ui/common/pacta-date-row.ui", &error))
    g_error ("%s", error->message);
  button = GTK_WIDGET (gtk_builder_get_object (builder, "button"));

  /* Translators: accessible name of a date field's calendar button; %s is the field */
  label = g_strdup_printf (_("Choose %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_tooltip_text (button, label);

  adw_entry_row_add_suffix (row, button);
}
