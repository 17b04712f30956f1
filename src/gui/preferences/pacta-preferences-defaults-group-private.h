/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-defaults-group-private.h: hooks for the tests into PactaPreferencesDefaultsGroup, through the window's */
#pragma once

#include "pacta-preferences-defaults-group.h"

G_BEGIN_DECLS

gboolean pacta_preferences_defaults_group_save                (PactaPreferencesDefaultsGroup *self,
                                                               const char                    *currency,
                                                               const char                    *tax_rate);
gboolean pacta_preferences_defaults_group_tax_rate_has_error (PactaPreferencesDefaultsGroup *self);

G_END_DECLS
