/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-mail-service.h: the mailbox while the app runs — new mail read every
 * few minutes, the outbox sent as soon as something waits in it — off the
 * main thread, quietly waiting for the network */
#pragma once

#include <gio/gio.h>

#include "pacta-context.h"

G_BEGIN_DECLS

/* How often mail is read (and what waits sent) while the window is open */
#define PACTA_MAIL_CHECK_INTERVAL 300

#define PACTA_TYPE_MAIL_SERVICE (pacta_mail_service_get_type ())

G_DECLARE_FINAL_TYPE (PactaMailService, pacta_mail_service, PACTA, MAIL_SERVICE, GObject)

/* @monitor: (nullable): the network to wait for; the default one when %NULL */
PactaMailService *pacta_mail_service_new        (PactaContext     *context,
                                                 GNetworkMonitor  *monitor);
/* Sends what the outbox holds, now (or when the pass under way ends) */
void              pacta_mail_service_send_now   (PactaMailService *self);
/* Reads new mail, then sends what waits */
void              pacta_mail_service_check_now  (PactaMailService *self);
gboolean          pacta_mail_service_get_busy   (PactaMailService *self);
/* (nullable): what went wrong last, until a pass goes well */
const char       *pacta_mail_service_get_last_error (PactaMailService *self);

G_END_DECLS
