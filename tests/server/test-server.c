/* test-server.c — a real ahi-server process on a loopback port
 *
 * Sign-up, login, tokens, roles and tenant isolation, JSON errors, the
 * cached Command Center, and a restart on the same data dir, all through
 * HTTP against the binary the README starts. Passwords use the minimum
 * Argon2id cost (--password-cost min): the cost is stored in each hash.
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sys/prctl.h>

#include "core/ahi-blueprint.h"
#include "core/ahi-core.h"

typedef struct {
  GSubprocess *process;
  char        *base;      /* http://127.0.0.1:PORT */
} Server;

static char        *data_dir;
static SoupSession *session;

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
  g_autofree char *line = NULL;
  const char *binary = g_getenv ("AHI_SERVER_BINARY");

  g_assert_nonnull (binary);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);

  /* Every test stops what it started, even when an assertion aborts it. */
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

/* SIGTERM: the server must finish and exit 0. */
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

typedef struct {
  guint       status;
  JsonNode   *body;    /* NULL when empty */
  char       *cache;   /* X-Ahi-Cache */
} Reply;

static void
reply_clear (Reply *reply)
{
  g_clear_pointer (&reply->body, json_node_unref);
  g_clear_pointer (&reply->cache, g_free);
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
  reply.cache = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg), "X-Ahi-Cache"));
  data = g_bytes_get_data (answer, &length);
  if (length > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_assert_true (json_parser_load_from_data (parser, data, length, NULL));
      reply.body = json_node_copy (json_parser_get_root (parser));
    }
  return reply;
}

static const char *
member (Reply *reply, const char *name)
{
  g_assert_nonnull (reply->body);
  return json_object_get_string_member (json_node_get_object (reply->body), name);
}

static const char *
error_code (Reply *reply)
{
  g_assert_nonnull (reply->body);
  return json_object_get_string_member (json_object_get_object_member (json_node_get_object (reply->body), "error"), "code");
}

static void
assert_error (Reply reply, guint status, const char *code)
{
  g_assert_cmpuint (reply.status, ==, status);
  g_assert_cmpstr (error_code (&reply), ==, code);
  reply_clear (&reply);
}

static char *
sign_up (Server *server, const char *sector, const char *email)
{
  g_autofree char *body = g_strdup_printf ("{\"business_name\":\"Işıl Kuaför\",\"sector\":\"%s\",\"email\":\"%s\","
                                           "\"password\":\"çok-gizli-parola\",\"owner_name\":\"Işıl Çağlar\"}",
                                           sector, email);
  Reply reply = call (server, "POST", "/api/signup", NULL, body);
  char *tenant;

  g_assert_cmpuint (reply.status, ==, 201);
  tenant = g_strdup (member (&reply, "tenant_id"));
  reply_clear (&reply);
  return tenant;
}

static char *
login (Server *server, const char *email, const char *password, char **out_refresh)
{
  g_autofree char *body = g_strdup_printf ("{\"email\":\"%s\",\"password\":\"%s\"}", email, password);
  Reply reply = call (server, "POST", "/api/login", NULL, body);
  char *token;

  g_assert_cmpuint (reply.status, ==, 200);
  token = g_strdup (member (&reply, "access_token"));
  if (out_refresh != NULL)
    *out_refresh = g_strdup (member (&reply, "refresh_token"));
  reply_clear (&reply);
  return token;
}

