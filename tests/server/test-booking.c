/* test-booking.c — bookings respect the day, on a real ahi-server
 *
 * A hair salon signs up (Europe/Istanbul, UTC+3; chairs Koltuk 1–3), adds
 * a manager and a front-desk staff member, and its owner pushes the
 * week's set-up from the desk device:
 *
 *   - open Monday–Saturday 09:00–19:00 (the blueprint's 20:00 cut back);
 *   - Tuesday 2026-12-08 closed (Envanter);
 *   - Ayşe (skills: specialist) works Monday 09:00–17:00 and is on leave
 *     Monday 14:00–16:00 local (11:00–13:00Z);
 *   - Koltuk 3 out of service.
 *
 * The server's clock is fixed (--fixed-clock) at 2026-12-06T21:00:00Z:
 * Monday 2026-12-07 00:00 at the desk, so Monday HH:MM local is
 * (HH − 3):MMZ. Every refusal is checked to leave the log and the day's
 * appointments as they were.
 */
#include <json-glib/json-glib.h>

#include "ahi-test-tenant.h"

#include "core/ahi-core.h"
#include "core/ahi-id.h"
#include "core/ahi-kpi.h"
#include "store/ahi-db.h"
#include "store/engine/ahi-kpi-query.h"

#define NOW        "1796590800"   /* 2026-12-06T21:00:00Z, Monday 00:00 local */
#define TWO_LATER  "1796598000"   /* + 2 h: 2026-12-06T23:00:00Z */
#define MONDAY_FROM "2026-12-06T21:00:00Z"
#define MONDAY_TO   "2026-12-07T21:00:00Z"
#define AYSE       "01900000-0000-7000-8000-0000000000e1"
#define OVERRIDE   ",\"override\":\"outside_hours\""

typedef struct {
  char  *email;
  char  *token;
  char  *user_id;
  char  *device_id;
  gint64 seq;       /* the last device_seq this device pushed */
} User;

#define PASSWORD "parola-booking-1"

/* The data dir of every server of this test. */
static char *data_dir;

typedef struct {
  AhiTestServer server;
  char         *salon;
  User          owner;
  User          manager;
  User          staff;
  char         *customer;
  char         *chair1;
  char         *chair2;
  char         *chair3;
  char         *cut;         /* kadin_sac_kesimi: 60 min, chair + specialist */
  char         *cut_beard;   /* sac_sakal: 45 min, chair + specialist */
} Env;

/* ------------------------------------------------------------- helpers */

#define call(env, method, token, body, ...) ahi_test_callf (&(env)->server, method, token, body, __VA_ARGS__)

static JsonObject *
expect (AhiTestReply reply,
        guint        status)
{
  JsonObject *object = json_object_ref (ahi_test_expect (&reply, status));

  ahi_test_reply_clear (&reply);
  return object;
}

static const char *
string_of (JsonObject *object, const char *member, const char *inner)
{
  return json_object_get_string_member (json_object_get_object_member (object, member), inner);
}

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

/* The logged event of that id, as pulled (a new reference). */
static JsonObject *
logged_event (Env *env, const char *event_id)
{
  g_autoptr(JsonArray) events = log_events (env);

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);

      if (g_strcmp0 (json_object_get_string_member (event, "event_id"), event_id) == 0)
        return json_object_ref (event);
    }
  g_error ("event %s is not in the log", event_id);
}

/* Monday's appointments as the API lists them, as text: what a refusal
 * must leave exactly as it was. */
static char *
monday (Env *env)
{
  g_autoptr(JsonObject) day = expect (call (env, "GET", env->owner.token, NULL,
                                            "/api/tenant/%s/appointments?from=%s&to=%s",
                                            env->salon, MONDAY_FROM, MONDAY_TO), 200);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), day);

  return json_to_string (node, FALSE);
}

/* Pushes one event of type about entity_id from user's device, acted by
 * user in role; returns the answer. */
