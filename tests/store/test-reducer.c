/* test-reducer.c — every event type applied, projections checked by hand,
 * and bad events refused with nothing written */
#include "ahi-test-fixture.h"
#include "core/ahi-core-error.h"
#include "core/ahi-id.h"
#include "store/query/ahi-customer-search.h"
#include "store/ahi-event-log.h"
#include "store/ahi-store-dump.h"
#include "store/ahi-store-error.h"

typedef struct {
  AhiStore *store;
  char     *tenant_id;
} Fixture;

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  fx->store = fx_store_new ("reducer.db");
  fx->tenant_id = fx_create_tenant (fx->store, "hair_beauty");
  fx_run_every_type (fx->store, NULL);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  fx_store_free (fx->store);
  g_free (fx->tenant_id);
}

static gint64
q_int (Fixture *fx, const char *sql)
{
  return fx_int (fx->store, sql);
}

static void
assert_text (Fixture *fx, const char *sql, const char *expected)
{
  g_autofree char *value = fx_text (fx->store, sql);
  g_assert_cmpstr (value, ==, expected);
}

static void
test_every_type_covered (void)
{
  AhiStore *store = fx_store_new ("cover.db");
  g_autofree char *tenant = fx_create_tenant (store, "hair_beauty");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) log = NULL;
  const AhiEventSpec *catalogue;
  guint n_specs = 0;

  fx_run_every_type (store, seen);

  /* Bootstrap writes the rest: together they cover the whole catalogue. */
  log = ahi_event_log_read (ahi_store_get_db (store), 0, 10000, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < log->len; i++)
    g_hash_table_add (seen, g_strdup (((AhiEvent *) g_ptr_array_index (log, i))->type));

  catalogue = ahi_event_catalogue (&n_specs);
  for (guint i = 0; i < n_specs; i++)
    if (!g_hash_table_contains (seen, catalogue[i].type))
      g_error ("event type %s is never applied by the store tests", catalogue[i].type);
  g_assert_cmpuint (g_hash_table_size (seen), ==, n_specs);

  fx_store_free (store);
}

static void
test_customers (Fixture *fx, gconstpointer data)
{
  /* The update added an e-mail and kept the name given at creation. */
  assert_text (fx, "SELECT full_name FROM customers WHERE customer_id = '" FX_CUSTOMER "'", "Işıl Çağlar");
  assert_text (fx, "SELECT email FROM customers WHERE customer_id = '" FX_CUSTOMER "'", "isil@example.com");
  assert_text (fx, "SELECT tags FROM customers WHERE customer_id = '" FX_CUSTOMER "'", "[\"vip\"]");

  /* One completed visit, on 2026-12-01 07:00Z; nothing open after it. */
  g_assert_cmpint (q_int (fx, "SELECT completed_visits FROM customers WHERE customer_id = '" FX_CUSTOMER "'"), ==, 1);
  g_assert_cmpint (q_int (fx, "SELECT last_completed_at FROM customers WHERE customer_id = '" FX_CUSTOMER "'"), ==,
                   fx_time ("2026-12-01T07:00:00Z"));
  g_assert_cmpint (q_int (fx, "SELECT next_start_at IS NULL FROM customers WHERE customer_id = '" FX_CUSTOMER "'"), ==, 1);
  assert_text (fx, "SELECT last_status FROM customers WHERE customer_id = '" FX_CUSTOMER "'", "completed");

  /* Ömer's two bookings were both cancelled. */
  g_assert_cmpint (q_int (fx, "SELECT completed_visits FROM customers WHERE customer_id = '" FX_CUSTOMER2 "'"), ==, 0);
  g_assert_cmpint (q_int (fx, "SELECT next_start_at IS NULL FROM customers WHERE customer_id = '" FX_CUSTOMER2 "'"), ==, 1);
}

