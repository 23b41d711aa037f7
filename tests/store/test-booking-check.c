/* test-booking-check.c — what a booking may take, judged on a real store,
 * every expectation worked out by hand
 *
 * A hair salon in Europe/Istanbul (UTC+3), bootstrapped from its
 * blueprint (chairs Koltuk 1–3, an owner without skills), then:
 *
 *   - open Monday–Saturday 09:00–19:00 (the blueprint's 20:00 cut back);
 *   - Tuesday 2026-12-08 closed (Envanter);
 *   - Ayşe (skills: specialist) works Monday 09:00–17:00 and is on leave
 *     Monday 2026-12-07 14:00–16:00 local (11:00–13:00Z);
 *   - Koltuk 3 out of service.
 *
 * Monday 2026-12-07 local HH:MM is (HH − 3):MMZ. Bookings are judged by
 * ahi_booking_check through ahi_store_append_checked, as the server's
 * routes and push do.
 */
#include "ahi-test-fixture.h"
#include "core/ahi-kpi.h"
#include "core/ahi-time.h"
#include "store/engine/ahi-booking-check.h"
#include "store/engine/ahi-kpi-query.h"
#include "store/sync/ahi-sync-server.h"
#include "store/ahi-event-log.h"
#include "store/ahi-store-dump.h"
#include "store/ahi-store-error.h"

#define AYSE      "01900000-0000-7000-8000-0000000000e1"
#define CUSTOMER  "01900000-0000-7000-8000-0000000000c1"
#define LEAVE     "01900000-0000-7000-8000-0000000000f1"
#define CLOSURE   "01900000-0000-7000-8000-0000000000f2"
#define APPT_A    "01900000-0000-7000-8000-0000000000a1"
#define APPT_B    "01900000-0000-7000-8000-0000000000a2"
#define APPT_C    "01900000-0000-7000-8000-0000000000a3"
#define APPT_X    "01900000-0000-7000-8000-0000000000a9"
#define DEVICE    "01900000-0000-7000-8000-0000000000da"

typedef struct {
  AhiStore *store;
  char     *tenant_id;
  char     *owner;
  char     *chair1;
  char     *chair2;
  char     *chair3;
  char     *cut;        /* kadin_sac_kesimi: 60 min, chair + specialist */
  char     *cut_beard;  /* sac_sakal: 45 min, chair + specialist */
} Fixture;

static char *
resource_id (Fixture    *fx,
             const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT resource_id FROM tenant_resources WHERE name = '%s'", name);

  return fx_text (fx->store, sql);
}

static char *
service_id (Fixture    *fx,
            const char *code)
{
  g_autofree char *sql = g_strdup_printf ("SELECT service_id FROM services WHERE code = '%s'", code);

  return fx_text (fx->store, sql);
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  gint64 at = fx_time ("2026-12-01T07:00:00Z");

  fx->store = fx_store_new ("booking.db");
  fx->tenant_id = fx_create_tenant (fx->store, "hair_beauty");
  fx->owner = ahi_tenant_owner_id (fx->tenant_id);
  fx->chair1 = resource_id (fx, "Koltuk 1");
  fx->chair2 = resource_id (fx, "Koltuk 2");
  fx->chair3 = resource_id (fx, "Koltuk 3");
  fx->cut = service_id (fx, "kadin_sac_kesimi");
  fx->cut_beard = service_id (fx, "sac_sakal");

  fx_append (fx->store, "tenant.settings.updated", fx->tenant_id, at,
             "{\"opening_hours\":["
             "{\"weekday\":1,\"opens\":\"09:00\",\"closes\":\"19:00\"},{\"weekday\":2,\"opens\":\"09:00\",\"closes\":\"19:00\"},"
             "{\"weekday\":3,\"opens\":\"09:00\",\"closes\":\"19:00\"},{\"weekday\":4,\"opens\":\"09:00\",\"closes\":\"19:00\"},"
             "{\"weekday\":5,\"opens\":\"09:00\",\"closes\":\"19:00\"},{\"weekday\":6,\"opens\":\"09:00\",\"closes\":\"19:00\"}]}",
             NULL);
  fx_append (fx->store, "business.closure.added", CLOSURE, at,
             "{\"starts_on\":\"2026-12-08\",\"ends_on\":\"2026-12-08\",\"reason\":\"Envanter\"}", NULL);
  fx_append (fx->store, "staff.created", AYSE, at, "{\"role\":\"staff\",\"skills\":[\"specialist\"]}",
             "{\"display_name\":\"Ayşe Yılmaz\"}");
  fx_append (fx->store, "staff.hours.set", AYSE, at,
             "{\"intervals\":[{\"weekday\":1,\"starts\":\"09:00\",\"ends\":\"17:00\"}]}", NULL);
  fx_append (fx->store, "staff.absence.added", LEAVE, at,
             "{\"staff_id\":\"" AYSE "\",\"kind\":\"leave\",\"starts_at\":\"2026-12-07T11:00:00Z\","
             "\"ends_at\":\"2026-12-07T13:00:00Z\"}", NULL);
  {
    g_autofree char *chair3 = g_strdup (fx->chair3);
    fx_append (fx->store, "resource.updated", chair3, at, "{\"in_service\":false}", NULL);
  }
  fx_append (fx->store, "customer.created", CUSTOMER, at, "{\"source\":\"phone\"}",
             "{\"full_name\":\"Deniz Yıldız\",\"phone\":\"+905321234567\"}");
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  fx_store_free (fx->store);
  g_free (fx->tenant_id);
  g_free (fx->owner);
  g_free (fx->chair1);
  g_free (fx->chair2);
  g_free (fx->chair3);
  g_free (fx->cut);
  g_free (fx->cut_beard);
}

