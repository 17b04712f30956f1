/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-verifactu-xml.c: the invoice records as the tax agency's XML — element
 * order, values byte for byte, the chain across files, escaping, issuers, and
 * files never written over */
#include <glib/gstdio.h>
#include <string.h>

#include "pacta-billing-import.h"
#include "pacta-billing-run.h"
#include "pacta-catalog.h"
#include "pacta-context.h"
#include "pacta-error.h"
#include "pacta-invoices.h"
#include "pacta-msp.h"
#include "pacta-numbering.h"
#include "pacta-sales-item-store.h"
#include "pacta-test-util.h"
#include "pacta-verifactu-xml.h"

/* Every character XML gives a meaning to, and some that it does not */
#define AWKWARD_NAME "Ñandú & Hijos <Sistemas> \"Levante\" 'S.L.'"

/* ---- a small tree of the document, read back with GMarkup ---------------- */

typedef struct _Node Node;

struct _Node
{
  char       *name;
  GString    *text;
  GPtrArray  *children;
  GHashTable *attributes;
  Node       *parent;
};

static void
node_free (Node *node)
{
  g_free (node->name);
  g_string_free (node->text, TRUE);
  g_ptr_array_unref (node->children);
  g_hash_table_unref (node->attributes);
  g_free (node);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Node, node_free)

static Node *
node_new (const char *name,
          Node       *parent)
{
  Node *node = g_new0 (Node, 1);

  node->name = g_strdup (name);
  node->text = g_string_new (NULL);
  node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  node->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  node->parent = parent;
  if (parent != NULL)
    g_ptr_array_add (parent->children, node);
  return node;
}

static void
on_start_element (GMarkupParseContext  *context,
                  const char           *name,
                  const char          **attribute_names,
                  const char          **attribute_values,
                  gpointer              user_data,
                  GError              **error)
{
  Node **current = user_data;
  Node *node = node_new (name, *current);

  for (guint i = 0; attribute_names[i] != NULL; i++)
    g_hash_table_insert (node->attributes, g_strdup (attribute_names[i]), g_strdup (attribute_values[i]));
  *current = node;
}

static void
on_end_element (GMarkupParseContext  *context,
                const char           *name,
                gpointer              user_data,
                GError              **error)
{
  Node **current = user_data;

  *current = (*current)->parent;
}

static void
on_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 length,
         gpointer              user_data,
         GError              **error)
{
  Node **current = user_data;

  g_string_append_len ((*current)->text, text, (gssize) length);
}

/* The document's root element, after checking the whole text is well formed */
static Node *
parse (const char *xml)
{
  static const GMarkupParser parser = { on_start_element, on_end_element, on_text, NULL, NULL };
  g_autoptr(Node) top = node_new ("", NULL);
  Node *current = top;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  Node *root;

  g_assert_true (g_str_has_prefix (xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
  g_assert_true (g_utf8_validate (xml, -1, NULL));
  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, &current, NULL);
  g_assert_true (g_markup_parse_context_parse (context, xml, -1, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_assert_true (current == top);

  g_assert_cmpuint (top->children->len, ==, 1);
  root = g_ptr_array_steal_index (top->children, 0);
  root->parent = NULL;
  return root;
}

static Node *
parse_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;

  g_file_get_contents (path, &xml, NULL, &error);
  g_assert_no_error (error);
  return parse (xml);
}

/* The first child of that name, down a path like "sum1:IDFactura/sum1:NIF" */
static Node *
node_at (Node       *node,
         const char *path)
{
  g_auto(GStrv) steps = g_strsplit (path, "/", -1);

  for (guint i = 0; node != NULL && steps[i] != NULL; i++)
    {
      Node *found = NULL;

      for (guint j = 0; found == NULL && j < node->children->len; j++)
        {
          Node *child = g_ptr_array_index (node->children, j);

          if (g_strcmp0 (child->name, steps[i]) == 0)
            found = child;
        }
      node = found;
    }
  return node;
}

static const char *
text_at (Node       *node,
         const char *path)
{
  Node *found = node_at (node, path);

  if (found == NULL)
    g_error ("no element %s in %s", path, node->name);
  g_assert_cmpuint (found->children->len, ==, 0);
  return found->text->str;
}

/* The children's names in order, "sum1:A,sum1:B": the schema's sequences
 * are ordered, so this is what a validator would look at */
static char *
child_names (Node *node)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  for (guint i = 0; i < node->children->len; i++)
    g_strv_builder_add (names, ((Node *) g_ptr_array_index (node->children, i))->name);
  list = g_strv_builder_end (names);
  return g_strjoinv (",", list);
}

static Node *
record_node (Node  *root,
             guint  index)
{
  guint seen = 0;

  for (guint i = 0; i < root->children->len; i++)
    {
      Node *child = g_ptr_array_index (root->children, i);

      if (g_strcmp0 (child->name, "sum:RegistroFactura") != 0)
        continue;
      if (seen++ == index)
        {
          g_assert_cmpuint (child->children->len, ==, 1);
          return g_ptr_array_index (child->children, 0);
        }
    }
  g_error ("no record %u", index);
  return NULL;
}

static guint
count_records (Node *root)
{
  guint n = 0;

  for (guint i = 0; i < root->children->len; i++)
    if (g_strcmp0 (((Node *) g_ptr_array_index (root->children, i))->name, "sum:RegistroFactura") == 0)
      n++;
  return n;
}

/* ---- a database with records, as in test-verifactu.c --------------------- */

typedef struct
{
  char          *dir;
  char          *out;
  PactaContext  *context;
  PactaDatabase *db;
  gint64         customers[2];
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = pacta_test_make_dir ();
  f->out = pacta_test_make_dir ();
  f->context = pacta_test_open_platform_demo (f->dir);
  f->db = pacta_context_get_database (f->context);
  pacta_test_two_contracts (f->context, pacta_test_add_workstations (f->db), AWKWARD_NAME, "Kunde GmbH", f->customers);
  pacta_test_save_spanish_msp (f->db, "ESB46000006");
  g_assert_true (pacta_numbering_confirm (f->db, NULL, 0, NULL, NULL));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->context);
  pacta_test_remove_tree (f->dir);
  pacta_test_remove_tree (f->out);
  g_free (f->dir);
  g_free (f->out);
}

