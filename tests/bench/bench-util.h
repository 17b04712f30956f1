/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-util.h: what the benchmarks share — generated data, timing, medians and the verdict line */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char    *bench_data_dir      (const char  *gen_data,
                              const char  *name,
                              const char * const *args);
char    *bench_temp_dir      (void);
void     bench_remove_tree   (const char  *dir);
gboolean bench_copy_file     (const char  *from,
                              const char  *to);
double   bench_now_ms        (void);
double   bench_median        (GArray      *samples);
double   bench_max           (GArray      *samples);
double   bench_paired_ratio  (GArray      *samples,
                              GArray      *bounds);
void     bench_machine_note  (void);
gboolean bench_ensure_display (int          argc,
                               char       **argv);
void     bench_run_for       (guint        ms);
guint    bench_flag_after    (guint        ms,
                              gboolean    *flag);
char    *bench_copy_database (const char  *data,
                              const char  *tmp);
int      bench_start_windowed (int                 *argc,
                               char              ***argv,
                               GOptionContext      *context,
                               const GOptionEntry  *entries,
                               char               **gen_data);
char    *bench_open_copy     (const char         *gen_data,
                              const char         *name,
                              const char * const *args,
                              char              **tmp);

G_END_DECLS
