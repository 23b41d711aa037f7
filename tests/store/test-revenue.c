/* test-revenue.c — Revenue OS: every figure of a two-day ledger worked out
 * by hand, the till reconciled, a refund as a correction, and a malformed
 * count refused with nothing written
 *
 * The salon is in Europe/Istanbul, UTC+3 all year: 10:00 at the desk is
 * 07:00Z. The period is the local days 30 November and 1 December 2026,
 * [2026-11-29T21:00:00Z, 2026-12-01T21:00:00Z), across a month boundary.
 * KDV at 20 % inside a price p is p × 2000 / 12000 = p / 6, rounded half
 * up to the kuruş.
 */
#include "ahi-test-fixture.h"

#include <string.h>

#include "core/ahi-core-error.h"
#include "core/ahi-time.h"
#include "store/engine/ahi-kpi-query.h"
#include "store/engine/ahi-revenue.h"
#include "store/ahi-store-error.h"

#define STAFF_A   "0190aaaa-0000-7000-8000-000000000001"
#define STAFF_B   "0190bbbb-0000-7000-8000-000000000002"
#define STAFF_C   "0190cccc-0000-7000-8000-000000000003"
#define SERVICE   "0190dddd-0000-7000-8000-000000000001"
#define CUST_1    "0190eeee-0000-7000-8000-000000000001"
#define CUST_2    "0190eeee-0000-7000-8000-000000000002"
#define CUST_3    "0190eeee-0000-7000-8000-000000000003"
#define APPT(n)   "0190f000-0000-7000-8000-0000000000" n
#define LINE(n)   "0190f100-0000-7000-8000-0000000000" n

#define PERIOD_FROM "2026-11-29T21:00:00Z"   /* 30 Nov 00:00 local */
#define PERIOD_TO   "2026-12-01T21:00:00Z"   /*  2 Dec 00:00 local */

typedef struct {
  AhiStore *store;
  char     *tenant_id;
  char     *owner_id;
} Fixture;

/* ------------------------------------------------------------ builders */

static void
add_staff (Fixture *fx, const char *id, const char *name)
{
  g_autofree char *pii = g_strdup_printf ("{\"display_name\":\"%s\"}", name);

  fx_append (fx->store, "staff.created", id, fx_time ("2026-06-01T07:00:00Z"),
             "{\"role\":\"staff\",\"skills\":[\"specialist\"]}", pii);
}

static void
add_customer (Fixture *fx, const char *id, const char *name)
{
  g_autofree char *pii = g_strdup_printf ("{\"full_name\":\"%s\"}", name);

  fx_append (fx->store, "customer.created", id, fx_time ("2026-06-01T07:00:00Z"), "{\"source\":\"walk_in\"}", pii);
}

/* A one-item appointment (staff may be NULL) of 30 minutes. */
static void
add_appointment (Fixture *fx, const char *id, const char *customer, const char *staff,
                 const char *starts_at, gint64 price)
{
  gint64 start = fx_time (starts_at);
  g_autofree char *ends_at = ahi_time_format_utc (start + 30 * 60);
  g_autofree char *staff_member = staff != NULL ? g_strdup_printf ("\"staff_id\":\"%s\",", staff) : g_strdup ("");
  g_autofree char *payload = g_strdup_printf (
    "{\"customer_id\":\"%s\",\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"items\":[{\"service_id\":\"" SERVICE "\","
    "%s\"starts_at\":\"%s\",\"ends_at\":\"%s\",\"price_minor\":%" G_GINT64_FORMAT "}],\"source\":\"desk\"}",
    customer, starts_at, ends_at, staff_member, starts_at, ends_at, price);

  fx_append (fx->store, "appointment.created", id, fx_time ("2026-11-20T07:00:00Z"), payload, NULL);
}

static void
set_status (Fixture *fx, const char *id, const char *when, const char *status)
{
  g_autofree char *payload = g_strdup_printf ("{\"status\":\"%s\"}", status);

  fx_append (fx->store, "appointment.status.updated", id, fx_time (when), payload, NULL);
}

static void
cancel (Fixture *fx, const char *id, const char *when, const char *by)
{
  g_autofree char *payload = g_strdup_printf ("{\"cancelled_by\":\"%s\"}", by);

  fx_append (fx->store, "appointment.cancelled", id, fx_time (when), payload, NULL);
}

/* One ledger line at 20 % KDV; staff and appointment may be NULL. */
static void
add_line (Fixture *fx, const char *id, const char *kind, const char *source, const char *method,
          gint64 amount, gint64 discount, const char *booked_at, const char *staff,
          const char *appointment, const char *currency)
{
  g_autoptr(GString) payload = g_string_new (NULL);

  g_string_printf (payload,
                   "{\"kind\":\"%s\",\"source\":\"%s\",\"method\":\"%s\",\"amount_minor\":%" G_GINT64_FORMAT,
                   kind, source, method, amount);
  if (discount != 0)
    g_string_append_printf (payload, ",\"discount_minor\":%" G_GINT64_FORMAT, discount);
  g_string_append_printf (payload, ",\"currency\":\"%s\",\"vat_rate_bp\":2000,\"booked_at\":\"%s\"",
                          currency, booked_at);
  if (staff != NULL)
    g_string_append_printf (payload, ",\"staff_id\":\"%s\"", staff);
  if (appointment != NULL)
    g_string_append_printf (payload, ",\"appointment_id\":\"%s\"", appointment);
  g_string_append_c (payload, '}');

  fx_append (fx->store, "revenue.event.created", id, fx_time (booked_at), payload->str, NULL);
}

