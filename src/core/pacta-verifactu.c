/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-verifactu.c: the invoice records Spain's rules (RD 1007/2023, Orden
 * HAC/1177/2024) require of invoicing software.
 *
 * Every invoice and credit note issued gets a registration record ("alta")
 * in the same transaction that issues it; a cancellation gets an "anulación".
 * Each record carries the fingerprint (SHA-256, uppercase hex) of the
 * previous record of the same issuer and its own fingerprint over the exact
 * "Campo=valor&…" text the tax agency specifies, so one chain runs per issuer
 * and any later change to a record shows. The amounts are formatted once,
 * stored as that text, and reused byte for byte in the fingerprint, the QR
 * code and the XML: "41.4" and "41.40" hash differently.
 *
 * The records are append-only: schema triggers refuse UPDATE and DELETE.
 * Whether a record has been sent to the tax agency lives in a table of its
 * own (invoice_records_sent), so sending never touches a record.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pacta-billing-info-table.h"
#include "pacta-clock.h"
#include "pacta-error.h"
#include "pacta-invoice-document.h"
#include "pacta-row-store.h"
#include "pacta-text.h"
#include "pacta-verifactu.h"

/* ---- settings ------------------------------------------------------------ */

static char *
setting_or (PactaDatabase *database,
            const char    *key,
            const char    *fallback)
{
  char *value = pacta_database_get_setting (database, key);

  if (value == NULL)
    return g_strdup (fallback);
  return value;
}

/**
 * pacta_verifactu_settings_load:
 *
 * The rules are on by default when the MSP's country is Spain, and the
 * issuer's NIF defaults to the Spanish VAT number without its "ES".
 */
PactaVerifactuSettings *
pacta_verifactu_settings_load (PactaDatabase  *database,
                               GError        **error)
{
  g_autoptr(PactaVerifactuSettings) settings = g_new0 (PactaVerifactuSettings, 1);
  g_autofree char *enabled = NULL;
  g_autofree char *country = NULL;
  g_autofree char *vat = NULL;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), NULL);

  enabled = pacta_database_get_setting (database, "verifactu");
  country = pacta_database_get_setting (database, "country");
  if (enabled != NULL)
    settings->enabled = g_strcmp0 (enabled, "on") == 0;
  else
    settings->enabled = g_strcmp0 (country, "ES") == 0;

  settings->issuer_nif = pacta_database_get_setting (database, "verifactu-nif");
  if (settings->issuer_nif == NULL)
    {
      vat = pacta_database_get_setting (database, "vat-number");
      if (vat != NULL && g_str_has_prefix (vat, "ES"))
        settings->issuer_nif = g_strdup (vat + 2);
      else
        settings->issuer_nif = g_strdup (g_strcmp0 (country, "ES") == 0 && vat != NULL ? vat : "");
    }
  settings->system_name = setting_or (database, "verifactu-system-name", "Pacta");
  settings->system_id = setting_or (database, "verifactu-system-id", "PA");
  settings->system_version = setting_or (database, "verifactu-system-version", PACKAGE_VERSION);
  settings->installation = setting_or (database, "verifactu-installation", "");
  settings->producer_name = setting_or (database, "verifactu-producer-name", "Pacta");
  settings->producer_nif = setting_or (database, "verifactu-producer-nif", "");
  settings->environment = setting_or (database, "verifactu-environment", PACTA_VERIFACTU_PRODUCTION);
  if (g_strcmp0 (settings->environment, PACTA_VERIFACTU_TEST) != 0)
    {
      g_free (settings->environment);
      settings->environment = g_strdup (PACTA_VERIFACTU_PRODUCTION);
    }
  return g_steal_pointer (&settings);
}

void
pacta_verifactu_settings_free (PactaVerifactuSettings *settings)
{
  if (settings == NULL)
    return;
  g_free (settings->issuer_nif);
  g_free (settings->system_name);
  g_free (settings->system_id);
  g_free (settings->system_version);
  g_free (settings->installation);
  g_free (settings->producer_name);
  g_free (settings->producer_nif);
  g_free (settings->environment);
  g_free (settings);
}

static gboolean
text_fits (const char *text,
           glong       max_chars)
{
  return text != NULL && *text != '\0' && g_utf8_validate (text, -1, NULL) &&
         g_utf8_strlen (text, -1) <= max_chars;
}

/* A NumeroInstalacion that tells this installation from any other */
static char *
new_installation_number (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_ascii_strup (uuid, -1);
}

/**
 * pacta_verifactu_settings_save:
 *
 * Checks the settings (a valid NIF while the rules are on; the system's
 * identification within the lengths the records allow) and stores them in
 * one transaction. Nothing is stored when anything is wrong.
 */
gboolean
pacta_verifactu_settings_save (PactaDatabase           *database,
                               PactaVerifactuSettings  *settings,
                               GError                 **error)
{
  g_autofree char *nif = NULL;
  g_autofree char *producer_nif = NULL;
  g_autofree char *installation = NULL;
  const char *problem = NULL;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  nif = g_ascii_strup (settings->issuer_nif != NULL ? settings->issuer_nif : "", -1);
  producer_nif = g_ascii_strup (settings->producer_nif != NULL ? settings->producer_nif : "", -1);
  g_strstrip (nif);
  g_strstrip (producer_nif);
  installation = g_strstrip (g_strdup (settings->installation != NULL ? settings->installation : ""));
  if (*installation == '\0')
    {
      g_free (installation);
      installation = new_installation_number ();
    }

  if ((settings->enabled || *nif != '\0') && !pacta_nif_is_valid (nif))
    problem = _("Issuer NIF: not a valid Spanish NIF; it has 9 characters and ends in its check letter or digit");
  else if (!text_fits (settings->system_name, 30))
    problem = _("System name: required, at most 30 characters");
  else if (settings->system_id == NULL || strlen (settings->system_id) < 1 || strlen (settings->system_id) > 2 ||
           !g_ascii_isalnum (settings->system_id[0]) ||
           (settings->system_id[1] != '\0' && !g_ascii_isalnum (settings->system_id[1])))
    problem = _("System ID: one or two letters or digits");
  else if (!text_fits (settings->system_version, 50))
    problem = _("Version: required, at most 50 characters");
  else if (!text_fits (installation, 100))
    problem = _("Installation number: at most 100 characters");
  else if (!text_fits (settings->producer_name, 120))
    problem = _("Producer name: required, at most 120 characters");
  else if (*producer_nif != '\0' && !pacta_nif_is_valid (producer_nif))
    problem = _("Producer NIF: not a valid Spanish NIF; leave it empty if the producer has none");
  else if (settings->environment != NULL && g_strcmp0 (settings->environment, PACTA_VERIFACTU_PRODUCTION) != 0 &&
           g_strcmp0 (settings->environment, PACTA_VERIFACTU_TEST) != 0)
    problem = _("Environment: production or test");
  if (problem != NULL)
    {
      g_set_error_literal (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE, problem);
      return FALSE;
    }

  if (!pacta_database_begin (database, error))
    return FALSE;
  if (!pacta_database_set_setting (database, "verifactu", settings->enabled ? "on" : "off", error) ||
      !pacta_database_set_setting (database, "verifactu-nif", nif, error) ||
      !pacta_database_set_setting (database, "verifactu-system-name", settings->system_name, error) ||
      !pacta_database_set_setting (database, "verifactu-system-id", settings->system_id, error) ||
      !pacta_database_set_setting (database, "verifactu-system-version", settings->system_version, error) ||
      !pacta_database_set_setting (database, "verifactu-installation", installation, error) ||
      !pacta_database_set_setting (database, "verifactu-producer-name", settings->producer_name, error) ||
      !pacta_database_set_setting (database, "verifactu-producer-nif", producer_nif, error) ||
      (settings->environment != NULL &&
       !pacta_database_set_setting (database, "verifactu-environment", settings->environment, error)) ||
      !pacta_database_commit (database, error))
    {
      pacta_database_rollback (database);
      return FALSE;
    }
  return TRUE;
}

