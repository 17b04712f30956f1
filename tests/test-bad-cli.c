/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-bad-cli.c: hostile values on pacta's command line and in the files it imports —
 * refused with a message naming the problem and the database left exactly as it was, or
 * stored intact; never a crash */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "pacta-test-util.h"

typedef PactaTestFile Fixture;

/* Runs pacta with @args (NULL-terminated) after --demo --database; its
 * exit status, which must not be a crash */
static int
run_argv (Fixture     *f,
          const char **args,
          char       **out,
          char       **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (char *) "--demo");
  g_ptr_array_add (argv, (char *) "--database");
  g_ptr_array_add (argv, f->path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  return pacta_test_run_pacta ((const char *const *) argv->pdata, out, err);
}

static void
run_ok (Fixture    *f,
        const char *first,
        ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list ap;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  if (run_argv (f, (const char **) args->pdata, &out, &err) != 0)
    g_error ("pacta %s failed: %s", first, err);
}

/* Every row of every table in the file at @path, as stored */
static char *
db_digest (const char *path)
{
  sqlite3 *db = NULL;
  char *digest;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  digest = pacta_test_sqlite_digest (db);
  sqlite3_close (db);
  return digest;
}

/* The first column of the first row of @sql, ?1 being @key */
static char *
query_text (const char *path,
            const char *sql,
            const char *key)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (key != NULL)
    sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static guint n_cases;

/* Refused: a non-zero exit, @reason (when given) in what it says on stderr,
 * and not one row changed */
static void
refused (Fixture    *f,
         const char *reason,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *before = db_digest (f->path);
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list ap;

  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  n_cases++;
  g_assert_cmpint (run_argv (f, (const char **) args->pdata, &out, &err), !=, 0);
  g_strstrip (err);
  g_assert_cmpstr (err, !=, "");
  if (reason != NULL && strstr (err, reason) == NULL)
    g_error ("pacta %s: expected “%s” in “%s”", first, reason, err);
  after = db_digest (f->path);
  g_assert_cmpstr (before, ==, after);
}

static char *
repeat (const char *unit,
        guint       times)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (text, unit);
  return g_string_free (text, FALSE);
}

/* ---- arguments ------------------------------------------------------------ */

static void
test_billing_run (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *long_text = repeat ("x", 10000);
  const char *months[] = { "", "2026-13", "abc", "2026-1", "2026-11\n", " 2026-11", "2026-00", "-2026-11",
                           "2026-11-01", "٢٠٢٦-١١", long_text };

  run_ok (f, "--create-missing-contracts", "2026-10-01", "--confirm-numbering", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      refused (f, "YYYY-MM", "--billing-run", months[i], NULL);
      refused (f, "YYYY-MM", "--billing-run", months[i], "--dry-run", NULL);
    }
  /* Not even text in the locale's encoding: the option parser says so */
  refused (f, NULL, "--billing-run", "\xff\xfe", NULL);
}

