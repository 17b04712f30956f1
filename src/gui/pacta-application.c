/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-application.c: opens the right database and either runs the command-line
 * actions (no window) or presents the window. */
#include "config.h"

#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "pacta-application.h"
#include "pacta-billing-import.h"
#include "pacta-billing-run.h"
#include "pacta-cli-mail.h"
#include "pacta-cli-platform.h"
#include "pacta-date.h"
#include "pacta-error.h"
#include "pacta-invoice-export.h"
#include "pacta-invoice-pdf.h"
#include "pacta-catalog.h"
#include "pacta-contract-store.h"
#include "pacta-customer-view.h"
#include "pacta-import.h"
#include "pacta-numbering.h"
#include "pacta-verifactu-certificate.h"
#include "pacta-verifactu-sender.h"
#include "pacta-verifactu.h"
#include "pacta-window.h"

struct _PactaApplication
{
  AdwApplication parent_instance;

  /* Owned: options given on the command line */
  char          *database_path;
  gboolean       demo;
};

G_DEFINE_FINAL_TYPE (PactaApplication, pacta_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Use this database instead of the default one"), N_("FILE") },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Open the separate demo database"), NULL },
  { "company", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Set your company’s details from a JSON object (keys as the billing information CSV’s columns, and iban); keys left out keep their value"), N_("FILE") },
  { "disconnect", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Disconnect from the cloud platform: the API client’s secret is removed from the keyring"), NULL },
  { "connect", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Connect to the cloud platform’s data center at this URL, with --client-id; the secret from --password-file or the terminal is kept in the keyring"), N_("URL") },
  { "client-id", 0, 0, G_OPTION_ARG_STRING, NULL, N_("With --connect: the API client’s client ID"), N_("ID") },
  { "sync", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Sync customers and their current usage from the cloud platform"), NULL },
  { "close-usage", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Close that month’s usage from the cloud platform’s usage report, for billing"), N_("YYYY-MM") },
  { "import-tenants", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Import customers from the platform’s tenant listing (JSON)"), N_("FILE") },
  { "import-usages", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Import assigned services from the platform’s usage listing (JSON)"), N_("FILE") },
  { "import-catalog", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Import catalog items and prices (CSV)"), N_("FILE") },
  { "import-billing-info", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Import billing information (CSV)"), N_("FILE") },
  { "create-missing-contracts", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Create a contract, starting that day, for every customer that has services but no contract"), N_("YYYY-MM-DD") },
  { "confirm-numbering", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Confirm the invoice numbering (review done), optionally changed"), NULL },
  { "numbering-pattern", 0, 0, G_OPTION_ARG_STRING, NULL, N_("With --confirm-numbering: the pattern, such as INV-{yyyy}-{0000}"), N_("PATTERN") },
  /* A string, parsed here: GApplication can't tell a 0 given from none */
  { "numbering-next", 0, 0, G_OPTION_ARG_STRING, NULL, N_("With --confirm-numbering: the next number"), N_("N") },
  { "billing-run", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Run billing for that month"), N_("YYYY-MM") },
  { "dry-run", 0, 0, G_OPTION_ARG_NONE, NULL, N_("With --billing-run: only print the plan"), NULL },
  { "provisional-usage", 0, 0, G_OPTION_ARG_NONE, NULL, N_("With --billing-run: bill usage-following parts from the provisional usage when the month’s usage is not closed; the run records it"), NULL },
  { "export-invoices", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Export every invoice not yet exported, as PDF, CSV and JSON, to this folder"), N_("DIR") },
  { "verify-records", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Check the chain of invoice records (Spain’s VERI*FACTU rules); fails when it is broken"), NULL },
  { "export-records", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Write the invoice records as XML in the tax agency’s structure (Spain’s VERI*FACTU rules) to this folder"), N_("DIR") },
  { "send-records", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Send the invoice records the tax agency does not have yet (Spain’s VERI*FACTU rules), with the certificate set up for it"), NULL },
  { "verifactu-environment", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Send the invoice records to the tax agency’s production or test environment (production, test)"), N_("ENVIRONMENT") },
  { "correct-record", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Make the correcting record of the invoice whose record the tax agency rejected, once its cause is fixed; it is sent with the next records"), N_("NUMBER") },
  { "verifactu-certificate", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Set up sending with this certificate, a PKCS#12 file: a copy is kept in Pacta’s private folder and its password in the keyring"), N_("FILE") },
  { "password-file", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("With --connect: read the API client’s secret from this file; with --mail-account: the mail password; with --verifactu-certificate or --send-records: the certificate’s password, instead of the keyring or the terminal"), N_("FILE") },
  { "mail-account", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Set the mail account from this key file ([Mail] group: imap-host, smtp-host, user, address…); both servers are tried first, and the password from --password-file or the terminal is kept in the keyring"), N_("FILE") },
  { "forget-mail-account", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Remove the mail account; its password is removed from the keyring"), NULL },
  { "fetch-mail", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Read new mail into tickets (new tickets, replies, or the Unassigned list)"), NULL },
  { "send-invoices", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Put every invoice issued since the mail account was set in the outbox (customers who get invoices by email), then send the outbox"), NULL },
  { "summary", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print counts as one JSON object"), NULL },
  { NULL }
};

static PactaContext *
open_context (PactaApplication  *self,
              GError           **error)
{
  PactaContext *context = self->demo ? pacta_context_open_demo (self->database_path, error)
                                      : pacta_context_open (self->database_path, error);

  /* Invoices go out by mail as the PDF the window draws */
  if (context != NULL)
    pacta_context_set_invoice_renderer (context, pacta_invoice_pdf_export, NULL);
  return context;
}

static int
fail (GError *error)
{
  g_printerr ("pacta: %s\n", error->message);
  return EXIT_FAILURE;
}

/* The actions run in the order of the README's Command line table; each is all-or-nothing */
typedef struct
{
  char     *company;
  gboolean  disconnect;
  char     *connect;
  char     *client_id;
  gboolean  sync;
  char     *close_usage;
  char     *tenants;
  char     *usages;
  char     *catalog;
  char     *billing;
  char     *missing_contracts_from;
  gboolean  confirm_numbering;
  char     *numbering_pattern;
  char     *numbering_next_text;
  gint64    numbering_next;
  char     *billing_run;
  gboolean  dry_run;
  gboolean  provisional_usage;
  char     *export_invoices;
  gboolean  verify_records;
  char     *export_records;
  gboolean  send_records;
  char     *environment;
  char     *correct_record;
  char     *certificate;
  char     *password_file;
  char     *mail_account;
  gboolean  forget_mail_account;
  gboolean  fetch_mail;
  gboolean  send_invoices;
  gboolean  summary;
} Actions;

static void
actions_clear (Actions *actions)
{
  g_free (actions->company);
  g_free (actions->connect);
  g_free (actions->client_id);
  g_free (actions->close_usage);
  g_free (actions->tenants);
  g_free (actions->usages);
  g_free (actions->catalog);
  g_free (actions->billing);
  g_free (actions->missing_contracts_from);
  g_free (actions->numbering_pattern);
  g_free (actions->numbering_next_text);
  g_free (actions->billing_run);
  g_free (actions->export_invoices);
  g_free (actions->export_records);
  g_free (actions->environment);
  g_free (actions->correct_record);
  g_free (actions->certificate);
  g_free (actions->password_file);
  g_free (actions->mail_account);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Actions, actions_clear)

static int
create_missing_contracts (PactaContext *context,
                          const char   *start_date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(PactaContract) prototype = NULL;
  guint created = 0;

  if (!pacta_date_is_valid (start_date))
    {
      g_printerr ("pacta: --create-missing-contracts: %s\n",
                  _("expected a date such as 2026-12-01 (YYYY-MM-DD)"));
      return EXIT_FAILURE;
    }

  if (!(ids = pacta_context_list_customers_without_contracts (context, &error)))
    return fail (error);

  prototype = pacta_contract_new (0);
  g_object_set (prototype, "name", _("Managed services"), "start-date", start_date, NULL);
  if (!(skipped = pacta_context_create_default_contracts (context, ids, prototype, &created, &error)))
    return fail (error);

  g_print (ngettext ("%u contract created\n", "%u contracts created\n", created), created);
  g_print (ngettext ("%u customer skipped\n", "%u customers skipped\n", skipped->len), skipped->len);
  for (guint i = 0; i < skipped->len; i++)
    {
      PactaSkippedCustomer *skip = g_ptr_array_index (skipped, i);

      /* Translators: a customer left without a contract, and why */
      g_print (_("  %s: %s\n"), skip->customer_name, skip->reason);
    }
  return EXIT_SUCCESS;
}

/* The customer list saves its order by name for the next start to show at
 * once (pacta-customer-view.c); after the customers changed on the command
 * line, the window would otherwise make it again when it next starts. */
static void
save_customer_order (PactaContext *context)
{
  static const PactaCustomerSortKey by_name = { PACTA_CUSTOMER_COLUMN_NAME, FALSE };
  g_autoptr(PactaCustomerView) view = pacta_customer_view_new ();
  g_autoptr(GError) error = NULL;

  if (!pacta_context_sync (context, &error))
    {
      g_debug ("Not saving the customers' order: %s", error->message);
      return;
    }
  /* No keys for searching: only the order is wanted */
  pacta_customer_view_hold (view);
  pacta_customer_view_set_sort (view, &by_name, 1);
  pacta_customer_view_set_store (view, pacta_context_get_customers (context));
  /* Letting go of the store saves an order it has made */
  pacta_customer_view_set_store (view, NULL);
  pacta_customer_view_release (view);
}

/* The certificate's password: from the file given, else asked on the
 * terminal without echo; never from the command line itself, where other
 * users of the machine could read it */
static char *
read_secret (const char  *password_file,
             const char  *prompt,
             const char  *needed,
             GError     **error)
{
  g_autofree char *contents = NULL;
  struct termios saved, quiet;
  char line[1024];
  gboolean restore;

  if (password_file != NULL)
    {
      gsize length;

      if (!g_file_get_contents (password_file, &contents, &length, error))
        return NULL;
      /* One line: its end is not part of the password */
      contents[strcspn (contents, "\r\n")] = '\0';
      return g_steal_pointer (&contents);
    }
  if (!isatty (STDIN_FILENO))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, needed);
      return NULL;
    }
  g_printerr ("%s ", prompt);
  restore = tcgetattr (STDIN_FILENO, &saved) == 0;
  if (restore)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  if (fgets (line, sizeof line, stdin) == NULL)
    line[0] = '\0';
  if (restore)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  g_printerr ("\n");
  line[strcspn (line, "\r\n")] = '\0';
  contents = g_strdup (line);
  memset (line, 0, sizeof line);
  return g_steal_pointer (&contents);
}

static char *
read_password (const char  *password_file,
               GError     **error)
{
  return read_secret (password_file, _("Certificate password:"),
                      _("The certificate’s password is needed: give --password-file FILE, or run on a terminal"),
                      error);
}

static void
password_free (char *password)
{
  if (password == NULL)
    return;
  explicit_bzero (password, strlen (password));
  g_free (password);
}

typedef char PactaPassword;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PactaPassword, password_free)

/* A warning when the certificate can't be used now or soon won't be */
static void
warn_about_expiry (const PactaVerifactuCertificate *certificate)
{
  g_autofree char *until = certificate->not_after != NULL ? g_date_time_format (certificate->not_after, "%Y-%m-%d")
                                                          : NULL;
  int days_left;

  switch (pacta_verifactu_certificate_get_state (certificate, &days_left))
    {
    case PACTA_VERIFACTU_CERTIFICATE_EXPIRED:
      g_printerr ("pacta: ");
      /* Translators: %s is a date */
      g_printerr (_("The certificate expired on %s: the tax agency will refuse it. Set up a new one."), until);
      g_printerr ("\n");
      break;
    case PACTA_VERIFACTU_CERTIFICATE_EXPIRES_SOON:
      g_printerr ("pacta: ");
      /* Translators: %d is a number of days, %s a date */
      g_printerr (ngettext ("The certificate expires in %d day (%s): renew it and set up the new one.",
                            "The certificate expires in %d days (%s): renew it and set up the new one.", days_left),
                  days_left, until);
      g_printerr ("\n");
      break;
    case PACTA_VERIFACTU_CERTIFICATE_NOT_YET_VALID:
      g_printerr ("pacta: %s\n", _("The certificate is not valid yet: the tax agency will refuse it until then."));
      break;
    case PACTA_VERIFACTU_CERTIFICATE_VALID:
    default:
      break;
    }
}

/* --verifactu-certificate: installs it; @password is kept for
 * --send-records, given in the same call */
static int
install_certificate (PactaContext  *context,
                     Actions       *actions,
                     char         **password_out)
{
  g_autoptr(PactaVerifactuCertificate) certificate = NULL;
  g_autoptr(PactaPassword) password = NULL;
  g_autoptr(GError) keyring_error = NULL;
  g_autoptr(GError) error = NULL;

  if (!(password = read_password (actions->password_file, &error)) ||
      !(certificate = pacta_context_install_certificate (context, actions->certificate, password,
                                                         &keyring_error, NULL, &error)))
    return fail (error);

  g_print ("%s\n", _("Certificate set up for sending the invoice records:"));
  /* Translators: what a certificate names; “?” stands for what it does not say */
  g_print (_("  Holder: %s\n"), certificate->holder != NULL ? certificate->holder : "?");
  g_print (_("  NIF: %s\n"), certificate->nif != NULL ? certificate->nif : "?");
  if (certificate->not_after != NULL)
    {
      g_autofree char *until = g_date_time_format (certificate->not_after, "%Y-%m-%d");

      /* Translators: %s is a date */
      g_print (_("  Valid until: %s\n"), until);
    }
  if (keyring_error != NULL)
    g_printerr ("pacta: %s\n", keyring_error->message);
  else
    g_print ("%s\n", _("  Its password is kept in the keyring"));
  warn_about_expiry (certificate);

  *password_out = g_steal_pointer (&password);
  return EXIT_SUCCESS;
}

/* --send-records: with the installed certificate, its password given
 * (@password, from --verifactu-certificate's set-up or --password-file) or
 * from the keyring; each record's result; 1 when one was rejected or is
 * still unsent */
static int
send_records (PactaContext *context,
              Actions      *actions,
              const char   *password)
{
  g_autoptr(PactaVerifactuConnection) connection = NULL;
  g_auto(PactaVerifactuSendReport) report = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) send_error = NULL;
  g_autoptr(PactaPassword) asked = NULL;
  g_autoptr(PactaVerifactuCertificate) certificate = NULL;
  g_autofree char *results = NULL;
  gint64 before = pacta_context_get_last_send_result (context);
  guint n_rejected = 0;

  if (password == NULL && actions->password_file != NULL)
    {
      if (!(asked = read_password (actions->password_file, &error)))
        return fail (error);
      password = asked;
    }
  connection = pacta_context_connect_sender (context, password, NULL, &error);
  /* Not in the keyring: asked for, on a terminal */
  if (connection == NULL && g_error_matches (error, PACTA_ERROR, PACTA_ERROR_PASSWORD_REQUIRED) &&
      isatty (STDIN_FILENO))
    {
      g_printerr ("pacta: %s\n", error->message);
      g_clear_error (&error);
      if ((asked = read_password (NULL, &error)))
        connection = pacta_context_connect_sender (context, asked, NULL, &error);
    }
  if (connection == NULL)
    return fail (error);
  if ((certificate = pacta_context_load_certificate (context, NULL)))
    warn_about_expiry (certificate);
  /* Off the main thread, as in the window, while the main context runs:
   * the TLS handshake asks it for the client certificate */
  pacta_context_send_records_with_connection (context, connection, &report, NULL, &send_error);

  if (!(results = pacta_context_describe_send_results (context, before, &n_rejected, &error)))
    return fail (error);
  g_print ("%s", results);
  if (send_error != NULL)
    g_printerr ("pacta: %s\n", send_error->message);
  if (report.n_pending > 0 && report.next_send != NULL)
    {
      g_autofree char *when = g_date_time_format (report.next_send, "%Y-%m-%d %H:%M:%S");

      /* Translators: how many records wait, and until when */
      g_print (ngettext ("%u record waits until %s, as the tax agency asked\n",
                         "%u records wait until %s, as the tax agency asked\n", (gulong) report.n_pending),
               (guint) report.n_pending, when);
    }
  else if (report.n_pending == 0 && send_error == NULL && results[0] == '\0')
    g_print ("%s\n", _("No invoice records to send"));

  return send_error != NULL || n_rejected > 0 || report.n_pending > 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* ---- the actions, one function each, run in the order of the steps below -- */

typedef struct
{
  PactaContext  *context;
  Actions       *actions;
  PactaPassword *password;   /* (nullable): the certificate's, once set up or read */
  GError        *error;
} Run;

static int
run_fail (Run *run)
{
  return fail (run->error);
}

/* The company first: what follows (the invoices' letterhead, the
 * VERI*FACTU issuer's NIF) is taken from it */
static int
step_company (Run *run)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (run->actions->company);
  guint changed = 0;

  if (!pacta_context_update_company_from_file (run->context, file, &changed, &run->error))
    return run_fail (run);
  g_print ("%s\n", changed == 0 ? _("No company details in the file; nothing changed")
                                : _("Company details saved; new invoices will show them"));
  return EXIT_SUCCESS;
}

static int
step_environment (Run *run)
{
  g_autoptr(PactaVerifactuSettings) settings = pacta_context_load_verifactu_settings (run->context, &run->error);

  if (settings == NULL)
    return run_fail (run);
  g_free (settings->environment);
  settings->environment = g_strdup (run->actions->environment);
  if (!pacta_context_save_verifactu_settings (run->context, settings, &run->error))
    return run_fail (run);
  g_print ("%s\n", g_strcmp0 (run->actions->environment, PACTA_VERIFACTU_TEST) == 0
                   ? _("Invoice records go to the tax agency’s test environment")
                   : _("Invoice records go to the tax agency’s production environment"));
  return EXIT_SUCCESS;
}

/* Set up early: a certificate that can't be used stops everything else */
static int
step_certificate (Run *run)
{
  return install_certificate (run->context, run->actions, &run->password);
}

static int
step_platform (Run *run)
{
  const char *tenants_path = run->actions->tenants;
  const char *usages_path = run->actions->usages;
  g_autoptr(PactaImportReport) report = NULL;
  g_autoptr(GFile) tenants = tenants_path ? g_file_new_for_commandline_arg (tenants_path) : NULL;
  g_autoptr(GFile) usages = usages_path ? g_file_new_for_commandline_arg (usages_path) : NULL;
  g_autofree char *text = NULL;

  if (!(report = pacta_context_import_platform (run->context, tenants, usages, NULL, NULL, NULL, &run->error)))
    return run_fail (run);
  text = pacta_import_report_describe (report);
  g_print ("%s\n", text);
  return EXIT_SUCCESS;
}

static int
step_catalog (Run *run)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (run->actions->catalog);
  PactaCatalogImportReport report;
  g_autofree char *text = NULL;

  if (!pacta_context_import_catalog (run->context, file, NULL, &report, &run->error))
    return run_fail (run);
  text = pacta_catalog_import_report_describe (&report);
  g_print ("%s\n", text);
  return EXIT_SUCCESS;
}

static int
step_billing_info (Run *run)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (run->actions->billing);
  PactaBillingImportReport report;
  g_autofree char *text = NULL;

  if (!pacta_context_import_billing_info (run->context, file, NULL, &report, &run->error))
    return run_fail (run);
  text = pacta_billing_import_report_describe (&report);
  g_print ("%s\n", text);
  return EXIT_SUCCESS;
}

static int
step_missing_contracts (Run *run)
{
  return create_missing_contracts (run->context, run->actions->missing_contracts_from);
}

/* The customers changed: the window's next start finds their order made */
static int
step_customer_order (Run *run)
{
  save_customer_order (run->context);
  return EXIT_SUCCESS;
}

static int
step_numbering (Run *run)
{
  g_autoptr(PactaNumbering) numbering = NULL;
  g_autofree char *today = pacta_date_today ();
  g_auto(GStrv) preview = NULL;

  if (!pacta_context_confirm_numbering (run->context, run->actions->numbering_pattern, run->actions->numbering_next,
                                        NULL, &run->error) ||
      !(numbering = pacta_context_load_numbering (run->context, "invoice", &run->error)))
    return run_fail (run);
  preview = pacta_numbering_preview (numbering, today, 1);
  /* Translators: %s is the next invoice number, e.g. INV-2026-0318 */
  g_print (_("Invoice numbering confirmed; the next invoice will be %s\n"), preview[0]);
  return EXIT_SUCCESS;
}

static int
step_billing_run (Run *run)
{
  const char *month = run->actions->billing_run;
  PactaBillingFlags flags = run->actions->provisional_usage ? PACTA_BILLING_PROVISIONAL_USAGE
                                                             : PACTA_BILLING_FLAGS_NONE;
  g_autoptr(PactaBillingPlan) plan = NULL;
  g_autofree char *text = NULL;
  g_autofree char *usage = NULL;
  g_auto(GStrv) numbers = NULL;

  if (run->actions->dry_run)
    {
      if (!(plan = pacta_context_plan_billing (run->context, month, &run->error)))
        return run_fail (run);
      text = pacta_billing_plan_describe (plan);
      g_print ("%s", text);
      /* Closed or provisional: what the usage-following parts bill */
      if ((usage = pacta_billing_plan_describe_usage (plan)) != NULL)
        g_print ("%s\n", usage);
      return EXIT_SUCCESS;
    }

  /* Checked (provisional usage only when asked for), then a copy of the
   * database before the run, should anything go wrong later, then the run
   * itself */
  if (!(numbers = pacta_context_run_billing (run->context, month, flags, NULL, NULL, NULL, &run->error)))
    return run_fail (run);
  if (g_strv_length (numbers) > 0)
    text = pacta_billing_describe_numbers (numbers);
  else if ((plan = pacta_context_plan_billing (run->context, month, &run->error)))
    text = g_strdup (plan->empty_reason);
  else
    return run_fail (run);
  g_print ("%s\n", text);
  return EXIT_SUCCESS;
}

static int
step_export_invoices (Run *run)
{
  g_autoptr(GFile) directory = g_file_new_for_commandline_arg (run->actions->export_invoices);
  g_autofree char *today = pacta_date_today ();
  g_autofree char *folder = NULL;
  g_auto(GStrv) written = NULL;
  guint n = 0;

  if (!pacta_context_export_accounting (run->context, directory, today, pacta_invoice_pdf_export, NULL, NULL, &n,
                                        &written, &run->error))
    return run_fail (run);
  if (n == 0)
    {
      g_print ("%s\n", _("No invoices to export: every invoice has been exported already"));
      return EXIT_SUCCESS;
    }
  folder = g_file_get_parse_name (directory);
  /* Translators: how many invoices, and the folder they went to */
  g_print (ngettext ("%u invoice exported to %s:\n", "%u invoices exported to %s:\n", n), n, folder);
  for (guint i = 0; written[i] != NULL; i++)
    g_print ("  %s\n", written[i]);
  return EXIT_SUCCESS;
}

static int
step_verify_records (Run *run)
{
  g_autoptr(PactaVerifactuCheck) check = pacta_context_verify_records (run->context, NULL, &run->error);
  g_autofree char *text = NULL;

  if (check == NULL)
    return run_fail (run);
  text = pacta_verifactu_check_describe (check);
  if (!check->intact)
    {
      g_printerr ("pacta: %s\n", text);
      return EXIT_FAILURE;
    }
  g_print ("%s\n", text);
  return EXIT_SUCCESS;
}

static int
step_export_records (Run *run)
{
  g_auto(GStrv) written = NULL;
  guint n;

  if (!pacta_context_export_records (run->context, run->actions->export_records, &written, &run->error))
    return run_fail (run);
  n = g_strv_length (written);
  if (n == 0)
    {
      g_print ("%s\n", _("No invoice records to export"));
      return EXIT_SUCCESS;
    }
  /* Translators: how many files were written, then one path a line */
  g_print (ngettext ("%u file written:\n", "%u files written:\n", n), n);
  for (guint i = 0; written[i] != NULL; i++)
    g_print ("  %s\n", written[i]);
  return EXIT_SUCCESS;
}

static int
step_correct_record (Run *run)
{
  gint64 invoice = pacta_context_find_invoice (run->context, run->actions->correct_record, &run->error);

  if (invoice <= 0 || !pacta_context_record_correction (run->context, invoice, &run->error))
    return run_fail (run);
  /* Translators: %s is an invoice number */
  g_print (_("Correcting record of %s made; it goes to the tax agency with the next records\n"),
           run->actions->correct_record);
  return EXIT_SUCCESS;
}

static int
step_send_records (Run *run)
{
  return send_records (run->context, run->actions, run->password);
}

static int
step_summary (Run *run)
{
  g_autofree char *json = pacta_context_summarize (run->context, &run->error);

  if (json == NULL)
    return run_fail (run);
  g_print ("%s\n", json);
  return EXIT_SUCCESS;
}

static int
step_disconnect (Run *run)
{
  return pacta_cli_disconnect (run->context);
}

static int
step_connect (Run *run)
{
  g_autoptr(PactaPassword) secret = NULL;

  if (!(secret = read_secret (run->actions->password_file, _("API client secret:"),
                              _("The API client’s secret is needed: give --password-file FILE, or run on a terminal"),
                              &run->error)))
    return run_fail (run);
  return pacta_cli_connect (run->context, run->actions->connect, run->actions->client_id, secret);
}

static int
step_sync (Run *run)
{
  return pacta_cli_sync (run->context);
}

static int
step_close_usage (Run *run)
{
  return pacta_cli_close_usage (run->context, run->actions->close_usage);
}

static int
step_forget_mail_account (Run *run)
{
  return pacta_cli_forget_mail_account (run->context);
}

static int
step_mail_account (Run *run)
{
  g_autoptr(PactaPassword) password = NULL;

  if (!(password = read_secret (run->actions->password_file, _("Mail password:"),
                                _("The mail password is needed: give --password-file FILE, or run on a terminal"),
                                &run->error)))
    return run_fail (run);
  return pacta_cli_mail_account (run->context, run->actions->mail_account, password);
}

static int
step_fetch_mail (Run *run)
{
  return pacta_cli_fetch_mail (run->context);
}

static int
step_send_invoices (Run *run)
{
  return pacta_cli_send_invoices (run->context);
}

static gboolean want_company (Actions *a) { return a->company != NULL; }
static gboolean want_forget_mail_account (Actions *a) { return a->forget_mail_account; }
static gboolean want_mail_account (Actions *a) { return a->mail_account != NULL; }
static gboolean want_fetch_mail (Actions *a) { return a->fetch_mail; }
static gboolean want_send_invoices (Actions *a) { return a->send_invoices; }
static gboolean want_disconnect (Actions *a) { return a->disconnect; }
static gboolean want_connect (Actions *a) { return a->connect != NULL; }
static gboolean want_sync (Actions *a) { return a->sync; }
static gboolean want_close_usage (Actions *a) { return a->close_usage != NULL; }
static gboolean want_environment (Actions *a) { return a->environment != NULL; }
static gboolean want_certificate (Actions *a) { return a->certificate != NULL; }
static gboolean want_platform (Actions *a) { return a->tenants != NULL || a->usages != NULL; }
static gboolean want_catalog (Actions *a) { return a->catalog != NULL; }
static gboolean want_billing_info (Actions *a) { return a->billing != NULL; }
static gboolean want_missing_contracts (Actions *a) { return a->missing_contracts_from != NULL; }
static gboolean want_customer_order (Actions *a) { return want_sync (a) || want_platform (a) || want_billing_info (a) || want_missing_contracts (a); }
static gboolean want_numbering (Actions *a) { return a->confirm_numbering; }
static gboolean want_billing_run (Actions *a) { return a->billing_run != NULL; }
static gboolean want_export_invoices (Actions *a) { return a->export_invoices != NULL; }
static gboolean want_verify_records (Actions *a) { return a->verify_records; }
static gboolean want_export_records (Actions *a) { return a->export_records != NULL; }
static gboolean want_correct_record (Actions *a) { return a->correct_record != NULL; }
static gboolean want_send_records (Actions *a) { return a->send_records; }
static gboolean want_summary (Actions *a) { return a->summary; }

/* The order of the README's Command line table; each step is all or
 * nothing, and the first that fails stops the rest */
static const struct
{
  gboolean (*wanted) (Actions *actions);
  int      (*run)    (Run     *run);
} steps[] = {
  { want_company, step_company },
  { want_environment, step_environment },
  { want_certificate, step_certificate },
  { want_disconnect, step_disconnect },
  { want_connect, step_connect },
  { want_forget_mail_account, step_forget_mail_account },
  { want_mail_account, step_mail_account },
  { want_fetch_mail, step_fetch_mail },
  { want_sync, step_sync },
  { want_platform, step_platform },
  { want_catalog, step_catalog },
  { want_billing_info, step_billing_info },
  { want_missing_contracts, step_missing_contracts },
  { want_customer_order, step_customer_order },
  { want_close_usage, step_close_usage },
  { want_numbering, step_numbering },
  { want_billing_run, step_billing_run },
  { want_export_invoices, step_export_invoices },
  { want_send_invoices, step_send_invoices },
  { want_verify_records, step_verify_records },
  { want_export_records, step_export_records },
  { want_correct_record, step_correct_record },
  { want_send_records, step_send_records },
  { want_summary, step_summary },
};

/* Options that only go with another, and values, refused before anything
 * runs; NULL when all is well */
static const char *
check_options (Actions *actions)
{
  if (actions->numbering_next_text != NULL &&
      !g_ascii_string_to_signed (actions->numbering_next_text, 10, 1, G_MAXINT64, &actions->numbering_next, NULL))
    return _("--numbering-next must be a whole number, 1 or more");
  if (actions->password_file != NULL && actions->certificate == NULL && !actions->send_records &&
      actions->connect == NULL && actions->mail_account == NULL)
    return _("--password-file goes with --connect, --mail-account, --verifactu-certificate or --send-records");
  if (actions->mail_account != NULL && actions->forget_mail_account)
    return _("--mail-account and --forget-mail-account can’t go together");
  if ((actions->connect == NULL) != (actions->client_id == NULL))
    return _("--connect and --client-id go together");
  if (!actions->confirm_numbering && (actions->numbering_pattern != NULL || actions->numbering_next_text != NULL))
    return _("--numbering-pattern and --numbering-next go with --confirm-numbering");
  if (actions->dry_run && actions->billing_run == NULL)
    return _("--dry-run goes with --billing-run");
  if (actions->provisional_usage && actions->billing_run == NULL)
    return _("--provisional-usage goes with --billing-run");
  return NULL;
}

static int
run_actions (PactaApplication *self,
             Actions          *actions)
{
  Run run = { NULL, actions, NULL, NULL };
  const char *problem = check_options (actions);
  int status = EXIT_SUCCESS;

  if (problem != NULL)
    {
      g_printerr ("pacta: %s\n", problem);
      return EXIT_FAILURE;
    }
  if (!(run.context = open_context (self, &run.error)))
    {
      status = run_fail (&run);
      g_clear_error (&run.error);
      return status;
    }

  for (guint i = 0; i < G_N_ELEMENTS (steps) && status == EXIT_SUCCESS; i++)
    if (steps[i].wanted (actions))
      status = steps[i].run (&run);

  g_clear_error (&run.error);
  g_clear_pointer (&run.password, password_free);
  g_clear_object (&run.context);
  return status;
}

static int
pacta_application_handle_local_options (GApplication *application,
                                        GVariantDict *options)
{
  PactaApplication *self = PACTA_APPLICATION (application);
  g_auto(Actions) actions = { NULL, };

  g_variant_dict_lookup (options, "database", "^ay", &self->database_path);
  g_variant_dict_lookup (options, "demo", "b", &self->demo);
  g_variant_dict_lookup (options, "company", "^ay", &actions.company);
  g_variant_dict_lookup (options, "disconnect", "b", &actions.disconnect);
  g_variant_dict_lookup (options, "connect", "s", &actions.connect);
  g_variant_dict_lookup (options, "client-id", "s", &actions.client_id);
  g_variant_dict_lookup (options, "sync", "b", &actions.sync);
  g_variant_dict_lookup (options, "close-usage", "s", &actions.close_usage);
  g_variant_dict_lookup (options, "import-tenants", "^ay", &actions.tenants);
  g_variant_dict_lookup (options, "import-usages", "^ay", &actions.usages);
  g_variant_dict_lookup (options, "import-catalog", "^ay", &actions.catalog);
  g_variant_dict_lookup (options, "import-billing-info", "^ay", &actions.billing);
  g_variant_dict_lookup (options, "create-missing-contracts", "s", &actions.missing_contracts_from);
  g_variant_dict_lookup (options, "confirm-numbering", "b", &actions.confirm_numbering);
  g_variant_dict_lookup (options, "numbering-pattern", "s", &actions.numbering_pattern);
  g_variant_dict_lookup (options, "numbering-next", "s", &actions.numbering_next_text);
  g_variant_dict_lookup (options, "billing-run", "s", &actions.billing_run);
  g_variant_dict_lookup (options, "dry-run", "b", &actions.dry_run);
  g_variant_dict_lookup (options, "provisional-usage", "b", &actions.provisional_usage);
  g_variant_dict_lookup (options, "export-invoices", "^ay", &actions.export_invoices);
  g_variant_dict_lookup (options, "verify-records", "b", &actions.verify_records);
  g_variant_dict_lookup (options, "export-records", "^ay", &actions.export_records);
  g_variant_dict_lookup (options, "send-records", "b", &actions.send_records);
  g_variant_dict_lookup (options, "verifactu-environment", "s", &actions.environment);
  g_variant_dict_lookup (options, "correct-record", "s", &actions.correct_record);
  g_variant_dict_lookup (options, "verifactu-certificate", "^ay", &actions.certificate);
  g_variant_dict_lookup (options, "password-file", "^ay", &actions.password_file);
  g_variant_dict_lookup (options, "mail-account", "^ay", &actions.mail_account);
  g_variant_dict_lookup (options, "forget-mail-account", "b", &actions.forget_mail_account);
  g_variant_dict_lookup (options, "fetch-mail", "b", &actions.fetch_mail);
  g_variant_dict_lookup (options, "send-invoices", "b", &actions.send_invoices);
  g_variant_dict_lookup (options, "summary", "b", &actions.summary);

  if (actions.company != NULL || actions.tenants != NULL || actions.usages != NULL || actions.catalog != NULL ||
      actions.billing != NULL || actions.missing_contracts_from != NULL || actions.confirm_numbering ||
      actions.numbering_pattern != NULL || actions.numbering_next_text != NULL || actions.billing_run != NULL ||
      actions.dry_run || actions.export_invoices != NULL || actions.verify_records || actions.export_records != NULL ||
      actions.send_records || actions.certificate != NULL || actions.password_file != NULL || actions.summary ||
      actions.environment != NULL || actions.correct_record != NULL || actions.provisional_usage ||
      actions.disconnect || actions.connect != NULL || actions.client_id != NULL || actions.sync ||
      actions.close_usage != NULL || actions.mail_account != NULL || actions.forget_mail_account ||
      actions.fetch_mail || actions.send_invoices)
    return run_actions (self, &actions);

  /* No action: carry on and open the window */
  return -1;
}

static void
pacta_application_activate (GApplication *application)
{
  PactaApplication *self = PACTA_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
  g_autoptr(PactaContext) context = NULL;
  g_autoptr(GError) error = NULL;

  if (window == NULL)
    {
      context = open_context (self, &error);
      window = GTK_WINDOW (pacta_window_new (ADW_APPLICATION (self), context));
      if (context == NULL)
        pacta_window_show_error (PACTA_WINDOW (window), _("The Database Could Not Be Opened"), error->message);
    }

  gtk_window_present (window);
}

static void
pacta_application_startup (GApplication *application)
{
  G_APPLICATION_CLASS (pacta_application_parent_class)->startup (application);

  _pacta_application_add_actions (PACTA_APPLICATION (application));
}

static void
pacta_application_finalize (GObject *object)
{
  PactaApplication *self = (PactaApplication *)object;

  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (pacta_application_parent_class)->finalize (object);
}

static void
pacta_application_class_init (PactaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = pacta_application_finalize;
  app_class->handle_local_options = pacta_application_handle_local_options;
  app_class->activate = pacta_application_activate;
  app_class->startup = pacta_application_startup;
}

static void
pacta_application_init (PactaApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Bill the customers of a managed service provider."));
}

PactaApplication *
pacta_application_new (void)
{
  /* A second `pacta --database …` must open that file, not the first instance's */
  return g_object_new (PACTA_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/pacta/Pacta",
                       NULL);
}
