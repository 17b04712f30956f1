/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-preferences-window-private.h: hooks for the tests into PactaPreferencesWindow, forwarded to its pages — included by pacta-preferences-window.c and tests/ only */
#pragma once

#include "pacta-preferences-window.h"
#include "pacta-numbering-editor.h"
#include "pacta-verifactu-service.h"

G_BEGIN_DECLS

void                    pacta_preferences_window_import_catalog (PactaPreferencesWindow *self,
                                                                 GFile                  *file);
guint                   pacta_preferences_window_get_n_items  (PactaPreferencesWindow *self);
gboolean                pacta_preferences_window_set_price    (PactaPreferencesWindow *self,
                                                               guint                   position,
                                                               const char             *price);

gboolean                pacta_preferences_window_add_staff    (PactaPreferencesWindow *self,
                                                               const char             *name);
guint                   pacta_preferences_window_get_n_staff  (PactaPreferencesWindow *self);

void                    pacta_preferences_window_set_msp_field (PactaPreferencesWindow *self,
                                                                const char             *field,
                                                                const char             *text);
gboolean                pacta_preferences_window_save_msp      (PactaPreferencesWindow *self);
PactaNumberingEditor   *pacta_preferences_window_get_numbering_editor (PactaPreferencesWindow *self,
                                                                       const char             *kind);
gboolean                pacta_preferences_window_save_numbering (PactaPreferencesWindow *self,
                                                                 const char             *kind);
gboolean                pacta_preferences_window_save_defaults (PactaPreferencesWindow *self,
                                                                const char             *currency,
                                                                const char             *tax_rate);
gboolean                pacta_preferences_window_save_verifactu (PactaPreferencesWindow *self,
                                                                 gboolean                enabled,
                                                                 const char             *issuer_nif);
gboolean                pacta_preferences_window_verify_records (PactaPreferencesWindow *self);
guint                   pacta_preferences_window_get_n_backups (PactaPreferencesWindow *self);
gboolean                pacta_preferences_window_restore_backup (PactaPreferencesWindow *self,
                                                                 guint                   position);
void                    pacta_preferences_window_set_sending   (PactaPreferencesWindow *self,
                                                                PactaVerifactuService  *sending);
gboolean                pacta_preferences_window_set_environment (PactaPreferencesWindow *self,
                                                                  const char             *environment);
void                    pacta_preferences_window_choose_certificate (PactaPreferencesWindow *self,
                                                                     GFile                  *file);
AdwMessageDialog       *pacta_preferences_window_get_certificate_dialog (PactaPreferencesWindow *self);
gboolean                pacta_preferences_window_get_certificate_busy (PactaPreferencesWindow *self);
gboolean                pacta_preferences_window_msp_field_has_error (PactaPreferencesWindow *self,
                                                                      const char             *field);

G_END_DECLS
