/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-import.c: reading the cloud platform's tenant and usage listings into customers and services.
 *
 * Both files are read and checked completely before anything is written, and
 * everything is written in one transaction: a bad file changes nothing.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "pacta-clock.h"
#include "pacta-error.h"
#include "pacta-file.h"
#include "pacta-import.h"
#include "pacta-money.h"
#include "pacta-text.h"

#define MAX_ID_CHARS     128
#define MAX_NAME_CHARS   255
#define MAX_TEXT_CHARS   255
#define MAX_LANG_CHARS   16
#define MAX_KEY_CHARS    64
#define BYTES_PER_GB     G_GINT64_CONSTANT (1000000000)

typedef struct
{
  char     *id;
  char     *name;
  char     *kind;
  gboolean  enabled;
  char     *external_id;  /* the platform's "customer_id": the MSP's own reference */
  char     *language;
  char     *email;
  char     *contact_name;
  char     *phone;
  char     *address1;
  char     *address2;
  char     *city;
  char     *state;
  char     *zipcode;
  char     *country;
} Tenant;

typedef struct
{
  char   *key;
  char   *name;
  char   *unit;
  gint64  quantity;     /* 1/10000 of the unit */
} Usage;

typedef struct
{
  char      *tenant;
  guint      index;     /* position in the file, for messages */
  GPtrArray *usages;    /* Usage */
} TenantUsages;

typedef struct
{
  const char *file;     /* display name */
  GString    *path;     /* JSON path of the node being read */
} Reader;

static void
tenant_free (gpointer data)
{
  Tenant *t = data;

  g_free (t->id);
  g_free (t->name);
  g_free (t->kind);
  g_free (t->external_id);
  g_free (t->language);
  g_free (t->email);
  g_free (t->contact_name);
  g_free (t->phone);
  g_free (t->address1);
  g_free (t->address2);
  g_free (t->city);
  g_free (t->state);
  g_free (t->zipcode);
  g_free (t->country);
  g_free (t);
}

static void
usage_free (gpointer data)
{
  Usage *u = data;

  g_free (u->key);
  g_free (u->name);
  g_free (u->unit);
  g_free (u);
}

static void
tenant_usages_free (gpointer data)
{
  TenantUsages *tu = data;

  g_free (tu->tenant);
  g_ptr_array_unref (tu->usages);
  g_free (tu);
}

PactaImportReport *
pacta_import_report_new (void)
{
  PactaImportReport *report = g_new0 (PactaImportReport, 1);

  report->skipped_by_kind = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return report;
}

void
pacta_import_report_free (PactaImportReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->skipped_by_kind, g_hash_table_unref);
  g_free (report);
}

static void
report_reset (PactaImportReport *report)
{
  GHashTable *kinds = report->skipped_by_kind;

  g_hash_table_remove_all (kinds);
  memset (report, 0, sizeof *report);
  report->skipped_by_kind = kinds;
}

char *
pacta_import_report_describe (PactaImportReport *report)
{
  GString *s = g_string_new (NULL);
  g_autoptr(GList) kinds = NULL;

  g_string_append_printf (s, ngettext ("%u customer created", "%u customers created",
                                       report->customers_created),
                          report->customers_created);
  g_string_append_c (s, '\n');
  g_string_append_printf (s, ngettext ("%u customer updated", "%u customers updated",
                                       report->customers_updated),
                          report->customers_updated);
  g_string_append_c (s, '\n');
  g_string_append_printf (s, ngettext ("%u customer unchanged", "%u customers unchanged",
                                       report->customers_unchanged),
                          report->customers_unchanged);
  g_string_append_c (s, '\n');

  kinds = g_list_sort (g_hash_table_get_keys (report->skipped_by_kind), (GCompareFunc)g_strcmp0);
  for (const GList *l = kinds; l != NULL; l = l->next)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (report->skipped_by_kind, l->data));

      /* Translators: %s is the platform's tenant kind, e.g. “partner” or “folder” */
      g_string_append_printf (s, ngettext ("%u tenant skipped (kind “%s”)",
                                           "%u tenants skipped (kind “%s”)", n),
                              n, (const char *)l->data);
      g_string_append_c (s, '\n');
    }

  g_string_append_printf (s, ngettext ("%u service assigned", "%u services assigned",
                                       report->services_created),
                          report->services_created);
  g_string_append_c (s, '\n');
  g_string_append_printf (s, ngettext ("%u service usage updated", "%u service usages updated",
                                       report->services_updated),
                          report->services_updated);
  g_string_append_c (s, '\n');
  g_string_append_printf (s, ngettext ("%u service no longer used", "%u services no longer used",
                                       report->services_removed),
                          report->services_removed);

  if (report->usages_skipped > 0)
    {
      g_string_append_c (s, '\n');
      g_string_append_printf (s, ngettext ("%u usage of skipped tenants ignored",
                                           "%u usages of skipped tenants ignored",
                                           report->usages_skipped),
                              report->usages_skipped);
    }

  if (report->catalog_items_created > 0)
    {
      g_string_append_c (s, '\n');
      g_string_append_printf (s, ngettext ("%u new catalog item, without a price yet",
                                           "%u new catalog items, without a price yet",
                                           report->catalog_items_created),
                              report->catalog_items_created);
    }

  return g_string_free (s, FALSE);
}

/* ---- reading and checking ---------------------------------------------- */

static void
offset_to_line_column (const char *data,
                       gsize       offset,
                       guint      *line,
                       guint      *column)
{
  *line = 1;
  *column = 1;
  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        (*line)++, *column = 1;
      else if (((guchar)data[i] & 0xC0) != 0x80)   /* count characters, not bytes */
        (*column)++;
    }
}