/* ---- identifiers, amounts, dates ----------------------------------------- */

static gboolean
all_digits (const char *text,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/**
 * pacta_nif_is_valid:
 *
 * A Spanish tax number with its check character: a DNI (8 digits and a
 * letter), a NIE (X, Y or Z, 7 digits and a letter), a K/L/M number, or a
 * company's CIF (a letter, 7 digits and a check digit or letter).
 */
gboolean
pacta_nif_is_valid (const char *nif)
{
  static const char letters[] = "TRWAGMYFPDXBNJZSQVHLCKE";
  guint64 number;

  if (nif == NULL || strlen (nif) != 9)
    return FALSE;

  if (all_digits (nif, 8))
    {
      number = 0;
      for (guint i = 0; i < 8; i++)
        number = number * 10 + (guint64) (nif[i] - '0');
      return nif[8] == letters[number % 23];
    }
  if (!all_digits (nif + 1, 7))
    return FALSE;
  number = 0;
  for (guint i = 1; i <= 7; i++)
    number = number * 10 + (guint64) (nif[i] - '0');

  if (strchr ("XYZ", nif[0]) != NULL)
    return nif[8] == letters[((guint64) (nif[0] - 'X') * 10000000 + number) % 23];
  if (strchr ("KLM", nif[0]) != NULL)
    return nif[8] == letters[number % 23];
  if (strchr ("ABCDEFGHJNPQRSUVW", nif[0]) != NULL)
    {
      guint sum = 0, control;

      /* Digits in odd places are doubled and their digits added */
      for (guint i = 1; i <= 7; i++)
        {
          guint digit = (guint) (nif[i] - '0');

          if (i % 2 == 1)
            sum += (digit * 2) / 10 + (digit * 2) % 10;
          else
            sum += digit;
        }
      control = (10 - sum % 10) % 10;
      if (strchr ("NPQRSW", nif[0]) != NULL)
        return nif[8] == "JABCDEFGHI"[control];
      if (strchr ("ABEH", nif[0]) != NULL)
        return nif[8] == (char) ('0' + control);
      return nif[8] == (char) ('0' + control) || nif[8] == "JABCDEFGHI"[control];
    }
  return FALSE;
}

/**
 * pacta_verifactu_hash:
 *
 * Returns: (transfer full): the SHA-256 of @text's UTF-8 bytes, as 64
 *   uppercase hexadecimal characters
 */
char *
pacta_verifactu_hash (const char *text)
{
  g_autofree char *lower = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  return g_ascii_strup (lower, -1);
}

/**
 * pacta_verifactu_amount:
 *
 * Returns: (transfer full): @cents as the records write an amount: a point
 *   and always two decimals, a minus sign when negative (“-41.40”)
 */
char *
pacta_verifactu_amount (gint64 cents)
{
  guint64 magnitude = cents < 0 ? (guint64) -cents : (guint64) cents;

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u", cents < 0 ? "-" : "",
                          magnitude / 100, (guint) (magnitude % 100));
}

/**
 * pacta_verifactu_date:
 * @iso_date: YYYY-MM-DD
 *
 * Returns: (transfer full): the date as the records write it, DD-MM-YYYY
 */
char *
pacta_verifactu_date (const char *iso_date)
{
  g_return_val_if_fail (iso_date != NULL && strlen (iso_date) == 10, NULL);

  return g_strdup_printf ("%.2s-%.2s-%.4s", iso_date + 8, iso_date + 5, iso_date);
}

/* Values are trimmed; a missing value is written as nothing ("Huella=") */
static void
append_field (GString    *text,
              const char *name,
              const char *value)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (value != NULL ? value : ""));

  if (text->len > 0)
    g_string_append_c (text, '&');
  g_string_append_printf (text, "%s=%s", name, trimmed);
}

/**
 * pacta_verifactu_registration_text:
 *
 * Returns: (transfer full): the exact text a registration record's
 *   fingerprint is computed over, its eight fields in the agency's order
 */
char *
pacta_verifactu_registration_text (const char *issuer_nif,
                                   const char *number,
                                   const char *date,
                                   const char *invoice_type,
                                   const char *tax_total,
                                   const char *gross_total,
                                   const char *previous_hash,
                                   const char *generated_at)
{
  GString *text = g_string_new (NULL);

  append_field (text, "IDEmisorFactura", issuer_nif);
  append_field (text, "NumSerieFactura", number);
  append_field (text, "FechaExpedicionFactura", date);
  append_field (text, "TipoFactura", invoice_type);
  append_field (text, "CuotaTotal", tax_total);
  append_field (text, "ImporteTotal", gross_total);
  append_field (text, "Huella", previous_hash);
  append_field (text, "FechaHoraHusoGenRegistro", generated_at);
  return g_string_free (text, FALSE);
}

/**
 * pacta_verifactu_cancellation_text:
 *
 * Returns: (transfer full): the exact text a cancellation record's
 *   fingerprint is computed over, its five fields in the agency's order
 */
