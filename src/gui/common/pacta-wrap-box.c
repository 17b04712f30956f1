/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-wrap-box.c: a toolbar whose children flow onto further lines when the window is narrow.
 *
 * Children are laid out left to right at their natural widths, as in a
 * horizontal GtkBox, and a child that does not fit on the line starts the
 * next one; a line's spare width goes to its children that expand. A child
 * wider than the whole box gets a line of its own at the box's width. So
 * the box is never wider than its widest child, and a window of 360 px
 * (a phone, a tiled window) shows every control, in the same order for the
 * keyboard, instead of cutting the row off. Leave children filling their
 * place (halign fill): GTK narrows one aligned otherwise to its natural width
 * for the line's height, and a wrapping label in it then needs more lines
 * than the line has. GTK 4.8 and libadwaita 1.2 have
 * no wrapping box (AdwWrapBox comes with libadwaita 1.7); GtkFlowBox aligns
 * its children in columns and makes each of them a focusable item. */
/* No template: a layout container with no children of its own; its users' templates give it theirs */
#include "config.h"

#include "pacta-wrap-box.h"

struct _PactaWrapBox
{
  GtkWidget parent_instance;

  int              spacing;       /* between children on a line */
  int              line_spacing;  /* between lines */
  GtkJustification justify;       /* where a line without expanding children sits */
  guint            n_lines;       /* at the last allocation */
};

G_DEFINE_FINAL_TYPE (PactaWrapBox, pacta_wrap_box, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SPACING,
  PROP_LINE_SPACING,
  PROP_JUSTIFY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GtkWidget *widget;
  int        min;
  int        nat;
  int        width;   /* given on its line */
  int        offset;  /* where its line starts, when the line is centred or to the right */
  guint      line;
} Item;

/* Breaks the visible children into lines for @width and gives each its
 * width; returns the number of lines */
static guint
lay_out (PactaWrapBox *self,
         int           width,
         GArray       *items)
{
  guint line = 0;
  guint first = 0;    /* the first item of the current line */
  int used = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      Item item = { child, 0, 0, 0, 0, 0 };

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &item.min, &item.nat, NULL, NULL);
      g_array_append_val (items, item);
    }

  for (guint i = 0; i <= items->len; i++)
    {
      Item *item = i < items->len ? &g_array_index (items, Item, i) : NULL;
      gboolean line_ends = item == NULL ||
                           (i > first && used + self->spacing + item->nat > width);

      if (line_ends && i > first)
        {
          int extra = MAX (width - used, 0);
          int n_expand = 0;
          int share, rest;

          /* The line is complete: its spare width to the children that expand */
          for (guint j = first; j < i; j++)
            if (gtk_widget_compute_expand (g_array_index (items, Item, j).widget, GTK_ORIENTATION_HORIZONTAL))
              n_expand++;
          share = n_expand > 0 ? extra / n_expand : 0;
          rest = n_expand > 0 ? extra % n_expand : 0;
          for (guint j = first; j < i; j++)
            {
              Item *done = &g_array_index (items, Item, j);

              /* Alone on its line and wider than the box: the box's width,
               * never less than its minimum */
              done->width = MAX (MIN (done->nat, width), done->min);
              if (gtk_widget_compute_expand (done->widget, GTK_ORIENTATION_HORIZONTAL))
                done->width += share + (rest-- > 0 ? 1 : 0);
              /* Nothing takes the spare width: the line moves as justified */
              if (n_expand == 0 && self->justify == GTK_JUSTIFY_CENTER)
                done->offset = extra / 2;
              else if (n_expand == 0 && self->justify == GTK_JUSTIFY_RIGHT)
                done->offset = extra;
            }
          line++;
          first = i;
          used = 0;
        }
      if (item == NULL)
        break;
      item->line = line;
      used += (i > first ? self->spacing : 0) + item->nat;
    }

  return line;
}

