/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-message-window.h: one message of a ticket's conversation, whole, in its own window */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PACTA_TYPE_MESSAGE_WINDOW (pacta_message_window_get_type ())

G_DECLARE_FINAL_TYPE (PactaMessageWindow, pacta_message_window, PACTA, MESSAGE_WINDOW, AdwWindow)

PactaMessageWindow *pacta_message_window_new (GtkWindow   *parent,
                                              const char  *title,
                                              const char  *body,
                                              GtkWrapMode  wrap_mode);

G_END_DECLS
