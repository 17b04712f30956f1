/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-verifactu.c: Spain's invoice records — the official fingerprint vectors
 * and QR example, the chain over real billing runs, tampering, append-only
 * records, and records written together with their invoices or not at all */
#include <json-glib/json-glib.h>
#include <string.h>

#include "pacta-billing-run.h"
#include "pacta-catalog.h"
#include "pacta-clock.h"
#include "pacta-context.h"
#include "pacta-error.h"
#include "pacta-invoice-document.h"
#include "pacta-invoices.h"
#include "pacta-msp.h"
#include "pacta-numbering.h"
#include "pacta-sales-item.h"
#include "pacta-sales-item-line.h"
#include "pacta-test-util.h"
#include "pacta-verifactu.h"

/* ---- the agency's own examples ------------------------------------------- */

#define VECTOR_1 "3C464DAF61ACB827C65FDA19F352A4E3BDC2C640E9E9FC4CC058073F38F12F60"
#define VECTOR_2 "F7B94CFD8924EDFF273501B01EE5153E4CE8F259766F88CF6ACB8935802A2B97"
#define VECTOR_3 "177547C0D57AC74748561D054A9CEC14B4C4EA23D1BEFD6F2E69E3A388F90C68"
#define VECTOR_4 "FF954378B64ED331A9B2366AD317D86E9DEC1716B12DD0ACCB172A6DC4C105AA"

static void
test_official_vectors (void)
{
  g_autofree char *text1 = pacta_verifactu_registration_text ("89890001K", "12345678/G33", "01-01-2024", "F1", "12.35",
                                                              "123.45", "", "2024-01-01T19:20:30+01:00");
  g_autofree char *hash1 = pacta_verifactu_hash (text1);
  g_autofree char *text2 = pacta_verifactu_registration_text ("89890001K", "12345679/G34", "01-01-2024", "F1", "12.35",
                                                              "123.45", hash1, "2024-01-01T19:20:35+01:00");
  g_autofree char *hash2 = pacta_verifactu_hash (text2);
  g_autofree char *text3 = pacta_verifactu_cancellation_text ("89890001K", "12345679/G34", "01-01-2024", hash2,
                                                              "2024-01-01T19:20:40+01:00");
  g_autofree char *hash3 = pacta_verifactu_hash (text3);
  const char *previous4 = "C9AF4AF1EF5EBBA700350DE3EEF12C2D355C56AC56F13DB2A25E0031BD2B7ED5";
  g_autofree char *text4 = pacta_verifactu_registration_text ("89890001K", "12345678-G66", "03-02-2025", "R3", "41.4",
                                                              "241.4", previous4, "2025-02-03T14:30:00+01:00");
  g_autofree char *hash4 = pacta_verifactu_hash (text4);
  /* The same amounts written with two decimals are another text, another fingerprint */
  g_autofree char *text4b = pacta_verifactu_registration_text ("89890001K", "12345678-G66", "03-02-2025", "R3", "41.40",
                                                               "241.40", previous4, "2025-02-03T14:30:00+01:00");
  g_autofree char *hash4b = pacta_verifactu_hash (text4b);

  g_assert_cmpstr (text1, ==, "IDEmisorFactura=89890001K&NumSerieFactura=12345678/G33&FechaExpedicionFactura=01-01-2024"
                              "&TipoFactura=F1&CuotaTotal=12.35&ImporteTotal=123.45&Huella="
                              "&FechaHoraHusoGenRegistro=2024-01-01T19:20:30+01:00");
  g_assert_cmpstr (hash1, ==, VECTOR_1);
  g_assert_cmpstr (hash2, ==, VECTOR_2);
  g_assert_cmpstr (text3, ==, "IDEmisorFacturaAnulada=89890001K&NumSerieFacturaAnulada=12345679/G34"
                              "&FechaExpedicionFacturaAnulada=01-01-2024&Huella=" VECTOR_2
                              "&FechaHoraHusoGenRegistro=2024-01-01T19:20:40+01:00");
  g_assert_cmpstr (hash3, ==, VECTOR_3);
  g_assert_cmpstr (hash4, ==, VECTOR_4);
  g_assert_true (g_str_has_prefix (hash4b, "7F42"));
  g_assert_true (g_str_has_suffix (hash4b, "F7EB"));
}

