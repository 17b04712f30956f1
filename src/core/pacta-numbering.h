/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-numbering.h: invoice and credit-note numbers — pattern, next number, reset policy */
#pragma once

#include "pacta-database.h"

G_BEGIN_DECLS

typedef struct
{
  char     *kind;        /* "invoice" or "credit_note" */
  char     *pattern;     /* e.g. "INV-{yyyy}-{0000}" */
  gint64    next;        /* the counter the next number takes */
  char     *reset;       /* "never", "yearly" or "monthly" */
  char     *period;      /* the reset period of the last number issued, or NULL */
  gboolean  confirmed;
} PactaNumbering;

gboolean        pacta_numbering_pattern_check  (const char      *pattern,
                                                GError         **error);
char           *pacta_numbering_format         (const char      *pattern,
                                                gint64           counter,
                                                const char      *date);
PactaNumbering *pacta_numbering_load           (PactaDatabase   *database,
                                                const char      *kind,
                                                GError         **error);
gboolean        pacta_numbering_save           (PactaDatabase   *database,
                                                PactaNumbering  *numbering,
                                                GError         **error);
gboolean        pacta_numbering_confirm        (PactaDatabase   *database,
                                                const char      *pattern,
                                                gint64           next,
                                                const char      *reset,
                                                GError         **error);
char          **pacta_numbering_preview        (PactaNumbering  *numbering,
                                                const char      *date,
                                                guint            n);
char           *pacta_numbering_take_unlocked  (PactaDatabase   *database,
                                                const char      *kind,
                                                const char      *date,
                                                GError         **error);
char          **pacta_numbering_take_many_unlocked (PactaDatabase *database,
                                                const char      *kind,
                                                const char      *date,
                                                guint            n,
                                                GError         **error);
void            pacta_numbering_free           (PactaNumbering  *numbering);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PactaNumbering, pacta_numbering_free)

G_END_DECLS
