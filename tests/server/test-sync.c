/* test-sync.c — sync push and pull through HTTP against a real
 * ahi-server process, every figure worked out by hand
 *
 * A hair salon signs up (its log: the B bootstrap events), its owner logs
 * in from a device and pushes what the front desk did offline: a customer
 * and a booking in "Koltuk 1", then the same batch again, a batch with a
 * gap, a malformed event, a double booking, and another device's batch.
 */
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ahi-test-server.h"

#include "core/ahi-core.h"
#include "core/ahi-id.h"

#define CUSTOMER "01900000-0000-7000-8000-0000000000c1"
#define APPT_1   "01900000-0000-7000-8000-0000000000a1"
#define APPT_2   "01900000-0000-7000-8000-0000000000a2"

static char *
envelope (const char *tenant,
          const char *device,
          const char *user,
          gint64      seq,
          const char *type,
          const char *entity,
          const char *entity_id,
          const char *payload,
          const char *pii)
{
  g_autofree char *event_id = ahi_id_new ();

  return g_strdup_printf ("{\"v\":1,\"event_id\":\"%s\",\"tenant_id\":\"%s\",\"device_id\":\"%s\","
                          "\"device_seq\":%" G_GINT64_FORMAT ",\"type\":\"%s\",\"entity\":\"%s\","
                          "\"entity_id\":\"%s\",\"actor\":{\"user_id\":\"%s\",\"role\":\"owner\"},"
                          "\"occurred_at\":\"2026-12-01T07:00:00Z\",\"payload\":%s%s%s}",
                          event_id, tenant, device, seq, type, entity, entity_id, user, payload,
                          pii != NULL ? ",\"pii\":" : "", pii != NULL ? pii : "");
}

static char *
booking (const char *service,
         const char *chair,
         const char *starts,
         const char *ends)
{
  return g_strdup_printf ("{\"customer_id\":\"" CUSTOMER "\",\"starts_at\":\"2026-12-07T%sZ\","
                          "\"ends_at\":\"2026-12-07T%sZ\",\"items\":[{\"service_id\":\"%s\","
                          "\"resource_ids\":[\"%s\"],\"starts_at\":\"2026-12-07T%sZ\","
                          "\"ends_at\":\"2026-12-07T%sZ\",\"price_minor\":90000}],\"source\":\"desk\"}",
                          starts, ends, service, chair, starts, ends);
}

static char *
push_body (const char *device,
           const char *events)
{
  return g_strdup_printf ("{\"device_id\":\"%s\",\"events\":[%s]}", device, events);
}

/* The entity_id of the bootstrap event of type whose payload member is
 * value. */
static char *
find_entity (JsonArray  *events,
             const char *type,
             const char *member,
             const char *value)
{
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      JsonObject *payload = json_object_get_object_member (event, "payload");

      if (g_str_equal (json_object_get_string_member (event, "type"), type) &&
          g_strcmp0 (json_object_get_string_member_with_default (payload, member, ""), value) == 0)
        return g_strdup (json_object_get_string_member (event, "entity_id"));
    }
  g_assert_not_reached ();
}

static void
assert_answer (JsonArray  *answers,
               guint       index,
               gint64      device_seq,
               const char *status,
               gint64      server_seq)
{
  JsonObject *answer = json_array_get_object_element (answers, index);

  g_assert_cmpint (json_object_get_int_member (answer, "device_seq"), ==, device_seq);
  g_assert_cmpstr (json_object_get_string_member (answer, "status"), ==, status);
  if (server_seq > 0)
    g_assert_cmpint (json_object_get_int_member (answer, "server_seq"), ==, server_seq);
  else
    g_assert_false (json_object_has_member (answer, "server_seq"));
}

/* The first event of that type in a pulled page, or NULL. */
static JsonObject *
find_type (JsonArray  *events,
           const char *type)
{
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);

      if (g_str_equal (json_object_get_string_member (event, "type"), type))
        return event;
    }
  return NULL;
}

/* -------------------------------------------------------------- test */

