/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-platform-client.c: the cloud platform's account management API (v2)
 * over libsoup 3, synchronously on the caller's thread.
 *
 * One function sends every call (call()): it gets or renews the token,
 * waits out 429 and 503 for as long as Retry-After says, tries a 5xx twice
 * more, renews the token once on a 401, and turns any other answer into an
 * error with the HTTP status and the platform's own words. Answers are
 * parsed with the import's limits (pacta_import_parse()). The secret is
 * only ever sent to the token endpoint, and never written anywhere.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "pacta-clock.h"
#include "pacta-error.h"
#include "pacta-text.h"
#include "pacta-import.h"
#include "pacta-platform-client.h"

#define DEFAULT_RETRY_DELAY_MS     1500
#define DEFAULT_POLL_INTERVAL_MS   2000
#define DEFAULT_TIMEOUT_SECONDS    60
#define MAX_5XX_RETRIES            2
#define MAX_WAITS                  5       /* 429/503 answers waited out for one call */
#define MAX_POLLS                  900     /* looks at a report being made */

struct _PactaPlatformClient
{
  SoupSession *session;
  char        *url;             /* scheme://host[:port] */
  char        *client_id;
  char        *secret;
  char        *token;
  gint64       token_expires;   /* Unix seconds */
  guint        retry_delay_ms;
  guint        poll_interval_ms;
  guint        n_requests;
};

/* ---- the URL ----------------------------------------------------------------- */

static char *
normalize_url (const char  *text,
               GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *scheme = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *host, *path;

  if (stripped[0] == '\0')
    return pacta_error_invalid (error, _("Enter the data center URL, such as https://eu2-cloud.example.com")), NULL;

  uri = g_uri_parse (stripped, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    return pacta_error_invalid (error, _("The data center URL is not a web address, such as https://eu2-cloud.example.com")), NULL;

  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  host = g_uri_get_host (uri);
  path = g_uri_get_path (uri);

  if (!g_str_equal (scheme, "https") && !(g_str_equal (scheme, "http") && pacta_text_is_loopback_host (host)))
    return pacta_error_invalid (error, _("The data center URL must start with https://")), NULL;
  if ((path[0] != '\0' && strcmp (path, "/") != 0) || g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL || g_uri_get_userinfo (uri) != NULL)
    return pacta_error_invalid (error, _("Give the data center URL alone, without a path, such as https://eu2-cloud.example.com")), NULL;

  return g_uri_join (G_URI_FLAGS_NONE, scheme, NULL, host, g_uri_get_port (uri), "", NULL, NULL);
}

PactaPlatformClient *
pacta_platform_client_new (const char  *url,
                           const char  *client_id,
                           const char  *secret,
                           GError     **error)
{
  g_autofree char *normalized = normalize_url (url, error);
  g_autofree char *agent = NULL;
  PactaPlatformClient *self;

  if (normalized == NULL)
    return NULL;
  if (client_id == NULL || client_id[strspn (client_id, " \t")] == '\0')
    return pacta_error_invalid (error, _("Enter the API client’s client ID")), NULL;
  if (secret == NULL || secret[0] == '\0')
    return pacta_error_invalid (error, _("Enter the API client’s secret")), NULL;

  agent = g_strdup_printf ("Pacta/%s", PACKAGE_VERSION);
  self = g_new0 (PactaPlatformClient, 1);
  self->session = soup_session_new_with_options ("timeout", DEFAULT_TIMEOUT_SECONDS,
                                                 "user-agent", agent,
                                                 NULL);
  self->url = g_steal_pointer (&normalized);
  self->client_id = g_strstrip (g_strdup (client_id));
  self->secret = g_strdup (secret);
  self->retry_delay_ms = DEFAULT_RETRY_DELAY_MS;
  self->poll_interval_ms = DEFAULT_POLL_INTERVAL_MS;
  return self;
}

static void
wipe_free (char *text)
{
  if (text != NULL)
    {
      explicit_bzero (text, strlen (text));
      g_free (text);
    }
}

void
pacta_platform_client_free (PactaPlatformClient *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->session);
  g_free (self->url);
  g_free (self->client_id);
  wipe_free (self->secret);
  wipe_free (self->token);
  g_free (self);
}

