/* test-sync-server.c — sync push and pull on a server's tenant store,
 * every figure worked out by hand
 *
 * A hair salon bootstrapped from its blueprint (its log holds the
 * bootstrap events, seq 1..B); two front-desk devices A and B push events
 * made offline. Appointments are on Monday 2026-12-07 in "Koltuk 1".
 */
#include <glib/gstdio.h>

#include "ahi-test-fixture.h"
#include "core/ahi-json-strict.h"
#include "store/ahi-event-log.h"
#include "store/ahi-health-audit.h"
#include "store/ahi-store-error.h"
#include "store/sync/ahi-sync-server.h"
#include "store/sync/ahi-sync-snapshot.h"

#define DEV_A      "01900000-0000-7000-8000-0000000000da"
#define DEV_B      "01900000-0000-7000-8000-0000000000db"
#define CUSTOMER   "01900000-0000-7000-8000-0000000000c1"
#define STRANGER   "01900000-0000-7000-8000-0000000000c9"
#define APPT_1     "01900000-0000-7000-8000-0000000000a1"
#define APPT_2     "01900000-0000-7000-8000-0000000000a2"
#define APPT_3     "01900000-0000-7000-8000-0000000000a3"
/* The account the pushing device signed in as (an account id: not a staff
 * id of the business). */
#define USER       "01900000-0000-7000-8000-0000000000ee"
#define NOTE_H     "01900000-0000-7000-8000-0000000000f1"
#define NOTE_G     "01900000-0000-7000-8000-0000000000f2"

typedef struct {
  AhiStore *store;
  char     *tenant_id;
  char     *chair;
  char     *service;
  gint64    boot;      /* the log's last seq after bootstrap */
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  fx->store = fx_store_new ("sync.db");
  fx->tenant_id = fx_create_tenant (fx->store, "hair_beauty");
  ahi_store_set_check (fx->store, ahi_sync_check_booking, NULL);
  fx->chair = fx_text (fx->store, "SELECT resource_id FROM tenant_resources WHERE name = 'Koltuk 1'");
  fx->service = fx_text (fx->store, "SELECT service_id FROM services WHERE code = 'kadin_sac_kesimi'");
  fx->boot = fx_int (fx->store, "SELECT max(seq) FROM tenant_event_logs");
  g_assert_nonnull (fx->chair);
  g_assert_nonnull (fx->service);
  g_assert_cmpint (fx->boot, >, 0);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  fx_store_free (fx->store);
  g_free (fx->tenant_id);
  g_free (fx->chair);
  g_free (fx->service);
}

/* An event of device with its device_seq, acted by the owner. */
static AhiEvent *
device_event (Fixture    *fx,
              const char *device,
              gint64      seq,
              const char *type,
              const char *entity_id,
              const char *payload,
              const char *pii)
{
  AhiEvent *event = fx_event (fx->store, type, entity_id, fx_time ("2026-12-01T07:00:00Z"), payload, pii);

  g_free (event->device_id);
  event->device_id = g_strdup (device);
  event->device_seq = seq;
  return event;
}

static AhiEvent *
customer_event (Fixture    *fx,
                const char *device,
                gint64      seq,
                const char *customer_id,
                const char *pii)
{
  return device_event (fx, device, seq, "customer.created", customer_id, "{\"source\":\"phone\"}", pii);
}

/* An appointment in Koltuk 1, UTC times on 2026-12-07. */
static AhiEvent *
booking_event (Fixture    *fx,
               const char *device,
               gint64      seq,
               const char *appointment_id,
               const char *customer_id,
               const char *starts,
               const char *ends)
{
  g_autofree char *payload = g_strdup_printf (
    "{\"customer_id\":\"%s\",\"starts_at\":\"2026-12-07T%sZ\",\"ends_at\":\"2026-12-07T%sZ\","
    "\"items\":[{\"service_id\":\"%s\",\"resource_ids\":[\"%s\"],\"starts_at\":\"2026-12-07T%sZ\","
    "\"ends_at\":\"2026-12-07T%sZ\",\"price_minor\":90000}],\"source\":\"desk\"}",
    customer_id, starts, ends, fx->service, fx->chair, starts, ends);

  return device_event (fx, device, seq, "appointment.created", appointment_id, payload, NULL);
}

static GPtrArray *
batch (AhiEvent *first,
       ...)
{
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_event_free);
  va_list args;

  va_start (args, first);
  for (AhiEvent *event = first; event != NULL; event = va_arg (args, AhiEvent *))
    g_ptr_array_add (events, event);
  va_end (args);
  return events;
}

static JsonArray *
push (Fixture    *fx,
      const char *device,
      GPtrArray  *events,
      gint64     *out_expected)
{
  g_autoptr(GError) error = NULL;
  JsonArray *answers = NULL;
  gint64 expected = -1;

  AhiSyncLocalActors local = { USER, "owner" };
  AhiSyncActors actors = { ahi_sync_resolve_local_actor, &local };

  g_assert_true (ahi_sync_push (fx->store, device, &actors, events, &answers, &expected, &error));
  g_assert_no_error (error);
  g_assert_nonnull (answers);
  if (out_expected != NULL)
    *out_expected = expected;
  return answers;
}

