/* test-server.c — a real ahi-server process on a loopback port
 *
 * Sign-up, login, tokens, roles and tenant isolation, JSON errors, the
 * cached Command Center, and a restart on the same data dir, all through
 * HTTP against the binary the README starts. Passwords use the minimum
 * Argon2id cost (--password-cost min): the cost is stored in each hash.
 */
#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "ahi-test-server.h"

#include "core/ahi-blueprint.h"
#include "core/ahi-core.h"

static const char *
member (AhiTestReply *reply, const char *name)
{
  g_assert_nonnull (reply->body);
  return json_object_get_string_member (json_node_get_object (reply->body), name);
}

static char *
sign_up (AhiTestServer *server, const char *sector, const char *email)
{
  g_autofree char *body = g_strdup_printf ("{\"business_name\":\"Işıl Kuaför\",\"sector\":\"%s\",\"email\":\"%s\","
                                           "\"password\":\"çok-gizli-parola\",\"owner_name\":\"Işıl Çağlar\"}",
                                           sector, email);
  AhiTestReply reply = ahi_test_call (server, "POST", "/api/signup", NULL, body);
  char *tenant;

  g_assert_cmpuint (reply.status, ==, 201);
  tenant = g_strdup (member (&reply, "tenant_id"));
  ahi_test_reply_clear (&reply);
  return tenant;
}

static char *
login (AhiTestServer *server, const char *email, const char *password, char **out_refresh)
{
  g_autofree char *body = g_strdup_printf ("{\"email\":\"%s\",\"password\":\"%s\"}", email, password);
  AhiTestReply reply = ahi_test_call (server, "POST", "/api/login", NULL, body);
  char *token;

  g_assert_cmpuint (reply.status, ==, 200);
  token = g_strdup (member (&reply, "access_token"));
  if (out_refresh != NULL)
    *out_refresh = g_strdup (member (&reply, "refresh_token"));
  ahi_test_reply_clear (&reply);
  return token;
}

