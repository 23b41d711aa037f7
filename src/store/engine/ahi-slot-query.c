/* ahi-slot-query.c — free slots and double-booking checks on a tenant db */
#include "store/engine/ahi-slot-query.h"

#include "store/ahi-store-error.h"
#include "store/ahi-tenant.h"
#include "core/ahi-core-error.h"
#include "core/ahi-time.h"

typedef struct {
  GTimeZone *zone;
  int        year;
  int        month;
  int        day;
  int        weekday;      /* ISO, 1 = Monday */
  char      *date;         /* "YYYY-MM-DD" */
  gint64     starts_at;    /* local midnight */
  gint64     ends_at;      /* the next local midnight */
} Day;

static void
day_clear (Day *day)
{
  g_clear_pointer (&day->zone, g_time_zone_unref);
  g_clear_pointer (&day->date, g_free);
}

/* ------------------------------------------------------------ helpers */

/* A JSON array of strings as stored by the reducer (skills,
 * resource_kinds); anything else reads as no strings. */
static GStrv
parse_string_list (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *root;

  if (text != NULL && json_parser_load_from_data (parser, text, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (element));
        }
    }
  return g_strv_builder_end (builder);
}

static gint64
local_minute (const Day *day,
              gint64     minutes)
{
  return ahi_time_from_local (day->zone, day->year, day->month, day->day,
                              (int) (minutes / 60), (int) (minutes % 60));
}

static gboolean
day_init (Day        *day,
          AhiDb      *db,
          int         year,
          int         month,
          int         mday,
          GError    **error)
{
  GDate date;

  if (year < 1970 || year > 9998 || !g_date_valid_dmy (mday, month, year))
    {
      g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_VALUE,
                   "%04d-%02d-%02d is not a calendar date", year, month, mday);
      return FALSE;
    }

  day->zone = ahi_tenant_timezone (db);
  day->year = year;
  day->month = month;
  day->day = mday;
  day->date = g_strdup_printf ("%04d-%02d-%02d", year, month, mday);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, mday, month, year);
  day->weekday = g_date_get_weekday (&date);   /* GDateWeekday is ISO: Monday = 1 */
  day->starts_at = ahi_time_from_local (day->zone, year, month, mday, 0, 0);
  g_date_add_days (&date, 1);
  day->ends_at = ahi_time_from_local (day->zone, g_date_get_year (&date), g_date_get_month (&date),
                                      g_date_get_day (&date), 0, 0);
  return TRUE;
}

/* ------------------------------------------------------------- loading */

static gboolean
load_bookings (AhiDb           *db,
               AhiSlotRequest  *request,
               gboolean         staff,
               const char      *holder_id,
               gint64           from,
               gint64           to,
               GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  /* Cancelling deletes an appointment's resource rows but keeps its items,
   * so the status is what tells; both lookups use their (holder, starts_at)
   * index. */
  if (staff)
    stmt = ahi_db_prepare (db,
      "SELECT i.appointment_id, i.starts_at, i.ends_at FROM appointment_items i"
      " JOIN appointments a ON a.appointment_id = i.appointment_id"
      " WHERE i.staff_id = ?1 AND i.starts_at < ?3 AND i.ends_at > ?2 AND a.status <> 'cancelled'", error);
  else
    stmt = ahi_db_prepare (db,
      "SELECT r.appointment_id, r.starts_at, r.ends_at FROM appointment_resources r"
      " JOIN appointments a ON a.appointment_id = r.appointment_id"
      " WHERE r.resource_id = ?1 AND r.starts_at < ?3 AND r.ends_at > ?2 AND a.status <> 'cancelled'", error);
  if (stmt == NULL)
    return FALSE;

  ahi_db_bind_text (stmt, 1, holder_id);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, to);
  while (ahi_db_step_row (db, stmt, &local_error))
    {
      const char *appointment_id = (const char *) sqlite3_column_text (stmt, 0);
      gint64 start = sqlite3_column_int64 (stmt, 1);
      gint64 end = sqlite3_column_int64 (stmt, 2);

      if (staff)
        ahi_slot_request_add_staff_booking (request, holder_id, appointment_id, start, end);
      else
        ahi_slot_request_add_resource_booking (request, holder_id, appointment_id, start, end);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_services (AhiDb               *db,
               AhiSlotRequest      *request,
               const char * const  *service_ids,
               GError             **error)
{
  for (guint i = 0; service_ids[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_auto(GStrv) kinds = NULL;
      sqlite3_stmt *stmt;
      gint64 duration_min = 0;
      gboolean found;

      stmt = ahi_db_prepare (db,
        "SELECT duration_min, resource_kinds FROM services WHERE service_id = ? AND active = 1", error);
      if (stmt == NULL)
        return FALSE;
      ahi_db_bind_text (stmt, 1, service_ids[i]);
      found = ahi_db_step_row (db, stmt, &local_error);
      if (found)
        {
          duration_min = sqlite3_column_int64 (stmt, 0);
          kinds = parse_string_list ((const char *) sqlite3_column_text (stmt, 1));
          sqlite3_reset (stmt);
        }
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!found || duration_min <= 0)
        {
          g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND,
                       "No active service with id %s", service_ids[i]);
          return FALSE;
        }
      ahi_slot_request_add_service (request, service_ids[i], duration_min * 60, (const char * const *) kinds);
    }
  return TRUE;
}

