/* test-kpi.c — KPI rounding and the value's JSON form, worked by hand */
#include "core/ahi-blueprint.h"
#include "core/ahi-kpi.h"

#include <string.h>

static gint64
bp (gint64 num, gint64 den)
{
  gint64 out = G_MININT64;

  g_assert_true (ahi_kpi_ratio_bp (num, den, &out));
  return out;
}

static gint64
avg (gint64 num, gint64 den)
{
  gint64 out = G_MININT64;

  g_assert_true (ahi_kpi_div_round (num, den, &out));
  return out;
}

static char *
to_json (const AhiKpiValue *value)
{
  g_autoptr(JsonObject) object = ahi_kpi_value_to_json (value);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_node_set_object (node, object);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static void
test_ratio_exact (void)
{
  /* 3 no-shows of 20 finished visits: 3 × 10000 / 20 = 1500 exactly. */
  g_assert_cmpint (bp (3, 20), ==, 1500);
  g_assert_cmpint (bp (0, 7), ==, 0);
  g_assert_cmpint (bp (20, 20), ==, 10000);
  /* 10 h of 40 h (Phorest's room example): 25 %. */
  g_assert_cmpint (bp (600, 2400), ==, 2500);
  /* More than the whole is allowed by the arithmetic: 3 / 2 = 150 %. */
  g_assert_cmpint (bp (3, 2), ==, 15000);
}

static void
test_ratio_rounding (void)
{
  /* 1/3 = 3333.33… bp → 3333; 2/3 = 6666.66… → 6667. */
  g_assert_cmpint (bp (1, 3), ==, 3333);
  g_assert_cmpint (bp (2, 3), ==, 6667);
  /* 1/6 = 1666.66… → 1667; 1/8 = 1250 exactly. */
  g_assert_cmpint (bp (1, 6), ==, 1667);
  g_assert_cmpint (bp (1, 8), ==, 1250);
  /* Exactly half a basis point rounds up: 1/20000 = 0.5 bp → 1. */
  g_assert_cmpint (bp (1, 20000), ==, 1);
  /* Just under a half rounds down: 1/20001 = 0.49997… bp → 0. */
  g_assert_cmpint (bp (1, 20001), ==, 0);
  /* 3/40000 = 0.75 bp → 1; 5/40000 = 1.25 bp → 1; 6/40000 = 1.5 → 2. */
  g_assert_cmpint (bp (3, 40000), ==, 1);
  g_assert_cmpint (bp (5, 40000), ==, 1);
  g_assert_cmpint (bp (6, 40000), ==, 2);
}

static void
test_ratio_negative (void)
{
  /* Halves round away from zero, so a fall mirrors a rise. */
  g_assert_cmpint (bp (-1, 20000), ==, -1);
  g_assert_cmpint (bp (-1, 20001), ==, 0);
  g_assert_cmpint (bp (-1, 3), ==, -3333);
  g_assert_cmpint (bp (2, -3), ==, -6667);
  g_assert_cmpint (bp (-2, -3), ==, 6667);
}

static void
test_ratio_empty_and_overflow (void)
{
  gint64 out = 42;

  /* An empty denominator has no value, never 0. */
  g_assert_false (ahi_kpi_ratio_bp (5, 0, &out));
  g_assert_false (ahi_kpi_ratio_bp (0, 0, &out));
  g_assert_false (ahi_kpi_div_round (5, 0, &out));
  g_assert_cmpint (out, ==, 42);

  /* 922337203685477 × 10000 = 9223372036854770000 ≤ G_MAXINT64
   * (9223372036854775807); one more does not fit. */
  g_assert_cmpint (bp (922337203685477, 1), ==, G_GINT64_CONSTANT (9223372036854770000));
  g_assert_false (ahi_kpi_ratio_bp (922337203685478, 1, &out));
  g_assert_false (ahi_kpi_ratio_bp (G_MAXINT64, 1, &out));
}

static void
test_ratio_large (void)
{
  /* Numerators whose × 10000 would overflow a gint64, and remainders
   * whose × 10 would overflow a guint64 (3·10^18 × 10 > 1.8·10^19). */
  g_assert_cmpint (bp (G_MAXINT64, G_MAXINT64), ==, 10000);
  g_assert_cmpint (bp (G_MININT64, G_MININT64), ==, 10000);
  g_assert_cmpint (bp (G_MININT64, G_MAXINT64), ==, -10000);
  g_assert_cmpint (bp (G_GINT64_CONSTANT (3000000000000000000), G_GINT64_CONSTANT (9000000000000000000)), ==, 3333);
  g_assert_cmpint (bp (G_GINT64_CONSTANT (6000000000000000000), G_GINT64_CONSTANT (9000000000000000000)), ==, 6667);
  /* (2^63 − 2) / (2^63 − 1) = 1 − 1.08·10^-19: 9999.999… bp → 10000. */
  g_assert_cmpint (bp (G_MAXINT64 - 1, G_MAXINT64), ==, 10000);
  /* 2^62 / (2^63 − 1) is a hair over one half: 5000.000… → 5000. */
  g_assert_cmpint (bp (G_GINT64_CONSTANT (4611686018427387904), G_MAXINT64), ==, 5000);
  /* 10^14 kuruş (the contract's largest amount) of 3·10^14: 3333. */
  g_assert_cmpint (bp (G_GINT64_CONSTANT (100000000000000), G_GINT64_CONSTANT (300000000000000)), ==, 3333);
}

static void
test_div_round (void)
{
  /* Average ticket 7 kuruş over 2 visits = 3.5 → 4; 5/2 = 2.5 → 3. */
  g_assert_cmpint (avg (7, 2), ==, 4);
  g_assert_cmpint (avg (5, 2), ==, 3);
  g_assert_cmpint (avg (-7, 2), ==, -4);
  g_assert_cmpint (avg (1, 3), ==, 0);
  g_assert_cmpint (avg (2, 3), ==, 1);
  g_assert_cmpint (avg (100, 4), ==, 25);
  /* 185000 + 120000 + 90000 = 395000 kuruş over 3 visits = 131666.67 → 131667. */
  g_assert_cmpint (avg (395000, 3), ==, 131667);
  g_assert_cmpint (avg (G_MAXINT64, 1), ==, G_MAXINT64);
  g_assert_cmpint (avg (G_MAXINT64, 2), ==, G_GINT64_CONSTANT (4611686018427387904));
}

static void
test_table (void)
{
  const char * const *known = ahi_blueprint_known_kpis ();
  const AhiKpiInfo *list;
  guint n = 0;

  /* The same ids in the same order as the blueprint contract. */
  list = ahi_kpi_list (&n);
  g_assert_cmpuint (n, ==, g_strv_length ((char **) known));
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (list[i].id, ==, known[i]);
      g_assert_true (ahi_kpi_lookup (known[i]) == &list[i]);
    }

  g_assert_null (ahi_kpi_lookup ("happiness_pct"));
  g_assert_cmpint (ahi_kpi_lookup ("revenue_sold")->unit, ==, AHI_KPI_UNIT_MINOR);

  /* Contract 2 renamed the revenue KPIs; the old ids are known only as
   * such, never looked up as KPIs. */
  g_assert_cmpint (AHI_KPI_CONTRACT_VERSION, ==, 2);
  g_assert_null (ahi_kpi_lookup ("revenue_gross"));
  g_assert_null (ahi_kpi_lookup ("revenue_net"));
  g_assert_cmpstr (ahi_kpi_id_from_v1 ("revenue_gross"), ==, "revenue_sold");
  g_assert_cmpstr (ahi_kpi_id_from_v1 ("revenue_net"), ==, "revenue_net_of_tax");
  g_assert_null (ahi_kpi_id_from_v1 ("fill_rate_pct"));
  g_assert_null (ahi_kpi_id_from_v1 ("revenue_sold"));
  g_assert_cmpint (ahi_kpi_lookup ("fill_rate_pct")->unit, ==, AHI_KPI_UNIT_BP);
  g_assert_cmpint (ahi_kpi_lookup ("open_ops_alerts")->unit, ==, AHI_KPI_UNIT_COUNT);
  g_assert_cmpint (ahi_kpi_lookup ("repeat_visit_cycle_days")->unit, ==, AHI_KPI_UNIT_DAYS);
  g_assert_false (ahi_kpi_lookup ("at_risk_customers")->windowed);
  g_assert_true (ahi_kpi_lookup ("average_ticket")->ratio);
  g_assert_cmpstr (ahi_kpi_unit_to_string (AHI_KPI_UNIT_DAYS), ==, "days");
}

