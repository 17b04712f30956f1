/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-a11y.c: every page and dialog read as a screen reader reads it, over AT-SPI */
#include <adwaita.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "pacta-billing-dialog.h"
#include "pacta-billing-form.h"
#include "pacta-billing-form-private.h"
#include "pacta-billing-run.h"
#include "pacta-billing-run-dialog.h"
#include "pacta-billing-run-dialog-private.h"
#include "pacta-context.h"
#include "pacta-connect-dialog.h"
#include "pacta-contract-dialog.h"
#include "pacta-contract-wizard.h"
#include "pacta-contract-wizard-private.h"
#include "pacta-customer-panel.h"
#include "pacta-customers-page.h"
#include "pacta-customers-page-private.h"
#include "pacta-helpdesk-page.h"
#include "pacta-helpdesk-page-private.h"
#include "pacta-import-dialog.h"
#include "pacta-invoice-dialog.h"
#include "pacta-numbering.h"
#include "pacta-preferences-window.h"
#include "pacta-preferences-window-private.h"
#include "pacta-sales-item-dialog.h"
#include "pacta-sync-dialog.h"
#include "pacta-sales-item-dialog-private.h"
#include "pacta-sales-page.h"
#include "pacta-sales-page-private.h"
#include "pacta-test-gui.h"
#include "pacta-test-util.h"
#include "pacta-ticket-dialog.h"
#include "pacta-ticket-dialog-private.h"
#include "pacta-window.h"
#include "pacta-window-private.h"

/* GTK 4.8 does not export the names it computes (gtk_at_context_get_name)
 * in-process: GTK_A11Y=test only shows the properties set. So the tree is
 * read the way Orca reads it, by tests/a11y-tree.py over the accessibility
 * bus that tests/a11y-session.sh starts for this test alone, while this
 * process iterates its main loop to answer. */

typedef PactaTestDir Fixture;

typedef struct
{
  char  *role;
  char  *name;
  char  *path;    /* child indices from the application, "0/3/1" */
  guint  depth;
} Node;

/* What a screen reader's user hears of a control */
static const char * const interactive_roles[] = {
  "push button", "toggle button", "check box", "radio button", "text", "entry", "password text",
  "combo box", "menu item", "check menu item", "radio menu item", "spin button", "switch",
  "link", "slider", "page tab", NULL
};

/* One row of a list, table or tree */
static const char * const row_roles[] = {
  "list item", "table row", "tree item", NULL
};

static void
node_free (Node *node)
{
  g_free (node->role);
  g_free (node->name);
  g_free (node->path);
  g_free (node);
}

static gboolean
on_guard_cb (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
on_flag_set_cb (gboolean *flag)
{
  *flag = TRUE;
}

/* Runs the main loop until *flag is set, failing instead of hanging */
static void
wait_for (gboolean   *flag,
          const char *what)
{
  gboolean expired = FALSE;
  guint guard = g_timeout_add_seconds (60, on_guard_cb, &expired);

  while (!*flag && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (expired)
    g_error ("Timed out waiting for %s", what);
  g_source_remove (guard);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   guint         *frames_left)
{
  if (*frames_left > 0)
    (*frames_left)--;
}

/* Lets every shown window, and @popover if not NULL, lay out and draw
 * twice: list rows are made, and named, when a list is laid out */
static void
settle_with (GtkWidget *popover)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) natives = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) clocks = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) handlers = g_array_new (FALSE, FALSE, sizeof (gulong));
  gboolean expired = FALSE;
  guint frames_left = 0;
  guint guard;

  while (g_main_context_iteration (NULL, FALSE))
    ;
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    g_ptr_array_add (natives, g_list_model_get_item (toplevels, i));
  if (popover != NULL)
    g_ptr_array_add (natives, g_object_ref (popover));
  for (guint i = 0; i < natives->len; i++)
    {
      GtkWidget *window = natives->pdata[i];
      GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
      gulong handler;

      /* Shown, if not yet mapped: it draws once it is */
      if (clock == NULL || !gtk_widget_get_visible (window))
        continue;
      handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &frames_left);
      g_ptr_array_add (clocks, g_object_ref (clock));
      g_array_append_val (handlers, handler);
      frames_left += 2;
      gtk_widget_queue_draw (window);
    }

  guard = g_timeout_add_seconds (5, on_guard_cb, &expired);
  while (frames_left > 0 && !expired)
    {
      g_main_context_iteration (NULL, TRUE);
      /* A window that has drawn once draws again only when asked */
      for (guint i = 0; i < clocks->len; i++)
        gdk_frame_clock_request_phase (clocks->pdata[i], GDK_FRAME_CLOCK_PHASE_PAINT);
    }
  if (!expired)
    g_source_remove (guard);
  for (guint i = 0; i < clocks->len; i++)
    g_signal_handler_disconnect (clocks->pdata[i], g_array_index (handlers, gulong, i));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
settle (void)
{
  settle_with (NULL);
}

typedef struct
{
  gboolean  done;
  char     *out;
  char     *err;
  GError   *error;
} Reading;

