/* ahi-kpi.h — the KPI value type and its integer arithmetic
 *
 * One definition per KPI lives in docs/kpi.md; this is the value every
 * KPI query fills and the one JSON form the app and the server show.
 * Nothing here uses floating point: money is minor units (kuruş),
 * percentages are basis points (10000 = 100 %), averages are rounded
 * half up on their magnitude (half away from zero).
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  AHI_KPI_UNIT_MINOR,   /* money, minor units of the tenant's currency */
  AHI_KPI_UNIT_BP,      /* basis points: 10000 = 100 % */
  AHI_KPI_UNIT_COUNT,   /* how many */
  AHI_KPI_UNIT_DAYS,    /* whole days */
} AhiKpiUnit;

/* What the contract knows about a KPI. */
typedef struct {
  const char *id;        /* "no_show_rate_pct" */
  AhiKpiUnit  unit;
  gboolean    ratio;     /* value = numerator ÷ denominator, rounded */
  gboolean    windowed;  /* about a period, so it has a previous period */
} AhiKpiInfo;

/* One KPI computed for one window. A value that cannot be computed (an
 * empty denominator) has has_value FALSE: it is shown as "—", never as 0.
 * numerator and denominator mean something only when has_ratio is set;
 * previous is the same KPI over the previous period. */
typedef struct {
  const char *id;              /* static: the string of the KPI table */
  AhiKpiUnit  unit;
  gboolean    has_ratio;
  gboolean    has_value;
  gint64      value;
  gint64      numerator;
  gint64      denominator;
  gboolean    has_previous;
  gint64      previous;
  char        currency[4];     /* ISO 4217 for money, "" otherwise */
  /* cancellation_rate_pct: the late ones among the cancelled, and their
   * share of the same denominator. */
  gint64      late_cancellations;
  gboolean    has_late_rate;
  gint64      late_rate;
  /* at_risk_customers: Σ of their average tickets. */
  gint64      at_stake_minor;
  /* Left out of the JSON for a reader without revenue figures
   * (ahi_command_center_apply_scope). */
  gboolean    at_stake_hidden;
} AhiKpiValue;

#define AHI_KPI_BP_SCALE 10000

/* The version of the KPI contract (docs/kpi.md), carried as "v" by the
 * answers that hold KPIs. 2 renamed the revenue KPIs after the money
 * vocabulary the revenue summary shares (docs/revenue.md). */
#define AHI_KPI_CONTRACT_VERSION 2

/* Every KPI of the contract, in the canonical order of
 * ahi_blueprint_known_kpis(). */
const AhiKpiInfo *ahi_kpi_list           (guint             *n_kpis);
/* NULL for an id the contract does not know. */
const AhiKpiInfo *ahi_kpi_lookup         (const char        *id);
const char       *ahi_kpi_unit_to_string (AhiKpiUnit         unit);
/* The id a version-1 KPI id is known by now ("revenue_gross" →
 * "revenue_sold"), or NULL when id was not renamed. Blueprint overrides
 * stored, or logged, before version 2 are read through it. */
const char       *ahi_kpi_id_from_v1     (const char        *id);

/* Clears value and sets id, unit and has_ratio from the table; FALSE
 * (value untouched) for an unknown id. */
gboolean          ahi_kpi_value_init     (AhiKpiValue       *value,
                                          const char        *id);

/* num ÷ den in basis points, rounded half up on the magnitude. FALSE when
 * den is 0 or the result does not fit in a gint64. */
gboolean          ahi_kpi_ratio_bp       (gint64             num,
                                          gint64             den,
                                          gint64            *out);
/* num ÷ den rounded half up on the magnitude; same failures. */
gboolean          ahi_kpi_div_round      (gint64             num,
                                          gint64             den,
                                          gint64            *out);

/* Sets value from numerator and denominator (bp or plain rounding by the
 * unit); has_value FALSE when the denominator is 0. */
void              ahi_kpi_value_set_ratio (AhiKpiValue      *value,
                                           gint64            numerator,
                                           gint64            denominator);

/* The change against the previous period: value − previous (delta, same
 * unit) and (value − previous) ÷ |previous| in basis points (change_bp).
 * FALSE when there is nothing to compare (no value, no previous, or for
 * change_bp a previous of 0). */
gboolean          ahi_kpi_value_delta     (const AhiKpiValue *value,
                                           gint64            *out);
gboolean          ahi_kpi_value_change_bp (const AhiKpiValue *value,
                                           gint64            *out);

/* The JSON form, members always in this order: id, unit, value,
 * numerator, denominator, previous, delta, change_bp; then currency for
 * money, late_cancellations and late_cancellation_rate_pct for
 * cancellation_rate_pct, at_stake_minor for at_risk_customers. Integers
 * only; null where there is no value. */
JsonObject       *ahi_kpi_value_to_json   (const AhiKpiValue *value);

G_END_DECLS
