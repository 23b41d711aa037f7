/* test-scope.c — what each role may read, through a real ahi-server
 * process (DESIGN §5a, docs/events.md "Who may read")
 *
 * The receptionist takes payments and counts the till: a staff member's
 * Command Center keeps every card and count but no figure in kuruş, and
 * an owner's cached answer is never served to staff (the cache is per
 * scope). Staff PIN hashes (4–6 digits: a copy could be guessed offline)
 * reach desk devices only, by pull and by bootstrap; a desk carries the
 * events of everyone who works at it. A staff device that bootstraps
 * and then pulls ends with exactly what a fresh copy for its scope
 * holds.
 */
#include "ahi-test-tenant.h"

#include <string.h>

#include "core/ahi-core.h"
#include "core/ahi-id.h"
#include "store/ahi-db.h"
#include "store/ahi-store.h"
#include "store/ahi-store-dump.h"
#include "store/ahi-tenant-bootstrap.h"

#define PASSWORD "çok-gizli-parola"
#define AT       "2026-12-07T09:00:00Z"
#define ECE      "01900000-0000-7000-8000-0000000000e1"   /* a desk colleague without an account */
/* What an Argon2id hash of a PIN looks like: the bytes no copy for a
 * device that is no desk may hold. */
#define PIN_HASH "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo"

static char *data_dir;

typedef struct {
  char *tenant, *owner_user, *owner, *owner_device, *staff_user, *staff, *staff_device;
} Salon;

static void
salon_clear (Salon *salon)
{
  g_free (salon->tenant);
  g_free (salon->owner_user);
  g_free (salon->owner);
  g_free (salon->owner_device);
  g_free (salon->staff_user);
  g_free (salon->staff);
  g_free (salon->staff_device);
}

static void
salon_sign_up (AhiTestServer *server,
               const char    *name,
               Salon         *salon)
{
  g_autofree char *owner_email = g_strdup_printf ("%s@example.com", name);
  g_autofree char *staff_email = g_strdup_printf ("%s-banko@example.com", name);

  salon->tenant = ahi_test_sign_up (server, "Işıl Kuaför", "Işıl", "hair_beauty", owner_email, PASSWORD,
                                    &salon->owner_user);
  salon->owner = ahi_test_login (server, owner_email, PASSWORD, &salon->owner_device);
  salon->staff_user = ahi_test_add_member (server, salon->tenant, salon->owner, staff_email, PASSWORD, "staff");
  salon->staff = ahi_test_login (server, staff_email, PASSWORD, &salon->staff_device);
}

/* A sale of today, written by the owner through REST. */
static void
record_sale (AhiTestServer *server,
             Salon         *salon,
             gint64         amount)
{
  /* A minute ago: the snapshot's window ends at its "now". */
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) before = g_date_time_add_minutes (now, -1);
  g_autofree char *booked_at = g_date_time_format (before, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *body = g_strdup_printf (
    "{\"kind\":\"sale\",\"source\":\"manual\",\"method\":\"cash\",\"amount_minor\":%" G_GINT64_FORMAT ","
    "\"currency\":\"TRY\",\"vat_rate_bp\":2000,\"booked_at\":\"%s\"}", amount, booked_at);
  AhiTestReply reply = ahi_test_callf (server, "POST", salon->owner, body, "/api/tenant/%s/revenue/events",
                                       salon->tenant);

  ahi_test_expect (&reply, 201);
  ahi_test_reply_clear (&reply);
}

/* The Command Center as token reads it: its text, and whether it came
 * from the cache. */
static char *
command_center (AhiTestServer *server,
                Salon         *salon,
                const char    *token,
                gboolean      *out_cached)
{
  AhiTestReply reply = ahi_test_callf (server, "GET", token, NULL, "/api/tenant/%s/command-center", salon->tenant);
  JsonObject *center = ahi_test_expect (&reply, 200);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), center);
  char *text = json_to_string (node, FALSE);

  *out_cached = g_strcmp0 (reply.cache, "hit") == 0;
  ahi_test_reply_clear (&reply);
  return text;
}

static guint
count_minor_kpis (const char *text,
                  guint      *out_all)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *kpis;
  guint n = 0;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  kpis = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "kpis");
  for (guint i = 0; i < json_array_get_length (kpis); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (kpis, i), "unit"), "minor"))
      n++;
  *out_all = json_array_get_length (kpis);
  return n;
}

/* ---------------------------------------------------------------- tests */

/* The owner's Command Center shows the month's sales in kuruş; the staff
 * member's the same KPIs but the money ones, and no "_minor" member
 * anywhere; each is cached for its own scope. */
