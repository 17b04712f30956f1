/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-invoicing-page-private.h: hooks for the tests into PactaPreferencesInvoicingPage and its groups, through the window's */
#pragma once

#include "pacta-numbering-editor.h"
#include "pacta-preferences-company-group-private.h"
#include "pacta-preferences-defaults-group-private.h"
#include "pacta-preferences-invoicing-page.h"
#include "pacta-preferences-sending-group-private.h"
#include "pacta-preferences-verifactu-group-private.h"

G_BEGIN_DECLS

PactaPreferencesCompanyGroup   *pacta_preferences_invoicing_page_get_company_group   (PactaPreferencesInvoicingPage *self);
PactaPreferencesDefaultsGroup  *pacta_preferences_invoicing_page_get_defaults_group  (PactaPreferencesInvoicingPage *self);
PactaPreferencesVerifactuGroup *pacta_preferences_invoicing_page_get_verifactu_group (PactaPreferencesInvoicingPage *self);
PactaPreferencesSendingGroup   *pacta_preferences_invoicing_page_get_sending_group   (PactaPreferencesInvoicingPage *self);
PactaNumberingEditor           *pacta_preferences_invoicing_page_get_numbering_editor (PactaPreferencesInvoicingPage *self,
                                                                                       const char                    *kind);
gboolean                        pacta_preferences_invoicing_page_save_numbering       (PactaPreferencesInvoicingPage *self,
                                                                                       const char                    *kind);

G_END_DECLS