static void
test_json_ratio (void)
{
  AhiKpiValue v;
  g_autofree char *text = NULL;

  g_assert_false (ahi_kpi_value_init (&v, "nope"));
  g_assert_true (ahi_kpi_value_init (&v, "no_show_rate_pct"));
  ahi_kpi_value_set_ratio (&v, 3, 20);
  v.has_previous = TRUE;
  v.previous = 1000;

  /* 1500 − 1000 = 500 bp; 500 / 1000 = +50 % = 5000 bp. */
  text = to_json (&v);
  g_assert_cmpstr (text, ==,
    "{\"id\":\"no_show_rate_pct\",\"unit\":\"bp\",\"value\":1500,\"numerator\":3,"
    "\"denominator\":20,\"previous\":1000,\"delta\":500,\"change_bp\":5000}");
}

static void
test_json_empty (void)
{
  AhiKpiValue v;
  g_autofree char *text = NULL;

  /* No finished visit: no value, and so no change either. */
  g_assert_true (ahi_kpi_value_init (&v, "no_show_rate_pct"));
  ahi_kpi_value_set_ratio (&v, 0, 0);
  v.has_previous = TRUE;
  v.previous = 1000;
  g_assert_false (v.has_value);

  text = to_json (&v);
  g_assert_cmpstr (text, ==,
    "{\"id\":\"no_show_rate_pct\",\"unit\":\"bp\",\"value\":null,\"numerator\":0,"
    "\"denominator\":0,\"previous\":1000,\"delta\":null,\"change_bp\":null}");
}