static void
commit_november (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) numbers = pacta_billing_commit (f->db, "2026-11", PACTA_BILLING_FLAGS_NONE, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (numbers), ==, 2);
}

static gint64
invoice_of_record (Fixture *f,
                   gint64   id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT invoice_id FROM invoice_records WHERE id = %" G_GINT64_FORMAT, id);

  return pacta_database_count (f->db, sql, NULL);
}

static void
credit (Fixture *f,
        gint64   record)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *number = pacta_invoice_credit (f->db, invoice_of_record (f, record), "2026-12-05", &error);

  g_assert_no_error (error);
  g_assert_nonnull (number);
}

static void
cancel (Fixture *f,
        gint64   record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pacta_database_begin (f->db, NULL));
  g_assert_true (pacta_verifactu_record_cancellation (f->db, invoice_of_record (f, record), &error));
  g_assert_no_error (error);
  g_assert_true (pacta_database_commit (f->db, NULL));
}

/* The element's text equals the stored column, byte for byte */
static void
assert_stored (Fixture    *f,
               Node       *record,
               const char *path,
               const char *column,
               gint64      id)
{
  g_autofree char *stored = pacta_test_record_text (f->db, column, id);

  g_assert_nonnull (stored);
  g_assert_cmpstr (text_at (record, path), ==, stored);
}

static char *
export_one (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) written = NULL;
  g_autofree char *expected = g_build_filename (f->out, "registros-0001.xml", NULL);

  g_assert_true (pacta_verifactu_export_xml (f->db, f->out, &written, &error));
  g_assert_no_error (error);
  g_assert_nonnull (written);
  g_assert_cmpuint (g_strv_length (written), ==, 1);
  g_assert_cmpstr (written[0], ==, expected);
  return g_steal_pointer (&expected);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

#define ALTA_ORDER "sum1:IDVersion,sum1:IDFactura,sum1:NombreRazonEmisor,sum1:TipoFactura,"
#define ALTA_TAIL  "sum1:DescripcionOperacion,sum1:Destinatarios,sum1:Desglose,sum1:CuotaTotal,sum1:ImporteTotal," \
                   "sum1:Encadenamiento,sum1:SistemaInformatico,sum1:FechaHoraHusoGenRegistro,sum1:TipoHuella,sum1:Huella"

/* ---- tests ---------------------------------------------------------------- */

static void
test_no_records (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) written = NULL;
  g_autofree char *xml = NULL;
  gint64 last_id = -1;
  guint n = 99;

  g_assert_true (pacta_verifactu_export_xml (f->db, f->out, &written, &error));
  g_assert_no_error (error);
  g_assert_nonnull (written);
  g_assert_cmpuint (g_strv_length (written), ==, 0);
  g_assert_cmpuint (count_files (f->out), ==, 0);

  xml = pacta_verifactu_xml_batch (f->db, NULL, 0, PACTA_VERIFACTU_BATCH, &last_id, &n, &error);
  g_assert_no_error (error);
  g_assert_null (xml);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (last_id, ==, 0);
}

