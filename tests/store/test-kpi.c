/* test-kpi.c — every KPI of docs/kpi.md on a small salon, worked by hand
 *
 * The salon is in Europe/Istanbul (UTC+3 all year), so 09:00 at the desk
 * is 06:00Z. "Now" is Thursday 2026-09-03 15:00 local (12:00Z):
 *
 *   window    Tue 1 Sep 00:00 local (31 Aug 21:00Z) .. Thu 3 Sep 12:00Z, 63 h
 *   previous  Sat 1 Aug 00:00 local (31 Jul 21:00Z) .. Mon 3 Aug 12:00Z, 63 h
 *
 * Opening hours (set below): Mon–Fri 09:00–17:00 (480 min), Sat
 * 10:00–14:00 (240 min), Sunday closed. Wednesday 2 September is a closure
 * day. Of the three chairs, Koltuk 3 is out of service; the laser device
 * is not a capacity resource. The late-cancellation window is 12 h.
 */
#include "ahi-test-fixture.h"
#include "core/ahi-kpi.h"
#include "core/ahi-time.h"
#include "store/engine/ahi-kpi-query.h"
#include "store/ahi-store-error.h"
#include "store/ahi-tenant.h"

#include <string.h>

#define ID(n) "01910000-0000-7000-8000-" n

/* customers */
#define C1  ID ("00000000c001")  /* two visits, rebooks too late */
#define C2  ID ("00000000c002")  /* two visits, rebooks at checkout */
#define C3  ID ("00000000c003")  /* no-shows and a late cancellation */
#define C4  ID ("00000000c004")  /* won back by a campaign */
#define C5  ID ("00000000c005")  /* won back by a rebook message */
#define C6  ID ("00000000c006")  /* in the chair now */
#define C7  ID ("00000000c007")  /* at risk by its own 30-day cycle */
#define C8  ID ("00000000c008")  /* would be at risk, but has a booking */
#define C9  ID ("00000000c009")  /* at risk by the 42-day fallback */
#define C10 ID ("00000000c00a")  /* lost: past 300 % of a 5-day cycle */
#define C11 ID ("00000000c00b")  /* would be at risk, but erased */
#define C12 ID ("00000000c00c")  /* due only; books after a reactivation */

#define CAMPAIGN ID ("00000000e001")
#define CLOSURE  ID ("000000010001")

typedef struct {
  AhiStore *store;
  char     *tenant_id;
  char     *service_id;
  char     *chair1;
  char     *chair2;
  char     *chair3;
  char     *device;
  gint64    now;
} Fixture;

/* ------------------------------------------------------------ helpers */

static void
book (Fixture    *fx,
      const char *appointment,
      const char *customer,
      const char *starts,
      const char *ends,
      const char *resource_a,
      const char *resource_b,
      gint64      price,
      const char *campaign,
      const char *created)
{
  g_autofree char *resources = NULL;
  g_autofree char *campaign_member = NULL;
  g_autofree char *payload = NULL;

  if (resource_a != NULL && resource_b != NULL)
    resources = g_strdup_printf (",\"resource_ids\":[\"%s\",\"%s\"]", resource_a, resource_b);
  else if (resource_a != NULL)
    resources = g_strdup_printf (",\"resource_ids\":[\"%s\"]", resource_a);
  else
    resources = g_strdup ("");
  campaign_member = campaign != NULL ? g_strdup_printf (",\"campaign_id\":\"%s\"", campaign) : g_strdup ("");

  payload = g_strdup_printf (
    "{\"customer_id\":\"%s\",\"starts_at\":\"%s\",\"ends_at\":\"%s\","
    "\"items\":[{\"service_id\":\"%s\"%s,\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"price_minor\":%" G_GINT64_FORMAT "}],"
    "\"source\":\"%s\"%s}",
    customer, starts, ends, fx->service_id, resources, starts, ends, price,
    campaign != NULL ? "campaign" : "desk", campaign_member);
  fx_append (fx->store, "appointment.created", appointment, fx_time (created), payload, NULL);
}

static void
set_status (Fixture    *fx,
            const char *appointment,
            const char *status,
            const char *when)
{
  g_autofree char *payload = g_strdup_printf ("{\"status\":\"%s\"}", status);

  fx_append (fx->store, "appointment.status.updated", appointment, fx_time (when), payload, NULL);
}

static void
cancel (Fixture    *fx,
        const char *appointment,
        const char *when)
{
  fx_append (fx->store, "appointment.cancelled", appointment, fx_time (when),
             "{\"cancelled_by\":\"customer\"}", NULL);
}

static void
customer (Fixture    *fx,
          const char *id,
          const char *name)
{
  g_autofree char *pii = g_strdup_printf ("{\"full_name\":\"%s\"}", name);

  fx_append (fx->store, "customer.created", id, fx_time ("2026-06-01T07:00:00Z"),
             "{\"source\":\"walk_in\"}", pii);
}

