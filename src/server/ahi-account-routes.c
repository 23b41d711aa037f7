/* ahi-account-routes.c — a business's members and an account's devices
 *
 * The owner and managers see who works in the business; the owner changes
 * a member's role or removes them. Every signed-in user sees the devices
 * of their own account and revokes any of them ("remove device"). The
 * role check runs before these handlers (ahi-server.c), and reads the
 * membership on every request: a new role, or a removal, judges the
 * member's very next request. The owner and managers register the
 * business's shared front desks (desk devices), on which any member may
 * act.
 */
#include "ahi-routes-private.h"

#include "store/control/ahi-control-members.h"
#include "ahi-server-error.h"
#include "ahi-server.h"
#include "core/ahi-core-error.h"

/* ------------------------------------------------------------- helpers */

static JsonObject *
member_to_json (const AhiMember *member)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "user_id", member->user_id);
  json_object_set_string_member (object, "display_name", member->display_name);
  json_object_set_string_member (object, "email", member->email);
  json_object_set_string_member (object, "role", member->role);
  ahi_route_set_time (object, "joined_at", member->joined_at);
  json_object_set_int_member (object, "active_devices", member->active_devices);
  ahi_route_set_string (object, "staff_id", member->staff_id);
  return object;
}

/* The member's staff row follows the membership (its one source of
 * truth): a new role, or leaving. Members linked to no staff row (added
 * before memberships named one) have nothing to follow. */
static gboolean
follow_membership (AhiRequest       *request,
                   const AhiMember  *member,
                   const char       *role,
                   GError          **error)
{
  g_autoptr(AhiEvent) event = NULL;
  AhiStore *store;

  if (member->staff_id == NULL)
    return TRUE;
  if ((store = ahi_route_tenant_store (request, error)) == NULL)
    return FALSE;
  event = ahi_route_new_event (request, store, "staff.updated", member->staff_id);
  if (role != NULL)
    json_object_set_string_member (event->payload, "role", role);
  else
    json_object_set_boolean_member (event->payload, "active", FALSE);
  return ahi_store_append (store, event, NULL, error);
}

/* The path's member id. Anything that is not an id names nobody: 404,
 * the answer of an unknown id and of another business's member. */
static const char *
path_user_id (AhiRequest  *request,
              GError     **error)
{
  const char *user_id = ahi_route_path_id (request, 1);

  if (user_id == NULL)
    g_set_error_literal (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_NOT_FOUND, "No such member");
  return user_id;
}

/* The role of a PATCH body: {"role": "manager" | "staff"}, nothing else. */
static gboolean
read_role (JsonObject  *body,
           const char **out,
           GError     **error)
{
  g_autoptr(GList) names = json_object_get_members (body);

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "role"))
      {
        g_set_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_UNKNOWN_FIELD, "%s: unknown field", (const char *) l->data);
        return FALSE;
      }
  return ahi_json_get_string (body, "role", TRUE, out, error);
}

/* ------------------------------------------------------------- members */

static void
handle_list_members (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = ahi_control_list_members (ahi_server_get_control (request->server),
                                                            request->tenant_id,
                                                            ahi_server_now (request->server), &error);

  if (members == NULL)
    {
      ahi_request_respond_error (request, error);
      return;
    }
  ahi_route_respond_list (request, "members", members, (AhiRouteToJson) member_to_json);
}

static void
handle_change_member (AhiRequest *request)
{
  AhiControl *control = ahi_server_get_control (request->server);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(AhiMember) member = NULL;
  const char *user_id, *role;

  if ((user_id = path_user_id (request, &error)) == NULL ||
      (body = ahi_route_read_body (request, FALSE, &error)) == NULL ||
      !read_role (body, &role, &error) ||
      !ahi_control_set_member_role (control, request->tenant_id, user_id, role, &error) ||
      (member = ahi_control_get_member (control, request->tenant_id, user_id,
                                        ahi_server_now (request->server), &error)) == NULL ||
      !follow_membership (request, member, member->role, &error))
    {
      ahi_request_respond_error (request, error);
      return;
    }
  {
    g_autoptr(JsonObject) object = member_to_json (member);
    ahi_route_respond_object (request, 200, object);
  }
}

