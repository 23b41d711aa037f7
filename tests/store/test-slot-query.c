/* test-slot-query.c — free slots and double bookings on a real store,
 * every expectation worked out by hand
 *
 * A dental clinic in Europe/Istanbul (UTC+3), bootstrapped from its
 * blueprint: open Monday–Saturday 09:00–13:00 and 14:00–19:00, rooms
 * "Ünite 1", "Ünite 2", "Röntgen odası", devices "Panoramik röntgen" and
 * "Ağız içi tarayıcı", and an owner without skills. On top of it:
 *
 *   - Dr. Kerem (skills: doctor) works Mon–Wed 09:00–13:00, 14:00–17:00,
 *     has a break Monday 11:00–11:30 and leave from Tuesday 23:00 to
 *     Wednesday 10:00 (local);
 *   - the intra-oral scanner is out of service: one device is left;
 *   - 15 minutes are kept free after each booking;
 *   - Tuesday 2026-12-08 is closed;
 *   - on Monday 2026-12-07, appointment A: an exam with Dr. Kerem in
 *     Ünite 1, 09:30–09:50; appointment B: a panoramic X-ray in the X-ray
 *     room on the panoramic device, 14:00–14:30.
 */
#include "ahi-test-fixture.h"
#include "core/ahi-core-error.h"
#include "core/ahi-json-strict.h"
#include "core/ahi-time.h"
#include "store/engine/ahi-slot-query.h"
#include "store/ahi-store-error.h"

#define DOCTOR    "01900000-0000-7000-8000-0000000000d1"
#define CUSTOMER  "01900000-0000-7000-8000-0000000000c1"
#define APPT_A    "01900000-0000-7000-8000-0000000000a1"
#define APPT_B    "01900000-0000-7000-8000-0000000000a2"

