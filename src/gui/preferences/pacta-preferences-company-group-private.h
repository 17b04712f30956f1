/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-company-group-private.h: hooks for the tests into PactaPreferencesCompanyGroup, through the window's */
#pragma once

#include "pacta-preferences-company-group.h"

G_BEGIN_DECLS

void     pacta_preferences_company_group_set_field       (PactaPreferencesCompanyGroup *self,
                                                          const char                   *field,
                                                          const char                   *text);
gboolean pacta_preferences_company_group_save            (PactaPreferencesCompanyGroup *self);
gboolean pacta_preferences_company_group_field_has_error (PactaPreferencesCompanyGroup *self,
                                                          const char                   *field);

G_END_DECLS
