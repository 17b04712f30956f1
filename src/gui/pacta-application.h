/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-application.h: the application, its command line and its app-wide actions */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PACTA_TYPE_APPLICATION (pacta_application_get_type ())

G_DECLARE_FINAL_TYPE (PactaApplication, pacta_application, PACTA, APPLICATION, AdwApplication)

PactaApplication *pacta_application_new (void);

/* pacta-application-actions.c */
void              _pacta_application_add_actions (PactaApplication *self);

G_END_DECLS