static gboolean
load_opening (AhiDb           *db,
              AhiSlotRequest  *request,
              const Day       *day,
              GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gboolean closed;

  stmt = ahi_db_prepare (db, "SELECT opens_min, closes_min FROM opening_hours WHERE weekday = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, day->weekday);
  while (ahi_db_step_row (db, stmt, &local_error))
    ahi_slot_request_add_opening (request,
                                  local_minute (day, sqlite3_column_int64 (stmt, 0)),
                                  local_minute (day, sqlite3_column_int64 (stmt, 1)));
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Closures are whole local days (dates compare as text). */
  stmt = ahi_db_prepare (db,
    "SELECT 1 FROM business_closures WHERE starts_on <= ?1 AND ends_on >= ?1 LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, day->date);
  closed = ahi_db_step_row (db, stmt, &local_error);
  if (closed)
    {
      sqlite3_reset (stmt);
      ahi_slot_request_add_closure (request, day->starts_at, day->ends_at);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* Every resource of the business; their bookings from..to when
 * with_bookings. */
static gboolean
load_resources (AhiDb           *db,
                AhiSlotRequest  *request,
                gboolean         with_bookings,
                gint64           from,
                gint64           to,
                GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  stmt = ahi_db_prepare (db,
    "SELECT resource_id, kind, in_service FROM tenant_resources WHERE deleted_at IS NULL ORDER BY resource_id", error);
  if (stmt == NULL)
    return FALSE;
  while (ahi_db_step_row (db, stmt, &local_error))
    {
      const char *resource_id = (const char *) sqlite3_column_text (stmt, 0);

      ahi_slot_request_add_resource (request, resource_id,
                                     (const char *) sqlite3_column_text (stmt, 1),
                                     sqlite3_column_int (stmt, 2) != 0);
      g_ptr_array_add (ids, g_strdup (resource_id));
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; with_bookings && i < ids->len; i++)
    if (!load_bookings (db, request, FALSE, g_ptr_array_index (ids, i), from, to, error))
      return FALSE;
  return TRUE;
}

static gboolean
load_one_staff (AhiDb           *db,
                AhiSlotRequest  *request,
                const Day       *day,
                const char      *staff_id,
                gboolean         with_bookings,
                gint64           from,
                gint64           to,
                GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  stmt = ahi_db_prepare (db,
    "SELECT starts_min, ends_min FROM staff_hours WHERE staff_id = ? AND weekday = ?", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, staff_id);
  sqlite3_bind_int (stmt, 2, day->weekday);
  while (ahi_db_step_row (db, stmt, &local_error))
    ahi_slot_request_add_staff_hours (request, staff_id,
                                      local_minute (day, sqlite3_column_int64 (stmt, 0)),
                                      local_minute (day, sqlite3_column_int64 (stmt, 1)));
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  stmt = ahi_db_prepare (db,
    "SELECT starts_at, ends_at FROM staff_absences WHERE staff_id = ? AND starts_at < ? AND ends_at > ?", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, staff_id);
  sqlite3_bind_int64 (stmt, 2, day->ends_at);
  sqlite3_bind_int64 (stmt, 3, day->starts_at);
  while (ahi_db_step_row (db, stmt, &local_error))
    ahi_slot_request_add_staff_absence (request, staff_id,
                                        sqlite3_column_int64 (stmt, 0),
                                        sqlite3_column_int64 (stmt, 1));
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return !with_bookings || load_bookings (db, request, TRUE, staff_id, from, to, error);
}

static gboolean
load_staff (AhiDb           *db,
            AhiSlotRequest  *request,
            const Day       *day,
            gboolean         with_bookings,
            gint64           from,
            gint64           to,
            GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  stmt = ahi_db_prepare (db, "SELECT staff_id, skills FROM staff WHERE active = 1 ORDER BY staff_id", error);
  if (stmt == NULL)
    return FALSE;
  while (ahi_db_step_row (db, stmt, &local_error))
    {
      const char *staff_id = (const char *) sqlite3_column_text (stmt, 0);
      g_auto(GStrv) skills = parse_string_list ((const char *) sqlite3_column_text (stmt, 1));

      ahi_slot_request_add_staff (request, staff_id, (const char * const *) skills);
      g_ptr_array_add (ids, g_strdup (staff_id));
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; i < ids->len; i++)
    if (!load_one_staff (db, request, day, g_ptr_array_index (ids, i), with_bookings, from, to, error))
      return FALSE;
  return TRUE;
}

/* Everything a search of the day needs, read in one snapshot. */
static AhiSlotRequest *
load_day (AhiDb               *db,
          const Day           *day,
          const char * const  *service_ids,
          GError             **error)
{
  g_autoptr(AhiSlotRequest) request = NULL;
  gint64 buffer;
  gint64 from;
  gint64 to;
  gboolean own = FALSE;
  gboolean ok;

  if (!ahi_db_snapshot_begin (db, &own, error))
    return NULL;

  buffer = ahi_tenant_setting_int (db, "slot_buffer_min", 0) * 60;
  buffer = CLAMP (buffer, 0, 240 * 60);
  request = ahi_slot_request_new (day->starts_at, AHI_SLOT_STEP_MIN * 60, buffer);

  /* A booking keeps the buffer free on both sides of it, so one just
   * outside the day can still block its edges. */
  from = day->starts_at - buffer;
  to = day->ends_at + buffer;

  ok = load_services (db, request, service_ids, error) &&
       load_opening (db, request, day, error) &&
       load_resources (db, request, TRUE, from, to, error) &&
       load_staff (db, request, day, TRUE, from, to, error);
  ahi_db_snapshot_end (db, own);

  return ok ? g_steal_pointer (&request) : NULL;
}

/* -------------------------------------------------------------- public */

GPtrArray *
ahi_slot_query_day (AhiDb               *db,
                    const char * const  *service_ids,
                    int                  year,
                    int                  month,
                    int                  day,
                    gint64               not_before,
                    GError             **error)
{
  g_autoptr(AhiSlotRequest) request = NULL;
  Day the_day = { 0 };
  GPtrArray *slots;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (service_ids != NULL && service_ids[0] != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!day_init (&the_day, db, year, month, day, error))
    {
      day_clear (&the_day);
      return NULL;
    }
  request = load_day (db, &the_day, service_ids, error);
  day_clear (&the_day);
  if (request == NULL)
    return NULL;

  slots = ahi_slots_search (request, not_before);
  return slots;
}

AhiSlot *
ahi_slot_query_walk_in (AhiDb               *db,
                        const char * const  *service_ids,
                        gint64               now,
                        GError             **error)
{
  g_autoptr(AhiSlotRequest) request = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  Day the_day = { 0 };
  int year = 0;
  int month = 0;
  int mday = 0;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (service_ids != NULL && service_ids[0] != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  zone = ahi_tenant_timezone (db);
  utc = g_date_time_new_from_unix_utc (now);
  if (utc == NULL)
    {
      g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_VALUE, "%" G_GINT64_FORMAT " is not an instant", now);
      return NULL;
    }
  local = g_date_time_to_timezone (utc, zone);
  g_date_time_get_ymd (local, &year, &month, &mday);

  if (!day_init (&the_day, db, year, month, mday, error))
    {
      day_clear (&the_day);
      return NULL;
    }
  request = load_day (db, &the_day, service_ids, error);
  day_clear (&the_day);
  if (request == NULL)
    return NULL;

  return ahi_slots_first_fit (request, now);
}

static gboolean
read_item_time (JsonObject  *item,
                guint        index,
                const char  *member,
                gint64      *out,
                GError     **error)
{
  JsonNode *node = json_object_get_member (item, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      !ahi_time_parse_utc (json_node_get_string (node), out))
    {
      g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_VALUE,
                   "payload.items[%u].%s: must be a time YYYY-MM-DDTHH:MM:SSZ", index, member);
      return FALSE;
    }
  return TRUE;
}

static const char *
read_item_string (JsonNode *node)
{
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

typedef struct {
  AhiSlotHold hold;
  GPtrArray  *resource_ids;   /* const char *, NULL-terminated */
} ProposedItem;

static void
proposed_item_clear (gpointer data)
{
  ProposedItem *proposed = data;

  g_clear_pointer (&proposed->resource_ids, g_ptr_array_unref);
}

/* The holds of the payload's items; the strings belong to payload. */
static GArray *
read_holds (JsonObject  *payload,
            GError     **error)
{
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (ProposedItem));
  JsonNode *node = json_object_get_member (payload, "items");
  JsonArray *array;

  g_array_set_clear_func (items, proposed_item_clear);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_MISSING_FIELD, "payload.items: must be a list");
      return NULL;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *item;
      JsonNode *resources;
      ProposedItem proposed = { { 0 }, NULL };

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_WRONG_TYPE, "payload.items[%u]: must be an object", i);
          return NULL;
        }
      item = json_node_get_object (element);
      if (!read_item_time (item, i, "starts_at", &proposed.hold.starts_at, error) ||
          !read_item_time (item, i, "ends_at", &proposed.hold.ends_at, error))
        return NULL;
      if (proposed.hold.ends_at <= proposed.hold.starts_at)
        {
          g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_VALUE,
                       "payload.items[%u].ends_at: must be after starts_at", i);
          return NULL;
        }
      proposed.hold.staff_id = read_item_string (json_object_get_member (item, "staff_id"));
      proposed.hold.service_id = read_item_string (json_object_get_member (item, "service_id"));

      proposed.resource_ids = g_ptr_array_new ();
      resources = json_object_get_member (item, "resource_ids");
      if (resources != NULL && JSON_NODE_HOLDS_ARRAY (resources))
        {
          JsonArray *list = json_node_get_array (resources);

          for (guint r = 0; r < json_array_get_length (list); r++)
            {
              const char *resource_id = read_item_string (json_array_get_element (list, r));

              if (resource_id != NULL)
                g_ptr_array_add (proposed.resource_ids, (gpointer) resource_id);
            }
        }
      g_ptr_array_add (proposed.resource_ids, NULL);
      proposed.hold.resource_ids = (const char * const *) proposed.resource_ids->pdata;
      g_array_append_val (items, proposed);
    }
  return g_steal_pointer (&items);
}

