/* ahi-appointment-query.c — appointments as the calendar and the API read them */
#include "store/query/ahi-appointment-query.h"

#include "store/ahi-db-rows.h"
#include "core/ahi-core-error.h"
#include "core/ahi-time.h"

#define APPOINTMENT_COLUMNS \
  "a.appointment_id, a.customer_id, c.full_name, a.starts_at, a.ends_at, a.status, a.source, a.total_minor," \
  " a.vehicle_id, a.plan_step_id, a.campaign_id, a.late_min, a.cancelled_by, a.cancel_reason, a.late_cancel," \
  " a.cancelled_at, a.created_by, a.created_at, a.updated_at" \
  " FROM appointments a LEFT JOIN customers c ON c.customer_id = a.customer_id"

/* starts_at leads the covering index appointments_time, so a day of a
 * calendar is a short range scan whatever the filters. */
static const char range_sql[] =
  "SELECT " APPOINTMENT_COLUMNS
  " WHERE a.starts_at >= ?1 AND a.starts_at < ?2"
  " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM appointment_items i"
  "                            WHERE i.appointment_id = a.appointment_id AND i.staff_id = ?3))"
  " AND (?4 IS NULL OR EXISTS (SELECT 1 FROM appointment_resources r"
  "                            WHERE r.appointment_id = a.appointment_id AND r.resource_id = ?4))"
  " ORDER BY a.starts_at, a.appointment_id";

static const char get_sql[] =
  "SELECT " APPOINTMENT_COLUMNS " WHERE a.appointment_id = ?1";

static const char items_sql[] =
  "SELECT i.position, i.service_id, s.name, i.staff_id, i.starts_at, i.ends_at, i.price_minor"
  " FROM appointment_items i LEFT JOIN services s ON s.service_id = i.service_id"
  " WHERE i.appointment_id = ?1 ORDER BY i.position";

static const char resources_sql[] =
  "SELECT position, resource_id FROM appointment_resources WHERE appointment_id = ?1"
  " ORDER BY position, resource_id";

/* ------------------------------------------------------------- helpers */

static void
item_free (AhiAppointmentItem *item)
{
  g_free (item->service_id);
  g_free (item->service_name);
  g_free (item->staff_id);
  g_strfreev (item->resource_ids);
  g_free (item);
}

/* The appointment's own row; load_items adds its items. */
static gpointer
read_appointment (sqlite3_stmt *stmt)
{
  AhiAppointment *a = g_new0 (AhiAppointment, 1);

  a->appointment_id = ahi_db_column_dup (stmt, 0);
  a->customer_id = ahi_db_column_dup (stmt, 1);
  a->customer_name = ahi_db_column_dup (stmt, 2);
  a->starts_at = sqlite3_column_int64 (stmt, 3);
  a->ends_at = sqlite3_column_int64 (stmt, 4);
  a->status = ahi_db_column_dup (stmt, 5);
  a->source = ahi_db_column_dup (stmt, 6);
  a->total_minor = sqlite3_column_int64 (stmt, 7);
  a->vehicle_id = ahi_db_column_dup (stmt, 8);
  a->plan_step_id = ahi_db_column_dup (stmt, 9);
  a->campaign_id = ahi_db_column_dup (stmt, 10);
  a->late_min = sqlite3_column_type (stmt, 11) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 11);
  a->cancelled_by = ahi_db_column_dup (stmt, 12);
  a->cancel_reason = ahi_db_column_dup (stmt, 13);
  a->late_cancel = sqlite3_column_int (stmt, 14) != 0;
  a->cancelled_at = sqlite3_column_int64 (stmt, 15);
  a->created_by = ahi_db_column_dup (stmt, 16);
  a->created_at = sqlite3_column_int64 (stmt, 17);
  a->updated_at = sqlite3_column_int64 (stmt, 18);
  return a;
}

static gpointer
read_item (sqlite3_stmt *stmt)
{
  AhiAppointmentItem *item = g_new0 (AhiAppointmentItem, 1);

  item->service_id = ahi_db_column_dup (stmt, 1);
  item->service_name = ahi_db_column_dup (stmt, 2);
  item->staff_id = ahi_db_column_dup (stmt, 3);
  item->starts_at = sqlite3_column_int64 (stmt, 4);
  item->ends_at = sqlite3_column_int64 (stmt, 5);
  item->price_minor = sqlite3_column_int64 (stmt, 6);
  return item;
}

/* Fills the appointment's items and the resources each holds. */
static gboolean
load_items (AhiDb           *db,
            AhiAppointment  *a,
            GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) resources = NULL;   /* one GPtrArray of ids per item */
  sqlite3_stmt *stmt = ahi_db_prepare (db, items_sql, error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, a->appointment_id);
  a->items = ahi_db_read_rows (db, stmt, read_item, (GDestroyNotify) item_free, error);
  if (a->items == NULL)
    return FALSE;

  resources = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < a->items->len; i++)
    g_ptr_array_add (resources, g_ptr_array_new_with_free_func (g_free));

  stmt = ahi_db_prepare (db, resources_sql, error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, a->appointment_id);
  while (ahi_db_step_row (db, stmt, &local_error))
    {
      gint64 position = sqlite3_column_int64 (stmt, 0);

      /* Positions are the item indexes the reducer wrote. */
      if (position >= 0 && position < a->items->len)
        g_ptr_array_add (g_ptr_array_index (resources, position), ahi_db_column_dup (stmt, 1));
    }
  if (!ahi_db_finish_rows (g_steal_pointer (&local_error), error))
    return FALSE;

  for (guint i = 0; i < a->items->len; i++)
    {
      GPtrArray *ids = g_ptr_array_index (resources, i);
      AhiAppointmentItem *item = g_ptr_array_index (a->items, i);

      g_ptr_array_add (ids, NULL);
      item->resource_ids = (GStrv) g_ptr_array_steal (ids, NULL);
    }
  return TRUE;
}

