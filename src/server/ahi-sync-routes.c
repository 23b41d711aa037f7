/* ahi-sync-routes.c — the sync routes of the tenant API */
#include "ahi-sync-routes.h"

#include "ahi-server-error.h"
#include "ahi-server.h"
#include "store/ahi-event-log.h"
#include "store/ahi-sync-server.h"

#define PULL_DEFAULT_LIMIT 200
#define PULL_MAX_LIMIT     1000

/* ------------------------------------------------------------- helpers */

static void
respond_object (AhiRequest *request,
                JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  ahi_request_respond_node (request, 200, node);
}

/* In healthcare mode (dental and esthetic clinics) health notes are
 * special-category data (KVKK md. 6): the owner and managers read them,
 * the front-desk staff do not. Elsewhere every role does. */
static gboolean
may_read_health_notes (AhiStore   *store,
                       const char *role)
{
  gboolean healthcare = ahi_db_query_int (ahi_store_get_db (store),
                                          "SELECT healthcare_mode FROM compliance_profiles", 1, NULL) != 0;

  return !healthcare || g_strcmp0 (role, "staff") != 0;
}

/* The pushed events as items; a body of another shape is an error. */
static GPtrArray *
read_items (JsonObject  *body,
            GError     **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_sync_item_free);
  JsonNode *member = json_object_get_member (body, "events");
  JsonArray *events;

  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    {
      g_set_error (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST, "events: an array of events is required");
      return NULL;
    }
  events = json_node_get_array (member);
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      AhiSyncItem *item = ahi_sync_item_new_from_node (json_array_get_element (events, i), error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
    }
  return g_steal_pointer (&items);
}

static gboolean
query_int (AhiRequest  *request,
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

/* ---------------------------------------------------------- public API */

void
ahi_sync_routes_push (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(JsonArray) answers = NULL;
  g_autoptr(JsonObject) object = NULL;
  const char *device_id = NULL;
  gint64 expected = 0;
  AhiStore *store;

  if ((body = ahi_request_read_json (request, &error)) == NULL ||
      !ahi_json_get_string (body, "device_id", TRUE, &device_id, &error))
    goto fail;
  /* A device pushes its own events only: the token names the device. */
  if (g_strcmp0 (device_id, request->device_id) != 0)
    {
      g_set_error (&error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_FORBIDDEN,
                   "device_id is not the device this token was given to");
      goto fail;
    }
  if ((items = read_items (body, &error)) == NULL ||
      (store = ahi_tenants_get (ahi_server_get_tenants (request->server), request->tenant_id, FALSE, &error)) == NULL ||
      !ahi_sync_push_items (store, device_id, items, &answers, &expected, &error))
    goto fail;

  object = json_object_new ();
  json_object_set_array_member (object, "answers", g_steal_pointer (&answers));
  if (expected > 0)
    json_object_set_int_member (object, "expected_seq", expected);
  respond_object (request, object);
  return;

fail:
  ahi_request_respond_error (request, error);
}

void
ahi_sync_routes_pull (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) page = NULL;
  guint64 after = 0, limit = 0;
  gint64 log_last;
  AhiStore *store;

  if (!query_int (request, "after", 0, G_MAXINT64, 0, &after, &error) ||
      !query_int (request, "limit", 1, PULL_MAX_LIMIT, PULL_DEFAULT_LIMIT, &limit, &error) ||
      (store = ahi_tenants_get (ahi_server_get_tenants (request->server), request->tenant_id, FALSE, &error)) == NULL)
    goto fail;

  /* The log only grows: a cursor beyond its end now was never served
   * (another server's, or a restored backup's). The app re-bootstraps. */
  log_last = ahi_event_log_last_seq (ahi_store_get_db (store), &error);
  if (error != NULL)
    goto fail;
  if ((gint64) after > log_last)
    {
      g_set_error (&error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_GONE,
                   "Cursor %" G_GUINT64_FORMAT " is beyond this business's log (%" G_GINT64_FORMAT
                   "): load a snapshot", after, log_last);
      goto fail;
    }

  page = ahi_sync_pull (store, request->device_id, (gint64) after, (guint) limit,
                       may_read_health_notes (store, request->role), &error);
  if (page == NULL)
    goto fail;
  respond_object (request, page);
  return;

fail:
  ahi_request_respond_error (request, error);
}
