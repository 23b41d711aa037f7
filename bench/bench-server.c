/* bench-server.c — ahi-server under 64 concurrent keep-alive connections
 *
 * Prepares the hair_beauty demo tenant in a temporary data dir with
 * ahi-demo (AHI_DEMO_PROGRAM), starts the real server (AHI_SERVER_BINARY)
 * on a loopback port over that dir, logs in over HTTP, and
 * drives --connections keep-alive connections (64), one thread and one
 * blocking socket each, through one route at a time:
 *   GET /api/health                                the bare route, no work
 *   GET /api/tenant/:id/command-center             cached
 *   GET /api/tenant/:id/command-center             uncached (the same data dir
 *                                                  served again with
 *                                                  --no-command-center-cache)
 *   GET /api/tenant/:id/sync/pull?after=0&limit=200
 * Prints requests, requests/s and p50/p95/p99/max latency for each, and the
 * issue's goals for the cached route, met or not. Asserts nothing. The
 * server is stopped with SIGTERM and its files removed on every path.
 *   AHI_SERVER_BINARY=… AHI_DEMO_PROGRAM=… bench-server [--seconds N] [--warmup N] [--connections N]
 * AHI_BENCH_SECONDS=N lengthens each route's measured window (default 5).
 */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

/* The goals for the cached Command Center route. */
#define GOAL_P95_MS        20.0
#define GOAL_MAX_MS        100.0
#define GOAL_SHARE_PERCENT 50.0

static int opt_seconds = 0;
static int opt_warmup = 1;
static int opt_connections = 64;

static const GOptionEntry entries[] = {
  { "seconds", 0, 0, G_OPTION_ARG_INT, &opt_seconds, "Measured seconds per route (default 5, or AHI_BENCH_SECONDS)", "N" },
  { "warmup", 0, 0, G_OPTION_ARG_INT, &opt_warmup, "Unmeasured seconds per route before that (default 1)", "N" },
  { "connections", 0, 0, G_OPTION_ARG_INT, &opt_connections, "Concurrent keep-alive connections (default 64)", "N" },
  { NULL }
};

/* Set by SIGINT/SIGTERM (a meson timeout): the workers stop, and the
 * server and its files still go. */
static volatile sig_atomic_t interrupted = 0;

static void
on_signal (int signum)
{
  interrupted = 1;
}

/* ------------------------------------------------------ one connection */

/* A keep-alive HTTP/1.1 connection that sends one request and reads its
 * whole answer before the next (no pipelining). Only what ahi-server
 * sends is understood: Content-Length bodies. */
typedef struct {
  GSocket *socket;
  char    *buf;
  gsize    len;     /* bytes held in buf */
  gsize    cap;
} Conn;

typedef struct {
  guint       status;
  const char *body;       /* into the connection's buffer, until its next call */
  gsize       body_len;
  gboolean    cache_hit;  /* X-Ahi-Cache: hit */
  gboolean    cache_miss; /* X-Ahi-Cache: miss */
} Reply;

static void
conn_close (Conn *conn)
{
  if (conn->socket != NULL)
    g_socket_close (conn->socket, NULL);
  g_clear_object (&conn->socket);
  g_clear_pointer (&conn->buf, g_free);
  conn->len = conn->cap = 0;
}

static gboolean
conn_open (Conn            *conn,
           GSocketAddress  *address,
           GError         **error)
{
  conn->socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (conn->socket == NULL)
    return FALSE;
  /* A stuck server fails the run after 30 s instead of hanging it. */
  g_socket_set_timeout (conn->socket, 30);
  g_socket_set_option (conn->socket, IPPROTO_TCP, TCP_NODELAY, 1, NULL);
  conn->cap = 64 * 1024;
  conn->buf = g_malloc (conn->cap);
  conn->len = 0;
  return g_socket_connect (conn->socket, address, NULL, error);
}

static gboolean
conn_fill (Conn    *conn,
           GError **error)
{
  gssize n;

  if (conn->len == conn->cap)
    {
      conn->cap *= 2;
      conn->buf = g_realloc (conn->buf, conn->cap);
    }
  n = g_socket_receive (conn->socket, conn->buf + conn->len, conn->cap - conn->len, NULL, error);
  if (n < 0)
    return FALSE;
  if (n == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, "The server closed the connection");
      return FALSE;
    }
  conn->len += n;
  return TRUE;
}