static void
money (Fixture    *fx,
       const char *id,
       const char *kind,
       gint64      amount,
       const char *currency,
       const char *booked,
       const char *appointment,
       const char *campaign)
{
  g_autofree char *extra = g_strdup_printf ("%s%s%s%s%s%s",
                                            appointment != NULL ? ",\"appointment_id\":\"" : "",
                                            appointment != NULL ? appointment : "",
                                            appointment != NULL ? "\"" : "",
                                            campaign != NULL ? ",\"campaign_id\":\"" : "",
                                            campaign != NULL ? campaign : "",
                                            campaign != NULL ? "\"" : "");
  g_autofree char *payload = g_strdup_printf (
    "{\"kind\":\"%s\",\"source\":\"%s\",\"method\":\"card\",\"amount_minor\":%" G_GINT64_FORMAT ","
    "\"currency\":\"%s\",\"vat_rate_bp\":2000,\"booked_at\":\"%s\"%s}",
    kind, appointment != NULL ? "appointment" : "product", amount, currency, booked, extra);

  fx_append (fx->store, "revenue.event.created", id, fx_time (booked), payload, NULL);
}

/* A message queued a day before it is sent; result NULL leaves it queued. */
static void
message (Fixture    *fx,
         const char *id,
         const char *customer_id,
         const char *purpose,
         const char *sent,
         const char *result,
         const char *campaign)
{
  g_autofree char *campaign_member = campaign != NULL ? g_strdup_printf (",\"campaign_id\":\"%s\"", campaign)
                                                      : g_strdup ("");
  g_autofree char *payload = g_strdup_printf (
    "{\"customer_id\":\"%s\",\"channel\":\"whatsapp\",\"purpose\":\"%s\",\"due_at\":\"%s\","
    "\"template\":\"t1\"%s}", customer_id, purpose, sent, campaign_member);
  g_autofree char *sent_payload = NULL;

  fx_append (fx->store, "reminder.created", id, fx_time (sent) - 86400, payload, NULL);
  if (result == NULL)
    return;
  sent_payload = g_strdup_printf ("{\"result\":\"%s\",\"provider\":\"local_outbox\"}", result);
  fx_append (fx->store, "reminder.sent", id, fx_time (sent), sent_payload, NULL);
}

/* A visit in the distant past: booked a week ahead, then completed. */
static void
past_visit (Fixture    *fx,
            const char *appointment,
            const char *customer_id,
            const char *starts,
            const char *ends,
            gint64      price)
{
  book (fx, appointment, customer_id, starts, ends, NULL, NULL, price, NULL, "2026-06-01T08:00:00Z");
  set_status (fx, appointment, "completed", ends);
}

static char *
resource_id (Fixture *fx, const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT resource_id FROM tenant_resources WHERE name = '%s'", name);
  char *id = fx_text (fx->store, sql);

  g_assert_nonnull (id);
  return id;
}

/* ------------------------------------------------------------ the salon */

