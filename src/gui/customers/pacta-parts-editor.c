/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-parts-editor.c: one expander row per part — quantity, monthly price, discount,
 * dates, usage following and trial — plus adding a part from the catalog. It edits
 * copies; the caller saves them through core, which has the last word. */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-a11y.h"
#include "pacta-catalog-item.h"
#include "pacta-contract-part.h"
#include "pacta-date-row.h"
#include "pacta-money.h"
#include "pacta-parts-editor-private.h"
#include "pacta-wrap-box.h"
#include "pacta-widget-walk.h"

struct _PactaPartsEditor
{
  GtkWidget            parent_instance;

  /* Owned */
  GListStore          *parts;           /* PactaContractPart, the edited copies */
  GListModel          *catalog;
  GPtrArray           *rows;            /* AdwExpanderRow, one per part */
  char                *default_start;
  char                *currency;

  /* Template widgets */
  AdwPreferencesGroup *group;
  GtkDropDown         *item_dropdown;
  GtkLabel            *total_label;
};

G_DEFINE_FINAL_TYPE (PactaPartsEditor, pacta_parts_editor, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild (PactaPartsEditor *self);

typedef enum
{
  FIELD_QUANTITY,
  FIELD_PRICE,
  FIELD_DISCOUNT,
  FIELD_MINIMUM,
  FIELD_DISCOUNT_REASON,
  FIELD_DESCRIPTION,
  FIELD_START,
  FIELD_END,
} Field;

/* People in Spain write 10,5: the comma is a decimal separator too */
static gboolean
parse_amount (const char *text,
              gint64     *value)
{
  g_autofree char *copy = g_strstrip (g_strdelimit (g_strdup (text), ",", '.'));

  return pacta_decimal_parse (copy, value);
}

static char *
summary_for (PactaContractPart *part,
             const char        *currency)
{
  g_autofree char *quantity = pacta_decimal_format (pacta_contract_part_get_quantity (part), 4);
  g_autofree char *price = NULL;
  g_autofree char *value = NULL;

  if (!pacta_contract_part_get_has_price (part))
    /* Translators: a part's summary when its catalog item has no price yet; %s is the quantity */
    return g_strdup_printf (_("%s × no price yet"), quantity);

  price = pacta_price_format (pacta_contract_part_get_unit_price (part), currency);
  value = pacta_money_format (pacta_contract_part_get_monthly_value (part), currency);
  if (pacta_contract_part_get_trial (part))
    /* Translators: quantity × price, for a part in its free trial */
    return g_strdup_printf (_("%s × %s, free while on trial"), quantity, price);
  /* Translators: quantity × unit price = value a month */
  return g_strdup_printf (_("%s × %s = %s a month"), quantity, price, value);
}

static void
update_total (PactaPartsEditor *self)
{
  gint64 total = 0;
  g_autofree char *money = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->parts)); i++)
    {
      g_autoptr(PactaContractPart) part = g_list_model_get_item (G_LIST_MODEL (self->parts), i);
      total += pacta_contract_part_get_monthly_value (part);
    }

  money = pacta_money_format (total, self->currency);
  /* Translators: the contract's value a month */
  text = g_strdup_printf (_("Total: %s a month"), money);
  gtk_label_set_label (self->total_label, text);
}

