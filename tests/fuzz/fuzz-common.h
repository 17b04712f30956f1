/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-common.h: what the libFuzzer targets share — strict GLib logging and a database reset per input */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "pacta-database.h"

G_BEGIN_DECLS

int            LLVMFuzzerTestOneInput    (const uint8_t *data,
                                          size_t         size);

void           pacta_fuzz_init           (void);
PactaDatabase *pacta_fuzz_database       (gboolean       with_demo);
void           pacta_fuzz_database_reset (void);

G_END_DECLS