static void
test_document (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *first_hash = NULL;
  g_autofree char *names = NULL;
  g_autoptr(Node) root = NULL;
  Node *first, *second, *band, *german = NULL;

  commit_november (f);
  path = export_one (f);
  root = parse_file (path);

  g_assert_cmpstr (root->name, ==, "sum:RegFactuSistemaFacturacion");
  g_assert_cmpstr (g_hash_table_lookup (root->attributes, "xmlns:sum"), ==,
                   "https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/tike/cont/ws/SuministroLR.xsd");
  g_assert_cmpstr (g_hash_table_lookup (root->attributes, "xmlns:sum1"), ==,
                   "https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/tike/cont/ws/SuministroInformacion.xsd");
  names = child_names (root);
  g_assert_cmpstr (names, ==, "sum:Cabecera,sum:RegistroFactura,sum:RegistroFactura");
  g_clear_pointer (&names, g_free);
  g_assert_cmpstr (text_at (root, "sum:Cabecera/sum1:ObligadoEmision/sum1:NIF"), ==, "B46000006");
  g_assert_cmpstr (text_at (root, "sum:Cabecera/sum1:ObligadoEmision/sum1:NombreRazon"), ==, "Sistemas Levante S.L.");

  /* In the order written, each with its stored texts */
  for (guint i = 0; i < 2; i++)
    {
      Node *record = record_node (root, i);
      gint64 id = i + 1;

      g_assert_cmpstr (record->name, ==, "sum1:RegistroAlta");
      g_assert_cmpstr (text_at (record, "sum1:IDVersion"), ==, "1.0");
      assert_stored (f, record, "sum1:IDFactura/sum1:IDEmisorFactura", "issuer_nif", id);
      assert_stored (f, record, "sum1:IDFactura/sum1:NumSerieFactura", "number", id);
      assert_stored (f, record, "sum1:IDFactura/sum1:FechaExpedicionFactura", "issue_date", id);
      assert_stored (f, record, "sum1:TipoFactura", "invoice_type", id);
      assert_stored (f, record, "sum1:CuotaTotal", "tax_total", id);
      assert_stored (f, record, "sum1:ImporteTotal", "gross_total", id);
      assert_stored (f, record, "sum1:FechaHoraHusoGenRegistro", "generated_at", id);
      assert_stored (f, record, "sum1:Huella", "hash", id);
      assert_stored (f, record, "sum1:NombreRazonEmisor", "json_extract (detail, '$.NombreRazonEmisor')", id);
      assert_stored (f, record, "sum1:SistemaInformatico/sum1:NumeroInstalacion",
                     "json_extract (detail, '$.SistemaInformatico.NumeroInstalacion')", id);
      g_assert_cmpstr (text_at (record, "sum1:TipoHuella"), ==, "01");
      names = child_names (record);
      g_assert_cmpstr (names, ==, ALTA_ORDER ALTA_TAIL);
      g_clear_pointer (&names, g_free);
      if (node_at (record, "sum1:Destinatarios/sum1:IDDestinatario/sum1:IDOtro") != NULL)
        german = record;
    }
  first = record_node (root, 0);
  second = record_node (root, 1);
  g_assert_cmpstr (text_at (first, "sum1:IDFactura/sum1:FechaExpedicionFactura"), ==, "01-12-2026");
  g_assert_cmpstr (text_at (first, "sum1:ImporteTotal"), ==, "151.25");
  g_assert_cmpstr (text_at (first, "sum1:CuotaTotal"), ==, "26.25");

  /* The first starts the chain, the second names the first */
  names = child_names (node_at (first, "sum1:Encadenamiento"));
  g_assert_cmpstr (names, ==, "sum1:PrimerRegistro");
  g_clear_pointer (&names, g_free);
  g_assert_cmpstr (text_at (first, "sum1:Encadenamiento/sum1:PrimerRegistro"), ==, "S");
  first_hash = pacta_test_record_text (f->db, "hash", 1);
  names = child_names (node_at (second, "sum1:Encadenamiento/sum1:RegistroAnterior"));
  g_assert_cmpstr (names, ==, "sum1:IDEmisorFactura,sum1:NumSerieFactura,sum1:FechaExpedicionFactura,sum1:Huella");
  g_clear_pointer (&names, g_free);
  g_assert_cmpstr (text_at (second, "sum1:Encadenamiento/sum1:RegistroAnterior/sum1:Huella"), ==, first_hash);
  assert_stored (f, second, "sum1:Encadenamiento/sum1:RegistroAnterior/sum1:Huella", "previous_hash", 2);
  assert_stored (f, second, "sum1:Encadenamiento/sum1:RegistroAnterior/sum1:NumSerieFactura", "number", 1);
  assert_stored (f, second, "sum1:Encadenamiento/sum1:RegistroAnterior/sum1:FechaExpedicionFactura", "issue_date", 1);
  assert_stored (f, second, "sum1:Encadenamiento/sum1:RegistroAnterior/sum1:IDEmisorFactura", "issuer_nif", 1);

  /* The breakdown in the schema's order: the base before the tax on it */
  band = node_at (first, "sum1:Desglose/sum1:DetalleDesglose");
  names = child_names (band);
  g_assert_cmpstr (names, ==, "sum1:Impuesto,sum1:ClaveRegimen,sum1:CalificacionOperacion,sum1:TipoImpositivo,"
                              "sum1:BaseImponibleOimporteNoSujeto,sum1:CuotaRepercutida");
  g_clear_pointer (&names, g_free);
  assert_stored (f, first, "sum1:Desglose/sum1:DetalleDesglose/sum1:BaseImponibleOimporteNoSujeto",
                 "json_extract (detail, '$.Desglose[0].BaseImponibleOimporteNoSujeto')", 1);
  assert_stored (f, first, "sum1:Desglose/sum1:DetalleDesglose/sum1:CuotaRepercutida",
                 "json_extract (detail, '$.Desglose[0].CuotaRepercutida')", 1);
  assert_stored (f, first, "sum1:Desglose/sum1:DetalleDesglose/sum1:TipoImpositivo",
                 "json_extract (detail, '$.Desglose[0].TipoImpositivo')", 1);

  names = child_names (node_at (first, "sum1:SistemaInformatico"));
  /* The producer has no Spanish NIF in the settings */
  g_assert_cmpstr (names, ==, "sum1:NombreRazon,sum1:IDOtro,sum1:NombreSistemaInformatico,sum1:IdSistemaInformatico,"
                              "sum1:Version,sum1:NumeroInstalacion,sum1:TipoUsoPosibleSoloVerifactu,"
                              "sum1:TipoUsoPosibleMultiOT,sum1:IndicadorMultiplesOT");
  g_clear_pointer (&names, g_free);

  /* A Spanish customer by NIF, a German one by VAT number */
  g_assert_nonnull (german);
  g_assert_cmpstr (text_at (german, "sum1:Destinatarios/sum1:IDDestinatario/sum1:NombreRazon"), ==, "Kunde GmbH");
  names = child_names (node_at (german, "sum1:Destinatarios/sum1:IDDestinatario/sum1:IDOtro"));
  g_assert_cmpstr (names, ==, "sum1:CodigoPais,sum1:IDType,sum1:ID");
  g_clear_pointer (&names, g_free);
  g_assert_cmpstr (text_at (german, "sum1:Destinatarios/sum1:IDDestinatario/sum1:IDOtro/sum1:CodigoPais"), ==, "DE");
  g_assert_cmpstr (text_at (german, "sum1:Destinatarios/sum1:IDDestinatario/sum1:IDOtro/sum1:IDType"), ==, "02");
  g_assert_cmpstr (text_at (german, "sum1:Destinatarios/sum1:IDDestinatario/sum1:IDOtro/sum1:ID"), ==, "DE123456789");
  {
    Node *spanish = german == first ? second : first;

    g_assert_cmpstr (text_at (spanish, "sum1:Destinatarios/sum1:IDDestinatario/sum1:NIF"), ==, "A58818501");
  }
}

