/* ahi-booking-check.c — the server's one rule for what a booking may take
 *
 * Built on the slot engine, so that what GET …/slots never offers a
 * booking may not take: ahi_slot_query_conflict for the double booking,
 * ahi_slot_query_rules for the day's rules. A move is judged as the
 * booking it makes: the appointment's services at the new times, with
 * the new people and things, the appointment itself out of the way.
 */
#include "store/engine/ahi-booking-check.h"

#include <string.h>

#include "store/engine/ahi-slot-query.h"
#include "store/ahi-store-error.h"
#include "core/ahi-id.h"
#include "core/ahi-time.h"

/* The RESOURCE_BUSY message starts with the appointment in the way, so
 * that one place formats it and one place reads it back. */
#define BUSY_PREFIX "Appointment "
#define ID_LENGTH   36

/* ------------------------------------------------------------- helpers */

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Whether the one-column query finds a row for id. */
static gboolean
exists (AhiDb       *db,
        const char  *sql,
        const char  *id,
        gboolean    *out_found,
        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt = ahi_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, id);
  *out_found = ahi_db_step_row (db, stmt, &local_error);
  sqlite3_reset (stmt);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* Whether every service, staff member and resource the items name is the
 * business's. One that is not is the reducer's to refuse
 * (invalid_reference), with its own message; the rules would only call
 * the stranger unavailable. */
