/* test-health-audit.c — reads of health notes are recorded, for good */
#include "ahi-test-fixture.h"
#include "store/ahi-health-audit.h"

static void
test_records_in_order (void)
{
  AhiStore *store = fx_store_new ("audit");
  AhiDb *db = ahi_store_get_db (store);
  g_autofree char *tenant = fx_create_tenant (store, "dental_esthetic");
  g_autoptr(GPtrArray) reads = NULL;
  g_autoptr(GError) error = NULL;
  AhiHealthRead *first, *second;

  /* A dental clinic runs in healthcare mode (its blueprint says so). */
  g_assert_true (ahi_health_audit_enabled (db));

  /* Recorded out of time order on purpose: the answer is by time. */
  g_assert_true (ahi_health_audit_record (db, "user-b", "manager", "patient-1", "pull", 2000, &error));
  g_assert_true (ahi_health_audit_record (db, "user-a", "owner", "patient-1", "api", 1000, &error));
  g_assert_true (ahi_health_audit_record (db, "user-a", "owner", "patient-2", "api", 1500, &error));
  g_assert_no_error (error);

  reads = ahi_health_audit_reads_of (db, "patient-1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reads->len, ==, 2);
  first = g_ptr_array_index (reads, 0);
  second = g_ptr_array_index (reads, 1);
  g_assert_cmpint (first->read_at, ==, 1000);
  g_assert_cmpstr (first->user_id, ==, "user-a");
  g_assert_cmpstr (first->role, ==, "owner");
  g_assert_cmpstr (first->channel, ==, "api");
  g_assert_cmpint (second->read_at, ==, 2000);
  g_assert_cmpstr (second->user_id, ==, "user-b");
  g_assert_cmpstr (second->channel, ==, "pull");
  fx_store_free (store);
}

static void
test_cannot_be_changed (void)
{
  AhiStore *store = fx_store_new ("audit-fixed");
  AhiDb *db = ahi_store_get_db (store);
  g_autoptr(GError) error = NULL;

  g_assert_true (ahi_health_audit_record (db, "user-a", "owner", "patient-1", "api", 1000, NULL));

  g_assert_false (ahi_db_exec (db, "UPDATE health_note_reads SET user_id = 'nobody'", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (ahi_db_exec (db, "DELETE FROM health_note_reads", &error));
  g_assert_nonnull (error);
  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM health_note_reads WHERE user_id = 'user-a'"), ==, 1);
  fx_store_free (store);
}

static void
test_hair_salon_is_not_healthcare (void)
{
  AhiStore *store = fx_store_new ("audit-hair");
  g_autofree char *tenant = fx_create_tenant (store, "hair_beauty");

  g_assert_false (ahi_health_audit_enabled (ahi_store_get_db (store)));
  fx_store_free (store);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ahi_store_module_init ();
  g_test_add_func ("/store/health-audit/records-in-order", test_records_in_order);
  g_test_add_func ("/store/health-audit/cannot-be-changed", test_cannot_be_changed);
  g_test_add_func ("/store/health-audit/hair-salon-is-not-healthcare", test_hair_salon_is_not_healthcare);
  return g_test_run ();
}
