/* ahi-http.h — one HTTP request as the routes see it
 *
 * Reading a JSON body goes through the strict codec with a size cap;
 * answers are JSON; every error becomes {"error":{"code","message"}} with
 * the status ahi-server-error maps it to. A route that must wait (password
 * hashing on the worker pool) pauses the request and finishes it later.
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define AHI_HTTP_MAX_BODY (64 * 1024)
/* A sync push carries a batch of events, each of up to 64 KiB itself
 * (docs/events.md): its body may be larger than any other. */
#define AHI_HTTP_MAX_PUSH_BODY (1024 * 1024)

typedef struct _AhiServer AhiServer;

typedef struct {
  AhiServer         *server;
  SoupServerMessage *msg;
  const char        *method;
  char              *path;
  GHashTable        *query;        /* may be NULL */
  GPtrArray         *params;       /* char*: the path's "*" segments, in order */
  const char        *route;        /* the matched pattern, for the log */
  char              *user_id;      /* set by authentication */
  char              *device_id;
  char              *role;         /* set for tenant routes */
  char              *tenant_id;    /* tenant routes: the first parameter */
  gint64             started;      /* monotonic µs */
  guint              status;
  gboolean           paused;
} AhiRequest;

AhiRequest *ahi_request_new           (AhiServer         *server,
                                       SoupServerMessage *msg,
                                       const char        *path,
                                       GHashTable        *query);
void        ahi_request_free          (AhiRequest        *self);

/* The body as a JSON object (strict: duplicate keys, overflow, NUL… are
 * refused), or NULL with an error that maps to 400/413. */
JsonObject *ahi_request_read_json     (AhiRequest        *self,
                                       GError           **error);
/* The same with another cap (a sync push: AHI_HTTP_MAX_PUSH_BODY). */
JsonObject *ahi_request_read_json_max (AhiRequest        *self,
                                       gsize              max_bytes,
                                       GError           **error);
const char *ahi_request_query         (AhiRequest        *self,
                                       const char        *name);

void        ahi_request_respond       (AhiRequest        *self,
                                       guint              status,
                                       const char        *json);
void        ahi_request_respond_node  (AhiRequest        *self,
                                       guint              status,
                                       JsonNode          *node);
void        ahi_request_respond_error (AhiRequest        *self,
                                       const GError      *error);

/* For routes that answer later: pause now, then respond and finish. */
void        ahi_request_pause         (AhiRequest        *self);
void        ahi_request_finish        (AhiRequest        *self);

/* A string member or NULL; a member of another type is an error. */
gboolean    ahi_json_get_string       (JsonObject        *object,
                                       const char        *name,
                                       gboolean           required,
                                       const char       **out,
                                       GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AhiRequest, ahi_request_free)

G_END_DECLS
