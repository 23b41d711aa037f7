/* test-members.c — a business's members and an account's devices, through
 * a real ahi-server process
 *
 * What the owner of a salon relies on: seeing who works there (and on how
 * many devices), promoting a member and having it count from the
 * member's next request, removing a member so that the salon is closed
 * to them at once; and what every user relies on: seeing their devices
 * and removing a lost phone, whose tokens then open nothing while the
 * other devices go on. The server's clock is fixed (--fixed-clock) and
 * moved by restarting it on the same data dir, so that every time in an
 * answer is worked out here by hand.
 */
#include "ahi-test-tenant.h"

#include "core/ahi-core.h"
#include "store/ahi-db.h"

/* 2026-11-24T06:00:00Z (date -u -d @1795500000). */
#define T0 1795500000
#define PASSWORD "çok-gizli-parola"

static char *data_dir;

/* One signed-in device: the tokens a login or a refresh answers. */
typedef struct {
  char *access;
  char *refresh;
  char *device;
} Session;

static void
session_clear (Session *session)
{
  g_clear_pointer (&session->access, g_free);
  g_clear_pointer (&session->refresh, g_free);
  g_clear_pointer (&session->device, g_free);
}

static void
session_take (Session      *session,
              AhiTestReply  reply)
{
  JsonObject *object;

  g_assert_cmpuint (reply.status, ==, 200);
  object = ahi_test_reply_object (&reply);
  session_clear (session);
  session->access = g_strdup (json_object_get_string_member (object, "access_token"));
  session->refresh = g_strdup (json_object_get_string_member (object, "refresh_token"));
  session->device = g_strdup (json_object_get_string_member (object, "device_id"));
  ahi_test_reply_clear (&reply);
}

/* A login on a new device. */
static void
sign_in (AhiTestServer *server,
         const char    *email,
         Session       *out)
{
  g_autofree char *body = g_strdup_printf ("{\"email\":\"%s\",\"password\":\"%s\"}", email, PASSWORD);

  session_take (out, ahi_test_call (server, "POST", "/api/login", NULL, body));
}

static AhiTestReply
refresh (AhiTestServer *server,
         const char    *refresh_token)
{
  g_autofree char *body = g_strdup_printf ("{\"refresh_token\":\"%s\"}", refresh_token);

  return ahi_test_call (server, "POST", "/api/token/refresh", NULL, body);
}

static guint
status_of (AhiTestServer *server,
           const char    *method,
           const char    *path,
           const char    *token,
           const char    *body)
{
  AhiTestReply reply = ahi_test_call (server, method, path, token, body);
  guint status = reply.status;

  ahi_test_reply_clear (&reply);
  return status;
}

/* Stops the server and starts it again on the same data dir with its
 * clock at now: nothing is lost (test-server proves it), so a test moves
 * time this way. */
static void
restart_at (AhiTestServer *server,
            gint64         now)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, now);

  if (server->process != NULL)
    ahi_test_server_stop (server);
  ahi_test_server_fix_clock (text);
  ahi_test_server_start (server);
}

static char *
tenant_path (const char *tenant,
             const char *rest)
{
  return g_strdup_printf ("/api/tenant/%s%s", tenant, rest);
}

/* The member of that user id in a members answer, or NULL. */
static JsonObject *
find_member (JsonArray  *members,
             const char *user_id)
{
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *member = json_array_get_object_element (members, i);

      if (g_str_equal (json_object_get_string_member (member, "user_id"), user_id))
        return member;
    }
  return NULL;
}

/* ------------------------------------------------------------ the list */