/* The value of header name in the block [start, end), or NULL. */
static const char *
find_header (const char *start,
             const char *end,
             const char *name,
             gsize      *out_len)
{
  gsize name_len = strlen (name);

  for (const char *line = start; line < end;)
    {
      const char *eol = g_strstr_len (line, end - line, "\r\n");

      if (eol == NULL)
        eol = end;
      if ((gsize) (eol - line) > name_len && line[name_len] == ':' &&
          g_ascii_strncasecmp (line, name, name_len) == 0)
        {
          const char *value = line + name_len + 1;

          while (value < eol && *value == ' ')
            value++;
          *out_len = eol - value;
          return value;
        }
      line = eol + 2;
    }
  return NULL;
}

/* Sends request (complete, with its blank line and body) and reads the
 * answer into reply. */
static gboolean
conn_call (Conn        *conn,
           const char  *request,
           gsize        request_len,
           Reply       *reply,
           GError     **error)
{
  const char *head_end;
  const char *value;
  gsize sent = 0, head_len, value_len = 0;
  guint64 content_length = 0;

  /* The previous answer is consumed: nothing is pipelined, so nothing
   * beyond it can be waiting. */
  conn->len = 0;
  while (sent < request_len)
    {
      gssize n = g_socket_send (conn->socket, request + sent, request_len - sent, NULL, error);

      if (n < 0)
        return FALSE;
      sent += n;
    }

  while ((head_end = g_strstr_len (conn->buf, conn->len, "\r\n\r\n")) == NULL)
    if (!conn_fill (conn, error))
      return FALSE;
  head_len = head_end + 4 - conn->buf;

  if (conn->len < 12 || strncmp (conn->buf, "HTTP/1.1 ", 9) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Not an HTTP/1.1 answer");
      return FALSE;
    }
  reply->status = g_ascii_strtoull (conn->buf + 9, NULL, 10);

  value = find_header (conn->buf, head_end + 2, "Content-Length", &value_len);
  if (value == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "An answer without Content-Length");
      return FALSE;
    }
  content_length = g_ascii_strtoull (value, NULL, 10);
  value = find_header (conn->buf, head_end + 2, "X-Ahi-Cache", &value_len);
  reply->cache_hit = value != NULL && value_len == 3 && strncmp (value, "hit", 3) == 0;
  reply->cache_miss = value != NULL && value_len == 4 && strncmp (value, "miss", 4) == 0;

  while (conn->len < head_len + content_length)
    if (!conn_fill (conn, error))
      return FALSE;
  reply->body = conn->buf + head_len;
  reply->body_len = content_length;
  return TRUE;
}

static char *
format_request (const char *method,
                const char *path,
                guint       port,
                const char *token,
                const char *body)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%s %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n", method, path, port);
  if (token != NULL)
    g_string_append_printf (text, "Authorization: Bearer %s\r\n", token);
  if (body != NULL)
    g_string_append_printf (text, "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
                            strlen (body), body);
  else
    g_string_append (text, "\r\n");
  return g_string_free (text, FALSE);
}

/* ---------------------------------------------------------- the server */

typedef struct {
  GSubprocess *process;
  guint        port;
  char        *email;      /* the demo owner's login */
  char        *password;
  char        *log_path;   /* its stderr: one line per request */
} Server;

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
print_log_tail (const char *path)
{
  g_autofree char *text = NULL;
  gsize len = 0;

  if (g_file_get_contents (path, &text, &len, NULL) && len > 0)
    fprintf (stderr, "the server's last words:\n%s\n", text + (len > 2000 ? len - 2000 : 0));
}

/* The demo business of the data dir, prepared (once) by the ahi-demo
 * program (AHI_DEMO_PROGRAM): ahi-server links no generator. Its login is
 * the line "demo login: EMAIL / PASSWORD". */
static gboolean
prepare_demo (Server      *server,
              const char  *data_dir,
              GError     **error)
{
  const char *program = g_getenv ("AHI_DEMO_PROGRAM");
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  if (program == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "AHI_DEMO_PROGRAM is not set");
      return FALSE;
    }
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, error,
                              program, "--server-data-dir", data_dir, "--sector", "hair_beauty",
                              "--password-cost", "min", NULL);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, error))
    return FALSE;
  if (!g_subprocess_get_successful (process))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "ahi-demo failed: %s", err != NULL ? err : "");
      return FALSE;
    }

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "demo login: "))
      {
        g_auto(GStrv) parts = g_strsplit (lines[i] + strlen ("demo login: "), " / ", 2);

        if (g_strv_length (parts) == 2)
          {
            g_free (server->email);
            g_free (server->password);
            server->email = g_strdup (parts[0]);
            server->password = g_strdup (parts[1]);
          }
      }
  if (server->email == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "ahi-demo printed no demo login");
      return FALSE;
    }
  return TRUE;
}

