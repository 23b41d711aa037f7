/* test-visits.c — the visits area of the tenant API on a real ahi-server
 *
 * A hair salon signs up (blueprint defaults: open Monday–Saturday
 * 09:00–20:00 Europe/Istanbul, three chairs and one "Lazer cihazı"
 * device), its owner adds a manager and a front-desk staff member, and a
 * second business signs up beside it. The server's clock is fixed
 * (--fixed-clock) at 2026-12-06T21:00:00Z, which is Monday 2026-12-07
 * 00:00 in Istanbul (UTC+3): the whole of that Monday lies ahead.
 *
 * Every write is then read back from the log (sync pull) as its event,
 * acted by the caller in their role; every refused write leaves the log
 * as it was.
 */
#include <json-glib/json-glib.h>

#include "ahi-test-tenant.h"

#include "core/ahi-core.h"
#include "core/ahi-event.h"
#include "core/ahi-id.h"

#define NOW "1796590800"   /* 2026-12-06T21:00:00Z */
#define MONDAY_FROM "2026-12-06T21:00:00Z"
#define MONDAY_TO   "2026-12-07T21:00:00Z"
#define OWNER_PASSWORD "çok-gizli-parola"

typedef struct {
  char *token;
  char *user_id;
  char *device_id;
} User;

typedef struct {
  AhiTestServer server;
  char         *salon;
  char         *other;
  User          owner;
  User          manager;
  User          staff;
  User          stranger;   /* the other business's owner */
  char         *customer;
  char         *laser;      /* the salon's one device */
  char         *service;    /* "Lazer seansı": 60 min, needs the device */
} Env;

/* ------------------------------------------------------------- helpers */

/* A request to env's server, the path made from a format. */
#define call(env, method, token, body, ...) ahi_test_callf (&(env)->server, method, token, body, __VA_ARGS__)

/* Asserts the status and hands back the answer's object (a reference);
 * the reply is cleared. */
static JsonObject *
expect (AhiTestReply reply,
        guint        status)
{
  JsonObject *object = json_object_ref (ahi_test_expect (&reply, status));

  ahi_test_reply_clear (&reply);
  return object;
}

/* The salon's log as its owner pulls it (every event, in order). */
static JsonArray *
log_events (Env *env)
{
  g_autoptr(JsonObject) page = expect (call (env, "GET", env->owner.token, NULL,
                                             "/api/tenant/%s/sync/pull?after=0&limit=1000", env->salon), 200);

  g_assert_false (json_object_get_boolean_member (page, "has_more"));
  return json_array_ref (json_object_get_array_member (page, "events"));
}

static guint
log_length (Env *env)
{
  g_autoptr(JsonArray) events = log_events (env);
  return json_array_get_length (events);
}

/* The logged event event_id is of type, about entity_id, acted by user
 * in role. */
static void
assert_logged (Env        *env,
               const char *event_id,
               const char *type,
               const char *entity_id,
               const User *user,
               const char *role)
{
  g_autoptr(JsonArray) events = log_events (env);

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      JsonObject *actor;

      if (g_strcmp0 (json_object_get_string_member (event, "event_id"), event_id) != 0)
        continue;
      actor = json_object_get_object_member (event, "actor");
      g_assert_cmpstr (json_object_get_string_member (event, "type"), ==, type);
      g_assert_cmpstr (json_object_get_string_member (event, "entity_id"), ==, entity_id);
      g_assert_cmpstr (json_object_get_string_member (actor, "user_id"), ==, user->user_id);
      g_assert_cmpstr (json_object_get_string_member (actor, "role"), ==, role);
      return;
    }
  g_error ("event %s (%s) is not in the log", event_id, type);
}

static const char *
string_of (JsonObject *object, const char *member, const char *inner)
{
  return json_object_get_string_member (json_object_get_object_member (object, member), inner);
}

/* The slots of Monday for the laser service, as start times. */
static GPtrArray *
monday_slots (Env *env)
{
  g_autoptr(JsonObject) answer = expect (call (env, "GET", env->staff.token, NULL,
                                               "/api/tenant/%s/slots?date=2026-12-07&service=%s",
                                               env->salon, env->service), 200);
  JsonArray *slots = json_object_get_array_member (answer, "slots");
  GPtrArray *starts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (slots); i++)
    g_ptr_array_add (starts, g_strdup (json_object_get_string_member (json_array_get_object_element (slots, i),
                                                                       "starts_at")));
  return starts;
}

static gboolean
has_start (GPtrArray *starts, const char *utc)
{
  for (guint i = 0; i < starts->len; i++)
    if (g_str_equal (g_ptr_array_index (starts, i), utc))
      return TRUE;
  return FALSE;
}

/* The customer comes in through sync, the way the desk app sends one:
 * a customer.created from the owner's device. */