static void
test_appointments (Fixture *fx, gconstpointer data)
{
  assert_text (fx, "SELECT status FROM appointments WHERE appointment_id = '" FX_APPT_DONE "'", "completed");
  g_assert_cmpint (q_int (fx, "SELECT late_min FROM appointments WHERE appointment_id = '" FX_APPT_DONE "'"), ==, 5);
  g_assert_cmpint (q_int (fx, "SELECT total_minor FROM appointments WHERE appointment_id = '" FX_APPT_DONE "'"), ==, 150000);

  /* Cancelled 2 h before the start with a 24 h window: late. Three days
   * ahead: not late. */
  g_assert_cmpint (q_int (fx, "SELECT late_cancel FROM appointments WHERE appointment_id = '" FX_APPT_LATE "'"), ==, 1);
  g_assert_cmpint (q_int (fx, "SELECT late_cancel FROM appointments WHERE appointment_id = '" FX_APPT_EARLY "'"), ==, 0);
  assert_text (fx, "SELECT cancelled_by FROM appointments WHERE appointment_id = '" FX_APPT_EARLY "'", "business");

  /* The early one was moved from the 5th to the 4th, to Ayşe, before it
   * was cancelled: it kept its id, source and price, and took the new
   * time and person. */
  g_assert_cmpint (q_int (fx, "SELECT starts_at FROM appointments WHERE appointment_id = '" FX_APPT_EARLY "'"), ==,
                   fx_time ("2026-12-04T07:00:00Z"));
  g_assert_cmpint (q_int (fx, "SELECT starts_at FROM appointment_items WHERE appointment_id = '" FX_APPT_EARLY "'"), ==,
                   fx_time ("2026-12-04T07:00:00Z"));
  assert_text (fx, "SELECT staff_id FROM appointment_items WHERE appointment_id = '" FX_APPT_EARLY "'", FX_STAFF);
  assert_text (fx, "SELECT source FROM appointments WHERE appointment_id = '" FX_APPT_EARLY "'", "online");
  g_assert_cmpint (q_int (fx, "SELECT total_minor FROM appointments WHERE appointment_id = '" FX_APPT_EARLY "'"), ==, 90000);

  /* A cancelled booking frees its chair; the completed one still holds it. */
  g_assert_cmpint (q_int (fx, "SELECT count(*) FROM appointment_resources WHERE appointment_id = '" FX_APPT_LATE "'"), ==, 0);
  g_assert_cmpint (q_int (fx, "SELECT count(*) FROM appointment_resources WHERE appointment_id = '" FX_APPT_DONE "'"), ==, 1);
  g_assert_cmpint (q_int (fx, "SELECT done_steps FROM treatment_plans"), ==, 1);
  g_assert_cmpint (q_int (fx, "SELECT total_steps FROM treatment_plans"), ==, 2);
}

static void
test_settings_and_resources (Fixture *fx, gconstpointer data)
{
  g_assert_cmpint (q_int (fx, "SELECT contact_cap_days FROM tenant_settings"), ==, 21);
  assert_text (fx, "SELECT name FROM tenant_settings", "Işıl Kuaför");
  g_assert_cmpint (q_int (fx, "SELECT count(*) FROM business_closures"), ==, 1);
  assert_text (fx, "SELECT reason FROM business_closures", "Ramazan Bayramı");

  g_assert_cmpint (q_int (fx, "SELECT in_service FROM tenant_resources WHERE resource_id = '01900000-0000-7000-8000-000000000031'"), ==, 0);
  g_assert_cmpint (q_int (fx, "SELECT deleted_at FROM tenant_resources WHERE resource_id = '01900000-0000-7000-8000-000000000031'"), ==,
                   fx_time ("2026-06-03T07:00:00Z"));

  assert_text (fx, "SELECT role FROM staff WHERE staff_id = '" FX_STAFF "'", "manager");
  assert_text (fx, "SELECT display_name FROM staff WHERE staff_id = '" FX_STAFF "'", "Ayşe Yılmaz");
  /* 09:00–13:00 and 14:00–19:00: the lunch hour is the gap. */
  g_assert_cmpint (q_int (fx, "SELECT sum(ends_min - starts_min) FROM staff_hours WHERE staff_id = '" FX_STAFF "'"), ==, 4 * 60 + 5 * 60);
  g_assert_cmpint (q_int (fx, "SELECT count(*) FROM staff_absences"), ==, 1);

  g_assert_cmpint (q_int (fx, "SELECT price_minor FROM services WHERE service_id = '" FX_SERVICE "'"), ==, 150000);
  assert_text (fx, "SELECT name FROM services WHERE service_id = '" FX_SERVICE "'", "Özel bakım");
  g_assert_cmpint (q_int (fx, "SELECT km FROM vehicles"), ==, 91000);
  assert_text (fx, "SELECT plate FROM vehicles", "34 ABC 123");
}