static char *
to_text (JsonArray *array)
{
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), array);

  return ahi_json_strict_to_string (node);
}

static JsonObject *
answer (JsonArray *answers,
        guint      index)
{
  return json_array_get_object_element (answers, index);
}

static gint64
device_last (Fixture    *fx,
             const char *device)
{
  g_autofree char *sql = g_strdup_printf ("SELECT last_seq FROM sync_devices WHERE device_id = '%s'", device);

  return fx_int (fx->store, sql);
}

static void
assert_accepted (JsonObject *object,
                 gint64      device_seq,
                 gint64      server_seq)
{
  g_assert_cmpint (json_object_get_int_member (object, "device_seq"), ==, device_seq);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "accepted");
  g_assert_cmpint (json_object_get_int_member (object, "server_seq"), ==, server_seq);
  g_assert_false (json_object_has_member (object, "code"));
}

static void
assert_rejected (JsonObject *object,
                 gint64      device_seq,
                 const char *code)
{
  g_assert_cmpint (json_object_get_int_member (object, "device_seq"), ==, device_seq);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (object, "code"), ==, code);
  g_assert_nonnull (json_object_get_string_member (object, "message"));
  g_assert_false (json_object_has_member (object, "server_seq"));
}

/* ------------------------------------------------------------- tests */

/* The same batch twice: the same answers, applied once. */
static void
test_idempotent (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) events = batch (customer_event (fx, DEV_A, 1, CUSTOMER, "{\"full_name\":\"Işıl Çağlar\"}"),
                                       booking_event (fx, DEV_A, 2, APPT_1, CUSTOMER, "07:00:00", "08:00:00"),
                                       NULL);
  g_autoptr(JsonArray) first = NULL;
  g_autoptr(JsonArray) second = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *second_text = NULL;
  gint64 expected = -1;

  first = push (fx, DEV_A, events, &expected);
  g_assert_cmpint (expected, ==, 0);
  g_assert_cmpuint (json_array_get_length (first), ==, 2);
  assert_accepted (answer (first, 0), 1, fx->boot + 1);
  assert_accepted (answer (first, 1), 2, fx->boot + 2);
  g_assert_cmpstr (json_object_get_string_member (answer (first, 1), "event_id"), ==,
                   ((AhiEvent *) g_ptr_array_index (events, 1))->event_id);

  second = push (fx, DEV_A, events, &expected);
  g_assert_cmpint (expected, ==, 0);
  first_text = to_text (first);
  second_text = to_text (second);
  g_assert_cmpstr (first_text, ==, second_text);

  /* Applied once: two new log rows, one customer, one appointment. */
  g_assert_cmpint (fx_int (fx->store, "SELECT max(seq) FROM tenant_event_logs"), ==, fx->boot + 2);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM customers WHERE customer_id = '" CUSTOMER "'"), ==, 1);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM appointments WHERE appointment_id = '" APPT_1 "'"), ==, 1);
  g_assert_cmpint (device_last (fx, DEV_A), ==, 2);
  /* The log row carries the server's number and time. */
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM tenant_event_logs WHERE server_seq = seq"), ==, 2);
}

/* Another event under a seq the device has used (a device restored from
 * an old backup numbers again from there): refused as seq_reused, not
 * answered with the first event's answer, and nothing is applied; the
 * first event sent again still gets its own answer. */
static void
test_seq_reused (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) first = batch (customer_event (fx, DEV_A, 1, CUSTOMER, "{\"full_name\":\"Işıl Çağlar\"}"),
                                      NULL);
  g_autoptr(GPtrArray) other = batch (customer_event (fx, DEV_A, 1, STRANGER, "{\"full_name\":\"Ömer Aydın\"}"),
                                      NULL);
  g_autoptr(JsonArray) accepted = NULL;
  g_autoptr(JsonArray) refused = NULL;
  g_autoptr(JsonArray) again = NULL;
  gint64 expected = -1;

  accepted = push (fx, DEV_A, first, &expected);
  assert_accepted (answer (accepted, 0), 1, fx->boot + 1);
  refused = push (fx, DEV_A, other, &expected);
  assert_rejected (answer (refused, 0), 1, "seq_reused");
  g_assert_cmpstr (json_object_get_string_member (answer (refused, 0), "event_id"), ==,
                   ((AhiEvent *) g_ptr_array_index (other, 0))->event_id);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM customers WHERE customer_id = '" STRANGER "'"), ==, 0);
  g_assert_cmpint (fx_int (fx->store, "SELECT max(seq) FROM tenant_event_logs"), ==, fx->boot + 1);
  again = push (fx, DEV_A, first, &expected);
  assert_accepted (answer (again, 0), 1, fx->boot + 1);
}

