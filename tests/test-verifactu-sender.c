/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-verifactu-sender.c: the records' outbox against a mock tax agency on
 * 127.0.0.1 — HTTPS that requires a client certificate (a CA, the server's
 * and the company's certificates made with openssl when the test starts),
 * checking every body against the agency's schemas and answering from a
 * script: accepted, partly accepted, duplicates, faults, a refused
 * certificate, a dropped connection, a reply too slow, the wait it asks for */
#include <libsoup/soup.h>
#include <signal.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "pacta-billing-run.h"
#include "pacta-billing-info-table.h"
#include "pacta-clock.h"
#include "pacta-error.h"
#include "pacta-msp.h"
#include "pacta-test-util.h"
#include "pacta-verifactu-certificate.h"
#include "pacta-verifactu-sender.h"
#include "pacta-verifactu-service.h"
#include "pacta-verifactu-soap.h"
#include "pacta-verifactu-xml.h"
#include "pacta-verifactu.h"

/* ---- certificates ----------------------------------------------------------- */

static char *cert_dir;

#define run_openssl(...) pacta_test_run_openssl (cert_dir, __VA_ARGS__)

/* A CA, the agency's server certificate for 127.0.0.1 and the company's
 * certificate as a PKCS#12 file with a password, as the FNMT issues it */
static void
make_certificates (void)
{
  const char *ec[] = { "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes" };

  cert_dir = pacta_test_make_dir ();
  run_openssl ("req", "-x509", ec[0], ec[1], ec[2], ec[3], ec[4], "-keyout", "ca.key", "-out", "ca.pem",
               "-days", "3650", "-subj", "/CN=Mock Agency CA", NULL);
  g_assert_true (g_file_set_contents_full (g_build_filename (cert_dir, "server.ext", NULL),
                                           "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                                           "extendedKeyUsage=serverAuth\n", -1,
                                           G_FILE_SET_CONTENTS_NONE, 0600, NULL));
  g_assert_true (g_file_set_contents_full (g_build_filename (cert_dir, "client.ext", NULL),
                                           "extendedKeyUsage=clientAuth\n", -1,
                                           G_FILE_SET_CONTENTS_NONE, 0600, NULL));
  run_openssl ("req", ec[0], ec[1], ec[2], ec[3], ec[4], "-keyout", "server.key", "-out", "server.csr",
               "-subj", "/CN=127.0.0.1", NULL);
  run_openssl ("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
               "-out", "server.pem", "-days", "3650", "-extfile", "server.ext", NULL);
  run_openssl ("req", ec[0], ec[1], ec[2], ec[3], ec[4], "-keyout", "client.key", "-out", "client.csr",
               "-subj", "/CN=SISTEMAS LEVANTE SL/serialNumber=IDCES-B46000006", NULL);
  run_openssl ("x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
               "-out", "client.pem", "-days", "3650", "-extfile", "client.ext", NULL);
  pacta_test_export_p12 (cert_dir, "client.key", "client.pem", "client.p12", "secreto");
}

static char *
cert_path (const char *name)
{
  return g_build_filename (cert_dir, name, NULL);
}

/* ---- the mock agency -------------------------------------------------------- */

typedef enum
{
  ANSWER_ACCEPT,          /* every record accepted (a duplicate of an accepted one: 3000) */
  ANSWER_REJECT_FIRST,    /* the first record rejected (1244), the rest accepted */
  ANSWER_FAULT_CLIENT,    /* 4102: the request is wrong */
  ANSWER_FAULT_SERVER,    /* 20009: try later */
  ANSWER_UNAUTHORIZED,    /* an HTML 401 page */
  ANSWER_DROP,            /* the connection closes without a reply */
  ANSWER_SLOW,            /* accepted, but after the client stopped waiting */
  ANSWER_HOLD,            /* taken, and no answer until the client is gone */
} Answer;

typedef struct
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *url;
  GMutex        lock;
  GCond         ready;
  /* Under lock */
  GQueue        script;     /* Answer, as pointers; empty: ANSWER_ACCEPT */
  int           wait;       /* TiempoEsperaEnvio of the answers */
  GPtrArray    *bodies;     /* GBytes of every request received */
  GHashTable   *held;       /* the records it holds: "NIF\nnumber\ndate" */
  guint         n_invalid;  /* bodies that failed the schemas */
  GPtrArray    *holding;    /* SoupServerMessage paused by ANSWER_HOLD */
} MockAgency;

static char *
find_text (xmlNodePtr  parent,
           const char *name)
{
  for (xmlNodePtr node = parent->children; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE && xmlStrEqual (node->name, (const xmlChar *) name))
      {
        xmlChar *content = xmlNodeGetContent (node);
        char *text = g_strdup ((const char *) content);

        xmlFree (content);
        return text;
      }
  return NULL;
}

/* The IDFactura of every RegistroAlta in the request, in order */
static void
collect_ids (xmlNodePtr  node,
             GPtrArray  *ids)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (xmlStrEqual (node->name, (const xmlChar *) "IDFactura") && node->parent != NULL &&
          xmlStrEqual (node->parent->name, (const xmlChar *) "RegistroAlta"))
        {
          g_autofree char *nif = find_text (node, "IDEmisorFactura");
          g_autofree char *number = find_text (node, "NumSerieFactura");
          g_autofree char *date = find_text (node, "FechaExpedicionFactura");

          g_ptr_array_add (ids, g_strjoin ("\n", nif, number, date, NULL));
        }
      collect_ids (node->children, ids);
    }
}

static void
append_line (GString    *xml,
             const char *id,
             const char *state,
             int         code,
             gboolean    duplicate)
{
  g_auto(GStrv) parts = g_strsplit (id, "\n", 3);

  g_string_append_printf (xml,
                          "<tikR:RespuestaLinea><tikR:IDFactura><tik:IDEmisorFactura>%s</tik:IDEmisorFactura>"
                          "<tik:NumSerieFactura>%s</tik:NumSerieFactura>"
                          "<tik:FechaExpedicionFactura>%s</tik:FechaExpedicionFactura></tikR:IDFactura>"
                          "<tikR:Operacion><tik:TipoOperacion>Alta</tik:TipoOperacion></tikR:Operacion>"
                          "<tikR:EstadoRegistro>%s</tikR:EstadoRegistro>",
                          parts[0], parts[1], parts[2], state);
  if (code != 0)
    g_string_append_printf (xml, "<tikR:CodigoErrorRegistro>%d</tikR:CodigoErrorRegistro>"
                                 "<tikR:DescripcionErrorRegistro>%s</tikR:DescripcionErrorRegistro>",
                            code, code == 3000 ? "Registro de facturación duplicado." : "El NIF del destinatario no está identificado.");
  if (duplicate)
    g_string_append (xml, "<tikR:RegistroDuplicado><tik:IdPeticionRegistroDuplicado>202701010930</tik:IdPeticionRegistroDuplicado>"
                          "<tik:EstadoRegistroDuplicado>Correcta</tik:EstadoRegistroDuplicado></tikR:RegistroDuplicado>");
  g_string_append (xml, "</tikR:RespuestaLinea>");
}