static void
test_list (void)
{
  AhiTestServer server = { 0 };
  Session phone = { 0 }, laptop = { 0 }, manager = { 0 }, staff = { 0 }, other = { 0 };
  g_autofree char *owner_id = NULL, *manager_id = NULL, *staff_id = NULL;
  g_autofree char *salon = NULL, *elsewhere = NULL, *members = NULL;
  AhiTestReply reply;
  JsonArray *list;
  JsonObject *row;

  restart_at (&server, T0);
  salon = ahi_test_sign_up (&server, NULL, NULL, "hair_beauty", "list-isil@example.com", PASSWORD, &owner_id);
  elsewhere = ahi_test_sign_up (&server, "Selin Diş", "Selin Kaya", "dental_esthetic", "list-selin@example.com",
                                PASSWORD, NULL);
  sign_in (&server, "list-isil@example.com", &phone);
  /* Five minutes later the staff member joins, ten minutes later the
   * manager: the list shows the owner, the manager, then staff, whatever
   * order they joined in. */
  restart_at (&server, T0 + 300);
  staff_id = ahi_test_add_member (&server, salon, phone.access, "list-ayse@example.com", PASSWORD, "staff");
  restart_at (&server, T0 + 600);
  manager_id = ahi_test_add_member (&server, salon, phone.access, "list-mehmet@example.com", PASSWORD, "manager");
  sign_in (&server, "list-isil@example.com", &laptop);
  sign_in (&server, "list-mehmet@example.com", &manager);
  sign_in (&server, "list-ayse@example.com", &staff);
  sign_in (&server, "list-selin@example.com", &other);
  /* The staff member signs out again: a revoked device is not active. */
  g_assert_cmpuint (status_of (&server, "POST", "/api/logout", staff.access, NULL), ==, 204);

  members = tenant_path (salon, "/members");
  for (guint who = 0; who < 2; who++)
    {
      reply = ahi_test_call (&server, "GET", members, who == 0 ? phone.access : manager.access, NULL);
      g_assert_cmpuint (reply.status, ==, 200);
      list = json_object_get_array_member (ahi_test_reply_object (&reply), "members");
      g_assert_cmpuint (json_array_get_length (list), ==, 3);

      row = json_array_get_object_element (list, 0);
      g_assert_cmpstr (json_object_get_string_member (row, "user_id"), ==, owner_id);
      g_assert_cmpstr (json_object_get_string_member (row, "display_name"), ==, "Işıl Çağlar");
      g_assert_cmpstr (json_object_get_string_member (row, "email"), ==, "list-isil@example.com");
      g_assert_cmpstr (json_object_get_string_member (row, "role"), ==, "owner");
      g_assert_cmpstr (json_object_get_string_member (row, "joined_at"), ==, "2026-11-24T06:00:00Z");
      /* The phone and the laptop. */
      g_assert_cmpint (json_object_get_int_member (row, "active_devices"), ==, 2);

      row = json_array_get_object_element (list, 1);
      g_assert_cmpstr (json_object_get_string_member (row, "user_id"), ==, manager_id);
      g_assert_cmpstr (json_object_get_string_member (row, "role"), ==, "manager");
      /* T0 + 600 s = 06:10:00. */
      g_assert_cmpstr (json_object_get_string_member (row, "joined_at"), ==, "2026-11-24T06:10:00Z");
      g_assert_cmpint (json_object_get_int_member (row, "active_devices"), ==, 1);

      row = json_array_get_object_element (list, 2);
      g_assert_cmpstr (json_object_get_string_member (row, "user_id"), ==, staff_id);
      g_assert_cmpstr (json_object_get_string_member (row, "display_name"), ==, "staff");
      g_assert_cmpstr (json_object_get_string_member (row, "role"), ==, "staff");
      /* T0 + 300 s = 06:05:00. */
      g_assert_cmpstr (json_object_get_string_member (row, "joined_at"), ==, "2026-11-24T06:05:00Z");
      g_assert_cmpint (json_object_get_int_member (row, "active_devices"), ==, 0);
      ahi_test_reply_clear (&reply);
    }

  /* Staff may not; another business's owner finds no such business; the
   * other business's own list holds only its owner. */
  sign_in (&server, "list-ayse@example.com", &staff);
  ahi_test_assert_error (ahi_test_call (&server, "GET", members, staff.access, NULL), 403, "forbidden");
  ahi_test_assert_error (ahi_test_call (&server, "GET", members, other.access, NULL), 404, "not_found");
  ahi_test_assert_error (ahi_test_call (&server, "GET", members, NULL, NULL), 401, "unauthorized");
  {
    g_autofree char *theirs = tenant_path (elsewhere, "/members");

    reply = ahi_test_call (&server, "GET", theirs, other.access, NULL);
    g_assert_cmpuint (reply.status, ==, 200);
    list = json_object_get_array_member (ahi_test_reply_object (&reply), "members");
    g_assert_cmpuint (json_array_get_length (list), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "email"), ==,
                     "list-selin@example.com");
    ahi_test_reply_clear (&reply);
  }

  /* 31 days later every refresh token above has expired (30 days; the
   * last was issued at T0 + 600, so it expired at T0 + 30 d + 600 <
   * T0 + 31 d): those devices are no longer active. The owner signs in
   * anew on a third device, the only active one. */
  restart_at (&server, T0 + 31 * 24 * 3600);
  sign_in (&server, "list-isil@example.com", &phone);
  reply = ahi_test_call (&server, "GET", members, phone.access, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  list = json_object_get_array_member (ahi_test_reply_object (&reply), "members");
  g_assert_cmpint (json_object_get_int_member (find_member (list, owner_id), "active_devices"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (find_member (list, manager_id), "active_devices"), ==, 0);
  ahi_test_reply_clear (&reply);

  ahi_test_server_stop (&server);
  session_clear (&phone);
  session_clear (&laptop);
  session_clear (&manager);
  session_clear (&staff);
  session_clear (&other);
}

/* ---------------------------------------------------------- the roles */

static void
assert_role (AhiTestServer *server,
             const char    *members,
             const char    *token,
             const char    *user_id,
             const char    *role)
{
  AhiTestReply reply = ahi_test_call (server, "GET", members, token, NULL);
  JsonObject *member;

  g_assert_cmpuint (reply.status, ==, 200);
  member = find_member (json_object_get_array_member (ahi_test_reply_object (&reply), "members"), user_id);
  g_assert_nonnull (member);
  g_assert_cmpstr (json_object_get_string_member (member, "role"), ==, role);
  ahi_test_reply_clear (&reply);
}

static void
test_change_role (void)
{
  AhiTestServer server = { 0 };
  Session owner = { 0 }, manager = { 0 }, staff = { 0 }, other = { 0 };
  g_autofree char *owner_id = NULL, *manager_id = NULL, *staff_id = NULL, *other_id = NULL;
  g_autofree char *salon = NULL, *elsewhere = NULL, *members = NULL, *revenue = NULL;
  g_autofree char *staff_path = NULL, *owner_path = NULL, *other_path = NULL;
  AhiTestReply reply;

  restart_at (&server, T0);
  salon = ahi_test_sign_up (&server, NULL, NULL, "hair_beauty", "role-isil@example.com", PASSWORD, &owner_id);
  elsewhere = ahi_test_sign_up (&server, NULL, NULL, "hair_beauty", "role-selin@example.com", PASSWORD, &other_id);
  sign_in (&server, "role-isil@example.com", &owner);
  sign_in (&server, "role-selin@example.com", &other);
  manager_id = ahi_test_add_member (&server, salon, owner.access, "role-mehmet@example.com", PASSWORD, "manager");
  staff_id = ahi_test_add_member (&server, salon, owner.access, "role-ayse@example.com", PASSWORD, "staff");
  sign_in (&server, "role-mehmet@example.com", &manager);
  sign_in (&server, "role-ayse@example.com", &staff);

  members = tenant_path (salon, "/members");
  revenue = tenant_path (salon, "/revenue/summary?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z");
  staff_path = g_strdup_printf ("%s/%s", members, staff_id);
  owner_path = g_strdup_printf ("%s/%s", members, owner_id);
  other_path = g_strdup_printf ("%s/%s", members, other_id);

  /* As staff, Ayşe may not read the revenue. */
  ahi_test_assert_error (ahi_test_call (&server, "GET", revenue, staff.access, NULL), 403, "forbidden");

  /* Promoted to manager: the answer is her row, and her very next request,
   * with the same token, is judged as a manager's. */
  reply = ahi_test_call (&server, "PATCH", staff_path, owner.access, "{\"role\":\"manager\"}");
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (ahi_test_reply_object (&reply), "user_id"), ==, staff_id);
  g_assert_cmpstr (json_object_get_string_member (ahi_test_reply_object (&reply), "role"), ==, "manager");
  g_assert_cmpstr (json_object_get_string_member (ahi_test_reply_object (&reply), "email"), ==,
                   "role-ayse@example.com");
  g_assert_cmpint (json_object_get_int_member (ahi_test_reply_object (&reply), "active_devices"), ==, 1);
  ahi_test_reply_clear (&reply);
  g_assert_cmpuint (status_of (&server, "GET", revenue, staff.access, NULL), ==, 200);
  g_assert_cmpuint (status_of (&server, "GET", members, staff.access, NULL), ==, 200);

  /* The same role again changes nothing; back to staff, the door shuts. */
  g_assert_cmpuint (status_of (&server, "PATCH", staff_path, owner.access, "{\"role\":\"manager\"}"), ==, 200);
  g_assert_cmpuint (status_of (&server, "PATCH", staff_path, owner.access, "{\"role\":\"staff\"}"), ==, 200);
  ahi_test_assert_error (ahi_test_call (&server, "GET", revenue, staff.access, NULL), 403, "forbidden");

  /* The owner cannot demote themself, and says why. */
  reply = ahi_test_call (&server, "PATCH", owner_path, owner.access, "{\"role\":\"manager\"}");
  g_assert_cmpuint (reply.status, ==, 409);
  {
    JsonObject *error = json_object_get_object_member (ahi_test_reply_object (&reply), "error");

    g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "invalid_state");
    g_assert_cmpstr (json_object_get_string_member (error, "message"), ==,
                     "The owner cannot change their own role: the business would have no owner");
  }
  ahi_test_reply_clear (&reply);

  /* Bad requests, each refused with nothing changed. */
  ahi_test_assert_error (ahi_test_call (&server, "PATCH", staff_path, owner.access, "{\"role\":\"owner\"}"),
                         422, "unprocessable");
  ahi_test_assert_error (ahi_test_call (&server, "PATCH", staff_path, owner.access, "{\"role\":\"chef\"}"),
                         400, "bad_request");
  ahi_test_assert_error (ahi_test_call (&server, "PATCH", staff_path, owner.access, "{\"role\":7}"),
                         400, "bad_request");
  ahi_test_assert_error (ahi_test_call (&server, "PATCH", staff_path, owner.access, "{}"), 400, "bad_request");
  ahi_test_assert_error (ahi_test_call (&server, "PATCH", staff_path, owner.access,
                                        "{\"role\":\"manager\",\"is_admin\":true}"), 400, "unknown_field");
  ahi_test_assert_error (ahi_test_call (&server, "PATCH", staff_path, owner.access,
                                        "{\"role\":\"manager\",\"role\":\"staff\"}"), 400, "duplicate_key");
  /* Who is not a member here is nobody: an unknown id, a path that is no
   * id, and the owner of another business alike. */
  {
    g_autofree char *unknown = g_strdup_printf ("%s/0196a0d2-7c1e-7000-8000-00000000abcd", members);
    g_autofree char *not_an_id = g_strdup_printf ("%s/not-an-id", members);

    ahi_test_assert_error (ahi_test_call (&server, "PATCH", unknown, owner.access, "{\"role\":\"staff\"}"),
                           404, "not_found");
    ahi_test_assert_error (ahi_test_call (&server, "PATCH", not_an_id, owner.access, "{\"role\":\"staff\"}"),
                           404, "not_found");
    ahi_test_assert_error (ahi_test_call (&server, "PATCH", other_path, owner.access, "{\"role\":\"staff\"}"),
                           404, "not_found");
  }
  /* A manager may not change roles; the other business's owner finds no
   * salon at all. */
  ahi_test_assert_error (ahi_test_call (&server, "PATCH", staff_path, manager.access, "{\"role\":\"manager\"}"),
                         403, "forbidden");
  ahi_test_assert_error (ahi_test_call (&server, "PATCH", staff_path, other.access, "{\"role\":\"manager\"}"),
                         404, "not_found");

  assert_role (&server, members, owner.access, owner_id, "owner");
  assert_role (&server, members, owner.access, manager_id, "manager");
  assert_role (&server, members, owner.access, staff_id, "staff");
  {
    g_autofree char *theirs = tenant_path (elsewhere, "/members");
    assert_role (&server, theirs, other.access, other_id, "owner");
  }

  ahi_test_server_stop (&server);
  session_clear (&owner);
  session_clear (&manager);
  session_clear (&staff);
  session_clear (&other);
}