static void
build_salon (Fixture *fx)
{
  fx->store = fx_store_new ("kpi.db");
  fx->tenant_id = fx_create_tenant (fx->store, "hair_beauty");
  fx->service_id = fx_text (fx->store, "SELECT service_id FROM services ORDER BY code LIMIT 1");
  fx->chair1 = resource_id (fx, "Koltuk 1");
  fx->chair2 = resource_id (fx, "Koltuk 2");
  fx->chair3 = resource_id (fx, "Koltuk 3");
  fx->device = resource_id (fx, "Lazer cihazı");
  fx->now = fx_time ("2026-09-03T12:00:00Z");

  fx_append (fx->store, "tenant.settings.updated", fx->tenant_id, fx_time ("2026-06-01T07:00:00Z"),
             "{\"late_cancel_window_min\":720,\"opening_hours\":["
             "{\"weekday\":1,\"opens\":\"09:00\",\"closes\":\"17:00\"},"
             "{\"weekday\":2,\"opens\":\"09:00\",\"closes\":\"17:00\"},"
             "{\"weekday\":3,\"opens\":\"09:00\",\"closes\":\"17:00\"},"
             "{\"weekday\":4,\"opens\":\"09:00\",\"closes\":\"17:00\"},"
             "{\"weekday\":5,\"opens\":\"09:00\",\"closes\":\"17:00\"},"
             "{\"weekday\":6,\"opens\":\"10:00\",\"closes\":\"14:00\"}]}", NULL);
  fx_append (fx->store, "business.closure.added", CLOSURE, fx_time ("2026-08-15T07:00:00Z"),
             "{\"starts_on\":\"2026-09-02\",\"ends_on\":\"2026-09-02\",\"reason\":\"Su kesintisi\"}", NULL);

  customer (fx, C1, "Ayşe Kaya");
  customer (fx, C2, "Burak Şen");
  customer (fx, C3, "Cem Öz");
  customer (fx, C4, "Deniz Ak");
  customer (fx, C5, "Elif Güneş");
  customer (fx, C6, "Fatma Ece");
  customer (fx, C7, "Gül Tan");
  customer (fx, C8, "Hakan Er");
  customer (fx, C9, "İpek Su");
  customer (fx, C10, "Jale Ay");
  customer (fx, C11, "Kaan Naz");
  customer (fx, C12, "Leyla Nur");

  /* History before both windows (local 12:00 = 09:00Z). */
  past_visit (fx, ID ("00000000a071"), C7, "2026-06-05T09:00:00Z", "2026-06-05T10:00:00Z", 100000);
  past_visit (fx, ID ("00000000a072"), C7, "2026-07-05T09:00:00Z", "2026-07-05T10:00:00Z", 140000);
  past_visit (fx, ID ("00000000a081"), C8, "2026-06-02T09:00:00Z", "2026-06-02T10:00:00Z", 70000);
  past_visit (fx, ID ("00000000a091"), C9, "2026-06-20T09:00:00Z", "2026-06-20T10:00:00Z", 90000);
  past_visit (fx, ID ("00000000a0a1"), C10, "2026-06-03T09:00:00Z", "2026-06-03T10:00:00Z", 50000);
  past_visit (fx, ID ("00000000a0a2"), C10, "2026-06-08T09:00:00Z", "2026-06-08T10:00:00Z", 50000);
  past_visit (fx, ID ("00000000a0a3"), C10, "2026-06-13T09:00:00Z", "2026-06-13T10:00:00Z", 50000);
  past_visit (fx, ID ("00000000a0b1"), C11, "2026-06-20T09:00:00Z", "2026-06-20T10:00:00Z", 60000);
  past_visit (fx, ID ("00000000a0c1"), C12, "2026-07-10T09:00:00Z", "2026-07-10T10:00:00Z", 60000);
  fx_append (fx->store, "customer.erased", C11, fx_time ("2026-08-01T07:00:00Z"),
             "{\"reason\":\"KVKK erasure request\"}", NULL);

  /* The previous window: Sat 1 Aug and Mon 3 Aug, all four finished. */
  book (fx, ID ("00000000a101"), C1, "2026-08-01T07:00:00Z", "2026-08-01T08:00:00Z", fx->chair1, NULL, 100000, NULL, "2026-07-25T07:00:00Z");
  book (fx, ID ("00000000a102"), C3, "2026-08-01T08:00:00Z", "2026-08-01T09:00:00Z", fx->chair2, NULL, 100000, NULL, "2026-07-25T07:00:00Z");
  book (fx, ID ("00000000a103"), C2, "2026-08-03T06:00:00Z", "2026-08-03T07:00:00Z", fx->chair1, NULL, 150000, NULL, "2026-07-25T07:00:00Z");
  book (fx, ID ("00000000a104"), C3, "2026-08-03T07:00:00Z", "2026-08-03T08:00:00Z", fx->chair2, NULL, 100000, NULL, "2026-07-25T07:00:00Z");
  set_status (fx, ID ("00000000a101"), "completed", "2026-08-01T08:00:00Z");
  set_status (fx, ID ("00000000a102"), "no_show", "2026-08-01T08:30:00Z");
  set_status (fx, ID ("00000000a103"), "completed", "2026-08-03T07:00:00Z");
  set_status (fx, ID ("00000000a104"), "no_show", "2026-08-03T07:30:00Z");
  money (fx, ID ("00000000f101"), "sale", 100000, "TRY", "2026-08-01T08:00:00Z", ID ("00000000a101"), NULL);
  money (fx, ID ("00000000f102"), "sale", 150000, "TRY", "2026-08-03T07:00:00Z", ID ("00000000a103"), NULL);
  /* Between the windows: in neither. */
  money (fx, ID ("00000000f103"), "sale", 70000, "TRY", "2026-08-15T07:00:00Z", NULL, NULL);

  /* Messages before the window that bring bookings back. */
  message (fx, ID ("00000000b004"), C4, "reactivation", "2026-08-20T10:00:00Z", "sent", CAMPAIGN);
  fx_append (fx->store, "automation.reactivation.queued", CAMPAIGN, fx_time ("2026-08-19T10:00:00Z"),
             "{\"tier\":\"at_risk\",\"channel\":\"whatsapp\",\"customer_ids\":[\"" C4 "\"],"
             "\"reminder_ids\":[\"" ID ("00000000b004") "\"],\"expected_value_minor\":80000}", NULL);
  message (fx, ID ("00000000b003"), C5, "rebook", "2026-08-25T10:00:00Z", "sent", NULL);
  message (fx, ID ("00000000b005"), C1, "slot_offer", "2026-08-27T10:00:00Z", "failed", NULL);
  message (fx, ID ("00000000b011"), C2, "appointment_reminder", "2026-08-09T10:00:00Z", "sent", NULL);

  /* This window's appointments. */
  book (fx, ID ("00000000a001"), C1, "2026-09-01T06:00:00Z", "2026-09-01T07:00:00Z", fx->chair1, NULL, 100000, NULL, "2026-08-28T07:00:00Z");
  book (fx, ID ("00000000a002"), C2, "2026-09-01T07:00:00Z", "2026-09-01T08:30:00Z", fx->chair1, NULL, 150000, NULL, "2026-08-10T07:00:00Z");
  book (fx, ID ("00000000a003"), C3, "2026-09-01T06:30:00Z", "2026-09-01T07:30:00Z", fx->chair2, NULL, 100000, NULL, "2026-08-28T07:00:00Z");
  book (fx, ID ("00000000a004"), C4, "2026-09-01T13:30:00Z", "2026-09-01T14:30:00Z", fx->chair2, NULL, 80000, CAMPAIGN, "2026-08-21T10:00:00Z");
  book (fx, ID ("00000000a005"), C5, "2026-09-03T06:00:00Z", "2026-09-03T07:00:00Z", fx->chair1, fx->device, 120000, NULL, "2026-08-26T10:00:00Z");
  book (fx, ID ("00000000a006"), C6, "2026-09-03T11:00:00Z", "2026-09-03T13:00:00Z", fx->chair2, NULL, 200000, NULL, "2026-08-28T07:00:00Z");
  book (fx, ID ("00000000a007"), C8, "2026-09-03T07:00:00Z", "2026-09-03T08:00:00Z", fx->chair3, NULL, 70000, NULL, "2026-08-20T07:00:00Z");
  book (fx, ID ("00000000a008"), C3, "2026-09-03T08:00:00Z", "2026-09-03T09:00:00Z", fx->chair1, NULL, 100000, NULL, "2026-08-29T07:00:00Z");
  book (fx, ID ("00000000a009"), C4, "2026-09-01T09:00:00Z", "2026-09-01T10:00:00Z", fx->chair1, NULL, 80000, NULL, "2026-08-22T10:00:00Z");

  /* Koltuk 3 breaks after A7 was booked on it. */
  fx_append (fx->store, "resource.updated", fx->chair3, fx_time ("2026-08-30T07:00:00Z"),
             "{\"in_service\":false}", NULL);

  set_status (fx, ID ("00000000a001"), "completed", "2026-09-01T07:00:00Z");
  set_status (fx, ID ("00000000a002"), "completed", "2026-09-01T08:30:00Z");
  set_status (fx, ID ("00000000a003"), "no_show", "2026-09-01T07:00:00Z");
  set_status (fx, ID ("00000000a004"), "completed", "2026-09-01T14:30:00Z");
  set_status (fx, ID ("00000000a005"), "completed", "2026-09-03T07:00:00Z");
  set_status (fx, ID ("00000000a006"), "arrived", "2026-09-03T11:00:00Z");
  set_status (fx, ID ("00000000a007"), "confirmed", "2026-09-02T07:00:00Z");
  /* A8: 9 h before its start, inside the 12 h window: late.
   * A9: 18 h before: not late here (it would be with the 24 h default). */
  cancel (fx, ID ("00000000a008"), "2026-09-02T23:00:00Z");
  cancel (fx, ID ("00000000a009"), "2026-08-31T15:00:00Z");

  /* Bookings after now, made in the window. */
  book (fx, ID ("00000000a011"), C2, "2026-09-07T07:00:00Z", "2026-09-07T08:00:00Z", fx->chair1, NULL, 150000, NULL, "2026-09-01T08:15:00Z");
  book (fx, ID ("00000000a012"), C12, "2026-09-08T07:00:00Z", "2026-09-08T08:00:00Z", fx->chair1, NULL, 60000, NULL, "2026-09-01T09:00:00Z");
  book (fx, ID ("00000000a013"), C1, "2026-09-20T07:00:00Z", "2026-09-20T08:00:00Z", fx->chair1, NULL, 100000, NULL, "2026-09-02T07:30:00Z");
  book (fx, ID ("00000000a014"), C5, "2026-10-01T07:00:00Z", "2026-10-01T08:00:00Z", fx->chair1, NULL, 120000, NULL, "2026-09-03T11:00:00Z");

  /* Reactivation messages of the window. */
  message (fx, ID ("00000000b001"), C12, "reactivation", "2026-09-01T08:00:00Z", "sent", NULL);
  fx_append (fx->store, "reminder.completed", ID ("00000000b001"), fx_time ("2026-09-01T09:00:00Z"),
             "{\"outcome\":\"booked\"}", NULL);
  message (fx, ID ("00000000b006"), C10, "reactivation", "2026-09-02T08:00:00Z", "sent", NULL);
  message (fx, ID ("00000000b009"), C10, "reactivation", "2026-09-03T08:00:00Z", "sent", NULL);
  message (fx, ID ("00000000b010"), C8, "reactivation", "2026-09-02T09:00:00Z", "sent", NULL);
  message (fx, ID ("00000000b007"), C9, "reactivation", "2026-09-02T10:00:00Z", NULL, NULL);
  message (fx, ID ("00000000b008"), C7, "reactivation", "2026-09-02T10:00:00Z", "failed", NULL);

  /* This window's money, KDV 20 % included (KDV = amount × 2000 / 12000,
   * half away from zero). */
  money (fx, ID ("00000000f001"), "sale", 100000, "TRY", "2026-09-01T07:00:00Z", ID ("00000000a001"), NULL);
  money (fx, ID ("00000000f013"), "sale", 25002, "TRY", "2026-09-01T07:05:00Z", ID ("00000000a001"), NULL);
  money (fx, ID ("00000000f002"), "sale", 150000, "TRY", "2026-09-01T08:30:00Z", ID ("00000000a002"), NULL);
  money (fx, ID ("00000000f003"), "sale", 80000, "TRY", "2026-09-01T14:30:00Z", ID ("00000000a004"), NULL);
  money (fx, ID ("00000000f004"), "sale", 120000, "TRY", "2026-09-03T07:00:00Z", ID ("00000000a005"), NULL);
  money (fx, ID ("00000000f005"), "sale", 30000, "TRY", "2026-09-01T10:00:00Z", NULL, NULL);
  money (fx, ID ("00000000f006"), "refund", 20000, "TRY", "2026-09-03T08:00:00Z", ID ("00000000a005"), NULL);
  money (fx, ID ("00000000f007"), "deposit", 50000, "TRY", "2026-09-02T10:00:00Z", ID ("00000000a006"), NULL);
  money (fx, ID ("00000000f008"), "no_show_fee", 10000, "TRY", "2026-09-01T09:00:00Z", ID ("00000000a003"), NULL);
  money (fx, ID ("00000000f009"), "sale", 5000, "EUR", "2026-09-01T11:00:00Z", NULL, NULL);
  money (fx, ID ("00000000f010"), "sale", 25000, "TRY", "2026-09-02T10:00:00Z", NULL, CAMPAIGN);
  money (fx, ID ("00000000f011"), "adjustment", -5000, "TRY", "2026-09-02T11:00:00Z", NULL, NULL);

  /* Three alerts, one resolved. */
  fx_append (fx->store, "ops.alert.raised", ID ("00000000d001"), fx_time ("2026-09-01T06:00:00Z"),
             "{\"kind\":\"sync_rejected\",\"severity\":\"warning\"}", NULL);
  fx_append (fx->store, "ops.alert.raised", ID ("00000000d002"), fx_time ("2026-09-02T06:00:00Z"),
             "{\"kind\":\"low_rating\",\"severity\":\"info\"}", NULL);
  fx_append (fx->store, "ops.alert.raised", ID ("00000000d003"), fx_time ("2026-08-30T07:00:00Z"),
             "{\"kind\":\"device_out_of_service\",\"severity\":\"critical\"}", NULL);
  fx_append (fx->store, "ops.alert.resolved", ID ("00000000d001"), fx_time ("2026-09-01T07:00:00Z"),
             "{\"resolution\":\"Yeniden gönderildi\"}", NULL);
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  build_salon (fx);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  fx_store_free (fx->store);
  g_free (fx->tenant_id);
  g_free (fx->service_id);
  g_free (fx->chair1);
  g_free (fx->chair2);
  g_free (fx->chair3);
  g_free (fx->device);
}