static void
test_json_money (void)
{
  AhiKpiValue v;
  g_autofree char *text = NULL;
  g_autofree char *zero = NULL;

  /* Net −100,00 TL last period, +50,00 TL now: delta 150,00 TL, and
   * 15000 / |−10000| = +150 % = 15000 bp. */
  g_assert_true (ahi_kpi_value_init (&v, "revenue_net_of_tax"));
  v.has_value = TRUE;
  v.value = 5000;
  v.has_previous = TRUE;
  v.previous = -10000;
  memcpy (v.currency, "TRY", 4);
  text = to_json (&v);
  g_assert_cmpstr (text, ==,
    "{\"id\":\"revenue_net_of_tax\",\"unit\":\"minor\",\"value\":5000,\"numerator\":null,"
    "\"denominator\":null,\"previous\":-10000,\"delta\":15000,\"change_bp\":15000,"
    "\"currency\":\"TRY\"}");

  /* From nothing to something: a delta, but no relative change. */
  v.previous = 0;
  zero = to_json (&v);
  g_assert_cmpstr (zero, ==,
    "{\"id\":\"revenue_net_of_tax\",\"unit\":\"minor\",\"value\":5000,\"numerator\":null,"
    "\"denominator\":null,\"previous\":0,\"delta\":5000,\"change_bp\":null,"
    "\"currency\":\"TRY\"}");
}

static void
test_json_extras (void)
{
  AhiKpiValue cancel, risk;
  g_autofree char *cancel_text = NULL;
  g_autofree char *risk_text = NULL;

  /* 3 cancelled of 12 booked = 2500 bp, 1 of them late = 833.33 → 833. */
  g_assert_true (ahi_kpi_value_init (&cancel, "cancellation_rate_pct"));
  ahi_kpi_value_set_ratio (&cancel, 3, 12);
  cancel.late_cancellations = 1;
  cancel.has_late_rate = ahi_kpi_ratio_bp (1, 12, &cancel.late_rate);
  cancel_text = to_json (&cancel);
  g_assert_cmpstr (cancel_text, ==,
    "{\"id\":\"cancellation_rate_pct\",\"unit\":\"bp\",\"value\":2500,\"numerator\":3,"
    "\"denominator\":12,\"previous\":null,\"delta\":null,\"change_bp\":null,"
    "\"late_cancellations\":1,\"late_cancellation_rate_pct\":833}");

  g_assert_true (ahi_kpi_value_init (&risk, "at_risk_customers"));
  risk.has_value = TRUE;
  risk.value = 2;
  risk.at_stake_minor = 240000;
  memcpy (risk.currency, "TRY", 4);
  risk_text = to_json (&risk);
  g_assert_cmpstr (risk_text, ==,
    "{\"id\":\"at_risk_customers\",\"unit\":\"count\",\"value\":2,\"numerator\":null,"
    "\"denominator\":null,\"previous\":null,\"delta\":null,\"change_bp\":null,"
    "\"currency\":\"TRY\",\"at_stake_minor\":240000}");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/kpi/ratio/exact", test_ratio_exact);
  g_test_add_func ("/core/kpi/ratio/rounding", test_ratio_rounding);
  g_test_add_func ("/core/kpi/ratio/negative", test_ratio_negative);
  g_test_add_func ("/core/kpi/ratio/empty-and-overflow", test_ratio_empty_and_overflow);
  g_test_add_func ("/core/kpi/ratio/large", test_ratio_large);
  g_test_add_func ("/core/kpi/div-round", test_div_round);
  g_test_add_func ("/core/kpi/table", test_table);
  g_test_add_func ("/core/kpi/json/ratio", test_json_ratio);
  g_test_add_func ("/core/kpi/json/empty", test_json_empty);
  g_test_add_func ("/core/kpi/json/money", test_json_money);
  g_test_add_func ("/core/kpi/json/extras", test_json_extras);

  return g_test_run ();
}
