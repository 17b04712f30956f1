/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-context.h: one open database and the stores that read it */
#pragma once

#include "pacta-billing-info.h"
#include "pacta-billing-run.h"
#include "pacta-catalog-item.h"
#include "pacta-clock.h"
#include "pacta-contract-store.h"
#include "pacta-helpdesk.h"
#include "pacta-invoice.h"
#include "pacta-invoice-document.h"
#include "pacta-invoice-export.h"
#include "pacta-import.h"
#include "pacta-job.h"
#include "pacta-mail.h"
#include "pacta-billing-import.h"
#include "pacta-catalog.h"
#include "pacta-numbering.h"
#include "pacta-platform.h"
#include "pacta-sales-item-store.h"
#include "pacta-customer-store.h"
#include "pacta-database.h"
#include "pacta-verifactu.h"
#include "pacta-verifactu-certificate.h"
#include "pacta-verifactu-status.h"
#include "pacta-verifactu-sender.h"

G_BEGIN_DECLS

#define PACTA_TYPE_CONTEXT (pacta_context_get_type ())

G_DECLARE_FINAL_TYPE (PactaContext, pacta_context, PACTA, CONTEXT, GObject)

PactaContext       *pacta_context_new          (PactaDatabase  *database,
                                                gboolean        is_demo,
                                                GError        **error);
PactaContext       *pacta_context_open_demo    (const char     *path,
                                                GError        **error);
PactaDatabase      *pacta_context_get_database (PactaContext   *self);
PactaClock         *pacta_context_get_clock    (PactaContext   *self);
PactaCustomerStore *pacta_context_get_customers (PactaContext  *self);
PactaContractStore *pacta_context_get_contracts (PactaContext  *self);
PactaSalesItemStore *pacta_context_get_sales_items (PactaContext *self);
PactaTicketStore   *pacta_context_get_tickets   (PactaContext  *self);
PactaInvoiceStore  *pacta_context_get_invoices (PactaContext  *self);
gboolean            pacta_context_approve_time  (PactaContext  *self,
                                                 GArray        *entry_ids,
                                                 GError       **error);
gint64              pacta_context_create_sales_item (PactaContext    *self,
                                                     PactaSalesItem  *item,
                                                     GListModel      *lines,
                                                     GError         **error);
gboolean            pacta_context_update_sales_item (PactaContext    *self,
                                                     PactaSalesItem  *item,
                                                     GListModel      *lines,
                                                     GError         **error);
gboolean            pacta_context_sync          (PactaContext  *self,
                                                 GError       **error);
gint64              pacta_context_create_contract (PactaContext   *self,
                                                   PactaContract  *contract,
                                                   GListModel     *parts,
                                                   GError        **error);
gboolean            pacta_context_update_contract (PactaContext   *self,
                                                   PactaContract  *contract,
                                                   GListModel     *parts,
                                                   GError        **error);
GPtrArray          *pacta_context_create_default_contracts (PactaContext   *self,
                                                            GArray         *customer_ids,
                                                            PactaContract  *prototype,
                                                            guint          *n_created,
                                                            GError        **error);
gboolean            pacta_context_save_catalog_item (PactaContext     *self,
                                                     PactaCatalogItem *item,
                                                     GError          **error);
gboolean            pacta_context_get_is_demo  (PactaContext   *self);
PactaContext       *pacta_context_reopen       (PactaContext   *self,
                                                GError        **error);
const char         *pacta_context_get_currency (PactaContext   *self);
gboolean            pacta_context_save_defaults (PactaContext  *self,
                                                 const char    *currency,
                                                 int            tax_rate,
                                                 GError       **error);
GListModel         *pacta_context_list_services (PactaContext  *self,
                                                 gint64         customer_id,
                                                 GError       **error);
GListModel         *pacta_context_list_contacts (PactaContext  *self,
                                                 gint64         customer_id,
                                                 GError       **error);
GListModel         *pacta_context_list_catalog  (PactaContext  *self,
                                                 GError       **error);
gboolean            pacta_context_save_billing_info (PactaContext     *self,
                                                     PactaBillingInfo *info,
                                                     GError          **error);
gboolean            pacta_context_restore_billing_info (PactaContext     *self,
                                                        gint64            customer_id,
                                                        PactaBillingInfo *previous,
                                                        GError          **error);