static gboolean
server_start (Server      *server,
              const char  *dir,
              const char  *name,
              gboolean     no_cache,
              GError     **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *data_dir = g_build_filename (dir, "data", NULL);
  g_autofree char *log_name = g_strconcat ("server-", name, ".log", NULL);
  const char *binary = g_getenv ("AHI_SERVER_BINARY");

  if (binary == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "AHI_SERVER_BINARY is not set");
      return FALSE;
    }
  if (!prepare_demo (server, data_dir, error))
    return FALSE;
  server->log_path = g_build_filename (dir, log_name, NULL);
  g_subprocess_launcher_set_stderr_file_path (launcher, server->log_path);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_ptr_array_add (argv, (char *) binary);
  g_ptr_array_add (argv, "--data-dir");
  g_ptr_array_add (argv, data_dir);
  g_ptr_array_add (argv, "--listen");
  g_ptr_array_add (argv, "127.0.0.1:0");
  g_ptr_array_add (argv, "--password-cost");
  g_ptr_array_add (argv, "min");
  if (no_cache)
    g_ptr_array_add (argv, "--no-command-center-cache");
  g_ptr_array_add (argv, NULL);
  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, error);
  if (server->process == NULL)
    return FALSE;

  /* "listening on …" once the server accepts connections. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, error);
      const char *prefix = "listening on http://127.0.0.1:";

      if (line == NULL)
        {
          if (error == NULL || *error == NULL)
            g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The server exited before it listened");
          print_log_tail (server->log_path);
          return FALSE;
        }
      if (g_str_has_prefix (line, prefix))
        {
          server->port = (guint) g_ascii_strtoull (line + strlen (prefix), NULL, 10);
          break;
        }
    }
  if (server->port == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The server printed no port");
      return FALSE;
    }
  return TRUE;
}

static void
on_waited_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  gboolean *done = data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *done = TRUE;
}

static gboolean
on_wait_timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* SIGTERM, then up to 30 s for the requests in flight; SIGKILL after
 * that, so that the files can always go. Safe on a server never started. */
static void
server_stop (Server *server)
{
  if (server->process != NULL)
    {
      g_autoptr(GMainContext) context = g_main_context_new ();
      g_autoptr(GSource) timeout = g_timeout_source_new_seconds (30);
      gboolean done = FALSE, timed_out = FALSE;

      g_main_context_push_thread_default (context);
      g_subprocess_send_signal (server->process, SIGTERM);
      g_subprocess_wait_async (server->process, NULL, on_waited_cb, &done);
      g_source_set_callback (timeout, on_wait_timeout_cb, &timed_out, NULL);
      g_source_attach (timeout, context);
      while (!done && !timed_out)
        g_main_context_iteration (context, TRUE);
      if (!done)
        {
          fprintf (stderr, "the server did not stop within 30 s of SIGTERM: killed\n");
          g_subprocess_force_exit (server->process);
          g_subprocess_wait (server->process, NULL, NULL);
        }
      else if (!g_subprocess_get_if_exited (server->process) || g_subprocess_get_exit_status (server->process) != 0)
        fprintf (stderr, "the server did not exit 0 on SIGTERM\n");
      g_source_destroy (timeout);
      g_main_context_pop_thread_default (context);
    }
  g_clear_object (&server->process);
  g_clear_pointer (&server->email, g_free);
  g_clear_pointer (&server->password, g_free);
  g_clear_pointer (&server->log_path, g_free);
  server->port = 0;
}

/* CPU seconds the server has used so far (user + system). */
static double
server_cpu_seconds (Server *server)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat", g_subprocess_get_identifier (server->process));
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (after_name = strrchr (text, ')')) == NULL)
    return 0;
  /* After "pid (comm)": state is field 3; utime and stime are 14 and 15. */
  fields = g_strsplit (after_name + 2, " ", 14);
  if (g_strv_length (fields) < 14)
    return 0;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) / sysconf (_SC_CLK_TCK);
}

/* Seconds the server's main thread (the one that answers) has spent
 * runnable but waiting for a CPU: a busy machine, not a slow server. */
