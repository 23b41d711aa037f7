/* ahi-people-routes.c — customers, vehicles, treatment plans, staff, notes
 *
 * Reads answer from the store's queries (the same ones the app uses);
 * every write is an event appended through the store's one write path.
 * This file holds the customers and their notes, and the area's route
 * table; vehicles and plans are in ahi-people-records-routes.c, staff in
 * ahi-staff-routes.c (docs/api-people.md documents them all).
 */
#include "ahi-people-private.h"

#include "ahi-server-error.h"
#include "ahi-server.h"
#include "core/ahi-id.h"
#include "store/query/ahi-customer-query.h"
#include "store/query/ahi-customer-search.h"
#include "store/ahi-health-audit.h"

#define CUSTOMERS_DEFAULT_LIMIT 20
#define CUSTOMERS_MAX_LIMIT     200

static const char * const from_path_customer[] = { "customer_id", NULL };

static const AhiPeopleWrite customer_created = { "customer.created", "customer_id", NULL, "customer", "customer" };
static const AhiPeopleWrite customer_updated = { "customer.updated", NULL, NULL, NULL, "customer" };
static const AhiPeopleWrite customer_erased = { "customer.erased", NULL, NULL, NULL, "customer" };
static const AhiPeopleWrite note_created = { "crm.note.created", "note_id", from_path_customer, NULL, "note" };

/* ---------------------------------------------------------------- JSON */

static JsonObject *
customer_to_json (const AhiCustomer *customer)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "customer_id", customer->customer_id);
  ahi_route_set_string (object, "full_name", customer->full_name);
  ahi_route_set_string (object, "phone", customer->phone);
  ahi_route_set_string (object, "email", customer->email);
  ahi_route_set_string (object, "birth_date", customer->birth_date);
  ahi_route_set_string (object, "city", customer->city);
  ahi_route_set_string (object, "source", customer->source);
  ahi_route_set_strv (object, "tags", customer->tags);
  ahi_route_set_time (object, "created_at", customer->created_at);
  ahi_route_set_time (object, "updated_at", customer->updated_at);
  ahi_route_set_time (object, "erased_at", customer->erased_at);
  json_object_set_int_member (object, "completed_visits", customer->completed_visits);
  json_object_set_int_member (object, "no_shows", customer->no_shows);
  ahi_route_set_time (object, "last_completed_at", customer->last_completed_at);
  ahi_route_set_time (object, "next_start_at", customer->next_start_at);
  return object;
}

static JsonObject *
note_to_json (const AhiNote *note)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "note_id", note->note_id);
  json_object_set_string_member (object, "customer_id", note->customer_id);
  json_object_set_string_member (object, "kind", note->kind);
  ahi_route_set_string (object, "text", note->text);
  json_object_set_string_member (object, "created_by", note->created_by);
  ahi_route_set_time (object, "created_at", note->created_at);
  return object;
}

static JsonObject *
read_customer (AhiDb       *db,
               const char  *customer_id,
               GError     **error)
{
  g_autoptr(AhiCustomer) customer = ahi_customer_query_get (db, customer_id, error);

  return customer != NULL ? customer_to_json (customer) : NULL;
}

/* ----------------------------------------------------------- customers */

/* Type-ahead search (docs/search.md): the best hits, no paging. */
static void
respond_search (AhiRequest *request,
                AhiStore   *store,
                const char *q,
                guint       limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = ahi_customer_search (ahi_store_get_db (store), q, limit, &error);
  g_autoptr(JsonObject) object = NULL;
  JsonArray *array;

  if (hits == NULL)
    {
      ahi_request_respond_error (request, error);
      return;
    }

  object = json_object_new ();
  array = json_array_new ();
  for (guint i = 0; i < hits->len; i++)
    {
      AhiCustomerHit *hit = g_ptr_array_index (hits, i);
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "customer_id", hit->customer_id);
      json_object_set_string_member (item, "full_name", hit->full_name);
      if (hit->phone != NULL)
        json_object_set_string_member (item, "phone", hit->phone);
      json_array_add_object_element (array, item);
    }
  json_object_set_array_member (object, "customers", array);
  ahi_route_respond_object (request, 200, object);
}

