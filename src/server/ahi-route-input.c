/* ahi-route-input.c — what a tenant route reads from its request
 *
 * The path's ids, the query string's parameters and the body, read the
 * same way by every area of the API, with the same messages. Each
 * function names the member or parameter in its error, so the client
 * knows which one to fix.
 */
#include "ahi-routes-private.h"

#include "ahi-server-error.h"
#include "ahi-server.h"
#include "core/ahi-core-error.h"
#include "core/ahi-id.h"
#include "core/ahi-time.h"

/* --------------------------------------------------- roles and stores */

/* The roles lists every area's table names (ahi-routes.h). */
const char * const ahi_roles_everyone[] = { "owner", "manager", "staff", NULL };
const char * const ahi_roles_managers[] = { "owner", "manager", NULL };
const char * const ahi_roles_owners[] = { "owner", NULL };

AhiStore *
ahi_route_tenant_store (AhiRequest  *request,
                        GError     **error)
{
  return ahi_tenants_get (ahi_server_get_tenants (request->server), request->tenant_id, FALSE, error);
}

/* ---------------------------------------------------------------- path */

const char *
ahi_route_path_id (AhiRequest *request,
                   guint       index)
{
  const char *id = index < request->params->len ? g_ptr_array_index (request->params, index) : NULL;

  return id != NULL && ahi_id_is_valid (id) ? id : NULL;
}

gboolean
ahi_route_path_entity (AhiRequest  *request,
                       guint        index,
                       const char  *what,
                       const char **out,
                       GError     **error)
{
  *out = ahi_route_path_id (request, index);
  if (*out == NULL)
    {
      g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_NOT_FOUND, "No such %s", what);
      return FALSE;
    }
  return TRUE;
}

/* --------------------------------------------------------------- query */

gboolean
ahi_route_query_time (AhiRequest  *request,
                      const char  *name,
                      gint64      *out,
                      GError     **error)
{
  const char *text = ahi_request_query (request, name);

  if (text == NULL || !ahi_time_parse_utc (text, out))
    {
      g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST,
                   "%s: a UTC time like 2026-12-01T00:00:00Z", name);
      return FALSE;
    }
  return TRUE;
}

gboolean
ahi_route_query_period (AhiRequest  *request,
                        gint64      *from,
                        gint64      *to,
                        GError     **error)
{
  if (!ahi_route_query_time (request, "from", from, error) || !ahi_route_query_time (request, "to", to, error))
    return FALSE;
  if (*from > *to)
    {
      g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST, "from is after to");
      return FALSE;
    }
  return TRUE;
}

gboolean
ahi_route_query_uint (AhiRequest  *request,
                      const char  *name,
                      guint64      min,
                      guint64      max,
                      guint64      fallback,
                      guint64     *out,
                      GError     **error)
{
  const char *text = ahi_request_query (request, name);

  *out = fallback;
  if (text != NULL && !g_ascii_string_to_unsigned (text, 10, min, max, out, NULL))
    {
      g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST,
                   "%s: a number from %" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT, name, min, max);
      return FALSE;
    }
  return TRUE;
}

gboolean
ahi_route_query_bool (AhiRequest  *request,
                      const char  *name,
                      gboolean    *out,
                      GError     **error)
{
  const char *text = ahi_request_query (request, name);

  *out = FALSE;
  if (text == NULL || g_str_equal (text, "false"))
    return TRUE;
  if (g_str_equal (text, "true"))
    return *out = TRUE;
  g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST, "%s: true or false", name);
  return FALSE;
}

gboolean
ahi_route_query_id (AhiRequest  *request,
                    const char  *name,
                    const char **out,
                    GError     **error)
{
  *out = ahi_request_query (request, name);
  if (*out != NULL && !ahi_id_is_valid (*out))
    {
      g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST, "%s: not an id", name);
      *out = NULL;
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------- body */

JsonObject *
ahi_route_read_body (AhiRequest  *request,
                     gboolean     allow_empty,
                     GError     **error)
{
  SoupMessageBody *body = soup_server_message_get_request_body (request->msg);

  if (allow_empty && body->length == 0)
    return json_object_new ();
  return ahi_request_read_json (request, error);
}

gboolean
ahi_route_body_id (JsonObject  *body,
                   const char  *name,
                   const char **out,
                   GError     **error)
{
  JsonNode *node = name != NULL ? json_object_get_member (body, name) : NULL;

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_WRONG_TYPE, "%s: expected a string", name);
      return FALSE;
    }
  if (!ahi_id_is_valid (json_node_get_string (node)))
    {
      g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_VALUE, "%s: not a lower-case UUID", name);
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}