/* A booking of one service starting at start (UTC), minutes long, with
 * staff (NULL: nobody) in chair, with the extra payload members extra
 * (",\"override\":…" or ""). */
static AhiEvent *
booking (Fixture    *fx,
         const char *appointment_id,
         const char *role,
         const char *source,
         const char *service,
         const char *staff,
         const char *chair,
         const char *start,
         int         minutes,
         const char *extra)
{
  gint64 from = fx_time (start);
  g_autofree char *end = ahi_time_format_utc (from + minutes * 60);
  g_autofree char *person = staff != NULL ? g_strdup_printf ("\"staff_id\":\"%s\",", staff) : g_strdup ("");
  g_autofree char *payload = g_strdup_printf (
    "{\"customer_id\":\"" CUSTOMER "\",\"starts_at\":\"%s\",\"ends_at\":\"%s\","
    "\"items\":[{\"service_id\":\"%s\",%s\"resource_ids\":[\"%s\"],\"starts_at\":\"%s\",\"ends_at\":\"%s\","
    "\"price_minor\":90000}],\"source\":\"%s\"%s}",
    start, end, service, person, chair, start, end, source, extra);
  AhiEvent *event = fx_event (fx->store, "appointment.created", appointment_id, fx_time ("2026-12-01T07:00:00Z"),
                              payload, NULL);

  g_free (event->actor_role);
  event->actor_role = g_strdup (role);
  return event;
}

/* A move of a one-item appointment to start (UTC), minutes long, with
 * staff in chair. */
static AhiEvent *
move (Fixture    *fx,
      const char *appointment_id,
      const char *staff,
      const char *chair,
      const char *start,
      int         minutes,
      const char *extra)
{
  gint64 from = fx_time (start);
  g_autofree char *end = ahi_time_format_utc (from + minutes * 60);
  g_autofree char *person = staff != NULL ? g_strdup_printf ("\"staff_id\":\"%s\",", staff) : g_strdup ("");
  g_autofree char *payload = g_strdup_printf (
    "{\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"items\":[{%s\"resource_ids\":[\"%s\"],"
    "\"starts_at\":\"%s\",\"ends_at\":\"%s\"}]%s}", start, end, person, chair, start, end, extra);

  return fx_event (fx->store, "appointment.moved", appointment_id, fx_time ("2026-12-02T07:00:00Z"), payload, NULL);
}

/* Appends event as the server would for an actor in role at now;
 * returns the refusal (NULL: accepted). The event is freed. */
