/* test-reputation.c — the rating summary, recovery alerts and the review
 * booster, figures by hand
 *
 * A salon (hair_beauty: review_request after 3 hours on whatsapp; contact
 * cap 30 days). "Now" is 2027-03-01 09:00 UTC.
 */
#include "ahi-test-fixture.h"
#include "core/ahi-time.h"
#include "store/engine/ahi-reputation.h"

#define DAY  G_GINT64_CONSTANT (86400)
#define HOUR G_GINT64_CONSTANT (3600)

#define CUST(x) "01900000-0000-7000-8000-0000000c00" x
#define SERVICE "01900000-0000-7000-8000-0000000005a1"

static gint64 now;

typedef struct {
  AhiStore *store;
  char     *tenant_id;
  char     *owner_id;
} Fixture;

static char *
make_id (guint kind,
         guint n)
{
  return g_strdup_printf ("01900000-0000-7000-8000-%04x%08x", kind, n);
}

static void
add_customer (AhiStore   *store,
              const char *id,
              gboolean    with_consent)
{
  fx_append (store, "customer.created", id, fx_time ("2026-06-01T07:00:00Z"),
             "{\"source\":\"walk_in\"}", "{\"full_name\":\"Ece Demir\"}");
  if (with_consent)
    {
      g_autofree char *consent_id = g_strdup_printf ("%.24s%012x", id, 0xe00u + (guint) strtoul (id + 24, NULL, 16));
      g_autofree char *payload = g_strdup_printf (
        "{\"customer_id\":\"%s\",\"purpose\":\"marketing\",\"channel\":\"whatsapp\",\"source\":\"in_person\","
        "\"iys_state\":\"registered\"}", id);

      fx_append (store, "consent.given", consent_id, fx_time ("2026-06-01T08:00:00Z"), payload, NULL);
    }
}

/* A one-hour visit that ended at end, completed. */
static void
visit (AhiStore   *store,
       const char *appt,
       const char *customer,
       gint64      end)
{
  g_autofree char *s = ahi_time_format_utc (end - HOUR);
  g_autofree char *e = ahi_time_format_utc (end);
  g_autofree char *payload = g_strdup_printf (
    "{\"customer_id\":\"%s\",\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"items\":[{\"service_id\":\"" SERVICE "\","
    "\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"price_minor\":90000}],\"source\":\"desk\"}",
    customer, s, e, s, e);

  fx_append (store, "appointment.created", appt, end - 2 * DAY, payload, NULL);
  fx_append (store, "appointment.status.updated", appt, end, "{\"status\":\"completed\"}", NULL);
}

static void
review (AhiStore   *store,
        guint       n,
        int         rating,
        gint64      at,
        const char *customer,
        const char *appt)
{
  g_autofree char *id = make_id (0xb, n);
  g_autoptr(GString) payload = g_string_new (NULL);

  g_string_printf (payload, "{\"rating\":%d,\"source\":\"google\"", rating);
  if (customer != NULL)
    g_string_append_printf (payload, ",\"customer_id\":\"%s\"", customer);
  if (appt != NULL)
    g_string_append_printf (payload, ",\"appointment_id\":\"%s\"", appt);
  g_string_append_c (payload, '}');
  fx_append (store, "review.received", id, at, payload->str, "{\"comment\":\"Yorum\"}");
}

#define AGO(days) (now - (gint64) (days) * DAY)

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  now = fx_time ("2027-03-01T09:00:00Z");
  fx->store = fx_store_new ("reputation.db");
  fx->tenant_id = fx_create_tenant (fx->store, "hair_beauty");
  fx->owner_id = ahi_tenant_owner_id (fx->tenant_id);
  fx_append (fx->store, "service.created", SERVICE, fx_time ("2026-06-01T07:00:00Z"),
             "{\"code\":\"kesim\",\"name\":\"Kesim\",\"duration_min\":60,\"price_minor\":90000,"
             "\"vat_rate_bp\":2000,\"resource_kinds\":[]}", NULL);
  add_customer (fx->store, CUST ("01"), TRUE);

  /* The last 30 days: 5, 4, 4, 2, 1. */
  review (fx->store, 1, 5, AGO (25), NULL, NULL);
  review (fx->store, 2, 4, AGO (20), NULL, NULL);
  review (fx->store, 3, 4, AGO (15), NULL, NULL);
  review (fx->store, 4, 2, AGO (10), CUST ("01"), NULL);
  review (fx->store, 5, 1, AGO (5), NULL, NULL);
  /* The 30 days before: 5, 5, 3. */
  review (fx->store, 6, 5, AGO (50), NULL, NULL);
  review (fx->store, 7, 5, AGO (40), NULL, NULL);
  review (fx->store, 8, 3, AGO (45), NULL, NULL);
  /* Older still: 5, 5, 4. */
  review (fx->store, 9, 5, AGO (70), NULL, NULL);
  review (fx->store, 10, 5, AGO (75), NULL, NULL);
  review (fx->store, 11, 4, AGO (80), NULL, NULL);

  /* The 2-star review was already dealt with (alert raised, resolved). */
  fx_append (fx->store, "ops.alert.raised", "01900000-0000-7000-8000-0000000000c0", AGO (9),
             "{\"kind\":\"low_rating\",\"severity\":\"warning\",\"subject_entity\":\"review\","
             "\"subject_id\":\"01900000-0000-7000-8000-000b00000004\"}", NULL);
  fx_append (fx->store, "ops.alert.resolved", "01900000-0000-7000-8000-0000000000c0", AGO (8),
             "{\"resolution\":\"Arandı\"}", NULL);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  fx_store_free (fx->store);
  g_free (fx->tenant_id);
  g_free (fx->owner_id);
}