static gboolean
fail_at_offset (GError    **error,
                const char *file,
                const char *data,
                gsize       offset,
                const char *reason)
{
  guint line, column;

  offset_to_line_column (data, offset, &line, &column);
  g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
               /* Translators: file name, line, column, then the reason */
               _("%s: line %u, column %u: %s"), file, line, column, reason);
  return FALSE;
}

static gboolean
fail_too_large (GError     **error,
                const char  *file,
                guint64      size)
{
  g_autofree char *size_text = g_format_size (size);
  g_autofree char *limit_text = g_format_size (PACTA_IMPORT_MAX_BYTES);

  g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
               /* Translators: file name, its size, the largest size allowed */
               _("%s: the file is too large (%s; at most %s)"), file, size_text, limit_text);
  return FALSE;
}

/* json-glib parses recursively; refuse absurd nesting before it sees the data */
static gboolean
check_raw (const char  *file,
           GBytes      *bytes,
           GError     **error)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  const char *end = NULL;
  gboolean in_string = FALSE;
  guint depth = 0;

  if (size > PACTA_IMPORT_MAX_BYTES)
    {
      return fail_too_large (error, file, (guint64)size);
    }

  if (size == 0)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE, _("%s: the file is empty"), file);
      return FALSE;
    }

  if (!g_utf8_validate_len (data, size, &end))
    return fail_at_offset (error, file, data, (gsize) (end - data), _("the text is not valid UTF-8"));

  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (in_string)
        {
          /* json-glib would cut the text at an escaped NUL, so "a\u0000b"
           * would be stored as "a": refuse it rather than keep less */
          if (c == '\\' && i + 5 < size && data[i + 1] == 'u' && memcmp (data + i + 2, "0000", 4) == 0)
            return fail_at_offset (error, file, data, i, _("a text holds a NUL character (\\u0000)"));
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > PACTA_IMPORT_MAX_DEPTH)
            {
              g_autofree char *reason =
                g_strdup_printf (_("the data is nested too deeply (more than %d levels)"),
                                 PACTA_IMPORT_MAX_DEPTH);
              return fail_at_offset (error, file, data, i, reason);
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

static JsonNode *parse_json (const char  *file,
                             GBytes      *bytes,
                             GError     **error);

/**
 * pacta_import_parse:
 * @name: what to call @bytes in messages (a file's name, or an API call)
 *
 * Parses JSON with the import's limits (size, depth, no NUL), so that an
 * answer from the platform's API is held to the same rules as a file.
 *
 * Returns: (transfer full): the root, or %NULL with @error set
 *   (PACTA_ERROR_INVALID_FILE, naming @name and the position)
 */
JsonNode *
pacta_import_parse (const char  *name,
                    GBytes      *bytes,
                    GError     **error)
{
  return parse_json (name, bytes, error);
}

static JsonNode *
parse_json (const char  *file,
            GBytes      *bytes,
            GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize size;
  const char *data;

  if (!check_raw (file, bytes, error))
    return NULL;

  data = g_bytes_get_data (bytes, &size);
  parser = json_parser_new_immutable ();
  /* check_raw() has held size to PACTA_IMPORT_MAX_BYTES: it fits a gssize */
  if (!json_parser_load_from_data (parser, data, (gssize) size, &local_error))
    {
      /* json-glib's message already starts with “<data>:line:column:” */
      const char *message = local_error->message;

      if (g_str_has_prefix (message, "<data>:"))
        message += strlen ("<data>:");
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                   _("%s: not valid JSON: %s"), file, message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE, _("%s: the file holds no JSON value"), file);
      return NULL;
    }

  return json_node_ref (json_parser_get_root (parser));
}

static gboolean
fail_field (Reader     *reader,
            GError    **error,
            const char *reason)
{
  g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
               /* Translators: file name, then a field path such as items[3].name, then the reason */
               _("%s: %s: %s"), reader->file, reader->path->str, reason);
  return FALSE;
}

/* "items[i]" or "items[i].usages[k]" for messages, without printf */
static void
path_set_item (GString *path,
               guint    i,
               int      k)
{
  char digits[16];

  g_string_assign (path, "items[");
  g_string_append_len (path, digits, g_snprintf (digits, sizeof digits, "%u", i));
  g_string_append_c (path, ']');
  if (k >= 0)
    {
      g_string_append (path, ".usages[");
      g_string_append_len (path, digits, g_snprintf (digits, sizeof digits, "%d", k));
      g_string_append_c (path, ']');
    }
}

static gsize
path_push (Reader     *reader,
           const char *member)
{
  gsize len = reader->path->len;

  /* Called for every field of every item: no printf */
  g_string_append_c (reader->path, '.');
  g_string_append (reader->path, member);
  return len;
}

static void
path_pop (Reader *reader,
          gsize   len)
{
  g_string_truncate (reader->path, len);
}

/* Reads an optional string member; a member that is present must be a
 * string (or null) within @max_chars characters. */
static gboolean
read_string (Reader      *reader,
             JsonObject  *object,
             const char  *member,
             gboolean     required,
             guint        max_chars,
             char       **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  gsize len = path_push (reader, member);
  const char *value;
  g_autofree char *stripped = NULL;

  *out = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return fail_field (reader, error, _("this field is required"));
      path_pop (reader, len);
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail_field (reader, error, _("expected text"));

  value = json_node_get_string (node);
  stripped = g_strstrip (g_strdup (value));

  if (required && stripped[0] == '\0')
    return fail_field (reader, error, _("this field must not be empty"));

  /* No more bytes than allowed characters: no need to count characters */
  if (strlen (stripped) > max_chars && g_utf8_strlen (stripped, -1) > (glong)max_chars)
    {
      g_autofree char *reason =
        g_strdup_printf (ngettext ("longer than the limit of %u character",
                                   "longer than the limit of %u characters", max_chars),
                         max_chars);
      return fail_field (reader, error, reason);
    }

  if (pacta_text_has_controls (stripped, PACTA_TEXT_LINE))
    return fail_field (reader, error, _("contains control characters"));

  path_pop (reader, len);
  *out = stripped[0] != '\0' ? g_steal_pointer (&stripped) : NULL;
  return TRUE;
}

