/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-verifactu-soap.c: the VERI*FACTU web service's messages.
 *
 * A request is the RegFactuSistemaFacturacion document of
 * pacta-verifactu-xml.c in a SOAP 1.1 envelope, checked against the
 * agency's schemas before it may go out: a body that fails is Pacta's bug,
 * and sending it would only earn a rejection. The schemas are built into
 * the resources (data/verifactu); libxml2 reads them from there and from
 * nowhere else, never from the network.
 *
 * A reply is read by namespace URI, never by prefix (the agency's prefixes
 * are not part of the contract): the agency's answer with its receipt (CSV),
 * the wait it asks for and each record's state; a SOAP fault, which is
 * either the server's trouble (send the same again later) or the request's
 * (do not send it again); an HTML page, which is how a refused certificate
 * looks. Nothing here sends anything.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <string.h>

#include "pacta-error.h"
#include "pacta-verifactu-soap.h"
#include "pacta-verifactu-xml.h"

#define SCHEMA_RESOURCES "/io/github/pacta/Pacta/verifactu/"

/* ---- the schemas ---------------------------------------------------------- */

static xmlExternalEntityLoader default_loader;

/* Every schema the agency's files import is one of ours, found by its file
 * name, wherever the import says it lives; anything else is not loaded */
static xmlParserInputPtr
load_from_resources (const char       *url,
                     const char       *id,
                     xmlParserCtxtPtr  context)
{
  g_autofree char *name = url != NULL ? g_path_get_basename (url) : NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  xmlParserInputBufferPtr buffer;
  xmlParserInputPtr input;
  gsize size;
  const char *data;

  if (name == NULL || !g_str_has_suffix (name, ".xsd"))
    return NULL;
  path = g_strconcat (SCHEMA_RESOURCES, name, NULL);
  if (!(bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL)))
    return NULL;
  data = g_bytes_get_data (bytes, &size);
  /* The buffer copies the bytes */
  if (!(buffer = xmlParserInputBufferCreateMem (data, (int) size, XML_CHAR_ENCODING_NONE)))
    return NULL;
  if (!(input = xmlNewIOInputStream (context, buffer, XML_CHAR_ENCODING_NONE)))
    {
      xmlFreeParserInputBuffer (buffer);
      return NULL;
    }
  /* Relative imports resolve against it, and come back here by name */
  input->filename = (const char *) xmlCharStrdup (path);
  return input;
}

static void
collect_error (void           *data,
               const xmlError *error)
{
  GString *messages = data;
  g_autofree char *message = NULL;

  if (error == NULL || error->message == NULL)
    return;
  message = g_strchomp (g_strdup (error->message));
  if (messages->len > 0)
    g_string_append (messages, "; ");
  if (error->line > 0)
    g_string_append_printf (messages, "line %d: ", error->line);
  g_string_append (messages, message);
}