static void
test_whole_flow (void)
{
  Server server = { 0 };
  g_autofree char *salon = NULL;
  g_autofree char *clinic = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *refresh = NULL;
  g_autofree char *dentist = NULL;
  g_autofree char *staff = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AhiBlueprint) hair = ahi_blueprint_load ("hair_beauty", NULL);
  Reply reply;

  server_start (&server);

  salon = sign_up (&server, "hair_beauty", "isil@example.com");
  /* The same e-mail again: refused, nothing created. */
  assert_error (call (&server, "POST", "/api/signup", NULL,
                      "{\"business_name\":\"B\",\"sector\":\"hair_beauty\",\"email\":\"isil@example.com\","
                      "\"password\":\"baska-parola-1\",\"owner_name\":\"B\"}"), 409, "conflict");
  /* Bad input: duplicate keys, an unknown sector, a body over 64 KiB. */
  assert_error (call (&server, "POST", "/api/signup", NULL, "{\"email\":\"a@b.c\",\"email\":\"d@e.f\"}"), 400, "duplicate_key");
  assert_error (call (&server, "POST", "/api/signup", NULL,
                      "{\"business_name\":\"B\",\"sector\":\"car_wash\",\"email\":\"x@example.com\","
                      "\"password\":\"parola-parola\",\"owner_name\":\"B\"}"), 422, "invalid_blueprint");
  {
    g_autofree char *big = g_strnfill (70 * 1024, 'a');
    g_autofree char *body = g_strdup_printf ("{\"email\":\"%s\"}", big);
    assert_error (call (&server, "POST", "/api/login", NULL, body), 413, "too_large");
  }

  assert_error (call (&server, "POST", "/api/login", NULL,
                      "{\"email\":\"isil@example.com\",\"password\":\"yanlis-parola\"}"), 401, "invalid_credentials");
  assert_error (call (&server, "POST", "/api/login", NULL,
                      "{\"email\":\"nobody@example.com\",\"password\":\"yanlis-parola\"}"), 401, "invalid_credentials");
  owner = login (&server, "isil@example.com", "çok-gizli-parola", &refresh);

  /* The Command Center: no token, then the owner's; the second answer
   * comes from the cache while nothing was written. */
  path = g_strdup_printf ("/api/tenant/%s/command-center", salon);
  assert_error (call (&server, "GET", path, NULL, NULL), 401, "unauthorized");
  assert_error (call (&server, "GET", path, "not-a-token", NULL), 401, "unauthorized");
  reply = call (&server, "GET", path, owner, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (reply.cache, ==, "miss");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (reply.body), "kpis")), ==,
                    g_strv_length ((char **) ahi_blueprint_get_kpis (hair)));
  g_assert_cmpstr (member (&reply, "tenant_id"), ==, salon);
  reply_clear (&reply);
  reply = call (&server, "GET", path, owner, NULL);
  g_assert_cmpstr (reply.cache, ==, "hit");
  reply_clear (&reply);

  /* Another business's owner sees the salon as missing, exactly like an
   * id that does not exist or one that is not an id at all. */
  clinic = sign_up (&server, "dental_esthetic", "selin@example.com");
  dentist = login (&server, "selin@example.com", "çok-gizli-parola", NULL);
  assert_error (call (&server, "GET", path, dentist, NULL), 404, "not_found");
  assert_error (call (&server, "GET", "/api/tenant/01900000-0000-7000-8000-000000000000/command-center", dentist, NULL),
                404, "not_found");
  assert_error (call (&server, "GET", "/api/tenant/control/command-center", dentist, NULL), 404, "not_found");
  /* A path-like id never reaches a handler: libsoup refuses it. */
  reply = call (&server, "GET", "/api/tenant/..%2F..%2Fcontrol/command-center", dentist, NULL);
  g_assert_cmpuint (reply.status, ==, 400);
  reply_clear (&reply);

  /* The owner adds a staff member; staff may not read revenue. */
  {
    g_autofree char *members = g_strdup_printf ("/api/tenant/%s/members", salon);
    g_autofree char *revenue = g_strdup_printf ("/api/tenant/%s/revenue/summary?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z", salon);

    reply = call (&server, "POST", members, owner,
                  "{\"email\":\"ayse@example.com\",\"password\":\"ayse-parola-1\",\"display_name\":\"Ayşe\",\"role\":\"staff\"}");
    g_assert_cmpuint (reply.status, ==, 201);
    reply_clear (&reply);
    staff = login (&server, "ayse@example.com", "ayse-parola-1", NULL);
    assert_error (call (&server, "POST", members, staff,
                        "{\"email\":\"x@example.com\",\"password\":\"x-parola-12\",\"display_name\":\"X\",\"role\":\"staff\"}"),
                  403, "forbidden");
    assert_error (call (&server, "GET", revenue, staff, NULL), 403, "forbidden");
    reply = call (&server, "GET", revenue, owner, NULL);
    g_assert_cmpuint (reply.status, ==, 200);
    reply_clear (&reply);
    /* … but sees the Command Center like everyone at the desk. */
    reply = call (&server, "GET", path, staff, NULL);
    g_assert_cmpuint (reply.status, ==, 200);
    reply_clear (&reply);
  }

  /* Refresh rotates: the used refresh token is spent. */
  {
    g_autofree char *body = g_strdup_printf ("{\"refresh_token\":\"%s\"}", refresh);

    reply = call (&server, "POST", "/api/token/refresh", NULL, body);
    g_assert_cmpuint (reply.status, ==, 200);
    g_assert_cmpstr (member (&reply, "access_token"), !=, owner);
    reply_clear (&reply);
    assert_error (call (&server, "POST", "/api/token/refresh", NULL, body), 401, "unauthorized");
  }

  /* Logout revokes the device's tokens. */
  reply = call (&server, "POST", "/api/logout", dentist, NULL);
  g_assert_cmpuint (reply.status, ==, 204);
  reply_clear (&reply);
  assert_error (call (&server, "GET", "/api/tenant/x/command-center", dentist, NULL), 401, "unauthorized");

  /* A restart on the same data dir loses nothing. */
  server_stop (&server);
  server_start (&server);
  {
    g_autofree char *again = login (&server, "isil@example.com", "çok-gizli-parola", NULL);
    reply = call (&server, "GET", path, again, NULL);
    g_assert_cmpuint (reply.status, ==, 200);
    g_assert_cmpstr (member (&reply, "tenant_id"), ==, salon);
    reply_clear (&reply);
  }
  server_stop (&server);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  ahi_core_init ();
  data_dir = g_dir_make_tmp ("ahi-server-XXXXXX", NULL);
  session = soup_session_new ();

  g_test_add_func ("/server/process/whole-flow", test_whole_flow);
  status = g_test_run ();

  g_object_unref (session);
  {
    const char *argv_rm[] = { "rm", "-rf", data_dir, NULL };
    g_spawn_sync (NULL, (char **) argv_rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  g_free (data_dir);
  return status;
}
