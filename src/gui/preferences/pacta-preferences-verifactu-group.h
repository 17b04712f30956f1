/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-verifactu-group.h: Spain's invoicing rules (VERI*FACTU) — keeping the chained records — in the Invoicing page */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_PREFERENCES_VERIFACTU_GROUP (pacta_preferences_verifactu_group_get_type ())

G_DECLARE_FINAL_TYPE (PactaPreferencesVerifactuGroup, pacta_preferences_verifactu_group, PACTA, PREFERENCES_VERIFACTU_GROUP,
                      AdwPreferencesGroup)

void pacta_preferences_verifactu_group_set_context (PactaPreferencesVerifactuGroup *self,
                                                    PactaContext                   *context);

G_END_DECLS
