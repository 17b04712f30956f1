/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-verifactu-xml.h: the invoice records as the tax agency's XML
 * (SuministroLR.xsd), in files of at most PACTA_VERIFACTU_BATCH records */
#pragma once

#include "pacta-database.h"
#include "pacta-verifactu.h"

G_BEGIN_DECLS

#define PACTA_VERIFACTU_XML_NS_LR   "https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/tike/cont/ws/SuministroLR.xsd"
#define PACTA_VERIFACTU_XML_NS_INFO "https://www2.agenciatributaria.gob.es/static_files/common/internet/dep/aplicaciones/es/aeat/tike/cont/ws/SuministroInformacion.xsd"

typedef enum
{
  PACTA_VERIFACTU_XML_NONE = 0,
  PACTA_VERIFACTU_XML_LATE = 1 << 0,   /* Incidencia=S: sent late */
} PactaVerifactuXmlFlags;

char     *pacta_verifactu_xml_batch_full     (PactaDatabase          *database,
                                              const char             *issuer_nif,
                                              gint64                  after_id,
                                              guint                   max_records,
                                              PactaVerifactuXmlFlags  flags,
                                              gint64                 *last_id,
                                              guint                  *n_records,
                                              GError                **error);
char     *pacta_verifactu_xml_batch          (PactaDatabase  *database,
                                              const char     *issuer_nif,
                                              gint64          after_id,
                                              guint           max_records,
                                              gint64         *last_id,
                                              guint          *n_records,
                                              GError        **error);
gboolean  pacta_verifactu_export_xml_batched (PactaDatabase  *database,
                                              const char     *directory,
                                              guint           batch_size,
                                              GStrv          *written,
                                              GError        **error);
gboolean  pacta_verifactu_export_xml         (PactaDatabase  *database,
                                              const char     *directory,
                                              GStrv          *written,
                                              GError        **error);

G_END_DECLS
