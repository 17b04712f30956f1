/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-bad-input.c: hostile values typed into every form (under Xvfb) — each is
 * refused with a mark or a message and the database left exactly as it was, or
 * stored and shown again exactly as typed; never a crash, a warning or half a record */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pacta-billing-form.h"
#include "pacta-billing-form-private.h"
#include "pacta-billing-run.h"
#include "pacta-billing-run-dialog.h"
#include "pacta-billing-run-dialog-private.h"
#include "pacta-billing-info-table.h"
#include "pacta-context.h"
#include "pacta-contract-dialog.h"
#include "pacta-contract-dialog-private.h"
#include "pacta-contract-form.h"
#include "pacta-contract-form-private.h"
#include "pacta-contract-wizard.h"
#include "pacta-contract-wizard-private.h"
#include "pacta-helpdesk-page.h"
#include "pacta-invoice-dialog.h"
#include "pacta-invoice-dialog-private.h"
#include "pacta-numbering.h"
#include "pacta-numbering-editor.h"
#include "pacta-numbering-editor-private.h"
#include "pacta-parts-editor.h"
#include "pacta-parts-editor-private.h"
#include "pacta-preferences-window.h"
#include "pacta-preferences-window-private.h"
#include "pacta-sales-item-dialog.h"
#include "pacta-sales-item-dialog-private.h"
#include "pacta-test-gui.h"
#include "pacta-test-util.h"
#include "pacta-ticket-dialog.h"
#include "pacta-ticket-dialog-private.h"

typedef PactaTestDir Fixture;

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button (child, label)))
        return found;
    }
  return NULL;
}

static gboolean
is_toplevel (GtkWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) item = g_list_model_get_item (toplevels, i);

      if (item == window)
        return TRUE;
    }
  return FALSE;
}

/* ---- the values ---------------------------------------------------------- */

typedef struct
{
  const char *label;
  char       *text;
} Hostile;

static Hostile hostile[19];

static void
init_hostile (void)
{
  GString *ascii = g_string_new (NULL);
  GString *wide = g_string_new (NULL);
  const Hostile values[] = {
    { "empty", (char *) "" },
    { "spaces only", (char *) "   " },
    { "10 000 ASCII characters", NULL },
    { "10 000 characters “ñ”", NULL },
    { "letters", (char *) "abc" },
    { "two commas", (char *) "12,34,56" },
    { "exponent", (char *) "1e9" },
    { "negative", (char *) "-1" },
    { "20 digits", (char *) "99999999999999999999" },
    { "30 February", (char *) "2026-02-30" },
    { "month 13", (char *) "2026-13-01" },
    { "U+0001", (char *) "\x01" },
    { "tab", (char *) "a\tb" },
    { "newline", (char *) "line1\nline2" },
    { "DEL", (char *) "\x7f" },
    { "Arabic", (char *) "شركة الاختبار" },
    { "Hebrew between RLM and LRM", (char *) "\u200fשלום\u200e" },
    { "right-to-left override", (char *) "abc\u202edef" },
    { "emoji", (char *) "😀" },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (values) == G_N_ELEMENTS (hostile));
  for (guint i = 0; i < 10000; i++)
    {
      g_string_append_c (ascii, 'x');
      g_string_append (wide, "ñ");
    }
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      hostile[i].label = values[i].label;
      hostile[i].text = g_strdup (values[i].text);
    }
  hostile[2].text = g_string_free (ascii, FALSE);
  hostile[3].text = g_string_free (wide, FALSE);
}

static void
free_hostile (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    g_clear_pointer (&hostile[i].text, g_free);
}

/* ---- one field × every value --------------------------------------------- */

typedef enum
{
  TEXT_EXACT,   /* stored as typed; a blank value may be stored as none */
  TEXT_TRIM,    /* stored without the spaces around it */
  TEXT_UPPER,   /* a code: trimmed and upper-cased */
  TEXT_VAT,     /* a VAT number as printed: no spaces, dots or dashes, upper-cased */
  STRICT,       /* a number, an amount, a date or a month: only a blank may be accepted */
  SPIN,         /* a spin button, which shows the number it will store as soon as it is left */
} Rule;

typedef struct
{
  const char *field;
  Rule        rule;
  const char *blank;      /* STRICT: what a blank stores and shows; NULL when a blank is refused */
  const char *suffix;     /* typed after the value, e.g. a counter after a pattern's text */
  gboolean    not_shown;  /* stored, but no window shows it */
} Field;

typedef struct _Driver Driver;

struct _Driver
{
  const char    *form;
  PactaDatabase *db;
  gpointer       data;

  void     (*type)   (Driver *d, const Field *field, const char *text);
  /* TRUE when the value was taken */
  gboolean (*save)   (Driver *d, const Field *field);
  /* After a refusal: the field is marked or a message says why */
  gboolean (*marked) (Driver *d, const Field *field);
  /* After an acceptance: the value read from the database, and from a window opened anew */
  char    *(*stored) (Driver *d, const Field *field);
  char    *(*shown)  (Driver *d, const Field *field);
  /* Back to a state every field is valid in, for the next value */
  void     (*reset)  (Driver *d, const Field *field);
};

static guint n_cases;

/* A value for a message: control characters spelled out, long ones cut */
static char *
describe (const char *text)
{
  g_autoptr(GString) shown = g_string_new (NULL);
  glong length;

  if (text == NULL)
    return g_strdup ("nothing");
  length = g_utf8_strlen (text, -1);
  for (const char *p = text; *p != '\0' && g_utf8_strlen (shown->str, -1) < 40; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || g_unichar_type (c) == G_UNICODE_FORMAT)
        g_string_append_printf (shown, "<U+%04X>", c);
      else
        g_string_append_unichar (shown, c);
    }
  if (length > 40)
    return g_strdup_printf ("“%s…” (%ld characters)", shown->str, length);
  return g_strdup_printf ("“%s”", shown->str);
}

static void G_GNUC_PRINTF (4, 5)
fail_case (Driver        *d,
           const Field   *field,
           const Hostile *h,
           const char    *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_test_message ("%s, %s%s, %s: %s", d->form, field->field, field->suffix != NULL ? " (with a suffix)" : "",
                  h->label, message);
  g_test_fail ();
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* What the rules say is kept of @typed; NULL when it must be refused */
static char *
expected_text (const Field *field,
               const char  *typed)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (typed));

  switch (field->rule)
    {
    case TEXT_EXACT:
      return g_strdup (typed);
    case TEXT_TRIM:
      return g_steal_pointer (&trimmed);
    case TEXT_UPPER:
      return g_ascii_strup (trimmed, -1);
    case TEXT_VAT:
      {
        GString *vat = g_string_new (NULL);

        for (const char *p = trimmed; *p != '\0'; p++)
          if (*p != ' ' && *p != '.' && *p != '-')
            g_string_append_c (vat, g_ascii_toupper (*p));
        return g_string_free (vat, FALSE);
      }
    case STRICT:
      return trimmed[0] == '\0' ? g_strdup (field->blank) : NULL;
    case SPIN:
    default:
      return NULL;
    }
}

static gboolean
kept (const Field *field,
      const char  *typed,
      const char  *expected,
      const char  *actual)
{
  if (g_strcmp0 (expected, actual != NULL ? actual : "") == 0)
    return TRUE;
  /* A blank is no value at all */
  return field->rule == TEXT_EXACT && is_blank (typed) && (actual == NULL || *actual == '\0');
}

static void
check_field (Driver      *d,
             const Field *field)
{
  g_autoptr(GString) refused = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      const Hostile *h = &hostile[i];
      g_autofree char *typed = g_strconcat (h->text, field->suffix, NULL);
      g_autofree char *expected = expected_text (field, typed);
      g_autofree char *before = pacta_test_sqlite_digest (pacta_database_get_handle (d->db));

      n_cases++;
      d->type (d, field, typed);
      if (!d->save (d, field))
        {
          g_autofree char *after = pacta_test_sqlite_digest (pacta_database_get_handle (d->db));

          g_string_append_printf (refused, "%s%s", refused->len > 0 ? ", " : "", h->label);
          if (!d->marked (d, field))
            fail_case (d, field, h, "refused without a mark or a message");
          if (g_strcmp0 (before, after) != 0)
            fail_case (d, field, h, "refused, but the database changed");
        }
      else
        {
          g_autofree char *stored = d->stored (d, field);
          g_autofree char *shown = field->not_shown ? NULL : d->shown (d, field);
          g_autofree char *stored_text = describe (stored);
          g_autofree char *shown_text = describe (shown);
          g_autofree char *typed_text = describe (typed);

          if (field->rule == SPIN)
            {
              if (g_strcmp0 (stored, shown) != 0)
                fail_case (d, field, h, "stored %s while the field showed %s", stored_text, shown_text);
            }
          else if (expected == NULL)
            fail_case (d, field, h, "accepted %s and stored %s: it should have been refused", typed_text, stored_text);
          else
            {
              if (!kept (field, typed, expected, stored))
                fail_case (d, field, h, "typed %s, stored %s", typed_text, stored_text);
              if (!field->not_shown && !kept (field, typed, expected, shown))
                fail_case (d, field, h, "typed %s, shown again as %s", typed_text, shown_text);
            }
        }
      d->reset (d, field);
      pacta_test_drain_events ();
    }
  g_test_message ("%s, %s%s: refused %s", d->form, field->field, field->suffix != NULL ? " (with a suffix)" : "",
                  refused->len > 0 ? refused->str : "nothing");
}

