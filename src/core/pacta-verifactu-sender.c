/* SPDX-License-Identifier: GPL-3.0-or-later */
/* pacta-verifactu-sender.c: the invoice records' outbox to the tax agency
 * (VERI*FACTU), which never loses a record nor sends two versions of one.
 *
 * A submission is up to 1,000 records of one issuer, in the order of its
 * chain, from its first record without a result. Its request — the exact
 * bytes — is written to the database before it is posted; the reply, each
 * record's result and the agency's receipt (CSV, never given again) are
 * written together after. So:
 *   - a crash, a kill or a cut connection between the two leaves a
 *     submission without a reply, which is posted again with the same
 *     bytes before anything else: the agency answers what it already holds
 *     as a duplicate (3000) of an accepted record, which counts as accepted;
 *   - an accepted record has a result and is never selected again; nor is a
 *     rejected one: rejections are put right by new records (corrections),
 *     never by sending the same again;
 *   - a Server fault, a web page or a reply that can't be read changes
 *     nothing but the time of the next try; a Client fault (the request is
 *     wrong, so it would be refused again) is each record's result.
 *
 * Flow control as the agency's rules say: after a reply the next
 * submission waits TiempoEsperaEnvio seconds (kept in the settings, so
 * across restarts), unless 1,000 records are waiting; records sent more
 * than 240 s after they were made go with Incidencia=S. Time comes from
 * the app's clock. The function is synchronous, for the command line and
 * for a worker thread with its own connection; @cancellable stops it
 * between steps and aborts a post under way (the submission then has no
 * reply and is posted again later).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "pacta-clock.h"
#include "pacta-error.h"
#include "pacta-verifactu-sender.h"
#include "pacta-verifactu-soap.h"
#include "pacta-verifactu-xml.h"
#include "pacta-verifactu.h"

#define SETTING_WAIT "verifactu-wait"
#define SETTING_NEXT "verifactu-next-send"

void
pacta_verifactu_send_report_clear (PactaVerifactuSendReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->next_send, g_date_time_unref);
  memset (report, 0, sizeof *report);
}

/**
 * pacta_verifactu_get_wait:
 *
 * Returns: the seconds the agency last asked to wait between submissions
 */
int
pacta_verifactu_get_wait (PactaDatabase *database)
{
  g_autofree char *text = pacta_database_get_setting (database, SETTING_WAIT);
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 0, 86400, &value, NULL))
    return PACTA_VERIFACTU_DEFAULT_WAIT;
  return (int) value;
}

static GDateTime *
get_next_send (PactaDatabase *database)
{
  g_autofree char *text = pacta_database_get_setting (database, SETTING_NEXT);

  return text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

/* ---- where and as whom ---------------------------------------------------- */

void
pacta_verifactu_connection_free (PactaVerifactuConnection *connection)
{
  if (connection == NULL)
    return;
  g_free (connection->endpoint);
  g_clear_object (&connection->certificate);
  g_clear_object (&connection->trust);
  g_free (connection);
}

/**
 * pacta_verifactu_connection_new_with_certificate:
 * @certificate: (nullable): the company's (or its representative's)
 *   certificate with its private key; %NULL to set it later
 *
 * The agency's web service — production, or its test environment when the
 * settings say so — reached with @certificate. PACTA_VERIFACTU_ENDPOINT (an
 * https URL) and PACTA_VERIFACTU_CA (a file of CAs to trust instead of the
 * system's) point it elsewhere, for tests and for trying Pacta against a
 * mock. Reads @database: call it on its thread.
 *
 * Returns: (transfer full): the connection; %NULL when the overrides are
 *   wrong
 */
PactaVerifactuConnection *
pacta_verifactu_connection_new_with_certificate (PactaDatabase    *database,
                                                 GTlsCertificate  *certificate,
                                                 GError          **error)
{
  g_autoptr(PactaVerifactuConnection) connection = g_new0 (PactaVerifactuConnection, 1);
  g_autofree char *environment = pacta_database_get_setting (database, "verifactu-environment");
  const char *endpoint = g_getenv ("PACTA_VERIFACTU_ENDPOINT");
  const char *ca = g_getenv ("PACTA_VERIFACTU_CA");
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate), NULL);

  if (endpoint != NULL && *endpoint != '\0')
    {
      if (!g_str_has_prefix (endpoint, "https://") || !g_uri_is_valid (endpoint, G_URI_FLAGS_NONE, NULL))
        {
          g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                       _("PACTA_VERIFACTU_ENDPOINT must be an https address, not “%s”"), endpoint);
          return NULL;
        }
      connection->endpoint = g_strdup (endpoint);
    }
  else
    connection->endpoint = g_strdup (g_strcmp0 (environment, "test") == 0 ? PACTA_VERIFACTU_ENDPOINT_TESTING
                                                                         : PACTA_VERIFACTU_ENDPOINT_PRODUCTION);
  if (ca != NULL && *ca != '\0' && !(connection->trust = g_tls_file_database_new (ca, &local_error)))
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                   _("PACTA_VERIFACTU_CA: cannot read “%s”: %s"), ca, local_error->message);
      return NULL;
    }
  g_set_object (&connection->certificate, certificate);
  return g_steal_pointer (&connection);
}