static GError *
judge (Fixture    *fx,
       AhiEvent   *event,
       const char *role,
       const char *now)
{
  g_autoptr(AhiEvent) owned = event;
  AhiBookingActor actor = { role, fx_time (now) };
  GError *error = NULL;
  gboolean duplicate = TRUE;

  if (ahi_store_append_checked (fx->store, owned, ahi_booking_store_check, &actor, &duplicate, &error))
    g_assert_false (duplicate);
  return error;
}

static void
assert_accepted (GError *error)
{
  g_assert_no_error (error);
}

static void
assert_refused (GError *error,
                int     code)
{
  g_assert_error (error, AHI_STORE_ERROR, code);
  g_error_free (error);
}

static gint64
appointments (Fixture *fx)
{
  return fx_int (fx->store, "SELECT count (*) FROM appointments");
}

/* ----------------------------------------------------------- the rules */

static void
test_opening_hours (Fixture       *fx,
                    gconstpointer  data)
{
  const char *now = "2026-12-01T07:00:00Z";

  /* 18:45 + 45 min = 19:30, half an hour past the 19:00 close. */
  assert_refused (judge (fx, booking (fx, APPT_A, "owner", "desk", fx->cut_beard, NULL, fx->chair1,
                                      "2026-12-07T15:45:00Z", 45, ""), "owner", now),
                  AHI_STORE_ERROR_OUTSIDE_OPENING_HOURS);
  /* The same cut sent as 18:45–19:00: the service takes 45 minutes
   * whatever the item says, so it is judged 18:45–19:30. */
  assert_refused (judge (fx, booking (fx, APPT_A, "owner", "desk", fx->cut_beard, NULL, fx->chair1,
                                      "2026-12-07T15:45:00Z", 15, ""), "owner", now),
                  AHI_STORE_ERROR_OUTSIDE_OPENING_HOURS);
  /* Before 09:00 too: 08:30–09:15. */
  assert_refused (judge (fx, booking (fx, APPT_A, "owner", "desk", fx->cut_beard, NULL, fx->chair1,
                                      "2026-12-07T05:30:00Z", 45, ""), "owner", now),
                  AHI_STORE_ERROR_OUTSIDE_OPENING_HOURS);
  /* Tuesday is a closure: 10:00 is inside its hours, but the day is shut. */
  assert_refused (judge (fx, booking (fx, APPT_A, "owner", "desk", fx->cut_beard, NULL, fx->chair1,
                                      "2026-12-08T07:00:00Z", 45, ""), "owner", now),
                  AHI_STORE_ERROR_OUTSIDE_OPENING_HOURS);
  /* Sunday has no opening interval at all. */
  assert_refused (judge (fx, booking (fx, APPT_A, "owner", "desk", fx->cut_beard, NULL, fx->chair1,
                                      "2026-12-06T07:00:00Z", 45, ""), "owner", now),
                  AHI_STORE_ERROR_OUTSIDE_OPENING_HOURS);
  g_assert_cmpint (appointments (fx), ==, 0);

  /* 18:15 + 45 min = 19:00: ends as the salon closes, inside. Off the
   * 15-minute grid is fine too: 09:05. */
  assert_accepted (judge (fx, booking (fx, APPT_A, "staff", "desk", fx->cut_beard, NULL, fx->chair1,
                                       "2026-12-07T15:15:00Z", 45, ""), "staff", now));
  assert_accepted (judge (fx, booking (fx, APPT_B, "staff", "desk", fx->cut_beard, NULL, fx->chair1,
                                       "2026-12-07T06:05:00Z", 45, ""), "staff", now));
  g_assert_cmpint (appointments (fx), ==, 2);
}

