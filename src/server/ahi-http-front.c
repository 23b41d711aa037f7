/* ahi-http-front.c — accepting clients: TLS, then the guard, then libsoup */
#include "ahi-http-front.h"

#include <glib/gstdio.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "ahi-http-guard.h"

/* After an accept that fails (out of descriptors), wait this long before
 * the next try rather than spin. */
#define ACCEPT_BACKOFF_MS 100

typedef struct {
  AhiHttpFront *front;
  GSocket      *socket;
  GSource      *source;   /* readable, or the back-off timer */
} Listener;

struct _AhiHttpFront {
  SoupServer      *soup;
  GPtrArray       *listeners;   /* Listener * */
  GTlsCertificate *certificate;
  GHashTable      *handshakes;  /* Handshake * under way */
  guint            timeout_ms;
  gboolean         soup_listening;
  gboolean         stopped;
};

typedef struct {
  AhiHttpFront      *front;       /* NULL once the front is freed */
  GSocketConnection *connection;
  GIOStream         *tls;
  GCancellable      *cancellable;
  GSource           *timer;
} Handshake;

/* ------------------------------------------------------------- helpers */

/* libsoup keeps a connection alive after an answer only while it has a
 * listener of its own (request_finished() in libsoup 3.2's soup-server.c
 * checks priv->listeners); connections handed over with
 * soup_server_accept_iostream would each serve one request. So it gets a
 * listening Unix socket whose name is removed at once: listening, and
 * reachable by no one. */
static gboolean
give_soup_a_listener (AhiHttpFront  *self,
                      GError       **error)
{
  g_autofree char *dir = g_dir_make_tmp ("ahi-server-XXXXXX", error);
  g_autofree char *path = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocket) socket = NULL;
  struct sockaddr_un native = { .sun_family = AF_UNIX };
  gboolean ok;

  if (dir == NULL)
    return FALSE;
  path = g_build_filename (dir, "s", NULL);
  if (strlen (path) >= sizeof native.sun_path)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FILENAME_TOO_LONG, "%s is too long for a socket name", path);
      g_rmdir (dir);
      return FALSE;
    }
  strcpy (native.sun_path, path);
  address = g_socket_address_new_from_native (&native, sizeof native);
  socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, error);
  ok = socket != NULL && g_socket_bind (socket, address, FALSE, error) && g_socket_listen (socket, error);
  g_unlink (path);
  g_rmdir (dir);
  return ok && soup_server_listen_socket (self->soup, socket, 0, error);
}

static void
hand_over (AhiHttpFront      *self,
           GIOStream         *base,
           GSocketConnection *connection)
{
  g_autoptr(GSocketAddress) local = g_socket_connection_get_local_address (connection, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);
  g_autoptr(GIOStream) guard = NULL;

  /* Gone already: nothing to serve. */
  if (local == NULL || remote == NULL)
    {
      g_io_stream_close (base, NULL, NULL);
      return;
    }
  guard = ahi_http_guard_new (base, g_socket_connection_get_socket (connection), self->timeout_ms);
  soup_server_accept_iostream (self->soup, guard, local, remote, NULL);
}

static void
handshake_free (Handshake *handshake)
{
  g_source_destroy (handshake->timer);
  g_source_unref (handshake->timer);
  g_object_unref (handshake->cancellable);
  g_object_unref (handshake->tls);
  g_object_unref (handshake->connection);
  g_free (handshake);
}

/* ------------------------------------------------------------- callbacks */

static gboolean
on_handshake_timeout_cb (gpointer data)
{
  Handshake *handshake = data;

  g_cancellable_cancel (handshake->cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_handshake_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Handshake *handshake = data;
  AhiHttpFront *front = handshake->front;
  gboolean ok = g_tls_connection_handshake_finish (G_TLS_CONNECTION (source), result, NULL);

  if (front != NULL)
    g_hash_table_remove (front->handshakes, handshake);
  if (ok && front != NULL && !front->stopped)
    hand_over (front, handshake->tls, handshake->connection);
  else
    g_io_stream_close (handshake->tls, NULL, NULL);
  handshake_free (handshake);
}

static void
serve (AhiHttpFront      *self,
       GSocketConnection *connection)
{
  const char *protocols[] = { "http/1.1", "http/1.0", NULL };
  g_autoptr(GError) error = NULL;
  Handshake *handshake;
  GIOStream *tls;

  /* Answers are small and written whole: do not hold them back. */
  g_socket_set_option (g_socket_connection_get_socket (connection), IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);
  if (self->certificate == NULL)
    {
      hand_over (self, G_IO_STREAM (connection), connection);
      return;
    }

  tls = g_tls_server_connection_new (G_IO_STREAM (connection), self->certificate, &error);
  if (tls == NULL)
    {
      g_printerr ("ahi-server: cannot start TLS: %s\n", error->message);
      return;
    }
  g_object_set (tls, "require-close-notify", FALSE, NULL);
  g_tls_connection_set_advertised_protocols (G_TLS_CONNECTION (tls), protocols);

  /* A client that never finishes its handshake is dropped as a slow
   * request would be. */
  handshake = g_new0 (Handshake, 1);
  handshake->front = self;
  handshake->connection = g_object_ref (connection);
  handshake->tls = tls;
  handshake->cancellable = g_cancellable_new ();
  handshake->timer = g_timeout_source_new (self->timeout_ms);
  g_source_set_callback (handshake->timer, on_handshake_timeout_cb, handshake, NULL);
  g_source_attach (handshake->timer, g_main_context_get_thread_default ());
  g_hash_table_add (self->handshakes, handshake);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT, handshake->cancellable,
                                    on_handshake_cb, handshake);
}

