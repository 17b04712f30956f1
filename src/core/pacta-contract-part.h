/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-contract-part.h: one billed line of a contract: a catalog item, how many, at what price */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PACTA_TYPE_CONTRACT_PART (pacta_contract_part_get_type ())

G_DECLARE_FINAL_TYPE (PactaContractPart, pacta_contract_part, PACTA, CONTRACT_PART, GObject)

gint64 pacta_contract_part_get_id (PactaContractPart *self);
void pacta_contract_part_set_id (PactaContractPart *self,
                              gint64 value);
gint64 pacta_contract_part_get_contract_id (PactaContractPart *self);
void pacta_contract_part_set_contract_id (PactaContractPart *self,
                                       gint64 value);
gint64 pacta_contract_part_get_catalog_item_id (PactaContractPart *self);
void pacta_contract_part_set_catalog_item_id (PactaContractPart *self,
                                           gint64 value);
const char *pacta_contract_part_get_item_name (PactaContractPart *self);
void pacta_contract_part_set_item_name (PactaContractPart *self,
                                     const char *value);
const char *pacta_contract_part_get_unit (PactaContractPart *self);
void pacta_contract_part_set_unit (PactaContractPart *self,
                                const char *value);
const char *pacta_contract_part_get_description (PactaContractPart *self);
void pacta_contract_part_set_description (PactaContractPart *self,
                                       const char *value);
gint64 pacta_contract_part_get_quantity (PactaContractPart *self);
void pacta_contract_part_set_quantity (PactaContractPart *self,
                                    gint64 value);
gint64 pacta_contract_part_get_unit_price (PactaContractPart *self);
void pacta_contract_part_set_unit_price (PactaContractPart *self,
                                      gint64 value);
gboolean pacta_contract_part_get_has_price (PactaContractPart *self);
void pacta_contract_part_set_has_price (PactaContractPart *self,
                                     gboolean value);
int pacta_contract_part_get_discount (PactaContractPart *self);
void pacta_contract_part_set_discount (PactaContractPart *self,
                                    int value);
const char *pacta_contract_part_get_discount_reason (PactaContractPart *self);
void pacta_contract_part_set_discount_reason (PactaContractPart *self,
                                           const char *value);
const char *pacta_contract_part_get_start_date (PactaContractPart *self);
void pacta_contract_part_set_start_date (PactaContractPart *self,
                                      const char *value);
const char *pacta_contract_part_get_end_date (PactaContractPart *self);
void pacta_contract_part_set_end_date (PactaContractPart *self,
                                    const char *value);
gint64 pacta_contract_part_get_minimum_quantity (PactaContractPart *self);
void pacta_contract_part_set_minimum_quantity (PactaContractPart *self,
                                            gint64 value);
gboolean pacta_contract_part_get_follow_usage (PactaContractPart *self);
void pacta_contract_part_set_follow_usage (PactaContractPart *self,
                                        gboolean value);
gboolean pacta_contract_part_get_trial (PactaContractPart *self);
void pacta_contract_part_set_trial (PactaContractPart *self,
                                 gboolean value);

PactaContractPart *pacta_contract_part_new        (void);
PactaContractPart *pacta_contract_part_copy       (PactaContractPart *self);
gint64             pacta_contract_part_get_monthly_value (PactaContractPart *self);

G_END_DECLS
