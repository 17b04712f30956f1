/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-sales-item-dialog.c: customer, invoice date and lines of a sales item, totals live.
 * Choosing a customer without billing information opens the billing prompt
 * first: after Save the item continues with that customer, after Cancel the
 * customer is not taken. A billed item opens read-only. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pacta-a11y.h"
#include "pacta-billing-dialog.h"
#include "pacta-billing-info-table.h"
#include "pacta-catalog-item.h"
#include "pacta-contract.h"
#include "pacta-date-row.h"
#include "pacta-date.h"
#include "pacta-error.h"
#include "pacta-money.h"
#include "pacta-sales-item-dialog-private.h"
#include "pacta-text.h"
#include "pacta-wrap-box.h"
#include "pacta-widget-walk.h"

struct _PactaSalesItemDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkButton           *save_button;
  GtkLabel            *message_label;
  GtkDropDown         *customer_dropdown;
  AdwEntryRow         *date_row;
  AdwEntryRow         *description_row;
  AdwPreferencesGroup *lines_group;
  GtkDropDown         *item_dropdown;
  GtkLabel            *total_label;
  GtkWidget           *add_box;

  /* Owned */
  PactaContext        *context;
  PactaSalesItem      *item;
  GListStore          *lines;
  GListModel          *catalog;
  GPtrArray           *rows;
  gint64               customer_id;       /* the customer the item is for, once accepted */
  gboolean             read_only;
  gboolean             prompting;
};

G_DEFINE_FINAL_TYPE (PactaSalesItemDialog, pacta_sales_item_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild_lines (PactaSalesItemDialog *self);

static void
show_message (PactaSalesItemDialog *self,
              const char           *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
update_total (PactaSalesItemDialog *self)
{
  gint64 total = 0;
  g_autofree char *money = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->lines)); i++)
    {
      g_autoptr(PactaSalesItemLine) line = g_list_model_get_item (G_LIST_MODEL (self->lines), i);
      total += pacta_sales_item_line_get_value (line);
    }
  money = pacta_money_format (total, pacta_context_get_currency (self->context));
  /* Translators: the sales item's total before tax */
  text = g_strdup_printf (_("Total before tax: %s"), money);
  gtk_label_set_label (self->total_label, text);
}

/* ---- customer ---------------------------------------------------------- */

static guint
position_of_customer (PactaSalesItemDialog *self,
                      gint64                customer_id)
{
  guint position = GTK_INVALID_LIST_POSITION;

  pacta_customer_store_find (pacta_context_get_customers (self->context), customer_id, &position);
  return position;
}

static void on_customer_selected_cb (PactaSalesItemDialog *self);

static void
select_customer_row (PactaSalesItemDialog *self,
                     gint64                customer_id)
{
  g_signal_handlers_block_by_func (self->customer_dropdown, on_customer_selected_cb, self);
  gtk_drop_down_set_selected (self->customer_dropdown,
                              customer_id > 0 ? position_of_customer (self, customer_id) : GTK_INVALID_LIST_POSITION);
  g_signal_handlers_unblock_by_func (self->customer_dropdown, on_customer_selected_cb, self);
}

typedef struct
{
  PactaSalesItemDialog *dialog;
  gint64                customer_id;
} Prompt;

static void
on_prompt_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Prompt *prompt = user_data;
  PactaSalesItemDialog *self = prompt->dialog;
  g_autoptr(GError) error = NULL;

  self->prompting = FALSE;
  if (pacta_billing_dialog_prompt_finish (result, &error))
    self->customer_id = prompt->customer_id;

  /* Cancelled: the customer is not taken, the previous one stays */
  select_customer_row (self, self->customer_id);
  show_message (self, NULL);
  g_object_unref (self);
  g_free (prompt);
}