static void
test_crm_and_money (Fixture *fx, gconstpointer data)
{
  /* 1.500,00 TL including 20 % KDV holds 1500 × 20 / 120 = 250,00 TL. */
  g_assert_cmpint (q_int (fx, "SELECT vat_minor FROM revenue_events"), ==, 25000);
  g_assert_cmpint (q_int (fx, "SELECT amount_minor FROM revenue_events"), ==, 150000);

  assert_text (fx, "SELECT status FROM reminders WHERE reminder_id = '01900000-0000-7000-8000-0000000000a0'", "completed");
  assert_text (fx, "SELECT outcome FROM reminders WHERE reminder_id = '01900000-0000-7000-8000-0000000000a0'", "booked");
  assert_text (fx, "SELECT provider FROM reminders WHERE reminder_id = '01900000-0000-7000-8000-0000000000a0'", "local_outbox");
  g_assert_cmpint (q_int (fx, "SELECT count(*) FROM ops_alerts WHERE resolved_at IS NULL"), ==, 0);
  g_assert_cmpint (q_int (fx, "SELECT count(*) FROM waitlist WHERE removed_at IS NULL"), ==, 0);
  assert_text (fx, "SELECT iys_state FROM consents WHERE consent_id = '01900000-0000-7000-8000-0000000000e0'", "registered");
  g_assert_cmpint (q_int (fx, "SELECT withdrawn_at FROM consents WHERE consent_id = '01900000-0000-7000-8000-0000000000e1'"), ==,
                   fx_time ("2026-07-05T07:00:00Z"));
  g_assert_cmpint (q_int (fx, "SELECT customer_count FROM campaigns"), ==, 1);
  g_assert_cmpint (q_int (fx, "SELECT expected_value_minor FROM campaigns"), ==, 54000);
  assert_text (fx, "SELECT kind FROM notes WHERE note_id = '01900000-0000-7000-8000-000000000090'", "health");
  assert_text (fx, "SELECT text FROM notes WHERE note_id = '01900000-0000-7000-8000-000000000090'", "Amonyak alerjisi var.");
}

static void
test_personal_data_outside_log (Fixture *fx, gconstpointer data)
{
  /* Names, phones, plates and note texts never reach the immutable rows. */
  g_assert_cmpint (q_int (fx, "SELECT count(*) FROM tenant_event_logs WHERE payload LIKE '%Çağlar%'"
                              " OR payload LIKE '%5321234567%' OR payload LIKE '%alerji%'"
                              " OR payload LIKE '%ABC 123%' OR payload LIKE '%Harika%'"
                              " OR payload LIKE '%Yılmaz%' OR payload LIKE '%Aksoy%'"), ==, 0);
  g_assert_cmpint (q_int (fx, "SELECT count(*) FROM event_pii WHERE pii LIKE '%Çağlar%'"), >=, 1);
  g_assert_cmpint (q_int (fx, "SELECT has_pii FROM tenant_event_logs WHERE type = 'crm.note.created' LIMIT 1"), ==, 1);
}