static void
handle_customers (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(JsonObject) object = NULL;
  const char *q = ahi_request_query (request, "q");
  const char *after = ahi_request_query (request, "after");
  gboolean has_more = FALSE;
  guint64 limit = 0;
  AhiStore *store;

  if (!ahi_route_query_uint (request, "limit", 1, CUSTOMERS_MAX_LIMIT, CUSTOMERS_DEFAULT_LIMIT, &limit, &error))
    goto fail;
  if (q != NULL && after != NULL)
    {
      g_set_error (&error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST,
                   "after: pages the list; a search (q) answers its best hits in one page");
      goto fail;
    }
  /* The cursor is the last customer id of the previous page. */
  if (after != NULL && !ahi_id_is_valid (after))
    {
      g_set_error (&error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST,
                   "after: the customer_id that ended the previous page");
      goto fail;
    }
  if ((store = ahi_route_tenant_store (request, &error)) == NULL)
    goto fail;
  if (q != NULL)
    {
      respond_search (request, store, q, limit);
      return;
    }

  page = ahi_customer_query_list (ahi_store_get_db (store), after, limit, &has_more, &error);
  if (page == NULL)
    goto fail;
  object = json_object_new ();
  json_object_set_array_member (object, "customers", ahi_route_array_of (page, (AhiRouteToJson) customer_to_json));
  json_object_set_boolean_member (object, "has_more", has_more);
  ahi_route_set_string (object, "next_after",
                         has_more ? ((AhiCustomer *) g_ptr_array_index (page, page->len - 1))->customer_id : NULL);
  ahi_route_respond_object (request, 200, object);
  return;

fail:
  ahi_request_respond_error (request, error);
}

static void
handle_customer_get (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  const char *customer_id;
  AhiStore *store;

  if (!ahi_route_path_entity (request, 1, "customer", &customer_id, &error) ||
      (store = ahi_route_tenant_store (request, &error)) == NULL)
    {
      ahi_request_respond_error (request, error);
      return;
    }
  ahi_route_respond_read (request, store, 200, customer_id, read_customer);
}

static void
handle_customer_create (AhiRequest *request)
{
  ahi_people_create (request, &customer_created, read_customer);
}

/* An update or the erasure of a live customer. */
static void
change_customer (AhiRequest           *request,
                 const AhiPeopleWrite *write)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  const char *customer_id;
  AhiStore *store;

  if (!ahi_route_path_entity (request, 1, "customer", &customer_id, &error) ||
      (body = ahi_route_read_body (request, FALSE, &error)) == NULL ||
      (store = ahi_route_tenant_store (request, &error)) == NULL ||
      !ahi_people_require_live_customer (store, customer_id, &error))
    {
      ahi_request_respond_error (request, error);
      return;
    }
  ahi_people_write (request, store, write, customer_id, body, read_customer);
}

static void
handle_customer_update (AhiRequest *request)
{
  change_customer (request, &customer_updated);
}

static void
handle_customer_erase (AhiRequest *request)
{
  change_customer (request, &customer_erased);
}

/* --------------------------------------------------------------- notes */

/* In healthcare mode an answer holding a patient's health notes is a
 * read the clinic must be able to show (KVKK md. 6): recorded before the
 * answer goes, and no answer when it cannot be recorded. */
static gboolean
audit_health_read (AhiRequest  *request,
                   AhiStore    *store,
                   const char  *customer_id,
                   GPtrArray   *notes,
                   GError     **error)
{
  AhiDb *db = ahi_store_get_db (store);
  gboolean has_health = FALSE;

  for (guint i = 0; i < notes->len && !has_health; i++)
    has_health = g_strcmp0 (((AhiNote *) g_ptr_array_index (notes, i))->kind, "health") == 0;
  if (!has_health || !ahi_health_audit_enabled (db))
    return TRUE;
  return ahi_health_audit_record (db, request->user_id, request->role, customer_id, "api",
                                  ahi_server_now (request->server), error);
}

static void
handle_notes_list (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(AhiCustomer) customer = NULL;
  const char *customer_id;
  AhiStore *store;

  if (!ahi_route_path_entity (request, 1, "customer", &customer_id, &error) ||
      (store = ahi_route_tenant_store (request, &error)) == NULL ||
      (customer = ahi_customer_query_get (ahi_store_get_db (store), customer_id, &error)) == NULL ||
      (notes = ahi_note_query_of (ahi_store_get_db (store), customer_id,
                                  ahi_people_may_read_health (store, request->role), &error)) == NULL ||
      !audit_health_read (request, store, customer_id, notes, &error))
    {
      ahi_request_respond_error (request, error);
      return;
    }
  ahi_route_respond_list (request, "notes", notes, (AhiRouteToJson) note_to_json);
}