static void
test_command_center_per_scope (void)
{
  AhiTestServer server = { 0 };
  Salon salon = { 0 };
  g_autofree char *owner_first = NULL, *owner_again = NULL, *staff_first = NULL, *staff_again = NULL;
  gboolean cached = TRUE;
  guint owner_all, staff_all, owner_money, staff_money;

  ahi_test_server_start (&server);
  salon_sign_up (&server, "scope", &salon);
  /* 1.200,00 TL sold today: the owner's "revenue_sold" carries 120000. */
  record_sale (&server, &salon, 120000);

  owner_first = command_center (&server, &salon, salon.owner, &cached);
  g_assert_false (cached);
  owner_again = command_center (&server, &salon, salon.owner, &cached);
  g_assert_true (cached);
  g_assert_cmpstr (owner_again, ==, owner_first);
  g_assert_nonnull (strstr (owner_first, "\"id\":\"revenue_sold\""));
  g_assert_nonnull (strstr (owner_first, "120000"));

  /* The owner's answer is in the cache; staff still get a miss: theirs
   * is made for their scope. */
  staff_first = command_center (&server, &salon, salon.staff, &cached);
  g_assert_false (cached);
  staff_again = command_center (&server, &salon, salon.staff, &cached);
  g_assert_true (cached);
  g_assert_cmpstr (staff_again, ==, staff_first);
  g_assert_null (strstr (staff_first, "_minor"));
  g_assert_null (strstr (staff_first, "120000"));
  g_assert_null (strstr (staff_first, "\"unit\":\"minor\""));

  /* The KPIs staff see are the owner's but the money ones. */
  owner_money = count_minor_kpis (owner_first, &owner_all);
  staff_money = count_minor_kpis (staff_first, &staff_all);
  g_assert_cmpuint (owner_money, >, 0);
  g_assert_cmpuint (staff_money, ==, 0);
  g_assert_cmpuint (staff_all, ==, owner_all - owner_money);

  ahi_test_server_stop (&server);
  salon_clear (&salon);
}

/* One event through POST …/sync/push as token on device; its answer. */
static char *
push_one (AhiTestServer *server,
          Salon         *salon,
          const char    *token,
          const char    *device,
          const char    *event)
{
  g_autofree char *body = ahi_test_push_body (device, event);
  AhiTestReply reply = ahi_test_callf (server, "POST", token, body, "/api/tenant/%s/sync/push", salon->tenant);
  JsonObject *answer = json_array_get_object_element (json_object_get_array_member (ahi_test_expect (&reply, 200),
                                                                                     "answers"), 0);
  char *outcome = g_strdup (json_object_has_member (answer, "code") ? json_object_get_string_member (answer, "code")
                                                                      : json_object_get_string_member (answer, "status"));

  ahi_test_reply_clear (&reply);
  return outcome;
}

/* The text of GET …/sync/pull?after=after as token. */
static char *
pull_text (AhiTestServer *server,
           Salon         *salon,
           const char    *token,
           gint64         after,
           JsonArray    **out_events)
{
  AhiTestReply reply = ahi_test_callf (server, "GET", token, NULL, "/api/tenant/%s/sync/pull?after=%" G_GINT64_FORMAT
                                       "&limit=1000", salon->tenant, after);
  JsonObject *page = ahi_test_expect (&reply, 200);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), page);
  char *text = json_to_string (node, FALSE);

  g_assert_false (json_object_get_boolean_member (page, "has_more"));
  if (out_events != NULL)
    *out_events = json_array_ref (json_object_get_array_member (page, "events"));
  ahi_test_reply_clear (&reply);
  return text;
}

static void
set_desk (AhiTestServer *server,
          Salon         *salon,
          const char    *method,
          const char    *device)
{
  AhiTestReply reply = ahi_test_callf (server, method, salon->owner, NULL, "/api/tenant/%s/desk-devices/%s",
                                       salon->tenant, device);

  g_assert_cmpuint (reply.status, ==, 204);
  ahi_test_reply_clear (&reply);
}

/* The owner adds Ece, a colleague without an account (seq 1), and sets
 * her desk PIN (seq 2: a change of nothing but the PIN). */