static gboolean
read_boolean (Reader     *reader,
              JsonObject *object,
              const char *member,
              gboolean    fallback,
              gboolean   *out,
              GError    **error)
{
  JsonNode *node = json_object_get_member (object, member);
  gsize len = path_push (reader, member);

  *out = fallback;
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return fail_field (reader, error, _("expected true or false"));
      *out = json_node_get_boolean (node);
    }

  path_pop (reader, len);
  return TRUE;
}

static JsonArray *
read_items (Reader    *reader,
            JsonNode  *root,
            GError   **error)
{
  JsonNode *items;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return fail_field (reader, error, _("expected an object with an “items” list")), NULL;

  items = json_object_get_member (json_node_get_object (root), "items");
  g_string_assign (reader->path, "items");
  if (items == NULL)
    return fail_field (reader, error, _("this field is required")), NULL;
  if (!JSON_NODE_HOLDS_ARRAY (items))
    return fail_field (reader, error, _("expected a list")), NULL;

  return json_node_get_array (items);
}

static char *
join_name (const char *first,
           const char *last)
{
  if (first != NULL && last != NULL)
    return g_strdup_printf ("%s %s", first, last);
  return g_strdup (first != NULL ? first : last);
}

/* Reads one item of a listing into a new entry of @list; @seen holds the
 * keys (borrowed from @list) of the items before it */
typedef gboolean (*ReadItemFunc) (Reader      *reader,
                                  JsonObject  *object,
                                  guint        index,
                                  GPtrArray   *list,
                                  GHashTable  *seen,
                                  GError     **error);

/* Both listings are an object with an "items" list of objects: the list
 * read by @read_item, or %NULL at the first fault */
static GPtrArray *
read_listing_node (const char      *file,
                   JsonNode        *root,
                   ReadItemFunc     read_item,
                   GDestroyNotify   free_item,
                   GError         **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (free_item);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) path = g_string_new ("");
  Reader reader = { file, path };
  JsonArray *items;
  guint n;

  if (!(items = read_items (&reader, root, error)))
    return NULL;

  n = json_array_get_length (items);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (items, i);

      path_set_item (path, i, -1);
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail_field (&reader, error, _("expected an object")), NULL;
      if (!read_item (&reader, json_node_get_object (node), i, list, seen, error))
        return NULL;
    }

  return g_steal_pointer (&list);
}

static GPtrArray *
read_listing (const char      *file,
              GBytes          *bytes,
              ReadItemFunc     read_item,
              GDestroyNotify   free_item,
              GError         **error)
{
  g_autoptr(JsonNode) root = NULL;

  if (!(root = parse_json (file, bytes, error)))
    return NULL;
  return read_listing_node (file, root, read_item, free_item, error);
}

static gboolean
read_tenant (Reader      *reader,
             JsonObject  *object,
             guint        index,
             GPtrArray   *tenants,
             GHashTable  *seen,
             GError     **error)
{
  Tenant *t = g_new0 (Tenant, 1);
  JsonNode *contact;

  g_ptr_array_add (tenants, t);

  if (!read_string (reader, object, "id", TRUE, MAX_ID_CHARS, &t->id, error) ||
      !read_string (reader, object, "name", TRUE, MAX_NAME_CHARS, &t->name, error) ||
      !read_string (reader, object, "kind", TRUE, MAX_KEY_CHARS, &t->kind, error) ||
      !read_boolean (reader, object, "enabled", TRUE, &t->enabled, error) ||
      !read_string (reader, object, "customer_id", FALSE, MAX_NAME_CHARS, &t->external_id, error) ||
      !read_string (reader, object, "language", FALSE, MAX_LANG_CHARS, &t->language, error))
    return FALSE;

  if (g_hash_table_contains (seen, t->id))
    {
      g_autofree char *reason = g_strdup_printf (_("the id “%s” appears more than once"), t->id);
      g_string_append (reader->path, ".id");
      return fail_field (reader, error, reason);
    }
  g_hash_table_add (seen, t->id);

  contact = json_object_get_member (object, "contact");
  if (contact != NULL && !JSON_NODE_HOLDS_NULL (contact))
    {
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;
      JsonObject *c;

      g_string_append (reader->path, ".contact");
      if (!JSON_NODE_HOLDS_OBJECT (contact))
        return fail_field (reader, error, _("expected an object"));
      c = json_node_get_object (contact);

      if (!read_string (reader, c, "email", FALSE, 254, &t->email, error) ||
          !read_string (reader, c, "firstname", FALSE, MAX_TEXT_CHARS, &first, error) ||
          !read_string (reader, c, "lastname", FALSE, MAX_TEXT_CHARS, &last, error) ||
          !read_string (reader, c, "phone", FALSE, 64, &t->phone, error) ||
          !read_string (reader, c, "address1", FALSE, MAX_TEXT_CHARS, &t->address1, error) ||
          !read_string (reader, c, "address2", FALSE, MAX_TEXT_CHARS, &t->address2, error) ||
          !read_string (reader, c, "city", FALSE, MAX_TEXT_CHARS, &t->city, error) ||
          !read_string (reader, c, "state", FALSE, MAX_TEXT_CHARS, &t->state, error) ||
          !read_string (reader, c, "zipcode", FALSE, 32, &t->zipcode, error) ||
          !read_string (reader, c, "country", FALSE, 64, &t->country, error))
        return FALSE;

      if (t->email != NULL && strchr (t->email, '@') == NULL)
        {
          g_string_append (reader->path, ".email");
          return fail_field (reader, error, _("not an email address"));
        }

      t->contact_name = join_name (first, last);
    }

  return TRUE;
}

