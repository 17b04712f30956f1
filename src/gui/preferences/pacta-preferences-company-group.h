/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-company-group.h: your company's details as printed on invoices, in the Invoicing page */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"

G_BEGIN_DECLS

#define PACTA_TYPE_PREFERENCES_COMPANY_GROUP (pacta_preferences_company_group_get_type ())

G_DECLARE_FINAL_TYPE (PactaPreferencesCompanyGroup, pacta_preferences_company_group, PACTA, PREFERENCES_COMPANY_GROUP,
                      AdwPreferencesGroup)

void pacta_preferences_company_group_set_context (PactaPreferencesCompanyGroup *self,
                                                  PactaContext                 *context);

G_END_DECLS
