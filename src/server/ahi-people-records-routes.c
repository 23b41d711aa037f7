/* ahi-people-records-routes.c — a customer's vehicles and treatment plans
 *
 * Both hang off a live customer, named by the path; the body never names
 * the customer again. Reads answer from ahi-customer-query, the queries
 * the app uses.
 */
#include "ahi-people-private.h"

#include "ahi-server-error.h"
#include "core/ahi-id.h"
#include "store/query/ahi-customer-query.h"

static const char * const from_path_customer[] = { "customer_id", NULL };
static const char * const from_path_step[] = { "step_id", NULL };

static const AhiPeopleWrite vehicle_created = { "vehicle.created", "vehicle_id", from_path_customer, "vehicle", "vehicle" };
static const AhiPeopleWrite vehicle_updated = { "vehicle.updated", NULL, NULL, NULL, "vehicle" };
static const AhiPeopleWrite plan_created = { "treatment_plan.created", "plan_id", from_path_customer, NULL, "treatment_plan" };
static const AhiPeopleWrite step_done = { "treatment_plan.step.done", NULL, from_path_step, NULL, "treatment_plan" };

/* ---------------------------------------------------------------- JSON */

static JsonObject *
vehicle_to_json (const AhiVehicle *vehicle)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "vehicle_id", vehicle->vehicle_id);
  json_object_set_string_member (object, "customer_id", vehicle->customer_id);
  ahi_route_set_string (object, "plate", vehicle->plate);
  ahi_route_set_string (object, "make", vehicle->make);
  ahi_route_set_string (object, "model", vehicle->model);
  if (vehicle->year > 0)
    json_object_set_int_member (object, "year", vehicle->year);
  else
    json_object_set_null_member (object, "year");
  if (vehicle->km >= 0)
    json_object_set_int_member (object, "km", vehicle->km);
  else
    json_object_set_null_member (object, "km");
  ahi_route_set_time (object, "created_at", vehicle->created_at);
  ahi_route_set_time (object, "updated_at", vehicle->updated_at);
  return object;
}

static JsonObject *
plan_to_json (const AhiTreatmentPlan *plan)
{
  JsonObject *object = json_object_new ();
  JsonArray *steps = json_array_new ();

  json_object_set_string_member (object, "plan_id", plan->plan_id);
  json_object_set_string_member (object, "customer_id", plan->customer_id);
  json_object_set_string_member (object, "title", plan->title);
  json_object_set_int_member (object, "total_steps", plan->total_steps);
  json_object_set_int_member (object, "done_steps", plan->done_steps);
  ahi_route_set_time (object, "created_at", plan->created_at);
  ahi_route_set_time (object, "updated_at", plan->updated_at);
  for (guint i = 0; i < plan->steps->len; i++)
    {
      AhiPlanStep *step = g_ptr_array_index (plan->steps, i);
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "step_id", step->step_id);
      json_object_set_int_member (item, "position", step->position);
      json_object_set_string_member (item, "label", step->label);
      ahi_route_set_string (item, "service_id", step->service_id);
      ahi_route_set_time (item, "done_at", step->done_at);
      ahi_route_set_string (item, "appointment_id", step->appointment_id);
      json_array_add_object_element (steps, item);
    }
  json_object_set_array_member (object, "steps", steps);
  return object;
}

static JsonObject *
read_vehicle (AhiDb       *db,
              const char  *vehicle_id,
              GError     **error)
{
  g_autoptr(AhiVehicle) vehicle = ahi_vehicle_query_get (db, vehicle_id, error);

  return vehicle != NULL ? vehicle_to_json (vehicle) : NULL;
}

static JsonObject *
read_plan (AhiDb       *db,
           const char  *plan_id,
           GError     **error)
{
  g_autoptr(AhiTreatmentPlan) plan = ahi_treatment_plan_query_get (db, plan_id, error);

  return plan != NULL ? plan_to_json (plan) : NULL;
}

/* ------------------------------------------------------------- helpers */

/* A retried create answers what the first one made; but an id the
 * client reused for another customer's record is taken. */
