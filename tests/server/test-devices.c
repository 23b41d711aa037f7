/* test-devices.c — devices and sessions, through a real ahi-server process
 *
 * What a business relies on: the app made its business and its device id
 * offline, and after signing up and in, its whole offline log is taken
 * as it is; the front desk is shared (the owner signs out, the manager
 * signs in on the same device id) and nobody of another business can
 * take it; the owner and managers register shared desks; a copied
 * refresh token ends its whole session; and sign-ins are limited per
 * client address as well as per e-mail.
 */
#include <glib/gstdio.h>

#include "ahi-test-tenant.h"

#include "core/ahi-core.h"
#include "core/ahi-event.h"
#include "core/ahi-id.h"
#include "store/ahi-business-create.h"
#include "store/ahi-event-log.h"
#include "store/ahi-store.h"
#include "store/ahi-tenant-bootstrap.h"

/* 2026-11-24T06:00:00Z (date -u -d @1795500000). */
#define T0       1795500000
#define PASSWORD "çok-gizli-parola"
#define NOT_OURS "0196a0d2-7c1e-7000-8000-00000000abcd"

static char *data_dir;

/* ------------------------------------------------------------- helpers */

static void
start_at (AhiTestServer *server,
          gint64         now)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, now);

  ahi_test_server_fix_clock (text);
  ahi_test_server_start (server);
}

/* The reply has that status (an answer without a body: 204); clears it. */
static void
expect_status (AhiTestReply reply,
               guint        status)
{
  g_assert_cmpuint (reply.status, ==, status);
  ahi_test_reply_clear (&reply);
}

static char *
str_member (JsonObject *object,
            const char *name)
{
  return g_strdup (json_object_get_string_member (object, name));
}

/* POST /api/login with a device (its secret, and a tenant) of its own;
 * the reply. */
static AhiTestReply
login_with (AhiTestServer *server,
            const char    *email,
            const char    *device_id,
            const char    *device_secret,
            const char    *tenant_id)
{
  g_autoptr(GString) body = g_string_new (NULL);

  g_string_append_printf (body, "{\"email\":\"%s\",\"password\":\"%s\",\"device_id\":\"%s\"",
                          email, PASSWORD, device_id);
  if (device_secret != NULL)
    g_string_append_printf (body, ",\"device_secret\":\"%s\"", device_secret);
  if (tenant_id != NULL)
    g_string_append_printf (body, ",\"tenant_id\":\"%s\"", tenant_id);
  g_string_append (body, "}");
  return ahi_test_call (server, "POST", "/api/login", NULL, body->str);
}

static AhiTestReply
login_on (AhiTestServer *server,
          const char    *email,
          const char    *device_id,
          const char    *tenant_id)
{
  return login_with (server, email, device_id, NULL, tenant_id);
}

/* The access token of a 200 login on device_id with its secret (NULL:
 * none yet), asserting it kept its id; out_secret (may be NULL) receives
 * the secret the server gave the device, if it gave one. */
static char *
sign_in_on (AhiTestServer *server,
            const char    *email,
            const char    *device_id,
            const char    *device_secret,
            char         **out_secret)
{
  AhiTestReply reply = login_with (server, email, device_id, device_secret, NULL);
  JsonObject *object = ahi_test_expect (&reply, 200);
  char *token;

  g_assert_cmpstr (json_object_get_string_member (object, "device_id"), ==, device_id);
  token = str_member (object, "access_token");
  if (out_secret != NULL)
    *out_secret = json_object_has_member (object, "device_secret") ? str_member (object, "device_secret") : NULL;
  ahi_test_reply_clear (&reply);
  return token;
}

/* The local log of store, in its order, as a push body of its device:
 * every event the device made itself (n_own receives their number). The
 * business's bootstrap events carry the bootstrap's derived device and
 * ids, which the server's sign-up makes again (ahi-tenant-bootstrap.h):
 * their ids go to bootstrap_ids. */