static gboolean
references_known (AhiDb       *db,
                  JsonArray   *items,
                  gboolean    *out_known,
                  GError     **error)
{
  *out_known = TRUE;
  for (guint i = 0; *out_known && i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *service_id = string_member (item, "service_id");
      const char *staff_id = string_member (item, "staff_id");
      JsonNode *resources = json_object_get_member (item, "resource_ids");

      if (service_id != NULL &&
          !exists (db, "SELECT 1 FROM services WHERE service_id = ?", service_id, out_known, error))
        return FALSE;
      if (*out_known && staff_id != NULL &&
          !exists (db, "SELECT 1 FROM staff WHERE staff_id = ?", staff_id, out_known, error))
        return FALSE;
      for (guint r = 0; *out_known && resources != NULL && JSON_NODE_HOLDS_ARRAY (resources) &&
                        r < json_array_get_length (json_node_get_array (resources)); r++)
        {
          const char *resource_id = json_array_get_string_element (json_node_get_array (resources), r);

          if (resource_id != NULL &&
              !exists (db, "SELECT 1 FROM tenant_resources WHERE resource_id = ? AND deleted_at IS NULL",
                       resource_id, out_known, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
item_holds (JsonObject *item,
            const char *id)
{
  JsonNode *resources = json_object_get_member (item, "resource_ids");

  if (g_strcmp0 (string_member (item, "staff_id"), id) == 0)
    return TRUE;
  for (guint r = 0; resources != NULL && JSON_NODE_HOLDS_ARRAY (resources) &&
                    r < json_array_get_length (json_node_get_array (resources)); r++)
    if (g_strcmp0 (json_array_get_string_element (json_node_get_array (resources), r), id) == 0)
      return TRUE;
  return FALSE;
}

/* Whether two items of one booking hold the same person or thing at
 * overlapping times: the slots route never offers that either. */
static gboolean
items_clash (JsonArray *items)
{
  guint n = json_array_get_length (items);

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        JsonObject *a = json_array_get_object_element (items, i);
        JsonObject *b = json_array_get_object_element (items, j);
        gint64 a_start = 0, a_end = 0, b_start = 0, b_end = 0;
        JsonNode *resources = json_object_get_member (a, "resource_ids");
        gboolean shared = string_member (a, "staff_id") != NULL && item_holds (b, string_member (a, "staff_id"));

        for (guint r = 0; !shared && resources != NULL && JSON_NODE_HOLDS_ARRAY (resources) &&
                          r < json_array_get_length (json_node_get_array (resources)); r++)
          shared = item_holds (b, json_array_get_string_element (json_node_get_array (resources), r));
        if (shared &&
            ahi_time_parse_utc (string_member (a, "starts_at"), &a_start) &&
            ahi_time_parse_utc (string_member (a, "ends_at"), &a_end) &&
            ahi_time_parse_utc (string_member (b, "starts_at"), &b_start) &&
            ahi_time_parse_utc (string_member (b, "ends_at"), &b_end) &&
            a_start < b_end && b_start < a_end)
          return TRUE;
      }
  return FALSE;
}

/* Whether every service a new booking names is still on the menu (a
 * move keeps the services it has, on the menu or not). */
static gboolean
services_offered (AhiDb       *db,
                  JsonArray   *items,
                  gboolean    *out_offered,
                  GError     **error)
{
  *out_offered = TRUE;
  for (guint i = 0; *out_offered && i < json_array_get_length (items); i++)
    {
      const char *service_id = string_member (json_array_get_object_element (items, i), "service_id");

      if (service_id != NULL &&
          !exists (db, "SELECT 1 FROM services WHERE service_id = ? AND active", service_id, out_offered, error))
        return FALSE;
    }
  return TRUE;
}

/* The booking a move makes: the moved appointment's services, position
 * by position, at the payload's times with its people and things; its
 * source in *out_source. NULL with error unset when the appointment
 * cannot move as asked (unknown, no longer open, another number of
 * items): the reducer refuses that with its own code. */
static JsonObject *
moved_booking (AhiDb           *db,
               const AhiEvent  *event,
               char           **out_source,
               GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonObject) booking = json_object_new ();
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *status = NULL;
  JsonArray *moved = json_object_get_array_member (event->payload, "items");
  JsonArray *items;
  sqlite3_stmt *stmt;

  stmt = ahi_db_prepare (db, "SELECT status, source FROM appointments WHERE appointment_id = ?", error);
  if (stmt == NULL)
    return NULL;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  if (ahi_db_step_row (db, stmt, &local_error))
    {
      status = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *out_source = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      sqlite3_reset (stmt);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (status == NULL || (!g_str_equal (status, "booked") && !g_str_equal (status, "confirmed")))
    return NULL;

  stmt = ahi_db_prepare (db, "SELECT service_id FROM appointment_items WHERE appointment_id = ? ORDER BY position",
                         error);
  if (stmt == NULL)
    return NULL;
  ahi_db_bind_text (stmt, 1, event->entity_id);
  while (ahi_db_step_row (db, stmt, &local_error))
    g_ptr_array_add (services, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (services->len != json_array_get_length (moved))
    return NULL;

  items = json_array_new ();
  for (guint i = 0; i < services->len; i++)
    {
      JsonObject *from = json_array_get_object_element (moved, i);
      JsonObject *item = json_object_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_set_string_member (item, "service_id", g_ptr_array_index (services, i));
      json_object_iter_init (&iter, from);
      while (json_object_iter_next (&iter, &name, &member))
        json_object_set_member (item, name, json_node_copy (member));
      json_array_add_object_element (items, item);
    }
  json_object_set_array_member (booking, "items", items);
  return g_steal_pointer (&booking);
}

static gint64
first_start (JsonArray *items)
{
  gint64 first = G_MAXINT64;

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      gint64 start = 0;

      if (ahi_time_parse_utc (string_member (json_array_get_object_element (items, i), "starts_at"), &start))
        first = MIN (first, start);
    }
  return first;
}

/* Whether the payload's override lifts the rules of the day for role:
 * owners and managers may book outside them; the desk only seats a
 * walk-in who is there now. Otherwise *out_why says why not (NULL when
 * no override was asked). */
static gboolean
override_allowed (JsonObject  *payload,
                  const char  *role,
                  const char  *source,
                  gint64       start,
                  gint64       now,
                  const char **out_why)
{
  *out_why = NULL;
  if (g_strcmp0 (string_member (payload, AHI_BOOKING_OVERRIDE_MEMBER), AHI_BOOKING_OVERRIDE_OUTSIDE_HOURS) != 0)
    return FALSE;
  if (g_strcmp0 (role, "owner") == 0 || g_strcmp0 (role, "manager") == 0)
    return TRUE;
  if (g_strcmp0 (role, "staff") == 0)
    {
      if (g_strcmp0 (source, "walk_in") == 0 &&
          ABS (start - now) <= AHI_BOOKING_WALK_IN_WINDOW_MIN * 60)
        return TRUE;
      *out_why = "the override is staff's only for a walk-in starting within 15 minutes of now";
      return FALSE;
    }
  *out_why = "only owners and managers may override";
  return FALSE;
}

static void
set_rule_error (GError      **error,
                AhiSlotRule   rule,
                JsonArray    *items,
                guint         index,
                const char   *why)
{
  JsonObject *item = json_array_get_object_element (items, index);
  g_autofree char *detail = NULL;
  int code;

  switch (rule)
    {
    case AHI_SLOT_RULE_OUTSIDE_OPENING:
      code = AHI_STORE_ERROR_OUTSIDE_OPENING_HOURS;
      detail = g_strdup ("The booking is not inside the opening hours of its day, or the business is closed that day");
      break;
    case AHI_SLOT_RULE_STAFF_UNAVAILABLE:
      code = AHI_STORE_ERROR_STAFF_UNAVAILABLE;
      detail = g_strdup_printf ("items[%u]: staff member %s is not working then (hours, break, leave), "
                                "has left, or lacks a skill the service needs", index,
                                string_member (item, "staff_id"));
      break;
    case AHI_SLOT_RULE_RESOURCE_OUT_OF_SERVICE:
    case AHI_SLOT_RULE_OK:
    default:
      code = AHI_STORE_ERROR_RESOURCE_OUT_OF_SERVICE;
      detail = g_strdup_printf ("items[%u]: a resource it holds is out of service", index);
      break;
    }
  if (why != NULL)
    g_set_error (error, AHI_STORE_ERROR, code, "%s (%s)", detail, why);
  else
    g_set_error_literal (error, AHI_STORE_ERROR, code, detail);
}

/* ---------------------------------------------------------- public API */

/* The check; only_busy stops after the double booking. */
static gboolean
check (AhiDb           *db,
       const AhiEvent  *event,
       gboolean         only_busy,
       const char      *role,
       gint64           now,
       GError         **error)
{
  g_autoptr(JsonObject) moved = NULL;
  g_autofree char *moved_source = NULL;
  g_autofree char *conflict = NULL;
  JsonObject *booking;
  JsonArray *items;
  const char *ignore = NULL;
  const char *source;
  const char *why = NULL;
  AhiSlotRule rule = AHI_SLOT_RULE_OK;
  guint index = 0;
  gboolean known = FALSE;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (event != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_str_equal (event->type, "appointment.created"))
    {
      booking = event->payload;
      source = string_member (booking, "source");
    }
  else if (g_str_equal (event->type, "appointment.moved"))
    {
      g_autoptr(GError) local_error = NULL;

      moved = moved_booking (db, event, &moved_source, &local_error);
      if (moved == NULL)
        {
          if (local_error == NULL)
            return TRUE;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      booking = moved;
      source = moved_source;
      /* The appointment's own old times are not in its way. */
      ignore = event->entity_id;
    }
  else
    return TRUE;

  /* Never two bookings of one person or thing at once: no override. Two
   * items of this very booking in each other's way name it. */
  if (json_object_get_member (booking, "items") != NULL &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (booking, "items")) &&
      items_clash (json_object_get_array_member (booking, "items")))
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_RESOURCE_BUSY,
                   BUSY_PREFIX "%s holds one resource or staff member in two of its items at once",
                   event->entity_id);
      return FALSE;
    }
  if (!ahi_slot_query_conflict (db, booking, ignore, &conflict, error))
    return FALSE;
  if (conflict != NULL)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_RESOURCE_BUSY,
                   BUSY_PREFIX "%s holds a resource or staff member of appointment %s at that time",
                   conflict, event->entity_id);
      return FALSE;
    }
  if (only_busy)
    return TRUE;

  items = json_object_get_array_member (booking, "items");
  if (!references_known (db, items, &known, error))
    return FALSE;
  if (!known)
    return TRUE;
  if (moved == NULL)
    {
      gboolean offered = FALSE;

      if (!services_offered (db, items, &offered, error))
        return FALSE;
      if (!offered)
        {
          g_set_error_literal (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE,
                               "A service of this booking is off the menu: the slots route would not offer it");
          return FALSE;
        }
    }

  if (!ahi_slot_query_rules (db, booking, &rule, &index, error))
    return FALSE;
  if (rule == AHI_SLOT_RULE_OK ||
      override_allowed (event->payload, role, source, first_start (items), now, &why))
    return TRUE;

  set_rule_error (error, rule, items, index, why);
  return FALSE;
}

