/* test-desk-day.c — a front desk's whole day through REST alone, on a real
 * ahi-server
 *
 * Işıl Kuaför (Europe/Istanbul, UTC+3) on Monday 7 December 2026. The
 * owner sets the week's hours, a manager puts a service and a stylist
 * (Mehmet Usta) on the menu, and Ayşe at the desk (role staff) does the
 * rest: registers three customers, records consents, books, marks who
 * came, takes the payments and counts the till at closing. The server's
 * clock moves with the day (--fixed-clock, a restart each time, as a
 * production server's clock moves), and everyone signs in again after
 * each restart (an access token lives 15 minutes).
 *
 * Every figure the money routes answer is worked out by hand below; then
 * staff's money scope (today only, no summaries), the answers' one
 * shape, retries and a reused id are checked on the same data, and the
 * log must hold one event per accepted write.
 */
#include <string.h>

#include "ahi-test-tenant.h"
#include "core/ahi-core.h"

/* The desk's day, local time = UTC + 3. */
#define AT_0930 "2026-12-07T06:30:00Z"
#define AT_1050 "2026-12-07T07:50:00Z"
#define AT_1130 "2026-12-07T08:30:00Z"
#define AT_1930 "2026-12-07T16:30:00Z"
/* The local day 7 December: [00:00, 24:00) Istanbul. */
#define DAY_FROM "2026-12-06T21:00:00Z"
#define DAY_TO   "2026-12-07T21:00:00Z"

#define SALE_ID  "01900000-0000-7000-8000-00000000d001"
#define COUNT_ID "01900000-0000-7000-8000-00000000d002"
#define BLUEPRINT_EVENT "01900000-0000-7000-8000-00000000d003"

static char *data_dir;
/* The log's last seq once the business is signed up: the day's events
 * come after it. */
static gint64 day_start_seq;

typedef struct {
  AhiTestServer server;
  char *tenant;
  char *owner, *manager, *desk;   /* access tokens */
  char *desk_user;
} Day;

/* ------------------------------------------------------------- helpers */

static void
sign_in_all (Day *d)
{
  g_clear_pointer (&d->owner, g_free);
  g_clear_pointer (&d->manager, g_free);
  g_clear_pointer (&d->desk, g_free);
  d->owner = ahi_test_login (&d->server, "isil-day@example.com", "çok-gizli-parola", NULL);
  d->manager = ahi_test_login (&d->server, "murat-day@example.com", "parola-manager-1", NULL);
  d->desk = ahi_test_login (&d->server, "ayse-day@example.com", "parola-staff-1", NULL);
}

/* The same data dir seen at another time of the day. */
static void
at (Day        *d,
    const char *time)
{
  ahi_test_server_stop (&d->server);
  ahi_test_server_fix_clock (time);
  ahi_test_server_start (&d->server);
  sign_in_all (d);
}

/* Calls path (under the tenant) and expects status; returns the answer
 * (the caller clears the reply). */
static JsonObject *
call (Day          *d,
      AhiTestReply *reply,
      const char   *method,
      const char   *token,
      const char   *body,
      guint         status,
      const char   *rest)
{
  g_autofree char *path = g_strdup_printf ("/api/tenant/%s/%s", d->tenant, rest);

  *reply = ahi_test_call (&d->server, method, path, token, body);
  return ahi_test_expect (reply, status);
}

/* A write that must succeed; returns member_id of the entity under
 * entity in its answer. */
static char *
write_id (Day        *d,
          const char *method,
          const char *token,
          const char *body,
          guint       status,
          const char *rest,
          const char *entity,
          const char *member_id)
{
  g_autofree char *path = g_strdup_printf ("/api/tenant/%s/%s", d->tenant, rest);
  AhiTestReply reply = ahi_test_call (&d->server, method, path, token, body);
  char *id = g_strdup (json_object_get_string_member (ahi_test_expect_written (&reply, status, entity), member_id));

  ahi_test_reply_clear (&reply);
  return id;
}

