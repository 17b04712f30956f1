/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-platform-text.h: the cloud platform's months and times as the window words them */
#pragma once

#include "pacta-context.h"

G_BEGIN_DECLS

char  *pacta_platform_format_month    (const char   *month);
char  *pacta_platform_format_time     (PactaClock   *clock,
                                       const char   *iso_utc);
GStrv  pacta_platform_ended_months    (PactaClock   *clock,
                                       guint         n_months);
char  *pacta_platform_month_closed_at (PactaContext *context,
                                       const char   *month);

G_END_DECLS