static JsonObject *
push (Env        *env,
      User       *user,
      const char *role,
      const char *type,
      const char *entity,
      const char *entity_id,
      const char *payload,
      const char *pii)
{
  g_autofree char *text = ahi_test_event_text (env->salon, user->device_id, user->user_id, ++user->seq, type, entity,
                                               entity_id, MONDAY_FROM, payload, pii, NULL);
  g_autofree char *wanted = g_strdup_printf ("\"role\":\"%s\"", role);
  /* ahi_test_event_text acts as owner; the envelope's actor comes before
   * the payload, so the first "role" is the actor's. */
  g_auto(GStrv) parts = g_strsplit (text, "\"role\":\"owner\"", 2);
  g_autofree char *acted = g_strjoinv (wanted, parts);
  g_autofree char *body = ahi_test_push_body (user->device_id, acted);
  g_autoptr(JsonObject) answer = expect (call (env, "POST", user->token, body, "/api/tenant/%s/sync/push",
                                               env->salon), 200);
  JsonArray *answers = json_object_get_array_member (answer, "answers");

  g_assert_cmpuint (json_array_get_length (answers), ==, 1);
  return json_object_ref (json_array_get_object_element (answers, 0));
}

static void
push_accepted (Env *env, const char *type, const char *entity, const char *entity_id,
               const char *payload, const char *pii)
{
  g_autoptr(JsonObject) answer = push (env, &env->owner, "owner", type, entity, entity_id, payload, pii);

  g_assert_cmpstr (json_object_get_string_member (answer, "status"), ==, "accepted");
}

/* A booking body of one service, from start (UTC) for minutes, with
 * staff (NULL: nobody) in chair (NULL: none), and extra members. */
static char *
booking_body (Env *env, const char *service, const char *staff, const char *chair, const char *start,
              int minutes, const char *source, const char *extra)
{
  g_autoptr(GDateTime) from = g_date_time_new_from_iso8601 (start, NULL);
  g_autoptr(GDateTime) to = g_date_time_add_minutes (from, minutes);
  g_autofree char *end = g_date_time_format (to, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *person = staff != NULL ? g_strdup_printf ("\"staff_id\":\"%s\",", staff) : g_strdup ("");
  g_autofree char *thing = chair != NULL ? g_strdup_printf ("\"resource_ids\":[\"%s\"],", chair) : g_strdup ("");

  return g_strdup_printf ("{\"customer_id\":\"%s\",\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"source\":\"%s\","
                          "\"items\":[{\"service_id\":\"%s\",%s%s\"starts_at\":\"%s\",\"ends_at\":\"%s\","
                          "\"price_minor\":65000}]%s}",
                          env->customer, start, end, source, service, person, thing, start, end, extra);
}

/* POST …/appointments as token; asserts the refusal's status and code,
 * and that nothing was written. */
static void
assert_refused (Env *env, const char *token, const char *body, const char *code)
{
  g_autofree char *before = monday (env);
  g_autofree char *after = NULL;
  guint logged = log_length (env);

  ahi_test_assert_error (call (env, "POST", token, body, "/api/tenant/%s/appointments", env->salon), 409, code);
  after = monday (env);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (log_length (env), ==, logged);
}

/* POST …/appointments as token, 201; the new appointment's id. */
static char *
book (Env *env, const char *token, const char *body, char **out_event_id)
{
  g_autoptr(JsonObject) answer = expect (call (env, "POST", token, body, "/api/tenant/%s/appointments",
                                               env->salon), 201);

  if (out_event_id != NULL)
    *out_event_id = g_strdup (json_object_get_string_member (answer, "event_id"));
  return g_strdup (string_of (answer, "appointment", "appointment_id"));
}

static char *
find_id (Env *env, const char *collection, const char *member, const char *key, const char *value, const char *id)
{
  g_autoptr(JsonObject) list = expect (call (env, "GET", env->owner.token, NULL, "/api/tenant/%s/%s", env->salon,
                                             collection), 200);
  JsonArray *array = json_object_get_array_member (list, member);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, key), value) == 0)
        return g_strdup (json_object_get_string_member (object, id));
    }
  g_error ("no %s with %s %s", collection, key, value);
}

