/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-verifactu-group-private.h: hooks for the tests into PactaPreferencesVerifactuGroup, through the window's */
#pragma once

#include "pacta-preferences-verifactu-group.h"

G_BEGIN_DECLS

gboolean pacta_preferences_verifactu_group_save           (PactaPreferencesVerifactuGroup *self,
                                                           gboolean                        enabled,
                                                           const char                     *issuer_nif);
gboolean pacta_preferences_verifactu_group_verify_records (PactaPreferencesVerifactuGroup *self);

G_END_DECLS