static void
test_whole_flow (void)
{
  AhiTestServer server = { 0 };
  g_autofree char *salon = NULL;
  g_autofree char *clinic = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *refresh = NULL;
  g_autofree char *dentist = NULL;
  g_autofree char *staff = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AhiBlueprint) hair = ahi_blueprint_load ("hair_beauty", NULL);
  AhiTestReply reply;

  ahi_test_server_start (&server);

  salon = sign_up (&server, "hair_beauty", "isil@example.com");
  /* The same e-mail again: refused, nothing created. */
  ahi_test_assert_error (ahi_test_call (&server, "POST", "/api/signup", NULL,
                      "{\"business_name\":\"B\",\"sector\":\"hair_beauty\",\"email\":\"isil@example.com\","
                      "\"password\":\"baska-parola-1\",\"owner_name\":\"B\"}"), 409, "conflict");
  /* Bad input: duplicate keys, an unknown sector, a body over 64 KiB. */
  ahi_test_assert_error (ahi_test_call (&server, "POST", "/api/signup", NULL, "{\"email\":\"a@b.c\",\"email\":\"d@e.f\"}"), 400, "duplicate_key");
  ahi_test_assert_error (ahi_test_call (&server, "POST", "/api/signup", NULL,
                      "{\"business_name\":\"B\",\"sector\":\"car_wash\",\"email\":\"x@example.com\","
                      "\"password\":\"parola-parola\",\"owner_name\":\"B\"}"), 422, "invalid_blueprint");
  {
    g_autofree char *big = g_strnfill (70 * 1024, 'a');
    g_autofree char *body = g_strdup_printf ("{\"email\":\"%s\"}", big);
    ahi_test_assert_error (ahi_test_call (&server, "POST", "/api/login", NULL, body), 413, "too_large");
  }

  ahi_test_assert_error (ahi_test_call (&server, "POST", "/api/login", NULL,
                      "{\"email\":\"isil@example.com\",\"password\":\"yanlis-parola\"}"), 401, "invalid_credentials");
  ahi_test_assert_error (ahi_test_call (&server, "POST", "/api/login", NULL,
                      "{\"email\":\"nobody@example.com\",\"password\":\"yanlis-parola\"}"), 401, "invalid_credentials");
  owner = login (&server, "isil@example.com", "çok-gizli-parola", &refresh);

  /* The Command Center: no token, then the owner's; the second answer
   * comes from the cache while nothing was written. */
  path = g_strdup_printf ("/api/tenant/%s/command-center", salon);
  ahi_test_assert_error (ahi_test_call (&server, "GET", path, NULL, NULL), 401, "unauthorized");
  ahi_test_assert_error (ahi_test_call (&server, "GET", path, "not-a-token", NULL), 401, "unauthorized");
  reply = ahi_test_call (&server, "GET", path, owner, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (reply.cache, ==, "miss");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (reply.body), "kpis")), ==,
                    g_strv_length ((char **) ahi_blueprint_get_kpis (hair)));
  g_assert_cmpstr (member (&reply, "tenant_id"), ==, salon);
  ahi_test_reply_clear (&reply);
  reply = ahi_test_call (&server, "GET", path, owner, NULL);
  g_assert_cmpstr (reply.cache, ==, "hit");
  ahi_test_reply_clear (&reply);

  /* Another business's owner sees the salon as missing, exactly like an
   * id that does not exist or one that is not an id at all. */
  clinic = sign_up (&server, "dental_esthetic", "selin@example.com");
  dentist = login (&server, "selin@example.com", "çok-gizli-parola", NULL);
  ahi_test_assert_error (ahi_test_call (&server, "GET", path, dentist, NULL), 404, "not_found");
  ahi_test_assert_error (ahi_test_call (&server, "GET", "/api/tenant/01900000-0000-7000-8000-000000000000/command-center", dentist, NULL),
                404, "not_found");
  ahi_test_assert_error (ahi_test_call (&server, "GET", "/api/tenant/control/command-center", dentist, NULL), 404, "not_found");
  /* A path-like id never reaches a handler: libsoup refuses it. */
  reply = ahi_test_call (&server, "GET", "/api/tenant/..%2F..%2Fcontrol/command-center", dentist, NULL);
  g_assert_cmpuint (reply.status, ==, 400);
  ahi_test_reply_clear (&reply);

  /* The owner adds a staff member; staff may not read revenue. */
  {
    g_autofree char *members = g_strdup_printf ("/api/tenant/%s/members", salon);
    g_autofree char *revenue = g_strdup_printf ("/api/tenant/%s/revenue/summary?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z", salon);

    reply = ahi_test_call (&server, "POST", members, owner,
                  "{\"email\":\"ayse@example.com\",\"password\":\"ayse-parola-1\",\"display_name\":\"Ayşe\",\"role\":\"staff\"}");
    g_assert_cmpuint (reply.status, ==, 201);
    ahi_test_reply_clear (&reply);
    staff = login (&server, "ayse@example.com", "ayse-parola-1", NULL);
    ahi_test_assert_error (ahi_test_call (&server, "POST", members, staff,
                        "{\"email\":\"x@example.com\",\"password\":\"x-parola-12\",\"display_name\":\"X\",\"role\":\"staff\"}"),
                  403, "forbidden");
    ahi_test_assert_error (ahi_test_call (&server, "GET", revenue, staff, NULL), 403, "forbidden");
    reply = ahi_test_call (&server, "GET", revenue, owner, NULL);
    g_assert_cmpuint (reply.status, ==, 200);
    ahi_test_reply_clear (&reply);
    /* … but sees the Command Center like everyone at the desk. */
    reply = ahi_test_call (&server, "GET", path, staff, NULL);
    g_assert_cmpuint (reply.status, ==, 200);
    ahi_test_reply_clear (&reply);
  }

  /* Refresh rotates: the used refresh token is spent. */
  {
    g_autofree char *body = g_strdup_printf ("{\"refresh_token\":\"%s\"}", refresh);

    reply = ahi_test_call (&server, "POST", "/api/token/refresh", NULL, body);
    g_assert_cmpuint (reply.status, ==, 200);
    g_assert_cmpstr (member (&reply, "access_token"), !=, owner);
    ahi_test_reply_clear (&reply);
    ahi_test_assert_error (ahi_test_call (&server, "POST", "/api/token/refresh", NULL, body), 401, "unauthorized");
  }

  /* Logout revokes the device's tokens. */
  reply = ahi_test_call (&server, "POST", "/api/logout", dentist, NULL);
  g_assert_cmpuint (reply.status, ==, 204);
  ahi_test_reply_clear (&reply);
  ahi_test_assert_error (ahi_test_call (&server, "GET", "/api/tenant/x/command-center", dentist, NULL), 401, "unauthorized");

  /* A restart on the same data dir loses nothing. */
  ahi_test_server_stop (&server);
  ahi_test_server_start (&server);
  {
    g_autofree char *again = login (&server, "isil@example.com", "çok-gizli-parola", NULL);
    reply = ahi_test_call (&server, "GET", path, again, NULL);
    g_assert_cmpuint (reply.status, ==, 200);
    g_assert_cmpstr (member (&reply, "tenant_id"), ==, salon);
    ahi_test_reply_clear (&reply);
  }
  ahi_test_server_stop (&server);
}

