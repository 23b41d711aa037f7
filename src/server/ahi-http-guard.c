/* ahi-http-guard.c — one client connection, framed before libsoup reads it */
#include "ahi-http-guard.h"

#include <libsoup/soup.h>
#include <string.h>

#include "ahi-http.h"
#include "ahi-http-head.h"
#include "ahi-server-error.h"

/* What one read from the client asks for: the most a connection holds
 * beyond its head (at most AHI_HTTP_MAX_HEAD) while libsoup is reading. */
#define READ_BLOCK (16 * 1024)
/* A chunk-size line with its extensions (libsoup 3.2 reads a chunk-size line into a 128-byte buffer: a longer
 * one it drops the connection for, with no answer), and the blank line
 * that ends a chunked body (trailer fields are refused). */
#define MAX_CHUNK_LINE 127
#define MAX_TRAILER (8 * 1024)
/* After an error answer, how long the rest of the client's request is read
 * and thrown away before the socket closes: closing on unread bytes sends
 * a reset, and a reset can reach the client before it has read the
 * answer. */
#define DRAIN_MS 2000
/* The per-connection caps bound one client; this bounds them all. Bytes
 * of bodies beyond the common cap (AHI_HTTP_MAX_BODY: only sync pushes
 * go beyond it) that are arriving now, over every connection, stay under
 * this budget: without it, a thousand clients each sending 1 MiB to the
 * push route would hold a gigabyte. An announced body reserves its whole
 * share at its head; a chunked one as its chunk sizes arrive. A request
 * that does not fit is answered 503 `busy`; bodies up to the common cap
 * are never refused for it. */
#define LARGE_BODY_BUDGET (32 * 1024 * 1024)

typedef enum {
  STATE_HEAD,        /* waiting for a whole request head */
  STATE_BODY,        /* a Content-Length body: remaining bytes */
  STATE_CHUNK_SIZE,  /* a chunked body: the next chunk-size line */
  STATE_CHUNK_DATA,  /* remaining bytes of a chunk */
  STATE_CHUNK_END,   /* the CRLF after a chunk */
  STATE_TRAILER,     /* trailer lines up to the blank one */
  STATE_FAILED,      /* answered with an error; libsoup reads an error */
} State;

typedef enum {
  STEP_ON,       /* framed something; go on framing */
  STEP_WAIT,     /* needs more bytes from the client */
  STEP_DONE,     /* the request is complete: stop before the next one */
  STEP_ERROR,    /* answer the error and close */
} Step;

#define AHI_TYPE_HTTP_GUARD_INPUT (ahi_http_guard_input_get_type ())
G_DECLARE_FINAL_TYPE (AhiHttpGuardInput, ahi_http_guard_input, AHI, HTTP_GUARD_INPUT, GInputStream)

struct _AhiHttpGuardInput {
  GInputStream  parent_instance;
  GIOStream    *base;
  GSocket      *socket;
  GByteArray   *in;          /* read from the client, not yet read by libsoup */
  gsize         ready;       /* bytes at the start of in that libsoup may read */
  gsize         scanned;     /* STATE_HEAD: bytes of the head searched for its end */
  State         state;
  guint64       remaining;   /* STATE_BODY, STATE_CHUNK_DATA */
  guint64       body_total;  /* chunked: the sizes announced so far */
  guint64       cap;         /* this request's body cap */
  gsize         trailer;     /* bytes of trailer lines so far */
  guint64       charged;     /* this request's share of large_in_transit */
  char         *method;      /* for the log line of a refusal */
  guint         timeout_ms;
  GSource      *timer;
  GCancellable *wake;        /* cancelled on failure: wakes libsoup's sources */
  gboolean      closed;
};

struct _AhiHttpGuard {
  GIOStream          parent_instance;
  GIOStream         *base;
  AhiHttpGuardInput *input;
};

static void ahi_http_guard_input_pollable_init (GPollableInputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AhiHttpGuardInput, ahi_http_guard_input, G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_INPUT_STREAM,
                                                      ahi_http_guard_input_pollable_init))
G_DEFINE_FINAL_TYPE (AhiHttpGuard, ahi_http_guard, G_TYPE_IO_STREAM)

/* Body bytes beyond AHI_HTTP_MAX_BODY of the requests arriving now, over
 * all connections (the server's one thread only). */
static guint64 large_in_transit;

/* ------------------------------------------------------------- budget */

