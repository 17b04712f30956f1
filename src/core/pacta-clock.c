/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-clock.c: the one source of "now" and "today", like Calendar's GcalClock.
 *
 * Every rule and every default that depends on the date asks this clock (or
 * takes an explicit date), never the wall clock, so that a test can set the
 * time and a user's report can be reproduced: PACTA_NOW=2026-12-31T23:59:30+01:00
 * fixes the clock for the whole process. A fixed clock stands still unless a
 * step is set, in which case every read moves it on by that step (tests use
 * this to let a run cross midnight while it works).
 *
 * "Now" carries the clock's time zone — the machine's (TZ), looked up once —
 * since the invoice records need the local offset. The zone file is read
 * only when the zone is first needed or TZ changed: GLib 2.74 reads it at
 * every g_time_zone_new_local (), and a billing run asks for "now" often.
 *
 * Reads may come from worker threads (a billing run, an import), so the
 * state is kept under a lock.
 */
#include "config.h"

#include "pacta-clock.h"

struct _PactaClock
{
  GObject    parent_instance;

  GMutex     lock;

  /* Owned, under lock */
  GDateTime *fixed;       /* NULL: the wall clock */
  GTimeSpan  step;
  GTimeZone *zone;        /* NULL: the local zone, looked up on demand */
  GTimeZone *local;       /* the local zone for local_tz */
  char      *local_tz;    /* TZ when local was looked up */
};

G_DEFINE_FINAL_TYPE (PactaClock, pacta_clock, G_TYPE_OBJECT)

static void
pacta_clock_finalize (GObject *object)
{
  PactaClock *self = (PactaClock *)object;

  g_clear_pointer (&self->fixed, g_date_time_unref);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->local, g_time_zone_unref);
  g_free (self->local_tz);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (pacta_clock_parent_class)->finalize (object);
}

static void
pacta_clock_class_init (PactaClockClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pacta_clock_finalize;
}

static void
pacta_clock_init (PactaClock *self)
{
  g_mutex_init (&self->lock);
}

/* Called with the lock held */
static GTimeZone *
zone_unlocked (PactaClock *self)
{
  const char *tz;

  if (self->zone != NULL)
    return self->zone;

  tz = g_getenv ("TZ");
  if (self->local == NULL || g_strcmp0 (self->local_tz, tz) != 0)
    {
      g_clear_pointer (&self->local, g_time_zone_unref);
      g_free (self->local_tz);
      self->local = g_time_zone_new_local ();
      self->local_tz = g_strdup (tz);
    }
  return self->local;
}

/**
 * pacta_clock_get_default:
 *
 * The process's clock. The first call reads PACTA_NOW: when it holds an
 * ISO 8601 time (with or without an offset; without one it is local time)
 * the clock is fixed there; a value that is not a time is reported once
 * with a warning and the wall clock is used.
 *
 * Returns: (transfer none): the clock every part of Pacta reads
 */
PactaClock *
pacta_clock_get_default (void)
{
  static PactaClock *clock;

  if (g_once_init_enter (&clock))
    {
      PactaClock *created = g_object_new (PACTA_TYPE_CLOCK, NULL);
      const char *fixed = g_getenv ("PACTA_NOW");

      if (fixed != NULL && *fixed != '\0' && !pacta_clock_set_fixed_iso (created, fixed))
        g_warning ("PACTA_NOW=%s is not a time such as 2026-12-31T23:59:30+01:00; using the real clock", fixed);
      g_once_init_leave (&clock, created);
    }
  return clock;
}

/**
 * pacta_clock_get_now:
 *
 * Returns: (transfer full): the current time in the clock's time zone
 */
GDateTime *
pacta_clock_get_now (PactaClock *self)
{
  GDateTime *now;

  g_return_val_if_fail (PACTA_IS_CLOCK (self), NULL);

  g_mutex_lock (&self->lock);
  if (self->fixed != NULL)
    {
      now = g_date_time_to_timezone (self->fixed, zone_unlocked (self));
      if (self->step != 0)
        {
          GDateTime *next = g_date_time_add (self->fixed, self->step);

          g_date_time_unref (self->fixed);
          self->fixed = next;
        }
    }
  else
    now = g_date_time_new_now (zone_unlocked (self));
  g_mutex_unlock (&self->lock);

  return now;
}

