/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-usage-months.h: a month's usage closed from the platform's usage
 * report, which the billing run bills usage-following parts from */
#pragma once

#include <json-glib/json-glib.h>

#include "pacta-database.h"

G_BEGIN_DECLS

/* What closing a month did */
typedef struct
{
  char     *month;                 /* YYYY-MM */
  gboolean  replaced;              /* the month had been closed before */
  guint     customers;             /* customers with usage in the month */
  guint     quantities;            /* (customer, service) quantities kept */
  guint     quantities_added;      /* compared with the month's earlier close */
  guint     quantities_changed;
  guint     quantities_removed;
  guint     tenants_skipped;       /* tenants of other kinds (folders, partners…) */
  guint     tenants_unknown;       /* tenants Pacta has no customer for: sync first */
  guint     catalog_items_created;
} PactaUsageCloseReport;

PactaUsageCloseReport *pacta_usage_close_report_new      (void);
void                   pacta_usage_close_report_free     (PactaUsageCloseReport *report);
/* (transfer full): what it did, in words, for the window and the command line */
char                  *pacta_usage_close_report_describe (PactaUsageCloseReport *report);

/* Keeps @report (the platform's usage report of @month, the usage
 * listing's shape: `{"items": [{"tenant", "usages"}…]}`) as the month's
 * usage, in one transaction: a month closed before is replaced, and @out
 * says what changed. The report is read with the import's rules
 * (pacta_import_sum_usages()); a bad report changes nothing. */
gboolean  pacta_usage_month_close      (PactaDatabase          *database,
                                        const char             *month,
                                        JsonNode               *report,
                                        const char             *report_name,
                                        const char             *report_id,
                                        PactaUsageCloseReport  *out,
                                        GError                **error);
/* Whether @month is closed; its time (ISO 8601 UTC) into @closed_at */
gboolean  pacta_usage_month_is_closed  (PactaDatabase          *database,
                                        const char             *month,
                                        char                  **closed_at,
                                        GError                **error);
/* The closed months, newest first (YYYY-MM) */
GStrv     pacta_usage_months_list      (PactaDatabase          *database,
                                        GError                **error);
/* Whether @month can be closed at @now: it has ended (in UTC, as the
 * platform counts), else PACTA_ERROR_INVALID_VALUE in words */
gboolean  pacta_usage_month_check_past (const char             *month,
                                        GDateTime              *now,
                                        GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PactaUsageCloseReport, pacta_usage_close_report_free)

G_END_DECLS