static void
take_customer (PactaSalesItemDialog *self,
               gint64                customer_id)
{
  g_autoptr(GError) error = NULL;
  Prompt *prompt;

  if (customer_id == self->customer_id || self->prompting)
    return;

  if (pacta_context_require_billing_info (self->context, customer_id, &error))
    {
      self->customer_id = customer_id;
      return;
    }

  if (!g_error_matches (error, PACTA_ERROR, PACTA_ERROR_BILLING_INFO_REQUIRED))
    {
      show_message (self, error->message);
      select_customer_row (self, self->customer_id);
      return;
    }

  /* Ask for the billing information before the customer is taken */
  prompt = g_new0 (Prompt, 1);
  prompt->dialog = g_object_ref (self);
  prompt->customer_id = customer_id;
  self->prompting = TRUE;
  pacta_billing_dialog_prompt (GTK_WINDOW (self), self->context, customer_id,
                               _("Sales items are billed, so the customer needs billing information first."),
                               on_prompt_done_cb, prompt);
}

static void
on_customer_selected_cb (PactaSalesItemDialog *self)
{
  g_autoptr(PactaCustomer) customer = NULL;

  if (gtk_drop_down_get_selected (self->customer_dropdown) == GTK_INVALID_LIST_POSITION)
    return;
  customer = g_list_model_get_item (gtk_drop_down_get_model (self->customer_dropdown),
                                    gtk_drop_down_get_selected (self->customer_dropdown));
  if (customer != NULL)
    take_customer (self, pacta_customer_get_id (customer));
}

/* ---- lines ------------------------------------------------------------- */

typedef enum { LINE_DESCRIPTION, LINE_QUANTITY, LINE_PRICE, LINE_DISCOUNT } LineField;

static void
on_line_changed_cb (GtkEditable          *editable,
                    PactaSalesItemDialog *self)
{
  PactaSalesItemLine *line = g_object_get_data (G_OBJECT (editable), "pacta-line");
  LineField field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (editable), "pacta-field"));
  g_autofree char *text = g_strstrip (g_strdelimit (g_strdup (gtk_editable_get_text (editable)), ",", '.'));
  gboolean ok = TRUE;
  gint64 value = 0;

  switch (field)
    {
    case LINE_DESCRIPTION:
      pacta_sales_item_line_set_description (line, gtk_editable_get_text (editable));
      break;
    case LINE_QUANTITY:
      if ((ok = pacta_decimal_parse (text, &value) && value >= 0))
        pacta_sales_item_line_set_quantity (line, value);
      break;
    case LINE_PRICE:
      if ((ok = pacta_decimal_parse (text, &value) && value >= 0))
        pacta_sales_item_line_set_unit_price (line, value);
      break;
    case LINE_DISCOUNT:
      if (text[0] == '\0')
        pacta_sales_item_line_set_discount (line, 0);
      else if ((ok = pacta_decimal_parse (text, &value) && value >= 0 && value <= 100 * PACTA_DECIMAL_SCALE &&
                     value % 100 == 0))
        pacta_sales_item_line_set_discount (line, (int)(value / 100));
      break;
    default:
      g_assert_not_reached ();
    }

  g_object_set_data (G_OBJECT (editable), "pacta-invalid", GINT_TO_POINTER (!ok));
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
  update_total (self);
}

static void
on_remove_line_cb (GtkButton            *button,
                   PactaSalesItemDialog *self)
{
  PactaSalesItemLine *line = g_object_get_data (G_OBJECT (button), "pacta-line");
  guint position;

  if (g_list_store_find (self->lines, line, &position))
    g_list_store_remove (self->lines, position);
  rebuild_lines (self);
}

