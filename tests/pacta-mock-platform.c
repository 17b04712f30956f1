/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-mock-platform.c: the cloud platform's account management API (v2), mocked on 127.0.0.1 for the tests */
#include <libsoup/soup.h>
#include <string.h>

#include "pacta-clock.h"
#include "pacta-mock-platform.h"

#define ROOT_ID        "ac3e0000-0000-4000-8000-000000000001"
#define ROOT_PARENT_ID "d1570000-0000-4000-8000-000000000001"
#define SUB_PARTNER_ID "9a470000-0000-4000-8000-000000000001"
#define CLIENT_ID      "5a1e5c11-0000-4000-8000-000000000001"
#define INFRA_A        "b10c0000-0000-4000-8000-00000000000a"
#define INFRA_B        "b10c0000-0000-4000-8000-00000000000b"
/* Long and odd enough that finding it anywhere is no coincidence */
#define SECRET         "Zq7-mock-s3cret-1f9c2e7b4d6a8f0e"
#define DOMAIN         "PlatformAccountServer"
#define MAX_IDS        100
#define MAX_LIMIT      5000
#define DEFAULT_LIMIT  100
#define GB             G_GINT64_CONSTANT (1000000000)

/* One request as it came, and the status it was answered with (0: none) */
typedef struct
{
  char  *target;
  char  *authorization;
  guint  status;
} Request;

typedef struct
{
  char           *pattern;
  guint           countdown;
  PactaMockFault  fault;
  guint           status;
  guint           retry_after;
} Fault;

/* A report ordered: what it holds is fixed when it is ordered */
typedef struct
{
  char  *id;
  char  *stored_id;
  char  *content;     /* JSON text */
  guint  polls;
} Report;

/* Where the next page of a tenant listing starts */
typedef struct
{
  char     *root;
  guint     offset;
  guint     limit;
  gboolean  full;
} Cursor;

/* A request held unanswered; only the server's thread touches @gone */
typedef struct
{
  SoupServerMessage *message;
  Request           *request;
  gboolean           gone;      /* its client went away */
} Held;

typedef struct
{
  guint        status;
  const char  *content_type;
  GBytes      *body;
  guint        retry_after;
} Reply;

struct _PactaMockPlatform
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *url;
  char         *basic;        /* base64 of "client_id:secret" */

  GMutex        lock;
  GCond         cond;
  /* Under lock */
  JsonObject   *root;
  GPtrArray    *tenants;      /* JsonObject, the subtree in listing order */
  GHashTable   *by_id;        /* id -> JsonObject (borrowed), the root too */
  GPtrArray    *usages;       /* JsonObject {"tenant", "usages"}, per customer */
  GHashTable   *usages_by_id; /* tenant id -> JsonObject (borrowed) */
  GHashTable   *report_texts; /* month -> JSON text */
  GHashTable   *reports;      /* id -> Report */
  GHashTable   *cursors;      /* cursor -> Cursor */
  GHashTable   *tokens;       /* token -> gint64 expires_on */
  guint         n_tokens;
  guint         n_reports;
  guint         n_cursors;
  guint         tokens_issued;
  guint         secret_leaks;
  gint64        token_lifetime;
  guint         processing_polls;
  guint         page_cap;
  gboolean      derived_report; /* the fixture's report, made when first ordered */
  GQueue        faults;       /* Fault */
  char         *hold_pattern;
  GPtrArray    *held;         /* Held */
  guint         n_released;
  GPtrArray    *log;          /* Request (rc box) */
};

static char *derived_report (PactaMockPlatform *mock);

/* ---- small things ----------------------------------------------------------- */

static void
request_clear (gpointer data)
{
  Request *request = data;

  g_free (request->target);
  g_free (request->authorization);
}

static void
request_unref (gpointer data)
{
  g_rc_box_release_full (data, request_clear);
}

static void
fault_free (gpointer data)
{
  Fault *fault = data;

  g_free (fault->pattern);
  g_free (fault);
}

static void
report_free (gpointer data)
{
  Report *report = data;

  g_free (report->id);
  g_free (report->stored_id);
  g_free (report->content);
  g_free (report);
}

static void
cursor_free (gpointer data)
{
  Cursor *cursor = data;

  g_free (cursor->root);
  g_free (cursor);
}

static void
held_free (gpointer data)
{
  Held *held = data;

  g_signal_handlers_disconnect_by_data (held->message, held);
  g_object_unref (held->message);
  request_unref (held->request);
  g_free (held);
}

static gboolean
matches (const char *pattern,
         const char *target)
{
  gsize length = strlen (pattern);

  if (length > 0 && pattern[length - 1] == '$')
    return strlen (target) == length - 1 && strncmp (pattern, target, length - 1) == 0;
  return g_str_has_prefix (target, pattern);
}

static gint64
now_unix (void)
{
  g_autoptr(GDateTime) now = pacta_now ();

  return g_date_time_to_unix (now);
}

static char *
today_utc (void)
{
  g_autoptr(GDateTime) now = pacta_now ();
  g_autoptr(GDateTime) utc = g_date_time_to_utc (now);

  return g_date_time_format (utc, "%Y-%m-%d");
}

/* A member of @object if it is a string, else %NULL (json-glib's getters
 * complain about a member that is missing or of another type) */
static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static char *
object_to_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

/* ---- replies ---------------------------------------------------------------- */

/* Takes @object */
static void
reply_object (Reply      *reply,
              guint       status,
              JsonObject *object)
{
  char *text = object_to_text (object);

  json_object_unref (object);
  g_clear_pointer (&reply->body, g_bytes_unref);
  reply->status = status;
  reply->content_type = "application/json";
  reply->body = g_bytes_new_take (text, strlen (text));
}

static void
reply_error (Reply      *reply,
             guint       status,
             const char *code,
             const char *message)
{
  JsonObject *error = json_object_new ();
  JsonObject *root = json_object_new ();

  json_object_set_string_member (error, "code", code);
  json_object_set_string_member (error, "message", message);
  json_object_set_object_member (error, "details", json_object_new ());
  json_object_set_string_member (error, "domain", DOMAIN);
  json_object_set_object_member (root, "error", error);
  reply_object (reply, status, root);
}

static void
bad_request (Reply      *reply,
             const char *message)
{
  reply_error (reply, SOUP_STATUS_BAD_REQUEST, "bad_request", message);
}

static void
not_found (Reply      *reply,
           const char *message)
{
  reply_error (reply, SOUP_STATUS_NOT_FOUND, "not_found", message);
}