/**
 * pacta_verifactu_connection_new:
 * @certificate_path: the company's (or its representative's) certificate,
 *   a PKCS#12 file
 * @password: its password
 *
 * As pacta_verifactu_connection_new_with_certificate(), with the
 * certificate read from @certificate_path. The installed certificate
 * (pacta-verifactu-certificate.h) is what sending normally uses.
 *
 * Returns: (transfer full): the connection; %NULL when the certificate
 *   can't be read or the overrides are wrong
 */
PactaVerifactuConnection *
pacta_verifactu_connection_new (PactaDatabase  *database,
                                const char     *certificate_path,
                                const char     *password,
                                GError        **error)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (certificate_path != NULL, NULL);

  if (!(certificate = g_tls_certificate_new_from_file_with_password (certificate_path,
                                                                     password != NULL ? password : "",
                                                                     &local_error)))
    {
      /* Translators: %s is a file, then why it can't be used */
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_FILE,
                   _("Cannot use the certificate “%s”: %s. It must be a PKCS#12 file (.p12 or .pfx) with its password"),
                   certificate_path, local_error->message);
      return NULL;
    }
  return pacta_verifactu_connection_new_with_certificate (database, certificate, error);
}

/* ---- what became of the records ------------------------------------------- */

/* Where the results written from now on start (pacta_verifactu_describe_results()) */
gint64
pacta_verifactu_last_result (PactaDatabase *database)
{
  return pacta_database_count (database, "SELECT coalesce (max (rowid), 0) FROM verifactu_results", NULL);
}

/**
 * pacta_verifactu_count_accepted:
 *
 * Returns: how many records the agency holds; -1 on error
 */
gint64
pacta_verifactu_count_accepted (PactaDatabase  *database,
                                GError        **error)
{
  return pacta_database_count (database, "SELECT count(*) FROM invoice_records_sent", error);
}

/**
 * pacta_verifactu_count_rejected:
 *
 * Returns: how many records the agency refused and Pacta has not put right
 *   yet; -1 on error
 */
gint64
pacta_verifactu_count_rejected (PactaDatabase  *database,
                                GError        **error)
{
  /* An invoice's last record, refused; a corrected one is no longer its last */
  return pacta_database_count (database,
                               "SELECT count(*) FROM invoice_records r JOIN verifactu_results v ON v.record_id = r.id"
                               " WHERE v.accepted = 0"
                               " AND NOT EXISTS (SELECT 1 FROM invoice_records l WHERE l.invoice_id = r.invoice_id AND l.id > r.id)"
                               " AND NOT EXISTS (SELECT 1 FROM invoice_records_sent s WHERE s.record_id = r.id)",
                               error);
}

/**
 * pacta_verifactu_describe_results:
 * @after_result: the results written after this one
 *   (pacta_verifactu_last_result() before sending)
 * @n_rejected: (out): how many of them were rejected
 *
 * Returns: (transfer full): a line for each record: its invoice, and
 *   accepted with the agency's receipt, or rejected with its code and words
 */
