/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-file.h: reading an import file whole, with a size limit and a name for messages */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GBytes *pacta_file_load (GFile   *file,
                         gsize    max_bytes,
                         char   **display_name,
                         GError **error);

G_END_DECLS
