/* ahi-visit-routes.c — appointments, services, slots, waitlist, closures, reminders, reviews, ops alerts
 *
 * Reads answer from the store's queries (the same ones the app uses);
 * every write is an event appended through the store's one write path.
 * docs/api-visits.md documents each route and who may call it.
 *
 * A write's body holds the event's payload members, plus two optional
 * ids: "event_id" and the entity's id ("appointment_id", "entry_id"…).
 * A client that sends them can retry safely: the log holds each event id
 * once, so a retry changes nothing and gets the entity back (200), and
 * the same id with another body is 409 id_reused (ahi_route_append). The
 * body's members go into the payload as they are, and the event codec
 * judges them, so the API refuses exactly what the event contract
 * refuses: unknown members, wrong types, bad ids, bad times.
 */
#include "ahi-routes-private.h"

#include "ahi-server-error.h"
#include "ahi-server.h"
#include "core/ahi-id.h"
#include "core/ahi-time.h"
#include "store/query/ahi-appointment-query.h"
#include "store/query/ahi-desk-lists.h"
#include "store/query/ahi-service-query.h"
#include "store/engine/ahi-booking-check.h"
#include "store/engine/ahi-slot-query.h"
#include "store/ahi-store-error.h"

/* One appointment books at most this many services (the catalogue's
 * bound on items), so a slot search asks for no more. */
#define MAX_SLOT_SERVICES 10

/* A write's target: the event type, the member that may carry the
 * entity's id in a creating body, and how the answer names the entity. */
typedef struct {
  const char   *type;
  const char   *id_member;   /* NULL: the id comes from the path */
  const char   *answer_member;
  /* Fills in what a form need not repeat, before the append; may be NULL. */
  gboolean    (*complete) (AhiDb *db, AhiEvent *event, GError **error);
  /* The entity as the answer shows it, read back after the append; NULL:
   * the answer is the event alone (a lifted closure leaves no row). */
  AhiRouteRead  read;
} Write;

/* ------------------------------------------------------------- helpers */

static gboolean
fail (GError     **error,
      GQuark       domain,
      int          code,
      const char  *message)
{
  g_set_error_literal (error, domain, code, message);
  return FALSE;
}

/* Errors as the one table maps them; a double booking also names the
 * appointment in the way, as the push route does. */
static void
respond_error (AhiRequest   *request,
               const GError *error)
{
  g_autofree char *conflict = ahi_booking_error_conflict_id (error);
  g_autoptr(JsonObject) object = NULL;
  JsonObject *inner;

  if (conflict == NULL)
    {
      ahi_request_respond_error (request, error);
      return;
    }
  object = json_object_new ();
  inner = json_object_new ();
  json_object_set_string_member (inner, "code", ahi_server_error_code (error));
  json_object_set_string_member (inner, "message", error->message);
  json_object_set_string_member (inner, "conflict_id", conflict);
  json_object_set_object_member (object, "error", inner);
  ahi_route_respond_object (request, ahi_server_error_status (error), object);
}

/* One write: the event from the request's body (a DELETE, which has
 * none, from its query string: query_member, or fallback when absent),
 * completed, appended, and answered with the entity as it is now.
 * path_index > 0 takes the entity's id from the path (a change: 200),
 * else the body may name it (a creation: 201, or 200 for a retry the log
 * held already). */
static void
write_entity (AhiRequest  *request,
              const Write *write,
              guint        path_index,
              const char  *query_member,
              const char  *fallback)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(AhiEvent) event = NULL;
  g_autoptr(JsonObject) entity = NULL;
  const char *id = NULL;
  gboolean duplicate = FALSE;
  AhiBookingActor actor = { request->role, ahi_server_now (request->server) };
  AhiStore *store;

  if (path_index > 0 && !ahi_route_path_entity (request, path_index, write->answer_member, &id, &error))
    goto fail;
  if (query_member != NULL)
    {
      const char *value = ahi_request_query (request, query_member);

      if (value == NULL)
        value = fallback;
      body = json_object_new ();
      if (value != NULL)
        json_object_set_string_member (body, query_member, value);
    }
  else if ((body = ahi_request_read_json (request, &error)) == NULL)
    goto fail;

  /* A booking or a move is judged inside the append's transaction by the
   * check a pushed one meets too, for the caller's role at the server's
   * time (ahi-booking-check.h). */
  if ((store = ahi_route_tenant_store (request, &error)) == NULL ||
      (event = ahi_route_event_from_body (request, store, write->type, write->id_member, id, body, &error)) == NULL ||
      (write->complete != NULL && !write->complete (ahi_store_get_db (store), event, &error)) ||
      !ahi_route_append_checked (store, event, ahi_booking_store_check, &actor, &duplicate, &error))
    goto fail;
  if (write->read != NULL && (entity = write->read (ahi_store_get_db (store), event->entity_id, &error)) == NULL)
    goto fail;
  ahi_route_respond_written (request, id == NULL, duplicate, event, write->answer_member, entity);
  return;

