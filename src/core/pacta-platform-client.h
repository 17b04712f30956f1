/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-platform-client.h: the cloud platform's account management API
 * (v2), as an API client: a token from its client ID and secret, renewed
 * before it runs out and once on a 401; 429 and 503 wait for Retry-After;
 * other 5xx are tried twice more. Synchronous and cancellable: made, used
 * and freed on one thread, a job's worker or the command line. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Ids per call of the listings that take a list of tenants */
#define PACTA_PLATFORM_MAX_IDS_PER_CALL   100
/* Tenants asked for a page (the most the API gives) */
#define PACTA_PLATFORM_PAGE_SIZE          5000
/* A token is renewed this long before it runs out */
#define PACTA_PLATFORM_TOKEN_MARGIN       (60 * G_TIME_SPAN_SECOND)
/* The longest Retry-After honoured: longer is reported, not waited for */
#define PACTA_PLATFORM_MAX_WAIT_SECONDS   120

typedef struct _PactaPlatformClient PactaPlatformClient;

/* How far a long call is, in [0, 1] */
typedef void (*PactaPlatformProgress) (double   fraction,
                                       gpointer user_data);

/* Checks the URL's shape only: https, or http to a loopback address (tests,
 * mocks); a path or query is refused. Errors: PACTA_ERROR_INVALID_VALUE. */
PactaPlatformClient *pacta_platform_client_new  (const char           *url,
                                                 const char           *client_id,
                                                 const char           *secret,
                                                 GError              **error);
void                 pacta_platform_client_free (PactaPlatformClient  *self);

/* The URL as it is kept: scheme, host and port, no trailing slash */
const char *pacta_platform_client_get_url          (PactaPlatformClient *self);
/* Tests make the waits short: between tries after a 5xx (default 1500 ms)
 * and between looks at a report being made (default 2000 ms) */
void        pacta_platform_client_set_retry_delay  (PactaPlatformClient *self,
                                                    guint                milliseconds);
void        pacta_platform_client_set_poll_interval (PactaPlatformClient *self,
                                                    guint                milliseconds);
/* How long an answer may take, in seconds (default 60) */
void        pacta_platform_client_set_timeout      (PactaPlatformClient *self,
                                                    guint                seconds);
/* How many requests were sent (tries included), for tests and reports */
guint       pacta_platform_client_get_n_requests   (PactaPlatformClient *self);

/* Errors of every call: PACTA_ERROR_NETWORK (no answer; the message says
 * why), PACTA_ERROR_UNAUTHORIZED (a wrong client ID or secret: the
 * platform's words), PACTA_ERROR_REMOTE (any other refusal or failure:
 * the HTTP status and the platform's words), PACTA_ERROR_INVALID_FILE (an
 * answer that is not what the API describes), G_IO_ERROR_CANCELLED. */

/* GET /.well-known/openid-configuration, which needs no login: whether the
 * URL is the platform's, before the secret is sent to it */
gboolean    pacta_platform_client_check_url        (PactaPlatformClient  *self,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
/* A token for the client (done by every call when needed) */
gboolean    pacta_platform_client_authenticate     (PactaPlatformClient  *self,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
/* The API client's own tenant: its id, and its name into @name */
char       *pacta_platform_client_get_own_tenant   (PactaPlatformClient  *self,
                                                    char                **name,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
/* Every tenant under @root_id, every page: `{"items": [tenant…]}` */
JsonNode   *pacta_platform_client_list_tenants     (PactaPlatformClient   *self,
                                                    const char            *root_id,
                                                    PactaPlatformProgress  progress,
                                                    gpointer               progress_data,
                                                    GCancellable          *cancellable,
                                                    GError               **error);
/* Current (provisional) usage of @tenant_ids, asked for in chunks of
 * PACTA_PLATFORM_MAX_IDS_PER_CALL: `{"items": [{"tenant", "usages"}…]}` */
JsonNode   *pacta_platform_client_list_usages      (PactaPlatformClient   *self,
                                                    const char * const    *tenant_ids,
                                                    PactaPlatformProgress  progress,
                                                    gpointer               progress_data,
                                                    GCancellable          *cancellable,
                                                    GError               **error);
/* The usage report (usage_summary, level accounts, json_v2_0) of month
 * @month (YYYY-MM) under @root_id: ordered, waited for while the platform
 * makes it, downloaded and uncompressed. @report_id: (out) (optional). */
JsonNode   *pacta_platform_client_usage_report     (PactaPlatformClient   *self,
                                                    const char            *root_id,
                                                    const char            *month,
                                                    char                 **report_id,
                                                    PactaPlatformProgress  progress,
                                                    gpointer               progress_data,
                                                    GCancellable          *cancellable,
                                                    GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PactaPlatformClient, pacta_platform_client_free)

G_END_DECLS