static void
test_staff (Fixture       *fx,
            gconstpointer  data)
{
  const char *now = "2026-12-01T07:00:00Z";

  /* Ayşe works until 17:00: 17:30 is inside the salon's hours, not hers. */
  assert_refused (judge (fx, booking (fx, APPT_A, "owner", "desk", fx->cut, AYSE, fx->chair1,
                                      "2026-12-07T14:30:00Z", 60, ""), "owner", now),
                  AHI_STORE_ERROR_STAFF_UNAVAILABLE);
  /* On leave 14:00–16:00: a cut 13:30–14:30 runs into it. */
  assert_refused (judge (fx, booking (fx, APPT_A, "owner", "desk", fx->cut, AYSE, fx->chair1,
                                      "2026-12-07T10:30:00Z", 60, ""), "owner", now),
                  AHI_STORE_ERROR_STAFF_UNAVAILABLE);
  /* The owner works the opening hours but has no "specialist" skill. */
  {
    g_autofree char *owner = g_strdup (fx->owner);
    assert_refused (judge (fx, booking (fx, APPT_A, "owner", "desk", fx->cut, owner, fx->chair1,
                                        "2026-12-07T07:00:00Z", 60, ""), "owner", now),
                    AHI_STORE_ERROR_STAFF_UNAVAILABLE);
  }
  g_assert_cmpint (appointments (fx), ==, 0);

  /* 13:00–14:00 touches the leave: accepted. So is 17:30 with nobody
   * named: the desk assigns a person later. */
  assert_accepted (judge (fx, booking (fx, APPT_A, "owner", "desk", fx->cut, AYSE, fx->chair1,
                                       "2026-12-07T10:00:00Z", 60, ""), "owner", now));
  assert_accepted (judge (fx, booking (fx, APPT_B, "owner", "desk", fx->cut, NULL, fx->chair1,
                                       "2026-12-07T14:30:00Z", 60, ""), "owner", now));
}

static void
test_resources (Fixture       *fx,
                gconstpointer  data)
{
  const char *now = "2026-12-01T07:00:00Z";
  g_autofree char *chair3 = g_strdup (fx->chair3);
  GError *error;

  assert_refused (judge (fx, booking (fx, APPT_A, "owner", "desk", fx->cut, AYSE, chair3,
                                      "2026-12-07T07:00:00Z", 60, ""), "owner", now),
                  AHI_STORE_ERROR_RESOURCE_OUT_OF_SERVICE);

  /* Double booking: Koltuk 1 10:00–11:00, then 10:30 on it. The one in
   * the way is named; no override lifts it, not even the owner's. */
  assert_accepted (judge (fx, booking (fx, APPT_A, "owner", "desk", fx->cut, AYSE, fx->chair1,
                                       "2026-12-07T07:00:00Z", 60, ""), "owner", now));
  error = judge (fx, booking (fx, APPT_B, "owner", "desk", fx->cut, NULL, fx->chair1,
                              "2026-12-07T07:30:00Z", 60, ",\"override\":\"outside_hours\""), "owner", now);
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_RESOURCE_BUSY);
  {
    g_autofree char *conflict = ahi_booking_error_conflict_id (error);
    g_assert_cmpstr (conflict, ==, APPT_A);
  }
  g_error_free (error);
  g_assert_cmpint (appointments (fx), ==, 1);

  /* One booking whose two items hold Koltuk 2 at once (12:00–13:00 and
   * 12:30–13:30): no slot offers that; the booking itself is named. */
  {
    g_autofree char *payload = g_strdup_printf (
      "{\"customer_id\":\"" CUSTOMER "\",\"starts_at\":\"2026-12-07T09:00:00Z\",\"ends_at\":\"2026-12-07T10:30:00Z\","
      "\"items\":[{\"service_id\":\"%s\",\"resource_ids\":[\"%s\"],\"starts_at\":\"2026-12-07T09:00:00Z\","
      "\"ends_at\":\"2026-12-07T10:00:00Z\",\"price_minor\":90000},"
      "{\"service_id\":\"%s\",\"resource_ids\":[\"%s\"],\"starts_at\":\"2026-12-07T09:30:00Z\","
      "\"ends_at\":\"2026-12-07T10:30:00Z\",\"price_minor\":90000}],\"source\":\"desk\"}",
      fx->cut, fx->chair2, fx->cut, fx->chair2);

    error = judge (fx, fx_event (fx->store, "appointment.created", APPT_B, fx_time ("2026-12-01T07:00:00Z"),
                                 payload, NULL), "owner", now);
    g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_RESOURCE_BUSY);
    {
      g_autofree char *conflict = ahi_booking_error_conflict_id (error);
      g_assert_cmpstr (conflict, ==, APPT_B);
    }
    g_error_free (error);
  }
  g_assert_cmpint (appointments (fx), ==, 1);

  /* A service taken off the menu is offered by no slot: not bookable. */
  fx_append (fx->store, "service.updated", fx->cut, fx_time ("2026-12-01T07:00:00Z"), "{\"active\":false}", NULL);
  assert_refused (judge (fx, booking (fx, APPT_B, "owner", "desk", fx->cut, NULL, fx->chair2,
                                      "2026-12-07T08:00:00Z", 60, ""), "owner", now),
                  AHI_STORE_ERROR_INVALID_STATE);
  g_assert_cmpint (appointments (fx), ==, 1);
}