static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Reading *reading = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &reading->out, &reading->err,
                                        &reading->error);
  reading->done = TRUE;
}

/* Runs tests/a11y-tree.py on this process with @args and returns what it
 * printed, parsed. The reader's calls are answered by this main loop, so
 * it is run asynchronously and the loop iterated meanwhile. */
static JsonNode *
run_reader (const char * const *args)
{
  const char *python = g_getenv ("PACTA_A11Y_PYTHON");
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "a11y-tree.py", NULL);
  g_autofree char *pid = g_strdup_printf ("%d", (int)getpid ());
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) reader = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  Reading reading = { FALSE, NULL, NULL, NULL };
  JsonNode *root;

  g_ptr_array_add (argv, (char *)(python != NULL ? python : "python3"));
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, pid);
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);

  reader = g_subprocess_newv ((const char * const *)argv->pdata,
                              G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (reader, NULL, NULL, on_read_cb, &reading);
  wait_for (&reading.done, "the accessibility tree");
  g_assert_no_error (reading.error);
  if (!g_subprocess_get_successful (reader))
    g_error ("a11y-tree.py failed: %s", reading.err);

  json_parser_load_from_data (parser, reading.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_copy (json_parser_get_root (parser));
  g_free (reading.out);
  g_free (reading.err);
  return root;
}

/* The process's accessibility tree, in document order; not what is inside
 * @skip, a window already read (what a dialog's steps leave as it was) */
static GPtrArray *
read_tree (GtkWindow *skip)
{
  const char *title = skip != NULL ? gtk_window_get_title (skip) : NULL;
  const char *args[] = { "--skip", title, NULL };
  g_autoptr(JsonNode) root = run_reader (title != NULL ? args : NULL);
  JsonArray *nodes = json_object_get_array_member (json_node_get_object (root), "nodes");
  GPtrArray *tree = g_ptr_array_new_with_free_func ((GDestroyNotify)node_free);

  for (guint i = 0; i < json_array_get_length (nodes); i++)
    {
      JsonObject *object = json_array_get_object_element (nodes, i);
      JsonArray *path = json_object_get_array_member (object, "path");
      GString *text = g_string_new (NULL);
      Node *node = g_new0 (Node, 1);

      for (guint k = 0; k < json_array_get_length (path); k++)
        g_string_append_printf (text, "%s%" G_GINT64_FORMAT, k > 0 ? "/" : "", json_array_get_int_element (path, k));
      node->role = g_strdup (json_object_get_string_member (object, "role"));
      node->name = g_strdup (json_object_get_string_member (object, "name"));
      node->depth = json_array_get_length (path);
      node->path = g_string_free (text, FALSE);
      g_ptr_array_add (tree, node);
    }
  return tree;
}

static gboolean
is_type_name (const char *word)
{
  static const char * const prefixes[] = { "Gtk", "Adw", "Pacta", "Gdk", "Gsk", NULL };

  for (guint i = 0; prefixes[i] != NULL; i++)
    if (g_str_has_prefix (word, prefixes[i]) && g_ascii_isupper (word[strlen (prefixes[i])]))
      {
        for (const char *c = word; *c != '\0'; c++)
          if (!g_ascii_isalnum (*c))
            return FALSE;
        return TRUE;
      }
  return FALSE;
}

static char *
without_underscores (const char *word)
{
  GString *out = g_string_new (NULL);

  for (const char *c = word; *c != '\0'; c++)
    if (*c != '_')
      g_string_append_c (out, *c);
  return g_string_free (out, FALSE);
}

/* What is wrong with @name as a screen reader says it, or NULL */
static const char *
name_problem (const char *name)
{
  g_auto(GStrv) words = g_strsplit_set (name, " \t\n", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  guint n;

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_ptr_array_add (kept, words[i]);
  n = kept->len;

  if (n == 0)
    return "no name";
  for (guint i = 0; i < n; i++)
    if (is_type_name (kept->pdata[i]))
      return "a type name";

  for (guint i = 0; i < n; i++)
    {
      const char *word = kept->pdata[i];
      const char *underscore = strchr (word, '_');
      g_autofree char *plain = NULL;

      if (underscore == NULL)
        continue;
      /* "_Add", or "C_reate" said again as "Create": GTK 4.8's names of
       * mnemonic labels. An identifier such as m365_seats is fine. */
      if (underscore == word && g_ascii_isalnum (word[1]))
        return "a mnemonic underscore";
      plain = without_underscores (word);
      for (guint k = 0; k < n; k++)
        if (k != i && g_strcmp0 (kept->pdata[k], plain) == 0)
          return "a mnemonic underscore";
    }

  if (n % 2 == 0)
    {
      gboolean twice = TRUE;

      for (guint i = 0; i < n / 2 && twice; i++)
        {
          g_autofree char *first = without_underscores (kept->pdata[i]);
          g_autofree char *first_folded = g_utf8_casefold (first, -1);
          g_autofree char *second_folded = g_utf8_casefold (kept->pdata[n / 2 + i], -1);

          twice = g_strcmp0 (first_folded, second_folded) == 0;
        }
      if (twice)
        return "the name said twice";
    }
  return NULL;
}

/* Whether @name says the text of a label inside the control twice, as
 * "Save Cloud storage Save": a name of its own, then the label again */
static gboolean
says_label_twice (GPtrArray *tree,
                  guint      index)
{
  Node *node = tree->pdata[index];
  g_autofree char *name = g_utf8_casefold (node->name, -1);

  for (guint i = index + 1; i < tree->len && ((Node *)tree->pdata[i])->depth > node->depth; i++)
    {
      Node *inside = tree->pdata[i];
      g_autofree char *text = NULL;
      const char *first;

      if (!g_str_equal (inside->role, "label") || *inside->name == '\0')
        continue;
      text = g_utf8_casefold (inside->name, -1);
      if ((first = strstr (name, text)) && strstr (first + strlen (text), text))
        return TRUE;
    }
  return FALSE;
}

/* The node at @index with its named ancestors: where a reader finds it */
static char *
describe (GPtrArray *tree,
          guint      index)
{
  Node *node = tree->pdata[index];
  GString *text = g_string_new (NULL);
  g_autoptr(GPtrArray) ancestors = g_ptr_array_new ();
  guint depth = node->depth;

  for (guint i = index; i-- > 0 && depth > 1;)
    {
      Node *before = tree->pdata[i];

      if (before->depth < depth)
        {
          depth = before->depth;
          if (*before->name != '\0' && before->depth > 0)
            g_ptr_array_insert (ancestors, 0, before);
        }
    }
  for (guint i = 0; i < ancestors->len; i++)
    {
      Node *ancestor = ancestors->pdata[i];

      g_string_append_printf (text, "[%s] '%s' › ", ancestor->role, ancestor->name);
    }
  g_string_append_printf (text, "[%s] '%s' (at %s)", node->role, node->name, node->path);
  return g_string_free (text, FALSE);
}

static void
add_problem (GPtrArray  *problems,
             GPtrArray  *tree,
             guint       index,
             const char *problem)
{
  g_autofree char *where = describe (tree, index);

  g_ptr_array_add (problems, g_strdup_printf ("%s: %s", problem, where));
}

/* Whether the node at @index is inside a combo box (a drop-down's list) */
static gboolean
in_combo_box (GPtrArray *tree,
              guint      index)
{
  guint depth = ((Node *)tree->pdata[index])->depth;

  for (guint i = index; i-- > 0 && depth > 0;)
    {
      Node *before = tree->pdata[i];

      if (before->depth < depth)
        {
          depth = before->depth;
          if (g_str_equal (before->role, "combo box"))
            return TRUE;
        }
    }
  return FALSE;
}

/* Whether the node at @index holds a label with text */
static gboolean
has_text (GPtrArray *tree,
          guint      index)
{
  Node *node = tree->pdata[index];

  for (guint i = index + 1; i < tree->len && ((Node *)tree->pdata[i])->depth > node->depth; i++)
    {
      Node *inside = tree->pdata[i];

      if (g_str_equal (inside->role, "label") && *inside->name != '\0')
        return TRUE;
    }
  return FALSE;
}

/* Rows of one list: each must say which row it is */
static void
check_rows (GPtrArray *tree,
            GPtrArray *problems)
{
  for (guint i = 0; i < tree->len; i++)
    {
      Node *parent = tree->pdata[i];
      g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (guint));
      gboolean all_same = TRUE;

      for (guint k = i + 1; k < tree->len && ((Node *)tree->pdata[k])->depth > parent->depth; k++)
        {
          Node *child = tree->pdata[k];

          if (child->depth == parent->depth + 1 && g_strv_contains (row_roles, child->role))
            g_array_append_val (rows, k);
        }
      if (rows->len < 2)
        continue;
      for (guint r = 1; r < rows->len && all_same; r++)
        {
          Node *first = tree->pdata[g_array_index (rows, guint, 0)];
          Node *row = tree->pdata[g_array_index (rows, guint, r)];

          all_same = g_strcmp0 (first->name, row->name) == 0;
        }
      if (all_same && *((Node *)tree->pdata[g_array_index (rows, guint, 0)])->name != '\0')
        add_problem (problems, tree, g_array_index (rows, guint, 0),
                     "every row of the list has the same name, none says which row it is");
    }
}

/* Reads the tree and fails the test case, naming each control, if a
 * control, a window or a list row is not named as a screen reader needs;
 * what is inside @skip is not read again */
static void
check_names (const char *step,
             GtkWindow  *skip)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GPtrArray) tree = read_tree (skip);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  double seconds = (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
  guint n_windows = 0;

  for (guint i = 0; i < tree->len; i++)
    {
      Node *node = tree->pdata[i];
      const char *problem = NULL;

      if (node->depth == 1)
        {
          n_windows++;
          if (g_str_equal (node->role, "filler") || g_str_equal (node->role, "panel"))
            add_problem (problems, tree, i, "a window exposed as a plain container, not a window or dialog");
          if ((problem = name_problem (node->name)))
            add_problem (problems, tree, i, problem);
        }
      else if (g_strv_contains (interactive_roles, node->role))
        {
          if ((problem = name_problem (node->name)))
            add_problem (problems, tree, i, problem);
          else if (says_label_twice (tree, i))
            add_problem (problems, tree, i, "the text of its label said twice");
        }
      else if (g_str_equal (node->role, "table cell"))
        {
          /* A cell may be empty; it must not be read as its type */
          if ((problem = name_problem (node->name)) && g_str_equal (problem, "a type name"))
            add_problem (problems, tree, i, problem);
        }
      else if (g_strv_contains (row_roles, node->role))
        {
          /* An unnamed row is read as its first cells, if at all. The
           * options of a drop-down are the exception: GTK's and
           * libadwaita's own lists of one label each, named by it. */
          if (*node->name == '\0')
            {
              if (!(in_combo_box (tree, i) && has_text (tree, i)))
                add_problem (problems, tree, i, "a list row without a name of its own");
            }
          else if ((problem = name_problem (node->name)) && !g_str_equal (problem, "the name said twice"))
            add_problem (problems, tree, i, problem);
        }
    }
  check_rows (tree, problems);

  g_test_message ("%s: %u accessible objects in %u windows (read in %.1f s), %u problems", step, tree->len,
                  n_windows, seconds, problems->len);
  if (g_getenv ("PACTA_A11Y_PRINT") != NULL)
    for (guint i = 0; i < tree->len; i++)
      {
        Node *node = tree->pdata[i];

        g_test_message ("%*s[%s] '%s'", (int)node->depth * 2, "", node->role, node->name);
      }
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s: %s", step, (char *)problems->pdata[i]);
  if (problems->len > 0)
    g_test_fail_printf ("%s: %u controls, windows or rows named wrongly for a screen reader (listed above)",
                        step, problems->len);
}

