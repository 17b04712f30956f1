/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-window.c: the catalog, item by item — name, description, unit,
 * price and cost to 4 decimals — and Import catalog… for a whole price list;
 * the helpdesk staff, your company, numbering, backups, Spain's invoicing rules
 * and sending their records to the tax agency (mode, environment, certificate). */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-a11y.h"
#include "pacta-backup.h"
#include "pacta-catalog.h"
#include "pacta-clock.h"
#include "pacta-error.h"
#include "pacta-helpdesk.h"
#include "pacta-money.h"
#include "pacta-msp.h"
#include "pacta-numbering-editor.h"
#include "pacta-preferences-window-private.h"
#include "pacta-wrap-box.h"
#include "pacta-verifactu.h"
#include "pacta-verifactu-certificate.h"
#include "pacta-window.h"

struct _PactaPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Owned */
  PactaContext         *context;
  GListModel           *catalog;
  GPtrArray            *rows;
  GtkFileChooserNative *chooser;
  PactaVerifactuService *sending;             /* (nullable): the main window's */
  PactaVerifactuCertificate *certificate;     /* (nullable): the installed one */
  GCancellable         *certificate_cancellable;
  GtkFileChooserNative *certificate_chooser;
  char                 *certificate_path;     /* (nullable): being installed, for asking again */

  /* Borrowed */
  AdwPreferencesGroup  *group;
  AdwPreferencesGroup  *staff_group;
  GPtrArray            *staff_rows;
  GHashTable           *msp_rows;     /* field name → AdwEntryRow */
  GtkWidget            *iban_row;
  GtkWidget            *currency_row;
  GtkWidget            *verifactu_switch;
  AdwPreferencesGroup  *backups_group;
  GPtrArray            *backup_rows;
  GPtrArray            *backups;      /* PactaBackup, as listed */
  GtkWidget            *verifactu_rows[7];   /* issuer NIF, then the system's identification */
  GtkWidget            *tax_rate_row;
  GtkWidget            *invoice_numbering;
  GtkWidget            *credit_numbering;
  GtkWidget            *environment_row;
  GtkWidget            *no_certificate_row;
  GtkWidget            *choose_certificate;
  GtkWidget            *certificate_rows[5];  /* holder, NIF, issuer, valid until, the file and its buttons */
  GtkWidget            *expiry_icon;
  GtkWidget            *certificate_buttons[2];  /* Replace…, Remove */
  GtkWidget            *records_row;
  GtkWidget            *send_now;
  GtkWidget            *reply_row;
  AdwMessageDialog     *certificate_dialog;   /* (nullable): weak; the question or message shown now */
  gboolean              loading_environment;
};

G_DEFINE_FINAL_TYPE (PactaPreferencesWindow, pacta_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void       reload          (PactaPreferencesWindow *self);
static GtkWidget *numbering_group (const char             *title,
                                   const char             *description,
                                   const char             *save_name);

typedef struct
{
  PactaPreferencesWindow *window;   /* borrowed: the rows die with it */
  PactaCatalogItem       *item;
  GtkWidget              *expander;
  GtkWidget              *name;
  GtkWidget              *description;
  GtkWidget              *sku;
  GtkWidget              *unit;
  GtkWidget              *price;
  GtkWidget              *cost;
  GtkWidget              *taxable;
  GtkWidget              *active;
} ItemRow;

static void
item_row_free (gpointer data)
{
  ItemRow *row = data;

  g_clear_object (&row->item);
  g_free (row);
}

static void
toast (PactaPreferencesWindow *self,
       const char             *text)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
}

static char *
price_summary (PactaPreferencesWindow *self,
               PactaCatalogItem       *item)
{
  g_autofree char *price = NULL;

  if (!pacta_catalog_item_get_has_price (item))
    return g_strdup (_("No price yet"));
  /* Catalog prices keep their sub-cent digits */
  price = pacta_price_format (pacta_catalog_item_get_price (item),
                              self->context != NULL ? pacta_context_get_currency (self->context) : NULL);
  /* Translators: a catalog price and its unit, e.g. “0.045 € a GB and month” */
  return g_strdup_printf (_("%s a %s and month"), price, pacta_unit_label (pacta_catalog_item_get_unit (item)));
}

/* Amounts keep 4 decimals; a Spanish decimal comma is fine */
static gboolean
parse_amount (GtkWidget *entry,
              gboolean   allow_empty,
              gboolean  *empty,
              gint64    *value)
{
  g_autofree char *text = g_strstrip (g_strdelimit (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))), ",", '.'));
  gboolean ok;

  *empty = text[0] == '\0';
  ok = (*empty && allow_empty) || (pacta_decimal_parse (text, value) && *value >= 0);
  if (ok)
    gtk_widget_remove_css_class (entry, "error");
  else
    gtk_widget_add_css_class (entry, "error");
  return ok;
}

static gboolean
save_row (ItemRow *row)
{
  PactaPreferencesWindow *self = row->window;
  g_autoptr(PactaCatalogItem) item = pacta_catalog_item_copy (row->item);
  g_autoptr(GError) error = NULL;
  gboolean no_price = FALSE, no_cost = FALSE;
  gint64 price = 0, cost = 0;
  g_autofree char *summary = NULL;
  const char *sku;

  if (!parse_amount (row->price, TRUE, &no_price, &price) ||
      !parse_amount (row->cost, TRUE, &no_cost, &cost))
    {
      toast (self, _("Prices are amounts such as 12.50"));
      return FALSE;
    }

  pacta_catalog_item_set_has_price (item, !no_price);
  pacta_catalog_item_set_price (item, no_price ? 0 : price);
  pacta_catalog_item_set_cost (item, no_cost ? 0 : cost);

  sku = gtk_editable_get_text (GTK_EDITABLE (row->sku));
  g_object_set (item,
                "name", gtk_editable_get_text (GTK_EDITABLE (row->name)),
                "description", gtk_editable_get_text (GTK_EDITABLE (row->description)),
                "sku", sku[0] != '\0' ? sku : NULL,
                "unit", gtk_editable_get_text (GTK_EDITABLE (row->unit)),
                "taxable", gtk_switch_get_active (GTK_SWITCH (row->taxable)),
                "active", gtk_switch_get_active (GTK_SWITCH (row->active)),
                NULL);

  if (!pacta_context_save_catalog_item (self->context, item, &error))
    {
      toast (self, error->message);
      return FALSE;
    }

  g_set_object (&row->item, item);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->expander), pacta_catalog_item_get_name (item));
  summary = price_summary (self, item);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row->expander), summary);
  toast (self, _("Catalog item saved"));
  return TRUE;
}

static void
on_save_clicked_cb (GtkButton *button,
                    ItemRow   *row)
{
  save_row (row);
}

static GtkWidget *
entry_row (GtkWidget  *expander,
           const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
  return row;
}

static GtkWidget *
switch_row (GtkWidget  *expander,
            const char *title,
            gboolean    active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  /* After: the row adds its title to the switch's name */
  pacta_a11y_set_label (toggle, title);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
  return toggle;
}

static void
add_item_row (PactaPreferencesWindow *self,
              PactaCatalogItem       *item)
{
  ItemRow *row = g_new0 (ItemRow, 1);
  GtkWidget *save_row_widget = adw_action_row_new ();
  GtkWidget *save = pacta_a11y_button_new_with_mnemonic (_("_Save"));
  g_autofree char *summary = price_summary (self, item);
  g_autofree char *price = pacta_catalog_item_get_has_price (item)
                           ? pacta_decimal_format (pacta_catalog_item_get_price (item), 4) : NULL;
  g_autofree char *cost = pacta_decimal_format (pacta_catalog_item_get_cost (item), 4);
  g_autofree char *save_label = g_strdup_printf (_("Save %s"), pacta_catalog_item_get_name (item));

  row->window = self;
  row->item = g_object_ref (item);
  row->expander = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->expander), pacta_catalog_item_get_name (item));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row->expander), summary);
  pacta_a11y_name_expander_row (ADW_EXPANDER_ROW (row->expander));

  row->name = entry_row (row->expander, _("Name"), pacta_catalog_item_get_name (item));
  row->description = entry_row (row->expander, _("Description on invoices"), pacta_catalog_item_get_description (item));
  row->unit = entry_row (row->expander, _("Unit, such as workload, seat, GB, hour or piece"),
                         pacta_catalog_item_get_unit (item));
  row->price = entry_row (row->expander, _("Price a unit and month"), price);
  row->cost = entry_row (row->expander, _("Cost a unit and month"), cost);
  row->sku = entry_row (row->expander, _("SKU"), pacta_catalog_item_get_sku (item));
  row->taxable = switch_row (row->expander, _("Taxable"), pacta_catalog_item_get_taxable (item));
  row->active = switch_row (row->expander, _("Active"), pacta_catalog_item_get_active (item));

  gtk_widget_set_valign (save, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (save, "suggested-action");
  pacta_a11y_set_label (save, save_label);
  /* The row has no title: it is named for its button */
  gtk_accessible_update_property (GTK_ACCESSIBLE (save_row_widget), GTK_ACCESSIBLE_PROPERTY_LABEL, save_label, -1);
  g_signal_connect (save, "clicked", G_CALLBACK (on_save_clicked_cb), row);
  adw_action_row_add_suffix (ADW_ACTION_ROW (save_row_widget), save);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row->expander), save_row_widget);

  adw_preferences_group_add (self->group, row->expander);
  g_ptr_array_add (self->rows, row);
}