static double
server_wait_seconds (Server *server)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/schedstat", g_subprocess_get_identifier (server->process));
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  /* On-CPU ns, waiting-on-a-runqueue ns, time slices. */
  fields = g_strsplit (text, " ", 3);
  if (g_strv_length (fields) < 2)
    return 0;
  return g_ascii_strtod (fields[1], NULL) / 1e9;
}

static double
client_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* Logs in as the demo owner: the access token and the tenant's id. */
static gboolean
log_in (Server      *server,
        char       **out_token,
        char       **out_tenant,
        GError     **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, server->port);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body_node = NULL;
  g_autofree char *body = NULL;
  g_autofree char *request = NULL;
  Conn conn = { 0 };
  Reply reply = { 0 };
  JsonObject *object;
  JsonArray *tenants;
  gboolean ok = FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, server->email);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, server->password);
  json_builder_end_object (builder);
  body_node = json_builder_get_root (builder);
  body = json_to_string (body_node, FALSE);
  request = format_request ("POST", "/api/login", server->port, NULL, body);

  if (!conn_open (&conn, address, error) || !conn_call (&conn, request, strlen (request), &reply, error) ||
      !json_parser_load_from_data (parser, reply.body, reply.body_len, error))
    goto out;
  if (reply.status != 200 || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Login answered %u: %.*s",
                   reply.status, (int) reply.body_len, reply.body);
      goto out;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  tenants = json_object_get_array_member (object, "tenants");
  if (!json_object_has_member (object, "access_token") || tenants == NULL || json_array_get_length (tenants) != 1)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Login answered without a token and one tenant");
      goto out;
    }
  *out_token = g_strdup (json_object_get_string_member (object, "access_token"));
  *out_tenant = g_strdup (json_array_get_string_element (tenants, 0));
  ok = TRUE;

out:
  conn_close (&conn);
  return ok;
}

/* ---------------------------------------------------------- the load */

typedef struct {
  const char     *name;
  GSocketAddress *address;
  char           *request;
  gsize           request_len;

  /* The start line: every worker connects first, then all begin at once. */
  GMutex          lock;
  GCond           cond;
  guint           connected;
  gboolean        go;
  gint64          window_start;   /* monotonic µs */
  gint64          window_end;
} Phase;

typedef struct {
  Phase   *phase;
  GArray  *latencies;   /* gint64 µs, of the answers completed in the window */
  guint    not_ok;      /* answers other than 200 in the window */
  guint    hits;
  guint    misses;
  gsize    body_len;
  GError  *error;       /* the first connection failure, which ends the worker */
} Worker;

static gpointer
worker_run (gpointer data)
{
  Worker *worker = data;
  Phase *phase = worker->phase;
  Conn conn = { 0 };
  gboolean connected = conn_open (&conn, phase->address, &worker->error);

  g_mutex_lock (&phase->lock);
  phase->connected++;
  g_cond_broadcast (&phase->cond);
  while (!phase->go)
    g_cond_wait (&phase->cond, &phase->lock);
  g_mutex_unlock (&phase->lock);

  /* Closed loop: each connection sends its next request as soon as the
   * previous answer is in, so 64 requests are always outstanding. An
   * answer counts when it completes inside the window, whenever it was
   * sent: requests/s is then exactly completions over the window. */
  while (connected && !interrupted)
    {
      Reply reply = { 0 };
      gint64 t0 = g_get_monotonic_time (), t1, latency;

      if (t0 >= phase->window_end)
        break;
      if (!conn_call (&conn, phase->request, phase->request_len, &reply, &worker->error))
        break;
      t1 = g_get_monotonic_time ();
      if (t1 < phase->window_start || t1 > phase->window_end)
        continue;
      latency = t1 - t0;
      g_array_append_val (worker->latencies, latency);
      worker->not_ok += reply.status != 200;
      worker->hits += reply.cache_hit;
      worker->misses += reply.cache_miss;
      worker->body_len = reply.body_len;
    }
  conn_close (&conn);
  return NULL;
}

typedef struct {
  const char *name;
  guint       requests;
  double      per_second;
  double      p50, p95, p99, max;   /* ms */
  guint       not_ok;
  guint       hits, misses;
  gsize       body_len;
  double      client_cpu;           /* share of one core, % */
  double      server_cpu;
  double      server_wait;          /* its answering thread runnable, without a CPU, % */
  double      server_us;            /* server CPU µs per answer */
  gboolean    failed;
} Result;

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The nearest-rank percentile (the smallest value that at least percent
 * of the answers do not exceed) of sorted µs, in ms. */
