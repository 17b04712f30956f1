/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bare-window.c: the lower bound for starting Pacta — a libadwaita application whose
 * window holds one label, the same size as Pacta's, reporting its first frame the way
 * Pacta does with PACTA_BENCH_FIRST_FRAME (see pacta-window.c) */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>

static gboolean
quit_cb (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   GtkWindow     *window)
{
  const char *linger = g_getenv ("PACTA_BENCH_EXIT_AFTER_MS");

  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, window);
  printf ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  g_timeout_add (linger != NULL ? (guint)atoi (linger) : 0, quit_cb, gtk_window_get_application (window));
}

static void
on_realize_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint_cb), window);
}

static void
on_activate_cb (GApplication *application)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (application));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new ("Pacta"));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  /* Pacta's default size (data/io.github.pacta.Pacta.gschema.xml) */
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) application = adw_application_new ("io.github.pacta.BareWindow",
                                                               G_APPLICATION_NON_UNIQUE);

  g_signal_connect (application, "activate", G_CALLBACK (on_activate_cb), NULL);
  return g_application_run (G_APPLICATION (application), argc, argv);
}