static void
test_push_pull (void)
{
  AhiTestServer server = { 0 };
  g_autofree char *tenant = NULL, *user = NULL, *token = NULL, *device = NULL;
  g_autofree char *chair = NULL, *service = NULL;
  g_autofree char *push_path = NULL, *pull_path = NULL, *path = NULL;
  g_autofree char *customer = NULL, *appt = NULL, *batch = NULL, *body = NULL;
  g_autofree char *first_answers = NULL, *again_answers = NULL;
  JsonArray *events, *answers;
  gint64 boot;
  AhiTestReply reply;

  ahi_test_server_start (&server);

  reply = ahi_test_call (&server, "POST", "/api/signup", NULL,
                "{\"business_name\":\"Işıl Kuaför\",\"sector\":\"hair_beauty\",\"email\":\"isil@example.com\","
                "\"password\":\"çok-gizli-parola\",\"owner_name\":\"Işıl Çağlar\"}");
  g_assert_cmpuint (reply.status, ==, 201);
  tenant = g_strdup (json_object_get_string_member (ahi_test_reply_object (&reply), "tenant_id"));
  user = g_strdup (json_object_get_string_member (ahi_test_reply_object (&reply), "user_id"));
  ahi_test_reply_clear (&reply);

  reply = ahi_test_call (&server, "POST", "/api/login", NULL,
                "{\"email\":\"isil@example.com\",\"password\":\"çok-gizli-parola\"}");
  g_assert_cmpuint (reply.status, ==, 200);
  token = g_strdup (json_object_get_string_member (ahi_test_reply_object (&reply), "access_token"));
  device = g_strdup (json_object_get_string_member (ahi_test_reply_object (&reply), "device_id"));
  ahi_test_reply_clear (&reply);

  push_path = g_strdup_printf ("/api/tenant/%s/sync/push", tenant);
  pull_path = g_strdup_printf ("/api/tenant/%s/sync/pull", tenant);

  /* A new device pulls the bootstrap: B events, server_seq 1..B. */
  path = g_strdup_printf ("%s?after=0&limit=1000", pull_path);
  reply = ahi_test_call (&server, "GET", path, token, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  events = json_object_get_array_member (ahi_test_reply_object (&reply), "events");
  boot = json_array_get_length (events);
  g_assert_cmpint (boot, >, 0);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (events, boot - 1), "server_seq"), ==, boot);
  g_assert_cmpint (json_object_get_int_member (ahi_test_reply_object (&reply), "cursor"), ==, boot);
  g_assert_false (json_object_get_boolean_member (ahi_test_reply_object (&reply), "has_more"));
  g_assert_cmpint (json_object_get_int_member (ahi_test_reply_object (&reply), "last_seq"), ==, 0);
  chair = find_entity (events, "resource.created", "name", "Koltuk 1");
  service = find_entity (events, "service.created", "code", "kadin_sac_kesimi");
  ahi_test_reply_clear (&reply);

  /* Push a customer (seq 1) and a booking (seq 2): B + 1 and B + 2. */
  customer = envelope (tenant, device, user, 1, "customer.created", "customer", CUSTOMER,
                       "{\"source\":\"walk_in\"}", "{\"full_name\":\"Işıl Çağlar\"}");
  {
    g_autofree char *payload = booking (service, chair, "07:00:00", "08:00:00");
    appt = envelope (tenant, device, user, 2, "appointment.created", "appointment", APPT_1, payload, NULL);
  }
  batch = g_strconcat (customer, ",", appt, NULL);
  body = push_body (device, batch);
  reply = ahi_test_call (&server, "POST", push_path, token, body);
  g_assert_cmpuint (reply.status, ==, 200);
  answers = json_object_get_array_member (ahi_test_reply_object (&reply), "answers");
  g_assert_cmpuint (json_array_get_length (answers), ==, 2);
  assert_answer (answers, 0, 1, "accepted", boot + 1);
  assert_answer (answers, 1, 2, "accepted", boot + 2);
  g_assert_false (json_object_has_member (ahi_test_reply_object (&reply), "expected_seq"));
  first_answers = json_to_string (json_object_get_member (ahi_test_reply_object (&reply), "answers"), FALSE);
  ahi_test_reply_clear (&reply);

  /* Pull them back after B: two events with their server_seq, the
   * device's last seq 2 and its two answers. */
  g_free (path);
  path = g_strdup_printf ("%s?after=%" G_GINT64_FORMAT, pull_path, boot);
  reply = ahi_test_call (&server, "GET", path, token, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  events = json_object_get_array_member (ahi_test_reply_object (&reply), "events");
  g_assert_cmpuint (json_array_get_length (events), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 0), "entity_id"), ==, CUSTOMER);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (events, 0), "server_seq"), ==, boot + 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 1), "entity_id"), ==, APPT_1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (events, 1), "server_seq"), ==, boot + 2);
  g_assert_true (json_object_has_member (json_array_get_object_element (events, 1), "received_at"));
  g_assert_cmpint (json_object_get_int_member (ahi_test_reply_object (&reply), "cursor"), ==, boot + 2);
  g_assert_cmpint (json_object_get_int_member (ahi_test_reply_object (&reply), "last_seq"), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ahi_test_reply_object (&reply), "answers")), ==, 2);
  ahi_test_reply_clear (&reply);

  /* The same batch again (the answer was lost): the same answers. */
  reply = ahi_test_call (&server, "POST", push_path, token, body);
  g_assert_cmpuint (reply.status, ==, 200);
  again_answers = json_to_string (json_object_get_member (ahi_test_reply_object (&reply), "answers"), FALSE);
  g_assert_cmpstr (again_answers, ==, first_answers);
  ahi_test_reply_clear (&reply);

  /* Another device than the token's: 403. */
  {
    g_autofree char *other = ahi_id_new ();
    g_autofree char *other_body = push_body (other, batch);

    ahi_test_assert_error (ahi_test_call (&server, "POST", push_path, token, other_body), 403, "forbidden");
  }

  /* Seq 4 before 3: a gap, nothing processed, 3 expected. */
  {
    g_autofree char *fourth = envelope (tenant, device, user, 4, "customer.created", "customer",
                                        "01900000-0000-7000-8000-0000000000c4", "{\"source\":\"phone\"}",
                                        "{\"full_name\":\"Ömer Aydın\"}");
    g_autofree char *gap_body = push_body (device, fourth);

    reply = ahi_test_call (&server, "POST", push_path, token, gap_body);
    g_assert_cmpuint (reply.status, ==, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ahi_test_reply_object (&reply), "answers")), ==, 0);
    g_assert_cmpint (json_object_get_int_member (ahi_test_reply_object (&reply), "expected_seq"), ==, 3);
    ahi_test_reply_clear (&reply);
  }

  /* Seq 3 malformed (an unknown type): rejected, the queue moves on; seq
   * 4, a booking of Koltuk 1 at 07:30 over APPT_1: rejected as busy. */
  {
    g_autofree char *payload = booking (service, chair, "07:30:00", "08:30:00");
    g_autofree char *bad = envelope (tenant, device, user, 3, "customer.teleported", "customer", CUSTOMER, "{}", NULL);
    g_autofree char *busy = envelope (tenant, device, user, 4, "appointment.created", "appointment", APPT_2,
                                      payload, NULL);
    g_autofree char *events_text = g_strconcat (bad, ",", busy, NULL);
    g_autofree char *bad_body = push_body (device, events_text);
    JsonObject *answer;

    reply = ahi_test_call (&server, "POST", push_path, token, bad_body);
    g_assert_cmpuint (reply.status, ==, 200);
    answers = json_object_get_array_member (ahi_test_reply_object (&reply), "answers");
    g_assert_cmpuint (json_array_get_length (answers), ==, 2);
    assert_answer (answers, 0, 3, "rejected", 0);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (answers, 0), "code"), ==,
                     "invalid_event");
    answer = json_array_get_object_element (answers, 1);
    assert_answer (answers, 1, 4, "rejected", 0);
    g_assert_cmpstr (json_object_get_string_member (answer, "code"), ==, "resource_busy");
    g_assert_cmpstr (json_object_get_string_member (answer, "conflict_id"), ==, APPT_1);
    g_assert_false (json_object_has_member (ahi_test_reply_object (&reply), "expected_seq"));
    ahi_test_reply_clear (&reply);
  }

  /* Bodies of another shape: 400. */
  {
    g_autofree char *no_array = g_strdup_printf ("{\"device_id\":\"%s\",\"events\":{}}", device);
    g_autofree char *no_seq = g_strdup_printf ("{\"device_id\":\"%s\",\"events\":[{\"v\":1}]}", device);

    ahi_test_assert_error (ahi_test_call (&server, "POST", push_path, token, no_array), 400, "bad_request");
    ahi_test_assert_error (ahi_test_call (&server, "POST", push_path, token, no_seq), 400, "wrong_type");
  }

  /* A cursor beyond the log (B + 2 events): 410; a bad one: 400. */
  g_free (path);
  path = g_strdup_printf ("%s?after=%" G_GINT64_FORMAT, pull_path, boot + 3);
  ahi_test_assert_error (ahi_test_call (&server, "GET", path, token, NULL), 410, "snapshot_required");
  g_free (path);
  path = g_strdup_printf ("%s?after=-1", pull_path);
  ahi_test_assert_error (ahi_test_call (&server, "GET", path, token, NULL), 400, "bad_request");
  /* At the end of the log: an empty page, has_more false, the device's
   * last seq 4 and its two rejections. */
  g_free (path);
  path = g_strdup_printf ("%s?after=%" G_GINT64_FORMAT, pull_path, boot + 2);
  reply = ahi_test_call (&server, "GET", path, token, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ahi_test_reply_object (&reply), "events")), ==, 0);
  g_assert_false (json_object_get_boolean_member (ahi_test_reply_object (&reply), "has_more"));
  g_assert_cmpint (json_object_get_int_member (ahi_test_reply_object (&reply), "last_seq"), ==, 4);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ahi_test_reply_object (&reply), "answers")), ==, 2);
  ahi_test_reply_clear (&reply);

  /* No token: 401. */
  ahi_test_assert_error (ahi_test_call (&server, "POST", push_path, NULL, body), 401, "unauthorized");

  ahi_test_server_stop (&server);
}

