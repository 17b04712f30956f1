/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-verifactu-xml.c: the invoice records written out as the tax agency's
 * XML, RegFactuSistemaFacturacion of SuministroLR.xsd.
 *
 * Used to hand the records over when the agency asks for them (the records
 * must be exportable on demand) and, later, as the body of a VERI*FACTU
 * submission. Element names and their order follow SuministroLR.xsd and
 * SuministroInformacion.xsd: XML Schema sequences are ordered, so an element
 * out of place makes the whole file invalid.
 *
 * Every value is the text stored with the record, byte for byte: the
 * fingerprint was computed over those texts, and "41.4" is not "41.40" to
 * it. Nothing here formats an amount or a date.
 *
 * One file names one issuer in its header (Cabecera/ObligadoEmision), so the
 * records of each issuer go into files of their own, and a file holds at
 * most 1,000 records, as a submission may.
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "pacta-error.h"
#include "pacta-row-store.h"
#include "pacta-verifactu-xml.h"

/* The two prefixes the agency's own examples use */
#define LR "sum:"
#define SF "sum1:"

/* ---- writing elements ---------------------------------------------------- */

static void
indent (GString *xml,
        guint    depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append (xml, "  ");
}

static void
open_element (GString    *xml,
              guint       depth,
              const char *name)
{
  indent (xml, depth);
  g_string_append_printf (xml, "<%s>\n", name);
}

static void
close_element (GString    *xml,
               guint       depth,
               const char *name)
{
  indent (xml, depth);
  g_string_append_printf (xml, "</%s>\n", name);
}

/* The value goes in as it is, escaped only: no whitespace around it, since
 * a reader would keep that whitespace as part of the value */
