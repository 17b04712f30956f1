/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-verifactu-group.c: Spain's invoicing rules — the switch that keeps chained
 * records, the issuer's NIF, the system's identification and Verify Records; ::saved tells
 * the sending group, since switching the rules on or off starts or stops sending. */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-a11y.h"
#include "pacta-preferences-verifactu-group-private.h"
#include "pacta-verifactu.h"

/* The entries, in the order of the fields verifactu_field() gives */
enum { ROW_NIF, ROW_SYSTEM_NAME, ROW_SYSTEM_ID, ROW_VERSION, ROW_INSTALLATION, ROW_PRODUCER, ROW_PRODUCER_NIF, N_ROWS };

struct _PactaPreferencesVerifactuGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Template widgets */
  GtkWidget           *save_button;
  GtkWidget           *enabled;
  GtkWidget           *system;
  GtkWidget           *verify_button;
  GtkWidget           *issuer_nif;
  GtkWidget           *system_name;
  GtkWidget           *system_id;
  GtkWidget           *system_version;
  GtkWidget           *installation;
  GtkWidget           *producer_name;
  GtkWidget           *producer_nif;

  /* Borrowed */
  GtkWidget           *rows[N_ROWS];   /* the entries above, issuer NIF first */

  /* Owned */
  PactaContext        *context;
  GCancellable        *verifying;      /* (nullable): Verify Records under way */
  gboolean             last_intact;    /* what the last check found, for tests */
};

G_DEFINE_FINAL_TYPE (PactaPreferencesVerifactuGroup, pacta_preferences_verifactu_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The preferences window shows it */
static void
toast (PactaPreferencesVerifactuGroup *self,
       const char                     *text)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "preferences.toast", "s", text);
}

static char **
verifactu_field (PactaVerifactuSettings *settings,
                 guint                   row)
{
  char **fields[] = {
    &settings->issuer_nif, &settings->system_name, &settings->system_id, &settings->system_version,
    &settings->installation, &settings->producer_name, &settings->producer_nif,
  };

  return fields[row];
}

static void
load (PactaPreferencesVerifactuGroup *self)
{
  g_autoptr(PactaVerifactuSettings) settings = NULL;

  if (self->context == NULL ||
      !(settings = pacta_context_load_verifactu_settings (self->context, NULL)))
    return;
  gtk_switch_set_active (GTK_SWITCH (self->enabled), settings->enabled);
  for (guint i = 0; i < N_ROWS; i++)
    {
      const char *value = *verifactu_field (settings, i);

      gtk_editable_set_text (GTK_EDITABLE (self->rows[i]), value != NULL ? value : "");
    }
}

static gboolean
save (PactaPreferencesVerifactuGroup *self)
{
  g_autoptr(PactaVerifactuSettings) settings = g_new0 (PactaVerifactuSettings, 1);
  g_autoptr(GError) error = NULL;

  settings->enabled = gtk_switch_get_active (GTK_SWITCH (self->enabled));
  for (guint i = 0; i < N_ROWS; i++)
    *verifactu_field (settings, i) = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->rows[i])));
  if (!pacta_context_save_verifactu_settings (self->context, settings, &error))
    {
      toast (self, error->message);
      return FALSE;
    }
  load (self);
  /* Switching the rules on or off starts or stops sending */
  g_signal_emit (self, signals[SAVED], 0);
  toast (self, settings->enabled ? _("Saved; every new invoice gets its chained record")
                                 : _("Saved; new invoices get no records while the rules are off"));
  return TRUE;
}

/* The button, and Enter in any field */
static void
on_save_activated_cb (PactaPreferencesVerifactuGroup *self)
{
  save (self);
}

