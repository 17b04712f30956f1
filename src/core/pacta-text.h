/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-text.h: the rules every free-text field shares (blank, control
 * characters, length, email addresses) and short excerpts for display */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether a text field may hold line breaks and tabs */
typedef enum
{
  PACTA_TEXT_LINE,        /* one line: a name, a title, a city */
  PACTA_TEXT_MULTILINE,   /* notes, messages: line breaks and tabs allowed */
  PACTA_TEXT_ADDRESS,     /* a street: up to PACTA_TEXT_MAX_ADDRESS_LINES
                             lines (LF), no tabs */
} PactaTextKind;

/* Lines a street may take: the street, then a floor and door or a building
 * (accounting software exports it so) */
#define PACTA_TEXT_MAX_ADDRESS_LINES 3

gboolean pacta_text_is_blank        (const char    *text);
gboolean pacta_text_has_controls    (const char    *text,
                                     PactaTextKind  kind);
gboolean pacta_text_check           (const char    *text,
                                     PactaTextKind  kind,
                                     guint          max_chars,
                                     const char    *what,
                                     GError       **error);
gboolean pacta_text_is_email        (const char    *text);
/* "localhost" or a loopback address: the only hosts Pacta talks to without TLS */
gboolean pacta_text_is_loopback_host (const char   *host);
char    *pacta_text_tidy_lines      (const char    *text);
guint    pacta_text_count_lines     (const char    *text);
char    *pacta_text_join_lines      (const char    *text,
                                     const char    *separator);
char    *pacta_text_excerpt         (const char    *text,
                                     guint          max_chars);
gsize    pacta_text_longest_word    (const char    *text);
char    *pacta_text_sort_key        (const char    *text);
char    *pacta_text_search_key      (const char    *text);

G_END_DECLS