typedef struct {
  AhiStore  *store;
  char      *tenant_id;
  GTimeZone *zone;
  char      *kanal;        /* kanal_tek: 60 min, room + doctor + device */
  char      *muayene;      /* 20 min, room + doctor */
  char      *panoramik;    /* 10 min, room + device */
  char      *unite1;
  char      *unite2;
  char      *xray_room;
  char      *pano;
  char      *scanner;
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
book (Fixture    *fx,
      const char *appointment_id,
      const char *service,
      const char *staff_json,
      const char *resources_json,
      const char *starts_at,
      const char *ends_at)
{
  g_autofree char *payload = g_strdup_printf (
    "{\"customer_id\":\"" CUSTOMER "\",\"starts_at\":\"%s\",\"ends_at\":\"%s\","
    "\"items\":[{\"service_id\":\"%s\",%s\"resource_ids\":%s,\"starts_at\":\"%s\",\"ends_at\":\"%s\","
    "\"price_minor\":200000}],\"source\":\"desk\"}",
    starts_at, ends_at, service, staff_json, resources_json, starts_at, ends_at);

  fx_append (fx->store, "appointment.created", appointment_id, fx_time ("2026-12-01T07:00:00Z"), payload, NULL);
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *hours = NULL;
  g_autofree char *rooms_a = NULL;
  g_autofree char *rooms_b = NULL;
  g_autofree char *settings = NULL;
  gint64 when = fx_time ("2026-11-30T07:00:00Z");

  fx->store = fx_store_new ("slots.db");
  fx->tenant_id = fx_create_tenant (fx->store, "dental_esthetic");
  fx->zone = ahi_timezone_new ("Europe/Istanbul");
  fx->kanal = service_id (fx, "kanal_tek");
  fx->muayene = service_id (fx, "muayene");
  fx->panoramik = service_id (fx, "panoramik_rontgen");
  fx->unite1 = resource_id (fx, "Ünite 1");
  fx->unite2 = resource_id (fx, "Ünite 2");
  fx->xray_room = resource_id (fx, "Röntgen odası");
  fx->pano = resource_id (fx, "Panoramik röntgen");
  fx->scanner = resource_id (fx, "Ağız içi tarayıcı");

  fx_append (fx->store, "staff.created", DOCTOR, when,
             "{\"role\":\"staff\",\"skills\":[\"doctor\"]}", "{\"display_name\":\"Kerem Aydın\"}");
  hours = g_strdup_printf ("{\"intervals\":["
                           "{\"weekday\":1,\"starts\":\"09:00\",\"ends\":\"13:00\"},"
                           "{\"weekday\":1,\"starts\":\"14:00\",\"ends\":\"17:00\"},"
                           "{\"weekday\":2,\"starts\":\"09:00\",\"ends\":\"13:00\"},"
                           "{\"weekday\":2,\"starts\":\"14:00\",\"ends\":\"17:00\"},"
                           "{\"weekday\":3,\"starts\":\"09:00\",\"ends\":\"13:00\"},"
                           "{\"weekday\":3,\"starts\":\"14:00\",\"ends\":\"17:00\"}]}");
  fx_append (fx->store, "staff.hours.set", DOCTOR, when, hours, NULL);
  /* Monday 11:00–11:30 local. */
  fx_append (fx->store, "staff.absence.added", "01900000-0000-7000-8000-0000000000e1", when,
             "{\"staff_id\":\"" DOCTOR "\",\"kind\":\"break\","
             "\"starts_at\":\"2026-12-07T08:00:00Z\",\"ends_at\":\"2026-12-07T08:30:00Z\"}", NULL);
  /* Tuesday 23:00 to Wednesday 10:00 local: it starts on the 8th in UTC
   * and still takes Wednesday's morning. */
  fx_append (fx->store, "staff.absence.added", "01900000-0000-7000-8000-0000000000e2", when,
             "{\"staff_id\":\"" DOCTOR "\",\"kind\":\"leave\","
             "\"starts_at\":\"2026-12-08T20:00:00Z\",\"ends_at\":\"2026-12-09T07:00:00Z\"}", NULL);

  fx_append (fx->store, "resource.updated", fx->scanner, when, "{\"in_service\":false}", NULL);
  settings = g_strdup ("{\"slot_buffer_min\":15}");
  fx_append (fx->store, "tenant.settings.updated", fx->tenant_id, when, settings, NULL);
  fx_append (fx->store, "business.closure.added", "01900000-0000-7000-8000-0000000000f1", when,
             "{\"starts_on\":\"2026-12-08\",\"ends_on\":\"2026-12-08\",\"reason\":\"Bakım günü\"}", NULL);
  fx_append (fx->store, "customer.created", CUSTOMER, when,
             "{\"source\":\"phone\"}", "{\"full_name\":\"Işıl Çağlar\"}");

  rooms_a = g_strdup_printf ("[\"%s\"]", fx->unite1);
  book (fx, APPT_A, fx->muayene, "\"staff_id\":\"" DOCTOR "\",", rooms_a,
        "2026-12-07T06:30:00Z", "2026-12-07T06:50:00Z");
  rooms_b = g_strdup_printf ("[\"%s\",\"%s\"]", fx->xray_room, fx->pano);
  book (fx, APPT_B, fx->panoramik, "", rooms_b,
        "2026-12-07T11:00:00Z", "2026-12-07T11:30:00Z");
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  fx_store_free (fx->store);
  g_free (fx->tenant_id);
  g_time_zone_unref (fx->zone);
  g_free (fx->kanal);
  g_free (fx->muayene);
  g_free (fx->panoramik);
  g_free (fx->unite1);
  g_free (fx->unite2);
  g_free (fx->xray_room);
  g_free (fx->pano);
  g_free (fx->scanner);
}

/* "11:30 11:45 …": the starts as local clock times. */
static char *
starts_text (Fixture   *fx,
             GPtrArray *slots)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < slots->len; i++)
    {
      g_autofree char *clock = ahi_time_format_clock (fx->zone, ((AhiSlot *) slots->pdata[i])->starts_at);

      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", clock);
    }
  return g_string_free (text, FALSE);
}