char *
pacta_verifactu_describe_results (PactaDatabase  *database,
                                  gint64          after_result,
                                  guint          *n_rejected,
                                  GError        **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  sqlite3_stmt *stmt = pacta_database_prepare (database,
                                               "SELECT r.number, r.kind, v.accepted, v.state, v.code, v.message, s.csv"
                                               " FROM verifactu_results v JOIN invoice_records r ON r.id = v.record_id"
                                               " JOIN verifactu_submissions s ON s.id = v.submission_id"
                                               " WHERE v.rowid > ?1 ORDER BY v.rowid",
                                               error);
  int rc;

  *n_rejected = 0;
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after_result);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *number = pacta_sql_column_text (stmt, 0);
      gboolean cancellation = g_strcmp0 (pacta_sql_column_text (stmt, 1), "anulacion") == 0;
      const char *csv = pacta_sql_column_text (stmt, 6);

      if (sqlite3_column_int (stmt, 2))
        /* Translators: a record the tax agency took; the invoice number, then its receipt (CSV) */
        g_string_append_printf (text, cancellation ? _("%s (cancellation): accepted, receipt %s\n")
                                                   : _("%s: accepted, receipt %s\n"),
                                number, csv != NULL ? csv : "—");
      else
        {
          (*n_rejected)++;
          /* Translators: a record the tax agency refused; the invoice number, the agency's code and words */
          g_string_append_printf (text, cancellation ? _("%s (cancellation): rejected, %d: %s\n")
                                                     : _("%s: rejected, %d: %s\n"),
                                  number, sqlite3_column_int (stmt, 4), pacta_sql_column_text (stmt, 5));
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pacta_database_set_error (database, error, _("reading the records’ submissions"));
      return NULL;
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ---- building a submission ----------------------------------------------- */

typedef struct
{
  gint64  id;
  char   *issuer;
  gint64  first_record_id;
  gint64  last_record_id;
  GBytes *request;
  char   *endpoint;
} Submission;

static void
submission_free (Submission *submission)
{
  g_free (submission->issuer);
  g_clear_pointer (&submission->request, g_bytes_unref);
  g_free (submission->endpoint);
  g_free (submission);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Submission, submission_free)

/* The submission posted without a reply, if any: it goes first, as it is */
static gboolean
load_open (PactaDatabase  *database,
           Submission    **open,
           GError        **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (database,
                                               "SELECT id, issuer_nif, first_record_id, last_record_id, request, endpoint"
                                               " FROM verifactu_submissions WHERE replied_at IS NULL ORDER BY id LIMIT 1",
                                               error);
  int rc;

  *open = NULL;
  if (stmt == NULL)
    return FALSE;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Submission *submission = g_new0 (Submission, 1);

      submission->id = sqlite3_column_int64 (stmt, 0);
      submission->issuer = g_strdup (pacta_sql_column_text (stmt, 1));
      submission->first_record_id = sqlite3_column_int64 (stmt, 2);
      submission->last_record_id = sqlite3_column_int64 (stmt, 3);
      submission->request = g_bytes_new (sqlite3_column_blob (stmt, 4), (gsize) sqlite3_column_bytes (stmt, 4));
      submission->endpoint = g_strdup (pacta_sql_column_text (stmt, 5));
      *open = submission;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pacta_database_set_error (database, error, _("reading the records’ submissions"));
      return FALSE;
    }
  return TRUE;
}

/* The first record without a result: where the next submission starts */
static gboolean
first_unanswered (PactaDatabase  *database,
                  gint64         *record_id,
                  char          **issuer,
                  char          **generated_at,
                  GError        **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (database,
                                               "SELECT id, issuer_nif, generated_at FROM invoice_records r"
                                               " WHERE NOT EXISTS (SELECT 1 FROM verifactu_results v WHERE v.record_id = r.id)"
                                               " ORDER BY id LIMIT 1",
                                               error);
  int rc;

  *record_id = 0;
  if (stmt == NULL)
    return FALSE;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *record_id = sqlite3_column_int64 (stmt, 0);
      *issuer = g_strdup (pacta_sql_column_text (stmt, 1));
      *generated_at = g_strdup (pacta_sql_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pacta_database_set_error (database, error, _("reading the invoice records"));
      return FALSE;
    }
  return TRUE;
}

static gint64
count_unanswered (PactaDatabase  *database,
                  GError        **error)
{
  return pacta_database_count (database,
                               "SELECT count(*) FROM invoice_records r"
                               " WHERE NOT EXISTS (SELECT 1 FROM verifactu_results v WHERE v.record_id = r.id)",
                               error);
}

