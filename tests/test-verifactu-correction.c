/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-verifactu-correction.c: records the tax agency rejected or accepted
 * with errors are put right by new records (Subsanacion, RechazoPrevio),
 * never by editing or sending the same again; each invoice's standing with
 * the agency; the QR code and legend by the mode the record was made in.
 *
 * The agency's answers are written as the sender writes them (a submission
 * and its results); test-verifactu-sender.c goes through the real sender
 * and a mock agency. */
#include <json-glib/json-glib.h>
#include <string.h>

#include "pacta-billing-run.h"
#include "pacta-billing-info-table.h"
#include "pacta-catalog.h"
#include "pacta-context.h"
#include "pacta-error.h"
#include "pacta-invoice.h"
#include "pacta-invoice-document.h"
#include "pacta-msp.h"
#include "pacta-numbering.h"
#include "pacta-test-util.h"
#include "pacta-verifactu-sender.h"
#include "pacta-verifactu-soap.h"
#include "pacta-verifactu-status.h"
#include "pacta-verifactu-xml.h"
#include "pacta-verifactu.h"

#define ISSUER "B46000006"

typedef struct
{
  char          *dir;
  PactaContext  *context;
  PactaDatabase *db;
  gint64         customers[2];
  gint64         invoices[2];   /* the Spanish customer's, the German one's */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *environment = data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = NULL;

  pacta_test_set_clock ("Europe/Madrid", "2026-12-01T09:00:00+01:00");
  f->dir = pacta_test_make_dir ();
  f->context = pacta_test_open_platform_demo (f->dir);
  f->db = pacta_context_get_database (f->context);
  pacta_test_two_contracts (f->context, pacta_test_add_workstations (f->db), NULL, NULL, f->customers);
  pacta_test_save_spanish_msp (f->db, "ES" ISSUER);
  if (environment != NULL)
    g_assert_true (pacta_database_set_setting (f->db, "verifactu-environment", environment, NULL));
  g_assert_true (pacta_numbering_confirm (f->db, NULL, 0, NULL, NULL));

  numbers = pacta_billing_commit (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (numbers), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM invoices WHERE customer_id = %" G_GINT64_FORMAT,
                                              f->customers[i]);

      f->invoices[i] = pacta_database_count (f->db, sql, NULL);
      g_assert_cmpint (f->invoices[i], >, 0);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->context);
  pacta_test_remove_tree (f->dir);
  g_free (f->dir);
  pacta_test_clock_reset ();
}

static gint64
last_record (Fixture *f,
             gint64   invoice)
{
  g_autofree char *sql = g_strdup_printf ("SELECT max(id) FROM invoice_records WHERE invoice_id = %" G_GINT64_FORMAT,
                                          invoice);

  return pacta_database_count (f->db, sql, NULL);
}

