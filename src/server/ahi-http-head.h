/* ahi-http-head.h — a request's head read before libsoup sees it
 *
 * libsoup 3.2 answers malformed framing itself with an empty 400, hangs on
 * `Content-Length: -1`, and reads an announced body into memory even after
 * a 413 (STACK-NOTES). The connection guard (ahi-http-guard.c) parses each
 * request line and header block here first, strictly: one Content-Length
 * of digits only, or `Transfer-Encoding: chunked` alone, never both. Only
 * a head that passes is handed on.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Longest request head (request line and headers) the guard waits for. */
#define AHI_HTTP_MAX_HEAD (32 * 1024)

typedef enum {
  AHI_HTTP_BODY_NONE,
  AHI_HTTP_BODY_LENGTH,
  AHI_HTTP_BODY_CHUNKED,
} AhiHttpBodyKind;

typedef struct {
  char            *method;
  AhiHttpBodyKind  body;
  guint64          length;  /* AHI_HTTP_BODY_LENGTH: the announced length */
  guint64          cap;     /* the largest body the request's route accepts */
} AhiHttpHead;

/* Parses the head (data up to and including its blank line). A malformed
 * head or framing is AHI_SERVER_ERROR_BAD_REQUEST; an announced length
 * above the route's cap is AHI_SERVER_ERROR_TOO_LARGE (head->method is
 * set in both cases when the request line could be read). */
gboolean ahi_http_head_parse (const char   *data,
                              gsize         length,
                              AhiHttpHead  *head,
                              GError      **error);
void     ahi_http_head_clear (AhiHttpHead  *head);

/* The body cap of a route: a sync push AHI_HTTP_MAX_PUSH_BODY, every
 * other route AHI_HTTP_MAX_BODY (ahi-http.h). path has no query. */
guint64  ahi_http_body_cap   (const char   *method,
                              const char   *path);

G_END_DECLS