static xmlSchemaPtr
load_schema (void)
{
  g_autoptr(GBytes) all = g_resources_lookup_data (SCHEMA_RESOURCES "all.xsd", G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(GString) problems = g_string_new (NULL);
  xmlSchemaParserCtxtPtr parser;
  xmlSchemaPtr schema;
  gsize size;
  const char *data;

  g_return_val_if_fail (all != NULL, NULL);

  xmlInitParser ();
  data = g_bytes_get_data (all, &size);
  default_loader = xmlGetExternalEntityLoader ();
  xmlSetExternalEntityLoader (load_from_resources);
  parser = xmlSchemaNewMemParserCtxt (data, (int) size);
  /* The agency's files also name a remote copy of xmldsig, already loaded:
   * libxml2 warns and skips it */
  xmlSchemaSetParserStructuredErrors (parser, (xmlStructuredErrorFunc) collect_error, problems);
  schema = xmlSchemaParse (parser);
  xmlSchemaFreeParserCtxt (parser);
  xmlSetExternalEntityLoader (default_loader);

  if (schema == NULL)
    g_critical ("The agency's schemas do not load: %s", problems->str);
  return schema;
}

static xmlSchemaPtr
get_schema (void)
{
  static xmlSchemaPtr schema;

  if (g_once_init_enter (&schema))
    g_once_init_leave (&schema, load_schema ());
  return schema;
}

/**
 * pacta_verifactu_schema_validate:
 * @xml: a SOAP envelope or one of the agency's documents
 *
 * Checks @xml against the agency's schemas (all.xsd): the envelope, and
 * whatever of the agency's it carries.
 *
 * Returns: %FALSE, with %PACTA_ERROR_INVALID_FILE and libxml2's words for
 *   what is wrong, when it does not conform
 */
gboolean
pacta_verifactu_schema_validate (const char  *xml,
                                 gsize        length,
                                 GError     **error)
{
  xmlSchemaPtr schema = get_schema ();
  g_autoptr(GString) problems = g_string_new (NULL);
  xmlSchemaValidCtxtPtr validator;
  xmlDocPtr doc;
  int rc;

  g_return_val_if_fail (xml != NULL, FALSE);

  if (schema == NULL)
    {
      g_set_error_literal (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE, _("The tax agency’s schemas could not be loaded"));
      return FALSE;
    }
  doc = xmlReadMemory (xml, (int) MIN (length, G_MAXINT), "request.xml", "UTF-8",
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      const xmlError *last = xmlGetLastError ();

      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE, _("Not well-formed XML: %s"),
                   last != NULL && last->message != NULL ? last->message : "");
      return FALSE;
    }
  validator = xmlSchemaNewValidCtxt (schema);
  xmlSchemaSetValidStructuredErrors (validator, (xmlStructuredErrorFunc) collect_error, problems);
  rc = xmlSchemaValidateDoc (validator, doc);
  xmlSchemaFreeValidCtxt (validator);
  xmlFreeDoc (doc);

  if (rc != 0)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                   _("Does not conform to the tax agency’s schemas: %s"),
                   problems->len > 0 ? problems->str : _("no details"));
      return FALSE;
    }
  return TRUE;
}

/**
 * pacta_verifactu_soap_envelope:
 * @body: a RegFactuSistemaFacturacion document (pacta_verifactu_xml_batch())
 *
 * Returns: (transfer full): @body as the body of a SOAP 1.1 request
 */
char *
pacta_verifactu_soap_envelope (const char *body)
{
  const char *start = body;
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<soapenv:Envelope xmlns:soapenv=\"" PACTA_VERIFACTU_NS_SOAP "\">\n"
                               "<soapenv:Header/>\n"
                               "<soapenv:Body>\n");

  g_return_val_if_fail (body != NULL, NULL);

  /* The document's own declaration can't stand inside the envelope */
  if (g_str_has_prefix (start, "<?xml"))
    {
      const char *end = strstr (start, "?>");

      start = end != NULL ? end + 2 : start;
      while (*start == '\n' || *start == '\r')
        start++;
    }
  g_string_append (xml, start);
  if (xml->len > 0 && xml->str[xml->len - 1] != '\n')
    g_string_append_c (xml, '\n');
  g_string_append (xml, "</soapenv:Body>\n</soapenv:Envelope>\n");
  return g_string_free (xml, FALSE);
}

/* ---- replies ------------------------------------------------------------- */

static void
reply_line_free (gpointer data)
{
  PactaVerifactuReplyLine *line = data;

  g_free (line->issuer_nif);
  g_free (line->number);
  g_free (line->issue_date);
  g_free (line->operation);
  g_free (line->state);
  g_free (line->error_text);
  g_free (line->duplicate_state);
  g_free (line);
}

void
pacta_verifactu_reply_free (PactaVerifactuReply *reply)
{
  if (reply == NULL)
    return;
  g_free (reply->csv);
  g_free (reply->state);
  g_free (reply->message);
  g_ptr_array_unref (reply->lines);
  g_free (reply);
}

static gboolean
is_element (xmlNodePtr  node,
            const char *ns,
            const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && xmlStrEqual (node->name, (const xmlChar *) name) &&
         (ns == NULL ? node->ns == NULL : node->ns != NULL && xmlStrEqual (node->ns->href, (const xmlChar *) ns));
}

static xmlNodePtr
child (xmlNodePtr  parent,
       const char *ns,
       const char *name)
{
  for (xmlNodePtr node = parent != NULL ? parent->children : NULL; node != NULL; node = node->next)
    if (is_element (node, ns, name))
      return node;
  return NULL;
}