static void
test_qr_url (void)
{
  g_autofree char *url = pacta_verifactu_qr_url (PACTA_VERIFACTU_QR_BASE_TESTING, "89890001K", "12345678&G33",
                                                 "01-01-2024", "241.4");
  g_autofree char *spaced = pacta_verifactu_qr_url (PACTA_VERIFACTU_QR_BASE, "B46000006", "F 2026/1", "01-12-2026",
                                                    "-12.10");

  g_assert_cmpstr (url, ==, "https://prewww2.aeat.es/wlpl/TIKE-CONT/ValidarQR?nif=89890001K&numserie=12345678%26G33"
                            "&fecha=01-01-2024&importe=241.4");
  g_assert_cmpstr (spaced, ==, "https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQRNoVerifactu?"
                               "nif=B46000006&numserie=F%202026%2F1&fecha=01-12-2026&importe=-12.10");
}

static void
test_identifiers_and_amounts (void)
{
  const char *valid[] = { "89890001K", "B46000006", "A58818501", "X1234567L", "Q2826000H" };
  const char *invalid[] = { "89890001A", "B46000000", "", "123", "ESB46000006", "b46000006", "A5881850J" };
  struct { gint64 cents; const char *text; } amounts[] = {
    { 4140, "41.40" }, { -4140, "-41.40" }, { 5, "0.05" }, { -5, "-0.05" }, { 0, "0.00" }, { 123456789, "1234567.89" },
  };
  g_autofree char *date = pacta_verifactu_date ("2026-12-01");

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    g_assert_true (pacta_nif_is_valid (valid[i]));
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    g_assert_false (pacta_nif_is_valid (invalid[i]));
  for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      g_autofree char *text = pacta_verifactu_amount (amounts[i].cents);

      g_assert_cmpstr (text, ==, amounts[i].text);
    }
  g_assert_cmpstr (date, ==, "01-12-2026");
}

/* ---- records over real billing runs --------------------------------------- */

typedef struct
{
  char          *dir;
  PactaContext  *context;
  PactaDatabase *db;
  gint64         customers[2];
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = pacta_test_make_dir ();
  f->context = pacta_test_open_platform_demo (f->dir);
  f->db = pacta_context_get_database (f->context);
  pacta_test_two_contracts (f->context, pacta_test_add_workstations (f->db), NULL, NULL, f->customers);
  /* A Spanish MSP: the rules are on without being asked */
  pacta_test_save_spanish_msp (f->db, "ESB46000006");
  g_assert_true (pacta_numbering_confirm (f->db, NULL, 0, NULL, NULL));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->context);
  pacta_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
commit_november (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = pacta_billing_commit (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (numbers), ==, 2);
}

static PactaVerifactuCheck *
verify (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  PactaVerifactuCheck *check = pacta_verifactu_verify (f->db, &error);

  g_assert_no_error (error);
  g_assert_nonnull (check);
  return check;
}