static void
add_field (PactaSalesItemDialog *self,
           GtkWidget            *expander,
           PactaSalesItemLine   *line,
           LineField             field,
           const char           *title,
           const char           *text,
           guint                 number)
{
  GtkWidget *row = adw_entry_row_new ();
  /* Translators: accessible name of a line's field: field, line number */
  g_autofree char *label = g_strdup_printf (_("%s, line %u"), title, number);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* Alone: GTK 4.8 would add the title after it */
  pacta_a11y_set_label (row, label);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  gtk_editable_set_editable (GTK_EDITABLE (row), !self->read_only);
  g_object_set_data (G_OBJECT (row), "pacta-line", line);
  g_object_set_data (G_OBJECT (row), "pacta-field", GINT_TO_POINTER (field));
  g_signal_connect (row, "changed", G_CALLBACK (on_line_changed_cb), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
}

/* A line's description in its header: the first line, cut short. All of it
 * is in the Description field below; a label wrapping thousands of
 * characters without a space would keep the window busy for a minute. */
static char *
line_summary (const char *description)
{
  g_autofree char *first = g_strndup (description != NULL ? description : "",
                                      strcspn (description != NULL ? description : "", "\r\n"));

  return pacta_text_excerpt (first, 80);
}

static void
rebuild_lines (PactaSalesItemDialog *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->lines_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->lines)); i++)
    {
      g_autoptr(PactaSalesItemLine) line = g_list_model_get_item (G_LIST_MODEL (self->lines), i);
      GtkWidget *expander = adw_expander_row_new ();
      const char *description = pacta_sales_item_line_get_description (line);
      g_autofree char *summary = line_summary (description);
      g_autofree char *title = NULL;

      if (pacta_sales_item_line_get_is_note (line))
        /* Translators: a text-only line; %u is its number */
        title = g_strdup_printf (_("Note, line %u"), i + 1);
      else
        title = g_strdup_printf (_("Line %u"), i + 1);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), summary);
      pacta_a11y_name_expander_row (ADW_EXPANDER_ROW (expander));

      add_field (self, expander, line, LINE_DESCRIPTION, _("Description"), description, i + 1);
      if (!pacta_sales_item_line_get_is_note (line))
        {
          g_autofree char *quantity = pacta_decimal_format (pacta_sales_item_line_get_quantity (line), 4);
          g_autofree char *price = pacta_decimal_format (pacta_sales_item_line_get_unit_price (line), 4);
          g_autofree char *discount = pacta_percent_format (pacta_sales_item_line_get_discount (line));

          add_field (self, expander, line, LINE_QUANTITY, _("Quantity"), quantity, i + 1);
          add_field (self, expander, line, LINE_PRICE, _("Unit price"), price, i + 1);
          add_field (self, expander, line, LINE_DISCOUNT, _("Discount (%)"), discount, i + 1);
        }

      if (!self->read_only)
        {
          GtkWidget *remove_row = adw_action_row_new ();
          GtkWidget *remove = pacta_a11y_button_new_with_mnemonic (_("_Remove Line"));
          g_autofree char *remove_label = g_strdup_printf (_("Remove line %u"), i + 1);

          pacta_a11y_set_label (remove, remove_label);
          /* The row has no title: it is named for its button */
          gtk_accessible_update_property (GTK_ACCESSIBLE (remove_row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          remove_label, -1);
          gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (remove, "destructive-action");
          g_object_set_data (G_OBJECT (remove), "pacta-line", line);
          g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_line_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (remove_row), remove);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), remove_row);
        }

      adw_preferences_group_add (self->lines_group, expander);
      g_ptr_array_add (self->rows, expander);
    }
  update_total (self);
}

static void
append_line (PactaSalesItemDialog *self,
             PactaSalesItemLine   *line)
{
  g_list_store_append (self->lines, line);
  rebuild_lines (self);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (g_ptr_array_index (self->rows, self->rows->len - 1)), TRUE);
}

