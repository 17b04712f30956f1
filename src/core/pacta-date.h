/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-date.h: calendar dates as Pacta keeps them (ISO text, YYYY-MM-DD), and today's */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  pacta_date_is_valid      (const char *date);
gboolean  pacta_month_is_valid     (const char *month);
char     *pacta_month_name         (const char *month);
char     *pacta_date_today         (void);
char     *pacta_month_previous     (const char *date);
char     *pacta_date_first_of_next_month (const char *date);

/* Months since year 0, so that intervals can be aligned with arithmetic */
int       pacta_date_month_index   (const char *date);
char     *pacta_date_month_first   (int         month_index);
char     *pacta_date_month_last    (int         month_index);
int       pacta_date_days_between  (const char *from,
                                    const char *to);
char     *pacta_date_add_days      (const char *date,
                                    int         days);
const char *pacta_date_later       (const char *a,
                                    const char *b);
const char *pacta_date_earlier     (const char *a,
                                    const char *b);

G_END_DECLS