/* -------------------------------------------------------- the removal */

/* Makes user_id a staff member of tenant too, in the control database,
 * with the server stopped. No route adds an existing account to a second
 * business yet; this is the row such an invitation would write. */
static void
add_membership (const char *tenant,
                const char *user_id)
{
  g_autofree char *path = g_build_filename (data_dir, "control.db", NULL);
  g_autofree char *sql = g_strdup_printf ("INSERT INTO memberships (tenant_id, user_id, role, created_at) "
                                          "VALUES ('%s', '%s', 'staff', %d)", tenant, user_id, T0);
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiDb) db = ahi_db_open (path, FALSE, 0, &error);

  g_assert_no_error (error);
  ahi_db_exec (db, sql, &error);
  g_assert_no_error (error);
}

static void
test_remove (void)
{
  AhiTestServer server = { 0 };
  Session owner = { 0 }, phone = { 0 }, tablet = { 0 }, mehmet = { 0 }, other = { 0 }, again = { 0 };
  g_autofree char *owner_id = NULL, *ayse_id = NULL, *mehmet_id = NULL;
  g_autofree char *salon = NULL, *clinic = NULL;
  g_autofree char *members = NULL, *ayse_path = NULL, *mehmet_path = NULL, *owner_path = NULL;
  g_autofree char *salon_blueprint = NULL, *clinic_blueprint = NULL;
  AhiTestReply reply;

  restart_at (&server, T0);
  salon = ahi_test_sign_up (&server, NULL, NULL, "hair_beauty", "rm-isil@example.com", PASSWORD, &owner_id);
  clinic = ahi_test_sign_up (&server, "Selin Diş", "Selin Kaya", "dental_esthetic", "rm-selin@example.com",
                             PASSWORD, NULL);
  sign_in (&server, "rm-isil@example.com", &owner);
  sign_in (&server, "rm-selin@example.com", &other);
  ayse_id = ahi_test_add_member (&server, salon, owner.access, "rm-ayse@example.com", PASSWORD, "staff");
  mehmet_id = ahi_test_add_member (&server, salon, owner.access, "rm-mehmet@example.com", PASSWORD, "manager");

  /* Mehmet also works at the clinic. */
  ahi_test_server_stop (&server);
  add_membership (clinic, mehmet_id);
  restart_at (&server, T0);

  sign_in (&server, "rm-ayse@example.com", &phone);
  sign_in (&server, "rm-ayse@example.com", &tablet);
  sign_in (&server, "rm-mehmet@example.com", &mehmet);

  members = tenant_path (salon, "/members");
  ayse_path = g_strdup_printf ("%s/%s", members, ayse_id);
  mehmet_path = g_strdup_printf ("%s/%s", members, mehmet_id);
  owner_path = g_strdup_printf ("%s/%s", members, owner_id);
  salon_blueprint = tenant_path (salon, "/blueprint");
  clinic_blueprint = tenant_path (clinic, "/blueprint");
  g_assert_cmpuint (status_of (&server, "GET", salon_blueprint, phone.access, NULL), ==, 200);
  g_assert_cmpuint (status_of (&server, "GET", clinic_blueprint, mehmet.access, NULL), ==, 200);

  /* Refused: a manager, another business's owner, the owner leaving. */
  ahi_test_assert_error (ahi_test_call (&server, "DELETE", ayse_path, mehmet.access, NULL), 403, "forbidden");
  ahi_test_assert_error (ahi_test_call (&server, "DELETE", ayse_path, other.access, NULL), 404, "not_found");
  reply = ahi_test_call (&server, "DELETE", owner_path, owner.access, NULL);
  g_assert_cmpuint (reply.status, ==, 409);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (ahi_test_reply_object (&reply),
                                                                                 "error"), "code"),
                   ==, "invalid_state");
  ahi_test_reply_clear (&reply);
  g_assert_cmpuint (status_of (&server, "GET", salon_blueprint, phone.access, NULL), ==, 200);

  /* Ayşe works only here: removing her ends both her devices' sessions —
   * their access tokens and their refresh tokens. */
  reply = ahi_test_call (&server, "DELETE", ayse_path, owner.access, NULL);
  g_assert_cmpuint (reply.status, ==, 204);
  g_assert_null (reply.body);
  ahi_test_reply_clear (&reply);
  ahi_test_assert_error (ahi_test_call (&server, "GET", salon_blueprint, phone.access, NULL), 401, "unauthorized");
  ahi_test_assert_error (ahi_test_call (&server, "GET", salon_blueprint, tablet.access, NULL), 401, "unauthorized");
  ahi_test_assert_error (ahi_test_call (&server, "GET", "/api/devices", tablet.access, NULL), 401, "unauthorized");
  ahi_test_assert_error (refresh (&server, phone.refresh), 401, "unauthorized");
  ahi_test_assert_error (refresh (&server, tablet.refresh), 401, "unauthorized");
  ahi_test_assert_error (ahi_test_call (&server, "DELETE", ayse_path, owner.access, NULL), 404, "not_found");

  /* Her account stays: she can sign in, to no business, and the salon
   * answers her exactly as it answers another business's owner. */
  {
    AhiTestReply login = ahi_test_call (&server, "POST", "/api/login", NULL,
                                        "{\"email\":\"rm-ayse@example.com\",\"password\":\"" PASSWORD "\"}");

    g_assert_cmpuint (login.status, ==, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ahi_test_reply_object (&login),
                                                                           "tenants")), ==, 0);
    session_take (&again, login);
  }
  ahi_test_assert_error (ahi_test_call (&server, "GET", salon_blueprint, again.access, NULL), 404, "not_found");
  ahi_test_assert_error (ahi_test_call (&server, "GET", salon_blueprint, other.access, NULL), 404, "not_found");
  /* The e-mail is taken by her account: inviting it anew is a conflict. */
  ahi_test_assert_error (ahi_test_call (&server, "POST", members, owner.access,
                                        "{\"email\":\"rm-ayse@example.com\",\"password\":\"x-parola-12\","
                                        "\"display_name\":\"Ayşe\",\"role\":\"staff\"}"), 409, "conflict");

  /* Mehmet still works at the clinic: the salon shuts to him (404, as to
   * anyone outside it), the clinic does not, and his device stays. */
  g_assert_cmpuint (status_of (&server, "DELETE", mehmet_path, owner.access, NULL), ==, 204);
  ahi_test_assert_error (ahi_test_call (&server, "GET", salon_blueprint, mehmet.access, NULL), 404, "not_found");
  ahi_test_assert_error (ahi_test_call (&server, "GET", members, mehmet.access, NULL), 404, "not_found");
  g_assert_cmpuint (status_of (&server, "GET", clinic_blueprint, mehmet.access, NULL), ==, 200);
  reply = ahi_test_call (&server, "GET", "/api/devices", mehmet.access, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ahi_test_reply_object (&reply),
                                                                         "devices")), ==, 1);
  ahi_test_reply_clear (&reply);
  reply = refresh (&server, mehmet.refresh);
  g_assert_cmpuint (reply.status, ==, 200);
  ahi_test_reply_clear (&reply);

  /* The salon's team is its owner alone now. */
  reply = ahi_test_call (&server, "GET", members, owner.access, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  {
    JsonArray *list = json_object_get_array_member (ahi_test_reply_object (&reply), "members");

    g_assert_cmpuint (json_array_get_length (list), ==, 1);
    g_assert_nonnull (find_member (list, owner_id));
  }
  ahi_test_reply_clear (&reply);

  ahi_test_server_stop (&server);
  session_clear (&owner);
  session_clear (&phone);
  session_clear (&tablet);
  session_clear (&mehmet);
  session_clear (&other);
  session_clear (&again);
}