/* The role of the toplevel window titled @title, or NULL */
static char *
window_role (const char *title)
{
  g_autoptr(GPtrArray) tree = read_tree (NULL);

  for (guint i = 0; i < tree->len; i++)
    {
      Node *node = tree->pdata[i];

      if (node->depth == 1 && g_strcmp0 (node->name, title) == 0)
        return g_strdup (node->role);
    }
  return NULL;
}

/* The demo with something in every list: contracts for the customers
 * without one, a sales item, November billed (invoices) */
static void
fill_demo (PactaContext *context)
{
  g_autoptr(PactaSalesItem) item = g_object_new (PACTA_TYPE_SALES_ITEM, "customer-id",
                                                 pacta_test_customer_of (context, "c0570000-2026-4a00-8b00-000000000001"),
                                                 "invoice-date", "2026-12-01", "description", "Router", NULL);
  g_autoptr(GListStore) lines = g_list_store_new (PACTA_TYPE_SALES_ITEM_LINE);
  g_autoptr(PactaSalesItemLine) line = g_object_new (PACTA_TYPE_SALES_ITEM_LINE, "description", "Router",
                                                     "quantity", (gint64)10000, "unit-price", (gint64)899900, NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = NULL;

  g_assert_cmpuint (pacta_test_add_missing_contracts (context), >, 0);
  numbers = pacta_test_bill (context, "2026-11");
  g_assert_cmpuint (g_strv_length (numbers), >, 1);
  g_list_store_append (lines, line);
  g_assert_cmpint (pacta_context_create_sales_item (context, item, G_LIST_MODEL (lines), &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (pacta_context_sync (context, &error));
  g_assert_no_error (error);
}

/* Opens the list of each drop-down under @root that has a search entry,
 * reads the names, and closes it again */
static void
check_drop_downs (GtkWidget  *root,
                  const char *step,
                  GtkWindow  *skip)
{
  g_autoptr(GPtrArray) drop_downs = g_ptr_array_new ();

  pacta_test_find_all (root, GTK_TYPE_DROP_DOWN, drop_downs);
  for (guint i = 0; i < drop_downs->len; i++)
    {
      GtkDropDown *drop_down = drop_downs->pdata[i];
      GtkWidget *popover;
      g_autofree char *what = NULL;

      if (!gtk_drop_down_get_enable_search (drop_down) || !gtk_widget_get_mapped (GTK_WIDGET (drop_down)))
        continue;
      popover = pacta_test_find_widget (GTK_WIDGET (drop_down), GTK_TYPE_POPOVER, NULL);
      g_assert_nonnull (popover);
      gtk_popover_popup (GTK_POPOVER (popover));
      settle_with (popover);
      what = g_strdup_printf ("%s, drop-down %u open", step, i + 1);
      check_names (what, skip);
      gtk_popover_popdown (GTK_POPOVER (popover));
      settle ();
    }
}

static void
close_window (GtkWindow *window)
{
  gtk_window_destroy (window);
  settle ();
}

/* The first start: the welcome page of an empty database */
static void
test_welcome (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, FALSE);
  PactaWindow *window = pacta_window_new (NULL, context);

  gtk_window_present (GTK_WINDOW (window));
  settle ();
  g_assert_cmpstr (pacta_window_get_visible_page (window), ==, "welcome");
  check_names ("welcome page", NULL);
  close_window (GTK_WINDOW (window));
}

/* A screen reader's user finds "Explore with demo data" by its name and
 * activates it: the demo opens */
static void
test_explore_demo_action (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, FALSE);
  PactaWindow *window = pacta_window_new (NULL, context);
  g_autofree char *name = without_underscores (_("_Explore with demo data"));
  const char *args[] = { "--activate", "push button", name, NULL };
  g_autoptr(JsonNode) result = NULL;
  gboolean demo_open = FALSE;
  gulong handler;
  JsonObject *object;

  gtk_window_present (GTK_WINDOW (window));
  settle ();
  g_assert_cmpstr (pacta_window_get_visible_page (window), ==, "welcome");

  result = run_reader (args);
  object = json_node_get_object (result);
  if (!json_object_get_boolean_member (object, "done"))
    {
      g_test_fail_printf ("“Explore with demo data” could not be activated over AT-SPI: %s",
                          json_object_get_string_member_with_default (object, "error", "the action failed"));
      close_window (GTK_WINDOW (window));
      return;
    }
  /* A button activated this way shows itself pressed for a moment before
   * it is clicked, as from the keyboard */
  handler = g_signal_connect_swapped (window, "notify::title", G_CALLBACK (on_flag_set_cb), &demo_open);
  wait_for (&demo_open, "the demo to open");
  /* &demo_open is this frame's */
  g_signal_handler_disconnect (window, handler);
  settle ();
  g_assert_true (pacta_context_get_is_demo (pacta_window_get_context (window)));
  g_assert_cmpstr (pacta_window_get_visible_page (window), ==, "main");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, _("Pacta (Demo)"));
  close_window (GTK_WINDOW (window));
}