/**
 * pacta_clock_get_timezone:
 *
 * Returns: (transfer full): the zone "today" is reckoned in: the one set
 *   with pacta_clock_set_timezone(), else the machine's
 */
GTimeZone *
pacta_clock_get_timezone (PactaClock *self)
{
  GTimeZone *zone;

  g_return_val_if_fail (PACTA_IS_CLOCK (self), NULL);

  g_mutex_lock (&self->lock);
  zone = g_time_zone_ref (zone_unlocked (self));
  g_mutex_unlock (&self->lock);
  return zone;
}

/**
 * pacta_clock_get_today:
 *
 * Returns: (transfer full): today's date in the clock's zone, YYYY-MM-DD
 */
char *
pacta_clock_get_today (PactaClock *self)
{
  g_autoptr(GDateTime) now = pacta_clock_get_now (self);

  return g_date_time_format (now, "%Y-%m-%d");
}

/**
 * pacta_clock_set_fixed:
 * @now: (nullable): the time the clock shows from now on; %NULL to follow
 *   the wall clock again
 *
 * Fixes the clock, for tests and for reproducing a report.
 */
void
pacta_clock_set_fixed (PactaClock *self,
                       GDateTime  *now)
{
  g_return_if_fail (PACTA_IS_CLOCK (self));

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->fixed, g_date_time_unref);
  if (now != NULL)
    self->fixed = g_date_time_ref (now);
  else
    self->step = 0;
  g_mutex_unlock (&self->lock);
}

/**
 * pacta_clock_set_fixed_iso:
 * @iso8601: a time such as 2026-12-31T23:59:30+01:00; without an offset, a
 *   time in the clock's zone
 *
 * Returns: %FALSE, leaving the clock as it was, when @iso8601 is not a time
 */
gboolean
pacta_clock_set_fixed_iso (PactaClock *self,
                           const char *iso8601)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (PACTA_IS_CLOCK (self), FALSE);
  g_return_val_if_fail (iso8601 != NULL, FALSE);

  zone = pacta_clock_get_timezone (self);
  if (!(now = g_date_time_new_from_iso8601 (iso8601, zone)))
    return FALSE;
  pacta_clock_set_fixed (self, now);
  return TRUE;
}

/**
 * pacta_clock_set_step:
 * @step: how far a fixed clock moves on after each read; 0 to stand still
 *
 * Lets a fixed clock pass time in a controlled way, e.g. to show that a
 * run reads the time once, however long it takes.
 */
void
pacta_clock_set_step (PactaClock *self,
                      GTimeSpan   step)
{
  g_return_if_fail (PACTA_IS_CLOCK (self));
  g_return_if_fail (step >= 0);

  g_mutex_lock (&self->lock);
  self->step = step;
  g_mutex_unlock (&self->lock);
}

/**
 * pacta_clock_set_timezone:
 * @zone: (nullable): the zone to reckon days in; %NULL for the machine's
 */
void
pacta_clock_set_timezone (PactaClock *self,
                          GTimeZone  *zone)
{
  g_return_if_fail (PACTA_IS_CLOCK (self));

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  if (zone != NULL)
    self->zone = g_time_zone_ref (zone);
  g_mutex_unlock (&self->lock);
}

gboolean
pacta_clock_is_fixed (PactaClock *self)
{
  gboolean fixed;

  g_return_val_if_fail (PACTA_IS_CLOCK (self), FALSE);

  g_mutex_lock (&self->lock);
  fixed = self->fixed != NULL;
  g_mutex_unlock (&self->lock);
  return fixed;
}

/**
 * pacta_now:
 *
 * Returns: (transfer full): the default clock's time, with the local offset
 */
GDateTime *
pacta_now (void)
{
  return pacta_clock_get_now (pacta_clock_get_default ());
}

/**
 * pacta_now_iso8601_utc:
 *
 * Returns: (transfer full): the default clock's time in UTC, as the
 *   database's creation and update stamps keep it
 */
char *
pacta_now_iso8601_utc (void)
{
  g_autoptr(GDateTime) now = pacta_now ();
  g_autoptr(GDateTime) utc = g_date_time_to_utc (now);

  return g_date_time_format_iso8601 (utc);
}
