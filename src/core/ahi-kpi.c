/* ahi-kpi.c — the KPI value type and its integer arithmetic
 *
 * Divisions work on guint64 magnitudes so that G_MININT64 and products
 * that would overflow a gint64 are handled exactly; the sign is put back
 * at the end. docs/kpi.md is the contract this follows.
 */
#include "ahi-kpi.h"

#include <string.h>

/* ---------------------------------------------------------------------- */
/* tables                                                                  */
/* ---------------------------------------------------------------------- */

/* Same order as ahi_blueprint_known_kpis(); tests/core/test-kpi.c checks
 * that the two lists agree. */
static const AhiKpiInfo kpi_table[] = {
  { "revenue_sold",                AHI_KPI_UNIT_MINOR, FALSE, TRUE  },
  { "revenue_net_of_tax",          AHI_KPI_UNIT_MINOR, FALSE, TRUE  },
  { "fill_rate_pct",               AHI_KPI_UNIT_BP,    TRUE,  TRUE  },
  { "no_show_rate_pct",            AHI_KPI_UNIT_BP,    TRUE,  TRUE  },
  { "cancellation_rate_pct",       AHI_KPI_UNIT_BP,    TRUE,  TRUE  },
  { "open_ops_alerts",             AHI_KPI_UNIT_COUNT, FALSE, FALSE },
  { "at_risk_customers",           AHI_KPI_UNIT_COUNT, FALSE, FALSE },
  { "reactivation_conversion_pct", AHI_KPI_UNIT_BP,    TRUE,  TRUE  },
  { "repeat_visit_cycle_days",     AHI_KPI_UNIT_DAYS,  TRUE,  FALSE },
  { "rebooking_rate_pct",          AHI_KPI_UNIT_BP,    TRUE,  TRUE  },
  { "average_ticket",              AHI_KPI_UNIT_MINOR, TRUE,  TRUE  },
  { "revenue_brought_back",        AHI_KPI_UNIT_MINOR, FALSE, TRUE  },
};

static const char * const unit_names[] = { "minor", "bp", "count", "days" };

/* Contract version 1's ids that version 2 renamed (docs/kpi.md,
 * "Compatibility"). revenue_gross also changed meaning: it summed
 * adjustments, which revenue_sold leaves to the net figures. */
static const struct {
  const char *v1;
  const char *now;
} renamed_v1[] = {
  { "revenue_gross", "revenue_sold" },
  { "revenue_net",   "revenue_net_of_tax" },
};

/* ---------------------------------------------------------------------- */
/* helpers                                                                 */
/* ---------------------------------------------------------------------- */

static guint64
magnitude (gint64 v)
{
  /* -(v + 1) + 1 avoids negating G_MININT64 in signed arithmetic. */
  return v < 0 ? (guint64) (-(v + 1)) + 1 : (guint64) v;
}

/* |num| × 10^digits ÷ |den|, rounded half up, with the sign of num ÷ den.
 * The fraction is found one decimal digit at a time by repeated addition
 * modulo den, which never overflows: both addends are below den ≤ 2^63,
 * so their sum stays below 2^64. */
static gboolean
scaled_divide (gint64  num,
               gint64  den,
               guint   digits,
               gint64 *out)
{
  guint64 n, d, q, r, result;
  gboolean negative;

  if (den == 0)
    return FALSE;

  n = magnitude (num);
  d = magnitude (den);
  negative = (num < 0) != (den < 0);
  q = n / d;
  r = n % d;
  result = q;

  for (guint i = 0; i < digits; i++)
    {
      guint64 acc = 0;
      guint digit = 0;

      for (guint k = 0; k < 10; k++)
        {
          acc += r;
          if (acc >= d)
            {
              acc -= d;
              digit++;
            }
        }
      if (result > (G_MAXUINT64 - digit) / 10)
        return FALSE;
      result = result * 10 + digit;
      r = acc;
    }

  /* Half up: round when the remainder is at least half of d. */
  if (r >= d - r)
    result++;

  if (result > (guint64) G_MAXINT64)
    return FALSE;
  *out = negative ? -(gint64) result : (gint64) result;
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* public API                                                              */
/* ---------------------------------------------------------------------- */

const AhiKpiInfo *
ahi_kpi_list (guint *n_kpis)
{
  if (n_kpis != NULL)
    *n_kpis = G_N_ELEMENTS (kpi_table);
  return kpi_table;
}

const AhiKpiInfo *
ahi_kpi_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kpi_table); i++)
    if (strcmp (kpi_table[i].id, id) == 0)
      return &kpi_table[i];
  return NULL;
}

