/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-cli-platform.h: the command line's cloud platform actions —
 * --connect, --disconnect, --sync, --close-usage */
#pragma once

#include "pacta-context.h"

G_BEGIN_DECLS

/* Each prints its report on stdout, or the error on stderr; the exit status */
int  pacta_cli_connect      (PactaContext *context,
                             const char   *url,
                             const char   *client_id,
                             const char   *secret);
int  pacta_cli_disconnect   (PactaContext *context);
int  pacta_cli_sync         (PactaContext *context);
int  pacta_cli_close_usage  (PactaContext *context,
                             const char   *month);

G_END_DECLS