/* ------------------------------------------------------------- fixture */

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  fx->store = fx_store_new ("revenue.db");
  fx->tenant_id = fx_create_tenant (fx->store, "hair_beauty");
  fx->owner_id = ahi_tenant_owner_id (fx->tenant_id);

  fx_append (fx->store, "tenant.settings.updated", fx->tenant_id, fx_time ("2026-06-01T07:00:00Z"),
             "{\"late_cancel_window_min\":1440}", NULL);
  add_staff (fx, STAFF_A, "Ayşe Yılmaz");
  add_staff (fx, STAFF_B, "Burak Şahin");
  /* C left before the period and has no figures: not in the report. */
  add_staff (fx, STAFF_C, "Cem Öztürk");
  fx_append (fx->store, "staff.updated", STAFF_C, fx_time ("2026-09-01T07:00:00Z"), "{\"active\":false}", NULL);
  fx_append (fx->store, "service.created", SERVICE, fx_time ("2026-06-01T07:00:00Z"),
             "{\"code\":\"fon\",\"name\":\"Fön\",\"duration_min\":30,\"price_minor\":60000,"
             "\"vat_rate_bp\":2000,\"resource_kinds\":[]}", NULL);
  add_customer (fx, CUST_1, "Işıl Çağlar");
  add_customer (fx, CUST_2, "Ömer Aydın");
  add_customer (fx, CUST_3, "Gülşen Ekinci");

  /* Appointments (local times):
   *   01  30 Nov 10:00  A  1.234,50  completed
   *   02  30 Nov 15:00  A    750,00  no-show
   *   08  30 Nov 17:00  —    200,00  no-show, nobody assigned
   *   03   1 Dec 17:00  B    600,00  completed
   *   04   1 Dec 14:00  B    500,00  cancelled by the customer 3 h ahead: late
   *   05   1 Dec 14:00  A    300,00  same, for A
   *   06   1 Dec 18:00  B    400,00  cancelled by the business 5 h ahead: not the customer's
   *   07   1 Dec 19:00  A    350,00  cancelled by the customer three days ahead: not late
   *   09   2 Dec 10:00  B    450,00  no-show, outside the period
   *   10   1 Dec 20:00  A    250,00  confirmed only: counts nowhere */
  add_appointment (fx, APPT ("01"), CUST_1, STAFF_A, "2026-11-30T07:00:00Z", 123450);
  set_status (fx, APPT ("01"), "2026-11-30T07:30:00Z", "completed");
  add_appointment (fx, APPT ("02"), CUST_2, STAFF_A, "2026-11-30T12:00:00Z", 75000);
  set_status (fx, APPT ("02"), "2026-11-30T12:30:00Z", "no_show");
  add_appointment (fx, APPT ("08"), CUST_3, NULL, "2026-11-30T14:00:00Z", 20000);
  set_status (fx, APPT ("08"), "2026-11-30T14:30:00Z", "no_show");
  add_appointment (fx, APPT ("03"), CUST_3, STAFF_B, "2026-12-01T14:00:00Z", 60000);
  set_status (fx, APPT ("03"), "2026-12-01T14:30:00Z", "completed");
  add_appointment (fx, APPT ("04"), CUST_1, STAFF_B, "2026-12-01T11:00:00Z", 50000);
  cancel (fx, APPT ("04"), "2026-12-01T08:00:00Z", "customer");
  add_appointment (fx, APPT ("05"), CUST_1, STAFF_A, "2026-12-01T11:00:00Z", 30000);
  cancel (fx, APPT ("05"), "2026-12-01T08:00:00Z", "customer");
  add_appointment (fx, APPT ("06"), CUST_2, STAFF_B, "2026-12-01T15:00:00Z", 40000);
  cancel (fx, APPT ("06"), "2026-12-01T10:00:00Z", "business");
  add_appointment (fx, APPT ("07"), CUST_2, STAFF_A, "2026-12-01T16:00:00Z", 35000);
  cancel (fx, APPT ("07"), "2026-11-28T10:00:00Z", "customer");
  add_appointment (fx, APPT ("09"), CUST_2, STAFF_B, "2026-12-02T07:00:00Z", 45000);
  set_status (fx, APPT ("09"), "2026-12-02T07:30:00Z", "no_show");
  add_appointment (fx, APPT ("10"), CUST_3, STAFF_A, "2026-12-01T17:00:00Z", 25000);
  set_status (fx, APPT ("10"), "2026-12-01T06:00:00Z", "confirmed");

  /* The ledger. KDV per line, p / 6 half up:
   *
   *  line  local          kind        source       method    staff  amount  disc    KDV
   *  L1    30 Nov 10:30   sale        appointment  cash      A      123450     0  20575  (exact)
   *  L2    30 Nov 14:00   sale        product      card      B       45000  5000   7500
   *  L3    30 Nov 23:30   sale        appointment  card      B       89990     0  14998  (14998,33)
   *  L4    30 Nov 12:00   deposit     appointment  cash      A       20000     0   3333  (3333,33)
   *  L5    30 Nov 16:00   no_show_fee appointment  cash      A       15000     0   2500
   *  L6    30 Nov 18:00   refund      appointment  cash      A       30000     0   5000
   *  L7     1 Dec 02:00   deposit     campaign     transfer  —       50000     0   8333  (8333,33)
   *  L8     1 Dec 11:00   sale        package      card      A      250000 25000  41667  (41666,67)
   *  L9     1 Dec 13:00   sale        product      cash      B       12999     0   2167  (2166,5 → half up)
   *  L10    1 Dec 15:00   adjustment  manual       cash      —       -1000     0   -167  (-166,67)
   *  L11    1 Dec 17:00   sale        appointment  transfer  B       60000     0  10000
   *
   * L3 is 20:30Z on 30 Nov and L7 23:00Z on 30 Nov: by UTC days L7 would
   * fall on 30 Nov and in November; by the salon's days it is 1 Dec.
   * Outside the period or the currency, left out of every figure:
   *  X1    29 Nov 23:59:59 (20:59:59Z)  sale cash 10000
   *  X2     2 Dec 00:00    (21:00:00Z on 1 Dec)  sale cash 10000
   *  X3     1 Dec 12:00    sale cash 5000 EUR (counted in foreign_lines) */
  add_line (fx, LINE ("01"), "sale", "appointment", "cash", 123450, 0, "2026-11-30T07:30:00Z", STAFF_A, APPT ("01"), "TRY");
  add_line (fx, LINE ("02"), "sale", "product", "card", 45000, 5000, "2026-11-30T11:00:00Z", STAFF_B, NULL, "TRY");
  add_line (fx, LINE ("03"), "sale", "appointment", "card", 89990, 0, "2026-11-30T20:30:00Z", STAFF_B, NULL, "TRY");
  add_line (fx, LINE ("04"), "deposit", "appointment", "cash", 20000, 0, "2026-11-30T09:00:00Z", STAFF_A, APPT ("05"), "TRY");
  add_line (fx, LINE ("05"), "no_show_fee", "appointment", "cash", 15000, 0, "2026-11-30T13:00:00Z", STAFF_A, APPT ("02"), "TRY");
  add_line (fx, LINE ("06"), "refund", "appointment", "cash", 30000, 0, "2026-11-30T15:00:00Z", STAFF_A, APPT ("01"), "TRY");
  add_line (fx, LINE ("07"), "deposit", "campaign", "transfer", 50000, 0, "2026-11-30T23:00:00Z", NULL, NULL, "TRY");
  add_line (fx, LINE ("08"), "sale", "package", "card", 250000, 25000, "2026-12-01T08:00:00Z", STAFF_A, NULL, "TRY");
  add_line (fx, LINE ("09"), "sale", "product", "cash", 12999, 0, "2026-12-01T10:00:00Z", STAFF_B, NULL, "TRY");
  add_line (fx, LINE ("10"), "adjustment", "manual", "cash", -1000, 0, "2026-12-01T12:00:00Z", NULL, NULL, "TRY");
  add_line (fx, LINE ("11"), "sale", "appointment", "transfer", 60000, 0, "2026-12-01T14:00:00Z", STAFF_B, APPT ("03"), "TRY");
  add_line (fx, LINE ("91"), "sale", "product", "cash", 10000, 0, "2026-11-29T20:59:59Z", STAFF_A, NULL, "TRY");
  add_line (fx, LINE ("92"), "sale", "product", "cash", 10000, 0, "2026-12-01T21:00:00Z", STAFF_A, NULL, "TRY");
  add_line (fx, LINE ("93"), "sale", "product", "cash", 5000, 0, "2026-12-01T09:00:00Z", STAFF_A, NULL, "EUR");
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  fx_store_free (fx->store);
  g_free (fx->tenant_id);
  g_free (fx->owner_id);
}

