/* test-appointment-query.c — the calendar's reads (appointments, the
 * service menu, the desk's smaller lists) on a real store
 *
 * A hair salon bootstrapped from its blueprint (chairs "Koltuk 1–3"), a
 * customer, a stylist and a 45-minute blow-dry service; then, all times
 * UTC (Istanbul is UTC+3):
 *
 *   A1  Mon 2026-12-07 07:00–07:45  stylist, Koltuk 1, 90 000
 *   A2  Mon 2026-12-07 09:00–10:30  item 0 stylist Koltuk 2 09:00–09:45 90 000,
 *                                   item 1 nobody  Koltuk 2 09:45–10:30 80 000
 *   A4  Mon 2026-12-07 12:00–12:45  nobody, Koltuk 1 — then cancelled
 *   A3  Tue 2026-12-08 00:00–00:45  nobody, Koltuk 3 (starts exactly at
 *                                   the end of Monday's UTC range)
 */
#include "ahi-test-fixture.h"
#include "core/ahi-core-error.h"
#include "core/ahi-time.h"
#include "store/query/ahi-appointment-query.h"
#include "store/query/ahi-desk-lists.h"
#include "store/query/ahi-service-query.h"
#include "store/ahi-store-error.h"

#define CUSTOMER "01900000-0000-7000-8000-0000000000c1"
#define STYLIST  "01900000-0000-7000-8000-0000000000d1"
#define SERVICE  "01900000-0000-7000-8000-0000000000e1"
#define A1       "01900000-0000-7000-8000-0000000000a1"
#define A2       "01900000-0000-7000-8000-0000000000a2"
#define A3       "01900000-0000-7000-8000-0000000000a3"
#define A4       "01900000-0000-7000-8000-0000000000a4"
#define UNKNOWN  "01900000-0000-7000-8000-0000000000ff"

typedef struct {
  AhiStore *store;
  char     *tenant_id;
  char     *chair1;
  char     *chair2;
  char     *chair3;
} Fixture;

