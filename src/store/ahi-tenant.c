/* ahi-tenant.c — the tenant's effective settings, read from its database */
#include "store/ahi-tenant.h"

#include "store/ahi-store-error.h"
#include "core/ahi-json-strict.h"
#include "core/ahi-time.h"

AhiBlueprint *
ahi_tenant_load_blueprint (AhiDb   *db,
                           GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(AhiBlueprint) base = NULL;
  g_autoptr(JsonNode) overrides = NULL;
  g_autofree char *sector = NULL;
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;

  stmt = ahi_db_prepare (db, "SELECT sector, overrides FROM tenant_blueprint_overrides", error);
  if (stmt == NULL)
    return NULL;
  if (ahi_db_step_row (db, stmt, &local_error))
    {
      sector = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      text = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      sqlite3_reset (stmt);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (sector == NULL)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE,
                   "The business has no blueprint yet");
      return NULL;
    }

  base = ahi_blueprint_load (sector, error);
  if (base == NULL)
    return NULL;
  overrides = ahi_json_strict_parse (text, -1, 1 << 20, error);
  if (overrides == NULL)
    return NULL;
  if (json_object_get_size (json_node_get_object (overrides)) == 0)
    return g_steal_pointer (&base);
  return ahi_blueprint_merge (base, json_node_get_object (overrides), error);
}

GTimeZone *
ahi_tenant_timezone (AhiDb *db)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = ahi_db_prepare (db, "SELECT timezone FROM tenant_settings", &error);
  GTimeZone *zone = NULL;

  if (stmt != NULL && ahi_db_step_row (db, stmt, &error))
    {
      zone = ahi_timezone_new ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  if (zone == NULL)
    zone = ahi_timezone_new (AHI_DEFAULT_TIMEZONE);
  return zone;
}

gint64
ahi_tenant_setting_int (AhiDb       *db,
                        const char  *column,
                        gint64       fallback)
{
  g_autofree char *sql = g_strdup_printf ("SELECT \"%s\" FROM tenant_settings", column);

  return ahi_db_query_int (db, sql, fallback, NULL);
}