static void
reload (PactaPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, ((ItemRow *)g_ptr_array_index (self->rows, i))->expander);
  g_ptr_array_set_size (self->rows, 0);
  g_clear_object (&self->catalog);

  if (self->context == NULL)
    return;

  if (!(self->catalog = pacta_context_list_catalog (self->context, &error)))
    {
      toast (self, error->message);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (self->catalog); i++)
    {
      g_autoptr(PactaCatalogItem) item = g_list_model_get_item (self->catalog, i);
      add_item_row (self, item);
    }
}

static void
on_add_item_clicked_cb (PactaPreferencesWindow *self)
{
  g_autoptr(PactaCatalogItem) item = pacta_catalog_item_new ();
  ItemRow *row;

  /* A new item starts as a row to fill in; it exists once saved */
  pacta_catalog_item_set_name (item, _("New item"));
  add_item_row (self, item);
  row = g_ptr_array_index (self->rows, self->rows->len - 1);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row->expander), TRUE);
  gtk_widget_grab_focus (row->name);
}

void
pacta_preferences_window_import_catalog (PactaPreferencesWindow *self,
                                         GFile                  *file)
{
  PactaCatalogImportReport report;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (PACTA_IS_PREFERENCES_WINDOW (self));

  /* A price list is small: read it on the spot */
  if (!pacta_import_catalog (pacta_context_get_database (self->context), file, &report, &error) ||
      !pacta_context_sync (self->context, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Nothing Was Imported"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      pacta_a11y_fix_mnemonics (GTK_WIDGET (dialog));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  text = g_strdup_printf (_("Catalog imported: %u added, %u updated"), report.created, report.updated);
  toast (self, text);
  reload (self);
}

static void
on_chooser_response_cb (PactaPreferencesWindow *self,
                        int                     response,
                        GtkFileChooserNative   *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      pacta_preferences_window_import_catalog (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
on_import_clicked_cb (PactaPreferencesWindow *self)
{
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Import Catalog"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
reload_staff (PactaPreferencesWindow *self)
{
  g_auto(GStrv) staff = NULL;

  for (guint i = 0; i < self->staff_rows->len; i++)
    adw_preferences_group_remove (self->staff_group, g_ptr_array_index (self->staff_rows, i));
  g_ptr_array_set_size (self->staff_rows, 0);

  if (self->context == NULL)
    return;

  staff = pacta_staff_list (pacta_context_get_database (self->context), NULL);
  for (guint i = 0; staff != NULL && staff[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), staff[i]);
      adw_preferences_group_add (self->staff_group, row);
      g_ptr_array_add (self->staff_rows, row);
    }
}

static void
on_staff_apply_cb (AdwEntryRow            *row,
                   PactaPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!pacta_staff_add (pacta_context_get_database (self->context), gtk_editable_get_text (GTK_EDITABLE (row)),
                        &error))
    {
      toast (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  reload_staff (self);
}

/* For tests: adds a staff member as the entry's apply button would */
gboolean
pacta_preferences_window_add_staff (PactaPreferencesWindow *self,
                                    const char             *name)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), FALSE);

  if (!pacta_staff_add (pacta_context_get_database (self->context), name, &error))
    return FALSE;
  reload_staff (self);
  return TRUE;
}

guint
pacta_preferences_window_get_n_staff (PactaPreferencesWindow *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), 0);

  return self->staff_rows->len;
}

/* ---- your company's details ------------------------------------------- */

static void
load_msp (PactaPreferencesWindow *self)
{
  g_autoptr(PactaBillingInfo) details = NULL;
  const char *const *fields = pacta_msp_fields ();

  if (self->context == NULL ||
      !(details = pacta_msp_load (pacta_context_get_database (self->context), NULL)))
    return;
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *value = NULL;

      g_object_get (details, fields[i], &value, NULL);
      gtk_editable_set_text (GTK_EDITABLE (g_hash_table_lookup (self->msp_rows, fields[i])),
                             value != NULL ? value : "");
    }
  {
    g_autofree char *iban = pacta_msp_get_iban (pacta_context_get_database (self->context), NULL);

    gtk_editable_set_text (GTK_EDITABLE (self->iban_row), iban != NULL ? iban : "");
  }
}

/* ---- invoicing defaults: currency and tax rate ---------------------------- */

static void
load_defaults (PactaPreferencesWindow *self)
{
  PactaDatabase *database;
  g_autofree char *currency = NULL;
  g_autofree char *rate = NULL;
  const char *const *codes = pacta_currencies ();

  if (self->context == NULL)
    return;
  database = pacta_context_get_database (self->context);
  currency = pacta_msp_get_currency (database);
  for (guint i = 0; codes[i] != NULL; i++)
    if (g_strcmp0 (codes[i], currency) == 0)
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->currency_row), i);
  rate = pacta_percent_format (pacta_msp_get_default_tax_rate (database));
  gtk_editable_set_text (GTK_EDITABLE (self->tax_rate_row), rate);
  gtk_widget_remove_css_class (self->tax_rate_row, "error");
}

static gboolean
save_defaults (PactaPreferencesWindow *self)
{
  const char *const *codes = pacta_currencies ();
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->currency_row));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  int rate;

  if (!pacta_percent_parse (gtk_editable_get_text (GTK_EDITABLE (self->tax_rate_row)), &rate))
    {
      gtk_widget_add_css_class (self->tax_rate_row, "error");
      gtk_widget_grab_focus (self->tax_rate_row);
      toast (self, _("Default tax rate: a percentage from 0 to 100, such as 21 or 10.5"));
      return FALSE;
    }
  gtk_widget_remove_css_class (self->tax_rate_row, "error");
  if (selected == GTK_INVALID_LIST_POSITION || selected >= g_strv_length ((char **) codes) ||
      !pacta_context_save_defaults (self->context, codes[selected], rate, &error))
    {
      toast (self, error != NULL ? error->message : _("Choose a currency"));
      return FALSE;
    }
  load_defaults (self);
  reload (self);   /* the catalog's prices in the new currency */
  /* Translators: %s is a currency code such as EUR */
  message = g_strdup_printf (_("Defaults saved; new invoices will be in %s"), codes[selected]);
  toast (self, message);
  return TRUE;
}

static void
on_defaults_save_clicked_cb (PactaPreferencesWindow *self)
{
  save_defaults (self);
}

static GtkWidget *
defaults_group (PactaPreferencesWindow *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *save = pacta_a11y_button_new_with_mnemonic (_("_Save"));
  g_autoptr(GtkStringList) codes = gtk_string_list_new ((const char *const *) pacta_currencies ());

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Defaults"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Catalog and contract prices are in this currency. New billing "
                                           "information starts with this tax rate; customers keep the rate "
                                           "they have."));
  gtk_widget_set_valign (save, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (save, "suggested-action");
  pacta_a11y_set_label (save, _("Save invoicing defaults"));
  g_signal_connect_swapped (save, "clicked", G_CALLBACK (on_defaults_save_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), save);

  self->currency_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->currency_row), _("Currency"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->currency_row), G_LIST_MODEL (codes));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->currency_row);

  self->tax_rate_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->tax_rate_row), _("Default Tax Rate (%)"));
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->tax_rate_row), 8);
  g_signal_connect_swapped (self->tax_rate_row, "entry-activated", G_CALLBACK (on_defaults_save_clicked_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->tax_rate_row);
  return group;
}