static gboolean
check_method (Reply      *reply,
              const char *method,
              const char *wanted)
{
  if (g_str_equal (method, wanted))
    return TRUE;
  reply_error (reply, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed", "Method not allowed");
  return FALSE;
}

static GBytes *
gzip (const char *text)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all (out, text, strlen (text), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static GBytes *
request_body (SoupServerMessage *message)
{
  return soup_message_body_flatten (soup_server_message_get_request_body (message));
}

/* ---- the endpoints ---------------------------------------------------------- */

static void
serve_openid (PactaMockPlatform *mock,
              Reply             *reply)
{
  JsonObject *doc = json_object_new ();
  g_autofree char *token = g_strconcat (mock->url, "/api/2/idp/token", NULL);
  g_autofree char *authorize = g_strconcat (mock->url, "/api/2/idp/authorize", NULL);
  JsonArray *grants = json_array_new ();

  json_array_add_string_element (grants, "client_credentials");
  json_array_add_string_element (grants, "password");
  json_object_set_string_member (doc, "issuer", mock->url);
  json_object_set_string_member (doc, "token_endpoint", token);
  json_object_set_string_member (doc, "authorization_endpoint", authorize);
  json_object_set_array_member (doc, "grant_types_supported", grants);
  reply_object (reply, SOUP_STATUS_OK, doc);
}

static void
serve_token (PactaMockPlatform *mock,
             SoupServerMessage *message,
             Reply             *reply)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(GBytes) body = request_body (message);
  g_autofree char *form_text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_autoptr(GHashTable) form = NULL;
  JsonObject *token;
  char *name;
  gint64 expires_on;

  if (!check_method (reply, soup_server_message_get_method (message), SOUP_METHOD_POST))
    return;
  if (authorization == NULL || !g_str_has_prefix (authorization, "Basic ") ||
      !g_str_equal (authorization + strlen ("Basic "), mock->basic))
    {
      reply_error (reply, SOUP_STATUS_UNAUTHORIZED, "invalid_client", "Invalid client credentials");
      return;
    }
  if (g_strcmp0 (content_type, "application/x-www-form-urlencoded") != 0)
    {
      bad_request (reply, "The token request must be a form (application/x-www-form-urlencoded)");
      return;
    }
  form = soup_form_decode (form_text);
  if (g_strcmp0 (g_hash_table_lookup (form, "grant_type"), "client_credentials") != 0)
    {
      reply_error (reply, SOUP_STATUS_BAD_REQUEST, "unsupported_grant_type", "Unsupported grant type");
      return;
    }

  name = g_strdup_printf ("tok-%u", ++mock->n_tokens);
  expires_on = now_unix () + mock->token_lifetime;
  g_hash_table_insert (mock->tokens, name, g_memdup2 (&expires_on, sizeof expires_on));
  mock->tokens_issued++;

  token = json_object_new ();
  json_object_set_string_member (token, "access_token", name);
  json_object_set_string_member (token, "token_type", "bearer");
  json_object_set_int_member (token, "expires_on", expires_on);
  json_object_set_string_member (token, "id_token", "");
  json_object_set_string_member (token, "scope", "");
  reply_object (reply, SOUP_STATUS_OK, token);
}

static gboolean
authorized (PactaMockPlatform *mock,
            SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  gint64 *expires_on;

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", strlen ("Bearer ")) != 0)
    return FALSE;
  expires_on = g_hash_table_lookup (mock->tokens, authorization + strlen ("Bearer "));
  return expires_on != NULL && now_unix () < *expires_on;
}

static void
serve_client (PactaMockPlatform *mock,
              const char        *id,
              Reply             *reply)
{
  JsonObject *client;
  JsonObject *data;

  if (!g_str_equal (id, CLIENT_ID))
    {
      not_found (reply, "Client not found");
      return;
    }
  client = json_object_new ();
  data = json_object_new ();
  json_object_set_string_member (data, "client_name", "Pacta");
  json_object_set_string_member (client, "id", CLIENT_ID);
  json_object_set_string_member (client, "tenant_id", ROOT_ID);
  json_object_set_string_member (client, "type", "api_client");
  json_object_set_string_member (client, "status", "enabled");
  json_object_set_string_member (client, "token_endpoint_auth_method", "client_secret_basic");
  json_object_set_object_member (client, "data", data);
  reply_object (reply, SOUP_STATUS_OK, client);
}

/* A tenant as a listing gives it at @full (lod=full) or the basic level */
static JsonObject *
tenant_at_level (JsonObject *tenant,
                 gboolean    full)
{
  static const char *basic[] = { "id", "version", "name", "parent_id", "kind", "enabled" };
  JsonObject *copy;

  if (full)
    return json_object_ref (tenant);
  copy = json_object_new ();
  for (guint i = 0; i < G_N_ELEMENTS (basic); i++)
    {
      JsonNode *node = json_object_get_member (tenant, basic[i]);

      if (node != NULL)
        json_object_set_member (copy, basic[i], json_node_copy (node));
    }
  return copy;
}

static gboolean
is_under (PactaMockPlatform *mock,
          JsonObject        *tenant,
          const char        *root)
{
  /* The depth is small: a parent chain has a handful of links */
  for (guint depth = 0; tenant != NULL && depth < 64; depth++)
    {
      const char *parent = member_string (tenant, "parent_id");

      if (parent == NULL)
        return FALSE;
      if (g_str_equal (parent, root))
        return TRUE;
      tenant = g_hash_table_lookup (mock->by_id, parent);
    }
  return FALSE;
}

static void
serve_page (PactaMockPlatform *mock,
            const char        *root,
            guint              offset,
            guint              limit,
            gboolean           full,
            const char        *repeat_cursor,
            Reply             *reply)
{
  JsonObject *page = json_object_new ();
  JsonObject *paging = json_object_new ();
  JsonObject *cursors = json_object_new ();
  JsonArray *items = json_array_new ();
  guint seen = 0;
  gboolean more = FALSE;

  for (guint i = 0; i < mock->tenants->len; i++)
    {
      JsonObject *tenant = g_ptr_array_index (mock->tenants, i);

      if (!g_str_equal (root, ROOT_ID) && !is_under (mock, tenant, root))
        continue;
      if (seen >= offset && seen < offset + limit)
        json_array_add_object_element (items, tenant_at_level (tenant, full));
      else if (seen >= offset + limit)
        {
          more = TRUE;
          break;
        }
      seen++;
    }

  if (repeat_cursor != NULL)
    json_object_set_string_member (cursors, "after", repeat_cursor);
  else if (more)
    {
      Cursor *cursor = g_new0 (Cursor, 1);
      char *name = g_strdup_printf ("cursor-%u", ++mock->n_cursors);

      cursor->root = g_strdup (root);
      cursor->offset = offset + limit;
      cursor->limit = limit;
      cursor->full = full;
      g_hash_table_insert (mock->cursors, name, cursor);
      json_object_set_string_member (cursors, "after", name);
    }
  json_object_set_object_member (paging, "cursors", cursors);
  json_object_set_array_member (page, "items", items);
  json_object_set_object_member (page, "paging", paging);
  reply_object (reply, SOUP_STATUS_OK, page);
}

static void
serve_tenant_list (PactaMockPlatform *mock,
                   GHashTable        *query,
                   gboolean           repeat_cursor,
                   Reply             *reply)
{
  const char *after = g_hash_table_lookup (query, "after");
  const char *uuids = g_hash_table_lookup (query, "uuids");
  const char *root = g_hash_table_lookup (query, "subtree_root_id");
  const char *limit_text = g_hash_table_lookup (query, "limit");
  guint64 limit = DEFAULT_LIMIT;

  if (after != NULL)
    {
      Cursor *cursor;

      if (g_hash_table_size (query) != 1)
        {
          bad_request (reply, "A request with a cursor (after) must have no other parameter");
          return;
        }
      if ((cursor = g_hash_table_lookup (mock->cursors, after)) == NULL)
        {
          bad_request (reply, "Invalid cursor");
          return;
        }
      serve_page (mock, cursor->root, cursor->offset, cursor->limit, cursor->full,
                  repeat_cursor ? after : NULL, reply);
      return;
    }

  if (limit_text != NULL &&
      (!g_ascii_string_to_unsigned (limit_text, 10, 1, MAX_LIMIT, &limit, NULL)))
    {
      bad_request (reply, "limit must be a number from 1 to 5000");
      return;
    }

  if (uuids != NULL)
    {
      g_auto(GStrv) ids = g_strsplit (uuids, ",", -1);
      JsonObject *page;
      JsonArray *items;
      gboolean full = g_strcmp0 (g_hash_table_lookup (query, "lod"), "full") == 0;

      if (g_strv_length (ids) > MAX_IDS)
        {
          bad_request (reply, "uuids takes at most 100 ids");
          return;
        }
      page = json_object_new ();
      items = json_array_new ();
      for (guint i = 0; ids[i] != NULL; i++)
        {
          JsonObject *tenant = g_hash_table_lookup (mock->by_id, ids[i]);

          if (tenant != NULL && tenant != mock->root)
            json_array_add_object_element (items, tenant_at_level (tenant, full));
        }
      json_object_set_array_member (page, "items", items);
      reply_object (reply, SOUP_STATUS_OK, page);
      return;
    }

  if (root == NULL)
    {
      bad_request (reply, "At least one filter is required");
      return;
    }
  if (!g_hash_table_contains (mock->by_id, root))
    {
      not_found (reply, "Tenant not found");
      return;
    }
  serve_page (mock, root, 0, MIN ((guint) limit, mock->page_cap), g_strcmp0 (g_hash_table_lookup (query, "lod"), "full") == 0,
              NULL, reply);
}

static void
serve_usages (PactaMockPlatform *mock,
              GHashTable        *query,
              Reply             *reply)
{
  const char *tenants = g_hash_table_lookup (query, "tenants");
  g_auto(GStrv) ids = NULL;
  JsonObject *listing;
  JsonArray *items;

  if (tenants == NULL || *tenants == '\0')
    {
      bad_request (reply, "tenants is required");
      return;
    }
  ids = g_strsplit (tenants, ",", -1);
  if (g_strv_length (ids) > MAX_IDS)
    {
      bad_request (reply, "tenants takes at most 100 ids");
      return;
    }
  listing = json_object_new ();
  items = json_array_new ();
  for (guint i = 0; ids[i] != NULL; i++)
    {
      JsonObject *usage = g_hash_table_lookup (mock->usages_by_id, ids[i]);

      if (usage != NULL)
        json_array_add_object_element (items, json_object_ref (usage));
    }
  json_object_set_array_member (listing, "items", items);
  reply_object (reply, SOUP_STATUS_OK, listing);
}

static gboolean
parse_date (const char *text)
{
  guint64 year, month, day;
  char parts[3][5] = { { 0 } };

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  memcpy (parts[0], text, 4);
  memcpy (parts[1], text + 5, 2);
  memcpy (parts[2], text + 8, 2);
  return g_ascii_string_to_unsigned (parts[0], 10, 1, 9999, &year, NULL) &&
         g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &month, NULL) &&
         g_ascii_string_to_unsigned (parts[2], 10, 1, 31, &day, NULL) &&
         g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static gboolean
has_string (JsonObject *object,
            const char *member,
            const char *value)
{
  return g_strcmp0 (member_string (object, member), value) == 0;
}

static void
serve_order_report (PactaMockPlatform *mock,
                    SoupServerMessage *message,
                    Reply             *reply)
{
  g_autoptr(GBytes) body = request_body (message);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *today = today_utc ();
  g_autofree char *month = NULL;
  JsonNode *root_node;
  JsonObject *request, *parameters, *period, *answer;
  JsonNode *formats;
  gboolean json_format = FALSE;
  const char *start, *end, *text;
  const char *problem = NULL;
  Report *report;

  if (!check_method (reply, soup_server_message_get_method (message), SOUP_METHOD_POST))
    return;
  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), NULL) ||
      (root_node = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    {
      bad_request (reply, "The request is not a JSON object");
      return;
    }
  request = json_node_get_object (root_node);
  parameters = member_object (request, "parameters");
  period = member_object (parameters, "period");
  formats = parameters != NULL ? json_object_get_member (parameters, "formats") : NULL;
  if (formats != NULL && JSON_NODE_HOLDS_ARRAY (formats))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (formats)); i++)
      {
        JsonNode *format = json_array_get_element (json_node_get_array (formats), i);

        if (JSON_NODE_HOLDS_VALUE (format) && json_node_get_value_type (format) == G_TYPE_STRING &&
            g_str_equal (json_node_get_string (format), "json_v2_0"))
          json_format = TRUE;
      }
  start = member_string (period, "start");
  end = member_string (period, "end");

  if (!has_string (parameters, "kind", "usage_summary"))
    problem = "Unsupported report kind";
  else if (!has_string (parameters, "tenant_id", ROOT_ID))
    problem = "The report's tenant must be the API client's own tenant";
  else if (!has_string (parameters, "level", "accounts"))
    problem = "Unsupported report level";
  else if (!json_format)
    problem = "Unsupported report format";
  else if (!has_string (member_object (request, "schedule"), "type", "once"))
    problem = "Unsupported schedule";
  else if (!has_string (request, "result_action", "save"))
    problem = "Unsupported result action";
  else if (!parse_date (start) || !parse_date (end) || !g_str_has_suffix (start, "-01") || strcmp (end, start) < 0)
    problem = "Invalid report period";
  else if (strcmp (end, today) > 0)
    problem = "Report period must not be in the future";
  if (problem != NULL)
    {
      bad_request (reply, problem);
      return;
    }

  month = g_strndup (start, 7);
  text = g_hash_table_lookup (mock->report_texts, month);
  if (text == NULL && mock->derived_report && g_str_equal (month, PACTA_MOCK_PLATFORM_REPORT_MONTH))
    {
      text = derived_report (mock);
      g_hash_table_insert (mock->report_texts, g_strdup (month), (char *) text);
    }
  report = g_new0 (Report, 1);
  mock->n_reports++;
  report->id = g_strdup_printf ("5e90c000-0000-4000-8000-%012u", mock->n_reports);
  report->stored_id = g_strdup_printf ("57032d00-0000-4000-8000-%012u", mock->n_reports);
  report->content = g_strdup (text != NULL ? text : "{\"items\": []}");
  g_hash_table_insert (mock->reports, report->id, report);

  answer = json_object_new ();
  json_object_set_string_member (answer, "id", report->id);
  json_object_set_string_member (answer, "result_action", "save");
  json_object_set_string_member (answer, "generation_date", today);
  reply_object (reply, SOUP_STATUS_OK, answer);
}