fail:
  respond_error (request, error);
}

/* -------------------------------------------------------- appointments */

static JsonObject *
read_appointment (AhiDb       *db,
                  const char  *appointment_id,
                  GError     **error)
{
  g_autoptr(AhiAppointment) appointment = ahi_appointment_query_get (db, appointment_id, error);

  return appointment != NULL ? ahi_appointment_to_json (appointment) : NULL;
}

static void
handle_appointments (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  const char *staff_id = NULL, *resource_id = NULL;
  gint64 from = 0, to = 0;
  AhiStore *store;

  if (!ahi_route_query_time (request, "from", &from, &error) ||
      !ahi_route_query_time (request, "to", &to, &error) ||
      !ahi_route_query_id (request, "staff", &staff_id, &error) ||
      !ahi_route_query_id (request, "resource", &resource_id, &error) ||
      (store = ahi_route_tenant_store (request, &error)) == NULL ||
      (list = ahi_appointment_query_range (ahi_store_get_db (store), from, to, staff_id, resource_id, &error)) == NULL)
    {
      ahi_request_respond_error (request, error);
      return;
    }
  ahi_route_respond_list (request, "appointments", list, (AhiRouteToJson) ahi_appointment_to_json);
}

static void
handle_appointment (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  const char *id;
  AhiStore *store;

  if (!ahi_route_path_entity (request, 1, "appointment", &id, &error) ||
      (store = ahi_route_tenant_store (request, &error)) == NULL)
    {
      ahi_request_respond_error (request, error);
      return;
    }
  ahi_route_respond_read (request, store, 200, id, read_appointment);
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Fills what a booking form need not repeat: an item's end from its
 * service's duration, its price from the menu, the appointment's start
 * and end from its items, the source ("desk"). Members of the wrong shape
 * are left for the codec to refuse; an item naming a service this
 * business does not have is an invalid reference. */
static gboolean
complete_booking (AhiDb       *db,
                  AhiEvent    *event,
                  GError     **error)
{
  JsonObject *payload = event->payload;
  JsonNode *node = json_object_get_member (payload, "items");
  JsonArray *items;
  guint n;

  if (!json_object_has_member (payload, "source"))
    json_object_set_string_member (payload, "source", "desk");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return TRUE;
  items = json_node_get_array (node);
  n = json_array_get_length (items);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (items, i);
      JsonObject *item;
      const char *service_id, *starts;
      g_autoptr(AhiService) service = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 start = 0;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      item = json_node_get_object (element);
      service_id = string_member (item, "service_id");
      if (service_id == NULL || !ahi_id_is_valid (service_id) ||
          (json_object_has_member (item, "ends_at") && json_object_has_member (item, "price_minor")))
        continue;

      service = ahi_service_query_get (db, service_id, &local_error);
      if (service == NULL)
        {
          if (g_error_matches (local_error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND))
            g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_REFERENCE,
                         "items[%u].service_id: no service with id %s", i, service_id);
          else
            g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      starts = string_member (item, "starts_at");
      if (!json_object_has_member (item, "ends_at") && starts != NULL && ahi_time_parse_utc (starts, &start))
        {
          g_autofree char *ends = ahi_time_format_utc (start + (gint64) service->duration_min * 60);
          json_object_set_string_member (item, "ends_at", ends);
        }
      if (!json_object_has_member (item, "price_minor"))
        json_object_set_int_member (item, "price_minor", service->price_minor);
    }

  if (n > 0 && JSON_NODE_HOLDS_OBJECT (json_array_get_element (items, 0)) &&
      JSON_NODE_HOLDS_OBJECT (json_array_get_element (items, n - 1)))
    {
      const char *first = string_member (json_array_get_object_element (items, 0), "starts_at");
      const char *last = string_member (json_array_get_object_element (items, n - 1), "ends_at");

      if (!json_object_has_member (payload, "starts_at") && first != NULL)
        json_object_set_string_member (payload, "starts_at", first);
      if (!json_object_has_member (payload, "ends_at") && last != NULL)
        json_object_set_string_member (payload, "ends_at", last);
    }
  return TRUE;
}