/* Charges the request for a body of total bytes (so far): FALSE, and
 * nothing charged, when its share beyond the common cap does not fit in
 * what the other requests leave of the budget. */
static gboolean
charge (AhiHttpGuardInput *self,
        guint64            total,
        GError           **error)
{
  guint64 share = total > AHI_HTTP_MAX_BODY ? total - AHI_HTTP_MAX_BODY : 0;

  if (share <= self->charged)
    return TRUE;
  if (large_in_transit - self->charged + share > LARGE_BODY_BUDGET)
    {
      g_set_error_literal (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BUSY,
                           "The server is receiving too many large bodies; try again shortly");
      return FALSE;
    }
  large_in_transit += share - self->charged;
  self->charged = share;
  return TRUE;
}

/* The request is complete (its handler runs now) or gone. */
static void
discharge (AhiHttpGuardInput *self)
{
  large_in_transit -= self->charged;
  self->charged = 0;
}

/* ------------------------------------------------------------- draining */

typedef struct {
  GIOStream *base;
  GSource   *readable;
  GSource   *deadline;
} Drain;

static void
drain_finish (Drain *drain)
{
  g_source_destroy (drain->readable);
  g_source_unref (drain->readable);
  g_source_destroy (drain->deadline);
  g_source_unref (drain->deadline);
  g_io_stream_close (drain->base, NULL, NULL);
  g_object_unref (drain->base);
  g_free (drain);
}

static gboolean
on_drain_readable_cb (GObject  *stream,
                      gpointer  data)
{
  char buffer[READ_BLOCK];

  /* Read and forget, a bounded amount per turn of the loop. */
  for (guint i = 0; i < 64; i++)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (stream), buffer,
                                                           sizeof buffer, NULL, &error);

      if (n > 0)
        continue;
      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return G_SOURCE_CONTINUE;
      drain_finish (data);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
on_drain_deadline_cb (gpointer data)
{
  drain_finish (data);
  return G_SOURCE_REMOVE;
}

static void
drain_start (GIOStream *base)
{
  Drain *drain = g_new0 (Drain, 1);
  GMainContext *context = g_main_context_get_thread_default ();

  drain->base = g_object_ref (base);
  drain->readable = g_pollable_input_stream_create_source (G_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (base)),
                                                           NULL);
  g_source_set_callback (drain->readable, G_SOURCE_FUNC (on_drain_readable_cb), drain, NULL);
  g_source_attach (drain->readable, context);
  drain->deadline = g_timeout_source_new (DRAIN_MS);
  g_source_set_callback (drain->deadline, on_drain_deadline_cb, drain, NULL);
  g_source_attach (drain->deadline, context);
}

/* ------------------------------------------------------------- failing */

static void
disarm (AhiHttpGuardInput *self)
{
  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
}

/* The error answer, written without waiting: the client has been sent
 * nothing else on this request, so the socket's buffer has room for it. */
static void
answer (AhiHttpGuardInput *self,
        const GError      *error)
{
  g_autofree char *json = ahi_server_error_to_json (error);
  guint status = ahi_server_error_status (error);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = soup_date_time_to_string (now, SOUP_DATE_HTTP);
  g_autofree char *response = NULL;
  GOutputStream *out = g_io_stream_get_output_stream (self->base);

  response = g_strdup_printf ("HTTP/1.1 %u %s\r\nServer: ahi-server\r\nDate: %s\r\n"
                              "Content-Type: application/json\r\nContent-Length: %zu\r\n"
                              "Connection: close\r\n\r\n%s",
                              status, soup_status_get_phrase (status), date, strlen (json), json);
  g_pollable_output_stream_write_nonblocking (G_POLLABLE_OUTPUT_STREAM (out), response, strlen (response),
                                              NULL, NULL);
  /* The method is a token the head parser checked: safe to log. */
  g_printerr ("ahi-server: %s (refused by the guard) %u %s\n",
              self->method != NULL ? self->method : "-", status, ahi_server_error_code (error));
}

/* Answers error (NULL: closes without a word), forgets what the
 * connection held and closes it once the client's remaining bytes are
 * drained; libsoup's next read fails and it drops the connection. */
static void
fail (AhiHttpGuardInput *self,
      const GError      *error)
{
  if (self->state == STATE_FAILED)
    return;
  self->state = STATE_FAILED;
  disarm (self);
  discharge (self);
  g_byte_array_set_size (self->in, 0);
  self->ready = 0;
  if (error != NULL && !self->closed)
    answer (self, error);
  if (self->socket != NULL)
    g_socket_shutdown (self->socket, FALSE, TRUE, NULL);
  if (!self->closed)
    drain_start (self->base);
  g_cancellable_cancel (self->wake);
}