static void
set_time (JsonObject *object,
          const char *name,
          gint64      value)
{
  g_autofree char *text = ahi_time_format_utc (value);
  json_object_set_string_member (object, name, text);
}

static void
set_optional_string (JsonObject *object,
                     const char *name,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
}

/* ---------------------------------------------------------- public API */

void
ahi_appointment_free (AhiAppointment *a)
{
  if (a == NULL)
    return;
  g_free (a->appointment_id);
  g_free (a->customer_id);
  g_free (a->customer_name);
  g_free (a->status);
  g_free (a->source);
  g_free (a->vehicle_id);
  g_free (a->plan_step_id);
  g_free (a->campaign_id);
  g_free (a->cancelled_by);
  g_free (a->cancel_reason);
  g_free (a->created_by);
  g_clear_pointer (&a->items, g_ptr_array_unref);
  g_free (a);
}

GPtrArray *
ahi_appointment_query_range (AhiDb       *db,
                             gint64       from,
                             gint64       to,
                             const char  *staff_id,
                             const char  *resource_id,
                             GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  gboolean owned = FALSE;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (db != NULL, NULL);

  if (to <= from || to - from > AHI_APPOINTMENT_MAX_RANGE)
    {
      g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_OUT_OF_RANGE,
                   "The range must end after it starts and span at most %d days",
                   AHI_APPOINTMENT_MAX_RANGE / (24 * 3600));
      return NULL;
    }

  if (!ahi_db_snapshot_begin (db, &owned, error))
    return NULL;

  stmt = ahi_db_prepare (db, range_sql, error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, from);
      sqlite3_bind_int64 (stmt, 2, to);
      ahi_db_bind_text (stmt, 3, staff_id);
      ahi_db_bind_text (stmt, 4, resource_id);
      list = ahi_db_read_rows (db, stmt, read_appointment, (GDestroyNotify) ahi_appointment_free, error);
    }
  /* Items next, once the range statement is done: each is a few rows by
   * primary key. */
  for (guint i = 0; list != NULL && i < list->len; i++)
    if (!load_items (db, g_ptr_array_index (list, i), error))
      g_clear_pointer (&list, g_ptr_array_unref);

  ahi_db_snapshot_end (db, owned);
  return g_steal_pointer (&list);
}

AhiAppointment *
ahi_appointment_query_get (AhiDb       *db,
                           const char  *appointment_id,
                           GError     **error)
{
  g_autoptr(AhiAppointment) a = NULL;
  gboolean owned = FALSE;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (appointment_id != NULL, NULL);

  if (!ahi_db_snapshot_begin (db, &owned, error))
    return NULL;
  a = ahi_db_read_one (db, get_sql, appointment_id, read_appointment, "appointment", error);
  if (a != NULL && !load_items (db, a, error))
    g_clear_pointer (&a, ahi_appointment_free);
  ahi_db_snapshot_end (db, owned);
  return g_steal_pointer (&a);
}

JsonObject *
ahi_appointment_to_json (const AhiAppointment *a)
{
  JsonObject *object = json_object_new ();
  JsonArray *items = json_array_new ();

  g_return_val_if_fail (a != NULL, object);

  json_object_set_string_member (object, "appointment_id", a->appointment_id);
  json_object_set_string_member (object, "customer_id", a->customer_id);
  set_optional_string (object, "customer_name", a->customer_name);
  set_time (object, "starts_at", a->starts_at);
  set_time (object, "ends_at", a->ends_at);
  json_object_set_string_member (object, "status", a->status);
  json_object_set_string_member (object, "source", a->source);
  json_object_set_int_member (object, "total_minor", a->total_minor);
  set_optional_string (object, "vehicle_id", a->vehicle_id);
  set_optional_string (object, "plan_step_id", a->plan_step_id);
  set_optional_string (object, "campaign_id", a->campaign_id);
  if (a->late_min >= 0)
    json_object_set_int_member (object, "late_min", a->late_min);
  if (g_strcmp0 (a->status, "cancelled") == 0)
    {
      set_optional_string (object, "cancelled_by", a->cancelled_by);
      set_optional_string (object, "cancel_reason", a->cancel_reason);
      json_object_set_boolean_member (object, "late_cancel", a->late_cancel);
      set_time (object, "cancelled_at", a->cancelled_at);
    }
  json_object_set_string_member (object, "created_by", a->created_by);
  set_time (object, "created_at", a->created_at);
  set_time (object, "updated_at", a->updated_at);

  for (guint i = 0; i < a->items->len; i++)
    {
      const AhiAppointmentItem *item = g_ptr_array_index (a->items, i);
      JsonObject *member = json_object_new ();
      JsonArray *resources = json_array_new ();

      json_object_set_string_member (member, "service_id", item->service_id);
      set_optional_string (member, "service_name", item->service_name);
      set_optional_string (member, "staff_id", item->staff_id);
      set_time (member, "starts_at", item->starts_at);
      set_time (member, "ends_at", item->ends_at);
      json_object_set_int_member (member, "price_minor", item->price_minor);
      for (guint r = 0; item->resource_ids[r] != NULL; r++)
        json_array_add_string_element (resources, item->resource_ids[r]);
      json_object_set_array_member (member, "resource_ids", resources);
      json_array_add_object_element (items, member);
    }
  json_object_set_array_member (object, "items", items);
  return object;
}