static void
test_erasure (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  /* Şule's data is gone from every projection and the side table … */
  g_assert_cmpint (q_int (fx, "SELECT full_name IS NULL AND phone IS NULL AND erased_at IS NOT NULL"
                              " FROM customers WHERE customer_id = '" FX_ERASED "'"), ==, 1);
  g_assert_cmpint (q_int (fx, "SELECT count(*) FROM event_pii WHERE subject_id = '" FX_ERASED "'"), ==, 0);
  g_assert_cmpint (q_int (fx, "SELECT text IS NULL FROM notes WHERE customer_id = '" FX_ERASED "'"), ==, 1);
  hits = ahi_customer_search (ahi_store_get_db (fx->store), "şule", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);

  /* … while the log still tells what happened, untouched. */
  g_assert_cmpint (q_int (fx, "SELECT count(*) FROM tenant_event_logs WHERE entity_id = '" FX_ERASED "'"), ==, 2);

  /* Others keep theirs. */
  g_assert_cmpint (q_int (fx, "SELECT count(*) FROM event_pii WHERE subject_id = '" FX_CUSTOMER "'"), >=, 2);
}

/* ---------------------------------------------------------- refusals */

typedef struct {
  const char *name;
  const char *type;
  const char *entity_id;
  const char *payload;
  const char *pii;
  GQuark      domain;
  int         code;
} Refusal;

#define NEW_ID "01900000-0000-7000-8000-0000000009ff"
#define UNKNOWN "01900000-0000-7000-8000-00000000dead"

static void
assert_refused (Fixture *fx, AhiEvent *event, GQuark domain, int code, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = ahi_store_dump_projections (ahi_store_get_db (fx->store), NULL);
  g_autofree char *after = NULL;
  gint64 rows = q_int (fx, "SELECT count(*) FROM tenant_event_logs");

  g_test_message ("refusal: %s", name);
  g_assert_false (ahi_store_append (fx->store, event, NULL, &error));
  g_assert_error (error, domain, code);
  g_assert_cmpint (q_int (fx, "SELECT count(*) FROM tenant_event_logs"), ==, rows);
  after = ahi_store_dump_projections (ahi_store_get_db (fx->store), NULL);
  g_assert_cmpstr (before, ==, after);
}