/* The height of each line, and the children's heights on it */
static void
line_heights (GArray *items,
              guint   n_lines,
              int    *mins,
              int    *nats)
{
  for (guint i = 0; i < items->len; i++)
    {
      Item *item = &g_array_index (items, Item, i);
      int min = 0, nat = 0;

      gtk_widget_measure (item->widget, GTK_ORIENTATION_VERTICAL, item->width, &min, &nat, NULL, NULL);
      mins[item->line] = MAX (mins[item->line], min);
      nats[item->line] = MAX (nats[item->line], nat);
    }
}

static void
measure_height (PactaWrapBox *self,
                int           width,
                int          *min,
                int          *nat)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (Item));
  guint n_lines = lay_out (self, width, items);
  g_autofree int *mins = g_new0 (int, MAX (n_lines, 1));
  g_autofree int *nats = g_new0 (int, MAX (n_lines, 1));

  line_heights (items, n_lines, mins, nats);
  *min = *nat = n_lines > 1 ? (int)(n_lines - 1) * self->line_spacing : 0;
  for (guint i = 0; i < n_lines; i++)
    {
      *min += mins[i];
      *nat += nats[i];
    }
}

static GtkSizeRequestMode
pacta_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
pacta_wrap_box_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  PactaWrapBox *self = PACTA_WRAP_BOX (widget);
  int widest_min = 0, sum_nat = 0, n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min = 0, nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      widest_min = MAX (widest_min, min);
      sum_nat += (n++ > 0 ? self->spacing : 0) + nat;
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* As narrow as the widest child; naturally, all on one line */
      *minimum = widest_min;
      *natural = sum_nat;
    }
  else if (for_size >= 0)
    measure_height (self, for_size, minimum, natural);
  else
    /* Width unknown: as on one line, as GtkLabel answers for a wrapping
     * text. Containers that know the width (boxes) ask with it and get the
     * lines' height; one that does not (AdwToastOverlay) would otherwise
     * make the window as high as every toolbar at its narrowest. */
    measure_height (self, sum_nat, minimum, natural);
  *minimum_baseline = *natural_baseline = -1;
}

static void
pacta_wrap_box_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  PactaWrapBox *self = PACTA_WRAP_BOX (widget);
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (Item));
  guint n_lines = lay_out (self, width, items);
  g_autofree int *mins = g_new0 (int, MAX (n_lines, 1));
  g_autofree int *nats = g_new0 (int, MAX (n_lines, 1));
  int *heights = nats;
  int total = 0;
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int x = 0, y = 0;
  guint line = 0;

  line_heights (items, n_lines, mins, nats);
  for (guint i = 0; i < n_lines; i++)
    total += nats[i] + (i > 0 ? self->line_spacing : 0);
  /* Less than natural: every line at its minimum */
  if (total > height)
    heights = mins;

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = &g_array_index (items, Item, i);
      GtkAllocation allocation;

      if (i == 0)
        x = item->offset;
      else if (item->line != line)
        {
          y += heights[line] + self->line_spacing;
          line = item->line;
          x = item->offset;
        }
      allocation.x = rtl ? width - x - item->width : x;
      allocation.y = y;
      allocation.width = item->width;
      allocation.height = heights[line];
      gtk_widget_size_allocate (item->widget, &allocation, -1);
      x += item->width + self->spacing;
    }

  self->n_lines = n_lines;
}

static void
pacta_wrap_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (pacta_wrap_box_parent_class)->dispose (object);
}

static void
pacta_wrap_box_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PactaWrapBox *self = PACTA_WRAP_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;
    case PROP_LINE_SPACING:
      g_value_set_int (value, self->line_spacing);
      break;
    case PROP_JUSTIFY:
      g_value_set_enum (value, self->justify);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_wrap_box_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PactaWrapBox *self = PACTA_WRAP_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      pacta_wrap_box_set_spacing (self, g_value_get_int (value));
      break;
    case PROP_LINE_SPACING:
      pacta_wrap_box_set_line_spacing (self, g_value_get_int (value));
      break;
    case PROP_JUSTIFY:
      pacta_wrap_box_set_justify (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pacta_wrap_box_class_init (PactaWrapBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pacta_wrap_box_dispose;
  object_class->get_property = pacta_wrap_box_get_property;
  object_class->set_property = pacta_wrap_box_set_property;
  widget_class->get_request_mode = pacta_wrap_box_get_request_mode;
  widget_class->measure = pacta_wrap_box_measure;
  widget_class->size_allocate = pacta_wrap_box_size_allocate;

  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINE_SPACING] =
    g_param_spec_int ("line-spacing", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Left (the start, in right-to-left text), centre or right; fill is left */
  properties[PROP_JUSTIFY] =
    g_param_spec_enum ("justify", NULL, NULL, GTK_TYPE_JUSTIFICATION, GTK_JUSTIFY_LEFT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "pactawrapbox");
  /* What the GtkBox it replaces was for a screen reader */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GENERIC);
}

