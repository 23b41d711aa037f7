/* ahi-server.c — ahi-server: listening, routing, authentication, roles */
#include "ahi-server.h"

#include <errno.h>
#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "ahi-http-front.h"
#include "ahi-routes.h"
#include "ahi-server-error.h"
#include "store/ahi-store.h"

/* Clients stalled up to 1.7 s behind GLib's default backlog of 10 under 64
 * connections (STACK-NOTES). */
#define LISTEN_BACKLOG 1024
/* Open tenant files at once; each WAL database holds about 3 descriptors. */
#define MAX_OPEN_TENANTS 64
/* How long a request's head and body may take to arrive (ahi-http-guard.h)
 * unless ahi_server_set_body_timeout says otherwise. */
#define DEFAULT_BODY_TIMEOUT_S 60

struct _AhiServer {
  SoupServer      *soup;
  AhiHttpFront    *front;
  AhiControl      *control;
  AhiTenants      *tenants;
  AhiPasswordCost  cost;
  guint            in_flight;
  gboolean         stopping;
  gint64           fixed_clock;    /* unix seconds; 0: the real clock */
  GSourceFunc      stopped;
  gpointer         stopped_data;
};

/* ------------------------------------------------------------- routing */

/* The end of the path segment that starts at segment: the next '/' or
 * the terminating NUL. */
static const char *
segment_end (const char *segment)
{
  const char *slash = strchr (segment, '/');

  return slash != NULL ? slash : segment + strlen (segment);
}

/* Matches path against pattern segment by segment; "*" matches one
 * non-empty segment, unescaped into params when params is not NULL. This
 * runs for every route of the table on every request until one matches,
 * so it walks both strings in place and allocates only what it captures:
 * splitting them (as it once did) was half the instructions of this
 * request handler for a cached Command Center answer. */
static gboolean
match_route (const char  *pattern,
             const char  *path,
             GPtrArray   *params)
{
  if (params != NULL)
    g_ptr_array_set_size (params, 0);
  for (;;)
    {
      const char *want_end = segment_end (pattern);
      const char *have_end = segment_end (path);

      if (want_end - pattern == 1 && *pattern == '*')
        {
          if (have_end == path)
            return FALSE;
          if (params != NULL)
            g_ptr_array_add (params, g_uri_unescape_segment (path, have_end, NULL));
        }
      else if (want_end - pattern != have_end - path || memcmp (pattern, path, want_end - pattern) != 0)
        return FALSE;

      if (*want_end == '\0' || *have_end == '\0')
        return *want_end == '\0' && *have_end == '\0';
      pattern = want_end + 1;
      path = have_end + 1;
    }
}

static gboolean
authenticate (AhiServer    *self,
              AhiRequest   *request,
              const AhiRoute *route,
              GError      **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  g_autofree char *role = NULL;

  if (route->auth == AHI_AUTH_NONE)
    return TRUE;

  if (authorization == NULL || !g_str_has_prefix (authorization, "Bearer "))
    {
      g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_UNAUTHORIZED, "Sign in first");
      return FALSE;
    }
  if (!ahi_control_authenticate (self->control, authorization + strlen ("Bearer "), ahi_server_now (self),
                                  &request->user_id, &request->device_id, error))
    return FALSE;

  if (route->auth == AHI_AUTH_USER)
    return TRUE;

  /* Another tenant's id answers exactly like an id that does not exist. */
  request->tenant_id = g_strdup (g_ptr_array_index (request->params, 0));
  if (!ahi_control_role_in (self->control, request->user_id, request->tenant_id, &role, error))
    return FALSE;
  if (!g_strv_contains (route->roles, role))
    {
      g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_FORBIDDEN,
                   "A %s may not do this", role);
      return FALSE;
    }
  request->role = g_steal_pointer (&role);
  return TRUE;
}

static void
on_request_cb (SoupServer        *soup,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  AhiServer *self = user_data;
  AhiRequest *request = ahi_request_new (self, msg, path, query);
  g_autoptr(GError) error = NULL;
  const AhiRoute *routes;
  const AhiRoute *route = NULL;
  gboolean path_known = FALSE;
  guint n = 0;

  routes = ahi_routes (&n);
  for (guint i = 0; i < n && route == NULL; i++)
    if (match_route (routes[i].pattern, path, NULL))
      {
        path_known = TRUE;
        if (g_str_equal (routes[i].method, request->method))
          route = &routes[i];
      }

  if (route == NULL)
    {
      g_set_error (&error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_NOT_FOUND,
                   path_known ? "Method not allowed here" : "No such route");
      ahi_request_respond_error (request, error);
      if (path_known)
        soup_server_message_set_status (msg, 405, NULL);
      ahi_request_free (request);
      return;
    }

  /* The search captured nothing: capture this route's parameters. */
  match_route (route->pattern, path, request->params);
  request->route = route->pattern;

  if (!authenticate (self, request, route, &error))
    {
      ahi_request_respond_error (request, error);
      ahi_request_free (request);
      return;
    }

  route->handler (request);
  if (!request->paused)
    ahi_request_free (request);
}

/* Each open tenant holds about 3 descriptors and each connection one, so
 * the usual soft limit of 1024 is too few for a busy server: raise it to
 * the hard limit (STACK-NOTES). GLib polls with poll(), not select(), so a
 * descriptor above 1024 is safe. Failing leaves the old limit, which still
 * serves a small server. */
