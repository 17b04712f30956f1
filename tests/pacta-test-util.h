/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-test-util.h: small helpers shared by the test programs */
#pragma once

#include <gio/gio.h>

#include "pacta-context.h"

G_BEGIN_DECLS

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
void    pacta_test_run_openssl      (const char *dir,
                                     const char *first,
                                     ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
