/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-defaults-group.c: the currency prices are in and the tax rate new billing
 * information starts with; ::saved tells the window, whose catalog shows prices in the currency. */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-a11y.h"
#include "pacta-money.h"
#include "pacta-msp.h"
#include "pacta-preferences-defaults-group-private.h"

struct _PactaPreferencesDefaultsGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Template widgets */
  GtkWidget           *save_button;
  GtkWidget           *currency;
  GtkWidget           *tax_rate;

  /* Owned */
  PactaContext        *context;
};

G_DEFINE_FINAL_TYPE (PactaPreferencesDefaultsGroup, pacta_preferences_defaults_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The preferences window shows it */
static void
toast (PactaPreferencesDefaultsGroup *self,
       const char                    *text)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "preferences.toast", "s", text);
}

static void
load (PactaPreferencesDefaultsGroup *self)
{
  const char *currency;
  g_autofree char *rate = NULL;
  const char *const *codes = pacta_currencies ();

  if (self->context == NULL)
    return;
  currency = pacta_context_get_currency (self->context);
  for (guint i = 0; codes[i] != NULL; i++)
    if (g_strcmp0 (codes[i], currency) == 0)
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->currency), i);
  rate = pacta_percent_format (pacta_context_get_default_tax_rate (self->context));
  gtk_editable_set_text (GTK_EDITABLE (self->tax_rate), rate);
  gtk_widget_remove_css_class (self->tax_rate, "error");
}

static gboolean
save (PactaPreferencesDefaultsGroup *self)
{
  const char *const *codes = pacta_currencies ();
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->currency));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  int rate;

  if (!pacta_percent_parse (gtk_editable_get_text (GTK_EDITABLE (self->tax_rate)), &rate))
    {
      gtk_widget_add_css_class (self->tax_rate, "error");
      gtk_widget_grab_focus (self->tax_rate);
      toast (self, _("Default tax rate: a percentage from 0 to 100, such as 21 or 10.5"));
      return FALSE;
    }
  gtk_widget_remove_css_class (self->tax_rate, "error");
  if (selected == GTK_INVALID_LIST_POSITION || selected >= g_strv_length ((char **) codes) ||
      !pacta_context_save_defaults (self->context, codes[selected], rate, &error))
    {
      toast (self, error != NULL ? error->message : _("Choose a currency"));
      return FALSE;
    }
  load (self);
  g_signal_emit (self, signals[SAVED], 0);
  /* Translators: %s is a currency code such as EUR */
  message = g_strdup_printf (_("Defaults saved; new invoices will be in %s"), codes[selected]);
  toast (self, message);
  return TRUE;
}

/* The button, and Enter in the tax rate */
static void
on_save_activated_cb (PactaPreferencesDefaultsGroup *self)
{
  save (self);
}

static void
pacta_preferences_defaults_group_dispose (GObject *object)
{
  PactaPreferencesDefaultsGroup *self = (PactaPreferencesDefaultsGroup *)object;

  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_PREFERENCES_DEFAULTS_GROUP);

  G_OBJECT_CLASS (pacta_preferences_defaults_group_parent_class)->dispose (object);
}

static void
pacta_preferences_defaults_group_class_init (PactaPreferencesDefaultsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_preferences_defaults_group_dispose;

  /**
   * PactaPreferencesDefaultsGroup::saved:
   *
   * The currency or the tax rate were saved: what shows prices shows them
   * anew.
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pacta/Pacta/ui/preferences/pacta-preferences-defaults-group.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesDefaultsGroup, save_button);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesDefaultsGroup, currency);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesDefaultsGroup, tax_rate);
  gtk_widget_class_bind_template_callback (widget_class, on_save_activated_cb);
}

static void
pacta_preferences_defaults_group_init (PactaPreferencesDefaultsGroup *self)
{
  g_autoptr(GtkStringList) codes = gtk_string_list_new ((const char *const *) pacta_currencies ());

  gtk_widget_init_template (GTK_WIDGET (self));
  pacta_a11y_fix_mnemonic (self->save_button);
  pacta_a11y_set_label (self->save_button, _("Save invoicing defaults"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->currency), G_LIST_MODEL (codes));
}

void
pacta_preferences_defaults_group_set_context (PactaPreferencesDefaultsGroup *self,
                                              PactaContext                  *context)
{
  g_return_if_fail (PACTA_IS_PREFERENCES_DEFAULTS_GROUP (self));
  g_return_if_fail (context == NULL || PACTA_IS_CONTEXT (context));

  if (g_set_object (&self->context, context))
    load (self);
}

/* For tests: the defaults as a user would set them, then Save */
gboolean
pacta_preferences_defaults_group_save (PactaPreferencesDefaultsGroup *self,
                                       const char                    *currency,
                                       const char                    *tax_rate)
{
  const char *const *codes = pacta_currencies ();

  g_return_val_if_fail (PACTA_IS_PREFERENCES_DEFAULTS_GROUP (self), FALSE);

  for (guint i = 0; codes[i] != NULL; i++)
    if (g_strcmp0 (codes[i], currency) == 0)
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->currency), i);
  gtk_editable_set_text (GTK_EDITABLE (self->tax_rate), tax_rate);
  return save (self);
}

/* For tests: whether the tax rate is marked as wrong */
gboolean
pacta_preferences_defaults_group_tax_rate_has_error (PactaPreferencesDefaultsGroup *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_DEFAULTS_GROUP (self), FALSE);

  return gtk_widget_has_css_class (self->tax_rate, "error");
}