static void
raise_file_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max)
    {
      limit.rlim_cur = limit.rlim_max;
      if (setrlimit (RLIMIT_NOFILE, &limit) != 0)
        g_printerr ("ahi-server: cannot raise the open file limit: %s\n", g_strerror (errno));
    }
}

/* ---------------------------------------------------------- public API */

void
ahi_server_module_init (void)
{
  ahi_store_module_init ();
}

AhiServer *
ahi_server_new (const char      *data_dir,
                AhiPasswordCost  cost,
                GError         **error)
{
  g_autoptr(AhiServer) self = g_new0 (AhiServer, 1);
  g_autofree char *control = g_build_filename (data_dir, "control.db", NULL);

  ahi_server_module_init ();
  raise_file_limit ();
  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_INTERNAL,
                   "Cannot create %s: %s", data_dir, g_strerror (errno));
      return NULL;
    }
  self->cost = cost;
  self->control = ahi_control_open (control, error);
  if (self->control == NULL)
    return NULL;
  self->tenants = ahi_tenants_new (data_dir, MAX_OPEN_TENANTS, self->control);
  self->soup = soup_server_new ("server-header", "ahi-server", NULL);
  /* Every path, so that one outside /api gets the JSON 404 of the route
   * table rather than libsoup's empty one. */
  soup_server_add_handler (self->soup, NULL, on_request_cb, self, NULL);
  /* Clients reach libsoup only through the front and its request guard:
   * bodies are capped, framed and timed there (ahi-http-guard.h). */
  self->front = ahi_http_front_new (self->soup, DEFAULT_BODY_TIMEOUT_S * 1000);
  return g_steal_pointer (&self);
}

void
ahi_server_free (AhiServer *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->front, ahi_http_front_free);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  g_clear_pointer (&self->tenants, ahi_tenants_free);
  g_clear_pointer (&self->control, ahi_control_free);
  g_free (self);
}

gboolean
ahi_server_listen (AhiServer   *self,
                   const char  *host,
                   guint        port,
                   guint       *out_port,
                   GError     **error)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (host);
  g_autoptr(GSocketAddress) where = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocket) socket = NULL;

  if (address == NULL)
    {
      g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST, "%s is not an IP address", host);
      return FALSE;
    }
  where = g_inet_socket_address_new (address, port);
  socket = g_socket_new (g_inet_address_get_family (address), G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return FALSE;
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  if (!g_socket_bind (socket, where, TRUE, error) ||
      !g_socket_listen (socket, error) ||
      !ahi_http_front_listen (self->front, socket, error))
    return FALSE;

  bound = g_socket_get_local_address (socket, error);
  if (bound == NULL)
    return FALSE;
  if (out_port != NULL)
    *out_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  return TRUE;
}

gboolean
ahi_server_set_tls (AhiServer   *self,
                    const char  *cert_file,
                    const char  *key_file,
                    GError     **error)
{
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_files (cert_file, key_file, error);

  if (certificate == NULL)
    return FALSE;
  ahi_http_front_set_tls (self->front, certificate);
  return TRUE;
}

gboolean
ahi_server_get_tls (AhiServer *self)
{
  return ahi_http_front_get_tls (self->front);
}

void
ahi_server_set_body_timeout (AhiServer *self,
                             guint      seconds)
{
  g_return_if_fail (seconds > 0);
  ahi_http_front_set_timeout (self->front, seconds * 1000);
}

static void
maybe_stopped (AhiServer *self)
{
  if (self->stopping && self->in_flight == 0 && self->stopped != NULL)
    {
      GSourceFunc done = g_steal_pointer (&self->stopped);

      /* Only now: libsoup 3.2's disconnect closes every client
       * connection, answers being written included. */
      soup_server_disconnect (self->soup);
      done (self->stopped_data);
    }
}

void
ahi_server_stop (AhiServer   *self,
                 GSourceFunc  done,
                 gpointer     data)
{
  self->stopping = TRUE;
  self->stopped = done;
  self->stopped_data = data;
  /* No new connections; the requests in flight still get their answers
   * (maybe_stopped). */
  ahi_http_front_stop (self->front);
  maybe_stopped (self);
}

void
ahi_server_hold (AhiServer *self)
{
  self->in_flight++;
}

void
ahi_server_release (AhiServer *self)
{
  g_return_if_fail (self->in_flight > 0);
  self->in_flight--;
  maybe_stopped (self);
}

AhiControl *
ahi_server_get_control (AhiServer *self)
{
  return self->control;
}

AhiTenants *
ahi_server_get_tenants (AhiServer *self)
{
  return self->tenants;
}

AhiPasswordCost
ahi_server_get_password_cost (AhiServer *self)
{
  return self->cost;
}

void
ahi_server_set_fixed_clock (AhiServer *self,
                            gint64     unix_seconds)
{
  g_return_if_fail (unix_seconds > 0);
  self->fixed_clock = unix_seconds;
}

gint64
ahi_server_now (AhiServer *self)
{
  /* Only an explicit --fixed-clock stops the clock: nothing in the
   * environment can move a production server's time. */
  if (self->fixed_clock != 0)
    return self->fixed_clock;
  return g_get_real_time () / G_USEC_PER_SEC;
}