/* Records made more than 240 s before they go out: the header says so */
static gboolean
is_late (const char *oldest_generated,
         GDateTime  *now)
{
  g_autoptr(GDateTime) made = g_date_time_new_from_iso8601 (oldest_generated, NULL);

  return made != NULL && g_date_time_difference (now, made) > PACTA_VERIFACTU_LATE_SECONDS * G_TIME_SPAN_SECOND;
}

/* Builds the next submission and writes it, request and all, before
 * anything is posted. NULL without an error when nothing is left. */
static Submission *
create_submission (PactaDatabase             *database,
                   PactaVerifactuConnection  *connection,
                   GDateTime                 *now,
                   GError                   **error)
{
  g_autoptr(Submission) submission = g_new0 (Submission, 1);
  g_autofree char *oldest = NULL;
  g_autofree char *body = NULL;
  g_autofree char *request = NULL;
  g_autofree char *now_text = NULL;
  g_autoptr(GDateTime) now_utc = g_date_time_to_utc (now);
  g_autoptr(GError) invalid = NULL;
  sqlite3_stmt *stmt;
  guint n = 0;

  if (!first_unanswered (database, &submission->first_record_id, &submission->issuer, &oldest, error))
    return NULL;
  if (submission->first_record_id == 0)
    return NULL;
  if (!(body = pacta_verifactu_xml_batch_full (database, submission->issuer, submission->first_record_id - 1,
                                               PACTA_VERIFACTU_BATCH,
                                               is_late (oldest, now) ? PACTA_VERIFACTU_XML_LATE : PACTA_VERIFACTU_XML_NONE,
                                               &submission->last_record_id, &n, error)))
    return NULL;
  request = pacta_verifactu_soap_envelope (body);

  /* A request the schemas refuse is Pacta's bug: never sent */
  if (!pacta_verifactu_schema_validate (request, strlen (request), &invalid))
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_FAILED,
                   _("Pacta built invoice records the tax agency would refuse, so they were not sent. "
                     "Please report this bug: %s"), invalid->message);
      return NULL;
    }

  now_text = g_date_time_format_iso8601 (now_utc);
  submission->endpoint = g_strdup (connection->endpoint);
  {
    gsize length = strlen (request);

    submission->request = g_bytes_new_take (g_steal_pointer (&request), length);
  }

  stmt = pacta_database_prepare (database,
                                 "INSERT INTO verifactu_submissions (issuer_nif, first_record_id, last_record_id,"
                                 " n_records, endpoint, request, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                 error);
  if (stmt == NULL)
    return NULL;
  pacta_sql_bind_text (stmt, 1, submission->issuer);
  sqlite3_bind_int64 (stmt, 2, submission->first_record_id);
  sqlite3_bind_int64 (stmt, 3, submission->last_record_id);
  sqlite3_bind_int (stmt, 4, (int) n);
  pacta_sql_bind_text (stmt, 5, submission->endpoint);
  sqlite3_bind_blob (stmt, 6, g_bytes_get_data (submission->request, NULL),
                     (int) g_bytes_get_size (submission->request), SQLITE_STATIC);
  pacta_sql_bind_text (stmt, 7, now_text);
  if (!pacta_database_step_done (database, stmt, error))
    return NULL;
  submission->id = sqlite3_last_insert_rowid (pacta_database_get_handle (database));
  return g_steal_pointer (&submission);
}

/* ---- posting -------------------------------------------------------------- */

static SoupSession *
new_session (PactaVerifactuConnection *connection)
{
  g_autofree char *agent = g_strdup_printf ("Pacta/%s ", PACKAGE_VERSION);

  SoupSession *session;

  /* The trailing space asks libsoup to add its own name and version */
  session = soup_session_new_with_options ("timeout", connection->timeout > 0 ? connection->timeout : 60,
                                           "user-agent", agent,
                                           NULL);
  /* Unset, the system's trusted CAs */
  if (connection->trust != NULL)
    soup_session_set_tls_database (session, connection->trust);
  return session;
}

/* The reply, or NULL with %PACTA_ERROR_NETWORK when none came (refused,
 * cut, too slow, cancelled): the submission stays without a reply */
