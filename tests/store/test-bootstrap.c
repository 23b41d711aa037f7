/* test-bootstrap.c — creating a business, twice, on two machines */
#include "ahi-test-fixture.h"
#include "core/ahi-blueprint.h"
#include "core/ahi-core-error.h"
#include "core/ahi-id.h"
#include "store/ahi-event-log.h"
#include "store/ahi-store-dump.h"

#define TENANT "01900000-0000-7000-8000-00000000aaaa"

static GPtrArray *
bootstrap (const char *sector)
{
  g_autoptr(GError) error = NULL;
  AhiTenantSpec spec = {
    .tenant_id = TENANT,
    .name = "Gülüş Diş Kliniği",
    .sector = sector,
    .owner_name = "Dr. Selin Arslan",
    .created_at = fx_time ("2026-11-24T06:00:00Z"),
  };
  GPtrArray *events = ahi_tenant_bootstrap_events (&spec, &error);

  g_assert_no_error (error);
  return events;
}

static void
test_provisions_sector (gconstpointer data)
{
  const char *sector = data;
  g_autoptr(AhiBlueprint) blueprint = ahi_blueprint_load (sector, NULL);
  g_autoptr(GPtrArray) events = bootstrap (sector);
  g_autoptr(GError) error = NULL;
  AhiStore *store = fx_store_new ("boot.db");
  g_autofree char *owner = ahi_tenant_owner_id (TENANT);
  guint n_templates = 0, n_rules = 0, n_hours = 0;
  guint applied = 0;

  ahi_blueprint_get_resource_templates (blueprint, &n_templates);
  ahi_blueprint_get_automation_rules (blueprint, &n_rules);
  ahi_blueprint_get_opening_hours (blueprint, &n_hours);

  g_assert_true (ahi_store_append_all (store, events, &applied, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (applied, ==, events->len);
  g_assert_cmpstr (ahi_store_get_tenant_id (store), ==, TENANT);

  /* Everything the blueprint lists is there, once. */
  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM services"), ==, ahi_blueprint_get_n_services (blueprint));
  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM tenant_resources"), ==, n_templates);
  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM automation_rules"), ==, n_rules);
  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM opening_hours"), ==, n_hours);
  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM retention_segments"), ==, 3);
  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM staff WHERE role = 'owner'"), ==, 1);
  {
    g_autofree char *name = fx_text (store, "SELECT display_name FROM staff");
    g_autofree char *id = fx_text (store, "SELECT staff_id FROM staff");
    g_autofree char *s = fx_text (store, "SELECT sector FROM tenant_settings");
    g_autofree char *tz = fx_text (store, "SELECT timezone FROM tenant_settings");

    g_assert_cmpstr (name, ==, "Dr. Selin Arslan");
    g_assert_cmpstr (id, ==, owner);
    g_assert_cmpstr (s, ==, sector);
    g_assert_cmpstr (tz, ==, "Europe/Istanbul");
  }
  g_assert_cmpint (fx_int (store, "SELECT kvkk AND gdpr_ready FROM compliance_profiles"), ==, 1);

  /* Every event names the owner as its actor. */
  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM tenant_event_logs WHERE actor_user_id <> (SELECT staff_id FROM staff)"), ==, 0);

  /* Running bootstrap again creates nothing. */
  g_assert_true (ahi_store_append_all (store, events, &applied, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (applied, ==, 0);
  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM tenant_event_logs"), ==, events->len);

  fx_store_free (store);
}

static void
test_sector_facts (void)
{
  g_autoptr(GPtrArray) dental = bootstrap ("dental_esthetic");
  g_autoptr(GPtrArray) hair = bootstrap ("hair_beauty");
  g_autoptr(GError) error = NULL;
  AhiStore *a = fx_store_new ("dental.db");
  AhiStore *b = fx_store_new ("hair.db");

  g_assert_true (ahi_store_append_all (a, dental, NULL, &error));
  g_assert_true (ahi_store_append_all (b, hair, NULL, &error));
  g_assert_no_error (error);

  /* A clinic handles health data; a salon does not by default. */
  g_assert_cmpint (fx_int (a, "SELECT healthcare_mode FROM compliance_profiles"), ==, 1);
  g_assert_cmpint (fx_int (b, "SELECT healthcare_mode FROM compliance_profiles"), ==, 0);
  /* Dental services carry 10 % KDV, salon services 20 %. */
  g_assert_cmpint (fx_int (a, "SELECT min(vat_rate_bp) FROM services"), ==, 1000);
  g_assert_cmpint (fx_int (a, "SELECT max(vat_rate_bp) FROM services"), ==, 1000);
  g_assert_cmpint (fx_int (b, "SELECT min(vat_rate_bp) FROM services"), ==, 2000);
  /* A women's cut is 900 TL in the shared menu: 90000 kuruş. */
  g_assert_cmpint (fx_int (b, "SELECT price_minor FROM services WHERE code = 'kadin_sac_kesimi'"), ==, 90000);
  /* The clinic's capacity is rooms, the salon's chairs. */
  g_assert_cmpint (fx_int (a, "SELECT count(*) FROM tenant_resources WHERE kind = 'room'"), >, 0);
  g_assert_cmpint (fx_int (b, "SELECT count(*) FROM tenant_resources WHERE kind = 'chair'"), >, 0);

  fx_store_free (a);
  fx_store_free (b);
}

static void
test_deterministic_across_machines (void)
{
  g_autoptr(GPtrArray) first = bootstrap ("auto_service");
  g_autoptr(GPtrArray) second = bootstrap ("auto_service");
  g_autoptr(GError) error = NULL;
  AhiStore *device = fx_store_new ("device.db");
  AhiStore *server = fx_store_new ("server.db");
  g_autofree char *device_dump = NULL;
  g_autofree char *server_dump = NULL;
  guint applied = 0;

  /* The same tenant id gives byte-identical events. */
  g_assert_cmpuint (first->len, ==, second->len);
  for (guint i = 0; i < first->len; i++)
    {
      g_autofree char *a = ahi_event_encode (g_ptr_array_index (first, i));
      g_autofree char *b = ahi_event_encode (g_ptr_array_index (second, i));
      g_assert_cmpstr (a, ==, b);
    }

  /* A business made offline on the device, then adopted by the server that
   * runs its own bootstrap for the tenant and receives the device's log:
   * nothing is created twice. */
  g_assert_true (ahi_store_append_all (device, first, NULL, &error));
  g_assert_true (ahi_store_append_all (server, second, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) log = ahi_event_log_read (ahi_store_get_db (device), 0, 1000, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (ahi_store_append_all (server, log, &applied, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (applied, ==, 0);
  }
  device_dump = ahi_store_dump_projections (ahi_store_get_db (device), &error);
  server_dump = ahi_store_dump_projections (ahi_store_get_db (server), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (device_dump, ==, server_dump);

  fx_store_free (device);
  fx_store_free (server);
}

static void
test_unknown_sector (void)
{
  g_autoptr(GError) error = NULL;
  AhiTenantSpec spec = {
    .tenant_id = TENANT,
    .name = "Oto Yıkama",
    .sector = "car_wash",
    .owner_name = "Mert",
    .created_at = 0,
  };

  g_assert_null (ahi_tenant_bootstrap_events (&spec, &error));
  g_assert_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_BLUEPRINT);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ahi_store_module_init ();

  for (const char * const *id = ahi_blueprint_list_ids (); *id != NULL; id++)
    {
      g_autofree char *path = g_strdup_printf ("/store/bootstrap/provisions/%s", *id);
      g_test_add_data_func (path, *id, test_provisions_sector);
    }
  g_test_add_func ("/store/bootstrap/sector-facts", test_sector_facts);
  g_test_add_func ("/store/bootstrap/deterministic-across-machines", test_deterministic_across_machines);
  g_test_add_func ("/store/bootstrap/unknown-sector", test_unknown_sector);

  return g_test_run ();
}
