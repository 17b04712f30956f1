/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-window.h: the main window */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"
#include "pacta-verifactu-service.h"

G_BEGIN_DECLS

#define PACTA_TYPE_WINDOW (pacta_window_get_type ())

G_DECLARE_FINAL_TYPE (PactaWindow, pacta_window, PACTA, WINDOW, AdwApplicationWindow)

PactaWindow  *pacta_window_new               (AdwApplication *application,
                                              PactaContext   *context);
PactaContext *pacta_window_get_context       (PactaWindow    *self);
PactaVerifactuService *pacta_window_get_sending (PactaWindow *self);
void          pacta_window_set_context       (PactaWindow    *self,
                                              PactaContext   *context);
void          pacta_window_add_toast         (PactaWindow    *self,
                                              AdwToast       *toast);
void          pacta_window_show_error        (PactaWindow    *self,
                                              const char     *heading,
                                              const char     *message);

G_END_DECLS
