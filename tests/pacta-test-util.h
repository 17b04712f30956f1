/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-test-util.h: small helpers shared by the test programs */
#pragma once

#include <gio/gio.h>

#include "pacta-context.h"

G_BEGIN_DECLS

/* The fixture of the tests that need only a folder of their own */
typedef struct
{
  char *dir;
} PactaTestDir;

/* The fixture of the tests on a database file of their own, not made yet */
typedef struct
{
  char *dir;
  char *path;               /* dir/pacta.sqlite */
} PactaTestFile;

/* The fixture of the tests on a context in a folder of their own */
typedef struct
{
  char          *dir;
  PactaContext  *context;
  PactaDatabase *db;        /* the context's */
} PactaTestContext;

void    pacta_test_dir_set_up        (PactaTestDir     *f,
                                      gconstpointer     data);
void    pacta_test_dir_tear_down     (PactaTestDir     *f,
                                      gconstpointer     data);
void    pacta_test_file_set_up       (PactaTestFile    *f,
                                      gconstpointer     data);
void    pacta_test_file_tear_down    (PactaTestFile    *f,
                                      gconstpointer     data);
void    pacta_test_platform_set_up   (PactaTestContext *f,
                                      gconstpointer     data);
void    pacta_test_billable_set_up   (PactaTestContext *f,
                                      gconstpointer     data);
void    pacta_test_context_tear_down (PactaTestContext *f,
                                      gconstpointer     data);

char   *pacta_test_make_dir      (void);
char   *pacta_test_write_file    (const char *dir,
                                  const char *name,
                                  const char *contents,
                                  gssize      length);
char   *pacta_test_file_checksum (const char *path);
GBytes *pacta_test_demo_bytes    (const char *name);
void    pacta_test_remove_tree   (const char *dir);
PactaContext *pacta_test_open_platform_demo (const char *dir);
PactaContext *pacta_test_open_billable      (const char *dir);
char   *pacta_test_search_reference (const char *text);
void    pacta_test_set_clock        (const char *zone,
                                     const char *iso8601);
void    pacta_test_clock_reset      (void);
gint64  pacta_test_customer_by_tenant (PactaDatabase *database,
                                       const char    *tenant);
gint64  pacta_test_customer_of      (PactaContext  *context,
                                     const char    *tenant);
char   *pacta_test_sqlite_digest    (sqlite3       *db);
char   *pacta_test_query_text       (PactaDatabase *database,
                                     const char    *sql,
                                     gint64         id);
char   *pacta_test_record_text      (PactaDatabase *database,
                                     const char    *expression,
                                     gint64         id);
gint64  pacta_test_add_workstations (PactaDatabase *database);
void    pacta_test_save_spanish_msp (PactaDatabase *database,
                                     const char    *vat_number);
void    pacta_test_two_contracts    (PactaContext *context,
                                     gint64        item,
                                     const char   *first_name,
                                     const char   *second_name,
                                     gint64        customers[2]);
guint   pacta_test_add_missing_contracts (PactaContext *context);
char  **pacta_test_bill             (PactaContext *context,
                                     const char   *month);
void    pacta_test_give_contract    (PactaContext *context,
                                     gint64        customer,
                                     gint64        item,
                                     gboolean      foreign,
                                     const char   *name);
void    pacta_test_make_certificate (const char *dir,
                                     const char *name,
                                     const char *subject,
                                     const char *days,
                                     const char *password);
void    pacta_test_export_p12       (const char *dir,
                                     const char *key,
                                     const char *certificate,
                                     const char *p12,
                                     const char *password);
int     pacta_test_run_pacta        (const char *const *args,
                                     char             **out,
                                     char             **err);
int     pacta_test_run              (char              **out,
                                     char              **err,
                                     const char         *first,
                                     ...) G_GNUC_NULL_TERMINATED;
gint64  pacta_test_count_rows       (const char         *path,
                                     const char         *sql);
void    pacta_test_run_openssl      (const char *dir,
                                     const char *first,
                                     ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