static void
push_customer (Env *env)
{
  g_autoptr(AhiEvent) event = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *body = NULL;
  g_autoptr(JsonObject) answer = NULL;
  JsonObject *first;

  env->customer = ahi_id_new ();
  event = ahi_event_new ("customer.created", env->salon, env->customer, env->owner.device_id, 1,
                         env->owner.user_id, "owner", 1796590000);
  json_object_set_string_member (event->payload, "source", "phone");
  json_object_set_string_member (ahi_event_get_pii (event), "full_name", "Deniz Yıldız");
  encoded = ahi_event_encode (event);
  body = ahi_test_push_body (env->owner.device_id, encoded);
  answer = expect (call (env, "POST", env->owner.token, body, "/api/tenant/%s/sync/push", env->salon), 200);
  first = json_array_get_object_element (json_object_get_array_member (answer, "answers"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "accepted");
}

/* A hair salon signed up by its owner, who is then signed in. */
static char *
sign_up (Env        *env,
         const char *email,
         const char *password,
         User       *owner)
{
  char *tenant = ahi_test_sign_up (&env->server, NULL, NULL, "hair_beauty", email, password, &owner->user_id);

  owner->token = ahi_test_login (&env->server, email, password, &owner->device_id);
  return tenant;
}

/* A member of the salon in role, then signed in. */
static void
add_member (Env        *env,
            const char *email,
            const char *password,
            const char *role,
            User       *user)
{
  user->user_id = ahi_test_add_member (&env->server, env->salon, env->owner.token, email, password, role);
  user->token = ahi_test_login (&env->server, email, password, &user->device_id);
}

/* Each test signs its businesses up afresh on the shared data dir, with
 * e-mails of its own. */
static void
env_set_up (Env *env)
{
  static guint run = 0;
  g_autofree char *isil = g_strdup_printf ("isil%u@example.com", ++run);
  g_autofree char *selin = g_strdup_printf ("selin%u@example.com", run);
  g_autofree char *mehmet = g_strdup_printf ("mehmet%u@example.com", run);
  g_autofree char *ayse = g_strdup_printf ("ayse%u@example.com", run);

  ahi_test_server_fix_clock (NOW);
  ahi_test_server_start (&env->server);
  env->salon = sign_up (env, isil, OWNER_PASSWORD, &env->owner);
  env->other = sign_up (env, selin, OWNER_PASSWORD, &env->stranger);
  add_member (env, mehmet, "parola-manager-1", "manager", &env->manager);
  add_member (env, ayse, "parola-staff-1", "staff", &env->staff);
  push_customer (env);
}

static void
user_clear (User *user)
{
  g_free (user->token);
  g_free (user->user_id);
  g_free (user->device_id);
}

static void
env_tear_down (Env *env)
{
  ahi_test_server_stop (&env->server);
  g_free (env->salon);
  g_free (env->other);
  user_clear (&env->owner);
  user_clear (&env->manager);
  user_clear (&env->staff);
  user_clear (&env->stranger);
  g_free (env->customer);
  g_free (env->laser);
  g_free (env->service);
}

/* ------------------------------------------------------------ services */

static void
create_laser_service (Env *env)
{
  const char *body = "{\"code\":\"lazer_seans\",\"name\":\"Lazer seansı\",\"duration_min\":60,\"price_minor\":60000,"
                     "\"vat_rate_bp\":2000,\"resource_kinds\":[\"device\"]}";
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonObject) patched = NULL;
  g_autoptr(JsonObject) list = NULL;
  JsonArray *services;

  /* The menu is the managers': the desk may not add to it. */
  ahi_test_assert_error (call (env, "POST", env->staff.token, body, "/api/tenant/%s/services", env->salon),
                         403, "forbidden");
  answer = expect (call (env, "POST", env->manager.token, body, "/api/tenant/%s/services", env->salon), 201);
  env->service = g_strdup (string_of (answer, "service", "service_id"));
  assert_logged (env, json_object_get_string_member (answer, "event_id"), "service.created", env->service,
                 &env->manager, "manager");

  /* The owner raises the price; the code cannot change. */
  patched = expect (call (env, "PATCH", env->owner.token, "{\"price_minor\":65000}",
                          "/api/tenant/%s/services/%s", env->salon, env->service), 200);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (patched, "service"), "price_minor"),
                   ==, 65000);
  assert_logged (env, json_object_get_string_member (patched, "event_id"), "service.updated", env->service,
                 &env->owner, "owner");
  ahi_test_assert_error (call (env, "PATCH", env->owner.token, "{\"code\":\"x\"}",
                               "/api/tenant/%s/services/%s", env->salon, env->service), 400, "unknown_field");

  /* Everybody reads the menu: the blueprint's 18 services and this one. */
  list = expect (call (env, "GET", env->staff.token, NULL, "/api/tenant/%s/services", env->salon), 200);
  services = json_object_get_array_member (list, "services");
  g_assert_cmpuint (json_array_get_length (services), ==, 18 + 1);
}

/* The salon's only device, read from the slot answer of a fresh day. */
static void
find_laser (Env *env)
{
  g_autoptr(JsonObject) answer = expect (call (env, "GET", env->staff.token, NULL,
                                               "/api/tenant/%s/slots?date=2026-12-08&service=%s",
                                               env->salon, env->service), 200);
  JsonObject *slot = json_array_get_object_element (json_object_get_array_member (answer, "slots"), 0);
  JsonObject *item = json_array_get_object_element (json_object_get_array_member (slot, "items"), 0);

  env->laser = g_strdup (json_array_get_string_element (json_object_get_array_member (item, "resource_ids"), 0));
  g_assert_true (ahi_id_is_valid (env->laser));
}

/* ------------------------------------------------------------- tests */