static void
assert_day (Fixture    *fx,
            const char *service,
            int         mday,
            const char *expected)
{
  const char *services[] = { service, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) slots = ahi_slot_query_day (ahi_store_get_db (fx->store), services,
                                                   2026, 12, mday, G_MININT64, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = starts_text (fx, slots);
  g_assert_cmpstr (text, ==, expected);
}

/* The lowest resource id among rooms, optionally leaving one out. */
static char *
lowest_room (Fixture    *fx,
             const char *except)
{
  g_autofree char *sql = g_strdup_printf ("SELECT resource_id FROM tenant_resources WHERE kind = 'room'"
                                          " AND resource_id <> '%s' ORDER BY resource_id LIMIT 1",
                                          except != NULL ? except : "");

  return fx_text (fx->store, sql);
}

/* ---------------------------------------------------------------- days */

static void
test_monday (Fixture       *fx,
             gconstpointer  data)
{
  const char *services[] = { fx->kanal, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autofree char *room = lowest_room (fx, NULL);
  g_autofree char *expected_ids = NULL;
  g_autofree char *ids = NULL;
  const AhiSlot *first;

  /* Dr. Kerem is free 09:00–11:00, 11:30–13:00 and 14:00–17:00. A (09:30–
   * 09:50) plus 15 minutes each side rules out every start before 10:05,
   * so the morning window gives nothing (the last 60-minute start in it
   * is 10:00). B holds the only working device 14:00–14:30: starts from
   * 12:45 to 14:45 (exclusive) are out. The buffer does not apply to the
   * break or the hours, only between bookings. */
  assert_day (fx, fx->kanal, 7, "11:30 11:45 12:00 14:45 15:00 15:15 15:30 15:45 16:00");

  /* The first: the doctor, the lowest room id, the panoramic device (the
   * scanner is out of service). */
  slots = ahi_slot_query_day (ahi_store_get_db (fx->store), services, 2026, 12, 7, G_MININT64, &error);
  g_assert_no_error (error);
  first = slots->pdata[0];
  g_assert_cmpint (first->starts_at, ==, fx_time ("2026-12-07T08:30:00Z"));
  g_assert_cmpint (first->ends_at, ==, fx_time ("2026-12-07T09:30:00Z"));
  g_assert_cmpuint (first->n_items, ==, 1);
  g_assert_cmpstr (first->items[0].service_id, ==, fx->kanal);
  g_assert_cmpstr (first->items[0].staff_id, ==, DOCTOR);
  ids = g_strjoinv (",", first->items[0].resource_ids);
  expected_ids = g_strdup_printf ("%s,%s", room, fx->pano);
  g_assert_cmpstr (ids, ==, expected_ids);

  /* From 14:50 on (not on the grid): the next grid start. */
  {
    g_autoptr(GPtrArray) later = ahi_slot_query_day (ahi_store_get_db (fx->store), services, 2026, 12, 7,
                                                     fx_time ("2026-12-07T11:50:00Z"), &error);
    g_autofree char *text = NULL;

    g_assert_no_error (error);
    text = starts_text (fx, later);
    g_assert_cmpstr (text, ==, "15:00 15:15 15:30 15:45 16:00");
  }
}

static void
test_closure_and_midnight (Fixture       *fx,
                           gconstpointer  data)
{
  /* Tuesday is closed. */
  assert_day (fx, fx->kanal, 8, "");

  /* Wednesday: the leave that began Tuesday 23:00 ends 10:00; then the
   * doctor's hours, 60-minute starts up to 12:00 and 16:00. */
  assert_day (fx, fx->kanal, 9,
              "10:00 10:15 10:30 10:45 11:00 11:15 11:30 11:45 12:00 "
              "14:00 14:15 14:30 14:45 15:00 15:15 15:30 15:45 16:00");

  /* Thursday: the doctor has no hours; Sunday: the clinic does not open. */
  assert_day (fx, fx->kanal, 10, "");
  assert_day (fx, fx->kanal, 13, "");
}

static void
test_cancelled_frees (Fixture       *fx,
                      gconstpointer  data)
{
  fx_append (fx->store, "appointment.cancelled", APPT_A, fx_time ("2026-12-02T07:00:00Z"),
             "{\"cancelled_by\":\"customer\"}", NULL);
  fx_append (fx->store, "appointment.cancelled", APPT_B, fx_time ("2026-12-02T07:00:00Z"),
             "{\"cancelled_by\":\"business\"}", NULL);

  /* Only the hours and the break are left. */
  assert_day (fx, fx->kanal, 7,
              "09:00 09:15 09:30 09:45 10:00 11:30 11:45 12:00 "
              "14:00 14:15 14:30 14:45 15:00 15:15 15:30 15:45 16:00");
}

static void
test_walk_in (Fixture       *fx,
              gconstpointer  data)
{
  AhiDb *db = ahi_store_get_db (fx->store);
  const char *kanal[] = { fx->kanal, NULL };
  const char *muayene[] = { fx->muayene, NULL };
  const char *exam_then_xray[] = { fx->muayene, fx->panoramik, NULL };
  g_autoptr(GError) error = NULL;

  {
    /* 11:20, the doctor is on a break: 11:30. */
    g_autoptr(AhiSlot) fit = ahi_slot_query_walk_in (db, kanal, fx_time ("2026-12-07T08:20:00Z"), &error);

    g_assert_no_error (error);
    g_assert_cmpint (fit->starts_at, ==, fx_time ("2026-12-07T08:30:00Z"));
  }
  {
    /* 14:05: the device is free again at 14:30 + 15 = 14:45. */
    g_autoptr(AhiSlot) fit = ahi_slot_query_walk_in (db, kanal, fx_time ("2026-12-07T11:05:00Z"), &error);

    g_assert_no_error (error);
    g_assert_cmpint (fit->starts_at, ==, fx_time ("2026-12-07T11:45:00Z"));
  }
  {
    /* 16:10: an exam fits now (off the grid); a 60-minute root canal
     * would run past the doctor's 17:00 and nothing fits later today. */
    g_autoptr(AhiSlot) exam = ahi_slot_query_walk_in (db, muayene, fx_time ("2026-12-07T13:10:00Z"), &error);
    g_autoptr(AhiSlot) none = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (exam->starts_at, ==, fx_time ("2026-12-07T13:10:00Z"));
    g_assert_cmpint (exam->ends_at, ==, fx_time ("2026-12-07T13:30:00Z"));
    none = ahi_slot_query_walk_in (db, kanal, fx_time ("2026-12-07T13:10:00Z"), &error);
    g_assert_no_error (error);
    g_assert_null (none);
  }
  {
    /* 13:30, lunch: an exam then an X-ray. At 14:00 the X-ray would start
     * at 14:20 while the device is held until 14:45; so the exam starts at
     * 14:25 and the X-ray at 14:45. The exam cannot use the X-ray room
     * (held until 14:45); the X-ray can. */
    g_autoptr(AhiSlot) fit = ahi_slot_query_walk_in (db, exam_then_xray, fx_time ("2026-12-07T10:30:00Z"), &error);
    g_autofree char *exam_room = lowest_room (fx, fx->xray_room);
    g_autofree char *xray_room = lowest_room (fx, NULL);

    g_assert_no_error (error);
    g_assert_nonnull (fit);
    g_assert_cmpint (fit->starts_at, ==, fx_time ("2026-12-07T11:25:00Z"));
    g_assert_cmpint (fit->ends_at, ==, fx_time ("2026-12-07T11:55:00Z"));
    g_assert_cmpuint (fit->n_items, ==, 2);
    g_assert_cmpint (fit->items[0].ends_at, ==, fx_time ("2026-12-07T11:45:00Z"));
    g_assert_cmpstr (fit->items[0].staff_id, ==, DOCTOR);
    g_assert_cmpuint (g_strv_length (fit->items[0].resource_ids), ==, 1);
    g_assert_cmpstr (fit->items[0].resource_ids[0], ==, exam_room);
    g_assert_null (fit->items[1].staff_id);
    g_assert_cmpuint (g_strv_length (fit->items[1].resource_ids), ==, 2);
    g_assert_cmpstr (fit->items[1].resource_ids[0], ==, xray_room);
    g_assert_cmpstr (fit->items[1].resource_ids[1], ==, fx->pano);
  }
}

/* ------------------------------------------------------ double booking */

static JsonObject *
proposal (const char *staff_id,
          const char *resource_a,
          const char *resource_b,
          const char *starts_at,
          const char *ends_at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *staff = staff_id != NULL ? g_strdup_printf ("\"staff_id\":\"%s\",", staff_id) : g_strdup ("");
  g_autofree char *resources = NULL;
  g_autofree char *text = NULL;

  if (resource_b != NULL)
    resources = g_strdup_printf ("[\"%s\",\"%s\"]", resource_a, resource_b);
  else if (resource_a != NULL)
    resources = g_strdup_printf ("[\"%s\"]", resource_a);
  else
    resources = g_strdup ("[]");
  text = g_strdup_printf ("{\"customer_id\":\"" CUSTOMER "\",\"starts_at\":\"%s\",\"ends_at\":\"%s\","
                          "\"items\":[{\"service_id\":\"01900000-0000-7000-8000-000000000099\",%s"
                          "\"resource_ids\":%s,\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"price_minor\":1}],"
                          "\"source\":\"desk\"}",
                          starts_at, ends_at, staff, resources, starts_at, ends_at);
  node = ahi_json_strict_parse (text, -1, 1 << 20, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (node));
}

/* The conflicting appointment id, or NULL. */
static char *
conflict (Fixture    *fx,
          JsonObject *payload,
          const char *ignore)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) owned = payload;
  char *found = NULL;

  g_assert_true (ahi_slot_query_conflict (ahi_store_get_db (fx->store), owned, ignore, &found, &error));
  g_assert_no_error (error);
  return found;
}