const char *
pacta_platform_client_get_url (PactaPlatformClient *self)
{
  return self->url;
}

void
pacta_platform_client_set_retry_delay (PactaPlatformClient *self,
                                       guint                milliseconds)
{
  self->retry_delay_ms = milliseconds;
}

void
pacta_platform_client_set_poll_interval (PactaPlatformClient *self,
                                         guint                milliseconds)
{
  self->poll_interval_ms = milliseconds;
}

void
pacta_platform_client_set_timeout (PactaPlatformClient *self,
                                   guint                seconds)
{
  g_object_set (self->session, "timeout", seconds, NULL);
}

guint
pacta_platform_client_get_n_requests (PactaPlatformClient *self)
{
  return self->n_requests;
}

/* ---- waiting, cancellably ----------------------------------------------------- */

typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean cancelled;
} Waiter;

static void
waiter_cancelled (GCancellable *cancellable,
                  gpointer      data)
{
  Waiter *waiter = data;

  g_mutex_lock (&waiter->lock);
  waiter->cancelled = TRUE;
  g_cond_signal (&waiter->cond);
  g_mutex_unlock (&waiter->lock);
}

/* Waits @milliseconds, or until @cancellable fires */
static gboolean
wait_for (guint          milliseconds,
          GCancellable  *cancellable,
          GError       **error)
{
  Waiter waiter = { 0 };
  gint64 end = g_get_monotonic_time () + (gint64) milliseconds * G_TIME_SPAN_MILLISECOND;
  gulong handler = 0;

  g_mutex_init (&waiter.lock);
  g_cond_init (&waiter.cond);
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (waiter_cancelled), &waiter, NULL);

  g_mutex_lock (&waiter.lock);
  while (!waiter.cancelled)
    if (!g_cond_wait_until (&waiter.cond, &waiter.lock, end))
      break;
  g_mutex_unlock (&waiter.lock);

  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, handler);
  g_mutex_clear (&waiter.lock);
  g_cond_clear (&waiter.cond);

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* Retry-After in seconds, or as an HTTP date; -1 when absent or unreadable */
static gint64
retry_after_seconds (SoupMessage *message)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (message), "Retry-After");
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  guint64 seconds;

  if (value == NULL)
    return -1;
  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT32, &seconds, NULL))
    return (gint64) seconds;
  if ((when = soup_date_time_new_from_http_string (value)) == NULL)
    return -1;
  now = pacta_now ();
  return MAX (0, g_date_time_difference (when, now) / G_TIME_SPAN_SECOND);
}

/* ---- one call ----------------------------------------------------------------- */

/* The platform's own words from an error answer, or %NULL */
static char *
platform_message (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;
  JsonNode *root, *node;
  JsonObject *object;

  if (data == NULL || size == 0 || size > 64 * 1024 ||
      !json_parser_load_from_data (parser, data, (gssize) size, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  node = json_object_get_member (object, "error");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *e = json_node_get_object (node);
      const char *message = json_object_get_string_member_with_default (e, "message", NULL);
      const char *reason = json_object_get_string_member_with_default (e, "reason", NULL);

      if (message != NULL && message[0] != '\0')
        return g_strdup (message);
      if (reason != NULL && reason[0] != '\0')
        return g_strdup (reason);
    }
  /* OAuth's own shape, which the token endpoint may use */
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *description = json_object_get_string_member_with_default (object, "error_description", NULL);

      return g_strdup (description != NULL ? description : json_node_get_string (node));
    }
  return NULL;
}