static char *
chair (Fixture *fx, const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT resource_id FROM tenant_resources WHERE name = '%s'", name);
  return fx_text (fx->store, sql);
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  gint64 t0 = fx_time ("2026-12-01T07:00:00Z");
  g_autofree char *a1 = NULL, *a2 = NULL, *a3 = NULL, *a4 = NULL;

  fx->store = fx_store_new ("salon.db");
  fx->tenant_id = fx_create_tenant (fx->store, "hair_beauty");
  fx->chair1 = chair (fx, "Koltuk 1");
  fx->chair2 = chair (fx, "Koltuk 2");
  fx->chair3 = chair (fx, "Koltuk 3");

  fx_append (fx->store, "customer.created", CUSTOMER, t0, "{\"source\":\"walk_in\"}",
             "{\"full_name\":\"Işıl Çağlar\"}");
  fx_append (fx->store, "staff.created", STYLIST, t0, "{\"role\":\"staff\",\"skills\":[\"specialist\"]}",
             "{\"display_name\":\"Ayşe\"}");
  fx_append (fx->store, "service.created", SERVICE, t0,
             "{\"code\":\"fon\",\"name\":\"Fön\",\"duration_min\":45,\"price_minor\":90000,\"vat_rate_bp\":2000,"
             "\"resource_kinds\":[\"chair\"]}", NULL);

  a1 = g_strdup_printf ("{\"customer_id\":\"" CUSTOMER "\",\"starts_at\":\"2026-12-07T07:00:00Z\","
                        "\"ends_at\":\"2026-12-07T07:45:00Z\",\"items\":[{\"service_id\":\"" SERVICE "\","
                        "\"staff_id\":\"" STYLIST "\",\"resource_ids\":[\"%s\"],\"starts_at\":\"2026-12-07T07:00:00Z\","
                        "\"ends_at\":\"2026-12-07T07:45:00Z\",\"price_minor\":90000}],\"source\":\"desk\"}", fx->chair1);
  a2 = g_strdup_printf ("{\"customer_id\":\"" CUSTOMER "\",\"starts_at\":\"2026-12-07T09:00:00Z\","
                        "\"ends_at\":\"2026-12-07T10:30:00Z\",\"items\":["
                        "{\"service_id\":\"" SERVICE "\",\"staff_id\":\"" STYLIST "\",\"resource_ids\":[\"%s\"],"
                        "\"starts_at\":\"2026-12-07T09:00:00Z\",\"ends_at\":\"2026-12-07T09:45:00Z\",\"price_minor\":90000},"
                        "{\"service_id\":\"" SERVICE "\",\"resource_ids\":[\"%s\"],"
                        "\"starts_at\":\"2026-12-07T09:45:00Z\",\"ends_at\":\"2026-12-07T10:30:00Z\",\"price_minor\":80000}],"
                        "\"source\":\"phone\"}", fx->chair2, fx->chair2);
  a3 = g_strdup_printf ("{\"customer_id\":\"" CUSTOMER "\",\"starts_at\":\"2026-12-08T00:00:00Z\","
                        "\"ends_at\":\"2026-12-08T00:45:00Z\",\"items\":[{\"service_id\":\"" SERVICE "\","
                        "\"resource_ids\":[\"%s\"],\"starts_at\":\"2026-12-08T00:00:00Z\","
                        "\"ends_at\":\"2026-12-08T00:45:00Z\",\"price_minor\":90000}],\"source\":\"desk\"}", fx->chair3);
  a4 = g_strdup_printf ("{\"customer_id\":\"" CUSTOMER "\",\"starts_at\":\"2026-12-07T12:00:00Z\","
                        "\"ends_at\":\"2026-12-07T12:45:00Z\",\"items\":[{\"service_id\":\"" SERVICE "\","
                        "\"resource_ids\":[\"%s\"],\"starts_at\":\"2026-12-07T12:00:00Z\","
                        "\"ends_at\":\"2026-12-07T12:45:00Z\",\"price_minor\":90000}],\"source\":\"desk\"}", fx->chair1);
  /* Appended out of time order: the reads sort. */
  fx_append (fx->store, "appointment.created", A3, t0, a3, NULL);
  fx_append (fx->store, "appointment.created", A2, t0, a2, NULL);
  fx_append (fx->store, "appointment.created", A4, t0, a4, NULL);
  fx_append (fx->store, "appointment.created", A1, t0, a1, NULL);
  fx_append (fx->store, "appointment.cancelled", A4, t0 + 3600, "{\"cancelled_by\":\"customer\",\"reason\":\"hasta\"}", NULL);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  fx_store_free (fx->store);
  g_free (fx->tenant_id);
  g_free (fx->chair1);
  g_free (fx->chair2);
  g_free (fx->chair3);
}

static GPtrArray *
range (Fixture *fx, const char *from, const char *to, const char *staff, const char *resource)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = ahi_appointment_query_range (ahi_store_get_db (fx->store), fx_time (from), fx_time (to),
                                                 staff, resource, &error);
  g_assert_no_error (error);
  return list;
}

static const char *
id_at (GPtrArray *list, guint i)
{
  return ((AhiAppointment *) g_ptr_array_index (list, i))->appointment_id;
}

/* ------------------------------------------------------------- tests */