/* Fills what a move form need not repeat, from the appointment as it
 * is: with only a new "starts_at", every item keeps its length and the
 * gaps between them, and its person and things; an item of "items" may
 * name its new staff_id, resource_ids or times, the rest staying. The
 * appointment's start and end follow from its items. Members of the
 * wrong shape are left for the codec to refuse. */
static gboolean
complete_move (AhiDb       *db,
               AhiEvent    *event,
               GError     **error)
{
  JsonObject *payload = event->payload;
  g_autoptr(AhiAppointment) appointment = ahi_appointment_query_get (db, event->entity_id, error);
  const char *starts = string_member (payload, "starts_at");
  JsonNode *node = json_object_get_member (payload, "items");
  JsonArray *items;
  gint64 start = 0;
  gint64 shift = 0;
  guint n;

  if (appointment == NULL)
    return FALSE;
  if (starts != NULL && ahi_time_parse_utc (starts, &start))
    shift = start - appointment->starts_at;
  if (node == NULL)
    {
      json_object_set_array_member (payload, "items", json_array_new ());
      node = json_object_get_member (payload, "items");
    }
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return TRUE;
  items = json_node_get_array (node);
  /* An empty list means "as they are"; a list of another length is the
   * reducer's to refuse. */
  if (json_array_get_length (items) == 0)
    for (guint i = 0; i < appointment->items->len; i++)
      json_array_add_object_element (items, json_object_new ());
  n = json_array_get_length (items);

  for (guint i = 0; i < n && i < appointment->items->len; i++)
    {
      const AhiAppointmentItem *was = g_ptr_array_index (appointment->items, i);
      JsonNode *element = json_array_get_element (items, i);
      JsonObject *item;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      item = json_node_get_object (element);
      if (!json_object_has_member (item, "starts_at"))
        {
          g_autofree char *text = ahi_time_format_utc (was->starts_at + shift);
          json_object_set_string_member (item, "starts_at", text);
        }
      if (!json_object_has_member (item, "ends_at"))
        {
          g_autofree char *text = ahi_time_format_utc (was->ends_at + shift);
          json_object_set_string_member (item, "ends_at", text);
        }
      if (!json_object_has_member (item, "staff_id") && was->staff_id != NULL)
        json_object_set_string_member (item, "staff_id", was->staff_id);
      if (!json_object_has_member (item, "resource_ids") && was->resource_ids[0] != NULL)
        ahi_route_set_strv (item, "resource_ids", was->resource_ids);
    }

  if (n > 0 && JSON_NODE_HOLDS_OBJECT (json_array_get_element (items, 0)) &&
      JSON_NODE_HOLDS_OBJECT (json_array_get_element (items, n - 1)))
    {
      const char *first = string_member (json_array_get_object_element (items, 0), "starts_at");
      const char *last = string_member (json_array_get_object_element (items, n - 1), "ends_at");

      if (!json_object_has_member (payload, "starts_at") && first != NULL)
        json_object_set_string_member (payload, "starts_at", first);
      if (!json_object_has_member (payload, "ends_at") && last != NULL)
        json_object_set_string_member (payload, "ends_at", last);
    }
  return TRUE;
}

static const Write appointment_created = { "appointment.created", "appointment_id", "appointment",
                                           complete_booking, read_appointment };
/* A move: the appointment is the path's; what the body leaves out stays
 * as it is (complete_move), and the booking check judges the result. */
static const Write appointment_moved = { "appointment.moved", NULL, "appointment", complete_move, read_appointment };
/* Cancel and status: the appointment is the path's; the reducer decides
 * which changes its state allows (docs/api-visits.md). */
static const Write appointment_cancelled = { "appointment.cancelled", NULL, "appointment", NULL, read_appointment };
static const Write appointment_status = { "appointment.status.updated", NULL, "appointment", NULL, read_appointment };

