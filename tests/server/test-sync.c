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
#include <signal.h>
#include <sys/prctl.h>

#include "core/ahi-core.h"
#include "core/ahi-id.h"

#define CUSTOMER "01900000-0000-7000-8000-0000000000c1"
#define APPT_1   "01900000-0000-7000-8000-0000000000a1"
#define APPT_2   "01900000-0000-7000-8000-0000000000a2"

typedef struct {
  GSubprocess *process;
  char        *base;      /* http://127.0.0.1:PORT */
} Server;

typedef struct {
  guint     status;
  JsonNode *body;         /* NULL when empty */
} Reply;

static char        *data_dir;
static SoupSession *session;

/* ------------------------------------------------------------ helpers */

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
server_start (Server *server)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autofree char *line = NULL;
  const char *binary = g_getenv ("AHI_SERVER_BINARY");

  g_assert_nonnull (binary);
  /* The server dies with the test, even when an assertion aborts it. */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  server->process = g_subprocess_launcher_spawn (launcher, &error, binary,
                                                 "--data-dir", data_dir, "--listen", "127.0.0.1:0",
                                                 "--password-cost", "min", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "listening on http://127.0.0.1:"));
  server->base = g_strdup (line + strlen ("listening on "));
}

static void
server_stop (Server *server)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait (server->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (server->process));
  g_assert_cmpint (g_subprocess_get_exit_status (server->process), ==, 0);
  g_clear_object (&server->process);
  g_free (server->base);
}

static void
reply_clear (Reply *reply)
{
  g_clear_pointer (&reply->body, json_node_unref);
}

static Reply
call (Server     *server,
      const char *method,
      const char *path,
      const char *token,
      const char *body)
{
  g_autofree char *uri = g_strconcat (server->base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  Reply reply = { 0 };
  gsize length = 0;
  const char *data;

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  reply.status = soup_message_get_status (msg);
  data = g_bytes_get_data (answer, &length);
  if (length > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_assert_true (json_parser_load_from_data (parser, data, length, NULL));
      reply.body = json_node_copy (json_parser_get_root (parser));
    }
  return reply;
}

static JsonObject *
object (Reply *reply)
{
  g_assert_nonnull (reply->body);
  return json_node_get_object (reply->body);
}

static void
assert_error (Reply       reply,
              guint       status,
              const char *code)
{
  g_assert_cmpuint (reply.status, ==, status);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object (&reply), "error"), "code"),
                   ==, code);
  reply_clear (&reply);
}

/* One envelope of the device, acted by the owner. */
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

/* -------------------------------------------------------------- test */

