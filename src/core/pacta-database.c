/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-database.c: opening, migrating and talking to the one sqlite file */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pacta-backup.h"
#include "pacta-database.h"
#include "pacta-error.h"

struct _PactaDatabase
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  char       *backup_path;
  GHashTable *statements;   /* SQL text -> sqlite3_stmt */
  int         schema_version;
  GCancellable *cancellable; /* the long work running on this connection, if any */
};

G_DEFINE_FINAL_TYPE (PactaDatabase, pacta_database, G_TYPE_OBJECT)

/* Each entry moves the schema from version N to N + 1. Never edit an entry
 * that has shipped: add a new one. */
static const char *migrations[] = {
  /* 1: customers, contacts, catalog, assigned services, billing information */
  "CREATE TABLE customers ("
  "  id INTEGER PRIMARY KEY,"
  "  tenant_id TEXT UNIQUE CHECK (tenant_id IS NULL OR length(tenant_id) BETWEEN 1 AND 128),"
  "  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 255),"
  "  kind TEXT NOT NULL DEFAULT 'customer' CHECK (kind IN ('customer', 'prospect', 'partner')),"
  "  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),"
  "  email TEXT,"
  "  language TEXT,"
  "  address1 TEXT, address2 TEXT, city TEXT, state TEXT, zipcode TEXT, country TEXT, phone TEXT,"
  "  self_managed INTEGER NOT NULL DEFAULT 0 CHECK (self_managed IN (0, 1)),"
  "  created_at TEXT NOT NULL,"
  "  revision INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX customers_name ON customers (name);"
  "CREATE TABLE contacts ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  email TEXT, phone TEXT, job_title TEXT,"
  "  company_contact INTEGER NOT NULL DEFAULT 0 CHECK (company_contact IN (0, 1)),"
  "  from_platform INTEGER NOT NULL DEFAULT 0 CHECK (from_platform IN (0, 1))"
  ");"
  "CREATE INDEX contacts_customer ON contacts (customer_id);"
  "CREATE UNIQUE INDEX contacts_platform ON contacts (customer_id) WHERE from_platform = 1;"
  /* Tenants of other kinds are remembered so that their usages can be
   * recognised and skipped instead of being reported as unknown. */
  "CREATE TABLE skipped_tenants ("
  "  tenant_id TEXT PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  name TEXT"
  ");"
  "CREATE TABLE catalog_items ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 255),"
  "  description TEXT NOT NULL DEFAULT '',"
  "  sku TEXT UNIQUE,"
  "  external_id TEXT,"
  "  unit TEXT NOT NULL DEFAULT 'piece',"
  "  price INTEGER,"           /* 1/10000 of the currency unit; NULL until set */
  "  cost INTEGER,"
  "  taxable INTEGER NOT NULL DEFAULT 1 CHECK (taxable IN (0, 1)),"
  "  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
  "  usage_key TEXT UNIQUE,"
  "  is_contract_item INTEGER NOT NULL DEFAULT 1 CHECK (is_contract_item IN (0, 1)),"
  "  is_ticket_time_item INTEGER NOT NULL DEFAULT 0 CHECK (is_ticket_time_item IN (0, 1)),"
  "  is_sales_item INTEGER NOT NULL DEFAULT 0 CHECK (is_sales_item IN (0, 1))"
  ");"
  "CREATE TABLE customer_services ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,"
  "  catalog_item_id INTEGER NOT NULL REFERENCES catalog_items (id),"
  "  quantity INTEGER NOT NULL CHECK (quantity >= 0),"   /* 1/10000 of the unit */
  "  UNIQUE (customer_id, catalog_item_id)"
  ");"
  "CREATE INDEX customer_services_item ON customer_services (catalog_item_id);"
  "CREATE TABLE billing_info ("
  "  customer_id INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,"
  "  business_name TEXT NOT NULL CHECK (length(business_name) BETWEEN 1 AND 255),"
  "  debtor_code TEXT, invoice_email TEXT, website TEXT, vat_number TEXT, language TEXT,"
  "  country TEXT NOT NULL CHECK (length(country) = 2),"
  "  tax_rate INTEGER NOT NULL DEFAULT 2100,"   /* hundredths of a percent */
  "  tax_exempt INTEGER NOT NULL DEFAULT 0 CHECK (tax_exempt IN (0, 1)),"
  "  rounding_minutes INTEGER NOT NULL DEFAULT 10 CHECK (rounding_minutes BETWEEN 1 AND 60),"
  "  payment_terms_days INTEGER NOT NULL DEFAULT 30 CHECK (payment_terms_days BETWEEN 0 AND 365),"
  "  direct_debit INTEGER NOT NULL DEFAULT 0 CHECK (direct_debit IN (0, 1)),"
  "  send_by TEXT NOT NULL DEFAULT 'email' CHECK (send_by IN ('email', 'post')),"
  "  street TEXT, number TEXT, building TEXT, postal_code TEXT, city TEXT, state TEXT,"
  "  address_country TEXT, phone TEXT, fax TEXT,"
  "  updated_at TEXT NOT NULL"
  ");"
  /* Anything shown in a customer's row bumps its revision, so that open
   * lists find exactly the rows that changed (see PactaCustomerStore). */
  "CREATE TRIGGER customers_touch AFTER UPDATE ON customers WHEN NEW.revision = OLD.revision"
  " BEGIN UPDATE customers SET revision = revision + 1 WHERE id = NEW.id; END;"
  "CREATE TRIGGER customer_services_insert AFTER INSERT ON customer_services"
  " BEGIN UPDATE customers SET revision = revision + 1 WHERE id = NEW.customer_id; END;"
  "CREATE TRIGGER customer_services_update AFTER UPDATE ON customer_services"
  " BEGIN UPDATE customers SET revision = revision + 1 WHERE id = NEW.customer_id; END;"
  "CREATE TRIGGER customer_services_delete AFTER DELETE ON customer_services"
  " BEGIN UPDATE customers SET revision = revision + 1 WHERE id = OLD.customer_id; END;"
  "CREATE TRIGGER billing_info_insert AFTER INSERT ON billing_info"
  " BEGIN UPDATE customers SET revision = revision + 1 WHERE id = NEW.customer_id; END;"
  "CREATE TRIGGER billing_info_update AFTER UPDATE ON billing_info"
  " BEGIN UPDATE customers SET revision = revision + 1 WHERE id = NEW.customer_id; END;"
  "CREATE TRIGGER billing_info_delete AFTER DELETE ON billing_info"
  " BEGIN UPDATE customers SET revision = revision + 1 WHERE id = OLD.customer_id; END;",

  /* 2: contracts and their parts; the default catalog of the platform's services */
  "CREATE TABLE contracts ("
  "  id INTEGER PRIMARY KEY,"
  "  reference TEXT,"
  "  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 255),"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,"
  "  contact_email TEXT,"
  "  interval TEXT NOT NULL DEFAULT 'monthly' CHECK (interval IN ('monthly', 'quarterly', 'semiannual', 'annual')),"
  "  billing TEXT NOT NULL DEFAULT 'advance' CHECK (billing IN ('advance', 'arrears')),"
  "  payment_method TEXT NOT NULL DEFAULT 'transfer' CHECK (payment_method IN ('transfer', 'direct_debit')),"
  "  start_date TEXT NOT NULL CHECK (date(start_date) IS start_date),"
  "  end_date TEXT CHECK (end_date IS NULL OR (date(end_date) IS end_date AND end_date > start_date)),"
  "  send_by TEXT NOT NULL DEFAULT 'email' CHECK (send_by IN ('email', 'post')),"
  "  prorate INTEGER NOT NULL DEFAULT 1 CHECK (prorate IN (0, 1)),"
  "  notes TEXT,"
  "  created_at TEXT NOT NULL,"
  "  revision INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX contracts_customer ON contracts (customer_id);"
  "CREATE TABLE contract_parts ("
  "  id INTEGER PRIMARY KEY,"
  "  contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,"
  "  catalog_item_id INTEGER NOT NULL REFERENCES catalog_items (id),"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  quantity INTEGER NOT NULL CHECK (quantity >= 0),"          /* 1/10000 of the unit */
  "  unit_price INTEGER NOT NULL CHECK (unit_price >= 0),"      /* 1/10000 a unit and month */
  "  discount INTEGER NOT NULL DEFAULT 0 CHECK (discount BETWEEN 0 AND 10000),"   /* 1/100 % */
  "  discount_reason TEXT,"
  "  start_date TEXT NOT NULL CHECK (date(start_date) IS start_date),"
  "  end_date TEXT CHECK (end_date IS NULL OR (date(end_date) IS end_date AND end_date >= start_date)),"
  "  minimum_quantity INTEGER NOT NULL DEFAULT 0 CHECK (minimum_quantity >= 0),"
  "  follow_usage INTEGER NOT NULL DEFAULT 0 CHECK (follow_usage IN (0, 1)),"
  "  trial INTEGER NOT NULL DEFAULT 0 CHECK (trial IN (0, 1))"
  ");"
  "CREATE INDEX contract_parts_contract ON contract_parts (contract_id);"
  "CREATE TRIGGER contracts_touch AFTER UPDATE ON contracts WHEN NEW.revision = OLD.revision"
  " BEGIN UPDATE contracts SET revision = revision + 1 WHERE id = NEW.id; END;"
  "CREATE TRIGGER contract_parts_insert AFTER INSERT ON contract_parts"
  " BEGIN UPDATE contracts SET revision = revision + 1 WHERE id = NEW.contract_id; END;"
  "CREATE TRIGGER contract_parts_update AFTER UPDATE ON contract_parts"
  " BEGIN UPDATE contracts SET revision = revision + 1 WHERE id = NEW.contract_id; END;"
  "CREATE TRIGGER contract_parts_delete AFTER DELETE ON contract_parts"
  " BEGIN UPDATE contracts SET revision = revision + 1 WHERE id = OLD.contract_id; END;"
  /* The contract list shows the customer's name */
  "CREATE TRIGGER customers_renamed AFTER UPDATE OF name ON customers"
  " BEGIN UPDATE contracts SET revision = revision + 1 WHERE customer_id = NEW.id; END;"
  /* Whether a customer has a contract decides the banner and the wizard's list */
  "CREATE TRIGGER contracts_insert AFTER INSERT ON contracts"
  " BEGIN UPDATE customers SET revision = revision + 1 WHERE id = NEW.customer_id; END;"
  "CREATE TRIGGER contracts_delete AFTER DELETE ON contracts"
  " BEGIN UPDATE customers SET revision = revision + 1 WHERE id = OLD.customer_id; END;"
  "CREATE TRIGGER contracts_dates AFTER UPDATE OF start_date, end_date, customer_id ON contracts"
  " BEGIN UPDATE customers SET revision = revision + 1 WHERE id IN (OLD.customer_id, NEW.customer_id); END;"
  /* The platform's services, without a price until the MSP sets one; items an
   * import already created keep their names */
  "INSERT OR IGNORE INTO catalog_items (name, description, unit, usage_key, is_contract_item) VALUES"
  " ('Workstations', 'Protection for workstations', 'workload', 'workstations', 1),"
  " ('Servers', 'Protection for servers', 'workload', 'servers', 1),"
  " ('Virtual machines', 'Protection for virtual machines', 'workload', 'vms', 1),"
  " ('Mobile devices', 'Protection for mobile devices', 'workload', 'mobiles', 1),"
  " ('Microsoft 365 seats', 'Microsoft 365 protection, per seat', 'seat', 'm365_seats', 1),"
  " ('Google Workspace seats', 'Google Workspace protection, per seat', 'seat', 'google_seats', 1),"
  " ('Cloud storage', 'Cloud backup storage, per GB', 'GB', 'storage', 1),"
  " ('Websites', 'Website protection', 'workload', 'websites', 1);",

  /* 3: sales items and their lines */
  "CREATE TABLE sales_items ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,"
  "  invoice_date TEXT NOT NULL CHECK (date(invoice_date) IS invoice_date),"
  "  origin TEXT NOT NULL DEFAULT 'manual' CHECK (origin IN ('manual', 'ticket', 'usage')),"
  "  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('draft', 'pending', 'billed')),"
  "  description TEXT,"
  "  created_at TEXT NOT NULL,"
  "  revision INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX sales_items_customer ON sales_items (customer_id, status);"
  "CREATE TABLE sales_item_lines ("
  "  id INTEGER PRIMARY KEY,"
  "  sales_item_id INTEGER NOT NULL REFERENCES sales_items (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  catalog_item_id INTEGER REFERENCES catalog_items (id),"      /* NULL for a note line */
  "  description TEXT NOT NULL DEFAULT '',"
  "  quantity INTEGER NOT NULL DEFAULT 0 CHECK (quantity >= 0),"   /* 1/10000 of the unit */
  "  unit_price INTEGER NOT NULL DEFAULT 0 CHECK (unit_price >= 0),"
  "  discount INTEGER NOT NULL DEFAULT 0 CHECK (discount BETWEEN 0 AND 10000),"
  "  is_note INTEGER NOT NULL DEFAULT 0 CHECK (is_note IN (0, 1))"
  ");"
  "CREATE INDEX sales_item_lines_item ON sales_item_lines (sales_item_id);"
  /* A billed item is on an invoice: the schema itself refuses to change it
   * (only its revision may move, when a list needs to redraw it) */
  "CREATE TRIGGER sales_items_billed_update BEFORE UPDATE ON sales_items"
  " WHEN OLD.status = 'billed' AND NEW.revision = OLD.revision"
  " BEGIN SELECT RAISE (ABORT, 'billed sales items are read-only'); END;"
  "CREATE TRIGGER sales_items_billed_delete BEFORE DELETE ON sales_items WHEN OLD.status = 'billed'"
  " BEGIN SELECT RAISE (ABORT, 'billed sales items are read-only'); END;"
  "CREATE TRIGGER sales_item_lines_billed_insert BEFORE INSERT ON sales_item_lines"
  " WHEN (SELECT status FROM sales_items WHERE id = NEW.sales_item_id) = 'billed'"
  " BEGIN SELECT RAISE (ABORT, 'billed sales items are read-only'); END;"
  "CREATE TRIGGER sales_item_lines_billed_update BEFORE UPDATE ON sales_item_lines"
  " WHEN (SELECT status FROM sales_items WHERE id = OLD.sales_item_id) = 'billed'"
  " BEGIN SELECT RAISE (ABORT, 'billed sales items are read-only'); END;"
  "CREATE TRIGGER sales_item_lines_billed_delete BEFORE DELETE ON sales_item_lines"
  " WHEN (SELECT status FROM sales_items WHERE id = OLD.sales_item_id) = 'billed'"
  " BEGIN SELECT RAISE (ABORT, 'billed sales items are read-only'); END;"
  "CREATE TRIGGER sales_items_touch AFTER UPDATE ON sales_items WHEN NEW.revision = OLD.revision"
  " BEGIN UPDATE sales_items SET revision = revision + 1 WHERE id = NEW.id; END;"
  "CREATE TRIGGER sales_item_lines_insert AFTER INSERT ON sales_item_lines"
  " BEGIN UPDATE sales_items SET revision = revision + 1 WHERE id = NEW.sales_item_id; END;"
  "CREATE TRIGGER sales_item_lines_update AFTER UPDATE ON sales_item_lines"
  " BEGIN UPDATE sales_items SET revision = revision + 1 WHERE id = NEW.sales_item_id; END;"
  "CREATE TRIGGER sales_item_lines_delete AFTER DELETE ON sales_item_lines"
  " BEGIN UPDATE sales_items SET revision = revision + 1 WHERE id = OLD.sales_item_id; END;"
  "CREATE TRIGGER customers_renamed_sales AFTER UPDATE OF name ON customers"
  " BEGIN UPDATE sales_items SET revision = revision + 1 WHERE customer_id = NEW.id; END;",

  /* 4: helpdesk — staff, tickets, their conversation and time */
  "CREATE TABLE staff ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 255)"
  ");"
  "CREATE TABLE ticket_sequence (id INTEGER PRIMARY KEY CHECK (id = 1), next INTEGER NOT NULL);"
  "INSERT INTO ticket_sequence (id, next) VALUES (1, 1);"
  "CREATE TABLE tickets ("
  "  id INTEGER PRIMARY KEY,"
  "  number TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 255),"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,"
  "  contact_name TEXT,"
  "  assignee TEXT,"
  "  priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),"
  "  category TEXT,"
  "  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'waiting', 'resolved', 'closed')),"
  "  billable INTEGER NOT NULL DEFAULT 1 CHECK (billable IN (0, 1)),"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  revision INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX tickets_customer ON tickets (customer_id);"
  "CREATE TABLE ticket_updates ("
  "  id INTEGER PRIMARY KEY,"
  "  ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('message', 'note')),"
  "  author TEXT,"
  "  body TEXT NOT NULL,"
  "  created_at TEXT NOT NULL"
  ");"
  "CREATE INDEX ticket_updates_ticket ON ticket_updates (ticket_id);"
  "CREATE TABLE time_entries ("
  "  id INTEGER PRIMARY KEY,"
  "  ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,"
  "  date TEXT NOT NULL CHECK (date(date) IS date),"
  "  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 14400),"
  "  description TEXT,"
  "  billable INTEGER NOT NULL DEFAULT 1 CHECK (billable IN (0, 1)),"
  "  catalog_item_id INTEGER REFERENCES catalog_items (id),"
  "  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected')),"
  "  approved_minutes INTEGER,"
  "  sales_item_id INTEGER UNIQUE REFERENCES sales_items (id),"   /* one sales item per entry, at most */
  "  revision INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX time_entries_ticket ON time_entries (ticket_id);"
  "CREATE INDEX time_entries_state ON time_entries (state);"
  /* Approved or rejected time is settled: only its revision may move */
  "CREATE TRIGGER time_entries_settled BEFORE UPDATE ON time_entries"
  " WHEN OLD.state <> 'pending' AND NEW.revision = OLD.revision"
  " BEGIN SELECT RAISE (ABORT, 'approved or rejected time cannot change'); END;"
  "CREATE TRIGGER tickets_touch AFTER UPDATE ON tickets WHEN NEW.revision = OLD.revision"
  " BEGIN UPDATE tickets SET revision = revision + 1 WHERE id = NEW.id; END;"
  "CREATE TRIGGER ticket_updates_insert AFTER INSERT ON ticket_updates"
  " BEGIN UPDATE tickets SET updated_at = NEW.created_at WHERE id = NEW.ticket_id; END;"
  "CREATE TRIGGER time_entries_touch AFTER UPDATE ON time_entries WHEN NEW.revision = OLD.revision"
  " BEGIN UPDATE time_entries SET revision = revision + 1 WHERE id = NEW.id; END;"
  /* The lists of tickets and of time to approve follow their time */
  "CREATE TRIGGER time_entries_insert AFTER INSERT ON time_entries"
  " BEGIN UPDATE tickets SET revision = revision + 1 WHERE id = NEW.ticket_id; END;"
  "CREATE TRIGGER time_entries_state AFTER UPDATE OF state ON time_entries"
  " BEGIN UPDATE tickets SET revision = revision + 1 WHERE id = NEW.ticket_id; END;"
  "CREATE TRIGGER customers_renamed_tickets AFTER UPDATE OF name ON customers"
  " BEGIN UPDATE tickets SET revision = revision + 1 WHERE customer_id = NEW.id; END;"
  /* The item whose price is the hourly rate for ticket time */
  "INSERT OR IGNORE INTO catalog_items (name, description, unit, sku, is_contract_item, is_ticket_time_item)"
  " VALUES ('Technician time', 'Support time on tickets', 'hour', 'TIME', 0, 1);",

  /* 5: invoice numbering */
  "CREATE TABLE number_sequences ("
  "  kind TEXT PRIMARY KEY CHECK (kind IN ('invoice', 'credit_note')),"
  "  pattern TEXT NOT NULL,"
  "  next INTEGER NOT NULL CHECK (next >= 1),"
  "  reset TEXT NOT NULL DEFAULT 'yearly' CHECK (reset IN ('never', 'yearly', 'monthly')),"
  "  period TEXT,"          /* the year or month of the last number issued */
  "  confirmed INTEGER NOT NULL DEFAULT 0 CHECK (confirmed IN (0, 1))"
  ");"
  "INSERT INTO number_sequences (kind, pattern, next, reset) VALUES"
  " ('invoice', 'INV-{yyyy}-{0000}', 1, 'yearly'),"
  " ('credit_note', 'CN-{yyyy}-{0000}', 1, 'yearly');",

  /* 6: invoices from billing runs; what they billed can never be billed again */
  "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);"
  "INSERT INTO settings (key, value) VALUES ('currency', 'EUR');"
  "CREATE TABLE invoices ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL DEFAULT 'invoice' CHECK (kind IN ('invoice', 'credit_note')),"
  "  number TEXT NOT NULL UNIQUE,"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,"
  "  billing_month TEXT,"
  "  issue_date TEXT NOT NULL CHECK (date(issue_date) IS issue_date),"
  "  due_date TEXT NOT NULL CHECK (date(due_date) IS due_date),"
  "  currency TEXT NOT NULL,"
  "  customer_snapshot TEXT NOT NULL,"   /* billing information at issue time, JSON */
  "  msp_snapshot TEXT NOT NULL,"        /* the MSP's own details at issue time, JSON */
  "  net INTEGER NOT NULL,"              /* cents */
  "  tax INTEGER NOT NULL,"
  "  gross INTEGER NOT NULL,"
  "  status TEXT NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'paid', 'credited')),"
  "  paid_on TEXT,"
  "  credited_invoice_id INTEGER REFERENCES invoices (id),"
  "  exported_on TEXT,"
  "  created_at TEXT NOT NULL,"
  "  revision INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX invoices_customer ON invoices (customer_id);"
  "CREATE TABLE invoice_lines ("
  "  id INTEGER PRIMARY KEY,"
  "  invoice_id INTEGER NOT NULL REFERENCES invoices (id),"
  "  position INTEGER NOT NULL,"
  "  origin TEXT NOT NULL CHECK (origin IN ('contract', 'sales_item', 'note')),"
  "  description TEXT NOT NULL,"
  "  quantity INTEGER NOT NULL,"         /* 1/10000 */
  "  unit_price INTEGER NOT NULL,"       /* 1/10000 */
  "  discount INTEGER NOT NULL DEFAULT 0,"
  "  tax_rate INTEGER NOT NULL DEFAULT 0,"   /* 1/100 % */
  "  net INTEGER NOT NULL,"              /* cents */
  "  contract_part_id INTEGER REFERENCES contract_parts (id),"
  "  period_start TEXT,"
  "  period_end TEXT,"
  "  sales_item_id INTEGER REFERENCES sales_items (id)"
  ");"
  "CREATE INDEX invoice_lines_invoice ON invoice_lines (invoice_id);"
  /* A contract part's period is billed once, ever: the key makes a double
   * charge impossible, not just unlikely */
  "CREATE TABLE billed_periods ("
  "  contract_part_id INTEGER NOT NULL REFERENCES contract_parts (id),"
  "  period_start TEXT NOT NULL,"
  "  invoice_id INTEGER NOT NULL REFERENCES invoices (id),"
  "  PRIMARY KEY (contract_part_id, period_start)"
  ");"
  "ALTER TABLE sales_items ADD COLUMN invoice_id INTEGER REFERENCES invoices (id);"
  /* An issued invoice is never deleted or edited; only its status, payment,
   * export date and revision move */
  "CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices"
  " BEGIN SELECT RAISE (ABORT, 'issued invoices are never deleted'); END;"
  "CREATE TRIGGER invoices_no_edit BEFORE UPDATE OF kind, number, customer_id, billing_month, issue_date,"
  " due_date, currency, customer_snapshot, msp_snapshot, net, tax, gross ON invoices"
  " BEGIN SELECT RAISE (ABORT, 'issued invoices are never edited'); END;"
  "CREATE TRIGGER invoice_lines_no_edit BEFORE UPDATE ON invoice_lines"
  " BEGIN SELECT RAISE (ABORT, 'issued invoices are never edited'); END;"
  "CREATE TRIGGER invoice_lines_no_delete BEFORE DELETE ON invoice_lines"
  " BEGIN SELECT RAISE (ABORT, 'issued invoices are never edited'); END;"
  "CREATE TRIGGER invoices_touch AFTER UPDATE ON invoices WHEN NEW.revision = OLD.revision"
  " BEGIN UPDATE invoices SET revision = revision + 1 WHERE id = NEW.id; END;",

  /* 7: a credit note's line names the invoice line it cancels; a line is
   * credited once, ever */
  "ALTER TABLE invoice_lines ADD COLUMN credited_line_id INTEGER REFERENCES invoice_lines (id);"
  "CREATE UNIQUE INDEX invoice_lines_credited_once ON invoice_lines (credited_line_id)"
  " WHERE credited_line_id IS NOT NULL;",

  /* 8: Spain's invoice records (VERI*FACTU): one chained, append-only record
   * per invoice issued or cancelled. The fingerprinted fields are kept as the
   * exact text that was hashed; one chain per issuer cannot fork, as no two
   * records of an issuer may name the same previous fingerprint. Sending
   * marks a record in a table of its own, never the record. */
  "CREATE TABLE invoice_records ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind IN ('alta', 'anulacion')),"
  "  invoice_id INTEGER NOT NULL REFERENCES invoices (id),"
  "  issuer_nif TEXT NOT NULL,"
  "  number TEXT NOT NULL,"
  "  issue_date TEXT NOT NULL,"          /* DD-MM-YYYY, as hashed */
  "  invoice_type TEXT,"                 /* F1, R1; none for a cancellation */
  "  tax_total TEXT,"                    /* CuotaTotal, as hashed */
  "  gross_total TEXT,"                  /* ImporteTotal, as hashed */
  "  previous_hash TEXT NOT NULL,"       /* '' for an issuer's first record */
  "  generated_at TEXT NOT NULL,"        /* FechaHoraHusoGenRegistro */
  "  hash TEXT NOT NULL UNIQUE,"
  "  detail TEXT NOT NULL,"              /* the rest of the record, JSON, for the XML */
  "  UNIQUE (issuer_nif, previous_hash)"
  ");"
  "CREATE INDEX invoice_records_invoice ON invoice_records (invoice_id);"
  "CREATE TABLE invoice_records_sent ("
  "  record_id INTEGER PRIMARY KEY REFERENCES invoice_records (id),"
  "  sent_at TEXT NOT NULL"
  ");"
  "CREATE TRIGGER invoice_records_no_edit BEFORE UPDATE ON invoice_records"
  " BEGIN SELECT RAISE (ABORT, 'invoice records are append-only'); END;"
  "CREATE TRIGGER invoice_records_no_delete BEFORE DELETE ON invoice_records"
  " BEGIN SELECT RAISE (ABORT, 'invoice records are append-only'); END;",

  /* 9: indexes for scale (README, Performance). The chain's last record is
   * found without reading the whole chain: every invoice issued looks it up. */
  "CREATE INDEX invoice_records_chain ON invoice_records (issuer_nif, id);",

  /* 10: more indexes for scale (README, Performance). A billing run reads
   * contract parts and the pending sales items' lines in the order they are
   * invoiced, without sorting them first; and only the pending items, however
   * many were billed before. The windows count enabled customers (the
   * contracts banner) and billing information (the customer list) from
   * narrow indexes instead of the wide tables. */
  "CREATE INDEX IF NOT EXISTS contract_parts_order ON contract_parts (contract_id, position);"
  "CREATE INDEX IF NOT EXISTS sales_items_pending ON sales_items (status, invoice_date);"
  "CREATE INDEX IF NOT EXISTS sales_item_lines_order ON sales_item_lines (sales_item_id, position);"
  "CREATE INDEX IF NOT EXISTS customers_enabled ON customers (enabled);"
  "CREATE INDEX IF NOT EXISTS billing_info_country ON billing_info (country);",

  /* 11: start-up at scale (README, Performance). The customer list reads
   * the ids and revisions of every customer from a narrow index instead of
   * the wide table, and keeps the order it last showed them in by name: the
   * rows' positions among them by id (32-bit, little-endian), with a digest
   * of every row's id and revision then, so that it can tell whether the
   * order still holds (pacta-customer-view.c).
   * A cache, never data: deleting a row of list_orders only makes the next
   * start slower. */
  "CREATE INDEX customers_revisions ON customers (id, revision);"
  "CREATE TABLE list_orders ("
  "  list TEXT PRIMARY KEY,"
  "  collation TEXT NOT NULL,"
  "  fingerprint INTEGER NOT NULL,"
  "  positions BLOB NOT NULL"
  ");",

  /* 12: sending the invoice records to the tax agency (VERI*FACTU). An
   * attempt and the exact bytes of its request are written before they are
   * posted; its reply, once, after. An attempt without a reply (a crash, a
   * cut connection) is posted again with the same bytes, so the agency
   * never gets two different requests for one record. Each record's result
   * is kept; an accepted record is also in invoice_records_sent. */
  "CREATE TABLE verifactu_submissions ("
  "  id INTEGER PRIMARY KEY,"
  "  issuer_nif TEXT NOT NULL,"
  "  first_record_id INTEGER NOT NULL REFERENCES invoice_records (id),"
  "  last_record_id INTEGER NOT NULL REFERENCES invoice_records (id),"
  "  n_records INTEGER NOT NULL CHECK (n_records BETWEEN 1 AND 1000),"
  "  endpoint TEXT NOT NULL,"
  "  request BLOB NOT NULL,"
  "  created_at TEXT NOT NULL,"
  "  replied_at TEXT,"                    /* NULL: no reply yet */
  "  http_status INTEGER,"
  "  outcome TEXT CHECK (outcome IN ('answered', 'retry', 'refused', 'unauthorized')),"
  "  csv TEXT,"                           /* the agency's receipt, never given again */
  "  wait_seconds INTEGER,"
  "  state TEXT,"                         /* EstadoEnvio */
  "  message TEXT"
  ");"
  "CREATE INDEX verifactu_submissions_issuer ON verifactu_submissions (issuer_nif, id);"
  "CREATE TABLE verifactu_results ("
  "  record_id INTEGER NOT NULL REFERENCES invoice_records (id),"
  "  submission_id INTEGER NOT NULL REFERENCES verifactu_submissions (id),"
  "  state TEXT NOT NULL,"                /* EstadoRegistro; 'Rechazado' for a Client fault */
  "  code INTEGER,"
  "  message TEXT,"
  "  accepted INTEGER NOT NULL CHECK (accepted IN (0, 1)),"
  "  PRIMARY KEY (record_id, submission_id)"
  ");"
  "CREATE TRIGGER verifactu_submissions_no_delete BEFORE DELETE ON verifactu_submissions"
  " BEGIN SELECT RAISE (ABORT, 'submissions are append-only'); END;"
  "CREATE TRIGGER verifactu_submissions_reply_once BEFORE UPDATE ON verifactu_submissions"
  " WHEN OLD.replied_at IS NOT NULL OR NEW.request IS NOT OLD.request"
  "  OR NEW.first_record_id IS NOT OLD.first_record_id OR NEW.last_record_id IS NOT OLD.last_record_id"
  " BEGIN SELECT RAISE (ABORT, 'a submission is written once and its reply once'); END;"
  "CREATE TRIGGER verifactu_results_no_edit BEFORE UPDATE ON verifactu_results"
  " BEGIN SELECT RAISE (ABORT, 'results are append-only'); END;"
  "CREATE TRIGGER verifactu_results_no_delete BEFORE DELETE ON verifactu_results"
  " BEGIN SELECT RAISE (ABORT, 'results are append-only'); END;",

  /* 13: an invoice's standing with the tax agency shows in the invoice
   * list, which follows the invoices' revisions: an answer to one of its
   * records, or a correction of one, is a change of the invoice (its first
   * record is written with it) */
  "CREATE TRIGGER verifactu_results_touch AFTER INSERT ON verifactu_results"
  " BEGIN UPDATE invoices SET revision = revision + 1"
  "  WHERE id = (SELECT invoice_id FROM invoice_records WHERE id = NEW.record_id); END;"
  "CREATE TRIGGER invoice_records_touch AFTER INSERT ON invoice_records"
  " WHEN EXISTS (SELECT 1 FROM invoice_records o WHERE o.invoice_id = NEW.invoice_id AND o.id < NEW.id)"
  " BEGIN UPDATE invoices SET revision = revision + 1 WHERE id = NEW.invoice_id; END;",

  /* 14: the cloud platform through its API. A customer keeps the platform's
   * "customer_id" (the MSP's own reference, free text) as its external id.
   * A month's usage closed from the platform's usage report is kept per
   * customer and catalog item, once per month (closing again replaces it);
   * a billing run that billed usage-following parts from provisional usage
   * instead, after the user confirmed it, says so in usage_confirmations. */
  "ALTER TABLE customers ADD COLUMN external_id TEXT"
  " CHECK (external_id IS NULL OR length(external_id) BETWEEN 1 AND 255);"
  "CREATE INDEX customers_external_id ON customers (external_id) WHERE external_id IS NOT NULL;"
  "CREATE TABLE usage_months ("
  "  month TEXT PRIMARY KEY CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),"
  "  closed_at TEXT NOT NULL,"
  "  report_id TEXT"
  ");"
  "CREATE TABLE usage_month_quantities ("
  "  month TEXT NOT NULL REFERENCES usage_months (month) ON DELETE CASCADE,"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,"
  "  catalog_item_id INTEGER NOT NULL REFERENCES catalog_items (id),"
  "  quantity INTEGER NOT NULL CHECK (quantity >= 0),"
  "  PRIMARY KEY (month, customer_id, catalog_item_id)"
  ");"
  "CREATE TABLE usage_confirmations ("
  "  id INTEGER PRIMARY KEY,"
  "  month TEXT NOT NULL,"
  "  confirmed_at TEXT NOT NULL,"
  "  usage_as_of TEXT,"
  "  invoices INTEGER NOT NULL"
  ");",

  /* 15: the MSP's mailbox. Every message Pacta sends (an invoice to its
   * customer, a ticket's reply) is written to the outbox before it is handed
   * to SMTP and marked after; one still "sending" when Pacta starts again
   * was perhaps sent: it becomes "unknown" and is shown, never resent by
   * itself. An invoice is mailed once (its row is reused when the user sends
   * it again). Every message read from the mailbox is kept once (its folder,
   * UIDVALIDITY and UID, and its Message-ID), with what became of it; its
   * attachments are kept with it, size-limited. A ticket knows its contact's
   * address, and each conversation entry the message it came from or went
   * out as. Remembered domains send a sender's mail to a customer. */
  "CREATE TABLE mail_outbox ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind IN ('invoice', 'reply')),"
  "  invoice_id INTEGER REFERENCES invoices (id) ON DELETE RESTRICT,"
  "  ticket_update_id INTEGER UNIQUE REFERENCES ticket_updates (id) ON DELETE CASCADE,"
  "  message_id TEXT NOT NULL UNIQUE,"
  "  recipient TEXT NOT NULL,"
  "  state TEXT NOT NULL DEFAULT 'queued'"
  "   CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'unknown', 'bounced')),"
  "  queued_at TEXT NOT NULL,"
  "  attempted_at TEXT,"
  "  sent_at TEXT,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  error TEXT,"
  "  CHECK ((kind = 'invoice') = (invoice_id IS NOT NULL)),"
  "  CHECK ((kind = 'reply') = (ticket_update_id IS NOT NULL))"
  ");"
  "CREATE UNIQUE INDEX mail_outbox_invoice ON mail_outbox (invoice_id) WHERE invoice_id IS NOT NULL;"
  "CREATE INDEX mail_outbox_state ON mail_outbox (state);"
  "CREATE TABLE mail_inbox ("
  "  id INTEGER PRIMARY KEY,"
  "  folder TEXT NOT NULL,"
  "  uidvalidity INTEGER NOT NULL,"
  "  uid INTEGER NOT NULL,"
  "  message_id TEXT,"
  "  received_at TEXT NOT NULL,"
  "  sent_date TEXT,"
  "  from_address TEXT,"
  "  from_name TEXT,"
  "  subject TEXT NOT NULL DEFAULT '',"
  "  body TEXT NOT NULL DEFAULT '',"
  "  state TEXT NOT NULL"
  "   CHECK (state IN ('ticket', 'update', 'unassigned', 'ignored', 'rejected', 'bounce')),"
  "  reason TEXT,"
  "  customer_id INTEGER REFERENCES customers (id) ON DELETE SET NULL,"
  "  ticket_update_id INTEGER REFERENCES ticket_updates (id) ON DELETE SET NULL,"
  "  UNIQUE (folder, uidvalidity, uid)"
  ");"
  "CREATE UNIQUE INDEX mail_inbox_message_id ON mail_inbox (message_id) WHERE message_id IS NOT NULL;"
  "CREATE INDEX mail_inbox_state ON mail_inbox (state);"
  "CREATE TABLE mail_attachments ("
  "  id INTEGER PRIMARY KEY,"
  "  inbox_id INTEGER NOT NULL REFERENCES mail_inbox (id) ON DELETE CASCADE,"
  "  filename TEXT NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),"
  "  content_type TEXT NOT NULL,"
  "  size INTEGER NOT NULL CHECK (size >= 0),"
  "  data BLOB NOT NULL"
  ");"
  "CREATE INDEX mail_attachments_inbox ON mail_attachments (inbox_id);"
  "CREATE TABLE mail_domains ("
  "  domain TEXT PRIMARY KEY CHECK (length(domain) BETWEEN 1 AND 255),"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE"
  ");"
  "ALTER TABLE tickets ADD COLUMN contact_email TEXT;"
  "ALTER TABLE ticket_updates ADD COLUMN message_id TEXT;"
  "CREATE INDEX ticket_updates_message_id ON ticket_updates (message_id) WHERE message_id IS NOT NULL;"
  /* The invoice list shows how an invoice went out */
  "CREATE TRIGGER mail_outbox_invoice_touch AFTER UPDATE OF state ON mail_outbox"
  " WHEN NEW.invoice_id IS NOT NULL"
  " BEGIN UPDATE invoices SET revision = revision + 1 WHERE id = NEW.invoice_id; END;"
  "CREATE TRIGGER mail_outbox_invoice_insert AFTER INSERT ON mail_outbox"
  " WHEN NEW.invoice_id IS NOT NULL"
  " BEGIN UPDATE invoices SET revision = revision + 1 WHERE id = NEW.invoice_id; END;"
  /* and whether an invoice not sent yet is to be printed */
  "CREATE TRIGGER billing_info_sending_touch AFTER UPDATE OF send_by, invoice_email ON billing_info"
  " WHEN NEW.send_by IS NOT OLD.send_by OR NEW.invoice_email IS NOT OLD.invoice_email"
  " BEGIN UPDATE invoices SET revision = revision + 1 WHERE customer_id = NEW.customer_id"
  "  AND NOT EXISTS (SELECT 1 FROM mail_outbox o WHERE o.invoice_id = invoices.id); END;",
};

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
pacta_database_finalize (GObject *object)
{
  PactaDatabase *self = (PactaDatabase *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->backup_path, g_free);

  G_OBJECT_CLASS (pacta_database_parent_class)->finalize (object);
}