/* 1 then 3: 1 is accepted, the batch stops at 3 and asks for 2. */
static void
test_gap (Fixture       *fx,
          gconstpointer  data)
{
  g_autoptr(GPtrArray) events = batch (customer_event (fx, DEV_A, 1, CUSTOMER, "{\"full_name\":\"Işıl Çağlar\"}"),
                                       customer_event (fx, DEV_A, 3, STRANGER, "{\"full_name\":\"Ömer Aydın\"}"),
                                       NULL);
  g_autoptr(GPtrArray) late = batch (customer_event (fx, DEV_A, 3, STRANGER, "{\"full_name\":\"Ömer Aydın\"}"), NULL);
  g_autoptr(JsonArray) answers = NULL;
  g_autoptr(JsonArray) again = NULL;
  gint64 expected = -1;

  answers = push (fx, DEV_A, events, &expected);
  g_assert_cmpint (expected, ==, 2);
  g_assert_cmpuint (json_array_get_length (answers), ==, 1);
  assert_accepted (answer (answers, 0), 1, fx->boot + 1);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM customers WHERE customer_id = '" STRANGER "'"), ==, 0);
  g_assert_cmpint (device_last (fx, DEV_A), ==, 1);

  /* Alone, 3 still waits for 2. */
  again = push (fx, DEV_A, late, &expected);
  g_assert_cmpint (expected, ==, 2);
  g_assert_cmpuint (json_array_get_length (again), ==, 0);
  g_assert_cmpint (fx_int (fx->store, "SELECT max(seq) FROM tenant_event_logs"), ==, fx->boot + 1);
}

/* A booking for a customer the business does not know is refused for
 * good; the queue moves on and the next event is accepted. */
static void
test_rejection_advances (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) events = batch (booking_event (fx, DEV_A, 1, APPT_1, STRANGER, "07:00:00", "08:00:00"),
                                       customer_event (fx, DEV_A, 2, CUSTOMER, "{\"full_name\":\"Işıl Çağlar\"}"),
                                       customer_event (fx, DEV_B, 3, STRANGER, "{\"full_name\":\"Ömer Aydın\"}"),
                                       NULL);
  g_autoptr(JsonArray) answers = NULL;
  g_autoptr(JsonArray) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again_text = NULL;
  gint64 expected = -1;

  answers = push (fx, DEV_A, events, &expected);
  g_assert_cmpint (expected, ==, 0);
  g_assert_cmpuint (json_array_get_length (answers), ==, 3);
  assert_rejected (answer (answers, 0), 1, "invalid_reference");
  /* The rejected event took no log number: the next one gets boot + 1. */
  assert_accepted (answer (answers, 1), 2, fx->boot + 1);
  /* Seq 3 claims to be device B's: refused, and A's queue still moves. */
  assert_rejected (answer (answers, 2), 3, "wrong_device");
  g_assert_cmpint (device_last (fx, DEV_A), ==, 3);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM appointments"), ==, 0);

  /* Asked again: the stored answers, word for word. */
  again = push (fx, DEV_A, events, &expected);
  text = to_text (answers);
  again_text = to_text (again);
  g_assert_cmpstr (text, ==, again_text);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM sync_answers"), ==, 3);
}

/* A books Koltuk 1 for 07:00–08:00, B for 07:30–08:30 offline: B's
 * booking is refused with resource_busy, naming A's appointment. */
static void
test_double_booking (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) from_a = batch (customer_event (fx, DEV_A, 1, CUSTOMER, "{\"full_name\":\"Işıl Çağlar\"}"),
                                       booking_event (fx, DEV_A, 2, APPT_1, CUSTOMER, "07:00:00", "08:00:00"),
                                       NULL);
  g_autoptr(GPtrArray) from_b = batch (booking_event (fx, DEV_B, 1, APPT_2, CUSTOMER, "07:30:00", "08:30:00"),
                                       booking_event (fx, DEV_B, 2, APPT_3, CUSTOMER, "08:00:00", "09:00:00"),
                                       NULL);
  g_autoptr(JsonArray) answers_a = NULL;
  g_autoptr(JsonArray) answers_b = NULL;
  JsonObject *busy;

  answers_a = push (fx, DEV_A, from_a, NULL);
  assert_accepted (answer (answers_a, 1), 2, fx->boot + 2);

  answers_b = push (fx, DEV_B, from_b, NULL);
  g_assert_cmpuint (json_array_get_length (answers_b), ==, 2);
  busy = answer (answers_b, 0);
  assert_rejected (busy, 1, "resource_busy");
  g_assert_cmpstr (json_object_get_string_member (busy, "conflict_id"), ==, APPT_1);
  /* 08:00–09:00 starts as A's ends: no overlap, accepted. */
  assert_accepted (answer (answers_b, 1), 2, fx->boot + 3);

  g_assert_cmpint (device_last (fx, DEV_B), ==, 2);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM appointments WHERE appointment_id = '" APPT_2 "'"), ==, 0);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM appointments"), ==, 2);
}