static const AhiKpiValue *
find (GArray *set, const char *id)
{
  for (guint i = 0; i < set->len; i++)
    if (g_str_equal (g_array_index (set, AhiKpiValue, i).id, id))
      return &g_array_index (set, AhiKpiValue, i);
  g_error ("KPI %s missing from the set", id);
  return NULL;
}

static char *
value_json (const AhiKpiValue *value)
{
  g_autoptr(JsonObject) object = ahi_kpi_value_to_json (value);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

static void
assert_json (GArray *set, const char *id, const char *expected)
{
  g_autofree char *text = value_json (find (set, id));

  g_assert_cmpstr (text, ==, expected);
}

static GArray *
month_set (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiBlueprint) bp = ahi_tenant_load_blueprint (ahi_store_get_db (fx->store), &error);
  GArray *set;

  g_assert_no_error (error);
  set = ahi_kpi_compute_set (ahi_store_get_db (fx->store), bp, fx->now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (set);
  return set;
}

/* -------------------------------------------------------------- tests */

static void
test_window (void)
{
  g_autoptr(GTimeZone) zone = ahi_timezone_new ("Europe/Istanbul");
  gint64 from, prev_from, prev_to;

  /* 15:00 on Thu 3 Sep: from 1 Sep 00:00 local; Aug started 63 h before
   * 3 Aug 12:00Z. */
  ahi_kpi_month_to_date (zone, fx_time ("2026-09-03T12:00:00Z"), &from, &prev_from, &prev_to);
  g_assert_cmpint (from, ==, fx_time ("2026-08-31T21:00:00Z"));
  g_assert_cmpint (prev_from, ==, fx_time ("2026-07-31T21:00:00Z"));
  g_assert_cmpint (prev_to, ==, fx_time ("2026-08-03T12:00:00Z"));

  /* 31 March 12:00 local is 30 d 12 h into March; February 2027 has 28
   * days, so the previous period stops at 1 March 00:00 local. */
  ahi_kpi_month_to_date (zone, fx_time ("2027-03-31T09:00:00Z"), &from, &prev_from, &prev_to);
  g_assert_cmpint (from, ==, fx_time ("2027-02-28T21:00:00Z"));
  g_assert_cmpint (prev_from, ==, fx_time ("2027-01-31T21:00:00Z"));
  g_assert_cmpint (prev_to, ==, from);

  /* In January the previous month is last year's December. */
  ahi_kpi_month_to_date (zone, fx_time ("2027-01-02T00:00:00Z"), &from, &prev_from, &prev_to);
  g_assert_cmpint (from, ==, fx_time ("2026-12-31T21:00:00Z"));
  g_assert_cmpint (prev_from, ==, fx_time ("2026-11-30T21:00:00Z"));
  g_assert_cmpint (prev_to, ==, fx_time ("2026-12-02T00:00:00Z"));
}

static void
test_order (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiBlueprint) bp = ahi_tenant_load_blueprint (ahi_store_get_db (fx->store), &error);
  g_autoptr(GArray) set = month_set (fx);
  const char * const *ids = ahi_blueprint_get_kpis (bp);

  /* The blueprint's cards, in its order: all twelve for hair_beauty. */
  g_assert_cmpuint (set->len, ==, g_strv_length ((char **) ids));
  g_assert_cmpuint (set->len, ==, 12);
  for (guint i = 0; i < set->len; i++)
    g_assert_cmpstr (g_array_index (set, AhiKpiValue, i).id, ==, ids[i]);
}

