/* ahi-staff-routes.c — the staff members and their weekly hours
 *
 * Everyone at the desk reads the staff (the calendar's columns); the
 * owner and managers add, change and schedule them. A PIN hash is never
 * taken from a request nor given in an answer.
 */
#include "ahi-people-private.h"

#include "store/query/ahi-staff-query.h"

static const char * const not_from_clients[] = { "pin_hash", NULL };

static const AhiPeopleWrite staff_created = { "staff.created", "staff_id", NULL, NULL, "staff" };
static const AhiPeopleWrite staff_updated = { "staff.updated", NULL, not_from_clients, NULL, "staff" };
static const AhiPeopleWrite staff_hours_set = { "staff.hours.set", NULL, NULL, NULL, "staff" };

static void
set_clock (JsonObject *object,
           const char *name,
           guint       minutes)
{
  g_autofree char *text = g_strdup_printf ("%02u:%02u", minutes / 60, minutes % 60);
  json_object_set_string_member (object, name, text);
}

static JsonObject *
member_to_json (const AhiStaffMember *member)
{
  JsonObject *object = json_object_new ();
  JsonArray *hours = json_array_new ();

  json_object_set_string_member (object, "staff_id", member->staff_id);
  json_object_set_string_member (object, "display_name", member->display_name);
  json_object_set_string_member (object, "role", member->role);
  ahi_route_set_strv (object, "skills", member->skills);
  json_object_set_boolean_member (object, "active", member->active);
  for (guint i = 0; i < member->hours->len; i++)
    {
      const AhiStaffInterval *interval = &g_array_index (member->hours, AhiStaffInterval, i);
      JsonObject *item = json_object_new ();

      json_object_set_int_member (item, "weekday", interval->weekday);
      set_clock (item, "starts", interval->starts_min);
      set_clock (item, "ends", interval->ends_min);
      json_array_add_object_element (hours, item);
    }
  json_object_set_array_member (object, "hours", hours);
  ahi_route_set_time (object, "created_at", member->created_at);
  ahi_route_set_time (object, "updated_at", member->updated_at);
  return object;
}

static JsonObject *
read_member (AhiDb       *db,
             const char  *staff_id,
             GError     **error)
{
  g_autoptr(AhiStaffMember) member = ahi_staff_query_get (db, staff_id, error);

  return member != NULL ? member_to_json (member) : NULL;
}

void
ahi_people_staff_list (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = NULL;
  gboolean inactive = FALSE;
  AhiStore *store;

  if (!ahi_route_query_bool (request, "inactive", &inactive, &error) ||
      (store = ahi_route_tenant_store (request, &error)) == NULL ||
      (members = ahi_staff_query_list (ahi_store_get_db (store), inactive, &error)) == NULL)
    {
      ahi_request_respond_error (request, error);
      return;
    }
  ahi_route_respond_list (request, "staff", members, (AhiRouteToJson) member_to_json);
}

void
ahi_people_staff_create (AhiRequest *request)
{
  ahi_people_create (request, &staff_created, read_member);
}

/* A change of an existing member: the update or the weekly hours. */
static void
change_member (AhiRequest           *request,
               const AhiPeopleWrite *write)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(AhiStaffMember) member = NULL;
  const char *staff_id;
  AhiStore *store;

  if (!ahi_route_path_entity (request, 1, "staff member", &staff_id, &error) ||
      (body = ahi_route_read_body (request, FALSE, &error)) == NULL ||
      (store = ahi_route_tenant_store (request, &error)) == NULL ||
      (member = ahi_staff_query_get (ahi_store_get_db (store), staff_id, &error)) == NULL)
    {
      ahi_request_respond_error (request, error);
      return;
    }
  ahi_people_write (request, store, write, staff_id, body, read_member);
}

void
ahi_people_staff_update (AhiRequest *request)
{
  change_member (request, &staff_updated);
}

void
ahi_people_staff_hours_set (AhiRequest *request)
{
  change_member (request, &staff_hours_set);
}
