/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-application-actions.c: the app-wide actions (about, quit) and their shortcuts */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-application.h"

/* The producer's responsible declaration that Spain's invoicing-software
 * rules require inside the program (Orden HAC/1177/2024, art. 15). It is a
 * legal statement: its Spanish original and its English version are shown
 * as written, in every language, and never translated on the fly. It says
 * plainly what this version does not do yet, rather than claim conformity. */
static const char declaration_es[] =
  "Sistema informático de facturación: Pacta. Código identificador: PA. Versión: " PACKAGE_VERSION ".\n\n"
  "Productor: los desarrolladores de Pacta (proyecto de software libre). Su NIF y su dirección postal de "
  "contacto se indicarán antes de la primera versión destinada a obligados tributarios.\n\n"
  "Componentes: aplicación de escritorio para GNOME (C, GTK, libadwaita) con una base de datos SQLite local; "
  "funciona sin conexión a internet.\n\n"
  "Funcionalidades: un registro de facturación de alta por cada factura y factura rectificativa emitida, "
  "encadenado con el anterior mediante una huella SHA-256; registros inalterables; verificación de la cadena; "
  "exportación de los registros en XML; código QR tributario en cada factura; remisión de los registros a la "
  "Agencia Tributaria por su servicio web, con certificado electrónico, en cuanto hay conexión; subsanación de "
  "los registros rechazados mediante registros nuevos.\n\n"
  "Modalidad: sistema VERI*FACTU; es la única modalidad de esta versión. Firma electrónica de los registros: no "
  "es necesaria en la modalidad VERI*FACTU.\n\n"
  "Estado: el productor aún no ha indicado su NIF ni su dirección postal, por lo que todavía no declara su "
  "conformidad con el artículo 29.2.j) de la Ley 58/2003, General Tributaria, ni con el Real Decreto 1007/2023 "
  "y la Orden HAC/1177/2024; lo hará, con fecha y lugar de suscripción, en la versión destinada a obligados "
  "tributarios.";

static const char declaration_en[] =
  "Invoicing software: Pacta. Identification code: PA. Version: " PACKAGE_VERSION ".\n\n"
  "Producer: the Pacta developers (a free software project). Their tax number and postal contact address "
  "will be given before the first version meant for taxpayers.\n\n"
  "Components: a GNOME desktop application (C, GTK, libadwaita) with a local SQLite database; it works "
  "without an internet connection.\n\n"
  "Functions: a registration record for every invoice and credit note issued, chained to the one before by a "
  "SHA-256 fingerprint; records that cannot be altered; verification of the chain; export of the records as "
  "XML; the tax QR code on every invoice; sending the records to the tax agency's web service, with an "
  "electronic certificate, as soon as there is a connection; correcting rejected records with new records.\n\n"
  "Mode: a VERI*FACTU system; it is the only mode of this version. Electronic signature of the records: not "
  "needed in VERI*FACTU mode.\n\n"
  "Status: the producer has not given its tax number and postal address yet, so it does not yet declare "
  "conformity with article 29.2.j) of Law 58/2003, the General Tax Law, nor with Royal Decree 1007/2023 and "
  "Order HAC/1177/2024; it will, with the date and place of signing, in the version meant for taxpayers.";

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *application = GTK_APPLICATION (user_data);
  static const char *developers[] = { "Pacta developers", NULL };
  AdwAboutWindow *about = ADW_ABOUT_WINDOW (adw_about_window_new ());

  g_object_set (about,
                "transient-for", gtk_application_get_active_window (application),
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
  adw_about_window_add_legal_section (about, "Declaración responsable", NULL, GTK_LICENSE_CUSTOM, declaration_es);
  adw_about_window_add_legal_section (about, _("Responsible Declaration (English Version)"), NULL,
                                      GTK_LICENSE_CUSTOM, declaration_en);
  gtk_window_present (GTK_WINDOW (about));
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