/* Pages of 4 over the whole log: cursors move by the page, has_more is
 * FALSE on the last page only, server_seq counts 1, 2, 3… */
static void
test_pull_paging (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) events = batch (booking_event (fx, DEV_A, 1, APPT_1, STRANGER, "07:00:00", "08:00:00"),
                                       customer_event (fx, DEV_A, 2, CUSTOMER, "{\"full_name\":\"Işıl Çağlar\"}"),
                                       booking_event (fx, DEV_A, 3, APPT_1, CUSTOMER, "07:00:00", "08:00:00"),
                                       NULL);
  g_autoptr(JsonArray) answers = push (fx, DEV_A, events, NULL);
  gint64 total = fx->boot + 2;
  gint64 after = 0;
  gint64 next_seq = 1;
  guint pages = 0;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) page = ahi_sync_pull (fx->store, DEV_A, after, 4, TRUE, TRUE, &error);
      JsonArray *page_events;
      JsonArray *page_answers;
      guint n;

      g_assert_no_error (error);
      page_events = json_object_get_array_member (page, "events");
      page_answers = json_object_get_array_member (page, "answers");
      n = json_array_get_length (page_events);
      pages++;
      g_assert_cmpuint (n, ==, MIN (4, total - after));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(AhiEvent) event = ahi_event_from_node (json_array_get_element (page_events, i), &error);

          g_assert_no_error (error);
          g_assert_cmpint (event->server_seq, ==, next_seq);
          g_assert_cmpint (event->received_at, >, 0);
          next_seq++;
        }
      g_assert_cmpint (json_object_get_int_member (page, "cursor"), ==, after + n);
      g_assert_cmpint (json_object_get_int_member (page, "last_seq"), ==, 3);
      g_assert (json_object_get_boolean_member (page, "has_more") == (after + n < total));

      /* The rejected seq 1 on every page; accepted ones with their page. */
      for (guint i = 0; i < json_array_get_length (page_answers); i++)
        {
          JsonObject *item = json_array_get_object_element (page_answers, i);

          if (g_str_equal (json_object_get_string_member (item, "status"), "accepted"))
            {
              gint64 seq = json_object_get_int_member (item, "server_seq");
              g_assert_cmpint (seq, >, after);
              g_assert_cmpint (seq, <=, after + n);
            }
          else
            g_assert_cmpint (json_object_get_int_member (item, "device_seq"), ==, 1);
        }

      after += n;
      if (!json_object_get_boolean_member (page, "has_more"))
        break;
    }
  g_assert_cmpint (after, ==, total);
  g_assert_cmpuint (pages, ==, (total + 3) / 4);

  /* At the end: an empty page that keeps the cursor, all answers of A
   * but the accepted ones already passed: only the rejection. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) page = ahi_sync_pull (fx->store, DEV_A, total, 4, TRUE, TRUE, &error);
    JsonArray *page_answers = json_object_get_array_member (page, "answers");

    g_assert_no_error (error);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (page, "events")), ==, 0);
    g_assert_cmpint (json_object_get_int_member (page, "cursor"), ==, total);
    g_assert_false (json_object_get_boolean_member (page, "has_more"));
    g_assert_cmpuint (json_array_get_length (page_answers), ==, 1);
    assert_rejected (json_array_get_object_element (page_answers, 0), 1, "invalid_reference");
  }
  /* From just before A's two events: both accepted answers and the
   * rejection, in device_seq order. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) page = ahi_sync_pull (fx->store, DEV_A, fx->boot, 10, TRUE, TRUE, &error);
    JsonArray *page_answers = json_object_get_array_member (page, "answers");

    g_assert_no_error (error);
    g_assert_cmpuint (json_array_get_length (page_answers), ==, 3);
    assert_accepted (json_array_get_object_element (page_answers, 1), 2, fx->boot + 1);
    assert_accepted (json_array_get_object_element (page_answers, 2), 3, fx->boot + 2);
  }
  /* A device that never pushed: last_seq 0, no answers. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) page = ahi_sync_pull (fx->store, DEV_B, 0, 1, TRUE, TRUE, &error);

    g_assert_no_error (error);
    g_assert_cmpint (json_object_get_int_member (page, "last_seq"), ==, 0);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (page, "answers")), ==, 0);
    g_assert_true (json_object_get_boolean_member (page, "has_more"));
  }
}

static char *
pull_text (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) page = ahi_sync_pull (fx->store, DEV_B, 0, 1000, TRUE, TRUE, &error);
  g_autoptr(JsonNode) node = NULL;

  g_assert_no_error (error);
  g_assert_false (json_object_get_boolean_member (page, "has_more"));
  node = json_node_init_object (json_node_alloc (), page);
  return ahi_json_strict_to_string (node);
}

/* After an erasure the log still holds the customer's events, but a pull
 * carries none of their personal data. */