/* Signs user in (again) on a new device of theirs. */
static void
sign_in (Env *env, User *user)
{
  g_clear_pointer (&user->token, g_free);
  g_clear_pointer (&user->device_id, g_free);
  user->token = ahi_test_login (&env->server, user->email, PASSWORD, &user->device_id);
  user->seq = 0;
}

static void
env_set_up (Env *env)
{
  static guint run = 0;

  run++;
  env->owner.email = g_strdup_printf ("isil-booking%u@example.com", run);
  env->manager.email = g_strdup_printf ("mehmet-booking%u@example.com", run);
  env->staff.email = g_strdup_printf ("ayse-booking%u@example.com", run);

  ahi_test_server_fix_clock (NOW);
  ahi_test_server_start (&env->server);
  env->salon = ahi_test_sign_up (&env->server, NULL, NULL, "hair_beauty", env->owner.email, PASSWORD,
                                 &env->owner.user_id);
  sign_in (env, &env->owner);
  env->manager.user_id = ahi_test_add_member (&env->server, env->salon, env->owner.token, env->manager.email,
                                              PASSWORD, "manager");
  sign_in (env, &env->manager);
  env->staff.user_id = ahi_test_add_member (&env->server, env->salon, env->owner.token, env->staff.email,
                                            PASSWORD, "staff");
  sign_in (env, &env->staff);

  env->chair1 = find_id (env, "resources", "resources", "name", "Koltuk 1", "resource_id");
  env->chair2 = find_id (env, "resources", "resources", "name", "Koltuk 2", "resource_id");
  env->chair3 = find_id (env, "resources", "resources", "name", "Koltuk 3", "resource_id");
  env->cut = find_id (env, "services", "services", "code", "kadin_sac_kesimi", "service_id");
  env->cut_beard = find_id (env, "services", "services", "code", "sac_sakal", "service_id");

  env->customer = ahi_id_new ();
  push_accepted (env, "customer.created", "customer", env->customer, "{\"source\":\"phone\"}",
                 "{\"full_name\":\"Deniz Yıldız\"}");
  push_accepted (env, "tenant.settings.updated", "tenant", env->salon,
                 "{\"opening_hours\":["
                 "{\"weekday\":1,\"opens\":\"09:00\",\"closes\":\"19:00\"},{\"weekday\":2,\"opens\":\"09:00\",\"closes\":\"19:00\"},"
                 "{\"weekday\":3,\"opens\":\"09:00\",\"closes\":\"19:00\"},{\"weekday\":4,\"opens\":\"09:00\",\"closes\":\"19:00\"},"
                 "{\"weekday\":5,\"opens\":\"09:00\",\"closes\":\"19:00\"},{\"weekday\":6,\"opens\":\"09:00\",\"closes\":\"19:00\"}]}",
                 NULL);
  {
    g_autofree char *closure = ahi_id_new ();
    g_autofree char *leave = ahi_id_new ();

    push_accepted (env, "business.closure.added", "closure", closure,
                   "{\"starts_on\":\"2026-12-08\",\"ends_on\":\"2026-12-08\",\"reason\":\"Envanter\"}", NULL);
    push_accepted (env, "staff.created", "staff", AYSE, "{\"role\":\"staff\",\"skills\":[\"specialist\"]}",
                   "{\"display_name\":\"Ayşe Yılmaz\"}");
    push_accepted (env, "staff.hours.set", "staff", AYSE,
                   "{\"intervals\":[{\"weekday\":1,\"starts\":\"09:00\",\"ends\":\"17:00\"}]}", NULL);
    push_accepted (env, "staff.absence.added", "staff_absence", leave,
                   "{\"staff_id\":\"" AYSE "\",\"kind\":\"leave\",\"starts_at\":\"2026-12-07T11:00:00Z\","
                   "\"ends_at\":\"2026-12-07T13:00:00Z\"}", NULL);
  }
  push_accepted (env, "resource.updated", "resource", env->chair3, "{\"in_service\":false}", NULL);
}

static void
user_clear (User *user)
{
  g_free (user->email);
  g_free (user->token);
  g_free (user->user_id);
  g_free (user->device_id);
}