static void handle_book (AhiRequest *r)   { write_entity (r, &appointment_created, 0, NULL, NULL); }
static void handle_move (AhiRequest *r)   { write_entity (r, &appointment_moved, 1, NULL, NULL); }
static void handle_cancel (AhiRequest *r) { write_entity (r, &appointment_cancelled, 1, NULL, NULL); }
static void handle_status (AhiRequest *r) { write_entity (r, &appointment_status, 1, NULL, NULL); }

/* ------------------------------------------------------------ services */

static JsonObject *
read_service (AhiDb       *db,
              const char  *service_id,
              GError     **error)
{
  g_autoptr(AhiService) service = ahi_service_query_get (db, service_id, error);

  return service != NULL ? ahi_service_to_json (service) : NULL;
}

static void
handle_services (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gboolean all = FALSE;
  AhiStore *store;

  if (!ahi_route_query_bool (request, "include_inactive", &all, &error) ||
      (store = ahi_route_tenant_store (request, &error)) == NULL ||
      (list = ahi_service_query_list (ahi_store_get_db (store), all, &error)) == NULL)
    {
      ahi_request_respond_error (request, error);
      return;
    }
  ahi_route_respond_list (request, "services", list, (AhiRouteToJson) ahi_service_to_json);
}

static const Write service_created = { "service.created", "service_id", "service", NULL, read_service };
static const Write service_updated = { "service.updated", NULL, "service", NULL, read_service };

static void handle_service_create (AhiRequest *r) { write_entity (r, &service_created, 0, NULL, NULL); }
static void handle_service_update (AhiRequest *r) { write_entity (r, &service_updated, 1, NULL, NULL); }

/* --------------------------------------------------------------- slots */

static JsonObject *
slot_to_json (const AhiSlot *slot)
{
  JsonObject *object = json_object_new ();
  JsonArray *items = json_array_new ();
  g_autofree char *starts = ahi_time_format_utc (slot->starts_at);
  g_autofree char *ends = ahi_time_format_utc (slot->ends_at);

  json_object_set_string_member (object, "starts_at", starts);
  json_object_set_string_member (object, "ends_at", ends);
  for (guint i = 0; i < slot->n_items; i++)
    {
      const AhiSlotItem *item = &slot->items[i];
      JsonObject *member = json_object_new ();
      g_autofree char *item_starts = ahi_time_format_utc (item->starts_at);
      g_autofree char *item_ends = ahi_time_format_utc (item->ends_at);

      json_object_set_string_member (member, "service_id", item->service_id);
      json_object_set_string_member (member, "starts_at", item_starts);
      json_object_set_string_member (member, "ends_at", item_ends);
      if (item->staff_id != NULL)
        json_object_set_string_member (member, "staff_id", item->staff_id);
      ahi_route_set_strv (member, "resource_ids", item->resource_ids);
      json_array_add_object_element (items, member);
    }
  json_object_set_array_member (object, "items", items);
  return object;
}

/* GET slots?date=YYYY-MM-DD&service=ID[,ID…]: the free starts of that
 * local day for those services booked one after the other, from now on
 * (a past day has none). */
static void
handle_slots (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_auto(GStrv) services = NULL;
  const char *date = ahi_request_query (request, "date");
  const char *service = ahi_request_query (request, "service");
  int year = 0, month = 0, day = 0;
  AhiStore *store;
  JsonArray *array;

  if (date == NULL || !ahi_date_parse (date, &year, &month, &day))
    {
      fail (&error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST, "date: a local date like 2026-12-07");
      goto fail;
    }
  services = g_strsplit (service != NULL ? service : "", ",", -1);
  if (g_strv_length (services) == 0 || g_strv_length (services) > MAX_SLOT_SERVICES)
    {
      fail (&error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST, "service: one to ten service ids, comma-separated");
      goto fail;
    }
  for (guint i = 0; services[i] != NULL; i++)
    if (!ahi_id_is_valid (services[i]))
      {
        fail (&error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST, "service: not an id");
        goto fail;
      }

  if ((store = ahi_route_tenant_store (request, &error)) == NULL ||
      (slots = ahi_slot_query_day (ahi_store_get_db (store), (const char * const *) services, year, month, day,
                                   ahi_server_now (request->server), &error)) == NULL)
    goto fail;

  object = json_object_new ();
  json_object_set_string_member (object, "date", date);
  array = json_array_new ();
  for (guint i = 0; services[i] != NULL; i++)
    json_array_add_string_element (array, services[i]);
  json_object_set_array_member (object, "service_ids", array);
  array = json_array_new ();
  for (guint i = 0; i < slots->len; i++)
    json_array_add_object_element (array, slot_to_json (g_ptr_array_index (slots, i)));
  json_object_set_array_member (object, "slots", array);
  ahi_route_respond_object (request, 200, object);
  return;

fail:
  ahi_request_respond_error (request, error);
}

