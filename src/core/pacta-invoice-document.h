/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-invoice-document.h: one issued invoice or credit note, as it was issued, for rendering */
#pragma once

#include <json-glib/json-glib.h>

#include "pacta-database.h"

G_BEGIN_DECLS

typedef struct
{
  int     position;
  gboolean credited;     /* cancelled by a credit note */
  char   *description;
  gint64  quantity;      /* 1/10000 */
  gint64  unit_price;    /* 1/10000 */
  int     discount;      /* 1/100 % */
  int     tax_rate;      /* 1/100 % */
  gint64  net;           /* cents */
  char   *period_start;
  char   *period_end;
} PactaDocumentLine;

typedef struct
{
  int    tax_rate;       /* 1/100 % */
  gint64 base;           /* cents */
  gint64 tax;            /* cents */
} PactaTaxBand;

typedef struct
{
  gint64      id;
  char       *kind;             /* "invoice" or "credit_note" */
  char       *number;
  char       *issue_date;
  char       *due_date;
  char       *currency;
  char       *status;
  char       *paid_on;
  char       *credited_number;  /* for a credit note: the invoice it corrects */
  char       *credited_date;    /* and that invoice's date */
  char       *qr_url;           /* the tax agency's check URL from the invoice's
                                   record (VERI*FACTU rules); NULL without one */
  gboolean    verifactu;        /* issued in VERI*FACTU mode: the legend goes under the QR */
  gint64      net;              /* cents */
  gint64      tax;
  gint64      gross;
  JsonObject *customer;         /* billing information at issue time */
  JsonObject *msp;              /* the MSP's details at issue time */
  GPtrArray  *lines;            /* PactaDocumentLine */
  GArray     *tax_bands;        /* PactaTaxBand, by rate */
} PactaInvoiceDocument;

PactaInvoiceDocument *pacta_invoice_document_new    (void);
PactaInvoiceDocument *pacta_invoice_document_load   (PactaDatabase         *database,
                                                     gint64                 invoice_id,
                                                     GError               **error);
void                  pacta_invoice_document_compute_tax_bands (PactaInvoiceDocument *document);
void                  pacta_invoice_document_free   (PactaInvoiceDocument  *document);
const char           *pacta_invoice_document_member (JsonObject            *object,
                                                     const char            *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PactaInvoiceDocument, pacta_invoice_document_free)

G_END_DECLS
