/* test-money.c — the money figures an integrator reads, through a real
 * ahi-server process
 *
 * Version 2 of the revenue summary and of the KPI contract: one name per
 * figure, the same name in both (docs/revenue.md, docs/kpi.md). A small
 * ledger of one local day (Europe/Istanbul, UTC+3) is written through
 * the REST route and read back through the summary; the Command Center
 * names the revenue KPIs by their new ids; a blueprint override written
 * with the version-1 ids still applies, as the new ones. KDV at 20 %
 * inside a price p is p / 6.
 */
#include "ahi-test-tenant.h"

#include <string.h>

#include "core/ahi-core.h"

#define PASSWORD "çok-gizli-parola"

static char *data_dir;

static void
post_line (AhiTestServer *server,
           const char    *tenant,
           const char    *token,
           const char    *kind,
           const char    *method,
           gint64         amount,
           gint64         discount,
           const char    *booked_at)
{
  g_autofree char *body = g_strdup_printf (
    "{\"kind\":\"%s\",\"source\":\"manual\",\"method\":\"%s\",\"amount_minor\":%" G_GINT64_FORMAT ","
    "\"discount_minor\":%" G_GINT64_FORMAT ",\"currency\":\"TRY\",\"vat_rate_bp\":2000,\"booked_at\":\"%s\"}",
    kind, method, amount, discount, booked_at);
  AhiTestReply reply = ahi_test_callf (server, "POST", token, body, "/api/tenant/%s/revenue/events", tenant);

  ahi_test_expect (&reply, 201);
  ahi_test_reply_clear (&reply);
}