static void listener_watch (Listener *listener);

static gboolean
on_backoff_done_cb (gpointer data)
{
  Listener *listener = data;

  g_clear_pointer (&listener->source, g_source_unref);
  listener_watch (listener);
  return G_SOURCE_REMOVE;
}

/* Accepts what is waiting. GSocketService would do this too, but it
 * answers a failed accept with a g_warning (fatal in the tests) and
 * tries again at once, spinning while descriptors run out. */
static gboolean
on_listener_readable_cb (GSocket      *socket,
                         GIOCondition  condition,
                         gpointer      data)
{
  Listener *listener = data;

  for (guint i = 0; i < 64; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) client = g_socket_accept (socket, NULL, &error);
      g_autoptr(GSocketConnection) connection = NULL;

      if (client == NULL)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            return G_SOURCE_CONTINUE;
          g_printerr ("ahi-server: cannot accept a connection: %s\n", error->message);
          g_source_destroy (listener->source);
          g_source_unref (listener->source);
          listener->source = g_timeout_source_new (ACCEPT_BACKOFF_MS);
          g_source_set_callback (listener->source, on_backoff_done_cb, listener, NULL);
          g_source_attach (listener->source, g_main_context_get_thread_default ());
          return G_SOURCE_REMOVE;
        }
      connection = g_socket_connection_factory_create_connection (client);
      serve (listener->front, connection);
    }
  return G_SOURCE_CONTINUE;
}

static void
listener_watch (Listener *listener)
{
  listener->source = g_socket_create_source (listener->socket, G_IO_IN, NULL);
  g_source_set_callback (listener->source, G_SOURCE_FUNC (on_listener_readable_cb), listener, NULL);
  g_source_attach (listener->source, g_main_context_get_thread_default ());
}

static void
listener_free (Listener *listener)
{
  if (listener->source != NULL)
    {
      g_source_destroy (listener->source);
      g_source_unref (listener->source);
    }
  g_socket_close (listener->socket, NULL);
  g_object_unref (listener->socket);
  g_free (listener);
}

/* ------------------------------------------------------------- public API */

AhiHttpFront *
ahi_http_front_new (SoupServer *soup,
                    guint       timeout_ms)
{
  AhiHttpFront *self = g_new0 (AhiHttpFront, 1);

  self->soup = g_object_ref (soup);
  self->timeout_ms = timeout_ms;
  self->handshakes = g_hash_table_new (NULL, NULL);
  self->listeners = g_ptr_array_new_with_free_func ((GDestroyNotify) listener_free);
  return self;
}

void
ahi_http_front_free (AhiHttpFront *self)
{
  GHashTableIter iter;
  gpointer key;

  if (self == NULL)
    return;
  ahi_http_front_stop (self);
  /* Handshakes under way finish on their own, and close. */
  g_hash_table_iter_init (&iter, self->handshakes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      Handshake *handshake = key;

      handshake->front = NULL;
      g_cancellable_cancel (handshake->cancellable);
    }
  g_hash_table_unref (self->handshakes);
  g_ptr_array_unref (self->listeners);
  g_clear_object (&self->certificate);
  g_clear_object (&self->soup);
  g_free (self);
}

void
ahi_http_front_set_timeout (AhiHttpFront *self,
                            guint         timeout_ms)
{
  g_return_if_fail (timeout_ms > 0);
  self->timeout_ms = timeout_ms;
}

void
ahi_http_front_set_tls (AhiHttpFront    *self,
                        GTlsCertificate *certificate)
{
  g_set_object (&self->certificate, certificate);
}

gboolean
ahi_http_front_get_tls (AhiHttpFront *self)
{
  return self->certificate != NULL;
}

gboolean
ahi_http_front_listen (AhiHttpFront  *self,
                       GSocket       *socket,
                       GError       **error)
{
  Listener *listener;

  g_return_val_if_fail (!self->stopped, FALSE);
  if (!self->soup_listening)
    {
      if (!give_soup_a_listener (self, error))
        return FALSE;
      self->soup_listening = TRUE;
    }
  listener = g_new0 (Listener, 1);
  listener->front = self;
  listener->socket = g_object_ref (socket);
  g_socket_set_blocking (socket, FALSE);
  listener_watch (listener);
  g_ptr_array_add (self->listeners, listener);
  return TRUE;
}

void
ahi_http_front_stop (AhiHttpFront *self)
{
  if (self->stopped)
    return;
  self->stopped = TRUE;
  /* Closes the listening sockets: new clients are refused. */
  g_ptr_array_set_size (self->listeners, 0);
}