/* The agency's answer to @ids; records accepted are held from now on */
static char *
answer_for (MockAgency *mock,
            GPtrArray  *ids,
            gboolean    reject_first)
{
  GString *xml = g_string_new (NULL);
  GString *lines = g_string_new (NULL);
  guint n_bad = 0;

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);

      if (reject_first && i == 0)
        {
          append_line (lines, id, "Incorrecto", 1244, FALSE);
          n_bad++;
        }
      else if (g_hash_table_contains (mock->held, id))
        {
          append_line (lines, id, "Incorrecto", 3000, TRUE);
          n_bad++;
        }
      else
        {
          append_line (lines, id, "Correcto", 0, FALSE);
          g_hash_table_add (mock->held, g_strdup (id));
        }
    }
  g_string_append (xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        "<env:Envelope xmlns:env=\"" PACTA_VERIFACTU_NS_SOAP "\"><env:Body>"
                        "<tikR:RespuestaRegFactuSistemaFacturacion xmlns:tikR=\"" PACTA_VERIFACTU_NS_REPLY "\""
                        " xmlns:tik=\"" PACTA_VERIFACTU_XML_NS_INFO "\">");
  if (n_bad < ids->len)
    g_string_append_printf (xml, "<tikR:CSV>A-MOCK%04u</tikR:CSV>", mock->bodies->len);
  g_string_append_printf (xml, "<tikR:Cabecera><tik:ObligadoEmision><tik:NombreRazon>Sistemas Levante S.L.</tik:NombreRazon>"
                               "<tik:NIF>B46000006</tik:NIF></tik:ObligadoEmision></tikR:Cabecera>"
                               "<tikR:TiempoEsperaEnvio>%d</tikR:TiempoEsperaEnvio><tikR:EstadoEnvio>%s</tikR:EstadoEnvio>",
                          mock->wait, n_bad == 0 ? "Correcto" : n_bad == ids->len ? "Incorrecto" : "ParcialmenteCorrecto");
  g_string_append_len (xml, lines->str, (gssize) lines->len);
  g_string_append (xml, "</tikR:RespuestaRegFactuSistemaFacturacion></env:Body></env:Envelope>");
  g_string_free (lines, TRUE);
  return g_string_free (xml, FALSE);
}

static char *
fault (const char *code,
       const char *text)
{
  return g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                          "<env:Envelope xmlns:env=\"" PACTA_VERIFACTU_NS_SOAP "\"><env:Body><env:Fault>"
                          "<faultcode>env:%s</faultcode><faultstring>%s</faultstring>"
                          "</env:Fault></env:Body></env:Envelope>", code, text);
}

typedef struct
{
  SoupServerMessage *message;
  char              *xml;
} Delayed;

static gboolean
on_delay_done_cb (gpointer data)
{
  Delayed *delayed = data;

  soup_server_message_set_status (delayed->message, 200, NULL);
  soup_server_message_set_response (delayed->message, "text/xml; charset=utf-8", SOUP_MEMORY_TAKE,
                                    delayed->xml, strlen (delayed->xml));
  soup_server_message_unpause (delayed->message);
  g_object_unref (delayed->message);
  g_free (delayed);
  return G_SOURCE_REMOVE;
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           data)
{
  MockAgency *mock = data;
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (message));
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) invalid = NULL;
  Answer answer;
  char *xml = NULL;
  guint status = 200;
  gsize size;
  const char *data_bytes = g_bytes_get_data (body, &size);

  g_mutex_lock (&mock->lock);
  g_ptr_array_add (mock->bodies, g_bytes_ref (body));
  answer = g_queue_is_empty (&mock->script) ? ANSWER_ACCEPT : GPOINTER_TO_INT (g_queue_pop_head (&mock->script));

  if (!pacta_verifactu_schema_validate (data_bytes, size, &invalid))
    {
      mock->n_invalid++;
      answer = ANSWER_FAULT_CLIENT;
    }
  else
    {
      xmlDocPtr doc = xmlReadMemory (data_bytes, (int) size, "request.xml", NULL, XML_PARSE_NONET);

      collect_ids (xmlDocGetRootElement (doc), ids);
      xmlFreeDoc (doc);
    }

  switch (answer)
    {
    case ANSWER_ACCEPT:
    case ANSWER_REJECT_FIRST:
      xml = answer_for (mock, ids, answer == ANSWER_REJECT_FIRST);
      break;
    case ANSWER_SLOW:
      {
        Delayed *delayed = g_new0 (Delayed, 1);
        GSource *source = g_timeout_source_new (1500);

        /* Taken, but answered after the client gave up waiting */
        delayed->xml = answer_for (mock, ids, FALSE);
        delayed->message = g_object_ref (message);
        soup_server_message_pause (message);
        g_source_set_callback (source, on_delay_done_cb, delayed, NULL);
        g_source_attach (source, mock->context);
        g_source_unref (source);
        g_mutex_unlock (&mock->lock);
        return;
      }
    case ANSWER_HOLD:
      /* The agency takes the records, then the client is killed */
      g_free (answer_for (mock, ids, FALSE));
      soup_server_message_pause (message);
      g_ptr_array_add (mock->holding, g_object_ref (message));
      g_cond_broadcast (&mock->ready);
      g_mutex_unlock (&mock->lock);
      return;
    case ANSWER_FAULT_CLIENT:
      status = 500;
      xml = fault ("Client", "Codigo[4102].El XML no cumple el esquema.");
      break;
    case ANSWER_FAULT_SERVER:
      status = 500;
      xml = fault ("Server", "Codigo[20009].Error interno en el servidor.");
      break;
    case ANSWER_UNAUTHORIZED:
      soup_server_message_set_status (message, 401, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC,
                                        "<html><body>401</body></html>", strlen ("<html><body>401</body></html>"));
      g_mutex_unlock (&mock->lock);
      return;
    case ANSWER_DROP:
    default:
      {
        GIOStream *stream = soup_server_message_steal_connection (message);

        g_io_stream_close (stream, NULL, NULL);
        g_object_unref (stream);
        g_mutex_unlock (&mock->lock);
        return;
      }
    }
  g_mutex_unlock (&mock->lock);
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "text/xml; charset=utf-8", SOUP_MEMORY_TAKE, xml, strlen (xml));
}