static void
refused (Day        *d,
         const char *method,
         const char *token,
         const char *body,
         const char *rest,
         guint       status,
         const char *code)
{
  g_autofree char *path = g_strdup_printf ("/api/tenant/%s/%s", d->tenant, rest);

  ahi_test_assert_error (ahi_test_call (&d->server, method, path, token, body), status, code);
}

static gint64
events_of (Day        *d,
           const char *type)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM tenant_event_logs WHERE type = '%s'"
                                          " AND seq > %" G_GINT64_FORMAT, type, day_start_seq);

  return ahi_test_tenant_int (data_dir, d->tenant, sql);
}

static gint64
int_of (JsonObject *object,
        const char *name)
{
  return json_object_get_int_member (object, name);
}

/* The staff report's row of staff_id. */
static JsonObject *
report_row (JsonObject *report,
            const char *staff_id)
{
  JsonArray *rows = json_object_get_array_member (report, "staff");

  for (guint i = 0; i < json_array_get_length (rows); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (rows, i), "staff_id"), staff_id))
      return json_array_get_object_element (rows, i);
  g_error ("no row for %s in the staff report", staff_id);
}

/* ---------------------------------------------------------------- test */

static void
test_desk_day (void)
{
  Day d = { 0 };
  AhiTestReply reply;
  JsonObject *object;
  g_autofree char *service = NULL, *mehmet = NULL;
  g_autofree char *ayse = NULL, *can = NULL, *deniz = NULL;
  g_autofree char *visit_a = NULL, *visit_b = NULL, *visit_c = NULL;
  g_autofree char *consent_wa = NULL, *consent_sms = NULL;
  g_autofree char *body = NULL;
  g_autofree char *sale_event = NULL;
  gint64 logged;

  ahi_test_server_fix_clock (AT_0930);
  ahi_test_server_start (&d.server);
  d.tenant = ahi_test_sign_up (&d.server, NULL, NULL, "hair_beauty", "isil-day@example.com", "çok-gizli-parola", NULL);
  d.owner = ahi_test_login (&d.server, "isil-day@example.com", "çok-gizli-parola", NULL);
  g_free (ahi_test_add_member (&d.server, d.tenant, d.owner, "murat-day@example.com", "parola-manager-1", "manager"));
  d.desk_user = ahi_test_add_member (&d.server, d.tenant, d.owner, "ayse-day@example.com", "parola-staff-1", "staff");
  g_clear_pointer (&d.owner, g_free);
  sign_in_all (&d);

  /* ------------------------------------------------ 09:30, the morning */

  /* The owner sets the week: Monday to Friday 09:00–19:00, Saturday
   * 10:00–16:00, Sunday closed. The desk reads it; it may not change it. */
  day_start_seq = ahi_test_tenant_int (data_dir, d.tenant, "SELECT max(seq) FROM tenant_event_logs");
  object = call (&d, &reply, "PUT", d.owner,
                 "{\"intervals\":[{\"weekday\":1,\"opens\":\"09:00\",\"closes\":\"19:00\"},"
                 "{\"weekday\":2,\"opens\":\"09:00\",\"closes\":\"19:00\"},"
                 "{\"weekday\":3,\"opens\":\"09:00\",\"closes\":\"19:00\"},"
                 "{\"weekday\":4,\"opens\":\"09:00\",\"closes\":\"19:00\"},"
                 "{\"weekday\":5,\"opens\":\"09:00\",\"closes\":\"19:00\"},"
                 "{\"weekday\":6,\"opens\":\"10:00\",\"closes\":\"16:00\"}]}", 200, "opening-hours");
  g_assert_cmpuint (strlen (json_object_get_string_member (object, "event_id")), ==, 36);
  ahi_test_reply_clear (&reply);
  object = call (&d, &reply, "GET", d.desk, NULL, 200, "opening-hours");
  g_assert_cmpstr (json_object_get_string_member (object, "timezone"), ==, "Europe/Istanbul");
  {
    JsonArray *intervals = json_object_get_array_member (object, "intervals");
    JsonObject *saturday = json_array_get_object_element (intervals, 5);

    g_assert_cmpuint (json_array_get_length (intervals), ==, 6);
    g_assert_cmpint (int_of (saturday, "weekday"), ==, 6);
    g_assert_cmpstr (json_object_get_string_member (saturday, "opens"), ==, "10:00");
    g_assert_cmpstr (json_object_get_string_member (saturday, "closes"), ==, "16:00");
  }
  ahi_test_reply_clear (&reply);
  logged = events_of (&d, "tenant.settings.updated");
  refused (&d, "PUT", d.desk, "{\"intervals\":[]}", "opening-hours", 403, "forbidden");
  refused (&d, "PUT", d.owner, "{\"intervals\":[{\"weekday\":1,\"opens\":\"19:00\",\"closes\":\"09:00\"}]}",
           "opening-hours", 400, "invalid_value");
  refused (&d, "PUT", d.owner, "{\"intervals\":[{\"weekday\":1,\"opens\":\"09:00\",\"closes\":\"13:00\"},"
           "{\"weekday\":1,\"opens\":\"12:00\",\"closes\":\"19:00\"}]}", "opening-hours", 400, "invalid_value");
  refused (&d, "PUT", d.owner, "{\"intervals\":[{\"weekday\":8,\"opens\":\"09:00\",\"closes\":\"13:00\"}]}",
           "opening-hours", 400, "out_of_range");
  refused (&d, "PUT", d.owner, "{\"intervals\":[],\"timezone\":\"UTC\"}", "opening-hours", 400, "unknown_field");
  g_assert_cmpint (events_of (&d, "tenant.settings.updated"), ==, logged);

  /* The owner clears the blueprint's overrides, twice under one event
   * id (one change); the same id for a sector change is refused. */
  object = call (&d, &reply, "PATCH", d.owner, "{\"event_id\":\"" BLUEPRINT_EVENT "\",\"overrides\":{}}", 200,
                 "blueprint");
  g_assert_cmpstr (json_object_get_string_member (object, "event_id"), ==, BLUEPRINT_EVENT);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "blueprint"), "id"), ==,
                   "hair_beauty");
  ahi_test_reply_clear (&reply);
  object = call (&d, &reply, "PATCH", d.owner, "{\"event_id\":\"" BLUEPRINT_EVENT "\",\"overrides\":{}}", 200,
                 "blueprint");
  ahi_test_reply_clear (&reply);
  refused (&d, "PATCH", d.owner, "{\"event_id\":\"" BLUEPRINT_EVENT "\",\"sector\":\"dental_esthetic\"}", "blueprint",
           409, "id_reused");
  g_assert_cmpint (events_of (&d, "blueprint.updated"), ==, 1);

  /* The menu and the stylist. */
  service = write_id (&d, "POST", d.manager,
                      "{\"code\":\"sac_kesimi_gun\",\"name\":\"Saç kesimi\",\"duration_min\":45,\"price_minor\":60000,"
                      "\"vat_rate_bp\":2000,\"resource_kinds\":[]}", 201, "services", "service", "service_id");
  mehmet = write_id (&d, "POST", d.manager, "{\"display_name\":\"Mehmet Usta\",\"role\":\"staff\"}", 201, "staff",
                     "staff", "staff_id");
  /* He works Monday 09:00–19:00: a booking with him must fall inside. */
  {
    g_autofree char *hours = g_strdup_printf ("staff/%s/hours", mehmet);

    object = call (&d, &reply, "PUT", d.manager,
                   "{\"intervals\":[{\"weekday\":1,\"starts\":\"09:00\",\"ends\":\"19:00\"}]}", 200, hours);
    ahi_test_reply_clear (&reply);
  }

  /* The desk registers three customers. */
  ayse = write_id (&d, "POST", d.desk, "{\"full_name\":\"Ayşe Demir\",\"phone\":\"+905321000001\",\"source\":\"phone\"}",
                   201, "customers", "customer", "customer_id");
  can = write_id (&d, "POST", d.desk, "{\"full_name\":\"Can Öz\",\"phone\":\"+905321000002\",\"source\":\"phone\"}",
                  201, "customers", "customer", "customer_id");
  deniz = write_id (&d, "POST", d.desk, "{\"full_name\":\"Deniz Ak\",\"phone\":\"+905321000003\",\"source\":\"online\"}",
                    201, "customers", "customer", "customer_id");

  /* Ayşe signs the marketing consent form for WhatsApp and SMS. */
  {
    g_autofree char *rest = g_strdup_printf ("customers/%s/consents", ayse);

    consent_wa = write_id (&d, "POST", d.desk, "{\"purpose\":\"marketing\",\"channel\":\"whatsapp\","
                           "\"source\":\"paper_form\",\"iys_state\":\"pending\"}", 201, rest, "consent", "consent_id");
    consent_sms = write_id (&d, "POST", d.desk, "{\"purpose\":\"marketing\",\"channel\":\"sms\","
                            "\"source\":\"paper_form\",\"iys_state\":\"pending\"}", 201, rest, "consent", "consent_id");
    refused (&d, "POST", d.desk, "{\"purpose\":\"marketing\",\"channel\":\"fax\",\"source\":\"paper_form\","
             "\"iys_state\":\"pending\"}", rest, 400, "invalid_value");
    refused (&d, "POST", d.desk, "{\"purpose\":\"marketing\",\"channel\":\"sms\",\"source\":\"paper_form\","
             "\"iys_state\":\"pending\",\"customer_id\":\"01900000-0000-7000-8000-0000000000ff\"}", rest, 400,
             "unknown_field");
  }

  /* Three bookings with Mehmet, each one service (45 min, 600 TL): Ayşe
   * at 10:00, Can at 11:00, Deniz at 17:00. The server fills the end
   * and the price from the menu. */
  body = g_strdup_printf ("{\"customer_id\":\"%s\",\"items\":[{\"service_id\":\"%s\",\"staff_id\":\"%s\","
                          "\"starts_at\":\"2026-12-07T07:00:00Z\"}]}", ayse, service, mehmet);
  visit_a = write_id (&d, "POST", d.desk, body, 201, "appointments", "appointment", "appointment_id");
  g_free (body);
  body = g_strdup_printf ("{\"customer_id\":\"%s\",\"items\":[{\"service_id\":\"%s\",\"staff_id\":\"%s\","
                          "\"starts_at\":\"2026-12-07T08:00:00Z\"}]}", can, service, mehmet);
  visit_b = write_id (&d, "POST", d.desk, body, 201, "appointments", "appointment", "appointment_id");
  g_free (body);
  body = g_strdup_printf ("{\"customer_id\":\"%s\",\"items\":[{\"service_id\":\"%s\",\"staff_id\":\"%s\","
                          "\"starts_at\":\"2026-12-07T14:00:00Z\"}]}", deniz, service, mehmet);
  visit_c = write_id (&d, "POST", d.desk, body, 201, "appointments", "appointment", "appointment_id");

  /* Deniz calls at 09:30 to cancel 17:00: 7.5 hours ahead, inside the
   * default late-cancel window of 24 hours, so it is a late one. */
  {
    g_autofree char *rest = g_strdup_printf ("appointments/%s/cancel", visit_c);
    g_autofree char *status = write_id (&d, "POST", d.desk, "{\"cancelled_by\":\"customer\",\"reason\":\"Hasta\"}",
                                        200, rest, "appointment", "status");

    g_assert_cmpstr (status, ==, "cancelled");
  }

  /* ------------------------------------------- 10:50, Ayşe is done */

  at (&d, AT_1050);
  {
    g_autofree char *rest = g_strdup_printf ("appointments/%s/status", visit_a);
    g_autofree char *arrived = write_id (&d, "POST", d.desk, "{\"status\":\"arrived\"}", 200, rest, "appointment",
                                         "status");
    g_autofree char *completed = write_id (&d, "POST", d.desk, "{\"status\":\"completed\"}", 200, rest, "appointment",
                                           "status");

    g_assert_cmpstr (arrived, ==, "arrived");
    g_assert_cmpstr (completed, ==, "completed");
  }

  /* She pays for the cut in cash: 600 TL less a 50 TL discount = 550 TL;
   * the answer was lost, so the desk sends it again under its own id. */
  g_free (body);
  body = g_strdup_printf ("{\"revenue_event_id\":\"" SALE_ID "\",\"kind\":\"sale\",\"source\":\"appointment\","
                          "\"method\":\"cash\",\"amount_minor\":55000,\"discount_minor\":5000,\"currency\":\"TRY\","
                          "\"vat_rate_bp\":2000,\"booked_at\":\"" AT_1050 "\",\"customer_id\":\"%s\","
                          "\"appointment_id\":\"%s\",\"staff_id\":\"%s\"}", ayse, visit_a, mehmet);
  object = call (&d, &reply, "POST", d.desk, body, 201, "revenue/events");
  sale_event = g_strdup (json_object_get_string_member (object, "event_id"));
  object = json_object_get_object_member (object, "revenue_event");
  g_assert_cmpstr (json_object_get_string_member (object, "revenue_event_id"), ==, SALE_ID);
  /* KDV inside 55 000 at 20 %: 55 000 × 2 000 ÷ 12 000 = 9 166.7 → 9 167. */
  g_assert_cmpint (int_of (object, "vat_minor"), ==, 9167);
  g_assert_cmpstr (json_object_get_string_member (object, "recorded_by"), ==, d.desk_user);
  ahi_test_reply_clear (&reply);
  object = call (&d, &reply, "POST", d.desk, body, 200, "revenue/events");
  g_assert_cmpstr (json_object_get_string_member (object, "event_id"), ==, sale_event);
  ahi_test_reply_clear (&reply);
  g_assert_cmpint (events_of (&d, "revenue.event.created"), ==, 1);
  /* The same id for 500 TL is another payment, not a retry. */
  {
    g_autofree char *other = g_strdup_printf ("{\"revenue_event_id\":\"" SALE_ID "\",\"kind\":\"sale\",\"source\":\"appointment\","
                                              "\"method\":\"cash\",\"amount_minor\":50000,\"discount_minor\":5000,"
                                              "\"currency\":\"TRY\",\"vat_rate_bp\":2000,\"booked_at\":\"" AT_1050 "\","
                                              "\"customer_id\":\"%s\",\"appointment_id\":\"%s\",\"staff_id\":\"%s\"}",
                                              ayse, visit_a, mehmet);

    refused (&d, "POST", d.desk, other, "revenue/events", 409, "id_reused");
  }

  /* A shampoo by card (250 TL) and a 100 TL cash deposit for her next
   * visit; neither names a stylist. */
  g_free (body);
  body = g_strdup_printf ("{\"kind\":\"sale\",\"source\":\"product\",\"method\":\"card\",\"amount_minor\":25000,"
                          "\"currency\":\"TRY\",\"vat_rate_bp\":2000,\"booked_at\":\"2026-12-07T07:55:00Z\","
                          "\"customer_id\":\"%s\"}", ayse);
  g_free (write_id (&d, "POST", d.desk, body, 201, "revenue/events", "revenue_event", "revenue_event_id"));
  g_free (body);
  body = g_strdup_printf ("{\"kind\":\"deposit\",\"source\":\"manual\",\"method\":\"cash\",\"amount_minor\":10000,"
                          "\"currency\":\"TRY\",\"vat_rate_bp\":2000,\"booked_at\":\"2026-12-07T07:56:00Z\","
                          "\"customer_id\":\"%s\"}", ayse);
  g_free (write_id (&d, "POST", d.desk, body, 201, "revenue/events", "revenue_event", "revenue_event_id"));

  /* What the desk may not book: a refund, or a line of yesterday. */
  refused (&d, "POST", d.desk, "{\"kind\":\"refund\",\"source\":\"manual\",\"method\":\"cash\",\"amount_minor\":100,"
           "\"currency\":\"TRY\",\"vat_rate_bp\":2000,\"booked_at\":\"" AT_1050 "\"}", "revenue/events", 403, "forbidden");
  refused (&d, "POST", d.desk, "{\"kind\":\"sale\",\"source\":\"manual\",\"method\":\"cash\",\"amount_minor\":100,"
           "\"currency\":\"TRY\",\"vat_rate_bp\":2000,\"booked_at\":\"2026-12-06T20:59:59Z\"}", "revenue/events",
           403, "forbidden");

  /* ---------------------------------------- 11:30, Can did not come */

  at (&d, AT_1130);
  {
    g_autofree char *rest = g_strdup_printf ("appointments/%s/status", visit_b);
    g_autofree char *status = write_id (&d, "POST", d.desk, "{\"status\":\"no_show\"}", 200, rest, "appointment",
                                        "status");

    g_assert_cmpstr (status, ==, "no_show");
  }

  /* Ayşe calls: no more SMS. The WhatsApp consent stands; the owner has
   * registered it with İYS. */
  {
    g_autofree char *withdraw = g_strdup_printf ("consents/%s/withdraw", consent_sms);
    g_autofree char *iys = g_strdup_printf ("consents/%s/iys-state", consent_wa);
    g_autofree char *list = g_strdup_printf ("customers/%s/consents", ayse);
    g_autofree char *state = NULL;
    JsonArray *consents;
    JsonObject *wa, *sms;

    g_free (write_id (&d, "POST", d.desk, "{\"source\":\"phone\"}", 200, withdraw, "consent", "consent_id"));
    refused (&d, "POST", d.desk, "{\"source\":\"phone\"}", withdraw, 409, "invalid_state");
    refused (&d, "POST", d.desk, "{\"iys_state\":\"registered\"}", iys, 403, "forbidden");
    state = write_id (&d, "POST", d.owner, "{\"iys_state\":\"registered\"}", 200, iys, "consent", "iys_state");
    g_assert_cmpstr (state, ==, "registered");

    object = call (&d, &reply, "GET", d.desk, NULL, 200, list);
    consents = json_object_get_array_member (object, "consents");
    g_assert_cmpuint (json_array_get_length (consents), ==, 2);
    wa = json_array_get_object_element (consents, 0);
    sms = json_array_get_object_element (consents, 1);
    g_assert_cmpstr (json_object_get_string_member (wa, "channel"), ==, "whatsapp");
    g_assert_cmpstr (json_object_get_string_member (wa, "iys_state"), ==, "registered");
    g_assert_true (json_object_get_null_member (wa, "withdrawn_at"));
    g_assert_cmpstr (json_object_get_string_member (wa, "given_at"), ==, AT_0930);
    g_assert_cmpstr (json_object_get_string_member (sms, "withdrawn_at"), ==, AT_1130);
    g_assert_cmpstr (json_object_get_string_member (sms, "withdrawn_source"), ==, "phone");
    ahi_test_reply_clear (&reply);
  }

  /* --------------------------------------------- 19:30, the till */

  at (&d, AT_1930);

  /* Cash of the day: the 550 TL cut + the 100 TL deposit = 650 TL; the
   * card sale is not in the till. */
  object = call (&d, &reply, "GET", d.desk, NULL, 200, "cash/expected");
  g_assert_cmpstr (json_object_get_string_member (object, "business_date"), ==, "2026-12-07");
  g_assert_cmpstr (json_object_get_string_member (object, "currency"), ==, "TRY");
  g_assert_cmpint (int_of (object, "expected_minor"), ==, 65000);
  ahi_test_reply_clear (&reply);

  /* Ayşe counts 640 TL: 10 TL short, −1 000 kuruş. Sent twice (the
   * answer was lost): one count. */
  object = call (&d, &reply, "POST", d.desk,
                 "{\"cash_count_id\":\"" COUNT_ID "\",\"counted_minor\":64000,\"note\":\"Bozuk para eksik\"}", 201,
                 "cash/counts");
  object = json_object_get_object_member (object, "cash_count");
  g_assert_cmpstr (json_object_get_string_member (object, "cash_count_id"), ==, COUNT_ID);
  g_assert_cmpstr (json_object_get_string_member (object, "business_date"), ==, "2026-12-07");
  g_assert_cmpint (int_of (object, "counted_minor"), ==, 64000);
  g_assert_cmpint (int_of (object, "expected_minor"), ==, 65000);
  g_assert_cmpint (int_of (object, "difference_minor"), ==, -1000);
  g_assert_cmpstr (json_object_get_string_member (object, "counted_by"), ==, d.desk_user);
  g_assert_cmpstr (json_object_get_string_member (object, "counted_at"), ==, AT_1930);
  ahi_test_reply_clear (&reply);
  object = call (&d, &reply, "POST", d.desk,
                 "{\"cash_count_id\":\"" COUNT_ID "\",\"counted_minor\":64000,\"note\":\"Bozuk para eksik\"}", 200,
                 "cash/counts");
  g_assert_cmpint (int_of (json_object_get_object_member (object, "cash_count"), "difference_minor"), ==, -1000);
  ahi_test_reply_clear (&reply);
  refused (&d, "POST", d.desk, "{\"cash_count_id\":\"" COUNT_ID "\",\"counted_minor\":65000}", "cash/counts",
           409, "id_reused");
  refused (&d, "POST", d.desk, "{\"counted_minor\":65000,\"expected_minor\":65000}", "cash/counts",
           400, "unknown_field");
  refused (&d, "POST", d.desk, "{\"counted_minor\":65000,\"business_date\":\"2026-12-06\"}", "cash/counts",
           403, "forbidden");
  g_assert_cmpint (events_of (&d, "cash.reconciled"), ==, 1);
  object = call (&d, &reply, "GET", d.desk, NULL, 200, "cash/counts");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "counts")), ==, 1);
  ahi_test_reply_clear (&reply);

  /* The desk reads the day's ledger: the three lines, in booking order. */
  object = call (&d, &reply, "GET", d.desk, NULL, 200, "revenue/events?from=" DAY_FROM "&to=" DAY_TO);
  {
    JsonArray *lines = json_object_get_array_member (object, "lines");

    g_assert_cmpuint (json_array_get_length (lines), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (lines, 0), "revenue_event_id"), ==,
                     SALE_ID);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (lines, 2), "kind"), ==, "deposit");
  }
  ahi_test_reply_clear (&reply);

  /* And nothing beyond the day: yesterday, a wider period, another day's
   * till, the summaries. */
  refused (&d, "GET", d.desk, NULL, "revenue/events?from=2026-12-05T21:00:00Z&to=" DAY_FROM, 403, "forbidden");
  refused (&d, "GET", d.desk, NULL, "revenue/events?from=2026-12-05T21:00:00Z&to=" DAY_TO, 403, "forbidden");
  refused (&d, "GET", d.desk, NULL, "revenue/events?from=" DAY_FROM "&to=2026-12-07T21:00:01Z", 403, "forbidden");
  refused (&d, "GET", d.desk, NULL, "cash/expected?date=2026-12-06", 403, "forbidden");
  refused (&d, "GET", d.desk, NULL, "cash/counts?date=2026-12-08", 403, "forbidden");
  refused (&d, "GET", d.desk, NULL, "revenue/summary?from=" DAY_FROM "&to=" DAY_TO, 403, "forbidden");
  refused (&d, "GET", d.desk, NULL, "revenue/staff-report?from=" DAY_FROM "&to=" DAY_TO, 403, "forbidden");
  refused (&d, "GET", d.desk, NULL, "cash/expected?date=7-12-2026", 400, "bad_request");

  /* The owner reads any day: yesterday's till expected nothing. */
  object = call (&d, &reply, "GET", d.owner, NULL, 200, "cash/expected?date=2026-12-06");
  g_assert_cmpint (int_of (object, "expected_minor"), ==, 0);
  ahi_test_reply_clear (&reply);

  /* The staff report of the day, by hand:
   *   Mehmet: revenue = the cut's net, (55 000 + 5 000) − 5 000 = 55 000;
   *           1 completed (Ayşe), 1 no-show (Can, 60 000 lost),
   *           1 late cancellation (Deniz, 60 000 lost);
   *   unassigned: the shampoo 25 000 + the deposit 10 000 = 35 000;
   *   the staff rows of the owner, the manager and the receptionist
   *   (each member has one, made when they joined): all zero. */
  object = call (&d, &reply, "GET", d.manager, NULL, 200, "revenue/staff-report?from=" DAY_FROM "&to=" DAY_TO);
  g_assert_cmpstr (json_object_get_string_member (object, "from"), ==, DAY_FROM);
  {
    JsonObject *row = report_row (object, mehmet);
    JsonObject *unassigned = report_row (object, "unassigned");

    /* Mehmet, unassigned and the three members' rows. */
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "staff")), ==, 5);
    g_assert_cmpint (int_of (row, "revenue_minor"), ==, 55000);
    g_assert_cmpint (int_of (row, "completed_visits"), ==, 1);
    g_assert_cmpint (int_of (row, "no_shows"), ==, 1);
    g_assert_cmpint (int_of (row, "no_show_lost_minor"), ==, 60000);
    g_assert_cmpint (int_of (row, "late_cancellations"), ==, 1);
    g_assert_cmpint (int_of (row, "late_cancel_lost_minor"), ==, 60000);
    g_assert_cmpint (int_of (unassigned, "revenue_minor"), ==, 35000);
    g_assert_cmpint (int_of (unassigned, "completed_visits"), ==, 0);
  }
  ahi_test_reply_clear (&reply);

  /* Every accepted write is one event of the log: 1 week of hours,
   * 1 blueprint change, 1 service, 1 stylist and his hours, 3 customers, 2 consents given, 1 withdrawn,
   * 1 İYS state, 3 bookings, 1 cancellation, 3 status changes, 3 ledger
   * lines, 1 count. */
  g_assert_cmpint (ahi_test_tenant_int (data_dir, d.tenant, "SELECT max(seq) FROM tenant_event_logs") - day_start_seq,
                   ==, 1 + 1 + 1 + 1 + 1 + 3 + 2 + 1 + 1 + 3 + 1 + 3 + 3 + 1);
  g_assert_cmpint (events_of (&d, "tenant.settings.updated"), ==, 1);
  g_assert_cmpint (events_of (&d, "service.created"), ==, 1);
  g_assert_cmpint (events_of (&d, "staff.created"), ==, 1);
  g_assert_cmpint (events_of (&d, "customer.created"), ==, 3);
  g_assert_cmpint (events_of (&d, "consent.given"), ==, 2);
  g_assert_cmpint (events_of (&d, "consent.withdrawn"), ==, 1);
  g_assert_cmpint (events_of (&d, "consent.iys.updated"), ==, 1);
  g_assert_cmpint (events_of (&d, "appointment.created"), ==, 3);
  g_assert_cmpint (events_of (&d, "appointment.cancelled"), ==, 1);
  g_assert_cmpint (events_of (&d, "appointment.status.updated"), ==, 3);
  g_assert_cmpint (events_of (&d, "revenue.event.created"), ==, 3);
  g_assert_cmpint (events_of (&d, "cash.reconciled"), ==, 1);

  ahi_test_server_stop (&d.server);
  ahi_test_server_fix_clock (NULL);
  g_free (d.tenant);
  g_free (d.owner);
  g_free (d.manager);
  g_free (d.desk);
  g_free (d.desk_user);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  ahi_core_init ();
  data_dir = g_dir_make_tmp ("ahi-desk-day-XXXXXX", NULL);
  ahi_test_server_init (data_dir);

  g_test_add_func ("/server/desk-day/rest-only", test_desk_day);
  status = g_test_run ();

  ahi_test_server_finish ();
  g_free (data_dir);
  return status;
}