/* The Customers page, and its panel on both tabs */
static void
test_customers (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaWindow *window = pacta_window_new (NULL, context);
  PactaCustomersPage *page = PACTA_CUSTOMERS_PAGE (pacta_window_get_customers_page (window));
  PactaCustomerPanel *panel = PACTA_CUSTOMER_PANEL (pacta_customers_page_get_panel (page));

  gtk_window_present (GTK_WINDOW (window));
  settle ();
  check_names ("Customers", NULL);

  pacta_customers_page_activate_row (page, 0);
  settle ();
  g_assert_true (pacta_customers_page_get_panel_revealed (page));
  check_names ("Customers, panel: Overview", NULL);
  pacta_customer_panel_show_tab (panel, "configure");
  settle ();
  check_names ("Customers, panel: Configure", NULL);
  close_window (GTK_WINDOW (window));
}

/* Sales & billing, each of its tabs with rows in its list */
static void
test_sales (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaWindow *window;
  AdwViewStack *stack, *tabs;
  GtkWidget *page;
  const char *tab_names[] = { "sales-items", "contracts", "invoices" };

  fill_demo (context);
  window = pacta_window_new (NULL, context);
  gtk_window_present (GTK_WINDOW (window));
  settle ();
  stack = ADW_VIEW_STACK (pacta_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL));
  adw_view_stack_set_visible_child_name (stack, "sales");
  page = pacta_window_get_sales_page (window);
  while (!pacta_test_sales_loaded (page))
    g_main_context_iteration (NULL, TRUE);
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (pacta_sales_page_get_visible_contracts (PACTA_SALES_PAGE (page))), >, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pacta_sales_page_get_visible_sales_items (PACTA_SALES_PAGE (page))), >, 0);

  /* Each tab shown, so that its list has laid out its rows; then read once,
   * since the hidden tabs are in the tree too */
  tabs = ADW_VIEW_STACK (pacta_test_find_widget (page, ADW_TYPE_VIEW_STACK, NULL));
  g_assert_nonnull (tabs);
  for (guint i = 0; i < G_N_ELEMENTS (tab_names); i++)
    {
      g_assert_nonnull (adw_view_stack_get_child_by_name (tabs, tab_names[i]));
      adw_view_stack_set_visible_child_name (tabs, tab_names[i]);
      settle ();
    }
  check_names ("Sales & billing, every tab shown", NULL);
  close_window (GTK_WINDOW (window));
}