static void
test_push_pull (void)
{
  Server server = { 0 };
  g_autofree char *tenant = NULL, *user = NULL, *token = NULL, *device = NULL;
  g_autofree char *chair = NULL, *service = NULL;
  g_autofree char *push_path = NULL, *pull_path = NULL, *path = NULL;
  g_autofree char *customer = NULL, *appt = NULL, *batch = NULL, *body = NULL;
  g_autofree char *first_answers = NULL, *again_answers = NULL;
  JsonArray *events, *answers;
  gint64 boot;
  Reply reply;

  server_start (&server);

  reply = call (&server, "POST", "/api/signup", NULL,
                "{\"business_name\":\"Işıl Kuaför\",\"sector\":\"hair_beauty\",\"email\":\"isil@example.com\","
                "\"password\":\"çok-gizli-parola\",\"owner_name\":\"Işıl Çağlar\"}");
  g_assert_cmpuint (reply.status, ==, 201);
  tenant = g_strdup (json_object_get_string_member (object (&reply), "tenant_id"));
  user = g_strdup (json_object_get_string_member (object (&reply), "user_id"));
  reply_clear (&reply);

  reply = call (&server, "POST", "/api/login", NULL,
                "{\"email\":\"isil@example.com\",\"password\":\"çok-gizli-parola\"}");
  g_assert_cmpuint (reply.status, ==, 200);
  token = g_strdup (json_object_get_string_member (object (&reply), "access_token"));
  device = g_strdup (json_object_get_string_member (object (&reply), "device_id"));
  reply_clear (&reply);

  push_path = g_strdup_printf ("/api/tenant/%s/sync/push", tenant);
  pull_path = g_strdup_printf ("/api/tenant/%s/sync/pull", tenant);

  /* A new device pulls the bootstrap: B events, server_seq 1..B. */
  path = g_strdup_printf ("%s?after=0&limit=1000", pull_path);
  reply = call (&server, "GET", path, token, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  events = json_object_get_array_member (object (&reply), "events");
  boot = json_array_get_length (events);
  g_assert_cmpint (boot, >, 0);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (events, boot - 1), "server_seq"), ==, boot);
  g_assert_cmpint (json_object_get_int_member (object (&reply), "cursor"), ==, boot);
  g_assert_false (json_object_get_boolean_member (object (&reply), "has_more"));
  g_assert_cmpint (json_object_get_int_member (object (&reply), "last_seq"), ==, 0);
  chair = find_entity (events, "resource.created", "name", "Koltuk 1");
  service = find_entity (events, "service.created", "code", "kadin_sac_kesimi");
  reply_clear (&reply);

  /* Push a customer (seq 1) and a booking (seq 2): B + 1 and B + 2. */
  customer = envelope (tenant, device, user, 1, "customer.created", "customer", CUSTOMER,
                       "{\"source\":\"walk_in\"}", "{\"full_name\":\"Işıl Çağlar\"}");
  {
    g_autofree char *payload = booking (service, chair, "07:00:00", "08:00:00");
    appt = envelope (tenant, device, user, 2, "appointment.created", "appointment", APPT_1, payload, NULL);
  }
  batch = g_strconcat (customer, ",", appt, NULL);
  body = push_body (device, batch);
  reply = call (&server, "POST", push_path, token, body);
  g_assert_cmpuint (reply.status, ==, 200);
  answers = json_object_get_array_member (object (&reply), "answers");
  g_assert_cmpuint (json_array_get_length (answers), ==, 2);
  assert_answer (answers, 0, 1, "accepted", boot + 1);
  assert_answer (answers, 1, 2, "accepted", boot + 2);
  g_assert_false (json_object_has_member (object (&reply), "expected_seq"));
  first_answers = json_to_string (json_object_get_member (object (&reply), "answers"), FALSE);
  reply_clear (&reply);

  /* Pull them back after B: two events with their server_seq, the
   * device's last seq 2 and its two answers. */
  g_free (path);
  path = g_strdup_printf ("%s?after=%" G_GINT64_FORMAT, pull_path, boot);
  reply = call (&server, "GET", path, token, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  events = json_object_get_array_member (object (&reply), "events");
  g_assert_cmpuint (json_array_get_length (events), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 0), "entity_id"), ==, CUSTOMER);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (events, 0), "server_seq"), ==, boot + 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 1), "entity_id"), ==, APPT_1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (events, 1), "server_seq"), ==, boot + 2);
  g_assert_true (json_object_has_member (json_array_get_object_element (events, 1), "received_at"));
  g_assert_cmpint (json_object_get_int_member (object (&reply), "cursor"), ==, boot + 2);
  g_assert_cmpint (json_object_get_int_member (object (&reply), "last_seq"), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object (&reply), "answers")), ==, 2);
  reply_clear (&reply);

  /* The same batch again (the answer was lost): the same answers. */
  reply = call (&server, "POST", push_path, token, body);
  g_assert_cmpuint (reply.status, ==, 200);
  again_answers = json_to_string (json_object_get_member (object (&reply), "answers"), FALSE);
  g_assert_cmpstr (again_answers, ==, first_answers);
  reply_clear (&reply);

  /* Another device than the token's: 403. */
  {
    g_autofree char *other = ahi_id_new ();
    g_autofree char *other_body = push_body (other, batch);

    assert_error (call (&server, "POST", push_path, token, other_body), 403, "forbidden");
  }

  /* Seq 4 before 3: a gap, nothing processed, 3 expected. */
  {
    g_autofree char *fourth = envelope (tenant, device, user, 4, "customer.created", "customer",
                                        "01900000-0000-7000-8000-0000000000c4", "{\"source\":\"phone\"}",
                                        "{\"full_name\":\"Ömer Aydın\"}");
    g_autofree char *gap_body = push_body (device, fourth);

    reply = call (&server, "POST", push_path, token, gap_body);
    g_assert_cmpuint (reply.status, ==, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object (&reply), "answers")), ==, 0);
    g_assert_cmpint (json_object_get_int_member (object (&reply), "expected_seq"), ==, 3);
    reply_clear (&reply);
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

    reply = call (&server, "POST", push_path, token, bad_body);
    g_assert_cmpuint (reply.status, ==, 200);
    answers = json_object_get_array_member (object (&reply), "answers");
    g_assert_cmpuint (json_array_get_length (answers), ==, 2);
    assert_answer (answers, 0, 3, "rejected", 0);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (answers, 0), "code"), ==,
                     "invalid_event");
    answer = json_array_get_object_element (answers, 1);
    assert_answer (answers, 1, 4, "rejected", 0);
    g_assert_cmpstr (json_object_get_string_member (answer, "code"), ==, "resource_busy");
    g_assert_cmpstr (json_object_get_string_member (answer, "conflict_id"), ==, APPT_1);
    g_assert_false (json_object_has_member (object (&reply), "expected_seq"));
    reply_clear (&reply);
  }

  /* Bodies of another shape: 400. */
  {
    g_autofree char *no_array = g_strdup_printf ("{\"device_id\":\"%s\",\"events\":{}}", device);
    g_autofree char *no_seq = g_strdup_printf ("{\"device_id\":\"%s\",\"events\":[{\"v\":1}]}", device);

    assert_error (call (&server, "POST", push_path, token, no_array), 400, "bad_request");
    assert_error (call (&server, "POST", push_path, token, no_seq), 400, "wrong_type");
  }

  /* A cursor beyond the log (B + 2 events): 410; a bad one: 400. */
  g_free (path);
  path = g_strdup_printf ("%s?after=%" G_GINT64_FORMAT, pull_path, boot + 3);
  assert_error (call (&server, "GET", path, token, NULL), 410, "snapshot_required");
  g_free (path);
  path = g_strdup_printf ("%s?after=-1", pull_path);
  assert_error (call (&server, "GET", path, token, NULL), 400, "bad_request");
  /* At the end of the log: an empty page, has_more false, the device's
   * last seq 4 and its two rejections. */
  g_free (path);
  path = g_strdup_printf ("%s?after=%" G_GINT64_FORMAT, pull_path, boot + 2);
  reply = call (&server, "GET", path, token, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object (&reply), "events")), ==, 0);
  g_assert_false (json_object_get_boolean_member (object (&reply), "has_more"));
  g_assert_cmpint (json_object_get_int_member (object (&reply), "last_seq"), ==, 4);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object (&reply), "answers")), ==, 2);
  reply_clear (&reply);

  /* No token: 401. */
  assert_error (call (&server, "POST", push_path, NULL, body), 401, "unauthorized");

  server_stop (&server);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  ahi_core_init ();
  data_dir = g_dir_make_tmp ("ahi-sync-XXXXXX", NULL);
  session = soup_session_new ();

  g_test_add_func ("/server/sync/push-pull", test_push_pull);
  status = g_test_run ();

  g_object_unref (session);
  {
    const char *argv_rm[] = { "rm", "-rf", data_dir, NULL };
    g_spawn_sync (NULL, (char **) argv_rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  g_free (data_dir);
  return status;
}
