/* test-customer-query.c — the people queries the app and the server share
 *
 * Customers in pages, one customer (erased too), vehicles, treatment plans
 * with their steps, notes with and without health notes, and the staff
 * with their hours — each written through events into a real SQLite file
 * and read back, every figure worked out by hand below.
 */
#include "ahi-test-fixture.h"

#include "store/query/ahi-customer-query.h"
#include "store/query/ahi-staff-query.h"
#include "store/ahi-store-error.h"

/* Ids chosen so that their order is known: C1 < C2 < … < C5. */
#define C1 "01900000-0000-7000-8000-0000000000c1"
#define C2 "01900000-0000-7000-8000-0000000000c2"
#define C3 "01900000-0000-7000-8000-0000000000c3"
#define C4 "01900000-0000-7000-8000-0000000000c4"
#define C5 "01900000-0000-7000-8000-0000000000c5"
#define UNKNOWN "01900000-0000-7000-8000-0000000000ff"

static void
add_customer (AhiStore   *store,
              const char *id,
              const char *when,
              const char *name)
{
  g_autofree char *pii = g_strdup_printf ("{\"full_name\":\"%s\",\"phone\":\"+905321234567\"}", name);

  fx_append (store, "customer.created", id, fx_time (when), "{\"source\":\"walk_in\",\"tags\":[\"vip\",\"yeni\"]}", pii);
}

static const char *
id_at (GPtrArray *customers,
       guint      i)
{
  return ((AhiCustomer *) g_ptr_array_index (customers, i))->customer_id;
}