/* ---- backups ----------------------------------------------------------- */

static const char *
reason_label (const char *reason)
{
  if (g_strcmp0 (reason, "billing-run") == 0)
    return _("Before a billing run");
  if (g_strcmp0 (reason, "migration") == 0)
    return _("Before an update of the database");
  if (g_strcmp0 (reason, "restore") == 0)
    return _("Before a restore");
  return _("Copy");
}

static char *
backup_title (PactaBackup *backup)
{
  if (backup->taken == NULL)
    return g_path_get_basename (backup->path);
  /* Translators: when a backup was taken, e.g. 2026-11-27 09:41 */
  return g_date_time_format (backup->taken, _("%Y-%m-%d %H:%M"));
}

static char *
backup_subtitle (PactaBackup *backup)
{
  if (backup->n_invoices < 0)
    /* Translators: why the backup was taken; it can't be read */
    return g_strdup_printf (_("%s · unreadable"), reason_label (backup->reason));
  if (backup->n_invoices == 0 || backup->last_invoice_number == NULL)
    /* Translators: why the backup was taken */
    return g_strdup_printf (_("%s · no invoices"), reason_label (backup->reason));
  /* Translators: why the backup was taken, how many invoices it holds, the last one's number */
  return g_strdup_printf (ngettext ("%s · %u invoice, the last %s", "%s · %u invoices, the last %s",
                                    (gulong) MIN (backup->n_invoices, G_MAXUINT)),
                          reason_label (backup->reason), (guint) MIN (backup->n_invoices, G_MAXUINT),
                          backup->last_invoice_number);
}

static void on_restore_clicked_cb (GtkButton *button, PactaPreferencesWindow *self);

static void
reload_backups (PactaPreferencesWindow *self)
{
  for (guint i = 0; i < self->backup_rows->len; i++)
    adw_preferences_group_remove (self->backups_group, g_ptr_array_index (self->backup_rows, i));
  g_ptr_array_set_size (self->backup_rows, 0);
  g_clear_pointer (&self->backups, g_ptr_array_unref);
  if (self->context == NULL)
    return;

  self->backups = pacta_backup_list (pacta_context_get_database (self->context));
  for (guint i = 0; i < self->backups->len; i++)
    {
      PactaBackup *backup = g_ptr_array_index (self->backups, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *restore = pacta_a11y_button_new_with_mnemonic (_("_Restore…"));
      g_autofree char *title = backup_title (backup);
      g_autofree char *subtitle = backup_subtitle (backup);
      /* Translators: accessible name of a backup's Restore button; %s is when it was taken */
      g_autofree char *name = g_strdup_printf (_("Restore the backup of %s"), title);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (restore, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (restore, backup->n_invoices >= 0);
      pacta_a11y_set_label (restore, name);
      g_object_set_data (G_OBJECT (restore), "pacta-backup", backup);
      g_signal_connect (restore, "clicked", G_CALLBACK (on_restore_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), restore);
      adw_preferences_group_add (self->backups_group, row);
      g_ptr_array_add (self->backup_rows, row);
    }
  if (self->backups->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No backups yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Pacta takes one before each billing run and each database update."));
      adw_preferences_group_add (self->backups_group, row);
      g_ptr_array_add (self->backup_rows, row);
    }
}

static gboolean
restore_backup (PactaPreferencesWindow *self,
                PactaBackup            *backup)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;

  if (!pacta_backup_restore (pacta_context_get_database (self->context), backup->path, &error))
    {
      toast (self, error->message);
      return FALSE;
    }
  /* The window reads the file anew; these preferences belong to the old state */
  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.reopen", NULL);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
on_restore_response_cb (AdwMessageDialog       *dialog,
                        const char             *response,
                        PactaPreferencesWindow *self)
{
  PactaBackup *backup = g_object_get_data (G_OBJECT (dialog), "pacta-backup");

  if (g_strcmp0 (response, "restore") == 0)
    restore_backup (self, backup);
}

static void
on_restore_clicked_cb (GtkButton              *button,
                       PactaPreferencesWindow *self)
{
  PactaBackup *backup = g_object_get_data (G_OBJECT (button), "pacta-backup");
  gint64 now = pacta_database_count (pacta_context_get_database (self->context),
                                     "SELECT count(*) FROM invoices WHERE kind = 'invoice'", NULL);
  g_autofree char *title = backup_title (backup);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (now > backup->n_invoices)
    /* Translators: when the backup was taken, and how many invoices were issued since */
    body = g_strdup_printf (ngettext ("Everything goes back to how it was on %s. %u invoice issued since then will be "
                                      "gone from Pacta and its number issued again, although your customer may "
                                      "have it. The current state is kept as a backup, so this can be undone.",
                                      "Everything goes back to how it was on %s. %u invoices issued since then will be "
                                      "gone from Pacta and their numbers issued again, although your customers may "
                                      "have them. The current state is kept as a backup, so this can be undone.",
                                      (gulong) MIN (now - backup->n_invoices, G_MAXUINT)),
                            title, (guint) MIN (now - backup->n_invoices, G_MAXUINT));
  else
    /* Translators: when the backup was taken */
    body = g_strdup_printf (_("Everything goes back to how it was on %s; what changed since is gone. The current "
                              "state is kept as a backup, so this can be undone."), title);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore This Backup?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "pacta-backup", backup);
  g_signal_connect (dialog, "response", G_CALLBACK (on_restore_response_cb), self);
  pacta_a11y_fix_mnemonics (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
build_backups_page (PactaPreferencesWindow *self)
{
  GtkWidget *page = adw_preferences_page_new ();

  self->backup_rows = g_ptr_array_new ();
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (page), "backups");
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("Backups"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "document-open-recent-symbolic");
  self->backups_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->backups_group, _("Restore from Backup"));
  adw_preferences_group_set_description (self->backups_group,
                                         _("Copies of your data taken before each billing run and each update of "
                                           "the database; the last ten are kept."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->backups_group);
  return page;
}

/* For tests: how many backups are listed, and restoring one without the question */
guint
pacta_preferences_window_get_n_backups (PactaPreferencesWindow *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), 0);

  return self->backups != NULL ? self->backups->len : 0;
}

gboolean
pacta_preferences_window_restore_backup (PactaPreferencesWindow *self,
                                         guint                   position)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), FALSE);
  g_return_val_if_fail (self->backups != NULL && position < self->backups->len, FALSE);

  return restore_backup (self, g_ptr_array_index (self->backups, position));
}

/* ---- Spain's invoicing rules (VERI*FACTU) --------------------------------- */

enum { ROW_NIF, ROW_SYSTEM_NAME, ROW_SYSTEM_ID, ROW_VERSION, ROW_INSTALLATION, ROW_PRODUCER, ROW_PRODUCER_NIF };

static char **
verifactu_fields (PactaVerifactuSettings *settings,
                  guint                   row)
{
  char **fields[] = {
    &settings->issuer_nif, &settings->system_name, &settings->system_id, &settings->system_version,
    &settings->installation, &settings->producer_name, &settings->producer_nif,
  };

  return fields[row];
}

static void
load_verifactu (PactaPreferencesWindow *self)
{
  g_autoptr(PactaVerifactuSettings) settings = NULL;

  if (self->context == NULL ||
      !(settings = pacta_verifactu_settings_load (pacta_context_get_database (self->context), NULL)))
    return;
  gtk_switch_set_active (GTK_SWITCH (self->verifactu_switch), settings->enabled);
  for (guint i = 0; i < G_N_ELEMENTS (self->verifactu_rows); i++)
    {
      const char *value = *verifactu_fields (settings, i);

      gtk_editable_set_text (GTK_EDITABLE (self->verifactu_rows[i]), value != NULL ? value : "");
    }
  /* Showing the stored environment is no change of it */
  self->loading_environment = TRUE;
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->environment_row),
                              g_strcmp0 (settings->environment, PACTA_VERIFACTU_TEST) == 0 ? 1 : 0);
  self->loading_environment = FALSE;
}

static void update_sending (PactaPreferencesWindow *self);