static void
text_element (GString    *xml,
              guint       depth,
              const char *name,
              const char *value)
{
  g_autofree char *clean = g_strdup (value != NULL ? value : "");
  g_autofree char *escaped = NULL;

  /* XML 1.0 can't carry control characters other than tab and line breaks,
   * not even escaped; free text (a description) may hold them, and they
   * become spaces. The fingerprinted values never do: numbers, dates,
   * amounts and fingerprints refuse them when they are made. */
  for (char *p = clean; *p != '\0'; p++)
    if ((guchar) *p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
      *p = ' ';
  escaped = g_markup_escape_text (clean, -1);

  indent (xml, depth);
  g_string_append_printf (xml, "<%s>%s</%s>\n", name, escaped, name);
}

/* ---- reading the stored detail ------------------------------------------- */

/* @object's member @name; %NULL when either is missing */
static JsonNode *
member_node (JsonObject *object,
             const char *name)
{
  if (object == NULL || !json_object_has_member (object, name))
    return NULL;
  return json_object_get_member (object, name);
}

static const char *
member_text (JsonObject *object,
             const char *name)
{
  JsonNode *node = member_node (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
member_is_set (JsonObject *object,
               const char *name)
{
  const char *text = member_text (object, name);

  return text != NULL && *text != '\0';
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = member_node (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = member_node (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* A required element: written even when the detail lacks it, so that the
 * gap shows where it is rather than the file silently skipping it */
static void
detail_element (GString    *xml,
                guint       depth,
                JsonObject *object,
                const char *name)
{
  g_autofree char *element = g_strconcat (SF, name, NULL);

  text_element (xml, depth, element, member_text (object, name));
}

static void
optional_detail_element (GString    *xml,
                         guint       depth,
                         JsonObject *object,
                         const char *name)
{
  if (member_is_set (object, name))
    detail_element (xml, depth, object, name);
}

/* ---- the parts of a record ----------------------------------------------- */

typedef struct
{
  gint64  id;
  char   *issuer;
  char   *number;
  char   *date;
  char   *hash;
} Previous;

static void
previous_clear (Previous *previous)
{
  previous->id = 0;
  g_clear_pointer (&previous->issuer, g_free);
  g_clear_pointer (&previous->number, g_free);
  g_clear_pointer (&previous->date, g_free);
  g_clear_pointer (&previous->hash, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Previous, previous_clear)

/* The record before in the same chain; for a cancellation, its fields are
 * those of the invoice it cancelled (the "Anulada" values), which is what
 * the next record names */
static void
write_chaining (GString        *xml,
                guint           depth,
                const Previous *previous)
{
  open_element (xml, depth, SF "Encadenamiento");
  if (previous->id == 0)
    text_element (xml, depth + 1, SF "PrimerRegistro", "S");
  else
    {
      open_element (xml, depth + 1, SF "RegistroAnterior");
      text_element (xml, depth + 2, SF "IDEmisorFactura", previous->issuer);
      text_element (xml, depth + 2, SF "NumSerieFactura", previous->number);
      text_element (xml, depth + 2, SF "FechaExpedicionFactura", previous->date);
      text_element (xml, depth + 2, SF "Huella", previous->hash);
      close_element (xml, depth + 1, SF "RegistroAnterior");
    }
  close_element (xml, depth, SF "Encadenamiento");
}

static void
write_other_id (GString    *xml,
                guint       depth,
                JsonObject *object)
{
  open_element (xml, depth, SF "IDOtro");
  optional_detail_element (xml, depth + 1, object, "CodigoPais");
  detail_element (xml, depth + 1, object, "IDType");
  detail_element (xml, depth + 1, object, "ID");
  close_element (xml, depth, SF "IDOtro");
}

static void
write_system (GString    *xml,
              guint       depth,
              JsonObject *detail)
{
  JsonObject *system = member_object (detail, "SistemaInformatico");
  static const char *const rest[] = {
    "NombreSistemaInformatico", "IdSistemaInformatico", "Version", "NumeroInstalacion",
    "TipoUsoPosibleSoloVerifactu", "TipoUsoPosibleMultiOT", "IndicadorMultiplesOT",
  };

  open_element (xml, depth, SF "SistemaInformatico");
  detail_element (xml, depth + 1, system, "NombreRazon");
  /* The schema wants the producer's NIF or another identifier. A producer
   * without a Spanish NIF has its foreign one in IDOtro when it was stored;
   * otherwise the record says "07" (not registered) with no number. */
  if (member_is_set (system, "NIF"))
    detail_element (xml, depth + 1, system, "NIF");
  else if (member_object (system, "IDOtro") != NULL)
    write_other_id (xml, depth + 1, member_object (system, "IDOtro"));
  else
    {
      open_element (xml, depth + 1, SF "IDOtro");
      text_element (xml, depth + 2, SF "IDType", "07");
      text_element (xml, depth + 2, SF "ID", "");
      close_element (xml, depth + 1, SF "IDOtro");
    }
  for (guint i = 0; i < G_N_ELEMENTS (rest); i++)
    detail_element (xml, depth + 1, system, rest[i]);
  close_element (xml, depth, SF "SistemaInformatico");
}

static void
write_rectified (GString    *xml,
                 guint       depth,
                 JsonObject *detail)
{
  JsonArray *rectified = member_array (detail, "FacturasRectificadas");

  optional_detail_element (xml, depth, detail, "TipoRectificativa");
  if (rectified == NULL || json_array_get_length (rectified) == 0)
    return;
  open_element (xml, depth, SF "FacturasRectificadas");
  for (guint i = 0; i < json_array_get_length (rectified); i++)
    {
      JsonNode *node = json_array_get_element (rectified, i);
      JsonObject *invoice = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      open_element (xml, depth + 1, SF "IDFacturaRectificada");
      detail_element (xml, depth + 2, invoice, "IDEmisorFactura");
      detail_element (xml, depth + 2, invoice, "NumSerieFactura");
      detail_element (xml, depth + 2, invoice, "FechaExpedicionFactura");
      close_element (xml, depth + 1, SF "IDFacturaRectificada");
    }
  close_element (xml, depth, SF "FacturasRectificadas");
}

static void
write_recipient (GString    *xml,
                 guint       depth,
                 JsonObject *detail)
{
  JsonObject *recipient = member_object (detail, "Destinatario");

  /* Invoices to customers without a tax number name no recipient */
  if (recipient == NULL)
    return;
  open_element (xml, depth, SF "Destinatarios");
  open_element (xml, depth + 1, SF "IDDestinatario");
  detail_element (xml, depth + 2, recipient, "NombreRazon");
  if (member_text (recipient, "NIF") != NULL)
    detail_element (xml, depth + 2, recipient, "NIF");
  else
    write_other_id (xml, depth + 2, recipient);
  close_element (xml, depth + 1, SF "IDDestinatario");
  close_element (xml, depth, SF "Destinatarios");
}

static void
write_breakdown (GString    *xml,
                 guint       depth,
                 JsonObject *detail)
{
  /* DetalleType's order, which is not the order the detail was stored in:
   * the base comes before the tax on it */
  static const char *const fields[] = {
    "Impuesto", "ClaveRegimen", "CalificacionOperacion", "OperacionExenta", "TipoImpositivo",
    "BaseImponibleOimporteNoSujeto", "BaseImponibleACoste", "CuotaRepercutida",
    "TipoRecargoEquivalencia", "CuotaRecargoEquivalencia",
  };
  JsonArray *bands = member_array (detail, "Desglose");

  open_element (xml, depth, SF "Desglose");
  for (guint i = 0; bands != NULL && i < json_array_get_length (bands); i++)
    {
      JsonNode *node = json_array_get_element (bands, i);
      JsonObject *band = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      open_element (xml, depth + 1, SF "DetalleDesglose");
      for (guint j = 0; j < G_N_ELEMENTS (fields); j++)
        if (member_text (band, fields[j]) != NULL)
          detail_element (xml, depth + 2, band, fields[j]);
      close_element (xml, depth + 1, SF "DetalleDesglose");
    }
  close_element (xml, depth, SF "Desglose");
}

static const char *
hash_type (JsonObject *detail)
{
  return member_is_set (detail, "TipoHuella") ? member_text (detail, "TipoHuella") : "01";
}

/* Columns of the batch query, in its order */
enum
{
  COL_ID,
  COL_KIND,
  COL_ISSUER,
  COL_NUMBER,
  COL_DATE,
  COL_INVOICE_TYPE,
  COL_TAX_TOTAL,
  COL_GROSS_TOTAL,
  COL_PREVIOUS_HASH,
  COL_GENERATED_AT,
  COL_HASH,
  COL_DETAIL,
  COL_ISSUER_NAME,
  N_COLUMNS
};

/* IDVersion and IDFactura, the start of both kinds of record */
static void
write_record_head (GString      *xml,
                   guint         depth,
                   sqlite3_stmt *stmt,
                   gboolean      cancellation)
{
  text_element (xml, depth, SF "IDVersion", "1.0");
  open_element (xml, depth, SF "IDFactura");
  text_element (xml, depth + 1, cancellation ? SF "IDEmisorFacturaAnulada" : SF "IDEmisorFactura",
                pacta_sql_column_text (stmt, COL_ISSUER));
  text_element (xml, depth + 1, cancellation ? SF "NumSerieFacturaAnulada" : SF "NumSerieFactura",
                pacta_sql_column_text (stmt, COL_NUMBER));
  text_element (xml, depth + 1, cancellation ? SF "FechaExpedicionFacturaAnulada" : SF "FechaExpedicionFactura",
                pacta_sql_column_text (stmt, COL_DATE));
  close_element (xml, depth, SF "IDFactura");
}

/* The chain, the system and the fingerprint, the end of both kinds of record */
static void
write_record_tail (GString        *xml,
                   guint           depth,
                   sqlite3_stmt   *stmt,
                   JsonObject     *detail,
                   const Previous *previous)
{
  write_chaining (xml, depth, previous);
  write_system (xml, depth, detail);
  text_element (xml, depth, SF "FechaHoraHusoGenRegistro", pacta_sql_column_text (stmt, COL_GENERATED_AT));
  text_element (xml, depth, SF "TipoHuella", hash_type (detail));
  text_element (xml, depth, SF "Huella", pacta_sql_column_text (stmt, COL_HASH));
}

static void
write_registration (GString        *xml,
                    guint           depth,
                    sqlite3_stmt   *stmt,
                    JsonObject     *detail,
                    const Previous *previous)
{
  open_element (xml, depth, SF "RegistroAlta");
  write_record_head (xml, depth + 1, stmt, FALSE);
  detail_element (xml, depth + 1, detail, "NombreRazonEmisor");
  /* A correction after the agency rejected or questioned the record */
  optional_detail_element (xml, depth + 1, detail, "Subsanacion");
  optional_detail_element (xml, depth + 1, detail, "RechazoPrevio");
  text_element (xml, depth + 1, SF "TipoFactura", pacta_sql_column_text (stmt, COL_INVOICE_TYPE));
  write_rectified (xml, depth + 1, detail);
  detail_element (xml, depth + 1, detail, "DescripcionOperacion");
  write_recipient (xml, depth + 1, detail);
  write_breakdown (xml, depth + 1, detail);
  text_element (xml, depth + 1, SF "CuotaTotal", pacta_sql_column_text (stmt, COL_TAX_TOTAL));
  text_element (xml, depth + 1, SF "ImporteTotal", pacta_sql_column_text (stmt, COL_GROSS_TOTAL));
  write_record_tail (xml, depth + 1, stmt, detail, previous);
  close_element (xml, depth, SF "RegistroAlta");
}

static void
write_cancellation (GString        *xml,
                    guint           depth,
                    sqlite3_stmt   *stmt,
                    JsonObject     *detail,
                    const Previous *previous)
{
  open_element (xml, depth, SF "RegistroAnulacion");
  write_record_head (xml, depth + 1, stmt, TRUE);
  optional_detail_element (xml, depth + 1, detail, "SinRegistroPrevio");
  optional_detail_element (xml, depth + 1, detail, "RechazoPrevio");
  write_record_tail (xml, depth + 1, stmt, detail, previous);
  close_element (xml, depth, SF "RegistroAnulacion");
}

/* ---- reading the records ------------------------------------------------- */

static gboolean
first_issuer_after (PactaDatabase  *database,
                    gint64          after_id,
                    char          **issuer,
                    GError        **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (database,
                                               "SELECT issuer_nif FROM invoice_records WHERE id > ?"
                                               " ORDER BY id LIMIT 1",
                                               error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, after_id);
  return pacta_row_store_read_text (database, stmt, NULL, issuer, N_("reading the invoice records"), error);
}

/* The last record of @issuer's chain up to @up_to_id; none before its first */
static gboolean
load_previous (PactaDatabase  *database,
               const char     *issuer,
               gint64          up_to_id,
               Previous       *previous,
               GError        **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (database,
                                               "SELECT id, issuer_nif, number, issue_date, hash"
                                               " FROM invoice_records WHERE issuer_nif = ? AND id <= ?"
                                               " ORDER BY id DESC LIMIT 1",
                                               error);
  int rc;

  previous_clear (previous);
  if (stmt == NULL)
    return FALSE;
  pacta_sql_bind_text (stmt, 1, issuer);
  sqlite3_bind_int64 (stmt, 2, up_to_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      previous->id = sqlite3_column_int64 (stmt, 0);
      previous->issuer = g_strdup (pacta_sql_column_text (stmt, 1));
      previous->number = g_strdup (pacta_sql_column_text (stmt, 2));
      previous->date = g_strdup (pacta_sql_column_text (stmt, 3));
      previous->hash = g_strdup (pacta_sql_column_text (stmt, 4));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pacta_database_set_error (database, error, _("reading the invoice records"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
row_is_utf8 (sqlite3_stmt *stmt)
{
  for (int i = 0; i < N_COLUMNS; i++)
    {
      /* Only the texts: reading a number as text would convert it in place */
      if (sqlite3_column_type (stmt, i) == SQLITE_TEXT &&
          !g_utf8_validate (pacta_sql_column_text (stmt, i), -1, NULL))
        return FALSE;
    }
  return TRUE;
}

/**
 * pacta_verifactu_xml_batch:
 * @issuer_nif: (nullable): whose records; %NULL for the issuer of the first
 *   record after @after_id
 * @after_id: the last record already written; 0 to start from the first
 * @max_records: at most this many records (1 to %PACTA_VERIFACTU_BATCH)
 * @last_id: (out) (optional): the id of the last record written
 * @n_records: (out) (optional): how many records were written
 *
 * Writes the issuer's records after @after_id, in the order they were
 * written, as one RegFactuSistemaFacturacion document. Each record names the
 * one before it in its issuer's chain, whether or not that one is in the
 * same document. Refuses a chain whose links do not hold: such a file would
 * pass a broken chain off as the agency's format.
 *
 * Returns: (transfer full) (nullable): the UTF-8 XML; %NULL without an
 *   error when there are no more records
 */
char *
pacta_verifactu_xml_batch (PactaDatabase  *database,
                           const char     *issuer_nif,
                           gint64          after_id,
                           guint           max_records,
                           gint64         *last_id,
                           guint          *n_records,
                           GError        **error)
{
  return pacta_verifactu_xml_batch_full (database, issuer_nif, after_id, max_records, PACTA_VERIFACTU_XML_NONE,
                                         last_id, n_records, error);
}

/* The issuer's records after @after_id. The issuer's name is frozen in each
 * registration record; a cancellation takes it from the registration of
 * the same invoice */
static sqlite3_stmt *
select_records (PactaDatabase  *database,
                const char     *issuer,
                gint64          after_id,
                guint           max_records,
                GError        **error)
{
  sqlite3_stmt *stmt;

  stmt = pacta_database_prepare (database,
                                 "SELECT r.id, r.kind, r.issuer_nif, r.number, r.issue_date, r.invoice_type,"
                                 " r.tax_total, r.gross_total, r.previous_hash, r.generated_at, r.hash, r.detail,"
                                 " CASE WHEN r.kind = 'alta' THEN json_extract (r.detail, '$.NombreRazonEmisor')"
                                 "  ELSE (SELECT json_extract (a.detail, '$.NombreRazonEmisor') FROM invoice_records a"
                                 "        WHERE a.invoice_id = r.invoice_id AND a.kind = 'alta'"
                                 "        ORDER BY a.id LIMIT 1) END"
                                 " FROM invoice_records r WHERE r.issuer_nif = ?1 AND r.id > ?2"
                                 " ORDER BY r.id LIMIT ?3",
                                 error);
  if (stmt == NULL)
    return NULL;
  pacta_sql_bind_text (stmt, 1, issuer);
  sqlite3_bind_int64 (stmt, 2, after_id);
  sqlite3_bind_int64 (stmt, 3, max_records);
  return stmt;
}

/* The current row's details, once it is known to be UTF-8 and to name
 * @previous's fingerprint; %NULL with @error set otherwise */
static JsonObject *
check_record (sqlite3_stmt    *stmt,
              JsonParser      *parser,
              const Previous  *previous,
              GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *stored_previous = pacta_sql_column_text (stmt, COL_PREVIOUS_HASH);
  const char *number = pacta_sql_column_text (stmt, COL_NUMBER);
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, COL_ID));

  if (!row_is_utf8 (stmt))
    {
      /* Translators: %s is a record number, then an invoice number */
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                   _("Invoice record %s (%s) is not valid UTF-8 text. Nothing was exported."),
                   id_text, number != NULL ? number : "");
      return NULL;
    }
  if (g_strcmp0 (stored_previous != NULL ? stored_previous : "", previous->id != 0 ? previous->hash : "") != 0)
    {
      /* Translators: %s is a record number, then an invoice number */
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                   _("The chain of invoice records is broken at record %s (%s): it does not name the "
                     "fingerprint of the record before it. Verify the records. Nothing was exported."),
                   id_text, number != NULL ? number : "");
      return NULL;
    }
  if (!json_parser_load_from_data (parser, pacta_sql_column_text (stmt, COL_DETAIL), -1, &local_error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      /* Translators: %s is a record number, an invoice number, then what is wrong */
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                   _("The details of invoice record %s (%s) cannot be read: %s. Nothing was exported."),
                   id_text, number != NULL ? number : "",
                   local_error != NULL ? local_error->message : _("not an object"));
      return NULL;
    }
  return json_node_get_object (json_parser_get_root (parser));
}

/* The current row becomes the record the next one names */
static void
set_previous (Previous     *previous,
              sqlite3_stmt *stmt)
{
  previous_clear (previous);
  previous->id = sqlite3_column_int64 (stmt, COL_ID);
  previous->issuer = g_strdup (pacta_sql_column_text (stmt, COL_ISSUER));
  previous->number = g_strdup (pacta_sql_column_text (stmt, COL_NUMBER));
  previous->date = g_strdup (pacta_sql_column_text (stmt, COL_DATE));
  previous->hash = g_strdup (pacta_sql_column_text (stmt, COL_HASH));
}

/* The whole document: the header, then @records */
static char *
wrap_records (const char             *issuer,
              const char             *issuer_name,
              PactaVerifactuXmlFlags  flags,
              GString                *records)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

  g_string_append (xml, "<" LR "RegFactuSistemaFacturacion"
                        " xmlns:sum=\"" PACTA_VERIFACTU_XML_NS_LR "\""
                        " xmlns:sum1=\"" PACTA_VERIFACTU_XML_NS_INFO "\">\n");
  open_element (xml, 1, LR "Cabecera");
  open_element (xml, 2, SF "ObligadoEmision");
  text_element (xml, 3, SF "NombreRazon", issuer_name);
  text_element (xml, 3, SF "NIF", issuer);
  close_element (xml, 2, SF "ObligadoEmision");
  if (flags & PACTA_VERIFACTU_XML_LATE)
    {
      open_element (xml, 2, SF "RemisionVoluntaria");
      text_element (xml, 3, SF "Incidencia", "S");
      close_element (xml, 2, SF "RemisionVoluntaria");
    }
  close_element (xml, 1, LR "Cabecera");
  g_string_append_len (xml, records->str, (gssize) records->len);
  g_string_append (xml, "</" LR "RegFactuSistemaFacturacion>\n");
  return g_string_free (xml, FALSE);
}

/**
 * pacta_verifactu_xml_batch_full:
 * @flags: %PACTA_VERIFACTU_XML_LATE for records sent more than 240 s after
 *   they were made: the header says so (RemisionVoluntaria/Incidencia=S)
 *
 * pacta_verifactu_xml_batch(), for a submission to the agency.
 */
char *
pacta_verifactu_xml_batch_full (PactaDatabase         *database,
                                const char            *issuer_nif,
                                gint64                 after_id,
                                guint                  max_records,
                                PactaVerifactuXmlFlags flags,
                                gint64                *last_id,
                                guint                 *n_records,
                                GError               **error)
{
  g_autoptr(GString) records = g_string_new (NULL);
  g_autofree char *issuer = g_strdup (issuer_nif);
  g_autofree char *issuer_name = NULL;
  g_auto(Previous) previous = { 0, };
  sqlite3_stmt *stmt;
  guint n = 0;
  gint64 last = after_id;
  int rc;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (max_records > 0 && max_records <= PACTA_VERIFACTU_BATCH, NULL);

  if (last_id != NULL)
    *last_id = after_id;
  if (n_records != NULL)
    *n_records = 0;

  if (issuer == NULL && !first_issuer_after (database, after_id, &issuer, error))
    return NULL;
  if (issuer == NULL)
    return NULL;
  if (!load_previous (database, issuer, after_id, &previous, error))
    return NULL;

  if (!(stmt = select_records (database, issuer, after_id, max_records, error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *detail = check_record (stmt, parser, &previous, error);

      if (detail == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }

      open_element (records, 1, LR "RegistroFactura");
      if (g_strcmp0 (pacta_sql_column_text (stmt, COL_KIND), "alta") == 0)
        write_registration (records, 2, stmt, detail, &previous);
      else
        write_cancellation (records, 2, stmt, detail, &previous);
      close_element (records, 1, LR "RegistroFactura");

      /* The latest name, should the issuer have renamed itself meanwhile */
      if (pacta_sql_column_text (stmt, COL_ISSUER_NAME) != NULL)
        {
          g_free (issuer_name);
          issuer_name = g_strdup (pacta_sql_column_text (stmt, COL_ISSUER_NAME));
        }

      set_previous (&previous, stmt);
      last = previous.id;
      n++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pacta_database_set_error (database, error, _("reading the invoice records"));
      return NULL;
    }
  if (n == 0)
    return NULL;

  if (last_id != NULL)
    *last_id = last;
  if (n_records != NULL)
    *n_records = n;
  return wrap_records (issuer, issuer_name, flags, records);
}

/* ---- writing the files --------------------------------------------------- */

typedef struct
{
  char   *nif;
  gint64  count;
} Issuer;

static void
issuer_clear (gpointer data)
{
  Issuer *issuer = data;

  g_free (issuer->nif);
}

/* Every issuer with records, the first to write first */
static GArray *
load_issuers (PactaDatabase  *database,
              GError        **error)
{
  g_autoptr(GArray) issuers = g_array_new (FALSE, TRUE, sizeof (Issuer));
  sqlite3_stmt *stmt = pacta_database_prepare (database,
                                               "SELECT issuer_nif, count(*) FROM invoice_records"
                                               " GROUP BY issuer_nif ORDER BY min(id)",
                                               error);
  int rc;

  g_array_set_clear_func (issuers, issuer_clear);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Issuer issuer = { g_strdup (pacta_sql_column_text (stmt, 0)), sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (issuers, issuer);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pacta_database_set_error (database, error, _("reading the invoice records"));
      return NULL;
    }
  return g_steal_pointer (&issuers);
}

/* registros-0001.xml, or registros-B46000006-0001.xml when the file's
 * issuer has to be told from another */
static char *
batch_file_name (const char *nif,
                 guint       batch)
{
  g_autofree char *safe = NULL;

  if (nif == NULL)
    return g_strdup_printf ("registros-%04u.xml", batch);
  /* A NIF is letters and digits; anything else must not make a path */
  safe = g_strdup (nif);
  for (char *c = safe; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c))
      *c = '_';
  return g_strdup_printf ("registros-%s-%04u.xml", safe, batch);
}

static void
set_exists_error (GFile   *file,
                  GError **error)
{
  g_autofree char *name = g_file_get_parse_name (file);

  /* Translators: %s is a file */
  g_set_error (error, PACTA_ERROR, PACTA_ERROR_FAILED,
               _("%s exists already; invoice records are never written over another file. "
                 "Choose an empty folder. Nothing was exported."), name);
}

/* Claims the name first (create fails if the file exists, with no window
 * for another file to appear), then puts the contents in place at once:
 * whoever reads the file sees all of it or none, even after a crash */
static gboolean
write_new_file (GFile       *file,
                const char  *contents,
                gboolean    *created,
                GError     **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = g_file_get_parse_name (file);

  *created = FALSE;
  stream = g_file_create (file, G_FILE_CREATE_PRIVATE, NULL, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        set_exists_error (file, error);
      else
        /* Translators: %s is a file, then the reason */
        g_set_error (error, PACTA_ERROR, PACTA_ERROR_FAILED, _("Could not write %s: %s"), name, local_error->message);
      return FALSE;
    }
  *created = TRUE;
  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &local_error) ||
      !g_file_replace_contents (file, contents, strlen (contents), NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                NULL, NULL, &local_error))
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_FAILED, _("Could not write %s: %s"), name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * pacta_verifactu_export_xml_batched:
 * @directory: an existing folder
 * @batch_size: at most this many records a file (1 to %PACTA_VERIFACTU_BATCH)
 * @written: (out) (optional): the paths written; empty when there are no records
 *
 * pacta_verifactu_export_xml() with files of @batch_size records.
 */
gboolean
pacta_verifactu_export_xml_batched (PactaDatabase  *database,
                                    const char     *directory,
                                    guint           batch_size,
                                    GStrv          *written,
                                    GError        **error)
{
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GArray) issuers = NULL;
  g_autoptr(GPtrArray) created = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GStrvBuilder) paths = g_strv_builder_new ();
  GFileType type;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (directory != NULL, FALSE);
  g_return_val_if_fail (batch_size > 0 && batch_size <= PACTA_VERIFACTU_BATCH, FALSE);

  if (written != NULL)
    *written = NULL;

  folder = g_file_new_for_path (directory);
  type = g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, NULL);
  if (type != G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *name = g_file_get_parse_name (folder);

      if (type == G_FILE_TYPE_UNKNOWN && !g_file_query_exists (folder, NULL))
        /* Translators: %s is a folder */
        g_set_error (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND,
                     _("The folder %s does not exist. Nothing was exported."), name);
      else
        /* Translators: %s is a folder */
        g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE, _("%s is not a folder"), name);
      return FALSE;
    }

  if (!(issuers = load_issuers (database, error)))
    return FALSE;

  /* Every name first, so that a clash leaves no file behind at all */
  for (guint i = 0; i < issuers->len; i++)
    {
      Issuer *issuer = &g_array_index (issuers, Issuer, i);
      guint n_files = (guint) ((issuer->count + batch_size - 1) / batch_size);

      for (guint batch = 1; batch <= n_files; batch++)
        {
          g_autofree char *name = batch_file_name (issuers->len > 1 ? issuer->nif : NULL, batch);
          g_autoptr(GFile) file = g_file_get_child (folder, name);

          if (g_file_query_exists (file, NULL))
            {
              set_exists_error (file, error);
              return FALSE;
            }
        }
    }

  for (guint i = 0; i < issuers->len; i++)
    {
      Issuer *issuer = &g_array_index (issuers, Issuer, i);
      gint64 after_id = 0;

      for (guint batch = 1;; batch++)
        {
          g_autofree char *xml = NULL;
          g_autofree char *name = NULL;
          g_autoptr(GFile) file = NULL;
          g_autoptr(GError) local_error = NULL;
          g_autofree char *path = NULL;
          gboolean new_file;
          guint n;

          xml = pacta_verifactu_xml_batch (database, issuer->nif, after_id, batch_size, &after_id, &n, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              goto failed;
            }
          if (xml == NULL)
            break;

          name = batch_file_name (issuers->len > 1 ? issuer->nif : NULL, batch);
          file = g_file_get_child (folder, name);
          if (!write_new_file (file, xml, &new_file, error))
            {
              if (new_file)
                g_ptr_array_add (created, g_steal_pointer (&file));
              goto failed;
            }
          path = g_file_get_path (file);
          g_strv_builder_add (paths, path);
          g_ptr_array_add (created, g_steal_pointer (&file));
        }
    }

  if (written != NULL)
    *written = g_strv_builder_end (paths);
  return TRUE;

failed:
  /* Half an export would pass for the whole of it */
  for (guint i = 0; i < created->len; i++)
    g_file_delete (g_ptr_array_index (created, i), NULL, NULL);
  return FALSE;
}

/**
 * pacta_verifactu_export_xml:
 * @directory: an existing folder
 * @written: (out) (optional): the paths written; empty when there are no records
 *
 * Writes every record, in the order written, into @directory as files of at
 * most %PACTA_VERIFACTU_BATCH records each: registros-0001.xml,
 * registros-0002.xml, … (registros-NIF-0001.xml, … for each issuer when the
 * records name more than one). Never writes over an existing file: it
 * fails naming the file, and writes nothing. On any failure, the files
 * already written by this call are removed.
 */
gboolean
pacta_verifactu_export_xml (PactaDatabase  *database,
                            const char     *directory,
                            GStrv          *written,
                            GError        **error)
{
  return pacta_verifactu_export_xml_batched (database, directory, PACTA_VERIFACTU_BATCH, written, error);
}
