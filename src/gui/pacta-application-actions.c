/* pacta-application-actions.c: the app-wide actions (about, quit) and their shortcuts */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-application.h"

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *application = GTK_APPLICATION (user_data);
  static const char *developers[] = { "Pacta developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (application),
                         "application-name", _("Pacta"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("Pacta developers"),
                         "developers", developers,
                         "comments", _("Bring a managed service provider’s customers, contracts, helpdesk time and sales into gap-free invoices, all on your own computer."),
                         "website", "https://github.com/pacta/pacta",
                         "issue-url", "https://github.com/pacta/pacta/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_entries[] = {
  { "about", about_action },
  { "quit", quit_action },
};

void
_pacta_application_add_actions (PactaApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries, G_N_ELEMENTS (app_entries), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
}