static void
test_revenue (Fixture *fx, gconstpointer data)
{
  g_autoptr(GArray) set = month_set (fx);

  /* Sold = sales + deposit + no-show fee, KDV included; refunds, the
   * adjustment (a correction: it counts in the net) and the EUR sale
   * left out:
   *   sales 100000 + 25002 + 150000 + 80000 + 120000 + 30000 + 25000 = 530002
   *   deposit 50000, no-show fee 10000                         → 590002
   * (Contract v1's revenue_gross added the −5000 adjustment: 585002.)
   * Previous: 100000 + 150000 = 250000 (the 15 Aug sale is in neither).
   * Change: 340002 × 10000 / 250000 = 13600.08 → 13600 bp. */
  assert_json (set, "revenue_sold",
               "{\"id\":\"revenue_sold\",\"unit\":\"minor\",\"value\":590002,\"numerator\":null,"
               "\"denominator\":null,\"previous\":250000,\"delta\":340002,\"change_bp\":13600,"
               "\"currency\":\"TRY\"}");

  /* Net of tax = each amount less its KDV, refunds taken away:
   *   100000−16667 = 83333   25002−4167 = 20835   150000−25000 = 125000
   *   80000−13333 = 66667    120000−20000 = 100000  30000−5000 = 25000
   *   25000−4167 = 20833     50000−8333 = 41667     10000−1667 = 8333
   *   −5000−(−833) = −4167                          sum = 487501
   *   refund 20000−3333 = 16667                      → 470834
   * Previous: 83333 + 125000 = 208333; change 262501 × 10000 / 208333
   * = 12600.07 → 12600 bp. */
  assert_json (set, "revenue_net_of_tax",
               "{\"id\":\"revenue_net_of_tax\",\"unit\":\"minor\",\"value\":470834,\"numerator\":null,"
               "\"denominator\":null,\"previous\":208333,\"delta\":262501,\"change_bp\":12600,"
               "\"currency\":\"TRY\"}");

  /* Sales linked to completed visits: A1 (100000 + 25002, one visit),
   * A2 150000, A4 80000, A5 120000 = 475002 over 4 visits = 118750.5
   * → 118751. The product sale, the campaign package and the EUR sale
   * have no visit. Previous: 250000 / 2 = 125000; change −6249 × 10000
   * / 125000 = −499.92 → −500 bp. */
  assert_json (set, "average_ticket",
               "{\"id\":\"average_ticket\",\"unit\":\"minor\",\"value\":118751,\"numerator\":475002,"
               "\"denominator\":4,\"previous\":125000,\"delta\":-6249,\"change_bp\":-500,"
               "\"currency\":\"TRY\"}");

  /* Brought back: A4's sale 80000 (campaign and a reactivation message:
   * counted once), A5's sale 120000 less its refund 20000 (booked a day
   * after a rebook message), the campaign package 25000 → 205000. A1's
   * visit followed a failed slot offer, A2's an appointment reminder:
   * neither counts. Previous: 0, a real zero, so no relative change. */
  assert_json (set, "revenue_brought_back",
               "{\"id\":\"revenue_brought_back\",\"unit\":\"minor\",\"value\":205000,\"numerator\":null,"
               "\"denominator\":null,\"previous\":0,\"delta\":205000,\"change_bp\":null,"
               "\"currency\":\"TRY\"}");
}