static void
serve_stored (PactaMockPlatform *mock,
              const char        *rest,
              Reply             *reply)
{
  g_auto(GStrv) parts = g_strsplit (rest, "/", -1);
  guint n = g_strv_length (parts);
  Report *report;

  /* {id}/stored or {id}/stored/{stored_id} */
  if (n < 2 || n > 3 || !g_str_equal (parts[1], "stored") ||
      (report = g_hash_table_lookup (mock->reports, parts[0])) == NULL)
    {
      not_found (reply, "Report not found");
      return;
    }
  if (n == 2)
    {
      JsonObject *listing = json_object_new ();
      JsonArray *items = json_array_new ();
      JsonObject *item = json_object_new ();

      report->polls++;
      json_object_set_string_member (item, "id", report->stored_id);
      json_object_set_string_member (item, "status", report->polls > mock->processing_polls ? "saved" : "processing");
      json_object_set_string_member (item, "format", "json_v2_0");
      json_array_add_object_element (items, item);
      json_object_set_array_member (listing, "items", items);
      reply_object (reply, SOUP_STATUS_OK, listing);
      return;
    }
  if (!g_str_equal (parts[2], report->stored_id) || report->polls <= mock->processing_polls)
    {
      not_found (reply, "Stored report not found");
      return;
    }
  reply->status = SOUP_STATUS_OK;
  reply->content_type = "application/gzip";
  reply->body = gzip (report->content);
}