/* -------------------------------------------- the desk's smaller lists */

/* GET of a list: ?all=true (waitlist, alerts), ?status= (reminders),
 * ?limit= (every list). */
static void
respond_list (AhiRequest  *request,
              AhiDeskList  list,
              const char  *member)
{
  static const char * const statuses[] = { "queued", "sent", "failed", "completed", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) rows = NULL;
  g_autoptr(JsonObject) object = NULL;
  AhiDeskFilter filter = { 0 };
  guint64 limit = 0;
  AhiStore *store;

  filter.status = ahi_request_query (request, "status");
  if (filter.status != NULL && (list != AHI_DESK_REMINDERS || !g_strv_contains (statuses, filter.status)))
    fail (&error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST, "status: queued, sent, failed or completed");

  if (error == NULL && ahi_route_query_bool (request, "all", &filter.include_closed, &error) &&
      ahi_route_query_uint (request, "limit", 1, AHI_DESK_LIST_MAX_LIMIT, AHI_DESK_LIST_DEFAULT_LIMIT, &limit, &error))
    filter.limit = limit;
  if (error != NULL ||
      (store = ahi_route_tenant_store (request, &error)) == NULL ||
      (rows = ahi_desk_list (ahi_store_get_db (store), list, &filter, &error)) == NULL)
    {
      ahi_request_respond_error (request, error);
      return;
    }
  object = json_object_new ();
  json_object_set_array_member (object, member, g_steal_pointer (&rows));
  ahi_route_respond_object (request, 200, object);
}

static JsonObject *read_entry (AhiDb *db, const char *id, GError **e)    { return ahi_desk_get (db, AHI_DESK_WAITLIST, id, e); }
static JsonObject *read_closure (AhiDb *db, const char *id, GError **e)  { return ahi_desk_get (db, AHI_DESK_CLOSURES, id, e); }
static JsonObject *read_reminder (AhiDb *db, const char *id, GError **e) { return ahi_desk_get (db, AHI_DESK_REMINDERS, id, e); }
static JsonObject *read_review (AhiDb *db, const char *id, GError **e)   { return ahi_desk_get (db, AHI_DESK_REVIEWS, id, e); }
static JsonObject *read_alert (AhiDb *db, const char *id, GError **e)    { return ahi_desk_get (db, AHI_DESK_ALERTS, id, e); }

static const Write waitlist_added = { "waitlist.entry.added", "entry_id", "entry", NULL, read_entry };
static const Write waitlist_removed = { "waitlist.entry.removed", NULL, "entry", NULL, read_entry };
static const Write closure_added = { "business.closure.added", "closure_id", "closure", NULL, read_closure };
static const Write closure_removed = { "business.closure.removed", NULL, "closure", NULL, NULL };
static const Write reminder_created = { "reminder.created", "reminder_id", "reminder", NULL, read_reminder };
static const Write review_received = { "review.received", "review_id", "review", NULL, read_review };
static const Write alert_raised = { "ops.alert.raised", "alert_id", "alert", NULL, read_alert };
static const Write alert_resolved = { "ops.alert.resolved", NULL, "alert", NULL, read_alert };

/* A DELETE has no body: its reason comes from the query string. */
static void handle_waitlist (AhiRequest *r)        { respond_list (r, AHI_DESK_WAITLIST, "entries"); }
static void handle_waitlist_add (AhiRequest *r)    { write_entity (r, &waitlist_added, 0, NULL, NULL); }
static void handle_waitlist_remove (AhiRequest *r) { write_entity (r, &waitlist_removed, 1, "reason", "withdrawn"); }
static void handle_closures (AhiRequest *r)        { respond_list (r, AHI_DESK_CLOSURES, "closures"); }
static void handle_closure_add (AhiRequest *r)     { write_entity (r, &closure_added, 0, NULL, NULL); }
static void handle_closure_remove (AhiRequest *r)  { write_entity (r, &closure_removed, 1, "reason", NULL); }
static void handle_reminders (AhiRequest *r)       { respond_list (r, AHI_DESK_REMINDERS, "reminders"); }
static void handle_reminder_create (AhiRequest *r) { write_entity (r, &reminder_created, 0, NULL, NULL); }
static void handle_reviews (AhiRequest *r)         { respond_list (r, AHI_DESK_REVIEWS, "reviews"); }
static void handle_review_receive (AhiRequest *r)  { write_entity (r, &review_received, 0, NULL, NULL); }
static void handle_alerts (AhiRequest *r)          { respond_list (r, AHI_DESK_ALERTS, "alerts"); }
static void handle_alert_raise (AhiRequest *r)     { write_entity (r, &alert_raised, 0, NULL, NULL); }
static void handle_alert_resolve (AhiRequest *r)   { write_entity (r, &alert_resolved, 1, NULL, NULL); }

