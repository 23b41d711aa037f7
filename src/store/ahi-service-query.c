/* ahi-service-query.c — the service menu as the desk and the API read it */
#include "ahi-service-query.h"

#include "ahi-store-error.h"
#include "core/ahi-time.h"

#define SERVICE_COLUMNS \
  "SELECT service_id, code, name, duration_min, price_minor, vat_rate_bp, resource_kinds, revisit_days," \
  " active, created_at, updated_at FROM services"

static const char list_sql[] =
  SERVICE_COLUMNS " WHERE active OR ?1 ORDER BY name, service_id";

static const char get_sql[] =
  SERVICE_COLUMNS " WHERE service_id = ?1";

/* ------------------------------------------------------------- helpers */

/* The kinds column holds the JSON array the event carried. */
static GStrv
parse_kinds (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (text != NULL && json_parser_load_from_data (parser, text, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (node));
        }
    }
  return g_strv_builder_end (builder);
}

static AhiService *
read_service (sqlite3_stmt *stmt)
{
  AhiService *s = g_new0 (AhiService, 1);

  s->service_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  s->code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  s->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  s->duration_min = sqlite3_column_int (stmt, 3);
  s->price_minor = sqlite3_column_int64 (stmt, 4);
  s->vat_rate_bp = sqlite3_column_int (stmt, 5);
  s->resource_kinds = parse_kinds ((const char *) sqlite3_column_text (stmt, 6));
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
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_service_free);
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (db != NULL, NULL);

  stmt = ahi_db_prepare (db, list_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_inactive);
  while (ahi_db_step_row (db, stmt, &local_error))
    g_ptr_array_add (list, read_service (stmt));
  if (!ahi_db_finish_rows (g_steal_pointer (&local_error), error))
    return NULL;
  return g_steal_pointer (&list);
}

AhiService *
ahi_service_query_get (AhiDb       *db,
                       const char  *service_id,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  AhiService *s = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (service_id != NULL, NULL);

  stmt = ahi_db_prepare (db, get_sql, error);
  if (stmt == NULL)
    return NULL;
  ahi_db_bind_text (stmt, 1, service_id);
  if (ahi_db_step_row (db, stmt, &local_error))
    {
      s = read_service (stmt);
      sqlite3_reset (stmt);
      return s;
    }
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND, "No service with id %s", service_id);
  return NULL;
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