static void
test_credit_note (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *names = NULL;
  g_autofree char *second_hash = NULL;
  g_autoptr(Node) root = NULL;
  Node *note;

  commit_november (f);
  credit (f, 1);
  path = export_one (f);
  root = parse_file (path);
  g_assert_cmpuint (count_records (root), ==, 3);

  note = record_node (root, 2);
  g_assert_cmpstr (note->name, ==, "sum1:RegistroAlta");
  names = child_names (note);
  g_assert_cmpstr (names, ==, ALTA_ORDER "sum1:TipoRectificativa,sum1:FacturasRectificadas," ALTA_TAIL);
  g_clear_pointer (&names, g_free);
  g_assert_cmpstr (text_at (note, "sum1:TipoFactura"), ==, "R1");
  g_assert_cmpstr (text_at (note, "sum1:TipoRectificativa"), ==, "I");
  names = child_names (node_at (note, "sum1:FacturasRectificadas"));
  g_assert_cmpstr (names, ==, "sum1:IDFacturaRectificada");
  g_clear_pointer (&names, g_free);
  assert_stored (f, note, "sum1:FacturasRectificadas/sum1:IDFacturaRectificada/sum1:NumSerieFactura", "number", 1);
  assert_stored (f, note, "sum1:FacturasRectificadas/sum1:IDFacturaRectificada/sum1:FechaExpedicionFactura",
                 "issue_date", 1);
  assert_stored (f, note, "sum1:FacturasRectificadas/sum1:IDFacturaRectificada/sum1:IDEmisorFactura",
                 "issuer_nif", 1);
  /* Negative amounts as stored */
  g_assert_cmpstr (text_at (note, "sum1:ImporteTotal"), ==, "-151.25");
  assert_stored (f, note, "sum1:CuotaTotal", "tax_total", 3);
  assert_stored (f, note, "sum1:IDFactura/sum1:NumSerieFactura", "number", 3);
  second_hash = pacta_test_record_text (f->db, "hash", 2);
  g_assert_cmpstr (text_at (note, "sum1:Encadenamiento/sum1:RegistroAnterior/sum1:Huella"), ==, second_hash);
}