/* Helpdesk: the tickets, the time waiting for approval, the new-ticket form */
static void
test_helpdesk (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaWindow *window = pacta_window_new (NULL, context);
  AdwViewStack *stack, *tabs;
  GtkWidget *page;
  GtkWindow *form;

  gtk_window_present (GTK_WINDOW (window));
  settle ();
  stack = ADW_VIEW_STACK (pacta_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL));
  adw_view_stack_set_visible_child_name (stack, "helpdesk");
  page = pacta_window_get_helpdesk_page (window);
  while (!pacta_test_helpdesk_loaded (page))
    g_main_context_iteration (NULL, TRUE);
  /* Every ticket, the closed one too */
  pacta_helpdesk_page_set_status_filter (PACTA_HELPDESK_PAGE (page), 1);
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (pacta_helpdesk_page_get_visible (PACTA_HELPDESK_PAGE (page))), >, 1);
  g_assert_cmpuint (pacta_helpdesk_page_get_n_pending (PACTA_HELPDESK_PAGE (page)), >, 1);
  /* Both tabs shown, then read once: the hidden one is in the tree too */
  tabs = ADW_VIEW_STACK (pacta_test_find_widget (page, ADW_TYPE_VIEW_STACK, NULL));
  adw_view_stack_set_visible_child_name (tabs, "approve");
  settle ();
  adw_view_stack_set_visible_child_name (tabs, "tickets");
  settle ();
  check_names ("Helpdesk, both tabs shown", NULL);

  gtk_widget_activate_action (page, "helpdesk.new-ticket", NULL);
  settle ();
  form = pacta_test_find_toplevel (ADW_TYPE_WINDOW, TRUE);
  g_assert_nonnull (form);
  check_names ("New Ticket", GTK_WINDOW (window));
  check_drop_downs (GTK_WIDGET (form), "New Ticket", GTK_WINDOW (window));
  close_window (form);
  close_window (GTK_WINDOW (window));
}