static void
test_refusals (Fixture *fx, gconstpointer data)
{
  const Refusal refusals[] = {
    { "appointment for an unknown customer", "appointment.created", NEW_ID,
      "{\"customer_id\":\"" UNKNOWN "\",\"starts_at\":\"2026-12-09T07:00:00Z\",\"ends_at\":\"2026-12-09T08:00:00Z\","
      "\"items\":[{\"service_id\":\"" FX_SERVICE "\",\"starts_at\":\"2026-12-09T07:00:00Z\","
      "\"ends_at\":\"2026-12-09T08:00:00Z\",\"price_minor\":1}],\"source\":\"desk\"}", NULL,
      AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_REFERENCE },
    { "appointment on a deleted device", "appointment.created", NEW_ID,
      "{\"customer_id\":\"" FX_CUSTOMER "\",\"starts_at\":\"2026-12-09T07:00:00Z\",\"ends_at\":\"2026-12-09T08:00:00Z\","
      "\"items\":[{\"service_id\":\"" FX_SERVICE "\",\"resource_ids\":[\"01900000-0000-7000-8000-000000000031\"],"
      "\"starts_at\":\"2026-12-09T07:00:00Z\",\"ends_at\":\"2026-12-09T08:00:00Z\",\"price_minor\":1}],\"source\":\"desk\"}",
      NULL, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_REFERENCE },
    { "appointment for an erased customer", "appointment.created", NEW_ID,
      "{\"customer_id\":\"" FX_ERASED "\",\"starts_at\":\"2026-12-09T07:00:00Z\",\"ends_at\":\"2026-12-09T08:00:00Z\","
      "\"items\":[{\"service_id\":\"" FX_SERVICE "\",\"starts_at\":\"2026-12-09T07:00:00Z\","
      "\"ends_at\":\"2026-12-09T08:00:00Z\",\"price_minor\":1}],\"source\":\"desk\"}", NULL,
      AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_REFERENCE },
    { "update of an unknown customer", "customer.updated", UNKNOWN, "{\"tags\":[\"x\"]}", NULL,
      AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND },
    { "cancel of a completed visit", "appointment.cancelled", FX_APPT_DONE, "{\"cancelled_by\":\"customer\"}", NULL,
      AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE },
    { "status of a cancelled visit", "appointment.status.updated", FX_APPT_LATE, "{\"status\":\"arrived\"}", NULL,
      AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE },
    { "a chair created twice", "resource.created", FX_CHAIR, "{\"kind\":\"chair\",\"name\":\"Koltuk 9\"}", NULL,
      AHI_STORE_ERROR, AHI_STORE_ERROR_CONFLICT },
    { "a plan step done twice", "treatment_plan.step.done", "01900000-0000-7000-8000-000000000080",
      "{\"step_id\":\"01900000-0000-7000-8000-000000000081\"}", NULL,
      AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE },
    { "a rating of 9", "review.received", NEW_ID, "{\"rating\":9,\"source\":\"google\"}", NULL,
      AHI_CORE_ERROR, AHI_CORE_ERROR_OUT_OF_RANGE },
    { "a blueprint override that breaks the contract", "blueprint.updated", NULL,
      "{\"sector\":\"hair_beauty\",\"overrides\":{\"kpis\":[\"no_such_kpi\"]}}", NULL,
      AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_BLUEPRINT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      const Refusal *r = &refusals[i];
      g_autoptr(AhiEvent) event = fx_event (fx->store, r->type,
                                            r->entity_id != NULL ? r->entity_id : fx->tenant_id,
                                            fx_time ("2026-12-05T07:00:00Z"), r->payload, r->pii);
      assert_refused (fx, event, r->domain, r->code, r->name);
    }
}

static void
test_envelope_refusals (Fixture *fx, gconstpointer data)
{
  g_autoptr(AhiEvent) foreign = fx_event (fx->store, "customer.updated", FX_CUSTOMER,
                                          fx_time ("2026-12-05T07:00:00Z"), "{\"tags\":[]}", NULL);
  g_autoptr(AhiEvent) reused = fx_event (fx->store, "customer.updated", FX_CUSTOMER,
                                         fx_time ("2026-12-05T07:00:00Z"), "{\"tags\":[]}", NULL);

  /* Another tenant's event never lands in this tenant's file. */
  g_free (foreign->tenant_id);
  foreign->tenant_id = ahi_id_new ();
  assert_refused (fx, foreign, AHI_STORE_ERROR, AHI_STORE_ERROR_WRONG_TENANT, "foreign tenant");

  /* A device may not reuse a sequence number for a different event. */
  reused->device_seq = 1;
  g_free (reused->device_id);
  reused->device_id = g_strdup (ahi_store_get_device_id (fx->store));
  assert_refused (fx, reused, AHI_STORE_ERROR, AHI_STORE_ERROR_CONFLICT, "reused device_seq");
}

static void
test_batch_all_or_nothing (Fixture *fx, gconstpointer data)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) ahi_event_free);
  g_autoptr(GError) error = NULL;
  gint64 rows = q_int (fx, "SELECT count(*) FROM tenant_event_logs");
  gint64 customers = q_int (fx, "SELECT count(*) FROM customers");

  g_ptr_array_add (batch, fx_event (fx->store, "customer.created", "01900000-0000-7000-8000-000000000901",
                                    fx_time ("2026-12-05T07:00:00Z"), "{\"source\":\"phone\"}",
                                    "{\"full_name\":\"Elif Demir\"}"));
  g_ptr_array_add (batch, fx_event (fx->store, "customer.created", "01900000-0000-7000-8000-000000000902",
                                    fx_time ("2026-12-05T07:00:00Z"), "{\"source\":\"phone\"}",
                                    "{\"full_name\":\"Can Öztürk\"}"));
  g_ptr_array_add (batch, fx_event (fx->store, "customer.updated", UNKNOWN,
                                    fx_time ("2026-12-05T07:00:00Z"), "{\"tags\":[]}", NULL));

  g_assert_false (ahi_store_append_all (fx->store, batch, NULL, &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (q_int (fx, "SELECT count(*) FROM tenant_event_logs"), ==, rows);
  g_assert_cmpint (q_int (fx, "SELECT count(*) FROM customers"), ==, customers);

  /* The refused batch took no sequence numbers: the device's next event
   * follows its last logged one, so its log has no gap for sync. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT max(device_seq) FROM tenant_event_logs WHERE device_id = '%s'",
                                            ahi_store_get_device_id (fx->store));
    gint64 last = q_int (fx, sql);

    for (guint i = 0; i < batch->len; i++)
      g_assert_cmpint (((AhiEvent *) g_ptr_array_index (batch, i))->device_seq, ==, 0);
    fx_append (fx->store, "customer.updated", FX_CUSTOMER, fx_time ("2026-12-05T07:00:00Z"), "{\"tags\":[]}", NULL);
    g_assert_cmpint (q_int (fx, sql), ==, last + 1);
  }
}

/* The app writes through two connections to one file (the window's and
 * its worker's): each numbers this device's events from what the file
 * holds, so the numbers run 1, 2, 3… without a repeat or a gap whichever
 * connection appends. */
static void
test_two_connections_number_in_turn (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiStore) second = ahi_store_open (ahi_store_get_path (fx->store), &error);
  g_autofree char *sql = NULL;
  gint64 last;

  g_assert_no_error (error);
  /* Both connections are this one installation: the same device. */
  g_assert_cmpstr (ahi_store_get_device_id (second), ==, ahi_store_get_device_id (fx->store));
  sql = g_strdup_printf ("SELECT max(device_seq) FROM tenant_event_logs WHERE device_id = '%s'",
                         ahi_store_get_device_id (fx->store));
  last = q_int (fx, sql);

  for (guint i = 0; i < 3; i++)
    {
      fx_append (fx->store, "customer.updated", FX_CUSTOMER, fx_time ("2026-12-05T07:00:00Z"), "{\"tags\":[]}", NULL);
      fx_append (second, "customer.updated", FX_CUSTOMER, fx_time ("2026-12-05T07:00:00Z"), "{\"tags\":[]}", NULL);
    }
  /* Six appends, three through each: last + 1 … last + 6, all distinct. */
  g_assert_cmpint (q_int (fx, sql), ==, last + 6);
  {
    g_autofree char *distinct = g_strdup_printf ("SELECT count(DISTINCT device_seq) FROM tenant_event_logs"
                                                 " WHERE device_id = '%s' AND device_seq > %" G_GINT64_FORMAT,
                                                 ahi_store_get_device_id (fx->store), last);
    g_assert_cmpint (q_int (fx, distinct), ==, 6);
  }
}

static void
test_first_event_must_create_tenant (void)
{
  AhiStore *store = fx_store_new ("first.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *tenant = ahi_id_new ();
  g_autoptr(AhiEvent) event = ahi_event_new ("customer.created", tenant, FX_CUSTOMER,
                                             ahi_store_get_device_id (store), 1, FX_STAFF, "owner",
                                             fx_time ("2026-12-05T07:00:00Z"));

  json_object_set_string_member (event->payload, "source", "phone");
  json_object_set_string_member (ahi_event_get_pii (event), "full_name", "Elif Demir");
  g_assert_false (ahi_store_append (store, event, NULL, &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE);
  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM tenant_event_logs"), ==, 0);
  fx_store_free (store);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ahi_store_module_init ();

#define ADD(path, func) g_test_add ("/store/reducer/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/store/reducer/every-type-covered", test_every_type_covered);
  ADD ("customers", test_customers);
  ADD ("appointments", test_appointments);
  ADD ("settings-and-resources", test_settings_and_resources);
  ADD ("crm-and-money", test_crm_and_money);
  ADD ("personal-data-outside-log", test_personal_data_outside_log);
  ADD ("erasure", test_erasure);
  ADD ("refusals", test_refusals);
  ADD ("envelope-refusals", test_envelope_refusals);
  ADD ("batch-all-or-nothing", test_batch_all_or_nothing);
  ADD ("two-connections-number-in-turn", test_two_connections_number_in_turn);
  g_test_add_func ("/store/reducer/first-event-must-create-tenant", test_first_event_must_create_tenant);
#undef ADD

  return g_test_run ();
}