static void
assert_conflict (Fixture    *fx,
                 JsonObject *payload,
                 const char *ignore,
                 const char *expected)
{
  g_autofree char *found = conflict (fx, payload, ignore);

  g_assert_cmpstr (found, ==, expected);
}

static void
test_conflict (Fixture       *fx,
               gconstpointer  data)
{
  AhiDb *db = ahi_store_get_db (fx->store);
  g_autoptr(GError) error = NULL;

  /* The doctor during A (09:30–09:50), in another room. */
  assert_conflict (fx, proposal (DOCTOR, fx->unite2, NULL, "2026-12-07T06:40:00Z", "2026-12-07T07:00:00Z"),
                   NULL, APPT_A);
  /* A's room, nobody. */
  assert_conflict (fx, proposal (NULL, fx->unite1, NULL, "2026-12-07T06:45:00Z", "2026-12-07T07:15:00Z"),
                   NULL, APPT_A);
  /* The same doctor and room from A's end: touching is allowed (the
   * 15-minute buffer only shapes offered slots). */
  assert_conflict (fx, proposal (DOCTOR, fx->unite1, NULL, "2026-12-07T06:50:00Z", "2026-12-07T07:10:00Z"),
                   NULL, NULL);
  /* Up to A's start, likewise. */
  assert_conflict (fx, proposal (DOCTOR, fx->unite1, NULL, "2026-12-07T06:00:00Z", "2026-12-07T06:30:00Z"),
                   NULL, NULL);
  /* The panoramic device during B, in a free room. */
  assert_conflict (fx, proposal (NULL, fx->unite2, fx->pano, "2026-12-07T11:20:00Z", "2026-12-07T11:40:00Z"),
                   NULL, APPT_B);
  /* Checking A again against the others: nothing. */
  assert_conflict (fx, proposal (DOCTOR, fx->unite2, NULL, "2026-12-07T06:40:00Z", "2026-12-07T07:00:00Z"),
                   APPT_A, NULL);

  /* The server asks inside its own write transaction. */
  g_assert_true (ahi_db_begin (db, &error));
  g_assert_no_error (error);
  assert_conflict (fx, proposal (NULL, fx->pano, NULL, "2026-12-07T11:00:00Z", "2026-12-07T11:01:00Z"),
                   NULL, APPT_B);
  ahi_db_rollback (db);

  /* Once B is cancelled its device and room are free. */
  fx_append (fx->store, "appointment.cancelled", APPT_B, fx_time ("2026-12-02T07:00:00Z"),
             "{\"cancelled_by\":\"business\"}", NULL);
  assert_conflict (fx, proposal (NULL, fx->xray_room, fx->pano, "2026-12-07T11:20:00Z", "2026-12-07T11:40:00Z"),
                   NULL, NULL);
}