char *
pacta_verifactu_cancellation_text (const char *issuer_nif,
                                   const char *number,
                                   const char *date,
                                   const char *previous_hash,
                                   const char *generated_at)
{
  GString *text = g_string_new (NULL);

  append_field (text, "IDEmisorFacturaAnulada", issuer_nif);
  append_field (text, "NumSerieFacturaAnulada", number);
  append_field (text, "FechaExpedicionFacturaAnulada", date);
  append_field (text, "Huella", previous_hash);
  append_field (text, "FechaHoraHusoGenRegistro", generated_at);
  return g_string_free (text, FALSE);
}

/**
 * pacta_verifactu_qr_url:
 * @base: one of the PACTA_VERIFACTU_QR_BASE addresses, ending in “?”
 *
 * Returns: (transfer full): the address the invoice's QR code holds: the
 *   four parameters in the agency's order, each URL-encoded
 */
char *
pacta_verifactu_qr_url (const char *base,
                        const char *issuer_nif,
                        const char *number,
                        const char *date,
                        const char *gross_total)
{
  g_autofree char *nif = g_uri_escape_string (issuer_nif, NULL, FALSE);
  g_autofree char *numserie = g_uri_escape_string (number, NULL, FALSE);
  g_autofree char *fecha = g_uri_escape_string (date, NULL, FALSE);
  g_autofree char *importe = g_uri_escape_string (gross_total, NULL, FALSE);

  return g_strdup_printf ("%snif=%s&numserie=%s&fecha=%s&importe=%s", base, nif, numserie, fecha, importe);
}

/* ---- writing records ----------------------------------------------------- */

/* A record's time, with the local offset: 2026-12-01T09:30:00+01:00 */
static char *
format_generated (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");
}

static char *
generated_now (void)
{
  g_autoptr(GDateTime) now = pacta_now ();

  return format_generated (now);
}

/* The last fingerprint of @issuer's chain; "" before the first record */
static gboolean
previous_hash (PactaDatabase  *database,
               const char     *issuer,
               char          **hash,
               GError        **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (database,
                                               "SELECT hash FROM invoice_records WHERE issuer_nif = ?"
                                               " ORDER BY id DESC LIMIT 1",
                                               error);

  if (stmt == NULL)
    return FALSE;
  pacta_sql_bind_text (stmt, 1, issuer);
  return pacta_row_store_read_text (database, stmt, "", hash, N_("reading the invoice records"), error);
}