/* A first name for a catalog item the platform introduces; the MSP can rename it */
static char *
pretty_name (const char *key)
{
  static const struct { const char *key; const char *name; } known[] = {
    { "workstations", "Workstations" },
    { "servers", "Servers" },
    { "vms", "Virtual machines" },
    { "mobiles", "Mobile devices" },
    { "m365_seats", "Microsoft 365 seats" },
    { "google_seats", "Google Workspace seats" },
    { "storage", "Cloud storage" },
    { "websites", "Websites" },
  };
  char *name;

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (key, known[i].key))
      return g_strdup (known[i].name);

  name = g_strdelimit (g_strdup (key), "_", ' ');
  name[0] = g_ascii_toupper (name[0]);
  return name;
}

static const char *
unit_for (const char *key,
          gboolean    bytes)
{
  static const char *workloads[] = { "workstations", "servers", "vms", "mobiles", "websites" };

  if (bytes)
    return "GB";
  if (g_str_has_suffix (key, "_seats") || g_str_has_suffix (key, "seats"))
    return "seat";
  for (guint i = 0; i < G_N_ELEMENTS (workloads); i++)
    if (g_str_equal (key, workloads[i]))
      return "workload";
  return "piece";
}

static gboolean
read_usage_value (Reader     *reader,
                  JsonObject *object,
                  gboolean    bytes,
                  gint64     *quantity,
                  GError    **error)
{
  JsonNode *node = json_object_get_member (object, "value");
  gsize len = path_push (reader, "value");
  GType type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return fail_field (reader, error, _("this field is required"));

  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type == G_TYPE_INT64)
    {
      gint64 v = json_node_get_int (node);

      if (v < 0)
        return fail_field (reader, error, _("must not be negative"));
      if (bytes)
        *quantity = pacta_round_div (v, BYTES_PER_GB / PACTA_DECIMAL_SCALE);
      else if (v > G_MAXINT64 / PACTA_DECIMAL_SCALE / 1000)
        return fail_field (reader, error, _("the number is too large"));
      else
        *quantity = v * PACTA_DECIMAL_SCALE;
    }
  else if (type == G_TYPE_DOUBLE)
    {
      /* Usage counts arrive as JSON numbers; converting them to fixed point
       * here is the only place a fraction of a unit can come from. */
      double v = json_node_get_double (node);
      double scaled = bytes ? v / (BYTES_PER_GB / PACTA_DECIMAL_SCALE) : v * PACTA_DECIMAL_SCALE;

      if (!isfinite (v) || v < 0)
        return fail_field (reader, error, _("must not be negative"));
      if (scaled > 1e15)
        return fail_field (reader, error, _("the number is too large"));
      *quantity = (gint64)llround (scaled);
    }
  else
    return fail_field (reader, error, _("expected a number"));

  path_pop (reader, len);
  return TRUE;
}

static gboolean
read_tenant_usages (Reader      *reader,
                    JsonObject  *object,
                    guint        index,
                    GPtrArray   *result,
                    GHashTable  *seen,
                    GError     **error)
{
  TenantUsages *tu = g_new0 (TenantUsages, 1);
  JsonNode *list;
  guint n_usages;

  tu->index = index;
  tu->usages = g_ptr_array_new_with_free_func (usage_free);
  g_ptr_array_add (result, tu);

  if (!read_string (reader, object, "tenant", TRUE, MAX_ID_CHARS, &tu->tenant, error))
    return FALSE;

  if (g_hash_table_contains (seen, tu->tenant))
    {
      g_autofree char *reason = g_strdup_printf (_("the tenant “%s” appears more than once"), tu->tenant);
      g_string_append (reader->path, ".tenant");
      return fail_field (reader, error, reason);
    }
  g_hash_table_add (seen, tu->tenant);

  list = json_object_get_member (object, "usages");
  g_string_append (reader->path, ".usages");
  if (list == NULL || JSON_NODE_HOLDS_NULL (list))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (list))
    return fail_field (reader, error, _("expected a list"));

  n_usages = json_array_get_length (json_node_get_array (list));
  for (guint k = 0; k < n_usages; k++)
    {
      JsonNode *unode = json_array_get_element (json_node_get_array (list), k);
      g_autofree char *usage_name = NULL;
      g_autofree char *name = NULL;
      g_autofree char *measurement = NULL;
      JsonObject *uobject;
      gboolean bytes_unit;
      Usage *u;

      path_set_item (reader->path, index, (int)k);
      if (!JSON_NODE_HOLDS_OBJECT (unode))
        return fail_field (reader, error, _("expected an object"));
      uobject = json_node_get_object (unode);

      if (!read_string (reader, uobject, "usage_name", FALSE, MAX_KEY_CHARS, &usage_name, error) ||
          !read_string (reader, uobject, "name", FALSE, MAX_NAME_CHARS, &name, error) ||
          !read_string (reader, uobject, "measurement_unit", FALSE, MAX_KEY_CHARS, &measurement, error))
        return FALSE;

      if (usage_name == NULL && name == NULL)
        {
          g_string_append (reader->path, ".usage_name");
          return fail_field (reader, error, _("this field is required"));
        }
      if (usage_name == NULL && g_utf8_strlen (name, -1) > MAX_KEY_CHARS)
        {
          g_string_append (reader->path, ".name");
          return fail_field (reader, error, _("too long to be a usage name"));
        }

      bytes_unit = g_strcmp0 (measurement, "bytes") == 0;

      u = g_new0 (Usage, 1);
      g_ptr_array_add (tu->usages, u);
      u->key = g_strdup (usage_name != NULL ? usage_name : name);
      u->name = pretty_name (u->key);
      u->unit = g_strdup (unit_for (u->key, bytes_unit));

      if (!read_usage_value (reader, uobject, bytes_unit, &u->quantity, error))
        return FALSE;
    }

  return TRUE;
}

/* ---- writing ----------------------------------------------------------- */

