/* bench-tenant.c — large generated tenants for the benchmarks, cached */
#include <stdio.h>
#include "bench-tenant.h"

#include <glib/gstdio.h>

#include "core/ahi-id.h"
#include "demo/ahi-generator.h"
#include "store/ahi-tenant-bootstrap.h"

AhiStore *
bench_tenant_open (const char *sector,
                   guint       n_customers,
                   guint       n_lanes,
                   guint       days,
                   gint64      now)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("%s-%uc-%ul-%ud.db", sector, n_customers, n_lanes, days);
  const char *cache = g_getenv ("AHI_BENCH_CACHE");
  g_autofree char *dir = g_strdup (cache != NULL ? cache : "bench-cache");
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  g_autoptr(AhiStore) store = NULL;

  g_mkdir_with_parents (dir, 0755);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      store = ahi_store_open (path, &error);
      g_assert_no_error (error);
      printf ("using cached tenant %s\n", path);
      return g_steal_pointer (&store);
    }

  /* Built under another name and renamed when complete, so an interrupted
   * build is never mistaken for a finished one. */
  g_remove (partial);
  {
    g_autofree char *tenant = ahi_id_new ();
    g_autoptr(GPtrArray) boot = NULL;
    AhiTenantSpec spec = { tenant, "Işıl Kuaför Zinciri", sector, "Derya Aksoy", NULL, NULL, NULL,
                           now - (gint64) (days + 60) * 86400 };
    AhiGeneratorSpec gen = { n_customers, days, 14, 55, 2026, now, n_lanes };
    AhiGeneratorStats stats = { 0 };
    gint64 start = g_get_monotonic_time ();
    double seconds;

    store = ahi_store_open (partial, &error);
    g_assert_no_error (error);
    boot = ahi_tenant_bootstrap_events (&spec, &error);
    g_assert_no_error (error);
    ahi_store_append_all (store, boot, NULL, &error);
    g_assert_no_error (error);
    ahi_generator_fill (store, &gen, &stats, &error);
    g_assert_no_error (error);
    seconds = (g_get_monotonic_time () - start) / 1e6;
    printf ("built tenant %s: %u customers, %u appointments, %u events in %.1f s (%.0f events/s)\n",
             path, stats.customers, stats.appointments, stats.events, seconds, stats.events / seconds);
    ahi_db_exec (ahi_store_get_db (store), "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;", NULL);
  }
  g_clear_object (&store);
  g_rename (partial, path);
  {
    g_autofree char *wal = g_strconcat (partial, "-wal", NULL);
    g_autofree char *shm = g_strconcat (partial, "-shm", NULL);
    g_remove (wal);
    g_remove (shm);
  }
  store = ahi_store_open (path, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}