static void
test_customer_pages (void)
{
  AhiStore *store = fx_store_new ("customer-pages");
  AhiDb *db = ahi_store_get_db (store);
  g_autofree char *tenant = fx_create_tenant (store, "hair_beauty");
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  gboolean more = FALSE;

  /* Created out of id order on purpose: the list is in id order. */
  add_customer (store, C4, "2026-11-01T09:00:00Z", "Dört");
  add_customer (store, C2, "2026-11-02T09:00:00Z", "İki");
  add_customer (store, C5, "2026-11-03T09:00:00Z", "Beş");
  add_customer (store, C1, "2026-11-04T09:00:00Z", "Bir");
  add_customer (store, C3, "2026-11-05T09:00:00Z", "Üç");
  fx_append (store, "customer.erased", C3, fx_time ("2026-11-06T09:00:00Z"), "{\"reason\":\"KVKK\"}", NULL);

  /* Five customers, C3 erased: the list holds C1 C2 C4 C5. Pages of 2:
   * [C1 C2] more, [C4 C5] no more (exactly two were left), [] after C5. */
  page = ahi_customer_query_list (db, NULL, 2, &more, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpstr (id_at (page, 0), ==, C1);
  g_assert_cmpstr (id_at (page, 1), ==, C2);
  g_assert_true (more);
  g_clear_pointer (&page, g_ptr_array_unref);

  page = ahi_customer_query_list (db, C2, 2, &more, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpstr (id_at (page, 0), ==, C4);
  g_assert_cmpstr (id_at (page, 1), ==, C5);
  g_assert_false (more);
  g_clear_pointer (&page, g_ptr_array_unref);

  page = ahi_customer_query_list (db, C5, 2, &more, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 0);
  g_assert_false (more);
  g_clear_pointer (&page, g_ptr_array_unref);

  /* A customer added between two pages lands in its place by id and
   * does not shift the page already read: after C2 come C4 and C5. */
  add_customer (store, "01900000-0000-7000-8000-0000000000c0", "2026-11-07T09:00:00Z", "Sıfır");
  page = ahi_customer_query_list (db, C2, 10, &more, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpstr (id_at (page, 0), ==, C4);
  g_assert_false (more);

  fx_store_free (store);
}

static void
test_customer_get (void)
{
  AhiStore *store = fx_store_new ("customer-get");
  AhiDb *db = ahi_store_get_db (store);
  g_autofree char *tenant = fx_create_tenant (store, "hair_beauty");
  g_autoptr(AhiCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  add_customer (store, C1, "2026-11-01T09:00:00Z", "Işıl Çağlar");
  fx_append (store, "customer.updated", C1, fx_time ("2026-11-02T10:00:00Z"), "{}", "{\"city\":\"Kadıköy\"}");

  customer = ahi_customer_query_get (db, C1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (customer->full_name, ==, "Işıl Çağlar");
  g_assert_cmpstr (customer->phone, ==, "+905321234567");
  g_assert_cmpstr (customer->city, ==, "Kadıköy");
  g_assert_null (customer->email);
  g_assert_cmpstr (customer->source, ==, "walk_in");
  g_assert_cmpuint (g_strv_length (customer->tags), ==, 2);
  g_assert_cmpstr (customer->tags[0], ==, "vip");
  g_assert_cmpint (customer->created_at, ==, fx_time ("2026-11-01T09:00:00Z"));
  g_assert_cmpint (customer->updated_at, ==, fx_time ("2026-11-02T10:00:00Z"));
  g_assert_cmpint (customer->erased_at, ==, 0);
  g_clear_pointer (&customer, ahi_customer_free);

  /* Erased: still there (visits count), but nothing personal. */
  fx_append (store, "customer.erased", C1, fx_time ("2026-11-03T10:00:00Z"), "{\"reason\":\"KVKK\"}", NULL);
  customer = ahi_customer_query_get (db, C1, &error);
  g_assert_no_error (error);
  g_assert_null (customer->full_name);
  g_assert_null (customer->phone);
  g_assert_null (customer->city);
  g_assert_cmpuint (g_strv_length (customer->tags), ==, 0);
  g_assert_cmpint (customer->erased_at, ==, fx_time ("2026-11-03T10:00:00Z"));

  g_assert_null (ahi_customer_query_get (db, UNKNOWN, &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND);
  fx_store_free (store);
}

static void
test_vehicles_and_plans (void)
{
  AhiStore *store = fx_store_new ("customer-records");
  AhiDb *db = ahi_store_get_db (store);
  g_autofree char *tenant = fx_create_tenant (store, "dental_esthetic");
  g_autoptr(GPtrArray) vehicles = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(AhiVehicle) vehicle = NULL;
  g_autoptr(AhiTreatmentPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  AhiPlanStep *step;

  add_customer (store, C1, "2026-11-01T09:00:00Z", "Selin Kaya");
  add_customer (store, C2, "2026-11-01T09:05:00Z", "Ali Kaya");
  fx_append (store, "vehicle.created", "01900000-0000-7000-8000-0000000000e2", fx_time ("2026-11-02T09:00:00Z"),
             "{\"customer_id\":\"" C1 "\",\"make\":\"Renault\",\"year\":2019}", "{\"plate\":\"34 ABC 123\"}");
  fx_append (store, "vehicle.created", "01900000-0000-7000-8000-0000000000e1", fx_time ("2026-11-03T09:00:00Z"),
             "{\"customer_id\":\"" C1 "\",\"km\":0}", "{\"plate\":\"06 XY 42\"}");
  fx_append (store, "vehicle.created", "01900000-0000-7000-8000-0000000000e3", fx_time ("2026-11-03T09:00:00Z"),
             "{\"customer_id\":\"" C2 "\"}", "{\"plate\":\"35 A 1\"}");

  /* C1's two vehicles, oldest first (e2 then e1); C2's is not among them. */
  vehicles = ahi_vehicle_query_of (db, C1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (vehicles->len, ==, 2);
  vehicle = g_ptr_array_steal_index (vehicles, 0);
  g_assert_cmpstr (vehicle->vehicle_id, ==, "01900000-0000-7000-8000-0000000000e2");
  g_assert_cmpstr (vehicle->plate, ==, "34 ABC 123");
  g_assert_cmpint (vehicle->year, ==, 2019);
  g_assert_cmpint (vehicle->km, ==, -1);   /* unknown, unlike e1's 0 km */
  g_assert_cmpint (((AhiVehicle *) g_ptr_array_index (vehicles, 0))->km, ==, 0);
  g_clear_pointer (&vehicle, ahi_vehicle_free);

  fx_append (store, "treatment_plan.created", "01900000-0000-7000-8000-0000000000d1", fx_time ("2026-11-04T09:00:00Z"),
             "{\"customer_id\":\"" C1 "\",\"title\":\"İmplant\",\"steps\":["
             "{\"step_id\":\"01900000-0000-7000-8000-0000000000a1\",\"label\":\"Muayene\"},"
             "{\"step_id\":\"01900000-0000-7000-8000-0000000000a2\",\"label\":\"Cerrahi\"},"
             "{\"step_id\":\"01900000-0000-7000-8000-0000000000a3\",\"label\":\"Kron\"}]}", NULL);
  fx_append (store, "treatment_plan.step.done", "01900000-0000-7000-8000-0000000000d1", fx_time ("2026-11-10T09:00:00Z"),
             "{\"step_id\":\"01900000-0000-7000-8000-0000000000a2\"}", NULL);

  /* Three steps in the order given, the second done: 1 of 3. */
  plans = ahi_treatment_plan_query_of (db, C1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plans->len, ==, 1);
  plan = g_ptr_array_steal_index (plans, 0);
  g_assert_cmpstr (plan->title, ==, "İmplant");
  g_assert_cmpuint (plan->total_steps, ==, 3);
  g_assert_cmpuint (plan->done_steps, ==, 1);
  g_assert_cmpuint (plan->steps->len, ==, 3);
  step = g_ptr_array_index (plan->steps, 1);
  g_assert_cmpstr (step->label, ==, "Cerrahi");
  g_assert_cmpuint (step->position, ==, 1);
  g_assert_cmpint (step->done_at, ==, fx_time ("2026-11-10T09:00:00Z"));
  g_assert_cmpint (((AhiPlanStep *) g_ptr_array_index (plan->steps, 0))->done_at, ==, 0);
  g_clear_pointer (&plan, ahi_treatment_plan_free);

  plan = ahi_treatment_plan_query_get (db, "01900000-0000-7000-8000-0000000000d1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (plan->customer_id, ==, C1);
  g_clear_pointer (&plan, ahi_treatment_plan_free);
  g_assert_null (ahi_treatment_plan_query_get (db, UNKNOWN, &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (ahi_vehicle_query_get (db, UNKNOWN, &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND);

  fx_store_free (store);
}

static void
test_notes (void)
{
  AhiStore *store = fx_store_new ("customer-notes");
  AhiDb *db = ahi_store_get_db (store);
  g_autofree char *tenant = fx_create_tenant (store, "dental_esthetic");
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) general = NULL;
  g_autoptr(GError) error = NULL;

  add_customer (store, C1, "2026-11-01T09:00:00Z", "Selin Kaya");
  add_customer (store, C2, "2026-11-01T09:00:00Z", "Ali Kaya");
  fx_append (store, "crm.note.created", "01900000-0000-7000-8000-0000000000b2", fx_time ("2026-11-02T09:00:00Z"),
             "{\"customer_id\":\"" C1 "\",\"kind\":\"health\"}", "{\"text\":\"Penisilin alerjisi\"}");
  fx_append (store, "crm.note.created", "01900000-0000-7000-8000-0000000000b1", fx_time ("2026-11-03T09:00:00Z"),
             "{\"customer_id\":\"" C1 "\",\"kind\":\"general\"}", "{\"text\":\"Sabah randevusu sever\"}");
  fx_append (store, "crm.note.created", "01900000-0000-7000-8000-0000000000b3", fx_time ("2026-11-03T09:00:00Z"),
             "{\"customer_id\":\"" C2 "\",\"kind\":\"general\"}", "{\"text\":\"Başka hasta\"}");

  /* C1 has two notes, oldest first: the health note, then the general. */
  all = ahi_note_query_of (db, C1, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpstr (((AhiNote *) g_ptr_array_index (all, 0))->kind, ==, "health");
  g_assert_cmpstr (((AhiNote *) g_ptr_array_index (all, 0))->text, ==, "Penisilin alerjisi");
  g_assert_cmpstr (((AhiNote *) g_ptr_array_index (all, 1))->text, ==, "Sabah randevusu sever");

  /* Without health notes: the general one only. */
  general = ahi_note_query_of (db, C1, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (general->len, ==, 1);
  g_assert_cmpstr (((AhiNote *) g_ptr_array_index (general, 0))->kind, ==, "general");
  g_clear_pointer (&general, g_ptr_array_unref);

  /* Erasing C1 keeps that notes existed, not what they said. */
  fx_append (store, "customer.erased", C1, fx_time ("2026-11-04T09:00:00Z"), "{\"reason\":\"KVKK\"}", NULL);
  general = ahi_note_query_of (db, C1, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (general->len, ==, 1);
  g_assert_null (((AhiNote *) g_ptr_array_index (general, 0))->text);

  fx_store_free (store);
}

static void
test_staff (void)
{
  AhiStore *store = fx_store_new ("staff-query");
  AhiDb *db = ahi_store_get_db (store);
  g_autofree char *tenant = fx_create_tenant (store, "hair_beauty");
  g_autofree char *owner = ahi_tenant_owner_id (tenant);
  g_autoptr(GPtrArray) active = NULL;
  g_autoptr(GPtrArray) everyone = NULL;
  g_autoptr(AhiStaffMember) ayse = NULL;
  g_autoptr(GError) error = NULL;
  const AhiStaffInterval *interval;

  fx_append (store, "staff.created", "01900000-0000-7000-8000-0000000000f1", fx_time ("2026-11-01T09:00:00Z"),
             "{\"role\":\"staff\",\"skills\":[\"chair\"]}", "{\"display_name\":\"Ayşe\"}");
  fx_append (store, "staff.created", "01900000-0000-7000-8000-0000000000f2", fx_time ("2026-11-02T09:00:00Z"),
             "{\"role\":\"staff\"}", "{\"display_name\":\"Berk\"}");
  /* Given out of order: they come back by weekday, then start. */
  fx_append (store, "staff.hours.set", "01900000-0000-7000-8000-0000000000f1", fx_time ("2026-11-03T09:00:00Z"),
             "{\"intervals\":[{\"weekday\":2,\"starts\":\"09:00\",\"ends\":\"17:00\"},"
             "{\"weekday\":1,\"starts\":\"13:00\",\"ends\":\"18:30\"},"
             "{\"weekday\":1,\"starts\":\"09:00\",\"ends\":\"12:00\"}]}", NULL);
  fx_append (store, "staff.updated", "01900000-0000-7000-8000-0000000000f2", fx_time ("2026-11-04T09:00:00Z"),
             "{\"active\":false}", NULL);

  /* Active: the owner (bootstrap, June) and Ayşe; Berk left. */
  active = ahi_staff_query_list (db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (active->len, ==, 2);
  g_assert_cmpstr (((AhiStaffMember *) g_ptr_array_index (active, 0))->staff_id, ==, owner);
  g_assert_cmpstr (((AhiStaffMember *) g_ptr_array_index (active, 1))->display_name, ==, "Ayşe");
  everyone = ahi_staff_query_list (db, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (everyone->len, ==, 3);
  g_assert_false (((AhiStaffMember *) g_ptr_array_index (everyone, 2))->active);

  ayse = ahi_staff_query_get (db, "01900000-0000-7000-8000-0000000000f1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ayse->role, ==, "staff");
  g_assert_cmpstr (ayse->skills[0], ==, "chair");
  g_assert_cmpuint (ayse->hours->len, ==, 3);
  /* Monday 09:00 = 540 min to 12:00 = 720; Monday 13:00 = 780 to 18:30
   * = 1110; Tuesday 09:00 = 540 to 17:00 = 1020. */
  interval = &g_array_index (ayse->hours, AhiStaffInterval, 0);
  g_assert_cmpuint (interval->weekday, ==, 1);
  g_assert_cmpuint (interval->starts_min, ==, 540);
  g_assert_cmpuint (interval->ends_min, ==, 720);
  interval = &g_array_index (ayse->hours, AhiStaffInterval, 1);
  g_assert_cmpuint (interval->starts_min, ==, 780);
  g_assert_cmpuint (interval->ends_min, ==, 1110);
  interval = &g_array_index (ayse->hours, AhiStaffInterval, 2);
  g_assert_cmpuint (interval->weekday, ==, 2);
  g_assert_cmpuint (interval->ends_min, ==, 1020);

  g_assert_null (ahi_staff_query_get (db, UNKNOWN, &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND);
  fx_store_free (store);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ahi_store_module_init ();
  g_test_add_func ("/store/customer-query/pages", test_customer_pages);
  g_test_add_func ("/store/customer-query/get", test_customer_get);
  g_test_add_func ("/store/customer-query/vehicles-and-plans", test_vehicles_and_plans);
  g_test_add_func ("/store/customer-query/notes", test_notes);
  g_test_add_func ("/store/customer-query/staff", test_staff);
  return g_test_run ();
}