static PactaVerifactuSettings *
settings_for_record (PactaDatabase  *database,
                     GError        **error)
{
  g_autoptr(PactaVerifactuSettings) settings = pacta_verifactu_settings_load (database, error);

  if (settings == NULL || !settings->enabled)
    return g_steal_pointer (&settings);
  if (!pacta_nif_is_valid (settings->issuer_nif))
    {
      g_set_error_literal (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                           _("Spanish invoicing rules (VERI*FACTU) are on, but your company’s NIF is missing or "
                             "not valid. Set it in Preferences → Invoicing. Nothing was issued."));
      return NULL;
    }
  /* The installation number is made once, with the first record */
  if (*settings->installation == '\0')
    {
      g_free (settings->installation);
      settings->installation = new_installation_number ();
      if (!pacta_database_set_setting (database, "verifactu-installation", settings->installation, error))
        return NULL;
    }
  return g_steal_pointer (&settings);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

static void
add_system (JsonBuilder            *builder,
            PactaVerifactuSettings *settings)
{
  json_builder_set_member_name (builder, "SistemaInformatico");
  json_builder_begin_object (builder);
  add_string (builder, "NombreRazon", settings->producer_name);
  add_string (builder, "NIF", settings->producer_nif);
  add_string (builder, "NombreSistemaInformatico", settings->system_name);
  add_string (builder, "IdSistemaInformatico", settings->system_id);
  add_string (builder, "Version", settings->system_version);
  add_string (builder, "NumeroInstalacion", settings->installation);
  /* Pacta serves one MSP per file, and runs in VERI*FACTU mode only */
  add_string (builder, "TipoUsoPosibleSoloVerifactu", "S");
  add_string (builder, "TipoUsoPosibleMultiOT", "N");
  add_string (builder, "IndicadorMultiplesOT", "N");
  json_builder_end_object (builder);
}

/* What the operation was: the lines' descriptions, within the 500
 * characters the record allows. A sales line's description may run over
 * several lines; the record's text is one line, so they are joined there */
static char *
operation_description (PactaInvoiceDocument *document)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < document->lines->len; i++)
    {
      PactaDocumentLine *line = g_ptr_array_index (document->lines, i);
      g_autofree char *one_line = pacta_text_join_lines (line->description, ", ");

      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append (text, one_line);
    }
  if (text->len == 0)
    g_string_append (text, document->number);
  if (g_utf8_strlen (text->str, -1) > 500)
    {
      const char *end = g_utf8_offset_to_pointer (text->str, 497);

      g_string_truncate (text, (gsize) (end - text->str));
      g_string_append (text, "…");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
is_eu_country (const char *country)
{
  static const char *const eu[] = {
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "GR", "FI", "FR", "HR", "HU", "IE", "IT", "LT", "LU",
    "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
  };

  for (guint i = 0; i < G_N_ELEMENTS (eu); i++)
    if (g_strcmp0 (country, eu[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
add_recipient (JsonBuilder          *builder,
               PactaInvoiceDocument *document)
{
  const char *name = pacta_invoice_document_member (document->customer, "business-name");
  const char *vat = pacta_invoice_document_member (document->customer, "vat-number");
  const char *country = pacta_invoice_document_member (document->customer, "country");

  /* Without a tax number there is no one to name */
  if (vat == NULL || *vat == '\0')
    return;
  json_builder_set_member_name (builder, "Destinatario");
  json_builder_begin_object (builder);
  add_string (builder, "NombreRazon", name);
  if (g_str_has_prefix (vat, "ES") || (g_strcmp0 (country, "ES") == 0 && pacta_nif_is_valid (vat)))
    add_string (builder, "NIF", g_str_has_prefix (vat, "ES") ? vat + 2 : vat);
  else if (is_eu_country (country))
    {
      /* An EU VAT number (VIES) is written with its country's prefix
       * (Greece's is EL) */
      const char *prefix = g_strcmp0 (country, "GR") == 0 ? "EL" : country;
      g_autofree char *id = g_ascii_isalpha (vat[0]) && g_ascii_isalpha (vat[1]) ? g_strdup (vat)
                                                                                  : g_strconcat (prefix, vat, NULL);

      add_string (builder, "CodigoPais", country);
      add_string (builder, "IDType", "02");
      add_string (builder, "ID", id);
    }
  else
    {
      /* Elsewhere, the tax number the country of residence issued */
      add_string (builder, "CodigoPais", country);
      add_string (builder, "IDType", "04");
      add_string (builder, "ID", vat);
    }
  json_builder_end_object (builder);
}

static void
add_breakdown (JsonBuilder          *builder,
               PactaInvoiceDocument *document)
{
  gboolean exempt = document->customer != NULL &&
                    json_object_get_boolean_member_with_default (document->customer, "tax-exempt", FALSE);

  json_builder_set_member_name (builder, "Desglose");
  json_builder_begin_array (builder);
  for (guint i = 0; i < document->tax_bands->len; i++)
    {
      PactaTaxBand *band = &g_array_index (document->tax_bands, PactaTaxBand, i);
      g_autofree char *base = pacta_verifactu_amount (band->base);

      json_builder_begin_object (builder);
      add_string (builder, "Impuesto", "01");        /* IVA */
      add_string (builder, "ClaveRegimen", "01");    /* the general regime */
      if (exempt)
        add_string (builder, "OperacionExenta", "E1");
      else
        {
          g_autofree char *rate = pacta_verifactu_amount (band->tax_rate);
          g_autofree char *tax = pacta_verifactu_amount (band->tax);

          add_string (builder, "CalificacionOperacion", "S1");
          add_string (builder, "TipoImpositivo", rate);
          add_string (builder, "CuotaRepercutida", tax);
        }
      add_string (builder, "BaseImponibleOimporteNoSujeto", base);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static sqlite3_stmt *
prepare_insert_record (PactaDatabase  *database,
                       GError        **error)
{
  return pacta_database_prepare (database,
                                 "INSERT INTO invoice_records (kind, invoice_id, issuer_nif, number,"
                                 " issue_date, invoice_type, tax_total, gross_total, previous_hash,"
                                 " generated_at, hash, detail)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                                 error);
}

/* @stmt: from prepare_insert_record () */
static gboolean
insert_record (PactaDatabase  *database,
               sqlite3_stmt   *stmt,
               const char     *kind,
               gint64          invoice_id,
               const char     *issuer,
               const char     *number,
               const char     *date,
               const char     *invoice_type,
               const char     *tax_total,
               const char     *gross_total,
               const char     *previous,
               const char     *generated_at,
               const char     *hash,
               const char     *detail,
               GError        **error)
{
  pacta_sql_bind_text (stmt, 1, kind);
  sqlite3_bind_int64 (stmt, 2, invoice_id);
  pacta_sql_bind_text (stmt, 3, issuer);
  pacta_sql_bind_text (stmt, 4, number);
  pacta_sql_bind_text (stmt, 5, date);
  pacta_sql_bind_text (stmt, 6, invoice_type);
  pacta_sql_bind_text (stmt, 7, tax_total);
  pacta_sql_bind_text (stmt, 8, gross_total);
  pacta_sql_bind_text (stmt, 9, previous);
  pacta_sql_bind_text (stmt, 10, generated_at);
  pacta_sql_bind_text (stmt, 11, hash);
  pacta_sql_bind_text (stmt, 12, detail);
  return pacta_database_step_done (database, stmt, error);
}

/**
 * pacta_verifactu_registration_detail:
 * @settings: the settings records are written with (enabled, valid NIF)
 * @document: the invoice or credit note being registered
 *
 * What a registration record's XML needs besides its fingerprinted fields,
 * frozen when the record is written: the issuer's name, the corrected
 * invoice of a credit note, the operation, the recipient, the tax breakdown
 * and the invoicing system.
 *
 * Returns: (transfer full): the record's `detail` JSON; %NULL on error
 */
char *
pacta_verifactu_registration_detail (PactaDatabase           *database,
                                     PactaVerifactuSettings  *settings,
                                     PactaInvoiceDocument    *document,
                                     GError                 **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *description = NULL;
  gboolean credit_note = g_strcmp0 (document->kind, "credit_note") == 0;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (settings != NULL && document != NULL, NULL);

  json_builder_begin_object (builder);
  add_string (builder, "NombreRazonEmisor", pacta_invoice_document_member (document->msp, "business-name"));
  if (credit_note && document->credited_number != NULL)
    {
      g_autofree char *credited = pacta_verifactu_date (document->credited_date);
      g_autofree char *credited_issuer = NULL;
      sqlite3_stmt *stmt = pacta_database_prepare (database,
                                                   "SELECT r.issuer_nif FROM invoice_records r"
                                                   " JOIN invoices i ON i.id = r.invoice_id"
                                                   " WHERE i.number = ? AND r.kind = 'alta' ORDER BY r.id LIMIT 1",
                                                   error);

      if (stmt == NULL)
        return NULL;
      pacta_sql_bind_text (stmt, 1, document->credited_number);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        credited_issuer = g_strdup (pacta_sql_column_text (stmt, 0));
      sqlite3_reset (stmt);

      add_string (builder, "TipoRectificativa", "I");
      json_builder_set_member_name (builder, "FacturasRectificadas");
      json_builder_begin_array (builder);
      json_builder_begin_object (builder);
      /* The corrected invoice's own issuer, should the NIF have changed since */
      add_string (builder, "IDEmisorFactura", credited_issuer != NULL ? credited_issuer : settings->issuer_nif);
      add_string (builder, "NumSerieFactura", document->credited_number);
      add_string (builder, "FechaExpedicionFactura", credited);
      json_builder_end_object (builder);
      json_builder_end_array (builder);
    }
  description = operation_description (document);
  add_string (builder, "DescripcionOperacion", description);
  add_recipient (builder, document);
  add_breakdown (builder, document);
  add_system (builder, settings);
  add_string (builder, "TipoHuella", "01");     /* SHA-256 */
  /* Not the agency's: the mode and environment the record was made in,
   * which decide the invoice's QR code and legend for good */
  add_string (builder, "Modo", "VERIFACTU");
  add_string (builder, "Entorno", g_strcmp0 (settings->environment, PACTA_VERIFACTU_TEST) == 0 ? "pruebas" : "produccion");
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* The records of one transaction. The settings are read, and the
 * installation number made, when the first record is written, as a single
 * pacta_verifactu_record_invoice() would; the chain's last fingerprint is
 * then kept here, since only this recorder appends to it until the
 * transaction ends. */
struct _PactaVerifactuRecorder
{
  PactaDatabase          *database;     /* borrowed */
  gboolean                loaded;
  PactaVerifactuSettings *settings;
  char                   *previous;     /* the last fingerprint of the issuer's chain */
  char                   *generated_at; /* one time for all its records */
  sqlite3_stmt           *insert;       /* the database's cached statement */
};

/**
 * pacta_verifactu_recorder_new:
 * @now: the time of the transaction, which every record it makes carries
 *   (a billing run that crosses midnight dates all of them alike)
 *
 * Returns: (transfer full): a recorder for the records of one transaction
 *   that issues invoices; free it before the transaction ends
 */
PactaVerifactuRecorder *
pacta_verifactu_recorder_new (PactaDatabase *database,
                              GDateTime     *now)
{
  PactaVerifactuRecorder *recorder;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  recorder = g_new0 (PactaVerifactuRecorder, 1);
  recorder->database = database;
  recorder->generated_at = format_generated (now);
  return recorder;
}

void
pacta_verifactu_recorder_free (PactaVerifactuRecorder *recorder)
{
  if (recorder == NULL)
    return;
  pacta_verifactu_settings_free (recorder->settings);
  g_free (recorder->previous);
  g_free (recorder->generated_at);
  g_free (recorder);
}

static gboolean
recorder_load (PactaVerifactuRecorder  *recorder,
               GError                 **error)
{
  if (recorder->loaded)
    return TRUE;
  if (!(recorder->settings = settings_for_record (recorder->database, error)))
    return FALSE;
  if (recorder->settings->enabled &&
      !previous_hash (recorder->database, recorder->settings->issuer_nif, &recorder->previous, error))
    return FALSE;
  recorder->loaded = TRUE;
  return TRUE;
}

/**
 * pacta_verifactu_recorder_add:
 * @document: the invoice or credit note just written, with its id
 *
 * Appends @document's registration record to its issuer's chain, built
 * from @document as it is, without reading the invoice back. Does nothing
 * while the Spanish rules are off; fails when they are on without a valid
 * NIF.
 */
gboolean
pacta_verifactu_recorder_add (PactaVerifactuRecorder  *recorder,
                              PactaInvoiceDocument    *document,
                              GError                 **error)
{
  PactaVerifactuSettings *settings;
  const char *generated_at;
  g_autofree char *date = NULL;
  g_autofree char *tax = NULL;
  g_autofree char *gross = NULL;
  g_autofree char *text = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *detail = NULL;
  const char *invoice_type;

  g_return_val_if_fail (recorder != NULL, FALSE);
  g_return_val_if_fail (document != NULL, FALSE);

  if (!recorder_load (recorder, error))
    return FALSE;
  settings = recorder->settings;
  if (!settings->enabled)
    return TRUE;
  generated_at = recorder->generated_at;

  /* F1: a complete invoice; R1: its correction (Art. 80 LIVA), by differences */
  invoice_type = g_strcmp0 (document->kind, "credit_note") == 0 ? "R1" : "F1";
  date = pacta_verifactu_date (document->issue_date);
  tax = pacta_verifactu_amount (document->tax);
  gross = pacta_verifactu_amount (document->gross);
  text = pacta_verifactu_registration_text (settings->issuer_nif, document->number, date,
                                            invoice_type, tax, gross, recorder->previous, generated_at);
  hash = pacta_verifactu_hash (text);
  if (!(detail = pacta_verifactu_registration_detail (recorder->database, settings, document, error)))
    return FALSE;

  if (recorder->insert == NULL &&
      !(recorder->insert = prepare_insert_record (recorder->database, error)))
    return FALSE;
  if (!insert_record (recorder->database, recorder->insert, "alta", document->id, settings->issuer_nif,
                      document->number, date, invoice_type, tax, gross, recorder->previous, generated_at,
                      hash, detail, error))
    return FALSE;

  g_free (recorder->previous);
  recorder->previous = g_steal_pointer (&hash);
  return TRUE;
}

/**
 * pacta_verifactu_record_invoice:
 *
 * Appends the registration record of an invoice or credit note just issued
 * to its issuer's chain. Call it inside the transaction that issues the
 * invoice, so that both are written or neither. Does nothing while the
 * Spanish rules are off; fails when they are on without a valid NIF.
 */
gboolean
pacta_verifactu_record_invoice (PactaDatabase  *database,
                                gint64          invoice_id,
                                GError        **error)
{
  g_autoptr(PactaVerifactuRecorder) recorder = NULL;
  g_autoptr(PactaInvoiceDocument) document = NULL;
  g_autoptr(GDateTime) now = pacta_now ();

  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);

  recorder = pacta_verifactu_recorder_new (database, now);
  if (!recorder_load (recorder, error))
    return FALSE;
  if (!recorder->settings->enabled)
    return TRUE;
  if (!(document = pacta_invoice_document_load (database, invoice_id, error)))
    return FALSE;
  return pacta_verifactu_recorder_add (recorder, document, error);
}

/**
 * pacta_verifactu_record_cancellation:
 *
 * Appends a cancellation record for an invoice registered by mistake (one
 * that should never have been issued). Pacta corrects issued invoices with
 * credit notes; this is for the cases the rules call cancellation. Call it
 * inside a transaction.
 */
gboolean
pacta_verifactu_record_cancellation (PactaDatabase  *database,
                                     gint64          invoice_id,
                                     GError        **error)
{
  g_autoptr(PactaVerifactuSettings) settings = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *generated_at = generated_now ();
  g_autofree char *number = NULL;
  g_autofree char *date = NULL;
  g_autofree char *issuer = NULL;
  g_autofree char *text = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  gboolean cancelled = FALSE;
  int rc;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);

  if (!(settings = settings_for_record (database, error)))
    return FALSE;

  stmt = pacta_database_prepare (database,
                                 "SELECT number, issue_date, issuer_nif,"
                                 " EXISTS (SELECT 1 FROM invoice_records c WHERE c.invoice_id = r.invoice_id"
                                 "         AND c.kind = 'anulacion')"
                                 " FROM invoice_records r WHERE invoice_id = ? AND kind = 'alta'"
                                 " ORDER BY id LIMIT 1",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, invoice_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      number = g_strdup (pacta_sql_column_text (stmt, 0));
      date = g_strdup (pacta_sql_column_text (stmt, 1));
      issuer = g_strdup (pacta_sql_column_text (stmt, 2));
      cancelled = sqlite3_column_int (stmt, 3) != 0;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND,
                             _("The invoice has no record to cancel"));
      else
        pacta_database_set_error (database, error, _("reading the invoice records"));
      return FALSE;
    }
  if (cancelled)
    {
      g_set_error_literal (error, PACTA_ERROR, PACTA_ERROR_READ_ONLY, _("The invoice’s record is cancelled already"));
      return FALSE;
    }

  /* The cancellation continues the chain of the issuer that registered it */
  if (!previous_hash (database, issuer, &previous, error))
    return FALSE;
  text = pacta_verifactu_cancellation_text (issuer, number, date, previous, generated_at);
  hash = pacta_verifactu_hash (text);
  json_builder_begin_object (builder);
  add_system (builder, settings);
  add_string (builder, "TipoHuella", "01");
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  detail = json_to_string (root, FALSE);

  if (!(stmt = prepare_insert_record (database, error)))
    return FALSE;
  return insert_record (database, stmt, "anulacion", invoice_id, issuer, number, date, NULL, NULL, NULL, previous,
                        generated_at, hash, detail, error);
}

/* ---- corrections ---------------------------------------------------------- */

/* The parts of a record's detail that say what the invoice is, without
 * the correction's flags, the mode and the system (a new version of Pacta
 * is not a fix) */
static JsonNode *
detail_content (const char *detail)
{
  static const char *const not_content[] = {
    "Subsanacion", "RechazoPrevio", "SinRegistroPrevio", "SistemaInformatico", "Modo", "Entorno",
  };
  g_autoptr(JsonNode) node = json_from_string (detail, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (not_content); i++)
    json_object_remove_member (json_node_get_object (node), not_content[i]);
  return g_steal_pointer (&node);
}

static char *
detail_with_flags (const char *detail,
                   const char *first_name,
                   ...) G_GNUC_NULL_TERMINATED;

static char *
detail_with_flags (const char *detail,
                   const char *first_name,
                   ...)
{
  g_autoptr(JsonNode) node = json_from_string (detail, NULL);
  va_list args;

  g_return_val_if_fail (node != NULL && JSON_NODE_HOLDS_OBJECT (node), NULL);
  va_start (args, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      if (value != NULL)
        json_object_set_string_member (json_node_get_object (node), name, value);
    }
  va_end (args);
  return json_to_string (node, FALSE);
}

typedef struct
{
  gint64   record_id;
  char    *kind;
  char    *issuer;
  char    *number;
  char    *date;
  char    *invoice_type;
  char    *tax_total;
  char    *gross_total;
  char    *detail;
  gint64   customer_id;
  gboolean answered;
  gboolean accepted;
  int      code;
  char    *message;
  gboolean agency_holds;  /* the agency holds a record of this kind for the invoice */
} LastRecord;

static void
last_record_clear (LastRecord *last)
{
  g_free (last->kind);
  g_free (last->issuer);
  g_free (last->number);
  g_free (last->date);
  g_free (last->invoice_type);
  g_free (last->tax_total);
  g_free (last->gross_total);
  g_free (last->detail);
  g_free (last->message);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LastRecord, last_record_clear)

static gboolean
load_last_record (PactaDatabase  *database,
                  gint64          invoice_id,
                  LastRecord     *last,
                  GError        **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (database,
                                               "SELECT r.id, r.kind, r.issuer_nif, r.number, r.issue_date, r.invoice_type,"
                                               " r.tax_total, r.gross_total, r.detail, i.customer_id,"
                                               " v.record_id IS NOT NULL, coalesce (v.accepted, 0), coalesce (v.code, 0), v.message,"
                                               " EXISTS (SELECT 1 FROM invoice_records o JOIN invoice_records_sent s ON s.record_id = o.id"
                                               "         WHERE o.invoice_id = r.invoice_id AND o.kind = r.kind)"
                                               " FROM invoice_records r JOIN invoices i ON i.id = r.invoice_id"
                                               " LEFT JOIN verifactu_results v ON v.record_id = r.id"
                                               " WHERE r.invoice_id = ?1"
                                               " ORDER BY r.id DESC, v.submission_id DESC LIMIT 1",
                                               error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, invoice_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      last->record_id = sqlite3_column_int64 (stmt, 0);
      last->kind = g_strdup (pacta_sql_column_text (stmt, 1));
      last->issuer = g_strdup (pacta_sql_column_text (stmt, 2));
      last->number = g_strdup (pacta_sql_column_text (stmt, 3));
      last->date = g_strdup (pacta_sql_column_text (stmt, 4));
      last->invoice_type = g_strdup (pacta_sql_column_text (stmt, 5));
      last->tax_total = g_strdup (pacta_sql_column_text (stmt, 6));
      last->gross_total = g_strdup (pacta_sql_column_text (stmt, 7));
      last->detail = g_strdup (pacta_sql_column_text (stmt, 8));
      last->customer_id = sqlite3_column_int64 (stmt, 9);
      last->answered = sqlite3_column_int (stmt, 10) != 0;
      last->accepted = sqlite3_column_int (stmt, 11) != 0;
      last->code = sqlite3_column_int (stmt, 12);
      last->message = g_strdup (pacta_sql_column_text (stmt, 13));
      last->agency_holds = sqlite3_column_int (stmt, 14) != 0;
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND, _("The invoice has no invoice record"));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      pacta_database_set_error (database, error, _("reading the invoice records"));
      return FALSE;
    }
  return TRUE;
}

/* The registration record again, as the invoice is now described: its
 * lines and amounts as issued, the recipient as the customer's billing
 * information says today (where the usual fix is made) */
static char *
correction_detail (PactaDatabase           *database,
                   PactaVerifactuSettings  *settings,
                   gint64                   invoice_id,
                   gint64                   customer_id,
                   GError                 **error)
{
  g_autoptr(PactaInvoiceDocument) document = NULL;
  g_autoptr(PactaBillingInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!(document = pacta_invoice_document_load (database, invoice_id, error)))
    return NULL;
  info = pacta_billing_info_load (database, customer_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (info != NULL)
    {
      g_autoptr(JsonNode) node = json_gobject_serialize (G_OBJECT (info));

      g_clear_pointer (&document->customer, json_object_unref);
      document->customer = json_object_ref (json_node_get_object (node));
    }
  return pacta_verifactu_registration_detail (database, settings, document, error);
}

/**
 * pacta_verifactu_record_correction:
 *
 * Puts right the invoice's last record, which the tax agency rejected or
 * accepted with errors, by a new record chained last — never by editing the
 * old one or sending it again. A registration record is made anew from the
 * invoice and the customer's billing information as it is now, with
 * Subsanacion=S and RechazoPrevio as the agency's rules say:
 *
 * | the last record                                  | RechazoPrevio |
 * |--------------------------------------------------|---------------|
 * | accepted with errors (the agency holds it)        | N             |
 * | rejected, an earlier record of it accepted        | S             |
 * | rejected, the agency holds none of the invoice     | X             |
 *
 * A rejected cancellation is made again with RechazoPrevio=S, and
 * SinRegistroPrevio=S when the agency holds no registration of the invoice.
 *
 * Refused when the last record is not answered yet, was accepted cleanly (or
 * only late, 2004), or when the correction would say the same as the record
 * the agency refused: the cause (a NIF, a name) must be fixed first, so that
 * the agency is never sent the same refusal twice. Runs in a transaction of
 * its own.
 */
gboolean
pacta_verifactu_record_correction (PactaDatabase  *database,
                                   gint64          invoice_id,
                                   GError        **error)
{
  g_autoptr(PactaVerifactuSettings) settings = NULL;
  g_auto(LastRecord) last = { 0, };
  g_autofree char *previous = NULL;
  g_autofree char *generated_at = NULL;
  g_autofree char *text = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *detail = NULL;
  gboolean cancellation;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);

  if (!pacta_database_begin (database, error))
    return FALSE;
  if (!(settings = settings_for_record (database, error)))
    goto failed;
  if (!settings->enabled)
    {
      g_set_error_literal (error, PACTA_ERROR, PACTA_ERROR_READ_ONLY,
                           _("Spanish invoicing rules (VERI*FACTU) are off: no record is corrected"));
      goto failed;
    }
  if (!load_last_record (database, invoice_id, &last, error))
    goto failed;
  cancellation = g_strcmp0 (last.kind, "anulacion") == 0;
  if (!last.answered)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_READ_ONLY,
                   _("The record of %s has no answer from the tax agency yet; it can only be corrected once answered"),
                   last.number);
      goto failed;
    }
  if (last.accepted && (last.code == 0 || last.code == 2004 || cancellation))
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_READ_ONLY,
                   _("The tax agency accepted the record of %s: there is nothing to correct"), last.number);
      goto failed;
    }

  if (!previous_hash (database, last.issuer, &previous, error))
    goto failed;
  generated_at = generated_now ();

  if (cancellation)
    {
      text = pacta_verifactu_cancellation_text (last.issuer, last.number, last.date, previous, generated_at);
      detail = detail_with_flags (last.detail,
                                  "RechazoPrevio", "S",
                                  "SinRegistroPrevio", last.agency_holds ? NULL : "S",
                                  NULL);
    }
  else
    {
      g_autoptr(JsonNode) was = NULL;
      g_autoptr(JsonNode) now = NULL;
      const char *rejected_before = last.accepted ? "N" : last.agency_holds ? "S" : "X";

      if (!(fresh = correction_detail (database, settings, invoice_id, last.customer_id, error)))
        goto failed;
      was = detail_content (last.detail);
      now = detail_content (fresh);
      if (was != NULL && now != NULL && json_node_equal (was, now))
        {
          /* Translators: an invoice number, then the agency's own words */
          g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                       _("The correction of %s would say the same as the record the tax agency refused (%s). "
                         "Fix the cause first, such as the customer’s NIF in its billing information."),
                       last.number, last.message != NULL ? last.message : "");
          goto failed;
        }
      text = pacta_verifactu_registration_text (last.issuer, last.number, last.date, last.invoice_type,
                                                last.tax_total, last.gross_total, previous, generated_at);
      detail = detail_with_flags (fresh, "Subsanacion", "S", "RechazoPrevio", rejected_before, NULL);
    }
  hash = pacta_verifactu_hash (text);

  if (!(stmt = prepare_insert_record (database, error)) ||
      !insert_record (database, stmt, last.kind, invoice_id, last.issuer, last.number, last.date,
                      cancellation ? NULL : last.invoice_type, cancellation ? NULL : last.tax_total,
                      cancellation ? NULL : last.gross_total, previous, generated_at, hash, detail, error) ||
      !pacta_database_commit (database, error))
    goto failed;
  return TRUE;

failed:
  pacta_database_rollback (database);
  return FALSE;
}