static gboolean
save_verifactu (PactaPreferencesWindow *self)
{
  g_autoptr(PactaVerifactuSettings) settings = g_new0 (PactaVerifactuSettings, 1);
  g_autoptr(GError) error = NULL;

  settings->enabled = gtk_switch_get_active (GTK_SWITCH (self->verifactu_switch));
  for (guint i = 0; i < G_N_ELEMENTS (self->verifactu_rows); i++)
    *verifactu_fields (settings, i) = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->verifactu_rows[i])));
  if (!pacta_verifactu_settings_save (pacta_context_get_database (self->context), settings, &error))
    {
      toast (self, error->message);
      return FALSE;
    }
  load_verifactu (self);
  /* Switching the rules on or off starts or stops sending */
  if (self->sending != NULL)
    pacta_verifactu_service_refresh (self->sending);
  update_sending (self);
  toast (self, settings->enabled ? _("Saved; every new invoice gets its chained record")
                                 : _("Saved; new invoices get no records while the rules are off"));
  return TRUE;
}

static void
on_verifactu_save_clicked_cb (PactaPreferencesWindow *self)
{
  save_verifactu (self);
}

static PactaVerifactuCheck *
verify_records (PactaPreferencesWindow *self)
{
  g_autoptr(PactaVerifactuCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!(check = pacta_verifactu_verify (pacta_context_get_database (self->context), &error)))
    {
      toast (self, error->message);
      return NULL;
    }
  text = pacta_verifactu_check_describe (check);
  if (check->intact)
    toast (self, text);
  else
    {
      /* A broken chain is serious: say where, and keep it on screen */
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Invoice Records Were Changed"), text);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      pacta_a11y_fix_mnemonics (GTK_WIDGET (dialog));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  return g_steal_pointer (&check);
}

static void
on_verify_clicked_cb (PactaPreferencesWindow *self)
{
  g_autoptr(PactaVerifactuCheck) check = verify_records (self);
}

static GtkWidget *
verifactu_group (PactaPreferencesWindow *self)
{
  static const char *titles[] = {
    N_("Issuer NIF"), N_("System Name"), N_("System ID"), N_("Version"), N_("Installation Number"),
    N_("Producer Name"), N_("Producer NIF"),
  };
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *verify = pacta_a11y_button_new_with_mnemonic (_("_Verify Records"));
  GtkWidget *save = pacta_a11y_button_new_with_mnemonic (_("_Save"));
  GtkWidget *enabled_row = adw_action_row_new ();
  GtkWidget *verify_row = adw_action_row_new ();
  GtkWidget *system = adw_expander_row_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Spanish Invoicing Rules (VERI*FACTU)"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Each invoice and credit note gets a record chained to the one before, "
                                           "so any later change shows, and its PDF carries the tax QR code. Pacta "
                                           "sends the records to the tax agency once a certificate is chosen below."));
  gtk_widget_set_valign (save, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (verify, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (save, "suggested-action");
  pacta_a11y_set_label (save, _("Save the Spanish invoicing rules"));
  g_signal_connect_swapped (save, "clicked", G_CALLBACK (on_verifactu_save_clicked_cb), self);
  g_signal_connect_swapped (verify, "clicked", G_CALLBACK (on_verify_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), save);

  self->verifactu_switch = gtk_switch_new ();
  gtk_widget_set_valign (self->verifactu_switch, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (enabled_row), _("Keep Chained Invoice Records"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (enabled_row),
                               _("Required of Spanish companies’ invoicing software from 1 January 2027"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (enabled_row), self->verifactu_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (enabled_row), self->verifactu_switch);
  pacta_a11y_set_label (GTK_WIDGET (self->verifactu_switch), _("Keep chained invoice records"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), enabled_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (system), _("System Identification"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (system), _("What every record says about the software and this installation"));
  pacta_a11y_name_expander_row (ADW_EXPANDER_ROW (system));
  for (guint i = 0; i < G_N_ELEMENTS (self->verifactu_rows); i++)
    {
      self->verifactu_rows[i] = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->verifactu_rows[i]), _(titles[i]));
      g_signal_connect_swapped (self->verifactu_rows[i], "entry-activated", G_CALLBACK (on_verifactu_save_clicked_cb), self);
      if (i == ROW_NIF)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->verifactu_rows[i]);
      else
        adw_expander_row_add_row (ADW_EXPANDER_ROW (system), self->verifactu_rows[i]);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), system);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (verify_row), _("Check the Chain"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (verify_row),
                               _("Recomputes every record’s fingerprint and finds any change made outside Pacta"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (verify_row), verify);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (verify_row), verify);
  pacta_a11y_set_label (verify, _("Verify the chain of invoice records"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), verify_row);
  return group;
}

/* ---- sending the records to the tax agency (VERI*FACTU) ------------------- */

enum { CERT_HOLDER, CERT_NIF, CERT_ISSUER, CERT_EXPIRY, CERT_FILE };
enum { BUTTON_REPLACE, BUTTON_REMOVE };

static const char *environments[] = { PACTA_VERIFACTU_PRODUCTION, PACTA_VERIFACTU_TEST };

static gboolean
rules_enabled (PactaPreferencesWindow *self)
{
  g_autoptr(PactaVerifactuSettings) settings = NULL;

  settings = pacta_verifactu_settings_load (pacta_context_get_database (self->context), NULL);
  return settings != NULL && settings->enabled;
}

static gboolean
certificate_busy (PactaPreferencesWindow *self)
{
  return self->certificate_cancellable != NULL;
}

/* A date as the backups show theirs, in the app clock's zone */
static char *
format_day (GDateTime *when)
{
  g_autoptr(GDateTime) now = pacta_now ();
  g_autoptr(GDateTime) local = g_date_time_to_timezone (when, g_date_time_get_timezone (now));

  /* Translators: a day, as g_date_time_format () writes it, such as 2027-01-31 */
  return g_date_time_format (local, _("%Y-%m-%d"));
}

static void
set_row_text (GtkWidget  *row,
              const char *text)
{
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text != NULL && *text != '\0' ? text : _("Not stated"));
}

/* When the certificate can be used until, and a warning when soon it can't */
static void
update_expiry (PactaPreferencesWindow *self)
{
  GtkWidget *row = self->certificate_rows[CERT_EXPIRY];
  g_autofree char *until = NULL;
  g_autofree char *from = NULL;
  g_autofree char *text = NULL;
  const char *style = NULL;
  int days = 0;

  gtk_widget_remove_css_class (self->expiry_icon, "warning");
  gtk_widget_remove_css_class (self->expiry_icon, "error");
  if (self->certificate->not_after == NULL)
    {
      set_row_text (row, NULL);
      gtk_widget_set_visible (self->expiry_icon, FALSE);
      return;
    }
  until = format_day (self->certificate->not_after);
  switch (pacta_verifactu_certificate_get_state (self->certificate, &days))
    {
    case PACTA_VERIFACTU_CERTIFICATE_EXPIRES_SOON:
      style = "warning";
      if (days == 0)
        /* Translators: %s is the day it expires */
        text = g_strdup_printf (_("%s — expires today: renew it, then choose the new one"), until);
      else
        /* Translators: %s is the day it expires, %d the days left */
        text = g_strdup_printf (ngettext ("%s — expires in %d day: renew it, then choose the new one",
                                          "%s — expires in %d days: renew it, then choose the new one", days),
                                until, days);
      break;
    case PACTA_VERIFACTU_CERTIFICATE_EXPIRED:
      style = "error";
      /* Translators: %s is the day it expired */
      text = g_strdup_printf (_("%s — expired: the tax agency refuses it; renew it, then choose the new one"), until);
      break;
    case PACTA_VERIFACTU_CERTIFICATE_NOT_YET_VALID:
      style = "warning";
      from = format_day (self->certificate->not_before);
      /* Translators: the last day it is valid, then the first */
      text = g_strdup_printf (_("%s — not valid before %s"), until, from);
      break;
    case PACTA_VERIFACTU_CERTIFICATE_VALID:
    default:
      text = g_steal_pointer (&until);
      break;
    }
  /* The icon in the warning's colour, the text as readable as any: the
   * subtitle's dimmed colour would be too faint */
  if (style != NULL)
    {
      gtk_widget_add_css_class (self->expiry_icon, style);
      gtk_image_set_from_icon_name (GTK_IMAGE (self->expiry_icon),
                                    g_str_equal (style, "error") ? "dialog-error-symbolic" : "dialog-warning-symbolic");
    }
  gtk_widget_set_visible (self->expiry_icon, style != NULL);
  set_row_text (row, text);
}