static void
env_tear_down (Env *env)
{
  ahi_test_server_stop (&env->server);
  ahi_test_server_fix_clock (NULL);
  g_free (env->salon);
  user_clear (&env->owner);
  user_clear (&env->manager);
  user_clear (&env->staff);
  g_free (env->customer);
  g_free (env->chair1);
  g_free (env->chair2);
  g_free (env->chair3);
  g_free (env->cut);
  g_free (env->cut_beard);
}

/* -------------------------------------------------------------- tests */

/* The 18:45 cut: 45 minutes would end at 19:30, after the 19:00 close.
 * Refused by REST and by push alike; the slots route never offered it. */
static void
test_opening_hours (void)
{
  Env env = { 0 };
  g_autofree char *late = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(JsonObject) slots = NULL;
  g_autoptr(JsonObject) answer = NULL;
  JsonArray *list;
  guint logged;

  env_set_up (&env);
  late = booking_body (&env, env.cut_beard, NULL, env.chair1, "2026-12-07T15:45:00Z", 45, "desk", "");

  /* What the slots route offers for 45 minutes on Monday: Ayşe is the
   * only specialist, free 09:00–14:00 and 16:00–17:00 (her leave between),
   * so starts 09:00 … 13:15 ((13:15 − 09:00) / 15 min + 1 = 18) and 16:00,
   * 16:15 (2): 20, the last at 16:15 (13:15Z). Never 18:45. */
  slots = expect (call (&env, "GET", env.staff.token, NULL, "/api/tenant/%s/slots?date=2026-12-07&service=%s",
                        env.salon, env.cut_beard), 200);
  list = json_object_get_array_member (slots, "slots");
  g_assert_cmpuint (json_array_get_length (list), ==, 20);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 19), "starts_at"), ==,
                   "2026-12-07T13:15:00Z");

  assert_refused (&env, env.staff.token, late, "outside_opening_hours");
  assert_refused (&env, env.owner.token, late, "outside_opening_hours");

  /* Pushed from the staff member's device: a permanent rejection with the
   * same code, last_seq moves past it, nothing else changes. */
  before = monday (&env);
  logged = log_length (&env);
  {
    g_autofree char *id = ahi_id_new ();
    answer = push (&env, &env.staff, "staff", "appointment.created", "appointment", id, late, NULL);
  }
  g_assert_cmpstr (json_object_get_string_member (answer, "status"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (answer, "code"), ==, "outside_opening_hours");
  g_assert_false (json_object_has_member (answer, "server_seq"));
  after = monday (&env);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (log_length (&env), ==, logged);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT last_seq FROM sync_devices WHERE device_id = '%s'",
                                            env.staff.device_id);
    g_assert_cmpint (ahi_test_tenant_int (data_dir, env.salon, sql), ==, env.staff.seq);
  }

  /* Tuesday is a closure: 10:00 there is refused by the same rule. */
  {
    g_autofree char *closed = booking_body (&env, env.cut_beard, NULL, env.chair1, "2026-12-08T07:00:00Z", 45,
                                            "desk", "");
    assert_refused (&env, env.staff.token, closed, "outside_opening_hours");
  }
  /* 18:15 + 45 min ends as the salon closes: booked. */
  {
    g_autofree char *last = booking_body (&env, env.cut_beard, NULL, env.chair1, "2026-12-07T15:15:00Z", 45,
                                          "desk", "");
    g_autofree char *id = book (&env, env.staff.token, last, NULL);
    g_assert_true (ahi_id_is_valid (id));
  }
  env_tear_down (&env);
}

