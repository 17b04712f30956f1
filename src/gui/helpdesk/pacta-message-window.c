/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-message-window.c: one message of a ticket's conversation, whole, as read-only
 * text that can be selected and copied; Escape closes it. Its widgets are in its
 * template. */
#include "config.h"

#include "pacta-message-window.h"

struct _PactaMessageWindow
{
  AdwWindow       parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkTextView    *view;
};

G_DEFINE_FINAL_TYPE (PactaMessageWindow, pacta_message_window, ADW_TYPE_WINDOW)

static void
pacta_message_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PACTA_TYPE_MESSAGE_WINDOW);

  G_OBJECT_CLASS (pacta_message_window_parent_class)->dispose (object);
}

static void
pacta_message_window_class_init (PactaMessageWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_message_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pacta/Pacta/ui/helpdesk/pacta-message-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaMessageWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PactaMessageWindow, view);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pacta_message_window_init (PactaMessageWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * pacta_message_window_new:
 * @parent: (nullable): the window it belongs to
 * @title: the message's heading, which names the window and the text
 * @body: the message
 * @wrap_mode: how the text wraps: between any two characters when it has a
 *   very long word
 *
 * A modal window showing @body whole, with the focus in the text.
 */
PactaMessageWindow *
pacta_message_window_new (GtkWindow   *parent,
                          const char  *title,
                          const char  *body,
                          GtkWrapMode  wrap_mode)
{
  PactaMessageWindow *self;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (body != NULL, NULL);

  self = g_object_new (PACTA_TYPE_MESSAGE_WINDOW, "transient-for", parent, "title", title, NULL);
  adw_window_title_set_title (self->window_title, title);
  gtk_text_view_set_wrap_mode (self->view, wrap_mode);
  buffer = gtk_text_view_get_buffer (self->view);
  gtk_text_buffer_set_text (buffer, body, -1);
  /* A key or a log line is shown as it is, without hyphens where it wraps */
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_apply_tag (buffer, gtk_text_buffer_create_tag (buffer, NULL, "insert-hyphens", FALSE, NULL),
                             &start, &end);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->view));
  return self;
}
