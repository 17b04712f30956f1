/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-invoice-language.c: the words and number formats an invoice is printed with.
 *
 * An invoice is in its customer's language (the billing information's
 * invoice language, as the invoice's snapshot of it has it), never in the
 * language Pacta happens to run in: the same invoice printed twice, by two
 * people, must read the same. So its terms are a table per language here,
 * not messages looked up in the running program's catalogue (switching the
 * catalogue's language for one document means LANGUAGE and setlocale(),
 * which are process-wide and not thread-safe, and a term a translator has
 * not done yet would silently print in English). The terms are also
 * fixed wording: "Factura rectificativa", "Base imponible", "Cuota" are what
 * Spanish invoices say, not free translations. A new language is a new
 * table; every field of it must be filled.
 *
 * Dates and amounts follow the same language — one format for the whole
 * invoice — and are made from the same integer amounts as everywhere else,
 * only written differently ("1.234,56 €" in Spanish, "1234.56 €" in
 * English, as Pacta has always printed it).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "pacta-date.h"
#include "pacta-invoice-language.h"
#include "pacta-money.h"

/* Between a number and its unit: the two never part at a line end */
#define NO_BREAK_SPACE "\u00a0"

static const PactaInvoiceLanguage english = {
  .code = "en",
  .date_format = "%d/%m/%Y",
  .decimal_mark = ".",
  .thousands_mark = NULL,

  .invoice = "Invoice",
  .credit_note = "Credit note",
  .number = "Number",
  .issue_date = "Date",
  .due_date = "Due",
  .corrects = "Corrects invoice {number}\nissued on {date}",
  .corrects_undated = "Corrects invoice {number}",
  .continued = "{number} (continued)",
  .bill_to = "Bill to",
  .vat_number = "VAT number: {vat}",
  .customer_account = "Customer account: {code}",

  .column_description = "Description",
  .column_quantity = "Quantity",
  .column_price = "Price",
  .column_discount = "Discount",
  .column_tax = "Tax",
  .column_amount = "Amount",

  .net = "Net",
  .tax_band = "Tax {rate} on {base}",
  .total = "Total",

  .direct_debit = "Paid by direct debit on {date}.",
  .bank_transfer = "Please pay by {date} by bank transfer to IBAN {iban}.",
  .pay_by = "Please pay by {date}.",
  .tax_exempt = "Exempt from VAT.",

  .mail_subject_invoice = "Invoice {number} from {company}",
  .mail_subject_credit_note = "Credit note {number} from {company}",
  .mail_body_invoice = "Hello,\n\n"
                       "Please find attached our invoice {number} of {date} for {total}, due on {due}.\n\n"
                       "Kind regards,\n"
                       "{company}\n",
  .mail_body_credit_note = "Hello,\n\n"
                           "Please find attached our credit note {number} of {date} for {total}.\n\n"
                           "Kind regards,\n"
                           "{company}\n",
};

/* As Spanish invoices word it (RD 1619/2012: "fecha de expedición", the
 * rectified invoice named on a "factura rectificativa", the tax base and the
 * tax due, "cuota", per rate) */
static const PactaInvoiceLanguage spanish = {
  .code = "es",
  .date_format = "%d/%m/%Y",
  .decimal_mark = ",",
  .thousands_mark = ".",

  .invoice = "Factura",
  .credit_note = "Factura rectificativa",
  .number = "Número",
  .issue_date = "Fecha de expedición",
  .due_date = "Vencimiento",
  .corrects = "Rectifica la factura {number}\nexpedida el {date}",
  .corrects_undated = "Rectifica la factura {number}",
  .continued = "{number} (continuación)",
  .bill_to = "Cliente",
  .vat_number = "NIF: {vat}",
  .customer_account = "Código de cliente: {code}",

  .column_description = "Descripción",
  .column_quantity = "Cantidad",
  .column_price = "Precio",
  .column_discount = "Dto.",
  .column_tax = "IVA",
  .column_amount = "Importe",

  .net = "Base imponible",
  .tax_band = "Cuota IVA {rate} sobre {base}",
  .total = "Total",

  .direct_debit = "Se cargará por domiciliación bancaria el {date}.",
  .bank_transfer = "Forma de pago: transferencia bancaria al IBAN {iban} antes del {date}.",
  .pay_by = "Le rogamos el pago antes del {date}.",
  .tax_exempt = "Operación exenta de IVA.",

  .mail_subject_invoice = "Factura {number} de {company}",
  .mail_subject_credit_note = "Factura rectificativa {number} de {company}",
  .mail_body_invoice = "Hola:\n\n"
                       "Le adjuntamos nuestra factura {number} del {date} por importe de {total}, "
                       "con vencimiento el {due}.\n\n"
                       "Un saludo,\n"
                       "{company}\n",
  .mail_body_credit_note = "Hola:\n\n"
                           "Le adjuntamos nuestra factura rectificativa {number} del {date} "
                           "por importe de {total}.\n\n"
                           "Un saludo,\n"
                           "{company}\n",
};