static gboolean
check_same_customer (const char  *what,
                     const char  *owner,
                     const char  *customer_id,
                     GError     **error)
{
  if (g_strcmp0 (owner, customer_id) == 0)
    return TRUE;
  g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_CONFLICT, "%s: taken by another customer's record", what);
  return FALSE;
}

/* A list of what the customer in the path has, from query_of; the
 * customer must exist (404), erased or not. */
static void
respond_customer_list (AhiRequest      *request,
                       const char      *member,
                       GPtrArray     *(*query_of) (AhiDb *db, const char *customer_id, GError **error),
                       AhiRouteToJson   to_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiCustomer) customer = NULL;
  g_autoptr(GPtrArray) items = NULL;
  const char *customer_id;
  AhiStore *store;

  if (!ahi_route_path_entity (request, 1, "customer", &customer_id, &error) ||
      (store = ahi_route_tenant_store (request, &error)) == NULL ||
      (customer = ahi_customer_query_get (ahi_store_get_db (store), customer_id, &error)) == NULL ||
      (items = query_of (ahi_store_get_db (store), customer_id, &error)) == NULL)
    {
      ahi_request_respond_error (request, error);
      return;
    }
  ahi_route_respond_list (request, member, items, to_json);
}

/* The event creating a record of the live customer in the path, with the
 * body's fields and the path's customer_id; out_customer_id is the
 * path's, out_store the tenant's. */
static AhiEvent *
customer_record_event (AhiRequest            *request,
                       const AhiPeopleWrite  *write,
                       const char           **out_customer_id,
                       AhiStore             **out_store,
                       GError               **error)
{
  g_autoptr(JsonObject) body = NULL;
  AhiEvent *event = NULL;

  if (!ahi_route_path_entity (request, 1, "customer", out_customer_id, error) ||
      (body = ahi_route_read_body (request, FALSE, error)) == NULL ||
      (*out_store = ahi_route_tenant_store (request, error)) == NULL ||
      !ahi_people_require_live_customer (*out_store, *out_customer_id, error) ||
      (event = ahi_people_event_new (request, *out_store, write, NULL, body, error)) == NULL)
    return NULL;
  json_object_set_string_member (event->payload, "customer_id", *out_customer_id);
  return event;
}

/* ------------------------------------------------------------ vehicles */

void
ahi_people_vehicles_list (AhiRequest *request)
{
  respond_customer_list (request, "vehicles", ahi_vehicle_query_of, (AhiRouteToJson) vehicle_to_json);
}

void
ahi_people_vehicle_create (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiEvent) event = NULL;
  g_autoptr(AhiVehicle) vehicle = NULL;
  g_autoptr(JsonObject) object = NULL;
  gboolean duplicate = FALSE;
  const char *customer_id;
  AhiStore *store;

  if ((event = customer_record_event (request, &vehicle_created, &customer_id, &store, &error)) == NULL ||
      !ahi_people_append (store, &vehicle_created, event, &duplicate, &error) ||
      (vehicle = ahi_vehicle_query_get (ahi_store_get_db (store), event->entity_id, &error)) == NULL ||
      !check_same_customer ("vehicle_id", vehicle->customer_id, customer_id, &error))
    goto fail;
  object = vehicle_to_json (vehicle);
  ahi_route_respond_written (request, TRUE, duplicate, event, vehicle_created.answer_member, object);
  return;

fail:
  ahi_request_respond_error (request, error);
}

void
ahi_people_vehicle_update (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(AhiVehicle) vehicle = NULL;
  const char *vehicle_id;
  AhiStore *store;

  if (!ahi_route_path_entity (request, 1, "vehicle", &vehicle_id, &error) ||
      (body = ahi_route_read_body (request, FALSE, &error)) == NULL ||
      (store = ahi_route_tenant_store (request, &error)) == NULL ||
      (vehicle = ahi_vehicle_query_get (ahi_store_get_db (store), vehicle_id, &error)) == NULL ||
      /* An erased owner's plate must not come back through an edit. */
      !ahi_people_require_live_customer (store, vehicle->customer_id, &error))
    {
      ahi_request_respond_error (request, error);
      return;
    }
  ahi_people_write (request, store, &vehicle_updated, vehicle_id, body, read_vehicle);
}