static void
on_add_line_cb (PactaSalesItemDialog *self)
{
  g_autoptr(PactaCatalogItem) item = NULL;
  g_autoptr(PactaSalesItemLine) line = NULL;

  if (self->catalog != NULL)
    item = g_list_model_get_item (self->catalog, gtk_drop_down_get_selected (self->item_dropdown));

  line = g_object_new (PACTA_TYPE_SALES_ITEM_LINE, "quantity", PACTA_DECIMAL_SCALE, NULL);
  if (item != NULL)
    g_object_set (line,
                  "catalog-item-id", pacta_catalog_item_get_id (item),
                  "item-name", pacta_catalog_item_get_name (item),
                  "description", pacta_catalog_item_get_name (item),
                  "unit-price", pacta_catalog_item_get_has_price (item) ? pacta_catalog_item_get_price (item) : 0,
                  NULL);
  append_line (self, line);
}

static void
on_add_note_cb (PactaSalesItemDialog *self)
{
  g_autoptr(PactaSalesItemLine) line = g_object_new (PACTA_TYPE_SALES_ITEM_LINE, "is-note", TRUE, NULL);

  append_line (self, line);
}

/* ---- saving ------------------------------------------------------------ */

static guint
count_invalid (GtkWidget *widget)
{
  guint n = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "pacta-invalid")) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_invalid (child);
  return n;
}

gboolean
pacta_sales_item_dialog_save (PactaSalesItemDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *description = NULL;
  gboolean ok;

  g_return_val_if_fail (PACTA_IS_SALES_ITEM_DIALOG (self), FALSE);

  if (self->read_only || self->prompting)
    return FALSE;

  /* The last problem goes; a new one says itself */
  show_message (self, NULL);
  if (self->customer_id <= 0)
    {
      show_message (self, _("Choose the customer."));
      return FALSE;
    }
  if (count_invalid (GTK_WIDGET (self->lines_group)) > 0)
    {
      show_message (self, _("Some amounts could not be read; they are marked."));
      return FALSE;
    }

  date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row))));
  description = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->description_row))));
  g_object_set (self->item,
                "customer-id", self->customer_id,
                "invoice-date", date,
                "description", description[0] != '\0' ? description : NULL,
                NULL);

  if (pacta_sales_item_get_id (self->item) > 0)
    ok = pacta_context_update_sales_item (self->context, self->item, G_LIST_MODEL (self->lines), &error);
  else
    ok = pacta_context_create_sales_item (self->context, self->item, G_LIST_MODEL (self->lines), &error) > 0;

  if (!ok)
    {
      show_message (self, error->message);
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
on_save_clicked_cb (PactaSalesItemDialog *self)
{
  pacta_sales_item_dialog_save (self);
}

static void
on_cancel_clicked_cb (PactaSalesItemDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- object ------------------------------------------------------------ */

static void
pacta_sales_item_dialog_dispose (GObject *object)
{
  PactaSalesItemDialog *self = (PactaSalesItemDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_SALES_ITEM_DIALOG);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->lines);
  g_clear_object (&self->catalog);
  g_clear_object (&self->item);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pacta_sales_item_dialog_parent_class)->dispose (object);
}

static void
pacta_sales_item_dialog_class_init (PactaSalesItemDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_sales_item_dialog_dispose;

  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (PACTA_TYPE_WRAP_BOX);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pacta/Pacta/ui/sales/pacta-sales-item-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaSalesItemDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesItemDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesItemDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesItemDialog, customer_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesItemDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesItemDialog, description_row);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesItemDialog, lines_group);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesItemDialog, item_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesItemDialog, total_label);
  gtk_widget_class_bind_template_child (widget_class, PactaSalesItemDialog, add_box);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_customer_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_line_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_note_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pacta_sales_item_dialog_init (PactaSalesItemDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pacta_a11y_fix_mnemonics (GTK_WIDGET (self));
  pacta_a11y_name_drop_down (self->customer_dropdown, _("Customer"), _("Search customers"));
  pacta_a11y_name_drop_down (self->item_dropdown, _("Catalog item for a new line"), _("Search the catalog"));

  self->rows = g_ptr_array_new ();
  self->lines = g_list_store_new (PACTA_TYPE_SALES_ITEM_LINE);
  pacta_date_row_add_calendar (self->date_row);
}