/* libsoup asks whether to take the company's certificate, whatever the TLS
 * library found: take it only if it chains to the mock's CA for a client */
static gboolean
on_accept_certificate_cb (SoupServerMessage    *message,
                          GTlsCertificate      *certificate,
                          GTlsCertificateFlags  errors,
                          gpointer              data)
{
  GTlsDatabase *trust = data;

  return errors == 0 &&
         g_tls_database_verify_chain (trust, certificate, G_TLS_DATABASE_PURPOSE_AUTHENTICATE_CLIENT,
                                      NULL, NULL, G_TLS_DATABASE_VERIFY_NONE, NULL, NULL) == 0;
}

static void
on_request_started_cb (SoupServer        *server,
                       SoupServerMessage *message,
                       gpointer           data)
{
  g_signal_connect (message, "accept-certificate", G_CALLBACK (on_accept_certificate_cb), data);
}

static gpointer
serve (gpointer data)
{
  MockAgency *mock = data;
  g_autofree char *server_pem = cert_path ("server.pem");
  g_autofree char *server_key = cert_path ("server.key");
  g_autofree char *ca = cert_path ("ca.pem");
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GTlsDatabase) trust = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (mock->context);
  certificate = g_tls_certificate_new_from_files (server_pem, server_key, &error);
  g_assert_no_error (error);
  trust = g_tls_file_database_new (ca, &error);
  g_assert_no_error (error);
  mock->server = soup_server_new ("tls-certificate", certificate, NULL);
  /* Like the agency: no certificate, no conversation */
  soup_server_set_tls_database (mock->server, trust);
  soup_server_set_tls_auth_mode (mock->server, G_TLS_AUTHENTICATION_REQUIRED);
  g_signal_connect (mock->server, "request-started", G_CALLBACK (on_request_started_cb), trust);
  soup_server_add_handler (mock->server, "/wlpl/TIKE-CONT/ws/SistemaFacturacion/VerifactuSOAP", on_request_cb, mock, NULL);
  soup_server_listen_local (mock->server, 0, SOUP_SERVER_LISTEN_HTTPS | SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (mock->server);
  g_mutex_lock (&mock->lock);
  mock->url = g_strdup_printf ("https://127.0.0.1:%d/wlpl/TIKE-CONT/ws/SistemaFacturacion/VerifactuSOAP",
                               g_uri_get_port (uris->data));
  g_cond_signal (&mock->ready);
  g_mutex_unlock (&mock->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (mock->loop);
  soup_server_disconnect (mock->server);
  g_clear_object (&mock->server);
  g_main_context_pop_thread_default (mock->context);
  return NULL;
}

static MockAgency *
mock_start (void)
{
  MockAgency *mock = g_new0 (MockAgency, 1);

  g_mutex_init (&mock->lock);
  g_cond_init (&mock->ready);
  g_queue_init (&mock->script);
  mock->wait = 60;
  mock->bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  mock->held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  mock->holding = g_ptr_array_new_with_free_func (g_object_unref);
  mock->context = g_main_context_new ();
  mock->loop = g_main_loop_new (mock->context, FALSE);
  g_mutex_lock (&mock->lock);
  mock->thread = g_thread_new ("mock-agency", serve, mock);
  while (mock->url == NULL)
    g_cond_wait (&mock->ready, &mock->lock);
  g_mutex_unlock (&mock->lock);
  return mock;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
mock_stop (MockAgency *mock)
{
  g_main_context_invoke (mock->context, quit_loop, mock->loop);
  g_thread_join (mock->thread);
  g_ptr_array_unref (mock->holding);
  g_main_loop_unref (mock->loop);
  g_main_context_unref (mock->context);
  g_ptr_array_unref (mock->bodies);
  g_hash_table_unref (mock->held);
  g_queue_clear (&mock->script);
  g_free (mock->url);
  g_mutex_clear (&mock->lock);
  g_cond_clear (&mock->ready);
  g_free (mock);
}

static void
mock_script (MockAgency *mock,
             Answer      answer)
{
  g_mutex_lock (&mock->lock);
  g_queue_push_tail (&mock->script, GINT_TO_POINTER (answer));
  g_mutex_unlock (&mock->lock);
}

static guint
mock_n_requests (MockAgency *mock)
{
  guint n;

  g_mutex_lock (&mock->lock);
  n = mock->bodies->len;
  g_mutex_unlock (&mock->lock);
  return n;
}

/* Until a request is held, or 30 s have passed */
static gboolean
mock_wait_holding (MockAgency *mock)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;
  gboolean held;

  g_mutex_lock (&mock->lock);
  while (mock->holding->len == 0 && g_cond_wait_until (&mock->ready, &mock->lock, deadline))
    ;
  held = mock->holding->len > 0;
  g_mutex_unlock (&mock->lock);
  return held;
}

static GBytes *
mock_body (MockAgency *mock,
           guint       index)
{
  GBytes *body;

  g_mutex_lock (&mock->lock);
  body = g_bytes_ref (g_ptr_array_index (mock->bodies, index));
  g_mutex_unlock (&mock->lock);
  return body;
}

/* ---- fixture ----------------------------------------------------------------- */

typedef struct
{
  char                     *dir;
  PactaContext             *context;
  PactaDatabase            *db;
  MockAgency               *mock;
  PactaVerifactuConnection  connection;
  PactaVerifactuSendReport  report;
} Fixture;

static void
bill (Fixture    *f,
      const char *month)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = pacta_billing_commit (f->db, month, PACTA_BILLING_FLAGS_NONE, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (numbers), >, 0);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *p12 = cert_path ("client.p12");
  g_autofree char *ca = cert_path ("ca.pem");
  g_autoptr(GError) error = NULL;

  /* Records made at 09:30 and sent a minute later: on time */
  pacta_test_set_clock ("Europe/Madrid", "2026-12-01T09:30:00+01:00");
  f->dir = pacta_test_make_dir ();
  f->context = pacta_test_open_billable (f->dir);
  f->db = pacta_context_get_database (f->context);
  pacta_test_save_spanish_msp (f->db, "ESB46000006");
  bill (f, "2026-11");
  pacta_test_set_clock ("Europe/Madrid", "2026-12-01T09:31:00+01:00");

  f->mock = mock_start ();
  f->connection.endpoint = g_strdup (f->mock->url);
  f->connection.certificate = g_tls_certificate_new_from_file_with_password (p12, "secreto", &error);
  g_assert_no_error (error);
  f->connection.trust = g_tls_file_database_new (ca, &error);
  g_assert_no_error (error);
  f->connection.timeout = 30;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pacta_verifactu_send_report_clear (&f->report);
  g_free (f->connection.endpoint);
  g_clear_object (&f->connection.certificate);
  g_clear_object (&f->connection.trust);
  mock_stop (f->mock);
  g_assert_finalize_object (f->context);
  pacta_test_remove_tree (f->dir);
  g_free (f->dir);
  pacta_test_clock_reset ();
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  return pacta_database_count (f->db, sql, NULL);
}