static void
add_ece_with_pin (AhiTestServer *server,
                  Salon         *salon)
{
  g_autofree char *created = ahi_test_event_text (salon->tenant, salon->owner_device, salon->owner_user, 1,
                                                  "staff.created", "staff", ECE, AT, "{\"role\":\"staff\"}",
                                                  "{\"display_name\":\"Ece Kaya\"}", NULL);
  g_autofree char *pin = ahi_test_event_text (salon->tenant, salon->owner_device, salon->owner_user, 2,
                                              "staff.updated", "staff", ECE, AT, "{}",
                                              "{\"pin_hash\":\"" PIN_HASH "\"}", NULL);
  g_autofree char *first = push_one (server, salon, salon->owner, salon->owner_device, created);
  g_autofree char *second = push_one (server, salon, salon->owner, salon->owner_device, pin);

  g_assert_cmpstr (first, ==, "accepted");
  g_assert_cmpstr (second, ==, "accepted");
}

/* Nobody's own device receives a PIN hash, not even the owner's; a desk
 * does, by pull and by bootstrap. */
static void
test_pin_hashes_to_desks_only (void)
{
  AhiTestServer server = { 0 };
  Salon salon = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("ahi-pins-XXXXXX", NULL);
  g_autofree char *staff_copy = g_build_filename (dir, "staff.db", NULL);
  g_autofree char *desk_copy = g_build_filename (dir, "desk.db", NULL);
  gint64 boot, cursor = 0;

  ahi_test_server_start (&server);
  salon_sign_up (&server, "pins", &salon);
  boot = ahi_test_tenant_int (data_dir, salon.tenant, "SELECT max(seq) FROM tenant_event_logs");
  add_ece_with_pin (&server, &salon);

  /* Staff and owner devices: Ece arrives (her name), her PIN does not,
   * and the PIN-only change not at all: one event of the two. */
  {
    const char *tokens[] = { salon.staff, salon.owner };

    for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
      {
        g_autoptr(JsonArray) events = NULL;
        g_autofree char *text = pull_text (&server, &salon, tokens[i], boot, &events);

        g_assert_null (strstr (text, "argon2"));
        g_assert_null (strstr (text, "pin_hash"));
        g_assert_nonnull (strstr (text, "Ece Kaya"));
        g_assert_cmpuint (json_array_get_length (events), ==, 1);
      }
  }
  g_assert_cmpuint (ahi_test_fetch_snapshot (&server, salon.tenant, salon.staff, staff_copy, &cursor), ==, 200);
  g_assert_cmpint (cursor, ==, boot + 2);
  g_assert_false (ahi_test_file_contains (staff_copy, "argon2"));
  g_assert_cmpint (ahi_test_file_int (staff_copy, "SELECT count(*) FROM staff WHERE staff_id = '" ECE "'"), ==, 1);
  g_assert_cmpint (ahi_test_file_int (staff_copy, "SELECT count(*) FROM staff WHERE pin_hash IS NOT NULL"), ==, 0);
  /* The log of the copy: every event but the PIN-only one. */
  g_assert_cmpint (ahi_test_file_int (staff_copy, "SELECT count(*) FROM tenant_event_logs"), ==,
                   ahi_test_tenant_int (data_dir, salon.tenant, "SELECT count(*) FROM tenant_event_logs") - 1);

  /* The owner makes the staff member's device the desk: it receives the
   * PIN (2 events), and its copy holds the hash. */
  set_desk (&server, &salon, "POST", salon.staff_device);
  {
    g_autoptr(JsonArray) events = NULL;
    g_autofree char *text = pull_text (&server, &salon, salon.staff, boot, &events);

    g_assert_nonnull (strstr (text, "argon2"));
    g_assert_cmpuint (json_array_get_length (events), ==, 2);
  }
  g_assert_cmpuint (ahi_test_fetch_snapshot (&server, salon.tenant, salon.staff, desk_copy, &cursor), ==, 200);
  g_assert_true (ahi_test_file_contains (desk_copy, "argon2"));
  g_assert_cmpint (ahi_test_file_int (desk_copy, "SELECT count(*) FROM staff WHERE pin_hash IS NOT NULL"), ==, 1);

  /* Unregistered: it is an ordinary device again. */
  set_desk (&server, &salon, "DELETE", salon.staff_device);
  {
    g_autofree char *text = pull_text (&server, &salon, salon.staff, boot, NULL);

    g_assert_null (strstr (text, "argon2"));
  }

  ahi_test_server_stop (&server);
  {
    const char *argv_rm[] = { "rm", "-rf", dir, NULL };
    g_spawn_sync (NULL, (char **) argv_rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  salon_clear (&salon);
}

/* At a desk people switch with a PIN: the device carries the events of
 * the owner and of Ece, each in their own role; off a desk the same
 * events are a staff member posing as others. */
static void
test_desk_carries_its_people (void)
{
  AhiTestServer server = { 0 };
  Salon salon = { 0 };
  g_autofree char *owner_staff = NULL;
  gint64 seq = 0;

  ahi_test_server_start (&server);
  salon_sign_up (&server, "desk", &salon);
  owner_staff = ahi_tenant_owner_id (salon.tenant);
  add_ece_with_pin (&server, &salon);

#define PUSH_AS(actor, role, expected)                                                                  \
  G_STMT_START {                                                                                        \
    g_autofree char *customer = ahi_id_new ();                                                          \
    g_autofree char *event = ahi_test_event_text_as (salon.tenant, salon.staff_device, actor, role,     \
                                                     ++seq, "customer.created", "customer", customer,   \
                                                     AT, "{\"source\":\"walk_in\"}",                    \
                                                     "{\"full_name\":\"Müşteri\"}", NULL);              \
    g_autofree char *outcome = push_one (&server, &salon, salon.staff, salon.staff_device, event);     \
    g_assert_cmpstr (outcome, ==, expected);                                                            \
  } G_STMT_END

  /* Not a desk: only the staff member themself. */
  PUSH_AS (owner_staff, "owner", "wrong_actor");
  PUSH_AS (ECE, "staff", "wrong_actor");
  PUSH_AS (salon.staff_user, "staff", "accepted");

  /* A desk: the owner (by account and by staff row) and Ece, each in
   * their own role — and never in another's. */
  set_desk (&server, &salon, "POST", salon.staff_device);
  PUSH_AS (owner_staff, "owner", "accepted");
  PUSH_AS (salon.owner_user, "owner", "accepted");
  PUSH_AS (ECE, "staff", "accepted");
  PUSH_AS (ECE, "owner", "wrong_actor");
  PUSH_AS (salon.staff_user, "manager", "wrong_actor");
#undef PUSH_AS

  ahi_test_server_stop (&server);
  salon_clear (&salon);
}

/* A clinic's receptionist device bootstraps, the owner writes on, and
 * the device pulls and applies what comes: its projections are then
 * exactly a fresh copy's for its scope — no health note, no PIN, nothing
 * missing. */
static void
test_staff_device_converges (void)
{
  AhiTestServer server = { 0 };
  Salon salon = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("ahi-converge-XXXXXX", NULL);
  g_autofree char *device_path = g_build_filename (dir, "device.db", NULL);
  g_autofree char *fresh_path = g_build_filename (dir, "fresh.db", NULL);
  g_autoptr(AhiStore) device = NULL;
  g_autoptr(AhiStore) fresh = NULL;
  g_autoptr(JsonArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *device_dump = NULL, *fresh_dump = NULL, *pulled = NULL;
  const char *patient = "01900000-0000-7000-8000-0000000000c1";
  gint64 cursor = 0, fresh_cursor = 0, seq = 2;

  ahi_test_server_start (&server);
  /* A dental clinic is in healthcare mode: staff read no health note. */
  g_free (salon.tenant);
  {
    g_autofree char *owner_email = g_strdup ("converge@example.com");

    salon.tenant = ahi_test_sign_up (&server, "Gülüş Diş", "Selin", "dental_esthetic", owner_email, PASSWORD,
                                     &salon.owner_user);
    salon.owner = ahi_test_login (&server, owner_email, PASSWORD, &salon.owner_device);
    salon.staff_user = ahi_test_add_member (&server, salon.tenant, salon.owner, "converge-banko@example.com",
                                            PASSWORD, "staff");
    salon.staff = ahi_test_login (&server, "converge-banko@example.com", PASSWORD, &salon.staff_device);
  }
  add_ece_with_pin (&server, &salon);

#define OWNER_PUSH(type, entity, id, payload, pii)                                                      \
  G_STMT_START {                                                                                        \
    g_autofree char *event = ahi_test_event_text (salon.tenant, salon.owner_device, salon.owner_user,   \
                                                  ++seq, type, entity, id, AT, payload, pii, NULL);     \
    g_autofree char *outcome = push_one (&server, &salon, salon.owner, salon.owner_device, event);     \
    g_assert_cmpstr (outcome, ==, "accepted");                                                          \
  } G_STMT_END

  OWNER_PUSH ("customer.created", "customer", patient, "{\"source\":\"phone\"}", "{\"full_name\":\"Ömer Aydın\"}");
  {
    g_autofree char *note = ahi_id_new ();

    OWNER_PUSH ("crm.note.created", "note", note, "{\"customer_id\":\"01900000-0000-7000-8000-0000000000c1\","
                "\"kind\":\"health\"}", "{\"text\":\"Penisilin alerjisi\"}");
  }
  g_assert_cmpuint (ahi_test_fetch_snapshot (&server, salon.tenant, salon.staff, device_path, &cursor), ==, 200);

  /* Life goes on after the copy: a general note, another health note,
   * a new PIN for Ece, a second patient. */
  {
    g_autofree char *general = ahi_id_new ();
    g_autofree char *health = ahi_id_new ();

    OWNER_PUSH ("crm.note.created", "note", general, "{\"customer_id\":\"01900000-0000-7000-8000-0000000000c1\","
                "\"kind\":\"general\"}", "{\"text\":\"Sabah randevusu ister\"}");
    OWNER_PUSH ("crm.note.created", "note", health, "{\"customer_id\":\"01900000-0000-7000-8000-0000000000c1\","
                "\"kind\":\"health\"}", "{\"text\":\"Kalp pili var\"}");
    OWNER_PUSH ("staff.updated", "staff", ECE, "{}", "{\"pin_hash\":\"" PIN_HASH "x\"}");
    OWNER_PUSH ("customer.created", "customer", "01900000-0000-7000-8000-0000000000c2", "{\"source\":\"phone\"}",
                "{\"full_name\":\"Ayşe Demir\"}");
  }
#undef OWNER_PUSH

  /* The device pulls after its copy and applies the page as its store
   * applies any event. */
  pulled = pull_text (&server, &salon, salon.staff, cursor, &events);
  g_assert_null (strstr (pulled, "Kalp pili"));
  g_assert_null (strstr (pulled, "argon2"));
  /* 4 written after the copy; the health note and the PIN-only change
   * stay on the server: 2 arrive. */
  g_assert_cmpuint (json_array_get_length (events), ==, 2);
  device = ahi_store_open (device_path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      g_autoptr(AhiEvent) event = ahi_event_from_node (json_array_get_element (events, i), &error);

      g_assert_no_error (error);
      g_assert_true (ahi_store_append (device, event, NULL, &error));
      g_assert_no_error (error);
    }

  /* A fresh copy for the same scope, now. */
  g_assert_cmpuint (ahi_test_fetch_snapshot (&server, salon.tenant, salon.staff, fresh_path, &fresh_cursor), ==, 200);
  fresh = ahi_store_open (fresh_path, &error);
  g_assert_no_error (error);
  device_dump = ahi_store_dump_projections (ahi_store_get_db (device), &error);
  g_assert_no_error (error);
  fresh_dump = ahi_store_dump_projections (ahi_store_get_db (fresh), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (device_dump, ==, fresh_dump);
  g_assert_null (strstr (device_dump, "Penisilin"));
  g_assert_null (strstr (device_dump, "Kalp pili"));
  g_assert_null (strstr (device_dump, "argon2"));
  /* What came after the copy is there: the second patient and the
   * general note (one note in all: neither health note came). */
  g_assert_nonnull (strstr (device_dump, "01900000-0000-7000-8000-0000000000c2"));
  g_assert_cmpint (ahi_db_query_int (ahi_store_get_db (device), "SELECT count(*) FROM notes", -1, NULL), ==, 1);
  g_assert_cmpint (ahi_db_query_int (ahi_store_get_db (device), "SELECT count(*) FROM notes WHERE kind = 'health'",
                                     -1, NULL), ==, 0);
  g_assert_cmpint (ahi_db_query_int (ahi_store_get_db (device), "SELECT count(*) FROM staff WHERE pin_hash IS NOT NULL",
                                     -1, NULL), ==, 0);

  g_clear_object (&device);
  g_clear_object (&fresh);
  ahi_test_server_stop (&server);
  {
    const char *argv_rm[] = { "rm", "-rf", dir, NULL };
    g_spawn_sync (NULL, (char **) argv_rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  salon_clear (&salon);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  ahi_core_init ();
  data_dir = g_dir_make_tmp ("ahi-scope-XXXXXX", NULL);
  ahi_test_server_init (data_dir);

  g_test_add_func ("/server/scope/command-center", test_command_center_per_scope);
  g_test_add_func ("/server/scope/pin-hashes-to-desks-only", test_pin_hashes_to_desks_only);
  g_test_add_func ("/server/scope/desk-carries-its-people", test_desk_carries_its_people);
  g_test_add_func ("/server/scope/staff-device-converges", test_staff_device_converges);

  status = g_test_run ();
  ahi_test_server_finish ();
  g_free (data_dir);
  return status;
}