/* The billing-information prompt: a dialog, named */
static void
test_billing_prompt (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaWindow *window = pacta_window_new (NULL, context);
  GtkWindow *dialog;
  g_autofree char *role = NULL;

  gtk_window_present (GTK_WINDOW (window));
  pacta_billing_dialog_prompt (GTK_WINDOW (window), context,
                               pacta_test_customer_of (context, "c0570000-2026-4a00-8b00-000000000003"),
                               "Approving time needs billing information.", NULL, NULL);
  settle ();
  dialog = pacta_test_find_toplevel (PACTA_TYPE_BILLING_DIALOG, TRUE);
  g_assert_nonnull (dialog);
  check_names ("billing prompt", GTK_WINDOW (window));
  role = window_role (gtk_window_get_title (dialog));
  if (g_strcmp0 (role, "dialog") != 0)
    g_test_fail_printf ("the billing prompt is exposed as a %s, not a dialog", role);
  close_window (dialog);
  close_window (GTK_WINDOW (window));
}

/* The new-contract wizard at each of its steps */
static void
test_contract_wizard (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaWindow *window = pacta_window_new (NULL, context);
  PactaContractWizard *wizard;
  /* Gestoría López: no billing information, so every step shows */
  gint64 customer = pacta_test_customer_of (context, "c0570000-2026-4a00-8b00-000000000003");
  const char *steps[] = { "customer", "info", "billing", "parts", "done" };

  gtk_window_present (GTK_WINDOW (window));
  wizard = pacta_contract_wizard_new (GTK_WINDOW (window), context, TRUE);
  gtk_window_present (GTK_WINDOW (wizard));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autofree char *step = g_strdup_printf ("contract wizard, step %s", steps[i]);

      settle ();
      g_assert_cmpstr (pacta_contract_wizard_get_step (wizard), ==, steps[i]);
      check_names (step, GTK_WINDOW (window));
      if (i == 0)
        pacta_contract_wizard_select (wizard, customer, TRUE);
      if (g_str_equal (steps[i], "billing"))
        {
          PactaBillingForm *form = PACTA_BILLING_FORM (pacta_contract_wizard_get_billing_form (wizard));

          pacta_billing_form_set_text (form, "country", "ES");
          /* The demo's company is in Spain: its invoice records need the NIF */
          pacta_billing_form_set_text (form, "vat-number", "B12345674");
        }
      if (i + 1 < G_N_ELEMENTS (steps))
        pacta_contract_wizard_next (wizard);
    }
  close_window (GTK_WINDOW (wizard));
  close_window (GTK_WINDOW (window));
}

/* A contract with its parts */
static void
test_contract_dialog (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaWindow *window = pacta_window_new (NULL, context);
  PactaContractDialog *dialog;
  gint64 contract;

  fill_demo (context);
  contract = pacta_database_count (pacta_context_get_database (context),
                                   "SELECT min(c.id) FROM contracts c JOIN contract_parts p ON p.contract_id = c.id",
                                   NULL);
  gtk_window_present (GTK_WINDOW (window));
  dialog = pacta_contract_dialog_new (GTK_WINDOW (window), context, contract);
  gtk_window_present (GTK_WINDOW (dialog));
  settle ();
  check_names ("contract dialog", GTK_WINDOW (window));
  check_drop_downs (GTK_WIDGET (dialog), "contract dialog", GTK_WINDOW (window));
  close_window (GTK_WINDOW (dialog));
  close_window (GTK_WINDOW (window));
}