static void
set_http_error (GError     **error,
                int          code,
                const char  *what,
                guint        status,
                SoupMessage *message,
                GBytes      *body)
{
  g_autofree char *words = platform_message (body);
  const char *reason = soup_message_get_reason_phrase (message);

  if (words == NULL)
    words = g_strdup (reason != NULL && reason[0] != '\0' ? reason : soup_status_get_phrase (status));
  g_set_error (error, PACTA_ERROR, code,
               /* Translators: %s is what was asked (such as "listing the customers"), %u the HTTP
                * status, the last %s the platform's own message */
               _("The cloud platform refused %s (HTTP %u): %s"), what, status, words);
}

typedef struct
{
  const char *method;
  char       *path;           /* with its query */
  const char *content_type;   /* (nullable) */
  GBytes     *body;           /* (nullable) */
  gboolean    authorized;     /* sends the token */
  const char *what;           /* for messages */
} Call;

static gboolean ensure_token (PactaPlatformClient  *self,
                              GCancellable         *cancellable,
                              GError              **error);

/* Sends @call once; the answer's body, with its message for the status */
static GBytes *
send_once (PactaPlatformClient  *self,
           Call                 *call,
           SoupMessage         **message_out,
           GCancellable         *cancellable,
           GError              **error)
{
  g_autofree char *uri = g_strconcat (self->url, call->path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (call->method, uri);
  g_autoptr(GError) local_error = NULL;
  SoupMessageHeaders *headers;
  GBytes *body;

  if (message == NULL)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                   _("The cloud platform’s address could not be used: %s"), uri);
      return NULL;
    }

  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (call->authorized)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", self->token, NULL);

      soup_message_headers_replace (headers, "Authorization", bearer);
      explicit_bzero (bearer, strlen (bearer));
    }
  else if (g_str_equal (call->path, "/api/2/idp/token"))
    {
      g_autofree char *pair = g_strconcat (self->client_id, ":", self->secret, NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
      g_autofree char *basic = g_strconcat ("Basic ", encoded, NULL);

      soup_message_headers_replace (headers, "Authorization", basic);
      explicit_bzero (pair, strlen (pair));
      explicit_bzero (encoded, strlen (encoded));
      explicit_bzero (basic, strlen (basic));
    }
  if (call->body != NULL)
    soup_message_set_request_body_from_bytes (message, call->content_type, call->body);

  self->n_requests++;
  body = soup_session_send_and_read (self->session, message, cancellable, &local_error);
  if (body == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, PACTA_ERROR, PACTA_ERROR_NETWORK,
                     /* Translators: the first %s is what was asked, the second is the address, the
                      * last why (such as "Connection refused") */
                     _("The cloud platform could not be reached while %s (%s): %s. Nothing was changed; "
                       "try again when the network is back."),
                     call->what, self->url, local_error->message);
      return NULL;
    }

  *message_out = g_steal_pointer (&message);
  return body;
}

/* Sends @call as the API wants it tried (see the top of the file); the
 * body of a successful answer */