/* --------------------------------------------------------- the devices */

static JsonArray *
devices_of (AhiTestReply *reply)
{
  g_assert_cmpuint (reply->status, ==, 200);
  return json_object_get_array_member (ahi_test_reply_object (reply), "devices");
}

static void
assert_device (JsonArray  *devices,
               guint       index,
               const char *device_id,
               const char *first_seen,
               const char *last_used,
               gboolean    current)
{
  JsonObject *device = json_array_get_object_element (devices, index);

  g_assert_cmpstr (json_object_get_string_member (device, "device_id"), ==, device_id);
  g_assert_cmpstr (json_object_get_string_member (device, "first_seen_at"), ==, first_seen);
  g_assert_cmpstr (json_object_get_string_member (device, "last_used_at"), ==, last_used);
  g_assert_cmpint (json_object_get_boolean_member (device, "current"), ==, current);
}

static void
test_devices (void)
{
  AhiTestServer server = { 0 };
  Session phone = { 0 }, tablet = { 0 }, owner = { 0 };
  g_autofree char *salon = NULL, *blueprint = NULL, *members = NULL, *ayse_id = NULL;
  g_autofree char *phone_path = NULL, *owner_device_path = NULL;
  AhiTestReply reply;
  JsonArray *devices;

  restart_at (&server, T0);
  salon = ahi_test_sign_up (&server, NULL, NULL, "hair_beauty", "dev-isil@example.com", PASSWORD, NULL);
  sign_in (&server, "dev-isil@example.com", &owner);
  ayse_id = ahi_test_add_member (&server, salon, owner.access, "dev-ayse@example.com", PASSWORD, "staff");
  blueprint = tenant_path (salon, "/blueprint");
  members = tenant_path (salon, "/members");

  /* Ayşe's phone signs in at 06:00, her tablet at 06:10 (T0 + 600). */
  sign_in (&server, "dev-ayse@example.com", &phone);
  restart_at (&server, T0 + 600);
  sign_in (&server, "dev-ayse@example.com", &tablet);

  reply = ahi_test_call (&server, "GET", "/api/devices", tablet.access, NULL);
  devices = devices_of (&reply);
  g_assert_cmpuint (json_array_get_length (devices), ==, 2);
  assert_device (devices, 0, phone.device, "2026-11-24T06:00:00Z", "2026-11-24T06:00:00Z", FALSE);
  assert_device (devices, 1, tablet.device, "2026-11-24T06:10:00Z", "2026-11-24T06:10:00Z", TRUE);
  ahi_test_reply_clear (&reply);

  /* At 06:12 (T0 + 720) the phone renews its tokens: it was last used
   * then, and the phone now sees itself as the current device. Its first
   * sign-in does not move. */
  restart_at (&server, T0 + 720);
  session_take (&phone, refresh (&server, phone.refresh));
  reply = ahi_test_call (&server, "GET", "/api/devices", phone.access, NULL);
  devices = devices_of (&reply);
  g_assert_cmpuint (json_array_get_length (devices), ==, 2);
  assert_device (devices, 0, phone.device, "2026-11-24T06:00:00Z", "2026-11-24T06:12:00Z", TRUE);
  assert_device (devices, 1, tablet.device, "2026-11-24T06:10:00Z", "2026-11-24T06:10:00Z", FALSE);
  ahi_test_reply_clear (&reply);

  /* Each user sees their own devices only: the owner, one. */
  reply = ahi_test_call (&server, "GET", "/api/devices", owner.access, NULL);
  devices = devices_of (&reply);
  g_assert_cmpuint (json_array_get_length (devices), ==, 1);
  assert_device (devices, 0, owner.device, "2026-11-24T06:00:00Z", "2026-11-24T06:00:00Z", TRUE);
  ahi_test_reply_clear (&reply);

  /* Another account's device answers like a device that does not exist,
   * or a path that is no id; and it goes on working. */
  owner_device_path = g_strdup_printf ("/api/devices/%s", owner.device);
  ahi_test_assert_error (ahi_test_call (&server, "DELETE", owner_device_path, tablet.access, NULL), 404, "not_found");
  ahi_test_assert_error (ahi_test_call (&server, "DELETE", "/api/devices/0196a0d2-7c1e-7000-8000-00000000abcd",
                                        tablet.access, NULL), 404, "not_found");
  ahi_test_assert_error (ahi_test_call (&server, "DELETE", "/api/devices/not-a-device", tablet.access, NULL),
                         404, "not_found");
  ahi_test_assert_error (ahi_test_call (&server, "DELETE", owner_device_path, NULL, NULL), 401, "unauthorized");
  g_assert_cmpuint (status_of (&server, "GET", blueprint, owner.access, NULL), ==, 200);

  /* The phone is lost: from the tablet, Ayşe removes it. Its access
   * token and its refresh token stop working at once; the tablet's go
   * on. */
  phone_path = g_strdup_printf ("/api/devices/%s", phone.device);
  reply = ahi_test_call (&server, "DELETE", phone_path, tablet.access, NULL);
  g_assert_cmpuint (reply.status, ==, 204);
  g_assert_null (reply.body);
  ahi_test_reply_clear (&reply);
  ahi_test_assert_error (ahi_test_call (&server, "GET", blueprint, phone.access, NULL), 401, "unauthorized");
  ahi_test_assert_error (ahi_test_call (&server, "GET", "/api/devices", phone.access, NULL), 401, "unauthorized");
  ahi_test_assert_error (refresh (&server, phone.refresh), 401, "unauthorized");
  g_assert_cmpuint (status_of (&server, "GET", blueprint, tablet.access, NULL), ==, 200);
  reply = ahi_test_call (&server, "GET", "/api/devices", tablet.access, NULL);
  devices = devices_of (&reply);
  g_assert_cmpuint (json_array_get_length (devices), ==, 1);
  assert_device (devices, 0, tablet.device, "2026-11-24T06:10:00Z", "2026-11-24T06:10:00Z", TRUE);
  ahi_test_reply_clear (&reply);
  /* Removing it again changes nothing. */
  g_assert_cmpuint (status_of (&server, "DELETE", phone_path, tablet.access, NULL), ==, 204);

  /* The owner's team page counts Ayşe's active devices: the tablet. */
  reply = ahi_test_call (&server, "GET", members, owner.access, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  {
    JsonObject *ayse = find_member (json_object_get_array_member (ahi_test_reply_object (&reply), "members"),
                                    ayse_id);

    g_assert_nonnull (ayse);
    g_assert_cmpint (json_object_get_int_member (ayse, "active_devices"), ==, 1);
  }
  ahi_test_reply_clear (&reply);

  /* Removing the device that asks is a logout: the tablet's refresh token
   * is spent too, so it renews nothing. */
  {
    g_autofree char *tablet_path = g_strdup_printf ("/api/devices/%s", tablet.device);

    g_assert_cmpuint (status_of (&server, "DELETE", tablet_path, tablet.access, NULL), ==, 204);
    ahi_test_assert_error (ahi_test_call (&server, "GET", "/api/devices", tablet.access, NULL), 401, "unauthorized");
    ahi_test_assert_error (refresh (&server, tablet.refresh), 401, "unauthorized");
  }

  ahi_test_server_stop (&server);
  ahi_test_server_fix_clock (NULL);
  session_clear (&phone);
  session_clear (&tablet);
  session_clear (&owner);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  ahi_core_init ();
  data_dir = g_dir_make_tmp ("ahi-members-XXXXXX", NULL);
  ahi_test_server_init (data_dir);

  g_test_add_func ("/server/members/list", test_list);
  g_test_add_func ("/server/members/change-role", test_change_role);
  g_test_add_func ("/server/members/remove", test_remove);
  g_test_add_func ("/server/members/devices", test_devices);
  status = g_test_run ();

  ahi_test_server_finish ();
  g_free (data_dir);
  return status;
}