/* ------------------------------------------------------ booking rules */

static AhiSlotRule
rule_of (Fixture    *fx,
         JsonObject *payload)
{
  g_autoptr(JsonObject) owned = payload;
  g_autoptr(GError) error = NULL;
  AhiSlotRule rule = AHI_SLOT_RULE_OK;

  g_assert_true (ahi_slot_query_rules (ahi_store_get_db (fx->store), owned, &rule, NULL, &error));
  g_assert_no_error (error);
  return rule;
}

/* docs/slots.md's example, as booking rules (local = UTC + 3). */
static void
test_rules (Fixture       *fx,
            gconstpointer  data)
{
  g_autofree char *owner = ahi_tenant_owner_id (fx->tenant_id);

  /* Dr. Kerem 11:10–11:30 on Monday: his break. */
  g_assert_cmpint (rule_of (fx, proposal (DOCTOR, fx->unite2, NULL, "2026-12-07T08:10:00Z", "2026-12-07T08:30:00Z")),
                   ==, AHI_SLOT_RULE_STAFF_UNAVAILABLE);
  /* 18:50–19:10: the clinic closes at 19:00. */
  g_assert_cmpint (rule_of (fx, proposal (NULL, fx->unite2, NULL, "2026-12-07T15:50:00Z", "2026-12-07T16:10:00Z")),
                   ==, AHI_SLOT_RULE_OUTSIDE_OPENING);
  /* The intra-oral scanner is out of service. */
  g_assert_cmpint (rule_of (fx, proposal (NULL, fx->xray_room, fx->scanner, "2026-12-07T07:00:00Z",
                                          "2026-12-07T07:10:00Z")), ==, AHI_SLOT_RULE_RESOURCE_OUT_OF_SERVICE);
  /* Tuesday is closed, 10:00 or not. */
  g_assert_cmpint (rule_of (fx, proposal (NULL, fx->unite2, NULL, "2026-12-08T07:00:00Z", "2026-12-08T07:20:00Z")),
                   ==, AHI_SLOT_RULE_OUTSIDE_OPENING);
  /* Dr. Kerem 09:40–10:00 in Ünite 2: A holds him then, but a double
   * booking is not a rule of the day (ahi_slot_query_conflict's). */
  g_assert_cmpint (rule_of (fx, proposal (DOCTOR, fx->unite2, NULL, "2026-12-07T06:40:00Z", "2026-12-07T07:00:00Z")),
                   ==, AHI_SLOT_RULE_OK);

  /* An exam needs a doctor: the owner works the opening hours but has no
   * skills. Checked with the real service. */
  {
    g_autofree char *text = g_strdup_printf (
      "{\"customer_id\":\"" CUSTOMER "\",\"starts_at\":\"2026-12-07T07:00:00Z\",\"ends_at\":\"2026-12-07T07:20:00Z\","
      "\"items\":[{\"service_id\":\"%s\",\"staff_id\":\"%s\",\"resource_ids\":[\"%s\"],"
      "\"starts_at\":\"2026-12-07T07:00:00Z\",\"ends_at\":\"2026-12-07T07:20:00Z\",\"price_minor\":1}],"
      "\"source\":\"desk\"}", fx->muayene, owner, fx->unite2);
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node = ahi_json_strict_parse (text, -1, 1 << 20, &error);

    g_assert_no_error (error);
    g_assert_cmpint (rule_of (fx, json_object_ref (json_node_get_object (node))), ==,
                     AHI_SLOT_RULE_STAFF_UNAVAILABLE);
  }
}

