/* test-business-create.c — the first run: three fields make a business */
#include <string.h>

#include "ahi-test-fixture.h"
#include "store/ahi-business-create.h"
#include "store/engine/ahi-command-center.h"
#include "store/ahi-store-error.h"

static gint64
now (void)
{
  return fx_time ("2026-09-01T07:00:00Z");
}

/* Weekly opening hours as "weekday opens-closes;…" in minutes, in order. */
#define OPENING_HOURS_SQL \
  "SELECT group_concat (weekday || ' ' || opens_min || '-' || closes_min, ';')" \
  " FROM (SELECT * FROM opening_hours ORDER BY weekday, opens_min)"

static void
assert_empty (AhiStore *store)
{
  g_assert_null (ahi_store_get_tenant_id (store));
  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM tenant_event_logs"), ==, 0);
  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM tenant_settings"), ==, 0);
  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM staff"), ==, 0);
  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM services"), ==, 0);
}

/* ---------------------------------------------------------------- tests */

static void
test_presets (void)
{
  guint n = 0;
  const AhiHoursPreset *presets = ahi_business_hours_presets (&n);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *wanted[] = { "sector_default", "weekdays_9_19", "mon_sat_9_19", "every_day_10_20" };

  g_assert_cmpuint (n, >=, G_N_ELEMENTS (wanted));
  g_assert_cmpstr (presets[0].id, ==, "sector_default");
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (g_hash_table_add (seen, (gpointer) presets[i].id));   /* unique */
      g_assert_cmpuint (strlen (presets[i].label), >, 0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    g_assert_true (g_hash_table_contains (seen, wanted[i]));
}

static void
test_three_fields (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiCommandCenter) center = NULL;
  g_autofree char *tenant_id = NULL;
  g_autofree char *owner_id = NULL;
  g_autofree char *path = NULL;
  AhiStore *store = fx_store_new ("first-run.db");

  g_assert_true (ahi_business_create (store, "  Işıl Kuaför  ", "hair_beauty", "Derya Aksoy",
                                      "mon_sat_9_19", now (), &tenant_id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ahi_store_get_tenant_id (store), ==, tenant_id);
  owner_id = ahi_tenant_owner_id (tenant_id);

  /* The name as typed, without the spaces around it. */
  {
    g_autofree char *row = fx_text (store, "SELECT name || '|' || sector || '|' || timezone || '|' || currency || '|' || locale"
                                           " FROM tenant_settings");
    g_assert_cmpstr (row, ==, "Işıl Kuaför|hair_beauty|Europe/Istanbul|TRY|tr");
  }
  g_assert_cmpint (fx_int (store, "SELECT created_at FROM tenant_settings"), ==, now ());

  /* mon_sat_9_19: Monday (1) to Saturday (6), 9×60 = 540 to 19×60 = 1140. */
  {
    g_autofree char *hours = fx_text (store, OPENING_HOURS_SQL);
    g_assert_cmpstr (hours, ==, "1 540-1140;2 540-1140;3 540-1140;4 540-1140;5 540-1140;6 540-1140");
  }

  /* The starter menu of hair_beauty: 18 services (data/blueprints),
   * the first a 60-minute women's cut at 900,00 TL = 90000 kuruş. */
  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM services WHERE active"), ==, 18);
  {
    g_autofree char *cut = fx_text (store, "SELECT duration_min || '|' || price_minor FROM services WHERE code = 'kadin_sac_kesimi'");
    g_assert_cmpstr (cut, ==, "60|90000");
  }
  /* Its three chairs and a laser device, and its 6 automation rules. */
  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM tenant_resources"), ==, 4);
  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM automation_rules"), ==, 6);

  /* The owner is the first staff member and works the opening hours. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT display_name || '|' || role || '|' || active FROM staff WHERE staff_id = '%s'",
                                            owner_id);
    g_autofree char *owner = fx_text (store, sql);
    g_autofree char *staff_hours = NULL;

    g_assert_cmpstr (owner, ==, "Derya Aksoy|owner|1");
    g_free (sql);
    sql = g_strdup_printf ("SELECT group_concat (weekday || ' ' || starts_min || '-' || ends_min, ';')"
                           " FROM (SELECT * FROM staff_hours WHERE staff_id = '%s' ORDER BY weekday, starts_min)", owner_id);
    staff_hours = fx_text (store, sql);
    g_assert_cmpstr (staff_hours, ==, "1 540-1140;2 540-1140;3 540-1140;4 540-1140;5 540-1140;6 540-1140");
  }
  g_assert_cmpint (fx_int (store, "SELECT count(*) FROM staff"), ==, 1);

  /* A working desk: it takes a customer and draws its Command Center. */
  fx_append (store, "customer.created", "01900000-0000-7000-8000-0000000000c1", now () + 60,
             "{\"source\":\"walk_in\"}", "{\"full_name\":\"Ayşe Yılmaz\"}");
  center = ahi_command_center_build (store, now () + 120, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (center->kpis->len, >, 0);

  /* And it is still there when the app starts again. */
  path = g_strdup (ahi_store_get_path (store));
  g_clear_pointer (&center, ahi_command_center_free);
  g_object_unref (store);
  store = ahi_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ahi_store_get_tenant_id (store), ==, tenant_id);
  fx_store_free (store);
}

static void
test_other_presets (void)
{
  struct {
    const char *sector;
    const char *preset;
    const char *hours;
  } cases[] = {
    /* Monday to Friday, 540 to 1140. */
    { "generic", "weekdays_9_19", "1 540-1140;2 540-1140;3 540-1140;4 540-1140;5 540-1140" },
    /* 9×60 = 540 to 18×60 = 1080. */
    { "auto_service", "weekdays_9_18", "1 540-1080;2 540-1080;3 540-1080;4 540-1080;5 540-1080" },
    /* Seven days, 10×60 = 600 to 20×60 = 1200. */
    { "dental_esthetic", "every_day_10_20",
      "1 600-1200;2 600-1200;3 600-1200;4 600-1200;5 600-1200;6 600-1200;7 600-1200" },
    /* The dental blueprint's own week: 09:00–13:00 and 14:00–19:00 (a
     * lunch break), Monday to Saturday: 540-780 and 840-1140. */
    { "dental_esthetic", "sector_default",
      "1 540-780;1 840-1140;2 540-780;2 840-1140;3 540-780;3 840-1140;"
      "4 540-780;4 840-1140;5 540-780;5 840-1140;6 540-780;6 840-1140" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *hours = NULL;
      AhiStore *store = fx_store_new ("preset.db");

      g_assert_true (ahi_business_create (store, "Ahi", cases[i].sector, "Selin Arslan", cases[i].preset,
                                          now (), NULL, &error));
      g_assert_no_error (error);
      hours = fx_text (store, OPENING_HOURS_SQL);
      g_assert_cmpstr (hours, ==, cases[i].hours);
      fx_store_free (store);
    }
}

static void
test_refusals_leave_store_empty (void)
{
  g_autoptr(GError) error = NULL;
  /* 120 "ş" are 240 bytes but 120 characters: the bound counts
   * characters, so 120 pass and 121 do not. */
  g_autoptr(GString) long_name = g_string_new (NULL);
  g_autofree char *max_name = NULL;
  g_autofree char *owner_81 = g_strnfill (81, 'a');
  AhiStore *store = fx_store_new ("refused.db");
  struct {
    const char *name;
    const char *sector;
    const char *owner;
    const char *preset;
  } cases[] = {
    { "", "hair_beauty", "Derya", "mon_sat_9_19" },
    { "   \t ", "hair_beauty", "Derya", "mon_sat_9_19" },
    { NULL, "hair_beauty", "Derya", "mon_sat_9_19" },
    { "\xff\xfe", "hair_beauty", "Derya", "mon_sat_9_19" },              /* not UTF-8 */
    { NULL /* 121 chars */, "hair_beauty", "Derya", "mon_sat_9_19" },
    { "Fırın", "bakery", "Derya", "mon_sat_9_19" },
    { "Fırın", "HAIR_BEAUTY", "Derya", "mon_sat_9_19" },
    { "Fırın", NULL, "Derya", "mon_sat_9_19" },
    { "Fırın", "hair_beauty", "Derya", "always_open" },
    { "Fırın", "hair_beauty", "Derya", NULL },
    { "Fırın", "hair_beauty", NULL /* 81 chars */, "mon_sat_9_19" },
  };

  for (guint i = 0; i < 121; i++)
    g_string_append (long_name, "ş");
  cases[4].name = long_name->str;
  cases[10].owner = owner_81;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *tenant_id = NULL;

      g_assert_false (ahi_business_create (store, cases[i].name, cases[i].sector, cases[i].owner,
                                           cases[i].preset, now (), &tenant_id, &error));
      g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_INPUT);
      g_assert_null (tenant_id);
      g_clear_error (&error);
      assert_empty (store);
    }

  /* The boundary passes: 120 characters. */
  max_name = g_utf8_substring (long_name->str, 0, 120);
  g_assert_true (ahi_business_create (store, max_name, "hair_beauty", "Derya Aksoy", "mon_sat_9_19",
                                      now (), NULL, &error));
  g_assert_no_error (error);

  /* A second business in the same store is refused, and changes nothing. */
  {
    gint64 events = fx_int (store, "SELECT count(*) FROM tenant_event_logs");
    g_autofree char *tenant_before = g_strdup (ahi_store_get_tenant_id (store));

    g_assert_false (ahi_business_create (store, "Başka", "generic", "Ali", "weekdays_9_19", now (), NULL, &error));
    g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_CONFLICT);
    g_assert_cmpint (fx_int (store, "SELECT count(*) FROM tenant_event_logs"), ==, events);
    g_assert_cmpstr (ahi_store_get_tenant_id (store), ==, tenant_before);
    g_assert_cmpint (fx_int (store, "SELECT count(*) FROM tenant_settings"), ==, 1);
  }
  fx_store_free (store);
}

static void
test_default_owner_name (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  AhiStore *store = fx_store_new ("owner.db");

  g_assert_true (ahi_business_create (store, "Usta Oto", "auto_service", "  ", "weekdays_9_18", now (), NULL, &error));
  g_assert_no_error (error);
  owner = fx_text (store, "SELECT display_name FROM staff WHERE role = 'owner'");
  g_assert_cmpstr (owner, ==, "İşletme Sahibi");
  fx_store_free (store);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ahi_store_module_init ();

  g_test_add_func ("/store/business-create/presets", test_presets);
  g_test_add_func ("/store/business-create/three-fields", test_three_fields);
  g_test_add_func ("/store/business-create/other-presets", test_other_presets);
  g_test_add_func ("/store/business-create/refusals-leave-store-empty", test_refusals_leave_store_empty);
  g_test_add_func ("/store/business-create/default-owner-name", test_default_owner_name);

  return g_test_run ();
}
