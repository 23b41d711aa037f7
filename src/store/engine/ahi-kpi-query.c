/* ahi-kpi-query.c — every KPI of docs/kpi.md, computed from a tenant db
 *
 * Each KPI is one or two indexed queries over the projections; sums are
 * SQLite integer sums (an overflow is an error, never a float) and every
 * division is done in C by ahi_kpi_ratio_bp / ahi_kpi_div_round, so the
 * rounding is the one documented. Fill rate needs the calendar, so its
 * bookable time is built here from opening hours and closures.
 */
#include "store/engine/ahi-kpi-query.h"

#include <string.h>

#include "store/ahi-store-error.h"
#include "store/ahi-tenant.h"
#include "core/ahi-time.h"

#define SECONDS_PER_DAY 86400
#define REBOOK_SECONDS ((gint64) AHI_KPI_REBOOK_HOURS * 3600)

typedef struct {
  AhiDb        *db;
  AhiBlueprint *bp;
  GTimeZone    *zone;
  char          currency[4];
} KpiContext;

/* The attribution window is the sector's: its reactivation rule's
 * interval_days, the one definition the retention engine uses too. */
static gint64
attribution_seconds (KpiContext *ctx)
{
  const AhiAutomationRule *rule = ahi_blueprint_lookup_automation (ctx->bp, "reactivation");

  if (rule == NULL || !json_object_has_member (rule->params, "interval_days"))
    return (gint64) AHI_KPI_ATTRIBUTION_DAYS * SECONDS_PER_DAY;
  return ahi_automation_rule_get_int (rule, "interval_days") * SECONDS_PER_DAY;
}

/* One window's result, before it is put into an AhiKpiValue. */
typedef struct {
  gboolean has_value;
  gint64   value;
  gint64   numerator;
  gint64   denominator;
  gint64   late;
  gint64   at_stake;
} KpiResult;

typedef gboolean (*KpiFunc) (KpiContext  *ctx,
                             gint64       from,
                             gint64       to,
                             KpiResult   *result,
                             GError     **error);

/* A half-open interval of minutes since the epoch. */
typedef struct {
  gint64 start;
  gint64 end;
} Span;

/* ---------------------------------------------------------------------- */
/* helpers                                                                 */
/* ---------------------------------------------------------------------- */

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Days since 1970-01-01 → proleptic Gregorian date (era arithmetic on a
 * 400-year cycle that starts on 1 March). */
static void
civil_from_days (gint64  days,
                 int    *year,
                 int    *month,
                 int    *day)
{
  gint64 z = days + 719468;
  gint64 era = floor_div (z, 146097);
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  gint64 m = mp < 10 ? mp + 3 : mp - 9;

  *day = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = (int) m;
  *year = (int) (yoe + era * 400 + (m <= 2 ? 1 : 0));
}

/* ISO weekday (1 = Monday) of a day number; 1970-01-01 was a Thursday. */
static int
iso_weekday (gint64 days)
{
  return (int) (((days + 3) % 7 + 7) % 7) + 1;
}

