/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-context.c: owns the database and hands out its stores, like Calendar's GcalContext */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pacta-billing-import.h"
#include "pacta-billing-info-table.h"
#include "pacta-catalog.h"
#include "pacta-catalog-item.h"
#include "pacta-contact.h"
#include "pacta-contract.h"
#include "pacta-context-private.h"
#include "pacta-date.h"
#include "pacta-demo.h"
#include "pacta-error.h"
#include "pacta-import.h"
#include "pacta-invoices.h"
#include "pacta-msp.h"
#include "pacta-service.h"

struct _PactaContext
{
  GObject             parent_instance;

  /* Owned */
  PactaDatabase      *database;
  PactaCustomerStore *customers;
  PactaContractStore *contracts;
  PactaSalesItemStore *sales_items;
  PactaTicketStore   *tickets;
  PactaInvoiceStore  *invoices;
  char               *currency;
  gboolean            is_demo;
  PactaWorkers       *workers;   /* connections for long work (pacta-context-jobs.c) */
  PactaSecrets       *secrets;   /* (nullable): the keyring, made when first needed */
  PactaInvoiceRenderFunc render;  /* (nullable): draws an invoice's PDF for the mail */
  gpointer           render_data;
};

enum
{
  PLATFORM_CHANGED,
  MAIL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PactaContext, pacta_context, G_TYPE_OBJECT)

static void
pacta_context_finalize (GObject *object)
{
  PactaContext *self = (PactaContext *)object;

  g_clear_object (&self->tickets);
  g_clear_object (&self->invoices);
  g_clear_object (&self->sales_items);
  g_clear_object (&self->contracts);
  g_clear_object (&self->customers);
  g_clear_pointer (&self->workers, pacta_workers_unref);
  g_clear_object (&self->secrets);
  g_clear_object (&self->database);
  g_free (self->currency);

  G_OBJECT_CLASS (pacta_context_parent_class)->finalize (object);
}

static void
pacta_context_class_init (PactaContextClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pacta_context_finalize;

  /**
   * PactaContext::platform-changed:
   *
   * The connection to the cloud platform, or what came from it (customers,
   * usage, closed months), changed.
   */
  signals[PLATFORM_CHANGED] = g_signal_new ("platform-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * PactaContext::mail-changed:
   *
   * The mail account, the outbox or the mail read (the Unassigned list) changed.
   */
  signals[MAIL_CHANGED] = g_signal_new ("mail-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pacta_context_init (PactaContext *self)
{
}

PactaContext *
pacta_context_new (PactaDatabase  *database,
                   gboolean        is_demo,
                   GError        **error)
{
  g_autoptr(PactaContext) self = g_object_new (PACTA_TYPE_CONTEXT, NULL);

  g_return_val_if_fail (PACTA_IS_DATABASE (database), NULL);

  self->database = g_object_ref (database);
  self->is_demo = is_demo;
  if (!(self->customers = pacta_customer_store_new (database, error)) ||
      !(self->contracts = pacta_contract_store_new (database, error)) ||
      !(self->sales_items = pacta_sales_item_store_new (database, error)) ||
      !(self->tickets = pacta_ticket_store_new (database, error)) ||
      !(self->invoices = pacta_invoice_store_new (database, error)))
    return NULL;
  self->currency = pacta_msp_get_currency (database);
  /* A database in memory is seen by its own connection only */
  if (g_strcmp0 (pacta_database_get_path (database), ":memory:") == 0)
    self->workers = pacta_workers_new_in_place (database);
  else
    self->workers = pacta_workers_new (pacta_database_get_path (database));

  return g_steal_pointer (&self);
}

/**
 * pacta_context_reopen:
 *
 * Opens the same database file anew, e.g. after a backup was restored into
 * it: migrations run again and every store reads the file from scratch.
 *
 * Returns: (transfer full): a new context on the same file
 */
PactaContext *
pacta_context_reopen (PactaContext  *self,
                      GError       **error)
{
  g_autoptr(PactaDatabase) database = NULL;
  PactaContext *context;

  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  if (!(database = pacta_database_open (pacta_database_get_path (self->database), error)) ||
      !(context = pacta_context_new (database, self->is_demo, error)))
    return NULL;
  /* The same keyring and the same drawing of invoices */
  if (self->secrets != NULL)
    context->secrets = g_object_ref (self->secrets);
  context->render = self->render;
  context->render_data = self->render_data;
  return context;
}

/**
 * pacta_context_get_clock:
 *
 * Returns: (transfer none): the clock every date and time of the app comes
 *   from (one for the process, settable for tests and reproductions)
 */
PactaClock *
pacta_context_get_clock (PactaContext *self)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_clock_get_default ();
}

/**
 * pacta_context_get_currency:
 *
 * Returns: (transfer none): the currency prices are in and new invoices are
 *   issued in (ISO 4217)
 */
const char *
pacta_context_get_currency (PactaContext *self)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return self->currency;
}

/**
 * pacta_context_save_defaults:
 *
 * Saves the currency and the default tax rate (see pacta_msp_save_defaults())
 * and shows prices in the new currency from then on.
 */
gboolean
pacta_context_save_defaults (PactaContext  *self,
                             const char    *currency,
                             int            tax_rate,
                             GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  if (!pacta_msp_save_defaults (self->database, currency, tax_rate, error))
    return FALSE;
  g_free (self->currency);
  self->currency = pacta_msp_get_currency (self->database);
  return TRUE;
}

/* The demo lives in its own file, filled the first time (pacta-demo.c), so
 * that it never mixes with the MSP's own data */
PactaContext *
pacta_context_open_demo (const char  *path,
                         GError     **error)
{
  g_autoptr(PactaDatabase) database = pacta_demo_open (path, error);

  return database != NULL ? pacta_context_new (database, TRUE, error) : NULL;
}

PactaDatabase *
pacta_context_get_database (PactaContext *self)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return self->database;
}