static void
test_chain_over_billing_run (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(PactaVerifactuSettings) settings = pacta_verifactu_settings_load (f->db, NULL);
  g_autoptr(PactaVerifactuCheck) check = NULL;
  g_autoptr(PactaInvoiceDocument) document = NULL;
  g_autoptr(JsonNode) detail = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_hash = NULL;
  g_autofree char *second_previous = NULL;
  g_autofree char *credit = NULL;
  g_autofree char *text = NULL;
  g_autofree char *credit_detail = NULL;
  g_autofree char *installation = NULL;
  JsonObject *object;
  gint64 first_invoice;

  g_assert_true (settings->enabled);
  g_assert_cmpstr (settings->issuer_nif, ==, "B46000006");

  commit_november (f);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoice_records", NULL), ==, 2);
  /* Each names the fingerprint of the one before; the first names none */
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoice_records"
                                                " WHERE id = (SELECT min(id) FROM invoice_records)"
                                                " AND previous_hash = ''", NULL), ==, 1);
  first_hash = pacta_test_record_text (f->db, "hash", 1);
  second_previous = pacta_test_record_text (f->db, "previous_hash", 2);
  g_assert_cmpuint (strlen (first_hash), ==, 64);
  g_assert_cmpstr (second_previous, ==, first_hash);
  /* Amounts stored as the exact text hashed: 10 × 12.50 = 125.00, 21 % on top */
  text = pacta_test_record_text (f->db, "gross_total", 1);
  g_assert_cmpstr (text, ==, "151.25");
  g_clear_pointer (&text, g_free);
  text = pacta_test_record_text (f->db, "tax_total", 1);
  g_assert_cmpstr (text, ==, "26.25");
  g_clear_pointer (&text, g_free);
  text = pacta_test_record_text (f->db, "invoice_type", 1);
  g_assert_cmpstr (text, ==, "F1");
  g_clear_pointer (&text, g_free);
  /* The local time with its offset */
  text = pacta_test_record_text (f->db, "generated_at", 1);
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d$", text, 0, 0));
  g_clear_pointer (&text, g_free);
  /* Made once, with the first record */
  installation = pacta_test_record_text (f->db, "json_extract (detail, '$.SistemaInformatico.NumeroInstalacion')", 1);
  g_assert_cmpuint (strlen (installation), >, 0);
  text = pacta_test_record_text (f->db, "json_extract (detail, '$.SistemaInformatico.NumeroInstalacion')", 2);
  g_assert_cmpstr (text, ==, installation);
  g_clear_pointer (&text, g_free);
  /* The customers: a Spanish NIF, and a German VAT number */
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoice_records"
                                                " WHERE json_extract (detail, '$.Destinatario.NIF') = 'A58818501'", NULL), ==, 1);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoice_records"
                                                " WHERE json_extract (detail, '$.Destinatario.ID') = 'DE123456789'"
                                                " AND json_extract (detail, '$.Destinatario.CodigoPais') = 'DE'", NULL), ==, 1);

  check = verify (f);
  g_assert_true (check->intact);
  g_assert_cmpuint (check->n_records, ==, 2);
  g_clear_pointer (&check, pacta_verifactu_check_free);

  /* The invoice's QR code points at the agency's check with the record's values */
  first_invoice = pacta_database_count (f->db, "SELECT invoice_id FROM invoice_records WHERE id = 1", NULL);
  document = pacta_invoice_document_load (f->db, first_invoice, &error);
  g_assert_no_error (error);
  /* Made in VERI*FACTU mode, for production: the agency's ValidarQR, sent or not */
  text = g_strdup_printf ("%snif=B46000006&numserie=%s&fecha=01-12-2026&importe=151.25",
                          PACTA_VERIFACTU_QR_BASE_SENT, document->number);
  g_assert_cmpstr (document->qr_url, ==, text);
  g_assert_true (document->verifactu);
  g_clear_pointer (&text, g_free);

  /* A credit note: R1, negative amounts, naming the invoice it corrects */
  credit = pacta_invoice_credit (f->db, first_invoice, "2026-12-05", &error);
  g_assert_no_error (error);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoice_records", NULL), ==, 3);
  text = pacta_test_record_text (f->db, "invoice_type", 3);
  g_assert_cmpstr (text, ==, "R1");
  g_clear_pointer (&text, g_free);
  text = pacta_test_record_text (f->db, "gross_total", 3);
  g_assert_cmpstr (text, ==, "-151.25");
  g_clear_pointer (&text, g_free);
  text = pacta_test_record_text (f->db, "number", 3);
  g_assert_cmpstr (text, ==, credit);
  g_clear_pointer (&text, g_free);
  credit_detail = pacta_test_record_text (f->db, "detail", 3);
  detail = json_from_string (credit_detail, &error);
  g_assert_no_error (error);
  object = json_node_get_object (detail);
  g_assert_cmpstr (json_object_get_string_member (object, "TipoRectificativa"), ==, "I");
  {
    JsonObject *rectified = json_array_get_object_element (json_object_get_array_member (object, "FacturasRectificadas"), 0);

    g_assert_cmpstr (json_object_get_string_member (rectified, "NumSerieFactura"), ==, document->number);
    g_assert_cmpstr (json_object_get_string_member (rectified, "FechaExpedicionFactura"), ==, "01-12-2026");
  }

  check = verify (f);
  g_assert_true (check->intact);
  g_assert_cmpuint (check->n_records, ==, 3);
  g_assert_cmpint (pacta_verifactu_count_pending (f->db, NULL), ==, 3);
}

