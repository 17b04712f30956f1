/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-billing-info.h: how and where a customer is invoiced (at most one per customer) */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PACTA_TYPE_BILLING_INFO (pacta_billing_info_get_type ())

G_DECLARE_FINAL_TYPE (PactaBillingInfo, pacta_billing_info, PACTA, BILLING_INFO, GObject)

/* One problem with one field, as pacta_billing_info_check() reports it */
typedef struct
{
  const char *field;     /* property name, e.g. "vat-number" */
  char       *message;   /* translated reason */
} PactaFieldProblem;

PactaBillingInfo *pacta_billing_info_new        (gint64             customer_id);
PactaBillingInfo *pacta_billing_info_copy       (PactaBillingInfo  *self);
GPtrArray        *pacta_billing_info_check      (PactaBillingInfo  *self);
GPtrArray        *pacta_billing_info_check_records (PactaBillingInfo *self);
gboolean          pacta_billing_info_validate   (PactaBillingInfo  *self,
                                                 GError           **error);
const char       *pacta_billing_info_field_label (const char       *field);
gboolean          pacta_country_code_is_valid   (const char        *code);
void              pacta_billing_info_normalize  (PactaBillingInfo  *self);

gint64 pacta_billing_info_get_customer_id (PactaBillingInfo *self);
void pacta_billing_info_set_customer_id (PactaBillingInfo *self,
                                         gint64 value);
const char *pacta_billing_info_get_business_name (PactaBillingInfo *self);
void pacta_billing_info_set_business_name (PactaBillingInfo *self,
                                           const char *value);
const char *pacta_billing_info_get_debtor_code (PactaBillingInfo *self);
void pacta_billing_info_set_debtor_code (PactaBillingInfo *self,
                                         const char *value);
const char *pacta_billing_info_get_invoice_email (PactaBillingInfo *self);
void pacta_billing_info_set_invoice_email (PactaBillingInfo *self,
                                           const char *value);
const char *pacta_billing_info_get_website (PactaBillingInfo *self);
void pacta_billing_info_set_website (PactaBillingInfo *self,
                                     const char *value);
const char *pacta_billing_info_get_vat_number (PactaBillingInfo *self);
void pacta_billing_info_set_vat_number (PactaBillingInfo *self,
                                        const char *value);
const char *pacta_billing_info_get_language (PactaBillingInfo *self);
void pacta_billing_info_set_language (PactaBillingInfo *self,
                                      const char *value);
const char *pacta_billing_info_get_country (PactaBillingInfo *self);
void pacta_billing_info_set_country (PactaBillingInfo *self,
                                     const char *value);
int pacta_billing_info_get_tax_rate (PactaBillingInfo *self);
void pacta_billing_info_set_tax_rate (PactaBillingInfo *self,
                                      int value);
gboolean pacta_billing_info_get_tax_exempt (PactaBillingInfo *self);
void pacta_billing_info_set_tax_exempt (PactaBillingInfo *self,
                                        gboolean value);
int pacta_billing_info_get_rounding_minutes (PactaBillingInfo *self);
void pacta_billing_info_set_rounding_minutes (PactaBillingInfo *self,
                                              int value);
int pacta_billing_info_get_payment_terms_days (PactaBillingInfo *self);
void pacta_billing_info_set_payment_terms_days (PactaBillingInfo *self,
                                                int value);
gboolean pacta_billing_info_get_direct_debit (PactaBillingInfo *self);
void pacta_billing_info_set_direct_debit (PactaBillingInfo *self,
                                          gboolean value);
const char *pacta_billing_info_get_send_by (PactaBillingInfo *self);
void pacta_billing_info_set_send_by (PactaBillingInfo *self,
                                     const char *value);
const char *pacta_billing_info_get_street (PactaBillingInfo *self);
void pacta_billing_info_set_street (PactaBillingInfo *self,
                                    const char *value);
const char *pacta_billing_info_get_number (PactaBillingInfo *self);
void pacta_billing_info_set_number (PactaBillingInfo *self,
                                    const char *value);
const char *pacta_billing_info_get_building (PactaBillingInfo *self);
void pacta_billing_info_set_building (PactaBillingInfo *self,
                                      const char *value);
const char *pacta_billing_info_get_postal_code (PactaBillingInfo *self);
void pacta_billing_info_set_postal_code (PactaBillingInfo *self,
                                         const char *value);
const char *pacta_billing_info_get_city (PactaBillingInfo *self);
void pacta_billing_info_set_city (PactaBillingInfo *self,
                                  const char *value);
const char *pacta_billing_info_get_state (PactaBillingInfo *self);
void pacta_billing_info_set_state (PactaBillingInfo *self,
                                   const char *value);
const char *pacta_billing_info_get_address_country (PactaBillingInfo *self);
void pacta_billing_info_set_address_country (PactaBillingInfo *self,
                                             const char *value);
const char *pacta_billing_info_get_phone (PactaBillingInfo *self);
void pacta_billing_info_set_phone (PactaBillingInfo *self,
                                   const char *value);
const char *pacta_billing_info_get_fax (PactaBillingInfo *self);
void pacta_billing_info_set_fax (PactaBillingInfo *self,
                                 const char *value);

G_END_DECLS