static AhiRevenueSummary *
period_summary (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  AhiRevenueSummary *summary = ahi_revenue_summary (ahi_store_get_db (fx->store),
                                                    fx_time (PERIOD_FROM), fx_time (PERIOD_TO), &error);

  g_assert_no_error (error);
  g_assert_nonnull (summary);
  return summary;
}

static void
assert_totals (const AhiRevenueTotals *t,
               gint64 list, gint64 discount, gint64 refund, gint64 adjustment,
               gint64 net_of_refunds, gint64 tax, guint lines)
{
  g_assert_cmpint (t->list_minor, ==, list);
  g_assert_cmpint (t->discount_minor, ==, discount);
  g_assert_cmpint (t->refund_minor, ==, refund);
  g_assert_cmpint (t->adjustment_minor, ==, adjustment);
  g_assert_cmpint (t->net_of_refunds_minor, ==, net_of_refunds);
  g_assert_cmpint (t->tax_minor, ==, tax);
  g_assert_cmpuint (t->lines, ==, lines);
  /* The definitions, on every bucket. */
  g_assert_cmpint (t->sold_minor, ==, t->list_minor - t->discount_minor);
  g_assert_cmpint (t->net_of_refunds_minor, ==, t->sold_minor - t->refund_minor + t->adjustment_minor);
  g_assert_cmpint (t->net_of_tax_minor, ==, t->net_of_refunds_minor - t->tax_minor);
}

static const AhiRevenueTotals *
bucket (GArray *buckets, guint index, const char *key)
{
  const AhiRevenueBucket *b;

  g_assert_cmpuint (index, <, buckets->len);
  b = &g_array_index (buckets, AhiRevenueBucket, index);
  g_assert_cmpstr (b->key, ==, key);
  return &b->totals;
}

/* --------------------------------------------------------------- tests */

static void
test_summary_total (Fixture *fx, gconstpointer data)
{
  g_autoptr(AhiRevenueSummary) summary = period_summary (fx);

  g_assert_cmpstr (summary->currency, ==, "TRY");
  g_assert_cmpuint (summary->foreign_lines, ==, 1);   /* X3 */

  /* Income lines paid: L1 123450 + L2 45000 + L3 89990 + L4 20000
   * + L5 15000 + L7 50000 + L8 250000 + L9 12999 + L11 60000 = 666439.
   * Discounts: L2 5000 + L8 25000 = 30000; list = 666439 + 30000 = 696439.
   * Refunds: L6 30000. Adjustments: L10 −1000.
   * Net of refunds = 696439 − 30000 − 30000 − 1000 = 635439.
   * Tax = 20575 + 7500 + 14998 + 3333 + 2500 + 8333 + 41667 + 2167 + 10000
   *     (= 111073) − 5000 (L6) − 167 (L10) = 105906. Eleven lines. */
  assert_totals (&summary->total, 696439, 30000, 30000, -1000, 635439, 105906, 11);
}