const char *
ahi_kpi_unit_to_string (AhiKpiUnit unit)
{
  g_return_val_if_fail ((guint) unit < G_N_ELEMENTS (unit_names), NULL);

  return unit_names[unit];
}

const char *
ahi_kpi_id_from_v1 (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (renamed_v1); i++)
    if (strcmp (renamed_v1[i].v1, id) == 0)
      return renamed_v1[i].now;
  return NULL;
}

gboolean
ahi_kpi_value_init (AhiKpiValue *value,
                    const char  *id)
{
  const AhiKpiInfo *info;

  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  info = ahi_kpi_lookup (id);
  if (info == NULL)
    return FALSE;

  memset (value, 0, sizeof *value);
  value->id = info->id;
  value->unit = info->unit;
  value->has_ratio = info->ratio;
  return TRUE;
}

gboolean
ahi_kpi_ratio_bp (gint64  num,
                  gint64  den,
                  gint64 *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  return scaled_divide (num, den, 4, out);
}

gboolean
ahi_kpi_div_round (gint64  num,
                   gint64  den,
                   gint64 *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  return scaled_divide (num, den, 0, out);
}

void
ahi_kpi_value_set_ratio (AhiKpiValue *value,
                         gint64       numerator,
                         gint64       denominator)
{
  g_return_if_fail (value != NULL);

  value->has_ratio = TRUE;
  value->numerator = numerator;
  value->denominator = denominator;
  if (value->unit == AHI_KPI_UNIT_BP)
    value->has_value = ahi_kpi_ratio_bp (numerator, denominator, &value->value);
  else
    value->has_value = ahi_kpi_div_round (numerator, denominator, &value->value);
  if (!value->has_value)
    value->value = 0;
}

gboolean
ahi_kpi_value_delta (const AhiKpiValue *value,
                     gint64            *out)
{
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!value->has_value || !value->has_previous)
    return FALSE;
  if ((value->previous < 0 && value->value > G_MAXINT64 + value->previous) ||
      (value->previous > 0 && value->value < G_MININT64 + value->previous))
    return FALSE;
  *out = value->value - value->previous;
  return TRUE;
}

gboolean
ahi_kpi_value_change_bp (const AhiKpiValue *value,
                         gint64            *out)
{
  gint64 delta;

  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!ahi_kpi_value_delta (value, &delta) || value->previous == G_MININT64)
    return FALSE;
  /* Against the magnitude: a loss shrinking from −100 to −50 is +50 %. */
  return ahi_kpi_ratio_bp (delta, ABS (value->previous), out);
}

static void
set_int_or_null (JsonObject *object,
                 const char *member,
                 gboolean    has,
                 gint64      v)
{
  if (has)
    json_object_set_int_member (object, member, v);
  else
    json_object_set_null_member (object, member);
}

JsonObject *
ahi_kpi_value_to_json (const AhiKpiValue *value)
{
  JsonObject *object;
  gint64 delta = 0, change = 0;
  gboolean has_delta, has_change;

  g_return_val_if_fail (value != NULL, NULL);
  g_return_val_if_fail (value->id != NULL, NULL);

  has_delta = ahi_kpi_value_delta (value, &delta);
  has_change = ahi_kpi_value_change_bp (value, &change);

  object = json_object_new ();
  json_object_set_string_member (object, "id", value->id);
  json_object_set_string_member (object, "unit", ahi_kpi_unit_to_string (value->unit));
  set_int_or_null (object, "value", value->has_value, value->value);
  set_int_or_null (object, "numerator", value->has_ratio, value->numerator);
  set_int_or_null (object, "denominator", value->has_ratio, value->denominator);
  set_int_or_null (object, "previous", value->has_previous, value->previous);
  set_int_or_null (object, "delta", has_delta, delta);
  set_int_or_null (object, "change_bp", has_change, change);

  if (value->currency[0] != '\0')
    json_object_set_string_member (object, "currency", value->currency);
  if (strcmp (value->id, "cancellation_rate_pct") == 0)
    {
      json_object_set_int_member (object, "late_cancellations", value->late_cancellations);
      set_int_or_null (object, "late_cancellation_rate_pct", value->has_late_rate, value->late_rate);
    }
  if (strcmp (value->id, "at_risk_customers") == 0 && !value->at_stake_hidden)
    json_object_set_int_member (object, "at_stake_minor", value->at_stake_minor);

  return object;
}