/* --------------------------------------------------------------- table */

/* Who may (docs/api-visits.md): the front desk books, moves and reads
 * everything of the day; the menu (services), the days the business is
 * closed and the record of reviews are the owner's and managers'. */
static const AhiRoute visit_routes[] = {
  { "GET", "/api/tenant/*/appointments", AHI_AUTH_TENANT, ahi_roles_everyone, handle_appointments },
  { "POST", "/api/tenant/*/appointments", AHI_AUTH_TENANT, ahi_roles_everyone, handle_book },
  { "GET", "/api/tenant/*/appointments/*", AHI_AUTH_TENANT, ahi_roles_everyone, handle_appointment },
  { "POST", "/api/tenant/*/appointments/*/move", AHI_AUTH_TENANT, ahi_roles_everyone, handle_move },
  { "POST", "/api/tenant/*/appointments/*/cancel", AHI_AUTH_TENANT, ahi_roles_everyone, handle_cancel },
  { "POST", "/api/tenant/*/appointments/*/status", AHI_AUTH_TENANT, ahi_roles_everyone, handle_status },
  { "GET", "/api/tenant/*/services", AHI_AUTH_TENANT, ahi_roles_everyone, handle_services },
  { "POST", "/api/tenant/*/services", AHI_AUTH_TENANT, ahi_roles_managers, handle_service_create },
  { "PATCH", "/api/tenant/*/services/*", AHI_AUTH_TENANT, ahi_roles_managers, handle_service_update },
  { "GET", "/api/tenant/*/slots", AHI_AUTH_TENANT, ahi_roles_everyone, handle_slots },
  { "GET", "/api/tenant/*/waitlist", AHI_AUTH_TENANT, ahi_roles_everyone, handle_waitlist },
  { "POST", "/api/tenant/*/waitlist", AHI_AUTH_TENANT, ahi_roles_everyone, handle_waitlist_add },
  { "DELETE", "/api/tenant/*/waitlist/*", AHI_AUTH_TENANT, ahi_roles_everyone, handle_waitlist_remove },
  { "GET", "/api/tenant/*/closures", AHI_AUTH_TENANT, ahi_roles_everyone, handle_closures },
  { "POST", "/api/tenant/*/closures", AHI_AUTH_TENANT, ahi_roles_managers, handle_closure_add },
  { "DELETE", "/api/tenant/*/closures/*", AHI_AUTH_TENANT, ahi_roles_managers, handle_closure_remove },
  { "GET", "/api/tenant/*/reminders", AHI_AUTH_TENANT, ahi_roles_everyone, handle_reminders },
  { "POST", "/api/tenant/*/reminders", AHI_AUTH_TENANT, ahi_roles_everyone, handle_reminder_create },
  { "GET", "/api/tenant/*/reviews", AHI_AUTH_TENANT, ahi_roles_everyone, handle_reviews },
  { "POST", "/api/tenant/*/reviews", AHI_AUTH_TENANT, ahi_roles_managers, handle_review_receive },
  { "GET", "/api/tenant/*/ops-alerts", AHI_AUTH_TENANT, ahi_roles_everyone, handle_alerts },
  { "POST", "/api/tenant/*/ops-alerts", AHI_AUTH_TENANT, ahi_roles_everyone, handle_alert_raise },
  { "POST", "/api/tenant/*/ops-alerts/*/resolve", AHI_AUTH_TENANT, ahi_roles_everyone, handle_alert_resolve },
};

const AhiRoute *
ahi_visit_routes (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (visit_routes);
  return visit_routes;
}