static GBytes *
call_raw (PactaPlatformClient  *self,
          Call                 *call,
          GCancellable         *cancellable,
          GError              **error)
{
  guint failures = 0, waits = 0;
  gboolean renewed = FALSE;

  for (;;)
    {
      g_autoptr(SoupMessage) message = NULL;
      g_autoptr(GBytes) body = NULL;
      guint status;
      gint64 wait;

      if (call->authorized && !ensure_token (self, cancellable, error))
        return NULL;
      if (!(body = send_once (self, call, &message, cancellable, error)))
        return NULL;

      status = soup_message_get_status (message);
      if (SOUP_STATUS_IS_SUCCESSFUL (status))
        return g_steal_pointer (&body);

      /* A token past its time, or revoked: a new one, once */
      if (status == SOUP_STATUS_UNAUTHORIZED && call->authorized && !renewed)
        {
          renewed = TRUE;
          g_clear_pointer (&self->token, wipe_free);
          continue;
        }

      if ((status == 429 || status == SOUP_STATUS_SERVICE_UNAVAILABLE) &&
          waits < MAX_WAITS)
        {
          wait = retry_after_seconds (message);
          if (wait > PACTA_PLATFORM_MAX_WAIT_SECONDS)
            {
              g_autofree char *words = platform_message (body);

              g_set_error (error, PACTA_ERROR, PACTA_ERROR_REMOTE,
                           /* Translators: %s is what was asked, %u the HTTP status, %d minutes */
                           ngettext ("The cloud platform is busy (%s, HTTP %u) and asks to wait %d minute; "
                                     "nothing was changed, try again later.",
                                     "The cloud platform is busy (%s, HTTP %u) and asks to wait %d minutes; "
                                     "nothing was changed, try again later.",
                                     (gulong) ((wait + 59) / 60)),
                           call->what, status, (int) ((wait + 59) / 60));
              return NULL;
            }
          waits++;
          if (!wait_for (wait >= 0 ? (guint) wait * 1000 : self->retry_delay_ms, cancellable, error))
            return NULL;
          continue;
        }

      if (status >= 500 && status < 600 && failures < MAX_5XX_RETRIES)
        {
          failures++;
          /* 1–2 s: a little longer each time */
          if (!wait_for (self->retry_delay_ms * (2 + failures) / 3, cancellable, error))
            return NULL;
          continue;
        }

      set_http_error (error,
                      status == SOUP_STATUS_UNAUTHORIZED ? PACTA_ERROR_UNAUTHORIZED : PACTA_ERROR_REMOTE,
                      call->what, status, message, body);
      return NULL;
    }
}

static JsonNode *
call_json (PactaPlatformClient  *self,
           Call                 *call,
           GCancellable         *cancellable,
           GError              **error)
{
  g_autoptr(GBytes) body = call_raw (self, call, cancellable, error);
  g_autofree char *name = NULL;
  JsonNode *root;

  if (body == NULL)
    return NULL;
  /* Translators: how an answer is named in messages; %s is what was asked */
  name = g_strdup_printf (_("the cloud platform’s answer to %s"), call->what);
  if (!(root = pacta_import_parse (name, body, error)))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      json_node_unref (root);
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE, _("%s: expected an object"), name);
      return NULL;
    }
  return root;
}

static JsonNode *
get_json (PactaPlatformClient  *self,
          char                 *path,
          const char           *what,
          GCancellable         *cancellable,
          GError              **error)
{
  Call call = { "GET", path, NULL, NULL, TRUE, what };
  JsonNode *root = call_json (self, &call, cancellable, error);

  g_free (path);
  return root;
}

/* A string member of an answer, required */
static const char *
require_string (JsonNode     *root,
                const char   *member,
                const char   *what,
                GError      **error)
{
  const char *value = json_object_get_string_member_with_default (json_node_get_object (root), member, NULL);

  if (value == NULL || value[0] == '\0')
    g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                 /* Translators: the first %s is what was asked, the second a field name */
                 _("The cloud platform’s answer to %s has no “%s”"), what, member);
  return value;
}

/* ---- the token ----------------------------------------------------------------- */

static gboolean
ensure_token (PactaPlatformClient  *self,
              GCancellable         *cancellable,
              GError              **error)
{
  g_autoptr(GDateTime) now = pacta_now ();

  if (self->token != NULL &&
      g_date_time_to_unix (now) < self->token_expires - PACTA_PLATFORM_TOKEN_MARGIN / G_TIME_SPAN_SECOND)
    return TRUE;
  g_clear_pointer (&self->token, wipe_free);
  return pacta_platform_client_authenticate (self, cancellable, error);
}