/* The reply to @message as the platform would give it */
static void
route (PactaMockPlatform *mock,
       SoupServerMessage *message,
       gboolean           repeat_cursor,
       Reply             *reply)
{
  const char *method = soup_server_message_get_method (message);
  GUri *uri = soup_server_message_get_uri (message);
  const char *path = g_uri_get_path (uri);
  const char *raw_query = g_uri_get_query (uri);
  g_autoptr(GHashTable) query = raw_query != NULL ? soup_form_decode (raw_query)
                                                  : g_hash_table_new (g_str_hash, g_str_equal);

  if (g_str_equal (path, "/.well-known/openid-configuration"))
    {
      if (check_method (reply, method, SOUP_METHOD_GET))
        serve_openid (mock, reply);
      return;
    }
  if (g_str_equal (path, "/api/2/idp/token"))
    {
      serve_token (mock, message, reply);
      return;
    }
  if (!g_str_has_prefix (path, "/api/2/"))
    {
      not_found (reply, "Not found");
      return;
    }
  if (!authorized (mock, message))
    {
      reply_error (reply, SOUP_STATUS_UNAUTHORIZED, "unauthorized", "Access token is missing, invalid or expired");
      return;
    }

  if (g_str_equal (path, "/api/2/reports"))
    serve_order_report (mock, message, reply);
  else if (!check_method (reply, method, SOUP_METHOD_GET))
    return;
  else if (g_str_has_prefix (path, "/api/2/clients/"))
    serve_client (mock, path + strlen ("/api/2/clients/"), reply);
  else if (g_str_equal (path, "/api/2/tenants"))
    serve_tenant_list (mock, query, repeat_cursor, reply);
  else if (g_str_equal (path, "/api/2/tenants/usages"))
    serve_usages (mock, query, reply);
  else if (g_str_has_prefix (path, "/api/2/tenants/") && strchr (path + strlen ("/api/2/tenants/"), '/') == NULL)
    {
      JsonObject *tenant = g_hash_table_lookup (mock->by_id, path + strlen ("/api/2/tenants/"));

      if (tenant == NULL)
        not_found (reply, "Tenant not found");
      else
        reply_object (reply, SOUP_STATUS_OK, json_object_ref (tenant));
    }
  else if (g_str_has_prefix (path, "/api/2/reports/"))
    serve_stored (mock, path + strlen ("/api/2/reports/"), reply);
  else
    not_found (reply, "Not found");
}

/* ---- faults ----------------------------------------------------------------- */

/* The fault due for @target, taken off the queue; the others matching it
 * come one request nearer */
static Fault *
take_fault (PactaMockPlatform *mock,
            const char        *target)
{
  Fault *due = NULL;
  GList *next;

  for (GList *l = mock->faults.head; l != NULL; l = next)
    {
      Fault *fault = l->data;

      next = l->next;
      if (!matches (fault->pattern, target) ||
          (fault->fault == PACTA_MOCK_FAULT_REPEAT_CURSOR && !g_str_has_prefix (target, "/api/2/tenants?after=")))
        continue;
      if (fault->countdown > 1)
        fault->countdown--;
      else if (due == NULL)
        {
          due = fault;
          g_queue_delete_link (&mock->faults, l);
        }
    }
  return due;
}

/* The reply's headers and half its body, then the connection closed: the
 * client sees the connection broken mid-page */
static void
cut (SoupServerMessage *message,
     Reply             *reply)
{
  GIOStream *stream = soup_server_message_steal_connection (message);
  gsize size = g_bytes_get_size (reply->body);
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 %u %s\r\nContent-Type: %s\r\nContent-Length: %" G_GSIZE_FORMAT "\r\n\r\n",
                                           reply->status, soup_status_get_phrase (reply->status),
                                           reply->content_type, size);
  GOutputStream *out;

  if (stream == NULL)
    return;
  out = g_io_stream_get_output_stream (stream);
  /* The client may have gone already: what it does not read is no matter */
  if (g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL))
    g_output_stream_write_all (out, g_bytes_get_data (reply->body, NULL), size / 2, NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
  g_object_unref (stream);
}

static void
drop (SoupServerMessage *message)
{
  GIOStream *stream = soup_server_message_steal_connection (message);

  if (stream == NULL)
    return;
  g_io_stream_close (stream, NULL, NULL);
  g_object_unref (stream);
}