static char *
local_log_push (AhiStore   *store,
                guint      *n_own,
                GPtrArray  *bootstrap_ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = ahi_event_log_read (ahi_store_get_db (store), 0, 10000, NULL, &error);
  g_autoptr(GString) joined = g_string_new (NULL);
  const char *device = ahi_store_get_device_id (store);
  guint own = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    {
      AhiEvent *event = g_ptr_array_index (events, i);
      g_autofree char *text = NULL;

      if (!g_str_equal (event->device_id, device))
        {
          g_ptr_array_add (bootstrap_ids, g_strdup (event->event_id));
          continue;
        }
      /* Made on this device, numbered 1, 2, 3… in the order they were
       * made: the order the push sends them in. */
      own++;
      g_assert_cmpint (event->device_seq, ==, own);
      text = ahi_event_encode (event);
      if (own > 1)
        g_string_append_c (joined, ',');
      g_string_append (joined, text);
    }
  *n_own = own;
  return ahi_test_push_body (device, joined->str);
}

/* ----------------------------------------------------------------- tests */

/* A business made offline keeps its ids: sign-up adopts the business and
 * its device, login gives the device its own id back, and the whole
 * offline log, pushed in device_seq order, is accepted event by event. */
static void
test_born_offline (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *local_path = g_build_filename (data_dir, "offline-desk.db", NULL);
  g_autoptr(AhiStore) store = NULL;
  g_autoptr(GPtrArray) bootstrap_ids = g_ptr_array_new_with_free_func (g_free);
  const char * const customers[] = { "Ayşe Yılmaz", "Mert Demir", "Zeynep Kaya" };
  g_autofree char *tenant = NULL;
  g_autofree char *owner_staff = NULL;
  g_autofree char *device = NULL;
  g_autofree char *body = NULL;
  g_autofree char *push = NULL;
  g_autofree char *owner_token = NULL;
  g_autofree char *device_secret = NULL;
  g_autofree char *manager_token = NULL;
  g_autofree char *manager_id = NULL;
  g_autofree char *stranger_token = NULL;
  AhiTestServer server = { 0 };
  AhiTestReply reply;
  JsonObject *object;
  JsonArray *answers;
  guint n_events = 0;

  /* The first run of the app, offline: a salon, and three customers the
   * owner registers before any network, acted by the owner's staff row,
   * which the business's bootstrap made. */
  store = ahi_store_open (local_path, &error);
  g_assert_no_error (error);
  g_assert_true (ahi_business_create (store, "Işıl Kuaför", "hair_beauty", "Işıl Çağlar", "sector_default",
                                      T0 - 3600, &tenant, &error));
  g_assert_no_error (error);
  owner_staff = ahi_tenant_owner_id (tenant);
  for (guint i = 0; i < G_N_ELEMENTS (customers); i++)
    {
      g_autofree char *customer_id = ahi_id_new ();
      g_autoptr(AhiEvent) customer = ahi_store_new_event (store, "customer.created", customer_id, owner_staff, "owner",
                                                          T0 - 600 + i);

      json_object_set_string_member (customer->payload, "source", "walk_in");
      json_object_set_string_member (ahi_event_get_pii (customer), "full_name", customers[i]);
      g_assert_true (ahi_store_append (store, customer, NULL, &error));
      g_assert_no_error (error);
    }
  device = g_strdup (ahi_store_get_device_id (store));
  push = local_log_push (store, &n_events, bootstrap_ids);
  g_assert_cmpuint (n_events, ==, G_N_ELEMENTS (customers));
  /* tenant.created and whatever the sector provisions. */
  g_assert_cmpuint (bootstrap_ids->len, >, 5);

  start_at (&server, T0);

  /* Sign-up adopts the business and the device it was made on. */
  body = g_strdup_printf ("{\"business_name\":\"Işıl Kuaför\",\"sector\":\"hair_beauty\",\"email\":\"isil@example.com\","
                          "\"password\":\"%s\",\"owner_name\":\"Işıl Çağlar\",\"tenant_id\":\"%s\",\"device_id\":\"%s\"}",
                          PASSWORD, tenant, device);
  reply = ahi_test_call (&server, "POST", "/api/signup", NULL, body);
  g_assert_cmpstr (json_object_get_string_member (ahi_test_expect (&reply, 201), "tenant_id"), ==, tenant);
  ahi_test_reply_clear (&reply);
  /* The server made the very events the app's bootstrap made, ids and all. */
  for (guint i = 0; i < bootstrap_ids->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM tenant_event_logs WHERE event_id = '%s'",
                                              (const char *) g_ptr_array_index (bootstrap_ids, i));
      g_assert_cmpint (ahi_test_tenant_int (data_dir, tenant, sql), ==, 1);
    }

  /* The first login on it: the device keeps the id its events carry, and
   * gets the secret that proves later that it is itself. */
  owner_token = sign_in_on (&server, "isil@example.com", device, NULL, &device_secret);
  g_assert_nonnull (device_secret);

  /* The whole offline log, in device_seq order: every event accepted. */
  reply = ahi_test_callf (&server, "POST", owner_token, push, "/api/tenant/%s/sync/push", tenant);
  object = ahi_test_expect (&reply, 200);
  answers = json_object_get_array_member (object, "answers");
  g_assert_cmpuint (json_array_get_length (answers), ==, n_events);
  for (guint i = 0; i < n_events; i++)
    {
      JsonObject *answer = json_array_get_object_element (answers, i);

      if (!g_str_equal (json_object_get_string_member (answer, "status"), "accepted"))
        g_error ("event %u: %s %s", i + 1, json_object_get_string_member (answer, "status"),
                 json_object_has_member (answer, "message") ? json_object_get_string_member (answer, "message") : "");
      g_assert_cmpint (json_object_get_int_member (answer, "device_seq"), ==, i + 1);
    }
  g_assert_false (json_object_has_member (object, "expected_seq"));
  ahi_test_reply_clear (&reply);
  /* The customers made offline are the server's now, acted by the owner's
   * staff row. */
  g_assert_cmpint (ahi_test_tenant_int (data_dir, tenant, "SELECT count(*) FROM customers"), ==, 3);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM tenant_event_logs WHERE type = 'customer.created' "
                                            "AND actor_user_id = '%s' AND device_id = '%s'", owner_staff, device);
    g_assert_cmpint (ahi_test_tenant_int (data_dir, tenant, sql), ==, 3);
  }

  /* The shared desk: the owner adds a manager and signs out; the manager
   * signs in on the same device id, and the owner's token is done. */
  manager_id = ahi_test_add_member (&server, tenant, owner_token, "mehmet@example.com", PASSWORD, "manager");
  /* Knowing the id is not holding the device: the manager signing in
   * "on the desk" from elsewhere, without its secret, is refused, and the
   * owner's session goes on. */
  ahi_test_assert_error (login_on (&server, "mehmet@example.com", device, NULL), 409, "device_taken");
  reply = ahi_test_call (&server, "GET", "/api/devices", owner_token, NULL);
  ahi_test_expect (&reply, 200);
  ahi_test_reply_clear (&reply);
  expect_status (ahi_test_call (&server, "POST", "/api/logout", owner_token, NULL), 204);
  manager_token = sign_in_on (&server, "mehmet@example.com", device, device_secret, NULL);
  ahi_test_assert_error (ahi_test_call (&server, "GET", "/api/devices", owner_token, NULL), 401, "unauthorized");
  reply = ahi_test_call (&server, "GET", "/api/devices", manager_token, NULL);
  answers = json_object_get_array_member (ahi_test_expect (&reply, 200), "devices");
  g_assert_cmpuint (json_array_get_length (answers), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (answers, 0), "device_id"), ==, device);
  ahi_test_reply_clear (&reply);

  /* Another business's owner presenting the id: 409 device_taken, and the
   * manager's session goes on. */
  g_free (ahi_test_sign_up (&server, "Selin Berber", "Selin Arslan", "hair_beauty", "selin@example.com", PASSWORD, NULL));
  ahi_test_assert_error (login_on (&server, "selin@example.com", device, NULL), 409, "device_taken");
  reply = ahi_test_call (&server, "GET", "/api/devices", manager_token, NULL);
  ahi_test_expect (&reply, 200);
  ahi_test_reply_clear (&reply);
  /* Nor can another sign-up adopt it. */
  g_free (body);
  body = g_strdup_printf ("{\"business_name\":\"Kopya\",\"sector\":\"hair_beauty\",\"email\":\"kopya@example.com\","
                          "\"password\":\"%s\",\"owner_name\":\"Kopya\",\"device_id\":\"%s\"}", PASSWORD, device);
  ahi_test_assert_error (ahi_test_call (&server, "POST", "/api/signup", NULL, body), 409, "device_taken");
  /* Without its own device id, the other owner signs in as ever. */
  stranger_token = ahi_test_login (&server, "selin@example.com", PASSWORD, NULL);

  ahi_test_server_stop (&server);
  ahi_test_server_fix_clock (NULL);
}