static void
update_records (PactaPreferencesWindow *self)
{
  g_autofree char *records = NULL;
  g_autofree char *reply = NULL;

  if (self->context == NULL)
    return;
  if (self->sending != NULL)
    records = pacta_verifactu_service_describe (self->sending);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->records_row),
                               records != NULL ? records
                               : self->sending != NULL ? _("All invoice records have been accepted")
                               : _("Sent while Pacta’s main window is open"));
  reply = pacta_verifactu_last_reply_describe (pacta_context_get_database (self->context));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->reply_row), reply != NULL ? reply : _("None yet"));
  gtk_widget_set_sensitive (self->send_now,
                            self->sending != NULL && self->certificate != NULL &&
                            pacta_verifactu_service_get_state (self->sending) != PACTA_SENDING_OFF &&
                            rules_enabled (self));
}

/* The certificate's rows, or the row that asks for one; then the records */
static void
update_sending (PactaPreferencesWindow *self)
{
  PactaDatabase *database;
  g_autoptr(GError) error = NULL;
  gboolean installed;

  if (self->context == NULL)
    return;
  database = pacta_context_get_database (self->context);
  g_clear_pointer (&self->certificate, pacta_verifactu_certificate_free);
  self->certificate = pacta_verifactu_certificate_load (database, &error);
  installed = self->certificate != NULL;

  gtk_widget_set_visible (self->no_certificate_row, !installed);
  for (guint i = 0; i < G_N_ELEMENTS (self->certificate_rows); i++)
    gtk_widget_set_visible (self->certificate_rows[i], installed);
  gtk_widget_set_sensitive (self->choose_certificate, !certificate_busy (self));
  for (guint i = 0; i < G_N_ELEMENTS (self->certificate_buttons); i++)
    gtk_widget_set_sensitive (self->certificate_buttons[i], !certificate_busy (self));

  if (installed)
    {
      set_row_text (self->certificate_rows[CERT_HOLDER], self->certificate->holder);
      set_row_text (self->certificate_rows[CERT_NIF], self->certificate->nif);
      set_row_text (self->certificate_rows[CERT_ISSUER], self->certificate->issuer);
      update_expiry (self);
    }
  else
    {
      g_autofree char *setting = pacta_database_get_setting (database, PACTA_VERIFACTU_CERTIFICATE_SETTING);

      /* Chosen once, and its private copy gone since */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->no_certificate_row),
                                   setting != NULL
                                   ? _("The copy Pacta kept of the certificate is missing or damaged: choose it again")
                                   : _("The company’s or its representative’s: a .p12 or .pfx file"));
    }
  update_records (self);
}

static void
on_sending_changed_cb (PactaPreferencesWindow *self)
{
  update_records (self);
}

/* After the certificate or the environment changed */
static void
sending_changed (PactaPreferencesWindow *self)
{
  update_sending (self);
  if (self->sending != NULL)
    pacta_verifactu_service_refresh (self->sending);
}

/* Answered or closed: it is going */
static void
on_certificate_dialog_response_cb (PactaPreferencesWindow *self,
                                   const char             *response,
                                   AdwMessageDialog       *dialog)
{
  if (self->certificate_dialog != dialog)
    return;
  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->certificate_dialog);
  self->certificate_dialog = NULL;
}

static void
show_certificate_dialog (PactaPreferencesWindow *self,
                         AdwMessageDialog       *dialog)
{
  if (self->certificate_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->certificate_dialog), (gpointer *) &self->certificate_dialog);
      gtk_window_destroy (GTK_WINDOW (self->certificate_dialog));
    }
  self->certificate_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->certificate_dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_certificate_dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  pacta_a11y_fix_mnemonics (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_certificate_message (PactaPreferencesWindow *self,
                          const char             *heading,
                          const char             *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  show_certificate_dialog (self, ADW_MESSAGE_DIALOG (dialog));
}

static void ask_password (PactaPreferencesWindow *self,
                          const char             *path,
                          const char             *problem);

static void
on_certificate_installed_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(PactaPreferencesWindow) self = user_data;
  g_autoptr(PactaVerifactuCertificate) installed = NULL;
  g_autoptr(GError) keyring_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  installed = pacta_verifactu_certificate_install_finish (PACTA_DATABASE (source), result, &keyring_error, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->context == NULL)
    return;   /* the window is gone */
  g_clear_object (&self->certificate_cancellable);
  path = g_steal_pointer (&self->certificate_path);
  sending_changed (self);

  if (installed == NULL)
    {
      if (g_error_matches (error, PACTA_ERROR, PACTA_ERROR_WRONG_PASSWORD))
        {
          g_autofree char *name = g_path_get_basename (path);
          /* Translators: %s is the certificate's file name */
          g_autofree char *problem = g_strdup_printf (_("That is not the password of “%s”. Try again: it is the one "
                                                        "given when the certificate was exported."), name);

          ask_password (self, path, problem);
        }
      else if (g_error_matches (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE))
        show_certificate_message (self, _("Not a Certificate Pacta Can Use"), error->message);
      else
        show_certificate_message (self, _("The Certificate Was Not Installed"), error->message);
      return;
    }

  if (keyring_error != NULL)
    /* Sending from the window reads the password from the keyring only */
    show_certificate_message (self, _("The Password Was Not Kept"),
                              _("The certificate is installed, but the keyring could not keep its password, and "
                                "Pacta sends the records with the password kept there. Make sure the keyring is "
                                "available and unlocked, then choose the certificate again."));
  else
    toast (self, _("Certificate installed; the records will be sent with it"));
}

static void
install_certificate (PactaPreferencesWindow *self,
                     const char             *path,
                     const char             *password)
{
  if (certificate_busy (self))
    return;
  self->certificate_cancellable = g_cancellable_new ();
  g_free (self->certificate_path);
  self->certificate_path = g_strdup (path);
  pacta_verifactu_certificate_install_async (pacta_context_get_database (self->context), path, password,
                                             self->certificate_cancellable, on_certificate_installed_cb,
                                             g_object_ref (self));
  update_sending (self);
}

static void
on_password_response_cb (AdwMessageDialog       *dialog,
                         const char             *response,
                         PactaPreferencesWindow *self)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);
  const char *path = g_object_get_data (G_OBJECT (dialog), "pacta-path");

  if (g_strcmp0 (response, "install") == 0)
    install_certificate (self, path, gtk_editable_get_text (GTK_EDITABLE (entry)));
  /* GtkPasswordEntry keeps it in secure memory; it goes now */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* GTK 4.8 tells a password entry its text lost focus after the entry is
 * gone, when its window let go of the focus only when it went: the focus
 * goes first */
static gboolean
on_password_close_request_cb (GtkWindow *dialog)
{
  gtk_window_set_focus (dialog, NULL);
  return FALSE;
}

/* The PKCS#12 file's password, with what was wrong the last time */
static void
ask_password (PactaPreferencesWindow *self,
              const char             *path,
              const char             *problem)
{
  g_autofree char *name = g_path_get_basename (path);
  /* Translators: %s is the certificate's file name */
  g_autofree char *body = problem != NULL ? g_strdup (problem)
                          : g_strdup_printf (_("Type the password of “%s”: the one given when the certificate "
                                               "was exported."), name);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Certificate Password"), body);
  GtkWidget *entry = gtk_password_entry_new ();

  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
  /* Enter installs: Install is the dialog's default widget */
  g_object_set (entry, "activates-default", TRUE, NULL);
  pacta_a11y_set_label (entry, _("Certificate password"));
  if (problem != NULL)
    gtk_widget_add_css_class (entry, "error");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "install", _("_Install"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "install", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "install");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "pacta-path", g_strdup (path), g_free);
  g_signal_connect (dialog, "close-request", G_CALLBACK (on_password_close_request_cb), NULL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_password_response_cb), self, 0);
  show_certificate_dialog (self, ADW_MESSAGE_DIALOG (dialog));
  gtk_widget_grab_focus (entry);
}

