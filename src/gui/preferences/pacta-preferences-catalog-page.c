/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-catalog-page.c: the catalog, item by item — name, description, unit,
 * price and cost to 4 decimals — and Import catalog… for a whole price list. */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-a11y.h"
#include "pacta-catalog.h"
#include "pacta-money.h"
#include "pacta-preferences-catalog-page-private.h"
#include "pacta-wrap-box.h"

struct _PactaPreferencesCatalogPage
{
  AdwPreferencesPage    parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *group;

  /* Owned */
  PactaContext         *context;
  GListModel           *catalog;
  GPtrArray            *rows;      /* ItemRow, as shown */
  GtkFileChooserNative *chooser;
  GCancellable         *importing;   /* (nullable): an import under way */
};

G_DEFINE_FINAL_TYPE (PactaPreferencesCatalogPage, pacta_preferences_catalog_page, ADW_TYPE_PREFERENCES_PAGE)

/* One item's expander row and its fields; built in code, one per item */
typedef struct
{
  PactaPreferencesCatalogPage *page;   /* borrowed: the rows die with it */
  PactaCatalogItem            *item;
  GtkWidget                   *expander;
  GtkWidget                   *name;
  GtkWidget                   *description;
  GtkWidget                   *sku;
  GtkWidget                   *unit;
  GtkWidget                   *price;
  GtkWidget                   *cost;
  GtkWidget                   *taxable;
  GtkWidget                   *active;
} ItemRow;

static void
item_row_free (gpointer data)
{
  ItemRow *row = data;

  g_clear_object (&row->item);
  g_free (row);
}

/* The preferences window shows it */
static void
toast (PactaPreferencesCatalogPage *self,
       const char                  *text)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "preferences.toast", "s", text);
}

static char *
price_summary (PactaPreferencesCatalogPage *self,
               PactaCatalogItem            *item)
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
  PactaPreferencesCatalogPage *self = row->page;
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
add_item_row (PactaPreferencesCatalogPage *self,
              PactaCatalogItem            *item)
{
  ItemRow *row = g_new0 (ItemRow, 1);
  GtkWidget *save_row_widget = adw_action_row_new ();
  GtkWidget *save = pacta_a11y_button_new_with_mnemonic (_("_Save"));
  g_autofree char *summary = price_summary (self, item);
  g_autofree char *price = pacta_catalog_item_get_has_price (item)
                           ? pacta_decimal_format (pacta_catalog_item_get_price (item), 4) : NULL;
  g_autofree char *cost = pacta_decimal_format (pacta_catalog_item_get_cost (item), 4);
  g_autofree char *save_label = g_strdup_printf (_("Save %s"), pacta_catalog_item_get_name (item));

  row->page = self;
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
on_add_item_clicked_cb (PactaPreferencesCatalogPage *self)
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

static void
on_catalog_imported_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(PactaPreferencesCatalogPage) self = user_data;
  PactaCatalogImportReport report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean imported;

  /* Finished even when the page is gone: the lists then show the import */
  imported = pacta_context_import_catalog_finish (PACTA_CONTEXT (source), result, &report, &error);
  if (self->importing == NULL)
    return;   /* the page is gone */
  g_clear_object (&self->importing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->group), TRUE);

  if (!imported)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                  _("Nothing Was Imported"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      pacta_a11y_fix_mnemonics (GTK_WIDGET (dialog));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  text = g_strdup_printf (_("Catalog imported: %u added, %u updated"), report.created, report.updated);
  toast (self, text);
  pacta_preferences_catalog_page_reload (self);
}

/* On a worker connection, all or nothing; the items can't be edited meanwhile */
static void
import_catalog (PactaPreferencesCatalogPage *self,
                GFile                       *file)
{
  if (self->importing != NULL || self->context == NULL)
    return;
  self->importing = g_cancellable_new ();
  gtk_widget_set_sensitive (GTK_WIDGET (self->group), FALSE);
  pacta_context_import_catalog_async (self->context, file, self->importing, on_catalog_imported_cb,
                                      g_object_ref (self));
}

static void
on_chooser_response_cb (PactaPreferencesCatalogPage *self,
                        int                          response,
                        GtkFileChooserNative        *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      import_catalog (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
on_import_clicked_cb (PactaPreferencesCatalogPage *self)
{
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();

  if (self->chooser != NULL || self->importing != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Import Catalog"), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
pacta_preferences_catalog_page_dispose (GObject *object)
{
  PactaPreferencesCatalogPage *self = (PactaPreferencesCatalogPage *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  /* An import asked for is not cancelled: it finishes, unseen */
  g_clear_object (&self->importing);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->catalog);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_PREFERENCES_CATALOG_PAGE);

  G_OBJECT_CLASS (pacta_preferences_catalog_page_parent_class)->dispose (object);
}

static void
pacta_preferences_catalog_page_class_init (PactaPreferencesCatalogPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_preferences_catalog_page_dispose;

  g_type_ensure (PACTA_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pacta/Pacta/ui/preferences/pacta-preferences-catalog-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesCatalogPage, group);
  gtk_widget_class_bind_template_callback (widget_class, on_add_item_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked_cb);
}

static void
pacta_preferences_catalog_page_init (PactaPreferencesCatalogPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pacta_a11y_fix_mnemonics (GTK_WIDGET (self));
  self->rows = g_ptr_array_new_with_free_func (item_row_free);
}

void
pacta_preferences_catalog_page_set_context (PactaPreferencesCatalogPage *self,
                                            PactaContext                *context)
{
  g_return_if_fail (PACTA_IS_PREFERENCES_CATALOG_PAGE (self));
  g_return_if_fail (context == NULL || PACTA_IS_CONTEXT (context));

  if (g_set_object (&self->context, context))
    pacta_preferences_catalog_page_reload (self);
}

/**
 * pacta_preferences_catalog_page_reload:
 *
 * Lists the catalog anew: after an import, or when the currency its prices
 * are shown in changed.
 */
void
pacta_preferences_catalog_page_reload (PactaPreferencesCatalogPage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PACTA_IS_PREFERENCES_CATALOG_PAGE (self));

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

/* For tests: what choosing @file in Import Catalog…'s file chooser does,
 * waiting until the import is done */
void
pacta_preferences_catalog_page_import_catalog (PactaPreferencesCatalogPage *self,
                                               GFile                       *file)
{
  g_return_if_fail (PACTA_IS_PREFERENCES_CATALOG_PAGE (self));

  import_catalog (self, file);
  while (self->importing != NULL)
    g_main_context_iteration (NULL, TRUE);
}

guint
pacta_preferences_catalog_page_get_n_items (PactaPreferencesCatalogPage *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_CATALOG_PAGE (self), 0);

  return self->rows->len;
}

/* For tests: types a price into an item and saves it */
gboolean
pacta_preferences_catalog_page_set_price (PactaPreferencesCatalogPage *self,
                                          guint                        position,
                                          const char                  *price)
{
  ItemRow *row;

  g_return_val_if_fail (PACTA_IS_PREFERENCES_CATALOG_PAGE (self), FALSE);
  g_return_val_if_fail (position < self->rows->len, FALSE);

  row = g_ptr_array_index (self->rows, position);
  gtk_editable_set_text (GTK_EDITABLE (row->price), price);
  return save_row (row);
}
