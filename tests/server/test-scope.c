/* test-scope.c — what each role may read, through a real ahi-server
 * process (DESIGN §5a, docs/events.md "Who may read")
 *
 * The receptionist takes payments and counts the till: a staff member's
 * Command Center keeps every card and count but no figure in kuruş, and
 * an owner's cached answer is never served to staff (the cache is per
 * scope).
 */
#include "ahi-test-tenant.h"

#include <string.h>

#include "core/ahi-core.h"

#define PASSWORD "çok-gizli-parola"

static char *data_dir;

typedef struct {
  char *tenant, *owner_user, *owner, *owner_device, *staff_user, *staff, *staff_device;
} Salon;

static void
salon_clear (Salon *salon)
{
  g_free (salon->tenant);
  g_free (salon->owner_user);
  g_free (salon->owner);
  g_free (salon->owner_device);
  g_free (salon->staff_user);
  g_free (salon->staff);
  g_free (salon->staff_device);
}

static void
salon_sign_up (AhiTestServer *server,
               const char    *name,
               Salon         *salon)
{
  g_autofree char *owner_email = g_strdup_printf ("%s@example.com", name);
  g_autofree char *staff_email = g_strdup_printf ("%s-banko@example.com", name);

  salon->tenant = ahi_test_sign_up (server, "Işıl Kuaför", "Işıl", "hair_beauty", owner_email, PASSWORD,
                                    &salon->owner_user);
  salon->owner = ahi_test_login (server, owner_email, PASSWORD, &salon->owner_device);
  salon->staff_user = ahi_test_add_member (server, salon->tenant, salon->owner, staff_email, PASSWORD, "staff");
  salon->staff = ahi_test_login (server, staff_email, PASSWORD, &salon->staff_device);
}

/* A sale of today, written by the owner through REST. */
static void
record_sale (AhiTestServer *server,
             Salon         *salon,
             gint64         amount)
{
  /* A minute ago: the snapshot's window ends at its "now". */
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) before = g_date_time_add_minutes (now, -1);
  g_autofree char *booked_at = g_date_time_format (before, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *body = g_strdup_printf (
    "{\"kind\":\"sale\",\"source\":\"manual\",\"method\":\"cash\",\"amount_minor\":%" G_GINT64_FORMAT ","
    "\"currency\":\"TRY\",\"vat_rate_bp\":2000,\"booked_at\":\"%s\"}", amount, booked_at);
  AhiTestReply reply = ahi_test_callf (server, "POST", salon->owner, body, "/api/tenant/%s/revenue/events",
                                       salon->tenant);

  ahi_test_expect (&reply, 201);
  ahi_test_reply_clear (&reply);
}

/* The Command Center as token reads it: its text, and whether it came
 * from the cache. */
static char *
command_center (AhiTestServer *server,
                Salon         *salon,
                const char    *token,
                gboolean      *out_cached)
{
  AhiTestReply reply = ahi_test_callf (server, "GET", token, NULL, "/api/tenant/%s/command-center", salon->tenant);
  JsonObject *center = ahi_test_expect (&reply, 200);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), center);
  char *text = json_to_string (node, FALSE);

  *out_cached = g_strcmp0 (reply.cache, "hit") == 0;
  ahi_test_reply_clear (&reply);
  return text;
}

static guint
count_minor_kpis (const char *text,
                  guint      *out_all)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *kpis;
  guint n = 0;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  kpis = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "kpis");
  for (guint i = 0; i < json_array_get_length (kpis); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (kpis, i), "unit"), "minor"))
      n++;
  *out_all = json_array_get_length (kpis);
  return n;
}

/* ---------------------------------------------------------------- tests */

/* The owner's Command Center shows the month's sales in kuruş; the staff
 * member's the same KPIs but the money ones, and no "_minor" member
 * anywhere; each is cached for its own scope. */
static void
test_command_center_per_scope (void)
{
  AhiTestServer server = { 0 };
  Salon salon = { 0 };
  g_autofree char *owner_first = NULL, *owner_again = NULL, *staff_first = NULL, *staff_again = NULL;
  gboolean cached = TRUE;
  guint owner_all, staff_all, owner_money, staff_money;

  ahi_test_server_start (&server);
  salon_sign_up (&server, "scope", &salon);
  /* 1.200,00 TL sold today: the owner's "revenue_sold" carries 120000. */
  record_sale (&server, &salon, 120000);

  owner_first = command_center (&server, &salon, salon.owner, &cached);
  g_assert_false (cached);
  owner_again = command_center (&server, &salon, salon.owner, &cached);
  g_assert_true (cached);
  g_assert_cmpstr (owner_again, ==, owner_first);
  g_assert_nonnull (strstr (owner_first, "\"id\":\"revenue_sold\""));
  g_assert_nonnull (strstr (owner_first, "120000"));

  /* The owner's answer is in the cache; staff still get a miss: theirs
   * is made for their scope. */
  staff_first = command_center (&server, &salon, salon.staff, &cached);
  g_assert_false (cached);
  staff_again = command_center (&server, &salon, salon.staff, &cached);
  g_assert_true (cached);
  g_assert_cmpstr (staff_again, ==, staff_first);
  g_assert_null (strstr (staff_first, "_minor"));
  g_assert_null (strstr (staff_first, "120000"));
  g_assert_null (strstr (staff_first, "\"unit\":\"minor\""));

  /* The KPIs staff see are the owner's but the money ones. */
  owner_money = count_minor_kpis (owner_first, &owner_all);
  staff_money = count_minor_kpis (staff_first, &staff_all);
  g_assert_cmpuint (owner_money, >, 0);
  g_assert_cmpuint (staff_money, ==, 0);
  g_assert_cmpuint (staff_all, ==, owner_all - owner_money);

  ahi_test_server_stop (&server);
  salon_clear (&salon);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  ahi_core_init ();
  data_dir = g_dir_make_tmp ("ahi-scope-XXXXXX", NULL);
  ahi_test_server_init (data_dir);

  g_test_add_func ("/server/scope/command-center", test_command_center_per_scope);

  status = g_test_run ();
  ahi_test_server_finish ();
  g_free (data_dir);
  return status;
}
