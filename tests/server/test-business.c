/* test-business.c — the business routes and the reminder dispatcher
 * against a real ahi-server process
 *
 * A hair salon signs up; its owner adds a manager and a staff member.
 * They manage resources, change the sector and the overrides, book
 * ledger lines, read reactivation candidates and queue a campaign; every
 * write must appear in the tenant's log (read back through sync pull)
 * with the caller as actor, and every refused request must leave the log
 * as it was. The server runs with --dispatch-interval 1 and a fixed clock
 * (--fixed-clock 2026-12-01T09:00:00Z): the due reminders must come
 * out in DATA_DIR/outbox/<tenant>.jsonl and as reminder.sent events, the
 * undeliverable ones as failures with their reason, and the server's log
 * lines must carry no personal data.
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <unistd.h>

#include <string.h>

#include "ahi-test-tenant.h"

#include "core/ahi-blueprint.h"
#include "core/ahi-core.h"
#include "core/ahi-id.h"

/* 2026-12-01T09:00:00Z */
#define NOW "1796115600"

#define CUSTOMER_1 "01900000-0000-7000-8000-0000000000c1"   /* phone, marketing consent */
#define CUSTOMER_2 "01900000-0000-7000-8000-0000000000c2"   /* phone, no consent */
#define CUSTOMER_3 "01900000-0000-7000-8000-0000000000c3"   /* no phone */
#define REMINDER_NO_CONSENT "01900000-0000-7000-8000-0000000000e2"
#define REMINDER_NO_PHONE   "01900000-0000-7000-8000-0000000000e3"
#define REMINDER_TOMORROW   "01900000-0000-7000-8000-0000000000e4"
/* When the pushed events occurred, by the device's clock. */
#define AT "2026-12-01T08:00:00Z"
#define UNKNOWN_ID          "01900000-0000-7000-8000-00000000ffff"

static char *data_dir;
static char *stderr_path;

/* ------------------------------------------------------------- helpers */

/* The server of the README with a one-second dispatch tick and the
 * clock at NOW; its log lines go to a file the test reads at the end. */
static void
start_server (AhiTestServer *server)
{
  const char *dispatch[] = { "--dispatch-interval", "1", NULL };

  ahi_test_server_fix_clock (NOW);
  ahi_test_server_start_with (server, dispatch, stderr_path);
}

static const char *
member (AhiTestReply *reply,
        const char   *name)
{
  return json_object_get_string_member (ahi_test_reply_object (reply), name);
}

/* Calls and expects status; returns the answer's object member name. */
static char *
call_for (AhiTestServer *server,
          const char    *method,
          const char    *path,
          const char    *token,
          const char    *body,
          guint          status,
          const char    *name)
{
  AhiTestReply reply = ahi_test_call (server, method, path, token, body);
  char *value = NULL;

  if (reply.status != status && reply.body != NULL)
    g_printerr ("%s %s: %s\n", method, path, json_to_string (reply.body, FALSE));
  g_assert_cmpuint (reply.status, ==, status);
  /* "resource/resource_id": a member of the entity a write answers
   * beside its event id. */
  if (name != NULL && strchr (name, '/') != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (name, "/", 2);

      value = g_strdup (json_object_get_string_member (ahi_test_expect_written (&reply, status, parts[0]), parts[1]));
    }
  else if (name != NULL)
    value = g_strdup (member (&reply, name));
  else if (g_str_equal (method, "POST") || g_str_equal (method, "PATCH") || g_str_equal (method, "DELETE"))
    ahi_test_expect_written (&reply, status, NULL);
  ahi_test_reply_clear (&reply);
  return value;
}

static char *
tpath (const char *tenant,
       const char *rest)
{
  return g_strdup_printf ("/api/tenant/%s/%s", tenant, rest);
}

/* The tenant's log after seq after (through sync pull, 1000 at most). */
static JsonArray *
log_after (AhiTestServer *server,
           const char    *tenant,
           const char    *token,
           gint64         after)
{
  g_autofree char *path = g_strdup_printf ("/api/tenant/%s/sync/pull?after=%" G_GINT64_FORMAT "&limit=1000",
                                           tenant, after);
  AhiTestReply reply = ahi_test_call (server, "GET", path, token, NULL);
  JsonArray *events;

  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_false (json_object_get_boolean_member (ahi_test_reply_object (&reply), "has_more"));
  events = json_array_ref (json_object_get_array_member (ahi_test_reply_object (&reply), "events"));
  ahi_test_reply_clear (&reply);
  return events;
}

static gint64
last_seq (AhiTestServer *server,
          const char    *tenant,
          const char    *token)
{
  g_autoptr(JsonArray) events = log_after (server, tenant, token, 0);
  JsonObject *last = json_array_get_object_element (events, json_array_get_length (events) - 1);

  return json_object_get_int_member (last, "server_seq");
}

/* Event index of the log page is of type, about entity_id, acted by user
 * in role. */
static void
assert_event (JsonArray  *events,
              guint       index,
              const char *type,
              const char *entity_id,
              const char *user,
              const char *role)
{
  JsonObject *event, *actor;

  g_assert_cmpuint (index, <, json_array_get_length (events));
  event = json_array_get_object_element (events, index);
  actor = json_object_get_object_member (event, "actor");
  g_assert_cmpstr (json_object_get_string_member (event, "type"), ==, type);
  if (entity_id != NULL)
    g_assert_cmpstr (json_object_get_string_member (event, "entity_id"), ==, entity_id);
  g_assert_cmpstr (json_object_get_string_member (actor, "user_id"), ==, user);
  g_assert_cmpstr (json_object_get_string_member (actor, "role"), ==, role);
}