static void
check_fields (Driver      *d,
              const Field *fields,
              guint        n_fields)
{
  guint before = n_cases;

  for (guint i = 0; i < n_fields; i++)
    check_field (d, &fields[i]);
  g_test_message ("%s: %u field × value cases", d->form, n_cases - before);
}

/* ---- billing information ------------------------------------------------- */

typedef struct
{
  PactaContext     *context;
  PactaBillingForm *form;
  gint64            customer;
} BillingData;

static void
billing_reload (BillingData *b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaBillingInfo) info = pacta_billing_info_load (pacta_context_get_database (b->context), b->customer,
                                                              &error);

  g_assert_no_error (error);
  pacta_billing_form_set_info (b->form, info);
}

static void
billing_type (Driver      *d,
              const Field *field,
              const char  *text)
{
  BillingData *b = d->data;

  pacta_billing_form_set_text (b->form, field->field, text);
}

static gboolean
billing_save (Driver      *d,
              const Field *field)
{
  BillingData *b = d->data;
  g_autoptr(GError) error = NULL;
  gboolean saved = pacta_billing_form_save (b->form, b->context, &error);

  g_assert_true (saved == (error == NULL));
  return saved;
}

static gboolean
billing_marked (Driver      *d,
                const Field *field)
{
  BillingData *b = d->data;

  return pacta_billing_form_get_n_problems (b->form) > 0 && pacta_billing_form_field_has_error (b->form, field->field);
}

static char *
billing_stored (Driver      *d,
                const Field *field)
{
  BillingData *b = d->data;
  g_autofree char *column = g_strdelimit (g_strdup (field->field), "-", '_');
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM billing_info WHERE customer_id = ?1", column);

  return pacta_test_query_text (d->db, sql, b->customer);
}

static char *
billing_shown (Driver      *d,
               const Field *field)
{
  BillingData *b = d->data;

  billing_reload (b);
  return g_strdup (pacta_billing_form_get_text (b->form, field->field));
}

static void
billing_reset (Driver      *d,
               const Field *field)
{
  billing_reload (d->data);
}

static void
test_billing_form (Fixture       *f,
                   gconstpointer  data)
{
  static const Field fields[] = {
    { "business-name", TEXT_TRIM }, { "debtor-code", TEXT_TRIM }, { "invoice-email", TEXT_TRIM },
    { "website", TEXT_TRIM }, { "vat-number", TEXT_VAT }, { "country", TEXT_UPPER }, { "language", TEXT_TRIM },
    { "street", TEXT_TRIM }, { "number", TEXT_TRIM }, { "building", TEXT_TRIM }, { "postal-code", TEXT_TRIM },
    { "city", TEXT_TRIM }, { "state", TEXT_TRIM }, { "address-country", TEXT_UPPER }, { "phone", TEXT_TRIM },
    { "fax", TEXT_TRIM }, { "tax-rate", STRICT },
  };
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  GtkWidget *window = gtk_window_new ();
  BillingData b = { context, PACTA_BILLING_FORM (pacta_billing_form_new ()),
                    /* Talleres Núñez: has billing information in the demo */
                    pacta_test_customer_of (context, "c0570000-2026-4a00-8b00-000000000001") };
  Driver d = { "Billing information", pacta_context_get_database (context), &b,
               billing_type, billing_save, billing_marked, billing_stored, billing_shown, billing_reset };

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (b.form));
  billing_reload (&b);
  check_fields (&d, fields, G_N_ELEMENTS (fields));
  gtk_window_destroy (GTK_WINDOW (window));
  pacta_test_drain_events ();
}

/* ---- Preferences → Invoicing: your company ------------------------------- */

static const struct {
  const char *field;
  const char *title;
} msp_titles[] = {
  { "business-name", "Business Name" }, { "vat-number", "VAT Number" }, { "street", "Street" },
  { "number", "Number" }, { "postal-code", "Postal Code" }, { "city", "City" },
  { "state", "State or Province" }, { "country", "Country Code" }, { "invoice-email", "Email" },
  { "phone", "Phone" }, { "iban", "IBAN" },
};

typedef struct
{
  PactaPreferencesWindow *prefs;
  GHashTable             *original;   /* field → text shown at first */
} MspData;

static GtkWidget *
msp_row (MspData    *m,
         const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (msp_titles); i++)
    if (g_str_equal (msp_titles[i].field, field))
      {
        GtkWidget *row = pacta_test_find_row (GTK_WIDGET (m->prefs), msp_titles[i].title);

        g_assert_nonnull (row);
        return row;
      }
  g_assert_not_reached ();
}

static void
msp_type (Driver      *d,
          const Field *field,
          const char  *text)
{
  MspData *m = d->data;

  pacta_preferences_window_set_msp_field (m->prefs, field->field, text);
}

static gboolean
msp_save (Driver      *d,
          const Field *field)
{
  MspData *m = d->data;

  return pacta_preferences_window_save_msp (m->prefs);
}

static gboolean
msp_marked (Driver      *d,
            const Field *field)
{
  MspData *m = d->data;

  return pacta_preferences_window_msp_field_has_error (m->prefs, field->field);
}

static char *
msp_stored (Driver      *d,
            const Field *field)
{
  sqlite3_stmt *stmt = pacta_database_prepare (d->db, "SELECT value FROM settings WHERE key = ?1", NULL);
  char *value = NULL;

  pacta_sql_bind_text (stmt, 1, field->field);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup (pacta_sql_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

/* Saving reads the details back from the database into the rows */
static char *
msp_shown (Driver      *d,
           const Field *field)
{
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (msp_row (d->data, field->field))));
}

static void
msp_reset (Driver      *d,
           const Field *field)
{
  MspData *m = d->data;

  pacta_preferences_window_set_msp_field (m->prefs, field->field, g_hash_table_lookup (m->original, field->field));
}

static void
test_preferences_company (Fixture       *f,
                          gconstpointer  data)
{
  static const Field fields[] = {
    { "business-name", TEXT_TRIM }, { "vat-number", TEXT_VAT }, { "street", TEXT_TRIM }, { "number", TEXT_TRIM },
    { "postal-code", TEXT_TRIM }, { "city", TEXT_TRIM }, { "state", TEXT_TRIM }, { "country", TEXT_UPPER },
    { "invoice-email", TEXT_TRIM }, { "phone", TEXT_TRIM }, { "iban", TEXT_UPPER },
  };
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  MspData m = { pacta_preferences_window_new (NULL, context), g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free) };
  Driver d = { "Preferences → Your Company", pacta_context_get_database (context), &m,
               msp_type, msp_save, msp_marked, msp_stored, msp_shown, msp_reset };

  for (guint i = 0; i < G_N_ELEMENTS (msp_titles); i++)
    g_hash_table_insert (m.original, (gpointer) msp_titles[i].field,
                         g_strdup (gtk_editable_get_text (GTK_EDITABLE (msp_row (&m, msp_titles[i].field)))));
  /* The demo company is complete: saving it as it is works */
  g_assert_true (pacta_preferences_window_save_msp (m.prefs));

  check_fields (&d, fields, G_N_ELEMENTS (fields));
  g_hash_table_unref (m.original);
  gtk_window_destroy (GTK_WINDOW (m.prefs));
  pacta_test_drain_events ();
}

/* ---- Preferences → Invoicing: defaults, Spanish rules, numbering --------- */

typedef struct
{
  PactaPreferencesWindow *prefs;
  char                   *typed;
  char                   *seen;       /* what a spin button showed when saved */
  char                   *pattern;    /* the numbering pattern at first */
} PrefsData;

static void
prefs_type (Driver      *d,
            const Field *field,
            const char  *text)
{
  PrefsData *p = d->data;
  PactaNumberingEditor *editor = pacta_preferences_window_get_numbering_editor (p->prefs, "invoice");

  g_free (p->typed);
  p->typed = g_strdup (text);
  if (g_str_equal (field->field, "pattern"))
    pacta_numbering_editor_set_pattern (editor, text);
  else if (g_str_equal (field->field, "next"))
    {
      GtkWidget *spin = pacta_test_find_widget (GTK_WIDGET (editor), GTK_TYPE_SPIN_BUTTON, NULL);

      /* Typed, then left: the spin button reads the text */
      gtk_editable_set_text (GTK_EDITABLE (spin), text);
      gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
      g_free (p->seen);
      p->seen = g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin)));
    }
}

static gboolean
prefs_save (Driver      *d,
            const Field *field)
{
  PrefsData *p = d->data;

  if (g_str_equal (field->field, "tax-rate"))
    return pacta_preferences_window_save_defaults (p->prefs, "EUR", p->typed);
  if (g_str_equal (field->field, "verifactu-nif"))
    return pacta_preferences_window_save_verifactu (p->prefs, TRUE, p->typed);
  if (g_str_equal (field->field, "staff"))
    return pacta_preferences_window_add_staff (p->prefs, p->typed);
  return pacta_preferences_window_save_numbering (p->prefs, "invoice");
}