static void
refresh_row (PactaPartsEditor  *self,
             AdwExpanderRow    *row,
             PactaContractPart *part)
{
  g_autofree char *summary = summary_for (part, self->currency);

  adw_expander_row_set_subtitle (row, summary);
  if (pacta_contract_part_get_has_price (part))
    gtk_widget_remove_css_class (GTK_WIDGET (row), "warning");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "warning");
  update_total (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_field_changed_cb (GtkEditable      *editable,
                     PactaPartsEditor *self)
{
  PactaContractPart *part = g_object_get_data (G_OBJECT (editable), "pacta-part");
  AdwExpanderRow *row = g_object_get_data (G_OBJECT (editable), "pacta-expander");
  Field field = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (editable), "pacta-field"));
  const char *text = gtk_editable_get_text (editable);
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  gboolean ok = TRUE;
  gint64 value = 0;

  switch (field)
    {
    case FIELD_QUANTITY:
      if ((ok = parse_amount (text, &value) && value >= 0))
        pacta_contract_part_set_quantity (part, value);
      break;

    case FIELD_PRICE:
      if (stripped[0] == '\0')
        pacta_contract_part_set_has_price (part, FALSE);
      else if ((ok = parse_amount (text, &value) && value >= 0))
        {
          pacta_contract_part_set_unit_price (part, value);
          pacta_contract_part_set_has_price (part, TRUE);
        }
      break;

    case FIELD_DISCOUNT:
      /* A percentage with up to two decimals, kept in hundredths */
      if (stripped[0] == '\0')
        pacta_contract_part_set_discount (part, 0);
      else if ((ok = parse_amount (text, &value) && value >= 0 && value <= 100 * PACTA_DECIMAL_SCALE &&
                     value % 100 == 0))
        pacta_contract_part_set_discount (part, (int)(value / 100));
      break;

    case FIELD_MINIMUM:
      if (stripped[0] == '\0')
        pacta_contract_part_set_minimum_quantity (part, 0);
      else if ((ok = parse_amount (text, &value) && value >= 0))
        pacta_contract_part_set_minimum_quantity (part, value);
      break;

    case FIELD_DISCOUNT_REASON:
      pacta_contract_part_set_discount_reason (part, stripped[0] != '\0' ? stripped : NULL);
      break;

    case FIELD_DESCRIPTION:
      pacta_contract_part_set_description (part, stripped);
      break;

    case FIELD_START:
      pacta_contract_part_set_start_date (part, stripped[0] != '\0' ? stripped : NULL);
      break;

    case FIELD_END:
      pacta_contract_part_set_end_date (part, stripped[0] != '\0' ? stripped : NULL);
      break;

    default:
      g_assert_not_reached ();
    }

  g_object_set_data (G_OBJECT (editable), "pacta-invalid", GINT_TO_POINTER (!ok));
  if (ok)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (editable), GTK_ACCESSIBLE_STATE_INVALID);
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (editable), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }

  refresh_row (self, row, part);
}

static void
on_flag_changed_cb (GtkSwitch        *toggle,
                    GParamSpec       *pspec,
                    PactaPartsEditor *self)
{
  PactaContractPart *part = g_object_get_data (G_OBJECT (toggle), "pacta-part");
  AdwExpanderRow *row = g_object_get_data (G_OBJECT (toggle), "pacta-expander");
  const char *property = g_object_get_data (G_OBJECT (toggle), "pacta-property");

  g_object_set (part, property, gtk_switch_get_active (toggle), NULL);
  refresh_row (self, row, part);
}