gboolean
pacta_platform_client_authenticate (PactaPlatformClient  *self,
                                    GCancellable         *cancellable,
                                    GError              **error)
{
  static const char form[] = "grant_type=client_credentials";
  g_autoptr(GBytes) body = g_bytes_new_static (form, sizeof form - 1);
  Call call = { "POST", (char *) "/api/2/idp/token", "application/x-www-form-urlencoded", body, FALSE,
                _("signing in with the API client") };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *token;
  JsonNode *expires;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!(root = call_json (self, &call, cancellable, &local_error)))
    {
      /* A refused client ID or secret, whatever status the platform uses for it */
      if (g_error_matches (local_error, PACTA_ERROR, PACTA_ERROR_REMOTE) &&
          (strstr (local_error->message, "HTTP 400") != NULL || strstr (local_error->message, "HTTP 403") != NULL))
        local_error->code = PACTA_ERROR_UNAUTHORIZED;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!(token = require_string (root, "access_token", call.what, error)))
    return FALSE;
  expires = json_object_get_member (json_node_get_object (root), "expires_on");
  if (expires == NULL || !JSON_NODE_HOLDS_VALUE (expires) ||
      (json_node_get_value_type (expires) != G_TYPE_INT64 && json_node_get_value_type (expires) != G_TYPE_DOUBLE))
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                   _("The cloud platform’s answer to %s has no “%s”"), call.what, "expires_on");
      return FALSE;
    }

  self->token = g_strdup (token);
  self->token_expires = json_node_get_value_type (expires) == G_TYPE_INT64
                        ? json_node_get_int (expires)
                        : (gint64) json_node_get_double (expires);
  return TRUE;
}

/* ---- the calls ----------------------------------------------------------------- */

gboolean
pacta_platform_client_check_url (PactaPlatformClient  *self,
                                 GCancellable         *cancellable,
                                 GError              **error)
{
  Call call = { "GET", (char *) "/.well-known/openid-configuration", NULL, NULL, FALSE,
                _("checking the data center URL") };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  g_return_val_if_fail (self != NULL, FALSE);

  root = call_json (self, &call, cancellable, &local_error);
  if (root != NULL)
    {
      object = json_node_get_object (root);
      if (json_object_has_member (object, "token_endpoint") || json_object_has_member (object, "issuer"))
        return TRUE;
    }
  if (local_error != NULL &&
      (local_error->domain != PACTA_ERROR ||
       local_error->code == PACTA_ERROR_NETWORK))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
               /* Translators: %s is the URL; the secret is not sent to it */
               _("%s does not answer as the cloud platform’s data center does; check the URL "
                 "(the secret was not sent)."),
               self->url);
  return FALSE;
}

char *
pacta_platform_client_get_own_tenant (PactaPlatformClient  *self,
                                      char                **name,
                                      GCancellable         *cancellable,
                                      GError              **error)
{
  g_autofree char *escaped = g_uri_escape_string (self->client_id, NULL, FALSE);
  const char *what = _("reading the API client");
  g_autoptr(JsonNode) client = get_json (self, g_strconcat ("/api/2/clients/", escaped, NULL), what,
                                         cancellable, error);
  g_autoptr(JsonNode) tenant = NULL;
  g_autofree char *tenant_escaped = NULL;
  const char *tenant_id, *tenant_name;

  if (client == NULL || !(tenant_id = require_string (client, "tenant_id", what, error)))
    return NULL;

  tenant_escaped = g_uri_escape_string (tenant_id, NULL, FALSE);
  what = _("reading the API client’s tenant");
  tenant = get_json (self, g_strconcat ("/api/2/tenants/", tenant_escaped, NULL), what, cancellable, error);
  if (tenant == NULL || !(tenant_name = require_string (tenant, "name", what, error)))
    return NULL;

  if (name != NULL)
    *name = g_strdup (tenant_name);
  return g_strdup (tenant_id);
}

static void
tell (PactaPlatformProgress progress,
      gpointer              data,
      double                fraction)
{
  if (progress != NULL)
    progress (CLAMP (fraction, 0.0, 1.0), data);
}

/* The "items" list of an answer */
static JsonArray *
items_of (JsonNode    *root,
          const char  *what,
          GError     **error)
{
  JsonNode *items = json_object_get_member (json_node_get_object (root), "items");

  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                   _("The cloud platform’s answer to %s has no “%s”"), what, "items");
      return NULL;
    }
  return json_node_get_array (items);
}