static void
test_booking_flow (void)
{
  Env env = { 0 };
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) freed = NULL;
  g_autoptr(JsonObject) booked = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonObject) retry = NULL;
  g_autoptr(JsonObject) day = NULL;
  g_autoptr(JsonObject) busy = NULL;
  g_autofree char *body = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *second_id = ahi_id_new ();
  g_autofree char *second_event = ahi_id_new ();
  JsonObject *appointment, *item;
  JsonArray *list;
  guint logged;

  env_set_up (&env);
  create_laser_service (&env);
  find_laser (&env);

  /* Monday is open 09:00–20:00 local; a 60-minute service on the only
   * device can start every 15 minutes from 09:00 to 19:00:
   * (19:00 − 09:00) / 15 min + 1 = 41 starts. 09:00 local = 06:00Z. */
  before = monday_slots (&env);
  g_assert_cmpuint (before->len, ==, 41);
  g_assert_cmpstr (g_ptr_array_index (before, 0), ==, "2026-12-07T06:00:00Z");
  g_assert_cmpstr (g_ptr_array_index (before, 40), ==, "2026-12-07T16:00:00Z");

  /* The desk books 10:00–11:00 local (07:00Z); the end (start + 60 min)
   * and the price (the menu's 65 000 after the raise) come from the
   * service, the source defaults to the desk. */
  body = g_strdup_printf ("{\"customer_id\":\"%s\",\"items\":[{\"service_id\":\"%s\",\"resource_ids\":[\"%s\"],"
                          "\"starts_at\":\"2026-12-07T07:00:00Z\"}]}", env.customer, env.service, env.laser);
  booked = expect (call (&env, "POST", env.staff.token, body, "/api/tenant/%s/appointments", env.salon), 201);
  appointment = json_object_get_object_member (booked, "appointment");
  first_id = g_strdup (json_object_get_string_member (appointment, "appointment_id"));
  g_assert_cmpstr (json_object_get_string_member (appointment, "status"), ==, "booked");
  g_assert_cmpstr (json_object_get_string_member (appointment, "source"), ==, "desk");
  g_assert_cmpstr (json_object_get_string_member (appointment, "ends_at"), ==, "2026-12-07T08:00:00Z");
  g_assert_cmpint (json_object_get_int_member (appointment, "total_minor"), ==, 65000);
  g_assert_cmpstr (json_object_get_string_member (appointment, "customer_name"), ==, "Deniz Yıldız");
  g_assert_cmpstr (json_object_get_string_member (appointment, "created_by"), ==, env.staff.user_id);
  assert_logged (&env, json_object_get_string_member (booked, "event_id"), "appointment.created", first_id,
                 &env.staff, "staff");

  /* The device is held 10:00–11:00: a 60-minute start t is gone when
   * t < 11:00 and t + 60 min > 10:00, i.e. 09:15 … 10:45, seven starts:
   * 41 − 7 = 34. 09:00 (ends as the booking starts) and 11:00 stay. */
  after = monday_slots (&env);
  g_assert_cmpuint (after->len, ==, 34);
  g_assert_true (has_start (after, "2026-12-07T06:00:00Z"));
  g_assert_false (has_start (after, "2026-12-07T06:15:00Z"));
  g_assert_false (has_start (after, "2026-12-07T07:45:00Z"));
  g_assert_true (has_start (after, "2026-12-07T08:00:00Z"));

  /* A second booking of the device at 10:30 would double-book it: 409,
   * naming the appointment in the way, and nothing is written. */
  logged = log_length (&env);
  g_free (body);
  body = g_strdup_printf ("{\"customer_id\":\"%s\",\"items\":[{\"service_id\":\"%s\",\"resource_ids\":[\"%s\"],"
                          "\"starts_at\":\"2026-12-07T07:30:00Z\"}]}", env.customer, env.service, env.laser);
  busy = expect (call (&env, "POST", env.manager.token, body, "/api/tenant/%s/appointments", env.salon), 409);
  g_assert_cmpstr (string_of (busy, "error", "code"), ==, "resource_busy");
  g_assert_cmpstr (string_of (busy, "error", "conflict_id"), ==, first_id);
  g_assert_cmpuint (log_length (&env), ==, logged);

  /* The manager books 15:00 local (12:00Z) with ids of the client's own:
   * sending it again is safe and writes nothing more. */
  g_free (body);
  body = g_strdup_printf ("{\"event_id\":\"%s\",\"appointment_id\":\"%s\",\"customer_id\":\"%s\",\"source\":\"phone\","
                          "\"items\":[{\"service_id\":\"%s\",\"resource_ids\":[\"%s\"],"
                          "\"starts_at\":\"2026-12-07T12:00:00Z\",\"ends_at\":\"2026-12-07T13:00:00Z\","
                          "\"price_minor\":50000}]}",
                          second_event, second_id, env.customer, env.service, env.laser);
  second = expect (call (&env, "POST", env.manager.token, body, "/api/tenant/%s/appointments", env.salon), 201);
  g_assert_cmpstr (string_of (second, "appointment", "appointment_id"), ==, second_id);
  g_assert_cmpstr (json_object_get_string_member (second, "event_id"), ==, second_event);
  logged = log_length (&env);
  retry = expect (call (&env, "POST", env.manager.token, body, "/api/tenant/%s/appointments", env.salon), 200);
  g_assert_cmpstr (string_of (retry, "appointment", "appointment_id"), ==, second_id);
  g_assert_cmpuint (log_length (&env), ==, logged);
  /* The same event id with another body (another price) is no retry:
   * 409 id_reused, nothing written. */
  {
    g_autofree char *other = g_strdup_printf ("{\"event_id\":\"%s\",\"appointment_id\":\"%s\",\"customer_id\":\"%s\","
                                              "\"source\":\"phone\",\"items\":[{\"service_id\":\"%s\",\"resource_ids\":[\"%s\"],"
                                              "\"starts_at\":\"2026-12-07T12:00:00Z\",\"ends_at\":\"2026-12-07T13:00:00Z\","
                                              "\"price_minor\":1}]}",
                                              second_event, second_id, env.customer, env.service, env.laser);

    ahi_test_assert_error (call (&env, "POST", env.manager.token, other, "/api/tenant/%s/appointments", env.salon),
                           409, "id_reused");
    g_assert_cmpuint (log_length (&env), ==, logged);
  }

  /* The day, in start order; the other day of the week has none. */
  day = expect (call (&env, "GET", env.staff.token, NULL, "/api/tenant/%s/appointments?from=%s&to=%s",
                      env.salon, MONDAY_FROM, MONDAY_TO), 200);
  list = json_object_get_array_member (day, "appointments");
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "appointment_id"), ==,
                   first_id);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 1), "appointment_id"), ==,
                   second_id);
  item = json_array_get_object_element (json_object_get_array_member (json_array_get_object_element (list, 1),
                                                                      "items"), 0);
  g_assert_cmpint (json_object_get_int_member (item, "price_minor"), ==, 50000);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (item, "resource_ids"), 0), ==,
                   env.laser);
  g_clear_pointer (&day, json_object_unref);
  day = expect (call (&env, "GET", env.staff.token, NULL, "/api/tenant/%s/appointments?from=%s&to=%s&resource=%s",
                      env.salon, MONDAY_TO, "2026-12-08T21:00:00Z", env.laser), 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (day, "appointments")), ==, 0);

  /* Status flow of the first: confirmed, arrived five minutes late,
   * completed; a completed visit can no longer be cancelled. */
  {
    g_autoptr(JsonObject) confirmed = expect (call (&env, "POST", env.staff.token, "{\"status\":\"confirmed\"}",
                                                    "/api/tenant/%s/appointments/%s/status", env.salon, first_id), 200);
    g_autoptr(JsonObject) arrived = expect (call (&env, "POST", env.staff.token, "{\"status\":\"arrived\",\"late_min\":5}",
                                                  "/api/tenant/%s/appointments/%s/status", env.salon, first_id), 200);
    g_autoptr(JsonObject) completed = expect (call (&env, "POST", env.owner.token, "{\"status\":\"completed\"}",
                                                    "/api/tenant/%s/appointments/%s/status", env.salon, first_id), 200);
    g_autoptr(JsonObject) read = NULL;

    g_assert_cmpstr (string_of (confirmed, "appointment", "status"), ==, "confirmed");
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (arrived, "appointment"), "late_min"),
                     ==, 5);
    assert_logged (&env, json_object_get_string_member (arrived, "event_id"), "appointment.status.updated", first_id,
                   &env.staff, "staff");
    assert_logged (&env, json_object_get_string_member (completed, "event_id"), "appointment.status.updated",
                   first_id, &env.owner, "owner");
    read = expect (call (&env, "GET", env.staff.token, NULL, "/api/tenant/%s/appointments/%s", env.salon, first_id),
                   200);
    g_assert_cmpstr (json_object_get_string_member (read, "status"), ==, "completed");

    logged = log_length (&env);
    ahi_test_assert_error (call (&env, "POST", env.staff.token, "{\"cancelled_by\":\"customer\"}",
                                 "/api/tenant/%s/appointments/%s/cancel", env.salon, first_id), 409, "invalid_state");
    ahi_test_assert_error (call (&env, "POST", env.staff.token, "{\"status\":\"done\"}",
                                 "/api/tenant/%s/appointments/%s/status", env.salon, first_id), 400, "invalid_value");
    g_assert_cmpuint (log_length (&env), ==, logged);
  }

  /* The second is cancelled; a cancelled visit keeps its status, and the
   * device is free again at 15:00: 34 starts, as before it was booked. */
  {
    g_autoptr(JsonObject) cancelled = expect (call (&env, "POST", env.staff.token,
                                                    "{\"cancelled_by\":\"customer\",\"reason\":\"hasta\"}",
                                                    "/api/tenant/%s/appointments/%s/cancel", env.salon, second_id), 200);

    g_assert_cmpstr (string_of (cancelled, "appointment", "status"), ==, "cancelled");
    assert_logged (&env, json_object_get_string_member (cancelled, "event_id"), "appointment.cancelled", second_id,
                   &env.staff, "staff");
    ahi_test_assert_error (call (&env, "POST", env.staff.token, "{\"status\":\"arrived\"}",
                                 "/api/tenant/%s/appointments/%s/status", env.salon, second_id), 409, "invalid_state");
    freed = monday_slots (&env);
    g_assert_cmpuint (freed->len, ==, 34);
    g_assert_true (has_start (freed, "2026-12-07T12:00:00Z"));
  }

  env_tear_down (&env);
}