static void
test_pull_after_erasure (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) created = batch (customer_event (fx, DEV_A, 1, CUSTOMER,
                                                        "{\"full_name\":\"Şule Kaya\",\"phone\":\"+905051234567\"}"),
                                        NULL);
  g_autoptr(GPtrArray) erased = batch (device_event (fx, DEV_A, 2, "customer.erased", CUSTOMER,
                                                     "{\"reason\":\"KVKK erasure request\"}", NULL),
                                       NULL);
  g_autoptr(JsonArray) first = push (fx, DEV_A, created, NULL);
  g_autoptr(JsonArray) second = NULL;
  g_autofree char *before = pull_text (fx);
  g_autofree char *after = NULL;

  g_assert_nonnull (strstr (before, "Şule Kaya"));
  g_assert_nonnull (strstr (before, "+905051234567"));

  second = push (fx, DEV_A, erased, NULL);
  assert_accepted (answer (second, 0), 2, fx->boot + 2);
  after = pull_text (fx);
  g_assert_null (strstr (after, "Şule"));
  g_assert_null (strstr (after, "+905051234567"));
  /* The events themselves are still there. */
  g_assert_nonnull (strstr (after, "\"type\":\"customer.created\",\"entity\":\"customer\",\"entity_id\":\"" CUSTOMER "\""));
}

/* A role that may not read health notes pulls past them: the note is not
 * in its page, the general note and the cursor are. */
static void
test_pull_without_health_notes (Fixture       *fx,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) events = batch (customer_event (fx, DEV_A, 1, CUSTOMER,
                                                       "{\"full_name\":\"Şule Kaya\"}"),
                                       device_event (fx, DEV_A, 2, "crm.note.created", "01900000-0000-7000-8000-0000000000f1",
                                                     "{\"customer_id\":\"" CUSTOMER "\",\"kind\":\"health\"}",
                                                     "{\"text\":\"Penisilin alerjisi\"}"),
                                       device_event (fx, DEV_A, 3, "crm.note.created", "01900000-0000-7000-8000-0000000000f2",
                                                     "{\"customer_id\":\"" CUSTOMER "\",\"kind\":\"general\"}",
                                                     "{\"text\":\"Çayı şekersiz\"}"),
                                       NULL);
  g_autoptr(JsonArray) answers = push (fx, DEV_A, events, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) staff = ahi_sync_pull (fx->store, DEV_B, fx->boot, 10, FALSE, TRUE, &error);
  g_autoptr(JsonObject) owner = ahi_sync_pull (fx->store, DEV_B, fx->boot, 10, TRUE, TRUE, &error);
  g_autoptr(JsonNode) staff_node = json_node_init_object (json_node_alloc (), staff);
  g_autofree char *staff_text = ahi_json_strict_to_string (staff_node);

  g_assert_no_error (error);
  assert_accepted (answer (answers, 2), 3, fx->boot + 3);
  /* Three events after the bootstrap; staff gets the customer and the
   * general note, the owner all three; both cursors end at boot + 3. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (staff, "events")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (owner, "events")), ==, 3);
  g_assert_cmpint (json_object_get_int_member (staff, "cursor"), ==, fx->boot + 3);
  g_assert_cmpint (json_object_get_int_member (owner, "cursor"), ==, fx->boot + 3);
  g_assert_null (strstr (staff_text, "Penisilin"));
  g_assert_nonnull (strstr (staff_text, "Çayı şekersiz"));
}

/* The event's actor becomes actor (it takes the string's copy). */
static AhiEvent *
acted_by (AhiEvent   *event,
          const char *actor)
{
  g_free (event->actor_user_id);
  event->actor_user_id = g_strdup (actor);
  return event;
}

/* The same, claiming role. */
static AhiEvent *
acted_as (AhiEvent   *event,
          const char *actor,
          const char *role)
{
  g_free (event->actor_role);
  event->actor_role = g_strdup (role);
  return acted_by (event, actor);
}

/* An event is acted by the signed-in account or by a staff member of the
 * business (the desk switches staff by PIN); anyone else is rejected
 * with wrong_actor, and the queue moves on. */