PactaCustomerStore *
pacta_context_get_customers (PactaContext *self)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return self->customers;
}

gboolean
pacta_context_get_is_demo (PactaContext *self)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  return self->is_demo;
}

GListModel *
pacta_context_list_services (PactaContext  *self,
                             gint64         customer_id,
                             GError       **error)
{
  g_autoptr(GListStore) store = g_list_store_new (PACTA_TYPE_SERVICE);
  sqlite3_stmt *stmt;
  int rc;

  stmt = pacta_database_prepare (self->database,
                                 "SELECT s.id, s.customer_id, s.catalog_item_id, i.name, i.usage_key, i.unit, s.quantity"
                                 " FROM customer_services s JOIN catalog_items i ON i.id = s.catalog_item_id"
                                 " WHERE s.customer_id = ?1 ORDER BY i.name",
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(PactaService) service =
        g_object_new (PACTA_TYPE_SERVICE,
                      "id", sqlite3_column_int64 (stmt, 0),
                      "customer-id", sqlite3_column_int64 (stmt, 1),
                      "catalog-item-id", sqlite3_column_int64 (stmt, 2),
                      "name", pacta_sql_column_text (stmt, 3),
                      "usage-key", pacta_sql_column_text (stmt, 4),
                      "unit", pacta_sql_column_text (stmt, 5),
                      "quantity", sqlite3_column_int64 (stmt, 6),
                      NULL);
      g_list_store_append (store, service);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      pacta_database_set_error (self->database, error, _("reading services"));
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

GListModel *
pacta_context_list_contacts (PactaContext  *self,
                             gint64         customer_id,
                             GError       **error)
{
  g_autoptr(GListStore) store = g_list_store_new (PACTA_TYPE_CONTACT);
  sqlite3_stmt *stmt;
  int rc;

  stmt = pacta_database_prepare (self->database,
                                 "SELECT id, customer_id, name, email, phone, job_title, company_contact"
                                 " FROM contacts WHERE customer_id = ?1 ORDER BY from_platform DESC, name",
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(PactaContact) contact =
        g_object_new (PACTA_TYPE_CONTACT,
                      "id", sqlite3_column_int64 (stmt, 0),
                      "customer-id", sqlite3_column_int64 (stmt, 1),
                      "name", pacta_sql_column_text (stmt, 2),
                      "email", pacta_sql_column_text (stmt, 3),
                      "phone", pacta_sql_column_text (stmt, 4),
                      "job-title", pacta_sql_column_text (stmt, 5),
                      "company-contact", sqlite3_column_int (stmt, 6) != 0,
                      NULL);
      g_list_store_append (store, contact);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      pacta_database_set_error (self->database, error, _("reading contacts"));
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

GListModel *
pacta_context_list_catalog (PactaContext  *self,
                            GError       **error)
{
  g_autoptr(GListStore) store = g_list_store_new (PACTA_TYPE_CATALOG_ITEM);
  sqlite3_stmt *stmt;
  int rc;

  stmt = pacta_database_prepare (self->database,
                                 "SELECT id, name, description, sku, unit, usage_key, price, cost, taxable, active"
                                 " FROM catalog_items ORDER BY name",
                                 error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(PactaCatalogItem) item =
        g_object_new (PACTA_TYPE_CATALOG_ITEM,
                      "id", sqlite3_column_int64 (stmt, 0),
                      "name", pacta_sql_column_text (stmt, 1),
                      "description", pacta_sql_column_text (stmt, 2),
                      "sku", pacta_sql_column_text (stmt, 3),
                      "unit", pacta_sql_column_text (stmt, 4),
                      "usage-key", pacta_sql_column_text (stmt, 5),
                      "has-price", sqlite3_column_type (stmt, 6) != SQLITE_NULL,
                      "price", sqlite3_column_int64 (stmt, 6),
                      "cost", sqlite3_column_int64 (stmt, 7),
                      "taxable", sqlite3_column_int (stmt, 8) != 0,
                      "active", sqlite3_column_int (stmt, 9) != 0,
                      NULL);
      g_list_store_append (store, item);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      pacta_database_set_error (self->database, error, _("reading the catalog"));
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/* Saves and brings every open customer list up to date at once */
gboolean
pacta_context_save_billing_info (PactaContext      *self,
                                 PactaBillingInfo  *info,
                                 GError           **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  if (!pacta_billing_info_save (self->database, info, error))
    return FALSE;
  return pacta_context_sync (self, error);
}

gboolean
pacta_context_set_self_managed (PactaContext  *self,
                                gint64         customer_id,
                                gboolean       self_managed,
                                GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  if (!pacta_customer_set_self_managed (self->database, customer_id, self_managed, error))
    return FALSE;
  return pacta_context_sync (self, error);
}

PactaContractStore *
pacta_context_get_contracts (PactaContext *self)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return self->contracts;
}

/* Brings every open list up to date after a write, whoever made it */
gboolean
pacta_context_sync (PactaContext  *self,
                    GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  return pacta_customer_store_sync (self->customers, error) &&
         pacta_row_store_sync (PACTA_ROW_STORE (self->contracts), error) &&
         pacta_row_store_sync (PACTA_ROW_STORE (self->sales_items), error) &&
         pacta_row_store_sync (PACTA_ROW_STORE (self->tickets), error) &&
         pacta_row_store_sync (PACTA_ROW_STORE (self->invoices), error);
}

gint64
pacta_context_create_contract (PactaContext   *self,
                               PactaContract  *contract,
                               GListModel     *parts,
                               GError        **error)
{
  gint64 id;

  g_return_val_if_fail (PACTA_IS_CONTEXT (self), 0);

  if (!(id = pacta_contract_create (self->database, contract, parts, error)))
    return 0;
  if (!pacta_context_sync (self, error))
    return 0;
  return id;
}

gboolean
pacta_context_update_contract (PactaContext   *self,
                               PactaContract  *contract,
                               GListModel     *parts,
                               GError        **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  return pacta_contract_update (self->database, contract, parts, error) &&
         pacta_context_sync (self, error);
}

GPtrArray *
pacta_context_create_default_contracts (PactaContext   *self,
                                        GArray         *customer_ids,
                                        PactaContract  *prototype,
                                        guint          *n_created,
                                        GError        **error)
{
  g_autoptr(GPtrArray) skipped = NULL;

  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  skipped = pacta_contract_create_defaults (self->database, customer_ids, prototype, n_created, error);
  if (skipped == NULL || !pacta_context_sync (self, error))
    return NULL;
  return g_steal_pointer (&skipped);
}

gboolean
pacta_context_save_catalog_item (PactaContext      *self,
                                 PactaCatalogItem  *item,
                                 GError           **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  /* Names show in contract parts, so the lists may change too */
  return pacta_catalog_item_save (self->database, item, error) &&
         pacta_context_sync (self, error);
}

/**
 * pacta_context_restore_billing_info:
 * @previous: (nullable): what the customer had before, or %NULL if nothing
 *
 * Undoes a save: puts the previous billing information back, or removes it
 * when the customer had none.
 */
gboolean
pacta_context_restore_billing_info (PactaContext      *self,
                                    gint64             customer_id,
                                    PactaBillingInfo  *previous,
                                    GError           **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  if (previous != NULL)
    return pacta_context_save_billing_info (self, previous, error);

  return pacta_billing_info_delete (self->database, customer_id, error) &&
         pacta_context_sync (self, error);
}

PactaSalesItemStore *
pacta_context_get_sales_items (PactaContext *self)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return self->sales_items;
}

gint64
pacta_context_create_sales_item (PactaContext    *self,
                                 PactaSalesItem  *item,
                                 GListModel      *lines,
                                 GError         **error)
{
  gint64 id;

  g_return_val_if_fail (PACTA_IS_CONTEXT (self), 0);

  if (!(id = pacta_sales_item_create (self->database, item, lines, error)) ||
      !pacta_context_sync (self, error))
    return 0;
  return id;
}

gboolean
pacta_context_update_sales_item (PactaContext    *self,
                                 PactaSalesItem  *item,
                                 GListModel      *lines,
                                 GError         **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  return pacta_sales_item_update (self->database, item, lines, error) &&
         pacta_context_sync (self, error);
}

PactaInvoiceStore *
pacta_context_get_invoices (PactaContext *self)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return self->invoices;
}

PactaTicketStore *
pacta_context_get_tickets (PactaContext *self)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return self->tickets;
}

gboolean
pacta_context_approve_time (PactaContext  *self,
                            GArray        *entry_ids,
                            GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  return pacta_time_entries_approve (self->database, entry_ids, error) &&
         pacta_context_sync (self, error);
}

const char *
pacta_context_get_path (PactaContext *self)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_database_get_path (self->database);
}

/* Every row of billing_info is a customer's (a foreign key), so this is the
 * number of customers who have it */
gint64
pacta_context_count_billing_info (PactaContext  *self,
                                  GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), -1);

  return pacta_database_count (self->database, "SELECT count(*) FROM billing_info", error);
}