/* Binds 1..n int64 parameters and reads one row of up to 3 integers. */
static gboolean
query_ints (AhiDb        *db,
            const char   *sql,
            const gint64 *params,
            guint         n_params,
            gint64       *out,
            guint         n_out,
            GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt = ahi_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n_params; i++)
    sqlite3_bind_int64 (stmt, i + 1, params[i]);
  if (!ahi_db_step_row (db, stmt, &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* Aggregates always give a row; no row reads as zeros. */
      for (guint i = 0; i < n_out; i++)
        out[i] = 0;
      return TRUE;
    }
  for (guint i = 0; i < n_out; i++)
    out[i] = sqlite3_column_int64 (stmt, i);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Like query_ints, with the currency as the last parameter. */
static gboolean
query_ints_currency (KpiContext   *ctx,
                     const char   *sql,
                     const gint64 *params,
                     guint         n_params,
                     gint64       *out,
                     guint         n_out,
                     GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt = ahi_db_prepare (ctx->db, sql, error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n_params; i++)
    sqlite3_bind_int64 (stmt, i + 1, params[i]);
  ahi_db_bind_text (stmt, n_params + 1, ctx->currency);
  if (!ahi_db_step_row (ctx->db, stmt, &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      for (guint i = 0; i < n_out; i++)
        out[i] = 0;
      return TRUE;
    }
  for (guint i = 0; i < n_out; i++)
    out[i] = sqlite3_column_int64 (stmt, i);
  sqlite3_reset (stmt);
  return TRUE;
}

static void
result_set_sum (KpiResult *result,
                gint64     sum)
{
  result->has_value = TRUE;
  result->value = sum;
}

static void
result_set_ratio (KpiResult *result,
                  AhiKpiUnit unit,
                  gint64     numerator,
                  gint64     denominator)
{
  result->numerator = numerator;
  result->denominator = denominator;
  if (unit == AHI_KPI_UNIT_BP)
    result->has_value = ahi_kpi_ratio_bp (numerator, denominator, &result->value);
  else
    result->has_value = ahi_kpi_div_round (numerator, denominator, &result->value);
}

/* ---------------------------------------------------------------------- */
/* revenue                                                                 */
/* ---------------------------------------------------------------------- */

static gboolean
kpi_revenue_sold (KpiContext *ctx, gint64 from, gint64 to, KpiResult *result, GError **error)
{
  gint64 params[] = { from, to };
  gint64 sum;

  /* The revenue summary's sold_minor: income lines only. Adjustments
   * are corrections and count where refunds do, in the net figures. */
  if (!query_ints_currency (ctx,
        "SELECT coalesce (sum (amount_minor), 0) FROM revenue_events"
        " WHERE booked_at >= ?1 AND booked_at < ?2"
        " AND kind IN ('sale', 'deposit', 'no_show_fee') AND currency = ?3",
        params, 2, &sum, 1, error))
    return FALSE;
  result_set_sum (result, sum);
  return TRUE;
}

static gboolean
kpi_revenue_net_of_tax (KpiContext *ctx, gint64 from, gint64 to, KpiResult *result, GError **error)
{
  gint64 params[] = { from, to };
  gint64 sum;

  /* The revenue summary's net_of_tax_minor. A refund's KDV was given
   * back with it: it takes away its net part. */
  if (!query_ints_currency (ctx,
        "SELECT coalesce (sum (CASE WHEN kind = 'refund' THEN vat_minor - amount_minor"
        "                           ELSE amount_minor - vat_minor END), 0)"
        " FROM revenue_events WHERE booked_at >= ?1 AND booked_at < ?2 AND currency = ?3",
        params, 2, &sum, 1, error))
    return FALSE;
  result_set_sum (result, sum);
  return TRUE;
}

static gboolean
kpi_average_ticket (KpiContext *ctx, gint64 from, gint64 to, KpiResult *result, GError **error)
{
  gint64 params[] = { from, to };
  gint64 row[2];

  if (!query_ints_currency (ctx,
        "SELECT coalesce (sum (re.amount_minor), 0), count (DISTINCT re.appointment_id)"
        " FROM revenue_events re JOIN appointments a ON a.appointment_id = re.appointment_id"
        " WHERE re.booked_at >= ?1 AND re.booked_at < ?2 AND re.kind = 'sale'"
        " AND a.status = 'completed' AND re.currency = ?3",
        params, 2, row, 2, error))
    return FALSE;
  result_set_ratio (result, AHI_KPI_UNIT_MINOR, row[0], row[1]);
  return TRUE;
}

static gboolean
kpi_revenue_brought_back (KpiContext *ctx, gint64 from, gint64 to, KpiResult *result, GError **error)
{
  gint64 params[] = { from, to, attribution_seconds (ctx) };
  gint64 sum;

  /* Each revenue event is tested once, whatever number of reasons it has
   * to count, so nothing is counted twice. */
  if (!query_ints_currency (ctx,
        "SELECT coalesce (sum (CASE WHEN re.kind = 'refund' THEN -re.amount_minor ELSE re.amount_minor END), 0)"
        " FROM revenue_events re LEFT JOIN appointments a ON a.appointment_id = re.appointment_id"
        " WHERE re.booked_at >= ?1 AND re.booked_at < ?2 AND re.kind IN ('sale', 'refund')"
        " AND re.currency = ?4"
        " AND (re.campaign_id IS NOT NULL OR a.campaign_id IS NOT NULL"
        "      OR EXISTS (SELECT 1 FROM reminders r"
        "                 WHERE r.customer_id = a.customer_id"
        "                 AND r.sent_at > a.created_at - ?3 AND r.sent_at <= a.created_at"
        "                 AND r.purpose IN ('reactivation', 'rebook', 'maintenance_recall', 'slot_offer')"
        "                 AND r.status IN ('sent', 'completed')))",
        params, 3, &sum, 1, error))
    return FALSE;
  result_set_sum (result, sum);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* appointments                                                            */
/* ---------------------------------------------------------------------- */

static gboolean
kpi_no_show_rate (KpiContext *ctx, gint64 from, gint64 to, KpiResult *result, GError **error)
{
  gint64 params[] = { from, to };
  gint64 row[2];

  /* Answered by the covering index (starts_at, status, ends_at) alone. */
  if (!query_ints (ctx->db,
        "SELECT coalesce (sum (status = 'no_show'), 0), count (*) FROM appointments"
        " WHERE starts_at >= ?1 AND starts_at < ?2 AND status IN ('completed', 'arrived', 'no_show')",
        params, 2, row, 2, error))
    return FALSE;
  result_set_ratio (result, AHI_KPI_UNIT_BP, row[0], row[1]);
  return TRUE;
}

static gboolean
kpi_cancellation_rate (KpiContext *ctx, gint64 from, gint64 to, KpiResult *result, GError **error)
{
  gint64 params[] = { from, to };
  gint64 row[2];
  gint64 late;

  /* The first query is index-only; the second reads the rows of the
   * cancelled appointments alone, for late_cancel. */
  if (!query_ints (ctx->db,
        "SELECT coalesce (sum (status = 'cancelled'), 0), count (*) FROM appointments"
        " WHERE starts_at >= ?1 AND starts_at < ?2",
        params, 2, row, 2, error) ||
      !query_ints (ctx->db,
        "SELECT count (*) FROM appointments"
        " WHERE starts_at >= ?1 AND starts_at < ?2 AND status = 'cancelled' AND late_cancel = 1",
        params, 2, &late, 1, error))
    return FALSE;
  result_set_ratio (result, AHI_KPI_UNIT_BP, row[0], row[1]);
  result->late = late;
  return TRUE;
}

static gboolean
kpi_rebooking_rate (KpiContext *ctx, gint64 from, gint64 to, KpiResult *result, GError **error)
{
  gint64 params[] = { from, to, REBOOK_SECONDS };
  gint64 row[2];

  if (!query_ints (ctx->db,
        "SELECT coalesce (sum (EXISTS (SELECT 1 FROM appointments n"
        "                             WHERE n.customer_id = v.customer_id AND n.starts_at > v.starts_at"
        "                             AND n.created_at >= v.starts_at AND n.created_at < v.ends_at + ?3)), 0),"
        "       count (*)"
        " FROM appointments v WHERE v.starts_at >= ?1 AND v.starts_at < ?2 AND v.status = 'completed'",
        params, 3, row, 2, error))
    return FALSE;
  result_set_ratio (result, AHI_KPI_UNIT_BP, row[0], row[1]);
  return TRUE;
}

static gboolean
kpi_reactivation_conversion (KpiContext *ctx, gint64 from, gint64 to, KpiResult *result, GError **error)
{
  gint64 params[] = { from, to, attribution_seconds (ctx) };
  gint64 row[2];

  /* reminders has no index on (purpose, sent_at): the cheapest stable
   * plan is one seek of reminders (customer_id, sent_at) per customer
   * (CROSS JOIN fixes that order whatever the statistics say); without it
   * SQLite may walk every sent reminder through reminders_due. */
  if (!query_ints (ctx->db,
        "SELECT coalesce (sum (converted), 0), count (*) FROM ("
        "  SELECT max (EXISTS (SELECT 1 FROM appointments a"
        "                      WHERE a.customer_id = r.customer_id"
        "                      AND a.created_at >= r.sent_at AND a.created_at < r.sent_at + ?3)) AS converted"
        "  FROM customers c CROSS JOIN reminders r ON r.customer_id = c.customer_id"
        "  WHERE r.purpose = 'reactivation' AND r.status IN ('sent', 'completed')"
        "  AND r.sent_at >= ?1 AND r.sent_at < ?2"
        "  GROUP BY r.customer_id)",
        params, 3, row, 2, error))
    return FALSE;
  result_set_ratio (result, AHI_KPI_UNIT_BP, row[0], row[1]);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* snapshots                                                               */
/* ---------------------------------------------------------------------- */

static gboolean
kpi_open_ops_alerts (KpiContext *ctx, gint64 from, gint64 to, KpiResult *result, GError **error)
{
  gint64 count;

  if (!query_ints (ctx->db, "SELECT count (*) FROM ops_alerts WHERE resolved_at IS NULL",
                   NULL, 0, &count, 1, error))
    return FALSE;
  result_set_sum (result, count);
  return TRUE;
}

static gboolean
kpi_at_risk_customers (KpiContext *ctx, gint64 from, gint64 to, KpiResult *result, GError **error)
{
  const AhiRiskTiers *tiers = ahi_blueprint_get_risk_tiers (ctx->bp);
  gint64 params[] = {
    to,
    tiers->fallback_cycle_days,
    tiers->at_risk_pct,
    tiers->lost_pct,
  };
  gint64 row[2];

  /* The retention engine's tier rule, to the day (docs/retention.md):
   * whole days since the last visit × 100 ÷ the usual cycle in whole
   * days (the blueprint's fallback when under a day or unknown), at least
   * at_risk_pct and under lost_pct. One pass over the customer projection
   * (the unary + keeps SQLite from going through customers_last_completed,
   * which costs a row lookup per customer and is 4× slower than the scan);
   * the tickets come from the projection's completed_minor. */
  if (!query_ints (ctx->db,
        "WITH c AS ("
        "  SELECT completed_visits AS visits, completed_minor AS spent,"
        "    (?1 - last_completed_at) / 86400 AS days,"
        "    CASE WHEN completed_visits >= 2"
        "              AND (last_completed_at - first_completed_at) / (86400 * (completed_visits - 1)) >= 1"
        "         THEN (last_completed_at - first_completed_at) / (86400 * (completed_visits - 1))"
        "         ELSE ?2 END AS cycle"
        "  FROM customers"
        "  WHERE last_completed_at IS NOT NULL AND +last_completed_at <= ?1"
        "  AND next_start_at IS NULL AND erased_at IS NULL AND completed_visits >= 1),"
        " r AS (SELECT visits, spent FROM c WHERE days * 100 / cycle >= ?3 AND days * 100 / cycle < ?4)"
        " SELECT count (*), coalesce (sum ((2 * spent + visits) / (2 * visits)), 0) FROM r",
        params, G_N_ELEMENTS (params), row, 2, error))
    return FALSE;
  result_set_sum (result, row[0]);
  result->at_stake = row[1];
  return TRUE;
}

static gboolean
kpi_repeat_visit_cycle (KpiContext *ctx, gint64 from, gint64 to, KpiResult *result, GError **error)
{
  gint64 params[] = { SECONDS_PER_DAY };
  gint64 row[2];

  /* Each customer's cycle rounded half up to whole days, then the mean. */
  if (!query_ints (ctx->db,
        "SELECT coalesce (sum ((2 * (last_completed_at - first_completed_at) + (completed_visits - 1) * ?1)"
        "                      / (2 * (completed_visits - 1) * ?1)), 0), count (*)"
        " FROM customers WHERE completed_visits >= 2 AND last_completed_at > first_completed_at",
        params, 1, row, 2, error))
    return FALSE;
  result_set_ratio (result, AHI_KPI_UNIT_DAYS, row[0], row[1]);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* fill rate                                                               */
/* ---------------------------------------------------------------------- */

/* Adds the minutes of [start, end) that fall inside the sorted, disjoint
 * spans of bookable time. */
static gint64
overlap_minutes (GArray *bookable,
                 gint64  start,
                 gint64  end)
{
  guint lo = 0, hi = bookable->len;
  gint64 minutes = 0;

  /* First span that ends after start. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (bookable, Span, mid).end <= start)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint i = lo; i < bookable->len; i++)
    {
      const Span *span = &g_array_index (bookable, Span, i);

      if (span->start >= end)
        break;
      minutes += MIN (end, span->end) - MAX (start, span->start);
    }
  return minutes;
}

static gboolean
load_closed_days (KpiContext  *ctx,
                  GPtrArray   *closed,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt = ahi_db_prepare (ctx->db, "SELECT starts_on, ends_on FROM business_closures", error);

  if (stmt == NULL)
    return FALSE;
  while (ahi_db_step_row (ctx->db, stmt, &local_error))
    {
      g_ptr_array_add (closed, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (closed, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* Opening intervals per ISO weekday, merged where they overlap. */
static gboolean
load_opening_hours (KpiContext  *ctx,
                    GArray      *week[8],
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt = ahi_db_prepare (ctx->db,
    "SELECT weekday, opens_min, closes_min FROM opening_hours ORDER BY weekday, opens_min", error);

  if (stmt == NULL)
    return FALSE;
  while (ahi_db_step_row (ctx->db, stmt, &local_error))
    {
      int weekday = sqlite3_column_int (stmt, 0);
      Span span = { sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2) };
      GArray *day;

      if (weekday < 1 || weekday > 7 || span.end <= span.start)
        continue;
      day = week[weekday];
      if (day->len > 0 && g_array_index (day, Span, day->len - 1).end >= span.start)
        {
          Span *last = &g_array_index (day, Span, day->len - 1);
          last->end = MAX (last->end, span.end);
        }
      else
        g_array_append_val (day, span);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_closed (GPtrArray  *closed,
           const char *date)
{
  /* YYYY-MM-DD compares as text in calendar order. */
  for (guint i = 0; i + 1 < closed->len; i += 2)
    if (strcmp (date, g_ptr_array_index (closed, i)) >= 0 &&
        strcmp (date, g_ptr_array_index (closed, i + 1)) <= 0)
      return TRUE;
  return FALSE;
}

/* The window's bookable time of one resource, in minutes since the epoch:
 * each local day's opening intervals, closed days left out, cut to the
 * window. */
static gboolean
build_bookable (KpiContext  *ctx,
                gint64       from,
                gint64       to,
                GArray      *bookable,
                GError     **error)
{
  g_autoptr(GPtrArray) closed = g_ptr_array_new_with_free_func (g_free);
  GArray *week[8];
  gint64 from_min = floor_div (from, 60);
  gint64 to_min = floor_div (to, 60);
  gboolean ok;

  if (to_min <= from_min)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (week); i++)
    week[i] = g_array_new (FALSE, FALSE, sizeof (Span));

  ok = load_closed_days (ctx, closed, error) && load_opening_hours (ctx, week, error);
  if (ok)
    {
      gint64 first = ahi_time_local_day (ctx->zone, from_min * 60);
      gint64 last = ahi_time_local_day (ctx->zone, to_min * 60 - 1);

      for (gint64 d = first; d <= last; d++)
        {
          GArray *day = week[iso_weekday (d)];
          char date[16];
          int y, m, dd;

          civil_from_days (d, &y, &m, &dd);
          g_snprintf (date, sizeof date, "%04d-%02d-%02d", y, m, dd);
          if (day->len == 0 || is_closed (closed, date))
            continue;

          for (guint i = 0; i < day->len; i++)
            {
              const Span *open = &g_array_index (day, Span, i);
              Span span;

              span.start = ahi_time_from_local (ctx->zone, y, m, dd,
                                                (int) (open->start / 60), (int) (open->start % 60));
              span.end = ahi_time_from_local (ctx->zone, y, m, dd,
                                              (int) (open->end / 60), (int) (open->end % 60));
              span.start = MAX (floor_div (span.start, 60), from_min);
              span.end = floor_div (span.end, 60);
              span.end = MIN (span.end, to_min);
              if (span.end > span.start)
                g_array_append_val (bookable, span);
            }
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (week); i++)
    g_array_unref (week[i]);
  return ok;
}

static gboolean
kpi_fill_rate (KpiContext *ctx, gint64 from, gint64 to, KpiResult *result, GError **error)
{
  g_autoptr(GArray) bookable = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GError) local_error = NULL;
  g_autofree char *resource = NULL;
  const char *kind = ahi_blueprint_get_capacity_kind (ctx->bp);
  gint64 per_resource = 0, n_resources, booked = 0;
  Span current = { 0, 0 };
  sqlite3_stmt *stmt;

  if (!build_bookable (ctx, from, to, bookable, error))
    return FALSE;
  for (guint i = 0; i < bookable->len; i++)
    per_resource += g_array_index (bookable, Span, i).end - g_array_index (bookable, Span, i).start;

  stmt = ahi_db_prepare (ctx->db,
    "SELECT count (*) FROM tenant_resources WHERE kind = ?1 AND in_service = 1 AND deleted_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, kind);
  if (!ahi_db_step_row (ctx->db, stmt, error))
    return FALSE;
  n_resources = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  /* Booked time per resource, in start order (the appointment_resources
   * index), with overlapping holds merged so that no minute counts twice;
   * each merged stretch is cut to the bookable time. CROSS JOIN keeps the
   * few resources outside: the other order scans every hold ever made. */
  stmt = ahi_db_prepare (ctx->db,
    "SELECT ar.resource_id, ar.starts_at, ar.ends_at"
    " FROM tenant_resources r CROSS JOIN appointment_resources ar ON ar.resource_id = r.resource_id"
    " WHERE r.kind = ?1 AND r.in_service = 1 AND r.deleted_at IS NULL"
    " AND ar.starts_at >= ?2 AND ar.starts_at < ?3"
    " ORDER BY ar.resource_id, ar.starts_at", error);
  if (stmt == NULL)
    return FALSE;
  ahi_db_bind_text (stmt, 1, kind);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, to);
  while (ahi_db_step_row (ctx->db, stmt, &local_error))
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      Span hold = { floor_div (sqlite3_column_int64 (stmt, 1), 60),
                    floor_div (sqlite3_column_int64 (stmt, 2), 60) };

      if (resource != NULL && strcmp (resource, id) == 0 && hold.start <= current.end)
        {
          current.end = MAX (current.end, hold.end);
          continue;
        }
      if (resource != NULL)
        booked += overlap_minutes (bookable, current.start, current.end);
      g_free (resource);
      resource = g_strdup (id);
      current = hold;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (resource != NULL)
    booked += overlap_minutes (bookable, current.start, current.end);

  result_set_ratio (result, AHI_KPI_UNIT_BP, booked, per_resource * n_resources);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* the table                                                               */
/* ---------------------------------------------------------------------- */

typedef struct {
  const char *id;
  KpiFunc     func;
} KpiEntry;

static const KpiEntry kpi_funcs[] = {
  { "revenue_sold",                kpi_revenue_sold },
  { "revenue_net_of_tax",          kpi_revenue_net_of_tax },
  { "fill_rate_pct",               kpi_fill_rate },
  { "no_show_rate_pct",            kpi_no_show_rate },
  { "cancellation_rate_pct",       kpi_cancellation_rate },
  { "open_ops_alerts",             kpi_open_ops_alerts },
  { "at_risk_customers",           kpi_at_risk_customers },
  { "reactivation_conversion_pct", kpi_reactivation_conversion },
  { "repeat_visit_cycle_days",     kpi_repeat_visit_cycle },
  { "rebooking_rate_pct",          kpi_rebooking_rate },
  { "average_ticket",              kpi_average_ticket },
  { "revenue_brought_back",        kpi_revenue_brought_back },
};

static KpiFunc
lookup_func (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (kpi_funcs); i++)
    if (strcmp (kpi_funcs[i].id, id) == 0)
      return kpi_funcs[i].func;
  return NULL;
}

static gboolean
context_init (KpiContext    *ctx,
              AhiDb         *db,
              AhiBlueprint  *bp,
              GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  memset (ctx, 0, sizeof *ctx);
  ctx->db = db;
  ctx->bp = bp != NULL ? g_object_ref (bp) : ahi_tenant_load_blueprint (db, error);
  if (ctx->bp == NULL)
    return FALSE;
  ctx->zone = ahi_tenant_timezone (db);

  stmt = ahi_db_prepare (db, "SELECT currency FROM tenant_settings", error);
  if (stmt == NULL)
    return FALSE;
  if (ahi_db_step_row (db, stmt, &local_error))
    {
      g_strlcpy (ctx->currency, (const char *) sqlite3_column_text (stmt, 0), sizeof ctx->currency);
      sqlite3_reset (stmt);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (ctx->currency[0] == '\0')
    g_strlcpy (ctx->currency, ahi_blueprint_get_finance (ctx->bp)->currency, sizeof ctx->currency);
  return TRUE;
}

static void
context_clear (KpiContext *ctx)
{
  g_clear_object (&ctx->bp);
  g_clear_pointer (&ctx->zone, g_time_zone_unref);
}

static gboolean
compute_one (KpiContext   *ctx,
             const char   *kpi_id,
             gint64        from,
             gint64        to,
             gint64        prev_from,
             gint64        prev_to,
             AhiKpiValue  *out,
             GError      **error)
{
  const AhiKpiInfo *info = ahi_kpi_lookup (kpi_id);
  KpiFunc func = lookup_func (kpi_id);
  KpiResult now = { 0 }, before = { 0 };

  if (info == NULL || func == NULL)
    {
      g_set_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND, "No KPI with id %s", kpi_id);
      return FALSE;
    }
  if (!func (ctx, from, to, &now, error))
    return FALSE;
  if (info->windowed && !func (ctx, prev_from, prev_to, &before, error))
    return FALSE;

  ahi_kpi_value_init (out, kpi_id);
  out->has_value = now.has_value;
  out->value = now.has_value ? now.value : 0;
  if (info->ratio)
    {
      out->numerator = now.numerator;
      out->denominator = now.denominator;
    }
  out->has_previous = info->windowed && before.has_value;
  out->previous = out->has_previous ? before.value : 0;
  if (info->unit == AHI_KPI_UNIT_MINOR || g_str_equal (kpi_id, "at_risk_customers"))
    memcpy (out->currency, ctx->currency, sizeof out->currency);
  if (g_str_equal (kpi_id, "cancellation_rate_pct"))
    {
      out->late_cancellations = now.late;
      out->has_late_rate = ahi_kpi_ratio_bp (now.late, now.denominator, &out->late_rate);
    }
  out->at_stake_minor = now.at_stake;
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* public API                                                              */
/* ---------------------------------------------------------------------- */

gboolean
ahi_kpi_compute_compare (AhiDb         *db,
                         AhiBlueprint  *bp,
                         const char    *kpi_id,
                         gint64         from,
                         gint64         to,
                         gint64         prev_from,
                         gint64         prev_to,
                         AhiKpiValue   *out,
                         GError       **error)
{
  KpiContext ctx;
  gboolean owned, ok;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (kpi_id != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Both periods from one state of the db. */
  if (!ahi_db_snapshot_begin (db, &owned, error))
    return FALSE;
  ok = context_init (&ctx, db, bp, error) &&
       compute_one (&ctx, kpi_id, from, to, prev_from, prev_to, out, error);
  context_clear (&ctx);
  ahi_db_snapshot_end (db, owned);
  return ok;
}

gboolean
ahi_kpi_compute (AhiDb        *db,
                 const char   *kpi_id,
                 gint64        from,
                 gint64        to,
                 AhiKpiValue  *out,
                 GError      **error)
{
  return ahi_kpi_compute_compare (db, NULL, kpi_id, from, to, from - (to - from), from, out, error);
}

void
ahi_kpi_month_to_date (GTimeZone *zone,
                       gint64     now,
                       gint64    *from,
                       gint64    *prev_from,
                       gint64    *prev_to)
{
  int year, month, day;

  g_return_if_fail (zone != NULL);
  g_return_if_fail (from != NULL && prev_from != NULL && prev_to != NULL);

  civil_from_days (ahi_time_local_day (zone, now), &year, &month, &day);
  *from = ahi_time_from_local (zone, year, month, 1, 0, 0);
  if (month == 1)
    *prev_from = ahi_time_from_local (zone, year - 1, 12, 1, 0, 0);
  else
    *prev_from = ahi_time_from_local (zone, year, month - 1, 1, 0, 0);
  *prev_to = MIN (*prev_from + (now - *from), *from);
}

GArray *
ahi_kpi_compute_set (AhiDb         *db,
                     AhiBlueprint  *bp,
                     gint64         now,
                     GError       **error)
{
  g_autoptr(GArray) set = NULL;
  const char * const *ids;
  gint64 from, prev_from, prev_to;
  KpiContext ctx;
  gboolean owned, ok;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (AHI_IS_BLUEPRINT (bp), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* One snapshot: every card sees the same state of the db (the caller's
   * transaction when it has one, e.g. the Command Center's). */
  if (!ahi_db_snapshot_begin (db, &owned, error))
    return NULL;
  ok = context_init (&ctx, db, bp, error);
  if (ok)
    {
      ahi_kpi_month_to_date (ctx.zone, now, &from, &prev_from, &prev_to);
      ids = ahi_blueprint_get_kpis (bp);
      set = g_array_sized_new (FALSE, TRUE, sizeof (AhiKpiValue), g_strv_length ((char **) ids));
      for (guint i = 0; ok && ids[i] != NULL; i++)
        {
          AhiKpiValue value;

          ok = compute_one (&ctx, ids[i], from, now, prev_from, prev_to, &value, error);
          if (ok)
            g_array_append_val (set, value);
        }
    }
  context_clear (&ctx);
  ahi_db_snapshot_end (db, owned);

  return ok ? g_steal_pointer (&set) : NULL;
}

JsonArray *
ahi_kpi_set_to_json (GArray *set)
{
  JsonArray *array;

  g_return_val_if_fail (set != NULL, NULL);

  array = json_array_sized_new (set->len);
  for (guint i = 0; i < set->len; i++)
    json_array_add_object_element (array, ahi_kpi_value_to_json (&g_array_index (set, AhiKpiValue, i)));
  return array;
}