static void
test_staff_and_resources (void)
{
  Env env = { 0 };
  g_autofree char *on_leave = NULL;
  g_autofree char *after_hours = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *fine = NULL;
  g_autofree char *id = NULL;

  env_set_up (&env);
  /* 14:30–15:30 with Ayşe: her leave runs 14:00–16:00. */
  on_leave = booking_body (&env, env.cut, AYSE, env.chair1, "2026-12-07T11:30:00Z", 60, "desk", "");
  assert_refused (&env, env.staff.token, on_leave, "staff_unavailable");
  /* 17:30–18:30 with Ayşe: the salon is open, she has gone home at 17:00. */
  after_hours = booking_body (&env, env.cut, AYSE, env.chair1, "2026-12-07T14:30:00Z", 60, "desk", "");
  assert_refused (&env, env.manager.token, after_hours, "staff_unavailable");
  /* Koltuk 3 is out of service. */
  broken = booking_body (&env, env.cut, AYSE, env.chair3, "2026-12-07T07:00:00Z", 60, "desk", "");
  assert_refused (&env, env.staff.token, broken, "resource_out_of_service");
  /* 10:00–11:00 with Ayşe in Koltuk 1 keeps every rule. */
  fine = booking_body (&env, env.cut, AYSE, env.chair1, "2026-12-07T07:00:00Z", 60, "desk", "");
  id = book (&env, env.staff.token, fine, NULL);
  g_assert_true (ahi_id_is_valid (id));
  env_tear_down (&env);
}

/* The override: staff seat a walk-in now; the same request two hours
 * later is refused; a manager books outside the hours and the override
 * stays on the logged event. */
static void
test_override (void)
{
  Env env = { 0 };
  g_autofree char *walk_in = NULL;
  g_autofree char *desk = NULL;
  g_autofree char *managed = NULL;
  g_autofree char *event_id = NULL;
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) event = NULL;
  g_autoptr(JsonObject) answer = NULL;

  env_set_up (&env);

  /* Monday 00:05 local (21:05Z), five minutes after the server's now:
   * the salon is shut, but a walk-in is there and staff may seat them. */
  walk_in = booking_body (&env, env.cut_beard, NULL, NULL, "2026-12-06T21:05:00Z", 45, "walk_in", OVERRIDE);
  desk = booking_body (&env, env.cut_beard, NULL, NULL, "2026-12-06T21:05:00Z", 45, "desk", OVERRIDE);
  /* Not a walk-in: staff may not override. */
  assert_refused (&env, env.staff.token, desk, "outside_opening_hours");
  id = book (&env, env.staff.token, walk_in, &event_id);
  event = logged_event (&env, event_id);
  g_assert_cmpstr (string_of (event, "payload", "override"), ==, "outside_hours");
  g_assert_cmpstr (string_of (event, "actor", "role"), ==, "staff");
  g_clear_pointer (&event, json_object_unref);
  g_clear_pointer (&event_id, g_free);

  /* A manager books the 18:45 cut on purpose, by REST and by push. */
  managed = booking_body (&env, env.cut_beard, NULL, env.chair1, "2026-12-07T15:45:00Z", 45, "phone", OVERRIDE);
  g_free (id);
  id = book (&env, env.manager.token, managed, &event_id);
  event = logged_event (&env, event_id);
  g_assert_cmpstr (string_of (event, "payload", "override"), ==, "outside_hours");
  g_assert_cmpstr (string_of (event, "actor", "role"), ==, "manager");
  {
    g_autofree char *pushed = booking_body (&env, env.cut_beard, NULL, env.chair2, "2026-12-07T15:45:00Z", 45,
                                            "phone", OVERRIDE);
    g_autofree char *pushed_id = ahi_id_new ();

    answer = push (&env, &env.manager, "manager", "appointment.created", "appointment", pushed_id, pushed, NULL);
    g_assert_cmpstr (json_object_get_string_member (answer, "status"), ==, "accepted");
  }
  /* No override allows a double booking: Koltuk 1 is the manager's now. */
  {
    g_autoptr(JsonObject) busy = NULL;
    g_autofree char *twice = booking_body (&env, env.cut_beard, NULL, env.chair1, "2026-12-07T16:00:00Z", 30,
                                           "phone", OVERRIDE);

    busy = expect (call (&env, "POST", env.owner.token, twice, "/api/tenant/%s/appointments", env.salon), 409);
    g_assert_cmpstr (string_of (busy, "error", "code"), ==, "resource_busy");
    g_assert_cmpstr (string_of (busy, "error", "conflict_id"), ==, id);
  }

  /* Two hours later (the server restarted at 23:00Z; tokens live 15
   * minutes, so the staff member signs in again) the very same walk-in
   * request is refused: 21:05Z is not within 15 minutes of 23:00Z, and
   * the refusal names the rule. */
  ahi_test_server_stop (&env.server);
  ahi_test_server_fix_clock (TWO_LATER);
  ahi_test_server_start (&env.server);
  sign_in (&env, &env.staff);
  sign_in (&env, &env.owner);
  assert_refused (&env, env.staff.token, walk_in, "outside_opening_hours");
  env_tear_down (&env);
}