/**
 * pacta_verifactu_invoice_qr:
 * @verifactu_mode: (out) (optional): whether the invoice was issued in
 *   VERI*FACTU mode, so that it carries the "VERI*FACTU" legend
 *
 * The address for the invoice's QR code, from its first registration
 * record. The mode and environment the record was made in decide which of
 * the agency's checks it names, not whether it was sent yet: an invoice
 * printed before its record goes out is the same as one printed after.
 *
 * Returns: (transfer full) (nullable): the address; %NULL when the
 *   invoice has no record
 */
char *
pacta_verifactu_invoice_qr (PactaDatabase *database,
                            gint64         invoice_id,
                            gboolean      *verifactu_mode)
{
  sqlite3_stmt *stmt = pacta_database_prepare (database,
                                               "SELECT issuer_nif, number, issue_date, gross_total,"
                                               " json_extract (detail, '$.Modo'), json_extract (detail, '$.Entorno')"
                                               " FROM invoice_records WHERE invoice_id = ? AND kind = 'alta'"
                                               " ORDER BY id LIMIT 1",
                                               NULL);
  char *url = NULL;

  if (verifactu_mode != NULL)
    *verifactu_mode = FALSE;
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, invoice_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gboolean verifactu = g_strcmp0 (pacta_sql_column_text (stmt, 4), "VERIFACTU") == 0;
      const char *base = !verifactu ? PACTA_VERIFACTU_QR_BASE
                         : g_strcmp0 (pacta_sql_column_text (stmt, 5), "pruebas") == 0 ? PACTA_VERIFACTU_QR_BASE_TESTING
                         : PACTA_VERIFACTU_QR_BASE_SENT;

      url = pacta_verifactu_qr_url (base, pacta_sql_column_text (stmt, 0), pacta_sql_column_text (stmt, 1),
                                    pacta_sql_column_text (stmt, 2), pacta_sql_column_text (stmt, 3));
      if (verifactu_mode != NULL)
        *verifactu_mode = verifactu;
    }
  sqlite3_reset (stmt);
  return url;
}