/* The element's text, trimmed; NULL when it is missing */
static char *
text_of (xmlNodePtr node)
{
  xmlChar *content;
  char *text;

  if (node == NULL || !(content = xmlNodeGetContent (node)))
    return NULL;
  text = g_strstrip (g_strdup ((const char *) content));
  xmlFree (content);
  return text;
}

static char *
child_text (xmlNodePtr  parent,
            const char *ns,
            const char *name)
{
  return text_of (child (parent, ns, name));
}

static int
child_int (xmlNodePtr  parent,
           const char *ns,
           const char *name,
           int         fallback)
{
  g_autofree char *text = child_text (parent, ns, name);
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 0, G_MAXINT, &value, NULL))
    return fallback;
  return (int) value;
}

static PactaVerifactuReplyLine *
read_line (xmlNodePtr node)
{
  PactaVerifactuReplyLine *line = g_new0 (PactaVerifactuReplyLine, 1);
  xmlNodePtr id = child (node, PACTA_VERIFACTU_NS_REPLY, "IDFactura");
  xmlNodePtr duplicate = child (node, PACTA_VERIFACTU_NS_REPLY, "RegistroDuplicado");

  line->issuer_nif = child_text (id, PACTA_VERIFACTU_XML_NS_INFO, "IDEmisorFactura");
  line->number = child_text (id, PACTA_VERIFACTU_XML_NS_INFO, "NumSerieFactura");
  line->issue_date = child_text (id, PACTA_VERIFACTU_XML_NS_INFO, "FechaExpedicionFactura");
  line->operation = child_text (child (node, PACTA_VERIFACTU_NS_REPLY, "Operacion"),
                                PACTA_VERIFACTU_XML_NS_INFO, "TipoOperacion");
  line->state = child_text (node, PACTA_VERIFACTU_NS_REPLY, "EstadoRegistro");
  line->error_code = child_int (node, PACTA_VERIFACTU_NS_REPLY, "CodigoErrorRegistro", 0);
  line->error_text = child_text (node, PACTA_VERIFACTU_NS_REPLY, "DescripcionErrorRegistro");
  if (duplicate != NULL)
    {
      line->duplicate = TRUE;
      line->duplicate_state = child_text (duplicate, PACTA_VERIFACTU_XML_NS_INFO, "EstadoRegistroDuplicado");
    }
  return line;
}

/* "Codigo[4102].El XML no cumple el esquema": the agency's code in a fault */
static int
fault_code (const char *text)
{
  const char *at = text != NULL ? strstr (text, "Codigo[") : NULL;
  gint64 value;
  g_autofree char *digits = NULL;
  const char *start;
  const char *end;

  if (at == NULL)
    return 0;
  start = at + strlen ("Codigo[");
  if (!(end = strchr (start, ']')))
    return 0;
  digits = g_strndup (start, (gsize) (end - start));
  if (!g_ascii_string_to_signed (digits, 10, 0, G_MAXINT, &value, NULL))
    return 0;
  return (int) value;
}

static void
read_fault (PactaVerifactuReply *reply,
            xmlNodePtr           fault)
{
  /* faultcode and faultstring are unqualified in SOAP 1.1 */
  g_autofree char *code = child_text (fault, NULL, "faultcode");
  const char *local = code != NULL && strchr (code, ':') != NULL ? strchr (code, ':') + 1 : code;

  reply->message = child_text (fault, NULL, "faultstring");
  reply->fault_code = fault_code (reply->message);
  /* Client: this request is wrong, sending it again earns the same fault.
   * Server, or anything else: the agency's trouble, try again later */
  reply->kind = local != NULL && g_str_has_prefix (local, "Client") ? PACTA_VERIFACTU_REPLY_REFUSED
                                                                  : PACTA_VERIFACTU_REPLY_RETRY;
}

static void
read_answer (PactaVerifactuReply *reply,
             xmlNodePtr           answer)
{
  reply->kind = PACTA_VERIFACTU_REPLY_ANSWERED;
  reply->csv = child_text (answer, PACTA_VERIFACTU_NS_REPLY, "CSV");
  reply->wait_seconds = child_int (answer, PACTA_VERIFACTU_NS_REPLY, "TiempoEsperaEnvio", -1);
  reply->state = child_text (answer, PACTA_VERIFACTU_NS_REPLY, "EstadoEnvio");
  for (xmlNodePtr node = answer->children; node != NULL; node = node->next)
    if (is_element (node, PACTA_VERIFACTU_NS_REPLY, "RespuestaLinea"))
      g_ptr_array_add (reply->lines, read_line (node));

  if (reply->state == NULL)
    {
      reply->kind = PACTA_VERIFACTU_REPLY_UNREADABLE;
      reply->message = g_strdup (_("The tax agency’s reply has no state (EstadoEnvio)"));
    }
}

