/* ahi-kpi-query.h — every KPI of docs/kpi.md, computed from a tenant db
 *
 * The one implementation of the KPI contract, used unchanged by the app
 * and the server, so both agree to the kuruş. Windows are half-open
 * [from, to) in unix seconds; "this month so far" is the tenant's local
 * month start up to now.
 */
#pragma once

#include "store/ahi-db.h"
#include "core/ahi-blueprint.h"
#include "core/ahi-kpi.h"

G_BEGIN_DECLS

/* A booking counts for a message when it was made within this many days
 * after the message was sent (reactivation_conversion_pct,
 * revenue_brought_back). */
#define AHI_KPI_ATTRIBUTION_DAYS 14
/* A completed visit is rebooked when the next appointment was made from
 * its start until this many hours after its end (rebooking_rate_pct). */
#define AHI_KPI_REBOOK_HOURS 24

/* One KPI over [from, to); previous is the same KPI over the period of
 * equal length just before, [from − (to − from), from). Snapshot KPIs
 * (open_ops_alerts, at_risk_customers, repeat_visit_cycle_days) describe
 * the database as it is, judged at to, and have no previous. An unknown
 * id is AHI_STORE_ERROR_NOT_FOUND. The effective blueprint is read from
 * db. */
gboolean  ahi_kpi_compute          (AhiDb        *db,
                                    const char   *kpi_id,
                                    gint64        from,
                                    gint64        to,
                                    AhiKpiValue  *out,
                                    GError      **error);

/* The same with the previous period given: [prev_from, prev_to); bp NULL
 * reads the effective blueprint from db. */
gboolean  ahi_kpi_compute_compare  (AhiDb        *db,
                                    AhiBlueprint *bp,
                                    const char   *kpi_id,
                                    gint64        from,
                                    gint64        to,
                                    gint64        prev_from,
                                    gint64        prev_to,
                                    AhiKpiValue  *out,
                                    GError      **error);

/* "This month so far" in zone: *from = local midnight of the 1st of
 * now's month; the previous period starts at the previous month's first
 * midnight, lasts as long (now − *from) and is cut at *from when the
 * previous month is shorter. */
void      ahi_kpi_month_to_date    (GTimeZone    *zone,
                                    gint64        now,
                                    gint64       *from,
                                    gint64       *prev_from,
                                    gint64       *prev_to);

/* The blueprint's KPI cards, in its order, for this month so far in the
 * tenant's zone, all read from one snapshot of db: a GArray of
 * AhiKpiValue. */
GArray   *ahi_kpi_compute_set      (AhiDb        *db,
                                    AhiBlueprint *bp,
                                    gint64        now,
                                    GError      **error);

/* The set as a JSON array of ahi_kpi_value_to_json() objects. */
JsonArray *ahi_kpi_set_to_json     (GArray       *set);

G_END_DECLS