static void
test_summary_by_source_and_method (Fixture *fx, gconstpointer data)
{
  g_autoptr(AhiRevenueSummary) summary = period_summary (fx);

  /* appointment: L1 L3 L4 L5 L6 L11. Paid 123450 + 89990 + 20000 + 15000
   * + 60000 = 308440; refund 30000; net 278440. Tax 20575 + 14998 + 3333
   * + 2500 + 10000 − 5000 = 46406. */
  g_assert_cmpuint (summary->by_source->len, ==, 5);
  assert_totals (bucket (summary->by_source, 0, "appointment"), 308440, 0, 30000, 0, 278440, 46406, 6);
  /* campaign: L7 only. */
  assert_totals (bucket (summary->by_source, 1, "campaign"), 50000, 0, 0, 0, 50000, 8333, 1);
  /* manual: L10 only. */
  assert_totals (bucket (summary->by_source, 2, "manual"), 0, 0, 0, -1000, -1000, -167, 1);
  /* package: L8, 250000 paid after a 25000 discount. */
  assert_totals (bucket (summary->by_source, 3, "package"), 275000, 25000, 0, 0, 250000, 41667, 1);
  /* product: L2 + L9. List 45000 + 5000 + 12999 = 62999; net 57999;
   * tax 7500 + 2167 = 9667. */
  assert_totals (bucket (summary->by_source, 4, "product"), 62999, 5000, 0, 0, 57999, 9667, 2);

  /* card: L2 L3 L8. List 50000 + 89990 + 275000 = 414990; discounts
   * 30000; net 384990; tax 7500 + 14998 + 41667 = 64165. */
  g_assert_cmpuint (summary->by_method->len, ==, 3);
  assert_totals (bucket (summary->by_method, 0, "card"), 414990, 30000, 0, 0, 384990, 64165, 3);
  /* cash: L1 L4 L5 L6 L9 L10. Paid 123450 + 20000 + 15000 + 12999 =
   * 171449; net 171449 − 30000 − 1000 = 140449; tax 20575 + 3333 + 2500
   * + 2167 − 5000 − 167 = 23408. */
  assert_totals (bucket (summary->by_method, 1, "cash"), 171449, 0, 30000, -1000, 140449, 23408, 6);
  /* transfer: L7 + L11 = 110000; tax 8333 + 10000. */
  assert_totals (bucket (summary->by_method, 2, "transfer"), 110000, 0, 0, 0, 110000, 18333, 2);
}

static void
test_summary_by_staff (Fixture *fx, gconstpointer data)
{
  g_autoptr(AhiRevenueSummary) summary = period_summary (fx);

  g_assert_cmpuint (summary->by_staff->len, ==, 3);
  /* A: L1 L4 L5 L6 L8. Paid 123450 + 20000 + 15000 + 250000 = 408450;
   * list + 25000 = 433450; net 408450 − 30000 = 378450; tax 20575 + 3333
   * + 2500 + 41667 − 5000 = 63075. */
  assert_totals (bucket (summary->by_staff, 0, STAFF_A), 433450, 25000, 30000, 0, 378450, 63075, 5);
  /* B: L2 L3 L9 L11. Paid 45000 + 89990 + 12999 + 60000 = 207989; list
   * 212989; tax 7500 + 14998 + 2167 + 10000 = 34665. */
  assert_totals (bucket (summary->by_staff, 1, STAFF_B), 212989, 5000, 0, 0, 207989, 34665, 4);
  /* Nobody: L7 + L10. Net 50000 − 1000; tax 8333 − 167 = 8166. */
  assert_totals (bucket (summary->by_staff, 2, AHI_REVENUE_UNASSIGNED), 50000, 0, 0, -1000, 49000, 8166, 2);
}

static void
test_summary_by_local_day_and_month (Fixture *fx, gconstpointer data)
{
  g_autoptr(AhiRevenueSummary) summary = period_summary (fx);

  /* 30 Nov: L1–L6 (L3 at 23:30 local). Paid 123450 + 45000 + 89990
   * + 20000 + 15000 = 293440; discounts 5000; list 298440; refund 30000;
   * net 263440; tax 20575 + 7500 + 14998 + 3333 + 2500 − 5000 = 43906. */
  g_assert_cmpuint (summary->by_day->len, ==, 2);
  assert_totals (bucket (summary->by_day, 0, "2026-11-30"), 298440, 5000, 30000, 0, 263440, 43906, 6);
  /* 1 Dec: L7 (02:00 local, still 30 Nov in UTC) to L11. Paid 50000
   * + 250000 + 12999 + 60000 = 372999; discounts 25000; list 397999;
   * adjustment −1000; net 371999; tax 8333 + 41667 + 2167 − 167 + 10000
   * = 62000. */
  assert_totals (bucket (summary->by_day, 1, "2026-12-01"), 397999, 25000, 0, -1000, 371999, 62000, 5);

  /* One day in each month, so the months repeat the days. */
  g_assert_cmpuint (summary->by_month->len, ==, 2);
  assert_totals (bucket (summary->by_month, 0, "2026-11"), 298440, 5000, 30000, 0, 263440, 43906, 6);
  assert_totals (bucket (summary->by_month, 1, "2026-12"), 397999, 25000, 0, -1000, 371999, 62000, 5);
}