static gboolean
send (Fixture  *f,
      GError  **error)
{
  pacta_verifactu_send_report_clear (&f->report);
  return pacta_verifactu_send_pending (f->db, &f->connection, &f->report, NULL, error);
}

/* ---- tests ------------------------------------------------------------------- */

static void
test_all_accepted (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  g_assert_cmpint (pacta_verifactu_count_pending (f->db, NULL), ==, 1);
  g_assert_true (send (f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->report.n_submissions, ==, 1);
  g_assert_cmpuint (f->report.n_accepted, ==, 1);
  g_assert_cmpuint (f->report.n_rejected, ==, 0);
  g_assert_cmpint (pacta_verifactu_count_pending (f->db, NULL), ==, 0);
  /* The receipt, never given again, is kept; on time: no Incidencia */
  g_assert_cmpint (count (f, "SELECT count(*) FROM verifactu_submissions WHERE csv = 'A-MOCK0001'"
                             " AND outcome = 'answered' AND http_status = 200 AND state = 'Correcto'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM verifactu_results WHERE accepted = 1 AND state = 'Correcto'"), ==, 1);
  body = mock_body (f->mock, 0);
  g_assert_null (strstr (g_bytes_get_data (body, NULL), "Incidencia"));
  g_assert_cmpuint (f->mock->n_invalid, ==, 0);

  /* Nothing left: nothing posted */
  g_assert_true (send (f, &error));
  g_assert_cmpuint (mock_n_requests (f->mock), ==, 1);
  /* Submissions are written once, and their reply once */
  g_assert_false (pacta_database_exec (f->db, "UPDATE verifactu_submissions SET csv = 'X'", NULL));
  g_assert_false (pacta_database_exec (f->db, "DELETE FROM verifactu_submissions", NULL));
  g_assert_false (pacta_database_exec (f->db, "DELETE FROM verifactu_results", NULL));
}

/* The agency's wait, with the clock set: 60 s, then 5 as a reply asks,
 * kept in the database; a full submission does not wait */
static void
test_flow_control (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;

  g_assert_true (send (f, &error));
  g_assert_cmpint (pacta_verifactu_get_wait (f->db), ==, 60);

  /* December's invoices, 30 s later: they wait until 60 s have passed */
  pacta_test_set_clock ("Europe/Madrid", "2026-12-01T09:31:30+01:00");
  bill (f, "2026-12");
  g_assert_true (send (f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mock_n_requests (f->mock), ==, 1);
  g_assert_cmpint (f->report.n_pending, ==, 1);
  g_assert_nonnull (f->report.next_send);
  next = g_date_time_format (f->report.next_send, "%H:%M:%S");
  g_assert_cmpstr (next, ==, "09:32:00");

  /* A minute on, they go; this reply asks for 5 s */
  f->mock->wait = 5;
  pacta_test_set_clock ("Europe/Madrid", "2026-12-01T09:32:00+01:00");
  g_assert_true (send (f, &error));
  g_assert_cmpuint (mock_n_requests (f->mock), ==, 2);
  g_assert_cmpuint (f->report.n_accepted, ==, 1);
  g_assert_cmpint (pacta_verifactu_get_wait (f->db), ==, 5);
  g_assert_null (f->report.next_send);
}

static void
test_rejected_not_resent (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  mock_script (f->mock, ANSWER_REJECT_FIRST);
  g_assert_true (send (f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->report.n_rejected, ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM verifactu_results WHERE accepted = 0 AND code = 1244"
                             " AND message LIKE 'El NIF%'"), ==, 1);
  /* Not accepted, and never sent again as it is: it has its answer, so
   * it is no longer pending (a correction puts it right) */
  g_assert_cmpint (pacta_verifactu_count_pending (f->db, NULL), ==, 0);
  g_assert_cmpint (pacta_verifactu_count_rejected (f->db, NULL), ==, 1);
  pacta_test_set_clock ("Europe/Madrid", "2026-12-01T10:31:00+01:00");
  g_assert_true (send (f, &error));
  g_assert_cmpuint (mock_n_requests (f->mock), ==, 1);
}

/* A Client fault: this request would be refused again */
static void
test_client_fault (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  mock_script (f->mock, ANSWER_FAULT_CLIENT);
  g_assert_true (send (f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->report.n_rejected, ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM verifactu_results WHERE state = 'Rechazado' AND code = 4102"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM verifactu_submissions WHERE outcome = 'refused'"), ==, 1);
  pacta_test_set_clock ("Europe/Madrid", "2026-12-01T10:31:00+01:00");
  g_assert_true (send (f, &error));
  g_assert_cmpuint (mock_n_requests (f->mock), ==, 1);
}

/* The agency's trouble: nothing changes but the time of the next try */
static void
test_server_fault_then_accepted (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  mock_script (f->mock, ANSWER_FAULT_SERVER);
  g_assert_false (send (f, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_REMOTE);
  g_assert_nonnull (strstr (error->message, "20009"));
  g_clear_error (&error);
  g_assert_cmpint (pacta_verifactu_count_pending (f->db, NULL), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM verifactu_results"), ==, 0);

  /* Not before the wait */
  g_assert_true (send (f, &error));
  g_assert_cmpuint (mock_n_requests (f->mock), ==, 1);
  pacta_test_set_clock ("Europe/Madrid", "2026-12-01T09:32:00+01:00");
  g_assert_true (send (f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->report.n_accepted, ==, 1);
  g_assert_cmpint (pacta_verifactu_count_pending (f->db, NULL), ==, 0);
}

static void
test_certificate_refused (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  mock_script (f->mock, ANSWER_UNAUTHORIZED);
  g_assert_false (send (f, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "certificate"));
  g_assert_cmpint (pacta_verifactu_count_pending (f->db, NULL), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM verifactu_submissions WHERE outcome = 'unauthorized'"
                             " AND http_status = 401"), ==, 1);
}

/* Without the company's certificate the agency does not talk at all */
static void
test_no_client_certificate (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->connection.certificate);
  g_assert_false (send (f, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_NETWORK);
  g_assert_cmpuint (mock_n_requests (f->mock), ==, 0);
  /* The submission waits, its bytes kept, for a reply */
  g_assert_cmpint (count (f, "SELECT count(*) FROM verifactu_submissions WHERE replied_at IS NULL"), ==, 1);
}

/* Cut without a reply, or answered too late: the same bytes again, and the
 * agency's duplicate (3000, Correcta) of what it took counts as accepted */
static void
check_resent_same_bytes (Fixture *f,
                         Answer   first)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  mock_script (f->mock, first);
  g_assert_false (send (f, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_NETWORK);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM verifactu_submissions WHERE replied_at IS NULL"), ==, 1);
  g_assert_cmpint (pacta_verifactu_count_pending (f->db, NULL), ==, 1);

  /* Later, with the clock moved on: the records are late now, but the
   * same bytes go, not a new request */
  pacta_test_set_clock ("Europe/Madrid", "2026-12-01T10:31:00+01:00");
  g_assert_true (send (f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mock_n_requests (f->mock), ==, 2);
  before = mock_body (f->mock, 0);
  after = mock_body (f->mock, 1);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpuint (f->report.n_accepted, ==, 1);
  g_assert_cmpint (pacta_verifactu_count_pending (f->db, NULL), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM verifactu_submissions"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM invoice_records_sent"), ==, 1);
}

static void
test_dropped_connection (Fixture       *f,
                         gconstpointer  data)
{
  check_resent_same_bytes (f, ANSWER_DROP);
  /* The agency got the first request but never answered it: no duplicate */
  g_assert_cmpint (count (f, "SELECT count(*) FROM verifactu_results WHERE code = 3000"), ==, 0);
}

static void
test_slow_reply (Fixture       *f,
                 gconstpointer  data)
{
  f->connection.timeout = 1;
  check_resent_same_bytes (f, ANSWER_SLOW);
  /* It had taken the first: the second is its duplicate, accepted */
  g_assert_cmpint (count (f, "SELECT count(*) FROM verifactu_results WHERE code = 3000 AND accepted = 1"), ==, 1);
}

/* Sent more than 240 s after they were made: Incidencia=S, and still valid */
static void
test_late_records_marked (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  pacta_test_set_clock ("Europe/Madrid", "2026-12-01T09:34:01+01:00");
  g_assert_true (send (f, &error));
  g_assert_no_error (error);
  body = mock_body (f->mock, 0);
  g_assert_nonnull (strstr (g_bytes_get_data (body, NULL), "<sum1:Incidencia>S</sum1:Incidencia>"));
  g_assert_cmpuint (f->mock->n_invalid, ==, 0);
  g_assert_cmpuint (f->report.n_accepted, ==, 1);
}

/* The certificate set up once (pacta-verifactu-certificate.h), its
 * password from the keyring: the window's and --send-records' way */
static void
test_installed_certificate (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(PactaVerifactuCertificate) installed = NULL;
  g_autoptr(PactaVerifactuConnection) connection = NULL;
  g_autoptr(GError) keyring_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *p12 = cert_path ("client.p12");
  g_autofree char *ca = cert_path ("ca.pem");

  installed = pacta_verifactu_certificate_install_sync (f->db, p12, "secreto", &keyring_error, NULL, &error);
  g_assert_no_error (error);
  g_assert_no_error (keyring_error);
  g_assert_cmpstr (installed->nif, ==, "B46000006");

  g_setenv ("PACTA_VERIFACTU_ENDPOINT", f->mock->url, TRUE);
  g_setenv ("PACTA_VERIFACTU_CA", ca, TRUE);
  connection = pacta_verifactu_certificate_connect_sync (f->db, NULL, NULL, &error);
  g_unsetenv ("PACTA_VERIFACTU_ENDPOINT");
  g_unsetenv ("PACTA_VERIFACTU_CA");
  g_assert_no_error (error);
  connection->timeout = 30;

  g_assert_true (pacta_verifactu_send_pending (f->db, connection, &f->report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->report.n_accepted, ==, 1);
  g_assert_cmpuint (f->mock->n_invalid, ==, 0);
  g_assert_true (pacta_verifactu_certificate_remove_sync (f->db, NULL, &error));
  g_assert_no_error (error);
}


/* ---- the service: sending by itself while the app runs ------------------------ */

/* A network that comes and goes when the test says so */
#define TEST_TYPE_NETWORK (test_network_get_type ())
G_DECLARE_FINAL_TYPE (TestNetwork, test_network, TEST, NETWORK, GObject)

struct _TestNetwork
{
  GObject  parent_instance;
  gboolean available;
};

enum { NET_PROP_0, NET_PROP_AVAILABLE, NET_PROP_METERED, NET_PROP_CONNECTIVITY };

static void test_network_iface_init (GNetworkMonitorInterface *iface) { }

static gboolean
test_network_initable_init (GInitable     *initable,
                            GCancellable  *cancellable,
                            GError       **error)
{
  return TRUE;
}

static void
test_network_initable_iface_init (GInitableIface *iface)
{
  iface->init = test_network_initable_init;
}

G_DEFINE_TYPE_WITH_CODE (TestNetwork, test_network, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, test_network_initable_iface_init)
                         G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, test_network_iface_init))

static void
test_network_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TestNetwork *self = TEST_NETWORK (object);

  if (prop_id == NET_PROP_AVAILABLE)
    g_value_set_boolean (value, self->available);
  else if (prop_id == NET_PROP_METERED)
    g_value_set_boolean (value, FALSE);
  else
    g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL : G_NETWORK_CONNECTIVITY_LOCAL);
}

static void
test_network_class_init (TestNetworkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_network_get_property;
  g_object_class_override_property (object_class, NET_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, NET_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, NET_PROP_CONNECTIVITY, "connectivity");
}

static void
test_network_init (TestNetwork *self)
{
  self->available = TRUE;
}

static void
test_network_set (TestNetwork *self,
                  gboolean     available)
{
  self->available = available;
  g_signal_emit_by_name (self, "network-changed", available);
}

static gboolean
tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until the service is in @state (its work is done on
 * a thread, and told to the main loop); fails after a minute */
static void
wait_for_state (PactaVerifactuService *service,
                PactaSendingState      state)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;
  guint ticker = g_timeout_add (50, tick, NULL);

  while (pacta_verifactu_service_get_state (service) != state)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (ticker);
}