/* ------------------------------------------------------------ override */

static void
test_override (Fixture       *fx,
               gconstpointer  data)
{
  const char *override = ",\"override\":\"outside_hours\"";
  g_autofree char *chair3 = g_strdup (fx->chair3);
  g_autofree char *logged = NULL;

  /* A manager books the 18:45 cut on purpose; the override is on the
   * logged event. */
  assert_accepted (judge (fx, booking (fx, APPT_A, "manager", "desk", fx->cut_beard, NULL, fx->chair1,
                                       "2026-12-07T15:45:00Z", 45, override), "manager", "2026-12-01T07:00:00Z"));
  logged = fx_text (fx->store, "SELECT json_extract (payload, '$.override') FROM tenant_event_logs"
                               " WHERE entity_id = '" APPT_A "'");
  g_assert_cmpstr (logged, ==, "outside_hours");

  /* The owner may take an out-of-service chair on a closed day. */
  assert_accepted (judge (fx, booking (fx, APPT_B, "owner", "phone", fx->cut, NULL, chair3,
                                      "2026-12-08T07:00:00Z", 60, override), "owner", "2026-12-01T07:00:00Z"));

  /* Staff: a walk-in 18:50–19:35 (15:50Z) in Koltuk 2. Judged 2 hours
   * later (20:50 at the desk) it is refused, and the refusal names the
   * rule; seated now, 18:45 at the desk (5 minutes before), accepted. */
  assert_refused (judge (fx, booking (fx, APPT_C, "staff", "walk_in", fx->cut_beard, NULL, fx->chair2,
                                      "2026-12-07T15:50:00Z", 45, override), "staff", "2026-12-07T17:50:00Z"),
                  AHI_STORE_ERROR_OUTSIDE_OPENING_HOURS);
  assert_accepted (judge (fx, booking (fx, APPT_C, "staff", "walk_in", fx->cut_beard, NULL, fx->chair2,
                                       "2026-12-07T15:50:00Z", 45, override), "staff", "2026-12-07T15:45:00Z"));
  /* One booked 2 hours ahead (16:50 at the desk for 19:50): refused. */
  assert_refused (judge (fx, booking (fx, APPT_X, "staff", "walk_in", fx->cut_beard, NULL, fx->chair2,
                                      "2026-12-07T16:50:00Z", 45, override), "staff", "2026-12-07T14:50:00Z"),
                  AHI_STORE_ERROR_OUTSIDE_OPENING_HOURS);
  /* 16 minutes after the start is outside the window too; exactly 15 is
   * inside it (on Koltuk 1 after the manager's booking: 19:30). */
  assert_refused (judge (fx, booking (fx, APPT_X, "staff", "walk_in", fx->cut_beard, NULL, fx->chair1,
                                      "2026-12-07T16:30:00Z", 30, override), "staff", "2026-12-07T16:46:00Z"),
                  AHI_STORE_ERROR_OUTSIDE_OPENING_HOURS);
  /* Not a walk-in: staff may not override, now or ever. */
  assert_refused (judge (fx, booking (fx, APPT_X, "staff", "desk", fx->cut_beard, NULL, fx->chair1,
                                      "2026-12-07T16:30:00Z", 30, override), "staff", "2026-12-07T16:30:00Z"),
                  AHI_STORE_ERROR_OUTSIDE_OPENING_HOURS);
  assert_accepted (judge (fx, booking (fx, APPT_X, "staff", "walk_in", fx->cut_beard, NULL, fx->chair1,
                                       "2026-12-07T16:30:00Z", 30, override), "staff", "2026-12-07T16:45:00Z"));
  g_assert_cmpint (appointments (fx), ==, 4);
}