/* Owners and managers register the business's shared desks; the staff
 * may not; another business's device or an unknown id is not found. A
 * member's staff row follows their membership. */
static void
test_desk_devices (void)
{
  g_autofree char *tenant = NULL;
  g_autofree char *other = NULL;
  g_autofree char *owner = NULL, *manager = NULL, *staff = NULL, *stranger = NULL;
  g_autofree char *owner_device = NULL, *staff_device = NULL, *stranger_device = NULL;
  g_autofree char *staff_id = NULL, *staff_row = NULL;
  AhiTestServer server = { 0 };
  AhiTestReply reply;
  JsonArray *members;

  start_at (&server, T0);
  tenant = ahi_test_sign_up (&server, NULL, NULL, "hair_beauty", "desk-owner@example.com", PASSWORD, NULL);
  other = ahi_test_sign_up (&server, NULL, NULL, "hair_beauty", "desk-other@example.com", PASSWORD, NULL);
  owner = ahi_test_login (&server, "desk-owner@example.com", PASSWORD, &owner_device);
  g_free (ahi_test_add_member (&server, tenant, owner, "desk-manager@example.com", PASSWORD, "manager"));
  staff_id = ahi_test_add_member (&server, tenant, owner, "desk-staff@example.com", PASSWORD, "staff");
  manager = ahi_test_login (&server, "desk-manager@example.com", PASSWORD, NULL);
  staff = ahi_test_login (&server, "desk-staff@example.com", PASSWORD, &staff_device);
  stranger = ahi_test_login (&server, "desk-other@example.com", PASSWORD, &stranger_device);

#define DESK_CALL(method, token, device) \
  ahi_test_callf (&server, method, token, NULL, "/api/tenant/%s/desk-devices/%s", tenant, device)
#define DESK(method, token, device, status, code)                                      \
  G_STMT_START {                                                                       \
    if ((code) == NULL)                                                                \
      expect_status (DESK_CALL (method, token, device), status);                       \
    else                                                                               \
      ahi_test_assert_error (DESK_CALL (method, token, device), status, code);         \
  } G_STMT_END

  DESK ("POST", owner, owner_device, 204, NULL);
  DESK ("POST", manager, owner_device, 204, NULL);    /* twice: nothing changes */
  DESK ("POST", manager, staff_device, 204, NULL);
  DESK ("POST", staff, staff_device, 403, "forbidden");
  DESK ("POST", owner, stranger_device, 404, "not_found");
  DESK ("POST", owner, NOT_OURS, 404, "not_found");
  DESK ("POST", owner, "not-an-id", 404, "not_found");
  DESK ("DELETE", staff, owner_device, 403, "forbidden");
  DESK ("DELETE", owner, stranger_device, 404, "not_found");
  DESK ("DELETE", manager, staff_device, 204, NULL);
  DESK ("DELETE", manager, staff_device, 204, NULL);
  /* Another business's owner: the salon's ids do not exist for them. */
  DESK ("POST", stranger, stranger_device, 404, "not_found");
#undef DESK
#undef DESK_CALL

  /* The staff member got a staff row with the membership's role; the
   * owner's promotion moves both, the membership first. */
  reply = ahi_test_callf (&server, "GET", owner, NULL, "/api/tenant/%s/members", tenant);
  members = json_object_get_array_member (ahi_test_expect (&reply, 200), "members");
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *member = json_array_get_object_element (members, i);

      g_assert_false (json_object_get_null_member (member, "staff_id"));
      if (g_str_equal (json_object_get_string_member (member, "user_id"), staff_id))
        staff_row = str_member (member, "staff_id");
    }
  ahi_test_reply_clear (&reply);
  g_assert_nonnull (staff_row);
  {
    g_autofree char *role_sql = g_strdup_printf ("SELECT role = 'staff' FROM staff WHERE staff_id = '%s'", staff_row);
    g_assert_cmpint (ahi_test_tenant_int (data_dir, tenant, role_sql), ==, 1);
  }
  reply = ahi_test_callf (&server, "PATCH", owner, "{\"role\":\"manager\"}", "/api/tenant/%s/members/%s", tenant, staff_id);
  ahi_test_expect (&reply, 200);
  ahi_test_reply_clear (&reply);
  {
    g_autofree char *role_sql = g_strdup_printf ("SELECT role = 'manager' FROM staff WHERE staff_id = '%s'", staff_row);
    g_assert_cmpint (ahi_test_tenant_int (data_dir, tenant, role_sql), ==, 1);
  }

  /* Staff rows so far: the owner's and the two members' = 3. A name the
   * account refuses (empty) makes neither account nor staff row (422, as
   * before); a 100-character name makes both, the staff row showing the
   * calendar's 80. */
  g_assert_cmpint (ahi_test_tenant_int (data_dir, tenant, "SELECT count(*) FROM staff"), ==, 3);
  ahi_test_assert_error (ahi_test_callf (&server, "POST", owner,
                                         "{\"email\":\"empty@example.com\",\"password\":\"" PASSWORD "\","
                                         "\"display_name\":\"   \",\"role\":\"staff\"}",
                                         "/api/tenant/%s/members", tenant), 422, "unprocessable");
  g_assert_cmpint (ahi_test_tenant_int (data_dir, tenant, "SELECT count(*) FROM staff"), ==, 3);
  {
    g_autofree char *long_name = g_strnfill (100, 'a');
    g_autofree char *long_body = g_strdup_printf ("{\"email\":\"long@example.com\",\"password\":\"%s\","
                                                  "\"display_name\":\"%s\",\"role\":\"staff\"}", PASSWORD, long_name);

    reply = ahi_test_callf (&server, "POST", owner, long_body, "/api/tenant/%s/members", tenant);
    ahi_test_expect (&reply, 201);
    ahi_test_reply_clear (&reply);
  }
  g_assert_cmpint (ahi_test_tenant_int (data_dir, tenant, "SELECT count(*) FROM staff"), ==, 4);
  g_assert_cmpint (ahi_test_tenant_int (data_dir, tenant, "SELECT max(length(display_name)) FROM staff"), ==, 80);

  ahi_test_server_stop (&server);
  ahi_test_server_fix_clock (NULL);
}

