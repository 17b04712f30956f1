/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-contract-store.h: contracts as a GListModel, and the rules for creating them */
#pragma once

#include <gio/gio.h>

#include "pacta-contract.h"
#include "pacta-contract-part.h"
#include "pacta-row-store.h"

G_BEGIN_DECLS

#define PACTA_TYPE_CONTRACT_STORE (pacta_contract_store_get_type ())

G_DECLARE_FINAL_TYPE (PactaContractStore, pacta_contract_store, PACTA, CONTRACT_STORE, PactaRowStore)

/* One customer a bulk creation left out, and why */
typedef struct
{
  gint64  customer_id;
  char   *customer_name;
  char   *reason;
} PactaSkippedCustomer;

PactaContractStore *pacta_contract_store_new        (PactaDatabase      *database,
                                                     GError            **error);
PactaContract      *pacta_contract_load             (PactaDatabase      *database,
                                                     gint64              id,
                                                     GError            **error);
GListModel         *pacta_contract_load_parts       (PactaDatabase      *database,
                                                     gint64              contract_id,
                                                     GError            **error);
GListModel         *pacta_contract_default_parts    (PactaDatabase      *database,
                                                     gint64              customer_id,
                                                     const char         *start_date,
                                                     GError            **error);
gboolean            pacta_contract_validate         (PactaContract      *contract,
                                                     GListModel         *parts,
                                                     GError            **error);
gboolean            pacta_contract_validate_info    (PactaContract      *contract,
                                                     GError            **error);
gint64              pacta_contract_create           (PactaDatabase      *database,
                                                     PactaContract      *contract,
                                                     GListModel         *parts,
                                                     GError            **error);
gboolean            pacta_contract_update           (PactaDatabase      *database,
                                                     PactaContract      *contract,
                                                     GListModel         *parts,
                                                     GError            **error);
GArray             *pacta_contract_missing_customers (PactaDatabase     *database,
                                                      GError           **error);
GArray             *pacta_customer_ids_by_name      (PactaDatabase      *database,
                                                     GError            **error);
gint64              pacta_contract_count_missing    (PactaDatabase      *database,
                                                     GError            **error);
GPtrArray          *pacta_contract_create_defaults  (PactaDatabase      *database,
                                                     GArray             *customer_ids,
                                                     PactaContract      *prototype,
                                                     guint              *n_created,
                                                     GError            **error);
void                pacta_skipped_customer_free     (PactaSkippedCustomer *skipped);

G_END_DECLS
