/* ahi-consent-query.c — a customer's consent records */
#include "store/query/ahi-consent-query.h"

#include "store/ahi-db-rows.h"
#include "core/ahi-time.h"

#define CONSENT_COLUMNS \
  "consent_id, customer_id, purpose, channel, source, iys_state, given_at, withdrawn_at, withdrawn_source"

static void
set_text (JsonObject   *object,
          const char   *name,
          sqlite3_stmt *stmt,
          int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    json_object_set_null_member (object, name);
  else
    json_object_set_string_member (object, name, (const char *) sqlite3_column_text (stmt, column));
}

static void
set_time (JsonObject   *object,
          const char   *name,
          sqlite3_stmt *stmt,
          int           column)
{
  g_autofree char *text = NULL;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    {
      json_object_set_null_member (object, name);
      return;
    }
  text = ahi_time_format_utc (sqlite3_column_int64 (stmt, column));
  json_object_set_string_member (object, name, text);
}

static gpointer
consent_from_row (sqlite3_stmt *stmt)
{
  JsonObject *consent = json_object_new ();

  set_text (consent, "consent_id", stmt, 0);
  set_text (consent, "customer_id", stmt, 1);
  set_text (consent, "purpose", stmt, 2);
  set_text (consent, "channel", stmt, 3);
  set_text (consent, "source", stmt, 4);
  set_text (consent, "iys_state", stmt, 5);
  set_time (consent, "given_at", stmt, 6);
  set_time (consent, "withdrawn_at", stmt, 7);
  set_text (consent, "withdrawn_source", stmt, 8);
  return consent;
}

GPtrArray *
ahi_consent_query_of (AhiDb       *db,
                      const char  *customer_id,
                      GError     **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "SELECT " CONSENT_COLUMNS " FROM consents WHERE customer_id = ? ORDER BY given_at, consent_id", error);

  if (stmt == NULL)
    return NULL;
  ahi_db_bind_text (stmt, 1, customer_id);
  return ahi_db_read_rows (db, stmt, consent_from_row, (GDestroyNotify) json_object_unref, error);
}

JsonObject *
ahi_consent_query_get (AhiDb       *db,
                       const char  *consent_id,
                       GError     **error)
{
  return ahi_db_read_one (db, "SELECT " CONSENT_COLUMNS " FROM consents WHERE consent_id = ?1", consent_id,
                          consent_from_row, "consent", error);
}