static PactaVerifactuReply *
post (SoupSession               *session,
      PactaVerifactuConnection  *connection,
      Submission                *submission,
      GCancellable              *cancellable,
      GError                   **error)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *content_type;

  if (!(message = soup_message_new ("POST", submission->endpoint)))
    {
      g_set_error (error, PACTA_ERROR, PACTA_ERROR_INVALID_VALUE,
                   _("“%s” is not the address of a web service"), submission->endpoint);
      return NULL;
    }
  soup_message_set_request_body_from_bytes (message, "text/xml; charset=utf-8", submission->request);
  soup_message_headers_replace (soup_message_get_request_headers (message), "SOAPAction", "\"\"");
  if (connection->certificate != NULL)
    soup_message_set_tls_client_certificate (message, connection->certificate);

  if (!(body = soup_session_send_and_read (session, message, cancellable, &local_error)))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        /* Translators: %s says why, as the network library put it */
        g_set_error (error, PACTA_ERROR, PACTA_ERROR_NETWORK,
                     _("No reply from the tax agency (%s); the records will be sent again"), local_error->message);
      return NULL;
    }
  content_type = soup_message_headers_get_content_type (soup_message_get_response_headers (message), NULL);
  return pacta_verifactu_reply_parse (soup_message_get_status (message), content_type, body);
}

/* ---- the reply -------------------------------------------------------------- */

static const char *
outcome_name (PactaVerifactuReplyKind kind)
{
  switch (kind)
    {
    case PACTA_VERIFACTU_REPLY_ANSWERED: return "answered";
    case PACTA_VERIFACTU_REPLY_RETRY: return "retry";
    case PACTA_VERIFACTU_REPLY_REFUSED: return "refused";
    case PACTA_VERIFACTU_REPLY_UNAUTHORIZED: return "unauthorized";
    case PACTA_VERIFACTU_REPLY_UNREADABLE:
    default: g_return_val_if_reached (NULL);
    }
}

static char *
record_key (const char *number,
            const char *issue_date,
            const char *operation)
{
  return g_strconcat (number, "\n", issue_date, "\n", operation, NULL);
}

/* The submission's records, by what a reply line names them with */
static GHashTable *
load_record_keys (PactaDatabase  *database,
                  Submission     *submission,
                  GError        **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = pacta_database_prepare (database,
                                               "SELECT id, number, issue_date, kind FROM invoice_records"
                                               " WHERE issuer_nif = ?1 AND id BETWEEN ?2 AND ?3",
                                               error);
  int rc;

  if (stmt == NULL)
    return NULL;
  pacta_sql_bind_text (stmt, 1, submission->issuer);
  sqlite3_bind_int64 (stmt, 2, submission->first_record_id);
  sqlite3_bind_int64 (stmt, 3, submission->last_record_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *operation = g_strcmp0 (pacta_sql_column_text (stmt, 3), "anulacion") == 0 ? "Anulacion" : "Alta";

      g_hash_table_insert (keys, record_key (pacta_sql_column_text (stmt, 1), pacta_sql_column_text (stmt, 2), operation),
                           GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 0)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pacta_database_set_error (database, error, _("reading the invoice records"));
      return NULL;
    }
  return g_steal_pointer (&keys);
}

static gboolean
add_result (PactaDatabase  *database,
            gint64          record_id,
            gint64          submission_id,
            const char     *state,
            int             code,
            const char     *message,
            gboolean        accepted,
            const char     *now_text,
            GError        **error)
{
  sqlite3_stmt *stmt = pacta_database_prepare (database,
                                               "INSERT OR IGNORE INTO verifactu_results"
                                               " (record_id, submission_id, state, code, message, accepted)"
                                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                               error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record_id);
  sqlite3_bind_int64 (stmt, 2, submission_id);
  pacta_sql_bind_text (stmt, 3, state);
  if (code != 0)
    sqlite3_bind_int (stmt, 4, code);
  else
    sqlite3_bind_null (stmt, 4);
  pacta_sql_bind_text (stmt, 5, message);
  sqlite3_bind_int (stmt, 6, accepted ? 1 : 0);
  if (!pacta_database_step_done (database, stmt, error))
    return FALSE;
  if (!accepted)
    return TRUE;

  stmt = pacta_database_prepare (database, "INSERT OR IGNORE INTO invoice_records_sent (record_id, sent_at) VALUES (?1, ?2)",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record_id);
  pacta_sql_bind_text (stmt, 2, now_text);
  return pacta_database_step_done (database, stmt, error);
}

/* Writes the reply, each record's result and the next time to send, in
 * one transaction */