/* A refresh token presented twice: the second answer is 401, and the
 * session it came from (access and refresh) ends with it. */
static void
test_refresh_reuse (void)
{
  g_autofree char *tenant = NULL;
  g_autofree char *body = NULL;
  g_autofree char *first_refresh = NULL, *second_access = NULL, *second_refresh = NULL;
  g_autofree char *laptop = NULL;
  AhiTestServer server = { 0 };
  AhiTestReply reply;
  JsonObject *object;

  start_at (&server, T0);
  tenant = ahi_test_sign_up (&server, NULL, NULL, "hair_beauty", "reuse@example.com", PASSWORD, NULL);
  laptop = ahi_test_login (&server, "reuse@example.com", PASSWORD, NULL);
  body = g_strdup_printf ("{\"email\":\"reuse@example.com\",\"password\":\"%s\"}", PASSWORD);
  reply = ahi_test_call (&server, "POST", "/api/login", NULL, body);
  first_refresh = str_member (ahi_test_expect (&reply, 200), "refresh_token");
  ahi_test_reply_clear (&reply);

  g_free (body);
  body = g_strdup_printf ("{\"refresh_token\":\"%s\"}", first_refresh);
  reply = ahi_test_call (&server, "POST", "/api/token/refresh", NULL, body);
  object = ahi_test_expect (&reply, 200);
  second_access = str_member (object, "access_token");
  second_refresh = str_member (object, "refresh_token");
  ahi_test_reply_clear (&reply);
  reply = ahi_test_call (&server, "GET", "/api/devices", second_access, NULL);
  ahi_test_expect (&reply, 200);
  ahi_test_reply_clear (&reply);

  /* The spent one again (a copy): 401, and the live pair ends too. */
  ahi_test_assert_error (ahi_test_call (&server, "POST", "/api/token/refresh", NULL, body), 401, "unauthorized");
  ahi_test_assert_error (ahi_test_call (&server, "GET", "/api/devices", second_access, NULL), 401, "unauthorized");
  g_free (body);
  body = g_strdup_printf ("{\"refresh_token\":\"%s\"}", second_refresh);
  ahi_test_assert_error (ahi_test_call (&server, "POST", "/api/token/refresh", NULL, body), 401, "unauthorized");
  /* The account's other device goes on. */
  reply = ahi_test_call (&server, "GET", "/api/devices", laptop, NULL);
  ahi_test_expect (&reply, 200);
  ahi_test_reply_clear (&reply);

  ahi_test_server_stop (&server);
  ahi_test_server_fix_clock (NULL);
}