gboolean            pacta_context_set_self_managed  (PactaContext     *self,
                                                     gint64            customer_id,
                                                     gboolean          self_managed,
                                                     GError          **error);

/* Reads for the GUI, so it never holds the database itself */
const char         *pacta_context_get_path      (PactaContext  *self);
gint64              pacta_context_count_billing_info (PactaContext  *self,
                                                      GError       **error);
PactaCustomer      *pacta_context_load_customer (PactaContext  *self,
                                                 gint64         customer_id,
                                                 GError       **error);
gboolean            pacta_context_require_billing_info (PactaContext  *self,
                                                        gint64         customer_id,
                                                        GError       **error);
PactaBillingInfo   *pacta_context_load_billing_info (PactaContext  *self,
                                                     gint64         customer_id,
                                                     GError       **error);
PactaBillingInfo   *pacta_context_new_billing_info  (PactaContext  *self,
                                                     gint64         customer_id,
                                                     GError       **error);
gint64              pacta_context_count_missing_contracts (PactaContext  *self,
                                                           GError       **error);
GArray             *pacta_context_list_customers_without_contracts (PactaContext  *self,
                                                                    GError       **error);
GArray             *pacta_context_list_customer_ids (PactaContext  *self,
                                                     GError       **error);
PactaContract      *pacta_context_load_contract (PactaContext  *self,
                                                 gint64         contract_id,
                                                 GListModel   **parts,
                                                 GError       **error);
GListModel         *pacta_context_default_contract_parts (PactaContext  *self,
                                                          gint64         customer_id,
                                                          const char    *start_date,
                                                          GError       **error);
PactaSalesItem     *pacta_context_load_sales_item (PactaContext  *self,
                                                   gint64         sales_item_id,
                                                   GListModel   **lines,
                                                   GError       **error);
GListModel         *pacta_context_list_sales_items_for_customer (PactaContext  *self,
                                                                 gint64         customer_id,
                                                                 GError       **error);
PactaVerifactuSettings *pacta_context_load_verifactu_settings (PactaContext  *self,
                                                               GError       **error);

/* Invoices: a write brings the lists up to date itself */
gboolean            pacta_context_mark_invoice_paid (PactaContext  *self,
                                                     gint64         invoice_id,
                                                     const char    *paid_on,
                                                     GError       **error);
char               *pacta_context_credit_invoice_lines (PactaContext  *self,
                                                        gint64         invoice_id,
                                                        const char    *date,
                                                        GArray        *positions,
                                                        GError       **error);
gboolean            pacta_context_record_correction (PactaContext  *self,
                                                     gint64         invoice_id,
                                                     GError       **error);
PactaAgencyStatus  *pacta_context_invoice_status    (PactaContext  *self,
                                                     gint64         invoice_id,
                                                     GError       **error);
PactaInvoiceDocument *pacta_context_load_invoice_document (PactaContext  *self,
                                                           gint64         invoice_id,
                                                           GError       **error);
gboolean            pacta_context_render_invoice    (PactaContext           *self,
                                                     gint64                  invoice_id,
                                                     GFile                  *file,
                                                     PactaInvoiceRenderFunc  render,
                                                     gpointer                user_data,
                                                     GError                **error);

/* The billing run's plan and the numbering it needs confirmed */
PactaBillingPlan   *pacta_context_plan_billing      (PactaContext  *self,
                                                     const char    *month,
                                                     GError       **error);
PactaNumbering     *pacta_context_load_numbering    (PactaContext  *self,
                                                     const char    *kind,
                                                     GError       **error);
gboolean            pacta_context_save_numbering    (PactaContext   *self,
                                                     PactaNumbering *numbering,
                                                     GError        **error);

/* The company's own details, as invoices carry them */
PactaBillingInfo   *pacta_context_load_company      (PactaContext  *self,
                                                     char         **iban,
                                                     GError       **error);
gboolean            pacta_context_save_company      (PactaContext     *self,
                                                     PactaBillingInfo *details,
                                                     const char       *iban,
                                                     GError          **error);
gboolean            pacta_context_confirm_numbering (PactaContext  *self,
                                                     const char    *pattern,
                                                     gint64         next,
                                                     const char    *reset,
                                                     GError       **error);

/* Helpdesk: tickets, their conversation and time */
PactaTicket        *pacta_context_load_ticket       (PactaContext  *self,
                                                     gint64         ticket_id,
                                                     GError       **error);