static void
on_certificate_chooser_response_cb (PactaPreferencesWindow *self,
                                    int                     response,
                                    GtkFileChooserNative   *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      pacta_preferences_window_choose_certificate (self, file);
    }
  g_clear_object (&self->certificate_chooser);
}

static void
on_choose_certificate_clicked_cb (PactaPreferencesWindow *self)
{
  g_autoptr(GtkFileFilter) p12 = gtk_file_filter_new ();

  if (self->certificate_chooser != NULL || certificate_busy (self))
    return;
  self->certificate_chooser = gtk_file_chooser_native_new (_("Choose the Certificate"), GTK_WINDOW (self),
                                                           GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (p12, _("Certificates (.p12, .pfx)"));
  gtk_file_filter_add_mime_type (p12, "application/x-pkcs12");
  gtk_file_filter_add_suffix (p12, "p12");
  gtk_file_filter_add_suffix (p12, "pfx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->certificate_chooser), p12);
  g_signal_connect_object (self->certificate_chooser, "response", G_CALLBACK (on_certificate_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->certificate_chooser));
}

static void
on_certificate_removed_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(PactaPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean removed = pacta_verifactu_certificate_remove_finish (PACTA_DATABASE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->context == NULL)
    return;
  g_clear_object (&self->certificate_cancellable);
  sending_changed (self);
  toast (self, removed ? _("Certificate removed; no records are sent until another is chosen") : error->message);
}

static void
on_remove_response_cb (AdwMessageDialog       *dialog,
                       const char             *response,
                       PactaPreferencesWindow *self)
{
  if (g_strcmp0 (response, "remove") != 0 || certificate_busy (self))
    return;
  self->certificate_cancellable = g_cancellable_new ();
  pacta_verifactu_certificate_remove_async (pacta_context_get_database (self->context), self->certificate_cancellable,
                                            on_certificate_removed_cb, g_object_ref (self));
  update_sending (self);
}

static void
on_remove_certificate_clicked_cb (PactaPreferencesWindow *self)
{
  GtkWidget *dialog;

  if (certificate_busy (self))
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Remove the Certificate?"),
                                   _("No invoice records are sent until another certificate is chosen. Pacta’s copy "
                                     "of it and its password in the keyring are deleted; the file you chose it from "
                                     "stays where it is."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, 0);
  show_certificate_dialog (self, ADW_MESSAGE_DIALOG (dialog));
}

static gboolean
save_environment (PactaPreferencesWindow *self)
{
  PactaDatabase *database = pacta_context_get_database (self->context);
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->environment_row));
  g_autoptr(PactaVerifactuSettings) settings = NULL;
  g_autoptr(GError) error = NULL;

  if (selected >= G_N_ELEMENTS (environments))
    return FALSE;
  /* The stored settings, the environment alone changed: what is being
   * typed above waits for its Save */
  if ((settings = pacta_verifactu_settings_load (database, &error)) != NULL)
    {
      g_free (settings->environment);
      settings->environment = g_strdup (environments[selected]);
    }
  if (settings == NULL || !pacta_verifactu_settings_save (database, settings, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The environment was not changed: %s"), error->message);

      toast (self, text);
      load_verifactu (self);
      return FALSE;
    }
  sending_changed (self);
  toast (self, selected == 1 ? _("The records will be sent to the test environment, where they have no legal effect")
                             : _("The records will be sent to the production environment"));
  return TRUE;
}

static void
on_environment_selected_cb (PactaPreferencesWindow *self)
{
  if (!self->loading_environment && self->context != NULL)
    save_environment (self);
}

static void
on_send_now_clicked_cb (PactaPreferencesWindow *self)
{
  if (self->sending == NULL)
    return;
  pacta_verifactu_service_send_now (self->sending);
  if (pacta_verifactu_service_get_state (self->sending) == PACTA_SENDING_IDLE)
    toast (self, _("Nothing to send: the tax agency has every record"));
}

static GtkWidget *
info_row (AdwPreferencesGroup *group,
          const char          *title)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* Names and messages from outside are shown as they are */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_group_add (group, row);
  return row;
}

static GtkWidget *
row_button (GtkWidget  *row,
            const char *label,
            const char *name)
{
  GtkWidget *button = pacta_a11y_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  pacta_a11y_set_label (button, name);
  if (row != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return button;
}

static GtkWidget *
sending_group (PactaPreferencesWindow *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *mode;
  GtkWidget *buttons = pacta_wrap_box_new ();

  adw_preferences_group_set_title (group, _("Sending to the Tax Agency"));
  adw_preferences_group_set_description (group,
                                         _("While Pacta runs it sends each record by itself, and keeps those it "
                                           "could not send until there is a network."));

  mode = info_row (group, _("Mode"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (mode),
                               _("VERI*FACTU: each record is sent to the tax agency as it is made. It is the only "
                                 "mode Pacta has for now."));

  gtk_string_list_append (names, _("Production"));
  gtk_string_list_append (names, _("Test environment"));
  self->environment_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->environment_row), _("Environment"));
  /* The choice as the subtitle: beside the title a long name would be cut short */
  adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (self->environment_row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (self->environment_row), G_LIST_MODEL (names));
  g_signal_connect_swapped (self->environment_row, "notify::selected", G_CALLBACK (on_environment_selected_cb), self);
  adw_preferences_group_add (group, self->environment_row);

  self->no_certificate_row = info_row (group, _("No Certificate"));
  self->choose_certificate = row_button (self->no_certificate_row, _("_Choose Certificate…"),
                                         _("Choose the certificate to send the records with"));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self->no_certificate_row), self->choose_certificate);
  g_signal_connect_swapped (self->choose_certificate, "clicked", G_CALLBACK (on_choose_certificate_clicked_cb), self);

  self->certificate_rows[CERT_HOLDER] = info_row (group, _("Certificate Holder"));
  self->certificate_rows[CERT_NIF] = info_row (group, _("NIF"));
  self->certificate_rows[CERT_ISSUER] = info_row (group, _("Issued By"));
  self->certificate_rows[CERT_EXPIRY] = info_row (group, _("Valid Until"));
  self->expiry_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->expiry_icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Warning"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (self->certificate_rows[CERT_EXPIRY]), self->expiry_icon);
  self->certificate_rows[CERT_FILE] = info_row (group, _("Certificate File"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->certificate_rows[CERT_FILE]),
                               _("Pacta keeps a copy only you can read, and its password in the keyring"));
  self->certificate_buttons[BUTTON_REPLACE] = row_button (NULL, _("_Replace…"), _("Replace the certificate"));
  self->certificate_buttons[BUTTON_REMOVE] = row_button (NULL, _("Re_move"), _("Remove the certificate"));
  g_signal_connect_swapped (self->certificate_buttons[BUTTON_REPLACE], "clicked",
                            G_CALLBACK (on_choose_certificate_clicked_cb), self);
  g_signal_connect_swapped (self->certificate_buttons[BUTTON_REMOVE], "clicked",
                            G_CALLBACK (on_remove_certificate_clicked_cb), self);
  /* One under the other in a narrow window */
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  pacta_wrap_box_set_spacing (PACTA_WRAP_BOX (buttons), 6);
  pacta_wrap_box_set_line_spacing (PACTA_WRAP_BOX (buttons), 6);
  pacta_wrap_box_set_justify (PACTA_WRAP_BOX (buttons), GTK_JUSTIFY_RIGHT);
  pacta_wrap_box_append (PACTA_WRAP_BOX (buttons), self->certificate_buttons[BUTTON_REPLACE]);
  pacta_wrap_box_append (PACTA_WRAP_BOX (buttons), self->certificate_buttons[BUTTON_REMOVE]);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->certificate_rows[CERT_FILE]), buttons);

  self->records_row = info_row (group, _("Invoice Records"));
  self->send_now = row_button (self->records_row, _("Se_nd Now"), _("Send the invoice records now"));
  g_signal_connect_swapped (self->send_now, "clicked", G_CALLBACK (on_send_now_clicked_cb), self);
  self->reply_row = info_row (group, _("Last Reply"));

  for (guint i = 0; i < G_N_ELEMENTS (self->certificate_rows); i++)
    gtk_widget_set_visible (self->certificate_rows[i], FALSE);
  return GTK_WIDGET (group);
}

