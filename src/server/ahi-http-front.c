/* ahi-http-front.c — accepting clients: TLS, then the guard, then libsoup */
#include "ahi-http-front.h"

#include <glib/gstdio.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "ahi-http-guard.h"

struct _AhiHttpFront {
  SoupServer      *soup;
  GSocketService  *service;
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

static gboolean
on_incoming_cb (GSocketService    *service,
                GSocketConnection *connection,
                GObject           *source,
                gpointer           data)
{
  AhiHttpFront *self = data;
  const char *protocols[] = { "http/1.1", "http/1.0", NULL };
  g_autoptr(GError) error = NULL;
  Handshake *handshake;
  GIOStream *tls;

  /* Answers are small and written whole: do not hold them back. */
  g_socket_set_option (g_socket_connection_get_socket (connection), IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);
  if (self->certificate == NULL)
    {
      hand_over (self, G_IO_STREAM (connection), connection);
      return TRUE;
    }

  tls = g_tls_server_connection_new (G_IO_STREAM (connection), self->certificate, &error);
  if (tls == NULL)
    {
      g_printerr ("ahi-server: cannot start TLS: %s\n", error->message);
      return TRUE;
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
  return TRUE;
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
  self->service = g_socket_service_new ();
  g_signal_connect (self->service, "incoming", G_CALLBACK (on_incoming_cb), self);
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
  g_signal_handlers_disconnect_by_data (self->service, self);
  /* Handshakes under way finish on their own, and close. */
  g_hash_table_iter_init (&iter, self->handshakes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      Handshake *handshake = key;

      handshake->front = NULL;
      g_cancellable_cancel (handshake->cancellable);
    }
  g_hash_table_unref (self->handshakes);
  g_clear_object (&self->service);
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
  if (!self->soup_listening)
    {
      if (!give_soup_a_listener (self, error))
        return FALSE;
      self->soup_listening = TRUE;
    }
  return g_socket_listener_add_socket (G_SOCKET_LISTENER (self->service), socket, NULL, error);
}

void
ahi_http_front_stop (AhiHttpFront *self)
{
  if (self->stopped)
    return;
  self->stopped = TRUE;
  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
}
