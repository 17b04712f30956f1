/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-verifactu-service.h: sends the invoice records by itself while the
 * app runs (VERI*FACTU) — off the main thread, as the agency's wait allows,
 * at least hourly, quietly waiting for the network */
#pragma once

#include <gio/gio.h>

#include "pacta-context.h"

G_BEGIN_DECLS

typedef enum
{
  PACTA_SENDING_OFF,          /* the rules are off, or this is the demo */
  PACTA_SENDING_IDLE,         /* nothing to send */
  PACTA_SENDING_NOT_SET_UP,   /* records wait, and no certificate is installed */
  PACTA_SENDING_OFFLINE,      /* records wait for the network */
  PACTA_SENDING_WAITING,      /* records wait as the agency asked (next-attempt) */
  PACTA_SENDING_SENDING,
  PACTA_SENDING_FAILED,       /* the last try failed (last-error); tried again at next-attempt */
} PactaSendingState;

/* The longest the service waits between two tries while records are
 * unsent (the rules: at least once an hour) */
#define PACTA_VERIFACTU_RETRY_MAX 3600
#define PACTA_VERIFACTU_RETRY_FIRST 60

#define PACTA_TYPE_VERIFACTU_SERVICE (pacta_verifactu_service_get_type ())

G_DECLARE_FINAL_TYPE (PactaVerifactuService, pacta_verifactu_service, PACTA, VERIFACTU_SERVICE, GObject)

PactaVerifactuService *pacta_verifactu_service_new            (PactaContext           *context,
                                                               GNetworkMonitor        *monitor);
void                   pacta_verifactu_service_refresh        (PactaVerifactuService  *self);
void                   pacta_verifactu_service_send_now       (PactaVerifactuService  *self);
PactaSendingState      pacta_verifactu_service_get_state      (PactaVerifactuService  *self);
gint64                 pacta_verifactu_service_get_n_pending  (PactaVerifactuService  *self);
gint64                 pacta_verifactu_service_get_n_rejected (PactaVerifactuService  *self);
GDateTime             *pacta_verifactu_service_get_next_attempt (PactaVerifactuService *self);
const char            *pacta_verifactu_service_get_last_error (PactaVerifactuService  *self);
char                  *pacta_verifactu_service_describe       (PactaVerifactuService  *self);
char                  *pacta_verifactu_last_reply_describe    (PactaDatabase          *database);

G_END_DECLS