static void
exec (Fixture    *f,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (pacta_database_get_handle (f->db), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* The agency's answer to a record, written as the sender writes it */
static void
answer (Fixture    *f,
        gint64      record,
        const char *state,
        int         code,
        const char *message)
{
  gboolean accepted = g_strcmp0 (state, "Incorrecto") != 0;
  g_autofree char *sql = g_strdup_printf ("INSERT INTO verifactu_submissions (issuer_nif, first_record_id, last_record_id,"
                                          " n_records, endpoint, request, created_at, replied_at, http_status, outcome,"
                                          " csv, wait_seconds, state)"
                                          " VALUES ('" ISSUER "', %1$" G_GINT64_FORMAT ", %1$" G_GINT64_FORMAT ", 1,"
                                          " 'https://127.0.0.1/', 'x', '2026-12-01T08:00:00Z', '2026-12-01T08:00:01Z',"
                                          " 200, 'answered', %2$s, 60, '%3$s');"
                                          "INSERT INTO verifactu_results (record_id, submission_id, state, code, message, accepted)"
                                          " VALUES (%1$" G_GINT64_FORMAT ", last_insert_rowid (), '%3$s', %4$d, '%5$s', %6$d);",
                                          record, accepted ? "'A-CSV-1'" : "NULL", state, code, message, accepted);

  exec (f, sql);
  if (accepted)
    {
      g_autofree char *sent = g_strdup_printf ("INSERT INTO invoice_records_sent (record_id, sent_at)"
                                               " VALUES (%" G_GINT64_FORMAT ", '2026-12-01T08:00:01Z')", record);

      exec (f, sent);
    }
}

static void
set_customer_nif (Fixture    *f,
                  const char *nif)
{
  g_autoptr(PactaBillingInfo) info = pacta_billing_info_load (f->db, f->customers[0], NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (info);
  g_object_set (info, "vat-number", nif, NULL);
  g_assert_true (pacta_context_save_billing_info (f->context, info, &error));
  g_assert_no_error (error);
}

/* The chain is intact, and the records from @first on make a request the
 * agency's schemas accept */
static void
assert_records_valid (Fixture *f,
                      gint64   first)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaVerifactuCheck) check = pacta_verifactu_verify (f->db, &error);
  g_autofree char *body = NULL;
  g_autofree char *request = NULL;
  gint64 last_id = 0;
  guint n = 0;

  g_assert_no_error (error);
  g_assert_true (check->intact);
  body = pacta_verifactu_xml_batch (f->db, ISSUER, first - 1, PACTA_VERIFACTU_BATCH, &last_id, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, >, 0);
  request = pacta_verifactu_soap_envelope (body);
  pacta_verifactu_schema_validate (request, strlen (request), &error);
  g_assert_no_error (error);
}

static PactaAgencyStatus *
status_of (Fixture *f,
           gint64   invoice)
{
  g_autoptr(GError) error = NULL;
  PactaAgencyStatus *status = pacta_verifactu_invoice_status (f->db, invoice, &error);

  g_assert_no_error (error);
  return status;
}

/* Rejected: nothing is made until the cause is fixed; then one correction,
 * Subsanacion=S and RechazoPrevio=X (the agency holds nothing of it), chained
 * last, the rejection no longer counted */
static void
test_rejected_then_fixed (Fixture       *f,
                          gconstpointer  data)
{
  gint64 rejected = last_record (f, f->invoices[0]);
  gint64 n_records = pacta_database_count (f->db, "SELECT count(*) FROM invoice_records", NULL);
  g_autoptr(PactaAgencyStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *last_hash = NULL;
  gint64 correction;

  answer (f, rejected, "Incorrecto", 1244, "El NIF del destinatario no está identificado");
  status = status_of (f, f->invoices[0]);
  g_assert_cmpint (status->state, ==, PACTA_AGENCY_REJECTED);
  g_assert_true (status->correctable);
  g_assert_cmpint (status->code, ==, 1244);
  text = pacta_agency_status_describe (status);
  g_assert_nonnull (strstr (text, "1244"));
  g_assert_nonnull (strstr (text, "no está identificado"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&status, pacta_agency_status_free);
  g_assert_cmpint (pacta_verifactu_count_rejected (f->db, NULL), ==, 1);

  /* Nothing fixed: the same would be refused again, so nothing is made */
  g_assert_false (pacta_verifactu_record_correction (f->db, f->invoices[0], &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "no está identificado"));
  g_clear_error (&error);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoice_records", NULL), ==, n_records);

  /* The customer's NIF put right: the correction */
  set_customer_nif (f, "ESB46000006");
  last_hash = pacta_test_record_text (f->db, "hash", pacta_database_count (f->db, "SELECT max(id) FROM invoice_records", NULL));
  g_assert_true (pacta_verifactu_record_correction (f->db, f->invoices[0], &error));
  g_assert_no_error (error);
  correction = last_record (f, f->invoices[0]);
  g_assert_cmpint (correction, ==, n_records + 1);

  text = pacta_test_record_text (f->db, "kind || ' ' || number || ' ' || invoice_type || ' ' || gross_total", correction);
  {
    g_autofree char *was = pacta_test_record_text (f->db, "kind || ' ' || number || ' ' || invoice_type || ' ' || gross_total", rejected);

    g_assert_cmpstr (text, ==, was);
  }
  g_clear_pointer (&text, g_free);
  text = pacta_test_record_text (f->db, "json_extract (detail, '$.Subsanacion') || json_extract (detail, '$.RechazoPrevio')", correction);
  g_assert_cmpstr (text, ==, "SX");
  g_clear_pointer (&text, g_free);
  text = pacta_test_record_text (f->db, "json_extract (detail, '$.Destinatario.NIF')", correction);
  g_assert_cmpstr (text, ==, "B46000006");
  g_clear_pointer (&text, g_free);
  text = pacta_test_record_text (f->db, "previous_hash", correction);
  g_assert_cmpstr (text, ==, last_hash);
  g_clear_pointer (&text, g_free);
  /* The record the agency refused is as it was */
  text = pacta_test_record_text (f->db, "json_extract (detail, '$.Destinatario.NIF')", rejected);
  g_assert_cmpstr (text, ==, "A58818501");
  g_clear_pointer (&text, g_free);

  assert_records_valid (f, correction);
  {
    g_autofree char *body = pacta_verifactu_xml_batch (f->db, ISSUER, correction - 1, 1, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (body, "<sum1:Subsanacion>S</sum1:Subsanacion>"));
    g_assert_nonnull (strstr (body, "<sum1:RechazoPrevio>X</sum1:RechazoPrevio>"));
  }

  status = status_of (f, f->invoices[0]);
  g_assert_cmpint (status->state, ==, PACTA_AGENCY_PENDING);
  g_assert_true (status->correction);
  g_assert_false (status->correctable);
  g_clear_pointer (&status, pacta_agency_status_free);
  g_assert_cmpint (pacta_verifactu_count_rejected (f->db, NULL), ==, 0);

  /* Not answered yet: no second correction */
  g_assert_false (pacta_verifactu_record_correction (f->db, f->invoices[0], &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_READ_ONLY);
  g_clear_error (&error);

  answer (f, correction, "Correcto", 0, "");
  status = status_of (f, f->invoices[0]);
  g_assert_cmpint (status->state, ==, PACTA_AGENCY_ACCEPTED);
  g_assert_cmpstr (status->csv, ==, "A-CSV-1");
  g_clear_pointer (&status, pacta_agency_status_free);
  g_assert_false (pacta_verifactu_record_correction (f->db, f->invoices[0], &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_READ_ONLY);
}

/* Accepted with errors: the agency holds it, so RechazoPrevio=N; a second
 * rejection of the correction makes the next one RechazoPrevio=S. Accepted
 * late (2004) is nothing to correct. */
static void
test_accepted_with_errors (Fixture       *f,
                           gconstpointer  data)
{
  gint64 held = last_record (f, f->invoices[1]);
  gint64 late = last_record (f, f->invoices[0]);
  g_autoptr(PactaAgencyStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(PactaBillingInfo) info = NULL;
  gint64 first, second;

  answer (f, late, "AceptadoConErrores", 2004, "Registro enviado fuera de plazo");
  answer (f, held, "AceptadoConErrores", 1117, "El nombre del destinatario no coincide");
  status = status_of (f, f->invoices[0]);
  g_assert_cmpint (status->state, ==, PACTA_AGENCY_ACCEPTED);
  g_assert_false (status->correctable);
  g_clear_pointer (&status, pacta_agency_status_free);
  g_assert_false (pacta_verifactu_record_correction (f->db, f->invoices[0], &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_READ_ONLY);
  g_clear_error (&error);

  status = status_of (f, f->invoices[1]);
  g_assert_cmpint (status->state, ==, PACTA_AGENCY_ACCEPTED_WITH_ERRORS);
  g_assert_true (status->correctable);
  g_assert_cmpstr (status->csv, ==, "A-CSV-1");
  g_clear_pointer (&status, pacta_agency_status_free);
  g_assert_cmpint (pacta_verifactu_count_rejected (f->db, NULL), ==, 0);

  info = pacta_billing_info_load (f->db, f->customers[1], NULL);
  g_object_set (info, "business-name", "Kunde Handels GmbH", NULL);
  g_assert_true (pacta_context_save_billing_info (f->context, info, &error));
  g_assert_no_error (error);
  g_assert_true (pacta_verifactu_record_correction (f->db, f->invoices[1], &error));
  g_assert_no_error (error);
  first = last_record (f, f->invoices[1]);
  text = pacta_test_record_text (f->db, "json_extract (detail, '$.Subsanacion') || json_extract (detail, '$.RechazoPrevio')"
                         " || json_extract (detail, '$.Destinatario.NombreRazon')", first);
  g_assert_cmpstr (text, ==, "SNKunde Handels GmbH");
  g_clear_pointer (&text, g_free);
  assert_records_valid (f, first);

  /* The correction refused: the agency still holds the first record */
  answer (f, first, "Incorrecto", 1100, "Valor o tipo incorrecto del campo");
  g_object_set (info, "business-name", "Kunde Handel GmbH", NULL);
  g_assert_true (pacta_context_save_billing_info (f->context, info, &error));
  g_assert_no_error (error);
  g_assert_true (pacta_verifactu_record_correction (f->db, f->invoices[1], &error));
  g_assert_no_error (error);
  second = last_record (f, f->invoices[1]);
  g_assert_cmpint (second, >, first);
  text = pacta_test_record_text (f->db, "json_extract (detail, '$.Subsanacion') || json_extract (detail, '$.RechazoPrevio')", second);
  g_assert_cmpstr (text, ==, "SS");
  assert_records_valid (f, first);
}

/* A rejected cancellation is made again with RechazoPrevio=S, and
 * SinRegistroPrevio=S while the agency holds no registration of it */
static void
test_cancellation (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 alta = last_record (f, f->invoices[0]);
  gint64 cancellation, again;

  answer (f, alta, "Incorrecto", 1244, "El NIF del destinatario no está identificado");
  g_assert_true (pacta_database_begin (f->db, NULL));
  g_assert_true (pacta_verifactu_record_cancellation (f->db, f->invoices[0], &error));
  g_assert_no_error (error);
  g_assert_true (pacta_database_commit (f->db, NULL));
  cancellation = last_record (f, f->invoices[0]);
  answer (f, cancellation, "Incorrecto", 3002, "No existe el registro de facturación");

  g_assert_true (pacta_verifactu_record_correction (f->db, f->invoices[0], &error));
  g_assert_no_error (error);
  again = last_record (f, f->invoices[0]);
  text = pacta_test_record_text (f->db, "kind || json_extract (detail, '$.RechazoPrevio') || json_extract (detail, '$.SinRegistroPrevio')",
                      again);
  g_assert_cmpstr (text, ==, "anulacionSS");
  assert_records_valid (f, cancellation);
}

/* With the rules off nothing is corrected; an invoice without records has
 * no standing */
static void
test_rules_off (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaAgencyStatus) status = NULL;
  g_autoptr(PactaVerifactuSettings) settings = pacta_verifactu_settings_load (f->db, NULL);

  g_assert_false (pacta_verifactu_record_correction (f->db, 9999, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  answer (f, last_record (f, f->invoices[0]), "Incorrecto", 1244, "NIF");
  settings->enabled = FALSE;
  g_assert_true (pacta_verifactu_settings_save (f->db, settings, NULL));
  set_customer_nif (f, "ESB46000006");
  g_assert_false (pacta_verifactu_record_correction (f->db, f->invoices[0], &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_READ_ONLY);
  g_clear_error (&error);

  status = status_of (f, 9999);
  g_assert_cmpint (status->state, ==, PACTA_AGENCY_NONE);
}

/* The invoice list shows each invoice's standing, and follows it */
static void
test_invoice_list (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaInvoiceStore) store = pacta_invoice_store_new (f->db, &error);
  g_autoptr(PactaInvoice) invoice = NULL;
  guint position;

  g_assert_no_error (error);
  g_assert_true (pacta_row_store_find (PACTA_ROW_STORE (store), f->invoices[0], &position));
  invoice = g_list_model_get_item (G_LIST_MODEL (store), position);
  g_assert_cmpint (pacta_invoice_get_agency_state (invoice), ==, PACTA_AGENCY_PENDING);
  g_clear_object (&invoice);

  answer (f, last_record (f, f->invoices[0]), "Incorrecto", 1244, "El NIF del destinatario no está identificado");
  g_assert_true (pacta_row_store_sync (PACTA_ROW_STORE (store), &error));
  g_assert_no_error (error);
  invoice = g_list_model_get_item (G_LIST_MODEL (store), position);
  g_assert_cmpint (pacta_invoice_get_agency_state (invoice), ==, PACTA_AGENCY_REJECTED);
  g_assert_nonnull (strstr (pacta_invoice_get_agency_note (invoice), "1244"));
  g_clear_object (&invoice);

  set_customer_nif (f, "ESB46000006");
  g_assert_true (pacta_verifactu_record_correction (f->db, f->invoices[0], &error));
  g_assert_true (pacta_row_store_sync (PACTA_ROW_STORE (store), &error));
  invoice = g_list_model_get_item (G_LIST_MODEL (store), position);
  g_assert_cmpint (pacta_invoice_get_agency_state (invoice), ==, PACTA_AGENCY_PENDING);
}

/* The mode and environment at issue decide the QR code and the legend, not
 * whether the record was sent */
static void
test_qr_by_mode (Fixture       *f,
                 gconstpointer  data)
{
  const char *environment = data;
  g_autoptr(PactaInvoiceDocument) document = pacta_invoice_document_load (f->db, f->invoices[0], NULL);
  g_autoptr(PactaInvoiceDocument) after = NULL;
  const char *base = g_strcmp0 (environment, "test") == 0 ? PACTA_VERIFACTU_QR_BASE_TESTING : PACTA_VERIFACTU_QR_BASE_SENT;

  g_assert_true (document->verifactu);
  g_assert_true (g_str_has_prefix (document->qr_url, base));
  answer (f, last_record (f, f->invoices[0]), "Correcto", 0, "");
  /* Switching environment later changes nothing printed already */
  g_assert_true (pacta_database_set_setting (f->db, "verifactu-environment",
                                             g_strcmp0 (environment, "test") == 0 ? "production" : "test", NULL));
  after = pacta_invoice_document_load (f->db, f->invoices[0], NULL);
  g_assert_cmpstr (after->qr_url, ==, document->qr_url);
  g_assert_true (after->verifactu);
}

/* A record made before Pacta sent records (no mode in it) keeps the
 * "no VERI*FACTU" check */
static void
test_qr_older_record (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PactaInvoiceDocument) document = NULL;
  g_autofree char *sql = NULL;

  /* The records are append-only: a copy of the first, without its mode,
   * stands for the older record of a third invoice */
  exec (f, "INSERT INTO invoices (kind, number, customer_id, issue_date, due_date, currency, customer_snapshot,"
           " msp_snapshot, net, tax, gross, created_at)"
           " SELECT kind, 'OLD-1', customer_id, issue_date, due_date, currency, customer_snapshot, msp_snapshot,"
           " net, tax, gross, created_at FROM invoices ORDER BY id LIMIT 1");
  sql = g_strdup_printf ("INSERT INTO invoice_records (kind, invoice_id, issuer_nif, number, issue_date, invoice_type,"
                         " tax_total, gross_total, previous_hash, generated_at, hash, detail)"
                         " SELECT kind, (SELECT id FROM invoices WHERE number = 'OLD-1'), issuer_nif, 'OLD-1', issue_date,"
                         " invoice_type, tax_total, gross_total, hash, generated_at, 'OLD', json_remove (detail, '$.Modo')"
                         " FROM invoice_records WHERE id = %" G_GINT64_FORMAT,
                         pacta_database_count (f->db, "SELECT max(id) FROM invoice_records", NULL));
  exec (f, sql);
  document = pacta_invoice_document_load (f->db, pacta_database_count (f->db, "SELECT id FROM invoices WHERE number = 'OLD-1'", NULL), NULL);
  g_assert_false (document->verifactu);
  g_assert_true (g_str_has_prefix (document->qr_url, PACTA_VERIFACTU_QR_BASE));
}

/* How the record names a foreign recipient: an EU VAT number with its
 * country's prefix (IDType 02), another country's tax number as 04 */
static void
test_recipient_ids (Fixture       *f,
                    gconstpointer  data)
{
  static const struct { const char *country, *vat, *type, *id; } cases[] = {
    { "DE", "DE123456789", "02", "DE123456789" },
    { "FR", "12345678901", "02", "FR12345678901" },
    { "GR", "123456789", "02", "EL123456789" },
    { "CH", "CHE123456789", "04", "CHE123456789" },
    { "US", "123456789", "04", "123456789" },
  };
  g_autoptr(PactaVerifactuSettings) settings = pacta_verifactu_settings_load (f->db, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PactaInvoiceDocument) document = pacta_invoice_document_load (f->db, f->invoices[1], NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *detail = NULL;
      g_autoptr(JsonNode) node = NULL;
      JsonObject *recipient;

      json_object_set_string_member (document->customer, "country", cases[i].country);
      json_object_set_string_member (document->customer, "vat-number", cases[i].vat);
      detail = pacta_verifactu_registration_detail (f->db, settings, document, &error);
      g_assert_no_error (error);
      node = json_from_string (detail, &error);
      g_assert_no_error (error);
      recipient = json_object_get_object_member (json_node_get_object (node), "Destinatario");
      g_assert_cmpstr (json_object_get_string_member (recipient, "CodigoPais"), ==, cases[i].country);
      g_assert_cmpstr (json_object_get_string_member (recipient, "IDType"), ==, cases[i].type);
      g_assert_cmpstr (json_object_get_string_member (recipient, "ID"), ==, cases[i].id);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/pacta/verifactu-correction/rejected-then-fixed", Fixture, NULL,
              fixture_set_up, test_rejected_then_fixed, fixture_tear_down);
  g_test_add ("/pacta/verifactu-correction/accepted-with-errors", Fixture, NULL,
              fixture_set_up, test_accepted_with_errors, fixture_tear_down);
  g_test_add ("/pacta/verifactu-correction/cancellation", Fixture, NULL,
              fixture_set_up, test_cancellation, fixture_tear_down);
  g_test_add ("/pacta/verifactu-correction/rules-off", Fixture, NULL,
              fixture_set_up, test_rules_off, fixture_tear_down);
  g_test_add ("/pacta/verifactu-correction/invoice-list", Fixture, NULL,
              fixture_set_up, test_invoice_list, fixture_tear_down);
  g_test_add ("/pacta/verifactu-correction/qr-production", Fixture, "production",
              fixture_set_up, test_qr_by_mode, fixture_tear_down);
  g_test_add ("/pacta/verifactu-correction/qr-test-environment", Fixture, "test",
              fixture_set_up, test_qr_by_mode, fixture_tear_down);
  g_test_add ("/pacta/verifactu-correction/qr-older-record", Fixture, NULL,
              fixture_set_up, test_qr_older_record, fixture_tear_down);

  g_test_add ("/pacta/verifactu-correction/recipient-ids", Fixture, NULL,
              fixture_set_up, test_recipient_ids, fixture_tear_down);

  return g_test_run ();
}