static void
test_cancellation (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *names = NULL;
  g_autoptr(Node) root = NULL;
  Node *cancellation, *after;

  commit_november (f);
  cancel (f, 2);
  /* A record after the cancellation names it by the cancelled invoice */
  credit (f, 1);
  path = export_one (f);
  root = parse_file (path);
  g_assert_cmpuint (count_records (root), ==, 4);

  cancellation = record_node (root, 2);
  g_assert_cmpstr (cancellation->name, ==, "sum1:RegistroAnulacion");
  names = child_names (cancellation);
  g_assert_cmpstr (names, ==, "sum1:IDVersion,sum1:IDFactura,sum1:Encadenamiento,sum1:SistemaInformatico,"
                              "sum1:FechaHoraHusoGenRegistro,sum1:TipoHuella,sum1:Huella");
  g_clear_pointer (&names, g_free);
  names = child_names (node_at (cancellation, "sum1:IDFactura"));
  g_assert_cmpstr (names, ==, "sum1:IDEmisorFacturaAnulada,sum1:NumSerieFacturaAnulada,sum1:FechaExpedicionFacturaAnulada");
  g_clear_pointer (&names, g_free);
  assert_stored (f, cancellation, "sum1:IDFactura/sum1:IDEmisorFacturaAnulada", "issuer_nif", 3);
  assert_stored (f, cancellation, "sum1:IDFactura/sum1:NumSerieFacturaAnulada", "number", 2);
  assert_stored (f, cancellation, "sum1:IDFactura/sum1:FechaExpedicionFacturaAnulada", "issue_date", 3);
  assert_stored (f, cancellation, "sum1:Encadenamiento/sum1:RegistroAnterior/sum1:Huella", "hash", 2);
  assert_stored (f, cancellation, "sum1:Encadenamiento/sum1:RegistroAnterior/sum1:NumSerieFactura", "number", 2);
  assert_stored (f, cancellation, "sum1:FechaHoraHusoGenRegistro", "generated_at", 3);
  assert_stored (f, cancellation, "sum1:Huella", "hash", 3);
  assert_stored (f, cancellation, "sum1:SistemaInformatico/sum1:NumeroInstalacion",
                 "json_extract (detail, '$.SistemaInformatico.NumeroInstalacion')", 3);
  g_assert_null (node_at (cancellation, "sum1:CuotaTotal"));

  after = record_node (root, 3);
  g_assert_cmpstr (after->name, ==, "sum1:RegistroAlta");
  assert_stored (f, after, "sum1:Encadenamiento/sum1:RegistroAnterior/sum1:Huella", "hash", 3);
  assert_stored (f, after, "sum1:Encadenamiento/sum1:RegistroAnterior/sum1:NumSerieFactura", "number", 3);
  assert_stored (f, after, "sum1:Encadenamiento/sum1:RegistroAnterior/sum1:FechaExpedicionFactura", "issue_date", 3);
}