/* --------------------------------------------------------------- moves */

static void
test_move (Fixture       *fx,
           gconstpointer  data)
{
  const char *now = "2026-12-01T07:00:00Z";
  GError *error;

  /* A: Ayşe in Koltuk 1, 10:00–11:00. B: Koltuk 2, 12:00–13:00. */
  assert_accepted (judge (fx, booking (fx, APPT_A, "owner", "desk", fx->cut, AYSE, fx->chair1,
                                       "2026-12-07T07:00:00Z", 60, ""), "owner", now));
  assert_accepted (judge (fx, booking (fx, APPT_B, "owner", "desk", fx->cut, NULL, fx->chair2,
                                       "2026-12-07T09:00:00Z", 60, ""), "owner", now));

  /* Half an hour later, over its own old time: A is not in its own way. */
  assert_accepted (judge (fx, move (fx, APPT_A, AYSE, fx->chair1, "2026-12-07T07:30:00Z", 60, ""), "staff", now));
  g_assert_cmpint (fx_int (fx->store, "SELECT starts_at FROM appointments WHERE appointment_id = '" APPT_A "'"), ==,
                   fx_time ("2026-12-07T07:30:00Z"));
  g_assert_cmpint (fx_int (fx->store, "SELECT ends_at FROM appointment_resources WHERE appointment_id = '" APPT_A "'"),
                   ==, fx_time ("2026-12-07T08:30:00Z"));

  /* Onto Koltuk 2 at 12:30: B holds it until 13:00. */
  error = judge (fx, move (fx, APPT_A, NULL, fx->chair2, "2026-12-07T09:30:00Z", 60, ""), "owner", now);
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_RESOURCE_BUSY);
  {
    g_autofree char *conflict = ahi_booking_error_conflict_id (error);
    g_assert_cmpstr (conflict, ==, APPT_B);
  }
  g_error_free (error);
  /* Into Ayşe's leave (14:00 local), past the close (18:30 + 60), onto the
   * chair out of service: each rule, as for a booking. */
  assert_refused (judge (fx, move (fx, APPT_A, AYSE, fx->chair1, "2026-12-07T11:00:00Z", 60, ""), "owner", now),
                  AHI_STORE_ERROR_STAFF_UNAVAILABLE);
  assert_refused (judge (fx, move (fx, APPT_A, NULL, fx->chair1, "2026-12-07T15:30:00Z", 60, ""), "owner", now),
                  AHI_STORE_ERROR_OUTSIDE_OPENING_HOURS);
  {
    g_autofree char *chair3 = g_strdup (fx->chair3);
    assert_refused (judge (fx, move (fx, APPT_A, NULL, chair3, "2026-12-07T07:30:00Z", 60, ""), "owner", now),
                    AHI_STORE_ERROR_RESOURCE_OUT_OF_SERVICE);
    /* The manager's override moves it there all the same. */
    assert_accepted (judge (fx, move (fx, APPT_A, NULL, chair3, "2026-12-07T15:30:00Z", 60,
                                      ",\"override\":\"outside_hours\""), "manager", now));
  }
  /* Nothing of the refused moves stuck: A is at 18:30 in Koltuk 3, nobody. */
  g_assert_cmpint (fx_int (fx->store, "SELECT starts_at FROM appointments WHERE appointment_id = '" APPT_A "'"), ==,
                   fx_time ("2026-12-07T15:30:00Z"));
  g_assert_cmpint (fx_int (fx->store, "SELECT staff_id IS NULL FROM appointment_items WHERE appointment_id = '"
                                      APPT_A "'"), ==, 1);

  /* A cancelled appointment does not move; nor does one with another
   * number of items (A has one). */
  {
    g_autoptr(AhiEvent) two = fx_event (fx->store, "appointment.moved", APPT_B, fx_time (now),
      "{\"starts_at\":\"2026-12-07T10:00:00Z\",\"ends_at\":\"2026-12-07T12:00:00Z\",\"items\":["
      "{\"starts_at\":\"2026-12-07T10:00:00Z\",\"ends_at\":\"2026-12-07T11:00:00Z\"},"
      "{\"starts_at\":\"2026-12-07T11:00:00Z\",\"ends_at\":\"2026-12-07T12:00:00Z\"}]}", NULL);
    g_autoptr(GError) wrong = NULL;

    g_assert_false (ahi_store_append (fx->store, two, NULL, &wrong));
    g_assert_error (wrong, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE);
  }
  fx_append (fx->store, "appointment.cancelled", APPT_B, fx_time (now), "{\"cancelled_by\":\"customer\"}", NULL);
  assert_refused (judge (fx, move (fx, APPT_B, NULL, fx->chair2, "2026-12-07T10:00:00Z", 60, ""), "owner", now),
                  AHI_STORE_ERROR_INVALID_STATE);
}