/* A new sales item with a line, and its searchable drop-downs open */
static void
test_sales_item_dialog (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaWindow *window = pacta_window_new (NULL, context);
  PactaSalesItemDialog *dialog;

  gtk_window_present (GTK_WINDOW (window));
  dialog = pacta_sales_item_dialog_new (GTK_WINDOW (window), context, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  pacta_sales_item_dialog_choose_customer (dialog, pacta_test_customer_of (context, "c0570000-2026-4a00-8b00-000000000001"));
  pacta_sales_item_dialog_add_line (dialog, "Router", "2", "89.99");
  settle ();
  check_names ("sales item dialog", GTK_WINDOW (window));
  check_drop_downs (GTK_WIDGET (dialog), "sales item dialog", GTK_WINDOW (window));
  close_window (GTK_WINDOW (dialog));
  close_window (GTK_WINDOW (window));
}

/* A ticket with replies and time */
static void
test_ticket_dialog (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaWindow *window = pacta_window_new (NULL, context);
  PactaTicketDialog *dialog;
  gint64 ticket = pacta_database_count (pacta_context_get_database (context),
                                        "SELECT min(id) FROM tickets WHERE status <> 'closed'", NULL);

  gtk_window_present (GTK_WINDOW (window));
  dialog = pacta_ticket_dialog_new (GTK_WINDOW (window), context, ticket);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (pacta_ticket_dialog_reply (dialog, "We are on it.", FALSE));
  g_assert_true (pacta_ticket_dialog_reply (dialog, "Toner is empty.", TRUE));
  g_assert_true (pacta_ticket_dialog_add_time (dialog, 20, "Replaced the toner"));
  settle ();
  check_names ("ticket dialog", GTK_WINDOW (window));
  close_window (GTK_WINDOW (dialog));
  close_window (GTK_WINDOW (window));
}

/* An invoice, and the credit note's choice of lines */
static void
test_invoice_dialog (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaWindow *window = pacta_window_new (NULL, context);
  PactaInvoiceDialog *dialog;
  GtkWindow *credit;
  GtkWidget *button;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  gint64 invoice;

  fill_demo (context);
  invoice = pacta_database_count (pacta_context_get_database (context), "SELECT min(id) FROM invoices", NULL);
  gtk_window_present (GTK_WINDOW (window));
  dialog = pacta_invoice_dialog_new (GTK_WINDOW (window), context, invoice);
  gtk_window_present (GTK_WINDOW (dialog));
  settle ();
  check_names ("invoice dialog", GTK_WINDOW (window));

  /* Its credit-note button opens the choice of lines */
  pacta_test_find_all (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, buttons);
  button = NULL;
  for (guint i = 0; i < buttons->len && button == NULL; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), _("Create credit _note…")) == 0)
      button = buttons->pdata[i];
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  settle ();
  credit = pacta_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, TRUE);
  g_assert_nonnull (credit);
  check_names ("invoice dialog, credit note", GTK_WINDOW (window));
  close_window (credit);
  close_window (GTK_WINDOW (dialog));
  close_window (GTK_WINDOW (window));
}

/* Run Billing: the plan, and the numbering's confirmation */
static void
test_billing_run_dialog (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaWindow *window = pacta_window_new (NULL, context);
  PactaBillingRunDialog *dialog;
  AdwMessageDialog *confirmation;

  pacta_test_add_missing_contracts (context);
  g_assert_true (pacta_context_sync (context, NULL));
  gtk_window_present (GTK_WINDOW (window));
  dialog = pacta_billing_run_dialog_new (GTK_WINDOW (window), context);
  gtk_window_present (GTK_WINDOW (dialog));
  pacta_billing_run_dialog_set_month (dialog, "2026-11");
  settle ();
  g_assert_cmpuint (pacta_billing_run_dialog_get_n_planned (dialog), >, 1);
  check_names ("billing run dialog", GTK_WINDOW (window));

  /* The month's usage is not closed: asked first */
  pacta_billing_run_dialog_create (dialog);
  settle ();
  g_assert_nonnull (pacta_billing_run_dialog_get_usage_question (dialog));
  check_names ("billing run dialog, usage not closed", GTK_WINDOW (window));
  pacta_billing_run_dialog_answer_usage (dialog, "provisional");
  while (!pacta_test_run_finished (dialog))
    g_main_context_iteration (NULL, TRUE);
  settle ();
  confirmation = pacta_billing_run_dialog_get_confirmation (dialog);
  g_assert_nonnull (confirmation);
  check_names ("billing run dialog, numbering confirmation", GTK_WINDOW (window));
  adw_message_dialog_response (confirmation, "cancel");
  settle ();
  close_window (GTK_WINDOW (dialog));
  close_window (GTK_WINDOW (window));
}

/* Import from the cloud platform */
static void
test_import_dialog (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, FALSE);
  PactaWindow *window = pacta_window_new (NULL, context);
  PactaImportDialog *dialog;

  gtk_window_present (GTK_WINDOW (window));
  dialog = pacta_import_dialog_new (GTK_WINDOW (window), context);
  gtk_window_present (GTK_WINDOW (dialog));
  settle ();
  check_names ("import dialog", GTK_WINDOW (window));
  close_window (GTK_WINDOW (dialog));
  close_window (GTK_WINDOW (window));
}

/* Connect to the cloud platform, and Close Usage Month: what they show
 * before anything is sent */
static void
test_connect_dialog (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, FALSE);
  PactaWindow *window = pacta_window_new (NULL, context);
  PactaConnectDialog *connect;

  gtk_window_present (GTK_WINDOW (window));
  connect = pacta_connect_dialog_new (GTK_WINDOW (window), context);
  gtk_window_present (GTK_WINDOW (connect));
  settle ();
  check_names ("connect dialog", GTK_WINDOW (window));
  close_window (GTK_WINDOW (connect));
  close_window (GTK_WINDOW (window));
}

