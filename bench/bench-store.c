/* bench-store.c — write path and customer search on a 100k-customer tenant
 *
 * Prints figures, asserts none: these machines are shared and noisy. The
 * search is shown beside a baseline measured in the same run, the same
 * question answered by scanning the folded key with LIKE (what the desk
 * would get without the FTS index).
 *   meson test -C builddir/release --benchmark --verbose
 *   builddir/release/bench/bench-store [--customers N]
 */
#include <stdio.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "core/ahi-fold.h"
#include "core/ahi-id.h"
#include "store/query/ahi-customer-search.h"
#include "demo/ahi-generator.h"
#include "store/ahi-store.h"
#include "store/ahi-tenant-bootstrap.h"

static int opt_customers = 100000;
static int opt_runs = 50;

static const GOptionEntry entries[] = {
  { "customers", 0, 0, G_OPTION_ARG_INT, &opt_customers, "Customers in the tenant", "N" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "Runs per query", "N" },
  { NULL }
};

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static void
percentiles (GArray *ms, double *p50, double *p95)
{
  g_array_sort (ms, compare_doubles);
  *p50 = g_array_index (ms, double, ms->len / 2);
  *p95 = g_array_index (ms, double, MIN (ms->len - 1, (ms->len * 95) / 100));
}

static guint
like_scan (AhiDb *db, const char *typed, guint limit)
{
  g_autofree char *folded = ahi_fold (typed);
  g_autofree char *pattern = g_strdup_printf ("%%%s%%", folded);
  sqlite3_stmt *stmt = ahi_db_prepare (db,
    "SELECT customer_id, full_name, phone FROM customers WHERE search_key LIKE ?1 AND erased_at IS NULL"
    " ORDER BY full_name LIMIT ?2", NULL);
  guint n = 0;

  ahi_db_bind_text (stmt, 1, pattern);
  sqlite3_bind_int (stmt, 2, limit);
  while (ahi_db_step_row (db, stmt, NULL))
    n++;
  return n;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— store benchmark");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *tenant = ahi_id_new ();
  g_autoptr(AhiStore) store = NULL;
  g_autoptr(GPtrArray) boot = NULL;
  AhiGeneratorStats stats = { 0 };
  const char *queries[] = { "a", "ay", "ayşe", "ayşe y", "IŞIL", "cagla", "0532", "mehmet öz", "kaya" };
  gint64 now = 1796112000; /* 2026-12-01T09:00:00Z: the same data on every run */
  gint64 start;
  double seconds;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  dir = g_dir_make_tmp ("ahi-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.db", NULL);
  store = ahi_store_open (path, &error);
  g_assert_no_error (error);

  {
    AhiTenantSpec spec = { tenant, "Işıl Kuaför", "hair_beauty", "Derya Aksoy", NULL, NULL, NULL, now - 400 * 86400 };
    AhiGeneratorSpec gen = { (guint) opt_customers, 30, 7, 60, 7, now };

    boot = ahi_tenant_bootstrap_events (&spec, &error);
    g_assert_no_error (error);
    ahi_store_append_all (store, boot, NULL, &error);
    g_assert_no_error (error);

    start = g_get_monotonic_time ();
    ahi_generator_fill (store, &gen, &stats, &error);
    g_assert_no_error (error);
    seconds = (g_get_monotonic_time () - start) / 1e6;
  }

  printf ("store benchmark: %u customers, %u appointments\n", stats.customers, stats.appointments);
  printf ("write path (validate + log + pii + reducer + FTS, batches of 4000): %u events in %.2f s = %.0f events/s\n\n",
           stats.events, seconds, stats.events / seconds);

  printf ("%-12s %8s %12s %12s %14s %14s\n", "query", "hits", "fts p50 ms", "fts p95 ms", "LIKE p50 ms", "LIKE p95 ms");
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GArray) fts = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) like = g_array_new (FALSE, FALSE, sizeof (double));
      double f50, f95, l50, l95;
      guint hits = 0;

      for (int r = 0; r < opt_runs; r++)
        {
          g_autoptr(GPtrArray) result = NULL;
          double ms;

          start = g_get_monotonic_time ();
          result = ahi_customer_search (ahi_store_get_db (store), queries[q], 20, &error);
          ms = (g_get_monotonic_time () - start) / 1000.0;
          g_assert_no_error (error);
          hits = result->len;
          g_array_append_val (fts, ms);

          start = g_get_monotonic_time ();
          like_scan (ahi_store_get_db (store), queries[q], 20);
          ms = (g_get_monotonic_time () - start) / 1000.0;
          g_array_append_val (like, ms);
        }
      percentiles (fts, &f50, &f95);
      percentiles (like, &l50, &l95);
      printf ("%-12s %8u %12.2f %12.2f %14.2f %14.2f\n", queries[q], hits, f50, f95, l50, l95);
    }

  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_remove (wal);
    g_remove (shm);
  }
  g_remove (path);
  g_rmdir (dir);
  return EXIT_SUCCESS;
}