/* A batch of cancellations only still names its issuer, from the invoice's registration */
static void
test_cancellation_header (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(Node) root = NULL;
  gint64 last_id;
  guint n;

  commit_november (f);
  cancel (f, 1);
  xml = pacta_verifactu_xml_batch (f->db, "B46000006", 2, 1, &last_id, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (last_id, ==, 3);
  root = parse (xml);
  g_assert_cmpstr (record_node (root, 0)->name, ==, "sum1:RegistroAnulacion");
  g_assert_cmpstr (text_at (root, "sum:Cabecera/sum1:ObligadoEmision/sum1:NombreRazon"), ==, "Sistemas Levante S.L.");
}

static void
test_escaping (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(Node) root = NULL;
  guint found = 0;

  commit_november (f);
  path = export_one (f);
  g_file_get_contents (path, &xml, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (xml, "Ñandú &amp; Hijos &lt;Sistemas&gt; &quot;Levante&quot;"));
  g_assert_null (strstr (xml, "<Sistemas>"));
  g_assert_null (strstr (xml, "& Hijos"));

  root = parse (xml);
  for (guint i = 0; i < count_records (root); i++)
    {
      Node *name = node_at (record_node (root, i), "sum1:Destinatarios/sum1:IDDestinatario/sum1:NombreRazon");

      if (g_strcmp0 (name->text->str, AWKWARD_NAME) == 0)
        found++;
    }
  g_assert_cmpuint (found, ==, 1);
}

/* Leaf elements' texts are one line: the line breaks of free text (a
 * street, a sales line's description) are not sent */
static void
assert_one_line (Node *node)
{
  if (node->children->len == 0 && strpbrk (node->text->str, "\r\n") != NULL)
    g_error ("%s holds a line break: “%s”", node->name, node->text->str);
  for (guint i = 0; i < node->children->len; i++)
    assert_one_line (g_ptr_array_index (node->children, i));
}

/* xmllint's verdict on @path against the tax agency's schemas (in
 * data/verifactu, else in ../shared/verifactu/schemas beside the source
 * tree); FALSE, with the test skipped, without xmllint or the schemas */
static gboolean
validate_with_schemas (const char *path)
{
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  g_autofree char *schema = g_test_build_filename (G_TEST_DIST, "..", "data", "verifactu", "all.xsd", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_file_test (schema, G_FILE_TEST_EXISTS))
    {
      g_free (schema);
      schema = g_test_build_filename (G_TEST_DIST, "..", "..", "shared", "verifactu", "schemas", "all.xsd", NULL);
    }
  if (xmllint == NULL || !g_file_test (schema, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("xmllint (libxml2-utils) or the tax agency's schemas not found");
      return FALSE;
    }
  {
    const char *argv[] = { xmllint, "--nonet", "--noout", "--schema", schema, path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                                 &error));
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s is not valid against the schemas:\n%s", path, err);
  return TRUE;
}

static void
test_multiline_text (Fixture       *f,
                     gconstpointer  data)
{
  const char *csv = "customer,business_name,country,vat_number,street,city\n"
                    "c0570000-2026-4a00-8b00-000000000001,Talleres Núñez S.L.,ES,ESA58818501,"
                    "\"Calle de Alcalá, 1\r\n2º izq\",Madrid\n";
  g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));
  g_autoptr(PactaSalesItem) item = g_object_new (PACTA_TYPE_SALES_ITEM, "customer-id", f->customers[0],
                                                 "invoice-date", "2026-11-20", NULL);
  g_autoptr(GListStore) lines = g_list_store_new (PACTA_TYPE_SALES_ITEM_LINE);
  g_autoptr(PactaSalesItemLine) line = g_object_new (PACTA_TYPE_SALES_ITEM_LINE,
                                                     "description", "Portátil HP 250 G9\nN/S 5CG1234XYZ",
                                                     "quantity", G_GINT64_CONSTANT (10000),
                                                     "unit-price", G_GINT64_CONSTANT (5990000), NULL);
  PactaBillingImportReport report;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(Node) root = NULL;
  gboolean found = FALSE;

  /* The street over two lines, as the accounting software wrote it */
  g_assert_true (pacta_import_billing_info_bytes (f->db, bytes, "debtors.csv", &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM billing_info"
                                         " WHERE street = 'Calle de Alcalá, 1' || char (10) || '2º izq'", NULL), ==, 1);
  g_list_store_append (lines, line);
  g_assert_cmpint (pacta_context_create_sales_item (f->context, item, G_LIST_MODEL (lines), &error), >, 0);
  g_assert_no_error (error);
  commit_november (f);

  path = export_one (f);
  if (!validate_with_schemas (path))
    return;
  g_assert_true (g_file_get_contents (path, &xml, NULL, NULL));
  root = parse (xml);
  assert_one_line (root);
  for (guint i = 0; i < count_records (root); i++)
    {
      const char *description = text_at (record_node (root, i), "sum1:DescripcionOperacion");

      if (strstr (description, "Portátil") != NULL)
        {
          found = TRUE;
          g_assert_nonnull (strstr (description, "Portátil HP 250 G9, N/S 5CG1234XYZ"));
        }
    }
  g_assert_true (found);
  /* The record has no place for an address: it names the customer by name and NIF */
  g_assert_null (strstr (xml, "Alcalá"));
}