static void
pacta_database_class_init (PactaDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pacta_database_finalize;
}

static void
pacta_database_init (PactaDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
}

void
pacta_database_set_error (PactaDatabase  *self,
                          GError        **error,
                          const char     *what)
{
  int code = self->db != NULL ? sqlite3_errcode (self->db) & 0xff : SQLITE_ERROR;

  /* Interrupted because the work was cancelled: sqlite has rolled back */
  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return;

  /* The causes a user can do something about, said plainly */
  if (code == SQLITE_FULL)
    g_set_error (error, PACTA_ERROR, PACTA_ERROR_DATABASE,
                 /* Translators: %s says what was being done */
                 _("The disk is full (while %s). Nothing of it was saved; free some space and try again."),
                 what);
  else if (code == SQLITE_READONLY)
    g_set_error (error, PACTA_ERROR, PACTA_ERROR_DATABASE,
                 /* Translators: %s says what was being done */
                 _("The database can’t be written to (while %s): the file or its folder is read-only. "
                   "Nothing was changed."),
                 what);
  else
    g_set_error (error, PACTA_ERROR, PACTA_ERROR_DATABASE,
                 /* Translators: the first %s says what was being done, the second is sqlite's reason */
                 _("Database error while %s: %s"),
                 what, self->db != NULL ? sqlite3_errmsg (self->db) : "?");
}

