/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-billing-run.h: a month's billing — the plan (dry run) and its commit */
#pragma once

#include "pacta-database.h"

G_BEGIN_DECLS

typedef struct
{
  const char *origin;      /* "contract", "sales_item" or "note" (static) */
  char   *description;
  gint64  quantity;        /* 1/10000 */
  gint64  unit_price;      /* 1/10000 */
  int     discount;        /* 1/100 % */
  int     tax_rate;        /* 1/100 % */
  gint64  net;             /* cents */
  gint64  contract_part_id;
  char   *period_start;
  char   *period_end;
  gint64  sales_item_id;
  gboolean follow_usage;   /* a usage-following part's: bills the month's usage */
} PactaPlanLine;

typedef struct
{
  gint64     customer_id;
  char      *customer_name;
  char      *due_date;
  GPtrArray *lines;        /* PactaPlanLine */
  gint64     net;          /* cents */
  gint64     tax;
  gint64     gross;
} PactaPlannedInvoice;

/* An invoice Spain's invoicing rules (VERI*FACTU) would have the tax agency
 * reject, with the billing-information field to fix */
typedef struct
{
  gint64      customer_id;
  char       *customer_name;
  const char *field;       /* a PactaBillingInfo property, e.g. "vat-number" (static) */
  char       *message;     /* what is wrong, translated */
} PactaRefusedInvoice;

typedef struct
{
  char      *month;        /* YYYY-MM */
  char      *run_date;     /* the first day of the next month */
  char      *currency;     /* ISO 4217, of every amount */
  GPtrArray *invoices;     /* PactaPlannedInvoice */
  GPtrArray *skipped;      /* PactaSkippedCustomer */
  gint64     gross;
  char      *empty_reason; /* when nothing is planned: why, in words */
  GPtrArray *refused;      /* PactaRefusedInvoice: while any, nothing can be issued */
  guint      usage_lines;  /* lines of usage-following parts the plan bills */
  gboolean   usage_closed; /* the month's usage is closed: those lines bill it */
  char      *usage_closed_at; /* (nullable) when it was closed, ISO 8601 UTC */
  char      *usage_as_of;  /* (nullable) when not closed: the provisional usage's time, ISO 8601 UTC */
} PactaBillingPlan;

/* How a run may go */
typedef enum
{
  PACTA_BILLING_FLAGS_NONE = 0,
  /* usage-following parts bill the provisional usage when the month's
   * usage is not closed; the run records that it did */
  PACTA_BILLING_PROVISIONAL_USAGE = 1 << 0,
} PactaBillingFlags;

PactaBillingPlan *pacta_billing_plan          (PactaDatabase     *database,
                                               const char        *month,
                                               GError           **error);
char             *pacta_billing_plan_describe (PactaBillingPlan  *plan);
char             *pacta_billing_plan_describe_refused (PactaBillingPlan *plan);
char             *pacta_billing_describe_numbers (GStrv           numbers);
void              pacta_billing_plan_free     (PactaBillingPlan  *plan);
GStrv             pacta_billing_commit        (PactaDatabase     *database,
                                               const char        *month,
                                               PactaBillingFlags  flags,
                                               GError           **error);
gboolean          pacta_month_is_valid (const char       *month);
gboolean          pacta_billing_check         (PactaDatabase     *database,
                                               const char        *month,
                                               PactaBillingFlags  flags,
                                               GError           **error);
/* (transfer full): whether the plan's usage-following parts bill closed or
 * provisional usage, in a sentence; %NULL when it bills none */
char             *pacta_billing_plan_describe_usage (PactaBillingPlan *plan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PactaBillingPlan, pacta_billing_plan_free)

G_END_DECLS
