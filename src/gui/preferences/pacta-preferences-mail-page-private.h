/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-mail-page-private.h: hooks for the tests into PactaPreferencesMailPage — included by pacta-preferences-mail-page.c and tests/ only */
#pragma once

#include "pacta-preferences-mail-page.h"

G_BEGIN_DECLS

/* A field's row: "imap-host", "imap-port", "imap-security", "folder",
 * "done-folder", "smtp-host", "smtp-port", "smtp-security", "user",
 * "address" or "password" */
GtkWidget        *pacta_preferences_mail_page_get_row      (PactaPreferencesMailPage *self,
                                                            const char               *field);
/* Test and Save can be pressed: every field needed is filled, ports valid */
gboolean          pacta_preferences_mail_page_can_save     (PactaPreferencesMailPage *self);
/* Test and Save pressed: both servers are asked, off the main thread */
void              pacta_preferences_mail_page_save         (PactaPreferencesMailPage *self);
/* Cancel pressed while testing */
void              pacta_preferences_mail_page_cancel       (PactaPreferencesMailPage *self);
/* A test or a removal is under way */
gboolean          pacta_preferences_mail_page_is_busy      (PactaPreferencesMailPage *self);
/* (nullable): what the page says went wrong, %NULL when it says nothing */
const char       *pacta_preferences_mail_page_get_error    (PactaPreferencesMailPage *self);
/* (nullable): "Saved. Both servers answered." while it is shown */
const char       *pacta_preferences_mail_page_get_status   (PactaPreferencesMailPage *self);
/* (nullable): Remove Account's question, while it is asked */
AdwMessageDialog *pacta_preferences_mail_page_get_question (PactaPreferencesMailPage *self);

G_END_DECLS