static gboolean
store_reply (PactaDatabase             *database,
             Submission                *submission,
             PactaVerifactuReply       *reply,
             GDateTime                 *now,
             PactaVerifactuSendReport  *report,
             GError                   **error)
{
  g_autoptr(GDateTime) now_utc = g_date_time_to_utc (now);
  g_autofree char *now_text = g_date_time_format_iso8601 (now_utc);
  g_autoptr(GHashTable) keys = NULL;
  g_autoptr(GDateTime) next = NULL;
  g_autofree char *next_text = NULL;
  g_autofree char *wait_text = NULL;
  int wait = reply->wait_seconds >= 0 ? reply->wait_seconds : pacta_verifactu_get_wait (database);
  sqlite3_stmt *stmt;

  if (!pacta_database_begin (database, error))
    return FALSE;

  stmt = pacta_database_prepare (database,
                                 "UPDATE verifactu_submissions SET replied_at = ?2, http_status = ?3, outcome = ?4,"
                                 " csv = ?5, wait_seconds = ?6, state = ?7, message = ?8"
                                 " WHERE id = ?1 AND replied_at IS NULL",
                                 error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, submission->id);
  pacta_sql_bind_text (stmt, 2, now_text);
  sqlite3_bind_int (stmt, 3, (int) reply->http_status);
  pacta_sql_bind_text (stmt, 4, outcome_name (reply->kind));
  pacta_sql_bind_text (stmt, 5, reply->csv);
  if (reply->wait_seconds >= 0)
    sqlite3_bind_int (stmt, 6, reply->wait_seconds);
  else
    sqlite3_bind_null (stmt, 6);
  pacta_sql_bind_text (stmt, 7, reply->state);
  pacta_sql_bind_text (stmt, 8, reply->message);
  if (!pacta_database_step_done (database, stmt, error))
    goto failed;

  if (reply->kind == PACTA_VERIFACTU_REPLY_ANSWERED || reply->kind == PACTA_VERIFACTU_REPLY_REFUSED)
    if (!(keys = load_record_keys (database, submission, error)))
      goto failed;

  if (reply->kind == PACTA_VERIFACTU_REPLY_ANSWERED)
    for (guint i = 0; i < reply->lines->len; i++)
      {
        PactaVerifactuReplyLine *line = g_ptr_array_index (reply->lines, i);
        g_autofree char *key = record_key (line->number, line->issue_date,
                                           line->operation != NULL ? line->operation : "Alta");
        gpointer record;
        gboolean accepted = pacta_verifactu_reply_line_accepted (line);

        /* A line for a record this submission did not carry is ignored */
        if (!g_hash_table_lookup_extended (keys, key, NULL, &record) ||
            g_strcmp0 (line->issuer_nif, submission->issuer) != 0)
          continue;
        if (!add_result (database, (gint64) GPOINTER_TO_SIZE (record), submission->id, line->state, line->error_code,
                         line->error_text, accepted, now_text, error))
          goto failed;
        if (accepted)
          report->n_accepted++;
        else
          report->n_rejected++;
      }
  else if (reply->kind == PACTA_VERIFACTU_REPLY_REFUSED)
    {
      /* The request itself is wrong: the same would be refused again */
      GHashTableIter iter;
      gpointer record;

      g_hash_table_iter_init (&iter, keys);
      while (g_hash_table_iter_next (&iter, NULL, &record))
        {
          if (!add_result (database, (gint64) GPOINTER_TO_SIZE (record), submission->id, "Rechazado",
                           reply->fault_code, reply->message, FALSE, now_text, error))
            goto failed;
          report->n_rejected++;
        }
    }

  next = g_date_time_add_seconds (now_utc, MAX (wait, 0));
  next_text = g_date_time_format_iso8601 (next);
  wait_text = g_strdup_printf ("%d", wait);
  if (!pacta_database_set_setting (database, SETTING_WAIT, wait_text, error) ||
      !pacta_database_set_setting (database, SETTING_NEXT, next_text, error))
    goto failed;

  if (!pacta_database_commit (database, error))
    goto failed;
  report->n_submissions++;
  return TRUE;

failed:
  pacta_database_rollback (database);
  return FALSE;
}

static gboolean send_loop (PactaDatabase             *database,
                           SoupSession               *session,
                           PactaVerifactuConnection  *connection,
                           PactaVerifactuSendReport  *report,
                           GCancellable              *cancellable,
                           GError                   **error);

