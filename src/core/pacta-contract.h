/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-contract.h: a contract: what a customer is billed for, how often and from when */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PACTA_TYPE_CONTRACT (pacta_contract_get_type ())

G_DECLARE_FINAL_TYPE (PactaContract, pacta_contract, PACTA, CONTRACT, GObject)

gint64 pacta_contract_get_id (PactaContract *self);
void pacta_contract_set_id (PactaContract *self,
                         gint64 value);
const char *pacta_contract_get_reference (PactaContract *self);
void pacta_contract_set_reference (PactaContract *self,
                                const char *value);
const char *pacta_contract_get_name (PactaContract *self);
void pacta_contract_set_name (PactaContract *self,
                           const char *value);
gint64 pacta_contract_get_customer_id (PactaContract *self);
void pacta_contract_set_customer_id (PactaContract *self,
                                  gint64 value);
const char *pacta_contract_get_customer_name (PactaContract *self);
void pacta_contract_set_customer_name (PactaContract *self,
                                    const char *value);
const char *pacta_contract_get_contact_email (PactaContract *self);
void pacta_contract_set_contact_email (PactaContract *self,
                                    const char *value);
const char *pacta_contract_get_interval (PactaContract *self);
void pacta_contract_set_interval (PactaContract *self,
                               const char *value);
const char *pacta_contract_get_billing (PactaContract *self);
void pacta_contract_set_billing (PactaContract *self,
                              const char *value);
const char *pacta_contract_get_payment_method (PactaContract *self);
void pacta_contract_set_payment_method (PactaContract *self,
                                     const char *value);
const char *pacta_contract_get_start_date (PactaContract *self);
void pacta_contract_set_start_date (PactaContract *self,
                                 const char *value);
const char *pacta_contract_get_end_date (PactaContract *self);
void pacta_contract_set_end_date (PactaContract *self,
                               const char *value);
const char *pacta_contract_get_send_by (PactaContract *self);
void pacta_contract_set_send_by (PactaContract *self,
                              const char *value);
gboolean pacta_contract_get_prorate (PactaContract *self);
void pacta_contract_set_prorate (PactaContract *self,
                              gboolean value);
const char *pacta_contract_get_notes (PactaContract *self);
void pacta_contract_set_notes (PactaContract *self,
                            const char *value);
gint64 pacta_contract_get_monthly_value (PactaContract *self);
void pacta_contract_set_monthly_value (PactaContract *self,
                                    gint64 value);
int pacta_contract_get_n_parts (PactaContract *self);
void pacta_contract_set_n_parts (PactaContract *self,
                              int value);

typedef enum
{
  PACTA_CONTRACT_DRAFT,
  PACTA_CONTRACT_ACTIVE,
  PACTA_CONTRACT_ENDED,
} PactaContractStatus;

PactaContract      *pacta_contract_new             (gint64         customer_id);
PactaContractStatus pacta_contract_status_on       (const char    *start_date,
                                                    const char    *end_date,
                                                    const char    *today);
PactaContractStatus pacta_contract_get_status      (PactaContract *self);
const char         *pacta_contract_status_label    (PactaContractStatus status);
const char         *pacta_contract_interval_label  (const char    *interval);
int                 pacta_contract_interval_months (const char    *interval);

G_END_DECLS