static gboolean
save_msp (PactaPreferencesWindow *self)
{
  g_autoptr(PactaBillingInfo) details = pacta_billing_info_new (0);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  const char *const *fields = pacta_msp_fields ();

  for (guint i = 0; fields[i] != NULL; i++)
    {
      GtkWidget *row = g_hash_table_lookup (self->msp_rows, fields[i]);

      gtk_widget_remove_css_class (row, "error");
      g_object_set (details, fields[i], gtk_editable_get_text (GTK_EDITABLE (row)), NULL);
    }

  pacta_billing_info_normalize (details);
  problems = pacta_billing_info_check (details);
  for (guint i = 0; i < problems->len; i++)
    {
      PactaFieldProblem *problem = g_ptr_array_index (problems, i);
      GtkWidget *row = g_hash_table_lookup (self->msp_rows, problem->field);

      if (row != NULL)
        gtk_widget_add_css_class (row, "error");
    }

  gtk_widget_remove_css_class (self->iban_row, "error");
  if (*gtk_editable_get_text (GTK_EDITABLE (self->iban_row)) != '\0' &&
      !pacta_iban_is_valid (gtk_editable_get_text (GTK_EDITABLE (self->iban_row))))
    gtk_widget_add_css_class (self->iban_row, "error");

  if (!pacta_msp_save (pacta_context_get_database (self->context), details,
                       gtk_editable_get_text (GTK_EDITABLE (self->iban_row)), &error))
    {
      toast (self, error->message);
      return FALSE;
    }
  load_msp (self);
  toast (self, _("Company details saved; new invoices will show them"));
  return TRUE;
}

static void
on_msp_save_clicked_cb (PactaPreferencesWindow *self)
{
  save_msp (self);
}

static GtkWidget *
build_msp_page (PactaPreferencesWindow *self)
{
  static const struct { const char *field; const char *title; } rows[] = {
    { "business-name", N_("Business Name") },
    { "vat-number",    N_("VAT Number") },
    { "street",        N_("Street") },
    { "number",        N_("Number") },
    { "postal-code",   N_("Postal Code") },
    { "city",          N_("City") },
    { "state",         N_("State or Province") },
    { "country",       N_("Country Code") },
    { "invoice-email", N_("Email") },
    { "phone",         N_("Phone") },
  };
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *save = pacta_a11y_button_new_with_mnemonic (_("_Save"));

  self->msp_rows = g_hash_table_new (g_str_hash, g_str_equal);
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (page), "invoicing");
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("Invoicing"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "emblem-documents-symbolic");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Your Company"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Printed at the top of every invoice. Issued invoices keep the details "
                                           "they were issued with."));
  gtk_widget_set_valign (save, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (save, "suggested-action");
  pacta_a11y_set_label (save, _("Save company details"));
  g_signal_connect_swapped (save, "clicked", G_CALLBACK (on_msp_save_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), save);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(rows[i].title));
      /* Enter in any field saves, like the button */
      g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (on_msp_save_clicked_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_hash_table_insert (self->msp_rows, (gpointer) rows[i].field, row);
    }
  /* Printed for customers who pay by transfer */
  self->iban_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->iban_row), _("IBAN"));
  g_signal_connect_swapped (self->iban_row, "entry-activated", G_CALLBACK (on_msp_save_clicked_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->iban_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (defaults_group (self)));

  self->invoice_numbering = numbering_group (_("Invoice Numbers"),
                                             _("Numbers continue your accounting software’s: no gaps, never reused."),
                                             _("Save invoice numbering"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (self->invoice_numbering));
  self->credit_numbering = numbering_group (_("Credit Note Numbers"),
                                            _("Credit notes have their own sequence."),
                                            _("Save credit note numbering"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (self->credit_numbering));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (verifactu_group (self)));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (sending_group (self)));
  return page;
}

/* ---- numbering ---------------------------------------------------------- */

static const char *
editor_kind (PactaPreferencesWindow *self,
             GtkWidget              *editor)
{
  return editor == self->invoice_numbering ? "invoice" : "credit_note";
}

static void
load_numbering (PactaPreferencesWindow *self)
{
  GtkWidget *editors[] = { self->invoice_numbering, self->credit_numbering };

  if (self->context == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (editors); i++)
    {
      g_autoptr(PactaNumbering) numbering = pacta_numbering_load (pacta_context_get_database (self->context),
                                                                  editor_kind (self, editors[i]), NULL);

      if (numbering != NULL)
        pacta_numbering_editor_set_numbering (PACTA_NUMBERING_EDITOR (editors[i]), numbering);
    }
}

static gboolean
save_numbering (PactaPreferencesWindow *self,
                GtkWidget              *editor)
{
  PactaDatabase *database = pacta_context_get_database (self->context);
  g_autoptr(PactaNumbering) numbering = pacta_numbering_load (database, editor_kind (self, editor), NULL);
  g_autoptr(GError) error = NULL;

  if (numbering == NULL)
    return FALSE;
  /* Saving keeps whether the numbering was confirmed for billing */
  if (!pacta_numbering_editor_apply (PACTA_NUMBERING_EDITOR (editor), numbering, &error) ||
      !pacta_numbering_save (database, numbering, &error))
    {
      toast (self, error->message);
      return FALSE;
    }
  toast (self, editor == self->invoice_numbering ? _("Invoice numbering saved") : _("Credit note numbering saved"));
  return TRUE;
}

static void
on_numbering_save_clicked_cb (GtkButton *button,
                              GtkWidget *editor)
{
  PactaPreferencesWindow *self = PACTA_PREFERENCES_WINDOW (gtk_widget_get_root (GTK_WIDGET (button)));

  save_numbering (self, editor);
}

static GtkWidget *
numbering_group (const char *title,
                 const char *description,
                 const char *save_name)
{
  GtkWidget *editor = pacta_numbering_editor_new ();
  GtkWidget *save = pacta_a11y_button_new_with_mnemonic (_("_Save"));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (editor), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (editor), description);
  gtk_widget_set_valign (save, GTK_ALIGN_CENTER);
  pacta_a11y_set_label (save, save_name);
  g_signal_connect (save, "clicked", G_CALLBACK (on_numbering_save_clicked_cb), editor);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (editor), save);
  return editor;
}

/* For tests: the numbering editors and their Save */
PactaNumberingEditor *
pacta_preferences_window_get_numbering_editor (PactaPreferencesWindow *self,
                                               const char             *kind)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), NULL);

  return PACTA_NUMBERING_EDITOR (g_strcmp0 (kind, "invoice") == 0 ? self->invoice_numbering : self->credit_numbering);
}

gboolean
pacta_preferences_window_save_numbering (PactaPreferencesWindow *self,
                                         const char             *kind)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), FALSE);

  return save_numbering (self, GTK_WIDGET (pacta_preferences_window_get_numbering_editor (self, kind)));
}

/* For tests: types into one of the company's fields, as a user would */
void
pacta_preferences_window_set_msp_field (PactaPreferencesWindow *self,
                                        const char             *field,
                                        const char             *text)
{
  GtkWidget *row;

  g_return_if_fail (PACTA_IS_PREFERENCES_WINDOW (self));
  row = g_strcmp0 (field, "iban") == 0 ? self->iban_row : g_hash_table_lookup (self->msp_rows, field);
  g_return_if_fail (row != NULL);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* For tests: presses Save; FALSE when a field was refused */
gboolean
pacta_preferences_window_save_msp (PactaPreferencesWindow *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), FALSE);

  return save_msp (self);
}

/* For tests: the defaults as a user would set them, then Save */
gboolean
pacta_preferences_window_save_defaults (PactaPreferencesWindow *self,
                                        const char             *currency,
                                        const char             *tax_rate)
{
  const char *const *codes = pacta_currencies ();

  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), FALSE);

  for (guint i = 0; codes[i] != NULL; i++)
    if (g_strcmp0 (codes[i], currency) == 0)
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->currency_row), i);
  gtk_editable_set_text (GTK_EDITABLE (self->tax_rate_row), tax_rate);
  return save_defaults (self);
}

/* For tests: the rules switched and the NIF typed, as a user would, then Save */
gboolean
pacta_preferences_window_save_verifactu (PactaPreferencesWindow *self,
                                         gboolean                enabled,
                                         const char             *issuer_nif)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), FALSE);

  gtk_switch_set_active (GTK_SWITCH (self->verifactu_switch), enabled);
  gtk_editable_set_text (GTK_EDITABLE (self->verifactu_rows[ROW_NIF]), issuer_nif);
  return save_verifactu (self);
}

