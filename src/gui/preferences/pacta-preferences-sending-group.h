/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-sending-group.h: sending the invoice records to the tax agency — environment, certificate, state — in the Invoicing page */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"
#include "pacta-verifactu-service.h"

G_BEGIN_DECLS

#define PACTA_TYPE_PREFERENCES_SENDING_GROUP (pacta_preferences_sending_group_get_type ())

G_DECLARE_FINAL_TYPE (PactaPreferencesSendingGroup, pacta_preferences_sending_group, PACTA, PREFERENCES_SENDING_GROUP,
                      AdwPreferencesGroup)

void pacta_preferences_sending_group_set_context   (PactaPreferencesSendingGroup *self,
                                                    PactaContext                 *context);
void pacta_preferences_sending_group_set_sending   (PactaPreferencesSendingGroup *self,
                                                    PactaVerifactuService        *sending);
void pacta_preferences_sending_group_rules_changed (PactaPreferencesSendingGroup *self);

G_END_DECLS