static void
pacta_wrap_box_init (PactaWrapBox *self)
{
}

GtkWidget *
pacta_wrap_box_new (void)
{
  return g_object_new (PACTA_TYPE_WRAP_BOX, NULL);
}

void
pacta_wrap_box_append (PactaWrapBox *self,
                       GtkWidget    *child)
{
  g_return_if_fail (PACTA_IS_WRAP_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (gtk_widget_get_parent (child) == NULL);

  gtk_widget_insert_before (child, GTK_WIDGET (self), NULL);
}

int
pacta_wrap_box_get_spacing (PactaWrapBox *self)
{
  g_return_val_if_fail (PACTA_IS_WRAP_BOX (self), 0);

  return self->spacing;
}

void
pacta_wrap_box_set_spacing (PactaWrapBox *self,
                            int           spacing)
{
  g_return_if_fail (PACTA_IS_WRAP_BOX (self));

  if (self->spacing == spacing)
    return;
  self->spacing = spacing;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPACING]);
}

int
pacta_wrap_box_get_line_spacing (PactaWrapBox *self)
{
  g_return_val_if_fail (PACTA_IS_WRAP_BOX (self), 0);

  return self->line_spacing;
}

void
pacta_wrap_box_set_line_spacing (PactaWrapBox *self,
                                 int           spacing)
{
  g_return_if_fail (PACTA_IS_WRAP_BOX (self));

  if (self->line_spacing == spacing)
    return;
  self->line_spacing = spacing;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINE_SPACING]);
}

GtkJustification
pacta_wrap_box_get_justify (PactaWrapBox *self)
{
  g_return_val_if_fail (PACTA_IS_WRAP_BOX (self), GTK_JUSTIFY_LEFT);

  return self->justify;
}

void
pacta_wrap_box_set_justify (PactaWrapBox     *self,
                            GtkJustification  justify)
{
  g_return_if_fail (PACTA_IS_WRAP_BOX (self));

  if (self->justify == justify)
    return;
  self->justify = justify;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JUSTIFY]);
}

/* For tests: how many lines the children took at the last allocation */
guint
pacta_wrap_box_get_n_lines (PactaWrapBox *self)
{
  g_return_val_if_fail (PACTA_IS_WRAP_BOX (self), 0);

  return self->n_lines;
}

/**
 * pacta_wrap_button_label:
 * @button: a #GtkButton or #GtkCheckButton with a text
 *
 * Lets the label that @button made for its text wrap onto further lines in
 * a narrow window, instead of making the window wider. GTK 4.8 has no
 * property for it; the label stays the one GTK made, so the button keeps
 * its mnemonic and its accessible name. Call it again if the button's text
 * is set anew from nothing (GTK then makes a new label).
 */
void
pacta_wrap_button_label (GtkWidget *button)
{
  g_return_if_fail (GTK_IS_BUTTON (button) || GTK_IS_CHECK_BUTTON (button));

  for (GtkWidget *child = gtk_widget_get_first_child (button); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child))
      {
        gtk_label_set_wrap (GTK_LABEL (child), TRUE);
        gtk_label_set_wrap_mode (GTK_LABEL (child), PANGO_WRAP_WORD_CHAR);
        /* A button centres its text; a check button's text starts at its box */
        if (GTK_IS_BUTTON (button))
          gtk_label_set_justify (GTK_LABEL (child), GTK_JUSTIFY_CENTER);
      }
}
