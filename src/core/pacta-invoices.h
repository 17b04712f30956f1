/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-invoices.h: what can happen to an issued invoice — paid, or corrected by a credit note */
#pragma once

#include "pacta-database.h"

G_BEGIN_DECLS

gint64    pacta_invoice_find_by_number (PactaDatabase  *database,
                                        const char     *number,
                                        GError        **error);
gboolean  pacta_invoice_mark_paid (PactaDatabase  *database,
                                   gint64          invoice_id,
                                   const char     *paid_on,
                                   GError        **error);
char     *pacta_invoice_credit    (PactaDatabase  *database,
                                   gint64          invoice_id,
                                   const char     *date,
                                   GError        **error);
char     *pacta_invoice_credit_lines (PactaDatabase  *database,
                                      gint64          invoice_id,
                                      const char     *date,
                                      GArray         *positions,
                                      GError        **error);

G_END_DECLS