static void
test_wrong_actor (Fixture       *fx,
                  gconstpointer  data)
{
#define NEW_STAFF "01900000-0000-7000-8000-0000000000e5"
#define NOBODY    "01900000-0000-7000-8000-0000000000e9"
  g_autoptr(GPtrArray) events = batch (
    /* 1: the owner's staff id (the fixture's actor): a staff member. */
    customer_event (fx, DEV_A, 1, CUSTOMER, "{\"full_name\":\"Işıl Çağlar\"}"),
    /* 2: the signed-in account itself. */
    acted_by (customer_event (fx, DEV_A, 2, STRANGER, "{\"full_name\":\"Ömer Aydın\"}"), USER),
    /* 3: an id that is neither. */
    acted_by (booking_event (fx, DEV_A, 3, APPT_1, CUSTOMER, "07:00:00", "08:00:00"), NOBODY),
    /* 4: a new staff member joins; 5: the desk switches to them. */
    device_event (fx, DEV_A, 4, "staff.created", NEW_STAFF, "{\"role\":\"staff\"}", "{\"display_name\":\"Ayşe\"}"),
    acted_as (booking_event (fx, DEV_A, 5, APPT_2, CUSTOMER, "07:00:00", "08:00:00"), NEW_STAFF, "staff"),
    NULL);
  g_autoptr(JsonArray) answers = push (fx, DEV_A, events, NULL);

  g_assert_cmpuint (json_array_get_length (answers), ==, 5);
  assert_accepted (answer (answers, 0), 1, fx->boot + 1);
  assert_accepted (answer (answers, 1), 2, fx->boot + 2);
  assert_rejected (answer (answers, 2), 3, "wrong_actor");
  /* The rejection took no log number: 4 and 5 are boot + 3 and + 4, and
   * APPT_1 never booked the chair, so APPT_2 at the same time fits. */
  assert_accepted (answer (answers, 3), 4, fx->boot + 3);
  assert_accepted (answer (answers, 4), 5, fx->boot + 4);
  g_assert_cmpint (device_last (fx, DEV_A), ==, 5);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM appointments WHERE appointment_id = '" APPT_1 "'"), ==, 0);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM tenant_event_logs WHERE actor_user_id = '" NOBODY "'"), ==, 0);
#undef NEW_STAFF
#undef NOBODY
}

static gint64
pulled_rejections (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) page = ahi_sync_pull (fx->store, DEV_A, 0, 1000, TRUE, TRUE, &error);
  JsonArray *answers;
  gint64 n = 0;

  g_assert_no_error (error);
  answers = json_object_get_array_member (page, "answers");
  for (guint i = 0; i < json_array_get_length (answers); i++)
    if (g_str_equal (json_object_get_string_member (answer (answers, i), "status"), "rejected"))
      n++;
  return n;
}

/* Rejections at seqs 1 and 3: pull sends both until the device retires
 * them; retiring up to 1 leaves 3; the stored answers stay for
 * duplicates; retiring never goes back nor beyond the last seq. */
static void
test_ack (Fixture       *fx,
          gconstpointer  data)
{
  g_autoptr(GPtrArray) events = batch (booking_event (fx, DEV_A, 1, APPT_1, STRANGER, "07:00:00", "08:00:00"),
                                       customer_event (fx, DEV_A, 2, CUSTOMER, "{\"full_name\":\"Işıl Çağlar\"}"),
                                       booking_event (fx, DEV_A, 3, APPT_2, STRANGER, "07:00:00", "08:00:00"),
                                       NULL);
  g_autoptr(JsonArray) answers = push (fx, DEV_A, events, NULL);
  g_autoptr(JsonArray) again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 acked = -1;

  assert_rejected (answer (answers, 0), 1, "invalid_reference");
  assert_rejected (answer (answers, 2), 3, "invalid_reference");
  g_assert_cmpint (pulled_rejections (fx), ==, 2);

  g_assert_true (ahi_sync_ack (fx->store, DEV_A, 1, &acked, &error));
  g_assert_no_error (error);
  g_assert_cmpint (acked, ==, 1);
  g_assert_cmpint (pulled_rejections (fx), ==, 1);

  /* A late, older acknowledgement changes nothing. */
  g_assert_true (ahi_sync_ack (fx->store, DEV_A, 0, &acked, &error));
  g_assert_cmpint (acked, ==, 1);
  /* Beyond the last processed seq (3): refused, nothing changes. */
  g_assert_false (ahi_sync_ack (fx->store, DEV_A, 4, &acked, &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE);
  g_clear_error (&error);
  g_assert_cmpint (pulled_rejections (fx), ==, 1);

  g_assert_true (ahi_sync_ack (fx->store, DEV_A, 3, &acked, &error));
  g_assert_cmpint (acked, ==, 3);
  g_assert_cmpint (pulled_rejections (fx), ==, 0);

  /* The batch again: the same three answers, retired or not. */
  again = push (fx, DEV_A, events, NULL);
  {
    g_autofree char *text = to_text (answers);
    g_autofree char *again_text = to_text (again);
    g_assert_cmpstr (text, ==, again_text);
  }
  /* A device that never pushed retires nothing but may say 0. */
  g_assert_true (ahi_sync_ack (fx->store, DEV_B, 0, &acked, &error));
  g_assert_cmpint (acked, ==, 0);
  g_assert_false (ahi_sync_ack (fx->store, DEV_B, 1, &acked, &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE);
}

/* ----------------------------------------------------------- snapshot */

/* Whether the file's raw bytes hold text anywhere (free pages too). */
static gboolean
file_contains (const char *path,
               const char *text)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  gsize n = strlen (text);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (contents + i, text, n) == 0)
      return TRUE;
  return FALSE;
}