static void
test_summary_json (Fixture *fx, gconstpointer data)
{
  g_autoptr(AhiRevenueSummary) summary = period_summary (fx);
  g_autoptr(AhiRevenueSummary) again = period_summary (fx);
  g_autofree char *json = ahi_revenue_summary_to_json (summary);
  g_autofree char *json_again = ahi_revenue_summary_to_json (again);

  g_assert_cmpstr (json, ==, json_again);
  /* Version 2 first. Sold = list − discount = 696439 − 30000 = 666439;
   * net of tax = 635439 − 105906 = 529533 (the total worked out in
   * test_summary_total). 30 Nov: sold 298440 − 5000 = 293440, net of
   * tax 263440 − 43906 = 219534. */
  g_assert_true (g_str_has_prefix (json,
    "{\"v\":2,\"from\":\"2026-11-29T21:00:00Z\",\"to\":\"2026-12-01T21:00:00Z\",\"currency\":\"TRY\","
    "\"total\":{\"list_minor\":696439,\"discount_minor\":30000,\"sold_minor\":666439,\"refund_minor\":30000,"
    "\"adjustment_minor\":-1000,\"net_of_refunds_minor\":635439,\"tax_minor\":105906,"
    "\"net_of_tax_minor\":529533,\"lines\":11},"
    "\"by_source\":{\"appointment\":{"));
  g_assert_nonnull (strstr (json,
    "\"by_day\":{\"2026-11-30\":{\"list_minor\":298440,\"discount_minor\":5000,\"sold_minor\":293440,"
    "\"refund_minor\":30000,\"adjustment_minor\":0,\"net_of_refunds_minor\":263440,\"tax_minor\":43906,"
    "\"net_of_tax_minor\":219534,\"lines\":6},\"2026-12-01\":{"));
  g_assert_true (g_str_has_suffix (json, "},\"foreign_lines\":1}"));
  /* Integers only: no fraction or exponent anywhere. */
  g_assert_null (strchr (json, '.'));
}

static void
test_empty_period (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiRevenueSummary) summary = ahi_revenue_summary (ahi_store_get_db (fx->store),
                                                              fx_time ("2026-10-01T00:00:00Z"),
                                                              fx_time ("2026-10-02T00:00:00Z"), &error);
  g_autofree char *json = NULL;

  g_assert_no_error (error);
  assert_totals (&summary->total, 0, 0, 0, 0, 0, 0, 0);
  g_assert_cmpuint (summary->by_day->len, ==, 0);
  json = ahi_revenue_summary_to_json (summary);
  g_assert_nonnull (strstr (json, "\"by_source\":{},\"by_method\":{}"));
}

static void
test_refund_is_a_correction (Fixture *fx, gconstpointer data)
{
  g_autoptr(AhiRevenueSummary) summary = NULL;
  const char *l2 = "FROM revenue_events WHERE revenue_event_id = '" LINE ("02") "'";
  g_autofree char *amount_sql = g_strconcat ("SELECT amount_minor ", l2, NULL);
  g_autofree char *discount_sql = g_strconcat ("SELECT discount_minor ", l2, NULL);
  g_autofree char *vat_sql = g_strconcat ("SELECT vat_minor ", l2, NULL);
  g_autofree char *kind_sql = g_strconcat ("SELECT kind ", l2, NULL);
  g_autofree char *kind = NULL;
  gint64 log_rows = fx_int (fx->store, "SELECT count(*) FROM tenant_event_logs");

  /* L2 (45000 by card, 5000 off) comes back the next day: the correction
   * is a new refund line; L2 stays as it was. */
  add_line (fx, LINE ("12"), "refund", "product", "card", 45000, 0, "2026-12-01T09:30:00Z", STAFF_B, NULL, "TRY");

  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM tenant_event_logs"), ==, log_rows + 1);
  g_assert_cmpint (fx_int (fx->store, amount_sql), ==, 45000);
  g_assert_cmpint (fx_int (fx->store, discount_sql), ==, 5000);
  g_assert_cmpint (fx_int (fx->store, vat_sql), ==, 7500);
  kind = fx_text (fx->store, kind_sql);
  g_assert_cmpstr (kind, ==, "sale");
  g_assert_cmpint (fx_int (fx->store, "SELECT vat_minor FROM revenue_events WHERE revenue_event_id = '" LINE ("12") "'"),
                   ==, 7500);

  /* List and discount keep the sale; refunds 30000 + 45000 = 75000;
   * net 635439 − 45000 = 590439; tax 105906 − 7500 = 98406. */
  summary = period_summary (fx);
  assert_totals (&summary->total, 696439, 30000, 75000, -1000, 590439, 98406, 12);
  /* The product bucket: 57999 − 45000 = 12999, tax 9667 − 7500 = 2167.
   * The refund is booked on 1 Dec: 30 Nov is untouched. */
  assert_totals (bucket (summary->by_source, 4, "product"), 62999, 5000, 45000, 0, 12999, 2167, 3);
  assert_totals (bucket (summary->by_day, 0, "2026-11-30"), 298440, 5000, 30000, 0, 263440, 43906, 6);
  assert_totals (bucket (summary->by_day, 1, "2026-12-01"), 397999, 25000, 45000, -1000, 326999, 54500, 6);
}

