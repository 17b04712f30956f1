/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-mock-platform.h: a mock of the cloud platform's account management API (v2) for the tests */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * A libsoup server on 127.0.0.1 (a port of its own), answering in a thread
 * of its own with its own GMainContext, so that a synchronous client may
 * call it from any thread, the test's main thread included. Every function
 * here may be called from any thread.
 *
 * It serves, as the platform does (issue 20):
 *   GET  /.well-known/openid-configuration      no login
 *   POST /api/2/idp/token                       client credentials, HTTP Basic
 *   GET  /api/2/clients/{client_id}
 *   GET  /api/2/tenants/{id}
 *   GET  /api/2/tenants?subtree_root_id=…&lod=full&with_contacts=true&limit=N,
 *        then ?after=CURSOR alone; or ?uuids=a,b (at most 100)
 *   GET  /api/2/tenants/usages?tenants=a,b      at most 100
 *   POST /api/2/reports                         a usage_summary report of a past month
 *   GET  /api/2/reports/{id}/stored             "processing", then "saved"
 *   GET  /api/2/reports/{id}/stored/{stored_id} the report, gzip-compressed
 * Every /api/2 call but the token's needs a live bearer token: issued, not
 * past its expires_on by the app's clock (pacta_now()), not invalidated.
 * Errors are `{"error": {"code", "message", "details", "domain"}}`.
 *
 * Requests are named by their "target", the path and, when there is one,
 * "?" and the query as sent: "/api/2/tenants?after=c2". A pattern matches
 * a target it starts ("/api/2/tenants?" is every tenant listing, not
 * /api/2/tenants/usages); a pattern ending in "$" must match the whole
 * target ("/api/2/reports$" is only the POST that orders a report).
 */

typedef struct _PactaMockPlatform PactaMockPlatform;

/* The month whose usage report pacta_mock_platform_load_fixture() sets */
#define PACTA_MOCK_PLATFORM_REPORT_MONTH "2026-11"

/* The default lifetime of a token, in seconds */
#define PACTA_MOCK_PLATFORM_TOKEN_LIFETIME 7200

typedef enum
{
  PACTA_MOCK_FAULT_STATUS,         /* this status, the error body and Retry-After if given */
  PACTA_MOCK_FAULT_DROP,           /* the connection closed without a word of reply; libsoup
                                    * itself sends a request again once when a kept-alive
                                    * connection closes so (the client never knows): add it
                                    * twice, or use CUT, for a failure the client sees */
  PACTA_MOCK_FAULT_CUT,            /* the reply's headers and half its body, then the connection closed */
  PACTA_MOCK_FAULT_MALFORMED,      /* 200 with JSON cut short */
  PACTA_MOCK_FAULT_REPEAT_CURSOR,  /* a tenant page whose next cursor is the one it was asked with
                                    * (taken only by a request with ?after=) */
  PACTA_MOCK_FAULT_EXPIRE_TOKENS,  /* every token issued so far dies just before this request is
                                    * answered: the token running out mid-sync */
} PactaMockFault;

PactaMockPlatform *pacta_mock_platform_new        (void);
void               pacta_mock_platform_free       (PactaMockPlatform *mock);

/* "http://127.0.0.1:PORT", no trailing slash */
const char        *pacta_mock_platform_get_url       (PactaMockPlatform *mock);
/* The one API client the mock knows, its secret, and its tenant (the root, "Acme MSP") */
const char        *pacta_mock_platform_get_client_id (PactaMockPlatform *mock);
const char        *pacta_mock_platform_get_secret    (PactaMockPlatform *mock);
const char        *pacta_mock_platform_get_root_id   (PactaMockPlatform *mock);

/*
 * The data: under the root partner "Acme MSP", two folders, a sub-partner
 * ("Levante Reseller") with a folder of its own, and @n_customers tenants
 * of kind "customer" numbered 1…n, customer n under
 *   n % 5 == 0: the root, 1: the first folder, 2: the second folder,
 *   3: the sub-partner, 4: the sub-partner's folder;
 * a unit (kind "unit") under each customer n with n % 40 == 0;
 * customer_id "ACC-%05u" when n % 3 == 0, "" when n % 3 == 1, absent else;
 * customer 7 disabled; a contact on each but those with n % 10 == 9.
 * Current usage of customer n: workstations (n % 25 + 1), m365_seats
 * (n % 12 + 1, even n only), storage in bytes ((n % 9 + 1) × 50 GB);
 * customer 2 has two storage rows instead, 100 GB (infra_id "…-a") and
 * 250 GB ("…-b"). The report of PACTA_MOCK_PLATFORM_REPORT_MONTH holds the
 * same rows with one more of each unit: quantity + 1, bytes + 1 GB (so
 * customer 2's storage there is 101 + 251 GB).
 * Replaces whatever was loaded before.
 */
