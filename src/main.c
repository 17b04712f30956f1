/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: sets up translations and runs PactaApplication */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "pacta-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PactaApplication) application = NULL;

  setlocale (LC_ALL, "");
  /* Lets build-aux/dev.sh run use the catalogs built in the build tree */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("PACTA_LOCALEDIR") ? g_getenv ("PACTA_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = pacta_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