static void
test_batches (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) written = NULL;
  g_autofree char *small = g_build_filename (f->out, "small", NULL);
  g_autofree char *ones = g_build_filename (f->out, "ones", NULL);
  gint64 after_id = 0;
  guint n;

  commit_november (f);
  credit (f, 1);
  cancel (f, 2);
  g_assert_cmpint (pacta_database_count (f->db, "SELECT count(*) FROM invoice_records", NULL), ==, 4);

  /* One record at a time: each names the one before, across documents */
  for (gint64 id = 1; id <= 4; id++)
    {
      g_autofree char *xml = pacta_verifactu_xml_batch (f->db, NULL, after_id, 1, &after_id, &n, &error);
      g_autoptr(Node) root = NULL;
      Node *record;

      g_assert_no_error (error);
      g_assert_nonnull (xml);
      g_assert_cmpuint (n, ==, 1);
      g_assert_cmpint (after_id, ==, id);
      root = parse (xml);
      g_assert_cmpuint (count_records (root), ==, 1);
      record = record_node (root, 0);
      assert_stored (f, record, "sum1:Huella", "hash", id);
      if (id == 1)
        g_assert_cmpstr (text_at (record, "sum1:Encadenamiento/sum1:PrimerRegistro"), ==, "S");
      else
        assert_stored (f, record, "sum1:Encadenamiento/sum1:RegistroAnterior/sum1:Huella", "hash", id - 1);
    }
  {
    g_autofree char *xml = pacta_verifactu_xml_batch (f->db, NULL, after_id, 1, &after_id, &n, &error);

    g_assert_no_error (error);
    g_assert_null (xml);
    g_assert_cmpuint (n, ==, 0);
  }

  /* Three and one */
  g_assert_cmpint (g_mkdir (small, 0700), ==, 0);
  g_assert_true (pacta_verifactu_export_xml_batched (f->db, small, 3, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (written), ==, 2);
  {
    g_autofree char *base0 = g_path_get_basename (written[0]);
    g_autofree char *base1 = g_path_get_basename (written[1]);
    g_autoptr(Node) root0 = parse_file (written[0]);
    g_autoptr(Node) root1 = parse_file (written[1]);

    g_assert_cmpstr (base0, ==, "registros-0001.xml");
    g_assert_cmpstr (base1, ==, "registros-0002.xml");
    g_assert_cmpuint (count_records (root0), ==, 3);
    g_assert_cmpuint (count_records (root1), ==, 1);
    g_assert_cmpstr (text_at (root1, "sum:Cabecera/sum1:ObligadoEmision/sum1:NIF"), ==, "B46000006");
    assert_stored (f, record_node (root0, 0), "sum1:Huella", "hash", 1);
    assert_stored (f, record_node (root0, 2), "sum1:Huella", "hash", 3);
    /* The second file's record names the first file's last */
    assert_stored (f, record_node (root1, 0), "sum1:Huella", "hash", 4);
    assert_stored (f, record_node (root1, 0), "sum1:Encadenamiento/sum1:RegistroAnterior/sum1:Huella", "hash", 3);
    g_assert_cmpstr (record_node (root1, 0)->name, ==, "sum1:RegistroAnulacion");
  }
  g_clear_pointer (&written, g_strfreev);

  g_assert_cmpint (g_mkdir (ones, 0700), ==, 0);
  g_assert_true (pacta_verifactu_export_xml_batched (f->db, ones, 1, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (written), ==, 4);
  g_assert_cmpuint (count_files (ones), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *base = g_path_get_basename (written[i]);
      g_autofree char *expected = g_strdup_printf ("registros-%04u.xml", i + 1);

      g_assert_cmpstr (base, ==, expected);
    }
}

static void
test_issuers (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PactaVerifactuSettings) settings = pacta_verifactu_settings_load (f->db, NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) written = NULL;
  g_autofree char *base0 = NULL;
  g_autofree char *base1 = NULL;
  g_autoptr(Node) old = NULL;
  g_autoptr(Node) renewed = NULL;

  commit_november (f);
  /* The MSP's NIF changes: a chain of its own from there */
  g_free (settings->issuer_nif);
  settings->issuer_nif = g_strdup ("A58818501");
  g_assert_true (pacta_verifactu_settings_save (f->db, settings, &error));
  g_assert_no_error (error);
  credit (f, 1);

  g_assert_true (pacta_verifactu_export_xml (f->db, f->out, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (written), ==, 2);
  base0 = g_path_get_basename (written[0]);
  base1 = g_path_get_basename (written[1]);
  g_assert_cmpstr (base0, ==, "registros-B46000006-0001.xml");
  g_assert_cmpstr (base1, ==, "registros-A58818501-0001.xml");

  old = parse_file (written[0]);
  renewed = parse_file (written[1]);
  g_assert_cmpstr (text_at (old, "sum:Cabecera/sum1:ObligadoEmision/sum1:NIF"), ==, "B46000006");
  g_assert_cmpuint (count_records (old), ==, 2);
  g_assert_cmpstr (text_at (renewed, "sum:Cabecera/sum1:ObligadoEmision/sum1:NIF"), ==, "A58818501");
  g_assert_cmpuint (count_records (renewed), ==, 1);
  assert_stored (f, record_node (renewed, 0), "sum1:Huella", "hash", 3);
  g_assert_cmpstr (text_at (record_node (renewed, 0), "sum1:IDFactura/sum1:IDEmisorFactura"), ==, "A58818501");
  g_assert_cmpstr (text_at (record_node (renewed, 0), "sum1:Encadenamiento/sum1:PrimerRegistro"), ==, "S");
}

static void
test_never_overwrites (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) written = NULL;
  g_autofree char *existing = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *later = g_build_filename (f->out, "later", NULL);
  g_autofree char *second = NULL;

  commit_november (f);
  existing = pacta_test_write_file (f->out, "registros-0001.xml", "mine", -1);
  g_assert_false (pacta_verifactu_export_xml (f->db, f->out, &written, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, existing));
  g_assert_null (written);
  g_file_get_contents (existing, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "mine");
  g_assert_cmpuint (count_files (f->out), ==, 1);
  g_clear_error (&error);

  /* A clash on a later file leaves none of the earlier ones */
  g_assert_cmpint (g_mkdir (later, 0700), ==, 0);
  second = pacta_test_write_file (later, "registros-0002.xml", "mine", -1);
  g_assert_false (pacta_verifactu_export_xml_batched (f->db, later, 1, &written, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, second));
  g_assert_cmpuint (count_files (later), ==, 1);
}