/* What one import learns as it writes, so that it does not ask the
 * database again */
typedef struct
{
  gboolean    had_skipped;   /* skipped_tenants held anything before */
  GHashTable *created;       /* tenant id (borrowed) -> customer id, created by this import */
} ImportState;

/* A tenant of another kind than customer is only remembered, by kind */
static gboolean
skip_tenant (PactaDatabase      *db,
             Tenant             *t,
             PactaImportReport  *report,
             GError            **error)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (report->skipped_by_kind, t->kind));
  sqlite3_stmt *stmt;

  g_hash_table_replace (report->skipped_by_kind, g_strdup (t->kind), GUINT_TO_POINTER (n + 1));
  report->tenants_skipped++;

  stmt = pacta_database_prepare (db,
                                 "INSERT INTO skipped_tenants (tenant_id, kind, name) VALUES (?1, ?2, ?3)"
                                 " ON CONFLICT (tenant_id) DO UPDATE SET kind = excluded.kind, name = excluded.name",
                                 error);
  if (stmt == NULL)
    return FALSE;
  pacta_sql_bind_text (stmt, 1, t->id);
  pacta_sql_bind_text (stmt, 2, t->kind);
  pacta_sql_bind_text (stmt, 3, t->name);
  return pacta_database_step_done (db, stmt, error);
}