static gint64
copy_int (AhiDb      *db,
          const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 value = ahi_db_query_int (db, sql, -1, &error);

  g_assert_no_error (error);
  return value;
}

/* The business after device A's push: a customer, a health note and a
 * general note (boot + 1..3); the server's bookkeeping holds A's three
 * answers and one health-note read. */
static void
fill_for_snapshot (Fixture *fx)
{
  g_autoptr(GPtrArray) events = batch (customer_event (fx, DEV_A, 1, CUSTOMER, "{\"full_name\":\"Şule Kaya\"}"),
                                       device_event (fx, DEV_A, 2, "crm.note.created", NOTE_H,
                                                     "{\"customer_id\":\"" CUSTOMER "\",\"kind\":\"health\"}",
                                                     "{\"text\":\"Penisilin alerjisi\"}"),
                                       device_event (fx, DEV_A, 3, "crm.note.created", NOTE_G,
                                                     "{\"customer_id\":\"" CUSTOMER "\",\"kind\":\"general\"}",
                                                     "{\"text\":\"Çayı şekersiz\"}"),
                                       NULL);
  g_autoptr(JsonArray) answers = push (fx, DEV_A, events, NULL);
  g_autoptr(GError) error = NULL;

  assert_accepted (answer (answers, 2), 3, fx->boot + 3);
  g_assert_true (ahi_health_audit_record (ahi_store_get_db (fx->store), USER, "owner", CUSTOMER, "api",
                                          fx_time ("2026-12-01T08:00:00Z"), &error));
  g_assert_no_error (error);
}

static char *
copy_path (Fixture    *fx,
           const char *name)
{
  g_autofree char *dir = g_path_get_dirname (ahi_store_get_path (fx->store));

  return g_build_filename (dir, name, NULL);
}

/* A staff member's copy: the log, the side table and the notes without
 * the health note, not even in the file's free pages; the server's
 * bookkeeping empty; the append-only guards back in place; the cursor the
 * copy's own last seq. The live database is untouched. */
static void
test_snapshot_without_health_notes (Fixture       *fx,
                                    gconstpointer  data)
{
  g_autofree char *target = copy_path (fx, "staff-copy.db");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) patients = NULL;
  gint64 cursor = -1;

  fill_for_snapshot (fx);
  g_assert_true (ahi_sync_snapshot_write (ahi_store_get_path (fx->store), target, FALSE, TRUE, &cursor, &patients, &error));
  g_assert_no_error (error);
  /* The last event, the general note, is boot + 3. */
  g_assert_cmpint (cursor, ==, fx->boot + 3);
  g_assert_cmpuint (g_strv_length (patients), ==, 0);
  g_assert_false (file_contains (target, "Penisilin"));
  g_assert_true (file_contains (target, "Çayı şekersiz"));

  {
    g_autoptr(AhiDb) copy = ahi_db_open (target, FALSE, 0, &error);

    g_assert_no_error (error);
    /* boot + 3 events less the health note. */
    g_assert_cmpint (copy_int (copy, "SELECT count(*) FROM tenant_event_logs"), ==, fx->boot + 2);
    g_assert_cmpint (copy_int (copy, "SELECT count(*) FROM tenant_event_logs WHERE entity_id = '" NOTE_H "'"), ==, 0);
    g_assert_cmpint (copy_int (copy, "SELECT count(*) FROM notes"), ==, 1);
    g_assert_cmpint (copy_int (copy, "SELECT count(*) FROM notes WHERE note_id = '" NOTE_G "'"), ==, 1);
    /* Side-table rows: the owner's name (bootstrap), the customer and
     * the general note: every one of them still has its log row. */
    g_assert_cmpint (copy_int (copy, "SELECT count(*) FROM event_pii WHERE event_id NOT IN"
                                     " (SELECT event_id FROM tenant_event_logs)"), ==, 0);
    g_assert_cmpint (copy_int (copy, "SELECT count(*) FROM sync_devices"), ==, 0);
    g_assert_cmpint (copy_int (copy, "SELECT count(*) FROM sync_answers"), ==, 0);
    g_assert_cmpint (copy_int (copy, "SELECT count(*) FROM health_note_reads"), ==, 0);
    g_assert_cmpint (copy_int (copy, "SELECT count(*) FROM store_meta WHERE key = 'device_id'"), ==, 0);
    /* The guards: 2 on the log, 1 answering sync (004), 2 on the audit. */
    g_assert_cmpint (copy_int (copy, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN"
                                     " ('tenant_event_logs', 'health_note_reads')"), ==, 5);
    g_assert_false (ahi_db_exec (copy, "DELETE FROM tenant_event_logs", &error));
    g_assert_nonnull (strstr (error->message, "append-only"));
    g_clear_error (&error);
    g_assert_false (ahi_db_exec (copy, "UPDATE tenant_event_logs SET type = 'x'", &error));
    g_clear_error (&error);
  }

  /* The live database still holds all of it. */
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM tenant_event_logs"), ==, fx->boot + 3);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM notes"), ==, 2);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM sync_answers"), ==, 3);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM health_note_reads"), ==, 1);

  /* The device opens the copy as its own store: same business, a device
   * id of its own, and its log goes on from there. */
  {
    g_autoptr(AhiStore) device = ahi_store_open (target, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (ahi_store_get_tenant_id (device), ==, fx->tenant_id);
    g_assert_cmpstr (ahi_store_get_device_id (device), !=, ahi_store_get_device_id (fx->store));
  }
  {
    g_autofree char *wal = g_strconcat (target, "-wal", NULL);
    g_autofree char *shm = g_strconcat (target, "-shm", NULL);
    g_remove (wal);
    g_remove (shm);
  }
  g_assert_cmpint (g_remove (target), ==, 0);
}

