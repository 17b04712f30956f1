/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-invoice-language.h: the words and number formats an invoice is printed with, per language */
#pragma once

#include <json-glib/json-glib.h>

#include "pacta-invoice-document.h"

G_BEGIN_DECLS

/* One language's terms. Texts with {name} take values through
 * pacta_invoice_language_fill(). */
typedef struct
{
  const char *code;              /* ISO 639-1: "en", "es" */
  const char *date_format;       /* for g_date_time_format () */
  const char *decimal_mark;
  const char *thousands_mark;    /* NULL: none */

  const char *invoice;           /* the title */
  const char *credit_note;
  const char *number;            /* the facts under the title, "{label}: {value}" */
  const char *issue_date;
  const char *due_date;
  const char *corrects;          /* {number}, {date} */
  const char *corrects_undated;  /* {number} */
  const char *continued;         /* {number} */
  const char *bill_to;
  const char *vat_number;        /* {vat} */
  const char *customer_account;  /* {code} */

  const char *column_description;
  const char *column_quantity;
  const char *column_price;
  const char *column_discount;
  const char *column_tax;
  const char *column_amount;

  const char *net;
  const char *tax_band;          /* {rate}, {base} */
  const char *total;

  const char *direct_debit;      /* {date} */
  const char *bank_transfer;     /* {date}, {iban} */
  const char *pay_by;            /* {date} */
  const char *tax_exempt;

  /* The message an invoice is mailed with: {number}, {company}, {date},
   * {total}, {due} */
  const char *mail_subject_invoice;
  const char *mail_subject_credit_note;
  const char *mail_body_invoice;
  const char *mail_body_credit_note;
} PactaInvoiceLanguage;

const PactaInvoiceLanguage *pacta_invoice_language_lookup        (const char                 *code);
const PactaInvoiceLanguage *pacta_invoice_language_for_customer  (JsonObject                 *customer);
char   *pacta_invoice_language_fill           (const char                 *text,
                                               ...) G_GNUC_NULL_TERMINATED;
char   *pacta_invoice_language_format_date    (const PactaInvoiceLanguage *language,
                                               const char                 *iso_date);
char   *pacta_invoice_language_format_money   (const PactaInvoiceLanguage *language,
                                               gint64                      cents,
                                               const char                 *currency);
char   *pacta_invoice_language_format_price   (const PactaInvoiceLanguage *language,
                                               gint64                      value,
                                               const char                 *currency);
char   *pacta_invoice_language_format_decimal (const PactaInvoiceLanguage *language,
                                               gint64                      value,
                                               guint                       max_decimals);
char   *pacta_invoice_language_format_percent (const PactaInvoiceLanguage *language,
                                               int                         hundredths);
char   *pacta_invoice_language_line_text      (const PactaInvoiceLanguage *language,
                                               const PactaDocumentLine    *line);

G_END_DECLS