/* The customer of @tenant_id: *@found says whether there is one */
static gboolean
lookup_customer (PactaDatabase  *db,
                 const char     *tenant_id,
                 gint64         *customer_id,
                 gboolean       *found,
                 GError        **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (db, "SELECT id FROM customers WHERE tenant_id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  pacta_sql_bind_text (stmt, 1, tenant_id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *customer_id = sqlite3_column_int64 (stmt, 0);
      *found = TRUE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return pacta_database_set_error (db, error, _("looking up a customer")), FALSE;
  return TRUE;
}

/* Inserts the tenant's customer, or updates @customer_id when @found */
static gboolean
write_customer (PactaDatabase  *db,
                Tenant         *t,
                const char     *now,
                gboolean        found,
                gint64          customer_id,
                GError        **error)
{
  sqlite3_stmt *stmt;

  if (!found)
    {
      stmt = pacta_database_prepare (db,
                                     "INSERT INTO customers (tenant_id, name, kind, enabled, email, language,"
                                     " address1, address2, city, state, zipcode, country, phone, created_at, external_id)"
                                     " VALUES (?1, ?2, 'customer', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?15)",
                                     error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 13, now, -1, SQLITE_STATIC);
    }
  else
    {
      /* Only a real change is written, so that unchanged customers keep
       * their revision and open lists are not disturbed. */
      stmt = pacta_database_prepare (db,
                                     "UPDATE customers SET tenant_id = ?1, name = ?2, enabled = ?3, email = ?4,"
                                     " language = ?5, address1 = ?6, address2 = ?7, city = ?8, state = ?9,"
                                     " zipcode = ?10, country = ?11, phone = ?12, external_id = ?15"
                                     " WHERE id = ?14 AND (name IS NOT ?2 OR enabled IS NOT ?3 OR email IS NOT ?4"
                                     " OR language IS NOT ?5 OR address1 IS NOT ?6 OR address2 IS NOT ?7"
                                     " OR city IS NOT ?8 OR state IS NOT ?9 OR zipcode IS NOT ?10"
                                     " OR country IS NOT ?11 OR phone IS NOT ?12 OR external_id IS NOT ?15)",
                                     error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 14, customer_id);
    }

  pacta_sql_bind_text (stmt, 1, t->id);
  pacta_sql_bind_text (stmt, 2, t->name);
  sqlite3_bind_int (stmt, 3, t->enabled ? 1 : 0);
  pacta_sql_bind_text (stmt, 4, t->email);
  pacta_sql_bind_text (stmt, 5, t->language);
  pacta_sql_bind_text (stmt, 6, t->address1);
  pacta_sql_bind_text (stmt, 7, t->address2);
  pacta_sql_bind_text (stmt, 8, t->city);
  pacta_sql_bind_text (stmt, 9, t->state);
  pacta_sql_bind_text (stmt, 10, t->zipcode);
  pacta_sql_bind_text (stmt, 11, t->country);
  pacta_sql_bind_text (stmt, 12, t->phone);
  pacta_sql_bind_text (stmt, 15, t->external_id);
  return pacta_database_step_done (db, stmt, error);
}

/* The platform's contact of the customer, kept apart from contacts added
 * in Pacta */
static gboolean
write_platform_contact (PactaDatabase  *db,
                        Tenant         *t,
                        gint64          customer_id,
                        GError        **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (db,
                                               "INSERT INTO contacts (customer_id, name, email, phone, from_platform)"
                                               " VALUES (?1, ?2, ?3, ?4, 1)"
                                               " ON CONFLICT (customer_id) WHERE from_platform = 1 DO UPDATE SET"
                                               " name = excluded.name, email = excluded.email, phone = excluded.phone",
                                               error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  pacta_sql_bind_text (stmt, 2, t->contact_name != NULL ? t->contact_name : t->email);
  pacta_sql_bind_text (stmt, 3, t->email);
  pacta_sql_bind_text (stmt, 4, t->phone);
  return pacta_database_step_done (db, stmt, error);
}

static gboolean
write_tenant (PactaDatabase      *db,
              Tenant             *t,
              const char         *now,
              ImportState        *state,
              PactaImportReport  *report,
              GError            **error)
{
  sqlite3 *handle = pacta_database_get_handle (db);
  sqlite3_stmt *stmt;
  gint64 customer_id = 0;
  gboolean found = FALSE;

  if (!g_str_equal (t->kind, "customer"))
    return skip_tenant (db, t, report, error);

  if (!lookup_customer (db, t->id, &customer_id, &found, error))
    return FALSE;
  if (!write_customer (db, t, now, found, customer_id, error))
    return FALSE;

  if (!found)
    {
      customer_id = sqlite3_last_insert_rowid (handle);
      report->customers_created++;
      g_hash_table_insert (state->created, t->id, g_memdup2 (&customer_id, sizeof customer_id));
    }
  else if (sqlite3_changes (handle) > 0)
    report->customers_updated++;
  else
    report->customers_unchanged++;

  /* A tenant that used to be of another kind is a customer now (a file
   * names each tenant once, so only an earlier import can have skipped it) */
  if (state->had_skipped)
    {
      stmt = pacta_database_prepare (db, "DELETE FROM skipped_tenants WHERE tenant_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      pacta_sql_bind_text (stmt, 1, t->id);
      if (!pacta_database_step_done (db, stmt, error))
        return FALSE;
    }

  if (t->contact_name == NULL && t->email == NULL)
    return TRUE;

  return write_platform_contact (db, t, customer_id, error);
}

static gint64
ensure_catalog_item (PactaDatabase      *db,
                     Usage              *u,
                     GHashTable         *cache,
                     PactaImportReport  *report,
                     GError            **error)
{
  gpointer cached;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  if (g_hash_table_lookup_extended (cache, u->key, NULL, &cached))
    return *(gint64 *)cached;

  stmt = pacta_database_prepare (db, "SELECT id FROM catalog_items WHERE usage_key = ?1", error);
  if (stmt == NULL)
    return 0;
  pacta_sql_bind_text (stmt, 1, u->key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return pacta_database_set_error (db, error, _("looking up the catalog")), 0;

  if (id == 0)
    {
      /* The MSP has not priced this service yet: the item starts without a price */
      stmt = pacta_database_prepare (db,
                                     "INSERT INTO catalog_items (name, unit, usage_key, is_contract_item)"
                                     " VALUES (?1, ?2, ?3, 1)",
                                     error);
      if (stmt == NULL)
        return 0;
      pacta_sql_bind_text (stmt, 1, u->name);
      pacta_sql_bind_text (stmt, 2, u->unit);
      pacta_sql_bind_text (stmt, 3, u->key);
      if (!pacta_database_step_done (db, stmt, error))
        return 0;
      id = sqlite3_last_insert_rowid (pacta_database_get_handle (db));
      report->catalog_items_created++;
    }

  g_hash_table_insert (cache, g_strdup (u->key), g_memdup2 (&id, sizeof id));
  return id;
}

/* Whether an earlier import skipped @tenant_id as another kind than customer */
static gboolean
tenant_was_skipped (PactaDatabase  *db,
                    const char     *tenant_id,
                    gboolean       *skipped,
                    GError        **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (db, "SELECT count(*) FROM skipped_tenants WHERE tenant_id = ?1",
                                               error);
  gint64 count = 0;

  if (stmt == NULL)
    return FALSE;
  pacta_sql_bind_text (stmt, 1, tenant_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  *skipped = count > 0;
  return TRUE;
}

/* Usages of the same service in several editions add up: @wanted maps each
 * catalog item id to its total */
static gboolean
sum_usages (PactaDatabase      *db,
            const char         *file,
            TenantUsages       *tu,
            GHashTable         *catalog_cache,
            GHashTable         *wanted,
            PactaImportReport  *report,
            GError            **error)
{
  for (guint k = 0; k < tu->usages->len; k++)
    {
      Usage *u = g_ptr_array_index (tu->usages, k);
      gint64 item_id;
      gint64 *sum;

      if ((item_id = ensure_catalog_item (db, u, catalog_cache, report, error)) == 0)
        return FALSE;

      sum = g_hash_table_lookup (wanted, &item_id);
      if (sum == NULL)
        {
          sum = g_new0 (gint64, 1);
          g_hash_table_insert (wanted, g_memdup2 (&item_id, sizeof item_id), sum);
        }
      /* Each value is within the limit of read_usage_value(), but many
       * editions of one service could add up past gint64 */
      if (u->quantity > G_MAXINT64 / 1000 - *sum)
        {
          g_autofree char *path = g_strdup_printf ("items[%u].usages[%u].value", tu->index, k);

          g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE, _("%s: %s: %s"),
                       file, path, _("the number is too large"));
          return FALSE;
        }
      *sum += u->quantity;
    }
  return TRUE;
}

/* The catalog items of the customer's platform services, into @existing */
static gboolean
load_platform_services (PactaDatabase  *db,
                        gint64          customer_id,
                        GArray         *existing,
                        GError        **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (db,
                                               "SELECT s.catalog_item_id FROM customer_services s"
                                               " JOIN catalog_items i ON i.id = s.catalog_item_id"
                                               " WHERE s.customer_id = ?1 AND i.usage_key IS NOT NULL",
                                               error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 item_id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (existing, item_id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return pacta_database_set_error (db, error, _("reading services")), FALSE;
  return TRUE;
}

/* Platform services this listing no longer shows (or shows at zero) end */
static gboolean
remove_ended_services (PactaDatabase      *db,
                       gint64              customer_id,
                       GArray             *existing,
                       GHashTable         *wanted,
                       PactaImportReport  *report,
                       GError            **error)
{
  for (guint k = 0; k < existing->len; k++)
    {
      gint64 item_id = g_array_index (existing, gint64, k);
      gint64 *sum = g_hash_table_lookup (wanted, &item_id);
      sqlite3_stmt *stmt;

      if (sum != NULL && *sum > 0)
        continue;

      stmt = pacta_database_prepare (db,
                                     "DELETE FROM customer_services WHERE customer_id = ?1 AND catalog_item_id = ?2",
                                     error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, customer_id);
      sqlite3_bind_int64 (stmt, 2, item_id);
      if (!pacta_database_step_done (db, stmt, error))
        return FALSE;
      report->services_removed++;
    }
  return TRUE;
}

/* Writes each wanted service's quantity, counting new and changed ones */
static gboolean
write_wanted_services (PactaDatabase      *db,
                       gint64              customer_id,
                       GArray             *existing,
                       GHashTable         *wanted,
                       PactaImportReport  *report,
                       GError            **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 item_id = *(gint64 *)key;
      gint64 quantity = *(gint64 *)value;
      gboolean had = FALSE;
      sqlite3 *handle = pacta_database_get_handle (db);
      sqlite3_stmt *stmt;

      if (quantity == 0)
        continue;

      for (guint k = 0; k < existing->len && !had; k++)
        had = g_array_index (existing, gint64, k) == item_id;

      stmt = pacta_database_prepare (db,
                                     "INSERT INTO customer_services (customer_id, catalog_item_id, quantity)"
                                     " VALUES (?1, ?2, ?3)"
                                     " ON CONFLICT (customer_id, catalog_item_id) DO UPDATE"
                                     " SET quantity = excluded.quantity WHERE quantity IS NOT excluded.quantity",
                                     error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, customer_id);
      sqlite3_bind_int64 (stmt, 2, item_id);
      sqlite3_bind_int64 (stmt, 3, quantity);
      if (!pacta_database_step_done (db, stmt, error))
        return FALSE;

      if (!had)
        report->services_created++;
      else if (sqlite3_changes (handle) > 0)
        report->services_updated++;
    }
  return TRUE;
}

static gboolean
write_usages (PactaDatabase      *db,
              const char         *file,
              TenantUsages       *tu,
              GHashTable         *catalog_cache,
              ImportState        *state,
              PactaImportReport  *report,
              GError            **error)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GArray) existing = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 customer_id = 0;
  gint64 *created = g_hash_table_lookup (state->created, tu->tenant);

  /* A customer this import created has just that id, and no services yet */
  if (created != NULL)
    customer_id = *created;
  else
    {
      gboolean found = FALSE;

      if (!lookup_customer (db, tu->tenant, &customer_id, &found, error))
        return FALSE;
    }

  if (customer_id == 0)
    {
      gboolean skipped = FALSE;

      if (!tenant_was_skipped (db, tu->tenant, &skipped, error))
        return FALSE;
      if (skipped)
        {
          report->usages_skipped += tu->usages->len;
          return TRUE;
        }

      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                   _("%s: items[%u].tenant: unknown tenant “%s” (import the tenant listing that has it first)"),
                   file, tu->index, tu->tenant);
      return FALSE;
    }

  if (!sum_usages (db, file, tu, catalog_cache, wanted, report, error))
    return FALSE;

  if (created == NULL && !load_platform_services (db, customer_id, existing, error))
    return FALSE;

  return remove_ended_services (db, customer_id, existing, wanted, report, error) &&
         write_wanted_services (db, customer_id, existing, wanted, report, error);
}

typedef struct
{
  const char  *name;
  GBytes      *bytes;
  GPtrArray   *usages;
  GError      *error;
} UsagesJob;

static gpointer
read_usages_thread (gpointer data)
{
  UsagesJob *job = data;

  job->usages = read_listing (job->name, job->bytes, read_tenant_usages, tenant_usages_free, &job->error);
  return NULL;
}

static void
report_progress (PactaImportProgress progress,
                 gpointer            user_data,
                 double              fraction)
{
  if (progress != NULL)
    progress (CLAMP (fraction, 0.0, 1.0), user_data);
}

/* Writes what was read, in one transaction: all of it or, at the first
 * fault, nothing */
static gboolean
import_lists (PactaDatabase       *database,
              GPtrArray           *tenants,
              GPtrArray           *usages,
              const char          *usages_name,
              GHashTable          *settings,
              PactaImportProgress  progress,
              gpointer             user_data,
              PactaImportReport   *report,
              GError             **error)
{
  g_autoptr(GHashTable) catalog_cache = NULL;
  g_autoptr(GHashTable) created = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *now_text = NULL;
  ImportState state = { FALSE, created };
  gint64 n_skipped;
  guint total, done = 0;

  report_progress (progress, user_data, 0.1);

  total = (tenants != NULL ? tenants->len : 0) + (usages != NULL ? usages->len : 0);
  now_text = pacta_now_iso8601_utc ();
  catalog_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (!pacta_database_begin (database, error))
    return FALSE;

  if ((n_skipped = pacta_database_count (database, "SELECT count(*) FROM skipped_tenants", error)) < 0)
    goto failed;
  state.had_skipped = n_skipped > 0;

  for (guint i = 0; tenants != NULL && i < tenants->len; i++, done++)
    {
      if (!write_tenant (database, g_ptr_array_index (tenants, i), now_text, &state, report, error))
        goto failed;
      if ((done & 0xff) == 0)
        report_progress (progress, user_data, 0.1 + 0.85 * done / total);
    }

  for (guint i = 0; usages != NULL && i < usages->len; i++, done++)
    {
      if (!write_usages (database, usages_name, g_ptr_array_index (usages, i), catalog_cache, &state, report, error))
        goto failed;
      if ((done & 0xff) == 0)
        report_progress (progress, user_data, 0.1 + 0.85 * done / total);
    }

  /* Settings that belong with what was imported (the time of a sync) */
  if (settings != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, settings);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!pacta_database_set_setting (database, key, value, error))
          goto failed;
    }

  if (!pacta_database_commit (database, error))
    goto failed;

  report_progress (progress, user_data, 1.0);
  return TRUE;

failed:
  pacta_database_rollback (database);
  report_reset (report);
  return FALSE;
}