/* Answers @message, faults and all; with the lock held. FALSE when the
 * connection was taken from it (nothing more may be done with it). */
static gboolean
answer (PactaMockPlatform *mock,
        SoupServerMessage *message,
        Request           *request)
{
  Fault *fault = take_fault (mock, request->target);
  PactaMockFault kind = fault != NULL ? fault->fault : PACTA_MOCK_FAULT_STATUS;
  Reply reply = { 0 };
  gboolean kept = TRUE;

  if (kind == PACTA_MOCK_FAULT_EXPIRE_TOKENS)
    g_hash_table_remove_all (mock->tokens);

  if (fault != NULL && kind == PACTA_MOCK_FAULT_STATUS)
    {
      g_autofree char *words = g_strdup_printf ("The mock platform failed on purpose (HTTP %u)", fault->status);

      reply_error (&reply, fault->status, fault->status == 429 ? "too_many_requests" : "mock_fault", words);
      reply.retry_after = fault->retry_after;
    }
  else if (kind == PACTA_MOCK_FAULT_DROP)
    {
      drop (message);
      kept = FALSE;
    }
  else
    route (mock, message, kind == PACTA_MOCK_FAULT_REPEAT_CURSOR, &reply);

  if (kept && kind == PACTA_MOCK_FAULT_CUT)
    {
      request->status = reply.status;
      cut (message, &reply);
      kept = FALSE;
    }
  else if (kept && kind == PACTA_MOCK_FAULT_MALFORMED)
    {
      static const char broken[] = "{\"items\": [{\"id\": \"c0570000-0000-4000-8000-0000000";

      g_clear_pointer (&reply.body, g_bytes_unref);
      reply.status = SOUP_STATUS_OK;
      reply.content_type = "application/json";
      reply.body = g_bytes_new_static (broken, strlen (broken));
    }

  if (kept)
    {
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

      request->status = reply.status;
      soup_server_message_set_status (message, reply.status, NULL);
      if (reply.retry_after > 0)
        {
          g_autofree char *seconds = g_strdup_printf ("%u", reply.retry_after);

          soup_message_headers_replace (headers, "Retry-After", seconds);
        }
      soup_server_message_set_response (message, reply.content_type, SOUP_MEMORY_COPY,
                                        g_bytes_get_data (reply.body, NULL), g_bytes_get_size (reply.body));
    }
  g_clear_pointer (&reply.body, g_bytes_unref);
  g_clear_pointer (&fault, fault_free);
  return kept;
}

/* ---- the server ------------------------------------------------------------- */

typedef struct
{
  const char *secret;
  const char *basic;
  gboolean    found;
} LeakSearch;

static void
on_header_cb (const char *name,
              const char *value,
              gpointer    data)
{
  LeakSearch *search = data;

  if (strstr (value, search->secret) != NULL || strstr (value, search->basic) != NULL)
    search->found = TRUE;
}

static Request *
log_request (PactaMockPlatform *mock,
             SoupServerMessage *message)
{
  GUri *uri = soup_server_message_get_uri (message);
  const char *query = g_uri_get_query (uri);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  Request *request = g_rc_box_new0 (Request);
  LeakSearch search = { SECRET, mock->basic, FALSE };

  request->target = query != NULL ? g_strconcat (g_uri_get_path (uri), "?", query, NULL)
                                  : g_strdup (g_uri_get_path (uri));
  request->authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
  g_ptr_array_add (mock->log, request);

  if (!g_str_equal (g_uri_get_path (uri), "/api/2/idp/token"))
    {
      g_autoptr(GBytes) body = request_body (message);
      g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

      soup_message_headers_foreach (headers, on_header_cb, &search);
      if (search.found || strstr (request->target, SECRET) != NULL || strstr (text, SECRET) != NULL ||
          strstr (text, mock->basic) != NULL)
        mock->secret_leaks++;
    }
  return request;
}

static void
on_held_disconnected_cb (SoupServerMessage *message,
                         gpointer           data)
{
  Held *held = data;

  held->gone = TRUE;
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           data)
{
  PactaMockPlatform *mock = data;
  Request *request;

  g_mutex_lock (&mock->lock);
  request = log_request (mock, message);
  if (mock->hold_pattern != NULL && matches (mock->hold_pattern, request->target))
    {
      Held *held = g_new0 (Held, 1);

      g_clear_pointer (&mock->hold_pattern, g_free);
      held->message = g_object_ref (message);
      held->request = g_rc_box_acquire (request);
      g_signal_connect (message, "disconnected", G_CALLBACK (on_held_disconnected_cb), held);
      soup_server_message_pause (message);
      g_ptr_array_add (mock->held, held);
      g_cond_broadcast (&mock->cond);
    }
  else
    answer (mock, message, request);
  g_mutex_unlock (&mock->lock);
}

/* On the server's thread: the held requests answered as they would have
 * been, if their clients are still there */
static gboolean
release_held (gpointer data)
{
  PactaMockPlatform *mock = data;
  g_autoptr(GPtrArray) held = NULL;

  g_mutex_lock (&mock->lock);
  held = g_steal_pointer (&mock->held);
  mock->held = g_ptr_array_new_with_free_func (held_free);
  for (guint i = 0; i < held->len; i++)
    {
      Held *h = g_ptr_array_index (held, i);

      g_signal_handlers_disconnect_by_data (h->message, h);
      if (!h->gone && answer (mock, h->message, h->request))
        soup_server_message_unpause (h->message);
    }
  mock->n_released++;
  g_cond_broadcast (&mock->cond);
  g_mutex_unlock (&mock->lock);
  return G_SOURCE_REMOVE;
}