static void
on_remove_clicked_cb (GtkButton        *button,
                      PactaPartsEditor *self)
{
  PactaContractPart *part = g_object_get_data (G_OBJECT (button), "pacta-part");
  guint position;

  if (g_list_store_find (self->parts, part, &position))
    g_list_store_remove (self->parts, position);
  rebuild (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static GtkWidget *
add_entry (AdwExpanderRow    *expander,
           PactaPartsEditor  *self,
           PactaContractPart *part,
           Field              field,
           const char        *title,
           const char        *text)
{
  GtkWidget *row = adw_entry_row_new ();
  /* The same fields repeat for every part: name each for its part */
  g_autofree char *label = g_strdup_printf ("%s, %s", title, pacta_contract_part_get_item_name (part));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* Alone: GTK 4.8 would add the title after it */
  pacta_a11y_set_label (row, label);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  g_object_set_data (G_OBJECT (row), "pacta-part", part);
  g_object_set_data (G_OBJECT (row), "pacta-expander", expander);
  g_object_set_data (G_OBJECT (row), "pacta-field", GINT_TO_POINTER (field));
  g_signal_connect (row, "changed", G_CALLBACK (on_field_changed_cb), self);
  adw_expander_row_add_row (expander, row);

  if (field == FIELD_START || field == FIELD_END)
    pacta_date_row_add_calendar_named (ADW_ENTRY_ROW (row), label);
  return row;
}

static void
add_switch (AdwExpanderRow    *expander,
            PactaPartsEditor  *self,
            PactaContractPart *part,
            const char        *property,
            const char        *title,
            const char        *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  g_autofree char *label = g_strdup_printf ("%s, %s", title, pacta_contract_part_get_item_name (part));
  gboolean active;

  g_object_get (part, property, &active, NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  /* After: the row adds its title to the switch's name */
  pacta_a11y_set_label (toggle, label);

  g_object_set_data (G_OBJECT (toggle), "pacta-part", part);
  g_object_set_data (G_OBJECT (toggle), "pacta-expander", expander);
  g_object_set_data_full (G_OBJECT (toggle), "pacta-property", g_strdup (property), g_free);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (on_flag_changed_cb), self);
  adw_expander_row_add_row (expander, row);
}

static GtkWidget *
row_for_part (PactaPartsEditor  *self,
              PactaContractPart *part)
{
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *remove_row = adw_action_row_new ();
  GtkWidget *remove = pacta_a11y_button_new_with_mnemonic (_("_Remove Part"));
  g_autofree char *quantity = pacta_decimal_format (pacta_contract_part_get_quantity (part), 4);
  g_autofree char *price = pacta_contract_part_get_has_price (part)
                           ? pacta_decimal_format (pacta_contract_part_get_unit_price (part), 4) : NULL;
  g_autofree char *discount = pacta_percent_format (pacta_contract_part_get_discount (part));
  g_autofree char *minimum = pacta_decimal_format (pacta_contract_part_get_minimum_quantity (part), 4);
  g_autofree char *remove_label = NULL;
  const char *name = pacta_contract_part_get_item_name (part);
  const char *unit = pacta_unit_label (pacta_contract_part_get_unit (part));
  g_autofree char *quantity_title = g_strdup_printf (_("Quantity (%s)"), unit);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), name != NULL ? name : "");
  pacta_a11y_name_expander_row (ADW_EXPANDER_ROW (expander));

  add_entry (ADW_EXPANDER_ROW (expander), self, part, FIELD_DESCRIPTION, _("Description on invoices"),
             pacta_contract_part_get_description (part));
  add_entry (ADW_EXPANDER_ROW (expander), self, part, FIELD_QUANTITY, quantity_title, quantity);
  add_entry (ADW_EXPANDER_ROW (expander), self, part, FIELD_PRICE, _("Unit price a month (required)"), price);
  add_entry (ADW_EXPANDER_ROW (expander), self, part, FIELD_DISCOUNT, _("Discount (%)"), discount);
  add_entry (ADW_EXPANDER_ROW (expander), self, part, FIELD_DISCOUNT_REASON, _("Discount reason"),
             pacta_contract_part_get_discount_reason (part));
  add_switch (ADW_EXPANDER_ROW (expander), self, part, "follow-usage", _("Follow usage"),
              _("The quantity follows the usage the platform reports"));
  add_entry (ADW_EXPANDER_ROW (expander), self, part, FIELD_MINIMUM, _("Minimum billable quantity"), minimum);
  add_switch (ADW_EXPANDER_ROW (expander), self, part, "trial", _("Trial"), _("Not billed while on"));
  add_entry (ADW_EXPANDER_ROW (expander), self, part, FIELD_START, _("Start date, if not the contract’s"),
             pacta_contract_part_get_start_date (part));
  add_entry (ADW_EXPANDER_ROW (expander), self, part, FIELD_END, _("End date"),
             pacta_contract_part_get_end_date (part));

  /* Translators: accessible name of a part's remove button; %s is the catalog item */
  remove_label = g_strdup_printf (_("Remove %s"), name != NULL ? name : "");
  pacta_a11y_set_label (remove, remove_label);
  /* The row has no title: it is named for its button */
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove_row), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "destructive-action");
  g_object_set_data (G_OBJECT (remove), "pacta-part", part);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (remove_row), remove);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), remove_row);

  /* A part without a price is what blocks the contract: open it */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), !pacta_contract_part_get_has_price (part));
  return expander;
}

