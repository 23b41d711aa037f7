/* ahi-service-query.c — the service menu as the desk and the API read it */
#include "store/query/ahi-service-query.h"

#include "store/ahi-db-rows.h"
#include "core/ahi-time.h"

#define SERVICE_COLUMNS \
  "SELECT service_id, code, name, duration_min, price_minor, vat_rate_bp, resource_kinds, revisit_days," \
  " active, created_at, updated_at FROM services"

static const char list_sql[] =
  SERVICE_COLUMNS " WHERE active OR ?1 ORDER BY name, service_id";

static const char get_sql[] =
  SERVICE_COLUMNS " WHERE service_id = ?1";

/* ------------------------------------------------------------- helpers */

static gpointer
read_service (sqlite3_stmt *stmt)
{
  AhiService *s = g_new0 (AhiService, 1);

  s->service_id = ahi_db_column_dup (stmt, 0);
  s->code = ahi_db_column_dup (stmt, 1);
  s->name = ahi_db_column_dup (stmt, 2);
  s->duration_min = sqlite3_column_int (stmt, 3);
  s->price_minor = sqlite3_column_int64 (stmt, 4);
  s->vat_rate_bp = sqlite3_column_int (stmt, 5);
  /* The kinds column holds the JSON array the event carried. */
  s->resource_kinds = ahi_db_column_strv (stmt, 6);
  s->revisit_days = sqlite3_column_type (stmt, 7) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 7);
  s->active = sqlite3_column_int (stmt, 8) != 0;
  s->created_at = sqlite3_column_int64 (stmt, 9);
  s->updated_at = sqlite3_column_int64 (stmt, 10);
  return s;
}

static void
set_time (JsonObject *object,
          const char *name,
          gint64      value)
{
  g_autofree char *text = ahi_time_format_utc (value);
  json_object_set_string_member (object, name, text);
}

/* ---------------------------------------------------------- public API */

void
ahi_service_free (AhiService *s)
{
  if (s == NULL)
    return;
  g_free (s->service_id);
  g_free (s->code);
  g_free (s->name);
  g_strfreev (s->resource_kinds);
  g_free (s);
}

GPtrArray *
ahi_service_query_list (AhiDb     *db,
                        gboolean   include_inactive,
                        GError   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (db != NULL, NULL);

  stmt = ahi_db_prepare (db, list_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_inactive);
  return ahi_db_read_rows (db, stmt, read_service, (GDestroyNotify) ahi_service_free, error);
}

AhiService *
ahi_service_query_get (AhiDb       *db,
                       const char  *service_id,
                       GError     **error)
{
  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (service_id != NULL, NULL);

  return ahi_db_read_one (db, get_sql, service_id, read_service, "service", error);
}

JsonObject *
ahi_service_to_json (const AhiService *s)
{
  JsonObject *object = json_object_new ();
  JsonArray *kinds = json_array_new ();

  g_return_val_if_fail (s != NULL, object);

  json_object_set_string_member (object, "service_id", s->service_id);
  json_object_set_string_member (object, "code", s->code);
  json_object_set_string_member (object, "name", s->name);
  json_object_set_int_member (object, "duration_min", s->duration_min);
  json_object_set_int_member (object, "price_minor", s->price_minor);
  json_object_set_int_member (object, "vat_rate_bp", s->vat_rate_bp);
  for (guint i = 0; s->resource_kinds[i] != NULL; i++)
    json_array_add_string_element (kinds, s->resource_kinds[i]);
  json_object_set_array_member (object, "resource_kinds", kinds);
  if (s->revisit_days >= 0)
    json_object_set_int_member (object, "revisit_days", s->revisit_days);
  json_object_set_boolean_member (object, "active", s->active);
  set_time (object, "created_at", s->created_at);
  set_time (object, "updated_at", s->updated_at);
  return object;
}