static gboolean
prefs_marked (Driver      *d,
              const Field *field)
{
  PrefsData *p = d->data;

  if (g_str_equal (field->field, "tax-rate"))
    return pacta_preferences_window_msp_field_has_error (p->prefs, "tax-rate");
  if (g_str_equal (field->field, "pattern"))
    return gtk_widget_has_css_class (pacta_test_find_row (GTK_WIDGET (pacta_preferences_window_get_numbering_editor (p->prefs,
                                                                                                         "invoice")),
                                               "Pattern"), "error");
  /* The others say why in a toast */
  return TRUE;
}

static char *
prefs_stored (Driver      *d,
              const Field *field)
{
  PrefsData *p = d->data;

  if (g_str_equal (field->field, "tax-rate"))
    return pacta_test_query_text (d->db, "SELECT value FROM settings WHERE key = 'tax-rate'", 0);
  if (g_str_equal (field->field, "verifactu-nif"))
    return pacta_test_query_text (d->db, "SELECT value FROM settings WHERE key = 'verifactu-nif'", 0);
  if (g_str_equal (field->field, "pattern"))
    return pacta_test_query_text (d->db, "SELECT pattern FROM number_sequences WHERE kind = 'invoice'", 0);
  if (g_str_equal (field->field, "next"))
    return pacta_test_query_text (d->db, "SELECT next FROM number_sequences WHERE kind = 'invoice'", 0);
  if (g_str_equal (field->field, "staff"))
    {
      g_autofree char *name = g_strstrip (g_strdup (p->typed));
      sqlite3_stmt *stmt = pacta_database_prepare (d->db, "SELECT name FROM staff WHERE name = ?1", NULL);
      char *found = NULL;

      pacta_sql_bind_text (stmt, 1, name);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        found = g_strdup (pacta_sql_column_text (stmt, 0));
      sqlite3_reset (stmt);
      return found;
    }
  g_assert_not_reached ();
}

static char *
prefs_shown (Driver      *d,
             const Field *field)
{
  PrefsData *p = d->data;
  PactaNumberingEditor *editor = pacta_preferences_window_get_numbering_editor (p->prefs, "invoice");

  if (g_str_equal (field->field, "tax-rate"))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (pacta_test_find_row (GTK_WIDGET (p->prefs), "Default Tax Rate (%)"))));
  if (g_str_equal (field->field, "verifactu-nif"))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (pacta_test_find_row (GTK_WIDGET (p->prefs), "Issuer NIF"))));
  if (g_str_equal (field->field, "next"))
    return g_strdup (p->seen);
  if (g_str_equal (field->field, "pattern"))
    {
      g_autoptr(PactaNumbering) numbering = pacta_numbering_load (d->db, "invoice", NULL);

      /* As Preferences shows it when opened again */
      pacta_numbering_editor_set_numbering (editor, numbering);
      return g_strdup (gtk_editable_get_text (GTK_EDITABLE (pacta_test_find_row (GTK_WIDGET (editor), "Pattern"))));
    }
  if (g_str_equal (field->field, "staff"))
    {
      /* A row each, titled with the name */
      g_autofree char *name = g_strstrip (g_strdup (p->typed));

      return pacta_test_find_row (GTK_WIDGET (p->prefs), name) != NULL ? g_strdup (name) : NULL;
    }
  g_assert_not_reached ();
}

static void
prefs_reset (Driver      *d,
             const Field *field)
{
  PrefsData *p = d->data;

  if (g_str_equal (field->field, "pattern"))
    pacta_numbering_editor_set_pattern (pacta_preferences_window_get_numbering_editor (p->prefs, "invoice"),
                                        p->pattern);
}

static void
test_preferences_invoicing (Fixture       *f,
                            gconstpointer  data)
{
  static const Field fields[] = {
    { "tax-rate", STRICT },
    { "verifactu-nif", TEXT_UPPER },
    { "pattern", TEXT_EXACT },
    /* The value before a counter: the pattern is valid but for the value */
    { "pattern", TEXT_EXACT, NULL, "{0000}" },
    { "next", SPIN },
    { "staff", TEXT_TRIM },
  };
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PrefsData p = { pacta_preferences_window_new (NULL, context) };
  Driver d = { "Preferences → Invoicing", pacta_context_get_database (context), &p,
               prefs_type, prefs_save, prefs_marked, prefs_stored, prefs_shown, prefs_reset };

  p.pattern = pacta_test_query_text (d.db, "SELECT pattern FROM number_sequences WHERE kind = 'invoice'", 0);
  check_fields (&d, fields, G_N_ELEMENTS (fields));

  g_free (p.typed);
  g_free (p.seen);
  g_free (p.pattern);
  gtk_window_destroy (GTK_WINDOW (p.prefs));
  pacta_test_drain_events ();
}

/* A next number the command line allowed (up to 10 digits) survives a save in Preferences */
static void
test_numbering_big_next (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, FALSE);
  PactaDatabase *db = pacta_context_get_database (context);
  g_autoptr(GError) error = NULL;
  g_autoptr(PactaNumbering) saved = NULL;
  PactaPreferencesWindow *prefs;

  g_assert_true (pacta_numbering_confirm (db, NULL, G_GINT64_CONSTANT (5000000000), NULL, &error));
  g_assert_no_error (error);
  prefs = pacta_preferences_window_new (NULL, context);
  g_assert_nonnull (strstr (pacta_numbering_editor_get_preview (pacta_preferences_window_get_numbering_editor (prefs,
                                                                                                              "invoice")),
                            "5000000000"));
  g_assert_true (pacta_preferences_window_save_numbering (prefs, "invoice"));
  saved = pacta_numbering_load (db, "invoice", NULL);
  g_assert_cmpint (saved->next, ==, G_GINT64_CONSTANT (5000000000));
  gtk_window_destroy (GTK_WINDOW (prefs));
  pacta_test_drain_events ();
}

/* ---- Preferences → Catalog ----------------------------------------------- */

static const struct {
  const char *field;
  const char *title;
  const char *column;
} catalog_titles[] = {
  { "name", "Name", "name" },
  { "description", "Description on invoices", "description" },
  { "unit", "Unit, such as workload, seat, GB, hour or piece", "unit" },
  { "price", "Price a unit and month", "price" },
  { "cost", "Cost a unit and month", "cost" },
  { "sku", "SKU", "sku" },
};

typedef struct
{
  PactaContext           *context;
  PactaPreferencesWindow *prefs;
  gint64                  item;       /* the first item in the list */
  GHashTable             *original;   /* field → text shown at first */
} CatalogData;

static const char *
catalog_title (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (catalog_titles); i++)
    if (g_str_equal (catalog_titles[i].field, field))
      return catalog_titles[i].title;
  g_assert_not_reached ();
}

/* The item's expander in @prefs: the first one, or the one whose name is @name */
static GtkWidget *
catalog_expander (PactaPreferencesWindow *prefs,
                  const char             *name)
{
  g_autoptr(GPtrArray) expanders = g_ptr_array_new ();

  pacta_test_find_all (GTK_WIDGET (prefs), ADW_TYPE_EXPANDER_ROW, expanders);
  for (guint i = 0; i < expanders->len; i++)
    {
      GtkWidget *expander = g_ptr_array_index (expanders, i);
      GtkWidget *name_row = pacta_test_find_row (expander, "Name");

      if (name_row != NULL &&
          (name == NULL || g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (name_row)), name) == 0))
        return expander;
    }
  return NULL;
}

static GtkWidget *
catalog_row (CatalogData *c,
             const char  *field)
{
  GtkWidget *row = pacta_test_find_row (catalog_expander (c->prefs, NULL), catalog_title (field));

  g_assert_nonnull (row);
  return row;
}

static void
catalog_type (Driver      *d,
              const Field *field,
              const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (catalog_row (d->data, field->field)), text);
}

/* Its Save button: pacta_preferences_window_set_price() types the price shown and saves the item */
static gboolean
catalog_save (Driver      *d,
              const Field *field)
{
  CatalogData *c = d->data;
  g_autofree char *price = g_strdup (gtk_editable_get_text (GTK_EDITABLE (catalog_row (c, "price"))));

  return pacta_preferences_window_set_price (c->prefs, 0, price);
}

static gboolean
catalog_marked (Driver      *d,
                const Field *field)
{
  if (g_str_equal (field->field, "price") || g_str_equal (field->field, "cost"))
    return gtk_widget_has_css_class (catalog_row (d->data, field->field), "error");
  /* The others say why in a toast */
  return TRUE;
}

static char *
catalog_stored (Driver      *d,
                const Field *field)
{
  CatalogData *c = d->data;

  for (guint i = 0; i < G_N_ELEMENTS (catalog_titles); i++)
    if (g_str_equal (catalog_titles[i].field, field->field))
      {
        g_autofree char *sql = g_strdup_printf ("SELECT %s FROM catalog_items WHERE id = ?1", catalog_titles[i].column);

        return pacta_test_query_text (d->db, sql, c->item);
      }
  g_assert_not_reached ();
}