static void
test_expected_cash (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  AhiDb *db = ahi_store_get_db (fx->store);
  gint64 expected = -1;

  /* 30 Nov: L1 123450 + L4 20000 + L5 15000 − L6 30000 = 128450. X1 is on
   * 29 Nov local (20:59:59Z) and stays out. */
  g_assert_true (ahi_revenue_expected_cash (db, "2026-11-30", &expected, &error));
  g_assert_no_error (error);
  g_assert_cmpint (expected, ==, 128450);

  /* 1 Dec: L9 12999 + L10 −1000 = 11999. X2 (21:00Z on 1 Dec, 00:00 local
   * on 2 Dec) and the EUR line X3 stay out; L7 and L11 are transfers. */
  g_assert_true (ahi_revenue_expected_cash (db, "2026-12-01", &expected, &error));
  g_assert_no_error (error);
  g_assert_cmpint (expected, ==, 11999);

  /* 2 Dec: X2 alone. */
  g_assert_true (ahi_revenue_expected_cash (db, "2026-12-02", &expected, &error));
  g_assert_no_error (error);
  g_assert_cmpint (expected, ==, 10000);

  g_assert_false (ahi_revenue_expected_cash (db, "2026-02-30", &expected, &error));
  g_assert_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_VALUE);
}

static void
test_reconciliation_shortfall (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiEvent) count = NULL;
  g_autoptr(AhiEvent) recount = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  AhiDb *db = ahi_store_get_db (fx->store);
  AhiRevenueCashCount *c;
  gboolean duplicate = TRUE;

  /* 1 Dec expects 11999 (above); the till holds 110,00 TL: 9,99 short. */
  count = ahi_revenue_new_cash_count (fx->store, "2026-12-01", 11000, "Bozuk para eksik",
                                      fx->owner_id, "owner", fx_time ("2026-12-01T16:30:00Z"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (count->type, ==, "cash.reconciled");
  g_assert_cmpstr (count->entity, ==, "cash_count");
  g_assert_cmpint (json_object_get_int_member (count->payload, "expected_minor"), ==, 11999);
  ahi_store_append (fx->store, count, &duplicate, &error);
  g_assert_no_error (error);
  g_assert_false (duplicate);

  /* A recount finds the missing coins: a second count, the first kept. */
  recount = ahi_revenue_new_cash_count (fx->store, "2026-12-01", 11999, NULL,
                                        fx->owner_id, "owner", fx_time ("2026-12-01T16:45:00Z"), &error);
  g_assert_no_error (error);
  ahi_store_append (fx->store, recount, &duplicate, &error);
  g_assert_no_error (error);

  counts = ahi_revenue_cash_counts (db, "2026-12-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts->len, ==, 2);
  c = counts->pdata[0];
  g_assert_cmpstr (c->cash_count_id, ==, count->entity_id);
  g_assert_cmpstr (c->business_date, ==, "2026-12-01");
  g_assert_cmpint (c->counted_minor, ==, 11000);
  g_assert_cmpint (c->expected_minor, ==, 11999);
  g_assert_cmpint (c->difference_minor, ==, -999);
  g_assert_cmpstr (c->note, ==, "Bozuk para eksik");
  g_assert_cmpstr (c->counted_by, ==, fx->owner_id);
  g_assert_cmpint (c->counted_at, ==, fx_time ("2026-12-01T16:30:00Z"));
  c = counts->pdata[1];
  g_assert_cmpint (c->difference_minor, ==, 0);
  g_assert_null (c->note);

  /* Both are in the log, and nothing else counted another day. */
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM tenant_event_logs WHERE type = 'cash.reconciled'"), ==, 2);
  g_clear_pointer (&counts, g_ptr_array_unref);
  counts = ahi_revenue_cash_counts (db, "2026-11-30", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts->len, ==, 0);
}

static void
assert_refused (Fixture *fx, const char *payload, GQuark domain, int code)
{
  g_autoptr(AhiEvent) event = fx_event (fx->store, "cash.reconciled", "0190f200-0000-7000-8000-000000000001",
                                        fx_time ("2026-12-01T16:30:00Z"), payload, NULL);
  g_autoptr(GError) error = NULL;
  gint64 log_rows = fx_int (fx->store, "SELECT count(*) FROM tenant_event_logs");

  g_assert_false (ahi_store_append (fx->store, event, NULL, &error));
  g_assert_error (error, domain, code);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM tenant_event_logs"), ==, log_rows);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM cash_counts"), ==, 0);
}