PactaCustomer *
pacta_context_load_customer (PactaContext  *self,
                             gint64         customer_id,
                             GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_customer_store_load (self->database, customer_id, error);
}

gboolean
pacta_context_require_billing_info (PactaContext  *self,
                                    gint64         customer_id,
                                    GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  return pacta_customer_require_billing_info (self->database, customer_id, error);
}

/* %NULL without an error when the customer has none yet */
PactaBillingInfo *
pacta_context_load_billing_info (PactaContext  *self,
                                 gint64         customer_id,
                                 GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_billing_info_load (self->database, customer_id, error);
}

/* A blank form for @customer_id, filled with what is known of the customer */
PactaBillingInfo *
pacta_context_new_billing_info (PactaContext  *self,
                                gint64         customer_id,
                                GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_billing_info_new_for_customer (self->database, customer_id, error);
}

gint64
pacta_context_count_missing_contracts (PactaContext  *self,
                                       GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), 0);

  return pacta_contract_count_missing (self->database, error);
}

GArray *
pacta_context_list_customers_without_contracts (PactaContext  *self,
                                                GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_contract_missing_customers (self->database, error);
}

GArray *
pacta_context_list_customer_ids (PactaContext  *self,
                                 GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_customer_ids_by_name (self->database, error);
}

/* The contract and, in @parts, its parts; %NULL and nothing in @parts on error */
PactaContract *
pacta_context_load_contract (PactaContext  *self,
                             gint64         contract_id,
                             GListModel   **parts,
                             GError       **error)
{
  g_autoptr(PactaContract) contract = NULL;

  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (parts != NULL && *parts == NULL, NULL);

  if (!(contract = pacta_contract_load (self->database, contract_id, error)) ||
      !(*parts = pacta_contract_load_parts (self->database, contract_id, error)))
    return NULL;
  return g_steal_pointer (&contract);
}