static void
append_items (JsonArray *into,
              JsonArray *items)
{
  guint n = json_array_get_length (items);

  for (guint i = 0; i < n; i++)
    json_array_add_element (into, json_node_copy (json_array_get_element (items, i)));
}

static JsonNode *
listing_new (JsonArray *items)
{
  JsonObject *object = json_object_new ();
  JsonNode *root = json_node_new (JSON_NODE_OBJECT);

  json_object_set_array_member (object, "items", items);
  json_node_take_object (root, object);
  return root;
}

/* paging.cursors.after, or %NULL at the last page */
static const char *
next_cursor (JsonNode *root)
{
  JsonObject *object = json_node_get_object (root);
  JsonNode *paging = json_object_get_member (object, "paging");
  JsonNode *cursors;

  if (paging == NULL || !JSON_NODE_HOLDS_OBJECT (paging))
    return NULL;
  cursors = json_object_get_member (json_node_get_object (paging), "cursors");
  if (cursors == NULL || !JSON_NODE_HOLDS_OBJECT (cursors))
    return NULL;
  return json_object_get_string_member_with_default (json_node_get_object (cursors), "after", NULL);
}

JsonNode *
pacta_platform_client_list_tenants (PactaPlatformClient   *self,
                                    const char            *root_id,
                                    PactaPlatformProgress  progress,
                                    gpointer               progress_data,
                                    GCancellable          *cancellable,
                                    GError               **error)
{
  g_autoptr(JsonArray) all = json_array_new ();
  g_autoptr(GHashTable) cursors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *escaped = g_uri_escape_string (root_id, NULL, FALSE);
  const char *what = _("listing the customers");
  char *path = g_strdup_printf ("/api/2/tenants?subtree_root_id=%s&lod=full&with_contacts=true&limit=%d",
                                escaped, PACTA_PLATFORM_PAGE_SIZE);
  guint pages = 0;

  g_return_val_if_fail (self != NULL && root_id != NULL, NULL);

  while (path != NULL)
    {
      g_autoptr(JsonNode) page = get_json (self, g_steal_pointer (&path), what, cancellable, error);
      JsonArray *items;
      const char *after;

      if (page == NULL || !(items = items_of (page, what, error)))
        return NULL;
      append_items (all, items);
      pages++;
      /* The total is not told: each page brings the bar half-way closer */
      tell (progress, progress_data, 1.0 - 1.0 / (pages + 1));

      after = next_cursor (page);
      if (after == NULL || after[0] == '\0')
        break;
      if (!g_hash_table_add (cursors, g_strdup (after)))
        {
          g_set_error (error, PACTA_ERROR, PACTA_ERROR_REMOTE,
                       _("The cloud platform gave the same page of customers twice while %s; "
                         "stopped, nothing was changed. Try again later."),
                       what);
          return NULL;
        }
      g_clear_pointer (&escaped, g_free);
      escaped = g_uri_escape_string (after, NULL, FALSE);
      path = g_strconcat ("/api/2/tenants?after=", escaped, NULL);
    }

  tell (progress, progress_data, 1.0);
  return listing_new (g_steal_pointer (&all));
}

