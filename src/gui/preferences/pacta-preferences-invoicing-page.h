/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-invoicing-page.h: the Invoicing page of the preferences — company, defaults, numbering, Spain's rules and sending */
#pragma once

#include <adwaita.h>

#include "pacta-context.h"
#include "pacta-verifactu-service.h"

G_BEGIN_DECLS

#define PACTA_TYPE_PREFERENCES_INVOICING_PAGE (pacta_preferences_invoicing_page_get_type ())

G_DECLARE_FINAL_TYPE (PactaPreferencesInvoicingPage, pacta_preferences_invoicing_page, PACTA, PREFERENCES_INVOICING_PAGE,
                      AdwPreferencesPage)

void pacta_preferences_invoicing_page_set_context (PactaPreferencesInvoicingPage *self,
                                                   PactaContext                  *context);
void pacta_preferences_invoicing_page_set_sending (PactaPreferencesInvoicingPage *self,
                                                   PactaVerifactuService         *sending);

G_END_DECLS
