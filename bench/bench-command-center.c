/* bench-command-center.c — the Command Center snapshot on a large tenant
 *
 * Prints, in one run: the snapshot's time (build + JSON), the KPI row's
 * share of it, each KPI alone, and the bare indexed queries the snapshot
 * needs — the floor any implementation pays. Goal (issue): snapshot
 * ≤ 20 ms and ≤ 2× the bare queries. Asserts nothing.
 *   AHI_BENCH_CACHE=DIR bench-command-center [--customers N] [--lanes N] [--days N]
 */
#include <stdio.h>
#include <stdlib.h>

#include "bench-tenant.h"
#include "core/ahi-time.h"
#include "store/engine/ahi-command-center.h"
#include "store/engine/ahi-kpi-query.h"
#include "store/ahi-tenant.h"

static int opt_customers = 100000;
static int opt_lanes = 160;
static int opt_days = 730;
static int opt_runs = 20;

static const GOptionEntry entries[] = {
  { "customers", 0, 0, G_OPTION_ARG_INT, &opt_customers, "Customers", "N" },
  { "lanes", 0, 0, G_OPTION_ARG_INT, &opt_lanes, "Chairs booked in parallel", "N" },
  { "days", 0, 0, G_OPTION_ARG_INT, &opt_days, "Days of history", "N" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "Runs per figure", "N" },
  { NULL }
};

/* What the snapshot must read, as plain indexed queries: the month's
 * visits by status, the month's and last month's ledger, open alerts,
 * the at-risk projection scan, tomorrow's bookings, the freed slots of
 * the week, the reviews of the last month. ?1 = from, ?2 = to. */
static const char * const bare_queries[] = {
  "SELECT status, count(*), sum(ends_at - starts_at) FROM appointments WHERE starts_at >= ?1 AND starts_at < ?2 GROUP BY status",
  "SELECT kind, sum(amount_minor), sum(vat_minor) FROM revenue_events WHERE booked_at >= ?1 AND booked_at < ?2 GROUP BY kind",
  "SELECT kind, sum(amount_minor) FROM revenue_events WHERE booked_at >= ?1 - 2592000 AND booked_at < ?1 GROUP BY kind",
  "SELECT count(*) FROM ops_alerts WHERE resolved_at IS NULL",
  "SELECT count(*) FROM customers WHERE last_completed_at < ?2 - 45 * 86400 AND next_start_at IS NULL",
  "SELECT count(*), sum(total_minor) FROM appointments WHERE starts_at >= ?2 AND starts_at < ?2 + 86400 AND status = 'booked'",
  "SELECT count(*) FROM appointments WHERE starts_at >= ?2 AND starts_at < ?2 + 7 * 86400 AND status = 'cancelled'",
  "SELECT rating, count(*) FROM reviews WHERE received_at >= ?2 - 2592000 AND received_at < ?2 GROUP BY rating",
};

static int
compare (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static void
summarize (GArray *ms, double *p50, double *p95, double *max)
{
  g_array_sort (ms, compare);
  *p50 = g_array_index (ms, double, ms->len / 2);
  *p95 = g_array_index (ms, double, MIN (ms->len - 1, ms->len * 95 / 100));
  *max = g_array_index (ms, double, ms->len - 1);
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— Command Center benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiStore) store = NULL;
  g_autoptr(AhiBlueprint) blueprint = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GArray) snap = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) kpis = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 now = 1796112000; /* 2026-12-01T09:00:00Z, fixed: the same figures every run */
  gint64 from = 0, prev_from = 0, prev_to = 0;
  double p50, p95, max, k50, k95, kmax, b50, b95, bmax;
  gsize json_bytes = 0;
  guint n_cards = 0;
  AhiDb *db;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  store = bench_tenant_open ("hair_beauty", opt_customers, opt_lanes, opt_days, now);
  db = ahi_store_get_db (store);
  blueprint = ahi_tenant_load_blueprint (db, &error);
  g_assert_no_error (error);
  zone = ahi_tenant_timezone (db);
  ahi_kpi_month_to_date (zone, now, &from, &prev_from, &prev_to);
  printf ("tenant: %" G_GINT64_FORMAT " customers, %" G_GINT64_FORMAT " appointments, %" G_GINT64_FORMAT " ledger lines\n",
           ahi_db_query_int (db, "SELECT count(*) FROM customers", 0, NULL),
           ahi_db_query_int (db, "SELECT count(*) FROM appointments", 0, NULL),
           ahi_db_query_int (db, "SELECT count(*) FROM revenue_events", 0, NULL));

  for (int run = 0; run < opt_runs + 1; run++)
    {
      g_autoptr(AhiCommandCenter) center = NULL;
      g_autoptr(GArray) set = NULL;
      g_autofree char *json = NULL;
      double t0, t1, t2, t3;

      t0 = now_ms ();
      center = ahi_command_center_build (store, now, &error);
      g_assert_no_error (error);
      json = ahi_command_center_to_json (center);
      t1 = now_ms ();
      set = ahi_kpi_compute_set (db, blueprint, now, &error);
      g_assert_no_error (error);
      t2 = now_ms ();
      for (guint q = 0; q < G_N_ELEMENTS (bare_queries); q++)
        {
          sqlite3_stmt *stmt = ahi_db_prepare (db, bare_queries[q], &error);

          g_assert_no_error (error);
          if (sqlite3_bind_parameter_count (stmt) >= 1)
            sqlite3_bind_int64 (stmt, 1, from);
          if (sqlite3_bind_parameter_count (stmt) >= 2)
            sqlite3_bind_int64 (stmt, 2, now);
          while (ahi_db_step_row (db, stmt, NULL))
            ;
        }
      t3 = now_ms ();

      /* The first run warms the page cache; it is not counted. */
      if (run == 0)
        continue;
      g_array_append_vals (snap, (double[]) { t1 - t0 }, 1);
      g_array_append_vals (kpis, (double[]) { t2 - t1 }, 1);
      g_array_append_vals (bare, (double[]) { t3 - t2 }, 1);
      json_bytes = strlen (json);
      n_cards = center->cards->len;
    }

  summarize (snap, &p50, &p95, &max);
  summarize (kpis, &k50, &k95, &kmax);
  summarize (bare, &b50, &b95, &bmax);
  printf ("\n%-34s %9s %9s %9s\n", "", "p50 ms", "p95 ms", "max ms");
  printf ("%-34s %9.2f %9.2f %9.2f\n", "snapshot (build + JSON)", p50, p95, max);
  printf ("%-34s %9.2f %9.2f %9.2f\n", "  of which the KPI row (alone)", k50, k95, kmax);
  printf ("%-34s %9.2f %9.2f %9.2f\n", "bare indexed queries (baseline)", b50, b95, bmax);
  printf ("snapshot / bare (p50): %.2fx; %u cards, %" G_GSIZE_FORMAT " bytes of JSON, %d runs\n",
           b50 > 0 ? p50 / b50 : 0.0, n_cards, json_bytes, opt_runs);

  printf ("\neach KPI alone (this month so far):\n");
  for (const char * const *id = ahi_blueprint_get_kpis (blueprint); *id != NULL; id++)
    {
      AhiKpiValue value;
      double t0 = now_ms ();

      ahi_kpi_compute (db, *id, from, now, &value, &error);
      g_assert_no_error (error);
      printf ("  %-32s %8.2f ms\n", *id, now_ms () - t0);
    }
  return EXIT_SUCCESS;
}
