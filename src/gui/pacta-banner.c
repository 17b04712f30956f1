/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-banner.c: title, optional button, revealed, ::button-clicked — the AdwBanner API,
 * so that it can be swapped for AdwBanner once libadwaita 1.3 is the floor. */
#include "config.h"

#include "pacta-a11y.h"
#include "pacta-banner.h"
#include "pacta-wrap-box.h"

struct _PactaBanner
{
  GtkWidget    parent_instance;

  /* Template widgets */
  GtkRevealer *revealer;
  GtkLabel    *title_label;
  GtkButton   *button;
  GtkButton   *close_button;
};

G_DEFINE_FINAL_TYPE (PactaBanner, pacta_banner, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_BUTTON_LABEL,
  PROP_REVEALED,
  PROP_DISMISSIBLE,
  N_PROPS
};

enum {
  BUTTON_CLICKED,
  DISMISSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
on_button_clicked_cb (PactaBanner *self,
                      GtkButton   *button)
{
  g_signal_emit (self, signals[BUTTON_CLICKED], 0);
}

static void
on_close_clicked_cb (PactaBanner *self,
                     GtkButton   *button)
{
  pacta_banner_set_revealed (self, FALSE);
  g_signal_emit (self, signals[DISMISSED], 0);
}

static void
pacta_banner_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), PACTA_TYPE_BANNER);

  /* The template's unnamed root is ours to unparent */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (pacta_banner_parent_class)->dispose (object);
}

static void
pacta_banner_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PactaBanner *self = PACTA_BANNER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, pacta_banner_get_title (self));
      break;
    case PROP_BUTTON_LABEL:
      g_value_set_string (value, pacta_banner_get_button_label (self));
      break;
    case PROP_REVEALED:
      g_value_set_boolean (value, pacta_banner_get_revealed (self));
      break;
    case PROP_DISMISSIBLE:
      g_value_set_boolean (value, gtk_widget_get_visible (GTK_WIDGET (self->close_button)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_banner_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PactaBanner *self = PACTA_BANNER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      pacta_banner_set_title (self, g_value_get_string (value));
      break;
    case PROP_BUTTON_LABEL:
      pacta_banner_set_button_label (self, g_value_get_string (value));
      break;
    case PROP_REVEALED:
      pacta_banner_set_revealed (self, g_value_get_boolean (value));
      break;
    case PROP_DISMISSIBLE:
      gtk_widget_set_visible (GTK_WIDGET (self->close_button), g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_banner_class_init (PactaBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_banner_dispose;
  object_class->get_property = pacta_banner_get_property;
  object_class->set_property = pacta_banner_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUTTON_LABEL] =
    g_param_spec_string ("button-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVEALED] =
    g_param_spec_boolean ("revealed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Beyond AdwBanner: a close button, for banners the MSP may put away */
  properties[PROP_DISMISSIBLE] =
    g_param_spec_boolean ("dismissible", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[DISMISSED] =
    g_signal_new ("dismissed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  signals[BUTTON_CLICKED] =
    g_signal_new ("button-clicked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (PACTA_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/pacta/Pacta/ui/pacta-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, PactaBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, PactaBanner, title_label);
  gtk_widget_class_bind_template_child (widget_class, PactaBanner, button);
  gtk_widget_class_bind_template_child (widget_class, PactaBanner, close_button);
  gtk_widget_class_bind_template_callback (widget_class, on_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_close_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pactabanner");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pacta_banner_init (PactaBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Its label has a mnemonic: named "Leave Demo", not "_Leave Demo Leave Demo" */
  pacta_a11y_fix_mnemonic (GTK_WIDGET (self->button));
}

GtkWidget *
pacta_banner_new (const char *title)
{
  return g_object_new (PACTA_TYPE_BANNER, "title", title, NULL);
}

const char *
pacta_banner_get_title (PactaBanner *self)
{
  g_return_val_if_fail (PACTA_IS_BANNER (self), NULL);

  return gtk_label_get_label (self->title_label);
}

void
pacta_banner_set_title (PactaBanner *self,
                        const char  *title)
{
  g_return_if_fail (PACTA_IS_BANNER (self));

  if (g_strcmp0 (title, gtk_label_get_label (self->title_label)) == 0)
    return;

  gtk_label_set_label (self->title_label, title != NULL ? title : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
pacta_banner_get_button_label (PactaBanner *self)
{
  g_return_val_if_fail (PACTA_IS_BANNER (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->button)) ? gtk_button_get_label (self->button) : NULL;
}

void
pacta_banner_set_button_label (PactaBanner *self,
                               const char  *label)
{
  g_return_if_fail (PACTA_IS_BANNER (self));

  if (g_strcmp0 (label, pacta_banner_get_button_label (self)) == 0)
    return;

  gtk_button_set_label (self->button, label);
  gtk_widget_set_visible (GTK_WIDGET (self->button), label != NULL && label[0] != '\0');
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUTTON_LABEL]);
}

gboolean
pacta_banner_get_revealed (PactaBanner *self)
{
  g_return_val_if_fail (PACTA_IS_BANNER (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}

void
pacta_banner_set_revealed (PactaBanner *self,
                           gboolean     revealed)
{
  g_return_if_fail (PACTA_IS_BANNER (self));

  revealed = !!revealed;
  if (revealed == gtk_revealer_get_reveal_child (self->revealer))
    return;

  gtk_revealer_set_reveal_child (self->revealer, revealed);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
}