/* Preferences opened again, on the item by the name it now has */
static char *
catalog_shown (Driver      *d,
               const Field *field)
{
  CatalogData *c = d->data;
  g_autofree char *name = pacta_test_query_text (d->db, "SELECT name FROM catalog_items WHERE id = ?1", c->item);
  PactaPreferencesWindow *prefs = pacta_preferences_window_new (NULL, c->context);
  GtkWidget *expander = catalog_expander (prefs, name);
  char *text = NULL;

  if (expander != NULL)
    text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (pacta_test_find_row (expander, catalog_title (field->field)))));
  gtk_window_destroy (GTK_WINDOW (prefs));
  return text;
}

static void
catalog_reset (Driver      *d,
               const Field *field)
{
  CatalogData *c = d->data;

  gtk_editable_set_text (GTK_EDITABLE (catalog_row (c, field->field)), g_hash_table_lookup (c->original, field->field));
}

static void
check_catalog (Fixture     *f,
               const Field *fields,
               guint        n_fields)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  g_autoptr(GListModel) catalog = pacta_context_list_catalog (context, NULL);
  g_autoptr(PactaCatalogItem) first = g_list_model_get_item (catalog, 0);
  CatalogData c = { context, pacta_preferences_window_new (NULL, context), pacta_catalog_item_get_id (first),
                    g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free) };
  Driver d = { "Preferences → Catalog", pacta_context_get_database (context), &c,
               catalog_type, catalog_save, catalog_marked, catalog_stored, catalog_shown, catalog_reset };

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (catalog_row (&c, "name"))), ==,
                   pacta_catalog_item_get_name (first));
  for (guint i = 0; i < G_N_ELEMENTS (catalog_titles); i++)
    g_hash_table_insert (c.original, (gpointer) catalog_titles[i].field,
                         g_strdup (gtk_editable_get_text (GTK_EDITABLE (catalog_row (&c, catalog_titles[i].field)))));

  check_fields (&d, fields, n_fields);
  g_hash_table_unref (c.original);
  gtk_window_destroy (GTK_WINDOW (c.prefs));
  pacta_test_drain_events ();
}

static void
test_catalog_text (Fixture       *f,
                   gconstpointer  data)
{
  /* Saved as typed (a blank name or unit is refused) */
  static const Field fields[] = {
    { "name", TEXT_EXACT }, { "description", TEXT_EXACT }, { "unit", TEXT_EXACT },
  };

  check_catalog (f, fields, G_N_ELEMENTS (fields));
}

static void
test_catalog_amounts (Fixture       *f,
                      gconstpointer  data)
{
  static const Field fields[] = {
    /* A blank price is “no price yet”; a blank cost is nothing */
    { "price", STRICT, "" }, { "cost", STRICT, "0" },
    { "sku", TEXT_EXACT },
  };

  check_catalog (f, fields, G_N_ELEMENTS (fields));
}

/* ---- contracts ------------------------------------------------------------ */

typedef struct
{
  PactaContext        *context;
  gint64               contract;
  gint64               customer;
  /* The window being typed into: kept after a refusal, as a user would fix
   * the field and save again; a new one after a save */
  PactaContractDialog *dialog;
  PactaContractWizard *wizard;
  char                *original;   /* the field's text before it was typed into */
} ContractData;

static gboolean
is_part_field (const Field *field)
{
  return g_str_has_prefix (field->field, "part-");
}

