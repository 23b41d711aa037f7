/* ahi-http.c — one HTTP request as the routes see it */
#include "ahi-http.h"

#include "core/ahi-id.h"

#include <stdio.h>

#include "ahi-server-error.h"
#include "ahi-server.h"
#include "core/ahi-json-strict.h"

AhiRequest *
ahi_request_new (AhiServer         *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query)
{
  AhiRequest *self = g_new0 (AhiRequest, 1);

  self->server = server;
  self->msg = g_object_ref (msg);
  /* In flight until its answer is written (or its client gone): a clean
   * stop waits for that, not only for the handler. */
  ahi_server_hold (server);
  g_signal_connect_swapped (msg, "finished", G_CALLBACK (ahi_server_release), server);
  self->method = soup_server_message_get_method (msg);
  self->path = g_strdup (path);
  self->query = query != NULL ? g_hash_table_ref (query) : NULL;
  self->params = g_ptr_array_new_with_free_func (g_free);
  self->started = g_get_monotonic_time ();
  return self;
}

void
ahi_request_free (AhiRequest *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->msg);
  g_free (self->path);
  g_clear_pointer (&self->query, g_hash_table_unref);
  g_clear_pointer (&self->params, g_ptr_array_unref);
  g_free (self->user_id);
  g_free (self->device_id);
  g_free (self->role);
  g_free (self->tenant_id);
  g_free (self);
}

JsonObject *
ahi_request_read_json (AhiRequest  *self,
                       GError     **error)
{
  return ahi_request_read_json_max (self, AHI_HTTP_MAX_BODY, error);
}

JsonObject *
ahi_request_read_json_max (AhiRequest  *self,
                           gsize        max_bytes,
                           GError     **error)
{
  SoupMessageBody *body = soup_server_message_get_request_body (self->msg);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) node = NULL;
  gsize length = 0;
  const char *data;

  if (body->length < 0 || (guint64) body->length > max_bytes)
    {
      g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_TOO_LARGE,
                   "The body is %" G_GINT64_FORMAT " bytes; at most %" G_GSIZE_FORMAT " are accepted",
                   body->length, max_bytes);
      return NULL;
    }
  bytes = soup_message_body_flatten (body);
  data = g_bytes_get_data (bytes, &length);
  node = ahi_json_strict_parse (data != NULL ? data : "", length, max_bytes, error);
  if (node == NULL)
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

const char *
ahi_request_query (AhiRequest *self,
                   const char *name)
{
  return self->query != NULL ? g_hash_table_lookup (self->query, name) : NULL;
}

static void
log_request (AhiRequest *self)
{
  /* One line a request, without personal data: no body, no query. The
   * tenant id comes from the path: only a well-formed id is written, so a
   * path cannot put text (or a line break) of its own into the log. */
  gboolean tenant_ok = self->tenant_id != NULL && ahi_id_is_valid (self->tenant_id);

  fprintf (stderr, "ahi-server: %s %s %u %.1f ms%s%s\n",
           self->method, self->route != NULL ? self->route : "(no route)", self->status,
           (g_get_monotonic_time () - self->started) / 1000.0,
           self->tenant_id != NULL ? " tenant=" : "",
           tenant_ok ? self->tenant_id : self->tenant_id != NULL ? "(not an id)" : "");
}

void
ahi_request_respond (AhiRequest *self,
                     guint       status,
                     const char *json)
{
  self->status = status;
  soup_server_message_set_status (self->msg, status, NULL);
  if (json != NULL)
    soup_server_message_set_response (self->msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
  log_request (self);
}

void
ahi_request_respond_node (AhiRequest *self,
                          guint       status,
                          JsonNode   *node)
{
  g_autofree char *json = ahi_json_strict_to_string (node);
  ahi_request_respond (self, status, json);
}

void
ahi_request_respond_error (AhiRequest   *self,
                           const GError *error)
{
  g_autofree char *json = ahi_server_error_to_json (error);
  guint status = ahi_server_error_status (error);

  if (status >= 500)
    g_printerr ("ahi-server: internal error on %s: %s\n", self->route, error->message);
  ahi_request_respond (self, status, json);
}

void
ahi_request_pause (AhiRequest *self)
{
  self->paused = TRUE;
  soup_server_message_pause (self->msg);
}

void
ahi_request_finish (AhiRequest *self)
{
  soup_server_message_unpause (self->msg);
  ahi_request_free (self);
}

gboolean
ahi_json_get_string (JsonObject  *object,
                     const char  *name,
                     gboolean     required,
                     const char **out,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!required)
        return TRUE;
      g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST, "%s: required", name);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST, "%s: must be a string", name);
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}
