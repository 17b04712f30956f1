/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-demo.c: the demo — its own database, seeded from the bundled listings, a letterhead
 * and tickets in every state — so that Pacta can be tried without the MSP's data */
#include "config.h"

#include "pacta-billing-import.h"
#include "pacta-catalog.h"
#include "pacta-date.h"
#include "pacta-demo.h"
#include "pacta-helpdesk.h"
#include "pacta-import.h"
#include "pacta-msp.h"

static gboolean add_demo_company (PactaDatabase  *database,
                                  GError        **error);
static gboolean add_demo_tickets (PactaDatabase  *database,
                                  GError        **error);

/**
 * pacta_demo_open:
 * @path: (nullable): the demo's file; %NULL for its usual place
 *
 * Opens the demo's database, filled from the bundled listings (customers,
 * services, prices, billing information, tickets, the MSP's letterhead) the
 * first time.
 *
 * Returns: (transfer full): the demo's database
 */
PactaDatabase *
pacta_demo_open (const char  *path,
                 GError     **error)
{
  g_autofree char *default_path = NULL;
  g_autoptr(PactaDatabase) database = NULL;
  gint64 n;

  if (path == NULL)
    path = default_path = pacta_database_demo_path ();

  if (!(database = pacta_database_open (path, error)))
    return NULL;

  if ((n = pacta_database_count (database, "SELECT count(*) FROM customers", error)) < 0)
    return NULL;

  if (n == 0)
    {
      g_autoptr(PactaImportReport) report = pacta_import_report_new ();
      g_autoptr(GBytes) tenants = NULL;
      g_autoptr(GBytes) usages = NULL;
      g_autoptr(GBytes) catalog = NULL;
      g_autoptr(GBytes) billing = NULL;
      PactaCatalogImportReport catalog_report;
      PactaBillingImportReport billing_report;

      tenants = g_resources_lookup_data ("/io/github/pacta/Pacta/demo/tenants.json", 0, error);
      if (tenants == NULL)
        return NULL;
      usages = g_resources_lookup_data ("/io/github/pacta/Pacta/demo/usages.json", 0, error);
      if (usages == NULL)
        return NULL;

      if (!pacta_import_platform_bytes (database, tenants, "demo/tenants.json", usages, "demo/usages.json",
                                        NULL, NULL, report, error))
        return NULL;

      /* The platform's services come priced, so contracts can be made at once */
      catalog = g_resources_lookup_data ("/io/github/pacta/Pacta/demo/catalog.csv", 0, error);
      if (catalog == NULL ||
          !pacta_import_catalog_bytes (database, catalog, "demo/catalog.csv", &catalog_report, error))
        return NULL;

      /* Two customers in three have billing information, so both kinds show */
      billing = g_resources_lookup_data ("/io/github/pacta/Pacta/demo/billing.csv", 0, error);
      if (billing == NULL ||
          !pacta_import_billing_info_bytes (database, billing, "demo/billing.csv", &billing_report, error) ||
          !add_demo_tickets (database, error) ||
          !add_demo_company (database, error))
        return NULL;
    }

  return g_steal_pointer (&database);
}

/* The demo MSP's own details, so the demo's invoices have a letterhead */
static gboolean
add_demo_company (PactaDatabase  *database,
                  GError        **error)
{
  g_autoptr(PactaBillingInfo) details = pacta_billing_info_new (0);

  g_object_set (details, "business-name", "Sistemas Levante S.L.", "vat-number", "ESB46000006",
                "street", "Calle de Colón", "number", "12", "postal-code", "46004", "city", "Valencia",
                "country", "ES", "invoice-email", "facturacion@sistemaslevante.example",
                "phone", "+34 960 000 000", NULL);
  return pacta_msp_save (database, details, "ES91 2100 0418 4502 0005 1332", error);
}

/* A few tickets with time, for customers with and without billing information */
static gboolean
add_demo_tickets (PactaDatabase  *database,
                  GError        **error)
{
  static const struct {
    const char *tenant;
    const char *title;
    const char *message;
    const char *status;
    int         minutes;
  } tickets[] = {
    { "c0570000-2026-4a00-8b00-000000000001", "Printer does not print", "The printer in the office shows an error.", "in_progress", 21 },
    { "c0570000-2026-4a00-8b00-000000000003", "New laptop for reception", "Please set up the new laptop.", "new", 45 },
    { "c0570000-2026-4a00-8b00-000000000006", "Backup failed last night", "We got a backup failure e-mail.", "resolved", 7 },
    { "c0570000-2026-4a00-8b00-000000000010", "Password reset", "A user forgot the password.", "closed", 0 },
  };
  const char *staff[] = { "Ana Ruiz", "Luis Ortega" };
  g_autofree char *today = pacta_date_today ();

  for (guint i = 0; i < G_N_ELEMENTS (staff); i++)
    if (!pacta_staff_add (database, staff[i], error))
      return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (tickets); i++)
    {
      g_autoptr(PactaTicket) ticket = NULL;
      sqlite3_stmt *stmt = pacta_database_prepare (database, "SELECT id FROM customers WHERE tenant_id = ?1", error);
      gint64 customer = 0, id;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, tickets[i].tenant, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        customer = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (customer == 0)
        continue;

      ticket = g_object_new (PACTA_TYPE_TICKET, "customer-id", customer, "title", tickets[i].title,
                             "assignee", staff[i % G_N_ELEMENTS (staff)], NULL);
      if (!(id = pacta_ticket_create (database, ticket, tickets[i].message, error)))
        return FALSE;

      if (tickets[i].minutes > 0)
        {
          g_autoptr(PactaTimeEntry) entry = g_object_new (PACTA_TYPE_TIME_ENTRY, "ticket-id", id, "date", today,
                                                          "minutes", tickets[i].minutes,
                                                          "description", "Remote session", NULL);
          if (!pacta_time_entry_add (database, entry, error))
            return FALSE;
        }

      /* Walk the lifecycle to the demo's status */
      if (g_strcmp0 (tickets[i].status, "new") != 0 &&
          !pacta_ticket_change_status (database, id, "in_progress", error))
        return FALSE;
      if ((g_strcmp0 (tickets[i].status, "resolved") == 0 || g_strcmp0 (tickets[i].status, "closed") == 0) &&
          !pacta_ticket_change_status (database, id, "resolved", error))
        return FALSE;
      if (g_strcmp0 (tickets[i].status, "closed") == 0 &&
          !pacta_ticket_change_status (database, id, "closed", error))
        return FALSE;
    }
  return TRUE;
}