static void
rebuild (PactaPartsEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->parts)); i++)
    {
      g_autoptr(PactaContractPart) part = g_list_model_get_item (G_LIST_MODEL (self->parts), i);
      GtkWidget *row = row_for_part (self, part);

      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
      refresh_row (self, ADW_EXPANDER_ROW (row), part);
    }
  update_total (self);
}

static void
on_add_clicked_cb (PactaPartsEditor *self)
{
  g_autoptr(PactaCatalogItem) item = NULL;
  g_autoptr(PactaContractPart) part = NULL;

  if (self->catalog == NULL)
    return;

  item = g_list_model_get_item (self->catalog, gtk_drop_down_get_selected (self->item_dropdown));
  if (item == NULL)
    return;

  part = g_object_new (PACTA_TYPE_CONTRACT_PART,
                       "catalog-item-id", pacta_catalog_item_get_id (item),
                       "item-name", pacta_catalog_item_get_name (item),
                       "unit", pacta_catalog_item_get_unit (item),
                       "description", pacta_catalog_item_get_name (item),
                       "quantity", PACTA_DECIMAL_SCALE,
                       "has-price", pacta_catalog_item_get_has_price (item),
                       "unit-price", pacta_catalog_item_get_price (item),
                       "start-date", self->default_start,
                       NULL);
  g_list_store_append (self->parts, part);
  rebuild (self);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (g_ptr_array_index (self->rows, self->rows->len - 1)), TRUE);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
pacta_parts_editor_dispose (GObject *object)
{
  PactaPartsEditor *self = (PactaPartsEditor *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_PARTS_EDITOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->parts);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->default_start, g_free);
  g_clear_pointer (&self->currency, g_free);

  G_OBJECT_CLASS (pacta_parts_editor_parent_class)->dispose (object);
}

static void
pacta_parts_editor_class_init (PactaPartsEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_parts_editor_dispose;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /* The template's list item factory looks up the items' names by their type */
  g_type_ensure (PACTA_TYPE_CATALOG_ITEM);
  g_type_ensure (PACTA_TYPE_WRAP_BOX);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pacta/Pacta/ui/customers/pacta-parts-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaPartsEditor, group);
  gtk_widget_class_bind_template_child (widget_class, PactaPartsEditor, item_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PactaPartsEditor, total_label);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
pacta_parts_editor_init (PactaPartsEditor *self)
{
  self->parts = g_list_store_new (PACTA_TYPE_CONTRACT_PART);
  self->rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  pacta_a11y_fix_mnemonics (GTK_WIDGET (self));
  pacta_a11y_name_drop_down (self->item_dropdown, _("Catalog item to add"), NULL);
  update_total (self);
}

GtkWidget *
pacta_parts_editor_new (void)
{
  return g_object_new (PACTA_TYPE_PARTS_EDITOR, NULL);
}

void
pacta_parts_editor_set_catalog (PactaPartsEditor *self,
                                GListModel       *catalog)
{
  g_return_if_fail (PACTA_IS_PARTS_EDITOR (self));

  g_set_object (&self->catalog, catalog);
  gtk_drop_down_set_model (self->item_dropdown, catalog);
}

/* Edits copies of @parts, so that Cancel leaves the originals alone */
void
pacta_parts_editor_set_parts (PactaPartsEditor *self,
                              GListModel       *parts)
{
  g_return_if_fail (PACTA_IS_PARTS_EDITOR (self));

  g_list_store_remove_all (self->parts);
  for (guint i = 0; parts != NULL && i < g_list_model_get_n_items (parts); i++)
    {
      g_autoptr(PactaContractPart) part = g_list_model_get_item (parts, i);
      g_autoptr(PactaContractPart) copy = pacta_contract_part_copy (part);

      g_list_store_append (self->parts, copy);
    }
  rebuild (self);
}