typedef struct {
  GBytes  *body;
  guint    status;
  gboolean done;
} SentSignUp;

static void
on_sign_up_sent_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  SentSignUp *sent = data;
  g_autoptr(GError) error = NULL;

  sent->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
  sent->status = soup_message_get_status (soup_session_get_async_result_message (SOUP_SESSION (source), result));
  sent->done = TRUE;
}

/* SIGTERM while a sign-up's password is being hashed (the interactive
 * cost: ~0.1 s on a worker): the server stops accepting but answers the
 * request in flight — 201 reaches the client — and then exits 0. */
static void
test_stop_answers_in_flight (void)
{
  const char * const interactive[] = { "--password-cost", "interactive", NULL };
  AhiTestServer server = { 0 };
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) request = g_bytes_new_static (
    "{\"business_name\":\"Işıl Kuaför\",\"sector\":\"hair_beauty\",\"email\":\"stop@example.com\","
    "\"password\":\"çok-gizli-parola\",\"owner_name\":\"Işıl\"}", strlen (
    "{\"business_name\":\"Işıl Kuaför\",\"sector\":\"hair_beauty\",\"email\":\"stop@example.com\","
    "\"password\":\"çok-gizli-parola\",\"owner_name\":\"Işıl\"}"));
  g_autofree char *uri = NULL;
  SentSignUp sent = { 0 };
  g_autoptr(GError) error = NULL;

  ahi_test_server_start_with (&server, interactive, NULL);
  uri = g_strconcat (server.base, "/api/signup", NULL);
  msg = soup_message_new ("POST", uri);
  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_sign_up_sent_cb, &sent);
  /* Long enough for the request to reach the worker, well inside the
   * hash's time. */
  {
    gint64 until = g_get_monotonic_time () + 30 * 1000;

    while (g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, FALSE);
  }
  g_subprocess_send_signal (server.process, SIGTERM);
  while (!sent.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (sent.status, ==, 201);
  g_assert_nonnull (strstr (g_bytes_get_data (sent.body, NULL), "tenant_id"));
  g_bytes_unref (sent.body);

  g_subprocess_wait (server.process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (server.process));
  g_assert_cmpint (g_subprocess_get_exit_status (server.process), ==, 0);
  g_clear_object (&server.process);
  g_clear_pointer (&server.base, g_free);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  ahi_core_init ();
  {
    g_autofree char *dir = g_dir_make_tmp ("ahi-server-XXXXXX", NULL);
    ahi_test_server_init (dir);
  }

  g_test_add_func ("/server/process/whole-flow", test_whole_flow);
  g_test_add_func ("/server/process/stop-answers-in-flight", test_stop_answers_in_flight);
  status = g_test_run ();

  ahi_test_server_finish ();
  return status;
}