static gboolean
on_timeout_cb (gpointer data)
{
  AhiHttpGuardInput *self = data;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->timer, g_source_unref);
  /* No byte of a request yet (a new connection that says nothing): close
   * without an answer, as there is no request to answer. */
  if (self->state == STATE_HEAD && self->in->len == 0)
    {
      fail (self, NULL);
      return G_SOURCE_REMOVE;
    }
  g_set_error (&error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_TIMEOUT,
               "The request did not arrive within %u ms", self->timeout_ms);
  fail (self, error);
  return G_SOURCE_REMOVE;
}

static void
arm (AhiHttpGuardInput *self)
{
  if (self->timer != NULL)
    return;
  self->timer = g_timeout_source_new (self->timeout_ms);
  g_source_set_callback (self->timer, on_timeout_cb, self, NULL);
  g_source_attach (self->timer, g_main_context_get_thread_default ());
}

/* ------------------------------------------------------------- framing */

/* The length of the head at p (through its blank line), or 0 while the
 * blank line has not arrived; *scanned keeps the search from starting
 * over with every byte. Lines may end in CRLF or LF, as libsoup reads
 * them. */
static gsize
find_head_end (const guint8 *p,
               gsize         avail,
               gsize        *scanned)
{
  for (gsize i = *scanned; i < avail; i++)
    {
      if (p[i] != '\n')
        continue;
      if (i + 1 < avail && p[i + 1] == '\n')
        return i + 2;
      if (i + 2 < avail && p[i + 1] == '\r' && p[i + 2] == '\n')
        return i + 3;
      if (i + 1 == avail || (i + 2 == avail && p[i + 1] == '\r'))
        {
          *scanned = i;
          return 0;
        }
    }
  *scanned = avail;
  return 0;
}

static Step
frame_head (AhiHttpGuardInput  *self,
            GError            **error)
{
  AhiHttpHead head;
  guint8 *p;
  gsize avail;
  gsize end;

  /* A client may send a blank line or two between requests (RFC 9112
   * §2.2): skip them, libsoup would take one for an empty head. */
  while (self->in->len > self->ready && self->scanned == 0 &&
         (self->in->data[self->ready] == '\r' || self->in->data[self->ready] == '\n'))
    g_byte_array_remove_index (self->in, self->ready);
  p = self->in->data + self->ready;
  avail = self->in->len - self->ready;
  if (avail == 0)
    return STEP_WAIT;
  arm (self);
  end = find_head_end (p, avail, &self->scanned);
  if (end == 0 || end > AHI_HTTP_MAX_HEAD)
    {
      if (end == 0 && avail <= AHI_HTTP_MAX_HEAD)
        return STEP_WAIT;
      g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST,
                   "The request head is longer than %d bytes", AHI_HTTP_MAX_HEAD);
      return STEP_ERROR;
    }

  if (!ahi_http_head_parse ((const char *) p, end, &head, error))
    {
      g_free (self->method);
      self->method = g_steal_pointer (&head.method);
      return STEP_ERROR;
    }
  g_free (self->method);
  self->method = g_steal_pointer (&head.method);
  self->ready += end;
  self->scanned = 0;
  self->cap = head.cap;
  self->body_total = 0;
  self->trailer = 0;
  switch (head.body)
    {
    case AHI_HTTP_BODY_NONE:
      return STEP_DONE;
    case AHI_HTTP_BODY_LENGTH:
      if (head.length == 0)
        return STEP_DONE;
      if (!charge (self, head.length, error))
        return STEP_ERROR;
      self->state = STATE_BODY;
      self->remaining = head.length;
      return STEP_ON;
    case AHI_HTTP_BODY_CHUNKED:
    default:
      self->state = STATE_CHUNK_SIZE;
      return STEP_ON;
    }
}

/* STATE_BODY and STATE_CHUNK_DATA: the bytes pass as they are. */
static Step
frame_data (AhiHttpGuardInput *self)
{
  guint64 n = MIN ((guint64) (self->in->len - self->ready), self->remaining);

  self->ready += n;
  self->remaining -= n;
  if (self->remaining > 0)
    return STEP_WAIT;
  if (self->state == STATE_BODY)
    {
      self->state = STATE_HEAD;
      return STEP_DONE;
    }
  self->state = STATE_CHUNK_END;
  return STEP_ON;
}

