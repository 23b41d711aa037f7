/* ahi-route-answer.c — how the tenant routes write their JSON answers
 *
 * One object per answer; a list is an object with one array member, so
 * that an answer can grow members (has_more, next_after) without
 * breaking a client. Optional strings and times are null, not absent,
 * where docs/api-people.md shows them so.
 */
#include "ahi-routes-private.h"

#include "core/ahi-time.h"

void
ahi_route_respond_object (AhiRequest *request,
                          guint       status,
                          JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  ahi_request_respond_node (request, status, node);
}

void
ahi_route_respond_read (AhiRequest   *request,
                        AhiStore     *store,
                        guint         status,
                        const char   *id,
                        AhiRouteRead  read)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = read (ahi_store_get_db (store), id, &error);

  if (object == NULL)
    ahi_request_respond_error (request, error);
  else
    ahi_route_respond_object (request, status, object);
}

void
ahi_route_respond_written (AhiRequest     *request,
                           gboolean        created,
                           gboolean        duplicate,
                           const AhiEvent *event,
                           const char     *member,
                           JsonObject     *entity)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_string_member (object, "event_id", event->event_id);
  if (entity != NULL)
    json_object_set_object_member (object, member, json_object_ref (entity));
  ahi_route_respond_object (request, created && !duplicate ? 201 : 200, object);
}

void
ahi_route_respond_written_read (AhiRequest     *request,
                                AhiStore       *store,
                                gboolean        created,
                                gboolean        duplicate,
                                const AhiEvent *event,
                                const char     *member,
                                AhiRouteRead    read)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) entity = read (ahi_store_get_db (store), event->entity_id, &error);

  if (entity == NULL)
    ahi_request_respond_error (request, error);
  else
    ahi_route_respond_written (request, created, duplicate, event, member, entity);
}

JsonArray *
ahi_route_array_of (GPtrArray     *items,
                    AhiRouteToJson to_json)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < items->len; i++)
    json_array_add_object_element (array, to_json (g_ptr_array_index (items, i)));
  return array;
}

void
ahi_route_respond_list (AhiRequest     *request,
                        const char     *member,
                        GPtrArray      *items,
                        AhiRouteToJson  to_json)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_array_member (object, member, ahi_route_array_of (items, to_json));
  ahi_route_respond_object (request, 200, object);
}

void
ahi_route_set_string (JsonObject *object,
                      const char *name,
                      const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

void
ahi_route_set_time (JsonObject *object,
                    const char *name,
                    gint64      value)
{
  if (value != 0)
    {
      g_autofree char *text = ahi_time_format_utc (value);
      json_object_set_string_member (object, name, text);
    }
  else
    json_object_set_null_member (object, name);
}

void
ahi_route_set_strv (JsonObject  *object,
                    const char  *name,
                    char       **values)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);
  json_object_set_array_member (object, name, array);
}
