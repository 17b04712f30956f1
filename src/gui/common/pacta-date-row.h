/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-date-row.h: a calendar button for an AdwEntryRow that holds a YYYY-MM-DD date */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void pacta_date_row_add_calendar       (AdwEntryRow *row);
void pacta_date_row_add_calendar_named (AdwEntryRow *row,
                                        const char  *name);

G_END_DECLS