static void
test_errors (Fixture       *fx,
             gconstpointer  data)
{
  AhiDb *db = ahi_store_get_db (fx->store);
  const char *unknown[] = { "01900000-0000-7000-8000-000000000099", NULL };
  const char *kanal[] = { fx->kanal, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(JsonObject) bad = NULL;
  g_autoptr(JsonNode) node = NULL;
  char *found = NULL;

  slots = ahi_slot_query_day (db, unknown, 2026, 12, 7, G_MININT64, &error);
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND);
  g_assert_null (slots);
  g_clear_error (&error);

  slots = ahi_slot_query_day (db, kanal, 2026, 2, 30, G_MININT64, &error);
  g_assert_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_VALUE);
  g_assert_null (slots);
  g_clear_error (&error);

  /* A service taken off the menu is not offered. */
  fx_append (fx->store, "service.updated", fx->kanal, fx_time ("2026-12-01T07:00:00Z"), "{\"active\":false}", NULL);
  slots = ahi_slot_query_day (db, kanal, 2026, 12, 7, G_MININT64, &error);
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  node = ahi_json_strict_parse ("{\"items\":[{\"starts_at\":\"tomorrow\",\"ends_at\":\"2026-12-07T07:00:00Z\"}]}",
                                -1, 1 << 20, &error);
  g_assert_no_error (error);
  bad = json_object_ref (json_node_get_object (node));
  g_assert_false (ahi_slot_query_conflict (db, bad, NULL, &found, &error));
  g_assert_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_VALUE);
  g_assert_null (found);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ahi_store_module_init ();

#define ADD(path, func) \
  g_test_add ("/store/slot-query/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("monday", test_monday);
  ADD ("closure-and-midnight", test_closure_and_midnight);
  ADD ("cancelled-frees", test_cancelled_frees);
  ADD ("walk-in", test_walk_in);
  ADD ("conflict", test_conflict);
  ADD ("rules", test_rules);
  ADD ("errors", test_errors);

#undef ADD

  return g_test_run ();
}