/* Where a customer with no invoice language (or one Pacta can't print) is
 * written to in Spanish */
static const char *const spanish_countries[] = {
  "ES", "AR", "BO", "CL", "CO", "CR", "CU", "DO", "EC", "GQ", "GT", "HN", "MX", "NI", "PA", "PE", "PR", "PY",
  "SV", "UY", "VE",
};

/**
 * pacta_invoice_language_lookup:
 * @code: (nullable): a language as people write it in the billing
 *   information: "es", "ES", "es_ES.UTF-8", "en-GB", "spa"
 *
 * Returns: (nullable): the language's terms, or %NULL when invoices can't
 *   be printed in it (or @code is empty)
 */
const PactaInvoiceLanguage *
pacta_invoice_language_lookup (const char *code)
{
  g_autofree char *folded = NULL;

  if (code == NULL)
    return NULL;
  folded = g_ascii_strdown (code, -1);
  g_strstrip (folded);
  folded[strcspn (folded, "_-.@")] = '\0';
  if (g_str_equal (folded, "es") || g_str_equal (folded, "spa"))
    return &spanish;
  if (g_str_equal (folded, "en") || g_str_equal (folded, "eng"))
    return &english;
  return NULL;
}

/**
 * pacta_invoice_language_for_customer:
 * @customer: (nullable): an invoice's snapshot of the customer's billing
 *   information
 *
 * The language to print the invoice in: the customer's invoice language;
 * without one Pacta can print, Spanish for a customer in a Spanish-speaking
 * country and English for everyone else.
 *
 * Returns: (not nullable): the terms
 */
const PactaInvoiceLanguage *
pacta_invoice_language_for_customer (JsonObject *customer)
{
  const PactaInvoiceLanguage *language =
    pacta_invoice_language_lookup (pacta_invoice_document_member (customer, "language"));
  const char *country = pacta_invoice_document_member (customer, "country");

  if (language != NULL)
    return language;
  for (guint i = 0; country != NULL && i < G_N_ELEMENTS (spanish_countries); i++)
    if (g_ascii_strcasecmp (country, spanish_countries[i]) == 0)
      return &spanish;
  return &english;
}

/**
 * pacta_invoice_language_fill:
 * @text: a term with {name} places
 * @...: pairs of a name and its value, then %NULL
 *
 * Returns: (transfer full): @text with each {name} replaced by its value
 */
char *
pacta_invoice_language_fill (const char *text,
                             ...)
{
  GString *filled = g_string_new (text);
  const char *name;
  va_list args;

  va_start (args, text);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);
      g_autofree char *place = g_strconcat ("{", name, "}", NULL);

      g_string_replace (filled, place, value != NULL ? value : "", 0);
    }
  va_end (args);
  return g_string_free (filled, FALSE);
}

/**
 * pacta_invoice_language_format_date:
 * @iso_date: (nullable): YYYY-MM-DD
 *
 * Returns: (transfer full): the date as the language writes it; @iso_date
 *   itself when it is no date, "" for %NULL
 */
char *
pacta_invoice_language_format_date (const PactaInvoiceLanguage *language,
                                    const char                 *iso_date)
{
  g_autoptr(GDateTime) date = NULL;
  int year, month, day;

  g_return_val_if_fail (language != NULL, NULL);

  if (iso_date == NULL)
    return g_strdup ("");
  if (!pacta_date_is_valid (iso_date) || sscanf (iso_date, "%4d-%2d-%2d", &year, &month, &day) != 3 ||
      !(date = g_date_time_new_utc (year, month, day, 0, 0, 0)))
    return g_strdup (iso_date);
  return g_date_time_format (date, language->date_format);
}

/* "-1234567.5" written the language's way: "-1.234.567,5" */
static char *
localize (const PactaInvoiceLanguage *language,
          const char                 *number)
{
  const char *digits = number[0] == '-' ? number + 1 : number;
  const char *point = strchr (digits, '.');
  gsize whole = point != NULL ? (gsize) (point - digits) : strlen (digits);
  GString *out = g_string_new (number[0] == '-' ? "-" : "");

  for (gsize i = 0; i < whole; i++)
    {
      if (language->thousands_mark != NULL && i > 0 && (whole - i) % 3 == 0)
        g_string_append (out, language->thousands_mark);
      g_string_append_c (out, digits[i]);
    }
  if (point != NULL)
    {
      g_string_append (out, language->decimal_mark);
      g_string_append (out, point + 1);
    }
  return g_string_free (out, FALSE);
}