static void
test_desk_writes (void)
{
  Env env = { 0 };
  g_autofree char *body = NULL;
  g_autofree char *entry_id = NULL;
  g_autofree char *closure_id = NULL;
  g_autofree char *alert_id = NULL;

  env_set_up (&env);
  create_laser_service (&env);

  /* Waitlist: the desk adds and removes. */
  body = g_strdup_printf ("{\"customer_id\":\"%s\",\"service_id\":\"%s\",\"earliest_at\":\"2026-12-08T06:00:00Z\"}",
                          env.customer, env.service);
  {
    g_autoptr(JsonObject) added = expect (call (&env, "POST", env.staff.token, body, "/api/tenant/%s/waitlist",
                                                env.salon), 201);
    g_autoptr(JsonObject) removed = NULL;
    g_autoptr(JsonObject) open = NULL;
    g_autoptr(JsonObject) all = NULL;

    entry_id = g_strdup (string_of (added, "entry", "entry_id"));
    assert_logged (&env, json_object_get_string_member (added, "event_id"), "waitlist.entry.added", entry_id,
                   &env.staff, "staff");
    removed = expect (call (&env, "DELETE", env.staff.token, NULL, "/api/tenant/%s/waitlist/%s?reason=booked",
                            env.salon, entry_id), 200);
    g_assert_cmpstr (string_of (removed, "entry", "removed_reason"), ==, "booked");
    assert_logged (&env, json_object_get_string_member (removed, "event_id"), "waitlist.entry.removed", entry_id,
                   &env.staff, "staff");
    open = expect (call (&env, "GET", env.staff.token, NULL, "/api/tenant/%s/waitlist", env.salon), 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (open, "entries")), ==, 0);
    all = expect (call (&env, "GET", env.staff.token, NULL, "/api/tenant/%s/waitlist?all=true", env.salon), 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (all, "entries")), ==, 1);
    /* Removing it again: it is no longer on the list. */
    ahi_test_assert_error (call (&env, "DELETE", env.staff.token, NULL, "/api/tenant/%s/waitlist/%s",
                                 env.salon, entry_id), 404, "not_found");
  }

  /* Closures are the managers'. */
  {
    const char *closure = "{\"starts_on\":\"2027-03-30\",\"ends_on\":\"2027-04-01\",\"reason\":\"Ramazan Bayramı\"}";
    g_autoptr(JsonObject) added = NULL;
    g_autoptr(JsonObject) removed = NULL;
    g_autoptr(JsonObject) list = NULL;

    ahi_test_assert_error (call (&env, "POST", env.staff.token, closure, "/api/tenant/%s/closures", env.salon),
                           403, "forbidden");
    added = expect (call (&env, "POST", env.manager.token, closure, "/api/tenant/%s/closures", env.salon), 201);
    closure_id = g_strdup (string_of (added, "closure", "closure_id"));
    assert_logged (&env, json_object_get_string_member (added, "event_id"), "business.closure.added", closure_id,
                   &env.manager, "manager");
    list = expect (call (&env, "GET", env.staff.token, NULL, "/api/tenant/%s/closures", env.salon), 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (list, "closures")), ==, 1);
    ahi_test_assert_error (call (&env, "DELETE", env.staff.token, NULL, "/api/tenant/%s/closures/%s",
                                 env.salon, closure_id), 403, "forbidden");
    removed = expect (call (&env, "DELETE", env.owner.token, NULL, "/api/tenant/%s/closures/%s?reason=kald%%C4%%B1r%%C4%%B1ld%%C4%%B1",
                            env.salon, closure_id), 200);
    assert_logged (&env, json_object_get_string_member (removed, "event_id"), "business.closure.removed", closure_id,
                   &env.owner, "owner");
    g_clear_pointer (&list, json_object_unref);
    list = expect (call (&env, "GET", env.staff.token, NULL, "/api/tenant/%s/closures", env.salon), 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (list, "closures")), ==, 0);
  }

  /* A reminder queued by the desk. */
  {
    g_autoptr(JsonObject) created = NULL;
    g_autoptr(JsonObject) queued = NULL;

    g_free (body);
    body = g_strdup_printf ("{\"customer_id\":\"%s\",\"channel\":\"sms\",\"purpose\":\"appointment_reminder\","
                            "\"due_at\":\"2026-12-07T06:00:00Z\",\"template\":\"hatirlatma\"}", env.customer);
    created = expect (call (&env, "POST", env.staff.token, body, "/api/tenant/%s/reminders", env.salon), 201);
    g_assert_cmpstr (string_of (created, "reminder", "status"), ==, "queued");
    assert_logged (&env, json_object_get_string_member (created, "event_id"), "reminder.created",
                   string_of (created, "reminder", "reminder_id"), &env.staff, "staff");
    queued = expect (call (&env, "GET", env.staff.token, NULL, "/api/tenant/%s/reminders?status=queued", env.salon),
                     200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (queued, "reminders")), ==, 1);
    ahi_test_assert_error (call (&env, "GET", env.staff.token, NULL, "/api/tenant/%s/reminders?status=lost",
                                 env.salon), 400, "bad_request");
  }

  /* A review is recorded by a manager; its comment is personal data and
   * still comes back to the desk. */
  {
    g_autoptr(JsonObject) received = NULL;
    g_autoptr(JsonObject) list = NULL;

    g_free (body);
    body = g_strdup_printf ("{\"rating\":5,\"source\":\"google\",\"customer_id\":\"%s\",\"comment\":\"Çok memnun kaldım\"}",
                            env.customer);
    ahi_test_assert_error (call (&env, "POST", env.staff.token, body, "/api/tenant/%s/reviews", env.salon),
                           403, "forbidden");
    received = expect (call (&env, "POST", env.manager.token, body, "/api/tenant/%s/reviews", env.salon), 201);
    assert_logged (&env, json_object_get_string_member (received, "event_id"), "review.received",
                   string_of (received, "review", "review_id"), &env.manager, "manager");
    list = expect (call (&env, "GET", env.staff.token, NULL, "/api/tenant/%s/reviews", env.salon), 200);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                       json_object_get_array_member (list, "reviews"), 0), "comment"), ==, "Çok memnun kaldım");
  }

  /* An alert raised by the desk, resolved by the manager. */
  {
    g_autoptr(JsonObject) raised = NULL;
    g_autoptr(JsonObject) resolved = NULL;
    g_autoptr(JsonObject) open = NULL;

    raised = expect (call (&env, "POST", env.staff.token,
                           "{\"kind\":\"device_out_of_service\",\"severity\":\"warning\",\"detail\":{\"device\":\"lazer\"}}",
                           "/api/tenant/%s/ops-alerts", env.salon), 201);
    alert_id = g_strdup (string_of (raised, "alert", "alert_id"));
    assert_logged (&env, json_object_get_string_member (raised, "event_id"), "ops.alert.raised", alert_id,
                   &env.staff, "staff");
    resolved = expect (call (&env, "POST", env.manager.token, "{\"resolution\":\"Servis çağrıldı\"}",
                             "/api/tenant/%s/ops-alerts/%s/resolve", env.salon, alert_id), 200);
    g_assert_cmpstr (string_of (resolved, "alert", "resolution"), ==, "Servis çağrıldı");
    assert_logged (&env, json_object_get_string_member (resolved, "event_id"), "ops.alert.resolved", alert_id,
                   &env.manager, "manager");
    open = expect (call (&env, "GET", env.staff.token, NULL, "/api/tenant/%s/ops-alerts", env.salon), 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (open, "alerts")), ==, 0);
  }

  env_tear_down (&env);
}

