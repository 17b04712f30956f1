/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-billing-info-table.h: reading and writing billing information, and the rule that demands it */
#pragma once

#include "pacta-billing-info.h"
#include "pacta-database.h"

G_BEGIN_DECLS

PactaBillingInfo *pacta_billing_info_load            (PactaDatabase     *database,
                                                      gint64             customer_id,
                                                      GError           **error);
PactaBillingInfo *pacta_billing_info_new_for_customer (PactaDatabase    *database,
                                                       gint64            customer_id,
                                                       GError          **error);
gboolean          pacta_billing_info_save            (PactaDatabase     *database,
                                                      PactaBillingInfo  *info,
                                                      GError           **error);
gboolean          pacta_billing_info_save_unlocked   (PactaDatabase     *database,
                                                      PactaBillingInfo  *info,
                                                      GError           **error);
gboolean          pacta_billing_info_delete          (PactaDatabase     *database,
                                                      gint64             customer_id,
                                                      GError           **error);
gboolean          pacta_customer_require_billing_info (PactaDatabase    *database,
                                                       gint64            customer_id,
                                                       GError          **error);
gboolean          pacta_customer_set_self_managed    (PactaDatabase     *database,
                                                      gint64             customer_id,
                                                      gboolean           self_managed,
                                                      GError           **error);

G_END_DECLS