static void
test_summary (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  AhiReputationSummary sum;
  const guint distribution[5] = { 1, 1, 0, 2, 1 };

  /* 5 + 4 + 4 + 2 + 1 = 16 over 5: 3,20 → 320. The 30 days before:
   * 13 ÷ 3 = 4,333 → 433 (rounded down). Trend 320 − 433 = −113. */
  g_assert_true (ahi_reputation_summary (ahi_store_get_db (fx->store), AGO (30), now, &sum, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sum.count, ==, 5);
  g_assert_cmpint (sum.average_hundredths, ==, 320);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (sum.distribution[i], ==, distribution[i]);
  g_assert_cmpuint (sum.previous_count, ==, 3);
  g_assert_cmpint (sum.previous_average_hundredths, ==, 433);
  g_assert_true (sum.has_trend);
  g_assert_cmpint (sum.trend_hundredths, ==, -113);

  /* 30 days before that: 14 ÷ 3 = 4,667 → 467 (rounded up); nothing
   * older, so no trend. */
  g_assert_true (ahi_reputation_summary (ahi_store_get_db (fx->store), AGO (90), AGO (60), &sum, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sum.count, ==, 3);
  g_assert_cmpint (sum.average_hundredths, ==, 467);
  g_assert_cmpuint (sum.previous_count, ==, 0);
  g_assert_false (sum.has_trend);

  /* An empty window. */
  g_assert_true (ahi_reputation_summary (ahi_store_get_db (fx->store), now, now + DAY, &sum, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sum.count, ==, 0);
  g_assert_cmpint (sum.average_hundredths, ==, 0);
}

static void
test_recovery (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  AhiEvent *event;
  JsonObject *detail;
  guint n = 99;

  /* Ratings ≤ 3 since 90 days ago: the 3 (45 days ago), the 2 (has its
   * alert) and the 1 (5 days ago): two alerts, oldest first. */
  events = ahi_reputation_build_recovery_alerts (fx->store, AGO (90), now, fx->owner_id, "owner", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);
  event = g_ptr_array_index (events, 0);
  g_assert_cmpstr (event->type, ==, "ops.alert.raised");
  g_assert_cmpstr (json_object_get_string_member (event->payload, "kind"), ==, "low_rating");
  g_assert_cmpstr (json_object_get_string_member (event->payload, "subject_entity"), ==, "review");
  g_assert_cmpstr (json_object_get_string_member (event->payload, "subject_id"), ==,
                   "01900000-0000-7000-8000-000b00000008");
  g_assert_cmpstr (json_object_get_string_member (event->payload, "severity"), ==, "warning");
  detail = json_object_get_object_member (event->payload, "detail");
  g_assert_cmpint (json_object_get_int_member (detail, "rating"), ==, 3);
  event = g_ptr_array_index (events, 1);
  g_assert_cmpstr (json_object_get_string_member (event->payload, "subject_id"), ==,
                   "01900000-0000-7000-8000-000b00000005");
  g_assert_cmpstr (json_object_get_string_member (event->payload, "severity"), ==, "critical");
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Only since 30 days ago: the 1 alone. Raised, it is an open alert. */
  g_assert_true (ahi_reputation_raise_recovery_alerts (fx->store, AGO (30), now, fx->owner_id, "owner", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM ops_alerts WHERE resolved_at IS NULL AND kind = 'low_rating'"
                                      " AND subject_id = '01900000-0000-7000-8000-000b00000005'"), ==, 1);
  g_assert_cmpint (fx_int (fx->store, "SELECT raised_at FROM ops_alerts WHERE subject_id ="
                                      " '01900000-0000-7000-8000-000b00000005'"), ==, now);

  /* Again: nothing new. */
  g_assert_true (ahi_reputation_raise_recovery_alerts (fx->store, AGO (30), now, fx->owner_id, "owner", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
}

static void
test_review_requests (Fixture *fx, gconstpointer data)
{
  AhiStore *s = fx->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *r1_late = make_id (0xa, 1);
  g_autofree char *r1_early = make_id (0xa, 2);
  g_autofree char *r2 = make_id (0xa, 3);
  g_autofree char *r3 = make_id (0xa, 4);
  g_autofree char *r4 = make_id (0xa, 5);
  g_autofree char *r5 = make_id (0xa, 6);
  g_autofree char *r6 = make_id (0xa, 7);
  g_autofree char *due = NULL;
  AhiEvent *event;
  guint n = 99;

  add_customer (s, CUST ("11"), TRUE);
  add_customer (s, CUST ("12"), TRUE);
  add_customer (s, CUST ("13"), TRUE);
  add_customer (s, CUST ("14"), FALSE);
  add_customer (s, CUST ("15"), TRUE);
  add_customer (s, CUST ("16"), TRUE);

  /* The look-back is delay 3 h + 24 h = 27 h.
   * R1: two visits, 2 h and 20 h ago: asked once, about the later one,
   *     due 3 h after it ended: now + 1 h. */
  visit (s, r1_late, CUST ("11"), now - 2 * HOUR);
  visit (s, r1_early, CUST ("11"), now - 20 * HOUR);
  /* R2: 10 h ago: due 7 h ago, so now. */
  visit (s, r2, CUST ("12"), now - 10 * HOUR);
  /* R3: 30 h ago: outside the look-back. */
  visit (s, r3, CUST ("13"), now - 30 * HOUR);
  /* R4: no marketing consent. */
  visit (s, r4, CUST ("14"), now - 5 * HOUR);
  /* R5: already reviewed that visit. */
  visit (s, r5, CUST ("15"), now - 5 * HOUR);
  review (s, 20, 5, now - HOUR, CUST ("15"), r5);
  /* R6: a rebook message went out 5 days ago: inside the cap. */
  visit (s, r6, CUST ("16"), now - 5 * HOUR);
  fx_append (s, "reminder.created", "01900000-0000-7000-8000-000d00000001", AGO (5),
             "{\"customer_id\":\"" CUST ("16") "\",\"channel\":\"whatsapp\",\"purpose\":\"rebook\","
             "\"due_at\":\"2027-02-24T09:00:00Z\",\"template\":\"t1\"}", NULL);

  events = ahi_reputation_build_review_requests (s, now, fx->owner_id, "owner", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);
  event = g_ptr_array_index (events, 0);
  g_assert_cmpstr (event->type, ==, "reminder.created");
  g_assert_cmpstr (json_object_get_string_member (event->payload, "customer_id"), ==, CUST ("11"));
  g_assert_cmpstr (json_object_get_string_member (event->payload, "appointment_id"), ==, r1_late);
  g_assert_cmpstr (json_object_get_string_member (event->payload, "purpose"), ==, "review_request");
  g_assert_cmpstr (json_object_get_string_member (event->payload, "channel"), ==, "whatsapp");
  due = ahi_time_format_utc (now + HOUR);
  g_assert_cmpstr (json_object_get_string_member (event->payload, "due_at"), ==, due);
  event = g_ptr_array_index (events, 1);
  g_assert_cmpstr (json_object_get_string_member (event->payload, "customer_id"), ==, CUST ("12"));
  g_clear_pointer (&due, g_free);
  due = ahi_time_format_utc (now);
  g_assert_cmpstr (json_object_get_string_member (event->payload, "due_at"), ==, due);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Queued for real: two reminders; a second run finds nobody (asked
   * about those visits, and inside the cap). */
  g_assert_true (ahi_reputation_queue_review_requests (s, now, fx->owner_id, "owner", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (fx_int (s, "SELECT count(*) FROM reminders WHERE purpose = 'review_request'"), ==, 2);
  g_assert_true (ahi_reputation_queue_review_requests (s, now + HOUR, fx->owner_id, "owner", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ahi_store_module_init ();

#define ADD(path, func) \
  g_test_add ("/store/reputation/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("summary", test_summary);
  ADD ("recovery", test_recovery);
  ADD ("review-requests", test_review_requests);
#undef ADD

  return g_test_run ();
}