/* The length of the line at the ready mark (with its LF), or 0 while its
 * LF has not arrived. */
static gsize
line_length (AhiHttpGuardInput *self)
{
  const guint8 *p = self->in->data + self->ready;
  const guint8 *lf = memchr (p, '\n', self->in->len - self->ready);

  return lf != NULL ? (gsize) (lf - p) + 1 : 0;
}

/* A chunk-size line: hex digits, then nothing, or an extension after ';'
 * (or whitespace). The size counts against the cap before a byte of the
 * chunk is read. */
static Step
frame_chunk_size (AhiHttpGuardInput  *self,
                  GError            **error)
{
  const guint8 *p = self->in->data + self->ready;
  gsize length = line_length (self);
  gsize content;
  guint64 size = 0;
  gsize i = 0;

  if (length == 0)
    {
      if (self->in->len - self->ready < MAX_CHUNK_LINE)
        return STEP_WAIT;
      g_set_error_literal (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST, "A chunk-size line is too long");
      return STEP_ERROR;
    }
  content = length - 1 - (length >= 2 && p[length - 2] == '\r');
  for (; i < content && g_ascii_isxdigit (p[i]); i++)
    {
      /* Sixteen hex digits pass any cap: stop before they overflow. */
      if (size > self->cap)
        break;
      size = size * 16 + g_ascii_xdigit_value (p[i]);
    }
  if (i == 0 || length > MAX_CHUNK_LINE ||
      (i < content && size <= self->cap && p[i] != ';' && p[i] != ' ' && p[i] != '\t'))
    {
      g_set_error_literal (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST,
                           "A chunk size is not a hexadecimal number");
      return STEP_ERROR;
    }
  if (size > self->cap - self->body_total)
    {
      g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_TOO_LARGE,
                   "The chunked body passes %" G_GUINT64_FORMAT " bytes, the most accepted here", self->cap);
      return STEP_ERROR;
    }
  if (!charge (self, self->body_total + size, error))
    return STEP_ERROR;
  self->body_total += size;
  self->ready += length;
  self->remaining = size;
  self->state = size > 0 ? STATE_CHUNK_DATA : STATE_TRAILER;
  return STEP_ON;
}

static Step
frame_chunk_end (AhiHttpGuardInput  *self,
                 GError            **error)
{
  const guint8 *p = self->in->data + self->ready;
  gsize avail = self->in->len - self->ready;

  if (avail == 0 || (avail == 1 && p[0] == '\r'))
    return STEP_WAIT;
  if (p[0] != '\n' && (p[0] != '\r' || p[1] != '\n'))
    {
      g_set_error_literal (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST,
                           "A chunk is longer than its size");
      return STEP_ERROR;
    }
  self->ready += p[0] == '\n' ? 1 : 2;
  self->state = STATE_CHUNK_SIZE;
  return STEP_ON;
}

static Step
frame_trailer (AhiHttpGuardInput  *self,
               GError            **error)
{
  const guint8 *p = self->in->data + self->ready;
  gsize length = line_length (self);
  gsize pending = length > 0 ? length : self->in->len - self->ready;

  if (self->trailer + pending > MAX_TRAILER)
    {
      g_set_error_literal (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST, "The trailer is too long");
      return STEP_ERROR;
    }
  if (length == 0)
    return STEP_WAIT;
  if (length == 1 || (length == 2 && p[0] == '\r'))
    {
      self->trailer += length;
      self->ready += length;
      self->state = STATE_HEAD;
      return STEP_DONE;
    }
  /* No trailer fields: libsoup 3.2 reads one trailer line and takes the
   * next for a new request, which would then pass unframed (a smuggled
   * request with a body of any size). No route of ours reads a trailer. */
  g_set_error_literal (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST,
                       "Trailer fields after a chunked body are not accepted");
  return STEP_ERROR;
}

/* Frames what has arrived, moving the ready mark over what libsoup may
 * read; stops at the end of a request, so that the next one is framed
 * only when libsoup asks for it (after it has answered this one). */
