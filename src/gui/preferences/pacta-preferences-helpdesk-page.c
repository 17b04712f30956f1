/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-helpdesk-page.c: the helpdesk staff — the people tickets can be assigned to, and adding one. */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-preferences-helpdesk-page-private.h"

struct _PactaPreferencesHelpdeskPage
{
  AdwPreferencesPage   parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *staff_group;

  /* Owned */
  PactaContext        *context;
  GPtrArray           *staff_rows;   /* the staff's rows, borrowed from the group */
};

G_DEFINE_FINAL_TYPE (PactaPreferencesHelpdeskPage, pacta_preferences_helpdesk_page, ADW_TYPE_PREFERENCES_PAGE)

/* The preferences window shows it */
static void
toast (PactaPreferencesHelpdeskPage *self,
       const char                   *text)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "preferences.toast", "s", text);
}

static void
reload_staff (PactaPreferencesHelpdeskPage *self)
{
  g_auto(GStrv) staff = NULL;

  for (guint i = 0; i < self->staff_rows->len; i++)
    adw_preferences_group_remove (self->staff_group, g_ptr_array_index (self->staff_rows, i));
  g_ptr_array_set_size (self->staff_rows, 0);

  if (self->context == NULL)
    return;

  staff = pacta_context_list_staff (self->context, NULL);
  for (guint i = 0; staff != NULL && staff[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), staff[i]);
      adw_preferences_group_add (self->staff_group, row);
      g_ptr_array_add (self->staff_rows, row);
    }
}

static void
on_staff_applied_cb (PactaPreferencesHelpdeskPage *self,
                     AdwEntryRow                  *row)
{
  g_autoptr(GError) error = NULL;

  if (!pacta_context_add_staff (self->context, gtk_editable_get_text (GTK_EDITABLE (row)), &error))
    {
      toast (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  reload_staff (self);
}

static void
pacta_preferences_helpdesk_page_dispose (GObject *object)
{
  PactaPreferencesHelpdeskPage *self = (PactaPreferencesHelpdeskPage *)object;

  g_clear_pointer (&self->staff_rows, g_ptr_array_unref);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_PREFERENCES_HELPDESK_PAGE);

  G_OBJECT_CLASS (pacta_preferences_helpdesk_page_parent_class)->dispose (object);
}

static void
pacta_preferences_helpdesk_page_class_init (PactaPreferencesHelpdeskPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_preferences_helpdesk_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pacta/Pacta/ui/preferences/pacta-preferences-helpdesk-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesHelpdeskPage, staff_group);
  gtk_widget_class_bind_template_callback (widget_class, on_staff_applied_cb);
}

static void
pacta_preferences_helpdesk_page_init (PactaPreferencesHelpdeskPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->staff_rows = g_ptr_array_new ();
}

void
pacta_preferences_helpdesk_page_set_context (PactaPreferencesHelpdeskPage *self,
                                             PactaContext                 *context)
{
  g_return_if_fail (PACTA_IS_PREFERENCES_HELPDESK_PAGE (self));
  g_return_if_fail (context == NULL || PACTA_IS_CONTEXT (context));

  if (g_set_object (&self->context, context))
    reload_staff (self);
}

/* For tests: adds a staff member as the entry's apply button would */
gboolean
pacta_preferences_helpdesk_page_add_staff (PactaPreferencesHelpdeskPage *self,
                                           const char                   *name)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PACTA_IS_PREFERENCES_HELPDESK_PAGE (self), FALSE);

  if (!pacta_context_add_staff (self->context, name, &error))
    return FALSE;
  reload_staff (self);
  return TRUE;
}

guint
pacta_preferences_helpdesk_page_get_n_staff (PactaPreferencesHelpdeskPage *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_HELPDESK_PAGE (self), 0);

  return self->staff_rows->len;
}