static void
test_calendar (Fixture *fx, gconstpointer data)
{
  g_autoptr(GArray) set = month_set (fx);

  /* Bookable per chair: Tue 09:00–17:00 = 480, Wed closed (closure), Thu
   * 09:00–15:00 (now) = 360 → 840; two chairs in service → 1680.
   * (Without the closure 2 × 1320 = 2640; with Koltuk 3 3 × 840 = 2520.)
   * Booked: Koltuk 1 A1+A2 09:00–11:30 = 150, A5 60; Koltuk 2 A3 60,
   * A4 16:30–17:00 of 16:30–17:30 = 30, A6 14:00–15:00 of 14:00–16:00
   * = 60; A7 on Koltuk 3 and the laser device left out; the cancelled A8
   * and A9 hold nothing → 360. 360 / 1680 = 2142.86 → 2143 bp.
   * Previous: Sat 240 + Sun 0 + Mon to 15:00 360 = 600 × 2 = 1200;
   * booked 4 × 60 = 240 → 2000 bp; change 143 / 2000 = 715 bp. */
  assert_json (set, "fill_rate_pct",
               "{\"id\":\"fill_rate_pct\",\"unit\":\"bp\",\"value\":2143,\"numerator\":360,"
               "\"denominator\":1680,\"previous\":2000,\"delta\":143,\"change_bp\":715}");

  /* Finished in the window: A1, A2, A4, A5 completed, A6 arrived, A3 no
   * show → 1 / 6 = 1666.67 → 1667 bp. A7 (confirmed, never marked) and
   * the cancellations are not finished. Previous 2 / 4 = 5000; change
   * −3333 / 5000 = −6666 bp. */
  assert_json (set, "no_show_rate_pct",
               "{\"id\":\"no_show_rate_pct\",\"unit\":\"bp\",\"value\":1667,\"numerator\":1,"
               "\"denominator\":6,\"previous\":5000,\"delta\":-3333,\"change_bp\":-6666}");

  /* A1–A9 start in the window; A8 and A9 were cancelled → 2 / 9 =
   * 2222.2 → 2222 bp; A8 late → 1 / 9 = 1111 bp. Previous 0 / 4 = 0. */
  assert_json (set, "cancellation_rate_pct",
               "{\"id\":\"cancellation_rate_pct\",\"unit\":\"bp\",\"value\":2222,\"numerator\":2,"
               "\"denominator\":9,\"previous\":0,\"delta\":2222,\"change_bp\":null,"
               "\"late_cancellations\":1,\"late_cancellation_rate_pct\":1111}");

  /* Completed A1, A2, A4, A5. A2 was rebooked during the visit (A11 at
   * 08:15Z), A5 four hours after it (A14); A1's next booking came 24½ h
   * after its end. 2 / 4 = 5000 bp. Previous: A101 and A103, neither
   * followed by a booking within the day → 0 / 2 = 0. */
  assert_json (set, "rebooking_rate_pct",
               "{\"id\":\"rebooking_rate_pct\",\"unit\":\"bp\",\"value\":5000,\"numerator\":2,"
               "\"denominator\":4,\"previous\":0,\"delta\":5000,\"change_bp\":null}");
}

