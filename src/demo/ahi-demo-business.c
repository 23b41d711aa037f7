/* ahi-demo-business.c — a sector's demo business in a database file */
#include "demo/ahi-demo-business.h"

#include <glib/gstdio.h>

#include "demo/ahi-generator.h"
#include "store/ahi-store-error.h"
#include "store/ahi-tenant-bootstrap.h"
#include "core/ahi-blueprint.h"
#include "core/ahi-id.h"

/* Every demo: two weeks booked ahead, a desk a little over half full,
 * the same choices from one run to the next. */
#define DEMO_DAYS_AHEAD 14
#define DEMO_OCCUPANCY_PCT 55
#define DEMO_SEED 2026

/* ------------------------------------------------------------- helpers */

static gboolean
fill_demo (AhiStore           *store,
           const char         *sector,
           guint               n_customers,
           guint               days_of_history,
           gint64              now,
           AhiGeneratorStats  *stats,
           GError            **error)
{
  g_autofree char *tenant_id = ahi_id_new ();
  g_autoptr(GPtrArray) events = NULL;
  AhiTenantSpec spec = {
    .tenant_id = tenant_id,
    .name = ahi_demo_business_name (sector),
    .sector = sector,
    .owner_name = "Derya Aksoy",
    /* Open for a while before the first generated visit. */
    .created_at = now - (gint64) (days_of_history + 30) * 86400,
  };
  AhiGeneratorSpec gen = {
    .n_customers = n_customers,
    .days_of_history = days_of_history,
    .days_ahead = DEMO_DAYS_AHEAD,
    .occupancy_pct = DEMO_OCCUPANCY_PCT,
    .seed = DEMO_SEED,
    .now = now,
  };

  events = ahi_tenant_bootstrap_events (&spec, error);
  return events != NULL &&
         ahi_store_append_all (store, events, NULL, error) &&
         ahi_generator_fill (store, &gen, stats, error);
}

/* ---------------------------------------------------------- public API */

gboolean
ahi_demo_business_is_sector (const char *sector)
{
  return sector != NULL && g_strv_contains (ahi_blueprint_list_ids (), sector);
}

const char *
ahi_demo_business_name (const char *sector)
{
  g_return_val_if_fail (sector != NULL, NULL);

  if (g_str_equal (sector, "dental_esthetic"))
    return "Gülüş Ağız ve Diş Sağlığı Polikliniği";
  if (g_str_equal (sector, "auto_service"))
    return "Usta Oto Servis";
  if (g_str_equal (sector, "hair_beauty"))
    return "Işıl Kuaför & Güzellik";
  return "Ahi İşletmesi";
}

AhiStore *
ahi_demo_business_open (const char         *path,
                        const char         *sector,
                        guint               n_customers,
                        guint               days_of_history,
                        gint64              now,
                        AhiGeneratorStats  *stats,
                        GError            **error)
{
  g_autoptr(AhiStore) store = NULL;
  gboolean existed;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (stats != NULL)
    *stats = (AhiGeneratorStats) { 0 };
  if (!ahi_demo_business_is_sector (sector))
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_INPUT,
                   "Unknown sector %s", sector != NULL ? sector : "(none)");
      return NULL;
    }

  existed = g_file_test (path, G_FILE_TEST_EXISTS);
  store = ahi_store_open (path, error);
  if (store == NULL)
    return NULL;
  if (ahi_store_get_tenant_id (store) != NULL)
    return g_steal_pointer (&store);

  if (!fill_demo (store, sector, n_customers, days_of_history, now, stats, error))
    {
      /* The generator commits in batches: a demo that failed half-way is
       * removed rather than opened half made, if this call created it. */
      g_clear_object (&store);
      if (!existed)
        {
          g_autofree char *wal = g_strconcat (path, "-wal", NULL);
          g_autofree char *shm = g_strconcat (path, "-shm", NULL);

          g_remove (wal);
          g_remove (shm);
          g_remove (path);
        }
      return NULL;
    }
  return g_steal_pointer (&store);
}
