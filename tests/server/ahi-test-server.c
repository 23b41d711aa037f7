/* ahi-test-server.c — a real ahi-server process for the server tests */
#include "ahi-test-server.h"

#include <signal.h>
#include <sys/prctl.h>

static char        *data_dir;
static SoupSession *session;
static char        *fixed_clock;

void
ahi_test_server_init (const char *dir)
{
  data_dir = g_strdup (dir);
  session = soup_session_new ();
}

void
ahi_test_server_finish (void)
{
  const char *argv_rm[] = { "rm", "-rf", data_dir, NULL };

  g_spawn_sync (NULL, (char **) argv_rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  g_clear_object (&session);
  g_clear_pointer (&data_dir, g_free);
  g_clear_pointer (&fixed_clock, g_free);
}

void
ahi_test_server_fix_clock (const char *time)
{
  g_free (fixed_clock);
  fixed_clock = g_strdup (time);
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

void
ahi_test_server_start (AhiTestServer *server)
{
  ahi_test_server_start_with (server, NULL, NULL);
}

void
ahi_test_server_start_with (AhiTestServer      *server,
                            const char * const *extra_args,
                            const char         *stderr_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *line = NULL;
  const char *binary = g_getenv ("AHI_SERVER_BINARY");
  const char *usual[] = { "--data-dir", data_dir, "--listen", "127.0.0.1:0", "--password-cost", "min" };

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  for (guint i = 0; i < G_N_ELEMENTS (usual); i++)
    g_ptr_array_add (argv, (gpointer) usual[i]);
  if (fixed_clock != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--fixed-clock");
      g_ptr_array_add (argv, fixed_clock);
    }
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra_args[i]);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  if (stderr_path != NULL)
    g_subprocess_launcher_set_stderr_file_path (launcher, stderr_path);
  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "listening on http://127.0.0.1:"));
  server->base = g_strdup (line + strlen ("listening on "));
}

void
ahi_test_server_stop (AhiTestServer *server)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait (server->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (server->process));
  g_assert_cmpint (g_subprocess_get_exit_status (server->process), ==, 0);
  g_clear_object (&server->process);
  g_clear_pointer (&server->base, g_free);
}

void
ahi_test_server_kill (AhiTestServer *server)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (server->process, SIGKILL);
  g_subprocess_wait (server->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (server->process));
  g_assert_cmpint (g_subprocess_get_term_sig (server->process), ==, SIGKILL);
  g_clear_object (&server->process);
  g_clear_pointer (&server->base, g_free);
}

AhiTestReply
ahi_test_call (AhiTestServer *server,
               const char    *method,
               const char    *path,
               const char    *token,
               const char    *body)
{
  g_autofree char *uri = g_strconcat (server->base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  AhiTestReply reply = { 0 };
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
  /* Answers are JSON, but for a bootstrap snapshot (a SQLite file). */
  if (length > 0 && g_strcmp0 (soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL),
                               "application/vnd.sqlite3") != 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_assert_true (json_parser_load_from_data (parser, data, length, NULL));
      reply.body = json_node_copy (json_parser_get_root (parser));
    }
  return reply;
}

AhiTestReply
ahi_test_callf (AhiTestServer *server,
                const char    *method,
                const char    *token,
                const char    *body,
                const char    *path_format,
                ...)
{
  g_autofree char *path = NULL;
  va_list args;

  va_start (args, path_format);
  path = g_strdup_vprintf (path_format, args);
  va_end (args);
  return ahi_test_call (server, method, path, token, body);
}

void
ahi_test_reply_clear (AhiTestReply *reply)
{
  g_clear_pointer (&reply->body, json_node_unref);
  g_clear_pointer (&reply->cache, g_free);
}

JsonObject *
ahi_test_reply_object (AhiTestReply *reply)
{
  g_assert_nonnull (reply->body);
  return json_node_get_object (reply->body);
}

JsonObject *
ahi_test_expect (AhiTestReply *reply,
                 guint         status)
{
  if (reply->status != status && reply->body != NULL)
    {
      g_autofree char *text = json_to_string (reply->body, FALSE);
      g_test_message ("unexpected answer %u: %s", reply->status, text);
    }
  g_assert_cmpuint (reply->status, ==, status);
  return ahi_test_reply_object (reply);
}

void
ahi_test_assert_error (AhiTestReply  reply,
                       guint         status,
                       const char   *code)
{
  JsonObject *error;

  g_assert_cmpuint (reply.status, ==, status);
  error = json_object_get_object_member (ahi_test_reply_object (&reply), "error");
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  ahi_test_reply_clear (&reply);
}

JsonObject *
ahi_test_expect_written (AhiTestReply *reply,
                         guint         status,
                         const char   *member)
{
  JsonObject *object = ahi_test_expect (reply, status);
  JsonNode *event_id = json_object_get_member (object, "event_id");

  /* Every write answers its event's id beside the entity. */
  g_assert_nonnull (event_id);
  g_assert_true (JSON_NODE_HOLDS_VALUE (event_id));
  g_assert_cmpuint (strlen (json_node_get_string (event_id)), ==, 36);
  if (member == NULL)
    return object;
  g_assert_true (json_object_has_member (object, member));
  return json_object_get_object_member (object, member);
}