/**
 * pacta_verifactu_send_pending:
 * @connection: where and as whom to send
 * @report: (out caller-allocates): what happened; clear it with
 *   pacta_verifactu_send_report_clear()
 *
 * Sends every record the agency does not have yet, a submission at a time,
 * as far as the agency's wait allows: a submission without a reply first,
 * with the same bytes, then the records without a result. Stops when
 * nothing is left, when the agency asks to wait (@report's next_send), or
 * at the first failure.
 *
 * During the TLS handshake libsoup hands the request for the client
 * certificate to the main context that was the thread's default when the
 * session was made, so that context must keep running: call this from a
 * worker thread while the main loop runs (the window, the command line),
 * or from a thread whose default context nobody else holds (tests).
 *
 * Returns: %FALSE when a submission got no reply (%PACTA_ERROR_NETWORK:
 *   sent again later), the agency failed or refused the certificate
 *   (%PACTA_ERROR_REMOTE, %PACTA_ERROR_UNAUTHORIZED), or on a database
 *   error; rejected records are not a failure: they are in @report
 */
gboolean
pacta_verifactu_send_pending (PactaDatabase             *database,
                              PactaVerifactuConnection  *connection,
                              PactaVerifactuSendReport  *report,
                              GCancellable              *cancellable,
                              GError                   **error)
{
  g_autoptr(SoupSession) session = NULL;

  g_return_val_if_fail (PACTA_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (connection != NULL && connection->endpoint != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  memset (report, 0, sizeof *report);
  session = new_session (connection);
  return send_loop (database, session, connection, report, cancellable, error);
}

static gboolean
send_loop (PactaDatabase             *database,
           SoupSession               *session,
           PactaVerifactuConnection  *connection,
           PactaVerifactuSendReport  *report,
           GCancellable              *cancellable,
           GError                   **error)
{
  for (;;)
    {
      g_autoptr(Submission) submission = NULL;
      g_autoptr(PactaVerifactuReply) reply = NULL;
      g_autoptr(GDateTime) now = NULL;
      gint64 n_pending;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if ((n_pending = count_unanswered (database, error)) < 0)
        return FALSE;
      report->n_pending = n_pending;
      now = pacta_now ();

      if (!load_open (database, &submission, error))
        return FALSE;
      if (submission == NULL)
        {
          g_autoptr(GDateTime) next = get_next_send (database);

          if (n_pending == 0)
            return TRUE;
          /* As the agency asked, unless a whole submission is waiting */
          if (next != NULL && g_date_time_compare (next, now) > 0 && n_pending < PACTA_VERIFACTU_BATCH)
            {
              report->next_send = g_date_time_to_timezone (next, g_date_time_get_timezone (now));
              return TRUE;
            }
          if (!(submission = create_submission (database, connection, now, error)))
            return FALSE;
        }

      if (!(reply = post (session, connection, submission, cancellable, error)))
        return FALSE;
      /* What can't be read may have been taken: the same bytes go again */
      if (reply->kind == PACTA_VERIFACTU_REPLY_UNREADABLE)
        {
          g_set_error (error, PACTA_ERROR, PACTA_ERROR_NETWORK,
                       _("%s; the records will be sent again"), reply->message);
          return FALSE;
        }

      g_clear_pointer (&now, g_date_time_unref);
      now = pacta_now ();
      if (!store_reply (database, submission, reply, now, report, error))
        return FALSE;

      switch (reply->kind)
        {
        case PACTA_VERIFACTU_REPLY_RETRY:
          /* Translators: %s is the agency's own message */
          g_set_error (error, PACTA_ERROR, PACTA_ERROR_REMOTE,
                       _("The tax agency could not take the records now (%s); they will be sent again"),
                       reply->message != NULL ? reply->message : "");
          return FALSE;
        case PACTA_VERIFACTU_REPLY_UNAUTHORIZED:
          g_set_error_literal (error, PACTA_ERROR, PACTA_ERROR_UNAUTHORIZED, reply->message);
          return FALSE;
        case PACTA_VERIFACTU_REPLY_ANSWERED:
        case PACTA_VERIFACTU_REPLY_REFUSED:
        case PACTA_VERIFACTU_REPLY_UNREADABLE:
        default:
          break;
        }
    }
}
