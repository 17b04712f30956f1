/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-numbering-editor.c: the three settings of a number sequence — the
 * pattern ({yyyy}, {yy}, {mm} and a counter such as {0000}), the next number
 * and when the counter starts again — with the next numbers shown as they
 * will be issued today, updated at every keystroke. Used in Preferences and
 * in the numbering confirmation before the first billing run.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pacta-a11y.h"
#include "pacta-contract.h"
#include "pacta-date.h"
#include "pacta-numbering-editor-private.h"

struct _PactaNumberingEditor
{
  AdwPreferencesGroup  parent_instance;

  /* Template widgets */
  GtkWidget           *pattern;
  GtkWidget           *next;
  GtkWidget           *reset;
  GtkWidget           *preview;

  /* Owned */
  char                *preview_text;
  char                *date;          /* the invoices' date; NULL for today */
};

G_DEFINE_FINAL_TYPE (PactaNumberingEditor, pacta_numbering_editor, ADW_TYPE_PREFERENCES_GROUP)

/* In the order of the choices in the template */
static const char *const resets[] = { "never", "yearly", "monthly", NULL };

static void
update_preview (PactaNumberingEditor *self)
{
  g_autoptr(GError) error = NULL;
  const char *pattern = gtk_editable_get_text (GTK_EDITABLE (self->pattern));

  g_clear_pointer (&self->preview_text, g_free);
  if (!pacta_numbering_pattern_check (pattern, &error))
    {
      self->preview_text = g_strdup (error->message);
      gtk_widget_add_css_class (self->pattern, "error");
    }
  else
    {
      g_autofree char *today = self->date != NULL ? g_strdup (self->date) : pacta_date_today ();
      PactaNumbering numbering = {
        NULL, (char *) pattern, (gint64) gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->next)),
        (char *) resets[adw_combo_row_get_selected (ADW_COMBO_ROW (self->reset))], NULL, FALSE,
      };
      g_auto(GStrv) numbers = pacta_numbering_preview (&numbering, today, 2);

      /* Translators: the next two numbers, e.g. “INV-2026-0318, then INV-2026-0319” */
      self->preview_text = g_strdup_printf (_("%s, then %s"), numbers[0], numbers[1]);
      gtk_widget_remove_css_class (self->pattern, "error");
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->preview), self->preview_text);
}

static void
on_setting_changed_cb (PactaNumberingEditor *self)
{
  update_preview (self);
}

static void
pacta_numbering_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PACTA_TYPE_NUMBERING_EDITOR);

  G_OBJECT_CLASS (pacta_numbering_editor_parent_class)->dispose (object);
}

static void
pacta_numbering_editor_finalize (GObject *object)
{
  PactaNumberingEditor *self = (PactaNumberingEditor *)object;

  g_free (self->preview_text);
  g_free (self->date);

  G_OBJECT_CLASS (pacta_numbering_editor_parent_class)->finalize (object);
}

static void
pacta_numbering_editor_class_init (PactaNumberingEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_numbering_editor_dispose;
  object_class->finalize = pacta_numbering_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pacta/Pacta/ui/common/pacta-numbering-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaNumberingEditor, pattern);
  gtk_widget_class_bind_template_child (widget_class, PactaNumberingEditor, next);
  gtk_widget_class_bind_template_child (widget_class, PactaNumberingEditor, reset);
  gtk_widget_class_bind_template_child (widget_class, PactaNumberingEditor, preview);
  gtk_widget_class_bind_template_callback (widget_class, on_setting_changed_cb);
}

static void
pacta_numbering_editor_init (PactaNumberingEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pacta_a11y_set_label (self->next, _("Next number"));
  update_preview (self);
}

GtkWidget *
pacta_numbering_editor_new (void)
{
  return g_object_new (PACTA_TYPE_NUMBERING_EDITOR, NULL);
}

void
pacta_numbering_editor_set_numbering (PactaNumberingEditor *self,
                                      const PactaNumbering *numbering)
{
  g_return_if_fail (PACTA_IS_NUMBERING_EDITOR (self));
  g_return_if_fail (numbering != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->pattern), numbering->pattern);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->next), (double) numbering->next);
  for (guint i = 0; resets[i] != NULL; i++)
    if (g_strcmp0 (resets[i], numbering->reset) == 0)
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->reset), i);
  update_preview (self);
}

/**
 * pacta_numbering_editor_apply:
 *
 * Copies the edited settings into @numbering when the pattern is valid.
 */
gboolean
pacta_numbering_editor_apply (PactaNumberingEditor  *self,
                              PactaNumbering        *numbering,
                              GError               **error)
{
  const char *pattern;

  g_return_val_if_fail (PACTA_IS_NUMBERING_EDITOR (self), FALSE);
  g_return_val_if_fail (numbering != NULL, FALSE);

  pattern = gtk_editable_get_text (GTK_EDITABLE (self->pattern));
  if (!pacta_numbering_pattern_check (pattern, error))
    return FALSE;
  g_free (numbering->pattern);
  numbering->pattern = g_strdup (pattern);
  /* Not get_value_as_int(): the counter goes past what an int holds */
  numbering->next = (gint64) gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->next));
  g_free (numbering->reset);
  numbering->reset = g_strdup (resets[adw_combo_row_get_selected (ADW_COMBO_ROW (self->reset))]);
  return TRUE;
}

/* The preview line as shown, or the reason the pattern is refused */
const char *
pacta_numbering_editor_get_preview (PactaNumberingEditor *self)
{
  g_return_val_if_fail (PACTA_IS_NUMBERING_EDITOR (self), NULL);

  return self->preview_text;
}

/* The date the previewed numbers are for (a run's invoice date), so a
 * yearly or monthly reset shows as it will happen; NULL for today */
void
pacta_numbering_editor_set_date (PactaNumberingEditor *self,
                                 const char           *date)
{
  g_return_if_fail (PACTA_IS_NUMBERING_EDITOR (self));

  g_free (self->date);
  self->date = g_strdup (date);
  update_preview (self);
}

/* For tests: typing into the fields */
void
pacta_numbering_editor_set_pattern (PactaNumberingEditor *self,
                                    const char           *pattern)
{
  g_return_if_fail (PACTA_IS_NUMBERING_EDITOR (self));

  gtk_editable_set_text (GTK_EDITABLE (self->pattern), pattern);
}

void
pacta_numbering_editor_set_next (PactaNumberingEditor *self,
                                 gint64                next)
{
  g_return_if_fail (PACTA_IS_NUMBERING_EDITOR (self));

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->next), (double) next);
}
