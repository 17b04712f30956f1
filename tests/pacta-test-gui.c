/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-test-gui.c: helpers shared by the in-process GTK tests — starting
 * GTK, a context in the test's folder, running the main loop, finding widgets */
#include <glib/gi18n.h>

#include "pacta-billing-run-dialog-private.h"
#include "pacta-helpdesk-page-private.h"
#include "pacta-sales-page-private.h"
#include "pacta-test-gui.h"
#include "pacta-test-util.h"

/**
 * pacta_test_gui_init:
 *
 * For main(): g_test_init() — not G_TEST_OPTION_ISOLATE_DIRS, since GTK
 * needs the system's XDG_DATA_DIRS (MIME database, icons) — our own data
 * in a private XDG_DATA_HOME, then GTK and libadwaita. With
 * PACTA_LOCALEDIR (the catalogs built in the build tree, set for the
 * LANGUAGE=es runs) the words are Pacta's translation.
 *
 * Returns: (transfer full): the private data folder, to remove after the run
 */
char *
pacta_test_gui_init (int    *argc,
                     char ***argv)
{
  char *data_home;

  if (g_getenv ("PACTA_LOCALEDIR") != NULL)
    {
      bindtextdomain ("pacta", g_getenv ("PACTA_LOCALEDIR"));
      bind_textdomain_codeset ("pacta", "UTF-8");
      textdomain ("pacta");
    }
  g_test_init (argc, argv, NULL);
  data_home = pacta_test_make_dir ();
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_init ();
  adw_init ();
  return data_home;
}

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

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gboolean      *painted)
{
  *painted = TRUE;
}

/* Until @window has been laid out and drawn again, and what that set off has run */
void
pacta_test_wait_frame (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gboolean painted = FALSE;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &painted);
  gtk_widget_queue_draw (window);
  pacta_test_wait_until (pacta_test_is_set, &painted);
  g_signal_handler_disconnect (clock, handler);
  pacta_test_drain_events ();
}

/* *@flag, a gboolean, is TRUE */
gboolean
pacta_test_is_set (gpointer flag)
{
  return *(gboolean *) flag;
}

gboolean
pacta_test_sales_loaded (gpointer page)
{
  return !pacta_sales_page_is_loading (page);
}

gboolean
pacta_test_helpdesk_loaded (gpointer page)
{
  return !pacta_helpdesk_page_is_loading (page);
}

/* A billing run dialog has done its plan or its commit */
gboolean
pacta_test_run_finished (gpointer dialog)
{
  return !pacta_billing_run_dialog_is_busy (dialog);
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

/* Every widget of @type under @root, depth first, appended to @found */
void
pacta_test_find_all (GtkWidget *root,
                     GType      type,
                     GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      pacta_test_find_all (child, type, found);
    }
}

/* The button whose label (a GtkLabel within it) shows exactly @label */
GtkWidget *
pacta_test_find_button (GtkWidget  *root,
                        const char *label)
{
  GtkWidget *text = pacta_test_find_widget (root, GTK_TYPE_LABEL, label);

  return text != NULL ? gtk_widget_get_ancestor (text, GTK_TYPE_BUTTON) : NULL;
}

/* The first window of @type among the toplevels; with @shown_only, the
 * first of them that is visible */
GtkWindow *
pacta_test_find_toplevel (GType    type,
                          gboolean shown_only)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          (!shown_only || gtk_widget_get_visible (GTK_WIDGET (window))))
        return window;
    }
  return NULL;
}

/* The width @widget asks for at the least */
int
pacta_test_min_width (GtkWidget *widget)
{
  int min = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min;
}

/* @window as it is drawn now, saved as a PNG at @path (screenshots of the
 * layout tests, to look at) */
gboolean
pacta_test_save_png (GtkWidget  *window,
                     const char *path)
{
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return FALSE;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  return gdk_texture_save_to_png (texture, path);
}
