/* pacta-application.c: opens the right database and either runs the command-line
 * actions (no window) or presents the window. */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-application.h"
#include "pacta-billing-import.h"
#include "pacta-import.h"
#include "pacta-summary.h"
#include "pacta-window.h"

struct _PactaApplication
{
  AdwApplication parent_instance;

  /* Owned: options given on the command line */
  char          *database_path;
  gboolean       demo;
};

G_DEFINE_FINAL_TYPE (PactaApplication, pacta_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Use this database instead of the default one"), N_("FILE") },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Open the separate demo database"), NULL },
  { "import-tenants", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Import customers from the platform’s tenant listing (JSON)"), N_("FILE") },
  { "import-usages", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Import assigned services from the platform’s usage listing (JSON)"), N_("FILE") },
  { "import-billing-info", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Import billing information (CSV)"), N_("FILE") },
  { "summary", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print counts as one JSON object"), NULL },
  { NULL }
};

static PactaContext *
open_context (PactaApplication  *self,
              GError           **error)
{
  g_autoptr(PactaDatabase) database = NULL;

  if (self->demo)
    return pacta_context_open_demo (self->database_path, error);

  if (!(database = pacta_database_open (self->database_path, error)))
    return NULL;
  return pacta_context_new (database, FALSE, error);
}

static int
fail (GError *error)
{
  g_printerr ("pacta: %s\n", error->message);
  return EXIT_FAILURE;
}

/* The actions run in the order of SPEC §8; each is all-or-nothing */
static int
run_actions (PactaApplication *self,
             const char       *tenants_path,
             const char       *usages_path,
             const char       *billing_path,
             gboolean          summary)
{
  g_autoptr(PactaContext) context = NULL;
  g_autoptr(GError) error = NULL;

  if (!(context = open_context (self, &error)))
    return fail (error);

  if (tenants_path != NULL || usages_path != NULL)
    {
      g_autoptr(PactaImportReport) report = pacta_import_report_new ();
      g_autoptr(GFile) tenants = tenants_path ? g_file_new_for_commandline_arg (tenants_path) : NULL;
      g_autoptr(GFile) usages = usages_path ? g_file_new_for_commandline_arg (usages_path) : NULL;
      g_autofree char *text = NULL;

      if (!pacta_import_platform (pacta_context_get_database (context), tenants, usages,
                                  NULL, NULL, report, &error))
        return fail (error);

      text = pacta_import_report_describe (report);
      g_print ("%s\n", text);
    }

  if (billing_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (billing_path);
      PactaBillingImportReport report;
      g_autofree char *text = NULL;

      if (!pacta_import_billing_info (pacta_context_get_database (context), file, &report, &error))
        return fail (error);

      text = pacta_billing_import_report_describe (&report);
      g_print ("%s\n", text);
    }

  if (summary)
    {
      g_autofree char *json = pacta_summary_to_json (pacta_context_get_database (context), &error);

      if (json == NULL)
        return fail (error);
      g_print ("%s\n", json);
    }

  return EXIT_SUCCESS;
}

static int
pacta_application_handle_local_options (GApplication *application,
                                        GVariantDict *options)
{
  PactaApplication *self = PACTA_APPLICATION (application);
  g_autofree char *tenants = NULL;
  g_autofree char *usages = NULL;
  g_autofree char *billing = NULL;
  gboolean summary = FALSE;

  g_variant_dict_lookup (options, "database", "^ay", &self->database_path);
  g_variant_dict_lookup (options, "demo", "b", &self->demo);
  g_variant_dict_lookup (options, "import-tenants", "^ay", &tenants);
  g_variant_dict_lookup (options, "import-usages", "^ay", &usages);
  g_variant_dict_lookup (options, "import-billing-info", "^ay", &billing);
  g_variant_dict_lookup (options, "summary", "b", &summary);

  if (tenants != NULL || usages != NULL || billing != NULL || summary)
    return run_actions (self, tenants, usages, billing, summary);

  /* No action: carry on and open the window */
  return -1;
}

static void
pacta_application_activate (GApplication *application)
{
  PactaApplication *self = PACTA_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
  g_autoptr(PactaContext) context = NULL;
  g_autoptr(GError) error = NULL;

  if (window == NULL)
    {
      context = open_context (self, &error);
      window = GTK_WINDOW (pacta_window_new (ADW_APPLICATION (self), context));
      if (context == NULL)
        pacta_window_show_error (PACTA_WINDOW (window), _("The Database Could Not Be Opened"), error->message);
    }

  gtk_window_present (window);
}

static void
pacta_application_startup (GApplication *application)
{
  G_APPLICATION_CLASS (pacta_application_parent_class)->startup (application);

  _pacta_application_add_actions (PACTA_APPLICATION (application));
}

static void
pacta_application_finalize (GObject *object)
{
  PactaApplication *self = (PactaApplication *)object;

  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (pacta_application_parent_class)->finalize (object);
}

static void
pacta_application_class_init (PactaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = pacta_application_finalize;
  app_class->handle_local_options = pacta_application_handle_local_options;
  app_class->activate = pacta_application_activate;
  app_class->startup = pacta_application_startup;
}

static void
pacta_application_init (PactaApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Bill the customers of a managed service provider."));
}

PactaApplication *
pacta_application_new (void)
{
  /* A second `pacta --database …` must open that file, not the first instance's */
  return g_object_new (PACTA_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/pacta/Pacta",
                       NULL);
}