static gint64
cancellation_bp (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  AhiKpiValue value = { 0 };

  /* Monday 2026-12-07, local midnight to midnight. */
  g_assert_true (ahi_kpi_compute (ahi_store_get_db (fx->store), "cancellation_rate_pct",
                                  fx_time ("2026-12-06T21:00:00Z"), fx_time ("2026-12-07T21:00:00Z"), &value, &error));
  g_assert_no_error (error);
  g_assert_true (value.has_value);
  return value.value;
}

static void
test_move_is_not_a_cancellation (Fixture       *fx,
                                 gconstpointer  data)
{
  const char *now = "2026-12-01T07:00:00Z";

  /* Monday: A 10:00, B 12:00, C 15:00; C is cancelled. 1 of 3 cancelled:
   * 1 ÷ 3 = 3333.33 bp → 3333. */
  assert_accepted (judge (fx, booking (fx, APPT_A, "owner", "desk", fx->cut, AYSE, fx->chair1,
                                       "2026-12-07T07:00:00Z", 60, ""), "owner", now));
  assert_accepted (judge (fx, booking (fx, APPT_B, "owner", "desk", fx->cut, NULL, fx->chair2,
                                       "2026-12-07T09:00:00Z", 60, ""), "owner", now));
  assert_accepted (judge (fx, booking (fx, APPT_C, "owner", "desk", fx->cut, NULL, fx->chair1,
                                       "2026-12-07T12:00:00Z", 60, ""), "owner", now));
  fx_append (fx->store, "appointment.cancelled", APPT_C, fx_time (now), "{\"cancelled_by\":\"customer\"}", NULL);
  g_assert_cmpint (cancellation_bp (fx), ==, 3333);

  /* A moves to 16:00 in Koltuk 2, still Monday: still 3 appointments, 1
   * cancelled → 3333. (A cancel and a rebooking would make it 2 of 4 =
   * 5000.) */
  assert_accepted (judge (fx, move (fx, APPT_A, AYSE, fx->chair2, "2026-12-07T13:00:00Z", 60, ""), "staff", now));
  g_assert_cmpint (cancellation_bp (fx), ==, 3333);
  {
    g_autofree char *status = fx_text (fx->store, "SELECT status FROM appointments WHERE appointment_id = '" APPT_A "'");
    g_assert_cmpstr (status, ==, "booked");
  }
}

/* ---------------------------------------------------------------- push */

/* The projections, less the push's own bookkeeping (sync_answers,
 * sync_devices), which a refusal must move on. */
static char *
dump (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = ahi_store_dump_projections (ahi_store_get_db (fx->store), &error);
  g_auto(GStrv) lines = NULL;
  GString *kept = g_string_new (NULL);
  gboolean skip = FALSE;

  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "## "))
        skip = g_str_has_prefix (lines[i], "## sync_");
      if (!skip)
        g_string_append_printf (kept, "%s\n", lines[i]);
    }
  return g_string_free (kept, FALSE);
}

/* Takes the event's claimed role as the actor's: this test is about the
 * booking rules a push meets, not about who acts (test-sync-server.c and
 * the server's test-sync.c prove that). */
static gboolean
trust_claim (AhiStore        *store,
             const AhiEvent  *event,
             AhiSyncActor    *out_actor,
             const char     **out_code,
             char           **out_message,
             gpointer         data,
             GError         **error)
{
  out_actor->role = g_strdup (event->actor_role);
  return TRUE;
}