static void
test_customers (Fixture *fx, gconstpointer data)
{
  g_autoptr(GArray) set = month_set (fx);

  /* Ratio = days since the last visit ÷ usual cycle; at risk from 150 %
   * up to (not including) the 300 % of lost:
   *   C7  cycle 30 d (5 Jun → 5 Jul), 60 d 3 h since → 200 %: at risk
   *   C9  one visit, fallback 42 d, 75 d 3 h since  → 179 %: at risk
   *   C10 cycle 5 d, 82 d since → 1642 %: lost
   *   C12 one visit, 55 d 3 h since → 131 %: only due
   *   C8  93 d since → 221 %, but booked (A7); C11 erased
   * → 2. At stake: C7 (100000 + 140000) / 2 = 120000, C9 90000 → 210000. */
  assert_json (set, "at_risk_customers",
               "{\"id\":\"at_risk_customers\",\"unit\":\"count\",\"value\":2,\"numerator\":null,"
               "\"denominator\":null,\"previous\":null,\"delta\":null,\"change_bp\":null,"
               "\"currency\":\"TRY\",\"at_stake_minor\":210000}");

  /* Customers with two or more visits on different days:
   *   C1 1 Aug 07:00Z → 1 Sep 06:00Z = 30 d 23 h → 31
   *   C2 3 Aug 06:00Z → 1 Sep 07:00Z = 29 d 1 h  → 29
   *   C7 30 d → 30;  C10 10 d over 2 gaps → 5
   * mean 95 / 4 = 23.75 → 24 days. */
  assert_json (set, "repeat_visit_cycle_days",
               "{\"id\":\"repeat_visit_cycle_days\",\"unit\":\"days\",\"value\":24,\"numerator\":95,"
               "\"denominator\":4,\"previous\":null,\"delta\":null,\"change_bp\":null}");

  /* Reactivation sent in the window to C12, C10 (twice: one customer) and
   * C8; C9's is still queued and C7's failed. C12 booked an hour later;
   * C8's booking is older than the message. 1 / 3 = 3333 bp. No
   * reactivation went out on 1–3 Aug: no previous. */
  assert_json (set, "reactivation_conversion_pct",
               "{\"id\":\"reactivation_conversion_pct\",\"unit\":\"bp\",\"value\":3333,\"numerator\":1,"
               "\"denominator\":3,\"previous\":null,\"delta\":null,\"change_bp\":null}");

  /* Three raised, one resolved. */
  assert_json (set, "open_ops_alerts",
               "{\"id\":\"open_ops_alerts\",\"unit\":\"count\",\"value\":2,\"numerator\":null,"
               "\"denominator\":null,\"previous\":null,\"delta\":null,\"change_bp\":null}");
}

