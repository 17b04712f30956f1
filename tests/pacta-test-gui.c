/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-test-gui.c: helpers shared by the in-process GTK tests — a context
 * in the test's folder, running the main loop, finding widgets */
#include "pacta-test-gui.h"

/* The demo (its own file) or an empty database of the user's, in @dir */
PactaContext *
pacta_test_open_context (const char *dir,
                         gboolean    demo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, demo ? "demo.sqlite" : "user.sqlite", NULL);
  g_autoptr(PactaDatabase) db = NULL;
  PactaContext *context;

  if (demo)
    context = pacta_context_open_demo (path, &error);
  else
    {
      db = pacta_database_open (path, &error);
      g_assert_no_error (error);
      context = pacta_context_new (db, FALSE, &error);
    }
  g_assert_no_error (error);
  return context;
}

/* Runs what the main loop has ready, without waiting */
void
pacta_test_drain_events (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Runs the main loop until done (data) says so, with a generous guard that
 * fails the test instead of hanging it */
void
pacta_test_wait_until (gboolean (*done) (gpointer data),
                       gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_main_context_iteration (NULL, FALSE);
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for the main loop");
    }
}

/* The first widget of @type under @root, depth first; with @label, the
 * first GtkLabel of @type showing exactly that */
GtkWidget *
pacta_test_find_widget (GtkWidget  *root,
                        GType       type,
                        const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (label == NULL || (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), label) == 0)))
        return child;
      if ((found = pacta_test_find_widget (child, type, label)))
        return found;
    }
  return NULL;
}

/* The preferences row titled @title under @root */
GtkWidget *
pacta_test_find_row (GtkWidget  *root,
                     const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_PREFERENCES_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return child;
      if ((found = pacta_test_find_row (child, title)))
        return found;
    }
  return NULL;
}
