/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-date-row.c: dates are typed as YYYY-MM-DD or picked from a calendar popover */
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
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();
  g_autofree char *label = NULL;

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  /* Translators: accessible name of a date field's calendar button; %s is the field */
  label = g_strdup_printf (_("Choose %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_tooltip_text (button, label);

  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  g_signal_connect (calendar, "day-selected", G_CALLBACK (on_day_selected_cb), row);
  g_signal_connect (popover, "show", G_CALLBACK (on_popover_show_cb), row);

  adw_entry_row_add_suffix (row, button);
}