PactaSalesItemDialog *
pacta_sales_item_dialog_new (GtkWindow    *parent,
                             PactaContext *context,
                             gint64        sales_item_id)
{
  PactaSalesItemDialog *self;
  g_autoptr(GError) error = NULL;
  GtkExpression *name;

  g_return_val_if_fail (PACTA_IS_CONTEXT (context), NULL);

  self = g_object_new (PACTA_TYPE_SALES_ITEM_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  self->context = g_object_ref (context);

  /* Every customer, searchable by name */
  name = gtk_property_expression_new (PACTA_TYPE_CUSTOMER, NULL, "name");
  gtk_drop_down_set_expression (self->customer_dropdown, name);
  gtk_expression_unref (name);
  g_signal_handlers_block_by_func (self->customer_dropdown, on_customer_selected_cb, self);
  gtk_drop_down_set_model (self->customer_dropdown, G_LIST_MODEL (pacta_context_get_customers (context)));
  gtk_drop_down_set_selected (self->customer_dropdown, GTK_INVALID_LIST_POSITION);
  g_signal_handlers_unblock_by_func (self->customer_dropdown, on_customer_selected_cb, self);

  self->catalog = pacta_context_list_catalog (context, NULL);
  name = gtk_property_expression_new (PACTA_TYPE_CATALOG_ITEM, NULL, "name");
  gtk_drop_down_set_expression (self->item_dropdown, name);
  gtk_expression_unref (name);
  gtk_drop_down_set_model (self->item_dropdown, self->catalog);

  if (sales_item_id > 0)
    {
      g_autoptr(GListModel) lines = NULL;

      if (!(self->item = pacta_context_load_sales_item (context, sales_item_id, &lines, &error)))
        {
          show_message (self, error->message);
          gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
          self->item = self->item != NULL ? self->item : pacta_sales_item_new (0);
          return self;
        }

      for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
        {
          g_autoptr(PactaSalesItemLine) line = g_list_model_get_item (lines, i);
          g_list_store_append (self->lines, line);
        }

      self->customer_id = pacta_sales_item_get_customer_id (self->item);
      select_customer_row (self, self->customer_id);
      gtk_editable_set_text (GTK_EDITABLE (self->date_row), pacta_sales_item_get_invoice_date (self->item));
      gtk_editable_set_text (GTK_EDITABLE (self->description_row),
                             pacta_sales_item_get_description (self->item) != NULL
                             ? pacta_sales_item_get_description (self->item) : "");
      adw_window_title_set_subtitle (self->window_title,
                                     pacta_sales_item_status_label (pacta_sales_item_get_status (self->item)));

      /* On an invoice: shown, never changed */
      if (g_strcmp0 (pacta_sales_item_get_status (self->item), "billed") == 0)
        {
          self->read_only = TRUE;
          show_message (self, _("This sales item is on an invoice and can no longer be changed."));
          gtk_widget_set_visible (GTK_WIDGET (self->save_button), FALSE);
          gtk_widget_set_sensitive (GTK_WIDGET (self->customer_dropdown), FALSE);
          gtk_editable_set_editable (GTK_EDITABLE (self->date_row), FALSE);
          gtk_editable_set_editable (GTK_EDITABLE (self->description_row), FALSE);
          gtk_widget_set_visible (self->add_box, FALSE);
        }
    }
  else
    {
      g_autofree char *today = pacta_date_today ();

      self->item = pacta_sales_item_new (0);
      gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
    }

  rebuild_lines (self);
  return self;
}

/* Picks a customer as the dropdown would */
void
pacta_sales_item_dialog_choose_customer (PactaSalesItemDialog *self,
                                         gint64                customer_id)
{
  g_return_if_fail (PACTA_IS_SALES_ITEM_DIALOG (self));

  gtk_drop_down_set_selected (self->customer_dropdown, position_of_customer (self, customer_id));
}

gint64
pacta_sales_item_dialog_get_customer (PactaSalesItemDialog *self)
{
  g_return_val_if_fail (PACTA_IS_SALES_ITEM_DIALOG (self), 0);

  return self->customer_id;
}

void
pacta_sales_item_dialog_add_line (PactaSalesItemDialog *self,
                                  const char           *description,
                                  const char           *quantity,
                                  const char           *price)
{
  g_autoptr(PactaSalesItemLine) line = g_object_new (PACTA_TYPE_SALES_ITEM_LINE, NULL);
  gint64 value;

  g_return_if_fail (PACTA_IS_SALES_ITEM_DIALOG (self));

  pacta_sales_item_line_set_description (line, description);
  if (pacta_decimal_parse (quantity, &value))
    pacta_sales_item_line_set_quantity (line, value);
  if (pacta_decimal_parse (price, &value))
    pacta_sales_item_line_set_unit_price (line, value);
  append_line (self, line);
}

const char *
pacta_sales_item_dialog_get_total_text (PactaSalesItemDialog *self)
{
  g_return_val_if_fail (PACTA_IS_SALES_ITEM_DIALOG (self), NULL);

  return gtk_label_get_label (self->total_label);
}

const char *
pacta_sales_item_dialog_get_message (PactaSalesItemDialog *self)
{
  g_return_val_if_fail (PACTA_IS_SALES_ITEM_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->message_label)) ? gtk_label_get_label (self->message_label) : NULL;
}

