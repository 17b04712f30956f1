/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-verifactu-soap.h: the VERI*FACTU web service's messages — a request
 * body checked against the agency's schemas, and its reply read back */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PACTA_VERIFACTU_NS_SOAP  "http://schemas.xmlsoap.org/soap/envelope/"
#define PACTA_VERIFACTU_NS_REPLY "https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/tike/cont/ws/RespuestaSuministro.xsd"

/* What one reply says, before any record's result */
typedef enum
{
  PACTA_VERIFACTU_REPLY_ANSWERED,      /* a RespuestaRegFactuSistemaFacturacion */
  PACTA_VERIFACTU_REPLY_RETRY,         /* a Server fault or the service unavailable: send the same again later */
  PACTA_VERIFACTU_REPLY_REFUSED,       /* a Client fault: this request is wrong and must not be sent again */
  PACTA_VERIFACTU_REPLY_UNAUTHORIZED,  /* the certificate was refused (HTTP 401/403) */
  PACTA_VERIFACTU_REPLY_UNREADABLE,    /* not a reply the service gives: sent again later */
} PactaVerifactuReplyKind;

/* The state of one record, RespuestaLinea */
typedef struct
{
  char     *issuer_nif;        /* IDFactura/IDEmisorFactura */
  char     *number;            /* IDFactura/NumSerieFactura */
  char     *issue_date;        /* IDFactura/FechaExpedicionFactura, DD-MM-YYYY */
  char     *operation;         /* Operacion/TipoOperacion: Alta or Anulacion */
  char     *state;             /* EstadoRegistro: Correcto, AceptadoConErrores, Incorrecto */
  int       error_code;        /* CodigoErrorRegistro; 0 when none */
  char     *error_text;        /* DescripcionErrorRegistro */
  gboolean  duplicate;         /* RegistroDuplicado present (code 3000) */
  char     *duplicate_state;   /* its EstadoRegistroDuplicado: Correcta, AceptadaConErrores, Anulada */
} PactaVerifactuReplyLine;

typedef struct
{
  PactaVerifactuReplyKind  kind;
  guint                    http_status;
  char                    *csv;         /* the agency's receipt; NULL when it gave none */
  int                      wait_seconds; /* TiempoEsperaEnvio; -1 when the reply has none */
  char                    *state;       /* EstadoEnvio: Correcto, ParcialmenteCorrecto, Incorrecto */
  GPtrArray               *lines;       /* PactaVerifactuReplyLine */
  int                      fault_code;  /* the agency's code in a fault's text ("Codigo[4102]"); 0 when none */
  char                    *message;     /* a fault's text, or what was wrong with the reply */
} PactaVerifactuReply;

gboolean             pacta_verifactu_schema_validate (const char   *xml,
                                                      gsize         length,
                                                      GError      **error);
char                *pacta_verifactu_soap_envelope   (const char   *body);
PactaVerifactuReply *pacta_verifactu_reply_parse     (guint         http_status,
                                                      const char   *content_type,
                                                      GBytes       *body);
gboolean             pacta_verifactu_reply_line_accepted (const PactaVerifactuReplyLine *line);
void                 pacta_verifactu_reply_free      (PactaVerifactuReply *reply);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PactaVerifactuReply, pacta_verifactu_reply_free)

G_END_DECLS