/* For tests: presses Verify Records; whether the chain is intact */
gboolean
pacta_preferences_window_verify_records (PactaPreferencesWindow *self)
{
  g_autoptr(PactaVerifactuCheck) check = NULL;

  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), FALSE);

  check = verify_records (self);
  return check != NULL && check->intact;
}

/* For tests: whether a field is marked as wrong */
gboolean
pacta_preferences_window_msp_field_has_error (PactaPreferencesWindow *self,
                                              const char             *field)
{
  GtkWidget *row;

  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), FALSE);
  if (g_strcmp0 (field, "tax-rate") == 0)
    row = self->tax_rate_row;
  else
    row = g_strcmp0 (field, "iban") == 0 ? self->iban_row : g_hash_table_lookup (self->msp_rows, field);
  g_return_val_if_fail (row != NULL, FALSE);

  return gtk_widget_has_css_class (row, "error");
}

static void
pacta_preferences_window_dispose (GObject *object)
{
  PactaPreferencesWindow *self = (PactaPreferencesWindow *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->certificate_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->certificate_chooser));
  g_clear_object (&self->certificate_chooser);
  /* What is under way finishes on its own thread; its answer is not wanted */
  g_cancellable_cancel (self->certificate_cancellable);
  g_clear_object (&self->certificate_cancellable);
  if (self->certificate_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->certificate_dialog), (gpointer *) &self->certificate_dialog);
      gtk_window_destroy (GTK_WINDOW (self->certificate_dialog));
      self->certificate_dialog = NULL;
    }
  if (self->sending != NULL)
    g_signal_handlers_disconnect_by_data (self->sending, self);
  g_clear_object (&self->sending);
  g_clear_pointer (&self->certificate, pacta_verifactu_certificate_free);
  g_clear_pointer (&self->certificate_path, g_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->staff_rows, g_ptr_array_unref);
  g_clear_pointer (&self->msp_rows, g_hash_table_unref);
  g_clear_pointer (&self->backup_rows, g_ptr_array_unref);
  g_clear_pointer (&self->backups, g_ptr_array_unref);
  g_clear_object (&self->catalog);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pacta_preferences_window_parent_class)->dispose (object);
}

static void
pacta_preferences_window_class_init (PactaPreferencesWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pacta_preferences_window_dispose;
}

static void
pacta_preferences_window_init (PactaPreferencesWindow *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *buttons = pacta_wrap_box_new ();
  GtkWidget *import = pacta_a11y_button_new_with_mnemonic (_("_Import Catalog…"));
  GtkWidget *add = pacta_a11y_button_new_with_mnemonic (_("_Add Item"));

  self->rows = g_ptr_array_new_with_free_func (item_row_free);
  pacta_a11y_name_preferences_search (ADW_PREFERENCES_WINDOW (self));

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("Catalog"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "view-list-symbolic");

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Products and Services"));
  adw_preferences_group_set_description (self->group,
                                         _("Prices are per unit and month, with up to 4 decimals. "
                                           "New contracts take these prices; existing contracts keep theirs."));
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (import, "clicked", G_CALLBACK (on_import_clicked_cb), self);
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_add_item_clicked_cb), self);
  /* The two buttons go one under the other in a narrow window */
  pacta_wrap_box_set_spacing (PACTA_WRAP_BOX (buttons), 6);
  pacta_wrap_box_set_line_spacing (PACTA_WRAP_BOX (buttons), 6);
  pacta_wrap_box_set_justify (PACTA_WRAP_BOX (buttons), GTK_JUSTIFY_RIGHT);
  pacta_wrap_box_append (PACTA_WRAP_BOX (buttons), add);
  pacta_wrap_box_append (PACTA_WRAP_BOX (buttons), import);
  adw_preferences_group_set_header_suffix (self->group, buttons);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->group);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));
  /* Helpdesk: the staff who take tickets */
  {
    GtkWidget *helpdesk = adw_preferences_page_new ();
    GtkWidget *add_staff = adw_entry_row_new ();

    self->staff_rows = g_ptr_array_new ();
    adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (helpdesk), _("Helpdesk"));
    adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (helpdesk), "system-users-symbolic");
    self->staff_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
    adw_preferences_group_set_title (self->staff_group, _("Staff"));
    adw_preferences_group_set_description (self->staff_group, _("The people tickets can be assigned to."));
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add_staff), _("Add a staff member"));
    adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (add_staff), TRUE);
    g_signal_connect (add_staff, "apply", G_CALLBACK (on_staff_apply_cb), self);
    adw_preferences_group_add (self->staff_group, add_staff);
    adw_preferences_page_add (ADW_PREFERENCES_PAGE (helpdesk), self->staff_group);
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (helpdesk));
  }

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (build_msp_page (self)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (build_backups_page (self)));

  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 780, 680);

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
  self->context = g_object_ref (context);
  /* The main window's sender, also when opened from one of its dialogs */
  for (GtkWindow *window = parent; window != NULL; window = gtk_window_get_transient_for (window))
    if (PACTA_IS_WINDOW (window))
      {
        if (pacta_window_get_context (PACTA_WINDOW (window)) == context)
          pacta_preferences_window_set_sending (self, pacta_window_get_sending (PACTA_WINDOW (window)));
        break;
      }
  reload (self);
  reload_staff (self);
  load_msp (self);
  load_defaults (self);
  load_numbering (self);
  load_verifactu (self);
  update_sending (self);
  reload_backups (self);
  return self;
}

guint
pacta_preferences_window_get_n_items (PactaPreferencesWindow *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), 0);

  return self->rows->len;
}

/* For tests: types a price into an item and saves it */
gboolean
pacta_preferences_window_set_price (PactaPreferencesWindow *self,
                                    guint                   position,
                                    const char             *price)
{
  ItemRow *row;

  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), FALSE);
  g_return_val_if_fail (position < self->rows->len, FALSE);

  row = g_ptr_array_index (self->rows, position);
  gtk_editable_set_text (GTK_EDITABLE (row->price), price);
  return save_row (row);
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
  g_return_if_fail (sending == NULL || PACTA_IS_VERIFACTU_SERVICE (sending));

  if (self->sending == sending)
    return;
  if (self->sending != NULL)
    g_signal_handlers_disconnect_by_data (self->sending, self);
  g_set_object (&self->sending, sending);
  if (sending != NULL)
    g_signal_connect_swapped (sending, "changed", G_CALLBACK (on_sending_changed_cb), self);
  update_records (self);
}

/* For tests: the environment chosen as a user would (PACTA_VERIFACTU_PRODUCTION
 * or _TEST); whether it was saved */
gboolean
pacta_preferences_window_set_environment (PactaPreferencesWindow *self,
                                          const char             *environment)
{
  g_autoptr(PactaVerifactuSettings) settings = NULL;

  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (environments); i++)
    if (g_strcmp0 (environments[i], environment) == 0)
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->environment_row), i);
  settings = pacta_verifactu_settings_load (pacta_context_get_database (self->context), NULL);
  return settings != NULL && g_strcmp0 (settings->environment, environment) == 0;
}

/**
 * pacta_preferences_window_choose_certificate:
 *
 * What choosing @file in Choose Certificate…'s file chooser does: asks for
 * its password (pacta_preferences_window_get_certificate_dialog()), then
 * installs it.
 */
void
pacta_preferences_window_choose_certificate (PactaPreferencesWindow *self,
                                             GFile                  *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (PACTA_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (certificate_busy (self))
    return;
  if (!(path = g_file_get_path (file)))
    {
      show_certificate_message (self, _("Not a Certificate Pacta Can Use"),
                                _("Choose a certificate file on this computer: a .p12 or .pfx file"));
      return;
    }
  ask_password (self, path, NULL);
}

/* For tests: the certificate's question or message shown now, if any */
AdwMessageDialog *
pacta_preferences_window_get_certificate_dialog (PactaPreferencesWindow *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), NULL);

  return self->certificate_dialog;
}

/* For tests: whether a certificate is being installed or removed */
gboolean
pacta_preferences_window_get_certificate_busy (PactaPreferencesWindow *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_WINDOW (self), FALSE);

  return certificate_busy (self);
}