GListModel *
pacta_context_default_contract_parts (PactaContext  *self,
                                      gint64         customer_id,
                                      const char    *start_date,
                                      GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_contract_default_parts (self->database, customer_id, start_date, error);
}

/* The sales item and, in @lines, its lines; %NULL and nothing in @lines on error */
PactaSalesItem *
pacta_context_load_sales_item (PactaContext  *self,
                               gint64         sales_item_id,
                               GListModel   **lines,
                               GError       **error)
{
  g_autoptr(PactaSalesItem) item = NULL;

  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (lines != NULL && *lines == NULL, NULL);

  if (!(item = pacta_sales_item_load (self->database, sales_item_id, error)) ||
      !(*lines = pacta_sales_item_load_lines (self->database, sales_item_id, error)))
    return NULL;
  return g_steal_pointer (&item);
}

GListModel *
pacta_context_list_sales_items_for_customer (PactaContext  *self,
                                             gint64         customer_id,
                                             GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_sales_item_list_for_customer (self->database, customer_id, error);
}

PactaVerifactuSettings *
pacta_context_load_verifactu_settings (PactaContext  *self,
                                       GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_verifactu_settings_load (self->database, error);
}

gboolean
pacta_context_mark_invoice_paid (PactaContext  *self,
                                 gint64         invoice_id,
                                 const char    *paid_on,
                                 GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  if (!pacta_invoice_mark_paid (self->database, invoice_id, paid_on, error))
    return FALSE;
  /* Done and committed: a list that fails to refresh is not this write's error */
  pacta_context_sync (self, NULL);
  return TRUE;
}