/* The KPI ids of a Command Center answer, after checking its version. */
static char *
command_center_kpis (AhiTestServer *server,
                     const char    *tenant,
                     const char    *token)
{
  AhiTestReply reply = ahi_test_callf (server, "GET", token, NULL, "/api/tenant/%s/command-center", tenant);
  JsonObject *center = ahi_test_expect (&reply, 200);
  JsonArray *kpis = json_object_get_array_member (center, "kpis");
  g_autoptr(GString) ids = g_string_new (NULL);

  g_assert_cmpint (json_object_get_int_member (center, "v"), ==, 2);
  for (guint i = 0; i < json_array_get_length (kpis); i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? "," : "",
                            json_object_get_string_member (json_array_get_object_element (kpis, i), "id"));
  ahi_test_reply_clear (&reply);
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
test_summary_v2 (void)
{
  AhiTestServer server = { 0 };
  g_autofree char *tenant = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *kpis = NULL;
  AhiTestReply reply;
  JsonObject *summary, *total;

  ahi_test_server_start (&server);
  tenant = ahi_test_sign_up (&server, NULL, NULL, "hair_beauty", "money-isil@example.com", PASSWORD, NULL);
  owner = ahi_test_login (&server, "money-isil@example.com", PASSWORD, NULL);

  /* 10 November, local 11:00–15:00:
   *  line  kind         amount  disc   KDV
   *  S1    sale         120000  30000  20000
   *  D1    deposit        6000      0   1000
   *  F1    no_show_fee    1200      0    200
   *  R1    refund        12000      0   2000
   *  A1    adjustment     -600      0   -100
   * and a sale on 11 November, outside the day asked for. */
  post_line (&server, tenant, owner, "sale", "card", 120000, 30000, "2026-11-10T08:00:00Z");
  post_line (&server, tenant, owner, "deposit", "cash", 6000, 0, "2026-11-10T09:00:00Z");
  post_line (&server, tenant, owner, "no_show_fee", "cash", 1200, 0, "2026-11-10T10:00:00Z");
  post_line (&server, tenant, owner, "refund", "card", 12000, 0, "2026-11-10T11:00:00Z");
  post_line (&server, tenant, owner, "adjustment", "cash", -600, 0, "2026-11-10T12:00:00Z");
  post_line (&server, tenant, owner, "sale", "cash", 99000, 0, "2026-11-11T08:00:00Z");

  reply = ahi_test_callf (&server, "GET", owner, NULL,
                          "/api/tenant/%s/revenue/summary?from=2026-11-09T21:00:00Z&to=2026-11-10T21:00:00Z", tenant);
  summary = ahi_test_expect (&reply, 200);
  g_assert_cmpint (json_object_get_int_member (summary, "v"), ==, 2);
  total = json_object_get_object_member (summary, "total");
  /* list           = 150000 + 6000 + 1200               = 157200
   * sold           = list − discount 30000              = 127200
   * net_of_refunds = 127200 − 12000 − 600               = 114600
   * tax            = 20000 + 1000 + 200 − 2000 − 100    =  19100
   * net_of_tax     = 114600 − 19100                     =  95500 */
  g_assert_cmpint (json_object_get_int_member (total, "list_minor"), ==, 157200);
  g_assert_cmpint (json_object_get_int_member (total, "discount_minor"), ==, 30000);
  g_assert_cmpint (json_object_get_int_member (total, "sold_minor"), ==, 127200);
  g_assert_cmpint (json_object_get_int_member (total, "refund_minor"), ==, 12000);
  g_assert_cmpint (json_object_get_int_member (total, "adjustment_minor"), ==, -600);
  g_assert_cmpint (json_object_get_int_member (total, "net_of_refunds_minor"), ==, 114600);
  g_assert_cmpint (json_object_get_int_member (total, "tax_minor"), ==, 19100);
  g_assert_cmpint (json_object_get_int_member (total, "net_of_tax_minor"), ==, 95500);
  g_assert_cmpint (json_object_get_int_member (total, "lines"), ==, 5);
  /* Version 1's names are gone, not kept beside the new ones. */
  g_assert_false (json_object_has_member (total, "gross_minor"));
  g_assert_false (json_object_has_member (total, "net_minor"));
  /* The card bucket: S1 and R1. Sold 120000, net of tax (120000 − 20000)
   * − (12000 − 2000) = 90000. */
  {
    JsonObject *card = json_object_get_object_member (json_object_get_object_member (summary, "by_method"), "card");

    g_assert_cmpint (json_object_get_int_member (card, "sold_minor"), ==, 120000);
    g_assert_cmpint (json_object_get_int_member (card, "net_of_tax_minor"), ==, 90000);
  }
  ahi_test_reply_clear (&reply);

  /* The Command Center names the revenue KPIs by their version-2 ids, in
   * the salon blueprint's order. */
  kpis = command_center_kpis (&server, tenant, owner);
  g_assert_true (g_str_has_prefix (kpis, "revenue_sold,"));
  g_assert_true (g_str_has_suffix (kpis, ",revenue_net_of_tax"));
  g_assert_null (strstr (kpis, "revenue_gross"));
  g_clear_pointer (&kpis, g_free);

  /* An integrator still sending the version-1 ids: the override applies,
   * read as the new ids, and the effective blueprint names only those. */
  reply = ahi_test_callf (&server, "PATCH", owner,
                          "{\"overrides\":{\"kpis\":[\"revenue_net\",\"revenue_gross\"],"
                          "\"vocabulary\":{\"kpis\":{\"revenue_gross\":\"Ciro\"}}}}",
                          "/api/tenant/%s/blueprint", tenant);
  {
    JsonObject *blueprint = json_object_get_object_member (ahi_test_expect (&reply, 200), "blueprint");
    JsonArray *ids = json_object_get_array_member (blueprint, "kpis");
    JsonObject *labels = json_object_get_object_member (json_object_get_object_member (blueprint, "vocabulary"), "kpis");

    g_assert_cmpuint (json_array_get_length (ids), ==, 2);
    g_assert_cmpstr (json_array_get_string_element (ids, 0), ==, "revenue_net_of_tax");
    g_assert_cmpstr (json_array_get_string_element (ids, 1), ==, "revenue_sold");
    g_assert_cmpstr (json_object_get_string_member (labels, "revenue_sold"), ==, "Ciro");
    g_assert_false (json_object_has_member (labels, "revenue_gross"));
  }
  ahi_test_reply_clear (&reply);
  kpis = command_center_kpis (&server, tenant, owner);
  g_assert_cmpstr (kpis, ==, "revenue_net_of_tax,revenue_sold");

  /* The stored override is read again after a restart, the same way. */
  ahi_test_server_stop (&server);
  ahi_test_server_start (&server);
  g_clear_pointer (&kpis, g_free);
  kpis = command_center_kpis (&server, tenant, owner);
  g_assert_cmpstr (kpis, ==, "revenue_net_of_tax,revenue_sold");

  ahi_test_server_stop (&server);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  ahi_core_init ();
  data_dir = g_dir_make_tmp ("ahi-money-XXXXXX", NULL);
  ahi_test_server_init (data_dir);

  g_test_add_func ("/server/money/summary-v2", test_summary_v2);
  status = g_test_run ();

  ahi_test_server_finish ();
  g_free (data_dir);
  return status;
}
