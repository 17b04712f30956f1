/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-clock.h: the one source of "now" and "today" for the whole app */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PACTA_TYPE_CLOCK (pacta_clock_get_type ())

G_DECLARE_FINAL_TYPE (PactaClock, pacta_clock, PACTA, CLOCK, GObject)

PactaClock *pacta_clock_get_default   (void);
GDateTime  *pacta_clock_get_now       (PactaClock *self);
GTimeZone  *pacta_clock_get_timezone  (PactaClock *self);
char       *pacta_clock_get_today     (PactaClock *self);
void        pacta_clock_set_fixed     (PactaClock *self,
                                       GDateTime  *now);
gboolean    pacta_clock_set_fixed_iso (PactaClock *self,
                                       const char *iso8601);
void        pacta_clock_set_step      (PactaClock *self,
                                       GTimeSpan   step);
void        pacta_clock_set_timezone  (PactaClock *self,
                                       GTimeZone  *zone);
gboolean    pacta_clock_is_fixed      (PactaClock *self);

/* Shorthands on the default clock */
GDateTime  *pacta_now                 (void);
char       *pacta_now_iso8601_utc     (void);

G_END_DECLS