static void
test_malformed_count_refused (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiEvent) event = NULL;
  g_autofree char *long_note = g_strnfill (201, 'x');
  g_autofree char *payload = NULL;

  assert_refused (fx, "{\"business_date\":\"2026-12-01\",\"counted_minor\":11000}",
                  AHI_CORE_ERROR, AHI_CORE_ERROR_MISSING_FIELD);
  assert_refused (fx, "{\"business_date\":\"2026-12-01\",\"counted_minor\":\"110,00\",\"expected_minor\":11999}",
                  AHI_CORE_ERROR, AHI_CORE_ERROR_WRONG_TYPE);
  assert_refused (fx, "{\"business_date\":\"01.12.2026\",\"counted_minor\":11000,\"expected_minor\":11999}",
                  AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_VALUE);
  assert_refused (fx, "{\"business_date\":\"2026-12-01\",\"counted_minor\":11000,\"expected_minor\":11999,"
                  "\"difference_minor\":-999}", AHI_CORE_ERROR, AHI_CORE_ERROR_UNKNOWN_FIELD);
  assert_refused (fx, "{\"business_date\":\"2026-12-01\",\"counted_minor\":100000000000001,\"expected_minor\":0}",
                  AHI_CORE_ERROR, AHI_CORE_ERROR_OUT_OF_RANGE);
  payload = g_strdup_printf ("{\"business_date\":\"2026-12-01\",\"counted_minor\":1,\"expected_minor\":0,"
                             "\"note\":\"%s\"}", long_note);
  assert_refused (fx, payload, AHI_CORE_ERROR, AHI_CORE_ERROR_TOO_LARGE);

  /* The builder refuses the same things before anything is appended. */
  event = ahi_revenue_new_cash_count (fx->store, "2026-12-01", 1, long_note, fx->owner_id, "owner",
                                      fx_time ("2026-12-01T16:30:00Z"), &error);
  g_assert_null (event);
  g_assert_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_TOO_LARGE);
  g_clear_error (&error);
  event = ahi_revenue_new_cash_count (fx->store, "2026-13-01", 1, NULL, fx->owner_id, "owner",
                                      fx_time ("2026-12-01T16:30:00Z"), &error);
  g_assert_null (event);
  g_assert_error (error, AHI_CORE_ERROR, AHI_CORE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpint (fx_int (fx->store, "SELECT count(*) FROM cash_counts"), ==, 0);

  /* Refusals took no sequence number: the next count follows the log's
   * last event of this device without a gap. */
  event = ahi_revenue_new_cash_count (fx->store, "2026-12-01", 11999, NULL, fx->owner_id, "owner",
                                      fx_time ("2026-12-01T16:30:00Z"), &error);
  g_assert_no_error (error);
  {
    gint64 last = fx_int (fx->store, "SELECT max(device_seq) FROM tenant_event_logs");

    g_assert_true (ahi_store_append (fx->store, event, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (event->device_seq, ==, last + 1);
  }
  g_assert_cmpint (fx_int (fx->store, "SELECT difference_minor FROM cash_counts"), ==, 0);
}

static const AhiRevenueStaffRow *
staff_row (const AhiRevenueStaffReport *report, const char *staff_id)
{
  for (guint i = 0; i < report->rows->len; i++)
    {
      const AhiRevenueStaffRow *row = &g_array_index (report->rows, AhiRevenueStaffRow, i);

      if (g_str_equal (row->staff_id, staff_id))
        return row;
    }
  g_error ("no row for %s", staff_id);
  return NULL;
}

static void
assert_staff (const AhiRevenueStaffReport *report, const char *staff_id, gint64 revenue, guint completed,
              guint no_shows, gint64 no_show_lost, guint late, gint64 late_lost)
{
  const AhiRevenueStaffRow *row = staff_row (report, staff_id);

  g_assert_cmpint (row->revenue_minor, ==, revenue);
  g_assert_cmpuint (row->completed_visits, ==, completed);
  g_assert_cmpuint (row->no_shows, ==, no_shows);
  g_assert_cmpint (row->no_show_lost_minor, ==, no_show_lost);
  g_assert_cmpuint (row->late_cancellations, ==, late);
  g_assert_cmpint (row->late_cancel_lost_minor, ==, late_lost);
}

static void
test_staff_report (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiRevenueStaffReport) report = NULL;
  g_autofree char *json = NULL;

  report = ahi_revenue_staff_report (ahi_store_get_db (fx->store), fx_time (PERIOD_FROM), fx_time (PERIOD_TO), &error);
  g_assert_no_error (error);

  /* A, B, the owner (active, no figures) and the unassigned row; C left
   * and has nothing in the period. Sorted by id, unassigned last. */
  g_assert_cmpuint (report->rows->len, ==, 4);
  for (guint i = 1; i < report->rows->len; i++)
    g_assert_cmpint (strcmp (g_array_index (report->rows, AhiRevenueStaffRow, i - 1).staff_id,
                             g_array_index (report->rows, AhiRevenueStaffRow, i).staff_id), <, 0);
  g_assert_cmpstr (g_array_index (report->rows, AhiRevenueStaffRow, 3).staff_id, ==, AHI_REVENUE_UNASSIGNED);

  /* A: net 378450 (as in the summary); completed 01; no-show 02 lost
   * 75000; late cancellation 05 lost 30000 (07 was not late). */
  assert_staff (report, STAFF_A, 378450, 1, 1, 75000, 1, 30000);
  /* B: net 207989; completed 03; no-show 09 is on 2 Dec, outside; late
   * cancellation 04 lost 50000 (06 was the business's). */
  assert_staff (report, STAFF_B, 207989, 1, 0, 0, 1, 50000);
  assert_staff (report, fx->owner_id, 0, 0, 0, 0, 0, 0);
  /* Nobody: L7 50000 − L10 1000; no-show 08 lost 20000. */
  assert_staff (report, AHI_REVENUE_UNASSIGNED, 49000, 0, 1, 20000, 0, 0);

  json = ahi_revenue_staff_report_to_json (report);
  g_assert_true (g_str_has_prefix (json,
    "{\"from\":\"2026-11-29T21:00:00Z\",\"to\":\"2026-12-01T21:00:00Z\",\"staff\":["));
  g_assert_nonnull (strstr (json,
    "{\"staff_id\":\"" STAFF_A "\",\"revenue_minor\":378450,\"completed_visits\":1,\"no_shows\":1,"
    "\"no_show_lost_minor\":75000,\"late_cancellations\":1,\"late_cancel_lost_minor\":30000}"));
  g_assert_true (g_str_has_suffix (json,
    "{\"staff_id\":\"unassigned\",\"revenue_minor\":49000,\"completed_visits\":0,\"no_shows\":1,"
    "\"no_show_lost_minor\":20000,\"late_cancellations\":0,\"late_cancel_lost_minor\":0}]}"));
}

static void
test_no_business_yet (void)
{
  AhiStore *store = fx_store_new ("empty.db");
  g_autoptr(GError) error = NULL;
  gint64 expected = 0;
  AhiRevenueSummary *summary;

  summary = ahi_revenue_summary (ahi_store_get_db (store), 0, 86400, &error);
  g_assert_null (summary);
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE);
  g_clear_error (&error);
  g_assert_false (ahi_revenue_expected_cash (ahi_store_get_db (store), "2026-12-01", &expected, &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_INVALID_STATE);

  fx_store_free (store);
}

/* Each name means one thing, in the summary and in the KPIs alike: a
 * small ledger of one local day, 10 December, away from the fixture's
 * period, worked out by hand. */
static void
test_one_meaning_per_name (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AhiRevenueSummary) summary = NULL;
  g_autofree char *json = NULL;
  AhiDb *db = ahi_store_get_db (fx->store);
  gint64 from = fx_time ("2026-12-09T21:00:00Z");
  gint64 to = fx_time ("2026-12-10T21:00:00Z");
  AhiKpiValue sold, net_of_tax;

  /*  line  kind         amount  disc   KDV (p / 6)
   *  S1    sale         120000  30000  20000
   *  D1    deposit        6000      0   1000
   *  F1    no_show_fee    1200      0    200
   *  R1    refund        12000      0   2000
   *  A1    adjustment     -600      0   -100 */
  add_line (fx, LINE ("21"), "sale", "appointment", "card", 120000, 30000, "2026-12-10T08:00:00Z", STAFF_A, NULL, "TRY");
  add_line (fx, LINE ("22"), "deposit", "appointment", "cash", 6000, 0, "2026-12-10T09:00:00Z", STAFF_A, NULL, "TRY");
  add_line (fx, LINE ("23"), "no_show_fee", "appointment", "cash", 1200, 0, "2026-12-10T10:00:00Z", STAFF_B, NULL, "TRY");
  add_line (fx, LINE ("24"), "refund", "appointment", "card", 12000, 0, "2026-12-10T11:00:00Z", STAFF_A, NULL, "TRY");
  add_line (fx, LINE ("25"), "adjustment", "manual", "cash", -600, 0, "2026-12-10T12:00:00Z", NULL, NULL, "TRY");

  summary = ahi_revenue_summary (db, from, to, &error);
  g_assert_no_error (error);
  /* list           = (120000 + 30000) + 6000 + 1200        = 157200
   * discount       = 30000
   * sold           = 120000 + 6000 + 1200 = list − discount = 127200
   * refund         = 12000;  adjustment = −600
   * net_of_refunds = 127200 − 12000 − 600                   = 114600
   * tax            = 20000 + 1000 + 200 − 2000 − 100        =  19100
   * net_of_tax     = 114600 − 19100                          =  95500
   *   (line by line: 100000 + 5000 + 1000 − 10000 − 500    =  95500) */
  g_assert_cmpint (summary->total.list_minor, ==, 157200);
  g_assert_cmpint (summary->total.discount_minor, ==, 30000);
  g_assert_cmpint (summary->total.sold_minor, ==, 127200);
  g_assert_cmpint (summary->total.refund_minor, ==, 12000);
  g_assert_cmpint (summary->total.adjustment_minor, ==, -600);
  g_assert_cmpint (summary->total.net_of_refunds_minor, ==, 114600);
  g_assert_cmpint (summary->total.tax_minor, ==, 19100);
  g_assert_cmpint (summary->total.net_of_tax_minor, ==, 95500);
  g_assert_cmpuint (summary->total.lines, ==, 5);

  json = ahi_revenue_summary_to_json (summary);
  g_assert_true (g_str_has_prefix (json,
    "{\"v\":2,\"from\":\"2026-12-09T21:00:00Z\",\"to\":\"2026-12-10T21:00:00Z\",\"currency\":\"TRY\","
    "\"total\":{\"list_minor\":157200,\"discount_minor\":30000,\"sold_minor\":127200,\"refund_minor\":12000,"
    "\"adjustment_minor\":-600,\"net_of_refunds_minor\":114600,\"tax_minor\":19100,"
    "\"net_of_tax_minor\":95500,\"lines\":5},"));

  /* The KPIs of the same window give the same figures under the same
   * names: revenue_sold leaves the adjustment out (version 1's
   * revenue_gross had it in: 126600), revenue_net_of_tax is net of
   * refunds and of KDV. */
  g_assert_true (ahi_kpi_compute (db, "revenue_sold", from, to, &sold, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sold.value, ==, 127200);
  g_assert_true (ahi_kpi_compute (db, "revenue_net_of_tax", from, to, &net_of_tax, &error));
  g_assert_no_error (error);
  g_assert_cmpint (net_of_tax.value, ==, 95500);
  g_assert_false (ahi_kpi_compute (db, "revenue_gross", from, to, &sold, &error));
  g_assert_error (error, AHI_STORE_ERROR, AHI_STORE_ERROR_NOT_FOUND);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  ahi_store_module_init ();

#define ADD(path, func) g_test_add ("/store/revenue/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("summary-total", test_summary_total);
  ADD ("summary-by-source-and-method", test_summary_by_source_and_method);
  ADD ("summary-by-staff", test_summary_by_staff);
  ADD ("summary-by-local-day-and-month", test_summary_by_local_day_and_month);
  ADD ("summary-json", test_summary_json);
  ADD ("empty-period", test_empty_period);
  ADD ("refund-is-a-correction", test_refund_is_a_correction);
  ADD ("expected-cash", test_expected_cash);
  ADD ("reconciliation-shortfall", test_reconciliation_shortfall);
  ADD ("malformed-count-refused", test_malformed_count_refused);
  ADD ("staff-report", test_staff_report);
  ADD ("one-meaning-per-name", test_one_meaning_per_name);
  g_test_add_func ("/store/revenue/no-business-yet", test_no_business_yet);
#undef ADD

  return g_test_run ();
}