gboolean
ahi_booking_check (AhiDb           *db,
                   const AhiEvent  *event,
                   const char      *role,
                   gint64           now,
                   GError         **error)
{
  return check (db, event, FALSE, role, now, error);
}

gboolean
ahi_booking_check_busy (AhiDb           *db,
                        const AhiEvent  *event,
                        GError         **error)
{
  return check (db, event, TRUE, NULL, 0, error);
}

gboolean
ahi_booking_store_check (AhiStore        *store,
                         const AhiEvent  *event,
                         gpointer         data,
                         GError         **error)
{
  const AhiBookingActor *actor = data;

  if (actor != NULL)
    return ahi_booking_check (ahi_store_get_db (store), event, actor->role, actor->now, error);
  return ahi_booking_check_busy (ahi_store_get_db (store), event, error);
}

char *
ahi_booking_error_conflict_id (const GError *error)
{
  g_autofree char *id = NULL;

  if (error == NULL || !g_error_matches (error, AHI_STORE_ERROR, AHI_STORE_ERROR_RESOURCE_BUSY) ||
      !g_str_has_prefix (error->message, BUSY_PREFIX) ||
      strlen (error->message) < strlen (BUSY_PREFIX) + ID_LENGTH)
    return NULL;

  id = g_strndup (error->message + strlen (BUSY_PREFIX), ID_LENGTH);
  return ahi_id_is_valid (id) ? g_steal_pointer (&id) : NULL;
}
