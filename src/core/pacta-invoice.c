/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-invoice.c: an issued invoice or credit note as the Invoices list shows
 * it — number, customer, dates, total, status, export date, how it went out
 * by email or that it is to be printed; the store that keeps the list in
 * step with the database is pacta-invoice-store.c.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pacta-error.h"
#include "pacta-invoice.h"

enum {
  PROP_0,
  PROP_ID,
  PROP_CUSTOMER_ID,
  PROP_GROSS,
  PROP_AGENCY_STATE,
  PROP_TO_PRINT,
  /* text properties, stored in texts[] in this order */
  PROP_KIND,
  PROP_NUMBER,
  PROP_CUSTOMER_NAME,
  PROP_ISSUE_DATE,
  PROP_DUE_DATE,
  PROP_CURRENCY,
  PROP_STATUS,
  PROP_PAID_ON,
  PROP_EXPORTED_ON,
  PROP_CREDITED_NUMBER,
  PROP_AGENCY_NOTE,
  PROP_MAIL_STATE,
  PROP_MAIL_SENT_AT,
  PROP_MAIL_RECIPIENT,
  PROP_MAIL_ERROR,
  N_PROPS
};

#define N_TEXTS (N_PROPS - PROP_KIND)

struct _PactaInvoice
{
  GObject  parent_instance;

  gint64   id;
  gint64   customer_id;
  gint64   gross;     /* cents */
  int      agency_state;
  gboolean to_print;
  char    *texts[N_TEXTS];
};