static void
test_empty (Fixture *fx, gconstpointer data)
{
  AhiDb *db = ahi_store_get_db (fx->store);
  g_autoptr(GError) error = NULL;
  /* Sunday 6 September, local: closed, and nothing happened. The previous
   * period of ahi_kpi_compute is Saturday 5 September. */
  gint64 from = fx_time ("2026-09-05T21:00:00Z");
  gint64 to = fx_time ("2026-09-06T21:00:00Z");
  const char *no_value[] = {
    "no_show_rate_pct", "cancellation_rate_pct", "rebooking_rate_pct",
    "average_ticket", "reactivation_conversion_pct",
  };
  AhiKpiValue value;
  g_autofree char *fill = NULL;

  /* Nothing to divide by: no value, not 0. */
  for (guint i = 0; i < G_N_ELEMENTS (no_value); i++)
    {
      g_assert_true (ahi_kpi_compute (db, no_value[i], from, to, &value, &error));
      g_assert_no_error (error);
      g_assert_false (value.has_value);
      g_assert_cmpint (value.denominator, ==, 0);
    }

  /* No bookable minute on a closed Sunday; Saturday had 2 × 240 and none
   * booked: a real 0 % as the previous value. */
  g_assert_true (ahi_kpi_compute (db, "fill_rate_pct", from, to, &value, &error));
  g_assert_no_error (error);
  fill = value_json (&value);
  g_assert_cmpstr (fill, ==,
                   "{\"id\":\"fill_rate_pct\",\"unit\":\"bp\",\"value\":null,\"numerator\":0,"
                   "\"denominator\":0,\"previous\":0,\"delta\":null,\"change_bp\":null}");

  /* A sum of nothing is a real 0. */
  g_assert_true (ahi_kpi_compute (db, "revenue_sold", from, to, &value, &error));
  g_assert_no_error (error);
  g_assert_true (value.has_value);
  g_assert_cmpint (value.value, ==, 0);

  /* A whole empty window: start = end. */
  g_assert_true (ahi_kpi_compute (db, "fill_rate_pct", from, from, &value, &error));
  g_assert_no_error (error);
  g_assert_false (value.has_value);

  g_assert_false (ahi_kpi_compute (db, "happiness_pct", from, to, &value, &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND);
}

static void
test_single_matches_set (Fixture *fx, gconstpointer data)
{
  AhiDb *db = ahi_store_get_db (fx->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) set = month_set (fx);
  g_autofree char *from_set = value_json (find (set, "no_show_rate_pct"));
  g_autofree char *single = NULL;
  AhiKpiValue value;

  /* The same KPI asked alone with the month's windows gives the same. */
  g_assert_true (ahi_kpi_compute_compare (db, NULL, "no_show_rate_pct",
                                          fx_time ("2026-08-31T21:00:00Z"), fx->now,
                                          fx_time ("2026-07-31T21:00:00Z"), fx_time ("2026-08-03T12:00:00Z"),
                                          &value, &error));
  g_assert_no_error (error);
  single = value_json (&value);
  g_assert_cmpstr (single, ==, from_set);
}

static void
test_deterministic (Fixture *fx, gconstpointer data)
{
  g_autoptr(GArray) first = month_set (fx);
  g_autoptr(GArray) second = month_set (fx);
  g_autoptr(JsonArray) a = ahi_kpi_set_to_json (first);
  g_autoptr(JsonArray) b = ahi_kpi_set_to_json (second);
  g_autoptr(JsonNode) node_a = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonNode) node_b = json_node_new (JSON_NODE_ARRAY);
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;

  json_node_set_array (node_a, a);
  json_node_set_array (node_b, b);
  text_a = json_to_string (node_a, FALSE);
  text_b = json_to_string (node_b, FALSE);
  g_assert_cmpstr (text_a, ==, text_b);
  /* No fractional number anywhere. */
  g_assert_null (strchr (text_a, '.'));
  g_assert_null (strstr (text_a, "e+"));
}

int
main (int argc, char *argv[])
{
  ahi_store_module_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/kpi/month-to-date", test_window);
  g_test_add ("/store/kpi/order", Fixture, NULL, fixture_set_up, test_order, fixture_tear_down);
  g_test_add ("/store/kpi/revenue", Fixture, NULL, fixture_set_up, test_revenue, fixture_tear_down);
  g_test_add ("/store/kpi/calendar", Fixture, NULL, fixture_set_up, test_calendar, fixture_tear_down);
  g_test_add ("/store/kpi/customers", Fixture, NULL, fixture_set_up, test_customers, fixture_tear_down);
  g_test_add ("/store/kpi/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/store/kpi/single-matches-set", Fixture, NULL, fixture_set_up, test_single_matches_set, fixture_tear_down);
  g_test_add ("/store/kpi/deterministic", Fixture, NULL, fixture_set_up, test_deterministic, fixture_tear_down);

  return g_test_run ();
}
