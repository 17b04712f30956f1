/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-window.c: the preferences window — its pages (catalog, helpdesk, invoicing,
 * cloud platform, mail, backups; each a widget of its own in this folder), the context and the sender
 * handed to them, their toasts, what one page's save means to another, and the tests' hooks
 * forwarded. */
#include "config.h"

#include "pacta-a11y.h"
#include "pacta-preferences-backups-page-private.h"
#include "pacta-preferences-catalog-page-private.h"
#include "pacta-preferences-helpdesk-page-private.h"
#include "pacta-preferences-invoicing-page-private.h"
#include "pacta-preferences-platform-page.h"
#include "pacta-preferences-mail-page.h"
#include "pacta-preferences-window-private.h"
#include "pacta-window.h"

struct _PactaPreferencesWindow
{
  AdwPreferencesWindow           parent_instance;

  /* Template widgets */
  PactaPreferencesCatalogPage   *catalog_page;
  PactaPreferencesHelpdeskPage  *helpdesk_page;
  PactaPreferencesInvoicingPage *invoicing_page;
  PactaPreferencesBackupsPage   *backups_page;
  PactaPreferencesPlatformPage  *platform_page;
  PactaPreferencesMailPage      *mail_page;
};

G_DEFINE_FINAL_TYPE (PactaPreferencesWindow, pacta_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* preferences.toast (s): the pages' messages, shown over them all */
static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (widget),
                                    adw_toast_new (g_variant_get_string (parameter, NULL)));
}

/* preferences.restored: a backup replaced the database; the main window
 * reads the file anew, and these preferences belong to the old state */
static void
restored_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.reopen", NULL);
  gtk_window_destroy (GTK_WINDOW (widget));
}

/* The catalog's prices in the new currency */
static void
on_defaults_saved_cb (PactaPreferencesWindow *self)
{
  pacta_preferences_catalog_page_reload (self->catalog_page);
}

static void
pacta_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PACTA_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (pacta_preferences_window_parent_class)->dispose (object);
}

static void
pacta_preferences_window_class_init (PactaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_preferences_window_dispose;

  g_type_ensure (PACTA_TYPE_PREFERENCES_CATALOG_PAGE);
  g_type_ensure (PACTA_TYPE_PREFERENCES_HELPDESK_PAGE);
  g_type_ensure (PACTA_TYPE_PREFERENCES_INVOICING_PAGE);
  g_type_ensure (PACTA_TYPE_PREFERENCES_BACKUPS_PAGE);
  g_type_ensure (PACTA_TYPE_PREFERENCES_PLATFORM_PAGE);
  g_type_ensure (PACTA_TYPE_PREFERENCES_MAIL_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pacta/Pacta/ui/preferences/pacta-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesWindow, catalog_page);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesWindow, helpdesk_page);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesWindow, invoicing_page);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesWindow, backups_page);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesWindow, platform_page);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesWindow, mail_page);
  gtk_widget_class_bind_template_callback (widget_class, on_defaults_saved_cb);

  gtk_widget_class_install_action (widget_class, "preferences.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "preferences.restored", NULL, restored_action);
}

static void
pacta_preferences_window_init (PactaPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The pages have no search entries of their own to be named wrongly */
  pacta_a11y_name_preferences_search (ADW_PREFERENCES_WINDOW (self));

  /* libadwaita 1.2 makes its preferences 360 px wide at least (the leaflet
   * under the toast overlay), which with the window's frame is more than a
   * 360 px screen holds; the pages need less */
  {
    GtkWidget *content = adw_window_get_content (ADW_WINDOW (self));
    GtkWidget *leaflet = ADW_IS_TOAST_OVERLAY (content) ? adw_toast_overlay_get_child (ADW_TOAST_OVERLAY (content)) : NULL;

    if (ADW_IS_LEAFLET (leaflet))
      gtk_widget_set_size_request (leaflet, 320, -1);
  }
}

PactaPreferencesWindow *
pacta_preferences_window_new (GtkWindow    *parent,
                              PactaContext *context)
{
  PactaPreferencesWindow *self;

  g_return_val_if_fail (PACTA_IS_CONTEXT (context), NULL);

  self = g_object_new (PACTA_TYPE_PREFERENCES_WINDOW, "transient-for", parent, "modal", TRUE, NULL);
  pacta_preferences_catalog_page_set_context (self->catalog_page, context);
  pacta_preferences_helpdesk_page_set_context (self->helpdesk_page, context);
  pacta_preferences_invoicing_page_set_context (self->invoicing_page, context);
  pacta_preferences_backups_page_set_context (self->backups_page, context);
  pacta_preferences_platform_page_set_context (self->platform_page, context);
  pacta_preferences_mail_page_set_context (self->mail_page, context);
  /* The main window's sender, also when opened from one of its dialogs */
  for (GtkWindow *window = parent; window != NULL; window = gtk_window_get_transient_for (window))
    if (PACTA_IS_WINDOW (window))
      {
        if (pacta_window_get_context (PACTA_WINDOW (window)) == context)
          pacta_preferences_window_set_sending (self, pacta_window_get_sending (PACTA_WINDOW (window)));
        break;
      }
  return self;
}

/**
 * pacta_preferences_window_set_sending:
 * @sending: (nullable): what sends the records, whose state is shown and
 *   which Send Now asks
 *
 * Set by pacta_preferences_window_new() from the main window, when it is
 * the parent (or the parent's); tests give their own.
 */