/* Moves: one event, checked like a booking, never a cancellation. */
static gint64
cancellation_bp (Env *env)
{
  g_autofree char *name = g_strconcat (env->salon, ".db", NULL);
  g_autofree char *path = g_build_filename (data_dir, "tenants", name, NULL);
  g_autoptr(GError) error = NULL;
  AhiKpiValue value = { 0 };
  AhiDb *db;

  /* The one KPI implementation, reading the server's file beside it
   * (WAL lets a reader in). Monday, local midnight to midnight. */
  db = ahi_db_open (path, FALSE, 1024, &error);
  g_assert_no_error (error);
  g_assert_true (ahi_kpi_compute (db, "cancellation_rate_pct", 1796590800, 1796677200, &value, &error));
  g_assert_no_error (error);
  ahi_db_close (db);
  g_assert_true (value.has_value);
  return value.value;
}

static void
test_move (void)
{
  Env env = { 0 };
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  g_autofree char *body = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(JsonObject) moved = NULL;
  g_autoptr(JsonObject) event = NULL;
  g_autoptr(JsonObject) busy = NULL;
  g_autoptr(JsonObject) answer = NULL;
  JsonObject *appointment, *item;
  guint logged;

  env_set_up (&env);
  /* A: Ayşe in Koltuk 1, 10:00–11:00. B: Koltuk 2, 12:00–13:00. C:
   * Koltuk 1, 15:00–16:00, then cancelled by the customer. */
  body = booking_body (&env, env.cut, AYSE, env.chair1, "2026-12-07T07:00:00Z", 60, "desk", "");
  a = book (&env, env.staff.token, body, NULL);
  g_free (body);
  body = booking_body (&env, env.cut, NULL, env.chair2, "2026-12-07T09:00:00Z", 60, "desk", "");
  b = book (&env, env.staff.token, body, NULL);
  g_free (body);
  body = booking_body (&env, env.cut, NULL, env.chair1, "2026-12-07T12:00:00Z", 60, "desk", "");
  c = book (&env, env.staff.token, body, NULL);
  {
    g_autoptr(JsonObject) cancelled = expect (call (&env, "POST", env.staff.token, "{\"cancelled_by\":\"customer\"}",
                                                    "/api/tenant/%s/appointments/%s/cancel", env.salon, c), 200);
  }
  /* Monday: 3 appointments, 1 cancelled: 1 ÷ 3 = 3333.33 bp → 3333. */
  g_assert_cmpint (cancellation_bp (&env), ==, 3333);

  /* A moves to 16:00 (13:00Z), a free time of Ayşe's and Koltuk 1's: only
   * the new start is sent; the length, Ayşe and the chair stay. */
  logged = log_length (&env);
  moved = expect (call (&env, "POST", env.staff.token, "{\"starts_at\":\"2026-12-07T13:00:00Z\",\"reason\":\"erken\"}",
                        "/api/tenant/%s/appointments/%s/move", env.salon, a), 200);
  appointment = json_object_get_object_member (moved, "appointment");
  g_assert_cmpstr (json_object_get_string_member (appointment, "appointment_id"), ==, a);
  g_assert_cmpstr (json_object_get_string_member (appointment, "status"), ==, "booked");
  g_assert_cmpstr (json_object_get_string_member (appointment, "starts_at"), ==, "2026-12-07T13:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (appointment, "ends_at"), ==, "2026-12-07T14:00:00Z");
  item = json_array_get_object_element (json_object_get_array_member (appointment, "items"), 0);
  g_assert_cmpstr (json_object_get_string_member (item, "staff_id"), ==, AYSE);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (item, "resource_ids"), 0), ==,
                   env.chair1);
  g_assert_cmpint (json_object_get_int_member (appointment, "total_minor"), ==, 65000);
  /* One event, appointment.moved, in the log; no cancellation. */
  g_assert_cmpuint (log_length (&env), ==, logged + 1);
  event = logged_event (&env, json_object_get_string_member (moved, "event_id"));
  g_assert_cmpstr (json_object_get_string_member (event, "type"), ==, "appointment.moved");
  g_assert_cmpstr (json_object_get_string_member (event, "entity_id"), ==, a);
  /* Still 3 appointments on Monday and 1 cancelled: 3333 bp. (A cancel
   * and a rebooking would have made it 2 ÷ 4 = 5000.) */
  g_assert_cmpint (cancellation_bp (&env), ==, 3333);

  /* Onto Koltuk 2 at 12:30 (09:30Z): B holds it until 13:00. Refused,
   * naming B; A stays where it is. */
  before = monday (&env);
  logged = log_length (&env);
  g_free (body);
  body = g_strdup_printf ("{\"starts_at\":\"2026-12-07T09:30:00Z\",\"items\":[{\"resource_ids\":[\"%s\"]}]}",
                          env.chair2);
  busy = expect (call (&env, "POST", env.manager.token, body, "/api/tenant/%s/appointments/%s/move", env.salon, a), 409);
  g_assert_cmpstr (string_of (busy, "error", "code"), ==, "resource_busy");
  g_assert_cmpstr (string_of (busy, "error", "conflict_id"), ==, b);
  /* Into Ayşe's leave (14:30 local): staff_unavailable. */
  ahi_test_assert_error (call (&env, "POST", env.staff.token, "{\"starts_at\":\"2026-12-07T11:30:00Z\"}",
                               "/api/tenant/%s/appointments/%s/move", env.salon, a), 409, "staff_unavailable");
  after = monday (&env);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (log_length (&env), ==, logged);

  /* The same busy move pushed from the staff member's device: rejected
   * for good with the same code and the appointment in the way; the log
   * and the day are untouched. */
  g_free (body);
  body = g_strdup_printf ("{\"starts_at\":\"2026-12-07T09:30:00Z\",\"ends_at\":\"2026-12-07T10:30:00Z\","
                          "\"items\":[{\"staff_id\":\"" AYSE "\",\"resource_ids\":[\"%s\"],"
                          "\"starts_at\":\"2026-12-07T09:30:00Z\",\"ends_at\":\"2026-12-07T10:30:00Z\"}]}",
                          env.chair2);
  answer = push (&env, &env.staff, "staff", "appointment.moved", "appointment", a, body, NULL);
  g_assert_cmpstr (json_object_get_string_member (answer, "status"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (answer, "code"), ==, "resource_busy");
  g_assert_cmpstr (json_object_get_string_member (answer, "conflict_id"), ==, b);
  g_clear_pointer (&after, g_free);
  after = monday (&env);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (log_length (&env), ==, logged);

  /* A cancelled appointment does not move. */
  ahi_test_assert_error (call (&env, "POST", env.staff.token, "{\"starts_at\":\"2026-12-07T08:00:00Z\"}",
                               "/api/tenant/%s/appointments/%s/move", env.salon, c), 409, "invalid_state");
  env_tear_down (&env);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  ahi_core_init ();
  data_dir = g_dir_make_tmp ("ahi-booking-XXXXXX", NULL);
  ahi_test_server_init (data_dir);

  g_test_add_func ("/server/booking/opening-hours", test_opening_hours);
  g_test_add_func ("/server/booking/staff-and-resources", test_staff_and_resources);
  g_test_add_func ("/server/booking/override", test_override);
  g_test_add_func ("/server/booking/move", test_move);
  status = g_test_run ();

  ahi_test_server_finish ();
  g_free (data_dir);
  return status;
}