static double
percentile_ms (GArray *sorted,
               guint   percent)
{
  guint rank = (guint) (((guint64) sorted->len * percent + 99) / 100);

  return g_array_index (sorted, gint64, CLAMP (rank, 1, sorted->len) - 1) / 1000.0;
}

static void
sleep_until (gint64 when)
{
  gint64 now;

  while (!interrupted && (now = g_get_monotonic_time ()) < when)
    g_usleep (MIN (when - now, 50000));
}

static Result
run_phase (Server     *server,
           const char *name,
           const char *path,
           const char *token)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, server->port);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree Worker *workers = g_new0 (Worker, opt_connections);
  g_autofree GThread **threads = g_new0 (GThread *, opt_connections);
  Result result = { name };
  Phase phase = { name, address };
  double client0, server0, wait0;

  phase.request = format_request ("GET", path, server->port, token, NULL);
  phase.request_len = strlen (phase.request);
  g_mutex_init (&phase.lock);
  g_cond_init (&phase.cond);

  for (int i = 0; i < opt_connections; i++)
    {
      workers[i].phase = &phase;
      workers[i].latencies = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 4096);
      threads[i] = g_thread_new ("bench-client", worker_run, &workers[i]);
    }

  g_mutex_lock (&phase.lock);
  while (phase.connected < (guint) opt_connections)
    g_cond_wait (&phase.cond, &phase.lock);
  phase.window_start = g_get_monotonic_time () + opt_warmup * G_USEC_PER_SEC;
  phase.window_end = phase.window_start + opt_seconds * G_USEC_PER_SEC;
  phase.go = TRUE;
  g_cond_broadcast (&phase.cond);
  g_mutex_unlock (&phase.lock);

  sleep_until (phase.window_start);
  client0 = client_cpu_seconds ();
  server0 = server_cpu_seconds (server);
  wait0 = server_wait_seconds (server);
  sleep_until (phase.window_end);
  result.server_wait = 100.0 * (server_wait_seconds (server) - wait0) / opt_seconds;
  result.client_cpu = 100.0 * (client_cpu_seconds () - client0) / opt_seconds;
  result.server_cpu = 100.0 * (server_cpu_seconds (server) - server0) / opt_seconds;

  for (int i = 0; i < opt_connections; i++)
    {
      Worker *worker = &workers[i];

      g_thread_join (threads[i]);
      if (worker->error != NULL)
        {
          if (!result.failed)
            fprintf (stderr, "%s: a connection failed: %s\n", name, worker->error->message);
          result.failed = TRUE;
          g_clear_error (&worker->error);
        }
      g_array_append_vals (all, worker->latencies->data, worker->latencies->len);
      result.not_ok += worker->not_ok;
      result.hits += worker->hits;
      result.misses += worker->misses;
      result.body_len = MAX (result.body_len, worker->body_len);
      g_array_unref (worker->latencies);
    }
  g_mutex_clear (&phase.lock);
  g_cond_clear (&phase.cond);
  g_free (phase.request);

  result.failed |= interrupted || all->len == 0;
  result.requests = all->len;
  result.per_second = all->len / (double) opt_seconds;
  if (all->len > 0)
    {
      result.server_us = result.server_cpu / 100.0 * opt_seconds * 1e6 / all->len;
      g_array_sort (all, compare_gint64);
      result.p50 = percentile_ms (all, 50);
      result.p95 = percentile_ms (all, 95);
      result.p99 = percentile_ms (all, 99);
      result.max = g_array_index (all, gint64, all->len - 1) / 1000.0;
    }
  return result;
}

static void
print_result (const Result *r)
{
  /* An interrupted window measured nothing worth a row. */
  if (interrupted)
    return;
  printf ("%-28s %8u %9.0f %8.2f %8.2f %8.2f %8.2f %7u %8zu %5.0f %% %5.0f %% %5.0f %% %8.0f\n",
          r->name, r->requests, r->per_second, r->p50, r->p95, r->p99, r->max, r->not_ok, r->body_len,
          r->client_cpu, r->server_cpu, r->server_wait, r->server_us);
  fflush (stdout);
}

/* The 1-minute load average: the figures are only as good as the machine
 * is quiet, so each run says how busy it was. */
static double
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return -1;
  return g_ascii_strtod (text, NULL);
}

/* ----------------------------------------------------------- the files */

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_remove (path);
}

/* ---------------------------------------------------------------- main */