/* For tests: types into the item's "date" or "description", as a user would */
void
pacta_sales_item_dialog_set_text (PactaSalesItemDialog *self,
                                  const char           *field,
                                  const char           *text)
{
  g_return_if_fail (PACTA_IS_SALES_ITEM_DIALOG (self));
  g_return_if_fail (g_strcmp0 (field, "date") == 0 || g_strcmp0 (field, "description") == 0);

  gtk_editable_set_text (GTK_EDITABLE (g_str_equal (field, "date") ? self->date_row : self->description_row), text);
}

const char *
pacta_sales_item_dialog_get_text (PactaSalesItemDialog *self,
                                  const char           *field)
{
  g_return_val_if_fail (PACTA_IS_SALES_ITEM_DIALOG (self), NULL);
  g_return_val_if_fail (g_strcmp0 (field, "date") == 0 || g_strcmp0 (field, "description") == 0, NULL);

  return gtk_editable_get_text (GTK_EDITABLE (g_str_equal (field, "date") ? self->date_row : self->description_row));
}

static GtkWidget *
find_line_field (PactaSalesItemDialog *self,
                 guint                 position,
                 const char           *name)
{
  static const char *names[] = { "description", "quantity", "price", "discount" };
  GtkWidget *expander;
  GtkWidget *found;
  int field = -1;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (names[i], name) == 0)
      field = (int) i;
  g_return_val_if_fail (field >= 0, NULL);
  g_return_val_if_fail (position < self->rows->len, NULL);

  expander = g_ptr_array_index (self->rows, position);
  found = pacta_find_field_row (expander, field, "pacta-line");
  g_return_val_if_fail (found != NULL, NULL);
  return found;
}

/* For tests: types into a field of the line at @position — "description",
 * "quantity", "price" or "discount" — and reads back what it shows */
void
pacta_sales_item_dialog_set_line_text (PactaSalesItemDialog *self,
                                       guint                 position,
                                       const char           *field,
                                       const char           *text)
{
  GtkWidget *row;

  g_return_if_fail (PACTA_IS_SALES_ITEM_DIALOG (self));

  if ((row = find_line_field (self, position, field)) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
}

const char *
pacta_sales_item_dialog_get_line_text (PactaSalesItemDialog *self,
                                       guint                 position,
                                       const char           *field)
{
  GtkWidget *row;

  g_return_val_if_fail (PACTA_IS_SALES_ITEM_DIALOG (self), NULL);

  row = find_line_field (self, position, field);
  return row != NULL ? gtk_editable_get_text (GTK_EDITABLE (row)) : NULL;
}
