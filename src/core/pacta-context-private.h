/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-context-private.h: what the context's own files share, not for its users */
#pragma once

#include "pacta-context.h"

G_BEGIN_DECLS

PactaWorkers *pacta_context_get_workers (PactaContext *self);
void          pacta_context_emit_platform_changed (PactaContext *self);

G_END_DECLS
