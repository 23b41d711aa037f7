/* ahi-business-query.c — reads behind the tenant API's business routes */
#include "store/query/ahi-business-query.h"

#include "store/ahi-db-rows.h"
#include "store/ahi-store-error.h"
#include "core/ahi-json-strict.h"
#include "core/ahi-time.h"

#define RESOURCE_COLUMNS "resource_id, kind, name, in_service, created_at, updated_at"

/* ----------------------------------------------------------- resources */

void
ahi_resource_row_free (AhiResourceRow *row)
{
  if (row == NULL)
    return;
  g_free (row->resource_id);
  g_free (row->kind);
  g_free (row->name);
  g_free (row);
}

static gpointer
resource_from_row (sqlite3_stmt *stmt)
{
  AhiResourceRow *row = g_new0 (AhiResourceRow, 1);

  row->resource_id = ahi_db_column_dup (stmt, 0);
  row->kind = ahi_db_column_dup (stmt, 1);
  row->name = ahi_db_column_dup (stmt, 2);
  row->in_service = sqlite3_column_int (stmt, 3) != 0;
  row->created_at = sqlite3_column_int64 (stmt, 4);
  row->updated_at = sqlite3_column_int64 (stmt, 5);
  return row;
}

GPtrArray *
ahi_business_resources (AhiDb   *db,
                        GError **error)
{
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "SELECT " RESOURCE_COLUMNS " FROM tenant_resources WHERE deleted_at IS NULL"
    " ORDER BY kind, name, resource_id", error);

  if (stmt == NULL)
    return NULL;
  return ahi_db_read_rows (db, stmt, resource_from_row, (GDestroyNotify) ahi_resource_row_free, error);
}

AhiResourceRow *
ahi_business_resource (AhiDb       *db,
                       const char  *resource_id,
                       GError     **error)
{
  return ahi_db_read_one (db,
                          "SELECT " RESOURCE_COLUMNS " FROM tenant_resources WHERE resource_id = ?1 AND deleted_at IS NULL",
                          resource_id, resource_from_row, "resource", error);
}

/* ------------------------------------------------------------- revenue */

static void
set_optional_text (JsonObject   *object,
                   const char   *name,
                   sqlite3_stmt *stmt,
                   int           column)
{
  if (sqlite3_column_type (stmt, column) != SQLITE_NULL)
    json_object_set_string_member (object, name, (const char *) sqlite3_column_text (stmt, column));
}

static gpointer
revenue_line_from_row (sqlite3_stmt *stmt)
{
  JsonObject *line = json_object_new ();
  g_autofree char *booked_at = ahi_time_format_utc (sqlite3_column_int64 (stmt, 9));

  json_object_set_string_member (line, "revenue_event_id", (const char *) sqlite3_column_text (stmt, 0));
  json_object_set_string_member (line, "kind", (const char *) sqlite3_column_text (stmt, 1));
  json_object_set_string_member (line, "source", (const char *) sqlite3_column_text (stmt, 2));
  json_object_set_string_member (line, "method", (const char *) sqlite3_column_text (stmt, 3));
  json_object_set_int_member (line, "amount_minor", sqlite3_column_int64 (stmt, 4));
  json_object_set_int_member (line, "discount_minor", sqlite3_column_int64 (stmt, 5));
  json_object_set_string_member (line, "currency", (const char *) sqlite3_column_text (stmt, 6));
  json_object_set_int_member (line, "vat_rate_bp", sqlite3_column_int64 (stmt, 7));
  json_object_set_int_member (line, "vat_minor", sqlite3_column_int64 (stmt, 8));
  json_object_set_string_member (line, "booked_at", booked_at);
  set_optional_text (line, "customer_id", stmt, 10);
  set_optional_text (line, "appointment_id", stmt, 11);
  set_optional_text (line, "staff_id", stmt, 12);
  set_optional_text (line, "campaign_id", stmt, 13);
  json_object_set_string_member (line, "recorded_by", (const char *) sqlite3_column_text (stmt, 14));
  return line;
}

GPtrArray *
ahi_business_revenue_page (AhiDb       *db,
                           gint64       from,
                           gint64       to,
                           const char  *after_id,
                           guint        limit,
                           gboolean    *out_has_more,
                           GError     **error)
{
  GPtrArray *lines;
  GError *local_error = NULL;
  gint64 after_booked = G_MININT64;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (limit > 0, NULL);

  /* The cursor is the last line of the previous page: its (booked_at, id)
   * pair orders the ledger, so lines booked later in the same second are
   * neither skipped nor repeated. */
  if (after_id != NULL)
    {
      gboolean found = FALSE;

      stmt = ahi_db_prepare (db, "SELECT booked_at FROM revenue_events WHERE revenue_event_id = ?", error);
      if (stmt == NULL)
        return NULL;
      ahi_db_bind_text (stmt, 1, after_id);
      if (ahi_db_step_row (db, stmt, &local_error))
        {
          after_booked = sqlite3_column_int64 (stmt, 0);
          found = TRUE;
          sqlite3_reset (stmt);
        }
      if (!ahi_db_finish_rows (local_error, error))
        return NULL;
      if (!found)
        {
          g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND, "after: no such ledger line");
          return NULL;
        }
    }

  stmt = ahi_db_prepare (db,
    "SELECT revenue_event_id, kind, source, method, amount_minor, discount_minor, currency, vat_rate_bp,"
    " vat_minor, booked_at, customer_id, appointment_id, staff_id, campaign_id, recorded_by"
    " FROM revenue_events WHERE booked_at >= ?1 AND booked_at < ?2"
    " AND (booked_at, revenue_event_id) > (?3, coalesce (?4, ''))"
    " ORDER BY booked_at, revenue_event_id LIMIT ?5", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_int64 (stmt, 3, after_booked);
  ahi_db_bind_text (stmt, 4, after_id);
  /* One more than asked tells whether another page follows. */
  sqlite3_bind_int64 (stmt, 5, (gint64) limit + 1);
  lines = ahi_db_read_rows (db, stmt, revenue_line_from_row, (GDestroyNotify) json_object_unref, error);
  if (lines == NULL)
    return NULL;
  if (out_has_more != NULL)
    *out_has_more = lines->len > limit;
  if (lines->len > limit)
    g_ptr_array_set_size (lines, limit);
  return lines;
}