void               pacta_mock_platform_load_fixture  (PactaMockPlatform *mock,
                                                      guint              n_customers);
/* (transfer full): the tenant id of customer @n of the fixture */
char              *pacta_mock_platform_customer_id   (guint              n);
/* Tenants of @kind in the root's subtree (the root left out) */
guint              pacta_mock_platform_count_tenants (PactaMockPlatform *mock,
                                                      const char        *kind);
/* The report of @month (YYYY-MM), in the usage listing's shape; %NULL: none
 * (a report ordered for it is then empty). Reports ordered before keep what
 * they had. */
void               pacta_mock_platform_set_report    (PactaMockPlatform *mock,
                                                      const char        *month,
                                                      JsonNode          *content);
/* The tenant listing (`{"items": [tenant…]}`, every tenant of the subtree)
 * and the usage listing (`{"items": [{"tenant", "usages"}…]}`, every
 * customer) as the file import reads them, written into @dir as
 * tenants.json and usages.json; their paths (transfer full) */
void               pacta_mock_platform_write_listings (PactaMockPlatform  *mock,
                                                       const char         *dir,
                                                       char              **tenants_path,
                                                       char              **usages_path);

/* How long a token lives (seconds; PACTA_MOCK_PLATFORM_TOKEN_LIFETIME) */
void               pacta_mock_platform_set_token_lifetime   (PactaMockPlatform *mock,
                                                             gint64             seconds);
/* Every token issued so far is dead: the next call with one gets 401 */
void               pacta_mock_platform_invalidate_tokens    (PactaMockPlatform *mock);
/* The most tenants a page gives, whatever limit was asked for (5000): the
 * listing then takes several pages without thousands of customers */
void               pacta_mock_platform_set_page_cap         (PactaMockPlatform *mock,
                                                             guint              n);
/* How many looks at a report find it "processing" before "saved" (2) */
void               pacta_mock_platform_set_processing_polls (PactaMockPlatform *mock,
                                                             guint              n);

/* A fault for the @nth next request matching @pattern (1: the very next):
 * faults are kept in a queue, and a request takes the first one due; one
 * due meanwhile waits for the next matching request. @status and
 * @retry_after (seconds, 0: no header) are for PACTA_MOCK_FAULT_STATUS. */
void               pacta_mock_platform_add_fault   (PactaMockPlatform *mock,
                                                    const char        *pattern,
                                                    guint              nth,
                                                    PactaMockFault     fault,
                                                    guint              status,
                                                    guint              retry_after);
/* The next request matching @pattern is held, unanswered, until released;
 * pacta_mock_platform_wait_held() blocks until one is held; released, it
 * is answered as it would have been then (if its client is still there) */
void               pacta_mock_platform_hold        (PactaMockPlatform *mock,
                                                    const char        *pattern);
void               pacta_mock_platform_wait_held   (PactaMockPlatform *mock);
void               pacta_mock_platform_release     (PactaMockPlatform *mock);

/* What it saw, since it started or the counters were last reset (tokens
 * and reports stay valid) */
void               pacta_mock_platform_reset_counters  (PactaMockPlatform *mock);
guint              pacta_mock_platform_count_requests  (PactaMockPlatform *mock,
                                                        const char        *pattern);
/* Replies sent with @status (a fault's included) */
guint              pacta_mock_platform_count_replies   (PactaMockPlatform *mock,
                                                        guint              status);
guint              pacta_mock_platform_get_tokens_issued (PactaMockPlatform *mock);
/* (transfer full) (nullable): the Authorization header of the last request
 * matching @pattern (%NULL: any request); %NULL when it had none or there
 * was no such request */
char              *pacta_mock_platform_get_last_authorization (PactaMockPlatform *mock,
                                                               const char        *pattern);
/* Requests, other than the token's, that carried the secret or the Basic
 * credentials anywhere (target, a header, the body): must stay 0 */
guint              pacta_mock_platform_count_secret_leaks (PactaMockPlatform *mock);

G_END_DECLS
