/* ahi-http-guard.h — one client connection, framed before libsoup reads it
 *
 * libsoup 3.2 reads an announced body into memory even after a 413 set in
 * got-headers, answers malformed framing with an empty 400 of its own
 * before any handler runs, hangs on `Content-Length: -1`, gathers chunked
 * bodies whole and never times a slow body out (STACK-NOTES). So every
 * connection is handed to the SoupServer wrapped in a guard: libsoup reads
 * through it, and it passes on a request's head only once the whole head
 * is read and its framing checked (ahi-http-head.c), then the body byte by
 * byte up to the route's cap, counting chunked bytes as their sizes
 * arrive. Anything else is answered by the guard itself with the JSON
 * error (400 bad framing, 413 too large, 408 too slow, connection closed)
 * and libsoup sees the connection end: no handler runs, nothing is kept.
 *
 * Time limit: a request's head and body must arrive within timeout_ms of
 * its first byte; a new connection's first request within timeout_ms of
 * the connection (one that sends nothing is closed without an answer).
 * A kept-alive connection idle between requests is not timed.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define AHI_TYPE_HTTP_GUARD (ahi_http_guard_get_type ())
G_DECLARE_FINAL_TYPE (AhiHttpGuard, ahi_http_guard, AHI, HTTP_GUARD, GIOStream)

/* base: the client's connection (TCP, or TLS over it, handshake done);
 * socket: its socket, to half-close after an error answer. */
GIOStream *ahi_http_guard_new (GIOStream *base,
                               GSocket   *socket,
                               guint      timeout_ms);

G_END_DECLS