static void
handle_remove_member (AhiRequest *request)
{
  AhiControl *control = ahi_server_get_control (request->server);
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiMember) member = NULL;
  const char *user_id;

  if ((user_id = path_user_id (request, &error)) == NULL ||
      (member = ahi_control_get_member (control, request->tenant_id, user_id,
                                        ahi_server_now (request->server), &error)) == NULL ||
      !ahi_control_remove_member (control, request->tenant_id, user_id, ahi_server_now (request->server), &error) ||
      !follow_membership (request, member, NULL, &error))
    {
      ahi_request_respond_error (request, error);
      return;
    }
  ahi_request_respond (request, 204, NULL);
}

/* ------------------------------------------------------------- devices */

static void
handle_list_devices (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) devices = ahi_control_list_devices (ahi_server_get_control (request->server),
                                                            request->user_id,
                                                            ahi_server_now (request->server), &error);
  g_autoptr(JsonObject) object = NULL;
  JsonArray *array;

  if (devices == NULL)
    {
      ahi_request_respond_error (request, error);
      return;
    }

  array = json_array_new ();
  for (guint i = 0; i < devices->len; i++)
    {
      const AhiDevice *device = g_ptr_array_index (devices, i);
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "device_id", device->device_id);
      ahi_route_set_time (item, "first_seen_at", device->first_seen_at);
      ahi_route_set_time (item, "last_used_at", device->last_used_at);
      json_object_set_boolean_member (item, "current", g_strcmp0 (device->device_id, request->device_id) == 0);
      json_array_add_object_element (array, item);
    }
  object = json_object_new ();
  json_object_set_array_member (object, "devices", array);
  ahi_route_respond_object (request, 200, object);
}

static void
handle_revoke_device (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  const char *device_id = ahi_route_path_id (request, 0);

  /* Not an id, not a device, another account's device: one answer, so
   * that nobody learns which device ids exist. */
  if (device_id == NULL)
    g_set_error_literal (&error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_NOT_FOUND, "No such device");
  if (device_id == NULL ||
      !ahi_control_revoke_device (ahi_server_get_control (request->server), request->user_id, device_id,
                                   ahi_server_now (request->server), &error))
    {
      ahi_request_respond_error (request, error);
      return;
    }
  ahi_request_respond (request, 204, NULL);
}

/* -------------------------------------------------------- desk devices */

/* The path's device id; anything that is not an id names no device. */
static const char *
path_device_id (AhiRequest  *request,
                GError     **error)
{
  const char *device_id = ahi_route_path_id (request, 1);

  if (device_id == NULL)
    g_set_error_literal (error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_NOT_FOUND, "No such device");
  return device_id;
}

static void
handle_add_desk_device (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  const char *device_id;

  if ((device_id = path_device_id (request, &error)) == NULL ||
      !ahi_control_add_desk_device (ahi_server_get_control (request->server), request->tenant_id, device_id,
                                    request->user_id, ahi_server_now (request->server), &error))
    {
      ahi_request_respond_error (request, error);
      return;
    }
  ahi_request_respond (request, 204, NULL);
}

static void
handle_remove_desk_device (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  const char *device_id;

  if ((device_id = path_device_id (request, &error)) == NULL ||
      !ahi_control_remove_desk_device (ahi_server_get_control (request->server), request->tenant_id, device_id,
                                       &error))
    {
      ahi_request_respond_error (request, error);
      return;
    }
  ahi_request_respond (request, 204, NULL);
}

/* --------------------------------------------------------------- table */

static const AhiRoute account_member_routes[] = {
  { "GET", "/api/tenant/*/members", AHI_AUTH_TENANT, ahi_roles_managers, handle_list_members },
  { "PATCH", "/api/tenant/*/members/*", AHI_AUTH_TENANT, ahi_roles_owners, handle_change_member },
  { "DELETE", "/api/tenant/*/members/*", AHI_AUTH_TENANT, ahi_roles_owners, handle_remove_member },
  { "GET", "/api/devices", AHI_AUTH_USER, NULL, handle_list_devices },
  { "DELETE", "/api/devices/*", AHI_AUTH_USER, NULL, handle_revoke_device },
  { "POST", "/api/tenant/*/desk-devices/*", AHI_AUTH_TENANT, ahi_roles_managers, handle_add_desk_device },
  { "DELETE", "/api/tenant/*/desk-devices/*", AHI_AUTH_TENANT, ahi_roles_managers, handle_remove_desk_device },
};

const AhiRoute *
ahi_account_routes (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (account_member_routes);
  return account_member_routes;
}