GListModel *
pacta_parts_editor_get_parts (PactaPartsEditor *self)
{
  g_return_val_if_fail (PACTA_IS_PARTS_EDITOR (self), NULL);

  return G_LIST_MODEL (self->parts);
}

void
pacta_parts_editor_set_default_start (PactaPartsEditor *self,
                                      const char       *start_date)
{
  g_return_if_fail (PACTA_IS_PARTS_EDITOR (self));

  g_free (self->default_start);
  self->default_start = g_strdup (start_date);
}

/**
 * pacta_parts_editor_set_currency:
 *
 * The currency prices are shown in; call it before setting the parts.
 */
void
pacta_parts_editor_set_currency (PactaPartsEditor *self,
                                 const char       *currency)
{
  g_return_if_fail (PACTA_IS_PARTS_EDITOR (self));

  g_free (self->currency);
  self->currency = g_strdup (currency);
  update_total (self);
}

static guint
count_invalid (GtkWidget *widget)
{
  guint n = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "pacta-invalid")) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_invalid (child);
  return n;
}

/* Fields whose text could not be read as a number: the parts keep their last good value */
guint
pacta_parts_editor_get_n_invalid (PactaPartsEditor *self)
{
  g_return_val_if_fail (PACTA_IS_PARTS_EDITOR (self), 0);

  return count_invalid (GTK_WIDGET (self));
}

static const struct {
  const char *name;
  Field       field;
} field_names[] = {
  { "quantity", FIELD_QUANTITY },
  { "price", FIELD_PRICE },
  { "discount", FIELD_DISCOUNT },
  { "minimum", FIELD_MINIMUM },
  { "discount-reason", FIELD_DISCOUNT_REASON },
  { "description", FIELD_DESCRIPTION },
  { "start-date", FIELD_START },
  { "end-date", FIELD_END },
};

static GtkWidget *
find_field (PactaPartsEditor *self,
            guint             position,
            const char       *name)
{
  GtkWidget *expander;
  GtkWidget *found;
  int field = -1;

  for (guint i = 0; i < G_N_ELEMENTS (field_names); i++)
    if (g_str_equal (field_names[i].name, name))
      field = field_names[i].field;
  g_return_val_if_fail (field >= 0, NULL);
  g_return_val_if_fail (position < self->rows->len, NULL);

  expander = g_ptr_array_index (self->rows, position);
  found = pacta_find_field_row (expander, field, NULL);
  g_return_val_if_fail (found != NULL, NULL);
  return found;
}

/* For tests: types into a field of the part at @position — "quantity",
 * "price", "discount", "minimum", "discount-reason", "description",
 * "start-date" or "end-date" — and reads back what it shows */
void
pacta_parts_editor_set_field_text (PactaPartsEditor *self,
                                   guint             position,
                                   const char       *field,
                                   const char       *text)
{
  GtkWidget *row;

  g_return_if_fail (PACTA_IS_PARTS_EDITOR (self));

  if ((row = find_field (self, position, field)) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
}

const char *
pacta_parts_editor_get_field_text (PactaPartsEditor *self,
                                   guint             position,
                                   const char       *field)
{
  GtkWidget *row;

  g_return_val_if_fail (PACTA_IS_PARTS_EDITOR (self), NULL);

  row = find_field (self, position, field);
  return row != NULL ? gtk_editable_get_text (GTK_EDITABLE (row)) : NULL;
}

/* For tests: types a price into the part at @position */
void
pacta_parts_editor_set_price_text (PactaPartsEditor *self,
                                   guint             position,
                                   const char       *text)
{
  pacta_parts_editor_set_field_text (self, position, "price", text);
}