/* Twenty failed sign-ins from one address (the tests' 127.0.0.1), each
 * for another e-mail and so far below the 5 per e-mail: the 21st
 * request from it is 429, even with the right password, until 15
 * minutes have passed. */
static void
test_login_limit_per_address (void)
{
  g_autofree char *tenant = NULL;
  g_autofree char *body = g_strdup_printf ("{\"email\":\"limit@example.com\",\"password\":\"%s\"}", PASSWORD);
  AhiTestServer server = { 0 };
  AhiTestReply reply;

  start_at (&server, T0);
  tenant = ahi_test_sign_up (&server, NULL, NULL, "hair_beauty", "limit@example.com", PASSWORD, NULL);
  for (int i = 0; i < 20; i++)
    {
      g_autofree char *wrong = g_strdup_printf ("{\"email\":\"nobody%d@example.com\",\"password\":\"%s\"}", i, PASSWORD);
      ahi_test_assert_error (ahi_test_call (&server, "POST", "/api/login", NULL, wrong), 401, "invalid_credentials");
    }
  ahi_test_assert_error (ahi_test_call (&server, "POST", "/api/login", NULL, body), 429, "rate_limited");
  ahi_test_server_stop (&server);

  /* At T0 + 899 the failures of T0 still count; at T0 + 900 none does. */
  start_at (&server, T0 + 899);
  ahi_test_assert_error (ahi_test_call (&server, "POST", "/api/login", NULL, body), 429, "rate_limited");
  ahi_test_server_stop (&server);
  start_at (&server, T0 + 900);
  reply = ahi_test_call (&server, "POST", "/api/login", NULL, body);
  ahi_test_expect (&reply, 200);
  ahi_test_reply_clear (&reply);

  ahi_test_server_stop (&server);
  ahi_test_server_fix_clock (NULL);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  ahi_store_module_init ();
  data_dir = g_dir_make_tmp ("ahi-devices-XXXXXX", NULL);
  ahi_test_server_init (data_dir);

  g_test_add_func ("/server/devices/born-offline", test_born_offline);
  g_test_add_func ("/server/devices/desk-devices", test_desk_devices);
  g_test_add_func ("/server/devices/refresh-reuse", test_refresh_reuse);
  /* Last: its failures count against the tests' one address. */
  g_test_add_func ("/server/devices/login-limit-per-address", test_login_limit_per_address);
  status = g_test_run ();

  ahi_test_server_finish ();
  g_free (data_dir);
  return status;
}