static void
test_day (Fixture *fx, gconstpointer data)
{
  g_autoptr(GPtrArray) monday = range (fx, "2026-12-07T00:00:00Z", "2026-12-08T00:00:00Z", NULL, NULL);
  g_autoptr(GPtrArray) tuesday = range (fx, "2026-12-08T00:00:00Z", "2026-12-09T00:00:00Z", NULL, NULL);
  AhiAppointment *a2;
  AhiAppointmentItem *item;

  /* Monday: A1 07:00, A2 09:00, A4 12:00 (cancelled, still listed);
   * A3 starts at the range's end, which is excluded. */
  g_assert_cmpuint (monday->len, ==, 3);
  g_assert_cmpstr (id_at (monday, 0), ==, A1);
  g_assert_cmpstr (id_at (monday, 1), ==, A2);
  g_assert_cmpstr (id_at (monday, 2), ==, A4);
  g_assert_cmpstr (((AhiAppointment *) g_ptr_array_index (monday, 2))->status, ==, "cancelled");
  /* … and starts Tuesday's range, which begins there. */
  g_assert_cmpuint (tuesday->len, ==, 1);
  g_assert_cmpstr (id_at (tuesday, 0), ==, A3);

  /* A2: two items in booking order; the total is 90 000 + 80 000. */
  a2 = g_ptr_array_index (monday, 1);
  g_assert_cmpint (a2->total_minor, ==, 170000);
  g_assert_cmpstr (a2->status, ==, "booked");
  g_assert_cmpstr (a2->source, ==, "phone");
  g_assert_cmpstr (a2->customer_name, ==, "Işıl Çağlar");
  g_assert_cmpuint (a2->items->len, ==, 2);
  item = g_ptr_array_index (a2->items, 0);
  g_assert_cmpstr (item->staff_id, ==, STYLIST);
  g_assert_cmpstr (item->service_name, ==, "Fön");
  g_assert_cmpint (item->ends_at, ==, fx_time ("2026-12-07T09:45:00Z"));
  g_assert_cmpuint (g_strv_length (item->resource_ids), ==, 1);
  g_assert_cmpstr (item->resource_ids[0], ==, fx->chair2);
  item = g_ptr_array_index (a2->items, 1);
  g_assert_null (item->staff_id);
  g_assert_cmpint (item->price_minor, ==, 80000);
  g_assert_cmpstr (item->resource_ids[0], ==, fx->chair2);
}

static void
test_filters (Fixture *fx, gconstpointer data)
{
  g_autoptr(GPtrArray) stylist = range (fx, "2026-12-07T00:00:00Z", "2026-12-09T00:00:00Z", STYLIST, NULL);
  g_autoptr(GPtrArray) chair1 = NULL;
  g_autoptr(GPtrArray) chair3 = NULL;
  g_autoptr(GPtrArray) nobody = range (fx, "2026-12-07T00:00:00Z", "2026-12-09T00:00:00Z", UNKNOWN, NULL);

  /* The stylist has an item in A1 and in A2 only. */
  g_assert_cmpuint (stylist->len, ==, 2);
  g_assert_cmpstr (id_at (stylist, 0), ==, A1);
  g_assert_cmpstr (id_at (stylist, 1), ==, A2);
  /* Koltuk 1 was held by A1 and A4; A4's cancellation freed it. */
  chair1 = range (fx, "2026-12-07T00:00:00Z", "2026-12-09T00:00:00Z", NULL, fx->chair1);
  g_assert_cmpuint (chair1->len, ==, 1);
  g_assert_cmpstr (id_at (chair1, 0), ==, A1);
  chair3 = range (fx, "2026-12-07T00:00:00Z", "2026-12-09T00:00:00Z", NULL, fx->chair3);
  g_assert_cmpuint (chair3->len, ==, 1);
  g_assert_cmpstr (id_at (chair3, 0), ==, A3);
  g_assert_cmpuint (nobody->len, ==, 0);
}

static void
test_get_and_json (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  AhiDb *db = ahi_store_get_db (fx->store);
  g_autoptr(AhiAppointment) a4 = ahi_appointment_query_get (db, A4, &error);
  g_autoptr(AhiAppointment) a2 = NULL;
  g_autoptr(AhiAppointment) missing = NULL;
  g_autoptr(JsonObject) json = NULL;
  JsonObject *item;

  g_assert_no_error (error);
  g_assert_cmpstr (a4->status, ==, "cancelled");
  g_assert_cmpstr (a4->cancelled_by, ==, "customer");
  g_assert_cmpstr (a4->cancel_reason, ==, "hasta");
  /* Cancelled 2026-12-01T08:00Z, six days before: not late (the salon's
   * window is 24 hours). */
  g_assert_false (a4->late_cancel);
  g_assert_cmpint (a4->cancelled_at, ==, fx_time ("2026-12-01T08:00:00Z"));
  g_assert_cmpuint (g_strv_length (((AhiAppointmentItem *) g_ptr_array_index (a4->items, 0))->resource_ids), ==, 0);

  json = ahi_appointment_to_json (a4);
  g_assert_cmpstr (json_object_get_string_member (json, "starts_at"), ==, "2026-12-07T12:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (json, "cancelled_by"), ==, "customer");
  g_assert_cmpstr (json_object_get_string_member (json, "cancelled_at"), ==, "2026-12-01T08:00:00Z");
  g_clear_pointer (&json, json_object_unref);

  a2 = ahi_appointment_query_get (db, A2, &error);
  g_assert_no_error (error);
  json = ahi_appointment_to_json (a2);
  /* Live appointments say nothing of cancellation; an item without a
   * person has no staff_id member. */
  g_assert_false (json_object_has_member (json, "cancelled_by"));
  g_assert_false (json_object_has_member (json, "late_min"));
  item = json_array_get_object_element (json_object_get_array_member (json, "items"), 1);
  g_assert_false (json_object_has_member (item, "staff_id"));
  g_assert_cmpstr (json_object_get_string_member (item, "starts_at"), ==, "2026-12-07T09:45:00Z");
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (item, "resource_ids")), ==, 1);

  missing = ahi_appointment_query_get (db, UNKNOWN, &error);
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND);
  g_assert_null (missing);
}

