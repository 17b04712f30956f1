/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-platform-page-private.h: hooks for the tests into PactaPreferencesPlatformPage — included by pacta-preferences-platform-page.c and tests/ only */
#pragma once

#include "pacta-preferences-platform-page.h"

G_BEGIN_DECLS

/* A disconnection is under way */
gboolean          pacta_preferences_platform_page_is_busy      (PactaPreferencesPlatformPage *self);
/* (nullable): Disconnect's question, while it is asked */
AdwMessageDialog *pacta_preferences_platform_page_get_question (PactaPreferencesPlatformPage *self);
/* The closed months listed */
guint             pacta_preferences_platform_page_get_n_months (PactaPreferencesPlatformPage *self);

G_END_DECLS