static gpointer
serve (gpointer data)
{
  PactaMockPlatform *mock = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (mock->context);
  mock->server = soup_server_new ("server-header", "mock-platform ", NULL);
  soup_server_add_handler (mock->server, NULL, on_request_cb, mock, NULL);
  soup_server_listen_local (mock->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (mock->server);
  g_mutex_lock (&mock->lock);
  mock->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_cond_broadcast (&mock->cond);
  g_mutex_unlock (&mock->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (mock->loop);

  g_mutex_lock (&mock->lock);
  g_ptr_array_set_size (mock->held, 0);
  g_mutex_unlock (&mock->lock);
  soup_server_disconnect (mock->server);
  g_clear_object (&mock->server);
  g_main_context_pop_thread_default (mock->context);
  return NULL;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* ---- the data --------------------------------------------------------------- */

static JsonObject *
tenant_new (const char *id,
            const char *parent_id,
            const char *name,
            const char *kind,
            guint       version)
{
  JsonObject *tenant = json_object_new ();
  JsonObject *lock = json_object_new ();

  json_object_set_boolean_member (lock, "enabled", FALSE);
  json_object_set_null_member (lock, "owner_id");
  json_object_set_string_member (tenant, "id", id);
  json_object_set_int_member (tenant, "version", version);
  json_object_set_string_member (tenant, "name", name);
  json_object_set_string_member (tenant, "parent_id", parent_id);
  json_object_set_string_member (tenant, "kind", kind);
  json_object_set_boolean_member (tenant, "enabled", TRUE);
  json_object_set_string_member (tenant, "language", "en");
  json_object_set_int_member (tenant, "brand_id", 1);
  json_object_set_null_member (tenant, "internal_tag");
  json_object_set_boolean_member (tenant, "has_children", FALSE);
  json_object_set_object_member (tenant, "update_lock", lock);
  return tenant;
}

static JsonObject *
contact_new (const char *email,
             const char *firstname,
             const char *lastname,
             const char *phone,
             const char *address1,
             const char *city,
             const char *zipcode)
{
  JsonObject *contact = json_object_new ();

  json_object_set_string_member (contact, "email", email);
  json_object_set_string_member (contact, "firstname", firstname);
  json_object_set_string_member (contact, "lastname", lastname);
  json_object_set_string_member (contact, "phone", phone);
  json_object_set_string_member (contact, "address1", address1);
  json_object_set_string_member (contact, "address2", "");
  json_object_set_string_member (contact, "city", city);
  json_object_set_string_member (contact, "state", "");
  json_object_set_string_member (contact, "zipcode", zipcode);
  json_object_set_string_member (contact, "country", "ES");
  return contact;
}

static void
add_tenant (PactaMockPlatform *mock,
            JsonObject        *tenant)
{
  JsonObject *parent = g_hash_table_lookup (mock->by_id, member_string (tenant, "parent_id"));

  if (parent != NULL)
    json_object_set_boolean_member (parent, "has_children", TRUE);
  g_ptr_array_add (mock->tenants, tenant);
  g_hash_table_insert (mock->by_id, (char *) member_string (tenant, "id"), tenant);
}

static JsonObject *
usage_new (const char *name,
           gint64      value,
           gboolean    bytes,
           const char *infra_id,
           const char *range_start)
{
  JsonObject *usage = json_object_new ();
  g_autofree char *offering = g_strconcat ("pw_base_", name, NULL);

  json_object_set_string_member (usage, "name", name);
  json_object_set_string_member (usage, "usage_name", name);
  json_object_set_string_member (usage, "edition", "standard");
  json_object_set_int_member (usage, "value", value);
  json_object_set_int_member (usage, "absolute_value", value);
  json_object_set_string_member (usage, "measurement_unit", bytes ? "bytes" : "quantity");
  json_object_set_string_member (usage, "type", bytes ? "infra" : "feature");
  if (infra_id != NULL)
    json_object_set_string_member (usage, "infra_id", infra_id);
  json_object_set_string_member (usage, "offering_item", offering);
  json_object_set_string_member (usage, "range_start", range_start);
  return usage;
}

/* Customer @n's usage rows; @extra units more of each (a GB for bytes) */
static JsonObject *
customer_usages (const char *tenant_id,
                 guint       n,
                 gint64      extra,
                 const char *range_start)
{
  JsonObject *item = json_object_new ();
  JsonArray *usages = json_array_new ();

  json_array_add_object_element (usages, usage_new ("workstations", n % 25 + 1 + extra, FALSE, NULL, range_start));
  if (n % 2 == 0)
    json_array_add_object_element (usages, usage_new ("m365_seats", n % 12 + 1 + extra, FALSE, NULL, range_start));
  if (n == 2)
    {
      /* One usage on two storages: both rows count */
      json_array_add_object_element (usages, usage_new ("storage", 100 * GB + extra * GB, TRUE, INFRA_A, range_start));
      json_array_add_object_element (usages, usage_new ("storage", 250 * GB + extra * GB, TRUE, INFRA_B, range_start));
    }
  else
    json_array_add_object_element (usages, usage_new ("storage", (n % 9 + 1) * 50 * GB + extra * GB, TRUE, INFRA_A,
                                                      range_start));
  json_object_set_string_member (item, "tenant", tenant_id);
  json_object_set_array_member (item, "usages", usages);
  return item;
}

/* The fixture's report of PACTA_MOCK_PLATFORM_REPORT_MONTH: made only when
 * a report is ordered, as most tests order none */
static char *
derived_report (PactaMockPlatform *mock)
{
  JsonObject *report = json_object_new ();
  JsonArray *items = json_array_new ();
  char *text;

  for (guint i = 0; i < mock->usages->len; i++)
    {
      const char *tenant = member_string (g_ptr_array_index (mock->usages, i), "tenant");
      guint n = (guint) g_ascii_strtoull (tenant + strlen ("c0570000-0000-4000-8000-"), NULL, 10);

      json_array_add_object_element (items, customer_usages (tenant, n, 1, "2026-11-01T00:00:00Z"));
    }
  json_object_set_array_member (report, "items", items);
  text = object_to_text (report);
  json_object_unref (report);
  return text;
}

static void
clear_data (PactaMockPlatform *mock)
{
  g_hash_table_remove_all (mock->by_id);
  g_hash_table_remove_all (mock->usages_by_id);
  g_ptr_array_set_size (mock->tenants, 0);
  g_ptr_array_set_size (mock->usages, 0);
  g_hash_table_remove_all (mock->report_texts);
  mock->derived_report = FALSE;
  g_hash_table_remove_all (mock->cursors);
  g_clear_pointer (&mock->root, json_object_unref);
}

/* The root alone */
static void
make_root (PactaMockPlatform *mock)
{
  mock->root = tenant_new (ROOT_ID, ROOT_PARENT_ID, "Acme MSP", "partner", 12);
  json_object_set_object_member (mock->root, "contact",
                                 contact_new ("billing@acme-msp.example.com", "Ana", "Acme", "+34 960 000 000",
                                              "Avenida de Aragón 1", "Valencia", "46010"));
  g_hash_table_insert (mock->by_id, (char *) ROOT_ID, mock->root);
}

char *
pacta_mock_platform_customer_id (guint n)
{
  return g_strdup_printf ("c0570000-0000-4000-8000-%012u", n);
}

void
pacta_mock_platform_load_fixture (PactaMockPlatform *mock,
                                  guint              n_customers)
{
  static const char *names[] = { "Talleres Núñez", "Clínica Dental Sonrisa", "Asesoría Ribera", "Hotel Mar Azul",
                                 "Construcciones Peña", "Farmacia Lledó", "Bodegas Altamira", "Óptica Central" };
  static const char *firstnames[] = { "Javier", "Lucía", "Marta", "Pau", "Inés", "Jordi", "Carmen" };
  static const char *lastnames[] = { "Núñez Gracia", "Ferrer Pons", "Soler", "Martí Vidal", "García" };
  static const char *cities[] = { "Valencia", "Zaragoza", "Alicante", "Castellón", "Murcia" };
  const char *parents[5] = { ROOT_ID, "f01d0000-0000-4000-8000-000000000001", "f01d0000-0000-4000-8000-000000000002",
                             SUB_PARTNER_ID, "f01d0000-0000-4000-8000-000000000003" };
  JsonObject *partner;

  g_mutex_lock (&mock->lock);
  clear_data (mock);
  make_root (mock);

  add_tenant (mock, tenant_new (parents[1], ROOT_ID, "Customers North", "folder", 2));
  add_tenant (mock, tenant_new (parents[2], ROOT_ID, "Customers South", "folder", 2));
  partner = tenant_new (SUB_PARTNER_ID, ROOT_ID, "Levante Reseller", "partner", 5);
  json_object_set_object_member (partner, "contact",
                                 contact_new ("admin@levante-reseller.example.com", "Pau", "Soler", "+34 963 000 111",
                                              "Calle de Colón 60", "Valencia", "46004"));
  add_tenant (mock, partner);
  add_tenant (mock, tenant_new (parents[4], SUB_PARTNER_ID, "Reseller's customers", "folder", 1));

  for (guint n = 1; n <= n_customers; n++)
    {
      g_autofree char *id = pacta_mock_platform_customer_id (n);
      g_autofree char *name = g_strdup_printf ("%s %05u", names[n % G_N_ELEMENTS (names)], n);
      JsonObject *customer = tenant_new (id, parents[n % 5], name, "customer", n % 3 + 1);
      JsonObject *usages;

      json_object_set_string_member (customer, "language", n % 2 == 0 ? "es" : "en");
      if (n % 3 == 0)
        {
          g_autofree char *reference = g_strdup_printf ("ACC-%05u", n);

          json_object_set_string_member (customer, "customer_id", reference);
        }
      else if (n % 3 == 1)
        json_object_set_string_member (customer, "customer_id", "");
      if (n == 7)
        json_object_set_boolean_member (customer, "enabled", FALSE);
      if (n % 10 != 9)
        {
          g_autofree char *email = g_strdup_printf ("billing@customer%05u.example.com", n);
          g_autofree char *phone = g_strdup_printf ("+34 96%u %03u %03u", n % 10, n / 1000 % 1000, n % 1000);
          g_autofree char *address = g_strdup_printf ("Calle Mayor %u", n % 200 + 1);
          g_autofree char *zipcode = g_strdup_printf ("46%03u", n % 1000);

          json_object_set_object_member (customer, "contact",
                                         contact_new (email, firstnames[n % G_N_ELEMENTS (firstnames)],
                                                      lastnames[n % G_N_ELEMENTS (lastnames)], phone, address,
                                                      cities[n % G_N_ELEMENTS (cities)], zipcode));
        }
      add_tenant (mock, customer);

      if (n % 40 == 0)
        {
          g_autofree char *unit_id = g_strdup_printf ("0e170000-0000-4000-8000-%012u", n);
          g_autofree char *unit_name = g_strdup_printf ("%s: Warehouse", name);

          add_tenant (mock, tenant_new (unit_id, id, unit_name, "unit", 1));
        }

      usages = customer_usages (id, n, 0, "2026-12-01T00:00:00Z");
      g_ptr_array_add (mock->usages, usages);
      g_hash_table_insert (mock->usages_by_id, (char *) member_string (usages, "tenant"), usages);
    }
  mock->derived_report = TRUE;
  g_mutex_unlock (&mock->lock);
}

guint
pacta_mock_platform_count_tenants (PactaMockPlatform *mock,
                                   const char        *kind)
{
  guint n = 0;

  g_mutex_lock (&mock->lock);
  for (guint i = 0; i < mock->tenants->len; i++)
    if (g_strcmp0 (member_string (g_ptr_array_index (mock->tenants, i), "kind"), kind) == 0)
      n++;
  g_mutex_unlock (&mock->lock);
  return n;
}

void
pacta_mock_platform_set_report (PactaMockPlatform *mock,
                                const char        *month,
                                JsonNode          *content)
{
  g_mutex_lock (&mock->lock);
  if (g_str_equal (month, PACTA_MOCK_PLATFORM_REPORT_MONTH))
    mock->derived_report = FALSE;
  if (content == NULL)
    g_hash_table_remove (mock->report_texts, month);
  else
    g_hash_table_insert (mock->report_texts, g_strdup (month), json_to_string (content, FALSE));
  g_mutex_unlock (&mock->lock);
}

static char *
write_listing (const char *dir,
               const char *name,
               GPtrArray  *objects)
{
  JsonObject *listing = json_object_new ();
  JsonArray *items = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  for (guint i = 0; i < objects->len; i++)
    json_array_add_object_element (items, json_object_ref (g_ptr_array_index (objects, i)));
  json_object_set_array_member (listing, "items", items);
  json_node_take_object (node, listing);
  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  json_generator_to_file (generator, path, &error);
  g_assert_no_error (error);
  return path;
}

void
pacta_mock_platform_write_listings (PactaMockPlatform  *mock,
                                    const char         *dir,
                                    char              **tenants_path,
                                    char              **usages_path)
{
  g_mutex_lock (&mock->lock);
  *tenants_path = write_listing (dir, "tenants.json", mock->tenants);
  *usages_path = write_listing (dir, "usages.json", mock->usages);
  g_mutex_unlock (&mock->lock);
}

/* ---- the mock --------------------------------------------------------------- */

PactaMockPlatform *
pacta_mock_platform_new (void)
{
  PactaMockPlatform *mock = g_new0 (PactaMockPlatform, 1);
  g_autofree char *credentials = g_strconcat (CLIENT_ID, ":", SECRET, NULL);

  g_mutex_init (&mock->lock);
  g_cond_init (&mock->cond);
  g_queue_init (&mock->faults);
  mock->basic = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  mock->tenants = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  mock->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  mock->usages = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  mock->usages_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  mock->report_texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  mock->reports = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, report_free);
  mock->cursors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cursor_free);
  mock->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  mock->token_lifetime = PACTA_MOCK_PLATFORM_TOKEN_LIFETIME;
  mock->processing_polls = 2;
  mock->page_cap = MAX_LIMIT;
  mock->held = g_ptr_array_new_with_free_func (held_free);
  mock->log = g_ptr_array_new_with_free_func (request_unref);
  make_root (mock);

  mock->context = g_main_context_new ();
  mock->loop = g_main_loop_new (mock->context, FALSE);
  g_mutex_lock (&mock->lock);
  mock->thread = g_thread_new ("mock-platform", serve, mock);
  while (mock->url == NULL)
    g_cond_wait (&mock->cond, &mock->lock);
  g_mutex_unlock (&mock->lock);
  return mock;
}

void
pacta_mock_platform_free (PactaMockPlatform *mock)
{
  if (mock == NULL)
    return;
  g_main_context_invoke (mock->context, quit_loop, mock->loop);
  g_thread_join (mock->thread);
  g_main_loop_unref (mock->loop);
  g_main_context_unref (mock->context);

  clear_data (mock);
  g_ptr_array_unref (mock->tenants);
  g_hash_table_unref (mock->by_id);
  g_ptr_array_unref (mock->usages);
  g_hash_table_unref (mock->usages_by_id);
  g_hash_table_unref (mock->report_texts);
  g_hash_table_unref (mock->reports);
  g_hash_table_unref (mock->cursors);
  g_hash_table_unref (mock->tokens);
  g_queue_clear_full (&mock->faults, fault_free);
  g_free (mock->hold_pattern);
  g_ptr_array_unref (mock->held);
  g_ptr_array_unref (mock->log);
  g_free (mock->url);
  g_free (mock->basic);
  g_mutex_clear (&mock->lock);
  g_cond_clear (&mock->cond);
  g_free (mock);
}

const char *
pacta_mock_platform_get_url (PactaMockPlatform *mock)
{
  return mock->url;
}

const char *
pacta_mock_platform_get_client_id (PactaMockPlatform *mock)
{
  return CLIENT_ID;
}

const char *
pacta_mock_platform_get_secret (PactaMockPlatform *mock)
{
  return SECRET;
}

const char *
pacta_mock_platform_get_root_id (PactaMockPlatform *mock)
{
  return ROOT_ID;
}

void
pacta_mock_platform_set_token_lifetime (PactaMockPlatform *mock,
                                        gint64             seconds)
{
  g_mutex_lock (&mock->lock);
  mock->token_lifetime = seconds;
  g_mutex_unlock (&mock->lock);
}

void
pacta_mock_platform_invalidate_tokens (PactaMockPlatform *mock)
{
  g_mutex_lock (&mock->lock);
  g_hash_table_remove_all (mock->tokens);
  g_mutex_unlock (&mock->lock);
}

void
pacta_mock_platform_set_page_cap (PactaMockPlatform *mock,
                                  guint              n)
{
  g_return_if_fail (n >= 1);
  g_mutex_lock (&mock->lock);
  mock->page_cap = n;
  g_mutex_unlock (&mock->lock);
}

void
pacta_mock_platform_set_processing_polls (PactaMockPlatform *mock,
                                          guint              n)
{
  g_mutex_lock (&mock->lock);
  mock->processing_polls = n;
  g_mutex_unlock (&mock->lock);
}

void
pacta_mock_platform_add_fault (PactaMockPlatform *mock,
                               const char        *pattern,
                               guint              nth,
                               PactaMockFault     fault,
                               guint              status,
                               guint              retry_after)
{
  Fault *f = g_new0 (Fault, 1);

  g_return_if_fail (nth >= 1);
  f->pattern = g_strdup (pattern);
  f->countdown = nth;
  f->fault = fault;
  f->status = status;
  f->retry_after = retry_after;
  g_mutex_lock (&mock->lock);
  g_queue_push_tail (&mock->faults, f);
  g_mutex_unlock (&mock->lock);
}

void
pacta_mock_platform_hold (PactaMockPlatform *mock,
                          const char        *pattern)
{
  g_mutex_lock (&mock->lock);
  g_free (mock->hold_pattern);
  mock->hold_pattern = g_strdup (pattern);
  g_mutex_unlock (&mock->lock);
}

void
pacta_mock_platform_wait_held (PactaMockPlatform *mock)
{
  g_mutex_lock (&mock->lock);
  while (mock->held->len == 0)
    g_cond_wait (&mock->cond, &mock->lock);
  g_mutex_unlock (&mock->lock);
}

/* Returns once the held requests have been answered */
void
pacta_mock_platform_release (PactaMockPlatform *mock)
{
  guint released;

  g_mutex_lock (&mock->lock);
  g_clear_pointer (&mock->hold_pattern, g_free);
  released = mock->n_released;
  g_mutex_unlock (&mock->lock);

  g_main_context_invoke (mock->context, release_held, mock);

  g_mutex_lock (&mock->lock);
  while (mock->n_released == released)
    g_cond_wait (&mock->cond, &mock->lock);
  g_mutex_unlock (&mock->lock);
}

void
pacta_mock_platform_reset_counters (PactaMockPlatform *mock)
{
  g_mutex_lock (&mock->lock);
  g_ptr_array_set_size (mock->log, 0);
  mock->tokens_issued = 0;
  mock->secret_leaks = 0;
  g_mutex_unlock (&mock->lock);
}

guint
pacta_mock_platform_count_requests (PactaMockPlatform *mock,
                                    const char        *pattern)
{
  guint n = 0;

  g_mutex_lock (&mock->lock);
  for (guint i = 0; i < mock->log->len; i++)
    if (matches (pattern, ((Request *) g_ptr_array_index (mock->log, i))->target))
      n++;
  g_mutex_unlock (&mock->lock);
  return n;
}

guint
pacta_mock_platform_count_replies (PactaMockPlatform *mock,
                                   guint              status)
{
  guint n = 0;

  g_mutex_lock (&mock->lock);
  for (guint i = 0; i < mock->log->len; i++)
    if (((Request *) g_ptr_array_index (mock->log, i))->status == status)
      n++;
  g_mutex_unlock (&mock->lock);
  return n;
}

guint
pacta_mock_platform_get_tokens_issued (PactaMockPlatform *mock)
{
  guint n;

  g_mutex_lock (&mock->lock);
  n = mock->tokens_issued;
  g_mutex_unlock (&mock->lock);
  return n;
}

char *
pacta_mock_platform_get_last_authorization (PactaMockPlatform *mock,
                                            const char        *pattern)
{
  char *authorization = NULL;

  g_mutex_lock (&mock->lock);
  for (guint i = mock->log->len; i > 0; i--)
    {
      Request *request = g_ptr_array_index (mock->log, i - 1);

      if (pattern == NULL || matches (pattern, request->target))
        {
          authorization = g_strdup (request->authorization);
          break;
        }
    }
  g_mutex_unlock (&mock->lock);
  return authorization;
}

guint
pacta_mock_platform_count_secret_leaks (PactaMockPlatform *mock)
{
  guint n;

  g_mutex_lock (&mock->lock);
  n = mock->secret_leaks;
  g_mutex_unlock (&mock->lock);
  return n;
}