static void
install (Fixture *f)
{
  g_autoptr(PactaVerifactuCertificate) installed = NULL;
  g_autoptr(GError) keyring_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *p12 = cert_path ("client.p12");
  g_autofree char *ca = cert_path ("ca.pem");

  installed = pacta_verifactu_certificate_install_sync (f->db, p12, "secreto", &keyring_error, NULL, &error);
  g_assert_no_error (error);
  g_assert_no_error (keyring_error);
  g_setenv ("PACTA_VERIFACTU_ENDPOINT", f->mock->url, TRUE);
  g_setenv ("PACTA_VERIFACTU_CA", ca, TRUE);
}

static void
uninstall (Fixture *f)
{
  g_unsetenv ("PACTA_VERIFACTU_ENDPOINT");
  g_unsetenv ("PACTA_VERIFACTU_CA");
  g_assert_true (pacta_verifactu_certificate_remove_sync (f->db, NULL, NULL));
}

/* A billing run's records go out by themselves; the next ones wait as the
 * agency asked, by the app's clock, then go too */
static void
test_service_sends_by_itself (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(TestNetwork) network = g_object_new (TEST_TYPE_NETWORK, NULL);
  g_autoptr(PactaVerifactuService) service = NULL;
  g_autofree char *text = NULL;
  g_autofree char *next = NULL;
  g_autofree char *reply = NULL;

  install (f);
  service = pacta_verifactu_service_new (f->context, G_NETWORK_MONITOR (network));
  wait_for_state (service, PACTA_SENDING_IDLE);
  g_assert_cmpuint (mock_n_requests (f->mock), ==, 1);
  g_assert_cmpint (pacta_verifactu_count_accepted (f->db, NULL), ==, 1);
  g_assert_null (pacta_verifactu_service_describe (service));
  reply = pacta_verifactu_last_reply_describe (f->db);
  g_assert_nonnull (strstr (reply, "1 accepted, 0 rejected, receipt A-MOCK0001"));

  /* December's invoices, 30 s later: the agency asked for 60 */
  pacta_test_set_clock ("Europe/Madrid", "2026-12-01T09:31:30+01:00");
  bill (f, "2026-12");
  g_assert_true (pacta_context_sync (f->context, NULL));
  wait_for_state (service, PACTA_SENDING_WAITING);
  g_assert_cmpuint (mock_n_requests (f->mock), ==, 1);
  next = g_date_time_format (pacta_verifactu_service_get_next_attempt (service), "%H:%M:%S");
  g_assert_cmpstr (next, ==, "09:32:00");
  text = pacta_verifactu_service_describe (service);
  g_assert_cmpstr (text, ==, "1 invoice record goes to the tax agency in 30 s, as it asked");

  /* Its timer is due: it sends */
  pacta_test_set_clock ("Europe/Madrid", "2026-12-01T09:32:00+01:00");
  pacta_verifactu_service_refresh (service);
  wait_for_state (service, PACTA_SENDING_IDLE);
  g_assert_cmpuint (mock_n_requests (f->mock), ==, 2);
  g_assert_cmpint (pacta_verifactu_count_accepted (f->db, NULL), ==, 2);
  g_assert_cmpuint (f->mock->n_invalid, ==, 0);
  g_clear_object (&service);
  uninstall (f);
}