/* Returns the credit note's number */
char *
pacta_context_credit_invoice_lines (PactaContext  *self,
                                    gint64         invoice_id,
                                    const char    *date,
                                    GArray        *positions,
                                    GError       **error)
{
  g_autofree char *number = NULL;

  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  if (!(number = pacta_invoice_credit_lines (self->database, invoice_id, date, positions, error)))
    return NULL;
  /* The credit note exists: its number is returned even if a list fails to refresh */
  pacta_context_sync (self, NULL);
  return g_steal_pointer (&number);
}

gboolean
pacta_context_record_correction (PactaContext  *self,
                                 gint64         invoice_id,
                                 GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  if (!pacta_verifactu_record_correction (self->database, invoice_id, error))
    return FALSE;
  pacta_context_sync (self, NULL);
  return TRUE;
}

PactaAgencyStatus *
pacta_context_invoice_status (PactaContext  *self,
                              gint64         invoice_id,
                              GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_verifactu_invoice_status (self->database, invoice_id, error);
}

PactaInvoiceDocument *
pacta_context_load_invoice_document (PactaContext  *self,
                                     gint64         invoice_id,
                                     GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_invoice_document_load (self->database, invoice_id, error);
}

/* Core does not draw: @render (the GUI's PDF writer) does, reading from here */
gboolean
pacta_context_render_invoice (PactaContext            *self,
                              gint64                   invoice_id,
                              GFile                   *file,
                              PactaInvoiceRenderFunc   render,
                              gpointer                 user_data,
                              GError                 **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (render != NULL, FALSE);

  return render (self->database, invoice_id, file, user_data, error);
}


PactaBillingPlan *
pacta_context_plan_billing (PactaContext  *self,
                            const char    *month,
                            GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_billing_plan (self->database, month, error);
}

PactaNumbering *
pacta_context_load_numbering (PactaContext  *self,
                              const char    *kind,
                              GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_numbering_load (self->database, kind, error);
}

gboolean
pacta_context_save_numbering (PactaContext    *self,
                              PactaNumbering  *numbering,
                              GError         **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  return pacta_numbering_save (self->database, numbering, error);
}

/**
 * pacta_context_load_company:
 * @iban: (out) (optional): its IBAN, %NULL when none is set
 *
 * Returns: (transfer full) (nullable): the company's details; %NULL on error
 */
PactaBillingInfo *
pacta_context_load_company (PactaContext  *self,
                            char         **iban,
                            GError       **error)
{
  PactaBillingInfo *details;

  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  if (!(details = pacta_msp_load (self->database, error)))
    return NULL;
  if (iban != NULL)
    *iban = pacta_msp_get_iban (self->database, NULL);
  return details;
}

gboolean
pacta_context_save_company (PactaContext      *self,
                            PactaBillingInfo  *details,
                            const char        *iban,
                            GError           **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  return pacta_msp_save (self->database, details, iban, error);
}

gboolean
pacta_context_confirm_numbering (PactaContext  *self,
                                 const char    *pattern,
                                 gint64         next,
                                 const char    *reset,
                                 GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  return pacta_numbering_confirm (self->database, pattern, next, reset, error);
}

PactaTicket *
pacta_context_load_ticket (PactaContext  *self,
                           gint64         ticket_id,
                           GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_ticket_load (self->database, ticket_id, error);
}