static void
advance (AhiHttpGuardInput *self)
{
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      Step step;

      switch (self->state)
        {
        case STATE_HEAD:
          step = frame_head (self, &error);
          break;
        case STATE_BODY:
        case STATE_CHUNK_DATA:
          step = frame_data (self);
          break;
        case STATE_CHUNK_SIZE:
          step = frame_chunk_size (self, &error);
          break;
        case STATE_CHUNK_END:
          step = frame_chunk_end (self, &error);
          break;
        case STATE_TRAILER:
          step = frame_trailer (self, &error);
          break;
        case STATE_FAILED:
        default:
          return;
        }

      switch (step)
        {
        case STEP_ON:
          continue;
        case STEP_WAIT:
          return;
        case STEP_DONE:
          disarm (self);
          discharge (self);
          return;
        case STEP_ERROR:
        default:
          fail (self, error);
          return;
        }
    }
}

/* ------------------------------------------------------------- reading */

static gssize
guard_read (AhiHttpGuardInput  *self,
            void               *buffer,
            gsize               count,
            gboolean            blocking,
            GCancellable       *cancellable,
            GError            **error)
{
  GInputStream *base_in = g_io_stream_get_input_stream (self->base);

  for (;;)
    {
      guint8 block[READ_BLOCK];
      gssize n;

      if (self->state == STATE_FAILED || self->closed)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                               "The connection was closed by the request guard");
          return -1;
        }
      if (self->ready > 0)
        {
          gsize give = MIN (count, self->ready);

          memcpy (buffer, self->in->data, give);
          g_byte_array_remove_range (self->in, 0, give);
          self->ready -= give;
          /* Between requests an empty buffer gives its room back: an idle
           * kept-alive connection holds nothing. */
          if (self->in->len == 0 && self->state == STATE_HEAD)
            {
              g_byte_array_unref (self->in);
              self->in = g_byte_array_new ();
            }
          return give;
        }
      advance (self);
      if (self->ready > 0 || self->state == STATE_FAILED)
        continue;

      /* Nothing libsoup may read yet: more from the client. */
      n = g_pollable_stream_read (base_in, block, sizeof block, blocking, cancellable, error);
      if (n <= 0)
        return n;
      g_byte_array_append (self->in, block, n);
    }
}

static gssize
ahi_http_guard_input_read (GInputStream  *stream,
                           void          *buffer,
                           gsize          count,
                           GCancellable  *cancellable,
                           GError       **error)
{
  return guard_read (AHI_HTTP_GUARD_INPUT (stream), buffer, count, TRUE, cancellable, error);
}

static gboolean
ahi_http_guard_input_close (GInputStream  *stream,
                            GCancellable  *cancellable,
                            GError       **error)
{
  /* The connection is closed by the guard stream (or the drain). */
  return TRUE;
}

static gssize
ahi_http_guard_input_read_nonblocking (GPollableInputStream  *stream,
                                       void                  *buffer,
                                       gsize                  count,
                                       GError               **error)
{
  return guard_read (AHI_HTTP_GUARD_INPUT (stream), buffer, count, FALSE, NULL, error);
}

static gboolean
ahi_http_guard_input_can_poll (GPollableInputStream *stream)
{
  return TRUE;
}

static gboolean
ahi_http_guard_input_is_readable (GPollableInputStream *stream)
{
  AhiHttpGuardInput *self = AHI_HTTP_GUARD_INPUT (stream);

  return self->ready > 0 || self->state == STATE_FAILED || self->closed ||
         g_pollable_input_stream_is_readable (G_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (self->base)));
}

/* Ready when the client's stream is, at once when libsoup has bytes or an
 * error waiting, and when a failure (a timeout) wakes it. */
static GSource *
ahi_http_guard_input_create_source (GPollableInputStream *stream,
                                    GCancellable         *cancellable)
{
  AhiHttpGuardInput *self = AHI_HTTP_GUARD_INPUT (stream);
  GSource *child;
  GSource *wake;
  GSource *source;

  if (self->ready > 0 || self->state == STATE_FAILED || self->closed)
    child = g_timeout_source_new (0);
  else
    child = g_pollable_input_stream_create_source (G_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (self->base)),
                                                   NULL);
  source = g_pollable_source_new_full (stream, child, cancellable);
  wake = g_cancellable_source_new (self->wake);
  g_source_set_dummy_callback (wake);
  g_source_add_child_source (source, wake);
  g_source_unref (wake);
  g_source_unref (child);
  return source;
}

static void
ahi_http_guard_input_dispose (GObject *object)
{
  AhiHttpGuardInput *self = AHI_HTTP_GUARD_INPUT (object);

  disarm (self);
  discharge (self);
  G_OBJECT_CLASS (ahi_http_guard_input_parent_class)->dispose (object);
}