GListModel         *pacta_context_list_ticket_updates (PactaContext  *self,
                                                       gint64         ticket_id,
                                                       GError       **error);
GListModel         *pacta_context_list_time_entries (PactaContext  *self,
                                                     gint64         ticket_id,
                                                     GError       **error);
gboolean            pacta_context_change_ticket_status (PactaContext  *self,
                                                        gint64         ticket_id,
                                                        const char    *status,
                                                        GError       **error);
gboolean            pacta_context_add_ticket_update (PactaContext  *self,
                                                     gint64         ticket_id,
                                                     const char    *kind,
                                                     const char    *author,
                                                     const char    *body,
                                                     GError       **error);
gint64              pacta_context_create_ticket     (PactaContext    *self,
                                                     PactaTicket     *ticket,
                                                     const char      *message,
                                                     GError         **error);
char              **pacta_context_list_staff        (PactaContext    *self,
                                                     GError         **error);
gint64              pacta_context_add_time_entry    (PactaContext    *self,
                                                     PactaTimeEntry  *entry,
                                                     GError         **error);
gboolean            pacta_context_reject_time_entry (PactaContext  *self,
                                                     gint64         entry_id,
                                                     GError       **error);

/* Settings and small jobs (pacta-context-settings.c): the preferences' and
 * the command line's, so that neither holds the database */

PactaContext       *pacta_context_open              (const char    *path,
                                                     GError       **error);
gboolean            pacta_context_save_verifactu_settings (PactaContext            *self,
                                                           PactaVerifactuSettings  *settings,
                                                           GError                 **error);
char               *pacta_context_describe_last_reply (PactaContext  *self);
PactaVerifactuCertificate *pacta_context_load_certificate (PactaContext  *self,
                                                           GError       **error);
gboolean            pacta_context_certificate_is_set_up (PactaContext  *self);
PactaVerifactuCertificate *pacta_context_install_certificate (PactaContext  *self,
                                                              const char    *file,
                                                              const char    *password,
                                                              GError       **keyring_error,
                                                              GCancellable  *cancellable,
                                                              GError       **error);
