/* test-demo-business.c — a sector's demo business in a database file */
#include <glib/gstdio.h>

#include "../store/ahi-test-fixture.h"
#include "core/ahi-blueprint.h"
#include "demo/ahi-demo-business.h"
#include "store/ahi-store-error.h"

static gint64
now (void)
{
  return fx_time ("2026-09-01T07:00:00Z");
}

/* ---------------------------------------------------------------- tests */

static void
test_demo (gconstpointer data)
{
  const char *sector = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fx_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *tenant_id = NULL;
  AhiStore *store;
  AhiGeneratorStats stats = { 0 };
  gint64 started = g_get_monotonic_time ();
  gint64 customers, appointments, events;
  double ms;

  store = ahi_demo_business_open (path, sector, 300, 90, now (), &stats, &error);
  ms = (g_get_monotonic_time () - started) / 1e3;
  g_assert_no_error (error);
  g_assert_nonnull (store);

  customers = fx_int (store, "SELECT count(*) FROM customers");
  appointments = fx_int (store, "SELECT count(*) FROM appointments");
  events = fx_int (store, "SELECT count(*) FROM tenant_event_logs");
  g_test_message ("demo %s: %" G_GINT64_FORMAT " customers, %" G_GINT64_FORMAT " appointments, %"
                  G_GINT64_FORMAT " events in %.0f ms", sector, customers, appointments, events, ms);

  /* The 300 customers asked for, every one made by the generator, with a
   * past and a future. */
  g_assert_cmpint (customers, ==, 300);
  g_assert_cmpuint (stats.customers, ==, 300);
  g_assert_cmpint (stats.appointments, ==, appointments);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM appointments WHERE status = 'completed' AND starts_at < %"
                                            G_GINT64_FORMAT, now ());
    g_assert_cmpint (fx_int (store, sql), >, 0);
    g_free (sql);
    sql = g_strdup_printf ("SELECT count(*) FROM appointments WHERE starts_at > %" G_GINT64_FORMAT, now ());
    g_assert_cmpint (fx_int (store, sql), >, 0);
  }
  {
    g_autofree char *s = fx_text (store, "SELECT sector FROM tenant_settings");
    g_assert_cmpstr (s, ==, sector);
  }

  /* Opening it again opens what is there: nothing is generated twice. */
  tenant_id = g_strdup (ahi_store_get_tenant_id (store));
  g_assert_finalize_object (store);
  store = ahi_demo_business_open (path, sector, 300, 90, now () + 86400, &stats, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats.events, ==, 0);
  g_assert_cmpstr (ahi_store_get_tenant_id (store), ==, tenant_id);
  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM tenant_event_logs"), ==, events);
  fx_store_free (store);
}

static void
test_demo_unknown_sector (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fx_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);

  g_assert_null (ahi_demo_business_open (path, "bakery", 300, 90, now (), NULL, &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_INPUT);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ahi_store_module_init ();

  /* A demo takes about a second (several under ASan): the suite makes
   * one, `-m slow` one per sector. */
  for (const char * const *id = ahi_blueprint_list_ids (); *id != NULL; id++)
    if (g_test_slow () || g_str_equal (*id, "hair_beauty"))
      {
        g_autofree char *path = g_strdup_printf ("/demo/business/demo/%s", *id);
        g_test_add_data_func (path, *id, test_demo);
      }
  g_test_add_func ("/demo/business/demo-unknown-sector", test_demo_unknown_sector);

  return g_test_run ();
}