/**
 * pacta_verifactu_reply_parse:
 * @http_status: the HTTP status of the reply
 * @content_type: (nullable): its Content-Type
 * @body: (nullable): its body
 *
 * Reads what the web service answered. Never fails: what can't be read is
 * %PACTA_VERIFACTU_REPLY_UNREADABLE with the reason in @message.
 *
 * Returns: (transfer full): the reply
 */
PactaVerifactuReply *
pacta_verifactu_reply_parse (guint       http_status,
                             const char *content_type,
                             GBytes     *body)
{
  PactaVerifactuReply *reply = g_new0 (PactaVerifactuReply, 1);
  const char *data = NULL;
  gsize size = 0;
  xmlDocPtr doc = NULL;
  xmlNodePtr root, soap_body, first = NULL;

  reply->lines = g_ptr_array_new_with_free_func (reply_line_free);
  reply->wait_seconds = -1;
  reply->http_status = http_status;
  if (body != NULL)
    data = g_bytes_get_data (body, &size);

  /* A refused certificate is an HTML page from the front server */
  if (http_status == 401 || http_status == 403)
    {
      reply->kind = PACTA_VERIFACTU_REPLY_UNAUTHORIZED;
      reply->message = g_strdup (_("The tax agency refused the certificate: check that it is valid, not expired, "
                                   "and that it is the company’s or its representative’s"));
      return reply;
    }
  if (content_type != NULL && g_str_has_prefix (content_type, "text/html"))
    {
      reply->kind = http_status >= 500 ? PACTA_VERIFACTU_REPLY_RETRY : PACTA_VERIFACTU_REPLY_UNREADABLE;
      /* Translators: %u is an HTTP status such as 503 */
      reply->message = g_strdup_printf (_("The tax agency’s service answered with a web page (HTTP %u), not a reply"),
                                        http_status);
      return reply;
    }

  if (data != NULL && size > 0)
    doc = xmlReadMemory (data, (int) MIN (size, G_MAXINT), "reply.xml", NULL,
                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  soap_body = is_element (root, PACTA_VERIFACTU_NS_SOAP, "Envelope") ? child (root, PACTA_VERIFACTU_NS_SOAP, "Body") : NULL;
  for (xmlNodePtr node = soap_body != NULL ? soap_body->children : NULL; node != NULL && first == NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE)
      first = node;

  if (is_element (first, PACTA_VERIFACTU_NS_SOAP, "Fault"))
    read_fault (reply, first);
  else if (is_element (first, PACTA_VERIFACTU_NS_REPLY, "RespuestaRegFactuSistemaFacturacion"))
    read_answer (reply, first);
  else
    {
      reply->kind = http_status >= 500 ? PACTA_VERIFACTU_REPLY_RETRY : PACTA_VERIFACTU_REPLY_UNREADABLE;
      /* Translators: %u is an HTTP status such as 200 */
      reply->message = g_strdup_printf (_("The tax agency’s service gave no reply that Pacta can read (HTTP %u)"),
                                        http_status);
    }

  if (doc != NULL)
    xmlFreeDoc (doc);
  return reply;
}

/**
 * pacta_verifactu_reply_line_accepted:
 *
 * Returns: whether the agency holds the record: accepted, with or without
 *   errors, or a duplicate (3000) of one it holds as Correcta or
 *   AceptadaConErrores
 */
gboolean
pacta_verifactu_reply_line_accepted (const PactaVerifactuReplyLine *line)
{
  g_return_val_if_fail (line != NULL, FALSE);

  if (g_strcmp0 (line->state, "Correcto") == 0 || g_strcmp0 (line->state, "AceptadoConErrores") == 0)
    return TRUE;
  return line->duplicate && (g_strcmp0 (line->duplicate_state, "Correcta") == 0 ||
                             g_strcmp0 (line->duplicate_state, "AceptadaConErrores") == 0);
}