static void
add_sales_item (Fixture    *f,
                gint64      customer,
                const char *date,
                const char *first,
                gint64      catalog_item)
{
  g_autoptr(PactaSalesItem) item = g_object_new (PACTA_TYPE_SALES_ITEM, "customer-id", customer,
                                                 "invoice-date", date, NULL);
  g_autoptr(GListStore) lines = g_list_store_new (PACTA_TYPE_SALES_ITEM_LINE);
  g_autoptr(PactaSalesItemLine) line = g_object_new (PACTA_TYPE_SALES_ITEM_LINE, "description", first,
                                                     "quantity", G_GINT64_CONSTANT (30000),
                                                     "unit-price", G_GINT64_CONSTANT (333333), NULL);
  g_autoptr(PactaSalesItemLine) other = g_object_new (PACTA_TYPE_SALES_ITEM_LINE, "description", "Cable \"Cat 6\"",
                                                      "catalog-item-id", catalog_item,
                                                      "quantity", G_GINT64_CONSTANT (20000),
                                                      "unit-price", G_GINT64_CONSTANT (45000), NULL);
  g_autoptr(PactaSalesItemLine) note = g_object_new (PACTA_TYPE_SALES_ITEM_LINE, "description", "Delivered on site",
                                                     "is-note", TRUE, NULL);

  g_list_store_append (lines, line);
  g_list_store_append (lines, other);
  g_list_store_append (lines, note);
  g_assert_cmpint (pacta_context_create_sales_item (f->context, item, G_LIST_MODEL (lines), NULL), >, 0);
}

/* The billing run builds each record from the invoice it has in memory; a
 * record built from the invoice read back, as a single invoice's is, is the
 * same byte for byte: several tax rates, a foreign customer, an exempt one,
 * sales items whose lines are billed by date, not in the order entered */
static void
test_run_records_as_read_back (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(PactaVerifactuSettings) settings = NULL;
  g_autoptr(PactaVerifactuCheck) check = NULL;
  g_autoptr(PactaBillingInfo) exempt = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = NULL;
  gint64 untaxed, third;
  sqlite3_stmt *stmt;
  guint n = 0;

  /* A catalog item without tax, next to taxed lines and notes */
  untaxed = pacta_database_count (f->db, "SELECT id FROM catalog_items WHERE usage_key = 'workstations'", NULL);
  g_assert_true (pacta_database_exec (f->db, "UPDATE catalog_items SET taxable = 0", &error));
  g_assert_no_error (error);
  third = pacta_test_customer_by_tenant (f->db, "c0570000-2026-4a00-8b00-000000000003");
  g_assert_cmpint (third, >, 0);
  exempt = g_object_new (PACTA_TYPE_BILLING_INFO, "customer-id", third, "business-name", "Fundación Ñandú",
                         "country", "ES", "vat-number", "G28029643", "tax-exempt", TRUE,
                         "payment-terms-days", 15, NULL);
  g_assert_true (pacta_context_save_billing_info (f->context, exempt, &error));
  g_assert_no_error (error);

  add_sales_item (f, f->customers[0], "2026-11-20", "Later: router", untaxed);
  add_sales_item (f, f->customers[0], "2026-11-02", "Earlier: switch", 0);
  add_sales_item (f, f->customers[1], "2026-11-10", "Firewall", untaxed);
  add_sales_item (f, third, "2026-11-05", "Donated laptop", 0);

  numbers = pacta_billing_commit (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (numbers), ==, 3);
  /* With the installation number the first record made */
  settings = pacta_verifactu_settings_load (f->db, NULL);

  /* By date, then as entered */
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoice_lines a JOIN invoice_lines b"
                                                " ON a.invoice_id = b.invoice_id AND a.position < b.position"
                                                " WHERE a.description = 'Later: router'"
                                                " AND b.description = 'Earlier: switch'", NULL), ==, 0);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoice_lines a JOIN invoice_lines b"
                                                " ON a.invoice_id = b.invoice_id AND a.position < b.position"
                                                " WHERE a.description = 'Earlier: switch'"
                                                " AND b.description = 'Later: router'", NULL), ==, 1);
  /* The sales items are billed, on their invoices */
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM sales_items s JOIN invoices i ON i.id = s.invoice_id"
                                                " WHERE s.status = 'billed' AND i.customer_id = s.customer_id", NULL), ==, 4);
  /* Two rates on one invoice, an exempt one, a foreign recipient */
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoice_records"
                                                " WHERE json_array_length (detail, '$.Desglose') = 2", NULL), ==, 2);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoice_records"
                                                " WHERE json_extract (detail, '$.Desglose[0].OperacionExenta') = 'E1'",
                                         NULL), ==, 1);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoice_records"
                                                " WHERE json_extract (detail, '$.Destinatario.IDType') = '02'", NULL), ==, 1);

  g_assert_cmpint (sqlite3_prepare_v2 (pacta_database_get_handle (f->db),
                                       "SELECT invoice_id, number, issue_date, tax_total, gross_total, detail"
                                       " FROM invoice_records ORDER BY id", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(PactaInvoiceDocument) document = pacta_invoice_document_load (f->db, sqlite3_column_int64 (stmt, 0), &error);
      g_autofree char *detail = NULL;
      g_autofree char *date = NULL;
      g_autofree char *tax = NULL;
      g_autofree char *gross = NULL;

      g_assert_no_error (error);
      detail = pacta_verifactu_registration_detail (f->db, settings, document, &error);
      g_assert_no_error (error);
      date = pacta_verifactu_date (document->issue_date);
      tax = pacta_verifactu_amount (document->tax);
      gross = pacta_verifactu_amount (document->gross);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, document->number);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, date);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, tax);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==, gross);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 5), ==, detail);
      n++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n, ==, 3);

  check = verify (f);
  g_assert_true (check->intact);
  g_assert_cmpuint (check->n_records, ==, 3);
}

