/* ahi-auth-routes.c — signing up, signing in and out, and adding a member
 *
 * The routes that make a password or a session. Password work goes to the
 * worker pool (core/ahi-password): the request is paused and finished from
 * the task's callback, back on the main context.
 */
#include "ahi-routes-private.h"

#include "ahi-server-error.h"
#include "ahi-server.h"
#include "core/ahi-blueprint.h"
#include "core/ahi-id.h"
#include "store/ahi-tenant-bootstrap.h"

/* ------------------------------------------------------------- helpers */

static void
respond_tokens (AhiRequest      *request,
                const AhiTokens *tokens,
                GPtrArray       *tenants)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_string_member (object, "access_token", tokens->access_token);
  json_object_set_int_member (object, "access_expires_at", tokens->access_expires_at);
  json_object_set_string_member (object, "refresh_token", tokens->refresh_token);
  json_object_set_int_member (object, "refresh_expires_at", tokens->refresh_expires_at);
  json_object_set_string_member (object, "device_id", tokens->device_id);
  if (tokens->device_secret != NULL)
    json_object_set_string_member (object, "device_secret", tokens->device_secret);
  if (tenants != NULL)
    {
      JsonArray *array = json_array_new ();
      for (guint i = 0; i < tenants->len; i++)
        json_array_add_string_element (array, g_ptr_array_index (tenants, i));
      json_object_set_array_member (object, "tenants", array);
    }
  ahi_route_respond_object (request, 200, object);
}

/* The work a paused request waits for: a password to hash or to check,
 * with the body it came with. */
typedef struct {
  AhiRequest *request;
  JsonObject *body;
  char       *user_id;
  char       *tenant_id;
} Pending;

static Pending *
pending_new (AhiRequest *request,
             JsonObject *body)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->request = request;
  pending->body = json_object_ref (body);
  ahi_request_pause (request);
  return pending;
}

static void
pending_finish (Pending *pending)
{
  ahi_request_finish (pending->request);
  json_object_unref (pending->body);
  g_free (pending->user_id);
  g_free (pending->tenant_id);
  g_free (pending);
}

/* The staff row's display_name bound (the event catalogue's). */
#define STAFF_NAME_MAX_CHARS 80

/* The peer's address, which the per-address login limit counts. A proxy
 * in front of the server would make every client one address: its
 * forwarded headers are not trusted (anyone can write them). */
static const char *
client_address (AhiRequest *request)
{
  return soup_server_message_get_remote_host (request->msg);
}

/* ------------------------------------------------------------- sign-up */

static void
on_signup_hashed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  Pending *pending = data;
  AhiRequest *request = pending->request;
  AhiServer *server = request->server;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = ahi_password_hash_finish (result, &error);
  g_autofree char *user_id = NULL;
  g_autoptr(GPtrArray) events = NULL;
  const char *name = NULL, *sector = NULL, *email = NULL, *owner = NULL, *device_id = NULL;
  AhiStore *store;

  if (hash == NULL)
    goto out;
  ahi_json_get_string (pending->body, "device_id", FALSE, &device_id, NULL);
  ahi_json_get_string (pending->body, "business_name", TRUE, &name, NULL);
  ahi_json_get_string (pending->body, "sector", TRUE, &sector, NULL);
  ahi_json_get_string (pending->body, "email", TRUE, &email, NULL);
  ahi_json_get_string (pending->body, "owner_name", TRUE, &owner, NULL);

  /* The account first: a taken e-mail or tenant id stops here, before any
   * tenant file exists. */
  if (!ahi_control_sign_up (ahi_server_get_control (server), pending->tenant_id, name, sector, email, owner, hash,
                            device_id, ahi_server_now (server), NULL, &user_id, &error))
    goto out;

  store = ahi_tenants_get (ahi_server_get_tenants (server), pending->tenant_id, TRUE, &error);
  if (store != NULL)
    {
      AhiTenantSpec spec = {
        .tenant_id = pending->tenant_id,
        .name = name,
        .sector = sector,
        .owner_name = owner,
        .created_at = ahi_server_now (server),
      };

      /* Bootstrap ids derive from the tenant id: a business made offline
       * that adopts its id here gets the very same events, and uploading
       * its log later duplicates nothing. */
      events = ahi_tenant_bootstrap_events (&spec, &error);
      if (events != NULL)
        ahi_store_append_all (store, events, NULL, &error);
    }

out:
  if (error != NULL)
    ahi_request_respond_error (request, error);
  else
    {
      g_autoptr(JsonObject) object = json_object_new ();

      json_object_set_string_member (object, "tenant_id", pending->tenant_id);
      json_object_set_string_member (object, "user_id", user_id);
      ahi_route_respond_object (request, 201, object);
    }
  pending_finish (pending);
}