/* No network: it waits quietly, and resumes by itself when it is back */
static void
test_service_offline (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TestNetwork) network = g_object_new (TEST_TYPE_NETWORK, NULL);
  g_autoptr(PactaVerifactuService) service = NULL;
  g_autofree char *text = NULL;
  g_autofree char *next = NULL;

  install (f);
  network->available = FALSE;
  service = pacta_verifactu_service_new (f->context, G_NETWORK_MONITOR (network));
  g_assert_cmpint (pacta_verifactu_service_get_state (service), ==, PACTA_SENDING_OFFLINE);
  text = pacta_verifactu_service_describe (service);
  g_assert_cmpstr (text, ==, "1 invoice record waits for the network to go to the tax agency");
  /* At least hourly, whatever the network monitor says */
  next = g_date_time_format (pacta_verifactu_service_get_next_attempt (service), "%H:%M:%S");
  g_assert_cmpstr (next, ==, "10:31:00");
  g_assert_cmpuint (mock_n_requests (f->mock), ==, 0);

  test_network_set (network, TRUE);
  wait_for_state (service, PACTA_SENDING_IDLE);
  g_assert_cmpuint (mock_n_requests (f->mock), ==, 1);
  g_assert_cmpint (pacta_verifactu_count_accepted (f->db, NULL), ==, 1);
  g_clear_object (&service);
  uninstall (f);
}

/* A failure: tried again a minute later, then two, at most an hour; Send
 * Now tries at once */