static char *
data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), APPLICATION_ID, NULL);
}

char *
pacta_database_default_path (void)
{
  g_autofree char *dir = data_dir ();

  return g_build_filename (dir, "pacta.sqlite", NULL);
}

char *
pacta_database_demo_path (void)
{
  g_autofree char *dir = data_dir ();

  return g_build_filename (dir, "demo.sqlite", NULL);
}

int
pacta_database_get_latest_version (void)
{
  return G_N_ELEMENTS (migrations);
}

/* Creates the file (and its folder) with owner-only permissions before sqlite
 * opens it, since sqlite would create it according to the umask. */
static gboolean
ensure_private_file (const char  *path,
                     gboolean    *existed,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, (gint) g_io_error_from_errno (saved_errno),
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  *existed = g_file_test (path, G_FILE_TEST_EXISTS);
  if (*existed)
    return TRUE;

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, (gint) g_io_error_from_errno (saved_errno),
                   _("Cannot create the database “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  g_close (fd, NULL);
  return TRUE;
}

static gboolean
migrate (PactaDatabase  *self,
         gboolean        existed,
         GError        **error)
{
  int latest = pacta_database_get_latest_version ();
  g_autofree char *set_version = NULL;

  if (self->schema_version > latest)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_SCHEMA_TOO_NEW,
                   _("The database “%s” was written by a newer version of Pacta (schema %d, this version knows %d)"),
                   self->path, self->schema_version, latest);
      return FALSE;
    }

  if (self->schema_version == latest)
    return TRUE;

  /* A file that already holds anything gets a copy before it is changed */
  if (existed)
    {
      gint64 n_objects = pacta_database_count (self, "SELECT count(*) FROM sqlite_schema", error);

      if (n_objects < 0)
        return FALSE;
      if (n_objects > 0 && !(self->backup_path = pacta_backup_create (self, "migration", error)))
        return FALSE;
    }

  if (!pacta_database_begin (self, error))
    return FALSE;

  for (int v = self->schema_version; v < latest; v++)
    {
      if (sqlite3_exec (self->db, migrations[v], NULL, NULL, NULL) != SQLITE_OK)
        {
          g_autofree char *what = g_strdup_printf (_("upgrading the schema to version %d"), v + 1);
          pacta_database_set_error (self, error, what);
          pacta_database_rollback (self);
          return FALSE;
        }
    }

  /* PRAGMA takes no bound parameters; the value is our own constant */
  set_version = g_strdup_printf ("PRAGMA user_version = %d", latest);
  if (!pacta_database_exec (self, set_version, error) ||
      !pacta_database_commit (self, error))
    {
      pacta_database_rollback (self);
      return FALSE;
    }

  self->schema_version = latest;
  return TRUE;
}