/* The only event of that type about entity_id in events, or NULL. */
static JsonObject *
find_event (JsonArray  *events,
            const char *type,
            const char *entity_id)
{
  JsonObject *found = NULL;

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);

      if (g_str_equal (json_object_get_string_member (event, "type"), type) &&
          (entity_id == NULL || g_str_equal (json_object_get_string_member (event, "entity_id"), entity_id)))
        {
          g_assert_null (found);
          found = event;
        }
    }
  return found;
}

/* An event acted by user as owner on device, at 2026-12-01T08:00:00Z. */
/* --------------------------------------------------------------- test */

static void
test_business (void)
{
  AhiTestServer server = { 0 };
  g_autofree char *salon = NULL, *owner_user = NULL, *owner = NULL, *device = NULL;
  g_autofree char *manager_user = NULL, *manager = NULL, *staff_user = NULL, *staff = NULL;
  g_autofree char *clinic = NULL, *dentist = NULL;
  g_autofree char *resources = NULL, *resource_path = NULL, *chair = NULL;
  g_autofree char *blueprint = NULL, *ledger = NULL, *reactivation = NULL;
  g_autofree char *sale_1 = NULL, *sale_2 = NULL, *refund = NULL;
  g_autofree char *campaign = NULL;
  g_autofree char *campaign_event = NULL;
  g_autoptr(AhiBlueprint) hair = ahi_blueprint_load ("hair_beauty", NULL);
  gint64 before;
  guint n_templates = 0;
  AhiTestReply reply;

  start_server (&server);

  salon = ahi_test_sign_up (&server, NULL, NULL, "hair_beauty", "isil@example.com", "çok-gizli-parola", &owner_user);
  owner = ahi_test_login (&server, "isil@example.com", "çok-gizli-parola", &device);
  manager_user = ahi_test_add_member (&server, salon, owner, "murat@example.com", "parola-manager-1", "manager");
  staff_user = ahi_test_add_member (&server, salon, owner, "ayse@example.com", "parola-staff-1", "staff");
  manager = ahi_test_login (&server, "murat@example.com", "parola-manager-1", NULL);
  staff = ahi_test_login (&server, "ayse@example.com", "parola-staff-1", NULL);

  clinic = ahi_test_sign_up (&server, "Selin Diş", "Selin Kaya", "dental_esthetic", "selin@example.com",
                             "çok-gizli-parola", NULL);
  dentist = ahi_test_login (&server, "selin@example.com", "çok-gizli-parola", NULL);

  before = last_seq (&server, salon, owner);
  resources = tpath (salon, "resources");
  blueprint = tpath (salon, "blueprint");

  /* ------------------------------------------------------- resources */

  chair = call_for (&server, "POST", resources, manager, "{\"kind\":\"chair\",\"name\":\"Koltuk 9\"}", 201,
                    "resource/resource_id");
  g_assert_true (ahi_id_is_valid (chair));
  resource_path = g_strdup_printf ("/api/tenant/%s/resources/%s", salon, chair);

  /* Refused, each with nothing written: staff may not; unknown and
   * mistyped fields; a kind the salon's blueprint does not have; bad and
   * unknown ids; another business, through its path or through its own. */
  ahi_test_assert_error (ahi_test_call (&server, "POST", resources, staff, "{\"kind\":\"chair\",\"name\":\"K\"}"),
                         403, "forbidden");
  ahi_test_assert_error (ahi_test_call (&server, "POST", resources, manager,
                                        "{\"kind\":\"chair\",\"name\":\"K\",\"color\":\"red\"}"), 400, "unknown_field");
  ahi_test_assert_error (ahi_test_call (&server, "POST", resources, manager, "{\"kind\":\"chair\",\"name\":5}"),
                         400, "wrong_type");
  ahi_test_assert_error (ahi_test_call (&server, "POST", resources, manager, "{\"kind\":\"chair\"}"),
                         400, "missing_field");
  ahi_test_assert_error (ahi_test_call (&server, "POST", resources, manager, "{\"kind\":\"lift\",\"name\":\"L\"}"),
                         422, "unprocessable");
  ahi_test_assert_error (ahi_test_call (&server, "POST", resources, manager, "[1]"), 400, "invalid_json");
  ahi_test_assert_error (ahi_test_call (&server, "PATCH", resource_path, staff, "{\"name\":\"K\"}"), 403, "forbidden");
  ahi_test_assert_error (ahi_test_call (&server, "DELETE", resource_path, staff, NULL), 403, "forbidden");
  ahi_test_assert_error (ahi_test_call (&server, "PATCH", resource_path, manager, "{}"), 400, "missing_field");
  {
    g_autofree char *bad = g_strdup_printf ("/api/tenant/%s/resources/not-an-id", salon);
    g_autofree char *unknown = g_strdup_printf ("/api/tenant/%s/resources/" UNKNOWN_ID, salon);
    g_autofree char *via_clinic = g_strdup_printf ("/api/tenant/%s/resources/%s", clinic, chair);

    /* A malformed id names nothing, like an unknown one: 404. */
    ahi_test_assert_error (ahi_test_call (&server, "PATCH", bad, manager, "{\"name\":\"K\"}"), 404, "not_found");
    ahi_test_assert_error (ahi_test_call (&server, "DELETE", bad, manager, NULL), 404, "not_found");
    ahi_test_assert_error (ahi_test_call (&server, "PATCH", unknown, manager, "{\"name\":\"K\"}"), 404, "not_found");
    ahi_test_assert_error (ahi_test_call (&server, "PATCH", resource_path, dentist, "{\"name\":\"K\"}"), 404, "not_found");
    ahi_test_assert_error (ahi_test_call (&server, "GET", resources, dentist, NULL), 404, "not_found");
    ahi_test_assert_error (ahi_test_call (&server, "PATCH", via_clinic, dentist, "{\"name\":\"K\"}"), 404, "not_found");
    ahi_test_assert_error (ahi_test_call (&server, "DELETE", via_clinic, dentist, NULL), 404, "not_found");
  }

  /* The owner takes it out of service; staff see the list: the four
   * starter resources of hair_beauty and Koltuk 9. */
  reply = ahi_test_call (&server, "PATCH", resource_path, owner, "{\"in_service\":false,\"name\":\"Koltuk 9 (arızalı)\"}");
  {
    JsonObject *changed = ahi_test_expect_written (&reply, 200, "resource");

    g_assert_false (json_object_get_boolean_member (changed, "in_service"));
    g_assert_cmpstr (json_object_get_string_member (changed, "name"), ==, "Koltuk 9 (arızalı)");
    g_assert_cmpstr (json_object_get_string_member (changed, "kind"), ==, "chair");
  }
  ahi_test_reply_clear (&reply);

  ahi_blueprint_get_resource_templates (hair, &n_templates);
  g_assert_cmpuint (n_templates, ==, 4);
  reply = ahi_test_call (&server, "GET", resources, staff, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ahi_test_reply_object (&reply), "resources")),
                    ==, 4 + 1);
  ahi_test_reply_clear (&reply);

  call_for (&server, "DELETE", resource_path, manager, "{\"reason\":\"Satıldı\"}", 200, NULL);
  ahi_test_assert_error (ahi_test_call (&server, "DELETE", resource_path, manager, NULL), 404, "not_found");
  ahi_test_assert_error (ahi_test_call (&server, "PATCH", resource_path, manager, "{\"name\":\"K\"}"), 404, "not_found");
  reply = ahi_test_call (&server, "GET", resources, owner, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ahi_test_reply_object (&reply), "resources")),
                    ==, 4);
  ahi_test_reply_clear (&reply);

  /* ------------------------------------------------------- blueprint */

  ahi_test_assert_error (ahi_test_call (&server, "PATCH", blueprint, manager, "{\"sector\":\"dental_esthetic\"}"),
                         403, "forbidden");
  ahi_test_assert_error (ahi_test_call (&server, "PATCH", blueprint, owner, "{\"sector\":\"car_wash\"}"),
                         422, "invalid_blueprint");
  ahi_test_assert_error (ahi_test_call (&server, "PATCH", blueprint, owner, "{\"overrides\":{\"kpis\":[\"no_such_kpi\"]}}"),
                         422, "invalid_blueprint");
  ahi_test_assert_error (ahi_test_call (&server, "PATCH", blueprint, owner, "{\"overrides\":{\"id\":\"generic\"}}"),
                         422, "invalid_blueprint");
  ahi_test_assert_error (ahi_test_call (&server, "PATCH", blueprint, owner, "{\"sector\":5}"), 400, "wrong_type");
  ahi_test_assert_error (ahi_test_call (&server, "PATCH", blueprint, owner, "{\"overrides\":[]}"), 400, "wrong_type");
  ahi_test_assert_error (ahi_test_call (&server, "PATCH", blueprint, owner, "{\"theme\":\"dark\"}"), 400, "unknown_field");
  ahi_test_assert_error (ahi_test_call (&server, "PATCH", blueprint, owner, "{}"), 400, "missing_field");
  ahi_test_assert_error (ahi_test_call (&server, "PATCH", blueprint, dentist, "{\"sector\":\"generic\"}"), 404, "not_found");

  /* Still the salon after all that. */
  reply = ahi_test_call (&server, "GET", blueprint, staff, NULL);
  g_assert_cmpstr (member (&reply, "id"), ==, "hair_beauty");
  ahi_test_reply_clear (&reply);

  /* The sector change re-shapes what everyone reads. */
  reply = ahi_test_call (&server, "PATCH", blueprint, owner, "{\"sector\":\"dental_esthetic\"}");
  g_assert_cmpstr (json_object_get_string_member (ahi_test_expect_written (&reply, 200, "blueprint"), "id"), ==,
                   "dental_esthetic");
  ahi_test_reply_clear (&reply);
  reply = ahi_test_call (&server, "GET", blueprint, staff, NULL);
  g_assert_cmpstr (member (&reply, "id"), ==, "dental_esthetic");
  g_assert_cmpstr (member (&reply, "primary_object"), ==, "patient_episode");
  {
    JsonArray *kinds = json_object_get_array_member (ahi_test_reply_object (&reply), "resource_kinds");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (kinds, 0), "id"), ==, "room");
  }
  ahi_test_reply_clear (&reply);

  /* Overrides over the new sector, then back to the salon without
   * overrides: those were written for the clinic's base and go. */
  call_for (&server, "PATCH", blueprint, owner, "{\"overrides\":{\"kpis\":[\"fill_rate_pct\",\"revenue_net_of_tax\"]}}", 200, NULL);
  reply = ahi_test_call (&server, "GET", blueprint, manager, NULL);
  {
    JsonArray *kpis = json_object_get_array_member (ahi_test_reply_object (&reply), "kpis");
    g_assert_cmpuint (json_array_get_length (kpis), ==, 2);
    g_assert_cmpstr (json_array_get_string_element (kpis, 0), ==, "fill_rate_pct");
    g_assert_cmpstr (json_array_get_string_element (kpis, 1), ==, "revenue_net_of_tax");
  }
  ahi_test_reply_clear (&reply);
  call_for (&server, "PATCH", blueprint, owner, "{\"sector\":\"hair_beauty\"}", 200, NULL);
  reply = ahi_test_call (&server, "GET", blueprint, manager, NULL);
  g_assert_cmpstr (member (&reply, "id"), ==, "hair_beauty");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ahi_test_reply_object (&reply), "kpis")), ==,
                    g_strv_length ((char **) ahi_blueprint_get_kpis (hair)));
  ahi_test_reply_clear (&reply);

  /* --------------------------------------------------------- revenue */

  ledger = tpath (salon, "revenue/events");
  /* 500 TL cash on 30 Nov 10:00, 1 200 TL card on 30 Nov 12:00, a 100 TL
   * refund on 29 Nov 08:00, and 75 TL on 1 Dec 10:00 (outside the
   * period asked below). */
  sale_1 = call_for (&server, "POST", ledger, manager,
                     "{\"kind\":\"sale\",\"source\":\"manual\",\"method\":\"cash\",\"amount_minor\":50000,"
                     "\"currency\":\"TRY\",\"vat_rate_bp\":2000,\"booked_at\":\"2026-11-30T10:00:00Z\"}", 201, "revenue_event/revenue_event_id");
  sale_2 = call_for (&server, "POST", ledger, owner,
                     "{\"kind\":\"sale\",\"source\":\"manual\",\"method\":\"card\",\"amount_minor\":120000,"
                     "\"currency\":\"TRY\",\"vat_rate_bp\":2000,\"booked_at\":\"2026-11-30T12:00:00Z\"}", 201, "revenue_event/revenue_event_id");
  refund = call_for (&server, "POST", ledger, manager,
                     "{\"kind\":\"refund\",\"source\":\"manual\",\"method\":\"cash\",\"amount_minor\":10000,"
                     "\"currency\":\"TRY\",\"vat_rate_bp\":2000,\"booked_at\":\"2026-11-29T08:00:00Z\"}", 201, "revenue_event/revenue_event_id");
  call_for (&server, "POST", ledger, manager,
            "{\"kind\":\"sale\",\"source\":\"manual\",\"method\":\"cash\",\"amount_minor\":7500,"
            "\"currency\":\"TRY\",\"vat_rate_bp\":2000,\"booked_at\":\"2026-12-01T10:00:00Z\"}", 201, NULL);

  /* Staff book the current day's payments only (today is 1 December). */
  ahi_test_assert_error (ahi_test_call (&server, "POST", ledger, staff,
                                        "{\"kind\":\"sale\",\"source\":\"manual\",\"method\":\"cash\",\"amount_minor\":1,"
                                        "\"currency\":\"TRY\",\"vat_rate_bp\":2000,\"booked_at\":\"2026-11-30T10:00:00Z\"}"),
                         403, "forbidden");
  ahi_test_assert_error (ahi_test_call (&server, "POST", ledger, manager,
                                        "{\"kind\":\"sale\",\"source\":\"manual\",\"method\":\"cash\",\"amount_minor\":1,"
                                        "\"currency\":\"TRY\",\"vat_rate_bp\":2000,\"booked_at\":\"2026-11-30T10:00:00Z\","
                                        "\"customer_id\":\"" UNKNOWN_ID "\"}"), 422, "invalid_reference");
  ahi_test_assert_error (ahi_test_call (&server, "POST", ledger, manager,
                                        "{\"kind\":\"sale\",\"source\":\"manual\",\"method\":\"cash\",\"amount_minor\":\"1\","
                                        "\"currency\":\"TRY\",\"vat_rate_bp\":2000,\"booked_at\":\"2026-11-30T10:00:00Z\"}"),
                         400, "wrong_type");
  ahi_test_assert_error (ahi_test_call (&server, "POST", ledger, manager,
                                        "{\"kind\":\"sale\",\"source\":\"manual\",\"method\":\"cash\",\"amount_minor\":1.5,"
                                        "\"currency\":\"TRY\",\"vat_rate_bp\":2000,\"booked_at\":\"2026-11-30T10:00:00Z\"}"),
                         400, "wrong_type");
  ahi_test_assert_error (ahi_test_call (&server, "POST", ledger, manager,
                                        "{\"kind\":\"gift\",\"source\":\"manual\",\"method\":\"cash\",\"amount_minor\":1,"
                                        "\"currency\":\"TRY\",\"vat_rate_bp\":2000,\"booked_at\":\"2026-11-30T10:00:00Z\"}"),
                         400, "invalid_value");

  /* Pages of two over [29 Nov, 1 Dec): the refund and the cash sale,
   * then the card sale. KDV inside 50 000 at 20 %: 50 000 × 2 000 ÷
   * 12 000 = 8 333.3 → 8 333. */
  {
    g_autofree char *page_1 = g_strdup_printf ("%s?from=2026-11-29T00:00:00Z&to=2026-12-01T00:00:00Z&limit=2", ledger);
    g_autofree char *page_2 = NULL;
    JsonArray *lines;

    ahi_test_assert_error (ahi_test_call (&server, "GET", page_1, staff, NULL), 403, "forbidden");
    reply = ahi_test_call (&server, "GET", page_1, owner, NULL);
    g_assert_cmpuint (reply.status, ==, 200);
    lines = json_object_get_array_member (ahi_test_reply_object (&reply), "lines");
    g_assert_cmpuint (json_array_get_length (lines), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (lines, 0), "revenue_event_id"), ==, refund);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (lines, 1), "revenue_event_id"), ==, sale_1);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (lines, 1), "vat_minor"), ==, 8333);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (lines, 1), "recorded_by"), ==, manager_user);
    g_assert_true (json_object_get_boolean_member (ahi_test_reply_object (&reply), "has_more"));
    g_assert_cmpstr (member (&reply, "next_after"), ==, sale_1);
    ahi_test_reply_clear (&reply);

    page_2 = g_strdup_printf ("%s&after=%s", page_1, sale_1);
    reply = ahi_test_call (&server, "GET", page_2, manager, NULL);
    lines = json_object_get_array_member (ahi_test_reply_object (&reply), "lines");
    g_assert_cmpuint (json_array_get_length (lines), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (lines, 0), "revenue_event_id"), ==, sale_2);
    g_assert_false (json_object_get_boolean_member (ahi_test_reply_object (&reply), "has_more"));
    g_assert_false (json_object_has_member (ahi_test_reply_object (&reply), "next_after"));
    ahi_test_reply_clear (&reply);

    {
      g_autofree char *bad_after = g_strdup_printf ("%s&after=" UNKNOWN_ID, page_1);
      g_autofree char *bad_limit = g_strdup_printf ("%s?from=2026-11-29T00:00:00Z&to=2026-12-01T00:00:00Z&limit=0", ledger);
      g_autofree char *bad_from = g_strdup_printf ("%s?from=yesterday&to=2026-12-01T00:00:00Z", ledger);

      ahi_test_assert_error (ahi_test_call (&server, "GET", bad_after, owner, NULL), 400, "bad_request");
      ahi_test_assert_error (ahi_test_call (&server, "GET", bad_limit, owner, NULL), 400, "bad_request");
      ahi_test_assert_error (ahi_test_call (&server, "GET", bad_from, owner, NULL), 400, "bad_request");
    }
  }

  /* ------------------------------------ the log: writes and only those */

  {
    g_autoptr(JsonArray) events = log_after (&server, salon, owner, before);

    /* Exactly the ten accepted writes, in order, each acted by the
     * caller in their role; none of the refused requests left a trace. */
    g_assert_cmpuint (json_array_get_length (events), ==, 10);
    assert_event (events, 0, "resource.created", chair, manager_user, "manager");
    assert_event (events, 1, "resource.updated", chair, owner_user, "owner");
    assert_event (events, 2, "resource.deleted", chair, manager_user, "manager");
    assert_event (events, 3, "blueprint.updated", salon, owner_user, "owner");
    assert_event (events, 4, "blueprint.updated", salon, owner_user, "owner");
    assert_event (events, 5, "blueprint.updated", salon, owner_user, "owner");
    assert_event (events, 6, "revenue.event.created", sale_1, manager_user, "manager");
    assert_event (events, 7, "revenue.event.created", sale_2, owner_user, "owner");
    assert_event (events, 8, "revenue.event.created", refund, manager_user, "manager");
    assert_event (events, 9, "revenue.event.created", NULL, manager_user, "manager");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                       json_array_get_object_element (events, 2), "payload"), "reason"), ==, "Satıldı");
  }

  /* ---------------------------------------------------- reactivation */

  /* The desk's device pushes three customers, two with a visit 70 days
   * ago (22 Sep 09:00–10:00; hair's fallback cycle is 42 days, so
   * 70 ÷ 42 is 166 %: at risk, 150–299 %), one of them with
   * marketing consent on WhatsApp; and a third without a phone. */
  {
    g_autofree char *service = NULL;
    g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(JsonArray) boot = log_after (&server, salon, owner, 0);
    g_autofree char *joined = NULL, *body = NULL, *push = tpath (salon, "sync/push");
    const char *customers[] = { CUSTOMER_1, CUSTOMER_2 };
    gint64 seq = 0;

    for (guint i = 0; i < json_array_get_length (boot) && service == NULL; i++)
      {
        JsonObject *event = json_array_get_object_element (boot, i);
        if (g_str_equal (json_object_get_string_member (event, "type"), "service.created") &&
            g_str_equal (json_object_get_string_member (json_object_get_object_member (event, "payload"), "code"),
                         "kadin_sac_kesimi"))
          service = g_strdup (json_object_get_string_member (event, "entity_id"));
      }
    g_assert_nonnull (service);

    g_ptr_array_add (events, ahi_test_event_text (salon, device, owner_user, ++seq, "customer.created", "customer",
                                                  CUSTOMER_1, AT, "{\"source\":\"walk_in\"}",
                                                  "{\"full_name\":\"Ayşe Yılmaz\",\"phone\":\"+905321112233\"}", NULL));
    g_ptr_array_add (events, ahi_test_event_text (salon, device, owner_user, ++seq, "customer.created", "customer",
                                                  CUSTOMER_2, AT, "{\"source\":\"walk_in\"}",
                                                  "{\"full_name\":\"Zeynep Kara\",\"phone\":\"+905321114455\"}", NULL));
    g_ptr_array_add (events, ahi_test_event_text (salon, device, owner_user, ++seq, "customer.created", "customer",
                                                  CUSTOMER_3, AT, "{\"source\":\"walk_in\"}",
                                                  "{\"full_name\":\"Deniz Ak\"}", NULL));
    {
      g_autofree char *consent_id = ahi_id_new ();
      g_ptr_array_add (events, ahi_test_event_text (salon, device, owner_user, ++seq, "consent.given", "consent",
                                                    consent_id, AT,
                                                    "{\"customer_id\":\"" CUSTOMER_1 "\",\"purpose\":\"marketing\","
                                                    "\"channel\":\"whatsapp\",\"source\":\"in_person\","
                                                    "\"iys_state\":\"registered\"}",
                                                    NULL, NULL));
    }
    for (guint i = 0; i < G_N_ELEMENTS (customers); i++)
      {
        g_autofree char *appt = ahi_id_new ();
        g_autofree char *payload = g_strdup_printf (
          "{\"customer_id\":\"%s\",\"starts_at\":\"2026-09-22T09:00:00Z\",\"ends_at\":\"2026-09-22T10:00:00Z\","
          "\"items\":[{\"service_id\":\"%s\",\"starts_at\":\"2026-09-22T09:00:00Z\",\"ends_at\":\"2026-09-22T10:00:00Z\","
          "\"price_minor\":90000}],\"source\":\"desk\"}", customers[i], service);

        g_ptr_array_add (events, ahi_test_event_text (salon, device, owner_user, ++seq, "appointment.created",
                                                      "appointment", appt, AT, payload, NULL, NULL));
        g_ptr_array_add (events, ahi_test_event_text (salon, device, owner_user, ++seq, "appointment.status.updated",
                                                      "appointment", appt, AT, "{\"status\":\"completed\"}", NULL,
                                                      NULL));
      }
    /* Queued by the desk: a service reminder for the customer without a
     * phone, a commercial one for the customer without consent (both due
     * an hour ago), and one due tomorrow. */
    g_ptr_array_add (events, ahi_test_event_text (salon, device, owner_user, ++seq, "reminder.created", "reminder",
                                                  REMINDER_NO_PHONE, AT,
                                                  "{\"customer_id\":\"" CUSTOMER_3 "\",\"channel\":\"sms\","
                                                  "\"purpose\":\"appointment_reminder\","
                                                  "\"due_at\":\"2026-12-01T08:00:00Z\",\"template\":\"appointment_reminder_v1\"}",
                                                  NULL, NULL));
    g_ptr_array_add (events, ahi_test_event_text (salon, device, owner_user, ++seq, "reminder.created", "reminder",
                                                  REMINDER_NO_CONSENT, AT,
                                                  "{\"customer_id\":\"" CUSTOMER_2 "\",\"channel\":\"whatsapp\","
                                                  "\"purpose\":\"rebook\","
                                                  "\"due_at\":\"2026-12-01T08:00:00Z\",\"template\":\"rebook_v1\"}",
                                                  NULL, NULL));
    g_ptr_array_add (events, ahi_test_event_text (salon, device, owner_user, ++seq, "reminder.created", "reminder",
                                                  REMINDER_TOMORROW, AT,
                                                  "{\"customer_id\":\"" CUSTOMER_1 "\",\"channel\":\"whatsapp\","
                                                  "\"purpose\":\"appointment_reminder\","
                                                  "\"due_at\":\"2026-12-02T08:00:00Z\",\"template\":\"appointment_reminder_v1\"}",
                                                  NULL, NULL));
    g_ptr_array_add (events, NULL);
    joined = g_strjoinv (",", (char **) events->pdata);
    body = ahi_test_push_body (device, joined);
    reply = ahi_test_call (&server, "POST", push, owner, body);
    g_assert_cmpuint (reply.status, ==, 200);
    {
      JsonArray *answers = json_object_get_array_member (ahi_test_reply_object (&reply), "answers");
      g_assert_cmpuint (json_array_get_length (answers), ==, (guint) seq);
      for (guint i = 0; i < json_array_get_length (answers); i++)
        g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (answers, i), "status"), ==, "accepted");
    }
    ahi_test_reply_clear (&reply);
  }

  reactivation = tpath (salon, "automation/reactivation");
  ahi_test_assert_error (ahi_test_call (&server, "GET", reactivation, staff, NULL), 403, "forbidden");
  ahi_test_assert_error (ahi_test_call (&server, "POST", reactivation, staff, "{\"tier\":\"at_risk\"}"), 403, "forbidden");
  {
    g_autofree char *bad_channel = g_strdup_printf ("%s?channel=pigeon", reactivation);
    ahi_test_assert_error (ahi_test_call (&server, "GET", bad_channel, manager, NULL), 400, "invalid_value");
  }
  reply = ahi_test_call (&server, "GET", reactivation, manager, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  {
    JsonObject *answer = ahi_test_reply_object (&reply);
    JsonArray *candidates = json_object_get_array_member (answer, "candidates");
    JsonObject *first;

    g_assert_cmpuint (json_array_get_length (candidates), ==, 1);
    first = json_array_get_object_element (candidates, 0);
    g_assert_cmpstr (json_object_get_string_member (first, "customer_id"), ==, CUSTOMER_1);
    g_assert_cmpstr (json_object_get_string_member (first, "tier"), ==, "at_risk");
    /* One visit, 22 Sep 09:00 (its start counts): 30 + 31 + 9 = 70 days
     * to 1 Dec 09:00; 70 × 100 ÷ 42 = 166 %. Average ticket without
     * sales: the visit's 90 000. Score 166 × 90 000 ÷ 100 = 149 400.
     * No reactivation history: p(return) is the prior, 1 000 bp, so the
     * expected value is 1 000 × 90 000 ÷ 10 000 = 9 000. */
    g_assert_cmpint (json_object_get_int_member (first, "cycle_days"), ==, 42);
    g_assert_cmpstr (json_object_get_string_member (first, "last_completed_at"), ==, "2026-09-22T09:00:00Z");
    g_assert_cmpint (json_object_get_int_member (first, "days_since"), ==, 70);
    g_assert_cmpint (json_object_get_int_member (first, "ratio_pct"), ==, 166);
    g_assert_cmpint (json_object_get_int_member (first, "avg_ticket_minor"), ==, 90000);
    g_assert_cmpint (json_object_get_int_member (first, "score"), ==, 149400);
    g_assert_cmpint (json_object_get_int_member (first, "expected_value_minor"), ==, 9000);
    g_assert_cmpint (json_object_get_int_member (answer, "return_probability_bp"), ==, 1000);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (answer, "skipped"), "no_consent"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (answer, "now"), ==, "2026-12-01T09:00:00Z");
  }
  ahi_test_reply_clear (&reply);

  ahi_test_assert_error (ahi_test_call (&server, "POST", reactivation, manager, "{\"tier\":\"hot\"}"), 400, "invalid_value");
  ahi_test_assert_error (ahi_test_call (&server, "POST", reactivation, manager, "{\"tier\":\"at_risk\",\"x\":1}"),
                         400, "unknown_field");
  ahi_test_assert_error (ahi_test_call (&server, "POST", reactivation, manager, "{\"tier\":\"at_risk\",\"limit\":\"5\"}"),
                         400, "wrong_type");
  ahi_test_assert_error (ahi_test_call (&server, "POST", reactivation, manager, "{\"channel\":\"sms\"}"),
                         400, "missing_field");

  reply = ahi_test_call (&server, "POST", reactivation, manager, "{\"tier\":\"at_risk\"}");
  {
    JsonObject *made = ahi_test_expect_written (&reply, 201, "campaign");

    campaign = g_strdup (json_object_get_string_member (made, "campaign_id"));
    g_assert_cmpint (json_object_get_int_member (made, "customers"), ==, 1);
    campaign_event = g_strdup (member (&reply, "event_id"));
  }
  ahi_test_reply_clear (&reply);
  /* At once again: the customer is within the contact cap now. */
  reply = ahi_test_call (&server, "POST", reactivation, manager, "{\"tier\":\"at_risk\"}");
  /* Nothing written: no event, and a campaign of nobody. */
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_true (json_node_is_null (json_object_get_member (ahi_test_reply_object (&reply), "event_id")));
  {
    JsonObject *none = json_object_get_object_member (ahi_test_reply_object (&reply), "campaign");

    g_assert_true (json_node_is_null (json_object_get_member (none, "campaign_id")));
    g_assert_cmpint (json_object_get_int_member (none, "customers"), ==, 0);
  }
  ahi_test_reply_clear (&reply);

  /* Reputation: no reviews yet; staff read it too. */
  {
    g_autofree char *path = g_strdup_printf ("/api/tenant/%s/reputation/summary?from=2026-11-01T00:00:00Z"
                                             "&to=2026-12-01T00:00:00Z", salon);
    reply = ahi_test_call (&server, "GET", path, staff, NULL);
    g_assert_cmpuint (reply.status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (ahi_test_reply_object (&reply), "count"), ==, 0);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ahi_test_reply_object (&reply), "distribution")), ==, 5);
    g_assert_false (json_object_has_member (ahi_test_reply_object (&reply), "trend_hundredths"));
    ahi_test_reply_clear (&reply);
    ahi_test_assert_error (ahi_test_call (&server, "GET", path, dentist, NULL), 404, "not_found");
  }

  /* ------------------------------------------------------ dispatcher */

  {
    g_autofree char *outbox = g_build_filename (data_dir, "outbox", NULL);
    g_autofree char *outbox_name = g_strconcat (salon, ".jsonl", NULL);
    g_autofree char *outbox_file = g_build_filename (outbox, outbox_name, NULL);
    g_autofree char *system_user = ahi_id_derive (salon, "system");
    g_autofree char *campaign_reminder = NULL;
    g_autofree char *contents = NULL;
    g_autofree char *server_log = NULL;
    g_autoptr(JsonArray) events = NULL;
    g_auto(GStrv) lines = NULL;
    JsonObject *queued, *sent, *line;
    g_autoptr(JsonParser) parser = json_parser_new ();

    /* The campaign's reminder is due now; the two of an hour ago too.
     * The tick is one second: wait (at most 10 s) for three results. */
    for (guint tries = 0; tries < 100; tries++)
      {
        g_clear_pointer (&events, json_array_unref);
        events = log_after (&server, salon, owner, 0);
        {
          guint n_sent = 0;
          for (guint i = 0; i < json_array_get_length (events); i++)
            if (g_str_equal (json_object_get_string_member (json_array_get_object_element (events, i), "type"),
                             "reminder.sent"))
              n_sent++;
          if (n_sent >= 3)
            break;
        }
        g_usleep (100 * 1000);
      }

    /* The campaign: one reminder.created and the queued event, both acted
     * by the manager who asked. */
    queued = find_event (events, "automation.reactivation.queued", campaign);
    g_assert_nonnull (queued);
    /* The answer named the campaign's own event. */
    g_assert_cmpstr (json_object_get_string_member (queued, "event_id"), ==, campaign_event);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (queued, "actor"), "user_id"), ==, manager_user);
    campaign_reminder = g_strdup (json_array_get_string_element (
      json_object_get_array_member (json_object_get_object_member (queued, "payload"), "reminder_ids"), 0));
    {
      JsonObject *created = find_event (events, "reminder.created", campaign_reminder);
      g_assert_nonnull (created);
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (created, "actor"), "role"), ==, "manager");
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (created, "actor"), "user_id"), ==, manager_user);
    }

    /* Sent through the local outbox, acted by the system. */
    sent = find_event (events, "reminder.sent", campaign_reminder);
    g_assert_nonnull (sent);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sent, "actor"), "role"), ==, "system");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sent, "actor"), "user_id"), ==, system_user);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sent, "payload"), "result"), ==, "sent");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (sent, "payload"), "provider"), ==, "local_outbox");

    /* Failed, each with its reason, and nothing in the outbox for them. */
    {
      JsonObject *no_phone = find_event (events, "reminder.sent", REMINDER_NO_PHONE);
      JsonObject *no_consent = find_event (events, "reminder.sent", REMINDER_NO_CONSENT);

      g_assert_nonnull (no_phone);
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (no_phone, "payload"), "result"), ==, "failed");
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (no_phone, "payload"), "failure"), ==, "no_phone");
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (no_phone, "actor"), "role"), ==, "system");
      g_assert_nonnull (no_consent);
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (no_consent, "payload"), "result"), ==, "failed");
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (no_consent, "payload"), "failure"), ==,
                       "no_marketing_consent");
    }
    /* Tomorrow's is not due. */
    g_assert_null (find_event (events, "reminder.sent", REMINDER_TOMORROW));

    /* The outbox: exactly one line, the campaign's message, readable. */
    g_assert_true (g_file_get_contents (outbox_file, &contents, NULL, NULL));
    lines = g_strsplit (contents, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 2);
    g_assert_cmpstr (lines[1], ==, "");
    g_assert_true (json_parser_load_from_data (parser, lines[0], -1, NULL));
    line = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (line, "reminder_id"), ==, campaign_reminder);
    g_assert_cmpstr (json_object_get_string_member (line, "channel"), ==, "whatsapp");
    g_assert_cmpstr (json_object_get_string_member (line, "phone"), ==, "+905321112233");
    g_assert_cmpstr (json_object_get_string_member (line, "at"), ==, "2026-12-01T09:00:00Z");
    g_assert_cmpstr (json_object_get_string_member (line, "message_id"), ==,
                     json_object_get_string_member (json_object_get_object_member (sent, "payload"), "provider_ref"));
    g_assert_nonnull (strstr (json_object_get_string_member (line, "text"), "Merhaba Ayşe,"));
    g_assert_nonnull (strstr (json_object_get_string_member (line, "text"), "Işıl Kuaför"));

    ahi_test_server_stop (&server);

    /* The server's own lines name tenants and counts, never a customer. */
    g_assert_true (g_file_get_contents (stderr_path, &server_log, NULL, NULL));
    g_assert_nonnull (strstr (server_log, "dispatch tenant="));
    g_assert_null (strstr (server_log, "+90532"));
    g_assert_null (strstr (server_log, "Ayşe"));
    g_assert_null (strstr (server_log, "Zeynep"));
    g_assert_null (strstr (server_log, "Deniz"));
  }
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  ahi_core_init ();
  data_dir = g_dir_make_tmp ("ahi-business-XXXXXX", NULL);
  stderr_path = g_build_filename (g_get_tmp_dir (), "ahi-business-stderr-XXXXXX", NULL);
  {
    int fd = g_mkstemp (stderr_path);
    g_assert_cmpint (fd, >=, 0);
    close (fd);
  }
  ahi_test_server_init (data_dir);

  g_test_add_func ("/server/business/routes-and-dispatch", test_business);
  status = g_test_run ();

  ahi_test_server_finish ();
  g_unlink (stderr_path);
  g_free (stderr_path);
  g_free (data_dir);
  return status;
}