static void
test_service_failure (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TestNetwork) network = g_object_new (TEST_TYPE_NETWORK, NULL);
  g_autoptr(PactaVerifactuService) service = NULL;
  g_autofree char *next = NULL;
  g_autofree char *text = NULL;

  install (f);
  mock_script (f->mock, ANSWER_DROP);
  mock_script (f->mock, ANSWER_DROP);
  service = pacta_verifactu_service_new (f->context, G_NETWORK_MONITOR (network));
  wait_for_state (service, PACTA_SENDING_FAILED);
  g_assert_cmpuint (mock_n_requests (f->mock), ==, 1);
  g_assert_nonnull (pacta_verifactu_service_get_last_error (service));
  next = g_date_time_format (pacta_verifactu_service_get_next_attempt (service), "%H:%M:%S");
  g_assert_cmpstr (next, ==, "09:32:00");
  text = pacta_verifactu_service_describe (service);
  g_assert_true (g_str_has_prefix (text, "1 invoice record not sent to the tax agency yet ("));
  g_assert_true (g_str_has_suffix (text, "next try at 09:32"));
  g_clear_pointer (&next, g_free);

  /* Its time comes: it fails again, and waits twice as long */
  pacta_test_set_clock ("Europe/Madrid", "2026-12-01T09:32:00+01:00");
  pacta_verifactu_service_refresh (service);
  wait_for_state (service, PACTA_SENDING_SENDING);
  wait_for_state (service, PACTA_SENDING_FAILED);
  g_assert_cmpuint (mock_n_requests (f->mock), ==, 2);
  next = g_date_time_format (pacta_verifactu_service_get_next_attempt (service), "%H:%M:%S");
  g_assert_cmpstr (next, ==, "09:34:00");

  /* Send Now does not wait for it; the same bytes go again, accepted once */
  pacta_verifactu_service_send_now (service);
  wait_for_state (service, PACTA_SENDING_IDLE);
  g_assert_cmpuint (mock_n_requests (f->mock), ==, 3);
  {
    g_autoptr(GBytes) first = mock_body (f->mock, 0);
    g_autoptr(GBytes) last = mock_body (f->mock, 2);

    g_assert_true (g_bytes_equal (first, last));
  }
  g_assert_cmpint (count (f, "SELECT count(*) FROM verifactu_submissions"), ==, 1);
  g_assert_cmpint (pacta_verifactu_count_accepted (f->db, NULL), ==, 1);
  g_clear_object (&service);
  uninstall (f);
}

/* Nothing set up: the records wait, and the banner says why */
static void
test_service_not_set_up (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(TestNetwork) network = g_object_new (TEST_TYPE_NETWORK, NULL);
  g_autoptr(PactaVerifactuService) service = pacta_verifactu_service_new (f->context, G_NETWORK_MONITOR (network));
  g_autofree char *text = pacta_verifactu_service_describe (service);

  g_assert_cmpint (pacta_verifactu_service_get_state (service), ==, PACTA_SENDING_NOT_SET_UP);
  g_assert_null (pacta_verifactu_service_get_next_attempt (service));
  g_assert_cmpstr (text, ==, "1 invoice record has not been sent to the tax agency: sending is not set up yet");
  g_assert_cmpuint (mock_n_requests (f->mock), ==, 0);
}

/* Done when: a rejected record is put right by a new record once the user
 * fixed the customer, and that one is accepted — the first never resent */