void
pacta_preferences_window_set_sending (PactaPreferencesWindow *self,
                                      PactaVerifactuService  *sending)
{
  g_return_if_fail (PACTA_IS_PREFERENCES_WINDOW (self));

  pacta_preferences_invoicing_page_set_sending (self->invoicing_page, sending);
}

/* ---- for tests: the pages' hooks, as the window has always offered them -- */

void
pacta_preferences_window_import_catalog (PactaPreferencesWindow *self,
                                         GFile                  *file)
{
  g_return_if_fail (PACTA_IS_PREFERENCES_WINDOW (self));

  pacta_preferences_catalog_page_import_catalog (self->catalog_page, file);
}

guint
pacta_preferences_window_get_n_items (PactaPreferencesWindow *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), 0);

  return pacta_preferences_catalog_page_get_n_items (self->catalog_page);
}

gboolean
pacta_preferences_window_set_price (PactaPreferencesWindow *self,
                                    guint                   position,
                                    const char             *price)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), FALSE);

  return pacta_preferences_catalog_page_set_price (self->catalog_page, position, price);
}

gboolean
pacta_preferences_window_add_staff (PactaPreferencesWindow *self,
                                    const char             *name)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), FALSE);

  return pacta_preferences_helpdesk_page_add_staff (self->helpdesk_page, name);
}

guint
pacta_preferences_window_get_n_staff (PactaPreferencesWindow *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), 0);

  return pacta_preferences_helpdesk_page_get_n_staff (self->helpdesk_page);
}

void
pacta_preferences_window_set_msp_field (PactaPreferencesWindow *self,
                                        const char             *field,
                                        const char             *text)
{
  g_return_if_fail (PACTA_IS_PREFERENCES_WINDOW (self));

  pacta_preferences_company_group_set_field (pacta_preferences_invoicing_page_get_company_group (self->invoicing_page),
                                             field, text);
}

gboolean
pacta_preferences_window_save_msp (PactaPreferencesWindow *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), FALSE);

  return pacta_preferences_company_group_save (pacta_preferences_invoicing_page_get_company_group (self->invoicing_page));
}

/* The company's fields, "iban", and the defaults' "tax-rate" */
gboolean
pacta_preferences_window_msp_field_has_error (PactaPreferencesWindow *self,
                                              const char             *field)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), FALSE);

  if (g_strcmp0 (field, "tax-rate") == 0)
    return pacta_preferences_defaults_group_tax_rate_has_error (
      pacta_preferences_invoicing_page_get_defaults_group (self->invoicing_page));
  return pacta_preferences_company_group_field_has_error (
    pacta_preferences_invoicing_page_get_company_group (self->invoicing_page), field);
}

gboolean
pacta_preferences_window_save_defaults (PactaPreferencesWindow *self,
                                        const char             *currency,
                                        const char             *tax_rate)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), FALSE);

  return pacta_preferences_defaults_group_save (pacta_preferences_invoicing_page_get_defaults_group (self->invoicing_page),
                                                currency, tax_rate);
}

PactaNumberingEditor *
pacta_preferences_window_get_numbering_editor (PactaPreferencesWindow *self,
                                               const char             *kind)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), NULL);

  return pacta_preferences_invoicing_page_get_numbering_editor (self->invoicing_page, kind);
}

gboolean
pacta_preferences_window_save_numbering (PactaPreferencesWindow *self,
                                         const char             *kind)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), FALSE);

  return pacta_preferences_invoicing_page_save_numbering (self->invoicing_page, kind);
}

gboolean
pacta_preferences_window_save_verifactu (PactaPreferencesWindow *self,
                                         gboolean                enabled,
                                         const char             *issuer_nif)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), FALSE);

  return pacta_preferences_verifactu_group_save (pacta_preferences_invoicing_page_get_verifactu_group (self->invoicing_page),
                                                 enabled, issuer_nif);
}

gboolean
pacta_preferences_window_verify_records (PactaPreferencesWindow *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), FALSE);

  return pacta_preferences_verifactu_group_verify_records (
    pacta_preferences_invoicing_page_get_verifactu_group (self->invoicing_page));
}

gboolean
pacta_preferences_window_set_environment (PactaPreferencesWindow *self,
                                          const char             *environment)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), FALSE);

  return pacta_preferences_sending_group_set_environment (
    pacta_preferences_invoicing_page_get_sending_group (self->invoicing_page), environment);
}

void
pacta_preferences_window_choose_certificate (PactaPreferencesWindow *self,
                                             GFile                  *file)
{
  g_return_if_fail (PACTA_IS_PREFERENCES_WINDOW (self));

  pacta_preferences_sending_group_choose_certificate (
    pacta_preferences_invoicing_page_get_sending_group (self->invoicing_page), file);
}

AdwMessageDialog *
pacta_preferences_window_get_certificate_dialog (PactaPreferencesWindow *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), NULL);

  return pacta_preferences_sending_group_get_certificate_dialog (
    pacta_preferences_invoicing_page_get_sending_group (self->invoicing_page));
}

gboolean
pacta_preferences_window_get_certificate_busy (PactaPreferencesWindow *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), FALSE);

  return pacta_preferences_sending_group_get_certificate_busy (
    pacta_preferences_invoicing_page_get_sending_group (self->invoicing_page));
}

guint
pacta_preferences_window_get_n_backups (PactaPreferencesWindow *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), 0);

  return pacta_preferences_backups_page_get_n_backups (self->backups_page);
}

gboolean
pacta_preferences_window_restore_backup (PactaPreferencesWindow *self,
                                         guint                   position)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), FALSE);

  return pacta_preferences_backups_page_restore_backup (self->backups_page, position);
}
