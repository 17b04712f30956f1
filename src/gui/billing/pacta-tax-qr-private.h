/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-tax-qr-private.h: hooks for the tests into pacta-tax-qr — included by pacta-tax-qr.c and tests/ only */
#pragma once

#include "pacta-tax-qr.h"

G_BEGIN_DECLS

guint    pacta_tax_qr_get_modules (const char  *url,
                                   GError     **error);

G_END_DECLS