/**
 * pacta_verifactu_invoice_qr_url:
 *
 * Returns: (transfer full) (nullable): the address for the invoice's QR
 *   code, as pacta_verifactu_invoice_qr(); %NULL when it has none
 */
char *
pacta_verifactu_invoice_qr_url (PactaDatabase *database,
                                gint64         invoice_id)
{
  return pacta_verifactu_invoice_qr (database, invoice_id, NULL);
}

/**
 * pacta_verifactu_count_pending:
 *
 * Returns: how many records have no answer from the tax agency yet (not
 *   sent, or sent without a reply); -1 on error
 */
gint64
pacta_verifactu_count_pending (PactaDatabase  *database,
                               GError        **error)
{
  return pacta_database_count (database,
                               "SELECT count(*) FROM invoice_records r"
                               " WHERE NOT EXISTS (SELECT 1 FROM verifactu_results v WHERE v.record_id = r.id)",
                               error);
}

/* ---- verifying the chain ------------------------------------------------- */

void
pacta_verifactu_check_free (PactaVerifactuCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->number);
  g_free (check->problem);
  g_free (check->expected);
  g_free (check->found);
  g_free (check);
}

static void
broken (PactaVerifactuCheck *check,
        gint64               record_id,
        const char          *number,
        const char          *problem,
        const char          *expected,
        const char          *found)
{
  check->intact = FALSE;
  check->record_id = record_id;
  check->number = g_strdup (number);
  check->problem = g_strdup (problem);
  check->expected = g_strdup (expected);
  check->found = g_strdup (found);
}