static void
test_service_correction (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(TestNetwork) network = g_object_new (TEST_TYPE_NETWORK, NULL);
  g_autoptr(PactaVerifactuService) service = NULL;
  g_autoptr(PactaBillingInfo) info = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 invoice = count (f, "SELECT invoice_id FROM invoice_records ORDER BY id LIMIT 1");
  gint64 customer = count (f, "SELECT customer_id FROM invoices ORDER BY id LIMIT 1");

  install (f);
  mock_script (f->mock, ANSWER_REJECT_FIRST);
  service = pacta_verifactu_service_new (f->context, G_NETWORK_MONITOR (network));
  wait_for_state (service, PACTA_SENDING_IDLE);
  g_assert_cmpint (pacta_verifactu_service_get_n_rejected (service), ==, 1);
  text = pacta_verifactu_service_describe (service);
  g_assert_cmpstr (text, ==, "Rejected by the tax agency: 1 to fix");

  /* The customer's NIF fixed, the correction made: it goes by itself */
  info = pacta_billing_info_load (f->db, customer, NULL);
  g_object_set (info, "vat-number", "ESA58818501", NULL);
  g_assert_true (pacta_context_save_billing_info (f->context, info, &error));
  g_assert_no_error (error);
  pacta_test_set_clock ("Europe/Madrid", "2026-12-01T09:33:00+01:00");
  g_assert_true (pacta_verifactu_record_correction (f->db, invoice, &error));
  g_assert_no_error (error);
  g_assert_true (pacta_context_sync (f->context, NULL));
  wait_for_state (service, PACTA_SENDING_SENDING);
  wait_for_state (service, PACTA_SENDING_IDLE);
  g_assert_cmpuint (mock_n_requests (f->mock), ==, 2);
  g_assert_cmpint (pacta_verifactu_service_get_n_rejected (service), ==, 0);
  g_assert_cmpint (pacta_verifactu_count_rejected (f->db, NULL), ==, 0);
  body = mock_body (f->mock, 1);
  g_assert_nonnull (strstr (g_bytes_get_data (body, NULL), "Subsanacion>S<"));
  g_assert_nonnull (strstr (g_bytes_get_data (body, NULL), "RechazoPrevio>X<"));
  g_assert_cmpuint (f->mock->n_invalid, ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM verifactu_results WHERE accepted = 1"), ==, 1);
  g_clear_object (&service);
  uninstall (f);
}

/* ---- the command line, and kill -9 ------------------------------------------ */

static GSubprocess *
spawn_pacta (Fixture    *f,
             const char *password,
             GError    **error,
             const char *first,
             ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *ca = cert_path ("ca.pem");
  g_autofree char *p12 = cert_path ("client.p12");
  g_autofree char *password_file = g_build_filename (f->dir, "password", NULL);
  g_autoptr(GDateTime) now = pacta_now ();
  g_autofree char *now_text = g_date_time_format_iso8601 (now);
  va_list args;

  g_assert_true (g_file_set_contents_full (password_file, password, -1, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
  g_subprocess_launcher_setenv (launcher, "PACTA_VERIFACTU_ENDPOINT", f->mock->url, TRUE);
  g_subprocess_launcher_setenv (launcher, "PACTA_VERIFACTU_CA", ca, TRUE);
  /* The child's clock is this test's; its folders too (GLib isolates
   * them in this process only), where the certificate is installed */
  g_subprocess_launcher_setenv (launcher, "PACTA_NOW", now_text, TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  g_ptr_array_add (argv, (char *) g_getenv ("PACTA_BIN"));
  g_ptr_array_add (argv, (char *) "--database");
  g_ptr_array_add (argv, (char *) pacta_database_get_path (f->db));
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) (g_str_equal (a, "P12") ? p12 : g_str_equal (a, "PASSWORD") ? password_file : a));
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, error);
}

static int
run_pacta (Fixture     *f,
           char       **out,
           char       **err,
           const char  *password,
           const char  *first,
           ...)
{
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  const char *args[8] = { NULL, };
  guint n = 0;
  va_list list;

  va_start (list, first);
  for (const char *a = first; a != NULL && n < G_N_ELEMENTS (args) - 1; a = va_arg (list, const char *))
    args[n++] = a;
  va_end (list);
  child = spawn_pacta (f, password, &error, args[0], args[1], args[2], args[3], args[4], args[5], args[6], NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (child, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (child);
}

static void
test_command_line (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* Nothing is sent before a certificate is set up, nor with a wrong password */
  g_assert_cmpint (run_pacta (f, &out, &err, "secreto", "--send-records", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--verifactu-certificate"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_pacta (f, &out, &err, "wrong", "--send-records", "--verifactu-certificate", "P12",
                              "--password-file", "PASSWORD", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "The password is not the one of the certificate"));
  g_assert_cmpuint (mock_n_requests (f->mock), ==, 0);

  /* Set up and sent in one call: sent, accepted, and said so */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_pacta (f, &out, &err, "secreto\n", "--send-records", "--verifactu-certificate", "P12",
                              "--password-file", "PASSWORD", "--summary", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "INV-2026-0001: accepted, receipt A-MOCK0001\n"));
  g_assert_nonnull (strstr (out, "\"records_pending\" : 0"));
  g_assert_nonnull (strstr (out, "\"records_accepted\" : 1"));
  g_assert_nonnull (strstr (out, "\"records_rejected\" : 0"));

  g_assert_nonnull (strstr (out, "Holder: SISTEMAS LEVANTE SL\n"));
  g_assert_nonnull (strstr (out, "NIF: B46000006\n"));

  /* A rejected record: said, counted, exit status 1. Sent with the
   * certificate set up, its password from the keyring */
  pacta_test_set_clock ("Europe/Madrid", "2026-12-01T09:40:00+01:00");
  bill (f, "2026-12");
  mock_script (f->mock, ANSWER_REJECT_FIRST);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_pacta (f, &out, &err, "wrong", "--send-records", "--summary", NULL), ==, 1);
  g_assert_nonnull (strstr (out, "INV-2027-0001: rejected, 1244: El NIF del destinatario"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_pacta (f, &out, &err, "secreto", "--summary", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"records_rejected\" : 1"));
  g_assert_nonnull (strstr (out, "\"records_accepted\" : 1"));

  /* Corrected from the command line: refused while nothing is fixed, then
   * made and sent once the customer's NIF is right */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_pacta (f, &out, &err, "secreto", "--correct-record", "INV-2027-0001", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Fix the cause first"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_pacta (f, &out, &err, "secreto", "--correct-record", "INV-9999", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "No invoice has the number “INV-9999”"));
  {
    gint64 customer = count (f, "SELECT customer_id FROM invoices WHERE number = 'INV-2027-0001'");
    g_autoptr(PactaBillingInfo) info = pacta_billing_info_load (f->db, customer, NULL);
    g_autoptr(GError) error = NULL;

    g_object_set (info, "vat-number", "ESA58818501", NULL);
    g_assert_true (pacta_context_save_billing_info (f->context, info, &error));
    g_assert_no_error (error);
  }
  pacta_test_set_clock ("Europe/Madrid", "2026-12-01T09:45:00+01:00");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_pacta (f, &out, &err, "secreto", "--correct-record", "INV-2027-0001", "--send-records",
                              "--summary", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Correcting record of INV-2027-0001 made"));
  g_assert_nonnull (strstr (out, "INV-2027-0001: accepted, receipt"));
  g_assert_nonnull (strstr (out, "\"records_rejected\" : 0"));
  g_assert_cmpuint (f->mock->n_invalid, ==, 0);

  /* The environment, set without the window */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_pacta (f, &out, &err, "secreto", "--verifactu-environment", "staging", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "production or test"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_pacta (f, &out, &err, "secreto", "--verifactu-environment", "test", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "test environment"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM settings WHERE key = 'verifactu-environment' AND value = 'test'"), ==, 1);
}

/* kill -9 while the agency holds the request: the submission was written
 * before the post, so the next run posts the same bytes, and the agency's
 * duplicate of what it took counts once */
static void
test_killed_while_waiting (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  mock_script (f->mock, ANSWER_HOLD);
  child = spawn_pacta (f, "secreto", &error, "--send-records", "--verifactu-certificate", "P12",
                       "--password-file", "PASSWORD", NULL);
  g_assert_no_error (error);
  g_assert_true (mock_wait_holding (f->mock));
  g_subprocess_force_exit (child);
  g_assert_true (g_subprocess_wait (child, NULL, &error));
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

  g_assert_cmpint (count (f, "SELECT count(*) FROM verifactu_submissions WHERE replied_at IS NULL"), ==, 1);
  g_assert_cmpint (pacta_verifactu_count_pending (f->db, NULL), ==, 1);

  /* The first run set the certificate up: its password is in the keyring */
  g_assert_cmpint (run_pacta (f, &out, &err, "wrong", "--send-records", "--verify-records", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "INV-2026-0001: accepted"));
  first = mock_body (f->mock, 0);
  again = mock_body (f->mock, 1);
  g_assert_true (g_bytes_equal (first, again));
  g_assert_cmpint (count (f, "SELECT count(*) FROM verifactu_submissions"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM verifactu_results WHERE code = 3000 AND accepted = 1"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM invoice_records_sent"), ==, 1);
  g_assert_cmpint (pacta_verifactu_count_pending (f->db, NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* No proxy for 127.0.0.1; and the desktop's proxy settings are not
   * readable once the test's directories are isolated */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  make_certificates ();

#define ADD(path, func) \
  g_test_add ("/pacta/verifactu-sender/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("all-accepted", test_all_accepted);
  ADD ("flow-control", test_flow_control);
  ADD ("rejected-not-resent", test_rejected_not_resent);
  ADD ("client-fault", test_client_fault);
  ADD ("server-fault-then-accepted", test_server_fault_then_accepted);
  ADD ("certificate-refused", test_certificate_refused);
  ADD ("no-client-certificate", test_no_client_certificate);
  ADD ("dropped-connection", test_dropped_connection);
  ADD ("slow-reply", test_slow_reply);
  ADD ("late-records-marked", test_late_records_marked);
  ADD ("installed-certificate", test_installed_certificate);
  ADD ("command-line", test_command_line);
  ADD ("killed-while-waiting", test_killed_while_waiting);
  ADD ("service-sends-by-itself", test_service_sends_by_itself);
  ADD ("service-offline", test_service_offline);
  ADD ("service-failure", test_service_failure);
  ADD ("service-not-set-up", test_service_not_set_up);
  ADD ("service-correction", test_service_correction);
#undef ADD

  status = g_test_run ();
  pacta_test_remove_tree (cert_dir);
  g_free (cert_dir);
  return status;
}
