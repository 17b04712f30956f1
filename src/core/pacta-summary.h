/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-summary.h: the counts behind `pacta --summary` */
#pragma once

#include "pacta-database.h"

G_BEGIN_DECLS

char *pacta_summary_to_json (PactaDatabase  *database,
                             GError        **error);

G_END_DECLS