static void
test_bad_input (void)
{
  Env env = { 0 };
  g_autofree char *body = NULL;
  g_autofree char *booking = NULL;
  guint logged;

  env_set_up (&env);
  create_laser_service (&env);
  logged = log_length (&env);

  booking = g_strdup_printf ("\"items\":[{\"service_id\":\"%s\",\"starts_at\":\"2026-12-07T07:00:00Z\"}]",
                             env.service);

  /* A member the contract does not name. */
  body = g_strdup_printf ("{\"customer_id\":\"%s\",%s,\"colour\":\"red\"}", env.customer, booking);
  ahi_test_assert_error (call (&env, "POST", env.staff.token, body, "/api/tenant/%s/appointments", env.salon),
                         400, "unknown_field");
  /* Wrong types: a number for an id, a string for a rating, null. */
  g_free (body);
  body = g_strdup_printf ("{\"customer_id\":5,\"service_id\":\"%s\"}", env.service);
  ahi_test_assert_error (call (&env, "POST", env.staff.token, body, "/api/tenant/%s/waitlist", env.salon),
                         400, "wrong_type");
  ahi_test_assert_error (call (&env, "POST", env.manager.token, "{\"rating\":\"5\",\"source\":\"google\"}",
                               "/api/tenant/%s/reviews", env.salon), 400, "wrong_type");
  ahi_test_assert_error (call (&env, "POST", env.staff.token, "{\"kind\":\"x\",\"severity\":null}",
                               "/api/tenant/%s/ops-alerts", env.salon), 400, "wrong_type");
  /* An event id that is not one. */
  g_free (body);
  body = g_strdup_printf ("{\"event_id\":\"abc\",\"customer_id\":\"%s\",%s}", env.customer, booking);
  ahi_test_assert_error (call (&env, "POST", env.staff.token, body, "/api/tenant/%s/appointments", env.salon),
                         400, "invalid_value");
  /* Bad dates and times. */
  g_free (body);
  body = g_strdup_printf ("{\"customer_id\":\"%s\",\"channel\":\"sms\",\"purpose\":\"rebook\","
                          "\"due_at\":\"2026-13-01T00:00:00Z\",\"template\":\"t\"}", env.customer);
  ahi_test_assert_error (call (&env, "POST", env.staff.token, body, "/api/tenant/%s/reminders", env.salon),
                         400, "invalid_value");
  ahi_test_assert_error (call (&env, "POST", env.manager.token,
                               "{\"starts_on\":\"2027-02-30\",\"ends_on\":\"2027-03-01\",\"reason\":\"x\"}",
                               "/api/tenant/%s/closures", env.salon), 400, "invalid_value");
  ahi_test_assert_error (call (&env, "GET", env.staff.token, NULL, "/api/tenant/%s/slots?date=2026-02-30&service=%s",
                               env.salon, env.service), 400, "bad_request");
  ahi_test_assert_error (call (&env, "GET", env.staff.token, NULL, "/api/tenant/%s/appointments?from=yesterday&to=%s",
                               env.salon, MONDAY_TO), 400, "bad_request");
  ahi_test_assert_error (call (&env, "GET", env.staff.token, NULL, "/api/tenant/%s/appointments?from=%s&to=%s",
                               env.salon, MONDAY_TO, MONDAY_FROM), 400, "out_of_range");
  /* Path-like and malformed ids: in the body, in the path, escaped. */
  ahi_test_assert_error (call (&env, "POST", env.staff.token, "{\"customer_id\":\"../../x\",\"service_id\":\"../../x\"}",
                               "/api/tenant/%s/waitlist", env.salon), 400, "invalid_value");
  /* A malformed path id names nothing: 404, as in every area. */
  ahi_test_assert_error (call (&env, "DELETE", env.staff.token, NULL, "/api/tenant/%s/waitlist/not-an-id", env.salon),
                         404, "not_found");
  ahi_test_assert_error (call (&env, "GET", env.staff.token, NULL, "/api/tenant/%s/appointments/not-an-id", env.salon),
                         404, "not_found");
  {
    /* libsoup itself refuses an escaped slash in a path. */
    AhiTestReply reply = call (&env, "POST", env.staff.token, "{\"cancelled_by\":\"customer\"}",
                               "/api/tenant/%s/appointments/..%%2F..%%2Fx/cancel", env.salon);
    g_assert_cmpuint (reply.status, ==, 400);
    ahi_test_reply_clear (&reply);
  }
  ahi_test_assert_error (call (&env, "POST", env.staff.token, "{\"cancelled_by\":\"customer\"}",
                               "/api/tenant/%s/appointments/..%%2E%%2E/cancel", env.salon), 404, "not_found");
  ahi_test_assert_error (call (&env, "GET", env.staff.token, NULL, "/api/tenant/%s/appointments?from=%s&to=%s&staff=..%%2Fx",
                               env.salon, MONDAY_FROM, MONDAY_TO), 400, "bad_request");
  /* Bytes that are not UTF-8. */
  ahi_test_assert_error (call (&env, "POST", env.staff.token, "{\"kind\":\"x\xff\",\"severity\":\"info\"}",
                               "/api/tenant/%s/ops-alerts", env.salon), 400, "invalid_utf8");
  /* A reference this business does not have: another customer id, a
   * service that is not on the menu. */
  g_free (body);
  body = g_strdup_printf ("{\"customer_id\":\"%s\",%s}", "01900000-0000-7000-8000-000000000abc", booking);
  ahi_test_assert_error (call (&env, "POST", env.staff.token, body, "/api/tenant/%s/appointments", env.salon),
                         422, "invalid_reference");
  g_free (body);
  body = g_strdup_printf ("{\"customer_id\":\"%s\",\"items\":[{\"service_id\":\"01900000-0000-7000-8000-000000000abc\","
                          "\"starts_at\":\"2026-12-07T07:00:00Z\"}]}", env.customer);
  ahi_test_assert_error (call (&env, "POST", env.staff.token, body, "/api/tenant/%s/appointments", env.salon),
                         422, "invalid_reference");

  /* None of it reached the log. */
  g_assert_cmpuint (log_length (&env), ==, logged);
  env_tear_down (&env);
}

