/* ahi-test-scenario.c — one event of every type, for the store tests
 *
 * Times are UTC; the salon is in Europe/Istanbul (UTC+3), so
 * 2026-12-01T07:00:00Z is 10:00 at the desk.
 */
#include "ahi-test-fixture.h"

#include "store/ahi-store-dump.h"

typedef struct {
  AhiStore   *store;
  GHashTable *seen;
} Scenario;

static void
step (Scenario   *sc,
      const char *type,
      const char *entity_id,
      const char *when,
      const char *payload,
      const char *pii)
{
  g_autoptr(AhiEvent) event = fx_event (sc->store, type, entity_id, fx_time (when), payload, pii);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gboolean duplicate = TRUE;
  gint64 log_rows;

  ahi_store_append (sc->store, event, &duplicate, &error);
  g_assert_no_error (error);
  g_assert_false (duplicate);

  /* Apply twice = apply once: the second append is recognised and leaves
   * projections and log as they were. */
  before = ahi_store_dump_projections (ahi_store_get_db (sc->store), &error);
  g_assert_no_error (error);
  log_rows = fx_int (sc->store, "SELECT count(*) FROM tenant_event_logs");
  ahi_store_append (sc->store, event, &duplicate, &error);
  g_assert_no_error (error);
  g_assert_true (duplicate);
  after = ahi_store_dump_projections (ahi_store_get_db (sc->store), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (log_rows, ==, fx_int (sc->store, "SELECT count(*) FROM tenant_event_logs"));

  if (sc->seen != NULL)
    g_hash_table_add (sc->seen, g_strdup (type));
}

void
fx_run_every_type (AhiStore   *store,
                   GHashTable *seen)
{
  Scenario sc = { store, seen };

  step (&sc, "tenant.settings.updated", ahi_store_get_tenant_id (store), "2026-06-01T07:00:00Z",
        "{\"late_cancel_window_min\":1440,\"contact_cap_days\":21}", NULL);
  step (&sc, "business.closure.added", "01900000-0000-7000-8000-000000000050", "2026-06-01T07:00:00Z",
        "{\"starts_on\":\"2027-03-20\",\"ends_on\":\"2027-03-22\",\"reason\":\"Ramazan Bayramı\"}", NULL);
  step (&sc, "business.closure.added", "01900000-0000-7000-8000-000000000051", "2026-06-01T07:00:00Z",
        "{\"starts_on\":\"2026-12-31\",\"ends_on\":\"2026-12-31\",\"reason\":\"Envanter\"}", NULL);
  step (&sc, "business.closure.removed", "01900000-0000-7000-8000-000000000051", "2026-06-02T07:00:00Z",
        "{\"reason\":\"Açık kalacağız\"}", NULL);

  step (&sc, "resource.created", FX_CHAIR, "2026-06-01T07:00:00Z",
        "{\"kind\":\"chair\",\"name\":\"Koltuk 9\"}", NULL);
  step (&sc, "resource.created", "01900000-0000-7000-8000-000000000031", "2026-06-01T07:00:00Z",
        "{\"kind\":\"device\",\"name\":\"Lazer\"}", NULL);
  step (&sc, "resource.updated", "01900000-0000-7000-8000-000000000031", "2026-06-02T07:00:00Z",
        "{\"in_service\":false}", NULL);
  step (&sc, "resource.deleted", "01900000-0000-7000-8000-000000000031", "2026-06-03T07:00:00Z",
        "{\"reason\":\"Satıldı\"}", NULL);

  step (&sc, "staff.created", FX_STAFF, "2026-06-01T07:00:00Z",
        "{\"role\":\"staff\",\"skills\":[\"specialist\"]}", "{\"display_name\":\"Ayşe Yılmaz\"}");
  step (&sc, "staff.updated", FX_STAFF, "2026-06-01T08:00:00Z",
        "{\"role\":\"manager\"}", NULL);
  step (&sc, "staff.hours.set", FX_STAFF, "2026-06-01T08:00:00Z",
        "{\"intervals\":[{\"weekday\":2,\"starts\":\"09:00\",\"ends\":\"13:00\"},"
        "{\"weekday\":2,\"starts\":\"14:00\",\"ends\":\"19:00\"}]}", NULL);
  step (&sc, "staff.absence.added", "01900000-0000-7000-8000-000000000060", "2026-06-01T08:00:00Z",
        "{\"staff_id\":\"" FX_STAFF "\",\"kind\":\"leave\",\"starts_at\":\"2026-12-10T06:00:00Z\","
        "\"ends_at\":\"2026-12-10T16:00:00Z\"}", NULL);
  step (&sc, "staff.absence.added", "01900000-0000-7000-8000-000000000061", "2026-06-01T08:00:00Z",
        "{\"staff_id\":\"" FX_STAFF "\",\"kind\":\"break\",\"starts_at\":\"2026-12-11T09:00:00Z\","
        "\"ends_at\":\"2026-12-11T09:30:00Z\"}", NULL);
  step (&sc, "staff.absence.removed", "01900000-0000-7000-8000-000000000061", "2026-06-02T08:00:00Z", "{}", NULL);

  step (&sc, "service.created", FX_SERVICE, "2026-06-01T07:00:00Z",
        "{\"code\":\"ozel_bakim\",\"name\":\"Özel bakım\",\"duration_min\":60,\"price_minor\":120000,"
        "\"vat_rate_bp\":2000,\"resource_kinds\":[\"chair\",\"specialist\"],\"revisit_days\":35}", NULL);
  step (&sc, "service.updated", FX_SERVICE, "2026-06-02T07:00:00Z",
        "{\"price_minor\":150000}", NULL);

  step (&sc, "customer.created", FX_CUSTOMER, "2026-06-05T07:00:00Z",
        "{\"source\":\"walk_in\",\"tags\":[\"vip\"]}",
        "{\"full_name\":\"Işıl Çağlar\",\"phone\":\"+905321234567\",\"city\":\"İstanbul\"}");
  step (&sc, "customer.updated", FX_CUSTOMER, "2026-06-06T07:00:00Z", "{}",
        "{\"email\":\"isil@example.com\"}");
  step (&sc, "customer.created", FX_CUSTOMER2, "2026-06-05T07:00:00Z",
        "{\"source\":\"phone\"}", "{\"full_name\":\"Ömer Aydın\",\"phone\":\"+905441112233\"}");
  step (&sc, "customer.created", FX_ERASED, "2026-06-05T07:00:00Z",
        "{\"source\":\"online\"}", "{\"full_name\":\"Şule Kaya\",\"phone\":\"+905051234567\"}");

  step (&sc, "vehicle.created", "01900000-0000-7000-8000-000000000070", "2026-06-05T07:00:00Z",
        "{\"customer_id\":\"" FX_CUSTOMER2 "\",\"make\":\"Renault\",\"model\":\"Clio\",\"year\":2019,\"km\":84000}",
        "{\"plate\":\"34 ABC 123\"}");
  step (&sc, "vehicle.updated", "01900000-0000-7000-8000-000000000070", "2026-07-05T07:00:00Z",
        "{\"km\":91000}", NULL);

  step (&sc, "treatment_plan.created", "01900000-0000-7000-8000-000000000080", "2026-06-05T07:00:00Z",
        "{\"customer_id\":\"" FX_CUSTOMER "\",\"title\":\"Saç bakım kürü\",\"steps\":["
        "{\"step_id\":\"01900000-0000-7000-8000-000000000081\",\"label\":\"1. seans\",\"service_id\":\"" FX_SERVICE "\"},"
        "{\"step_id\":\"01900000-0000-7000-8000-000000000082\",\"label\":\"2. seans\"}]}", NULL);

  /* Completed visit: 2026-12-01 10:00–11:00 at the desk. */
  step (&sc, "appointment.created", FX_APPT_DONE, "2026-11-20T07:00:00Z",
        "{\"customer_id\":\"" FX_CUSTOMER "\",\"starts_at\":\"2026-12-01T07:00:00Z\",\"ends_at\":\"2026-12-01T08:00:00Z\","
        "\"items\":[{\"service_id\":\"" FX_SERVICE "\",\"staff_id\":\"" FX_STAFF "\",\"resource_ids\":[\"" FX_CHAIR "\"],"
        "\"starts_at\":\"2026-12-01T07:00:00Z\",\"ends_at\":\"2026-12-01T08:00:00Z\",\"price_minor\":150000}],"
        "\"source\":\"desk\"}", NULL);
  step (&sc, "appointment.status.updated", FX_APPT_DONE, "2026-12-01T06:00:00Z", "{\"status\":\"confirmed\"}", NULL);
  step (&sc, "appointment.status.updated", FX_APPT_DONE, "2026-12-01T07:05:00Z",
        "{\"status\":\"arrived\",\"late_min\":5}", NULL);
  step (&sc, "appointment.status.updated", FX_APPT_DONE, "2026-12-01T08:00:00Z", "{\"status\":\"completed\"}", NULL);
  step (&sc, "treatment_plan.step.done", "01900000-0000-7000-8000-000000000080", "2026-12-01T08:00:00Z",
        "{\"step_id\":\"01900000-0000-7000-8000-000000000081\",\"appointment_id\":\"" FX_APPT_DONE "\"}", NULL);

  /* Cancelled 2 h before its start: inside the 24 h window, so late. */
  step (&sc, "appointment.created", FX_APPT_LATE, "2026-11-20T07:00:00Z",
        "{\"customer_id\":\"" FX_CUSTOMER2 "\",\"starts_at\":\"2026-12-02T07:00:00Z\",\"ends_at\":\"2026-12-02T07:30:00Z\","
        "\"items\":[{\"service_id\":\"" FX_SERVICE "\",\"resource_ids\":[\"" FX_CHAIR "\"],"
        "\"starts_at\":\"2026-12-02T07:00:00Z\",\"ends_at\":\"2026-12-02T07:30:00Z\",\"price_minor\":90000}],"
        "\"source\":\"phone\"}", NULL);
  step (&sc, "appointment.cancelled", FX_APPT_LATE, "2026-12-02T05:00:00Z",
        "{\"cancelled_by\":\"customer\",\"reason\":\"Hasta\"}", NULL);
  /* Cancelled three days ahead: not late. Booked for the 5th, then moved
   * a day earlier, with Ayşe and the chair: the 4th is still 48 h after
   * the cancellation, so still not late. */
  step (&sc, "appointment.created", FX_APPT_EARLY, "2026-11-20T07:00:00Z",
        "{\"customer_id\":\"" FX_CUSTOMER2 "\",\"starts_at\":\"2026-12-05T07:00:00Z\",\"ends_at\":\"2026-12-05T07:30:00Z\","
        "\"items\":[{\"service_id\":\"" FX_SERVICE "\",\"starts_at\":\"2026-12-05T07:00:00Z\","
        "\"ends_at\":\"2026-12-05T07:30:00Z\",\"price_minor\":90000}],\"source\":\"online\"}", NULL);
  step (&sc, "appointment.moved", FX_APPT_EARLY, "2026-11-25T07:00:00Z",
        "{\"starts_at\":\"2026-12-04T07:00:00Z\",\"ends_at\":\"2026-12-04T07:30:00Z\","
        "\"items\":[{\"staff_id\":\"" FX_STAFF "\",\"resource_ids\":[\"" FX_CHAIR "\"],"
        "\"starts_at\":\"2026-12-04T07:00:00Z\",\"ends_at\":\"2026-12-04T07:30:00Z\"}],"
        "\"reason\":\"Müşteri bir gün önce gelebilir\"}", NULL);
  step (&sc, "appointment.cancelled", FX_APPT_EARLY, "2026-12-02T07:00:00Z",
        "{\"cancelled_by\":\"business\"}", NULL);

  step (&sc, "crm.note.created", "01900000-0000-7000-8000-000000000090", "2026-12-01T08:00:00Z",
        "{\"customer_id\":\"" FX_CUSTOMER "\",\"kind\":\"health\"}", "{\"text\":\"Amonyak alerjisi var.\"}");
  step (&sc, "crm.note.created", "01900000-0000-7000-8000-000000000091", "2026-12-01T08:00:00Z",
        "{\"customer_id\":\"" FX_ERASED "\",\"kind\":\"general\"}", "{\"text\":\"Kahveyi şekersiz içer.\"}");

  step (&sc, "reminder.created", "01900000-0000-7000-8000-0000000000a0", "2026-12-01T08:00:00Z",
        "{\"customer_id\":\"" FX_CUSTOMER "\",\"channel\":\"whatsapp\",\"purpose\":\"review_request\","
        "\"due_at\":\"2026-12-01T10:00:00Z\",\"template\":\"review_v1\",\"appointment_id\":\"" FX_APPT_DONE "\"}", NULL);
  step (&sc, "reminder.sent", "01900000-0000-7000-8000-0000000000a0", "2026-12-01T10:00:00Z",
        "{\"result\":\"sent\",\"provider\":\"local_outbox\",\"provider_ref\":\"out-1\"}", NULL);
  step (&sc, "reminder.completed", "01900000-0000-7000-8000-0000000000a0", "2026-12-01T12:00:00Z",
        "{\"outcome\":\"booked\"}", NULL);

  step (&sc, "review.received", "01900000-0000-7000-8000-0000000000b0", "2026-12-01T12:00:00Z",
        "{\"rating\":5,\"source\":\"google\",\"customer_id\":\"" FX_CUSTOMER "\",\"appointment_id\":\"" FX_APPT_DONE "\"}",
        "{\"comment\":\"Harika bir kesim, teşekkürler!\"}");
  step (&sc, "review.received", "01900000-0000-7000-8000-0000000000b1", "2026-12-01T12:00:00Z",
        "{\"rating\":2,\"source\":\"google\"}", "{\"comment\":\"Çok bekledim.\"}");

  step (&sc, "ops.alert.raised", "01900000-0000-7000-8000-0000000000c0", "2026-12-01T12:00:00Z",
        "{\"kind\":\"low_rating\",\"severity\":\"warning\",\"subject_entity\":\"review\","
        "\"subject_id\":\"01900000-0000-7000-8000-0000000000b1\",\"detail\":{\"rating\":2}}", NULL);
  step (&sc, "ops.alert.resolved", "01900000-0000-7000-8000-0000000000c0", "2026-12-01T13:00:00Z",
        "{\"resolution\":\"Müşteri arandı, özür dilendi\"}", NULL);

  step (&sc, "waitlist.entry.added", "01900000-0000-7000-8000-0000000000d0", "2026-12-01T13:00:00Z",
        "{\"customer_id\":\"" FX_CUSTOMER2 "\",\"service_id\":\"" FX_SERVICE "\",\"earliest_at\":\"2026-12-03T06:00:00Z\"}",
        NULL);
  step (&sc, "waitlist.entry.removed", "01900000-0000-7000-8000-0000000000d0", "2026-12-02T13:00:00Z",
        "{\"reason\":\"booked\"}", NULL);

  step (&sc, "consent.given", "01900000-0000-7000-8000-0000000000e0", "2026-06-05T07:00:00Z",
        "{\"customer_id\":\"" FX_CUSTOMER "\",\"purpose\":\"marketing\",\"channel\":\"whatsapp\","
        "\"source\":\"in_person\",\"iys_state\":\"pending\"}", NULL);
  step (&sc, "consent.iys.updated", "01900000-0000-7000-8000-0000000000e0", "2026-06-06T07:00:00Z",
        "{\"iys_state\":\"registered\"}", NULL);
  step (&sc, "consent.given", "01900000-0000-7000-8000-0000000000e1", "2026-06-05T07:00:00Z",
        "{\"customer_id\":\"" FX_CUSTOMER2 "\",\"purpose\":\"marketing\",\"channel\":\"sms\","
        "\"source\":\"paper_form\",\"iys_state\":\"registered\"}", NULL);
  step (&sc, "consent.withdrawn", "01900000-0000-7000-8000-0000000000e1", "2026-07-05T07:00:00Z",
        "{\"source\":\"phone\"}", NULL);

  /* 1.500,00 TL with 20 % KDV inside: 1500 × 20/120 = 250,00 TL. */
  step (&sc, "revenue.event.created", "01900000-0000-7000-8000-0000000000f0", "2026-12-01T08:00:00Z",
        "{\"kind\":\"sale\",\"source\":\"appointment\",\"method\":\"card\",\"amount_minor\":150000,"
        "\"currency\":\"TRY\",\"vat_rate_bp\":2000,\"booked_at\":\"2026-12-01T08:00:00Z\","
        "\"customer_id\":\"" FX_CUSTOMER "\",\"appointment_id\":\"" FX_APPT_DONE "\",\"staff_id\":\"" FX_STAFF "\"}", NULL);

  step (&sc, "reminder.created", "01900000-0000-7000-8000-0000000000a1", "2026-12-02T08:00:00Z",
        "{\"customer_id\":\"" FX_CUSTOMER2 "\",\"channel\":\"sms\",\"purpose\":\"reactivation\","
        "\"due_at\":\"2026-12-02T09:00:00Z\",\"template\":\"winback_v1\","
        "\"campaign_id\":\"01900000-0000-7000-8000-000000000100\"}", NULL);
  step (&sc, "automation.reactivation.queued", "01900000-0000-7000-8000-000000000100", "2026-12-02T08:00:00Z",
        "{\"tier\":\"at_risk\",\"channel\":\"sms\",\"customer_ids\":[\"" FX_CUSTOMER2 "\"],"
        "\"reminder_ids\":[\"01900000-0000-7000-8000-0000000000a1\"],\"expected_value_minor\":54000}", NULL);

  step (&sc, "customer.erased", FX_ERASED, "2026-12-03T08:00:00Z",
        "{\"reason\":\"KVKK silme talebi\"}", NULL);

  /* The till of 1 December counted 5,00 TL short: difference −500. */
  step (&sc, "cash.reconciled", "01900000-0000-7000-8000-000000000110", "2026-12-01T16:00:00Z",
        "{\"business_date\":\"2026-12-01\",\"counted_minor\":49500,\"expected_minor\":50000,"
        "\"note\":\"Bozuk para eksik\"}", NULL);
}