/* An owner's copy holds the health note and names its patient. */
static void
test_snapshot_with_health_notes (Fixture       *fx,
                                 gconstpointer  data)
{
  g_autofree char *target = copy_path (fx, "owner-copy.db");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) patients = NULL;
  gint64 cursor = -1;

  fill_for_snapshot (fx);
  g_assert_true (ahi_sync_snapshot_write (ahi_store_get_path (fx->store), target, TRUE, TRUE, &cursor, &patients, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cursor, ==, fx->boot + 3);
  g_assert_cmpuint (g_strv_length (patients), ==, 1);
  g_assert_cmpstr (patients[0], ==, CUSTOMER);
  g_assert_true (file_contains (target, "Penisilin"));
  {
    g_autoptr(AhiDb) copy = ahi_db_open (target, FALSE, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpint (copy_int (copy, "SELECT count(*) FROM tenant_event_logs"), ==, fx->boot + 3);
    g_assert_cmpint (copy_int (copy, "SELECT count(*) FROM notes"), ==, 2);
    /* Bookkeeping is emptied for every role. */
    g_assert_cmpint (copy_int (copy, "SELECT count(*) FROM sync_answers"), ==, 0);
    g_assert_cmpint (copy_int (copy, "SELECT count(*) FROM health_note_reads"), ==, 0);
  }
  g_assert_cmpint (g_remove (target), ==, 0);
}

/* A target that exists is refused and left as it was; a source that is
 * not a database leaves nothing behind. */
static void
test_snapshot_refusals (Fixture       *fx,
                        gconstpointer  data)
{
  g_autofree char *target = copy_path (fx, "taken.db");
  g_autofree char *missing = copy_path (fx, "no-such.db");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gint64 cursor = -1;

  g_assert_true (g_file_set_contents (target, "not ours", -1, NULL));
  g_assert_false (ahi_sync_snapshot_write (ahi_store_get_path (fx->store), target, TRUE, TRUE, &cursor, NULL, &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "not ours");
  g_assert_cmpint (g_remove (target), ==, 0);

  /* The source is not there: an error, and no file at target. */
  g_assert_false (ahi_sync_snapshot_write (missing, target, TRUE, TRUE, &cursor, NULL, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

/* A RESOURCE_BUSY message gives back the id it names; others give none. */
static void
test_conflict_id (void)
{
  g_autoptr(GError) busy = g_error_new (AHI_STORE_ERROR, AHI_STORE_ERROR_RESOURCE_BUSY,
                                        "Appointment " APPT_1 " holds a resource");
  g_autoptr(GError) other = g_error_new (AHI_STORE_ERROR, AHI_STORE_ERROR_CONFLICT, "Appointment " APPT_1 " x");
  g_autoptr(GError) bad = g_error_new (AHI_STORE_ERROR, AHI_STORE_ERROR_RESOURCE_BUSY, "Appointment x");
  g_autofree char *id = ahi_sync_error_conflict_id (busy);

  g_assert_cmpstr (id, ==, APPT_1);
  g_assert_null (ahi_sync_error_conflict_id (other));
  g_assert_null (ahi_sync_error_conflict_id (bad));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ahi_store_module_init ();

#define ADD(path, func) g_test_add ("/store/sync-server/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("idempotent", test_idempotent);
  ADD ("gap", test_gap);
  ADD ("seq-reused", test_seq_reused);
  ADD ("rejection-advances", test_rejection_advances);
  ADD ("double-booking", test_double_booking);
  ADD ("pull-paging", test_pull_paging);
  ADD ("pull-after-erasure", test_pull_after_erasure);
  ADD ("pull-without-health-notes", test_pull_without_health_notes);
  ADD ("wrong-actor", test_wrong_actor);
  ADD ("ack", test_ack);
  ADD ("snapshot-without-health-notes", test_snapshot_without_health_notes);
  ADD ("snapshot-with-health-notes", test_snapshot_with_health_notes);
  ADD ("snapshot-refusals", test_snapshot_refusals);
#undef ADD
  g_test_add_func ("/store/sync-server/conflict-id", test_conflict_id);

  return g_test_run ();
}
