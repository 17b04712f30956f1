/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-demo.h: the demo's database, seeded the first time it is opened */
#pragma once

#include "pacta-database.h"

G_BEGIN_DECLS

PactaDatabase *pacta_demo_open (const char  *path,
                                GError     **error);

G_END_DECLS