static void
test_missing_folder (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) written = NULL;
  g_autofree char *nowhere = g_build_filename (f->out, "nowhere", NULL);
  g_autofree char *file = pacta_test_write_file (f->out, "a-file", "x", -1);

  commit_november (f);
  g_assert_false (pacta_verifactu_export_xml (f->db, nowhere, &written, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, nowhere));
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  g_assert_null (written);
  g_clear_error (&error);

  g_assert_false (pacta_verifactu_export_xml (f->db, file, &written, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "not a folder"));
}

/* A broken link is not passed off as a valid file */
static void
test_broken_chain (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) written = NULL;
  g_autofree char *number = NULL;

  commit_november (f);
  credit (f, 1);
  number = pacta_test_record_text (f->db, "number", 3);
  g_assert_true (pacta_database_exec (f->db, "DROP TRIGGER invoice_records_no_edit", NULL));
  g_assert_true (pacta_database_exec (f->db, "UPDATE invoice_records SET previous_hash = 'FORGED' WHERE id = 3", NULL));

  /* Records 1 and 2 would fit in the first file: it is removed again */
  g_assert_false (pacta_verifactu_export_xml_batched (f->db, f->out, 2, &written, &error));
  g_assert_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, number));
  g_assert_cmpuint (count_files (f->out), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/pacta/verifactu-xml/no-records", Fixture, NULL, fixture_set_up, test_no_records, fixture_tear_down);
  g_test_add ("/pacta/verifactu-xml/document", Fixture, NULL, fixture_set_up, test_document, fixture_tear_down);
  g_test_add ("/pacta/verifactu-xml/credit-note", Fixture, NULL, fixture_set_up, test_credit_note, fixture_tear_down);
  g_test_add ("/pacta/verifactu-xml/cancellation", Fixture, NULL, fixture_set_up, test_cancellation, fixture_tear_down);
  g_test_add ("/pacta/verifactu-xml/cancellation-header", Fixture, NULL, fixture_set_up, test_cancellation_header, fixture_tear_down);
  g_test_add ("/pacta/verifactu-xml/escaping", Fixture, NULL, fixture_set_up, test_escaping, fixture_tear_down);
  g_test_add ("/pacta/verifactu-xml/multiline-text", Fixture, NULL, fixture_set_up, test_multiline_text, fixture_tear_down);
  g_test_add ("/pacta/verifactu-xml/batches", Fixture, NULL, fixture_set_up, test_batches, fixture_tear_down);
  g_test_add ("/pacta/verifactu-xml/issuers", Fixture, NULL, fixture_set_up, test_issuers, fixture_tear_down);
  g_test_add ("/pacta/verifactu-xml/never-overwrites", Fixture, NULL, fixture_set_up, test_never_overwrites, fixture_tear_down);
  g_test_add ("/pacta/verifactu-xml/missing-folder", Fixture, NULL, fixture_set_up, test_missing_folder, fixture_tear_down);
  g_test_add ("/pacta/verifactu-xml/broken-chain", Fixture, NULL, fixture_set_up, test_broken_chain, fixture_tear_down);

  return g_test_run ();
}