/* ----------------------------------------------------- treatment plans */

void
ahi_people_plans_list (AhiRequest *request)
{
  respond_customer_list (request, "treatment_plans", ahi_treatment_plan_query_of, (AhiRouteToJson) plan_to_json);
}

/* Steps the client did not name get an id here, derived from the plan's
 * id and the step's place, so that a retried create is the same write;
 * anything that is not a list of objects is left for the catalogue to
 * refuse. */
static void
name_steps (const char *plan_id,
            JsonObject *payload)
{
  JsonNode *steps = json_object_get_member (payload, "steps");

  if (steps == NULL || !JSON_NODE_HOLDS_ARRAY (steps))
    return;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (steps)); i++)
    {
      JsonNode *step = json_array_get_element (json_node_get_array (steps), i);

      if (JSON_NODE_HOLDS_OBJECT (step) && !json_object_has_member (json_node_get_object (step), "step_id"))
        {
          g_autofree char *place = g_strdup_printf ("step %u", i);
          g_autofree char *id = ahi_id_derive (plan_id, place);
          json_object_set_string_member (json_node_get_object (step), "step_id", id);
        }
    }
}

void
ahi_people_plan_create (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiEvent) event = NULL;
  g_autoptr(AhiTreatmentPlan) plan = NULL;
  g_autoptr(JsonObject) object = NULL;
  gboolean duplicate = FALSE;
  const char *customer_id;
  AhiStore *store;

  if ((event = customer_record_event (request, &plan_created, &customer_id, &store, &error)) == NULL)
    goto fail;
  name_steps (event->entity_id, event->payload);
  if (!ahi_people_append (store, &plan_created, event, &duplicate, &error) ||
      (plan = ahi_treatment_plan_query_get (ahi_store_get_db (store), event->entity_id, &error)) == NULL ||
      !check_same_customer ("plan_id", plan->customer_id, customer_id, &error))
    goto fail;
  object = plan_to_json (plan);
  ahi_route_respond_written (request, TRUE, duplicate, event, plan_created.answer_member, object);
  return;

fail:
  ahi_request_respond_error (request, error);
}

static gboolean
plan_has_step (AhiTreatmentPlan  *plan,
               const char        *step_id,
               GError           **error)
{
  for (guint i = 0; i < plan->steps->len; i++)
    if (g_str_equal (((AhiPlanStep *) g_ptr_array_index (plan->steps, i))->step_id, step_id))
      return TRUE;
  g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_NOT_FOUND, "No such step in this plan");
  return FALSE;
}

void
ahi_people_plan_step_done (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(AhiEvent) event = NULL;
  g_autoptr(AhiTreatmentPlan) plan = NULL;
  const char *plan_id, *step_id;
  gboolean duplicate = FALSE;
  AhiStore *store;

  /* The body is optional: {"appointment_id": …} names the visit. */
  if (!ahi_route_path_entity (request, 1, "treatment plan", &plan_id, &error) ||
      !ahi_route_path_entity (request, 2, "step", &step_id, &error) ||
      (body = ahi_route_read_body (request, TRUE, &error)) == NULL ||
      (store = ahi_route_tenant_store (request, &error)) == NULL ||
      (plan = ahi_treatment_plan_query_get (ahi_store_get_db (store), plan_id, &error)) == NULL ||
      !plan_has_step (plan, step_id, &error) ||
      (event = ahi_people_event_new (request, store, &step_done, plan_id, body, &error)) == NULL)
    goto fail;
  json_object_set_string_member (event->payload, "step_id", step_id);
  if (!ahi_people_append (store, &step_done, event, &duplicate, &error))
    goto fail;
  ahi_route_respond_written_read (request, store, FALSE, duplicate, event, step_done.answer_member, read_plan);
  return;

fail:
  ahi_request_respond_error (request, error);
}