static void
on_records_verified_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(PactaPreferencesVerifactuGroup) self = user_data;
  g_autoptr(PactaVerifactuCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  check = pacta_context_verify_records_finish (PACTA_CONTEXT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->verifying == NULL)
    return;   /* the group is gone */
  g_clear_object (&self->verifying);
  gtk_widget_set_sensitive (self->verify_button, TRUE);
  self->last_intact = check != NULL && check->intact;

  if (check == NULL)
    {
      toast (self, error->message);
      return;
    }
  text = pacta_verifactu_check_describe (check);
  if (check->intact)
    toast (self, text);
  else
    {
      /* A broken chain is serious: say where, and keep it on screen */
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                  _("The Invoice Records Were Changed"), text);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      pacta_a11y_fix_mnemonics (GTK_WIDGET (dialog));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

/* Read on a worker connection: the window stays responsive over many records */
static void
verify_records (PactaPreferencesVerifactuGroup *self)
{
  if (self->verifying != NULL || self->context == NULL)
    return;
  self->verifying = g_cancellable_new ();
  self->last_intact = FALSE;
  gtk_widget_set_sensitive (self->verify_button, FALSE);
  pacta_context_verify_records_async (self->context, self->verifying, on_records_verified_cb, g_object_ref (self));
}

static void
on_verify_clicked_cb (PactaPreferencesVerifactuGroup *self)
{
  verify_records (self);
}

static void
pacta_preferences_verifactu_group_dispose (GObject *object)
{
  PactaPreferencesVerifactuGroup *self = (PactaPreferencesVerifactuGroup *)object;

  /* A check only reads: its answer is not wanted any more */
  g_cancellable_cancel (self->verifying);
  g_clear_object (&self->verifying);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), PACTA_TYPE_PREFERENCES_VERIFACTU_GROUP);

  G_OBJECT_CLASS (pacta_preferences_verifactu_group_parent_class)->dispose (object);
}

static void
pacta_preferences_verifactu_group_class_init (PactaPreferencesVerifactuGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_preferences_verifactu_group_dispose;

  /**
   * PactaPreferencesVerifactuGroup::saved:
   *
   * The rules were saved, perhaps switched on or off.
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pacta/Pacta/ui/preferences/pacta-preferences-verifactu-group.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesVerifactuGroup, save_button);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesVerifactuGroup, enabled);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesVerifactuGroup, system);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesVerifactuGroup, verify_button);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesVerifactuGroup, issuer_nif);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesVerifactuGroup, system_name);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesVerifactuGroup, system_id);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesVerifactuGroup, system_version);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesVerifactuGroup, installation);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesVerifactuGroup, producer_name);
  gtk_widget_class_bind_template_child (widget_class, PactaPreferencesVerifactuGroup, producer_nif);
  gtk_widget_class_bind_template_callback (widget_class, on_save_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_verify_clicked_cb);
}

static void
pacta_preferences_verifactu_group_init (PactaPreferencesVerifactuGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows[ROW_NIF] = self->issuer_nif;
  self->rows[ROW_SYSTEM_NAME] = self->system_name;
  self->rows[ROW_SYSTEM_ID] = self->system_id;
  self->rows[ROW_VERSION] = self->system_version;
  self->rows[ROW_INSTALLATION] = self->installation;
  self->rows[ROW_PRODUCER] = self->producer_name;
  self->rows[ROW_PRODUCER_NIF] = self->producer_nif;

  /* After the template: the rows add their titles to their controls' names */
  pacta_a11y_fix_mnemonics (GTK_WIDGET (self));
  pacta_a11y_set_label (self->save_button, _("Save the Spanish invoicing rules"));
  pacta_a11y_set_label (self->enabled, _("Keep chained invoice records"));
  pacta_a11y_name_expander_row (ADW_EXPANDER_ROW (self->system));
  pacta_a11y_set_label (self->verify_button, _("Verify the chain of invoice records"));
}

void
pacta_preferences_verifactu_group_set_context (PactaPreferencesVerifactuGroup *self,
                                               PactaContext                   *context)
{
  g_return_if_fail (PACTA_IS_PREFERENCES_VERIFACTU_GROUP (self));
  g_return_if_fail (context == NULL || PACTA_IS_CONTEXT (context));

  if (g_set_object (&self->context, context))
    load (self);
}

/* For tests: the rules switched and the NIF typed, as a user would, then Save */
gboolean
pacta_preferences_verifactu_group_save (PactaPreferencesVerifactuGroup *self,
                                        gboolean                        enabled,
                                        const char                     *issuer_nif)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_VERIFACTU_GROUP (self), FALSE);

  gtk_switch_set_active (GTK_SWITCH (self->enabled), enabled);
  gtk_editable_set_text (GTK_EDITABLE (self->rows[ROW_NIF]), issuer_nif);
  return save (self);
}

/* For tests: presses Verify Records and waits for its answer; whether the
 * chain is intact */
gboolean
pacta_preferences_verifactu_group_verify_records (PactaPreferencesVerifactuGroup *self)
{
  g_return_val_if_fail (PACTA_IS_PREFERENCES_VERIFACTU_GROUP (self), FALSE);

  verify_records (self);
  while (self->verifying != NULL)
    g_main_context_iteration (NULL, TRUE);
  return self->last_intact;
}
