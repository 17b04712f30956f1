/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-msp.h: the MSP's own details, printed at the top of every invoice */
#pragma once

#include <gio/gio.h>

#include "pacta-billing-info.h"
#include "pacta-database.h"

G_BEGIN_DECLS

const char *const *pacta_msp_fields (void);
PactaBillingInfo  *pacta_msp_load   (PactaDatabase     *database,
                                     GError           **error);
gboolean           pacta_msp_save   (PactaDatabase     *database,
                                     PactaBillingInfo  *details,
                                     const char        *iban,
                                     GError           **error);
char              *pacta_msp_get_iban (PactaDatabase   *database,
                                       GError         **error);
gboolean           pacta_iban_is_valid (const char     *iban);
gboolean           pacta_msp_update_from_file (PactaDatabase  *database,
                                               GFile          *file,
                                               guint          *changed,
                                               GError        **error);

#define PACTA_DEFAULT_CURRENCY "EUR"
#define PACTA_DEFAULT_TAX_RATE 2100

const char *const *pacta_currencies (void);
gboolean           pacta_currency_is_valid      (const char      *code);
char              *pacta_msp_get_currency       (PactaDatabase   *database);
int                pacta_msp_get_default_tax_rate (PactaDatabase *database);
gboolean           pacta_msp_save_defaults      (PactaDatabase   *database,
                                                 const char      *currency,
                                                 int              tax_rate,
                                                 GError         **error);

G_END_DECLS
