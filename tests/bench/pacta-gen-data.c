/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-gen-data.c: a deterministic, realistic MSP database at any scale, for the benchmarks.
 *
 * The same arguments always give byte-identical tenant/usage listings and the
 * same rows. Customers and their services come in through the platform import
 * (the core's own path), catalog prices through the catalog CSV import,
 * billing information through the core's save; the bulk — contracts, parts,
 * tickets, their conversation, time and sales items — is written with
 * prepared statements in one transaction, as the core would write each row.
 *
 * The picture: an MSP that runs its billing for --month in Pacta. Tickets
 * span three years; time of the last year is approved (billable time became
 * pending sales items) except the last few days', still waiting; contracts
 * bill every month. Nine customers in ten have billing information.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "pacta-billing-run.h"
#include "pacta-billing-info-table.h"
#include "pacta-catalog.h"
#include "pacta-database.h"
#include "pacta-date.h"
#include "pacta-import.h"
#include "pacta-money.h"
#include "pacta-msp.h"
#include "pacta-numbering.h"
#include "pacta-time-entry.h"

typedef struct
{
  gint64    customers;
  gint64    tickets;
  gint64    time_entries;
  gint64    sales_items;
  int       contracts_share;  /* % of the customers with billing information that have a contract */
  guint32   seed;
  char     *month;
  char     *out;
  gboolean  no_db;
  gboolean  quiet;
} Options;

typedef struct
{
  char     *tenant_id;
  char     *name;
  char     *email;
  char     *city;
  char     *country;
  int       size;           /* seats, roughly: drives usage and tickets */
  gboolean  enabled;
  gboolean  billing;        /* has billing information */
  int       rounding;       /* its time rounding step, minutes */
  guint     services;       /* bit per usage key */
  gint64    quantity[8];    /* 1/10000 of the unit, as the import stores it */
  gint64    id;             /* in the database */
} Customer;

static const char *usage_keys[] = { "workstations", "servers", "vms", "mobiles", "m365_seats",
                                    "google_seats", "storage", "websites" };
static const int usage_share[] = { 88, 62, 40, 38, 62, 14, 86, 24 };   /* % of customers */

static const char *prefixes[] = {
  "Talleres", "Construcciones", "Transportes", "Clínica", "Asesoría", "Distribuciones", "Hermanos",
  "Grupo", "Consultores", "Ferretería", "Panadería", "Bodegas", "Gestoría", "Farmacia", "Óptica",
  "Academia", "Inmobiliaria", "Electricidad", "Fontanería", "Carpintería", "Estudio", "Laboratorios",
  "Hotel", "Restaurante", "Autoescuela", "Imprenta", "Joyería", "Viveros", "Muebles", "Seguros",
  "Despacho", "Ingeniería", "Logística", "Cerámicas", "Conservas", "Frutas", "Veterinaria", "Dental",
};
static const char *surnames[] = {
  "García", "Núñez", "Martínez", "López", "Sánchez", "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz",
  "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Alonso", "Gutiérrez", "Navarro",
  "Torres", "Domínguez", "Vázquez", "Ramos", "Gil", "Ramírez", "Serrano", "Blanco", "Molina",
  "Morales", "Suárez", "Ortega", "Delgado", "Castro", "Ortiz", "Rubio", "Marín", "Sanz", "Iglesias",
  "Medina", "Garrido", "Cortés", "Castillo", "Santos", "Lozano", "Guerrero", "Cano", "Prieto",
  "Méndez", "Cruz", "Calvo", "Gallego", "Vidal", "León", "Márquez", "Herrera", "Peña", "Flores",
  "Cabrera", "Campos", "Vega", "Fuentes", "Carrasco", "Díez", "Caballero", "Reyes", "Nieto",
  "Aguilar", "Pascual", "Santana", "Herrero", "Lorenzo", "Montero", "Hidalgo", "Giménez", "Ibáñez",
  "Ferrer", "Durán", "Santiago", "Benítez", "Mora", "Vicente", "Vargas", "Arias", "Carmona",
  "Crespo", "Román", "Pastor", "Soto", "Sáez", "Velasco", "Moya", "Soler", "Parra", "Esteban",
  "Bravo", "Gallardo", "Rojas", "Oliver", "Miralles", "Puig",
};
static const char *suffixes[] = { "S.L.", "S.A.", "S.L.U.", "y Asociados", "e Hijos", "S. Coop.", "S.L.", "" };
static const struct { const char *city; const char *state; const char *zip; } cities[] = {
  { "Valencia", "Valencia", "46" }, { "Madrid", "Madrid", "28" }, { "Barcelona", "Barcelona", "08" },
  { "Sevilla", "Sevilla", "41" }, { "Zaragoza", "Zaragoza", "50" }, { "Málaga", "Málaga", "29" },
  { "Murcia", "Murcia", "30" }, { "Alicante", "Alicante", "03" }, { "Bilbao", "Bizkaia", "48" },
  { "Castellón de la Plana", "Castellón", "12" }, { "A Coruña", "A Coruña", "15" },
  { "Palma", "Illes Balears", "07" }, { "Valladolid", "Valladolid", "47" }, { "Córdoba", "Córdoba", "14" },
};
static const char *first_names[] = {
  "Andrés", "María", "José", "Lucía", "Javier", "Carmen", "David", "Laura", "Sergio", "Ana", "Pablo",
  "Marta", "Jorge", "Elena", "Raúl", "Isabel", "Álvaro", "Cristina", "Iván", "Nuria", "Óscar", "Sofía",
};
static const char *ticket_titles[] = {
  "Cannot print to the office printer", "VPN does not connect from home", "Outlook keeps asking for the password",
  "New employee: accounts and laptop", "Backup job failed overnight", "Slow Wi-Fi in the meeting room",
  "Shared folder permissions", "Phishing email reported", "Laptop does not boot", "Replace failing disk",
  "Microsoft 365 licence for a new user", "Server update window", "Firewall rule for the new ERP",
  "Restore a deleted file", "Antivirus alert on a workstation", "Mobile phone enrolment",
  "Website certificate expires soon", "Move mailbox to the new domain", "Scanner sends no email",
  "Teams calls drop", "Password reset", "Offboarding: disable accounts", "Install accounting software",
  "Storage quota almost full", "Printer toner order", "Remote desktop access for the accountant",
};
static const char *technicians[] = {
  "Ana Ferrer", "Marc Puig", "Laura Soler", "Pablo Miralles", "Irene Gil", "Carlos Vidal",
  "Nerea Ortiz", "Hugo Blanco", "Sara Romero", "Diego Navarro", "Elena Castro", "Tomás Rubio",
};
static const char *categories[] = { "hardware", "software", "network", "accounts", "security", "backup", "email" };
static const char *notes[] = {
  "Checked remotely; waiting for the user to confirm.", "Called the customer, issue reproduced.",
  "Escalated to the vendor.", "Applied the fix and rebooted.", "Ordered the replacement part.",
  "Documented in the customer's runbook.",
};
static const struct { const char *sku; const char *name; gint64 price; } hardware[] = {
  { "HW-LAPTOP", "Business laptop 14 inch", 8990000 }, { "HW-FW", "Firewall appliance", 14500000 },
  { "HW-SW24", "Switch 24 ports", 3200000 }, { "PRJ-H", "Project hours", 650000 },
  { "SRV-SETUP", "Microsoft 365 tenant setup", 250000 }, { "HW-UPS", "UPS 1500 VA", 4100000 },
};

static const char catalog_csv[] =
  "usage_key,name,unit,price,cost,taxable,sku\n"
  "workstations,Workstations,workload,12.50,4.20,yes,PR-WS\n"
  "servers,Servers,workload,39.90,14.00,yes,PR-SRV\n"
  "vms,Virtual machines,workload,29.90,10.50,yes,PR-VM\n"
  "mobiles,Mobile devices,workload,3.50,1.10,yes,PR-MOB\n"
  "m365_seats,Microsoft 365 seats,seat,2.40,0.80,yes,PR-M365\n"
  "google_seats,Google Workspace seats,seat,2.20,0.75,yes,PR-GWS\n"
  "storage,Cloud storage,GB,0.0450,0.0150,yes,PR-STO\n"
  "websites,Websites,workload,9.90,3.00,yes,PR-WEB\n"
  ",Technician time,hour,55.00,25.00,yes,TIME\n"
  ",Business laptop 14 inch,piece,899.00,700.00,yes,HW-LAPTOP\n"
  ",Firewall appliance,piece,1450.00,1100.00,yes,HW-FW\n"
  ",Switch 24 ports,piece,320.00,240.00,yes,HW-SW24\n"
  ",Project hours,hour,65.00,30.00,yes,PRJ-H\n"
  ",Microsoft 365 tenant setup,piece,25.00,0.00,yes,SRV-SETUP\n"
  ",UPS 1500 VA,piece,410.00,300.00,yes,HW-UPS\n";

#define PICK(rand, array) (array[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])
#define CHANCE(rand, percent) (g_rand_int_range ((rand), 0, 100) < (percent))

/* ---- text -------------------------------------------------------------- */

static void
append_json_string (GString    *s,
                    const char *text)
{
  g_string_append_c (s, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
}

static char *
ascii_slug (const char *text)
{
  g_autofree char *plain = g_str_to_ascii (text, "C");
  GString *s = g_string_new (NULL);

  for (const char *p = plain; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (s, g_ascii_tolower (*p));
  return g_string_free (s, FALSE);
}

/* A Spanish company tax number (CIF) with its control digit, as
 * pacta_nif_is_valid() checks it */
static char *
make_cif (guint number)
{
  char digits[8];
  guint sum = 0;

  g_snprintf (digits, sizeof digits, "%07u", number % 10000000);
  for (guint i = 0; i < 7; i++)
    {
      guint digit = (guint)(digits[i] - '0');

      sum += (i % 2 == 0) ? (digit * 2) / 10 + (digit * 2) % 10 : digit;
    }
  return g_strdup_printf ("ESB%s%u", digits, (10 - sum % 10) % 10);
}

/* ---- dates ------------------------------------------------------------- */

static GDate *
month_end (const char *month)
{
  GDate *date = g_date_new_dmy (1, (GDateMonth)atoi (month + 5), (GDateYear)atoi (month));

  g_date_add_months (date, 1);
  g_date_subtract_days (date, 1);
  return date;
}

static char *
date_text (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

/* The day @days before @end */
static GDate *
days_before (const GDate *end,
             guint        days)
{
  GDate *date = g_date_copy (end);

  g_date_subtract_days (date, days);
  return date;
}

/* ---- the customers ----------------------------------------------------- */

static GPtrArray *
make_customers (Options *options,
                GRand   *rand)
{
  GPtrArray *customers = g_ptr_array_new ();
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  for (gint64 i = 0; i < options->customers; i++)
    {
      Customer *c = g_new0 (Customer, 1);
      char *name = NULL;
      guint city = (guint)g_rand_int_range (rand, 0, G_N_ELEMENTS (cities));
      double r;

      /* Names repeat in real life only by accident; retry until new */
      for (guint attempt = 0; name == NULL; attempt++)
        {
          const char *suffix = PICK (rand, suffixes);
          g_autofree char *candidate = NULL;

          if (attempt < 4 && CHANCE (rand, 60))
            candidate = g_strdup_printf ("%s %s %s%s%s", PICK (rand, prefixes), PICK (rand, surnames),
                                         PICK (rand, surnames), *suffix ? " " : "", suffix);
          else if (attempt < 4)
            candidate = g_strdup_printf ("%s %s %s%s%s", PICK (rand, prefixes), PICK (rand, surnames),
                                         cities[city].city, *suffix ? " " : "", suffix);
          else
            candidate = g_strdup_printf ("%s %s %s %u%s%s", PICK (rand, prefixes), PICK (rand, surnames),
                                         PICK (rand, surnames), attempt, *suffix ? " " : "", suffix);
          if (!g_hash_table_contains (names, candidate))
            name = g_steal_pointer (&candidate);
        }
      g_hash_table_add (names, name);

      c->name = name;
      c->tenant_id = g_strdup_printf ("b3c40000-2026-4a00-8b00-%012" G_GINT64_MODIFIER "d", i + 1);
      c->city = g_strdup (cities[city].city);
      c->country = g_strdup (CHANCE (rand, 96) ? "ES" : CHANCE (rand, 50) ? "PT" : "FR");
      {
        g_autofree char *slug = ascii_slug (name);
        c->email = g_strdup_printf ("it@%.24s%" G_GINT64_MODIFIER "d.example", slug, i + 1);
      }
      /* Most customers are small, a few are large */
      r = g_rand_double (rand);
      c->size = 2 + (int)(r * r * r * 240);
      c->enabled = CHANCE (rand, 97);
      c->billing = CHANCE (rand, 90);
      c->rounding = CHANCE (rand, 80) ? 10 : 15;

      for (guint k = 0; k < G_N_ELEMENTS (usage_keys); k++)
        {
          int units;
          int percent;

          if (!CHANCE (rand, usage_share[k]))
            continue;
          percent = g_rand_int_range (rand, 20, 120);
          switch (k)
            {
            case 0: units = MAX (1, c->size * (percent / 2 + 50) / 100); break;   /* workstations */
            case 1: units = 1 + c->size / 25 + percent % 2; break;           /* servers */
            case 2: units = 1 + c->size / 10 + percent % 3; break;           /* vms */
            case 3: units = MAX (1, c->size * (percent / 2) / 100); break;    /* mobiles */
            case 4:
            case 5: units = MAX (1, c->size * (percent / 3 + 75) / 100); break;   /* seats */
            case 6: units = 50 + c->size * percent; break;             /* GB */
            default: units = 1 + percent % 3; break;                           /* websites */
            }
          c->services |= 1u << k;
          c->quantity[k] = (gint64)units * 10000;
        }
      if (c->services == 0)
        {
          c->services = 1;
          c->quantity[0] = (gint64)MAX (1, c->size) * 10000;
        }
      g_ptr_array_add (customers, c);
    }
  return customers;
}

static void
customer_free (gpointer data)
{
  Customer *c = data;

  g_free (c->tenant_id);
  g_free (c->name);
  g_free (c->email);
  g_free (c->city);
  g_free (c->country);
  g_free (c);
}

static GBytes *
tenants_json (GPtrArray *customers,
              GRand     *rand)
{
  GString *s = g_string_new ("{\n  \"items\": [\n");
  static const char *skipped[][2] = {
    { "partner", "Sistemas del Mediterráneo IT S.L." }, { "folder", "Clientes Zona Norte" },
    { "folder", "Clientes Zona Sur" }, { "unit", "Departamento de soporte" },
  };

  /* The platform lists the MSP's own partner tenant, folders and units too */
  for (guint i = 0; i < G_N_ELEMENTS (skipped); i++)
    {
      g_string_append_printf (s, "    {\"id\": \"f01d0000-2026-4a00-8b00-%012u\", \"name\": ", i + 1);
      append_json_string (s, skipped[i][1]);
      g_string_append_printf (s, ", \"kind\": \"%s\", \"enabled\": true, \"language\": \"es\"},\n", skipped[i][0]);
    }

  for (guint i = 0; i < customers->len; i++)
    {
      Customer *c = g_ptr_array_index (customers, i);
      guint city = (guint)g_rand_int_range (rand, 0, G_N_ELEMENTS (cities));

      g_string_append (s, "    {\"id\": ");
      append_json_string (s, c->tenant_id);
      g_string_append (s, ", \"name\": ");
      append_json_string (s, c->name);
      g_string_append_printf (s, ", \"kind\": \"customer\", \"enabled\": %s, \"language\": \"%s\","
                                 " \"parent_id\": \"f01d0000-2026-4a00-8b00-%012u\", \"contact\": {\"email\": ",
                              c->enabled ? "true" : "false", CHANCE (rand, 85) ? "es" : "en",
                              (guint)g_rand_int_range (rand, 2, 4));
      append_json_string (s, c->email);
      g_string_append (s, ", \"firstname\": ");
      append_json_string (s, PICK (rand, first_names));
      g_string_append (s, ", \"lastname\": ");
      append_json_string (s, PICK (rand, surnames));
      g_string_append_printf (s, ", \"phone\": \"+34 9%02d %03d %03d\", \"address1\": ",
                              g_rand_int_range (rand, 10, 99), g_rand_int_range (rand, 0, 1000),
                              g_rand_int_range (rand, 0, 1000));
      {
        g_autofree char *street = g_strdup_printf ("Calle %s %d", PICK (rand, surnames), g_rand_int_range (rand, 1, 200));
        append_json_string (s, street);
      }
      g_string_append (s, ", \"city\": ");
      append_json_string (s, cities[city].city);
      g_string_append (s, ", \"state\": ");
      append_json_string (s, cities[city].state);
      g_string_append_printf (s, ", \"zipcode\": \"%s%03d\", \"country\": \"%s\"}}%s\n",
                              cities[city].zip, g_rand_int_range (rand, 1, 999), c->country,
                              i + 1 < customers->len ? "," : "");
    }
  g_string_append (s, "  ]\n}\n");
  return g_string_free_to_bytes (s);
}

static GBytes *
usages_json (GPtrArray *customers)
{
  GString *s = g_string_new ("{\n  \"items\": [\n");

  for (guint i = 0; i < customers->len; i++)
    {
      Customer *c = g_ptr_array_index (customers, i);
      gboolean first = TRUE;

      g_string_append (s, "    {\"tenant\": ");
      append_json_string (s, c->tenant_id);
      g_string_append (s, ", \"usages\": [");
      for (guint k = 0; k < G_N_ELEMENTS (usage_keys); k++)
        {
          gboolean storage = g_str_equal (usage_keys[k], "storage");

          if (!(c->services & (1u << k)))
            continue;
          /* Storage is reported in bytes: GB × 10⁹ */
          g_string_append_printf (s, "%s\n      {\"name\": \"%s\", \"usage_name\": \"%s\", \"edition\": \"standard\","
                                     " \"value\": %" G_GINT64_FORMAT ", \"measurement_unit\": \"%s\","
                                     " \"type\": \"feature\", \"offering_item\": \"pw_base_%s\"}",
                                  first ? "" : ",", usage_keys[k], usage_keys[k],
                                  storage ? c->quantity[k] / 10000 * G_GINT64_CONSTANT (1000000000)
                                          : c->quantity[k] / 10000,
                                  storage ? "bytes" : "quantity", usage_keys[k]);
          first = FALSE;
        }
      g_string_append_printf (s, "\n    ]}%s\n", i + 1 < customers->len ? "," : "");
    }
  g_string_append (s, "  ]\n}\n");
  return g_string_free_to_bytes (s);
}

/* ---- the database ------------------------------------------------------ */

static gint64
lookup_id (PactaDatabase *db,
           const char    *sql,
           const char    *key)
{
  sqlite3_stmt *stmt = pacta_database_prepare (db, sql, NULL);
  gint64 id = 0;

  g_assert (stmt != NULL);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

static gboolean
step (PactaDatabase  *db,
      sqlite3_stmt   *stmt,
      GError        **error)
{
  return pacta_database_step_done (db, stmt, error);
}

static gboolean
write_billing_info (PactaDatabase  *db,
                    GPtrArray      *customers,
                    GRand          *rand,
                    GError        **error)
{
  for (guint i = 0; i < customers->len; i++)
    {
      Customer *c = g_ptr_array_index (customers, i);
      g_autoptr(PactaBillingInfo) info = NULL;
      g_autofree char *debtor = NULL;
      g_autofree char *vat = NULL;
      g_autofree char *email = NULL;

      if (!c->billing)
        continue;
      debtor = g_strdup_printf ("43%06u", i + 1);
      vat = g_str_equal (c->country, "ES") ? make_cif (1000000 + i * 7) :
            g_str_equal (c->country, "PT") ? g_strdup_printf ("PT5%08u", i + 1)
                                           : g_strdup_printf ("FR%02u%09u", i % 97, i + 1);
      email = g_strdup_printf ("facturas@%s", strchr (c->email, '@') + 1);
      info = g_object_new (PACTA_TYPE_BILLING_INFO,
                           "customer-id", c->id, "business-name", c->name, "debtor-code", debtor,
                           "invoice-email", email, "vat-number", vat, "country", c->country,
                           "address-country", c->country, "street", "Calle Mayor",
                           "number", "12", "postal-code", "46001", "city", c->city,
                           "tax-exempt", CHANCE (rand, 2),
                           "payment-terms-days", CHANCE (rand, 70) ? 30 : CHANCE (rand, 50) ? 15 : 60,
                           "direct-debit", CHANCE (rand, 40),
                           "rounding-minutes", c->rounding,
                           "send-by", CHANCE (rand, 95) ? "email" : "post",
                           NULL);
      if (!pacta_billing_info_save_unlocked (db, info, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_contracts (PactaDatabase  *db,
                 GPtrArray      *customers,
                 const gint64   *usage_item,
                 const gint64   *usage_price,
                 const char     *month,
                 int             share,
                 GRand          *rand,
                 guint          *n_parts,
                 GError        **error)
{
  int run_index = atoi (month) * 12 + atoi (month + 5) - 1;
  sqlite3_stmt *stmt;

  *n_parts = 0;
  for (guint i = 0; i < customers->len; i++)
    {
      Customer *c = g_ptr_array_index (customers, i);
      static const char *intervals[] = { "monthly", "quarterly", "semiannual", "annual" };
      const char *interval;
      g_autofree char *start = NULL;
      g_autofree char *end = NULL;
      int r = g_rand_int_range (rand, 0, 100);
      int start_index;
      gint64 contract_id;
      int position = 0;

      if (!c->billing || !CHANCE (rand, share))
        continue;

      interval = intervals[r < 80 ? 0 : r < 92 ? 1 : r < 95 ? 2 : 3];
      /* Started in the last four years, mostly on the first of a month */
      start_index = run_index - g_rand_int_range (rand, 0, 48);
      start = g_strdup_printf ("%04d-%02d-%02d", start_index / 12, start_index % 12 + 1,
                               CHANCE (rand, 85) ? 1 : g_rand_int_range (rand, 2, 28));
      if (CHANCE (rand, 4))
        {
          int end_index = start_index + g_rand_int_range (rand, 1, 48);
          end = g_strdup_printf ("%04d-%02d-%02d", end_index / 12, end_index % 12 + 1,
                                 end_index % 12 + 1 == 2 ? 28 : 30);
        }

      stmt = pacta_database_prepare (db,
                                     "INSERT INTO contracts (reference, name, customer_id, contact_email, interval,"
                                     " billing, payment_method, start_date, end_date, send_by, prorate, notes, created_at)"
                                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'email', ?10, NULL, ?11)",
                                     error);
      if (stmt == NULL)
        return FALSE;
      if (CHANCE (rand, 30))
        {
          g_autofree char *reference = g_strdup_printf ("CT-%05u", i + 1);
          sqlite3_bind_text (stmt, 1, reference, -1, SQLITE_TRANSIENT);
        }
      sqlite3_bind_text (stmt, 2, CHANCE (rand, 70) ? "Servicios gestionados" : "Managed services", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, c->id);
      sqlite3_bind_text (stmt, 4, c->email, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, interval, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, CHANCE (rand, 70) ? "advance" : "arrears", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, CHANCE (rand, 40) ? "direct_debit" : "transfer", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, start, -1, SQLITE_TRANSIENT);
      pacta_sql_bind_text (stmt, 9, end);
      sqlite3_bind_int (stmt, 10, CHANCE (rand, 85));
      {
        g_autofree char *created = g_strdup_printf ("%sT09:00:00Z", start);
        sqlite3_bind_text (stmt, 11, created, -1, SQLITE_TRANSIENT);
      }
      if (!step (db, stmt, error))
        return FALSE;
      contract_id = sqlite3_last_insert_rowid (pacta_database_get_handle (db));

      for (guint k = 0; k < G_N_ELEMENTS (usage_keys); k++)
        {
          gboolean follow;

          if (!(c->services & (1u << k)))
            continue;
          follow = CHANCE (rand, 80);
          stmt = pacta_database_prepare (db,
                                         "INSERT INTO contract_parts (catalog_item_id, position, description, quantity,"
                                         " unit_price, discount, discount_reason, start_date, end_date, minimum_quantity,"
                                         " follow_usage, trial, contract_id)"
                                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL, ?9, ?10, ?11, ?12)",
                                         error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, usage_item[k]);
          sqlite3_bind_int (stmt, 2, position++);
          sqlite3_bind_text (stmt, 3, usage_keys[k], -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 4, c->quantity[k]);
          sqlite3_bind_int64 (stmt, 5, usage_price[k]);
          if (CHANCE (rand, 10))
            {
              sqlite3_bind_int (stmt, 6, 500 * g_rand_int_range (rand, 1, 4));
              sqlite3_bind_text (stmt, 7, "Volume discount", -1, SQLITE_STATIC);
            }
          else
            sqlite3_bind_int (stmt, 6, 0);
          sqlite3_bind_text (stmt, 8, start, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stmt, 9, follow && CHANCE (rand, 30) ? c->quantity[k] / 2 : 0);
          sqlite3_bind_int (stmt, 10, follow);
          sqlite3_bind_int (stmt, 11, CHANCE (rand, 2));
          sqlite3_bind_int64 (stmt, 12, contract_id);
          if (!step (db, stmt, error))
            return FALSE;
          (*n_parts)++;
        }
    }
  return TRUE;
}

/* A sales item and its lines, as pacta_sales_item_insert_unlocked() writes them */
static gint64
insert_sales_item (PactaDatabase  *db,
                   gint64          customer_id,
                   const char     *date,
                   const char     *origin,
                   const char     *status,
                   const char     *description,
                   GError        **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (db,
                                               "INSERT INTO sales_items (customer_id, invoice_date, origin, status,"
                                               " description, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                               error);
  g_autofree char *created = g_strdup_printf ("%sT17:00:00Z", date);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, origin, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, status, -1, SQLITE_STATIC);
  pacta_sql_bind_text (stmt, 5, description);
  sqlite3_bind_text (stmt, 6, created, -1, SQLITE_TRANSIENT);
  if (!step (db, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (pacta_database_get_handle (db));
}

static gboolean
insert_sales_line (PactaDatabase  *db,
                   gint64          item_id,
                   int             position,
                   gint64          catalog_id,
                   const char     *description,
                   gint64          quantity,
                   gint64          unit_price,
                   int             discount,
                   GError        **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (db,
                                               "INSERT INTO sales_item_lines (sales_item_id, position, catalog_item_id,"
                                               " description, quantity, unit_price, discount, is_note)"
                                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                               error);
  gboolean note = catalog_id == 0;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  sqlite3_bind_int (stmt, 2, position);
  if (note)
    sqlite3_bind_null (stmt, 3);
  else
    sqlite3_bind_int64 (stmt, 3, catalog_id);
  sqlite3_bind_text (stmt, 4, description, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, note ? 0 : quantity);
  sqlite3_bind_int64 (stmt, 6, note ? 0 : unit_price);
  sqlite3_bind_int (stmt, 7, discount);
  sqlite3_bind_int (stmt, 8, note);
  return step (db, stmt, error);
}

typedef struct
{
  gint64  id;
  guint   customer;     /* index into customers */
  guint   day;          /* days before the month's end it was opened */
  char   *number;
  const char *title;
  gboolean billable;
} Ticket;

static gboolean
write_tickets (PactaDatabase  *db,
               GPtrArray      *customers,
               Options        *options,
               const GDate    *end,
               GRand          *rand,
               GArray         *tickets,
               GError        **error)
{
  /* Larger customers open more tickets: pick by cumulative size */
  g_autoptr(GArray) weights = g_array_sized_new (FALSE, FALSE, sizeof (gint64), customers->len);
  gint64 total = 0;
  sqlite3_stmt *stmt;

  for (guint i = 0; i < customers->len; i++)
    {
      total += ((Customer *)g_ptr_array_index (customers, i))->size + 4;
      g_array_append_val (weights, total);
    }

  for (guint i = 0; i < G_N_ELEMENTS (technicians); i++)
    {
      stmt = pacta_database_prepare (db, "INSERT INTO staff (name) VALUES (?1)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, technicians[i], -1, SQLITE_STATIC);
      if (!step (db, stmt, error))
        return FALSE;
    }

  for (gint64 n = 0; n < options->tickets; n++)
    {
      gint64 pick = (gint64)(g_rand_double (rand) * (double)total);
      guint lo = 0, hi = customers->len - 1;
      Ticket t = { 0 };
      Customer *c;
      g_autoptr(GDate) opened = NULL;
      g_autofree char *opened_text = NULL;
      g_autofree char *created = NULL;
      const char *status;
      int r, updates, hour, minute;
      const char *contact = PICK (rand, first_names);

      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (g_array_index (weights, gint64, mid) <= pick)
            lo = mid + 1;
          else
            hi = mid;
        }
      c = g_ptr_array_index (customers, lo);
      t.customer = lo;
      /* Three years of tickets, more of them lately */
      t.day = (guint)(1095.0 * g_rand_double (rand) * (0.5 + 0.5 * g_rand_double (rand)));
      t.number = g_strdup_printf ("T-%06" G_GINT64_FORMAT, n + 1);
      t.title = PICK (rand, ticket_titles);
      t.billable = CHANCE (rand, 80);
      opened = days_before (end, t.day);
      opened_text = date_text (opened);
      hour = g_rand_int_range (rand, 8, 19);
      minute = g_rand_int_range (rand, 0, 60);
      created = g_strdup_printf ("%s %02d:%02d", opened_text, hour, minute);

      r = g_rand_int_range (rand, 0, 100);
      if (t.day > 30)
        status = r < 95 ? "closed" : "resolved";
      else
        status = r < 20 ? "new" : r < 45 ? "in_progress" : r < 60 ? "waiting" : r < 80 ? "resolved" : "closed";

      stmt = pacta_database_prepare (db,
                                     "INSERT INTO tickets (number, title, customer_id, contact_name, assignee, priority,"
                                     " category, status, billable, created_at, updated_at)"
                                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
                                     error);
      if (stmt == NULL)
        return FALSE;
      r = g_rand_int_range (rand, 0, 100);
      sqlite3_bind_text (stmt, 1, t.number, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, t.title, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, c->id);
      sqlite3_bind_text (stmt, 4, contact, -1, SQLITE_STATIC);
      if (g_str_equal (status, "new") && CHANCE (rand, 50))
        sqlite3_bind_null (stmt, 5);
      else
        sqlite3_bind_text (stmt, 5, PICK (rand, technicians), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, r < 20 ? "low" : r < 80 ? "normal" : r < 95 ? "high" : "urgent", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, PICK (rand, categories), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, status, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 9, t.billable);
      sqlite3_bind_text (stmt, 10, created, -1, SQLITE_TRANSIENT);
      if (!step (db, stmt, error))
        return FALSE;
      t.id = sqlite3_last_insert_rowid (pacta_database_get_handle (db));

      /* The customer's request, then a few notes and replies, in order */
      updates = 1 + (g_str_equal (status, "new") ? 0 : g_rand_int_range (rand, 0, 4));
      for (int u = 0; u < updates; u++)
        {
          gboolean note = u > 0 && CHANCE (rand, 50);
          g_autofree char *at = NULL;

          minute += g_rand_int_range (rand, 5, 240) * (u > 0);
          at = g_strdup_printf ("%s %02d:%02d", opened_text, MIN (23, hour + minute / 60), minute % 60);
          stmt = pacta_database_prepare (db,
                                         "INSERT INTO ticket_updates (ticket_id, kind, author, body, created_at)"
                                         " VALUES (?1, ?2, ?3, ?4, ?5)",
                                         error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, t.id);
          sqlite3_bind_text (stmt, 2, note ? "note" : "message", -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, u == 0 ? contact : PICK (rand, technicians), -1, SQLITE_STATIC);
          if (u == 0)
            {
              g_autofree char *body = g_strdup_printf ("Hello, %s. %s Thanks, %s", t.title,
                                                       "Could you have a look as soon as possible?", contact);
              sqlite3_bind_text (stmt, 4, body, -1, SQLITE_TRANSIENT);
            }
          else
            sqlite3_bind_text (stmt, 4, PICK (rand, notes), -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 5, at, -1, SQLITE_TRANSIENT);
          if (!step (db, stmt, error))
            return FALSE;
        }

      g_array_append_val (tickets, t);
    }

  stmt = pacta_database_prepare (db, "UPDATE ticket_sequence SET next = ?1 WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, options->tickets + 1);
  return step (db, stmt, error);
}

static const char *work_done[] = {
  "Remote session", "On site", "Configuration and testing", "Call with the user", "Reinstalled the driver",
  "Replaced the part", "Checked the logs", NULL,
};

static gboolean
write_time_and_sales (PactaDatabase  *db,
                      GPtrArray      *customers,
                      GArray         *tickets,
                      Options        *options,
                      const GDate    *end,
                      GRand          *rand,
                      guint          *n_pending,
                      guint          *n_ticket_items,
                      guint          *n_manual_items,
                      GError        **error)
{
  g_autoptr(GArray) recent = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) billed_customers = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) other_customers = g_array_new (FALSE, FALSE, sizeof (guint));
  gint64 time_item = lookup_id (db, "SELECT id FROM catalog_items WHERE sku = ?1", "TIME");
  gint64 time_rate = lookup_id (db, "SELECT price FROM catalog_items WHERE sku = ?1", "TIME");
  gint64 hardware_ids[G_N_ELEMENTS (hardware)];
  sqlite3_stmt *stmt;

  *n_pending = *n_ticket_items = *n_manual_items = 0;
  for (guint i = 0; i < G_N_ELEMENTS (hardware); i++)
    hardware_ids[i] = lookup_id (db, "SELECT id FROM catalog_items WHERE sku = ?1", hardware[i].sku);

  /* Time is approved only for customers with billing information (the
   * rule); older tickets' time was billed before Pacta */
  for (guint i = 0; i < tickets->len; i++)
    {
      Ticket *t = &g_array_index (tickets, Ticket, i);

      if (t->day < 365 && ((Customer *)g_ptr_array_index (customers, t->customer))->billing)
        g_array_append_val (recent, i);
    }
  for (guint i = 0; i < customers->len; i++)
    g_array_append_val (((Customer *)g_ptr_array_index (customers, i))->billing ? billed_customers : other_customers, i);

  for (gint64 n = 0; n < options->time_entries && recent->len > 0; n++)
    {
      Ticket *t = &g_array_index (tickets, Ticket, g_array_index (recent, guint, g_rand_int_range (rand, 0, (gint32)recent->len)));
      Customer *c = g_ptr_array_index (customers, t->customer);
      guint later = (guint)g_rand_int_range (rand, 0, 4);
      guint day = t->day - MIN (t->day, later);
      g_autoptr(GDate) worked = days_before (end, day);
      g_autofree char *date = date_text (worked);
      int minutes = 5 + (int)(175.0 * g_rand_double (rand) * g_rand_double (rand));
      const char *description = PICK (rand, work_done);
      gboolean billable = CHANCE (rand, 40);
      const char *state = day < 3 ? "pending" : CHANCE (rand, 3) ? "rejected" : "approved";
      int rounded = pacta_round_up_minutes (minutes, c->rounding);
      gint64 item_id = 0;

      if (g_str_equal (state, "approved") && billable && t->billable)
        {
          g_autofree char *reference = g_strdup_printf ("%s %s", t->number, t->title);
          g_autofree char *line = description != NULL ? g_strdup_printf ("%s — %s", reference, description)
                                                      : g_strdup (reference);

          if (!(item_id = insert_sales_item (db, c->id, date, "ticket", "pending", reference, error)) ||
              !insert_sales_line (db, item_id, 0, time_item, line,
                                  pacta_round_div ((gint64)rounded * PACTA_DECIMAL_SCALE, 60), time_rate, 0, error))
            return FALSE;
          (*n_ticket_items)++;
        }

      stmt = pacta_database_prepare (db,
                                     "INSERT INTO time_entries (ticket_id, date, minutes, description, billable,"
                                     " catalog_item_id, state, approved_minutes, sales_item_id)"
                                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                     error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, t->id);
      sqlite3_bind_text (stmt, 2, date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 3, minutes);
      pacta_sql_bind_text (stmt, 4, description);
      sqlite3_bind_int (stmt, 5, billable);
      sqlite3_bind_int64 (stmt, 6, time_item);
      sqlite3_bind_text (stmt, 7, state, -1, SQLITE_STATIC);
      if (g_str_equal (state, "approved"))
        sqlite3_bind_int (stmt, 8, rounded);
      else
        sqlite3_bind_null (stmt, 8);
      if (item_id > 0)
        sqlite3_bind_int64 (stmt, 9, item_id);
      else
        sqlite3_bind_null (stmt, 9);
      if (!step (db, stmt, error))
        return FALSE;
      if (g_str_equal (state, "pending"))
        (*n_pending)++;
    }

  /* Hardware and projects sold outside the contracts; a few drafts that the
   * system made for customers still without billing information */
  for (gint64 n = *n_ticket_items; n < options->sales_items && billed_customers->len > 0; n++)
    {
      gboolean draft = other_customers->len > 0 && CHANCE (rand, 5);
      GArray *pool = draft ? other_customers : billed_customers;
      Customer *c = g_ptr_array_index (customers, g_array_index (pool, guint, g_rand_int_range (rand, 0, (gint32)pool->len)));
      int lines = g_rand_int_range (rand, 1, 4);
      g_autoptr(GDate) date = NULL;
      g_autofree char *date_str = NULL;
      gint64 item_id;

      /* A few go out after this month */
      if (CHANCE (rand, 5))
        {
          date = g_date_copy (end);
          g_date_add_days (date, (guint)g_rand_int_range (rand, 1, 40));
        }
      else
        date = days_before (end, (guint)g_rand_int_range (rand, 0, 365));
      date_str = date_text (date);

      if (!(item_id = insert_sales_item (db, c->id, date_str, draft ? "usage" : "manual", draft ? "draft" : "pending",
                                         draft ? "Usage above the contract" : "Hardware and services", error)))
        return FALSE;
      for (int l = 0; l < lines; l++)
        {
          guint h = (guint)g_rand_int_range (rand, 0, G_N_ELEMENTS (hardware));

          if (!insert_sales_line (db, item_id, l, hardware_ids[h], hardware[h].name,
                                  (gint64)g_rand_int_range (rand, 1, 6) * PACTA_DECIMAL_SCALE, hardware[h].price,
                                  CHANCE (rand, 15) ? 1000 : 0, error))
            return FALSE;
        }
      if (CHANCE (rand, 20) && !insert_sales_line (db, item_id, lines, 0, "Delivered and installed on site",
                                                   0, 0, 0, error))
        return FALSE;
      (*n_manual_items)++;
    }
  return TRUE;
}

static gboolean
write_file (const char  *dir,
            const char  *name,
            GBytes      *bytes,
            GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize)g_bytes_get_size (bytes), error);
}

static gboolean
generate (Options  *options,
          GError  **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (options->seed);
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GBytes) tenants = NULL;
  g_autoptr(GBytes) usages = NULL;
  g_autoptr(GDate) end = month_end (options->month);
  g_autoptr(PactaDatabase) db = NULL;
  g_autoptr(PactaImportReport) report = pacta_import_report_new ();
  g_autoptr(GBytes) catalog = g_bytes_new_static (catalog_csv, sizeof catalog_csv - 1);
  g_autoptr(PactaBillingInfo) msp = NULL;
  g_autoptr(GArray) tickets = g_array_new (FALSE, FALSE, sizeof (Ticket));
  g_autofree char *path = NULL;
  PactaCatalogImportReport catalog_report;
  gint64 usage_item[G_N_ELEMENTS (usage_keys)];
  gint64 usage_price[G_N_ELEMENTS (usage_keys)];
  guint n_parts = 0, n_pending = 0, n_ticket_items = 0, n_manual_items = 0;
  gint64 started = g_get_monotonic_time ();
  sqlite3_stmt *stmt;

  if (g_mkdir_with_parents (options->out, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot create %s", options->out);
      return FALSE;
    }

  customers = make_customers (options, rand);
  g_ptr_array_set_free_func (customers, customer_free);
  tenants = tenants_json (customers, rand);
  usages = usages_json (customers);
  if (!write_file (options->out, "tenants.json", tenants, error) ||
      !write_file (options->out, "usages.json", usages, error))
    return FALSE;
  if (options->no_db)
    return TRUE;

  path = g_build_filename (options->out, "pacta.sqlite", NULL);
  for (guint i = 0; i < 3; i++)
    {
      static const char *extensions[] = { "", "-wal", "-shm" };
      g_autofree char *file = g_strconcat (path, extensions[i], NULL);

      g_unlink (file);
    }

  /* The core's own ways in: the platform listings, the price list, the
   * company's details and the numbering review */
  /* The generator's own connection: a cache large enough not to spill the
   * bulk transaction to the log page by page */
  if (!(db = pacta_database_open (path, error)) ||
      !pacta_database_exec (db, "PRAGMA cache_size = -524288", error) ||
      !pacta_database_exec (db, "PRAGMA temp_store = MEMORY", error) ||
      !pacta_import_platform_bytes (db, tenants, "tenants.json", usages, "usages.json", NULL, NULL, report, error) ||
      !pacta_import_catalog_bytes (db, catalog, "catalog.csv", &catalog_report, error))
    return FALSE;

  msp = g_object_new (PACTA_TYPE_BILLING_INFO, "business-name", "Sistemas del Mediterráneo S.L.",
                      "vat-number", "ESB46000006", "street", "Calle de Colón", "number", "12",
                      "postal-code", "46004", "city", "Valencia", "country", "ES",
                      "invoice-email", "facturacion@sistemasmediterraneo.example",
                      "phone", "+34 960 000 000", NULL);
  if (!pacta_msp_save (db, msp, "ES91 2100 0418 4502 0005 1332", error) ||
      !pacta_numbering_confirm (db, "INV-{yyyy}-{000000}", 1, "yearly", error))
    return FALSE;

  for (guint k = 0; k < G_N_ELEMENTS (usage_keys); k++)
    {
      usage_item[k] = lookup_id (db, "SELECT id FROM catalog_items WHERE usage_key = ?1", usage_keys[k]);
      usage_price[k] = lookup_id (db, "SELECT price FROM catalog_items WHERE usage_key = ?1", usage_keys[k]);
    }
  for (guint i = 0; i < customers->len; i++)
    {
      Customer *c = g_ptr_array_index (customers, i);

      c->id = lookup_id (db, "SELECT id FROM customers WHERE tenant_id = ?1", c->tenant_id);
      g_assert (c->id > 0);
    }

  if (!pacta_database_begin (db, error))
    return FALSE;

  /* The import stamps today's date; a fixed one keeps the rows identical */
  stmt = pacta_database_prepare (db, "UPDATE customers SET created_at = ?1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, "2023-01-09T08:00:00Z", -1, SQLITE_STATIC);
  if (!step (db, stmt, error) ||
      !write_billing_info (db, customers, rand, error) ||
      !write_contracts (db, customers, usage_item, usage_price, options->month, options->contracts_share, rand,
                        &n_parts, error) ||
      !write_tickets (db, customers, options, end, rand, tickets, error) ||
      !write_time_and_sales (db, customers, tickets, options, end, rand, &n_pending, &n_ticket_items,
                             &n_manual_items, error))
    goto failed;
  stmt = pacta_database_prepare (db, "UPDATE billing_info SET updated_at = ?1", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, "2023-02-01T08:00:00Z", -1, SQLITE_STATIC);
  if (!step (db, stmt, error) || !pacta_database_commit (db, error))
    goto failed;

  /* One file, ready to copy */
  if (!pacta_database_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", error))
    return FALSE;

  if (!options->quiet)
    g_print ("%s: %" G_GINT64_FORMAT " customers, %u contract parts, %" G_GINT64_FORMAT " tickets,"
             " %" G_GINT64_FORMAT " time entries (%u waiting), %u sales items (%u from tickets), in %.1f s\n",
             path, options->customers, n_parts, options->tickets, options->time_entries, n_pending,
             n_ticket_items + n_manual_items, n_ticket_items,
             (double)(g_get_monotonic_time () - started) / G_USEC_PER_SEC);
  for (guint i = 0; i < tickets->len; i++)
    g_free (g_array_index (tickets, Ticket, i).number);
  return TRUE;

failed:
  pacta_database_rollback (db);
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  Options options = { 10000, -1, -1, -1, 100, 1, NULL, NULL, FALSE, FALSE };
  gint64 tickets = -1, time_entries = -1, sales_items = -1;
  int seed = 1;
  g_autoptr(GOptionContext) context = g_option_context_new ("- a realistic Pacta database for benchmarks");
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "customers", 0, 0, G_OPTION_ARG_INT64, &options.customers, "Customers (default 10000)", "N" },
    { "tickets", 0, 0, G_OPTION_ARG_INT64, &tickets, "Tickets (default 10 a customer)", "N" },
    { "time-entries", 0, 0, G_OPTION_ARG_INT64, &time_entries, "Time entries (default 5 a customer)", "N" },
    { "sales-items", 0, 0, G_OPTION_ARG_INT64, &sales_items, "Sales items (default 2 a customer)", "N" },
    { "contracts", 0, 0, G_OPTION_ARG_INT, &options.contracts_share,
      "Percent of the customers with billing information that have a contract (default 100)", "P" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Seed of the generator (default 1)", "S" },
    { "month", 0, 0, G_OPTION_ARG_STRING, &options.month, "The month left to bill (default 2026-11)", "YYYY-MM" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &options.out, "Folder for pacta.sqlite, tenants.json, usages.json", "DIR" },
    { "no-db", 0, 0, G_OPTION_ARG_NONE, &options.no_db, "Only write the JSON listings", NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &options.quiet, "Print nothing", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  /* sqlite's statement journals come and go with every row written; giving
   * their memory back to the system each time costs more than the rows */
  mallopt (M_TRIM_THRESHOLD, 256 * 1024 * 1024);
  mallopt (M_MMAP_THRESHOLD, 64 * 1024 * 1024);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (options.month == NULL)
    options.month = g_strdup ("2026-11");
  if (options.out == NULL)
    options.out = g_strdup (".");
  if (options.customers < 1 || options.customers > 10000000 || !pacta_month_is_valid (options.month) ||
      options.contracts_share < 0 || options.contracts_share > 100)
    {
      g_printerr ("--customers must be 1 … 10 000 000, --contracts 0 … 100 and --month YYYY-MM\n");
      return 2;
    }
  options.seed = (guint32)seed;
  options.tickets = tickets >= 0 ? tickets : options.customers * 10;
  options.time_entries = time_entries >= 0 ? time_entries : options.customers * 5;
  options.sales_items = sales_items >= 0 ? sales_items : options.customers * 2;

  if (!generate (&options, &error))
    {
      g_printerr ("pacta-gen-data: %s\n", error->message);
      return 1;
    }
  g_free (options.month);
  g_free (options.out);
  return 0;
}