/**
 * pacta_verifactu_verify:
 *
 * Walks every record in the order written and checks, for each: that it
 * names the fingerprint of the record before it in its issuer's chain; that
 * its own fingerprint is the one of its fields; and that its number, date
 * and amounts are those of the invoice it records. Stops at the first
 * broken link.
 *
 * Returns: (transfer full): what was found; %NULL when the records could
 *   not be read
 */
PactaVerifactuCheck *
pacta_verifactu_verify (PactaDatabase  *database,
                        GError        **error)
{
  g_autoptr(PactaVerifactuCheck) check = g_new0 (PactaVerifactuCheck, 1);
  g_autoptr(GHashTable) last = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), NULL);

  check->intact = TRUE;
  stmt = pacta_database_prepare (database,
                                 "SELECT r.id, r.kind, r.issuer_nif, r.number, r.issue_date, r.invoice_type,"
                                 " r.tax_total, r.gross_total, r.previous_hash, r.generated_at, r.hash,"
                                 " i.number, i.issue_date, i.tax, i.gross"
                                 " FROM invoice_records r LEFT JOIN invoices i ON i.id = r.invoice_id"
                                 " ORDER BY r.id",
                                 error);
  if (stmt == NULL)
    return NULL;

  while (check->intact && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gboolean alta = g_strcmp0 (pacta_sql_column_text (stmt, 1), "alta") == 0;
      const char *issuer = pacta_sql_column_text (stmt, 2);
      const char *number = pacta_sql_column_text (stmt, 3);
      const char *date = pacta_sql_column_text (stmt, 4);
      const char *previous = pacta_sql_column_text (stmt, 8);
      const char *generated_at = pacta_sql_column_text (stmt, 9);
      const char *stored = pacta_sql_column_text (stmt, 10);
      const char *expected_previous = g_hash_table_lookup (last, issuer != NULL ? issuer : "");
      g_autofree char *text = NULL;
      g_autofree char *hash = NULL;

      check->n_records++;
      if (g_strcmp0 (previous != NULL ? previous : "", expected_previous != NULL ? expected_previous : "") != 0)
        {
          broken (check, id, number, _("It does not name the fingerprint of the record before it"),
                  expected_previous != NULL ? expected_previous : "", previous);
          break;
        }

      if (alta)
        text = pacta_verifactu_registration_text (issuer, number, date, pacta_sql_column_text (stmt, 5),
                                                  pacta_sql_column_text (stmt, 6), pacta_sql_column_text (stmt, 7),
                                                  previous, generated_at);
      else
        text = pacta_verifactu_cancellation_text (issuer, number, date, previous, generated_at);
      hash = pacta_verifactu_hash (text);
      if (g_strcmp0 (hash, stored) != 0)
        {
          broken (check, id, number, _("Its fingerprint is not the one of its fields: the record was changed"),
                  hash, stored);
          break;
        }

      /* The record and the invoice it records agree */
      if (sqlite3_column_type (stmt, 11) == SQLITE_NULL)
        {
          broken (check, id, number, _("The invoice it records is missing"), number, "");
          break;
        }
      {
        g_autofree char *invoice_date = pacta_verifactu_date (pacta_sql_column_text (stmt, 12));
        g_autofree char *invoice_tax = pacta_verifactu_amount (sqlite3_column_int64 (stmt, 13));
        g_autofree char *invoice_gross = pacta_verifactu_amount (sqlite3_column_int64 (stmt, 14));
        g_autofree char *expected = NULL;
        g_autofree char *found = NULL;

        expected = alta ? g_strjoin (" ", pacta_sql_column_text (stmt, 11), invoice_date, invoice_tax, invoice_gross, NULL)
                        : g_strjoin (" ", pacta_sql_column_text (stmt, 11), invoice_date, NULL);
        found = alta ? g_strjoin (" ", number, date, pacta_sql_column_text (stmt, 6), pacta_sql_column_text (stmt, 7), NULL)
                     : g_strjoin (" ", number, date, NULL);
        if (g_strcmp0 (expected, found) != 0)
          {
            broken (check, id, number, _("Its number, date or amounts differ from the invoice’s"), expected, found);
            break;
          }
      }
      g_hash_table_insert (last, g_strdup (issuer != NULL ? issuer : ""), g_strdup (stored));
    }
  if (check->intact && rc != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      pacta_database_set_error (database, error, _("reading the invoice records"));
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&check);
}

/**
 * pacta_verifactu_check_describe:
 *
 * Returns: (transfer full): the check's outcome in words, for the command
 *   line and the window
 */
char *
pacta_verifactu_check_describe (PactaVerifactuCheck *check)
{
  g_autofree char *record = NULL;

  g_return_val_if_fail (check != NULL, NULL);

  if (check->intact)
    return g_strdup_printf (ngettext ("The chain of %u invoice record is intact.",
                                      "The chain of %u invoice records is intact.", check->n_records),
                            check->n_records);
  record = g_strdup_printf ("%" G_GINT64_FORMAT, check->record_id);
  /* Translators: record id, invoice number, what is wrong, then two fingerprints or values */
  return g_strdup_printf (_("The chain is broken at record %s (%s): %s.\n"
                            "Expected: %s\nFound:    %s"),
                          record, check->number != NULL ? check->number : "",
                          check->problem, check->expected != NULL ? check->expected : "",
                          check->found != NULL ? check->found : "");
}
