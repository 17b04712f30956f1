/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-sending-group-private.h: hooks for the tests into PactaPreferencesSendingGroup, through the window's */
#pragma once

#include "pacta-preferences-sending-group.h"

G_BEGIN_DECLS

gboolean          pacta_preferences_sending_group_set_environment        (PactaPreferencesSendingGroup *self,
                                                                          const char                   *environment);
void              pacta_preferences_sending_group_choose_certificate     (PactaPreferencesSendingGroup *self,
                                                                          GFile                        *file);
AdwMessageDialog *pacta_preferences_sending_group_get_certificate_dialog (PactaPreferencesSendingGroup *self);
gboolean          pacta_preferences_sending_group_get_certificate_busy   (PactaPreferencesSendingGroup *self);

G_END_DECLS