gboolean
pacta_import_platform_bytes (PactaDatabase       *database,
                             GBytes              *tenants_bytes,
                             const char          *tenants_name,
                             GBytes              *usages_bytes,
                             const char          *usages_name,
                             PactaImportProgress  progress,
                             gpointer             user_data,
                             PactaImportReport   *report,
                             GError             **error)
{
  g_autoptr(GPtrArray) tenants = NULL;
  g_autoptr(GPtrArray) usages = NULL;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (tenants_bytes != NULL || usages_bytes != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  report_reset (report);
  report_progress (progress, user_data, 0.0);

  /* Both listings are read and checked before anything is written; with
   * both, the usages are read on a second thread meanwhile */
  if (tenants_bytes != NULL && usages_bytes != NULL)
    {
      UsagesJob job = { usages_name, usages_bytes, NULL, NULL };
      GThread *thread = g_thread_new ("pacta-import-usages", read_usages_thread, &job);

      tenants = read_listing (tenants_name, tenants_bytes, read_tenant, tenant_free, error);
      g_thread_join (thread);
      usages = job.usages;
      /* The tenants' problem first, as when read one after the other */
      if (tenants == NULL)
        {
          g_clear_error (&job.error);
          return FALSE;
        }
      if (usages == NULL)
        {
          g_propagate_error (error, job.error);
          return FALSE;
        }
    }
  else if (tenants_bytes != NULL &&
           !(tenants = read_listing (tenants_name, tenants_bytes, read_tenant, tenant_free, error)))
    return FALSE;
  else if (usages_bytes != NULL &&
           !(usages = read_listing (usages_name, usages_bytes, read_tenant_usages, tenant_usages_free, error)))
    return FALSE;

  return import_lists (database, tenants, usages, usages_name, NULL, progress, user_data, report, error);
}

/**
 * pacta_import_platform_json:
 * @tenants: (nullable): a tenant listing, `{"items": [tenant…]}`
 * @usages: (nullable): a usage listing, `{"items": [{"tenant", "usages"}…]}`
 * @settings: (nullable): settings (key → value) written in the same
 *   transaction, such as the time of the sync they came from
 *
 * The same import as pacta_import_platform_bytes(), of listings already
 * parsed: the platform's API hands its pages over this way, so that the
 * files and the API go through one importer with the same rules.
 */
gboolean
pacta_import_platform_json (PactaDatabase       *database,
                            JsonNode            *tenants_root,
                            const char          *tenants_name,
                            JsonNode            *usages_root,
                            const char          *usages_name,
                            GHashTable          *settings,
                            PactaImportProgress  progress,
                            gpointer             user_data,
                            PactaImportReport   *report,
                            GError             **error)
{
  g_autoptr(GPtrArray) tenants = NULL;
  g_autoptr(GPtrArray) usages = NULL;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (tenants_root != NULL || usages_root != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  report_reset (report);
  report_progress (progress, user_data, 0.0);

  if (tenants_root != NULL &&
      !(tenants = read_listing_node (tenants_name, tenants_root, read_tenant, tenant_free, error)))
    return FALSE;
  if (usages_root != NULL &&
      !(usages = read_listing_node (usages_name, usages_root, read_tenant_usages, tenant_usages_free, error)))
    return FALSE;

  return import_lists (database, tenants, usages, usages_name, settings, progress, user_data, report, error);
}

gboolean
pacta_import_platform (PactaDatabase       *database,
                       GFile               *tenants,
                       GFile               *usages,
                       PactaImportProgress  progress,
                       gpointer             user_data,
                       PactaImportReport   *report,
                       GError             **error)
{
  g_autoptr(GBytes) tenants_bytes = NULL;
  g_autoptr(GBytes) usages_bytes = NULL;
  g_autofree char *tenants_name = NULL;
  g_autofree char *usages_name = NULL;

  g_return_val_if_fail (tenants != NULL || usages != NULL, FALSE);

  if (tenants != NULL && !(tenants_bytes = pacta_file_load (tenants, PACTA_IMPORT_MAX_BYTES, &tenants_name, error)))
    return FALSE;
  if (usages != NULL && !(usages_bytes = pacta_file_load (usages, PACTA_IMPORT_MAX_BYTES, &usages_name, error)))
    return FALSE;

  return pacta_import_platform_bytes (database, tenants_bytes, tenants_name,
                                      usages_bytes, usages_name,
                                      progress, user_data, report, error);
}

/**
 * pacta_import_sum_usages:
 * @usages: a usage listing, `{"items": [{"tenant", "usages"}…]}` (the
 *   platform's usage report for a month has this shape too)
 * @name: what to call it in messages
 * @catalog_items_created: (out) (optional): how many catalog items were
 *   made for usages the catalog did not know
 *
 * Reads @usages with the import's rules and adds up, per tenant, the usage
 * of each catalog item (several editions or storages of one service add
 * up; storage in bytes becomes GB). Call it inside a transaction: a usage
 * the catalog does not know yet gets an item without a price, as the
 * import does.
 *
 * Returns: (transfer full): tenant id → (GHashTable of catalog item id
 *   (gint64 *) → quantity in 1/10000 (gint64 *)), or %NULL with @error set
 */
GHashTable *
pacta_import_sum_usages (PactaDatabase  *database,
                         JsonNode       *usages,
                         const char     *name,
                         guint          *catalog_items_created,
                         GError        **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GHashTable) sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) g_hash_table_unref);
  g_autoptr(GHashTable) catalog_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(PactaImportReport) report = pacta_import_report_new ();

  g_return_val_if_fail (PACTA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (usages != NULL, NULL);

  if (!(list = read_listing_node (name, usages, read_tenant_usages, tenant_usages_free, error)))
    return NULL;

  for (guint i = 0; i < list->len; i++)
    {
      TenantUsages *tu = g_ptr_array_index (list, i);
      GHashTable *wanted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

      g_hash_table_insert (sums, g_strdup (tu->tenant), wanted);
      if (!sum_usages (database, name, tu, catalog_cache, wanted, report, error))
        return NULL;
    }

  if (catalog_items_created != NULL)
    *catalog_items_created = report->catalog_items_created;
  return g_steal_pointer (&sums);
}