void                pacta_context_install_certificate_async (PactaContext        *self,
                                                             const char          *file,
                                                             const char          *password,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
PactaVerifactuCertificate *pacta_context_install_certificate_finish (PactaContext  *self,
                                                                     GAsyncResult  *result,
                                                                     GError       **keyring_error,
                                                                     GError       **error);
void                pacta_context_remove_certificate_async (PactaContext        *self,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean            pacta_context_remove_certificate_finish (PactaContext  *self,
                                                             GAsyncResult  *result,
                                                             GError       **error);
PactaVerifactuConnection *pacta_context_connect_sender (PactaContext  *self,
                                                        const char    *password,
                                                        GCancellable  *cancellable,
                                                        GError       **error);
gint64              pacta_context_get_last_send_result (PactaContext  *self);
char               *pacta_context_describe_send_results (PactaContext  *self,
                                                         gint64         after_result,
                                                         guint         *n_rejected,
                                                         GError       **error);
gboolean            pacta_context_send_records_with_connection (PactaContext              *self,
                                                                PactaVerifactuConnection  *connection,
                                                                PactaVerifactuSendReport  *report,
                                                                GCancellable              *cancellable,
                                                                GError                   **error);
gboolean            pacta_context_update_company_from_file (PactaContext  *self,
                                                            GFile         *file,
                                                            guint         *changed,
                                                            GError       **error);
gboolean            pacta_context_export_records    (PactaContext  *self,
                                                     const char    *directory,
                                                     GStrv         *written,
                                                     GError       **error);
gint64              pacta_context_find_invoice      (PactaContext  *self,
                                                     const char    *number,
                                                     GError       **error);
char               *pacta_context_summarize         (PactaContext  *self,
                                                     GError       **error);
gboolean            pacta_context_add_staff         (PactaContext  *self,
                                                     const char    *name,
                                                     GError       **error);
GPtrArray          *pacta_context_list_backups      (PactaContext  *self);
gint64              pacta_context_count_invoices    (PactaContext  *self,
                                                     GError       **error);
int                 pacta_context_get_default_tax_rate (PactaContext  *self);

/* Long work (pacta-context-jobs.c): _async/_finish for the GUI, cancellable,
 * on a worker connection; the plain name runs it in place (the command line).
 * Either way the lists are brought up to date once it has written. */
void                pacta_context_import_platform_async (PactaContext        *self,
                                                         GFile               *tenants,
                                                         GFile               *usages,
                                                         PactaProgressFunc    progress,
                                                         gpointer             progress_data,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
PactaImportReport  *pacta_context_import_platform_finish (PactaContext  *self,
                                                          GAsyncResult  *result,
                                                          GError       **error);
PactaImportReport  *pacta_context_import_platform   (PactaContext       *self,
                                                     GFile              *tenants,
                                                     GFile              *usages,
                                                     PactaProgressFunc   progress,
                                                     gpointer            progress_data,
                                                     GCancellable       *cancellable,
                                                     GError            **error);
void                pacta_context_import_billing_info_async (PactaContext        *self,
                                                             GFile               *file,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean            pacta_context_import_billing_info_finish (PactaContext              *self,
                                                              GAsyncResult              *result,
                                                              PactaBillingImportReport  *report,
                                                              GError                   **error);
gboolean            pacta_context_import_billing_info (PactaContext              *self,
                                                       GFile                     *file,
                                                       GCancellable              *cancellable,
                                                       PactaBillingImportReport  *report,
                                                       GError                   **error);
void                pacta_context_import_catalog_async (PactaContext        *self,
                                                        GFile               *file,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean            pacta_context_import_catalog_finish (PactaContext              *self,
                                                         GAsyncResult              *result,
                                                         PactaCatalogImportReport  *report,
                                                         GError                   **error);
gboolean            pacta_context_import_catalog    (PactaContext              *self,
                                                     GFile                     *file,
                                                     GCancellable              *cancellable,
                                                     PactaCatalogImportReport  *report,
                                                     GError                   **error);
void                pacta_context_plan_billing_async (PactaContext        *self,
                                                      const char          *month,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
PactaBillingPlan   *pacta_context_plan_billing_finish (PactaContext  *self,
                                                       GAsyncResult  *result,
                                                       GError       **error);
void                pacta_context_run_billing_async (PactaContext        *self,
                                                     const char          *month,
                                                     PactaBillingFlags    flags,
                                                     PactaProgressFunc    progress,
                                                     gpointer             progress_data,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GStrv               pacta_context_run_billing_finish (PactaContext  *self,
                                                      GAsyncResult  *result,
                                                      GError       **error);
GStrv               pacta_context_run_billing       (PactaContext       *self,
                                                     const char         *month,
                                                     PactaBillingFlags   flags,
                                                     PactaProgressFunc   progress,
                                                     gpointer            progress_data,
                                                     GCancellable       *cancellable,
                                                     GError            **error);
void                pacta_context_export_accounting_async (PactaContext           *self,
                                                           GFile                  *directory,
                                                           const char             *today,
                                                           PactaInvoiceRenderFunc  render,
                                                           gpointer                render_data,
                                                           GCancellable           *cancellable,
                                                           GAsyncReadyCallback     callback,
                                                           gpointer                user_data);
gboolean            pacta_context_export_accounting_finish (PactaContext  *self,
                                                            GAsyncResult  *result,
                                                            guint         *n_exported,
                                                            GStrv         *written,
                                                            GError       **error);
gboolean            pacta_context_export_accounting (PactaContext           *self,
                                                     GFile                  *directory,
                                                     const char             *today,
                                                     PactaInvoiceRenderFunc  render,
                                                     gpointer                render_data,
                                                     GCancellable           *cancellable,
                                                     guint                  *n_exported,
                                                     GStrv                  *written,
                                                     GError                **error);
void                pacta_context_create_backup_async (PactaContext        *self,
                                                       const char          *reason,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
char               *pacta_context_create_backup_finish (PactaContext  *self,
                                                        GAsyncResult  *result,
                                                        GError       **error);
void                pacta_context_restore_backup_async (PactaContext        *self,
                                                        const char          *path,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean            pacta_context_restore_backup_finish (PactaContext  *self,
                                                         GAsyncResult  *result,
                                                         GError       **error);
void                pacta_context_verify_records_async (PactaContext        *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
PactaVerifactuCheck *pacta_context_verify_records_finish (PactaContext  *self,
                                                          GAsyncResult  *result,
                                                          GError       **error);
PactaVerifactuCheck *pacta_context_verify_records   (PactaContext  *self,
                                                     GCancellable  *cancellable,
                                                     GError       **error);
void                pacta_context_send_records_async (PactaContext              *self,
                                                      PactaVerifactuConnection  *connection,
                                                      GCancellable              *cancellable,
                                                      GAsyncReadyCallback        callback,
                                                      gpointer                   user_data);
gboolean            pacta_context_send_records_finish (PactaContext              *self,
                                                       GAsyncResult              *result,
                                                       PactaVerifactuSendReport  *report,
                                                       GError                   **error);

/* The cloud platform (pacta-context-platform.c). The secret is kept by the
 * context's PactaSecrets (the keyring unless a test sets another); the
 * context emits "platform-changed" once a connection, a sync or a closed
 * month has changed something. */
void                pacta_context_set_secrets       (PactaContext  *self,
                                                     PactaSecrets  *secrets);
PactaSecrets       *pacta_context_get_secrets       (PactaContext  *self);
gboolean            pacta_context_get_platform_connected (PactaContext *self);
/* (transfer full) (nullable): %NULL when not connected */
PactaPlatformAccount *pacta_context_get_platform_account (PactaContext  *self);
void                pacta_context_connect_platform_async (PactaContext        *self,
                                                          const char          *url,
                                                          const char          *client_id,
                                                          const char          *secret,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
PactaPlatformAccount *pacta_context_connect_platform_finish (PactaContext  *self,
                                                             GAsyncResult  *result,
                                                             GError       **error);
PactaPlatformAccount *pacta_context_connect_platform (PactaContext  *self,
                                                      const char    *url,
                                                      const char    *client_id,
                                                      const char    *secret,
                                                      GCancellable  *cancellable,
                                                      GError       **error);
void                pacta_context_disconnect_platform_async (PactaContext        *self,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean            pacta_context_disconnect_platform_finish (PactaContext  *self,
                                                              GAsyncResult  *result,
                                                              GError       **error);
gboolean            pacta_context_disconnect_platform (PactaContext  *self,
                                                       GCancellable  *cancellable,
                                                       GError       **error);
/* Customers and/or current usage; the report is the file import's */
void                pacta_context_sync_platform_async (PactaContext        *self,
                                                       gboolean             customers,
                                                       gboolean             usage,
                                                       PactaProgressFunc    progress,
                                                       gpointer             progress_data,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
PactaImportReport  *pacta_context_sync_platform_finish (PactaContext  *self,
                                                        GAsyncResult  *result,
                                                        GError       **error);
PactaImportReport  *pacta_context_sync_platform (PactaContext       *self,
                                                 gboolean            customers,
                                                 gboolean            usage,
                                                 PactaProgressFunc   progress,
                                                 gpointer            progress_data,
                                                 GCancellable       *cancellable,
                                                 GError            **error);
void                pacta_context_close_usage_month_async (PactaContext        *self,
                                                           const char          *month,
                                                           PactaProgressFunc    progress,
                                                           gpointer             progress_data,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
PactaUsageCloseReport *pacta_context_close_usage_month_finish (PactaContext  *self,
                                                               GAsyncResult  *result,
                                                               GError       **error);
PactaUsageCloseReport *pacta_context_close_usage_month (PactaContext       *self,
                                                        const char         *month,
                                                        PactaProgressFunc   progress,
                                                        gpointer            progress_data,
                                                        GCancellable       *cancellable,
                                                        GError            **error);
/* When @month's usage was closed (ISO 8601 UTC); %NULL with no error when it is not */
char               *pacta_context_get_usage_month_closed_at (PactaContext  *self,
                                                             const char    *month,
                                                             GError       **error);
/* The closed months, newest first (YYYY-MM) */
GStrv               pacta_context_list_usage_months (PactaContext  *self,
                                                     GError       **error);

/* The MSP's mailbox (pacta-context-mail.c). The password is kept by the
 * context's PactaSecrets; invoices are drawn by the renderer the window or
 * the command line sets. The context emits "mail-changed" once the account,
 * the outbox or the mail read changed. */
void                pacta_context_set_invoice_renderer (PactaContext           *self,
                                                        PactaInvoiceRenderFunc  render,
                                                        gpointer                user_data);
/* (transfer full) (nullable): %NULL when no account is set */
PactaMailAccount   *pacta_context_get_mail_account  (PactaContext  *self);
void                pacta_context_save_mail_account_async (PactaContext           *self,
                                                           const PactaMailAccount *account,
                                                           const char             *password,
                                                           GCancellable           *cancellable,
                                                           GAsyncReadyCallback     callback,
                                                           gpointer                user_data);
gboolean            pacta_context_save_mail_account_finish (PactaContext  *self,
                                                            GAsyncResult  *result,
                                                            GError       **error);
gboolean            pacta_context_save_mail_account (PactaContext           *self,
                                                     const PactaMailAccount *account,
                                                     const char             *password,
                                                     GCancellable           *cancellable,
                                                     GError                **error);
void                pacta_context_forget_mail_account_async (PactaContext        *self,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
gboolean            pacta_context_forget_mail_account_finish (PactaContext  *self,
                                                              GAsyncResult  *result,
                                                              GError       **error);
gboolean            pacta_context_forget_mail_account (PactaContext  *self,
                                                       GCancellable  *cancellable,
                                                       GError       **error);
/* Sends what the outbox holds */
void                pacta_context_send_mail_async   (PactaContext        *self,
                                                     PactaProgressFunc    progress,
                                                     gpointer             progress_data,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean            pacta_context_send_mail_finish  (PactaContext         *self,
                                                     GAsyncResult         *result,
                                                     PactaMailSendReport  *report,
                                                     GError              **error);
gboolean            pacta_context_send_mail         (PactaContext         *self,
                                                     PactaProgressFunc     progress,
                                                     gpointer              progress_data,
                                                     PactaMailSendReport  *report,
                                                     GCancellable         *cancellable,
                                                     GError              **error);
/* Reads new mail into tickets */
void                pacta_context_fetch_mail_async  (PactaContext        *self,
                                                     PactaProgressFunc    progress,
                                                     gpointer             progress_data,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean            pacta_context_fetch_mail_finish (PactaContext          *self,
                                                     GAsyncResult          *result,
                                                     PactaMailFetchReport  *report,
                                                     GError               **error);
gboolean            pacta_context_fetch_mail        (PactaContext          *self,
                                                     PactaProgressFunc      progress,
                                                     gpointer               progress_data,
                                                     PactaMailFetchReport  *report,
                                                     GCancellable          *cancellable,
                                                     GError               **error);
/* Quick writes, in place */
gboolean            pacta_context_queue_invoice_mail (PactaContext          *self,
                                                      GArray                *invoice_ids,
                                                      PactaMailQueueReport  *report,
                                                      GError               **error);
gboolean            pacta_context_resend_invoice_mail (PactaContext  *self,
                                                       gint64         invoice_id,
                                                       GError       **error);
PactaInvoiceMailing *pacta_context_invoice_mailing  (PactaContext  *self,
                                                     gint64         invoice_id,
                                                     GError       **error);
PactaInvoiceMailing *pacta_context_reply_mailing    (PactaContext  *self,
                                                     gint64         ticket_update_id,
                                                     GError       **error);
/* (nullable): where the ticket's replies are mailed; %NULL: nowhere */
char               *pacta_context_ticket_recipient  (PactaContext  *self,
                                                     gint64         ticket_id);
gint64              pacta_context_reply_to_ticket   (PactaContext  *self,
                                                     gint64         ticket_id,
                                                     const char    *author,
                                                     const char    *body,
                                                     GError       **error);
GPtrArray          *pacta_context_list_unassigned_mail (PactaContext  *self,
                                                        GError       **error);
guint               pacta_context_count_unassigned_mail (PactaContext *self);
gint64              pacta_context_assign_mail       (PactaContext  *self,
                                                     gint64         inbox_id,
                                                     gint64         customer_id,
                                                     gboolean       remember_domain,
                                                     GError       **error);
gboolean            pacta_context_dismiss_mail      (PactaContext  *self,
                                                     gint64         inbox_id,
                                                     GError       **error);
GPtrArray          *pacta_context_list_mail_attachments (PactaContext  *self,
                                                         gint64         ticket_update_id,
                                                         GError       **error);
/* How many messages wait in the outbox, and how many are unknown or failed */
void                pacta_context_count_outbox      (PactaContext  *self,
                                                     guint         *queued,
                                                     guint         *troubled);

G_END_DECLS