static void
handle_note_create (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(AhiEvent) event = NULL;
  g_autoptr(AhiNote) note = NULL;
  g_autoptr(GPtrArray) answer = g_ptr_array_new ();
  g_autoptr(JsonObject) object = NULL;
  gboolean duplicate = FALSE;
  const char *customer_id;
  AhiStore *store;

  if (!ahi_route_path_entity (request, 1, "customer", &customer_id, &error) ||
      (body = ahi_route_read_body (request, FALSE, &error)) == NULL ||
      (store = ahi_route_tenant_store (request, &error)) == NULL ||
      !ahi_people_require_live_customer (store, customer_id, &error))
    goto fail;

  /* Whoever may not read health notes does not write them either: the
   * write table's rule ("health note"), checked on the append as for a
   * push. */
  if ((event = ahi_people_event_new (request, store, &note_created, NULL, body, &error)) == NULL)
    goto fail;
  json_object_set_string_member (event->payload, "customer_id", customer_id);
  if (!ahi_people_append (store, &note_created, event, &duplicate, &error) ||
      (note = ahi_note_query_get (ahi_store_get_db (store), event->entity_id, &error)) == NULL)
    goto fail;

  /* A retried create whose id names another customer's note. */
  if (g_strcmp0 (note->customer_id, customer_id) != 0)
    {
      g_set_error (&error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_CONFLICT, "note_id: taken by another note");
      goto fail;
    }
  g_ptr_array_add (answer, note);
  if (!audit_health_read (request, store, customer_id, answer, &error))
    goto fail;
  object = note_to_json (note);
  ahi_route_respond_written (request, TRUE, duplicate, event, note_created.answer_member, object);
  return;

fail:
  ahi_request_respond_error (request, error);
}

/* --------------------------------------------------------------- table */

static const AhiRoute people_routes[] = {
  { "GET", "/api/tenant/*/customers", AHI_AUTH_TENANT, ahi_roles_everyone, handle_customers },
  { "POST", "/api/tenant/*/customers", AHI_AUTH_TENANT, ahi_roles_everyone, handle_customer_create },
  { "GET", "/api/tenant/*/customers/*", AHI_AUTH_TENANT, ahi_roles_everyone, handle_customer_get },
  { "PATCH", "/api/tenant/*/customers/*", AHI_AUTH_TENANT, ahi_roles_everyone, handle_customer_update },
  /* KVKK erasure cannot be undone: the business's responsible people. */
  { "POST", "/api/tenant/*/customers/*/erase", AHI_AUTH_TENANT, ahi_roles_managers, handle_customer_erase },
  { "GET", "/api/tenant/*/customers/*/notes", AHI_AUTH_TENANT, ahi_roles_everyone, handle_notes_list },
  { "POST", "/api/tenant/*/customers/*/notes", AHI_AUTH_TENANT, ahi_roles_everyone, handle_note_create },
  { "GET", "/api/tenant/*/customers/*/vehicles", AHI_AUTH_TENANT, ahi_roles_everyone, ahi_people_vehicles_list },
  { "POST", "/api/tenant/*/customers/*/vehicles", AHI_AUTH_TENANT, ahi_roles_everyone, ahi_people_vehicle_create },
  { "PATCH", "/api/tenant/*/vehicles/*", AHI_AUTH_TENANT, ahi_roles_everyone, ahi_people_vehicle_update },
  { "GET", "/api/tenant/*/customers/*/treatment-plans", AHI_AUTH_TENANT, ahi_roles_everyone, ahi_people_plans_list },
  /* A plan is the clinician's decision; the desk books and ticks its steps. */
  { "POST", "/api/tenant/*/customers/*/treatment-plans", AHI_AUTH_TENANT, ahi_roles_managers, ahi_people_plan_create },
  { "POST", "/api/tenant/*/treatment-plans/*/steps/*/done", AHI_AUTH_TENANT, ahi_roles_everyone,
    ahi_people_plan_step_done },
  { "GET", "/api/tenant/*/staff", AHI_AUTH_TENANT, ahi_roles_everyone, ahi_people_staff_list },
  { "POST", "/api/tenant/*/staff", AHI_AUTH_TENANT, ahi_roles_managers, ahi_people_staff_create },
  { "PATCH", "/api/tenant/*/staff/*", AHI_AUTH_TENANT, ahi_roles_managers, ahi_people_staff_update },
  { "PUT", "/api/tenant/*/staff/*/hours", AHI_AUTH_TENANT, ahi_roles_managers, ahi_people_staff_hours_set },
};

const AhiRoute *
ahi_people_routes (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (people_routes);
  return people_routes;
}