static void
handle_signup (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = ahi_request_read_json (request, &error);
  g_autoptr(AhiBlueprint) blueprint = NULL;
  const char *name, *sector, *email, *password, *owner, *tenant_id, *device_id;
  Pending *pending;

  if (body == NULL ||
      !ahi_json_get_string (body, "business_name", TRUE, &name, &error) ||
      !ahi_json_get_string (body, "sector", TRUE, &sector, &error) ||
      !ahi_json_get_string (body, "email", TRUE, &email, &error) ||
      !ahi_json_get_string (body, "password", TRUE, &password, &error) ||
      !ahi_json_get_string (body, "owner_name", TRUE, &owner, &error) ||
      !ahi_json_get_string (body, "tenant_id", FALSE, &tenant_id, &error) ||
      !ahi_json_get_string (body, "device_id", FALSE, &device_id, &error))
    {
      ahi_request_respond_error (request, error);
      return;
    }
  if ((tenant_id != NULL && !ahi_id_is_valid (tenant_id)) || (device_id != NULL && !ahi_id_is_valid (device_id)))
    {
      g_set_error (&error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_BAD_REQUEST, "%s: not an id",
                   tenant_id != NULL && !ahi_id_is_valid (tenant_id) ? "tenant_id" : "device_id");
      ahi_request_respond_error (request, error);
      return;
    }
  blueprint = ahi_blueprint_load (sector, &error);
  if (blueprint == NULL || !ahi_password_check (password, &error))
    {
      ahi_request_respond_error (request, error);
      return;
    }

  pending = pending_new (request, body);
  pending->tenant_id = tenant_id != NULL ? g_strdup (tenant_id) : ahi_id_new ();
  ahi_password_hash_async (password, ahi_server_get_password_cost (request->server), NULL,
                           on_signup_hashed_cb, pending);
}

/* --------------------------------------------------------------- login */

/* A hash of nothing anybody knows: an unknown e-mail costs the same time
 * as a wrong password, so timing tells nobody which e-mails exist. */
static const char *
decoy_hash (AhiServer *server)
{
  static char *decoy = NULL;

  if (decoy == NULL)
    decoy = ahi_password_hash ("not a password of anyone", ahi_server_get_password_cost (server), NULL);
  return decoy;
}

static void
on_login_verified_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  Pending *pending = data;
  AhiRequest *request = pending->request;
  AhiServer *server = request->server;
  AhiControl *control = ahi_server_get_control (server);
  g_autoptr(GError) error = NULL;
  const char *email = NULL, *device_id = NULL, *device_secret = NULL, *tenant_id = NULL;
  gboolean ok = ahi_password_verify_finish (result, NULL);

  ahi_json_get_string (pending->body, "email", TRUE, &email, NULL);
  ahi_json_get_string (pending->body, "device_id", FALSE, &device_id, NULL);
  ahi_json_get_string (pending->body, "tenant_id", FALSE, &tenant_id, NULL);
  ahi_json_get_string (pending->body, "device_secret", FALSE, &device_secret, NULL);

  if (!ok || pending->user_id == NULL)
    {
      /* The attempt was counted when it began (handle_login). */
      g_set_error (&error, AHI_SERVER_ERROR, AHI_SERVER_ERROR_INVALID_CREDENTIALS, "Wrong e-mail or password");
      ahi_request_respond_error (request, error);
    }
  else
    {
      g_auto(AhiTokens) tokens = { 0 };
      g_autoptr(GPtrArray) tenants = NULL;

      if (ahi_control_clear_login_attempts (control, email, &error) &&
          ahi_control_issue_tokens (control, pending->user_id, device_id, device_secret, tenant_id,
                                    ahi_server_now (server),
                                    &tokens, &error) &&
          (tenants = ahi_control_tenants_of (control, pending->user_id, &error)) != NULL)
        respond_tokens (request, &tokens, tenants);
      else
        ahi_request_respond_error (request, error);
    }
  pending_finish (pending);
}

static void
handle_login (AhiRequest *request)
{
  AhiControl *control = ahi_server_get_control (request->server);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = ahi_request_read_json (request, &error);
  g_autofree char *hash = NULL;
  g_autofree char *user_id = NULL;
  const char *email, *password, *device_id, *device_secret, *tenant_id;
  Pending *pending;

  if (body == NULL ||
      !ahi_json_get_string (body, "email", TRUE, &email, &error) ||
      !ahi_json_get_string (body, "password", TRUE, &password, &error) ||
      !ahi_json_get_string (body, "device_id", FALSE, &device_id, &error) ||
      !ahi_json_get_string (body, "device_secret", FALSE, &device_secret, &error) ||
      !ahi_route_body_id (body, "tenant_id", &tenant_id, &error) ||
      !ahi_control_check_login_rate (control, email, client_address (request), ahi_server_now (request->server),
                                     &error) ||
      /* Counted now, not after the hash is checked: attempts sent all at
       * once would each pass the check before the first failure was
       * written. A success clears the e-mail's attempts. */
      !ahi_control_record_login_attempt (control, email, client_address (request), ahi_server_now (request->server),
                                         &error))
    {
      ahi_request_respond_error (request, error);
      return;
    }

  hash = ahi_control_password_hash_for (control, email, &user_id, NULL);
  pending = pending_new (request, body);
  pending->user_id = g_steal_pointer (&user_id);
  ahi_password_verify_async (hash != NULL ? hash : decoy_hash (request->server), password, NULL,
                             on_login_verified_cb, pending);
}