/* A clinic (healthcare mode): the owner writes a health note; the front
 * desk's staff member pulls past it, the owner receives it. */
static void
test_health_notes_scoped (void)
{
  AhiTestServer server = { 0 };
  AhiTestReply reply;
  g_autofree char *tenant = NULL, *owner_user = NULL, *owner = NULL, *owner_device = NULL, *staff = NULL;
  g_autofree char *customer = NULL, *note = NULL, *batch = NULL, *body = NULL;
  g_autofree char *push_path = NULL, *pull_path = NULL, *members = NULL;

  ahi_test_server_start (&server);
  reply = ahi_test_call (&server, "POST", "/api/signup", NULL,
                         "{\"business_name\":\"Gülüş Diş\",\"sector\":\"dental_esthetic\","
                         "\"email\":\"selin@example.com\",\"password\":\"parola-parola\",\"owner_name\":\"Selin\"}");
  g_assert_cmpuint (reply.status, ==, 201);
  tenant = g_strdup (json_object_get_string_member (ahi_test_reply_object (&reply), "tenant_id"));
  owner_user = g_strdup (json_object_get_string_member (ahi_test_reply_object (&reply), "user_id"));
  ahi_test_reply_clear (&reply);

  reply = ahi_test_call (&server, "POST", "/api/login", NULL,
                         "{\"email\":\"selin@example.com\",\"password\":\"parola-parola\"}");
  owner = g_strdup (json_object_get_string_member (ahi_test_reply_object (&reply), "access_token"));
  owner_device = g_strdup (json_object_get_string_member (ahi_test_reply_object (&reply), "device_id"));
  ahi_test_reply_clear (&reply);

  members = g_strdup_printf ("/api/tenant/%s/members", tenant);
  reply = ahi_test_call (&server, "POST", members, owner,
                         "{\"email\":\"banko@example.com\",\"password\":\"banko-parola\","
                         "\"display_name\":\"Banko\",\"role\":\"staff\"}");
  g_assert_cmpuint (reply.status, ==, 201);
  ahi_test_reply_clear (&reply);
  reply = ahi_test_call (&server, "POST", "/api/login", NULL,
                         "{\"email\":\"banko@example.com\",\"password\":\"banko-parola\"}");
  staff = g_strdup (json_object_get_string_member (ahi_test_reply_object (&reply), "access_token"));
  ahi_test_reply_clear (&reply);

  customer = envelope (tenant, owner_device, owner_user, 1, "customer.created", "customer", CUSTOMER,
                       "{\"source\":\"phone\"}", "{\"full_name\":\"Ömer Aydın\"}");
  note = envelope (tenant, owner_device, owner_user, 2, "crm.note.created", "note", "01900000-0000-7000-8000-0000000000f1",
                   "{\"customer_id\":\"" CUSTOMER "\",\"kind\":\"health\"}", "{\"text\":\"Penisilin alerjisi\"}");
  batch = g_strdup_printf ("%s,%s", customer, note);
  body = push_body (owner_device, batch);
  push_path = g_strdup_printf ("/api/tenant/%s/sync/push", tenant);
  reply = ahi_test_call (&server, "POST", push_path, owner, body);
  g_assert_cmpuint (reply.status, ==, 200);
  {
    JsonArray *answers = json_object_get_array_member (ahi_test_reply_object (&reply), "answers");

    g_assert_cmpuint (json_array_get_length (answers), ==, 2);
    for (guint i = 0; i < 2; i++)
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (answers, i), "status"), ==, "accepted");
  }
  ahi_test_reply_clear (&reply);

  pull_path = g_strdup_printf ("/api/tenant/%s/sync/pull?after=0&limit=1000", tenant);
  reply = ahi_test_call (&server, "GET", pull_path, staff, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_null (find_type (json_object_get_array_member (ahi_test_reply_object (&reply), "events"), "crm.note.created"));
  g_assert_nonnull (find_type (json_object_get_array_member (ahi_test_reply_object (&reply), "events"), "customer.created"));
  ahi_test_reply_clear (&reply);

  reply = ahi_test_call (&server, "GET", pull_path, owner, NULL);
  g_assert_nonnull (find_type (json_object_get_array_member (ahi_test_reply_object (&reply), "events"), "crm.note.created"));
  ahi_test_reply_clear (&reply);

  ahi_test_server_stop (&server);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  ahi_core_init ();
  {
    g_autofree char *dir = g_dir_make_tmp ("ahi-sync-XXXXXX", NULL);
    ahi_test_server_init (dir);
  }

  g_test_add_func ("/server/sync/push-pull", test_push_pull);
  g_test_add_func ("/server/sync/health-notes-scoped", test_health_notes_scoped);
  status = g_test_run ();

  ahi_test_server_finish ();
  return status;
}
