/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-defaults-group.h: the invoicing defaults — currency and tax rate — in the Invoicing page */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_PREFERENCES_DEFAULTS_GROUP (pacta_preferences_defaults_group_get_type ())

G_DECLARE_FINAL_TYPE (PactaPreferencesDefaultsGroup, pacta_preferences_defaults_group, PACTA, PREFERENCES_DEFAULTS_GROUP,
                      AdwPreferencesGroup)

void pacta_preferences_defaults_group_set_context (PactaPreferencesDefaultsGroup *self,
                                                   PactaContext                  *context);

G_END_DECLS