static void
handle_refresh (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = ahi_request_read_json (request, &error);
  g_auto(AhiTokens) tokens = { 0 };
  const char *refresh;

  if (body == NULL ||
      !ahi_json_get_string (body, "refresh_token", TRUE, &refresh, &error) ||
      !ahi_control_refresh (ahi_server_get_control (request->server), refresh,
                             ahi_server_now (request->server), &tokens, &error))
    {
      ahi_request_respond_error (request, error);
      return;
    }
  respond_tokens (request, &tokens, NULL);
}

static void
handle_logout (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;

  if (!ahi_control_revoke_device (ahi_server_get_control (request->server), request->user_id, request->device_id,
                                   ahi_server_now (request->server), &error))
    {
      ahi_request_respond_error (request, error);
      return;
    }
  ahi_request_respond (request, 204, NULL);
}

/* ------------------------------------------------------------- members */

static void
on_member_hashed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  Pending *pending = data;
  AhiRequest *request = pending->request;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = ahi_password_hash_finish (result, &error);
  g_autofree char *user_id = NULL;
  g_autofree char *staff_id = ahi_id_new ();
  g_autofree char *clean_name = NULL;
  g_autoptr(AhiEvent) event = NULL;
  const char *email = NULL, *name = NULL, *role = NULL;
  AhiStore *store = NULL;

  ahi_json_get_string (pending->body, "email", TRUE, &email, NULL);
  ahi_json_get_string (pending->body, "display_name", TRUE, &name, NULL);
  ahi_json_get_string (pending->body, "role", TRUE, &role, NULL);

  /* The member's staff row, with the membership's role: made ready and
   * checked first, so that a name the calendar cannot take writes no
   * account; appended once the account exists. */
  if (hash != NULL && (store = ahi_route_tenant_store (request, &error)) != NULL)
    {
      g_autofree char *trimmed = g_utf8_validate (name, -1, NULL) ? g_strstrip (g_strdup (name)) : NULL;

      /* The calendar shows at most STAFF_NAME_MAX_CHARS of the name; the
       * account keeps all of it. */
      if (trimmed != NULL)
        clean_name = g_utf8_substring (trimmed, 0, MIN (g_utf8_strlen (trimmed, -1), STAFF_NAME_MAX_CHARS));
      event = ahi_route_new_event (request, store, "staff.created", staff_id);
      json_object_set_string_member (event->payload, "role", role);
      json_object_set_string_member (ahi_event_get_pii (event), "display_name", clean_name != NULL ? clean_name : "");
      /* A role or a name the control store refuses: it names the refusal
       * (and writes nothing), as it always has. */
      if ((!g_str_equal (role, "manager") && !g_str_equal (role, "staff")) || clean_name == NULL || *clean_name == '\0')
        g_clear_pointer (&event, ahi_event_free);
      else if (!ahi_route_check_event (event, &error))
        store = NULL;
    }

  if (store != NULL &&
      ahi_control_add_member (ahi_server_get_control (request->server), request->tenant_id, email, name, hash,
                              role, ahi_server_now (request->server), event != NULL ? staff_id : NULL,
                              &user_id, &error) &&
      (event == NULL || ahi_store_append (store, event, NULL, &error)))
    {
      g_autoptr(JsonObject) object = json_object_new ();

      json_object_set_string_member (object, "user_id", user_id);
      json_object_set_string_member (object, "role", role);
      ahi_route_respond_object (request, 201, object);
    }
  else
    ahi_request_respond_error (request, error);
  pending_finish (pending);
}

static void
handle_add_member (AhiRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = ahi_request_read_json (request, &error);
  const char *email, *password, *name, *role;

  if (body == NULL ||
      !ahi_json_get_string (body, "email", TRUE, &email, &error) ||
      !ahi_json_get_string (body, "password", TRUE, &password, &error) ||
      !ahi_json_get_string (body, "display_name", TRUE, &name, &error) ||
      !ahi_json_get_string (body, "role", TRUE, &role, &error) ||
      !ahi_password_check (password, &error))
    {
      ahi_request_respond_error (request, error);
      return;
    }
  ahi_password_hash_async (password, ahi_server_get_password_cost (request->server), NULL,
                           on_member_hashed_cb, pending_new (request, body));
}

/* --------------------------------------------------------------- table */

static const AhiRoute auth_routes[] = {
  { "POST", "/api/signup", AHI_AUTH_NONE, NULL, handle_signup },
  { "POST", "/api/login", AHI_AUTH_NONE, NULL, handle_login },
  { "POST", "/api/token/refresh", AHI_AUTH_NONE, NULL, handle_refresh },
  { "POST", "/api/logout", AHI_AUTH_USER, NULL, handle_logout },
  { "POST", "/api/tenant/*/members", AHI_AUTH_TENANT, ahi_roles_owners, handle_add_member },
};

const AhiRoute *
ahi_auth_routes (guint *n_routes)
{
  *n_routes = G_N_ELEMENTS (auth_routes);
  return auth_routes;
}