/* Raw SQL, as someone with the file and a sqlite shell would do it */
static void
tamper (Fixture    *f,
        const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pacta_database_exec (f->db, "DROP TRIGGER IF EXISTS invoice_records_no_edit", &error));
  g_assert_true (pacta_database_exec (f->db, sql, &error));
  g_assert_no_error (error);
}

static void
test_tampered_amount (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PactaVerifactuCheck) check = NULL;
  g_autofree char *description = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *number = NULL;

  commit_november (f);
  stored = pacta_test_record_text (f->db, "hash", 2);
  number = pacta_test_record_text (f->db, "number", 2);

  /* 151.25 → 15.25 in the second record: its fingerprint no longer fits */
  tamper (f, "UPDATE invoice_records SET gross_total = '15.25' WHERE id = 2");
  check = verify (f);
  g_assert_false (check->intact);
  g_assert_cmpint (check->record_id, ==, 2);
  g_assert_cmpstr (check->number, ==, number);
  g_assert_cmpstr (check->found, ==, stored);
  g_assert_cmpstr (check->expected, !=, stored);
  description = pacta_verifactu_check_describe (check);
  g_assert_nonnull (strstr (description, "record 2"));
  g_assert_nonnull (strstr (description, stored));
}

static void
test_tampered_hash (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PactaVerifactuCheck) check = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *text = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *original = NULL;

  commit_november (f);
  original = pacta_test_record_text (f->db, "hash", 1);

  /* Someone changes the first record and recomputes its fingerprint: the
   * next record still names the old one */
  text = pacta_verifactu_registration_text ("B46000006", "X", "01-12-2026", "F1", "0.00", "0.00", "",
                                            "2026-12-01T00:00:00+00:00");
  forged = pacta_verifactu_hash (text);
  sql = g_strdup_printf ("UPDATE invoice_records SET number = 'X', tax_total = '0.00', gross_total = '0.00',"
                         " generated_at = '2026-12-01T00:00:00+00:00', hash = '%s' WHERE id = 1", forged);
  tamper (f, sql);
  check = verify (f);
  g_assert_false (check->intact);
  /* Its own fields and fingerprint agree, but not with the invoice */
  g_assert_cmpint (check->record_id, ==, 1);
  g_clear_pointer (&check, pacta_verifactu_check_free);

  /* Made consistent with a forged invoice too (its triggers dropped), the
   * second record's link still gives it away */
  g_assert_true (pacta_database_exec (f->db, "DROP TRIGGER invoices_no_edit", NULL));
  g_assert_true (pacta_database_exec (f->db, "UPDATE invoices SET number = 'X', tax = 0, gross = 0"
                                             " WHERE id = (SELECT invoice_id FROM invoice_records WHERE id = 1)", NULL));
  check = verify (f);
  g_assert_false (check->intact);
  g_assert_cmpint (check->record_id, ==, 2);
  g_assert_cmpstr (check->expected, ==, forged);
  g_assert_cmpstr (check->found, ==, original);
}

static void
test_tampered_invoice (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PactaVerifactuCheck) check = NULL;

  commit_november (f);
  /* The invoice changed behind the record's back */
  g_assert_true (pacta_database_exec (f->db, "DROP TRIGGER invoices_no_edit", NULL));
  g_assert_true (pacta_database_exec (f->db, "UPDATE invoices SET gross = gross + 100"
                                             " WHERE id = (SELECT invoice_id FROM invoice_records WHERE id = 2)", NULL));
  check = verify (f);
  g_assert_false (check->intact);
  g_assert_cmpint (check->record_id, ==, 2);
  g_assert_nonnull (strstr (check->expected, "152.25"));
  g_assert_nonnull (strstr (check->found, "151.25"));
}