JsonNode *
pacta_platform_client_list_usages (PactaPlatformClient   *self,
                                   const char * const    *tenant_ids,
                                   PactaPlatformProgress  progress,
                                   gpointer               progress_data,
                                   GCancellable          *cancellable,
                                   GError               **error)
{
  g_autoptr(JsonArray) all = json_array_new ();
  const char *what = _("reading the current usage");
  guint n = tenant_ids != NULL ? g_strv_length ((char **) tenant_ids) : 0;

  g_return_val_if_fail (self != NULL, NULL);

  for (guint first = 0; first < n; first += PACTA_PLATFORM_MAX_IDS_PER_CALL)
    {
      g_autoptr(GString) path = g_string_new ("/api/2/tenants/usages?tenants=");
      g_autoptr(JsonNode) answer = NULL;
      JsonArray *items;

      for (guint i = first; i < n && i < first + PACTA_PLATFORM_MAX_IDS_PER_CALL; i++)
        {
          if (i > first)
            g_string_append_c (path, ',');
          g_string_append_uri_escaped (path, tenant_ids[i], NULL, FALSE);
        }
      answer = get_json (self, g_string_free (g_steal_pointer (&path), FALSE), what, cancellable, error);
      if (answer == NULL || !(items = items_of (answer, what, error)))
        return NULL;
      append_items (all, items);
      tell (progress, progress_data, (double) MIN (n, first + PACTA_PLATFORM_MAX_IDS_PER_CALL) / n);
    }

  tell (progress, progress_data, 1.0);
  return listing_new (g_steal_pointer (&all));
}

/* The report as downloaded: gzip (a .json.gz file) or plain JSON */
static GBytes *
uncompress (GBytes  *bytes,
            GError **error)
{
  gsize size;
  const guchar *data = g_bytes_get_data (bytes, &size);
  g_autoptr(GZlibDecompressor) decompressor = NULL;
  g_autoptr(GInputStream) memory = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guchar buffer[64 * 1024];
  gssize got;

  if (size < 2 || data[0] != 0x1f || data[1] != 0x8b)
    return g_bytes_ref (bytes);

  decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  memory = g_memory_input_stream_new_from_bytes (bytes);
  stream = g_converter_input_stream_new (memory, G_CONVERTER (decompressor));
  while ((got = g_input_stream_read (stream, buffer, sizeof buffer, NULL, error)) > 0)
    {
      if (out->len + (gsize) got > PACTA_IMPORT_MAX_BYTES)
        {
          g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                       _("The cloud platform’s usage report is larger than Pacta reads (%d MB)"),
                       PACTA_IMPORT_MAX_BYTES / (1024 * 1024));
          return NULL;
        }
      g_byte_array_append (out, buffer, (guint) got);
    }
  if (got < 0)
    {
      g_prefix_error (error, _("The cloud platform’s usage report could not be uncompressed: "));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static char *
report_request (const char *root_id,
                const char *month)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDate) date = g_date_new ();
  char first[11], last[11];
  guint64 year = 0, mon = 0;
  g_autofree char *year_text = g_strndup (month, 4);

  if (!g_ascii_string_to_unsigned (year_text, 10, 1, 9999, &year, NULL) ||
      month[4] != '-' || !g_ascii_string_to_unsigned (month + 5, 10, 1, 12, &mon, NULL))
    return NULL;
  g_date_set_dmy (date, 1, (GDateMonth) mon, (GDateYear) year);
  g_date_strftime (first, sizeof first, "%Y-%m-%d", date);
  g_date_set_day (date, g_date_get_days_in_month ((GDateMonth) mon, (GDateYear) year));
  g_date_strftime (last, sizeof last, "%Y-%m-%d", date);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "parameters");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, "usage_summary");
  json_builder_set_member_name (builder, "tenant_id");
  json_builder_add_string_value (builder, root_id);
  json_builder_set_member_name (builder, "level");
  json_builder_add_string_value (builder, "accounts");
  json_builder_set_member_name (builder, "period");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "start");
  json_builder_add_string_value (builder, first);
  json_builder_set_member_name (builder, "end");
  json_builder_add_string_value (builder, last);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "formats");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "json_v2_0");
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "schedule");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "once");
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "result_action");
  json_builder_add_string_value (builder, "save");
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