JsonObject *
ahi_business_revenue_line (AhiDb       *db,
                           const char  *revenue_event_id,
                           GError     **error)
{
  g_autoptr(GPtrArray) lines = NULL;
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "SELECT revenue_event_id, kind, source, method, amount_minor, discount_minor, currency, vat_rate_bp,"
    " vat_minor, booked_at, customer_id, appointment_id, staff_id, campaign_id, recorded_by"
    " FROM revenue_events WHERE revenue_event_id = ?", error);

  if (stmt == NULL)
    return NULL;
  ahi_db_bind_text (stmt, 1, revenue_event_id);
  lines = ahi_db_read_rows (db, stmt, revenue_line_from_row, (GDestroyNotify) json_object_unref, error);
  if (lines == NULL)
    return NULL;
  if (lines->len == 0)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND, "No ledger line %s", revenue_event_id);
      return NULL;
    }
  return json_object_ref (g_ptr_array_index (lines, 0));
}

/* ------------------------------------------------------- opening hours */

static char *
format_clock (gint64 minutes)
{
  return g_strdup_printf ("%02d:%02d", (int) (minutes / 60), (int) (minutes % 60));
}

static gpointer
interval_from_row (sqlite3_stmt *stmt)
{
  JsonObject *interval = json_object_new ();
  g_autofree char *opens = format_clock (sqlite3_column_int64 (stmt, 1));
  g_autofree char *closes = format_clock (sqlite3_column_int64 (stmt, 2));

  json_object_set_int_member (interval, "weekday", sqlite3_column_int64 (stmt, 0));
  json_object_set_string_member (interval, "opens", opens);
  json_object_set_string_member (interval, "closes", closes);
  return interval;
}

/* A text column of the tenant's settings; INVALID_STATE before the
 * business exists. */
static char *
setting_text (AhiDb       *db,
              const char  *sql,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *value = NULL;
  sqlite3_stmt *stmt = ahi_db_prepare (db, sql, error);

  if (stmt == NULL)
    return NULL;
  if (ahi_db_step_row (db, stmt, &local_error))
    {
      value = ahi_db_column_dup (stmt, 0);
      sqlite3_reset (stmt);
    }
  if (!ahi_db_finish_rows (g_steal_pointer (&local_error), error))
    return NULL;
  if (value == NULL)
    g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE, "The business does not exist yet");
  return value;
}

char *
ahi_business_currency (AhiDb   *db,
                       GError **error)
{
  return setting_text (db, "SELECT currency FROM tenant_settings", error);
}

JsonObject *
ahi_business_opening_hours (AhiDb   *db,
                            GError **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *timezone = setting_text (db, "SELECT timezone FROM tenant_settings", error);
  JsonObject *hours;
  JsonArray *intervals;
  sqlite3_stmt *stmt;

  if (timezone == NULL)
    return NULL;

  stmt = ahi_db_prepare (db, "SELECT weekday, opens_min, closes_min FROM opening_hours ORDER BY weekday, opens_min",
                         error);
  if (stmt == NULL || (rows = ahi_db_read_rows (db, stmt, interval_from_row, (GDestroyNotify) json_object_unref,
                                                error)) == NULL)
    return NULL;
  hours = json_object_new ();
  json_object_set_string_member (hours, "timezone", timezone);
  intervals = json_array_new ();
  for (guint i = 0; i < rows->len; i++)
    json_array_add_object_element (intervals, json_object_ref (g_ptr_array_index (rows, i)));
  json_object_set_array_member (hours, "intervals", intervals);
  return hours;
}

/* ----------------------------------------------------------- blueprint */

gboolean
ahi_business_blueprint_choice (AhiDb       *db,
                               char       **out_sector,
                               JsonObject **out_overrides,
                               GError     **error)
{
  GError *local_error = NULL;
  g_autofree char *sector = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  sqlite3_stmt *stmt = ahi_db_prepare (db, "SELECT sector, overrides FROM tenant_blueprint_overrides", error);

  if (stmt == NULL)
    return FALSE;
  if (ahi_db_step_row (db, stmt, &local_error))
    {
      sector = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      text = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      sqlite3_reset (stmt);
    }
  if (!ahi_db_finish_rows (local_error, error))
    return FALSE;
  if (sector == NULL)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE, "The business has no blueprint yet");
      return FALSE;
    }
  node = ahi_json_strict_parse (text, -1, 1 << 20, error);
  if (node == NULL)
    return FALSE;
  *out_sector = g_steal_pointer (&sector);
  *out_overrides = json_object_ref (json_node_get_object (node));
  return TRUE;
}