G_DEFINE_FINAL_TYPE (PactaInvoice, pacta_invoice, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
pacta_invoice_finalize (GObject *object)
{
  PactaInvoice *self = (PactaInvoice *)object;

  for (guint i = 0; i < N_TEXTS; i++)
    g_free (self->texts[i]);

  G_OBJECT_CLASS (pacta_invoice_parent_class)->finalize (object);
}

static void
pacta_invoice_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PactaInvoice *self = PACTA_INVOICE (object);

  if (prop_id == PROP_ID)
    g_value_set_int64 (value, self->id);
  else if (prop_id == PROP_CUSTOMER_ID)
    g_value_set_int64 (value, self->customer_id);
  else if (prop_id == PROP_GROSS)
    g_value_set_int64 (value, self->gross);
  else if (prop_id == PROP_AGENCY_STATE)
    g_value_set_int (value, self->agency_state);
  else if (prop_id == PROP_TO_PRINT)
    g_value_set_boolean (value, self->to_print);
  else if (prop_id >= PROP_KIND && prop_id < N_PROPS)
    g_value_set_string (value, self->texts[prop_id - PROP_KIND]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
pacta_invoice_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PactaInvoice *self = PACTA_INVOICE (object);

  if (prop_id == PROP_ID)
    self->id = g_value_get_int64 (value);
  else if (prop_id == PROP_CUSTOMER_ID)
    self->customer_id = g_value_get_int64 (value);
  else if (prop_id == PROP_GROSS)
    self->gross = g_value_get_int64 (value);
  else if (prop_id == PROP_AGENCY_STATE)
    self->agency_state = g_value_get_int (value);
  else if (prop_id == PROP_TO_PRINT)
    self->to_print = g_value_get_boolean (value);
  else if (prop_id >= PROP_KIND && prop_id < N_PROPS)
    {
      g_free (self->texts[prop_id - PROP_KIND]);
      self->texts[prop_id - PROP_KIND] = g_value_dup_string (value);
    }
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
pacta_invoice_class_init (PactaInvoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  static const char *names[N_TEXTS] = {
    "kind", "number", "customer-name", "issue-date", "due-date", "currency", "status", "paid-on",
    "exported-on", "credited-number", "agency-note",
    /* How it went out by email: mail_outbox's state ("queued", "sent", …;
     * %NULL when it was never put in the outbox), when the server took it
     * (ISO 8601 UTC), to whom, and the server's words when it went wrong */
    "mail-state", "mail-sent-at", "mail-recipient", "mail-error",
  };

  object_class->finalize = pacta_invoice_finalize;
  object_class->get_property = pacta_invoice_get_property;
  object_class->set_property = pacta_invoice_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CUSTOMER_ID] = g_param_spec_int64 ("customer-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_GROSS] = g_param_spec_int64 ("gross", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  /* PactaAgencyState, and in words */
  properties[PROP_AGENCY_STATE] = g_param_spec_int ("agency-state", NULL, NULL, 0, G_MAXINT, 0, flags);
  /* Never put in the outbox, and its customer gets invoices by post or has
   * no invoice email: someone prints it and posts it */
  properties[PROP_TO_PRINT] = g_param_spec_boolean ("to-print", NULL, NULL, FALSE, flags);
  for (guint i = 0; i < N_TEXTS; i++)
    properties[PROP_KIND + i] = g_param_spec_string (names[i], NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pacta_invoice_init (PactaInvoice *self)
{
}

gint64 pacta_invoice_get_id (PactaInvoice *self) { return self->id; }
gint64 pacta_invoice_get_customer_id (PactaInvoice *self) { return self->customer_id; }
gint64 pacta_invoice_get_gross (PactaInvoice *self) { return self->gross; }
const char *pacta_invoice_get_kind (PactaInvoice *self) { return self->texts[PROP_KIND - PROP_KIND]; }
const char *pacta_invoice_get_number (PactaInvoice *self) { return self->texts[PROP_NUMBER - PROP_KIND]; }
const char *pacta_invoice_get_customer_name (PactaInvoice *self) { return self->texts[PROP_CUSTOMER_NAME - PROP_KIND]; }
const char *pacta_invoice_get_issue_date (PactaInvoice *self) { return self->texts[PROP_ISSUE_DATE - PROP_KIND]; }
const char *pacta_invoice_get_due_date (PactaInvoice *self) { return self->texts[PROP_DUE_DATE - PROP_KIND]; }
const char *pacta_invoice_get_currency (PactaInvoice *self) { return self->texts[PROP_CURRENCY - PROP_KIND]; }
const char *pacta_invoice_get_status (PactaInvoice *self) { return self->texts[PROP_STATUS - PROP_KIND]; }
const char *pacta_invoice_get_paid_on (PactaInvoice *self) { return self->texts[PROP_PAID_ON - PROP_KIND]; }
const char *pacta_invoice_get_exported_on (PactaInvoice *self) { return self->texts[PROP_EXPORTED_ON - PROP_KIND]; }
const char *pacta_invoice_get_credited_number (PactaInvoice *self) { return self->texts[PROP_CREDITED_NUMBER - PROP_KIND]; }
PactaAgencyState pacta_invoice_get_agency_state (PactaInvoice *self) { return (PactaAgencyState) self->agency_state; }
const char *pacta_invoice_get_agency_note (PactaInvoice *self) { return self->texts[PROP_AGENCY_NOTE - PROP_KIND]; }
const char *pacta_invoice_get_mail_state (PactaInvoice *self) { return self->texts[PROP_MAIL_STATE - PROP_KIND]; }
const char *pacta_invoice_get_mail_sent_at (PactaInvoice *self) { return self->texts[PROP_MAIL_SENT_AT - PROP_KIND]; }
const char *pacta_invoice_get_mail_recipient (PactaInvoice *self) { return self->texts[PROP_MAIL_RECIPIENT - PROP_KIND]; }
const char *pacta_invoice_get_mail_error (PactaInvoice *self) { return self->texts[PROP_MAIL_ERROR - PROP_KIND]; }
gboolean pacta_invoice_get_to_print (PactaInvoice *self) { return self->to_print; }

/* The status as the list shows it */
const char *
pacta_invoice_status_label (PactaInvoice *self)
{
  const char *status = pacta_invoice_get_status (self);

  g_return_val_if_fail (PACTA_IS_INVOICE (self), NULL);

  if (g_strcmp0 (pacta_invoice_get_kind (self), "credit_note") == 0)
    return _("Credit note");
  if (g_strcmp0 (status, "paid") == 0)
    return C_("invoice", "Paid");
  if (g_strcmp0 (status, "credited") == 0)
    return C_("invoice", "Credited");
  return C_("invoice", "Issued");
}