JsonNode *
pacta_platform_client_usage_report (PactaPlatformClient   *self,
                                    const char            *root_id,
                                    const char            *month,
                                    char                 **report_id_out,
                                    PactaPlatformProgress  progress,
                                    gpointer               progress_data,
                                    GCancellable          *cancellable,
                                    GError               **error)
{
  const char *what = _("making the usage report");
  g_autofree char *request = NULL;
  g_autoptr(GBytes) request_body = NULL;
  g_autoptr(JsonNode) ordered = NULL;
  g_autofree char *report_id = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *stored_id = NULL;
  g_autoptr(GBytes) download = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autofree char *name = NULL;
  JsonNode *content;
  const char *id;

  g_return_val_if_fail (self != NULL && root_id != NULL && month != NULL && strlen (month) == 7, NULL);

  if (!(request = report_request (root_id, month)))
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                   _("“%s” is not a month; give it as YYYY-MM, such as 2026-11"), month);
      return NULL;
    }
  request_body = g_bytes_new (request, strlen (request));
  {
    Call call = { "POST", (char *) "/api/2/reports", "application/json", request_body, TRUE, what };

    if (!(ordered = call_json (self, &call, cancellable, error)) ||
        !(id = require_string (ordered, "id", what, error)))
      return NULL;
  }
  report_id = g_strdup (id);
  escaped = g_uri_escape_string (report_id, NULL, FALSE);
  tell (progress, progress_data, 0.1);

  /* The platform makes it in its own time */
  what = _("waiting for the usage report");
  for (guint polls = 0; stored_id == NULL; polls++)
    {
      g_autoptr(JsonNode) stored = NULL;
      JsonArray *items;
      JsonObject *item = NULL;
      const char *status;

      if (polls >= MAX_POLLS)
        {
          g_set_error (error, PACTA_ERROR, PACTA_ERROR_REMOTE,
                       _("The cloud platform has not made the usage report yet; nothing was changed, "
                         "try again later."));
          return NULL;
        }
      if (polls > 0 && !wait_for (self->poll_interval_ms, cancellable, error))
        return NULL;

      stored = get_json (self, g_strconcat ("/api/2/reports/", escaped, "/stored", NULL), what, cancellable, error);
      if (stored == NULL || !(items = items_of (stored, what, error)))
        return NULL;
      if (json_array_get_length (items) > 0 && JSON_NODE_HOLDS_OBJECT (json_array_get_element (items, 0)))
        item = json_array_get_object_element (items, 0);
      status = item != NULL ? json_object_get_string_member_with_default (item, "status", "") : "";
      if (g_str_equal (status, "saved"))
        {
          const char *sid = json_object_get_string_member_with_default (item, "id", NULL);

          if (sid == NULL || sid[0] == '\0')
            {
              g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                           _("The cloud platform’s answer to %s has no “%s”"), what, "id");
              return NULL;
            }
          stored_id = g_strdup (sid);
        }
      else if (g_str_equal (status, "failed") || g_str_equal (status, "error"))
        {
          g_set_error (error, PACTA_ERROR, PACTA_ERROR_REMOTE,
                       _("The cloud platform could not make the usage report; nothing was changed, "
                         "try again later."));
          return NULL;
        }
      tell (progress, progress_data, 0.1 + 0.6 * (1.0 - 1.0 / (polls + 2)));
    }

  what = _("downloading the usage report");
  {
    g_autofree char *stored_escaped = g_uri_escape_string (stored_id, NULL, FALSE);
    g_autofree char *path = g_strconcat ("/api/2/reports/", escaped, "/stored/", stored_escaped, NULL);
    Call call = { "GET", path, NULL, NULL, TRUE, what };

    if (!(download = call_raw (self, &call, cancellable, error)))
      return NULL;
  }
  if (!(plain = uncompress (download, error)))
    return NULL;

  /* Translators: how the report is named in messages; %s is a month, YYYY-MM */
  name = g_strdup_printf (_("the usage report of %s"), month);
  if (!(content = pacta_import_parse (name, plain, error)))
    return NULL;

  tell (progress, progress_data, 1.0);
  if (report_id_out != NULL)
    *report_id_out = g_steal_pointer (&report_id);
  return content;
}