/* At least @decimals decimals, as money is shown: "12.5" → "12.50" */
static char *
pad_decimals (const char *number,
              guint       decimals)
{
  const char *point = strchr (number, '.');
  guint have = point != NULL ? (guint) strlen (point + 1) : 0;
  GString *out = g_string_new (number);

  if (point == NULL)
    g_string_append_c (out, '.');
  for (; have < decimals; have++)
    g_string_append_c (out, '0');
  return g_string_free (out, FALSE);
}

/* @value in 1/10000 with up to @max_decimals decimals and at least two,
 * then a no-break space and the currency */
static char *
format_amount (const PactaInvoiceLanguage *language,
               gint64                      value,
               guint                       max_decimals,
               const char                 *currency)
{
  g_autofree char *number = pacta_decimal_format (value, max_decimals);
  g_autofree char *padded = pad_decimals (number, 2);
  g_autofree char *local = localize (language, padded);

  return g_strconcat (local, NO_BREAK_SPACE, pacta_money_currency_symbol (currency), NULL);
}

/**
 * pacta_invoice_language_format_money:
 * @cents: an amount in cents, as invoices keep them
 *
 * Returns: (transfer full): the amount with two decimals and the currency
 *   ("1.234,56 €", "1234.56 €"), a no-break space before the currency
 */
char *
pacta_invoice_language_format_money (const PactaInvoiceLanguage *language,
                                     gint64                      cents,
                                     const char                 *currency)
{
  g_return_val_if_fail (language != NULL, NULL);

  return format_amount (language, cents * 100, 2, currency);
}

/**
 * pacta_invoice_language_format_price:
 * @value: a unit price in 1/10000 of the currency
 *
 * Like pacta_invoice_language_format_money(), keeping a unit price's
 * sub-cent digits: "0,045 €", "12,50 €".
 */
char *
pacta_invoice_language_format_price (const PactaInvoiceLanguage *language,
                                     gint64                      value,
                                     const char                 *currency)
{
  g_return_val_if_fail (language != NULL, NULL);

  return format_amount (language, value, 4, currency);
}

/**
 * pacta_invoice_language_format_decimal:
 * @value: a quantity in 1/10000
 *
 * Returns: (transfer full): @value with up to @max_decimals decimals, no
 *   trailing zeros: "1.099,5116", "10"
 */
char *
pacta_invoice_language_format_decimal (const PactaInvoiceLanguage *language,
                                       gint64                      value,
                                       guint                       max_decimals)
{
  g_autofree char *number = pacta_decimal_format (value, max_decimals);

  g_return_val_if_fail (language != NULL, NULL);

  return localize (language, number);
}

/**
 * pacta_invoice_language_format_percent:
 * @hundredths: a rate in hundredths of a percent
 *
 * Returns: (transfer full): "21 %", "10,5 %", a no-break space before the sign
 */
char *
pacta_invoice_language_format_percent (const PactaInvoiceLanguage *language,
                                       int                         hundredths)
{
  g_autofree char *number = pacta_percent_format (hundredths);
  g_autofree char *local = NULL;

  g_return_val_if_fail (language != NULL, NULL);

  local = localize (language, number);
  return g_strconcat (local, NO_BREAK_SPACE "%", NULL);
}

static gboolean
date_at (const char *text,
         char        date[11])
{
  memcpy (date, text, 10);
  date[10] = '\0';
  return pacta_date_is_valid (date);
}

/**
 * pacta_invoice_language_line_text:
 *
 * A line's description as printed. A billed period ends the description of
 * the lines a billing run makes ("Workstations · 2026-11-01 – 2026-11-30",
 * stored so, as issued); its dates are written like every other date of the
 * invoice, and the period is kept on one line.
 *
 * Returns: (transfer full): the description
 */
char *
pacta_invoice_language_line_text (const PactaInvoiceLanguage *language,
                                  const PactaDocumentLine    *line)
{
  static const char dash[] = " – ";
  const char *text;
  gsize length, tail = 10 + strlen (dash) + 10;
  char from[11], to[11];

  g_return_val_if_fail (language != NULL && line != NULL, NULL);

  text = line->description != NULL ? line->description : "";
  length = strlen (text);
  if (line->period_start != NULL && length >= tail &&
      memcmp (text + length - tail + 10, dash, strlen (dash)) == 0 &&
      date_at (text + length - tail, from) && date_at (text + length - 10, to))
    {
      g_autofree char *head = g_strndup (text, length - tail);
      g_autofree char *first = pacta_invoice_language_format_date (language, from);
      g_autofree char *last = pacta_invoice_language_format_date (language, to);

      /* A line may break after a dash, even before a no-break space; a
       * word joiner (U+2060) after it forbids that too */
      return g_strconcat (head, first, NO_BREAK_SPACE "–\u2060" NO_BREAK_SPACE, last, NULL);
    }
  return g_strdup (text);
}