static void
test_append_only (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  commit_november (f);
  g_assert_false (pacta_database_exec (f->db, "UPDATE invoice_records SET gross_total = '1.00' WHERE id = 1", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "append-only"));
  g_clear_error (&error);
  g_assert_false (pacta_database_exec (f->db, "DELETE FROM invoice_records WHERE id = 2", &error));
  g_assert_nonnull (strstr (error->message, "append-only"));
  g_clear_error (&error);
  /* The chain cannot fork: a second record naming the same previous one */
  g_assert_false (pacta_database_exec (f->db, "INSERT INTO invoice_records (kind, invoice_id, issuer_nif, number,"
                                              " issue_date, previous_hash, generated_at, hash, detail)"
                                              " SELECT kind, invoice_id, issuer_nif, number, issue_date,"
                                              " previous_hash, generated_at, 'FORK', detail"
                                              " FROM invoice_records WHERE id = 2", &error));
  g_assert_nonnull (error);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoice_records", NULL), ==, 2);
}

static void
test_failure_writes_neither (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = NULL;

  /* The second invoice's record fails: no invoice and no record stay */
  g_assert_true (pacta_database_exec (f->db, "CREATE TEMP TRIGGER fail_second BEFORE INSERT ON invoice_records"
                                             " WHEN (SELECT count(*) FROM invoice_records) >= 1"
                                             " BEGIN SELECT RAISE (ABORT, 'injected failure'); END", NULL));
  numbers = pacta_billing_commit (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error);
  g_assert_null (numbers);
  g_assert_nonnull (error);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoices", NULL), ==, 0);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoice_records", NULL), ==, 0);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT next FROM number_sequences WHERE kind = 'invoice'", NULL), ==, 1);
  g_clear_error (&error);

  /* Fixed, the same run issues both, each with its record */
  g_assert_true (pacta_database_exec (f->db, "DROP TRIGGER fail_second", NULL));
  commit_november (f);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoice_records r JOIN invoices i"
                                                " ON i.id = r.invoice_id AND i.number = r.number", NULL), ==, 2);
}

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PactaVerifactuSettings) settings = pacta_verifactu_settings_load (f->db, NULL);
  g_autoptr(PactaVerifactuSettings) loaded = NULL;
  g_autoptr(GError) error = NULL;

  /* A wrong NIF or system id is refused, and nothing is stored */
  g_free (settings->issuer_nif);
  settings->issuer_nif = g_strdup ("B46000000");
  g_assert_false (pacta_verifactu_settings_save (f->db, settings, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_free (settings->issuer_nif);
  settings->issuer_nif = g_strdup ("b46000006 ");
  g_free (settings->system_id);
  settings->system_id = g_strdup ("PAC");
  g_assert_false (pacta_verifactu_settings_save (f->db, settings, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM settings WHERE key LIKE 'verifactu%'", NULL), ==, 0);

  /* Turned off: invoices are issued without records */
  g_free (settings->system_id);
  settings->system_id = g_strdup ("P1");
  settings->enabled = FALSE;
  g_assert_true (pacta_verifactu_settings_save (f->db, settings, &error));
  g_assert_no_error (error);
  loaded = pacta_verifactu_settings_load (f->db, NULL);
  g_assert_false (loaded->enabled);
  g_assert_cmpstr (loaded->issuer_nif, ==, "B46000006");
  g_assert_cmpstr (loaded->system_id, ==, "P1");
  g_assert_cmpuint (strlen (loaded->installation), >, 0);
  commit_november (f);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoice_records", NULL), ==, 0);
}

static void
test_on_without_nif_refuses (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = NULL;

  /* A Spanish MSP whose VAT number is not a valid NIF: nothing is issued */
  g_assert_true (pacta_database_exec (f->db, "UPDATE settings SET value = 'ESB46000000' WHERE key = 'vat-number'", NULL));
  numbers = pacta_billing_commit (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error);
  g_assert_null (numbers);
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "NIF"));
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoices", NULL), ==, 0);
}

static void
test_cancellation (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PactaVerifactuCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *second = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *text = NULL;
  gint64 invoice;

  commit_november (f);
  invoice = pacta_database_count (f->db, "SELECT invoice_id FROM invoice_records WHERE id = 2", NULL);
  g_assert_true (pacta_database_begin (f->db, NULL));
  g_assert_true (pacta_verifactu_record_cancellation (f->db, invoice, &error));
  g_assert_no_error (error);
  g_assert_true (pacta_database_commit (f->db, NULL));

  second = pacta_test_record_text (f->db, "hash", 2);
  previous = pacta_test_record_text (f->db, "previous_hash", 3);
  g_assert_cmpstr (previous, ==, second);
  text = pacta_test_record_text (f->db, "kind", 3);
  g_assert_cmpstr (text, ==, "anulacion");
  check = verify (f);
  g_assert_true (check->intact);
  g_assert_cmpuint (check->n_records, ==, 3);

  /* Once only */
  g_assert_true (pacta_database_begin (f->db, NULL));
  g_assert_false (pacta_verifactu_record_cancellation (f->db, invoice, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_READ_ONLY);
  pacta_database_rollback (f->db);
}

/* A run started two tenths of a second before the new year, on a clock
 * that moves a quarter of a second at every read, so any second read is in
 * 2027: every invoice and record carries the time the run started, and the
 * numbers follow the run's date (1 December), not the year it ends in */
static void
test_run_across_midnight (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = NULL;
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(PactaVerifactuCheck) check = NULL;

  pacta_test_set_clock ("Europe/Madrid", "2026-12-31T23:59:59.8+01:00");
  pacta_clock_set_step (pacta_clock_get_default (), G_TIME_SPAN_SECOND / 4);
  numbers = pacta_billing_commit (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error);
  after = pacta_now ();
  pacta_test_clock_reset ();

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (numbers), ==, 2);
  g_assert_true (g_str_has_prefix (numbers[0], "INV-2026-"));
  g_assert_true (g_str_has_prefix (numbers[1], "INV-2026-"));
  g_assert_cmpint (g_date_time_get_year (after), ==, 2027);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoices"
                                                " WHERE created_at = '2026-12-31T22:59:59.800000Z'", NULL), ==, 2);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoice_records"
                                                " WHERE generated_at = '2026-12-31T23:59:59+01:00'", NULL), ==, 2);
  check = verify (f);
  g_assert_true (check->intact);
  g_assert_cmpuint (check->n_records, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/pacta/verifactu/official-vectors", test_official_vectors);
  g_test_add_func ("/pacta/verifactu/qr-url", test_qr_url);
  g_test_add_func ("/pacta/verifactu/identifiers-and-amounts", test_identifiers_and_amounts);
  g_test_add ("/pacta/verifactu/chain-over-billing-run", Fixture, NULL, fixture_set_up, test_chain_over_billing_run, fixture_tear_down);
  g_test_add ("/pacta/verifactu/run-records-as-read-back", Fixture, NULL, fixture_set_up, test_run_records_as_read_back, fixture_tear_down);
  g_test_add ("/pacta/verifactu/tampered-amount", Fixture, NULL, fixture_set_up, test_tampered_amount, fixture_tear_down);
  g_test_add ("/pacta/verifactu/tampered-hash", Fixture, NULL, fixture_set_up, test_tampered_hash, fixture_tear_down);
  g_test_add ("/pacta/verifactu/tampered-invoice", Fixture, NULL, fixture_set_up, test_tampered_invoice, fixture_tear_down);
  g_test_add ("/pacta/verifactu/append-only", Fixture, NULL, fixture_set_up, test_append_only, fixture_tear_down);
  g_test_add ("/pacta/verifactu/failure-writes-neither", Fixture, NULL, fixture_set_up, test_failure_writes_neither, fixture_tear_down);
  g_test_add ("/pacta/verifactu/settings", Fixture, NULL, fixture_set_up, test_settings, fixture_tear_down);
  g_test_add ("/pacta/verifactu/on-without-nif-refuses", Fixture, NULL, fixture_set_up, test_on_without_nif_refuses, fixture_tear_down);
  g_test_add ("/pacta/verifactu/run-across-midnight", Fixture, NULL, fixture_set_up, test_run_across_midnight, fixture_tear_down);
  g_test_add ("/pacta/verifactu/cancellation", Fixture, NULL, fixture_set_up, test_cancellation, fixture_tear_down);

  return g_test_run ();
}