static char *
contract_column (PactaDatabase *db,
                 gint64         contract,
                 const Field   *field)
{
  static const struct { const char *field; const char *sql; } columns[] = {
    { "name", "SELECT name FROM contracts WHERE id = ?1" },
    { "reference", "SELECT reference FROM contracts WHERE id = ?1" },
    { "contact-email", "SELECT contact_email FROM contracts WHERE id = ?1" },
    { "start-date", "SELECT start_date FROM contracts WHERE id = ?1" },
    { "end-date", "SELECT end_date FROM contracts WHERE id = ?1" },
    { "notes", "SELECT notes FROM contracts WHERE id = ?1" },
    { "part-description", "SELECT description FROM contract_parts WHERE contract_id = ?1 ORDER BY position LIMIT 1" },
    { "part-quantity", "SELECT quantity FROM contract_parts WHERE contract_id = ?1 ORDER BY position LIMIT 1" },
    { "part-price", "SELECT unit_price FROM contract_parts WHERE contract_id = ?1 ORDER BY position LIMIT 1" },
    { "part-discount", "SELECT discount FROM contract_parts WHERE contract_id = ?1 ORDER BY position LIMIT 1" },
    { "part-discount-reason", "SELECT discount_reason FROM contract_parts WHERE contract_id = ?1 ORDER BY position LIMIT 1" },
    { "part-minimum", "SELECT minimum_quantity FROM contract_parts WHERE contract_id = ?1 ORDER BY position LIMIT 1" },
    { "part-start-date", "SELECT start_date FROM contract_parts WHERE contract_id = ?1 ORDER BY position LIMIT 1" },
    { "part-end-date", "SELECT end_date FROM contract_parts WHERE contract_id = ?1 ORDER BY position LIMIT 1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (g_str_equal (columns[i].field, field->field))
      return pacta_test_query_text (db, columns[i].sql, contract);
  g_assert_not_reached ();
}

static const char *
form_text (GtkWidget   *form,
           GtkWidget   *parts,
           const Field *field)
{
  if (is_part_field (field))
    return pacta_parts_editor_get_field_text (PACTA_PARTS_EDITOR (parts), 0, field->field + strlen ("part-"));
  return pacta_contract_form_get_text (PACTA_CONTRACT_FORM (form), field->field);
}

static void
form_type (GtkWidget   *form,
           GtkWidget   *parts,
           const Field *field,
           const char  *text)
{
  if (is_part_field (field))
    pacta_parts_editor_set_field_text (PACTA_PARTS_EDITOR (parts), 0, field->field + strlen ("part-"), text);
  else
    pacta_contract_form_set_text (PACTA_CONTRACT_FORM (form), field->field, text);
}

static void
contract_type (Driver      *d,
               const Field *field,
               const char  *text)
{
  ContractData *c = d->data;
  GtkWidget *form, *parts;

  if (c->dialog == NULL)
    c->dialog = g_object_ref (pacta_contract_dialog_new (NULL, c->context, c->contract));
  form = pacta_contract_dialog_get_contract_form (c->dialog);
  parts = pacta_contract_dialog_get_parts_editor (c->dialog);
  g_free (c->original);
  c->original = g_strdup (form_text (form, parts, field));
  form_type (form, parts, field, text);
}

static gboolean
contract_save (Driver      *d,
               const Field *field)
{
  ContractData *c = d->data;

  if (!pacta_contract_dialog_save (c->dialog))
    {
      g_assert_true (is_toplevel (GTK_WINDOW (c->dialog)));
      return FALSE;
    }
  /* Saved, it closes */
  g_assert_false (is_toplevel (GTK_WINDOW (c->dialog)));
  g_clear_object (&c->dialog);
  return TRUE;
}

static gboolean
contract_marked (Driver      *d,
                 const Field *field)
{
  ContractData *c = d->data;

  return pacta_contract_dialog_get_message (c->dialog) != NULL;
}

static char *
contract_stored (Driver      *d,
                 const Field *field)
{
  ContractData *c = d->data;

  return contract_column (d->db, c->contract, field);
}

/* The contract opened again from the Contracts tab; the next value is typed into it */
static char *
contract_shown (Driver      *d,
                const Field *field)
{
  ContractData *c = d->data;

  g_assert_null (c->dialog);
  c->dialog = g_object_ref (pacta_contract_dialog_new (NULL, c->context, c->contract));
  return g_strdup (form_text (pacta_contract_dialog_get_contract_form (c->dialog),
                              pacta_contract_dialog_get_parts_editor (c->dialog), field));
}

static void
contract_reset (Driver      *d,
                const Field *field)
{
  ContractData *c = d->data;

  if (c->dialog != NULL)
    form_type (pacta_contract_dialog_get_contract_form (c->dialog), pacta_contract_dialog_get_parts_editor (c->dialog),
               field, c->original);
}

static gint64
create_contract (PactaContext *context,
                 gint64        customer)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(PactaContract) prototype = g_object_new (PACTA_TYPE_CONTRACT, "name", "Managed services",
                                                     "start-date", "2026-12-01", NULL);
  g_autoptr(GPtrArray) skipped = NULL;

  g_array_append_val (ids, customer);
  skipped = pacta_context_create_default_contracts (context, ids, prototype, NULL, NULL);
  g_assert_nonnull (skipped);
  g_assert_cmpuint (skipped->len, ==, 0);
  return pacta_database_count (pacta_context_get_database (context), "SELECT max(id) FROM contracts", NULL);
}

static void
check_contract_dialog (Fixture     *f,
                       const Field *fields,
                       guint        n_fields)
{
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  ContractData c = { context };
  Driver d = { "Contract", pacta_context_get_database (context), &c,
               contract_type, contract_save, contract_marked, contract_stored, contract_shown, contract_reset };

  c.customer = pacta_test_customer_of (context, "c0570000-2026-4a00-8b00-000000000001");
  c.contract = create_contract (context, c.customer);
  check_fields (&d, fields, n_fields);
  if (c.dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (c.dialog));
  g_clear_object (&c.dialog);
  g_free (c.original);
  pacta_test_drain_events ();
}

static void
test_contract_dialog (Fixture       *f,
                      gconstpointer  data)
{
  static const Field fields[] = {
    { "name", TEXT_TRIM }, { "reference", TEXT_TRIM }, { "contact-email", TEXT_TRIM },
    { "start-date", STRICT }, { "end-date", STRICT, "" }, { "notes", TEXT_TRIM },
  };

  check_contract_dialog (f, fields, G_N_ELEMENTS (fields));
}

static void
test_contract_parts (Fixture       *f,
                     gconstpointer  data)
{
  static const Field fields[] = {
    { "part-description", TEXT_TRIM }, { "part-quantity", STRICT }, { "part-price", STRICT },
    /* A blank discount or minimum is none; a blank start is the contract's */
    { "part-discount", STRICT, "0" }, { "part-discount-reason", TEXT_TRIM }, { "part-minimum", STRICT, "0" },
    { "part-start-date", STRICT, "2026-12-01" }, { "part-end-date", STRICT, "" },
  };

  check_contract_dialog (f, fields, G_N_ELEMENTS (fields));
}

/* The wizard on the step @field is on: contract information, or the parts */
static void
wizard_type (Driver      *d,
             const Field *field,
             const char  *text)
{
  ContractData *c = d->data;
  const char *step = is_part_field (field) ? "parts" : "info";

  if (c->wizard == NULL)
    {
      c->wizard = g_object_ref (pacta_contract_wizard_new (NULL, c->context, FALSE));
      pacta_contract_wizard_select (c->wizard, c->customer, TRUE);
      pacta_contract_wizard_next (c->wizard);
    }
  if (g_str_equal (step, "parts") && g_str_equal (pacta_contract_wizard_get_step (c->wizard), "info"))
    pacta_contract_wizard_next (c->wizard);
  else if (g_str_equal (step, "info") && g_str_equal (pacta_contract_wizard_get_step (c->wizard), "parts"))
    pacta_contract_wizard_back (c->wizard);
  g_assert_cmpstr (pacta_contract_wizard_get_step (c->wizard), ==, step);

  g_free (c->original);
  c->original = g_strdup (form_text (pacta_contract_wizard_get_contract_form (c->wizard),
                                     pacta_contract_wizard_get_parts_editor (c->wizard), field));
  form_type (pacta_contract_wizard_get_contract_form (c->wizard), pacta_contract_wizard_get_parts_editor (c->wizard),
             field, text);
}

/* Next until the contract is created, or a step refuses */
static gboolean
wizard_save (Driver      *d,
             const Field *field)
{
  ContractData *c = d->data;

  if (!is_part_field (field))
    {
      pacta_contract_wizard_next (c->wizard);
      if (g_str_equal (pacta_contract_wizard_get_step (c->wizard), "info"))
        return FALSE;
      g_assert_cmpstr (pacta_contract_wizard_get_step (c->wizard), ==, "parts");
    }
  pacta_contract_wizard_next (c->wizard);
  if (g_str_equal (pacta_contract_wizard_get_step (c->wizard), "parts"))
    return FALSE;
  g_assert_cmpstr (pacta_contract_wizard_get_step (c->wizard), ==, "done");
  gtk_window_destroy (GTK_WINDOW (c->wizard));
  g_clear_object (&c->wizard);
  return TRUE;
}

static gboolean
wizard_marked (Driver      *d,
               const Field *field)
{
  ContractData *c = d->data;

  return pacta_contract_wizard_get_message (c->wizard) != NULL;
}

static char *
wizard_stored (Driver      *d,
               const Field *field)
{
  return contract_column (d->db, pacta_database_count (d->db, "SELECT max(id) FROM contracts", NULL), field);
}

/* The new contract opened from the Contracts tab */
static char *
wizard_shown (Driver      *d,
              const Field *field)
{
  ContractData *c = d->data;
  PactaContractDialog *dialog = pacta_contract_dialog_new (NULL, c->context,
                                                           pacta_database_count (d->db, "SELECT max(id) FROM contracts",
                                                                                 NULL));
  char *text = g_strdup (form_text (pacta_contract_dialog_get_contract_form (dialog),
                                    pacta_contract_dialog_get_parts_editor (dialog), field));

  gtk_window_destroy (GTK_WINDOW (dialog));
  return text;
}

static void
wizard_reset (Driver      *d,
              const Field *field)
{
  ContractData *c = d->data;

  if (c->wizard != NULL)
    form_type (pacta_contract_wizard_get_contract_form (c->wizard), pacta_contract_wizard_get_parts_editor (c->wizard),
               field, c->original);
}

static void
test_contract_wizard (Fixture       *f,
                      gconstpointer  data)
{
  static const Field fields[] = {
    { "name", TEXT_TRIM }, { "start-date", STRICT }, { "end-date", STRICT, "" },
    { "part-quantity", STRICT }, { "part-price", STRICT }, { "part-discount", STRICT, "0" },
  };
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  ContractData c = { context };
  Driver d = { "New contract wizard", pacta_context_get_database (context), &c,
               wizard_type, wizard_save, wizard_marked, wizard_stored, wizard_shown, wizard_reset };

  /* Talleres Núñez: billing information, priced services; no billing step */
  c.customer = pacta_test_customer_of (context, "c0570000-2026-4a00-8b00-000000000001");
  check_fields (&d, fields, G_N_ELEMENTS (fields));
  if (c.wizard != NULL)
    gtk_window_destroy (GTK_WINDOW (c.wizard));
  g_clear_object (&c.wizard);
  g_free (c.original);
  pacta_test_drain_events ();
}

/* ---- sales items ---------------------------------------------------------- */

typedef struct
{
  PactaContext         *context;
  gint64                item;
  PactaSalesItemDialog *dialog;     /* as for contracts: kept after a refusal */
  char                 *original;
} SalesData;

static gboolean
is_line_field (const Field *field)
{
  return g_str_has_prefix (field->field, "line-");
}

static const char *
sales_text (PactaSalesItemDialog *dialog,
            const Field          *field)
{
  if (is_line_field (field))
    return pacta_sales_item_dialog_get_line_text (dialog, 0, field->field + strlen ("line-"));
  return pacta_sales_item_dialog_get_text (dialog, field->field);
}

static void
sales_set_text (PactaSalesItemDialog *dialog,
                const Field          *field,
                const char           *text)
{
  if (is_line_field (field))
    pacta_sales_item_dialog_set_line_text (dialog, 0, field->field + strlen ("line-"), text);
  else
    pacta_sales_item_dialog_set_text (dialog, field->field, text);
}

static void
sales_type (Driver      *d,
            const Field *field,
            const char  *text)
{
  SalesData *s = d->data;

  if (s->dialog == NULL)
    s->dialog = g_object_ref (pacta_sales_item_dialog_new (NULL, s->context, s->item));
  g_free (s->original);
  s->original = g_strdup (sales_text (s->dialog, field));
  sales_set_text (s->dialog, field, text);
}

static gboolean
sales_save (Driver      *d,
            const Field *field)
{
  SalesData *s = d->data;

  if (!pacta_sales_item_dialog_save (s->dialog))
    {
      g_assert_true (is_toplevel (GTK_WINDOW (s->dialog)));
      return FALSE;
    }
  g_assert_false (is_toplevel (GTK_WINDOW (s->dialog)));
  g_clear_object (&s->dialog);
  return TRUE;
}

static gboolean
sales_marked (Driver      *d,
              const Field *field)
{
  SalesData *s = d->data;

  return pacta_sales_item_dialog_get_message (s->dialog) != NULL;
}

static char *
sales_stored (Driver      *d,
              const Field *field)
{
  static const struct { const char *field; const char *sql; } columns[] = {
    { "date", "SELECT invoice_date FROM sales_items WHERE id = ?1" },
    { "description", "SELECT description FROM sales_items WHERE id = ?1" },
    { "line-description", "SELECT description FROM sales_item_lines WHERE sales_item_id = ?1 ORDER BY position LIMIT 1" },
    { "line-quantity", "SELECT quantity FROM sales_item_lines WHERE sales_item_id = ?1 ORDER BY position LIMIT 1" },
    { "line-price", "SELECT unit_price FROM sales_item_lines WHERE sales_item_id = ?1 ORDER BY position LIMIT 1" },
    { "line-discount", "SELECT discount FROM sales_item_lines WHERE sales_item_id = ?1 ORDER BY position LIMIT 1" },
  };
  SalesData *s = d->data;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (g_str_equal (columns[i].field, field->field))
      return pacta_test_query_text (d->db, columns[i].sql, s->item);
  g_assert_not_reached ();
}

/* The item opened again from its list; the next value is typed into it */
static char *
sales_shown (Driver      *d,
             const Field *field)
{
  SalesData *s = d->data;

  g_assert_null (s->dialog);
  s->dialog = g_object_ref (pacta_sales_item_dialog_new (NULL, s->context, s->item));
  return g_strdup (sales_text (s->dialog, field));
}

static void
sales_reset (Driver      *d,
             const Field *field)
{
  SalesData *s = d->data;

  if (s->dialog != NULL)
    sales_set_text (s->dialog, field, s->original);
}

static void
test_sales_item (Fixture       *f,
                 gconstpointer  data)
{
  static const Field fields[] = {
    { "date", STRICT }, { "description", TEXT_TRIM },
    /* A free-text line: its text is what is sold, as typed */
    { "line-description", TEXT_EXACT }, { "line-quantity", STRICT }, { "line-price", STRICT },
    { "line-discount", STRICT, "0" },
  };
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  SalesData s = { context };
  Driver d = { "Sales item", pacta_context_get_database (context), &s,
               sales_type, sales_save, sales_marked, sales_stored, sales_shown, sales_reset };
  PactaSalesItemDialog *dialog = pacta_sales_item_dialog_new (NULL, context, 0);

  pacta_sales_item_dialog_choose_customer (dialog, pacta_test_customer_of (context, "c0570000-2026-4a00-8b00-000000000001"));
  pacta_sales_item_dialog_add_line (dialog, "Set-up work", "2", "45.5");
  g_assert_true (pacta_sales_item_dialog_save (dialog));
  s.item = pacta_database_count (d.db, "SELECT max(id) FROM sales_items", NULL);

  check_fields (&d, fields, G_N_ELEMENTS (fields));
  if (s.dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (s.dialog));
  g_clear_object (&s.dialog);
  g_free (s.original);
  pacta_test_drain_events ();
}

/* ---- helpdesk ------------------------------------------------------------- */

static const struct {
  const char *field;
  const char *title;
} ticket_titles[] = {
  { "title", "Title (required)" }, { "contact", "Reporting contact" }, { "category", "Category" },
};

typedef struct
{
  PactaContext      *context;
  GtkWidget         *window;
  PactaHelpdeskPage *page;
  GtkWindow         *form;
  PactaTicketDialog *dialog;
  gint64             ticket;
  char              *typed;
  char              *seen;
} HelpdeskData;

static GtkWindow *
find_new_ticket_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (window), "New Ticket") == 0)
        return window;
    }
  return NULL;
}