static void
print_goal (const char *what,
            double      value,
            const char *unit,
            gboolean    met)
{
  printf ("  %-34s %8.2f %-2s %s\n", what, value, unit, met ? "met" : "NOT MET");
}

int
main (int argc, char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— ahi-server under concurrent load");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *token = NULL;
  g_autofree char *tenant = NULL;
  g_autofree char *center_path = NULL;
  g_autofree char *pull_path = NULL;
  Server server = { 0 };
  Result results[4] = { 0 };
  struct sigaction action = { 0 };
  const char *seconds_env = g_getenv ("AHI_BENCH_SECONDS");
  int status = EXIT_FAILURE;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (opt_seconds <= 0)
    opt_seconds = seconds_env != NULL ? MAX (1, atoi (seconds_env)) : 5;
  opt_warmup = MAX (opt_warmup, 0);
  opt_connections = CLAMP (opt_connections, 1, 1000);

  action.sa_handler = on_signal;
  sigaction (SIGINT, &action, NULL);
  sigaction (SIGTERM, &action, NULL);
  /* A server that dies mid-run must fail a send, not kill the benchmark. */
  signal (SIGPIPE, SIG_IGN);

  dir = g_dir_make_tmp ("ahi-bench-server-XXXXXX", &error);
  if (dir == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return EXIT_FAILURE;
    }

  printf ("ahi-server under load: %d keep-alive connections, %d s measured per route after %d s of warm-up\n",
          opt_connections, opt_seconds, opt_warmup);
  printf ("machine: %u CPUs, load average %.2f before the run\n", g_get_num_processors (), load_average ());

  /* The first server: the bare route, the cached Command Center, pull. */
  if (!server_start (&server, dir, "cached", FALSE, &error) || !log_in (&server, &token, &tenant, &error))
    goto out;
  center_path = g_strdup_printf ("/api/tenant/%s/command-center", tenant);
  pull_path = g_strdup_printf ("/api/tenant/%s/sync/pull?after=0&limit=200", tenant);

  printf ("demo tenant hair_beauty %s on port %u\n\n", tenant, server.port);
  printf ("%-28s %8s %9s %8s %8s %8s %8s %7s %8s %7s %7s %7s %8s\n",
          "route", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "non-200", "bytes",
          "client", "server", "wait", "srv us");
  results[0] = run_phase (&server, "GET /api/health (bare)", "/api/health", NULL);
  print_result (&results[0]);
  if (results[0].failed)
    goto out;
  results[1] = run_phase (&server, "command-center (cached)", center_path, token);
  print_result (&results[1]);
  if (results[1].failed)
    goto out;
  results[3] = run_phase (&server, "sync/pull (after=0, 200)", pull_path, token);
  print_result (&results[3]);
  if (results[3].failed)
    goto out;
  server_stop (&server);

  /* The same data dir served without the cache: every request builds the
   * snapshot. The token still holds across the restart. */
  if (!server_start (&server, dir, "uncached", TRUE, &error))
    goto out;
  results[2] = run_phase (&server, "command-center (uncached)", center_path, token);
  print_result (&results[2]);
  if (results[2].failed)
    goto out;

  printf ("\n(client, server: CPU used in the window, in %% of one core; wait: the server's answering thread\n"
          " ready to run but without a CPU, %% of the window: the machine's load, not the server; srv us: the\n"
          " server's CPU time per answer, the figure that moves least with that load; bytes: the answer's body)\n");
  printf ("load average %.2f after the run\n", load_average ());
  printf ("cache: cached run %u hits, %u misses; uncached run %u hits, %u misses\n",
          results[1].hits, results[1].misses, results[2].hits, results[2].misses);
  {
    double share = 100.0 * results[1].per_second / results[0].per_second;

    printf ("cached command-center throughput: %.1f %% of the bare route's\n", share);
    printf ("\ngoals for the cached command-center route (issue 4):\n");
    print_goal ("p95 <= 20 ms", results[1].p95, "ms", results[1].p95 <= GOAL_P95_MS);
    print_goal ("max <= 100 ms", results[1].max, "ms", results[1].max <= GOAL_MAX_MS);
    print_goal (">= 50 % of the bare throughput", share, "%", share >= GOAL_SHARE_PERCENT);
  }
  status = EXIT_SUCCESS;

out:
  if (error != NULL)
    fprintf (stderr, "bench-server: %s\n", error->message);
  server_stop (&server);
  remove_tree (dir);
  if (interrupted)
    fprintf (stderr, "bench-server: interrupted; the server is stopped and its files removed\n");
  return status;
}