static PactaDatabase *open_database (const char  *path,
                                     GError     **error);

PactaDatabase *
pacta_database_open (const char  *path,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *default_path = NULL;
  PactaDatabase *self;

  if (path == NULL)
    path = default_path = pacta_database_default_path ();

  self = open_database (path, &local_error);
  if (self == NULL)
    {
      /* Every reason to refuse a file names the file */
      if (strstr (local_error->message, path) == NULL)
        g_prefix_error (&local_error, "%s: ", path);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return self;
}

static PactaDatabase *
open_database (const char  *path,
               GError     **error)
{
  g_autoptr(PactaDatabase) self = g_object_new (PACTA_TYPE_DATABASE, NULL);
  gboolean in_memory;
  gboolean existed = FALSE;
  sqlite3_stmt *stmt;

  self->path = g_strdup (path);
  in_memory = g_str_equal (self->path, ":memory:");

  if (!in_memory && !ensure_private_file (self->path, &existed, error))
    return NULL;

  if (sqlite3_open_v2 (self->path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_DATABASE,
                   _("Cannot open the database “%s”: %s"), self->path,
                   self->db != NULL ? sqlite3_errmsg (self->db) : g_strerror (ENOMEM));
      return NULL;
    }

  /* sqlite opens a file it can't write read-only without a word; Pacta
   * writes on every change, so say so now rather than at the first save */
  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_DATABASE,
                   _("Pacta can’t write to the database “%s”: the file or its folder is read-only. "
                     "Check its permissions; nothing was changed."), self->path);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  /* A window and a command line may use the same file at once */
  sqlite3_busy_timeout (self->db, 5000);

  /* A billing run reads the contracts, their parts and the sales items, then
   * writes every invoice in one transaction: in sqlite's default 2 MiB of
   * cache the writes evict pages they need again and spill to the WAL before
   * the commit. 32 MiB at most, taken as pages are read (README, Performance). */
  if (!pacta_database_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !pacta_database_exec (self, "PRAGMA synchronous = FULL", error) ||
      !pacta_database_exec (self, "PRAGMA cache_size = -32768", error))
    return NULL;

  if (!in_memory)
    {
      if (!(stmt = pacta_database_prepare (self, "PRAGMA journal_mode = WAL", error)))
        return NULL;
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          g_set_error (error, PACTA_ERROR, PACTA_ERROR_DATABASE,
                       _("“%s” is not a Pacta database: %s"), self->path, sqlite3_errmsg (self->db));
          return NULL;
        }
      sqlite3_reset (stmt);
    }

  if (!(stmt = pacta_database_prepare (self, "PRAGMA user_version", error)))
    return NULL;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_DATABASE,
                   _("“%s” is not a Pacta database: %s"), self->path, sqlite3_errmsg (self->db));
      return NULL;
    }
  self->schema_version = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  if (!migrate (self, existed, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
pacta_database_get_path (PactaDatabase *self)
{
  g_return_val_if_fail (PACTA_IS_DATABASE (self), NULL);

  return self->path;
}

const char *
pacta_database_get_backup_path (PactaDatabase *self)
{
  g_return_val_if_fail (PACTA_IS_DATABASE (self), NULL);

  return self->backup_path;
}

int
pacta_database_get_schema_version (PactaDatabase *self)
{
  g_return_val_if_fail (PACTA_IS_DATABASE (self), 0);

  return self->schema_version;
}

sqlite3 *
pacta_database_get_handle (PactaDatabase *self)
{
  g_return_val_if_fail (PACTA_IS_DATABASE (self), NULL);

  return self->db;
}

/* Returns a cached statement, reset and with no bindings. The statement
 * belongs to the database: callers must not finalize it, and must not hold
 * it across a call that may prepare the same SQL. */
sqlite3_stmt *
pacta_database_prepare (PactaDatabase  *self,
                        const char     *sql,
                        GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PACTA_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    return NULL;

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      pacta_database_set_error (self, error, _("preparing a query"));
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
pacta_database_step_done (PactaDatabase  *self,
                          sqlite3_stmt   *stmt,
                          GError        **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      pacta_database_set_error (self, error, _("writing"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
pacta_database_exec (PactaDatabase  *self,
                     const char     *sql,
                     GError        **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (self, sql, error);

  return stmt != NULL && pacta_database_step_done (self, stmt, error);
}

gboolean
pacta_database_begin (PactaDatabase  *self,
                      GError        **error)
{
  int rc;

  g_return_val_if_fail (PACTA_IS_DATABASE (self), FALSE);

  /* Waits up to the busy timeout for another writer, then says so plainly */
  rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_DATABASE,
                   _("Another Pacta — a window or the command line — is writing to this database. "
                     "Nothing was changed; try again when it has finished."));
      return FALSE;
    }
  if (rc != SQLITE_OK)
    {
      pacta_database_set_error (self, error, _("starting a transaction"));
      return FALSE;
    }
  return TRUE;
}

gboolean
pacta_database_commit (PactaDatabase  *self,
                       GError        **error)
{
  /* Work cancelled before its end leaves nothing behind, whatever it did
   * with the errors of the statements in between */
  if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
    {
      pacta_database_rollback (self);
      return FALSE;
    }
  return pacta_database_exec (self, "COMMIT", error);
}

static int
interrupt_if_cancelled (gpointer user_data)
{
  PactaDatabase *self = user_data;

  return g_cancellable_is_cancelled (self->cancellable);
}

/* Instructions sqlite runs between two looks at the cancellable: a look is
 * one atomic read, and a thousand instructions take a few microseconds */
#define CANCEL_CHECK_STEPS 1000

/**
 * pacta_database_set_cancellable:
 * @cancellable: (nullable): the work now running on this connection
 *
 * Once @cancellable is cancelled every statement stops where it is
 * (sqlite then rolls the transaction back), no statement starts and no
 * transaction commits: cancelled work leaves nothing half-written. Set for
 * the length of one piece of work on a worker connection (see pacta-job.c),
 * then set back to %NULL.
 */
void
pacta_database_set_cancellable (PactaDatabase *self,
                                GCancellable  *cancellable)
{
  g_return_if_fail (PACTA_IS_DATABASE (self));

  g_set_object (&self->cancellable, cancellable);
  sqlite3_progress_handler (self->db, cancellable != NULL ? CANCEL_CHECK_STEPS : 0,
                            cancellable != NULL ? interrupt_if_cancelled : NULL, self);
}

void
pacta_database_rollback (PactaDatabase *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gint64
pacta_database_count (PactaDatabase  *self,
                      const char     *sql,
                      GError        **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (self, sql, error);
  gint64 value;

  if (stmt == NULL)
    return -1;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      pacta_database_set_error (self, error, _("counting"));
      sqlite3_reset (stmt);
      return -1;
    }

  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

const char *
pacta_sql_column_text (sqlite3_stmt *stmt,
                       int           column)
{
  return (const char *)sqlite3_column_text (stmt, column);
}

void
pacta_sql_bind_text (sqlite3_stmt *stmt,
                     int           index,
                     const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/**
 * pacta_database_get_setting:
 *
 * Returns: (transfer full) (nullable): the value stored under @key in the
 *   settings table; %NULL when there is none
 */
char *
pacta_database_get_setting (PactaDatabase *self,
                            const char    *key)
{
  sqlite3_stmt *stmt = pacta_database_prepare (self, "SELECT value FROM settings WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  pacta_sql_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup (pacta_sql_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

/**
 * pacta_database_set_setting:
 *
 * Stores @value under @key in the settings table, replacing what was there.
 * Call it inside a transaction when several settings go together.
 */
gboolean
pacta_database_set_setting (PactaDatabase  *self,
                            const char     *key,
                            const char     *value,
                            GError        **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (self,
                                               "INSERT INTO settings (key, value) VALUES (?, ?)"
                                               " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                               error);

  if (stmt == NULL)
    return FALSE;
  pacta_sql_bind_text (stmt, 1, key);
  pacta_sql_bind_text (stmt, 2, value);
  return pacta_database_step_done (self, stmt, error);
}