gboolean
ahi_slot_query_conflict (AhiDb        *db,
                         JsonObject   *appointment_payload,
                         const char   *ignore_appointment_id,
                         char        **out_conflicting_appointment_id,
                         GError      **error)
{
  g_autoptr(AhiSlotRequest) request = NULL;
  g_autoptr(GArray) items = NULL;
  g_autoptr(GArray) holds = NULL;
  gboolean own = FALSE;
  gboolean ok = TRUE;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (appointment_payload != NULL, FALSE);
  g_return_val_if_fail (out_conflicting_appointment_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *out_conflicting_appointment_id = NULL;
  items = read_holds (appointment_payload, error);
  if (items == NULL)
    return FALSE;

  /* Only the bookings of the people and things asked for, around the
   * times asked for; no buffer, hours or origin matter here. */
  request = ahi_slot_request_new (0, 60, 0);
  holds = g_array_sized_new (FALSE, FALSE, sizeof (AhiSlotHold), items->len);

  if (!ahi_db_snapshot_begin (db, &own, error))
    return FALSE;
  for (guint i = 0; ok && i < items->len; i++)
    {
      const AhiSlotHold *hold = &g_array_index (items, ProposedItem, i).hold;

      g_array_append_val (holds, *hold);
      if (hold->staff_id != NULL)
        ok = load_bookings (db, request, TRUE, hold->staff_id, hold->starts_at, hold->ends_at, error);
      for (guint r = 0; ok && hold->resource_ids[r] != NULL; r++)
        ok = load_bookings (db, request, FALSE, hold->resource_ids[r], hold->starts_at, hold->ends_at, error);
    }
  ahi_db_snapshot_end (db, own);
  if (!ok)
    return FALSE;

  *out_conflicting_appointment_id =
    g_strdup (ahi_slots_find_conflict (request, (const AhiSlotHold *) holds->data, holds->len,
                                       ignore_appointment_id));
  return TRUE;
}

/* The services the items name, whatever their state (a service taken off
 * the menu still has its kinds); one the business does not have is left
 * out: the reducer refuses that reference. */
static gboolean
load_item_services (AhiDb           *db,
                    AhiSlotRequest  *request,
                    GArray          *items,
                    GError         **error)
{
  for (guint i = 0; i < items->len; i++)
    {
      const char *service_id = g_array_index (items, ProposedItem, i).hold.service_id;
      g_autoptr(GError) local_error = NULL;
      sqlite3_stmt *stmt;

      if (service_id == NULL)
        continue;
      stmt = ahi_db_prepare (db, "SELECT duration_min, resource_kinds FROM services WHERE service_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      ahi_db_bind_text (stmt, 1, service_id);
      if (ahi_db_step_row (db, stmt, &local_error))
        {
          g_auto(GStrv) kinds = parse_string_list ((const char *) sqlite3_column_text (stmt, 1));
          gint64 duration_min = MAX (sqlite3_column_int64 (stmt, 0), 1);

          sqlite3_reset (stmt);
          ahi_slot_request_add_service (request, service_id, duration_min * 60, (const char * const *) kinds);
        }
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
ahi_slot_query_rules (AhiDb        *db,
                      JsonObject   *appointment_payload,
                      AhiSlotRule  *out_rule,
                      guint        *out_index,
                      GError      **error)
{
  g_autoptr(AhiSlotRequest) request = NULL;
  g_autoptr(GArray) items = NULL;
  g_autoptr(GArray) holds = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  Day day = { 0 };
  gint64 first = G_MAXINT64;
  int year = 0, month = 0, mday = 0;
  gboolean own = FALSE;
  gboolean ok;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (appointment_payload != NULL, FALSE);
  g_return_val_if_fail (out_rule != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *out_rule = AHI_SLOT_RULE_OK;
  if (out_index != NULL)
    *out_index = 0;
  items = read_holds (appointment_payload, error);
  if (items == NULL)
    return FALSE;
  if (items->len == 0)
    return TRUE;

  holds = g_array_sized_new (FALSE, FALSE, sizeof (AhiSlotHold), items->len);
  for (guint i = 0; i < items->len; i++)
    {
      const AhiSlotHold *hold = &g_array_index (items, ProposedItem, i).hold;

      g_array_append_val (holds, *hold);
      first = MIN (first, hold->starts_at);
    }

  if (!ahi_db_snapshot_begin (db, &own, error))
    return FALSE;

  /* The day is the local day the booking starts on: opening hours do not
   * run past midnight, so a run that does is outside them. */
  zone = ahi_tenant_timezone (db);
  utc = g_date_time_new_from_unix_utc (first);
  ok = utc != NULL;
  if (!ok)
    g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_VALUE, "%" G_GINT64_FORMAT " is not an instant", first);
  if (ok)
    {
      local = g_date_time_to_timezone (utc, zone);
      g_date_time_get_ymd (local, &year, &month, &mday);
      ok = day_init (&day, db, year, month, mday, error);
    }
  if (ok)
    {
      /* The grid and the buffer are how slots are offered, not rules of
       * the day: neither matters here, nor do bookings (the double
       * booking is ahi_slot_query_conflict's). */
      request = ahi_slot_request_new (day.starts_at, 60, 0);
      ok = load_item_services (db, request, items, error) &&
           load_opening (db, request, &day, error) &&
           load_resources (db, request, FALSE, 0, 0, error) &&
           load_staff (db, request, &day, FALSE, 0, 0, error);
    }
  ahi_db_snapshot_end (db, own);
  day_clear (&day);
  if (!ok)
    return FALSE;

  *out_rule = ahi_slots_check_rules (request, (const AhiSlotHold *) holds->data, holds->len, out_index);
  return TRUE;
}