static void
test_close_month_dialog (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, FALSE);
  PactaWindow *window = pacta_window_new (NULL, context);
  PactaSyncDialog *close_month;

  gtk_window_present (GTK_WINDOW (window));
  close_month = pacta_sync_dialog_new_close_month (GTK_WINDOW (window), context);
  gtk_window_present (GTK_WINDOW (close_month));
  settle ();
  check_names ("close usage month dialog", GTK_WINDOW (window));
  close_window (GTK_WINDOW (close_month));
  close_window (GTK_WINDOW (window));
}

/* Preferences, page by page */
static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaWindow *window = pacta_window_new (NULL, context);
  PactaPreferencesWindow *prefs;
  g_autoptr(GtkSelectionModel) pages = NULL;

  fill_demo (context);
  gtk_window_present (GTK_WINDOW (window));
  prefs = pacta_preferences_window_new (GTK_WINDOW (window), context);
  gtk_window_present (GTK_WINDOW (prefs));
  g_assert_true (pacta_preferences_window_add_staff (prefs, "Ana Ruiz"));
  settle ();
  /* The window's own pages, those its view switcher shows */
  pages = adw_view_stack_get_pages (ADW_VIEW_STACK (pacta_test_find_widget (GTK_WIDGET (prefs), ADW_TYPE_VIEW_STACK, NULL)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), >, 1);
  /* Each page shown, then read once: the hidden pages are in the tree too */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (prefs),
                                               ADW_PREFERENCES_PAGE (adw_view_stack_page_get_child (page)));
      settle ();
    }
  check_names ("Preferences, every page shown", GTK_WINDOW (window));
  close_window (GTK_WINDOW (prefs));
  close_window (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;

  if (g_strcmp0 (g_getenv ("GTK_A11Y"), "atspi") != 0 || g_getenv ("AT_SPI_BUS_ADDRESS") == NULL)
    {
      g_printerr ("test-a11y reads the tree over AT-SPI: run it through tests/a11y-session.sh with GTK_A11Y=atspi\n");
      return 1;
    }
  /* In English by default; with LANGUAGE=es and PACTA_LOCALEDIR (the
   * catalogs built in the build tree) the names are checked in Spanish */
  data_home = pacta_test_gui_init (&argc, &argv);

  g_test_add ("/pacta/a11y/welcome", Fixture, NULL, pacta_test_dir_set_up, test_welcome, pacta_test_dir_tear_down);
  g_test_add ("/pacta/a11y/explore-demo-action", Fixture, NULL, pacta_test_dir_set_up, test_explore_demo_action, pacta_test_dir_tear_down);
  g_test_add ("/pacta/a11y/customers", Fixture, NULL, pacta_test_dir_set_up, test_customers, pacta_test_dir_tear_down);
  g_test_add ("/pacta/a11y/sales", Fixture, NULL, pacta_test_dir_set_up, test_sales, pacta_test_dir_tear_down);
  g_test_add ("/pacta/a11y/helpdesk", Fixture, NULL, pacta_test_dir_set_up, test_helpdesk, pacta_test_dir_tear_down);
  g_test_add ("/pacta/a11y/billing-prompt", Fixture, NULL, pacta_test_dir_set_up, test_billing_prompt, pacta_test_dir_tear_down);
  g_test_add ("/pacta/a11y/contract-wizard", Fixture, NULL, pacta_test_dir_set_up, test_contract_wizard, pacta_test_dir_tear_down);
  g_test_add ("/pacta/a11y/contract-dialog", Fixture, NULL, pacta_test_dir_set_up, test_contract_dialog, pacta_test_dir_tear_down);
  g_test_add ("/pacta/a11y/sales-item-dialog", Fixture, NULL, pacta_test_dir_set_up, test_sales_item_dialog, pacta_test_dir_tear_down);
  g_test_add ("/pacta/a11y/ticket-dialog", Fixture, NULL, pacta_test_dir_set_up, test_ticket_dialog, pacta_test_dir_tear_down);
  g_test_add ("/pacta/a11y/invoice-dialog", Fixture, NULL, pacta_test_dir_set_up, test_invoice_dialog, pacta_test_dir_tear_down);
  g_test_add ("/pacta/a11y/billing-run-dialog", Fixture, NULL, pacta_test_dir_set_up, test_billing_run_dialog, pacta_test_dir_tear_down);
  g_test_add ("/pacta/a11y/import-dialog", Fixture, NULL, pacta_test_dir_set_up, test_import_dialog, pacta_test_dir_tear_down);
  g_test_add ("/pacta/a11y/close-month-dialog", Fixture, NULL, pacta_test_dir_set_up, test_close_month_dialog, pacta_test_dir_tear_down);
  g_test_add ("/pacta/a11y/connect-dialog", Fixture, NULL, pacta_test_dir_set_up, test_connect_dialog, pacta_test_dir_tear_down);
  g_test_add ("/pacta/a11y/preferences", Fixture, NULL, pacta_test_dir_set_up, test_preferences, pacta_test_dir_tear_down);

  return g_test_run ();
}