static void
ahi_http_guard_input_finalize (GObject *object)
{
  AhiHttpGuardInput *self = AHI_HTTP_GUARD_INPUT (object);

  g_clear_object (&self->base);
  g_clear_object (&self->socket);
  g_clear_object (&self->wake);
  g_byte_array_unref (self->in);
  g_free (self->method);
  G_OBJECT_CLASS (ahi_http_guard_input_parent_class)->finalize (object);
}

static void
ahi_http_guard_input_class_init (AhiHttpGuardInputClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->dispose = ahi_http_guard_input_dispose;
  object_class->finalize = ahi_http_guard_input_finalize;
  stream_class->read_fn = ahi_http_guard_input_read;
  stream_class->close_fn = ahi_http_guard_input_close;
}

static void
ahi_http_guard_input_pollable_init (GPollableInputStreamInterface *iface)
{
  iface->can_poll = ahi_http_guard_input_can_poll;
  iface->is_readable = ahi_http_guard_input_is_readable;
  iface->create_source = ahi_http_guard_input_create_source;
  iface->read_nonblocking = ahi_http_guard_input_read_nonblocking;
}

static void
ahi_http_guard_input_init (AhiHttpGuardInput *self)
{
  self->in = g_byte_array_new ();
  self->wake = g_cancellable_new ();
}

/* ------------------------------------------------------------- the stream */

static GInputStream *
ahi_http_guard_get_input_stream (GIOStream *stream)
{
  return G_INPUT_STREAM (AHI_HTTP_GUARD (stream)->input);
}

static GOutputStream *
ahi_http_guard_get_output_stream (GIOStream *stream)
{
  /* Answers go straight to the client. */
  return g_io_stream_get_output_stream (AHI_HTTP_GUARD (stream)->base);
}

static gboolean
ahi_http_guard_close (GIOStream     *stream,
                      GCancellable  *cancellable,
                      GError       **error)
{
  AhiHttpGuard *self = AHI_HTTP_GUARD (stream);
  gboolean failed = self->input->state == STATE_FAILED;

  self->input->closed = TRUE;
  disarm (self->input);
  discharge (self->input);
  /* After a refusal the drain closes the client's stream. */
  return failed || g_io_stream_close (self->base, cancellable, error);
}

/* GIOStream's own close_async closes in a thread; the client's stream
 * belongs to the server's one thread, and closing it does not block. */
static void
ahi_http_guard_close_async (GIOStream           *stream,
                            int                  io_priority,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (stream, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, ahi_http_guard_close_async);
  if (ahi_http_guard_close (stream, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
ahi_http_guard_close_finish (GIOStream     *stream,
                             GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
ahi_http_guard_finalize (GObject *object)
{
  AhiHttpGuard *self = AHI_HTTP_GUARD (object);

  g_clear_object (&self->input);
  g_clear_object (&self->base);
  G_OBJECT_CLASS (ahi_http_guard_parent_class)->finalize (object);
}

static void
ahi_http_guard_class_init (AhiHttpGuardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GIOStreamClass *stream_class = G_IO_STREAM_CLASS (klass);

  object_class->finalize = ahi_http_guard_finalize;
  stream_class->get_input_stream = ahi_http_guard_get_input_stream;
  stream_class->get_output_stream = ahi_http_guard_get_output_stream;
  stream_class->close_fn = ahi_http_guard_close;
  stream_class->close_async = ahi_http_guard_close_async;
  stream_class->close_finish = ahi_http_guard_close_finish;
}

static void
ahi_http_guard_init (AhiHttpGuard *self)
{
}

/* ------------------------------------------------------------- public API */

GIOStream *
ahi_http_guard_new (GIOStream *base,
                    GSocket   *socket,
                    guint      timeout_ms)
{
  AhiHttpGuard *self;

  g_return_val_if_fail (G_IS_IO_STREAM (base), NULL);
  g_return_val_if_fail (G_IS_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (base)), NULL);
  g_return_val_if_fail (timeout_ms > 0, NULL);

  self = g_object_new (AHI_TYPE_HTTP_GUARD, NULL);
  self->base = g_object_ref (base);
  self->input = g_object_new (AHI_TYPE_HTTP_GUARD_INPUT, NULL);
  self->input->base = g_object_ref (base);
  self->input->socket = socket != NULL ? g_object_ref (socket) : NULL;
  self->input->timeout_ms = timeout_ms;
  /* A new connection has the same time to send its first request. */
  arm (self->input);
  return G_IO_STREAM (self);
}