static void
test_erased_customer (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiAppointment) a1 = NULL;
  g_autoptr(JsonObject) json = NULL;

  fx_append (fx->store, "customer.erased", CUSTOMER, fx_time ("2026-12-02T07:00:00Z"),
             "{\"reason\":\"KVKK erasure request\"}", NULL);
  a1 = ahi_appointment_query_get (ahi_store_get_db (fx->store), A1, &error);
  g_assert_no_error (error);
  /* The visit stays on the calendar; the name does not. */
  g_assert_null (a1->customer_name);
  g_assert_cmpstr (a1->customer_id, ==, CUSTOMER);
  json = ahi_appointment_to_json (a1);
  g_assert_false (json_object_has_member (json, "customer_name"));
}

static void
test_range_bounds (Fixture *fx, gconstpointer data)
{
  AhiDb *db = ahi_store_get_db (fx->store);
  gint64 from = fx_time ("2026-12-01T00:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;

  list = ahi_appointment_query_range (db, from, from, NULL, NULL, &error);
  g_assert_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  list = ahi_appointment_query_range (db, from, from - 1, NULL, NULL, &error);
  g_assert_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  /* 62 days is the most: 2026-12-01 + 62 days = 2027-02-01. */
  list = ahi_appointment_query_range (db, from, fx_time ("2027-02-01T00:00:01Z"), NULL, NULL, &error);
  g_assert_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  list = ahi_appointment_query_range (db, from, fx_time ("2027-02-01T00:00:00Z"), NULL, NULL, &error);
  g_assert_no_error (error);
  /* Every appointment of the fixture: A1, A2, A4, A3. */
  g_assert_cmpuint (list->len, ==, 4);
}

static void
test_services (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  AhiDb *db = ahi_store_get_db (fx->store);
  g_autoptr(GPtrArray) active = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(AhiService) fon = NULL;
  g_autoptr(AhiService) missing = NULL;
  g_autoptr(JsonObject) json = NULL;
  /* The blueprint's menu has 18 services; the fixture added "Fön". */
  const guint menu = 18 + 1;

  active = ahi_service_query_list (db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (active->len, ==, menu);
  /* Name order, bytewise: "Balyaj / ombre" is first of the menu. */
  g_assert_cmpstr (((AhiService *) g_ptr_array_index (active, 0))->name, ==, "Balyaj / ombre");

  fx_append (fx->store, "service.updated", SERVICE, fx_time ("2026-12-02T07:00:00Z"),
             "{\"active\":false,\"price_minor\":95000}", NULL);
  g_clear_pointer (&active, g_ptr_array_unref);
  active = ahi_service_query_list (db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (active->len, ==, menu - 1);
  all = ahi_service_query_list (db, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, menu);

  fon = ahi_service_query_get (db, SERVICE, &error);
  g_assert_no_error (error);
  g_assert_false (fon->active);
  g_assert_cmpint (fon->price_minor, ==, 95000);
  g_assert_cmpint (fon->duration_min, ==, 45);
  g_assert_cmpint (fon->revisit_days, ==, -1);
  g_assert_cmpuint (g_strv_length (fon->resource_kinds), ==, 1);
  g_assert_cmpstr (fon->resource_kinds[0], ==, "chair");
  json = ahi_service_to_json (fon);
  g_assert_false (json_object_has_member (json, "revisit_days"));
  g_assert_false (json_object_get_boolean_member (json, "active"));
  g_assert_cmpstr (json_object_get_string_member (json, "updated_at"), ==, "2026-12-02T07:00:00Z");

  missing = ahi_service_query_get (db, UNKNOWN, &error);
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND);
}

static JsonArray *
list (Fixture *fx, AhiDeskList which, const AhiDeskFilter *filter)
{
  g_autoptr(GError) error = NULL;
  JsonArray *rows = ahi_desk_list (ahi_store_get_db (fx->store), which, filter, &error);

  g_assert_no_error (error);
  return rows;
}

static const char *
row_string (JsonArray *rows, guint i, const char *member)
{
  return json_object_get_string_member (json_array_get_object_element (rows, i), member);
}

#define W1 "01900000-0000-7000-8000-0000000001a1"
#define W2 "01900000-0000-7000-8000-0000000001a2"
#define R1 "01900000-0000-7000-8000-0000000001b1"
#define R2 "01900000-0000-7000-8000-0000000001b2"
#define V1 "01900000-0000-7000-8000-0000000001c1"
#define V2 "01900000-0000-7000-8000-0000000001c2"
#define L1 "01900000-0000-7000-8000-0000000001d1"
#define L2 "01900000-0000-7000-8000-0000000001d2"
#define C1 "01900000-0000-7000-8000-0000000001e1"

static void
test_desk_lists (Fixture *fx, gconstpointer data)
{
  const AhiDeskFilter closed = { .include_closed = TRUE };
  const AhiDeskFilter queued = { .status = "queued" };
  const AhiDeskFilter sent = { .status = "sent" };
  const AhiDeskFilter one = { .limit = 1 };
  gint64 t = fx_time ("2026-12-02T07:00:00Z");
  g_autoptr(JsonArray) rows = NULL;
  g_autoptr(JsonObject) row = NULL;
  g_autoptr(GError) error = NULL;

  /* Waitlist: W1 then W2 join, W1 leaves. */
  fx_append (fx->store, "waitlist.entry.added", W1, t,
             "{\"customer_id\":\"" CUSTOMER "\",\"service_id\":\"" SERVICE "\",\"earliest_at\":\"2026-12-09T06:00:00Z\"}", NULL);
  fx_append (fx->store, "waitlist.entry.added", W2, t + 60,
             "{\"customer_id\":\"" CUSTOMER "\",\"service_id\":\"" SERVICE "\"}", NULL);
  fx_append (fx->store, "waitlist.entry.removed", W1, t + 120, "{\"reason\":\"booked\"}", NULL);
  rows = list (fx, AHI_DESK_WAITLIST, NULL);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  g_assert_cmpstr (row_string (rows, 0, "entry_id"), ==, W2);
  g_assert_false (json_object_has_member (json_array_get_object_element (rows, 0), "earliest_at"));
  g_clear_pointer (&rows, json_array_unref);
  rows = list (fx, AHI_DESK_WAITLIST, &closed);
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  g_assert_cmpstr (row_string (rows, 0, "entry_id"), ==, W1);
  g_assert_cmpstr (row_string (rows, 0, "removed_reason"), ==, "booked");
  g_assert_cmpstr (row_string (rows, 0, "earliest_at"), ==, "2026-12-09T06:00:00Z");
  g_clear_pointer (&rows, json_array_unref);

  /* Reminders by due time, filtered by status. */
  fx_append (fx->store, "reminder.created", R1, t,
             "{\"customer_id\":\"" CUSTOMER "\",\"channel\":\"sms\",\"purpose\":\"appointment_reminder\","
             "\"due_at\":\"2026-12-06T07:00:00Z\",\"template\":\"hatirlatma\",\"appointment_id\":\"" A1 "\"}", NULL);
  fx_append (fx->store, "reminder.created", R2, t,
             "{\"customer_id\":\"" CUSTOMER "\",\"channel\":\"whatsapp\",\"purpose\":\"rebook\","
             "\"due_at\":\"2026-12-05T07:00:00Z\",\"template\":\"tekrar\"}", NULL);
  fx_append (fx->store, "reminder.sent", R2, t + 60, "{\"result\":\"sent\",\"provider\":\"outbox\"}", NULL);
  rows = list (fx, AHI_DESK_REMINDERS, NULL);
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  g_assert_cmpstr (row_string (rows, 0, "reminder_id"), ==, R2);   /* due 12-05 before 12-06 */
  g_clear_pointer (&rows, json_array_unref);
  rows = list (fx, AHI_DESK_REMINDERS, &queued);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  g_assert_cmpstr (row_string (rows, 0, "reminder_id"), ==, R1);
  g_assert_cmpstr (row_string (rows, 0, "appointment_id"), ==, A1);
  g_clear_pointer (&rows, json_array_unref);
  rows = list (fx, AHI_DESK_REMINDERS, &sent);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  g_assert_cmpstr (row_string (rows, 0, "provider"), ==, "outbox");
  g_clear_pointer (&rows, json_array_unref);

  /* Reviews newest first, their comment from the personal-data side. */
  fx_append (fx->store, "review.received", V1, t, "{\"rating\":5,\"source\":\"google\",\"customer_id\":\"" CUSTOMER "\"}",
             "{\"comment\":\"Harika\"}");
  fx_append (fx->store, "review.received", V2, t + 60, "{\"rating\":2,\"source\":\"internal\"}", NULL);
  rows = list (fx, AHI_DESK_REVIEWS, NULL);
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  g_assert_cmpstr (row_string (rows, 0, "review_id"), ==, V2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rows, 1), "rating"), ==, 5);
  g_assert_cmpstr (row_string (rows, 1, "comment"), ==, "Harika");
  g_clear_pointer (&rows, json_array_unref);
  rows = list (fx, AHI_DESK_REVIEWS, &one);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  g_clear_pointer (&rows, json_array_unref);

  /* Alerts: open ones unless asked; detail comes back as an object. */
  fx_append (fx->store, "ops.alert.raised", L1, t,
             "{\"kind\":\"device_out_of_service\",\"severity\":\"warning\",\"detail\":{\"code\":\"x\"}}", NULL);
  fx_append (fx->store, "ops.alert.raised", L2, t + 60, "{\"kind\":\"low_rating\",\"severity\":\"info\"}", NULL);
  fx_append (fx->store, "ops.alert.resolved", L2, t + 120, "{\"resolution\":\"called back\"}", NULL);
  rows = list (fx, AHI_DESK_ALERTS, NULL);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_array_get_object_element (rows, 0), "detail"), "code"), ==, "x");
  g_clear_pointer (&rows, json_array_unref);
  rows = list (fx, AHI_DESK_ALERTS, &closed);
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  g_assert_cmpstr (row_string (rows, 1, "resolution"), ==, "called back");
  g_clear_pointer (&rows, json_array_unref);

  /* Closures, and one row by id whatever list. */
  fx_append (fx->store, "business.closure.added", C1, t,
             "{\"starts_on\":\"2027-03-30\",\"ends_on\":\"2027-04-01\",\"reason\":\"Ramazan Bayramı\"}", NULL);
  rows = list (fx, AHI_DESK_CLOSURES, NULL);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  g_assert_cmpstr (row_string (rows, 0, "ends_on"), ==, "2027-04-01");
  row = ahi_desk_get (ahi_store_get_db (fx->store), AHI_DESK_WAITLIST, W1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (row, "removed_reason"), ==, "booked");
  g_clear_pointer (&row, json_object_unref);
  row = ahi_desk_get (ahi_store_get_db (fx->store), AHI_DESK_ALERTS, W1, &error);
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND);
  g_assert_null (row);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ahi_store_module_init ();

#define ADD(path, fn) g_test_add ("/store/appointment-query/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("day", test_day);
  ADD ("filters", test_filters);
  ADD ("get-and-json", test_get_and_json);
  ADD ("erased-customer", test_erased_customer);
  ADD ("range-bounds", test_range_bounds);
  ADD ("services", test_services);
  ADD ("desk-lists", test_desk_lists);
#undef ADD
  return g_test_run ();
}