static void
test_missing_contracts (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *long_text = repeat ("x", 10000);
  const char *dates[] = { "", "abc", "2026-02-30", "2026-13-01", "2026-12-01 ", "2026-12-1", "12/01/2026",
                          "2026-12-01T00:00", "1e9", "-1", long_text };

  run_ok (f, "--summary", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    refused (f, "YYYY-MM-DD", "--create-missing-contracts", dates[i], NULL);
  refused (f, NULL, "--create-missing-contracts", "\xff", NULL);
}

static void
test_numbering (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *long_text = repeat ("x", 10000);
  g_autofree char *long_pattern = g_strconcat (long_text, "{0000}", NULL);
  g_autofree char *next = NULL;
  g_autofree char *pattern = NULL;
  const struct { const char *pattern; const char *reason; } patterns[] = {
    { "", "empty" },
    { "   ", "counter" },
    { "F-{yyyy}", "counter" },
    { "{foo}{0000}", "Unknown token" },
    { "{0000}{00}", "more than one counter" },
    { "{00000000000}", "more than 10 digits" },
    { "F{0000", "without its" },
    { long_pattern, "longer than 40" },
    { "A\x01{0000}", "control characters" },
    { "A\t{0000}", "control characters" },
    { "A\n{0000}", "control characters" },
    { "\xff{0000}", NULL },
  };

  run_ok (f, "--summary", NULL);
  next = query_text (f->path, "SELECT next FROM number_sequences WHERE kind = 'invoice'", NULL);

  refused (f, "1 or more", "--confirm-numbering", "--numbering-next", "-5", NULL);
  refused (f, "more than 10 digits", "--confirm-numbering", "--numbering-next", "9223372036854775807", NULL);
  refused (f, "--numbering-next", "--confirm-numbering", "--numbering-next", "99999999999999999999", NULL);
  refused (f, "--numbering-next", "--confirm-numbering", "--numbering-next", "abc", NULL);
  refused (f, "--numbering-next", "--confirm-numbering", "--numbering-next", "", NULL);
  refused (f, "--numbering-next", "--confirm-numbering", "--numbering-next", "1e9", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    refused (f, patterns[i].reason, "--confirm-numbering", "--numbering-pattern", patterns[i].pattern, NULL);

  /* 0 is refused too, given alone or with --confirm-numbering: the next
   * number stays what it was */
  refused (f, "1 or more", "--confirm-numbering", "--numbering-next", "0", NULL);
  refused (f, "1 or more", "--numbering-next", "0", NULL);
  g_free (pattern);
  pattern = query_text (f->path, "SELECT next FROM number_sequences WHERE kind = 'invoice'", NULL);
  g_assert_cmpstr (pattern, ==, next);
  /* A bidi override would make a printed number read differently */
  refused (f, "control characters", "--confirm-numbering", "--numbering-pattern", "INV\u202e{0000}", NULL);

  /* Right-to-left text and emoji around a counter are text like any other */
  run_ok (f, "--confirm-numbering", "--numbering-pattern", "فاتورة-{yyyy}-😀{0000}", NULL);
  g_free (pattern);
  pattern = query_text (f->path, "SELECT pattern FROM number_sequences WHERE kind = 'invoice'", NULL);
  g_assert_cmpstr (pattern, ==, "فاتورة-{yyyy}-😀{0000}");
}

/* ---- files ---------------------------------------------------------------- */

typedef struct
{
  const char *label;
  const char *contents;
  gssize      length;      /* -1: up to the NUL */
  const char *reason;      /* refused with this; NULL: stored */
} BadFile;

static void
import_each (Fixture       *f,
             const char    *option,
             const BadFile *files,
             guint          n_files)
{
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%u.%s", option + 2, i,
                                               g_str_equal (option, "--import-tenants") ? "json" : "csv");
      g_autofree char *path = pacta_test_write_file (f->dir, name, files[i].contents, files[i].length);

      if (files[i].reason != NULL)
        {
          g_test_message ("%s, %s: refused", option, files[i].label);
          refused (f, files[i].reason, option, path, NULL);
          continue;
        }
      n_cases++;
      run_ok (f, option, path, NULL);
    }
}

static void
test_import_tenants (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *long_text = repeat ("x", 10000);
  g_autofree char *long_json = g_strdup_printf ("{\"items\": [{\"id\": \"t-long\", \"name\": \"%s\", \"kind\": \"customer\"}]}",
                                                long_text);
  static const char nul[] = "{\"items\": [{\"id\": \"t-nul\", \"name\": \"A\0B\", \"kind\": \"customer\"}]}";
  const BadFile files[] = {
    { "invalid UTF-8", "{\"items\": [{\"id\": \"t-1\", \"name\": \"Caf\xe9\", \"kind\": \"customer\"}]}", -1, "UTF-8" },
    { "a NUL byte", nul, sizeof nul - 1, "import-tenants-1.json" },
    { "10 000 characters", long_json, -1, "items[0].name" },
    { "a control character", "{\"items\": [{\"id\": \"t-c\", \"name\": \"a\\u0001b\", \"kind\": \"customer\"}]}", -1,
      "items[0].name" },
    { "right-to-left and formulas",
      "{\"items\": [{\"id\": \"t-rtl\", \"name\": \"شركة الاختبار \u202eabc\", \"kind\": \"customer\"},"
      " {\"id\": \"t-eq\", \"name\": \"=1+1\", \"kind\": \"customer\"},"
      " {\"id\": \"t-at\", \"name\": \"@SUM(A1)\", \"kind\": \"customer\"}]}", -1, NULL },
  };
  g_autofree char *rtl = NULL;
  g_autofree char *formula = NULL;
  g_autofree char *at = NULL;

  run_ok (f, "--summary", NULL);
  import_each (f, "--import-tenants", files, G_N_ELEMENTS (files));
  rtl = query_text (f->path, "SELECT name FROM customers WHERE tenant_id = ?1", "t-rtl");
  formula = query_text (f->path, "SELECT name FROM customers WHERE tenant_id = ?1", "t-eq");
  at = query_text (f->path, "SELECT name FROM customers WHERE tenant_id = ?1", "t-at");
  g_assert_cmpstr (rtl, ==, "شركة الاختبار \u202eabc");
  g_assert_cmpstr (formula, ==, "=1+1");
  g_assert_cmpstr (at, ==, "@SUM(A1)");
}