static void
test_push (Fixture       *fx,
           gconstpointer  data)
{
  const AhiSyncActors actors = { trust_claim, NULL };
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_event_free);
  g_autoptr(JsonArray) answers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump (fx);
  g_autofree char *after = NULL;
  gint64 log_before = fx_int (fx->store, "SELECT count (*) FROM tenant_event_logs");
  gint64 expected = 0;
  AhiEvent *late = booking (fx, APPT_A, "owner", "desk", fx->cut_beard, NULL, fx->chair1,
                            "2026-12-07T15:45:00Z", 45, "");
  AhiEvent *managed = booking (fx, APPT_B, "manager", "desk", fx->cut_beard, NULL, fx->chair2,
                               "2026-12-07T15:45:00Z", 45, ",\"override\":\"outside_hours\"");
  JsonObject *first, *second;

  /* The 18:45 cut from a desk device, then the manager's with the
   * override: the first is refused for good (last_seq moves past it),
   * the second accepted. */
  g_free (late->device_id);
  late->device_id = g_strdup (DEVICE);
  late->device_seq = 1;
  g_free (managed->device_id);
  managed->device_id = g_strdup (DEVICE);
  managed->device_seq = 2;
  g_ptr_array_add (events, late);
  g_ptr_array_add (events, managed);
  g_assert_true (ahi_sync_push (fx->store, DEVICE, &actors, events, &answers, &expected, &error));
  g_assert_no_error (error);
  g_assert_cmpint (expected, ==, 0);

  first = json_array_get_object_element (answers, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (first, "code"), ==, "outside_opening_hours");
  g_assert_false (json_object_has_member (first, "conflict_id"));
  second = json_array_get_object_element (answers, 1);
  g_assert_cmpstr (json_object_get_string_member (second, "status"), ==, "accepted");
  g_assert_cmpint (fx_int (fx->store, "SELECT last_seq FROM sync_devices WHERE device_id = '" DEVICE "'"), ==, 2);

  /* Only the second changed anything: one log row, one appointment. */
  g_assert_cmpint (fx_int (fx->store, "SELECT count (*) FROM tenant_event_logs"), ==, log_before + 1);
  g_assert_cmpint (fx_int (fx->store, "SELECT count (*) FROM appointments WHERE appointment_id = '" APPT_A "'"), ==, 0);
  g_assert_cmpint (appointments (fx), ==, 1);

  /* A refused push of a double booking (Koltuk 2 at 18:50) leaves the
   * log and every projection byte for byte as they were. */
  g_clear_pointer (&before, g_free);
  before = dump (fx);
  log_before = fx_int (fx->store, "SELECT count (*) FROM tenant_event_logs");
  {
    g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_event_free);
    g_autoptr(JsonArray) refused = NULL;
    AhiEvent *busy = booking (fx, APPT_C, "owner", "desk", fx->cut_beard, NULL, fx->chair2,
                              "2026-12-07T15:50:00Z", 30, ",\"override\":\"outside_hours\"");
    JsonObject *answer;

    g_free (busy->device_id);
    busy->device_id = g_strdup (DEVICE);
    busy->device_seq = 3;
    g_ptr_array_add (more, busy);
    g_assert_true (ahi_sync_push (fx->store, DEVICE, &actors, more, &refused, &expected, &error));
    g_assert_no_error (error);
    answer = json_array_get_object_element (refused, 0);
    g_assert_cmpstr (json_object_get_string_member (answer, "code"), ==, "resource_busy");
    g_assert_cmpstr (json_object_get_string_member (answer, "conflict_id"), ==, APPT_B);
  }
  after = dump (fx);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (fx_int (fx->store, "SELECT count (*) FROM tenant_event_logs"), ==, log_before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ahi_store_module_init ();

#define ADD(path, func) g_test_add ("/store/booking-check/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("opening-hours", test_opening_hours);
  ADD ("staff", test_staff);
  ADD ("resources", test_resources);
  ADD ("override", test_override);
  ADD ("move", test_move);
  ADD ("move-is-not-a-cancellation", test_move_is_not_a_cancellation);
  ADD ("push", test_push);
#undef ADD

  return g_test_run ();
}
