/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-window.h: Preferences — the catalog, the helpdesk staff, your company’s details and
 * sending the invoice records to the tax agency, each page a widget of its own */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_PREFERENCES_WINDOW (pacta_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (PactaPreferencesWindow, pacta_preferences_window, PACTA, PREFERENCES_WINDOW, AdwPreferencesWindow)

PactaPreferencesWindow *pacta_preferences_window_new          (GtkWindow              *parent,
                                                               PactaContext           *context);

G_END_DECLS