static void
test_import_billing_info (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *long_text = repeat ("x", 10000);
  g_autofree char *long_csv = g_strdup_printf ("customer,business_name,country\n"
                                               "c0570000-2026-4a00-8b00-000000000003,%s,ES\n", long_text);
  static const char nul[] = "customer,business_name,country\nc0570000-2026-4a00-8b00-000000000003,A\0B,ES\n";
  const BadFile files[] = {
    { "invalid UTF-8", "customer,business_name,country\nc0570000-2026-4a00-8b00-000000000003,Caf\xe9,ES\n", -1,
      "not valid UTF-8" },
    { "a NUL byte", nul, sizeof nul - 1, "NUL" },
    { "10 000 characters", long_csv, -1, "line 2, column 2 (business_name)" },
    { "a tab", "customer,business_name,country\nc0570000-2026-4a00-8b00-000000000003,\"a\tb\",ES\n", -1,
      "line 2, column 2 (business_name)" },
    { "a newline in a name", "customer,business_name,country\nc0570000-2026-4a00-8b00-000000000003,\"a\nb\",ES\n", -1,
      "line 2, column 2 (business_name)" },
    { "a country in Arabic", "customer,business_name,country\nc0570000-2026-4a00-8b00-000000000003,Tres,إس\n", -1,
      "line 2, column 3 (country)" },
    { "right-to-left and formulas",
      "customer,business_name,country,city,street\n"
      "c0570000-2026-4a00-8b00-000000000003,شركة الاختبار \u202eabc,ES,=1+1,@SUM(A1)\n", -1, NULL },
  };
  g_autofree char *name = NULL;
  g_autofree char *city = NULL;
  g_autofree char *street = NULL;

  run_ok (f, "--summary", NULL);
  import_each (f, "--import-billing-info", files, G_N_ELEMENTS (files));
  name = query_text (f->path, "SELECT b.business_name FROM billing_info b JOIN customers c ON c.id = b.customer_id"
                            " WHERE c.tenant_id = ?1", "c0570000-2026-4a00-8b00-000000000003");
  city = query_text (f->path, "SELECT b.city FROM billing_info b JOIN customers c ON c.id = b.customer_id"
                            " WHERE c.tenant_id = ?1", "c0570000-2026-4a00-8b00-000000000003");
  street = query_text (f->path, "SELECT b.street FROM billing_info b JOIN customers c ON c.id = b.customer_id"
                              " WHERE c.tenant_id = ?1", "c0570000-2026-4a00-8b00-000000000003");
  g_assert_cmpstr (name, ==, "شركة الاختبار \u202eabc");
  g_assert_cmpstr (city, ==, "=1+1");
  g_assert_cmpstr (street, ==, "@SUM(A1)");
}

static void
test_import_catalog (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *long_text = repeat ("x", 10000);
  g_autofree char *long_name = g_strdup_printf ("usage_key,name,price\nservers,%s,12.5\n", long_text);
  g_autofree char *long_price = g_strdup_printf ("usage_key,name,price\nservers,Servers,%s\n", long_text);
  g_autofree char *long_unit = g_strdup_printf ("usage_key,name,price,unit\nservers,Servers,12.5,%s\n", long_text);
  static const char nul[] = "usage_key,name,price\nservers,A\0B,12.5\n";
  const BadFile files[] = {
    { "invalid UTF-8", "usage_key,name,price\nservers,Caf\xe9,12.5\n", -1, "not valid UTF-8" },
    { "a NUL byte", nul, sizeof nul - 1, "NUL" },
    { "a 10 000-character name", long_name, -1, "line 2" },
    { "a 10 000-character price", long_price, -1, "line 2, column 3 (price)" },
    { "a 10 000-character unit", long_unit, -1, "line 2" },
    { "a formula for a price", "usage_key,name,price\nservers,Servers,=1+1\n", -1, "line 2, column 3 (price)" },
    { "@SUM for a price", "usage_key,name,price\nservers,Servers,@SUM(A1)\n", -1, "line 2, column 3 (price)" },
    { "a comma for a price", "usage_key,name,price\nservers,Servers,\"12,34,56\"\n", -1, "line 2, column 3 (price)" },
    { "a negative price", "usage_key,name,price\nservers,Servers,-1\n", -1, "line 2" },
    { "20 digits", "usage_key,name,price\nservers,Servers,99999999999999999999\n", -1, "line 2, column 3 (price)" },
    { "right-to-left and formulas", "usage_key,name,price,sku\nservers,شركة \u202eabc,12.5,=1+1\n"
                                    "vms,@SUM(A1),9.9,😀\n", -1, NULL },
  };
  g_autofree char *name = NULL;
  g_autofree char *sku = NULL;
  g_autofree char *at = NULL;
  g_autofree char *emoji = NULL;

  run_ok (f, "--summary", NULL);
  import_each (f, "--import-catalog", files, G_N_ELEMENTS (files));
  name = query_text (f->path, "SELECT name FROM catalog_items WHERE usage_key = ?1", "servers");
  sku = query_text (f->path, "SELECT sku FROM catalog_items WHERE usage_key = ?1", "servers");
  at = query_text (f->path, "SELECT name FROM catalog_items WHERE usage_key = ?1", "vms");
  emoji = query_text (f->path, "SELECT sku FROM catalog_items WHERE usage_key = ?1", "vms");
  g_assert_cmpstr (name, ==, "شركة \u202eabc");
  g_assert_cmpstr (sku, ==, "=1+1");
  g_assert_cmpstr (at, ==, "@SUM(A1)");
  g_assert_cmpstr (emoji, ==, "😀");
}

