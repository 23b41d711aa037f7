/* ahi-http-front.h — accepting clients: TLS, then the guard, then libsoup
 *
 * The front accepts each connection itself, does the TLS handshake when
 * the server serves HTTPS, wraps the connection in a request guard
 * (ahi-http-guard.h) and hands it to the SoupServer with
 * soup_server_accept_iostream. libsoup never listens on a reachable
 * socket of its own.
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _AhiHttpFront AhiHttpFront;

/* timeout_ms: how long a request (head and body) and a TLS handshake may
 * take. */
AhiHttpFront *ahi_http_front_new         (SoupServer       *soup,
                                          guint             timeout_ms);
void          ahi_http_front_free        (AhiHttpFront     *self);

void          ahi_http_front_set_timeout (AhiHttpFront     *self,
                                          guint             timeout_ms);
/* Serves HTTPS with this certificate (and its key). */
void          ahi_http_front_set_tls     (AhiHttpFront     *self,
                                          GTlsCertificate  *certificate);
gboolean      ahi_http_front_get_tls     (AhiHttpFront     *self);

/* Accepts clients on socket (bound and listening). */
gboolean      ahi_http_front_listen      (AhiHttpFront     *self,
                                          GSocket          *socket,
                                          GError          **error);
/* Stops accepting; connections already handed on stay libsoup's. */
void          ahi_http_front_stop        (AhiHttpFront     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiHttpFront, ahi_http_front_free)

G_END_DECLS