static void
ticket_type (Driver      *d,
             const Field *field,
             const char  *text)
{
  HelpdeskData *h = d->data;
  GtkTextView *message;

  gtk_widget_activate_action (GTK_WIDGET (h->page), "helpdesk.new-ticket", NULL);
  h->form = g_object_ref (find_new_ticket_window ());
  g_assert_nonnull (h->form);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (pacta_test_find_widget (GTK_WIDGET (h->form), GTK_TYPE_DROP_DOWN, NULL)), 0);
  message = GTK_TEXT_VIEW (pacta_test_find_widget (GTK_WIDGET (h->form), GTK_TYPE_TEXT_VIEW, NULL));
  gtk_editable_set_text (GTK_EDITABLE (pacta_test_find_row (GTK_WIDGET (h->form), "Title (required)")), "Printer offline");
  gtk_editable_set_text (GTK_EDITABLE (pacta_test_find_row (GTK_WIDGET (h->form), "Reporting contact")), "Marta");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (message), "It does not print.", -1);

  if (g_str_equal (field->field, "message"))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (message), text, -1);
  else
    for (guint i = 0; i < G_N_ELEMENTS (ticket_titles); i++)
      if (g_str_equal (ticket_titles[i].field, field->field))
        gtk_editable_set_text (GTK_EDITABLE (pacta_test_find_row (GTK_WIDGET (h->form), ticket_titles[i].title)), text);
}

static gboolean
ticket_save (Driver      *d,
             const Field *field)
{
  HelpdeskData *h = d->data;

  g_signal_emit_by_name (find_button (GTK_WIDGET (h->form), "C_reate"), "clicked");
  /* Created, it closes */
  return !is_toplevel (h->form);
}

static gboolean
ticket_marked (Driver      *d,
               const Field *field)
{
  HelpdeskData *h = d->data;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  pacta_test_find_all (GTK_WIDGET (h->form), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (gtk_widget_has_css_class (label, "error") && gtk_widget_get_visible (label) &&
          *gtk_label_get_label (GTK_LABEL (label)) != '\0')
        return TRUE;
    }
  return FALSE;
}

static char *
ticket_stored (Driver      *d,
               const Field *field)
{
  static const struct { const char *field; const char *sql; } columns[] = {
    { "title", "SELECT title FROM tickets WHERE id = ?1" },
    { "contact", "SELECT contact_name FROM tickets WHERE id = ?1" },
    { "category", "SELECT category FROM tickets WHERE id = ?1" },
    { "message", "SELECT body FROM ticket_updates WHERE ticket_id = ?1 ORDER BY id LIMIT 1" },
  };
  gint64 ticket = pacta_database_count (d->db, "SELECT max(id) FROM tickets", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (g_str_equal (columns[i].field, field->field))
      return pacta_test_query_text (d->db, columns[i].sql, ticket);
  g_assert_not_reached ();
}

static GtkWidget *
find_group (GtkWidget  *root,
            const char *title)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();

  pacta_test_find_all (root, ADW_TYPE_PREFERENCES_GROUP, groups);
  for (guint i = 0; i < groups->len; i++)
    if (g_strcmp0 (adw_preferences_group_get_title (g_ptr_array_index (groups, i)), title) == 0)
      return g_ptr_array_index (groups, i);
  return NULL;
}

/* The rows of a ticket's “Conversation” or “Time”, in order */
static GPtrArray *
ticket_rows (PactaTicketDialog *dialog,
             const char        *group)
{
  GPtrArray *rows = g_ptr_array_new ();

  pacta_test_find_all (find_group (GTK_WIDGET (dialog), group), ADW_TYPE_ACTION_ROW, rows);
  return rows;
}

/* What a conversation row shows: its text, or all of it in the window its
 * Show All opens when the row shows only the start */
static char *
conversation_text (PactaTicketDialog *dialog,
                   GPtrArray         *rows,
                   guint              index)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GtkWindow *window;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  char *text;

  pacta_test_find_all (g_ptr_array_index (rows, index), GTK_TYPE_BUTTON, buttons);
  if (buttons->len == 0)
    return g_strdup (adw_action_row_get_subtitle (g_ptr_array_index (rows, index)));

  window = pacta_ticket_dialog_show_update (dialog, index);
  g_assert_nonnull (window);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (pacta_test_find_widget (GTK_WIDGET (window), GTK_TYPE_TEXT_VIEW, NULL)));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  gtk_window_destroy (window);
  return text;
}