GListModel *
pacta_context_list_ticket_updates (PactaContext  *self,
                                   gint64         ticket_id,
                                   GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_ticket_list_updates (self->database, ticket_id, error);
}

/* @ticket_id 0: every entry waiting for approval */
GListModel *
pacta_context_list_time_entries (PactaContext  *self,
                                 gint64         ticket_id,
                                 GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_time_entry_list (self->database, ticket_id, error);
}

gboolean
pacta_context_change_ticket_status (PactaContext  *self,
                                    gint64         ticket_id,
                                    const char    *status,
                                    GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  return pacta_ticket_change_status (self->database, ticket_id, status, error) &&
         pacta_context_sync (self, error);
}

gboolean
pacta_context_add_ticket_update (PactaContext  *self,
                                 gint64         ticket_id,
                                 const char    *kind,
                                 const char    *author,
                                 const char    *body,
                                 GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  return pacta_ticket_add_update (self->database, ticket_id, kind, author, body, error) &&
         pacta_context_sync (self, error);
}

/**
 * pacta_context_create_ticket:
 * @message: (nullable): the customer's first message
 *
 * Opens a ticket; the ticket list shows it at once.
 *
 * Returns: its id; 0 on error
 */
gint64
pacta_context_create_ticket (PactaContext  *self,
                             PactaTicket   *ticket,
                             const char    *message,
                             GError       **error)
{
  gint64 id;

  g_return_val_if_fail (PACTA_IS_CONTEXT (self), 0);

  if (!(id = pacta_ticket_create (self->database, ticket, message, error)) ||
      !pacta_context_sync (self, error))
    return 0;
  return id;
}

/**
 * pacta_context_list_staff:
 *
 * Returns: (transfer full) (nullable): the names tickets can be assigned to
 */
char **
pacta_context_list_staff (PactaContext  *self,
                          GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return pacta_staff_list (self->database, error);
}

gint64
pacta_context_add_time_entry (PactaContext    *self,
                              PactaTimeEntry  *entry,
                              GError         **error)
{
  gint64 id;

  g_return_val_if_fail (PACTA_IS_CONTEXT (self), 0);

  if (!(id = pacta_time_entry_add (self->database, entry, error)) ||
      !pacta_context_sync (self, error))
    return 0;
  return id;
}

gboolean
pacta_context_reject_time_entry (PactaContext  *self,
                                 gint64         entry_id,
                                 GError       **error)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), FALSE);

  return pacta_time_entry_reject (self->database, entry_id, error) &&
         pacta_context_sync (self, error);
}

/* The connections long work runs on (pacta-context-jobs.c) */
PactaWorkers *
pacta_context_get_workers (PactaContext *self)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  return self->workers;
}

/**
 * pacta_context_set_secrets:
 * @secrets: where secrets are kept (tests: pacta_secrets_memory_new())
 */
void
pacta_context_set_secrets (PactaContext *self,
                           PactaSecrets *secrets)
{
  g_return_if_fail (PACTA_IS_CONTEXT (self));
  g_return_if_fail (PACTA_IS_SECRETS (secrets));

  g_set_object (&self->secrets, secrets);
}

/**
 * pacta_context_get_secrets:
 *
 * Returns: (transfer none): where secrets are kept: the keyring unless
 *   pacta_context_set_secrets() said otherwise
 */
PactaSecrets *
pacta_context_get_secrets (PactaContext *self)
{
  g_return_val_if_fail (PACTA_IS_CONTEXT (self), NULL);

  if (self->secrets == NULL)
    self->secrets = pacta_secrets_keyring_new ();
  return self->secrets;
}

void
pacta_context_emit_platform_changed (PactaContext *self)
{
  g_signal_emit (self, signals[PLATFORM_CHANGED], 0);
}

void
pacta_context_set_invoice_renderer (PactaContext           *self,
                                    PactaInvoiceRenderFunc  render,
                                    gpointer                user_data)
{
  g_return_if_fail (PACTA_IS_CONTEXT (self));

  self->render = render;
  self->render_data = user_data;
}

PactaInvoiceRenderFunc
pacta_context_get_invoice_renderer (PactaContext  *self,
                                    gpointer      *user_data)
{
  *user_data = self->render_data;
  return self->render;
}

void
pacta_context_emit_mail_changed (PactaContext *self)
{
  g_signal_emit (self, signals[MAIL_CHANGED], 0);
}
