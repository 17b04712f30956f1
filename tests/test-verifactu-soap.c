/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-verifactu-soap.c: the web service's messages — a billing run's records
 * as a request that the agency's schemas accept (and a broken one that they
 * refuse), and every kind of reply the service gives, read by namespace */
#include <string.h>

#include "pacta-billing-run.h"
#include "pacta-error.h"
#include "pacta-msp.h"
#include "pacta-test-util.h"
#include "pacta-verifactu-soap.h"
#include "pacta-verifactu-xml.h"

typedef struct
{
  char         *dir;
  PactaContext *context;
  char         *request;   /* a SOAP request carrying the run's records */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = NULL;
  g_autofree char *body = NULL;
  PactaDatabase *db;
  guint n = 0;

  f->dir = pacta_test_make_dir ();
  f->context = pacta_test_open_billable (f->dir);
  db = pacta_context_get_database (f->context);
  pacta_test_save_spanish_msp (db, "ESB46000006");
  numbers = pacta_billing_commit (db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (numbers), ==, 1);

  body = pacta_verifactu_xml_batch (db, NULL, 0, 1000, NULL, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  f->request = pacta_verifactu_soap_envelope (body);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->context);
  pacta_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->request);
}

static void
test_request_validates (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_str_has_prefix (f->request, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<soapenv:Envelope"));
  /* One declaration only: the document's own went */
  g_assert_null (strstr (f->request + 5, "<?xml"));
  g_assert_nonnull (strstr (f->request, "RegFactuSistemaFacturacion"));
  g_assert_true (pacta_verifactu_schema_validate (f->request, strlen (f->request), &error));
  g_assert_no_error (error);
}

/* What the schemas catch inside the body, not only in the envelope */
static void
test_broken_request_refused (Fixture       *f,
                             gconstpointer  data)
{
  const char *huella = strstr (f->request, "Huella>");
  g_autoptr(GString) broken = g_string_new (f->request);
  g_autoptr(GString) no_body = g_string_new (f->request);
  g_autoptr(GError) error = NULL;
  const char *body_start;

  /* The fingerprint is 64 hexadecimal characters; one more is refused */
  g_assert_nonnull (huella);
  g_string_insert (broken, huella - f->request + strlen ("Huella>"), "0");
  g_assert_false (pacta_verifactu_schema_validate (broken->str, broken->len, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE);
  g_assert_nonnull (strstr (error->message, "Huella"));
  g_clear_error (&error);

  /* An element the agency does not know, in the agency's namespace */
  body_start = strstr (f->request, "<sum:Cabecera>");
  g_assert_nonnull (body_start);
  g_string_insert (no_body, body_start - f->request, "<sum:Extra>1</sum:Extra>");
  g_assert_false (pacta_verifactu_schema_validate (no_body->str, no_body->len, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE);
  g_clear_error (&error);

  /* Not XML at all, or cut short */
  g_assert_false (pacta_verifactu_schema_validate ("garbage", 7, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE);
  g_clear_error (&error);
  g_assert_false (pacta_verifactu_schema_validate (f->request, strlen (f->request) / 2, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE);
}

/* ---- replies ------------------------------------------------------------- */

static GBytes *
reply_bytes (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "verifactu", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static PactaVerifactuReply *
parse (guint       status,
       const char *content_type,
       const char *name)
{
  g_autoptr(GBytes) bytes = reply_bytes (name);

  return pacta_verifactu_reply_parse (status, content_type, bytes);
}

/* The recorded replies are the agency's shape: its schemas accept them */
static void
test_replies_conform (void)
{
  const char *names[] = { "accepted.xml", "partial.xml", "duplicate.xml", "fault-client.xml", "fault-server.xml" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GBytes) bytes = reply_bytes (names[i]);
      g_autoptr(GError) error = NULL;
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);

      g_assert_true (pacta_verifactu_schema_validate (data, size, &error));
      g_assert_no_error (error);
    }
}

static void
test_reply_accepted (void)
{
  g_autoptr(PactaVerifactuReply) reply = parse (200, "text/xml; charset=utf-8", "accepted.xml");
  PactaVerifactuReplyLine *line;

  g_assert_cmpint (reply->kind, ==, PACTA_VERIFACTU_REPLY_ANSWERED);
  g_assert_cmpstr (reply->csv, ==, "A-YDSW8NLFLANWPM");
  g_assert_cmpint (reply->wait_seconds, ==, 60);
  g_assert_cmpstr (reply->state, ==, "Correcto");
  g_assert_cmpuint (reply->lines->len, ==, 2);
  line = g_ptr_array_index (reply->lines, 1);
  g_assert_cmpstr (line->issuer_nif, ==, "B46000006");
  g_assert_cmpstr (line->number, ==, "INV-2026-0002");
  g_assert_cmpstr (line->issue_date, ==, "01-12-2026");
  g_assert_cmpstr (line->operation, ==, "Alta");
  g_assert_cmpstr (line->state, ==, "Correcto");
  g_assert_cmpint (line->error_code, ==, 0);
  g_assert_null (line->error_text);
  g_assert_false (line->duplicate);
  g_assert_true (pacta_verifactu_reply_line_accepted (line));
}

/* Other prefixes, a default namespace: the same reply */
static void
test_reply_partial (void)
{
  g_autoptr(PactaVerifactuReply) reply = parse (200, "text/xml", "partial.xml");
  PactaVerifactuReplyLine *with_errors, *rejected;

  g_assert_cmpint (reply->kind, ==, PACTA_VERIFACTU_REPLY_ANSWERED);
  g_assert_cmpstr (reply->state, ==, "ParcialmenteCorrecto");
  g_assert_cmpint (reply->wait_seconds, ==, 5);
  g_assert_cmpuint (reply->lines->len, ==, 2);
  with_errors = g_ptr_array_index (reply->lines, 0);
  rejected = g_ptr_array_index (reply->lines, 1);
  g_assert_cmpstr (with_errors->number, ==, "INV-2026-0001");
  g_assert_cmpstr (with_errors->state, ==, "AceptadoConErrores");
  g_assert_cmpint (with_errors->error_code, ==, 2005);
  g_assert_true (g_str_has_prefix (with_errors->error_text, "El campo ImporteTotal"));
  g_assert_true (pacta_verifactu_reply_line_accepted (with_errors));
  g_assert_cmpstr (rejected->state, ==, "Incorrecto");
  g_assert_cmpint (rejected->error_code, ==, 1244);
  g_assert_false (pacta_verifactu_reply_line_accepted (rejected));
}

/* 3000: the agency already holds it; accepted if it holds it as accepted */
static void
test_reply_duplicate (void)
{
  g_autoptr(PactaVerifactuReply) reply = parse (200, "text/xml", "duplicate.xml");
  g_autoptr(GBytes) bytes = reply_bytes ("duplicate.xml");
  g_autofree char *cancelled_text = NULL;
  g_autoptr(GBytes) cancelled_bytes = NULL;
  g_autoptr(PactaVerifactuReply) cancelled = NULL;
  g_auto(GStrv) parts = NULL;
  PactaVerifactuReplyLine *line;

  g_assert_cmpint (reply->kind, ==, PACTA_VERIFACTU_REPLY_ANSWERED);
  g_assert_null (reply->csv);
  g_assert_cmpstr (reply->state, ==, "Incorrecto");
  line = g_ptr_array_index (reply->lines, 0);
  g_assert_cmpint (line->error_code, ==, 3000);
  g_assert_true (line->duplicate);
  g_assert_cmpstr (line->duplicate_state, ==, "Correcta");
  g_assert_true (pacta_verifactu_reply_line_accepted (line));

  /* Held as cancelled: not this record's acceptance */
  parts = g_strsplit (g_bytes_get_data (bytes, NULL), "<tik:EstadoRegistroDuplicado>Correcta<", 2);
  cancelled_text = g_strjoinv ("<tik:EstadoRegistroDuplicado>Anulada<", parts);
  cancelled_bytes = g_bytes_new (cancelled_text, strlen (cancelled_text));
  cancelled = pacta_verifactu_reply_parse (200, "text/xml", cancelled_bytes);
  line = g_ptr_array_index (cancelled->lines, 0);
  g_assert_cmpstr (line->duplicate_state, ==, "Anulada");
  g_assert_false (pacta_verifactu_reply_line_accepted (line));
}

static void
test_reply_faults (void)
{
  g_autoptr(PactaVerifactuReply) client = parse (500, "text/xml", "fault-client.xml");
  g_autoptr(PactaVerifactuReply) server = parse (500, "text/xml", "fault-server.xml");

  /* The request is wrong: never sent again as it is */
  g_assert_cmpint (client->kind, ==, PACTA_VERIFACTU_REPLY_REFUSED);
  g_assert_cmpint (client->fault_code, ==, 4102);
  g_assert_true (g_str_has_prefix (client->message, "Codigo[4102].El XML no cumple el esquema"));
  g_assert_cmpuint (client->lines->len, ==, 0);
  /* The agency's trouble: the same again later */
  g_assert_cmpint (server->kind, ==, PACTA_VERIFACTU_REPLY_RETRY);
  g_assert_cmpint (server->fault_code, ==, 20009);
}

static void
test_reply_not_a_reply (void)
{
  g_autoptr(PactaVerifactuReply) unauthorized = parse (401, "text/html", "unauthorized.html");
  g_autoptr(PactaVerifactuReply) unavailable = parse (503, "text/html; charset=iso-8859-1", "unauthorized.html");
  g_autoptr(GBytes) accepted = reply_bytes ("accepted.xml");
  g_autoptr(GBytes) cut = g_bytes_new_from_bytes (accepted, 0, g_bytes_get_size (accepted) / 2);
  g_autoptr(PactaVerifactuReply) truncated = pacta_verifactu_reply_parse (200, "text/xml", cut);
  g_autoptr(PactaVerifactuReply) empty = pacta_verifactu_reply_parse (200, NULL, NULL);
  const char *other = "<e:Envelope xmlns:e=\"" PACTA_VERIFACTU_NS_SOAP "\"><e:Body><x xmlns=\"urn:other\"/></e:Body></e:Envelope>";
  g_autoptr(GBytes) other_bytes = g_bytes_new_static (other, strlen (other));
  g_autoptr(PactaVerifactuReply) unknown = pacta_verifactu_reply_parse (200, "text/xml", other_bytes);
  g_autoptr(PactaVerifactuReply) bad_gateway = pacta_verifactu_reply_parse (502, "text/plain", NULL);

  g_assert_cmpint (unauthorized->kind, ==, PACTA_VERIFACTU_REPLY_UNAUTHORIZED);
  g_assert_nonnull (strstr (unauthorized->message, "certificate"));
  g_assert_cmpint (unavailable->kind, ==, PACTA_VERIFACTU_REPLY_RETRY);
  g_assert_nonnull (strstr (unavailable->message, "503"));
  /* A reply cut short by a dropped connection, or none */
  g_assert_cmpint (truncated->kind, ==, PACTA_VERIFACTU_REPLY_UNREADABLE);
  g_assert_cmpint (empty->kind, ==, PACTA_VERIFACTU_REPLY_UNREADABLE);
  g_assert_cmpint (unknown->kind, ==, PACTA_VERIFACTU_REPLY_UNREADABLE);
  g_assert_cmpint (bad_gateway->kind, ==, PACTA_VERIFACTU_REPLY_RETRY);
  g_assert_cmpint (truncated->wait_seconds, ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/pacta/verifactu-soap/request-validates", Fixture, NULL, fixture_set_up, test_request_validates, fixture_tear_down);
  g_test_add ("/pacta/verifactu-soap/broken-request-refused", Fixture, NULL, fixture_set_up, test_broken_request_refused, fixture_tear_down);
  g_test_add_func ("/pacta/verifactu-soap/replies-conform", test_replies_conform);
  g_test_add_func ("/pacta/verifactu-soap/reply-accepted", test_reply_accepted);
  g_test_add_func ("/pacta/verifactu-soap/reply-partial", test_reply_partial);
  g_test_add_func ("/pacta/verifactu-soap/reply-duplicate", test_reply_duplicate);
  g_test_add_func ("/pacta/verifactu-soap/reply-faults", test_reply_faults);
  g_test_add_func ("/pacta/verifactu-soap/reply-not-a-reply", test_reply_not_a_reply);

  return g_test_run ();
}