/* The new ticket opened from the list */
static char *
ticket_shown (Driver      *d,
              const Field *field)
{
  HelpdeskData *h = d->data;
  gint64 ticket = pacta_database_count (d->db, "SELECT max(id) FROM tickets", NULL);
  PactaTicketDialog *dialog = pacta_ticket_dialog_new (NULL, h->context, ticket);
  g_autoptr(GPtrArray) conversation = ticket_rows (dialog, "Conversation");
  char *text = NULL;

  if (g_str_equal (field->field, "title"))
    text = g_strdup (adw_window_title_get_title (ADW_WINDOW_TITLE (pacta_test_find_widget (GTK_WIDGET (dialog),
                                                                                ADW_TYPE_WINDOW_TITLE, NULL))));
  else if (g_str_equal (field->field, "message") && conversation->len > 0)
    text = conversation_text (dialog, conversation, 0);
  else if (g_str_equal (field->field, "contact") && conversation->len > 0)
    {
      /* The first message's author: “contact · time”, or “Customer” without one */
      const char *title = adw_preferences_row_get_title (g_ptr_array_index (conversation, 0));
      const char *dot = g_strrstr (title, " · ");

      text = g_strndup (title, dot - title);
      if (g_str_equal (text, "Customer"))
        g_clear_pointer (&text, g_free);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  return text;
}

static void
ticket_reset (Driver      *d,
              const Field *field)
{
  HelpdeskData *h = d->data;

  if (is_toplevel (h->form))
    gtk_window_destroy (h->form);
  g_clear_object (&h->form);
}

static void
test_new_ticket (Fixture       *f,
                 gconstpointer  data)
{
  static const Field fields[] = {
    { "title", TEXT_TRIM }, { "contact", TEXT_EXACT },
    /* Kept for reports; no window shows it */
    { "category", TEXT_EXACT, NULL, NULL, TRUE },
    { "message", TEXT_EXACT },
  };
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  HelpdeskData h = { context, gtk_window_new (), PACTA_HELPDESK_PAGE (g_object_new (PACTA_TYPE_HELPDESK_PAGE, NULL)) };
  Driver d = { "New ticket", pacta_context_get_database (context), &h,
               ticket_type, ticket_save, ticket_marked, ticket_stored, ticket_shown, ticket_reset };

  gtk_window_set_child (GTK_WINDOW (h.window), GTK_WIDGET (h.page));
  pacta_helpdesk_page_set_context (h.page, context);
  check_fields (&d, fields, G_N_ELEMENTS (fields));
  gtk_window_destroy (GTK_WINDOW (h.window));
  pacta_test_drain_events ();
}

static void
reply_type (Driver      *d,
            const Field *field,
            const char  *text)
{
  HelpdeskData *h = d->data;

  g_free (h->typed);
  h->typed = g_strdup (text);
}

static gboolean
reply_save (Driver      *d,
            const Field *field)
{
  HelpdeskData *h = d->data;

  if (g_str_equal (field->field, "reply"))
    return pacta_ticket_dialog_reply (h->dialog, h->typed, FALSE);

  /* Add time: the minutes, or what was done, as typed */
  if (g_str_equal (field->field, "minutes"))
    {
      gboolean added = pacta_ticket_dialog_type_time (h->dialog, h->typed, "Diagnosis");

      g_free (h->seen);
      h->seen = g_strdup (pacta_ticket_dialog_get_minutes_text (h->dialog));
      return added;
    }
  return pacta_ticket_dialog_type_time (h->dialog, "15", h->typed);
}

static gboolean
reply_marked (Driver      *d,
              const Field *field)
{
  HelpdeskData *h = d->data;

  return pacta_ticket_dialog_get_message (h->dialog) != NULL;
}

static char *
reply_stored (Driver      *d,
              const Field *field)
{
  HelpdeskData *h = d->data;

  if (g_str_equal (field->field, "reply"))
    return pacta_test_query_text (d->db, "SELECT body FROM ticket_updates WHERE ticket_id = ?1 ORDER BY id DESC LIMIT 1", h->ticket);
  if (g_str_equal (field->field, "minutes"))
    return pacta_test_query_text (d->db, "SELECT minutes FROM time_entries WHERE ticket_id = ?1 ORDER BY id DESC LIMIT 1", h->ticket);
  return pacta_test_query_text (d->db, "SELECT description FROM time_entries WHERE ticket_id = ?1 ORDER BY id DESC LIMIT 1",
                     h->ticket);
}

/* The ticket opened again: the last message, or the last time entry */
static char *
reply_shown (Driver      *d,
             const Field *field)
{
  HelpdeskData *h = d->data;
  PactaTicketDialog *dialog;
  g_autoptr(GPtrArray) rows = NULL;
  char *text = NULL;

  if (g_str_equal (field->field, "minutes"))
    return g_strdup (h->seen);

  dialog = pacta_ticket_dialog_new (NULL, h->context, h->ticket);
  rows = ticket_rows (dialog, g_str_equal (field->field, "reply") ? "Conversation" : "Time");
  if (rows->len > 0 && g_str_equal (field->field, "reply"))
    text = conversation_text (dialog, rows, rows->len - 1);
  else if (rows->len > 0)
    {
      /* “date · 15 min · what was done” */
      const char *title = adw_preferences_row_get_title (g_ptr_array_index (rows, rows->len - 1));
      const char *after = strstr (title, " min · ");

      text = after != NULL ? g_strdup (after + strlen (" min · ")) : NULL;
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  return text;
}

static void
reply_reset (Driver      *d,
             const Field *field)
{
}

static void
test_ticket_dialog (Fixture       *f,
                    gconstpointer  data)
{
  static const Field fields[] = {
    { "reply", TEXT_EXACT }, { "minutes", SPIN }, { "description", TEXT_EXACT },
  };
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  HelpdeskData h = { context };
  Driver d = { "Ticket", pacta_context_get_database (context), &h,
               reply_type, reply_save, reply_marked, reply_stored, reply_shown, reply_reset };

  h.ticket = pacta_database_count (d.db, "SELECT min(id) FROM tickets WHERE status <> 'closed'", NULL);
  h.dialog = pacta_ticket_dialog_new (NULL, context, h.ticket);
  check_fields (&d, fields, G_N_ELEMENTS (fields));

  g_free (h.typed);
  g_free (h.seen);
  gtk_window_destroy (GTK_WINDOW (h.dialog));
  pacta_test_drain_events ();
}

/* ---- invoices and the billing run ---------------------------------------- */

typedef struct
{
  PactaContext          *context;
  PactaInvoiceDialog    *invoice_dialog;
  gint64                 invoice;
  PactaBillingRunDialog *run_dialog;
} InvoiceData;

static GtkWidget *
invoice_row (InvoiceData *i,
             const Field *field)
{
  GtkWidget *row;

  if (g_str_equal (field->field, "payment-date"))
    row = pacta_test_find_row (GTK_WIDGET (i->invoice_dialog), "Payment Date (YYYY-MM-DD)");
  else
    row = pacta_test_find_row (GTK_WIDGET (i->run_dialog), "Month (YYYY-MM)");
  g_assert_nonnull (row);
  return row;
}

static void
invoice_type (Driver      *d,
              const Field *field,
              const char  *text)
{
  InvoiceData *i = d->data;

  if (g_str_equal (field->field, "month"))
    pacta_billing_run_dialog_set_month (i->run_dialog, text);
  else
    gtk_editable_set_text (GTK_EDITABLE (invoice_row (i, field)), text);
}

static gboolean
invoice_save (Driver      *d,
              const Field *field)
{
  InvoiceData *i = d->data;

  /* The month is read as it is typed: its preview is what it takes */
  if (g_str_equal (field->field, "month"))
    return !gtk_widget_has_css_class (invoice_row (i, field), "error");

  /* Enter in the date presses Mark as paid */
  g_signal_emit_by_name (invoice_row (i, field), "entry-activated");
  return pacta_database_count (d->db, "SELECT count(*) FROM invoices WHERE status = 'paid'", NULL) > 0;
}

static gboolean
invoice_marked (Driver      *d,
                const Field *field)
{
  InvoiceData *i = d->data;

  if (g_str_equal (field->field, "month") && pacta_billing_run_dialog_get_n_planned (i->run_dialog) > 0)
    return FALSE;
  return gtk_widget_has_css_class (invoice_row (i, field), "error");
}

static char *
invoice_stored (Driver      *d,
                const Field *field)
{
  InvoiceData *i = d->data;

  if (g_str_equal (field->field, "month"))
    return NULL;
  return pacta_test_query_text (d->db, "SELECT paid_on FROM invoices WHERE id = ?1", i->invoice);
}

static char *
invoice_shown (Driver      *d,
               const Field *field)
{
  return NULL;
}

static void
invoice_reset (Driver      *d,
               const Field *field)
{
}

static void
test_invoice_and_run (Fixture       *f,
                      gconstpointer  data)
{
  static const Field fields[] = {
    { "payment-date", STRICT }, { "month", STRICT },
  };
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaDatabase *db = pacta_context_get_database (context);
  g_auto(GStrv) numbers = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  InvoiceData i = { context };
  Driver d = { "Invoice and billing run", db, &i,
               invoice_type, invoice_save, invoice_marked, invoice_stored, invoice_shown, invoice_reset };

  pacta_test_add_missing_contracts (context);
  numbers = pacta_test_bill (context, "2026-11");
  i.invoice = pacta_database_count (db, "SELECT min(id) FROM invoices", NULL);
  i.invoice_dialog = pacta_invoice_dialog_new (NULL, context, i.invoice);
  i.run_dialog = g_object_ref (pacta_billing_run_dialog_new (NULL, context));

  check_fields (&d, fields, G_N_ELEMENTS (fields));

  /* Create Invoices on a refused month (its button is off, but say it were pressed) writes nothing */
  pacta_billing_run_dialog_set_month (i.run_dialog, "2026-13");
  before = pacta_test_sqlite_digest (pacta_database_get_handle (db));
  pacta_billing_run_dialog_create (i.run_dialog);
  pacta_test_wait_until (pacta_test_run_finished, i.run_dialog);
  after = pacta_test_sqlite_digest (pacta_database_get_handle (db));
  g_assert_cmpstr (before, ==, after);

  /* Paid once; a second time is refused with a message, not a warning */
  g_assert_true (pacta_invoice_dialog_mark_paid (i.invoice_dialog, "2026-12-10"));
  g_assert_false (pacta_invoice_dialog_mark_paid (i.invoice_dialog, "2026-12-11"));
  g_assert_cmpint (pacta_database_count (db, "SELECT count(*) FROM invoices WHERE paid_on = '2026-12-10'", NULL), ==, 1);

  gtk_window_destroy (GTK_WINDOW (i.invoice_dialog));
  gtk_window_destroy (GTK_WINDOW (i.run_dialog));
  g_object_unref (i.run_dialog);
  pacta_test_drain_events ();
}

/* ---- drawn ---------------------------------------------------------------- */

/* Shows @window and waits for it to be drawn */
static void
draw (GtkWindow *window)
{
  gtk_window_present (window);
  pacta_test_wait_frame (GTK_WIDGET (window));
}

/* What the forms above stored — right-to-left text, tabs and line breaks where
 * a field has lines, emoji, a long word — in the windows that show it, drawn
 * without a warning and without a long wait */
static void
test_drawn (Fixture       *f,
            gconstpointer  data)
{
  const char *mixed = "abc 12,34,56 a\tb line1\nline2 شركة الاختبار \u200fשלום\u200e abc\u202edef 😀";
  const char *printable = "شركة الاختبار \u200fשלום\u200e abc\u202edef 😀";
  g_autoptr(PactaContext) context = pacta_test_open_context (f->dir, TRUE);
  PactaDatabase *db = pacta_context_get_database (context);
  gint64 customer = pacta_test_customer_of (context, "c0570000-2026-4a00-8b00-000000000001");
  gint64 contract = create_contract (context, customer);
  g_autoptr(GString) long_word = g_string_new (NULL);
  g_autoptr(GString) long_line = g_string_new (NULL);
  GtkWidget *window = gtk_window_new ();
  PactaBillingForm *form = PACTA_BILLING_FORM (pacta_billing_form_new ());
  g_autoptr(PactaBillingInfo) info = pacta_billing_info_load (db, customer, NULL);
  PactaContractDialog *contract_dialog;
  PactaSalesItemDialog *sales_dialog;
  PactaTicketDialog *ticket_dialog;
  PactaPreferencesWindow *prefs;
  gint64 item;
  gint64 ticket = pacta_database_count (db, "SELECT min(id) FROM tickets WHERE status <> 'closed'", NULL);

  /* One word of 10 000 characters */
  for (guint i = 0; i < 10000; i++)
    g_string_append (long_word, "ñ");
  g_string_append (long_line, long_word->str);
  g_string_append (long_line, printable);
  g_string_append (long_word, mixed);

  /* Billing information */
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (form));
  pacta_billing_form_set_info (form, info);
  pacta_billing_form_set_text (form, "business-name", printable);
  pacta_billing_form_set_text (form, "city", printable);
  g_assert_true (pacta_billing_form_save (form, context, NULL));
  g_clear_object (&info);
  info = pacta_billing_info_load (db, customer, NULL);
  pacta_billing_form_set_info (form, info);
  draw (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (window));

  /* A contract and its first part */
  contract_dialog = pacta_contract_dialog_new (NULL, context, contract);
  pacta_contract_form_set_text (PACTA_CONTRACT_FORM (pacta_contract_dialog_get_contract_form (contract_dialog)),
                                "name", printable);
  pacta_contract_form_set_text (PACTA_CONTRACT_FORM (pacta_contract_dialog_get_contract_form (contract_dialog)),
                                "notes", long_word->str);
  pacta_parts_editor_set_field_text (PACTA_PARTS_EDITOR (pacta_contract_dialog_get_parts_editor (contract_dialog)), 0,
                                     "description", long_line->str);
  g_assert_true (pacta_contract_dialog_save (contract_dialog));
  contract_dialog = pacta_contract_dialog_new (NULL, context, contract);
  draw (GTK_WINDOW (contract_dialog));
  gtk_window_destroy (GTK_WINDOW (contract_dialog));

  /* A sales item whose line is one very long word: its header shows the start */
  sales_dialog = pacta_sales_item_dialog_new (NULL, context, 0);
  pacta_sales_item_dialog_choose_customer (sales_dialog, customer);
  pacta_sales_item_dialog_add_line (sales_dialog, long_word->str, "1", "10");
  pacta_sales_item_dialog_add_line (sales_dialog, mixed, "1", "10");
  pacta_sales_item_dialog_set_text (sales_dialog, "description", mixed);
  g_assert_true (pacta_sales_item_dialog_save (sales_dialog));
  item = pacta_database_count (db, "SELECT max(id) FROM sales_items", NULL);
  sales_dialog = pacta_sales_item_dialog_new (NULL, context, item);
  g_assert_cmpstr (pacta_sales_item_dialog_get_line_text (sales_dialog, 0, "description"), ==, long_word->str);
  draw (GTK_WINDOW (sales_dialog));
  gtk_window_destroy (GTK_WINDOW (sales_dialog));

  /* A ticket's conversation and time */
  ticket_dialog = pacta_ticket_dialog_new (NULL, context, ticket);
  g_assert_true (pacta_ticket_dialog_reply (ticket_dialog, mixed, FALSE));
  g_assert_true (pacta_ticket_dialog_reply (ticket_dialog, mixed, TRUE));
  g_assert_true (pacta_ticket_dialog_type_time (ticket_dialog, "20", printable));
  draw (GTK_WINDOW (ticket_dialog));
  gtk_window_destroy (GTK_WINDOW (ticket_dialog));

  /* A reply of one word of 10 000 characters: the conversation shows its
   * start, Show All the whole of it, wrapped between characters */
  ticket_dialog = pacta_ticket_dialog_new (NULL, context, ticket);
  g_assert_true (pacta_ticket_dialog_reply (ticket_dialog, long_word->str, FALSE));
  {
    g_autoptr(GPtrArray) rows = ticket_rows (ticket_dialog, "Conversation");
    GtkWidget *last = g_ptr_array_index (rows, rows->len - 1);
    const char *shown = adw_action_row_get_subtitle (ADW_ACTION_ROW (last));
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    GtkWindow *message;
    GtkTextView *view;
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    g_assert_cmpint (g_utf8_strlen (shown, -1), <=, 400);
    g_assert_true (g_str_has_suffix (shown, "…"));
    g_assert_true (strncmp (shown, long_word->str, strlen (shown) - strlen ("…")) == 0);
    pacta_test_find_all (last, GTK_TYPE_BUTTON, buttons);
    g_assert_cmpuint (buttons->len, ==, 1);
    g_assert_cmpstr (gtk_button_get_label (g_ptr_array_index (buttons, 0)), ==, "Show _All");
    draw (GTK_WINDOW (ticket_dialog));

    message = pacta_ticket_dialog_show_update (ticket_dialog, rows->len - 1);
    view = GTK_TEXT_VIEW (pacta_test_find_widget (GTK_WIDGET (message), GTK_TYPE_TEXT_VIEW, NULL));
    gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (view), &start, &end);
    text = gtk_text_buffer_get_text (gtk_text_view_get_buffer (view), &start, &end, FALSE);
    g_assert_cmpstr (text, ==, long_word->str);
    g_assert_cmpint (gtk_text_view_get_wrap_mode (view), ==, GTK_WRAP_CHAR);
    g_assert_false (gtk_text_view_get_editable (view));
    draw (message);
    gtk_window_destroy (message);

    /* The same word pasted into the reply box */
    view = GTK_TEXT_VIEW (pacta_test_find_widget (GTK_WIDGET (ticket_dialog), GTK_TYPE_TEXT_VIEW, NULL));
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), long_word->str, -1);
    g_assert_cmpint (gtk_text_view_get_wrap_mode (view), ==, GTK_WRAP_CHAR);
    draw (GTK_WINDOW (ticket_dialog));
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "Thanks, it works again.", -1);
    g_assert_cmpint (gtk_text_view_get_wrap_mode (view), ==, GTK_WRAP_WORD_CHAR);
  }
  gtk_window_destroy (GTK_WINDOW (ticket_dialog));

  /* Preferences: a catalog item, staff, the company */
  g_assert_true (pacta_database_exec (db, "UPDATE catalog_items SET unit = '😀 abc\u202edef', description = 'abc\u202edef'"
                                          " WHERE id = (SELECT min(id) FROM catalog_items)", NULL));
  prefs = pacta_preferences_window_new (NULL, context);
  g_assert_true (pacta_preferences_window_add_staff (prefs, printable));
  pacta_preferences_window_set_msp_field (prefs, "business-name", printable);
  g_assert_true (pacta_preferences_window_save_msp (prefs));
  draw (GTK_WINDOW (prefs));
  gtk_window_destroy (GTK_WINDOW (prefs));
  pacta_test_drain_events ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = pacta_test_gui_init (&argc, &argv);
  int status;

  init_hostile ();

  g_test_add ("/pacta/bad-input/billing-form", Fixture, NULL, pacta_test_dir_set_up, test_billing_form, pacta_test_dir_tear_down);
  g_test_add ("/pacta/bad-input/preferences-company", Fixture, NULL, pacta_test_dir_set_up, test_preferences_company,
              pacta_test_dir_tear_down);
  g_test_add ("/pacta/bad-input/preferences-invoicing", Fixture, NULL, pacta_test_dir_set_up, test_preferences_invoicing,
              pacta_test_dir_tear_down);
  g_test_add ("/pacta/bad-input/numbering-big-next", Fixture, NULL, pacta_test_dir_set_up, test_numbering_big_next,
              pacta_test_dir_tear_down);
  g_test_add ("/pacta/bad-input/catalog-text", Fixture, NULL, pacta_test_dir_set_up, test_catalog_text, pacta_test_dir_tear_down);
  g_test_add ("/pacta/bad-input/catalog-amounts", Fixture, NULL, pacta_test_dir_set_up, test_catalog_amounts,
              pacta_test_dir_tear_down);
  g_test_add ("/pacta/bad-input/contract-dialog", Fixture, NULL, pacta_test_dir_set_up, test_contract_dialog, pacta_test_dir_tear_down);
  g_test_add ("/pacta/bad-input/contract-parts", Fixture, NULL, pacta_test_dir_set_up, test_contract_parts, pacta_test_dir_tear_down);
  g_test_add ("/pacta/bad-input/contract-wizard", Fixture, NULL, pacta_test_dir_set_up, test_contract_wizard, pacta_test_dir_tear_down);
  g_test_add ("/pacta/bad-input/sales-item", Fixture, NULL, pacta_test_dir_set_up, test_sales_item, pacta_test_dir_tear_down);
  g_test_add ("/pacta/bad-input/new-ticket", Fixture, NULL, pacta_test_dir_set_up, test_new_ticket, pacta_test_dir_tear_down);
  g_test_add ("/pacta/bad-input/ticket-dialog", Fixture, NULL, pacta_test_dir_set_up, test_ticket_dialog, pacta_test_dir_tear_down);
  g_test_add ("/pacta/bad-input/invoice-and-run", Fixture, NULL, pacta_test_dir_set_up, test_invoice_and_run, pacta_test_dir_tear_down);
  g_test_add ("/pacta/bad-input/drawn", Fixture, NULL, pacta_test_dir_set_up, test_drawn, pacta_test_dir_tear_down);

  status = g_test_run ();
  free_hostile ();
  pacta_test_remove_tree (data_home);
  return status;
}
