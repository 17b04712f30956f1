/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-banner.h: a strip under the header bar, shaped like libadwaita 1.3's AdwBanner */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PACTA_TYPE_BANNER (pacta_banner_get_type ())

G_DECLARE_FINAL_TYPE (PactaBanner, pacta_banner, PACTA, BANNER, GtkWidget)

GtkWidget  *pacta_banner_new              (const char  *title);
const char *pacta_banner_get_title        (PactaBanner *self);
void        pacta_banner_set_title        (PactaBanner *self,
                                           const char  *title);
const char *pacta_banner_get_button_label (PactaBanner *self);
void        pacta_banner_set_button_label (PactaBanner *self,
                                           const char  *label);
gboolean    pacta_banner_get_revealed     (PactaBanner *self);
void        pacta_banner_set_revealed     (PactaBanner *self,
                                           gboolean     revealed);

G_END_DECLS