static void
test_isolation (void)
{
  Env env = { 0 };
  g_autofree char *body = NULL;
  g_autofree char *appointment_id = NULL;
  g_autoptr(JsonObject) booked = NULL;
  g_autoptr(JsonObject) mine = NULL;
  guint logged;

  env_set_up (&env);
  create_laser_service (&env);
  body = g_strdup_printf ("{\"customer_id\":\"%s\",\"items\":[{\"service_id\":\"%s\","
                          "\"starts_at\":\"2026-12-07T07:00:00Z\"}]}", env.customer, env.service);
  booked = expect (call (&env, "POST", env.staff.token, body, "/api/tenant/%s/appointments", env.salon), 201);
  appointment_id = g_strdup (string_of (booked, "appointment", "appointment_id"));
  logged = log_length (&env);

  /* The other business's owner: the salon's routes answer as for a
   * business that does not exist… */
  ahi_test_assert_error (call (&env, "GET", env.stranger.token, NULL, "/api/tenant/%s/appointments/%s",
                               env.salon, appointment_id), 404, "not_found");
  ahi_test_assert_error (call (&env, "POST", env.stranger.token, "{\"cancelled_by\":\"business\"}",
                               "/api/tenant/%s/appointments/%s/cancel", env.salon, appointment_id), 404, "not_found");
  ahi_test_assert_error (call (&env, "GET", env.stranger.token, NULL, "/api/tenant/%s/services", env.salon),
                         404, "not_found");
  /* … and the salon's ids in their own business are ids that do not exist. */
  ahi_test_assert_error (call (&env, "GET", env.stranger.token, NULL, "/api/tenant/%s/appointments/%s",
                               env.other, appointment_id), 404, "not_found");
  ahi_test_assert_error (call (&env, "POST", env.stranger.token, "{\"cancelled_by\":\"business\"}",
                               "/api/tenant/%s/appointments/%s/cancel", env.other, appointment_id), 404, "not_found");
  ahi_test_assert_error (call (&env, "PATCH", env.stranger.token, "{\"price_minor\":1}",
                               "/api/tenant/%s/services/%s", env.other, env.service), 404, "not_found");
  ahi_test_assert_error (call (&env, "POST", env.stranger.token, "{\"resolution\":\"x\"}",
                               "/api/tenant/%s/ops-alerts/%s/resolve", env.other, appointment_id), 404, "not_found");
  /* No token at all. */
  ahi_test_assert_error (call (&env, "GET", NULL, NULL, "/api/tenant/%s/appointments?from=%s&to=%s",
                               env.salon, MONDAY_FROM, MONDAY_TO), 401, "unauthorized");

  /* The salon's data is untouched and its own staff still sees it. */
  g_assert_cmpuint (log_length (&env), ==, logged);
  mine = expect (call (&env, "GET", env.staff.token, NULL, "/api/tenant/%s/appointments/%s",
                       env.salon, appointment_id), 200);
  g_assert_cmpstr (json_object_get_string_member (mine, "status"), ==, "booked");
  env_tear_down (&env);
}