/* ---- places --------------------------------------------------------------- */

static void
test_export_to_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *file = pacta_test_write_file (f->dir, "notes.txt", "Not a folder", -1);
  g_autofree char *inside = g_build_filename (file, "invoices", NULL);
  g_autofree char *exported = NULL;

  run_ok (f, "--create-missing-contracts", "2026-10-01", "--confirm-numbering", "--billing-run", "2026-11",
          "--provisional-usage", NULL);
  refused (f, "is not a folder", "--export-invoices", file, NULL);
  refused (f, "Cannot create the folder", "--export-invoices", inside, NULL);
  /* Nothing was marked exported */
  exported = query_text (f->path, "SELECT count(*) FROM invoices WHERE exported_on IS NOT NULL", NULL);
  g_assert_cmpstr (exported, ==, "0");
}

static int
run_database (const char  *database,
              char       **err)
{
  const char *args[] = { "--database", database, "--summary", NULL };

  return pacta_test_run_pacta (args, NULL, err);
}

static void
test_bad_database (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "a-folder", NULL);
  g_autofree char *text = pacta_test_write_file (f->dir, "words.sqlite",
                                                 "Not a database at all, just some words that fill more than a header.",
                                                 -1);
  g_autofree char *empty_name = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (run_database (folder, &err), !=, 0);
  g_assert_nonnull (strstr (err, "a-folder"));
  g_clear_pointer (&err, g_free);

  g_file_get_contents (text, &before, NULL, NULL);
  g_assert_cmpint (run_database (text, &err), !=, 0);
  g_assert_nonnull (strstr (err, "words.sqlite"));
  g_file_get_contents (text, &after, NULL, NULL);
  /* Left as it was */
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_database ("", &err), !=, 0);
  g_assert_cmpstr (err, !=, "");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/pacta/bad-cli/billing-run", Fixture, NULL, pacta_test_file_set_up, test_billing_run, pacta_test_file_tear_down);
  g_test_add ("/pacta/bad-cli/missing-contracts", Fixture, NULL, pacta_test_file_set_up, test_missing_contracts, pacta_test_file_tear_down);
  g_test_add ("/pacta/bad-cli/numbering", Fixture, NULL, pacta_test_file_set_up, test_numbering, pacta_test_file_tear_down);
  g_test_add ("/pacta/bad-cli/import-tenants", Fixture, NULL, pacta_test_file_set_up, test_import_tenants, pacta_test_file_tear_down);
  g_test_add ("/pacta/bad-cli/import-billing-info", Fixture, NULL, pacta_test_file_set_up, test_import_billing_info,
              pacta_test_file_tear_down);
  g_test_add ("/pacta/bad-cli/import-catalog", Fixture, NULL, pacta_test_file_set_up, test_import_catalog, pacta_test_file_tear_down);
  g_test_add ("/pacta/bad-cli/export-to-file", Fixture, NULL, pacta_test_file_set_up, test_export_to_file, pacta_test_file_tear_down);
  g_test_add ("/pacta/bad-cli/bad-database", Fixture, NULL, pacta_test_file_set_up, test_bad_database, pacta_test_file_tear_down);

  status = g_test_run ();
  g_test_message ("%u refused or stored command lines and files", n_cases);
  return status;
}