/* -------------------------------------------------- the roles table */

/* Creates, as the owner, what a request on one entity needs, and answers
 * the new entity's id (the member of the answer's entity object). */
static char *
owner_creates (Env *env, const char *collection, const char *body, const char *entity, const char *member)
{
  g_autoptr(JsonObject) answer = expect (call (env, "POST", env->owner.token, body, "/api/tenant/%s/%s",
                                               env->salon, collection), 201);
  return g_strdup (string_of (answer, entity, member));
}

/* A valid request on route (method and pattern as docs/api-visits.md
 * writes them), made afresh each time: a cancel gets an appointment of
 * its own to cancel, a removal an entry of its own to remove. */
static void
valid_request (Env *env, const char *method, const char *pattern, char **out_path, char **out_body)
{
  g_autofree char *booking = g_strdup_printf ("{\"customer_id\":\"%s\",\"items\":[{\"service_id\":\"%s\","
                                              "\"starts_at\":\"2026-12-09T07:00:00Z\"}]}", env->customer, env->service);
  g_autofree char *waiting = g_strdup_printf ("{\"customer_id\":\"%s\",\"service_id\":\"%s\"}",
                                              env->customer, env->service);
  g_autofree char *reminder = g_strdup_printf ("{\"customer_id\":\"%s\",\"channel\":\"sms\",\"purpose\":\"rebook\","
                                               "\"due_at\":\"2026-12-08T07:00:00Z\",\"template\":\"tekrar\"}",
                                               env->customer);
  const char *closure = "{\"starts_on\":\"2027-03-30\",\"ends_on\":\"2027-04-01\",\"reason\":\"Bayram\"}";
  const char *alert = "{\"kind\":\"low_rating\",\"severity\":\"info\"}";
  g_autofree char *id = NULL;
  g_autofree char *tail = NULL;
  const char *rest = pattern + strlen ("/api/tenant/:id/");

  *out_body = NULL;
  if (g_str_has_prefix (rest, "appointments/"))
    id = owner_creates (env, "appointments", booking, "appointment", "appointment_id");
  else if (g_str_has_prefix (rest, "waitlist/"))
    id = owner_creates (env, "waitlist", waiting, "entry", "entry_id");
  else if (g_str_has_prefix (rest, "closures/"))
    id = owner_creates (env, "closures", closure, "closure", "closure_id");
  else if (g_str_has_prefix (rest, "ops-alerts/"))
    id = owner_creates (env, "ops-alerts", alert, "alert", "alert_id");
  else if (g_str_has_prefix (rest, "services/"))
    id = g_strdup (env->service);

  if (id != NULL)
    {
      /* The pattern's second parameter, :somethingId, becomes the id. */
      const char *param = strchr (rest, ':');
      const char *after = strchr (param, '/');
      g_autofree char *head = g_strndup (rest, param - rest);

      tail = g_strconcat (head, id, after != NULL ? after : "", NULL);
    }
  else
    tail = g_strdup (rest);

  if (g_str_equal (tail, "appointments") && g_str_equal (method, "GET"))
    *out_path = g_strdup_printf ("/api/tenant/%s/appointments?from=%s&to=%s", env->salon, MONDAY_FROM, MONDAY_TO);
  else if (g_str_equal (tail, "slots"))
    *out_path = g_strdup_printf ("/api/tenant/%s/slots?date=2026-12-07&service=%s", env->salon, env->service);
  else
    *out_path = g_strdup_printf ("/api/tenant/%s/%s", env->salon, tail);

  if (g_str_equal (method, "GET") || g_str_equal (method, "DELETE"))
    return;
  if (g_str_has_suffix (tail, "/move"))
    *out_body = g_strdup ("{\"starts_at\":\"2026-12-09T08:00:00Z\"}");
  else if (g_str_has_suffix (tail, "/cancel"))
    *out_body = g_strdup ("{\"cancelled_by\":\"business\"}");
  else if (g_str_has_suffix (tail, "/status"))
    *out_body = g_strdup ("{\"status\":\"confirmed\"}");
  else if (g_str_has_suffix (tail, "/resolve"))
    *out_body = g_strdup ("{\"resolution\":\"ok\"}");
  else if (g_str_has_prefix (tail, "services/"))
    *out_body = g_strdup ("{\"price_minor\":70000}");
  else if (g_str_equal (tail, "appointments"))
    *out_body = g_strdup (booking);
  else if (g_str_equal (tail, "services"))
    *out_body = g_strdup ("{\"code\":\"c\",\"name\":\"C\",\"duration_min\":30,\"price_minor\":1000,"
                          "\"vat_rate_bp\":2000,\"resource_kinds\":[]}");
  else if (g_str_equal (tail, "waitlist"))
    *out_body = g_strdup (waiting);
  else if (g_str_equal (tail, "closures"))
    *out_body = g_strdup (closure);
  else if (g_str_equal (tail, "reminders"))
    *out_body = g_strdup (reminder);
  else if (g_str_equal (tail, "reviews"))
    *out_body = g_strdup ("{\"rating\":4,\"source\":\"internal\"}");
  else if (g_str_equal (tail, "ops-alerts"))
    *out_body = g_strdup (alert);
  else
    g_error ("No valid request known for %s %s", method, pattern);
}

/* Every row of the roles table of docs/api-visits.md, asserted for each
 * role of the salon with a valid request: a success cell comes back
 * exactly. (test-matrix asserts the no-token and other-business columns
 * of every table.) */
static void
test_roles_table (void)
{
  Env env = { 0 };

  env_set_up (&env);
  create_laser_service (&env);
  {
    const char *tokens[] = { env.owner.token, env.manager.token, env.staff.token };

    /* The area serves 23 routes; each has its row. */
    ahi_test_assert_roles (&env.server, "api-visits.md", tokens, (AhiTestValidRequest) valid_request, &env, 23);
  }
  env_tear_down (&env);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  ahi_core_init ();
  {
    g_autofree char *dir = g_dir_make_tmp ("ahi-visits-XXXXXX", NULL);
    ahi_test_server_init (dir);
  }

  g_test_add_func ("/server/visits/booking-flow", test_booking_flow);
  g_test_add_func ("/server/visits/desk-writes", test_desk_writes);
  g_test_add_func ("/server/visits/bad-input", test_bad_input);
  g_test_add_func ("/server/visits/isolation", test_isolation);
  g_test_add_func ("/server/visits/roles-table", test_roles_table);
  status = g_test_run ();

  ahi_test_server_finish ();
  return status;
}
